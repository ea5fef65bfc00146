//! What the kiosk shows: the exhibits that passed validation, the config and the kiosk's
//! own words, as one resource the screens read.

use std::path::PathBuf;

use bevy::prelude::*;

use exhibit_format::catalog::Catalog;
use exhibit_format::config::KioskConfig;
use exhibit_format::exhibit::Exhibit;
use exhibit_format::ui_strings::UiStrings;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, log_problems);
}

/// An exhibit that validated, with the folder its media live in.
#[derive(Debug, Clone)]
pub struct ShownExhibit {
    /// The exhibit.
    pub exhibit: Exhibit,
    /// Its folder.
    pub dir: PathBuf,
}

/// An exhibit not shown because it has errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Its folder name (its id, when the file could not be read).
    pub id: String,
    /// The first error, `file:line:col: message`.
    pub why: String,
}

/// The content in force. Replaced whole on reload (preview), never edited in place.
#[derive(Resource, Debug, Clone)]
pub struct Content {
    /// The kiosk config (defaults when run on a bare exhibits folder).
    pub config: KioskConfig,
    /// Exhibits on the hub, in order.
    pub exhibits: Vec<ShownExhibit>,
    /// The kiosk's own words.
    pub ui: UiStrings,
    /// Each problem found when loading, rendered as the validator shows it.
    pub problems: Vec<String>,
    /// Exhibits left out because of errors.
    pub left_out: Vec<LeftOut>,
    /// Counts reloads, so caches keyed on content know to refresh.
    pub generation: u64,
    /// Fonts the config and the shown exhibits add (for scripts the kiosk's own fonts
    /// lack), by full path, read when the content is loaded.
    pub fonts: Vec<(String, std::sync::Arc<Vec<u8>>)>,
}

impl Content {
    /// The content a catalog allows on the floor.
    pub fn from_catalog(catalog: &Catalog, ui: UiStrings) -> Self {
        let exhibits: Vec<ShownExhibit> = catalog
            .shown()
            .into_iter()
            .map(|ex| {
                let dir = catalog
                    .exhibits
                    .iter()
                    .find(|l| l.exhibit.as_ref().is_some_and(|e| std::ptr::eq(e, ex)))
                    .map(|l| l.source.dir.clone())
                    .unwrap_or_default();
                ShownExhibit {
                    exhibit: ex.clone(),
                    dir,
                }
            })
            .collect();
        let problems = catalog
            .problems()
            .into_iter()
            .map(|(d, text)| d.render(Some(text)))
            .collect();
        let left_out = catalog
            .exhibits
            .iter()
            .filter(|l| l.usable().is_none())
            .map(|l| LeftOut {
                id: l
                    .source
                    .dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                why: l
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map(|d| {
                        let at = d
                            .pos
                            .map(|p| format!(":{}:{}", p.line, p.column))
                            .unwrap_or_default();
                        format!("{}{at}: {}", d.file.display(), d.message)
                    })
                    .unwrap_or_else(|| "it has errors".into()),
            })
            .collect();
        // The validator checked these; a font that went bad since is left out.
        let config_dir = catalog
            .config_file
            .as_ref()
            .and_then(|c| c.file.parent().map(std::path::Path::to_path_buf));
        let config_fonts = catalog.config.fonts.iter().filter_map(|f| {
            let dir = config_dir.clone()?;
            Some((dir, f.to_string_lossy().into_owned()))
        });
        let exhibit_fonts = exhibits.iter().flat_map(|e: &ShownExhibit| {
            e.exhibit.fonts.iter().map(|f| (e.dir.clone(), f.clone()))
        });
        let mut fonts: Vec<(String, std::sync::Arc<Vec<u8>>)> = Vec::new();
        for (dir, rel) in config_fonts.chain(exhibit_fonts) {
            let name = dir.join(&rel).display().to_string();
            if fonts.iter().any(|(n, _)| *n == name) {
                continue;
            }
            match exhibit_format::media::load_font(&dir, &rel) {
                Ok(bytes) => fonts.push((name, std::sync::Arc::new(bytes))),
                Err(e) => warn!("{name}: {e}"),
            }
        }
        Content {
            config: catalog.config.clone(),
            exhibits,
            ui,
            problems,
            left_out,
            generation: 0,
            fonts,
        }
    }

    /// The language a visit starts in and text falls back to.
    pub fn default_language(&self) -> &str {
        self.config.default_language()
    }
}

/// A broken exhibit is left out with a log line; the others run.
fn log_problems(content: Res<Content>) {
    for p in &content.problems {
        warn!("{p}");
    }
    for l in &content.left_out {
        error!(
            "exhibit `{}` has errors and is not shown ({}); run `kiosk validate` for details",
            l.id, l.why
        );
    }
    info!("{} exhibits shown", content.exhibits.len());
}
