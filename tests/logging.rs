//! The usage log from a visitor's side: a touch visit and a gamepad visit write the
//! events the schema promises, in order; a log folder that cannot be written leaves the
//! kiosk running; the report turns the logs into the files a venue manager opens.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::visit::{SceneState, Visit};
use kiosk::kiosk_app::usage::UsageLog;
use serde_json::Value;

use crate::support::{Kiosk, bundled_content, copy_dir};

/// A kiosk on the bundled exhibits logging under `folder` as kiosk "test-kiosk".
fn logging_kiosk(folder: &Path) -> Kiosk {
    logging_kiosk_on(bundled_content(), folder)
}

/// A kiosk showing `content`, logging under `folder` as kiosk "test-kiosk".
fn logging_kiosk_on(content: kiosk::kiosk_app::Content, folder: &Path) -> Kiosk {
    let log = UsageLog::start(folder, "test-kiosk");
    Kiosk::with(content, move |app| {
        app.insert_resource(log);
    })
}

/// The content of an exhibits folder, as `kiosk run` would show it.
fn content_of(exhibits: &Path) -> kiosk::kiosk_app::Content {
    let ui = exhibit_format::ui_strings::UiStrings::builtin();
    let catalog = exhibit_format::catalog::Catalog::load(exhibits, &ui).unwrap();
    kiosk::kiosk_app::Content::from_catalog(&catalog, ui)
}

/// Stops the writer (it writes out everything on drop) and reads back every line.
fn stop_and_read(k: &mut Kiosk, folder: &Path) -> Vec<Value> {
    drop(k.app.world_mut().remove_resource::<UsageLog>());
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder.join("test-kiosk"))
        .expect("the kiosk's log folder exists")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("every line is JSON"))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn names(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect()
}

fn find<'a>(events: &'a [Value], name: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["event"] == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", names(events)))
}

/// The text of the right choice of the single-choice question on screen.
fn right_choice(k: &Kiosk, lang: &str) -> String {
    let content = bundled_content();
    let visit = k.resource::<Visit>();
    let ex = &content.exhibits[visit.exhibit.unwrap()].exhibit;
    let exhibit_format::exhibit::SceneKind::Quiz(quiz) = &ex.scenes[visit.scene].kind else {
        panic!("not a quiz")
    };
    let Some(SceneState::Quiz(run)) = &visit.scene_state else {
        panic!("no quiz")
    };
    let q = &quiz.questions[run.question_index().unwrap()];
    q.choices
        .iter()
        .find(|c| c.correct)
        .unwrap()
        .text
        .get(lang, "zh-Hans")
        .to_owned()
}

/// Every line has the envelope of schema v1.
fn assert_envelope(events: &[Value]) {
    for e in events {
        assert_eq!(e["v"], 1, "{e}");
        assert_eq!(e["kiosk"], "test-kiosk", "{e}");
        let ts = e["ts"].as_str().unwrap();
        assert!(
            usage_log::Timestamp::parse(ts).is_some() && ts.ends_with('Z') && ts.len() == 24,
            "{ts}"
        );
    }
}

/// A touch visit in English that switches language, answers a question and walks away.
fn touch_visit(k: &mut Kiosk) {
    k.tap("English");
    k.tap("中文");
    k.tap("English");
    k.tap("When the Earth Shakes");
    k.tap("Start");
    let right = right_choice(k, "en");
    k.tap(&right);
    k.wait(61.0);
    k.wait(30.0);
    assert_eq!(k.screen(), Screen::Attract);
}

