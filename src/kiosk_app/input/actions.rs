//! The one place raw input is read. Keys, gamepad buttons, sticks, touches and the mouse
//! become the kiosk's own [`Action`]s and an activity record; nothing else looks at raw
//! input (egui reads pointer and touch positions itself to know what was tapped).

use bevy::input::InputSystems;
use bevy::input::mouse::MouseWheel;
use bevy::prelude::*;
use bevy::window::{CursorMoved, CursorOptions, PrimaryWindow};
use bevy_egui::{EguiInput, EguiInputSet, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Action>()
        .add_message::<DesignerAction>()
        .add_message::<AdminGesture>()
        .init_resource::<LastInput>()
        .init_resource::<SwitchHold>()
        .add_systems(
            PreUpdate,
            (read_raw_input, show_pointer_for_mouse_only, admin_gesture)
                .chain()
                .after(InputSystems),
        )
        .add_systems(PreUpdate, log_gamepads.after(InputSystems))
        .add_systems(
            PreUpdate,
            pointer_only_for_egui
                .after(EguiInputSet::WriteEguiEvents)
                .before(EguiPreUpdateSet::BeginPass),
        );
}

/// What a visitor asked for, whatever the device.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the focus up.
    Up,
    /// Move the focus down.
    Down,
    /// Move the focus left (or lower a focused slider).
    Left,
    /// Move the focus right.
    Right,
    /// Activate the focused element (gamepad South, Enter, Space).
    Select,
    /// One step back (gamepad East, Escape, Backspace).
    Back,
    /// Back to the exhibit list (gamepad Start, Home key).
    Home,
    /// Open or close the visitor's settings (gamepad Y, F1).
    Settings,
    /// One-button use: a short press moves the highlight to the next control.
    ScanNext,
    /// One-button use: the button is still held after choosing (a focused slider keeps
    /// moving in the chosen direction).
    ScanRepeat,
}

/// Keys for exhibit designers in preview mode (ignored by the kiosk itself).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesignerAction {
    /// Page Down: the next scene.
    NextScene,
    /// Page Up: the previous scene.
    PreviousScene,
    /// F2: the next language.
    NextLanguage,
    /// F5: read the exhibit again now.
    Reload,
}

/// A technician's hidden gesture for the admin overlay: a finger (or the mouse) held in
/// the top-left corner, or gamepad Select + Start held, for [`ADMIN_HOLD_S`] seconds.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminGesture;

/// How long the admin gesture is held.
pub const ADMIN_HOLD_S: f64 = 3.0;
/// Side of the top-left square the admin gesture is held in, logical pixels.
pub const ADMIN_CORNER: f32 = 90.0;

/// The kinds of device a visitor can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Device {
    /// A touch screen.
    Touch,
    /// A mouse or touch pad.
    Mouse,
    /// A keyboard (or a one-key switch that types).
    Keyboard,
    /// A gamepad.
    Gamepad,
}

impl Device {
    /// Name used in logs and reports.
    pub fn name(self) -> &'static str {
        match self {
            Device::Touch => "touch",
            Device::Mouse => "mouse",
            Device::Keyboard => "keyboard",
            Device::Gamepad => "gamepad",
        }
    }

    /// Devices that move a focus highlight instead of pointing.
    pub fn uses_focus(self) -> bool {
        matches!(self, Device::Keyboard | Device::Gamepad)
    }
}

/// The most recent input of any kind.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct LastInput {
    /// The device last used; `None` before anyone touched anything.
    pub device: Option<Device>,
    /// When (seconds of `Time` since start).
    pub at: f64,
    /// Whether there was any input this frame.
    pub this_frame: bool,
    /// Whether a finger or mouse button is down now.
    pub pointer_down: bool,
    /// Whether gamepad Select is held: the first half of the technicians' Select + Start
    /// gesture, so a press of Start then must not start a visit.
    pub select_held: bool,
}

