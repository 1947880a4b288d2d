//! The file layer around each stage: read the previous stage's files, call the
//! stage's pure function, write this stage's files and manifest.
//!
//! Layout of an output folder (`out/<pipeline>/`):
//! - `ingest/<source_id>.json`     one [`RawDocument`] per source, plus `manifest.json`
//! - `normalize/<source_id>.json`  one [`CleanDocument`] per source, plus `manifest.json`
//! - `text/<source_id>.txt`        the clean text of each source
//! - `extract/<source_id>.json`    one [`Extraction`] per source, plus `manifest.json`
//! - `reconcile/reconciled.json`   the one [`Reconciled`]
//! - `reports/`                    what users open
//! - `cache/<stage>.json`          each stage's cache index (see [`crate::cache`]): the
//!   key each result was computed under and the blake3 hash of each file holding it
//! - `.lock`                       held by the one process writing the folder (see [`crate::lock`])
//!
//! A stage reads only the files of the stage before it, through that stage's manifest,
//! so files left by sources no longer in the input are never read (and are pruned).
//! Ingest writes a record for every document it reads, duplicates included (the
//! manifest marks them), so that a duplicate that becomes the first of its kind later
//! needs no work.
//!
//! Every file is written atomically (see [`crate::store`]): a crash leaves either the
//! old file or the new one, never half of one. A crash between writing a
//! stage's records and its manifest and index leaves records that no longer match the
//! index: the next run finds their hashes wrong and computes them again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use records::{
    CleanDocument, Diagnostic, Extraction, FORMAT_VERSION, MANIFEST_FILE, Manifest, RawDocument,
    Reconciled, SourceEntry, SourceStatus,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::pipeline::Pipeline;
use crate::progress::Progress;
use crate::store::{
    HashingWriter, Layout, prune, remove_partials, write_atomic, write_atomic_with,
    write_json_hashed,
};
use crate::{cache, cancel};

/// The stages, in order.
pub const STAGES: [&str; 5] = ["ingest", "normalize", "extract", "reconcile", "report"];

/// Writes a record as compact JSON (atomically) and returns the bytes written.
/// Compact, not pretty: indentation made the intermediate files several times the
/// size of the input (every offset of every sentence on its own indented line), and
/// `jq .` shows any of them pretty.
fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<Vec<u8>> {
    let bytes = serde_json::to_vec(value).context("serializing a record")?;
    write_atomic(path, &bytes)?;
    Ok(bytes)
}

/// The blake3 hash of a value's compact JSON, without holding the JSON in memory.
fn json_hash<T: Serialize>(value: &T) -> Result<String> {
    let mut writer = HashingWriter::new(std::io::sink());
    serde_json::to_writer(&mut writer, value).context("serializing a value to hash it")?;
    Ok(writer.finish())
}

/// [`read_json`] without the whole file in memory: slower to parse, for files too
/// large to hold beside what they parse into.
fn read_json_streaming<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_reader(std::io::BufReader::with_capacity(1 << 20, file))
        .with_context(|| format!("cannot parse {}", path.display()))
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("cannot parse {}", path.display()))
}

/// Reads a stage's manifest, checking that it was written by this build's format.
pub fn read_manifest(layout: &Layout, stage: &str) -> Result<Manifest> {
    let path = layout.stage_dir(stage).join(MANIFEST_FILE);
    let manifest: Manifest = read_json(&path).with_context(|| {
        format!("stage {stage} has no usable output: run the stages before it first")
    })?;
    anyhow::ensure!(
        manifest.format_version == FORMAT_VERSION,
        "{} was written by another version of corroborate (format {}, expected {FORMAT_VERSION}): run the pipeline again",
        path.display(),
        manifest.format_version
    );
    Ok(manifest)
}

/// Counts of one stage's run, for the terminal. For ingest the unit of work is an
/// input file; for the other per-source stages, a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageOutcome {
    /// Results computed in this run (the stage's work was done).
    pub computed: usize,
    /// Results taken from the cache (no work but a hash check).
    pub reused: usize,
    /// Sources that came out of the stage ok.
    pub ok: usize,
    /// Sources (or files) that failed in this stage, computed or reused.
    pub failed: usize,
}

