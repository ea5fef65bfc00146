//! Accessibility: the visitor's settings change what is drawn, one-button scanning
//! reaches and works every control of every bundled exhibit.

use std::collections::HashSet;

use bevy::prelude::*;
use bevy_egui::egui;
use kiosk::kiosk_app::accessibility::voicing::Voicing;
use kiosk::kiosk_app::core::overlay::{Overlay, Popup};
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::settings::VisitorSettings;
use kiosk::kiosk_app::core::visit::Visit;
use kiosk::kiosk_app::input::focus::FocusRing;

use crate::support::{Kiosk, bundled_content};

/// The shortest hold the config allows, to keep the walk short.
const HOLD: f32 = 0.3;

fn one_switch_kiosk() -> Kiosk {
    let mut content = bundled_content();
    content.config.one_switch = true;
    content.config.switch_hold = HOLD;
    Kiosk::new(content)
}

/// One short press of the switch.
fn step(k: &mut Kiosk) {
    k.key(KeyCode::Space);
}

/// One hold of the switch: chooses what is highlighted.
fn choose(k: &mut Kiosk) {
    k.hold_key(KeyCode::Space, HOLD + 0.05);
}

/// Ids of the controls a visitor can reach now (top layer).
fn reachable_ids(k: &Kiosk) -> Vec<egui::Id> {
    k.resource::<FocusRing>()
        .reachable()
        .map(|c| c.id)
        .collect()
}

/// Presses the switch until `id` is highlighted; panics if a whole round of the screen's
/// stops (sliders count twice) never gets there.
fn scan_to(k: &mut Kiosk, id: egui::Id, what: &str) -> usize {
    let stops = 2 * reachable_ids(k).len() + 2;
    for presses in 0..stops {
        if k.focused_id() == Some(id) {
            return presses;
        }
        step(k);
    }
    panic!(
        "one-button use never reaches `{what}`; stops: {:?}",
        k.labels()
    );
}

#[test]
fn one_button_use_reaches_and_works_every_control_of_every_bundled_exhibit() {
    let mut k = one_switch_kiosk();
    // A press of the switch on the attract loop starts the visit.
    step(&mut k);
    assert_eq!(k.screen(), Screen::Hub);
    let exhibits = k.resource::<kiosk::kiosk_app::Content>().exhibits.len();
    assert_eq!(exhibits, 11);
    let mut chosen_total = 0;
    for index in 0..exhibits {
        // Open the exhibit from the hub by scanning to its card and holding.
        k.app
            .world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Hub);
        k.frames(3);
        let title = {
            let content = k.resource::<kiosk::kiosk_app::Content>();
            content.exhibits[index]
                .exhibit
                .title
                .get("zh-Hans", "zh-Hans")
                .to_owned()
        };
        let card = k
            .resource::<FocusRing>()
            .reachable()
            .find(|c| c.label == title)
            .map(|c| c.id)
            .unwrap_or_else(|| panic!("no card `{title}`: {:?}", k.labels()));
        scan_to(&mut k, card, &title);
        choose(&mut k);
        assert_eq!(k.screen(), Screen::Exhibit, "holding on `{title}` opens it");
        assert_eq!(k.resource::<Visit>().exhibit, Some(index));

        let scenes = k.resource::<kiosk::kiosk_app::Content>().exhibits[index]
            .exhibit
            .scenes
            .len();
        for scene in 0..scenes {
            k.frames(2);
            // Each control in turn: reach it, choose it, check the choice landed on it,
            // then put the visit back as it was, so the next control is tried on the
            // same screen (choosing "Home" or an answer changes the screen).
            let saved = k.resource::<Visit>().clone();
            let controls: Vec<(egui::Id, String, bool)> = k
                .resource::<FocusRing>()
                .scan_order()
                .into_iter()
                .map(|c| (c.id, c.label.clone(), c.adjustable))
                .collect();
            assert!(
                controls.len() >= 5,
                "{title} scene {scene}: {:?}",
                k.labels()
            );
            let mut seen = HashSet::new();
            for (id, label, adjustable) in &controls {
                scan_to(&mut k, *id, label);
                seen.insert(*id);
                choose(&mut k);
                assert_eq!(
                    k.resource::<FocusRing>().last_chosen(),
                    Some(*id),
                    "{title} scene {scene}: holding on `{label}` chooses it"
                );
                if *adjustable {
                    // The second stop on a slider raises it.
                    step(&mut k);
                    assert_eq!(k.focused_id(), Some(*id), "`{label}` has two stops");
                    choose(&mut k);
                }
                chosen_total += 1;
                // No dead end: whatever choosing did, something can be reached.
                assert!(
                    !reachable_ids(&k).is_empty(),
                    "{title}: nothing to reach after choosing `{label}`"
                );
                // Back to the screen as it was.
                let world = k.app.world_mut();
                world.resource_mut::<Overlay>().set(Popup::Settings, false);
                *world.resource_mut::<Visit>() = saved.clone();
                world
                    .resource_mut::<NextState<Screen>>()
                    .set(Screen::Exhibit);
                k.frames(3);
            }
            assert_eq!(seen.len(), controls.len());
            // On to the next scene with the Next button, by scanning.
            if scene + 1 < scenes {
                let next = k
                    .resource::<FocusRing>()
                    .reachable()
                    .find(|c| c.label == "下一步")
                    .map(|c| c.id)
                    .expect("a Next button");
                scan_to(&mut k, next, "下一步");
                choose(&mut k);
                assert_eq!(
                    k.resource::<Visit>().scene,
                    scene + 1,
                    "{title}: Next works"
                );
            }
        }
    }
    assert!(chosen_total > 150, "{chosen_total} controls chosen");
}

