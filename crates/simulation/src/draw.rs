//! What a demonstration looks like this instant, as a display list in screen points: the
//! kiosk paints it with egui, tests and benchmarks read it directly.

use crate::compile::{CShape, Paint, Rgba, XY};
use crate::expr::Expr;
use crate::model::{Demonstration, Shape, View};
use crate::sim::Simulation;

/// A point on screen, in points from the drawing area's top-left corner.
pub type P = [f32; 2];

/// One thing to paint.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// A filled disc.
    Circle {
        /// Centre.
        centre: P,
        /// Radius in points (at least 1).
        radius: f32,
        /// Fill colour.
        colour: Rgba,
    },
    /// A filled convex polygon.
    Polygon {
        /// Corners, in order.
        points: Vec<P>,
        /// Fill colour.
        colour: Rgba,
    },
    /// A line through points.
    Path {
        /// The points, in order.
        points: Vec<P>,
        /// Thickness in points.
        width: f32,
        /// Colour.
        colour: Rgba,
    },
    /// An arrow.
    Arrow {
        /// Where it starts.
        from: P,
        /// Its tip.
        to: P,
        /// Thickness in points.
        width: f32,
        /// Colour.
        colour: Rgba,
    },
    /// Text centred on a point; `small` for the labels of the ruler and of arrows.
    Text {
        /// Where the text is centred.
        at: P,
        /// The text.
        text: String,
        /// Colour.
        colour: Rgba,
        /// Small type (labels of the ruler and of arrows) rather than the label size.
        small: bool,
    },
    /// A picture from the exhibit folder (the shape's file), turned by `angle` radians.
    Image {
        /// The shape's index in `shapes`, whose `file` is the picture.
        shape: usize,
        /// Centre.
        centre: P,
        /// Width in points (the height follows the picture).
        width: f32,
        /// Rotation in radians, anticlockwise.
        angle: f32,
    },
}

/// Where on screen a draggable shape is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handle {
    /// The shape's index in `shapes`.
    pub shape: usize,
    /// Its centre.
    pub centre: P,
    /// Radius of a circle around the whole shape as drawn.
    pub radius: f32,
    /// How far from the centre a touch still takes it (at least a finger's width).
    pub reach: f32,
}

/// Smallest radius, in points, within which a finger grabs a draggable shape.
pub const MIN_REACH: f32 = 45.0;

/// World ↔ screen for a drawing area of a given size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    /// Points per world unit.
    pub scale: f64,
    /// Screen position of the world origin.
    pub origin: [f64; 2],
}

impl Transform {
    /// The view fitted to a `w` × `h` area: `view.width` across, `view.centre` in the middle.
    pub fn new(view: &View, w: f32, h: f32) -> Self {
        let scale = w as f64 / view.width.max(1e-9);
        Transform {
            scale,
            origin: [
                w as f64 / 2.0 - view.centre.0 * scale,
                h as f64 / 2.0 + view.centre.1 * scale,
            ],
        }
    }
    /// World point to screen.
    pub fn to_screen(&self, x: f64, y: f64) -> P {
        [
            (self.origin[0] + x * self.scale) as f32,
            (self.origin[1] - y * self.scale) as f32,
        ]
    }
    /// Screen point to world.
    pub fn to_world(&self, p: P) -> (f64, f64) {
        (
            (p[0] as f64 - self.origin[0]) / self.scale,
            (self.origin[1] - p[1] as f64) / self.scale,
        )
    }
}

fn finite(p: P) -> bool {
    p[0].is_finite() && p[1].is_finite()
}

/// A number as shown to visitors: fixed decimals, no "-0.00".
pub fn format_value(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_owned()
    } else {
        s
    }
}

