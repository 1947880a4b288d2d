//! Report: one [`Reconciled`] in, the files a reviewer opens out, in `reports/`:
//! - the CSV files of `shared/docs/reports.md` (`sources.csv`, `entities.csv`,
//!   `facts.csv`, `fact_mentions.csv`, `quotes.csv`, `conflicts.csv`,
//!   `source_pairs.csv`, `timeline.csv`, `errors.csv`): UTF-8 with BOM, RFC 4180,
//!   formula cells neutralised, plain numbers, rows in a fixed order (see [`table`]);
//! - `corroborate.xlsx`: the same tables as one workbook (see [`xlsx`]);
//! - `summary.md`: the page to read first (see [`summary`]);
//! - `claim_review.jsonld`: each disputed or updated figure as schema.org ClaimReview
//!   JSON-LD, the markup fact-checkers publish (see [`claim_review`]);
//! - `report.html`: the same content as a self-contained page with pictures: number
//!   lines for disputed figures, the source-similarity matrix, the timeline (see [`html`]).
//!
//! [`render`] is pure (records to bytes) and gives the same bytes for the same records,
//! whatever order their lists come in. [`render_streaming`] does the same without a
//! copy of the records, streaming each table a row at a time into the writers its
//! caller gives (the runner's files, each written atomically): at 100,000 sources the
//! records themselves are most of what the report stage holds. This crate touches no
//! file.
//!
//! Reads: `reconcile/reconciled.json` (written by the reconcile stage). Writes: `reports/`.

pub mod claim_review;
pub mod csv;
pub mod html;
mod order;
pub mod review;
pub mod summary;
pub mod table;
pub mod text;
mod view;
pub mod xlsx;

use std::io::Write;

use records::{Diagnostic, Reconciled};
use serde::{Deserialize, Serialize};

pub use crate::csv::{format_number, neutralise};

/// Report settings (`[report]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportConfig {
    /// Write `corroborate.xlsx`. Default `true`.
    pub workbook: bool,
    /// Write `report.html`. Default `true`.
    pub html: bool,
    /// How many facts `summary.md` and `report.html` list as best corroborated, and
    /// how many statements as reported by several sources. Default `10`.
    pub top_facts: usize,
    /// Most stories `report.html` shows, the largest first; the page says how many it
    /// left out, and every row stays in the CSV files and the workbook. A page of a
    /// hundred thousand sources would run to a gigabyte no browser opens. Default `200`.
    pub page_stories: usize,
}

impl Default for ReportConfig {
    fn default() -> Self {
        ReportConfig {
            workbook: true,
            html: true,
            top_facts: 10,
            page_stories: 200,
        }
    }
}

impl ReportConfig {
    /// The settings outside the values they allow.
    pub fn check(&self) -> Vec<records::settings::BadSetting> {
        records::settings::Checks::default()
            .positive("page_stories", self.page_stories as u64)
            .done()
    }
}

/// One rendered report file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// File name inside `reports/`.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Renders every report. Problems met here (a table too long for a workbook sheet)
/// become rows of `errors.csv`, never a lost report.
pub fn render(rec: &Reconciled, config: &ReportConfig) -> Vec<ReportFile> {
    let mut files = Vec::new();
    let result: std::io::Result<()> = render_each(rec, config, &mut |file| {
        files.push(file);
        Ok(())
    });
    // Collecting into a vector cannot fail.
    debug_assert!(result.is_ok());
    // The tables first, then the readable pages, the workbook last.
    files.sort_by_key(|f| f.name == xlsx::FILE_NAME);
    files
}

/// Renders the reports one at a time, handing each to `sink` as soon as it is made, so
/// that a large corpus never holds every report in memory at once (it works on a copy
/// of `rec`; [`render_streaming`] makes none). The order: the CSV files but
/// `errors.csv`, the workbook (its problems go into `errors.csv`), `errors.csv`,
/// `summary.md`, `claim_review.jsonld`, `report.html`.
pub fn render_each(
    rec: &Reconciled,
    config: &ReportConfig,
    sink: &mut dyn FnMut(ReportFile) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut rec = rec.clone();
    render_into(&mut rec, config, &mut MemorySink(sink))
}

