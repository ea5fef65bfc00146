//! Everything one kiosk shows: its config and its exhibits folder, read and checked.
//! The runtime and the `validate` command both come through here, so they agree on
//! what is broken.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, KioskConfig, LoadedConfig, load_config};
use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::exhibit::{EXHIBIT_FILE, Exhibit, LoadedExhibit, load_exhibit_dir};
use crate::ron_spans::Path as RonPath;
use crate::ui_strings::UiStrings;

/// What a path on the command line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A kiosk config file.
    Config(PathBuf),
    /// A folder of exhibit folders.
    ExhibitsDir(PathBuf),
    /// One exhibit folder (holds `exhibit.ron`).
    ExhibitDir(PathBuf),
}

/// A path that names nothing the kiosk can read.
#[derive(Debug, thiserror::Error)]
#[error("{0}: not a kiosk config, an exhibit folder or a folder of exhibits")]
pub struct NotContent(pub PathBuf);

impl Target {
    /// Decides what `path` is: a `.ron` file is a config; a folder holding `exhibit.ron`
    /// is one exhibit; a folder holding `kiosk.ron` is that config; any other folder is a
    /// folder of exhibits.
    pub fn of(path: &Path) -> Result<Target, NotContent> {
        if path.is_file() {
            if path.file_name().is_some_and(|n| n == EXHIBIT_FILE) {
                return Ok(Target::ExhibitDir(
                    path.parent().unwrap_or(Path::new(".")).to_path_buf(),
                ));
            }
            return Ok(Target::Config(path.to_path_buf()));
        }
        if path.is_dir() {
            if path.join(EXHIBIT_FILE).is_file() {
                return Ok(Target::ExhibitDir(path.to_path_buf()));
            }
            if path.join(CONFIG_FILE).is_file() {
                return Ok(Target::Config(path.join(CONFIG_FILE)));
            }
            return Ok(Target::ExhibitsDir(path.to_path_buf()));
        }
        Err(NotContent(path.to_path_buf()))
    }
}

/// A kiosk's content, read and checked.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The config in force (defaults when run on a bare exhibits folder).
    pub config: KioskConfig,
    /// The config file, when there is one.
    pub config_file: Option<LoadedConfig>,
    /// The exhibits folder.
    pub exhibits_dir: PathBuf,
    /// Every exhibit folder found, usable or not, by folder name.
    pub exhibits: Vec<LoadedExhibit>,
}

impl Catalog {
    /// Reads whatever `path` names (see [`Target::of`]).
    pub fn load(path: &Path, ui: &UiStrings) -> Result<Catalog, NotContent> {
        Ok(match Target::of(path)? {
            Target::Config(file) => {
                let loaded = load_config(&file, ui);
                let config = loaded.config.clone().unwrap_or_default();
                let base = file.parent().unwrap_or(Path::new("."));
                let dir = base.join(&config.exhibits);
                let mut c = Catalog::from_dir(config, &dir);
                c.config_file = Some(loaded);
                c.check_playlist();
                c
            }
            Target::ExhibitsDir(dir) => Catalog::from_dir(KioskConfig::default(), &dir),
            Target::ExhibitDir(dir) => {
                let parent = dir.parent().unwrap_or(Path::new(".")).to_path_buf();
                let mut c = Catalog {
                    config: KioskConfig::default(),
                    config_file: None,
                    exhibits_dir: parent,
                    exhibits: vec![load_exhibit_dir(&dir)],
                };
                c.check_duplicates();
                c
            }
        })
    }

