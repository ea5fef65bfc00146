//! Turns a designer's [`Demonstration`] into a [`Model`]: every name resolved to a slot,
//! every expression compiled once, and every problem reported with where it is.

use std::collections::HashMap;

use crate::expr::{CONSTANTS, Expr, FUNCTIONS, Scope, did_you_mean};
use crate::model::{Colour, ControlKind, Demonstration, EventAction, Integrator, Point, Shape};

/// One step of the path from the demonstration to a value in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A struct field (or a field of a shape).
    Field(&'static str),
    /// An element of a list, or a member of a tuple.
    Index(usize),
    /// The value under a key of a map (an equation).
    Key(String),
}

/// A problem in a demonstration.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where the value is, from the demonstration itself.
    pub at: Vec<At>,
    /// For a problem inside an expression: character offset and length within it.
    pub span: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
    /// A warning: the demonstration still runs.
    pub warning: bool,
}

/// Slot of simulated time in the variable array.
pub const T: usize = 0;

/// A point as two compiled expressions.
#[derive(Debug, Clone)]
pub struct XY(pub Expr, pub Expr);

/// A colour, ready to draw.
#[derive(Debug, Clone)]
pub enum Paint {
    /// One colour.
    Fixed(Rgba),
    /// Blended by a value.
    Blend {
        /// The value.
        value: Expr,
        /// Range of the value.
        from: f64,
        /// Range of the value.
        to: f64,
        /// Colour at `from`.
        low: Rgba,
        /// Colour at `to`.
        high: Rgba,
    },
}

/// A colour as red, green, blue, alpha.
pub type Rgba = [u8; 4];

/// A shape with its expressions compiled.
#[derive(Debug, Clone)]
pub enum CShape {
    /// See [`Shape::Circle`].
    Circle {
        centre: XY,
        radius: Expr,
        paint: Paint,
    },
    /// See [`Shape::Rect`].
    Rect {
        centre: XY,
        width: Expr,
        height: Expr,
        angle: Expr,
        paint: Paint,
    },
    /// See [`Shape::Line`].
    Line {
        from: XY,
        to: XY,
        width: f32,
        paint: Paint,
    },
    /// See [`Shape::Spring`].
    Spring {
        from: XY,
        to: XY,
        coils: u32,
        diameter: f64,
        paint: Paint,
    },
    /// See [`Shape::Arrow`].
    Arrow {
        from: XY,
        vector: XY,
        scale: f64,
        paint: Paint,
    },
    /// See [`Shape::Trail`]; `index` numbers the trails.
    Trail {
        point: XY,
        seconds: f64,
        paint: Paint,
        index: usize,
    },
    /// See [`Shape::Image`].
    Image {
        centre: XY,
        width: Expr,
        angle: Expr,
    },
    /// See [`Shape::Label`].
    Label {
        at: XY,
        value: Option<Expr>,
        paint: Paint,
    },
}

/// An event with its condition compiled: it fires when `sign * (lhs - rhs)` turns positive.
#[derive(Debug, Clone)]
pub struct CEvent {
    /// Left side of the comparison.
    pub lhs: Expr,
    /// Right side.
    pub rhs: Expr,
    /// +1 for `>`, -1 for `<`.
    pub sign: f64,
    /// State slots frozen, or `None` to stop the run.
    pub freeze: Option<Vec<usize>>,
}

impl CEvent {
    /// Positive when the condition holds.
    pub fn g(&self, vars: &[f64]) -> f64 {
        self.sign * (self.lhs.eval(vars) - self.rhs.eval(vars))
    }
}

/// A graph with its expressions compiled.
#[derive(Debug, Clone)]
pub struct GraphModel {
    /// Each curve's value and colour.
    pub series: Vec<(Expr, Rgba)>,
    /// The phase plot's horizontal value; `None` plots against time.
    pub x: Option<Expr>,
    /// Simulated seconds kept.
    pub seconds: f64,
    /// A fixed vertical range.
    pub range: Option<(f64, f64)>,
}

