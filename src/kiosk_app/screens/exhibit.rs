//! An exhibit: its scenes one after another, with Home, Back, Next and the language switch
//! always in the same places.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::hub::bar_frame;
use super::{Screen, UiPass};
use crate::kiosk_app::accessibility::visitor_settings::settings_button;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::images::ImageCache;
use crate::kiosk_app::core::overlay::Overlay;
use crate::kiosk_app::core::settings::VisitorSettings;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::input::focus::FocusRing;
use crate::kiosk_app::scenes::{SceneEvent, SceneRequest, SceneUi, animation, demonstration, quiz};
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets::{self, Look};
use exhibit_format::exhibit::SceneKind;
use exhibit_format::layout::{bar, scene};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SceneEvent>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(UiPass::Screen)
            .run_if(in_state(Screen::Exhibit).and_then(resource_exists::<Visit>)),
    );
}

enum Go {
    Home,
    Back,
    Next,
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    content: Res<Content>,
    mut visit: ResMut<Visit>,
    mut ring: ResMut<FocusRing>,
    mut overlay: ResMut<Overlay>,
    settings: Res<VisitorSettings>,
    mut images: ResMut<ImageCache>,
    mut next: ResMut<NextState<Screen>>,
    mut scene_events: MessageWriter<SceneEvent>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let a = Appearance::of(&ctx);
    let mut events = Vec::new();
    let Some(shown) = visit.exhibit.and_then(|i| content.exhibits.get(i)) else {
        next.set(Screen::Hub);
        return Ok(());
    };
    let ex = &shown.exhibit;
    // A scene just opened: its main control takes the gamepad focus.
    if visit.just_entered {
        visit.just_entered = false;
        match &visit.scene_state {
            Some(SceneState::Quiz(run)) => ring.want(quiz::entry_focus(run)),
            Some(SceneState::Demo(_)) => ring.want(demonstration::PLAY),
            Some(SceneState::Anim(_)) => ring.want(animation::PLAY),
            None => {}
        }
    }
    let lang = visit.lang.clone();
    let fallback = content.default_language().to_owned();
    let strings = &content.ui;
    let mut go = None;
    let mut root = widgets::screen_ui(&ctx, "exhibit");

    egui::Panel::top("exhibit-top")
        .exact_size(a.top_bar())
        .frame(bar_frame(&a))
        .show(&mut root, |ui| {
            ui.horizontal_centered(|ui| {
                if widgets::button(
                    ui,
                    &mut ring,
                    strings.get(&lang, "home"),
                    Look::Normal,
                    bar::HOME_MIN_W,
                ) {
                    go = Some(Go::Home);
                }
                ui.add_space(bar::HOME_SPACE);
                let scene_title = ex
                    .scenes
                    .get(visit.scene)
                    .map(|s| exhibit_format::bidi_text::visual(s.title.get(&lang, &fallback)))
                    .unwrap_or_default();
                ui.vertical(|ui| {
                    ui.add_space(8.0);
                    ui.label(
                        egui::RichText::new(exhibit_format::bidi_text::visual(
                            ex.title.get(&lang, &fallback),
                        ))
                        .size(a.heading() * bar::TITLE_SCALE)
                        .strong(),
                    );
                    if !scene_title.is_empty() && !visit.finished {
                        ui.label(
                            egui::RichText::new(scene_title)
                                .size(a.small())
                                .color(a.c.text_muted),
                        );
                    }
                });
                if let Some(l) = widgets::language_switch(
                    ui,
                    &mut ring,
                    strings,
                    &content.config.languages,
                    &lang,
                    |ui, ring| settings_button(ui, ring, strings, &lang, &mut overlay),
                ) {
                    visit.lang = l;
                }
            });
        });

