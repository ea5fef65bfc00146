//! The kiosk's health for monitoring scripts: a JSON status file rewritten atomically
//! every few seconds while the kiosk runs, and `kiosk status` to read it. Plain data and
//! arithmetic here; the kiosk fills it in (`status.rs` beside this file).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The status file's name, in `<log_folder>/<kiosk_id>/`.
pub const STATUS_FILE: &str = "status.json";

/// Seconds between rewrites of the status file.
pub const WRITE_EVERY_S: u64 = 5;

/// A status file older than this means the kiosk is not running.
pub const STALE_AFTER_S: i64 = 30;

/// A frame loop that has not run for this long is hung (it sleeps at most a minute when
/// nothing moves).
pub const HUNG_AFTER_S: i64 = 90;

/// A status file dated more than this many seconds after now was not written by a kiosk
/// running on this clock (the clock was set back, or the file was copied or forged): it
/// is stale, whatever it says.
pub const FUTURE_SKEW_S: i64 = 5;

/// Where kiosk `kiosk_id` logging under `log_folder` keeps its status file.
pub fn status_path(log_folder: &Path, kiosk_id: &str) -> PathBuf {
    log_folder.join(kiosk_id).join(STATUS_FILE)
}

/// Everything the status file says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// The kiosk's id.
    pub kiosk_id: String,
    /// The kiosk program's version.
    pub version: String,
    /// Process id.
    pub pid: u32,
    /// When the kiosk started (RFC 3339).
    pub started_at: String,
    /// When this file was written (RFC 3339).
    pub written_at: String,
    /// Seconds since the start.
    pub uptime_s: u64,
    /// When the frame loop last finished a frame (RFC 3339).
    pub last_frame_at: Option<String>,
    /// The screen shown: Attract, Hub, Exhibit or Closed.
    pub screen: String,
    /// Open to visitors now (opening hours).
    pub open: bool,
    /// Visits since midnight (venue time) and since the start.
    pub visits_today: u64,
    /// Visits since the start.
    pub visits_since_start: u64,
    /// When the last visit ended (RFC 3339), if any has.
    pub last_visit_end: Option<String>,
    /// Frame work time over the last minute of frames.
    pub frames: FrameStats,
    /// Usage-log events lost because the log folder could not be written.
    pub dropped_log_events: u64,
    /// The last usage-log write error, if writing is failing now.
    pub log_error: Option<String>,
    /// Exhibits left out because they have errors, by folder name.
    pub content_errors: Vec<String>,
    /// Exhibits shown.
    pub exhibits_shown: usize,
}

/// Frame times (the work of one frame, not the sleep between frames), milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameStats {
    /// Frames measured.
    pub count: usize,
    /// Mean.
    pub mean_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// Longest.
    pub max_ms: f64,
}

/// The last frames' work times, for [`FrameStats`].
#[derive(Debug, Clone, Default)]
pub struct FrameTimes {
    ms: std::collections::VecDeque<f64>,
}

impl FrameTimes {
    /// Frames kept (a minute at 60 fps).
    pub const KEEP: usize = 3600;

    /// Adds one frame's work time.
    pub fn push(&mut self, ms: f64) {
        if self.ms.len() == Self::KEEP {
            self.ms.pop_front();
        }
        self.ms.push_back(ms);
    }

