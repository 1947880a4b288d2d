//! `report.html`: the content of `summary.md` as one self-contained page, with
//! pictures where they help: each disputed figure as a number line showing every
//! source's interval, the source-similarity matrix of each story as a heat map, and
//! the timeline.
//!
//! Self-contained: inline CSS and SVG only, no script, no font, no image or link
//! outside the page; a Content-Security-Policy forbids loading anything, so even a
//! mistake in escaping could not run a script or reach the network. Every text taken
//! from an article is HTML-escaped, with invisible control characters shown as
//! `[U+XXXX]`.

use std::collections::BTreeMap;
use std::fmt::Write;

use records::{Fact, FactMention, Reconciled, Relation};

use crate::ReportConfig;
use crate::csv::format_number;
use crate::summary::plural;
use crate::table::{best_estimate_readable, fact_value_readable};
use crate::text::{html_escape as h, natural_cmp, truncate};
use crate::view::{ConflictView, Evidence, View};

/// Colours of independence groups, each group its own: none is a colour the page
/// gives another meaning (the red of conflict, the greens of agreement, the grey of a
/// single source or of the best-estimate band). Groups past these are drawn hollow
/// and named by their label, never in a colour another group has.
const PALETTE: [&str; 8] = [
    "#1f77b4", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#393b79", "#e7ba52",
];

/// What a group past the palette is drawn in: a hollow mark with a dark outline.
const NO_COLOUR: &str = "none";
/// The outline of a hollow mark.
const OUTLINE: &str = "#1d2330";
/// The best-estimate band of a number line.
const BEST_BAND: &str = "#e4e7ec";
/// Timeline markers: one colour, every story (each story has its own axis).
const TIMELINE_MARK: &str = "#44546a";

const CSS: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; margin: 0;
  color: #1d2330; background: #f6f7f9; line-height: 1.45; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 60px; background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #dde4ee; }
