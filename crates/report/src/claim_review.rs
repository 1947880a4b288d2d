//! `claim_review.jsonld`: each disputed or updated figure as a schema.org
//! [ClaimReview](https://schema.org/ClaimReview), the markup fact-checkers publish
//! beside their articles.
//!
//! One `ClaimReview` per fact whose status is `conflict` or `updated`, in fact order:
//! - `itemReviewed`: the [Claim](https://schema.org/Claim), what is counted and each
//!   figure the sources give; its `appearance`s are the articles that give it (a
//!   [CreativeWork](https://schema.org/CreativeWork) each, with its `url` where it is an
//!   `http(s)` address, `datePublished`, `headline`, `publisher` and the sentence), and
//!   its `firstAppearance` the earliest of them by date (then by source id);
//! - `reviewRating`: only when the reviewer gave the fact a verdict in the review file
//!   (the verdict as the rating's `alternateName`, as fact-checkers write it); the tool
//!   itself never rates a claim. The reviewer's note is the `reviewBody`.
//!
//! The file is one JSON-LD document: `@context` `https://schema.org`, the reviews in
//! `@graph`. The bytes are deterministic (the keys of each object in alphabetical
//! order, the reviews in fact order).

use records::{Fact, FactStatus, Reconciled};
use serde_json::{Map, Value, json};

use crate::view::View;

/// File name of the export.
pub const FILE_NAME: &str = "claim_review.jsonld";

/// The schema.org types the export uses, each with the properties it gives them: the
/// one list the test checks the file against.
pub const TYPES: &[(&str, &[&str])] = &[
    (
        "ClaimReview",
        &[
            "identifier",
            "name",
            "claimReviewed",
            "itemReviewed",
            "reviewRating",
            "reviewBody",
        ],
    ),
    ("Claim", &["name", "text", "appearance", "firstAppearance"]),
    (
        "CreativeWork",
        &[
            "identifier",
            "url",
            "headline",
            "datePublished",
            "publisher",
            "text",
        ],
    ),
    ("Organization", &["name"]),
    ("Rating", &["alternateName"]),
];

/// Whether a fact's figure goes into the export.
fn reviewed(f: &Fact) -> bool {
    matches!(f.status, FactStatus::Conflict | FactStatus::Updated)
}

/// Renders the export of canonical records.
pub fn render(rec: &Reconciled, v: &View) -> String {
    let placed = crate::review::Placed::new(rec);
    let reviews: Vec<Value> = rec
        .facts
        .iter()
        .filter(|f| reviewed(f))
        .map(|f| claim_review(v, f, placed.of("fact", &f.fact_id)))
        .collect();
    let doc = object([
        ("@context", json!("https://schema.org")),
        ("@graph", Value::Array(reviews)),
    ]);
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// A JSON object of the pairs whose value is not null.
fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (k, v) in pairs {
        if !v.is_null() {
            map.insert(k.to_string(), v);
        }
    }
    Value::Object(map)
}

