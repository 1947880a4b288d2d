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
//!
//! A stage reads only the files of the stage before it, through that stage's manifest,
//! so files left by sources no longer in the input are never read (and are pruned).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use records::{
    CleanDocument, Diagnostic, Extraction, FORMAT_VERSION, MANIFEST_FILE, Manifest, RawDocument, Reconciled,
    SourceEntry, SourceStatus,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::pipeline::Pipeline;
use crate::progress::Progress;

/// The stages, in order.
pub const STAGES: [&str; 5] = ["ingest", "normalize", "extract", "reconcile", "report"];

/// Paths inside an output folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// The layout of output folder `root`.
    pub fn new(root: &Path) -> Self {
        Layout { root: root.to_path_buf() }
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
}

/// Writes `bytes` to `path` atomically: beside it first, then renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("a path to write has a parent")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
    let name = path.file_name().context("a path to write has a file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot move {} into place", path.display()))?;
    Ok(())
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(value).context("serializing a record")?;
    write_atomic(path, &bytes)
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("cannot parse {}", path.display()))
}

/// Reads a stage's manifest, checking that it was written by this build's format.
pub fn read_manifest(layout: &Layout, stage: &str) -> Result<Manifest> {
    let path = layout.stage_dir(stage).join(MANIFEST_FILE);
    let manifest: Manifest = read_json(&path)
        .with_context(|| format!("stage {stage} has no usable output: run the stages before it first"))?;
    anyhow::ensure!(
        manifest.format_version == FORMAT_VERSION,
        "{} was written by another version of corroborate (format {}, expected {FORMAT_VERSION}): run the pipeline again",
        path.display(),
        manifest.format_version
    );
    Ok(manifest)
}

