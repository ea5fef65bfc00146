//! The events of usage log schema version 1: one set of types for writing them and for
//! reading them back, and how one becomes one line of JSON.
//!
//! The names here are a contract: reports, museum tools and other kiosks' readers depend
//! on them. Fields may be added; none may be renamed. An incompatible change bumps
//! [`VERSION`]. `docs/usage-log.md` is the description for people.
//!
//! [`EventOf`] is the schema. The types of its fields come from a [`Form`]: the kiosk
//! writes [`Event`] (`EventOf<Owned>`: owned strings, typed devices and end reasons, any
//! JSON value); the reader gives [`ReadEvent`] (`EventOf<Borrowed>`: strings borrowed
//! from the line buffer, the value as its raw JSON text, and devices and end reasons as
//! the text logged, because readers must accept words a newer kiosk may write).

use std::borrow::Cow;
use std::fmt::Debug;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

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

impl InputKind {
    /// Every device, in the order of the schema.
    pub const ALL: [InputKind; 4] = [
        InputKind::Touch,
        InputKind::Gamepad,
        InputKind::Keyboard,
        InputKind::Mouse,
    ];

    /// The word the log uses.
    pub const fn as_str(self) -> &'static str {
        match self {
            InputKind::Touch => "touch",
            InputKind::Gamepad => "gamepad",
            InputKind::Keyboard => "keyboard",
            InputKind::Mouse => "mouse",
        }
    }

    /// The device a logged word names, if this schema knows it.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == word)
    }
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

impl EndReason {
    /// Every reason, in the order of the schema.
    pub const ALL: [EndReason; 3] = [EndReason::Idle, EndReason::Home, EndReason::Shutdown];

    /// The word the log uses.
    pub const fn as_str(self) -> &'static str {
        match self {
            EndReason::Idle => "idle",
            EndReason::Home => "home",
            EndReason::Shutdown => "shutdown",
        }
    }

    /// The reason a logged word names, if this schema knows it.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == word)
    }
}

/// The types an event's fields are held in: owned for writing ([`Owned`]), borrowed from
/// the line for reading ([`Borrowed`]).
pub trait Form {
    /// A text field (ids, languages, messages).
    type Text: Debug + Clone + PartialEq + Serialize;
    /// `interaction`'s `value`: any JSON.
    type Value: Debug + Clone + PartialEq + Serialize;
    /// `session_start`'s `input`.
    type Input: Debug + Clone + PartialEq + Serialize;
    /// `session_end`'s `reason`.
    type Reason: Debug + Clone + PartialEq + Serialize;
}

/// Events as the kiosk makes them: owned strings, typed devices and end reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owned;

impl Form for Owned {
    type Text = String;
    type Value = serde_json::Value;
    type Input = InputKind;
    type Reason = EndReason;
}

/// Events as a reader finds them: text borrowed from the line (copied only when it has
/// escapes), the value as its JSON text, devices and end reasons as the words logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Borrowed<'a>(PhantomData<&'a str>);

impl<'a> Form for Borrowed<'a> {
    type Text = Str<'a>;
    type Value = RawJson<'a>;
    type Input = Str<'a>;
    type Reason = Str<'a>;
}

