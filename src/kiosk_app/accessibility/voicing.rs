//! Voicing: with "Read aloud" on, each new screen's heading and body are spoken, then the
//! control the highlight is on, and a slider's new value as it moves. Spoken from the
//! designer's recordings where an exhibit has them (`voice/<lang>/<key>.ogg`), otherwise
//! by espeak-ng on the kiosk itself.

use std::collections::{HashSet, VecDeque};
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use bevy::audio::{PlaybackMode, Volume};
use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::kiosk_app::accessibility::speech::{self, SpeechError, Utterance};
use crate::kiosk_app::core::clock::Now;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::{Overlay, Popup};
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::settings::VisitorSettings;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::input::actions::Action;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::scenes::quiz_run::{Outcome, Phase};
use exhibit_format::exhibit::{QuestionKind, SceneKind};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Voicing>()
        .add_systems(Update, note_adjustments)
        .add_systems(EguiPrimaryContextPass, decide.after(UiPass::End))
        // Only where Bevy's audio is present (not in headless tests, which check what
        // is said, not the sound).
        .add_systems(Update, speak.run_if(resource_exists::<Assets<AudioSource>>));
}

/// What voicing has to say and is saying.
#[derive(Resource, Debug, Default)]
pub struct Voicing {
    /// The last things said (newest last), for checks.
    said: VecDeque<Utterance>,
    /// Waiting to be said.
    queue: VecDeque<Utterance>,
    /// The view last announced (screen, scene, question, dialog …).
    view: Option<String>,
    /// When that view was first announced.
    view_at: f64,
    /// The focused control last spoken, and its words then.
    focus: Option<(egui::Id, String)>,
    /// When the visitor last moved a slider (its new value is spoken).
    adjusted_at: f64,
    /// Speech being made or played is to stop.
    stop: bool,
    /// The audio entity speaking, and when it will have finished.
    playing: Option<(Entity, f64)>,
    /// Speech being made by espeak-ng on another thread.
    making: Option<Mutex<Receiver<Made>>>,
    /// Problems already logged (each once).
    told: HashSet<String>,
}

/// Speech made by espeak-ng: WAV bytes, or why not.
type Made = Result<Vec<u8>, SpeechError>;

/// How many things said are kept for checks.
const KEEP_SAID: usize = 64;
/// A focus move this soon after a new view is spoken after its announcement, not over it.
const SETTLE_S: f64 = 0.6;

impl Voicing {
    /// The last things said, oldest first.
    pub fn said(&self) -> impl Iterator<Item = &Utterance> {
        self.said.iter()
    }

    fn say(&mut self, u: Utterance) {
        if u.text.trim().is_empty() && u.recording.is_none() {
            return;
        }
        if self.said.len() == KEEP_SAID {
            self.said.pop_front();
        }
        self.said.push_back(u.clone());
        self.queue.push_back(u);
    }

    /// Stops what is being said and forgets what was waiting.
    fn hush(&mut self) {
        self.queue.clear();
        self.stop = true;
    }
}

/// Notes when a slider is moved with keys, a gamepad or the one button.
fn note_adjustments(
    mut actions: MessageReader<Action>,
    now: Res<Now>,
    mut voicing: ResMut<Voicing>,
) {
    for a in actions.read() {
        if matches!(
            a,
            Action::Left | Action::Right | Action::Select | Action::ScanRepeat
        ) {
            voicing.adjusted_at = now.0;
        }
    }
}

