//! The status file of `kiosk run`: the frame loop fills in what it knows (screen, frame
//! work times, visits, content and log health) and a small thread rewrites the file every
//! few seconds, also while the loop sleeps. A file that stops changing means a kiosk that
//! stopped. Read it with `kiosk status`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bevy::prelude::*;

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::unattended::admin::{TodayStats, venue_today};
use crate::kiosk_app::unattended::health::{self, FrameTimes, Status};
use crate::kiosk_app::unattended::opening_hours::Opening;
use crate::kiosk_app::usage::UsageLog;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(First, frame_started.run_if(resource_exists::<StatusFile>))
        .add_systems(Last, frame_done.run_if(resource_exists::<StatusFile>));
}

/// What the writer thread shares with the frame loop.
#[derive(Debug, Default)]
struct Shared {
    status: Status,
    times: FrameTimes,
    /// When the frame loop last finished a frame (formatted by the writer, not the loop).
    last_frame: Option<jiff::Timestamp>,
}

/// Present in `kiosk run`: the status file and the frame being measured.
#[derive(Resource)]
pub struct StatusFile {
    shared: Arc<Mutex<Shared>>,
    frame_start: Option<Instant>,
}

impl StatusFile {
    /// Starts rewriting `path` every [`health::WRITE_EVERY_S`] seconds for kiosk
    /// `kiosk_id`. A folder that cannot be written is logged once; the kiosk goes on.
    pub fn start(path: PathBuf, kiosk_id: &str) -> Self {
        Self::start_every(path, kiosk_id, Duration::from_secs(health::WRITE_EVERY_S))
    }

    /// [`StatusFile::start`] with another interval (tests).
    pub fn start_every(path: PathBuf, kiosk_id: &str, every: Duration) -> Self {
        let started = jiff::Timestamp::now();
        let shared = Arc::new(Mutex::new(Shared {
            status: Status {
                kiosk_id: kiosk_id.to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
                pid: std::process::id(),
                started_at: started.to_string(),
                open: true,
                ..Status::default()
            },
            ..Shared::default()
        }));
        let for_thread = shared.clone();
        let begun = Instant::now();
        let spawned = std::thread::Builder::new()
            .name("status-file".into())
            .spawn(move || {
                let mut failing = false;
                loop {
                    let snapshot = {
                        let Ok(mut s) = for_thread.lock() else { return };
                        s.status.uptime_s = begun.elapsed().as_secs();
                        s.status.written_at = jiff::Timestamp::now().to_string();
                        s.status.frames = s.times.stats();
                        s.status.last_frame_at = s.last_frame.map(|t| t.to_string());
                        s.status.clone()
                    };
                    match health::write_atomically(&path, &snapshot) {
                        Ok(()) if failing => {
                            failing = false;
                            info!("status file {} written again", path.display());
                        }
                        Ok(()) => {}
                        Err(e) if !failing => {
                            failing = true;
                            warn!("cannot write the status file {}: {e}", path.display());
                        }
                        Err(_) => {}
                    }
                    std::thread::sleep(every);
                }
            });
        if let Err(e) = spawned {
            warn!("could not start the status-file thread: {e}");
        }
        StatusFile {
            shared,
            frame_start: None,
        }
    }
}

fn frame_started(mut file: ResMut<StatusFile>) {
    file.frame_start = Some(Instant::now());
}

fn frame_done(
    mut file: ResMut<StatusFile>,
    screen: Res<State<Screen>>,
    opening: Option<Res<Opening>>,
    content: Res<Content>,
    log: Option<Res<UsageLog>>,
    visits: Res<TodayStats>,
) {
    let work_ms = file
        .frame_start
        .take()
        .map(|s| s.elapsed().as_secs_f64() * 1000.0);
    let Ok(mut shared) = file.shared.lock() else {
        return;
    };
    if let Some(ms) = work_ms {
        shared.times.push(ms);
    }
    shared.last_frame = Some(jiff::Timestamp::now());
    let s = &mut shared.status;
    s.screen = format!("{:?}", screen.get());
    s.open = opening.as_ref().is_none_or(|o| o.is_open());
    s.exhibits_shown = content.exhibits.len();
    if content.is_changed() {
        s.content_errors = content.left_out.iter().map(|l| l.id.clone()).collect();
    }
    if let Some(log) = &log {
        let h = log.health();
        s.dropped_log_events = h.dropped;
        s.log_error = if h.failing { h.last_error } else { None };
    }
    if visits.is_changed() {
        s.visits_today = visits.visits_on(venue_today(opening.as_deref()));
        s.visits_since_start = visits.since_start;
        s.last_visit_end = visits.last_end.map(|t| t.to_string());
    }
}
