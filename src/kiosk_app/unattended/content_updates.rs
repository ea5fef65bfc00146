//! Content updates on a running kiosk: a technician copies new exhibit folders (or a whole
//! exhibits folder, by rsync or Syncthing) over the old. A thread notices, waits until the
//! copying has stopped, and validates the new content off the frame loop; the kiosk swaps
//! it in between visits, never during one. An exhibit whose new version fails validation
//! is not shown in that version: its last good version stays (or, if it is new, it stays
//! out), and the validator's messages go to the log.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::unattended::folder_stamp::stamp;
use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Startup,
        start_watching.run_if(resource_exists::<ContentUpdates>),
    )
    .add_systems(
        Update,
        swap_between_visits.run_if(resource_exists::<ContentUpdates>),
    );
}

/// Present in `kiosk run`: where the content comes from, and a checked update waiting
/// for the visit under way to end.
#[derive(Resource)]
pub struct ContentUpdates {
    /// The kiosk config (or exhibits folder) `kiosk run` was given.
    source: PathBuf,
    /// How often the folder is looked at.
    poll: Duration,
    /// How long the folder must stay unchanged before it is read (copying has stopped).
    settle: Duration,
    incoming: Arc<Mutex<Option<Catalog>>>,
    waiting: Option<Catalog>,
    /// Set by the admin overlay's "reload": read the content now, changed or not.
    force: Arc<std::sync::atomic::AtomicBool>,
}

impl ContentUpdates {
    /// Watches the content `kiosk run` was started on: every 5 s, reading it once it has
    /// been still for 10 s.
    pub fn new(source: PathBuf) -> Self {
        Self::with_timing(source, Duration::from_secs(5), Duration::from_secs(10))
    }

    /// [`ContentUpdates::new`] with other timings (tests).
    pub fn with_timing(source: PathBuf, poll: Duration, settle: Duration) -> Self {
        ContentUpdates {
            source,
            poll,
            settle,
            incoming: Arc::default(),
            waiting: None,
            force: Arc::default(),
        }
    }
}

impl ContentUpdates {
    /// Reads the content again at the watcher's next look, whether or not it changed.
    pub fn check_now(&mut self) {
        self.force.store(true, std::sync::atomic::Ordering::Release);
    }

    /// A checked update is waiting for the visit under way to end.
    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }
}

/// The files that make the content: the config (if one was given) and the exhibits folder.
fn watched_stamp(
    config: Option<&Path>,
    exhibits: &Path,
) -> Vec<(PathBuf, std::time::SystemTime, u64)> {
    let mut s = stamp(exhibits);
    if let Some(c) = config
        && let Ok(meta) = std::fs::metadata(c)
    {
        s.push((
            c.to_path_buf(),
            meta.modified().unwrap_or(std::time::UNIX_EPOCH),
            meta.len(),
        ));
    }
    s
}

fn start_watching(
    updates: Res<ContentUpdates>,
    content: Res<Content>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
) {
    let source = updates.source.clone();
    let config = source.is_file().then(|| source.clone());
    let mut exhibits = match &config {
        Some(c) => c
            .parent()
            .unwrap_or(Path::new("."))
            .join(&content.config.exhibits),
        None => source.clone(),
    };
    let (poll, settle) = (updates.poll, updates.settle);
    let incoming = updates.incoming.clone();
    let force = updates.force.clone();
    let ui: UiStrings = content.ui.clone();
    let proxy = proxy.map(|p| (**p).clone());
    let spawned = std::thread::Builder::new()
        .name("content-updates".into())
        .spawn(move || {
            let mut last = watched_stamp(config.as_deref(), &exhibits);
            loop {
                std::thread::sleep(poll);
                let mut now = watched_stamp(config.as_deref(), &exhibits);
                let forced = force.swap(false, std::sync::atomic::Ordering::AcqRel);
                if now == last && !forced {
                    continue;
                }
                // Still copying? Wait until the folder stays the same for `settle`.
                if !forced {
                    loop {
                        std::thread::sleep(settle);
                        let again = watched_stamp(config.as_deref(), &exhibits);
                        if again == now {
                            break;
                        }
                        now = again;
                    }
                }
                last = now;
                info!("content changed on disk; checking it");
                match Catalog::load(&source, &ui) {
                    Ok(catalog) => {
                        // A config may name another exhibits folder: watch that one now.
                        if catalog.exhibits_dir != exhibits {
                            exhibits = catalog.exhibits_dir.clone();
                            last = watched_stamp(config.as_deref(), &exhibits);
                        }
                        if let Ok(mut slot) = incoming.lock() {
                            *slot = Some(catalog);
                        }
                        if let Some(p) = &proxy {
                            let _ = p.send_event(WinitUserEvent::WakeUp);
                        }
                    }
                    Err(e) => warn!("content update not read: {e}; the current content stays"),
                }
            }
        });
    if let Err(e) = spawned {
        warn!("could not start watching for content updates: {e}");
    }
}

