//! Animations played as visitors play them: by touch (pause, scrub, chapters, the stage
//! itself), by gamepad and by keyboard, and in two languages; the visible state (time,
//! layers, the caption, the scrub bar's label) checked at known moments. Headless, so
//! there is no audio device: the clock alone drives the animation, as on a kiosk with a
//! broken speaker.

use std::path::Path;

use bevy::prelude::*;
use exhibit_format::animation::{Animation, frame};
use exhibit_format::catalog::Catalog;
use exhibit_format::exhibit::SceneKind;
use exhibit_format::ui_strings::UiStrings;
use kiosk::kiosk_app::Content;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::visit::{SceneState, Visit};
use kiosk::kiosk_app::scenes::animation_run::AnimRun;

use crate::support::Kiosk;

/// The test animation: 12 s, chapters at 0, 4 and 8 s, the sun crossing from x = 200 to
/// x = 1400 in 8 s; English cues written inline, Chinese ones in a WebVTT file.
const FIXTURE: &str = "crates/exhibit-format/tests/fixtures/animation";

fn content() -> Content {
    let ui = UiStrings::builtin();
    let catalog = Catalog::load(Path::new(FIXTURE), &ui).expect("fixture folder");
    assert!(
        catalog.problems().is_empty(),
        "the fixture validates: {:?}",
        catalog.problems()
    );
    Content::from_catalog(&catalog, ui)
}

fn with_anim<R>(k: &Kiosk, f: impl FnOnce(&Animation, &AnimRun) -> R) -> R {
    let content = k.resource::<Content>();
    let visit = k.resource::<Visit>();
    let ex = &content.exhibits[visit.exhibit.expect("an exhibit is open")].exhibit;
    let SceneKind::Animation(anim) = &ex.scenes[visit.scene].kind else {
        panic!("scene {} is not an animation", visit.scene)
    };
    let Some(SceneState::Anim(run)) = &visit.scene_state else {
        panic!("no animation playing")
    };
    f(anim, run)
}

fn t(k: &Kiosk) -> f32 {
    with_anim(k, |_, run| run.t)
}

/// Where the sun is drawn now (stage points).
fn sun_x(k: &Kiosk) -> f32 {
    with_anim(k, |anim, run| {
        let i = anim.layers.iter().position(|l| l.id == "sun").unwrap();
        frame(anim, run.t, false)[i].pos.0
    })
}

fn caption(k: &Kiosk) -> Option<String> {
    let lang = k.resource::<Visit>().lang.clone();
    with_anim(k, |_, run| {
        run.cue(&lang, "zh-Hans").map(|c| c.text.clone())
    })
}

fn open(lang_button: &str, title: &str) -> Kiosk {
    let mut k = Kiosk::new(content());
    k.tap(lang_button);
    k.tap(title);
    assert_eq!(k.screen(), Screen::Exhibit);
    k
}

/// Puts the clock at `secs` as a jump would, then draws a frame.
fn jump_to(k: &mut Kiosk, secs: f32) {
    let mut visit = k.app.world_mut().resource_mut::<Visit>();
    if let Some(SceneState::Anim(run)) = visit.scene_state.as_mut() {
        run.seek(secs);
    }
    k.frames(1);
}

