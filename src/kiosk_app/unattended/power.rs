//! Kiosks run 12 hours a day: when nothing moves, nothing is redrawn. The window wakes for
//! input, for the attract animation at a modest rate, and for the idle countdown.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};

use bevy::window::RequestRedraw;
use bevy_egui::{EguiPostUpdateSet, EguiRenderOutput};

use crate::kiosk_app::core::overlay::{Overlay, Popup};
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::input::actions::LastInput;
use crate::kiosk_app::unattended::idle::IdleOverlay;
use crate::kiosk_app::unattended::opening_hours::{Calendar, Opening, until_opening};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, (wake_on_gamepad, start_alarm))
        .add_systems(Last, set_alarm.after(pace))
        .add_systems(Last, pace)
        .add_systems(
            PostUpdate,
            repaint_after_texture_upload
                .after(EguiPostUpdateSet::ProcessOutput)
                .before(EguiPostUpdateSet::PostProcessOutput),
        );
}

/// Frames per second of the attract animation.
const ATTRACT_FPS: f64 = 15.0;
/// Frames per second while a demonstration runs or an animation plays: smooth motion is
/// the point of them.
const DEMO_FPS: f64 = 60.0;
/// Refreshes per second of the "Still there?" countdown.
const COUNTDOWN_FPS: f64 = 4.0;

/// Longest sleep while a visitor may be about; the alarm below wakes the loop earlier
/// when the idle countdown is due.
const IDLE_SLEEP: Duration = Duration::from_secs(60);

/// How long the loop may sleep between frames when no input arrives. Each value holds for
/// a whole phase: winit counts sleeps on a fixed cadence and treats a changed value as a
/// reason to redraw, so the exact moment of the idle countdown comes from [`Alarm`].
fn pace(
    screen: Res<State<Screen>>,
    overlay: Res<Overlay>,
    visit: Option<Res<Visit>>,
    mut winit: ResMut<WinitSettings>,
) {
    let moving = visit.is_some_and(|v| match &v.scene_state {
        Some(SceneState::Demo(run)) => run.moving(),
        Some(SceneState::Anim(run)) => run.playing,
        _ => false,
    });
    let wait = match screen.get() {
        Screen::Attract => Duration::from_secs_f64(1.0 / ATTRACT_FPS),
        Screen::Exhibit if moving => Duration::from_secs_f64(1.0 / DEMO_FPS),
        _ if overlay.is_up(Popup::StillThere) => Duration::from_secs_f64(1.0 / COUNTDOWN_FPS),
        _ => IDLE_SLEEP,
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

/// Wakes the sleeping frame loop at a given moment (when the idle countdown is due).
#[derive(Resource)]
struct Alarm(std::sync::mpsc::Sender<std::time::Instant>);

fn start_alarm(mut commands: Commands, proxy: Option<Res<EventLoopProxyWrapper>>) {
    let Some(proxy) = proxy else { return };
    let proxy = (**proxy).clone();
    let (tx, rx) = std::sync::mpsc::channel::<std::time::Instant>();
    let spawned = std::thread::Builder::new()
        .name("wake-alarm".into())
        .spawn(move || {
            let mut due: Option<std::time::Instant> = None;
            loop {
                let next = match due {
                    Some(at) => {
                        rx.recv_timeout(at.saturating_duration_since(std::time::Instant::now()))
                    }
                    None => rx
                        .recv()
                        .map_err(|_| std::sync::mpsc::RecvTimeoutError::Disconnected),
                };
                match next {
                    // A newer deadline replaces the old one.
                    Ok(at) => due = Some(at),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        due = None;
                        if proxy.send_event(WinitUserEvent::WakeUp).is_err() {
                            return;
                        }
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        });
    match spawned {
        Ok(_) => {
            commands.insert_resource(Alarm(tx));
        }
        Err(e) => warn!("could not start the wake-up alarm: {e}; the idle countdown may come late"),
    }
}

/// After each input (and each change of screen) the moment the countdown is due moves;
/// the alarm is told, once per change, not every frame.
fn set_alarm(
    alarm: Option<Res<Alarm>>,
    last: Res<LastInput>,
    screen: Res<State<Screen>>,
    idle: Res<IdleOverlay>,
    now: Res<crate::kiosk_app::core::clock::Now>,
    hours: (Res<Opening>, Res<Calendar>),
) {
    let Some(alarm) = alarm else { return };
    let (opening, calendar) = hours;
    if !(last.this_frame || screen.is_changed() || idle.is_changed() || opening.is_changed()) {
        return;
    }
    // Closed: wake at opening time (the loop also looks once a minute).
    if *screen.get() == Screen::Closed
        && let Some(secs) = until_opening(&opening, &calendar, now.0)
    {
        let _ = alarm
            .0
            .send(std::time::Instant::now() + Duration::from_secs_f64(secs + 0.05));
        return;
    }
    if let Some(secs) = idle.until_warning(now.0) {
        // A little late rather than early: the frame then surely sees the threshold passed.
        let at = std::time::Instant::now() + Duration::from_secs_f32(secs + 0.02);
        let _ = alarm.0.send(at);
    }
}

/// New glyphs (a language switch, a countdown digit not shown before) reach the GPU one frame
/// after egui draws with them; without one more frame, a sleeping kiosk would show blanks
/// where they belong until the next input.
fn repaint_after_texture_upload(
    outputs: Query<&EguiRenderOutput>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if outputs.iter().any(|o| !o.textures_delta.is_empty()) {
        redraw.write(RequestRedraw);
    }
}
