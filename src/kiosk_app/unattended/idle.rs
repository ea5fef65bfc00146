//! The walk-away reset: "Still there?" with a countdown after `idle_warning` seconds
//! without input, back to the attract loop after `idle_reset`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::overlay::{Overlay, Popup, popup_up};
use crate::kiosk_app::core::screen::{Screen, UiPass};
use crate::kiosk_app::core::visit::{SceneState, Visit, VisitEnded};
use crate::kiosk_app::input::actions::LastInput;
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets::{self, Look};
use crate::kiosk_app::unattended::idle_clock::{IdleClock, IdleState};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<IdleOverlay>()
        .insert_resource(IdleReset(true))
        .add_systems(
            Update,
            // An animation's narration counts as being there: the clock looks at it before
            // this frame's playback moves on (as it always has), so a film that ends now
            // still counts as watched in this frame.
            watch.before(crate::kiosk_app::scenes::animation::advance),
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(UiPass::Overlay)
                .run_if(popup_up(Popup::StillThere)),
        );
}

/// Whether walking away resets the kiosk (off in preview and snapshots).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleReset(pub bool);

/// What the idle clock shows on screen.
#[derive(Resource, Debug, Default)]
pub struct IdleOverlay {
    clock: Option<IdleClock>,
    state: Option<IdleState>,
    /// The visitor touched during the warning: the dialog keeps covering the screen until
    /// the finger lifts, so that touch does not also press what lies under it.
    blocking: bool,
}

impl IdleOverlay {
    /// Whether the dialog (or its touch shield) is on screen.
    pub fn shown(&self) -> bool {
        self.blocking || matches!(self.state, Some(IdleState::Warning { .. }))
    }

    /// Seconds until the countdown appears, while a visitor is active.
    pub fn until_warning(&self, now: f64) -> Option<f32> {
        let clock = self.clock?;
        (self.state == Some(IdleState::Active))
            .then(|| (clock.warning_after - clock.idle_for(now)).max(0.0))
    }

    /// Seconds left on the countdown, while it shows.
    pub fn remaining(&self) -> Option<f32> {
        match self.state {
            Some(IdleState::Warning { remaining }) => Some(remaining),
            _ => None,
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn watch(
    now: Res<crate::kiosk_app::core::clock::Now>,
    last: Res<LastInput>,
    content: Res<Content>,
    screen: Res<State<Screen>>,
    enabled: Res<IdleReset>,
    visit: Option<Res<Visit>>,
    mut overlay: ResMut<IdleOverlay>,
    mut popups: ResMut<Overlay>,
    mut ring: ResMut<FocusRing>,
    mut next: ResMut<NextState<Screen>>,
    mut ended: MessageWriter<VisitEnded>,
) {
    let now = now.0;
    if !enabled.0 || *screen.get() == Screen::Attract || visit.is_none() {
        *overlay = IdleOverlay::default();
        if popups.is_up(Popup::StillThere) {
            popups.set(Popup::StillThere, false);
        }
        return;
    }
    let cfg = &content.config;
    let clock = overlay
        .clock
        .get_or_insert_with(|| IdleClock::new(cfg.idle_warning, cfg.idle_reset, now));
    let was_warning = matches!(clock.state(now), IdleState::Warning { .. });
    // Watching a narrated animation is being there, without a touch.
    let watching = *screen.get() == Screen::Exhibit
        && visit.as_ref().is_some_and(
            |v| matches!(&v.scene_state, Some(SceneState::Anim(run)) if run.holds_attention()),
        );
    if last.this_frame || watching {
        clock.activity(now);
    }
    let state = clock.state(now);
    let idle_s = clock.idle_for(now) as f64;
    if was_warning && last.this_frame {
        overlay.blocking = true;
    }
    if overlay.blocking && !last.pointer_down {
        overlay.blocking = false;
    }
    if matches!(state, IdleState::Warning { .. })
        && !matches!(overlay.state, Some(IdleState::Warning { .. }))
    {
        info!(
            "no input for {:.0} s: asking \"still there?\"",
            cfg.idle_warning
        );
        ring.want("idle-stay");
    }
    overlay.state = Some(state);
    if popups.is_up(Popup::StillThere) != overlay.shown() {
        popups.set(Popup::StillThere, overlay.shown());
    }
    if state == IdleState::Reset {
        info!(
            "no input for {:.0} s: back to the attract loop",
            cfg.idle_reset
        );
        ended.write(VisitEnded {
            reason: usage_log::EndReason::Idle,
            idle_s,
        });
        next.set(Screen::Attract);
    }
}

pub(crate) fn draw(
    mut contexts: EguiContexts,
    overlay: Res<IdleOverlay>,
    content: Res<Content>,
    visit: Option<Res<Visit>>,
    mut ring: ResMut<FocusRing>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let lang = visit
        .map(|v| v.lang.clone())
        .unwrap_or_else(|| content.default_language().to_owned());
    // Grows with larger text, so the countdown and the button stay inside. While a touch
    // that dismissed the dialog is still down, only the cover stays (see `blocking`).
    let remaining = overlay.remaining();
    let size = remaining.map(|_| {
        egui::vec2(
            900.0 * a.text_scale.sqrt(),
            560.0 * a.text_scale.sqrt() * 1.05,
        )
    });
    widgets::dialog(
        &ctx,
        &mut ring,
        "idle-overlay",
        size,
        egui::Align::Center,
        |ui, ring| {
            let Some(remaining) = remaining else { return };
            let s = &content.ui;
            ui.label(
                egui::RichText::new(s.get(&lang, "still_there"))
                    .size(a.title() * 0.8)
                    .strong(),
            );
            let secs = remaining.ceil() as u32;
            ui.label(
                egui::RichText::new(secs.to_string())
                    .size(a.title() * 1.5)
                    .color(a.c.accent)
                    .strong(),
            );
            ui.label(
                egui::RichText::new(s.fill(&lang, "restart_in", &[("s", &secs)])).size(a.body()),
            );
            ui.add_space(24.0);
            // Any input dismisses the dialog; the button is there so people know that.
            widgets::button_keyed(
                ui,
                ring,
                s.get(&lang, "stay"),
                Look::Primary,
                420.0,
                Some("idle-stay"),
            );
        },
    );
    Ok(())
}
