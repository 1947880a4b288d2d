//! `summary.md`: the page a reviewer reads first. In order: the run in one line; the
//! stories; the sources with their independence groups; the conflicts, each with the
//! sentences on both sides; the figures that changed over time, each with its series
//! (updates are not conflicts); the best-corroborated facts; statements reported by
//! several sources; name variants; retracted figures; errors.
//!
//! Text taken from articles is escaped for Markdown (it cannot open a link, a tag or
//! a table column) and invisible control characters are shown as `[U+XXXX]`.

use std::fmt::Write;

use records::Reconciled;

use crate::ReportConfig;
use crate::table::fact_value_readable;
use crate::text::md_escape;
use crate::view::{ConflictView, Evidence, Updated, View};

/// Renders `summary.md` from canonical records.
pub fn render(rec: &Reconciled, config: &ReportConfig) -> String {
    let view = View::new(rec, config.top_facts);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_all(&mut out, &view);
    out
}

fn write_all(out: &mut String, v: &View) -> std::fmt::Result {
    let rec = v.rec;
    writeln!(out, "# corroborate: summary\n")?;
    let conflict_facts: usize = v.stories.iter().map(|s| s.conflict_facts).sum();
    writeln!(
        out,
        "{} ({} ok) in {} · {} · {} ({} in conflict) · {} · {} · {}\n",
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
    writeln!(
        out,
        "Every row is in the CSV files beside this page and in `corroborate.xlsx`; `report.html` shows the \
         same with pictures. Offsets (`chars a-b`) count characters into `text/<source_id>.txt`.\n"
    )?;

    writeln!(out, "## Stories\n")?;
    if v.stories.is_empty() {
        writeln!(out, "No story: no source could be read.\n")?;
    }
    for story in &v.stories {
        write!(out, "### Story {}", md_escape(&story.id))?;
        if let Some((first, last)) = &story.dates {
            if first == last {
                write!(out, " ({})", md_escape(first))?;
            } else {
                write!(out, " ({} to {})", md_escape(first), md_escape(last))?;
            }
        }
        writeln!(out, "\n")?;
        writeln!(
            out,
            "- {}, {} independent: {}, {} in conflict; {}",
            plural(story.sources.len(), "source"),
            story.groups.len(),
            plural(story.facts, "fact"),
            story.conflict_facts,
            plural(story.conflicts, "conflict")
        )?;
        for s in &story.sources {
            if let Some(title) = &s.title {
                writeln!(
                    out,
                    "- {}: {}",
                    md_escape(&v.label(&s.source_id)),
                    md_escape(title)
                )?;
            }
        }
        writeln!(out)?;
    }

    writeln!(out, "## Sources and their independence\n")?;
    writeln!(
        out,
        "Sources in one group copy or paraphrase each other (or one common original): together they are one \
         confirmation, not several.\n"
    )?;
    if !v.stories.is_empty() {
        writeln!(
            out,
            "| story | group | source_id | outlet | published | words | title |"
        )?;
        writeln!(out, "|---|---|---|---|---|---:|---|")?;
        for story in &v.stories {
            for (_, sources) in &story.groups {
                for s in sources {
                    writeln!(
                        out,
                        "| {} | {} | {} | {} | {} | {} | {} |",
                        md_escape(&story.id),
                        md_escape(s.group_id.as_deref().unwrap_or("")),
                        md_escape(&s.source_id),
                        md_escape(s.outlet.as_deref().unwrap_or("")),
                        md_escape(s.published.as_deref().unwrap_or("")),
                        s.words,
                        md_escape(s.title.as_deref().unwrap_or(""))
                    )?;
                }
            }
        }
        writeln!(out)?;
    }
    if !v.unplaced.is_empty() {
        writeln!(out, "Not in any story:\n")?;
        writeln!(out, "| source_id | status |")?;
        writeln!(out, "|---|---|")?;
        for s in &v.unplaced {
            writeln!(
                out,
                "| {} | {} |",
                md_escape(&s.source_id),
                md_escape(&s.status.label())
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Conflicts\n")?;
    if v.conflicts.is_empty() {
        writeln!(out, "No two sources contradict each other.\n")?;
    }
    for c in &v.conflicts {
        write_conflict(out, v, c)?;
    }

    writeln!(out, "## Figures that changed over time\n")?;
    if v.updated.is_empty() {
        writeln!(out, "No figure changed over time.\n")?;
    }
    for u in &v.updated {
        let (first, last) = (u.steps.first(), u.steps.last());
        let figure = |step: Option<&(&str, Vec<&records::FactMention>)>| {
            step.and_then(Updated::figure)
                .map(|m| m.text.clone())
                .unwrap_or_default()
        };
        writeln!(
            out,
            "### {} · {} (story {})\n\nThe figure {} from {} to {} between {} and {}; best estimate {} as of {}. \
             Updates are not conflicts.\n",
            md_escape(&u.fact.fact_id),
            md_escape(&u.fact.what),
            md_escape(&u.fact.story_id),
            u.direction(),
            md_escape(&figure(first)),
            md_escape(&figure(last)),
            first.map(|s| s.0).unwrap_or(""),
            last.map(|s| s.0).unwrap_or(""),
            md_escape(&fact_value_readable(u.fact)),
            u.fact.as_of.as_deref().unwrap_or("")
        )?;
        writeln!(out, "| as of | figures (source: text) |")?;
        writeln!(out, "|---|---|")?;
        for (date, ms) in &u.steps {
            let cells: Vec<String> = ms
                .iter()
                .map(|m| format!("{}: {}", m.source_id, m.text))
                .collect();
            writeln!(out, "| {date} | {} |", md_escape(&cells.join("; ")))?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Best-corroborated facts\n")?;
    if v.best.is_empty() {
        writeln!(out, "No fact found.\n")?;
    } else {
        writeln!(
            out,
            "| fact | story | what | best estimate | status | independent sources | sources | values |"
        )?;
        writeln!(out, "|---|---|---|---:|---|---:|---:|---|")?;
        for f in &v.best {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                md_escape(&f.fact_id),
                md_escape(&f.story_id),
                md_escape(&f.what),
                md_escape(&fact_value_readable(f)),
                f.status.as_str(),
                f.independent_sources,
                f.sources,
                md_escape(&f.values.join("; "))
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Statements in several sources\n")?;
    if v.shared_quotes.is_empty() {
        writeln!(out, "No statement is reported by more than one source.\n")?;
    }
    for rows in &v.shared_quotes {
        let q = rows[0];
        writeln!(
            out,
            "- **{}** {} ({}, wording {}):",
            md_escape(&q.quote_id),
            md_escape(q.speaker.as_deref().unwrap_or("unknown speaker")),
            plural(crate::view::distinct_sources(rows), "source"),
            q.wording.as_str()
        )?;
        for r in rows {
            writeln!(
                out,
                "  - {}: \"{}\" (chars {}-{})",
                md_escape(&v.label(&r.source_id)),
                md_escape(&r.text),
                r.start,
                r.end
            )?;
        }
    }
    if !v.shared_quotes.is_empty() {
        writeln!(out)?;
    }

    writeln!(out, "## Name variants\n")?;
    if v.variants.is_empty() {
        writeln!(out, "No deviant spelling of a name.\n")?;
    } else {
        writeln!(out, "| entity | name | type | variants (source) |")?;
        writeln!(out, "|---|---|---|---|")?;
        for e in &v.variants {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md_escape(&e.entity_id),
                md_escape(&e.name),
                e.kind.as_str(),
                md_escape(&e.variants.join("; "))
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Retracted figures\n")?;
    if v.retracted.is_empty() {
        writeln!(out, "No source withdrew a figure.\n")?;
    } else {
        writeln!(
            out,
            "These figures were withdrawn by their source and are left out of each fact's status.\n"
        )?;
        writeln!(out, "| fact | what | source | figure | sentence | chars |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for (m, fact) in &v.retracted {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {}-{} |",
                md_escape(&m.fact_id),
                md_escape(fact.map(|f| f.what.as_str()).unwrap_or("")),
                md_escape(&m.source_id),
                md_escape(&m.text),
                md_escape(&m.sentence),
                m.start,
                m.end
            )?;
        }
        writeln!(out)?;
    }

    if !rec.reviews.is_empty() {
        write_reviews(out, rec)?;
    }

    writeln!(out, "## Errors\n")?;
    if rec.errors.is_empty() {
        writeln!(out, "None.")?;
    } else {
        writeln!(out, "| source_id | stage | error |")?;
        writeln!(out, "|---|---|---|")?;
        for e in &rec.errors {
            writeln!(
                out,
                "| {} | {} | {} |",
                md_escape(&e.source_id),
                md_escape(&e.stage),
                md_escape(&e.error)
            )?;
        }
    }
    Ok(())
}

/// `1 story`, `2 stories`, `0 sources`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// The review file's verdicts and notes: how many found their row, and every one whose
/// row is gone, with its verdict and note (never dropped).
fn write_reviews(out: &mut String, rec: &Reconciled) -> std::fmt::Result {
    let placed = crate::review::Placed::new(rec);
    writeln!(out, "## Review\n")?;
    writeln!(
        out,
        "{} of the review file are on their rows (columns `review_verdict` and `review_note` of facts.csv, \
         conflicts.csv and quotes.csv).\n",
        plural(placed.placed(), "review")
    )?;
    writeln!(out, "### Reviews whose row is gone\n")?;
    if placed.orphans.is_empty() {
        writeln!(out, "None: every review found its row.\n")?;
        return Ok(());
    }
    writeln!(
        out,
        "No row of this run has these ids any more (the fact is no longer found, the conflict is resolved, or \
         the articles it came from were removed). They are kept here, as the review file has them.\n"
    )?;
    writeln!(out, "| kind | id | verdict | note |")?;
    writeln!(out, "|---|---|---|---|")?;
    for r in &placed.orphans {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            md_escape(&r.kind),
            md_escape(&r.id),
            md_escape(&r.verdict),
            md_escape(&r.note)
        )?;
    }
    writeln!(out)
}

fn write_conflict(out: &mut String, v: &View, c: &ConflictView) -> std::fmt::Result {
    let k = c.conflict;
    writeln!(
        out,
        "### {} · {} · {} (story {})\n",
        md_escape(&k.conflict_id),
        k.kind.as_str(),
        md_escape(&k.subject),
        md_escape(&k.story_id)
    )?;
    for (source, value, evidence) in [
        (&k.source_a, &k.value_a, &c.evidence_a),
        (&k.source_b, &k.value_b, &c.evidence_b),
    ] {
        let detail = v.detail(source);
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", md_escape(&detail))
        };
        writeln!(
            out,
            "- **{}**{}: {}",
            md_escape(&v.label(source)),
            detail,
            md_escape(value)
        )?;
        for e in evidence {
            write_evidence(out, e)?;
        }
    }
    if !k.note.trim().is_empty() {
        writeln!(out, "- why: {}", md_escape(&k.note))?;
    }
    if let Some(f) = c.fact {
        writeln!(
            out,
            "- fact {}: status {}, best estimate {}",
            md_escape(&f.fact_id),
            f.status.as_str(),
            md_escape(&fact_value_readable(f))
        )?;
    }
    writeln!(out)
}

fn write_evidence(out: &mut String, e: &Evidence) -> std::fmt::Result {
    let said = if e.sentence.is_empty() {
        e.text
    } else {
        e.sentence
    };
    let retracted = if e.retracted { " (retracted)" } else { "" };
    match e.span {
        Some((start, end)) => {
            writeln!(
                out,
                "  - \"{}\"{} (chars {}-{})",
                md_escape(said),
                retracted,
                start,
                end
            )
        }
        None => writeln!(out, "  - \"{}\"{}", md_escape(said), retracted),
    }
}
