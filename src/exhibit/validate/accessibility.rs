//! Accessibility checks at authoring time (warnings: the exhibit still runs):
//!
//! - text colours a designer chose, against the background they are drawn on: 4.5:1 at
//!   least (WCAG 2.x AA), 7:1 in the kiosk's high-contrast mode;
//! - draggable shapes of demonstrations: a grab area at least [`layout::MIN_TARGET`]
//!   across on a 1920 × 1080 screen;
//! - visitor text that does not fit the fixed box the kiosk gives it when the visitor
//!   asks for larger text (1.5 ×), in every language, measured with the kiosk's own fonts
//!   ([`crate::text_fit`]).
//!
//! Narration without subtitles and pictures without descriptions are checked where those
//! things are checked (`validate.rs`, `animation.rs`).
//!
//! The kiosk's layout is not run here: the sizes of its boxes are copied into
//! [`layout`], each with the code it mirrors. Change both together.

use std::sync::OnceLock;

use super::Checker;
use crate::animation::{Animation, LayerFrame, Shape as AnimShape, Subtitles, frame};
use crate::contrast::{self, Rgb, Rgba};
use crate::exhibit::{Demonstration, SceneKind};
use crate::ron_spans::Path;
use crate::text::Text;
use crate::text_fit;
use crate::ui_strings::UiStrings;

/// The kiosk's layout at 1920 × 1080 (one point is one pixel there), in design pixels.
/// Sizes and spacing come from the kiosk's theme; each box names the code in
/// `src/kiosk_app` it mirrors.
pub mod layout {
    use crate::kiosk_app::theme;
    pub use crate::kiosk_app::theme::size::{BODY, BUTTON, HEADING, SMALL};
    pub use crate::kiosk_app::theme::{LARGER_TEXT, MIN_TARGET};

    /// Each side of a button's label (`theme::BUTTON_PADDING`).
    pub const BUTTON_PAD: f32 = theme::BUTTON_PADDING.0;
    /// Between widgets in a row (`theme::ITEM_SPACING`).
    pub const GAP_X: f32 = theme::ITEM_SPACING.0;
    /// Between widgets in a column.
    pub const GAP_Y: f32 = theme::ITEM_SPACING.1;

    // --- The exhibit list (`screens/hub.rs`) -------------------------------------------
    /// Width of one tile at larger text: the central panel (1920 − 2 × 48 margin) less the
    /// scroll bar (18 + 4, shown once the tiles do not fit), in `columns()` = 2 columns
    /// (3 at the usual size) 36 apart.
    pub const TILE_W: f32 = (1920.0 - 2.0 * 48.0 - 22.0 - 36.0) / 2.0;
    /// Tile height: `w * 0.82`.
    pub const TILE_H: f32 = TILE_W * 0.82;
    /// The text area under the picture (`text_rect`): 24 in from each side.
    pub const TILE_TEXT_W: f32 = TILE_W - 48.0;
    /// The text area's height: under the picture (`h * 0.56`), 18 below it, 14 above the
    /// tile's bottom.
    pub const TILE_TEXT_H: f32 = TILE_H * (1.0 - 0.56) - 18.0 - 14.0;
    /// Title size on a tile: `size::HEADING * 0.85`.
    pub const TILE_TITLE: f32 = HEADING * 0.85;

    // --- The exhibit's top bar (`screens/exhibit.rs`) ------------------------------------
    /// Inside the top bar: 1920 less `bar_frame`'s 40 each side.
    pub const TOP_BAR_W: f32 = 1920.0 - 2.0 * 40.0;
    /// The Home button's least width.
    pub const HOME_MIN_W: f32 = 170.0;
    /// The space after the Home button (`add_space(16.0)`).
    pub const HOME_SPACE: f32 = 16.0;
    /// The settings button's least width (`visitor_settings::settings_button`).
    pub const SETTINGS_MIN_W: f32 = 200.0;
    /// The space between it and the language buttons (`widgets::language_switch`).
    pub const SETTINGS_SPACE: f32 = 12.0;
    /// Each language button's least width (`widgets::language_switch`).
    pub const LANGUAGE_MIN_W: f32 = 150.0;
    /// Exhibit title size in the top bar: `size::HEADING * 0.8`.
    pub const TOP_TITLE: f32 = HEADING * 0.8;
    /// Scene title size under it: `size::SMALL`.
    pub const TOP_SCENE_TITLE: f32 = SMALL;

