//! What the readable reports (`summary.md`, `report.html`) show, gathered once from
//! a canonical [`Reconciled`]: the stories with their sources and independence
//! groups, each conflict with the sentences behind it, the best-corroborated facts,
//! name variants and withdrawn figures. Both pages render these in the same order.

use std::collections::{BTreeMap, HashMap};

use records::{
    Conflict, ConflictKind, EntityRow, Fact, FactMention, FactStatus, QuoteRow, Reconciled,
    SourceRow, SourceStatus,
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

/// A fact whose figure changed over time (status `updated`), with its series.
pub struct Updated<'a> {
    pub fact: &'a Fact,
    /// Per date (`as_of`, in order), the date's mentions that count (not withdrawn),
    /// narrowest first.
    pub steps: Vec<(&'a str, Vec<&'a FactMention>)>,
}

impl Updated<'_> {
    /// The figure of a step: its narrowest mention.
    pub fn figure<'m>(step: &(&str, Vec<&'m FactMention>)) -> Option<&'m FactMention> {
        step.1.first().copied()
    }

    /// `rose`, `fell` or `changed`, from the first step's figure to the last's.
    pub fn direction(&self) -> &'static str {
        let first = self.steps.first().and_then(Self::figure);
        let last = self.steps.last().and_then(Self::figure);
        match (first, last) {
            (Some(a), Some(b)) if b.low > a.high => "rose",
            (Some(a), Some(b)) if b.high < a.low => "fell",
            _ => "changed",
        }
    }
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
    /// Statements reported by several sources, most sources first: each statement's
    /// rows of `quotes.csv`.
    pub shared_quotes: Vec<Vec<&'a QuoteRow>>,
    /// Withdrawn figures with their fact.
    pub retracted: Vec<(&'a FactMention, Option<&'a Fact>)>,
    /// Figures that changed over time, each with its series.
    pub updated: Vec<Updated<'a>>,
    sources_by_id: HashMap<&'a str, &'a SourceRow>,
    mentions_by_fact: HashMap<&'a str, Vec<&'a FactMention>>,
}

impl<'a> View<'a> {
    /// Gathers the view; `rec` must be in canonical order. Every lookup goes through
    /// a map, so the work grows with the size of the records, not its square.
    pub fn new(rec: &'a Reconciled, top_facts: usize) -> Self {
        let facts_by_id: HashMap<&str, &Fact> =
            rec.facts.iter().map(|f| (f.fact_id.as_str(), f)).collect();
        let sources_by_id: HashMap<&str, &SourceRow> = rec
            .sources
            .iter()
            .map(|s| (s.source_id.as_str(), s))
            .collect();
        let mut mentions_by_fact: HashMap<&str, Vec<&FactMention>> = HashMap::new();
        for m in &rec.fact_mentions {
            mentions_by_fact
                .entry(m.fact_id.as_str())
                .or_default()
                .push(m);
        }
        let mut quotes_by_id: HashMap<&str, Vec<&QuoteRow>> = HashMap::new();
        for q in &rec.quotes {
            quotes_by_id.entry(q.quote_id.as_str()).or_default().push(q);
        }

        // Stories, gathered in one pass over each list.
        let mut by_story: BTreeMap<&str, Story<'a>> = BTreeMap::new();
        for s in &rec.sources {
            if let Some(id) = s.story_id.as_deref() {
                by_story
                    .entry(id)
                    .or_insert_with(|| Story::empty(id))
                    .sources
                    .push(s);
            }
        }
        for f in &rec.facts {
            let st = by_story
                .entry(f.story_id.as_str())
                .or_insert_with(|| Story::empty(&f.story_id));
            st.facts += 1;
            if f.status == FactStatus::Conflict {
                st.conflict_facts += 1;
            }
        }
        for c in &rec.conflicts {
            if let Some(st) = by_story.get_mut(c.story_id.as_str()) {
                st.conflicts += 1;
            }
        }
        let mut stories: Vec<Story<'a>> = by_story.into_values().collect();
        stories.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        for st in &mut stories {
            let mut groups: BTreeMap<String, Vec<&SourceRow>> = BTreeMap::new();
            for s in &st.sources {
                let key = s.group_id.clone().unwrap_or_else(|| s.source_id.clone());
                groups.entry(key).or_default().push(s);
            }
            st.groups = groups.into_iter().collect();
            st.groups.sort_by(|a, b| natural_cmp(&a.0, &b.0));
            let mut dates: Vec<&str> = st
                .sources
                .iter()
                .filter_map(|s| s.published.as_deref())
                .collect();
            dates.sort();
            st.dates = match (dates.first(), dates.last()) {
                (Some(a), Some(b)) => Some((a.to_string(), b.to_string())),
                _ => None,
            };
        }
        let unplaced = rec
            .sources
            .iter()
            .filter(|s| s.story_id.is_none())
            .collect();

        let conflict_facts = crate::table::ConflictFacts::new(&rec.facts);
        let no_mentions: Vec<&FactMention> = Vec::new();
        let no_quotes: Vec<&QuoteRow> = Vec::new();
        let conflicts = rec
            .conflicts
            .iter()
            .map(|c| {
                let fact = conflict_facts.find(c);
                let mentions = fact
                    .and_then(|f| mentions_by_fact.get(f.fact_id.as_str()))
                    .unwrap_or(&no_mentions);
                let quotes = quotes_by_id.get(c.subject.as_str()).unwrap_or(&no_quotes);
                ConflictView {
                    conflict: c,
                    fact,
                    evidence_a: evidence(c, mentions, quotes, &c.source_a, &c.value_a),
                    evidence_b: evidence(c, mentions, quotes, &c.source_b, &c.value_b),
                }
            })
            .collect();

        let disputed = rec
            .facts
            .iter()
            .filter(|f| {
                f.status == FactStatus::Conflict
                    && mentions_by_fact.get(f.fact_id.as_str()).map_or(0, Vec::len) >= 2
            })
            .collect();

        let rank = |s: FactStatus| match s {
            FactStatus::Agreed => 0,
            FactStatus::Consistent => 1,
            FactStatus::Single => 2,
            FactStatus::Updated => 3,
            FactStatus::Conflict => 4,
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

        // Each statement's count of sources made once, not in every comparison.
        let mut shared_quotes: Vec<(usize, Vec<&QuoteRow>)> = quotes_by_id
            .into_values()
            .map(|rows| (distinct_sources(&rows), rows))
            .filter(|(n, _)| *n >= 2)
            .collect();
        shared_quotes.sort_by(|(na, a), (nb, b)| {
            nb.cmp(na)
                .then_with(|| natural_cmp(&a[0].quote_id, &b[0].quote_id))
        });
        shared_quotes.truncate(top_facts);
        let shared_quotes: Vec<Vec<&QuoteRow>> =
            shared_quotes.into_iter().map(|(_, rows)| rows).collect();

        let updated = rec
            .facts
            .iter()
            .filter(|f| f.status == FactStatus::Updated)
            .map(|fact| {
                let mut steps: BTreeMap<&str, Vec<&FactMention>> = BTreeMap::new();
                for m in mentions_by_fact
                    .get(fact.fact_id.as_str())
                    .into_iter()
                    .flatten()
                {
                    if let (false, Some(date)) = (m.retracted, m.as_of.as_deref()) {
                        steps.entry(date).or_default().push(m);
                    }
                }
                let steps = steps
                    .into_iter()
                    .map(|(date, mut ms)| {
                        ms.sort_by(|a, b| {
                            (a.high - a.low)
                                .total_cmp(&(b.high - b.low))
                                .then(b.low.total_cmp(&a.low))
                        });
                        (date, ms)
                    })
                    .collect();
                Updated { fact, steps }
            })
            .collect();

        View {
            rec,
            updated,
            shared_quotes,
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
            sources_by_id,
            mentions_by_fact,
        }
    }

    /// The mentions of a fact, in canonical order.
    pub fn mentions(&self, fact_id: &str) -> &[&'a FactMention] {
        self.mentions_by_fact
            .get(fact_id)
            .map_or(&[], Vec::as_slice)
    }

    /// A short readable name for a source: its outlet, else its id.
    pub fn label(&self, source_id: &str) -> String {
        self.sources_by_id
            .get(source_id)
            .and_then(|s| s.outlet.clone())
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_else(|| source_id.to_string())
    }

    /// The row of a source.
    pub fn source(&self, source_id: &str) -> Option<&'a SourceRow> {
        self.sources_by_id.get(source_id).copied()
    }

