//! WARC archives (`.warc`, `.warc.gz`, as in Common Crawl's news archive): one article
//! per HTML `response` record, decoded with the charset of its HTTP headers.

use std::io::Read;

/// One HTML response found in an archive.
#[derive(Debug, Clone)]
pub struct WarcPage<'a> {
    /// Byte offset of the record in the (decompressed) archive.
    pub offset: usize,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// Charset from the HTTP `Content-Type` header.
    pub charset: Option<String>,
    /// The HTTP body: the page's bytes.
    pub body: std::borrow::Cow<'a, [u8]>,
}

/// Decompresses a `.warc.gz` (each record its own gzip member), up to `limit` bytes.
/// A stream cut short keeps what was decompressed and says where it stopped.
pub fn gunzip(bytes: &[u8], limit: u64) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match decoder.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(err) => {
                return (
                    out.clone(),
                    Some(format!(
                        "gzip stream broken after {} decompressed bytes ({err})",
                        out.len()
                    )),
                );
            }
        }
    }
    if out.len() as u64 > limit {
        out.truncate(limit as usize);
        return (
            out,
            Some(format!(
                "decompressed archive is over the limit of {limit} bytes (ingest.max_decompressed_bytes); the rest was skipped"
            )),
        );
    }
    (out, None)
}

/// Every HTML response record of an archive, and the problems met (a record cut off,
/// a malformed record skipped).
pub fn pages(archive: &[u8]) -> (Vec<WarcPage<'_>>, Vec<String>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut pos = 0usize;
    let mut n_records = 0usize;
    while pos < archive.len() {
        // Blank lines between records are allowed and common.
        let skip = archive[pos..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
            .count();
        pos += skip;
        if pos >= archive.len() {
            break;
        }
        let input = &archive[pos..];
        match warc::parser::record(input) {
            Ok((rest, (_version, headers, body))) => {
                n_records += 1;
                let record_len = input.len() - rest.len();
                let header = |name: &str| {
                    headers
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
                };
                let is_response =
                    header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
                if is_response {
                    if let Some(page) = http_html(body) {
                        pages.push(WarcPage {
                            offset: pos,
                            url: header("WARC-Target-URI")
                                .map(|u| u.trim_matches(['<', '>']).to_string()),
                            charset: page.0,
                            body: page.1,
                        });
                    }
                }
                pos += record_len;
            }
            Err(nom::Err::Incomplete(_)) => {
                problems.push(format!(
                    "archive cut off in the middle of a record at byte {pos} ({} bytes left); kept the {n_records} complete records before it",
                    archive.len() - pos
                ));
                break;
            }
            Err(_) => {
                // Resynchronise on the next record header rather than losing the rest.
                let next = find(&archive[pos + 1..], b"WARC/").map(|i| pos + 1 + i);
                problems.push(match next {
                    Some(next) => {
                        format!("malformed WARC record at byte {pos}; skipped to byte {next}")
                    }
                    None => format!(
                        "malformed WARC record at byte {pos}; the rest of the archive was skipped"
                    ),
                });
                match next {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    (pages, problems)
}

/// The HTML body of an HTTP response block, with its charset; `None` when the block
/// is not a successful HTML response.
fn http_html(block: &[u8]) -> Option<(Option<String>, std::borrow::Cow<'_, [u8]>)> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let header_len = match response.parse(block) {
        Ok(httparse::Status::Complete(len)) => len,
        _ => return None,
    };
    let code = response.code?;
    if !(200..300).contains(&code) {
        return None;
    }
    let value = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = value("Content-Type").unwrap_or_default();
    let body = &block[header_len..];
    let looks_html = content_type.to_ascii_lowercase().contains("html")
        || (content_type.is_empty() && find(&body[..body.len().min(1024)], b"<html").is_some());
    if !looks_html {
        return None;
    }
    let charset = crate::decode::content_type_charset(&content_type);
    let encoding = value("Content-Encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    // Archives usually store the body as served; a gzip-encoded body is unpacked here.
    let body = if encoding.contains("gzip") {
        let mut out = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(body)
            .take(256 * 1024 * 1024)
            .read_to_end(&mut out);
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(body)
    };
    Some((charset, body))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
