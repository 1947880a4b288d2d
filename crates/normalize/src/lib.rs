//! Normalize: a [`RawDocument`] in, a [`CleanDocument`] out: the article's headline and
//! body as clean text, split into blocks and sentences with char offsets, with
//! boilerplate removed and recorded.
//!
//! - Text, Markdown and JSON bodies are cut into units (lines; wrapped lines joined),
//!   HTML pages through an article extractor ([`html`]: trafilatura or dom_smoothie,
//!   chosen per page) into units (paragraphs).
//! - Every unit is cleaned ([`unicode`]: mojibake repaired, zero-width and bidi
//!   controls removed, NFC; quotes and dashes kept as written) and classified
//!   ([`lines`]): headline, standfirst, sub-heading, body; or removed as caption,
//!   credit, prompt, link list, bio, source list, footer, a line repeated within the
//!   page, or a line repeated across many sources ([`CorpusLines`]). Every removal is
//!   recorded in `CleanDocument::removed` with its reason.
//! - The clean text is the headline, then each block, separated by a blank line.
//!   Blocks carry char offsets and the byte offset of their first line in the source
//!   content; sentences ([`sentences`]) carry char offsets.
//! - The article's own date comes from metadata, a dateline, a timestamp line, or the
//!   first full date of the text.
//!
//! Reads: `ingest/<source_id>.json`. Writes (through xtask): `normalize/<source_id>.json`
//! and `text/<source_id>.txt`. Next stage: extract.

pub mod dateline;
pub mod html;
pub mod lines;
pub mod sentences;
pub mod unicode;

use std::collections::{HashMap, HashSet};

use records::{Block, BlockKind, CleanDocument, Format, RawDocument, Removed, Sentence};
use serde::{Deserialize, Serialize};

use crate::lines::{Known, Unit};
use crate::unicode::{Fixes, clean, match_key};

/// Normalize settings (`[normalize]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeConfig {
    /// A line counts as repeated across the corpus (and is removed as boilerplate) when
    /// it stands, away from shared neighbours, in at least this many sources. Default 3.
    pub corpus_min_sources: usize,
    /// Lines longer than this many words are never treated as corpus boilerplate.
    /// Default 30.
    pub corpus_max_words: usize,
    /// Article extractor for HTML pages: `auto` (run trafilatura and dom_smoothie and
    /// pick per page), `trafilatura` or `dom_smoothie`. Default `auto`.
    pub html_extractor: html::Extractor,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            corpus_min_sources: 3,
            corpus_max_words: 30,
            html_extractor: html::Extractor::Auto,
        }
    }
}

impl NormalizeConfig {
    /// The settings outside the values they allow.
    pub fn check(&self) -> Vec<records::settings::BadSetting> {
        records::settings::Checks::default()
            .at_least_two("corpus_min_sources", self.corpus_min_sources as u64)
            .positive("corpus_max_words", self.corpus_max_words as u64)
            .done()
    }
}

/// Lines that many sources of a corpus print (site furniture, agency notices), as
/// folded match keys. Build it with [`corpus_lines`] over all documents of a run and
/// pass it to [`normalize_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusLines {
    /// Match keys ([`unicode::match_key`]) of the repeated lines.
    pub keys: HashSet<String>,
}

