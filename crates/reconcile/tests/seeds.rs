//! Reconcile on the seed articles, run through the real stages before it
//! (ingest -> normalize -> extract), as `snapshots/tests/stages.rs` does.

mod common;

use std::path::{Path, PathBuf};

use records::{Extraction, Reconciled};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn seeds() -> (Vec<Extraction>, Reconciled) {
    let xs: Vec<Extraction> = common::files(&seeds_dir())
        .iter()
        .map(|p| common::through_the_stages(p, common::name(p)))
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

/// The seeds and three articles on another event.
fn seeds_and_another_event() -> Vec<Extraction> {
    let mut paths = common::files(&seeds_dir());
    paths.extend(common::files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/derna"),
    ));
    paths
        .iter()
        .map(|p| common::through_the_stages(p, common::name(p)))
        .collect()
}

#[test]
fn seeds_mixed_with_another_event_split_into_two_stories() {
    let xs = seeds_and_another_event();
    let r = common::run_extractions(&xs);
    let stories = |derna: bool| {
        r.sources
            .iter()
            .filter(|s| s.source_id.contains("derna") == derna)
            .map(|s| s.story_id.clone().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(stories(false).len(), 1);
    assert_eq!(stories(true).len(), 1);
    assert_ne!(stories(false), stories(true));
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

/// Reconcile reads a large corpus a batch of stories at a time; the batches must never
/// show in the output (ids run on from one batch to the next).
#[test]
fn reconciling_story_by_story_gives_the_same_output() {
    let xs = seeds_and_another_event();
    let whole = common::run_extractions(&xs);
    let entries: Vec<records::SourceEntry> = whole
        .sources
        .iter()
        .map(|s| records::SourceEntry {
            source_id: s.source_id.clone(),
            file: s.file.clone(),
            content_hash: s.content_hash.clone(),
            status: s.status.clone(),
        })
        .collect();
    let config = reconcile::ReconcileConfig::default();
    let one_by_one = reconcile::reconcile_in_batches(&entries, &xs, Vec::new(), &config, 1);
    assert_eq!(
        whole
            .sources
            .iter()
            .filter_map(|s| s.story_id.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        2
    );
    assert!(whole.facts.len() > 1 && whole.quotes.len() > 1);
    assert!(
        whole.facts.iter().any(|f| {
            let derna = whole.sources.iter().find(|s| s.source_id.contains("derna"));
            derna.and_then(|s| s.story_id.as_deref()) == Some(f.story_id.as_str())
        }),
        "the second story has facts, so ids run on"
    );
    assert_eq!(one_by_one, whole);
}

fn fact_by<'a>(r: &'a Reconciled, what: &str) -> &'a records::Fact {
    let found: Vec<_> = r.facts.iter().filter(|f| f.what == what).collect();
    assert_eq!(found.len(), 1, "one fact `{what}` expected: {:#?}", r.facts);
    found[0]
}

fn values(r: &Reconciled, fact: &records::Fact) -> Vec<(String, String, bool)> {
    r.fact_mentions
        .iter()
        .filter(|m| m.fact_id == fact.fact_id)
        .map(|m| (m.source_id[..3].to_string(), m.text.clone(), m.retracted))
        .collect()
}

#[test]
fn seed_figures_reconcile_as_the_sources_allow() {
    let (_, r) = seeds();
    // Detention: almost/about/nearly 8,000, 7,939 and "thousands" all fit one range.
    let detained = fact_by(&r, "people detained");
    assert_eq!(
        detained.status,
        records::FactStatus::Consistent,
        "{:#?}",
        values(&r, detained)
    );
    assert!(detained.independent_sources >= 4);
    assert_eq!(
        (detained.best_low, detained.best_high),
        (Some(7939.0), Some(7939.0))
    );

    // Overall death toll: several hundred, 164 and dozens cannot all be true.
    let killed = fact_by(&r, "people killed");
    assert_eq!(
        killed.status,
        records::FactStatus::Conflict,
        "{:#?}",
        values(&r, killed)
    );
    assert!(
        r.conflicts
            .iter()
            .any(|c| c.kind == records::ConflictKind::Number
                && c.subject.starts_with("people killed"))
    );

    // The withdrawn toll is shown, marked, and left out of the status.
    let retracted: Vec<_> = values(&r, killed).into_iter().filter(|v| v.2).collect();
    assert_eq!(
        retracted,
        vec![("003".to_string(), "more than 164".to_string(), true)]
    );

    // Security personnel killed: a part of the toll, kept apart, agreed by all who give it.
    let security = fact_by(&r, "security personnel killed");
    assert_eq!(
        security.status,
        records::FactStatus::Agreed,
        "{:#?}",
        values(&r, security)
    );
    let givers: Vec<_> = values(&r, security).into_iter().map(|v| v.0).collect();
    assert_eq!(givers, vec!["000", "002", "003"]);
    // 000 and 002 are one group: three sources, two independent confirmations.
    assert_eq!((security.sources, security.independent_sources), (3, 2));

    // Troops: 2,030, around 2,030 and over 2,000 fit together.
    let troops = fact_by(&r, "troops deployed");
    assert_eq!(
        troops.status,
        records::FactStatus::Consistent,
        "{:#?}",
        values(&r, troops)
    );
    assert!(values(&r, troops).iter().any(|v| v.0 == "004"));
}

#[test]
fn the_misspelt_former_president_is_a_variant_of_his_entity() {
    let (_, r) = seeds();
    let nazarbayev = r
        .entities
        .iter()
        .find(|e| e.name == "Nursultan Nazarbayev")
        .unwrap();
    assert_eq!(
        nazarbayev.variants,
        vec![format!("Nursultan Nagayev ({})", seed(&r, "000"))]
    );
    assert!(nazarbayev.source_ids.contains(&seed(&r, "000")));
    assert!(!r.entities.iter().any(|e| e.name == "Nursultan Nagayev"));
    let names: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == records::ConflictKind::Name)
        .collect();
    assert_eq!(names.len(), 1, "{names:#?}");
    assert_eq!(names[0].value_a, "Nursultan Nagayev");
}

#[test]
fn reworded_renderings_of_one_statement_share_a_quote_id() {
    let (_, r) = seeds();
    let row = |prefix: &str, start: &str| {
        r.quotes
            .iter()
            .find(|q| q.source_id.starts_with(prefix) && q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no quote {start} in {prefix}"))
    };
    // Two English renderings of one Russian sentence.
    let (a, b) = (row("000", "Well-organized"), row("002", "Well thought"));
    assert_eq!(a.quote_id, b.quote_id);
    assert_eq!(
        (a.wording, b.wording),
        (records::Wording::Variant, records::Wording::Variant)
    );
    let (a, b) = (
        row("000", "Events that took place"),
        row("002", "The events in Kazakhstan"),
    );
    assert_eq!(a.quote_id, b.quote_id);
    assert_eq!(a.wording, records::Wording::Variant);
}

#[test]
fn the_rewrite_giving_a_statement_to_another_speaker_is_a_quote_conflict() {
    let (_, r) = seeds();
    // 000 gives "... we won't allow ... colour revolutions" to the Russian president; its
    // spun rewrite 002 rewords it and gives it to the alliance.
    let original = r
        .quotes
        .iter()
        .find(|q| q.source_id == seed(&r, "000") && q.text.starts_with("CSTO’s measures"))
        .unwrap();
    let rewrite = r
        .quotes
        .iter()
        .find(|q| q.source_id == seed(&r, "002") && q.text.starts_with("We will not accept"))
        .unwrap();
    assert_eq!(original.quote_id, rewrite.quote_id);
    assert_ne!(original.speaker, rewrite.speaker);
    let conflicts: Vec<_> = r
        .conflicts
        .iter()
        .filter(|c| c.kind == records::ConflictKind::Quote)
        .collect();
    assert!(
        conflicts.iter().any(|c| c.subject == original.quote_id),
        "{conflicts:#?}"
    );
    // 002 gives the whole two-paragraph quotation to the alliance, 000 to the president:
    // every quote conflict is between these two, none elsewhere.
    for c in &conflicts {
        assert_eq!(
            (c.source_a.clone(), c.source_b.clone()),
            (seed(&r, "000"), seed(&r, "002")),
            "{c:#?}"
        );
    }
}