/// One thing that happened, the fields held as `F` says. Serialised with
/// `"event": "<snake_case name>"` and the variant's fields beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case", bound(serialize = ""))]
pub enum EventOf<F: Form> {
    /// The kiosk program started.
    KioskStart {
        /// The kiosk program's version.
        version: F::Text,
    },
    /// The kiosk program stopped cleanly.
    KioskStop {
        /// Why: `"exit"` (the program was asked to close) or `"signal"` (SIGTERM).
        reason: F::Text,
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
        session: F::Text,
        /// Language chosen at the start (BCP 47 tag as in the exhibit files).
        lang: F::Text,
        /// The device that started the visit.
        input: F::Input,
    },
    /// A scene was shown.
    SceneEnter {
        /// The visit.
        session: F::Text,
        /// Exhibit id.
        exhibit: F::Text,
        /// Scene id.
        scene: F::Text,
        /// Scene kind: `quiz`, `demonstration`, `animation`.
        kind: F::Text,
    },
    /// A scene was left.
    SceneExit {
        /// The visit.
        session: F::Text,
        /// Exhibit id.
        exhibit: F::Text,
        /// Scene id.
        scene: F::Text,
        /// Time on the scene, milliseconds, including any walk-away time.
        dwell_ms: u64,
        /// When the visit ended by the idle reset on this scene: how much of `dwell_ms`
        /// was the walk-away time.
        #[serde(skip_serializing_if = "Option::is_none")]
        idle_ms: Option<u64>,
    },
    /// A quiz question was answered.
    QuizAnswer {
        /// The visit.
        session: F::Text,
        /// Exhibit id.
        exhibit: F::Text,
        /// Scene id.
        scene: F::Text,
        /// Question id.
        question: F::Text,
        /// Chosen choices, as indices in the exhibit file (true/false: 0 true, 1 false).
        choice: Vec<u32>,
        /// Whether the answer was fully right.
        correct: bool,
    },
    /// A control was used (a slider moved, a toggle flipped, play pressed…).
    Interaction {
        /// The visit.
        session: F::Text,
        /// Exhibit id.
        exhibit: F::Text,
        /// Scene id.
        scene: F::Text,
        /// The control's id.
        control: F::Text,
        /// Its new value (any JSON, `null` included: `replay` has none).
        value: F::Value,
    },
    /// The visitor switched language.
    LanguageChange {
        /// The visit.
        session: F::Text,
        /// The new language.
        lang: F::Text,
    },
    /// A visit ended.
    SessionEnd {
        /// The visit.
        session: F::Text,
        /// Why it ended.
        reason: F::Reason,
        /// From `session_start` to now, milliseconds.
        duration_ms: u64,
        /// The walk-away time before an idle reset (0 for other reasons).
        idle_ms: u64,
    },
    /// Something went wrong that a technician should know of.
    Error {
        /// What, in English.
        message: F::Text,
        /// The exhibit involved, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        exhibit: Option<F::Text>,
        /// For "events could not be written": how many were lost.
        #[serde(skip_serializing_if = "Option::is_none")]
        dropped: Option<u64>,
    },
}

/// An event as the kiosk writes it.
pub type Event = EventOf<Owned>;

/// An event as the reader reads it, borrowing from the line.
pub type ReadEvent<'a> = EventOf<Borrowed<'a>>;

/// Which event, without its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `kiosk_start`.
    KioskStart,
    /// `kiosk_stop`.
    KioskStop,
    /// `heartbeat`.
    Heartbeat,
    /// `session_start`.
    SessionStart,
    /// `scene_enter`.
    SceneEnter,
    /// `scene_exit`.
    SceneExit,
    /// `quiz_answer`.
    QuizAnswer,
    /// `interaction`.
    Interaction,
    /// `language_change`.
    LanguageChange,
    /// `session_end`.
    SessionEnd,
    /// `error`.
    Error,
}

impl Kind {
    /// Every event of schema version 1.
    pub const ALL: [Kind; 11] = [
        Kind::KioskStart,
        Kind::KioskStop,
        Kind::Heartbeat,
        Kind::SessionStart,
        Kind::SceneEnter,
        Kind::SceneExit,
        Kind::QuizAnswer,
        Kind::Interaction,
        Kind::LanguageChange,
        Kind::SessionEnd,
        Kind::Error,
    ];

    /// The `"event"` name.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::KioskStart => "kiosk_start",
            Kind::KioskStop => "kiosk_stop",
            Kind::Heartbeat => "heartbeat",
            Kind::SessionStart => "session_start",
            Kind::SceneEnter => "scene_enter",
            Kind::SceneExit => "scene_exit",
            Kind::QuizAnswer => "quiz_answer",
            Kind::Interaction => "interaction",
            Kind::LanguageChange => "language_change",
            Kind::SessionEnd => "session_end",
            Kind::Error => "error",
        }
    }

    /// The event an `"event"` name names, if this schema knows it.
    #[inline]
    pub fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "kiosk_start" => Kind::KioskStart,
            "kiosk_stop" => Kind::KioskStop,
            "heartbeat" => Kind::Heartbeat,
            "session_start" => Kind::SessionStart,
            "scene_enter" => Kind::SceneEnter,
            "scene_exit" => Kind::SceneExit,
            "quiz_answer" => Kind::QuizAnswer,
            "interaction" => Kind::Interaction,
            "language_change" => Kind::LanguageChange,
            "session_end" => Kind::SessionEnd,
            "error" => Kind::Error,
            _ => return None,
        })
    }
}

