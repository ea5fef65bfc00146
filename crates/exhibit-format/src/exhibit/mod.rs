//! The exhibit format: what an exhibit designer writes in `exhibits/<id>/exhibit.ron`.
//!
//! Plain serde types, shared by the runtime, the `validate` command and the docs
//! (`docs/exhibit-format.md`). Every field that can have a sensible default has one.

mod load;
mod validate;

pub use load::{ExhibitSource, LoadedExhibit, load_exhibit_dir, parse_exhibit};
pub use validate::{is_valid_id, validate_exhibit};

use serde::{Deserialize, Serialize};

pub use crate::animation::Animation;
use crate::text::{Lang, Text};

/// The format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// The file an exhibit folder must hold.
pub const EXHIBIT_FILE: &str = "exhibit.ron";

fn format_version() -> u32 {
    FORMAT_VERSION
}

/// One exhibit: a folder with `exhibit.ron` and its media.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// Format version of this file (default 1).
    #[serde(default = "format_version")]
    pub format: u32,
    /// Unique id: lower-case letters, digits, `-` and `_`; should match the folder name.
    pub id: String,
    /// Languages the exhibit is written in; every visitor text should exist in each.
    pub languages: Vec<Lang>,
    /// The exhibit's name, shown on the hub.
    pub title: Text,
    /// One or two sentences saying what a visitor will do or learn (default: none).
    #[serde(default)]
    pub summary: Text,
    /// Image shown on the hub, relative to the exhibit folder (default: none, a tile with
    /// the title only).
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// Font files in the exhibit folder for a language whose script the kiosk's own fonts
    /// lack (default: none). See `docs/languages.md`.
    #[serde(default)]
    pub fonts: Vec<String>,
    /// The scenes, in the order a visitor goes through them.
    pub scenes: Vec<Scene>,
}

/// One screen of an exhibit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Id, unique within the exhibit.
    pub id: String,
    /// Heading shown under the exhibit title while this scene is on screen (default: none).
    #[serde(default)]
    pub title: Text,
    /// What kind of scene this is and its content.
    pub kind: SceneKind,
    /// Id of the scene "Next" goes to (default: the following scene; after the last, the
    /// end of the exhibit).
    #[serde(default)]
    pub next: Option<String>,
}

/// The kinds of scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SceneKind {
    /// Questions with feedback and explanations.
    Quiz(Quiz),
    /// A live simulation the visitor plays with (see `docs/demonstrations.md`).
    Demonstration(Box<Demonstration>),
    /// A keyframed sequence with narration and subtitles (see `docs/animations.md`).
    Animation(Box<Animation>),
}

impl SceneKind {
    /// Lower-case name of the kind, as counted in the validator's summary.
    pub fn name(&self) -> &'static str {
        match self {
            SceneKind::Quiz(_) => "quiz",
            SceneKind::Demonstration(_) => "demonstration",
            SceneKind::Animation(_) => "animation",
        }
    }
}

/// A demonstration scene: parameters, state, equations and shapes, with visitor text in
/// each language. The model and its checks live in the `simulation` crate.
pub type Demonstration = simulation::Demonstration<Text>;

/// A quiz scene. The point is learning: every answer gets feedback and an explanation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// Text shown before the first question (default: none, the quiz starts at once).
    #[serde(default)]
    pub intro: Text,
    /// Present the questions in a new random order for each visit (default false).
    #[serde(default)]
    pub shuffle_questions: bool,
    /// Present the choices of each question in a random order (default false; true/false
    /// questions always keep True before False).
    #[serde(default)]
    pub shuffle_choices: bool,
    /// The questions.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Id, unique within the quiz (used in reports).
    pub id: String,
    /// The question as the visitor reads it.
    pub prompt: Text,
    /// Image shown with the question, relative to the exhibit folder (default: none).
    #[serde(default)]
    pub image: Option<String>,
    /// What the image shows, for visitors who cannot see it (default: none).
    #[serde(default)]
    pub image_alt: Text,
    /// Single choice, multiple choice or true/false (default `SingleChoice`).
    #[serde(default)]
    pub kind: QuestionKind,
    /// The choices (single and multiple choice; true/false questions have none).
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Whether the statement is true (true/false questions only).
    #[serde(default)]
    pub answer: Option<bool>,
    /// What the visitor should take away, shown after they answer, right or wrong.
    pub explanation: Text,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Exactly one choice is correct; touching a choice answers.
    #[default]
    SingleChoice,
    /// One or more choices are correct; the visitor ticks choices, then confirms.
    MultipleChoice,
    /// A statement that is true or false (`answer` says which).
    TrueFalse,
}

/// One choice of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What the choice says.
    pub text: Text,
    /// Whether this choice is (one of) the right answer(s) (default false).
    #[serde(default)]
    pub correct: bool,
    /// Said about this choice after answering: why it is right or wrong (default: none).
    #[serde(default)]
    pub feedback: Text,
}

impl Exhibit {
    /// Index of the scene with `id`.
    pub fn scene_index(&self, id: &str) -> Option<usize> {
        self.scenes.iter().position(|s| s.id == id)
    }

    /// The scene "Next" leads to from scene `index`; `None` is the end of the exhibit.
    pub fn next_scene(&self, index: usize) -> Option<usize> {
        match self.scenes.get(index)?.next.as_deref() {
            Some(id) => self.scene_index(id),
            None => (index + 1 < self.scenes.len()).then_some(index + 1),
        }
    }
}
