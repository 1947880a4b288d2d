//! Arbitrary UTF-8 as clean text, one sentence per line, straight into extract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use records::{Block, BlockKind, CleanDocument, Format, Sentence};

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // One block and one sentence per line, as normalize would lay out a plain text.
    let mut blocks = Vec::new();
    let mut sentences = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        let block = blocks.len();
        let kind = if block == 0 { BlockKind::Headline } else { BlockKind::Paragraph };
        blocks.push(Block { kind, start: at, end: at + n, content_byte: None });
        sentences.push(Sentence { start: at, end: at + n, block });
        at += n + 1;
    }
    let doc = CleanDocument {
        source_id: "f".into(),
        file: "f".into(),
        content_hash: String::new(),
        format: Format::Text,
        meta: Default::default(),
        date: Some("2020-02-29".into()),
        text: text.to_string(),
        blocks,
        sentences,
        removed: Vec::new(),
        words: text.split_whitespace().count(),
    };
    check::extraction(&extract::extract(&doc, &Default::default()));
});
