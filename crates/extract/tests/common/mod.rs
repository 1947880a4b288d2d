//! What the extract tests share: an article as normalize would hand it over.

use records::CleanDocument;

/// A plain-text article holding `text`, published on `date` (ISO) when given.
pub fn doc(text: &str, date: Option<&str>) -> CleanDocument {
    CleanDocument {
        source_id: "case.txt".into(),
        file: "case.txt".into(),
        content_hash: String::new(),
        format: records::Format::Text,
        meta: Default::default(),
        date: date.map(str::to_string),
        text: text.into(),
        blocks: Vec::new(),
        sentences: Vec::new(),
        removed: Vec::new(),
        words: 0,
    }
}
