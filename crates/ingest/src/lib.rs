//! Ingest: input files in, decoded and typed [`RawDocument`]s out.
//!
//! Reads every file of the input folder (see [`discover`]), refuses what is not an
//! article (binary, empty, too large) with a reason, decodes the bytes (byte-order
//! mark, UTF-16 by its NUL pattern, valid UTF-8, a declared charset, or detection; the
//! decision is recorded in `encoding` / `encoding_reason`), hashes them, and splits
//! containers into one document per article: JSON arrays and JSONL lines
//! (`file#N`), WARC archives (`.warc`, `.warc.gz`: one document per HTML response
//! record, `file#N`). Exact duplicates are recognised by [`mark_duplicates`].
//!
//! The pure core is [`ingest_bytes`] (documents or a refusal); [`ingest_bytes_report`]
//! also returns the warnings about parts of a file that were skipped (a bad JSONL line,
//! a WARC cut off mid-record). Nothing here panics on input: every refusal is an `Err`
//! naming the file and the reason.
//!
//! Reads: the input folder. Writes (through xtask): `ingest/<source_id>.json` and the
//! ingest manifest. Next stage: normalize.

mod decode;
mod json;
mod warc;

pub use decode::{Decoded, binary_kind, decode};

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use records::{Diagnostic, Format, Metadata, RawDocument};
use serde::{Deserialize, Serialize};

/// Ingest settings (`[ingest]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    /// Files larger than this many bytes are refused. Default 16 MiB: far above any
    /// article, low enough that a stray dump costs seconds, not minutes (raise it for
    /// large WARC archives).
    pub max_file_bytes: u64,
    /// A compressed archive (`.warc.gz`) is decompressed up to this many bytes; the
    /// rest is skipped with a warning. Default 512 MiB.
    pub max_decompressed_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            max_file_bytes: 16 * 1024 * 1024,
            max_decompressed_bytes: 512 * 1024 * 1024,
        }
    }
}

impl IngestConfig {
    /// The settings outside the values they allow.
    pub fn check(&self) -> Vec<records::settings::BadSetting> {
        records::settings::Checks::default()
            .positive("max_file_bytes", self.max_file_bytes)
            .positive("max_decompressed_bytes", self.max_decompressed_bytes)
            .done()
    }
}

/// A file found in the input folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Path relative to the input folder, `/`-separated, printable: control,
    /// zero-width and bidi characters are escaped as `\u{..}` and bytes that are not
    /// UTF-8 as `\xNN`, so a name cannot break a report line or hide its true text.
    pub rel: String,
    /// Full path.
    pub path: PathBuf,
}

/// Lists the files of `input`, recursively, sorted by relative path. Hidden files and
/// editor temporaries are skipped; symlinks are followed once (a loop or a dangling
/// link becomes a diagnostic); unreadable folders become diagnostics.
pub fn discover(input: &Path) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    if let Ok(canonical) = std::fs::canonicalize(input) {
        visited.insert(canonical);
    }
    let mut stack = vec![(input.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                let name = if prefix.is_empty() {
                    ".".to_string()
                } else {
                    prefix.clone()
                };
                diagnostics.push(diag(&name, format!("{name}: cannot read folder: {err}")));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    diagnostics.push(diag(
                        &prefix,
                        format!("{prefix}: cannot list folder entry: {err}"),
                    ));
                    continue;
                }
            };
            let raw_name = entry.file_name();
            let name = printable_name(raw_name.as_encoded_bytes());
            if is_ignored_name(&name) {
                continue;
            }
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            let path = entry.path();
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(err) => {
                    diagnostics.push(diag(&rel, format!("{rel}: cannot stat: {err}")));
                    continue;
                }
            };
            let is_dir = if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) => target.is_dir(),
                    Err(err) => {
                        diagnostics.push(diag(
                            &rel,
                            format!("{rel}: broken or looping symlink: {err}"),
                        ));
                        continue;
                    }
                }
            } else {
                kind.is_dir()
            };
            if is_dir {
                match std::fs::canonicalize(&path) {
                    Ok(canonical) if !visited.insert(canonical.clone()) => diagnostics.push(diag(
                        &rel,
                        format!(
                            "{rel}: symlink loop: folder {} was already read; skipped",
                            canonical.display()
                        ),
                    )),
                    Ok(_) => stack.push((path, rel)),
                    Err(err) => {
                        diagnostics.push(diag(&rel, format!("{rel}: cannot resolve folder: {err}")))
                    }
                }
            } else {
                files.push(InputFile { rel, path });
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    (files, diagnostics)
}

