//! The kiosk's usage log and what is made of it.
//!
//! - [`event`]: the events of schema version 1 and their one-line JSON form;
//! - [`writer`]: the writer thread the kiosk records through;
//! - [`reader`]: reading log files back, skipping and counting what cannot be read;
//! - [`report`]: the engagement report (HTML, CSV) and the xAPI export.
//!
//! No Bevy here: the kiosk, the `kiosk report` command and the benchmark share this
//! crate, and it builds in seconds.

pub mod event;
pub mod reader;
pub mod report;
pub mod time;
pub mod writer;

pub use event::{EndReason, Event, InputKind, VERSION};
pub use time::{Date, Timestamp};
pub use writer::LogWriter;
