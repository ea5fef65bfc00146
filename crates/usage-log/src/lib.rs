//! The kiosk's usage log: what is written, how, and how it is read back.
//!
//! - [`event`]: the events of schema version 1, one set of types for writing and reading,
//!   and their one-line JSON form;
//! - [`writer`]: the writer thread the kiosk records through;
//! - [`reader`]: reading log files back, skipping and counting what cannot be read;
//! - [`time`]: timestamps and days, without a time-zone library.
//!
//! No Bevy here: the kiosk, the report (the `usage-report` crate) and its benchmark share
//! this crate, and it builds in seconds.

pub mod event;
pub mod reader;
pub mod time;
pub mod writer;

pub use event::{EndReason, Event, InputKind, VERSION};
pub use time::{Date, Timestamp};
pub use writer::LogWriter;
