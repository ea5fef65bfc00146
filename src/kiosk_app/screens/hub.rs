//! The exhibit list: a grid of cards (picture, title, summary) in the visitor's language.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, UiPass};
use crate::kiosk_app::content::Content;
use crate::kiosk_app::focus::FocusRing;
use crate::kiosk_app::images::{ImageCache, paint_cover};
use crate::kiosk_app::opening_hours::Opening;
use crate::kiosk_app::theme::{colour, size};
use crate::kiosk_app::visit::Visit;
use crate::kiosk_app::widgets;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Hub), focus_last_exhibit);
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(UiPass::Screen)
            .run_if(in_state(Screen::Hub).and_then(resource_exists::<Visit>)),
    );
}

const COLUMNS: usize = 3;

/// Focus key of the card of exhibit `index`.
fn card_key(index: usize) -> String {
    format!("hub-card-{index}")
}

/// On the list, the gamepad focus starts on the exhibit the visitor just left (or the first).
fn focus_last_exhibit(
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    opening: Option<Res<Opening>>,
    mut ring: ResMut<FocusRing>,
) {
    let first = order(&content, opening.as_deref()).first().copied();
    let index = visit.and_then(|v| v.exhibit).or(first).unwrap_or(0);
    ring.want(card_key(index));
}

/// The order of the cards: a themed day's exhibits first (in its order), then the rest
/// in the playlist's order. Indices into [`Content::exhibits`].
pub fn order(content: &Content, opening: Option<&Opening>) -> Vec<usize> {
    let first = opening.map_or(&[][..], Opening::playlist_first);
    let mut order: Vec<usize> = first
        .iter()
        .filter_map(|id| content.exhibits.iter().position(|e| &e.exhibit.id == id))
        .collect();
    order.dedup();
    for i in 0..content.exhibits.len() {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    order
}

fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    mut visit: ResMut<Visit>,
    mut ring: ResMut<FocusRing>,
    mut images: ResMut<ImageCache>,
    mut next: ResMut<NextState<Screen>>,
    opening: Option<Res<Opening>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let order = order(&content, opening.as_deref());
    let lang = visit.lang.clone();
    let fallback = content.default_language().to_owned();
    let strings = &content.ui;
    let mut open = None;
    let mut root = widgets::screen_ui(&ctx, "hub");
    egui::Panel::top("hub-top")
        .exact_size(130.0)
        .frame(bar_frame())
        .show(&mut root, |ui| {
            ui.horizontal_centered(|ui| {
                ui.label(
                    egui::RichText::new(strings.get(&lang, "choose_exhibit"))
                        .size(size::HEADING)
                        .strong(),
                );
                if let Some(l) = widgets::language_switch(
                    ui,
                    &mut ring,
                    strings,
                    &content.config.languages,
                    &lang,
                ) {
                    visit.lang = l;
                }
            });
        });
    egui::CentralPanel::default()
        .frame(
            egui::Frame::NONE
                .fill(colour::BACKGROUND)
                .inner_margin(48.0),
        )
        .show(&mut root, |ui| {
            if content.exhibits.is_empty() {
                ui.centered_and_justified(|ui| {
                    ui.label(
                        egui::RichText::new(strings.get(&lang, "no_exhibits")).size(size::HEADING),
                    )
                });
                return;
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let gap = 36.0;
                    let w = (ui.available_width() - gap * (COLUMNS as f32 - 1.0)) / COLUMNS as f32;
                    let h = w * 0.82;
                    for row in order.chunks(COLUMNS) {
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = gap;
                            for &index in row {
                                let shown = &content.exhibits[index];
                                let ex = &shown.exhibit;
                                let (rect, response) =
                                    ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::click());
                                let p = ui.painter();
                                p.rect_filled(rect, 18.0, colour::SURFACE);
                                let pic =
                                    egui::Rect::from_min_size(rect.min, egui::vec2(w, h * 0.56));
                                match ex
                                    .thumbnail
                                    .as_deref()
                                    .and_then(|t| images.get(&ctx, &shown.dir, t))
                                {
                                    Some(tex) => paint_cover(p, &tex, pic, 18.0),
                                    None => {
                                        p.rect_filled(pic, 18.0, colour::SURFACE_RAISED);
                                    }
                                }
                                let text_rect = egui::Rect::from_min_max(
                                    pic.left_bottom() + egui::vec2(24.0, 18.0),
                                    rect.right_bottom() - egui::vec2(24.0, 14.0),
                                );
                                let title = p.layout(
                                    ex.title.get(&lang, &fallback).to_owned(),
                                    egui::FontId::proportional(size::HEADING * 0.85),
                                    colour::TEXT,
                                    text_rect.width(),
                                );
                                let title_h = title.size().y;
                                p.galley(text_rect.min, title, colour::TEXT);
                                let mut job = egui::text::LayoutJob::simple(
                                    ex.summary.get(&lang, &fallback).to_owned(),
                                    egui::FontId::proportional(size::SMALL),
                                    colour::TEXT_MUTED,
                                    text_rect.width(),
                                );
                                job.wrap.max_rows =
                                    (((text_rect.height() - title_h - 10.0) / (size::SMALL * 1.3))
                                        .floor() as usize)
                                        .max(1);
                                let summary = ui.fonts_mut(|f| f.layout_job(job));
                                p.galley(
                                    text_rect.min + egui::vec2(0.0, title_h + 10.0),
                                    summary,
                                    colour::TEXT_MUTED,
                                );
                                if widgets::focusable_keyed(
                                    ui,
                                    &mut ring,
                                    &response,
                                    ex.title.get(&lang, &fallback),
                                    Some(&card_key(index)),
                                ) || response.clicked()
                                {
                                    open = Some(index);
                                }
                            }
                        });
                        ui.add_space(gap);
                    }
                });
        });
    if let Some(index) = open {
        visit.open_exhibit(&content, index);
        next.set(Screen::Exhibit);
    }
    Ok(())
}

/// The frame of top and bottom bars.
pub(super) fn bar_frame() -> egui::Frame {
    egui::Frame::NONE
        .fill(colour::SURFACE)
        .inner_margin(egui::Margin::symmetric(40, 16))
}