#[test]
fn touch_visitor_watches_pauses_scrubs_and_skips_chapters() {
    let mut k = open("English", "Where Rain Comes From");
    // It plays by itself from the start: 20 frames of 50 ms.
    let t0 = t(&k);
    k.frames(20);
    let t1 = t(&k);
    assert!(
        (t1 - t0 - 1.0).abs() < 0.06,
        "20 frames played {} s",
        t1 - t0
    );
    // The sun has moved 150 points per second of it; the caption is the first cue.
    assert!((sun_x(&k) - (200.0 + 150.0 * t1)).abs() < 0.5);
    assert_eq!(caption(&k).as_deref(), Some("The sun warms the sea."));

    // Pause holds everything still; the button now offers Play.
    k.tap("Pause");
    let held = t(&k);
    let x = sun_x(&k);
    k.frames(10);
    assert_eq!(t(&k), held);
    assert_eq!(sun_x(&k), x);
    assert!(k.labels().contains(&"Play".to_owned()));

    // A tap three quarters along the scrub bar goes to 9 s, still paused.
    let bar = k.rect_of("Position");
    // The track runs 24 points in from each end of the control.
    let x75 = bar.left() + 24.0 + 0.75 * (bar.width() - 48.0);
    k.tap_at(Vec2::new(x75, bar.center().y));
    assert!((t(&k) - 9.0).abs() < 0.05, "scrubbed to {}", t(&k));
    assert!(
        (sun_x(&k) - 1400.0).abs() < 0.5,
        "past 8 s the sun has arrived"
    );
    assert!(
        k.labels().iter().any(|l| l == "Position 0:09 / 0:12"),
        "{:?}",
        k.labels()
    );
    assert_eq!(caption(&k), None, "no one speaks at 9 s");

    // Dragging the knob back to the start.
    let knob = Vec2::new(x75, bar.center().y);
    k.drag(knob, Vec2::new(bar.left() + 10.0, bar.center().y));
    assert!(t(&k) < 0.05, "dragged to {}", t(&k));

    // Chapters: next goes to the next start, previous back.
    k.tap("Next chapter");
    assert!((t(&k) - 4.0).abs() < 1e-4, "{}", t(&k));
    k.tap("Next chapter");
    assert!((t(&k) - 8.0).abs() < 1e-4);
    k.tap("Previous chapter");
    assert!((t(&k) - 4.0).abs() < 1e-4);

    // Touching the picture plays, as in a video player.
    k.tap("Play");
    assert!(with_anim(&k, |_, run| run.playing));
    let stage_point = {
        let bar = k.rect_of("Position");
        Vec2::new(960.0, bar.top() - 300.0)
    };
    k.tap_at(stage_point);
    assert!(
        !with_anim(&k, |_, run| run.playing),
        "a tap on the stage pauses"
    );

    // At the end it stops on the last frame; Play starts it again.
    k.tap_at(stage_point);
    k.wait(0.1);
    jump_to(&mut k, 11.95);
    k.frames(5);
    assert!(with_anim(&k, |_, run| run.ended() && !run.playing));
    assert_eq!(t(&k), 12.0);
    k.tap("Play");
    assert!(t(&k) < 0.2);
    jump_to(&mut k, 6.0);
    k.tap("Replay");
    assert!(t(&k) < 0.2 && with_anim(&k, |_, run| run.playing));
}

#[test]
fn gamepad_and_keyboard_visitors_pause_scrub_and_replay() {
    let mut k = open("English", "Where Rain Comes From");
    // The first press shows the focus on Play / Pause.
    k.press(GamepadButton::DPadDown);
    assert_eq!(k.focused().as_deref(), Some("Pause"));
    k.press(GamepadButton::South);
    assert!(!with_anim(&k, |_, run| run.playing), "South pauses");
    let held = t(&k);

    // Up to the scrub bar, over the buttons; there left / right move 5 s.
    k.press(GamepadButton::DPadUp);
    assert!(
        k.focused().unwrap_or_default().starts_with("Position"),
        "{:?}",
        k.focused()
    );
    assert_eq!(t(&k), held, "moving the focus does not move time");
    k.press(GamepadButton::DPadRight);
    assert!((t(&k) - (held + 5.0)).abs() < 1e-4);
    k.press(GamepadButton::DPadRight);
    k.press(GamepadButton::DPadLeft);
    assert!((t(&k) - (held + 5.0)).abs() < 1e-4);
    assert!(k.focused().unwrap_or_default().starts_with("Position"));

    // The keyboard does the same: Left on the bar, then down to the buttons and along
    // to Replay.
    k.key(KeyCode::ArrowLeft);
    assert!((t(&k) - held).abs() < 1e-4);
    k.key(KeyCode::ArrowDown);
    let mut path = vec![k.focused().unwrap_or_default()];
    for _ in 0..4 {
        if k.focused().as_deref() == Some("Replay") {
            break;
        }
        k.key(KeyCode::ArrowLeft);
        path.push(k.focused().unwrap_or_default());
    }
    assert_eq!(
        k.focused().as_deref(),
        Some("Replay"),
        "focus went {path:?}"
    );
    k.key(KeyCode::Enter);
    assert!(with_anim(&k, |_, run| run.playing && run.t < 0.3));
}

#[test]
fn subtitles_show_the_cue_of_the_moment_in_each_language() {
    let mut k = open("English", "Where Rain Comes From");
    k.tap("Pause");
    // (time, English cue, Chinese cue)
    let table = [
        (0.1, None, None),
        (1.0, Some("The sun warms the sea."), Some("太阳晒暖海面。")),
        (1.9, None, Some("太阳晒暖海面。")),
        (2.1, Some("Water rises as vapour."), None),
        (3.9, Some("Clouds bring rain."), Some("水汽上升。")),
        (5.5, None, Some("云带来雨。")),
        (7.0, None, None),
    ];
    for (secs, en, zh) in table {
        jump_to(&mut k, secs);
        k.app.world_mut().resource_mut::<Visit>().lang = "en".into();
        k.frames(1);
        assert_eq!(caption(&k).as_deref(), en, "English at {secs} s");
        k.app.world_mut().resource_mut::<Visit>().lang = "zh-Hans".into();
        k.frames(1);
        assert_eq!(caption(&k).as_deref(), zh, "Chinese at {secs} s");
    }
}

