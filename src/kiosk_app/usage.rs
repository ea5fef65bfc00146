//! The usage log seen from the kiosk: what visitors do becomes log events (schema v1, see
//! `docs/usage-log.md`). This plugin only watches the visit and the scenes' messages and
//! hands events to the writer thread of the `usage-log` crate; nothing here waits for
//! the disk.
//!
//! Only `kiosk run` logs: the [`UsageLog`] resource is absent in preview and snapshots.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use usage_log::event::new_session_id;
use usage_log::writer::HealthReport;
use usage_log::{EndReason, Event, InputKind, LogWriter};

use crate::kiosk_app::core::clock::Now;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::images::ImageCache;
use crate::kiosk_app::core::visit::{Visit, VisitEnded};
use crate::kiosk_app::input::actions::{Device, LastInput};
use crate::kiosk_app::scenes::SceneEvent;
use crate::kiosk_app::unattended::stop_signal::ExitCause;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Tracker>().add_systems(
        Last,
        (
            track_visit,
            log_media_failures,
            heartbeat_and_health,
            stop_on_exit,
        )
            .chain()
            .run_if(resource_exists::<UsageLog>),
    );
    app.add_systems(
        PostStartup,
        record_start.run_if(resource_exists::<UsageLog>),
    );
}

/// Seconds between `heartbeat` events, so that reports know the kiosk was up even when
/// nobody came.
const HEARTBEAT_EVERY: f64 = 600.0;
/// Seconds between looks at the writer's health.
const HEALTH_EVERY: f64 = 5.0;

/// The open usage log. Dropping it writes out what is queued.
#[derive(Resource)]
pub struct UsageLog {
    writer: LogWriter,
    folder: PathBuf,
}

impl UsageLog {
    /// Starts logging for kiosk `kiosk` under `folder`. A folder that cannot be written
    /// does not stop the kiosk: events are counted as dropped until it can.
    pub fn start(folder: &Path, kiosk: &str) -> Self {
        UsageLog {
            writer: LogWriter::start(folder, kiosk),
            folder: folder.to_owned(),
        }
    }

    /// How writing goes.
    pub fn health(&self) -> HealthReport {
        self.writer.health()
    }

    /// The folder written to.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn record(&self, event: Event) {
        self.writer.record(event);
    }
}

/// What the log knows of the visit in progress.
#[derive(Resource, Debug, Default)]
struct Tracker {
    session: Option<OpenSession>,
    /// Why the visit is ending: told a frame before the visit is gone.
    ending: Option<VisitEnded>,
    last_heartbeat: f64,
    last_health_check: f64,
    last_health: HealthReport,
}

#[derive(Debug)]
struct OpenSession {
    id: String,
    /// The [`Visit::serial`] it logs.
    serial: u64,
    started: f64,
    lang: String,
    scene: Option<OpenScene>,
}

#[derive(Debug, Clone, PartialEq)]
struct OpenScene {
    exhibit: String,
    scene: String,
    entered: f64,
    /// The visit's [`Visit::entries`] when it was entered.
    entry: u64,
}

fn ms(secs: f64) -> u64 {
    (secs.max(0.0) * 1000.0).round() as u64
}

fn input_kind(device: Option<Device>) -> InputKind {
    match device {
        Some(Device::Gamepad) => InputKind::Gamepad,
        Some(Device::Keyboard) => InputKind::Keyboard,
        Some(Device::Mouse) => InputKind::Mouse,
        Some(Device::Touch) | None => InputKind::Touch,
    }
}

fn record_start(log: Res<UsageLog>, content: Res<Content>) {
    log.record(Event::KioskStart {
        version: env!("CARGO_PKG_VERSION").into(),
    });
    for l in &content.left_out {
        log.record(Event::Error {
            message: format!("exhibit left out: {}", l.why),
            exhibit: Some(l.id.clone()),
            dropped: None,
        });
    }
    info!("usage log: writing under {}", log.folder.display());
}

/// The scene on screen: exhibit and scene ids, or none (list, end panel).
/// Borrowed: this runs every frame, and ids are copied only when the scene changes.
fn scene_on_screen<'c>(
    visit: &Visit,
    content: &'c Content,
) -> Option<(&'c str, &'c str, &'static str)> {
    if visit.finished {
        return None;
    }
    let ex = &content.exhibits.get(visit.exhibit?)?.exhibit;
    let scene = ex.scenes.get(visit.scene)?;
    Some((&ex.id, &scene.id, scene.kind.name()))
}

