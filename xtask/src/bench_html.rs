//! `cargo xtask bench-html`: scores our HTML path (ingest's decoding, normalize's
//! extractor choice and line clean-up) on the article-extraction benchmark that
//! lives next to the project (`<root>/../shared/benchmarks/article-extraction`, or
//! the first `shared/benchmarks/article-extraction` above the project root), with the
//! benchmark's own metric (see its README): 4-token shingles, per-page precision and
//! recall averaged over pages, F1 of the means. Prints F1, P, R, accuracy and pages/s
//! on one thread.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use records::{BlockKind, Format, Metadata, RawDocument};

/// Where the benchmark lives, relative to an ancestor of the project root.
const BENCH_REL: &str = "shared/benchmarks/article-extraction";

/// Options of `cargo xtask bench-html`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Benchmark folder (holding `ground-truth.json` and `html/`), instead of the one
    /// found next to the project.
    #[arg(long)]
    pub bench: Option<PathBuf>,
    /// Extractor: `auto`, `trafilatura` or `dom_smoothie`.
    #[arg(long, default_value = "auto")]
    pub extractor: String,
    /// Print the N pages with the lowest F1.
    #[arg(long, default_value_t = 0)]
    pub worst: usize,
}

/// Finds the benchmark folder: `--bench`, else the first ancestor of the project root
/// holding `shared/benchmarks/article-extraction`.
fn locate(args: &BenchArgs) -> Result<PathBuf> {
    if let Some(dir) = &args.bench {
        if !dir.join("ground-truth.json").is_file() {
            bail!("bench-html: {} holds no ground-truth.json", dir.display());
        }
        return Ok(dir.clone());
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("bench-html: xtask has no parent folder")?;
    for ancestor in root.ancestors().skip(1) {
        let candidate = ancestor.join(BENCH_REL);
        if candidate.join("ground-truth.json").is_file() {
            return Ok(candidate);
        }
    }
    bail!(
        "bench-html: benchmark not found: looked for {BENCH_REL}/ground-truth.json above {} (pass --bench DIR)",
        root.display()
    )
}

/// Runs the benchmark.
pub fn run(args: &BenchArgs) -> Result<()> {
    let dir = locate(args)?;
    let extractor: normalize::html::Extractor = serde_json::from_value(serde_json::Value::String(
        args.extractor.clone(),
    ))
    .with_context(|| {
        format!(
            "bench-html: unknown extractor {:?} (auto, trafilatura, dom_smoothie)",
            args.extractor
        )
    })?;
    let truth_path = dir.join("ground-truth.json");
    let truth_text = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("bench-html: reading {}", truth_path.display()))?;
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(&truth_text)
        .with_context(|| format!("bench-html: parsing {}", truth_path.display()))?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let config = normalize::NormalizeConfig {
        html_extractor: extractor,
        ..Default::default()
    };
    let ingest_config = ingest::IngestConfig::default();
    let mut pages: Vec<(String, PageScore, String)> = Vec::new();
    let mut elapsed = 0.0f64;
    let mut cpu = 0.0f64;
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path)
            .with_context(|| format!("bench-html: reading {}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut bytes)
            .with_context(|| format!("bench-html: unpacking {}", path.display()))?;
        let expected = truth[id]
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let clock = Instant::now();
        let cpu_before = cpu_seconds();
        let predicted = predict(id, &bytes, &ingest_config, &config);
        elapsed += clock.elapsed().as_secs_f64();
        cpu += cpu_seconds()
            .zip(cpu_before)
            .map_or(0.0, |(after, before)| after - before);
        let why = if args.worst > 0 {
            normalize::html::extract_with(&String::from_utf8_lossy(&bytes), extractor).chosen
        } else {
            String::new()
        };
        pages.push((id.clone(), score(&predicted, expected), why));
    }
    let n = pages.len();
    let precisions: Vec<f64> = pages.iter().filter_map(|(_, s, _)| s.precision).collect();
    let recalls: Vec<f64> = pages.iter().filter_map(|(_, s, _)| s.recall).collect();
    let p = mean(&precisions);
    let r = mean(&recalls);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let accuracy = pages.iter().filter(|(_, s, _)| s.exact).count() as f64 / n.max(1) as f64;
    println!("bench-html: {n} pages from {}", dir.display());
    println!("extractor:  {}", args.extractor);
    println!("F1 {f1:.4}  precision {p:.4}  recall {r:.4}  accuracy {accuracy:.4}");
    println!(
        "speed: {:.1} pages/s on one thread, wall clock ({:.2}s in the HTML path)",
        n as f64 / elapsed.max(1e-9),
        elapsed
    );
    if cpu > 0.0 {
        // On a shared machine the wall clock counts other work too; CPU time does not.
        println!(
            "speed: {:.1} pages per CPU-second ({cpu:.2} CPU-s in the HTML path)",
            n as f64 / cpu
        );
    }
    if args.worst > 0 {
        let mut ranked: Vec<&(String, PageScore, String)> = pages.iter().collect();
        ranked.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
        for (id, s, why) in ranked.into_iter().take(args.worst) {
            println!(
                "  {id}  F1 {:.3}  P {:.3}  R {:.3}  {why}",
                s.f1(),
                s.precision.unwrap_or(0.0),
                s.recall.unwrap_or(0.0)
            );
        }
    }
    Ok(())
}