/// Finds the lines repeated across the sources of a corpus. A line counts when it
/// appears as furniture in at least `corpus_min_sources` sources: five outlets
/// reprinting one wire story share whole runs of sentences, and those are the story,
/// not boilerplate. Furniture is a shared line whose neighbours are not shared, or a
/// shared line that is not a sentence and borders unshared text. The first line (the
/// headline) never counts.
pub fn corpus_lines(docs: &[RawDocument], config: &NormalizeConfig) -> CorpusLines {
    let per_doc_text: Vec<Vec<String>> = docs
        .iter()
        .map(|doc| {
            units_of(doc, config)
                .0
                .into_iter()
                .map(|u| u.text)
                .collect()
        })
        .collect();
    let per_doc: Vec<Vec<String>> = per_doc_text
        .iter()
        .map(|texts| texts.iter().map(|t| match_key(t)).collect())
        .collect();
    let mut sources_of: HashMap<&str, HashSet<usize>> = HashMap::new();
    for (d, keys) in per_doc.iter().enumerate() {
        for key in keys {
            sources_of.entry(key.as_str()).or_default().insert(d);
        }
    }
    let shared = |key: &str| sources_of.get(key).is_some_and(|s| s.len() >= 2);
    let mut isolated: HashMap<&str, usize> = HashMap::new();
    for (keys, texts) in per_doc.iter().zip(&per_doc_text) {
        let mut counted: HashSet<&str> = HashSet::new();
        // The first line is the headline: wire copies share it, and it is never furniture.
        for (i, key) in keys.iter().enumerate().skip(1) {
            if !shared(key)
                || key.split_whitespace().count() > config.corpus_max_words
                || !counted.insert(key)
            {
                continue;
            }
            let prev_shared = shared(&keys[i - 1]);
            let next_shared = keys.get(i + 1).is_some_and(|k| shared(k));
            // A shared run of sentences is a common original, not furniture; a line that
            // is not a sentence and borders unshared text is furniture even beside one.
            let not_sentence = !lines::ends_like_sentence(&texts[i]);
            let furniture =
                (!prev_shared && !next_shared) || (not_sentence && !(prev_shared && next_shared));
            if furniture {
                *isolated.entry(key.as_str()).or_default() += 1;
            }
        }
    }
    let min = config.corpus_min_sources.max(2);
    CorpusLines {
        keys: isolated
            .into_iter()
            .filter(|(_, n)| *n >= min)
            .map(|(k, _)| k.to_string())
            .collect(),
    }
}

/// Normalizes one document. An error is a reason the document has no usable text.
pub fn normalize(doc: &RawDocument, config: &NormalizeConfig) -> Result<CleanDocument, String> {
    normalize_with(doc, config, &CorpusLines::default())
}

/// Normalizes one document, also removing the lines `corpus` knows as repeated
/// across many sources.
pub fn normalize_with(
    doc: &RawDocument,
    config: &NormalizeConfig,
    corpus: &CorpusLines,
) -> Result<CleanDocument, String> {
    let (units, mut meta, mut removed, fixes) = units_of(doc, config);
    let title = meta.title.clone();
    let known = Known {
        corpus: (!corpus.keys.is_empty()).then_some(&corpus.keys),
        title: title.as_deref(),
    };
    let classified = lines::classify(&units, &known);
    removed.extend(classified.removed);
    if fixes.invisible > 0 {
        removed.push(Removed {
            text: format!("{} characters", fixes.invisible),
            reason: "zero-width or bidi control characters".to_string(),
        });
    }
    if fixes.control > 0 {
        removed.push(Removed {
            text: format!("{} characters", fixes.control),
            reason: "control characters".to_string(),
        });
    }
    if fixes.mojibake {
        removed.push(Removed {
            text: "mojibake".to_string(),
            reason: "UTF-8 read as Windows-1252 repaired".to_string(),
        });
    }
    if classified.blocks.iter().all(|(_, t, _)| t.is_empty()) {
        return Err(format!(
            "{}: no article text left after removing boilerplate ({} lines removed)",
            doc.source_id,
            removed.len()
        ));
    }
    if let Some(why) = not_an_article(&classified.blocks) {
        return Err(format!("{}: not an article: {why}", doc.source_id));
    }
    if meta.author.is_none() {
        meta.author = classified.byline.clone();
    }
    // Assemble: headline first, blocks separated by a blank line.
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(classified.blocks.len());
    let mut sentences = Vec::new();
    let mut n_chars = 0usize;
    let mut dateline = None;
    for (kind, block_text, byte) in classified.blocks.iter().filter(|(_, t, _)| !t.is_empty()) {
        if !blocks.is_empty() {
            text.push_str("\n\n");
            n_chars += 2;
        }
        let start = n_chars;
        let len = block_text.chars().count();
        let block_idx = blocks.len();
        blocks.push(Block {
            kind: *kind,
            start,
            end: start + len,
            content_byte: *byte,
        });
        if *kind == BlockKind::Paragraph && dateline.is_none() && block_idx <= 4 {
            dateline = dateline::find(block_text);
        }
        if matches!(kind, BlockKind::Paragraph | BlockKind::Standfirst) {
            // Byte offsets in the block to char offsets, walking once.
            let spans = sentences::split(block_text);
            let mut char_pos = 0usize;
            let mut byte_pos = 0usize;
            for (s, e) in spans {
                char_pos += block_text[byte_pos..s].chars().count();
                let s_chars = char_pos;
                char_pos += block_text[s..e].chars().count();
                byte_pos = e;
                sentences.push(Sentence {
                    start: start + s_chars,
                    end: start + char_pos,
                    block: block_idx,
                });
            }
        } else if len > 0 {
            sentences.push(Sentence {
                start,
                end: start + len,
                block: block_idx,
            });
        }
        text.push_str(block_text);
        n_chars += len;
    }
    if meta.title.is_none() {
        meta.title = classified
            .blocks
            .iter()
            .find(|(_, t, _)| !t.is_empty())
            .map(|(_, t, _)| t.clone());
    }
    let date = meta
        .published
        .as_deref()
        .and_then(dateline::first_date)
        .or_else(|| {
            classified
                .timestamp
                .as_deref()
                .and_then(dateline::first_date)
        })
        .or_else(|| {
            dateline
                .as_ref()
                .and_then(|d| d.date.as_deref())
                .and_then(dateline::first_date)
        })
        .or_else(|| dateline::first_date(&text))
        .or_else(|| removed.iter().find_map(|r| dateline::first_date(&r.text)));
    Ok(CleanDocument {
        source_id: doc.source_id.clone(),
        file: doc.file.clone(),
        content_hash: doc.content_hash.clone(),
        format: doc.format,
        date,
        meta,
        words: text.split_whitespace().count(),
        text,
        blocks,
        sentences,
        removed,
    })
}

