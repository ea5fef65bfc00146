//! The three kinds of scene inside the exhibit screen. Each has a visitor's run in plain
//! Rust, free of rendering and tested without a window ([`quiz_run`],
//! [`demonstration_run`], [`animation_run`]), and a view that draws it and feeds it what
//! the visitor does ([`quiz`], [`demonstration`], [`animation`], with [`narration`]
//! playing an animation's sound in step with its clock).

pub mod animation;
pub mod animation_run;
pub mod demonstration;
pub mod demonstration_run;
pub mod narration;
pub mod quiz;
pub mod quiz_run;

use std::path::Path;

use bevy::prelude::{App, Message, Resource};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((demonstration::plugin, animation::plugin, narration::plugin));
}

/// While present, simulations and animations do not advance with the clock (a snapshot
/// shows exactly the moment asked for).
#[derive(Resource, Debug, Default)]
pub struct HoldTime;
use bevy_egui::egui;

use crate::kiosk_app::core::images::ImageCache;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::scenes::quiz_run::Answer;
use exhibit_format::text::Text;
use exhibit_format::ui_strings::UiStrings;

/// What a scene view needs from the kiosk while it draws.
pub struct SceneUi<'a> {
    /// The egui context (for textures).
    pub ctx: &'a egui::Context,
    /// Focus registration for gamepad / keyboard.
    pub ring: &'a mut FocusRing,
    /// The kiosk's own words.
    pub strings: &'a UiStrings,
    /// The visitor's language.
    pub lang: &'a str,
    /// The kiosk's default language, for text missing in `lang`.
    pub fallback: &'a str,
    /// Decoded images.
    pub images: &'a mut ImageCache,
    /// The exhibit's folder, for its media.
    pub dir: &'a Path,
    /// What the visitor did on the scene this frame, for the usage log.
    pub events: &'a mut Vec<SceneEvent>,
    /// Large movements in animations become fades or cuts (kiosk config).
    pub reduced_motion: bool,
}

impl<'a> SceneUi<'a> {
    /// Exhibit text in the visitor's language, as drawn (right-to-left lines reordered).
    pub fn text<'t>(&self, text: &'t Text) -> std::borrow::Cow<'t, str> {
        exhibit_format::bidi_text::visual(text.get(self.lang, self.fallback))
    }

    /// Exhibit text in the visitor's language as written (for [`widgets::paragraph`]).
    ///
    /// [`widgets::paragraph`]: crate::kiosk_app::ui::widgets::paragraph
    pub fn written<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang, self.fallback)
    }

    /// One of the kiosk's own words in the visitor's language.
    pub fn word(&self, key: &'static str) -> &'a str {
        self.strings.get(self.lang, key)
    }
}

/// What a scene asks of the exhibit screen after drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SceneRequest {
    /// Go on to the next scene.
    NextScene,
}

/// Something a visitor did on a scene that the usage log records.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum SceneEvent {
    /// A quiz question was answered.
    Answered(Answer),
    /// A control (slider, toggle, button) was used.
    Control {
        /// The control's id.
        control: String,
        /// Its new value.
        value: serde_json::Value,
    },
}