/// Opens the exhibit `id` as if its card had been tapped (wherever the hub scrolled).
fn open_exhibit(k: &mut Kiosk, id: &str) {
    let content = k.resource::<kiosk::kiosk_app::Content>().clone();
    let index = content
        .exhibits
        .iter()
        .position(|e| e.exhibit.id == id)
        .expect("bundled exhibit");
    let world = k.app.world_mut();
    world.resource_mut::<Visit>().open_exhibit(&content, index);
    world
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Exhibit);
    k.frames(3);
}

/// Every vertex egui drew last frame: position and colour.
fn drawn(k: &mut Kiosk) -> Vec<([f32; 2], [u8; 4])> {
    let world = k.app.world_mut();
    let mut q = world.query::<&bevy_egui::EguiRenderOutput>();
    q.iter(world)
        .flat_map(|out| out.paint_jobs.iter())
        .filter_map(|job| match &job.primitive {
            egui::epaint::Primitive::Mesh(m) => Some(m),
            _ => None,
        })
        .flat_map(|m| m.vertices.iter())
        .map(|v| ([v.pos.x, v.pos.y], v.color.to_array()))
        .collect()
}

/// How many vertices were drawn in `colour`.
fn count_colour(k: &mut Kiosk, colour: egui::Color32) -> usize {
    let c = colour.to_array();
    drawn(k).iter().filter(|(_, v)| *v == c).count()
}

fn settings(k: &mut Kiosk) -> Mut<'_, VisitorSettings> {
    k.app.world_mut().resource_mut::<VisitorSettings>()
}

