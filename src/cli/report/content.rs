//! What `kiosk report --exhibits` tells the report about the content: titles, scene
//! order, the questions and their choices, and how long each scene needs, so that the
//! report can show holding power (time spent against time needed).
//!
//! Time needed is estimated from the text a visitor reads, at an ordinary reading pace
//! for a museum floor: about 4 characters a second of Chinese or Japanese text, about
//! 3 words a second of other text, plus 5 seconds per question to choose. Animations
//! need their own length.

use usage_report::{ContentInfo, ExhibitInfo, QuestionInfo, SceneInfo};

use exhibit_format::catalog::Catalog;
use exhibit_format::exhibit::{Exhibit, QuestionKind, SceneKind};
use exhibit_format::text::Text;
use exhibit_format::ui_strings::UiStrings;

/// Characters a second of CJK text a visitor reads.
pub const CJK_CHARS_PER_S: f64 = 4.0;
/// Words a second of other text.
pub const WORDS_PER_S: f64 = 3.0;
/// Seconds to pick an answer, per question.
pub const CHOOSE_S: f64 = 5.0;

/// The content of every exhibit the catalog shows, with text in `lang` (else each
/// exhibit's first language); `ui` names true / false in that language.
pub fn content_info(catalog: &Catalog, ui: &UiStrings, lang: Option<&str>) -> ContentInfo {
    let lang = lang.unwrap_or(catalog.config.default_language());
    ContentInfo {
        exhibits: catalog
            .shown()
            .into_iter()
            .map(|e| exhibit_info(e, ui, lang))
            .collect(),
    }
}

fn exhibit_info(ex: &Exhibit, ui: &UiStrings, lang: &str) -> ExhibitInfo {
    let fallback = ex.languages.first().map(String::as_str).unwrap_or(lang);
    let t = |text: &Text| text.get(lang, fallback).to_owned();
    ExhibitInfo {
        id: ex.id.clone(),
        title: t(&ex.title),
        scenes: ex
            .scenes
            .iter()
            .map(|scene| match &scene.kind {
                SceneKind::Quiz(quiz) => {
                    let mut needs = reading_s(quiz.intro.get(lang, fallback));
                    let questions = quiz
                        .questions
                        .iter()
                        .map(|q| {
                            let (choices, correct): (Vec<String>, Vec<u32>) = match q.kind {
                                QuestionKind::TrueFalse => (
                                    vec![ui.get(lang, "true").into(), ui.get(lang, "false").into()],
                                    vec![if q.answer == Some(false) { 1 } else { 0 }],
                                ),
                                _ => (
                                    q.choices.iter().map(|c| t(&c.text)).collect(),
                                    q.choices
                                        .iter()
                                        .enumerate()
                                        .filter(|(_, c)| c.correct)
                                        .map(|(i, _)| i as u32)
                                        .collect(),
                                ),
                            };
                            // The prompt, every choice, the explanation and the feedback on
                            // the choice picked (taken as the longest one).
                            let feedback = q
                                .choices
                                .iter()
                                .map(|c| reading_s(c.feedback.get(lang, fallback)))
                                .fold(0.0, f64::max);
                            needs += reading_s(q.prompt.get(lang, fallback))
                                + choices.iter().map(|c| reading_s(c)).sum::<f64>()
                                + reading_s(q.explanation.get(lang, fallback))
                                + feedback
                                + CHOOSE_S;
                            QuestionInfo {
                                id: q.id.clone(),
                                prompt: t(&q.prompt),
                                choices,
                                correct,
                            }
                        })
                        .collect();
                    SceneInfo {
                        id: scene.id.clone(),
                        title: t(&scene.title),
                        kind: scene.kind.name().into(),
                        needs_s: needs,
                        questions,
                    }
                }
                SceneKind::Demonstration(demo) => SceneInfo {
                    id: scene.id.clone(),
                    title: t(&scene.title),
                    kind: scene.kind.name().into(),
                    needs_s: demo
                        .intro
                        .as_ref()
                        .map_or(0.0, |i| reading_s(i.get(lang, fallback)))
                        + PLAY_S,
                    questions: Vec::new(),
                },
                SceneKind::Animation(anim) => SceneInfo {
                    id: scene.id.clone(),
                    title: t(&scene.title),
                    kind: scene.kind.name().into(),
                    needs_s: f64::from(anim.length()),
                    questions: Vec::new(),
                },
            })
            .collect(),
    }
}

/// Seconds a visitor needs to try a demonstration's controls once and watch the result:
/// an assumption (about four tries of ten seconds), stated in docs/usage-log.md.
pub const PLAY_S: f64 = 40.0;

/// Seconds to read `text`: CJK characters at [`CJK_CHARS_PER_S`], other words at
/// [`WORDS_PER_S`].
pub fn reading_s(text: &str) -> f64 {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let words = text
        .split(|c: char| c.is_whitespace() || is_cjk(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    cjk as f64 / CJK_CHARS_PER_S + words as f64 / WORDS_PER_S
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FFFF) // extensions B–F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_animation_needs_its_own_length() {
        let ui = UiStrings::builtin();
        let catalog = Catalog::load(
            std::path::Path::new("crates/exhibit-format/tests/fixtures/animation"),
            &ui,
        )
        .unwrap();
        let info = content_info(&catalog, &ui, Some("en"));
        let scene = &info.exhibits[0].scenes[0];
        assert_eq!((scene.kind.as_str(), scene.needs_s), ("animation", 12.0));
    }

    #[test]
    fn reading_time_counts_chinese_characters_and_english_words() {
        assert_eq!(reading_s("地震时怎么办"), 6.0 / CJK_CHARS_PER_S);
        assert_eq!(reading_s("Drop, cover, hold on!"), 4.0 / WORDS_PER_S);
        assert_eq!(
            reading_s("用 GPS 定位"),
            3.0 / CJK_CHARS_PER_S + 1.0 / WORDS_PER_S
        );
        assert_eq!(reading_s(""), 0.0);
    }

    #[test]
    fn bundled_exhibits_give_titles_scenes_and_times() {
        let ui = exhibit_format::ui_strings::UiStrings::builtin();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("exhibits");
        let catalog = Catalog::load(&root, &ui).unwrap();
        let info = content_info(&catalog, &ui, Some("en"));
        assert!(info.exhibits.len() >= 3);
        for e in &info.exhibits {
            assert!(!e.title.is_empty(), "{}", e.id);
            for s in &e.scenes {
                // A quiz scene takes between half a minute and a quarter of an hour.
                assert!(
                    (30.0..900.0).contains(&s.needs_s),
                    "{}/{}: {}",
                    e.id,
                    s.id,
                    s.needs_s
                );
                for q in &s.questions {
                    assert!(!q.correct.is_empty(), "{}/{}", s.id, q.id);
                }
            }
        }
    }
}
