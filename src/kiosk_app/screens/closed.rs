//! The closed screen: outside opening hours, dim text on black in every kiosk language
//! saying when the kiosk opens. It takes no visitors and is redrawn only when needed.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, UiPass};
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets;
use crate::kiosk_app::unattended::opening_hours::Opening;
use exhibit_format::schedule::Decision;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(UiPass::Screen).run_if(in_state(Screen::Closed)),
    );
}

/// Text dim enough not to light a dark hall, bright enough to read up close (5:1 on the
/// background).
const DIM: egui::Color32 = egui::Color32::from_rgb(0x8a, 0x90, 0x9a);

fn draw(mut contexts: EguiContexts, content: Res<Content>, opening: Res<Opening>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let a = Appearance::of(ctx);
    let opens = match (&opening.decision, &opening.schedule) {
        (Decision::Closed { opens_at: Some(at) }, Some(s)) => {
            Some(s.local(*at).strftime("%Y-%m-%d %H:%M").to_string())
        }
        _ => None,
    };
    let mut root = widgets::screen_ui(ctx, "closed");
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.fill(egui::Color32::BLACK))
        .show(&mut root, |ui| {
            let rect = ui.max_rect();
            let painter = ui.painter();
            let mut y = rect.center().y - 60.0 * content.config.languages.len() as f32;
            for lang in &content.config.languages {
                let strings = &content.ui;
                painter.text(
                    egui::pos2(rect.center().x, y),
                    egui::Align2::CENTER_TOP,
                    strings.get(lang, "closed_now"),
                    egui::FontId::proportional(a.heading()),
                    DIM,
                );
                y += a.heading() * 1.4;
                if let Some(t) = &opens {
                    painter.text(
                        egui::pos2(rect.center().x, y),
                        egui::Align2::CENTER_TOP,
                        strings.get(lang, "opens_at").replace("{t}", t),
                        egui::FontId::proportional(a.body()),
                        DIM,
                    );
                    y += a.body() * 1.4;
                }
                y += 30.0;
            }
        });
    Ok(())
}
