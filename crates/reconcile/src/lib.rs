//! Reconcile: every source's [`Extraction`] in, one [`Reconciled`] out: stories,
//! independence groups, entities across sources, facts with a status, quotes grouped
//! into statements, conflicts and a timeline.
//!
//! Reads: `extract/*.json` and the extract manifest. Writes (through xtask):
//! `reconcile/reconciled.json`. Next stage: report.
//!
//! The steps, each in its module:
//! 1. [`stories`]: sources are split into stories (TF-IDF cosine of words and of names, single link, blocked
//!    candidates); everything after stays within a story.
//! 2. [`dependence`]: candidate pairs of a story (all pairs of a small story, MinHash
//!    LSH bands and shared rare names or figures in a large one) are scored on sentence
//!    alignment, shingles and shared rare items; derived pairs are joined into
//!    independence groups (`G1`, ...).
//! 3. [`entities`]: mentions merged into real-world entities, deviant spellings flagged
//!    (the spelling and transliteration tests in [`spelling`]).
//! 4. [`facts`]: counts grouped into facts with a status and a best estimate weighted
//!    by independence groups.
//! 5. [`quotes`]: quotes grouped into statements across wordings.
//! 6. [`timeline`]: dated events and date conflicts.
//!
//! Determinism: inputs are sorted by `source_id` first, every map is ordered
//! (`BTreeMap`), and every id (`S`, `G`, `E`, `F`, `Q`, `C`) is given after sorting on
//! the content, so the same input gives the same output, ids included. At the end,
//! [`ids`] replaces every id by one derived from what its row is about (`F-3a9c`), so
//! that an id outlives the addition or removal of articles unrelated to its row.
//!
//! Scale: every step that compares sources or mentions works on blocked candidates
//! (inverted indexes walked with a window of `block_cap`), so the work grows about
//! linearly with the number of sources (see `benches/scale.rs`). Memory does not hold
//! the corpus: [`reconcile_with`] reads the extractions a slice at a time through a
//! loader, first for the story features and the entities (light), then again a batch
//! of whole stories at a time for steps 2 and 4-6. Every id is numbered in story
//! order, so batches follow one another in the numbering and the output is the same
//! as in one piece (a test checks this).

pub mod dependence;
pub mod entities;
pub mod facts;
pub mod ids;
pub mod quotes;
pub mod spelling;
pub mod stories;
pub mod text;
pub mod timeline;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use records::{
    Conflict, ConflictKind, Diagnostic, Extraction, Reconciled, Relation, SourceEntry, SourcePair,
    SourceRow, SourceStatus,
};
use serde::{Deserialize, Serialize};

/// Reconcile settings (`[reconcile]` in a pipeline file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReconcileConfig {
    /// Cosine (TF-IDF of content words and names) at which two sources are linked into
    /// one story. Default 0.12 (unrelated articles score about 0.05, articles on one
    /// event 0.2 and more; two events of one kind can score 0.3, which is why names
    /// must agree too).
    pub story_similarity: f64,
    /// Cosine (TF-IDF of the names extract found) two sources that both name someone
    /// must also reach to be linked into one story, each name counted once. Default 0.25
    /// (articles on one event share their people and places: 0.3 and more for each
    /// article's closest neighbour in real coverage; two events of one kind share few,
    /// below 0.1 in real coverage). Organisations count half.
    pub story_name_similarity: f64,
    /// Share of the pairs across two stories (on a sample of up to 16 sources of each)
    /// that must be linked for the two to be joined: one look-alike pair does not
    /// join two events. Default 0.5.
    pub story_cohesion: f64,
    /// Two sources whose own dates (published or dateline) are more than this many days
    /// apart are not linked into one story: two fires in one town a year apart are two
    /// events. Sources without a date are not held to it. Default 30.
    pub story_days: u64,
    /// How many of a source's most distinctive terms index it for story candidates.
    /// Default 15.
    pub story_terms: usize,
    /// Window when walking a posting list of story candidates: each source is compared
    /// with the next `story_window` sources sharing one of its distinctive terms.
    /// Default 12.
    pub story_window: usize,
    /// Window when walking a posting list of candidates: each entry is paired with the
    /// next `block_cap` entries, which bounds the work on very common keys. Default 64.
    pub block_cap: usize,
    /// Stories with at most this many sources compare every pair of sources. Default 60.
    pub all_pairs_max: usize,
    /// Content-word Dice at which two sentences are aligned. Default 0.4.
    pub align_dice: f64,
    /// Fewest sentences aligned in order for a paraphrase. Default 3.
    pub min_aligned: usize,
    /// Share of the shorter source's sentences aligned in order at which a pair is
    /// derived (one paraphrases the other). Default 0.5.
    pub derived_alignment: f64,
    /// Share of the shorter source's sentences aligned (in any order) at which a pair is
    /// derived: a rewrite that also reorders its paragraphs. Default 0.65.
    pub derived_coverage: f64,
    /// Jaccard of content shingles at which a pair is a near-copy. Default 0.3.
    pub derived_shingles: f64,
    /// Similarity at which a pair that shares no fact still counts as related. Default 0.1.
    pub related_similarity: f64,
    /// Content-word Dice at which two quotes are one statement. Default 0.5.
    pub quote_dice: f64,
    /// Content-word Dice at which two quotes of a derived pair, found between the same
    /// two aligned sentences, are one statement. Default 0.25.
    pub quote_dice_aligned: f64,
    /// Content-word Dice at which two dated sentences report one event. Default 0.5.
    pub timeline_dice: f64,
}