/// Writes the content of one report into the writer it is given.
pub type WriteFn<'a> = dyn FnMut(&mut (dyn Write + Send)) -> std::io::Result<()> + 'a;

/// Where the reports go as they are rendered.
trait Sink {
    /// Takes the report `name`, whose content `write` writes. An error of `write`
    /// leaves no file.
    fn put(&mut self, name: &str, write: &mut WriteFn) -> std::io::Result<()>;
}

/// Each report as bytes in memory, handed to a function.
struct MemorySink<'a>(&'a mut dyn FnMut(ReportFile) -> std::io::Result<()>);

impl Sink for MemorySink<'_> {
    fn put(&mut self, name: &str, write: &mut WriteFn) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        (self.0)(ReportFile {
            name: name.to_string(),
            bytes,
        })
    }
}

/// Each report handed to a function with its name and the function writing it.
struct StreamSink<'a>(&'a mut dyn FnMut(&str, &mut WriteFn) -> std::io::Result<()>);

impl Sink for StreamSink<'_> {
    fn put(&mut self, name: &str, write: &mut WriteFn) -> std::io::Result<()> {
        (self.0)(name, write)
    }
}

/// Renders every report into `sink`. `rec` is sorted in place for the reports and put
/// back as it came before this returns.
fn render_into(
    rec: &mut Reconciled,
    config: &ReportConfig,
    sink: &mut dyn Sink,
) -> std::io::Result<()> {
    let undo = order::canonical_in_place(rec);
    let mut saved_errors = None;
    let result = render_canonical(rec, config, sink, xlsx::MAX_ROWS, &mut saved_errors);
    if let Some(errors) = saved_errors {
        rec.errors = errors;
    }
    undo.restore(rec);
    result
}

/// A problem of the workbook, as a row of `errors.csv`.
fn workbook_problem(error: String) -> Diagnostic {
    Diagnostic {
        source_id: xlsx::FILE_NAME.to_string(),
        stage: "report".to_string(),
        error,
    }
}

/// Renders every report of canonical records, one table at a time: each is built,
/// written as a workbook sheet and as its CSV file, and dropped. Problems of the
/// workbook are added to `rec.errors` (for `errors.csv`, `summary.md` and
/// `report.html`) after the workbook is written; the errors as they were are then in
/// `saved_errors`.
fn render_canonical(
    rec: &mut Reconciled,
    config: &ReportConfig,
    sink: &mut dyn Sink,
    max_rows: usize,
    saved_errors: &mut Option<Vec<Diagnostic>>,
) -> std::io::Result<()> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut book = None;
    let mut anchors = xlsx::Anchors::new(&table::NAMES);
    if config.workbook {
        for name in table::NAMES {
            let rows = table::row_count(rec, name);
            if rows > max_rows {
                problems.push(workbook_problem(format!(
                    "sheet {name} holds only the first {max_rows} of {rows} rows: see {name}.csv for all"
                )));
            }
        }
        match xlsx::Book::new().and_then(|mut b| {
            b.add_sheet(&table::read_me(), &anchors)?;
            Ok(b)
        }) {
            Ok(b) => book = Some(b),
            Err(err) => problems.push(workbook_problem(format!(
                "cannot build the workbook: {err}"
            ))),
        }
        if book.is_some() {
            // Links lead to rows of sheets written later: index their keys first.
            for name in table::NAMES {
                if anchors.wants(name) {
                    if let Some(t) = table::Rows::new(rec, name) {
                        anchors.index(&t);
                    }
                }
            }
        }
    }
    // In the workbook's order of sheets (conflicts first); each CSV file is its own.
    for name in table::SHEETS {
        let Some(t) = table::Rows::new(rec, name) else {
            continue;
        };
        if let Some(b) = &mut book {
            if let Err(err) = b.add_sheet_limited(&t, &anchors, max_rows) {
                problems.push(workbook_problem(format!(
                    "cannot build the workbook: {err}"
                )));
                book = None;
            }
        }
        // errors.csv waits for the workbook's problems.
        if name != "errors" {
            sink.put(&format!("{name}.csv"), &mut |out| csv::write(&t, out))?;
        }
    }
    drop(anchors);
    if let Some(mut b) = book {
        let mut failed = None;
        let saved = sink.put(xlsx::FILE_NAME, &mut |out| match b.save(out) {
            Ok(()) => Ok(()),
            Err(rust_xlsxwriter::XlsxError::IoError(err)) => Err(err),
            Err(err) => {
                let message = err.to_string();
                failed = Some(err);
                Err(std::io::Error::other(message))
            }
        });
        match (saved, failed) {
            (_, Some(err)) => problems.push(workbook_problem(format!(
                "cannot build the workbook: {err}"
            ))),
            (Err(err), None) => return Err(err),
            (Ok(()), None) => {}
        }
    }
    if !problems.is_empty() {
        *saved_errors = Some(rec.errors.clone());
        rec.errors.extend(problems);
        order::sort_errors(&mut rec.errors);
    }
    if let Some(t) = table::Rows::new(rec, "errors") {
        sink.put("errors.csv", &mut |out| csv::write(&t, out))?;
    }
    sink.put("summary.md", &mut |out| {
        out.write_all(summary::render(rec, config).as_bytes())
    })?;
    sink.put(claim_review::FILE_NAME, &mut |out| {
        let view = view::View::new(rec, config.top_facts);
        out.write_all(claim_review::render(rec, &view).as_bytes())
    })?;
    if config.html {
        sink.put(
            "report.html",
            &mut |out| match page_records(rec, config.page_stories) {
                Some((shown, note)) => html::write_with_note(&shown, config, Some(&note), out),
                None => html::write_with_note(rec, config, None, out),
            },
        )?;
    }
    Ok(())
}

