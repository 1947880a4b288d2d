//! Matching keys for words, names and sentences. Everything here is a pure function of
//! its input: the keys are only compared, never shown to the user.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

/// NFKC, transliterated to ASCII (so that `Назарбаев` and `Nazarbaev` meet), lower case.
pub fn fold(s: &str) -> String {
    // ASCII is its own NFKC and transliteration; most text is NFKC already (the quick
    // check says so without normalising). Both shortcuts give the same key.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let nfkc: std::borrow::Cow<'_, str> = if unicode_normalization::is_nfkc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfkc().collect())
    };
    deunicode::deunicode(&nfkc).to_lowercase()
}

/// Lower-case ASCII word tokens: letters and digits; digits keep inner `,` and `.`
/// removed so that `4,962` and `4962` meet. Apostrophes drop a possessive `'s`.
pub fn words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_ascii_alphanumeric() {
            cur.push(c);
        } else if (c == ',' || c == '.')
            && cur.chars().last().is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            // Thousands separator or decimal point inside a number: `4,962`.
            if c == '.' {
                cur.push('.');
            }
        } else if c == '\''
            && next == Some('s')
            && !chars.get(i + 2).is_some_and(|n| n.is_ascii_alphanumeric())
        {
            // Possessive: `Russia's` is `russia`.
            i += 1;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Common English function words and reporting verbs: they carry no content when
/// deciding whether two sentences say the same thing.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "stated",
    "according",
    "mr",
    "mrs",
    "ms",
    "dr",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "won",
    "didn",
    "don",
    "doesn",
    "isn",
    "wasn",
    "weren",
    "hasn",
    "haven",
    "hadn",
    "wouldn",
    "shouldn",
    "couldn",
    "would",
    "been",
    "may",
    "might",
    "must",
    "shall",
    "us",
    "one",
    "two",
    "three",
    "per",
    "via",
    "yet",
    "still",
    "however",
    "whether",
    "though",
    "although",
    "since",
    "ago",
    "already",
    "even",
    "ever",
    "much",
    "many",
    "well",
];

/// Whether `w` (a lower-case token) is a function word.
pub fn is_stopword(w: &str) -> bool {
    // Asked for every word of every source: a set, not a scan of the list.
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(w)
}

/// A light stem that also folds British and American spellings (`organised` and
/// `organized`, `colour` and `color`, `centre` and `center`). It only has to map
/// inflections of one word together; it never has to be a dictionary word.
pub fn stem(w: &str) -> String {
    if w.chars().any(|c| c.is_ascii_digit()) {
        return w.to_string();
    }
    let mut s = w.to_string();
    if let Some(p) = s.find("isation") {
        s.replace_range(p..p + 7, "ization");
    }
    for (from, to) in [
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if s.len() > from.len() + 3 && s.ends_with(from) {
            let cut = s.len() - from.len();
            s.replace_range(cut.., to);
            break;
        }
    }
    for (from, to) in [("ours", "ors"), ("our", "or"), ("oured", "ored")] {
        if s.len() >= 6 && s.ends_with(from) {
            let cut = s.len() - from.len();
            s.replace_range(cut.., to);
            break;
        }
    }
    if s.len() >= 6 && s.ends_with("tre") {
        let cut = s.len() - 3;
        s.replace_range(cut.., "ter");
    }
    for suffix in ["ies", "ing", "ed", "es", "ly", "s"] {
        if s.ends_with(suffix)
            && s.len() >= suffix.len() + 3
            && !(suffix == "s" && s.ends_with("ss"))
        {
            let cut = s.len() - suffix.len();
            s.truncate(cut);
            if suffix == "ies" {
                s.push('y');
            }
            break;
        }
    }
    s
}

/// Content-word stems of a text, in order (function words dropped).
pub fn content_stems(s: &str) -> Vec<String> {
    words(s)
        .into_iter()
        .filter(|w| !is_stopword(w))
        .map(|w| stem(&w))
        .collect()
}

/// The set of content-word stems.
pub fn content_set(s: &str) -> BTreeSet<String> {
    content_stems(s).into_iter().collect()
}

/// Dice coefficient of two sets: 2|A∩B| / (|A|+|B|).
pub fn dice<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    2.0 * inter as f64 / (a.len() + b.len()) as f64
}

/// A 64-bit FNV-1a hash: stable across runs and platforms, unlike `std`'s hasher.
pub fn hash64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Formats a number the way the reports do: `4962`, `0.5`.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_shortcuts_give_the_full_key() {
        let full = |s: &str| deunicode::deunicode(&s.nfkc().collect::<String>()).to_lowercase();
        for s in [
            "Plain ASCII, 4,817 People",
            "Ruritania’s “quoted” — dash",
            "Назарбаев",
            "café",
            "cafe\u{301}",
            "ﬁre Ｆｕｌｌ",
            "Ǆ ǅ",
            "",
        ] {
            assert_eq!(fold(s), full(s), "{s}");
        }
    }

    #[test]
    fn words_keep_numbers_and_drop_possessives() {
        let check = |input: &str, expected: &[&str]| assert_eq!(words(input), expected, "{input}");
        check("Ruritania’s 4,817 people", &["ruritania", "4817", "people"]);
        check(
            "Anna-Maria Velkova, 64.",
            &["anna", "maria", "velkova", "64"],
        );
        check("1.5 million", &["1.5", "million"]);
        check("Величко", &["velichko"]);
    }

    #[test]
    fn stems_fold_spelling_variants() {
        let check = |a: &str, b: &str| assert_eq!(stem(a), stem(b), "{a} vs {b}");
        check("organised", "organized");
        check("colour", "color");
        check("centre", "center");
        check("militants", "militant");
        check("revolutions", "revolution");
        check("destabilised", "destabilized");
        assert_ne!(stem("four"), stem("for"));
    }
}
