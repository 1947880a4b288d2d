//! Extract: a [`CleanDocument`] in, an [`Extraction`] out: the entities, quantities,
//! dates and quotes of one source, each with its sentence and char offsets.
//!
//! Reads: `normalize/<source_id>.json`. Writes (through xtask): `extract/<source_id>.json`.
//! Next stage: reconcile.
//!
//! Everything is rules over one tokenization of the clean text ([`text`]): no model,
//! no download. General word lists ([`lexicon`]: countries and their adjectives, major
//! cities and regions, titles, organisation suffixes, reporting verbs, event words)
//! plus what the document itself says (a word written capitalised mid-sentence is a
//! name at a sentence start too; `Ms Lopez` resolves to `Ana Maria Lopez`).
//! The interval rules for vague quantities live in [`intervals`] and are tabled in
//! the crate's README. Paragraphs that are not the article's words (photo and agency
//! credits, link lists, author bios) yield nothing.

mod corrections;
mod dates;
mod entities;
pub mod intervals;
mod lexicon;
mod quantities;
mod quotes;
mod speaker;
mod text;

use records::{CleanDocument, DateMention, EntityMention, Extraction, QuantityMention, Quote};
use serde::{Deserialize, Serialize};

/// Extract settings (`[extract]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// Fewest words between quotation marks for a quote to count as a statement when no
    /// attribution stands right at it; shorter ones are scare quotes. Default 4.
    pub min_quote_words: usize,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig { min_quote_words: 4 }
    }
}

impl ExtractConfig {
    /// The settings outside the values they allow.
    pub fn check(&self) -> Vec<records::settings::BadSetting> {
        records::settings::Checks::default()
            .positive("min_quote_words", self.min_quote_words as u64)
            .done()
    }
}

/// Extracts the mentions of one document.
pub fn extract(doc: &CleanDocument, config: &ExtractConfig) -> Extraction {
    let d = text::tokenize(doc);
    let mut ents = entities::find(&d);
    entities::drop_outlet(&mut ents, doc.meta.outlet.as_deref());
    let dms = dates::find(&d, doc.date.as_deref());
    let mut qs = quantities::find(&d, &ents, &dms, doc.date.as_deref());
    let stamps = dates::timestamps(&d, &dms, doc.date.as_deref());
    corrections::mark(&d, &mut qs, &stamps);
    let qts = quotes::find(&d, &ents, config.min_quote_words.max(1));

    let idx = ByteToChar::new(&doc.text);
    let c = |b: usize| idx.char_at(b);
    let sentence_of = |char_start: usize| -> usize {
        let p = doc.sentences.partition_point(|s| s.start <= char_start);
        p.saturating_sub(1)
    };
    let entities = ents
        .iter()
        .map(|e| {
            let (s, en) = (c(e.s), c(e.e));
            EntityMention {
                text: doc.text[e.s..e.e].to_string(),
                start: s,
                end: en,
                sentence: sentence_of(s),
                kind: e.kind,
                name: e.name.clone(),
                role: e.role.clone(),
                acronym: e.acronym.clone(),
            }
        })
        .collect();
    let quantities = qs
        .iter()
        .map(|q| {
            let (s, en) = (c(q.s), c(q.e));
            QuantityMention {
                text: doc.text[q.s..q.e].to_string(),
                start: s,
                end: en,
                sentence: sentence_of(s),
                kind: q.kind,
                low: q.low,
                high: q.high,
                exact: q.exact,
                unit: q.unit.clone(),
                counted: q.counted.clone(),
                class: q.class.clone(),
                holder: q.holder.clone(),
                event: q.event.clone(),
                attributed_to: q.attributed_to.clone(),
                hedged: q.hedged,
                negated: q.negated,
                retracted: q.correction.is_some(),
                correction: q.correction,
                part_of: q.part_of,
                as_of: q.as_of.clone(),
            }
        })
        .collect();
    let dates = dms
        .iter()
        .map(|m| {
            let (s, en) = (c(m.s), c(m.e));
            DateMention {
                text: doc.text[m.s..m.e].to_string(),
                start: s,
                end: en,
                sentence: sentence_of(s),
                resolved: m.resolved.clone(),
                resolved_end: m.resolved_end.clone(),
                relative: m.relative,
            }
        })
        .collect();
    let quotes = qts
        .iter()
        .map(|q| {
            let (s, en) = (c(q.s), c(q.e));
            Quote {
                text: doc.text[q.s..q.e].to_string(),
                start: s,
                end: en,
                sentence: sentence_of(s),
                kind: q.kind,
                speaker: q.speaker.clone(),
                speaker_text: q.speaker_text.clone(),
                verb: q.verb.clone(),
            }
        })
        .collect();
    Extraction {
        document: doc.clone(),
        entities,
        quantities,
        dates,
        quotes,
    }
}

/// Byte offset to char offset, with a checkpoint every 64 bytes: a mention's offset
/// costs at most 64 byte tests, and the index is a fiftieth of a per-char table.
struct ByteToChar<'a> {
    text: &'a [u8],
    /// Chars before each 64-byte block.
    checkpoints: Vec<u32>,
}

impl<'a> ByteToChar<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut n = 0u32;
        for chunk in bytes.chunks(64) {
            checkpoints.push(n);
            n += chunk.iter().filter(|b| !is_continuation(**b)).count() as u32;
        }
        checkpoints.push(n);
        ByteToChar {
            text: bytes,
            checkpoints,
        }
    }

    /// Char offset of the char starting at byte `b` (a char boundary, or the end).
    fn char_at(&self, b: usize) -> usize {
        let b = b.min(self.text.len());
        let block = b / 64;
        let base = self.checkpoints.get(block).copied().unwrap_or(0) as usize;
        base + self.text[block * 64..b]
            .iter()
            .filter(|x| !is_continuation(**x))
            .count()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}
