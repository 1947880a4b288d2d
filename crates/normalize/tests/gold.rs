//! Line-level gold: for the five seeds and for articles of other stories, which lines
//! are body (`B`) and which are not (`X`). Precision and recall of "body" must be 1.0.
//! Each gold file holds the whole article, one marked line per source line, so the
//! test rebuilds the input from it; the seed golds are checked against `seeds/`.

use std::path::{Path, PathBuf};

use normalize::unicode::{clean, match_key};
use normalize::{NormalizeConfig, normalize};
use records::{Format, Metadata, RawDocument};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold")
}

/// `(is_body, line)` per line; a lone `X` is a blank line.
fn read_gold(path: &Path) -> Vec<(bool, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| match l {
            "X" | "" => (false, String::new()),
            _ if l.starts_with("B ") => (true, l[2..].to_string()),
            _ if l.starts_with("X ") => (false, l[2..].to_string()),
            _ => panic!("{}: bad gold line {l:?}", path.display()),
        })
        .collect()
}

fn raw(name: &str, format: Format, content: String, meta: Metadata) -> RawDocument {
    RawDocument {
        source_id: name.to_string(),
        file: name.to_string(),
        format,
        encoding: "UTF-8".into(),
        encoding_reason: "valid UTF-8".into(),
        content_hash: String::new(),
        bytes: content.len() as u64,
        byte_offset: 0,
        meta,
        content,
    }
}

/// The line as it would stand in clean text: list and heading markers and Markdown
/// emphasis dropped, characters cleaned.
fn line_key(line: &str) -> String {
    let mut s = line.trim();
    for marker in ["• ", "- ", "* ", "# ", "## ", "### "] {
        s = s.strip_prefix(marker).unwrap_or(s).trim_start();
    }
    match_key(&clean(
        &s.replace("**", "").replace('*', ""),
        &mut Default::default(),
    ))
}

/// Precision and recall of the lines predicted as body (a line is predicted body when
/// a block of the clean text is that line).
fn score(doc: &RawDocument, gold: &[(bool, String)]) -> (f64, f64, Vec<String>) {
    let clean_doc = normalize(doc, &NormalizeConfig::default()).unwrap();
    let chars: Vec<char> = clean_doc.text.chars().collect();
    let blocks: Vec<String> = clean_doc
        .blocks
        .iter()
        .map(|b| match_key(&chars[b.start..b.end].iter().collect::<String>()))
        .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for (is_body, line) in gold.iter().filter(|(_, l)| !l.trim().is_empty()) {
        let predicted = blocks.contains(&line_key(line));
        match (is_body, predicted) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                wrong.push(format!("kept but not body: {line}"));
            }
            (true, false) => {
                fn_ += 1;
                wrong.push(format!("body but not kept: {line}"));
            }
            (false, false) => {}
        }
    }
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (p, r, wrong)
}

/// A named document and its gold lines.
type Case = (String, RawDocument, Vec<(bool, String)>);

fn check_all(docs: Vec<Case>) {
    assert!(!docs.is_empty());
    let mut failures = Vec::new();
    for (name, doc, gold) in &docs {
        let (p, r, wrong) = score(doc, gold);
        if p < 1.0 || r < 1.0 {
            failures.push(format!(
                "{name}: P {p:.3} R {r:.3}\n    {}",
                wrong.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seeds_gold_precision_and_recall_are_one() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(data().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned() + ".txt";
        let gold = read_gold(&path);
        let content = std::fs::read_to_string(seeds.join(&name)).unwrap();
        // The gold covers every non-blank line of the seed, in order.
        let seed_lines: Vec<&str> = content.lines().filter(|l| !l.trim().is_empty()).collect();
        let gold_lines: Vec<&str> = gold
            .iter()
            .map(|(_, l)| l.as_str())
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(seed_lines, gold_lines, "{name}: gold is stale");
        docs.push((
            name.clone(),
            raw(&name, Format::Text, content, Metadata::default()),
            gold,
        ));
    }
    assert_eq!(docs.len(), 5);
    check_all(docs);
}

#[test]
fn other_articles_gold_precision_and_recall_are_one() {
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(data().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let gold = read_gold(&path);
        let content: String = gold
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let (format, meta) = if name.ends_with(".md") {
            (Format::Markdown, Metadata::default())
        } else if name.ends_with(".jsonbody") {
            (
                Format::Json,
                Metadata {
                    title: Some("Central bank raises rates for a third time".into()),
                    ..Metadata::default()
                },
            )
        } else {
            (Format::Text, Metadata::default())
        };
        docs.push((name.clone(), raw(&name, format, content, meta), gold));
    }
    assert!(docs.len() >= 10, "{} articles", docs.len());
    check_all(docs);
}