impl<F: Form> EventOf<F> {
    /// Which event.
    pub fn kind(&self) -> Kind {
        match self {
            EventOf::KioskStart { .. } => Kind::KioskStart,
            EventOf::KioskStop { .. } => Kind::KioskStop,
            EventOf::Heartbeat { .. } => Kind::Heartbeat,
            EventOf::SessionStart { .. } => Kind::SessionStart,
            EventOf::SceneEnter { .. } => Kind::SceneEnter,
            EventOf::SceneExit { .. } => Kind::SceneExit,
            EventOf::QuizAnswer { .. } => Kind::QuizAnswer,
            EventOf::Interaction { .. } => Kind::Interaction,
            EventOf::LanguageChange { .. } => Kind::LanguageChange,
            EventOf::SessionEnd { .. } => Kind::SessionEnd,
            EventOf::Error { .. } => Kind::Error,
        }
    }

    /// The `"event"` name.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The visit it belongs to, for events of a visit.
    pub fn session(&self) -> Option<&F::Text> {
        match self {
            EventOf::SessionStart { session, .. }
            | EventOf::SceneEnter { session, .. }
            | EventOf::SceneExit { session, .. }
            | EventOf::QuizAnswer { session, .. }
            | EventOf::Interaction { session, .. }
            | EventOf::LanguageChange { session, .. }
            | EventOf::SessionEnd { session, .. } => Some(session),
            _ => None,
        }
    }

    /// Exhibit and scene, for events on a scene.
    pub fn place(&self) -> Option<(&F::Text, &F::Text)> {
        match self {
            EventOf::SceneEnter { exhibit, scene, .. }
            | EventOf::SceneExit { exhibit, scene, .. }
            | EventOf::QuizAnswer { exhibit, scene, .. }
            | EventOf::Interaction { exhibit, scene, .. } => Some((exhibit, scene)),
            _ => None,
        }
    }
}

impl ReadEvent<'_> {
    /// The event as the kiosk would have made it, if every word in it is one this schema
    /// knows (a device, an end reason) and its value is JSON.
    pub fn to_owned_event(&self) -> Option<Event> {
        let s = |t: &Str| t.0.clone().into_owned();
        Some(match self {
            EventOf::KioskStart { version } => Event::KioskStart {
                version: s(version),
            },
            EventOf::KioskStop { reason } => Event::KioskStop { reason: s(reason) },
            EventOf::Heartbeat { uptime_ms } => Event::Heartbeat {
                uptime_ms: *uptime_ms,
            },
            EventOf::SessionStart {
                session,
                lang,
                input,
            } => Event::SessionStart {
                session: s(session),
                lang: s(lang),
                input: InputKind::parse(input)?,
            },
            EventOf::SceneEnter {
                session,
                exhibit,
                scene,
                kind,
            } => Event::SceneEnter {
                session: s(session),
                exhibit: s(exhibit),
                scene: s(scene),
                kind: s(kind),
            },
            EventOf::SceneExit {
                session,
                exhibit,
                scene,
                dwell_ms,
                idle_ms,
            } => Event::SceneExit {
                session: s(session),
                exhibit: s(exhibit),
                scene: s(scene),
                dwell_ms: *dwell_ms,
                idle_ms: *idle_ms,
            },
            EventOf::QuizAnswer {
                session,
                exhibit,
                scene,
                question,
                choice,
                correct,
            } => Event::QuizAnswer {
                session: s(session),
                exhibit: s(exhibit),
                scene: s(scene),
                question: s(question),
                choice: choice.clone(),
                correct: *correct,
            },
            EventOf::Interaction {
                session,
                exhibit,
                scene,
                control,
                value,
            } => Event::Interaction {
                session: s(session),
                exhibit: s(exhibit),
                scene: s(scene),
                control: s(control),
                value: serde_json::from_str(value.get()).ok()?,
            },
            EventOf::LanguageChange { session, lang } => Event::LanguageChange {
                session: s(session),
                lang: s(lang),
            },
            EventOf::SessionEnd {
                session,
                reason,
                duration_ms,
                idle_ms,
            } => Event::SessionEnd {
                session: s(session),
                reason: EndReason::parse(reason)?,
                duration_ms: *duration_ms,
                idle_ms: *idle_ms,
            },
            EventOf::Error {
                message,
                exhibit,
                dropped,
            } => Event::Error {
                message: s(message),
                exhibit: exhibit.as_ref().map(s),
                dropped: *dropped,
            },
        })
    }
}

