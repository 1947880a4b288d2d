//! `cargo xtask bench`: what the pipeline costs as the corpus grows.
//!
//! For each size (1,000 / 10,000 / 100,000 generated sources by default) it generates a
//! corpus with [`synth::gen_corpus`] (kept between runs), then runs the pipeline as users
//! run it: this very binary, `run --input <corpus> --out <dir> --quiet`, in a child
//! process with `RUST_LOG=info`. The child's `stage done ... ms=N` log lines (without
//! colour codes: its stderr is not a terminal) give the per-stage times; `/usr/bin/time -v` (or, without it, polling `/proc/<pid>/status`)
//! gives its peak memory (VmHWM, the peak resident set). Throughput is counted on the
//! input: bytes of the source files, sources, and whitespace-separated words. After each
//! run, [`synth::score`] scores its reports against the corpus's planted answers (not
//! timed), so that a speed-up that costs accuracy shows in the same table.
//!
//! Besides the end-to-end runs it measures, in this process and on one thread:
//! extract alone (words/s per core, on the normalized documents of the generated
//! corpus), and HTML ingest (ingest + normalize, pages/s per core) on the benchmark pages
//! `../shared/benchmarks/article-extraction/html/*.html.gz` next to the project root.
//! `watch` latency is measured when the binary has a `watch` command.
//!
//! Results: a table on the terminal and `bench.json` in the output folder.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use synth::gen_corpus;

/// Options of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus sizes (sources), comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 10000, 100000])]
    pub sizes: Vec<usize>,
    /// Seed of the generated corpora.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output folder: corpora, pipeline outputs and `bench.json` (default `out/bench` in the project root).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folder of the HTML benchmark pages (`*.html.gz`); default: found beside the project root.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Regenerate the corpora even when a complete one is there.
    #[arg(long)]
    pub regen: bool,
    /// Keep the pipeline outputs (they are removed after each run to save disk).
    #[arg(long)]
    pub keep: bool,
    /// Sources used for the in-process extract measurement.
    #[arg(long, default_value_t = 2000)]
    pub extract_sources: usize,
}

/// The targets of issue 8.
const TARGET_GROWTH: f64 = 12.0;
const TARGET_MB_S: f64 = 20.0;
const TARGET_PEAK_BYTES: u64 = 2 * 1024 * 1024 * 1024;
const TARGET_EXTRACT_WORDS_S: f64 = 1_000_000.0;
const TARGET_HTML_PAGES_S: f64 = 50.0;

/// Everything measured, as written to `bench.json`.
#[derive(Debug, Serialize)]
struct Report {
    /// Seconds since the Unix epoch when the bench started.
    started_unix: u64,
    git_commit: Option<String>,
    cores: usize,
    seed: u64,
    runs: Vec<Run>,
    extract: Option<InProcess>,
    html_ingest: Result<InProcess, String>,
    watch: Result<WatchLatency, String>,
    targets: Vec<Target>,
}

/// One end-to-end run of the pipeline on a generated corpus.
#[derive(Debug, Serialize)]
struct Run {
    sources: usize,
    files: usize,
    input_bytes: u64,
    words: u64,
    /// Seconds to generate the corpus (`None` when an earlier one was reused).
    generate_seconds: Option<f64>,
    wall_seconds: f64,
    /// User + system CPU seconds of the child (when `/usr/bin/time` told).
    cpu_seconds: Option<f64>,
    peak_rss_bytes: Option<u64>,
    exit_ok: bool,
    mb_per_s: f64,
    docs_per_s: f64,
    words_per_s: f64,
    stages: Vec<StageTime>,
    /// Accuracy against the planted answers (`xtask score`), when the run succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<synth::score::Score>,
    /// Why the reports could not be scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    score_error: Option<String>,
    /// Last lines of the child's stderr when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct StageTime {
    stage: String,
    seconds: f64,
    mb_per_s: f64,
    docs_per_s: f64,
    words_per_s: f64,
}

