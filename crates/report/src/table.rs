//! The tabular reports as data: one [`Table`] per CSV file (and per workbook sheet),
//! built from a [`Reconciled`] and sorted into a fixed order, so that the CSV files and
//! the workbook hold the same cells in the same places. [`Rows`] gives the same rows
//! one at a time from records in canonical order, for a corpus whose tables are too
//! large to hold.
//!
//! Row order (natural order: digit runs compare as numbers, `F2` before `F10`; the
//! whole row breaks any remaining tie, so the order never depends on the input order).
//! Ids are derived from content (`F-3a9c`, see `reconcile::ids`), so rows are sorted
//! by what they say where that reads better than an id:
//! - `sources`: `source_id`
//! - `entities`: `name`, `entity_id`
//! - `facts`: `story_id`, `what`, `fact_id`
//! - `fact_mentions`: `fact_id`, `source_id`, `start`, `end`
//! - `quotes`: `quote_id`, `source_id`, `start`, `end`
//! - `conflicts`: `story_id`, `kind`, `subject`, `conflict_id` (an extra column,
//!   `fact_id`, names the fact a number conflict is about, when its subject names one)
//! - `source_pairs`: `source_a`, `source_b`
//! - `timeline`: `date`, `story_id`, `event`
//! - `errors`: `source_id`, `stage`, `error`

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use records::{
    Conflict, ConflictKind, Fact, FactStatus, QuantityKind, QuoteKind, Reconciled, Relation,
    SourceStatus,
};

use crate::csv::format_number;
use crate::text::natural_cmp;

/// One cell: text, or a number (written as a number to the workbook and in plain
/// notation to the CSV). Text borrows from the records where it stands there as it
/// is, so that a table of a large corpus does not copy every string of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text, as it stands in the records.
    Text(Cow<'a, str>),
    /// A number.
    Num(f64),
    /// A yes/no flag: `true` or `false` in the CSV, a boolean in the workbook.
    Bool(bool),
    /// A date: ISO text in the CSV; in the workbook a date where it names a day
    /// (`2022-01-10`), else the text (a month `2022-01`, a year `2019`).
    Date(Cow<'a, str>),
}

impl Cell<'_> {
    /// The cell as CSV text before neutralisation: numbers in plain notation.
    pub fn plain(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) | Cell::Date(s) => Cow::Borrowed(s.as_ref()),
            Cell::Num(n) => Cow::Owned(format_number(*n)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }

    fn cmp_natural(&self, other: &Cell) -> Ordering {
        match (self, other) {
            (Cell::Num(a), Cell::Num(b)) => a.total_cmp(b),
            (Cell::Bool(a), Cell::Bool(b)) => a.cmp(b),
            (Cell::Text(a) | Cell::Date(a), Cell::Text(b) | Cell::Date(b)) => natural_cmp(a, b),
            _ => natural_cmp(&self.plain(), &other.plain()),
        }
    }
}

/// How a column is laid out in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// Short values (ids, numbers, flags): as wide as the content.
    Fit,
    /// Running text (titles, evidence sentences): a wide column, wrapped.
    Wrap,
}

/// A link from a cell to the first row of another sheet whose `to` columns equal
/// this row's `from` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Target table.
    pub table: &'static str,
    /// Pairs of (column in this table, column in the target table) that must match.
    pub keys: &'static [(&'static str, &'static str)],
}

/// A column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Header.
    pub name: &'static str,
    /// Workbook layout.
    pub width: Width,
    /// Where the workbook links this column's cells to, if anywhere.
    pub link: Option<Link>,
    /// The column holding a web address the workbook links this column's cells to,
    /// when it is an `http` or `https` URL (see [`web_url`]).
    pub web: Option<&'static str>,
    /// What the column holds, for a reader (the workbook's "read me" sheet).
    pub doc: &'static str,
}

/// `url` as a link target when it is an `http` or `https` URL a spreadsheet can hold
/// (printable ASCII, at most 2,000 characters); any other scheme (`javascript:`,
/// `data:`, `file:`) or anything else is no link, and is shown as text.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once("://")?.0;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = url[scheme.len() + 3..].split(['/', '?', '#']).next()?;
    (web && !host.is_empty() && url.len() <= 2000 && url.bytes().all(|b| b.is_ascii_graphic()))
        .then_some(url)
}

/// How a row is highlighted in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// No highlight.
    None,
    /// Part of a conflict (a fact in conflict, its mentions, a conflict row).
    Conflict,
    /// A figure its source withdrew.
    Retracted,
    /// A source that failed, or an error row.
    Error,
    /// A duplicate source, or a pair of sources where one derives from the other.
    Derived,
}

/// One report table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// Name without extension: `sources` for `sources.csv` and the `sources` sheet.
    pub name: &'static str,
    /// Columns, the contract's leading columns first.
    pub columns: Vec<Column>,
    /// Rows, sorted.
    pub rows: Vec<Vec<Cell<'a>>>,
    /// Highlight of each row.
    pub marks: Vec<Mark>,
}

impl Table<'_> {
    /// Index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn fit(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        width: Width::Fit,
        link: None,
        web: None,
        doc,
    }
}

const fn wrap(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        width: Width::Wrap,
        link: None,
        web: None,
        doc,
    }
}

/// Running text linked to the web address in column `url`.
const fn web(name: &'static str, url: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        width: Width::Wrap,
        link: None,
        web: Some(url),
        doc,
    }
}

