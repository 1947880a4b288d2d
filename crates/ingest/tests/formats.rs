//! Fixtures for every input format and encoding, and the hostile inputs of issue 9:
//! each is generated here (binary ones byte by byte) and checked for documents or a
//! clear refusal naming the file and the reason.

use std::io::Write;

use ingest::{
    IngestConfig, discover, ingest_bytes, ingest_bytes_report, ingest_file, mark_duplicates,
};
use records::Format;

const ARTICLE: &str =
    "Flood waters recede in the valley\n\nResidents returned home on Tuesday as the river fell.\n";

fn config() -> IngestConfig {
    IngestConfig::default()
}

/// Ingests `bytes` as `name` and checks the documents' formats, encodings and contents.
fn check(name: &str, bytes: &[u8], expected: &[(Format, &str, &str)]) {
    let docs = ingest_bytes(name, bytes, &config()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let got: Vec<(Format, &str, &str)> = docs
        .iter()
        .map(|d| (d.format, d.encoding.as_str(), d.content.as_str()))
        .collect();
    assert_eq!(got, expected, "{name}");
}

/// Ingests `bytes` as `name` and checks it is refused with a reason holding `why`.
fn check_refused(name: &str, bytes: &[u8], why: &str) {
    let err = ingest_bytes(name, bytes, &config()).expect_err(name);
    assert!(err.starts_with(name), "error should name the file: {err}");
    assert!(err.contains(why), "{name}: expected {why:?} in {err:?}");
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn text_markdown_and_html() {
    check(
        "a.txt",
        ARTICLE.as_bytes(),
        &[(Format::Text, "UTF-8", ARTICLE)],
    );
    check(
        "a.md",
        b"# Title\n\nBody text here.",
        &[(Format::Markdown, "UTF-8", "# Title\n\nBody text here.")],
    );
    let page = "<html><head><title>T</title></head><body><p>Body</p></body></html>";
    check("a.html", page.as_bytes(), &[(Format::Html, "UTF-8", page)]);
    check("a.HTM", page.as_bytes(), &[(Format::Html, "UTF-8", page)]);
}

#[test]
fn encodings() {
    let text = "“Quotes” — café, naïve";
    check(
        "le.txt",
        &utf16(text, false, true),
        &[(Format::Text, "UTF-16LE", text)],
    );
    check(
        "be.txt",
        &utf16(text, true, true),
        &[(Format::Text, "UTF-16BE", text)],
    );
    check(
        "le-nobom.txt",
        &utf16(text, false, false),
        &[(Format::Text, "UTF-16LE", text)],
    );
    check(
        "be-nobom.txt",
        &utf16(text, true, false),
        &[(Format::Text, "UTF-16BE", text)],
    );
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend_from_slice(text.as_bytes());
    check("bom8.txt", &bom8, &[(Format::Text, "UTF-8", text)]);
    let (cp1252, _, _) =
        encoding_rs::WINDOWS_1252.encode("The café’s “special” costs €5 — naïve pricing, he said.");
    check(
        "cp1252.txt",
        &cp1252,
        &[(
            Format::Text,
            "windows-1252",
            "The café’s “special” costs €5 — naïve pricing, he said.",
        )],
    );
    let html = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 au lait</p></body></html>";
    let docs = ingest_bytes("latin.html", html, &config()).unwrap();
    assert!(docs[0].content.contains("Café au lait"));
    assert!(
        docs[0].encoding_reason.starts_with("declared"),
        "{}",
        docs[0].encoding_reason
    );
}

#[test]
fn encoding_decisions_are_recorded() {
    let docs = ingest_bytes(
        "le-nobom.txt",
        &utf16("Plain words here", false, false),
        &config(),
    )
    .unwrap();
    assert!(
        docs[0].encoding_reason.contains("NUL"),
        "{}",
        docs[0].encoding_reason
    );
    let docs = ingest_bytes(
        "bad.txt",
        b"Caf\xe9 and cr\xe8me in a sentence that is not UTF-8.",
        &config(),
    )
    .unwrap();
    assert!(
        docs[0].encoding_reason.contains("not valid UTF-8"),
        "{}",
        docs[0].encoding_reason
    );
    assert!(docs[0].content.contains("Café"));
    let docs = ingest_bytes(
        "nul.txt",
        b"Some text\0 with a stray NUL byte in it and more words after.",
        &config(),
    )
    .unwrap();
    assert_eq!(
        docs[0].content,
        "Some text with a stray NUL byte in it and more words after."
    );
    assert!(
        docs[0].encoding_reason.contains("1 NUL bytes removed"),
        "{}",
        docs[0].encoding_reason
    );
}

#[test]
fn binaries_and_empty_files_are_refused() {
    check_refused(
        "doc.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "binary file (a PDF document)",
    );
    check_refused(
        "doc.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "a PDF document",
    );
    check_refused("img.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image");
    check_refused(
        "prog.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0",
        "an ELF executable",
    );
    let mut noise = Vec::new();
    for i in 0..4096u32 {
        noise.push((i.wrapping_mul(2654435761) >> 13) as u8 & if i % 3 == 0 { 0 } else { 0xFF });
    }
    check_refused("noise.txt", &noise, "binary file");
    check_refused("empty.txt", b"", "file is empty");
    check_refused("blank.txt", b"  \n\t\n", "file is empty");
    check_refused("song.mp3", b"ID3\x03\0\0\0", "unsupported file type");
    let small = IngestConfig {
        max_file_bytes: 10,
        ..IngestConfig::default()
    };
    let err = ingest_bytes("big.txt", b"more than ten bytes of text", &small).unwrap_err();
    assert!(err.contains("over the limit of 10"), "{err}");
}

#[test]
fn json_object_array_and_wrapper() {
    let object = r#"{"headline": "Dam holds", "articleBody": "Engineers said the dam held.", "link": "https://example.org/a",
        "datePublished": "2023-04-05", "publisher": {"name": "Example Times"}, "byline": "Ann Lee"}"#;
    let docs = ingest_bytes("one.json", object.as_bytes(), &config()).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].source_id, "one.json");
    assert_eq!(docs[0].content, "Engineers said the dam held.");
    assert_eq!(docs[0].meta.title.as_deref(), Some("Dam holds"));
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Example Times"));
    assert_eq!(docs[0].meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(docs[0].meta.published.as_deref(), Some("2023-04-05"));
    assert_eq!(docs[0].meta.author.as_deref(), Some("Ann Lee"));
    let array = r#"[{"title": "A", "text": "First body."}, {"title": "B", "content": "Second body."}, {"title": "no body"}]"#;
    let report = ingest_bytes_report("many.json", array.as_bytes(), &config()).unwrap();
    let ids: Vec<&str> = report
        .documents
        .iter()
        .map(|d| d.source_id.as_str())
        .collect();
    assert_eq!(ids, ["many.json#1", "many.json#2"]);
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0].error.contains("many.json#3")
            && report.diagnostics[0].error.contains("no article body")
    );
    let wrapped = r#"{"articles": [{"title": "A", "body": "Wrapped body."}]}"#;
    let docs = ingest_bytes("wrapped.json", wrapped.as_bytes(), &config()).unwrap();
    assert_eq!(docs[0].content, "Wrapped body.");
}

