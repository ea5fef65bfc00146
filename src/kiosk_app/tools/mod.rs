//! The designers' tools built on the kiosk's screens: a live preview of one exhibit,
//! reloaded on every save, and snapshots of a scene to a PNG.

pub mod preview;
pub mod snapshot;
