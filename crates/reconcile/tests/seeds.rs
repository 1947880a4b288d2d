//! Reconcile on the seed articles, run through the real stages before it
//! (ingest -> normalize -> extract), as `snapshots/tests/stages.rs` does.

mod common;

use std::path::{Path, PathBuf};

use records::{Extraction, Reconciled};

fn pipeline_for(path: &Path) -> Extraction {
    let rel = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let raw = ingest::ingest_bytes(&rel, &bytes, &ingest::IngestConfig::default())
        .unwrap()
        .remove(0);
    let clean = normalize::normalize(&raw, &normalize::NormalizeConfig::default()).unwrap();
    extract::extract(&clean, &extract::ExtractConfig::default())
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn seeds() -> (Vec<Extraction>, Reconciled) {
    let xs: Vec<Extraction> = files(&seeds_dir())
        .iter()
        .map(|p| pipeline_for(p))
        .collect();
    let r = common::run_extractions(&xs);
    (xs, r)
}

/// The seed id that starts with `prefix` (`000`, `002`).
fn seed(r: &Reconciled, prefix: &str) -> String {
    r.sources
        .iter()
        .find(|s| s.source_id.starts_with(prefix))
        .unwrap()
        .source_id
        .clone()
}

#[test]
fn the_seeds_are_one_story_and_the_spun_rewrites_one_group() {
    let (xs, r) = seeds();
    let stories: std::collections::BTreeSet<_> =
        r.sources.iter().map(|s| s.story_id.clone()).collect();
    assert_eq!(stories.len(), 1);
    let group = |p: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id.starts_with(p))
            .unwrap()
            .group_id
            .clone()
            .unwrap()
    };
    // 000 and 002 are spun rewrites of one original; the others report on their own.
    assert_eq!(group("000"), group("002"));
    let others: std::collections::BTreeSet<_> = ["000", "001", "003", "004"]
        .iter()
        .map(|p| group(p))
        .collect();
    assert_eq!(others.len(), 4, "{:#?}", r.source_pairs);
    let pair = r
        .source_pairs
        .iter()
        .find(|p| p.source_a == seed(&r, "000") && p.source_b == seed(&r, "002"))
        .unwrap();
    assert_eq!(pair.relation, records::Relation::Derived);
    assert!(pair.evidence.contains("same order"), "{}", pair.evidence);
    common::assert_offsets(&r, &xs);
}

#[test]
fn seeds_mixed_with_another_event_split_into_two_stories() {
    let mut paths = files(&seeds_dir());
    paths.extend(files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/derna"),
    ));
    let xs: Vec<Extraction> = paths.iter().map(|p| pipeline_for(p)).collect();
    let r = common::run_extractions(&xs);
    for s in &r.sources {
        let expected = if s.source_id.contains("derna") {
            "S2"
        } else {
            "S1"
        };
        assert_eq!(s.story_id.as_deref(), Some(expected), "{}", s.source_id);
    }
    let story = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap()
            .story_id
            .clone()
    };
    assert!(
        r.source_pairs
            .iter()
            .all(|p| story(&p.source_a) == story(&p.source_b))
    );
    assert!(r.facts.iter().all(|f| {
        r.fact_mentions
            .iter()
            .filter(|m| m.fact_id == f.fact_id)
            .all(|m| story(&m.source_id).as_deref() == Some(&f.story_id))
    }));
}
