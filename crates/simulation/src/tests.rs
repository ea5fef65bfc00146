//! The science is right: textbook results, and the core's promises (fixed step,
//! determinism, pause, reset, drag, events, errors with places).

use super::*;
use crate::draw::{Prim, Transform, graph_lines};

fn demo(ron_text: &str) -> Demonstration<Words> {
    ron_options()
        .from_str(ron_text)
        .unwrap_or_else(|e| panic!("test model does not parse: {e}"))
}

fn sim(ron_text: &str) -> Simulation {
    let (model, _) = compile(&demo(ron_text)).unwrap_or_else(|e| panic!("{e:#?}"));
    Simulation::new(model)
}

fn pendulum(integrator: &str, amplitude_deg: f64, length: f64) -> String {
    format!(
        r##"(
        parameters: [
            (id: "length", label: {{"en": "Length"}}, unit: "m", min: 0.1, max: 10, default: {length}),
            (id: "amplitude", label: {{"en": "Amplitude"}}, unit: "°", min: 0, max: 179, step: 1, default: {amplitude_deg}),
            (id: "g", label: {{"en": "g"}}, control: Hidden, min: 0, max: 30, default: 9.81),
            (id: "mass", label: {{"en": "m"}}, control: Hidden, min: 0, max: 30, default: 1),
        ],
        state: [(id: "theta", initial: "amplitude * pi / 180"), (id: "omega", initial: "0")],
        equations: {{"theta": "omega", "omega": "-g / length * sin(theta)"}},
        derived: [
            (id: "x", expr: "length * sin(theta)"),
            (id: "y", expr: "0 - length * cos(theta)"),
            (id: "energy", expr: "mass * (0.5 * (length * omega)^2 + g * (y + length))", label: {{"en": "Energy"}}, unit: "J"),
        ],
        integrator: {integrator},
        step: 0.001,
        view: (width: 4, centre: (0, -1)),
        shapes: [
            Line(from: ("0", "0"), to: ("x", "y"), colour: "#cccccc"),
            Circle(centre: ("x", "y"), radius: "0.1", colour: "#ffb300",
                drag: {{"amplitude": "atan2(drag_x, 0 - drag_y) * 180 / pi"}}),
            Trail(point: ("x", "y"), seconds: 2, colour: "#ffb30080"),
        ],
        readouts: ["energy"],
        graph: (series: [(value: "theta", label: {{"en": "angle"}}, colour: "#ff0000")]),
    )"##
    )
}

/// Times at which `f` crosses zero going up, linearly interpolated between steps.
fn upward_crossings(
    sim: &mut Simulation,
    seconds: f64,
    f: impl Fn(&Simulation) -> f64,
) -> Vec<f64> {
    let mut out = Vec::new();
    let mut prev = (sim.t(), f(sim));
    let h = sim.model().step;
    for _ in 0..(seconds / h).round() as usize {
        sim.run_for(h);
        let now = (sim.t(), f(sim));
        if prev.1 < 0.0 && now.1 >= 0.0 {
            out.push(prev.0 + (now.0 - prev.0) * (-prev.1 / (now.1 - prev.1)));
        }
        prev = now;
    }
    out
}

/// The mean time between upward zero crossings of `f` over the next `seconds`: the period
/// of an oscillation, measured.
fn mean_period(sim: &mut Simulation, seconds: f64, f: impl Fn(&Simulation) -> f64) -> f64 {
    let ups = upward_crossings(sim, seconds, f);
    (ups[ups.len() - 1] - ups[0]) / (ups.len() - 1) as f64
}

#[test]
fn small_angle_pendulum_period_matches_two_pi_root_l_over_g() {
    for length in [0.5, 1.0, 2.5] {
        let mut s = sim(&pendulum("Rk4", 2.0, length));
        let period = mean_period(&mut s, 30.0, |s| s.state(0));
        let textbook = 2.0 * std::f64::consts::PI * (length / 9.81f64).sqrt();
        let err = (period / textbook - 1.0).abs();
        assert!(
            err < 0.005,
            "L={length}: period {period} vs {textbook} ({:.3} %)",
            err * 100.0
        );
    }
}

