//! Demonstrations driven as visitors drive them: a finger on a slider and on the bob, the
//! pause button, and a gamepad nudging a slider; each checked against the model.

use bevy::prelude::*;
use exhibit_format::exhibit::{Demonstration, SceneKind};
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::visit::{SceneState, Visit};

use crate::support::{Kiosk, bundled_content};

/// Reads the running demonstration: its model, parameter values, time.
fn with_demo<R>(
    k: &Kiosk,
    f: impl FnOnce(&Demonstration, &kiosk::kiosk_app::scenes::demonstration_run::DemoRun) -> R,
) -> R {
    let content = bundled_content();
    let visit = k.resource::<Visit>();
    let ex = &content.exhibits[visit.exhibit.expect("an exhibit is open")].exhibit;
    let SceneKind::Demonstration(demo) = &ex.scenes[visit.scene].kind else {
        panic!("scene {} is not a demonstration", visit.scene)
    };
    let Some(SceneState::Demo(run)) = &visit.scene_state else {
        panic!("no demonstration running")
    };
    f(demo, run)
}

fn param(k: &Kiosk, id: &str) -> f64 {
    with_demo(k, |demo, run| {
        let i = demo
            .parameters
            .iter()
            .position(|p| p.id == id)
            .expect("parameter");
        run.sim.param(i)
    })
}

fn open_pendulum_in_english() -> Kiosk {
    let mut k = Kiosk::new(bundled_content());
    k.tap("English");
    k.tap("The Pendulum's Beat");
    assert_eq!(k.screen(), Screen::Exhibit);
    k
}

#[test]
fn touch_visitor_pauses_moves_a_slider_and_drags_the_bob() {
    let mut k = open_pendulum_in_english();
    // It runs by itself: time passes with the frames.
    let t0 = with_demo(&k, |_, run| run.sim.t());
    k.frames(10);
    let t1 = with_demo(&k, |_, run| run.sim.t());
    assert!(
        (t1 - t0 - 0.5).abs() < 0.06,
        "10 frames of 50 ms ran {} s",
        t1 - t0
    );

    // Pause holds time still; Play lets it go on.
    k.tap("Pause");
    let held = with_demo(&k, |_, run| run.sim.t());
    k.frames(10);
    assert_eq!(with_demo(&k, |_, run| run.sim.t()), held, "paused");
    k.tap("Step");
    let stepped = with_demo(&k, |_, run| run.sim.t());
    assert!(
        (stepped - held - 1.0 / 30.0).abs() < 0.002,
        "Step moves one frame: {}",
        stepped - held
    );
    k.tap("Play");
    assert!(with_demo(&k, |_, run| run.sim.running()));

    // A finger drags the length slider to its right end: 2 m, and the period follows.
    let slider = k.rect_of("Length");
    k.drag(
        Vec2::new(slider.center().x, slider.bottom() - 30.0),
        Vec2::new(slider.right() + 40.0, slider.bottom() - 30.0),
    );
    assert_eq!(param(&k, "length"), 2.0);
    let period = with_demo(&k, |demo, run| {
        let i = demo.derived.iter().position(|d| d.id == "period").unwrap();
        run.sim.derived(i)
    });
    assert!((period - 2.0 * std::f64::consts::PI * (2.0f64 / 9.8).sqrt()).abs() < 1e-9);
    assert!(
        k.labels().iter().any(|l| l == "Length 2.00 m"),
        "the slider says so: {:?}",
        k.labels()
    );

    // The bob, dragged to 30° right of straight down (2 m from the pivot), sets the
    // starting angle; letting go starts the swing from there.
    let (bob_shape, bob, pivot, scale) = with_demo(&k, |demo, run| {
        let shape = demo
            .shapes
            .iter()
            .position(|s| matches!(s, simulation::Shape::Circle { drag, .. } if !drag.is_empty()))
            .unwrap();
        let (origin, size) = run.canvas.expect("the canvas was drawn");
        let tf = simulation::draw::Transform::new(&demo.view, size[0], size[1]);
        let p = tf.to_screen(0.0, 0.0);
        (
            shape,
            run.handle_on_screen(shape).unwrap(),
            Vec2::new(origin[0] + p[0], origin[1] + p[1]),
            tf.scale as f32,
        )
    });
    let _ = bob_shape;
    let angle = 30f32.to_radians();
    let target = pivot + Vec2::new(angle.sin(), angle.cos()) * 2.0 * scale;
    k.drag(Vec2::new(bob[0], bob[1]), target);
    let amplitude = param(&k, "amplitude");
    assert!(
        (amplitude - 30.0).abs() <= 1.0,
        "starting angle {amplitude}"
    );
    with_demo(&k, |_, run| {
        assert!(run.sim.running(), "runs again after letting go");
        assert!(run.sim.t() < 0.3, "from the new start: t = {}", run.sim.t());
        assert!(!run.dragging());
    });
}

#[test]
fn gamepad_visitor_nudges_a_slider_and_toggles_pause() {
    let mut k = open_pendulum_in_english();
    // The gamepad's first press shows the focus: on Play / Pause, the scene's main control.
    k.press(GamepadButton::DPadDown);
    assert_eq!(k.focused().as_deref(), Some("Pause"));
    k.press(GamepadButton::South);
    assert!(
        !with_demo(&k, |_, run| run.sim.running()),
        "South on Pause pauses"
    );

    // Over to the controls column and up to the length slider.
    let mut path = Vec::new();
    for _ in 0..12 {
        let f = k.focused().unwrap_or_default();
        if f.starts_with("Length") {
            break;
        }
        let b = if path.len() < 3 {
            GamepadButton::DPadRight
        } else {
            GamepadButton::DPadUp
        };
        k.press(b);
        path.push(k.focused().unwrap_or_default());
    }
    assert!(
        k.focused().unwrap_or_default().starts_with("Length"),
        "focus went {path:?}"
    );
    // Left and right now change the value a step at a time, and the focus stays.
    k.press(GamepadButton::DPadRight);
    assert_eq!(param(&k, "length"), 1.05);
    k.press(GamepadButton::DPadLeft);
    k.press(GamepadButton::DPadLeft);
    assert_eq!(param(&k, "length"), 0.95);
    assert!(k.focused().unwrap_or_default().starts_with("Length"));
    // Down leaves the slider as usual.
    k.press(GamepadButton::DPadDown);
    assert!(
        k.focused()
            .unwrap_or_default()
            .starts_with("Starting angle"),
        "{:?}",
        k.focused()
    );
}

#[test]
fn slow_frames_run_the_simulation_in_real_time_and_a_stall_is_skipped() {
    use std::time::Duration;

    use bevy::time::TimeUpdateStrategy;

    let mut k = open_pendulum_in_english();
    // 300 ms a frame: each frame is caught up in the model's fixed steps.
    k.app
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            300,
        )));
    k.frames(1);
    let t0 = with_demo(&k, |_, run| run.sim.t());
    k.frames(10);
    let t1 = with_demo(&k, |_, run| run.sim.t());
    assert!(
        (t1 - t0 - 3.0).abs() < 0.02,
        "10 frames of 300 ms ran {} s",
        t1 - t0
    );
    // A 5 s stall (a suspend) is not run through.
    k.app
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(5)));
    k.frames(1);
    let t2 = with_demo(&k, |_, run| run.sim.t());
    assert!((t2 - t1).abs() < 1e-9, "a stall ran {} s", t2 - t1);
}