    /// The statistics of the frames kept.
    pub fn stats(&self) -> FrameStats {
        if self.ms.is_empty() {
            return FrameStats::default();
        }
        let mut sorted: Vec<f64> = self.ms.iter().copied().collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let p95 = sorted[((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1];
        FrameStats {
            count: n,
            mean_ms: sorted.iter().sum::<f64>() / n as f64,
            p95_ms: p95,
            max_ms: sorted[n - 1],
        }
    }
}

/// Writes `status` to `path` atomically: a reader sees the old file or the new one,
/// never half of one (written beside it, then renamed over it).
pub fn write_atomically(path: &Path, status: &Status) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(status).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Reads a status file.
pub fn read(path: &Path) -> Result<Status, String> {
    // A pipe or device in its place would hang or flood `kiosk status`.
    let text = exhibit_format::media::read_text_file(path, None)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not a status file: {e}", path.display()))
}

/// Seconds between `written_at` and `now` (both RFC 3339), if both parse.
pub fn age_s(status: &Status, now: jiff::Timestamp) -> Option<i64> {
    let written: jiff::Timestamp = status.written_at.parse().ok()?;
    Some(now.duration_since(written).as_secs())
}

/// `kiosk status`: the status in lines a technician reads, and whether it is fresh.
pub fn render(status: &Status, now: jiff::Timestamp) -> (String, bool) {
    let age = age_s(status, now);
    // The file is written by a thread of its own; the frame loop's last frame says
    // whether the kiosk itself still runs.
    let frame_age = status
        .last_frame_at
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|t| now.duration_since(t).as_secs());
    let hung = frame_age.is_some_and(|a| a > HUNG_AFTER_S);
    let future = age.is_some_and(|a| a < -FUTURE_SKEW_S);
    let fresh = age.is_some_and(|a| a <= STALE_AFTER_S) && !hung && !future;
    let mut out = String::new();
    let mut line = |k: &str, v: String| out.push_str(&format!("{k:<18} {v}\n"));
    line(
        "kiosk",
        format!(
            "{} (version {}, pid {})",
            status.kiosk_id, status.version, status.pid
        ),
    );
    line(
        "status file",
        match age {
            _ if hung => format!(
                "HUNG: the frame loop last ran {} s ago",
                frame_age.unwrap_or_default()
            ),
            Some(a) if future => format!(
                "STALE: written {} s in the future; the clock was set back, or the file is not this kiosk's",
                -a
            ),
            Some(a) if fresh => format!("written {} s ago", a.max(0)),
            Some(a) => format!("STALE: written {a} s ago; the kiosk is not running or is hung"),
            None => "no time in it".into(),
        },
    );
    let up = status.uptime_s;
    line(
        "up",
        format!(
            "{}d {}h {}m {}s (since {})",
            up / 86400,
            up / 3600 % 24,
            up / 60 % 60,
            up % 60,
            status.started_at
        ),
    );
    line(
        "showing",
        format!(
            "{} ({})",
            status.screen,
            if status.open { "open" } else { "closed" }
        ),
    );
    line(
        "visits",
        format!(
            "{} today, {} since start",
            status.visits_today, status.visits_since_start
        ),
    );
    line(
        "last visit ended",
        status
            .last_visit_end
            .clone()
            .unwrap_or_else(|| "none yet".into()),
    );
    let f = &status.frames;
    line(
        "frame work",
        format!(
            "mean {:.1} ms, 95% {:.1} ms, max {:.1} ms over {} frames",
            f.mean_ms, f.p95_ms, f.max_ms, f.count
        ),
    );
    line(
        "usage log",
        match (&status.log_error, status.dropped_log_events) {
            (None, 0) => "writing, nothing lost".into(),
            (None, n) => format!("writing again; {n} events were lost"),
            (Some(e), n) => format!("FAILING: {e}; {n} events lost"),
        },
    );
    line(
        "content",
        if status.content_errors.is_empty() {
            format!("exhibits shown: {}, none left out", status.exhibits_shown)
        } else {
            format!(
                "exhibits shown: {}; LEFT OUT with errors: {} (run `kiosk validate`)",
                status.exhibits_shown,
                status.content_errors.join(", ")
            )
        },
    );
    (out, fresh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_statistics_over_the_last_frames() {
        let mut f = FrameTimes::default();
        assert_eq!(f.stats(), FrameStats::default());
        for i in 1..=100 {
            f.push(i as f64);
        }
        let s = f.stats();
        assert_eq!(
            (s.count, s.mean_ms, s.p95_ms, s.max_ms),
            (100, 50.5, 95.0, 100.0)
        );
        for _ in 0..FrameTimes::KEEP {
            f.push(2.0);
        }
        assert_eq!(f.stats().max_ms, 2.0, "old frames are forgotten");
    }

    #[test]
    fn written_atomically_read_back_and_told_when_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = status_path(dir.path(), "hall-a-01");
        let status = Status {
            kiosk_id: "hall-a-01".into(),
            written_at: "2026-11-29T10:00:00Z".into(),
            content_errors: vec!["broken-one".into()],
            exhibits_shown: 10,
            ..Status::default()
        };
        write_atomically(&path, &status).unwrap();
        assert!(!path.with_extension("json.tmp").exists());
        let back = read(&path).unwrap();
        assert_eq!(back, status);
        let t = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        let (text, fresh) = render(&back, t("2026-11-29T10:00:04Z"));
        assert!(fresh);
        assert!(text.contains("written 4 s ago"), "{text}");
        assert!(text.contains("LEFT OUT with errors: broken-one"), "{text}");
        let (text, fresh) = render(&back, t("2026-11-29T10:05:00Z"));
        assert!(!fresh);
        assert!(text.contains("STALE"), "{text}");
        // Written on time by its thread, but the frame loop stopped two minutes ago.
        let hung = Status {
            last_frame_at: Some("2026-11-29T09:58:00Z".into()),
            ..back.clone()
        };
        let (text, fresh) = render(&hung, t("2026-11-29T10:00:02Z"));
        assert!(!fresh);
        assert!(
            text.contains("HUNG: the frame loop last ran 122 s ago"),
            "{text}"
        );
        // A file dated ahead of the clock is not fresh, however far ahead.
        let (text, fresh) = render(&back, t("2026-11-29T09:00:00Z"));
        assert!(!fresh);
        assert!(
            text.contains("STALE: written 3600 s in the future"),
            "{text}"
        );
        let (_, fresh) = render(&back, t("2026-11-29T09:59:58Z"));
        assert!(
            fresh,
            "a second or two of skew between writer and reader is no reason"
        );
        assert!(read(&dir.path().join("nope.json")).is_err());
    }
}
