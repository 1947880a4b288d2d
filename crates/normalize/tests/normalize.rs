//! normalize on every kind of input: HTML metadata and body, hostile pages, Unicode
//! clean-up, dates, corpus lines, and property tests on offsets.

use normalize::{CorpusLines, NormalizeConfig, corpus_lines, normalize, normalize_with};
use records::{BlockKind, CleanDocument, Format, Metadata, RawDocument, char_slice};

fn raw(name: &str, format: Format, content: &str) -> RawDocument {
    RawDocument {
        source_id: name.to_string(),
        file: name.to_string(),
        format,
        encoding: "UTF-8".into(),
        encoding_reason: "valid UTF-8".into(),
        content_hash: String::new(),
        bytes: content.len() as u64,
        byte_offset: 0,
        meta: Metadata::default(),
        content: content.to_string(),
    }
}

/// Every offset of a clean document is valid: blocks in order inside the text,
/// separated by a blank line, sentences inside their block without edge spaces,
/// and `content_byte` on a char boundary of the content.
fn assert_offsets(doc: &CleanDocument, content: &str) {
    let n = doc.text.chars().count();
    let mut prev_end = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        assert!(b.start <= b.end && b.end <= n, "block {i} out of range");
        assert!(
            i == 0 || b.start == prev_end + 2,
            "blocks are separated by a blank line"
        );
        assert_eq!(
            char_slice(&doc.text, prev_end, b.start).map(|s| s.chars().all(|c| c == '\n')),
            Some(true)
        );
        if let Some(byte) = b.content_byte {
            assert!(
                content.is_char_boundary(byte) && byte < content.len().max(1),
                "content_byte {byte}"
            );
        }
        prev_end = b.end;
    }
    assert_eq!(prev_end, n, "the last block ends the text");
    let mut prev = 0;
    for s in &doc.sentences {
        let block = &doc.blocks[s.block];
        assert!(
            block.start <= s.start && s.start < s.end && s.end <= block.end,
            "sentence outside its block"
        );
        assert!(s.start >= prev, "sentences in order");
        let text = char_slice(&doc.text, s.start, s.end).unwrap();
        assert_eq!(text, text.trim(), "sentence with edge spaces");
        prev = s.end;
    }
}

const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Bridge reopens after repairs | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Bridge reopens after repairs">
<link rel="canonical" href="https://daily.example/bridge-reopens">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopens after repairs",
 "datePublished": "2023-05-02T08:00:00Z", "author": {"@type": "Person", "name": "Jo Park"}}</script>
<script>var tracking = "never fetched";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Bridge reopens after repairs</h1>
<p class="byline">By Jo Park</p>
<figure><img src="bridge.jpg"><figcaption>The bridge on Monday. (Jo Park/Daily Example)</figcaption></figure>
<p>The old river bridge reopened to traffic on Tuesday after eight months of repairs that cost the city about $14 million, officials said.</p>
<p>Engineers replaced the deck and strengthened two of the supporting piers, which had been damaged by a flood in 2021, according to the city's transport department.</p>
<h2>Traffic expected to ease</h2>
<p>The closure had forced drivers onto a detour of several kilometres, and local shops said they had lost customers during the works on the bridge.</p>
<p>“It feels like the town has been put back together,” said Lena Ortiz, who runs a café near the bridge. “We missed our regulars.”</p>
<iframe src="https://ads.example/frame"></iframe>
<p>Share this article</p>
</article>
<footer><p>© 2023 The Daily Example. All rights reserved.</p></footer>
</body></html>"#;

#[test]
fn html_body_and_metadata() {
    let doc = normalize(
        &raw("bridge.html", Format::Html, PAGE),
        &NormalizeConfig::default(),
    )
    .unwrap();
    assert_offsets(&doc, PAGE);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Bridge reopens after repairs")
    );
    assert_eq!(doc.meta.outlet.as_deref(), Some("The Daily Example"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://daily.example/bridge-reopens")
    );
    assert_eq!(doc.meta.author.as_deref(), Some("Jo Park"));
    assert_eq!(doc.date.as_deref(), Some("2023-05-02"));
    assert!(
        doc.text.starts_with("Bridge reopens after repairs\n\n"),
        "{}",
        doc.text
    );
    assert!(
        doc.text
            .contains("“It feels like the town has been put back together,” said Lena Ortiz")
    );
    for junk in [
        "Share this article",
        "All rights reserved",
        "never fetched",
        "Home",
        "The bridge on Monday",
    ] {
        assert!(!doc.text.contains(junk), "{junk:?} kept in {}", doc.text);
    }
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Heading
        && char_slice(&doc.text, b.start, b.end) == Some("Traffic expected to ease")));
    assert!(
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .all(|b| b.content_byte.is_some())
    );
}