impl Default for ReconcileConfig {
    fn default() -> Self {
        ReconcileConfig {
            story_similarity: 0.12,
            story_name_similarity: 0.25,
            story_cohesion: 0.5,
            story_days: 30,
            story_terms: 15,
            story_window: 12,
            block_cap: 64,
            all_pairs_max: 60,
            align_dice: 0.4,
            min_aligned: 3,
            derived_alignment: 0.5,
            derived_coverage: 0.65,
            derived_shingles: 0.3,
            related_similarity: 0.1,
            quote_dice: 0.5,
            quote_dice_aligned: 0.25,
            timeline_dice: 0.5,
        }
    }
}

impl ReconcileConfig {
    /// The settings outside the values they allow: similarities, Dice scores and
    /// shares lie between 0 and 1; windows and counts are at least 1.
    pub fn check(&self) -> Vec<records::settings::BadSetting> {
        records::settings::Checks::default()
            .share("story_similarity", self.story_similarity)
            .share("story_name_similarity", self.story_name_similarity)
            .share("story_cohesion", self.story_cohesion)
            .positive("story_terms", self.story_terms as u64)
            .positive("story_window", self.story_window as u64)
            .positive("block_cap", self.block_cap as u64)
            .share("align_dice", self.align_dice)
            .positive("min_aligned", self.min_aligned as u64)
            .share("derived_alignment", self.derived_alignment)
            .share("derived_coverage", self.derived_coverage)
            .share("derived_shingles", self.derived_shingles)
            .share("related_similarity", self.related_similarity)
            .share("quote_dice", self.quote_dice)
            .share("quote_dice_aligned", self.quote_dice_aligned)
            .share("timeline_dice", self.timeline_dice)
            .done()
    }
}

/// Union-find whose roots are the smallest member, so labels never depend on the
/// order of unions.
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        while self.parent[x] != root {
            let next = self.parent[x];
            self.parent[x] = root;
            x = next;
        }
        root
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }

    /// Dense labels 0.. in order of each set's first member.
    pub(crate) fn dense_labels(&mut self) -> Vec<usize> {
        let mut label_of_root: BTreeMap<usize, usize> = BTreeMap::new();
        (0..self.parent.len())
            .map(|i| {
                let r = self.find(i);
                let next = label_of_root.len();
                *label_of_root.entry(r).or_insert(next)
            })
            .collect()
    }
}

/// What the sources table shows of a document.
struct Shown {
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    published_time: Option<String>,
    url: Option<String>,
    words: usize,
}

impl Shown {
    fn of(x: &Extraction) -> Self {
        let d = &x.document;
        let url = d
            .meta
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string);
        let published = [&d.meta.published, &d.date]
            .into_iter()
            .flatten()
            .find_map(|p| records::date::split_date_time(p));
        Shown {
            title: d.meta.title.clone(),
            outlet: d
                .meta
                .outlet
                .clone()
                .or_else(|| url.as_deref().and_then(host)),
            // An ISO date, the same shape in every row; a time of day, where given, apart.
            published: published.as_ref().map(|p| p.0.clone()),
            published_time: published.and_then(|p| p.1),
            url,
            words: d.words,
        }
    }
}

/// The host of an `http(s)` URL, without `www.` (`https://www.example.com/a` gives
/// `example.com`): the outlet, when the input names none.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// Sources read at once while the story features are taken.
const READ_CHUNK: usize = 2048;

/// Sources reconciled at once once the stories are known (whole stories: a batch holds
/// at least one story, however large).
const BATCH_SOURCES: usize = 4096;

