//! Every event the kiosk can write, in every shape its fields take, goes through the real
//! writer to a file and comes back through the reader unchanged: the one schema in
//! `usage_log::event` is the same going out and coming in.

use std::collections::BTreeSet;

use serde_json::json;
use usage_log::event::{EventOf, Kind, to_line};
use usage_log::reader::{self, Skip};
use usage_log::{EndReason, Event, InputKind, LogWriter, Timestamp};

/// Each kind of event, with each shape of its fields: optional fields there and not,
/// every device and end reason, values of every JSON type (`null` for `replay`), text
/// that needs escaping.
fn every_event() -> Vec<Event> {
    let s = || "3f9c2a7be1d04c58".to_owned();
    let mut all = vec![
        Event::KioskStart {
            version: "0.3.0".into(),
        },
        Event::Heartbeat { uptime_ms: 600_000 },
        Event::Error {
            message: "exhibit left out: exhibits/x/exhibit.ron:40:21: `next` links to \"practise\"\nsecond line \\ 中文 \u{1F30D}".into(),
            exhibit: Some("water-safety".into()),
            dropped: None,
        },
        Event::Error {
            message: "usage log: 12 events could not be written and were lost".into(),
            exhibit: None,
            dropped: Some(12),
        },
        Event::Error {
            message: "both".into(),
            exhibit: Some("e".into()),
            dropped: Some(0),
        },
    ];
    for input in InputKind::ALL {
        all.push(Event::SessionStart {
            session: s(),
            lang: "zh-Hans".into(),
            input,
        });
    }
    for kind in ["quiz", "demonstration", "animation"] {
        all.push(Event::SceneEnter {
            session: s(),
            exhibit: "earthquake-safety".into(),
            scene: "basics".into(),
            kind: kind.into(),
        });
    }
    for idle_ms in [None, Some(90_000), Some(0)] {
        all.push(Event::SceneExit {
            session: s(),
            exhibit: "earthquake-safety".into(),
            scene: "in-practice".into(),
            dwell_ms: 150_000,
            idle_ms,
        });
    }
    for (choice, correct) in [(vec![0], false), (vec![0, 2], true), (vec![], false)] {
        all.push(Event::QuizAnswer {
            session: s(),
            exhibit: "earthquake-safety".into(),
            scene: "basics".into(),
            question: "doorway-myth".into(),
            choice,
            correct,
        });
    }
    for (control, value) in [
        ("length", json!(1.5)),
        ("gravity", json!(-3)),
        ("play", json!(true)),
        ("replay", json!(null)),
        ("chapter", json!(2)),
        ("seek", json!(12.25)),
        ("mode", json!("slow \"motion\"")),
        ("point", json!({"x": [1, 2], "y": null})),
        ("list", json!([])),
    ] {
        all.push(Event::Interaction {
            session: s(),
            exhibit: "pendulum".into(),
            scene: "swing".into(),
            control: control.into(),
            value,
        });
    }
    all.push(Event::LanguageChange {
        session: s(),
        lang: "en".into(),
    });
    for reason in EndReason::ALL {
        all.push(Event::SessionEnd {
            session: s(),
            reason,
            duration_ms: 285_189,
            idle_ms: if reason == EndReason::Idle { 90_000 } else { 0 },
        });
    }
    for reason in ["exit", "signal"] {
        all.push(Event::KioskStop {
            reason: reason.into(),
        });
    }
    all
}

#[test]
fn every_event_reads_back_as_written() {
    let written = every_event();
    let kinds: BTreeSet<&str> = written.iter().map(|e| e.name()).collect();
    let every: BTreeSet<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(kinds, every, "the test writes every kind of event");

    let dir = tempfile::tempdir().unwrap();
    let start = Timestamp::parse("2026-11-28T10:15:30.123Z").unwrap();
    {
        let log = LogWriter::start(dir.path(), "hall-a-01");
        for (i, e) in written.iter().enumerate() {
            log.record_at(Timestamp(start.0 + i as i64), e.clone());
        }
    }
    let files = reader::find_log_files(&[dir.path().to_owned()]).unwrap();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0].path).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    let mut read: Vec<(Timestamp, String, Event, String)> = Vec::new();
    let mut skipped: Vec<Skip> = Vec::new();
    reader::read_lines(reader::open(&files[0]).unwrap(), |r| match r {
        Ok(rec) => read.push((
            rec.ts,
            rec.kiosk.to_string(),
            rec.event
                .to_owned_event()
                .expect("every word is one the schema knows"),
            to_line(rec.ts, &rec.kiosk, &rec.event),
        )),
        Err(why) => skipped.push(why),
    })
    .unwrap();

    assert_eq!(skipped, []);
    assert_eq!(read.len(), written.len());
    for (i, ((ts, kiosk, event, again), sent)) in read.iter().zip(&written).enumerate() {
        assert_eq!(*ts, Timestamp(start.0 + i as i64));
        assert_eq!(kiosk, "hall-a-01");
        assert_eq!(event, sent);
        // Written again from what was read: the very same line.
        assert_eq!(again.trim_end(), lines[i]);
    }
}

#[test]
fn a_read_event_borrows_its_text_from_the_line() {
    let line = to_line(
        Timestamp::parse("2026-11-28T10:15:30.123Z").unwrap(),
        "k",
        &Event::SessionStart {
            session: "s".into(),
            lang: "en".into(),
            input: InputKind::Touch,
        },
    );
    let rec = reader::parse_line(line.trim_end().as_bytes()).unwrap();
    let EventOf::SessionStart {
        session,
        lang,
        input,
    } = &rec.event
    else {
        panic!("a session_start: {:?}", rec.event)
    };
    for text in [session, lang, input] {
        assert!(matches!(text.0, std::borrow::Cow::Borrowed(_)), "{text:?}");
    }
}
