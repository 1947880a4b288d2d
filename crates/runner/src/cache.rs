//! The result cache that makes runs incremental.
//!
//! Every stage result is filed under a key: the blake3 hash of
//! - the stage's name,
//! - the code that computes it ([`code_id`]: [`records::FORMAT_VERSION`], this crate's
//!   version and a hash of the running executable, so a rebuilt stage never serves
//!   results of the old code),
//! - the stage's settings, serialized ([`settings_hash`]),
//! - the content hash of the stage's input (the input file's bytes for ingest, the
//!   previous stage's record for the others) and the source's name.
//!
//! The results themselves are the stage's ordinary output files (`<stage>/<source_id>.json`,
//! `text/<source_id>.txt`, ...). The index of one stage, `cache/<stage>.json`, maps each
//! source (or input file, for ingest) to its key and to the blake3 hash of each output
//! file. An entry is reused only when its key matches and every output file still
//! hashes to the recorded value: a truncated, corrupt or missing file (a crash, a hand
//! edit) is recomputed, never trusted. The index is replaced atomically at the end of a
//! stage, so after a crash it describes the previous run and the files the crash left
//! behind simply fail their hash check.
//!
//! A long-lived process (watch) turns on the [memo](enable_memo): it remembers the hash
//! of every file it has read or written together with the file's size and modification
//! time, so a later update re-reads only files whose size or time changed (or that the
//! watcher reported), and it keeps the extractions reconcile reads in memory. A single
//! `run` reads and hashes every file it relies on.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::store::Layout;

/// Version of the index files; an index of another version is ignored (all recomputed).
const INDEX_VERSION: u32 = 2;

/// Identifies the code computing stage results: format version, crate version and a
/// hash of the running executable. Computed once per process.
pub fn code_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(format!("format {} xtask {}", records::FORMAT_VERSION, env!("CARGO_PKG_VERSION")).as_bytes());
        // The stage crates change without version bumps while they are developed, so
        // the executable itself is part of the key. Unreadable executable: version only.
        // Streamed: the executable is tens of MB, which read whole would be the peak
        // memory of a small run.
        match std::env::current_exe().and_then(std::fs::File::open).and_then(|file| hasher.update_reader(file).map(|_| ())) {
            Ok(()) => {}
            Err(err) => tracing::warn!(%err, "cannot hash the running executable: cache keyed by version only"),
        }
        hasher.finalize().to_hex().to_string()
    })
}

/// blake3 hex digest of bytes.
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Hash of a stage's settings as serialized (field order is the struct's, so stable).
pub fn settings_hash<T: Serialize>(settings: &T) -> String {
    let bytes = serde_json::to_vec(settings).unwrap_or_default();
    hash_bytes(&bytes)
}

/// The cache key of one result.
pub fn key(stage: &str, settings: &str, name: &str, input_hash: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [stage, code_id(), settings, name, input_hash] {
        // Length-prefixed so that no two different tuples hash alike.
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// An output file of a cached result: path relative to the output folder and its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// blake3 hex digest of the file's bytes.
    pub hash: String,
}

/// One cached result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<T> {
    /// The key the result was computed under.
    pub key: String,
    /// What the stage returned (the outputs' descriptions, or the failure reason).
    pub value: T,
    /// The files holding the result.
    pub outputs: Vec<Output>,
}

/// A stage's index: name (source id or input file) to cached result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Index<T> {
    /// [`INDEX_VERSION`].
    pub version: u32,
    /// The entries.
    pub entries: BTreeMap<String, Entry<T>>,
}

impl<T> Default for Index<T> {
    fn default() -> Self {
        Index {
            version: INDEX_VERSION,
            entries: BTreeMap::new(),
        }
    }
}

/// Path of a stage's index.
pub fn index_path(layout: &Layout, stage: &str) -> PathBuf {
    layout.cache_dir().join(format!("{stage}.json"))
}

/// Loads a stage's index; a missing, unreadable or outdated index is empty (everything
/// is recomputed), never an error.
pub fn load<T: DeserializeOwned>(layout: &Layout, stage: &str) -> Index<T> {
    let path = index_path(layout, stage);
    let Ok(bytes) = std::fs::read(&path) else {
        return Index::default();
    };
    match serde_json::from_slice::<Index<T>>(&bytes) {
        Ok(index) if index.version == INDEX_VERSION => index,
        Ok(_) => Index::default(),
        Err(err) => {
            tracing::warn!(file = %path.display(), %err, "unreadable cache index: recomputing");
            Index::default()
        }
    }
}

/// Replaces a stage's index atomically.
pub fn save<T: Serialize>(layout: &Layout, stage: &str, index: &Index<T>) -> Result<()> {
    let path = index_path(layout, stage);
    let bytes = serde_json::to_vec(index)
        .with_context(|| format!("serializing the {stage} cache index"))?;
    crate::store::write_atomic(&path, &bytes)
}

/// Describes a file just written, for an index entry.
pub fn output(layout: &Layout, path: &Path, bytes: &[u8]) -> Output {
    output_hashed(layout, path, hash_bytes(bytes))
}

/// Describes a file just written whose bytes hash to `hash`, for an index entry.
pub fn output_hashed(layout: &Layout, path: &Path, hash: String) -> Output {
    remember(path, &hash);
    Output {
        path: layout.relative(path),
        hash,
    }
}

