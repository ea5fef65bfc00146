//! The kiosk's look, made for standing visitors: large text, large targets, strong
//! contrast, CJK glyphs, and a layout that scales with the screen.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::egui::Color32;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, super::spawn_camera).add_systems(
        EguiPrimaryContextPass,
        (set_up_once, add_content_fonts, fit_to_window)
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

/// How much larger text gets in the visitors' "larger text" setting.
pub const LARGER_TEXT: f32 = 1.5;

/// Space between widgets: (across a row, down a column), in design pixels.
pub const ITEM_SPACING: (f32, f32) = (20.0, 18.0);
/// Padding around a button's label: (each side, above and below).
pub const BUTTON_PADDING: (f32, f32) = (28.0, 16.0);

/// Height of the top bar with text scaled by `text_scale`: two title lines (about 1.15 of
/// their size each) with the bar's margins and spacing around them, never under 130.
/// (The validator measures the scene area under it with this too.)
pub const fn top_bar_height(text_scale: f32) -> f32 {
    ((size::HEADING * 0.8 + size::SMALL) * text_scale * 1.15 + 58.0).max(130.0)
}

/// The colours of one theme. Text on its background is at least 7:1 (WCAG AAA) in both
/// themes (checked by a test); the high-contrast theme also outlines every control, so
/// that no edge depends on a shade.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Screen background.
    pub background: Color32,
    /// Cards, bars, buttons.
    pub surface: Color32,
    /// Surface of a pressed / chosen control.
    pub surface_raised: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text.
    pub text_muted: Color32,
    /// Primary buttons and marks of "on".
    pub accent: Color32,
    /// Text on the accent.
    pub on_accent: Color32,
    /// Right answers (under main text).
    pub right: Color32,
    /// Wrong answers (under main text).
    pub wrong: Color32,
    /// Partly right (under main text).
    pub partly: Color32,
    /// The gamepad / keyboard focus ring (with a dark inner line, seen on any colour).
    pub focus: Color32,
    /// Edge drawn around controls and cards; transparent where fills tell them apart.
    pub outline: Color32,
}

impl Palette {
    /// The kiosk's usual look: deep blue, amber for the main action.
    pub const STANDARD: Palette = Palette {
        background: Color32::from_rgb(0x0d, 0x16, 0x24),
        surface: Color32::from_rgb(0x1f, 0x2d, 0x42),
        surface_raised: Color32::from_rgb(0x2e, 0x42, 0x60),
        // 15:1 on the background, 11:1 on surfaces.
        text: Color32::from_rgb(0xf4, 0xf6, 0xfa),
        // 10:1 on the background.
        text_muted: Color32::from_rgb(0xc3, 0xcd, 0xdb),
        // Amber with dark text: 11:1.
        accent: Color32::from_rgb(0xff, 0xc4, 0x3d),
        on_accent: Color32::from_rgb(0x12, 0x14, 0x18),
        right: Color32::from_rgb(0x0b, 0x5d, 0x33),
        wrong: Color32::from_rgb(0x8c, 0x1b, 0x1b),
        partly: Color32::from_rgb(0x6b, 0x4a, 0x00),
        focus: Color32::from_rgb(0xff, 0xe6, 0x00),
        outline: Color32::TRANSPARENT,
    };

    /// High contrast: white on black, yellow for the main action, white outlines.
    pub const HIGH_CONTRAST: Palette = Palette {
        background: Color32::BLACK,
        surface: Color32::from_rgb(0x0a, 0x0a, 0x0a),
        surface_raised: Color32::from_rgb(0x26, 0x26, 0x26),
        text: Color32::WHITE,
        text_muted: Color32::from_rgb(0xf0, 0xf0, 0xf0),
        accent: Color32::from_rgb(0xff, 0xff, 0x00),
        on_accent: Color32::BLACK,
        right: Color32::from_rgb(0x00, 0x3d, 0x16),
        wrong: Color32::from_rgb(0x52, 0x00, 0x00),
        partly: Color32::from_rgb(0x3d, 0x2c, 0x00),
        focus: Color32::from_rgb(0x00, 0xe5, 0xff),
        outline: Color32::WHITE,
    };
}

/// What the visitor's settings make of the look: which colours, how large the text.
/// Every drawing function reads it with [`Appearance::of`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Appearance {
    /// The colours.
    pub c: Palette,
    /// Text sizes are multiplied by this (1, or [`LARGER_TEXT`]).
    pub text_scale: f32,
}

impl Default for Appearance {
    fn default() -> Self {
        Appearance::new(false, false)
    }
}

impl Appearance {
    /// The look for these settings.
    pub fn new(high_contrast: bool, larger_text: bool) -> Self {
        Appearance {
            c: if high_contrast {
                Palette::HIGH_CONTRAST
            } else {
                Palette::STANDARD
            },
            text_scale: if larger_text { LARGER_TEXT } else { 1.0 },
        }
    }