#[test]
fn settings_open_from_every_screen_and_reset_after_the_visit() {
    let mut k = Kiosk::new(bundled_content());
    // On the attract loop, before starting: the panel opens by touch.
    k.tap("显示与声音");
    assert!(k.resource::<Overlay>().is_up(Popup::Settings));
    assert_eq!(
        k.screen(),
        Screen::Attract,
        "the touch does not start a visit"
    );
    let rows = k.labels();
    for row in [
        "大字: 关",
        "高对比度: 关",
        "减少动画: 关",
        "朗读: 关",
        "单键操作: 关",
        "小声一点",
        "大声一点",
        "完成",
    ] {
        assert!(rows.iter().any(|r| r == row), "{row} in {rows:?}");
    }
    k.tap("大字: 关");
    assert!(k.resource::<VisitorSettings>().larger_text);
    k.tap("高对比度: 关");
    k.tap("完成");
    assert!(!k.resource::<Overlay>().is_up(Popup::Settings));
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub);
    assert!(
        k.resource::<VisitorSettings>().larger_text,
        "kept into the visit"
    );
    // On the hub and in an exhibit: the bar's button, and gamepad Y.
    k.tap("Display and sound");
    assert!(k.resource::<Overlay>().is_up(Popup::Settings));
    k.press(GamepadButton::East);
    assert!(
        !k.resource::<Overlay>().is_up(Popup::Settings),
        "Back closes the panel only"
    );
    assert_eq!(k.screen(), Screen::Hub);
    k.tap("When the Earth Shakes");
    k.press(GamepadButton::North);
    assert!(k.resource::<Overlay>().is_up(Popup::Settings));
    assert_eq!(
        k.focused().as_deref(),
        Some("Larger text: On"),
        "the focus goes into the panel"
    );
    k.press(GamepadButton::South);
    assert!(!k.resource::<VisitorSettings>().larger_text);
    k.press(GamepadButton::North);
    assert!(!k.resource::<Overlay>().is_up(Popup::Settings));
    assert_eq!(
        k.focused().as_deref(),
        Some("Start"),
        "and back to where it was"
    );
    // The visitor walks away: the next one starts from the kiosk's defaults.
    k.wait(200.0);
    assert_eq!(k.screen(), Screen::Attract);
    let s = k.resource::<VisitorSettings>().clone();
    assert!(!s.larger_text && !s.high_contrast, "{s:?}");
}

#[test]
fn larger_text_reflows_the_hub_into_wider_cards() {
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    let title = "When the Earth Shakes";
    let before = k.rect_of(title);
    let bar_before = k.rect_of("Display and sound");
    settings(&mut k).larger_text = true;
    k.frames(3);
    let after = k.rect_of(title);
    assert!(
        after.width() > before.width() * 1.4,
        "two columns instead of three: {before:?} → {after:?}"
    );
    let bar_after = k.rect_of("Display and sound");
    assert!(
        bar_after.width() > bar_before.width() * 1.3,
        "button words 1.5× wider"
    );
}

#[test]
fn high_contrast_draws_white_on_black() {
    use kiosk::kiosk_app::ui::theme::Palette;
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    let standard_bg = count_colour(&mut k, Palette::STANDARD.background);
    assert!(standard_bg > 0);
    settings(&mut k).high_contrast = true;
    k.frames(3);
    assert_eq!(count_colour(&mut k, Palette::STANDARD.background), 0);
    assert!(count_colour(&mut k, Palette::HIGH_CONTRAST.background) > 0);
    assert!(
        count_colour(&mut k, Palette::HIGH_CONTRAST.outline) > 0,
        "controls are outlined in white"
    );
}

#[test]
fn less_motion_holds_the_attract_loop_still() {
    let mut k = Kiosk::new(bundled_content());
    let a = drawn(&mut k);
    k.frames(10);
    assert_ne!(drawn(&mut k), a, "the planets move");
    settings(&mut k).reduced_motion = true;
    k.frames(2);
    let a = drawn(&mut k);
    k.frames(10);
    assert_eq!(drawn(&mut k), a, "nothing moves");
}

