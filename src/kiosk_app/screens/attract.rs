//! The attract loop: an animated, multilingual "touch or press to start" that waits for
//! the next visitor.

use std::f32::consts::TAU;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, UiPass};
use crate::kiosk_app::accessibility::visitor_settings::settings_button;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::{Overlay, Popup};
use crate::kiosk_app::core::settings::VisitorSettings;
use crate::kiosk_app::core::visit::{Visit, VisitCounter};
use crate::kiosk_app::input::actions::LastInput;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::ui::theme::{Appearance, MIN_TARGET};
use crate::kiosk_app::ui::widgets;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(UiPass::Screen)
            .run_if(in_state(Screen::Attract)),
    )
    .add_systems(
        Update,
        start_on_key_or_button.run_if(in_state(Screen::Attract)),
    );
}

/// Starts a visit in `lang` and opens the exhibit list.
fn start_visit(
    commands: &mut Commands,
    counter: &mut VisitCounter,
    lang: &str,
    next: &mut NextState<Screen>,
) {
    counter.0 += 1;
    // Shuffles differ from visit to visit and from kiosk start to kiosk start.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut visit = Visit::new(lang, nanos ^ counter.0.rotate_left(32));
    visit.serial = counter.0;
    commands.insert_resource(visit);
    next.set(Screen::Hub);
}

/// Any key or gamepad button starts a visit (touches and clicks arrive through `draw`, so
/// that a touch on a language button starts the visit in that language).
fn start_on_key_or_button(
    mut commands: Commands,
    last: Res<LastInput>,
    content: Res<Content>,
    mut counter: ResMut<VisitCounter>,
    mut next: ResMut<NextState<Screen>>,
    overlay: Res<Overlay>,
) {
    // Keys and buttons work the admin overlay while it is up (and Select + Start held
    // for it must not start a visit underneath).
    if overlay.is_up(Popup::Admin) || last.select_held {
        return;
    }
    if last.this_frame && last.device.is_some_and(|d| d.uses_focus()) {
        start_visit(
            &mut commands,
            &mut counter,
            content.default_language(),
            &mut next,
        );
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut commands: Commands,
    content: Res<Content>,
    mut ring: ResMut<FocusRing>,
    mut counter: ResMut<VisitCounter>,
    mut next: ResMut<NextState<Screen>>,
    settings: (Res<VisitorSettings>, ResMut<Overlay>),
) -> Result {
    let (settings, mut overlay) = settings;
    let ctx = contexts.ctx_mut()?;
    let a = Appearance::of(ctx);
    // Less motion: the solar system and the pulsing invitation hold still.
    let t = if settings.reduced_motion {
        0.0
    } else {
        ctx.input(|i| i.time) as f32
    };
    let mut start_in: Option<String> = None;
    let mut root = widgets::screen_ui(ctx, "attract");
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.fill(a.c.background))
        .show(&mut root, |ui| {
            let rect = ui.max_rect();
            // The whole screen is the start button; language buttons sit on top of it.
            let anywhere = ui.interact(
                rect,
                egui::Id::new("attract-anywhere"),
                egui::Sense::click(),
            );
            if anywhere.clicked() {
                start_in = Some(content.default_language().to_owned());
            }
            let painter = ui.painter();
            draw_orbits(
                painter,
                egui::pos2(rect.center().x, rect.top() + rect.height() * 0.40),
                rect.height() * 0.23,
                t,
            );

            let langs = &content.config.languages;
            let strings = &content.ui;
            // Every language at once: a visitor must find their own before touching anything.
            // However many languages (and however tall their script), each block keeps to
            // its band of the screen: the text shrinks to fit rather than overlap.
            let welcome: Vec<(&str, f32)> = langs
                .iter()
                .enumerate()
                .map(|(i, lang)| {
                    let s = if i == 0 { a.title() } else { a.heading() };
                    (strings.get(lang, "welcome"), s)
                })
                .collect();
            stack_lines(
                painter,
                &welcome,
                rect.center().x,
                rect.top() + rect.height() * 0.05,
                rect.top() + rect.height() * 0.45,
                a.c.text,
            );
            let pulse = 0.55 + 0.45 * (t * 1.6).sin().abs();
            let invite: Vec<(&str, f32)> = langs
                .iter()
                .map(|lang| (strings.get(lang, "touch_to_start"), a.heading()))
                .collect();
            stack_lines(
                painter,
                &invite,
                rect.center().x,
                rect.top() + rect.height() * 0.56,
                rect.bottom() - 150.0,
                a.c.accent.gamma_multiply(pulse.max(0.7)),
            );
            // Language buttons: touching one starts in that language.
            let bar = egui::Rect::from_center_size(
                egui::pos2(rect.center().x, rect.bottom() - 90.0),
                egui::vec2(rect.width(), 100.0),
            );
            ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(bar)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| {
                    let total = langs.len() as f32 * 260.0;
                    ui.add_space(((bar.width() - total) / 2.0).max(0.0));
                    for lang in langs {
                        if widgets::button(
                            ui,
                            &mut ring,
                            strings.language_name(lang),
                            widgets::Look::Normal,
                            240.0,
                        ) {
                            start_in = Some(lang.clone());
                        }
                    }
                },
            );
            // Larger text, high contrast … before starting, in the top-right corner.
            let corner = egui::Rect::from_min_max(
                egui::pos2(rect.right() - 700.0, rect.top() + 24.0),
                egui::pos2(rect.right() - 32.0, rect.top() + 24.0 + MIN_TARGET),
            );
            ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(corner)
                    .layout(egui::Layout::right_to_left(egui::Align::Center)),
                |ui| {
                    settings_button(
                        ui,
                        &mut ring,
                        strings,
                        content.default_language(),
                        &mut overlay,
                    )
                },
            );
        });
    if let Some(lang) = start_in {
        start_visit(&mut commands, &mut counter, &lang, &mut next);
    }
    Ok(())
}

