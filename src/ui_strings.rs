//! The kiosk's own words (buttons, headings) per language, from `assets/i18n/ui.ron`.

use std::collections::BTreeMap;

use crate::text::Lang;

/// The language whose words stand in when another language lacks one.
const FALLBACK: &str = "en";

/// Built into the binary so that a kiosk never starts without its button labels.
const BUILTIN: &str = include_str!("../assets/i18n/ui.ron");

/// Words per language, by key (`"next"`, `"still_there"`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiStrings {
    table: BTreeMap<Lang, BTreeMap<String, String>>,
}

impl UiStrings {
    /// The words shipped with the kiosk.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("assets/i18n/ui.ron is checked by tests")
    }

    /// Parses a table in the format of `assets/i18n/ui.ron`.
    pub fn parse(src: &str) -> Result<Self, ron::error::SpannedError> {
        Ok(UiStrings {
            table: ron::from_str(src)?,
        })
    }

    /// The word for `key` in `lang`, else in English, else the key itself (so a missing
    /// word shows up in screenshots instead of leaving a blank button).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.table
            .get(lang)
            .and_then(|t| t.get(key))
            .or_else(|| self.table.get(FALLBACK).and_then(|t| t.get(key)))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// `get` with `{name}` placeholders filled in.
    pub fn fill(&self, lang: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = self.get(lang, key).to_owned();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// A language's own name for itself, for the language switch.
    pub fn language_name<'a>(&'a self, lang: &'a str) -> &'a str {
        self.table
            .get(lang)
            .and_then(|t| t.get("language_name"))
            .map(String::as_str)
            .unwrap_or(lang)
    }

    /// Whether the kiosk has its own words in `lang`.
    pub fn has_language(&self, lang: &str) -> bool {
        self.table.contains_key(lang)
    }

    /// Languages with words.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.table.keys().map(String::as_str)
    }

    /// The fallback language.
    pub fn fallback(&self) -> &'static str {
        FALLBACK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_key() {
        let ui = UiStrings::builtin();
        let en = &ui.table["en"];
        for (lang, words) in &ui.table {
            for key in en.keys() {
                assert!(words.contains_key(key), "{lang} lacks `{key}`");
            }
            assert_eq!(words.len(), en.len(), "{lang} has keys English lacks");
        }
    }

    #[test]
    fn fills_placeholders_and_falls_back() {
        let ui = UiStrings::builtin();
        assert_eq!(
            ui.fill("en", "question_n_of_m", &[("n", &2), ("m", &5)]),
            "Question 2 of 5"
        );
        assert_eq!(
            ui.fill("zh-Hans", "restart_in", &[("s", &9)]),
            "9 秒后将回到首页"
        );
        assert_eq!(ui.get("fr", "next"), "Next");
        assert_eq!(ui.language_name("zh-Hans"), "中文");
    }
}
