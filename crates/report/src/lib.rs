//! Report: one [`Reconciled`] in, the files a reviewer opens out: the CSV reports of
//! `shared/docs/reports.md` (UTF-8 with BOM, RFC 4180, formula cells neutralised) and
//! `summary.md`.
//!
//! [`render`] is pure (records to bytes); [`write_reports`] writes each file beside
//! its final name and renames it into place, so a reader never sees half a file.
//!
//! Reads: `reconcile/reconciled.json`. Writes: `reports/`.

use std::path::Path;

use records::Reconciled;
use serde::{Deserialize, Serialize};

/// Report settings (`[report]` in a pipeline file).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportConfig {}

/// One rendered report file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// File name inside `reports/`.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Renders every report.
pub fn render(rec: &Reconciled, _config: &ReportConfig) -> Vec<ReportFile> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let list = |v: &[String]| v.join("; ");
    let num = |v: f64| format_number(v);
    let mut files = Vec::new();

    files.push(csv_file(
        "sources.csv",
        &["source_id", "file", "title", "outlet", "published", "words", "status", "story_id", "group_id"],
        rec.sources.iter().map(|s| {
            vec![
                s.source_id.clone(),
                s.file.clone(),
                opt(&s.title),
                opt(&s.outlet),
                opt(&s.published),
                s.words.to_string(),
                s.status.label(),
                opt(&s.story_id),
                opt(&s.group_id),
            ]
        }),
    ));
    files.push(csv_file(
        "entities.csv",
        &["entity_id", "name", "type", "roles", "aliases", "variants", "sources", "mentions", "source_ids"],
        rec.entities.iter().map(|e| {
            vec![
                e.entity_id.clone(),
                e.name.clone(),
                e.kind.as_str().to_string(),
                list(&e.roles),
                list(&e.aliases),
                list(&e.variants),
                e.sources.to_string(),
                e.mentions.to_string(),
                list(&e.source_ids),
            ]
        }),
    ));
    files.push(csv_file(
        "facts.csv",
        &[
            "fact_id",
            "story_id",
            "what",
            "status",
            "best_estimate",
            "values",
            "sources",
            "independent_sources",
            "attributed_to",
            "evidence",
            "as_of",
        ],
        rec.facts.iter().map(|f| {
            let best = match (f.best_low, f.best_high) {
                (Some(lo), Some(hi)) if lo == hi => num(lo),
                (Some(lo), Some(hi)) => format!("{}-{}", num(lo), num(hi)),
                _ => String::new(),
            };
            vec![
                f.fact_id.clone(),
                f.story_id.clone(),
                f.what.clone(),
                f.status.as_str().to_string(),
                best,
                list(&f.values),
                f.sources.to_string(),
                f.independent_sources.to_string(),
                list(&f.attributed_to),
                f.evidence.clone(),
                opt(&f.as_of),
            ]
        }),
    ));
    files.push(csv_file(
        "fact_mentions.csv",
        &[
            "fact_id",
            "source_id",
            "text",
            "low",
            "high",
            "unit",
            "event",
            "attributed_to",
            "hedged",
            "retracted",
            "as_of",
            "sentence",
            "start",
            "end",
        ],
        rec.fact_mentions.iter().map(|m| {
            vec![
                m.fact_id.clone(),
                m.source_id.clone(),
                m.text.clone(),
                num(m.low),
                num(m.high),
                opt(&m.unit),
                opt(&m.event),
                opt(&m.attributed_to),
                m.hedged.to_string(),
                m.retracted.to_string(),
                opt(&m.as_of),
                m.sentence.clone(),
                m.start.to_string(),
                m.end.to_string(),
            ]
        }),
    ));
    files.push(csv_file(
        "quotes.csv",
        &["quote_id", "source_id", "speaker", "kind", "wording", "sources", "text", "start", "end", "verb"],
        rec.quotes.iter().map(|q| {
            vec![
                q.quote_id.clone(),
                q.source_id.clone(),
                opt(&q.speaker),
                match q.kind {
                    records::QuoteKind::Direct => "direct".to_string(),
                    records::QuoteKind::Indirect => "indirect".to_string(),
                },
                q.wording.as_str().to_string(),
                q.sources.to_string(),
                q.text.clone(),
                q.start.to_string(),
                q.end.to_string(),
                opt(&q.verb),
            ]
        }),
    ));
    files.push(csv_file(
        "conflicts.csv",
        &["conflict_id", "kind", "story_id", "subject", "source_a", "value_a", "source_b", "value_b", "note"],
        rec.conflicts.iter().map(|c| {
            vec![
                c.conflict_id.clone(),
                c.kind.as_str().to_string(),
                c.story_id.clone(),
                c.subject.clone(),
                c.source_a.clone(),
                c.value_a.clone(),
                c.source_b.clone(),
                c.value_b.clone(),
                c.note.clone(),
            ]
        }),
    ));
    files.push(csv_file(
        "source_pairs.csv",
        &["source_a", "source_b", "similarity", "shared_facts", "relation", "evidence"],
        rec.source_pairs.iter().map(|p| {
            vec![
                p.source_a.clone(),
                p.source_b.clone(),
                format!("{:.3}", p.similarity),
                p.shared_facts.to_string(),
                p.relation.as_str().to_string(),
                p.evidence.clone(),
            ]
        }),
    ));
    files.push(csv_file(
        "timeline.csv",
        &["date", "story_id", "event", "sources", "source_ids"],
        rec.timeline.iter().map(|t| {
            vec![t.date.clone(), t.story_id.clone(), t.event.clone(), t.sources.to_string(), list(&t.source_ids)]
        }),
    ));
    files.push(csv_file(
        "errors.csv",
        &["source_id", "stage", "error"],
        rec.errors.iter().map(|e| vec![e.source_id.clone(), e.stage.clone(), e.error.clone()]),
    ));
    files.push(ReportFile { name: "summary.md".to_string(), bytes: summary(rec).into_bytes() });
    files
}

