//! The simulation core: a fixed time step whatever the frame rate, deterministic for the same
//! inputs, pausable, resettable and able to run faster than real time.

use std::collections::VecDeque;

use crate::compile::{CShape, Model, T};
use crate::model::Integrator;

/// Most simulated steps one frame may take, so a slow frame cannot snowball.
const MAX_STEPS_PER_ADVANCE: usize = 20_000;
/// Samples kept for the graph across its window.
const GRAPH_SAMPLES: f64 = 600.0;
/// Points kept along each trail.
const TRAIL_SAMPLES: f64 = 300.0;
/// Simulated time one press of Step moves on, in real seconds at the model's speed.
pub const FRAME_STEP: f64 = 1.0 / 30.0;

/// A running demonstration.
#[derive(Debug, Clone)]
pub struct Simulation {
    model: Model,
    /// t, state, parameters, derived, drag_x, drag_y.
    vars: Vec<f64>,
    /// Parameter values (also in `vars`; kept here to survive resets).
    params: Vec<f64>,
    frozen: Vec<bool>,
    fired: Vec<bool>,
    /// g of each event after the last step.
    g_last: Vec<f64>,
    running: bool,
    /// Stopped by an event (index), until reset.
    stopped_by: Option<usize>,
    /// Events fired since the last reset, in order.
    fired_log: Vec<usize>,
    /// Simulated time owed to the next advance.
    debt: f64,
    /// Scratch space for the integrators.
    y0: Vec<f64>,
    k: [Vec<f64>; 4],
    scratch: Vec<f64>,
    /// State at the start of the step, for locating events.
    start: Vec<f64>,
    /// Recent (t, x, y) of each trail.
    trails: Vec<VecDeque<(f64, f64, f64)>>,
    next_trail: f64,
    /// Recent graph samples: (t or x, values…).
    history: VecDeque<(f64, Vec<f64>)>,
    next_sample: f64,
    steps: u64,
}