const fn link(
    name: &'static str,
    table: &'static str,
    keys: &'static [(&'static str, &'static str)],
    doc: &'static str,
) -> Column {
    Column {
        name,
        width: Width::Fit,
        link: Some(Link { table, keys }),
        web: None,
        doc,
    }
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn opt(s: &Option<String>) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s.as_deref().unwrap_or_default()))
}

fn list(items: &[String]) -> Cell<'_> {
    match items {
        [] => Cell::Text(Cow::Borrowed("")),
        [one] => Cell::Text(Cow::Borrowed(one)),
        _ => Cell::Text(Cow::Owned(items.join("; "))),
    }
}

fn date(s: &Option<String>) -> Cell<'_> {
    Cell::Date(Cow::Borrowed(s.as_deref().unwrap_or_default()))
}

/// A number, or an empty cell.
fn num(v: Option<f64>) -> Cell<'static> {
    v.filter(|v| v.is_finite())
        .map_or(Cell::Text(Cow::Borrowed("")), rounded)
}

fn count(n: usize) -> Cell<'static> {
    Cell::Num(n as f64)
}

fn flag(b: bool) -> Cell<'static> {
    Cell::Bool(b)
}

/// Source ids inside a cell: deduplicated and in natural order, whatever order
/// reconcile gave them in.
fn id_list(items: &[String]) -> Cell<'_> {
    let mut ids: Vec<&String> = items.iter().collect();
    ids.sort_by(|a, b| natural_cmp(a, b));
    ids.dedup();
    match ids.as_slice() {
        [] => Cell::Text(Cow::Borrowed("")),
        [one] => Cell::Text(Cow::Borrowed(one.as_str())),
        _ => Cell::Text(Cow::Owned(
            ids.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

/// Rounds to the 4 decimals the CSV shows, so the workbook's number is the CSV's.
fn rounded(v: f64) -> Cell<'static> {
    Cell::Num(format_number(v).parse::<f64>().unwrap_or(v))
}

/// The best estimate of a fact: a number, a range `low-high`, or an open bound `low+`
/// (a low with no high, or an infinite high: `12+` is 12 or more).
pub fn best_estimate(low: Option<f64>, high: Option<f64>) -> Cell<'static> {
    match (low, high.filter(|h| h.is_finite())) {
        (Some(lo), Some(hi)) if lo == hi => rounded(lo),
        (Some(lo), Some(hi)) => Cell::Text(Cow::Owned(format!(
            "{}-{}",
            format_number(lo),
            format_number(hi)
        ))),
        (Some(lo), None) => Cell::Text(Cow::Owned(format!("{}+", format_number(lo)))),
        (None, Some(v)) => rounded(v),
        (None, None) => Cell::Text(Cow::Borrowed("")),
    }
}

/// The upper end of a mention's interval: a number, or empty for an open bound.
fn high_cell(high: f64) -> Cell<'static> {
    if high.is_finite() {
        rounded(high)
    } else {
        Cell::Text(Cow::Borrowed(""))
    }
}

/// Reads a `best_estimate` cell back into `(low, high)`: `120` is `(120, Some(120))`,
/// `24-99` is `(24, Some(99))`, `300+` (an open bound) is `(300, None)`. The inverse
/// of [`best_estimate`], for tools that check the reports; `None` for an empty or
/// unreadable cell. A leading `'` (a neutralised cell) is ignored.
pub fn parse_best_estimate(cell: &str) -> Option<(f64, Option<f64>)> {
    let cell = cell.trim().trim_start_matches('\'');
    if cell.is_empty() {
        return None;
    }
    if let Some(low) = cell.strip_suffix('+') {
        return Some((low.trim().parse().ok()?, None));
    }
    if let Ok(v) = cell.parse::<f64>() {
        return Some((v, Some(v)));
    }
    // `low-high`: the dash after the first character (a low bound may be negative).
    let dash = cell.char_indices().skip(1).find(|&(_, c)| c == '-')?.0;
    let low: f64 = cell[..dash].trim().parse().ok()?;
    let high: f64 = cell[dash + 1..].trim().parse().ok()?;
    Some((low, Some(high)))
}

/// The best estimate for a reader: `120`, `400 to 450` (a dash would be ambiguous
/// next to negative numbers), `12 or more`.
pub fn best_estimate_readable(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high.filter(|h| h.is_finite())) {
        (Some(lo), Some(hi)) if lo != hi => {
            format!("{} to {}", format_number(lo), format_number(hi))
        }
        (Some(lo), None) => format!("{} or more", format_number(lo)),
        _ => best_estimate(low, high).plain().into_owned(),
    }
}

/// A fact's best estimate for a reader, with its unit: `51.4%`, `EUR 250,000`,
/// `130 mph`, `6.6 magnitude`; a count as [`best_estimate_readable`] gives it.
pub fn fact_value_readable(f: &Fact) -> String {
    let value = best_estimate_readable(f.best_low, f.best_high);
    match (f.kind, f.unit.as_deref()) {
        (_, None) | (QuantityKind::Count, _) => value,
        _ if value.is_empty() => value,
        (QuantityKind::Percent, Some(_)) => format!("{value}%"),
        (QuantityKind::Money, Some(code)) => format!("{code} {}", group_thousands(&value)),
        (QuantityKind::Measure, Some("magnitude")) => format!("magnitude {value}"),
        (_, Some(unit)) => format!("{value} {unit}"),
    }
}

