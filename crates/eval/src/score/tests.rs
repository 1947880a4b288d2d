//! Each verdict rule, on a made-up event of two sources.

use super::*;
use crate::answers::Answers;
use crate::reports::{ConflictRow, EntityRow, FactRow, MentionRow, QuoteRow, SourceRow};

const A: &str = "Officials said 40 people died in the flood on Monday. A farmer said three of his cows drowned.";
const B: &str =
    "The toll rose to 52 on Tuesday, police said. \"We will rebuild,\" the mayor, Ana Ruiz, said.";

fn answers(toml_text: &str) -> Answers {
    let mut a: Answers = toml::from_str(toml_text).expect("test answers parse");
    a.slug = "flood".into();
    a
}

const THREAD: &str = r#"
[event]
title = "Flood"
kind = "natural disaster"

[[thread]]
id = "toll"
what = "people killed"
kind = "count"
status = "updated"
value = 52
mentions = [{ source = "a.txt", text = "40" }, { source = "b.txt", text = "52" }]
exclude = [{ source = "a.txt", text = "three", why = "personal" }]
"#;

fn offsets(text: &str, words: &str) -> (usize, usize) {
    let byte = text.find(words).expect("words in the text");
    let start = text[..byte].chars().count();
    (start, start + words.chars().count())
}

fn mention(fact: &str, source: &str, text: &str, words: &str, low: f64, high: f64) -> MentionRow {
    let (start, end) = offsets(text, words);
    MentionRow {
        fact_id: fact.into(),
        source_id: source.into(),
        text: words.into(),
        low: low.to_string(),
        high: high.to_string(),
        start,
        end,
        ..MentionRow::default()
    }
}

fn fact(id: &str, status: &str, best: &str) -> FactRow {
    FactRow {
        fact_id: id.into(),
        status: status.into(),
        best_estimate: best.into(),
        ..FactRow::default()
    }
}

fn reports(facts: Vec<FactRow>, mentions: Vec<MentionRow>) -> Reports {
    Reports {
        sources: ["a.txt", "b.txt"]
            .iter()
            .map(|s| SourceRow {
                source_id: s.to_string(),
                status: "ok".into(),
                story_id: "S1".into(),
                group_id: s.to_string(),
            })
            .collect(),
        facts,
        mentions,
        texts: [
            ("a.txt".to_string(), A.to_string()),
            ("b.txt".to_string(), B.to_string()),
        ]
        .into_iter()
        .collect(),
        ..Reports::default()
    }
}

fn verdict(answers: &Answers, reports: &Reports) -> ThreadScore {
    let (mut events, _) = Run::new(reports, vec![(answers, String::new())]).score();
    events.remove(0).threads.remove(0)
}

