//! Reconcile: every source's [`Extraction`] in, one [`Reconciled`] out: stories,
//! independence groups, entities across sources, facts with a status, quotes grouped
//! into statements, conflicts and a timeline.
//!
//! Reads: `extract/*.json` and the extract manifest. Writes (through xtask):
//! `reconcile/reconciled.json`. Next stage: report.

use records::{Diagnostic, Extraction, Reconciled, SourceEntry, SourceRow, SourceStatus};
use serde::{Deserialize, Serialize};

/// Reconcile settings (`[reconcile]` in a pipeline file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReconcileConfig {}

/// Reconciles all sources. `entries` lists every source the pipeline was given (with
/// failed and duplicate ones); `extractions` holds those that reached extract;
/// `errors` are the diagnostics of the earlier stages.
pub fn reconcile(
    entries: &[SourceEntry],
    extractions: &[Extraction],
    errors: Vec<Diagnostic>,
    _config: &ReconcileConfig,
) -> Reconciled {
    let sources = entries
        .iter()
        .map(|entry| {
            let doc = extractions.iter().find(|x| x.document.source_id == entry.source_id).map(|x| &x.document);
            let ok = matches!(entry.status, SourceStatus::Ok) && doc.is_some();
            SourceRow {
                source_id: entry.source_id.clone(),
                file: entry.file.clone(),
                title: doc.and_then(|d| d.meta.title.clone()),
                outlet: doc.and_then(|d| d.meta.outlet.clone()),
                published: doc.and_then(|d| d.meta.published.clone().or(d.date.clone())),
                words: doc.map_or(0, |d| d.words),
                status: entry.status.clone(),
                story_id: ok.then(|| "S1".to_string()),
                group_id: None,
                content_hash: entry.content_hash.clone(),
            }
        })
        .collect();
    Reconciled { sources, errors, ..Reconciled::default() }
}
