//! `cargo xtask bench-watch`: how long from a file landing in a watched folder to
//! updated reports, and proof by counters that one new source costs one source's work.
//!
//! 1. The seeds: the watch loop runs on a copy of `seeds/`; a new article is renamed
//!    into the folder (the moment it "lands"), and the time until the update that
//!    reports it has written the reports is measured, several times.
//! 2. A large generated corpus (default 10,000 sources, variants of the seeds made
//!    unique): after the full run, one source is added and the per-stage counters of
//!    that update are printed (1 computed, N reused), with its latency.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use runner::pipeline;
use runner::watch::{self, Msg, Update, WatchArgs};

/// What the bench thread hears from the watch loop.
struct Heard {
    at: Instant,
    number: usize,
    sources: Vec<String>,
    counters: Vec<String>,
}

/// Runs both measurements and prints the figures.
pub fn bench_watch(sources: usize, repeats: usize) -> Result<()> {
    let root = pipeline::project_root();
    let seeds = read_seeds(&root.join("seeds"))?;
    println!(
        "# watch latency on the seeds ({} articles), {repeats} landings",
        seeds.len()
    );
    let latencies = session(&seeds, seeds.len(), repeats)?;
    print_latencies(&latencies);
    if sources > 0 {
        println!("\n# one source added to a corpus of {sources} generated sources");
        session(&seeds, sources, 1)?;
    }
    Ok(())
}

fn read_seeds(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            seeds.push((
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text,
            ));
        }
    }
    seeds.sort();
    if seeds.is_empty() {
        bail!("no .txt articles in {}", dir.display());
    }
    Ok(seeds)
}

/// A unique variant of a seed: its own headline suffix and closing line.
fn variant(seeds: &[(String, String)], k: usize) -> String {
    let text = &seeds[k % seeds.len()].1;
    let (headline, body) = text.split_once('\n').unwrap_or((text, ""));
    format!("{headline} (variant {k})\n{body}\n\nReference number {k}.\n")
}

/// Starts a watch on `corpus` sources (the seeds themselves when `corpus` equals their
/// number), lands `landings` new articles one at a time, prints each update's counters,
/// and returns the latencies.
fn session(seeds: &[(String, String)], corpus: usize, landings: usize) -> Result<Vec<Duration>> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let input = dir.path().join("in");
    std::fs::create_dir(&input)?;
    for k in 0..corpus {
        let (name, text) = if corpus == seeds.len() {
            seeds[k].clone()
        } else {
            (format!("gen{k:06}.txt"), variant(seeds, k))
        };
        std::fs::write(input.join(name), text)?;
    }
    let args = WatchArgs {
        pipeline: "default".into(),
        input: Some(input.clone()),
        out: Some(dir.path().join("out")),
        exit_after: None,
        progress: false,
    };
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    let (heard_tx, heard_rx) = mpsc::channel::<Heard>();
    let started = Instant::now();
    let watcher = std::thread::spawn(move || {
        watch::watch_with(&args, tx, rx, &mut |update: &Update| {
            let _ = heard_tx.send(Heard {
                at: Instant::now(),
                number: update.number,
                sources: update
                    .report
                    .reconciled
                    .sources
                    .iter()
                    .map(|s| s.source_id.clone())
                    .collect(),
                counters: update.report.counter_lines(),
            });
        })
    });
    let wait = |what: &str| -> Result<Heard> {
        heard_rx
            .recv_timeout(Duration::from_secs(600))
            .with_context(|| format!("no update while waiting for {what}"))
    };
    let ready = wait("the full run")?;
    println!(
        "full run of {} sources: {:.2}s",
        ready.sources.len(),
        started.elapsed().as_secs_f64()
    );

    let mut latencies = Vec::new();
    for i in 0..landings {
        let name = format!("landed{i:03}.txt");
        let staging: PathBuf = input.join(format!(".{name}.tmp"));
        std::fs::write(&staging, variant(seeds, 1_000_000 + i))?;
        // Let the staging file's own (ignored) events pass, so they do not delay the landing.
        std::thread::sleep(watch::DEBOUNCE * 2);
        let landed = Instant::now();
        std::fs::rename(&staging, input.join(&name))?;
        loop {
            let heard = wait(&name)?;
            if heard.sources.contains(&name) {
                let latency = heard.at.duration_since(landed);
                println!(
                    "update {}: {name} reported after {:.0} ms",
                    heard.number,
                    latency.as_secs_f64() * 1000.0
                );
                for line in &heard.counters {
                    println!("  {line}");
                }
                latencies.push(latency);
                break;
            }
        }
    }
    let _ = stop.send(Msg::Stop);
    match watcher.join() {
        Ok(result) => result?,
        Err(_) => bail!("the watch thread panicked"),
    }
    Ok(latencies)
}

fn print_latencies(latencies: &[Duration]) {
    let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    if let (Some(min), Some(max)) = (ms.first(), ms.last()) {
        println!(
            "landing to updated reports: median {:.0} ms, min {min:.0} ms, max {max:.0} ms (debounce {} ms included)",
            ms[ms.len() / 2],
            watch::DEBOUNCE.as_millis()
        );
    }
}
