//! The validator on broken fixtures: every problem at once, exact messages and positions.

use std::path::{Path, PathBuf};

use kiosk::catalog::Catalog;
use kiosk::ui_strings::UiStrings;

const BROKEN: &str = "tests/fixtures/broken";

fn headlines(path: &str) -> Vec<String> {
    let catalog = Catalog::load(Path::new(path), &UiStrings::builtin()).unwrap();
    catalog
        .problems()
        .into_iter()
        .map(|(d, _)| d.headline())
        .collect()
}

#[test]
fn reports_every_problem_of_an_exhibit_with_its_position() {
    let f = "tests/fixtures/broken/many-problems/exhibit.ron";
    let expected: Vec<String> = [
        "6:14: warning: summary has no `zh-Hans` text",
        "7:16: error: missing file `thumb.png`",
        "11:19: error: `next` links to scene `tow`, which does not exist",
        "17:32: error: `broken.png` is not a PNG or JPEG image this kiosk can read (Format error decoding Png: Invalid PNG signature.)",
        "17:32: warning: the image of question `q1` has no `image_alt`",
        "18:34: error: question `q1` has no correct answer",
        "25:29: error: duplicate question id `q1`",
        "27:32: error: `../../../etc/passwd` points outside the exhibit folder",
        "27:32: warning: the image of question `q1` has no `image_alt`",
        "28:34: error: single-choice question `q1` has 2 correct choices",
        "34:21: error: true/false question `q3` has no `answer`",
        "36:73: warning: question prompt has text in `fr`, which is not in the exhibit's languages",
        "38:38: warning: question `q3` has no explanation",
        "44:17: error: duplicate scene id `one`",
        "45:91: warning: the image of question `x` has no `image_alt`",
    ]
    .iter()
    .map(|s| format!("{f}:{s}"))
    .collect();
    assert_eq!(headlines("tests/fixtures/broken/many-problems"), expected);
}

#[test]
fn unknown_field_shows_the_line_a_caret_and_did_you_mean() {
    let catalog = Catalog::load(
        Path::new("tests/fixtures/broken/typo-field"),
        &UiStrings::builtin(),
    )
    .unwrap();
    let problems = catalog.problems();
    assert_eq!(problems.len(), 1);
    let (d, text) = problems[0];
    assert_eq!(
        d.render(Some(text)),
        "tests/fixtures/broken/typo-field/exhibit.ron:4:5: error: unknown field `titel` in `Exhibit`\n  |\n4 |     titel: {\"en\": \"Typo\"},\n  |     ^^^^^\n  = hint: did you mean `title`?\n"
    );
}

#[test]
fn syntax_error_points_past_the_missing_comma() {
    assert_eq!(
        headlines("tests/fixtures/broken/syntax-error"),
        vec!["tests/fixtures/broken/syntax-error/exhibit.ron:4:5: error: Expected comma"]
    );
}

#[test]
fn duplicate_exhibit_ids_leave_the_second_out() {
    let catalog = Catalog::load(Path::new(BROKEN), &UiStrings::builtin()).unwrap();
    let dup = headlines(BROKEN)
        .into_iter()
        .filter(|h| h.contains("duplicate exhibit id"))
        .collect::<Vec<_>>();
    assert_eq!(
        dup,
        vec!["tests/fixtures/broken/dup-b/exhibit.ron:2:9: error: duplicate exhibit id `same-id`"]
    );
    let shown: Vec<&str> = catalog
        .shown()
        .iter()
        .map(|e| e.title.get("en", "en"))
        .collect();
    assert_eq!(
        shown,
        vec!["First"],
        "only the first of the two, and none of the broken ones, is shown"
    );
}

#[test]
fn folder_without_exhibit_file_is_an_error() {
    let h = headlines(BROKEN);
    assert!(h.contains(&"tests/fixtures/broken/no-file/exhibit.ron: error: cannot read the exhibit file: No such file or directory (os error 2)".to_owned()), "{h:#?}");
}

#[test]
fn summary_line_counts_and_exit_status() {
    let mut out = Vec::new();
    let summary = kiosk::validate_cmd::run(&[PathBuf::from(BROKEN)], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().last().unwrap(),
        "8 exhibits, 7 scenes (2 animation, 1 demonstration, 4 quiz), 39 errors, 9 warnings"
    );
    assert_eq!(summary.errors, 39);

    let mut out = Vec::new();
    let summary =
        kiosk::validate_cmd::run(&[PathBuf::from("tests/fixtures/nowhere")], &mut out).unwrap();
    assert_eq!(summary.errors, 1, "a path that names nothing is an error");
}

#[test]
fn the_kiosk_binary_exits_1_on_errors_and_0_without() {
    let bin = env!("CARGO_BIN_EXE_kiosk");
    let bad = std::process::Command::new(bin)
        .args(["validate", BROKEN])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let good = std::process::Command::new(bin)
        .args(["validate", "exhibits", "kiosk.ron"])
        .output()
        .unwrap();
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
}

