//! The validator on broken fixtures: every problem at once, exact messages and positions.

use std::path::{Path, PathBuf};

use exhibit_format::catalog::{Catalog, validate_paths};
use exhibit_format::ui_strings::UiStrings;

const BROKEN: &str = "tests/fixtures/broken";
/// The exhibits the kiosk ships, at the repository's root.
const BUNDLED: &str = "../../exhibits";

fn copy_dir(from: &Path, to: &Path) {
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
    let summary =
        validate_paths(&[PathBuf::from(BROKEN)], &UiStrings::builtin(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().last().unwrap(),
        "10 exhibits, 12 scenes (4 animation, 2 demonstration, 6 quiz), 43 errors, 21 warnings"
    );
    assert_eq!(summary.errors, 43);

    let mut out = Vec::new();
    let summary = validate_paths(
        &[PathBuf::from("tests/fixtures/nowhere")],
        &UiStrings::builtin(),
        &mut out,
    )
    .unwrap();
    assert_eq!(summary.errors, 1, "a path that names nothing is an error");
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
    copy_dir(
        &Path::new(BUNDLED).join("seasons"),
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

#[test]
fn accessibility_problems_are_warnings_at_the_value_at_fault() {
    let f = "tests/fixtures/broken/a11y-problems/exhibit.ron";
    let expected: Vec<String> = [
        // Measured with the kiosk's own fonts, at the larger text size, in each language.
        "5:42: warning: exhibit title does not fit its tile at larger text (zh-Hans): 5 lines, 335 px high; the tile holds 287 px",
        "5:42: warning: exhibit title does not fit the top bar at larger text (zh-Hans): 3643 px wide, the bar holds 905 px between Home and the language buttons",
        "9:27: warning: scene title does not fit the top bar at larger text (en): 1510 px wide, the bar holds 744 px between Home and the language buttons",
        "11:35: error: the `en` narration has no subtitles",
        // Contrast on the kiosk's own stage colour, the designer giving none.
        "13:128: warning: low contrast: text `#505a66` on the kiosk's stage background colour `#1f2d42` is 1.98:1, needs 4.5:1",
        "14:54: warning: this picture has no `alt` text",
        "21:52: warning: chapter title is cut short at larger text (en): 767 px wide, 531 px beside the player buttons",
        "23:60: warning: subtitle does not fit the caption bar at larger text (en): 6 lines at 53 px, the bar shows 4 lines 759 px wide",
        "33:46: warning: slider label runs into its value at larger text (en): 865 px wide, 454 px left beside the value",
        // The drawing is 1151 px wide on a 1920 × 1080 screen: x = -1.9 of a 4 m wide
        // view is 29 px from its left edge.
        "39:89: warning: touch target too small: a finger can take this shape within 74 px across, the kiosk's minimum is 88 px: it starts 29 px from the edge of the drawing, which cuts its grab area",
        "40:89: warning: label `#8a8a8a` on the drawing background `#000000` is 6.08:1: high-contrast mode asks 7:1",
        "41:33: warning: this picture has no `alt` text",
        "51:28: warning: the image of question `q` has no `image_alt`",
    ]
    .iter()
    .map(|s| format!("{f}:{s}"))
    .collect();
    assert_eq!(headlines("tests/fixtures/broken/a11y-problems"), expected);
}

#[test]
fn contrast_is_judged_on_the_shape_under_the_text() {
    // White text on a light sign fails; on a dark sign, or on a speck smaller than the
    // text passing behind it, it does not.
    let dir = tempfile::tempdir().unwrap();
    let ex = dir.path().join("signs");
    std::fs::create_dir(&ex).unwrap();
    std::fs::write(
        ex.join("exhibit.ron"),
        r##"(
    id: "signs",
    languages: ["en"],
    title: {"en": "Signs"},
    scenes: [(id: "a", kind: Animation(background: "#000000", layers: [
        (id: "light", shape: Rect(width: 300, height: 100), at: (400, 300), colour: "#ffd34d"),
        (id: "on-light", shape: Text(text: {"en": "Exit"}, size: 48), at: (400, 300)),
        (id: "dark", shape: Rect(width: 300, height: 100), at: (1000, 300), colour: "#0d6636"),
        (id: "on-dark", shape: Text(text: {"en": "Exit"}, size: 48), at: (1000, 300)),
        (id: "speck", shape: Circle(radius: 4), at: (800, 600), colour: "#ffffff"),
        (id: "over-speck", shape: Text(text: {"en": "Rain"}, size: 48), at: (800, 600)),
    ]))],
)"##,
    )
    .unwrap();
    let lines: Vec<String> = headlines(ex.to_str().unwrap())
        .into_iter()
        .map(|h| h.rsplit_once("exhibit.ron:").unwrap().1.to_owned())
        .collect();
    assert_eq!(
        lines,
        [
            "7:9: warning: low contrast: text `#ffffff` on layer `light` under it (seen as `#ffd34d`) is 1.43:1, needs 4.5:1"
        ]
    );
}

#[test]
fn bundled_exhibits_have_no_accessibility_warnings() {
    let catalog = Catalog::load(Path::new(BUNDLED), &UiStrings::builtin()).unwrap();
    let problems: Vec<String> = catalog
        .problems()
        .into_iter()
        .map(|(d, _)| d.headline())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn fonts_an_exhibit_adds_must_be_there_and_be_fonts() {
    assert_eq!(
        headlines(&format!("{BROKEN}/bad-font")),
        [
            "tests/fixtures/broken/bad-font/exhibit.ron:6:13: error: missing file `fonts/missing.ttf`",
            "tests/fixtures/broken/bad-font/exhibit.ron:6:34: error: `fonts/fake.ttf` is not a TrueType or OpenType font (An offset was out of bounds)",
            "tests/fixtures/broken/bad-font/exhibit.ron:6:52: error: `../escape.ttf` points outside the exhibit folder",
        ]
    );
}

#[test]
fn brackets_nested_beyond_reason_are_an_error_at_the_spot_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let ex = dir.path().join("deep");
    std::fs::create_dir(&ex).unwrap();
    let deep: String = "(\n    id: \"deep\",\n    scenes: ".to_owned() + &"[".repeat(5000);
    std::fs::write(ex.join("exhibit.ron"), deep).unwrap();
    let lines: Vec<String> = headlines(ex.to_str().unwrap())
        .into_iter()
        .map(|h| h.replace(&*dir.path().to_string_lossy(), "D"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("D/deep/exhibit.ron:3:") && lines[0].contains("error"),
        "{lines:?}"
    );
}
