//! The exhibit kiosk's files as data: exhibits, the kiosk config and the kiosk's own words,
//! as plain serde types, loaded and validated with every problem's file, line, column and
//! hint. The kiosk (`kiosk run`, `preview`, content updates) and `kiosk validate` load
//! content through the same functions here; no Bevy app, window or GPU is needed, so other
//! tools can use it and its tests build in seconds.
//!
//! - the formats: [`exhibit`] (scenes: quiz, demonstration via the `simulation` crate,
//!   [`animation`]), [`config`] (with [`schedule`] and [`admin_pin`]), [`ui_strings`],
//!   [`text`] (a text in many languages), [`media`] (pictures, sound, fonts);
//! - reading a folder of them: [`catalog`];
//! - reporting problems: [`diagnostics`], with positions from [`ron_spans`] and
//!   [`ron_errors`];
//! - what the validator measures against: [`layout`] (the kiosk's boxes and colours, which
//!   its screens draw with), [`text_fit`] (text in the kiosk's fonts), [`contrast`],
//!   [`bidi_text`] (right-to-left lines in drawing order).

pub mod admin_pin;
pub mod animation;
pub mod bidi_text;
pub mod catalog;
pub mod config;
pub mod contrast;
pub mod diagnostics;
pub mod exhibit;
pub mod layout;
pub mod media;
pub mod ron_errors;
pub mod ron_spans;
pub mod schedule;
pub mod text;
pub mod text_fit;
pub mod ui_strings;
