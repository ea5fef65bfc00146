//! The kiosk's own words (buttons, headings) per language, from `assets/i18n/ui.ron`.

use std::collections::BTreeMap;

use crate::bidi_text::Base;
use crate::text::Lang;

/// The language whose words stand in when another language lacks one.
const FALLBACK: &str = "en";

/// Built into the binary so that a kiosk never starts without its button labels.
const BUILTIN: &str = include_str!("../../../assets/i18n/ui.ron");

/// Words per language, by key (`"next"`, `"still_there"`, …). A language's block may say
/// `"direction": "rtl"` (Uyghur, Arabic, …): its words are then put in the order egui
/// draws them in ([`crate::bidi_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiStrings {
    /// As written (placeholders are filled in this).
    table: BTreeMap<Lang, BTreeMap<String, String>>,
    /// As drawn: right-to-left words reordered for display.
    shown: BTreeMap<Lang, BTreeMap<String, String>>,
}

/// The key of a language block's writing direction (`"rtl"` or `"ltr"`, the default).
const DIRECTION: &str = "direction";

impl UiStrings {
    /// The words shipped with the kiosk.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("assets/i18n/ui.ron is checked by tests")
    }

    /// Parses a table in the format of `assets/i18n/ui.ron`.
    pub fn parse(src: &str) -> Result<Self, ron::error::SpannedError> {
        let table: BTreeMap<Lang, BTreeMap<String, String>> = ron::from_str(src)?;
        let shown = table
            .iter()
            .map(|(lang, words)| {
                let base = base(words);
                let words = words
                    .iter()
                    .map(|(k, w)| {
                        (
                            k.clone(),
                            crate::bidi_text::visual_with(w, base).into_owned(),
                        )
                    })
                    .collect();
                (lang.clone(), words)
            })
            .collect();
        Ok(UiStrings { table, shown })
    }

    /// The word for `key` in `lang`, else in English, else the key itself (so a missing
    /// word shows up in screenshots instead of leaving a blank button).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.shown
            .get(lang)
            .and_then(|t| t.get(key))
            .or_else(|| self.table.get(FALLBACK).and_then(|t| t.get(key)))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// `get` with `{name}` placeholders filled in.
    pub fn fill(&self, lang: &str, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let written = |l: &str| self.table.get(l).and_then(|t| t.get(key));
        let (mut s, base) = match written(lang) {
            Some(w) => (w.clone(), self.table.get(lang).map_or(Base::Auto, base)),
            None => (
                written(FALLBACK).cloned().unwrap_or_else(|| key.to_owned()),
                Base::Auto,
            ),
        };
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        crate::bidi_text::visual_with(&s, base).into_owned()
    }

    /// The word for `key` in `lang` as written (not reordered for display): for speech.
    pub fn written<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.table
            .get(lang)
            .and_then(|t| t.get(key))
            .or_else(|| self.table.get(FALLBACK).and_then(|t| t.get(key)))
            .map(String::as_str)
            .unwrap_or(key)
    }

    /// [`UiStrings::fill`] as written (not reordered for display): for speech.
    pub fn fill_written(
        &self,
        lang: &str,
        key: &str,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> String {
        let mut s = self.written(lang, key).to_owned();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// Whether `lang`'s block says it is written right to left.
    pub fn is_rtl(&self, lang: &str) -> bool {
        self.table.get(lang).map_or(Base::Auto, base) == Base::Rtl
    }

    /// A language's own name for itself, for the language switch.
    pub fn language_name<'a>(&'a self, lang: &'a str) -> &'a str {
        self.shown
            .get(lang)
            .and_then(|t| t.get("language_name"))
            .map(String::as_str)
            .unwrap_or(lang)
    }

    /// Whether the kiosk has its own words in `lang`.
    pub fn has_language(&self, lang: &str) -> bool {
        self.table.contains_key(lang)
    }

    /// Every word of `lang` as written in the table, by key (for checks over all of them).
    pub fn entries<'a>(&'a self, lang: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.table
            .get(lang)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), v.as_str()))
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

/// A language block's writing direction.
fn base(words: &BTreeMap<String, String>) -> Base {
    match words.get(DIRECTION).map(String::as_str) {
        Some("rtl") => Base::Rtl,
        Some("ltr") => Base::Ltr,
        _ => Base::Auto,
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
            let extra: Vec<_> = words
                .keys()
                .filter(|k| !en.contains_key(*k) && *k != DIRECTION)
                .collect();
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
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

    #[test]
    fn each_language_is_named_in_its_own_script_and_rtl_words_are_reordered() {
        let ui = UiStrings::builtin();
        assert_eq!(ui.language_name("bo"), "བོད་ཡིག");
        assert_eq!(ui.language_name("mn"), "Монгол");
        assert!(ui.is_rtl("ug") && !ui.is_rtl("bo") && !ui.is_rtl("en"));
        // Uyghur: the words of a phrase are drawn right to left (each word is shaped by
        // egui), the number filled in stays readable.
        let written = &ui.table["ug"]["question_n_of_m"];
        let shown = ui.fill("ug", "question_n_of_m", &[("n", &2), ("m", &5)]);
        assert_ne!(shown, written.replace("{n}", "2").replace("{m}", "5"));
        assert!(shown.contains('2') && shown.contains('5'), "{shown}");
        let words: Vec<&str> = ui.table["ug"]["choose_exhibit"].split(' ').collect();
        let shown_words: Vec<&str> = ui
            .get("ug", "choose_exhibit")
            .split([' ', '\u{2060}'])
            .filter(|w| !w.is_empty())
            .collect();
        let mut reversed = words.clone();
        reversed.reverse();
        assert_eq!(shown_words, reversed);
        // Speech reads the words as written: undoing the display order gives them back.
        for (key, written) in &ui.table["ug"] {
            let shown = ui.get("ug", key);
            let undone = crate::bidi_text::logical_with(shown, Base::Rtl);
            assert_eq!(undone, written.as_str(), "{key}");
        }
    }
}
