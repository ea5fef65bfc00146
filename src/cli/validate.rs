//! `kiosk validate`: every problem in exhibits and kiosk configs, then one summary line;
//! exit 1 on errors, so that it can run in a content repository's CI.

use std::path::PathBuf;
use std::process::ExitCode;

use exhibit_format::catalog::validate_paths;
use exhibit_format::ui_strings::UiStrings;

/// `kiosk validate`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateArgs {
    /// Exhibit folders, folders of exhibits, or kiosk configs.
    #[arg(default_value = "exhibits")]
    pub paths: Vec<PathBuf>,
}

/// Checks the paths and prints the problems; fails (exit 1) if any is an error.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let summary = validate_paths(
        &args.paths,
        &UiStrings::builtin(),
        &mut std::io::stdout().lock(),
    )?;
    Ok(if summary.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
