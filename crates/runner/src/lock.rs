//! One process at a time per output folder.
//!
//! The lock is an advisory exclusive lock (`flock`, through fs4) on `<out>/.lock`,
//! which also holds the owner's pid and command for the message the second process
//! prints. The operating system drops the lock when its owner exits, however it
//! exits (`kill -9` included), so a lock file left behind by a crashed run is stale by
//! construction: the next run takes it over without anyone deleting it.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use fs4::fs_std::FileExt;

/// Holds the lock of an output folder until dropped.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

/// File name of the lock inside an output folder.
pub const LOCK_FILE: &str = ".lock";

impl OutputLock {
    /// Takes the lock of `out` (creating the folder), or fails naming the process that
    /// holds it.
    pub fn acquire(out: &Path, command: &str) -> Result<OutputLock> {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create the output folder {}", out.display()))?;
        let path = out.join(LOCK_FILE);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let locked = file
            .try_lock_exclusive()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        if !locked {
            let mut owner = String::new();
            let _ = file.read_to_string(&mut owner);
            let owner = owner.trim();
            let owner = if owner.is_empty() {
                "another process".to_string()
            } else {
                owner.to_string()
            };
            bail!(
                "output folder {} is in use by {owner}: wait for it to finish or stop it, or choose another --out",
                out.display()
            );
        }
        // Ours now: whatever a crashed owner left in the file is replaced.
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
            .and_then(|()| writeln!(file, "corroborate `{command}` (pid {})", std::process::id()))
            .with_context(|| format!("cannot write the lock file {}", path.display()))?;
        Ok(OutputLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Empty the file so a reader never names a process that has finished; the
        // lock itself goes with the file handle.
        let _ = self.file.set_len(0);
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_naming_the_first_and_succeeds_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = OutputLock::acquire(&out, "run").unwrap();
        let err = OutputLock::acquire(&out, "watch").unwrap_err().to_string();
        assert!(err.contains("in use by corroborate `run`"), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(first);
        let again = OutputLock::acquire(&out, "watch").unwrap();
        assert!(again.path().ends_with(LOCK_FILE));
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(LOCK_FILE),
            "corroborate `run` (pid 999999)\n",
        )
        .unwrap();
        let lock = OutputLock::acquire(dir.path(), "run").unwrap();
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.contains(&format!("pid {}", std::process::id())),
            "{text}"
        );
    }
}
