//! The technicians' admin overlay: opened by a hidden gesture (held corner, or gamepad
//! Select + Start) and the PIN (checked against the config's hash, wrong tries
//! rate-limited), it shows today's visits and most opened exhibits, uptime, content errors,
//! the usage log's health and free disk, and lets a technician set the volume and default
//! language, reload content or exit. It closes itself after two minutes untouched.

use std::collections::BTreeMap;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::kiosk_app::core::clock::Now;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::{Overlay, Popup, popup_up};
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::visit::{Visit, VisitEnded};
use crate::kiosk_app::input::actions::{AdminGesture, LastInput};
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets::{self, Look};
use crate::kiosk_app::unattended::content_updates::ContentUpdates;
use crate::kiosk_app::unattended::opening_hours::Opening;
use crate::kiosk_app::usage::UsageLog;
use exhibit_format::admin_pin::{Attempt, MAX_DIGITS, PinGate};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Admin>()
        .init_resource::<TodayStats>()
        .add_systems(Update, (open_on_gesture, count_visits, close_when_left))
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(UiPass::Overlay).run_if(popup_up(Popup::Admin)),
        );
}

impl Admin {
    /// Tells the rest of the kiosk whether the overlay covers the screen.
    fn publish(&self, overlay: &mut Overlay) {
        let up = self.phase != Phase::Closed;
        if overlay.is_up(Popup::Admin) != up {
            overlay.set(Popup::Admin, up);
        }
    }
}

/// Seconds without input after which the overlay closes itself.
pub const ADMIN_TIMEOUT_S: f64 = 120.0;

/// Where the overlay is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// Not shown.
    #[default]
    Closed,
    /// Asking for the PIN.
    Pin,
    /// Open.
    Open,
}

/// The overlay's state.
#[derive(Resource, Debug, Default)]
pub struct Admin {
    /// Where it is.
    pub phase: Phase,
    entered: String,
    message: Option<String>,
    gate: PinGate,
}

/// Visits counted once for the admin overlay and the status file: today's (the venue's
/// day, from the schedule's time zone) and since the start.
#[derive(Resource, Debug, Default)]
pub struct TodayStats {
    day: Option<jiff::civil::Date>,
    visits: u64,
    /// Times each exhibit was opened today, by id.
    opened: BTreeMap<String, u64>,
    /// Visits ended since the kiosk started.
    pub since_start: u64,
    /// When the last visit ended.
    pub last_end: Option<jiff::Timestamp>,
}

/// The venue's date now: in the schedule's time zone, else the computer's.
pub fn venue_today(opening: Option<&Opening>) -> jiff::civil::Date {
    let now = jiff::Zoned::now();
    match opening.and_then(|o| o.schedule.as_ref()) {
        Some(s) => now.with_time_zone(s.time_zone().clone()).date(),
        None => now.date(),
    }
}

impl TodayStats {
    /// Starts a new day's counts when `today` is not the day counted.
    fn roll(&mut self, today: jiff::civil::Date) {
        if self.day != Some(today) {
            self.day = Some(today);
            self.visits = 0;
            self.opened.clear();
        }
    }

    /// Visits ended on `today` (0 if none has ended yet that day).
    pub fn visits_on(&self, today: jiff::civil::Date) -> u64 {
        if self.day == Some(today) {
            self.visits
        } else {
            0
        }
    }

    /// Exhibits opened on `today`, most opened first.
    pub fn top_on(&self, today: jiff::civil::Date) -> Vec<(&str, u64)> {
        if self.day != Some(today) {
            return Vec::new();
        }
        let mut top: Vec<(&str, u64)> = self.opened.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top
    }
}