/// Writes every report into `dir`, each atomically (write beside, then rename).
pub fn write_reports(rec: &Reconciled, dir: &Path, config: &ReportConfig) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut names = Vec::new();
    for file in render(rec, config) {
        let final_path = dir.join(&file.name);
        let tmp_path = dir.join(format!(".{}.partial", file.name));
        std::fs::write(&tmp_path, &file.bytes)?;
        std::fs::rename(&tmp_path, &final_path)?;
        names.push(file.name);
    }
    Ok(names)
}

fn csv_file(name: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> ReportFile {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut bytes);
        writer.write_record(header).expect("writing to memory cannot fail");
        for row in rows {
            writer
                .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
                .expect("writing to memory cannot fail");
        }
        writer.flush().expect("writing to memory cannot fail");
    }
    ReportFile { name: name.to_string(), bytes }
}

/// Neutralises a cell a spreadsheet would read as a formula (OWASP: prefix a single
/// quote), leaving plain numbers such as `-3` alone.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Plain number: no thousands separators, no trailing `.0`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn summary(rec: &Reconciled) -> String {
    let mut out = String::from("# corroborate: summary\n\n");
    let ok = rec.sources.iter().filter(|s| matches!(s.status, records::SourceStatus::Ok)).count();
    out.push_str(&format!(
        "- sources: {} ({} ok)\n- entities: {}\n- facts: {}\n- conflicts: {}\n- quotes: {}\n- errors: {}\n",
        rec.sources.len(),
        ok,
        rec.entities.len(),
        rec.facts.len(),
        rec.conflicts.len(),
        rec.quotes.len(),
        rec.errors.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_numbers_are_not() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-3"), "-3");
        assert_eq!(neutralise("+x"), "'+x");
        assert_eq!(neutralise("plain"), "plain");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(format_number(7939.0), "7939");
        assert_eq!(format_number(0.82), "0.82");
        assert_eq!(format_number(-3.0), "-3");
    }
}
