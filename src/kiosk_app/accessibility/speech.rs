//! Voicing without a network: what to say is chosen by the kiosk; this module finds the
//! designer's recording of it, or makes speech with espeak-ng, an offline speech engine
//! run as a process (text in, WAV out).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use thiserror::Error;

use exhibit_format::text::Lang;

/// Something to say, in a language, and where a designer's recording of it would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    /// The language it is said in.
    pub lang: Lang,
    /// The words (also what a speech engine reads when there is no recording).
    pub text: String,
    /// The designer's recording, when the exhibit has one for this text and language.
    pub recording: Option<PathBuf>,
}

impl Utterance {
    /// Words with no recording.
    pub fn words(lang: &str, text: impl Into<String>) -> Self {
        Utterance {
            lang: lang.to_owned(),
            text: text.into(),
            recording: None,
        }
    }
}

/// Why no speech could be made.
#[derive(Debug, Error)]
pub enum SpeechError {
    /// espeak-ng is not installed (or not on the PATH).
    #[error("espeak-ng cannot be started ({0}); install the espeak-ng package for voicing")]
    NoEngine(std::io::Error),
    /// The engine has no voice for this language.
    #[error(
        "no speech voice for language `{0}`; exhibit text in it is spoken only from recordings"
    )]
    NoVoice(String),
    /// The engine failed or took too long.
    #[error("espeak-ng failed: {0}")]
    Failed(String),
}

/// The espeak-ng voice for a language tag, for the languages the kiosk knows. Tibetan
/// and Mongolian have no espeak-ng voice: those need recordings.
pub fn espeak_voice(lang: &str) -> Option<&'static str> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    Some(match (primary, lang) {
        _ if lang.starts_with("zh-Hant-HK") || primary == "yue" => "yue",
        ("zh" | "cmn", _) => "cmn",
        ("en", _) => "en-gb",
        ("ug", _) => "ug",
        ("kk", _) => "kk",
        ("ky", _) => "ky",
        ("fr", _) => "fr",
        ("de", _) => "de",
        ("es", _) => "es",
        ("ru", _) => "ru",
        ("ja", _) => "ja",
        ("ko", _) => "ko",
        ("ar", _) => "ar",
        _ => return None,
    })
}

/// Turns screen text into something a speech engine reads well: one line, no marks
/// that are only there for the eye.
pub fn speakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            // A line break is a pause.
            let ends_sentence = out.ends_with(['.', '!', '?', '。', '！', '？', ':', '：']);
            out.push_str(if ends_sentence { " " } else { ". " });
        }
        out.push_str(line);
    }
    out.replace(" · ", ", ")
}

/// Where an exhibit keeps a recording of `key` in `lang`: `voice/<lang>/<key>.ogg` or
/// `.wav` in its folder. `None` when there is none (then the speech engine speaks).
pub fn recording(exhibit_dir: &Path, lang: &str, key: &str) -> Option<PathBuf> {
    // Keys are ids from the exhibit file; anything that could leave the folder is refused.
    if key.is_empty() || key.contains(['/', '\\']) || key.starts_with('.') {
        return None;
    }
    ["ogg", "wav"]
        .iter()
        .map(|ext| {
            exhibit_dir
                .join("voice")
                .join(lang)
                .join(format!("{key}.{ext}"))
        })
        .find(|p| p.is_file())
}

/// Longest an utterance may take to make.
const SYNTH_TIMEOUT: Duration = Duration::from_secs(8);

/// Speaks `text` with espeak-ng's `voice` into WAV bytes (mono, 22 050 Hz).
pub fn synthesize(text: &str, voice: &str) -> Result<Vec<u8>, SpeechError> {
    let mut child = Command::new("espeak-ng")
        .args(["-v", voice, "-s", "150", "--stdout", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(SpeechError::NoEngine)?;
    if let Some(mut stdin) = child.stdin.take() {
        // The text goes through stdin, so nothing in it is read as an option.
        if let Err(e) = stdin.write_all(text.as_bytes()) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SpeechError::Failed(e.to_string()));
        }
    }
    // The sound is read while it is made: a pipe holds only 64 KB.
    let Some(mut stdout) = child.stdout.take() else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(SpeechError::Failed("no output".into()));
    };
    let reader = std::thread::spawn(move || {
        let mut wav = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut wav).map(|_| wav)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > SYNTH_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SpeechError::Failed("took too long".into()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SpeechError::Failed(e.to_string()));
            }
        }
    };
    let wav = reader
        .join()
        .map_err(|_| SpeechError::Failed("reading its output failed".into()))?
        .map_err(|e| SpeechError::Failed(e.to_string()))?;
    if !status.success() || !wav.starts_with(b"RIFF") {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        return Err(SpeechError::Failed(err.trim().to_owned()));
    }
    Ok(wav)
}

/// How long WAV bytes play (from the header's byte rate), for knowing when speech ends
/// where no sound device says so.
pub fn wav_seconds(wav: &[u8]) -> Option<f64> {
    let byte_rate = u32::from_le_bytes(wav.get(28..32)?.try_into().ok()?);
    let data = wav.windows(4).position(|w| w == b"data")?;
    let size = u32::from_le_bytes(wav.get(data + 4..data + 8)?.try_into().ok()?);
    // espeak-ng writing to a pipe cannot go back to fill in the size: it leaves it huge.
    let size = (size as usize).min(wav.len().saturating_sub(data + 8));
    (byte_rate > 0).then(|| size as f64 / byte_rate as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_for_the_kiosk_languages() {
        assert_eq!(espeak_voice("zh-Hans"), Some("cmn"));
        assert_eq!(espeak_voice("zh-Hant-TW"), Some("cmn"));
        assert_eq!(espeak_voice("yue"), Some("yue"));
        assert_eq!(espeak_voice("en"), Some("en-gb"));
        assert_eq!(espeak_voice("en-US"), Some("en-gb"));
        assert_eq!(espeak_voice("ug"), Some("ug"));
        assert_eq!(espeak_voice("bo"), None, "Tibetan needs recordings");
        assert_eq!(espeak_voice("mn"), None);
    }

    #[test]
    fn screen_text_becomes_one_spoken_line() {
        assert_eq!(
            speakable("Right answer · Your choice\nBecause it is."),
            "Right answer, Your choice. Because it is."
        );
        assert_eq!(speakable("回答正确！\n\n知识点"), "回答正确！ 知识点");
    }

    #[test]
    fn recordings_are_found_by_key_and_cannot_leave_the_folder() {
        let dir = std::env::temp_dir().join(format!("speech-rec-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("voice/en")).unwrap();
        std::fs::write(dir.join("voice/en/q1.ogg"), b"x").unwrap();
        assert_eq!(
            recording(&dir, "en", "q1"),
            Some(dir.join("voice/en/q1.ogg"))
        );
        assert_eq!(recording(&dir, "zh-Hans", "q1"), None);
        assert_eq!(recording(&dir, "en", "../en/q1"), None);
        assert_eq!(recording(&dir, "en", ""), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn espeak_ng_speaks_both_bundled_languages_offline() {
        // scripts/setup.sh installs espeak-ng for running and testing the kiosk.
        for (text, lang) in [("Next question", "en"), ("下一题", "zh-Hans")] {
            let wav = synthesize(text, espeak_voice(lang).unwrap()).expect("espeak-ng works");
            let secs = wav_seconds(&wav).unwrap();
            assert!((0.3..5.0).contains(&secs), "{lang}: {secs} s");
        }
        // Text that looks like an option is read, not obeyed.
        assert!(synthesize("--help", "en-gb").is_ok());
    }
}
