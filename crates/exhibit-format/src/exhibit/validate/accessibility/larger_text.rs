//! Visitor text in fixed boxes at larger text: a visitor who asks for larger text gets
//! every size times [`layout::LARGER_TEXT`] (1.5 ×), and text that then no longer fits
//! its box runs past it, pushes buttons off the screen or is cut short. Measured with the
//! kiosk's own fonts ([`crate::text_fit`]), in every language, against the boxes of
//! [`layout`].

use std::sync::OnceLock;

use super::{layout, px};
use crate::animation::{Animation, Subtitles};
use crate::diagnostics::{Diagnostic, Pos};
use crate::exhibit::Demonstration;
use crate::exhibit::validate::Checker;
use crate::ron_spans::Path;
use crate::text::Text;
use crate::text_fit;
use crate::ui_strings::UiStrings;

/// The kiosk's own words (Home, language names, player buttons).
fn words() -> &'static UiStrings {
    static WORDS: OnceLock<UiStrings> = OnceLock::new();
    WORDS.get_or_init(UiStrings::builtin)
}

/// Text size in pixels under the larger-text setting.
fn larger(size: f32) -> f32 {
    size * layout::LARGER_TEXT
}

/// Width of a kiosk button with `label` (egui: the label plus padding, at least `min`).
fn button_w(label: &str, min: f32) -> f32 {
    (text_fit::measure(label, larger(layout::BUTTON), None).width + 2.0 * layout::BUTTON_PAD)
        .max(min)
}

/// `text` in `lang`, when it is written in that language (a fallback is not measured).
fn written<'t>(text: &'t Text, lang: &str) -> Option<&'t str> {
    text.has(lang).then(|| text.0[lang].as_str())
}

/// The stage's size on screen: scaled to fit the scene area above the player controls.
fn stage_scale(anim: &Animation) -> f32 {
    let (sw, sh) = (anim.stage.0.max(1.0), anim.stage.1.max(1.0));
    (layout::SCENE_W / sw).min((layout::SCENE_H - layout::ANIM_BELOW).max(200.0) / sh)
}

/// Width of the player buttons beside the chapter title, with the kiosk's words in `lang`.
fn player_buttons_w(lang: &str) -> f32 {
    let w = |key: &str, min: f32| button_w(words().get(lang, key), min);
    let play = w("play", layout::PLAY_MIN_W).max(w("pause", layout::PLAY_MIN_W));
    w("replay", layout::CHAPTER_BUTTON_MIN_W)
        + w("previous_chapter", layout::CHAPTER_BUTTON_MIN_W)
        + play
        + w("next_chapter", layout::CHAPTER_BUTTON_MIN_W)
}

/// Width of the widest value slider `p` shows (its minimum, maximum or default with its
/// unit) at text size `size`.
fn widest_value(p: &simulation::Parameter<Text>, size: f32) -> f32 {
    [p.min, p.max, p.default]
        .into_iter()
        .map(|v| {
            let s = format!(
                "{} {}",
                simulation::draw::format_value(v, p.decimals()),
                p.unit
            );
            text_fit::measure(&s, size, None).width
        })
        .fold(0.0, f32::max)
}