    fn from_dir(config: KioskConfig, dir: &Path) -> Catalog {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_dir()
                            && !p
                                .file_name()
                                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    })
                    .collect()
            })
            .unwrap_or_default();
        folders.sort();
        let exhibits = folders.iter().map(|f| load_exhibit_dir(f)).collect();
        let mut c = Catalog {
            config,
            config_file: None,
            exhibits_dir: dir.to_path_buf(),
            exhibits,
        };
        c.check_duplicates();
        c
    }

    /// Two folders with the same exhibit id: the later one is an error (and left out).
    fn check_duplicates(&mut self) {
        let mut first: HashMap<String, PathBuf> = HashMap::new();
        for loaded in &mut self.exhibits {
            let Some(ex) = &loaded.exhibit else { continue };
            if let Some(other) = first.get(&ex.id) {
                let src = &loaded.source;
                let d = src.spans.diagnostic(
                    Severity::Error,
                    &src.file,
                    &RonPath::root().field("id"),
                    format!("duplicate exhibit id `{}`", ex.id),
                );
                let hint = format!(
                    "`{}` already uses it; this folder is left out",
                    other.display()
                );
                loaded.diagnostics.push(d.with_hint(hint));
            } else {
                first.insert(ex.id.clone(), loaded.source.file.clone());
            }
        }
    }

    /// Playlist entries must name exhibits that exist, once each.
    fn check_playlist(&mut self) {
        let Some(cfg) = &mut self.config_file else {
            return;
        };
        let ids: Vec<String> = self
            .exhibits
            .iter()
            .filter_map(|l| l.exhibit.as_ref().map(|e| e.id.clone()))
            .collect();
        let playlist = &self.config.playlist;
        for (i, id) in playlist.iter().enumerate() {
            let path = RonPath::root().field("playlist").index(i);
            let (message, hint) = if playlist[..i].contains(id) {
                (
                    format!("playlist names exhibit `{id}` twice"),
                    "the hub shows each exhibit once; remove one".to_owned(),
                )
            } else if !ids.contains(id) {
                let hint = did_you_mean(id, ids.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        format!("no folder in `{}` has this id", self.exhibits_dir.display())
                    });
                (
                    format!("playlist names exhibit `{id}`, which does not exist"),
                    hint,
                )
            } else {
                continue;
            };
            cfg.diagnostics.push(
                cfg.spans
                    .diagnostic(Severity::Error, &cfg.file, &path, message)
                    .with_hint(hint),
            );
        }
        // A themed day's exhibits must exist too (a typo would quietly theme nothing).
        for (i, x) in self.config.schedule.exceptions.iter().enumerate() {
            for (j, id) in x.playlist.iter().enumerate() {
                if ids.contains(id) {
                    continue;
                }
                let path = RonPath::root()
                    .field("schedule")
                    .field("exceptions")
                    .index(i)
                    .field("playlist")
                    .index(j);
                let hint = did_you_mean(id, ids.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "name an exhibit of this kiosk".into());
                cfg.diagnostics.push(
                    cfg.spans
                        .diagnostic(
                            Severity::Warning,
                            &cfg.file,
                            &path,
                            format!(
                                "the themed day shows `{id}` first, but there is no such exhibit"
                            ),
                        )
                        .with_hint(hint),
                );
            }
        }
    }

    /// The exhibits a visitor sees on the hub: those without errors, in playlist order
    /// (or by id when there is no playlist).
    pub fn shown(&self) -> Vec<&Exhibit> {
        let usable: Vec<&Exhibit> = self
            .exhibits
            .iter()
            .filter_map(LoadedExhibit::usable)
            .collect();
        if self.config.playlist.is_empty() {
            let mut all = usable;
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        } else {
            self.config
                .playlist
                .iter()
                .filter_map(|id| usable.iter().find(|e| &e.id == id).copied())
                .collect()
        }
    }

    /// Every problem, config first, each with the text of its file for rendering.
    pub fn problems(&self) -> Vec<(&Diagnostic, &str)> {
        let mut out = Vec::new();
        if let Some(cfg) = &self.config_file {
            out.extend(cfg.diagnostics.iter().map(|d| (d, cfg.text.as_str())));
        }
        for l in &self.exhibits {
            out.extend(l.diagnostics.iter().map(|d| (d, l.source.text.as_str())));
        }
        out
    }

    /// Counts for the validator's last line.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            configs: usize::from(self.config_file.is_some()),
            exhibits: self.exhibits.len(),
            ..Summary::default()
        };
        for ex in self.exhibits.iter().filter_map(|l| l.exhibit.as_ref()) {
            for scene in &ex.scenes {
                *s.scenes.entry(scene.kind.name()).or_default() += 1;
            }
        }
        for (d, _) in self.problems() {
            if d.is_error() {
                s.errors += 1;
            } else {
                s.warnings += 1;
            }
        }
        s
    }
}

/// What `kiosk validate` does: checks each path (a kiosk config, an exhibit folder or a
/// folder of exhibits), writes every problem with its position, caret and hint to `out`,
/// then one summary line; returns the combined counts. A path that names nothing readable
/// counts as an error.
pub fn validate_paths(
    paths: &[PathBuf],
    ui: &UiStrings,
    out: &mut impl std::io::Write,
) -> std::io::Result<Summary> {
    let mut total = Summary::default();
    for path in paths {
        match Catalog::load(path, ui) {
            Ok(catalog) => {
                for (d, text) in catalog.problems() {
                    writeln!(out, "{}", d.render(Some(text)))?;
                }
                total.add(&catalog.summary());
            }
            Err(e) => {
                writeln!(
                    out,
                    "{}: error: {e}\n  = hint: give a kiosk.ron, an exhibit folder or a folder of exhibits\n",
                    path.display()
                )?;
                total.errors += 1;
            }
        }
    }
    writeln!(out, "{total}")?;
    Ok(total)
}

/// Counts of what was checked and what was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Kiosk config files checked.
    pub configs: usize,
    /// Exhibit folders checked.
    pub exhibits: usize,
    /// Scenes by kind (`quiz` → 14).
    pub scenes: BTreeMap<&'static str, usize>,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
}

impl Summary {
    /// Adds another summary's counts to this one.
    pub fn add(&mut self, other: &Summary) {
        self.configs += other.configs;
        self.exhibits += other.exhibits;
        for (k, v) in &other.scenes {
            *self.scenes.entry(k).or_default() += v;
        }
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for Summary {
    /// `1 kiosk config, 6 exhibits, 14 scenes (14 quiz), 0 errors, 2 warnings`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.configs > 0 {
            write!(
                f,
                "{}, ",
                plural(self.configs, "kiosk config", "kiosk configs")
            )?;
        }
        let scenes: usize = self.scenes.values().sum();
        write!(
            f,
            "{}, {}",
            plural(self.exhibits, "exhibit", "exhibits"),
            plural(scenes, "scene", "scenes")
        )?;
        if !self.scenes.is_empty() {
            let kinds: Vec<String> = self
                .scenes
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            write!(f, " ({})", kinds.join(", "))?;
        }
        write!(
            f,
            ", {}, {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings")
        )
    }
}