/// A compiled demonstration, ready to simulate and draw.
#[derive(Debug, Clone)]
pub struct Model {
    /// Number of state variables (slots 1..=n).
    pub n_state: usize,
    /// Number of parameters (slots after the state).
    pub n_param: usize,
    /// Starting value of each state variable.
    pub initial: Vec<Expr>,
    /// Time derivative of each state variable, in state order.
    pub rates: Vec<Expr>,
    /// Derived quantities, in order.
    pub derived: Vec<Expr>,
    /// Events.
    pub events: Vec<CEvent>,
    /// Which parameters restart the run when changed (they set a starting value).
    pub resets: Vec<bool>,
    /// Parameter defaults.
    pub defaults: Vec<f64>,
    /// Shapes, back to front.
    pub shapes: Vec<CShape>,
    /// For each shape, what dragging it sets: (parameter index, expression).
    pub drags: Vec<Vec<(usize, Expr)>>,
    /// The graph, if one is shown.
    pub graph: Option<GraphModel>,
    /// Indices of derived quantities in the readouts.
    pub readouts: Vec<usize>,
    /// Integration method.
    pub integrator: Integrator,
    /// Time step.
    pub step: f64,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// Start paused.
    pub paused: bool,
}

impl Model {
    /// Size of the variable array: t, state, parameters, derived, drag_x, drag_y.
    pub fn n_vars(&self) -> usize {
        1 + self.n_state + self.n_param + self.derived.len() + 2
    }
    /// Slot of state variable `i`.
    pub fn state_slot(&self, i: usize) -> usize {
        1 + i
    }
    /// Slot of parameter `i`.
    pub fn param_slot(&self, i: usize) -> usize {
        1 + self.n_state + i
    }
    /// Slot of derived quantity `i`.
    pub fn derived_slot(&self, i: usize) -> usize {
        1 + self.n_state + self.n_param + i
    }
    /// Slots of the finger's world position while dragging.
    pub fn drag_slots(&self) -> (usize, usize) {
        let d = 1 + self.n_state + self.n_param + self.derived.len();
        (d, d + 1)
    }
}

/// Parses `#rrggbb` or `#rrggbbaa`.
pub fn parse_colour(s: &str) -> Option<Rgba> {
    let hex = s.strip_prefix('#')?;
    if !(hex.len() == 6 || hex.len() == 8) || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([
        byte(0)?,
        byte(2)?,
        byte(4)?,
        if hex.len() == 8 { byte(6)? } else { 255 },
    ])
}

struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    fn error(&mut self, at: Vec<At>, message: impl Into<String>, hint: Option<String>) {
        self.issues.push(Issue {
            at,
            span: None,
            message: message.into(),
            hint,
            warning: false,
        });
    }

    fn expr(&mut self, at: Vec<At>, src: &str, scope: &Scope) -> Option<Expr> {
        match Expr::compile(src, scope) {
            Ok(e) => Some(e),
            Err(e) => {
                self.issues.push(Issue {
                    at,
                    span: Some((e.offset, e.len)),
                    message: e.message,
                    hint: e.hint,
                    warning: false,
                });
                None
            }
        }
    }

    fn point(&mut self, at: Vec<At>, p: &Point, scope: &Scope) -> Option<XY> {
        let x = self.expr(with(&at, At::Index(0)), &p.0, scope);
        let y = self.expr(with(&at, At::Index(1)), &p.1, scope);
        Some(XY(x?, y?))
    }

    fn colour(&mut self, at: Vec<At>, s: &str) -> Option<Rgba> {
        let c = parse_colour(s);
        if c.is_none() {
            self.error(
                at,
                format!("`{s}` is not a colour"),
                Some("write colours as `#rrggbb`, e.g. `#ffb300`".into()),
            );
        }
        c
    }

    fn paint(&mut self, at: Vec<At>, c: &Colour, scope: &Scope) -> Option<Paint> {
        match c {
            Colour::Fixed(s) => self.colour(at, s).map(Paint::Fixed),
            Colour::Blend {
                value,
                from,
                to,
                low,
                high,
            } => {
                let v = self.expr(with(&at, At::Field("value")), value, scope);
                let l = self.colour(with(&at, At::Field("low")), low);
                let h = self.colour(with(&at, At::Field("high")), high);
                if from == to {
                    self.error(
                        with(&at, At::Field("to")),
                        "`from` and `to` are the same value",
                        None,
                    );
                }
                Some(Paint::Blend {
                    value: v?,
                    from: *from,
                    to: *to,
                    low: l?,
                    high: h?,
                })
            }
        }
    }
}

/// `a < b`, false when either is NaN: a NaN bound or step is as wrong as a reversed one.
fn below(a: f64, b: f64) -> bool {
    a < b
}

fn with(at: &[At], next: At) -> Vec<At> {
    let mut v = at.to_vec();
    v.push(next);
    v
}