    /// The source's address when it is one a reader may open (`http` or `https`; see
    /// [`crate::table::web_url`]).
    pub fn web_url(&self, source_id: &str) -> Option<&'a str> {
        self.sources_by_id
            .get(source_id)
            .and_then(|s| s.url.as_deref())
            .and_then(crate::table::web_url)
    }

    /// What to say after a source's label: its id (unless the label is the id) and
    /// its independence group, comma-separated; empty when there is nothing to add.
    pub fn detail(&self, source_id: &str) -> String {
        let mut parts = Vec::new();
        if self.label(source_id) != source_id {
            parts.push(source_id.to_string());
        }
        if let Some(g) = self.group(source_id) {
            parts.push(format!("group {g}"));
        }
        parts.join(", ")
    }

    /// The independence group of a source, if it has one.
    pub fn group(&self, source_id: &str) -> Option<&'a str> {
        self.sources_by_id
            .get(source_id)
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

impl<'a> Story<'a> {
    fn empty(id: &str) -> Self {
        Story {
            id: id.to_string(),
            sources: Vec::new(),
            groups: Vec::new(),
            facts: 0,
            conflict_facts: 0,
            conflicts: 0,
            dates: None,
        }
    }
}

/// Number of distinct sources among a statement's rows.
pub fn distinct_sources(rows: &[&QuoteRow]) -> usize {
    let mut sources: Vec<&str> = rows.iter().map(|q| q.source_id.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    sources.len()
}

/// The sentences behind one side of a conflict: the source's mentions of the
/// disputed fact (those worded as the conflict's value when there are such, so a
/// source's other figures for the fact do not crowd the page), or its wording of the
/// disputed quote. `conflicts.csv` shows the first of each side.
pub(crate) fn evidence<'a>(
    c: &'a Conflict,
    mentions: &[&'a FactMention],
    quotes: &[&'a QuoteRow],
    source_id: &str,
    value: &str,
) -> Vec<Evidence<'a>> {
    match c.kind {
        ConflictKind::Number => {
            let own: Vec<&FactMention> = mentions
                .iter()
                .copied()
                .filter(|m| m.source_id == source_id)
                .collect();
            let worded: Vec<&FactMention> = own
                .iter()
                .copied()
                .filter(|m| m.text.trim().eq_ignore_ascii_case(value.trim()))
                .collect();
            let chosen = if worded.is_empty() { own } else { worded };
            chosen
                .into_iter()
                .map(|m| Evidence {
                    text: &m.text,
                    sentence: &m.sentence,
                    span: Some((m.start, m.end)),
                    retracted: m.retracted,
                })
                .collect()
        }
        ConflictKind::Quote => quotes
            .iter()
            .filter(|q| q.source_id == source_id)
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