/// A "nice" length near `target` for a scale bar: 1, 2 or 5 times a power of ten.
pub fn nice_length(target: f64) -> f64 {
    let p = 10f64.powf(target.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .min_by(|a, b| (a - target).abs().total_cmp(&(b - target).abs()))
        .unwrap_or(1.0)
}

/// The display list of `sim` in a `w` × `h` area, plus where the draggable shapes are.
/// `text` gives visitor text in the visitor's language.
pub fn draw<L>(
    demo: &Demonstration<L>,
    sim: &Simulation,
    w: f32,
    h: f32,
    text: &dyn Fn(&L) -> String,
    out: &mut Vec<Prim>,
    handles: &mut Vec<Handle>,
) {
    out.clear();
    handles.clear();
    let tf = Transform::new(&demo.view, w, h);
    draw_view(&demo.view, &tf, w, h, out);
    let mut painter = Painter {
        tf,
        sim,
        vars: sim.vars(),
        text,
        out,
        handles,
    };
    let model = sim.model();
    for (i, (shape, src)) in model.shapes.iter().zip(&demo.shapes).enumerate() {
        let drag = (!model.drags[i].is_empty()).then_some(i);
        painter.shape(i, shape, src, drag);
    }
}

/// What the view itself shows behind the shapes: the ground, the axes and the ruler.
fn draw_view(view: &View, tf: &Transform, w: f32, h: f32, out: &mut Vec<Prim>) {
    if let Some(gy) = view.ground {
        let y = tf.to_screen(0.0, gy)[1].clamp(0.0, h);
        out.push(Prim::Polygon {
            points: vec![[0.0, y], [w, y], [w, h], [0.0, h]],
            colour: [70, 60, 50, 255],
        });
        out.push(path(vec![[0.0, y], [w, y]], 3.0, [150, 130, 100, 255]));
    }
    if view.axes {
        let o = tf.to_screen(0.0, 0.0);
        let grey = [150, 160, 170, 255];
        out.push(path(vec![[0.0, o[1]], [w, o[1]]], 1.5, grey));
        out.push(path(vec![[o[0], 0.0], [o[0], h]], 1.5, grey));
    }
    if let Some(unit) = &view.ruler {
        draw_ruler(view.width, unit, tf, h, out);
    }
}

/// Colour of the scale bar and its label (the validator checks the label's contrast).
pub const RULER_COLOUR: [u8; 4] = [230, 230, 230, 255];

/// A scale bar of a round length near a fifth of the view, bottom left, with its length.
fn draw_ruler(view_width: f64, unit: &str, tf: &Transform, h: f32, out: &mut Vec<Prim>) {
    let white = RULER_COLOUR;
    let len = nice_length(view_width / 5.0);
    let px = (len * tf.scale) as f32;
    let (x0, y0) = (24.0, h - 28.0);
    let bar = vec![[x0, y0 - 8.0], [x0, y0], [x0 + px, y0], [x0 + px, y0 - 8.0]];
    out.push(path(bar, 3.0, white));
    let decimals = if len < 1.0 {
        (-len.log10().floor()) as usize
    } else {
        0
    };
    out.push(Prim::Text {
        at: [x0 + px / 2.0, y0 - 22.0],
        text: format!("{} {unit}", format_value(len, decimals)),
        colour: white,
        small: true,
    });
}

/// A line through `points`.
fn path(points: Vec<P>, width: f32, colour: Rgba) -> Prim {
    Prim::Path {
        points,
        width,
        colour,
    }
}

/// Draws the shapes of one frame.
struct Painter<'a, L> {
    tf: Transform,
    sim: &'a Simulation,
    vars: &'a [f64],
    text: &'a dyn Fn(&L) -> String,
    out: &'a mut Vec<Prim>,
    handles: &'a mut Vec<Handle>,
}

