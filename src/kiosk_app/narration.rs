//! Narration: an animation's audio in the visitor's language, played through Bevy's audio
//! and kept with the playback clock. The clock leads; with no audio device there are no
//! sinks and the animation and its subtitles simply run on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bevy::audio::{AudioSink, AudioSinkPlayback, PlaybackMode, Volume};
use bevy::prelude::*;

use super::content::Content;
use super::screens::Screen;
use super::visit::{SceneState, Visit};
use crate::exhibit::SceneKind;

pub(super) fn plugin(app: &mut App) {
    // Only where Bevy's audio is present (not in headless tests).
    app.add_systems(
        Update,
        follow_the_clock.run_if(resource_exists::<Assets<AudioSource>>),
    );
}

/// The audio drifting further than this from the clock is put back in place.
const MAX_DRIFT_S: f32 = 0.3;

/// Which narration an audio entity plays: for which scene entry of which visit, in which
/// language, since which jump of the clock.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Narration {
    visit: u64,
    entry: u64,
    file: PathBuf,
    jumps: u64,
}

/// Narration files read so far, by path and modification time (`None`: unreadable).
type Loaded = HashMap<(PathBuf, Option<SystemTime>), Option<Handle<AudioSource>>>;

/// What should be heard now: the file and the clock to follow.
struct Wanted {
    narration: Narration,
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
    let shown = content.exhibits.get(visit.exhibit?)?;
    let SceneKind::Animation(anim) = &shown.exhibit.scenes.get(visit.scene)?.kind else {
        return None;
    };
    // The same language rule as the subtitles: the visitor's, else the kiosk's default.
    let lang = run.subtitle_lang(&visit.lang, content.default_language());
    let rel = anim
        .narration
        .get(lang)
        .or_else(|| anim.narration.get(content.default_language()))?;
    let file = crate::media::resolve(&shown.dir, rel).ok()?;
    Some(Wanted {
        narration: Narration {
            visit: visit.serial,
            entry: visit.entries,
            file,
            jumps: run.jumps,
        },
        t: run.t,
        playing: run.playing,
    })
}

/// Starts, stops, pauses and re-places narration so that it says what the clock shows:
/// a new scene, a language change or a jump starts the file afresh at the clock's time.
fn follow_the_clock(
    mut commands: Commands,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    screen: Res<State<Screen>>,
    mut sources: ResMut<Assets<AudioSource>>,
    mut players: Query<(Entity, &Narration, Option<&mut AudioSink>)>,
    mut loaded: Local<Loaded>,
) {
    let want = visit
        .as_deref()
        .and_then(|v| wanted(v, &content, screen.get()));
    let mut have = false;
    for (entity, narration, sink) in &mut players {
        match &want {
            Some(w) if *narration == w.narration && !have => {
                have = true;
                let Some(mut sink) = sink else { continue };
                if w.playing && sink.is_paused() {
                    sink.play();
                } else if !w.playing && !sink.is_paused() {
                    sink.pause();
                }
                let drift = (sink.position().as_secs_f32() - w.t).abs();
                if w.playing
                    && !sink.empty()
                    && drift > MAX_DRIFT_S
                    && let Err(e) = sink.try_seek(Duration::from_secs_f32(w.t))
                {
                    warn!("narration cannot follow the animation: {e:?}");
                }
                sink.set_volume(Volume::Linear(content.config.volume));
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
    let modified = std::fs::metadata(&w.narration.file)
        .and_then(|m| m.modified())
        .ok();
    let handle = loaded
        .entry((w.narration.file.clone(), modified))
        .or_insert_with(|| match std::fs::read(&w.narration.file) {
            Ok(bytes) => Some(sources.add(AudioSource {
                bytes: Arc::from(bytes),
            })),
            Err(e) => {
                // The validator checks narration files; one gone since then is told once.
                warn!(
                    "narration {} cannot be read ({e}); the animation plays silent",
                    w.narration.file.display()
                );
                None
            }
        })
        .clone();
    let Some(handle) = handle else { return };
    debug!(
        "narration {} from {:.1} s{}",
        w.narration.file.display(),
        w.t,
        if w.playing { "" } else { ", paused" }
    );
    commands.spawn((
        Name::new("Narration"),
        AudioPlayer(handle),
        PlaybackSettings {
            mode: PlaybackMode::Once,
            volume: Volume::Linear(content.config.volume),
            paused: !w.playing,
            start_position: Some(Duration::from_secs_f32(w.t)),
            ..PlaybackSettings::ONCE
        },
        w.narration,
    ));
}
