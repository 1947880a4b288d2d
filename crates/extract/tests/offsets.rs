//! Every mention's offsets cut exactly its text out of the clean text, on the seeds
//! and on arbitrary input, and no input makes extract panic.

use proptest::prelude::*;
mod common;

use common::doc;
use records::{Extraction, char_slice};

fn assert_offsets(x: &Extraction) {
    let text = &x.document.text;
    let n_sent = x.document.sentences.len().max(1);
    for e in &x.entities {
        assert_eq!(
            char_slice(text, e.start, e.end),
            Some(e.text.as_str()),
            "entity {e:?}"
        );
        assert!(e.sentence < n_sent);
    }
    for q in &x.quantities {
        assert_eq!(
            char_slice(text, q.start, q.end),
            Some(q.text.as_str()),
            "quantity {q:?}"
        );
        assert!(
            // An open bound has an infinite high, never a NaN or a -inf one.
            q.low <= q.high && q.low.is_finite() && !q.high.is_nan(),
            "interval {q:?}"
        );
        assert!(q.part_of.is_none_or(|p| p < x.quantities.len()));
    }
    for d in &x.dates {
        assert_eq!(
            char_slice(text, d.start, d.end),
            Some(d.text.as_str()),
            "date {d:?}"
        );
    }
    for q in &x.quotes {
        assert_eq!(
            char_slice(text, q.start, q.end),
            Some(q.text.as_str()),
            "quote {q:?}"
        );
    }
}

#[test]
fn offsets_hold_on_every_seed() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut n = 0;
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let raw = ingest::ingest_bytes(&name, &std::fs::read(&path).unwrap(), &Default::default())
            .unwrap()
            .remove(0);
        let clean = normalize::normalize(&raw, &Default::default()).unwrap();
        let x = extract::extract(&clean, &Default::default());
        assert!(!x.entities.is_empty() && !x.quantities.is_empty(), "{name}");
        assert_offsets(&x);
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn offsets_hold_on_tricky_text() {
    for text in [
        "“",
        "”",
        "‘’",
        "Mr.",
        "(",
        "1,",
        "1,000,",
        "between 5 and",
        "Jan. 31, 2022",
        "almost",
        "the 7th of",
        "“Quote without end\n\n“and more",
        "Ünïcödé Çity’s 3 people — “killed,” he said.",
        "a\u{0}b 5%",
        "ex-President X (Y) said: “a b c d”",
        "’s ’s",
        "2nd-3rd",
        "US$5bn",
        "five-day-old 3-year-old",
    ] {
        let x = extract::extract(&doc(text, Some("2022-01-10")), &Default::default());
        assert_offsets(&x);
        let x = extract::extract(&doc(text, None), &Default::default());
        assert_offsets(&x);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let x = extract::extract(&doc(&text, Some("2022-01-10")), &Default::default());
        assert_offsets(&x);
    }

    #[test]
    fn news_like_text_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("Mr. "), Just("President "), Just("Wang Yi"), Just("“"), Just("”"), Just("‘"), Just("’s "), Just(", "),
        Just(". "), Just("\n\n"), Just("almost "), Just("8,000 "), Just("people "), Just("killed "), Just("said "),
        Just("he "), Just("including "), Just("16 "), Just("on Monday "), Just("Jan. 10, 2022 "), Just("(CSTO) "),
        Just("Collective Security Treaty Organisation "), Just("between "), Just("and "), Just("dozens "), Just("-"),
        Just("according to "), Just("the ministry "), Just("1.5 million "), Just("33% "), Just("km "), Just("ago "),
    ], 0..60), date in prop_oneof![Just(None), Just(Some("2022-01-10")), Just(Some("garbage"))]) {
        let text: String = parts.concat();
        let x = extract::extract(&doc(&text, date), &Default::default());
        assert_offsets(&x);
    }
}
