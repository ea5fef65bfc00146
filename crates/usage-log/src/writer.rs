//! The log writer: a thread of its own, so that a slow or failing disk never holds up a
//! frame.
//!
//! Durability rules (see `docs/usage-log.md`):
//! - each event is one `write` of one whole line to a file opened for appending;
//! - data reach the disk (`fdatasync`) at each session end, at most 5 seconds after any
//!   write, and on stop; so a power cut loses at most the last few seconds;
//! - a file that ends in a half line (the power went mid-write) gets a newline before
//!   the next event, so the half line never swallows a good one;
//! - when the folder cannot be written (full disk, read-only, removed), events are
//!   counted and dropped, the kiosk goes on, and the count is logged once writing works
//!   again.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::event::{Event, to_line};
use crate::time::{Date, Timestamp};

/// Longest time written data wait before they are forced to disk.
pub const SYNC_EVERY: Duration = Duration::from_secs(5);
/// After a failure, how long the writer waits before it tries the folder again.
pub const RETRY_EVERY: Duration = Duration::from_secs(5);

enum Msg {
    Event(Timestamp, Event),
    Sync,
    Stop,
}

/// How the log is doing, for the kiosk's own status and log.
#[derive(Debug, Default)]
pub struct Health {
    written: AtomicU64,
    dropped: AtomicU64,
    failing: AtomicBool,
    last_error: Mutex<Option<String>>,
}

/// A copy of [`Health`] at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HealthReport {
    /// Events written since start.
    pub written: u64,
    /// Events lost since start because the folder could not be written.
    pub dropped: u64,
    /// Whether the last attempt to write failed.
    pub failing: bool,
    /// The last error, in words.
    pub last_error: Option<String>,
}

impl Health {
    /// A snapshot.
    pub fn report(&self) -> HealthReport {
        HealthReport {
            written: self.written.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
            failing: self.failing.load(Ordering::Relaxed),
            last_error: self.last_error.lock().map(|e| e.clone()).unwrap_or(None),
        }
    }
}

/// The handle the kiosk records through. Dropping it writes what is queued, syncs and
/// stops the thread.
pub struct LogWriter {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
    health: Arc<Health>,
}

/// The file one kiosk writes on one UTC day: `<folder>/<kiosk>/<YYYY-MM-DD>.jsonl`.
pub fn log_path(folder: &Path, kiosk: &str, date: Date) -> PathBuf {
    folder.join(safe_name(kiosk)).join(format!("{date}.jsonl"))
}

/// Kiosk ids are checked by the config validator; this keeps a path inside the folder
/// even if one is not.
fn safe_name(kiosk: &str) -> String {
    let name: String = kiosk
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "kiosk".into()
    } else {
        name
    }
}

impl LogWriter {
    /// Starts the writer thread for kiosk `kiosk` writing under `folder`. Never fails:
    /// a folder that cannot be written shows up in [`LogWriter::health`].
    pub fn start(folder: impl Into<PathBuf>, kiosk: &str) -> Self {
        let (tx, rx) = mpsc::channel();
        let health = Arc::new(Health::default());
        let sink = Sink {
            folder: folder.into(),
            kiosk: kiosk.to_owned(),
            file: None,
            date: None,
            unsynced_since: None,
            failed_at: None,
            pending_dropped: 0,
            health: health.clone(),
        };
        let thread = std::thread::Builder::new()
            .name("usage-log".into())
            .spawn(move || run(sink, rx))
            .ok();
        if thread.is_none() {
            health.failing.store(true, Ordering::Relaxed);
        }
        LogWriter { tx, thread, health }
    }

    /// Records `event` as happening now.
    pub fn record(&self, event: Event) {
        self.record_at(Timestamp::now(), event);
    }

