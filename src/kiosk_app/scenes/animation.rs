//! The animation scene: the stage with its layers at the playback time, a caption bar
//! with the subtitle of the moment, and the player controls (replay, previous / next
//! chapter, play / pause and a scrub bar with chapter marks).

use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, Sense, Stroke, pos2, vec2};

use super::{HoldTime, SceneEvent, SceneUi};
use crate::kiosk_app::core::clock::frame_seconds;
use crate::kiosk_app::core::screen::Screen;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::scenes::animation_run::AnimRun;
use crate::kiosk_app::ui::theme::{Appearance, MIN_TARGET};
use crate::kiosk_app::ui::widgets::{self, Look};
use exhibit_format::animation::{Animation, LayerFrame, Shape, frame};
use exhibit_format::layout::animation as layout;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        advance.run_if(resource_exists::<Visit>.and_then(not(resource_exists::<HoldTime>))),
    );
}

/// Focus key of the play / pause button, which takes the focus when the scene opens.
pub const PLAY: &str = "anim-play";

/// Seconds one left / right press on the focused scrub bar moves.
pub const SCRUB_STEP_S: f32 = 5.0;

/// Moves the playback clock on by the frame's real time (in `Update`, apart from drawing),
/// while the animation is on screen: a visitor who went back to the hub left it paused.
/// Slow frames take their whole time, so a film runs as long on a weak machine as on a
/// fast one; after a stall it resumes, not leaps ([`frame_seconds`]).
pub(crate) fn advance(time: Res<Time<Real>>, screen: Res<State<Screen>>, mut visit: ResMut<Visit>) {
    let shown = *screen.get() == Screen::Exhibit && !visit.finished;
    if let Some(SceneState::Anim(run)) = visit.scene_state.as_mut() {
        if shown {
            run.advance(frame_seconds(&time) as f32);
        } else {
            run.playing = false;
        }
    }
}

/// `m:ss`, as players show time.
fn clock(t: f32) -> String {
    let s = t.max(0.0).round() as u32;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Draws the animation and applies the visitor's controls to `run`.
pub fn show(ui: &mut egui::Ui, s: &mut SceneUi, anim: &Animation, run: &mut AnimRun) {
    let a = Appearance::of(ui.ctx());
    let full = ui.available_size();
    // Under the stage, as in video players: the scrub bar with the time, then the
    // buttons with the chapter title; with the spacing between them.
    let below = layout::below_stage();
    let (sw, sh) = (anim.stage.0.max(1.0), anim.stage.1.max(1.0));
    let scale = (full.x / sw).min((full.y - below).max(200.0) / sh);
    ui.vertical_centered(|ui| stage(ui, s, anim, run, scale));
    ui.horizontal(|ui| {
        let time = format!("{} / {}", clock(run.t), clock(run.length));
        let time_w = 190.0;
        ui.set_max_width(ui.available_width());
        if let Some(t) = scrub(ui, s, anim, run, (ui.available_width() - time_w).max(200.0)) {
            log(s, "seek", ((t * 10.0).round() / 10.0).into());
        }
        ui.label(
            egui::RichText::new(time)
                .size(a.small())
                .color(a.c.text_muted),
        );
    });
    controls(ui, s, anim, run);
}

fn log(s: &mut SceneUi, control: &str, value: serde_json::Value) {
    s.events.push(SceneEvent::Control {
        control: control.into(),
        value,
    });
}

fn stage(ui: &mut egui::Ui, s: &mut SceneUi, anim: &Animation, run: &mut AnimRun, scale: f32) {
    let a = Appearance::of(ui.ctx());
    let size = vec2(anim.stage.0 * scale, anim.stage.1 * scale);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let painter = ui.painter_at(rect);
    let bg = anim
        .background
        .as_deref()
        .and_then(simulation::parse_colour)
        .map_or(a.c.surface, |c| Color32::from_rgb(c[0], c[1], c[2]));
    painter.rect_filled(rect, 14.0, bg);
    let frames = frame(anim, run.t, s.reduced_motion);
    for (layer, f) in anim.layers.iter().zip(&frames) {
        paint_layer(&painter, s, layer, f, rect.min, scale);
    }
    caption(&painter, s, run, rect);
    // Touching the picture pauses and resumes, as in every video player.
    if response.clicked() {
        run.toggle();
        log(s, "play", run.playing.into());
    }
}

/// Colour with the layer's opacity applied.
fn tint(c: [u8; 4], opacity: f32) -> Color32 {
    let a = (f32::from(c[3]) * opacity.clamp(0.0, 1.0)).round() as u8;
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], a)
}