/// CPU time (user + system) of this process, from `/proc/self/stat` (Linux; `None`
/// elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on Linux.
    Some((utime + stime) / 100.0)
}

/// Our body text for a page: normalize's blocks without the headline, one per line.
fn predict(
    id: &str,
    bytes: &[u8],
    ingest_config: &ingest::IngestConfig,
    config: &normalize::NormalizeConfig,
) -> String {
    let rel = format!("{id}.html");
    let raw = match ingest::ingest_bytes(&rel, bytes, ingest_config) {
        Ok(mut docs) if !docs.is_empty() => docs.remove(0),
        _ => RawDocument {
            source_id: rel.clone(),
            file: rel.clone(),
            format: Format::Html,
            encoding: "UTF-8".into(),
            encoding_reason: "lossy".into(),
            content_hash: String::new(),
            bytes: bytes.len() as u64,
            byte_offset: 0,
            meta: Metadata::default(),
            content: String::from_utf8_lossy(bytes).into_owned(),
        },
    };
    let Ok(clean) = normalize::normalize(&raw, config) else {
        return String::new();
    };
    let chars: Vec<char> = clean.text.chars().collect();
    clean
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Headline)
        .map(|b| {
            chars[b.start.min(chars.len())..b.end.min(chars.len())]
                .iter()
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Debug, Clone, Copy)]
struct PageScore {
    precision: Option<f64>,
    recall: Option<f64>,
    exact: bool,
}

impl PageScore {
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision.unwrap_or(0.0), self.recall.unwrap_or(0.0));
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || is_mark(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Combining marks count as word characters in the benchmark's `\w`.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens.to_vec()).or_insert(0) += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// The benchmark's per-page score (README: shingle multisets, tp/fp/fn).
fn score(predicted: &str, expected: &str) -> PageScore {
    let pt = tokens(predicted);
    let et = tokens(expected);
    let ps = shingles(&pt);
    let es = shingles(&et);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (sh, &n) in &ps {
        let m = es.get(sh).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fn_: usize = es
        .iter()
        .map(|(sh, &m)| m.saturating_sub(ps.get(sh).copied().unwrap_or(0)))
        .sum();
    let exact = pt == et;
    if fp == 0 && fn_ == 0 {
        return PageScore {
            precision: Some(1.0),
            recall: Some(1.0),
            exact,
        };
    }
    let total = (tp + fp + fn_) as f64;
    let (tp, fp, fn_) = (tp as f64 / total, fp as f64 / total, fn_ as f64 / total);
    PageScore {
        precision: (tp + fp > 0.0).then(|| tp / (tp + fp)),
        recall: (tp + fn_ > 0.0).then(|| tp / (tp + fn_)),
        exact,
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(predicted: &str, expected: &str, p: Option<f64>, r: Option<f64>) {
        let s = score(predicted, expected);
        assert_eq!(
            (s.precision, s.recall),
            (p, r),
            "{predicted:?} vs {expected:?}"
        );
    }

    #[test]
    fn a_missing_benchmark_is_a_clear_error() {
        let args = BenchArgs {
            bench: Some(PathBuf::from("/nonexistent/bench")),
            extractor: "auto".into(),
            worst: 0,
        };
        let err = run(&args).unwrap_err().to_string();
        assert!(
            err.contains("/nonexistent/bench holds no ground-truth.json"),
            "{err}"
        );
    }

    #[test]
    fn metric_follows_the_readme() {
        check(
            "one two three four",
            "one two three four",
            Some(1.0),
            Some(1.0),
        );
        check("", "", Some(1.0), Some(1.0));
        check("", "one two three four", None, Some(0.0));
        // Five tokens predicted, four true: shingles {1234, 2345} vs {1234}.
        check(
            "one two three four five",
            "one two three four",
            Some(0.5),
            Some(1.0),
        );
        check("a b", "a b", Some(1.0), Some(1.0));
    }
}
