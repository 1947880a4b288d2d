//! HTML pages: the article body through two well-kept extractors (trafilatura and
//! dom_smoothie), the better of the two chosen per page, turned into [`Unit`]s for
//! the same line clean-up as text; and the page's metadata (title, site name,
//! published date from meta tags / JSON-LD / `<time>`, author, canonical URL).

use std::collections::HashMap;

use records::{Metadata, Removed};
use scraper::{Html, Node};

use crate::lines::Unit;
use crate::unicode::{Fixes, clean};

/// Pages nested deeper than this are not given to the extractors, whose tree walks
/// recurse; our own walk is iterative and reads them instead.
const MAX_DEPTH_FOR_EXTRACTORS: usize = 400;

/// What came out of a page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The body as units, in order.
    pub units: Vec<Unit>,
    /// Metadata of the page.
    pub meta: Metadata,
    /// Parts dropped before the line clean-up (figure captions), and why.
    pub removed: Vec<Removed>,
    /// Which extractor's body was used, and why.
    pub chosen: String,
    /// Invisible and control characters removed, mojibake repaired.
    pub fixes: Fixes,
}

/// Extracts the article of a page.
pub fn extract(page: &str) -> Extracted {
    let mut out = Extracted::default();
    let depth = approx_depth(page);
    let (traf, smooth) = if depth <= MAX_DEPTH_FOR_EXTRACTORS {
        (run_trafilatura(page), run_dom_smoothie(page))
    } else {
        (None, None)
    };
    let mut meta = Metadata::default();
    if let Some((_, m)) = &traf {
        merge(&mut meta, m);
    }
    if let Some((_, m)) = &smooth {
        merge(&mut meta, m);
    }
    let traf_units = traf.as_ref().map(|(html, _)| units_of(html, &mut out.removed, &mut out.fixes)).unwrap_or_default();
    let mut smooth_removed = Vec::new();
    let mut smooth_fixes = Fixes::default();
    let smooth_units = smooth.as_ref().map(|(html, _)| units_of(html, &mut smooth_removed, &mut smooth_fixes)).unwrap_or_default();
    let (units, chosen) = choose(traf_units, smooth_units);
    if chosen.starts_with("dom_smoothie") {
        out.removed = smooth_removed;
        out.fixes = smooth_fixes;
    }
    out.units = units;
    out.chosen = chosen;
    if out.units.is_empty() {
        // Neither extractor found a body (or the page is too deep for them): read the
        // whole page's text and let the line clean-up decide.
        let doc = Html::parse_document(page);
        out.units = walk(&doc, &mut out.removed, &mut out.fixes);
        out.chosen = format!("whole page (nesting depth {depth})");
    }
    let own = page_meta(page);
    merge(&mut meta, &own);
    out.meta = meta;
    locate(page, &mut out.units);
    out
}

/// Fills the empty fields of `into` from `from`.
fn merge(into: &mut Metadata, from: &Metadata) {
    let fill = |slot: &mut Option<String>, value: &Option<String>| {
        if slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                *slot = Some(v.to_string());
            }
        }
    };
    fill(&mut into.title, &from.title);
    fill(&mut into.outlet, &from.outlet);
    fill(&mut into.url, &from.url);
    fill(&mut into.published, &from.published);
    fill(&mut into.author, &from.author);
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn run_trafilatura(page: &str) -> Option<(String, Metadata)> {
    let mut opts = trafilatura::Options::default();
    opts.focus = trafilatura::ExtractionFocus::FavorRecall;
    opts.exclude_comments = true;
    opts.include_links = true;
    let result = trafilatura::extract(page, &opts).ok()?;
    let m = &result.metadata;
    let meta = Metadata {
        title: nonempty(&m.title),
        outlet: nonempty(&m.sitename),
        url: nonempty(&m.url),
        published: m.date.map(|d| d.format("%Y-%m-%d").to_string()),
        author: nonempty(&m.author),
    };
    Some((result.content_html, meta))
}

fn run_dom_smoothie(page: &str) -> Option<(String, Metadata)> {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(page, None, Some(cfg)).ok()?;
    let article = readability.parse().ok()?;
    let meta = Metadata {
        title: nonempty(&article.title),
        outlet: article.site_name.as_deref().and_then(nonempty),
        url: article.url.as_deref().and_then(nonempty),
        published: article.published_time.as_deref().and_then(nonempty),
        author: article.byline.as_deref().and_then(nonempty),
    };
    Some((article.content.to_string(), meta))
}

