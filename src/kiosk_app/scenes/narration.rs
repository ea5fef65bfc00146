//! Narration: an animation's audio in the visitor's language, played through Bevy's audio
//! and kept with the playback clock. The clock leads; with no audio device there are no
//! sinks and the animation and its subtitles simply run on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bevy::audio::{AudioSink, AudioSinkPlayback, PlaybackMode, Volume};
use bevy::prelude::*;

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::core::settings::VisitorSettings;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use exhibit_format::exhibit::SceneKind;

pub(super) fn plugin(app: &mut App) {
    // Only where Bevy's audio is present (not in headless tests).
    app.add_systems(
        Update,
        follow_the_clock.run_if(resource_exists::<Assets<AudioSource>>),
    );
}

/// The audio drifting further than this from the clock is put back in place.
const MAX_DRIFT_S: f32 = 0.3;
/// Least time between two such corrections.
const MIN_FIX_GAP: Duration = Duration::from_secs(5);

/// Which narration an audio entity plays: for which scene entry of which visit, in which
/// language, since which jump of the clock, from which content (a designer's preview
/// reloads it).
#[derive(Debug, Clone, PartialEq)]
pub struct NarrationKey {
    visit: u64,
    entry: u64,
    file: PathBuf,
    jumps: u64,
    content: u64,
}

/// An audio entity playing narration: what it plays, and where it started.
#[derive(Component, Debug, Clone)]
pub struct Narration {
    key: NarrationKey,
    started_at: f32,
    /// The sink's position and the clock's time when the sink was first seen. Sinks
    /// started part-way report positions that are not the file's time, so drift is
    /// measured as the difference in progress since then.
    anchor: Option<(f32, f32)>,
}

impl Narration {
    /// The audio file.
    pub fn file(&self) -> &std::path::Path {
        &self.key.file
    }

    /// The animation's time when this playback started.
    pub fn started_at(&self) -> f32 {
        self.started_at
    }
}

/// What narration remembers between frames.
#[derive(Default)]
struct Memory {
    /// Files read so far, by path and modification time (`None`: unreadable).
    loaded: HashMap<(PathBuf, Option<SystemTime>), Option<Handle<AudioSource>>>,
    /// A drift has been logged (once is enough to know it happens).
    told_drift: bool,
    /// When narration was last put back in step.
    last_fix: Option<Instant>,
}

/// What should be heard now: the file and the clock to follow.
struct Wanted {
    key: NarrationKey,
    t: f32,
    playing: bool,
}

fn wanted(visit: &Visit, content: &Content, screen: &Screen) -> Option<Wanted> {
    if *screen != Screen::Exhibit {
        return None;
    }
    let Some(SceneState::Anim(run)) = &visit.scene_state else {
        return None;
    };
    // While a finger holds the scrub bar, silence; the narration starts again where the
    // finger lets go.
    if run.held || visit.finished {
        return None;
    }
    let shown = content.exhibits.get(visit.exhibit?)?;
    let SceneKind::Animation(anim) = &shown.exhibit.scenes.get(visit.scene)?.kind else {
        return None;
    };
    // The same language as the subtitles: the visitor's, else the kiosk's default, else
    // the first the animation has.
    let lang = run.media_lang(&visit.lang, content.default_language());
    let rel = anim.narration.get(lang)?;
    let file = exhibit_format::media::resolve(&shown.dir, rel).ok()?;
    Some(Wanted {
        key: NarrationKey {
            visit: visit.serial,
            entry: visit.entries,
            file,
            jumps: run.jumps,
            content: content.generation,
        },
        t: run.t,
        playing: run.playing,
    })
}

/// Starts, stops, pauses and re-places narration so that it says what the clock shows:
/// a new scene, a language change or a jump starts the file afresh at the clock's time.
#[allow(clippy::too_many_arguments)]
fn follow_the_clock(
    mut commands: Commands,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    screen: Res<State<Screen>>,
    settings: Res<VisitorSettings>,
    mut sources: ResMut<Assets<AudioSource>>,
    mut players: Query<(Entity, &mut Narration, Option<&mut AudioSink>)>,
    mut memory: Local<Memory>,
) {
    let want = visit
        .as_deref()
        .and_then(|v| wanted(v, &content, screen.get()));
    let mut have = false;
    for (entity, mut narration, sink) in &mut players {
        match &want {
            Some(w) if narration.key == w.key && !have => {
                let Some(mut sink) = sink else {
                    have = true;
                    continue;
                };
                if w.playing && sink.is_paused() {
                    sink.play();
                } else if !w.playing && !sink.is_paused() {
                    sink.pause();
                }
                sink.set_volume(Volume::Linear(settings.volume));
                let position = sink.position().as_secs_f32();
                let (pos0, t0) = *narration.anchor.get_or_insert((position, w.t));
                let drift = (position - pos0) - (w.t - t0);
                trace!("narration drift {drift:.3} s at {:.2} s", w.t);
                // Paused time moves neither; a restart at most every few seconds, so that
                // a clock stalling again and again cannot stutter the voice.
                // A sink whose position never moves is a device that does not play (ALSA's
                // null device, a stalled stream): restarting it would change nothing.
                let sounding = position > pos0 + 0.05;
                let settled = drift.abs() <= MAX_DRIFT_S
                    || !sounding
                    || !w.playing
                    || sink.empty()
                    || memory.last_fix.is_some_and(|at| at.elapsed() < MIN_FIX_GAP);
                if settled {
                    have = true;
                    continue;
                }
                memory.last_fix = Some(Instant::now());
                // Drifted (the clock holds back after a stall; the sound does not): start
                // it again where the clock is. Vorbis decoders cannot seek, so it is
                // restarted from the file already in memory.
                if !memory.told_drift {
                    memory.told_drift = true;
                    info!("narration {drift:.2} s off the animation's clock; put back in step");
                }
                commands.entity(entity).despawn();
            }
            _ => commands.entity(entity).despawn(),
        }
    }
    let Some(w) = want else { return };
    if have {
        return;
    }
    // Keyed by the file's time too: a designer's new recording (in preview, or a content
    // update) is read afresh.
    let modified = std::fs::metadata(&w.key.file)
        .and_then(|m| m.modified())
        .ok();
    let handle = memory
        .loaded
        .entry((w.key.file.clone(), modified))
        .or_insert_with(|| match std::fs::read(&w.key.file) {
            Ok(bytes) => Some(sources.add(AudioSource {
                bytes: Arc::from(bytes),
            })),
            Err(e) => {
                // The validator checks narration files; one gone since then is told once.
                warn!(
                    "narration {} cannot be read ({e}); the animation plays silent",
                    w.key.file.display()
                );
                None
            }
        })
        .clone();
    let Some(handle) = handle else { return };
    debug!(
        "narration {} from {:.1} s{}",
        w.key.file.display(),
        w.t,
        if w.playing { "" } else { ", paused" }
    );
    commands.spawn((
        Name::new("Narration"),
        AudioPlayer(handle),
        PlaybackSettings {
            mode: PlaybackMode::Once,
            volume: Volume::Linear(settings.volume),
            paused: !w.playing,
            start_position: Some(Duration::try_from_secs_f32(w.t).unwrap_or_default()),
            ..PlaybackSettings::ONCE
        },
        Narration {
            key: w.key,
            started_at: w.t,
            anchor: None,
        },
    ));
}
