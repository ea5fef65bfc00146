//! The boxes the kiosk gives visitor text at larger text (1.5 ×) on a 1920 × 1080 screen,
//! in design pixels, and the colours it writes in: what the checks measure against.
//! Worked out from the kiosk's own layout numbers ([`crate::layout`], which the screens
//! draw with), so that a check warns of exactly what a visitor would see.

pub use crate::layout::size::{BODY, BUTTON, HEADING, SMALL};
use crate::layout::{self as kiosk, DESIGN_HEIGHT, DESIGN_WIDTH, ITEM_SPACING, bar, hub};
pub use crate::layout::{BUTTON_PADDING, LARGER_TEXT, MIN_TARGET, Palette};

/// Each side of a button's label.
pub const BUTTON_PAD: f32 = BUTTON_PADDING.0;
/// Between widgets in a row.
pub const GAP_X: f32 = ITEM_SPACING.0;
/// Between widgets in a column.
pub const GAP_Y: f32 = ITEM_SPACING.1;

// --- The exhibit list -----------------------------------------------------------------
/// Width of one tile at larger text: the central panel less the scroll bar (shown once
/// the tiles do not fit), in [`hub::columns`] columns.
pub const TILE_W: f32 = {
    let columns = hub::columns(true) as f32;
    (DESIGN_WIDTH - 2.0 * hub::MARGIN - hub::SCROLL_BAR - hub::COLUMN_GAP * (columns - 1.0))
        / columns
};
/// Tile height.
pub const TILE_H: f32 = TILE_W * hub::TILE_ASPECT;
/// The text area under the picture.
pub const TILE_TEXT_W: f32 = TILE_W - 2.0 * hub::TEXT_INSET;
/// The text area's height: under the picture, with its gaps above and below.
pub const TILE_TEXT_H: f32 = TILE_H * (1.0 - hub::PICTURE_SHARE) - hub::TEXT_TOP - hub::TEXT_BOTTOM;
/// Title size on a tile.
pub const TILE_TITLE: f32 = HEADING * hub::TITLE_SCALE;

// --- The exhibit's top bar ------------------------------------------------------------
/// Inside the top bar.
pub const TOP_BAR_W: f32 = DESIGN_WIDTH - 2.0 * bar::MARGIN.0;
pub use crate::layout::bar::{
    HOME_MIN_W, HOME_SPACE, LANGUAGE_MIN_W, SETTINGS_MIN_W, SETTINGS_SPACE,
};
/// Exhibit title size in the top bar.
pub const TOP_TITLE: f32 = HEADING * bar::TITLE_SCALE;
/// Scene title size under it.
pub const TOP_SCENE_TITLE: f32 = SMALL;

// --- A scene --------------------------------------------------------------------------
/// Scene area width.
pub const SCENE_W: f32 = DESIGN_WIDTH - 2.0 * kiosk::scene::MARGIN.0;
/// The top bar's height at larger text.
pub const TOP_BAR_H: f32 = kiosk::top_bar_height(LARGER_TEXT);
/// Scene area height at larger text: under the top bar, over the bottom bar.
pub const SCENE_H: f32 = DESIGN_HEIGHT - TOP_BAR_H - bar::BOTTOM_H - 2.0 * kiosk::scene::MARGIN.1;

// --- Animation ------------------------------------------------------------------------
/// Room under the stage.
pub const ANIM_BELOW: f32 = kiosk::animation::below_stage();
/// Caption text size.
pub const CAPTION: f32 = BODY * kiosk::animation::CAPTION_SCALE;
pub use crate::layout::animation::{CAPTION_WRAP, CHAPTER_BUTTON_MIN_W, PLAY_MIN_W};
/// Lines a caption may take at larger text. A cue as long as `docs/animations.md`
/// advises (two lines of about 40 Latin or 15 Chinese characters) takes four at 1.5 ×;
/// a longer one covers more than half the stage (the bar grows upwards, unbounded).
pub const CAPTION_MAX_LINES: usize = 4;
/// Chapter title size: one line, cut short with "…".
pub const CHAPTER_TITLE: f32 = BODY;

// --- Demonstration --------------------------------------------------------------------
/// The controls column.
pub const DEMO_SIDE_W: f32 = kiosk::demonstration::side_width(SCENE_W);
/// The drawing's width.
pub const CANVAS_W: f32 = SCENE_W - DEMO_SIDE_W - kiosk::demonstration::GAP;
/// Slider label and value size, on one line across the column.
pub const SLIDER_TEXT: f32 = SMALL;
pub use crate::layout::demonstration::SLIDER_GAP;
/// The intro over a demonstration.
pub const DEMO_INTRO: f32 = SMALL;

// --- Colours --------------------------------------------------------------------------
/// A palette colour as `[r, g, b]`.
const fn rgb(c: epaint::Color32) -> [u8; 3] {
    [c.r(), c.g(), c.b()]
}
/// The stage and drawing colour unless the designer gives one, and the graph's
/// background.
pub const SURFACE: [u8; 3] = rgb(Palette::STANDARD.surface);
/// The same in high-contrast mode.
pub const SURFACE_HIGH_CONTRAST: [u8; 3] = rgb(Palette::HIGH_CONTRAST.surface);
/// The drag hint over a demonstration's drawing.
pub const TEXT_MUTED: [u8; 3] = rgb(Palette::STANDARD.text_muted);
/// The same in high-contrast mode.
pub const TEXT_MUTED_HIGH_CONTRAST: [u8; 3] = rgb(Palette::HIGH_CONTRAST.text_muted);
/// The scale bar's label (`simulation::draw`, `ruler`).
pub const RULER_TEXT: [u8; 3] = {
    let [r, g, b, _] = simulation::draw::RULER_COLOUR;
    [r, g, b]
};
