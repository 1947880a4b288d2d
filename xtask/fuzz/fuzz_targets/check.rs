//! Invariants every fuzz target checks on what the stages return.
#![allow(dead_code)]

use records::{CleanDocument, Extraction, char_slice};

/// Blocks and sentences lie inside the clean text, in order, on char boundaries.
pub fn clean(doc: &CleanDocument) {
    let chars = doc.text.chars().count();
    let mut last = 0;
    for b in &doc.blocks {
        assert!(b.start <= b.end && b.end <= chars, "block {b:?} outside {chars} chars");
        assert!(b.start >= last, "blocks out of order");
        last = b.end;
    }
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.start <= s.end && s.end <= chars, "sentence {s:?} outside {chars} chars");
        assert!(s.start >= last, "sentences out of order");
        assert!(doc.blocks.is_empty() || s.block < doc.blocks.len(), "sentence block index");
        last = s.end;
    }
}

/// Every mention's offsets cut exactly its text out of the clean text.
pub fn extraction(x: &Extraction) {
    let text = &x.document.text;
    let n_sent = x.document.sentences.len().max(1);
    for e in &x.entities {
        assert_eq!(char_slice(text, e.start, e.end), Some(e.text.as_str()), "entity {e:?}");
        assert!(e.sentence < n_sent);
    }
    for q in &x.quantities {
        assert_eq!(char_slice(text, q.start, q.end), Some(q.text.as_str()), "quantity {q:?}");
        assert!(q.low <= q.high && q.low.is_finite() && q.high.is_finite(), "interval {q:?}");
        assert!(q.part_of.is_none_or(|p| p < x.quantities.len()));
    }
    for d in &x.dates {
        assert_eq!(char_slice(text, d.start, d.end), Some(d.text.as_str()), "date {d:?}");
    }
    for q in &x.quotes {
        assert_eq!(char_slice(text, q.start, q.end), Some(q.text.as_str()), "quote {q:?}");
    }
}
