//! `cargo xtask eval` on the written corpus, through the real binary: the verdict
//! table (per thread for the dev events, totals for dev and locked) is pinned, so every
//! change in accuracy shows up in review.

mod common;

use common::{describe, xtask};

#[test]
fn the_verdict_table_on_the_written_corpus_is_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let output = xtask()
        .arg("eval")
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("the xtask binary runs");
    assert!(output.status.success(), "{}", describe(&output));
    let table = std::fs::read_to_string(dir.path().join("eval.md")).expect("eval.md written");
    assert!(table.contains("## Totals"), "{table}");
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("eval.json")).expect("eval.json written"),
    )
    .expect("eval.json is JSON");
    // The locked events' details are never written.
    for event in json["events"].as_array().expect("events") {
        if event["locked"] == true {
            assert_eq!(
                event["threads"].as_array().map(Vec::len),
                Some(0),
                "{event}"
            );
        }
    }
    insta::assert_snapshot!("verdicts", table);
}