/// A file name as printable text: see [`InputFile::rel`].
pub fn printable_name(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() || is_invisible_format(c) {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

pub use records::chars::is_invisible_format;

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
    Diagnostic {
        source_id: source_id.to_string(),
        stage: "ingest".to_string(),
        error,
    }
}

/// Documents of one file and the warnings about parts of it that were skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ingested {
    /// The articles found.
    pub documents: Vec<RawDocument>,
    /// Problems that did not cost the whole file (a bad JSONL line, a WARC record cut
    /// off), each naming the file and the place.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and ingests one file. The error names the file and the reason. Warnings
/// about skipped parts are dropped here; [`ingest_file_report`] keeps them.
pub fn ingest_file(file: &InputFile, config: &IngestConfig) -> Result<Vec<RawDocument>, String> {
    ingest_file_report(file, config).map(|ingested| ingested.documents)
}

/// Reads and ingests one file, keeping the warnings about skipped parts.
pub fn ingest_file_report(file: &InputFile, config: &IngestConfig) -> Result<Ingested, String> {
    let bytes = read_bounded(file, config.max_file_bytes)?;
    ingest_bytes_report(&file.rel, &bytes, config)
}

/// Reads at most `limit + 1` bytes, so a file that grows while being read cannot
/// exhaust memory.
fn read_bounded(file: &InputFile, limit: u64) -> Result<Vec<u8>, String> {
    let rel = &file.rel;
    let describe = |err: std::io::Error| match err.kind() {
        std::io::ErrorKind::NotFound => {
            format!("{rel}: file disappeared before it could be read ({err})")
        }
        std::io::ErrorKind::PermissionDenied => {
            format!("{rel}: cannot read file: permission denied")
        }
        _ => format!("{rel}: cannot read file: {err}"),
    };
    let meta = std::fs::metadata(&file.path).map_err(describe)?;
    if meta.is_dir() {
        return Err(format!("{rel}: is a folder, not a file"));
    }
    if meta.len() > limit {
        return Err(format!(
            "{rel}: file is {} bytes, over the limit of {limit} (ingest.max_file_bytes)",
            meta.len()
        ));
    }
    let handle = std::fs::File::open(&file.path).map_err(describe)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    handle
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{rel}: file grew over the limit of {limit} bytes while being read (ingest.max_file_bytes)"
        ));
    }
    Ok(bytes)
}

/// The core of ingest: one file's bytes to its documents. An error is the reason no
/// document could be read; warnings about skipped parts are dropped (see
/// [`ingest_bytes_report`]).
pub fn ingest_bytes(
    rel: &str,
    bytes: &[u8],
    config: &IngestConfig,
) -> Result<Vec<RawDocument>, String> {
    ingest_bytes_report(rel, bytes, config).map(|ingested| ingested.documents)
}

