//! Easing curves for keyframes: names a designer writes in RON, evaluated by Bevy's own
//! [`EaseFunction`] (the same curves as CSS and most animation tools).

use bevy_math::curve::{Curve, EaseFunction};
use serde::{Deserialize, Serialize};

macro_rules! eases {
    ($($name:ident),* $(,)?) => {
        /// How a value travels from one keyframe to the next. All but `Cut` are Bevy's
        /// easing functions of the same name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
        pub enum Ease {
            /// Holds the old value until the keyframe's time, then jumps.
            Cut,
            /// Starts and ends gently (the default).
            #[default]
            SineInOut,
            $(
                #[allow(missing_docs)]
                $name,
            )*
        }

        impl Ease {
            /// Bevy's curve for this easing; `None` for `Cut`.
            pub fn function(self) -> Option<EaseFunction> {
                match self {
                    Ease::Cut => None,
                    Ease::SineInOut => Some(EaseFunction::SineInOut),
                    $(Ease::$name => Some(EaseFunction::$name),)*
                }
            }
        }
    };
}

eases!(
    Linear,
    QuadraticIn,
    QuadraticOut,
    QuadraticInOut,
    CubicIn,
    CubicOut,
    CubicInOut,
    QuarticIn,
    QuarticOut,
    QuarticInOut,
    QuinticIn,
    QuinticOut,
    QuinticInOut,
    SmoothStepIn,
    SmoothStepOut,
    SmoothStep,
    SmootherStepIn,
    SmootherStepOut,
    SmootherStep,
    SineIn,
    SineOut,
    CircularIn,
    CircularOut,
    CircularInOut,
    ExponentialIn,
    ExponentialOut,
    ExponentialInOut,
    ElasticIn,
    ElasticOut,
    ElasticInOut,
    BackIn,
    BackOut,
    BackInOut,
    BounceIn,
    BounceOut,
    BounceInOut,
);

impl Ease {
    /// Progress (usually 0 to 1; elastic and back curves overshoot) at fraction `u` of
    /// the way between two keyframes.
    pub fn progress(self, u: f32) -> f32 {
        let u = u.clamp(0.0, 1.0);
        match self.function() {
            None => {
                if u >= 1.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Some(f) => f.sample_clamped(u),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_start_at_zero_and_end_at_one() {
        for e in [
            Ease::Linear,
            Ease::SineInOut,
            Ease::BackOut,
            Ease::BounceOut,
        ] {
            assert!(e.progress(0.0).abs() < 1e-6, "{e:?}");
            assert!((e.progress(1.0) - 1.0).abs() < 1e-6, "{e:?}");
        }
        assert!((Ease::Linear.progress(0.25) - 0.25).abs() < 1e-6);
        // Sine in-out is symmetric and slow at both ends.
        assert!((Ease::SineInOut.progress(0.5) - 0.5).abs() < 1e-6);
        assert!(Ease::SineInOut.progress(0.1) < 0.1);
        // Back-out overshoots before settling.
        assert!(Ease::BackOut.progress(0.7) > 1.0);
    }

    #[test]
    fn a_cut_holds_until_the_keyframe() {
        assert_eq!(Ease::Cut.progress(0.0), 0.0);
        assert_eq!(Ease::Cut.progress(0.999), 0.0);
        assert_eq!(Ease::Cut.progress(1.0), 1.0);
    }

    #[test]
    fn names_in_ron_are_bevys() {
        let e: Ease = ron::from_str("QuadraticOut").unwrap();
        assert_eq!(e, Ease::QuadraticOut);
        assert_eq!(e.function(), Some(EaseFunction::QuadraticOut));
    }
}