/// After each frame is drawn: a new view is announced; a new focus (or a slider's new
/// value) is spoken.
#[allow(clippy::too_many_arguments)]
fn decide(
    settings: Res<VisitorSettings>,
    ring: Res<FocusRing>,
    visit: Option<Res<Visit>>,
    content: Res<Content>,
    screen: Res<State<Screen>>,
    overlay: Res<Overlay>,
    now: Res<Now>,
    mut voicing: ResMut<Voicing>,
) {
    if !settings.voicing {
        if voicing.view.is_some() || !voicing.queue.is_empty() {
            voicing.hush();
            voicing.view = None;
            voicing.focus = None;
        }
        return;
    }
    let now = now.0;
    // Cheap first (no looking for recordings on disk), in full only for a new view.
    let (key, _) = view_words(
        &content,
        visit.as_deref(),
        *screen.get(),
        overlay.is_up(Popup::Settings),
        overlay.is_up(Popup::StillThere),
        false,
    );
    let fresh_view = voicing.view.as_deref() != Some(key.as_str());
    if fresh_view {
        let (_, words) = view_words(
            &content,
            visit.as_deref(),
            *screen.get(),
            overlay.is_up(Popup::Settings),
            overlay.is_up(Popup::StillThere),
            true,
        );
        voicing.hush();
        for w in words {
            voicing.say(w);
        }
        voicing.view = Some(key);
        voicing.view_at = now;
    }
    // The highlight is spoken where it shows: keys, a gamepad, the one button.
    if !(ring.visible() || settings.one_switch) {
        voicing.focus = None;
        return;
    }
    let (Some(id), Some(label)) = (ring.current(), ring.focused_label()) else {
        return;
    };
    let lang = visit
        .as_ref()
        .map_or_else(|| content.default_language(), |v| v.lang.as_str())
        .to_owned();
    let settling = now - voicing.view_at < SETTLE_S;
    let speak = match &voicing.focus {
        Some((was, words)) if *was == id => words != label && now - voicing.adjusted_at < 1.5,
        _ => true,
    };
    if speak {
        if !fresh_view && !settling {
            voicing.hush();
        }
        // Labels are as drawn; speech wants them as written.
        let base = if content.ui.is_rtl(&lang) {
            exhibit_format::bidi_text::Base::Rtl
        } else {
            exhibit_format::bidi_text::Base::Auto
        };
        let written = exhibit_format::bidi_text::logical_with(label, base);
        voicing.say(Utterance::words(&lang, speech::speakable(&written)));
    }
    voicing.focus = Some((id, label.to_owned()));
}