/// A single-thread measurement in this process.
#[derive(Debug, Serialize)]
struct InProcess {
    what: String,
    items: usize,
    failed: usize,
    words: u64,
    bytes: u64,
    seconds: f64,
    per_s: f64,
    words_per_s: f64,
    mb_per_s: f64,
    /// CPU seconds of the measuring thread per round (Linux: `/proc/thread-self/schedstat`):
    /// the per-core figure, unaffected by other work on the machine.
    cpu_seconds: Option<f64>,
    /// Items per CPU-second of the measuring thread.
    per_cpu_s: Option<f64>,
    /// Words per CPU-second of the measuring thread.
    words_per_cpu_s: Option<f64>,
}

impl InProcess {
    /// Rates from `rounds` passes over `items` items (`words` words, `bytes` bytes per
    /// pass) that took `seconds` of wall time and `cpu` CPU-seconds of the thread.
    #[allow(clippy::too_many_arguments)]
    fn measured(
        what: String,
        items: usize,
        failed: usize,
        words: u64,
        bytes: u64,
        rounds: u64,
        seconds: f64,
        cpu: Option<f64>,
    ) -> InProcess {
        let rounds_f = rounds as f64;
        InProcess {
            what,
            items,
            failed,
            words,
            bytes,
            seconds: seconds / rounds_f,
            per_s: items as f64 * rounds_f / seconds,
            words_per_s: words as f64 * rounds_f / seconds,
            mb_per_s: bytes as f64 * rounds_f / 1e6 / seconds,
            cpu_seconds: cpu.map(|c| c / rounds_f),
            per_cpu_s: cpu.map(|c| items as f64 * rounds_f / c),
            words_per_cpu_s: cpu.map(|c| words as f64 * rounds_f / c),
        }
    }
}

/// CPU time the calling thread has used, in seconds, where the kernel tells.
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

#[derive(Debug, Serialize)]
struct WatchLatency {
    /// Seconds from writing a new source into the watched folder to the next report.
    seconds: f64,
}

#[derive(Debug, Serialize)]
struct Target {
    name: String,
    value: Option<f64>,
    target: String,
    met: Option<bool>,
}

/// `cargo xtask bench`.
pub fn main(args: &BenchArgs) -> Result<()> {
    let root = runner::pipeline::project_root();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("out").join("bench"));
    std::fs::create_dir_all(&out)
        .with_context(|| format!("bench: cannot create {}", out.display()))?;
    let exe = std::env::current_exe().context("bench: cannot find the xtask binary")?;
    if cfg!(debug_assertions) {
        eprintln!(
            "bench: warning: this is a debug build; run `cargo xtask bench` (release) for real figures"
        );
    }
    let started_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    let mut runs = Vec::new();
    for &n in &sizes {
        let corpus = out.join(format!("corpus-{n}-seed{}", args.seed));
        let generate_seconds = ensure_corpus(&corpus, n, args.seed, args.regen)?;
        let input = corpus.join(gen_corpus::SOURCES_DIR);
        let (files, input_bytes, words) = measure_input(&input)?;
        let run_dir = out.join(format!("run-{n}"));
        eprintln!(
            "bench: running the pipeline on {n} sources ({:.1} MB)",
            input_bytes as f64 / 1e6
        );
        let mut run = run_pipeline(
            &exe,
            &input,
            &run_dir,
            n,
            files,
            input_bytes,
            words,
            generate_seconds,
        )?;
        eprintln!(
            "bench: {n} sources: {:.1}s, {:.1} MB/s, peak {}",
            run.wall_seconds,
            run.mb_per_s,
            run.peak_rss_bytes.map_or("?".to_string(), mib)
        );
        if run.exit_ok {
            match synth::score::score(&corpus.join(gen_corpus::ANSWERS_FILE), &run_dir) {
                Ok(score) => run.score = Some(score),
                Err(err) => run.score_error = Some(format!("{err:#}")),
            }
        }
        if !args.keep {
            let _ = std::fs::remove_dir_all(&run_dir);
        }
        runs.push(run);
    }

    let extract = match sizes.first() {
        Some(&n) => {
            let input = out
                .join(format!("corpus-{n}-seed{}", args.seed))
                .join(gen_corpus::SOURCES_DIR);
            eprintln!(
                "bench: extract in process on up to {} sources",
                args.extract_sources
            );
            Some(extract_in_process(&input, args.extract_sources)?)
        }
        None => None,
    };
    let html_dir = args.html.clone().or_else(|| find_html_pages(&root));
    let html_ingest = match html_dir {
        Some(dir) => {
            eprintln!("bench: HTML ingest on {}", dir.display());
            html_in_process(&dir).map_err(|e| format!("{e:#}"))
        }
        None => Err("benchmark pages not found (looked for shared/benchmarks/article-extraction/html beside the project root and its parents): skipped".to_string()),
    };
    let watch = watch_latency(
        &exe,
        &out,
        sizes
            .first()
            .map(|&n| out.join(format!("corpus-{n}-seed{}", args.seed))),
    );

    let targets = targets(&runs, extract.as_ref(), html_ingest.as_ref().ok());
    let report = Report {
        started_unix,
        git_commit: git_commit(&root),
        cores,
        seed: args.seed,
        runs,
        extract,
        html_ingest,
        watch,
        targets,
    };
    print_table(&report);
    let path = out.join("bench.json");
    let json = serde_json::to_vec_pretty(&report).context("bench: serializing bench.json")?;
    runner::store::write_atomic(&path, &json)
        .with_context(|| format!("bench: cannot write {}", path.display()))?;
    println!("bench.json: {}", path.display());
    Ok(())
}

