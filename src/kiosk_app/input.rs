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
}

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

#[allow(clippy::too_many_arguments)]
fn read_raw_input(
    now: Res<super::clock::Now>,
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
) {
    let now = now.0;
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

/// Watches for the admin gesture. While one is being held the loop keeps drawing frames
/// (it would otherwise sleep, as nothing changes), so the hold is timed to the frame.
fn admin_gesture(
    now: Res<super::clock::Now>,
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