#[test]
fn deeply_nested_html_is_read_without_recursion() {
    let depth = 10_000;
    let page = format!(
        "<html><body>{}<p>The deep sentence survives the nesting of this page.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let doc = normalize(
        &raw("deep.html", Format::Html, &page),
        &NormalizeConfig::default(),
    )
    .unwrap();
    assert!(
        doc.text.contains("The deep sentence survives"),
        "{}",
        doc.text
    );
    assert_offsets(&doc, &page);
}

#[test]
fn json_body_in_html_and_metadata_title() {
    let mut doc = raw(
        "a.json",
        Format::Json,
        "<p>First paragraph of the body, long enough to count.</p><p>Second paragraph.</p>",
    );
    doc.meta.title = Some("Headline from the JSON".into());
    let clean = normalize(&doc, &NormalizeConfig::default()).unwrap();
    assert!(
        clean
            .text
            .starts_with("Headline from the JSON\n\nFirst paragraph"),
        "{}",
        clean.text
    );
    assert_eq!(clean.blocks[0].kind, BlockKind::Headline);
}

/// Normalizes `input` followed by a paragraph of prose (a fragment alone is not an
/// article) and checks the fragment's clean text.
fn check_text(input: &str, expected_text: &str) {
    const BODY: &str = "\n\nThis paragraph gives the test document a body of prose.";
    let input = format!("{input}{BODY}");
    let doc = normalize(
        &raw("t.txt", Format::Text, &input),
        &NormalizeConfig::default(),
    )
    .unwrap();
    assert_eq!(
        doc.text,
        format!("{expected_text}{BODY}"),
        "normalizing {input:?}"
    );
    assert_offsets(&doc, &input);
}

#[test]
fn unicode_clean_up() {
    // Mojibake repaired, zero-width and bidi controls removed, NFC, curly quotes kept.
    check_text(
        "The mayorâ€™s â€œplanâ€\u{9d} failed",
        "The mayor’s “plan” failed",
    );
    check_text("Zero\u{200b}width and bi\u{202e}di", "Zerowidth and bidi");
    check_text("Cafe\u{301} society", "Café society");
    check_text("“Quotes” and ‘marks’ — stay", "“Quotes” and ‘marks’ — stay");
    check_text("Tabs\tand   spaces  collapse", "Tabs and spaces collapse");
    // Not mojibake: left alone.
    check_text(
        "Ã is a letter in Portuguese names like SÃO",
        "Ã is a letter in Portuguese names like SÃO",
    );
}

#[test]
fn removals_are_recorded_with_reasons() {
    let input = "Headline of the story\n\nImage source, Example Agency\n\nThe body sentence is here and long enough.\n\nSubscribe to our newsletter\n";
    let doc = normalize(
        &raw("t.txt", Format::Text, input),
        &NormalizeConfig::default(),
    )
    .unwrap();
    let reasons: Vec<(&str, &str)> = doc
        .removed
        .iter()
        .map(|r| (r.text.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("Image source, Example Agency", "image caption label"),
            (
                "Subscribe to our newsletter",
                "subscribe or newsletter prompt"
            )
        ]
    );
    assert_eq!(doc.blocks[0].content_byte, Some(0));
    assert_eq!(
        doc.blocks[1].content_byte,
        Some(input.find("The body").unwrap())
    );
}

#[test]
fn article_date_from_dateline_timestamp_or_text() {
    let check = |input: &str, expected: Option<&str>| {
        let doc = normalize(
            &raw("t.txt", Format::Text, input),
            &NormalizeConfig::default(),
        )
        .unwrap();
        assert_eq!(doc.date.as_deref(), expected, "{input}");
    };
    check(
        "Headline here\n\nLONDON, March 3, 2021 (Reuters) - The shares fell sharply on the news today.",
        Some("2021-03-03"),
    );
    check(
        "Headline here\n\nPublished 12 May 2020\n\nThe body says something happened on Monday.",
        Some("2020-05-12"),
    );
    check(
        "Headline here\n\nThe body says something happened on Monday.",
        None,
    );
}

