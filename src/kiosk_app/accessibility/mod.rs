//! The visitor's own settings (larger text, high contrast, less motion, reading aloud,
//! one-button use, volume) and reading the screen aloud: what to say ([`voicing`]) and
//! how it is spoken, from recordings or espeak-ng ([`speech`], no Bevy).

pub mod speech;
pub mod visitor_settings;
pub mod voicing;

use bevy::prelude::App;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((visitor_settings::plugin, voicing::plugin));
}
