//! `kiosk preview`: one exhibit in a window for its designer. Saving the file shows the
//! change at once; a broken save shows its errors and keeps the last good version running.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::visit::Visit;
use crate::kiosk_app::input::actions::DesignerAction;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::unattended::idle::IdleReset;
use exhibit_format::catalog::Catalog;

/// Preview of the exhibit in `dir`.
pub struct PreviewPlugin {
    /// The exhibit folder.
    pub dir: PathBuf,
}

impl Plugin for PreviewPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Watched {
            dir: self.dir.clone(),
            changed: Arc::default(),
            errors: Vec::new(),
        })
        .insert_resource(IdleReset(false))
        .add_systems(Startup, (open_exhibit, start_watcher))
        .add_systems(Update, (reload_on_save, designer_keys))
        .add_systems(EguiPrimaryContextPass, draw_status.in_set(UiPass::Overlay));
    }
}

/// The folder being previewed and what is wrong with its newest save.
#[derive(Resource)]
pub struct Watched {
    dir: PathBuf,
    /// Set by the watcher thread when a file in the folder changed.
    changed: Arc<AtomicBool>,
    /// Problems of the newest save, rendered; empty when it is good.
    errors: Vec<String>,
}

/// How often the watcher looks at the folder.
const POLL: Duration = Duration::from_millis(400);

/// Looks at the exhibit folder off the frame loop (which sleeps while nothing moves) and
/// wakes the loop when a save changed something.
impl Watched {
    /// Problems of the newest save, as the validator renders them; empty when it is good.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }
}

fn start_watcher(watched: Res<Watched>, proxy: Option<Res<EventLoopProxyWrapper>>) {
    let dir = watched.dir.clone();
    let changed = watched.changed.clone();
    let proxy = proxy.map(|p| (**p).clone());
    let spawned = std::thread::Builder::new()
        .name("preview-watch".into())
        .spawn(move || {
            let mut last = crate::kiosk_app::unattended::folder_stamp::stamp(&dir);
            loop {
                std::thread::sleep(POLL);
                let now = crate::kiosk_app::unattended::folder_stamp::stamp(&dir);
                if now != last {
                    last = now;
                    changed.store(true, Ordering::Release);
                    if let Some(p) = &proxy
                        && p.send_event(WinitUserEvent::WakeUp).is_err()
                    {
                        return;
                    }
                }
            }
        });
    if let Err(e) = spawned {
        error!(
            "cannot watch {} for saves: {e}; press F5 to reload",
            watched.dir.display()
        );
    }
}

fn open_exhibit(
    mut commands: Commands,
    content: Res<Content>,
    mut next: ResMut<NextState<Screen>>,
    mut watched: ResMut<Watched>,
) {
    if content.exhibits.is_empty() {
        watched.errors = content.problems.clone();
        return;
    }
    let visit = Visit::inside(&content, content.default_language(), 0, 0);
    commands.insert_resource(visit);
    next.set(Screen::Exhibit);
}

/// The preview's content from the exhibit folder: the exhibit's own languages in the switch.
pub fn preview_content(
    dir: &Path,
    ui: exhibit_format::ui_strings::UiStrings,
) -> anyhow::Result<Content> {
    let catalog = Catalog::load(dir, &ui)?;
    let mut content = Content::from_catalog(&catalog, ui);
    if let Some(ex) = catalog.exhibits.first().and_then(|l| l.exhibit.as_ref()) {
        content.config.languages = ex.languages.clone();
        content.config.default_language = ex.languages.first().cloned();
    }
    Ok(content)
}

