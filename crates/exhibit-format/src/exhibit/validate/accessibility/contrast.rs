//! Colour contrast of text against what is under it: 4.5:1 at least (WCAG 2.x AA), so
//! that visitors with low vision, and everyone in a bright hall, can read it; 7:1 in the
//! kiosk's high-contrast mode, for the visitors who turn it on. Checked for the text
//! layers of animations, the labels and graph legends of demonstrations, and the kiosk's
//! own words over a drawing background the designer chose.

use super::ground::{Ground, under};
use super::{hex, layout, parse};
use crate::animation::{Animation, LayerFrame, Shape as AnimShape, frame};
use crate::contrast::{self, Rgb, Rgba};
use crate::exhibit::Demonstration;
use crate::exhibit::validate::Checker;
use crate::ron_spans::Path;
use crate::text_fit;

/// The worst moment for a text layer: its contrast in the standard and the high-contrast
/// look, the frame's index, and what is under the text then.
type Moment = (f64, f64, usize, Ground);

impl Checker<'_> {
    /// Warns at `path` when `fg` (times `opacity`) on `ground` is under 4.5:1, or under
    /// 7:1 in high-contrast mode.
    fn contrast(&mut self, path: &Path, what: &str, fg: Rgba, opacity: f64, ground: &Ground) {
        let seen = |bg: Rgb| contrast::ratio_over(fg, opacity, bg);
        let (standard, high) = (seen(ground.standard), seen(ground.high_contrast));
        let (colour, faded) = (as_written(fg), faded(opacity));
        if standard < contrast::AA {
            self.warn(
                path,
                format!(
                    "low contrast: {what} `{colour}`{faded} on {} is {}, needs 4.5:1",
                    ground.name,
                    contrast::format_ratio(standard)
                ),
                "visitors with low vision, and everyone in a bright hall, cannot read it; \
                 make the text lighter or the background darker (or the other way round), \
                 aiming at 7:1",
            );
        } else if high < contrast::AAA {
            self.warn(
                path,
                format!(
                    "{what} `{colour}`{faded} on {} is {}: high-contrast mode asks 7:1",
                    ground.name_high_contrast,
                    contrast::format_ratio(high)
                ),
                "enough for most visitors, but those who turn on high contrast need more; \
                 make the text lighter or the background darker (or the other way round)",
            );
        }
    }

    // --- Animations ------------------------------------------------------------------------

    /// Text layers, at each moment the text is at its most opaque: its colour on what is
    /// under its centre then (the shapes drawn before it, over the stage background).
    /// Moments are the start, the end and every keyframe's start and end, where every
    /// value is one the designer wrote.
    pub(super) fn animation_contrast(&mut self, path: &Path, anim: &Animation) {
        let texts: Vec<usize> = (0..anim.layers.len())
            .filter(|&i| matches!(anim.layers[i].shape, AnimShape::Text { .. }))
            .collect();
        if texts.is_empty() {
            return;
        }
        let stage = Ground::of(anim.background.as_deref(), "stage background");
        let times = moments(anim);
        let frames: Vec<Vec<LayerFrame>> = times.iter().map(|&t| frame(anim, t, false)).collect();
        let text_area = self.text_areas(anim);
        for &i in &texts {
            let peak = frames.iter().map(|f| f[i].opacity).fold(0.0, f32::max);
            if peak <= 0.003 {
                continue;
            }
            let Some((_, _, k, ground)) =
                worst_moment(anim, &frames, i, peak, &stage, text_area[i])
            else {
                continue;
            };
            let me = &frames[k][i];
            let at = colour_path(&path.field("layers").index(i), anim, i, times[k], me.colour);
            self.contrast(&at, "text", me.colour, f64::from(peak), &ground);
        }
    }

    /// Each layer's area if it is text, at its own size (first language; 0 for other
    /// layers), to tell the shape it sits on from a speck passing behind it.
    fn text_areas(&self, anim: &Animation) -> Vec<f32> {
        let lang = self.exhibit.languages.first().cloned().unwrap_or_default();
        anim.layers
            .iter()
            .map(|l| match &l.shape {
                AnimShape::Text { text, size, width } => {
                    let m = text_fit::measure(text.get(&lang, &lang), *size, *width);
                    m.width * m.height
                }
                _ => 0.0,
            })
            .collect()
    }

    // --- Demonstrations --------------------------------------------------------------------

    /// Labels and arrow labels on the drawing, graph legends on the graph, and the
    /// kiosk's own words over a background the designer chose.
    pub(super) fn demonstration_contrast(&mut self, path: &Path, demo: &Demonstration) {
        let ground = Ground::of(demo.view.background.as_deref(), "drawing background");
        self.shape_labels_contrast(path, demo, &ground);
        self.graph_legends_contrast(path, demo);
        // The kiosk writes on the drawing too: the drag hint and the scale bar's label.
        if demo.view.background.as_deref().and_then(parse).is_some() {
            let bp = path.field("view").field("background");
            self.kiosk_words_contrast(&bp, demo, ground.standard);
        }
    }

    /// Labels and arrow labels, in each colour they can take, on the drawing's `ground`.
    fn shape_labels_contrast(&mut self, path: &Path, demo: &Demonstration, ground: &Ground) {
        for (i, shape) in demo.shapes.iter().enumerate() {
            let (what, colour) = match shape {
                simulation::Shape::Label { colour, .. } => ("label", colour),
                simulation::Shape::Arrow {
                    colour,
                    label: Some(_),
                    ..
                } => ("arrow label", colour),
                _ => continue,
            };
            let cp = path.field("shapes").index(i).field("colour");
            match colour {
                simulation::Colour::Fixed(c) => {
                    if let Some(c) = parse(c) {
                        self.contrast(&cp, what, c, 1.0, ground);
                    }
                }
                simulation::Colour::Blend { low, high, .. } => {
                    for (end, c) in [("low", low), ("high", high)] {
                        if let Some(c) = parse(c) {
                            self.contrast(&cp.field(end), what, c, 1.0, ground);
                        }
                    }
                }
            }
        }
    }

    /// The graph's legends, on the kiosk's graph background.
    fn graph_legends_contrast(&mut self, path: &Path, demo: &Demonstration) {
        let Some(g) = &demo.graph else {
            return;
        };
        let graph_ground = Ground::kiosk_surface("the graph's background");
        for (i, s) in g.series.iter().enumerate() {
            if let Some(c) = parse(&s.colour) {
                let sp = path.field("graph").field("series").index(i).field("colour");
                self.contrast(&sp, "graph legend", c, 1.0, &graph_ground);
            }
        }
    }

    /// The kiosk's own words on the drawing background `bg` the designer chose (at
    /// `path`): they are written in fixed light colours, so only the background can fix
    /// them.
    fn kiosk_words_contrast(&mut self, path: &Path, demo: &Demonstration, bg: Rgb) {
        for (what, standard, high) in kiosk_words(demo) {
            let (rs, rh) = (contrast::ratio(standard, bg), contrast::ratio(high, bg));
            if rs < contrast::AA || rh < contrast::AAA {
                let (r, needs) = if rs < contrast::AA {
                    (rs, "4.5:1")
                } else {
                    (rh, "7:1 in high-contrast mode")
                };
                self.warn(
                    path,
                    format!(
                        "low contrast: {what} (`{}`) on the drawing background `{}` is {}, needs {needs}",
                        hex(standard),
                        hex(bg),
                        contrast::format_ratio(r)
                    ),
                    "the kiosk writes in light colours; choose a dark background",
                );
            }
        }
    }
}