    fn key() -> egui::Id {
        egui::Id::new("kiosk-appearance")
    }

    /// The look in force on this context (the standard one until [`apply`] ran).
    pub fn of(ctx: &egui::Context) -> Self {
        Self::stored(ctx).unwrap_or_default()
    }

    /// The look [`apply`] put on this context, if any is still there.
    pub fn stored(ctx: &egui::Context) -> Option<Self> {
        ctx.data(|d| d.get_temp(Self::key()))
    }

    /// Whether text is drawn larger than designed.
    pub fn larger_text(&self) -> bool {
        self.text_scale > 1.0
    }

    /// A text size: `base` (one of [`size`]) scaled by the setting.
    pub fn text(&self, base: f32) -> f32 {
        base * self.text_scale
    }
    /// Body text size.
    pub fn body(&self) -> f32 {
        self.text(size::BODY)
    }
    /// Button text size.
    pub fn button(&self) -> f32 {
        self.text(size::BUTTON)
    }
    /// Secondary text size.
    pub fn small(&self) -> f32 {
        self.text(size::SMALL)
    }
    /// Heading size.
    pub fn heading(&self) -> f32 {
        self.text(size::HEADING)
    }
    /// Attract-loop headline size.
    pub fn title(&self) -> f32 {
        self.text(size::TITLE)
    }

    /// Height of the top bar ([`top_bar_height`]).
    pub fn top_bar(&self) -> f32 {
        top_bar_height(self.text_scale)
    }

    /// The edge of controls and cards (none in the standard theme).
    pub fn outline(&self, width: f32) -> egui::Stroke {
        if self.c.outline == Color32::TRANSPARENT {
            egui::Stroke::NONE
        } else {
            egui::Stroke::new(width, self.c.outline)
        }
    }
}

pub(super) fn set_up_once(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
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
    // The fonts the validator measures text with (`text_fit`): egui's, then the script
    // fonts, then the CJK font.
    ctx.set_fonts(crate::text_fit::font_definitions());
    ctx.set_theme(egui::Theme::Dark);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(ITEM_SPACING.0, ITEM_SPACING.1);
        style.spacing.button_padding = egui::vec2(BUTTON_PADDING.0, BUTTON_PADDING.1);
        style.spacing.interact_size.y = MIN_TARGET;
        style.spacing.scroll.bar_width = 18.0;
        style.spacing.scroll.floating = false;
        // Visitors tap text; they must not start selecting it.
        style.interaction.selectable_labels = false;
        style.interaction.multi_widget_text_select = false;
    });
    apply(ctx, Appearance::default());
}

/// Puts a look in force: egui's text sizes and colours follow it, and drawing code reads
/// it with [`Appearance::of`].
pub fn apply(ctx: &egui::Context, look: Appearance) {
    ctx.data_mut(|d| d.insert_temp(Appearance::key(), look));
    let c = look.c;
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(look.heading(), Proportional),
            ),
            (TextStyle::Body, FontId::new(look.body(), Proportional)),
            (TextStyle::Button, FontId::new(look.button(), Proportional)),
            (TextStyle::Small, FontId::new(look.small(), Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(look.small(), egui::FontFamily::Monospace),
            ),
        ]
        .into();
        let v = &mut style.visuals;
        v.panel_fill = c.background;
        v.window_fill = c.surface;
        v.override_text_color = Some(c.text);
        v.widgets.inactive.weak_bg_fill = c.surface;
        v.widgets.inactive.bg_fill = c.surface;
        v.widgets.hovered.weak_bg_fill = c.surface_raised;
        v.widgets.active.weak_bg_fill = c.surface_raised;
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ] {
            w.corner_radius = egui::CornerRadius::same(14);
            w.fg_stroke.color = c.text;
        }
        // Touch screens show no hover; avoid a "stuck" hover look after a tap.
        v.widgets.hovered.bg_stroke = egui::Stroke::NONE;
        v.selection.bg_fill = c.surface_raised;
        v.extreme_bg_color = c.background;
    });
}

/// Fonts a kiosk config or an exhibit brings (for a language's script) join the fallback
/// fonts, after the kiosk's own; a content update may bring more.
fn add_content_fonts(
    mut contexts: EguiContexts,
    content: Res<super::content::Content>,
    mut added: Local<std::collections::HashSet<String>>,
) -> Result {
    if !content.is_changed() && !added.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    for (name, bytes) in &content.fonts {
        if !added.insert(name.clone()) {
            continue;
        }
        info!("font {name} added");
        ctx.add_font(egui::epaint::text::FontInsert::new(
            name,
            egui::FontData::from_owned(bytes.to_vec()),
            [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
                .into_iter()
                .map(|family| egui::epaint::text::InsertFontFamily {
                    family,
                    priority: egui::epaint::text::FontPriority::Lowest,
                })
                .collect(),
        ));
    }
    Ok(())
}

/// Scales the whole layout so 1080p design sizes hold on any screen.
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