#[test]
fn changing_language_mid_animation_keeps_the_moment() {
    let mut k = open("English", "Where Rain Comes From");
    jump_to(&mut k, 4.5);
    k.tap("Pause");
    let before = t(&k);
    assert_eq!(caption(&k).as_deref(), Some("Clouds bring rain."));
    k.tap("中文");
    assert_eq!(k.resource::<Visit>().lang, "zh-Hans");
    assert_eq!(t(&k), before, "the same point in time");
    assert_eq!(caption(&k).as_deref(), Some("云带来雨。"));
    // The controls speak Chinese now too.
    assert!(k.labels().contains(&"播放".to_owned()), "{:?}", k.labels());
    assert!(k.labels().contains(&"下一章".to_owned()));
}

/// The test animation open in English on a kiosk that asks "Still there?" after 5 s
/// and resets after 10 s.
fn open_with_quick_idle() -> Kiosk {
    let mut content = content();
    content.config.idle_warning = 5.0;
    content.config.idle_reset = 10.0;
    let mut k = Kiosk::new(content);
    k.tap("English");
    k.tap("Where Rain Comes From");
    k
}

#[test]
fn a_playing_animation_holds_off_the_idle_countdown() {
    let mut k = open_with_quick_idle();
    let asking = |k: &Kiosk| {
        k.resource::<kiosk::kiosk_app::unattended::idle::IdleOverlay>()
            .shown()
    };
    // 8 s without a touch, watching: past the 5 s warning, and nobody is asked.
    k.frames(160);
    assert!(with_anim(&k, |_, run| run.playing));
    assert!(!asking(&k), "watching is being there");
    // It ends at 12 s; from then on the countdown runs as usual.
    k.frames(100);
    assert!(with_anim(&k, |_, run| run.ended()));
    assert!(!asking(&k));
    k.frames(110);
    assert!(asking(&k), "5 s after the end: \"Still there?\"");
}

/// The bundled animations, as the kiosk loads them.
fn bundled_animations() -> Vec<(String, Animation)> {
    let content = crate::support::bundled_content();
    content
        .exhibits
        .iter()
        .flat_map(|e| {
            e.exhibit.scenes.iter().filter_map(move |s| match &s.kind {
                SceneKind::Animation(a) => Some((e.exhibit.id.clone(), (**a).clone())),
                _ => None,
            })
        })
        .collect()
}

#[test]
fn bundled_animations_speak_and_caption_both_languages_in_step() {
    let all = bundled_animations();
    let ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["water-cycle", "earthquake-drill", "seasons"]);
    for (id, anim) in &all {
        assert!(anim.chapters.len() >= 3, "{id}: chapters");
        let mut run = AnimRun::new(anim);
        for lang in ["zh-Hans", "en"] {
            let spoken = anim.narration_s.get(lang).copied();
            let spoken = spoken.unwrap_or_else(|| panic!("{id}: no {lang} narration"));
            assert!(
                spoken <= run.length + 0.05,
                "{id}: {lang} narration is cut off"
            );
            let cues = anim
                .cues(lang)
                .unwrap_or_else(|| panic!("{id}: no {lang} cues"));
            assert!(cues.len() >= 8, "{id}: {lang} has {} cues", cues.len());
            // Each cue is the one shown halfway through it, in its own language.
            for cue in cues {
                run.seek((cue.from + cue.to) / 2.0);
                assert_eq!(run.cue(lang, "zh-Hans"), Some(cue), "{id} {lang}");
            }
        }
        // Both languages' cues start together: one timeline for the keyframes.
        let starts = |l| -> Vec<f32> { anim.cues(l).unwrap().iter().map(|c| c.from).collect() };
        assert_eq!(starts("zh-Hans"), starts("en"), "{id}");
    }
}

