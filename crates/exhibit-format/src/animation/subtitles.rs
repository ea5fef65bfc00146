//! Subtitle cues: written in the exhibit file or read from the SubRip (`.srt`) or WebVTT
//! (`.vtt`) file a designer already has (parsed by the `subtp` crate), and which cue
//! shows at a given time.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::media::{self, MediaError};

/// One subtitle cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// When it appears, seconds.
    pub from: f32,
    /// When it goes, seconds.
    pub to: f32,
    /// What it says (a line break starts a second line).
    pub text: String,
    /// Line of the cue's timing in its subtitle file (1-based); 0 for cues written in the
    /// exhibit file.
    #[serde(skip)]
    pub line: usize,
}

/// Why a subtitle file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SubtitleError {
    /// Missing, outside the folder, and the like.
    #[error(transparent)]
    Media(#[from] MediaError),
    /// Neither `.srt` nor `.vtt`.
    #[error("`{0}` is not a subtitle file this kiosk reads (`.srt` or `.vtt`)")]
    Kind(String),
    /// Not text.
    #[error("`{path}` cannot be read as UTF-8 text ({reason})")]
    Unreadable {
        /// The path as written.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The file breaks the format.
    #[error("`{path}` line {line}, column {column}: expected {expected}")]
    Syntax {
        /// The path as written.
        path: String,
        /// Line in the subtitle file (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
        /// What the parser expected there.
        expected: String,
    },
}

impl SubtitleError {
    /// What the designer can do about it.
    pub fn hint(&self) -> String {
        match self {
            SubtitleError::Media(e) => e.hint(),
            SubtitleError::Kind(_) => {
                "export the subtitles as SubRip (.srt) or WebVTT (.vtt), or write them as `Cues([...])`".into()
            }
            SubtitleError::Unreadable { .. } => "save the file as UTF-8".into(),
            SubtitleError::Syntax { .. } => {
                "each cue is a timing line followed by its text and a blank line: `00:00:01,000 --> 00:00:03,500` in SubRip (a comma before the milliseconds), `00:00:01.000 --> 00:00:03.500` in WebVTT (a dot)".into()
            }
        }
    }
}

/// Reads subtitle file `rel` from exhibit folder `dir`.
pub fn load(dir: &Path, rel: &str) -> Result<Vec<Cue>, SubtitleError> {
    let path = media::resolve(dir, rel)?;
    if !path.is_file() {
        return Err(MediaError::Missing(rel.to_owned()).into());
    }
    let bytes = std::fs::read(&path).map_err(|e| SubtitleError::Unreadable {
        path: rel.to_owned(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| SubtitleError::Unreadable {
        path: rel.to_owned(),
        reason: e.to_string(),
    })?;
    parse(rel, &text)
}

/// Parses subtitle text; `name` (its file name) says whether it is SubRip or WebVTT.
pub fn parse(name: &str, text: &str) -> Result<Vec<Cue>, SubtitleError> {
    // The parser wants bare line feeds and no byte-order mark; editors on Windows write both.
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let syntax = |e: subtp::ParseError| {
        let mut at = e.location.split(':').map(|n| n.parse().unwrap_or(0));
        SubtitleError::Syntax {
            path: name.to_owned(),
            line: at.next().unwrap_or(0),
            column: at.next().unwrap_or(0),
            expected: e.expected,
        }
    };
    if !matches!(ext.as_deref(), Some("srt" | "vtt")) {
        return Err(SubtitleError::Kind(name.to_owned()));
    }
    // An empty SubRip file, or a WebVTT file that is only its header, has no cues (the
    // parser refuses both; the validator warns when a language's subtitles are empty).
    let body = text.trim();
    let no_cues = match ext.as_deref() {
        Some("srt") => body.is_empty(),
        _ => body.starts_with("WEBVTT") && !body.contains("\n\n"),
    };
    if no_cues {
        return Ok(Vec::new());
    }
    let mut cues: Vec<Cue> = match ext.as_deref() {
        Some("srt") => {
            // A blank line at the end is normal in SubRip files; the parser wants one at most.
            let body = format!("{}\n", text.trim_end());
            subtp::srt::SubRip::parse(&body)
                .map_err(syntax)?
                .subtitles
                .into_iter()
                .map(|s| Cue {
                    from: srt_seconds(&s.start),
                    to: srt_seconds(&s.end),
                    text: clean(&s.text.join("\n")),
                    line: 0,
                })
                .collect()
        }
        Some("vtt") => {
            let body = format!("{}\n", text.trim_end());
            subtp::vtt::WebVtt::parse(&body)
                .map_err(syntax)?
                .blocks
                .into_iter()
                .filter_map(|b| match b {
                    subtp::vtt::VttBlock::Que(c) => Some(Cue {
                        from: vtt_seconds(&c.timings.start),
                        to: vtt_seconds(&c.timings.end),
                        text: clean(&c.payload.join("\n")),
                        line: 0,
                    }),
                    _ => None,
                })
                .collect()
        }
        _ => return Err(SubtitleError::Kind(name.to_owned())),
    };
    // Every cue has exactly one timing line (`-->` may appear nowhere else in either
    // format), so the n-th such line is the n-th cue's.
    let timing_lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("-->"))
        .map(|(i, _)| i + 1);
    for (cue, line) in cues.iter_mut().zip(timing_lines) {
        cue.line = line;
    }
    Ok(cues)
}

fn srt_seconds(t: &subtp::srt::SrtTimestamp) -> f32 {
    (t.hours as f64 * 3600.0
        + t.minutes as f64 * 60.0
        + t.seconds as f64
        + t.milliseconds as f64 / 1000.0) as f32
}

fn vtt_seconds(t: &subtp::vtt::VttTimestamp) -> f32 {
    (t.hours as f64 * 3600.0
        + t.minutes as f64 * 60.0
        + t.seconds as f64
        + t.milliseconds as f64 / 1000.0) as f32
}

/// Cue text as shown: markup tags (`<i>`, `<v Speaker>`, `<c.yellow>`) removed and the
/// common character references decoded; the kiosk's caption bar has its own style.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A tag opens with a letter, `/` or a digit (`<i>`, `</i>`, `<00:01.000>`); a `<`
        // before anything else is the character itself ("2 < 3").
        let opens = c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '/' || *n == '.');
        match c {
            _ if opens && !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

/// The cue showing at `t`: of the cues with `from <= t < to`, the one that started last.
pub fn cue_at(cues: &[Cue], t: f32) -> Option<&Cue> {
    cues.iter()
        .filter(|c| c.from <= t && t < c.to)
        .max_by(|a, b| a.from.total_cmp(&b.from))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRT: &str = "1\r\n00:00:01,000 --> 00:00:03,500\r\nWater <i>evaporates</i>\r\nfrom the sea.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nClouds form.\r\n\r\n";

    const VTT: &str = "WEBVTT\n\nNOTE written by hand\n\nintro\n00:00:00.500 --> 00:00:02.000 line:90%\n<v Narrator>水从海面蒸发。</v>\n\n00:01:02.250 --> 00:01:04.000\nRain &amp; snow\n";

    #[test]
    fn reads_subrip_with_windows_line_ends_and_markup() {
        let cues = parse("en.srt", SRT).unwrap();
        assert_eq!(cues.len(), 2);
        assert_eq!((cues[0].from, cues[0].to), (1.0, 3.5));
        assert_eq!(cues[0].text, "Water evaporates\nfrom the sea.");
        assert_eq!(cues[0].line, 2);
        assert_eq!(cues[1].line, 7);
    }

    #[test]
    fn reads_webvtt_with_notes_ids_settings_and_voices() {
        let cues = parse("zh.vtt", VTT).unwrap();
        assert_eq!(cues.len(), 2, "{cues:?}");
        assert_eq!(cues[0].text, "水从海面蒸发。");
        assert_eq!((cues[0].from, cues[0].line), (0.5, 6));
        assert_eq!((cues[1].from, cues[1].to), (62.25, 64.0));
        assert_eq!(cues[1].text, "Rain & snow");
    }

    #[test]
    fn a_broken_file_says_where() {
        let err = parse("en.srt", "1\n00:00:01,000 -> 00:00:03,500\nHi\n").unwrap_err();
        assert!(
            matches!(err, SubtitleError::Syntax { line: 2, .. }),
            "{err:?}"
        );
        assert!(matches!(parse("en.txt", "x"), Err(SubtitleError::Kind(_))));
    }

    #[test]
    fn edge_cases_of_real_files() {
        // Old Mac line ends, and a less-than sign that is not a tag.
        let cues = parse(
            "a.srt",
            "1\r00:00:01,000 --> 00:00:02,000\r2 < 3, <i>yes</i>\r",
        )
        .unwrap();
        assert_eq!((cues[0].text.as_str(), cues[0].line), ("2 < 3, yes", 2));
        // No cues at all: an empty list, not an error.
        assert_eq!(parse("a.vtt", "WEBVTT\n\n"), Ok(Vec::new()));
        assert_eq!(parse("a.srt", ""), Ok(Vec::new()));
        assert!(
            parse("a.vtt", "hello").is_err(),
            "a WebVTT file starts with WEBVTT"
        );
    }

    #[test]
    fn the_cue_at_a_time() {
        let cues = parse("en.srt", SRT).unwrap();
        assert_eq!(cue_at(&cues, 0.5), None);
        assert_eq!(
            cue_at(&cues, 1.0).unwrap().text.lines().next(),
            Some("Water evaporates")
        );
        assert_eq!(cue_at(&cues, 3.6), None);
        assert_eq!(cue_at(&cues, 5.9).unwrap().text, "Clouds form.");
        assert_eq!(cue_at(&cues, 6.0), None);
    }
}
