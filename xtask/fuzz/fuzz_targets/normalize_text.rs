//! Arbitrary UTF-8 as the content of a text, Markdown or HTML source, straight into normalize
//! and extract (ingest's decoding would otherwise reject most of what the fuzzer makes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use records::{Format, RawDocument};

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(content) = std::str::from_utf8(rest) else { return };
    let format = match pick % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    };
    let raw = RawDocument {
        source_id: "f".into(),
        file: "f".into(),
        format,
        encoding: "UTF-8".into(),
        encoding_reason: "valid UTF-8".into(),
        content_hash: String::new(),
        bytes: rest.len() as u64,
        byte_offset: 0,
        meta: Default::default(),
        content: content.to_string(),
    };
    if let Ok(clean) = normalize::normalize(&raw, &Default::default()) {
        check::clean(&clean);
        check::extraction(&extract::extract(&clean, &Default::default()));
    }
});