h3 { font-size: 1.05em; margin: 22px 0 6px; }
nav a { margin-right: 12px; color: #0b57d0; text-decoration: none; }
.counts { color: #4a5567; margin: 4px 0 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid #dde4ee; border-radius: 8px; padding: 10px 14px; background: #fbfcfe; flex: 1 1 300px; }
.card ul { margin: 6px 0 0; padding-left: 18px; }
#quotes ~ .card { margin: 8px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 6px 0 12px; }
th, td { border: 1px solid #e3e7ee; padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
td, .card, .evidence, text { unicode-bidi: plaintext; }
.chip { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: baseline; }
.status { font-weight: 600; padding: 0 5px; border-radius: 4px; }
.status.conflict { background: #f8d7da; color: #8a1c24; }
.status.agreed { background: #d4edda; color: #1d5e2c; }
.status.consistent { background: #e2efda; color: #35612a; }
.status.single { background: #eceff3; color: #4a5567; }
.conflict-card { border-left: 4px solid #c0392b; padding: 6px 12px; margin: 10px 0; background: #fdf6f6; }
.evidence { margin: 2px 0 2px 18px; color: #333; }
.evidence.retracted, tr.retracted td { color: #777; text-decoration: line-through; }
mark { background: #ffe58a; padding: 0 1px; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.muted { color: #6b7586; }
svg { display: block; margin: 6px 0 4px; max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #1d2330; }
svg .small { font-size: 11px; fill: #4a5567; }
a { color: #0b57d0; }
/* A narrow screen (a phone, 420 px): the page fills it, and a table wider than the
   screen scrolls sideways instead of being cut off. */
@media (max-width: 640px) {
  main { padding: 12px 10px 40px; }
  table { display: block; overflow-x: auto; max-width: 100%; }
  nav a { display: inline-block; margin: 2px 10px 2px 0; }
  .card { flex-basis: 100%; }
  .evidence { margin-left: 6px; }
}
/* Print (A4 and Letter alike: the margins fit both, the width is the narrower A4's):
   no navigation, no page background, and a heading never left at the foot of a page
   apart from its picture or table; a picture, a card or a row is never split. */
@page { margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 + p, h3 + p { break-after: avoid; page-break-after: avoid; }
  svg, .card, .conflict-card, tr, .evidence { break-inside: avoid; page-break-inside: avoid; }
  svg { max-width: 100%; height: auto; }
  table { font-size: 9pt; }
  a { color: inherit; text-decoration: none; }
}
";

/// Renders `report.html` from canonical records.
pub fn render(rec: &Reconciled, config: &ReportConfig) -> String {
    render_with_note(rec, config, None)
}

/// [`render`], with a note under the counts (what the page leaves out).
pub fn render_with_note(rec: &Reconciled, config: &ReportConfig, note: Option<&str>) -> String {
    let view = View::new(rec, config.top_facts);
    let mut out = Out {
        buf: String::new(),
        to: None,
        error: None,
    };
    // Gathering into a String cannot fail.
    let _ = page(&mut out, &view, note);
    out.buf
}

/// [`render_with_note`] written into `to` as it is made: the page of a large corpus
/// runs to a hundred megabytes, which need not be held whole.
pub fn write_with_note(
    rec: &Reconciled,
    config: &ReportConfig,
    note: Option<&str>,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let view = View::new(rec, config.top_facts);
    let mut out = Out {
        buf: String::with_capacity(2 * CHUNK),
        to: Some(to),
        error: None,
    };
    let result = page(&mut out, &view, note);
    out.flush();
    match out.error {
        Some(err) => Err(err),
        None => result.map_err(|_| std::io::Error::other("cannot format report.html")),
    }
}

/// Bytes gathered before they are handed to the writer.
const CHUNK: usize = 1 << 16;

/// Where the page goes: a buffer, handed to a writer a chunk at a time when there
/// is one, else the whole page.
struct Out<'w> {
    buf: String,
    to: Option<&'w mut dyn std::io::Write>,
    /// The writer's first error; later text is dropped.
    error: Option<std::io::Error>,
}

impl Out<'_> {
    fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    /// Hands the buffer to the writer, if there is one.
    fn flush(&mut self) {
        let Some(to) = &mut self.to else { return };
        if self.error.is_none() {
            if let Err(err) = to.write_all(self.buf.as_bytes()) {
                self.error = Some(err);
            }
        }
        self.buf.clear();
    }
}

impl Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.push_str(s);
        Ok(())
    }
}

/// Colour of each independence group, by group order.
fn group_colors(v: &View) -> BTreeMap<String, &'static str> {
    let mut groups: Vec<&str> = v
        .rec
        .sources
        .iter()
        .filter_map(|s| s.group_id.as_deref())
        .collect();
    groups.sort_by(|a, b| natural_cmp(a, b));
    groups.dedup();
    groups
        .into_iter()
        .zip(PALETTE)
        .map(|(g, c)| (g.to_string(), c))
        .collect()
}

/// The colour of a source's group, or [`NO_COLOUR`] for a group past the palette
/// (or none).
fn color_of<'c>(colors: &'c BTreeMap<String, &'static str>, v: &View, source_id: &str) -> &'c str {
    v.group(source_id)
        .and_then(|g| colors.get(g))
        .copied()
        .unwrap_or(NO_COLOUR)
}

/// A source's readable name, a link to the article when its address is `http` or
/// `https` (a link a reader follows, not a resource the page loads; any other scheme
/// stays text).
fn source_name(v: &View, source_id: &str) -> String {
    let label = h(&v.label(source_id));
    match v.web_url(source_id) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{label}</a>",
            h(url)
        ),
        None => label,
    }
}

/// An id usable as an HTML fragment: letters, digits, `-` and `_` kept, anything
/// else as its code point.
fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::from(prefix);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            let _ = write!(out, ".{:x}", c as u32);
        }
    }
    out
}

fn page(out: &mut Out, v: &View, note: Option<&str>) -> std::fmt::Result {
    let rec = v.rec;
    let colors = group_colors(v);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>corroborate report</title>\n<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");

    let conflict_facts: usize = v.stories.iter().map(|s| s.conflict_facts).sum();
    writeln!(out, "<h1>corroborate report</h1>")?;
    writeln!(
        out,
        "<p class=\"counts\">{} ({} ok) in {} · {} · {} ({} in conflict) · {} · {} · {}</p>",
        plural(rec.sources.len(), "source"),
        v.ok_sources(),
        plural(v.stories.len(), "story"),
        plural(rec.entities.len(), "entity"),
        plural(rec.facts.len(), "fact"),
        conflict_facts,
        plural(rec.conflicts.len(), "conflict"),
        plural(rec.quotes.len(), "quote"),
        plural(rec.errors.len(), "error")
    )?;
    if let Some(note) = note {
        writeln!(out, "<p class=\"muted\">{}</p>", h(note))?;
    }
    writeln!(
        out,
        "<nav><a href=\"#stories\">Stories</a><a href=\"#sources\">Sources</a><a href=\"#disputed\">Disputed figures</a>\
         <a href=\"#conflicts\">Conflicts</a><a href=\"#facts\">Best-corroborated facts</a><a href=\"#similarity\">Similarity</a>\
         <a href=\"#timeline\">Timeline</a><a href=\"#quotes\">Statements</a><a href=\"#variants\">Name variants</a><a href=\"#retracted\">Retracted</a>\
         <a href=\"#errors\">Errors</a></nav>"
    )?;

    stories(out, v)?;
    sources(out, v, &colors)?;
    disputed(out, v, &colors)?;
    conflicts(out, v)?;
    best_facts(out, v)?;
    similarity(out, v)?;
    timeline(out, v)?;
    shared_quotes(out, v)?;
    variants(out, v)?;
    retracted(out, v)?;
    errors(out, v)?;
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(())
}

fn stories(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"stories\">Stories</h2>")?;
    if v.stories.is_empty() {
        return writeln!(
            out,
            "<p class=\"muted\">No story: no source could be read.</p>"
        );
    }
    writeln!(out, "<div class=\"cards\">")?;
    // The largest stories first (most sources, then most facts), then by id.
    let mut by_size: Vec<&crate::view::Story> = v.stories.iter().collect();
    by_size.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(b.facts.cmp(&a.facts))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    for s in by_size {
        write!(
            out,
            "<div class=\"card\"><h3>Story <span class=\"id\">{}</span>",
            h(&s.id)
        )?;
        if let Some((a, b)) = &s.dates {
            if a == b {
                write!(out, " <span class=\"muted\">{}</span>", h(a))?;
            } else {
                write!(out, " <span class=\"muted\">{} to {}</span>", h(a), h(b))?;
            }
        }
        writeln!(out, "</h3>")?;
        writeln!(
            out,
            "<div>{}, <b>{} independent</b> · {}, {} in conflict · {}</div><ul>",
            plural(s.sources.len(), "source"),
            s.groups.len(),
            plural(s.facts, "fact"),
            s.conflict_facts,
            plural(s.conflicts, "conflict")
        )?;
        for src in &s.sources {
            if let Some(title) = &src.title {
                writeln!(
                    out,
                    "<li><b>{}</b>: {}</li>",
                    source_name(v, &src.source_id),
                    h(title)
                )?;
            }
        }
        writeln!(out, "</ul></div>")?;
    }
    writeln!(out, "</div>")
}

fn sources(out: &mut Out, v: &View, colors: &BTreeMap<String, &'static str>) -> std::fmt::Result {
    writeln!(
        out,
        "<h2 id=\"sources\">Sources and their independence</h2>"
    )?;
    writeln!(
        out,
        "<p>Sources in one group copy or paraphrase each other (or one common original): together they are one \
         confirmation. The colour of a group is used in the pictures below; groups past the first {} are drawn \
         hollow and named by their label. A title or a source's name links to the article where its address is \
         known.</p>",
        PALETTE.len()
    )?;
    writeln!(
        out,
        "<table><tr><th>story</th><th>group</th><th>source_id</th><th>outlet</th><th>published</th><th>words</th><th>status</th><th>title</th></tr>"
    )?;
    let placed = v.stories.iter().flat_map(|s| {
        s.groups
            .iter()
            .flat_map(move |(_, g)| g.iter().map(move |x| (Some(s), *x)))
    });
    let unplaced = v.unplaced.iter().map(|x| (None, *x));
    for (story, s) in placed.chain(unplaced) {
        let color = color_of(colors, v, &s.source_id);
        writeln!(
            out,
            "<tr id=\"{}\"><td class=\"id\">{}</td><td><span class=\"chip\" style=\"{}\"></span>{}</td><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            anchor("src-", &s.source_id),
            h(story.map(|s| s.id.as_str()).unwrap_or("")),
            match (s.group_id.is_some(), color) {
                (false, _) => "background:transparent".to_string(),
                (true, NO_COLOUR) => format!("background:#fff;border:1.5px solid {OUTLINE}"),
                (true, c) => format!("background:{c}"),
            },
            h(s.group_id.as_deref().unwrap_or("")),
            h(&s.source_id),
            h(s.outlet.as_deref().unwrap_or("")),
            h(s.published.as_deref().unwrap_or("")),
            s.words,
            h(&s.status.label()),
            {
                let title = h(s.title.as_deref().unwrap_or(""));
                match v.web_url(&s.source_id) {
                    Some(url) if !title.is_empty() => format!(
                        "<a href=\"{}\" rel=\"noopener noreferrer\">{title}</a>",
                        h(url)
                    ),
                    _ => title,
                }
            }
        )?;
    }
    writeln!(out, "</table>")
}

/// A round step (1, 2 or 5 times a power of ten) near `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// SVG numbers: short, and the same on every platform.
fn n(x: f64) -> String {
    format!("{:.1}", x)
}

fn disputed(out: &mut Out, v: &View, colors: &BTreeMap<String, &'static str>) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"disputed\">Disputed figures</h2>")?;
    if v.disputed.is_empty() {
        return writeln!(out, "<p class=\"muted\">No figure is disputed.</p>");
    }
    writeln!(
        out,
        "<p>Each bar is the interval one source's wording allows (a dot: an exact figure), coloured by independence \
         group (named after the source); a source that repeats a figure has one row, its count after the figure \
         (×2); the grey band is the best estimate; dashed bars were withdrawn by their source.</p>"
    )?;
    for fact in &v.disputed {
        let mentions = v.mentions(&fact.fact_id);
        writeln!(
            out,
            "<h3 id=\"{}\"><span class=\"id\">{}</span> · {} <span class=\"muted\">(story {})</span> <span class=\"status {}\">{}</span></h3>",
            anchor("fact-", &fact.fact_id),
            h(&fact.fact_id),
            h(&fact.what),
            h(&fact.story_id),
            fact.status.as_str(),
            fact.status.as_str()
        )?;
        number_line(out, v, colors, fact, mentions)?;
    }
    Ok(())
}

fn number_line(
    out: &mut Out,
    v: &View,
    colors: &BTreeMap<String, &'static str>,
    fact: &Fact,
    mentions: &[&FactMention],
) -> std::fmt::Result {
    // One row per source and figure: a source repeating a figure (the same interval,
    // withdrawn or not) is one row with its count, so a large corpus draws one row
    // per source, not per mention.
    let mut repeated: BTreeMap<(&str, u64, u64, bool), (&FactMention, usize)> = BTreeMap::new();
    for m in mentions
        .iter()
        .copied()
        // An open bound (`at least 12`: an infinite high) is drawn to the axis's end.
        .filter(|m| m.low.is_finite() && !m.high.is_nan() && m.high != f64::NEG_INFINITY)
    {
        repeated
            .entry((
                m.source_id.as_str(),
                m.low.to_bits(),
                m.high.to_bits(),
                m.retracted,
            ))
            .or_insert((m, 0))
            .1 += 1;
    }
    let mut rows: Vec<(&FactMention, usize)> = repeated.into_values().collect();
    rows.sort_by(|(a, _), (b, _)| {
        a.low
            .total_cmp(&b.low)
            .then(a.high.total_cmp(&b.high))
            .then_with(|| natural_cmp(&a.source_id, &b.source_id))
            .then(a.retracted.cmp(&b.retracted))
    });
    if rows.is_empty() {
        return Ok(());
    }
    let mut lo = rows
        .iter()
        .map(|(m, _)| m.low.min(m.high))
        .fold(f64::INFINITY, f64::min);
    // The axis spans every finite end; an open interval runs off its right end.
    let mut hi = rows
        .iter()
        .map(|(m, _)| {
            if m.high.is_finite() {
                m.high.max(m.low)
            } else {
                m.low
            }
        })
        .fold(f64::NEG_INFINITY, f64::max);
    // The best estimate's ends: an absent high with a low is open (`12+`).
    let best = fact.best_low.filter(|bl| bl.is_finite()).map(|bl| {
        (
            bl,
            fact.best_high
                .filter(|bh| bh.is_finite())
                .unwrap_or(f64::INFINITY),
        )
    });
    if let Some((bl, bh)) = best {
        lo = lo.min(bl);
        hi = hi.max(if bh.is_finite() { bh } else { bl });
    }
    let span = hi - lo;
    if span <= 0.0 {
        let pad = (lo.abs() * 0.1).max(1.0);
        lo -= pad;
        hi += pad;
    } else {
        lo -= span * 0.06;
        hi += span * 0.06;
    }
    let (width, left, plot_right) = (960.0, 230.0, 800.0);
    let (top, row_h) = (22.0, 26.0);
    // Clamped to the plot: an open end is drawn at the axis's right end.
    let x =
        |val: f64| (left + (val - lo) / (hi - lo) * (plot_right - left)).clamp(left, plot_right);
    let axis_y = top + row_h * rows.len() as f64 + 6.0;
    let height = axis_y + 30.0;
    writeln!(
        out,
        "<svg viewBox=\"0 0 {width} {}\" width=\"{width}\" height=\"{}\" role=\"img\" aria-label=\"number line of {}\">",
        n(height),
        n(height),
        h(&fact.what)
    )?;
    if let Some((bl, bh)) = best {
        let (x0, x1) = (x(bl.min(bh)), x(bl.max(bh)));
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BEST_BAND}\"><title>best estimate {}</title></rect>",
            n(x0 - 1.5),
            n(top - 6.0),
            n((x1 - x0).max(0.0) + 3.0),
            n(axis_y - top + 6.0),
            h(&best_estimate_readable(
                Some(bl),
                Some(bh).filter(|v| v.is_finite())
            ))
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"small\" text-anchor=\"middle\">best estimate</text>",
            n((x0 + x1) / 2.0),
            n(top - 9.0)
        )?;
    }
    // Axis and ticks.
    let step = nice_step((hi - lo) / 6.0);
    writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{plot_right}\" y2=\"{}\" stroke=\"#8a94a6\"/>",
        n(axis_y),
        n(axis_y)
    )?;
    let mut tick = (lo / step).ceil() * step;
    let mut n_ticks = 0;
    while tick <= hi && n_ticks < 20 {
        writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8a94a6\"/><text x=\"{}\" y=\"{}\" class=\"small\" text-anchor=\"middle\">{}</text>",
            n(x(tick)),
            n(axis_y),
            n(x(tick)),
            n(axis_y + 5.0),
            n(x(tick)),
            n(axis_y + 18.0),
            format_number(tick)
        )?;
        tick += step;
        n_ticks += 1;
    }
    for (i, &(m, times)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64 + row_h / 2.0;
        let color = color_of(colors, v, &m.source_id);
        let label = truncate(&v.label(&m.source_id), 32);
        let group = v
            .group(&m.source_id)
            .map(|g| format!(" · {g}"))
            .unwrap_or_default();
        writeln!(
            out,
            "<g><title>{}: {}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{}</text>",
            h(&m.source_id),
            h(&m.sentence),
            n(left - 10.0),
            n(y + 4.0),
            h(&label),
            h(&group)
        )?;
        let (x0, x1) = (x(m.low.min(m.high)), x(m.low.max(m.high)));
        let (fill, stroke, dash) = if m.retracted {
            ("none", "#888888", " stroke-dasharray=\"4 3\"")
        } else if color == NO_COLOUR {
            ("#ffffff", OUTLINE, "")
        } else {
            (color, color, "")
        };
        if x1 - x0 < 4.0 {
            writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5.5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
                n((x0 + x1) / 2.0),
                n(y)
            )?;
        } else {
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"11\" rx=\"4\" fill=\"{fill}\" fill-opacity=\"0.75\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
                n(x0),
                n(y - 5.5),
                n(x1 - x0)
            )?;
        }
        if !m.high.is_finite() {
            // No upper bound: an arrowhead past the axis's end.
            writeln!(
                out,
                "<polygon points=\"{},{} {},{} {},{}\" fill=\"{stroke}\"/>",
                n(x1 + 1.0),
                n(y - 7.0),
                n(x1 + 9.0),
                n(y),
                n(x1 + 1.0),
                n(y + 7.0)
            )?;
        }
        let retracted = if m.retracted { " (retracted)" } else { "" };
        let times = if times > 1 {
            format!(" ×{times}")
        } else {
            String::new()
        };
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\"{}>{}{times}{}</text></g>",
            n(plot_right + 12.0),
            n(y + 4.0),
            if m.retracted {
                " class=\"small\" text-decoration=\"line-through\""
            } else {
                ""
            },
            h(&truncate(&m.text, 24)),
            retracted
        )?;
    }
    writeln!(out, "</svg>")
}

