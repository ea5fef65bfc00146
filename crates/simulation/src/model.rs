//! What an exhibit designer writes for a demonstration: plain serde types.
//!
//! `L` is the type of visitor text (labels, the intro); the kiosk uses its per-language
//! `Text`. Every expression is a string, compiled by [`crate::compile`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A live simulation a visitor plays with: parameters, state, equations, and how it looks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demonstration<L> {
    /// A short explanation shown above the simulation (default: none).
    #[serde(default = "Option::default")]
    pub intro: Option<L>,
    /// What the visitor (or the designer) can set.
    #[serde(default = "Vec::new")]
    pub parameters: Vec<Parameter<L>>,
    /// The state variables and their starting values.
    pub state: Vec<StateVar>,
    /// The time derivative of each state variable: `{"x": "vx", "vx": "-k / m * x"}`.
    pub equations: BTreeMap<String, String>,
    /// Named quantities worked out from the state (energy, position of a bob, …), in
    /// order: each may use those before it.
    #[serde(default = "Vec::new")]
    pub derived: Vec<Derived<L>>,
    /// Things that happen when a condition becomes true ("stop when y < 0").
    #[serde(default = "Vec::new")]
    pub events: Vec<Event<L>>,
    /// How the equations are stepped (default `Rk4`).
    #[serde(default)]
    pub integrator: Integrator,
    /// Simulation time step in seconds (default 0.001); independent of the frame rate.
    #[serde(default = "default_step")]
    pub step: f64,
    /// Simulated time units per real second (default 1; 0.1 for a year every 10 s when
    /// the model counts time in years).
    #[serde(default = "one")]
    pub speed: f64,
    /// The unit the model counts time in, as visitors read it, e.g.
    /// `{"zh-Hans": "年", "en": "yr"}` (default: seconds).
    #[serde(default = "Option::default")]
    pub time_unit: Option<L>,
    /// Start paused, waiting for Play (default false: it runs at once).
    #[serde(default)]
    pub paused: bool,
    /// The world the shapes live in.
    pub view: View,
    /// What is drawn, back to front.
    #[serde(default = "Vec::new")]
    pub shapes: Vec<Shape<L>>,
    /// Derived quantities shown as "label: value unit" beside the simulation.
    #[serde(default = "Vec::new")]
    pub readouts: Vec<String>,
    /// A live graph (default: none).
    #[serde(default = "Option::default")]
    pub graph: Option<Graph<L>>,
}

fn default_step() -> f64 {
    0.001
}

fn one() -> f64 {
    1.0
}

/// Something that can be set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter<L> {
    /// Name used in expressions and in the usage log.
    pub id: String,
    /// What the visitor reads next to the control.
    pub label: L,
    /// Unit shown after the value (default: none).
    #[serde(default)]
    pub unit: String,
    /// How it is set (default `Slider`).
    #[serde(default)]
    pub control: ControlKind,
    /// Lowest value (sliders).
    #[serde(default)]
    pub min: f64,
    /// Highest value (sliders).
    #[serde(default = "one")]
    pub max: f64,
    /// Slider step, and the change of one gamepad press (default: a hundredth of the range).
    #[serde(default)]
    pub step: Option<f64>,
    /// Starting value (toggles: 0 off, 1 on).
    pub default: f64,
    /// Decimals shown (default: from the step).
    #[serde(default)]
    pub decimals: Option<u8>,
}

/// How a parameter is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ControlKind {
    /// A slider from `min` to `max`.
    #[default]
    Slider,
    /// On (1) or off (0).
    Toggle,
    /// Not shown: a constant the designer names (it may still be set by dragging).
    Hidden,
}

/// A state variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateVar {
    /// Name used in expressions.
    pub id: String,
    /// Starting value: an expression over parameters (changing one of those restarts the run).
    pub initial: String,
}

/// A named quantity worked out from state, parameters and time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derived<L> {
    /// Name used in expressions.
    pub id: String,
    /// The formula.
    pub expr: String,
    /// What visitors read in readouts and graphs (default: none; then not shown).
    #[serde(default = "Option::default")]
    pub label: Option<L>,
    /// Unit shown after the value (default: none).
    #[serde(default)]
    pub unit: String,
    /// Decimals shown (default 2).
    #[serde(default = "two")]
    pub decimals: u8,
}

fn two() -> u8 {
    2
}

/// Something that happens once per run, when `when` becomes true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event<L> {
    /// A comparison, `"y < 0"` or `"r > 10"`; the moment it becomes true is found within
    /// the step.
    pub when: String,
    /// What happens then (default `Stop`).
    #[serde(default)]
    pub then: EventAction,
    /// Shown to the visitor when it happens (default: nothing).
    #[serde(default = "Option::default")]
    pub message: Option<L>,
}

/// What an event does.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum EventAction {
    /// The run stops (Reset starts it again).
    #[default]
    Stop,
    /// These state variables stop changing (a ball has landed); the rest goes on. When
    /// every state variable is frozen the run stops.
    Freeze(Vec<String>),
}