/// Reconciles all sources. `entries` lists every source the pipeline was given (with
/// failed and duplicate ones); `extractions` holds those that reached extract;
/// `errors` are the diagnostics of the earlier stages.
pub fn reconcile(
    entries: &[SourceEntry],
    extractions: &[Extraction],
    errors: Vec<Diagnostic>,
    config: &ReconcileConfig,
) -> Reconciled {
    reconcile_in_batches(entries, extractions, errors, config, BATCH_SOURCES)
}

/// [`reconcile`] with batches of `batch_sources` (tests check that the batching never
/// shows in the output).
#[doc(hidden)]
pub fn reconcile_in_batches(
    entries: &[SourceEntry],
    extractions: &[Extraction],
    errors: Vec<Diagnostic>,
    config: &ReconcileConfig,
    batch_sources: usize,
) -> Reconciled {
    // Only sources that are ok take part, the first extraction of each id.
    let ok_ids: BTreeSet<&str> = entries
        .iter()
        .filter(|e| matches!(e.status, SourceStatus::Ok))
        .map(|e| e.source_id.as_str())
        .collect();
    let mut by_id: BTreeMap<&str, &Extraction> = BTreeMap::new();
    for x in extractions {
        let id = x.document.source_id.as_str();
        if ok_ids.contains(id) {
            by_id.entry(id).or_insert(x);
        }
    }
    let ids: Vec<String> = by_id.keys().map(|id| id.to_string()).collect();
    let load = |batch: &[String]| -> Result<Vec<Extraction>, std::convert::Infallible> {
        Ok(batch
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).map(|x| (*x).clone()))
            .collect())
    };
    match run(entries, &ids, &load, errors, config, batch_sources) {
        Ok(reconciled) => reconciled,
        Err(never) => match never {},
    }
}

/// Reconciles the sources `ids` (the ok sources of `entries`), reading their
/// extractions through `load`, which returns one extraction for each id it is given,
/// in order. Every source is read twice, a slice at a time: once for the story
/// features and the entities, then story by story, so a large corpus is never held in
/// memory whole. The output is the same as [`reconcile`]'s on the same extractions.
pub fn reconcile_with<E: Send>(
    entries: &[SourceEntry],
    ids: &[String],
    load: &Loader<'_, E>,
    errors: Vec<Diagnostic>,
    config: &ReconcileConfig,
) -> Result<Reconciled, E> {
    run(entries, ids, load, errors, config, BATCH_SOURCES)
}

/// Reads the extractions of the sources it is given, one per id, in order.
pub type Loader<'a, E> = dyn Fn(&[String]) -> Result<Vec<Extraction>, E> + Sync + 'a;

/// What the batches of stories add up to.
#[derive(Default)]
struct Parts {
    /// Derived pairs, by global source index.
    derived: Vec<(usize, usize)>,
    facts: Vec<records::Fact>,
    mentions: Vec<records::FactMention>,
    quotes: Vec<records::QuoteRow>,
    statements: usize,
    conflicts: Vec<Conflict>,
    source_pairs: Vec<SourcePair>,
    timeline: Vec<records::TimelineEvent>,
}