/// The records of the `max` largest stories (most sources first, then story order),
/// and the note saying what was left out; `None` when every story fits. Errors and
/// sources in no story are all kept.
fn page_records(rec: &Reconciled, max: usize) -> Option<(Reconciled, String)> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut size: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &rec.sources {
        if let Some(story) = &s.story_id {
            *size.entry(story.as_str()).or_default() += 1;
        }
    }
    if size.len() <= max {
        return None;
    }
    let mut order: Vec<(&str, usize)> = size.iter().map(|(k, v)| (*k, *v)).collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(text::natural_cmp(a.0, b.0)));
    let kept: BTreeSet<&str> = order.iter().take(max).map(|(k, _)| *k).collect();
    let in_story = |story: &str| kept.contains(story);
    let sources: Vec<records::SourceRow> = rec
        .sources
        .iter()
        .filter(|s| s.story_id.as_deref().is_none_or(in_story))
        .cloned()
        .collect();
    let source_ids: BTreeSet<&str> = sources.iter().map(|s| s.source_id.as_str()).collect();
    let facts: Vec<records::Fact> = rec
        .facts
        .iter()
        .filter(|f| in_story(&f.story_id))
        .cloned()
        .collect();
    let fact_ids: BTreeSet<&str> = facts.iter().map(|f| f.fact_id.as_str()).collect();
    let shown = Reconciled {
        entities: rec
            .entities
            .iter()
            .filter(|e| {
                e.source_ids
                    .iter()
                    .any(|id| source_ids.contains(id.as_str()))
            })
            .cloned()
            .collect(),
        fact_mentions: rec
            .fact_mentions
            .iter()
            .filter(|m| fact_ids.contains(m.fact_id.as_str()))
            .cloned()
            .collect(),
        facts,
        quotes: rec
            .quotes
            .iter()
            .filter(|q| source_ids.contains(q.source_id.as_str()))
            .cloned()
            .collect(),
        conflicts: rec
            .conflicts
            .iter()
            .filter(|c| in_story(&c.story_id))
            .cloned()
            .collect(),
        source_pairs: rec
            .source_pairs
            .iter()
            .filter(|p| source_ids.contains(p.source_a.as_str()))
            .cloned()
            .collect(),
        timeline: rec
            .timeline
            .iter()
            .filter(|t| in_story(&t.story_id))
            .cloned()
            .collect(),
        errors: rec.errors.clone(),
        reviews: rec.reviews.clone(),
        sources,
    };
    let note = format!(
        "This page shows the {} largest of {} stories ({} of {} sources). Every story, source and row is in the \
         CSV files and the workbook; raise report.page_stories in the pipeline file to show more here.",
        kept.len(),
        size.len(),
        shown.sources.len(),
        rec.sources.len()
    );
    Some((shown, note))
}