fn open_on_gesture(
    mut gestures: MessageReader<AdminGesture>,
    mut admin: ResMut<Admin>,
    content: Res<Content>,
    mut ring: ResMut<FocusRing>,
    mut overlay: ResMut<Overlay>,
) {
    if gestures.read().count() == 0 || admin.phase != Phase::Closed {
        return;
    }
    if content.config.admin_pin.is_none() {
        warn!("admin gesture seen, but the kiosk config has no `admin_pin`: nothing opens");
        return;
    }
    info!("admin overlay: asking for the PIN");
    admin.phase = Phase::Pin;
    admin.entered.clear();
    admin.message = None;
    admin.publish(&mut overlay);
    ring.want("admin-1");
}

/// Counts visits and exhibit openings for the overlay.
fn count_visits(
    mut stats: ResMut<TodayStats>,
    mut ended: MessageReader<VisitEnded>,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    opening: Option<Res<Opening>>,
    mut seen: Local<Option<(u64, Option<usize>)>>,
) {
    let n = ended.read().count() as u64;
    if n > 0 {
        stats.roll(venue_today(opening.as_deref()));
        stats.visits += n;
        stats.since_start += n;
        stats.last_end = Some(jiff::Timestamp::now());
    }
    if let Some(v) = visit {
        let now = (v.serial, v.exhibit);
        if *seen != Some(now) {
            *seen = Some(now);
            if let Some(ex) = v.exhibit.and_then(|i| content.exhibits.get(i)) {
                stats.roll(venue_today(opening.as_deref()));
                *stats.opened.entry(ex.exhibit.id.clone()).or_default() += 1;
            }
        }
    }
}

/// Closes the overlay after [`ADMIN_TIMEOUT_S`] without input: a technician called away
/// must not leave it open to visitors.
fn close_when_left(
    mut admin: ResMut<Admin>,
    last: Res<LastInput>,
    now: Res<Now>,
    mut overlay: ResMut<Overlay>,
) {
    if admin.phase != Phase::Closed && now.0 - last.at > ADMIN_TIMEOUT_S {
        info!("admin overlay closed after {ADMIN_TIMEOUT_S:.0} s untouched");
        admin.phase = Phase::Closed;
        admin.entered.clear();
        admin.publish(&mut overlay);
    }
}

/// Bytes free on the file system holding `path`.
#[cfg(unix)]
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    let st = rustix::fs::statvfs(path).ok()?;
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

#[cfg(not(unix))]
fn free_bytes(_: &std::path::Path) -> Option<u64> {
    None
}

fn human_bytes(b: u64) -> String {
    let gb = b as f64 / 1e9;
    if gb >= 1.0 {
        format!("{gb:.1} GB")
    } else {
        format!("{:.0} MB", b as f64 / 1e6)
    }
}

/// What the overlay does after drawing. Settings are applied here, not while drawing,
/// so the content counts as changed only when a technician changes something.
enum Do {
    Nothing,
    Volume(f32),
    DefaultLanguage(String),
    Reload,
    Exit,
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    mut admin: ResMut<Admin>,
    mut content: ResMut<Content>,
    mut ring: ResMut<FocusRing>,
    now: Res<Now>,
    stats: Res<TodayStats>,
    log: Option<Res<UsageLog>>,
    opening: Option<Res<Opening>>,
    updates: Option<ResMut<ContentUpdates>>,
    mut next: ResMut<NextState<Screen>>,
    mut out: (
        MessageWriter<AppExit>,
        ResMut<crate::kiosk_app::core::settings::VisitorSettings>,
        ResMut<Overlay>,
    ),
) -> Result {
    let (exit, visitor) = (&mut out.0, &mut out.1);
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let lang = content.default_language().to_owned();
    let screen = ctx.content_rect();
    let mut todo = Do::Nothing;
    ring.push_layer();
    egui::Area::new(egui::Id::new("admin-overlay"))
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(&ctx, |ui| {
            let _ = ui.allocate_rect(screen, egui::Sense::click_and_drag());
            ui.painter()
                .rect_filled(screen, 0.0, egui::Color32::from_black_alpha(235));
            let card = egui::Rect::from_center_size(screen.center(), egui::vec2(1100.0, 900.0))
                .intersect(screen.shrink(20.0));
            ui.painter().rect_filled(card, 24.0, a.c.surface);
            ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(card.shrink(36.0))
                    .layout(egui::Layout::top_down(egui::Align::Center)),
                |ui| match admin.phase {
                    Phase::Pin => pin_pad(ui, &mut admin, &content, &mut ring, now.0, &lang),
                    _ => {
                        todo = panel(
                            ui,
                            &mut admin,
                            &content,
                            &mut ring,
                            (&now, &stats, log.as_deref(), opening.as_deref()),
                            &lang,
                        );
                    }
                },
            );
        });
    ring.pop_layer();
    match todo {
        Do::Nothing => {}
        Do::Volume(v) => {
            // Heard at once, by the visitor at the kiosk too.
            content.config.volume = v;
            visitor.volume = v;
        }
        Do::DefaultLanguage(l) => content.config.default_language = Some(l),
        Do::Reload => {
            info!("admin: reloading content");
            if let Some(mut updates) = updates {
                updates.check_now();
            }
            // The visit (if any) ends; the new content goes in at the attract loop.
            next.set(Screen::Attract);
            admin.phase = Phase::Closed;
        }
        Do::Exit => {
            info!("admin: exit");
            exit.write(AppExit::Success);
        }
    }
    admin.publish(&mut out.2);
    Ok(())
}

