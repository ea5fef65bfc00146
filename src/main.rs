//! `kiosk`: runs exhibits on a museum kiosk, and the tools around it for designers.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Parser, Subcommand};

use kiosk::catalog::Catalog;
use kiosk::kiosk_app::{
    self, Content, WindowOptions, preview::PreviewPlugin, snapshot::SnapshotPlugin, usage::UsageLog,
};
use kiosk::ui_strings::UiStrings;

#[derive(Parser)]
#[command(
    name = "kiosk",
    version,
    about = "Exhibit kiosk runtime for science museums"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the kiosk (full-screen) on an exhibits folder or a kiosk config.
    Run {
        /// An exhibits folder or a kiosk config (kiosk.ron).
        #[arg(default_value = "exhibits")]
        path: PathBuf,
        /// A normal window instead of full-screen, for trying it out.
        #[arg(long)]
        windowed: bool,
        /// Window size when windowed, e.g. 1280x720.
        #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
        size: (u32, u32),
    },
    /// Check exhibits and kiosk configs; report every problem; exit 1 on errors.
    Validate {
        /// Exhibit folders, folders of exhibits, or kiosk configs.
        #[arg(default_value = "exhibits")]
        paths: Vec<PathBuf>,
    },
    /// Show one exhibit in a window, re-read on every save.
    Preview {
        /// The exhibit folder.
        exhibit_dir: PathBuf,
        /// Window size, e.g. 1280x720.
        #[arg(long, default_value = "1600x900", value_parser = parse_size)]
        size: (u32, u32),
    },
    /// Render one scene to a PNG and exit.
    Snapshot {
        /// The exhibit folder.
        exhibit_dir: PathBuf,
        /// Scene id.
        #[arg(long)]
        scene: String,
        /// Language, e.g. zh-Hans or en.
        #[arg(long)]
        lang: String,
        /// Output PNG file.
        #[arg(long)]
        out: PathBuf,
        /// Image size.
        #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
        size: (u32, u32),
        /// Quiz scenes: show this question (1-based).
        #[arg(long)]
        question: Option<usize>,
        /// Quiz scenes: pick this choice (1-based, as shown) to render the feedback.
        #[arg(long)]
        choose: Option<usize>,
        /// Quiz scenes: answer every question with its first choice and render the summary.
        #[arg(long, conflicts_with_all = ["question", "choose"])]
        summary: bool,
        /// Demonstration scenes: run this many simulated seconds first; animation scenes:
        /// show this moment.
        #[arg(long)]
        at: Option<f64>,
        /// Animation scenes: draw with reduced motion, as the kiosk config's
        /// `reduced_motion: true` does.
        #[arg(long)]
        reduced_motion: bool,
        /// Draw with the visitors' "larger text" setting on.
        #[arg(long)]
        larger_text: bool,
        /// Draw with the visitors' "high contrast" setting on.
        #[arg(long)]
        high_contrast: bool,
    },
    /// Turn usage logs of one or many kiosks into a report (HTML and CSV), and xAPI.
    Report {
        /// Log folders, kiosk folders or .jsonl files.
        #[arg(required = true)]
        logs: Vec<PathBuf>,
        /// Folder to write index.html and the CSV files into.
        #[arg(long)]
        out: PathBuf,
        /// First day, e.g. 2026-11-01 (in the --utc-offset time zone).
        #[arg(long, value_parser = kiosk::report_cmd::parse_date)]
        from: Option<usage_log::Date>,
        /// Last day, inclusive.
        #[arg(long, value_parser = kiosk::report_cmd::parse_date)]
        to: Option<usage_log::Date>,
        /// Only this kiosk (repeat for more).
        #[arg(long = "kiosk")]
        kiosks: Vec<String>,
        /// Exhibits folder or kiosk config: adds titles, scene order, questions and
        /// holding power.
        #[arg(long)]
        exhibits: Option<PathBuf>,
        /// Language of the report: zh-Hans gives a Chinese page; exhibit titles and
        /// questions in it too (default: the kiosk's default language with --exhibits,
        /// else English).
        #[arg(long)]
        lang: Option<String>,
        /// The venue's time zone for days and hours, e.g. +08:00.
        #[arg(long, default_value = "+00:00", allow_hyphen_values = true, value_parser = kiosk::report_cmd::parse_utc_offset)]
        utc_offset: i32,
        /// Also write the visits as xAPI statements (JSON Lines) to this file.
        #[arg(long)]
        xapi: Option<PathBuf>,
        /// The IRI xAPI activity ids and visitor accounts live under.
        #[arg(long, default_value = "https://kiosk.example.org")]
        xapi_base: String,
    },
    /// How a running kiosk is doing: its status file, readably. Exits 1 if the file is
    /// missing or stale (the kiosk is not running or is hung), for monitoring scripts.
    Status {
        /// The kiosk config (default `kiosk.ron`).
        config: Option<PathBuf>,
        /// Print the status file's JSON as it is.
        #[arg(long)]
        json: bool,
    },
    /// Read an admin PIN (4 to 12 digits) from standard input and print the `admin_pin`
    /// line to paste into kiosk.ron: an Argon2id hash, never the PIN itself.
    HashPin,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("`{s}`: expected WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let w: u32 = w
        .trim()
        .parse()
        .map_err(|_| format!("`{w}` is not a width"))?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| format!("`{h}` is not a height"))?;
    if !(200..=8192).contains(&w) || !(200..=8192).contains(&h) {
        return Err(format!("{w}x{h} is outside 200..8192"));
    }
    Ok((w, h))
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Status { config, json } => {
            let file = config.unwrap_or_else(|| PathBuf::from(kiosk::config::CONFIG_FILE));
            let loaded = kiosk::config::load_config(&file, &UiStrings::builtin());
            let cfg = loaded.config.unwrap_or_default();
            let folder = file
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .join(&cfg.log_folder);
            let path = kiosk::health::status_path(&folder, &cfg.kiosk_id);
            let status = kiosk::health::read(&path).map_err(anyhow::Error::msg)?;
            let (text, fresh) = kiosk::health::render(&status, jiff::Timestamp::now());
            if json {
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
        Command::HashPin => {
            // From standard input, not the command line: arguments end up in shell history
            // and in the process list.
            eprint!("PIN (4 to 12 digits): ");
            let mut pin = String::new();
            std::io::stdin().read_line(&mut pin)?;
            let hash = kiosk::admin_pin::hash_pin(pin.trim())?;
            println!("    admin_pin: \"{hash}\",");
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { paths } => {
            let summary = kiosk::validate_cmd::run(&paths, &mut std::io::stdout().lock())?;
            Ok(if summary.errors > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Run {
            path,
            windowed,
            size,
        } => {
            let ui = UiStrings::builtin();
            let catalog = Catalog::load(&path, &ui)?;
            if let Some(cfg) = &catalog.config_file
                && cfg.diagnostics.iter().any(|d| d.is_error())
            {
                for d in &cfg.diagnostics {
                    eprintln!("{}", d.render(Some(&cfg.text)));
                }
                bail!("the kiosk config has errors; fix them (see `kiosk validate`)");
            }
            let fullscreen = catalog.config.fullscreen && !windowed;
            let content = Content::from_catalog(&catalog, ui);
            let window = WindowOptions {
                fullscreen,
                size,
                title: format!("Exhibit kiosk · {}", catalog.config.kiosk_id),
            };
            // The log folder is relative to the config file, else to where the kiosk runs.
            let log_folder = match &catalog.config_file {
                Some(cfg) => cfg
                    .file
                    .parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join(&catalog.config.log_folder),
                None => catalog.config.log_folder.clone(),
            };
            let mut app = kiosk_app::windowed_app(content, &window);
            let kiosk_id = &catalog.config.kiosk_id;
            app.insert_resource(UsageLog::start(&log_folder, kiosk_id))
                .insert_resource(kiosk_app::status::StatusFile::start(
                    kiosk::health::status_path(&log_folder, kiosk_id),
                    kiosk_id,
                ))
                .insert_resource(kiosk_app::content_updates::ContentUpdates::new(
                    path.clone(),
                ))
                .add_plugins(kiosk_app::stop_signal::plugin);
            // When the loop ends the runner drops the app, and with it the log writer,
            // which writes out everything queued before its thread stops.
            let exit = app.run();
            Ok(if exit.is_success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Preview { exhibit_dir, size } => {
            let content = kiosk_app::preview::preview_content(&exhibit_dir, UiStrings::builtin())?;
            let window = WindowOptions {
                fullscreen: false,
                size,
                title: format!("Preview · {}", exhibit_dir.display()),
            };
            let mut app = kiosk_app::windowed_app(content, &window);
            app.add_plugins(PreviewPlugin { dir: exhibit_dir });
            app.run();
            Ok(ExitCode::SUCCESS)
        }
        Command::Snapshot {
            exhibit_dir,
            scene,
            lang,
            out,
            size,
            question,
            choose,
            summary,
            at,
            reduced_motion,
            larger_text,
            high_contrast,
        } => {
            let mut content =
                kiosk_app::preview::preview_content(&exhibit_dir, UiStrings::builtin())?;
            content.config.reduced_motion |= reduced_motion;
            content.config.larger_text |= larger_text;
            content.config.high_contrast |= high_contrast;
            if content.exhibits.is_empty() {
                for p in &content.problems {
                    eprintln!("{p}");
                }
                bail!("{} has errors; nothing to render", exhibit_dir.display());
            }
            let window = WindowOptions {
                fullscreen: false,
                size,
                title: "Snapshot".into(),
            };
            let mut app = kiosk_app::windowed_app(content, &window);
            app.add_plugins(SnapshotPlugin {
                scene,
                lang,
                out: out.clone(),
                question,
                choose,
                summary,
                at,
            });
            let exit = app.run();
            if !exit.is_success() || !out.is_file() {
                bail!("no image was written to {}", out.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            logs,
            out,
            from,
            to,
            kiosks,
            exhibits,
            lang,
            utc_offset,
            xapi,
            xapi_base,
        } => {
            let args = kiosk::report_cmd::ReportArgs {
                logs,
                out,
                from,
                to,
                kiosks,
                exhibits,
                lang,
                utc_offset_minutes: utc_offset,
                xapi,
                xapi_base,
            };
            kiosk::report_cmd::run(&args, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
