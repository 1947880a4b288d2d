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
}

impl Default for ReportConfig {
    fn default() -> Self {
        ReportConfig {
            workbook: true,
            html: true,
            top_facts: 10,
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
    let mut rec = order::canonical(rec);
    let mut tables = table::tables(&rec);
    let mut workbook = None;
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
            Ok(bytes) => workbook = Some(bytes),
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

    let mut files: Vec<ReportFile> = tables
        .iter()
        .map(|t| ReportFile {
            name: format!("{}.csv", t.name),
            bytes: csv::render(t),
        })
        .collect();
    files.push(ReportFile {
        name: "summary.md".to_string(),
        bytes: summary::render(&rec, config).into_bytes(),
    });
    if config.html {
        files.push(ReportFile {
            name: "report.html".to_string(),
            bytes: html::render(&rec, config).into_bytes(),
        });
    }
    if let Some(bytes) = workbook {
        files.push(ReportFile {
            name: xlsx::FILE_NAME.to_string(),
            bytes,
        });
    }
    files
}

/// Writes every report into `dir`, each atomically: written to a hidden file beside
/// its final name, then renamed over it. Returns the file names. A process killed
/// midway leaves each report whole (old or new); no fsync is made, which would only
/// add power-loss durability at a cost every watch cycle pays.
pub fn write_reports(
    rec: &Reconciled,
    dir: &Path,
    config: &ReportConfig,
) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    remove_partials(dir);
    let mut names = Vec::new();
    for file in render(rec, config) {
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
    }
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
