//! A headless kiosk driven by raw Bevy input messages, as a visitor would drive it.

use std::path::Path;
use std::time::Duration;

use bevy::input::gamepad::{
    GamepadConnection, GamepadConnectionEvent, RawGamepadButtonChangedEvent, RawGamepadEvent,
};
use bevy::input::touch::{TouchInput, TouchPhase};
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use bevy::window::PrimaryWindow;
use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::input::focus::FocusRing;
use kiosk::kiosk_app::{Content, headless_app};

/// One frame of the fixed test clock.
const FRAME: Duration = Duration::from_millis(50);

/// The bundled content as `kiosk run kiosk.ron` shows it.
pub fn bundled_content() -> Content {
    let ui = UiStrings::builtin();
    let catalog = Catalog::load(Path::new("kiosk.ron"), &ui).expect("kiosk.ron is readable");
    Content::from_catalog(&catalog, ui)
}

/// A kiosk with no window or GPU.
pub struct Kiosk {
    pub app: App,
    window: Entity,
    gamepad: Option<Entity>,
    next_touch: u64,
}

impl Kiosk {
    pub fn new(content: Content) -> Self {
        Self::with(content, |_| {})
    }

    /// A kiosk with extra plugins (a mode such as preview).
    pub fn with(content: Content, extra: impl FnOnce(&mut App)) -> Self {
        let mut app = headless_app(content);
        extra(&mut app);
        app.insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
        for _ in 0..3 {
            app.update();
        }
        let window = app
            .world_mut()
            .query_filtered::<Entity, With<PrimaryWindow>>()
            .single(app.world())
            .expect("primary window");
        let mut k = Kiosk {
            app,
            window,
            gamepad: None,
            next_touch: 1,
        };
        k.frames(2);
        k
    }

    pub fn frames(&mut self, n: usize) {
        for _ in 0..n {
            self.app.update();
        }
    }

