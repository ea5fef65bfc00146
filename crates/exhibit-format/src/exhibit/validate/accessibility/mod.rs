//! Accessibility checks at authoring time (warnings: the exhibit still runs):
//!
//! - [`contrast`]: text colours a designer chose, against the background they are drawn
//!   on: 4.5:1 at least (WCAG 2.x AA), 7:1 in the kiosk's high-contrast mode;
//! - [`touch_targets`]: draggable shapes of demonstrations: a grab area at least
//!   [`layout::MIN_TARGET`] across on a 1920 × 1080 screen;
//! - [`larger_text`]: visitor text that does not fit the fixed box the kiosk gives it when
//!   the visitor asks for larger text (1.5 ×), in every language, measured with the
//!   kiosk's own fonts ([`crate::text_fit`]).
//!
//! Narration without subtitles and pictures without descriptions are checked where those
//! things are checked (`validate.rs`, `animation.rs`).
//!
//! The kiosk's layout is not run here: its boxes are worked out in [`layout`] from the
//! numbers the screens draw with ([`crate::layout`]).

use super::Checker;
use crate::contrast::{Rgb, Rgba};
use crate::exhibit::{Scene, SceneKind};
use crate::ron_spans::Path;

mod contrast;
mod ground;
mod larger_text;
pub mod layout;
mod touch_targets;

impl Checker<'_> {
    /// Every accessibility check of the exhibit.
    pub(super) fn accessibility(&mut self) {
        let e = self.exhibit;
        let root = Path::root();
        self.hub_tile_fits(&root);
        self.top_bar_fits(
            &root.field("title"),
            &e.title,
            layout::TOP_TITLE,
            "exhibit title",
        );
        for (i, scene) in e.scenes.iter().enumerate() {
            self.scene_accessibility(&root.field("scenes").index(i), scene);
        }
    }

    /// The checks of one scene (at `path`): its title in the top bar, then those of its
    /// kind.
    fn scene_accessibility(&mut self, path: &Path, scene: &Scene) {
        self.top_bar_fits(
            &path.field("title"),
            &scene.title,
            layout::TOP_SCENE_TITLE,
            "scene title",
        );
        let kind = path.field("kind");
        match &scene.kind {
            SceneKind::Quiz(_) => {}
            SceneKind::Demonstration(demo) => {
                self.demonstration_contrast(&kind, demo);
                self.touch_targets(&kind, demo);
                self.slider_labels_fit(&kind, demo);
            }
            SceneKind::Animation(anim) => {
                self.animation_contrast(&kind, anim);
                self.captions_fit(&kind, anim);
                self.chapter_titles_fit(&kind, anim);
            }
        }
    }

    /// Warns at the value at `path` with `message`, saying what to do in `hint`: every
    /// accessibility problem is a warning with a hint.
    fn warn(&mut self, path: &Path, message: String, hint: impl Into<String>) {
        self.warning(path, message, Some(hint.into()));
    }
}

/// `#rrggbb` for messages.
fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// A colour as written, `#rrggbb` or `#rrggbbaa`.
fn parse(c: &str) -> Option<Rgba> {
    simulation::parse_colour(c)
}

/// Whole pixels, for messages.
fn px(v: f32) -> String {
    format!("{} px", v.round() as i64)
}
