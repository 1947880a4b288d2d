//! The reviewer's file carried across runs: verdicts and notes written against the
//! stable ids of one run are on the same rows in the next run after articles came and
//! went, and a note whose row is gone is listed in summary.md, never dropped.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{describe, read_csv, root, run};

const FLOOD: &str = "River floods farm towns\n\nFloodwater cut off three farm towns on Tuesday. \
    At least 40 people were evacuated by boat, the fire brigade said. Two bridges were closed \
    and 12 homes were destroyed, officials said.\n";

const QUAKE: &str = "Quake shakes island chain\n\nA strong earthquake struck the island chain on \
    Friday. Nine people were injured by falling masonry, the coast guard said, and 300 tourists \
    were moved to higher ground.\n";

/// `(kind, id)` of every row of facts, conflicts and quotes, to what the row is about.
fn rows(out: &Path) -> BTreeMap<(String, String), String> {
    let mut rows = BTreeMap::new();
    let reports = out.join("reports");
    for r in read_csv(&reports.join("facts.csv")) {
        rows.insert(("fact".into(), r["fact_id"].clone()), r["what"].clone());
    }
    for r in read_csv(&reports.join("conflicts.csv")) {
        let sides = format!(
            "{}={} {}={}",
            r["source_a"], r["value_a"], r["source_b"], r["value_b"]
        );
        rows.insert(("conflict".into(), r["conflict_id"].clone()), sides);
    }
    for r in read_csv(&reports.join("quotes.csv")) {
        rows.insert(
            ("quote".into(), r["quote_id"].clone()),
            r["speaker"].clone(),
        );
    }
    rows
}

/// `(kind, id)` to `(verdict, note)` as the reports show them.
fn notes(out: &Path) -> BTreeMap<(String, String), (String, String)> {
    let mut notes = BTreeMap::new();
    let reports = out.join("reports");
    for (file, kind, id) in [
        ("facts.csv", "fact", "fact_id"),
        ("conflicts.csv", "conflict", "conflict_id"),
        ("quotes.csv", "quote", "quote_id"),
    ] {
        for r in read_csv(&reports.join(file)) {
            if !r["review_note"].is_empty() || !r["review_verdict"].is_empty() {
                notes.insert(
                    (kind.to_string(), r[id].clone()),
                    (r["review_verdict"].clone(), r["review_note"].clone()),
                );
            }
        }
    }
    notes
}

#[test]
fn review_notes_stay_on_their_rows_across_runs_and_orphans_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir(&input).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("flood.txt"), FLOOD).unwrap();
    let first = run(&input, &out, &[]);
    assert!(first.status.success(), "{}", describe(&first));
    let before = rows(&out);
    assert!(before.keys().any(|(k, _)| k == "conflict"));

    // A note and a verdict on every row, in the reviewer's file beside the input.
    let mut file = String::from("kind,id,verdict,note\n");
    let mut flood_rows = Vec::new();
    for ((kind, id), about) in &before {
        file.push_str(&format!(
            "{kind},{id},checked,\"note on {kind} {id}, about {about}\"\n"
        ));
        if about.contains("evacuated") && kind == "fact" || about.contains("flood.txt") {
            flood_rows.push(id.clone());
        }
    }
    std::fs::write(dir.path().join("in.review.csv"), &file).unwrap();

    // The flood article goes, another one comes.
    std::fs::remove_file(input.join("flood.txt")).unwrap();
    std::fs::write(input.join("quake.txt"), QUAKE).unwrap();
    let second = run(&input, &out, &[]);
    assert!(second.status.success(), "{}", describe(&second));
    let after = rows(&out);
    let shown = notes(&out);
    let summary = std::fs::read_to_string(out.join("reports/summary.md")).unwrap();
    let (mut kept, mut orphans) = (0, 0);
    for ((kind, id), about) in &before {
        let expected = (
            "checked".to_string(),
            format!("note on {kind} {id}, about {about}"),
        );
        match after.get(&(kind.clone(), id.clone())) {
            // The row is still there: the same row, with its note.
            Some(now) => {
                assert_eq!(now, about, "{kind} {id} is the same row");
                assert_eq!(shown.get(&(kind.clone(), id.clone())), Some(&expected));
                kept += 1;
            }
            // Gone: listed with its note in summary.md.
            None => {
                assert!(
                    summary.contains(&format!("| {kind} | {id} | checked |")),
                    "{kind} {id} is listed as an orphan:\n{summary}"
                );
                orphans += 1;
            }
        }
    }
    assert!(kept > 10, "{kept} notes kept");
    assert!(orphans >= 1, "the flood article's facts are gone");
    assert!(
        flood_rows
            .iter()
            .all(|id| !after.keys().any(|(_, i)| i == id))
    );
    assert!(
        summary.contains("### Reviews whose row is gone"),
        "{summary}"
    );
    // The new article's rows carry no note.
    let new_rows: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(!new_rows.is_empty());
    assert!(new_rows.iter().all(|k| !shown.contains_key(*k)));
}