    /// Records `event` with the time `ts`.
    pub fn record_at(&self, ts: Timestamp, event: Event) {
        if self.tx.send(Msg::Event(ts, event)).is_err() {
            self.health.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Asks for everything recorded so far to be put on disk now (at a session end).
    pub fn sync(&self) {
        let _ = self.tx.send(Msg::Sync);
    }

    /// How writing is going.
    pub fn health(&self) -> HealthReport {
        self.health.report()
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(mut sink: Sink, rx: Receiver<Msg>) {
    loop {
        // Sleep until the next message, or until unsynced data are due on disk.
        let msg = match sink.unsynced_since {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(since) => rx.recv_timeout(SYNC_EVERY.saturating_sub(since.elapsed())),
        };
        match msg {
            Ok(Msg::Event(ts, event)) => sink.write(ts, &event),
            Ok(Msg::Sync) => sink.sync(),
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => {
                sink.sync();
                return;
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        if sink
            .unsynced_since
            .is_some_and(|t| t.elapsed() >= SYNC_EVERY)
        {
            sink.sync();
        }
    }
}

struct Sink {
    folder: PathBuf,
    kiosk: String,
    file: Option<File>,
    date: Option<Date>,
    unsynced_since: Option<Instant>,
    failed_at: Option<Instant>,
    /// Dropped since writing last worked; logged when it works again.
    pending_dropped: u64,
    health: Arc<Health>,
}

impl Sink {
    fn write(&mut self, ts: Timestamp, event: &Event) {
        let date = ts.date(0);
        if self.date != Some(date) {
            self.sync();
            self.file = None;
        }
        if self.file.is_none() && !self.open(date) {
            self.drop_one();
            return;
        }
        if self.pending_dropped > 0 {
            let n = self.pending_dropped;
            let note = Event::Error {
                message: format!("usage log: {n} events could not be written and were lost"),
                exhibit: None,
                dropped: Some(n),
            };
            if !self.append(&to_line(ts, &self.kiosk, &note)) {
                self.drop_one();
                return;
            }
            self.pending_dropped = 0;
        }
        if !self.append(&to_line(ts, &self.kiosk, event)) {
            self.drop_one();
        }
    }

    fn drop_one(&mut self) {
        self.pending_dropped += 1;
        self.health.dropped.fetch_add(1, Ordering::Relaxed);
    }

    /// One `write` of the whole line. On failure the file is closed; reopening it later
    /// repairs any half line the failure left.
    fn append(&mut self, line: &str) -> bool {
        let Some(file) = self.file.as_mut() else {
            return false;
        };
        match file.write_all(line.as_bytes()) {
            Ok(()) => {
                self.unsynced_since.get_or_insert_with(Instant::now);
                self.health.written.fetch_add(1, Ordering::Relaxed);
                true
            }
            Err(e) => {
                self.fail(format!("cannot write to the usage log: {e}"));
                self.file = None;
                false
            }
        }
    }

    /// Opens (or creates) the day's file; `false` while the folder cannot be written.
    fn open(&mut self, date: Date) -> bool {
        if self.failed_at.is_some_and(|t| t.elapsed() < RETRY_EVERY) && self.date == Some(date) {
            return false;
        }
        self.date = Some(date);
        let path = log_path(&self.folder, &self.kiosk, date);
        match open_for_append(&path) {
            Ok(file) => {
                self.file = Some(file);
                self.failed_at = None;
                self.health.failing.store(false, Ordering::Relaxed);
                true
            }
            Err(e) => {
                self.fail(format!("cannot open {}: {e}", path.display()));
                false
            }
        }
    }

    fn fail(&mut self, message: String) {
        self.failed_at = Some(Instant::now());
        self.health.failing.store(true, Ordering::Relaxed);
        if let Ok(mut last) = self.health.last_error.lock() {
            *last = Some(message);
        }
    }

    fn sync(&mut self) {
        if self.unsynced_since.take().is_some()
            && let Some(file) = &self.file
            && let Err(e) = file.sync_data()
        {
            self.fail(format!("cannot sync the usage log: {e}"));
            self.file = None;
        }
    }
}

/// Opens `path` for appending, creating it (and its folder) if needed, and ends a torn
/// last line so that the next event starts on a line of its own.
fn open_for_append(path: &Path) -> std::io::Result<File> {
    let folder = path.parent().unwrap_or(Path::new("."));
    if !folder.is_dir() {
        std::fs::create_dir_all(folder)?;
        // The new kiosk folder's name must survive a power cut too.
        if let Some(parent) = folder.parent()
            && let Ok(dir) = File::open(parent)
        {
            let _ = dir.sync_all();
        }
    }
    let existed = path.exists();
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    let len = file.metadata()?.len();
    if len > 0 {
        let mut last = [0u8];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            file.write_all(b"\n")?;
        }
    }
    if !existed {
        // The new file's name must survive a power cut too.
        file.sync_all()?;
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EndReason;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn events_go_to_one_file_per_kiosk_and_utc_day() {
        let dir = tempfile::tempdir().unwrap();
        {
            let log = LogWriter::start(dir.path(), "hall-a");
            log.record_at(
                ts("2026-11-28T23:59:59.999Z"),
                Event::KioskStart {
                    version: "1".into(),
                },
            );
            log.record_at(
                ts("2026-11-29T00:00:00.000Z"),
                Event::SessionEnd {
                    session: "s".into(),
                    reason: EndReason::Home,
                    duration_ms: 1,
                    idle_ms: 0,
                },
            );
        }
        let first = lines(&dir.path().join("hall-a/2026-11-28.jsonl"));
        let second = lines(&dir.path().join("hall-a/2026-11-29.jsonl"));
        assert_eq!(first.len(), 1);
        assert_eq!(first[0]["event"], "kiosk_start");
        assert_eq!(first[0]["kiosk"], "hall-a");
        assert_eq!(second[0]["event"], "session_end");
        assert_eq!(second[0]["ts"], "2026-11-29T00:00:00.000Z");
    }

    #[test]
    fn a_torn_last_line_is_ended_before_new_events() {
        let dir = tempfile::tempdir().unwrap();
        let path = log_path(dir.path(), "k", Date::parse("2026-11-28").unwrap());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{\"v\":1,\"ts\":\"2026-11-28T10:00:00.000Z\",\"kiosk\":\"k\",\"event\":\"kiosk_start\",\"version\":\"1\"}\n{\"v\":1,\"ts\":\"2026-11-2").unwrap();
        {
            let log = LogWriter::start(dir.path(), "k");
            log.record_at(
                ts("2026-11-28T10:00:05.000Z"),
                Event::KioskStart {
                    version: "2".into(),
                },
            );
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let all: Vec<&str> = text.lines().collect();
        assert_eq!(all.len(), 3);
        assert!(serde_json::from_str::<serde_json::Value>(all[1]).is_err());
        let last: serde_json::Value = serde_json::from_str(all[2]).unwrap();
        assert_eq!(last["version"], "2");
    }

    #[test]
    fn an_unwritable_folder_drops_and_counts_then_recovers() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("logs");
        // A file where the folder should be: no one can write there, not even root
        // (who ignores read-only permissions).
        std::fs::write(&folder, "in the way").unwrap();
        let log = LogWriter::start(&folder, "k");
        for i in 0..3 {
            log.record_at(
                ts("2026-11-28T10:00:00.000Z"),
                Event::Heartbeat { uptime_ms: i },
            );
        }
        let health = wait_for(&log, |h| h.dropped == 3);
        assert!(health.failing);
        assert!(health.last_error.unwrap().contains("cannot open"));
        std::fs::remove_file(&folder).unwrap();
        std::thread::sleep(RETRY_EVERY + Duration::from_millis(200));
        log.record_at(
            ts("2026-11-28T10:00:09.000Z"),
            Event::Heartbeat { uptime_ms: 9 },
        );
        let health = wait_for(&log, |h| h.written == 2);
        assert!(!health.failing);
        drop(log);
        let written = lines(&folder.join("k/2026-11-28.jsonl"));
        assert_eq!(written.len(), 2);
        assert_eq!(written[0]["event"], "error");
        assert_eq!(written[0]["dropped"], 3);
        assert_eq!(written[1]["uptime_ms"], 9);
    }

    fn wait_for(log: &LogWriter, done: impl Fn(&HealthReport) -> bool) -> HealthReport {
        for _ in 0..200 {
            let h = log.health();
            if done(&h) {
                return h;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("writer never got there: {:?}", log.health());
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        let d = Date::parse("2026-11-28").unwrap();
        assert_eq!(
            log_path(Path::new("/l"), "../../etc", d),
            Path::new("/l/______etc/2026-11-28.jsonl")
        );
        assert_eq!(
            log_path(Path::new("/l"), "", d),
            Path::new("/l/kiosk/2026-11-28.jsonl")
        );
    }
}

/// The writer killed with SIGKILL mid-stream: the test binary runs itself as the child.
#[cfg(all(test, unix))]
mod kill_test {
    use super::*;
    use crate::event::InputKind;

    const CHILD_ENV: &str = "USAGE_LOG_KILL_TEST_FOLDER";

    /// Not a test of its own: the body of the child process.
    #[test]
    #[ignore = "run by killed_mid_stream_every_complete_line_reads"]
    fn child_writes_until_killed() {
        let Ok(folder) = std::env::var(CHILD_ENV) else {
            return;
        };
        let log = LogWriter::start(folder, "k");
        for i in 0u64.. {
            log.record(Event::SessionStart {
                session: format!("{i:016x}"),
                lang: "zh-Hans".into(),
                input: InputKind::Touch,
            });
            log.record(Event::Error {
                message: "x".repeat((i % 500) as usize),
                exhibit: None,
                dropped: None,
            });
            if i % 64 == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }

    #[test]
    fn killed_mid_stream_every_complete_line_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "writer::kill_test::child_writes_until_killed",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let day = dir.path().join("k");
        let mut file = None;
        for _ in 0..1000 {
            if let Some(f) = std::fs::read_dir(&day)
                .ok()
                .and_then(|mut d| d.next())
                .and_then(|e| e.ok())
                && f.metadata().is_ok_and(|m| m.len() > 1_000_000)
            {
                file = Some(f.path());
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let path = file.expect("the child wrote a megabyte");
        let text = std::fs::read(&path).unwrap();
        let complete = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut count = 0;
        for line in text[..complete]
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
        {
            let v: serde_json::Value =
                serde_json::from_slice(line).expect("every complete line reads");
            assert_eq!(v["v"], 1);
            count += 1;
        }
        assert!(count > 1000, "{count} lines");
        // A restarted writer carries on in the same file, on a line of its own.
        {
            let log = LogWriter::start(dir.path(), "k");
            let name = path.file_stem().unwrap().to_str().unwrap();
            let ts = Timestamp::parse(&format!("{name}T23:59:59.000Z")).unwrap();
            log.record_at(
                ts,
                Event::KioskStart {
                    version: "again".into(),
                },
            );
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!(last["version"], "again");
    }
}
