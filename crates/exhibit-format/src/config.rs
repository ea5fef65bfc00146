//! The kiosk config file (`kiosk.ron`): which kiosk this is, what it shows, in which
//! languages, and when it gives up on a visitor who walked away.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::exhibit::is_valid_id;
use crate::ron_errors;
use crate::ron_spans::{Path as RonPath, SpanTree};
use crate::text::Lang;
use crate::ui_strings::UiStrings;

/// The usual name of a kiosk config file.
pub const CONFIG_FILE: &str = "kiosk.ron";

/// One kiosk's settings. Every field has a default, so `()` is a valid config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskConfig {
    /// Names this kiosk in logs and reports (default `kiosk`).
    pub kiosk_id: String,
    /// The exhibits folder, relative to the config file (default `exhibits`).
    pub exhibits: PathBuf,
    /// Exhibits shown on the hub, by id, in this order (default: every exhibit that
    /// validates, ordered by id).
    pub playlist: Vec<String>,
    /// Languages offered in the language switch, in order (default `["zh-Hans", "en"]`).
    pub languages: Vec<Lang>,
    /// Language a visit starts in and text falls back to (default: the first of `languages`).
    pub default_language: Option<Lang>,
    /// Seconds without input before "Still there?" appears (default 60).
    pub idle_warning: f32,
    /// Seconds without input before the kiosk returns to the attract loop (default 90).
    pub idle_reset: f32,
    /// Full-screen borderless window (default true; `kiosk run --windowed` overrides).
    pub fullscreen: bool,
    /// Folder the usage log is written to, relative to the config file (default `logs`).
    pub log_folder: PathBuf,
    /// Replace large movements in animations with fades or cuts, for visitors who are
    /// made unwell or distracted by motion (default false).
    pub reduced_motion: bool,
    /// Loudness of narration, 0 (silent) to 1 (the file as recorded) (default 0.8).
    pub volume: f32,
    /// Every visit starts with larger text (default false; visitors can switch it).
    pub larger_text: bool,
    /// Every visit starts in high contrast (default false; visitors can switch it).
    pub high_contrast: bool,
    /// Every visit starts with the screen read aloud (default false; visitors can switch it).
    pub voicing: bool,
    /// Every visit starts in one-button scanning use, for a kiosk with an accessibility
    /// switch attached (default false; visitors can switch it).
    pub one_switch: bool,
    /// In one-button use, how long the button is held to choose, in seconds (default 0.8).
    pub switch_hold: f32,
    /// Font files, relative to the config file, for languages whose script the kiosk's
    /// own fonts lack (default: none). See `docs/languages.md`.
    pub fonts: Vec<PathBuf>,
    /// Opening hours (default: always open). See `docs/kiosk-config.md`.
    pub schedule: crate::schedule::Schedule,
    /// The admin overlay's PIN as an Argon2 hash made by `kiosk hash-pin` (default: none,
    /// and the overlay cannot be opened).
    pub admin_pin: Option<String>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            kiosk_id: "kiosk".into(),
            exhibits: PathBuf::from("exhibits"),
            playlist: Vec::new(),
            languages: vec!["zh-Hans".into(), "en".into()],
            default_language: None,
            idle_warning: 60.0,
            idle_reset: 90.0,
            fullscreen: true,
            log_folder: PathBuf::from("logs"),
            reduced_motion: false,
            volume: 0.8,
            larger_text: false,
            high_contrast: false,
            voicing: false,
            one_switch: false,
            switch_hold: 0.8,
            fonts: Vec::new(),
            schedule: crate::schedule::Schedule::default(),
            admin_pin: None,
        }
    }
}

impl KioskConfig {
    /// The language visits start in.
    pub fn default_language(&self) -> &str {
        self.default_language
            .as_deref()
            .or(self.languages.first().map(String::as_str))
            .unwrap_or("en")
    }
}