    // --- A scene (`screens/exhibit.rs` central panel) ------------------------------------
    /// Scene area width: 1920 less the central panel's 64 each side.
    pub const SCENE_W: f32 = 1920.0 - 2.0 * 64.0;
    /// The top bar's height at larger text (`Appearance::top_bar`): two title lines with
    /// room around them.
    pub const TOP_BAR_H: f32 = theme::top_bar_height(LARGER_TEXT);
    /// Scene area height at larger text: 1080 less the top and bottom (120) bars and 28
    /// each side.
    pub const SCENE_H: f32 = 1080.0 - TOP_BAR_H - 120.0 - 2.0 * 28.0;

    // --- Animation (`scenes/animation.rs`) -----------------------------------------------
    /// Room under the stage: `2.0 * MIN_TARGET + 3.0 * item_spacing.y + 8.0`.
    pub const ANIM_BELOW: f32 = 2.0 * MIN_TARGET + 3.0 * GAP_Y + 8.0;
    /// Caption text size: `size::BODY * 1.1`.
    pub const CAPTION: f32 = BODY * 1.1;
    /// Captions wrap at this share of the stage's width on screen.
    pub const CAPTION_WRAP: f32 = 0.86;
    /// Lines a caption may take at larger text. A cue as long as `docs/animations.md`
    /// advises (two lines of about 40 Latin or 15 Chinese characters) takes four at 1.5 ×;
    /// a longer one covers more than half the stage (the bar grows upwards, unbounded).
    pub const CAPTION_MAX_LINES: usize = 4;
    /// Width of the time beside the scrub bar (`time_w`); the chapter row's buttons:
    /// Replay and the chapter buttons at least 150, Play / Pause 180, with 10 between
    /// and 20 before the chapter title.
    pub const CHAPTER_BUTTON_MIN_W: f32 = 150.0;
    /// Play / Pause least width.
    pub const PLAY_MIN_W: f32 = 180.0;
    /// Chapter title size (`size::BODY`): one line, cut short with "…".
    pub const CHAPTER_TITLE: f32 = BODY;

    // --- Demonstration (`scenes/demonstration.rs` `show`) ---------------------------------
    /// The controls column: `(full * 0.34).clamp(420.0, 640.0)`.
    pub const DEMO_SIDE_W: f32 = {
        let s = SCENE_W * 0.34;
        if s < 420.0 {
            420.0
        } else if s > 640.0 {
            640.0
        } else {
            s
        }
    };
    /// The drawing's width: `full - side - 32.0`.
    pub const CANVAS_W: f32 = SCENE_W - DEMO_SIDE_W - 32.0;
    /// Slider label and value size (`size::SMALL`), on one line across the column.
    pub const SLIDER_TEXT: f32 = SMALL;
    /// Least gap between a slider's label and its value, for them to read as two things.
    pub const SLIDER_GAP: f32 = 16.0;
    /// The intro over a demonstration (`size::SMALL`), then `add_space(12.0)`.
    pub const DEMO_INTRO: f32 = SMALL;

    // --- Colours (`theme::Palette`) --------------------------------------------------------
    /// `Palette::STANDARD.surface`: the stage and drawing colour unless the designer
    /// gives one, and the graph's background.
    pub const SURFACE: [u8; 3] = [0x1f, 0x2d, 0x42];
    /// `Palette::HIGH_CONTRAST.surface`: the same in high-contrast mode.
    pub const SURFACE_HIGH_CONTRAST: [u8; 3] = [0x0a, 0x0a, 0x0a];
    /// `Palette::STANDARD.text_muted`: the drag hint over a demonstration's drawing.
    pub const TEXT_MUTED: [u8; 3] = [0xc3, 0xcd, 0xdb];
    /// `Palette::HIGH_CONTRAST.text_muted`.
    pub const TEXT_MUTED_HIGH_CONTRAST: [u8; 3] = [0xf0, 0xf0, 0xf0];
    /// The scale bar's label (`simulation::draw`, `ruler`).
    pub const RULER_TEXT: [u8; 3] = [230, 230, 230];
}

/// The kiosk's own words (Home, language names, player buttons).
fn words() -> &'static UiStrings {
    static WORDS: OnceLock<UiStrings> = OnceLock::new();
    WORDS.get_or_init(UiStrings::builtin)
}