/// One-button use: how far into a hold the switch is (the highlight shows it filling).
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct SwitchHold {
    /// When the press began (seconds of [`crate::kiosk_app::core::clock::Now`]), while it is held.
    pub since: Option<f64>,
    /// The hold has chosen already.
    pub fired: bool,
    /// Share of the hold time done, 0 to 1, while a press that has not chosen yet is held.
    pub progress: Option<f32>,
    next_repeat: f64,
    /// What was on screen when the press began: a press that started a visit or
    /// dismissed a dialog does nothing more, held or let go.
    context: u64,
}

/// After a hold has chosen, a slider keeps moving every this many seconds.
const SWITCH_REPEAT: f64 = 0.4;

/// Stick deflection that counts as a push.
const STICK_PUSH: f32 = 0.6;
/// A held stick repeats after this long, then every `STICK_REPEAT` seconds.
const STICK_DELAY: f64 = 0.45;
const STICK_REPEAT: f64 = 0.18;
/// Pointer motion this soon after a touch is the touch's own echo, not a mouse.
const TOUCH_ECHO: f64 = 0.5;

#[derive(Default)]
struct StickRepeat {
    dir: Option<Action>,
    next_at: f64,
}

/// What one-button use needs besides raw input: the settings, the hold time, the hold,
/// a way to keep the loop turning, and what is on screen.
type SwitchInputs<'w> = (
    Option<Res<'w, crate::kiosk_app::core::settings::VisitorSettings>>,
    Res<'w, crate::kiosk_app::core::content::Content>,
    ResMut<'w, SwitchHold>,
    MessageWriter<'w, bevy::window::RequestRedraw>,
    Option<Res<'w, State<crate::kiosk_app::core::screen::Screen>>>,
    Res<'w, crate::kiosk_app::core::overlay::Overlay>,
);

