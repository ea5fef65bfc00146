//! The events of usage log schema version 1, and how one becomes one line of JSON.
//!
//! The names here are a contract: reports, museum tools and other kiosks' readers depend
//! on them. Fields may be added; none may be renamed. An incompatible change bumps
//! [`VERSION`]. `docs/usage-log.md` is the description for people.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The schema version every line carries as `"v"`.
pub const VERSION: u32 = 1;

/// How a visitor started or used the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A touch screen.
    Touch,
    /// A gamepad (or an arcade button panel that looks like one).
    Gamepad,
    /// A keyboard (or a one-key switch that types).
    Keyboard,
    /// A mouse or touch pad.
    Mouse,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The visitor walked away; the idle countdown ran out.
    Idle,
    /// The visitor chose to end the visit (back to the attract loop).
    Home,
    /// The kiosk stopped during the visit.
    Shutdown,
}

/// One thing that happened. Serialised with `"event": "<snake_case name>"` and the
/// variant's fields beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The kiosk program started.
    KioskStart {
        /// The kiosk program's version.
        version: String,
    },
    /// The kiosk program stopped cleanly.
    KioskStop {
        /// Why: `"exit"` (the program was asked to close).
        reason: String,
    },
    /// The kiosk is alive: written every 10 minutes, so that uptime is known even when
    /// nobody visits.
    Heartbeat {
        /// Milliseconds since `kiosk_start`.
        uptime_ms: u64,
    },
    /// A visitor started a visit.
    SessionStart {
        /// Anonymous id of this visit, unique on this kiosk.
        session: String,
        /// Language chosen at the start (BCP 47 tag as in the exhibit files).
        lang: String,
        /// The device that started the visit.
        input: InputKind,
    },
    /// A scene was shown.
    SceneEnter {
        /// The visit.
        session: String,
        /// Exhibit id.
        exhibit: String,
        /// Scene id.
        scene: String,
        /// Scene kind: `quiz`, `demonstration`, `animation`.
        kind: String,
    },
    /// A scene was left.
    SceneExit {
        /// The visit.
        session: String,
        /// Exhibit id.
        exhibit: String,
        /// Scene id.
        scene: String,
        /// Time on the scene, milliseconds, including any walk-away time.
        dwell_ms: u64,
        /// When the visit ended by the idle reset on this scene: how much of `dwell_ms`
        /// was the walk-away time.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        idle_ms: Option<u64>,
    },
    /// A quiz question was answered.
    QuizAnswer {
        /// The visit.
        session: String,
        /// Exhibit id.
        exhibit: String,
        /// Scene id.
        scene: String,
        /// Question id.
        question: String,
        /// Chosen choices, as indices in the exhibit file (true/false: 0 true, 1 false).
        choice: Vec<u32>,
        /// Whether the answer was fully right.
        correct: bool,
    },
    /// A control was used (a slider moved, a toggle flipped, play pressed…).
    Interaction {
        /// The visit.
        session: String,
        /// Exhibit id.
        exhibit: String,
        /// Scene id.
        scene: String,
        /// The control's id.
        control: String,
        /// Its new value.
        value: serde_json::Value,
    },
    /// The visitor switched language.
    LanguageChange {
        /// The visit.
        session: String,
        /// The new language.
        lang: String,
    },
    /// A visit ended.
    SessionEnd {
        /// The visit.
        session: String,
        /// Why it ended.
        reason: EndReason,
        /// From `session_start` to now, milliseconds.
        duration_ms: u64,
        /// The walk-away time before an idle reset (0 for other reasons).
        idle_ms: u64,
    },
    /// Something went wrong that a technician should know of.
    Error {
        /// What, in English.
        message: String,
        /// The exhibit involved, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exhibit: Option<String>,
        /// For "events could not be written": how many were lost.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dropped: Option<u64>,
    },
}

impl Event {
    /// The `"event"` name.
    pub fn name(&self) -> &'static str {
        match self {
            Event::KioskStart { .. } => "kiosk_start",
            Event::KioskStop { .. } => "kiosk_stop",
            Event::Heartbeat { .. } => "heartbeat",
            Event::SessionStart { .. } => "session_start",
            Event::SceneEnter { .. } => "scene_enter",
            Event::SceneExit { .. } => "scene_exit",
            Event::QuizAnswer { .. } => "quiz_answer",
            Event::Interaction { .. } => "interaction",
            Event::LanguageChange { .. } => "language_change",
            Event::SessionEnd { .. } => "session_end",
            Event::Error { .. } => "error",
        }
    }
}

/// The envelope every line shares.
#[derive(Serialize)]
struct Line<'a> {
    v: u32,
    ts: String,
    kiosk: &'a str,
    #[serde(flatten)]
    event: &'a Event,
}

/// One event as one line of the log, newline included.
pub fn to_line(ts: Timestamp, kiosk: &str, event: &Event) -> String {
    let line = Line {
        v: VERSION,
        ts: ts.to_string(),
        kiosk,
        event,
    };
    // Serialising plain strings, numbers and JSON values cannot fail.
    let mut text = serde_json::to_string(&line).expect("an event serialises");
    text.push('\n');
    text
}

/// A new anonymous session id: 16 random hex digits. Nothing about the visitor goes in.
pub fn new_session_id() -> String {
    format!("{:016x}", fastrand::u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_have_the_documented_names_and_order() {
        let ts = Timestamp::parse("2026-11-28T10:15:30.123Z").unwrap();
        let line = to_line(
            ts,
            "hall-a-01",
            &Event::QuizAnswer {
                session: "00ff".into(),
                exhibit: "quake".into(),
                scene: "basics".into(),
                question: "q1".into(),
                choice: vec![0, 2],
                correct: false,
            },
        );
        assert_eq!(
            line,
            r#"{"v":1,"ts":"2026-11-28T10:15:30.123Z","kiosk":"hall-a-01","event":"quiz_answer","session":"00ff","exhibit":"quake","scene":"basics","question":"q1","choice":[0,2],"correct":false}"#
                .to_owned()
                + "\n"
        );
        let end = to_line(
            ts,
            "k",
            &Event::SessionEnd {
                session: "s".into(),
                reason: EndReason::Idle,
                duration_ms: 5,
                idle_ms: 3,
            },
        );
        assert!(
            end.contains(
                r#""event":"session_end","session":"s","reason":"idle","duration_ms":5,"idle_ms":3"#
            ),
            "{end}"
        );
        let start = to_line(
            ts,
            "k",
            &Event::SessionStart {
                session: "s".into(),
                lang: "zh-Hans".into(),
                input: InputKind::Gamepad,
            },
        );
        assert!(
            start.contains(r#""lang":"zh-Hans","input":"gamepad""#),
            "{start}"
        );
    }

    #[test]
    fn text_with_quotes_and_newlines_stays_on_one_line() {
        let line = to_line(
            Timestamp(0),
            "k",
            &Event::Error {
                message: "bad \"file\"\nsecond line".into(),
                exhibit: Some("x".into()),
                dropped: None,
            },
        );
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.ends_with('\n'));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["message"], "bad \"file\"\nsecond line");
    }

    #[test]
    fn session_ids_are_anonymous_hex() {
        let a = new_session_id();
        let b = new_session_id();
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