/// Commas between the thousands of every run of digits before a decimal point
/// (`1310000000 to 1400000000` reads `1,310,000,000 to 1,400,000,000`).
fn group_thousands(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || chars[i - 1] != '.') {
            let j = (i..chars.len())
                .find(|&k| !chars[k].is_ascii_digit())
                .unwrap_or(chars.len());
            for (n, c) in chars[i..j].iter().enumerate() {
                if n > 0 && (j - i - n) % 3 == 0 {
                    out.push(',');
                }
                out.push(*c);
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Finds the fact a number conflict is about. Its subject names the fact by what is
/// counted (`people killed`), by its id (`F5`), or both (`people killed (F5)`).
pub struct ConflictFacts<'a> {
    by_key: HashMap<(&'a str, &'a str), &'a Fact>,
}

impl<'a> ConflictFacts<'a> {
    /// Indexes the facts by (story, what) and (story, id).
    pub fn new(facts: &'a [Fact]) -> Self {
        let mut by_key = HashMap::new();
        for f in facts {
            by_key
                .entry((f.story_id.as_str(), f.fact_id.as_str()))
                .or_insert(f);
        }
        // An id wins over a `what` that happens to be spelled like one.
        for f in facts {
            by_key
                .entry((f.story_id.as_str(), f.what.as_str()))
                .or_insert(f);
        }
        ConflictFacts { by_key }
    }

    /// The fact of a number conflict, when its subject names one of its story.
    pub fn find(&self, c: &Conflict) -> Option<&'a Fact> {
        if c.kind != ConflictKind::Number {
            return None;
        }
        let story = c.story_id.as_str();
        let subject = c.subject.trim();
        if let Some(f) = self.by_key.get(&(story, subject)) {
            return Some(f);
        }
        let (_, id) = subject.strip_suffix(')')?.rsplit_once('(')?;
        self.by_key.get(&(story, id.trim())).copied()
    }
}

const SOURCE: &[(&str, &str)] = &[("source_id", "source_id")];

/// Every table of the contract, in the order of `reports.md`.
pub const NAMES: [&str; 9] = [
    "sources",
    "entities",
    "facts",
    "fact_mentions",
    "quotes",
    "conflicts",
    "source_pairs",
    "timeline",
    "errors",
];

/// The sheets of the workbook after its "read me" sheet: the conflicts first, what a
/// reviewer opens it for, then the other tables in the order of [`NAMES`].
pub const SHEETS: [&str; 9] = [
    "conflicts",
    "sources",
    "entities",
    "facts",
    "fact_mentions",
    "quotes",
    "source_pairs",
    "timeline",
    "errors",
];

/// Name of the workbook's first sheet, which explains the others.
pub const READ_ME: &str = "read me";

/// The "read me" sheet: for each sheet (in [`SHEETS`] order) what one row is, then
/// every column and what it holds, as [`layout`] defines them (the one place the
/// columns are described).
pub fn read_me() -> Table<'static> {
    let header = vec![
        fit("sheet", "the sheet (and the CSV file of the same name)"),
        fit(
            "column",
            "a column of that sheet; empty on the line about the sheet itself",
        ),
        wrap("meaning", "what it holds"),
    ];
    let about = |sheet: &'static str, column: &'static str, meaning: &'static str| {
        vec![text(sheet), text(column), text(meaning)]
    };
    let mut rows = vec![about(
        "",
        "",
        "Every sheet is a CSV file of this folder, the same cells. Ids link to the rows they name. Rows in \
         conflict are red, withdrawn figures struck through in grey, failed sources and errors orange, copies \
         and derived pairs yellow. Dates are dates; `true`/`false` flags are booleans.",
    )];
    for name in SHEETS {
        rows.push(about(name, "", row_is(name)));
        for column in columns(name) {
            rows.push(about(name, column.name, column.doc));
        }
    }
    let marks = vec![Mark::None; rows.len()];
    Table {
        name: READ_ME,
        columns: header,
        rows,
        marks,
    }
}

