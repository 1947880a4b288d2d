//! What the readable reports (`summary.md`, `report.html`) show, gathered once from
//! a canonical [`Reconciled`]: the stories with their sources and independence
//! groups, each conflict with the sentences behind it, the best-corroborated facts,
//! name variants and withdrawn figures. Both pages render these in the same order.

use std::collections::{BTreeMap, BTreeSet};

use records::{
    Conflict, ConflictKind, EntityRow, Fact, FactMention, FactStatus, Reconciled, SourceRow,
    SourceStatus,
};

use crate::text::natural_cmp;

/// A story: sources about the same event.
pub struct Story<'a> {
    /// `story_id`.
    pub id: String,
    /// Its sources, in `source_id` order.
    pub sources: Vec<&'a SourceRow>,
    /// Independence groups: `group_id` and its sources, in group order. Sources with
    /// no group count as a group of their own (keyed by their `source_id`).
    pub groups: Vec<(String, Vec<&'a SourceRow>)>,
    /// Facts of the story.
    pub facts: usize,
    /// Facts in conflict.
    pub conflict_facts: usize,
    /// Rows of `conflicts.csv` for the story.
    pub conflicts: usize,
    /// Earliest and latest `published` date among its sources.
    pub dates: Option<(String, String)>,
}

/// One sentence a conflict rests on.
pub struct Evidence<'a> {
    /// The words in dispute, as the source has them.
    pub text: &'a str,
    /// The sentence holding them (empty when the record has none).
    pub sentence: &'a str,
    /// Char offsets into `text/<source_id>.txt`, when known.
    pub span: Option<(usize, usize)>,
    /// The source withdrew the figure.
    pub retracted: bool,
}

/// A conflict and the sentences on both sides.
pub struct ConflictView<'a> {
    /// The row of `conflicts.csv`.
    pub conflict: &'a Conflict,
    /// The fact disputed, for a number conflict whose subject names one.
    pub fact: Option<&'a Fact>,
    /// Evidence from `source_a`.
    pub evidence_a: Vec<Evidence<'a>>,
    /// Evidence from `source_b`.
    pub evidence_b: Vec<Evidence<'a>>,
}

/// Everything the readable reports show.
pub struct View<'a> {
    /// The records (canonical order).
    pub rec: &'a Reconciled,
    /// Stories, in `story_id` order.
    pub stories: Vec<Story<'a>>,
    /// Sources outside every story (duplicates, failures).
    pub unplaced: Vec<&'a SourceRow>,
    /// Conflicts, in `conflict_id` order.
    pub conflicts: Vec<ConflictView<'a>>,
    /// Facts in conflict that have at least two mentions, for the number lines.
    pub disputed: Vec<&'a Fact>,
    /// The best-corroborated facts, best first.
    pub best: Vec<&'a Fact>,
    /// Entities with spelling variants.
    pub variants: Vec<&'a EntityRow>,
    /// Withdrawn figures with their fact.
    pub retracted: Vec<(&'a FactMention, Option<&'a Fact>)>,
}

