//! The engagement report on a big, realistic log, and DuckDB on the same files.
//!
//! `cargo bench -p usage-report --bench report [-- EVENTS [OUT_DIR]]`
//! (EVENTS defaults to 10_000_000, OUT_DIR to `target/report-bench` of the workspace).
//!
//! 1. Generates EVENTS events over many kiosks and days in the writer's layout,
//!    `OUT_DIR/logs/<kiosk>/<YYYY-MM-DD>.jsonl`, each line made by [`to_line`] as the
//!    kiosk writes it, with a few torn and garbage lines as power cuts leave. The data are
//!    kept and reused by later runs with the same EVENTS (`OUT_DIR/generated.txt`).
//! 2. Times `report::read` + `analyse` + `write` (HTML and CSV into `OUT_DIR/report`) in
//!    this process.
//! 3. Runs `benches/duckdb_exhibits.py` on the same files (Python from `DUCKDB_PYTHON`,
//!    else `target/duckdb-venv/bin/python`, else `python3`), compares its time, and checks
//!    its visits and median dwell per exhibit against `exhibits.csv`.
//! 4. Times the xAPI export (`OUT_DIR/xapi.jsonl`) on its own, last, so that writing its
//!    gigabytes does not slow the DuckDB run.
//!
//! The machine should be otherwise idle: on two cores a concurrent build halves the
//! figures.
//!
//! The data are the same on every run and machine: the generator's PRNG is seeded.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use fastrand::Rng;
use serde_json::Value;
use usage_log::event::{Event, to_line};
use usage_log::time::{Date, Timestamp};
use usage_log::{EndReason, InputKind};
use usage_report::{
    self as report, ContentInfo, ExhibitInfo, Filter, Options, QuestionInfo, SceneInfo, XapiOptions,
};

const DEFAULT_EVENTS: u64 = 10_000_000;
/// Bump when the generator changes, so that old data are not reused.
const GENERATOR: u32 = 4;
const SEED: u64 = 0x6b69_6f73_6b5f_6c6f;
const DAYS: u32 = 60;
const MIN_KIOSKS: u64 = 20;
/// Events one kiosk writes on a busy day (some 150 visits of 20 events, and heartbeats);
/// more events than this per file mean more kiosks, not longer days.
const MAX_EVENTS_PER_FILE: u64 = 3_000;
const FIRST_DAY: Date = Date {
    year: 2026,
    month: 9,
    day: 1,
};
const HOUR: i64 = 3_600_000;
const MIN: i64 = 60_000;
const SEC: i64 = 1_000;
const HEARTBEAT_MS: i64 = 10 * MIN;
/// The venue is in UTC+8: it opens 09:00 local (01:00 UTC) and closes 21:30 local.
const UTC_OFFSET_MIN: i32 = 480;
const OPEN_UTC: i64 = HOUR;
const CLOSE_UTC: i64 = 13 * HOUR + 30 * MIN;
/// Never past this, so that every event belongs to its file's UTC day.
const LAST_UTC: i64 = 23 * HOUR + 50 * MIN;

// ---------------------------------------------------------------------------------------
// The content: five exhibits of two to four scenes, as an exhibits folder would have.

#[derive(Clone, Copy)]
enum Control {
    Slider(f64, f64),
    Toggle,
    Button,
}

struct QuestionDef {
    id: &'static str,
    prompt: &'static str,
    choices: &'static [&'static str],
    correct: &'static [u32],
    /// Chance of a right first answer for an average visitor.
    p_right: f64,
    /// The wrong choice wrong answers favour, if any.
    lure: Option<u32>,
}

struct SceneDef {
    id: &'static str,
    title: &'static str,
    kind: &'static str,
    needs_s: f64,
    /// Typical time on it, seconds.
    typical_s: f64,
    controls: &'static [(&'static str, Control)],
    questions: &'static [QuestionDef],
}

struct ExhibitDef {
    id: &'static str,
    title: &'static str,
    weight: f64,
    scenes: &'static [SceneDef],
}

const fn scene(
    id: &'static str,
    title: &'static str,
    kind: &'static str,
    needs_s: f64,
    typical_s: f64,
) -> SceneDef {
    SceneDef {
        id,
        title,
        kind,
        needs_s,
        typical_s,
        controls: &[],
        questions: &[],
    }
}

const fn q(
    id: &'static str,
    prompt: &'static str,
    choices: &'static [&'static str],
    correct: &'static [u32],
    p_right: f64,
    lure: Option<u32>,
) -> QuestionDef {
    QuestionDef {
        id,
        prompt,
        choices,
        correct,
        p_right,
        lure,
    }
}

const TRUE_FALSE: &[&str] = &["True", "False"];

