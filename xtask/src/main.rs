//! corroborate's command line. `cargo xtask run` runs the default pipeline on `seeds/`;
//! `cargo xtask stage NAME` runs one stage on the files of the stage before it.
//!
//! The stages are library crates (`crates/`) and the runner (`crates/runner`) wires
//! them to files, the terminal and the pipeline files; this binary parses the command
//! and calls the runner, or one of the developer tools (eval, gen-corpus, score, bench,
//! fuzz).

mod bench;
mod bench_html;
mod bench_watch;
mod eval;
mod fuzz;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use runner::{lock, pipeline, progress, run, watch};
use synth::gen_corpus::{ANSWERS_FILE, SOURCES_DIR};
use synth::score::{SCORE_FILE, print_table};

#[derive(Debug, Parser)]
#[command(
    name = "corroborate",
    bin_name = "corroborate",
    about = "corroborate: what news sources agree on, contradict, and copy"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run every stage of a pipeline.
    Run(Target),
    /// Score the HTML path on the article-extraction benchmark (F1, P, R, pages/s).
    BenchHtml(bench_html::BenchArgs),
    /// Run the pipeline, then keep the reports up to date as the input folder or the
    /// pipeline file change (Ctrl-C to stop).
    Watch {
        #[command(flatten)]
        target: Target,
        /// Stop after this many updates (for tests and scripts).
        #[arg(long)]
        exit_after: Option<usize>,
        /// Append the log lines `RUST_LOG` asks for to this file. The terminal shows
        /// watch's own lines and, of the log, only warnings and errors.
        #[arg(long)]
        log: Option<PathBuf>,
    },
    /// Measure watch latency (file landing to updated reports) on the seeds, and the
    /// work one new source costs in a large generated corpus.
    BenchWatch {
        /// Size of the generated corpus (0 skips it).
        #[arg(long, default_value_t = 10_000)]
        sources: usize,
        /// Articles landed one by one on the seeds.
        #[arg(long, default_value_t = 10)]
        repeats: usize,
    },
    /// Run one stage (ingest, normalize, extract, reconcile, report) on the previous stage's files.
    Stage {
        /// The stage to run.
        stage: String,
        #[command(flatten)]
        target: Target,
    },
    /// Write a synthetic corpus with known answers (`answers.json`).
    GenCorpus(GenArgs),
    /// Score a run's reports against a generated corpus's `answers.json`; writes `score.json`.
    Score(ScoreArgs),
    /// Score the pipeline on the written test corpus (`crates/eval`): per-thread verdicts
    /// for the dev events, totals for dev and locked; writes `eval.md` and `eval.json`.
    Eval(eval::EvalArgs),
    /// Measure throughput and peak memory on generated corpora; writes `bench.json`.
    Bench(bench::BenchArgs),
    /// Fuzz ingest, normalize and extract with cargo-fuzz (needs a nightly toolchain and
    /// `cargo install cargo-fuzz`; not part of `cargo test`).
    Fuzz(fuzz::FuzzArgs),
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
    /// Exit with status 2 when any input failed. Without it the status is 0 whenever the
    /// reports were written (failed inputs are listed in errors.csv); 1 means the run
    /// itself failed (bad pipeline file, output folder in use, ...).
    #[arg(long)]
    strict: bool,
    /// No progress bars.
    #[arg(long, short)]
    quiet: bool,
}

/// mimalloc instead of the system allocator: the stages make and drop millions of small
/// strings (JSON records, words), which glibc's malloc served slowly and, once freed,
/// kept from the system, so report started where reconcile's peak had left off.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let log = match &cli.command {
        Command::Watch { log, .. } => Log::Watch(log.as_deref()),
        _ => Log::Terminal,
    };
    if let Err(err) = init_logging(log) {
        eprintln!("error: {err:#}");
        return ExitCode::FAILURE;
    }
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Where log lines go.
enum Log<'a> {
    /// Everything `RUST_LOG` asks for (default: warnings and errors) on stderr.
    Terminal,
    /// Watch: only warnings and errors on stderr, without timestamps, so no log line
    /// breaks into its output; what `RUST_LOG` asks for besides goes to the file, if any.
    Watch(Option<&'a std::path::Path>),
}

