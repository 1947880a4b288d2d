//! Ingest: input files in, decoded and typed [`RawDocument`]s out.
//!
//! Reads every file of the input folder (see [`discover`]), refuses what is not an
//! article (binary, empty, too large) with a reason, decodes the bytes (byte-order
//! mark, valid UTF-8, or a detected legacy encoding), hashes them, and splits
//! containers (JSON arrays, JSONL) into one document per article. Exact duplicates
//! are recognised by [`mark_duplicates`].
//!
//! Reads: the input folder. Writes (through xtask): `ingest/<source_id>.json` and the
//! ingest manifest. Next stage: normalize.

use std::path::{Path, PathBuf};

use records::{Diagnostic, Format, Metadata, RawDocument};
use serde::{Deserialize, Serialize};

/// Ingest settings (`[ingest]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// Files larger than this many bytes are refused. Default 64 MiB.
    pub max_file_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig { max_file_bytes: 64 * 1024 * 1024 }
    }
}

/// A file found in the input folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Path relative to the input folder, `/`-separated (lossy for non-UTF-8 names).
    pub rel: String,
    /// Full path.
    pub path: PathBuf,
}

/// Lists the files of `input`, recursively, sorted by relative path. Hidden files and
/// editor temporaries are skipped; unreadable folders become diagnostics.
pub fn discover(input: &Path) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut stack = vec![(input.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                diagnostics.push(diag(&prefix, format!("cannot read folder {}: {err}", dir.display())));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_ignored_name(&name) {
                continue;
            }
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => stack.push((path, rel)),
                Ok(_) => files.push(InputFile { rel, path }),
                Err(err) => diagnostics.push(diag(&rel, format!("cannot stat {rel}: {err}"))),
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    (files, diagnostics)
}

/// Hidden files and editor temporaries never are articles.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
}

fn diag(source_id: &str, error: String) -> Diagnostic {
    Diagnostic { source_id: source_id.to_string(), stage: "ingest".to_string(), error }
}

/// Reads and ingests one file. The error names the file and the reason.
pub fn ingest_file(file: &InputFile, config: &IngestConfig) -> Result<Vec<RawDocument>, String> {
    let meta = std::fs::metadata(&file.path).map_err(|e| format!("cannot read {}: {e}", file.rel))?;
    if meta.len() > config.max_file_bytes {
        return Err(format!(
            "{}: file is {} bytes, over the limit of {} (ingest.max_file_bytes)",
            file.rel,
            meta.len(),
            config.max_file_bytes
        ));
    }
    let bytes = std::fs::read(&file.path).map_err(|e| format!("cannot read {}: {e}", file.rel))?;
    ingest_bytes(&file.rel, &bytes, config)
}

/// The core of ingest: one file's bytes to its documents.
pub fn ingest_bytes(rel: &str, bytes: &[u8], config: &IngestConfig) -> Result<Vec<RawDocument>, String> {
    if bytes.len() as u64 > config.max_file_bytes {
        return Err(format!("{rel}: file is over the size limit of {} bytes", config.max_file_bytes));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("{rel}: file is empty"));
    }
    let format = format_of(rel).ok_or_else(|| format!("{rel}: unsupported file type"))?;
    let (content, encoding, encoding_reason) = decode(bytes).map_err(|why| format!("{rel}: {why}"))?;
    let doc = RawDocument {
        source_id: rel.to_string(),
        file: rel.to_string(),
        format,
        encoding,
        encoding_reason,
        content_hash: blake3::hash(bytes).to_hex().to_string(),
        bytes: bytes.len() as u64,
        byte_offset: 0,
        meta: Metadata::default(),
        content,
    };
    Ok(vec![doc])
}

fn format_of(rel: &str) -> Option<Format> {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Decodes bytes: a byte-order mark wins, then valid UTF-8, then detection.
/// Binary content is refused.
pub fn decode(bytes: &[u8]) -> Result<(String, String, String), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} after its byte-order mark", encoding.name()));
        }
        return Ok((text.into_owned(), encoding.name().to_string(), "byte-order mark".to_string()));
    }
    if looks_binary(bytes) {
        return Err("binary file (control bytes), not an article".to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8".to_string(), "valid UTF-8".to_string()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = encoding.decode(bytes);
    Ok((text.into_owned(), encoding.name().to_string(), "detected".to_string()))
}

/// NUL bytes or many control bytes mean a binary file.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    control * 20 > sample.len()
}

/// Marks documents whose content hash equals an earlier one's (by `source_id` order):
/// returns, per document, the `source_id` it duplicates.
pub fn mark_duplicates(docs: &[RawDocument]) -> Vec<Option<String>> {
    let mut first: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    docs.iter()
        .map(|doc| {
            let first_id = *first.entry(doc.content_hash.as_str()).or_insert(doc.source_id.as_str());
            (first_id != doc.source_id).then(|| first_id.to_string())
        })
        .collect()
}
