//! Stable ids: adding or removing articles about another event leaves every id of the
//! seed story's rows as it was (the articles run through the real stages before
//! reconcile, as in `seeds.rs`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use records::{Extraction, Reconciled};

/// The project's seed folder.
fn seed_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// The seeds, each run through the real stages up to extract.
fn seed_extractions() -> Vec<Extraction> {
    common::files(&seed_dir())
        .iter()
        .map(|p| common::through_the_stages(p, common::name(p)))
        .collect()
}

/// Every id of the rows about the seeds, each under a key naming the row by its content.
fn seed_ids(r: &Reconciled) -> BTreeMap<String, String> {
    let seed = |id: &str| !id.contains("derna");
    let mut ids = BTreeMap::new();
    for s in r.sources.iter().filter(|s| seed(&s.source_id)) {
        ids.insert(
            format!("story of {}", s.source_id),
            s.story_id.clone().unwrap(),
        );
        ids.insert(
            format!("group of {}", s.source_id),
            s.group_id.clone().unwrap(),
        );
    }
    for m in r.fact_mentions.iter().filter(|m| seed(&m.source_id)) {
        let f = r.facts.iter().find(|f| f.fact_id == m.fact_id).unwrap();
        ids.insert(
            format!("fact of {} at {}", m.source_id, m.start),
            format!("{} in {}", f.fact_id, f.story_id),
        );
    }
    for q in r.quotes.iter().filter(|q| seed(&q.source_id)) {
        ids.insert(
            format!("statement of {} at {}", q.source_id, q.start),
            q.quote_id.clone(),
        );
    }
    for c in r.conflicts.iter().filter(|c| seed(&c.source_a)) {
        ids.insert(
            format!(
                "conflict {} {}={} {}={}",
                c.kind.as_str(),
                c.source_a,
                c.value_a,
                c.source_b,
                c.value_b
            ),
            format!("{} on {} in {}", c.conflict_id, c.subject, c.story_id),
        );
    }
    for e in &r.entities {
        if e.source_ids.iter().any(|s| seed(s)) {
            ids.insert(format!("entity {}", e.name), e.entity_id.clone());
        }
    }
    ids
}

#[test]
fn ids_of_rows_stay_when_an_unrelated_article_comes_or_goes() {
    let seeds = seed_extractions();
    // The other event's articles sort before the seeds, so a numbering by position
    // would shift every seed row.
    let others: Vec<Extraction> =
        common::files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/derna"))
            .iter()
            .map(|p| common::through_the_stages(p, format!("-{}", common::name(p))))
            .collect();
    let alone = common::run_extractions(&seeds);
    let with_all: Vec<Extraction> = others.iter().chain(&seeds).cloned().collect();
    let together = common::run_extractions(&with_all);
    let with_one: Vec<Extraction> = others[..1].iter().chain(&seeds).cloned().collect();
    let with_one = common::run_extractions(&with_one);

    let before = seed_ids(&alone);
    assert!(before.len() > 40, "{before:#?}");
    assert!(before.keys().any(|k| k.starts_with("conflict")));
    assert!(before.keys().any(|k| k.starts_with("statement")));
    // Added: every seed row keeps its id. Removed again (two of the three): the same.
    for after in [seed_ids(&together), seed_ids(&with_one)] {
        let moved: Vec<String> = before
            .iter()
            .filter(|(k, v)| after.get(*k) != Some(*v))
            .map(|(k, v)| format!("{k}: {v} -> {:?}", after.get(k)))
            .collect();
        assert!(moved.is_empty(), "{moved:#?}");
    }
    // The other event's rows have ids of their own.
    let story = |r: &Reconciled, id: &str| {
        r.sources
            .iter()
            .find(|s| s.source_id == id)
            .and_then(|s| s.story_id.clone())
    };
    let derna = common::name(
        &common::files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/derna"))[0],
    );
    assert_ne!(
        story(&together, &format!("-{derna}")),
        story(&together, &common::name(&common::files(&seed_dir())[0]))
    );
    // The ids have their short readable form, unique within their kind.
    for f in &together.facts {
        assert!(
            f.fact_id.starts_with("F-") && f.fact_id.len() >= 6,
            "{}",
            f.fact_id
        );
        assert_eq!(
            together
                .facts
                .iter()
                .filter(|g| g.fact_id == f.fact_id)
                .count(),
            1
        );
    }
}

#[test]
fn a_conflict_whose_sides_come_the_other_way_round_keeps_its_id() {
    let seeds = seed_extractions();
    let r = common::run_extractions(&seeds);
    assert!(!r.conflicts.is_empty());
    let mut swapped = r.clone();
    for c in &mut swapped.conflicts {
        std::mem::swap(&mut c.source_a, &mut c.source_b);
        std::mem::swap(&mut c.value_a, &mut c.value_b);
    }
    reconcile::ids::assign(&mut swapped);
    let ids = |r: &Reconciled| -> Vec<String> {
        r.conflicts.iter().map(|c| c.conflict_id.clone()).collect()
    };
    assert_eq!(ids(&swapped), ids(&r));
}

#[test]
fn a_part_points_to_its_total_by_the_total_s_final_id() {
    let seeds = seed_extractions();
    let r = common::run_extractions(&seeds);
    let parts: Vec<&String> = r.facts.iter().filter_map(|f| f.part_of.as_ref()).collect();
    assert!(!parts.is_empty(), "the seeds hold a part of a total");
    for total in parts {
        assert!(
            r.facts.iter().any(|f| &f.fact_id == total),
            "part_of {total} names no fact"
        );
    }
}
