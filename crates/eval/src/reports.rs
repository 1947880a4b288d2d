//! The parts of a run's reports that eval reads: the CSV files a reviewer opens
//! (their contract columns) and the clean texts the offsets point into.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SourceRow {
    pub source_id: String,
    pub status: String,
    #[serde(default)]
    pub story_id: String,
    #[serde(default)]
    pub group_id: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct FactRow {
    pub fact_id: String,
    #[serde(default)]
    pub story_id: String,
    #[serde(default)]
    pub what: String,
    pub status: String,
    #[serde(default)]
    pub best_estimate: String,
    #[serde(default)]
    pub as_of: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MentionRow {
    pub fact_id: String,
    pub source_id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    #[serde(default)]
    pub retracted: String,
    /// After the leading columns, once the reports carry it.
    #[serde(default)]
    pub correction: String,
    pub start: usize,
    pub end: usize,
}

impl MentionRow {
    /// Flagged as withdrawn, denied, corrected or superseded.
    pub fn flagged(&self) -> bool {
        self.retracted == "true" || !self.correction.is_empty()
    }

    /// The interval the wording allows, as the reports write it (`high` empty: open).
    pub fn interval(&self) -> Option<(f64, Option<f64>)> {
        let low = self.low.trim().parse().ok()?;
        Some((low, self.high.trim().parse().ok()))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct QuoteRow {
    pub quote_id: String,
    pub source_id: String,
    #[serde(default)]
    pub speaker: String,
    #[serde(default)]
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConflictRow {
    #[serde(default)]
    pub conflict_id: String,
    pub kind: String,
    #[serde(default)]
    pub subject: String,
    pub source_a: String,
    pub value_a: String,
    pub source_b: String,
    pub value_b: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntityRow {
    #[serde(default)]
    pub entity_id: String,
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub aliases: String,
    #[serde(default)]
    pub variants: String,
    #[serde(default)]
    pub source_ids: String,
}

impl EntityRow {
    /// The name and every alias (the cell joins them with `; `).
    pub fn forms(&self) -> Vec<&str> {
        let mut forms = vec![self.name.as_str()];
        forms.extend(split_list(&self.aliases));
        forms
    }

    /// The variant forms, without their `(source_id)`.
    pub fn variant_forms(&self) -> Vec<&str> {
        split_list(&self.variants)
            .map(|v| v.rsplit_once(" (").map_or(v, |(form, _)| form))
            .collect()
    }
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split("; ").map(str::trim).filter(|s| !s.is_empty())
}

/// One run's reports, as eval reads them.
#[derive(Debug, Clone, Default)]
pub struct Reports {
    pub sources: Vec<SourceRow>,
    pub facts: Vec<FactRow>,
    pub mentions: Vec<MentionRow>,
    pub quotes: Vec<QuoteRow>,
    pub conflicts: Vec<ConflictRow>,
    pub entities: Vec<EntityRow>,
    /// Clean text of each source, by source id.
    pub texts: BTreeMap<String, String>,
}

impl Reports {
    /// Reads `<out>/reports/*.csv` and `<out>/text/<source_id>.txt` of a finished run.
    pub fn read(out: &Path) -> Result<Reports> {
        let dir = out.join("reports");
        let sources: Vec<SourceRow> = read_csv(&dir.join("sources.csv"))?;
        let mut texts = BTreeMap::new();
        for s in sources.iter().filter(|s| s.status == "ok") {
            let path = out.join("text").join(format!("{}.txt", s.source_id));
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            texts.insert(s.source_id.clone(), text);
        }
        Ok(Reports {
            facts: read_csv(&dir.join("facts.csv"))?,
            mentions: read_csv(&dir.join("fact_mentions.csv"))?,
            quotes: read_csv(&dir.join("quotes.csv"))?,
            conflicts: read_csv(&dir.join("conflicts.csv"))?,
            entities: read_csv(&dir.join("entities.csv"))?,
            sources,
            texts,
        })
    }

    pub fn fact(&self, fact_id: &str) -> Option<&FactRow> {
        self.facts.iter().find(|f| f.fact_id == fact_id)
    }
}

/// A report's rows, by column name (the byte-order mark removed, extra columns ignored).
fn read_csv<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(body);
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.with_context(|| format!("{}: row {}", path.display(), i + 2)))
        .collect()
}
