//! A visitor's whole way through the kiosk, once by touch and once by gamepad: start,
//! exhibit list, quiz, answer, feedback, walk away, countdown, reset.

use bevy::prelude::*;
use kiosk::exhibit::SceneKind;
use kiosk::kiosk_app::idle::IdleOverlay;
use kiosk::kiosk_app::screens::Screen;
use kiosk::kiosk_app::visit::{SceneState, Visit};
use kiosk::quiz::{Outcome, Phase};

use crate::support::{Kiosk, bundled_content};

fn quiz_phase(k: &Kiosk) -> Phase {
    match &k.resource::<Visit>().scene_state {
        Some(SceneState::Quiz(run)) => run.phase(),
        None => panic!("no quiz open"),
    }
}

fn quiz_outcome(k: &Kiosk) -> Option<Outcome> {
    match &k.resource::<Visit>().scene_state {
        Some(SceneState::Quiz(run)) => run.outcome(),
        None => None,
    }
}

/// The text of the right choice of the question on screen, in `lang`.
fn right_choice_text(k: &Kiosk, lang: &str) -> String {
    let content = bundled_content();
    let visit = k.resource::<Visit>();
    let ex = &content.exhibits[visit.exhibit.unwrap()].exhibit;
    let SceneKind::Quiz(quiz) = &ex.scenes[visit.scene].kind;
    let Some(SceneState::Quiz(run)) = &visit.scene_state else {
        panic!("no quiz")
    };
    let q = &quiz.questions[run.question_index().unwrap()];
    q.choices
        .iter()
        .find(|c| c.correct)
        .expect("single choice has a right answer")
        .text
        .get(lang, "zh-Hans")
        .to_owned()
}

#[test]
fn touch_visitor_takes_a_quiz_walks_away_and_the_kiosk_resets() {
    let mut k = Kiosk::new(bundled_content());
    assert_eq!(k.screen(), Screen::Attract);
    assert!(!k.has::<Visit>());
    assert!(
        k.labels().contains(&"English".to_owned()),
        "attract offers languages: {:?}",
        k.labels()
    );

    // Touching a language starts the visit in it.
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub);
    assert_eq!(k.resource::<Visit>().lang, "en");
    let labels = k.labels();
    for title in [
        "When the Earth Shakes",
        "Growing Older, Staying Well",
        "Carbon Neutral, Explained",
    ] {
        assert!(
            labels.contains(&title.to_owned()),
            "hub shows `{title}`: {labels:?}"
        );
    }

    // The language switch works on the hub too, and back.
    k.tap("中文");
    assert_eq!(k.resource::<Visit>().lang, "zh-Hans");
    assert!(
        k.labels().contains(&"地震来了怎么办".to_owned()),
        "{:?}",
        k.labels()
    );
    k.tap("English");

    k.tap("When the Earth Shakes");
    assert_eq!(k.screen(), Screen::Exhibit);
    assert_eq!(quiz_phase(&k), Phase::Intro);
    k.tap("Start");
    assert_eq!(quiz_phase(&k), Phase::Asking);

    let right = right_choice_text(&k, "en");
    assert!(
        k.labels().contains(&right),
        "the choices are on screen: {:?}",
        k.labels()
    );
    k.tap(&right);
    assert_eq!(quiz_phase(&k), Phase::Feedback);
    assert_eq!(quiz_outcome(&k), Some(Outcome::Correct));
    assert!(
        k.labels().contains(&"Next question".to_owned()),
        "{:?}",
        k.labels()
    );

    // Walk away: after idle_warning (60 s) the countdown shows, in the visitor's language.
    k.wait(61.0);
    assert!(k.resource::<IdleOverlay>().shown());
    assert_eq!(
        k.labels(),
        vec!["I'm still here".to_owned()],
        "only the dialog is reachable"
    );
    let left = k.resource::<IdleOverlay>().remaining().unwrap();
    assert!((28.0..=29.5).contains(&left), "about 29 s left, got {left}");

    // Touching it keeps the visit, where it was.
    k.tap("I'm still here");
    assert!(!k.resource::<IdleOverlay>().shown());
    assert_eq!(k.screen(), Screen::Exhibit);
    assert_eq!(quiz_phase(&k), Phase::Feedback);

    // Walk away for good: back to attract with nothing of the visitor left.
    k.wait(61.0);
    assert!(k.resource::<IdleOverlay>().shown());
    k.wait(30.0);
    assert_eq!(k.screen(), Screen::Attract);
    assert!(!k.has::<Visit>(), "the visit is gone");
    assert!(!k.resource::<IdleOverlay>().shown());
    assert!(k.labels().contains(&"English".to_owned()));
    assert!(
        !k.labels()
            .iter()
            .any(|l| l == "Next question" || l == &right)
    );
}