/// The columns of table `name` and the columns its rows are sorted by first. Each
/// column says what it holds here, once: the workbook's "read me" sheet is made
/// from these words.
fn layout(name: &str) -> Option<(Vec<Column>, &'static [&'static str])> {
    const SOURCE_ID: &str = "the source: its file's path in the input folder, `#N` for the Nth article of a container file (JSON, JSONL, WARC)";
    const STORY_ID: &str = "the story (sources about the same event share it)";
    const REVIEW_VERDICT: &str = "the reviewer's verdict, from the review file beside the input folder (`seeds.review.csv` for `seeds/`)";
    const REVIEW_NOTE: &str = "the reviewer's note, from the same review file";
    const START: &str = "where the words begin: characters into `text/<source_id>.txt`";
    const END: &str = "where the words end (exclusive)";
    Some(match name {
        "sources" => (
            vec![
                fit("source_id", SOURCE_ID),
                fit("file", "the input file that holds it"),
                web(
                    "title",
                    "url",
                    "the headline; a link to the article where its url is an http(s) address",
                ),
                fit(
                    "outlet",
                    "who published it: the input's or the page's own name for itself, else the host of its url",
                ),
                fit(
                    "published",
                    "the day it was published (ISO date), or the article's own date",
                ),
                fit("words", "words in its clean text"),
                fit(
                    "status",
                    "`ok`, `duplicate of <source_id>`, or `error: <reason>`",
                ),
                fit("story_id", STORY_ID),
                fit(
                    "group_id",
                    "its independence group: sources that copy or paraphrase each other (or one original) share it; distinct groups are independent sources",
                ),
                web(
                    "url",
                    "url",
                    "where it was published, when the input says; a link only for http(s) addresses",
                ),
                fit(
                    "published_time",
                    "the time of day of `published`, where the input gives one (`08:00:00Z`)",
                ),
            ],
            &["source_id"],
        ),
        "entities" => (
            vec![
                fit("entity_id", "the entity, from its type and canonical name"),
                fit("name", "its canonical name (the most common full form)"),
                fit("type", "`person`, `organization`, `place` or `other`"),
                wrap("roles", "titles and roles seen (`President; ex-President`)"),
                wrap("aliases", "every form of the name seen"),
                wrap(
                    "variants",
                    "spellings judged errors or deviant forms, each as `Form (source_id)`",
                ),
                fit("sources", "sources naming it"),
                fit("mentions", "times it is named, in all sources"),
                wrap("source_ids", "the sources naming it"),
            ],
            &["name", "entity_id"],
        ),
        "facts" => (
            vec![
                link(
                    "fact_id",
                    "fact_mentions",
                    &[("fact_id", "fact_id")],
                    "the fact, from its story and `what`; links to its first mention",
                ),
                fit("story_id", STORY_ID),
                fit(
                    "what",
                    "what is counted or measured (`people killed`), with its scope (a date, a place, a part of a total)",
                ),
                fit(
                    "status",
                    "`agreed` (equal values), `consistent` (ranges overlap), `updated` (the figure changed over time), `conflict` (values that cannot both hold on one date), `single` (one independent group)",
                ),
                fit(
                    "best_estimate",
                    "a number, a range `low-high`, or an open bound `low+`; as numbers in `best_low` and `best_high`",
                ),
                wrap(
                    "values",
                    "each mention as `source_id: surface text`; `(retracted)` after a withdrawn one",
                ),
                fit("sources", "sources mentioning it"),
                fit(
                    "independent_sources",
                    "independence groups among them (withdrawn figures left out)",
                ),
                wrap("attributed_to", "who the sources say gave the figure"),
                wrap("evidence", "the sentence of its first mention"),
                fit("as_of", "the date the best estimate holds for"),
                fit("kind", "`count`, `percentage`, `money` or `measure`"),
                fit(
                    "unit",
                    "the unit of a percentage, sum or measure (`%`, `EUR`, `mph`)",
                ),
                link(
                    "part_of",
                    "facts",
                    &[("part_of", "fact_id")],
                    "the fact this one is a part of (a part of a total); links to it",
                ),
                fit("best_low", "the best estimate's lower end, a number"),
                fit(
                    "best_high",
                    "the best estimate's upper end, a number; empty for an open bound",
                ),
                fit("review_verdict", REVIEW_VERDICT),
                wrap("review_note", REVIEW_NOTE),
            ],
            &["story_id", "what", "fact_id"],
        ),
        "fact_mentions" => (
            vec![
                link(
                    "fact_id",
                    "facts",
                    &[("fact_id", "fact_id")],
                    "the fact it is a mention of; links to it",
                ),
                link(
                    "source_id",
                    "sources",
                    SOURCE,
                    "the source; links to its row in sources",
                ),
                fit("text", "the figure as the source words it"),
                fit(
                    "low",
                    "the lowest number the wording allows (`almost 8,000` is just under 8000)",
                ),
                fit(
                    "high",
                    "the highest; empty when the wording sets no upper bound (`more than 300`)",
                ),
                fit("unit", "the unit, for a percentage, sum or measure"),
                fit(
                    "event",
                    "what happened to what is counted (`killed`, `detained`)",
                ),
                fit("attributed_to", "who the source says gave the figure"),
                fit(
                    "hedged",
                    "whether the source hedges it (`reportedly`, `unconfirmed`)",
                ),
                fit(
                    "retracted",
                    "whether its source withdrew, denied or corrected it: it is left out of the fact's status",
                ),
                fit(
                    "as_of",
                    "the date the figure holds for, from the text or the source's date",
                ),
                wrap("sentence", "the sentence holding it"),
                fit("start", START),
                fit("end", END),
                fit(
                    "correction",
                    "`retracted`, `denied`, `corrected`, `superseded`, or empty",
                ),
            ],
            &["fact_id", "source_id", "start", "end"],
        ),
        "quotes" => (
            vec![
                fit(
                    "quote_id",
                    "the statement: rows with the same id are one statement",
                ),
                link(
                    "source_id",
                    "sources",
                    SOURCE,
                    "the source; links to its row in sources",
                ),
                fit("speaker", "who said it, as the source names them"),
                fit(
                    "kind",
                    "`direct` (in quotation marks) or `indirect` (reported speech)",
                ),
                fit(
                    "wording",
                    "`same` (identical up to punctuation and case), `variant` (worded differently), `single` (one source only)",
                ),
                fit("sources", "sources reporting the statement"),
                wrap("text", "the words as this source gives them"),
                fit("start", START),
                fit("end", END),
                fit("verb", "the reporting verb (`said`, `warned`)"),
                fit("review_verdict", REVIEW_VERDICT),
                wrap("review_note", REVIEW_NOTE),
            ],
            &["quote_id", "source_id", "start", "end"],
        ),
        "conflicts" => (
            vec![
                fit(
                    "conflict_id",
                    "the conflict, from its kind, story, subject and two sides",
                ),
                fit("kind", "`number`, `name`, `quote` or `date`"),
                fit("story_id", STORY_ID),
                link(
                    "subject",
                    "facts",
                    &[("fact_id", "fact_id")],
                    "what is disputed: a fact, a name, a statement's id or an event's sentence; a number conflict links to its fact",
                ),
                link(
                    "source_a",
                    "sources",
                    &[("source_a", "source_id")],
                    "one side's source; links to it",
                ),
                wrap("value_a", "what that source says"),
                link(
                    "source_b",
                    "sources",
                    &[("source_b", "source_id")],
                    "the other side's source; links to it",
                ),
                wrap("value_b", "what that source says"),
                wrap("note", "why the two are judged to disagree"),
                link(
                    "fact_id",
                    "facts",
                    &[("fact_id", "fact_id")],
                    "the fact a number conflict is about; links to it",
                ),
                wrap(
                    "evidence_a",
                    "the sentence of `source_a` behind its side (for a quote, its words); empty where the records hold none (names, dates)",
                ),
                fit(
                    "start_a",
                    "where the disputed words begin: characters into `text/<source_a>.txt`",
                ),
                fit("end_a", "where they end (exclusive)"),
                wrap(
                    "evidence_b",
                    "the sentence of `source_b` behind its side (for a quote, its words)",
                ),
                fit(
                    "start_b",
                    "where the disputed words begin: characters into `text/<source_b>.txt`",
                ),
                fit("end_b", "where they end (exclusive)"),
                fit("review_verdict", REVIEW_VERDICT),
                wrap("review_note", REVIEW_NOTE),
            ],
            &["story_id", "kind", "subject", "conflict_id"],
        ),
        "source_pairs" => (
            vec![
                link(
                    "source_a",
                    "sources",
                    &[("source_a", "source_id")],
                    "one source of the pair; links to it",
                ),
                link(
                    "source_b",
                    "sources",
                    &[("source_b", "source_id")],
                    "the other; links to it",
                ),
                fit("similarity", "how alike their texts are, 0 to 1"),
                fit("shared_facts", "facts both mention"),
                fit(
                    "relation",
                    "`independent`, `related` (same story, own reporting) or `derived` (one copies or paraphrases the other, or both one original)",
                ),
                wrap("evidence", "what the score rests on"),
            ],
            &["source_a", "source_b"],
        ),
        "timeline" => (
            vec![
                fit("date", "the day (or month, or year) the event happened"),
                fit("story_id", STORY_ID),
                wrap("event", "what happened, from the sentence"),
                fit("sources", "sources reporting it"),
                wrap("source_ids", "those sources"),
            ],
            &["date", "story_id", "event"],
        ),
        "errors" => (
            vec![
                link(
                    "source_id",
                    "sources",
                    SOURCE,
                    "the input (or report) that failed; links to its source row",
                ),
                fit("stage", "the stage where it failed"),
                wrap("error", "what went wrong"),
            ],
            &["source_id", "stage", "error"],
        ),
        _ => return None,
    })
}

