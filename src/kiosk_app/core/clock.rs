//! The time idle decisions are made on.
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

fn tick(mut now: ResMut<Now>, wall: Option<Res<WallClock>>, time: Res<Time<Real>>) {
    now.0 = match wall {
        Some(w) => w.0.elapsed().as_secs_f64(),
        None => time.elapsed_secs_f64(),
    };
}