/// What a view is called (to tell a new one) and what is said when it appears.
fn view_words(
    content: &Content,
    visit: Option<&Visit>,
    screen: Screen,
    panel_open: bool,
    idle_shown: bool,
    find_recordings: bool,
) -> (String, Vec<Utterance>) {
    let lang = visit.map_or_else(|| content.default_language(), |v| v.lang.as_str());
    let fallback = content.default_language();
    let ui = &content.ui;
    let word = |k: &str| Utterance::words(lang, speech::speakable(ui.written(lang, k)));
    let key = |rest: String| format!("{lang}/{rest}");
    if idle_shown {
        return (key("idle".into()), vec![word("still_there")]);
    }
    if panel_open {
        return (key("settings".into()), vec![word("settings_title")]);
    }
    let Some(visit) = visit.filter(|_| screen == Screen::Exhibit) else {
        return match screen {
            Screen::Hub => (key("hub".into()), vec![word("choose_exhibit")]),
            Screen::Attract => (
                key("attract".into()),
                vec![word("welcome"), word("touch_to_start")],
            ),
            Screen::Closed => (key("closed".into()), vec![word("closed_now")]),
            Screen::Exhibit => (key("exhibit".into()), Vec::new()),
        };
    };
    let Some(shown) = visit.exhibit.and_then(|i| content.exhibits.get(i)) else {
        return (key("none".into()), Vec::new());
    };
    let ex = &shown.exhibit;
    let dir = shown.dir.as_path();
    // Exhibit text, with the designer's recording of it when there is one.
    // Text missing in the visitor's language is shown in another: it is said in that one
    // (its voice, its recordings).
    let text = |t: &exhibit_format::text::Text, rec: &str| {
        let said_in = [lang, fallback]
            .into_iter()
            .find(|l| t.has(l))
            .or_else(|| t.0.keys().map(String::as_str).find(|l| t.has(l)))
            .unwrap_or(lang);
        Utterance {
            lang: said_in.to_owned(),
            text: speech::speakable(t.get(lang, fallback)),
            recording: find_recordings
                .then(|| speech::recording(dir, said_in, rec))
                .flatten(),
        }
    };
    let mut words = Vec::new();
    let view = format!("{}/{}/{}", ex.id, visit.scene, visit.entries);
    if visit.finished {
        return (key(format!("{view}/end")), vec![word("end_of_exhibit")]);
    }
    let Some(scene) = ex.scenes.get(visit.scene) else {
        return (key(view), words);
    };
    if visit.scene == 0 {
        words.push(text(&ex.title, "title"));
    }
    words.push(text(&scene.title, &scene.id));
    let view = match (&scene.kind, &visit.scene_state) {
        (SceneKind::Quiz(quiz), Some(SceneState::Quiz(run))) => {
            let (n, m) = run.progress();
            match (run.phase(), run.question_index()) {
                (Phase::Intro, _) => {
                    words.push(text(&quiz.intro, &format!("{}.intro", scene.id)));
                    format!("{view}/intro")
                }
                (Phase::Asking, Some(qi)) => {
                    let q = &quiz.questions[qi];
                    // Only the question: the scene was said with the intro or the first
                    // question already.
                    if n > 1 || !quiz.intro.is_empty() {
                        words.clear();
                    }
                    let of = ui.fill_written(lang, "question_n_of_m", &[("n", &n), ("m", &m)]);
                    words.push(Utterance::words(lang, of));
                    words.push(text(&q.prompt, &q.id));
                    // The picture, in words, for visitors who cannot see it.
                    if q.image.is_some() && !q.image_alt.is_empty() {
                        words.push(text(&q.image_alt, &format!("{}.picture", q.id)));
                    }
                    if q.kind == QuestionKind::MultipleChoice {
                        words.push(word("choose_all"));
                    }
                    for (pos, c) in run.choices(quiz).iter().enumerate() {
                        let letter = (b'A' + pos as u8) as char;
                        let said = match q.kind {
                            QuestionKind::TrueFalse => Utterance::words(
                                lang,
                                ui.written(lang, if c.index == 0 { "true" } else { "false" }),
                            ),
                            _ => text(
                                &q.choices[c.index].text,
                                &format!("{}.{}", q.id, c.index + 1),
                            ),
                        };
                        words.push(Utterance::words(lang, letter.to_string()));
                        words.push(said);
                    }
                    format!("{view}/q{n}")
                }
                (Phase::Feedback, Some(qi)) => {
                    let q = &quiz.questions[qi];
                    words.clear();
                    let verdict = match run.outcome() {
                        Some(Outcome::Correct) => "correct",
                        Some(Outcome::Partly) => "partly",
                        _ => "incorrect",
                    };
                    words.push(word(verdict));
                    // What was wrong with the choice made, then why.
                    for c in run.choices(quiz).iter().filter(|c| c.chosen) {
                        if let Some(choice) = q.choices.get(c.index) {
                            words.push(text(
                                &choice.feedback,
                                &format!("{}.{}.why", q.id, c.index + 1),
                            ));
                        }
                    }
                    words.push(word("explanation"));
                    words.push(text(&q.explanation, &format!("{}.why", q.id)));
                    format!("{view}/a{n}")
                }
                _ => {
                    let (right, total) = run.score();
                    words.clear();
                    words.push(word("summary_title"));
                    words.push(Utterance::words(
                        lang,
                        ui.fill_written(lang, "summary_score", &[("n", &right), ("m", &total)]),
                    ));
                    format!("{view}/summary")
                }
            }
        }
        (SceneKind::Demonstration(demo), _) => {
            if let Some(intro) = &demo.intro {
                words.push(text(intro, &format!("{}.intro", scene.id)));
            }
            view
        }
        // An animation speaks for itself (its narration).
        _ => view,
    };
    (key(view), words)
}

