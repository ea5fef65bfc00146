//! Full-screen that holds without a window manager. In a bare X session nobody honours a
//! full-screen request and the window stays at its default size; the kiosk then sizes
//! and places its borderless window over the whole primary monitor itself.

use bevy::prelude::*;
use bevy::window::{Monitor, PrimaryMonitor, PrimaryWindow, WindowMode, WindowPosition};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, cover_primary_monitor);
}

fn cover_primary_monitor(
    mut window: Query<&mut Window, With<PrimaryWindow>>,
    monitor: Query<&Monitor, With<PrimaryMonitor>>,
) {
    let (Ok(mut window), Ok(monitor)) = (window.single_mut(), monitor.single()) else {
        return;
    };
    if !matches!(window.mode, WindowMode::BorderlessFullscreen(_)) {
        return;
    }
    let (w, h) = (monitor.physical_width, monitor.physical_height);
    if w == 0 || h == 0 || (window.physical_width() == w && window.physical_height() == h) {
        return;
    }
    info!("full-screen not applied by the display server; covering the {w}x{h} monitor directly");
    window.resolution.set_physical_resolution(w, h);
    window.position = WindowPosition::At(monitor.physical_position);
}