impl Simulation {
    /// A simulation of `model` at its parameter defaults, at t = 0.
    pub fn new(model: Model) -> Self {
        let n = model.n_state;
        let trails = model
            .shapes
            .iter()
            .filter(|s| matches!(s, CShape::Trail { .. }))
            .map(|_| VecDeque::new())
            .collect();
        let mut sim = Simulation {
            vars: vec![0.0; model.n_vars()],
            params: model.defaults.clone(),
            frozen: vec![false; n],
            fired: vec![false; model.events.len()],
            g_last: vec![0.0; model.events.len()],
            running: !model.paused,
            stopped_by: None,
            fired_log: Vec::new(),
            debt: 0.0,
            y0: vec![0.0; n],
            k: [vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]],
            scratch: vec![0.0; n],
            start: vec![0.0; n],
            trails,
            next_trail: 0.0,
            history: VecDeque::new(),
            next_sample: 0.0,
            steps: 0,
            model,
        };
        sim.reset();
        sim
    }

    /// The compiled model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Back to t = 0 with starting values from the current parameters. A run stopped by
    /// an event runs again; otherwise playing or paused stays as it was.
    pub fn reset(&mut self) {
        self.vars.iter_mut().for_each(|v| *v = 0.0);
        for (i, &p) in self.params.iter().enumerate() {
            let slot = self.model.param_slot(i);
            self.vars[slot] = p;
        }
        for i in 0..self.model.n_state {
            let v = self.model.initial[i].eval(&self.vars);
            let slot = self.model.state_slot(i);
            self.vars[slot] = v;
        }
        self.frozen.iter_mut().for_each(|f| *f = false);
        self.fired.iter_mut().for_each(|f| *f = false);
        if self.stopped_by.take().is_some() {
            self.running = true;
        }
        self.fired_log.clear();
        self.debt = 0.0;
        self.steps = 0;
        self.update_derived();
        for (e, g) in self.model.events.iter().zip(self.g_last.iter_mut()) {
            *g = e.g(&self.vars);
        }
        self.trails.iter_mut().for_each(VecDeque::clear);
        self.history.clear();
        self.next_trail = 0.0;
        self.next_sample = 0.0;
        self.sample();
    }

    /// Simulated time.
    pub fn t(&self) -> f64 {
        self.vars[T]
    }

    /// All variables by slot (t, state, parameters, derived, drag).
    pub fn vars(&self) -> &[f64] {
        &self.vars
    }

    /// Value of state variable `i`.
    pub fn state(&self, i: usize) -> f64 {
        self.vars[self.model.state_slot(i)]
    }

    /// Value of derived quantity `i`.
    pub fn derived(&self, i: usize) -> f64 {
        self.vars[self.model.derived_slot(i)]
    }

    /// Value of parameter `i`.
    pub fn param(&self, i: usize) -> f64 {
        self.params[i]
    }

    /// Sets parameter `i` (the caller keeps it in range). A parameter that sets a starting
    /// value restarts the run; any other takes effect from now on.
    pub fn set_param(&mut self, i: usize, value: f64) {
        if self.params[i] == value {
            return;
        }
        self.params[i] = value;
        let slot = self.model.param_slot(i);
        self.vars[slot] = value;
        if self.model.resets[i] {
            self.reset();
        } else {
            self.update_derived();
            // Events fire when their condition becomes true as time runs, not because a
            // visitor moved the goal posts: start comparing from the new values.
            for (e, g) in self.model.events.iter().zip(self.g_last.iter_mut()) {
                *g = e.g(&self.vars);
            }
        }
    }

    /// Whether time is running.
    pub fn running(&self) -> bool {
        self.running
    }

    /// Play or pause. Playing after an event stopped the run starts it again.
    pub fn set_running(&mut self, on: bool) {
        if on && self.stopped_by.is_some() {
            self.reset();
        }
        self.running = on;
        self.debt = 0.0;
    }

    /// The event that stopped the run, if one did.
    pub fn stopped_by(&self) -> Option<usize> {
        self.stopped_by
    }

    /// Events fired since the last reset, in order.
    pub fn fired(&self) -> &[usize] {
        &self.fired_log
    }

    /// Steps taken since the last reset.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Moves on by `real_seconds` of wall-clock time (times the model's speed), in whole
    /// fixed steps; the remainder carries to the next call. Nothing happens while paused.
    pub fn advance(&mut self, real_seconds: f64) {
        if !self.running || real_seconds.is_nan() || real_seconds <= 0.0 {
            return;
        }
        self.debt += real_seconds * self.model.speed;
        let h = self.model.step;
        let mut n = (self.debt / h).floor() as usize;
        if n > MAX_STEPS_PER_ADVANCE {
            n = MAX_STEPS_PER_ADVANCE;
            self.debt = 0.0;
        } else {
            self.debt -= n as f64 * h;
        }
        for _ in 0..n {
            self.step_once();
            if !self.running {
                self.debt = 0.0;
                break;
            }
        }
    }

    /// One press of Step while paused: a frame's worth of simulated time.
    pub fn step_frame(&mut self) {
        if self.stopped_by.is_some() {
            return;
        }
        // At least one step, however small a frame is against the model's step.
        let n = ((FRAME_STEP * self.model.speed / self.model.step).round() as usize).max(1);
        for _ in 0..n.min(MAX_STEPS_PER_ADVANCE) {
            self.step_once();
            if self.stopped_by.is_some() {
                break;
            }
        }
        self.debt = 0.0;
    }

    /// Runs `seconds` of simulated time at once (tests, benchmarks), whatever the pause state.
    pub fn run_for(&mut self, seconds: f64) {
        let n = (seconds / self.model.step).round() as usize;
        for _ in 0..n {
            if self.stopped_by.is_some() {
                break;
            }
            self.step_once();
        }
    }

    fn update_derived(&mut self) {
        for i in 0..self.model.derived.len() {
            let v = self.model.derived[i].eval(&self.vars);
            let slot = self.model.derived_slot(i);
            self.vars[slot] = v;
        }
    }

    /// Rates of change at the state in `vars` into `out`.
    fn rates(model: &Model, vars: &mut [f64], frozen: &[bool], out: &mut [f64]) {
        for i in 0..model.derived.len() {
            vars[model.derived_slot(i)] = model.derived[i].eval(vars);
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o = if frozen[i] {
                0.0
            } else {
                model.rates[i].eval(vars)
            };
        }
    }

    /// One fixed step of length `h` from the current state.
    // Each stage combines several arrays by index (state slots sit one past `vars[0]`);
    // indices read closer to the textbook formulas than zipped iterators.
    #[allow(clippy::needless_range_loop)]
    fn integrate(&mut self, h: f64) {
        let n = self.model.n_state;
        let t0 = self.vars[T];
        for i in 0..n {
            self.y0[i] = self.vars[1 + i];
        }
        match self.model.integrator {
            Integrator::Rk4 => self.rk4(h, t0),
            Integrator::Symplectic => {
                if !self.midpoint(h, t0) {
                    // The iteration did not settle (a stiff moment, a close pass): this
                    // step is taken by RK4 rather than with a wrong value.
                    self.vars[T] = t0;
                    for i in 0..n {
                        self.vars[1 + i] = self.y0[i];
                    }
                    self.rk4(h, t0);
                }
            }
        }
        self.update_derived();
    }

    /// Classic RK4 from (t0, y0) over `h`.
    #[allow(clippy::needless_range_loop)]
    fn rk4(&mut self, h: f64, t0: f64) {
        let n = self.model.n_state;
        let m = &self.model;
        let [k1, k2, k3, k4] = &mut self.k;
        Self::rates(m, &mut self.vars, &self.frozen, k1);
        for i in 0..n {
            self.vars[1 + i] = self.y0[i] + 0.5 * h * k1[i];
        }
        self.vars[T] = t0 + 0.5 * h;
        Self::rates(m, &mut self.vars, &self.frozen, k2);
        for i in 0..n {
            self.vars[1 + i] = self.y0[i] + 0.5 * h * k2[i];
        }
        Self::rates(m, &mut self.vars, &self.frozen, k3);
        for i in 0..n {
            self.vars[1 + i] = self.y0[i] + h * k3[i];
        }
        self.vars[T] = t0 + h;
        Self::rates(m, &mut self.vars, &self.frozen, k4);
        for i in 0..n {
            self.vars[1 + i] = self.y0[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
    }

    /// Implicit midpoint from (t0, y0) over `h`: y1 = y0 + h f(t0 + h/2, (y0 + y1) / 2),
    /// solved by fixed-point iteration on k = f(midpoint). Symplectic for any Hamiltonian
    /// system. Returns false when the iteration does not settle.
    #[allow(clippy::needless_range_loop)]
    fn midpoint(&mut self, h: f64, t0: f64) -> bool {
        let n = self.model.n_state;
        let m = &self.model;
        let [k, _, _, _] = &mut self.k;
        let next = &mut self.scratch;
        Self::rates(m, &mut self.vars, &self.frozen, k);
        self.vars[T] = t0 + 0.5 * h;
        let mut settled = false;
        for _ in 0..50 {
            for i in 0..n {
                self.vars[1 + i] = self.y0[i] + 0.5 * h * k[i];
            }
            Self::rates(m, &mut self.vars, &self.frozen, next);
            let mut change: f64 = 0.0;
            let mut size: f64 = 0.0;
            for i in 0..n {
                change = change.max((next[i] - k[i]).abs());
                size = size.max(k[i].abs());
                k[i] = next[i];
            }
            if change * h <= 1e-15 * (1.0 + size * h) {
                settled = true;
                break;
            }
        }
        if !settled || k.iter().any(|v| !v.is_finite()) {
            return false;
        }
        for i in 0..n {
            self.vars[1 + i] = self.y0[i] + h * k[i];
        }
        self.vars[T] = t0 + h;
        true
    }

    fn step_once(&mut self) {
        let h = self.model.step;
        let n = self.model.n_state;
        let t0 = self.vars[T];
        // Keep the start of the step: an event inside it is located by stepping again.
        let has_events = !self.model.events.is_empty();
        if has_events {
            self.start.copy_from_slice(&self.vars[1..=n]);
        }
        self.integrate(h);
        self.steps += 1;
        if !has_events {
            self.sample();
            return;
        }
        // Of the events whose condition became true inside this step, the earliest
        // happens: go back and step to that moment (linear in g), so a range or a landing
        // time is exact to far better than one step.
        let mut first: Option<(f64, usize)> = None;
        for e in 0..self.model.events.len() {
            if self.fired[e] {
                continue;
            }
            let g1 = self.model.events[e].g(&self.vars);
            let g0 = self.g_last[e];
            self.g_last[e] = g1;
            if g0 <= 0.0 && g1 > 0.0 {
                let frac = if g1 - g0 > 0.0 {
                    (-g0 / (g1 - g0)).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                if first.is_none_or(|(f, _)| frac < f) {
                    first = Some((frac, e));
                }
            }
        }
        if let Some((frac, e)) = first {
            self.vars[T] = t0;
            self.vars[1..=n].copy_from_slice(&self.start);
            self.integrate(h * frac);
            self.fire(e);
            return;
        }
        self.sample();
    }

    fn fire(&mut self, e: usize) {
        self.fired[e] = true;
        self.fired_log.push(e);
        match &self.model.events[e].freeze {
            None => {
                self.running = false;
                self.stopped_by = Some(e);
            }
            Some(slots) => {
                for &s in slots {
                    self.frozen[s - 1] = true;
                }
                if self.frozen.iter().all(|f| *f) {
                    self.running = false;
                    self.stopped_by = Some(e);
                }
            }
        }
        // Events may have changed what later ones see; refresh their last values.
        for (k, ev) in self.model.events.iter().enumerate() {
            self.g_last[k] = ev.g(&self.vars);
        }
        self.sample();
    }

    /// Records trail points and graph samples when their interval has passed.
    fn sample(&mut self) {
        let t = self.vars[T];
        if !self.trails.is_empty() && t >= self.next_trail {
            let mut longest: f64 = 0.0;
            for shape in &self.model.shapes {
                if let CShape::Trail {
                    point,
                    seconds,
                    index,
                    ..
                } = shape
                {
                    let q = &mut self.trails[*index];
                    q.push_back((t, point.0.eval(&self.vars), point.1.eval(&self.vars)));
                    while q.front().is_some_and(|p| p.0 < t - seconds) {
                        q.pop_front();
                    }
                    longest = longest.max(*seconds);
                }
            }
            self.next_trail = t + longest / TRAIL_SAMPLES;
        }
        if let Some(graph) = &self.model.graph
            && t >= self.next_sample
        {
            let (series, x, seconds) = (&graph.series, &graph.x, graph.seconds);
            let key = x.as_ref().map_or(t, |x| x.eval(&self.vars));
            let values = series.iter().map(|(e, _)| e.eval(&self.vars)).collect();
            self.history.push_back((t, values));
            if x.is_some() {
                // A phase plot keeps the x value as the first entry.
                if let Some(last) = self.history.back_mut() {
                    last.1.insert(0, key);
                }
            }
            while self.history.front().is_some_and(|s| s.0 < t - seconds) {
                self.history.pop_front();
            }
            self.next_sample = t + seconds / GRAPH_SAMPLES;
        }
    }

    /// Recent points of trail `index`: (t, x, y).
    pub fn trail(&self, index: usize) -> &VecDeque<(f64, f64, f64)> {
        &self.trails[index]
    }

    /// Graph samples: (t, values); for a phase plot the first value is x.
    pub fn history(&self) -> &VecDeque<(f64, Vec<f64>)> {
        &self.history
    }

    /// Dragging shape `shape` with the finger at world point (x, y): sets the parameters
    /// its drag names (kept in range by `clamp`) and returns whether any changed.
    pub fn drag(
        &mut self,
        shape: usize,
        x: f64,
        y: f64,
        clamp: impl Fn(usize, f64) -> f64,
    ) -> bool {
        let (dx, dy) = self.model.drag_slots();
        self.vars[dx] = x;
        self.vars[dy] = y;
        let values: Vec<(usize, f64)> = self.model.drags[shape]
            .iter()
            .map(|(p, e)| (*p, e.eval(&self.vars)))
            .filter(|(_, v)| v.is_finite())
            .collect();
        let mut changed = false;
        for (p, v) in values {
            let v = clamp(p, v);
            if self.params[p] != v {
                self.set_param(p, v);
                changed = true;
            }
        }
        changed
    }
}