/// `#rrggbb` for messages.
fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// A colour as written, `#rrggbb` or `#rrggbbaa`.
fn parse(c: &str) -> Option<Rgba> {
    simulation::parse_colour(c)
}

/// What text is drawn on: its colour in the standard and the high-contrast look, and how
/// a designer knows it.
struct Ground {
    standard: Rgb,
    high_contrast: Rgb,
    /// E.g. "the stage background `#0b2233`".
    name: String,
    /// Its name in high-contrast mode, when it changes there.
    name_high_contrast: String,
}

impl Ground {
    /// A background the designer chose (`Some`), else the kiosk's surface in each look.
    fn of(chosen: Option<&str>, what: &str) -> Ground {
        match chosen.and_then(parse) {
            Some(c) => {
                let c = [c[0], c[1], c[2]];
                let name = format!("the {what} `{}`", hex(c));
                Ground {
                    standard: c,
                    high_contrast: c,
                    name_high_contrast: name.clone(),
                    name,
                }
            }
            None => Ground::kiosk_surface(&format!("the kiosk's {what} colour")),
        }
    }

    fn kiosk_surface(what: &str) -> Ground {
        Ground {
            standard: layout::SURFACE,
            high_contrast: layout::SURFACE_HIGH_CONTRAST,
            name: format!("{what} `{}`", hex(layout::SURFACE)),
            name_high_contrast: format!(
                "{what} in high-contrast mode, `{}`",
                hex(layout::SURFACE_HIGH_CONTRAST)
            ),
        }
    }
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

/// Whole pixels, for messages.
fn px(v: f32) -> String {
    format!("{} px", v.round() as i64)
}

impl Checker<'_> {
    /// Every accessibility check of the exhibit.
    pub(super) fn accessibility(&mut self) {
        let e = self.exhibit;
        let root = Path::root();
        self.hub_tile_fits(&root);
        self.top_bar_fits(
            &root.field("title"),
            &e.title,
            layout::TOP_TITLE,
            "exhibit title",
        );
        for (i, scene) in e.scenes.iter().enumerate() {
            let path = root.field("scenes").index(i);
            self.top_bar_fits(
                &path.field("title"),
                &scene.title,
                layout::TOP_SCENE_TITLE,
                "scene title",
            );
            let kind = path.field("kind");
            match &scene.kind {
                SceneKind::Quiz(_) => {}
                SceneKind::Demonstration(demo) => {
                    self.demonstration_contrast(&kind, demo);
                    self.touch_targets(&kind, demo);
                    self.slider_labels_fit(&kind, demo);
                }
                SceneKind::Animation(anim) => {
                    self.animation_contrast(&kind, anim);
                    self.captions_fit(&kind, anim);
                    self.chapter_titles_fit(&kind, anim);
                }
            }
        }
    }

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

    // --- Contrast --------------------------------------------------------------------------

    /// Warns when `fg` (times `opacity`) on `ground` is under 4.5:1, or under 7:1 in
    /// high-contrast mode.
    fn contrast(&mut self, path: &Path, what: &str, fg: Rgba, opacity: f64, ground: &Ground) {
        let seen = |bg: Rgb| contrast::ratio_over(fg, opacity, bg);
        let (standard, high) = (seen(ground.standard), seen(ground.high_contrast));
        let colour = if fg[3] == 255 {
            hex([fg[0], fg[1], fg[2]])
        } else {
            format!("{}{:02x}", hex([fg[0], fg[1], fg[2]]), fg[3])
        };
        let faded = if opacity < 0.999 {
            format!(" at opacity {}", (opacity * 100.0).round() / 100.0)
        } else {
            String::new()
        };
        if standard < contrast::AA {
            self.warning(
                path,
                format!(
                    "low contrast: {what} `{colour}`{faded} on {} is {}, needs 4.5:1",
                    ground.name,
                    contrast::format_ratio(standard)
                ),
                Some(
                    "visitors with low vision, and everyone in a bright hall, cannot read it; \
                     make the text lighter or the background darker (or the other way round), \
                     aiming at 7:1"
                        .into(),
                ),
            );
        } else if high < contrast::AAA {
            self.warning(
                path,
                format!(
                    "{what} `{colour}`{faded} on {} is {}: high-contrast mode asks 7:1",
                    ground.name_high_contrast,
                    contrast::format_ratio(high)
                ),
                Some(
                    "enough for most visitors, but those who turn on high contrast need more; \
                     make the text lighter or the background darker (or the other way round)"
                        .into(),
                ),
            );
        }
    }