/// Draws `lines` (text, size) centred under one another from `top`, all scaled down
/// together if their real height would pass `bottom`.
fn stack_lines(
    painter: &egui::Painter,
    lines: &[(&str, f32)],
    x: f32,
    top: f32,
    bottom: f32,
    colour: egui::Color32,
) {
    let lay = |k: f32| -> Vec<std::sync::Arc<egui::Galley>> {
        lines
            .iter()
            .map(|(text, size)| {
                painter.layout(
                    (*text).to_owned(),
                    egui::FontId::proportional(size * k),
                    colour,
                    painter.clip_rect().width() - 80.0,
                )
            })
            .collect()
    };
    let gap = |g: &egui::Galley| g.size().y * 0.15;
    let height =
        |gs: &[std::sync::Arc<egui::Galley>]| gs.iter().map(|g| g.size().y + gap(g)).sum::<f32>();
    let mut galleys = lay(1.0);
    let room = (bottom - top).max(1.0);
    let needed = height(&galleys);
    if needed > room {
        galleys = lay((room / needed).max(0.5));
    }
    let mut y = top;
    for g in galleys {
        let h = g.size().y;
        let step = h + gap(&g);
        painter.galley(egui::pos2(x - g.size().x / 2.0, y), g, colour);
        y += step;
    }
}

/// A small solar system: planets on ellipses, inner ones faster (Kepler's third law:
/// period ∝ a^1.5), so even the attract loop is right.
fn draw_orbits(p: &egui::Painter, centre: egui::Pos2, scale: f32, t: f32) {
    let a = Appearance::of(p.ctx());
    let glow = 1.0 + 0.06 * (t * 2.0).sin();
    p.circle_filled(
        centre,
        scale * 0.16 * glow,
        egui::Color32::from_rgb(0xff, 0xb7, 0x2b),
    );
    p.circle_filled(
        centre,
        scale * 0.12,
        egui::Color32::from_rgb(0xff, 0xd8, 0x6b),
    );
    let planets = [
        (0.38, egui::Color32::from_rgb(0x9a, 0xd1, 0xff), 0.045),
        (0.62, egui::Color32::from_rgb(0x5c, 0xe1, 0xa8), 0.06),
        (0.95, egui::Color32::from_rgb(0xff, 0x8a, 0x65), 0.05),
        (1.35, egui::Color32::from_rgb(0xd7, 0xb8, 0xff), 0.08),
    ];
    for (i, (orbit, col, r)) in planets.into_iter().enumerate() {
        let (rx, ry) = (scale * orbit * 2.1, scale * orbit * 0.8);
        let ring: Vec<egui::Pos2> = (0..=96)
            .map(|k| {
                let th = k as f32 / 96.0 * TAU;
                centre + egui::vec2(rx * th.cos(), ry * th.sin())
            })
            .collect();
        p.add(egui::Shape::line(
            ring,
            egui::Stroke::new(2.0, a.c.surface_raised),
        ));
        let period = 6.0 * orbit.powf(1.5);
        let th = t / period * TAU + i as f32 * 1.7;
        p.circle_filled(
            centre + egui::vec2(rx * th.cos(), ry * th.sin()),
            scale * r,
            col,
        );
    }
}
