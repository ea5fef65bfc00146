//! A visitor's run of a demonstration: the simulation plus what their hands are doing
//! (a slider held, the bob dragged). Pure logic; the kiosk draws it and feeds it input.

use simulation::{ControlKind, Simulation, compile};

use exhibit_format::exhibit::Demonstration;

/// A demonstration in progress.
#[derive(Debug, Clone)]
pub struct DemoRun {
    /// The simulation.
    pub sim: Simulation,
    /// The shape being dragged, and whether time ran before the drag.
    dragging: Option<(usize, bool)>,
    /// Where the drawing area was last drawn on screen (top-left, size), and where its
    /// draggable shapes were in it: for tests, and for anything that must find them.
    pub canvas: Option<([f32; 2], [f32; 2])>,
    /// Draggable shapes as last drawn, relative to the canvas.
    pub handles: Vec<simulation::draw::Handle>,
}

impl DemoRun {
    /// A fresh run of `demo` at its defaults; `None` if the model does not compile (the
    /// validator keeps such exhibits off the floor, so this does not happen to visitors).
    pub fn new(demo: &Demonstration) -> Option<Self> {
        let (model, _) = compile(demo).ok()?;
        Some(DemoRun {
            sim: Simulation::new(model),
            dragging: None,
            canvas: None,
            handles: Vec::new(),
        })
    }

    /// Sets parameter `i` to `value`, kept in its range and on its step; returns the value
    /// set if it changed.
    pub fn set_param(&mut self, demo: &Demonstration, i: usize, value: f64) -> Option<f64> {
        let p = &demo.parameters[i];
        let v = p.clamp(value);
        if v == self.sim.param(i) {
            return None;
        }
        self.sim.set_param(i, v);
        Some(v)
    }

    /// Moves parameter `i` by `steps` of its step (gamepad / keyboard on a slider).
    pub fn nudge(&mut self, demo: &Demonstration, i: usize, steps: i32) -> Option<f64> {
        let p = &demo.parameters[i];
        let v = match p.control {
            ControlKind::Toggle => f64::from(steps > 0),
            _ => self.sim.param(i) + f64::from(steps) * p.step(),
        };
        self.set_param(demo, i, v)
    }

    /// Flips a toggle parameter; returns its new value.
    pub fn toggle(&mut self, demo: &Demonstration, i: usize) -> f64 {
        let v = if self.sim.param(i) >= 0.5 { 0.0 } else { 1.0 };
        self.set_param(demo, i, v);
        self.sim.param(i)
    }

    /// A finger took hold of draggable shape `shape`: time holds still while it is held.
    pub fn start_drag(&mut self, shape: usize) {
        if self.dragging.is_none() {
            // A run an event stopped (a ball landed) counts as running: the new throw goes.
            let was_running = self.sim.running() || self.sim.stopped_by().is_some();
            self.dragging = Some((shape, was_running));
            self.sim.set_running(false);
        }
    }

    /// The held shape follows the finger at world point (x, y).
    pub fn drag_to(&mut self, demo: &Demonstration, x: f64, y: f64) {
        if let Some((shape, _)) = self.dragging {
            self.sim
                .drag(shape, x, y, |p, v| demo.parameters[p].clamp(v));
            // A change that restarts the run would also set it going: it waits for release.
            self.sim.set_running(false);
        }
    }

    /// The finger let go: time runs again if it ran before (or an event had stopped it).
    /// Returns the parameters the drag can set, for the usage log.
    pub fn end_drag(&mut self, demo: &Demonstration) -> Vec<(String, f64)> {
        let Some((shape, was_running)) = self.dragging.take() else {
            return Vec::new();
        };
        self.sim
            .set_running(was_running || self.sim.stopped_by().is_some());
        let set = match demo.shapes.get(shape) {
            Some(
                simulation::Shape::Circle { drag, .. }
                | simulation::Shape::Rect { drag, .. }
                | simulation::Shape::Image { drag, .. },
            ) => drag.keys().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        set.into_iter()
            .filter_map(|id| {
                let i = demo.parameters.iter().position(|p| p.id == id)?;
                Some((id, self.sim.param(i)))
            })
            .collect()
    }

    /// Screen position of draggable shape `shape` as last drawn.
    pub fn handle_on_screen(&self, shape: usize) -> Option<[f32; 2]> {
        let (origin, _) = self.canvas?;
        let h = self.handles.iter().find(|h| h.shape == shape)?;
        Some([origin[0] + h.centre[0], origin[1] + h.centre[1]])
    }

    /// Whether a shape is held.
    pub fn dragging(&self) -> bool {
        self.dragging.is_some()
    }

    /// Whether the picture changes by itself (time runs or a finger drags).
    pub fn moving(&self) -> bool {
        self.sim.running() || self.dragging.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pendulum() -> Demonstration {
        bundled("pendulum")
    }

    fn bundled(id: &str) -> Demonstration {
        let loaded =
            exhibit_format::exhibit::load_exhibit_dir(&std::path::Path::new("exhibits").join(id));
        let ex = loaded.usable().expect("the bundled exhibit is valid");
        ex.scenes
            .iter()
            .find_map(|s| match &s.kind {
                exhibit_format::exhibit::SceneKind::Demonstration(d) => Some((**d).clone()),
                _ => None,
            })
            .expect("a demonstration scene")
    }

    #[test]
    fn dragging_holds_time_and_lets_go() {
        let demo = pendulum();
        let mut run = DemoRun::new(&demo).unwrap();
        assert!(run.sim.running());
        let bob = demo
            .shapes
            .iter()
            .position(|s| matches!(s, simulation::Shape::Circle { drag, .. } if !drag.is_empty()))
            .unwrap();
        run.start_drag(bob);
        assert!(!run.sim.running() && run.moving());
        run.drag_to(&demo, 1.0, -1.0);
        let set = run.end_drag(&demo);
        assert_eq!(set, vec![("amplitude".to_owned(), 45.0)]);
        assert!(run.sim.running(), "runs again after the drag");
    }

    #[test]
    fn nudges_stay_on_the_step_and_in_range() {
        let demo = pendulum();
        let mut run = DemoRun::new(&demo).unwrap();
        let length = demo
            .parameters
            .iter()
            .position(|p| p.id == "length")
            .unwrap();
        assert_eq!(run.nudge(&demo, length, 1), Some(1.05));
        assert_eq!(run.nudge(&demo, length, 100), Some(2.0));
        assert_eq!(run.nudge(&demo, length, 1), None, "already at the top");
        let friction = demo
            .parameters
            .iter()
            .position(|p| p.id == "friction")
            .unwrap();
        assert_eq!(run.toggle(&demo, friction), 1.0);
    }

    #[test]
    fn dragging_after_a_landing_holds_still_then_throws_again() {
        let demo = bundled("projectile");
        let mut run = DemoRun::new(&demo).unwrap();
        run.sim.run_for(20.0);
        assert!(run.sim.stopped_by().is_some(), "both balls landed");
        let aim = demo
            .shapes
            .iter()
            .position(|s| matches!(s, simulation::Shape::Circle { drag, .. } if !drag.is_empty()))
            .unwrap();
        run.start_drag(aim);
        run.drag_to(&demo, 5.0, 5.0);
        run.sim.advance(0.5);
        assert!(!run.sim.running(), "time holds while the finger does");
        assert_eq!(run.sim.t(), 0.0, "the new throw waits at its start");
        run.end_drag(&demo);
        assert!(run.sim.running(), "letting go throws");
    }
}