#[test]
fn corpus_lines_remove_furniture_but_not_shared_wire_copy() {
    let wire = "Officials said the dam held overnight.\n\nEngineers will inspect it on Friday morning.\n\nResidents were told to stay away from the river.";
    let docs: Vec<RawDocument> = (0..4)
        .map(|i| {
            raw(
                &format!("s{i}.txt"),
                Format::Text,
                &format!("Headline number {i} for this story\n\nThe lead paragraph {i} differs in every outlet.\n\nDownload the Example app today\n\n{wire}\n\nClosing words {i} differ too."),
            )
        })
        .collect();
    let corpus = corpus_lines(&docs, &NormalizeConfig::default());
    assert!(
        corpus.keys.contains("download the example app today"),
        "{:?}",
        corpus.keys
    );
    assert!(
        !corpus.keys.iter().any(|k| k.contains("dam held")),
        "{:?}",
        corpus.keys
    );
    let clean = normalize_with(&docs[0], &NormalizeConfig::default(), &corpus).unwrap();
    assert!(!clean.text.contains("Download the Example app"));
    assert!(
        clean
            .text
            .contains("Officials said the dam held overnight.")
    );
    assert!(
        clean
            .removed
            .iter()
            .any(|r| r.reason.contains("across many sources"))
    );
    let plain = normalize_with(
        &docs[0],
        &NormalizeConfig::default(),
        &CorpusLines::default(),
    )
    .unwrap();
    assert!(plain.text.contains("Download the Example app"));
}

#[test]
fn nothing_left_is_an_error_naming_the_source() {
    let err = normalize(
        &raw(
            "only-prompts.txt",
            Format::Text,
            "Share this article\n\nSubscribe to our newsletter",
        ),
        &NormalizeConfig::default(),
    )
    .unwrap_err();
    assert!(
        err.starts_with("only-prompts.txt: no article text"),
        "{err}"
    );
}

#[test]
fn headline_only_bare_link_and_navigation_are_not_articles() {
    for (name, format, content, want) in [
        ("title.txt", Format::Text, "Title", "only a headline"),
        (
            "link.txt",
            Format::Text,
            "https://example.org/news/2024/05/story-name",
            "only a link",
        ),
        (
            "nav.html",
            Format::Html,
            "<html><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>\
             <ul><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">Business news</a></li>\
             <li><a href=\"/c\">Sport</a></li><li><a href=\"/d\">Weather today</a></li></ul></body></html>",
            "not an article",
        ),
    ] {
        let err = normalize(&raw(name, format, content), &NormalizeConfig::default()).unwrap_err();
        assert!(err.starts_with(name), "{err}");
        assert!(err.contains(want), "{name}: {err}");
    }
    // A one-sentence flash is an article.
    let flash = "Five people were killed in a blast at a market on Monday, police said.";
    assert!(
        normalize(
            &raw("flash.txt", Format::Text, flash),
            &NormalizeConfig::default()
        )
        .is_ok()
    );
    let with_headline =
        "Blast at market\n\nFive people were killed in a blast at a market on Monday.";
    assert!(
        normalize(
            &raw("h.txt", Format::Text, with_headline),
            &NormalizeConfig::default()
        )
        .is_ok()
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics_and_offsets_hold(text in "(\\PC|\n){0,600}", format in prop::sample::select(vec![Format::Text, Format::Markdown, Format::Json])) {
            if let Ok(doc) = normalize(&raw("p.txt", format, &text), &NormalizeConfig::default()) {
                assert_offsets(&doc, &text);
            }
        }

        #[test]
        fn arbitrary_html_never_panics_and_offsets_hold(parts in proptest::collection::vec(prop::sample::select(vec![
            "<p>", "</p>", "<div>", "</div>", "<h2>", "</h2>", "<li>", "<ul>", "</ul>", "<figure><figcaption>", "</figcaption></figure>",
            "<script>", "</script>", "<br>", "Some words here. ", "Mr. Smith said “yes.” ", "\u{200b}", "â€™", "&amp; ", "<", ">",
        ]), 0..80)) {
            let page: String = parts.concat();
            if let Ok(doc) = normalize(&raw("p.html", Format::Html, &page), &NormalizeConfig::default()) {
                assert_offsets(&doc, &page);
            }
        }

        #[test]
        fn ingested_bytes_normalize_safely(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
            if let Ok(docs) = ingest::ingest_bytes("b.txt", &bytes, &ingest::IngestConfig::default()) {
                for doc in docs {
                    if let Ok(clean) = normalize(&doc, &NormalizeConfig::default()) {
                        assert_offsets(&clean, &doc.content);
                    }
                }
            }
        }
    }
}
