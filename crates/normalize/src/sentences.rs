//! Sentence splitting: sentencex's English rules (abbreviations such as `Mr.`,
//! `U.S.`, `Jan. 10`, `F.B.I.`) plus repairs for what it gets wrong on news text.

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
        for s in english.segment(piece) {
            let offset = s.as_ptr() as usize - piece.as_ptr() as usize;
            push_trimmed(&mut spans, text, piece_start + offset, piece_start + offset + s.len());
        }
        piece_start = piece_end;
    }
    repair(text, spans)
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
        let continues = first.is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']'));
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

/// `John F.` or `U.S. Sen. J.` before a capitalised name: a split after one capital
/// letter and a period is an initial, not a sentence end.
fn ends_with_initial(prev: &str) -> bool {
    let mut rev = prev.chars().rev();
    matches!((rev.next(), rev.next(), rev.next()), (Some('.'), Some(c), Some(' ')) if c.is_uppercase())
}
