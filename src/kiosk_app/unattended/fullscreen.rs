//! Full-screen that holds without a window manager. In a bare X session nobody honours a
//! full-screen request and the window stays at its default size; the kiosk then sizes
//! and places its borderless window over the whole primary monitor itself.

use bevy::prelude::*;
use bevy::window::{Monitor, PrimaryMonitor, PrimaryWindow, WindowMode, WindowPosition};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (cover_primary_monitor, log_resolution));
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

/// A display whose resolution changes (a projector swapped, a monitor replugged) is said
/// in the log; the layout follows the new size by itself.
fn log_resolution(
    mut resized: MessageReader<bevy::window::WindowResized>,
    mut last: Local<Option<(u32, u32)>>,
) {
    if let Some(r) = resized.read().last() {
        let size = (r.width.round() as u32, r.height.round() as u32);
        if *last != Some(size) {
            if last.is_some() {
                info!("display resized to {}×{}", size.0, size.1);
            }
            *last = Some(size);
        }
    }
}