/// What one row of table `name` is, for the "read me" sheet (the README's "one row
/// per" column).
pub fn row_is(name: &str) -> &'static str {
    match name {
        "sources" => "one row per input file (or article of a container file)",
        "entities" => "one row per real-world person, organization or place",
        "facts" => "one row per reconciled fact: all mentions of one quantity",
        "fact_mentions" => "one row per mention of a quantity in one source",
        "quotes" => "one row per quote in one source",
        "conflicts" => "one row per disagreement between two sources",
        "source_pairs" => "one row per pair of sources in one story",
        "timeline" => "one row per dated event",
        "errors" => "one row per input or stage that failed",
        _ => "",
    }
}

/// The columns of table `name` (one of [`NAMES`]); none for another name.
pub fn columns(name: &str) -> Vec<Column> {
    layout(name).map(|(columns, _)| columns).unwrap_or_default()
}

/// How many rows table `name` of `rec` has (one per record), without building it.
pub fn row_count(rec: &Reconciled, name: &str) -> usize {
    match name {
        "sources" => rec.sources.len(),
        "entities" => rec.entities.len(),
        "facts" => rec.facts.len(),
        "fact_mentions" => rec.fact_mentions.len(),
        "quotes" => rec.quotes.len(),
        "conflicts" => rec.conflicts.len(),
        "source_pairs" => rec.source_pairs.len(),
        "timeline" => rec.timeline.len(),
        "errors" => rec.errors.len(),
        _ => 0,
    }
}

/// Every table of the contract, in the order of `reports.md`. A large corpus builds
/// them one at a time with [`table`] instead: each holds a cell per field.
pub fn tables(rec: &Reconciled) -> Vec<Table<'_>> {
    NAMES.iter().filter_map(|name| table(rec, name)).collect()
}

/// Table `name` (one of [`NAMES`]) of `rec`, its text cells borrowed from `rec`;
/// `None` for another name.
pub fn table<'a>(rec: &'a Reconciled, name: &'static str) -> Option<Table<'a>> {
    let (columns, order) = layout(name)?;
    Some(build(name, columns, order, record_rows(rec, name)?))
}

/// A row of a table and its highlight.
type Row<'a> = (Vec<Cell<'a>>, Mark);