fn f(name: &'static str) -> Vec<At> {
    vec![At::Field(name)]
}

/// Names that expressions give a meaning of their own.
fn reserved(name: &str) -> Option<String> {
    if name == "t" {
        Some("`t` is the simulated time".into())
    } else if name == "drag_x" || name == "drag_y" {
        Some(format!("`{name}` is where the finger is while dragging"))
    } else if CONSTANTS.contains(&name) {
        Some(format!("`{name}` is a built-in constant"))
    } else if FUNCTIONS.contains(&name) {
        Some(format!("`{name}` is a built-in function"))
    } else {
        None
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Compiles `demo`, or returns every problem found. Warnings come back with the model.
pub fn compile<L>(demo: &Demonstration<L>) -> Result<(Model, Vec<Issue>), Vec<Issue>> {
    let mut c = Checker { issues: Vec::new() };
    let n_state = demo.state.len();
    let n_param = demo.parameters.len();

    // Names: each once, well formed, not taken by the language itself.
    let mut seen: HashMap<&str, Vec<At>> = HashMap::new();
    let named = demo
        .state
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.id.as_str(),
                vec![At::Field("state"), At::Index(i), At::Field("id")],
            )
        })
        .chain(demo.parameters.iter().enumerate().map(|(i, p)| {
            (
                p.id.as_str(),
                vec![At::Field("parameters"), At::Index(i), At::Field("id")],
            )
        }))
        .chain(demo.derived.iter().enumerate().map(|(i, d)| {
            (
                d.id.as_str(),
                vec![At::Field("derived"), At::Index(i), At::Field("id")],
            )
        }));
    for (name, at) in named {
        if !valid_name(name) {
            c.error(
                at,
                format!("`{name}` cannot be a name in expressions"),
                Some("use letters, digits and `_`, starting with a letter, e.g. `v0`".into()),
            );
        } else if let Some(why) = reserved(name) {
            c.error(
                at,
                format!("`{name}` is taken: {why}"),
                Some("choose another name".into()),
            );
        } else if seen.contains_key(name) {
            c.error(
                at,
                format!("`{name}` is defined twice"),
                Some("state, parameters and derived quantities share one set of names".into()),
            );
        } else {
            seen.insert(name, at);
        }
    }
    if demo.state.is_empty() {
        c.error(
            f("state"),
            "a demonstration needs at least one state variable",
            Some(r#"e.g. `state: [(id: "x", initial: "0")]`"#.into()),
        );
    }

    // Scopes.
    let mut params_only = Scope::default();
    for (i, p) in demo.parameters.iter().enumerate() {
        params_only.add(&p.id, 1 + n_state + i);
    }
    for s in &demo.state {
        params_only.bar(&s.id, "a starting value may use parameters only");
    }
    for d in &demo.derived {
        params_only.bar(&d.id, "a starting value may use parameters only");
    }
    params_only.bar("t", "a starting value may use parameters only");
    let mut base = Scope::default();
    base.add("t", T);
    for (i, s) in demo.state.iter().enumerate() {
        base.add(&s.id, 1 + i);
    }
    for (i, p) in demo.parameters.iter().enumerate() {
        base.add(&p.id, 1 + n_state + i);
    }
    let derived_slot = |i: usize| 1 + n_state + n_param + i;
    let mut full = base.clone();
    for (i, d) in demo.derived.iter().enumerate() {
        full.add(&d.id, derived_slot(i));
    }
    let drag_base = derived_slot(demo.derived.len());
    let mut drag_scope = full.clone();
    drag_scope.add("drag_x", drag_base);
    drag_scope.add("drag_y", drag_base + 1);

    // Parameters.
    let mut defaults = Vec::new();
    for (i, p) in demo.parameters.iter().enumerate() {
        let at = vec![At::Field("parameters"), At::Index(i)];
        defaults.push(p.default);
        match p.control {
            ControlKind::Toggle => {
                if p.default != 0.0 && p.default != 1.0 {
                    c.error(
                        with(&at, At::Field("default")),
                        format!(
                            "toggle `{}` starts at {}, but a toggle is 0 (off) or 1 (on)",
                            p.id, p.default
                        ),
                        None,
                    );
                }
            }
            _ => {
                if !below(p.min, p.max) {
                    c.error(
                        with(&at, At::Field("max")),
                        format!(
                            "parameter `{}` has `max` {} not above `min` {}",
                            p.id, p.max, p.min
                        ),
                        None,
                    );
                } else if p.default < p.min || p.default > p.max {
                    c.error(
                        with(&at, At::Field("default")),
                        format!(
                            "default {} of `{}` is outside its range {} to {}",
                            p.default, p.id, p.min, p.max
                        ),
                        Some("move the default into the range, or widen `min` / `max`".into()),
                    );
                }
                if let Some(step) = p.step
                    && (!below(0.0, step) || step > p.max - p.min)
                {
                    c.error(
                        with(&at, At::Field("step")),
                        format!(
                            "step {step} of `{}` must be above 0 and no larger than the range",
                            p.id
                        ),
                        None,
                    );
                }
            }
        }
    }

    // Starting values, and which parameters they depend on.
    let mut initial = Vec::new();
    let mut resets = vec![false; n_param];
    for (i, s) in demo.state.iter().enumerate() {
        if let Some(e) = c.expr(
            vec![At::Field("state"), At::Index(i), At::Field("initial")],
            &s.initial,
            &params_only,
        ) {
            for &slot in e.slots() {
                resets[slot - 1 - n_state] = true;
            }
            initial.push(e);
        }
    }

    // Derived quantities, each seeing the ones before it.
    let mut derived = Vec::new();
    let mut so_far = base.clone();
    for (i, d) in demo.derived.iter().enumerate() {
        for later in &demo.derived[i..] {
            so_far.bar(
                &later.id,
                "a derived quantity may use only those listed before it",
            );
        }
        if let Some(e) = c.expr(
            vec![At::Field("derived"), At::Index(i), At::Field("expr")],
            &d.expr,
            &so_far,
        ) {
            derived.push(e);
        }
        so_far = base.clone();
        for (j, earlier) in demo.derived[..=i].iter().enumerate() {
            so_far.add(&earlier.id, derived_slot(j));
        }
    }

    // Equations: one per state variable, none for anything else.
    let mut rates = Vec::new();
    for (i, s) in demo.state.iter().enumerate() {
        match demo.equations.get(&s.id) {
            Some(src) => {
                if let Some(e) = c.expr(
                    vec![At::Field("equations"), At::Key(s.id.clone())],
                    src,
                    &full,
                ) {
                    rates.push(e);
                }
            }
            None => c.error(
                vec![At::Field("state"), At::Index(i), At::Field("id")],
                format!("state variable `{}` has no equation", s.id),
                Some(format!(
                    r#"add `"{}": "…"` to `equations`: how fast it changes"#,
                    s.id
                )),
            ),
        }
    }
    for key in demo.equations.keys() {
        if !demo.state.iter().any(|s| &s.id == key) {
            let hint = match did_you_mean(key, demo.state.iter().map(|s| s.id.as_str())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    "equations give the rate of change of state variables; add it to `state`".into()
                }
            };
            c.error(
                vec![At::Field("equations"), At::Key(key.clone())],
                format!("`{key}` has an equation but is not a state variable"),
                Some(hint),
            );
        }
    }

    // Events.
    let mut events = Vec::new();
    for (i, ev) in demo.events.iter().enumerate() {
        let at = vec![At::Field("events"), At::Index(i)];
        let when = with(&at, At::Field("when"));
        let Some((pos, op_len, sign)) = comparison(&ev.when) else {
            c.error(
                when,
                format!("`{}` is not a comparison", ev.when),
                Some("write it like `y < 0` or `r > 10`".into()),
            );
            continue;
        };
        let lhs_src = &ev.when[..pos];
        let rhs_src = &ev.when[pos + op_len..];
        let lhs = c.expr(when.clone(), lhs_src, &full);
        let rhs = match Expr::compile(rhs_src, &full) {
            Ok(e) => Some(e),
            Err(mut e) => {
                e.offset += ev.when[..pos + op_len].chars().count();
                c.issues.push(Issue {
                    at: when.clone(),
                    span: Some((e.offset, e.len)),
                    message: e.message,
                    hint: e.hint,
                    warning: false,
                });
                None
            }
        };
        let freeze = match &ev.then {
            EventAction::Stop => None,
            EventAction::Freeze(names) => {
                let mut slots = Vec::new();
                for (k, n) in names.iter().enumerate() {
                    match demo.state.iter().position(|s| &s.id == n) {
                        Some(s) => slots.push(1 + s),
                        None => {
                            let hint = did_you_mean(n, demo.state.iter().map(|s| s.id.as_str()))
                                .map(|s| format!("did you mean `{s}`?"));
                            c.error(
                                with(
                                    &with(&with(&at, At::Field("then")), At::Index(0)),
                                    At::Index(k),
                                ),
                                format!("`{n}` is not a state variable"),
                                hint,
                            );
                        }
                    }
                }
                Some(slots)
            }
        };
        if let (Some(lhs), Some(rhs)) = (lhs, rhs) {
            events.push(CEvent {
                lhs,
                rhs,
                sign,
                freeze,
            });
        }
    }

    if !below(0.0, demo.step) || demo.step > 0.1 {
        c.error(
            f("step"),
            format!("time step {} must be above 0 and at most 0.1 s", demo.step),
            Some("0.001 suits most demonstrations".into()),
        );
    }
    if !below(0.0, demo.speed) {
        c.error(f("speed"), "`speed` must be above 0", None);
    }
    if !below(0.0, demo.view.width) {
        c.error(
            vec![At::Field("view"), At::Field("width")],
            "the view needs a width above 0",
            None,
        );
    }
    if let Some(bg) = &demo.view.background {
        c.colour(vec![At::Field("view"), At::Field("background")], bg);
    }

    // Shapes.
    let mut shapes = Vec::new();
    let mut drags = Vec::new();
    let mut trails = 0;
    for (i, s) in demo.shapes.iter().enumerate() {
        let at = vec![At::Field("shapes"), At::Index(i)];
        let fa = |name: &'static str| with(&at, At::Field(name));
        let mut drag = Vec::new();
        let shape = match s {
            Shape::Circle {
                centre,
                radius,
                colour,
                drag: d,
            } => {
                check_drag(&mut c, &fa("drag"), d, demo, &drag_scope, &mut drag);
                let centre = c.point(fa("centre"), centre, &full);
                let radius = c.expr(fa("radius"), radius, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Circle {
                        centre: centre?,
                        radius: radius?,
                        paint: paint?,
                    })
                })()
            }
            Shape::Rect {
                centre,
                width,
                height,
                angle,
                colour,
                drag: d,
            } => {
                check_drag(&mut c, &fa("drag"), d, demo, &drag_scope, &mut drag);
                let centre = c.point(fa("centre"), centre, &full);
                let width = c.expr(fa("width"), width, &full);
                let height = c.expr(fa("height"), height, &full);
                let angle = c.expr(fa("angle"), angle, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Rect {
                        centre: centre?,
                        width: width?,
                        height: height?,
                        angle: angle?,
                        paint: paint?,
                    })
                })()
            }
            Shape::Line {
                from,
                to,
                width,
                colour,
            } => {
                let from = c.point(fa("from"), from, &full);
                let to = c.point(fa("to"), to, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Line {
                        from: from?,
                        to: to?,
                        width: *width,
                        paint: paint?,
                    })
                })()
            }
            Shape::Spring {
                from,
                to,
                coils,
                diameter,
                colour,
            } => {
                let from = c.point(fa("from"), from, &full);
                let to = c.point(fa("to"), to, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Spring {
                        from: from?,
                        to: to?,
                        coils: (*coils).clamp(1, 200),
                        diameter: *diameter,
                        paint: paint?,
                    })
                })()
            }
            Shape::Arrow {
                from,
                vector,
                scale,
                colour,
                ..
            } => {
                let from = c.point(fa("from"), from, &full);
                let vector = c.point(fa("vector"), vector, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Arrow {
                        from: from?,
                        vector: vector?,
                        scale: *scale,
                        paint: paint?,
                    })
                })()
            }
            Shape::Trail {
                point,
                seconds,
                colour,
            } => {
                if !below(0.0, *seconds) {
                    c.error(fa("seconds"), "a trail needs `seconds` above 0", None);
                }
                let point = c.point(fa("point"), point, &full);
                let paint = c.paint(fa("colour"), colour, &full);
                trails += 1;
                (|| {
                    Some(CShape::Trail {
                        point: point?,
                        seconds: seconds.max(1e-3),
                        paint: paint?,
                        index: trails - 1,
                    })
                })()
            }
            Shape::Image {
                centre,
                width,
                angle,
                drag: d,
                ..
            } => {
                check_drag(&mut c, &fa("drag"), d, demo, &drag_scope, &mut drag);
                let centre = c.point(fa("centre"), centre, &full);
                let width = c.expr(fa("width"), width, &full);
                let angle = c.expr(fa("angle"), angle, &full);
                (|| {
                    Some(CShape::Image {
                        centre: centre?,
                        width: width?,
                        angle: angle?,
                    })
                })()
            }
            Shape::Label {
                at: p,
                value,
                colour,
                ..
            } => {
                let p = c.point(fa("at"), p, &full);
                let value = match value {
                    Some(v) => c.expr(fa("value"), v, &full).map(Some),
                    None => Some(None),
                };
                let paint = c.paint(fa("colour"), colour, &full);
                (|| {
                    Some(CShape::Label {
                        at: p?,
                        value: value?,
                        paint: paint?,
                    })
                })()
            }
        };
        if let Some(shape) = shape {
            shapes.push(shape);
            drags.push(drag);
        }
    }

    // Readouts name derived quantities that have a label.
    let mut readouts = Vec::new();
    for (i, r) in demo.readouts.iter().enumerate() {
        match demo.derived.iter().position(|d| &d.id == r) {
            Some(d) if demo.derived[d].label.is_some() => readouts.push(d),
            Some(_) => c.error(
                vec![At::Field("readouts"), At::Index(i)],
                format!("derived quantity `{r}` has no `label` to show"),
                Some("give it a `label` (and a `unit`)".into()),
            ),
            None => {
                let hint = match did_you_mean(r, demo.derived.iter().map(|d| d.id.as_str())) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "readouts show derived quantities: add it to `derived`".into(),
                };
                c.error(
                    vec![At::Field("readouts"), At::Index(i)],
                    format!("`{r}` is not a derived quantity"),
                    Some(hint),
                );
            }
        }
    }

    // Graph.
    let mut graph = None;
    if let Some(g) = &demo.graph {
        let at = vec![At::Field("graph")];
        if g.series.is_empty() {
            c.error(
                with(&at, At::Field("series")),
                "a graph needs at least one series",
                None,
            );
        }
        if !below(0.0, g.seconds) {
            c.error(
                with(&at, At::Field("seconds")),
                "`seconds` must be above 0",
                None,
            );
        }
        let mut series = Vec::new();
        for (i, s) in g.series.iter().enumerate() {
            let sa = with(&with(&at, At::Field("series")), At::Index(i));
            let e = c.expr(with(&sa, At::Field("value")), &s.value, &full);
            let col = c.colour(with(&sa, At::Field("colour")), &s.colour);
            if let (Some(e), Some(col)) = (e, col) {
                series.push((e, col));
            }
        }
        let x = match &g.x {
            Some(x) => c.expr(with(&at, At::Field("x")), x, &full),
            None => None,
        };
        if let Some((lo, hi)) = g.range
            && !below(lo, hi)
        {
            c.error(
                with(&at, At::Field("range")),
                "the range must go from low to high",
                None,
            );
        }
        graph = Some(GraphModel {
            series,
            x,
            seconds: g.seconds.max(1e-3),
            range: g.range,
        });
    }

    if c.issues.iter().any(|i| !i.warning) {
        return Err(c.issues);
    }
    Ok((
        Model {
            n_state,
            n_param,
            initial,
            rates,
            derived,
            events,
            resets,
            defaults,
            shapes,
            drags,
            graph,
            readouts,
            integrator: demo.integrator,
            step: demo.step,
            speed: demo.speed,
            paused: demo.paused,
        },
        c.issues,
    ))
}

fn check_drag<L>(
    c: &mut Checker,
    at: &[At],
    drag: &crate::model::Drag,
    demo: &Demonstration<L>,
    scope: &Scope,
    out: &mut Vec<(usize, Expr)>,
) {
    for (name, src) in drag {
        let key = with(at, At::Key(name.clone()));
        match demo.parameters.iter().position(|p| &p.id == name) {
            Some(p) => {
                if let Some(e) = c.expr(key, src, scope) {
                    out.push((p, e));
                }
            }
            None => {
                let hint = did_you_mean(name, demo.parameters.iter().map(|p| p.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("dragging sets parameters; add it to `parameters`".into()));
                c.error(key, format!("`{name}` is not a parameter"), hint);
            }
        }
    }
}

/// Finds the comparison operator of an event's `when`: (byte offset, length, sign).
fn comparison(s: &str) -> Option<(usize, usize, f64)> {
    let pos = s.find(['<', '>'])?;
    let sign = if s[pos..].starts_with('<') { -1.0 } else { 1.0 };
    let len = if s[pos + 1..].starts_with('=') { 2 } else { 1 };
    if s[pos + len..].contains(['<', '>']) {
        return None;
    }
    Some((pos, len, sign))
}