/// What ingest made of one input file: its documents, or why it was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ingested {
    /// The documents found (one, or several for containers).
    pub docs: Vec<IngestedDoc>,
    /// Why the file was refused.
    pub error: Option<String>,
    /// Problems that did not cost the whole file (a bad JSONL line, a cut-off record).
    #[serde(default)]
    pub warnings: Vec<Diagnostic>,
}

/// The part of a [`RawDocument`] the ingest manifest needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestedDoc {
    /// See [`RawDocument::source_id`].
    pub source_id: String,
    /// See [`RawDocument::file`].
    pub file: String,
    /// See [`RawDocument::content_hash`].
    pub content_hash: String,
}

/// Result of ingesting one file: its index entry (when cacheable) and whether it was reused.
struct FileResult {
    file: ingest::InputFile,
    value: Ingested,
    entry: Option<cache::Entry<Ingested>>,
    reused: bool,
}

fn to_string_err(err: anyhow::Error) -> String {
    format!("{err:#}")
}

/// Ingest: input folder to `ingest/`. A file whose bytes, name, settings and code are
/// those of a cached result is not ingested again.
pub fn run_ingest(
    pipeline: &Pipeline,
    layout: &Layout,
    progress: &Progress,
) -> Result<StageOutcome> {
    let config = &pipeline.settings.ingest;
    let settings = cache::settings_hash(config);
    let index: cache::Index<Ingested> = cache::load(layout, "ingest");
    let (files, mut diagnostics) = ingest::discover(&pipeline.input);
    let bar = progress.bar("ingest", files.len());
    // A stop asked for part-way ends the stage before its manifest is written.
    let results: Option<Vec<FileResult>> = files
        .into_par_iter()
        .map(|file| {
            if cancel::requested() {
                return None;
            }
            let result = ingest_one(file, config, &settings, &index, layout);
            bar.inc(1);
            Some(result)
        })
        .collect();
    bar.finish_and_clear();
    let results = results.ok_or(cancel::Cancelled)?;

    let mut new_index = cache::Index::<Ingested>::default();
    let mut keep = BTreeSet::new();
    let mut entries = Vec::new();
    let mut docs = Vec::new();
    let mut outcome = StageOutcome::default();
    for result in results {
        if result.reused {
            outcome.reused += 1;
        } else {
            outcome.computed += 1;
        }
        if let Some(entry) = result.entry {
            keep.extend(entry.outputs.iter().map(|o| layout.root().join(&o.path)));
            new_index.entries.insert(result.file.rel.clone(), entry);
        }
        diagnostics.extend(result.value.warnings);
        match result.value.error {
            Some(reason) => {
                if !result.reused {
                    tracing::warn!(file = %result.file.rel, %reason, "ingest refused a file");
                }
                outcome.failed += 1;
                diagnostics.push(Diagnostic {
                    source_id: result.file.rel.clone(),
                    stage: "ingest".into(),
                    error: reason.clone(),
                });
                entries.push(SourceEntry {
                    source_id: result.file.rel.clone(),
                    file: result.file.rel,
                    content_hash: None,
                    status: SourceStatus::Error {
                        stage: "ingest".into(),
                        reason,
                    },
                });
            }
            None => docs.extend(result.value.docs),
        }
    }
    docs.sort_by(|a, b| a.source_id.cmp(&b.source_id));
    let duplicates = ingest::mark_duplicates(
        docs.iter()
            .map(|d| (d.source_id.as_str(), d.content_hash.as_str())),
    );
    for (doc, duplicate_of) in docs.iter().zip(duplicates) {
        let status = match duplicate_of {
            None => {
                outcome.ok += 1;
                SourceStatus::Ok
            }
            Some(of) => SourceStatus::Duplicate { of },
        };
        entries.push(SourceEntry {
            source_id: doc.source_id.clone(),
            file: doc.file.clone(),
            content_hash: Some(doc.content_hash.clone()),
            status,
        });
    }
    finish_stage(layout, "ingest", entries, diagnostics, keep, &new_index)?;
    Ok(outcome)
}

