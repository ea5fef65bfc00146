//! Kiosks run 12 hours a day: when nothing moves, nothing is redrawn. The window wakes for
//! input, for the attract animation at a modest rate, and for the idle countdown.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};

use super::idle::IdleOverlay;
use super::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, wake_on_gamepad)
        .add_systems(Last, pace);
}

/// Frames per second of the attract animation.
const ATTRACT_FPS: f64 = 15.0;
/// Longest sleep; a bound, in case a wake-up is ever missed.
const MAX_SLEEP: f32 = 30.0;

fn pace(
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    idle: Res<IdleOverlay>,
    mut winit: ResMut<WinitSettings>,
) {
    let wait = match screen.get() {
        Screen::Attract => Duration::from_secs_f64(1.0 / ATTRACT_FPS),
        _ => {
            let secs = idle
                .next_change_in(time.elapsed_secs_f64())
                .unwrap_or(MAX_SLEEP);
            Duration::from_secs_f32(secs.clamp(0.05, MAX_SLEEP))
        }
    };
    let mode = UpdateMode::reactive(wait);
    if winit.focused_mode != mode {
        // Kiosk windows may lose focus to nothing at all; behave the same either way.
        winit.focused_mode = mode;
        winit.unfocused_mode = mode;
    }
}

/// Gamepads are polled inside the frame loop, which sleeps while nothing happens; a
/// small thread waits for gamepad events and wakes the loop, so a button press is
/// answered at once without polling.
fn wake_on_gamepad(proxy: Option<Res<EventLoopProxyWrapper>>) {
    let Some(proxy) = proxy else { return };
    let proxy = (**proxy).clone();
    let spawned = std::thread::Builder::new()
        .name("gamepad-wake".into())
        .spawn(move || {
            let mut gilrs = match gilrs::Gilrs::new() {
                Ok(g) => g,
                Err(e) => {
                    warn!(
                        "gamepad support unavailable ({e}); touch, mouse and keyboard still work"
                    );
                    return;
                }
            };
            loop {
                if gilrs
                    .next_event_blocking(Some(Duration::from_secs(1)))
                    .is_some()
                    && proxy.send_event(WinitUserEvent::WakeUp).is_err()
                {
                    return; // the window has closed
                }
            }
        });
    if let Err(e) = spawned {
        warn!("could not start the gamepad wake-up thread: {e}");
    }
}