#[test]
fn malformed_json_and_a_bad_jsonl_line() {
    check_refused(
        "broken.json",
        br#"{"title": "A", "body": "unterminated"#,
        "malformed JSON",
    );
    check_refused("list.json", br#"[1, 2, 3]"#, "no article could be read");
    let lines = "{\"title\": \"A\", \"body\": \"One.\"}\n{\"title\": \"B\", \"body\": \n{\"title\": \"C\", \"text\": \"Three.\"}\n";
    let report = ingest_bytes_report("feed.jsonl", lines.as_bytes(), &config()).unwrap();
    let ids: Vec<&str> = report
        .documents
        .iter()
        .map(|d| d.source_id.as_str())
        .collect();
    assert_eq!(ids, ["feed.jsonl#1", "feed.jsonl#3"]);
    assert_eq!(
        report.documents[1].byte_offset,
        lines.find("{\"title\": \"C\"").unwrap() as u64
    );
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0].error.contains("line 2"),
        "{}",
        report.diagnostics[0].error
    );
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:0>\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn sample_warc() -> Vec<u8> {
    let mut archive = warc_record("warcinfo", "", b"software: test\r\n");
    archive.extend(warc_record(
        "request",
        "https://a.example/1",
        b"GET /1 HTTP/1.1\r\n\r\n",
    ));
    archive.extend(warc_record(
        "response",
        "https://a.example/1",
        &http("text/html; charset=utf-8", "<p>First “page”</p>".as_bytes()),
    ));
    archive.extend(warc_record(
        "response",
        "https://a.example/img",
        &http("image/png", b"\x89PNG"),
    ));
    archive.extend(warc_record(
        "response",
        "https://a.example/2",
        &http("text/html; charset=windows-1252", b"<p>Caf\xe9 page</p>"),
    ));
    archive
}