#[test]
fn large_amplitude_pendulum_is_slower_as_physics_says() {
    // Exact period T = 4 sqrt(L/g) K(sin(θ0/2)); for θ0 = 90° it is 1.18034 × 2π√(L/g).
    let mut s = sim(&pendulum("Rk4", 90.0, 1.0));
    let period = mean_period(&mut s, 30.0, |s| s.state(0));
    let ratio = period / (2.0 * std::f64::consts::PI * (1.0f64 / 9.81).sqrt());
    assert!((ratio - 1.18034).abs() < 0.001, "ratio {ratio}");
}

#[test]
fn undamped_pendulum_energy_stays_bounded_over_a_thousand_periods() {
    for integrator in ["Symplectic", "Rk4"] {
        let mut s = sim(&pendulum(integrator, 60.0, 1.0));
        let e0 = s.derived(2);
        let period = 2.0 * std::f64::consts::PI * (1.0f64 / 9.81).sqrt() * 1.073;
        let mut worst: f64 = 0.0;
        for _ in 0..1000 {
            s.run_for(period);
            worst = worst.max((s.derived(2) - e0).abs() / e0);
        }
        assert!(s.t() > 1000.0 * 2.0, "{integrator}: ran {} s", s.t());
        assert!(
            worst < 1e-6,
            "{integrator}: relative energy drift {worst:e} over 1000 periods"
        );
    }
}

fn projectile(drag: f64) -> String {
    format!(
        r##"(
        parameters: [
            (id: "speed", label: {{"en": "Speed"}}, unit: "m/s", min: 1, max: 50, default: 20),
            (id: "angle", label: {{"en": "Angle"}}, unit: "°", min: 0, max: 90, default: 35),
            (id: "drag", label: {{"en": "Air"}}, control: Toggle, default: {drag}),
        ],
        state: [
            (id: "x", initial: "0"), (id: "y", initial: "0"),
            (id: "vx", initial: "speed * cos(angle * pi / 180)"),
            (id: "vy", initial: "speed * sin(angle * pi / 180)"),
        ],
        equations: {{"x": "vx", "y": "vy", "vx": "0 - drag * 0.02 * v * vx", "vy": "-9.81 - drag * 0.02 * v * vy"}},
        derived: [(id: "v", expr: "sqrt(vx^2 + vy^2)")],
        events: [(when: "y < 0", then: Stop)],
        view: (width: 50, centre: (22, 8), ground: 0),
    )"##
    )
}

#[test]
fn projectile_range_without_drag_matches_v_squared_sin_two_theta_over_g() {
    let mut s = sim(&projectile(0.0));
    s.run_for(10.0);
    assert_eq!(s.stopped_by(), Some(0), "landing stops the run");
    let range = s.state(0);
    let textbook = 20.0f64.powi(2) * (70.0f64.to_radians()).sin() / 9.81;
    assert!(
        (range / textbook - 1.0).abs() < 0.005,
        "range {range} vs {textbook}"
    );
    assert!(
        s.state(1).abs() < 1e-5,
        "lands at y = 0 (to 10 µm), not below: {}",
        s.state(1)
    );

    let mut with_air = sim(&projectile(1.0));
    with_air.run_for(10.0);
    assert!(
        with_air.state(0) < range * 0.9,
        "air drag shortens the flight"
    );
}

