//! The exhibits and config shipped in the repository are valid and complete.

use std::path::PathBuf;

use exhibit_format::catalog::Catalog;
use exhibit_format::exhibit::{QuestionKind, SceneKind};
use exhibit_format::ui_strings::UiStrings;

#[test]
fn bundled_exhibits_and_config_have_no_errors_or_warnings() {
    let mut out = Vec::new();
    let summary = exhibit_format::catalog::validate_paths(
        &[PathBuf::from("kiosk.ron")],
        &UiStrings::builtin(),
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!((summary.errors, summary.warnings), (0, 0), "{text}");
    assert!(summary.exhibits >= 3, "{text}");
}

#[test]
fn every_bundled_exhibit_is_bilingual_and_teaches() {
    let catalog = Catalog::load(std::path::Path::new("exhibits"), &UiStrings::builtin()).unwrap();
    let shown = catalog.shown();
    assert!(shown.len() >= 3);
    let mut kinds = std::collections::HashSet::new();
    for ex in shown {
        for lang in ["zh-Hans", "en"] {
            assert!(
                ex.languages.iter().any(|l| l == lang),
                "{} lacks {lang}",
                ex.id
            );
            assert!(
                ex.title.has(lang) && ex.summary.has(lang),
                "{} title/summary in {lang}",
                ex.id
            );
        }
        for scene in &ex.scenes {
            let SceneKind::Quiz(quiz) = &scene.kind else {
                continue;
            };
            for q in &quiz.questions {
                kinds.insert(format!("{:?}", q.kind));
                for lang in ["zh-Hans", "en"] {
                    assert!(
                        q.explanation.has(lang),
                        "{}/{} explains in {lang}",
                        ex.id,
                        q.id
                    );
                }
                if q.kind != QuestionKind::TrueFalse {
                    assert!(
                        q.choices
                            .iter()
                            .all(|c| c.feedback.has("en") && c.feedback.has("zh-Hans")),
                        "{}/{}: feedback on each choice",
                        ex.id,
                        q.id
                    );
                }
            }
        }
    }
    assert_eq!(
        kinds.len(),
        3,
        "all three question kinds are used: {kinds:?}"
    );
}

#[test]
fn the_kiosk_binary_exits_1_on_errors_and_0_without() {
    let bin = env!("CARGO_BIN_EXE_kiosk");
    let bad = std::process::Command::new(bin)
        .args(["validate", "crates/exhibit-format/tests/fixtures/broken"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let good = std::process::Command::new(bin)
        .args(["validate", "exhibits", "kiosk.ron"])
        .output()
        .unwrap();
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
}
