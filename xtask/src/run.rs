//! `cargo xtask run` and `cargo xtask stage`: the whole pipeline, or one stage of it.

use std::time::Instant;

use anyhow::{Result, bail};
use records::{Reconciled, SourceStatus};

use crate::pipeline::Pipeline;
use crate::progress::Progress;
use crate::stages::{self, Layout};

/// Runs every stage in order and prints a summary. Returns the reconciled records.
pub fn run(pipeline: &Pipeline, progress: &Progress) -> Result<Reconciled> {
    let layout = Layout::new(&pipeline.output);
    let started = Instant::now();
    tracing::info!(pipeline = %pipeline.name, file = %pipeline.file.display(), input = %pipeline.input.display(), output = %pipeline.output.display(), "run");
    for stage in ["ingest", "normalize", "extract"] {
        let t = Instant::now();
        let outcome = run_per_source_stage(stage, pipeline, &layout, progress)?;
        tracing::info!(stage, ok = outcome.ok, failed = outcome.failed, ms = t.elapsed().as_millis() as u64, "stage done");
    }
    let t = Instant::now();
    let reconciled = stages::run_reconcile(pipeline, &layout)?;
    tracing::info!(stage = "reconcile", ms = t.elapsed().as_millis() as u64, "stage done");
    let t = Instant::now();
    stages::run_report(pipeline, &layout, Some(reconciled.clone()))?;
    tracing::info!(stage = "report", ms = t.elapsed().as_millis() as u64, "stage done");
    print_summary(&reconciled, &layout, started.elapsed().as_secs_f64());
    Ok(reconciled)
}

fn run_per_source_stage(stage: &str, pipeline: &Pipeline, layout: &Layout, progress: &Progress) -> Result<stages::StageOutcome> {
    match stage {
        "ingest" => stages::run_ingest(pipeline, layout, progress),
        "normalize" => stages::run_normalize(pipeline, layout, progress),
        "extract" => stages::run_extract(pipeline, layout, progress),
        other => bail!("{other} is not a per-source stage"),
    }
}

/// Runs one stage on the files of the stage before it.
pub fn run_stage(stage: &str, pipeline: &Pipeline, progress: &Progress) -> Result<()> {
    let layout = Layout::new(&pipeline.output);
    match stage {
        "ingest" | "normalize" | "extract" => {
            let outcome = run_per_source_stage(stage, pipeline, &layout, progress)?;
            println!("{stage}: {} sources done, {} failed, in {}", outcome.ok, outcome.failed, layout.stage_dir(stage).display());
        }
        "reconcile" => {
            let rec = stages::run_reconcile(pipeline, &layout)?;
            println!("reconcile: {} facts, {} conflicts, in {}", rec.facts.len(), rec.conflicts.len(), layout.reconciled_path().display());
        }
        "report" => {
            let names = stages::run_report(pipeline, &layout, None)?;
            println!("report: {} files in {}", names.len(), layout.reports_dir().display());
        }
        other => bail!("unknown stage {other:?}: the stages are {}", stages::STAGES.join(", ")),
    }
    Ok(())
}

fn print_summary(rec: &Reconciled, layout: &Layout, seconds: f64) {
    let count = |f: fn(&SourceStatus) -> bool| rec.sources.iter().filter(|s| f(&s.status)).count();
    let ok = count(|s| matches!(s, SourceStatus::Ok));
    let duplicates = count(|s| matches!(s, SourceStatus::Duplicate { .. }));
    let failed = count(|s| matches!(s, SourceStatus::Error { .. }));
    let mut stories: Vec<&str> = rec.sources.iter().filter_map(|s| s.story_id.as_deref()).collect();
    stories.sort_unstable();
    stories.dedup();
    println!(
        "sources: {} ({ok} ok, {duplicates} duplicate, {failed} failed) in {} stor{}",
        rec.sources.len(),
        stories.len(),
        if stories.len() == 1 { "y" } else { "ies" }
    );
    println!("entities: {}  facts: {}  conflicts: {}  quotes: {}", rec.entities.len(), rec.facts.len(), rec.conflicts.len(), rec.quotes.len());
    println!("errors: {}{}", rec.errors.len(), if rec.errors.is_empty() { String::new() } else { " (see errors.csv)".to_string() });
    println!("reports: {}  ({seconds:.2}s)", layout.reports_dir().display());
}
