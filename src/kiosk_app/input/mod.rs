//! Input: raw touches, keys, gamepad buttons and the switch become the kiosk's own
//! actions ([`actions`], the one place raw input is read), and gamepad and keyboard
//! visitors move a focus highlight between controls ([`focus`]).

pub mod actions;
pub mod focus;

use bevy::prelude::App;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((actions::plugin, focus::plugin));
}
