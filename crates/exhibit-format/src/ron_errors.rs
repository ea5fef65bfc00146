//! Parsing a RON file a person wrote, with errors turned into [`Diagnostic`]s that say
//! where and what to do ("did you mean …").

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Pos, did_you_mean};

/// The RON dialect of exhibit and kiosk files: `Some(..)` may be left out and an enum
/// variant holding a struct is written `Quiz(questions: [...])`, without double brackets.
/// One dialect for every file: the simulation crate's, which reads demonstrations.
pub use simulation::ron_options as options;

/// The text of a file without the byte-order mark some editors put first (it is not part
/// of the content, and editors do not count it as a column).
pub fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// Parses `src` (the text of `file`) as `T`; on failure, one diagnostic at the spot.
pub fn parse<T: DeserializeOwned>(file: &Path, src: &str) -> Result<T, Diagnostic> {
    options().from_str(src).map_err(|e| to_diagnostic(file, &e))
}

/// Turns a ron error into a diagnostic with a position and, where possible, a hint.
pub fn to_diagnostic(file: &Path, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = Pos::new(e.span.start.line.max(1), e.span.start.col.max(1));
    let (message, hint, width) = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown_name("field", "in", found, expected, outer.as_deref()),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => unknown_name("variant", "of", found, expected, outer.as_deref()),
        E::MissingStructField { field, outer } => {
            let within = outer
                .as_deref()
                .map(|o| format!(" in `{o}`"))
                .unwrap_or_default();
            (
                format!("missing field `{field}`{within}"),
                Some(format!(
                    "add `{field}: …` here; docs/exhibit-format.md shows what it takes"
                )),
                1,
            )
        }
        E::DuplicateStructField { field, .. } => (
            format!("field `{field}` is written twice"),
            Some("keep one of them".to_owned()),
            field.chars().count(),
        ),
        other => (other.to_string(), syntax_hint(other), 1),
    };
    Diagnostic::error(file, Some(start), message)
        .with_width(width)
        .with_hint_opt(hint)
}

/// A misspelt field or variant name: the message, a "did you mean" (or the list of names
/// it could be), and how much to underline.
fn unknown_name(
    what: &str,
    relation: &str,
    found: &str,
    expected: &[&str],
    outer: Option<&str>,
) -> (String, Option<String>, usize) {
    let within = outer
        .map(|o| format!(" {relation} `{o}`"))
        .unwrap_or_default();
    let hint = match did_you_mean(found, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("expected one of: {}", list(expected)),
    };
    (
        format!("unknown {what} `{found}`{within}"),
        Some(hint),
        found.chars().count(),
    )
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn syntax_hint(e: &ron::Error) -> Option<String> {
    let text = e.to_string();
    if text.contains("Expected") || text.contains("expected") || text.contains("Unexpected") {
        Some("check for a missing comma, bracket or quote just before this spot".to_owned())
    } else {
        None
    }
}

impl Diagnostic {
    /// Adds a hint when there is one.
    pub fn with_hint_opt(self, hint: Option<String>) -> Self {
        match hint {
            Some(h) => self.with_hint(h),
            None => self,
        }
    }
}
