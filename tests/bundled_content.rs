//! The exhibits and config shipped in the repository are valid and complete.

use std::path::PathBuf;

use kiosk::catalog::Catalog;
use kiosk::exhibit::{QuestionKind, SceneKind};
use kiosk::ui_strings::UiStrings;

#[test]
fn bundled_exhibits_and_config_have_no_errors_or_warnings() {
    let mut out = Vec::new();
    let summary = kiosk::validate_cmd::run(&[PathBuf::from("kiosk.ron")], &mut out).unwrap();
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
