//! `kiosk snapshot` renders a scene to a PNG with nobody at the screen (under Xvfb with
//! software rendering, as on CI).

use std::process::Command;

fn xvfb_run() -> Option<&'static str> {
    let found = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .ok()?
        .status
        .success();
    found.then_some("xvfb-run")
}

#[test]
fn snapshot_writes_the_scene_as_a_png() {
    let Some(xvfb) = xvfb_run() else {
        // scripts/test.sh (and so CI) installs Xvfb; only a bare `cargo test` gets here.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have xvfb-run (scripts/setup.sh installs it)"
        );
        eprintln!("skipped: xvfb-run is not installed (scripts/test.sh installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("feedback.png");
    let status = Command::new(xvfb)
        .args([
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            env!("CARGO_BIN_EXE_kiosk"),
            "snapshot",
            "exhibits/earthquake-safety",
        ])
        .args([
            "--scene",
            "basics",
            "--lang",
            "en",
            "--question",
            "2",
            "--choose",
            "1",
            "--size",
            "1280x720",
            "--out",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "snapshot exited with {status}");
    let img = image::open(&out).expect("a readable PNG").to_rgba8();
    assert_eq!(img.dimensions(), (1280, 720));
    // Something was drawn: the kiosk background, text and the verdict banner's colour.
    let mut colours = std::collections::HashSet::new();
    for p in img.pixels().step_by(7) {
        colours.insert(p.0);
    }
    assert!(
        colours.len() > 50,
        "a real screen has many colours, got {}",
        colours.len()
    );
    let background = [0x0d, 0x16, 0x24, 0xff];
    assert!(
        img.pixels().any(|p| p.0 == background),
        "the kiosk background is there"
    );
}

#[test]
fn snapshot_of_a_missing_scene_fails_with_a_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_kiosk"))
        .args([
            "snapshot",
            "crates/exhibit-format/tests/fixtures/broken/typo-field",
            "--scene",
            "x",
            "--lang",
            "en",
            "--out",
            "/tmp/never.png",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown field `titel`") && err.contains("nothing to render"),
        "{err}"
    );
}