/// The rows of table `name`, one per record, in the order of the records.
fn record_rows<'a>(
    rec: &'a Reconciled,
    name: &str,
) -> Option<Box<dyn Iterator<Item = Row<'a>> + 'a>> {
    // The reviewer's verdicts and notes, on the rows of facts, conflicts and quotes.
    let placed = crate::review::Placed::new(rec);
    Some(match name {
        "sources" => Box::new(rec.sources.iter().map(|s| {
            let mark = match s.status {
                SourceStatus::Ok => Mark::None,
                SourceStatus::Duplicate { .. } => Mark::Derived,
                SourceStatus::Error { .. } => Mark::Error,
            };
            (
                vec![
                    text(&s.source_id),
                    text(&s.file),
                    opt(&s.title),
                    opt(&s.outlet),
                    date(&s.published),
                    count(s.words),
                    Cell::Text(Cow::Owned(s.status.label())),
                    opt(&s.story_id),
                    opt(&s.group_id),
                    opt(&s.url),
                    opt(&s.published_time),
                ],
                mark,
            )
        })),
        "entities" => Box::new(rec.entities.iter().map(|e| {
            (
                vec![
                    text(&e.entity_id),
                    text(&e.name),
                    text(e.kind.as_str()),
                    list(&e.roles),
                    list(&e.aliases),
                    list(&e.variants),
                    count(e.sources),
                    count(e.mentions),
                    id_list(&e.source_ids),
                ],
                Mark::None,
            )
        })),
        "facts" => Box::new(rec.facts.iter().map(move |f| {
            let (verdict, note) = placed.of("fact", &f.fact_id);
            (
                vec![
                    text(&f.fact_id),
                    text(&f.story_id),
                    text(&f.what),
                    text(f.status.as_str()),
                    best_estimate(f.best_low, f.best_high),
                    list(&f.values),
                    count(f.sources),
                    count(f.independent_sources),
                    list(&f.attributed_to),
                    text(&f.evidence),
                    date(&f.as_of),
                    text(f.kind.as_str()),
                    opt(&f.unit),
                    opt(&f.part_of),
                    num(f.best_low),
                    num(f.best_high),
                    Cell::Text(Cow::Owned(verdict)),
                    Cell::Text(Cow::Owned(note)),
                ],
                if f.status == FactStatus::Conflict {
                    Mark::Conflict
                } else {
                    Mark::None
                },
            )
        })),
        "fact_mentions" => {
            let conflict_facts: std::collections::BTreeSet<&str> = rec
                .facts
                .iter()
                .filter(|f| f.status == FactStatus::Conflict)
                .map(|f| f.fact_id.as_str())
                .collect();
            Box::new(rec.fact_mentions.iter().map(move |m| {
                let mark = if m.retracted {
                    Mark::Retracted
                } else if conflict_facts.contains(m.fact_id.as_str()) {
                    Mark::Conflict
                } else {
                    Mark::None
                };
                (
                    vec![
                        text(&m.fact_id),
                        text(&m.source_id),
                        text(&m.text),
                        rounded(m.low),
                        high_cell(m.high),
                        opt(&m.unit),
                        opt(&m.event),
                        opt(&m.attributed_to),
                        flag(m.hedged),
                        flag(m.retracted),
                        date(&m.as_of),
                        text(&m.sentence),
                        count(m.start),
                        count(m.end),
                        text(m.correction.map_or("", |c| c.as_str())),
                    ],
                    mark,
                )
            }))
        }
        "quotes" => Box::new(rec.quotes.iter().map(move |q| {
            let (verdict, note) = placed.of("quote", &q.quote_id);
            (
                vec![
                    text(&q.quote_id),
                    text(&q.source_id),
                    opt(&q.speaker),
                    text(match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Indirect => "indirect",
                    }),
                    text(q.wording.as_str()),
                    count(q.sources),
                    text(&q.text),
                    count(q.start),
                    count(q.end),
                    opt(&q.verb),
                    Cell::Text(Cow::Owned(verdict)),
                    Cell::Text(Cow::Owned(note)),
                ],
                Mark::None,
            )
        })),
        "conflicts" => {
            let conflict_facts_index = ConflictFacts::new(&rec.facts);
            let mut mentions: HashMap<&str, Vec<&records::FactMention>> = HashMap::new();
            for m in &rec.fact_mentions {
                mentions.entry(m.fact_id.as_str()).or_default().push(m);
            }
            let mut quotes: HashMap<&str, Vec<&records::QuoteRow>> = HashMap::new();
            for q in &rec.quotes {
                quotes.entry(q.quote_id.as_str()).or_default().push(q);
            }
            Box::new(rec.conflicts.iter().map(move |c| {
                let fact = conflict_facts_index.find(c);
                let fact_id = fact.map(|f| f.fact_id.as_str()).unwrap_or("");
                let mentions = mentions.get(fact_id).map_or(&[][..], Vec::as_slice);
                let quotes = quotes
                    .get(c.subject.as_str())
                    .map_or(&[][..], Vec::as_slice);
                // The first sentence of each side, with where it stands in its source.
                let side = |source: &str, value: &str| -> [Cell<'a>; 3] {
                    let first = crate::view::evidence(c, mentions, quotes, source, value)
                        .into_iter()
                        .next();
                    match first {
                        Some(e) => [
                            text(if e.sentence.is_empty() {
                                e.text
                            } else {
                                e.sentence
                            }),
                            num(e.span.map(|s| s.0 as f64)),
                            num(e.span.map(|s| s.1 as f64)),
                        ],
                        None => [text(""), text(""), text("")],
                    }
                };
                let [evidence_a, start_a, end_a] = side(&c.source_a, &c.value_a);
                let [evidence_b, start_b, end_b] = side(&c.source_b, &c.value_b);
                let (verdict, note) = placed.of("conflict", &c.conflict_id);
                (
                    vec![
                        text(&c.conflict_id),
                        text(c.kind.as_str()),
                        text(&c.story_id),
                        text(&c.subject),
                        text(&c.source_a),
                        text(&c.value_a),
                        text(&c.source_b),
                        text(&c.value_b),
                        text(&c.note),
                        text(fact_id),
                        evidence_a,
                        start_a,
                        end_a,
                        evidence_b,
                        start_b,
                        end_b,
                        Cell::Text(Cow::Owned(verdict)),
                        Cell::Text(Cow::Owned(note)),
                    ],
                    Mark::Conflict,
                )
            }))
        }
        "source_pairs" => Box::new(rec.source_pairs.iter().map(|p| {
            (
                vec![
                    text(&p.source_a),
                    text(&p.source_b),
                    Cell::Num((p.similarity * 1000.0).round() / 1000.0),
                    count(p.shared_facts),
                    text(p.relation.as_str()),
                    text(&p.evidence),
                ],
                if p.relation == Relation::Derived {
                    Mark::Derived
                } else {
                    Mark::None
                },
            )
        })),
        "timeline" => Box::new(rec.timeline.iter().map(|t| {
            (
                vec![
                    Cell::Date(Cow::Borrowed(&t.date)),
                    text(&t.story_id),
                    text(&t.event),
                    count(t.sources),
                    id_list(&t.source_ids),
                ],
                Mark::None,
            )
        })),
        "errors" => Box::new(rec.errors.iter().map(|e| {
            (
                vec![text(&e.source_id), text(&e.stage), text(&e.error)],
                Mark::Error,
            )
        })),
        _ => return None,
    })
}