#[test]
fn warc_records_become_sources() {
    let archive = sample_warc();
    let docs = ingest_bytes("crawl.warc", &archive, &config()).unwrap();
    let got: Vec<(&str, &str, &str, Option<&str>)> = docs
        .iter()
        .map(|d| {
            (
                d.source_id.as_str(),
                d.encoding.as_str(),
                d.content.as_str(),
                d.meta.url.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "crawl.warc#1",
                "UTF-8",
                "<p>First “page”</p>",
                Some("https://a.example/1")
            ),
            (
                "crawl.warc#2",
                "windows-1252",
                "<p>Café page</p>",
                Some("https://a.example/2")
            ),
        ]
    );
    assert!(docs.iter().all(|d| d.format == Format::Warc));
    assert!(
        docs[1].encoding_reason.contains("HTTP"),
        "{}",
        docs[1].encoding_reason
    );
    assert!(archive[docs[0].byte_offset as usize..].starts_with(b"WARC/1.0"));
}

#[test]
fn warc_gz_with_one_member_per_record() {
    let mut gz = Vec::new();
    for record in [
        warc_record(
            "response",
            "https://b.example/1",
            &http("text/html", b"<p>One</p>"),
        ),
        warc_record(
            "response",
            "https://b.example/2",
            &http("text/html", b"<p>Two</p>"),
        ),
    ] {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&record).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let docs = ingest_bytes("crawl.warc.gz", &gz, &config()).unwrap();
    let contents: Vec<&str> = docs.iter().map(|d| d.content.as_str()).collect();
    assert_eq!(contents, ["<p>One</p>", "<p>Two</p>"]);
}

#[test]
fn warc_cut_off_mid_record_keeps_complete_records() {
    let archive = sample_warc();
    let cut = &archive[..archive.len() - 20];
    let report = ingest_bytes_report("cut.warc", cut, &config()).unwrap();
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0].error.contains("cut off"),
        "{}",
        report.diagnostics[0].error
    );
    check_refused(
        "not.warc",
        b"hello world, not an archive",
        "not a WARC archive",
    );
}

#[test]
fn duplicates_are_marked() {
    let a = ingest_bytes("a.txt", ARTICLE.as_bytes(), &config())
        .unwrap()
        .remove(0);
    let b = ingest_bytes("b.txt", ARTICLE.as_bytes(), &config())
        .unwrap()
        .remove(0);
    let c = ingest_bytes("c.txt", b"Another article entirely.", &config())
        .unwrap()
        .remove(0);
    assert_eq!(
        mark_duplicates([&a, &b, &c].map(|d| (d.source_id.as_str(), d.content_hash.as_str()))),
        [None, Some("a.txt".to_string()), None]
    );
}