fn run<E: Send>(
    entries: &[SourceEntry],
    ids: &[String],
    load: &Loader<'_, E>,
    errors: Vec<Diagnostic>,
    config: &ReconcileConfig,
    batch_sources: usize,
) -> Result<Reconciled, E> {
    let n = ids.len();
    let loaded = |batch: &[String]| -> Result<Vec<Extraction>, E> {
        let xs = load(batch)?;
        assert_eq!(
            xs.len(),
            batch.len(),
            "the loader returns one extraction per id"
        );
        Ok(xs)
    };

    // 0. What the sources table shows, the story features and the entities, one slice
    // of sources at a time.
    let mut shown: Vec<Shown> = Vec::with_capacity(n);
    let mut features: Vec<stories::Features> = Vec::with_capacity(n);
    let mut people = entities::Builder::default();
    // Each slice is read while the one before it is worked on.
    let chunks: Vec<&[String]> = ids.chunks(READ_CHUNK).collect();
    let mut next = chunks.first().map(|chunk| loaded(chunk)).transpose()?;
    for c in 0..chunks.len() {
        let xs = next.take().unwrap_or_default();
        let (read, ()) = rayon::join(
            || chunks.get(c + 1).map(|chunk| loaded(chunk)).transpose(),
            || {
                features.par_extend(xs.par_iter().map(stories::features));
                for (k, x) in xs.iter().enumerate() {
                    people.add(c * READ_CHUNK + k, x);
                    shown.push(Shown::of(x));
                }
            },
        );
        next = read?;
    }

    // 1. Stories.
    let story_of = stories::split_features(features, config);
    let n_stories = story_of.iter().copied().max().map_or(0, |m| m + 1);
    let story_ids: Vec<String> = (0..n_stories).map(|k| format!("S{}", k + 1)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_stories];
    for (s, &st) in story_of.iter().enumerate() {
        members[st].push(s);
    }
    // 3. Entities, across stories.
    let ents = people.finish(ids, &story_of, &story_ids);

    // 2, 4-6, a batch of whole stories at a time, in story order: every id is numbered
    // in story order, so the batches follow one another in the numbering.
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut batch: Vec<usize> = Vec::new();
    for (st, list) in members.iter().enumerate() {
        batch.extend(list);
        if batch.len() >= batch_sources || st + 1 == n_stories {
            batch.sort_unstable();
            batches.push(std::mem::take(&mut batch));
        }
    }
    drop(members);
    let read_batch = |batch: &Vec<usize>| {
        let batch_ids: Vec<String> = batch.iter().map(|&s| ids[s].clone()).collect();
        loaded(&batch_ids)
    };
    // Each batch is read while the one before it is reconciled.
    let mut parts = Parts::default();
    let mut next = batches.first().map(read_batch).transpose()?;
    for (b, batch) in batches.iter().enumerate() {
        let xs = next.take().unwrap_or_default();
        let (read, ()) = rayon::join(
            || batches.get(b + 1).map(read_batch).transpose(),
            || reconcile_batch(&xs, batch, &story_of, &story_ids, &ents, config, &mut parts),
        );
        next = read?;
    }

    // Independence groups, numbered in source order.
    let mut uf = UnionFind::new(n);
    for &(a, b) in &parts.derived {
        uf.union(a, b);
    }
    let group_of = uf.dense_labels();

    let mut source_pairs = parts.source_pairs;
    source_pairs.sort_by(|a, b| {
        a.source_a
            .cmp(&b.source_a)
            .then(a.source_b.cmp(&b.source_b))
    });
    let mut timeline = parts.timeline;
    timeline.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.story_id.cmp(&b.story_id))
            .then(a.event.cmp(&b.event))
    });

    // Conflicts of every kind, numbered after a content sort.
    let mut conflicts: Vec<Conflict> = parts.conflicts;
    conflicts.extend(ents.conflicts.iter().cloned());
    let kind_rank = |k: ConflictKind| match k {
        ConflictKind::Number => 0,
        ConflictKind::Name => 1,
        ConflictKind::Quote => 2,
        ConflictKind::Date => 3,
    };
    let story_rank = |s: &str| {
        s.trim_start_matches('S')
            .parse::<usize>()
            .unwrap_or(usize::MAX)
    };
    conflicts.sort_by(|a, b| {
        story_rank(&a.story_id)
            .cmp(&story_rank(&b.story_id))
            .then(kind_rank(a.kind).cmp(&kind_rank(b.kind)))
            .then(a.subject.cmp(&b.subject))
            .then(a.source_a.cmp(&b.source_a))
            .then(a.source_b.cmp(&b.source_b))
            .then(a.value_a.cmp(&b.value_a))
    });
    for (i, c) in conflicts.iter_mut().enumerate() {
        c.conflict_id = format!("C{}", i + 1);
    }

    // Sources: every entry; a duplicate shares the story and group of its original.
    let index_of: BTreeMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut sources: Vec<SourceRow> = entries
        .iter()
        .map(|entry| {
            let doc = index_of.get(entry.source_id.as_str()).map(|&i| &shown[i]);
            let idx = match &entry.status {
                SourceStatus::Ok => index_of.get(entry.source_id.as_str()).copied(),
                SourceStatus::Duplicate { of } => index_of.get(of.as_str()).copied(),
                SourceStatus::Error { .. } => None,
            };
            SourceRow {
                source_id: entry.source_id.clone(),
                file: entry.file.clone(),
                title: doc.and_then(|d| d.title.clone()),
                outlet: doc.and_then(|d| d.outlet.clone()),
                published: doc.and_then(|d| d.published.clone()),
                published_time: doc.and_then(|d| d.published_time.clone()),
                url: doc.and_then(|d| d.url.clone()),
                words: doc.map_or(0, |d| d.words),
                status: entry.status.clone(),
                story_id: idx.map(|i| story_ids[story_of[i]].clone()),
                group_id: idx.map(|i| format!("G{}", group_of[i] + 1)),
                content_hash: entry.content_hash.clone(),
            }
        })
        .collect();
    sources.sort_by(|a, b| a.source_id.cmp(&b.source_id));

    let mut reconciled = Reconciled {
        sources,
        entities: ents.rows,
        facts: parts.facts,
        fact_mentions: parts.mentions,
        quotes: parts.quotes,
        conflicts,
        source_pairs,
        timeline,
        errors,
        reviews: Vec::new(),
    };
    ids::assign(&mut reconciled);
    Ok(reconciled)
}

