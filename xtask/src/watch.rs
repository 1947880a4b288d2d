//! `cargo xtask watch`: a full run, then the reports kept up to date as articles land
//! in the input folder or the pipeline file changes.
//!
//! The input folder (recursively) and the pipeline file's folder are watched with
//! notify through notify-debouncer-full (folders, never single files: editors replace
//! files on save). After a burst of events settles, files still growing are waited for
//! (size and modification time stable), and the pipeline runs again: the cache (see
//! [`crate::cache`]) makes the per-document stages redo only the documents that
//! changed, then reconcile and report run on the result. A deleted file leaves the
//! reports; editor temporaries and hidden files are ignored (the names ingest skips).
//! After each update the terminal says what changed in the reports.
//!
//! Ctrl-C ends it between updates, so the reports are never left half-updated, and the
//! exit status is 0. The output folder stays locked for the whole session.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use records::{Conflict, Reconciled, SourceStatus};

use crate::cache;
use crate::lock::OutputLock;
use crate::pipeline::{self, Pipeline};
use crate::progress::Progress;
use crate::run::{self, RunReport};

/// Quiet time after the last event before an update starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// Interval between two looks at a changed file's size when waiting for it to settle.
const STABLE_INTERVAL: Duration = Duration::from_millis(60);
/// A file still growing after this long is processed as it is.
const STABLE_LIMIT: Duration = Duration::from_secs(30);

/// What the watch loop is told.
#[derive(Debug)]
pub enum Msg {
    /// Paths with debounced events.
    Changed(Vec<PathBuf>),
    /// The watcher reported errors.
    WatchError(String),
    /// Stop after the current update (Ctrl-C, or the caller is done).
    Stop,
}

/// How `cargo xtask watch` was called.
#[derive(Debug, Clone)]
pub struct WatchArgs {
    /// Pipeline name or file.
    pub pipeline: String,
    /// `--input`.
    pub input: Option<PathBuf>,
    /// `--out`.
    pub out: Option<PathBuf>,
    /// Stop after this many updates (for tests and benchmarks).
    pub exit_after: Option<usize>,
    /// Progress bars on.
    pub progress: bool,
}

/// One update done by the watch loop.
#[derive(Debug, Clone)]
pub struct Update {
    /// 1 for the first update after the full run.
    pub number: usize,
    /// Changed input paths that triggered it.
    pub changed: Vec<PathBuf>,
    /// The run's counters and records.
    pub report: RunReport,
    /// What changed in the reports, as printed.
    pub changes: Vec<String>,
}

/// `cargo xtask watch`: Ctrl-C ends it cleanly.
pub fn watch(args: &WatchArgs) -> Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .context("cannot install the Ctrl-C handler")?;
    watch_with(args, tx, rx, &mut |update| {
        if update.number == 0 {
            return;
        }
        let names: Vec<String> = update
            .changed
            .iter()
            .take(5)
            .map(|p| p.display().to_string())
            .collect();
        let more = update.changed.len().saturating_sub(names.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        println!("update {}: {}{more}", update.number, names.join(", "));
        for line in update.report.counter_lines() {
            println!("  {line}");
        }
        for line in &update.changes {
            println!("  {line}");
        }
    })
}