#[test]
fn a_touch_visit_logs_its_start_scene_answer_language_and_walk_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = logging_kiosk(dir.path());
    touch_visit(&mut k);
    let events = stop_and_read(&mut k, dir.path());
    assert_envelope(&events);
    assert_eq!(
        names(&events),
        [
            "kiosk_start",
            "session_start",
            "language_change",
            "language_change",
            "scene_enter",
            "quiz_answer",
            "scene_exit",
            "session_end"
        ]
    );
    let start = find(&events, "session_start");
    assert_eq!(
        (start["lang"].as_str(), start["input"].as_str()),
        (Some("en"), Some("touch"))
    );
    let session = start["session"].as_str().unwrap();
    assert!(session.len() == 16 && session.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(events[1..].iter().all(|e| e["session"] == session));
    assert_eq!(events[2]["lang"], "zh-Hans");
    assert_eq!(events[3]["lang"], "en");

    let enter = find(&events, "scene_enter");
    assert_eq!(
        (
            enter["exhibit"].as_str(),
            enter["scene"].as_str(),
            enter["kind"].as_str()
        ),
        (Some("earthquake-safety"), Some("basics"), Some("quiz"))
    );
    let answer = find(&events, "quiz_answer");
    assert_eq!(answer["correct"], true);
    assert_eq!(answer["scene"], "basics");
    assert_eq!(answer["choice"].as_array().unwrap().len(), 1);
    assert!(answer["question"].as_str().is_some_and(|q| !q.is_empty()));

    // Left by the idle reset, 90 s after the last touch.
    let exit = find(&events, "scene_exit");
    let dwell = exit["dwell_ms"].as_u64().unwrap();
    let idle = exit["idle_ms"].as_u64().unwrap();
    assert!((90_000..=91_500).contains(&idle), "idle {idle}");
    assert!(dwell > idle && dwell < idle + 5_000, "dwell {dwell}");
    let end = find(&events, "session_end");
    assert_eq!(end["reason"], "idle");
    assert!((90_000..=91_500).contains(&end["idle_ms"].as_u64().unwrap()));
    assert!(end["duration_ms"].as_u64().unwrap() >= dwell);
}

#[test]
fn a_gamepad_visit_logs_back_home_and_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = logging_kiosk(dir.path());
    k.press(GamepadButton::South); // start, default language
    k.press(GamepadButton::DPadRight);
    k.press(GamepadButton::South); // open the second exhibit
    k.press(GamepadButton::South); // start its quiz
    k.press(GamepadButton::South); // answer with the focused choice
    k.press(GamepadButton::East); // back to the list
    assert_eq!(k.screen(), Screen::Hub);
    k.press(GamepadButton::East); // and out: the visit ends
    assert_eq!(k.screen(), Screen::Attract);
    k.press(GamepadButton::South); // the next visitor
    assert_eq!(k.screen(), Screen::Hub);
    k.app.world_mut().write_message(AppExit::Success);
    k.frames(1);
    let events = stop_and_read(&mut k, dir.path());
    assert_envelope(&events);
    assert_eq!(
        names(&events),
        [
            "kiosk_start",
            "session_start",
            "scene_enter",
            "quiz_answer",
            "scene_exit",
            "session_end",
            "session_start",
            "session_end",
            "kiosk_stop"
        ]
    );
    assert_eq!(events[1]["input"], "gamepad");
    assert_eq!(events[1]["lang"], "zh-Hans");
    assert_eq!(events[2]["exhibit"], "healthy-ageing");
    assert!(
        events[4].get("idle_ms").is_none(),
        "left by Back, not by walking away"
    );
    assert_eq!(events[5]["reason"], "home");
    assert_eq!(events[5]["idle_ms"], 0);
    assert_ne!(
        events[1]["session"], events[6]["session"],
        "a new visitor, a new id"
    );
    assert_eq!(events[7]["reason"], "shutdown");
    assert_eq!(events[8]["reason"], "exit");
}

#[test]
fn a_log_folder_that_cannot_be_written_leaves_the_kiosk_running() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: unwritable even for root.
    let blocked = dir.path().join("logs");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut k = logging_kiosk(&blocked);
    touch_visit(&mut k);
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub, "the kiosk carries on");
    let mut health = k.resource::<UsageLog>().health();
    for _ in 0..200 {
        if health.dropped >= 8 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        health = k.resource::<UsageLog>().health();
    }
    assert!(health.failing);
    assert!(health.dropped >= 8, "{health:?}");
    assert_eq!(health.written, 0);
}

