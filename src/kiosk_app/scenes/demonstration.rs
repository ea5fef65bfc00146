//! The demonstration scene: the simulation drawn live, its controls beside it (sliders,
//! toggles, play / pause / step / reset), readouts and a live graph. Shapes marked
//! draggable follow the finger.

use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, pos2, vec2};
use simulation::draw::{self, Prim};
use simulation::{ControlKind, Rgba};

use super::{HoldTime, SceneEvent, SceneUi};
use crate::kiosk_app::core::clock::frame_seconds;
use crate::kiosk_app::core::visit::{SceneState, Visit};
use crate::kiosk_app::scenes::demonstration_run::DemoRun;
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets::{self, Look};
use exhibit_format::exhibit::Demonstration;
use exhibit_format::layout::demonstration as layout;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        advance.run_if(resource_exists::<Visit>.and_then(not(resource_exists::<HoldTime>))),
    );
}

/// Focus key of the play / pause button, which takes the focus when the scene opens.
pub const PLAY: &str = "demo-play";

/// Moves the simulation on by the frame's real time. Runs in `Update`, apart from drawing,
/// so time advances the same whether or not egui draws this frame. A slow frame is caught
/// up in fixed steps (the simulation bounds the steps per frame, so a slow machine is not
/// slowed further); after a stall it resumes, not leaps ([`frame_seconds`]).
fn advance(time: Res<Time<Real>>, mut visit: ResMut<Visit>) {
    if let Some(SceneState::Demo(run)) = visit.scene_state.as_mut() {
        run.sim.advance(frame_seconds(&time));
    }
}

fn rgba(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn pt(p: draw::P, origin: egui::Pos2) -> egui::Pos2 {
    pos2(origin.x + p[0], origin.y + p[1])
}

/// Draws the demonstration and applies what the visitor does to `run`.
pub fn show(ui: &mut egui::Ui, s: &mut SceneUi, demo: &Demonstration, run: &mut DemoRun) {
    let a = Appearance::of(ui.ctx());
    if let Some(intro) = &demo.intro {
        widgets::paragraph(ui, s.written(intro), a.small(), |t| t);
        ui.add_space(layout::INTRO_GAP);
    }
    let full = ui.available_width();
    let side = layout::side_width(full);
    // Never negative, however narrow the window (a designer's preview can be tiny).
    let left = (full - side - layout::GAP).max(240.0);
    // The canvas keeps the view's shape and leaves room for the buttons under it.
    let canvas_h = layout::canvas_height(ui.available_height(), left);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(left);
            canvas(ui, s, demo, run, vec2(left, canvas_h));
            ui.add_space(14.0);
            buttons(ui, s, demo, run);
        });
        ui.add_space(32.0);
        ui.vertical(|ui| {
            ui.set_width(side);
            controls(ui, s, demo, run);
            if Appearance::of(ui.ctx()).larger_text() {
                readout_list(ui, s, demo, run);
            }
            if demo.graph.is_some() {
                ui.add_space(4.0);
                graph(ui, s, demo, run, vec2(side, 200.0));
            }
        });
    });
}

