//! Bytes to text: byte-order marks, UTF-8, UTF-16 without a BOM, declared charsets and
//! detection, plus the refusal of binary files.

use encoding_rs::Encoding;

/// Decoded text and how its encoding was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Encoding name (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: String,
    /// How it was decided (`byte-order mark`, `valid UTF-8`, `declared`, `detected`, ...).
    pub reason: String,
}

/// Known binary formats by their magic numbers, so that a PDF saved as `.txt` is
/// refused as a PDF and not decoded as Latin-1 noise.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\x7fELF", "an ELF executable"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive (or Office document)"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"MZ", "a Windows executable"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
        (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
        (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
        (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
        (b"Rar!", "a RAR archive"),
        (b"SQLite format 3\0", "an SQLite database"),
        (b"\0asm", "a WebAssembly module"),
    ];
    // `MZ` is also how some plain words start: only trust it with the DOS header's NULs.
    MAGIC
        .iter()
        .find(|(magic, kind)| {
            bytes.starts_with(magic)
                && (*kind != "a Windows executable"
                    || bytes.get(2..64).is_some_and(|h| h.contains(&0)))
        })
        .map(|(_, kind)| *kind)
}

/// Decodes bytes. `declared` is a charset named by the container (an HTTP header or a
/// `<meta charset>`), used when the bytes are not valid UTF-8.
/// A byte-order mark wins, then UTF-16 recognised by its NUL pattern, then valid
/// UTF-8, then the declared charset, then detection. Binary content is refused.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(format!("binary file ({kind}), not an article"));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let reason = if had_errors {
            "byte-order mark; invalid sequences replaced"
        } else {
            "byte-order mark"
        };
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: encoding.name().to_string(),
            reason: reason.to_string(),
        });
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors && !looks_binary_text(&text) {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: encoding.name().to_string(),
                reason: "no byte-order mark; UTF-16 recognised by its NUL bytes".to_string(),
            });
        }
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let n_nul = sample.iter().filter(|&&b| b == 0).count();
    // A stray NUL or two in a text file is damage, not a format: drop them and say so.
    // More than that is binary data.
    if n_nul > 64 || (n_nul >= 3 && n_nul * 100 > sample.len()) {
        return Err(format!(
            "binary file ({n_nul} NUL bytes in the first {} bytes), not an article",
            sample.len()
        ));
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 20 > sample.len() {
        return Err(format!(
            "binary file ({control} control bytes in the first {} bytes), not an article",
            sample.len()
        ));
    }
    let stripped;
    let (bytes, nul_note) = if bytes.contains(&0) {
        stripped = bytes
            .iter()
            .copied()
            .filter(|&b| b != 0)
            .collect::<Vec<u8>>();
        let n = bytes.len() - stripped.len();
        (&stripped[..], format!("; {n} NUL bytes removed"))
    } else {
        (bytes, String::new())
    };
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8".to_string(),
            reason: format!("valid UTF-8{nul_note}"),
        });
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()))
    {
        // A page declaring UTF-8 that is not valid UTF-8 is mislabelled: detect instead.
        if encoding != encoding_rs::UTF_8 {
            let (text, _, had_errors) = encoding.decode(bytes);
            let replaced = if had_errors {
                "; invalid sequences replaced"
            } else {
                ""
            };
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: encoding.name().to_string(),
                reason: format!(
                    "declared charset {}{replaced}{nul_note}",
                    declared.unwrap_or_default().trim()
                ),
            });
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    let replaced = if had_errors {
        "; invalid sequences replaced"
    } else {
        ""
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name().to_string(),
        reason: format!("not valid UTF-8; detected{replaced}{nul_note}"),
    })
}

/// UTF-16 text without a byte-order mark has a NUL in every other byte for ASCII
/// characters: NULs in even positions mean big-endian, in odd positions little-endian.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 3 && even * 20 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 20 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text that decoded without errors but is mostly control characters is not prose.
fn looks_binary_text(text: &str) -> bool {
    let mut n = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(4096) {
        n += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
            control += 1;
        }
    }
    control * 20 > n
}

/// The charset a page declares in its first bytes (`<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`).
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The charset of an HTTP `Content-Type` value.
pub fn content_type_charset(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let label: String = lower[at + "charset=".len()..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}
