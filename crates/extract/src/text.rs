//! Tokens and clauses of the clean text: one pass over the bytes, no allocation per
//! token. Every later step works on these tokens and cuts surface text from the
//! document by byte offsets, converted to char offsets only when a record is built.

use records::CleanDocument;

/// Kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner hyphens, apostrophes, digits: `Kassym-Jomart`, `d’etat`, `G7`).
    Word,
    /// Digits with thousands separators and decimals (`4,500`, `1.5`), and ordinals (`2nd`).
    Num,
    /// A possessive ending (`’s`, `'s`, or a lone `’` after a plural).
    Poss,
    /// Any other non-space character.
    Punct,
}

/// One token: byte span in the document text, and where it sits.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub s: usize,
    /// Byte offset past the last byte.
    pub e: usize,
    /// Kind.
    pub kind: Kind,
    /// Index of the block (paragraph) in `CleanDocument::blocks`, or of our own
    /// paragraph split when the document has none.
    pub block: u32,
    /// Index of our own sentence (see [`Doc::sent_start`]).
    pub sent: u32,
    /// Whether a newline lies between this token and the previous one.
    pub nl_before: bool,
    /// Whether any space lies between this token and the previous one.
    pub sp_before: bool,
}

/// A tokenized document.
pub struct Doc<'a> {
    /// The clean text.
    pub text: &'a str,
    /// Tokens in order.
    pub toks: Vec<Tok>,
    /// Index of the first token of each of our sentences.
    pub sent_start: Vec<usize>,
    /// Index of the first token of each paragraph.
    pub block_start: Vec<usize>,
    /// Paragraphs to skip (credits, bios, link lists).
    pub skip_block: Vec<bool>,
}