fn canvas(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    demo: &Demonstration,
    run: &mut DemoRun,
    size: egui::Vec2,
) {
    let a = Appearance::of(ui.ctx());
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let bg = demo
        .view
        .background
        .as_deref()
        .and_then(simulation::parse_colour)
        .map_or(a.c.surface, rgba);
    painter.rect_filled(rect, 14.0, bg);

    let text = |t: &exhibit_format::text::Text| s.text(t).into_owned();
    let mut prims = Vec::new();
    let mut handles = Vec::new();
    draw::draw(
        demo,
        &run.sim,
        rect.width(),
        rect.height(),
        &text,
        &mut prims,
        &mut handles,
    );
    let o = rect.min;
    for p in &prims {
        match p {
            Prim::Circle {
                centre,
                radius,
                colour,
            } => {
                painter.circle_filled(pt(*centre, o), *radius, rgba(*colour));
            }
            Prim::Polygon { points, colour } => {
                let pts = points.iter().map(|p| pt(*p, o)).collect();
                painter.add(egui::Shape::convex_polygon(
                    pts,
                    rgba(*colour),
                    Stroke::NONE,
                ));
            }
            Prim::Path {
                points,
                width,
                colour,
            } => {
                let pts = points.iter().map(|p| pt(*p, o)).collect();
                painter.add(egui::Shape::line(pts, Stroke::new(*width, rgba(*colour))));
            }
            Prim::Arrow {
                from,
                to,
                width,
                colour,
            } => {
                let (a, b) = (pt(*from, o), pt(*to, o));
                if (b - a).length() > 2.0 {
                    painter.arrow(a, b - a, Stroke::new(*width, rgba(*colour)));
                }
            }
            Prim::Text {
                at,
                text,
                colour,
                small,
            } => {
                let size = if *small { a.small() * 0.8 } else { a.small() };
                painter.text(
                    pt(*at, o),
                    Align2::CENTER_CENTER,
                    text,
                    FontId::proportional(size),
                    rgba(*colour),
                );
            }
            Prim::Image {
                shape,
                centre,
                width,
                angle,
            } => {
                if let Some(simulation::Shape::Image { file, .. }) = demo.shapes.get(*shape)
                    && let Some(tex) = s.images.get(s.ctx, s.dir, file)
                {
                    let [tw, th] = tex.size();
                    let h = width * th as f32 / tw.max(1) as f32;
                    let r = egui::Rect::from_center_size(pt(*centre, o), vec2(*width, h));
                    let mut mesh = egui::Mesh::with_texture(tex.id());
                    mesh.add_rect_with_uv(
                        r,
                        egui::Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
                        Color32::WHITE,
                    );
                    // World angles turn anticlockwise; the screen's y points down.
                    mesh.rotate(egui::emath::Rot2::from_angle(-angle), r.center());
                    painter.add(mesh);
                }
            }
        }
    }
    // Larger text would cover the model with the readouts: they move beside it instead.
    if !Appearance::of(ui.ctx()).larger_text() {
        readouts(&painter, rect, s, demo, run);
    }
    // A ring marks what can be dragged.
    for h in &handles {
        let r = h.radius + 10.0;
        painter.circle_stroke(
            pt(h.centre, o),
            r,
            Stroke::new(3.0, a.c.accent.gamma_multiply(0.8)),
        );
    }

    run.canvas = Some(([o.x, o.y], [rect.width(), rect.height()]));
    run.handles.clone_from(&handles);
    // Dragging: the nearest ringed shape within reach of the finger follows it.
    let tf = draw::Transform::new(&demo.view, rect.width(), rect.height());
    if response.drag_started()
        && let Some(at) = response.interact_pointer_pos()
    {
        let local = [at.x - o.x, at.y - o.y];
        let nearest = handles
            .iter()
            .map(|h| {
                (
                    h,
                    ((h.centre[0] - local[0]).powi(2) + (h.centre[1] - local[1]).powi(2)).sqrt(),
                )
            })
            .filter(|(h, d)| *d <= h.reach)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((h, _)) = nearest {
            run.start_drag(h.shape);
        }
    }
    if run.dragging()
        && let Some(at) = response.interact_pointer_pos()
    {
        let (x, y) = tf.to_world([at.x - o.x, at.y - o.y]);
        run.drag_to(demo, x, y);
    }
    if run.dragging() && !response.dragged() {
        for (id, v) in run.end_drag(demo) {
            s.events.push(SceneEvent::Control {
                control: id,
                value: v.into(),
            });
        }
    }
    if !handles.is_empty() {
        painter.text(
            rect.left_top() + vec2(18.0, 16.0),
            Align2::LEFT_TOP,
            s.word("drag_hint"),
            FontId::proportional(a.small() * 0.8),
            a.c.text_muted,
        );
    }
    // What stopped the run, if an event with a message did.
    if let Some(e) = run.sim.fired().last()
        && let Some(msg) = demo.events.get(*e).and_then(|e| e.message.as_ref())
    {
        let g = painter.layout(
            s.text(msg).into_owned(),
            FontId::proportional(a.body()),
            a.c.on_accent,
            rect.width() * 0.6,
        );
        let pos = rect.center_top() + vec2(-g.size().x / 2.0, 60.0);
        painter.rect_filled(
            egui::Rect::from_min_size(pos, g.size()).expand(14.0),
            12.0,
            a.c.accent,
        );
        painter.galley(pos, g, a.c.on_accent);
    }
}

