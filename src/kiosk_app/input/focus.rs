//! The focus highlight that gamepad and keyboard visitors move between controls.
//!
//! egui is immediate-mode: each frame, every control a screen draws registers its place
//! here. Direction actions pick the nearest control in that direction among last frame's
//! controls; Select marks the focused one activated for this frame's drawing.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::kiosk_app::input::actions::{Action, LastInput, SwitchHold};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FocusRing>()
        .add_systems(Update, apply_actions);
}

/// Controls on screen, which one has the focus, and whether it was just activated.
/// One control on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    /// egui's id of the control.
    pub id: egui::Id,
    /// Where it is, in screen points.
    pub rect: egui::Rect,
    /// 0 for the screen, higher for dialogs above it.
    pub layer: u8,
    /// What it says, for voicing and for tests that look for it.
    pub label: String,
    /// The part of it on screen (scrolled content may be partly or wholly out of view).
    pub visible: egui::Rect,
    /// Left and right change its value (a slider) instead of moving the focus.
    pub adjustable: bool,
}

/// The controls drawn this frame and last, and which one has the focus.
#[derive(Resource, Debug, Default)]
pub struct FocusRing {
    current: Option<egui::Id>,
    /// Controls drawn, in drawing (reading) order, with their layer: between frames, those
    /// of the last finished frame, which navigation uses.
    drawn: Vec<Control>,
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
    wanted: Option<String>,
    /// Left / right presses on the focused adjustable control, not yet applied.
    adjust: i32,
    /// Top layer of the last finished frame, and the focus below it when a dialog opened:
    /// closing the dialog gives the focus back where it was.
    last_top: u8,
    below: Option<egui::Id>,
    /// One-button use: which part of a focused slider the highlight is on.
    scan_part: ScanPart,
    /// One-button use: how far the hold that chooses has come (0 to 1), while held.
    hold_progress: Option<f32>,
    /// The control last chosen by Select (or moved by one-button use), kept after the
    /// frame: voicing confirms it, tests check that choosing reached it.
    last_chosen: Option<egui::Id>,
}

