//! `kiosk snapshot`: renders one scene of an exhibit to a PNG and exits, for review,
//! thumbnails and tests, with nobody at the screen.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::window::RequestRedraw;

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::unattended::idle::IdleReset;

/// What to render: a scene, in a language, at a moment or a quiz step. These are also
/// the arguments of `kiosk snapshot` (declared once, here).
#[derive(Debug, Clone, clap::Args)]
pub struct Shot {
    /// Scene id.
    #[arg(long)]
    pub scene: String,
    /// Language, e.g. zh-Hans or en.
    #[arg(long)]
    pub lang: String,
    /// Output PNG file.
    #[arg(long)]
    pub out: PathBuf,
    /// Quiz scenes: show this question (1-based).
    #[arg(long)]
    pub question: Option<usize>,
    /// Quiz scenes: pick this choice (1-based, as shown) to render the feedback.
    #[arg(long)]
    pub choose: Option<usize>,
    /// Quiz scenes: answer every question with its first choice and render the summary.
    #[arg(long, conflicts_with_all = ["question", "choose"])]
    pub summary: bool,
    /// Demonstration scenes: run this many simulated seconds first; animation scenes:
    /// show this moment.
    #[arg(long)]
    pub at: Option<f64>,
}

/// Renders [`Shot`] once the scene has settled, then ends the app.
#[derive(Debug, Clone)]
pub struct SnapshotPlugin(pub Shot);

/// Frames to let fonts and images settle before capturing.
const SETTLE_FRAMES: u32 = 6;

impl Plugin for SnapshotPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Job(self.0.clone()))
            .init_resource::<crate::kiosk_app::scenes::HoldTime>()
            .insert_resource(IdleReset(false))
            .add_systems(Startup, open_scene)
            .add_systems(Update, capture);
    }
}

#[derive(Resource)]
struct Job(Shot);

fn open_scene(
    mut commands: Commands,
    job: Res<Job>,
    content: Res<Content>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    let job = &job.0;
    let Some(ex) = content.exhibits.first() else {
        error!("the exhibit has errors; run `kiosk validate` on it");
        exit.write(AppExit::error());
        return;
    };
    let Some(scene) = ex.exhibit.scene_index(&job.scene) else {
        let ids: Vec<&str> = ex.exhibit.scenes.iter().map(|s| s.id.as_str()).collect();
        error!("no scene `{}`; scenes: {}", job.scene, ids.join(", "));
        exit.write(AppExit::error());
        return;
    };
    if !content.config.languages.contains(&job.lang) {
        error!(
            "the exhibit is not written in `{}`; its languages: {}",
            job.lang,
            content.config.languages.join(", ")
        );
        exit.write(AppExit::error());
        return;
    }
    let mut visit = Visit::inside(&content, &job.lang, 0, scene);
    if let (Some(SceneState::Quiz(run)), exhibit_format::exhibit::SceneKind::Quiz(quiz)) =
        (visit.scene_state.as_mut(), &ex.exhibit.scenes[scene].kind)
    {
        run.start();
        if let Some(q) = job.question {
            if q == 0 || q > quiz.questions.len() {
                error!(
                    "--question {q}: the quiz has questions 1 to {}",
                    quiz.questions.len()
                );
                exit.write(AppExit::error());
                return;
            }
            run.jump_to(q - 1);
        }
        if job.summary {
            while run.phase() == crate::kiosk_app::scenes::quiz_run::Phase::Asking {
                let first = run.choices(quiz)[0].index;
                if run.choose(quiz, first).is_none() {
                    run.submit(quiz);
                }
                run.next();
            }
        } else if let Some(c) = job.choose {
            let shown = run.choices(quiz);
            let Some(choice) = c.checked_sub(1).and_then(|i| shown.get(i)) else {
                error!(
                    "--choose {c}: this question has choices 1 to {}",
                    shown.len()
                );
                exit.write(AppExit::error());
                return;
            };
            if run.choose(quiz, choice.index).is_none() {
                run.submit(quiz);
            }
        }
    }
    match (visit.scene_state.as_mut(), job.at) {
        (Some(SceneState::Demo(run)), Some(at)) => run.sim.run_for(at),
        (Some(SceneState::Anim(run)), Some(at)) => run.seek(at as f32),
        _ => {}
    }
    commands.insert_resource(visit);
    next.set(Screen::Exhibit);
}

fn capture(
    mut commands: Commands,
    job: Res<Job>,
    mut frames: Local<u32>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    *frames += 1;
    // The kiosk sleeps while nothing moves; a snapshot wants its frames now.
    redraw.write(RequestRedraw);
    if *frames != SETTLE_FRAMES {
        return;
    }
    let out = job.0.out.clone();
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(out.clone()))
        .observe(
            move |_: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                info!("wrote {}", out.display());
                exit.write(AppExit::Success);
            },
        );
}