/// Picks the body: trafilatura's by default (it keeps less furniture); dom_smoothie's
/// when trafilatura found little or only part of what dom_smoothie found (it keeps
/// only the first container when a site splits the body).
fn choose(traf: Vec<Unit>, smooth: Vec<Unit>) -> (Vec<Unit>, String) {
    let t_words = words(&traf);
    let s_words = words(&smooth);
    if t_words.is_empty() && s_words.is_empty() {
        return (Vec::new(), "none".to_string());
    }
    if t_words.is_empty() {
        return (smooth, "dom_smoothie (trafilatura found nothing)".to_string());
    }
    if s_words.is_empty() {
        return (traf, "trafilatura (dom_smoothie found nothing)".to_string());
    }
    let t_in_s = contained(&t_words, &s_words);
    let s_in_t = contained(&s_words, &t_words);
    let (nt, ns) = (t_words.len() as f64, s_words.len() as f64);
    if ns > nt * 1.25 && t_in_s > 0.9 {
        return (smooth, format!("dom_smoothie (holds trafilatura's body and {:.0}% more)", (ns / nt - 1.0) * 100.0));
    }
    if nt > ns * 2.0 && s_in_t > 0.9 && ns >= 80.0 {
        return (smooth, "dom_smoothie (trafilatura read far more than the article)".to_string());
    }
    (traf, "trafilatura".to_string())
}

fn words(units: &[Unit]) -> Vec<String> {
    units.iter().flat_map(|u| u.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)).collect()
}

/// Share of the words of `a` (as a multiset) that `b` holds.
fn contained(a: &[String], b: &[String]) -> f64 {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in b {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let mut hit = 0usize;
    for w in a {
        if let Some(c) = counts.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                hit += 1;
            }
        }
    }
    hit as f64 / a.len().max(1) as f64
}

/// Parses an HTML fragment (an extractor's output) into units.
fn units_of(fragment: &str, removed: &mut Vec<Removed>, fixes: &mut Fixes) -> Vec<Unit> {
    let doc = Html::parse_fragment(fragment);
    walk(&doc, removed, fixes)
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "pre" | "figure" | "figcaption" | "table" | "thead" | "tbody"
            | "tr" | "td" | "th" | "caption" | "hr" | "br" | "form" | "fieldset" | "details" | "summary" | "address" | "body" | "html"
            | "head" | "title"
    )
}

fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "object" | "embed" | "button" | "select" | "option" | "textarea"
            | "input" | "head" | "canvas" | "video" | "audio" | "map" | "math"
    )
}

/// Walks a parsed tree without recursion (pages can nest thousands deep), cutting
/// text into units at block elements. Figure captions are set aside as removed.
fn walk(doc: &Html, removed: &mut Vec<Removed>, fixes: &mut Fixes) -> Vec<Unit> {
    use ego_tree::iter::Edge;
    let mut units = Vec::new();
    let mut buf = String::new();
    let mut skip_depth = 0usize;
    let mut caption_depth = 0usize;
    let mut list_depth = 0usize;
    let mut heading_depth = 0usize;
    let mut in_li = 0usize;
    let mut heading_now = false;
    let mut bullet_now = false;
    let flush = |buf: &mut String, units: &mut Vec<Unit>, removed: &mut Vec<Removed>, fixes: &mut Fixes, caption: bool, heading: bool, bullet: bool| {
        let text = clean(buf, fixes);
        buf.clear();
        if text.is_empty() {
            return;
        }
        if caption {
            removed.push(Removed { text, reason: "image caption (figure caption)".to_string() });
        } else {
            units.push(Unit { text, byte: None, bullet, heading, after_blank: true });
        }
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let tag = el.name();
                    if skip_depth > 0 || is_skipped(tag) {
                        skip_depth += 1;
                        continue;
                    }
                    if is_block(tag) {
                        flush(&mut buf, &mut units, removed, fixes, caption_depth > 0, heading_now, bullet_now);
                        heading_now = heading_depth > 0;
                        bullet_now = in_li > 0;
                    }
                    match tag {
                        "figcaption" | "caption" => caption_depth += 1,
                        "ul" | "ol" => list_depth += 1,
                        "li" => {
                            in_li += 1;
                            bullet_now = true;
                        }
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            heading_depth += 1;
                            heading_now = true;
                        }
                        _ => {}
                    }
                }
                Node::Text(text) if skip_depth == 0 => buf.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let tag = el.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if is_block(tag) {
                        flush(&mut buf, &mut units, removed, fixes, caption_depth > 0, heading_now, bullet_now);
                    }
                    match tag {
                        "figcaption" | "caption" => caption_depth = caption_depth.saturating_sub(1),
                        "ul" | "ol" => list_depth = list_depth.saturating_sub(1),
                        "li" => in_li = in_li.saturating_sub(1),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => heading_depth = heading_depth.saturating_sub(1),
                        _ => {}
                    }
                    if is_block(tag) {
                        heading_now = heading_depth > 0;
                        bullet_now = in_li > 0;
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut units, removed, fixes, caption_depth > 0, heading_now, bullet_now);
    let _ = list_depth;
    units
}

/// Sets each unit's byte offset in the page where its first words are found verbatim
/// (text with entities or markup inside its first words stays unmapped).
fn locate(page: &str, units: &mut [Unit]) {
    let mut from = 0usize;
    for unit in units.iter_mut() {
        let mut probe_end = unit.text.len().min(24);
        while !unit.text.is_char_boundary(probe_end) {
            probe_end -= 1;
        }
        let probe = &unit.text[..probe_end];
        if probe.is_empty() {
            continue;
        }
        if let Some(at) = page.get(from..).and_then(|rest| rest.find(probe)) {
            unit.byte = Some(from + at);
            from += at + probe.len();
        } else if let Some(at) = page.find(probe) {
            unit.byte = Some(at);
        }
    }
}

