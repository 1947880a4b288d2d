//! Sentence splitting: sentencex's English rules (abbreviations such as `Mr.`,
//! `U.S.`, `Jan. 10`, `F.B.I.`) plus repairs for what it gets wrong on news text.

use std::sync::LazyLock;

use regex::Regex;
use sentencex::languages::{English, Language};

/// Blocks longer than this are cut at spaces into pieces split separately, so one
/// enormous paragraph costs linear time.
const PIECE_BYTES: usize = 8 * 1024;

/// Byte ranges of the sentences of `text` (one block, no blank lines), trailing
/// spaces excluded, in order, covering every non-space char.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let english = English {};
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut piece_start = 0;
    while piece_start < text.len() {
        let mut piece_end = text.len();
        if piece_end - piece_start > PIECE_BYTES {
            let mut cut = piece_start + PIECE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // Prefer a sentence end, then any space, so a cut seldom lands mid-sentence.
            let window = &text[piece_start..cut];
            piece_end = window
                .rfind(". ")
                .map(|i| piece_start + i + 2)
                .or_else(|| window.rfind(' ').map(|i| piece_start + i + 1))
                .filter(|&end| end > piece_start)
                .unwrap_or(cut);
        }
        let piece = &text[piece_start..piece_end];
        let base = piece.as_ptr() as usize;
        for s in english.segment(piece) {
            // The segments are slices of `piece`; anything else (an empty literal) is skipped.
            let offset = (s.as_ptr() as usize).wrapping_sub(base);
            if s.is_empty() || offset > piece.len() || offset + s.len() > piece.len() {
                continue;
            }
            push_trimmed(
                &mut spans,
                text,
                piece_start + offset,
                piece_start + offset + s.len(),
            );
        }
        if spans.last().is_none_or(|&(_, e)| e <= piece_start) && !piece.trim().is_empty() {
            // sentencex gave nothing usable for this piece: keep it whole.
            push_trimmed(&mut spans, text, piece_start, piece_end);
        }
        piece_start = piece_end;
    }
    bound(text, resplit(text, repair(text, spans)))
}

/// Cuts any sentence longer than [`PIECE_BYTES`] at spaces: text with no sentence
/// punctuation (a dump, a list) must not become one enormous sentence, which every
/// later per-sentence step would pay for again and again.
fn bound(text: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let mut from = start;
        while end - from > PIECE_BYTES {
            let mut cut = from + PIECE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let Some(space) = text[from..cut]
                .rfind(char::is_whitespace)
                .map(|i| from + i)
                .filter(|&i| i > from)
            else {
                break;
            };
            let next = text[space..end]
                .find(|c: char| !c.is_whitespace())
                .map_or(end, |i| space + i);
            out.push((from, space));
            from = next;
        }
        if from < end {
            out.push((from, end));
        }
    }
    out
}

/// Sentence ends sentencex misses: a closing quote after the final stop (`.” Then`),
/// an ellipsis character, `a.m.`/`p.m.` and the unabbreviated months `May`, `June`,
/// `July` at the end of a sentence, each followed by a capitalised word.
static MISSED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:[.!?…]["”’»]+|…|\b[ap]\.m\.|\b(?:May|June|July)\.)(\s+)["“‘(]?\p{Lu}"#)
        .unwrap_or_else(|e| panic!("bad built-in sentence pattern: {e}"))
});

fn resplit(text: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let mut from = start;
        for caps in MISSED_END.captures_iter(&text[start..end]) {
            let Some(space) = caps.get(1) else { continue };
            let (cut, next) = (start + space.start(), start + space.end());
            if cut > from {
                out.push((from, cut));
                from = next;
            }
        }
        out.push((from, end));
    }
    out
}

fn push_trimmed(spans: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        spans.push((start + lead, end - trail));
    }
}

/// Joins splits that cannot be sentence ends: the next part starts in lower case
/// (`Jan. 10` style abbreviations the list misses, `a.m. on`), or it is only closing
/// punctuation. Splits after a closing quote mark are kept.
fn repair(text: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let part = &text[start..end];
        let first = part.chars().next();
        let only_punct = part.chars().all(|c| !c.is_alphanumeric());
        let continues = first
            .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']'))
            || (first.is_some_and(|c| c.is_ascii_digit())
                && out.last().is_some_and(|l: &(usize, usize)| {
                    ends_with_short_abbreviation(&text[l.0..l.1])
                }));
        if let Some(last) = out.last_mut() {
            let prev = &text[last.0..last.1];
            let prev_ends_hard = prev.ends_with(['!', '?']) && !continues;
            if only_punct || (continues && !prev_ends_hard) || ends_with_initial(prev) {
                last.1 = end;
                continue;
            }
        }
        out.push((start, end));
    }
    out
}

/// `vol.`, `pp.`, `art.`: a short lower-case word and a period, before a number.
fn ends_with_short_abbreviation(prev: &str) -> bool {
    let Some(body) = prev.strip_suffix('.') else {
        return false;
    };
    let word: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    (1..=3).contains(&word.chars().count()) && word.chars().all(char::is_lowercase)
}

/// `John F.` or `U.S. Sen. J.` before a capitalised name, or an enumerator (`A. The
/// first option`): a split after one capital letter and a period is an initial, not a
/// sentence end.
fn ends_with_initial(prev: &str) -> bool {
    let mut rev = prev.chars().rev();
    matches!((rev.next(), rev.next(), rev.next()), (Some('.'), Some(c), Some(' ') | None) if c.is_uppercase())
}
