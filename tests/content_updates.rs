//! Content copied onto a running kiosk: checked off the frame loop, swapped in between
//! visits and never during one; a new version with errors leaves the last good version
//! on the floor; an exhibit reaching outside its folder is refused.

use std::path::Path;
use std::time::Duration;

use bevy::prelude::*;
use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;
use kiosk::kiosk_app::Content;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::unattended::content_updates::ContentUpdates;

use crate::support::{Kiosk, copy_dir};

fn titles(k: &Kiosk) -> Vec<String> {
    k.resource::<Content>()
        .exhibits
        .iter()
        .map(|e| e.exhibit.title.get("en", "en").to_owned())
        .collect()
}

/// Draws frames until `done` (the watcher thread works in real time), for at most 10 s.
fn until(k: &mut Kiosk, done: impl Fn(&Kiosk) -> bool) {
    for _ in 0..400 {
        if done(k) {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
        k.frames(1);
    }
    panic!("the update did not arrive in 10 s");
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from));
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// A kiosk on copies of bundled exhibits `ids` in `dir`, watching them for updates
/// (quickly, for tests); returns the exhibits folder too.
fn watched_kiosk(dir: &Path, ids: &[&str]) -> (std::path::PathBuf, Kiosk) {
    let exhibits = dir.join("exhibits");
    for id in ids {
        copy_dir(&Path::new("exhibits").join(id), &exhibits.join(id));
    }
    let config = dir.join("kiosk.ron");
    std::fs::write(&config, "(kiosk_id: \"update-test\")").unwrap();
    let ui = UiStrings::builtin();
    let content = Content::from_catalog(&Catalog::load(&config, &ui).unwrap(), ui);
    let watch =
        ContentUpdates::with_timing(config, Duration::from_millis(20), Duration::from_millis(60));
    let k = Kiosk::with(content, move |app| {
        app.insert_resource(watch);
    });
    (exhibits, k)
}

#[test]
fn updates_swap_in_between_visits_and_bad_ones_keep_the_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let (exhibits, mut k) = watched_kiosk(dir.path(), &["pendulum", "earthquake-safety"]);
    assert_eq!(titles(&k), ["When the Earth Shakes", "The Pendulum's Beat"]);

    // A visitor is choosing when the new version arrives: nothing changes under them.
    k.tap("English");
    let pendulum = exhibits.join("pendulum/exhibit.ron");
    edit(&pendulum, "The Pendulum's Beat", "The Pendulum, Revised");
    until(&mut k, |k| k.resource::<ContentUpdates>().is_waiting());
    k.frames(3);
    assert_eq!(k.screen(), Screen::Hub);
    assert_eq!(titles(&k)[1], "The Pendulum's Beat");
    // The visit ends: the update goes in before the next one.
    k.key(KeyCode::Escape);
    k.frames(2);
    assert_eq!(k.screen(), Screen::Attract);
    assert_eq!(titles(&k)[1], "The Pendulum, Revised");
    let generation = k.resource::<Content>().generation;

    // A broken save of one exhibit: its last good version stays; the other is untouched.
    std::fs::write(
        exhibits.join("earthquake-safety/exhibit.ron"),
        "(id: \"earthquake-safety\",",
    )
    .unwrap();
    // And a new exhibit that names a file outside its folder.
    let evil = exhibits.join("evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(
        evil.join("exhibit.ron"),
        r#"(id: "evil", languages: ["en"], title: {"en": "Evil"}, thumbnail: "../../../etc/passwd",
            scenes: [(id: "q", kind: Quiz(questions: [(id: "a", prompt: {"en": "?"}, kind: TrueFalse,
            answer: true, explanation: {"en": "!"})]))])"#,
    )
    .unwrap();
    until(&mut k, |k| {
        let c = k.resource::<Content>();
        c.generation > generation && c.left_out.len() == 2
    });
    let c = k.resource::<Content>();
    assert!(c.generation > generation, "the update was taken in");
    assert_eq!(
        titles(&k),
        ["When the Earth Shakes", "The Pendulum, Revised"],
        "the broken exhibit keeps its last good version; the one reaching outside is refused"
    );
    let out: Vec<&str> = c.left_out.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(out, ["earthquake-safety", "evil"]);
    assert!(
        c.left_out[1].why.contains("outside the exhibit folder"),
        "{}",
        c.left_out[1].why
    );
}

#[test]
fn an_exhibits_folder_moved_away_is_not_an_empty_update() {
    let dir = tempfile::tempdir().unwrap();
    let (exhibits, mut k) = watched_kiosk(dir.path(), &["pendulum"]);
    // Renamed away (an unmounted share, a folder swapped by renaming).
    std::fs::rename(&exhibits, dir.path().join("exhibits.old")).unwrap();
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(25));
        k.frames(1);
    }
    assert_eq!(titles(&k), ["The Pendulum's Beat"]);
    assert_eq!(k.resource::<Content>().generation, 0);
}
