//! The kiosk's core vocabulary, which every screen and service speaks: the content on
//! show, the clock idle decisions use, which screen is up and which pop-up covers it, the
//! visitor's visit and settings, and the pictures drawn.

pub mod clock;
pub mod content;
pub mod images;
pub mod overlay;
pub mod screen;
pub mod settings;
pub mod visit;

use bevy::prelude::App;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        clock::plugin,
        screen::plugin,
        overlay::plugin,
        settings::plugin,
        content::plugin,
        visit::plugin,
        images::plugin,
    ));
}
