//! The Bevy layer: windows, input, screens. It presents the pure modules (catalog, quiz,
//! idle) and holds no rules of its own beyond what a screen shows and when.
//!
//! Parents only compose: each child module is one plugin.

pub mod admin;
pub mod clock;
pub mod content;
pub mod content_updates;
pub mod focus;
pub mod fullscreen;
pub mod idle;
pub mod images;
pub mod input;
pub mod narration;
pub mod opening_hours;
pub mod power;
pub mod preview;
pub mod scenes;
pub mod screens;
pub mod snapshot;
pub mod status;
pub mod stop_signal;
pub mod theme;
pub mod usage;
pub mod visit;
pub mod visitor_settings;
pub mod voicing;
pub mod watchdog;
pub mod widgets;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PresentMode, WindowMode, WindowResolution};
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

pub use content::Content;

/// What all kiosk modes share: input, screens, visit, idle reset, theme.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        clock::plugin,
        content::plugin,
        theme::plugin,
        input::plugin,
        focus::plugin,
        visit::plugin,
        screens::plugin,
        idle::plugin,
        images::plugin,
        usage::plugin,
        scenes::plugin,
        narration::plugin,
    ))
    // Accessibility: the visitor's own settings.
    .add_plugins((visitor_settings::plugin, voicing::plugin))
    // Running unattended: opening hours, systemd, health, content updates.
    .add_plugins((
        opening_hours::plugin,
        watchdog::plugin,
        status::plugin,
        content_updates::plugin,
        admin::plugin,
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
    .insert_resource(clock::WallClock(std::time::Instant::now()))
    .add_plugins((plugin, power::plugin, fullscreen::plugin));
    // Under systemd (`Type=notify`): readiness and watchdog pings from the frame loop.
    if let Some(watchdog) = watchdog::Watchdog::from_environment() {
        app.insert_resource(watchdog);
    }
    app
}

/// Sets up the one camera egui draws through.
pub(crate) fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Kiosk camera"), Camera2d));
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
