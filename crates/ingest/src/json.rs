//! JSON and JSONL articles: common field names mapped to [`Metadata`] and a body.

use records::Metadata;
use serde_json::Value;

/// Field names tried, in order, for each part of an article.
const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "articleBody",
    "article_body",
    "maintext",
    "full_text",
    "story",
];
const URL: &[&str] = &[
    "url",
    "link",
    "canonical_url",
    "canonicalUrl",
    "uri",
    "permalink",
];
const PUBLISHED: &[&str] = &[
    "published",
    "datePublished",
    "date_published",
    "published_at",
    "publishedAt",
    "pubDate",
    "date",
    "publish_date",
    "created_at",
];
const OUTLET: &[&str] = &[
    "outlet",
    "source",
    "site",
    "site_name",
    "siteName",
    "publisher",
    "source_domain",
    "domain",
];
const AUTHOR: &[&str] = &["author", "byline", "authors", "creator"];
/// Wrapper keys that hold a list of articles (`{"articles": [...]}`).
const LISTS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "docs",
    "documents",
    "entries",
    "stories",
];

/// One article found in a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonArticle {
    pub meta: Metadata,
    pub body: String,
}

/// Reads one article object. Errors name what is missing.
pub fn article(value: &Value) -> Result<JsonArticle, String> {
    let Value::Object(map) = value else {
        return Err(format!("expected an article object, found {}", kind(value)));
    };
    let body = BODY
        .iter()
        .find_map(|k| {
            map.get(*k)
                .and_then(text_of)
                .filter(|s| !s.trim().is_empty())
        })
        .ok_or_else(|| format!("no article body (looked for fields {})", BODY.join(", ")))?;
    let pick = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| map.get(*k).and_then(text_of))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let meta = Metadata {
        title: pick(TITLE),
        outlet: pick(OUTLET),
        url: pick(URL),
        published: pick(PUBLISHED),
        author: pick(AUTHOR),
    };
    Ok(JsonArticle { meta, body })
}

/// The articles of a parsed JSON document: an object, an array of objects, or an
/// object wrapping such an array under a common key.
pub fn articles_in(value: &Value) -> Option<&Vec<Value>> {
    match value {
        Value::Array(items) => Some(items),
        Value::Object(map) if !BODY.iter().any(|k| map.contains_key(*k)) => LISTS
            .iter()
            .find_map(|k| map.get(*k))
            .and_then(Value::as_array),
        _ => None,
    }
}

/// A field as text: strings as they are, numbers printed, objects by their `name`,
/// arrays of those joined with commas.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => ["name", "title", "value", "@value"]
            .iter()
            .find_map(|k| map.get(*k).and_then(text_of)),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(text_of)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
