//! `kiosk report`: usage logs of any number of kiosks in, an engagement report out.

pub mod content;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use usage_log::time::{Date, parse_offset};
use usage_report::{self as report, Filter, Options, XapiOptions};

use self::content::content_info;
use exhibit_format::catalog::Catalog;
use exhibit_format::ui_strings::UiStrings;

/// `kiosk report`: what to report on and where to put it.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Log folders, kiosk folders or .jsonl files.
    #[arg(required = true)]
    pub logs: Vec<PathBuf>,
    /// Folder to write index.html and the CSV files into.
    #[arg(long)]
    pub out: PathBuf,
    /// First day, e.g. 2026-11-01 (in the --utc-offset time zone).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day, inclusive.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Only this kiosk (repeat for more).
    #[arg(long = "kiosk")]
    pub kiosks: Vec<String>,
    /// Exhibits folder or kiosk config: adds titles, scene order, questions and holding
    /// power.
    #[arg(long)]
    pub exhibits: Option<PathBuf>,
    /// Language of the report: zh-Hans gives a Chinese page; exhibit titles and questions
    /// in it too (default: the kiosk's default language with --exhibits, else English).
    #[arg(long)]
    pub lang: Option<String>,
    /// The venue's time zone for days and hours, e.g. +08:00.
    #[arg(
        long = "utc-offset",
        value_name = "UTC_OFFSET",
        default_value = "+00:00",
        allow_hyphen_values = true,
        value_parser = parse_utc_offset
    )]
    pub utc_offset_minutes: i32,
    /// Also write the visits as xAPI statements (JSON Lines) to this file.
    #[arg(long)]
    pub xapi: Option<PathBuf>,
    /// The IRI xAPI activity ids and visitor accounts live under.
    #[arg(long, default_value = "https://kiosk.example.org")]
    pub xapi_base: String,
}

/// Parses `YYYY-MM-DD` for the command line.
pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date like 2026-11-28"))
}

/// Parses `+08:00` for the command line.
pub fn parse_utc_offset(s: &str) -> Result<i32, String> {
    parse_offset(s).ok_or_else(|| format!("`{s}` is not a UTC offset like +08:00"))
}

/// Makes the report; says what it did on `out`.
pub fn run(args: &ReportArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let started = Instant::now();
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        anyhow::bail!("--from {from} is after --to {to}: no day is in between");
    }
    let content = match &args.exhibits {
        Some(path) => {
            let ui = UiStrings::builtin();
            let catalog = Catalog::load(path, &ui)
                .with_context(|| format!("reading exhibits from {}", path.display()))?;
            let left_out = catalog
                .exhibits
                .iter()
                .filter(|l| l.usable().is_none())
                .count();
            if left_out > 0 {
                writeln!(
                    out,
                    "note: {left_out} exhibits under {} have errors and are reported by id only (see `kiosk validate`)",
                    path.display()
                )?;
            }
            let lang = args
                .lang
                .clone()
                .unwrap_or_else(|| catalog.config.default_language().to_owned());
            Some((content_info(&catalog, &ui, Some(&lang)), lang))
        }
        None => None,
    };
    // The page speaks the language asked for, else the kiosk's, else English.
    let (content, page_lang) = match content {
        Some((info, lang)) => (Some(info), lang),
        None => (None, args.lang.clone().unwrap_or_else(|| "en".into())),
    };
    let filter = Filter {
        from: args.from,
        to: args.to,
        kiosks: args.kiosks.clone(),
        utc_offset_minutes: args.utc_offset_minutes,
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let data = report::read(&args.logs, &filter, threads)?;
    let options = Options {
        utc_offset_minutes: args.utc_offset_minutes,
        lang: page_lang,
    };
    let figures = report::analyse(&data, content.as_ref(), &options);
    let xapi = args.xapi.as_ref().map(|path| XapiOptions {
        path: path.clone(),
        base: args.xapi_base.clone(),
    });
    let written = report::write(&data, &figures, &args.out, xapi.as_ref())?;
    let skipped: u64 = figures.skipped.iter().map(|(_, n)| n).sum();
    writeln!(
        out,
        "read {} files ({:.1} MB): {} events from {} kiosks, {} visits; {} unreadable lines skipped",
        figures.files,
        figures.bytes as f64 / 1e6,
        figures.events,
        figures.kiosks.len(),
        figures.sessions,
        skipped
    )?;
    if xapi.is_some() {
        writeln!(out, "xAPI: {} statements", written.statements)?;
    }
    writeln!(
        out,
        "wrote {} files to {} in {:.1} s; open {}",
        written.files.len(),
        args.out.display(),
        started.elapsed().as_secs_f64(),
        args.out.join("index.html").display()
    )?;
    Ok(())
}
