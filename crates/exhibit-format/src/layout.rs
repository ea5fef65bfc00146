//! The kiosk's layout and colours as numbers, at its 1920 × 1080 design size (one design
//! pixel is one screen pixel there): the one home that the kiosk's screens draw with and
//! the validator measures visitor text and touch targets against. Nothing here draws.

use epaint::Color32;

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

/// Width of a scroll bar (egui's `spacing.scroll.bar_width`).
pub const SCROLL_BAR_WIDTH: f32 = 18.0;

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

/// The exhibit list (`screens/hub.rs`).
pub mod hub {
    /// Margin around the list of tiles.
    pub const MARGIN: f32 = 48.0;
    /// Between two tiles of a row.
    pub const COLUMN_GAP: f32 = 36.0;
    /// The scroll bar and its gap, shown once the tiles do not fit.
    pub const SCROLL_BAR: f32 = super::SCROLL_BAR_WIDTH + 4.0;
    /// A tile's height over its width.
    pub const TILE_ASPECT: f32 = 0.82;
    /// The share of a tile's height the picture takes.
    pub const PICTURE_SHARE: f32 = 0.56;
    /// Corner radius of a tile and its picture.
    pub const TILE_RADIUS: f32 = 18.0;
    /// The text area under the picture: in from each side.
    pub const TEXT_INSET: f32 = 24.0;
    /// The text area: below the picture.
    pub const TEXT_TOP: f32 = 18.0;
    /// The text area: above the tile's bottom.
    pub const TEXT_BOTTOM: f32 = 14.0;
    /// A tile's title, as a share of [`super::size::HEADING`].
    pub const TITLE_SCALE: f32 = 0.85;

    /// Tiles in a row: larger text gets fewer, wider tiles, so titles keep their words whole.
    pub const fn columns(larger_text: bool) -> usize {
        if larger_text { 2 } else { 3 }
    }
}

/// The bars above and below an exhibit (`screens/exhibit.rs`, `screens/hub.rs`).
pub mod bar {
    /// Inner margin of a bar: (each side, above and below).
    pub const MARGIN: (f32, f32) = (40.0, 16.0);
    /// The Home button's least width.
    pub const HOME_MIN_W: f32 = 170.0;
    /// The space after the Home button.
    pub const HOME_SPACE: f32 = 16.0;
    /// The settings button's least width (`visitor_settings::settings_button`).
    pub const SETTINGS_MIN_W: f32 = 200.0;
    /// The space between it and the language buttons (`widgets::language_switch`).
    pub const SETTINGS_SPACE: f32 = 12.0;
    /// Each language button's least width (`widgets::language_switch`).
    pub const LANGUAGE_MIN_W: f32 = 150.0;
    /// Exhibit title in the top bar, as a share of [`super::size::HEADING`]; the scene
    /// title under it is [`super::size::SMALL`].
    pub const TITLE_SCALE: f32 = 0.8;
    /// Height of the bottom bar (Back, Next).
    pub const BOTTOM_H: f32 = 120.0;
}

/// The area a scene is drawn in, between the bars (`screens/exhibit.rs`).
pub mod scene {
    /// Inner margin: (each side, above and below).
    pub const MARGIN: (f32, f32) = (64.0, 28.0);
}

/// An animation scene (`scenes/animation.rs`).
pub mod animation {
    /// Replay and the chapter buttons: least width.
    pub const CHAPTER_BUTTON_MIN_W: f32 = 150.0;
    /// Play / Pause: least width.
    pub const PLAY_MIN_W: f32 = 180.0;
    /// Between two player buttons.
    pub const BUTTON_GAP: f32 = 10.0;
    /// Between the last player button and the chapter title.
    pub const TITLE_GAP: f32 = 20.0;
    /// Caption text, as a share of [`super::size::BODY`].
    pub const CAPTION_SCALE: f32 = 1.1;
    /// Captions wrap at this share of the stage's width on screen.
    pub const CAPTION_WRAP: f32 = 0.86;

    /// Room under the stage: the scrub bar row and the buttons row, with the spacing
    /// between them.
    pub const fn below_stage() -> f32 {
        2.0 * super::MIN_TARGET + 3.0 * super::ITEM_SPACING.1 + 8.0
    }
}

/// A demonstration scene (`scenes/demonstration.rs`).
pub mod demonstration {
    /// The controls column's share of the scene's width, and its bounds.
    pub const SIDE_SHARE: f32 = 0.34;
    /// The controls column's least width.
    pub const SIDE_MIN_W: f32 = 420.0;
    /// The controls column's greatest width.
    pub const SIDE_MAX_W: f32 = 640.0;
    /// Between the drawing and the controls column.
    pub const GAP: f32 = 32.0;
    /// Least gap between a slider's label and its value, for them to read as two things
    /// (the validator's threshold: the kiosk puts them at the two ends of the column).
    pub const SLIDER_GAP: f32 = 16.0;
    /// Under the intro, before the drawing.
    pub const INTRO_GAP: f32 = 12.0;
    /// Room under the drawing besides the buttons' [`super::MIN_TARGET`].
    pub const BUTTONS_ROOM: f32 = 44.0;
    /// The drawing's least height.
    pub const CANVAS_MIN_H: f32 = 320.0;
    /// The drawing is at most this many times as wide as it is high.
    pub const CANVAS_MAX_ASPECT: f32 = 1.5;

    /// Height of the drawing `width` wide with `available` height under the intro: what
    /// the buttons leave, at most [`CANVAS_MAX_ASPECT`] of the width, at least
    /// [`CANVAS_MIN_H`]. (min then max, not clamp: on a narrow screen the upper bound
    /// falls below the lower.)
    pub const fn canvas_height(available: f32, width: f32) -> f32 {
        let h = available - super::MIN_TARGET - BUTTONS_ROOM;
        let h = if h > width / CANVAS_MAX_ASPECT {
            width / CANVAS_MAX_ASPECT
        } else {
            h
        };
        if h < CANVAS_MIN_H { CANVAS_MIN_H } else { h }
    }

    /// Width of the controls column in a scene `full` wide.
    pub const fn side_width(full: f32) -> f32 {
        // `clamp` is not const for floats.
        let s = full * SIDE_SHARE;
        if s < SIDE_MIN_W {
            SIDE_MIN_W
        } else if s > SIDE_MAX_W {
            SIDE_MAX_W
        } else {
            s
        }
    }
}
