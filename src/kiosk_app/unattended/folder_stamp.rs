//! A folder's state as its files, modification times and sizes: when it changes,
//! something in the folder was saved, copied in or removed. Polling this is enough for
//! exhibit folders (a few hundred files) and works on every file system, network and
//! USB ones included.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Every file under `dir` with its modification time and size: any save changes it.
pub fn stamp(dir: &Path) -> Vec<(PathBuf, SystemTime, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                out.push((
                    e.path(),
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                ));
            }
        }
    }
    out.sort();
    out
}