fn ingest_one(
    file: ingest::InputFile,
    config: &ingest::IngestConfig,
    settings: &str,
    index: &cache::Index<Ingested>,
    layout: &Layout,
) -> FileResult {
    // Hash the bytes (within the size limit) to find a cached result. A file too large,
    // vanished or unreadable goes to ingest, whose error names the reason.
    let bytes = match std::fs::metadata(&file.path) {
        // A pipe or a device would block the read or never end; a folder reached
        // through a symlink is not an article either. Refused before opening.
        Ok(meta) if !meta.is_file() => {
            let error = format!(
                "{}: not a regular file (folder, pipe, socket or device)",
                file.rel
            );
            let value = Ingested {
                docs: Vec::new(),
                error: Some(error),
                warnings: Vec::new(),
            };
            return FileResult {
                file,
                value,
                entry: None,
                reused: false,
            };
        }
        Ok(meta) if meta.len() <= config.max_file_bytes => {
            // In a watch session an unchanged file need not be read to be recognised.
            if let Some(hash) = cache::remembered_hash(&file.path) {
                let key = cache::key("ingest", settings, &file.rel, &hash);
                if let Some(entry) = cache::lookup(layout, index, &file.rel, &key) {
                    return FileResult {
                        file,
                        value: entry.value.clone(),
                        entry: Some(entry.clone()),
                        reused: true,
                    };
                }
            }
            read_bounded(&file.path, config.max_file_bytes)
        }
        _ => None,
    };
    let Some(bytes) = bytes else {
        let value = match ingest::ingest_file_report(&file, config) {
            Ok(found) => return compute_ingest(file, Ok(found), None, layout),
            Err(reason) => Ingested {
                docs: Vec::new(),
                error: Some(reason),
                warnings: Vec::new(),
            },
        };
        return FileResult {
            file,
            value,
            entry: None,
            reused: false,
        };
    };
    let hash = cache::hash_bytes(&bytes);
    cache::remember(&file.path, &hash);
    let key = cache::key("ingest", settings, &file.rel, &hash);
    if let Some(entry) = cache::lookup(layout, index, &file.rel, &key) {
        return FileResult {
            file,
            value: entry.value.clone(),
            entry: Some(entry.clone()),
            reused: true,
        };
    }
    // The bytes just hashed are the bytes ingested, so the key describes the result
    // even when the file changes meanwhile.
    let result = ingest::ingest_bytes_report(&file.rel, &bytes, config);
    compute_ingest(file, result, Some(key), layout)
}

/// Reads at most `limit` bytes of a file; `None` when it cannot be read or is (or
/// grew) over the limit, which ingest then reports.
fn read_bounded(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= limit).then_some(bytes)
}

fn compute_ingest(
    file: ingest::InputFile,
    result: Result<ingest::Ingested, String>,
    key: Option<String>,
    layout: &Layout,
) -> FileResult {
    let mut outputs = Vec::new();
    let value = match result.and_then(|found| {
        for doc in &found.documents {
            let path = layout.record_path("ingest", &doc.source_id);
            let bytes = write_json(&path, doc).map_err(to_string_err)?;
            outputs.push(cache::output(layout, &path, &bytes));
        }
        Ok(found)
    }) {
        Ok(found) => Ingested {
            docs: found
                .documents
                .into_iter()
                .map(|d| IngestedDoc {
                    source_id: d.source_id,
                    file: d.file,
                    content_hash: d.content_hash,
                })
                .collect(),
            error: None,
            warnings: found.diagnostics,
        },
        Err(reason) => Ingested {
            docs: Vec::new(),
            error: Some(reason),
            warnings: Vec::new(),
        },
    };
    let entry = key.map(|key| cache::Entry {
        key,
        value: value.clone(),
        outputs,
    });
    FileResult {
        file,
        value,
        entry,
        reused: false,
    }
}

