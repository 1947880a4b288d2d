//! Character classes every stage agrees on.

/// Invisible format characters: zero-width characters, bidirectional embeddings,
/// overrides, isolates and marks, the word joiner family, the byte-order mark, the
/// soft hyphen and the Mongolian vowel separator. Invisible, and able to make a name,
/// a line or a report cell read differently from what it holds (the "Trojan Source"
/// trick). Ingest counts them in file names, normalize removes them from the text,
/// report makes them visible.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{00AD}'
            | '\u{180E}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_visible() {
        for c in [
            '\u{200B}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{061C}',
        ] {
            assert!(is_invisible_format(c), "{c:?}");
        }
        for c in ['a', ' ', '\n', '“', '\u{2014}'] {
            assert!(!is_invisible_format(c), "{c:?}");
        }
    }
}
