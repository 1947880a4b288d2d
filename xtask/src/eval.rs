//! `cargo xtask eval`: the pipeline on each event folder of the written corpus
//! (`crates/eval/corpus/`) and on every event in one folder, scored by the eval crate
//! against the answers (`crates/eval/answers/`). Prints the table and writes it
//! (`eval.md`) with `eval.json` to the output folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use runner::store::write_atomic as write;
use runner::{lock, pipeline, progress, run};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Where the runs, `eval.md` and `eval.json` go.
    #[arg(long, default_value = "out/eval")]
    pub out: PathBuf,
    /// The eval crate's folder (holding `corpus/` and `answers/`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Print only the totals.
    #[arg(long)]
    pub totals: bool,
}

pub fn main(args: &EvalArgs) -> Result<()> {
    let started = Instant::now();
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| pipeline::project_root().join("crates/eval"));
    let answers = ::eval::load_all(&dir)?;
    let corpus = dir.join("corpus");
    let runs = args.out.join("runs");
    let mut per_event = Vec::new();
    for a in &answers {
        per_event.push(run_on(&corpus.join(&a.slug), &runs.join(&a.slug))?);
    }
    let all = run_on(&corpus, &runs.join("all"))?;
    let evaluation = ::eval::evaluate(&answers, &per_event, &all);
    let table = evaluation.render();
    write(&args.out.join("eval.md"), table.as_bytes())?;
    let json = serde_json::to_vec_pretty(&evaluation.to_json()).context("eval.json")?;
    write(&args.out.join("eval.json"), &json)?;
    if args.totals {
        let totals = table
            .find("## Totals")
            .map_or(table.as_str(), |i| &table[i..]);
        print!("{totals}");
    } else {
        print!("{table}");
    }
    println!(
        "\n{} events, {} runs in {:.1} s; {} and {}",
        answers.len(),
        answers.len() + 1,
        started.elapsed().as_secs_f64(),
        args.out.join("eval.md").display(),
        args.out.join("eval.json").display()
    );
    Ok(())
}

/// Runs the default pipeline on `input`, writing to `out`, and reads its reports.
fn run_on(input: &Path, out: &Path) -> Result<::eval::Reports> {
    let pipeline = pipeline::load("default", Some(input), Some(out))?;
    let _lock = lock::OutputLock::acquire(&pipeline.output, "eval")?;
    run::run_quiet(&pipeline, &progress::Progress::new(false))
        .with_context(|| format!("running on {}", input.display()))?;
    ::eval::Reports::read(&pipeline.output)
}
