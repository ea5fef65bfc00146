//! The exhibit list: a grid of cards (picture, title, summary) in the visitor's language.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, UiPass};
use crate::kiosk_app::accessibility::visitor_settings::settings_button;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::images::{ImageCache, paint_cover};
use crate::kiosk_app::core::overlay::Overlay;
use crate::kiosk_app::core::visit::Visit;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets;
use crate::kiosk_app::unattended::opening_hours::Opening;
use exhibit_format::layout::{bar, hub};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Hub), focus_last_exhibit);
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(UiPass::Screen)
            .run_if(in_state(Screen::Hub).and_then(resource_exists::<Visit>)),
    );
}

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

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    mut visit: ResMut<Visit>,
    mut ring: ResMut<FocusRing>,
    mut images: ResMut<ImageCache>,
    mut overlay: ResMut<Overlay>,
    mut next: ResMut<NextState<Screen>>,
    opening: Option<Res<Opening>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let order = order(&content, opening.as_deref());
    let lang = visit.lang.clone();
    let fallback = content.default_language().to_owned();
    let strings = &content.ui;
    let mut open = None;
    let mut root = widgets::screen_ui(&ctx, "hub");
    egui::Panel::top("hub-top")
        .exact_size(a.top_bar())
        .frame(bar_frame(&a))
        .show(&mut root, |ui| {
            ui.horizontal_centered(|ui| {
                ui.label(
                    egui::RichText::new(strings.get(&lang, "choose_exhibit"))
                        .size(a.heading())
                        .strong(),
                );
                if let Some(l) = widgets::language_switch(
                    ui,
                    &mut ring,
                    strings,
                    &content.config.languages,
                    &lang,
                    |ui, ring| settings_button(ui, ring, strings, &lang, &mut overlay),
                ) {
                    visit.lang = l;
                }
            });
        });
    egui::CentralPanel::default()
        .frame(
            egui::Frame::NONE
                .fill(a.c.background)
                .inner_margin(hub::MARGIN),
        )
        .show(&mut root, |ui| {
            if content.exhibits.is_empty() {
                ui.centered_and_justified(|ui| {
                    ui.label(
                        egui::RichText::new(strings.get(&lang, "no_exhibits")).size(a.heading()),
                    )
                });
                return;
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let gap = hub::COLUMN_GAP;
                    let columns = hub::columns(a.larger_text());
                    let w = (ui.available_width() - gap * (columns as f32 - 1.0)) / columns as f32;
                    let h = w * hub::TILE_ASPECT;
                    for row in order.chunks(columns) {
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = gap;
                            for &index in row {
                                let shown = &content.exhibits[index];
                                let ex = &shown.exhibit;
                                let (rect, response) =
                                    ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::click());
                                let p = ui.painter();
                                p.rect_filled(rect, hub::TILE_RADIUS, a.c.surface);
                                p.rect_stroke(
                                    rect,
                                    hub::TILE_RADIUS,
                                    a.outline(3.0),
                                    egui::StrokeKind::Inside,
                                );
                                let pic = egui::Rect::from_min_size(
                                    rect.min,
                                    egui::vec2(w, h * hub::PICTURE_SHARE),
                                );
                                match ex
                                    .thumbnail
                                    .as_deref()
                                    .and_then(|t| images.get(&ctx, &shown.dir, t))
                                {
                                    Some(tex) => paint_cover(p, &tex, pic, hub::TILE_RADIUS),
                                    None => {
                                        p.rect_filled(pic, hub::TILE_RADIUS, a.c.surface_raised);
                                    }
                                }
                                let text_rect = egui::Rect::from_min_max(
                                    pic.left_bottom() + egui::vec2(hub::TEXT_INSET, hub::TEXT_TOP),
                                    rect.right_bottom()
                                        - egui::vec2(hub::TEXT_INSET, hub::TEXT_BOTTOM),
                                );
                                let title = p.layout(
                                    exhibit_format::bidi_text::visual(
                                        ex.title.get(&lang, &fallback),
                                    )
                                    .into_owned(),
                                    egui::FontId::proportional(a.heading() * hub::TITLE_SCALE),
                                    a.c.text,
                                    text_rect.width(),
                                );
                                let title_h = title.size().y;
                                p.galley(text_rect.min, title, a.c.text);
                                let mut job = egui::text::LayoutJob::simple(
                                    exhibit_format::bidi_text::visual(
                                        ex.summary.get(&lang, &fallback),
                                    )
                                    .into_owned(),
                                    egui::FontId::proportional(a.small()),
                                    a.c.text_muted,
                                    text_rect.width(),
                                );
                                job.wrap.max_rows =
                                    (((text_rect.height() - title_h - 10.0) / (a.small() * 1.3))
                                        .floor() as usize)
                                        .max(1);
                                let summary = ui.fonts_mut(|f| f.layout_job(job));
                                p.galley(
                                    text_rect.min + egui::vec2(0.0, title_h + 10.0),
                                    summary,
                                    a.c.text_muted,
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
pub(super) fn bar_frame(a: &Appearance) -> egui::Frame {
    egui::Frame::NONE
        .fill(a.c.surface)
        .inner_margin(egui::Margin::symmetric(
            bar::MARGIN.0 as i8,
            bar::MARGIN.1 as i8,
        ))
}