fn pin_pad(
    ui: &mut egui::Ui,
    admin: &mut Admin,
    content: &Content,
    ring: &mut FocusRing,
    now: f64,
    lang: &str,
) {
    let a = Appearance::of(ui.ctx());
    let s = &content.ui;
    ui.label(
        egui::RichText::new(s.get(lang, "admin_pin"))
            .size(a.heading())
            .strong(),
    );
    // Dots, never the digits.
    ui.label(
        egui::RichText::new(widgets::symbols::PIN_DOT.repeat(admin.entered.len()) + " ")
            .size(a.title())
            .color(a.c.accent),
    );
    if let Some(m) = &admin.message {
        ui.label(egui::RichText::new(m).size(a.body()).color(a.c.text));
    }
    ui.add_space(12.0);
    let rows: [[&str; 3]; 4] = [
        ["1", "2", "3"],
        ["4", "5", "6"],
        ["7", "8", "9"],
        ["delete", "0", "ok"],
    ];
    for row in rows {
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 3.0 * 200.0 - 2.0 * 20.0).max(0.0) / 2.0);
            for key in row {
                let label = match key {
                    "delete" | "ok" => s.get(lang, key),
                    digit => digit,
                };
                let look = if key == "ok" {
                    Look::Primary
                } else {
                    Look::Normal
                };
                let focus_key = format!("admin-{key}");
                if widgets::button_keyed(ui, ring, label, look, 200.0, Some(&focus_key)) {
                    match key {
                        "delete" => {
                            admin.entered.pop();
                        }
                        "ok" => submit(admin, content, now, lang),
                        digit => {
                            if admin.entered.len() < MAX_DIGITS {
                                admin.entered.push_str(digit);
                            }
                        }
                    }
                }
            }
        });
    }
    ui.add_space(12.0);
    if widgets::button(ui, ring, s.get(lang, "cancel"), Look::Normal, 300.0) {
        admin.phase = Phase::Closed;
        admin.entered.clear();
    }
}

fn submit(admin: &mut Admin, content: &Content, now: f64, lang: &str) {
    let Some(hash) = content.config.admin_pin.as_deref() else {
        return;
    };
    let entered = std::mem::take(&mut admin.entered);
    let s = &content.ui;
    admin.message = match admin.gate.attempt(hash, &entered, now) {
        Ok(Attempt::Accepted) => {
            info!("admin overlay opened");
            admin.phase = Phase::Open;
            None
        }
        Ok(Attempt::Wrong { tries_left }) => {
            warn!("admin overlay: wrong PIN");
            Some(s.fill(lang, "admin_wrong", &[("n", &tries_left)]))
        }
        Ok(Attempt::Locked { wait_s }) => {
            warn!("admin overlay: wrong PIN; locked for {wait_s:.0} s");
            Some(s.fill(lang, "admin_wait", &[("s", &(wait_s.ceil() as u64))]))
        }
        Ok(Attempt::NotChecked { wait_s }) => {
            warn!(
                "admin overlay: a PIN tried during the lock-out, not checked; {wait_s:.0} s left"
            );
            Some(s.fill(lang, "admin_wait", &[("s", &(wait_s.ceil() as u64))]))
        }
        Err(e) => {
            error!("admin overlay: {e}");
            Some(e.to_string())
        }
    };
}

