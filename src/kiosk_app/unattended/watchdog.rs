//! systemd integration: "ready" once the first frame is drawn, then watchdog pings from
//! the frame loop itself, so that a kiosk whose loop hangs stops pinging and is restarted
//! (`WatchdogSec=` in the unit, `deploy/systemd/exhibit-kiosk.service`). Messages go
//! through the `sd-notify` crate; without systemd nothing is sent.

use bevy::prelude::*;

use crate::kiosk_app::core::clock::Now;
use crate::kiosk_app::core::screen::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, ping.run_if(resource_exists::<Watchdog>));
}

/// What the kiosk tells its service manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Started and drawing, with what it shows.
    Ready(String),
    /// Still alive (the frame loop ran).
    Alive,
    /// What it shows now (for `systemctl status`).
    Status(String),
}

/// Sends notices to the service manager; replaced in tests.
pub type Sender = Box<dyn Fn(&Notice) + Send + Sync>;

/// The watchdog: how often to ping and where notices go.
#[derive(Resource)]
pub struct Watchdog {
    /// Seconds between pings (`None`: systemd asked for no watchdog; readiness only).
    every: Option<f64>,
    last_ping: Option<f64>,
    ready: bool,
    last_screen: Option<Screen>,
    send: Sender,
}

impl Watchdog {
    /// A watchdog with its own sender (tests).
    pub fn with_sender(every: Option<f64>, send: Sender) -> Self {
        Watchdog {
            every,
            last_ping: None,
            ready: false,
            last_screen: None,
            send,
        }
    }

    /// The watchdog systemd asked for, if the kiosk runs as a `Type=notify` service
    /// (`NOTIFY_SOCKET` set); pings at a quarter of `WatchdogSec`, so that the frame
    /// loop's longest sleep (a minute) stays well inside it.
    #[cfg(unix)]
    pub fn from_environment() -> Option<Self> {
        std::env::var_os("NOTIFY_SOCKET")?;
        let every = watchdog_usec().map(|usec| usec as f64 / 4e6);
        if let Some(s) = every {
            info!("systemd watchdog: a ping every {s:.0} s from the frame loop");
        }
        Some(Self::with_sender(every, Box::new(send_to_systemd)))
    }

    /// No systemd off Unix.
    #[cfg(not(unix))]
    pub fn from_environment() -> Option<Self> {
        None
    }
}

/// The watchdog interval systemd set, in microseconds. systemd names the service's main
/// process in `WATCHDOG_PID`; under cage that is cage, the kiosk's parent, so (unlike
/// `sd_notify::watchdog_enabled`, which wants our own PID) the parent counts too.
#[cfg(unix)]
fn watchdog_usec() -> Option<u64> {
    let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.parse().ok()?;
    let pid = std::env::var("WATCHDOG_PID")
        .ok()
        .and_then(|p| p.parse::<u32>().ok());
    match pid {
        None => Some(usec),
        Some(p) if p == std::process::id() || p == std::os::unix::process::parent_id() => {
            Some(usec)
        }
        Some(_) => None,
    }
}

#[cfg(unix)]
fn send_to_systemd(notice: &Notice) {
    use sd_notify::NotifyState;
    let result = match notice {
        Notice::Ready(status) => {
            sd_notify::notify(false, &[NotifyState::Ready, NotifyState::Status(status)])
        }
        Notice::Alive => sd_notify::notify(false, &[NotifyState::Watchdog]),
        Notice::Status(status) => sd_notify::notify(false, &[NotifyState::Status(status)]),
    };
    if let Err(e) = result {
        warn!("could not notify systemd: {e}");
    }
}

/// Runs at the end of every frame: ready after the first, then a ping when due, and the
/// screen as status when it changes.
fn ping(mut wd: ResMut<Watchdog>, now: Res<Now>, screen: Res<State<Screen>>) {
    let now = now.0;
    let shown = *screen.get();
    if !wd.ready {
        wd.ready = true;
        wd.last_ping = Some(now);
        wd.last_screen = Some(shown);
        (wd.send)(&Notice::Ready(format!("showing {shown:?}")));
        return;
    }
    if wd.last_screen != Some(shown) {
        wd.last_screen = Some(shown);
        (wd.send)(&Notice::Status(format!("showing {shown:?}")));
    }
    if let Some(every) = wd.every
        && wd.last_ping.is_none_or(|last| now - last >= every)
    {
        wd.last_ping = Some(now);
        (wd.send)(&Notice::Alive);
    }
}