impl<L> Painter<'_, L> {
    /// Shape `i`, compiled as `shape` from `src`; `drag` is `Some(i)` if it can be dragged.
    fn shape(&mut self, i: usize, shape: &CShape, src: &Shape<L>, drag: Option<usize>) {
        match shape {
            CShape::Circle {
                centre,
                radius,
                paint,
            } => self.circle(centre, radius, paint, drag),
            CShape::Rect {
                centre,
                width,
                height,
                angle,
                paint,
            } => self.rect(centre, [width, height, angle], paint, drag),
            CShape::Line {
                from,
                to,
                width,
                paint,
            } => self.line(from, to, *width, paint),
            CShape::Spring {
                from,
                to,
                coils,
                diameter,
                paint,
            } => self.spring(from, to, *coils, *diameter, paint),
            CShape::Arrow {
                from,
                vector,
                scale,
                paint,
            } => self.arrow(from, vector, *scale, paint, src),
            CShape::Trail { paint, index, .. } => self.trail(*index, paint),
            CShape::Image {
                centre,
                width,
                angle,
            } => self.image(i, centre, width, angle, drag),
            CShape::Label { at, value, paint } => self.label(at, value.as_ref(), paint, src),
        }
    }

    /// A world point's two values now.
    fn xy(&self, p: &XY) -> (f64, f64) {
        (p.0.eval(self.vars), p.1.eval(self.vars))
    }

    /// A world point on screen now.
    fn screen(&self, p: &XY) -> P {
        let (x, y) = self.xy(p);
        self.tf.to_screen(x, y)
    }

    /// A length in world units now, in points.
    fn points(&self, e: &Expr) -> f32 {
        (e.eval(self.vars) * self.tf.scale) as f32
    }

    /// A colour now.
    fn colour(&self, p: &Paint) -> Rgba {
        p.rgba(self.vars)
    }

    /// For a draggable shape: where a finger takes it, around `centre`.
    fn grab(&mut self, drag: Option<usize>, centre: P, radius: f32) {
        if let Some(shape) = drag {
            self.handles.push(Handle {
                shape,
                centre,
                radius,
                reach: radius.max(MIN_REACH),
            });
        }
    }

    fn circle(&mut self, centre: &XY, radius: &Expr, paint: &Paint, drag: Option<usize>) {
        let (c, r) = (self.screen(centre), self.points(radius));
        if finite(c) && r.is_finite() {
            let colour = self.colour(paint);
            self.out.push(Prim::Circle {
                centre: c,
                radius: r.max(1.0),
                colour,
            });
            self.grab(drag, c, r);
        }
    }

    /// A rectangle of `[width, height, angle]`, turned about its centre.
    fn rect(
        &mut self,
        centre: &XY,
        [width, height, angle]: [&Expr; 3],
        paint: &Paint,
        drag: Option<usize>,
    ) {
        let (x, y) = self.xy(centre);
        let (hw, hh) = (width.eval(self.vars) / 2.0, height.eval(self.vars) / 2.0);
        let (s, co) = angle.eval(self.vars).sin_cos();
        let tf = self.tf;
        let points: Vec<P> = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)]
            .iter()
            .map(|(dx, dy)| tf.to_screen(x + dx * co - dy * s, y + dx * s + dy * co))
            .collect();
        if points.iter().all(|p| finite(*p)) {
            let colour = self.colour(paint);
            self.out.push(Prim::Polygon { points, colour });
            if drag.is_some() {
                let radius = ((hw * hw + hh * hh).sqrt() * tf.scale) as f32;
                self.grab(drag, tf.to_screen(x, y), radius);
            }
        }
    }

    fn line(&mut self, from: &XY, to: &XY, width: f32, paint: &Paint) {
        let points = vec![self.screen(from), self.screen(to)];
        if points.iter().all(|p| finite(*p)) {
            let colour = self.colour(paint);
            self.out.push(path(points, width, colour));
        }
    }

    /// A zig-zag of `coils` between straight ends a tenth long each.
    fn spring(&mut self, from: &XY, to: &XY, coils: u32, diameter: f64, paint: &Paint) {
        let (a, b) = (self.xy(from), self.xy(to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if !(len.is_finite() && len > 0.0) {
            return;
        }
        let (nx, ny) = (-dy / len * diameter / 2.0, dx / len * diameter / 2.0);
        let zig = 2 * coils as usize;
        let mut points = vec![self.tf.to_screen(a.0, a.1)];
        for k in 0..=zig {
            let f = 0.1 + 0.8 * k as f64 / zig as f64;
            let side = if k == 0 || k == zig {
                0.0
            } else if k % 2 == 1 {
                1.0
            } else {
                -1.0
            };
            let (x, y) = (a.0 + dx * f + nx * side, a.1 + dy * f + ny * side);
            points.push(self.tf.to_screen(x, y));
        }
        points.push(self.tf.to_screen(b.0, b.1));
        let colour = self.colour(paint);
        self.out.push(path(points, 3.0, colour));
    }

    /// An arrow along `vector` times `scale`, with the label `src` gives it.
    fn arrow(&mut self, from: &XY, vector: &XY, scale: f64, paint: &Paint, src: &Shape<L>) {
        let (a, v) = (self.xy(from), self.xy(vector));
        let from = self.tf.to_screen(a.0, a.1);
        let to = self.tf.to_screen(a.0 + v.0 * scale, a.1 + v.1 * scale);
        if !(finite(from) && finite(to)) {
            return;
        }
        let colour = self.colour(paint);
        self.out.push(Prim::Arrow {
            from,
            to,
            width: 5.0,
            colour,
        });
        // The label sits beyond the tip, along the arrow, clear of what it starts from; a
        // vanishing arrow has none.
        let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
        let len = (dx * dx + dy * dy).sqrt();
        if let Shape::Arrow { label: Some(l), .. } = src
            && len > 12.0
        {
            self.out.push(Prim::Text {
                at: [to[0] + dx / len * 40.0, to[1] + dy / len * 26.0],
                text: (self.text)(l),
                colour,
                small: true,
            });
        }
    }

    /// The path trail `index` has followed.
    fn trail(&mut self, index: usize, paint: &Paint) {
        let tf = self.tf;
        let points: Vec<P> = (self.sim.trail(index).iter())
            .map(|(_, x, y)| tf.to_screen(*x, *y))
            .filter(|p| finite(*p))
            .collect();
        if points.len() >= 2 {
            let colour = self.colour(paint);
            self.out.push(path(points, 3.0, colour));
        }
    }

    /// Picture `shape` (the shape's own file).
    fn image(
        &mut self,
        shape: usize,
        centre: &XY,
        width: &Expr,
        angle: &Expr,
        drag: Option<usize>,
    ) {
        let (c, wpx) = (self.screen(centre), self.points(width));
        if finite(c) && wpx.is_finite() {
            self.out.push(Prim::Image {
                shape,
                centre: c,
                width: wpx,
                angle: angle.eval(self.vars) as f32,
            });
            self.grab(drag, c, wpx / 2.0);
        }
    }

    /// Text: the words `src` gives, then the value and its unit.
    fn label(&mut self, at: &XY, value: Option<&Expr>, paint: &Paint, src: &Shape<L>) {
        let pos = self.screen(at);
        let Shape::Label {
            text: words,
            unit,
            decimals,
            ..
        } = src
        else {
            return;
        };
        let mut s = words.as_ref().map(self.text).unwrap_or_default();
        if let Some(v) = value {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&format_value(v.eval(self.vars), *decimals as usize));
            if !unit.is_empty() {
                s.push(' ');
                s.push_str(unit);
            }
        }
        if finite(pos) {
            let colour = self.colour(paint);
            self.out.push(Prim::Text {
                at: pos,
                text: s,
                colour,
                small: false,
            });
        }
    }
}