    egui::Panel::bottom("exhibit-bottom")
        .exact_size(bar::BOTTOM_H)
        .frame(bar_frame(&a))
        .show(&mut root, |ui| {
            ui.horizontal_centered(|ui| {
                if widgets::button(
                    ui,
                    &mut ring,
                    strings.get(&lang, "back"),
                    Look::Normal,
                    220.0,
                ) {
                    go = Some(Go::Back);
                }
                let count = ex.scenes.len();
                let here = if visit.finished {
                    count
                } else {
                    visit.scene + 1
                };
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if !visit.finished
                        && widgets::button(
                            ui,
                            &mut ring,
                            strings.get(&lang, "next"),
                            Look::Normal,
                            220.0,
                        )
                    {
                        go = Some(Go::Next);
                    }
                    // Progress through the exhibit: dots, filled up to here.
                    let (r, _) = ui.allocate_exact_size(
                        egui::vec2(ui.available_width(), 40.0),
                        egui::Sense::hover(),
                    );
                    let start = r.center().x - (count as f32 - 1.0) * 22.0;
                    for i in 0..count {
                        let c = egui::pos2(start + i as f32 * 44.0, r.center().y);
                        if i < here {
                            ui.painter().circle_filled(c, 11.0, a.c.accent);
                        } else {
                            ui.painter().circle_stroke(
                                c,
                                10.0,
                                egui::Stroke::new(3.0, a.c.text_muted),
                            );
                        }
                    }
                });
            });
        });

    egui::CentralPanel::default()
        .frame(
            egui::Frame::NONE
                .fill(a.c.background)
                .inner_margin(egui::Margin::symmetric(
                    scene::MARGIN.0 as i8,
                    scene::MARGIN.1 as i8,
                )),
        )
        .show(&mut root, |ui| {
            // Scroll position belongs to one view: a new scene, a new question and the
            // feedback on an answer each start at the top, where their heading is.
            let step = visit.scene_state.as_ref().and_then(|state| match state {
                SceneState::Quiz(run) => Some((run.progress().0, run.phase())),
                SceneState::Demo(_) | SceneState::Anim(_) => None,
            });
            egui::ScrollArea::vertical()
                .id_salt(("scene", visit.exhibit, visit.scene, visit.finished, step))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if visit.finished {
                        ui.add_space(120.0);
                        ui.vertical_centered(|ui| {
                            ui.label(
                                egui::RichText::new(strings.get(&lang, "end_of_exhibit"))
                                    .size(a.heading())
                                    .strong(),
                            );
                            ui.add_space(40.0);
                            if widgets::button_keyed(
                                ui,
                                &mut ring,
                                strings.get(&lang, "back_to_hub"),
                                Look::Primary,
                                420.0,
                                Some("end-hub"),
                            ) {
                                go = Some(Go::Home);
                            }
                        });
                        return;
                    }
                    let scene = &ex.scenes[visit.scene];
                    let mut s = SceneUi {
                        ctx: &ctx,
                        ring: &mut ring,
                        strings,
                        lang: &lang,
                        fallback: &fallback,
                        images: &mut images,
                        dir: &shown.dir,
                        events: &mut events,
                        reduced_motion: settings.reduced_motion,
                    };
                    let request = match (&scene.kind, visit.scene_state.as_mut()) {
                        (SceneKind::Quiz(q), Some(SceneState::Quiz(run))) => {
                            quiz::show(ui, &mut s, q, run)
                        }
                        (SceneKind::Demonstration(d), Some(SceneState::Demo(run))) => {
                            demonstration::show(ui, &mut s, d, run);
                            None
                        }
                        (SceneKind::Animation(a), Some(SceneState::Anim(run))) => {
                            animation::show(ui, &mut s, a, run);
                            None
                        }
                        _ => None,
                    };
                    if request == Some(SceneRequest::NextScene) {
                        go = Some(Go::Next);
                    }
                });
        });

    scene_events.write_batch(events);
    match go {
        Some(Go::Home) => next.set(Screen::Hub),
        Some(Go::Back) => super::go_back(&mut visit, &content, &mut next),
        Some(Go::Next) => {
            visit.next_scene(&content);
            if visit.finished {
                ring.want("end-hub");
            }
        }
        None => {}
    }
    Ok(())
}