#[test]
fn orbital_period_follows_keplers_third_law() {
    // Units: AU, years, GM of the Sun = 4π². Start at perihelion of an orbit with
    // eccentricity 0.5: r = a(1 - e), v = sqrt(GM (1 + e) / (a (1 - e))).
    for a in [1.0f64, 2.0] {
        let text = format!(
            r##"(
            parameters: [(id: "a", label: {{"en": "a"}}, min: 0.1, max: 10, default: {a})],
            state: [
                (id: "x", initial: "a * 0.5"), (id: "y", initial: "0"),
                (id: "vx", initial: "0"), (id: "vy", initial: "sqrt(4 * pi^2 * 1.5 / (a * 0.5))"),
            ],
            equations: {{"x": "vx", "y": "vy", "vx": "0 - 4 * pi^2 * x / r^3", "vy": "0 - 4 * pi^2 * y / r^3"}},
            derived: [(id: "r", expr: "sqrt(x^2 + y^2)")],
            integrator: Symplectic,
            step: 0.0002,
            view: (width: 5),
        )"##
        );
        let mut s = sim(&text);
        let measured = mean_period(&mut s, 3.5 * a.powf(1.5), |s| s.state(1));
        let kepler = a.powf(1.5);
        assert!(
            (measured / kepler - 1.0).abs() < 0.01,
            "a={a}: period {measured} vs {kepler}"
        );
    }
}

#[test]
fn driven_oscillator_amplitude_peaks_at_its_natural_frequency() {
    let amplitude_at = |ratio: f64| {
        let text = format!(
            r##"(
            parameters: [(id: "w", label: {{"en": "ω"}}, min: 0, max: 100, default: {})],
            state: [(id: "x", initial: "0"), (id: "v", initial: "0")],
            equations: {{"x": "v", "v": "0 - 16 * x - 2 * 0.05 * 4 * v + cos(w * t)"}},
            step: 0.002,
            view: (width: 1),
        )"##,
            4.0 * ratio
        );
        let mut s = sim(&text);
        s.run_for(80.0); // transients decay as exp(-0.2 t)
        let mut peak: f64 = 0.0;
        for _ in 0..10_000 {
            s.run_for(0.002);
            peak = peak.max(s.state(0).abs());
        }
        peak
    };
    let ratios: Vec<f64> = (0..=20).map(|i| 0.5 + i as f64 * 0.05).collect();
    let amps: Vec<f64> = ratios.iter().map(|&r| amplitude_at(r)).collect();
    let best = (0..amps.len())
        .max_by(|&a, &b| amps[a].total_cmp(&amps[b]))
        .unwrap();
    assert!(
        (ratios[best] - 1.0).abs() < 1e-9,
        "peak at {} ω0: {amps:?}",
        ratios[best]
    );
    // Textbook steady-state amplitude at resonance: F / (2 ζ ω0²) = 1 / (2·0.05·16).
    assert!(
        (amps[best] / (1.0 / 1.6) - 1.0).abs() < 0.01,
        "{}",
        amps[best]
    );
}

#[test]
fn fixed_step_makes_the_run_independent_of_the_frame_rate() {
    let mut a = sim(&pendulum("Rk4", 30.0, 1.0));
    let mut b = sim(&pendulum("Rk4", 30.0, 1.0));
    for _ in 0..600 {
        a.advance(1.0 / 60.0);
    }
    for _ in 0..144 {
        b.advance(1.0 / 14.4);
    }
    assert_eq!(a.steps(), b.steps());
    assert_eq!(
        a.vars(),
        b.vars(),
        "same steps, same numbers, to the last bit"
    );
}

#[test]
fn pause_step_reset_and_speed() {
    let mut s = sim(&pendulum("Rk4", 30.0, 1.0));
    s.advance(0.5);
    let t = s.t();
    s.set_running(false);
    s.advance(1.0);
    assert_eq!(s.t(), t, "paused: time stands still");
    s.step_frame();
    assert!(
        (s.t() - t - FRAME_STEP).abs() < 0.002,
        "step moves one frame on"
    );
    assert!(!s.running(), "and stays paused");
    s.reset();
    assert_eq!(s.t(), 0.0);
    assert!((s.state(0) - 30f64.to_radians()).abs() < 1e-12);
    let mut fast =
        sim(&pendulum("Rk4", 30.0, 1.0).replace("step: 0.001,", "step: 0.001, speed: 4,"));
    fast.advance(0.5);
    assert!(
        (fast.t() - 2.0).abs() < 0.002,
        "four times faster than real time: {}",
        fast.t()
    );
}

