//! One visitor's session: language, where they are, their quiz answers. Dropped whole when
//! the kiosk returns to the attract loop, so nothing of a visitor outlives the visit.

use bevy::prelude::*;

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::scenes::animation_run::AnimRun;
use crate::kiosk_app::scenes::demonstration_run::DemoRun;
use crate::kiosk_app::scenes::quiz_run::QuizRun;
use exhibit_format::exhibit::SceneKind;
use exhibit_format::text::Lang;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<VisitCounter>()
        .add_message::<VisitEnded>();
}

/// A visit is being ended, and why (written by whoever ends it, read by the usage log).
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct VisitEnded {
    /// Walked away, chose to leave, or the kiosk stopped.
    pub reason: usage_log::EndReason,
    /// For a walk-away: seconds since the visitor's last input.
    pub idle_s: f64,
}

/// Counts visits since start, to seed shuffles and name things per visit.
#[derive(Resource, Debug, Default)]
pub struct VisitCounter(pub u64);

/// The state of the scene being shown.
#[derive(Debug, Clone)]
pub enum SceneState {
    /// A quiz in progress.
    Quiz(QuizRun),
    /// A demonstration running.
    Demo(Box<DemoRun>),
    /// An animation playing (or paused).
    Anim(AnimRun),
}

/// The current visitor's session. Exists only between "start" and the reset.
#[derive(Resource, Debug, Clone)]
pub struct Visit {
    /// The language chosen.
    pub lang: Lang,
    /// Index into [`Content::exhibits`] of the exhibit open, if any.
    pub exhibit: Option<usize>,
    /// Index of the scene shown within the exhibit.
    pub scene: usize,
    /// State of that scene.
    pub scene_state: Option<SceneState>,
    /// The visitor went past the last scene: the "end of exhibit" panel shows.
    pub finished: bool,
    /// Seed for this visit's shuffles.
    pub seed: u64,
    /// A scene was just opened and its main control should take the gamepad focus.
    pub just_entered: bool,
    /// Which visit since the kiosk started (1, 2, …): tells a new visit from the last
    /// one even if one replaces the other within a frame.
    pub serial: u64,
    /// Counts scene entries in this visit, so that entering the same scene again is
    /// seen as a new entry.
    pub entries: u64,
}

impl Visit {
    /// A fresh visit in `lang`.
    pub fn new(lang: &str, seed: u64) -> Self {
        Visit {
            lang: lang.to_owned(),
            exhibit: None,
            scene: 0,
            scene_state: None,
            finished: false,
            seed,
            just_entered: false,
            serial: 0,
            entries: 0,
        }
    }

    /// A visit in `lang` already inside exhibit `index` at `scene` (preview, snapshots).
    pub fn inside(content: &Content, lang: &str, index: usize, scene: usize) -> Self {
        let mut visit = Visit::new(lang, 1);
        visit.exhibit = Some(index);
        visit.enter_scene(content, scene);
        visit
    }

    /// Opens exhibit `index` at its first scene.
    pub fn open_exhibit(&mut self, content: &Content, index: usize) {
        self.exhibit = Some(index);
        self.enter_scene(content, 0);
    }

    /// Shows scene `scene` of the open exhibit, with fresh scene state.
    pub fn enter_scene(&mut self, content: &Content, scene: usize) {
        self.scene = scene;
        self.finished = false;
        self.just_entered = true;
        self.entries += 1;
        self.seed = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.scene_state = self
            .exhibit
            .and_then(|e| content.exhibits.get(e))
            .and_then(|e| e.exhibit.scenes.get(scene))
            .and_then(|s| match &s.kind {
                SceneKind::Quiz(q) => Some(SceneState::Quiz(QuizRun::new(q, self.seed))),
                SceneKind::Demonstration(d) => {
                    DemoRun::new(d).map(|r| SceneState::Demo(Box::new(r)))
                }
                SceneKind::Animation(a) => Some(SceneState::Anim(AnimRun::new(a))),
            });
    }

    /// "Next": the following scene, or the end-of-exhibit panel after the last.
    pub fn next_scene(&mut self, content: &Content) {
        let Some(ex) = self.exhibit.and_then(|e| content.exhibits.get(e)) else {
            return;
        };
        match ex.exhibit.next_scene(self.scene) {
            Some(n) => self.enter_scene(content, n),
            None => {
                self.finished = true;
                self.scene_state = None;
            }
        }
    }

    /// "Back" inside an exhibit: the previous scene; `false` when already at the first
    /// (the caller then goes back to the hub).
    pub fn previous_scene(&mut self, content: &Content) -> bool {
        if self.finished {
            let last = self.scene;
            self.enter_scene(content, last);
            return true;
        }
        if self.scene == 0 {
            return false;
        }
        self.enter_scene(content, self.scene - 1);
        true
    }
}