/// Removes files under `dir` (recursively) that are not in `keep`, leaving folders.
fn prune(dir: &Path, keep: &BTreeSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
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

/// Counts of one stage's run, for the terminal.
#[derive(Debug, Clone, Default)]
pub struct StageOutcome {
    /// Sources the stage processed successfully.
    pub ok: usize,
    /// Sources that failed in this stage.
    pub failed: usize,
}

/// Ingest: input folder to `ingest/`.
pub fn run_ingest(pipeline: &Pipeline, layout: &Layout, progress: &Progress) -> Result<StageOutcome> {
    let config = &pipeline.settings.ingest;
    let (files, mut diagnostics) = ingest::discover(&pipeline.input);
    let bar = progress.bar("ingest", files.len());
    let results: Vec<(ingest::InputFile, Result<Vec<RawDocument>, String>)> = files
        .into_par_iter()
        .map(|file| {
            let result = ingest::ingest_file(&file, config);
            bar.inc(1);
            (file, result)
        })
        .collect();
    bar.finish_and_clear();

    let mut entries = Vec::new();
    let mut docs = Vec::new();
    for (file, result) in results {
        match result {
            Ok(found) => docs.extend(found),
            Err(reason) => {
                tracing::warn!(file = %file.rel, %reason, "ingest refused a file");
                diagnostics.push(Diagnostic { source_id: file.rel.clone(), stage: "ingest".into(), error: reason.clone() });
                entries.push(SourceEntry {
                    source_id: file.rel.clone(),
                    file: file.rel,
                    content_hash: None,
                    status: SourceStatus::Error { stage: "ingest".into(), reason },
                });
            }
        }
    }
    docs.sort_by(|a, b| a.source_id.cmp(&b.source_id));
    let duplicates = ingest::mark_duplicates(&docs);
    let mut keep = BTreeSet::new();
    let mut outcome = StageOutcome { failed: entries.len(), ..StageOutcome::default() };
    for (doc, duplicate_of) in docs.iter().zip(duplicates) {
        let status = match duplicate_of {
            Some(of) => SourceStatus::Duplicate { of },
            None => {
                let path = layout.record_path("ingest", &doc.source_id);
                write_json(&path, doc)?;
                keep.insert(path);
                outcome.ok += 1;
                SourceStatus::Ok
            }
        };
        entries.push(SourceEntry {
            source_id: doc.source_id.clone(),
            file: doc.file.clone(),
            content_hash: Some(doc.content_hash.clone()),
            status,
        });
    }
    finish_stage(layout, "ingest", entries, diagnostics, keep)?;
    Ok(outcome)
}

/// Writes a stage's manifest (entries sorted) and prunes its stale files.
fn finish_stage(
    layout: &Layout,
    stage: &str,
    mut entries: Vec<SourceEntry>,
    diagnostics: Vec<Diagnostic>,
    mut keep: BTreeSet<PathBuf>,
) -> Result<()> {
    entries.sort_by(|a, b| a.source_id.cmp(&b.source_id));
    let manifest = Manifest { stage: stage.to_string(), format_version: FORMAT_VERSION, entries, diagnostics };
    let path = layout.stage_dir(stage).join(MANIFEST_FILE);
    write_json(&path, &manifest)?;
    keep.insert(path);
    prune(&layout.stage_dir(stage), &keep);
    Ok(())
}

/// Runs a per-source stage over every `ok` source of the previous stage's manifest.
/// `work` returns the record to write and extra files (path, bytes) to write with it.
fn per_source<I, O, F>(layout: &Layout, progress: &Progress, previous: &str, stage: &str, work: F) -> Result<StageOutcome>
where
    I: DeserializeOwned,
    O: Serialize + Send,
    F: Fn(&I) -> Result<(O, Vec<(PathBuf, Vec<u8>)>), String> + Sync,
{
    let manifest = read_manifest(layout, previous)?;
    let ok_ids: Vec<&SourceEntry> =
        manifest.entries.iter().filter(|e| matches!(e.status, SourceStatus::Ok)).collect();
    let bar = progress.bar(stage, ok_ids.len());
    let results: Vec<(String, Result<Vec<PathBuf>, String>)> = ok_ids
        .par_iter()
        .map(|entry| {
            let result = read_json::<I>(&layout.record_path(previous, &entry.source_id))
                .map_err(|e| format!("{e:#}"))
                .and_then(|input| work(&input))
                .and_then(|(record, extra)| {
                    let path = layout.record_path(stage, &entry.source_id);
                    write_json(&path, &record).map_err(|e| format!("{e:#}"))?;
                    let mut written = vec![path];
                    for (extra_path, bytes) in extra {
                        write_atomic(&extra_path, &bytes).map_err(|e| format!("{e:#}"))?;
                        written.push(extra_path);
                    }
                    Ok(written)
                });
            bar.inc(1);
            (entry.source_id.clone(), result)
        })
        .collect();
    bar.finish_and_clear();

    let mut entries = manifest.entries.clone();
    let mut diagnostics = manifest.diagnostics.clone();
    let mut keep = BTreeSet::new();
    let mut outcome = StageOutcome::default();
    for (source_id, result) in results {
        match result {
            Ok(written) => {
                keep.extend(written);
                outcome.ok += 1;
            }
            Err(reason) => {
                tracing::warn!(%source_id, stage, %reason, "a source failed");
                outcome.failed += 1;
                diagnostics.push(Diagnostic { source_id: source_id.clone(), stage: stage.into(), error: reason.clone() });
                if let Some(entry) = entries.iter_mut().find(|e| e.source_id == source_id) {
                    entry.status = SourceStatus::Error { stage: stage.into(), reason };
                }
            }
        }
    }
    if stage == "normalize" {
        let texts: BTreeSet<PathBuf> = keep.iter().filter(|p| p.starts_with(layout.text_dir())).cloned().collect();
        prune(&layout.text_dir(), &texts);
    }
    finish_stage(layout, stage, entries, diagnostics, keep)?;
    Ok(outcome)
}

/// Normalize: `ingest/` to `normalize/` and `text/`.
pub fn run_normalize(pipeline: &Pipeline, layout: &Layout, progress: &Progress) -> Result<StageOutcome> {
    let config = &pipeline.settings.normalize;
    per_source(layout, progress, "ingest", "normalize", |raw: &RawDocument| {
        let clean = normalize::normalize(raw, config)?;
        let text = (layout.text_path(&clean.source_id), clean.text.clone().into_bytes());
        Ok((clean, vec![text]))
    })
}

/// Extract: `normalize/` to `extract/`.
pub fn run_extract(pipeline: &Pipeline, layout: &Layout, progress: &Progress) -> Result<StageOutcome> {
    let config = &pipeline.settings.extract;
    per_source(layout, progress, "normalize", "extract", |clean: &CleanDocument| {
        Ok((extract::extract(clean, config), Vec::new()))
    })
}

/// Reconcile: `extract/` to `reconcile/reconciled.json`.
pub fn run_reconcile(pipeline: &Pipeline, layout: &Layout) -> Result<Reconciled> {
    let manifest = read_manifest(layout, "extract")?;
    let extractions: Vec<Extraction> = manifest
        .entries
        .par_iter()
        .filter(|e| matches!(e.status, SourceStatus::Ok))
        .map(|e| read_json(&layout.record_path("extract", &e.source_id)))
        .collect::<Result<_>>()?;
    let reconciled =
        reconcile::reconcile(&manifest.entries, &extractions, manifest.diagnostics.clone(), &pipeline.settings.reconcile);
    write_json(&layout.reconciled_path(), &reconciled)?;
    Ok(reconciled)
}

/// Report: `reconcile/reconciled.json` to `reports/`.
pub fn run_report(pipeline: &Pipeline, layout: &Layout, reconciled: Option<Reconciled>) -> Result<Vec<String>> {
    let reconciled = match reconciled {
        Some(r) => r,
        None => read_json(&layout.reconciled_path()).context("reconcile has no usable output: run it first")?,
    };
    let dir = layout.reports_dir();
    report::write_reports(&reconciled, &dir, &pipeline.settings.report)
        .with_context(|| format!("cannot write the reports in {}", dir.display()))
}