fn reload_on_save(
    mut commands: Commands,
    mut watched: ResMut<Watched>,
    mut content: ResMut<Content>,
    visit: Option<Res<Visit>>,
    mut next: ResMut<NextState<Screen>>,
    mut keys: MessageReader<DesignerAction>,
) {
    let forced = keys.read().any(|k| *k == DesignerAction::Reload);
    if !watched.changed.swap(false, Ordering::AcqRel) && !forced {
        return;
    }
    let fresh = match preview_content(&watched.dir, content.ui.clone()) {
        Ok(c) => c,
        Err(e) => {
            watched.errors = vec![e.to_string()];
            return;
        }
    };
    if fresh.exhibits.is_empty() {
        // Keep the last good version on screen; say what is wrong with the new one.
        warn!("the saved exhibit has errors; still showing the last good version");
        watched.errors = fresh.problems;
        return;
    }
    info!("exhibit reloaded");
    for p in &fresh.problems {
        warn!("{p}");
    }
    watched.errors.clear();
    let generation = content.generation + 1;
    *content = Content {
        generation,
        ..fresh
    };
    // Stay on the scene and language the designer was looking at, as far as they still exist.
    let scenes = content.exhibits[0].exhibit.scenes.len();
    let (lang, scene) = match visit {
        Some(v) if content.config.languages.contains(&v.lang) => (v.lang.clone(), v.scene),
        Some(v) => (content.default_language().to_owned(), v.scene),
        None => (content.default_language().to_owned(), 0),
    };
    commands.insert_resource(Visit::inside(
        &content,
        &lang,
        0,
        scene.min(scenes.saturating_sub(1)),
    ));
    next.set(Screen::Exhibit);
}

fn designer_keys(
    mut keys: MessageReader<DesignerAction>,
    content: Res<Content>,
    visit: Option<ResMut<Visit>>,
) {
    let Some(mut visit) = visit else { return };
    let Some(ex) = content.exhibits.first() else {
        return;
    };
    for key in keys.read() {
        match key {
            DesignerAction::NextScene => {
                let n = (visit.scene + 1).min(ex.exhibit.scenes.len() - 1);
                visit.enter_scene(&content, n);
            }
            DesignerAction::PreviousScene => {
                let n = visit.scene.saturating_sub(1);
                visit.enter_scene(&content, n);
            }
            DesignerAction::NextLanguage => {
                let langs = &content.config.languages;
                let i = langs
                    .iter()
                    .position(|l| *l == visit.lang)
                    .map(|i| (i + 1) % langs.len())
                    .unwrap_or(0);
                visit.lang = langs[i].clone();
            }
            DesignerAction::Reload => {}
        }
    }
}

fn draw_status(
    mut contexts: EguiContexts,
    watched: Res<Watched>,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let where_ = visit
        .map(|v| {
            let scenes = content
                .exhibits
                .first()
                .map(|e| e.exhibit.scenes.len())
                .unwrap_or(0);
            format!("scene {}/{} · {}", v.scene + 1, scenes, v.lang)
        })
        .unwrap_or_default();
    egui::Area::new(egui::Id::new("preview-status"))
        .order(egui::Order::Tooltip)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -130.0))
        .show(&ctx, |ui| {
            egui::Frame::NONE
                .fill(egui::Color32::from_black_alpha(200))
                .corner_radius(8)
                .inner_margin(10)
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(format!(
                            "PREVIEW · {where_} · PgUp/PgDn scene · F2 language · F5 reload"
                        ))
                        .size(20.0)
                        .color(a.c.text_muted),
                    );
                });
        });
    if !watched.errors.is_empty() {
        egui::Area::new(egui::Id::new("preview-errors"))
            .order(egui::Order::Tooltip)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 140.0))
            .show(&ctx, |ui| {
                egui::Frame::NONE
                    .fill(egui::Color32::from_rgb(0x3a, 0x0a, 0x0a))
                    .stroke(egui::Stroke::new(
                        3.0,
                        egui::Color32::from_rgb(0xff, 0x6b, 0x6b),
                    ))
                    .corner_radius(10)
                    .inner_margin(20)
                    .show(ui, |ui| {
                        ui.set_max_width(1700.0);
                        let headline = if content.exhibits.is_empty() {
                            "This exhibit has errors; fix them and save to see it."
                        } else {
                            "The saved file has errors. Still showing the last good version."
                        };
                        ui.label(egui::RichText::new(headline).size(24.0).strong());
                        egui::ScrollArea::vertical()
                            .max_height(600.0)
                            .show(ui, |ui| {
                                for e in &watched.errors {
                                    ui.label(egui::RichText::new(e).monospace().size(20.0));
                                }
                            });
                    });
            });
    }
    Ok(())
}