    /// Text layers, at each moment the text is at its most opaque: its colour on what is
    /// under its centre then (the shapes drawn before it, over the stage background).
    /// Moments are the start, the end and every keyframe's start and end, where every
    /// value is one the designer wrote.
    fn animation_contrast(&mut self, path: &Path, anim: &Animation) {
        let texts: Vec<usize> = (0..anim.layers.len())
            .filter(|&i| matches!(anim.layers[i].shape, AnimShape::Text { .. }))
            .collect();
        if texts.is_empty() {
            return;
        }
        let stage = Ground::of(anim.background.as_deref(), "stage background");
        let mut times: Vec<f32> = std::iter::once(0.0)
            .chain(std::iter::once(anim.length()))
            .chain(anim.layers.iter().flat_map(|l| {
                l.keys
                    .iter()
                    .flat_map(|k| std::iter::once(k.at).chain(k.from))
            }))
            .filter(|t| t.is_finite() && *t >= 0.0)
            .collect();
        times.sort_by(f32::total_cmp);
        times.dedup_by(|a, b| (*a - *b).abs() < 1e-4);
        let frames: Vec<Vec<LayerFrame>> = times.iter().map(|&t| frame(anim, t, false)).collect();
        // Each text's area at its own size (first language), to tell the shape it sits on
        // from a speck passing behind it.
        let lang = self.exhibit.languages.first().cloned().unwrap_or_default();
        let text_area: Vec<f32> = anim
            .layers
            .iter()
            .map(|l| match &l.shape {
                AnimShape::Text { text, size, width } => {
                    let m = text_fit::measure(text.get(&lang, &lang), *size, *width);
                    m.width * m.height
                }
                _ => 0.0,
            })
            .collect();
        for &i in &texts {
            let peak = frames.iter().map(|f| f[i].opacity).fold(0.0, f32::max);
            if peak <= 0.003 {
                continue;
            }
            // The worst moment while the text is fully shown.
            let mut worst: Option<(f64, f64, usize, Ground)> = None;
            for (k, f) in frames.iter().enumerate() {
                let me = &f[i];
                if me.opacity < peak - 0.01 {
                    continue;
                }
                let ground = under(anim, f, i, &stage, text_area[i]);
                let seen = |bg: Rgb| contrast::ratio_over(me.colour, f64::from(peak), bg);
                let score = (seen(ground.standard), seen(ground.high_contrast));
                if worst
                    .as_ref()
                    .is_none_or(|w| score.0 < w.0 || (score.0 == w.0 && score.1 < w.1))
                {
                    worst = Some((score.0, score.1, k, ground));
                }
            }
            let Some((_, _, k, ground)) = worst else {
                continue;
            };
            let (t, me) = (times[k], &frames[k][i]);
            let opacity = f64::from(peak);
            // Point at the colour in force then: the last keyframe that reached it, or
            // the layer's own.
            let layer = &anim.layers[i];
            let lp = path.field("layers").index(i);
            let at = layer
                .keys
                .iter()
                .enumerate()
                .filter(|(_, key)| key.at <= t + 1e-4)
                .filter(|(_, key)| key.colour.as_deref().and_then(parse) == Some(me.colour))
                .map(|(n, _)| lp.field("keys").index(n).field("colour"))
                .next_back()
                .unwrap_or_else(|| lp.field("colour"));
            self.contrast(&at, "text", me.colour, opacity, &ground);
        }
    }

