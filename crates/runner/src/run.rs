//! `cargo xtask run` and `cargo xtask stage`: the whole pipeline, or one stage of it.
//!
//! Runs are incremental: each stage reuses the cached results whose input, settings
//! and code are unchanged (see [`crate::cache`]), and the terminal says, per stage, how
//! many results were computed and how many reused.
//!
//! Exit status of `run` (and `stage`): 0 when the reports were written, even when some
//! inputs failed (they are listed in `errors.csv`); 2 with `--strict` when some input
//! failed; 1 when the run itself could not be done (bad pipeline file, unreadable input
//! folder, output folder in use by another process, disk full ...).

use std::time::Instant;

use anyhow::{Result, bail};
use records::{Reconciled, SourceStatus};

use crate::pipeline::Pipeline;
use crate::progress::Progress;
use crate::stages::{self, StageOutcome};
use crate::store::{self, Layout};

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// The reconciled records the reports were made from.
    pub reconciled: Reconciled,
    /// Counters of the per-source stages, in order.
    pub stages: Vec<(&'static str, StageOutcome)>,
    /// Reconcile's result came from the cache.
    pub reconcile_reused: bool,
    /// The reports on disk were already up to date.
    pub report_reused: bool,
}

impl RunReport {
    /// Results computed by the per-source stages.
    pub fn computed(&self) -> usize {
        self.stages.iter().map(|(_, o)| o.computed).sum()
    }

    /// The input folder held no file at all (ingest saw nothing, ok or failed).
    pub fn input_empty(&self) -> bool {
        self.stages
            .first()
            .is_some_and(|(_, o)| o.computed + o.reused + o.ok + o.failed == 0)
    }

    /// The counters, one line per stage, as printed.
    pub fn counter_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, o)| {
                format!(
                    "{stage}: {} computed, {} reused, {} failed",
                    o.computed, o.reused, o.failed
                )
            })
            .collect();
        lines.push(format!(
            "reconcile: {}",
            if self.reconcile_reused {
                "reused"
            } else {
                "computed"
            }
        ));
        lines.push(format!(
            "report: {}",
            if self.report_reused {
                "unchanged"
            } else {
                "written"
            }
        ));
        lines
    }
}

/// Runs every stage in order and prints the counters and a summary.
pub fn run(pipeline: &Pipeline, progress: &Progress) -> Result<RunReport> {
    let started = Instant::now();
    let report = run_quiet(pipeline, progress)?;
    for line in report.counter_lines() {
        println!("{line}");
    }
    if report.input_empty() {
        println!(
            "the input folder {} holds no files: put the articles of a story in it (.txt, .md, .html, .json, .jsonl, .warc, .warc.gz)",
            pipeline.input.display()
        );
    } else if report.computed() == 0 {
        println!(
            "nothing changed: every per-document result was reused, no per-document work done"
        );
    }
    print_summary(
        &report.reconciled,
        &Layout::new(&pipeline.output),
        started.elapsed().as_secs_f64(),
    );
    Ok(report)
}

/// Runs every stage in order, printing nothing on stdout. The caller holds the output
/// folder's lock.
pub fn run_quiet(pipeline: &Pipeline, progress: &Progress) -> Result<RunReport> {
    let layout = Layout::new(&pipeline.output);
    tracing::info!(pipeline = %pipeline.name, file = %pipeline.file.display(), input = %pipeline.input.display(), output = %pipeline.output.display(), "run");
    // Files an interrupted run was writing were never renamed into place: drop them,
    // once per process (a watch session's later updates start from its own clean state).
    static CLEANED: std::sync::Once = std::sync::Once::new();
    CLEANED.call_once(|| store::remove_partials(&pipeline.output));
    let mut counters = Vec::new();
    for stage in ["ingest", "normalize", "extract"] {
        let t = Instant::now();
        let outcome = run_per_source_stage(stage, pipeline, &layout, progress)?;
        tracing::info!(
            stage,
            computed = outcome.computed,
            reused = outcome.reused,
            ok = outcome.ok,
            failed = outcome.failed,
            ms = t.elapsed().as_millis() as u64,
            "stage done"
        );
        counters.push((stage, outcome));
        crate::cancel::check()?;
    }
    let t = Instant::now();
    let (mut reconciled, reconcile_reused) = stages::run_reconcile(pipeline, &layout, progress)?;
    tracing::info!(
        stage = "reconcile",
        reused = reconcile_reused,
        ms = t.elapsed().as_millis() as u64,
        "stage done"
    );
    crate::cancel::check()?;
    let t = Instant::now();
    let (_, report_reused) =
        stages::run_report(pipeline, &layout, Some(&mut reconciled), progress)?;
    tracing::info!(
        stage = "report",
        reused = report_reused,
        ms = t.elapsed().as_millis() as u64,
        "stage done"
    );
    Ok(RunReport {
        reconciled,
        stages: counters,
        reconcile_reused,
        report_reused,
    })
}

