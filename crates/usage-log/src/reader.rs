//! Reading log files back. A line that cannot be read (a half line left by a power cut,
//! garbage, an unknown version or event, a field missing) is skipped and counted, never
//! fatal. Lines are parsed in place, borrowing from the read buffer, because a report
//! reads tens of millions of them.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::event::VERSION;
use crate::time::{Date, Timestamp};

/// Every field any v1 event has; which are present depends on the event.
#[derive(Debug, Deserialize)]
#[allow(missing_docs)]
pub struct RawLine<'a> {
    pub v: u32,
    #[serde(borrow)]
    pub ts: Cow<'a, str>,
    #[serde(borrow)]
    pub kiosk: Cow<'a, str>,
    #[serde(borrow)]
    pub event: Cow<'a, str>,
    #[serde(borrow, default)]
    pub session: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub lang: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub input: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub exhibit: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub scene: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub question: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub control: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub reason: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub message: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub version: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub value: Option<&'a RawValue>,
    #[serde(default)]
    pub choice: Option<Vec<u32>>,
    #[serde(default)]
    pub correct: Option<bool>,
    #[serde(default)]
    pub dwell_ms: Option<u64>,
    #[serde(default)]
    pub idle_ms: Option<u64>,
    #[serde(default)]
    pub duration_ms: Option<u64>,
    #[serde(default)]
    pub uptime_ms: Option<u64>,
    #[serde(default)]
    pub dropped: Option<u64>,
}

/// The v1 events a reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Kind {
    KioskStart,
    KioskStop,
    Heartbeat,
    SessionStart,
    SceneEnter,
    SceneExit,
    QuizAnswer,
    Interaction,
    LanguageChange,
    SessionEnd,
    Error,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
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

/// A line that was read and checked.
#[derive(Debug)]
pub struct Line<'a> {
    /// Which event.
    pub kind: Kind,
    /// When.
    pub ts: Timestamp,
    /// All its fields.
    pub raw: RawLine<'a>,
}

/// Why a line was skipped.
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
    /// `ts` is not an RFC 3339 time.
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

    /// In words, for the report.
    pub fn describe(self) -> &'static str {
        match self {
            Skip::Torn => "half line (power cut or crash while writing)",
            Skip::Garbage => "not a log line (not JSON, or without v, ts, kiosk, event)",
            Skip::UnknownVersion => "written by a newer kiosk (unknown schema version)",
            Skip::UnknownEvent => "unknown event name",
            Skip::MissingField => "an event without a field it must have",
            Skip::BadTimestamp => "a time that is not RFC 3339",
        }
    }
}

/// Parses and checks one line (without its newline).
pub fn parse_line(bytes: &[u8]) -> Result<Line<'_>, Skip> {
    let raw: RawLine = serde_json::from_slice(bytes).map_err(|_| Skip::Garbage)?;
    if raw.v != VERSION {
        return Err(Skip::UnknownVersion);
    }
    let kind = Kind::of(&raw.event).ok_or(Skip::UnknownEvent)?;
    let ts = Timestamp::parse(&raw.ts).ok_or(Skip::BadTimestamp)?;
    let has = |o: &Option<Cow<str>>| o.is_some();
    let session = has(&raw.session);
    let place = session && has(&raw.exhibit) && has(&raw.scene);
    let complete = match kind {
        Kind::KioskStart => has(&raw.version),
        Kind::KioskStop => has(&raw.reason),
        Kind::Heartbeat => true,
        Kind::SessionStart => session && has(&raw.lang) && has(&raw.input),
        Kind::SceneEnter => place && has(&raw.kind),
        Kind::SceneExit => place && raw.dwell_ms.is_some(),
        Kind::QuizAnswer => {
            place && has(&raw.question) && raw.choice.is_some() && raw.correct.is_some()
        }
        Kind::Interaction => place && has(&raw.control) && raw.value.is_some(),
        Kind::LanguageChange => session && has(&raw.lang),
        Kind::SessionEnd => session && has(&raw.reason) && raw.duration_ms.is_some(),
        Kind::Error => has(&raw.message),
    };
    if !complete {
        return Err(Skip::MissingField);
    }
    Ok(Line { kind, ts, raw })
}

