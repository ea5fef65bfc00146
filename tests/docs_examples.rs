//! Every RON example in the docs is a file that validates.

use std::path::Path;

use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;

/// The ```ron blocks of a Markdown file.
fn ron_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```ron") => current = Some(String::new()),
            (Some(_), l) if l.starts_with("```") => blocks.push(current.take().unwrap()),
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn exhibit_format_examples_validate() {
    let blocks = exhibit_examples_validate("docs/exhibit-format.md");
    assert!(
        blocks >= 2,
        "the doc has a worked example and a minimal one"
    );
}

#[test]
fn demonstration_examples_validate() {
    assert_eq!(exhibit_examples_validate("docs/demonstrations.md"), 1);
}

#[test]
fn animation_examples_validate() {
    assert_eq!(exhibit_examples_validate("docs/animations.md"), 1);
}

/// Whether a ```ron block is a whole file (it opens with `(` after any comments), not a
/// fragment showing a few fields.
fn is_whole_file(block: &str) -> bool {
    block
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with('('))
}

/// Validates each whole-file ```ron block of `doc` as an exhibit; returns how many there
/// were.
fn exhibit_examples_validate(doc_path: &str) -> usize {
    let doc = std::fs::read_to_string(doc_path).unwrap();
    let blocks: Vec<String> = ron_blocks(&doc)
        .into_iter()
        .filter(|b| is_whole_file(b))
        .collect();
    for (i, block) in blocks.iter().enumerate() {
        // Each example lives in a folder with the media the doc's examples use.
        let dir = tempfile::tempdir().unwrap();
        let id = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("id: \""))
            .map(|r| r.split('"').next().unwrap().to_owned())
            .expect("example has an id");
        let ex_dir = dir.path().join(&id);
        std::fs::create_dir_all(ex_dir.join("images")).unwrap();
        for f in std::fs::read_dir("docs/examples/media").unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), ex_dir.join("images").join(f.file_name())).unwrap();
        }
        std::fs::write(ex_dir.join("exhibit.ron"), block).unwrap();
        let catalog = Catalog::load(&ex_dir, &UiStrings::builtin()).unwrap();
        let problems: Vec<String> = catalog
            .problems()
            .iter()
            .map(|(d, t)| d.render(Some(t)))
            .collect();
        assert!(
            problems.is_empty(),
            "example {i} in {doc_path}:\n{}",
            problems.join("\n")
        );
        assert_eq!(catalog.shown().len(), 1);
    }
    blocks.len()
}

#[test]
fn kiosk_config_examples_validate() {
    let doc = std::fs::read_to_string("docs/kiosk-config.md").unwrap();
    let blocks = ron_blocks(&doc);
    assert!(!blocks.is_empty());
    for (i, block) in blocks.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("exhibits")).unwrap();
        let file = dir.path().join("kiosk.ron");
        std::fs::write(&file, block).unwrap();
        let loaded = exhibit_format::config::load_config(&file, &UiStrings::builtin());
        let problems: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| d.render(Some(block)))
            .collect();
        assert!(
            problems.is_empty(),
            "example {i} in docs/kiosk-config.md:\n{}",
            problems.join("\n")
        );
    }
    assert!(Path::new("kiosk.ron").is_file());
}
