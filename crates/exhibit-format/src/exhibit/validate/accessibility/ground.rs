//! What text is drawn on, for the contrast checks: a background the designer chose or the
//! kiosk's own surface, in the standard and the high-contrast look; under animated text,
//! the filled shapes behind it. Text must stand out from this by 4.5:1, 7:1 in
//! high-contrast mode, so the ground is named in the warning as the designer knows it.

use super::{hex, layout, parse};
use crate::animation::{Animation, LayerFrame, Shape as AnimShape};
use crate::contrast::{self, Rgb};

/// What text is drawn on: its colour in the standard and the high-contrast look, and how
/// a designer knows it.
#[derive(Clone)]
pub(super) struct Ground {
    /// Its colour in the standard look.
    pub(super) standard: Rgb,
    /// Its colour in high-contrast mode.
    pub(super) high_contrast: Rgb,
    /// E.g. "the stage background `#0b2233`".
    pub(super) name: String,
    /// Its name in high-contrast mode, when it changes there.
    pub(super) name_high_contrast: String,
}

impl Ground {
    /// A background the designer chose (`Some`), else the kiosk's surface in each look.
    pub(super) fn of(chosen: Option<&str>, what: &str) -> Ground {
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

    /// The kiosk's surface colour in each look, named `what`.
    pub(super) fn kiosk_surface(what: &str) -> Ground {
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

    /// `layers` (colour and opacity, in drawing order) over `stage`, named for the top
    /// one, `id`.
    fn layers_over(stage: &Ground, id: &str, layers: &[Cover]) -> Ground {
        let blend = |bg: Rgb| {
            layers.iter().fold(bg, |under, (_, c, o)| {
                contrast::over(*c, f64::from(*o), under)
            })
        };
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

/// A filled layer under text: its id, colour and opacity.
type Cover<'a> = (&'a str, [u8; 4], f32);

/// What is under the centre of layer `i` in frame `f`: the filled shapes drawn before it
/// that cover that point, blended over the stage.
pub(super) fn under(
    anim: &Animation,
    f: &[LayerFrame],
    i: usize,
    stage: &Ground,
    text_area: f32,
) -> Ground {
    let covers = covering(anim, f, i, text_area);
    match covers.last() {
        None => stage.clone(),
        Some((id, ..)) => Ground::layers_over(stage, id, &covers),
    }
}

/// The layers drawn before layer `i` in frame `f` that cover its centre, in drawing order.
/// Shapes smaller than a quarter of the text (in stage units; `text_area` at the text's
/// own scale of 1) are passing specks, not its background.
fn covering<'a>(anim: &'a Animation, f: &[LayerFrame], i: usize, text_area: f32) -> Vec<Cover<'a>> {
    let p = f[i].pos;
    let text_area = text_area * f[i].scale * f[i].scale;
    let mut covered: Vec<Cover<'a>> = Vec::new();
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
    covered
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
        AnimShape::Polygon { points } => polygon_holds(points, (x, y)),
        // Lines are thin, pictures' colours unknown, groups and text draw no ground.
        AnimShape::Group
        | AnimShape::Line { .. }
        | AnimShape::Image { .. }
        | AnimShape::Text { .. } => false,
    }
}

/// Whether polygon `points` holds `(x, y)`: even-odd crossing test (polygons are convex,
/// but this holds for any).
fn polygon_holds(points: &[(f32, f32)], (x, y): (f32, f32)) -> bool {
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
