//! Extraction throughput in words per second on one core: `cargo bench -p extract`.
//! The input is generated: the seed articles repeated with their numbers and names
//! varied, so that no cache of one text flatters the figure.

use std::time::Instant;

fn main() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&seeds).expect("seeds folder").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for p in paths {
        texts.push(std::fs::read_to_string(p).expect("utf-8 seed"));
    }
    // About 2 million words: each copy varies its figures.
    let mut docs = Vec::new();
    let mut words = 0usize;
    let mut i = 0usize;
    while words < 2_000_000 {
        let base = &texts[i % texts.len()];
        let varied = base.replace("8,000", &format!("{},000", 2 + i % 90)).replace("164", &format!("{}", 100 + i % 800));
        let name = format!("doc{i}.txt");
        let raw = ingest::ingest_bytes(&name, varied.as_bytes(), &ingest::IngestConfig::default()).expect("ingest").remove(0);
        let clean = normalize::normalize(&raw, &normalize::NormalizeConfig::default()).expect("normalize");
        words += clean.text.split_whitespace().count();
        docs.push(clean);
        i += 1;
    }
    let config = extract::ExtractConfig::default();
    // Warm up the lexicon.
    let _ = extract::extract(&docs[0], &config);
    let mut best = f64::MAX;
    let mut found = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        found = 0;
        for d in &docs {
            let x = extract::extract(d, &config);
            found += x.entities.len() + x.quantities.len() + x.quotes.len() + x.dates.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "extract: {} docs, {} words in {:.3} s (best of 3): {:.0} words/s on one core ({} mentions)",
        docs.len(),
        words,
        best,
        words as f64 / best,
        found
    );
}
