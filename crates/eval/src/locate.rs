//! Finding an answer's mention in a source's clean text, and comparing names.
//!
//! Answers quote the article as written; the clean text may differ in whitespace and
//! in the shape of quotes and dashes, so both sides are compared through the same
//! light folding, and positions map back to the clean text's characters (the unit of
//! every offset in the reports).

use crate::answers::Mention;

/// The character span `[start, end)` of a mention in its source's clean text.
pub type Span = (usize, usize);

/// Why a mention could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFound {
    /// The source has no clean text (it failed, or is a duplicate).
    NoText,
    /// The words do not occur.
    Absent,
    /// The words occur more than once and no `context` singles one out.
    Ambiguous(usize),
}

/// One character of the folded text: what it became and where it came from.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// `text` folded (quotes, dashes, runs of whitespace), with the clean-text character
/// index of every folded character.
fn folded(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' && out.last().is_none_or(|&p| p == ' ') {
            continue;
        }
        out.push(f);
        at.push(i);
    }
    (out, at)
}

fn folded_needle(s: &str) -> Vec<char> {
    let (mut v, _) = folded(s.trim());
    while v.last() == Some(&' ') {
        v.pop();
    }
    v
}

fn occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// Where `mention` stands in `text` (the source's clean text).
pub fn locate(text: &str, mention: &Mention) -> Result<Span, NotFound> {
    let (hay, at) = folded(text);
    let needle = folded_needle(&mention.text);
    let (base, window) = match &mention.context {
        Some(ctx) => {
            let ctx = folded_needle(ctx);
            match occurrences(&hay, &ctx).as_slice() {
                [] => return Err(NotFound::Absent),
                [one] => (*one, &hay[*one..*one + ctx.len()]),
                many => return Err(NotFound::Ambiguous(many.len())),
            }
        }
        None => (0, &hay[..]),
    };
    let found = occurrences(window, &needle);
    let first = match (found.as_slice(), mention.context.is_some()) {
        ([], _) => return Err(NotFound::Absent),
        ([one], _) | ([one, ..], true) => base + one,
        (many, false) => return Err(NotFound::Ambiguous(many.len())),
    };
    let last = first + needle.len() - 1;
    Ok((at[first], at[last] + 1))
}

/// Whether two spans share a character.
pub fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A name or value as a list of comparable words: transliterated to ASCII, lower
/// case, punctuation dropped, a possessive `'s` dropped.
pub fn words(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').trim_end_matches("'s").to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `part` occurs in `whole` as a run of whole words.
pub fn contains_words(whole: &[String], part: &[String]) -> bool {
    !part.is_empty() && part.len() <= whole.len() && whole.windows(part.len()).any(|w| w == part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, context: Option<&str>) -> Mention {
        Mention {
            source: "a.txt".into(),
            text: text.into(),
            context: context.map(Into::into),
            shape: None,
            why: None,
        }
    }

    #[test]
    fn a_mention_is_found_through_quotes_dashes_and_whitespace() {
        let text = "The toll rose to 2,012 on Sunday.\n\nOfficials said “at least 12”  people — mostly miners — died.";
        assert_eq!(locate(text, &m("2,012", None)), Ok((17, 22)));
        let (s, e) = locate(text, &m("at least 12\" people - mostly", None)).unwrap();
        assert_eq!(
            text.chars().skip(s).take(e - s).collect::<String>(),
            "at least 12”  people — mostly"
        );
    }

    #[test]
    fn a_repeated_number_needs_its_context() {
        let text = "Twelve died. Police said 12 were hurt, and 12 more were missing.";
        assert_eq!(locate(text, &m("12", None)), Err(NotFound::Ambiguous(2)));
        let (s, _) = locate(text, &m("12", Some("and 12 more"))).unwrap();
        assert_eq!(s, 43);
        assert_eq!(locate(text, &m("13", None)), Err(NotFound::Absent));
    }

    #[test]
    fn names_compare_by_words() {
        assert_eq!(words("Karimova's"), vec!["karimova"]);
        assert!(contains_words(
            &words("President José Martí"),
            &words("Jose Marti")
        ));
        assert!(!contains_words(&words("Martinez"), &words("Marti")));
    }
}
