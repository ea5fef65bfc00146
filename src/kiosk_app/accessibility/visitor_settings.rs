//! The visitor's own settings ([`VisitorSettings`]: larger text, high contrast, less
//! motion, reading aloud, one-button use, volume) reachable from every visitor screen with
//! one touch (the "Display and sound" button) or one button (gamepad Y, F1), and put back
//! to the kiosk's defaults when the visit ends.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::{Overlay, Popup};
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::settings::VisitorSettings;
use crate::kiosk_app::core::visit::Visit;
use crate::kiosk_app::input::actions::Action;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::ui::theme::{self, Appearance};
use crate::kiosk_app::ui::widgets::{self, Look};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Attract), back_to_defaults)
        .add_systems(
            Update,
            forget_on_attract_when_left.run_if(in_state(Screen::Attract)),
        )
        .add_systems(
            Update,
            open_and_close.before(crate::kiosk_app::unattended::idle::watch),
        )
        .add_systems(
            EguiPrimaryContextPass,
            follow_settings
                .in_set(UiPass::Begin)
                .after(theme::set_up_once),
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw_panel
                .in_set(UiPass::Overlay)
                .before(crate::kiosk_app::unattended::idle::draw)
                // "Still there?" covers it (and keeps the focus to itself).
                .run_if(|o: Res<Overlay>| o.is_up(Popup::Settings) && !o.is_up(Popup::StillThere)),
        );
}

/// A visit ended: the next visitor starts from the kiosk's defaults.
fn back_to_defaults(
    content: Res<Content>,
    mut settings: ResMut<VisitorSettings>,
    mut overlay: ResMut<Overlay>,
) {
    settings.set_if_neq(VisitorSettings::from_config(&content.config));
    overlay.set(Popup::Settings, false);
}

/// Settings made on the attract loop by someone who then walked away are not left for
/// the next visitor: after the idle warning time without input they go back too.
fn forget_on_attract_when_left(
    now: Res<crate::kiosk_app::core::clock::Now>,
    last: Res<crate::kiosk_app::input::actions::LastInput>,
    content: Res<Content>,
    mut settings: ResMut<VisitorSettings>,
    mut overlay: ResMut<Overlay>,
) {
    if now.0 - last.at < content.config.idle_warning as f64 {
        return;
    }
    settings.set_if_neq(VisitorSettings::from_config(&content.config));
    if overlay.is_up(Popup::Settings) {
        overlay.set(Popup::Settings, false);
    }
}

/// Gamepad Y / F1 open the panel from any visitor screen; Back closes it.
pub(crate) fn open_and_close(
    mut actions: MessageReader<Action>,
    mut overlay: ResMut<Overlay>,
    screen: Res<State<Screen>>,
) {
    for action in actions.read() {
        match action {
            Action::Settings if *screen.get() != Screen::Closed => {
                let open = overlay.is_up(Popup::Settings);
                overlay.set(Popup::Settings, !open);
            }
            Action::Back if overlay.is_up(Popup::Settings) => overlay.set(Popup::Settings, false),
            _ => {}
        }
    }
}

/// Puts the look the settings ask for in force before anything draws. Forgetting a
/// visitor clears egui's memory, where the look is kept, so it is put back then too.
pub(crate) fn follow_settings(
    mut contexts: EguiContexts,
    settings: Res<VisitorSettings>,
    mut last: Local<Option<Appearance>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let wanted = Appearance::new(settings.high_contrast, settings.larger_text);
    if *last != Some(wanted) || Appearance::stored(ctx).is_none() {
        theme::apply(ctx, wanted);
        *last = Some(wanted);
    }
    Ok(())
}

/// The button that opens the panel, for the top bar of each screen.
pub fn settings_button(
    ui: &mut egui::Ui,
    ring: &mut FocusRing,
    words: &exhibit_format::ui_strings::UiStrings,
    lang: &str,
    overlay: &mut Overlay,
) {
    if widgets::button_keyed(
        ui,
        ring,
        words.get(lang, "settings"),
        Look::Normal,
        exhibit_format::layout::bar::SETTINGS_MIN_W,
        Some(OPEN_KEY),
    ) {
        overlay.set(Popup::Settings, true);
    }
}

/// Focus key of the settings button.
pub const OPEN_KEY: &str = "settings-open";
/// Focus key of the panel's first row.
const FIRST_ROW: &str = "settings-first";

