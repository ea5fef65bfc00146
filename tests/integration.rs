//! The one integration test binary: every extra test binary would link Bevy again.

mod accessibility;
mod animation;
mod bundled_content;
mod content_updates;
mod demonstration;
mod docs_examples;
mod flow;
mod logging;
mod opening_hours;
mod preview;
mod service;
mod snapshot;
mod support;