fn buttons(ui: &mut egui::Ui, s: &mut SceneUi, demo: &Demonstration, run: &mut DemoRun) {
    let a = Appearance::of(ui.ctx());
    ui.horizontal(|ui| {
        let playing = run.sim.running();
        let label = if playing {
            s.word("pause")
        } else {
            s.word("play")
        };
        if widgets::button_keyed(ui, s.ring, label, Look::Primary, 220.0, Some(PLAY)) {
            run.sim.set_running(!playing);
            s.events.push(SceneEvent::Control {
                control: "play".into(),
                value: (!playing).into(),
            });
        }
        ui.add_space(12.0);
        if widgets::button(ui, s.ring, s.word("step"), Look::Normal, 180.0) {
            run.sim.step_frame();
            s.events.push(SceneEvent::Control {
                control: "step".into(),
                value: serde_json::Value::Null,
            });
        }
        ui.add_space(12.0);
        if widgets::button(ui, s.ring, s.word("reset"), Look::Normal, 180.0) {
            run.sim.reset();
            s.events.push(SceneEvent::Control {
                control: "reset".into(),
                value: serde_json::Value::Null,
            });
        }
        ui.add_space(20.0);
        ui.label(
            RichText::new(format!(
                "t = {} {}",
                draw::format_value(run.sim.t(), 1),
                time_unit(s, demo)
            ))
            .size(a.small())
            .color(a.c.text_muted),
        );
    });
}

/// The unit of the model's time, in the visitor's language.
fn time_unit<'a>(s: &'a SceneUi, demo: &'a Demonstration) -> std::borrow::Cow<'a, str> {
    match &demo.time_unit {
        Some(u) => s.text(u),
        None => s.word("seconds").into(),
    }
}

/// The readouts' labels and values (with units), in the visitor's language.
fn readout_rows(s: &SceneUi, demo: &Demonstration, run: &DemoRun) -> Vec<(String, String)> {
    run.sim
        .model()
        .readouts
        .iter()
        .map(|&d| {
            let q = &demo.derived[d];
            let label = q
                .label
                .as_ref()
                .map_or_else(|| q.id.clone(), |l| s.text(l).into_owned());
            let value = format!(
                "{} {}",
                draw::format_value(run.sim.derived(d), q.decimals as usize),
                q.unit
            );
            (label, value)
        })
        .collect()
}

/// Readouts as rows beside the model (larger text): each label with its value under it.
fn readout_list(ui: &mut egui::Ui, s: &SceneUi, demo: &Demonstration, run: &DemoRun) {
    let a = Appearance::of(ui.ctx());
    for (label, value) in readout_rows(s, demo, run) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(label).size(a.small()).color(a.c.text_muted));
            ui.label(
                RichText::new(value)
                    .size(a.small())
                    .color(a.c.text)
                    .strong(),
            );
        });
    }
    ui.add_space(8.0);
}