/// How the equations are stepped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Integrator {
    /// Classic fourth-order Runge–Kutta: accurate for anything, energy may drift very slowly.
    #[default]
    Rk4,
    /// Implicit midpoint rule: symplectic, so the energy of an undamped pendulum or an
    /// orbit stays bounded however long it runs.
    Symplectic,
}

/// A point as two expressions, `("x", "y")`.
pub type Point = (String, String);

/// The world shown: a window onto the plane, y up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// World units across the drawing area (e.g. 4.0 for four metres).
    pub width: f64,
    /// World point at the centre of the drawing area (default (0, 0)).
    #[serde(default)]
    pub centre: (f64, f64),
    /// Height of the ground line, if any (default: none).
    #[serde(default)]
    pub ground: Option<f64>,
    /// Draw x and y axes through the origin (default false).
    #[serde(default)]
    pub axes: bool,
    /// Draw a scale bar with this unit name, e.g. "m" (default: none).
    #[serde(default)]
    pub ruler: Option<String>,
    /// Background colour (default: the kiosk's dark surface).
    #[serde(default)]
    pub background: Option<String>,
    /// Corner of the drawing area where the readouts sit (default `TopRight`).
    #[serde(default)]
    pub readouts: Corner,
}

/// A corner of the drawing area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Corner {
    /// Top left (below the drag hint).
    TopLeft,
    /// Top right.
    #[default]
    TopRight,
    /// Bottom left (above the ruler).
    BottomLeft,
    /// Bottom right.
    BottomRight,
}

/// Something drawn, bound to the model by expressions. Colours are `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Shape<L> {
    /// A filled disc.
    Circle {
        /// Centre.
        centre: Point,
        /// Radius in world units.
        radius: String,
        /// Fill colour.
        colour: Colour,
        /// Dragging it sets parameters (default: not draggable).
        #[serde(default)]
        drag: Drag,
    },
    /// A filled rectangle turned by `angle` (radians, anticlockwise).
    Rect {
        /// Centre.
        centre: Point,
        /// Width in world units.
        width: String,
        /// Height in world units.
        height: String,
        /// Rotation in radians (default "0").
        #[serde(default = "zero")]
        angle: String,
        /// Fill colour.
        colour: Colour,
        /// Dragging it sets parameters (default: not draggable).
        #[serde(default)]
        drag: Drag,
    },
    /// A straight line or rod.
    Line {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
        /// Thickness in screen points (default 4).
        #[serde(default = "four")]
        width: f32,
        /// Colour.
        colour: Colour,
    },
    /// A coil spring between two points.
    Spring {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
        /// Number of coils (default 10).
        #[serde(default = "ten")]
        coils: u32,
        /// Coil diameter in world units.
        diameter: f64,
        /// Colour.
        colour: Colour,
    },
    /// An arrow from a point along a vector (velocity, force), scaled into world units.
    Arrow {
        /// Where it starts.
        from: Point,
        /// The vector.
        vector: Point,
        /// World units per unit of the vector (default 1).
        #[serde(default = "one")]
        scale: f64,
        /// Colour.
        colour: Colour,
        /// Written at the tip (default: nothing).
        #[serde(default = "Option::default")]
        label: Option<L>,
    },
    /// The path a point has followed in the last `seconds` of simulated time.
    Trail {
        /// The point followed.
        point: Point,
        /// How much of the past is kept, in simulated seconds.
        seconds: f64,
        /// Colour.
        colour: Colour,
    },
    /// A picture from the exhibit folder.
    Image {
        /// File, relative to the exhibit folder.
        file: String,
        /// Centre.
        centre: Point,
        /// Width in world units (the height follows the picture).
        width: String,
        /// Rotation in radians (default "0").
        #[serde(default = "zero")]
        angle: String,
        /// Dragging it sets parameters (default: not draggable).
        #[serde(default)]
        drag: Drag,
        /// What it shows, in words, for visitors who cannot see it (default: none, which
        /// the validator warns about).
        #[serde(default = "Option::default")]
        alt: Option<L>,
    },
    /// Text, optionally followed by a live value and its unit.
    Label {
        /// Where the text is centred.
        at: Point,
        /// The words (default: none).
        #[serde(default = "Option::default")]
        text: Option<L>,
        /// A value shown after the words (default: none).
        #[serde(default = "Option::default")]
        value: Option<String>,
        /// Unit after the value (default: none).
        #[serde(default)]
        unit: String,
        /// Decimals of the value (default 2).
        #[serde(default = "two")]
        decimals: u8,
        /// Colour.
        colour: Colour,
    },
}

impl<L> Shape<L> {
    /// What dragging the shape sets, for the shapes that can be dragged (circles,
    /// rectangles and images).
    pub fn drag(&self) -> Option<&Drag> {
        match self {
            Shape::Circle { drag, .. } | Shape::Rect { drag, .. } | Shape::Image { drag, .. } => {
                Some(drag)
            }
            _ => None,
        }
    }
}

