//! Snapshots through the runner: a story given in every input format (txt, md, html,
//! json, jsonl, warc) plus a file that is not an article, run by the real binary, and
//! what the run writes pinned: each stage's manifest, the clean texts and the reports
//! a reviewer opens (CSV and Markdown). The snapshots live in `snapshots/runner/`;
//! review a change with `INSTA_UPDATE=always cargo test -p xtask --test formats` and
//! `git diff snapshots/runner/`.

mod common;

use std::path::{Path, PathBuf};

use common::{describe, run};

/// The fixtures: one invented story (a warehouse fire) in five formats.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats")
}

/// A WARC archive holding one HTML response and one request record (skipped).
fn warc() -> Vec<u8> {
    let page = "<html><head><title>Pellworth fire: investigators at the site | Plains Radio</title>\
        <meta property=\"article:published_time\" content=\"2025-03-06T08:00:00Z\"></head>\
        <body><article><h1>Pellworth fire: investigators at the site</h1>\
        <p>Fire investigators spent Thursday at the burned grain warehouse in Pellworth, where one worker is still missing two days after the fire.</p>\
        <p>The county fire service said more than 40 firefighters had fought the blaze on Tuesday and that four people had been treated in hospital.</p>\
        </article></body></html>";
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    let mut out = Vec::new();
    for (kind, block) in [
        ("request", "GET /pellworth HTTP/1.1\r\n\r\n"),
        ("response", http.as_str()),
    ] {
        out.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://plainsradio.example/pellworth\r\nWARC-Date: 2025-03-06T08:05:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes(),
        );
        out.extend(block.as_bytes());
        out.extend(b"\r\n\r\n");
    }
    out
}

/// A JSON file pretty-printed, so that a change reads line by line.
fn pretty(path: &Path) -> String {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    serde_json::to_string_pretty(&value).unwrap()
}

/// The files of `dir` with one of `exts`, sorted by name.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| exts.contains(&e.to_string_lossy().as_ref()))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_format_and_a_bad_file_through_the_runner() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for file in files(&fixtures(), &["txt", "md", "html", "json", "jsonl"]) {
        std::fs::copy(&file, input.join(file.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("archive.warc"), warc()).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2048u32).map(|i| (i * 13 % 256) as u8));
    std::fs::write(input.join("scan.txt"), png).unwrap();
    let out = dir.path().join("out");
    let output = run(&input, &out, &[]);
    assert!(output.status.success(), "{}", describe(&output));

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/runner"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for stage in ["ingest", "normalize", "extract"] {
            insta::assert_snapshot!(
                format!("manifest_{stage}"),
                pretty(&out.join(stage).join("manifest.json"))
            );
        }
        for text in files(&out.join("text"), &["txt"]) {
            let name = text
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace('.', "_");
            insta::assert_snapshot!(
                format!("text_{name}"),
                std::fs::read_to_string(&text).unwrap()
            );
        }
        for report in files(&out.join("reports"), &["csv", "md"]) {
            let name = report
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace('.', "_");
            insta::assert_snapshot!(
                format!("report_{name}"),
                std::fs::read_to_string(&report).unwrap()
            );
        }
    });
}