impl Checker<'_> {
    /// The languages visitors can read this exhibit in.
    fn langs(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in &self.exhibit.languages {
            if !out.contains(l) {
                out.push(l.clone());
            }
        }
        out
    }

    /// The exhibit's tile on the list: its title, wrapped to the tile, must fit the text
    /// area under the picture (the kiosk does not cut it short; it runs past the tile).
    pub(super) fn hub_tile_fits(&mut self, root: &Path) {
        let e = self.exhibit;
        let title_size = larger(layout::TILE_TITLE);
        for lang in self.langs() {
            let Some(title) = written(&e.title, &lang) else {
                continue;
            };
            let m = text_fit::measure(title, title_size, Some(layout::TILE_TEXT_W));
            if m.height > layout::TILE_TEXT_H {
                self.warn(
                    &root.field("title").key(&lang),
                    format!(
                        "exhibit title does not fit its tile at larger text ({lang}): {} lines, {} high; the tile holds {}",
                        m.rows,
                        px(m.height),
                        px(layout::TILE_TEXT_H)
                    ),
                    format!(
                        "shorten the title to two lines: a tile is {} wide for text, and larger text draws the title {} high",
                        px(layout::TILE_TEXT_W),
                        px(title_size)
                    ),
                );
            }
        }
    }

    /// The top bar: Home, then the exhibit title with the scene title under it, then the
    /// language buttons, in one row. A title wider than the room between pushes the
    /// language buttons off the screen.
    pub(super) fn top_bar_fits(&mut self, path: &Path, text: &Text, size: f32, what: &str) {
        let langs = self.langs();
        let switch: f32 = langs
            .iter()
            .map(|l| button_w(words().language_name(l), layout::LANGUAGE_MIN_W))
            .sum::<f32>()
            + layout::GAP_X * (langs.len().max(1) - 1) as f32;
        for lang in &langs {
            let Some(title) = written(text, lang) else {
                continue;
            };
            let room = top_bar_room(lang, switch);
            let m = text_fit::measure(title, larger(size), None);
            if m.width > room {
                self.warn(
                    &path.key(lang),
                    format!(
                        "{what} does not fit the top bar at larger text ({lang}): {} wide, the bar holds {} between Home and the language buttons",
                        px(m.width),
                        px(room)
                    ),
                    "shorten it; the top bar shows it on one line",
                );
            }
        }
    }

    /// Each subtitle cue at the larger caption size, wrapped at the caption's width: at
    /// most [`layout::CAPTION_MAX_LINES`] lines.
    pub(super) fn captions_fit(&mut self, path: &Path, anim: &Animation) {
        let (sw, _) = anim.stage;
        if !(sw > 0.0 && sw.is_finite()) {
            return;
        }
        let wrap = sw * stage_scale(anim) * layout::CAPTION_WRAP;
        let size = larger(layout::CAPTION);
        for (lang, subs) in &anim.subtitles {
            let sp = path.field("subtitles").key(lang);
            let cues = match subs {
                Subtitles::Cues(c) => c.as_slice(),
                Subtitles::File(_) => anim.file_cues.get(lang).map_or(&[][..], Vec::as_slice),
            };
            for (i, cue) in cues.iter().enumerate() {
                let m = text_fit::measure(&cue.text, size, Some(wrap));
                if m.rows <= layout::CAPTION_MAX_LINES {
                    continue;
                }
                let message = format!(
                    "subtitle does not fit the caption bar at larger text ({lang}): {} lines at {}, the bar shows {} lines {} wide",
                    m.rows,
                    px(size),
                    layout::CAPTION_MAX_LINES,
                    px(wrap)
                );
                let hint = "split it into two cues, or say it in fewer words";
                match subs {
                    Subtitles::Cues(_) => {
                        self.warn(&sp.index(0).index(i).field("text"), message, hint);
                    }
                    Subtitles::File(rel) => {
                        self.warn_in_subtitle_file(rel, cue.line, message, hint)
                    }
                }
            }
        }
    }

    /// Warns in subtitle file `rel` at the text of the cue whose timing is on line `timing`
    /// (the text is on the lines after it), naming the file in the hint.
    fn warn_in_subtitle_file(&mut self, rel: &str, timing: usize, message: String, hint: &str) {
        let file = crate::media::resolve(&self.source.dir, rel).unwrap_or_default();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let line_no = timing + 1;
        let line = text.lines().nth(line_no - 1).unwrap_or("").to_owned();
        let width = line.chars().count();
        self.out.push(
            Diagnostic::warning(&file, Some(Pos::new(line_no, 1)), message)
                .with_width(width)
                .with_line_text(line)
                .with_hint(format!("{hint} (in `{rel}`)")),
        );
    }

    /// Chapter titles beside the player buttons: one line, cut short with "…" when it is
    /// wider than the room left.
    pub(super) fn chapter_titles_fit(&mut self, path: &Path, anim: &Animation) {
        if anim.chapters.is_empty() {
            return;
        }
        for lang in self.langs() {
            let room = layout::SCENE_W
                - player_buttons_w(&lang)
                - 4.0 * layout::GAP_X
                - 3.0 * crate::layout::animation::BUTTON_GAP
                - crate::layout::animation::TITLE_GAP;
            for (i, ch) in anim.chapters.iter().enumerate() {
                let Some(title) = written(&ch.title, &lang) else {
                    continue;
                };
                let m = text_fit::measure(title, larger(layout::CHAPTER_TITLE), None);
                if m.width > room {
                    self.warn(
                        &path.field("chapters").index(i).field("title").key(&lang),
                        format!(
                            "chapter title is cut short at larger text ({lang}): {} wide, {} beside the player buttons",
                            px(m.width),
                            px(room.max(0.0))
                        ),
                        "shorten it; it shows on one line beside the buttons",
                    );
                }
            }
        }
    }

    /// A slider's label and its value share one line across the controls column.
    pub(super) fn slider_labels_fit(&mut self, path: &Path, demo: &Demonstration) {
        let size = larger(layout::SLIDER_TEXT);
        for (i, p) in demo.parameters.iter().enumerate() {
            if p.control != simulation::ControlKind::Slider {
                continue;
            }
            let value = widest_value(p, size);
            for lang in self.langs() {
                let Some(text) = written(&p.label, &lang) else {
                    continue;
                };
                let label = text_fit::measure(text, size, None).width;
                let room = layout::DEMO_SIDE_W - value - layout::SLIDER_GAP;
                if label > room {
                    let lp = path.field("parameters").index(i).field("label");
                    self.warn(
                        &lp.key(&lang),
                        format!(
                            "slider label runs into its value at larger text ({lang}): {} wide, {} left beside the value",
                            px(label),
                            px(room.max(0.0))
                        ),
                        "shorten the label; put details in the intro",
                    );
                }
            }
        }
    }
}

/// Room for a title in the top bar in `lang`: the bar less Home, Settings, their spaces
/// and the language buttons (`switch` wide).
fn top_bar_room(lang: &str, switch: f32) -> f32 {
    let home = button_w(words().get(lang, "home"), layout::HOME_MIN_W);
    let settings = button_w(words().get(lang, "settings"), layout::SETTINGS_MIN_W);
    layout::TOP_BAR_W
        - home
        - layout::GAP_X
        - layout::HOME_SPACE
        - layout::GAP_X
        - settings
        - layout::SETTINGS_SPACE
        - layout::GAP_X
        - switch
}