fn conflicts(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"conflicts\">Conflicts</h2>")?;
    if v.conflicts.is_empty() {
        return writeln!(
            out,
            "<p class=\"muted\">No two sources contradict each other.</p>"
        );
    }
    for c in &v.conflicts {
        conflict(out, v, c)?;
    }
    Ok(())
}

fn conflict(out: &mut Out, v: &View, c: &ConflictView) -> std::fmt::Result {
    let k = c.conflict;
    write!(
        out,
        "<div class=\"conflict-card\" id=\"{}\"><h3><span class=\"id\">{}</span> · {} · {} <span class=\"muted\">(story {})</span>",
        anchor("conflict-", &k.conflict_id),
        h(&k.conflict_id),
        k.kind.as_str(),
        h(&k.subject),
        h(&k.story_id)
    )?;
    if let Some(f) = c.fact {
        if v.disputed.iter().any(|d| d.fact_id == f.fact_id) {
            write!(
                out,
                " <a href=\"#{}\">number line</a>",
                anchor("fact-", &f.fact_id)
            )?;
        }
    }
    writeln!(out, "</h3>")?;
    for (source, value, evidence) in [
        (&k.source_a, &k.value_a, &c.evidence_a),
        (&k.source_b, &k.value_b, &c.evidence_b),
    ] {
        let detail = v.detail(source);
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"muted id\">({})</span>", h(&detail))
        };
        writeln!(
            out,
            "<div><b>{}</b>{}: {}</div>",
            source_name(v, source),
            detail,
            h(value)
        )?;
        for e in evidence {
            evidence_line(out, e)?;
        }
    }
    if !k.note.trim().is_empty() {
        writeln!(out, "<div class=\"muted\">why: {}</div>", h(&k.note))?;
    }
    writeln!(out, "</div>")
}

