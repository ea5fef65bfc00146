//! `kiosk preview`: designer keys move between scenes and languages; a save reloads the
//! exhibit; a broken save keeps the last good version on screen.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use exhibit_format::ui_strings::UiStrings;
use kiosk::kiosk_app::Content;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::visit::Visit;
use kiosk::kiosk_app::tools::preview::{PreviewPlugin, Watched, preview_content};

use crate::support::{Kiosk, copy_dir};

fn preview(dir: &Path) -> Kiosk {
    let content = preview_content(dir, UiStrings::builtin()).unwrap();
    let mut k = Kiosk::with(content, |app| {
        app.add_plugins(PreviewPlugin {
            dir: dir.to_path_buf(),
        });
    });
    k.frames(3);
    k
}

/// Runs frames until `done` or a few seconds of real time (the watcher polls the folder).
fn until(k: &mut Kiosk, done: impl Fn(&Kiosk) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        k.frames(1);
        if done(k) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn designer_keys_jump_between_scenes_and_languages() {
    let mut k = preview(Path::new("exhibits/earthquake-safety"));
    assert_eq!(
        k.screen(),
        Screen::Exhibit,
        "preview opens the exhibit, no attract loop"
    );
    assert_eq!(k.resource::<Visit>().scene, 0);
    k.key(KeyCode::PageDown);
    assert_eq!(k.resource::<Visit>().scene, 1);
    k.key(KeyCode::PageUp);
    assert_eq!(k.resource::<Visit>().scene, 0);
    let before = k.resource::<Visit>().lang.clone();
    k.key(KeyCode::F2);
    assert_ne!(k.resource::<Visit>().lang, before);
}

#[test]
fn a_save_reloads_and_a_broken_save_keeps_the_last_good_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("carbon-neutral");
    copy_dir(Path::new("exhibits/carbon-neutral"), &dir);
    let file = dir.join("exhibit.ron");
    let mut k = preview(&dir);
    let title = |k: &Kiosk| {
        k.resource::<Content>().exhibits[0]
            .exhibit
            .title
            .get("en", "en")
            .to_owned()
    };
    assert_eq!(title(&k), "Carbon Neutral, Explained");

    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "\"en\": \"Carbon Neutral, Explained\"",
            "\"en\": \"Carbon Neutral, Edited\"",
            1,
        ),
    )
    .unwrap();
    assert!(
        until(&mut k, |k| title(k) == "Carbon Neutral, Edited"),
        "the save was picked up"
    );
    let generation = k.resource::<Content>().generation;
    assert_eq!(k.screen(), Screen::Exhibit);

    std::fs::write(&file, "(id: \"carbon-neutral\", oops").unwrap();
    // The broken save is reported (the window shows this list) and nothing is replaced.
    assert!(
        until(&mut k, |k| !k.resource::<Watched>().errors().is_empty()),
        "the broken save is reported"
    );
    let errors = k.resource::<Watched>().errors().join("\n");
    assert!(
        errors.contains("exhibit.ron:1:"),
        "with a position: {errors}"
    );
    assert_eq!(title(&k), "Carbon Neutral, Edited");
    assert_eq!(k.resource::<Content>().generation, generation);
    assert_eq!(k.screen(), Screen::Exhibit);
}
