//! Running unattended for months: the walk-away reset ([`idle`], timed by [`idle_clock`]),
//! opening hours, systemd's watchdog, the status file ([`status`], its data in
//! [`health`]), content copied in while running ([`content_updates`]), the technician's
//! admin overlay, a clean stop on SIGTERM, and, with a real window, sleeping while
//! nothing moves ([`power`]) and staying full-screen.

pub mod admin;
pub mod content_updates;
pub mod folder_stamp;
pub mod fullscreen;
pub mod health;
pub mod idle;
pub mod idle_clock;
pub mod opening_hours;
pub mod power;
pub mod status;
pub mod stop_signal;
pub mod watchdog;

use bevy::prelude::App;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        idle::plugin,
        opening_hours::plugin,
        watchdog::plugin,
        status::plugin,
        content_updates::plugin,
        admin::plugin,
    ));
}

/// What only a kiosk with a real window needs: sleeping while nothing moves, and keeping
/// the window full-screen.
pub(super) fn windowed_plugin(app: &mut App) {
    app.add_plugins((power::plugin, fullscreen::plugin));
}