/// Writes a stage's manifest (entries sorted) and cache index, and prunes its stale files.
fn finish_stage<T: Serialize>(
    layout: &Layout,
    stage: &str,
    mut entries: Vec<SourceEntry>,
    diagnostics: Vec<Diagnostic>,
    mut keep: BTreeSet<PathBuf>,
    index: &cache::Index<T>,
) -> Result<()> {
    entries.sort_by(|a, b| a.source_id.cmp(&b.source_id));
    let manifest = Manifest {
        stage: stage.to_string(),
        format_version: FORMAT_VERSION,
        entries,
        diagnostics,
    };
    let path = layout.stage_dir(stage).join(MANIFEST_FILE);
    write_json(&path, &manifest)?;
    cache::save(layout, stage, index)?;
    keep.insert(path);
    prune(&layout.stage_dir(stage), &keep);
    Ok(())
}

/// Hashes of the previous stage's records, by path relative to the output folder, from
/// its cache index (empty when it has none: the records are then hashed as read).
fn record_hashes<T: DeserializeOwned>(layout: &Layout, stage: &str) -> HashMap<String, String> {
    let index: cache::Index<T> = cache::load(layout, stage);
    index
        .entries
        .into_values()
        .flat_map(|e| e.outputs)
        .map(|o| (o.path, o.hash))
        .collect()
}

/// One source of a per-source stage: its id, its cache entry, and whether it was reused.
type SourceResult = (String, cache::Entry<Option<String>>, bool);

/// Runs a per-source stage over every `ok` source of the previous stage's manifest.
/// `work` returns the record to write and extra files (path, bytes) to write with it.
/// A source whose input record, settings and code are those of a cached result that
/// still verifies is not processed again.
fn per_source<I, O, F>(
    layout: &Layout,
    progress: &Progress,
    previous: &str,
    stage: &str,
    settings: &str,
    work: F,
) -> Result<StageOutcome>
where
    I: DeserializeOwned,
    O: Serialize + Send,
    F: Fn(&I) -> Result<(O, Vec<(PathBuf, Vec<u8>)>), String> + Sync,
{
    let manifest = read_manifest(layout, previous)?;
    let input_hashes = if previous == "ingest" {
        record_hashes::<Ingested>(layout, previous)
    } else {
        record_hashes::<Option<String>>(layout, previous)
    };
    let index: cache::Index<Option<String>> = cache::load(layout, stage);
    let ok_ids: Vec<&SourceEntry> = manifest
        .entries
        .iter()
        .filter(|e| matches!(e.status, SourceStatus::Ok))
        .collect();
    let bar = progress.bar(stage, ok_ids.len());
    // A stop asked for part-way ends the stage before its manifest is written.
    let results: Option<Vec<SourceResult>> = ok_ids
        .par_iter()
        .map(|entry| {
            if cancel::requested() {
                return None;
            }
            let id = &entry.source_id;
            let input_path = layout.record_path(previous, id);
            let known = input_hashes.get(&layout.relative(&input_path));
            let mut input_bytes = None;
            let input_hash = match known {
                Some(hash) => hash.clone(),
                None => match std::fs::read(&input_path) {
                    Ok(bytes) => {
                        let hash = cache::hash_bytes(&bytes);
                        input_bytes = Some(bytes);
                        hash
                    }
                    Err(err) => format!("unreadable: {err}"),
                },
            };
            let key = cache::key(stage, settings, id, &input_hash);
            let result = match cache::lookup(layout, &index, id, &key) {
                Some(cached) => (id.clone(), cached.clone(), true),
                None => {
                    let mut outputs = Vec::new();
                    let done = compute_one(
                        layout,
                        previous,
                        stage,
                        id,
                        &input_path,
                        input_bytes,
                        &input_hash,
                        &work,
                        &mut outputs,
                    );
                    (
                        id.clone(),
                        cache::Entry {
                            key,
                            value: done.err(),
                            outputs,
                        },
                        false,
                    )
                }
            };
            bar.inc(1);
            Some(result)
        })
        .collect();
    bar.finish_and_clear();
    let results = results.ok_or(cancel::Cancelled)?;

    let mut entries = manifest.entries.clone();
    let mut diagnostics = manifest.diagnostics.clone();
    let mut keep = BTreeSet::new();
    let mut outcome = StageOutcome::default();
    let mut new_index = cache::Index::<Option<String>>::default();
    for (source_id, entry, reused) in results {
        if reused {
            outcome.reused += 1;
        } else {
            outcome.computed += 1;
        }
        keep.extend(entry.outputs.iter().map(|o| layout.root().join(&o.path)));
        match &entry.value {
            None => outcome.ok += 1,
            Some(reason) => {
                if !reused {
                    tracing::warn!(%source_id, stage, %reason, "a source failed");
                }
                outcome.failed += 1;
                diagnostics.push(Diagnostic {
                    source_id: source_id.clone(),
                    stage: stage.into(),
                    error: reason.clone(),
                });
                if let Some(e) = entries.iter_mut().find(|e| e.source_id == source_id) {
                    e.status = SourceStatus::Error {
                        stage: stage.into(),
                        reason: reason.clone(),
                    };
                }
            }
        }
        new_index.entries.insert(source_id, entry);
    }
    if stage == "normalize" {
        let texts: BTreeSet<PathBuf> = keep
            .iter()
            .filter(|p| p.starts_with(layout.text_dir()))
            .cloned()
            .collect();
        prune(&layout.text_dir(), &texts);
    }
    finish_stage(layout, stage, entries, diagnostics, keep, &new_index)?;
    Ok(outcome)
}

