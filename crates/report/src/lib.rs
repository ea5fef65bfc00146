//! `kiosk report`: streams the usage logs of any number of kiosks into per-session
//! records, computes the figures, and writes `index.html`, CSV files and, if asked, xAPI.
//!
//! The log itself (schema, writer, reader) is the `usage-log` crate; this crate only
//! reads it. No Bevy here, so it builds and benchmarks fast.

pub mod analysis;
pub mod csv;
pub mod dataset;
pub mod html;
pub mod stats;
pub mod words;
pub mod xapi;

use std::path::{Path, PathBuf};

pub use analysis::{ContentInfo, ExhibitInfo, Options, QuestionInfo, Report, SceneInfo, analyse};
pub use dataset::{Dataset, Filter};

use usage_log::reader::{self, LogFile};
use usage_log::time::Timestamp;

/// Why a report could not be made. Unreadable lines are not errors; they are counted.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A folder or file given could not be listed or opened.
    #[error("cannot read {path}")]
    Read {
        /// Which.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write {path}")]
    Write {
        /// Which.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No `.jsonl` file under the folders given.
    #[error("no usage log files (*.jsonl) under {0}")]
    NoLogs(String),
}

/// Reads every log file under `roots` that `filter` wants, on `threads` threads (each
/// kiosk's folder on one thread, so its days stay in order).
pub fn read(roots: &[PathBuf], filter: &Filter, threads: usize) -> Result<Dataset, ReportError> {
    for root in roots {
        // Name the folder that cannot be read, not just the first one given.
        std::fs::metadata(root).map_err(|e| ReportError::Read {
            path: root.clone(),
            source: e,
        })?;
    }
    let files = reader::find_log_files(roots).map_err(|e| ReportError::Read {
        path: roots.first().cloned().unwrap_or_default(),
        source: e,
    })?;
    if files.is_empty() {
        let list: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
        return Err(ReportError::NoLogs(list.join(", ")));
    }
    let files: Vec<LogFile> = files
        .into_iter()
        .filter(|f| filter.wants_day(f.date))
        .collect();
    // Share the folders out by size, biggest first, each to the least loaded thread.
    let mut folders: Vec<(String, u64, Vec<LogFile>)> = Vec::new();
    for f in files {
        match folders.last_mut() {
            Some(last) if last.0 == f.folder => {
                last.1 += f.size;
                last.2.push(f);
            }
            _ => folders.push((f.folder.clone(), f.size, vec![f])),
        }
    }
    folders.sort_by_key(|f| std::cmp::Reverse(f.1));
    let threads = threads.clamp(1, folders.len().max(1));
    let mut shares: Vec<(u64, Vec<LogFile>)> = vec![(0, Vec::new()); threads];
    for (_, size, list) in folders {
        let least = shares
            .iter_mut()
            .min_by_key(|s| s.0)
            .expect("at least one thread");
        least.0 += size;
        least.1.extend(list);
    }
    let results: Vec<Result<Dataset, ReportError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|(_, list)| scope.spawn(move || read_share(&list, filter)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a reader thread panicked"))
            .collect()
    });
    let mut all = Dataset::new(filter);
    for r in results {
        all.merge(r?);
    }
    all.finish();
    Ok(all)
}

fn read_share(files: &[LogFile], filter: &Filter) -> Result<Dataset, ReportError> {
    let mut data = Dataset::new(filter);
    for f in files {
        let read_err = |e| ReportError::Read {
            path: f.path.clone(),
            source: e,
        };
        let input = reader::open(f).map_err(read_err)?;
        let bytes = reader::read_lines(input, |line| match line {
            Ok(l) => data.add(l),
            Err(why) => data.skip(why),
        })
        .map_err(read_err)?;
        data.files += 1;
        data.bytes += bytes;
    }
    // Runs still open end at their kiosk's last event; merging knows nothing of runs.
    data.finish();
    Ok(data)
}

/// What [`write`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Files written, in order.
    pub files: Vec<PathBuf>,
    /// xAPI statements written.
    pub statements: u64,
}

/// xAPI export settings.
#[derive(Debug, Clone)]
pub struct XapiOptions {
    /// Where to write the statements.
    pub path: PathBuf,
    /// The IRI activity ids and the actor's account live under.
    pub base: String,
}

/// Writes the report into `out` (made if missing) and the xAPI file if asked.
pub fn write(
    data: &Dataset,
    report: &Report,
    out: &Path,
    xapi: Option<&XapiOptions>,
) -> Result<Written, ReportError> {
    let werr = |path: &Path| {
        let path = path.to_owned();
        move |source| ReportError::Write { path, source }
    };
    std::fs::create_dir_all(out).map_err(werr(out))?;
    let mut written = Written::default();
    let index = out.join("index.html");
    let words = words::Words::for_lang(&report.lang);
    std::fs::write(&index, html::page(report, Timestamp::now(), words)).map_err(werr(&index))?;
    written.files.push(index);
    let per_visit = ("sessions.csv", csv::sessions(data));
    for (name, text) in csv::files(report).into_iter().chain([per_visit]) {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(werr(&path))?;
        written.files.push(path);
    }
    if let Some(x) = xapi {
        if let Some(parent) = x.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(werr(parent))?;
        }
        let file = std::fs::File::create(&x.path).map_err(werr(&x.path))?;
        let mut buf = std::io::BufWriter::new(file);
        written.statements = xapi::write(data, report, &x.base, &mut buf).map_err(werr(&x.path))?;
        std::io::Write::flush(&mut buf).map_err(werr(&x.path))?;
        written.files.push(x.path.clone());
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