const EXHIBITS: &[ExhibitDef] = &[
    ExhibitDef {
        id: "quake",
        title: "Earthquakes, up close",
        weight: 1.0,
        scenes: &[
            scene("intro", "Why the ground shakes", "animation", 45.0, 30.0),
            SceneDef {
                controls: &[
                    ("plate_speed", Control::Slider(0.0, 10.0)),
                    ("show_faults", Control::Toggle),
                ],
                ..scene("plates", "Moving plates", "demonstration", 60.0, 50.0)
            },
            SceneDef {
                controls: &[
                    ("magnitude", Control::Slider(1.0, 9.0)),
                    ("play", Control::Button),
                ],
                ..scene("shake", "Shake table", "demonstration", 60.0, 55.0)
            },
            SceneDef {
                questions: &[
                    q(
                        "q1",
                        "What moves the plates?",
                        &["Wind", "Tides", "Heat flow in the mantle", "The Moon"],
                        &[2],
                        0.55,
                        Some(1),
                    ),
                    q(
                        "q2",
                        "Earthquakes happen mostly at plate edges.",
                        TRUE_FALSE,
                        &[0],
                        0.94,
                        None,
                    ),
                    q(
                        "q3",
                        "Which two make a building safer?",
                        &[
                            "Base isolators",
                            "Heavier roof",
                            "Cross bracing",
                            "More windows",
                        ],
                        &[0, 2],
                        0.25,
                        Some(1),
                    ),
                ],
                ..scene("quiz", "Quiz", "quiz", 60.0, 50.0)
            },
        ],
    },
    ExhibitDef {
        id: "tides",
        title: "Tides and the Moon",
        weight: 0.8,
        scenes: &[
            scene("orbit", "The Moon's pull", "animation", 40.0, 28.0),
            SceneDef {
                controls: &[
                    ("moon_angle", Control::Slider(0.0, 360.0)),
                    ("play", Control::Button),
                ],
                ..scene("tide_demo", "Make a tide", "demonstration", 50.0, 45.0)
            },
            SceneDef {
                questions: &[
                    q(
                        "q1",
                        "How many high tides a day, mostly?",
                        &["One", "Two", "Four"],
                        &[1],
                        0.6,
                        Some(0),
                    ),
                    q(
                        "q2",
                        "What causes spring tides?",
                        &["Spring weather", "Sun and Moon in line", "Melting ice"],
                        &[1],
                        0.32,
                        Some(0),
                    ),
                ],
                ..scene("quiz", "Quiz", "quiz", 40.0, 35.0)
            },
        ],
    },
    ExhibitDef {
        id: "light",
        title: "光与颜色 Light and colour",
        weight: 0.9,
        scenes: &[
            SceneDef {
                controls: &[
                    ("angle", Control::Slider(0.0, 90.0)),
                    ("white_light", Control::Toggle),
                ],
                ..scene("prism", "棱镜 Prism", "demonstration", 45.0, 40.0)
            },
            SceneDef {
                controls: &[
                    ("red", Control::Slider(0.0, 255.0)),
                    ("green", Control::Slider(0.0, 255.0)),
                    ("blue", Control::Slider(0.0, 255.0)),
                ],
                ..scene("mixing", "Mixing light", "demonstration", 60.0, 60.0)
            },
            SceneDef {
                questions: &[
                    q(
                        "q1",
                        "Red and green light make…",
                        &["Brown", "Yellow", "Blue"],
                        &[1],
                        0.5,
                        Some(0),
                    ),
                    q(
                        "q2",
                        "White light holds every colour.",
                        TRUE_FALSE,
                        &[0],
                        0.8,
                        None,
                    ),
                    q(
                        "q3",
                        "Which bends most in a prism?",
                        &["Red", "Violet", "Green"],
                        &[1],
                        0.45,
                        None,
                    ),
                ],
                ..scene("quiz", "测验 Quiz", "quiz", 50.0, 45.0)
            },
        ],
    },
    ExhibitDef {
        id: "bridge",
        title: "Bridges that \"stand\"",
        weight: 0.6,
        scenes: &[
            scene("truss", "Triangles", "animation", 35.0, 25.0),
            SceneDef {
                controls: &[
                    ("load", Control::Slider(0.0, 500.0)),
                    ("steel", Control::Toggle),
                ],
                ..scene("load", "Load test", "demonstration", 60.0, 50.0)
            },
        ],
    },
    ExhibitDef {
        id: "volcano",
        title: "Volcanoes",
        weight: 0.7,
        scenes: &[
            scene("eruption", "An eruption", "animation", 50.0, 35.0),
            SceneDef {
                controls: &[("depth", Control::Slider(0.0, 100.0))],
                ..scene("layers", "Inside a volcano", "demonstration", 45.0, 35.0)
            },
            SceneDef {
                questions: &[
                    q(
                        "q1",
                        "Magma that reaches the surface is called…",
                        &["Lava", "Ash", "Basalt"],
                        &[0],
                        0.75,
                        None,
                    ),
                    q(
                        "q2",
                        "Most volcanoes are near plate edges.",
                        TRUE_FALSE,
                        &[0],
                        0.45,
                        Some(1),
                    ),
                ],
                ..scene("quiz", "Quiz", "quiz", 40.0, 30.0)
            },
        ],
    },
];