impl<'a> Doc<'a> {
    /// Surface text of token `i`.
    #[inline]
    pub fn t(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.s..t.e]
    }

    /// Surface text from token `i` to token `j` inclusive.
    #[inline]
    pub fn span(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.toks[i].s..self.toks[j].e]
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.toks[i].kind == Kind::Word && self.t(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` is the first of its sentence (ignoring opening quotes and brackets).
    pub fn sentence_initial(&self, i: usize) -> bool {
        let first = self.sent_start[self.toks[i].sent as usize];
        (first..i).all(|k| self.toks[k].kind == Kind::Punct && is_opening(self.t(k)))
    }

    /// Whether token `i` is punctuation equal to `p`.
    #[inline]
    pub fn is(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.t(i) == p
    }

    /// Range of token indices of the sentence of token `i`.
    pub fn sentence_range(&self, i: usize) -> (usize, usize) {
        let s = self.toks[i].sent as usize;
        let a = self.sent_start[s];
        let b = self
            .sent_start
            .get(s + 1)
            .copied()
            .unwrap_or(self.toks.len());
        (a, b)
    }

    /// Range of token indices of the paragraph of token `i`.
    pub fn block_range(&self, i: usize) -> (usize, usize) {
        let b = self.toks[i].block as usize;
        (
            self.block_start[b],
            self.block_start
                .get(b + 1)
                .copied()
                .unwrap_or(self.toks.len()),
        )
    }
}

/// Whether `s` is an opening quote or bracket.
pub fn is_opening(s: &str) -> bool {
    matches!(s, "“" | "\"" | "‘" | "'" | "(" | "[" | "«" | "„")
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sen", "Rep", "Gen", "Col", "Capt", "Lt", "Maj", "Sgt",
    "Adm", "Rev", "Jr", "Sr", "Gov", "Pres", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Co", "Corp", "Inc", "Ltd", "vs", "etc", "approx",
    "est", "Mt", "Ft", "Insp", "Supt", "Det", "Cpl", "Cmdr", "Mx",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑' || c == '‐'
}

/// Tokenizes the document. Paragraphs come from `doc.blocks` when they are valid,
/// otherwise from blank lines.
pub fn tokenize(doc: &CleanDocument) -> Doc<'_> {
    let text = doc.text.as_str();
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut nl = false;
    let mut sp = false;
    let mut block: u32 = 0;
    let mut seen_tok_in_block = false;
    let mut newlines = 0;
    while i < bytes.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                nl = true;
                newlines += 1;
                // A blank line starts a new paragraph.
                if newlines >= 2 && seen_tok_in_block {
                    block += 1;
                    seen_tok_in_block = false;
                }
            }
            sp = true;
            i += cl;
            continue;
        }
        newlines = 0;
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            kind = Kind::Num;
            i += 1;
            loop {
                if i >= bytes.len() {
                    break;
                }
                let b = bytes[i];
                if b.is_ascii_digit() {
                    i += 1;
                } else if b == b','
                    && i + 3 < bytes.len() + 1
                    && bytes
                        .get(i + 1..i + 4)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                {
                    i += 4;
                } else if b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                } else {
                    break;
                }
            }
            // Ordinal suffixes stay with the number (`2nd`, `7th`).
            let rest = &text[i..];
            for suf in ["st", "nd", "rd", "th"] {
                if rest.starts_with(suf) && !rest[2..].chars().next().is_some_and(is_word_char) {
                    i += 2;
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = Kind::Word;
            i += cl;
            while let Some(d) = text[i..].chars().next() {
                if is_word_char(d) {
                    i += d.len_utf8();
                    continue;
                }
                let next = text[i + d.len_utf8()..].chars().next();
                if is_hyphen(d) && next.is_some_and(is_word_char) {
                    i += d.len_utf8();
                    continue;
                }
                if is_apostrophe(d) && next.is_some_and(char::is_alphabetic) {
                    // `’s` at a word's end is a possessive (or `is`), not part of the word.
                    let after = &text[i + d.len_utf8()..];
                    let mut it = after.chars();
                    let s1 = it.next();
                    let s2 = it.next();
                    if matches!(s1, Some('s') | Some('S')) && !s2.is_some_and(is_word_char) {
                        break;
                    }
                    i += d.len_utf8();
                    continue;
                }
                // Dotted acronyms: `U.S.`, `U.N.`
                if d == '.' && i - start == 1 && next.is_some_and(|n| n.is_uppercase()) {
                    let after = &bytes[i + 1..];
                    if after.len() >= 2 && after[1] == b'.' {
                        i += 3;
                        while i + 1 < bytes.len()
                            && bytes[i].is_ascii_uppercase()
                            && bytes[i + 1] == b'.'
                        {
                            i += 2;
                        }
                        break;
                    }
                }
                break;
            }
        } else if is_apostrophe(c)
            && toks
                .last()
                .is_some_and(|t| t.e == i && t.kind == Kind::Word)
            && {
                let after = &text[i + cl..];
                let mut it = after.chars();
                match it.next() {
                    Some('s') | Some('S') => !it.next().is_some_and(is_word_char),
                    // Plural possessive (`protesters’ demands`).
                    Some(n) => !is_word_char(n) && text[..i].ends_with('s'),
                    None => text[..i].ends_with('s'),
                }
            }
        {
            kind = Kind::Poss;
            i += cl;
            if text[i..].starts_with(['s', 'S']) {
                i += 1;
            }
        } else {
            kind = Kind::Punct;
            i += cl;
        }
        toks.push(Tok {
            s: start,
            e: i,
            kind,
            block,
            sent: 0,
            nl_before: nl,
            sp_before: sp,
        });
        seen_tok_in_block = true;
        nl = false;
        sp = false;
    }
    let n_blocks = block as usize + 1;
    let mut block_start = vec![toks.len(); n_blocks];
    for (k, t) in toks.iter().enumerate().rev() {
        block_start[t.block as usize] = k;
    }
    // Sentences: a stop, question or exclamation mark (with any closing quotes after
    // it) ends one unless it follows an abbreviation or an initial; a paragraph end
    // always does.
    const MAX_SENTENCE_TOKENS: usize = 400;
    let mut sent_start = vec![0usize];
    let mut sent: u32 = 0;
    let n = toks.len();
    let mut k = 0;
    while k < n {
        let new_block = k > 0 && toks[k].block != toks[k - 1].block;
        // Text with no stops (a dump, a list) must not become one enormous sentence
        // that every per-sentence rule would scan again and again.
        let too_long = sent_start
            .last()
            .is_some_and(|&first| k - first >= MAX_SENTENCE_TOKENS);
        if (new_block || too_long) && k > 0 && sent_start.last() != Some(&k) {
            sent += 1;
            sent_start.push(k);
        }
        toks[k].sent = sent;
        let tt = &text[toks[k].s..toks[k].e];
        let ends = match tt {
            "!" | "?" => true,
            "." => {
                let prev = if k > 0 {
                    &text[toks[k - 1].s..toks[k - 1].e]
                } else {
                    ""
                };
                let prev_is_abbrev = k > 0
                    && toks[k - 1].e == toks[k].s
                    && (ABBREVIATIONS.contains(&prev)
                        || (prev.chars().count() == 1 && prev.chars().all(char::is_uppercase)));
                !prev_is_abbrev
            }
            _ => false,
        };
        if ends {
            // Swallow closing quotes and brackets that belong to this sentence.
            let mut m = k + 1;
            while m < n
                && toks[m].block == toks[k].block
                && toks[m].kind == Kind::Punct
                && matches!(
                    &text[toks[m].s..toks[m].e],
                    "”" | "’" | "\"" | "'" | ")" | "»"
                )
                && !toks[m].sp_before
            {
                toks[m].sent = sent;
                m += 1;
            }
            if m < n && toks[m].block == toks[k].block {
                sent += 1;
                sent_start.push(m);
            }
            k = m;
            continue;
        }
        k += 1;
    }
    let mut d = Doc {
        text,
        toks,
        sent_start,
        block_start,
        skip_block: vec![false; n_blocks],
    };
    mark_skipped_blocks(&mut d);
    d
}

/// Marks paragraphs that are not the article's own words: photo and agency credits,
/// link lists, author bios, comment prompts.
fn mark_skipped_blocks(d: &mut Doc<'_>) {
    let n_blocks = d.block_start.len();
    for b in 0..n_blocks {
        let (a, z) = (
            d.block_start[b],
            d.block_start.get(b + 1).copied().unwrap_or(d.toks.len()),
        );
        if a >= z {
            continue;
        }
        let para = &d.text[d.toks[a].s..d.toks[z - 1].e];
        let bullet_label = para.starts_with('•')
            && para
                .trim_start_matches(['•', ' '])
                .split([':', '“', '"'])
                .next()
                .is_some_and(|head| {
                    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
                    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
                });
        let credit = [
            "image source",
            "image caption",
            "photo:",
            "photo credit",
            "picture:",
            "caption for",
            "sources:",
            "source:",
            "stay updated",
            "sign up",
            "subscribe",
            "share your",
            "share this",
            "please enter",
            "leave a comment",
            "most popular",
            "read more",
            "related:",
            "follow us",
            "copyright",
            "©",
        ]
        .iter()
        .any(|p| {
            para.as_bytes()
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        });
        let bio = is_bio(para);
        if bullet_label || credit || bio {
            d.skip_block[b] = true;
            // An author's name standing alone just before a bio belongs to it.
            if bio && b > 0 {
                let (pa, pz) = (d.block_start[b - 1], a);
                if pz > pa
                    && pz - pa <= 4
                    && (pa..pz).all(|k| d.cap(k) || d.toks[k].kind == Kind::Punct)
                {
                    d.skip_block[b - 1] = true;
                }
            }
        }
    }
}

/// Lower-cases the ASCII letters of `s` into `buf` and returns it: the case-blind copy
/// that lower-case ASCII cues (and signs such as `©`) are sought in, with no
/// allocation once `buf` has grown.
pub fn ascii_lower<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.push_str(s);
    buf.make_ascii_lowercase();
    buf.as_str()
}

/// Whether `s`, case aside, contains any of the lower-case ASCII `cues`; `buf` holds
/// the lower-cased copy.
pub fn contains_any_ci(s: &str, cues: &[&str], buf: &mut String) -> bool {
    let lower = ascii_lower(s, buf);
    cues.iter().any(|c| lower.contains(c))
}

/// Whether a paragraph is an author bio (`X is a journalist at ...`).
fn is_bio(para: &str) -> bool {
    // Every cue starts `is `: only the places where that stands are tried.
    const BIO: &[&str] = &[
        "is a journalist",
        "is a reporter",
        "is a correspondent",
        "is an editor",
        "is a writer",
        "is a freelance",
        "is a senior",
        "is a staff",
        "is the author",
        "is a columnist",
        "is an analyst",
        "is a contributing",
    ];
    let first_upper = para
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !first_upper {
        return false;
    }
    let head_end = para.char_indices().nth(120).map_or(para.len(), |(i, _)| i);
    let mut buf = String::new();
    let head = ascii_lower(&para[..head_end], &mut buf);
    head.match_indices("is ")
        .any(|(i, _)| BIO.iter().any(|p| head[i..].starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> CleanDocument {
        CleanDocument {
            source_id: "t".into(),
            file: "t".into(),
            content_hash: String::new(),
            format: records::Format::Text,
            meta: Default::default(),
            date: None,
            text: text.into(),
            blocks: Vec::new(),
            sentences: Vec::new(),
            removed: Vec::new(),
            words: 0,
        }
    }

    fn check(input: &str, expected: &[&str]) {
        let d = doc(input);
        let t = tokenize(&d);
        let got: Vec<&str> = (0..t.toks.len()).map(|i| t.t(i)).collect();
        assert_eq!(got, expected, "{input}");
    }

    #[test]
    fn tokens() {
        check(
            "Transvalia’s 4,210 troops",
            &["Transvalia", "’s", "4,210", "troops"],
        );
        check(
            "Kassym-Jomart d’etat 1.5 33%",
            &["Kassym-Jomart", "d’etat", "1.5", "33", "%"],
        );
        check(
            "the U.S. and Mr. Wang",
            &["the", "U.S.", "and", "Mr", ".", "Wang"],
        );
        check(
            "January 2nd, protesters’ anger",
            &["January", "2nd", ",", "protesters", "’", "anger"],
        );
        check(
            "1,770 km (1,110 mile)",
            &["1,770", "km", "(", "1,110", "mile", ")"],
        );
        check("won’t 2020,", &["won’t", "2020", ","]);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let d = doc("Mr. Wang said it. He left.\n\nNew para “Quote.” Next.");
        let t = tokenize(&d);
        assert_eq!(t.sent_start.len(), 4);
        assert_eq!(t.block_start.len(), 2);
    }
}
