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

#[test]
fn claim_reviews_on_the_seed_set_are_schema_org_json_ld() {
    let rec = reconcile_seeds();
    let files = report::render(&rec, &report::ReportConfig::default());
    let file = files
        .iter()
        .find(|f| f.name == report::claim_review::FILE_NAME)
        .expect("the ClaimReview export");
    let text = String::from_utf8(file.bytes.clone()).unwrap();
    let ids = report::claim_review::check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    // Every disputed or updated figure, and nothing else.
    let mut want: Vec<String> = rec
        .facts
        .iter()
        .filter(|f| {
            matches!(
                f.status,
                records::FactStatus::Conflict | records::FactStatus::Updated
            )
        })
        .map(|f| f.fact_id.clone())
        .collect();
    assert!(!want.is_empty(), "the seeds dispute a figure");
    want.sort();
    let mut ids = ids;
    ids.sort();
    assert_eq!(ids, want);
    // No review file for the seeds here: nothing is rated.
    assert!(!text.contains("reviewRating"));
}