/// Whether every output of an entry is on disk with its recorded hash.
pub fn verify(layout: &Layout, outputs: &[Output]) -> bool {
    outputs.iter().all(|out| {
        let path = layout.root().join(&out.path);
        if remembered_hash(&path).is_some_and(|h| h == out.hash) {
            return true;
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                let hash = hash_bytes(&bytes);
                remember(&path, &hash);
                hash == out.hash
            }
            Err(_) => false,
        }
    })
}

/// What the memo knows of a file.
#[derive(Debug, Clone)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    hash: String,
}

#[derive(Debug, Default)]
struct Memo {
    enabled: AtomicBool,
    files: Mutex<HashMap<PathBuf, Stamp>>,
    extractions: Mutex<HashMap<String, records::Extraction>>,
}

fn memo() -> &'static Memo {
    static MEMO: OnceLock<Memo> = OnceLock::new();
    MEMO.get_or_init(Memo::default)
}

/// Turns the memo on for the rest of the process (see the module docs).
pub fn enable_memo() {
    memo().enabled.store(true, Ordering::Relaxed);
}

/// Whether the memo is on.
pub fn memo_on() -> bool {
    memo().enabled.load(Ordering::Relaxed)
}

fn stamp_of(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The hash the memo holds for `path`, if the file still has the size and modification
/// time it had when hashed.
pub fn remembered_hash(path: &Path) -> Option<String> {
    if !memo_on() {
        return None;
    }
    let files = memo().files.lock().ok()?;
    let known = files.get(path)?;
    let (len, modified) = stamp_of(path)?;
    (known.len == len && known.modified == modified).then(|| known.hash.clone())
}

/// Tells the memo that `path` (as it is now on disk) hashes to `hash`.
pub fn remember(path: &Path, hash: &str) {
    if !memo_on() {
        return;
    }
    if let (Some((len, modified)), Ok(mut files)) = (stamp_of(path), memo().files.lock()) {
        files.insert(
            path.to_path_buf(),
            Stamp {
                len,
                modified,
                hash: hash.to_string(),
            },
        );
    }
}

/// Makes the memo forget files the watcher saw change (a rewrite within one tick of
/// the file system's clock keeps the modification time).
pub fn forget(paths: &[PathBuf]) {
    if let Ok(mut files) = memo().files.lock() {
        for path in paths {
            files.remove(path);
        }
    }
}

/// An extraction the memo holds, by the hash of its record.
pub fn memo_extraction(hash: &str) -> Option<records::Extraction> {
    if !memo_on() {
        return None;
    }
    memo().extractions.lock().ok()?.get(hash).cloned()
}

/// Keeps the extractions of the current run (by record hash) and drops the others.
pub fn keep_extractions(current: impl IntoIterator<Item = (String, records::Extraction)>) {
    if !memo_on() {
        return;
    }
    if let Ok(mut extractions) = memo().extractions.lock() {
        *extractions = current.into_iter().collect();
    }
}

/// Looks an entry up: `Some` when the key matches and the outputs verify.
pub fn lookup<'a, T>(
    layout: &Layout,
    index: &'a Index<T>,
    name: &str,
    key: &str,
) -> Option<&'a Entry<T>> {
    let entry = index.entries.get(name)?;
    if entry.key != key {
        return None;
    }
    if verify(layout, &entry.outputs) {
        Some(entry)
    } else {
        tracing::warn!(
            name,
            "cache entry does not match its files (crash or edit): recomputing"
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_every_part() {
        let base = key("normalize", "s", "a.txt", "h");
        for other in [
            key("extract", "s", "a.txt", "h"),
            key("normalize", "t", "a.txt", "h"),
            key("normalize", "s", "b.txt", "h"),
            key("normalize", "s", "a.txt", "i"),
            key("normalize", "sa", ".txt", "h"),
        ] {
            assert_ne!(base, other);
        }
        assert_eq!(base, key("normalize", "s", "a.txt", "h"));
    }

    #[test]
    fn a_corrupt_or_missing_output_fails_verification() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let path = dir.path().join("extract/a.txt.json");
        crate::store::write_atomic(&path, b"{\"x\":1}").unwrap();
        let out = output(&layout, &path, b"{\"x\":1}");
        assert_eq!(out.path, "extract/a.txt.json");
        let mut index = Index::<()>::default();
        index.entries.insert(
            "a.txt".into(),
            Entry {
                key: "k".into(),
                value: (),
                outputs: vec![out],
            },
        );
        assert!(lookup(&layout, &index, "a.txt", "k").is_some());
        assert!(lookup(&layout, &index, "a.txt", "other key").is_none());
        std::fs::write(&path, b"{\"x\":").unwrap();
        assert!(lookup(&layout, &index, "a.txt", "k").is_none());
        std::fs::remove_file(&path).unwrap();
        assert!(lookup(&layout, &index, "a.txt", "k").is_none());
    }

    #[test]
    fn a_garbled_index_loads_empty() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        crate::store::write_atomic(&index_path(&layout, "ingest"), b"{\"version\":1,\"entr")
            .unwrap();
        assert!(load::<()>(&layout, "ingest").entries.is_empty());
    }
}
