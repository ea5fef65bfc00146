//! `kiosk`: runs exhibits on a museum kiosk, and the tools around it for designers,
//! technicians and venue managers (the commands are in `kiosk::cli`).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match kiosk::cli::Cli::parse().run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