fn draw_panel(
    mut contexts: EguiContexts,
    content: Res<Content>,
    visit: Option<Res<Visit>>,
    mut settings: ResMut<VisitorSettings>,
    mut overlay: ResMut<Overlay>,
    mut ring: ResMut<FocusRing>,
    mut opened: Local<bool>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let lang = visit.map_or_else(|| content.default_language().to_owned(), |v| v.lang.clone());
    let words = &content.ui;
    let w = |k: &'static str| words.get(&lang, k);
    if !*opened {
        ring.want(FIRST_ROW);
    }
    let screen = ctx.content_rect();
    let mut new = settings.clone();
    let mut close = false;
    let size = egui::vec2(
        (screen.width() - 80.0).min(1100.0),
        (screen.height() - 60.0).min(980.0),
    );
    let (_, beside) = widgets::dialog(
        &ctx,
        &mut ring,
        "settings-panel",
        Some(size),
        egui::Align::Min,
        |ui, ring| {
            ui.label(
                egui::RichText::new(w("settings_title"))
                    .size(a.heading())
                    .strong(),
            );
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .max_height(ui.available_height() - crate::kiosk_app::ui::theme::MIN_TARGET - 40.0)
                .show(ui, |ui| {
                    let on = w("on");
                    let off = w("off");
                    let rows: [(&str, &mut bool, Option<&str>); 5] = [
                        (w("larger_text"), &mut new.larger_text, None),
                        (w("high_contrast"), &mut new.high_contrast, None),
                        (w("reduced_motion"), &mut new.reduced_motion, None),
                        (w("voicing"), &mut new.voicing, None),
                        (
                            w("one_switch"),
                            &mut new.one_switch,
                            Some(w("one_switch_hint")),
                        ),
                    ];
                    // Two to a row: the whole panel fits without scrolling, even
                    // with larger text.
                    let gap = ui.spacing().item_spacing.x;
                    let half = (ui.available_width() - gap) / 2.0;
                    let mut hints = Vec::new();
                    let mut rows = rows.into_iter().enumerate().peekable();
                    while rows.peek().is_some() {
                        ui.horizontal(|ui| {
                            for (i, (label, value, hint)) in rows.by_ref().take(2) {
                                let state = if *value { on } else { off };
                                let text = format!("{label}: {state}");
                                let look = if *value { Look::Chosen } else { Look::Normal };
                                if widgets::button_keyed(
                                    ui,
                                    ring,
                                    &text,
                                    look,
                                    half,
                                    (i == 0).then_some(FIRST_ROW),
                                ) {
                                    *value = !*value;
                                }
                                hints.extend(hint);
                            }
                        });
                    }
                    for hint in hints {
                        ui.label(
                            egui::RichText::new(hint)
                                .size(a.small())
                                .color(a.c.text_muted),
                        );
                    }
                    let percent = (new.volume * 100.0).round() as i32;
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{}: {percent}%", w("volume")))
                                .size(a.body()),
                        );
                        if widgets::button(ui, ring, w("quieter"), Look::Normal, 260.0) {
                            new.volume = step_volume(new.volume, -1);
                        }
                        if widgets::button(ui, ring, w("louder"), Look::Normal, 260.0) {
                            new.volume = step_volume(new.volume, 1);
                        }
                    });
                });
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                if widgets::button(ui, ring, w("done"), Look::Primary, 320.0) {
                    close = true;
                }
            });
        },
    );
    // A touch beside the card closes it (and presses nothing under it).
    close |= beside;
    *opened = !close;
    if close {
        // The focus goes back where it was before the panel (the focus ring keeps it).
        overlay.set(Popup::Settings, false);
    }
    settings.set_if_neq(new);
    Ok(())
}

/// Volume in steps of a tenth, kept within 0 and 1.
fn step_volume(volume: f32, steps: i32) -> f32 {
    ((volume * 10.0).round() + steps as f32).clamp(0.0, 10.0) / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_moves_in_tenths_and_stays_in_range() {
        assert_eq!(step_volume(0.8, 1), 0.9);
        assert_eq!(step_volume(0.8, -1), 0.7);
        assert_eq!(step_volume(1.0, 1), 1.0);
        assert_eq!(step_volume(0.0, -1), 0.0);
        assert_eq!(
            step_volume(0.75, 1),
            0.9,
            "an odd default snaps to the tenths"
        );
    }
}