/// The sentence with the disputed words marked.
fn evidence_line(out: &mut Out, e: &Evidence) -> std::fmt::Result {
    let class = if e.retracted {
        "evidence retracted"
    } else {
        "evidence"
    };
    let span = e
        .span
        .map(|(a, b)| format!(" <span class=\"muted\">(chars {a}-{b})</span>"))
        .unwrap_or_default();
    let body = if e.sentence.is_empty() {
        format!("<mark>{}</mark>", h(e.text))
    } else {
        match e.sentence.find(e.text).filter(|_| !e.text.is_empty()) {
            Some(at) => format!(
                "{}<mark>{}</mark>{}",
                h(&e.sentence[..at]),
                h(e.text),
                h(&e.sentence[at + e.text.len()..])
            ),
            None => h(e.sentence),
        }
    };
    writeln!(out, "<div class=\"{class}\">“{body}”{span}</div>")
}

fn best_facts(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"facts\">Best-corroborated facts</h2>")?;
    if v.best.is_empty() {
        return writeln!(out, "<p class=\"muted\">No fact found.</p>");
    }
    writeln!(
        out,
        "<table><tr><th>fact</th><th>story</th><th>what</th><th>best estimate</th><th>status</th><th>independent sources</th><th>sources</th><th>values</th></tr>"
    )?;
    for f in &v.best {
        writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td class=\"id\">{}</td><td>{}</td><td class=\"num\">{}</td><td><span class=\"status {}\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            h(&f.fact_id),
            h(&f.story_id),
            h(&f.what),
            h(&fact_value_readable(f)),
            f.status.as_str(),
            f.status.as_str(),
            f.independent_sources,
            f.sources,
            h(&f.values.join("; "))
        )?;
    }
    writeln!(out, "</table>")
}

