//! Character-level clean-up of a line: mojibake repaired where unambiguous, invisible
//! format characters removed, whitespace collapsed, NFC. Quotes and dashes stay as
//! the author wrote them; [`match_key`] gives the folded form later stages compare.

use unicode_normalization::UnicodeNormalization;

pub use records::chars::is_invisible_format;

/// What [`clean`] changed, for the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fixes {
    /// Invisible format characters removed.
    pub invisible: usize,
    /// Control characters removed.
    pub control: usize,
    /// The line was mojibake and was repaired.
    pub mojibake: bool,
}

/// Cleans one line or paragraph: mojibake, invisible and control characters, runs of
/// whitespace (collapsed to one space), NFC.
pub fn clean(line: &str, fixes: &mut Fixes) -> String {
    let repaired = repair_mojibake(line);
    if repaired.is_some() {
        fixes.mojibake = true;
    }
    let source = repaired.as_deref().unwrap_or(line);
    let mut out = String::with_capacity(source.len());
    let mut pending_space = false;
    for c in source.chars() {
        if is_invisible_format(c) {
            fixes.invisible += 1;
            continue;
        }
        if c.is_whitespace() && c != '\u{00A0}' && c != '\u{202F}' {
            pending_space = true;
            continue;
        }
        if c.is_control() {
            fixes.control += 1;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// UTF-8 text that was decoded as Windows-1252 (`â€™` for `’`, `Ã©` for `é`):
/// re-encoded to Windows-1252 it gives valid UTF-8 again. Repaired only when the
/// line holds a typical mojibake pair, re-encodes without loss, and decodes to
/// valid UTF-8 holding non-ASCII text: otherwise it is left alone.
pub fn repair_mojibake(line: &str) -> Option<String> {
    const MARKERS: [&str; 6] = ["â€", "Ã", "Â ", "Â·", "Â«", "Â»"];
    if !MARKERS.iter().any(|m| line.contains(m)) {
        return None;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(line);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (fixed != line && !fixed.is_ascii()).then(|| fixed.to_string())
}

/// A folded form for matching across sources: NFKC, lower case, curly quotes and
/// dashes made plain, spaces collapsed. Never written to `text/`.
pub fn match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}