#[allow(clippy::too_many_arguments)]
fn read_raw_input(
    now: Res<crate::kiosk_app::core::clock::Now>,
    keys: Res<ButtonInput<KeyCode>>,
    mouse_buttons: Res<ButtonInput<MouseButton>>,
    touches: Res<Touches>,
    gamepads: Query<(Entity, &Gamepad)>,
    mut cursor: MessageReader<CursorMoved>,
    mut wheel: MessageReader<MouseWheel>,
    mut last: ResMut<LastInput>,
    mut actions: MessageWriter<Action>,
    mut designer: MessageWriter<DesignerAction>,
    mut sticks: Local<std::collections::HashMap<Entity, StickRepeat>>,
    switch: SwitchInputs<'_>,
) {
    let now = now.0;
    let (settings, content, mut hold, mut redraw, screen, overlay) = switch;
    last.select_held = gamepads
        .iter()
        .any(|(_, p)| p.pressed(GamepadButton::Select));
    // Select + Start held is the technicians' gesture, never the visitor's switch.
    let chord = gamepads
        .iter()
        .any(|(_, p)| p.pressed(GamepadButton::Select) && p.pressed(GamepadButton::Start));
    if settings.is_some_and(|s| s.one_switch) && !chord {
        // One-button use: every key and button is the switch. Touch still works as ever.
        let touched = touches.iter().next().is_some() || touches.any_just_released();
        last.this_frame = false;
        last.pointer_down =
            touches.iter().next().is_some() || mouse_buttons.get_pressed().next().is_some();
        if touched {
            last.device = Some(Device::Touch);
            last.at = now;
            last.this_frame = true;
        }
        cursor.clear();
        wheel.clear();
        let key_down = keys.get_pressed().next().is_some();
        let pad_down = gamepads
            .iter()
            .any(|(_, p)| p.get_pressed().next().is_some());
        let pressed_now = keys.get_just_pressed().next().is_some()
            || gamepads
                .iter()
                .any(|(_, p)| p.get_just_pressed().next().is_some());
        let device = if pad_down
            || gamepads
                .iter()
                .any(|(_, p)| p.get_just_released().next().is_some())
        {
            Device::Gamepad
        } else {
            Device::Keyboard
        };
        // The screen and its dialogs, to tell when a press changed what is shown.
        let context = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            screen.as_ref().map(|s| *s.get()).hash(&mut h);
            overlay
                .is_up(crate::kiosk_app::core::overlay::Popup::StillThere)
                .hash(&mut h);
            h.finish()
        };
        let began_in = if pressed_now && hold.since.is_none() {
            context
        } else {
            hold.context
        };
        let mut step = one_switch(
            &mut hold,
            now,
            pressed_now,
            key_down || pad_down,
            content.config.switch_hold as f64,
        );
        if began_in != context {
            // This press already did its work (started a visit, said "still here"):
            // nothing more until it is let go.
            step = None;
            if hold.since.is_some() {
                hold.fired = true;
                hold.progress = None;
            }
        }
        if hold.since.is_some() {
            hold.context = began_in;
        }
        if let Some(action) = step {
            actions.write(action);
        }
        if pressed_now || step.is_some() {
            last.device = Some(device);
            last.at = now;
            last.this_frame = true;
        }
        if hold.since.is_some() {
            // Nothing else wakes the loop while a button is only held.
            redraw.write(bevy::window::RequestRedraw);
        }
        return;
    }
    *hold = SwitchHold::default();
    let used = |device: Device, last: &mut LastInput| {
        last.device = Some(device);
        last.at = now;
        last.this_frame = true;
    };
    last.this_frame = false;

    // A touch screen also sends pointer events for each touch; those echoes are not a mouse.
    let recent_touch = last.device == Some(Device::Touch) && now - last.at < TOUCH_ECHO;
    let touched = touches.iter().next().is_some() || touches.any_just_released();
    last.pointer_down =
        touches.iter().next().is_some() || mouse_buttons.get_pressed().next().is_some();
    if touched {
        used(Device::Touch, &mut last);
    }
    let pointer_moved = cursor.read().count() > 0;
    let wheeled = wheel.read().count() > 0;
    let clicked = mouse_buttons.get_just_pressed().next().is_some();
    if (pointer_moved || wheeled || clicked) && !touched && !recent_touch {
        used(Device::Mouse, &mut last);
    }

    for key in keys.get_just_pressed() {
        used(Device::Keyboard, &mut last);
        let action = match key {
            KeyCode::ArrowUp => Some(Action::Up),
            KeyCode::ArrowDown => Some(Action::Down),
            KeyCode::ArrowLeft => Some(Action::Left),
            KeyCode::ArrowRight => Some(Action::Right),
            KeyCode::Enter | KeyCode::NumpadEnter | KeyCode::Space => Some(Action::Select),
            KeyCode::Escape | KeyCode::Backspace => Some(Action::Back),
            KeyCode::Home => Some(Action::Home),
            KeyCode::F1 => Some(Action::Settings),
            _ => None,
        };
        actions.write_batch(action);
        let designer_action = match key {
            KeyCode::PageDown => Some(DesignerAction::NextScene),
            KeyCode::PageUp => Some(DesignerAction::PreviousScene),
            KeyCode::F2 => Some(DesignerAction::NextLanguage),
            KeyCode::F5 => Some(DesignerAction::Reload),
            _ => None,
        };
        if let Some(d) = designer_action {
            designer.write(d);
        }
    }

    for (entity, pad) in &gamepads {
        // Each pad repeats on its own: an idle second pad must not reset the first's hold.
        let stick = sticks.entry(entity).or_default();
        for button in pad.get_just_pressed() {
            used(Device::Gamepad, &mut last);
            let action = match button {
                GamepadButton::DPadUp => Some(Action::Up),
                GamepadButton::DPadDown => Some(Action::Down),
                GamepadButton::DPadLeft => Some(Action::Left),
                GamepadButton::DPadRight => Some(Action::Right),
                GamepadButton::South => Some(Action::Select),
                GamepadButton::East => Some(Action::Back),
                GamepadButton::Start => Some(Action::Home),
                GamepadButton::North => Some(Action::Settings),
                _ => None,
            };
            actions.write_batch(action);
        }
        let s = pad.left_stick();
        let dir = if s.length() < STICK_PUSH {
            None
        } else if s.x.abs() > s.y.abs() {
            Some(if s.x > 0.0 {
                Action::Right
            } else {
                Action::Left
            })
        } else {
            Some(if s.y > 0.0 { Action::Up } else { Action::Down })
        };
        match dir {
            Some(d) if stick.dir != Some(d) => {
                used(Device::Gamepad, &mut last);
                actions.write(d);
                *stick = StickRepeat {
                    dir: Some(d),
                    next_at: now + STICK_DELAY,
                };
            }
            Some(d) if now >= stick.next_at => {
                used(Device::Gamepad, &mut last);
                actions.write(d);
                stick.next_at = now + STICK_REPEAT;
            }
            Some(_) => used(Device::Gamepad, &mut last),
            None => stick.dir = None,
        }
    }
}

