//! Text a visitor reads, written once per language, and the rule for falling back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A language tag such as `zh-Hans` or `en` (BCP 47 as written by the designer).
pub type Lang = String;

/// Visitor-facing text in several languages: `{"zh-Hans": "…", "en": "…"}` in RON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<Lang, String>);

impl Text {
    /// Builds a text from `(language, text)` pairs; handy in tests and built-in strings.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Text(
            pairs
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
        )
    }

    /// True when no language has any text.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }

    /// The text in `lang`, else in `fallback` (the kiosk's default language), else in
    /// whichever language comes first, else the empty string. A visitor never sees a blank
    /// where some language has the text.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        let written = |l: &str| self.0.get(l).filter(|t| !t.trim().is_empty());
        written(lang)
            .or_else(|| written(fallback))
            .or_else(|| self.0.values().find(|t| !t.trim().is_empty()))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// True when this text is written for `lang` itself (no fallback).
    pub fn has(&self, lang: &str) -> bool {
        self.0.get(lang).is_some_and(|t| !t.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_default_language_then_any() {
        let t = Text::from_pairs([("zh-Hans", "你好"), ("en", "Hello")]);
        assert_eq!(t.get("en", "zh-Hans"), "Hello");
        assert_eq!(t.get("fr", "zh-Hans"), "你好");
        let only_en = Text::from_pairs([("en", "Hello")]);
        assert_eq!(only_en.get("bo", "zh-Hans"), "Hello");
        assert_eq!(Text::default().get("en", "en"), "");
        let blank_en = Text::from_pairs([("en", " "), ("zh-Hans", "你好")]);
        assert_eq!(
            blank_en.get("en", "en"),
            "你好",
            "blank text counts as missing"
        );
    }

    #[test]
    fn has_ignores_blank_text() {
        let t = Text::from_pairs([("en", "  ")]);
        assert!(!t.has("en"));
        assert!(t.is_empty());
    }
}
