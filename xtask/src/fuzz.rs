//! `cargo xtask fuzz`: runs the cargo-fuzz targets in `xtask/fuzz` (ingest, normalize and
//! extract on arbitrary input) on a nightly toolchain, one after another, each for a
//! fixed time. Kept out of `cargo test` and CI: it needs nightly and cargo-fuzz.
//!
//! Each target's corpus (`xtask/fuzz/corpus/<target>`) starts from the seeds, so the
//! fuzzer mutates real articles rather than discovering prose from nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use runner::pipeline::project_root;

/// The targets, in the order they run.
pub const TARGETS: &[&str] = &["pipeline", "normalize_text", "extract_text"];

#[derive(Debug, clap::Args)]
pub struct FuzzArgs {
    /// Seconds per target.
    #[arg(long, default_value_t = 600)]
    pub seconds: u64,
    /// Targets to run (default: all of them).
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(TARGETS))]
    pub targets: Vec<String>,
}

pub fn main(args: &FuzzArgs) -> Result<()> {
    let root = project_root();
    let fuzz_dir = root.join("xtask").join("fuzz");
    let targets: Vec<&str> = if args.targets.is_empty() {
        TARGETS.to_vec()
    } else {
        args.targets.iter().map(String::as_str).collect()
    };
    let seeds = seed_files(&root.join("seeds"))?;
    let mut summary = Vec::new();
    for target in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        write_seed_corpus(target, &seeds, &corpus)?;
        println!(
            "fuzz: {target} for {} s (corpus {})",
            args.seconds,
            corpus.display()
        );
        let started = Instant::now();
        let status = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", "--fuzz-dir"])
            .arg(&fuzz_dir)
            .arg(target)
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={}", args.seconds))
            .arg("-max_len=65536")
            .arg("-timeout=20")
            .arg("-rss_limit_mb=4096")
            .current_dir(&root)
            .status()
            .context(
                "fuzz: starting `cargo +nightly fuzz` (install it with `cargo install cargo-fuzz`)",
            )?;
        let secs = started.elapsed().as_secs();
        summary.push(format!(
            "{target}: {} after {secs} s",
            if status.success() {
                "no crash"
            } else {
                "FAILED"
            }
        ));
        if !status.success() {
            for line in &summary {
                println!("fuzz: {line}");
            }
            bail!(
                "fuzz: target {target} failed; the input that failed is in {}",
                fuzz_dir.join("artifacts").join(target).display()
            );
        }
    }
    for line in &summary {
        println!("fuzz: {line}");
    }
    Ok(())
}

fn seed_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("fuzz: reading {}", dir.display()))?
    {
        let path = entry?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Writes each seed into the target's corpus in the target's input layout: the
/// `pipeline` target reads a first byte that picks the file name (0 = `.txt`, 1 =
/// `.html`), `normalize_text` one that picks the format (0 = text, 2 = HTML).
fn write_seed_corpus(target: &str, seeds: &[PathBuf], corpus: &Path) -> Result<()> {
    std::fs::create_dir_all(corpus)
        .with_context(|| format!("fuzz: creating {}", corpus.display()))?;
    for (i, path) in seeds.iter().enumerate() {
        let bytes =
            std::fs::read(path).with_context(|| format!("fuzz: reading {}", path.display()))?;
        let html = format!(
            "<html><head><title>t</title></head><body><article><p>{}</p></article></body></html>",
            String::from_utf8_lossy(&bytes).replace("\n\n", "</p><p>")
        );
        let inputs: Vec<Vec<u8>> = match target {
            "pipeline" => vec![
                [&[0u8][..], &bytes].concat(),
                [&[1u8][..], html.as_bytes()].concat(),
            ],
            "normalize_text" => vec![
                [&[0u8][..], &bytes].concat(),
                [&[2u8][..], html.as_bytes()].concat(),
            ],
            _ => vec![bytes],
        };
        for (j, input) in inputs.into_iter().enumerate() {
            let file = corpus.join(format!("seed-{i}-{j}"));
            std::fs::write(&file, input)
                .with_context(|| format!("fuzz: writing {}", file.display()))?;
        }
    }
    Ok(())
}