/// Dependence, facts, quotes and the timeline of a batch of whole stories. `xs[i]` is
/// source `global[i]`; `story_of` and `story_ids` are the corpus's.
fn reconcile_batch(
    xs: &[Extraction],
    global: &[usize],
    story_of: &[usize],
    story_ids: &[String],
    ents: &entities::Entities,
    config: &ReconcileConfig,
    parts: &mut Parts,
) {
    let n = xs.len();
    let story_of: Vec<usize> = global.iter().map(|&g| story_of[g]).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (s, &st) in story_of.iter().enumerate() {
        members.entry(st).or_default().push(s);
    }
    let members: Vec<Vec<usize>> = members.into_values().collect();

    // 2. Dependence.
    // Stories are independent of each other here: scored on all cores, in story order.
    let profiles: Vec<dependence::Profile> = xs.par_iter().map(dependence::profile).collect();
    let scored: Vec<(usize, usize, dependence::PairScore)> = members
        .par_iter()
        .flat_map_iter(|list| {
            let mut df: BTreeMap<String, usize> = BTreeMap::new();
            for &m in list {
                for it in &profiles[m].items {
                    *df.entry(it.clone()).or_default() += 1;
                }
            }
            let rare_max = (list.len() / 4).max(2);
            dependence::candidates(list, &profiles, config)
                .into_iter()
                .map(|(a, b)| {
                    let rare = dependence::rare_shared(&profiles[a], &profiles[b], &df, rare_max);
                    (
                        a,
                        b,
                        dependence::score(&profiles[a], &profiles[b], &rare, config),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    drop(profiles);
    // Groups within the batch (facts weigh by them); the corpus's are numbered at the end.
    let mut uf = UnionFind::new(n);
    for (a, b, sc) in &scored {
        if sc.derived {
            uf.union(*a, *b);
            parts.derived.push((global[*a], global[*b]));
        }
    }
    let group_of = uf.dense_labels();

    // 4-6, independent of each other: side by side.
    let derived: Vec<dependence::DerivedPair> = scored
        .iter()
        .filter(|(_, _, sc)| sc.derived)
        .map(|(a, b, sc)| (*a, *b, sc.anchors.clone()))
        .collect();
    let (fact_base, quote_base) = (parts.facts.len(), parts.statements);
    let (facts, (quotes, timeline)) = rayon::join(
        || facts::build(xs, &story_of, &group_of, story_ids, fact_base),
        || {
            rayon::join(
                || quotes::build(xs, &story_of, story_ids, ents, &derived, config, quote_base),
                || timeline::build(xs, &story_of, &group_of, story_ids, config),
            )
        },
    );

    // Pairs, with the facts they share.
    let mut facts_of: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (f, srcs) in facts.fact_sources.iter().enumerate() {
        for &s in srcs {
            facts_of[s].insert(f);
        }
    }
    parts
        .source_pairs
        .extend(scored.into_iter().map(|(a, b, sc)| {
            let shared_facts = facts_of[a].intersection(&facts_of[b]).count();
            let relation = if sc.derived {
                Relation::Derived
            } else if shared_facts > 0 || sc.similarity >= config.related_similarity {
                Relation::Related
            } else {
                Relation::Independent
            };
            let (ida, idb) = (&xs[a].document.source_id, &xs[b].document.source_id);
            let (source_a, source_b) = if ida <= idb { (ida, idb) } else { (idb, ida) };
            SourcePair {
                source_a: source_a.clone(),
                source_b: source_b.clone(),
                similarity: sc.similarity,
                shared_facts,
                relation,
                evidence: sc.evidence,
            }
        }));
    parts.facts.extend(facts.facts);
    parts.mentions.extend(facts.mentions);
    parts.conflicts.extend(facts.conflicts);
    parts.quotes.extend(quotes.rows);
    parts.statements += quotes.statements;
    parts.conflicts.extend(quotes.conflicts);
    parts.conflicts.extend(timeline.conflicts);
    parts.timeline.extend(timeline.events);
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn the_outlet_of_an_article_without_one_is_its_host() {
        assert_eq!(
            host("https://www.example.com/world/2024/a.html").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://news.example.org:8080/x?y=1").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(
            host("https://user@site.example/").as_deref(),
            Some("site.example")
        );
        assert_eq!(host("javascript:alert(1)"), None);
        assert_eq!(host("file:///etc/passwd"), None);
        assert_eq!(host("https://localhost/"), None);
    }
}
