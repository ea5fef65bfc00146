//! Running as a systemd service: the kiosk says it is ready once it draws, then pings the
//! watchdog from its frame loop (so a hung loop stops the pings and systemd restarts it),
//! and reports the screen it shows.

use std::sync::{Arc, Mutex};

use kiosk::kiosk_app::unattended::watchdog::{Notice, Watchdog};

use crate::support::{Kiosk, bundled_content};

#[test]
fn ready_once_then_watchdog_pings_come_from_the_frame_loop() {
    let sent: Arc<Mutex<Vec<Notice>>> = Arc::default();
    let log = sent.clone();
    let mut k = Kiosk::with(bundled_content(), move |app| {
        app.insert_resource(Watchdog::with_sender(
            Some(1.0),
            Box::new(move |n| log.lock().unwrap().push(n.clone())),
        ));
    });
    let count = |what: &Notice| sent.lock().unwrap().iter().filter(|n| *n == what).count();
    assert_eq!(
        sent.lock().unwrap().first(),
        Some(&Notice::Ready("showing Attract".into()))
    );
    // Frames of 50 ms: a ping each second of frames, not each frame.
    let before = count(&Notice::Alive);
    k.frames(60);
    let pings = count(&Notice::Alive) - before;
    assert!((2..=4).contains(&pings), "{pings} pings in 3 s of frames");
    // No frames, no pings: a loop that stops running stops the pings.
    let before = count(&Notice::Alive);
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(count(&Notice::Alive), before);
    // The screen shown is the service's status.
    k.tap("English");
    assert!(
        sent.lock()
            .unwrap()
            .contains(&Notice::Status("showing Hub".into()))
    );
    assert_eq!(
        sent.lock()
            .unwrap()
            .iter()
            .filter(|n| matches!(n, Notice::Ready(_)))
            .count(),
        1
    );
}

#[test]
fn the_status_file_says_what_the_kiosk_is_doing() {
    let dir = tempfile::tempdir().unwrap();
    let path = kiosk::kiosk_app::unattended::health::status_path(dir.path(), "test-kiosk");
    let file = kiosk::kiosk_app::unattended::status::StatusFile::start_every(
        path.clone(),
        "test-kiosk",
        std::time::Duration::from_millis(20),
    );
    let mut k = Kiosk::with(bundled_content(), move |app| {
        app.insert_resource(file);
    });
    k.tap("English");
    // Back on the exhibit list ends the visit.
    k.key(bevy::prelude::KeyCode::Escape);
    k.tap("English");
    k.frames(5);
    std::thread::sleep(std::time::Duration::from_millis(150));
    let status = kiosk::kiosk_app::unattended::health::read(&path).expect("written");
    assert_eq!(status.kiosk_id, "test-kiosk");
    assert_eq!(status.screen, "Hub");
    assert!(status.open);
    assert_eq!((status.visits_today, status.visits_since_start), (1, 1));
    assert!(status.last_visit_end.is_some());
    assert!(status.frames.count > 10, "{:?}", status.frames);
    assert_eq!(status.exhibits_shown, 11);
    assert!(status.content_errors.is_empty());
    let (text, fresh) =
        kiosk::kiosk_app::unattended::health::render(&status, jiff::Timestamp::now());
    assert!(fresh, "{text}");
}

mod admin {
    use bevy::input::gamepad::{RawGamepadButtonChangedEvent, RawGamepadEvent};
    use bevy::input::touch::{TouchInput, TouchPhase};
    use bevy::prelude::*;
    use bevy::window::PrimaryWindow;
    use kiosk::kiosk_app::core::screen::Screen;
    use kiosk::kiosk_app::unattended::admin::{Admin, Phase};

    use crate::support::{Kiosk, bundled_content};

    fn kiosk_with_pin() -> Kiosk {
        let mut content = bundled_content();
        content.config.admin_pin = Some(exhibit_format::admin_pin::hash_pin("4827").unwrap());
        Kiosk::new(content)
    }