fn run_per_source_stage(
    stage: &str,
    pipeline: &Pipeline,
    layout: &Layout,
    progress: &Progress,
) -> Result<StageOutcome> {
    match stage {
        "ingest" => stages::run_ingest(pipeline, layout, progress),
        "normalize" => stages::run_normalize(pipeline, layout, progress),
        "extract" => stages::run_extract(pipeline, layout, progress),
        other => bail!("{other} is not a per-source stage"),
    }
}

/// Runs one stage on the files of the stage before it. The caller holds the lock.
pub fn run_stage(stage: &str, pipeline: &Pipeline, progress: &Progress) -> Result<()> {
    let layout = Layout::new(&pipeline.output);
    store::remove_partials(&pipeline.output);
    match stage {
        "ingest" | "normalize" | "extract" => {
            let o = run_per_source_stage(stage, pipeline, &layout, progress)?;
            println!(
                "{stage}: {} computed, {} reused, {} failed, in {}",
                o.computed,
                o.reused,
                o.failed,
                layout.stage_dir(stage).display()
            );
        }
        "reconcile" => {
            let (rec, reused) = stages::run_reconcile(pipeline, &layout, progress)?;
            println!(
                "reconcile: {} facts, {} conflicts{}, in {}",
                rec.facts.len(),
                rec.conflicts.len(),
                if reused { " (reused)" } else { "" },
                layout.reconciled_path().display()
            );
        }
        "report" => {
            let (names, reused) = stages::run_report(pipeline, &layout, None, progress)?;
            println!(
                "report: {} files{} in {}",
                names.len(),
                if reused { " (unchanged)" } else { "" },
                layout.reports_dir().display()
            );
        }
        other => bail!(
            "unknown stage {other:?}: the stages are {}",
            stages::STAGES.join(", ")
        ),
    }
    Ok(())
}

fn print_summary(rec: &Reconciled, layout: &Layout, seconds: f64) {
    let count = |f: fn(&SourceStatus) -> bool| rec.sources.iter().filter(|s| f(&s.status)).count();
    let ok = count(|s| matches!(s, SourceStatus::Ok));
    let duplicates = count(|s| matches!(s, SourceStatus::Duplicate { .. }));
    let failed = count(|s| matches!(s, SourceStatus::Error { .. }));
    let mut stories: Vec<&str> = rec
        .sources
        .iter()
        .filter_map(|s| s.story_id.as_deref())
        .collect();
    stories.sort_unstable();
    stories.dedup();
    println!(
        "sources: {} ({ok} ok, {duplicates} duplicate, {failed} failed) in {} stor{}",
        rec.sources.len(),
        stories.len(),
        if stories.len() == 1 { "y" } else { "ies" }
    );
    println!(
        "entities: {}  facts: {}  conflicts: {}  quotes: {}",
        rec.entities.len(),
        rec.facts.len(),
        rec.conflicts.len(),
        rec.quotes.len()
    );
    println!(
        "errors: {}{}",
        rec.errors.len(),
        if rec.errors.is_empty() {
            String::new()
        } else {
            " (see errors.csv)".to_string()
        }
    );
    println!(
        "reports: {}  ({seconds:.2}s)",
        layout.reports_dir().display()
    );
}