/// The units of a document, its metadata, what was dropped before classification,
/// and the character fixes made.
fn units_of(
    doc: &RawDocument,
    config: &NormalizeConfig,
) -> (Vec<Unit>, records::Metadata, Vec<Removed>, Fixes) {
    let is_html_body = matches!(doc.format, Format::Html | Format::Warc)
        || (doc.format == Format::Json && looks_like_html(&doc.content));
    if is_html_body {
        let extracted = html::extract_with(&doc.content, config.html_extractor);
        let mut meta = doc.meta.clone();
        let fill = |slot: &mut Option<String>, v: &Option<String>| {
            if slot.is_none() {
                slot.clone_from(v);
            }
        };
        fill(&mut meta.title, &extracted.meta.title);
        fill(&mut meta.outlet, &extracted.meta.outlet);
        fill(&mut meta.url, &extracted.meta.url);
        fill(&mut meta.published, &extracted.meta.published);
        fill(&mut meta.author, &extracted.meta.author);
        return (extracted.units, meta, extracted.removed, extracted.fixes);
    }
    let mut fixes = Fixes::default();
    let mut removed = Vec::new();
    let units = text_units(
        &doc.content,
        doc.format == Format::Markdown,
        &mut fixes,
        &mut removed,
    );
    (units, doc.meta.clone(), removed, fixes)
}

fn looks_like_html(content: &str) -> bool {
    let mut cut = content.len().min(4096);
    while !content.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &content[..cut];
    let lower = head.to_ascii_lowercase();
    ["<p>", "<p ", "</p>", "<div", "<br", "<html", "<article"]
        .iter()
        .any(|t| lower.contains(t))
}

/// Cuts plain text or Markdown into units: one per line, with hard-wrapped lines of
/// one paragraph joined back together.
pub fn text_units(
    content: &str,
    markdown: bool,
    fixes: &mut Fixes,
    removed: &mut Vec<Removed>,
) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut offset = 0usize;
    let mut after_blank = true;
    let mut in_code = false;
    for raw_line in content.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_code = !in_code;
            continue;
        }
        if trimmed.is_empty() || in_code && markdown {
            after_blank = true;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let mut body = trimmed;
        let mut heading = false;
        let mut bullet = false;
        if markdown {
            let hashes = body.chars().take_while(|&c| c == '#').count();
            if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
                heading = true;
                body = body[hashes..].trim();
            }
            if body
                .chars()
                .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
            {
                after_blank = true;
                continue;
            }
            if let Some(rest) = body.strip_prefix('>') {
                body = rest.trim_start();
            }
        }
        if let Some(rest) = strip_bullet(body) {
            bullet = true;
            body = rest;
        }
        let mut owned = if markdown {
            strip_markdown(body, removed)
        } else {
            body.to_string()
        };
        if owned.trim().is_empty() {
            after_blank = true;
            continue;
        }
        if markdown && heading {
            owned = owned.trim_matches('#').trim().to_string();
        }
        let text = clean(&owned, fixes);
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        // A hard-wrapped paragraph continues on the next line: join it back.
        if let Some(prev) = units.last_mut() {
            if !after_blank && !bullet && !heading && !prev.heading && continues(&prev.text, &text)
            {
                prev.text.push(' ');
                prev.text.push_str(&text);
                continue;
            }
        }
        units.push(Unit {
            text,
            byte: Some(line_start + lead),
            bullet,
            heading,
            after_blank,
        });
        after_blank = false;
    }
    units
}