/// A text field as read, borrowed from the line when it has no escapes (nearly always),
/// so reading a line allocates nothing. (`Option<Cow<str>>` would always allocate: serde
/// borrows only a bare `Cow`.)
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Str<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Str<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

/// A JSON value as read: its text, borrowed from the line, not parsed.
#[derive(Debug, Clone, Copy)]
pub struct RawJson<'a>(pub &'a RawValue);

impl RawJson<'_> {
    /// The JSON text, as the line has it.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

/// Equal when written the same way.
impl PartialEq for RawJson<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Serialize for RawJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Why a line is not an event of this schema (and the reader skipped it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Skip {
    /// A line cut short by a power cut or crash mid-write: at the end of a file, or a
    /// log line that breaks off where a restarted kiosk carried on.
    Torn,
    /// Not a JSON object with `v`, `ts`, `kiosk` and `event`.
    Garbage,
    /// A `v` this reader does not know.
    UnknownVersion,
    /// An `event` this reader does not know.
    UnknownEvent,
    /// A field the event must have is missing.
    MissingField,
    /// `ts` is not an RFC 3339 time, or is before 2000 (clock not set).
    BadTimestamp,
}

impl Skip {
    /// All reasons, in report order.
    pub const ALL: [Skip; 6] = [
        Skip::Torn,
        Skip::Garbage,
        Skip::UnknownVersion,
        Skip::UnknownEvent,
        Skip::MissingField,
        Skip::BadTimestamp,
    ];

    /// In words, for the report (English).
    pub const fn describe(self) -> &'static str {
        match self {
            Skip::Torn => "half line (power cut or crash while writing)",
            Skip::Garbage => "not a log line (not JSON, or without v, ts, kiosk, event)",
            Skip::UnknownVersion => "written by a newer kiosk (unknown schema version)",
            Skip::UnknownEvent => "unknown event name",
            Skip::MissingField => "an event without a field it must have",
            Skip::BadTimestamp => {
                "a time that is not RFC 3339, or before 2000 (a kiosk clock not set)"
            }
        }
    }
}

/// A line read and checked: the envelope and the event.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// When (`ts`).
    pub ts: Timestamp,
    /// Which kiosk (`kiosk`).
    pub kiosk: Cow<'a, str>,
    /// What happened.
    pub event: ReadEvent<'a>,
}

/// Times before 2000 come from a kiosk whose clock was not set (it boots in 1970); they
/// would stretch every chart over decades.
const EARLIEST_MS: i64 = 946_684_800_000;

