//! Cost per frame of every bundled demonstration: simulation (60 frames a second of real
//! time, each stepping the model at its fixed step) and drawing (the display list and the
//! graph's lines for a 1150 × 600 point canvas). Prints a table; asserts nothing.
//!
//! `CARGO_TARGET_DIR=target/bench-build cargo bench -p simulation --bench demonstrations`

use std::hint::black_box;
use std::time::{Duration, Instant};

use simulation::draw::{self, Handle, Prim};
use simulation::{Simulation, Words, compile, demonstrations_in};

/// Frames measured per demonstration: 20 s at 60 fps.
const FRAMES: usize = 1200;
const FRAME_S: f64 = 1.0 / 60.0;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../exhibits");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("exhibits folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    dirs.sort();
    println!(
        "{:<34} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "demonstration",
        "steps",
        "sim mean",
        "sim p99",
        "sim max",
        "draw mean",
        "draw p99",
        "prims"
    );
    println!(
        "{:<34} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "", "/frame", "µs", "µs", "µs", "µs", "µs", ""
    );
    let text = |w: &Words| w.get("en").cloned().unwrap_or_default();
    for dir in dirs {
        let Ok(src) = std::fs::read_to_string(dir.join("exhibit.ron")) else {
            continue;
        };
        let demos = demonstrations_in(&src).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for (id, demo) in demos {
            let (model, _) = compile(&demo).unwrap_or_else(|e| panic!("{id}: {e:?}"));
            let mut sim = Simulation::new(model);
            let mut sim_times = Vec::with_capacity(FRAMES);
            let mut draw_times = Vec::with_capacity(FRAMES);
            let (mut prims, mut handles): (Vec<Prim>, Vec<Handle>) = (Vec::new(), Vec::new());
            let mut steps = 0u64;
            let mut n_prims = 0;
            for _ in 0..FRAMES {
                let before = sim.steps();
                let t = Instant::now();
                sim.advance(FRAME_S);
                sim_times.push(t.elapsed());
                // A run that stopped (a ball landed) starts again, as a visitor would.
                if sim.stopped_by().is_some() {
                    sim.reset();
                } else {
                    steps += sim.steps() - before;
                }
                let t = Instant::now();
                draw::draw(&demo, &sim, 1150.0, 600.0, &text, &mut prims, &mut handles);
                black_box(draw::graph_lines(&sim, 600.0, 150.0));
                draw_times.push(t.elapsed());
                n_prims = n_prims.max(prims.len());
            }
            sim_times.sort();
            draw_times.sort();
            let mean = |v: &[Duration]| v.iter().sum::<Duration>() / v.len() as u32;
            let name = format!("{}/{id}", dir.file_name().unwrap().to_string_lossy());
            println!(
                "{:<34} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
                name,
                steps / FRAMES as u64,
                micros(mean(&sim_times)),
                micros(percentile(&sim_times, 0.99)),
                micros(*sim_times.last().unwrap()),
                micros(mean(&draw_times)),
                micros(percentile(&draw_times, 0.99)),
                n_prims,
            );
        }
    }
    println!("\ntarget: under 1000 µs of simulation per frame");
}