/// Most sources a similarity matrix shows; a larger story would need cells too small
/// to read (and a page of tens of thousands of cells).
const MAX_MATRIX: usize = 60;

/// Most cells the similarity matrices of one page draw together: each cell carries
/// its pair's evidence, and a page of a large corpus drawing every story's matrix ran
/// to a hundred megabytes that browsers open slowly or not at all. About 6 MB.
pub const MATRIX_CELLS: usize = 20_000;

/// White to dark blue.
fn heat(sim: f64) -> String {
    let t = sim.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        lerp(247.0, 8.0),
        lerp(251.0, 48.0),
        lerp(255.0, 107.0)
    )
}

fn similarity(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"similarity\">Source similarity</h2>")?;
    let pairs: BTreeMap<(&str, &str), (f64, Relation, &str)> = v
        .rec
        .source_pairs
        .iter()
        .flat_map(|p| {
            let value = (p.similarity, p.relation, p.evidence.as_str());
            [
                ((p.source_a.as_str(), p.source_b.as_str()), value),
                ((p.source_b.as_str(), p.source_a.as_str()), value),
            ]
        })
        .collect();
    let mut drawn = 0;
    let mut cells = 0;
    for story in &v.stories {
        // Sources by independence group, so that a group of copies forms a block.
        let ids: Vec<&str> = story
            .groups
            .iter()
            .flat_map(|(_, members)| members.iter().map(|s| s.source_id.as_str()))
            .collect();
        if ids.len() < 2 {
            continue;
        }
        drawn += 1;
        let story_cells = ids.len() * (ids.len() - 1);
        if ids.len() <= MAX_MATRIX && cells + story_cells > MATRIX_CELLS {
            writeln!(
                out,
                "<h3>Story <span class=\"id\">{}</span></h3><p class=\"muted\">{} sources: the matrices above fill \
                 this page's {} cells; every pair is in <span class=\"id\">source_pairs.csv</span>.</p>",
                h(&story.id),
                ids.len(),
                MATRIX_CELLS
            )?;
            continue;
        }
        if ids.len() > MAX_MATRIX {
            writeln!(
                out,
                "<h3>Story <span class=\"id\">{}</span></h3><p class=\"muted\">{} sources: too many to draw \
                 legibly; every pair is in <span class=\"id\">source_pairs.csv</span>.</p>",
                h(&story.id),
                ids.len()
            )?;
            continue;
        }
        cells += story_cells;
        let count = ids.len() as f64;
        let cell = (560.0 / count).clamp(14.0, 44.0);
        let left = 250.0;
        let top = 30.0;
        let size = cell * count;
        let width = (left + size + 20.0).max(left + 16.0 * 11.0 + 340.0);
        let height = top + size + 50.0;
        writeln!(
            out,
            "<h3>Story <span class=\"id\">{}</span></h3>",
            h(&story.id)
        )?;
        writeln!(
            out,
            "<svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"similarity matrix\">",
            n(width),
            n(height),
            n(width),
            n(height)
        )?;
        for (i, a) in ids.iter().enumerate() {
            let y = top + cell * i as f64;
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{} {}</text>",
                n(left - 8.0),
                n(y + cell / 2.0 + 4.0),
                h(a),
                i + 1,
                h(&format!(
                    "{}{}",
                    truncate(&v.label(a), 26),
                    v.group(a).map(|g| format!(" · {g}")).unwrap_or_default()
                ))
            )?;
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"small\">{}</text>",
                n(left + cell * i as f64 + cell / 2.0),
                n(top - 8.0),
                i + 1
            )?;
            for (j, b) in ids.iter().enumerate() {
                let x = left + cell * j as f64;
                if i == j {
                    writeln!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#e3e7ee\" stroke=\"#fff\"/>",
                        n(x),
                        n(y),
                        n(cell),
                        n(cell)
                    )?;
                    continue;
                }
                let pair = pairs.get(&(*a, *b)).filter(|(sim, _, _)| sim.is_finite());
                let (fill, title, stroke, text) = match pair {
                    Some((sim, rel, evidence)) => (
                        heat(*sim),
                        format!(
                            "{a} × {b}: {} {}; {}",
                            format_number(*sim),
                            rel.as_str(),
                            evidence
                        ),
                        if *rel == Relation::Derived {
                            "#c00000"
                        } else {
                            "#ffffff"
                        },
                        Some(*sim),
                    ),
                    None => (
                        "#ffffff".to_string(),
                        format!("{a} × {b}: not compared"),
                        "#e3e7ee",
                        None,
                    ),
                };
                let stroke_width = if stroke == "#c00000" { 2.5 } else { 1.0 };
                write!(
                    out,
                    "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    h(&title),
                    n(x + stroke_width / 2.0),
                    n(y + stroke_width / 2.0),
                    n(cell - stroke_width),
                    n(cell - stroke_width),
                    fill,
                    stroke,
                    stroke_width
                )?;
                if let Some(sim) = text.filter(|_| cell >= 30.0) {
                    write!(
                        out,
                        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"small\" style=\"fill:{}\">{:.2}</text>",
                        n(x + cell / 2.0),
                        n(y + cell / 2.0 + 4.0),
                        if sim > 0.55 { "#ffffff" } else { "#1d2330" },
                        sim
                    )?;
                }
                writeln!(out, "</g>")?;
            }
        }
        // Each independence group of two sources or more outlined as its block.
        let mut at = 0;
        for (_, members) in &story.groups {
            if members.len() >= 2 {
                writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{OUTLINE}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                    n(left + cell * at as f64),
                    n(top + cell * at as f64),
                    n(cell * members.len() as f64),
                    n(cell * members.len() as f64)
                )?;
            }
            at += members.len();
        }
        // Legend: the colour scale and the mark of a derived pair.
        let ly = top + size + 18.0;
        for k in 0..=10 {
            writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"10\" fill=\"{}\"/>",
                n(left + 16.0 * k as f64),
                n(ly),
                heat(k as f64 / 10.0)
            )?;
        }
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"small\" text-anchor=\"end\">similarity 0</text><text x=\"{}\" y=\"{}\" class=\"small\">1</text>",
            n(left - 6.0),
            n(ly + 9.0),
            n(left + 16.0 * 11.0 + 4.0),
            n(ly + 9.0)
        )?;
        writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"#fff\" stroke=\"#c00000\" stroke-width=\"2.5\"/><text x=\"{}\" y=\"{}\" class=\"small\">derived (one copies or paraphrases the other); dashed outline: one independence group</text>",
            n(left + 16.0 * 11.0 + 30.0),
            n(ly),
            n(left + 16.0 * 11.0 + 50.0),
            n(ly + 9.0)
        )?;
        writeln!(out, "</svg>")?;
    }
    if drawn == 0 {
        writeln!(
            out,
            "<p class=\"muted\">No story has two sources to compare.</p>"
        )?;
    }
    Ok(())
}