fn paint_layer(
    painter: &egui::Painter,
    s: &mut SceneUi,
    layer: &exhibit_format::animation::Layer,
    f: &LayerFrame,
    origin: egui::Pos2,
    scale: f32,
) {
    if f.opacity <= 0.003 {
        return;
    }
    let k = f.scale * scale;
    let centre = pos2(origin.x + f.pos.0 * scale, origin.y + f.pos.1 * scale);
    let (sin, cos) = f.rotation.to_radians().sin_cos();
    // A point of the shape (stage units, relative to the layer) on screen.
    let place = |p: (f32, f32)| {
        let (x, y) = (p.0 * k, p.1 * k);
        pos2(centre.x + x * cos - y * sin, centre.y + x * sin + y * cos)
    };
    let fill = tint(f.colour, f.opacity);
    let outline = layer.outline.as_ref().map_or(Stroke::NONE, |o| {
        let c = simulation::parse_colour(&o.colour).unwrap_or([255, 255, 255, 255]);
        Stroke::new(o.width * k, tint(c, f.opacity))
    });
    match &layer.shape {
        Shape::Group => {}
        Shape::Circle { radius } => {
            painter.circle(centre, radius * k, fill, outline);
        }
        Shape::Ellipse { width, height } => {
            let points = (0..48)
                .map(|i| {
                    let a = i as f32 / 48.0 * std::f32::consts::TAU;
                    place((a.cos() * width / 2.0, a.sin() * height / 2.0))
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(points, fill, outline));
        }
        Shape::Rect {
            width,
            height,
            corner,
        } => {
            let points = rounded_rect(*width, *height, *corner)
                .into_iter()
                .map(place)
                .collect();
            painter.add(egui::Shape::convex_polygon(points, fill, outline));
        }
        Shape::Polygon { points } => {
            let points = points.iter().copied().map(place).collect();
            painter.add(egui::Shape::convex_polygon(points, fill, outline));
        }
        Shape::Line { to, width, arrow } => {
            let a = place((0.0, 0.0));
            let b = place(*to);
            let stroke = Stroke::new(width * k, fill);
            let d = b - a;
            let len = d.length();
            if *arrow && len > 0.0 {
                let dir = d / len;
                let head = (width * k * 3.5).min(len * 0.6);
                let base = b - dir * head;
                let side = vec2(-dir.y, dir.x) * head * 0.6;
                painter.line_segment([a, base], stroke);
                painter.add(egui::Shape::convex_polygon(
                    vec![b, base + side, base - side],
                    fill,
                    Stroke::NONE,
                ));
            } else {
                painter.line_segment([a, b], stroke);
            }
        }
        Shape::Image { file, width, .. } => {
            if let Some(tex) = s.images.get(s.ctx, s.dir, file) {
                let [tw, th] = tex.size();
                let h = width * th as f32 / tw.max(1) as f32;
                let r = egui::Rect::from_center_size(centre, vec2(width * k, h * k));
                let mut mesh = egui::Mesh::with_texture(tex.id());
                mesh.add_rect_with_uv(
                    r,
                    egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                    tint([255, 255, 255, 255], f.opacity),
                );
                mesh.rotate(
                    egui::emath::Rot2::from_angle(f.rotation.to_radians()),
                    centre,
                );
                painter.add(mesh);
            }
        }
        Shape::Text { text, size, width } => {
            // Too small to see (a label popping in from scale 0, or overshooting below it)
            // draws nothing; egui cannot lay out text at size 0 or below.
            let px = size * k;
            if px.is_nan() || px < MIN_TEXT_PX {
                return;
            }
            // egui caches glyphs in a 2048-pixel atlas: a label zoomed past this size is
            // drawn at this size rather than not at all.
            let font = FontId::proportional(px.min(MAX_TEXT_PX));
            let galley = match width {
                Some(w) => painter.layout(s.text(text).into_owned(), font, fill, w * k),
                None => painter.layout_no_wrap(s.text(text).into_owned(), font, fill),
            };
            // Centred on the layer's position, turning about it.
            let half = galley.size() / 2.0;
            let corner = pos2(
                centre.x - half.x * cos + half.y * sin,
                centre.y - half.x * sin - half.y * cos,
            );
            painter.add(
                egui::epaint::TextShape::new(corner, galley, fill)
                    .with_angle(f.rotation.to_radians()),
            );
        }
    }
}

/// Text smaller than this (pixels) is not drawn.
const MIN_TEXT_PX: f32 = 1.0;
/// Text is drawn at most this large (pixels).
const MAX_TEXT_PX: f32 = 400.0;

/// Corners of a rectangle centred on the origin, each rounded by a few segments.
fn rounded_rect(w: f32, h: f32, r: f32) -> Vec<(f32, f32)> {
    let r = r.max(0.0).min(w / 2.0).min(h / 2.0);
    let (hw, hh) = (w / 2.0 - r, h / 2.0 - r);
    if r <= 0.0 {
        return vec![
            (-w / 2.0, -h / 2.0),
            (w / 2.0, -h / 2.0),
            (w / 2.0, h / 2.0),
            (-w / 2.0, h / 2.0),
        ];
    }
    let mut out = Vec::with_capacity(28);
    let corners = [
        ((hw, -hh), -90.0_f32),
        ((hw, hh), 0.0),
        ((-hw, hh), 90.0),
        ((-hw, -hh), 180.0),
    ];
    for ((cx, cy), start) in corners {
        for i in 0..=6 {
            let a = (start + i as f32 * 15.0).to_radians();
            out.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    out
}

/// The subtitle of the moment in a dark bar over the bottom of the stage, large enough
/// to read from a step back.
fn caption(painter: &egui::Painter, s: &SceneUi, run: &AnimRun, stage: egui::Rect) {
    let a = Appearance::of(painter.ctx());
    let Some(cue) = run.cue(s.lang, s.fallback) else {
        return;
    };
    let font = FontId::proportional(a.body() * layout::CAPTION_SCALE);
    let galley = painter.layout(
        exhibit_format::bidi_text::visual(&cue.text).into_owned(),
        font,
        a.c.text,
        stage.width() * layout::CAPTION_WRAP,
    );
    let pad = vec2(28.0, 14.0);
    let bar = Align2::CENTER_BOTTOM.anchor_size(
        pos2(stage.center().x, stage.bottom() - 22.0),
        galley.size() + pad * 2.0,
    );
    painter.rect_filled(bar, 12.0, Color32::from_black_alpha(210));
    painter.galley(bar.min + pad, galley, a.c.text);
}

/// The chapter now playing, as a caption beside the buttons (cut short, not wrapped).
fn chapter_title(ui: &mut egui::Ui, s: &SceneUi, anim: &Animation, run: &AnimRun) {
    let a = Appearance::of(ui.ctx());
    let Some(i) = anim.chapter_at(run.t) else {
        return;
    };
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), MIN_TARGET), Sense::hover());
    let painter = ui.painter();
    let mut job = egui::text::LayoutJob::simple_singleline(
        s.text(&anim.chapters[i].title).into_owned(),
        FontId::proportional(a.body()),
        a.c.text,
    );
    job.wrap = egui::text::TextWrapping {
        max_width: rect.width(),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    painter.galley(
        pos2(rect.left(), rect.center().y - galley.size().y / 2.0),
        galley,
        a.c.text,
    );
}

fn controls(ui: &mut egui::Ui, s: &mut SceneUi, anim: &Animation, run: &mut AnimRun) {
    ui.horizontal(|ui| {
        if widgets::button(
            ui,
            s.ring,
            s.word("replay"),
            Look::Normal,
            layout::CHAPTER_BUTTON_MIN_W,
        ) {
            run.replay();
            log(s, "replay", serde_json::Value::Null);
        }
        ui.add_space(layout::BUTTON_GAP);
        if !anim.chapters.is_empty()
            && widgets::button(
                ui,
                s.ring,
                s.word("previous_chapter"),
                Look::Normal,
                layout::CHAPTER_BUTTON_MIN_W,
            )
        {
            run.previous_chapter(anim);
            log(s, "chapter", chapter_value(anim, run));
        }
        ui.add_space(layout::BUTTON_GAP);
        let label = if run.playing {
            s.word("pause")
        } else {
            s.word("play")
        };
        if widgets::button_keyed(
            ui,
            s.ring,
            label,
            Look::Primary,
            layout::PLAY_MIN_W,
            Some(PLAY),
        ) {
            run.toggle();
            log(s, "play", run.playing.into());
        }
        ui.add_space(layout::BUTTON_GAP);
        if !anim.chapters.is_empty()
            && widgets::button(
                ui,
                s.ring,
                s.word("next_chapter"),
                Look::Normal,
                layout::CHAPTER_BUTTON_MIN_W,
            )
            && run.next_chapter(anim)
        {
            log(s, "chapter", chapter_value(anim, run));
        }
        ui.add_space(layout::TITLE_GAP);
        chapter_title(ui, s, anim, run);
    });
}

/// The chapter now playing, for the log: its number from 1 (0 before the first).
fn chapter_value(anim: &Animation, run: &AnimRun) -> serde_json::Value {
    anim.chapter_at(run.t).map_or(0, |i| i + 1).into()
}

/// The scrub bar: drag or tap to jump, left / right while focused to step by
/// [`SCRUB_STEP_S`]. Returns the new time when a change is finished, for the usage log.
fn scrub(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    anim: &Animation,
    run: &mut AnimRun,
    width: f32,
) -> Option<f32> {
    let (rect, response) = ui.allocate_exact_size(vec2(width, MIN_TARGET), Sense::click_and_drag());
    let length = run.length.max(1e-3);
    // Chapter starts as marks across the track.
    let marks: Vec<f32> = anim
        .chapters
        .iter()
        .filter(|c| c.at > 0.0)
        .map(|c| c.at / length)
        .collect();
    let label = format!(
        "{} {} / {}",
        s.word("position"),
        clock(run.t),
        clock(run.length)
    );
    let used = widgets::track_slider(
        ui,
        s.ring,
        rect,
        &response,
        rect.center().y,
        run.t / length,
        &marks,
        &label,
    );
    let mut done = None;
    // The clock (and the narration) wait while a finger holds the knob.
    run.held = used.held;
    if let Some(f) = used.pointer {
        // Only a real move is a jump: a finger held still must not restart narration.
        if (f * length - run.t).abs() > 1e-3 {
            run.seek(f * length);
        }
        if used.tapped {
            done = Some(run.t);
        }
    }
    if used.released {
        run.held = false;
        done = Some(run.t);
    }
    if used.presses != 0 {
        run.seek(run.t + used.presses as f32 * SCRUB_STEP_S);
        done = Some(run.t);
    }
    done
}