/// Processes one source of a per-source stage, writing its files and describing them
/// in `outputs`. The error is the reason the source failed.
#[allow(clippy::too_many_arguments)]
fn compute_one<I, O, F>(
    layout: &Layout,
    previous: &str,
    stage: &str,
    id: &str,
    input_path: &Path,
    input_bytes: Option<Vec<u8>>,
    input_hash: &str,
    work: &F,
    outputs: &mut Vec<cache::Output>,
) -> Result<(), String>
where
    I: DeserializeOwned,
    O: Serialize,
    F: Fn(&I) -> Result<(O, Vec<(PathBuf, Vec<u8>)>), String>,
{
    let bytes = match input_bytes {
        Some(bytes) => bytes,
        None => std::fs::read(input_path)
            .map_err(|e| format!("cannot read {}: {e}", input_path.display()))?,
    };
    if cache::hash_bytes(&bytes) != input_hash {
        return Err(format!(
            "{} changed after stage {previous} wrote it: run stage {previous} again",
            input_path.display()
        ));
    }
    let input: I = serde_json::from_slice(&bytes)
        .map_err(|e| format!("cannot parse {}: {e}", input_path.display()))?;
    let (record, extra) = work(&input)?;
    let path = layout.record_path(stage, id);
    let written = write_json(&path, &record).map_err(|e| format!("{e:#} (stage {stage})"))?;
    outputs.push(cache::output(layout, &path, &written));
    for (extra_path, bytes) in extra {
        write_atomic(&extra_path, &bytes).map_err(to_string_err)?;
        outputs.push(cache::output(layout, &extra_path, &bytes));
    }
    Ok(())
}

/// Normalize: `ingest/` to `normalize/` and `text/`.
pub fn run_normalize(
    pipeline: &Pipeline,
    layout: &Layout,
    progress: &Progress,
) -> Result<StageOutcome> {
    let config = &pipeline.settings.normalize;
    per_source(
        layout,
        progress,
        "ingest",
        "normalize",
        &cache::settings_hash(config),
        |raw: &RawDocument| {
            let clean = normalize::normalize(raw, config)?;
            let text = (
                layout.text_path(&clean.source_id),
                clean.text.clone().into_bytes(),
            );
            Ok((clean, vec![text]))
        },
    )
}

/// Extract: `normalize/` to `extract/`.
pub fn run_extract(
    pipeline: &Pipeline,
    layout: &Layout,
    progress: &Progress,
) -> Result<StageOutcome> {
    let config = &pipeline.settings.extract;
    per_source(
        layout,
        progress,
        "normalize",
        "extract",
        &cache::settings_hash(config),
        |clean: &CleanDocument| Ok((extract::extract(clean, config), Vec::new())),
    )
}