#[test]
fn changing_a_starting_value_restarts_and_others_do_not() {
    let mut s = sim(&pendulum("Rk4", 30.0, 1.0));
    s.advance(0.7);
    s.set_param(0, 2.0); // length: not in any starting value
    assert!(s.t() > 0.6, "length changes live");
    s.set_param(1, 45.0); // amplitude sets theta's starting value
    assert_eq!(s.t(), 0.0, "amplitude restarts the run");
    assert!((s.state(0) - 45f64.to_radians()).abs() < 1e-12);
}

#[test]
fn dragging_the_bob_sets_the_starting_angle() {
    let d = demo(&pendulum("Rk4", 10.0, 1.0));
    let mut s = sim(&pendulum("Rk4", 10.0, 1.0));
    // Finger at 45° to the right of straight down.
    let changed = s.drag(1, 0.7, -0.7, |p, v| d.parameters[p].clamp(v));
    assert!(changed);
    assert!((s.param(1) - 45.0).abs() < 1e-9, "amplitude {}", s.param(1));
    assert!((s.state(0) - 45f64.to_radians()).abs() < 1e-9);
    // Beyond the slider's range it is held at the end.
    s.drag(1, 0.0, 1.0, |p, v| d.parameters[p].clamp(v));
    assert_eq!(s.param(1), 179.0);
}

#[test]
fn freeze_events_land_each_ball_and_stop_when_all_have_landed() {
    let text = projectile(0.0)
        .replace(
            r##"(id: "x", initial: "0"), (id: "y", initial: "0"),"##,
            r##"(id: "x", initial: "0"), (id: "y", initial: "0"), (id: "h", initial: "5"), (id: "vh", initial: "0"),"##,
        )
        .replace(r##""x": "vx","##, r##""x": "vx", "h": "vh", "vh": "-9.81","##)
        .replace(
            r##"events: [(when: "y < 0", then: Stop)]"##,
            r##"events: [(when: "y < 0", then: Freeze(["x", "y", "vx", "vy"])), (when: "h < 0", then: Freeze(["h", "vh"]))]"##,
        );
    let mut s = sim(&text);
    s.run_for(1.2);
    assert_eq!(s.fired(), &[1], "the dropped ball lands first (t = 1.01 s)");
    assert!(
        s.state(2).abs() < 1e-5,
        "and stays on the ground: {}",
        s.state(4)
    );
    let x = s.state(0);
    s.run_for(0.1);
    assert!(s.state(0) > x, "the thrown ball flies on");
    s.run_for(5.0);
    assert_eq!(s.fired(), &[1, 0]);
    assert!(!s.running(), "everything has landed: the run stops");
}

#[test]
fn display_list_follows_the_model_and_world_maps_to_screen() {
    let d = demo(&pendulum("Rk4", 90.0, 1.0));
    let mut s = sim(&pendulum("Rk4", 90.0, 1.0));
    let (mut prims, mut handles) = (Vec::new(), Vec::new());
    let text = |w: &Words| w.get("en").cloned().unwrap_or_default();
    draw::draw(&d, &s, 800.0, 600.0, &text, &mut prims, &mut handles);
    let tf = Transform::new(&d.view, 800.0, 600.0);
    let bob = |prims: &[Prim]| match prims.iter().find(|p| matches!(p, Prim::Circle { .. })) {
        Some(Prim::Circle { centre, .. }) => *centre,
        _ => panic!("no bob"),
    };
    let at_start = bob(&prims);
    let want = tf.to_screen(1.0, 0.0);
    assert!(
        (at_start[0] - want[0]).abs() < 0.01 && (at_start[1] - want[1]).abs() < 0.01,
        "{at_start:?} vs {want:?}"
    );
    assert_eq!(handles.len(), 1, "the bob can be dragged");
    let back = tf.to_world(tf.to_screen(0.3, -0.2));
    assert!(
        (back.0 - 0.3).abs() < 1e-5 && (back.1 + 0.2).abs() < 1e-5,
        "{back:?}"
    );
    s.run_for(0.5);
    draw::draw(&d, &s, 800.0, 600.0, &text, &mut prims, &mut handles);
    assert!(
        bob(&prims)[0] < at_start[0] - 10.0,
        "the bob swung towards the middle"
    );
    assert!(
        prims
            .iter()
            .any(|p| matches!(p, Prim::Path { points, .. } if points.len() > 10)),
        "a trail is drawn"
    );
    let g = graph_lines(&s, 400.0, 200.0).expect("a graph");
    assert_eq!(g.lines.len(), 1);
    assert!(
        g.lines[0].1.len() > 20,
        "graph samples: {}",
        g.lines[0].1.len()
    );
    assert_eq!(g.x_range, (0.0, 10.0));
}

fn issues(text: &str) -> Vec<Issue> {
    match compile(&demo(text)) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    }
}

