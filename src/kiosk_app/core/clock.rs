//! The time idle decisions are made on, and the frame time films and simulations follow.
//!
//! Bevy's own clock reads the time the previous frame finished rendering; the kiosk sleeps
//! for up to a minute between frames, so that reading can be a whole sleep old. With a
//! window the kiosk reads the operating system's clock instead; headless apps (tests) use
//! Bevy's clock, which they step by hand.

use std::time::Instant;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Now>()
        .add_systems(First, tick.after(bevy::time::TimeSystems));
}

/// Seconds since the kiosk started, read at the start of this frame.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct Now(pub f64);

/// Present when the kiosk runs against the wall clock (windowed apps).
#[derive(Resource, Debug, Clone, Copy)]
pub struct WallClock(pub Instant);

/// A frame longer than this is a stall (a suspend, a window dragged, a machine swapping
/// hard): clocks that follow the frames skip it rather than leap ahead.
pub const STALL_S: f64 = 1.0;

/// Seconds of real time the last frame took, for what plays in real time (films,
/// simulations); 0 after a stall. Real time, not Bevy's virtual time: that holds each
/// frame to 250 ms, which played films in slow motion on machines drawing 4 frames a
/// second and left their narration behind.
pub fn frame_seconds(real: &Time<Real>) -> f64 {
    let dt = real.delta_secs_f64();
    if dt > STALL_S { 0.0 } else { dt }
}

fn tick(mut now: ResMut<Now>, wall: Option<Res<WallClock>>, time: Res<Time<Real>>) {
    now.0 = match wall {
        Some(w) => w.0.elapsed().as_secs_f64(),
        None => time.elapsed_secs_f64(),
    };
}