/// One file's bytes to its documents and the warnings about parts that were skipped.
/// An error means the file gave no document at all.
pub fn ingest_bytes_report(
    rel: &str,
    bytes: &[u8],
    config: &IngestConfig,
) -> Result<Ingested, String> {
    if bytes.len() as u64 > config.max_file_bytes {
        return Err(format!(
            "{rel}: file is {} bytes, over the limit of {} (ingest.max_file_bytes)",
            bytes.len(),
            config.max_file_bytes
        ));
    }
    if bytes.is_empty() {
        return Err(format!("{rel}: file is empty"));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("{rel}: file is empty (only whitespace)"));
    }
    let format = match format_of(rel) {
        Some(format) => format,
        None => {
            return Err(match binary_kind(bytes) {
                Some(kind) => format!("{rel}: binary file ({kind}), not an article"),
                None => format!(
                    "{rel}: unsupported file type (expected .txt, .md, .html, .htm, .json, .jsonl, .warc or .warc.gz)"
                ),
            });
        }
    };
    let base = |content: String, decoded_as: (&str, &str), format: Format, source_bytes: &[u8]| {
        RawDocument {
            source_id: rel.to_string(),
            file: rel.to_string(),
            format,
            encoding: decoded_as.0.to_string(),
            encoding_reason: decoded_as.1.to_string(),
            content_hash: blake3::hash(source_bytes).to_hex().to_string(),
            bytes: source_bytes.len() as u64,
            byte_offset: 0,
            meta: Metadata::default(),
            content,
        }
    };
    match format {
        InputFormat::Text | InputFormat::Markdown | InputFormat::Html => {
            let declared = matches!(format, InputFormat::Html)
                .then(|| decode::html_declared_charset(bytes))
                .flatten();
            let decoded =
                decode(bytes, declared.as_deref()).map_err(|why| format!("{rel}: {why}"))?;
            if decoded.text.trim().is_empty() {
                return Err(format!(
                    "{rel}: file is empty (only whitespace after decoding)"
                ));
            }
            let record_format = match format {
                InputFormat::Text => Format::Text,
                InputFormat::Markdown => Format::Markdown,
                _ => Format::Html,
            };
            let doc = base(
                decoded.text,
                (&decoded.encoding, &decoded.reason),
                record_format,
                bytes,
            );
            Ok(Ingested {
                documents: vec![doc],
                diagnostics: Vec::new(),
            })
        }
        InputFormat::Json => {
            let decoded = decode(bytes, None).map_err(|why| format!("{rel}: {why}"))?;
            let value: serde_json::Value = serde_json::from_str(&decoded.text)
                .map_err(|e| format!("{rel}: malformed JSON: {e}"))?;
            let mut ingested = Ingested::default();
            let items: Vec<&serde_json::Value> = match json::articles_in(&value) {
                Some(items) => items.iter().collect(),
                None => vec![&value],
            };
            let is_container = json::articles_in(&value).is_some();
            for (idx, item) in items.into_iter().enumerate() {
                let source_id = if is_container {
                    format!("{rel}#{}", idx + 1)
                } else {
                    rel.to_string()
                };
                match json::article(item) {
                    Ok(article) => {
                        // Elements of an array have no byte range of their own once parsed:
                        // their hash is over their compact serialisation.
                        let own = if is_container {
                            serde_json::to_vec(item).unwrap_or_default()
                        } else {
                            bytes.to_vec()
                        };
                        let mut doc = base(
                            article.body,
                            (&decoded.encoding, &decoded.reason),
                            Format::Json,
                            &own,
                        );
                        doc.source_id = source_id;
                        doc.meta = article.meta;
                        ingested.documents.push(doc);
                    }
                    Err(why) => ingested
                        .diagnostics
                        .push(diag(&source_id, format!("{source_id}: skipped: {why}"))),
                }
            }
            finish(rel, ingested)
        }
        InputFormat::Jsonl => {
            let decoded = decode(bytes, None).map_err(|why| format!("{rel}: {why}"))?;
            let mut ingested = Ingested::default();
            let mut offset = 0usize;
            for (idx, line) in decoded.text.split('\n').enumerate() {
                let line_offset = offset;
                offset += line.len() + 1;
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let line_no = idx + 1;
                let source_id = format!("{rel}#{line_no}");
                let parsed: Result<serde_json::Value, String> =
                    serde_json::from_str(trimmed).map_err(|e| format!("invalid JSON: {e}"));
                match parsed.and_then(|v| json::article(&v)) {
                    Ok(article) => {
                        let mut doc = base(
                            article.body,
                            (&decoded.encoding, &decoded.reason),
                            Format::Json,
                            line.as_bytes(),
                        );
                        doc.source_id = source_id;
                        doc.meta = article.meta;
                        // Offsets count bytes of the file when it was UTF-8, else of the decoded text.
                        doc.byte_offset = line_offset as u64;
                        ingested.documents.push(doc);
                    }
                    Err(why) => ingested
                        .diagnostics
                        .push(diag(rel, format!("{rel}: line {line_no} skipped: {why}"))),
                }
            }
            finish(rel, ingested)
        }
        InputFormat::Warc { gzip } => {
            let (archive, gzip_problem) = if gzip {
                let (data, problem) = warc::gunzip(bytes, config.max_decompressed_bytes);
                (std::borrow::Cow::Owned(data), problem)
            } else {
                (std::borrow::Cow::Borrowed(bytes), None)
            };
            let mut ingested = Ingested::default();
            if let Some(problem) = gzip_problem {
                ingested
                    .diagnostics
                    .push(diag(rel, format!("{rel}: {problem}")));
            }
            if !archive.starts_with(b"WARC/") {
                return Err(format!(
                    "{rel}: not a WARC archive (it does not start with a WARC/ record header)"
                ));
            }
            let (pages, problems) = warc::pages(&archive);
            for problem in problems {
                ingested
                    .diagnostics
                    .push(diag(rel, format!("{rel}: {problem}")));
            }
            for (idx, page) in pages.into_iter().enumerate() {
                let source_id = format!("{rel}#{}", idx + 1);
                let declared = page
                    .charset
                    .clone()
                    .or_else(|| decode::html_declared_charset(&page.body));
                match decode(&page.body, declared.as_deref()) {
                    Ok(decoded) => {
                        let reason = match (&page.charset, decoded.reason.starts_with("declared")) {
                            (Some(_), true) => {
                                format!("{} (HTTP Content-Type header)", decoded.reason)
                            }
                            _ => decoded.reason.clone(),
                        };
                        let mut doc = base(
                            decoded.text,
                            (&decoded.encoding, &reason),
                            Format::Warc,
                            &page.body,
                        );
                        doc.source_id = source_id;
                        doc.byte_offset = page.offset as u64;
                        doc.meta.url = page.url;
                        ingested.documents.push(doc);
                    }
                    Err(why) => ingested
                        .diagnostics
                        .push(diag(&source_id, format!("{source_id}: skipped: {why}"))),
                }
            }
            if ingested.documents.is_empty() && ingested.diagnostics.is_empty() {
                return Err(format!("{rel}: WARC archive holds no HTML response record"));
            }
            finish(rel, ingested)
        }
    }
}

