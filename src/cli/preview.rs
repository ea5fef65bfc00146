//! `kiosk preview`: one exhibit in a window for its designer, re-read on every save.

use std::path::PathBuf;
use std::process::ExitCode;

use exhibit_format::ui_strings::UiStrings;

use crate::kiosk_app::tools::preview::{PreviewPlugin, preview_content};
use crate::kiosk_app::{self, WindowOptions};

/// `kiosk preview`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct PreviewArgs {
    /// The exhibit folder.
    pub exhibit_dir: PathBuf,
    /// Window size, e.g. 1280x720.
    #[arg(long, default_value = "1600x900", value_parser = super::parse_size)]
    pub size: (u32, u32),
}

/// Opens the preview window; returns when it is closed.
pub fn run(args: PreviewArgs) -> anyhow::Result<ExitCode> {
    let content = preview_content(&args.exhibit_dir, UiStrings::builtin())?;
    let window = WindowOptions {
        fullscreen: false,
        size: args.size,
        title: format!("Preview · {}", args.exhibit_dir.display()),
    };
    let mut app = kiosk_app::windowed_app(content, &window);
    app.add_plugins(PreviewPlugin {
        dir: args.exhibit_dir,
    });
    app.run();
    Ok(ExitCode::SUCCESS)
}
