//! The `kiosk` command line: one module per command, each declaring its arguments
//! (`#[derive(clap::Args)]`) and doing its work; this module only dispatches.

pub mod hash_pin;
pub mod preview;
pub mod report;
pub mod run;
pub mod snapshot;
pub mod status;
pub mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "kiosk",
    version,
    about = "Exhibit kiosk runtime for science museums"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the kiosk (full-screen) on an exhibits folder or a kiosk config.
    Run(run::RunArgs),
    /// Check exhibits and kiosk configs; report every problem; exit 1 on errors.
    Validate(validate::ValidateArgs),
    /// Show one exhibit in a window, re-read on every save.
    Preview(preview::PreviewArgs),
    /// Render one scene to a PNG and exit.
    Snapshot(snapshot::SnapshotArgs),
    /// Turn usage logs of one or many kiosks into a report (HTML and CSV), and xAPI.
    Report(report::ReportArgs),
    /// How a running kiosk is doing: its status file, readably. Exits 1 if the file is
    /// missing or stale (the kiosk is not running or is hung), for monitoring scripts.
    Status(status::StatusArgs),
    /// Read an admin PIN (4 to 12 digits) from standard input and print the `admin_pin`
    /// line to paste into kiosk.ron: an Argon2id hash, never the PIN itself.
    HashPin,
}

impl Cli {
    /// Runs the command; the exit code says whether it found what it checks for.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Run(args) => run::run(args),
            Command::Validate(args) => validate::run(&args),
            Command::Preview(args) => preview::run(args),
            Command::Snapshot(args) => snapshot::run(args),
            Command::Report(args) => {
                report::run(&args, &mut std::io::stdout().lock())?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Status(args) => status::run(&args),
            Command::HashPin => hash_pin::run(),
        }
    }
}

/// Parses a window or image size such as `1920x1080`.
pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Command {
        Cli::try_parse_from(std::iter::once("kiosk").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
            .command
    }

    #[test]
    fn report_arguments_are_declared_once_and_parsed_into_their_types() {
        let Command::Report(r) = parse(&[
            "report",
            "logs",
            "more-logs",
            "--out",
            "out",
            "--from",
            "2026-11-01",
            "--utc-offset",
            "-05:30",
            "--kiosk",
            "a",
            "--kiosk",
            "b",
        ]) else {
            panic!("not a report");
        };
        assert_eq!(r.logs.len(), 2);
        assert_eq!(r.utc_offset_minutes, -330);
        assert_eq!(r.kiosks, ["a", "b"]);
        assert_eq!(r.from.map(|d| d.to_string()).as_deref(), Some("2026-11-01"));
        assert_eq!(r.xapi_base, "https://kiosk.example.org");
        assert!(
            Cli::try_parse_from(["kiosk", "report", "logs", "--out", "o", "--from", "nope"])
                .is_err()
        );
    }

    #[test]
    fn snapshot_takes_what_to_render_and_how_it_looks() {
        let Command::Snapshot(s) = parse(&[
            "snapshot",
            "exhibits/seasons",
            "--scene",
            "orbit",
            "--lang",
            "en",
            "--out",
            "shot.png",
            "--size",
            "1280x800",
            "--at",
            "2.5",
            "--larger-text",
        ]) else {
            panic!("not a snapshot");
        };
        assert_eq!(
            (s.shot.scene.as_str(), s.shot.lang.as_str()),
            ("orbit", "en")
        );
        assert_eq!(s.size, (1280, 800));
        assert_eq!(s.shot.at, Some(2.5));
        assert!(s.larger_text && !s.high_contrast);
        // A summary and a chosen answer are two different pictures.
        assert!(
            Cli::try_parse_from([
                "kiosk",
                "snapshot",
                "e",
                "--scene",
                "q",
                "--lang",
                "en",
                "--out",
                "o.png",
                "--summary",
                "--choose",
                "1",
            ])
            .is_err()
        );
    }

    #[test]
    fn sizes_are_checked() {
        assert_eq!(parse_size("1920x1080"), Ok((1920, 1080)));
        assert!(parse_size("10x10").is_err());
        assert!(parse_size("wide").is_err());
    }
}