impl<'a> View<'a> {
    /// Gathers the view; `rec` must be in canonical order.
    pub fn new(rec: &'a Reconciled, top_facts: usize) -> Self {
        let facts_by_id: BTreeMap<&str, &Fact> =
            rec.facts.iter().map(|f| (f.fact_id.as_str(), f)).collect();

        let mut story_ids: BTreeSet<&str> = BTreeSet::new();
        story_ids.extend(rec.sources.iter().filter_map(|s| s.story_id.as_deref()));
        story_ids.extend(rec.facts.iter().map(|f| f.story_id.as_str()));
        let mut story_ids: Vec<&str> = story_ids.into_iter().collect();
        story_ids.sort_by(|a, b| natural_cmp(a, b));
        let stories = story_ids
            .into_iter()
            .map(|id| {
                let sources: Vec<&SourceRow> = rec
                    .sources
                    .iter()
                    .filter(|s| s.story_id.as_deref() == Some(id))
                    .collect();
                let mut groups: BTreeMap<String, Vec<&SourceRow>> = BTreeMap::new();
                for s in &sources {
                    let key = s.group_id.clone().unwrap_or_else(|| s.source_id.clone());
                    groups.entry(key).or_default().push(s);
                }
                let mut groups: Vec<(String, Vec<&SourceRow>)> = groups.into_iter().collect();
                groups.sort_by(|a, b| natural_cmp(&a.0, &b.0));
                let mut dates: Vec<&str> = sources
                    .iter()
                    .filter_map(|s| s.published.as_deref())
                    .collect();
                dates.sort();
                let facts: Vec<&Fact> = rec.facts.iter().filter(|f| f.story_id == id).collect();
                Story {
                    id: id.to_string(),
                    facts: facts.len(),
                    conflict_facts: facts
                        .iter()
                        .filter(|f| f.status == FactStatus::Conflict)
                        .count(),
                    conflicts: rec.conflicts.iter().filter(|c| c.story_id == id).count(),
                    dates: match (dates.first(), dates.last()) {
                        (Some(a), Some(b)) => Some((a.to_string(), b.to_string())),
                        _ => None,
                    },
                    sources,
                    groups,
                }
            })
            .collect();
        let unplaced = rec
            .sources
            .iter()
            .filter(|s| s.story_id.is_none())
            .collect();

        let conflicts = rec
            .conflicts
            .iter()
            .map(|c| {
                let fact = match c.kind {
                    ConflictKind::Number => rec.facts.iter().find(|f| {
                        f.story_id == c.story_id && (f.what == c.subject || f.fact_id == c.subject)
                    }),
                    _ => None,
                };
                ConflictView {
                    conflict: c,
                    fact,
                    evidence_a: evidence(rec, c, fact, &c.source_a),
                    evidence_b: evidence(rec, c, fact, &c.source_b),
                }
            })
            .collect();

        let disputed = rec
            .facts
            .iter()
            .filter(|f| {
                f.status == FactStatus::Conflict
                    && rec
                        .fact_mentions
                        .iter()
                        .filter(|m| m.fact_id == f.fact_id)
                        .count()
                        >= 2
            })
            .collect();

        let rank = |s: FactStatus| match s {
            FactStatus::Agreed => 0,
            FactStatus::Consistent => 1,
            FactStatus::Single => 2,
            FactStatus::Conflict => 3,
        };
        let mut best: Vec<&Fact> = rec
            .facts
            .iter()
            .filter(|f| f.independent_sources > 0)
            .collect();
        best.sort_by(|a, b| {
            b.independent_sources
                .cmp(&a.independent_sources)
                .then(b.sources.cmp(&a.sources))
                .then(rank(a.status).cmp(&rank(b.status)))
                .then_with(|| natural_cmp(&a.fact_id, &b.fact_id))
        });
        best.truncate(top_facts);

        View {
            rec,
            stories,
            unplaced,
            conflicts,
            disputed,
            best,
            variants: rec
                .entities
                .iter()
                .filter(|e| !e.variants.is_empty())
                .collect(),
            retracted: rec
                .fact_mentions
                .iter()
                .filter(|m| m.retracted)
                .map(|m| (m, facts_by_id.get(m.fact_id.as_str()).copied()))
                .collect(),
        }
    }

    /// A short readable name for a source: its outlet, else its id.
    pub fn label(&self, source_id: &str) -> String {
        self.rec
            .sources
            .iter()
            .find(|s| s.source_id == source_id)
            .and_then(|s| s.outlet.clone())
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_else(|| source_id.to_string())
    }

    /// The independence group of a source, if it has one.
    pub fn group(&self, source_id: &str) -> Option<&str> {
        self.rec
            .sources
            .iter()
            .find(|s| s.source_id == source_id)
            .and_then(|s| s.group_id.as_deref())
    }

    /// Sources that are fine (status `ok`).
    pub fn ok_sources(&self) -> usize {
        self.rec
            .sources
            .iter()
            .filter(|s| s.status == SourceStatus::Ok)
            .count()
    }
}

/// The sentences behind one side of a conflict.
fn evidence<'a>(
    rec: &'a Reconciled,
    c: &'a Conflict,
    fact: Option<&'a Fact>,
    source_id: &'a str,
) -> Vec<Evidence<'a>> {
    match c.kind {
        ConflictKind::Number => {
            let Some(fact) = fact else { return Vec::new() };
            rec.fact_mentions
                .iter()
                .filter(|m| m.fact_id == fact.fact_id && m.source_id == source_id)
                .map(|m| Evidence {
                    text: &m.text,
                    sentence: &m.sentence,
                    span: Some((m.start, m.end)),
                    retracted: m.retracted,
                })
                .collect()
        }
        ConflictKind::Quote => rec
            .quotes
            .iter()
            .filter(|q| q.quote_id == c.subject && q.source_id == source_id)
            .map(|q| Evidence {
                text: &q.text,
                sentence: "",
                span: Some((q.start, q.end)),
                retracted: false,
            })
            .collect(),
        ConflictKind::Name | ConflictKind::Date => Vec::new(),
    }
}