/// The content as the report takes it from an exhibits folder.
fn content_info() -> ContentInfo {
    ContentInfo {
        exhibits: EXHIBITS
            .iter()
            .map(|e| ExhibitInfo {
                id: e.id.into(),
                title: e.title.into(),
                scenes: e
                    .scenes
                    .iter()
                    .map(|s| SceneInfo {
                        id: s.id.into(),
                        title: s.title.into(),
                        kind: s.kind.into(),
                        needs_s: s.needs_s,
                        questions: s
                            .questions
                            .iter()
                            .map(|q| QuestionInfo {
                                id: q.id.into(),
                                prompt: q.prompt.into(),
                                choices: q.choices.iter().map(|c| c.to_string()).collect(),
                                correct: q.correct.to_vec(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// The generator.

/// What was generated, kept in the marker file.
#[derive(Debug, Default, Clone, PartialEq)]
struct Generated {
    requested: u64,
    kiosks: u64,
    files: u64,
    events: u64,
    bad_lines: u64,
    sessions: u64,
    bytes: u64,
    seconds: f64,
}

impl Generated {
    fn to_text(&self) -> String {
        format!(
            "generator={GENERATOR}\nseed={SEED}\nrequested={}\nkiosks={}\nfiles={}\nevents={}\nbad_lines={}\nsessions={}\nbytes={}\nseconds={}\n",
            self.requested,
            self.kiosks,
            self.files,
            self.events,
            self.bad_lines,
            self.sessions,
            self.bytes,
            self.seconds
        )
    }

    fn from_text(text: &str) -> Option<Generated> {
        let map: BTreeMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).collect();
        let num = |k: &str| map.get(k)?.parse::<u64>().ok();
        if num("generator")? != GENERATOR as u64 || num("seed")? != SEED {
            return None;
        }
        Some(Generated {
            requested: num("requested")?,
            kiosks: num("kiosks")?,
            files: num("files")?,
            events: num("events")?,
            bad_lines: num("bad_lines")?,
            sessions: num("sessions")?,
            bytes: num("bytes")?,
            seconds: map.get("seconds")?.parse().ok()?,
        })
    }
}

/// How a power cut shows in a file.
#[derive(Clone, Copy, PartialEq)]
enum Damage {
    /// Half a line; the writer adds the newline when the kiosk is back.
    HalfLine,
    /// A block of zero bytes, as some file systems leave; then a newline.
    Zeros,
}

/// One log file being written: heartbeats interleaved, power cuts simulated.
struct Out {
    w: BufWriter<File>,
    kiosk: String,
    run_start: i64,
    next_heartbeat: i64,
    events: u64,
    bad_lines: u64,
    /// Cut the power instead of writing the event with this index.
    cut_at: Option<(u64, Damage)>,
    /// The power is off: nothing is written until the kiosk starts again.
    dead: bool,
}

impl Out {
    fn new(path: &Path, kiosk: &str) -> std::io::Result<Out> {
        Ok(Out {
            w: BufWriter::with_capacity(1 << 20, File::create(path)?),
            kiosk: kiosk.to_owned(),
            run_start: 0,
            next_heartbeat: i64::MAX,
            events: 0,
            bad_lines: 0,
            cut_at: None,
            dead: false,
        })
    }

    /// Writes `event` at `ts`, after the heartbeats due before it.
    fn emit(&mut self, ts: i64, event: &Event) {
        self.heartbeats_until(ts);
        self.line(ts, event);
    }

    /// Writes the heartbeats due up to `ts`.
    fn heartbeats_until(&mut self, ts: i64) {
        while self.next_heartbeat <= ts && !self.dead {
            let hb = self.next_heartbeat;
            self.next_heartbeat += HEARTBEAT_MS;
            let uptime_ms = (hb - self.run_start) as u64;
            self.line(hb, &Event::Heartbeat { uptime_ms });
        }
    }

    fn line(&mut self, ts: i64, event: &Event) {
        if self.dead {
            return;
        }
        let text = to_line(Timestamp(ts), &self.kiosk, event);
        if let Some((at, damage)) = self.cut_at
            && at <= self.events
        {
            self.cut_at = None;
            self.dead = true;
            self.bad_lines += 1;
            let bytes = text.as_bytes();
            match damage {
                Damage::HalfLine => {
                    let cut = bytes.len() / 3 + (ts as usize) % (bytes.len() / 2);
                    self.write(&bytes[..cut]);
                    self.write(b"\n");
                }
                Damage::Zeros => {
                    self.write(&vec![0u8; 512 + (ts as usize % 4) * 1024]);
                    self.write(b"\n");
                }
            }
            return;
        }
        self.write(text.as_bytes());
        self.events += 1;
    }

    /// The kiosk program starts (again).
    fn start(&mut self, ts: i64, version: &str) {
        self.dead = false;
        self.run_start = ts;
        self.next_heartbeat = ts + HEARTBEAT_MS;
        self.line(
            ts,
            &Event::KioskStart {
                version: version.into(),
            },
        );
    }

    /// Heartbeats still due up to `until`.
    fn heartbeats_before(&self, until: i64) -> u64 {
        if self.next_heartbeat > until {
            0
        } else {
            ((until - self.next_heartbeat) / HEARTBEAT_MS + 1) as u64
        }
    }

    /// The power goes while the kiosk writes its last heartbeat: a torn last line.
    fn torn_end(&mut self, ts: i64) {
        let text = to_line(
            Timestamp(ts),
            &self.kiosk,
            &Event::Heartbeat {
                uptime_ms: (ts - self.run_start) as u64,
            },
        );
        let bytes = text.as_bytes();
        self.write(&bytes[..bytes.len() / 2]);
        self.bad_lines += 1;
        self.dead = true;
    }

    fn write(&mut self, bytes: &[u8]) {
        self.w.write_all(bytes).expect("writing the bench data");
    }
}

/// Running averages, to spread each day's visits over its opening hours.
struct Pace {
    sessions: f64,
    events: f64,
    ms: f64,
}

fn normal(rng: &mut Rng) -> f64 {
    let u1 = 1.0 - rng.f64();
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A skewed positive time around `typical` ms (log-normal, median `typical`).
fn skewed(rng: &mut Rng, typical: f64, sigma: f64) -> i64 {
    (typical * (sigma * normal(rng)).exp()) as i64
}

fn exponential(rng: &mut Rng, mean: f64) -> i64 {
    (-mean * (1.0 - rng.f64()).ln()) as i64
}

fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.f64() < p
}

fn pick_exhibit(rng: &mut Rng) -> &'static ExhibitDef {
    let total: f64 = EXHIBITS.iter().map(|e| e.weight).sum();
    let mut x = rng.f64() * total;
    for e in EXHIBITS {
        if x < e.weight {
            return e;
        }
        x -= e.weight;
    }
    &EXHIBITS[0]
}

struct Visitor<'a> {
    out: &'a mut Out,
    rng: &'a mut Rng,
    id: String,
    lang: &'static str,
    ability: f64,
    /// The scene on screen: exhibit, scene, entered at.
    on: Option<(&'static str, &'static str, i64)>,
}

impl Visitor<'_> {
    fn exit(&mut self, ts: i64, idle_ms: Option<u64>) {
        if let Some((exhibit, scene, entered)) = self.on.take() {
            self.out.emit(
                ts,
                &Event::SceneExit {
                    session: self.id.clone(),
                    exhibit: exhibit.into(),
                    scene: scene.into(),
                    dwell_ms: (ts - entered) as u64,
                    idle_ms,
                },
            );
        }
    }

    /// Shows a scene at `t`; returns when the visitor is done with it.
    fn scene(&mut self, t: i64, e: &'static ExhibitDef, s: &'static SceneDef) -> i64 {
        self.exit(t, None);
        self.out.emit(
            t,
            &Event::SceneEnter {
                session: self.id.clone(),
                exhibit: e.id.into(),
                scene: s.id.into(),
                kind: s.kind.into(),
            },
        );
        self.on = Some((e.id, s.id, t));
        let mut dwell = skewed(self.rng, s.typical_s * 1000.0, 0.7).max(2 * SEC);
        // What happens on the scene, at times spread over the dwell.
        let mut things: Vec<Event> = Vec::new();
        if !s.controls.is_empty() {
            let n = self.rng.usize(0..=(dwell / (6 * SEC)).min(12) as usize);
            for _ in 0..n {
                let (control, kind) = s.controls[self.rng.usize(..s.controls.len())];
                let value = match kind {
                    Control::Slider(lo, hi) => {
                        let v = lo + (hi - lo) * self.rng.f64();
                        Value::from((v * 10.0).round() / 10.0)
                    }
                    Control::Toggle => Value::Bool(self.rng.bool()),
                    Control::Button => Value::Bool(true),
                };
                things.push(Event::Interaction {
                    session: self.id.clone(),
                    exhibit: e.id.into(),
                    scene: s.id.into(),
                    control: control.into(),
                    value,
                });
            }
        }
        for question in s.questions {
            if chance(self.rng, 0.08) {
                break; // wandered off before the end of the quiz
            }
            let right = self.answer(question, &mut things, e, s, None);
            if !right && chance(self.rng, 0.3) {
                self.answer(question, &mut things, e, s, Some(true));
            }
        }
        dwell = dwell.max(things.len() as i64 * 3 * SEC + SEC);
        let n = things.len() as i64;
        for (i, ev) in things.iter().enumerate() {
            let slot = dwell / (n + 1);
            let at = t + slot * (i as i64 + 1) + self.rng.i64(0..slot / 2 + 1) - slot / 4;
            self.out.emit(at, ev);
        }
        t + dwell
    }

    /// Answers `question`: right with a chance that grows with the visitor's ability.
    fn answer(
        &mut self,
        question: &QuestionDef,
        things: &mut Vec<Event>,
        e: &ExhibitDef,
        s: &SceneDef,
        force_right: Option<bool>,
    ) -> bool {
        let p = question.p_right.clamp(0.01, 0.99);
        let logit = (p / (1.0 - p)).ln() + self.ability;
        let right = force_right.unwrap_or_else(|| self.rng.f64() < 1.0 / (1.0 + (-logit).exp()));
        let choice: Vec<u32> = if right {
            question.correct.to_vec()
        } else {
            let wrong: Vec<u32> = (0..question.choices.len() as u32)
                .filter(|c| !question.correct.contains(c))
                .collect();
            let c = match question.lure {
                Some(l) if chance(self.rng, 0.6) => l,
                _ => wrong[self.rng.usize(..wrong.len())],
            };
            if question.correct.len() > 1 {
                vec![question.correct[0], c]
            } else {
                vec![c]
            }
        };
        things.push(Event::QuizAnswer {
            session: self.id.clone(),
            exhibit: e.id.into(),
            scene: s.id.into(),
            question: question.id.into(),
            choice,
            correct: right,
        });
        right
    }

    fn change_language(&mut self, t: i64) {
        self.lang = if self.lang == "en" { "zh-Hans" } else { "en" };
        self.out.emit(
            t,
            &Event::LanguageChange {
                session: self.id.clone(),
                lang: self.lang.into(),
            },
        );
    }
}

/// One visit from `start`; returns when it ended and whether it made it into the log (a
/// power cut can come first). `closing`: the kiosk shuts down at the end of this one (a
/// visitor still on it at closing time).
fn visit(
    out: &mut Out,
    rng: &mut Rng,
    start: i64,
    idle_reset_ms: i64,
    closing: bool,
) -> (i64, bool) {
    let id = format!("{:016x}", rng.u64(..));
    let lang = if chance(rng, 0.65) { "zh-Hans" } else { "en" };
    let input = match rng.u32(0..100) {
        0..70 => InputKind::Touch,
        70..82 => InputKind::Gamepad,
        82..90 => InputKind::Keyboard,
        _ => InputKind::Mouse,
    };
    out.emit(
        start,
        &Event::SessionStart {
            session: id.clone(),
            lang: lang.into(),
            input,
        },
    );
    let logged = !out.dead;
    let ability = normal(rng) * 0.8;
    let mut v = Visitor {
        out,
        rng,
        id,
        lang,
        ability,
        on: None,
    };
    let mut t = start + skewed(v.rng, 4000.0, 0.5);
    if chance(v.rng, 0.05) {
        v.change_language(t);
        t += 1500;
    }
    // A few walk away at the menu without seeing anything.
    let exhibits = if chance(v.rng, 0.03) {
        0
    } else {
        let mut n = 1;
        while n < 5 && chance(v.rng, 0.4) {
            n += 1;
        }
        n
    };
    for i in 0..exhibits {
        if i > 0 {
            // Back to the menu, then the next exhibit.
            v.exit(t, None);
            t += skewed(v.rng, 3000.0, 0.5);
            if chance(v.rng, 0.03) {
                v.change_language(t);
                t += 1500;
            }
        }
        let e = pick_exhibit(v.rng);
        let mut si = 0;
        while si < e.scenes.len() {
            t = v.scene(t, e, &e.scenes[si]);
            if chance(v.rng, 0.002) {
                v.out.emit(
                    t - 500,
                    &Event::Error {
                        message: format!(
                            "video failed to load: media/{}/{}.mp4",
                            e.id, e.scenes[si].id
                        ),
                        exhibit: Some(e.id.into()),
                        dropped: None,
                    },
                );
            }
            // Back once more to the same scene now and then; else on, or away.
            if chance(v.rng, 0.05) {
                continue;
            }
            si += 1;
            if chance(v.rng, 0.12 + 0.06 * si as f64) {
                break;
            }
        }
    }
    let (end, reason, idle) = if closing {
        (t, EndReason::Shutdown, 0)
    } else if chance(v.rng, 0.45) {
        (t + idle_reset_ms, EndReason::Idle, idle_reset_ms)
    } else {
        (t + skewed(v.rng, 1500.0, 0.4), EndReason::Home, 0)
    };
    let idle_ms = idle as u64;
    v.exit(end, (reason == EndReason::Idle).then_some(idle_ms));
    v.out.emit(
        end,
        &Event::SessionEnd {
            session: v.id.clone(),
            reason,
            duration_ms: (end - start) as u64,
            idle_ms,
        },
    );
    (end, logged)
}

/// One kiosk's day, in one file, with about `budget` events.
#[allow(clippy::too_many_arguments)]
fn day(
    path: &Path,
    kiosk: &str,
    date: Date,
    version: &str,
    idle_reset_ms: i64,
    budget: u64,
    rng: &mut Rng,
    pace: &mut Pace,
    sessions: &mut u64,
) -> std::io::Result<(u64, u64)> {
    let midnight = Timestamp::at_midnight(date).0;
    let mut out = Out::new(path, kiosk)?;
    let open = midnight + OPEN_UTC + rng.i64(0..10 * MIN);
    let close = midnight + CLOSE_UTC;
    out.start(open, version);
    // Spread the visits expected today over the opening hours.
    let heartbeats = ((close - open) / HEARTBEAT_MS) as f64;
    let per_visit = pace.events / pace.sessions;
    let expected = ((budget as f64 - heartbeats - 2.0) / per_visit).max(1.0);
    let ms_per_visit = pace.ms / pace.sessions;
    let mean_gap = ((close - open) as f64 / expected - ms_per_visit).max(3000.0);
    let power_cut_at_end = chance(rng, 0.015);
    let mut crash = if chance(rng, 0.012) {
        Some(if chance(rng, 0.3) {
            Damage::Zeros
        } else {
            Damage::HalfLine
        })
    } else {
        None
    };
    if chance(rng, 0.005) {
        let dropped = rng.u64(1..40);
        out.emit(
            open + 2 * SEC,
            &Event::Error {
                message: "events could not be written".into(),
                exhibit: None,
                dropped: Some(dropped),
            },
        );
    }
    let mut t = open + 20 * SEC + exponential(rng, mean_gap);
    let mut last_end = open;
    loop {
        let left = budget.saturating_sub(out.events + out.heartbeats_before(close.max(t)) + 1);
        // No visit starts after closing time, unless the day is too busy to fit its share
        // of the events (then late visits, never past the end of the UTC day).
        if (left as f64) < per_visit / 2.0
            || (t > close && mean_gap > 3000.0)
            || t >= midnight + LAST_UTC - HOUR
        {
            break;
        }
        if let Some(damage) = crash
            && out.events * 2 >= budget
        {
            out.cut_at = Some((out.events + rng.u64(1..20), damage));
            crash = None;
        }
        let closing = t > close && chance(rng, 0.1);
        let before = out.events;
        let (end, logged) = visit(&mut out, rng, t, idle_reset_ms, closing);
        *sessions += logged as u64;
        pace.sessions += 1.0;
        pace.events += (out.events - before) as f64;
        pace.ms += (end - t) as f64;
        t = end;
        last_end = end;
        if closing {
            break;
        }
        if out.dead {
            // Back after a reboot; the visit in progress never ended.
            t += rng.i64(60 * SEC..180 * SEC);
            out.start(t, version);
        }
        t += exponential(rng, mean_gap) + SEC;
    }
    // Closed at closing time, or as the last visitor of a busy day leaves.
    let stop = (last_end + 5 * SEC).max(close).min(midnight + LAST_UTC);
    if power_cut_at_end {
        out.heartbeats_until(stop);
        out.torn_end(stop);
    } else {
        out.emit(
            stop,
            &Event::KioskStop {
                reason: "exit".into(),
            },
        );
    }
    // On disk before the timing starts, so that write-back does not compete with it.
    out.w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok((out.events, out.bad_lines))
}

fn kiosk_count(events: u64) -> u64 {
    MIN_KIOSKS.max(events.div_ceil(DAYS as u64 * MAX_EVENTS_PER_FILE))
}

fn kiosk_id(i: u64) -> String {
    let hall = ["a", "b", "c", "d"][(i % 4) as usize];
    format!("hall-{hall}-{:02}", i / 4 + 1)
}

fn generate(logs: &Path, requested: u64) -> std::io::Result<Generated> {
    let started = Instant::now();
    let kiosks = kiosk_count(requested);
    let files = kiosks * DAYS as u64;
    let mut rng = Rng::with_seed(SEED);
    let mut g = Generated {
        requested,
        kiosks,
        files,
        ..Default::default()
    };
    let mut pace = Pace {
        sessions: 1.0,
        events: 22.0,
        ms: 150_000.0,
    };
    let first = FIRST_DAY.days_since_epoch();
    for k in 0..kiosks {
        let kiosk = kiosk_id(k);
        let dir = logs.join(&kiosk);
        fs::create_dir_all(&dir)?;
        let upgrade_day = rng.u32(20..40);
        let idle_reset_ms = if k % 3 == 0 { 75 * SEC } else { 90 * SEC };
        for d in 0..DAYS {
            let date = Date::from_days_since_epoch(first + d as i64);
            let index = k * DAYS as u64 + d as u64;
            // Share the total out so that the overshoot of one file is taken from the next.
            let budget = (requested * (index + 1) / files).saturating_sub(g.events);
            let version = if d < upgrade_day { "0.9.3" } else { "0.10.0" };
            let path = dir.join(format!("{date}.jsonl"));
            let (events, bad) = day(
                &path,
                &kiosk,
                date,
                version,
                idle_reset_ms,
                budget,
                &mut rng,
                &mut pace,
                &mut g.sessions,
            )?;
            g.events += events;
            g.bad_lines += bad;
            g.bytes += fs::metadata(&path)?.len();
        }
    }
    g.seconds = started.elapsed().as_secs_f64();
    Ok(g)
}

/// The data for `requested` events under `dir`: reused if the marker says they are there.
fn data(dir: &Path, requested: u64) -> std::io::Result<(Generated, bool)> {
    let marker = dir.join("generated.txt");
    let logs = dir.join("logs");
    if let Ok(text) = fs::read_to_string(&marker)
        && let Some(g) = Generated::from_text(&text)
        && g.requested == requested
        && logs.is_dir()
    {
        return Ok((g, true));
    }
    let _ = fs::remove_file(&marker);
    if logs.exists() {
        fs::remove_dir_all(&logs)?;
    }
    fs::create_dir_all(&logs)?;
    let g = generate(&logs, requested)?;
    fs::write(&marker, g.to_text())?;
    Ok((g, false))
}

// ---------------------------------------------------------------------------------------
// Measuring.

/// Reads every `.jsonl` file under `dir` once, so that both readers timed find the data in
/// the page cache (on this machine idle file pages are paged out within minutes).
/// Returns the bytes read and the seconds taken.
fn warm_page_cache(dir: &Path) -> (u64, f64) {
    fn walk(dir: &Path, buf: &mut [u8], bytes: &mut u64) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, buf, bytes);
            } else if path.extension().is_some_and(|e| e == "jsonl")
                && let Ok(mut f) = File::open(&path)
            {
                while let Ok(n) = std::io::Read::read(&mut f, buf) {
                    if n == 0 {
                        break;
                    }
                    *bytes += n as u64;
                }
            }
        }
    }
    let started = Instant::now();
    let mut buf = vec![0u8; 1 << 20];
    let mut bytes = 0;
    walk(dir, &mut buf, &mut bytes);
    (bytes, started.elapsed().as_secs_f64())
}

/// A line of /proc/self/status, in kB.
fn status_kb(key: &str) -> Option<u64> {
    let text = fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Starts the peak RSS afresh (Linux: writing 5 to clear_refs resets VmHWM).
fn reset_peak_rss() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kb: Option<u64>) -> String {
    kb.map_or("unknown".into(), |kb| {
        format!("{:.1} MiB", kb as f64 / 1024.0)
    })
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn parse_count(s: &str) -> u64 {
    let digits: String = s.chars().filter(|c| *c != '_' && *c != ',').collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("not a number of events: {s:?}"))
}

// ---------------------------------------------------------------------------------------
// DuckDB.

fn workspace_target() -> PathBuf {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    target.canonicalize().unwrap_or(target)
}

fn python_with_duckdb() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("DUCKDB_PYTHON") {
        candidates.push(p.into());
    }
    candidates.push(workspace_target().join("duckdb-venv/bin/python"));
    candidates.push("python3".into());
    candidates.into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import duckdb"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Splits one CSV line (RFC 4180 quoting; no newlines inside fields here).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// exhibit → (visits, median dwell s) from a CSV with those columns.
fn exhibit_figures(csv: &str) -> Result<BTreeMap<String, (u64, f64)>, String> {
    let mut lines = csv.lines().filter(|l| !l.is_empty());
    let header = csv_fields(lines.next().ok_or("empty table")?);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let (e, v, m) = (col("exhibit")?, col("visits")?, col("median_dwell_s")?);
    let mut out = BTreeMap::new();
    for line in lines {
        let f = csv_fields(line);
        let get = |i: usize| f.get(i).map(String::as_str).unwrap_or("");
        let visits = get(v)
            .parse()
            .map_err(|_| format!("bad visits in {line:?}"))?;
        let median = get(m)
            .parse()
            .map_err(|_| format!("bad median in {line:?}"))?;
        out.insert(get(e).to_owned(), (visits, median));
    }
    Ok(out)
}

/// Runs the DuckDB script; prints its table, the times and the check. Returns DuckDB's
/// seconds, if it ran.
fn duckdb(logs: &Path, exhibits_csv: &Path, ours_s: f64, ours_read_s: f64) -> Option<f64> {
    println!();
    println!("== DuckDB: the same two figures per exhibit, from the same files ==");
    let Some(python) = python_with_duckdb() else {
        println!("skipped: no Python with the duckdb module (tried $DUCKDB_PYTHON,");
        println!("target/duckdb-venv/bin/python, python3). To install, from the workspace:");
        println!(
            "  python3 -m venv target/duckdb-venv && target/duckdb-venv/bin/pip install duckdb"
        );
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/duckdb_exhibits.py");
    println!("python:        {}", python.display());
    let (warm_bytes, warm_s) = warm_page_cache(logs);
    println!(
        "page cache:    warmed by reading {} bytes in {warm_s:.2} s (not timed)",
        thousands(warm_bytes)
    );
    let started = Instant::now();
    let output = match Command::new(&python).arg(&script).arg(logs).output() {
        Ok(o) => o,
        Err(e) => {
            println!("could not run {}: {e}", script.display());
            return None;
        }
    };
    let wall = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        println!("the DuckDB script failed ({}):", output.status);
        println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    let mut table = String::new();
    let mut elapsed = None;
    for line in stdout.lines() {
        if let Some(s) = line.strip_prefix("elapsed_s=") {
            elapsed = s.trim().parse::<f64>().ok();
        } else if let Some(v) = line.strip_prefix("duckdb=") {
            println!("duckdb:        {v}");
        } else {
            table.push_str(line);
            table.push('\n');
        }
    }
    print!("{table}");
    let Some(duck_s) = elapsed else {
        println!("no elapsed_s= line in the script's output");
        return None;
    };
    println!("DuckDB query:  {duck_s:.3} s (process with Python start-up: {wall:.3} s)");
    println!(
        "our report:    {ours_s:.3} s (read + analyse + write HTML and CSV; read alone {ours_read_s:.3} s)"
    );
    if ours_s <= duck_s {
        println!(
            "ratio:         ours is {:.2}x as fast as DuckDB",
            duck_s / ours_s
        );
    } else {
        println!(
            "ratio:         ours takes {:.2}x DuckDB's time ({:.3} s more)",
            ours_s / duck_s,
            ours_s - duck_s
        );
    }

    let duck = match exhibit_figures(&table) {
        Ok(t) => t,
        Err(e) => {
            println!("check: cannot read DuckDB's table: {e}");
            return Some(duck_s);
        }
    };
    let ours = match fs::read_to_string(exhibits_csv)
        .map_err(|e| e.to_string())
        .and_then(|t| exhibit_figures(&t))
    {
        Ok(t) => t,
        Err(e) => {
            println!("check: cannot read {}: {e}", exhibits_csv.display());
            return Some(duck_s);
        }
    };
    let mut diffs = Vec::new();
    let ids: std::collections::BTreeSet<&String> = duck.keys().chain(ours.keys()).collect();
    for id in ids {
        match (ours.get(id), duck.get(id)) {
            (Some(&(ov, om)), Some(&(dv, dm))) => {
                if ov != dv {
                    diffs.push(format!("{id}: visits ours {ov} DuckDB {dv}"));
                }
                if (om - dm).abs() > 0.001 + 1e-9 {
                    diffs.push(format!("{id}: median_dwell_s ours {om:.3} DuckDB {dm:.6}"));
                }
            }
            (Some(_), None) => diffs.push(format!("{id}: in exhibits.csv, not in DuckDB's")),
            (None, Some(_)) => diffs.push(format!("{id}: in DuckDB's, not in exhibits.csv")),
            (None, None) => {}
        }
    }
    if diffs.is_empty() {
        println!(
            "check:         MATCH ({} exhibits: visits equal, median dwell within 0.001 s)",
            duck.len()
        );
    } else {
        println!("check:         DIFFERENT");
        for d in diffs {
            println!("  {d}");
        }
    }
    Some(duck_s)
}

// ---------------------------------------------------------------------------------------

fn main() {
    // Cargo passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let requested = args.first().map_or(DEFAULT_EVENTS, |a| parse_count(a));
    let dir = args
        .get(1)
        .map_or_else(|| workspace_target().join("report-bench"), PathBuf::from);
    fs::create_dir_all(&dir).expect("making the output folder");
    let dir = dir.canonicalize().expect("the output folder");
    let logs = dir.join("logs");
    let report_dir = dir.join("report");
    let xapi_path = dir.join("xapi.jsonl");

    println!(
        "== usage-log report benchmark: {} events ==",
        thousands(requested)
    );
    let (g, reused) = data(&dir, requested).expect("generating the bench data");
    println!(
        "data:          {} ({} kiosks x {DAYS} days = {} files)",
        logs.display(),
        g.kiosks,
        g.files
    );
    println!(
        "generation:    {} events, {} sessions, {} bad lines, {} bytes, {:.1} s written and synced{}",
        thousands(g.events),
        thousands(g.sessions),
        g.bad_lines,
        thousands(g.bytes),
        g.seconds,
        if reused {
            " (earlier; reused)"
        } else {
            " (now)"
        }
    );

    let (warm_bytes, warm_s) = warm_page_cache(&logs);
    println!(
        "page cache:    warmed by reading {} bytes in {warm_s:.2} s (not timed)",
        thousands(warm_bytes)
    );

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let reset = reset_peak_rss();
    let content = content_info();
    let options = Options {
        utc_offset_minutes: UTC_OFFSET_MIN,
        lang: "en".into(),
    };

    let t0 = Instant::now();
    let data = report::read(std::slice::from_ref(&logs), &Filter::default(), threads)
        .expect("reading the logs");
    let t_read = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let rep = report::analyse(&data, Some(&content), &options);
    let t_analyse = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let written = report::write(&data, &rep, &report_dir, None).expect("writing the report");
    let t_write = t2.elapsed().as_secs_f64();
    let total = t0.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:");

    let skipped: u64 = data.skipped.iter().sum();
    println!();
    println!("== our report: read + analyse + write (HTML + CSV), {threads} threads ==");
    println!("read:          {t_read:.3} s");
    println!("analyse:       {t_analyse:.3} s");
    println!(
        "write:         {t_write:.3} s ({} files in {})",
        written.files.len(),
        report_dir.display()
    );
    println!("total:         {total:.3} s");
    println!(
        "events:        {} (+ {skipped} unreadable lines skipped)",
        thousands(data.events)
    );
    println!("bytes:         {}", thousands(data.bytes));
    println!(
        "events/s:      {}",
        thousands((data.events as f64 / total) as u64)
    );
    println!("MB/s:          {:.1}", data.bytes as f64 / 1e6 / total);
    println!(
        "peak RSS:      {} (VmHWM{})",
        mib(peak),
        if reset {
            ", reset after generation"
        } else {
            ", includes generation"
        }
    );
    println!("sessions:      {}", thousands(data.sessions.len() as u64));
    if data.events != g.events || skipped != g.bad_lines || data.sessions.len() as u64 != g.sessions
    {
        println!(
            "WARNING: generated {} events, {} bad lines, {} sessions; the report read {}, {}, {}",
            g.events,
            g.bad_lines,
            g.sessions,
            data.events,
            skipped,
            data.sessions.len()
        );
    }

    // DuckDB next, on the same warm page cache (the xAPI file's write-back would slow it).
    duckdb(&logs, &report_dir.join("exhibits.csv"), total, t_read);

    // The xAPI export on its own.
    let x = XapiOptions {
        path: xapi_path.clone(),
        base: "https://museum.example/xapi".into(),
    };
    let t3 = Instant::now();
    let file = File::create(&x.path).expect("creating the xAPI file");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let statements =
        report::xapi::write(&data, &rep, &x.base, &mut w).expect("writing the xAPI file");
    w.flush().expect("writing the xAPI file");
    drop(w);
    let t_xapi = t3.elapsed().as_secs_f64();
    let xapi_bytes = fs::metadata(&x.path).map_or(0, |m| m.len());
    println!();
    println!("== xAPI export ==");
    println!(
        "xAPI:          {} statements, {} bytes in {t_xapi:.3} s = {} statements/s ({})",
        thousands(statements),
        thousands(xapi_bytes),
        thousands((statements as f64 / t_xapi) as u64),
        x.path.display()
    );
    println!("peak RSS:      {} (VmHWM so far)", mib(status_kb("VmHWM:")));
    // Leave the disk quiet for whatever runs next (not timed).
    if let Ok(f) = File::open(&x.path) {
        let _ = f.sync_all();
    }
}