#[test]
fn one_button_use_moves_on_a_press_and_shows_the_hold_filling() {
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    k.key(KeyCode::ArrowDown);
    let first = k.focused();
    settings(&mut k).one_switch = true;
    k.key(KeyCode::Space);
    assert_eq!(k.screen(), Screen::Hub, "a press does not choose");
    assert_ne!(k.focused(), first, "it moves the highlight");
    let at_rest = drawn(&mut k);
    k.key_state(KeyCode::Space, true);
    k.frames(4);
    assert_ne!(drawn(&mut k), at_rest, "the hold bar fills");
    k.frames(16);
    k.key_state(KeyCode::Space, false);
    k.frames(2);
    assert_eq!(k.screen(), Screen::Exhibit, "a hold chooses");
    // Without one-button use, Space chooses at once.
    settings(&mut k).one_switch = false;
    k.tap("Home");
    k.key(KeyCode::ArrowDown);
    k.key(KeyCode::Space);
    assert_eq!(k.screen(), Screen::Exhibit);
}

#[test]
fn volume_is_the_visitors_own_and_reaches_the_narration() {
    use bevy::audio::PlaybackSettings;
    let mut k = Kiosk::with(bundled_content(), |app| {
        app.init_asset::<bevy::audio::AudioSource>();
    });
    k.tap("English");
    k.tap("Display and sound");
    assert!(k.labels().iter().any(|l| l == "Louder"));
    k.tap("Louder");
    k.tap("Louder");
    k.tap("Done");
    assert!((k.resource::<VisitorSettings>().volume - 1.0).abs() < 1e-6);
    // (A sink already playing is turned up in place; without a sound device here there
    // is no sink, so the narration started after the change is what can be checked.)
    open_exhibit(&mut k, "water-cycle");
    let world = k.app.world_mut();
    let mut q = world.query::<(
        &kiosk::kiosk_app::scenes::narration::Narration,
        &PlaybackSettings,
    )>();
    let volumes: Vec<f32> = q.iter(world).map(|(_, p)| p.volume.to_linear()).collect();
    assert_eq!(volumes.len(), 1);
    assert!((volumes[0] - 1.0).abs() < 1e-6, "{volumes:?}");
}

/// What voicing said since `from` (an index into everything said), as text.
fn said(k: &Kiosk) -> Vec<String> {
    k.resource::<Voicing>()
        .said()
        .map(|u| format!("{}|{}", u.lang, u.text))
        .collect()
}

#[test]
fn voicing_reads_each_screen_then_the_focus_and_slider_values() {
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    assert!(said(&k).is_empty(), "silent unless asked");
    settings(&mut k).voicing = true;
    k.frames(2);
    assert_eq!(said(&k), ["en|Choose an exhibit"]);

    // A quiz: the exhibit, scene and intro; then each question with its choices.
    k.tap("When the Earth Shakes");
    let s = said(&k);
    assert_eq!(s[1], "en|When the Earth Shakes", "{s:?}");
    assert!(s.len() >= 4, "title, scene title and the intro: {s:?}");
    k.tap("Start");
    let s = said(&k);
    let at = s
        .iter()
        .position(|l| l == "en|Question 1 of 4")
        .expect("question number");
    assert!(
        s[at + 1].contains("strong shaking starts"),
        "the question: {s:?}"
    );
    assert!(
        s[at + 2].starts_with("en|A shaking room"),
        "then its picture: {s:?}"
    );
    assert_eq!(s[at + 3], "en|A", "then each choice with its letter: {s:?}");
    assert!(s.len() >= at + 11, "four choices: {s:?}");

    // Keys: the highlight is read as it moves.
    let before = said(&k).len();
    k.key(KeyCode::ArrowDown);
    let focused = k.focused().unwrap();
    let s = said(&k);
    assert_eq!(
        s.last().unwrap(),
        &format!("en|{focused}"),
        "{:?}",
        &s[before..]
    );

    // Answering: the verdict, then why.
    k.key(KeyCode::Enter);
    let s = said(&k);
    let verdict = s
        .iter()
        .rposition(|l| l == "en|Correct!" || l == "en|Not quite" || l == "en|Partly right");
    let verdict = verdict.expect("a verdict");
    assert!(
        s[verdict..].iter().any(|l| l == "en|Why"),
        "{:?}",
        &s[verdict..]
    );

    // A demonstration: moving a slider with the keys reads its new value.
    open_exhibit(&mut k, "pendulum");
    let s = said(&k);
    assert!(
        s.iter().any(|l| l.starts_with("en|Drag the bob")),
        "its intro: {s:?}"
    );
    // (The keys already show the highlight; it is put on the slider directly.)
    let slider = k
        .resource::<FocusRing>()
        .reachable()
        .find(|c| c.label.starts_with("Length"))
        .map(|c| c.id)
        .expect("the length slider");
    k.app.world_mut().resource_mut::<FocusRing>().set(slider);
    k.frames(2);
    assert!(k.focused().unwrap().starts_with("Length"));
    let value_before = k.focused().unwrap();
    k.key(KeyCode::ArrowRight);
    let value_after = k.focused().unwrap();
    assert_ne!(value_before, value_after);
    assert_eq!(said(&k).last().unwrap(), &format!("en|{value_after}"));

    // Turned off: nothing more is said.
    settings(&mut k).voicing = false;
    k.frames(2);
    let n = said(&k).len();
    k.key(KeyCode::ArrowRight);
    assert_eq!(said(&k).len(), n);
}

