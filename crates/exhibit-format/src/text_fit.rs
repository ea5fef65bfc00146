//! How big a text comes out in the kiosk's own fonts: the validator uses it to find
//! visitor text that does not fit its box (at the larger text size, in every language).
//!
//! The fonts are the ones the kiosk draws with (`kiosk::kiosk_app::ui::theme::install`): egui's
//! default fonts, then the CJK fallback font at the lowest priority; the layout is
//! egui's own, at one pixel per point (a 1920 × 1080 screen).

use std::sync::{Arc, Mutex, OnceLock};

use epaint::text::{
    FontData, FontDefinitions, FontFamily, Fonts, LayoutJob, TextOptions, TextWrapping,
};
use epaint::{Color32, FontId};

/// The CJK font, compiled in so that a kiosk never shows boxes for missing glyphs
/// (the same file `kiosk::kiosk_app::ui::theme` installs).
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");

/// The name the CJK font is registered under.
pub const CJK_FONT_NAME: &str = "droid-sans-fallback";

/// Fonts for scripts egui's own fonts lack, compiled in like the CJK font: Arabic script
/// (Uyghur) and Tibetan. egui shapes each run of one script (joining, stacking) itself.
pub const SCRIPT_FONTS: [(&str, &[u8]); 2] = [
    (
        "noto-sans-arabic-ui",
        include_bytes!("../../../assets/fonts/NotoSansArabicUI-Regular.ttf"),
    ),
    (
        "noto-serif-tibetan",
        include_bytes!("../../../assets/fonts/NotoSerifTibetan-Regular.ttf"),
    ),
];

/// egui's default fonts, then the script fonts, then the CJK font as the last fallback of
/// both families: the set `kiosk::kiosk_app::ui::theme::install` gives the kiosk's context. (A
/// right-to-left script's font must come after egui's own: a font that also has Latin
/// letters and digits would take them into its right-to-left runs.)
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let fonts = SCRIPT_FONTS
        .iter()
        .copied()
        .chain([(CJK_FONT_NAME, CJK_FONT)]);
    for (name, bytes) in fonts {
        defs.font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    defs
}

/// The characters of `text` that none of the kiosk's proportional fonts has: egui draws
/// each of them as an empty box ("tofu"). Spaces and line breaks are never missing.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    static FACES: OnceLock<Vec<(Arc<FontData>, u32)>> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        let defs = font_definitions();
        defs.families
            .get(&FontFamily::Proportional)
            .into_iter()
            .flatten()
            .filter_map(|name| defs.font_data.get(name))
            .map(|data| (data.clone(), data.index))
            .collect()
    });
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|&c| {
            !faces.iter().any(|(data, index)| {
                skrifa::FontRef::from_index(&data.font, *index)
                    .is_ok_and(|f| skrifa::MetadataProvider::charmap(&f).map(c).is_some())
            })
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// A text as laid out: its size in points and how many lines it took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    /// Width of the widest line.
    pub width: f32,
    /// Height of all the lines.
    pub height: f32,
    /// Lines, counting both `\n` breaks and wrapping.
    pub rows: usize,
}

/// One set of fonts for the whole process: building it reads the font files.
fn fonts() -> &'static Mutex<Fonts> {
    static FONTS: OnceLock<Mutex<Fonts>> = OnceLock::new();
    FONTS.get_or_init(|| Mutex::new(Fonts::new(TextOptions::default(), font_definitions())))
}

/// Lays out `text` in the kiosk's proportional font at `size` points, wrapped at
/// `wrap_width` points (`None`: only `\n` breaks lines), as egui does on screen.
pub fn measure(text: &str, size: f32, wrap_width: Option<f32>) -> Measure {
    let mut job = LayoutJob::simple(
        text.to_owned(),
        FontId::proportional(size),
        Color32::WHITE,
        wrap_width.unwrap_or(f32::INFINITY),
    );
    job.wrap = TextWrapping {
        max_width: wrap_width.unwrap_or(f32::INFINITY),
        ..TextWrapping::default()
    };
    let mut fonts = fonts().lock().unwrap_or_else(|e| e.into_inner());
    // Keeps the glyph atlas from filling up over many exhibits (the kiosk does this
    // every frame); the layout cache is flushed of what was not used since.
    fonts.begin_pass(TextOptions::default());
    let galley = fonts.with_pixels_per_point(1.0).layout_job(job);
    Measure {
        width: galley.size().x,
        height: galley.size().y,
        rows: galley.rows.len().max(1),
    }
}

/// Height of one line of the proportional font at `size` points.
pub fn row_height(size: f32) -> f32 {
    let mut fonts = fonts().lock().unwrap_or_else(|e| e.into_inner());
    fonts
        .with_pixels_per_point(1.0)
        .row_height(&FontId::proportional(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_kiosk_has_a_glyph_in_its_fonts() {
        let ui = crate::ui_strings::UiStrings::builtin();
        let mut missing = Vec::new();
        for lang in ui.languages() {
            for (key, text) in ui.entries(lang) {
                let m = missing_glyphs(text);
                if !m.is_empty() {
                    missing.push(format!("{lang}.{key}: {m:?}"));
                }
            }
        }
        assert!(missing.is_empty(), "drawn as empty boxes: {missing:#?}");
        assert_eq!(missing_glyphs("Ab 中文 ئۇ བོད"), Vec::<char>::new());
        assert_eq!(missing_glyphs("\u{10FFFD}"), vec!['\u{10FFFD}']);
    }

    #[test]
    fn longer_text_is_wider_and_wraps_into_more_rows() {
        let short = measure("Water", 32.0, None);
        let long = measure("Water is fun when you know how to stay safe", 32.0, None);
        assert_eq!(short.rows, 1);
        assert_eq!(long.rows, 1);
        assert!(long.width > short.width * 4.0, "{short:?} {long:?}");
        let wrapped = measure(
            "Water is fun when you know how to stay safe",
            32.0,
            Some(200.0),
        );
        assert!(wrapped.rows >= 3, "{wrapped:?}");
        assert!(wrapped.width <= 200.0, "{wrapped:?}");
        assert!(wrapped.height > long.height * 2.5, "{wrapped:?}");
        assert_eq!(measure("one\ntwo", 32.0, None).rows, 2);
    }

    #[test]
    fn text_grows_with_its_size() {
        let a = measure("Pendulum", 32.0, None);
        let b = measure("Pendulum", 48.0, None);
        let k = b.width / a.width;
        assert!((k - 1.5).abs() < 0.05, "{k}");
        assert!(row_height(48.0) > row_height(32.0) * 1.4);
    }

    #[test]
    fn chinese_is_measured_with_the_cjk_font_not_as_missing_glyphs() {
        // The fallback font draws every ideograph one em wide; a missing glyph would be
        // a narrow box or nothing.
        let m = measure("安全玩水安全玩水", 40.0, None);
        assert!((m.width - 8.0 * 40.0).abs() < 8.0 * 40.0 * 0.1, "{m:?}");
        // And CJK text wraps anywhere, without spaces.
        let w = measure("安全玩水安全玩水", 40.0, Some(170.0));
        assert_eq!(w.rows, 2, "{w:?}");
    }
}
