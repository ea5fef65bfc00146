//! `kiosk validate`: every problem in exhibits and kiosk configs, then one summary line.

use std::io::Write;
use std::path::PathBuf;

use crate::catalog::{Catalog, Summary};
use crate::ui_strings::UiStrings;

/// Checks each path and writes the report to `out`; returns the combined counts.
/// A path that names nothing readable counts as an error.
pub fn run(paths: &[PathBuf], out: &mut impl Write) -> std::io::Result<Summary> {
    let ui = UiStrings::builtin();
    let mut total = Summary::default();
    for path in paths {
        match Catalog::load(path, &ui) {
            Ok(catalog) => {
                for (d, text) in catalog.problems() {
                    writeln!(out, "{}", d.render(Some(text)))?;
                }
                total.add(&catalog.summary());
            }
            Err(e) => {
                writeln!(
                    out,
                    "{}: error: {e}\n  = hint: give a kiosk.ron, an exhibit folder or a folder of exhibits\n",
                    path.display()
                )?;
                total.errors += 1;
            }
        }
    }
    writeln!(out, "{total}")?;
    Ok(total)
}