/// Log lines on stderr, coloured only when stderr is a terminal.
fn init_logging(log: Log) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use tracing_subscriber::filter::LevelFilter;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer, fmt};

    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let terminal = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let registry = tracing_subscriber::registry().with(filter);
    match log {
        Log::Terminal => registry.with(terminal).init(),
        Log::Watch(file) => {
            let file = match file {
                Some(path) => {
                    let file = std::fs::File::options()
                        .create(true)
                        .append(true)
                        .open(path)
                        .with_context(|| format!("cannot open the log file {}", path.display()))?;
                    Some(
                        fmt::layer()
                            .with_writer(std::sync::Mutex::new(file))
                            .with_ansi(false),
                    )
                }
                None => None,
            };
            registry
                .with(
                    terminal
                        .without_time()
                        .with_target(false)
                        .with_filter(LevelFilter::WARN),
                )
                .with(file)
                .init();
        }
    }
    Ok(())
}

fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::BenchHtml(args) => bench_html::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Run(target) => {
            let pipeline = pipeline::load(
                &target.pipeline,
                target.input.as_deref(),
                target.out.as_deref(),
            )?;
            let lock = lock::OutputLock::acquire(&pipeline.output, "run")?;
            tracing::debug!(lock = %lock.path().display(), "output folder locked");
            let report = run::run(&pipeline, &progress::Progress::new(!target.quiet))?;
            Ok(exit_code(
                target.strict,
                !report.reconciled.errors.is_empty(),
            ))
        }
        Command::Watch {
            target,
            exit_after,
            log: _,
        } => {
            watch::watch(&watch::WatchArgs {
                pipeline: target.pipeline,
                input: target.input,
                out: target.out,
                exit_after,
                progress: !target.quiet,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchWatch { sources, repeats } => {
            bench_watch::bench_watch(sources, repeats)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stage { stage, target } => {
            let pipeline = pipeline::load(
                &target.pipeline,
                target.input.as_deref(),
                target.out.as_deref(),
            )?;
            let lock = lock::OutputLock::acquire(&pipeline.output, "stage")?;
            tracing::debug!(lock = %lock.path().display(), "output folder locked");
            run::run_stage(&stage, &pipeline, &progress::Progress::new(!target.quiet))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::GenCorpus(args) => gen_corpus(&args).map(|()| ExitCode::SUCCESS),
        Command::Score(args) => score(&args).map(|()| ExitCode::SUCCESS),
        Command::Eval(args) => eval::main(&args).map(|()| ExitCode::SUCCESS),
        Command::Bench(args) => bench::main(&args).map(|()| ExitCode::SUCCESS),
        Command::Fuzz(args) => fuzz::main(&args).map(|()| ExitCode::SUCCESS),
    }
}

/// 0 unless `--strict` and some input failed (then 2).
fn exit_code(strict: bool, had_errors: bool) -> ExitCode {
    if strict && had_errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Options of `cargo xtask gen-corpus`.
#[derive(Debug, Args)]
struct GenArgs {
    /// Number of sources to write.
    #[arg(long, default_value_t = 1000)]
    sources: usize,
    /// Seed: the same seed and size give byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created): sources go to `OUT/sources/`, answers to `OUT/answers.json`.
    /// Files of an earlier corpus in it are not removed.
    #[arg(long, default_value = "out/corpus")]
    out: PathBuf,
}

/// `cargo xtask gen-corpus`.
fn gen_corpus(args: &GenArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let summary = synth::gen_corpus::generate(args.sources, args.seed, &args.out)?;
    println!(
        "gen-corpus: {} sources in {} files, {} stories, {:.1} MB in {} ({:.1}s); answers in {}",
        summary.sources,
        summary.files,
        summary.stories,
        summary.bytes as f64 / 1e6,
        args.out.join(SOURCES_DIR).display(),
        started.elapsed().as_secs_f64(),
        args.out.join(ANSWERS_FILE).display()
    );
    Ok(())
}

/// Options of `cargo xtask score`.
#[derive(Debug, Args)]
struct ScoreArgs {
    /// The corpus's answers file (`gen-corpus --out DIR` writes `DIR/answers.json`).
    #[arg(long)]
    answers: PathBuf,
    /// The run's output folder (`run --out OUT`): reads `OUT/reports/*.csv`, writes `OUT/score.json`.
    #[arg(long)]
    out: PathBuf,
}

/// `cargo xtask score`: `score.json` (pretty JSON, written atomically) before the
/// table, so that a closed terminal pipe does not lose it.
fn score(args: &ScoreArgs) -> anyhow::Result<()> {
    let score = synth::score::score(&args.answers, &args.out)?;
    let path = args.out.join(SCORE_FILE);
    let json = serde_json::to_vec_pretty(&score).context("score: serializing score.json")?;
    runner::store::write_atomic(&path, &json)
        .with_context(|| format!("score: cannot write {}", path.display()))?;
    print_table(&score);
    println!("score.json: {}", path.display());
    Ok(())
}
