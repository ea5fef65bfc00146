//! `kiosk snapshot`: one scene rendered to a PNG with nobody at the screen, for review,
//! thumbnails and tests.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use exhibit_format::ui_strings::UiStrings;

use crate::kiosk_app::tools::snapshot::{Shot, SnapshotPlugin};
use crate::kiosk_app::{self, WindowOptions};

/// `kiosk snapshot`'s arguments: the exhibit, what to render ([`Shot`]) and how it looks.
#[derive(Debug, Clone, clap::Args)]
pub struct SnapshotArgs {
    /// The exhibit folder.
    pub exhibit_dir: PathBuf,
    /// What to render.
    #[command(flatten)]
    pub shot: Shot,
    /// Image size.
    #[arg(long, default_value = "1920x1080", value_parser = super::parse_size)]
    pub size: (u32, u32),
    /// Animation scenes: draw with reduced motion, as the kiosk config's
    /// `reduced_motion: true` does.
    #[arg(long)]
    pub reduced_motion: bool,
    /// Draw with the visitors' "larger text" setting on.
    #[arg(long)]
    pub larger_text: bool,
    /// Draw with the visitors' "high contrast" setting on.
    #[arg(long)]
    pub high_contrast: bool,
}

/// Renders the scene in a window of the asked size and writes the PNG.
pub fn run(args: SnapshotArgs) -> anyhow::Result<ExitCode> {
    let mut content =
        crate::kiosk_app::tools::preview::preview_content(&args.exhibit_dir, UiStrings::builtin())?;
    content.config.reduced_motion |= args.reduced_motion;
    content.config.larger_text |= args.larger_text;
    content.config.high_contrast |= args.high_contrast;
    if content.exhibits.is_empty() {
        for p in &content.problems {
            eprintln!("{p}");
        }
        bail!(
            "{} has errors; nothing to render",
            args.exhibit_dir.display()
        );
    }
    let window = WindowOptions {
        fullscreen: false,
        size: args.size,
        title: "Snapshot".into(),
    };
    let out = args.shot.out.clone();
    let mut app = kiosk_app::windowed_app(content, &window);
    app.add_plugins(SnapshotPlugin(args.shot));
    let exit = app.run();
    if !exit.is_success() || !out.is_file() {
        bail!("no image was written to {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