/// A config file after reading: the config (defaults where it did not parse) and problems.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The file it came from.
    pub file: PathBuf,
    /// Its text.
    pub text: String,
    /// Where each value sits in the text.
    pub spans: SpanTree,
    /// The config; `None` when the file could not be read or parsed.
    pub config: Option<KioskConfig>,
    /// Problems found, config-level only (exhibit problems are the exhibits').
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and checks a kiosk config file.
pub fn load_config(file: &Path, ui: &UiStrings) -> LoadedConfig {
    let text = match crate::media::read_text_file(file, None) {
        Ok(t) => ron_errors::without_bom(t),
        Err(e) => {
            return LoadedConfig {
                file: file.to_path_buf(),
                text: String::new(),
                spans: SpanTree::parse(""),
                config: None,
                diagnostics: vec![Diagnostic::error(
                    file,
                    None,
                    format!("cannot read the kiosk config: {e}"),
                )],
            };
        }
    };
    let spans = SpanTree::parse(&text);
    let (config, diagnostics) = match ron_errors::parse::<KioskConfig>(file, &text) {
        Ok(config) => {
            let diagnostics = validate_config(file, &spans, &config, ui);
            (Some(config), diagnostics)
        }
        Err(d) => (None, vec![d]),
    };
    LoadedConfig {
        file: file.to_path_buf(),
        text,
        spans,
        config,
        diagnostics,
    }
}

/// Longest idle time accepted, in seconds: beyond it, "reset when the visitor walks
/// away" no longer means anything.
const MAX_IDLE: f32 = 3600.0;

