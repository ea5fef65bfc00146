//! `systemctl stop`, a shutdown at closing time or `kill` send SIGTERM: the kiosk then
//! ends like a closed window, so the visit in progress is logged as ended ("shutdown")
//! and `kiosk_stop` is written, instead of the next start counting as a crash.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

/// Added by `kiosk run` (and tests): preview and snapshots stop as any program does.
pub fn plugin(app: &mut App) {
    app.init_resource::<StopRequested>()
        .add_systems(Startup, start_watching)
        .add_systems(First, exit_when_asked);
}

fn start_watching(requested: Res<StopRequested>, proxy: Option<Res<EventLoopProxyWrapper>>) {
    watch_signals(&requested, proxy.as_deref());
}

/// Set when the operating system asked the kiosk to stop.
#[derive(Resource, Debug, Clone, Default)]
pub struct StopRequested(pub Arc<AtomicBool>);

/// Why the kiosk is exiting, when it is not a closed window (read by the usage log).
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct ExitCause(pub &'static str);

#[cfg(unix)]
fn watch_signals(requested: &StopRequested, proxy: Option<&EventLoopProxyWrapper>) {
    use signal_hook::consts::SIGTERM;
    let flag = requested.0.clone();
    let proxy = proxy.map(|p| (**p).clone());
    match signal_hook::iterator::Signals::new([SIGTERM]) {
        Ok(mut signals) => {
            let spawned = std::thread::Builder::new()
                .name("stop-signal".into())
                .spawn(move || {
                    if signals.forever().next().is_some() {
                        flag.store(true, Ordering::SeqCst);
                        // The frame loop may be asleep for up to a minute.
                        if let Some(p) = proxy {
                            let _ = p.send_event(WinitUserEvent::WakeUp);
                        }
                    }
                });
            if let Err(e) = spawned {
                warn!("cannot watch for SIGTERM ({e}); a stop will not be logged");
            }
        }
        Err(e) => warn!("cannot watch for SIGTERM ({e}); a stop will not be logged"),
    }
}

#[cfg(not(unix))]
fn watch_signals(_: &StopRequested, _: Option<&EventLoopProxyWrapper>) {}

fn exit_when_asked(
    requested: Res<StopRequested>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
) {
    if requested.0.swap(false, Ordering::SeqCst) {
        info!("asked to stop (SIGTERM): ending the visit and closing");
        commands.insert_resource(ExitCause("signal"));
        exit.write(AppExit::Success);
    }
}