#[test]
fn a_thread_whose_fact_holds_its_figures_with_the_right_status_and_value_is_right() {
    let r = reports(
        vec![fact("F1", "updated", "52")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    let t = verdict(&answers(THREAD), &r);
    assert_eq!(t.verdict, Verdict::Right, "{t:?}");
    assert_eq!((t.found, t.total), (2, 2));
}

#[test]
fn a_rising_toll_reported_as_a_conflict_is_wrong() {
    let r = reports(
        vec![fact("F1", "conflict", "52")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    let t = verdict(&answers(THREAD), &r);
    assert_eq!(t.verdict, Verdict::Wrong, "{t:?}");
    assert!(t.reasons[0].starts_with("status conflict"), "{t:?}");
}

#[test]
fn a_best_estimate_that_misses_the_value_is_wrong() {
    let r = reports(
        vec![fact("F1", "updated", "40")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    assert_eq!(verdict(&answers(THREAD), &r).verdict, Verdict::Wrong);
}

#[test]
fn a_personal_number_that_gives_the_best_estimate_is_wrong() {
    let r = reports(
        vec![fact("F1", "updated", "3")],
        vec![
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
            mention("F1", "a.txt", A, "three", 3.0, 3.0),
        ],
    );
    let (events, counts) = Run::new(&r, vec![(&answers(THREAD), String::new())]).score();
    let t = &events[0].threads[0];
    assert_eq!(t.verdict, Verdict::Wrong, "{t:?}");
    assert_eq!(counts.best_from_excluded, 1);
    assert_eq!(counts.intrusions, 1);
}

#[test]
fn a_fact_with_the_right_value_but_a_kept_out_mention_or_a_lesser_status_is_partly() {
    let with_intruder = reports(
        vec![fact("F1", "updated", "52")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
            mention("F1", "a.txt", A, "three", 3.0, 3.0),
        ],
    );
    let t = verdict(&answers(THREAD), &with_intruder);
    assert_eq!(t.verdict, Verdict::Partly, "{t:?}");
    let consistent = reports(
        vec![fact("F1", "consistent", "52")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    assert_eq!(
        verdict(&answers(THREAD), &consistent).verdict,
        Verdict::Partly
    );
}

#[test]
fn a_fact_holding_few_of_the_mentions_or_an_open_best_estimate_is_partly() {
    let split = reports(
        vec![fact("F1", "updated", "52"), fact("F2", "single", "40")],
        vec![
            mention("F2", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    let t = verdict(&answers(THREAD), &split);
    assert_eq!(
        (t.verdict, t.fact_id.as_deref()),
        (Verdict::Partly, Some("F1")),
        "{t:?}"
    );
    let open = reports(
        vec![fact("F1", "updated", "40+")],
        vec![
            mention("F1", "a.txt", A, "40", 40.0, 40.0),
            mention("F1", "b.txt", B, "52", 52.0, 52.0),
        ],
    );
    assert_eq!(verdict(&answers(THREAD), &open).verdict, Verdict::Partly);
}

#[test]
fn an_unflagged_withdrawn_figure_is_partly_and_counts_against_correction_recall() {
    let withdrawn = THREAD.replace(
        "exclude = [",
        "corrected = [{ source = \"a.txt\", text = \"40\", shape = \"superseded\" }]\nexclude = [",
    );
    let mut rows = vec![
        mention("F1", "a.txt", A, "40", 40.0, 40.0),
        mention("F1", "b.txt", B, "52", 52.0, 52.0),
    ];
    let r = reports(vec![fact("F1", "updated", "52")], rows.clone());
    let a = answers(&withdrawn);
    let (events, counts) = Run::new(&r, vec![(&a, String::new())]).score();
    assert_eq!(events[0].threads[0].verdict, Verdict::Partly);
    assert_eq!((counts.corrections_flagged, counts.corrections), (0, 1));
    rows[0].correction = "superseded".into();
    let r = reports(vec![fact("F1", "updated", "52")], rows);
    let (events, counts) = Run::new(&r, vec![(&a, String::new())]).score();
    assert_eq!(events[0].threads[0].verdict, Verdict::Right);
    assert_eq!(counts.corrections_flagged, 1);
}

#[test]
fn a_thread_in_no_fact_is_missed() {
    let r = reports(
        vec![fact("F1", "single", "3")],
        vec![mention("F1", "a.txt", A, "three", 3.0, 3.0)],
    );
    let t = verdict(&answers(THREAD), &r);
    assert_eq!(t.verdict, Verdict::Missed, "{t:?}");
    assert_eq!(t.fact_id, None);
}

#[test]
fn conflict_rows_are_genuine_only_where_the_answers_declare_a_disagreement() {
    let declared = format!(
        "{THREAD}\n[[conflict]]\nkind = \"number\"\nthread = \"toll\"\na = [{{ source = \"a.txt\", text = \"40\" }}]\nb = [{{ source = \"b.txt\", text = \"52\" }}]\n"
    );
    let mut r = reports(vec![fact("F1", "conflict", "52")], vec![]);
    r.conflicts = vec![
        ConflictRow {
            kind: "number".into(),
            source_a: "b.txt".into(),
            value_a: "52".into(),
            source_b: "a.txt".into(),
            value_b: "40".into(),
            ..ConflictRow::default()
        },
        ConflictRow {
            kind: "number".into(),
            source_a: "a.txt".into(),
            value_a: "three".into(),
            source_b: "b.txt".into(),
            value_b: "52".into(),
            ..ConflictRow::default()
        },
    ];
    let (_, counts) = Run::new(&r, vec![(&answers(&declared), String::new())]).score();
    assert_eq!((counts.spurious_conflicts, counts.conflict_rows), (1, 2));
}

#[test]
fn names_quotes_and_pairs_are_counted() {
    let text = format!(
        "{THREAD}
[[entity]]
name = \"Ana Ruiz\"
type = \"person\"
aliases = [\"Ruiz\", \"Ana Ruis\"]
[[variant]]
entity = \"Ana Ruiz\"
form = \"Ana Ruis\"
sources = [\"a.txt\"]
[[distinct]]
names = [\"Ana Ruiz\", \"Pablo Ruiz\"]
[[quote]]
speaker = \"Ana Ruiz\"
mentions = [{{ source = \"b.txt\", text = \"We will rebuild\" }}]
[[copy_group]]
sources = [\"a.txt\", \"b.txt\"]
"
    );
    let mut r = reports(vec![], vec![]);
    r.entities = vec![
        EntityRow {
            name: "Ana Ruiz".into(),
            aliases: "Ana Ruiz; Ruiz".into(),
            variants: "Ana Ruis (a.txt)".into(),
            ..EntityRow::default()
        },
        EntityRow {
            name: "Monday".into(),
            ..EntityRow::default()
        },
    ];
    let (s, e) = offsets(B, "We will rebuild,");
    r.quotes = vec![QuoteRow {
        quote_id: "Q1".into(),
        source_id: "b.txt".into(),
        speaker: "Ruiz".into(),
        start: s,
        end: e,
        ..QuoteRow::default()
    }];
    let (_, c) = Run::new(&r, vec![(&answers(&text), String::new())]).score();
    assert_eq!((c.variants_flagged, c.variants), (1, 1));
    assert_eq!((c.wrong_merges, c.distinct_pairs), (0, 1));
    assert_eq!((c.junk_entities, c.entity_rows), (1, 2));
    assert_eq!((c.speakers_right, c.quotes_found, c.quotes), (1, 1, 1));
    assert_eq!(
        c.stories,
        Pairs {
            both: 1,
            extra: 0,
            missing: 0
        }
    );
    assert_eq!(
        c.copies,
        Pairs {
            both: 0,
            extra: 0,
            missing: 1
        }
    );
}