/// In one-button use a slider is visited twice: once to lower it, once to raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScanPart {
    /// The whole control (anything but a slider).
    #[default]
    Whole,
    /// A slider's lower half: choosing moves it one step down.
    Lower,
    /// A slider's upper half: choosing moves it one step up.
    Raise,
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
        self.adjust = 0;
        let top = self.drawn.iter().map(|d| d.layer).max().unwrap_or(0);
        if top < self.last_top
            && let Some(below) = self.below.take()
        {
            self.current = Some(below);
            self.moved = true;
        }
        self.last_top = top;
        let still_there = self
            .drawn
            .iter()
            .any(|d| Some(d.id) == self.current && d.layer == top);
        if !still_there {
            self.current = self.drawn.iter().find(|d| d.layer == top).map(|d| d.id);
            self.moved = true;
        }
    }

    /// Controls drawn after this belong to a modal layer above the screen.
    pub fn push_layer(&mut self) {
        self.layer += 1;
        // A dialog opens: remember the focus below it, before its controls take it.
        if self.layer > self.last_top && self.below.is_none() {
            self.below = self.current;
        }
    }

    /// Controls drawn after this belong to the layer below again.
    pub fn pop_layer(&mut self) {
        self.layer = self.layer.saturating_sub(1);
    }

    /// Records a control. Returns (has focus, was activated by Select this frame).
    pub fn register(&mut self, id: egui::Id, rect: egui::Rect, label: &str) -> (bool, bool) {
        self.drawn.push(Control {
            id,
            rect,
            layer: self.layer,
            label: label.to_owned(),
            visible: rect,
            adjustable: false,
        });
        let focused = self.current == Some(id);
        (focused, focused && self.activated == Some(id))
    }

    /// Records a control that left / right adjust while it has the focus (a slider).
    /// Returns (has focus, presses to apply: negative for left).
    pub fn register_adjustable(
        &mut self,
        id: egui::Id,
        rect: egui::Rect,
        label: &str,
    ) -> (bool, i32) {
        let (focused, _) = self.register(id, rect, label);
        if let Some(c) = self.drawn.last_mut() {
            c.adjustable = true;
        }
        if focused {
            (true, std::mem::take(&mut self.adjust))
        } else {
            (false, 0)
        }
    }

    /// Whether the focused control (as last drawn) takes left / right itself.
    fn focus_adjusts(&self) -> bool {
        self.drawn
            .iter()
            .any(|c| Some(c.id) == self.current && c.adjustable)
    }

    /// Limits the part of the control just registered that is on screen to `clip`.
    pub fn clip_last(&mut self, clip: egui::Rect) {
        if let Some(c) = self.drawn.last_mut() {
            c.visible = c.rect.intersect(clip);
        }
    }

    /// Records a control that can be asked for by `key` (see [`FocusRing::want`]).
    pub fn register_keyed(
        &mut self,
        id: egui::Id,
        rect: egui::Rect,
        key: &str,
        label: &str,
    ) -> (bool, bool) {
        if self.wanted.as_deref() == Some(key) {
            self.wanted = None;
            self.current = Some(id);
            self.moved = true;
        }
        self.register(id, rect, label)
    }

    /// The control registered with `key` takes the focus when next drawn.
    pub fn want(&mut self, key: impl Into<String>) {
        self.wanted = Some(key.into());
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

    /// Controls of the last finished frame, in reading order (top layer last).
    pub fn controls(&self) -> &[Control] {
        &self.drawn
    }

    /// Controls of the topmost layer: the ones a visitor can reach now.
    pub fn reachable(&self) -> impl Iterator<Item = &Control> {
        let top = self.drawn.iter().map(|c| c.layer).max();
        self.drawn.iter().filter(move |c| Some(c.layer) == top)
    }

    /// What the focused control says.
    pub fn focused_label(&self) -> Option<&str> {
        self.drawn
            .iter()
            .find(|c| Some(c.id) == self.current)
            .map(|c| c.label.as_str())
    }

    /// Forgets everything (a new visit starts with nothing focused).
    pub fn reset(&mut self) {
        *self = FocusRing::default();
    }

    /// The control last chosen with a gamepad, keys or the one button.
    pub fn last_chosen(&self) -> Option<egui::Id> {
        self.last_chosen
    }

    /// One-button use: the part of the focused slider the highlight is on.
    pub fn scan_part(&self) -> ScanPart {
        self.scan_part
    }

    /// One-button use: the share of the choosing hold done, while the switch is held.
    pub fn hold_progress(&self) -> Option<f32> {
        self.hold_progress
    }

    /// Controls of the top layer in the order one-button use visits them: the order they
    /// are drawn in, except that controls side by side on one line go left to right
    /// (a bar laid out from its right end is drawn right to left).
    pub fn scan_order(&self) -> Vec<&Control> {
        let mut order: Vec<&Control> = self.reachable().collect();
        let mut start = 0;
        while start < order.len() {
            let y = order[start].rect.center().y;
            let end = order[start..]
                .iter()
                .position(|c| (c.rect.center().y - y).abs() > 4.0)
                .map_or(order.len(), |n| start + n);
            order[start..end].sort_by(|a, b| a.rect.left().total_cmp(&b.rect.left()));
            start = end;
        }
        order
    }

    /// One-button use: the next stop after the focused one, wrapping at the end. A
    /// slider is two stops (lower, then raise).
    pub fn scan_next(&mut self) {
        let order = self.scan_order();
        let here = order.iter().position(|c| Some(c.id) == self.current);
        let (next, part) = match here.map(|i| (i, order[i].adjustable)) {
            Some((i, true)) if self.scan_part == ScanPart::Whole => (Some(i), ScanPart::Lower),
            Some((i, true)) if self.scan_part == ScanPart::Lower => (Some(i), ScanPart::Raise),
            Some((i, _)) => (Some((i + 1) % order.len()), ScanPart::Lower),
            None => (order.first().map(|_| 0), ScanPart::Lower),
        };
        let Some(next) = next else { return };
        let control = order[next];
        let (id, adjustable) = (control.id, control.adjustable);
        self.scan_part = if adjustable { part } else { ScanPart::Whole };
        self.current = Some(id);
        self.moved = true;
    }

    /// Moves the focus one step in `dir` among last frame's controls of the top layer.
    pub fn step(&mut self, dir: Action) {
        let top = self.drawn.iter().map(|d| d.layer).max();
        let candidates: Vec<&Control> =
            self.drawn.iter().filter(|d| Some(d.layer) == top).collect();
        let Some(from) = candidates.iter().find(|d| Some(d.id) == self.current) else {
            self.current = candidates.first().map(|d| d.id);
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
        let origin = from.rect;
        let best = candidates
            .iter()
            .filter(|d| d.id != from.id)
            .filter_map(|d| {
                // Distance along the direction between facing edges, and sideways offset
                // between centres: the nearest control roughly in line wins.
                let along = if dx != 0.0 {
                    if dx > 0.0 {
                        d.rect.left() - origin.right()
                    } else {
                        origin.left() - d.rect.right()
                    }
                } else if dy > 0.0 {
                    d.rect.top() - origin.bottom()
                } else {
                    origin.top() - d.rect.bottom()
                };
                let centre_delta = d.rect.center() - origin.center();
                if centre_delta.dot(dir) <= 0.5 || along < -origin.size().dot(dir.abs()) * 0.5 {
                    return None;
                }
                let side = (centre_delta - dir * centre_delta.dot(dir)).length();
                Some((along.max(0.0) + 2.0 * side, d.id))
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
    hold: Res<SwitchHold>,
    mut ring: ResMut<FocusRing>,
) {
    let was_visible = ring.visible;
    if last.this_frame {
        ring.visible = last.device.is_some_and(|d| d.uses_focus());
    }
    ring.hold_progress = hold.progress;
    for action in actions.read() {
        let part = ring.scan_part;
        let on_slider = ring.focus_adjusts() && part != ScanPart::Whole;
        match action {
            // One-button use on a slider: choosing its lower or upper half moves it.
            Action::Select | Action::ScanRepeat if was_visible && on_slider => {
                ring.adjust += if part == ScanPart::Lower { -1 } else { 1 };
                ring.last_chosen = ring.current;
            }
            Action::ScanRepeat => {}
            Action::ScanNext => {
                if was_visible {
                    ring.scan_next();
                }
            }
            Action::Left | Action::Right if was_visible && ring.focus_adjusts() => {
                ring.adjust += if *action == Action::Left { -1 } else { 1 };
            }
            Action::Up | Action::Down | Action::Left | Action::Right => {
                // The first press after touching only reveals where the focus is.
                if was_visible {
                    ring.scan_part = ScanPart::Whole;
                    ring.step(*action);
                }
            }
            Action::Select => {
                if was_visible {
                    ring.activated = ring.current;
                    ring.last_chosen = ring.current;
                }
            }
            Action::Back | Action::Home | Action::Settings => {}
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
        let ids: Vec<egui::Id> = (0..6).map(egui::Id::new).collect();
        let mut ring = FocusRing::default();
        for (i, id) in ids.iter().enumerate() {
            ring.register(
                *id,
                rect((i % 3) as f32 * 150.0, (i / 3) as f32 * 120.0),
                "x",
            );
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
        ring.register(a, rect(0.0, 0.0), "a");
        ring.register(b, rect(200.0, 0.0), "b");
        ring.push_layer();
        ring.register(modal, rect(100.0, 300.0), "m");
        ring.pop_layer();
        ring.end_frame();
        assert_eq!(ring.current(), Some(modal));
        ring.step(Action::Up);
        assert_eq!(ring.current(), Some(modal));
    }

    #[test]
    fn closing_a_dialog_gives_the_focus_back() {
        let mut ring = FocusRing::default();
        let (a, b, modal) = (egui::Id::new("a"), egui::Id::new("b"), egui::Id::new("m"));
        let frame = |ring: &mut FocusRing, with_modal: bool| {
            ring.begin_frame();
            ring.register(a, rect(0.0, 0.0), "a");
            ring.register(b, rect(200.0, 0.0), "b");
            if with_modal {
                ring.push_layer();
                ring.register(modal, rect(100.0, 300.0), "m");
                ring.pop_layer();
            }
            ring.end_frame();
        };
        frame(&mut ring, false);
        ring.step(Action::Right);
        assert_eq!(ring.current(), Some(b));
        frame(&mut ring, true);
        assert_eq!(ring.current(), Some(modal));
        frame(&mut ring, false);
        assert_eq!(
            ring.current(),
            Some(b),
            "back on the control focused before the dialog"
        );
    }
}