    fn phase(k: &Kiosk) -> Phase {
        k.resource::<Admin>().phase
    }

    /// A finger held at `at` for `secs` seconds of frames, then lifted.
    fn hold(k: &mut Kiosk, at: Vec2, secs: f32) {
        let window = k
            .app
            .world_mut()
            .query_filtered::<Entity, With<PrimaryWindow>>()
            .single(k.app.world())
            .unwrap();
        let touch = |phase| TouchInput {
            phase,
            position: at,
            window,
            force: None,
            id: 99,
        };
        k.app.world_mut().write_message(touch(TouchPhase::Started));
        k.frames((secs / 0.05) as usize);
        k.app.world_mut().write_message(touch(TouchPhase::Ended));
        k.frames(2);
    }

    fn type_pin(k: &mut Kiosk, pin: &str) {
        for d in pin.chars() {
            k.tap(&d.to_string());
        }
        k.tap("确定");
    }

    #[test]
    fn a_long_press_in_the_corner_and_the_pin_open_it_and_wrong_pins_wait() {
        let mut k = kiosk_with_pin();
        // A short press is a visitor's; a press elsewhere is too.
        hold(&mut k, Vec2::new(30.0, 30.0), 1.0);
        assert_eq!(phase(&k), Phase::Closed);
        hold(&mut k, Vec2::new(900.0, 500.0), 4.0);
        assert_eq!(phase(&k), Phase::Closed);
        assert_eq!(k.screen(), Screen::Attract);
        // Three seconds in the corner: the PIN pad, in the kiosk's default language.
        hold(&mut k, Vec2::new(30.0, 30.0), 3.5);
        assert_eq!(phase(&k), Phase::Pin);
        // Only the pad can be reached: no visitor control behind it.
        let labels = k.labels();
        assert!(labels.contains(&"确定".to_owned()), "{labels:?}");
        assert!(!labels.iter().any(|l| l == "English"), "{labels:?}");
        // Wrong, wrong, wrong: then it waits, even for the right PIN.
        for _ in 0..3 {
            type_pin(&mut k, "1111");
        }
        type_pin(&mut k, "4827");
        assert_eq!(phase(&k), Phase::Pin, "locked: not even the right PIN");
        k.wait(31.0);
        type_pin(&mut k, "4827");
        assert_eq!(phase(&k), Phase::Open);
        let labels = k.labels();
        for l in ["重新读取内容", "退出展项程序", "关闭", "English"] {
            assert!(labels.iter().any(|x| x == l), "{l} in {labels:?}");
        }
        // The default language and the volume are set here.
        k.tap("English");
        assert_eq!(
            k.resource::<kiosk::kiosk_app::Content>().default_language(),
            "en"
        );
        k.tap("Close");
        assert_eq!(phase(&k), Phase::Closed);
    }

    #[test]
    fn a_gamepad_chord_opens_it_and_without_a_pin_in_the_config_nothing_does() {
        let mut k = kiosk_with_pin();
        k.press(GamepadButton::South);
        let pad = k
            .app
            .world_mut()
            .query_filtered::<Entity, With<Gamepad>>()
            .single(k.app.world())
            .unwrap();
        let set = |k: &mut Kiosk, b: GamepadButton, v: f32| {
            k.app.world_mut().write_message(RawGamepadEvent::Button(
                RawGamepadButtonChangedEvent::new(pad, b, v),
            ));
        };
        set(&mut k, GamepadButton::Select, 1.0);
        set(&mut k, GamepadButton::Start, 1.0);
        k.frames(70);
        assert_eq!(phase(&k), Phase::Pin);
        set(&mut k, GamepadButton::Select, 0.0);
        set(&mut k, GamepadButton::Start, 0.0);
        k.frames(2);

        let mut k = Kiosk::new(bundled_content());
        hold(&mut k, Vec2::new(30.0, 30.0), 3.5);
        assert_eq!(phase(&k), Phase::Closed, "no admin_pin: no overlay");
    }
}
