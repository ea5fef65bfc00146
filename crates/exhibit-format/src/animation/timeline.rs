//! Evaluating a timeline: where every layer is, and how it looks, at time `t`. A pure
//! function of the animation, the time and the reduced-motion setting.

use bevy_color::{ColorToPacked, Mix, Oklaba, Srgba};

use super::{Animation, Ease, Layer, ReducedMotion};

/// A movement at least this far (stage points) counts as large under reduced motion.
pub const LARGE_MOVE: f32 = 40.0;
/// A turn at least this large (degrees) counts as large under reduced motion.
pub const LARGE_TURN: f32 = 25.0;
/// A change of scale by at least this factor counts as large under reduced motion.
pub const LARGE_SCALE: f32 = 1.4;
/// Seconds of the fade that replaces a large movement under reduced motion (half out at
/// the old place, half in at the new one; shorter if the movement itself is shorter).
pub const FADE_S: f32 = 0.6;

/// One layer at one moment, on the stage (parents applied).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerFrame {
    /// Position of the layer's centre, stage points.
    pub pos: (f32, f32),
    /// Rotation, degrees clockwise.
    pub rotation: f32,
    /// Scale.
    pub scale: f32,
    /// Opacity, 0 to 1.
    pub opacity: f32,
    /// Colour, sRGB with alpha, 0 to 255.
    pub colour: [u8; 4],
}

/// Every layer of `anim` at time `t` seconds, in layer order. With `reduced_motion`, large
/// movements, turns and size changes become fades or cuts (per layer, see
/// [`ReducedMotion`]).
pub fn frame(anim: &Animation, t: f32, reduced_motion: bool) -> Vec<LayerFrame> {
    let mut out: Vec<LayerFrame> = Vec::with_capacity(anim.layers.len());
    for layer in &anim.layers {
        let local = local(layer, t, reduced_motion);
        let parent = layer
            .parent
            .as_deref()
            .and_then(|p| anim.layers.iter().position(|l| l.id == p))
            .and_then(|i| out.get(i));
        out.push(match parent {
            None => local,
            Some(p) => {
                let (s, c) = p.rotation.to_radians().sin_cos();
                let (x, y) = (local.pos.0 * p.scale, local.pos.1 * p.scale);
                LayerFrame {
                    pos: (p.pos.0 + x * c - y * s, p.pos.1 + x * s + y * c),
                    rotation: p.rotation + local.rotation,
                    scale: p.scale * local.scale,
                    opacity: p.opacity * local.opacity,
                    colour: local.colour,
                }
            }
        });
    }
    out
}

/// Where a value is at `t`: settled, or between two keyframes.
enum At<T> {
    Settled(T),
    Moving {
        from: T,
        to: T,
        start: f32,
        end: f32,
        ease: Ease,
    },
}

impl<T: Copy> At<T> {
    fn value(&self, t: f32, lerp: impl Fn(T, T, f32) -> T) -> T {
        match *self {
            At::Settled(v) => v,
            At::Moving {
                from,
                to,
                start,
                end,
                ease,
            } => {
                let u = if end > start {
                    (t - start) / (end - start)
                } else {
                    1.0
                };
                lerp(from, to, ease.progress(u))
            }
        }
    }
}

/// One property's track: the starting value, then each keyframe that sets it.
fn track<T: Copy>(
    layer: &Layer,
    start: T,
    t: f32,
    pick: impl Fn(&super::Key) -> Option<T>,
) -> At<T> {
    let mut prev = (0.0_f32, start);
    for key in &layer.keys {
        let Some(v) = pick(key) else { continue };
        if t < key.at {
            return At::Moving {
                from: prev.1,
                to: v,
                start: prev.0.max(key.from.unwrap_or(prev.0)),
                end: key.at,
                ease: key.ease,
            };
        }
        prev = (key.at, v);
    }
    At::Settled(prev.1)
}

fn lerp(a: f32, b: f32, u: f32) -> f32 {
    a + (b - a) * u
}

