//! Reading an exhibit folder: the RON file, parsed, checked, with every problem kept.

use std::path::{Path, PathBuf};

use super::{EXHIBIT_FILE, Exhibit, validate_exhibit};
use crate::diagnostics::Diagnostic;
use crate::ron_errors;
use crate::ron_spans::SpanTree;

/// The text of an exhibit file and where its values are, for pointing at problems.
#[derive(Debug, Clone)]
pub struct ExhibitSource {
    /// The exhibit folder.
    pub dir: PathBuf,
    /// `exhibit.ron` inside it.
    pub file: PathBuf,
    /// The file's text.
    pub text: String,
    /// Where each value sits in the text.
    pub spans: SpanTree,
}

/// An exhibit folder after reading: the exhibit if it parsed, and every problem found.
#[derive(Debug, Clone)]
pub struct LoadedExhibit {
    /// The folder and its text (text empty when the file could not be read).
    pub source: ExhibitSource,
    /// The parsed exhibit; `None` when the file is missing or does not parse.
    pub exhibit: Option<Exhibit>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedExhibit {
    /// The exhibit when it can be shown: it parsed and has no errors.
    pub fn usable(&self) -> Option<&Exhibit> {
        if self.diagnostics.iter().any(Diagnostic::is_error) {
            None
        } else {
            self.exhibit.as_ref()
        }
    }
}

/// Reads and checks `dir/exhibit.ron` and the media it names.
pub fn load_exhibit_dir(dir: &Path) -> LoadedExhibit {
    let file = dir.join(EXHIBIT_FILE);
    match crate::media::read_text_file(&file, Some(dir)) {
        Ok(text) => parse_exhibit(dir, &file, text),
        Err(e) => LoadedExhibit {
            source: ExhibitSource {
                dir: dir.to_path_buf(),
                file: file.clone(),
                text: String::new(),
                spans: SpanTree::parse(""),
            },
            exhibit: None,
            diagnostics: vec![
                Diagnostic::error(&file, None, format!("cannot read the exhibit file: {e}"))
                    .with_hint(format!(
                        "an exhibit folder holds `{EXHIBIT_FILE}`; see docs/exhibit-format.md"
                    )),
            ],
        },
    }
}

/// Parses and checks exhibit text already read from `file` (inside folder `dir`).
pub fn parse_exhibit(dir: &Path, file: &Path, text: String) -> LoadedExhibit {
    let text = ron_errors::without_bom(text);
    let spans = SpanTree::parse(&text);
    let source = ExhibitSource {
        dir: dir.to_path_buf(),
        file: file.to_path_buf(),
        text,
        spans,
    };
    match ron_errors::parse::<Exhibit>(file, &source.text) {
        Ok(mut exhibit) => {
            for scene in &mut exhibit.scenes {
                if let super::SceneKind::Animation(anim) = &mut scene.kind {
                    anim.read_media(dir);
                }
            }
            let mut diagnostics = validate_exhibit(&exhibit, &source);
            diagnostics.sort_by_key(|d| d.pos);
            LoadedExhibit {
                source,
                exhibit: Some(exhibit),
                diagnostics,
            }
        }
        Err(d) => LoadedExhibit {
            source,
            exhibit: None,
            diagnostics: vec![d],
        },
    }
}
