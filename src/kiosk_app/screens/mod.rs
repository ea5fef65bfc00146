//! The kiosk's screens: attract loop → exhibit list → an exhibit's scenes. The [`Screen`]
//! state lives here; each screen is one file.

mod attract;
mod closed;
mod exhibit;
mod hub;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use super::content::Content;
use super::focus::FocusRing;
use super::input::Action;
use super::visit::{Visit, VisitEnded};

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .configure_sets(
            EguiPrimaryContextPass,
            (UiPass::Begin, UiPass::Screen, UiPass::Overlay, UiPass::End).chain(),
        )
        .add_systems(
            EguiPrimaryContextPass,
            begin_focus_frame.in_set(UiPass::Begin),
        )
        .add_systems(EguiPrimaryContextPass, end_focus_frame.in_set(UiPass::End))
        .add_systems(
            Update,
            // Before the idle clock counts this frame's input: a press that dismisses
            // "Still there?" must not also step back.
            back_and_home
                .run_if(resource_exists::<Visit>)
                .before(super::idle::watch)
                // Back with the settings panel open closes only the panel.
                .before(super::visitor_settings::open_and_close),
        )
        .add_systems(OnEnter(Screen::Attract), forget_visitor)
        .add_plugins((
            attract::plugin,
            hub::plugin,
            exhibit::plugin,
            closed::plugin,
        ));
}

/// Which screen is up.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The animated "touch to start" loop; no visit in progress.
    #[default]
    Attract,
    /// The grid of exhibits.
    Hub,
    /// An exhibit's scenes.
    Exhibit,
    /// Outside opening hours: a dim screen that takes no visitors.
    Closed,
}

/// The order of drawing in each egui pass: screen, then overlays above it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiPass {
    /// Style and focus bookkeeping.
    Begin,
    /// The screen.
    Screen,
    /// Dialogs over the screen ("Still there?").
    Overlay,
    /// Focus bookkeeping.
    End,
}

fn begin_focus_frame(mut ring: ResMut<FocusRing>) {
    ring.begin_frame();
}

fn end_focus_frame(mut ring: ResMut<FocusRing>) {
    ring.end_frame();
}

/// Dialogs over the screen that take Back and Home for themselves.
type Overlays<'w> = (
    Option<Res<'w, super::idle::IdleOverlay>>,
    Option<Res<'w, super::admin::Admin>>,
    Option<Res<'w, super::visitor_settings::SettingsPanel>>,
);

/// Back (gamepad East, Escape) steps back a scene, then to the list, and from the list
/// ends the visit (back to the attract loop); Home (Start, Home key) goes to the list.
/// The "Still there?" dialog and the admin overlay swallow both (they only count as
/// activity there).
fn back_and_home(
    mut actions: MessageReader<Action>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut visit: ResMut<Visit>,
    content: Res<Content>,
    overlays: Overlays<'_>,
    mut ended: MessageWriter<VisitEnded>,
) {
    let (idle, admin, settings) = overlays;
    if idle.is_some_and(|i| i.shown())
        || admin.is_some_and(|a| a.phase != super::admin::Phase::Closed)
        || settings.is_some_and(|s| s.open)
    {
        actions.clear();
        return;
    }
    for action in actions.read() {
        match (action, screen.get()) {
            (Action::Back, Screen::Exhibit) => go_back(&mut visit, &content, &mut next),
            (Action::Home, Screen::Exhibit) => next.set(Screen::Hub),
            (Action::Back, Screen::Hub) => {
                ended.write(VisitEnded {
                    reason: usage_log::EndReason::Home,
                    idle_s: 0.0,
                });
                next.set(Screen::Attract);
            }
            _ => {}
        }
    }
}

/// One step back inside an exhibit: the previous scene, or the list from the first.
pub(super) fn go_back(visit: &mut Visit, content: &Content, next: &mut NextState<Screen>) {
    if !visit.previous_scene(content) {
        next.set(Screen::Hub);
    }
}

/// Back to the attract loop: nothing of the visitor stays — no visit, no focus, no
/// scroll positions or other widget memory.
fn forget_visitor(mut commands: Commands, mut ring: ResMut<FocusRing>, mut contexts: EguiContexts) {
    commands.remove_resource::<Visit>();
    ring.reset();
    if let Ok(ctx) = contexts.ctx_mut() {
        ctx.memory_mut(|m| {
            m.data.clear();
            m.stop_text_input();
        });
    }
}