fn lerp2(a: (f32, f32), b: (f32, f32), u: f32) -> (f32, f32) {
    (lerp(a.0, b.0, u), lerp(a.1, b.1, u))
}

/// Colours blend in Oklab, so halfway looks halfway (no muddy grey between complements).
fn mix_colour(a: [u8; 4], b: [u8; 4], u: f32) -> [u8; 4] {
    let oklab = |c: [u8; 4]| Oklaba::from(Srgba::rgba_u8(c[0], c[1], c[2], c[3]));
    Srgba::from(oklab(a).mix(&oklab(b), u.clamp(0.0, 1.0))).to_u8_array()
}

/// Parses `"#rrggbb"` / `"#rrggbbaa"`; white when absent or unreadable (the validator
/// reports unreadable colours).
pub fn colour_or_white(c: Option<&str>) -> [u8; 4] {
    c.and_then(simulation::parse_colour)
        .unwrap_or([255, 255, 255, 255])
}

/// The layer on its own (before its parent), at `t`.
fn local(layer: &Layer, t: f32, reduced: bool) -> LayerFrame {
    let pos = track(layer, layer.at, t, |k| k.pos);
    let rotation = track(layer, layer.rotation, t, |k| k.rotation);
    let scale = track(layer, layer.scale, t, |k| k.scale);
    let opacity = track(layer, layer.opacity, t, |k| k.opacity);
    let base = colour_or_white(layer.colour.as_deref());
    let colour = track(layer, base, t, |k| {
        k.colour.as_deref().map(|c| colour_or_white(Some(c)))
    });

    let mut f = LayerFrame {
        pos: pos.value(t, lerp2),
        rotation: rotation.value(t, lerp),
        scale: scale.value(t, lerp),
        opacity: opacity.value(t, lerp).clamp(0.0, 1.0),
        colour: colour.value(t, mix_colour),
    };
    if reduced && layer.reduced_motion == ReducedMotion::Still {
        f.pos = layer.at;
        f.rotation = layer.rotation;
        f.scale = layer.scale;
    } else if reduced && layer.reduced_motion != ReducedMotion::Keep {
        let large_move = |a: (f32, f32), b: (f32, f32)| (b.0 - a.0).hypot(b.1 - a.1) >= LARGE_MOVE;
        let large_turn = |a: f32, b: f32| (b - a).abs() >= LARGE_TURN;
        let large_scale = |a: f32, b: f32| {
            let (lo, hi) = (a.min(b).max(1e-6), a.max(b));
            hi / lo >= LARGE_SCALE
        };
        let mut dip = 1.0_f32;
        if let Some((v, d)) = calm(&pos, t, large_move, layer.reduced_motion) {
            f.pos = v;
            dip = dip.min(d);
        }
        if let Some((v, d)) = calm(&rotation, t, large_turn, layer.reduced_motion) {
            f.rotation = v;
            dip = dip.min(d);
        }
        if let Some((v, d)) = calm(&scale, t, large_scale, layer.reduced_motion) {
            f.scale = v;
            dip = dip.min(d);
        }
        f.opacity *= dip;
    }
    f
}

