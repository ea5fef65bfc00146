//! Turns a designer's [`Demonstration`] into a [`Model`]: every name resolved to a slot,
//! every expression compiled once, and every problem reported with where it is.

use std::collections::HashSet;

use crate::expr::{CONSTANTS, Expr, FUNCTIONS, Scope, did_you_mean};
use crate::model::{
    Colour, ControlKind, Demonstration, Drag, EventAction, Graph, Integrator, Parameter, Point,
    Shape,
};

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
    Blend(Blend),
}

impl Paint {
    /// The colour with the variables in `vars`.
    pub fn rgba(&self, vars: &[f64]) -> Rgba {
        match self {
            Paint::Fixed(c) => *c,
            Paint::Blend(b) => b.rgba(vars),
        }
    }
}

/// A colour blended by a value: `low` at `from`, `high` at `to`, mixed in between and
/// held beyond.
#[derive(Debug, Clone)]
pub struct Blend {
    /// The value.
    pub value: Expr,
    /// Range of the value.
    pub from: f64,
    /// Range of the value.
    pub to: f64,
    /// Colour at `from`.
    pub low: Rgba,
    /// Colour at `to`.
    pub high: Rgba,
}

impl Blend {
    /// The colour with the variables in `vars` (`low` when the value is not a number).
    pub fn rgba(&self, vars: &[f64]) -> Rgba {
        let f = ((self.value.eval(vars) - self.from) / (self.to - self.from)).clamp(0.0, 1.0);
        let f = if f.is_finite() { f } else { 0.0 };
        let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
        let (low, high) = (self.low, self.high);
        [
            mix(low[0], high[0]),
            mix(low[1], high[1]),
            mix(low[2], high[2]),
            mix(low[3], high[3]),
        ]
    }
}

/// A colour as red, green, blue, alpha.
pub type Rgba = [u8; 4];

/// A shape with its expressions compiled; points are world coordinates, sizes world units.
#[derive(Debug, Clone)]
pub enum CShape {
    /// See [`Shape::Circle`].
    Circle {
        /// Centre.
        centre: XY,
        /// Radius.
        radius: Expr,
        /// Fill colour.
        paint: Paint,
    },
    /// See [`Shape::Rect`].
    Rect {
        /// Centre.
        centre: XY,
        /// Width.
        width: Expr,
        /// Height.
        height: Expr,
        /// Rotation in radians, anticlockwise.
        angle: Expr,
        /// Fill colour.
        paint: Paint,
    },
    /// See [`Shape::Line`].
    Line {
        /// One end.
        from: XY,
        /// The other end.
        to: XY,
        /// Thickness in screen points.
        width: f32,
        /// Colour.
        paint: Paint,
    },
    /// See [`Shape::Spring`].
    Spring {
        /// One end.
        from: XY,
        /// The other end.
        to: XY,
        /// Number of coils, 1 to 200.
        coils: u32,
        /// Coil diameter.
        diameter: f64,
        /// Colour.
        paint: Paint,
    },
    /// See [`Shape::Arrow`].
    Arrow {
        /// Where it starts.
        from: XY,
        /// The vector it shows.
        vector: XY,
        /// World units per unit of the vector.
        scale: f64,
        /// Colour.
        paint: Paint,
    },
    /// See [`Shape::Trail`]; `index` numbers the trails.
    Trail {
        /// The point followed.
        point: XY,
        /// Simulated seconds kept (at least 0.001).
        seconds: f64,
        /// Colour.
        paint: Paint,
        /// Which of the simulation's trails this is: trails counted from 0 in shape order.
        index: usize,
    },
    /// See [`Shape::Image`].
    Image {
        /// Centre.
        centre: XY,
        /// Width (the height follows the picture).
        width: Expr,
        /// Rotation in radians, anticlockwise.
        angle: Expr,
    },
    /// See [`Shape::Label`].
    Label {
        /// Where the text is centred.
        at: XY,
        /// The value shown after the words, if any.
        value: Option<Expr>,
        /// Colour.
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

/// Collects the issues found while compiling.
struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    /// Reports a problem that is not inside an expression.
    fn error(&mut self, at: Vec<At>, message: impl Into<String>, hint: Option<String>) {
        self.issues.push(Issue {
            at,
            span: None,
            message: message.into(),
            hint,
            warning: false,
        });
    }

    /// `src` compiled in `scope`, or `None` with the problem reported at its place.
    fn expr(&mut self, at: Vec<At>, src: &str, scope: &Scope) -> Option<Expr> {
        self.expr_after(at, src, scope, 0)
    }

    /// Like [`Checker::expr`], for `src` standing `before` characters into the value at
    /// `at` (the right side of an event's `when`): the span counts from the value's start.
    fn expr_after(&mut self, at: Vec<At>, src: &str, scope: &Scope, before: usize) -> Option<Expr> {
        match Expr::compile(src, scope) {
            Ok(e) => Some(e),
            Err(e) => {
                self.issues.push(Issue {
                    at,
                    span: Some((e.offset + before, e.len)),
                    message: e.message,
                    hint: e.hint,
                    warning: false,
                });
                None
            }
        }
    }

    /// A point's two expressions, at `at.0` and `at.1`.
    fn point(&mut self, at: Vec<At>, p: &Point, scope: &Scope) -> Option<XY> {
        let x = self.expr(with(&at, At::Index(0)), &p.0, scope);
        let y = self.expr(with(&at, At::Index(1)), &p.1, scope);
        Some(XY(x?, y?))
    }

    /// A `#rrggbb` colour.
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

    /// A fixed or blended colour.
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
                Some(Paint::Blend(Blend {
                    value: v?,
                    from: *from,
                    to: *to,
                    low: l?,
                    high: h?,
                }))
            }
        }
    }
}