fn panel(
    ui: &mut egui::Ui,
    admin: &mut Admin,
    content: &Content,
    ring: &mut FocusRing,
    (now, stats, log, opening): (&Now, &TodayStats, Option<&UsageLog>, Option<&Opening>),
    lang: &str,
) -> Do {
    let a = Appearance::of(ui.ctx());
    let s = &content.ui;
    let line = |ui: &mut egui::Ui, text: String| {
        ui.label(egui::RichText::new(text).size(a.body()));
    };
    ui.label(
        egui::RichText::new(s.get(lang, "admin_title"))
            .size(a.heading())
            .strong(),
    );
    let today = venue_today(opening);
    line(
        ui,
        s.fill(lang, "admin_visits", &[("n", &stats.visits_on(today))]),
    );
    let top = stats.top_on(today);
    if !top.is_empty() {
        let list: Vec<String> = top
            .iter()
            .take(3)
            .map(|(id, n)| format!("{id} ({n})"))
            .collect();
        line(
            ui,
            format!("{}: {}", s.get(lang, "admin_top"), list.join(", ")),
        );
    }
    let up = now.0 as u64;
    line(
        ui,
        s.fill(
            lang,
            "admin_uptime",
            &[("t", &format!("{}h {:02}m", up / 3600, up / 60 % 60))],
        ),
    );
    line(
        ui,
        s.fill(lang, "admin_errors", &[("n", &content.left_out.len())]),
    );
    if let Some(log) = log {
        let h = log.health();
        let state = match (&h.last_error, h.failing) {
            (Some(e), true) => format!("FAILING ({e})"),
            _ if h.dropped > 0 => format!("OK, {} lost earlier", h.dropped),
            _ => "OK".to_owned(),
        };
        let free = free_bytes(log.folder()).map_or("?".to_owned(), human_bytes);
        line(
            ui,
            s.fill(lang, "admin_log", &[("state", &state), ("free", &free)]),
        );
    }
    ui.add_space(16.0);
    let mut todo = Do::Nothing;
    ui.horizontal(|ui| {
        let volume = content.config.volume;
        let v = (volume * 100.0).round() as i32;
        ui.label(egui::RichText::new(s.fill(lang, "admin_volume", &[("v", &v)])).size(a.body()));
        if widgets::button(ui, ring, widgets::symbols::MINUS, Look::Normal, 100.0) {
            todo = Do::Volume((volume - 0.1).max(0.0));
        }
        if widgets::button(ui, ring, "+", Look::Normal, 100.0) {
            todo = Do::Volume((volume + 0.1).min(1.0));
        }
    });
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s.get(lang, "admin_language")).size(a.body()));
        for l in &content.config.languages {
            let look = if l == content.default_language() {
                Look::Chosen
            } else {
                Look::Normal
            };
            if widgets::button(ui, ring, s.language_name(l), look, 160.0) {
                todo = Do::DefaultLanguage(l.clone());
            }
        }
    });
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        if widgets::button(ui, ring, s.get(lang, "admin_reload"), Look::Normal, 300.0) {
            todo = Do::Reload;
        }
        if widgets::button(ui, ring, s.get(lang, "admin_exit"), Look::Normal, 300.0) {
            todo = Do::Exit;
        }
        if widgets::button_keyed(
            ui,
            ring,
            s.get(lang, "admin_close"),
            Look::Primary,
            240.0,
            Some("admin-close"),
        ) {
            admin.phase = Phase::Closed;
        }
    });
    todo
}