/// Key of the reconcile result: the extract manifest and every extraction's hash.
fn reconcile_key(layout: &Layout, settings: &str, manifest: &Manifest) -> Result<String> {
    let hashes = record_hashes::<Option<String>>(layout, "extract");
    let mut hasher = blake3::Hasher::new();
    hasher.update(&serde_json::to_vec(manifest).context("serializing the extract manifest")?);
    for entry in manifest
        .entries
        .iter()
        .filter(|e| matches!(e.status, SourceStatus::Ok))
    {
        let path = layout.relative(&layout.record_path("extract", &entry.source_id));
        let hash = match hashes.get(&path) {
            Some(hash) => hash.clone(),
            // No index (extract was run by an older build): hash the record itself.
            None => std::fs::read(layout.root().join(&path))
                .map(|b| cache::hash_bytes(&b))
                .unwrap_or_default(),
        };
        hasher.update(path.as_bytes());
        hasher.update(hash.as_bytes());
    }
    Ok(cache::key(
        "reconcile",
        settings,
        "",
        &hasher.finalize().to_hex(),
    ))
}

/// Reads one extraction, checking it against the hash extract recorded (or taking it
/// from the memo of a watch session). Returns it with its hash.
fn read_extraction(
    layout: &Layout,
    hashes: &HashMap<String, String>,
    source_id: &str,
) -> Result<(String, Extraction)> {
    let path = layout.record_path("extract", source_id);
    let expected = hashes.get(&layout.relative(&path));
    if let Some(extraction) = expected.and_then(|h| cache::memo_extraction(h)) {
        return Ok((expected.cloned().unwrap_or_default(), extraction));
    }
    let bytes = std::fs::read(&path)
        .with_context(|| format!("cannot read {} (stage reconcile)", path.display()))?;
    let hash = cache::hash_bytes(&bytes);
    if expected.is_some_and(|e| *e != hash) {
        bail!(
            "{} does not match what extract wrote (changed or damaged since): run the pipeline again",
            path.display()
        );
    }
    let mut extraction: Extraction = serde_json::from_slice(&bytes)
        .with_context(|| format!("cannot parse {} (stage reconcile)", path.display()))?;
    drop(bytes);
    // Reconcile never looks at the boilerplate normalize removed or at the blocks (both
    // stay in the normalize record); a watch session keeps every extraction in memory,
    // so they are not held.
    extraction.document.removed = Vec::new();
    extraction.document.blocks = Vec::new();
    Ok((hash, extraction))
}