/// A graph's curves fitted to an area, and the ranges they show.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphLines {
    /// Each series' colour and points.
    pub lines: Vec<(Rgba, Vec<P>)>,
    /// Horizontal range shown (seconds, or the phase plot's x).
    pub x_range: (f64, f64),
    /// Vertical range shown.
    pub y_range: (f64, f64),
}

/// The graph's curves in a `w` × `h` area.
pub fn graph_lines(sim: &Simulation, w: f32, h: f32) -> Option<GraphLines> {
    let graph = sim.model().graph.as_ref()?;
    let (series, x, seconds, range) = (&graph.series, &graph.x, graph.seconds, &graph.range);
    let hist = sim.history();
    let phase = x.is_some();
    let offset = usize::from(phase);
    let t = sim.t();
    let (x0, x1) = if phase {
        let (lo, hi) = hist
            .iter()
            .map(|s| s.1[0])
            .filter(|v| v.is_finite())
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
        if lo > hi { (-1.0, 1.0) } else { pad(lo, hi) }
    } else {
        ((t - seconds).max(0.0), (t - seconds).max(0.0) + seconds)
    };
    let (y0, y1) = match range {
        Some(r) => *r,
        None => {
            let (lo, hi) = hist
                .iter()
                .flat_map(|s| s.1[offset..].iter().copied())
                .filter(|v| v.is_finite())
                .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
            if lo > hi { (-1.0, 1.0) } else { pad(lo, hi) }
        }
    };
    let sx = w as f64 / (x1 - x0);
    let sy = h as f64 / (y1 - y0);
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, (_, colour))| {
            let points = hist
                .iter()
                .map(|s| {
                    let xv = if phase { s.1[0] } else { s.0 };
                    [
                        ((xv - x0) * sx) as f32,
                        (h as f64 - (s.1[offset + k] - y0) * sy) as f32,
                    ]
                })
                .filter(|p| finite(*p))
                .map(|p| [p[0], p[1].clamp(-2.0, h + 2.0)])
                .collect();
            (*colour, points)
        })
        .collect();
    Some(GraphLines {
        lines,
        x_range: (x0, x1),
        y_range: (y0, y1),
    })
}

/// A range with a little room above and below, never empty.
fn pad(lo: f64, hi: f64) -> (f64, f64) {
    let span = (hi - lo).max(1e-9 + lo.abs() * 1e-6);
    (lo - span * 0.08, hi + span * 0.08)
}