fn build<'a>(
    name: &'static str,
    columns: Vec<Column>,
    order: &[&str],
    rows: impl Iterator<Item = Row<'a>>,
) -> Table<'a> {
    let keys = key_columns(&columns, order);
    let mut rows: Vec<Row<'a>> = rows.collect();
    rows.sort_by(|a, b| cmp_rows(&keys, a, b));
    let (rows, marks) = rows.into_iter().unzip();
    Table {
        name,
        columns,
        rows,
        marks,
    }
}

/// Positions of the columns named in `order`.
fn key_columns(columns: &[Column], order: &[&str]) -> Vec<usize> {
    order
        .iter()
        .filter_map(|k| columns.iter().position(|c| c.name == *k))
        .collect()
}

/// The row order: the key columns, then every cell, then the highlight.
fn cmp_rows(keys: &[usize], (a, ma): &Row, (b, mb): &Row) -> Ordering {
    keys.iter()
        .map(|&k| a[k].cmp_natural(&b[k]))
        .chain(a.iter().zip(b.iter()).map(|(x, y)| x.cmp_natural(y)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
        .then(ma.cmp(mb))
}

/// What is called on each row of a table, with its highlight.
pub type RowFn<'f, E> = dyn FnMut(&[Cell], Mark) -> Result<(), E> + 'f;

/// A table's rows in its order, whether held in memory ([`Table`]) or made one at a
/// time ([`Rows`]).
pub trait RowSource {
    /// Name without extension.
    fn name(&self) -> &'static str;
    /// Columns.
    fn columns(&self) -> &[Column];
    /// Number of rows.
    fn len(&self) -> usize;
    /// Whether there is no row.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Index of the column named `name`.
    fn column(&self, name: &str) -> Option<usize> {
        self.columns().iter().position(|c| c.name == name)
    }
    /// Calls `f` on every row in order, stopping at its first error.
    fn try_for_each_row<E>(&self, f: &mut RowFn<E>) -> Result<(), E>;
}

impl RowSource for Table<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn try_for_each_row<E>(&self, f: &mut RowFn<E>) -> Result<(), E> {
        for (row, &mark) in self.rows.iter().zip(&self.marks) {
            f(row, mark)?;
        }
        Ok(())
    }
}

/// A table of canonical records (see `order`), its rows made one at a time and
/// dropped once used: a table of a large corpus is never held whole. The records'
/// canonical order sorts them by the table's key columns, compared the same way, so
/// only rows of equal keys are left to sort among themselves, a run at a time.
pub struct Rows<'a> {
    name: &'static str,
    columns: Vec<Column>,
    keys: Vec<usize>,
    rec: &'a Reconciled,
}

impl<'a> Rows<'a> {
    /// Table `name` (one of [`NAMES`]) of `rec`, which must be in canonical order;
    /// `None` for another name.
    pub fn new(rec: &'a Reconciled, name: &'static str) -> Option<Self> {
        let (columns, order) = layout(name)?;
        let keys = key_columns(&columns, order);
        Some(Rows {
            name,
            columns,
            keys,
            rec,
        })
    }
}