/// Generates the corpus unless a complete one of this size and seed is there. Returns the
/// seconds it took, or `None` when reused.
fn ensure_corpus(dir: &Path, n: usize, seed: u64, regen: bool) -> Result<Option<f64>> {
    let marker = dir.join(gen_corpus::COMPLETE_FILE);
    let expected = format!("{n} {seed}\n");
    if !regen && std::fs::read_to_string(&marker).is_ok_and(|m| m == expected) {
        return Ok(None);
    }
    let _ = std::fs::remove_dir_all(dir);
    eprintln!("bench: generating {n} sources in {}", dir.display());
    let t = Instant::now();
    gen_corpus::generate(n, seed, dir)?;
    Ok(Some(t.elapsed().as_secs_f64()))
}

/// Files, bytes and words of the input. Reading every file also leaves the corpus in the
/// page cache, so every size is measured warm.
fn measure_input(input: &Path) -> Result<(usize, u64, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    let mut words = 0;
    let mut stack = vec![input.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .with_context(|| format!("bench: cannot read {}", dir.display()))?
        {
            let entry = entry.with_context(|| format!("bench: cannot read {}", dir.display()))?;
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
                continue;
            }
            let data = std::fs::read(&path)
                .with_context(|| format!("bench: cannot read {}", path.display()))?;
            files += 1;
            bytes += data.len() as u64;
            words += count_words(&data);
        }
    }
    Ok((files, bytes, words))
}

