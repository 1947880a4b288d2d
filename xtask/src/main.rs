//! corroborate's job runner. `cargo xtask run` runs the default pipeline on `seeds/`;
//! `cargo xtask stage NAME` runs one stage on the files of the stage before it.
//!
//! The stages are library crates (`crates/`); this binary only wires them to files,
//! the terminal and the pipeline files (`pipelines/*.toml`).

mod bench_html;
mod pipeline;
mod progress;
mod run;
mod stages;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "corroborate: what news sources agree on, contradict, and copy")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run every stage of a pipeline.
    Run(Target),
    /// Run one stage (ingest, normalize, extract, reconcile, report) on the previous stage's files.
    Stage {
        /// The stage to run.
        stage: String,
        #[command(flatten)]
        target: Target,
    },
    /// Score the HTML path on the article-extraction benchmark (F1, P, R, pages/s).
    BenchHtml(bench_html::BenchArgs),
}

#[derive(Debug, Args)]
struct Target {
    /// Pipeline name (`pipelines/NAME.toml`) or path to a pipeline file.
    #[arg(default_value = "default")]
    pipeline: String,
    /// Input folder, instead of the pipeline's.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output folder, instead of the pipeline's.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Exit non-zero when any input failed.
    #[arg(long)]
    strict: bool,
    /// No progress bars.
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(target) => {
            let pipeline = pipeline::load(&target.pipeline, target.input.as_deref(), target.out.as_deref())?;
            let rec = run::run(&pipeline, &progress::Progress::new(!target.quiet))?;
            Ok(exit_code(target.strict, !rec.errors.is_empty()))
        }
        Command::Stage { stage, target } => {
            let pipeline = pipeline::load(&target.pipeline, target.input.as_deref(), target.out.as_deref())?;
            run::run_stage(&stage, &pipeline, &progress::Progress::new(!target.quiet))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchHtml(args) => bench_html::run(&args).map(|()| ExitCode::SUCCESS),
    }
}

/// 0 unless `--strict` and some input failed (then 2).
fn exit_code(strict: bool, had_errors: bool) -> ExitCode {
    if strict && had_errors { ExitCode::from(2) } else { ExitCode::SUCCESS }
}