/// Reads one line (without its newline) into a [`Record`], borrowing from `text`; or says
/// why it cannot be read (any [`Skip`] but [`Skip::Torn`], which only the reader, seeing
/// where the line ends, can tell).
// Inlined so that the record is built where the caller keeps it, not copied there: a
// report reads tens of millions of lines.
#[inline(always)]
pub fn parse_record(text: &str) -> Result<Record<'_>, Skip> {
    let mut fields = Fields::default();
    let mut de = serde_json::Deserializer::from_str(text);
    de::Deserializer::deserialize_map(&mut de, Fill(&mut fields))
        .and_then(|()| de.end())
        .map_err(|_| Skip::Garbage)?;
    if fields.v != VERSION {
        return Err(Skip::UnknownVersion);
    }
    let kind = Kind::of(&fields.event).ok_or(Skip::UnknownEvent)?;
    let ts = Timestamp::parse(&fields.ts)
        .filter(|t| t.0 >= EARLIEST_MS)
        .ok_or(Skip::BadTimestamp)?;
    let kiosk = std::mem::take(&mut fields.kiosk);
    let event = fields.take_event(kind).ok_or(Skip::MissingField)?;
    Ok(Record { ts, kiosk, event })
}

/// Every field any v1 event has, as the line holds them; which are present depends on
/// the event. Filled in place as serde reads the object (the struct is large, and
/// building it by value would copy it several times per line), then moved into the
/// [`ReadEvent`] its `event` names.
#[derive(Debug, Default)]
struct Fields<'a> {
    v: u32,
    ts: Cow<'a, str>,
    kiosk: Cow<'a, str>,
    event: Cow<'a, str>,
    session: Option<Str<'a>>,
    lang: Option<Str<'a>>,
    input: Option<Str<'a>>,
    exhibit: Option<Str<'a>>,
    scene: Option<Str<'a>>,
    kind: Option<Str<'a>>,
    question: Option<Str<'a>>,
    control: Option<Str<'a>>,
    reason: Option<Str<'a>>,
    message: Option<Str<'a>>,
    version: Option<Str<'a>>,
    value: Option<RawJson<'a>>,
    choice: Option<Vec<u32>>,
    correct: Option<bool>,
    dwell_ms: Option<u64>,
    idle_ms: Option<u64>,
    duration_ms: Option<u64>,
    uptime_ms: Option<u64>,
    dropped: Option<u64>,
}

impl<'a> Fields<'a> {
    /// The event `kind` made of these fields, taken out of them; `None` when one it must
    /// have is missing.
    #[inline(always)]
    fn take_event(&mut self, kind: Kind) -> Option<ReadEvent<'a>> {
        let f = self;
        Some(match kind {
            Kind::KioskStart => EventOf::KioskStart {
                version: f.version.take()?,
            },
            Kind::KioskStop => EventOf::KioskStop {
                reason: f.reason.take()?,
            },
            Kind::Heartbeat => EventOf::Heartbeat {
                // Required by the schema, but a reader has always let it be left out.
                uptime_ms: f.uptime_ms.unwrap_or(0),
            },
            Kind::SessionStart => EventOf::SessionStart {
                session: f.session.take()?,
                lang: f.lang.take()?,
                input: f.input.take()?,
            },
            Kind::SceneEnter => EventOf::SceneEnter {
                session: f.session.take()?,
                exhibit: f.exhibit.take()?,
                scene: f.scene.take()?,
                kind: f.kind.take()?,
            },
            Kind::SceneExit => EventOf::SceneExit {
                session: f.session.take()?,
                exhibit: f.exhibit.take()?,
                scene: f.scene.take()?,
                dwell_ms: f.dwell_ms.take()?,
                idle_ms: f.idle_ms.take(),
            },
            Kind::QuizAnswer => EventOf::QuizAnswer {
                session: f.session.take()?,
                exhibit: f.exhibit.take()?,
                scene: f.scene.take()?,
                question: f.question.take()?,
                choice: f.choice.take()?,
                correct: f.correct.take()?,
            },
            Kind::Interaction => EventOf::Interaction {
                session: f.session.take()?,
                exhibit: f.exhibit.take()?,
                scene: f.scene.take()?,
                control: f.control.take()?,
                value: f.value.take()?,
            },
            Kind::LanguageChange => EventOf::LanguageChange {
                session: f.session.take()?,
                lang: f.lang.take()?,
            },
            Kind::SessionEnd => EventOf::SessionEnd {
                session: f.session.take()?,
                reason: f.reason.take()?,
                duration_ms: f.duration_ms.take()?,
                // Required by the schema, but a reader has always let it be left out.
                idle_ms: f.idle_ms.unwrap_or(0),
            },
            Kind::Error => EventOf::Error {
                message: f.message.take()?,
                exhibit: f.exhibit.take(),
                dropped: f.dropped.take(),
            },
        })
    }
}