/// One-button use, one frame: a press shorter than `hold_s` moves on ([`Action::ScanNext`]
/// on release); holding it `hold_s` chooses ([`Action::Select`], at once, so the visitor
/// feels it happen); holding on repeats ([`Action::ScanRepeat`]).
fn one_switch(
    hold: &mut SwitchHold,
    now: f64,
    pressed_now: bool,
    down: bool,
    hold_s: f64,
) -> Option<Action> {
    if pressed_now && hold.since.is_none() {
        *hold = SwitchHold {
            since: Some(now),
            ..default()
        };
    }
    let since = hold.since?;
    if !down {
        let short = !hold.fired;
        *hold = SwitchHold::default();
        return short.then_some(Action::ScanNext);
    }
    if hold.fired {
        hold.progress = None;
        if now >= hold.next_repeat {
            hold.next_repeat = now + SWITCH_REPEAT;
            return Some(Action::ScanRepeat);
        }
        return None;
    }
    if now - since >= hold_s {
        hold.fired = true;
        hold.progress = None;
        hold.next_repeat = now + SWITCH_REPEAT;
        return Some(Action::Select);
    }
    hold.progress = Some(((now - since) / hold_s) as f32);
    None
}

/// Watches for the admin gesture. While one is being held the loop keeps drawing frames
/// (it would otherwise sleep, as nothing changes), so the hold is timed to the frame.
fn admin_gesture(
    now: Res<crate::kiosk_app::core::clock::Now>,
    touches: Res<Touches>,
    mouse_buttons: Res<ButtonInput<MouseButton>>,
    window: Query<&Window, With<PrimaryWindow>>,
    gamepads: Query<&Gamepad>,
    mut hold: Local<(Option<f64>, bool)>,
    mut out: (
        MessageWriter<AdminGesture>,
        MessageWriter<bevy::window::RequestRedraw>,
    ),
) {
    let (gesture, redraw) = &mut out;
    let in_corner = |p: Vec2| p.x <= ADMIN_CORNER && p.y <= ADMIN_CORNER;
    let finger = touches.iter().any(|t| in_corner(t.position()));
    let mouse = mouse_buttons.pressed(MouseButton::Left)
        && window
            .iter()
            .next()
            .and_then(Window::cursor_position)
            .is_some_and(in_corner);
    let chord = gamepads
        .iter()
        .any(|p| p.pressed(GamepadButton::Select) && p.pressed(GamepadButton::Start));
    // (when the hold began, whether it has fired)
    let (held_since, fired) = &mut *hold;
    if !(finger || mouse || chord) {
        *held_since = None;
        *fired = false;
        return;
    }
    let since = *held_since.get_or_insert(now.0);
    if *fired {
        return;
    }
    if now.0 - since >= ADMIN_HOLD_S {
        *fired = true;
        gesture.write(AdminGesture);
    } else {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// A gamepad plugged in or pulled out is said in the log; the kiosk goes on either way
/// (touch, mouse and keys keep working, and a pad plugged back in works at once).
fn log_gamepads(mut events: MessageReader<bevy::input::gamepad::GamepadConnectionEvent>) {
    use bevy::input::gamepad::GamepadConnection;
    for e in events.read() {
        match &e.connection {
            GamepadConnection::Connected { name, .. } => info!("gamepad connected: {name}"),
            GamepadConnection::Disconnected => {
                warn!("gamepad disconnected; touch, mouse and keys still work")
            }
        }
    }
}

/// The pointer is hidden while touch (or a gamepad or keys) is used, shown for a mouse.
fn show_pointer_for_mouse_only(
    last: Res<LastInput>,
    mut cursor: Query<&mut CursorOptions, With<PrimaryWindow>>,
) {
    if !last.this_frame {
        return;
    }
    let visible = last.device == Some(Device::Mouse);
    for mut c in &mut cursor {
        if c.visible != visible {
            c.visible = visible;
        }
    }
}

/// egui hears only pointers and touches: the kiosk moves its own focus with keys and
/// gamepads (an egui focus beside it would let Enter press two things at once, and the kiosk
/// has no text to type). Modifier keys are passed on only when they change: bevy_egui
/// reports them every frame, and egui takes any event as a reason to paint again, so the
/// kiosk would never sleep.
fn pointer_only_for_egui(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.events.retain(|e| match e {
            egui::Event::Key { .. }
            | egui::Event::Text(_)
            | egui::Event::Copy
            | egui::Event::Cut
            | egui::Event::Paste(_) => false,
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the switch through `(time, held)` samples and lists what it said.
    fn run(samples: &[(f64, bool)]) -> Vec<(f64, Action)> {
        let mut hold = SwitchHold::default();
        let mut down_before = false;
        let mut out = Vec::new();
        for &(t, down) in samples {
            let pressed_now = down && !down_before;
            down_before = down;
            if let Some(a) = one_switch(&mut hold, t, pressed_now, down, 0.8) {
                out.push((t, a));
            }
        }
        out
    }

    #[test]
    fn a_short_press_moves_on_when_let_go() {
        assert_eq!(
            run(&[(0.0, true), (0.3, true), (0.35, false)]),
            [(0.35, Action::ScanNext)]
        );
    }

    #[test]
    fn a_hold_chooses_at_the_hold_time_then_repeats() {
        let samples: Vec<(f64, bool)> = (0..=40)
            .map(|i| (i as f64 * 0.05, true))
            .chain([(2.05, false)])
            .collect();
        let said = run(&samples);
        assert_eq!(said[0].1, Action::Select);
        assert!((said[0].0 - 0.8).abs() < 1e-9, "{said:?}");
        let repeats: Vec<f64> = said[1..].iter().map(|(t, _)| *t).collect();
        assert!(said[1..].iter().all(|(_, a)| *a == Action::ScanRepeat));
        assert_eq!(repeats.len(), 3, "at 1.2, 1.6 and 2.0 s: {repeats:?}");
        assert!(
            !said.iter().any(|(_, a)| *a == Action::ScanNext),
            "letting go after choosing does not also move on"
        );
    }

    #[test]
    fn progress_fills_while_held() {
        let mut hold = SwitchHold::default();
        one_switch(&mut hold, 0.0, true, true, 0.8);
        one_switch(&mut hold, 0.4, false, true, 0.8);
        assert_eq!(hold.progress, Some(0.5));
        one_switch(&mut hold, 0.5, false, false, 0.8);
        assert_eq!(hold.progress, None);
    }
}
