//! The kiosk config file (`kiosk.ron`): which kiosk this is, what it shows, in which
//! languages, and when it gives up on a visitor who walked away.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, did_you_mean};
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
    /// The config; `None` when the file could not be read or parsed.
    pub config: Option<KioskConfig>,
    /// Problems found, config-level only (exhibit problems are the exhibits').
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and checks a kiosk config file.
pub fn load_config(file: &Path, ui: &UiStrings) -> LoadedConfig {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            return LoadedConfig {
                file: file.to_path_buf(),
                text: String::new(),
                config: None,
                diagnostics: vec![Diagnostic::error(
                    file,
                    None,
                    format!("cannot read the kiosk config: {e}"),
                )],
            };
        }
    };
    match ron_errors::parse::<KioskConfig>(file, &text) {
        Ok(config) => {
            let diagnostics = validate_config(file, &text, &config, ui);
            LoadedConfig {
                file: file.to_path_buf(),
                text,
                config: Some(config),
                diagnostics,
            }
        }
        Err(d) => LoadedConfig {
            file: file.to_path_buf(),
            text,
            config: None,
            diagnostics: vec![d],
        },
    }
}

/// Every problem of a parsed config.
pub fn validate_config(
    file: &Path,
    text: &str,
    c: &KioskConfig,
    ui: &UiStrings,
) -> Vec<Diagnostic> {
    let spans = SpanTree::parse(text);
    let root = RonPath::root();
    let mut out = Vec::new();
    let mut at = |sev_error: bool, path: RonPath, msg: String, hint: Option<String>| {
        let spot = spans.locate(&path);
        let d = if sev_error {
            Diagnostic::error(file, Some(spot.pos), msg)
        } else {
            Diagnostic::warning(file, Some(spot.pos), msg)
        };
        out.push(d.with_width(spot.width).with_hint_opt(hint));
    };
    if !is_valid_id(&c.kiosk_id) {
        at(
            true,
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
            true,
            root.field("languages"),
            "a kiosk needs at least one language".into(),
            Some(r#"e.g. `languages: ["zh-Hans", "en"]`"#.into()),
        );
    }
    for (i, lang) in c.languages.iter().enumerate() {
        if !ui.has_language(lang) {
            at(
                false,
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
            true,
            root.field("default_language"),
            format!("default language `{d}` is not one of `languages`"),
            Some(hint),
        );
    }
    if c.idle_warning.is_nan() || c.idle_warning < 5.0 {
        at(
            true,
            root.field("idle_warning"),
            format!(
                "idle_warning of {} s is too short for a person to read a screen",
                c.idle_warning
            ),
            Some("use at least 5 seconds; 30 to 90 is usual".into()),
        );
    }
    if c.idle_reset.is_nan() || c.idle_reset < c.idle_warning + 5.0 {
        at(
            true,
            root.field("idle_reset"),
            format!(
                "idle_reset ({} s) must be at least 5 s longer than idle_warning ({} s)",
                c.idle_reset, c.idle_warning
            ),
            Some(
                "the countdown between them is the visitor's chance to say \"I'm still here\""
                    .into(),
            ),
        );
    }
    let base = file.parent().unwrap_or(Path::new("."));
    let exhibits = base.join(&c.exhibits);
    if !exhibits.is_dir() {
        at(
            true,
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
                "D/kiosk.ron:5:15: error: idle_reset (30 s) must be at least 5 s longer than idle_warning (60 s)",
            ]
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