#[test]
fn gamepad_visitor_moves_a_visible_focus_and_uses_back_and_home() {
    let mut k = Kiosk::new(bundled_content());
    // Any button starts, in the default language.
    k.press(GamepadButton::South);
    assert_eq!(k.screen(), Screen::Hub);
    assert_eq!(k.resource::<Visit>().lang, "zh-Hans");
    // The focus is visible on the first card (playlist order).
    assert_eq!(k.focused().as_deref(), Some("地震来了怎么办"));
    k.press(GamepadButton::DPadRight);
    assert_eq!(k.focused().as_deref(), Some("银龄健康小课堂"));
    k.press(GamepadButton::South);
    assert_eq!(k.screen(), Screen::Exhibit);
    assert_eq!(k.resource::<Visit>().exhibit, Some(1));

    // The scene's main control has the focus: Start, then the first choice.
    assert_eq!(k.focused().as_deref(), Some("开始"));
    k.press(GamepadButton::South);
    assert_eq!(quiz_phase(&k), Phase::Asking);
    let first = k.focused().expect("a choice is focused");
    k.press(GamepadButton::DPadDown);
    let second = k.focused().expect("a choice is focused");
    assert_ne!(first, second, "d-pad down moves to the next choice");
    k.press(GamepadButton::South);
    assert_eq!(quiz_phase(&k), Phase::Feedback);
    // After answering, the way on is focused.
    let on = k.focused().unwrap();
    assert!(on == "下一题" || on == "查看总结", "focus on next: {on}");

    // East goes back (first scene: to the list); Start goes home from anywhere.
    k.press(GamepadButton::East);
    assert_eq!(k.screen(), Screen::Hub);
    k.press(GamepadButton::South);
    assert_eq!(k.screen(), Screen::Exhibit);
    k.press(GamepadButton::Start);
    assert_eq!(k.screen(), Screen::Hub);

    // A gamepad press during the countdown keeps the visit.
    k.wait(61.0);
    assert!(k.resource::<IdleOverlay>().shown());
    assert_eq!(k.focused().as_deref(), Some("我还在"));
    k.press(GamepadButton::South);
    assert!(!k.resource::<IdleOverlay>().shown());
    assert_eq!(k.screen(), Screen::Hub);

    // And the reset.
    k.wait(91.0);
    assert_eq!(k.screen(), Screen::Attract);
    assert!(!k.has::<Visit>());
}

#[test]
fn keyboard_reaches_everything_and_escape_goes_back() {
    let mut k = Kiosk::new(bundled_content());
    k.key(KeyCode::Enter);
    assert_eq!(k.screen(), Screen::Hub);
    assert_eq!(k.focused().as_deref(), Some("地震来了怎么办"));
    // Up from the first card reaches the language switch.
    k.key(KeyCode::ArrowUp);
    assert_eq!(k.focused().as_deref(), Some("中文"));
    k.key(KeyCode::ArrowRight);
    assert_eq!(k.focused().as_deref(), Some("English"));
    k.key(KeyCode::Enter);
    assert_eq!(k.resource::<Visit>().lang, "en");
    k.key(KeyCode::ArrowDown);
    k.key(KeyCode::Enter);
    assert_eq!(k.screen(), Screen::Exhibit);
    k.key(KeyCode::Escape);
    assert_eq!(k.screen(), Screen::Hub);
}
