//! `kiosk status`: a running kiosk's health file, readably; exit 1 if it is missing or
//! stale, for monitoring scripts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use exhibit_format::config::{CONFIG_FILE, load_config};
use exhibit_format::ui_strings::UiStrings;

use crate::kiosk_app::unattended::health;

/// `kiosk status`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// The kiosk config (default `kiosk.ron`).
    pub config: Option<PathBuf>,
    /// Print the status file's JSON as it is.
    #[arg(long)]
    pub json: bool,
}

/// Finds the status file through the config, prints it; fails if it is stale.
pub fn run(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let file = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
    let loaded = load_config(&file, &UiStrings::builtin());
    let cfg = loaded.config.unwrap_or_default();
    let folder = file
        .parent()
        .unwrap_or(Path::new("."))
        .join(&cfg.log_folder);
    let path = health::status_path(&folder, &cfg.kiosk_id);
    let status = health::read(&path).map_err(anyhow::Error::msg)?;
    let (text, fresh) = health::render(&status, jiff::Timestamp::now());
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
    } else {
        print!("{text}");
    }
    Ok(if fresh {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