/// A container that gave no document is an error carrying the reasons.
fn finish(rel: &str, ingested: Ingested) -> Result<Ingested, String> {
    if ingested.documents.is_empty() {
        let reasons: Vec<&str> = ingested
            .diagnostics
            .iter()
            .take(3)
            .map(|d| d.error.as_str())
            .collect();
        let why = if reasons.is_empty() {
            "no article found".to_string()
        } else {
            reasons.join("; ")
        };
        return Err(format!("{rel}: no article could be read: {why}"));
    }
    Ok(ingested)
}

/// Input format, as told by the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputFormat {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
    Warc { gzip: bool },
}

fn format_of(rel: &str) -> Option<InputFormat> {
    let lower = rel.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") {
        return Some(InputFormat::Warc { gzip: true });
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "txt" | "text" => Some(InputFormat::Text),
        "md" | "markdown" => Some(InputFormat::Markdown),
        "html" | "htm" | "xhtml" => Some(InputFormat::Html),
        "json" => Some(InputFormat::Json),
        "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
        "warc" => Some(InputFormat::Warc { gzip: false }),
        _ => None,
    }
}

/// Marks documents whose content hash equals an earlier one's: given each document's
/// `(source_id, content_hash)` in `source_id` order, returns per document the
/// `source_id` it duplicates. The first source with given bytes is processed; later
/// ones are its duplicates. The runner's ingest stage marks duplicates with it.
pub fn mark_duplicates<'a>(
    docs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<Option<String>> {
    let mut first: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    docs.into_iter()
        .map(|(id, hash)| {
            let first_id = *first.entry(hash).or_insert(id);
            (first_id != id).then(|| first_id.to_string())
        })
        .collect()
}