/// The resident memory of this process in MiB (Linux; `None` elsewhere), for the log:
/// the bench reads what reconcile's input costs from it.
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Reconcile: `extract/` to `reconcile/reconciled.json`. Returns the records and whether
/// they came from the cache (nothing reconcile reads had changed).
pub fn run_reconcile(
    pipeline: &Pipeline,
    layout: &Layout,
    progress: &Progress,
) -> Result<(Reconciled, bool)> {
    let manifest = read_manifest(layout, "extract")?;
    let settings = cache::settings_hash(&pipeline.settings.reconcile);
    let key = reconcile_key(layout, &settings, &manifest)?;
    let index: cache::Index<()> = cache::load(layout, "reconcile");
    if cache::lookup(layout, &index, "reconciled", &key).is_some() {
        match read_json_streaming::<Reconciled>(&layout.reconciled_path()) {
            Ok(reconciled) => return Ok((reconciled, true)),
            Err(err) => {
                tracing::warn!(err = %format!("{err:#}"), "cached reconcile result unreadable: recomputing")
            }
        }
    }
    let hashes = record_hashes::<Option<String>>(layout, "extract");
    let mut ids: Vec<String> = manifest
        .entries
        .iter()
        .filter(|e| matches!(e.status, SourceStatus::Ok))
        .map(|e| e.source_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    let spinner = progress.spinner("reconcile", ids.len());
    if cache::memo_on() {
        // A watch session keeps every extraction of this run for the next one; the
        // reads below then come from memory.
        let read: Vec<(String, Extraction)> = ids
            .par_iter()
            .map(|id| read_extraction(layout, &hashes, id))
            .collect::<Result<_>>()?;
        cache::keep_extractions(read);
    }
    // Reconcile reads each extraction twice, a slice at a time (story features first,
    // then story by story), so it never holds a large corpus whole.
    let load = |batch: &[String]| -> Result<Vec<Extraction>> {
        batch
            .par_iter()
            .map(|id| read_extraction(layout, &hashes, id).map(|(_, x)| x))
            .collect()
    };
    let reconciled = reconcile::reconcile_with(
        &manifest.entries,
        &ids,
        &load,
        manifest.diagnostics.clone(),
        &pipeline.settings.reconcile,
    )?;
    drop(hashes);
    spinner.finish_and_clear();
    tracing::info!(sources = ids.len(), rss_mib = resident_mib(), "reconciled");
    let path = layout.reconciled_path();
    let hash = write_json_hashed(&path, &reconciled)?;
    let mut new_index = cache::Index::<()>::default();
    new_index.entries.insert(
        "reconciled".into(),
        cache::Entry {
            key,
            value: (),
            outputs: vec![cache::output_hashed(layout, &path, hash)],
        },
    );
    cache::save(layout, "reconcile", &new_index)?;
    Ok((reconciled, false))
}

/// Report: `reconcile/reconciled.json` to `reports/`. Returns the report file names and
/// whether the reports on disk were already those of these records (then nothing is
/// rewritten, so a spreadsheet that has them open is not disturbed).
pub fn run_report(
    pipeline: &Pipeline,
    layout: &Layout,
    reconciled: Option<&mut Reconciled>,
    progress: &Progress,
) -> Result<(Vec<String>, bool)> {
    let mut read;
    let reconciled = match reconciled {
        Some(r) => r,
        None => {
            // Parsed as it is read: the file of a large corpus runs to hundreds of
            // megabytes, which would otherwise be held beside the records parsed from it.
            read = read_json_streaming::<Reconciled>(&layout.reconciled_path())
                .context("reconcile has no usable output: run it first")?;
            &mut read
        }
    };
    // The reviewer's file beside the input: its verdicts and notes go on their rows.
    if let Some(path) = report::review::path_for(&pipeline.input) {
        let (reviews, problems) = report::review::read(&path);
        reconciled.reviews = reviews;
        reconciled.errors.extend(problems);
    }
    let dir = layout.reports_dir();
    let settings = cache::settings_hash(&pipeline.settings.report);
    let input_hash =
        json_hash(reconciled).context("hashing the reconciled records (stage report)")?;
    let key = cache::key("report", &settings, "", &input_hash);
    let index: cache::Index<Vec<String>> = cache::load(layout, "report");
    if let Some(entry) = cache::lookup(layout, &index, "reports", &key) {
        return Ok((entry.value.clone(), true));
    }
    remove_partials(&dir);
    // Each report streams into its file, written atomically, and is hashed on the way
    // (a large corpus's page runs to hundreds of megabytes: never held, never read back).
    let mut names = Vec::new();
    let mut outputs = Vec::new();
    let spinner = progress.spinner("report", reconciled.sources.len());
    report::render_streaming(reconciled, &pipeline.settings.report, &mut |name, write| {
        spinner.set_message(format!("writing {name}"));
        let path = dir.join(name);
        let hash = write_atomic_with(&path, |out| {
            let mut out = HashingWriter::new(out);
            write(&mut out)?;
            Ok(out.finish())
        })?;
        names.push(name.to_string());
        outputs.push(cache::output_hashed(layout, &path, hash));
        Ok(())
    })
    .with_context(|| format!("cannot write the reports in {}", dir.display()))?;
    spinner.finish_and_clear();
    let mut new_index = cache::Index::<Vec<String>>::default();
    new_index.entries.insert(
        "reports".into(),
        cache::Entry {
            key,
            value: names.clone(),
            outputs,
        },
    );
    cache::save(layout, "report", &new_index)?;
    Ok((names, false))
}
