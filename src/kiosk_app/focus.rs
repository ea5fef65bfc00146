//! The focus highlight that gamepad and keyboard visitors move between controls.
//!
//! egui is immediate-mode: each frame, every control a screen draws registers its place
//! here. Direction actions pick the nearest control in that direction among last frame's
//! controls; Select marks the focused one activated for this frame's drawing.

use bevy::prelude::*;
use bevy_egui::egui;

use super::input::{Action, LastInput};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FocusRing>()
        .add_systems(Update, apply_actions);
}

/// Controls on screen, which one has the focus, and whether it was just activated.
#[derive(Resource, Debug, Default)]
pub struct FocusRing {
    current: Option<egui::Id>,
    /// Controls drawn, in drawing (reading) order, with their layer: between frames, those
    /// of the last finished frame, which navigation uses.
    drawn: Vec<(egui::Id, egui::Rect, u8)>,
    activated: Option<egui::Id>,
    /// The highlight shows only while a focus-moving device is in use.
    visible: bool,
    /// The focus moved: the next frame scrolls it into view.
    moved: bool,
    /// Controls drawn from now on belong to this layer; only the top layer takes focus
    /// (a modal dialog keeps the focus inside it).
    layer: u8,
    /// A control, by key, that takes the focus when next drawn (e.g. "next question"
    /// right after answering).
    wanted: Option<&'static str>,
}

impl FocusRing {
    /// Starts drawing a frame.
    pub fn begin_frame(&mut self) {
        self.drawn.clear();
        self.layer = 0;
    }

    /// Ends a frame: the activation is used up; a focus that is no longer on screen
    /// moves to the first control of the top layer.
    pub fn end_frame(&mut self) {
        self.activated = None;
        let top = self.drawn.iter().map(|d| d.2).max();
        let still_there = self
            .drawn
            .iter()
            .any(|d| Some(d.0) == self.current && Some(d.2) == top);
        if !still_there {
            self.current = self.drawn.iter().find(|d| Some(d.2) == top).map(|d| d.0);
            self.moved = true;
        }
    }

    /// Controls drawn after this belong to a modal layer above the screen.
    pub fn push_layer(&mut self) {
        self.layer += 1;
    }

    /// Controls drawn after this belong to the layer below again.
    pub fn pop_layer(&mut self) {
        self.layer = self.layer.saturating_sub(1);
    }

    /// Records a control. Returns (has focus, was activated by Select this frame).
    pub fn register(&mut self, id: egui::Id, rect: egui::Rect) -> (bool, bool) {
        self.drawn.push((id, rect, self.layer));
        let focused = self.current == Some(id);
        (focused, focused && self.activated == Some(id))
    }

    /// Records a control that can be asked for by `key` (see [`FocusRing::want`]).
    pub fn register_keyed(
        &mut self,
        id: egui::Id,
        rect: egui::Rect,
        key: &'static str,
    ) -> (bool, bool) {
        if self.wanted == Some(key) {
            self.wanted = None;
            self.current = Some(id);
            self.moved = true;
        }
        self.register(id, rect)
    }

    /// The control registered with `key` takes the focus when next drawn.
    pub fn want(&mut self, key: &'static str) {
        self.wanted = Some(key);
    }

    /// Whether the highlight is drawn.
    pub fn visible(&self) -> bool {
        self.visible
    }

    /// Whether the focused control should scroll into view this frame (used once).
    pub fn take_moved(&mut self, id: egui::Id) -> bool {
        if self.moved && self.current == Some(id) {
            self.moved = false;
            true
        } else {
            false
        }
    }

    /// Puts the focus on a control (e.g. the "I'm still here" button when it appears).
    pub fn set(&mut self, id: egui::Id) {
        self.current = Some(id);
        self.moved = true;
    }

    /// The focused control.
    pub fn current(&self) -> Option<egui::Id> {
        self.current
    }

    /// Forgets everything (a new visit starts with nothing focused).
    pub fn reset(&mut self) {
        *self = FocusRing::default();
    }