    /// Labels and arrow labels on the drawing, graph legends on the graph, and the
    /// kiosk's own words over a background the designer chose.
    fn demonstration_contrast(&mut self, path: &Path, demo: &Demonstration) {
        let ground = Ground::of(demo.view.background.as_deref(), "drawing background");
        for (i, shape) in demo.shapes.iter().enumerate() {
            let colour = match shape {
                simulation::Shape::Label { colour, .. } => colour,
                simulation::Shape::Arrow {
                    colour,
                    label: Some(_),
                    ..
                } => colour,
                _ => continue,
            };
            let what = match shape {
                simulation::Shape::Label { .. } => "label",
                _ => "arrow label",
            };
            let cp = path.field("shapes").index(i).field("colour");
            match colour {
                simulation::Colour::Fixed(c) => {
                    if let Some(c) = parse(c) {
                        self.contrast(&cp, what, c, 1.0, &ground);
                    }
                }
                simulation::Colour::Blend { low, high, .. } => {
                    for (end, c) in [("low", low), ("high", high)] {
                        if let Some(c) = parse(c) {
                            self.contrast(&cp.field(end), what, c, 1.0, &ground);
                        }
                    }
                }
            }
        }
        if let Some(g) = &demo.graph {
            let graph_ground = Ground::kiosk_surface("the graph's background");
            for (i, s) in g.series.iter().enumerate() {
                if let Some(c) = parse(&s.colour) {
                    let sp = path.field("graph").field("series").index(i).field("colour");
                    self.contrast(&sp, "graph legend", c, 1.0, &graph_ground);
                }
            }
        }
        // The kiosk writes on the drawing too: the drag hint and the scale bar's label.
        if demo.view.background.as_deref().and_then(parse).is_some() {
            let bp = path.field("view").field("background");
            let bg = ground.standard;
            let draggable = demo.shapes.iter().any(|s| match s {
                simulation::Shape::Circle { drag, .. }
                | simulation::Shape::Rect { drag, .. }
                | simulation::Shape::Image { drag, .. } => !drag.is_empty(),
                _ => false,
            });
            let mut own: Vec<(&str, Rgb, Rgb)> = Vec::new();
            if draggable {
                own.push((
                    "the kiosk's drag hint",
                    layout::TEXT_MUTED,
                    layout::TEXT_MUTED_HIGH_CONTRAST,
                ));
            }
            if demo.view.ruler.is_some() {
                own.push((
                    "the scale bar's label",
                    layout::RULER_TEXT,
                    layout::RULER_TEXT,
                ));
            }
            for (what, standard, high) in own {
                let (rs, rh) = (contrast::ratio(standard, bg), contrast::ratio(high, bg));
                if rs < contrast::AA || rh < contrast::AAA {
                    let (r, needs) = if rs < contrast::AA {
                        (rs, "4.5:1")
                    } else {
                        (rh, "7:1 in high-contrast mode")
                    };
                    self.warning(
                        &bp,
                        format!(
                            "low contrast: {what} (`{}`) on the drawing background `{}` is {}, needs {needs}",
                            hex(standard),
                            hex(bg),
                            contrast::format_ratio(r)
                        ),
                        Some("the kiosk writes in light colours; choose a dark background".into()),
                    );
                }
            }
        }
    }

    // --- Touch targets -----------------------------------------------------------------------

    /// Each draggable shape at the start of a run, drawn as on a 1920 × 1080 screen: the
    /// area where a finger takes it must hold a circle [`layout::MIN_TARGET`] across. The
    /// kiosk gives every one a reach of at least `simulation::draw::MIN_REACH`, but the
    /// drawing's edge cuts it, and so does a neighbour (the nearer shape wins).
    fn touch_targets(&mut self, path: &Path, demo: &Demonstration) {
        let Ok((model, _)) = simulation::compile(demo) else {
            return;
        };
        let sim = simulation::Simulation::new(model);
        let (w, h) = (layout::CANVAS_W, self.canvas_height(demo));
        let mut prims = Vec::new();
        let mut handles = Vec::new();
        let no_text = |_: &Text| String::new();
        simulation::draw::draw(demo, &sim, w, h, &no_text, &mut prims, &mut handles);
        for handle in &handles {
            let [x, y] = handle.centre;
            let reach = handle.reach;
            // The biggest circle in the reach, the drawing and the Voronoi cell: a cut at
            // distance `d` from the centre leaves a circle `reach + d` across.
            let mut across = 2.0 * reach;
            let mut why = String::new();
            let edge = x.min(w - x).min(y).min(h - y);
            if edge < reach {
                let a = (reach + edge).max(0.0);
                if a < across {
                    across = a;
                    why = format!(
                        "it starts {} from the edge of the drawing, which cuts its grab area",
                        px(edge.max(0.0))
                    );
                }
            }
            for other in &handles {
                if other.shape == handle.shape {
                    continue;
                }
                let d = ((other.centre[0] - x).powi(2) + (other.centre[1] - y).powi(2)).sqrt();
                if d / 2.0 < reach {
                    let a = reach + d / 2.0;
                    if a < across {
                        across = a;
                        why = format!(
                            "draggable shape {} starts {} away, and the nearer shape takes the touch",
                            other.shape + 1,
                            px(d)
                        );
                    }
                }
            }
            if across < layout::MIN_TARGET {
                let sp = path.field("shapes").index(handle.shape).field("drag");
                let reason = if why.is_empty() {
                    String::new()
                } else {
                    format!(": {why}")
                };
                self.warning(
                    &sp,
                    format!(
                        "touch target too small: a finger can take this shape within {} across, the kiosk's minimum is {}{reason}",
                        px(across),
                        px(layout::MIN_TARGET)
                    ),
                    Some(
                        "move it away from the edge and from other draggable shapes, or widen the \
                         view so everything is drawn larger (sizes as on a 1920 × 1080 screen)"
                            .into(),
                    ),
                );
            }
        }
    }