fn zero() -> String {
    "0".into()
}

fn four() -> f32 {
    4.0
}

fn ten() -> u32 {
    10
}

/// A colour, fixed (`"#ffb300"`) or blended by a quantity
/// (`(value: "T", from: 250, to: 320, low: "#3a86ff", high: "#ff3a3a")`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Colour {
    /// Always this colour, `"#rrggbb"`.
    Fixed(String),
    /// From `low` at `from` to `high` at `to`, by the value of `value`.
    Blend {
        /// The expression that picks the colour.
        value: String,
        /// Value shown in `low`.
        from: f64,
        /// Value shown in `high`.
        to: f64,
        /// Colour at `from`.
        low: String,
        /// Colour at `to`.
        high: String,
    },
}

// By hand: RON cannot read serde's untagged enums, and `"#ffb300"` is what designers write.
impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Colour;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    r##"a colour: "#rrggbb", or (value: "…", from: 0, to: 1, low: "#…", high: "#…")"##,
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Colour, E> {
                Ok(Colour::Fixed(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Colour, A::Error> {
                use serde::de::Error;
                let (mut value, mut from, mut to, mut low, mut high) =
                    (None, None, None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" => value = Some(map.next_value()?),
                        "from" => from = Some(map.next_value()?),
                        "to" => to = Some(map.next_value()?),
                        "low" => low = Some(map.next_value()?),
                        "high" => high = Some(map.next_value()?),
                        other => {
                            return Err(A::Error::unknown_field(
                                other,
                                &["value", "from", "to", "low", "high"],
                            ));
                        }
                    }
                }
                Ok(Colour::Blend {
                    value: value.ok_or_else(|| A::Error::missing_field("value"))?,
                    from: from.ok_or_else(|| A::Error::missing_field("from"))?,
                    to: to.ok_or_else(|| A::Error::missing_field("to"))?,
                    low: low.ok_or_else(|| A::Error::missing_field("low"))?,
                    high: high.ok_or_else(|| A::Error::missing_field("high"))?,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// What dragging a shape does: parameter id → expression giving its new value, which may
/// use `drag_x` and `drag_y` (the finger in world coordinates). Empty: not draggable.
pub type Drag = BTreeMap<String, String>;

/// A live graph of quantities over time, or of one quantity against another (phase plot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Graph<L> {
    /// The curves.
    pub series: Vec<Series<L>>,
    /// Horizontal axis: an expression for a phase plot (default: time).
    #[serde(default = "Option::default")]
    pub x: Option<String>,
    /// Label of the horizontal axis of a phase plot (default: none).
    #[serde(default = "Option::default")]
    pub x_label: Option<L>,
    /// Simulated seconds shown (default 10).
    #[serde(default = "ten_f")]
    pub seconds: f64,
    /// Fixed vertical range (default: fits the data shown).
    #[serde(default)]
    pub range: Option<(f64, f64)>,
}

fn ten_f() -> f64 {
    10.0
}

/// One curve of a graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series<L> {
    /// The quantity plotted (an expression).
    pub value: String,
    /// Its name in the legend.
    pub label: L,
    /// Its unit (default: none).
    #[serde(default)]
    pub unit: String,
    /// Colour.
    pub colour: String,
}

impl<L> Parameter<L> {
    /// The step of the slider and of one gamepad press.
    pub fn step(&self) -> f64 {
        match self.control {
            ControlKind::Toggle => 1.0,
            _ => self.step.unwrap_or((self.max - self.min) / 100.0),
        }
    }

    /// `value` kept in range and on the step grid.
    pub fn clamp(&self, value: f64) -> f64 {
        if self.control == ControlKind::Toggle {
            return if value >= 0.5 { 1.0 } else { 0.0 };
        }
        let (lo, hi) = (self.min.min(self.max), self.max.max(self.min));
        let v = value.clamp(lo, hi);
        let step = self.step();
        if step > 0.0 && step.is_finite() {
            let snapped = lo + ((v - lo) / step).round() * step;
            // Round away float noise such as 0.30000000000000004, relative to the step so
            // that tiny values (6.674e-11) keep their digits.
            let scale = 10f64.powi(9 - step.log10().floor() as i32);
            let clean = (snapped * scale).round() / scale;
            let snapped = if clean.is_finite() { clean } else { snapped };
            snapped.clamp(lo, hi)
        } else {
            v
        }
    }

    /// Decimals shown for the value.
    pub fn decimals(&self) -> usize {
        if let Some(d) = self.decimals {
            return d as usize;
        }
        let step = self.step();
        let mut d = 0;
        while d < 6 && ((step * 10f64.powi(d)).round() - step * 10f64.powi(d)).abs() > 1e-9 {
            d += 1;
        }
        d as usize
    }
}