fn claim_review(v: &View, f: &Fact, (verdict, note): (String, String)) -> Value {
    let mentions = v.mentions(&f.fact_id);
    // Each figure once, in the order the sources give them.
    let mut figures: Vec<String> = Vec::new();
    for m in mentions {
        let figure = if m.retracted {
            format!("{} (withdrawn by its source)", m.text.trim())
        } else {
            m.text.trim().to_string()
        };
        if !figures.contains(&figure) {
            figures.push(figure);
        }
    }
    let claim = format!("{}: {}", f.what, figures.join("; "));
    // One appearance per source, its first mention's sentence.
    let mut appearances: Vec<(Option<&str>, &str, Value)> = Vec::new();
    for m in mentions {
        if appearances.iter().any(|(_, id, _)| *id == m.source_id) {
            continue;
        }
        let source = v.source(&m.source_id);
        let published = source.and_then(|s| s.published.as_deref());
        let work = object([
            ("@type", json!("CreativeWork")),
            ("identifier", json!(m.source_id)),
            (
                "url",
                v.web_url(&m.source_id).map_or(Value::Null, |u| json!(u)),
            ),
            (
                "headline",
                source
                    .and_then(|s| s.title.as_deref())
                    .map_or(Value::Null, |t| json!(t)),
            ),
            ("datePublished", published.map_or(Value::Null, |d| json!(d))),
            (
                "publisher",
                source
                    .and_then(|s| s.outlet.as_deref())
                    .filter(|o| !o.trim().is_empty())
                    .map_or(Value::Null, |o| {
                        object([("@type", json!("Organization")), ("name", json!(o))])
                    }),
            ),
            ("text", json!(m.sentence)),
        ]);
        appearances.push((published, &m.source_id, work));
    }
    // The first appearance: the earliest dated article, then the smallest source id.
    let first = appearances
        .iter()
        .min_by(|a, b| {
            (a.0.is_none(), a.0)
                .cmp(&(b.0.is_none(), b.0))
                .then_with(|| crate::text::natural_cmp(a.1, b.1))
        })
        .map(|(_, _, w)| w.clone());
    let rating = (!verdict.trim().is_empty()).then(|| {
        object([
            ("@type", json!("Rating")),
            ("alternateName", json!(verdict.trim())),
        ])
    });
    object([
        ("@type", json!("ClaimReview")),
        ("identifier", json!(f.fact_id)),
        (
            "name",
            json!(format!(
                "{} ({}): {}",
                f.what,
                f.status.as_str(),
                crate::table::fact_value_readable(f)
            )),
        ),
        ("claimReviewed", json!(claim)),
        (
            "itemReviewed",
            object([
                ("@type", json!("Claim")),
                ("name", json!(f.what)),
                ("text", json!(claim)),
                (
                    "appearance",
                    Value::Array(appearances.into_iter().map(|(_, _, w)| w).collect()),
                ),
                ("firstAppearance", first.unwrap_or(Value::Null)),
            ]),
        ),
        ("reviewRating", rating.unwrap_or(Value::Null)),
        (
            "reviewBody",
            if note.trim().is_empty() {
                Value::Null
            } else {
                json!(note.trim())
            },
        ),
    ])
}

/// Checks a JSON-LD document against what the export promises: it parses as JSON, its
/// `@context` is schema.org, and every object with an `@type` is one of [`TYPES`]
/// using only the properties listed there (`@`-keywords aside), with the
/// `ClaimReview`'s required parts: `claimReviewed`, and an `itemReviewed` Claim with
/// at least one appearance. Returns the `ClaimReview`s' identifiers, or what is wrong.
pub fn check(text: &str) -> Result<Vec<String>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if doc.get("@context") != Some(&json!("https://schema.org")) {
        return Err("@context is not https://schema.org".to_string());
    }
    let graph = doc
        .get("@graph")
        .and_then(Value::as_array)
        .ok_or("no @graph array")?;
    let mut ids = Vec::new();
    for review in graph {
        check_node(review)?;
        if review.get("@type") != Some(&json!("ClaimReview")) {
            return Err(format!("a node of @graph is no ClaimReview: {review}"));
        }
        let id = review
            .get("identifier")
            .and_then(Value::as_str)
            .ok_or("a ClaimReview without identifier")?;
        if !review.get("claimReviewed").is_some_and(Value::is_string) {
            return Err(format!("{id}: no claimReviewed"));
        }
        let claim = review
            .get("itemReviewed")
            .ok_or(format!("{id}: no itemReviewed"))?;
        if claim.get("@type") != Some(&json!("Claim")) {
            return Err(format!("{id}: itemReviewed is no Claim"));
        }
        let appearances = claim.get("appearance").and_then(Value::as_array);
        if appearances.is_none_or(Vec::is_empty) || claim.get("firstAppearance").is_none() {
            return Err(format!(
                "{id}: a Claim without appearance or first appearance"
            ));
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// Checks one node and the nodes inside it against [`TYPES`].
fn check_node(node: &Value) -> Result<(), String> {
    match node {
        Value::Array(items) => items.iter().try_for_each(check_node),
        Value::Object(map) => {
            if let Some(t) = map.get("@type") {
                let t = t.as_str().ok_or("an @type that is no string")?;
                let (_, properties) = TYPES
                    .iter()
                    .find(|(name, _)| *name == t)
                    .ok_or(format!("@type {t} is none the export uses"))?;
                for key in map.keys().filter(|k| !k.starts_with('@')) {
                    if !properties.contains(&key.as_str()) {
                        return Err(format!("{t} has no property {key}"));
                    }
                }
            }
            map.values().try_for_each(check_node)
        }
        _ => Ok(()),
    }
}
