//! Problems found in files a person wrote, reported the way compilers do:
//! `path:line:column: error: message`, the source line with a caret, and a hint.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

/// How bad a problem is: errors keep content off the floor, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The content is still usable; something is missing or doubtful.
    Warning,
    /// The content cannot be shown as written.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in a text file: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Pos {
    /// A position from 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file; `None` for problems with the file as a whole (e.g. unreadable).
    pub pos: Option<Pos>,
    /// How many characters the caret underlines (at least 1).
    pub width: u32,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
    /// The line the problem is on, for problems in a file other than the one rendered
    /// with (e.g. a subtitle file named by an exhibit).
    pub line_text: Option<Box<str>>,
}

impl Diagnostic {
    /// An error at `pos` in `file`.
    pub fn error(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(severity: Severity, file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            pos,
            width: 1,
            message: message.into(),
            hint: None,
            line_text: None,
        }
    }

    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Shows `line` as the problem's source line, whatever text it is rendered with.
    pub fn with_line_text(mut self, line: impl Into<String>) -> Self {
        self.line_text = Some(line.into().into_boxed_str());
        self
    }

    /// Sets how many characters the caret underlines.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = u32::try_from(width.max(1)).unwrap_or(u32::MAX);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `path:line:column: severity: message`.
    pub fn headline(&self) -> String {
        match self.pos {
            Some(p) => format!(
                "{}:{}:{}: {}: {}",
                self.file.display(),
                p.line,
                p.column,
                self.severity,
                self.message
            ),
            None => format!(
                "{}: {}: {}",
                self.file.display(),
                self.severity,
                self.message
            ),
        }
    }

    /// The full report: headline, the source line with a caret under the spot, the hint.
    /// `source` is the file's text, when it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = self.headline();
        out.push('\n');
        let line = match (&self.line_text, source) {
            (Some(own), _) => Some(&**own),
            (None, Some(src)) => self
                .pos
                .and_then(|pos| src.lines().nth(pos.line.saturating_sub(1))),
            (None, None) => None,
        };
        if let (Some(pos), Some(line)) = (self.pos, line) {
            let number = pos.line.to_string();
            let gutter = " ".repeat(number.len());
            // The caret sits under the column as the terminal shows it: CJK characters
            // take two cells and tabs are shown as four spaces, so measure what is shown.
            let shown = |s: &str| s.replace('\t', "    ");
            let before = shown(
                &line
                    .chars()
                    .take(pos.column.saturating_sub(1))
                    .collect::<String>(),
            );
            let marked = shown(
                &line
                    .chars()
                    .skip(pos.column.saturating_sub(1))
                    .take(self.width as usize)
                    .collect::<String>(),
            );
            let line = shown(line);
            let pad = " ".repeat(before.width());
            let carets = "^".repeat(marked.width().max(1));
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(out, "{gutter} | {pad}{carets}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }
}

/// Suggests the name a misspelling most likely meant; one rule for the whole validator.
pub use simulation::did_you_mean;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_source_line_caret_and_hint() {
        let d = Diagnostic::error(
            Path::new("a/exhibit.ron"),
            Some(Pos::new(2, 5)),
            "unknown field `titel`",
        )
        .with_width(5)
        .with_hint("did you mean `title`?");
        let text = d.render(Some("(\n    titel: {},\n)"));
        assert_eq!(
            text,
            "a/exhibit.ron:2:5: error: unknown field `titel`\n  |\n2 |     titel: {},\n  |     ^^^^^\n  = hint: did you mean `title`?\n"
        );
    }

    #[test]
    fn caret_counts_wide_characters_twice() {
        let d = Diagnostic::warning(Path::new("x.ron"), Some(Pos::new(1, 9)), "m");
        let text = d.render(Some(r#"{"zh": "地震", "en": 1}"#));
        let caret_line = text.lines().nth(3).unwrap();
        // `{"zh": "` is 8 narrow cells, then the caret under `地` (two cells wide).
        assert_eq!(caret_line, "  |         ^^");
    }

    #[test]
    fn caret_under_the_spot_on_tab_indented_lines() {
        let d = Diagnostic::error(Path::new("x.ron"), Some(Pos::new(1, 2)), "m").with_width(2);
        let text = d.render(Some("\tid: 1"));
        assert_eq!(text.lines().nth(2).unwrap(), "1 |     id: 1");
        assert_eq!(text.lines().nth(3).unwrap(), "  |     ^^");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "summary"]), None);
    }
}