#[test]
fn discover_survives_loops_odd_names_and_vanishing_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("good.txt"), ARTICLE).unwrap();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/inner.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("missing"), root.join("dangling.txt")).unwrap();
    std::fs::write(root.join("line\nbreak.txt"), ARTICLE).unwrap();
    std::fs::write(root.join("bidi\u{202e}txt.exe.txt"), ARTICLE).unwrap();
    {
        use std::os::unix::ffi::OsStrExt;
        std::fs::write(
            root.join(std::ffi::OsStr::from_bytes(b"latin\xe9.txt")),
            ARTICLE,
        )
        .unwrap();
    }
    std::fs::create_dir(root.join("folder.txt")).unwrap();
    let (files, diagnostics) = discover(root);
    let names: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(
        names,
        [
            "bidi\\u{202e}txt.exe.txt",
            "good.txt",
            "latin\\xE9.txt",
            "line\\u{a}break.txt",
            "sub/inner.txt"
        ]
    );
    let errors: Vec<&str> = diagnostics.iter().map(|d| d.error.as_str()).collect();
    assert!(
        errors.iter().any(|e| e.contains("symlink loop")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("dangling.txt") && e.contains("broken or looping symlink")),
        "{errors:?}"
    );
    for file in &files {
        let docs = ingest_file(file, &config()).unwrap();
        assert_eq!(docs[0].content, ARTICLE);
    }
    // Deleted between listing and reading.
    std::fs::remove_file(&files[1].path).unwrap();
    let err = ingest_file(&files[1], &config()).unwrap_err();
    assert!(
        err.starts_with("good.txt") && err.contains("disappeared"),
        "{err}"
    );
}

#[test]
fn folders_and_oversized_files_are_refused_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, vec![b'a'; 2048]).unwrap();
    let file = ingest::InputFile {
        rel: "big.txt".into(),
        path,
    };
    let small = IngestConfig {
        max_file_bytes: 1024,
        ..IngestConfig::default()
    };
    let err = ingest_file(&file, &small).unwrap_err();
    assert!(err.contains("over the limit of 1024"), "{err}");
    let folder = ingest::InputFile {
        rel: "x.txt".into(),
        path: dir.path().to_path_buf(),
    };
    assert!(
        ingest_file(&folder, &config())
            .unwrap_err()
            .contains("is a folder")
    );
}

#[test]
fn large_generated_inputs_stay_bounded() {
    // A 10 MB single line and a 50 MB text: read whole, no panic.
    let line = "word ".repeat(2 * 1024 * 1024);
    let docs = ingest_bytes("line.txt", line.as_bytes(), &config()).unwrap();
    assert_eq!(docs[0].content.len(), line.len());
    let big = "A sentence of a very long article.\n".repeat(50 * 1024 * 1024 / 35);
    // The default limit refuses a 50 MB "article" with a reason naming the setting...
    let err = ingest_bytes("big.txt", big.as_bytes(), &config()).unwrap_err();
    assert!(
        err.contains("big.txt") && err.contains("max_file_bytes"),
        "{err}"
    );
    // ...and a raised limit reads it whole.
    let raised = IngestConfig {
        max_file_bytes: 64 * 1024 * 1024,
        ..config()
    };
    let docs = ingest_bytes("big.txt", big.as_bytes(), &raised).unwrap();
    assert_eq!(docs[0].bytes, big.len() as u64);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "md", "html", "json", "jsonl", "warc", "warc.gz", "bin"])) {
            let name = format!("f.{ext}");
            match ingest_bytes_report(&name, &bytes, &IngestConfig::default()) {
                Ok(report) => {
                    for doc in &report.documents {
                        prop_assert!(doc.source_id.starts_with(&name));
                    }
                }
                Err(err) => prop_assert!(err.starts_with(&name)),
            }
        }

        #[test]
        fn arbitrary_text_round_trips(text in "\\PC{1,400}") {
            if let Ok(docs) = ingest_bytes("t.txt", text.as_bytes(), &IngestConfig::default()) {
                prop_assert_eq!(&docs[0].content, &text);
            }
        }
    }
}