/// Renders every report without a copy of the records, for a large corpus: each is
/// handed to `put` by name, with a function that writes its content into the writer
/// `put` gives it (an error of that function must leave no file: the runner writes
/// each report beside its final name and renames it into place). `rec` is sorted in
/// place while the reports are made and put back as it came (same order, same
/// content) before this returns; one table is in memory at a time, its text borrowed
/// from `rec`. The order of the reports is that of [`render_each`].
pub fn render_streaming(
    rec: &mut Reconciled,
    config: &ReportConfig,
    put: &mut dyn FnMut(&str, &mut WriteFn) -> std::io::Result<()>,
) -> std::io::Result<()> {
    render_into(rec, config, &mut StreamSink(put))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reports of `rec` with sheets of at most `max_rows` rows.
    fn render_limited(rec: &Reconciled, max_rows: usize) -> Vec<ReportFile> {
        let mut rec = rec.clone();
        let before = rec.clone();
        let mut files = Vec::new();
        let mut sink = |file| {
            files.push(file);
            Ok(())
        };
        let undo = order::canonical_in_place(&mut rec);
        let mut saved = None;
        render_canonical(
            &mut rec,
            &ReportConfig::default(),
            &mut MemorySink(&mut sink),
            max_rows,
            &mut saved,
        )
        .expect("rendered");
        if let Some(errors) = saved {
            rec.errors = errors;
        }
        undo.restore(&mut rec);
        assert!(rec == before, "the records are put back");
        files
    }

    fn source(id: &str) -> records::SourceRow {
        records::SourceRow {
            source_id: id.to_string(),
            file: format!("{id}.txt"),
            title: None,
            outlet: None,
            published: None,
            published_time: None,
            words: 10,
            status: records::SourceStatus::Ok,
            story_id: None,
            group_id: None,
            content_hash: None,
            url: None,
        }
    }

    fn check_sheet_limit(n_sources: usize, max_rows: usize, expected_errors: &[&str]) {
        let rec = Reconciled {
            sources: (0..n_sources).map(|i| source(&format!("s{i}"))).collect(),
            errors: vec![Diagnostic {
                source_id: "s0".to_string(),
                stage: "ingest".to_string(),
                error: "unreadable".to_string(),
            }],
            ..Reconciled::default()
        };
        let files = render_limited(&rec, max_rows);
        let file = |name: &str| {
            let f = files.iter().find(|f| f.name == name);
            String::from_utf8(f.expect(name).bytes.clone()).expect("UTF-8")
        };
        let errors = file("errors.csv");
        let rows: Vec<&str> = errors
            .split("\r\n")
            .skip(1)
            .filter(|r| !r.is_empty())
            .collect();
        assert_eq!(
            rows, expected_errors,
            "{n_sources} sources, {max_rows} rows a sheet"
        );
        // Every source stays in the CSV file whatever the workbook holds.
        assert_eq!(file("sources.csv").matches("\r\n").count(), n_sources + 1);
        let cut = expected_errors.iter().any(|r| r.contains("holds only"));
        assert_eq!(
            file("summary.md").contains("holds only the first"),
            cut,
            "summary.md"
        );
        use calamine::Reader;
        let bytes = files
            .iter()
            .find(|f| f.name == xlsx::FILE_NAME)
            .expect("workbook");
        let mut book =
            calamine::Xlsx::new(std::io::Cursor::new(bytes.bytes.clone())).expect("opens");
        let sheet = book.worksheet_range("sources").expect("sources sheet");
        assert_eq!(
            sheet.height(),
            n_sources.min(max_rows) + 1,
            "header and rows"
        );
        // The workbook's own errors sheet was written before its problems were known.
        let errors = book.worksheet_range("errors").expect("errors sheet");
        assert_eq!(errors.height(), 2);
    }

    #[test]
    fn a_sheet_past_the_row_limit_is_cut_and_errors_csv_says_so() {
        let ingest = "\"s0\",\"ingest\",\"unreadable\"";
        check_sheet_limit(3, 3, &[ingest]);
        check_sheet_limit(
            4,
            3,
            &[
                "\"corroborate.xlsx\",\"report\",\"sheet sources holds only the first 3 of 4 rows: see sources.csv for all\"",
                ingest,
            ],
        );
    }
}