/// The deepest nesting of elements, counted from the tags without parsing (void
/// elements and self-closing tags do not nest).
pub fn approx_depth(page: &str) -> usize {
    let bytes = page.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0usize;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = bytes[start.min(bytes.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = page.get(start..start + name_len).unwrap_or("").to_ascii_lowercase();
        let void = matches!(
            name.as_str(),
            "br" | "img" | "meta" | "link" | "input" | "hr" | "source" | "area" | "base" | "col" | "embed" | "param" | "track" | "wbr"
        );
        if closing {
            depth = depth.saturating_sub(1);
        } else if !void {
            let tag_end = bytes[start..].iter().position(|&b| b == b'>').map(|p| start + p);
            if !tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/') {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Metadata from the page's own tags: `<meta>` (Open Graph, article, Dublin Core),
/// JSON-LD, `<time datetime>`, `<link rel=canonical>`, `<title>`.
pub fn page_meta(page: &str) -> Metadata {
    let doc = Html::parse_document(page);
    let mut meta = Metadata::default();
    let sel = |s: &str| scraper::Selector::parse(s).ok();
    let meta_content = |names: &[&str]| -> Option<String> {
        let selector = sel("meta")?;
        for name in names {
            for el in doc.select(&selector) {
                let v = el.value();
                let key = v.attr("property").or_else(|| v.attr("name")).or_else(|| v.attr("itemprop")).unwrap_or("");
                if key.eq_ignore_ascii_case(name) {
                    if let Some(content) = v.attr("content").and_then(nonempty) {
                        return Some(content);
                    }
                }
            }
        }
        None
    };
    // JSON-LD first: it is the most structured statement of these fields.
    if let Some(selector) = sel(r#"script[type="application/ld+json"]"#) {
        for el in doc.select(&selector) {
            let raw: String = el.text().collect();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) {
                json_ld(&value, &mut meta, 0);
            }
        }
    }
    let fill = |slot: &mut Option<String>, v: Option<String>| {
        if slot.is_none() {
            *slot = v;
        }
    };
    fill(&mut meta.title, meta_content(&["og:title", "twitter:title", "dc.title", "headline"]));
    fill(&mut meta.outlet, meta_content(&["og:site_name", "application-name", "publisher", "dc.publisher"]));
    fill(
        &mut meta.published,
        meta_content(&["article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"]),
    );
    fill(&mut meta.author, meta_content(&["author", "article:author", "dc.creator", "parsely-author", "byl"]));
    if meta.url.is_none() {
        meta.url = sel(r#"link[rel="canonical"]"#)
            .and_then(|s| doc.select(&s).next().and_then(|el| el.value().attr("href").and_then(nonempty)))
            .or_else(|| meta_content(&["og:url"]));
    }
    if meta.published.is_none() {
        meta.published = sel("time[datetime]").and_then(|s| doc.select(&s).next().and_then(|el| el.value().attr("datetime").and_then(nonempty)));
    }
    if meta.title.is_none() {
        meta.title = sel("title").and_then(|s| doc.select(&s).next().map(|el| el.text().collect::<String>())).and_then(|t| nonempty(&t));
    }
    meta
}

/// Reads an article object of JSON-LD (possibly inside `@graph` or an array).
fn json_ld(value: &serde_json::Value, meta: &mut Metadata, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| json_ld(v, meta, depth + 1)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, meta, depth + 1);
            }
            let kind = map.get("@type").map(|t| t.to_string().to_lowercase()).unwrap_or_default();
            if !(kind.contains("article") || kind.contains("posting") || kind.contains("report")) {
                return;
            }
            let text = |v: Option<&Value>| -> Option<String> {
                match v? {
                    Value::String(s) => nonempty(s),
                    Value::Object(o) => o.get("name").and_then(|n| n.as_str()).and_then(nonempty),
                    Value::Array(a) => {
                        let names: Vec<String> = a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_string).or_else(|| x.get("name").and_then(|n| n.as_str()).map(str::to_string)))
                            .collect();
                        (!names.is_empty()).then(|| names.join(", "))
                    }
                    _ => None,
                }
            };
            let set = |slot: &mut Option<String>, v: Option<String>| {
                if slot.is_none() {
                    *slot = v;
                }
            };
            set(&mut meta.title, text(map.get("headline")));
            set(&mut meta.published, text(map.get("datePublished")));
            set(&mut meta.author, text(map.get("author")));
            set(&mut meta.outlet, text(map.get("publisher")));
            set(&mut meta.url, text(map.get("url")).or_else(|| text(map.get("mainEntityOfPage")).filter(|u| u.starts_with("http"))));
        }
        _ => {}
    }
}