pub use records::date::{iso as iso_from_days, parse_period_start as days_from_iso};

/// Days before a story's first source was published that are still its own: what
/// the articles report as this week's or this month's events. Earlier dates (a
/// founding year, a past crisis) are background, listed apart from the axis.
const OWN_DAYS_BEFORE: i64 = 31;
/// Days after its last source that are still its own (an event announced for the
/// coming days).
const OWN_DAYS_AFTER: i64 = 7;

/// The days of a story's own events: from [`OWN_DAYS_BEFORE`] its first source's
/// date to [`OWN_DAYS_AFTER`] its last; with no source dated, as far around the
/// median of its dated days.
fn own_days(v: &View, story: &str, days: &[i64]) -> Option<(i64, i64)> {
    let published = v
        .stories
        .iter()
        .find(|s| s.id == story)
        .and_then(|s| s.dates.as_ref())
        .and_then(|(a, b)| Some((days_from_iso(a)?, days_from_iso(b)?)));
    match published {
        Some((first, last)) => Some((first - OWN_DAYS_BEFORE, last + OWN_DAYS_AFTER)),
        None => {
            let mut sorted = days.to_vec();
            sorted.sort_unstable();
            let median = *sorted.get(sorted.len() / 2)?;
            Some((median - OWN_DAYS_BEFORE, median + OWN_DAYS_BEFORE))
        }
    }
}

