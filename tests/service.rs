//! Running as a systemd service: the kiosk says it is ready once it draws, then pings the
//! watchdog from its frame loop (so a hung loop stops the pings and systemd restarts it),
//! and reports the screen it shows.

use std::sync::{Arc, Mutex};

use kiosk::kiosk_app::watchdog::{Notice, Watchdog};

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
    let path = kiosk::health::status_path(dir.path(), "test-kiosk");
    let file = kiosk::kiosk_app::status::StatusFile::start_every(
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
    let status = kiosk::health::read(&path).expect("written");
    assert_eq!(status.kiosk_id, "test-kiosk");
    assert_eq!(status.screen, "Hub");
    assert!(status.open);
    assert_eq!((status.visits_today, status.visits_since_start), (1, 1));
    assert!(status.last_visit_end.is_some());
    assert!(status.frames.count > 10, "{:?}", status.frames);
    assert_eq!(status.exhibits_shown, 11);
    assert!(status.content_errors.is_empty());
    let (text, fresh) = kiosk::health::render(&status, jiff::Timestamp::now());
    assert!(fresh, "{text}");
}