    /// Height of a demonstration's drawing on a 1920 × 1080 screen (`show`): what is left
    /// under the intro, less the buttons, at most two thirds of its width, at least 320.
    fn canvas_height(&self, demo: &Demonstration) -> f32 {
        let intro = demo.intro.as_ref().map_or(0.0, |t| {
            let lang = self.exhibit.languages.first().map_or("", String::as_str);
            let m = text_fit::measure(t.get(lang, lang), layout::DEMO_INTRO, Some(layout::SCENE_W));
            m.height + layout::GAP_Y + 12.0 + layout::GAP_Y
        });
        // The kiosk writes min then max for narrow screens; at 1920 × 1080 the bounds hold.
        (layout::SCENE_H - intro - layout::MIN_TARGET - 44.0).clamp(320.0, layout::CANVAS_W / 1.5)
    }

    // --- Text in fixed boxes, at larger text ------------------------------------------------------

    /// The exhibit's tile on the list: its title, wrapped to the tile, must fit the text
    /// area under the picture (the kiosk does not cut it short; it runs past the tile).
    fn hub_tile_fits(&mut self, root: &Path) {
        let e = self.exhibit;
        let title_size = larger(layout::TILE_TITLE);
        for lang in self.langs() {
            if !e.title.has(&lang) {
                continue;
            }
            let m = text_fit::measure(&e.title.0[&lang], title_size, Some(layout::TILE_TEXT_W));
            if m.height > layout::TILE_TEXT_H {
                self.warning(
                    &root.field("title").key(&lang),
                    format!(
                        "exhibit title does not fit its tile at larger text ({lang}): {} lines, {} high; the tile holds {}",
                        m.rows,
                        px(m.height),
                        px(layout::TILE_TEXT_H)
                    ),
                    Some(format!(
                        "shorten the title to two lines: a tile is {} wide for text, and larger text draws the title {} high",
                        px(layout::TILE_TEXT_W),
                        px(title_size)
                    )),
                );
            }
        }
    }

    /// The top bar: Home, then the exhibit title with the scene title under it, then the
    /// language buttons, in one row. A title wider than the room between pushes the
    /// language buttons off the screen.
    fn top_bar_fits(&mut self, path: &Path, text: &Text, size: f32, what: &str) {
        let langs = self.langs();
        let switch: f32 = langs
            .iter()
            .map(|l| button_w(words().language_name(l), layout::LANGUAGE_MIN_W))
            .sum::<f32>()
            + layout::GAP_X * (langs.len().max(1) - 1) as f32;
        for lang in &langs {
            if !text.has(lang) {
                continue;
            }
            let home = button_w(words().get(lang, "home"), layout::HOME_MIN_W);
            let settings = button_w(words().get(lang, "settings"), layout::SETTINGS_MIN_W);
            let room = layout::TOP_BAR_W
                - home
                - layout::GAP_X
                - layout::HOME_SPACE
                - layout::GAP_X
                - settings
                - layout::SETTINGS_SPACE
                - layout::GAP_X
                - switch;
            let m = text_fit::measure(&text.0[lang], larger(size), None);
            if m.width > room {
                self.warning(
                    &path.key(lang),
                    format!(
                        "{what} does not fit the top bar at larger text ({lang}): {} wide, the bar holds {} between Home and the language buttons",
                        px(m.width),
                        px(room)
                    ),
                    Some("shorten it; the top bar shows it on one line".into()),
                );
            }
        }
    }

    /// The stage's size on screen: scaled to fit the scene area above the player controls.
    fn stage_scale(anim: &Animation) -> f32 {
        let (sw, sh) = (anim.stage.0.max(1.0), anim.stage.1.max(1.0));
        (layout::SCENE_W / sw).min((layout::SCENE_H - layout::ANIM_BELOW).max(200.0) / sh)
    }