/// Fills [`Fields`] where they lie, field by field, as serde reads the object.
struct Fill<'l, 'a>(&'l mut Fields<'a>);

impl<'de: 'a, 'a> Visitor<'de> for Fill<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a usage log line (a JSON object)")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let line = self.0;
        // Fields seen, to refuse duplicates as serde's derived code would.
        let mut seen = 0u32;
        let mut once = |bit: u32, name: &'static str| {
            if seen & (1 << bit) != 0 {
                return Err(de::Error::duplicate_field(name));
            }
            seen |= 1 << bit;
            Ok(())
        };
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match &*key {
                "v" => {
                    once(0, "v")?;
                    line.v = map.next_value()?;
                }
                "ts" => {
                    once(1, "ts")?;
                    line.ts = map.next_value::<Str>()?.0;
                }
                "kiosk" => {
                    once(2, "kiosk")?;
                    line.kiosk = map.next_value::<Str>()?.0;
                }
                "event" => {
                    once(3, "event")?;
                    line.event = map.next_value::<Str>()?.0;
                }
                "session" => {
                    once(4, "session")?;
                    line.session = map.next_value()?;
                }
                "lang" => {
                    once(5, "lang")?;
                    line.lang = map.next_value()?;
                }
                "input" => {
                    once(6, "input")?;
                    line.input = map.next_value()?;
                }
                "exhibit" => {
                    once(7, "exhibit")?;
                    line.exhibit = map.next_value()?;
                }
                "scene" => {
                    once(8, "scene")?;
                    line.scene = map.next_value()?;
                }
                "kind" => {
                    once(9, "kind")?;
                    line.kind = map.next_value()?;
                }
                "question" => {
                    once(10, "question")?;
                    line.question = map.next_value()?;
                }
                "control" => {
                    once(11, "control")?;
                    line.control = map.next_value()?;
                }
                "reason" => {
                    once(12, "reason")?;
                    line.reason = map.next_value()?;
                }
                "message" => {
                    once(13, "message")?;
                    line.message = map.next_value()?;
                }
                "version" => {
                    once(14, "version")?;
                    line.version = map.next_value()?;
                }
                "value" => {
                    once(15, "value")?;
                    // Not `Option`: `null` is a value like any other (`replay` has it).
                    line.value = Some(RawJson(map.next_value()?));
                }
                "choice" => {
                    once(16, "choice")?;
                    line.choice = map.next_value()?;
                }
                "correct" => {
                    once(17, "correct")?;
                    line.correct = map.next_value()?;
                }
                "dwell_ms" => {
                    once(18, "dwell_ms")?;
                    line.dwell_ms = map.next_value()?;
                }
                "idle_ms" => {
                    once(19, "idle_ms")?;
                    line.idle_ms = map.next_value()?;
                }
                "duration_ms" => {
                    once(20, "duration_ms")?;
                    line.duration_ms = map.next_value()?;
                }
                "uptime_ms" => {
                    once(21, "uptime_ms")?;
                    line.uptime_ms = map.next_value()?;
                }
                "dropped" => {
                    once(22, "dropped")?;
                    line.dropped = map.next_value()?;
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        for (bit, name) in [(0, "v"), (1, "ts"), (2, "kiosk"), (3, "event")] {
            if seen & (1 << bit) == 0 {
                return Err(de::Error::missing_field(name));
            }
        }
        Ok(())
    }
}

/// The envelope every line shares.
#[derive(Serialize)]
#[serde(bound(serialize = ""))]
struct Line<'a, F: Form> {
    v: u32,
    ts: String,
    kiosk: &'a str,
    #[serde(flatten)]
    event: &'a EventOf<F>,
}

/// One event as one line of the log, newline included. (An event read back writes the
/// same line.)
pub fn to_line<F: Form>(ts: Timestamp, kiosk: &str, event: &EventOf<F>) -> String {
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
