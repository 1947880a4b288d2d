//! Report: one [`Reconciled`] in, the files a reviewer opens out, in `reports/`:
//! - the CSV files of `shared/docs/reports.md` (`sources.csv`, `entities.csv`,
//!   `facts.csv`, `fact_mentions.csv`, `quotes.csv`, `conflicts.csv`,
//!   `source_pairs.csv`, `timeline.csv`, `errors.csv`): UTF-8 with BOM, RFC 4180,
//!   formula cells neutralised, plain numbers, rows in a fixed order (see [`table`]);
//! - `corroborate.xlsx`: the same tables as one workbook (see [`xlsx`]);
//! - `summary.md`: the page to read first (see [`summary`]);
//! - `report.html`: the same content as a self-contained page with pictures: number
//!   lines for disputed figures, the source-similarity matrix, the timeline (see [`html`]).
//!
//! [`render`] is pure (records to bytes) and gives the same bytes for the same records,
//! whatever order their lists come in; [`write_reports`] writes each file beside its
//! final name and renames it into place, so a reader never sees half a file.
//!
//! Reads: `reconcile/reconciled.json` (written by the reconcile stage). Writes: `reports/`.

pub mod csv;
pub mod html;
mod order;
pub mod summary;
pub mod table;
pub mod text;
mod view;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

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
/// that a large corpus never holds every report in memory at once. The order: the
/// workbook (its problems go into `errors.csv`), the CSV files, `summary.md`,
/// `report.html`.
pub fn render_each(
    rec: &Reconciled,
    config: &ReportConfig,
    sink: &mut dyn FnMut(ReportFile) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut rec = order::canonical(rec);
    let mut tables = table::tables(&rec);
    if config.workbook {
        let mut problems: Vec<Diagnostic> = tables
            .iter()
            .filter(|t| t.rows.len() > xlsx::MAX_ROWS)
            .map(|t| Diagnostic {
                source_id: xlsx::FILE_NAME.to_string(),
                stage: "report".to_string(),
                error: format!(
                    "sheet {} holds only the first {} of {} rows: see {}.csv for all",
                    t.name,
                    xlsx::MAX_ROWS,
                    t.rows.len(),
                    t.name
                ),
            })
            .collect();
        match xlsx::render(&tables) {
            Ok(bytes) => sink(ReportFile {
                name: xlsx::FILE_NAME.to_string(),
                bytes,
            })?,
            Err(err) => problems.push(Diagnostic {
                source_id: xlsx::FILE_NAME.to_string(),
                stage: "report".to_string(),
                error: format!("cannot build the workbook: {err}"),
            }),
        }
        if !problems.is_empty() {
            rec.errors.extend(problems);
            rec = order::canonical(&rec);
            tables = table::tables(&rec);
        }
    }
    for t in &tables {
        sink(ReportFile {
            name: format!("{}.csv", t.name),
            bytes: csv::render(t),
        })?;
    }
    drop(tables);
    sink(ReportFile {
        name: "summary.md".to_string(),
        bytes: summary::render(&rec, config).into_bytes(),
    })?;
    if config.html {
        let bytes = match page_records(&rec, config.page_stories) {
            Some((shown, note)) => html::render_with_note(&shown, config, Some(&note)),
            None => html::render(&rec, config),
        };
        sink(ReportFile {
            name: "report.html".to_string(),
            bytes: bytes.into_bytes(),
        })?;
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
    let facts: Vec<records::Fact> = rec.facts.iter().filter(|f| in_story(&f.story_id)).cloned().collect();
    let fact_ids: BTreeSet<&str> = facts.iter().map(|f| f.fact_id.as_str()).collect();
    let shown = Reconciled {
        entities: rec
            .entities
            .iter()
            .filter(|e| e.source_ids.iter().any(|id| source_ids.contains(id.as_str())))
            .cloned()
            .collect(),
        fact_mentions: rec.fact_mentions.iter().filter(|m| fact_ids.contains(m.fact_id.as_str())).cloned().collect(),
        facts,
        quotes: rec.quotes.iter().filter(|q| source_ids.contains(q.source_id.as_str())).cloned().collect(),
        conflicts: rec.conflicts.iter().filter(|c| in_story(&c.story_id)).cloned().collect(),
        source_pairs: rec
            .source_pairs
            .iter()
            .filter(|p| source_ids.contains(p.source_a.as_str()))
            .cloned()
            .collect(),
        timeline: rec.timeline.iter().filter(|t| in_story(&t.story_id)).cloned().collect(),
        errors: rec.errors.clone(),
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

/// Writes every report into `dir`, each atomically: written to a hidden file beside
/// its final name, then renamed over it, as soon as it is rendered. Returns the file
/// names. A process killed midway leaves each report whole (old or new); no fsync is
/// made, which would only add power-loss durability at a cost every watch cycle pays.
pub fn write_reports(
    rec: &Reconciled,
    dir: &Path,
    config: &ReportConfig,
) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    remove_partials(dir);
    let mut names = Vec::new();
    render_each(rec, config, &mut |file| {
        let final_path = dir.join(&file.name);
        let tmp_path = dir.join(format!(".{}.partial", file.name));
        let result = (|| {
            let mut out = std::fs::File::create(&tmp_path)?;
            out.write_all(&file.bytes)?;
            std::fs::rename(&tmp_path, &final_path)
        })();
        if let Err(err) = result {
            // Leave no partial file behind; the earlier version (if any) stays intact.
            let _ = std::fs::remove_file(&tmp_path);
            return Err(std::io::Error::new(
                err.kind(),
                format!("{}: {err}", final_path.display()),
            ));
        }
        names.push(file.name);
        Ok(())
    })?;
    Ok(names)
}

/// Removes `.<name>.partial` files a crashed earlier run left behind. Best effort: a
/// leftover file is untidy, not wrong, so failing to remove one is no error.
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