/// Every problem of a parsed config (`spans` from the same text).
pub fn validate_config(
    file: &Path,
    spans: &SpanTree,
    c: &KioskConfig,
    ui: &UiStrings,
) -> Vec<Diagnostic> {
    use Severity::{Error, Warning};
    let root = RonPath::root();
    let mut out = Vec::new();
    let mut at = |severity: Severity, path: RonPath, msg: String, hint: Option<String>| {
        out.push(
            spans
                .diagnostic(severity, file, &path, msg)
                .with_hint_opt(hint),
        );
    };
    if !is_valid_id(&c.kiosk_id) {
        at(
            Error,
            root.field("kiosk_id"),
            format!(
                "kiosk id `{}` may only hold lower-case letters, digits, `-` and `_`",
                c.kiosk_id
            ),
            Some("e.g. `hall-a-01`; it names the kiosk in logs and reports".into()),
        );
    }
    if c.languages.is_empty() {
        at(
            Error,
            root.field("languages"),
            "a kiosk needs at least one language".into(),
            Some(r#"e.g. `languages: ["zh-Hans", "en"]`"#.into()),
        );
    }
    for (i, lang) in c.languages.iter().enumerate() {
        if c.languages[..i].contains(lang) {
            at(
                Warning,
                root.field("languages").index(i),
                format!("language `{lang}` is listed twice"),
                Some("the language switch shows it once".into()),
            );
        } else if !ui.has_language(lang) {
            at(
                Warning,
                root.field("languages").index(i),
                format!(
                    "the kiosk's own buttons have no `{lang}` text; they will show in `{}`",
                    ui.fallback()
                ),
                Some(format!(
                    "known: {}",
                    ui.languages().collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
    if let Some(d) = &c.default_language
        && !c.languages.contains(d)
    {
        let hint = did_you_mean(d, c.languages.iter().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "add it to `languages`".into());
        at(
            Error,
            root.field("default_language"),
            format!("default language `{d}` is not one of `languages`"),
            Some(hint),
        );
    }
    if !(5.0..=MAX_IDLE).contains(&c.idle_warning) {
        at(Error, root.field("idle_warning"), format!("idle_warning of {} s is outside 5 to {MAX_IDLE} s", c.idle_warning), Some("30 to 90 seconds is usual: long enough to read, short enough to reset before the next visitor".into()));
    }
    if !(c.idle_warning + 5.0..=MAX_IDLE * 2.0).contains(&c.idle_reset) {
        at(
            Error,
            root.field("idle_reset"),
            format!(
                "idle_reset ({} s) must be at least 5 s longer than idle_warning ({} s) and at most {} s",
                c.idle_reset,
                c.idle_warning,
                MAX_IDLE * 2.0
            ),
            Some(
                "the countdown between them is the visitor's chance to say \"I'm still here\""
                    .into(),
            ),
        );
    }
    if !(0.0..=1.0).contains(&c.volume) {
        at(
            Error,
            root.field("volume"),
            format!("volume {} is outside 0 to 1", c.volume),
            Some("0 is silent, 1 plays narration as recorded; 0.8 suits most halls".into()),
        );
    }
    let config_dir = file.parent().unwrap_or(Path::new("."));
    for (i, font) in c.fonts.iter().enumerate() {
        if let Err(e) = crate::media::load_font(config_dir, &font.to_string_lossy()) {
            at(
                Error,
                root.field("fonts").index(i),
                e.to_string(),
                Some(e.hint()),
            );
        }
    }
    if !(0.3..=3.0).contains(&c.switch_hold) {
        at(
            Error,
            root.field("switch_hold"),
            format!("switch_hold {} s is outside 0.3 to 3 s", c.switch_hold),
            Some("shorter chooses by accident, longer tires the hand; 0.8 suits most".into()),
        );
    }
    if let Err(problems) = c.schedule.compile() {
        use crate::schedule::Where;
        let sched = root.field("schedule");
        for (place, e) in problems {
            let path = match place {
                Where::TimeZone => sched.field("time_zone"),
                Where::Weekly(i, f) => sched.field("weekly").index(i).field(f),
                Where::Exception(i, f) => sched.field("exceptions").index(i).field(f),
            };
            let hint = match e {
                crate::schedule::ScheduleError::TimeZone(_) => {
                    Some("an IANA name such as \"Asia/Shanghai\" or \"Europe/Berlin\"".into())
                }
                _ => None,
            };
            at(Error, path, e.to_string(), hint);
        }
    }
    if let Some(pin) = &c.admin_pin
        && let Err(e) = crate::admin_pin::check_hash(pin)
    {
        at(
            Error,
            root.field("admin_pin"),
            e.to_string(),
            Some(
                "never write the PIN itself here: `kiosk hash-pin` prints the line to paste".into(),
            ),
        );
    }
    let base = file.parent().unwrap_or(Path::new("."));
    let exhibits = base.join(&c.exhibits);
    if !exhibits.is_dir() {
        at(
            Error,
            root.field("exhibits"),
            format!("exhibits folder `{}` does not exist", exhibits.display()),
            Some("paths are relative to the config file".into()),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("exhibits")).unwrap();
        let file = dir.path().join("kiosk.ron");
        std::fs::write(&file, src).unwrap();
        let loaded = load_config(&file, &UiStrings::builtin());
        loaded
            .diagnostics
            .iter()
            .map(|d| d.headline().replace(&*dir.path().to_string_lossy(), "D"))
            .collect()
    }

    #[test]
    fn schedule_and_pin_problems_point_into_the_config() {
        let got = check(
            "(\n  schedule: (\n    time_zone: \"Asia/Shangai\",\n    weekly: [(days: [Tue], open: \"9:00\", close: \"17:00\")],\n  ),\n  admin_pin: \"4827\",\n)",
        );
        assert_eq!(
            got,
            [
                "D/kiosk.ron:3:16: error: unknown time zone `Asia/Shangai`",
                "D/kiosk.ron:4:34: error: `9:00` is not a time of day; write it as \"HH:MM\", e.g. \"09:30\"",
                "D/kiosk.ron:6:14: error: `admin_pin` is not an Argon2 hash (password hash string missing field); make one with `kiosk hash-pin`",
            ]
        );
    }

    #[test]
    fn empty_config_takes_defaults() {
        assert!(check("()").is_empty());
        let c: KioskConfig = ron_errors::parse(Path::new("k.ron"), "()").unwrap();
        assert_eq!(c.default_language(), "zh-Hans");
        assert_eq!(c.idle_reset, 90.0);
    }

    #[test]
    fn reports_each_problem_with_its_position() {
        let got = check(
            "(\n  kiosk_id: \"Hall A\",\n  default_language: \"eng\",\n  idle_warning: 60,\n  idle_reset: 30,\n)",
        );
        assert_eq!(
            got,
            vec![
                "D/kiosk.ron:2:13: error: kiosk id `Hall A` may only hold lower-case letters, digits, `-` and `_`",
                "D/kiosk.ron:3:21: error: default language `eng` is not one of `languages`",
                "D/kiosk.ron:5:15: error: idle_reset (30 s) must be at least 5 s longer than idle_warning (60 s) and at most 7200 s",
            ]
        );
    }

    #[test]
    fn idle_times_must_be_finite_and_bounded() {
        let got = check("(idle_warning: inf, idle_reset: inf)");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].contains("idle_warning of inf s is outside 5 to 3600 s"),
            "{got:?}"
        );
        let dup = check(r#"(languages: ["en", "en"])"#);
        assert_eq!(
            dup,
            vec!["D/kiosk.ron:1:20: warning: language `en` is listed twice"]
        );
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let got = check("(idle_warnin: 30)");
        assert_eq!(
            got,
            vec!["D/kiosk.ron:1:2: error: unknown field `idle_warnin` in `KioskConfig`"]
        );
    }
}
