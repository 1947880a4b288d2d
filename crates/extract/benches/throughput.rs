//! Extraction throughput in words per second on one core: `cargo bench -p extract`.
//! The input is generated: the seed articles repeated with their numbers and names
//! varied, so that no cache of one text flatters the figure.
//!
//! For a noise-free comparison on a shared machine, count instructions instead:
//! `EXTRACT_BENCH_WORDS=200000 EXTRACT_BENCH_RUNS=1 valgrind --tool=callgrind
//! --toggle-collect='extract::extract' target/release/deps/throughput-*` (the
//! variables shrink the input and the repeats; the defaults are 2 million words, 7 runs).

use std::time::Instant;

fn main() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for p in paths {
        texts.push(std::fs::read_to_string(p).expect("utf-8 seed"));
    }
    // About 2 million words: each copy varies its figures.
    let target = env_count("EXTRACT_BENCH_WORDS", 2_000_000);
    let runs = env_count("EXTRACT_BENCH_RUNS", 7);
    let mut docs = Vec::new();
    let mut words = 0usize;
    let mut i = 0usize;
    while words < target {
        let base = &texts[i % texts.len()];
        let varied = base
            .replace("8,000", &format!("{},000", 2 + i % 90))
            .replace("164", &format!("{}", 100 + i % 800));
        let name = format!("doc{i}.txt");
        let raw = ingest::ingest_bytes(&name, varied.as_bytes(), &ingest::IngestConfig::default())
            .expect("ingest")
            .remove(0);
        let clean =
            normalize::normalize(&raw, &normalize::NormalizeConfig::default()).expect("normalize");
        words += clean.text.split_whitespace().count();
        docs.push(clean);
        i += 1;
    }
    let config = extract::ExtractConfig::default();
    // Warm up the lexicon.
    let _ = extract::extract(&docs[0], &config);
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut found = 0usize;
    for _ in 0..runs {
        let cpu0 = thread_cpu_seconds();
        let t = Instant::now();
        found = 0;
        for d in &docs {
            let x = extract::extract(d, &config);
            found += x.entities.len() + x.quantities.len() + x.quotes.len() + x.dates.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "extract: {} docs, {} words, {} mentions; best of {}: {:.3} s wall = {:.0} words/s",
        docs.len(),
        words,
        found,
        runs,
        best,
        words as f64 / best
    );
    // The machine is shared: time on the CPU is the fairer single-core figure.
    if best_cpu < f64::MAX {
        println!(
            "extract: {:.3} s on the CPU (this thread) = {:.0} words/s on one core",
            best_cpu,
            words as f64 / best_cpu
        );
    }
}

/// A positive whole number from the environment, or `default`.
fn env_count(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// CPU time of the calling thread, from `/proc/thread-self/schedstat` (Linux), in seconds.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