/// The moments to judge an animation's text at: the start, the end and every keyframe's
/// start and end, in order, each once.
fn moments(anim: &Animation) -> Vec<f32> {
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
    times
}

/// The worst moment for text layer `i` while it is fully shown (at its `peak` opacity):
/// the lowest contrast, then the lowest in high-contrast mode.
fn worst_moment(
    anim: &Animation,
    frames: &[Vec<LayerFrame>],
    i: usize,
    peak: f32,
    stage: &Ground,
    text_area: f32,
) -> Option<Moment> {
    let mut worst: Option<Moment> = None;
    for (k, f) in frames.iter().enumerate() {
        let me = &f[i];
        if me.opacity < peak - 0.01 {
            continue;
        }
        let ground = under(anim, f, i, stage, text_area);
        let seen = |bg: Rgb| contrast::ratio_over(me.colour, f64::from(peak), bg);
        let score = (seen(ground.standard), seen(ground.high_contrast));
        if worst
            .as_ref()
            .is_none_or(|w| score.0 < w.0 || (score.0 == w.0 && score.1 < w.1))
        {
            worst = Some((score.0, score.1, k, ground));
        }
    }
    worst
}

/// Where the colour `colour` of layer `i` (at `lp`) in force at time `t` is written: the
/// last keyframe that reached it, or the layer's own.
fn colour_path(lp: &Path, anim: &Animation, i: usize, t: f32, colour: Rgba) -> Path {
    anim.layers[i]
        .keys
        .iter()
        .enumerate()
        .filter(|(_, key)| key.at <= t + 1e-4)
        .filter(|(_, key)| key.colour.as_deref().and_then(parse) == Some(colour))
        .map(|(n, _)| lp.field("keys").index(n).field("colour"))
        .next_back()
        .unwrap_or_else(|| lp.field("colour"))
}

/// The kiosk's own words on a demonstration's drawing, with their colour in the standard
/// and the high-contrast look: the drag hint when a shape can be dragged, the scale bar's
/// label when there is a ruler.
fn kiosk_words(demo: &Demonstration) -> Vec<(&'static str, Rgb, Rgb)> {
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
    own
}

/// A text colour as a designer writes it: `#rrggbb`, or `#rrggbbaa` when it is see-through.
fn as_written(fg: Rgba) -> String {
    if fg[3] == 255 {
        hex([fg[0], fg[1], fg[2]])
    } else {
        format!("{}{:02x}", hex([fg[0], fg[1], fg[2]]), fg[3])
    }
}

/// " at opacity 0.5" for text drawn faded, else nothing.
fn faded(opacity: f64) -> String {
    if opacity < 0.999 {
        format!(" at opacity {}", (opacity * 100.0).round() / 100.0)
    } else {
        String::new()
    }
}
