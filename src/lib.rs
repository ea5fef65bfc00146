//! Exhibit kiosk runtime for science museums: the `kiosk` program.
//!
//! What people write and read is handled by crates that need no window: the exhibit
//! format and its validator (`exhibit_format`), demonstrations (`simulation`), the usage
//! log (`usage_log`) and the report (`usage_report`). This crate is the command line
//! ([`cli`], one module per command) and the Bevy app that presents the content
//! ([`kiosk_app`], grouped by concern). See `docs/architecture.md`.

pub mod cli;
pub mod kiosk_app;
