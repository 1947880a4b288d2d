//! Builders for hand-made extraction records: an article's text, and mentions placed
//! by finding their words in it, so offsets are always right.
#![allow(dead_code)]

use records::{
    Block, BlockKind, CleanDocument, DateMention, EntityMention, EntityType, Extraction, Format,
    Metadata, QuantityKind, QuantityMention, Quote, QuoteKind, Reconciled, Sentence, SourceEntry,
    SourceStatus,
};

/// An article under construction.
pub struct Doc {
    pub x: Extraction,
}

fn char_pos(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let mut from = 0;
    let mut found = None;
    for _ in 0..=nth {
        let b = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in text"))
            + from;
        found = Some(b);
        from = b + needle.len();
    }
    let b = found.unwrap();
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

impl Doc {
    /// An article: the first line is the headline, blank lines separate paragraphs,
    /// sentences end at `. `, `! ` or `? `.
    pub fn new(source_id: &str, text: &str) -> Doc {
        let mut blocks = Vec::new();
        let mut sentences = Vec::new();
        let mut pos = 0;
        for (bi, para) in text.split("\n\n").enumerate() {
            let len = para.chars().count();
            blocks.push(Block {
                kind: if bi == 0 {
                    BlockKind::Headline
                } else {
                    BlockKind::Paragraph
                },
                start: pos,
                end: pos + len,
                content_byte: None,
            });
            let chars: Vec<char> = para.chars().collect();
            let mut s = 0;
            for i in 0..chars.len() {
                let end_here = i + 1 == chars.len()
                    || (matches!(chars[i], '.' | '!' | '?') && chars[i + 1] == ' ');
                if end_here {
                    sentences.push(Sentence {
                        start: pos + s,
                        end: pos + i + 1,
                        block: bi,
                    });
                    s = i + 2;
                }
            }
            pos += len + 2;
        }
        let doc = CleanDocument {
            source_id: source_id.to_string(),
            file: source_id.to_string(),
            content_hash: format!("hash-{source_id}"),
            format: Format::Text,
            meta: Metadata {
                title: text.lines().next().map(str::to_string),
                ..Metadata::default()
            },
            date: None,
            words: text.split_whitespace().count(),
            text: text.to_string(),
            blocks,
            sentences,
            removed: Vec::new(),
        };
        Doc {
            x: Extraction {
                document: doc,
                entities: vec![],
                quantities: vec![],
                dates: vec![],
                quotes: vec![],
            },
        }
    }

    fn locate(&self, needle: &str, nth: usize) -> (usize, usize, usize) {
        let (start, end) = char_pos(&self.x.document.text, needle, nth);
        let sentence = self
            .x
            .document
            .sentences
            .iter()
            .position(|s| s.start <= start && start < s.end.max(s.start + 1))
            .unwrap_or(0);
        (start, end, sentence)
    }

    /// An entity mention of `text` resolving to `name`.
    pub fn entity(mut self, text: &str, name: &str, kind: EntityType, role: Option<&str>) -> Doc {
        let (start, end, sentence) = self.locate(text, 0);
        self.x.entities.push(EntityMention {
            text: text.to_string(),
            start,
            end,
            sentence,
            kind,
            name: name.to_string(),
            role: role.map(str::to_string),
            acronym: None,
        });
        self
    }

    pub fn person(self, text: &str, name: &str, role: Option<&str>) -> Doc {
        self.entity(text, name, EntityType::Person, role)
    }

    /// A count: `text` in the article, allowing `low..=high`.
    pub fn count(self, text: &str, low: f64, high: f64, counted: &str, event: &str) -> Doc {
        self.quantity(text, low, high, counted, event, |_| {})
    }

    pub fn quantity(
        mut self,
        text: &str,
        low: f64,
        high: f64,
        counted: &str,
        event: &str,
        tweak: impl FnOnce(&mut QuantityMention),
    ) -> Doc {
        let (start, end, sentence) = self.locate(text, 0);
        let mut q = QuantityMention {
            text: text.to_string(),
            start,
            end,
            sentence,
            kind: QuantityKind::Count,
            low,
            high,
            exact: low == high,
            unit: None,
            counted: Some(counted.to_string()),
            class: None,
            holder: None,
            event: Some(event.to_string()),
            attributed_to: None,
            hedged: false,
            negated: false,
            retracted: false,
            correction: None,
            part_of: None,
            as_of: None,
        };
        tweak(&mut q);
        self.x.quantities.push(q);
        self
    }

    pub fn quote(mut self, text: &str, speaker: Option<&str>, kind: QuoteKind) -> Doc {
        let (start, end, sentence) = self.locate(text, 0);
        self.x.quotes.push(Quote {
            text: text.to_string(),
            start,
            end,
            sentence,
            kind,
            speaker: speaker.map(str::to_string),
            speaker_text: speaker.map(str::to_string),
            verb: Some("said".to_string()),
        });
        self
    }

    /// The article's own date.
    pub fn published(mut self, date: &str) -> Doc {
        self.x.document.date = Some(date.to_string());
        self
    }

    pub fn date(mut self, text: &str, resolved: &str) -> Doc {
        let (start, end, sentence) = self.locate(text, 0);
        self.x.dates.push(DateMention {
            text: text.to_string(),
            start,
            end,
            sentence,
            resolved: Some(resolved.to_string()),
            resolved_end: None,
            relative: false,
        });
        self
    }
}

/// Runs reconcile over the docs with default settings, every source ok.
pub fn run(docs: Vec<Doc>) -> Reconciled {
    let xs: Vec<Extraction> = docs.into_iter().map(|d| d.x).collect();
    run_extractions(&xs)
}

pub fn run_extractions(xs: &[Extraction]) -> Reconciled {
    let entries: Vec<SourceEntry> = xs
        .iter()
        .map(|x| SourceEntry {
            source_id: x.document.source_id.clone(),
            file: x.document.file.clone(),
            content_hash: Some(x.document.content_hash.clone()),
            status: SourceStatus::Ok,
        })
        .collect();
    reconcile::reconcile(
        &entries,
        xs,
        Vec::new(),
        &reconcile::ReconcileConfig::default(),
    )
}

/// Every evidence span cuts out of its clean text exactly.
pub fn assert_offsets(r: &Reconciled, xs: &[Extraction]) {
    let text_of = |id: &str| {
        &xs.iter()
            .find(|x| x.document.source_id == id)
            .unwrap()
            .document
            .text
    };
    for m in &r.fact_mentions {
        assert_eq!(
            records::char_slice(text_of(&m.source_id), m.start, m.end),
            Some(m.text.as_str())
        );
    }
    for q in &r.quotes {
        assert_eq!(
            records::char_slice(text_of(&q.source_id), q.start, q.end),
            Some(q.text.as_str())
        );
    }
}

/// One article file run through the real stages before reconcile (ingest, normalize,
/// extract), under the source id `rel`.
pub fn through_the_stages(path: &std::path::Path, rel: String) -> Extraction {
    let bytes = std::fs::read(path).unwrap();
    let raw = ingest::ingest_bytes(&rel, &bytes, &ingest::IngestConfig::default())
        .unwrap()
        .remove(0);
    let clean = normalize::normalize(&raw, &normalize::NormalizeConfig::default()).unwrap();
    extract::extract(&clean, &extract::ExtractConfig::default())
}

/// The files of a folder, sorted.
pub fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// A file's name, the source id the runner gives it.
pub fn name(p: &std::path::Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}