#[test]
fn demonstration_problems_point_into_the_expression() {
    let f = "tests/fixtures/broken/demo-problems/exhibit.ron";
    let expected: Vec<String> = [
        "12:90: error: default 200 of `amplitude` is outside its range 2 to 170",
        "13:26: error: `t` is taken: `t` is the simulated time",
        "17:45: error: `theta` cannot be used here: a starting value may use parameters only",
        "18:26: error: state variable `spare` has no equation",
        "21:39: error: this `(` is never closed",
        "22:42: error: unknown name `lenght`",
        "23:30: error: `omgea` has an equation but is not a state variable",
        "29:33: error: `y + 2theta` is not a comparison",
        "32:43: error: unknown name `height`",
        "32:76: error: `orange` is not a colour",
        "33:55: error: a minus sign before a power is ambiguous here",
        "35:28: error: `energy` is not a derived quantity",
    ]
    .iter()
    .map(|s| format!("{f}:{s}"))
    .collect();
    assert_eq!(headlines("tests/fixtures/broken/demo-problems"), expected);
    // The caret underlines the whole misspelt name, and the hint offers the right one.
    let catalog = Catalog::load(
        Path::new("tests/fixtures/broken/demo-problems"),
        &UiStrings::builtin(),
    )
    .unwrap();
    let (d, text) = catalog
        .problems()
        .into_iter()
        .find(|(d, _)| d.message.contains("lenght"))
        .unwrap();
    let shown = d.render(Some(text));
    assert!(shown.contains("^^^^^^"), "{shown}");
    assert!(shown.contains("did you mean `length`?"), "{shown}");
    assert_eq!(catalog.summary().scenes.get("demonstration"), Some(&1));
}

#[test]
fn animation_problems_point_at_the_keyframe_the_cue_and_the_subtitle_line() {
    let f = "tests/fixtures/broken/anim-problems/exhibit.ron";
    let vtt = "tests/fixtures/broken/anim-problems/narration/zh-Hans.vtt";
    let expected: Vec<String> = [
        format!(
            "{vtt}:6:1: error: cue starting at 1.5 s overlaps the one before, which runs to 2 s"
        ),
        format!("{f}:12:26: error: chapter at 0 s does not come after the one at 0 s"),
        format!(
            "{f}:19:32: error: cue starting at 1.8 s overlaps the one before, which runs to 2 s"
        ),
        // The narration's real length, read from the Ogg file.
        format!("{f}:20:41: error: cue runs to 9 s, past the end of the `en` narration (5.31 s)"),
        format!("{f}:27:33: error: `yellow` is not a colour"),
        format!("{f}:28:66: error: keyframe at 5 s comes after one at 8 s: keyframes out of order"),
        format!("{f}:30:67: error: no layer `sunn`"),
        format!("{f}:31:52: error: `../../etc/passwd` points outside the exhibit folder"),
        format!("{f}:31:52: warning: this picture has no `alt` text"),
        format!("{f}:38:35: error: missing file `narration/missing.ogg`"),
        format!("{f}:38:35: error: the `en` narration has no subtitles"),
        format!("{f}:39:40: error: `zh-Hans` has subtitles but no narration"),
        format!("{f}:40:69: error: `height` must be more than 0"),
        format!("{f}:40:80: error: scale -1 must be 0 or more"),
        // RON reads `inf` and `NaN`; they are no use as times or places.
        format!("{f}:40:88: error: `(inf, 2)` is not a usable position"),
    ]
    .to_vec();
    assert_eq!(headlines("tests/fixtures/broken/anim-problems"), expected);
    let catalog = Catalog::load(
        Path::new("tests/fixtures/broken/anim-problems"),
        &UiStrings::builtin(),
    )
    .unwrap();
    // A problem in the subtitle file shows that file's line, not the exhibit file's.
    let (d, text) = catalog
        .problems()
        .into_iter()
        .find(|(d, _)| d.file.ends_with("zh-Hans.vtt"))
        .unwrap();
    let shown = d.render(Some(text));
    assert!(
        shown.contains("6 | 00:00:01.500 --> 00:00:04.000"),
        "{shown}"
    );
    let parent = catalog
        .problems()
        .into_iter()
        .find(|(d, _)| d.message == "no layer `sunn`")
        .unwrap();
    assert_eq!(parent.0.hint.as_deref(), Some("did you mean `sun`?"));
    assert_eq!(catalog.summary().scenes.get("animation"), Some(&2));
}

#[test]
fn schedule_problems_in_the_kiosk_config_are_found() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(
        Path::new("exhibits/seasons"),
        &dir.path().join("exhibits/seasons"),
    );
    let cfg = dir.path().join("kiosk.ron");
    std::fs::write(
        &cfg,
        "(\n  schedule: (\n    weekly: [(days: [Mon], open: \"09:00\", close: \"25:00\")],\n    exceptions: [(date: \"2027-01-01\", playlist: [\"seasonz\"])],\n  ),\n)\n",
    )
    .unwrap();
    let lines: Vec<String> = headlines(cfg.to_str().unwrap())
        .into_iter()
        .map(|h| h.replace(&*dir.path().to_string_lossy(), "D"))
        .collect();
    assert_eq!(
        lines,
        [
            "D/kiosk.ron:3:50: error: `25:00` is not a time of day; write it as \"HH:MM\", e.g. \"09:30\"",
            "D/kiosk.ron:4:50: warning: the themed day shows `seasonz` first, but there is no such exhibit",
        ]
    );
}