fn timeline(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"timeline\">Timeline</h2>")?;
    let events = &v.rec.timeline;
    if events.is_empty() {
        return writeln!(out, "<p class=\"muted\">No dated event.</p>");
    }
    writeln!(
        out,
        "<p>The days of each story's own events, numbered as in the table below; events of one day stand side by \
         side. Dates outside the story's days (a year or month only, or a day long before its sources) are \
         background, listed under the picture.</p>"
    )?;
    let mut stories: Vec<&str> = events.iter().map(|e| e.story_id.as_str()).collect();
    stories.sort_by(|a, b| natural_cmp(a, b));
    stories.dedup();
    // One axis per story: the events of one story are close in time, and a shared
    // axis would squeeze them into a corner next to another story's.
    for story in &stories {
        let of_story: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].story_id == *story)
            .collect();
        // Days only: a month or a year is no day to place.
        let days: Vec<(usize, i64)> = of_story
            .iter()
            .filter(|&&i| events[i].date.trim().len() == 10)
            .filter_map(|&i| records::date::parse_day(&events[i].date).map(|d| (i, d)))
            .collect();
        let window = own_days(v, story, &days.iter().map(|d| d.1).collect::<Vec<_>>());
        let own: Vec<(usize, i64)> = days
            .iter()
            .copied()
            .filter(|(_, d)| window.is_some_and(|(a, b)| (a..=b).contains(d)))
            .collect();
        let background: Vec<usize> = of_story
            .iter()
            .copied()
            .filter(|i| !own.iter().any(|(j, _)| j == i))
            .collect();
        writeln!(out, "<h3>Story <span class=\"id\">{}</span></h3>", h(story))?;
        timeline_axis(out, v, &own)?;
        if !background.is_empty() {
            let mut by_date: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &i in &background {
                by_date
                    .entry(events[i].date.as_str())
                    .or_default()
                    .push(i + 1);
            }
            let list: Vec<String> = by_date
                .iter()
                .map(|(date, numbers)| {
                    let numbers: Vec<String> = numbers.iter().map(|k| format!("#{k}")).collect();
                    format!("{} ({})", h(date), numbers.join(", "))
                })
                .collect();
            writeln!(
                out,
                "<p class=\"muted\">Background, not on the axis: {}.</p>",
                list.join("; ")
            )?;
        }
    }
    writeln!(
        out,
        "<table><tr><th>#</th><th>date</th><th>story</th><th>event</th><th>sources</th></tr>"
    )?;
    for (i, e) in events.iter().enumerate() {
        writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td class=\"id date\">{}</td><td class=\"id\">{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            h(&e.date),
            h(&e.story_id),
            h(&e.event),
            e.source_ids
                .iter()
                .map(|s| source_name(v, s))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }
    writeln!(out, "</table>")
}

/// Most rows of markers stacked at one place on a timeline; more are listed in the
/// table only.
const MAX_STACK: usize = 12;
/// Most markers of one day side by side in a row.
const MAX_SIDE_BY_SIDE: usize = 8;

/// One story's dated events (`(index in the timeline, day number)`) on an axis of
/// its days, each a numbered marker as wide as its number: the events of one day side
/// by side, in rows as wide as a day leaves room for, rows stacking upwards where
/// markers of nearby days would overlap.
fn timeline_axis(out: &mut Out, v: &View, dated: &[(usize, i64)]) -> std::fmt::Result {
    let (Some(min), Some(max)) = (
        dated.iter().map(|d| d.1).min(),
        dated.iter().map(|d| d.1).max(),
    ) else {
        return Ok(());
    };
    let (lo, hi) = if max - min < 2 {
        (min - 1, max + 1)
    } else {
        (min, max)
    };
    let (width, left, right) = (960.0, 50.0, 910.0);
    let x = |d: i64| left + (d - lo) as f64 / (hi - lo) as f64 * (right - left);
    // Every marker as wide as the longest number.
    let digits = dated
        .iter()
        .map(|(i, _)| (i + 1).to_string().len())
        .max()
        .unwrap_or(1);
    let mark_w = (7.0 * digits as f64 + 10.0).max(19.0);
    let gap = 2.0;
    let day_w = (right - left) / (hi - lo) as f64;
    let per_row = ((day_w / (mark_w + gap)).floor() as usize).clamp(1, MAX_SIDE_BY_SIDE);
    let mut by_day: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for &(i, d) in dated {
        by_day.entry(d).or_default().push(i);
    }
    // Occupied spans of each row of markers, lowest first.
    let mut levels: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut placed = Vec::new();
    for (d, mut day) in by_day {
        day.sort_unstable();
        for chunk in day.chunks(per_row) {
            let w = chunk.len() as f64 * (mark_w + gap) - gap;
            let x0 = (x(d) - w / 2.0).max(left - mark_w / 2.0);
            let span = (x0 - gap, x0 + w + gap);
            let level = levels
                .iter()
                .position(|spans| spans.iter().all(|&(a, b)| span.1 <= a || span.0 >= b))
                .unwrap_or(levels.len());
            if level >= MAX_STACK {
                continue;
            }
            if level == levels.len() {
                levels.push(Vec::new());
            }
            levels[level].push(span);
            for (k, &i) in chunk.iter().enumerate() {
                placed.push((i, x0 + k as f64 * (mark_w + gap), level));
            }
        }
    }
    let axis_y = 16.0 + 22.0 * levels.len() as f64;
    let height = axis_y + 40.0;
    writeln!(
        out,
        "<svg viewBox=\"0 0 {width} {}\" width=\"{width}\" height=\"{}\" role=\"img\" aria-label=\"timeline\">",
        n(height),
        n(height)
    )?;
    writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{right}\" y2=\"{}\" stroke=\"#8a94a6\" stroke-width=\"2\"/>",
        n(axis_y),
        n(axis_y)
    )?;
    // Ticks every `step` days from the first event (about 120 px apart), and at the
    // last day unless a tick is already close to it.
    let max_ticks = ((right - left) / 120.0).floor().max(1.0) as i64;
    let step = ((hi - lo) + max_ticks - 1) / max_ticks;
    let mut ticks: Vec<i64> = (0..)
        .map(|k| lo + k * step.max(1))
        .take_while(|d| *d <= hi)
        .collect();
    match ticks.last().copied() {
        Some(last) if last != hi && (hi - last) * 2 > step => ticks.push(hi),
        // Too close to the previous tick for both labels: label the last day instead.
        Some(last) if last != hi && ticks.len() > 1 => {
            ticks.pop();
            ticks.push(hi);
        }
        _ => {}
    }
    for d in ticks {
        writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8a94a6\"/><text x=\"{}\" y=\"{}\" class=\"small\" text-anchor=\"middle\">{}</text>",
            n(x(d)),
            n(axis_y),
            n(x(d)),
            n(axis_y + 6.0),
            n(x(d)),
            n(axis_y + 20.0),
            iso_from_days(d)
        )?;
    }
    for (i, x0, level) in placed {
        let e = &v.rec.timeline[i];
        let y = axis_y - 21.5 - 22.0 * level as f64;
        writeln!(
            out,
            "<g><title>{}: {}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"19\" rx=\"9.5\" fill=\"{TIMELINE_MARK}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"small\" style=\"fill:#fff\">{}</text></g>",
            h(&e.date),
            h(&e.event),
            n(x0),
            n(y),
            n(mark_w),
            n(x0 + mark_w / 2.0),
            n(y + 13.5),
            i + 1
        )?;
    }
    writeln!(out, "</svg>")
}