    /// Each subtitle cue at the larger caption size, wrapped at the caption's width: at
    /// most [`layout::CAPTION_MAX_LINES`] lines.
    fn captions_fit(&mut self, path: &Path, anim: &Animation) {
        let (sw, _) = anim.stage;
        if !(sw > 0.0 && sw.is_finite()) {
            return;
        }
        let wrap = sw * Self::stage_scale(anim) * layout::CAPTION_WRAP;
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
                let hint = "split it into two cues, or say it in fewer words".to_owned();
                match subs {
                    Subtitles::Cues(_) => {
                        let cp = sp.index(0).index(i).field("text");
                        self.warning(&cp, message, Some(hint));
                    }
                    Subtitles::File(rel) => {
                        let file = crate::media::resolve(&self.source.dir, rel).unwrap_or_default();
                        let text = std::fs::read_to_string(&file).unwrap_or_default();
                        // The cue's text is on the lines after its timing line.
                        let line_no = cue.line + 1;
                        let line = text.lines().nth(line_no - 1).unwrap_or("").to_owned();
                        let width = line.chars().count();
                        self.out.push(
                            crate::diagnostics::Diagnostic::warning(
                                &file,
                                Some(crate::diagnostics::Pos::new(line_no, 1)),
                                message,
                            )
                            .with_width(width)
                            .with_line_text(line)
                            .with_hint(format!("{hint} (in `{rel}`)")),
                        );
                    }
                }
            }
        }
    }

    /// Chapter titles beside the player buttons: one line, cut short with "…" when it is
    /// wider than the room left.
    fn chapter_titles_fit(&mut self, path: &Path, anim: &Animation) {
        if anim.chapters.is_empty() {
            return;
        }
        for lang in self.langs() {
            let w = |key: &str, min: f32| button_w(words().get(&lang, key), min);
            let play = w("play", layout::PLAY_MIN_W).max(w("pause", layout::PLAY_MIN_W));
            let buttons = w("replay", layout::CHAPTER_BUTTON_MIN_W)
                + w("previous_chapter", layout::CHAPTER_BUTTON_MIN_W)
                + play
                + w("next_chapter", layout::CHAPTER_BUTTON_MIN_W);
            let room = layout::SCENE_W - buttons - 4.0 * layout::GAP_X - 3.0 * 10.0 - 20.0;
            for (i, ch) in anim.chapters.iter().enumerate() {
                if !ch.title.has(&lang) {
                    continue;
                }
                let m = text_fit::measure(&ch.title.0[&lang], larger(layout::CHAPTER_TITLE), None);
                if m.width > room {
                    self.warning(
                        &path.field("chapters").index(i).field("title").key(&lang),
                        format!(
                            "chapter title is cut short at larger text ({lang}): {} wide, {} beside the player buttons",
                            px(m.width),
                            px(room.max(0.0))
                        ),
                        Some("shorten it; it shows on one line beside the buttons".into()),
                    );
                }
            }
        }
    }

    /// A slider's label and its value share one line across the controls column.
    fn slider_labels_fit(&mut self, path: &Path, demo: &Demonstration) {
        let size = larger(layout::SLIDER_TEXT);
        for (i, p) in demo.parameters.iter().enumerate() {
            if p.control != simulation::ControlKind::Slider {
                continue;
            }
            // The widest value the slider shows.
            let value = [p.min, p.max, p.default]
                .into_iter()
                .map(|v| {
                    let s = format!(
                        "{} {}",
                        simulation::draw::format_value(v, p.decimals()),
                        p.unit
                    );
                    text_fit::measure(&s, size, None).width
                })
                .fold(0.0, f32::max);
            for lang in self.langs() {
                if !p.label.has(&lang) {
                    continue;
                }
                let label = text_fit::measure(&p.label.0[&lang], size, None).width;
                let room = layout::DEMO_SIDE_W - value - layout::SLIDER_GAP;
                if label > room {
                    self.warning(
                        &path
                            .field("parameters")
                            .index(i)
                            .field("label")
                            .key(&lang),
                        format!(
                            "slider label runs into its value at larger text ({lang}): {} wide, {} left beside the value",
                            px(label),
                            px(room.max(0.0))
                        ),
                        Some("shorten the label; put details in the intro".into()),
                    );
                }
            }
        }
    }
}

