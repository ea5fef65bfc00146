//! Touch targets: every draggable shape of a demonstration must leave a finger a grab
//! area at least [`layout::MIN_TARGET`] across on a 1920 × 1080 screen, or visitors with
//! less precise hands, and children, miss it.

use simulation::draw::Handle;

use super::{layout, px};
use crate::exhibit::Demonstration;
use crate::exhibit::validate::Checker;
use crate::layout as kiosk;
use crate::ron_spans::Path;
use crate::text::Text;
use crate::text_fit;

impl Checker<'_> {
    /// Each draggable shape at the start of a run, drawn as on a 1920 × 1080 screen: the
    /// area where a finger takes it must hold a circle [`layout::MIN_TARGET`] across. The
    /// kiosk gives every one a reach of at least `simulation::draw::MIN_REACH`, but the
    /// drawing's edge cuts it, and so does a neighbour (the nearer shape wins).
    pub(super) fn touch_targets(&mut self, path: &Path, demo: &Demonstration) {
        let Ok((model, _)) = simulation::compile(demo) else {
            return;
        };
        let sim = simulation::Simulation::new(model);
        let (w, h) = (layout::CANVAS_W, self.canvas_height(demo));
        let mut prims = Vec::new();
        let mut handles = Vec::new();
        let no_text = |_: &Text| String::new();
        simulation::draw::draw(demo, &sim, w, h, &no_text, &mut prims, &mut handles);
        for handle in &handles {
            let (across, why) = grab_area(handle, &handles, w, h);
            if across < layout::MIN_TARGET {
                let sp = path.field("shapes").index(handle.shape).field("drag");
                self.small_target(&sp, across, &why);
            }
        }
    }

    /// Warns at `path` that a finger can take the shape only within `across`, `why` (if
    /// anything is known) saying what cuts its grab area.
    fn small_target(&mut self, path: &Path, across: f32, why: &str) {
        let reason = if why.is_empty() {
            String::new()
        } else {
            format!(": {why}")
        };
        self.warn(
            path,
            format!(
                "touch target too small: a finger can take this shape within {} across, the kiosk's minimum is {}{reason}",
                px(across),
                px(layout::MIN_TARGET)
            ),
            "move it away from the edge and from other draggable shapes, or widen the \
             view so everything is drawn larger (sizes as on a 1920 × 1080 screen)",
        );
    }

    /// Height of a demonstration's drawing on a 1920 × 1080 screen (`show`): what is left
    /// under the intro, less the buttons, at most two thirds of its width, at least 320.
    fn canvas_height(&self, demo: &Demonstration) -> f32 {
        let intro = demo.intro.as_ref().map_or(0.0, |t| {
            let lang = self.exhibit.languages.first().map_or("", String::as_str);
            let m = text_fit::measure(t.get(lang, lang), layout::DEMO_INTRO, Some(layout::SCENE_W));
            m.height + layout::GAP_Y + kiosk::demonstration::INTRO_GAP + layout::GAP_Y
        });
        kiosk::demonstration::canvas_height(layout::SCENE_H - intro, layout::CANVAS_W)
    }
}

/// How wide a circle a finger can take `handle` within, on a drawing `w` × `h`, and what
/// narrows it most (empty when nothing does): the biggest circle in the reach, the drawing
/// and the Voronoi cell. A cut at distance `d` from the centre leaves a circle `reach + d`
/// across.
fn grab_area(handle: &Handle, handles: &[Handle], w: f32, h: f32) -> (f32, String) {
    let [x, y] = handle.centre;
    let reach = handle.reach;
    let mut narrowest = (2.0 * reach, String::new());
    let edge = x.min(w - x).min(y).min(h - y);
    if edge < reach {
        narrow(&mut narrowest, (reach + edge).max(0.0), || {
            format!(
                "it starts {} from the edge of the drawing, which cuts its grab area",
                px(edge.max(0.0))
            )
        });
    }
    for other in handles {
        if other.shape == handle.shape {
            continue;
        }
        let d = ((other.centre[0] - x).powi(2) + (other.centre[1] - y).powi(2)).sqrt();
        if d / 2.0 < reach {
            narrow(&mut narrowest, reach + d / 2.0, || {
                format!(
                    "draggable shape {} starts {} away, and the nearer shape takes the touch",
                    other.shape + 1,
                    px(d)
                )
            });
        }
    }
    narrowest
}

/// Keeps `across` and its reason `why` in `narrowest` when it is narrower.
fn narrow(narrowest: &mut (f32, String), across: f32, why: impl FnOnce() -> String) {
    if across < narrowest.0 {
        *narrowest = (across, why());
    }
}