#[test]
fn voicing_uses_the_designers_recording_when_there_is_one() {
    let tmp = std::env::temp_dir().join(format!("voicing-rec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    crate::support::copy_dir(
        std::path::Path::new("exhibits/earthquake-safety"),
        &tmp.join("earthquake-safety"),
    );
    let voice = tmp.join("earthquake-safety/voice/en");
    std::fs::create_dir_all(&voice).unwrap();
    std::fs::copy(
        "exhibits/water-cycle/narration/en.ogg",
        voice.join("title.ogg"),
    )
    .unwrap();
    let content = kiosk::kiosk_app::tools::preview::preview_content(
        &tmp.join("earthquake-safety"),
        exhibit_format::ui_strings::UiStrings::builtin(),
    )
    .unwrap();
    let mut k = Kiosk::new(content);
    settings(&mut k).voicing = true;
    k.tap("English");
    open_exhibit(&mut k, "earthquake-safety");
    let said: Vec<_> = k.resource::<Voicing>().said().cloned().collect();
    let title = said
        .iter()
        .find(|u| u.text == "When the Earth Shakes")
        .expect("the title is said");
    assert_eq!(
        title.recording.as_deref(),
        Some(voice.join("title.ogg").as_path())
    );
    assert!(
        said.iter()
            .filter(|u| u.text != "When the Earth Shakes")
            .all(|u| u.recording.is_none()),
        "only what has a recording uses one"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn minority_languages_are_named_in_their_own_script_and_uyghur_reads_right_to_left() {
    let mut content = bundled_content();
    content.config.languages = ["zh-Hans", "en", "bo", "ug", "mn"]
        .map(String::from)
        .to_vec();
    let ui = content.ui.clone();
    let mut k = Kiosk::new(content);
    let uyghur = ui.language_name("ug").to_owned();
    for name in ["中文", "English", "བོད་ཡིག", uyghur.as_str(), "Монгол"] {
        assert!(
            k.labels().iter().any(|l| l == name),
            "{name} in {:?}",
            k.labels()
        );
    }
    k.tap(&uyghur);
    assert_eq!(k.resource::<Visit>().lang, "ug");
    // The kiosk's words in Uyghur, drawn in visual order: the settings button's words
    // come in the reverse of their written order.
    let shown = ui.get("ug", "settings");
    assert!(k.labels().iter().any(|l| l == shown));
    let written = "كۆرسىتىش ۋە ئاۋاز"; // as in assets/i18n/ui.ron
    let words = |s: &str| -> Vec<String> {
        s.split([' ', '\u{2060}'])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut reversed = words(written);
    reversed.reverse();
    assert_eq!(words(shown), reversed);
    // Tibetan: the words as written (left to right), the exhibit text falling back.
    k.tap("བོད་ཡིག");
    assert!(k.labels().iter().any(|l| l == ui.get("bo", "settings")));
}

#[test]
fn an_exhibit_brings_its_own_font() {
    let tmp = std::env::temp_dir().join(format!("font-exhibit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let dir = tmp.join("earthquake-safety");
    crate::support::copy_dir(std::path::Path::new("exhibits/earthquake-safety"), &dir);
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    std::fs::copy(
        "assets/fonts/NotoSerifTibetan-Regular.ttf",
        dir.join("fonts/tibetan.ttf"),
    )
    .unwrap();
    let ron = std::fs::read_to_string(dir.join("exhibit.ron")).unwrap();
    let ron = ron.replacen(
        "    scenes: [",
        "    fonts: [\"fonts/tibetan.ttf\"],\n    scenes: [",
        1,
    );
    std::fs::write(dir.join("exhibit.ron"), ron).unwrap();
    let content = kiosk::kiosk_app::tools::preview::preview_content(
        &dir,
        exhibit_format::ui_strings::UiStrings::builtin(),
    )
    .unwrap();
    assert!(content.problems.is_empty(), "{:?}", content.problems);
    assert_eq!(content.fonts.len(), 1);
    assert!(content.fonts[0].0.ends_with("tibetan.ttf"));
    // The kiosk takes it into its fonts and draws on.
    let mut k = Kiosk::new(content);
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub);
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn the_press_that_starts_a_visit_does_nothing_more_held_or_let_go() {
    let mut k = one_switch_kiosk();
    k.key_state(KeyCode::Space, true);
    k.frames(20);
    assert_eq!(k.screen(), Screen::Hub, "the press started the visit");
    let focus = k.focused_id();
    k.key_state(KeyCode::Space, false);
    k.frames(2);
    assert_eq!(
        k.screen(),
        Screen::Hub,
        "holding on did not open the first card"
    );
    assert_eq!(k.focused_id(), focus, "letting go did not move on either");
    // The next press works as usual.
    step(&mut k);
    assert_ne!(k.focused_id(), focus);
}

#[test]
fn select_and_start_held_is_never_the_switch() {
    let mut k = one_switch_kiosk();
    step(&mut k);
    assert_eq!(k.screen(), Screen::Hub);
    let focus = k.focused_id();
    k.gamepad_state(GamepadButton::Select, true);
    k.gamepad_state(GamepadButton::Start, true);
    k.frames(30);
    k.gamepad_state(GamepadButton::Start, false);
    k.gamepad_state(GamepadButton::Select, false);
    k.frames(2);
    assert_eq!(k.screen(), Screen::Hub);
    assert_eq!(k.focused_id(), focus);
}

#[test]
fn voicing_describes_a_question_picture_and_says_fallback_text_in_its_own_language() {
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    settings(&mut k).voicing = true;
    open_exhibit(&mut k, "carbon-neutral");
    k.tap("Start");
    let s = said(&k);
    let prompt = s
        .iter()
        .position(|l| l == "en|What does carbon neutral mean?")
        .expect("the question");
    assert!(
        s[prompt + 1].starts_with("en|A level balance scale"),
        "{s:?}"
    );

    // A Uyghur visitor: the exhibit has no Uyghur, so its text is shown and said in the
    // default language (Chinese), with the Chinese voice.
    let mut content = bundled_content();
    content.config.languages.push("ug".into());
    let ug = content.ui.language_name("ug").to_owned();
    let mut k = Kiosk::new(content);
    k.tap(&ug);
    settings(&mut k).voicing = true;
    open_exhibit(&mut k, "carbon-neutral");
    let said: Vec<_> = k.resource::<Voicing>().said().cloned().collect();
    let title = said
        .iter()
        .find(|u| u.text == "碳中和，从身边做起" || u.text.contains("碳"))
        .expect("the exhibit's title");
    assert_eq!(title.lang, "zh-Hans");
}
