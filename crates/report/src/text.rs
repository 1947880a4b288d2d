//! Text helpers shared by the human-readable reports (`summary.md`, `report.html`):
//! making invisible control characters visible, escaping, natural ordering.

use std::cmp::Ordering;

pub use records::chars::is_invisible_format;

/// Replaces every invisible formatting character by a visible `[U+XXXX]`, and every
/// other control character but newline and tab by the same notation, so the
/// human-readable reports show what the text holds. The CSV files keep the text as it is.
pub fn reveal_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible_format(c) || (c.is_control() && c != '\n' && c != '\t') {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of readable text: controls revealed, runs of whitespace (newlines and
/// tabs included) collapsed to one space.
pub fn one_line(text: &str) -> String {
    reveal_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for HTML element content and attribute values (both quote kinds),
/// with controls revealed and line breaks and tabs turned into spaces (the text is
/// not trimmed, so pieces of one sentence can be escaped one by one).
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in reveal_controls(text).chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell or paragraph: every character that opens
/// inline Markdown or HTML (emphasis, links, images, code, tags, entities, table
/// columns) is backslash-escaped, and so is a line-start marker (heading, list,
/// quote) at the start, so an article's title cannot open a link, a tag or a column.
pub fn md_escape(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    for (i, c) in line.chars().enumerate() {
        let inline = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        );
        let line_start = (i == 0 && matches!(c, '#' | '+' | '-' | '=' | '!'))
            || (digits > 0 && i == digits && matches!(c, '.' | ')'));
        if inline || line_start {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Cuts `text` to at most `max` chars, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Natural order: digit runs compare as numbers (`F2` before `F10`), everything else
/// by code point. Total, and consistent with equality of the strings.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    // Most ids share a long prefix: skip it with a plain byte comparison. Up to the
    // first difference both strings are the same, digit runs included; when no digit
    // stands there, the bytes from there on decide, as code points would (UTF-8 keeps
    // their order). Otherwise the digit run that reaches it is compared as a number.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let p = x.iter().zip(y).take_while(|(c, d)| c == d).count();
    let digit_at = |s: &[u8], i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    if !digit_at(x, p) && !digit_at(y, p) {
        return x[p..].cmp(&y[p..]);
    }
    // The run starts after a byte that is no digit, so on a char boundary of both.
    let mut q = p;
    while q > 0 && x[q - 1].is_ascii_digit() {
        q -= 1;
    }
    natural_cmp_from(&a[q..], &b[q..])
}

/// [`natural_cmp`] walking both strings from their start.
fn natural_cmp_from(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
                let db = b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len());
                let (na, nb) = (
                    a[..da].trim_start_matches('0'),
                    b[..db].trim_start_matches('0'),
                );
                // Compare by magnitude (length of the run without leading zeros), then
                // digit by digit, then the run with fewer leading zeros first.
                let ord = na
                    .len()
                    .cmp(&nb.len())
                    .then_with(|| na.cmp(nb))
                    .then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a = &a[x.len_utf8()..];
                b = &b[y.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_natural(a: &str, b: &str, expected: Ordering) {
        assert_eq!(natural_cmp(a, b), expected, "{a:?} vs {b:?}");
        assert_eq!(natural_cmp(b, a), expected.reverse(), "{b:?} vs {a:?}");
    }

    #[test]
    fn natural_order() {
        check_natural("F2", "F10", Ordering::Less);
        check_natural("F10", "F10", Ordering::Equal);
        check_natural("F010", "F10", Ordering::Greater);
        check_natural("a.txt", "a.txt#2", Ordering::Less);
        check_natural("2022-01-05", "2022-01-10", Ordering::Less);
        check_natural("2022-01", "2022-01-05", Ordering::Less);
        check_natural("S1", "T1", Ordering::Less);
        check_natural(
            "99999999999999999999999",
            "100000000000000000000000",
            Ordering::Less,
        );
    }

    #[test]
    fn the_shortcut_orders_as_the_walk_does() {
        // Strings of digits, letters and multi-byte chars, from a fixed sequence.
        let alphabet = ['0', '1', '2', '9', 'a', 'b', '-', '.', 'é', '€', '😀'];
        let mut state: u64 = 7;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut words: Vec<String> = Vec::new();
        for _ in 0..400 {
            let len = next() % 7;
            words.push(
                (0..len)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect(),
            );
        }
        // Pairs that share a prefix, where the shortcut applies.
        for i in 0..200 {
            let tail: String = words[i + 1].clone();
            words.push(format!("{}{tail}", words[i]));
        }
        for a in &words {
            for b in &words {
                assert_eq!(natural_cmp(a, b), natural_cmp_from(a, b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn controls_are_revealed() {
        assert_eq!(
            reveal_controls("a\u{202E}b\u{200F}c"),
            "a[U+202E]b[U+200F]c"
        );
        assert_eq!(one_line(" a\n\tb\r\nc "), "a b[U+000D] c");
    }

    #[test]
    fn escapes() {
        assert_eq!(
            html_escape("<b a='1'>&\"</b>"),
            "&lt;b a=&#39;1&#39;&gt;&amp;&quot;&lt;/b&gt;"
        );
        assert_eq!(
            md_escape("[x](http://e) | <i>"),
            "\\[x\\](http://e) \\| \\<i\\>"
        );
        assert_eq!(md_escape("# 2022-01-10 *a*"), "\\# 2022-01-10 \\*a\\*");
        assert_eq!(md_escape("1. x"), "1\\. x");
        assert_eq!(md_escape("=1+1 a_b"), "\\=1+1 a\\_b");
    }
}
