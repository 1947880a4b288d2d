//! Snapshots of every stage's output on every seed, and of the reports on the seed set.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and
//! `git diff snapshots/`).

use std::path::Path;

use records::{Extraction, SourceEntry, SourceStatus};

fn seeds_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("seeds")
}

fn pipeline_for(path: &Path) -> Extraction {
    let rel = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let raw = ingest::ingest_bytes(&rel, &bytes, &ingest::IngestConfig::default())
        .unwrap()
        .remove(0);
    let clean = normalize::normalize(&raw, &normalize::NormalizeConfig::default()).unwrap();
    extract::extract(&clean, &extract::ExtractConfig::default())
}

#[test]
fn ingest_on_every_seed() {
    insta::glob!("../../seeds", "*.txt", |path| {
        let rel = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let docs = ingest::ingest_bytes(&rel, &bytes, &ingest::IngestConfig::default()).unwrap();
        insta::assert_json_snapshot!(docs);
    });
}

#[test]
fn normalize_on_every_seed() {
    insta::glob!("../../seeds", "*.txt", |path| {
        let rel = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let raw = ingest::ingest_bytes(&rel, &bytes, &ingest::IngestConfig::default())
            .unwrap()
            .remove(0);
        let clean = normalize::normalize(&raw, &normalize::NormalizeConfig::default()).unwrap();
        insta::assert_json_snapshot!(clean);
    });
}

#[test]
fn extract_on_every_seed() {
    insta::glob!("../../seeds", "*.txt", |path| {
        let x = pipeline_for(path);
        insta::assert_json_snapshot!(serde_json::json!({
            "entities": x.entities,
            "quantities": x.quantities,
            "dates": x.dates,
            "quotes": x.quotes,
        }));
    });
}

fn reconcile_seeds() -> records::Reconciled {
    let mut paths: Vec<_> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let extractions: Vec<Extraction> = paths.iter().map(|p| pipeline_for(p)).collect();
    let entries: Vec<SourceEntry> = extractions
        .iter()
        .map(|x| SourceEntry {
            source_id: x.document.source_id.clone(),
            file: x.document.file.clone(),
            content_hash: Some(x.document.content_hash.clone()),
            status: SourceStatus::Ok,
        })
        .collect();
    reconcile::reconcile(
        &entries,
        &extractions,
        Vec::new(),
        &reconcile::ReconcileConfig::default(),
    )
}

#[test]
fn reconcile_on_the_seed_set() {
    insta::assert_json_snapshot!(reconcile_seeds());
}

#[test]
fn reports_on_the_seed_set() {
    let files = report::render(&reconcile_seeds(), &report::ReportConfig::default());
    for file in files {
        // Binary reports (a workbook) are pinned by their CSV twins.
        if let Ok(text) = String::from_utf8(file.bytes) {
            insta::assert_snapshot!(file.name.clone(), text);
        }
    }
}
