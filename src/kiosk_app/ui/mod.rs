//! How the kiosk looks: the theme (fonts, sizes, colours from the layout numbers the
//! validator shares) and the controls every screen draws with.

pub mod theme;
pub mod widgets;

use bevy::prelude::App;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(theme::plugin);
}
