//! The kiosk's look, made for standing visitors: large text, large targets, strong
//! contrast, CJK glyphs, and a layout that scales with the screen.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, super::spawn_camera).add_systems(
        EguiPrimaryContextPass,
        (set_up_once, fit_to_window)
            .chain()
            .in_set(super::screens::UiPass::Begin),
    );
}

/// The layout is designed at this height; other screens scale it.
pub const DESIGN_HEIGHT: f32 = 1080.0;
/// The layout is designed at this width.
pub const DESIGN_WIDTH: f32 = 1920.0;

/// Smallest touch target, in design pixels (WCAG asks 44; standing visitors need more).
pub const MIN_TARGET: f32 = 88.0;

/// Text sizes, in design pixels.
pub mod size {
    /// Body text (at least 28 px at 1080p).
    pub const BODY: f32 = 32.0;
    /// Buttons.
    pub const BUTTON: f32 = 32.0;
    /// Secondary text (still readable from a step away).
    pub const SMALL: f32 = 28.0;
    /// Screen headings.
    pub const HEADING: f32 = 46.0;
    /// Attract-loop headline.
    pub const TITLE: f32 = 72.0;
}

/// Colours. Text on its background is at least 7:1 (WCAG AAA) unless noted.
pub mod colour {
    use bevy_egui::egui::Color32;
    /// Screen background (deep blue).
    pub const BACKGROUND: Color32 = Color32::from_rgb(0x0d, 0x16, 0x24);
    /// Cards, buttons.
    pub const SURFACE: Color32 = Color32::from_rgb(0x1f, 0x2d, 0x42);
    /// Surface of a pressed / chosen control.
    pub const SURFACE_RAISED: Color32 = Color32::from_rgb(0x2e, 0x42, 0x60);
    /// Main text: 15:1 on the background, 11:1 on surfaces.
    pub const TEXT: Color32 = Color32::from_rgb(0xf4, 0xf6, 0xfa);
    /// Secondary text: 10:1 on the background.
    pub const TEXT_MUTED: Color32 = Color32::from_rgb(0xc3, 0xcd, 0xdb);
    /// Primary buttons (amber) carry dark text: 11:1.
    pub const ACCENT: Color32 = Color32::from_rgb(0xff, 0xc4, 0x3d);
    /// Text on the accent.
    pub const ON_ACCENT: Color32 = Color32::from_rgb(0x12, 0x14, 0x18);
    /// Right answers: white on this green is 7.5:1.
    pub const RIGHT: Color32 = Color32::from_rgb(0x0b, 0x5d, 0x33);
    /// Wrong answers: white on this red is 8.2:1.
    pub const WRONG: Color32 = Color32::from_rgb(0x8c, 0x1b, 0x1b);
    /// Partly right: white on this is 7.2:1.
    pub const PARTLY: Color32 = Color32::from_rgb(0x6b, 0x4a, 0x00);
    /// The gamepad / keyboard focus ring: yellow with a dark inner line, seen on any colour.
    pub const FOCUS: Color32 = Color32::from_rgb(0xff, 0xe6, 0x00);
}

/// The CJK font, compiled in so that a kiosk never shows boxes for missing glyphs.
const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

fn set_up_once(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    install(ctx);
    *done = true;
    Ok(())
}

/// Installs fonts and style on an egui context (also used by offline renders and tests).
pub fn install(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "droid-sans-fallback",
        egui::FontData::from_static(CJK_FONT),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
    ctx.set_theme(egui::Theme::Dark);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Heading, FontId::new(size::HEADING, Proportional)),
            (TextStyle::Body, FontId::new(size::BODY, Proportional)),
            (TextStyle::Button, FontId::new(size::BUTTON, Proportional)),
            (TextStyle::Small, FontId::new(size::SMALL, Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(size::SMALL, egui::FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(20.0, 18.0);
        style.spacing.button_padding = egui::vec2(28.0, 16.0);
        style.spacing.interact_size.y = MIN_TARGET;
        style.spacing.scroll.bar_width = 18.0;
        style.spacing.scroll.floating = false;
        // Visitors tap text; they must not start selecting it.
        style.interaction.selectable_labels = false;
        style.interaction.multi_widget_text_select = false;
        let v = &mut style.visuals;
        v.panel_fill = colour::BACKGROUND;
        v.window_fill = colour::SURFACE;
        v.override_text_color = Some(colour::TEXT);
        v.widgets.inactive.weak_bg_fill = colour::SURFACE;
        v.widgets.inactive.bg_fill = colour::SURFACE;
        v.widgets.hovered.weak_bg_fill = colour::SURFACE_RAISED;
        v.widgets.active.weak_bg_fill = colour::SURFACE_RAISED;
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ] {
            w.corner_radius = egui::CornerRadius::same(14);
            w.fg_stroke.color = colour::TEXT;
        }
        // Touch screens show no hover; avoid a "stuck" hover look after a tap.
        v.widgets.hovered.bg_stroke = egui::Stroke::NONE;
        v.selection.bg_fill = colour::SURFACE_RAISED;
    });
}

/// Scales the whole layout with the window so 1080p design sizes hold on any screen.
fn fit_to_window(
    mut contexts: EguiContexts,
    window: Query<&Window, With<PrimaryWindow>>,
    mut last: Local<f32>,
) -> Result {
    let Ok(window) = window.single() else {
        return Ok(());
    };
    // The 1920×1080 design fits whole: by height on wide screens, by width on tall ones.
    let zoom = (window.height() / DESIGN_HEIGHT)
        .min(window.width() / DESIGN_WIDTH)
        .clamp(0.4, 4.0);
    if (zoom - *last).abs() > f32::EPSILON {
        contexts.ctx_mut()?.set_zoom_factor(zoom);
        *last = zoom;
    }
    Ok(())
}