/// Reads every line of `reader`, giving each to `each`. A last line without a newline
/// that does not parse counts as [`Skip::Torn`]. Returns the number of bytes read.
pub fn read_lines(
    mut reader: impl BufRead,
    mut each: impl FnMut(Result<Line<'_>, Skip>),
) -> std::io::Result<u64> {
    let mut buf = Vec::with_capacity(1024);
    let mut bytes = 0;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes += n as u64;
        let ended = buf.last() == Some(&b'\n');
        let mut line = &buf[..];
        while let [rest @ .., b'\n' | b'\r'] = line {
            line = rest;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(line) {
            // Cut short: at the end of the file, or mid-file where a restarted writer
            // ended the half line before carrying on.
            Err(Skip::Garbage) if !ended || line.starts_with(br#"{"v":"#) => each(Err(Skip::Torn)),
            result => each(result),
        }
    }
}

/// One log file found under the folders given to the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// Where.
    pub path: PathBuf,
    /// The folder it sits in (the kiosk id, when the layout is the writer's).
    pub folder: String,
    /// The UTC day, from the name `YYYY-MM-DD.jsonl`, if it has that form.
    pub date: Option<Date>,
    /// Size in bytes.
    pub size: u64,
}

/// Every `*.jsonl` file under `roots` (each a file, a kiosk's folder or a log folder of
/// kiosk folders), sorted by folder and name, so each kiosk's days come in order.
pub fn find_log_files(roots: &[PathBuf]) -> std::io::Result<Vec<LogFile>> {
    let mut found = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", root.display())))?;
        if meta.is_dir() {
            walk(root, 0, &mut found)?;
        } else {
            found.push(log_file(root, meta.len()));
        }
    }
    found.sort_by(|a, b| (&a.folder, &a.path).cmp(&(&b.folder, &b.path)));
    found.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<LogFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let meta = entry.metadata()?;
        if meta.is_dir() && depth < 3 {
            walk(&path, depth + 1, found)?;
        } else if meta.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
            found.push(log_file(&path, meta.len()));
        }
    }
    Ok(())
}

fn log_file(path: &Path, size: u64) -> LogFile {
    LogFile {
        path: path.to_owned(),
        folder: path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        date: path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(Date::parse),
        size,
    }
}

/// Opens `file` for [`read_lines`] with a large buffer.
pub fn open(file: &LogFile) -> std::io::Result<BufReader<File>> {
    Ok(BufReader::with_capacity(1 << 20, File::open(&file.path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Result<Kind, Skip>> {
        let mut out = Vec::new();
        read_lines(text.as_bytes(), |r| out.push(r.map(|l| l.kind))).unwrap();
        out
    }

    #[test]
    fn each_kind_of_bad_line_is_named() {
        let text = concat!(
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"kiosk_start","version":"0.1"}"#,
            "\n",
            "garbage here\n",
            "\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kio"#,
            "\n",
            r#"{"v":2,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"kiosk_start","version":"0.1"}"#,
            "\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"dance"}"#,
            "\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"scene_exit","session":"s","exhibit":"e","scene":"x"}"#,
            "\n",
            r#"{"v":1,"ts":"yesterday","kiosk":"k","event":"kiosk_stop","reason":"exit"}"#,
            "\r\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"interaction","session":"s","exhibit":"e","scene":"x","control":"len","value":{"a":[1,2]},"extra":true}"#,
            "\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"quiz_ans"#,
        );
        assert_eq!(
            read(text),
            vec![
                Ok(Kind::KioskStart),
                Err(Skip::Garbage),
                Err(Skip::Torn),
                Err(Skip::UnknownVersion),
                Err(Skip::UnknownEvent),
                Err(Skip::MissingField),
                Err(Skip::BadTimestamp),
                Ok(Kind::Interaction),
                Err(Skip::Torn),
            ]
        );
    }

    #[test]
    fn escaped_text_reads() {
        let line = br#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"error","message":"a \"quoted\" \u4e2d"}"#;
        let l = parse_line(line).unwrap();
        assert_eq!(l.raw.message.as_deref(), Some("a \"quoted\" 中"));
    }

    #[test]
    fn finds_files_in_every_layout() {
        let dir = tempfile::tempdir().unwrap();
        for p in [
            "logs/a/2026-11-28.jsonl",
            "logs/a/2026-11-27.jsonl",
            "logs/b/2026-11-28.jsonl",
            "logs/b/notes.txt",
        ] {
            let p = dir.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let root = dir.path().join("logs");
        let files = find_log_files(&[root.clone(), root.join("a")]).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| format!("{}/{}", f.folder, f.date.unwrap()))
            .collect();
        assert_eq!(names, ["a/2026-11-27", "a/2026-11-28", "b/2026-11-28"]);
        assert!(find_log_files(&[dir.path().join("nope")]).is_err());
    }
}
