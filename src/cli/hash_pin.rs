//! `kiosk hash-pin`: reads an admin PIN and prints the `admin_pin` line for kiosk.ron, an
//! Argon2id hash, never the PIN itself.

use std::process::ExitCode;

/// Reads the PIN from standard input, not the command line: arguments end up in shell
/// history and in the process list.
pub fn run() -> anyhow::Result<ExitCode> {
    eprint!("PIN (4 to 12 digits): ");
    let mut pin = String::new();
    std::io::stdin().read_line(&mut pin)?;
    let hash = exhibit_format::admin_pin::hash_pin(pin.trim())?;
    println!("    admin_pin: \"{hash}\",");
    Ok(ExitCode::SUCCESS)
}