impl RowSource for Rows<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn len(&self) -> usize {
        row_count(self.rec, self.name)
    }

    fn try_for_each_row<E>(&self, f: &mut RowFn<E>) -> Result<(), E> {
        let Some(rows) = record_rows(self.rec, self.name) else {
            return Ok(());
        };
        let same_keys = |a: &Row, b: &Row| {
            self.keys
                .iter()
                .all(|&k| a.0[k].cmp_natural(&b.0[k]).is_eq())
        };
        let mut run: Vec<Row> = Vec::new();
        let mut flush = |run: &mut Vec<Row>| -> Result<(), E> {
            run.sort_by(|a, b| cmp_rows(&self.keys, a, b));
            for (row, mark) in run.drain(..) {
                f(&row, mark)?;
            }
            Ok(())
        };
        for row in rows {
            if let Some(first) = run.first() {
                if !same_keys(first, &row) {
                    debug_assert!(
                        cmp_rows(&self.keys, first, &row).is_lt(),
                        "{}: records not in canonical order",
                        self.name
                    );
                    flush(&mut run)?;
                }
            }
            run.push(row);
        }
        flush(&mut run)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_are_links() {
        assert_eq!(
            web_url(" https://example.com/a?b=1#c "),
            Some("https://example.com/a?b=1#c")
        );
        assert_eq!(web_url("HTTP://example.com"), Some("HTTP://example.com"));
        for text in [
            "javascript:alert(1)",
            "javascript://example.com/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.com/a",
            "https://",
            "https://exa mple.com/",
            "https://example.com/\u{202E}gpj",
            "www.example.com",
            "",
        ] {
            assert_eq!(web_url(text), None, "{text}");
        }
        assert_eq!(
            web_url(&format!("https://e.com/{}", "a".repeat(2000))),
            None
        );
    }

    #[test]
    fn best_estimates_read_back_as_written() {
        for (low, high) in [
            (Some(120.0), Some(120.0)),
            (Some(24.0), Some(99.0)),
            (Some(-3.0), Some(5.5)),
            (Some(0.25), Some(0.25)),
            (Some(300.0), None),
        ] {
            let cell = best_estimate(low, high).plain().into_owned();
            assert_eq!(
                parse_best_estimate(&cell),
                Some((low.unwrap(), high)),
                "{cell}"
            );
        }
        assert_eq!(parse_best_estimate("300+"), Some((300.0, None)));
        assert_eq!(
            best_estimate(Some(12.0), Some(f64::INFINITY)).plain(),
            "12+"
        );
        assert_eq!(best_estimate_readable(Some(12.0), None), "12 or more");
        assert_eq!(high_cell(f64::INFINITY).plain(), "");
        assert_eq!(parse_best_estimate(""), None);
        assert_eq!(parse_best_estimate("dozens"), None);
    }

    fn fact(id: &str, story: &str, what: &str) -> Fact {
        Fact {
            fact_id: id.to_string(),
            story_id: story.to_string(),
            what: what.to_string(),
            status: FactStatus::Conflict,
            best_low: None,
            best_high: None,
            values: vec![],
            sources: 2,
            independent_sources: 2,
            attributed_to: vec![],
            evidence: String::new(),
            as_of: None,
            kind: QuantityKind::Count,
            unit: None,
            part_of: None,
        }
    }

    #[test]
    fn fact_values_read_with_their_unit() {
        let mut f = fact("F1", "S1", "vote share");
        f.best_low = Some(51.4);
        f.best_high = Some(51.4);
        f.kind = QuantityKind::Percent;
        f.unit = Some("%".into());
        assert_eq!(fact_value_readable(&f), "51.4%");
        f.best_low = Some(250000.0);
        f.best_high = Some(250000.0);
        f.kind = QuantityKind::Money;
        f.unit = Some("EUR".into());
        assert_eq!(fact_value_readable(&f), "EUR 250,000");
        f.kind = QuantityKind::Count;
        assert_eq!(fact_value_readable(&f), "250000");
        assert_eq!(group_thousands("1310000000 to 1.5"), "1,310,000,000 to 1.5");
    }

    fn check_conflict_fact(kind: ConflictKind, story: &str, subject: &str, expected: Option<&str>) {
        let facts = vec![
            fact("F1", "S1", "people killed"),
            fact("F2", "S2", "people killed"),
            fact("F3", "S1", "F1"),
        ];
        let c = Conflict {
            conflict_id: "C1".to_string(),
            kind,
            story_id: story.to_string(),
            subject: subject.to_string(),
            source_a: "a".to_string(),
            value_a: "1".to_string(),
            source_b: "b".to_string(),
            value_b: "2".to_string(),
            note: String::new(),
        };
        let found = ConflictFacts::new(&facts)
            .find(&c)
            .map(|f| f.fact_id.as_str());
        assert_eq!(found, expected, "{subject:?} in {story}");
    }

    #[test]
    fn number_conflicts_find_their_fact() {
        check_conflict_fact(ConflictKind::Number, "S1", "people killed", Some("F1"));
        check_conflict_fact(ConflictKind::Number, "S2", "people killed", Some("F2"));
        check_conflict_fact(ConflictKind::Number, "S1", "people killed (F1)", Some("F1"));
        check_conflict_fact(ConflictKind::Number, "S1", "F1", Some("F1"));
        check_conflict_fact(ConflictKind::Number, "S1", "something else (F9)", None);
        check_conflict_fact(ConflictKind::Number, "S3", "people killed", None);
        check_conflict_fact(ConflictKind::Name, "S1", "people killed", None);
    }
}