/// Prints what evaluating each bundled animation's timeline costs per frame (60 fps
/// across its whole length, with and without reduced motion). A debug build of the kiosk
/// crate: a release build is several times faster.
/// `cargo test --test integration -- --ignored --nocapture animation_frame_cost`
#[test]
#[ignore = "prints figures; run by hand"]
fn animation_frame_cost() {
    for (id, anim) in bundled_animations() {
        for reduced in [false, true] {
            let frames = (anim.length() * 60.0) as usize;
            let mut times: Vec<f64> = Vec::with_capacity(frames);
            for i in 0..frames {
                let t = i as f32 / 60.0;
                let start = std::time::Instant::now();
                let f = frame(&anim, t, reduced);
                std::hint::black_box(&f);
                times.push(start.elapsed().as_secs_f64() * 1e6);
            }
            times.sort_by(f64::total_cmp);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let p99 = times[times.len() * 99 / 100];
            println!(
                "{id:18} reduced_motion={reduced:5}: {} layers, {frames} frames, mean {mean:.1} µs, p99 {p99:.1} µs, max {:.1} µs",
                anim.layers.len(),
                times.last().unwrap()
            );
        }
    }
}

#[test]
fn leaving_for_the_hub_pauses_the_animation_and_the_idle_reset_still_comes() {
    let mut k = open_with_quick_idle();
    k.frames(4);
    k.tap("Home");
    assert_eq!(k.screen(), Screen::Hub);
    let t_left = t(&k);
    // 6 quiet seconds on the hub: the animation does not run on unseen, and the visitor
    // who walked away is asked "Still there?".
    k.frames(120);
    assert_eq!(t(&k), t_left);
    assert!(!with_anim(&k, |_, run| run.playing));
    assert!(
        k.resource::<kiosk::kiosk_app::unattended::idle::IdleOverlay>()
            .shown()
    );
}

/// The narration entities now: (file name, the clock's time they started at).
fn narration(k: &mut Kiosk) -> Vec<(String, f32)> {
    let world = k.app.world_mut();
    let mut q = world.query::<&kiosk::kiosk_app::scenes::narration::Narration>();
    q.iter(world)
        .map(|n| {
            let name = n.file().file_name().unwrap().to_string_lossy().into_owned();
            (name, n.started_at())
        })
        .collect()
}

#[test]
fn narration_follows_the_clock_the_language_and_the_screen() {
    // Bevy's audio assets without an audio device: the narration entities are made as on
    // a kiosk, and nothing plays.
    let mut k = Kiosk::with(content(), |app| {
        app.init_asset::<bevy::audio::AudioSource>();
    });
    k.tap("English");
    k.tap("Where Rain Comes From");
    let n = narration(&mut k);
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0].0, "en.ogg");
    assert!(n[0].1 < 0.3);
    // A jump starts it afresh at the new time.
    jump_to(&mut k, 4.5);
    let n = narration(&mut k);
    assert_eq!(n.len(), 1);
    assert!((n[0].1 - 4.5).abs() < 0.06, "{n:?}");
    // Pausing keeps the same playback (paused, not restarted).
    k.tap("Pause");
    let paused_at = t(&k);
    assert_eq!(narration(&mut k), n);
    // Another language: its own file, from the same moment.
    k.tap("中文");
    let n = narration(&mut k);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].0, "zh-Hans.ogg");
    assert_eq!(n[0].1, paused_at);
    // Leaving the exhibit silences it.
    k.tap("主页");
    assert_eq!(narration(&mut k), []);
}

#[test]
fn slow_frames_play_the_film_in_real_time_with_its_subtitles_and_narration() {
    use std::time::Duration;

    use bevy::time::TimeUpdateStrategy;

    let mut k = Kiosk::with(content(), |app| {
        app.init_asset::<bevy::audio::AudioSource>();
    });
    k.tap("English");
    k.tap("Where Rain Comes From");
    let started = narration(&mut k);
    assert_eq!(started.len(), 1, "{started:?}");
    // A weak mini-PC, or software rendering under load: 300 ms a frame.
    k.app
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            300,
        )));
    let t0 = t(&k);
    for i in 1..=20 {
        k.frames(1);
        let expected = t0 + 0.3 * i as f32;
        assert!(
            (t(&k) - expected).abs() < 1e-3,
            "frame {i}: the film is at {} s, real time says {expected} s",
            t(&k)
        );
        // The caption is the cue of that moment.
        let cue_then = with_anim(&k, |anim, _| {
            let mut at = AnimRun::new(anim);
            at.seek(expected);
            at.cue("en", "zh-Hans").map(|c| c.text.clone())
        });
        assert_eq!(caption(&k), cue_then, "frame {i}");
    }
    // The narration played on from where it started: never restarted to catch up.
    assert_eq!(narration(&mut k), started);

    // A stall (a suspend, a window dragged) is skipped, not leapt over.
    let before = t(&k);
    k.app
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(5)));
    k.frames(1);
    assert_eq!(t(&k), before);
}