#[test]
fn the_report_turns_kiosk_logs_into_csv_html_and_xapi() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    let mut k = logging_kiosk(&logs);
    touch_visit(&mut k);
    k.press(GamepadButton::South);
    k.press(GamepadButton::DPadRight);
    k.press(GamepadButton::South);
    k.press(GamepadButton::South);
    k.press(GamepadButton::South);
    k.wait(61.0);
    k.wait(30.0);
    stop_and_read(&mut k, &logs);
    // A power cut's half line at the end must not matter.
    let file = std::fs::read_dir(logs.join("test-kiosk"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text += r#"{"v":1,"ts":"2026-"#;
    std::fs::write(&file, text).unwrap();

    let out = dir.path().join("report");
    let xapi = dir.path().join("statements.jsonl");
    let args = kiosk::cli::report::ReportArgs {
        logs: vec![logs],
        out: out.clone(),
        from: None,
        to: None,
        kiosks: vec![],
        exhibits: Some(PathBuf::from("kiosk.ron")),
        lang: Some("en".into()),
        utc_offset_minutes: 8 * 60,
        xapi: Some(xapi.clone()),
        xapi_base: "https://museum.example/kiosk".into(),
    };
    let mut said = Vec::new();
    kiosk::cli::report::run(&args, &mut said).unwrap();
    let said = String::from_utf8(said).unwrap();
    assert!(
        said.contains("2 visits; 1 unreadable lines skipped"),
        "{said}"
    );

    let exhibits = std::fs::read_to_string(out.join("exhibits.csv")).unwrap();
    let mut rows = exhibits.lines();
    assert!(
        rows.next()
            .unwrap()
            .starts_with("exhibit,title,visits,median_dwell_s")
    );
    let quake: Vec<&str> = exhibits
        .lines()
        .find(|l| l.starts_with("earthquake-safety,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(quake[1], "When the Earth Shakes");
    assert_eq!(quake[2], "1");
    let dwell: f64 = quake[3].parse().unwrap();
    assert!((90.0..100.0).contains(&dwell), "{dwell}");
    assert!(
        // A title with a comma is quoted.
        exhibits
            .lines()
            .any(|l| l.starts_with("healthy-ageing,\"Growing Older, Staying Well\",1,")),
        "{exhibits}"
    );
    // Exhibits nobody opened are listed too, with no visits.
    assert!(
        exhibits
            .lines()
            .any(|l| l.starts_with("carbon-neutral,\"Carbon Neutral, Explained\",0,"))
    );

    let items = std::fs::read_to_string(out.join("quiz_items.csv")).unwrap();
    assert!(items.starts_with("exhibit,scene,question,responses,p_correct"));
    assert!(
        items
            .lines()
            .any(|l| l.starts_with("earthquake-safety,basics,") && l.contains(",1,1.000,")),
        "{items}"
    );

    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        page.contains("When the Earth Shakes")
            && page.contains("<svg")
            && !page.contains("<script")
    );
    assert!(page.contains("UTC+08:00"));

    let statements = std::fs::read_to_string(&xapi).unwrap();
    assert!(statements.lines().count() >= 8);
    validate_xapi(&xapi);
}

/// Checks the statements with Learning Locker's `xapi-validation` (npm), an independent
/// implementation of the xAPI 1.0.3 rules. `scripts/setup.sh test` installs it under
/// `target/tools/xapi`; `XAPI_VALIDATOR` names another install.
fn validate_xapi(file: &Path) {
    let dir = std::env::var_os("XAPI_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/xapi"));
    let module = dir.join("node_modules/xapi-validation");
    if !module.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the xAPI validator is missing at {}: run scripts/setup.sh test",
            module.display()
        );
        eprintln!("SKIPPED the independent xAPI check: run scripts/setup.sh test to install it");
        return;
    }
    let out = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/validate-xapi.js"))
        .arg(file)
        .env("NODE_PATH", dir.join("node_modules"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "xapi-validation rejects statements:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_picture_that_goes_missing_is_logged_as_an_error_of_its_exhibit() {
    let dir = tempfile::tempdir().unwrap();
    let exhibits = dir.path().join("exhibits");
    copy_dir(Path::new("exhibits"), &exhibits);
    let content = content_of(&exhibits);
    // Removed after validation, as a technician's careless copy might.
    std::fs::remove_file(exhibits.join("healthy-ageing/thumbnail.png")).unwrap();
    let logs = dir.path().join("logs");
    let mut k = logging_kiosk_on(content, &logs);
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub, "the hub shows without the picture");
    let events = stop_and_read(&mut k, &logs);
    let error = find(&events, "error");
    assert_eq!(error["exhibit"], "healthy-ageing");
    assert!(
        error["message"].as_str().unwrap().contains("thumbnail.png"),
        "{error}"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_ends_the_visit_and_logs_a_clean_stop() {
    let dir = tempfile::tempdir().unwrap();
    let log = UsageLog::start(dir.path(), "test-kiosk");
    let mut k = Kiosk::with(bundled_content(), move |app| {
        app.insert_resource(log)
            .add_plugins(kiosk::kiosk_app::unattended::stop_signal::plugin);
    });
    k.tap("English");
    // What `systemctl stop` sends; the kiosk's handler replaces the default (death).
    signal_hook::low_level::raise(signal_hook::consts::SIGTERM).unwrap();
    let asked = k
        .resource::<kiosk::kiosk_app::unattended::stop_signal::StopRequested>()
        .0
        .clone();
    for _ in 0..200 {
        if asked.load(std::sync::atomic::Ordering::SeqCst) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    k.frames(1);
    let events = stop_and_read(&mut k, dir.path());
    assert_eq!(
        names(&events),
        ["kiosk_start", "session_start", "session_end", "kiosk_stop"]
    );
    assert_eq!(events[2]["reason"], "shutdown");
    assert_eq!(events[3]["reason"], "signal");
}

#[test]
fn an_exhibit_left_out_is_logged_with_its_first_error() {
    let dir = tempfile::tempdir().unwrap();
    let exhibits = dir.path().join("exhibits");
    copy_dir(
        Path::new("exhibits/carbon-neutral"),
        &exhibits.join("carbon-neutral"),
    );
    copy_dir(
        Path::new("crates/exhibit-format/tests/fixtures/broken/typo-field"),
        &exhibits.join("typo-field"),
    );
    let content = content_of(&exhibits);
    let logs = dir.path().join("logs");
    let mut k = logging_kiosk_on(content, &logs);
    let events = stop_and_read(&mut k, &logs);
    let error = find(&events, "error");
    assert_eq!(error["exhibit"], "typo-field");
    let message = error["message"].as_str().unwrap();
    assert!(message.starts_with("exhibit left out: "), "{message}");
    assert!(
        message.contains("exhibit.ron:"),
        "file, line and column: {message}"
    );
}

#[test]
fn the_report_refuses_an_empty_period_and_names_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = kiosk::cli::report::ReportArgs {
        logs: vec![dir.path().join("no-such-logs")],
        out: dir.path().join("out"),
        from: None,
        to: None,
        kiosks: vec![],
        exhibits: None,
        lang: None,
        utc_offset_minutes: 0,
        xapi: None,
        xapi_base: "https://museum.example/kiosk".into(),
    };
    let err = kiosk::cli::report::run(&args, &mut Vec::new()).unwrap_err();
    assert!(format!("{err:#}").contains("no-such-logs"), "{err:#}");
    args.from = usage_log::Date::parse("2026-11-28");
    args.to = usage_log::Date::parse("2026-11-01");
    let err = kiosk::cli::report::run(&args, &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("after --to"), "{err}");
    assert!(!args.out.exists(), "nothing written");
}

/// The `interaction` events, as (control, value), each checked to be on `exhibit`'s
/// `scene`.
fn interactions(events: &[Value], exhibit: &str, scene: &str) -> Vec<(String, Value)> {
    events
        .iter()
        .filter(|e| e["event"] == "interaction")
        .map(|e| {
            assert_eq!(e["exhibit"], exhibit);
            assert_eq!(e["scene"], scene);
            (
                e["control"].as_str().unwrap().to_owned(),
                e["value"].clone(),
            )
        })
        .collect()
}

#[test]
fn demonstration_controls_are_logged_as_interactions() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = logging_kiosk(dir.path());
    k.tap("English");
    k.tap("The Pendulum's Beat");
    let slider = k.rect_of("Length");
    k.drag(
        Vec2::new(slider.center().x, slider.bottom() - 30.0),
        Vec2::new(slider.right() + 40.0, slider.bottom() - 30.0),
    );
    k.tap("Pause");
    k.tap("Reset");
    let events = stop_and_read(&mut k, dir.path());
    let used = interactions(&events, "pendulum", "swing");
    assert_eq!(
        used,
        vec![
            ("length".to_owned(), Value::from(2.0)),
            ("play".to_owned(), Value::from(false)),
            ("reset".to_owned(), Value::Null),
        ],
        "one event per finished change: the slider on release, not every frame of the drag"
    );
}

#[test]
fn animation_controls_are_logged_as_interactions() {
    let dir = tempfile::tempdir().unwrap();
    let content = content_of(Path::new("crates/exhibit-format/tests/fixtures/animation"));
    let mut k = logging_kiosk_on(content, dir.path());
    k.tap("English");
    k.tap("Where Rain Comes From");
    k.tap("Pause");
    k.tap("Next chapter");
    let bar = k.rect_of("Position");
    // Three quarters along the track (24 points in from each end): 9 s of 12.
    k.tap_at(Vec2::new(
        bar.left() + 24.0 + 0.75 * (bar.width() - 48.0),
        bar.center().y,
    ));
    k.tap("Replay");
    let events = stop_and_read(&mut k, dir.path());
    let used = interactions(&events, "rain", "film");
    assert_eq!(
        used,
        vec![
            ("play".to_owned(), Value::from(false)),
            ("chapter".to_owned(), Value::from(2)),
            ("seek".to_owned(), Value::from(9.0)),
            ("replay".to_owned(), Value::Null),
        ]
    );
}