    /// Moves the focus one step in `dir` among last frame's controls of the top layer.
    pub fn step(&mut self, dir: Action) {
        let top = self.drawn.iter().map(|d| d.2).max();
        let candidates: Vec<&(egui::Id, egui::Rect, u8)> =
            self.drawn.iter().filter(|d| Some(d.2) == top).collect();
        let Some(from) = candidates.iter().find(|d| Some(d.0) == self.current) else {
            self.current = candidates.first().map(|d| d.0);
            self.moved = true;
            return;
        };
        let (dx, dy) = match dir {
            Action::Up => (0.0, -1.0),
            Action::Down => (0.0, 1.0),
            Action::Left => (-1.0, 0.0),
            Action::Right => (1.0, 0.0),
            _ => return,
        };
        let dir = egui::vec2(dx, dy);
        let origin = from.1;
        let best = candidates
            .iter()
            .filter(|d| d.0 != from.0)
            .filter_map(|d| {
                // Distance along the direction between facing edges, and sideways offset
                // between centres: the nearest control roughly in line wins.
                let along = if dx != 0.0 {
                    if dx > 0.0 {
                        d.1.left() - origin.right()
                    } else {
                        origin.left() - d.1.right()
                    }
                } else if dy > 0.0 {
                    d.1.top() - origin.bottom()
                } else {
                    origin.top() - d.1.bottom()
                };
                let centre_delta = d.1.center() - origin.center();
                if centre_delta.dot(dir) <= 0.5 || along < -origin.size().dot(dir.abs()) * 0.5 {
                    return None;
                }
                let side = (centre_delta - dir * centre_delta.dot(dir)).length();
                Some((along.max(0.0) + 2.0 * side, d.0))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, id)) = best {
            self.current = Some(id);
            self.moved = true;
        }
    }
}

fn apply_actions(
    mut actions: MessageReader<Action>,
    last: Res<LastInput>,
    mut ring: ResMut<FocusRing>,
) {
    let was_visible = ring.visible;
    if last.this_frame {
        ring.visible = last.device.is_some_and(|d| d.uses_focus());
    }
    for action in actions.read() {
        match action {
            Action::Up | Action::Down | Action::Left | Action::Right => {
                // The first press after touching only reveals where the focus is.
                if was_visible {
                    ring.step(*action);
                }
            }
            Action::Select => {
                if was_visible {
                    ring.activated = ring.current;
                }
            }
            Action::Back | Action::Home => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32) -> egui::Rect {
        egui::Rect::from_min_size(egui::pos2(x, y), egui::vec2(100.0, 80.0))
    }

    fn grid() -> (FocusRing, Vec<egui::Id>) {
        let ids: Vec<egui::Id> = (0..6).map(|i| egui::Id::new(i)).collect();
        let mut ring = FocusRing::default();
        for (i, id) in ids.iter().enumerate() {
            ring.register(*id, rect((i % 3) as f32 * 150.0, (i / 3) as f32 * 120.0));
        }
        ring.end_frame();
        (ring, ids)
    }

    #[test]
    fn moves_to_the_neighbour_in_each_direction() {
        let (mut ring, ids) = grid();
        assert_eq!(
            ring.current(),
            Some(ids[0]),
            "first control is focused by default"
        );
        ring.step(Action::Right);
        assert_eq!(ring.current(), Some(ids[1]));
        ring.step(Action::Down);
        assert_eq!(ring.current(), Some(ids[4]));
        ring.step(Action::Left);
        assert_eq!(ring.current(), Some(ids[3]));
        ring.step(Action::Left);
        assert_eq!(
            ring.current(),
            Some(ids[3]),
            "no control further left: stays"
        );
        ring.step(Action::Up);
        assert_eq!(ring.current(), Some(ids[0]));
    }

    #[test]
    fn modal_layer_keeps_focus_inside() {
        let mut ring = FocusRing::default();
        let (a, b, modal) = (egui::Id::new("a"), egui::Id::new("b"), egui::Id::new("m"));
        ring.register(a, rect(0.0, 0.0));
        ring.register(b, rect(200.0, 0.0));
        ring.push_layer();
        ring.register(modal, rect(100.0, 300.0));
        ring.pop_layer();
        ring.end_frame();
        assert_eq!(ring.current(), Some(modal));
        ring.step(Action::Up);
        assert_eq!(ring.current(), Some(modal));
    }
}