/// `a < b`, false when either is NaN: a NaN bound or step is as wrong as a reversed one.
fn below(a: f64, b: f64) -> bool {
    a < b
}

/// `at` followed by `next`.
fn with(at: &[At], next: At) -> Vec<At> {
    let mut v = at.to_vec();
    v.push(next);
    v
}

/// A field of the demonstration itself.
fn f(name: &'static str) -> Vec<At> {
    vec![At::Field(name)]
}

/// Element `i` of the demonstration's list `list`.
fn item(list: &'static str, i: usize) -> Vec<At> {
    vec![At::Field(list), At::Index(i)]
}

/// Field `field` of element `i` of the demonstration's list `list`.
fn item_field(list: &'static str, i: usize, field: &'static str) -> Vec<At> {
    vec![At::Field(list), At::Index(i), At::Field(field)]
}

/// `did you mean` hint for `found` among `candidates`, if one is close.
fn suggestion<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(found, candidates).map(|s| format!("did you mean `{s}`?"))
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
    check_names(&mut c, demo);
    let scopes = Scopes::new(demo);
    let defaults = check_parameters(&mut c, demo);
    let (initial, resets) = compile_initial(&mut c, demo, &scopes.params_only);
    let derived = compile_derived(&mut c, demo, &scopes);
    let rates = compile_equations(&mut c, demo, &scopes.full);
    let events = compile_events(&mut c, demo, &scopes.full);
    check_run(&mut c, demo);
    let (shapes, drags) = compile_shapes(&mut c, demo, &scopes);
    let readouts = check_readouts(&mut c, demo);
    let graph = demo
        .graph
        .as_ref()
        .map(|g| compile_graph(&mut c, g, &scopes.full));
    if c.issues.iter().any(|i| !i.warning) {
        return Err(c.issues);
    }
    Ok((
        Model {
            n_state: demo.state.len(),
            n_param: demo.parameters.len(),
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

/// Names: each once, well formed, not taken by the language itself; and some state.
fn check_names<L>(c: &mut Checker, demo: &Demonstration<L>) {
    let state = demo.state.iter().map(|s| s.id.as_str());
    let parameters = demo.parameters.iter().map(|p| p.id.as_str());
    let derived = demo.derived.iter().map(|d| d.id.as_str());
    let named = ids_in("state", state)
        .chain(ids_in("parameters", parameters))
        .chain(ids_in("derived", derived));
    let mut seen = HashSet::new();
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
        } else if !seen.insert(name) {
            c.error(
                at,
                format!("`{name}` is defined twice"),
                Some("state, parameters and derived quantities share one set of names".into()),
            );
        }
    }
    if demo.state.is_empty() {
        c.error(
            f("state"),
            "a demonstration needs at least one state variable",
            Some(r#"e.g. `state: [(id: "x", initial: "0")]`"#.into()),
        );
    }
}

/// Each id in the demonstration's list `list`, with where it is.
fn ids_in<'a>(
    list: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> impl Iterator<Item = (&'a str, Vec<At>)> {
    ids.enumerate()
        .map(move |(i, id)| (id, item_field(list, i, "id")))
}

/// What the expressions of each part of a demonstration may use.
struct Scopes {
    /// Starting values: parameters only.
    params_only: Scope,
    /// Time, state and parameters: what derived quantities build on.
    base: Scope,
    /// Everything with a value while running.
    full: Scope,
    /// Drags: everything, and where the finger is.
    drag: Scope,
    /// Slot of the first derived quantity.
    first_derived: usize,
}

impl Scopes {
    fn new<L>(demo: &Demonstration<L>) -> Self {
        let n_state = demo.state.len();
        let first_derived = 1 + n_state + demo.parameters.len();
        let mut params_only = Scope::default();
        for (i, p) in demo.parameters.iter().enumerate() {
            params_only.add(&p.id, 1 + n_state + i);
        }
        let not_here = "a starting value may use parameters only";
        for id in demo
            .state
            .iter()
            .map(|s| &s.id)
            .chain(demo.derived.iter().map(|d| &d.id))
        {
            params_only.bar(id, not_here);
        }
        params_only.bar("t", not_here);
        let mut base = Scope::default();
        base.add("t", T);
        for (i, s) in demo.state.iter().enumerate() {
            base.add(&s.id, 1 + i);
        }
        for (i, p) in demo.parameters.iter().enumerate() {
            base.add(&p.id, 1 + n_state + i);
        }
        let mut full = base.clone();
        for (i, d) in demo.derived.iter().enumerate() {
            full.add(&d.id, first_derived + i);
        }
        let mut drag = full.clone();
        drag.add("drag_x", first_derived + demo.derived.len());
        drag.add("drag_y", first_derived + demo.derived.len() + 1);
        Scopes {
            params_only,
            base,
            full,
            drag,
            first_derived,
        }
    }
}

/// Each parameter's range, step and default make sense; returns the defaults.
fn check_parameters<L>(c: &mut Checker, demo: &Demonstration<L>) -> Vec<f64> {
    for (i, p) in demo.parameters.iter().enumerate() {
        let at = |field| item_field("parameters", i, field);
        if p.control == ControlKind::Toggle {
            if p.default != 0.0 && p.default != 1.0 {
                c.error(
                    at("default"),
                    format!(
                        "toggle `{}` starts at {}, but a toggle is 0 (off) or 1 (on)",
                        p.id, p.default
                    ),
                    None,
                );
            }
        } else {
            check_range(c, p, at);
        }
    }
    demo.parameters.iter().map(|p| p.default).collect()
}

/// A slider's range goes up and holds its default, and its step fits in it.
fn check_range<L>(c: &mut Checker, p: &Parameter<L>, at: impl Fn(&'static str) -> Vec<At>) {
    if !below(p.min, p.max) {
        c.error(
            at("max"),
            format!(
                "parameter `{}` has `max` {} not above `min` {}",
                p.id, p.max, p.min
            ),
            None,
        );
    } else if p.default < p.min || p.default > p.max {
        c.error(
            at("default"),
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
            at("step"),
            format!(
                "step {step} of `{}` must be above 0 and no larger than the range",
                p.id
            ),
            None,
        );
    }
}

/// Starting values, and which parameters they depend on (changing one restarts the run).
fn compile_initial<L>(
    c: &mut Checker,
    demo: &Demonstration<L>,
    params_only: &Scope,
) -> (Vec<Expr>, Vec<bool>) {
    let mut initial = Vec::new();
    let mut resets = vec![false; demo.parameters.len()];
    for (i, s) in demo.state.iter().enumerate() {
        if let Some(e) = c.expr(item_field("state", i, "initial"), &s.initial, params_only) {
            for &slot in e.slots() {
                resets[slot - 1 - demo.state.len()] = true;
            }
            initial.push(e);
        }
    }
    (initial, resets)
}

/// Derived quantities, each seeing the ones before it.
fn compile_derived<L>(c: &mut Checker, demo: &Demonstration<L>, scopes: &Scopes) -> Vec<Expr> {
    let mut derived = Vec::new();
    let mut so_far = scopes.base.clone();
    for (i, d) in demo.derived.iter().enumerate() {
        for later in &demo.derived[i..] {
            so_far.bar(
                &later.id,
                "a derived quantity may use only those listed before it",
            );
        }
        if let Some(e) = c.expr(item_field("derived", i, "expr"), &d.expr, &so_far) {
            derived.push(e);
        }
        so_far = scopes.base.clone();
        for (j, earlier) in demo.derived[..=i].iter().enumerate() {
            so_far.add(&earlier.id, scopes.first_derived + j);
        }
    }
    derived
}

/// Equations: one per state variable, in state order, and none for anything else.
fn compile_equations<L>(c: &mut Checker, demo: &Demonstration<L>, full: &Scope) -> Vec<Expr> {
    let mut rates = Vec::new();
    for (i, s) in demo.state.iter().enumerate() {
        match demo.equations.get(&s.id) {
            Some(src) => {
                let at = vec![At::Field("equations"), At::Key(s.id.clone())];
                rates.extend(c.expr(at, src, full));
            }
            None => c.error(
                item_field("state", i, "id"),
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
            let hint =
                suggestion(key, demo.state.iter().map(|s| s.id.as_str())).unwrap_or_else(|| {
                    "equations give the rate of change of state variables; add it to `state`".into()
                });
            c.error(
                vec![At::Field("equations"), At::Key(key.clone())],
                format!("`{key}` has an equation but is not a state variable"),
                Some(hint),
            );
        }
    }
    rates
}

/// Events: a comparison to watch, and what happens when it turns true.
fn compile_events<L>(c: &mut Checker, demo: &Demonstration<L>, full: &Scope) -> Vec<CEvent> {
    let mut events = Vec::new();
    for (i, ev) in demo.events.iter().enumerate() {
        let at = item("events", i);
        let when = with(&at, At::Field("when"));
        let Some((pos, op_len, sign)) = comparison(&ev.when) else {
            c.error(
                when,
                format!("`{}` is not a comparison", ev.when),
                Some("write it like `y < 0` or `r > 10`".into()),
            );
            continue;
        };
        let lhs = c.expr(when.clone(), &ev.when[..pos], full);
        let before_rhs = ev.when[..pos + op_len].chars().count();
        let rhs = c.expr_after(when, &ev.when[pos + op_len..], full, before_rhs);
        let freeze = match &ev.then {
            EventAction::Stop => None,
            EventAction::Freeze(names) => {
                Some(freeze_slots(c, &with(&at, At::Field("then")), names, demo))
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
    events
}

/// The slots of the state variables a `Freeze(names)` at `then` names.
fn freeze_slots<L>(
    c: &mut Checker,
    then: &[At],
    names: &[String],
    demo: &Demonstration<L>,
) -> Vec<usize> {
    let mut slots = Vec::new();
    for (k, n) in names.iter().enumerate() {
        match demo.state.iter().position(|s| &s.id == n) {
            Some(s) => slots.push(1 + s),
            None => c.error(
                with(&with(then, At::Index(0)), At::Index(k)),
                format!("`{n}` is not a state variable"),
                suggestion(n, demo.state.iter().map(|s| s.id.as_str())),
            ),
        }
    }
    slots
}

/// How it runs and what it shows: time step, speed, the view's width and background.
fn check_run<L>(c: &mut Checker, demo: &Demonstration<L>) {
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
}

/// Every shape, and what dragging each one sets.
fn compile_shapes<L>(
    c: &mut Checker,
    demo: &Demonstration<L>,
    scopes: &Scopes,
) -> (Vec<CShape>, Vec<Vec<(usize, Expr)>>) {
    let (mut shapes, mut drags) = (Vec::new(), Vec::new());
    let mut trails = 0;
    for (i, s) in demo.shapes.iter().enumerate() {
        let at = item("shapes", i);
        let drag = match s.drag() {
            Some(d) => compile_drag(c, &with(&at, At::Field("drag")), d, demo, &scopes.drag),
            None => Vec::new(),
        };
        let fields = ShapeFields {
            c,
            at,
            scope: &scopes.full,
            ok: true,
        };
        if let Some(shape) = fields.shape(s, trails) {
            shapes.push(shape);
            drags.push(drag);
        }
        if matches!(s, Shape::Trail { .. }) {
            trails += 1;
        }
    }
    (shapes, drags)
}

/// The fields of one shape, each compiled in one scope and reported at its own place. A
/// field with a problem stands in as zero and marks the shape as failed.
struct ShapeFields<'a> {
    c: &'a mut Checker,
    /// Where the shape is.
    at: Vec<At>,
    scope: &'a Scope,
    /// Every field so far compiled.
    ok: bool,
}

impl ShapeFields<'_> {
    /// Where the shape's field `name` is.
    fn at(&self, name: &'static str) -> Vec<At> {
        with(&self.at, At::Field(name))
    }

    /// `value` if there is one; else the shape has failed, and `stand_in` takes its place.
    fn or<T>(&mut self, value: Option<T>, stand_in: impl FnOnce() -> T) -> T {
        value.unwrap_or_else(|| {
            self.ok = false;
            stand_in()
        })
    }

    fn expr(&mut self, name: &'static str, src: &str) -> Expr {
        let e = self.c.expr(self.at(name), src, self.scope);
        self.or(e, Expr::zero)
    }

    fn point(&mut self, name: &'static str, p: &Point) -> XY {
        let xy = self.c.point(self.at(name), p, self.scope);
        self.or(xy, || XY(Expr::zero(), Expr::zero()))
    }

    /// The shape's `colour`.
    fn paint(&mut self, colour: &Colour) -> Paint {
        let p = self.c.paint(self.at("colour"), colour, self.scope);
        self.or(p, || Paint::Fixed([0; 4]))
    }

    /// The shape compiled, or `None` when a field has a problem (every problem reported,
    /// in the order of the fields). `trail` is the index the shape has if it is a trail.
    fn shape<L>(mut self, s: &Shape<L>, trail: usize) -> Option<CShape> {
        let shape = match s {
            Shape::Circle {
                centre,
                radius,
                colour,
                ..
            } => CShape::Circle {
                centre: self.point("centre", centre),
                radius: self.expr("radius", radius),
                paint: self.paint(colour),
            },
            Shape::Rect {
                centre,
                width,
                height,
                angle,
                colour,
                ..
            } => CShape::Rect {
                centre: self.point("centre", centre),
                width: self.expr("width", width),
                height: self.expr("height", height),
                angle: self.expr("angle", angle),
                paint: self.paint(colour),
            },
            Shape::Line {
                from,
                to,
                width,
                colour,
            } => CShape::Line {
                from: self.point("from", from),
                to: self.point("to", to),
                width: *width,
                paint: self.paint(colour),
            },
            Shape::Spring {
                from,
                to,
                coils,
                diameter,
                colour,
            } => CShape::Spring {
                from: self.point("from", from),
                to: self.point("to", to),
                coils: (*coils).clamp(1, 200),
                diameter: *diameter,
                paint: self.paint(colour),
            },
            Shape::Arrow {
                from,
                vector,
                scale,
                colour,
                ..
            } => CShape::Arrow {
                from: self.point("from", from),
                vector: self.point("vector", vector),
                scale: *scale,
                paint: self.paint(colour),
            },
            Shape::Trail {
                point,
                seconds,
                colour,
            } => {
                if !below(0.0, *seconds) {
                    let at = self.at("seconds");
                    self.c.error(at, "a trail needs `seconds` above 0", None);
                }
                CShape::Trail {
                    point: self.point("point", point),
                    seconds: seconds.max(1e-3),
                    paint: self.paint(colour),
                    index: trail,
                }
            }
            Shape::Image {
                centre,
                width,
                angle,
                ..
            } => CShape::Image {
                centre: self.point("centre", centre),
                width: self.expr("width", width),
                angle: self.expr("angle", angle),
            },
            Shape::Label {
                at, value, colour, ..
            } => CShape::Label {
                at: self.point("at", at),
                value: value.as_ref().map(|v| self.expr("value", v)),
                paint: self.paint(colour),
            },
        };
        self.ok.then_some(shape)
    }
}

/// What dragging a shape sets: each parameter it names, with its expression.
fn compile_drag<L>(
    c: &mut Checker,
    at: &[At],
    drag: &Drag,
    demo: &Demonstration<L>,
    scope: &Scope,
) -> Vec<(usize, Expr)> {
    let mut out = Vec::new();
    for (name, src) in drag {
        let key = with(at, At::Key(name.clone()));
        match demo.parameters.iter().position(|p| &p.id == name) {
            Some(p) => out.extend(c.expr(key, src, scope).map(|e| (p, e))),
            None => {
                let hint = suggestion(name, demo.parameters.iter().map(|p| p.id.as_str()))
                    .or_else(|| Some("dragging sets parameters; add it to `parameters`".into()));
                c.error(key, format!("`{name}` is not a parameter"), hint);
            }
        }
    }
    out
}

/// Readouts name derived quantities that have a label; returns their indices.
fn check_readouts<L>(c: &mut Checker, demo: &Demonstration<L>) -> Vec<usize> {
    let mut readouts = Vec::new();
    for (i, r) in demo.readouts.iter().enumerate() {
        match demo.derived.iter().position(|d| &d.id == r) {
            Some(d) if demo.derived[d].label.is_some() => readouts.push(d),
            Some(_) => c.error(
                item("readouts", i),
                format!("derived quantity `{r}` has no `label` to show"),
                Some("give it a `label` (and a `unit`)".into()),
            ),
            None => {
                let hint = suggestion(r, demo.derived.iter().map(|d| d.id.as_str()))
                    .unwrap_or_else(|| {
                        "readouts show derived quantities: add it to `derived`".into()
                    });
                c.error(
                    item("readouts", i),
                    format!("`{r}` is not a derived quantity"),
                    Some(hint),
                );
            }
        }
    }
    readouts
}

/// The graph: its series, its horizontal value, how much it keeps and its range.
fn compile_graph<L>(c: &mut Checker, g: &Graph<L>, full: &Scope) -> GraphModel {
    let at = |field| vec![At::Field("graph"), At::Field(field)];
    if g.series.is_empty() {
        c.error(at("series"), "a graph needs at least one series", None);
    }
    if !below(0.0, g.seconds) {
        c.error(at("seconds"), "`seconds` must be above 0", None);
    }
    let mut series = Vec::new();
    for (i, s) in g.series.iter().enumerate() {
        let sa = with(&at("series"), At::Index(i));
        let e = c.expr(with(&sa, At::Field("value")), &s.value, full);
        let col = c.colour(with(&sa, At::Field("colour")), &s.colour);
        if let (Some(e), Some(col)) = (e, col) {
            series.push((e, col));
        }
    }
    let x = g.x.as_ref().and_then(|x| c.expr(at("x"), x, full));
    if let Some((lo, hi)) = g.range
        && !below(lo, hi)
    {
        c.error(at("range"), "the range must go from low to high", None);
    }
    GraphModel {
        series,
        x,
        seconds: g.seconds.max(1e-3),
        range: g.range,
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