fn count_words(data: &[u8]) -> u64 {
    let mut words = 0;
    let mut in_word = false;
    for &b in data {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

/// Runs `exe run --input INPUT --out RUN_DIR --quiet` and measures it.
#[allow(clippy::too_many_arguments)]
fn run_pipeline(
    exe: &Path,
    input: &Path,
    run_dir: &Path,
    n: usize,
    files: usize,
    input_bytes: u64,
    words: u64,
    generate_seconds: Option<f64>,
) -> Result<Run> {
    // A fresh output folder: a cache left by an earlier run would measure nothing.
    let _ = std::fs::remove_dir_all(run_dir);
    let time_bin = Path::new("/usr/bin/time");
    let time_file = run_dir.with_extension("time");
    let _ = std::fs::remove_file(&time_file);
    let mut cmd = if time_bin.is_file() {
        let mut c = Command::new(time_bin);
        c.arg("-v").arg("-o").arg(&time_file).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.arg("run")
        .arg("--input")
        .arg(input)
        .arg("--out")
        .arg(run_dir)
        .arg("--quiet")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("bench: cannot start {}", exe.display()))?;
    let stderr = child
        .stderr
        .take()
        .context("bench: the child has no stderr")?;
    let reader = std::thread::spawn(move || {
        let mut stages = Vec::new();
        let mut tail: Vec<String> = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(stage) = parse_stage_done(&line) {
                stages.push(stage);
            }
            tail.push(line);
            if tail.len() > 20 {
                tail.remove(0);
            }
        }
        (stages, tail)
    });
    // Without /usr/bin/time, poll the child's peak resident set; with it, the pid is
    // time's and its own VmHWM is tiny, so time's report is read instead.
    let mut polled_peak = None;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .context("bench: waiting for the pipeline")?
        {
            break status;
        }
        if !time_bin.is_file()
            && let Some(kb) = read_vm_hwm_kb(child.id())
        {
            polled_peak = Some(polled_peak.unwrap_or(0).max(kb * 1024));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let wall = started.elapsed().as_secs_f64();
    let (stage_ms, tail) = reader
        .join()
        .map_err(|_| anyhow::anyhow!("bench: the stderr reader panicked"))?;
    let (time_peak, cpu) = std::fs::read_to_string(&time_file)
        .map(|t| parse_time_v(&t))
        .unwrap_or((None, None));
    let _ = std::fs::remove_file(&time_file);

    let per = |seconds: f64, count: f64| if seconds > 0.0 { count / seconds } else { 0.0 };
    let stages = stage_ms
        .into_iter()
        .map(|(stage, ms)| {
            let seconds = ms as f64 / 1000.0;
            StageTime {
                stage,
                seconds,
                mb_per_s: per(seconds, input_bytes as f64 / 1e6),
                docs_per_s: per(seconds, n as f64),
                words_per_s: per(seconds, words as f64),
            }
        })
        .collect();
    Ok(Run {
        sources: n,
        files,
        input_bytes,
        words,
        generate_seconds,
        wall_seconds: wall,
        cpu_seconds: cpu,
        peak_rss_bytes: time_peak.or(polled_peak),
        exit_ok: status.success(),
        mb_per_s: per(wall, input_bytes as f64 / 1e6),
        docs_per_s: per(wall, n as f64),
        words_per_s: per(wall, words as f64),
        stages,
        score: None,
        score_error: None,
        failure: (!status.success()).then(|| tail.join("\n")),
    })
}

/// `... stage done stage="ingest" ok=5 failed=0 ms=12` (or `stage=ingest`) to (stage, ms).
fn parse_stage_done(line: &str) -> Option<(String, u64)> {
    if !line.contains("stage done") {
        return None;
    }
    let mut stage = None;
    let mut ms = None;
    for token in line.split_whitespace() {
        if let Some(v) = token.strip_prefix("stage=") {
            stage = Some(v.trim_matches('"').to_string());
        } else if let Some(v) = token.strip_prefix("ms=") {
            ms = v.trim_matches('"').parse().ok();
        }
    }
    Some((stage?, ms?))
}

fn read_vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Peak resident set (bytes) and CPU seconds from `/usr/bin/time -v`'s report.
fn parse_time_v(text: &str) -> (Option<u64>, Option<f64>) {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim_start_matches(':').trim().parse::<f64>().ok())
    };
    let peak = field("Maximum resident set size (kbytes)").map(|kb| kb as u64 * 1024);
    let cpu = match (field("User time (seconds)"), field("System time (seconds)")) {
        (Some(u), Some(s)) => Some(u + s),
        _ => None,
    };
    (peak, cpu)
}