/// What is under the centre of layer `i` in frame `f`: the filled shapes drawn before it
/// that cover that point, blended over the stage.
/// Shapes smaller than a quarter of the text (in stage units; `text_area` at the text's
/// own scale of 1) are passing specks, not its background.
fn under(anim: &Animation, f: &[LayerFrame], i: usize, stage: &Ground, text_area: f32) -> Ground {
    let p = f[i].pos;
    let text_area = text_area * f[i].scale * f[i].scale;
    let mut covered: Vec<(&str, [u8; 4], f32)> = Vec::new();
    for (j, layer) in anim.layers.iter().enumerate().take(i) {
        let lf = &f[j];
        if lf.opacity <= 0.003
            || lf.colour[3] == 0
            || !covers(&layer.shape, lf, p)
            || area(&layer.shape) * lf.scale * lf.scale < 0.25 * text_area
        {
            continue;
        }
        covered.push((layer.id.as_str(), lf.colour, lf.opacity));
    }
    let blend = |bg: Rgb| {
        covered.iter().fold(bg, |under, (_, c, o)| {
            contrast::over(*c, f64::from(*o), under)
        })
    };
    match covered.last() {
        None => Ground {
            standard: stage.standard,
            high_contrast: stage.high_contrast,
            name: stage.name.clone(),
            name_high_contrast: stage.name_high_contrast.clone(),
        },
        Some((id, ..)) => {
            let (standard, high_contrast) = (blend(stage.standard), blend(stage.high_contrast));
            let name = format!("layer `{id}` under it (seen as `{}`)", hex(standard));
            let name_high_contrast = if high_contrast == standard {
                name.clone()
            } else {
                format!(
                    "layer `{id}` under it (seen as `{}` in high-contrast mode)",
                    hex(high_contrast)
                )
            };
            Ground {
                standard,
                high_contrast,
                name,
                name_high_contrast,
            }
        }
    }
}

/// A filled shape's area at scale 1 (0 for shapes that draw no ground).
fn area(shape: &AnimShape) -> f32 {
    match shape {
        AnimShape::Circle { radius } => std::f32::consts::PI * radius * radius,
        AnimShape::Ellipse { width, height } => std::f32::consts::PI * width * height / 4.0,
        AnimShape::Rect { width, height, .. } => width * height,
        AnimShape::Polygon { points } => {
            let n = points.len();
            (0..n)
                .map(|k| {
                    let (a, b) = (points[k], points[(k + 1) % n]);
                    a.0 * b.1 - b.0 * a.1
                })
                .sum::<f32>()
                .abs()
                / 2.0
        }
        _ => 0.0,
    }
}

/// Whether a filled shape, placed as `f` says, covers stage point `p`.
fn covers(shape: &AnimShape, f: &LayerFrame, p: (f32, f32)) -> bool {
    if f.scale.is_nan() || f.scale <= 0.0 {
        return false;
    }
    // `p` in the shape's own units: undo the place, the turn (clockwise) and the scale.
    let (dx, dy) = (p.0 - f.pos.0, p.1 - f.pos.1);
    let (sin, cos) = f.rotation.to_radians().sin_cos();
    let (x, y) = (
        (dx * cos + dy * sin) / f.scale,
        (-dx * sin + dy * cos) / f.scale,
    );
    match shape {
        AnimShape::Circle { radius } => x * x + y * y <= radius * radius,
        AnimShape::Ellipse { width, height } => {
            let (a, b) = (width / 2.0, height / 2.0);
            a > 0.0 && b > 0.0 && (x / a).powi(2) + (y / b).powi(2) <= 1.0
        }
        AnimShape::Rect { width, height, .. } => x.abs() <= width / 2.0 && y.abs() <= height / 2.0,
        AnimShape::Polygon { points } => {
            // Even-odd crossing test (polygons are convex, but this holds for any).
            let mut inside = false;
            let n = points.len();
            for k in 0..n {
                let (a, b) = (points[k], points[(k + n - 1) % n]);
                if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 {
                    inside = !inside;
                }
            }
            n >= 3 && inside
        }
        // Lines are thin, pictures' colours unknown, groups and text draw no ground.
        AnimShape::Group
        | AnimShape::Line { .. }
        | AnimShape::Image { .. }
        | AnimShape::Text { .. } => false,
    }
}
