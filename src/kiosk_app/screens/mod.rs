//! The kiosk's screens: attract loop → exhibit list → an exhibit's scenes, each one file;
//! the [`Screen`] state they switch is core vocabulary (`core::screen`).

mod attract;
mod closed;
mod exhibit;
mod hub;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::Overlay;
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::visit::{Visit, VisitEnded};
use crate::kiosk_app::input::actions::Action;
use crate::kiosk_app::input::focus::FocusRing;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
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
            .before(crate::kiosk_app::unattended::idle::watch)
            // Back with the settings panel open closes only the panel.
            .before(crate::kiosk_app::accessibility::visitor_settings::open_and_close),
    )
    .add_systems(OnEnter(Screen::Attract), forget_visitor)
    .add_plugins((
        attract::plugin,
        hub::plugin,
        exhibit::plugin,
        closed::plugin,
    ));
}

fn begin_focus_frame(mut ring: ResMut<FocusRing>) {
    ring.begin_frame();
}

fn end_focus_frame(mut ring: ResMut<FocusRing>) {
    ring.end_frame();
}

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
    overlay: Res<Overlay>,
    mut ended: MessageWriter<VisitEnded>,
) {
    // A pop-up takes Back and Home for itself.
    if overlay.any() {
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