/// Whether `next` continues the wrapped line `prev`: `prev` is long and stops
/// mid-sentence, or `next` starts in lower case.
fn continues(prev: &str, next: &str) -> bool {
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    let prev_words = prev.split_whitespace().count();
    (prev_words >= 8
        && !lines::ends_like_sentence(prev)
        && (starts_lower || prev.ends_with([',', '-', '–'])))
        || (starts_lower && prev_words >= 8 && prev.chars().count() >= 50)
}

/// `- item`, `* item`, `• item`, `1. item` to `item`.
fn strip_bullet(line: &str) -> Option<&str> {
    for marker in ["• ", "· ", "▪ ", "◦ ", "- ", "* ", "+ ", "– ", "— "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            // `2. Mai` style dates are rare in English; a numbered item has a capital.
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

/// Markdown inline markup to text: images dropped (recorded), links to their text,
/// emphasis markers removed.
fn strip_markdown(line: &str, removed: &mut Vec<Removed>) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '!' && chars.get(i + 1) == Some(&'[')) || c == '[' {
            let open = if c == '!' { i + 1 } else { i };
            if let Some(close) = (open + 1..chars.len()).find(|&j| chars[j] == ']') {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = (close + 2..chars.len()).find(|&j| chars[j] == ')') {
                        let label: String = chars[open + 1..close].iter().collect();
                        if c == '!' {
                            removed.push(Removed {
                                text: line.to_string(),
                                reason: "image".to_string(),
                            });
                        } else {
                            out.push_str(&label);
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        if matches!(c, '*' | '_')
            && (i + 1 < chars.len() && chars[i + 1] == c || i > 0 && chars[i - 1] == c)
        {
            i += 1;
            continue;
        }
        if c == '*' {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Fewest words (links left out) a block needs to count as a line of prose.
const PROSE_WORDS: usize = 6;
/// ... or, when it ends as a sentence does, this many.
const SENTENCE_WORDS: usize = 3;

/// Why text left after cleaning is still not an article, if it is not: an article has
/// at least one line of prose (a paragraph of [`PROSE_WORDS`] words or more, links not
/// counted, or of [`SENTENCE_WORDS`] ending as a sentence) besides its headline; a text that is one sentence-like line counts as that
/// line. A headline alone, a bare link and a page of navigation links are refused.
fn not_an_article(blocks: &[(BlockKind, String, Option<usize>)]) -> Option<String> {
    let live: Vec<&(BlockKind, String, Option<usize>)> =
        blocks.iter().filter(|(_, t, _)| !t.is_empty()).collect();
    let words = |t: &str| {
        t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric) && !is_link(w))
            .count()
    };
    let sole = live.len() == 1;
    let prose = live.iter().any(|(kind, text, _)| {
        let sentence_end = text.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}']);
        let n = words(text);
        let sentence = n >= PROSE_WORDS || sentence_end && n >= SENTENCE_WORDS;
        (*kind != BlockKind::Headline || sole && sentence_end) && sentence
    });
    if prose {
        return None;
    }
    let links = live
        .iter()
        .flat_map(|(_, t, _)| t.split_whitespace())
        .filter(|w| is_link(w))
        .count();
    let all_words: usize = live.iter().map(|(_, t, _)| words(t)).sum();
    Some(if links > 0 && all_words == 0 {
        "only a link, no text".to_string()
    } else if sole {
        format!("only a headline or fragment ({all_words} words), no body")
    } else {
        format!(
            "no line of prose: {} short lines ({all_words} words), such as navigation or headlines",
            live.len()
        )
    })
}

/// A word that is a web address.
fn is_link(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"'));
    w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
}