/// The watch loop: full run, then one update per settled burst of changes, until
/// `Msg::Stop` arrives on `rx` or `exit_after` updates are done. `tx` feeds `rx`.
/// `on_update` hears of the full run as update 0, once the watches are in place.
pub fn watch_with(
    args: &WatchArgs,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    on_update: &mut dyn FnMut(&Update),
) -> Result<()> {
    let mut pipeline = pipeline::load(&args.pipeline, args.input.as_deref(), args.out.as_deref())?;
    let _lock = OutputLock::acquire(&pipeline.output, "watch")?;
    let progress = Progress::new(args.progress);
    cache::enable_memo();
    let first = run::run(&pipeline, &progress)?;
    let mut previous = first.reconciled.clone();

    let input = pipeline
        .input
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", pipeline.input.display()))?;
    // Event paths are canonical; so are the paths the runs read, so they compare.
    pipeline.input = input.clone();
    let file = absolute(&pipeline.file)?;
    let file_dir = file
        .parent()
        .context("a pipeline file has a folder")?
        .to_path_buf();
    let events = tx.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let msg = match result {
            Ok(events) => Msg::Changed(
                events
                    .into_iter()
                    .filter(|e| changes_content(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
            ),
            Err(errors) => Msg::WatchError(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        let _ = events.send(msg);
    })
    .context("cannot start the file watcher")?;
    debouncer
        .watch(&input, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch the input folder {}", input.display()))?;
    debouncer
        .watch(&file_dir, RecursiveMode::NonRecursive)
        .with_context(|| {
            format!(
                "cannot watch the pipeline file's folder {}",
                file_dir.display()
            )
        })?;
    println!(
        "watching {} and {} (Ctrl-C to stop)",
        pipeline.input.display(),
        pipeline.file.display()
    );
    drop(tx);
    // Update 0: the full run, reported once the watches are in place.
    on_update(&Update {
        number: 0,
        changed: Vec::new(),
        report: first,
        changes: Vec::new(),
    });

    let mut number = 0;
    while args.exit_after.is_none_or(|n| number < n) {
        let Ok(msg) = rx.recv() else { break };
        let mut paths = match msg {
            Msg::Stop => break,
            Msg::WatchError(err) => {
                eprintln!("watch: {err}");
                continue;
            }
            Msg::Changed(paths) => paths,
        };
        // Take whatever else arrived meanwhile into the same update.
        let mut stop = false;
        while let Ok(more) = rx.try_recv() {
            match more {
                Msg::Changed(more) => paths.extend(more),
                Msg::WatchError(err) => eprintln!("watch: {err}"),
                Msg::Stop => stop = true,
            }
        }
        let changed = relevant(&paths, &input);
        let settings_changed = paths.iter().any(|p| p == &file);
        if changed.is_empty() && !settings_changed {
            if stop {
                break;
            }
            continue;
        }
        if settings_changed {
            match reload(args, &pipeline) {
                Ok(reloaded) => pipeline = reloaded,
                Err(err) => {
                    eprintln!("error: {err:#}\nkeeping the previous settings");
                    if changed.is_empty() {
                        continue;
                    }
                }
            }
        }
        wait_until_stable(&changed);
        cache::forget(&changed.iter().cloned().collect::<Vec<_>>());
        number += 1;
        match run::run_quiet(&pipeline, &progress) {
            Ok(report) => {
                let changes = describe_changes(&previous, &report.reconciled);
                previous = report.reconciled.clone();
                on_update(&Update {
                    number,
                    changed: changed.into_iter().collect(),
                    report,
                    changes,
                });
            }
            Err(err) => eprintln!(
                "error: update {number} failed: {err:#}\nthe reports are those of the last update"
            ),
        }
        if stop {
            break;
        }
    }
    debouncer.stop();
    println!("watch stopped after {number} update(s)");
    Ok(())
}

/// Whether an event can change what a run reads. Opening and reading files (which
/// the run itself does) and access-time updates cannot; counting them would make
/// each update trigger the next.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

fn absolute(path: &Path) -> Result<PathBuf> {
    path.canonicalize()
        .with_context(|| format!("cannot resolve {}", path.display()))
}

/// Loads the pipeline file again. Its settings apply at once; new input or output
/// folders need a restart (the watches and the lock are on the old ones).
fn reload(args: &WatchArgs, current: &Pipeline) -> Result<Pipeline> {
    let mut reloaded = pipeline::load(&args.pipeline, args.input.as_deref(), args.out.as_deref())?;
    if reloaded.input != current.input || reloaded.output != current.output {
        eprintln!(
            "the pipeline file names other folders: restart watch to use them; still reading {} and writing {}",
            current.input.display(),
            current.output.display()
        );
        reloaded.input = current.input.clone();
        reloaded.output = current.output.clone();
    }
    println!("pipeline file {} reloaded", current.file.display());
    Ok(reloaded)
}

/// The changed paths under the input folder that can be articles: not the folder
/// itself, nothing hidden and no editor temporary anywhere on the way.
fn relevant(paths: &[PathBuf], input: &Path) -> BTreeSet<PathBuf> {
    paths
        .iter()
        .filter(|p| match p.strip_prefix(input) {
            Ok(rel) => {
                rel.components().next().is_some()
                    && rel
                        .components()
                        .all(|c| !ingest::is_ignored_name(&c.as_os_str().to_string_lossy()))
            }
            Err(_) => false,
        })
        .cloned()
        .collect()
}

/// Waits until every changed file that exists keeps its size and modification time
/// over one interval: a file still being copied is read once it is whole.
fn wait_until_stable(paths: &BTreeSet<PathBuf>) {
    let stamp = |p: &Path| -> Option<(u64, Option<SystemTime>)> {
        std::fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| (m.len(), m.modified().ok()))
    };
    let mut pending: BTreeMap<&PathBuf, (u64, Option<SystemTime>)> = paths
        .iter()
        .filter_map(|p| stamp(p).map(|s| (p, s)))
        .collect();
    let started = Instant::now();
    while !pending.is_empty() && started.elapsed() < STABLE_LIMIT {
        std::thread::sleep(STABLE_INTERVAL);
        pending = pending
            .into_iter()
            .filter_map(|(p, before)| match stamp(p) {
                Some(now) if now != before => Some((p, now)),
                _ => None,
            })
            .collect();
    }
}

fn best(fact: &records::Fact) -> String {
    match (fact.best_low, fact.best_high) {
        (Some(lo), Some(hi)) if lo == hi => report::format_number(lo),
        (Some(lo), Some(hi)) => format!(
            "{}-{}",
            report::format_number(lo),
            report::format_number(hi)
        ),
        (Some(lo), None) => format!("{}+", report::format_number(lo)),
        _ => "none".to_string(),
    }
}

fn conflict_key(c: &Conflict) -> (String, String, String, String, String, String) {
    (
        c.kind.as_str().to_string(),
        c.subject.clone(),
        c.source_a.clone(),
        c.value_a.clone(),
        c.source_b.clone(),
        c.value_b.clone(),
    )
}

fn describe_conflict(c: &Conflict) -> String {
    format!(
        "{} conflict on {}: {} says {}, {} says {}",
        c.kind.as_str(),
        c.subject,
        c.source_a,
        c.value_a,
        c.source_b,
        c.value_b
    )
}

/// What changed between two runs' records, one line each: sources added, removed or
/// with a new status, conflicts new and resolved, best estimates that moved, and the
/// number of errors. Ids (`F1`, `C1`) can be renumbered by a change, so facts are
/// matched by story and what they count, conflicts by their content.
pub fn describe_changes(old: &Reconciled, new: &Reconciled) -> Vec<String> {
    let mut lines = Vec::new();
    let old_sources: BTreeMap<&str, &SourceStatus> = old
        .sources
        .iter()
        .map(|s| (s.source_id.as_str(), &s.status))
        .collect();
    let new_sources: BTreeMap<&str, &SourceStatus> = new
        .sources
        .iter()
        .map(|s| (s.source_id.as_str(), &s.status))
        .collect();
    for (id, status) in &new_sources {
        match old_sources.get(id) {
            None => lines.push(format!("source added: {id} ({})", status.label())),
            Some(before) if before != status => {
                lines.push(format!(
                    "source changed: {id} ({} -> {})",
                    before.label(),
                    status.label()
                ));
            }
            Some(_) => {}
        }
    }
    for id in old_sources
        .keys()
        .filter(|id| !new_sources.contains_key(*id))
    {
        lines.push(format!("source removed: {id}"));
    }
    let old_conflicts: BTreeMap<_, &Conflict> =
        old.conflicts.iter().map(|c| (conflict_key(c), c)).collect();
    let new_conflicts: BTreeMap<_, &Conflict> =
        new.conflicts.iter().map(|c| (conflict_key(c), c)).collect();
    for (key, c) in &new_conflicts {
        if !old_conflicts.contains_key(key) {
            lines.push(format!("conflict new: {}", describe_conflict(c)));
        }
    }
    for (key, c) in &old_conflicts {
        if !new_conflicts.contains_key(key) {
            lines.push(format!("conflict resolved: {}", describe_conflict(c)));
        }
    }
    let old_facts: BTreeMap<(&str, &str), String> = old
        .facts
        .iter()
        .map(|f| ((f.story_id.as_str(), f.what.as_str()), best(f)))
        .collect();
    for fact in &new.facts {
        let now = best(fact);
        match old_facts.get(&(fact.story_id.as_str(), fact.what.as_str())) {
            Some(before) if *before != now => {
                lines.push(format!(
                    "best estimate moved: {} ({}): {before} -> {now}",
                    fact.what, fact.story_id
                ));
            }
            None => lines.push(format!(
                "fact new: {} ({}): {now}",
                fact.what, fact.story_id
            )),
            Some(_) => {}
        }
    }
    if old.errors.len() != new.errors.len() {
        lines.push(format!(
            "errors: {} -> {} (see errors.csv)",
            old.errors.len(),
            new.errors.len()
        ));
    }
    if lines.is_empty() {
        lines.push("no change in the reports".to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use records::{ConflictKind, Fact, FactStatus, SourceRow};

    fn source(id: &str, status: SourceStatus) -> SourceRow {
        SourceRow {
            source_id: id.into(),
            file: id.into(),
            title: None,
            outlet: None,
            published: None,
            words: 0,
            status,
            story_id: None,
            group_id: None,
            content_hash: None,
            url: None,
        }
    }

    fn fact(what: &str, low: f64, high: f64) -> Fact {
        Fact {
            fact_id: "F1".into(),
            story_id: "S1".into(),
            what: what.into(),
            status: FactStatus::Single,
            best_low: Some(low),
            best_high: Some(high),
            values: vec![],
            sources: 1,
            independent_sources: 1,
            attributed_to: vec![],
            evidence: String::new(),
            as_of: None,
            kind: records::QuantityKind::Count,
            unit: None,
            part_of: None,
        }
    }

    fn conflict(value_b: &str) -> Conflict {
        Conflict {
            conflict_id: "C1".into(),
            kind: ConflictKind::Number,
            story_id: "S1".into(),
            subject: "people evacuated".into(),
            source_a: "a.txt".into(),
            value_a: "40".into(),
            source_b: "b.txt".into(),
            value_b: value_b.into(),
            note: String::new(),
        }
    }

    fn check(old: Reconciled, new: Reconciled, expected: &[&str]) {
        assert_eq!(describe_changes(&old, &new), expected);
    }

    #[test]
    fn changes_name_sources_conflicts_and_estimates() {
        let err = SourceStatus::Error {
            stage: "ingest".into(),
            reason: "binary file".into(),
        };
        check(
            Reconciled {
                sources: vec![
                    source("a.txt", SourceStatus::Ok),
                    source("b.txt", SourceStatus::Ok),
                ],
                facts: vec![fact("people evacuated", 40.0, 40.0)],
                conflicts: vec![conflict("400")],
                ..Reconciled::default()
            },
            Reconciled {
                sources: vec![
                    source("a.txt", err.clone()),
                    source("c.txt", SourceStatus::Ok),
                ],
                facts: vec![
                    fact("people evacuated", 40.0, 45.0),
                    fact("people injured", 3.0, 3.0),
                ],
                conflicts: vec![conflict("4000")],
                ..Reconciled::default()
            },
            &[
                "source changed: a.txt (ok -> error: binary file)",
                "source added: c.txt (ok)",
                "source removed: b.txt",
                "conflict new: number conflict on people evacuated: a.txt says 40, b.txt says 4000",
                "conflict resolved: number conflict on people evacuated: a.txt says 40, b.txt says 400",
                "best estimate moved: people evacuated (S1): 40 -> 40-45",
                "fact new: people injured (S1): 3",
            ],
        );
        check(
            Reconciled::default(),
            Reconciled::default(),
            &["no change in the reports"],
        );
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, AccessMode, CreateKind, RemoveKind};
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Any)));
        assert!(changes_content(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn only_article_paths_under_the_input_count() {
        let input = Path::new("/in");
        let paths: Vec<PathBuf> = [
            "/in",
            "/in/a.txt",
            "/in/.a.txt.swp",
            "/in/b.txt~",
            "/in/c.tmp",
            "/in/.git/x",
            "/in/sub/d.html",
            "/elsewhere/e.txt",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let got: Vec<PathBuf> = relevant(&paths, input).into_iter().collect();
        assert_eq!(
            got,
            vec![PathBuf::from("/in/a.txt"), PathBuf::from("/in/sub/d.html")]
        );
    }
}