/// Plays what is to be said, one thing after another; a hush stops it.
fn speak(
    mut commands: Commands,
    mut voicing: ResMut<Voicing>,
    settings: Res<VisitorSettings>,
    now: Res<Now>,
    mut sources: ResMut<Assets<AudioSource>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let now = now.0;
    // The loop sleeps on a still screen; while there is speech to make or play, it
    // keeps turning so that the next words follow.
    if voicing.playing.is_some() || voicing.making.is_some() || !voicing.queue.is_empty() {
        redraw.write(bevy::window::RequestRedraw);
    }
    if std::mem::take(&mut voicing.stop) {
        if let Some((e, _)) = voicing.playing.take() {
            commands.entity(e).try_despawn();
        }
        // Speech still being made is dropped when it arrives.
        voicing.making = None;
    }
    if let Some((e, ends)) = voicing.playing {
        if now < ends {
            return;
        }
        commands.entity(e).try_despawn();
        voicing.playing = None;
    }
    let made = match &voicing.making {
        None => None,
        Some(rx) => match rx
            .lock()
            .map_err(|_| TryRecvError::Disconnected)
            .and_then(|rx| rx.try_recv())
        {
            Ok(made) => Some(made),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Some(Err(SpeechError::Failed("stopped".into()))),
        },
    };
    let wav = match made {
        Some(made) => {
            voicing.making = None;
            match made {
                Ok(wav) => Some(wav),
                Err(e) => {
                    tell_once(&mut voicing, e.to_string());
                    None
                }
            }
        }
        None => None,
    };
    if let Some(wav) = wav {
        let secs = speech::wav_seconds(&wav).unwrap_or(3.0);
        let e = play(&mut commands, &mut sources, wav, settings.volume);
        voicing.playing = Some((e, now + secs + 0.2));
        return;
    }
    let Some(next) = voicing.queue.pop_front() else {
        return;
    };
    if let Some(path) = &next.recording {
        match std::fs::read(path) {
            Ok(bytes) => {
                let secs = recording_seconds(path).unwrap_or(5.0);
                let e = play(&mut commands, &mut sources, bytes, settings.volume);
                voicing.playing = Some((e, now + secs + 0.2));
                return;
            }
            Err(e) => tell_once(&mut voicing, format!("{}: {e}", path.display())),
        }
    }
    let Some(voice) = speech::espeak_voice(&next.lang) else {
        tell_once(
            &mut voicing,
            SpeechError::NoVoice(next.lang.clone()).to_string(),
        );
        return;
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let text = next.text.clone();
    // espeak-ng takes tens of milliseconds: not on the frame loop.
    std::thread::spawn(move || {
        let _ = tx.send(speech::synthesize(&text, voice));
    });
    voicing.making = Some(Mutex::new(rx));
}

fn play(
    commands: &mut Commands,
    sources: &mut Assets<AudioSource>,
    bytes: Vec<u8>,
    volume: f32,
) -> Entity {
    let handle = sources.add(AudioSource {
        bytes: Arc::from(bytes),
    });
    commands
        .spawn((
            Name::new("Voicing"),
            AudioPlayer(handle),
            PlaybackSettings {
                mode: PlaybackMode::Despawn,
                volume: Volume::Linear(volume),
                ..PlaybackSettings::DESPAWN
            },
        ))
        .id()
}

/// Length of a designer's recording (Ogg or WAV).
fn recording_seconds(path: &Path) -> Option<f64> {
    let dir = path.parent()?;
    let name = path.file_name()?.to_str()?;
    exhibit_format::media::check_audio(dir, name).ok()
}

/// Missing voices or engines are logged once each: the kiosk goes on, silent there.
fn tell_once(voicing: &mut Voicing, problem: String) {
    if voicing.told.insert(problem.clone()) {
        warn!("voicing: {problem}");
    }
}
