//! The output folder on disk: where each stage's files go ([`Layout`]) and how every
//! file of the tree is written ([`write_atomic_with`]).
//!
//! Every file is written beside its final name (`.<name>.partial`) and renamed into
//! place, so a crash leaves either the old file or the new one, never half of one;
//! leftover `.partial` files are removed by the next run ([`remove_partials`]). This is
//! the one atomic write of the project: stage records, cache indexes, the reports
//! (streamed into it by `report`), eval and bench results.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Paths inside an output folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of output folder `root`.
    pub fn new(root: &Path) -> Self {
        Layout {
            root: root.to_path_buf(),
        }
    }

    /// A stage's folder.
    pub fn stage_dir(&self, stage: &str) -> PathBuf {
        self.root.join(stage)
    }

    /// A per-source record of a stage.
    pub fn record_path(&self, stage: &str, source_id: &str) -> PathBuf {
        self.stage_dir(stage).join(format!("{source_id}.json"))
    }

    /// Folder of the clean texts.
    pub fn text_dir(&self) -> PathBuf {
        self.root.join("text")
    }

    /// The clean text of a source.
    pub fn text_path(&self, source_id: &str) -> PathBuf {
        self.text_dir().join(format!("{source_id}.txt"))
    }

    /// The reconcile output.
    pub fn reconciled_path(&self) -> PathBuf {
        self.stage_dir("reconcile").join("reconciled.json")
    }

    /// The reports folder.
    pub fn reports_dir(&self) -> PathBuf {
        self.root.join("reports")
    }

    /// The folder of the cache indexes.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// The output folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` relative to the output folder, `/`-separated (as recorded in cache indexes).
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The write buffer of [`write_atomic_with`]: large files (the reconciled records, the
/// reports of a large corpus) go out in few system calls; the many small records pass
/// their bytes in one write, past the buffer.
const WRITE_BUFFER: usize = 64 * 1024;

/// Writes the file `path` atomically, streaming: `write` fills a buffered writer on
/// `.<name>.partial` beside it, which is then renamed over `path`. When `write` or the
/// rename fails, the partial file is removed and the earlier file (if any) stays whole.
/// The error names the file. No fsync is made: it would add only power-loss durability,
/// at a cost every watch update pays.
pub fn write_atomic_with<T>(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let named =
        |err: std::io::Error| std::io::Error::new(err.kind(), format!("{}: {err}", path.display()));
    let (dir, name) = match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => (dir, name.to_string_lossy()),
        _ => {
            return Err(named(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a path to write has a folder and a file name",
            )));
        }
    };
    std::fs::create_dir_all(dir).map_err(named)?;
    let tmp = dir.join(format!(".{name}.partial"));
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, std::fs::File::create(&tmp)?);
        let value = write(&mut out)?;
        out.flush()?;
        drop(out);
        std::fs::rename(&tmp, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(named)
}

/// Writes `bytes` to `path` atomically (see [`write_atomic_with`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `value` as compact JSON atomically, streaming it to disk instead of building
/// it in memory first, and returns the blake3 hash of the bytes written.
pub fn write_json_hashed<T: serde::Serialize>(path: &Path, value: &T) -> Result<String> {
    write_atomic_with(path, |out| {
        let mut writer = HashingWriter::new(out);
        serde_json::to_writer(&mut writer, value)?;
        Ok(writer.finish())
    })
    .with_context(|| format!("cannot write {}", path.display()))
}

/// A writer that hashes (blake3) what passes through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W> HashingWriter<W> {
    /// Hashes what is written into `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: blake3::Hasher::new(),
        }
    }

    /// The hex hash of everything written.
    pub fn finish(&self) -> String {
        self.hasher.finalize().to_hex().to_string()
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Removes files under `dir` (recursively) that are not in `keep`, leaving folders.
pub fn prune(dir: &Path, keep: &BTreeSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => prune(&path, keep),
            Ok(_) if !keep.contains(&path) => {
                let _ = std::fs::remove_file(&path);
            }
            _ => {}
        }
    }
}

/// Removes the `.<name>.partial` files an interrupted write left anywhere under `dir`:
/// they were never renamed into place, so nothing refers to them.
pub fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_partials(&path),
            Ok(_) => {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') && name.ends_with(".partial") {
                    tracing::info!(file = %path.display(), "removing a file an interrupted run left");
                    let _ = std::fs::remove_file(&path);
                }
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden_files(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/facts.csv");
        write_atomic(&path, b"old").unwrap();
        let hash = write_atomic_with(&path, |out| {
            let mut out = HashingWriter::new(out);
            out.write_all(b"new ")?;
            out.write_all(b"content")?;
            Ok(out.finish())
        })
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new content");
        assert_eq!(hash, blake3::hash(b"new content").to_hex().to_string());
        assert!(hidden_files(path.parent().unwrap()).is_empty());
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_its_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        write_atomic(&path, b"the last good report").unwrap();
        let err = write_atomic_with(&path, |out| {
            out.write_all(b"half of a rep")?;
            Err::<(), _>(std::io::Error::other("the disk is full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("summary.md"), "{err}");
        assert!(err.to_string().contains("the disk is full"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"the last good report");
        assert!(hidden_files(dir.path()).is_empty());
    }

    #[test]
    fn partial_files_an_interrupted_run_left_are_removed_anywhere_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::write(reports.join(".facts.csv.partial"), b"left by a crash").unwrap();
        std::fs::write(dir.path().join(".x.json.partial"), b"left").unwrap();
        std::fs::write(reports.join("facts.csv"), b"kept").unwrap();
        std::fs::write(reports.join(".review.toml"), b"kept").unwrap();
        std::fs::write(reports.join("a.partial"), b"kept: not hidden").unwrap();
        remove_partials(dir.path());
        assert!(hidden_files(dir.path()).is_empty());
        assert_eq!(hidden_files(&reports), vec![".review.toml".to_string()]);
        assert!(reports.join("facts.csv").is_file());
        assert!(reports.join("a.partial").is_file());
    }
}