/// Readouts in a panel over the canvas's top-right corner: label, value and unit.
fn readouts(
    painter: &egui::Painter,
    rect: egui::Rect,
    s: &SceneUi,
    demo: &Demonstration,
    run: &DemoRun,
) {
    let a = Appearance::of(painter.ctx());
    let rows = readout_rows(s, demo, run);
    if rows.is_empty() {
        return;
    }
    let font = FontId::proportional(a.small() * 0.9);
    let galleys: Vec<_> = rows
        .into_iter()
        .map(|(l, v)| {
            (
                painter.layout_no_wrap(l, font.clone(), a.c.text_muted),
                painter.layout_no_wrap(v, font.clone(), a.c.text),
            )
        })
        .collect();
    let label_w = galleys.iter().map(|g| g.0.size().x).fold(0.0, f32::max);
    let value_w = galleys.iter().map(|g| g.1.size().x).fold(0.0, f32::max);
    let row_h = a.small() * 1.3;
    let size = vec2(
        label_w + value_w + 16.0 + 44.0,
        row_h * galleys.len() as f32 + 20.0,
    );
    let margin = 14.0;
    let min = match demo.view.readouts {
        simulation::Corner::TopRight => pos2(rect.right() - size.x - margin, rect.top() + margin),
        simulation::Corner::TopLeft => pos2(rect.left() + margin, rect.top() + margin + 40.0),
        simulation::Corner::BottomRight => pos2(
            rect.right() - size.x - margin,
            rect.bottom() - size.y - margin,
        ),
        simulation::Corner::BottomLeft => {
            pos2(rect.left() + margin, rect.bottom() - size.y - margin - 60.0)
        }
    };
    let panel = egui::Rect::from_min_size(min, size);
    painter.rect_filled(panel, 12.0, a.c.background.gamma_multiply(0.85));
    for (k, (l, v)) in galleys.into_iter().enumerate() {
        let y = panel.top() + 10.0 + k as f32 * row_h;
        painter.galley(pos2(panel.left() + 22.0, y), l, a.c.text_muted);
        painter.galley(pos2(panel.left() + 22.0 + label_w + 16.0, y), v, a.c.text);
    }
}

fn controls(ui: &mut egui::Ui, s: &mut SceneUi, demo: &Demonstration, run: &mut DemoRun) {
    for (i, p) in demo.parameters.iter().enumerate() {
        match p.control {
            ControlKind::Hidden => {}
            ControlKind::Toggle => {
                let on = run.sim.param(i) >= 0.5;
                let text = format!(
                    "{}: {}",
                    s.text(&p.label),
                    if on { s.word("on") } else { s.word("off") }
                );
                let look = if on { Look::Chosen } else { Look::Normal };
                if widgets::button(ui, s.ring, &text, look, ui.available_width()) {
                    let v = run.toggle(demo, i);
                    s.events.push(SceneEvent::Control {
                        control: p.id.clone(),
                        value: v.into(),
                    });
                }
                ui.add_space(8.0);
            }
            ControlKind::Slider => {
                if let Some(v) = slider(ui, s, demo, run, i) {
                    s.events.push(SceneEvent::Control {
                        control: p.id.clone(),
                        value: v.into(),
                    });
                }
                ui.add_space(4.0);
            }
        }
    }
}

/// A slider sized for fingers: its label and value above a thick track. Dragging, tapping
/// the track, or left / right while focused change it. Returns the value when a change is
/// finished (finger lifted, or a key press), for the usage log.
fn slider(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    demo: &Demonstration,
    run: &mut DemoRun,
    i: usize,
) -> Option<f64> {
    let a = Appearance::of(ui.ctx());
    let p = &demo.parameters[i];
    let value = run.sim.param(i);
    let shown = format!("{} {}", draw::format_value(value, p.decimals()), p.unit);
    let label = s.text(&p.label).into_owned();
    // Label and value above the track, all one target: a finger anywhere on it works.
    let (rect, response) =
        // Taller with larger text: the label line must clear the knob.
        ui.allocate_exact_size(
            vec2(ui.available_width(), a.small() * 1.3 + 60.0),
            Sense::click_and_drag(),
        );
    let painter = ui.painter();
    painter.text(
        rect.left_top() + vec2(0.0, 2.0),
        Align2::LEFT_TOP,
        &label,
        FontId::proportional(a.small()),
        a.c.text,
    );
    painter.text(
        rect.right_top() + vec2(0.0, 2.0),
        Align2::RIGHT_TOP,
        &shown,
        FontId::proportional(a.small()),
        a.c.accent,
    );
    let (lo, hi) = (p.min, p.max);
    let frac = ((value - lo) / (hi - lo)).clamp(0.0, 1.0) as f32;
    let used = widgets::track_slider(
        ui,
        s.ring,
        rect,
        &response,
        rect.bottom() - 30.0,
        frac,
        &[],
        &format!("{label} {shown}"),
    );
    let mut done = None;
    if let Some(f) = used.pointer {
        run.set_param(demo, i, lo + f as f64 * (hi - lo));
        if used.tapped {
            done = Some(run.sim.param(i));
        }
    }
    if used.released {
        done = Some(run.sim.param(i));
    }
    if used.presses != 0 && run.nudge(demo, i, used.presses).is_some() {
        done = Some(run.sim.param(i));
    }
    done
}