/// Under reduced motion: if the value is on a large movement, the value it shows instead
/// (the old one until halfway, then the new one) and an opacity factor (a dip to zero
/// around halfway for `Fade`, none for `Cut`).
fn calm<T: Copy>(
    at: &At<T>,
    t: f32,
    large: impl Fn(T, T) -> bool,
    how: ReducedMotion,
) -> Option<(T, f32)> {
    let At::Moving {
        from,
        to,
        start,
        end,
        ease,
    } = *at
    else {
        return None;
    };
    if ease == Ease::Cut || !large(from, to) || t < start {
        return None;
    }
    let mid = (start + end) / 2.0;
    let value = if t < mid { from } else { to };
    let half = FADE_S.min(end - start) / 2.0;
    let dip = if how == ReducedMotion::Fade && half > 0.0 {
        ((t - mid).abs() / half).min(1.0)
    } else {
        1.0
    };
    Some((value, dip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::animation::{Key, Shape};

    fn key(at: f32) -> Key {
        Key {
            at,
            from: None,
            pos: None,
            rotation: None,
            scale: None,
            opacity: None,
            colour: None,
            ease: Ease::Linear,
        }
    }

    fn layer(id: &str, keys: Vec<Key>) -> Layer {
        Layer {
            id: id.into(),
            shape: Shape::Circle { radius: 10.0 },
            parent: None,
            at: (0.0, 0.0),
            rotation: 0.0,
            scale: 1.0,
            opacity: 1.0,
            colour: None,
            outline: None,
            keys,
            reduced_motion: ReducedMotion::Fade,
        }
    }

    fn anim(layers: Vec<Layer>) -> Animation {
        Animation {
            stage: (1600.0, 900.0),
            background: None,
            length: None,
            looping: false,
            chapters: Vec::new(),
            narration: Default::default(),
            subtitles: Default::default(),
            layers,
            file_cues: Default::default(),
            narration_s: Default::default(),
        }
    }

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-3
    }

    #[test]
    fn values_move_between_keyframes_and_hold_after_the_last() {
        let a = anim(vec![layer(
            "ball",
            vec![
                Key {
                    pos: Some((100.0, 0.0)),
                    ..key(2.0)
                },
                Key {
                    pos: Some((100.0, 200.0)),
                    ..key(4.0)
                },
            ],
        )]);
        assert!(close(frame(&a, 0.0, false)[0].pos, (0.0, 0.0)));
        assert!(close(frame(&a, 1.0, false)[0].pos, (50.0, 0.0)));
        assert!(close(frame(&a, 2.0, false)[0].pos, (100.0, 0.0)));
        assert!(close(frame(&a, 3.0, false)[0].pos, (100.0, 100.0)));
        assert!(close(frame(&a, 9.0, false)[0].pos, (100.0, 200.0)));
    }

    #[test]
    fn each_property_keeps_its_own_track_and_from_delays_a_change() {
        let a = anim(vec![layer(
            "ball",
            vec![
                Key {
                    opacity: Some(0.0),
                    from: Some(3.0),
                    ..key(4.0)
                },
                Key {
                    scale: Some(3.0),
                    ..key(6.0)
                },
            ],
        )]);
        // Opacity holds until 3 s, then fades over one second.
        assert_eq!(frame(&a, 2.9, false)[0].opacity, 1.0);
        assert!((frame(&a, 3.5, false)[0].opacity - 0.5).abs() < 1e-5);
        // Scale runs from 0 s to 6 s, unaffected by the opacity keyframe.
        assert!((frame(&a, 3.0, false)[0].scale - 2.0).abs() < 1e-5);
    }

    #[test]
    fn easing_shapes_the_way_between_keyframes() {
        let a = anim(vec![layer(
            "ball",
            vec![Key {
                pos: Some((100.0, 0.0)),
                ease: Ease::QuadraticIn,
                ..key(1.0)
            }],
        )]);
        assert!(close(frame(&a, 0.5, false)[0].pos, (25.0, 0.0)));
    }

    #[test]
    fn children_move_turn_and_fade_with_their_parent() {
        let mut arm = layer(
            "arm",
            vec![Key {
                rotation: Some(90.0),
                opacity: Some(0.5),
                ..key(1.0)
            }],
        );
        arm.at = (800.0, 450.0);
        let mut earth = layer("earth", vec![]);
        earth.parent = Some("arm".into());
        earth.at = (100.0, 0.0);
        let a = anim(vec![arm, earth]);
        let start = frame(&a, 0.0, false);
        assert!(close(start[1].pos, (900.0, 450.0)));
        // A quarter turn clockwise on screen (y down): from the right to below.
        let end = frame(&a, 1.0, false);
        assert!(close(end[1].pos, (800.0, 550.0)), "{:?}", end[1].pos);
        assert!((end[1].rotation - 90.0).abs() < 1e-4);
        assert!((end[1].opacity - 0.5).abs() < 1e-6);
    }

    #[test]
    fn colours_blend_and_land_exactly() {
        let mut l = layer(
            "sky",
            vec![Key {
                colour: Some("#0000ff".into()),
                ..key(2.0)
            }],
        );
        l.colour = Some("#ff0000".into());
        let a = anim(vec![l]);
        assert_eq!(frame(&a, 0.0, false)[0].colour, [255, 0, 0, 255]);
        assert_eq!(frame(&a, 2.0, false)[0].colour, [0, 0, 255, 255]);
        let mid = frame(&a, 1.0, false)[0].colour;
        // A purple, brighter than the muddy (128, 0, 128) of blending in sRGB.
        assert!(mid[0] > 120 && mid[2] > 120 && mid[1] < 100, "{mid:?}");
    }

    #[test]
    fn reduced_motion_turns_large_moves_into_fades_and_leaves_small_ones() {
        let far = Key {
            pos: Some((400.0, 0.0)),
            ..key(2.0)
        };
        let near = Key {
            pos: Some((10.0, 0.0)),
            ..key(2.0)
        };
        let a = anim(vec![
            layer("far", vec![far.clone()]),
            layer("near", vec![near]),
        ]);
        // Before halfway the far layer stays put, fading out as halfway nears.
        let f = frame(&a, 0.5, true);
        assert!(close(f[0].pos, (0.0, 0.0)));
        assert_eq!(f[0].opacity, 1.0);
        let f = frame(&a, 0.85, true);
        assert!(close(f[0].pos, (0.0, 0.0)));
        assert!(f[0].opacity < 0.6);
        // Just after halfway it is at the new place, fading in.
        let f = frame(&a, 1.05, true);
        assert!(close(f[0].pos, (400.0, 0.0)));
        assert!(f[0].opacity < 0.3);
        assert_eq!(frame(&a, 1.5, true)[0].opacity, 1.0);
        // The small move runs as usual.
        assert!(close(frame(&a, 1.0, true)[1].pos, (5.0, 0.0)));
        // Without the setting, the far layer moves.
        assert!(close(frame(&a, 1.0, false)[0].pos, (200.0, 0.0)));

        let mut cut = layer("cut", vec![far.clone()]);
        cut.reduced_motion = ReducedMotion::Cut;
        let mut keep = layer("keep", vec![far]);
        keep.reduced_motion = ReducedMotion::Keep;
        let a = anim(vec![cut, keep]);
        let f = frame(&a, 1.05, true);
        assert!(close(f[0].pos, (400.0, 0.0)));
        assert_eq!(f[0].opacity, 1.0);
        assert!(close(f[1].pos, (210.0, 0.0)));

        // Still: a shake of small steps holds its place, and keeps its fade.
        let mut shake = layer(
            "shake",
            vec![
                Key {
                    pos: Some((8.0, 0.0)),
                    opacity: Some(0.5),
                    ..key(0.1)
                },
                Key {
                    pos: Some((-8.0, 0.0)),
                    ..key(0.2)
                },
            ],
        );
        shake.reduced_motion = ReducedMotion::Still;
        let a = anim(vec![shake]);
        let f = frame(&a, 0.125, true);
        assert!(close(f[0].pos, (0.0, 0.0)));
        assert!((f[0].opacity - 0.5).abs() < 1e-6);
        assert!(close(frame(&a, 0.125, false)[0].pos, (4.0, 0.0)));
    }

    #[test]
    fn reduced_motion_calms_a_spinning_parent_and_its_children() {
        let mut arm = layer(
            "arm",
            vec![Key {
                rotation: Some(180.0),
                ..key(4.0)
            }],
        );
        arm.shape = Shape::Group;
        let mut moon = layer("moon", vec![]);
        moon.parent = Some("arm".into());
        moon.at = (100.0, 0.0);
        let a = anim(vec![arm, moon]);
        let f = frame(&a, 1.0, true);
        assert!(close(f[1].pos, (100.0, 0.0)));
        let f = frame(&a, 2.1, true);
        assert!(close(f[1].pos, (-100.0, 0.0)), "{:?}", f[1].pos);
        assert!(f[1].opacity < 0.5);
    }
}
