//! The kiosk's look, made for standing visitors: large text, large targets, strong
//! contrast, CJK glyphs, and a layout that scales with the screen.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::egui::Color32;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera).add_systems(
        EguiPrimaryContextPass,
        (set_up_once, add_content_fonts, fit_to_window)
            .chain()
            .in_set(crate::kiosk_app::core::screen::UiPass::Begin),
    );
}

pub use exhibit_format::layout::{
    BUTTON_PADDING, DESIGN_HEIGHT, DESIGN_WIDTH, ITEM_SPACING, LARGER_TEXT, MIN_TARGET, Palette,
    size, top_bar_height,
};

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

pub(crate) fn set_up_once(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
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
    ctx.set_fonts(exhibit_format::text_fit::font_definitions());
    ctx.set_theme(egui::Theme::Dark);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(ITEM_SPACING.0, ITEM_SPACING.1);
        style.spacing.button_padding = egui::vec2(BUTTON_PADDING.0, BUTTON_PADDING.1);
        style.spacing.interact_size.y = MIN_TARGET;
        style.spacing.scroll.bar_width = exhibit_format::layout::SCROLL_BAR_WIDTH;
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
    content: Res<crate::kiosk_app::core::content::Content>,
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

/// Sets up the one camera egui draws through.
fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Kiosk camera"), Camera2d));
}
