//! The Bevy layer: windows, input, screens. It presents the pure modules (the exhibit
//! format, each scene's run, the idle clock) and holds no rules of its own beyond what a
//! screen shows and when.
//!
//! Grouped by concern; parents only compose, each leaf module is one plugin:
//! [`core`] (content, clock, screen and pop-up state, visit, visitor settings, pictures), [`input`] (raw input → actions,
//! focus), [`ui`] (theme, widgets), [`screens`] (attract, hub, exhibit, closed),
//! [`scenes`] (quiz, demonstration, animation), [`accessibility`] (visitor settings,
//! voicing), [`unattended`] (idle reset, opening hours, watchdog, status, content updates,
//! admin, power), [`usage`] (what visitors do → usage log events), [`tools`] (preview,
//! snapshot).

pub mod accessibility;
pub mod core;
pub mod input;
pub mod scenes;
pub mod screens;
pub mod tools;
pub mod ui;
pub mod unattended;
pub mod usage;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PresentMode, WindowMode, WindowResolution};
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

pub use self::core::content::Content;

/// What all kiosk modes share: the core, input, look, screens and scenes, the visitor's
/// settings and running unattended.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        core::plugin,
        ui::plugin,
        input::plugin,
        screens::plugin,
        scenes::plugin,
        accessibility::plugin,
        unattended::plugin,
        usage::plugin,
    ));
}

/// How the window is opened.
#[derive(Debug, Clone)]
pub struct WindowOptions {
    /// Full-screen borderless (kiosk) or a normal window.
    pub fullscreen: bool,
    /// Window size in pixels when not full-screen.
    pub size: (u32, u32),
    /// Window title.
    pub title: String,
}

impl Default for WindowOptions {
    fn default() -> Self {
        WindowOptions {
            fullscreen: true,
            size: (1920, 1080),
            title: "Exhibit kiosk".into(),
        }
    }
}

/// An App with a real window and renderer, the kiosk plugins and `content`.
/// Callers add their mode's plugin (preview, snapshot) and run it.
pub fn windowed_app(content: Content, window: &WindowOptions) -> App {
    let mode = if window.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Primary)
    } else {
        WindowMode::Windowed
    };
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: window.title.clone(),
                    mode,
                    decorations: !window.fullscreen,
                    // Full-screen takes the monitor's size; `fullscreen` corrects it where the
                    // display server does not.
                    resolution: if window.fullscreen {
                        WindowResolution::default()
                    } else {
                        WindowResolution::new(window.size.0, window.size.1)
                    },
                    present_mode: PresentMode::AutoVsync,
                    ..default()
                }),
                // Full-screen on the floor, a close request (Alt+F4 from a window
                // manager) is not a way out for visitors; windowed (designers) it is.
                close_when_requested: !window.fullscreen,
                ..default()
            })
            // Exhibit media are read by the kiosk itself (and checked by the validator);
            // Bevy's asset folder holds only the kiosk's own files.
            .set(AssetPlugin {
                file_path: "assets".into(),
                ..default()
            }),
    )
    // Nothing moves on a static screen, so nothing is redrawn: `power` shortens the wait
    // only while something animates.
    .insert_resource(WinitSettings::desktop_app())
    .add_plugins(EguiPlugin::default())
    .insert_resource(content)
    .insert_resource(core::clock::WallClock(std::time::Instant::now()))
    .add_plugins((plugin, unattended::windowed_plugin));
    // Under systemd (`Type=notify`): readiness and watchdog pings from the frame loop.
    if let Some(watchdog) = unattended::watchdog::Watchdog::from_environment() {
        app.insert_resource(watchdog);
    }
    app
}

/// An App with no window system and no GPU, for tests and tools: the same kiosk plugins,
/// a 1920×1080 primary window entity and a camera covering it. Input is given by writing
/// Bevy's raw input messages (touch, keyboard, gamepad) and calling `update()`.
pub fn headless_app(content: Content) -> App {
    use bevy::input::InputPlugin;
    use bevy::state::app::StatesPlugin;

    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        WindowPlugin {
            primary_window: Some(Window {
                resolution: WindowResolution::new(1920, 1080),
                ..default()
            }),
            ..default()
        },
        InputPlugin,
        StatesPlugin,
        AssetPlugin::default(),
    ))
    // What the renderer would otherwise register: egui's textures and shader are assets.
    .init_asset::<Image>()
    .init_asset::<bevy::shader::Shader>()
    .add_plugins(EguiPlugin::default())
    .insert_resource(content)
    .add_plugins(plugin)
    .add_systems(PostStartup, give_camera_the_window_size);
    app
}

/// Without a renderer nobody computes the camera's target size; egui needs it for its
/// screen rectangle.
fn give_camera_the_window_size(mut cameras: Query<&mut Camera>, window: Query<&Window>) {
    let size = window
        .iter()
        .next()
        .map(|w| UVec2::new(w.physical_width(), w.physical_height()))
        .unwrap_or(UVec2::new(1920, 1080));
    for mut camera in &mut cameras {
        camera.viewport = Some(bevy::camera::Viewport {
            physical_position: UVec2::ZERO,
            physical_size: size,
            ..default()
        });
    }
}
