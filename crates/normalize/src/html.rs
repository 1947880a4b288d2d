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

/// Which extractor's body to use: the per-page choice, or one of them always
/// (for measuring each on a benchmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extractor {
    /// Run both and pick per page.
    #[default]
    Auto,
    /// trafilatura only.
    Trafilatura,
    /// dom_smoothie only.
    DomSmoothie,
}

/// Extracts the article of a page.
pub fn extract(page: &str) -> Extracted {
    extract_with(page, Extractor::Auto)
}

/// Extracts the article of a page with the given extractor choice.
pub fn extract_with(page: &str, extractor: Extractor) -> Extracted {
    let mut out = Extracted::default();
    let depth = approx_depth(page);
    let deep = depth > MAX_DEPTH_FOR_EXTRACTORS;
    let traf = (!deep && extractor != Extractor::DomSmoothie)
        .then(|| run_trafilatura(page))
        .flatten();
    let smooth = (!deep && extractor != Extractor::Trafilatura)
        .then(|| run_dom_smoothie(page))
        .flatten();
    let mut meta = Metadata::default();
    if let Some((_, m)) = &traf {
        merge(&mut meta, m);
    }
    if let Some((_, m)) = &smooth {
        merge(&mut meta, m);
    }
    let traf_units = traf
        .as_ref()
        .map(|(html, _)| units_of(html, &mut out.removed, &mut out.fixes))
        .unwrap_or_default();
    let mut smooth_removed = Vec::new();
    let mut smooth_fixes = Fixes::default();
    let smooth_units = smooth
        .as_ref()
        .map(|(html, _)| units_of(html, &mut smooth_removed, &mut smooth_fixes))
        .unwrap_or_default();
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
    // Dates come from our own reading of the page's head (see `page_meta`).
    opts.html_date_mode = trafilatura::HtmlDateMode::Disabled;
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
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
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

/// Picks the body (measured on the article-extraction benchmark, `cargo xtask
/// bench-html`). trafilatura's by default: it keeps less furniture. dom_smoothie's
/// when it holds (80% of the words of) trafilatura's body plus 30% to 250% more, mostly prose (trafilatura
/// keeps only the first container when a site splits the body; far more than that is
/// dom_smoothie reading comments or teasers, unless nearly all of it is prose: a
/// body split into many parts); and when trafilatura holds (80% of)
/// dom_smoothie's body and more (trafilatura falls back to the whole page on short
/// articles, and what it adds then is furniture).
fn choose(traf: Vec<Unit>, smooth: Vec<Unit>) -> (Vec<Unit>, String) {
    let t_words = words(&traf);
    let s_words = words(&smooth);
    if t_words.is_empty() && s_words.is_empty() {
        return (Vec::new(), "none".to_string());
    }
    if t_words.is_empty() {
        return (
            smooth,
            "dom_smoothie (trafilatura found nothing)".to_string(),
        );
    }
    if s_words.is_empty() {
        return (traf, "trafilatura (dom_smoothie found nothing)".to_string());
    }
    let (nt, ns) = (t_words.len() as f64, s_words.len() as f64);
    if ns >= nt {
        let extra = extra_prose(&smooth, &traf);
        let holds = contained(&t_words, &s_words) > 0.8;
        if ns > nt * 1.3 && ns < nt * 3.5 && holds && extra >= 0.5 {
            return (
                smooth,
                format!(
                    "dom_smoothie (holds trafilatura's body and more prose, {:.0}% of the extra)",
                    extra * 100.0
                ),
            );
        }
        // A body split into many sibling containers (a live page's entries, a long
        // read's sections): trafilatura keeps the first, dom_smoothie all of them. Far
        // more words are taken only when nearly all of them are prose.
        if ns >= nt * 3.5 && holds && extra >= SPLIT_BODY_PROSE {
            return (
                smooth,
                format!(
                    "dom_smoothie (trafilatura kept one part of a split body; {:.0}% of the rest is prose)",
                    extra * 100.0
                ),
            );
        }
        (traf, "trafilatura".to_string())
    } else {
        if nt > ns * 1.05 && contained(&s_words, &t_words) > 0.8 {
            return (
                smooth,
                "dom_smoothie (trafilatura holds its body and more)".to_string(),
            );
        }
        (traf, "trafilatura".to_string())
    }
}

/// Share of prose in dom_smoothie's extra words at which a body of many times
/// trafilatura's is taken as one split into parts (comments and teasers are mostly
/// short lines and fall below it).
const SPLIT_BODY_PROSE: f64 = 0.8;

/// Of the words in units of `longer` that `shorter` does not have, the share in prose
/// units (12 words or more, ending like a sentence).
fn extra_prose(longer: &[Unit], shorter: &[Unit]) -> f64 {
    let mut have: std::collections::HashSet<(String, String, String)> =
        std::collections::HashSet::new();
    for unit in shorter {
        let w: Vec<String> = unit_words(&unit.text);
        for t in w.windows(3) {
            have.insert((t[0].clone(), t[1].clone(), t[2].clone()));
        }
    }
    let (mut prose, mut total) = (0usize, 0usize);
    for unit in longer {
        let w = unit_words(&unit.text);
        let n_tri = w.len().saturating_sub(2);
        let known = w
            .windows(3)
            .filter(|t| have.contains(&(t[0].clone(), t[1].clone(), t[2].clone())))
            .count();
        if n_tri > 0 && known * 2 >= n_tri {
            continue;
        }
        if n_tri == 0
            && w.iter().all(|x| {
                shorter
                    .iter()
                    .any(|u| u.text.to_lowercase().contains(x.as_str()))
            })
        {
            continue;
        }
        total += w.len();
        if w.len() >= 12 && crate::lines::ends_like_sentence(&unit.text) {
            prose += w.len();
        }
    }
    if total == 0 {
        0.0
    } else {
        prose as f64 / total as f64
    }
}

fn unit_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn words(units: &[Unit]) -> Vec<String> {
    units.iter().flat_map(|u| unit_words(&u.text)).collect()
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
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "br"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "address"
            | "body"
            | "html"
            | "head"
            | "title"
    )
}

fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "embed"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "head"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "math"
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
    let flush = |buf: &mut String,
                 units: &mut Vec<Unit>,
                 removed: &mut Vec<Removed>,
                 fixes: &mut Fixes,
                 caption: bool,
                 heading: bool,
                 bullet: bool| {
        let text = clean(buf, fixes);
        buf.clear();
        if text.is_empty() {
            return;
        }
        if caption {
            removed.push(Removed {
                text,
                reason: "image caption (figure caption)".to_string(),
            });
        } else {
            units.push(Unit {
                text,
                byte: None,
                bullet,
                heading,
                after_blank: true,
            });
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
                        flush(
                            &mut buf,
                            &mut units,
                            removed,
                            fixes,
                            caption_depth > 0,
                            heading_now,
                            bullet_now,
                        );
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
                        flush(
                            &mut buf,
                            &mut units,
                            removed,
                            fixes,
                            caption_depth > 0,
                            heading_now,
                            bullet_now,
                        );
                    }
                    match tag {
                        "figcaption" | "caption" => caption_depth = caption_depth.saturating_sub(1),
                        "ul" | "ol" => list_depth = list_depth.saturating_sub(1),
                        "li" => in_li = in_li.saturating_sub(1),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            heading_depth = heading_depth.saturating_sub(1)
                        }
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
    flush(
        &mut buf,
        &mut units,
        removed,
        fixes,
        caption_depth > 0,
        heading_now,
        bullet_now,
    );
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
        let name_len = bytes[start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = page
            .get(start..start + name_len)
            .unwrap_or("")
            .to_ascii_lowercase();
        let void = matches!(
            name.as_str(),
            "br" | "img"
                | "meta"
                | "link"
                | "input"
                | "hr"
                | "source"
                | "area"
                | "base"
                | "col"
                | "embed"
                | "param"
                | "track"
                | "wbr"
        );
        if closing {
            depth = depth.saturating_sub(1);
        } else if !void {
            let tag_end = bytes[start..]
                .iter()
                .position(|&b| b == b'>')
                .map(|p| start + p);
            if !tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/') {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

/// Metadata from the page's own tags: `<meta>` (Open Graph, article, Dublin Core),
/// JSON-LD, `<time datetime>`, `<link rel=canonical>`, `<title>`. Only the head and
/// the JSON-LD scripts are parsed, not the whole page again.
pub fn page_meta(page: &str) -> Metadata {
    let lower_head_end = find_ci(page, "</head>").unwrap_or(page.len().min(64 * 1024));
    let mut cut = lower_head_end.min(page.len());
    while !page.is_char_boundary(cut) {
        cut -= 1;
    }
    let doc = Html::parse_document(&page[..cut]);
    let mut meta = Metadata::default();
    // JSON-LD first: it is the most structured statement of these fields.
    for raw in scripts_of_type(page, "application/ld+json") {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) {
            json_ld(&value, &mut meta, 0);
        }
    }
    let sel = |s: &str| scraper::Selector::parse(s).ok();
    let meta_content = |names: &[&str]| -> Option<String> {
        let selector = sel("meta")?;
        for name in names {
            for el in doc.select(&selector) {
                let v = el.value();
                let key = v
                    .attr("property")
                    .or_else(|| v.attr("name"))
                    .or_else(|| v.attr("itemprop"))
                    .unwrap_or("");
                if key.eq_ignore_ascii_case(name) {
                    if let Some(content) = v.attr("content").and_then(nonempty) {
                        return Some(content);
                    }
                }
            }
        }
        None
    };
    let fill = |slot: &mut Option<String>, v: Option<String>| {
        if slot.is_none() {
            *slot = v;
        }
    };
    fill(
        &mut meta.title,
        meta_content(&["og:title", "twitter:title", "dc.title", "headline"]),
    );
    fill(
        &mut meta.outlet,
        meta_content(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
        ]),
    );
    fill(
        &mut meta.published,
        meta_content(&[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ]),
    );
    fill(
        &mut meta.author,
        meta_content(&[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "byl",
        ]),
    );
    if meta.url.is_none() {
        meta.url = sel(r#"link[rel="canonical"]"#)
            .and_then(|s| {
                doc.select(&s)
                    .next()
                    .and_then(|el| el.value().attr("href").and_then(nonempty))
            })
            .or_else(|| meta_content(&["og:url"]));
    }
    if meta.published.is_none() {
        meta.published = time_datetime(page);
    }
    if meta.title.is_none() {
        meta.title = sel("title")
            .and_then(|s| {
                doc.select(&s)
                    .next()
                    .map(|el| el.text().collect::<String>())
            })
            .and_then(|t| nonempty(&t));
    }
    meta
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The contents of the `<script type="...">` elements of a page, found by scanning.
fn scripts_of_type<'a>(page: &'a str, kind: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = page.get(from..).and_then(|rest| rest.find(kind)) {
        let tag_at = from + at;
        let Some(open_end) = page[tag_at..].find('>').map(|i| tag_at + i + 1) else {
            break;
        };
        let Some(close) = find_ci(&page[open_end..], "</script").map(|i| open_end + i) else {
            break;
        };
        out.push(&page[open_end..close]);
        from = close;
    }
    out
}

/// The `datetime` of the first `<time>` element.
fn time_datetime(page: &str) -> Option<String> {
    let at = find_ci(page, "<time")?;
    let tag_end = page[at..].find('>').map(|i| at + i)?;
    let tag = &page[at..tag_end];
    let attr = find_ci(tag, "datetime=")?;
    let rest = &tag[attr + "datetime=".len()..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    nonempty(value)
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
            let kind = map
                .get("@type")
                .map(|t| t.to_string().to_lowercase())
                .unwrap_or_default();
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
                            .filter_map(|x| {
                                x.as_str().map(str::to_string).or_else(|| {
                                    x.get("name").and_then(|n| n.as_str()).map(str::to_string)
                                })
                            })
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
            set(
                &mut meta.url,
                text(map.get("url")).or_else(|| {
                    text(map.get("mainEntityOfPage")).filter(|u| u.starts_with("http"))
                }),
            );
        }
        _ => {}
    }
}