/// Extract alone, one thread: ingest and normalize the first `limit` sources (not timed),
/// then time `extract::extract` over them.
fn extract_in_process(input: &Path, limit: usize) -> Result<InProcess> {
    let (files, _) = ingest::discover(input);
    let ingest_config = ingest::IngestConfig::default();
    let normalize_config = normalize::NormalizeConfig::default();
    let mut docs = Vec::new();
    let mut failed = 0;
    let mut bytes = 0;
    for file in files.iter().take(limit) {
        let data = std::fs::read(&file.path)
            .with_context(|| format!("bench: cannot read {}", file.path.display()))?;
        match ingest::ingest_bytes(&file.rel, &data, &ingest_config) {
            Ok(raws) => {
                for raw in raws {
                    match normalize::normalize(&raw, &normalize_config) {
                        Ok(clean) => {
                            bytes += clean.text.len() as u64;
                            docs.push(clean);
                        }
                        Err(_) => failed += 1,
                    }
                }
            }
            Err(_) => failed += 1,
        }
    }
    if docs.is_empty() {
        bail!(
            "bench: no document of {} could be normalized for the extract measurement",
            input.display()
        );
    }
    let words: u64 = docs.iter().map(|d| d.words as u64).sum();
    let config = extract::ExtractConfig::default();
    // Repeat until at least two seconds have passed, for a stable figure.
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut rounds = 0u64;
    let mut found = 0usize;
    while rounds == 0 || started.elapsed() < Duration::from_secs(2) {
        for doc in &docs {
            let x = extract::extract(doc, &config);
            found += x.entities.len() + x.quantities.len() + x.quotes.len();
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_started
        .zip(thread_cpu_seconds())
        .map(|(a, b)| b - a)
        .filter(|c| *c > 0.0);
    std::hint::black_box(found);
    let what = format!(
        "extract::extract on {} normalized generated sources, one thread, {rounds} rounds",
        docs.len()
    );
    Ok(InProcess::measured(
        what,
        docs.len(),
        failed,
        words,
        bytes,
        rounds,
        seconds,
        cpu,
    ))
}

/// The benchmark pages: `shared/benchmarks/article-extraction/html` beside the project
/// root or beside one of its parents (worktrees live one level deeper).
fn find_html_pages(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .skip(1)
        .map(|dir| {
            dir.join("shared")
                .join("benchmarks")
                .join("article-extraction")
                .join("html")
        })
        .find(|dir| dir.is_dir())
}

/// HTML ingest, one thread: `ingest::ingest_bytes` then `normalize::normalize` on every
/// page (decompressed beforehand, not timed).
fn html_in_process(dir: &Path) -> Result<InProcess> {
    let mut pages = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("bench: cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    entries.sort();
    for path in entries {
        let file = std::fs::File::open(&path)
            .with_context(|| format!("bench: cannot open {}", path.display()))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .with_context(|| format!("bench: cannot decompress {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".gz").to_string())
            .unwrap_or_default();
        pages.push((name, html));
    }
    if pages.is_empty() {
        bail!("bench: no *.html.gz page in {}", dir.display());
    }
    let ingest_config = ingest::IngestConfig::default();
    let normalize_config = normalize::NormalizeConfig::default();
    let bytes: u64 = pages.iter().map(|(_, h)| h.len() as u64).sum();
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut rounds = 0u64;
    let (mut failed, mut words) = (0, 0u64);
    while rounds == 0 || started.elapsed() < Duration::from_secs(2) {
        (failed, words) = (0, 0);
        for (name, html) in &pages {
            match ingest::ingest_bytes(name, html, &ingest_config) {
                Ok(raws) => {
                    for raw in raws {
                        match normalize::normalize(&raw, &normalize_config) {
                            Ok(clean) => words += clean.words as u64,
                            Err(_) => failed += 1,
                        }
                    }
                }
                Err(_) => failed += 1,
            }
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_started
        .zip(thread_cpu_seconds())
        .map(|(a, b)| b - a)
        .filter(|c| *c > 0.0);
    let what = format!(
        "ingest + normalize of {} HTML pages, one thread, {rounds} rounds",
        pages.len()
    );
    Ok(InProcess::measured(
        what,
        pages.len(),
        failed,
        words,
        bytes,
        rounds,
        seconds,
        cpu,
    ))
}

/// Latency of `watch`: from a new file in the watched folder to the next finished report
/// stage, when the binary has a `watch` command.
fn watch_latency(exe: &Path, out: &Path, corpus: Option<PathBuf>) -> Result<WatchLatency, String> {
    let has_watch = Command::new(exe)
        .args(["watch", "--help"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_watch {
        return Err("this build has no `watch` command yet: skipped".to_string());
    }
    let corpus = corpus.ok_or("no corpus to watch")?;
    let input = out.join("watch-input");
    let run_dir = out.join("watch-run");
    let _ = std::fs::remove_dir_all(&input);
    let _ = std::fs::remove_dir_all(&run_dir);
    std::fs::create_dir_all(&input)
        .map_err(|e| format!("cannot create {}: {e}", input.display()))?;
    // A small story set: the first 20 text sources of the corpus, one held back.
    let (files, _) = ingest::discover(&corpus.join(gen_corpus::SOURCES_DIR));
    let texts: Vec<_> = files
        .iter()
        .filter(|f| f.rel.ends_with(".txt"))
        .take(21)
        .collect();
    let Some((last, first)) = texts.split_last() else {
        return Err("no text source to watch".to_string());
    };
    for f in first {
        std::fs::copy(&f.path, input.join(f.rel.replace('/', "_")))
            .map_err(|e| format!("cannot copy {}: {e}", f.rel))?;
    }
    let mut child = Command::new(exe)
        .arg("watch")
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&run_dir)
        .arg("--quiet")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start watch: {e}"))?;
    let stderr = child.stderr.take().ok_or("watch has no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if parse_stage_done(&line).is_some_and(|(stage, _)| stage == "report")
                && tx.send(Instant::now()).is_err()
            {
                break;
            }
        }
    });
    let result = (|| {
        rx.recv_timeout(Duration::from_secs(120))
            .map_err(|_| "watch wrote no first report within 120 s".to_string())?;
        // Let the watcher settle, then add one source.
        std::thread::sleep(Duration::from_millis(500));
        while rx.try_recv().is_ok() {}
        let written = Instant::now();
        std::fs::copy(&last.path, input.join(last.rel.replace('/', "_")))
            .map_err(|e| format!("cannot copy: {e}"))?;
        let done = rx
            .recv_timeout(Duration::from_secs(120))
            .map_err(|_| "watch did not report within 120 s of a new file".to_string())?;
        Ok(WatchLatency {
            seconds: done.duration_since(written).as_secs_f64(),
        })
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&input);
    let _ = std::fs::remove_dir_all(&run_dir);
    result
}

fn targets(runs: &[Run], extract: Option<&InProcess>, html: Option<&InProcess>) -> Vec<Target> {
    let mut out = Vec::new();
    let by_size = |n: usize| runs.iter().find(|r| r.sources == n && r.exit_ok);
    let growth = match (by_size(10_000), by_size(100_000)) {
        (Some(a), Some(b)) => Some(b.wall_seconds / a.wall_seconds),
        _ => None,
    };
    out.push(Target {
        name: "time growth 10k -> 100k sources".into(),
        value: growth,
        target: format!("<= {TARGET_GROWTH}x"),
        met: growth.map(|g| g <= TARGET_GROWTH),
    });
    let largest = runs.iter().filter(|r| r.exit_ok).max_by_key(|r| r.sources);
    let mb_s = largest.map(|r| r.mb_per_s);
    out.push(Target {
        name: format!(
            "end to end MB/s at {} sources",
            largest.map_or(0, |r| r.sources)
        ),
        value: mb_s,
        target: format!(">= {TARGET_MB_S} MB/s"),
        met: mb_s.map(|v| v >= TARGET_MB_S),
    });
    let peak = runs.iter().filter_map(|r| r.peak_rss_bytes).max();
    out.push(Target {
        name: "peak memory (largest run)".into(),
        value: peak.map(|p| p as f64 / (1024.0 * 1024.0)),
        target: "<= 2048 MiB".into(),
        met: peak.map(|p| p <= TARGET_PEAK_BYTES),
    });
    // Per core: per CPU-second of the measuring thread where the kernel tells it (other
    // work on the machine then does not count against us), else per wall second.
    let extract_rate = extract.map(|x| x.words_per_cpu_s.unwrap_or(x.words_per_s));
    out.push(Target {
        name: "extract words/s per core".into(),
        value: extract_rate,
        target: format!(">= {TARGET_EXTRACT_WORDS_S}"),
        met: extract_rate.map(|v| v >= TARGET_EXTRACT_WORDS_S),
    });
    let html_rate = html.map(|x| x.per_cpu_s.unwrap_or(x.per_s));
    out.push(Target {
        name: "HTML ingest pages/s per core".into(),
        value: html_rate,
        target: format!(">= {TARGET_HTML_PAGES_S}"),
        met: html_rate.map(|v| v >= TARGET_HTML_PAGES_S),
    });
    out
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn print_table(report: &Report) {
    println!();
    println!(
        "end to end (`xtask run`, {} cores, seed {})",
        report.cores, report.seed
    );
    println!(
        "{:>8} {:>8} {:>11} {:>9} {:>9} {:>9} {:>9} {:>11} {:>10}",
        "sources", "MB", "words", "wall s", "cpu s", "MB/s", "docs/s", "words/s", "peak"
    );
    for r in &report.runs {
        println!(
            "{:>8} {:>8.1} {:>11} {:>9.2} {:>9} {:>9.2} {:>9.0} {:>11.0} {:>10}{}",
            r.sources,
            r.input_bytes as f64 / 1e6,
            r.words,
            r.wall_seconds,
            r.cpu_seconds.map_or("?".to_string(), |c| format!("{c:.2}")),
            r.mb_per_s,
            r.docs_per_s,
            r.words_per_s,
            r.peak_rss_bytes.map_or("?".to_string(), mib),
            if r.exit_ok { "" } else { "  FAILED" }
        );
    }
    println!();
    println!("per stage (from the runner's `stage done` logs)");
    println!(
        "{:>8} {:>10} {:>9} {:>9} {:>9} {:>11}",
        "sources", "stage", "seconds", "MB/s", "docs/s", "words/s"
    );
    for r in &report.runs {
        for s in &r.stages {
            println!(
                "{:>8} {:>10} {:>9.2} {:>9.2} {:>9.0} {:>11.0}",
                r.sources, s.stage, s.seconds, s.mb_per_s, s.docs_per_s, s.words_per_s
            );
        }
    }
    print_quality(&report.runs);
    println!();
    println!("in process, one thread");
    if let Some(x) = &report.extract {
        println!(
            "  extract:    {:>11.0} words/s  {:>8.0} docs/s  {:>7.2} MB/s  {}  ({})",
            x.words_per_s,
            x.per_s,
            x.mb_per_s,
            x.words_per_cpu_s
                .map_or(String::new(), |w| format!("{w:.0} words per CPU-second")),
            x.what
        );
    }
    match &report.html_ingest {
        Ok(x) => println!(
            "  HTML ingest: {:>8.0} pages/s  {:>7.2} MB/s  {} failed  {}  ({})",
            x.per_s,
            x.mb_per_s,
            x.failed,
            x.per_cpu_s
                .map_or(String::new(), |p| format!("{p:.0} pages per CPU-second")),
            x.what
        ),
        Err(why) => println!("  HTML ingest: {why}"),
    }
    match &report.watch {
        Ok(w) => println!(
            "  watch latency: {:.2}s from a new file to its report",
            w.seconds
        ),
        Err(why) => println!("  watch latency: {why}"),
    }
    println!();
    println!("targets");
    for t in &report.targets {
        let value = t.value.map_or("-".to_string(), |v| format!("{v:.2}"));
        let verdict = match t.met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "not measured",
        };
        println!(
            "  {:<40} {:>14}  target {:<14} {verdict}",
            t.name, value, t.target
        );
    }
}

/// One line per run of `xtask score`'s headline figures.
fn print_quality(runs: &[Run]) {
    let f = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
    println!();
    println!("accuracy against the planted answers (`xtask score`; rates 0-1)");
    println!(
        "{:>8} {:>9} {:>11} {:>8} {:>9} {:>9} {:>7} {:>7} {:>8} {:>7} {:>8} {:>9} {:>9}",
        "sources",
        "story F1",
        "stories",
        "largest",
        "indep F1",
        "figures",
        "vague",
        "retract",
        "best=",
        "quotes",
        "speaker",
        "entities",
        "confl/100"
    );
    for r in runs {
        match (&r.score, &r.score_error) {
            (Some(s), _) => println!(
                "{:>8} {:>9} {:>11} {:>8} {:>9} {:>9} {:>7} {:>7} {:>8} {:>7} {:>8} {:>9} {:>9}",
                r.sources,
                f(s.stories.pairs.f1),
                format!(
                    "{}/{}",
                    s.stories.predicted_clusters, s.stories.true_clusters
                ),
                s.stories.largest_predicted,
                f(s.independence.groups.pairs.f1),
                f(s.figures.extracted.rate),
                f(s.figures.vague_kept.rate),
                f(s.figures.retraction_flagged.rate),
                f(s.facts.best_equals_true.rate),
                f(s.quotes.found.rate),
                f(s.quotes.speaker.rate),
                f(s.entities.all.found.rate),
                s.conflicts
                    .total_per_100_sources
                    .map_or("-".to_string(), |v| format!("{v:.1}")),
            ),
            (None, Some(err)) => println!("{:>8} not scored: {err}", r.sources),
            (None, None) => println!("{:>8} not scored: the run failed", r.sources),
        }
    }
}

fn git_commit(root: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_done_lines_are_parsed() {
        fn check(line: &str, expected: Option<(&str, u64)>) {
            assert_eq!(
                parse_stage_done(line),
                expected.map(|(s, ms)| (s.to_string(), ms))
            );
        }
        check(
            "2026-11-22T00:17:01.123456Z  INFO runner::run: stage done stage=\"ingest\" ok=5 failed=0 ms=12",
            Some(("ingest", 12)),
        );
        check(
            "2026-11-22T00:17:01Z  INFO runner::run: stage done stage=reconcile ms=3400",
            Some(("reconcile", 3400)),
        );
        check(
            "2026-11-22T00:17:01Z  INFO runner::run: run pipeline=\"default\"",
            None,
        );
        check("stage done stage=\"extract\"", None);
    }

    #[test]
    fn time_v_report_is_parsed() {
        let text = "\tCommand being timed: \"xtask run\"\n\tUser time (seconds): 12.50\n\tSystem time (seconds): 1.25\n\
                    \tMaximum resident set size (kbytes): 204800\n\tExit status: 0\n";
        assert_eq!(parse_time_v(text), (Some(204_800 * 1024), Some(13.75)));
        assert_eq!(parse_time_v("garbage"), (None, None));
    }

    #[test]
    fn words_are_counted_between_whitespace() {
        fn check(text: &str, expected: u64) {
            assert_eq!(count_words(text.as_bytes()), expected, "{text:?}");
        }
        check("", 0);
        check("one", 1);
        check("  nearly 8,000 people\n\nwere  detained.\t", 5);
    }

    #[test]
    fn a_growth_over_twelvefold_misses_its_target() {
        let run = |sources, wall_seconds| Run {
            sources,
            files: sources,
            input_bytes: sources as u64 * 4000,
            words: 0,
            generate_seconds: None,
            wall_seconds,
            cpu_seconds: None,
            peak_rss_bytes: Some(3 << 30),
            exit_ok: true,
            mb_per_s: sources as f64 * 4000.0 / 1e6 / wall_seconds,
            docs_per_s: 0.0,
            words_per_s: 0.0,
            stages: Vec::new(),
            score: None,
            score_error: None,
            failure: None,
        };
        let t = targets(&[run(10_000, 10.0), run(100_000, 130.0)], None, None);
        assert_eq!(t[0].met, Some(false));
        assert!((t[0].value.unwrap() - 13.0).abs() < 1e-9);
        assert_eq!(t[1].met, Some(false)); // 400 MB in 130 s is about 3 MB/s
        assert_eq!(t[2].met, Some(false)); // 3 GiB
        assert_eq!(t[3].met, None);
        let t = targets(&[run(10_000, 2.0), run(100_000, 15.0)], None, None);
        assert_eq!((t[0].met, t[1].met), (Some(true), Some(true)));
    }
}