/// Compares the visit with what was logged and logs the difference: a visit started or
/// ended, a scene entered or left, a language switched, answers and control uses.
#[allow(clippy::too_many_arguments)]
fn track_visit(
    log: Res<UsageLog>,
    mut tracker: ResMut<Tracker>,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    now: Res<Now>,
    last: Res<LastInput>,
    mut ended: MessageReader<VisitEnded>,
    mut scene_events: MessageReader<SceneEvent>,
) {
    let now = now.0;
    if let Some(e) = ended.read().last() {
        tracker.ending = Some(*e);
    }
    // What happened on a scene this frame belongs to the scene it happened on, so it is
    // logged before any change of scene or visit.
    match tracker.session.as_ref() {
        Some(open) => {
            for event in scene_events.read() {
                if let Some(e) = scene_event(open, event) {
                    log.record(e);
                }
            }
        }
        None => scene_events.clear(),
    }
    // The visit ended, or was replaced by the next one within a frame.
    let current = visit.as_ref().map(|v| v.serial);
    if let Some(mut open) = tracker.session.take_if(|o| Some(o.serial) != current) {
        let (reason, idle_s) = match tracker.ending.take() {
            Some(e) => (e.reason, e.idle_s),
            None => (EndReason::Home, 0.0),
        };
        close(&log, &mut open, now, reason, idle_s);
    }
    let Some(v) = visit else {
        return;
    };
    if tracker.session.is_none() {
        tracker.ending = None;
        let id = new_session_id();
        log.record(Event::SessionStart {
            session: id.clone(),
            lang: v.lang.clone(),
            input: input_kind(last.device),
        });
        tracker.session = Some(OpenSession {
            id,
            serial: v.serial,
            started: now,
            lang: v.lang.clone(),
            scene: None,
        });
    }
    let Some(open) = tracker.session.as_mut() else {
        return;
    };
    if v.lang != open.lang {
        open.lang = v.lang.clone();
        log.record(Event::LanguageChange {
            session: open.id.clone(),
            lang: v.lang.clone(),
        });
    }
    let here = scene_on_screen(&v, &content);
    // Re-entering the same scene (Back from the end panel, "try again") is a new entry.
    let same = match (&open.scene, &here) {
        (Some(a), Some((e, s, _))) => a.exhibit == *e && a.scene == *s && a.entry == v.entries,
        (None, None) => true,
        _ => false,
    };
    if !same {
        exit_scene(&log, open, now, None);
        if let Some((exhibit, scene, kind)) = here {
            log.record(Event::SceneEnter {
                session: open.id.clone(),
                exhibit: exhibit.into(),
                scene: scene.into(),
                kind: kind.into(),
            });
            open.scene = Some(OpenScene {
                exhibit: exhibit.into(),
                scene: scene.into(),
                entered: now,
                entry: v.entries,
            });
        }
    }
}

/// A scene's message as a log event of the scene on screen.
fn scene_event(open: &OpenSession, event: &SceneEvent) -> Option<Event> {
    let at = open.scene.as_ref()?;
    Some(match event {
        SceneEvent::Answered(answer) => Event::QuizAnswer {
            session: open.id.clone(),
            exhibit: at.exhibit.clone(),
            scene: at.scene.clone(),
            question: answer.question.clone(),
            choice: answer.chosen.iter().map(|&c| c as u32).collect(),
            correct: answer.outcome == crate::kiosk_app::scenes::quiz_run::Outcome::Correct,
        },
        SceneEvent::Control { control, value } => Event::Interaction {
            session: open.id.clone(),
            exhibit: at.exhibit.clone(),
            scene: at.scene.clone(),
            control: control.clone(),
            value: value.clone(),
        },
    })
}

fn exit_scene(log: &UsageLog, open: &mut OpenSession, now: f64, idle_s: Option<f64>) {
    if let Some(at) = open.scene.take() {
        let dwell = now - at.entered;
        log.record(Event::SceneExit {
            session: open.id.clone(),
            exhibit: at.exhibit,
            scene: at.scene,
            dwell_ms: ms(dwell),
            idle_ms: idle_s.map(|i| ms(i.min(dwell))),
        });
    }
}

fn close(log: &UsageLog, open: &mut OpenSession, now: f64, reason: EndReason, idle_s: f64) {
    let idle = (reason == EndReason::Idle).then_some(idle_s);
    exit_scene(log, open, now, idle);
    let duration = now - open.started;
    log.record(Event::SessionEnd {
        session: open.id.clone(),
        reason,
        duration_ms: ms(duration),
        idle_ms: ms(idle.unwrap_or(0.0).min(duration)),
    });
    // A visit's record reaches the disk when it ends.
    log.writer.sync();
}

/// A picture that cannot be shown is drawn as its description; the log says which.
fn log_media_failures(log: Res<UsageLog>, content: Res<Content>, mut images: ResMut<ImageCache>) {
    for (dir, message) in images.take_failures() {
        log.record(Event::Error {
            message,
            exhibit: content
                .exhibits
                .iter()
                .find(|e| e.dir == dir)
                .map(|e| e.exhibit.id.clone()),
            dropped: None,
        });
    }
}

fn heartbeat_and_health(log: Res<UsageLog>, mut tracker: ResMut<Tracker>, now: Res<Now>) {
    let now = now.0;
    if now - tracker.last_heartbeat >= HEARTBEAT_EVERY {
        tracker.last_heartbeat = now;
        log.record(Event::Heartbeat { uptime_ms: ms(now) });
    }
    if now - tracker.last_health_check < HEALTH_EVERY {
        return;
    }
    tracker.last_health_check = now;
    let health = log.health();
    if health.dropped > tracker.last_health.dropped {
        warn!(
            "usage log: {} events lost so far ({}); the kiosk carries on and logs the count once it can write",
            health.dropped,
            health.last_error.as_deref().unwrap_or("cannot write")
        );
    } else if tracker.last_health.failing && !health.failing {
        info!("usage log: writing again");
    }
    tracker.last_health = health;
}

/// On exit: the visit in progress ends ("shutdown"), then `kiosk_stop`, then everything
/// goes to disk.
fn stop_on_exit(
    log: Res<UsageLog>,
    mut tracker: ResMut<Tracker>,
    now: Res<Now>,
    mut exits: MessageReader<AppExit>,
    cause: Option<Res<ExitCause>>,
) {
    if exits.read().next().is_none() {
        return;
    }
    if let Some(mut open) = tracker.session.take() {
        close(&log, &mut open, now.0, EndReason::Shutdown, 0.0);
    }
    log.record(Event::KioskStop {
        reason: cause.map_or("exit", |c| c.0).into(),
    });
    log.writer.sync();
}