    /// Lets `secs` seconds pass in one step (nobody touching anything), then a frame.
    pub fn wait(&mut self, secs: f32) {
        self.app
            .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f32(
                secs,
            )));
        self.app.update();
        self.app
            .insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
        self.frames(2);
    }

    pub fn screen(&self) -> Screen {
        *self.app.world().resource::<State<Screen>>().get()
    }

    pub fn resource<R: Resource>(&self) -> &R {
        self.app.world().resource::<R>()
    }

    pub fn has<R: Resource>(&self) -> bool {
        self.app.world().contains_resource::<R>()
    }

    /// Labels of the controls a visitor can reach now (the topmost layer).
    pub fn labels(&self) -> Vec<String> {
        self.resource::<FocusRing>()
            .reachable()
            .map(|c| c.label.clone())
            .collect()
    }

    pub fn focused(&self) -> Option<String> {
        self.resource::<FocusRing>()
            .focused_label()
            .map(str::to_owned)
    }

    /// A finger down and up on the centre of the control labelled `label`.
    pub fn tap(&mut self, label: &str) {
        let rect = self
            .resource::<FocusRing>()
            .reachable()
            .find(|c| c.label == label)
            .map(|c| c.visible)
            .unwrap_or_else(|| {
                panic!(
                    "no control `{label}` on screen; there are: {:?}",
                    self.labels()
                )
            });
        assert!(
            rect.width() > 0.0 && rect.height() > 0.0,
            "`{label}` is out of view; scroll first"
        );
        let c = rect.center();
        self.tap_at(Vec2::new(c.x, c.y));
    }

    /// Where the reachable control whose label starts with `prefix` is.
    pub fn rect_of(&self, prefix: &str) -> bevy_egui::egui::Rect {
        self.resource::<FocusRing>()
            .reachable()
            .find(|c| c.label.starts_with(prefix))
            .map(|c| c.visible)
            .unwrap_or_else(|| panic!("no control `{prefix}…`; there are: {:?}", self.labels()))
    }

    /// Whether the control labelled `label` is at least partly on screen.
    pub fn in_view(&self, label: &str) -> bool {
        self.resource::<FocusRing>()
            .reachable()
            .any(|c| c.label == label && c.visible.height() > 10.0)
    }

    /// A finger dragging the screen content up by `dy` points at `x`, `y`.
    pub fn drag_up(&mut self, x: f32, y: f32, dy: f32) {
        self.drag(Vec2::new(x, y), Vec2::new(x, y - dy));
    }

    /// A finger put down at `from`, moved in steps to `to`, and lifted there.
    pub fn drag(&mut self, from: Vec2, to: Vec2) {
        let id = self.next_touch;
        self.next_touch += 1;
        let steps = 8;
        for i in 0..=steps {
            let phase = if i == 0 {
                TouchPhase::Started
            } else {
                TouchPhase::Moved
            };
            let position = from + (to - from) * i as f32 / steps as f32;
            self.app.world_mut().write_message(TouchInput {
                phase,
                position,
                window: self.window,
                force: None,
                id,
            });
            self.app.update();
        }
        let position = to;
        self.app.world_mut().write_message(TouchInput {
            phase: TouchPhase::Ended,
            position,
            window: self.window,
            force: None,
            id,
        });
        self.frames(3);
    }

    pub fn tap_at(&mut self, position: Vec2) {
        let id = self.next_touch;
        self.next_touch += 1;
        for phase in [TouchPhase::Started, TouchPhase::Ended] {
            self.app.world_mut().write_message(TouchInput {
                phase,
                position,
                window: self.window,
                force: None,
                id,
            });
            self.app.update();
        }
        self.frames(2);
    }

    fn pad(&mut self) -> Entity {
        if let Some(p) = self.gamepad {
            return p;
        }
        let pad = self.app.world_mut().spawn_empty().id();
        let connected = GamepadConnection::Connected {
            name: "Test pad".into(),
            vendor_id: None,
            product_id: None,
        };
        self.app
            .world_mut()
            .write_message(GamepadConnectionEvent::new(pad, connected));
        self.app.update();
        self.gamepad = Some(pad);
        pad
    }

    /// A key pressed and released.
    pub fn key(&mut self, code: KeyCode) {
        use bevy::input::ButtonState;
        use bevy::input::keyboard::{Key, KeyboardInput};
        for state in [ButtonState::Pressed, ButtonState::Released] {
            let input = KeyboardInput {
                key_code: code,
                logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
                state,
                text: None,
                repeat: false,
                window: self.window,
            };
            self.app.world_mut().write_message(input);
            self.app.update();
        }
        self.frames(2);
    }

    /// A key pressed (`true`) or let go, then one frame.
    pub fn key_state(&mut self, code: KeyCode, down: bool) {
        use bevy::input::ButtonState;
        use bevy::input::keyboard::{Key, KeyboardInput};
        let input = KeyboardInput {
            key_code: code,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state: if down {
                ButtonState::Pressed
            } else {
                ButtonState::Released
            },
            text: None,
            repeat: false,
            window: self.window,
        };
        self.app.world_mut().write_message(input);
        self.app.update();
    }

    /// One-button use: the switch (Space) held for `secs`, then let go.
    pub fn hold_key(&mut self, code: KeyCode, secs: f32) {
        self.key_state(code, true);
        let frames = (secs / FRAME.as_secs_f32()).ceil() as usize;
        self.frames(frames);
        self.key_state(code, false);
        self.frames(2);
    }

    /// The focused control's egui id.
    pub fn focused_id(&self) -> Option<bevy_egui::egui::Id> {
        self.resource::<FocusRing>().current()
    }

    /// A gamepad button pressed (`true`) or let go, then one frame.
    pub fn gamepad_state(&mut self, button: GamepadButton, down: bool) {
        let pad = self.pad();
        self.app.world_mut().write_message(RawGamepadEvent::Button(
            RawGamepadButtonChangedEvent::new(pad, button, if down { 1.0 } else { 0.0 }),
        ));
        self.app.update();
    }

    /// A gamepad button pressed and released.
    pub fn press(&mut self, button: GamepadButton) {
        let pad = self.pad();
        for value in [1.0, 0.0] {
            self.app.world_mut().write_message(RawGamepadEvent::Button(
                RawGamepadButtonChangedEvent::new(pad, button, value),
            ));
            self.app.update();
        }
        self.frames(2);
    }
}

/// Copies a folder tree (exhibits to change in a test without touching the bundled ones).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
