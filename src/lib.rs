//! Exhibit kiosk runtime for science museums.
//!
//! The pure parts (exhibit format, validation, quiz, idle timing, kiosk config) need no
//! window and are tested on their own; [`kiosk_app`] is the Bevy layer that presents them.

pub mod admin_pin;
pub mod animation;
pub mod bidi_text;
pub mod catalog;
pub mod config;
pub mod contrast;
pub mod demonstration;
pub mod diagnostics;
pub mod exhibit;
pub mod folder_stamp;
pub mod health;
pub mod idle;
pub mod kiosk_app;
pub mod media;
pub mod quiz;
pub mod report_cmd;
pub mod report_content;
pub mod ron_errors;
pub mod ron_spans;
pub mod schedule;
pub mod speech;
pub mod text;
pub mod text_fit;
pub mod ui_strings;
pub mod validate_cmd;