fn graph(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    demo: &Demonstration,
    run: &DemoRun,
    size: egui::Vec2,
) {
    let a = Appearance::of(ui.ctx());
    let Some(g) = &demo.graph else { return };
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 12.0, a.c.surface);
    // Legend: each series in its colour with its latest value, over the plot's top.
    let latest = run.sim.history().back();
    let phase = g.x.is_some();
    let legend_font = FontId::proportional(a.small() * 0.75);
    let mut x = rect.left() + 14.0;
    for (k, series) in g.series.iter().enumerate() {
        let c = simulation::parse_colour(&series.colour).map_or(a.c.text, rgba);
        let v = latest
            .and_then(|l| l.1.get(k + usize::from(phase)))
            .copied();
        let text = match v {
            Some(v) => format!(
                "{} {} {} {}",
                widgets::symbols::LEGEND_MARK,
                s.text(&series.label),
                draw::format_value(v, 1),
                series.unit
            ),
            None => format!(
                "{} {}",
                widgets::symbols::LEGEND_MARK,
                s.text(&series.label)
            ),
        };
        let r = painter.text(
            pos2(x, rect.top() + 8.0),
            Align2::LEFT_TOP,
            text,
            legend_font.clone(),
            c,
        );
        x = r.right() + 18.0;
    }
    let plot = egui::Rect::from_min_max(rect.min + vec2(16.0, 44.0), rect.max - vec2(16.0, 16.0));
    let Some(draw::GraphLines {
        lines,
        x_range: (x0, x1),
        y_range: (y0, y1),
    }) = draw::graph_lines(&run.sim, plot.width(), plot.height())
    else {
        return;
    };
    let axis = Stroke::new(1.5, a.c.text_muted.gamma_multiply(0.6));
    if y0 < 0.0 && y1 > 0.0 {
        let zy = plot.bottom() - ((0.0 - y0) / (y1 - y0)) as f32 * plot.height();
        painter.line_segment([pos2(plot.left(), zy), pos2(plot.right(), zy)], axis);
    }
    painter.line_segment([plot.left_bottom(), plot.right_bottom()], axis);
    for (c, points) in lines {
        let pts: Vec<egui::Pos2> = points.iter().map(|p| pt(*p, plot.min)).collect();
        if pts.len() >= 2 {
            painter.add(egui::Shape::line(pts, Stroke::new(3.0, rgba(c))));
        }
    }
    // Axis labels on a backdrop, legible where a curve passes under them.
    let small = FontId::proportional(a.small() * 0.7);
    let tag = |at: egui::Pos2, align: Align2, text: String| {
        let g = painter.layout_no_wrap(text, small.clone(), a.c.text_muted);
        let r = align.anchor_size(at, g.size());
        painter.rect_filled(r.expand(3.0), 4.0, a.c.surface.gamma_multiply(0.9));
        painter.galley(r.min, g, a.c.text_muted);
    };
    tag(plot.left_top(), Align2::LEFT_TOP, draw::format_value(y1, 1));
    tag(
        plot.left_bottom() - vec2(0.0, 4.0),
        Align2::LEFT_BOTTOM,
        draw::format_value(y0, 1),
    );
    let x_caption = if phase {
        g.x_label
            .as_ref()
            .map(|l| s.text(l).into_owned())
            .unwrap_or_default()
    } else {
        format!(
            "{} ({}) {}{}{}",
            s.word("graph_time"),
            time_unit(s, demo),
            draw::format_value(x0, 0),
            widgets::symbols::RANGE,
            draw::format_value(x1, 0)
        )
    };
    tag(
        plot.right_bottom() - vec2(0.0, 4.0),
        Align2::RIGHT_BOTTOM,
        x_caption,
    );
}
