//! The report page's words in each language it speaks, from `assets/i18n/report.ron`
//! (the same shape as the kiosk's `assets/i18n/ui.ron`), built in and parsed once.
//! Every phrase is a field, and a language that lacks one does not load (a test checks
//! every language of the file). Placeholders in braces (`{n}`) are filled with [`fill`].

use std::collections::BTreeMap;
use std::sync::LazyLock;

use usage_log::reader::Skip;

use crate::analysis::Flag;

/// The words file, built into the program.
const BUILTIN: &str = include_str!("../../../assets/i18n/report.ron");

/// Why the words file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum WordsError {
    /// Not RON of the expected shape.
    #[error("report words: {0}")]
    Parse(#[from] ron::error::SpannedError),
    /// A language lacks a word.
    #[error("report words: \"{lang}\" has no \"{key}\"")]
    Missing {
        /// The language.
        lang: String,
        /// The word's key.
        key: String,
    },
    /// A language has a word no one asks for (a typo in a key).
    #[error("report words: \"{lang}\" has \"{key}\", which is not a word of the report")]
    Unknown {
        /// The language.
        lang: String,
        /// The key.
        key: String,
    },
}

/// Declares [`Words`] with one `&'static str` field per key of the words file.
macro_rules! words {
    ($($key:ident,)*) => {
        /// All the words of the page, in one language.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Words {
            $(
                #[doc = concat!("The word `", stringify!($key), "` of `report.ron`.")]
                pub $key: &'static str,
            )*
            /// Weekdays, Monday first (`weekday_mon` …).
            pub weekdays: [&'static str; 7],
            /// Axis labels of the time bands (see `stats::TIME_BINS`; `bin_…`).
            pub bins: [&'static str; 8],
            /// Flags in [`Flag`] order (`flag_…`).
            pub flags: [&'static str; 4],
            /// Skip reasons in [`Skip::ALL`] order (`skip_…`).
            pub skips: [&'static str; 6],
            /// Log words shown as labels: (log word, shown as) (`label_<word>`).
            pub labels: Vec<(&'static str, &'static str)>,
        }

        /// The keys of single words.
        const KEYS: &[&str] = &[$(stringify!($key),)*];

        impl Words {
            /// One language's block. The strings live as long as the program: the file
            /// is parsed once.
            fn from_block(
                lang: &str,
                block: &'static BTreeMap<String, String>,
            ) -> Result<Words, WordsError> {
                let get = |key: &str| -> Result<&'static str, WordsError> {
                    block.get(key).map(String::as_str).ok_or_else(|| WordsError::Missing {
                        lang: lang.to_owned(),
                        key: key.to_owned(),
                    })
                };
                let list = |keys: &[&str]| -> Result<Vec<&'static str>, WordsError> {
                    keys.iter().map(|k| get(k)).collect()
                };
                let words = Words {
                    $($key: get(stringify!($key))?,)*
                    weekdays: arr(list(&WEEKDAYS)?),
                    bins: arr(list(&BINS)?),
                    flags: arr(list(&FLAGS)?),
                    skips: arr(list(&SKIPS)?),
                    labels: LABELS
                        .iter()
                        .map(|w| Ok((*w, get(&format!("label_{w}"))?)))
                        .collect::<Result<_, WordsError>>()?,
                };
                if let Some(key) = block.keys().find(|k| !is_key(k)) {
                    return Err(WordsError::Unknown {
                        lang: lang.to_owned(),
                        key: key.clone(),
                    });
                }
                Ok(words)
            }
        }
    };
}

words! {
    html_lang,
    title,
    no_visits,
    kiosks,
    times_in,
    made,
    card_visits,
    card_visits_explain,
    card_median,
    card_median_explain,
    card_exhibits,
    card_exhibits_explain,
    card_review,
    card_review_explain,
    when,
    when_explain,
    per_day,
    weekends,
    week_hour,
    week_hour_explain,
    length,
    length_explain,
    as_logged,
    without_walkaway,
    how_ended,
    how_ended_explain,
    logged_end,
    exhibits,
    exhibits_explain,
    holding_explain,
    quiz,
    quiz_explain,
    no_quiz,
    who,
    who_explain,
    language,
    input_device,
    changed_language,
    controls,
    controls_explain,
    kiosks_title,
    kiosks_explain,
    frequent_errors,
    data,
    data_explain,
    data_line,
    outside,
    add_exhibits,
    n_visits,
    scenes_from_logs,
    how_far,
    how_far_explain,
    time_in_exhibit,
    spread_explain,
    choice_n,
    none,
    no_data,
    dist_line,
    th_exhibit,
    th_scene,
    th_control,
    th_uses,
    th_kiosk,
    th_first_seen,
    th_last_seen,
    th_visits,
    th_uptime_h,
    th_starts,
    th_unclean,
    th_errors,
    th_dropped,
    th_skipped,
    th_count,
    th_median_time,
    th_without_walkaway,
    th_middle_half,
    th_holding,
    th_over_half,
    th_saw_all,
    th_kind,
    th_spread,
    th_needs,
    th_controls_used,
    th_question,
    th_answers,
    th_first_right,
    th_discrimination,
    th_choices,
    th_flags,
    secs,
    mins_secs,
    hours_mins,
}

const WEEKDAYS: [&str; 7] = [
    "weekday_mon",
    "weekday_tue",
    "weekday_wed",
    "weekday_thu",
    "weekday_fri",
    "weekday_sat",
    "weekday_sun",
];
const BINS: [&str; 8] = [
    "bin_under_10s",
    "bin_10_30s",
    "bin_30s_1min",
    "bin_1_2min",
    "bin_2_5min",
    "bin_5_10min",
    "bin_10_20min",
    "bin_over_20min",
];
const FLAGS: [&str; 4] = [
    "flag_too_easy",
    "flag_too_hard",
    "flag_misleading",
    "flag_negative_discrimination",
];
const SKIPS: [&str; 6] = [
    "skip_torn",
    "skip_garbage",
    "skip_unknown_version",
    "skip_unknown_event",
    "skip_missing_field",
    "skip_bad_timestamp",
];
/// Log words (end reasons, input devices, scene kinds) with a `label_<word>` key.
const LABELS: [&str; 10] = [
    "idle",
    "home",
    "shutdown",
    "touch",
    "gamepad",
    "keyboard",
    "mouse",
    "quiz",
    "demonstration",
    "animation",
];

/// A list of words as an array of its length.
fn arr<const N: usize>(words: Vec<&'static str>) -> [&'static str; N] {
    words.try_into().expect("as many words as keys")
}

fn is_key(key: &str) -> bool {
    KEYS.contains(&key)
        || [&WEEKDAYS[..], &BINS, &FLAGS, &SKIPS]
            .iter()
            .any(|l| l.contains(&key))
        || key
            .strip_prefix("label_")
            .is_some_and(|w| LABELS.contains(&w))
}

/// Every language of a words file, by tag.
pub fn parse(src: &str) -> Result<BTreeMap<String, Words>, WordsError> {
    let table: BTreeMap<String, BTreeMap<String, String>> = ron::from_str(src)?;
    // Parsed once per program (or per test): the words then live as long as it does.
    let table: &'static BTreeMap<_, _> = Box::leak(Box::new(table));
    table
        .iter()
        .map(|(lang, block)| Ok((lang.clone(), Words::from_block(lang, block)?)))
        .collect()
}

/// The built-in words of every language.
static ALL: LazyLock<BTreeMap<String, Words>> =
    LazyLock::new(|| parse(BUILTIN).expect("assets/i18n/report.ron is checked by tests"));

/// English.
pub static EN: LazyLock<Words> = LazyLock::new(|| ALL["en"].clone());

/// Simplified Chinese.
pub static ZH: LazyLock<Words> = LazyLock::new(|| ALL["zh-Hans"].clone());

impl Words {
    /// The words for a language tag: Chinese for `zh…`, else English.
    pub fn for_lang(tag: &str) -> &'static Words {
        if tag.to_ascii_lowercase().starts_with("zh") {
            &ZH
        } else {
            &EN
        }
    }

    /// A log word (end reason, input device, scene kind) as the page shows it.
    pub fn label<'a>(&self, word: &'a str) -> &'a str {
        self.labels
            .iter()
            .find(|(w, _)| *w == word)
            .map_or(word, |(_, shown)| shown)
    }

    /// A quiz flag in these words.
    pub fn flag(&self, flag: Flag) -> &'static str {
        self.flags[flag as usize]
    }

    /// A skip reason in these words.
    pub fn skip(&self, why: Skip) -> &'static str {
        let i = Skip::ALL.iter().position(|&s| s == why).unwrap_or(1);
        self.skips[i]
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word_and_no_other() {
        let table: BTreeMap<String, BTreeMap<String, String>> = ron::from_str(BUILTIN).unwrap();
        assert!(table.len() >= 2, "{:?}", table.keys());
        let all = parse(BUILTIN).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(all.len(), table.len());
        let en: Vec<&String> = table["en"].keys().collect();
        for (lang, block) in &table {
            assert_eq!(block.keys().collect::<Vec<_>>(), en, "{lang}");
            assert!(block.values().all(|w| !w.trim().is_empty()), "{lang}");
        }
    }

    #[test]
    fn a_missing_or_unknown_word_is_named() {
        let missing = parse(r#"{"en": {"title": "x"}}"#).unwrap_err().to_string();
        assert!(missing.contains("\"en\" has no \"html_lang\""), "{missing}");
        let mut text = BUILTIN.replacen("\"title\":", "\"titel\":", 1);
        assert!(parse(&text).unwrap_err().to_string().contains("title"));
        text = BUILTIN.replacen("\"title\":", "\"tilte\": \"x\", \"title\":", 1);
        let unknown = parse(&text).unwrap_err().to_string();
        assert!(unknown.contains("\"tilte\", which is not"), "{unknown}");
    }

    #[test]
    fn english_flags_and_skips_are_the_csv_and_reader_words() {
        let en = Words::for_lang("en");
        for f in [
            Flag::TooEasy,
            Flag::TooHard,
            Flag::Misleading,
            Flag::NegativeDiscrimination,
        ] {
            assert_eq!(en.flag(f), f.describe());
        }
        for s in Skip::ALL {
            assert_eq!(en.skip(s), s.describe());
        }
        assert_eq!(Words::for_lang("zh-hant").html_lang, "zh-Hans");
        assert_eq!(Words::for_lang("fr").label("idle"), "walked away");
        assert_eq!(en.label("switch"), "switch");
    }
}
