//! Demonstrations: live simulations that exhibit designers write in RON.
//!
//! A [`Demonstration`] declares parameters, state variables, equations (the rate of change
//! of each state variable), derived quantities, events and shapes bound to the model by
//! expressions. [`compile`] checks and compiles it into a [`Model`]; a [`Simulation`] steps
//! the model at a fixed time step, and [`draw`] turns its state into a display list. No
//! Bevy here: the kiosk presents it, tests and benchmarks run it directly.

#![warn(missing_docs)]

mod compile;
pub mod draw;
mod expr;
mod model;
mod sim;

pub use compile::{At, CShape, Issue, Model, Rgba, compile, parse_colour};
pub use expr::{CONSTANTS, ExprError, FUNCTIONS, did_you_mean};
pub use model::{
    Colour, ControlKind, Corner, Demonstration, Derived, Drag, Event, EventAction, Graph,
    Integrator, Parameter, Point, Series, Shape, StateVar, View,
};
pub use sim::{FRAME_STEP, Simulation};

use std::collections::BTreeMap;

/// Visitor text as plain per-language strings, for tools that have no kiosk `Text` type.
pub type Words = BTreeMap<String, String>;

/// The demonstrations in an exhibit file, by scene id, with everything else skipped.
/// For tests and benchmarks that read the bundled exhibits without the kiosk.
pub fn demonstrations_in(exhibit_ron: &str) -> Result<Vec<(String, Demonstration<Words>)>, String> {
    #[derive(serde::Deserialize)]
    struct Exhibit {
        scenes: Vec<Scene>,
    }
    #[derive(serde::Deserialize)]
    struct Scene {
        id: String,
        kind: Kind,
    }
    #[derive(serde::Deserialize)]
    enum Kind {
        Demonstration(Box<Demonstration<Words>>),
        Quiz(serde::de::IgnoredAny),
        Animation(serde::de::IgnoredAny),
    }
    let ex: Exhibit = ron_options()
        .from_str(exhibit_ron)
        .map_err(|e| e.to_string())?;
    Ok(ex
        .scenes
        .into_iter()
        .filter_map(|s| match s.kind {
            Kind::Demonstration(d) => Some((s.id, *d)),
            Kind::Quiz(_) | Kind::Animation(_) => None,
        })
        .collect())
}

/// The one RON dialect exhibits are written in: `Some` may be left out, and a variant's
/// single struct needs one pair of parentheses, not two.
///
/// Everything that reads an exhibit file, or a demonstration in one, reads it with these
/// options, so that a file the validator accepts is a file the kiosk loads. Public for that
/// reason: the exhibit format reads through it rather than keeping its own copy of the
/// extensions.
pub fn ron_options() -> ron::Options {
    use ron::extensions::Extensions;
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

#[cfg(test)]
mod tests;
