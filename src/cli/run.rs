//! `kiosk run`: the kiosk itself, full-screen, on an exhibits folder or a kiosk config.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;

use crate::kiosk_app::unattended::health;
use crate::kiosk_app::unattended::{
    content_updates::ContentUpdates, status::StatusFile, stop_signal,
};
use crate::kiosk_app::usage::UsageLog;
use crate::kiosk_app::{self, Content, WindowOptions};

/// `kiosk run`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// An exhibits folder or a kiosk config (kiosk.ron).
    #[arg(default_value = "exhibits")]
    pub path: PathBuf,
    /// A normal window instead of full-screen, for trying it out.
    #[arg(long)]
    pub windowed: bool,
    /// Window size when windowed, e.g. 1280x720.
    #[arg(long, default_value = "1920x1080", value_parser = super::parse_size)]
    pub size: (u32, u32),
}

/// Loads the content, refuses a config with errors, and runs until stopped.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let ui = UiStrings::builtin();
    let catalog = Catalog::load(&args.path, &ui)?;
    if let Some(cfg) = &catalog.config_file
        && cfg.diagnostics.iter().any(|d| d.is_error())
    {
        for d in &cfg.diagnostics {
            eprintln!("{}", d.render(Some(&cfg.text)));
        }
        bail!("the kiosk config has errors; fix them (see `kiosk validate`)");
    }
    let fullscreen = catalog.config.fullscreen && !args.windowed;
    let content = Content::from_catalog(&catalog, ui);
    let window = WindowOptions {
        fullscreen,
        size: args.size,
        title: format!("Exhibit kiosk · {}", catalog.config.kiosk_id),
    };
    // The log folder is relative to the config file, else to where the kiosk runs.
    let log_folder = match &catalog.config_file {
        Some(cfg) => cfg
            .file
            .parent()
            .unwrap_or(Path::new("."))
            .join(&catalog.config.log_folder),
        None => catalog.config.log_folder.clone(),
    };
    let mut app = kiosk_app::windowed_app(content, &window);
    let kiosk_id = &catalog.config.kiosk_id;
    app.insert_resource(UsageLog::start(&log_folder, kiosk_id))
        .insert_resource(StatusFile::start(
            health::status_path(&log_folder, kiosk_id),
            kiosk_id,
        ))
        .insert_resource(ContentUpdates::new(args.path.clone()))
        .add_plugins(stop_signal::plugin);
    // When the loop ends the runner drops the app, and with it the log writer, which
    // writes out everything queued before its thread stops.
    let exit = app.run();
    Ok(if exit.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