/// Takes a checked update in when no visit is under way.
fn swap_between_visits(
    mut updates: ResMut<ContentUpdates>,
    screen: Res<State<Screen>>,
    mut content: ResMut<Content>,
) {
    let arrived = updates.incoming.lock().ok().and_then(|mut s| s.take());
    if let Some(catalog) = arrived {
        updates.waiting = Some(catalog);
    }
    if !matches!(screen.get(), Screen::Attract | Screen::Closed) {
        return;
    }
    let Some(catalog) = updates.waiting.take() else {
        return;
    };
    // A folder moved away, unmounted or half deleted is not new content.
    if !catalog.exhibits_dir.is_dir() {
        error!(
            "content update refused: the exhibits folder {} is not there; the current content stays",
            catalog.exhibits_dir.display()
        );
        return;
    }
    let (fresh, kept) = merged(&content, &catalog);
    if fresh.exhibits.is_empty() && !content.exhibits.is_empty() {
        error!(
            "content update refused: it would leave no exhibit to show; the current content stays"
        );
        return;
    }
    for p in &fresh.problems {
        warn!("{p}");
    }
    for id in &kept {
        error!("the new version of exhibit `{id}` has errors; its last good version stays");
    }
    for l in fresh.left_out.iter().filter(|l| !kept.contains(&l.id)) {
        error!("exhibit `{}` has errors and is not shown ({})", l.id, l.why);
    }
    info!("content updated: {} exhibits shown", fresh.exhibits.len());
    *content = fresh;
}

/// The content to show after an update: each exhibit's new version where it validates,
/// else its last good version (their folder names are listed second), else nothing; a
/// config with errors keeps the old config.
pub fn merged(old: &Content, catalog: &Catalog) -> (Content, Vec<String>) {
    let mut fresh = Content::from_catalog(catalog, old.ui.clone());
    fresh.generation = old.generation + 1;
    let config_broken = catalog
        .config_file
        .as_ref()
        .is_some_and(|c| c.diagnostics.iter().any(|d| d.is_error()));
    if config_broken {
        error!("the new kiosk config has errors; the old one stays");
        fresh.config = old.config.clone();
    }
    let folder = |e: &crate::kiosk_app::core::content::ShownExhibit| {
        e.dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut kept = Vec::new();
    for l in &fresh.left_out {
        if let Some(good) = old.exhibits.iter().find(|e| folder(e) == l.id) {
            kept.push(l.id.clone());
            fresh.exhibits.push(good.clone());
        }
    }
    // The playlist's order (exhibits it does not name after, by id).
    let playlist = &fresh.config.playlist;
    let rank = |id: &str| playlist.iter().position(|p| p == id).unwrap_or(usize::MAX);
    fresh.exhibits.sort_by(|a, b| {
        rank(&a.exhibit.id)
            .cmp(&rank(&b.exhibit.id))
            .then_with(|| a.exhibit.id.cmp(&b.exhibit.id))
    });
    if !playlist.is_empty() {
        fresh.exhibits.retain(|e| playlist.contains(&e.exhibit.id));
    }
    (fresh, kept)
}
