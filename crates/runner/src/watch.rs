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
//! Ctrl-C ends it within a second, with exit status 0: between updates at once; during
//! one, the run stops at its next source or stage (see [`crate::cancel`]), and a run
//! inside reconcile or report is left after a moment. The reports are never half
//! written: each is replaced whole, so they stay those of the last finished update. The
//! output folder stays locked for the whole session.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};
use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use records::{Conflict, Reconciled, SourceStatus};

use crate::lock::OutputLock;
use crate::pipeline::{self, Pipeline};
use crate::progress::Progress;
use crate::run::{self, RunReport};
use crate::{cache, cancel};

/// Quiet time after the last event before an update starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);
/// Interval between two looks at a changed file's size when waiting for it to settle.
const STABLE_INTERVAL: Duration = Duration::from_millis(60);
/// A file still growing after this long is processed as it is.
const STABLE_LIMIT: Duration = Duration::from_secs(30);
/// Ctrl-C ends the process within this long even when a run cannot stop sooner.
const STOP_LIMIT: Duration = Duration::from_millis(700);

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
        // A run in progress stops at its next source or stage; one inside reconcile or
        // report, which cannot stop part-way, is left: every file it writes is replaced
        // whole, so the reports stay those of the last finished update.
        cancel::request();
        std::thread::spawn(|| {
            std::thread::sleep(STOP_LIMIT);
            println!(
                "watch stopped during an update; the reports are those of the last finished one"
            );
            std::process::exit(0);
        });
    })
    .context("cannot install the Ctrl-C handler")?;
    let result = watch_with(args, tx, rx, &mut |update| {
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
    });
    match result {
        Err(err) if cancel::is_cancelled(&err) => {
            println!("watch stopped before its first run finished");
            Ok(())
        }
        other => other,
    }
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
            Err(err) if cancel::is_cancelled(&err) => {
                println!("update {number} stopped part-way: {err}")
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

fn describe_conflict(c: &Conflict) -> String {
    format!(
        "{} {} conflict on {}: {} says {}, {} says {}",
        c.conflict_id,
        c.kind.as_str(),
        c.subject,
        c.source_a,
        c.value_a,
        c.source_b,
        c.value_b
    )
}

fn describe_fact(f: &records::Fact) -> String {
    format!("{} {} ({})", f.fact_id, f.what, f.story_id)
}

/// What changed between two runs' records, one line each: sources added, removed or
/// with a new status; facts new or gone, with a new status or a best estimate that
/// moved; conflicts new and resolved; the number of errors. Rows are matched by their
/// stable ids (see `reconcile::ids`), which an unrelated change leaves alone, so each
/// change is said once and a row that did not change is not named.
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
    let old_facts: BTreeMap<&str, &records::Fact> =
        old.facts.iter().map(|f| (f.fact_id.as_str(), f)).collect();
    let new_facts: BTreeMap<&str, &records::Fact> =
        new.facts.iter().map(|f| (f.fact_id.as_str(), f)).collect();
    for (id, fact) in &new_facts {
        let now = best(fact);
        match old_facts.get(id) {
            None => lines.push(format!(
                "fact new: {} {}: {now}",
                describe_fact(fact),
                fact.status.as_str()
            )),
            Some(before) => {
                if before.status != fact.status {
                    lines.push(format!(
                        "status changed: {}: {} -> {}",
                        describe_fact(fact),
                        before.status.as_str(),
                        fact.status.as_str()
                    ));
                }
                let then = best(before);
                if then != now {
                    lines.push(format!(
                        "best estimate moved: {}: {then} -> {now}",
                        describe_fact(fact)
                    ));
                }
            }
        }
    }
    for (id, fact) in &old_facts {
        if !new_facts.contains_key(id) {
            lines.push(format!("fact gone: {}", describe_fact(fact)));
        }
    }
    let old_conflicts: BTreeMap<&str, &Conflict> = old
        .conflicts
        .iter()
        .map(|c| (c.conflict_id.as_str(), c))
        .collect();
    let new_conflicts: BTreeMap<&str, &Conflict> = new
        .conflicts
        .iter()
        .map(|c| (c.conflict_id.as_str(), c))
        .collect();
    for (id, c) in &new_conflicts {
        if !old_conflicts.contains_key(id) {
            lines.push(format!("conflict new: {}", describe_conflict(c)));
        }
    }
    for (id, c) in &old_conflicts {
        if !new_conflicts.contains_key(id) {
            lines.push(format!("conflict resolved: {}", describe_conflict(c)));
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
            published_time: None,
            words: 0,
            status,
            story_id: None,
            group_id: None,
            content_hash: None,
            url: None,
        }
    }

    fn fact(id: &str, what: &str, status: FactStatus, low: f64, high: f64) -> Fact {
        Fact {
            fact_id: id.into(),
            story_id: "S-1a2b".into(),
            what: what.into(),
            status,
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

    fn conflict(id: &str, value_b: &str) -> Conflict {
        Conflict {
            conflict_id: id.into(),
            kind: ConflictKind::Number,
            story_id: "S-1a2b".into(),
            subject: "people evacuated (F-00aa)".into(),
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
        let unchanged = fact("F-77cc", "people rescued", FactStatus::Agreed, 9.0, 9.0);
        check(
            Reconciled {
                sources: vec![
                    source("a.txt", SourceStatus::Ok),
                    source("b.txt", SourceStatus::Ok),
                    source("d.txt", SourceStatus::Ok),
                ],
                facts: vec![
                    fact("F-00aa", "people evacuated", FactStatus::Single, 40.0, 40.0),
                    fact("F-99ee", "homes destroyed", FactStatus::Agreed, 7.0, 7.0),
                    unchanged.clone(),
                ],
                conflicts: vec![conflict("C-0001", "400"), conflict("C-0003", "41")],
                ..Reconciled::default()
            },
            Reconciled {
                sources: vec![
                    source("a.txt", err.clone()),
                    source("c.txt", SourceStatus::Ok),
                    source("d.txt", SourceStatus::Ok),
                ],
                facts: vec![
                    fact(
                        "F-00aa",
                        "people evacuated",
                        FactStatus::Conflict,
                        40.0,
                        45.0,
                    ),
                    fact("F-11bb", "people injured", FactStatus::Single, 3.0, 3.0),
                    unchanged,
                ],
                conflicts: vec![conflict("C-0002", "4000"), conflict("C-0003", "41")],
                ..Reconciled::default()
            },
            &[
                "source changed: a.txt (ok -> error: binary file)",
                "source added: c.txt (ok)",
                "source removed: b.txt",
                "status changed: F-00aa people evacuated (S-1a2b): single -> conflict",
                "best estimate moved: F-00aa people evacuated (S-1a2b): 40 -> 40-45",
                "fact new: F-11bb people injured (S-1a2b) single: 3",
                "fact gone: F-99ee homes destroyed (S-1a2b)",
                "conflict new: C-0002 number conflict on people evacuated (F-00aa): a.txt says 40, b.txt says 4000",
                "conflict resolved: C-0001 number conflict on people evacuated (F-00aa): a.txt says 40, b.txt says 400",
            ],
        );
        check(
            Reconciled::default(),
            Reconciled::default(),
            &["no change in the reports"],
        );
    }

    /// The seeds (but `leave_out`) and `extra` articles, through the real stages.
    fn reconciled(leave_out: &str, extra: &[(&str, &str)]) -> Reconciled {
        let seeds = crate::pipeline::project_root().join("seeds");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .filter(|(name, _)| name != leave_out)
            .collect();
        files.extend(
            extra
                .iter()
                .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())),
        );
        files.sort();
        let xs: Vec<records::Extraction> = files
            .iter()
            .map(|(name, bytes)| {
                let raw = ingest::ingest_bytes(name, bytes, &Default::default())
                    .unwrap()
                    .remove(0);
                let clean = normalize::normalize(&raw, &Default::default()).unwrap();
                extract::extract(&clean, &Default::default())
            })
            .collect();
        let entries: Vec<records::SourceEntry> = xs
            .iter()
            .map(|x| records::SourceEntry {
                source_id: x.document.source_id.clone(),
                file: x.document.file.clone(),
                content_hash: Some(x.document.content_hash.clone()),
                status: SourceStatus::Ok,
            })
            .collect();
        reconcile::reconcile(&entries, &xs, Vec::new(), &Default::default())
    }

    const FLOOD: &str = "River floods farm towns\n\nFloodwater cut off three farm towns on Tuesday. \
        At least 40 people were evacuated by boat, the fire brigade said. Two bridges were closed \
        and 12 homes were destroyed, officials said.\n";

    /// Every line once; the ids each line names.
    fn named(lines: &[String]) -> Vec<String> {
        let distinct: BTreeSet<&String> = lines.iter().collect();
        assert_eq!(
            distinct.len(),
            lines.len(),
            "a change said twice: {lines:#?}"
        );
        lines
            .iter()
            .flat_map(|l| l.split([' ', '(', ')', ':']))
            .filter(|w| w.len() > 2 && w.as_bytes()[1] == b'-' && w.starts_with(['S', 'F', 'C']))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn an_unrelated_article_added_or_removed_is_all_that_is_said() {
        let seeds = reconciled("", &[]);
        let with_flood = reconciled("", &[("!flood.txt", FLOOD)]);
        let story = |r: &Reconciled, id: &str| {
            r.sources
                .iter()
                .find(|s| s.source_id == id)
                .and_then(|s| s.story_id.clone())
                .unwrap()
        };
        let flood_story = story(&with_flood, "!flood.txt");
        let seed_story = story(&seeds, "000_90fc14d205102fb3.txt");
        assert_ne!(flood_story, seed_story);
        let flood_facts: BTreeSet<&str> = with_flood
            .facts
            .iter()
            .filter(|f| f.story_id == flood_story)
            .map(|f| f.fact_id.as_str())
            .collect();
        assert!(!flood_facts.is_empty());
        for (old, new, verb) in [(&seeds, &with_flood, "new"), (&with_flood, &seeds, "gone")] {
            let lines = describe_changes(old, new);
            let ids = named(&lines);
            // One line for the source, one per fact of the new story, nothing of the seeds.
            let source = if verb == "new" { "added" } else { "removed" };
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| l.starts_with("source "))
                    .collect::<Vec<_>>(),
                [&format!(
                    "source {source}: !flood.txt{}",
                    if verb == "new" { " (ok)" } else { "" }
                )]
            );
            let facts: BTreeSet<&str> = lines
                .iter()
                .filter(|l| l.starts_with(&format!("fact {verb}: ")))
                .filter_map(|l| l.split(' ').nth(2))
                .collect();
            assert_eq!(facts, flood_facts, "{lines:#?}");
            assert!(
                ids.iter()
                    .all(|id| !id.starts_with("S-") || *id == flood_story),
                "{lines:#?}"
            );
            assert!(
                lines.iter().all(|l| l.starts_with("source ")
                    || l.starts_with(&format!("fact {verb}: "))
                    || l.starts_with("conflict ")),
                "{lines:#?}"
            );
        }
        // Nothing changed: nothing said.
        assert_eq!(
            describe_changes(&seeds, &seeds),
            ["no change in the reports"]
        );
    }

    #[test]
    fn a_source_removed_says_each_fact_that_went_or_changed_once() {
        let all = reconciled("", &[]);
        let fewer = reconciled("004_4aa8d58204b02cd4.txt", &[]);
        let lines = describe_changes(&all, &fewer);
        named(&lines);
        let old: BTreeMap<&str, &records::Fact> =
            all.facts.iter().map(|f| (f.fact_id.as_str(), f)).collect();
        let new: BTreeMap<&str, &records::Fact> = fewer
            .facts
            .iter()
            .map(|f| (f.fact_id.as_str(), f))
            .collect();
        let said = |prefix: &str| -> BTreeSet<String> {
            lines
                .iter()
                .filter_map(|l| l.strip_prefix(prefix))
                .filter_map(|rest| rest.split(' ').next())
                .map(str::to_string)
                .collect()
        };
        let gone: BTreeSet<String> = old
            .keys()
            .filter(|id| !new.contains_key(*id))
            .map(|s| s.to_string())
            .collect();
        let restated: BTreeSet<String> = new
            .iter()
            .filter(|(id, f)| old.get(*id).is_some_and(|o| o.status != f.status))
            .map(|(id, _)| id.to_string())
            .collect();
        assert!(!gone.is_empty() || !restated.is_empty(), "{lines:#?}");
        assert_eq!(said("fact gone: "), gone);
        assert_eq!(said("status changed: "), restated);
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.starts_with("source "))
                .collect::<Vec<_>>(),
            ["source removed: 004_4aa8d58204b02cd4.txt"]
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
