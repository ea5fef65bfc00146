//! Reading log files back. A line that cannot be read (a half line left by a power cut,
//! garbage, an unknown version or event, a field missing) is skipped and counted, never
//! fatal. Lines are parsed in place into [`Record`]s (the schema of [`crate::event`]),
//! borrowing from the read buffer, because a report reads tens of millions of them.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::event::parse_record;
pub use crate::event::{Kind, Record, Skip, Str};
use crate::time::Date;

/// Parses and checks one line (without its newline).
#[inline]
pub fn parse_line(bytes: &[u8]) -> Result<Record<'_>, Skip> {
    // One UTF-8 check for the whole line, then the faster `str` parser.
    let text = std::str::from_utf8(bytes).map_err(|_| Skip::Garbage)?;
    parse_record(text)
}

/// Reads every line of `reader`, giving each to `each`. A last line without a newline
/// that does not parse counts as [`Skip::Torn`]. Returns the number of bytes read.
///
/// Lines are parsed where they lie in the read buffer; only a line that straddles two
/// buffer fills is copied.
pub fn read_lines(
    mut reader: impl BufRead,
    mut each: impl FnMut(Result<&Record<'_>, Skip>),
) -> std::io::Result<u64> {
    let mut carry: Vec<u8> = Vec::new();
    let mut bytes = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            if !carry.is_empty() {
                one_line(&carry, false, &mut each);
            }
            return Ok(bytes);
        }
        let len = buf.len();
        let mut start = 0;
        if !carry.is_empty() {
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    carry.extend_from_slice(&buf[..i]);
                    one_line(&carry, true, &mut each);
                    carry.clear();
                    start = i + 1;
                }
                None => {
                    carry.extend_from_slice(buf);
                    reader.consume(len);
                    bytes += len as u64;
                    continue;
                }
            }
        }
        let base = start;
        for end in memchr::memchr_iter(b'\n', &buf[base..]) {
            one_line(&buf[start..base + end], true, &mut each);
            start = base + end + 1;
        }
        carry.extend_from_slice(&buf[start..]);
        reader.consume(len);
        bytes += len as u64;
    }
}

fn one_line(mut line: &[u8], ended: bool, each: &mut impl FnMut(Result<&Record<'_>, Skip>)) {
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    match parse_line(line) {
        // Cut short: at the end of the file, or mid-file where a restarted writer
        // ended the half line before carrying on.
        Err(Skip::Garbage) if !ended || line.starts_with(br#"{"v":"#) => each(Err(Skip::Torn)),
        Err(why) => each(Err(why)),
        Ok(record) => each(Ok(&record)),
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
    // Each kiosk's days in date order, even when its folder appears under several roots
    // (one folder per month, say); a file reached twice counts once.
    found.sort_by(|a, b| {
        (&a.folder, a.path.file_name(), &a.path).cmp(&(&b.folder, b.path.file_name(), &b.path))
    });
    found.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<LogFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Follows symbolic links (a kiosk folder linked in from elsewhere).
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
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
        read_lines(text.as_bytes(), |r| out.push(r.map(|l| l.event.kind()))).unwrap();
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
            r#"{"v":1,"ts":"1970-01-01T00:00:05.000Z","kiosk":"k","event":"kiosk_stop","reason":"exit"}"#,
            "\n",
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
                Err(Skip::BadTimestamp),
                Ok(Kind::Interaction),
                Err(Skip::Torn),
            ]
        );
    }

    #[test]
    fn lines_that_straddle_buffer_fills_read_the_same() {
        use crate::event::{Event, to_line};
        let mut text = String::new();
        for i in 0..100 {
            text += &to_line(
                crate::time::Timestamp(1_795_860_930_123 + i),
                "k",
                &Event::Heartbeat {
                    uptime_ms: i as u64,
                },
            );
        }
        text += "garbage\n{\"v\":1,\"ts\"";
        for capacity in [7, 13, 64, 1 << 20] {
            let mut kinds = Vec::new();
            let reader = std::io::BufReader::with_capacity(capacity, text.as_bytes());
            let bytes = read_lines(reader, |r| kinds.push(r.map(|l| l.event.kind()))).unwrap();
            assert_eq!(bytes, text.len() as u64);
            assert_eq!(kinds.len(), 102, "capacity {capacity}");
            assert!(kinds[..100].iter().all(|k| *k == Ok(Kind::Heartbeat)));
            assert_eq!(kinds[100..], [Err(Skip::Garbage), Err(Skip::Torn)]);
        }
    }

    #[test]
    fn null_is_a_value_but_not_an_id() {
        // `replay` logs `"value": null` (docs/usage-log.md); readers before the schema
        // was shared skipped such lines as missing their value.
        let text = concat!(
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"interaction","session":"s","exhibit":"e","scene":"x","control":"replay","value":null}"#,
            "\n",
            r#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"interaction","session":null,"exhibit":"e","scene":"x","control":"replay","value":1}"#,
            "\n",
        );
        assert_eq!(
            read(text),
            vec![Ok(Kind::Interaction), Err(Skip::MissingField)]
        );
    }

    #[test]
    fn escaped_text_reads() {
        let line = br#"{"v":1,"ts":"2026-11-28T10:00:00.000Z","kiosk":"k","event":"error","message":"a \"quoted\" \u4e2d"}"#;
        let l = parse_line(line).unwrap();
        let crate::event::EventOf::Error { message, .. } = l.event else {
            panic!("an error event")
        };
        assert_eq!(&*message, "a \"quoted\" 中");
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