fn shared_quotes(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"quotes\">Statements in several sources</h2>")?;
    if v.shared_quotes.is_empty() {
        return writeln!(
            out,
            "<p class=\"muted\">No statement is reported by more than one source.</p>"
        );
    }
    for rows in &v.shared_quotes {
        let q = rows[0];
        writeln!(
            out,
            "<div class=\"card\"><b class=\"id\">{}</b> <b>{}</b> <span class=\"muted\">{}, wording {}</span>",
            h(&q.quote_id),
            h(q.speaker.as_deref().unwrap_or("unknown speaker")),
            plural(crate::view::distinct_sources(rows), "source"),
            q.wording.as_str()
        )?;
        for r in rows {
            writeln!(
                out,
                "<div class=\"evidence\"><b>{}</b>: “{}” <span class=\"muted\">(chars {}-{})</span></div>",
                h(&v.label(&r.source_id)),
                h(&r.text),
                r.start,
                r.end
            )?;
        }
        writeln!(out, "</div>")?;
    }
    Ok(())
}

fn variants(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"variants\">Name variants</h2>")?;
    if v.variants.is_empty() {
        return writeln!(out, "<p class=\"muted\">No deviant spelling of a name.</p>");
    }
    writeln!(
        out,
        "<table><tr><th>entity</th><th>name</th><th>type</th><th>variants (source)</th><th>aliases</th></tr>"
    )?;
    for e in &v.variants {
        writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(&e.entity_id),
            h(&e.name),
            e.kind.as_str(),
            h(&e.variants.join("; ")),
            h(&e.aliases.join("; "))
        )?;
    }
    writeln!(out, "</table>")
}

fn retracted(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"retracted\">Retracted figures</h2>")?;
    if v.retracted.is_empty() {
        return writeln!(out, "<p class=\"muted\">No source withdrew a figure.</p>");
    }
    writeln!(
        out,
        "<p>Withdrawn by their source, these figures are left out of each fact's status.</p>"
    )?;
    writeln!(
        out,
        "<table><tr><th>fact</th><th>what</th><th>source</th><th>figure</th><th>sentence</th><th>chars</th></tr>"
    )?;
    for (m, fact) in &v.retracted {
        writeln!(
            out,
            "<tr class=\"retracted\"><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}-{}</td></tr>",
            h(&m.fact_id),
            h(fact.map(|f| f.what.as_str()).unwrap_or("")),
            h(&v.label(&m.source_id)),
            h(&m.text),
            h(&m.sentence),
            m.start,
            m.end
        )?;
    }
    writeln!(out, "</table>")
}

fn errors(out: &mut Out, v: &View) -> std::fmt::Result {
    writeln!(out, "<h2 id=\"errors\">Errors</h2>")?;
    if v.rec.errors.is_empty() {
        return writeln!(out, "<p class=\"muted\">None.</p>");
    }
    writeln!(
        out,
        "<table><tr><th>source_id</th><th>stage</th><th>error</th></tr>"
    )?;
    for e in &v.rec.errors {
        writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td></tr>",
            h(&e.source_id),
            h(&e.stage),
            h(&e.error)
        )?;
    }
    writeln!(out, "</table>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_round_trip() {
        let check = |iso: &str, days: Option<i64>| assert_eq!(days_from_iso(iso), days, "{iso}");
        check("1970-01-01", Some(0));
        check("2000-03-01", Some(11_017));
        check("2022-01", days_from_iso("2022-01-01"));
        check("2022", days_from_iso("2022-01-01"));
        check("2022-13-01", None);
        check("Jan 5", None);
        check("2022-1-5", None);
        for d in [-1000, 0, 11_017, 19_000, 19_367] {
            assert_eq!(days_from_iso(&iso_from_days(d)), Some(d));
        }
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(130.0), 200.0);
        assert_eq!(nice_step(4000.0), 5000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn anchors_are_safe() {
        assert_eq!(anchor("src-", "a b\"<.txt"), "src-a.20b.22.3c.2etxt");
    }
}