#[test]
fn errors_name_the_value_and_the_place_in_the_expression() {
    let base = pendulum("Rk4", 30.0, 1.0);
    let found = issues(&base.replace("-g / length * sin(theta)", "-g / lenght * sin(theta)"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].at,
        vec![At::Field("equations"), At::Key("omega".into())]
    );
    assert_eq!(found[0].span, Some((5, 6)));
    assert_eq!(found[0].hint.as_deref(), Some("did you mean `length`?"));

    let found = issues(&base.replace("default: 30)", "default: 200)"));
    assert_eq!(
        found[0].at,
        vec![At::Field("parameters"), At::Index(1), At::Field("default")]
    );
    assert!(
        found[0].message.contains("outside its range"),
        "{}",
        found[0].message
    );

    let found = issues(&base.replace(
        r##"centre: ("x", "y"), radius"##,
        r##"centre: ("x", "height"), radius"##,
    ));
    assert_eq!(
        found[0].at,
        vec![
            At::Field("shapes"),
            At::Index(1),
            At::Field("centre"),
            At::Index(1)
        ]
    );
    assert_eq!(found[0].message, "unknown name `height`");

    let found = issues(&base.replace(r##"initial: "0")"##, r##"initial: "theta")"##));
    assert!(
        found[0].message.contains("parameters only"),
        "{}",
        found[0].message
    );

    let found = issues(&base.replace(r##"readouts: ["energy"]"##, r##"readouts: ["energi"]"##));
    assert_eq!(found[0].hint.as_deref(), Some("did you mean `energy`?"));

    let found = issues(&base.replace(r##""theta": "omega", "##, ""));
    assert_eq!(found[0].message, "state variable `theta` has no equation");

    let found = issues(&projectile(0.0).replace("y < 0", "y < groun"));
    assert_eq!(
        found[0].span,
        Some((4, 5)),
        "offset counts from the start of `when`"
    );
}

#[test]
fn bundled_demonstrations_compile_and_run() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../exhibits");
    let mut count = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let file = entry.unwrap().path().join("exhibit.ron");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for (id, d) in
            demonstrations_in(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        {
            let (model, _) =
                compile(&d).unwrap_or_else(|e| panic!("{} {id}: {e:#?}", file.display()));
            let mut s = Simulation::new(model);
            for _ in 0..600 {
                s.advance(1.0 / 30.0);
            }
            assert!(
                s.vars().iter().all(|v| v.is_finite()),
                "{} {id}: {:?}",
                file.display(),
                s.vars()
            );
            count += 1;
        }
    }
    eprintln!("{count} bundled demonstrations ran");
}

#[test]
fn compiled_values_are_small() {
    assert!(
        std::mem::size_of::<CShape>() < 1024,
        "shapes stay small on the stack"
    );
    eprintln!(
        "Expr {} CShape {} Model {}",
        std::mem::size_of::<crate::expr::Expr>(),
        std::mem::size_of::<CShape>(),
        std::mem::size_of::<Model>()
    );
}

/// A bundled exhibit's first demonstration, compiled.
fn bundled(exhibit: &str) -> (Demonstration<Words>, Simulation) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../exhibits")
        .join(exhibit)
        .join("exhibit.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let (_, demo) = demonstrations_in(&text).unwrap().remove(0);
    let (model, _) = compile(&demo).unwrap();
    (demo, Simulation::new(model))
}

fn set(demo: &Demonstration<Words>, sim: &mut Simulation, id: &str, value: f64) {
    let i = demo
        .parameters
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no parameter {id}"));
    sim.set_param(i, demo.parameters[i].clamp(value));
}

fn derived(demo: &Demonstration<Words>, sim: &Simulation, id: &str) -> f64 {
    sim.derived(
        demo.derived
            .iter()
            .position(|d| d.id == id)
            .unwrap_or_else(|| panic!("no quantity {id}")),
    )
}

fn state(demo: &Demonstration<Words>, sim: &Simulation, id: &str) -> f64 {
    sim.state(
        demo.state
            .iter()
            .position(|s| s.id == id)
            .unwrap_or_else(|| panic!("no state {id}")),
    )
}

#[test]
fn bundled_pendulum_swings_with_the_period_its_readout_states() {
    let (demo, mut s) = bundled("pendulum");
    set(&demo, &mut s, "amplitude", 2.0);
    for length in [0.5, 2.0] {
        set(&demo, &mut s, "length", length);
        s.reset();
        let readout = derived(&demo, &s, "period");
        let measured = mean_period(&mut s, 20.0, |s| s.state(0));
        assert!(
            (measured / readout - 1.0).abs() < 0.005,
            "L={length}: {measured} vs {readout}"
        );
    }
}

#[test]
fn bundled_projectile_lands_where_the_vacuum_formula_says_and_air_shortens_it() {
    let (demo, mut s) = bundled("projectile");
    for (speed, angle) in [(25.0, 45.0), (12.0, 30.0), (30.0, 70.0)] {
        set(&demo, &mut s, "speed", speed);
        set(&demo, &mut s, "angle", angle);
        s.reset();
        let formula = derived(&demo, &s, "range0");
        s.run_for(10.0);
        let vacuum = state(&demo, &s, "x0");
        let air = state(&demo, &s, "x");
        assert!(
            (vacuum / formula - 1.0).abs() < 0.005,
            "{speed} m/s at {angle}°: {vacuum} vs {formula}"
        );
        assert!(
            air < vacuum,
            "air drag shortens the throw: {air} vs {vacuum}"
        );
        assert!(!s.running(), "both balls landed: the run stopped");
    }
}

#[test]
fn bundled_orbit_keeps_keplers_third_law() {
    let (demo, mut s) = bundled("planetary-orbits");
    for (r0, f) in [(1.0, 1.1), (0.6, 0.8), (1.5, 1.2)] {
        set(&demo, &mut s, "r0", r0);
        set(&demo, &mut s, "f", f);
        s.reset();
        let kepler = derived(&demo, &s, "period");
        let measured = mean_period(&mut s, 3.2 * kepler, |s| s.state(1));
        assert!(
            (measured / kepler - 1.0).abs() < 0.01,
            "r0={r0} f={f}: {measured} vs {kepler}"
        );
    }
}

#[test]
fn bundled_building_sways_most_when_shaken_at_its_natural_frequency() {
    let (demo, mut s) = bundled("earthquake-resonance");
    let natural = derived(&demo, &s, "natural");
    let mut sway = Vec::new();
    for k in 0..=18 {
        let f = 0.4 + 0.1 * k as f64;
        set(&demo, &mut s, "freq", f);
        s.reset();
        s.run_for(40.0);
        let mut peak: f64 = 0.0;
        for _ in 0..2500 {
            s.run_for(0.002);
            peak = peak.max(state(&demo, &s, "x3").abs());
        }
        sway.push((f, peak));
    }
    let (best, _) = sway
        .iter()
        .copied()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    assert!(
        (best - natural).abs() < 0.051,
        "roof sways most at {best} Hz, natural {natural} Hz: {sway:?}"
    );
    let off = sway
        .iter()
        .find(|(f, _)| (*f - 2.0 * natural).abs() < 0.05)
        .unwrap()
        .1;
    let on = sway.iter().map(|p| p.1).fold(0.0, f64::max);
    assert!(
        on > 4.0 * off,
        "resonance is marked: {on} vs {off} at twice the frequency"
    );
}

#[test]
fn bundled_greenhouse_settles_at_its_equilibrium_temperature() {
    let (demo, mut s) = bundled("greenhouse");
    for gh in [0.0, 78.0, 100.0] {
        set(&demo, &mut s, "gh", gh);
        s.reset();
        s.run_for(60.0);
        let settle = derived(&demo, &s, "settle");
        let now = derived(&demo, &s, "celsius");
        assert!(
            (now - settle).abs() < 0.1,
            "greenhouse {gh} %: {now} °C vs {settle} °C"
        );
    }
    // Without greenhouse gases, the textbook −18 °C.
    set(&demo, &mut s, "gh", 0.0);
    assert!((derived(&demo, &s, "settle") + 18.0).abs() < 1.0);
}

#[test]
fn of_two_events_in_one_step_the_earlier_happens() {
    // Both cross within the same (coarse) step: `x > 0.6` a little before `x > 0.65`.
    let text = r##"(
        state: [(id: "x", initial: "0")],
        equations: {"x": "1"},
        events: [(when: "x > 0.65"), (when: "x > 0.6", then: Freeze(["x"]))],
        step: 0.1,
        view: (width: 1),
    )"##;
    let mut s = sim(text);
    s.run_for(1.0);
    assert_eq!(s.fired()[0], 1, "the event listed second crossed first");
    assert!((s.state(0) - 0.6).abs() < 1e-9, "{}", s.state(0));
}

#[test]
fn step_moves_on_even_when_a_frame_is_shorter_than_a_step() {
    let text = r##"(
        state: [(id: "x", initial: "0")],
        equations: {"x": "1"},
        step: 0.05,
        speed: 0.1,
        paused: true,
        view: (width: 1),
    )"##;
    let mut s = sim(text);
    s.step_frame();
    assert!(
        (s.t() - 0.05).abs() < 1e-12,
        "one step at least: t = {}",
        s.t()
    );
}

#[test]
fn sliders_keep_tiny_values() {
    let d = demo(
        r##"(
        parameters: [(id: "G", label: {"en": "G"}, min: 1e-11, max: 1e-10, step: 1e-12, default: 6.7e-11)],
        state: [(id: "x", initial: "0")],
        equations: {"x": "G"},
        view: (width: 1),
    )"##,
    );
    let v = d.parameters[0].clamp(6.674e-11);
    assert!((v - 6.7e-11).abs() < 1e-20, "{v:e}");
    assert_eq!(d.parameters[0].clamp(1.0), 1e-10);
}

#[test]
fn a_freeze_name_that_is_not_a_state_points_at_the_name() {
    let found = issues(&projectile(0.0).replace(r#"then: Stop"#, r#"then: Freeze(["x", "vxx"])"#));
    assert_eq!(
        found[0].at,
        vec![
            At::Field("events"),
            At::Index(0),
            At::Field("then"),
            At::Index(0),
            At::Index(1)
        ]
    );
    assert_eq!(found[0].hint.as_deref(), Some("did you mean `vx`?"));
}
