//! Normalize: a [`RawDocument`] in, a [`CleanDocument`] out: the article's headline and
//! body as clean text, split into blocks and sentences with char offsets, with
//! boilerplate removed and recorded.
//!
//! Reads: `ingest/<source_id>.json`. Writes (through xtask): `normalize/<source_id>.json`
//! and `text/<source_id>.txt`. Next stage: extract.

use records::{Block, BlockKind, CleanDocument, RawDocument, Sentence};
use serde::{Deserialize, Serialize};

/// Normalize settings (`[normalize]` in a pipeline file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeConfig {}

/// Normalizes one document. An error is a reason the document has no usable text.
pub fn normalize(doc: &RawDocument, _config: &NormalizeConfig) -> Result<CleanDocument, String> {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut n_chars = 0;
    for line in doc.content.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
            n_chars += 2;
        }
        let len = line.chars().count();
        let kind = if blocks.is_empty() { BlockKind::Headline } else { BlockKind::Paragraph };
        blocks.push(Block { kind, start: n_chars, end: n_chars + len, content_byte: None });
        text.push_str(line);
        n_chars += len;
    }
    if blocks.is_empty() {
        return Err(format!("{}: no text", doc.source_id));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut sentences = Vec::new();
    for (block_idx, block) in blocks.iter().enumerate() {
        let mut start = block.start;
        for i in block.start..block.end {
            let ends = matches!(chars[i], '.' | '!' | '?') && (i + 1 == block.end || chars[i + 1] == ' ');
            if ends || i + 1 == block.end {
                sentences.push(Sentence { start, end: i + 1, block: block_idx });
                start = i + 1;
                while start < block.end && chars[start] == ' ' {
                    start += 1;
                }
            }
        }
    }
    let mut meta = doc.meta.clone();
    if meta.title.is_none() {
        meta.title = Some(chars[blocks[0].start..blocks[0].end].iter().collect());
    }
    Ok(CleanDocument {
        source_id: doc.source_id.clone(),
        file: doc.file.clone(),
        content_hash: doc.content_hash.clone(),
        format: doc.format,
        date: meta.published.clone(),
        meta,
        words: text.split_whitespace().count(),
        text,
        blocks,
        sentences,
        removed: Vec::new(),
    })
}
