//! `cargo xtask score`: how close the pipeline's reports come to what `gen-corpus` planted.
//!
//! `cargo xtask score --answers CORPUS/answers.json --out OUT` reads the answers file of a
//! generated corpus ([`crate::gen_corpus`]) and the reports a run on `CORPUS/sources` wrote
//! to `OUT/reports/` (the CSV files of the report contract, read by column name, so
//! columns added later do not matter), prints a table and writes `OUT/score.json`.
//! The CSV reports are read rather than `reconcile/reconciled.json` because their columns
//! are the binding contract and they stream row by row.
//!
//! The universe is the planted sources: a source the reports lack counts as unclustered
//! and as having found nothing; a report row for a source that was not planted is counted
//! and otherwise ignored. A source the reports mark `duplicate of X` and give no rows of its
//! own is scored on X's rows (the pipeline reads one copy of identical files). A rate is
//! `hits / total`, `null` when `total` is 0.
//!
//! Metrics:
//! - **stories**: pairwise precision, recall and F1 of "these two sources tell the same
//!   story", from the contingency table of planted story versus `sources.story_id`
//!   (pairs = sum of `n(n-1)/2` over cells, rows and columns, never an O(n²) loop). A source
//!   without a `story_id` is a story of its own, except a `duplicate of X`, which takes X's.
//!   Also the number of true and predicted stories and the largest of each.
//! - **independence / groups**: the same pairwise scores for "these two sources are not
//!   independent": truth is connected through `copy_of` (verbatim reprints, identical
//!   files, rewrites) within a story; prediction is sharing a `sources.group_id` (a
//!   `duplicate of X` without one takes X's).
//! - **independence / derived_pairs**: precision and recall of the pairs that
//!   `source_pairs.csv` marks `derived`, plus every `duplicate of X` as the pair (source, X),
//!   against the same truth.
//! - **figures**: each planted figure mention is matched one-to-one to a `fact_mentions`
//!   row of its source: first a row with the planted interval (`low`, `high`; an empty
//!   `high` is unbounded) and overlapping text, then any row with that interval, then any
//!   row whose text contains the planted text or is contained in it on word boundaries.
//!   `extracted` = matched with the planted interval (the generator takes the intervals of
//!   qualifiers and vague amounts from extract's own table, so a miss is a misread, not a
//!   disagreement of rules; its one interval of its own is a bare rounded sum of money,
//!   `$4.2 million`, which extract reads as a point); `found` = matched at all; `allows_truth` = found
//!   non-retracted mentions whose row's interval holds the figure's true value on the
//!   mention's `as_of` date (honest whatever the interval rules);
//!   `precision` = rows of planted sources matched to some planted mention / all such rows;
//!   `vague_kept` = found vague (non-exact) mentions whose row is a range, not a point;
//!   `exact_kept` = found exact mentions whose row is that exact point;
//!   `retraction_flagged` = planted retracted mentions found with `retracted=true`;
//!   `retraction_false` = found non-retracted mentions flagged `retracted=true`;
//!   `as_of` = extracted mentions whose row's `as_of` equals the planted date.
//! - **facts**: per planted story figure, its fact is the `fact_id` holding most of its
//!   found mentions. `with_fact` = figures with a fact; `facts_per_figure` = distinct facts
//!   its found mentions are spread over, averaged; `mixed` = facts that also hold found
//!   mentions of another planted figure; `best_contains_true` = the fact's
//!   `best_estimate` range holds the figure's true (last-day) value; `best_equals_true` =
//!   it is exactly that point; `status` = the fact's status equals the planted status,
//!   scored on figures that did not change over time: `single` when the non-retracted
//!   mentions come from one copy-connected group, else `agreed` when their intervals are
//!   equal, `consistent` when they share a point, `conflict` otherwise.
//! - **quotes**: each planted quote is matched one-to-one to a `quotes.csv` row of its
//!   source whose text equals it after lower-casing and dropping punctuation, or contains
//!   it / is contained in it on word boundaries and is at least half as long.
//!   `found` = matched; `precision` = direct-quote rows of planted sources matched / all
//!   such rows (the generator plants direct quotes only);
//!   `speaker` = found quotes whose `speaker` is the planted speaker's full name (case
//!   aside); `speaker_overall` = the same over all planted quotes.
//! - **entities**: each planted person, organization and place of a story that its source
//!   files name (the answers also list places the templates may not use) counts as found
//!   when an `entities.csv` row has it as `name` or among `aliases` (case and a leading
//!   `the` aside; a place written with a descriptor, `northern province of X`, may be
//!   just `X`) and lists a source of that story; `type_correct` when such a row also has
//!   the planted type; `acronym_linked` = found organizations whose row also holds the
//!   planted acronym as an alias.
//! - **timeline** (when `timeline.csv` exists): `event_date_found` = stories with a row
//!   dated their planted event date that lists one of their sources; `known_dates` = rows
//!   dated a day the answers know for the story of one of their sources (event date, a
//!   figure's dated value, a publication date, a mention's `as_of`) / all rows (rows on
//!   other days are not all wrong: background events carry no planted date).
//! - **conflicts**: rows of `conflicts.csv` per kind, per 100 planted sources, and how many
//!   set two sources of different planted stories against each other (always spurious).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::gen_corpus::{MentionAnswer, SourceAnswer, StoryAnswer};

/// Name of the file written into the run's output folder.
pub const SCORE_FILE: &str = "score.json";

// ---------------------------------------------------------------------------------------
// What is written

/// Everything measured, as written to `score.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Score {
    /// The answers file read.
    pub answers: String,
    /// The reports folder read.
    pub reports: String,
    /// Planted sources and how the reports list them.
    pub sources: SourceCounts,
    /// Same story.
    pub stories: Clustering,
    /// Not independent.
    pub independence: Independence,
    /// Figure mentions.
    pub figures: Figures,
    /// Facts per planted figure.
    pub facts: Facts,
    /// Quotes and their speakers.
    pub quotes: Quotes,
    /// Planted entities.
    pub entities: Entities,
    /// Dated events; `None` without `timeline.csv`.
    pub timeline: Option<Timeline>,
    /// Conflicts reported.
    pub conflicts: Conflicts,
}

/// Dated events against planted dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Rows of `timeline.csv`.
    pub rows: u64,
    /// Stories whose event date has a row listing one of their sources.
    pub event_date_found: Rate,
    /// Rows dated a day the answers know for one of their sources' stories.
    pub known_dates: Rate,
}

/// `hits / total`; `rate` is `None` when `total` is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// Successes.
    pub hits: u64,
    /// Cases.
    pub total: u64,
    /// `hits / total`.
    pub rate: Option<f64>,
}

impl Rate {
    fn new(hits: u64, total: u64) -> Rate {
        Rate {
            hits,
            total,
            rate: (total > 0).then(|| hits as f64 / total as f64),
        }
    }
}

/// Counts of a "same cluster" relation over pairs of sources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Pairwise {
    /// Pairs in the relation by the truth.
    pub true_pairs: u64,
    /// Pairs in the relation by the reports.
    pub predicted_pairs: u64,
    /// Pairs in both.
    pub correct_pairs: u64,
    /// `correct / predicted`.
    pub precision: Option<f64>,
    /// `correct / true`.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

impl Pairwise {
    fn new(true_pairs: u64, predicted_pairs: u64, correct_pairs: u64) -> Pairwise {
        let precision = Rate::new(correct_pairs, predicted_pairs).rate;
        let recall = Rate::new(correct_pairs, true_pairs).rate;
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Pairwise {
            true_pairs,
            predicted_pairs,
            correct_pairs,
            precision,
            recall,
            f1,
        }
    }
}

/// A partition of the planted sources compared with the true one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    /// Pairwise scores.
    pub pairs: Pairwise,
    /// Clusters in the truth.
    pub true_clusters: u64,
    /// Clusters in the reports (a source without one is its own).
    pub predicted_clusters: u64,
    /// Sources in the largest true cluster.
    pub largest_true: u64,
    /// Sources in the largest predicted cluster.
    pub largest_predicted: u64,
}

/// Planted sources and their rows in `sources.csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceCounts {
    /// Sources in the answers.
    pub planted: u64,
    /// Stories in the answers.
    pub stories: u64,
    /// Planted sources with a row.
    pub reported: u64,
    /// Planted sources without a row.
    pub missing: u64,
    /// Rows for sources that were not planted.
    pub not_planted: u64,
    /// Rows with status `ok`.
    pub ok: u64,
    /// Rows with status `duplicate of ...`.
    pub duplicate: u64,
    /// Rows with status `error: ...`.
    pub failed: u64,
}

/// Not-independent pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Independence {
    /// `group_id` against copy-connected groups.
    pub groups: Clustering,
    /// `derived` pairs of `source_pairs.csv` (and duplicates); `None` without that file.
    pub derived_pairs: Option<Pairwise>,
}

/// Figure mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Planted mentions.
    pub planted: u64,
    /// Matched with the planted interval.
    pub extracted: Rate,
    /// Matched at all.
    pub found: Rate,
    /// Found non-retracted mentions whose interval holds the true value of their date.
    pub allows_truth: Rate,
    /// Rows of planted sources that match a planted mention.
    pub precision: Rate,
    /// Found vague mentions kept as ranges.
    pub vague_kept: Rate,
    /// Found exact mentions kept as their exact point.
    pub exact_kept: Rate,
    /// Planted retracted mentions found and flagged.
    pub retraction_flagged: Rate,
    /// Found mentions flagged retracted that were not.
    pub retraction_false: Rate,
    /// Extracted mentions with the planted `as_of`.
    pub as_of: Rate,
}

/// Facts against planted story figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Planted figures (story, key).
    pub figures: u64,
    /// Figures with a fact.
    pub with_fact: Rate,
    /// Distinct facts a figure's found mentions are spread over, on average.
    pub facts_per_figure: Option<f64>,
    /// Figures whose fact also holds another planted figure's mentions.
    pub mixed: Rate,
    /// Figures whose fact's best estimate holds the true value.
    pub best_contains_true: Rate,
    /// Figures whose fact's best estimate is the true value.
    pub best_equals_true: Rate,
    /// Figures (not rising) with a fact whose status is the planted one.
    pub status: Rate,
    /// `planted -> reported` status counts.
    pub status_confusion: BTreeMap<String, u64>,
}

/// Planted quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Quotes {
    /// Planted quotes.
    pub planted: u64,
    /// Planted quotes with a row.
    pub found: Rate,
    /// Rows of planted sources matching a planted quote.
    pub precision: Rate,
    /// Found quotes given to the planted speaker.
    pub speaker: Rate,
    /// Planted quotes found and given to their speaker.
    pub speaker_overall: Rate,
}

/// Planted entities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// Per type (`person`, `organization`, `place`).
    pub by_type: BTreeMap<String, EntityScore>,
    /// All types.
    pub all: EntityScore,
    /// Found organizations whose row holds the acronym.
    pub acronym_linked: Rate,
    /// Rows of `entities.csv`.
    pub rows: u64,
    /// Planted entities that no source file of their story names: not scored.
    pub not_in_text: u64,
}

/// Found and typed entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityScore {
    /// Found in the story.
    pub found: Rate,
    /// Found with the planted type.
    pub type_correct: Rate,
}

/// Conflicts reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conflicts {
    /// All rows.
    pub total: u64,
    /// All rows per 100 planted sources.
    pub total_per_100_sources: Option<f64>,
    /// Rows per kind.
    pub by_kind: BTreeMap<String, u64>,
    /// Rows per kind per 100 planted sources.
    pub per_100_sources: BTreeMap<String, f64>,
    /// Rows per kind between sources of different planted stories.
    pub cross_story: BTreeMap<String, u64>,
}

// ---------------------------------------------------------------------------------------
// The truth

/// The answers file as a whole (other fields are ignored).
#[derive(Debug, Deserialize)]
struct Answers {
    stories: Vec<StoryAnswer>,
}

/// The planted sources, numbered story by story (so a story's sources are one range).
struct Truth<'a> {
    stories: &'a [StoryAnswer],
    /// `source_id` to index.
    index: HashMap<&'a str, usize>,
    sources: Vec<&'a SourceAnswer>,
    /// Story index per source.
    story_of: Vec<usize>,
    /// Index range of each story's sources.
    story_range: Vec<std::ops::Range<usize>>,
    /// Copy-connected group per source: the index of one of its sources.
    group_of: Vec<usize>,
}

impl<'a> Truth<'a> {
    fn new(stories: &'a [StoryAnswer]) -> Result<Truth<'a>> {
        let mut t = Truth {
            stories,
            index: HashMap::new(),
            sources: Vec::new(),
            story_of: Vec::new(),
            story_range: Vec::new(),
            group_of: Vec::new(),
        };
        for (story_idx, story) in stories.iter().enumerate() {
            let start = t.sources.len();
            for source in &story.sources {
                let idx = t.sources.len();
                if t.index.insert(source.source_id.as_str(), idx).is_some() {
                    bail!(
                        "score: source {} is planted twice in the answers",
                        source.source_id
                    );
                }
                t.sources.push(source);
                t.story_of.push(story_idx);
                t.group_of.push(idx);
            }
            let range = start..t.sources.len();
            // Union-find over `copy_of` links inside the story.
            for idx in range.clone() {
                if let Some(of) = &t.sources[idx].copy_of {
                    let Some(&of_idx) = t.index.get(of.as_str()).filter(|&&i| range.contains(&i))
                    else {
                        bail!(
                            "score: {} copies {of}, which is not planted in its story",
                            t.sources[idx].source_id
                        );
                    };
                    let (a, b) = (find(&mut t.group_of, idx), find(&mut t.group_of, of_idx));
                    t.group_of[a.max(b)] = a.min(b);
                }
            }
            for idx in range.clone() {
                let root = find(&mut t.group_of, idx);
                t.group_of[idx] = root;
            }
            t.story_range.push(range);
        }
        Ok(t)
    }

    fn len(&self) -> usize {
        self.sources.len()
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

// ---------------------------------------------------------------------------------------
// Reading the reports

/// Undoes the CSV-injection guard of the report contract: a leading `'` added before a
/// cell a spreadsheet would read as a formula.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(['\t', '\r'])
                || rest.trim_start().starts_with([
                    '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
                ]) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Calls `row` with the cells of `columns` for every row of the CSV file at `path`.
/// Returns `false` (and reads nothing) when the file does not exist.
fn read_csv(
    path: &Path,
    columns: &[&str],
    mut row: impl FnMut(&[&str]) -> Result<()>,
) -> Result<bool> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("score: cannot open {}", path.display())),
    };
    let mut file = std::io::BufReader::new(file);
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < 3 {
        let got = file
            .read(&mut head[n..])
            .with_context(|| format!("score: cannot read {}", path.display()))?;
        if got == 0 {
            break;
        }
        n += got;
    }
    let prefix = if head[..n] == *b"\xEF\xBB\xBF" {
        &[][..]
    } else {
        &head[..n]
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(prefix.chain(file));
    let header = reader
        .headers()
        .with_context(|| format!("score: {} has no header row", path.display()))?;
    let positions: Vec<usize> = columns
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == *c)
                .with_context(|| format!("score: {} has no column {c}", path.display()))
        })
        .collect::<Result<_>>()?;
    let mut record = csv::StringRecord::new();
    let mut line = 1u64;
    loop {
        let more = reader.read_record(&mut record).with_context(|| {
            format!(
                "score: {} is not valid CSV after row {line}",
                path.display()
            )
        })?;
        if !more {
            break;
        }
        line += 1;
        let cells: Vec<&str> = positions
            .iter()
            .map(|&p| unneutralise(record.get(p).unwrap_or("")))
            .collect();
        row(&cells).with_context(|| format!("score: {} row {line}", path.display()))?;
    }
    Ok(true)
}

/// Reads a required report file.
fn read_required(
    path: &Path,
    columns: &[&str],
    row: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    if read_csv(path, columns, row)? {
        Ok(())
    } else {
        bail!("score: {} is missing", path.display())
    }
}

/// Interns strings as small numbers.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.0.get(s) {
            return id;
        }
        let id = self.0.len() as u32;
        self.0.insert(s.to_string(), id);
        id
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.0.get(s).copied()
    }
}

/// What `sources.csv` says of the planted sources.
struct Predicted {
    /// Interned `story_id` per planted source.
    story: Vec<Option<u32>>,
    /// Interned `group_id` per planted source.
    group: Vec<Option<u32>>,
    /// The planted source each duplicate duplicates.
    duplicate_of: Vec<Option<usize>>,
    counts: SourceCounts,
}

fn read_sources(reports: &Path, truth: &Truth) -> Result<Predicted> {
    let n = truth.len();
    let mut p = Predicted {
        story: vec![None; n],
        group: vec![None; n],
        duplicate_of: vec![None; n],
        counts: SourceCounts {
            planted: n as u64,
            stories: truth.stories.len() as u64,
            ..SourceCounts::default()
        },
    };
    let mut seen = vec![false; n];
    let (mut stories, mut groups) = (Interner::default(), Interner::default());
    read_required(
        &reports.join("sources.csv"),
        &["source_id", "status", "story_id", "group_id"],
        |c| {
            let Some(&idx) = truth.index.get(c[0]) else {
                p.counts.not_planted += 1;
                return Ok(());
            };
            seen[idx] = true;
            if c[1] == "ok" {
                p.counts.ok += 1;
            } else if let Some(of) = c[1].strip_prefix("duplicate of ") {
                p.counts.duplicate += 1;
                p.duplicate_of[idx] = truth.index.get(of.trim()).copied();
            } else {
                p.counts.failed += 1;
            }
            p.story[idx] = (!c[2].is_empty()).then(|| stories.id(c[2]));
            p.group[idx] = (!c[3].is_empty()).then(|| groups.id(c[3]));
            Ok(())
        },
    )?;
    p.counts.reported = seen.iter().filter(|&&s| s).count() as u64;
    p.counts.missing = n as u64 - p.counts.reported;
    // A duplicate without a story or group of its own takes its original's (following a
    // short chain of duplicates of duplicates).
    for idx in 0..n {
        let mut at = idx;
        for _ in 0..8 {
            let Some(of) = p.duplicate_of[at] else { break };
            if p.story[idx].is_none() {
                p.story[idx] = p.story[of];
            }
            if p.group[idx].is_none() {
                p.group[idx] = p.group[of];
            }
            at = of;
        }
    }
    Ok(p)
}

// ---------------------------------------------------------------------------------------
// Pairwise scores from contingency counts

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Pairwise scores of a predicted partition against the true one, given per item its
/// (true, predicted) cluster labels.
fn clustering(labels: impl Iterator<Item = (u64, u64)>) -> Clustering {
    let mut cells: HashMap<(u64, u64), u64> = HashMap::new();
    let mut truth: HashMap<u64, u64> = HashMap::new();
    let mut predicted: HashMap<u64, u64> = HashMap::new();
    for (t, p) in labels {
        *cells.entry((t, p)).or_default() += 1;
        *truth.entry(t).or_default() += 1;
        *predicted.entry(p).or_default() += 1;
    }
    let sum = |counts: &mut dyn Iterator<Item = &u64>| counts.map(|&n| pairs(n)).sum::<u64>();
    Clustering {
        pairs: Pairwise::new(
            sum(&mut truth.values()),
            sum(&mut predicted.values()),
            sum(&mut cells.values()),
        ),
        true_clusters: truth.len() as u64,
        predicted_clusters: predicted.len() as u64,
        largest_true: truth.values().copied().max().unwrap_or(0),
        largest_predicted: predicted.values().copied().max().unwrap_or(0),
    }
}

/// Label of a predicted cluster: the interned id, or a cluster of its own for `idx`.
fn label(id: Option<u32>, idx: usize) -> u64 {
    id.map_or((1u64 << 32) + idx as u64, u64::from)
}

// ---------------------------------------------------------------------------------------
// Text matching

/// Lower case, typographic quotes and dashes made plain, whitespace collapsed, and
/// punctuation trimmed from both ends.
fn norm_text(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let collapsed = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '$' && c != '%')
        .to_string()
}

/// Lower-case words only: punctuation becomes a space ("identical after normalising
/// punctuation and case").
fn norm_words(s: &str) -> String {
    let mapped: String = s
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `needle` occurs in `hay` with no letter or digit right before or after it.
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(at, m)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn overlaps(a: &str, b: &str) -> bool {
    contains_words(a, b) || contains_words(b, a)
}

/// One-to-one matching of planted items to rows: each pass, in order, gives every
/// still-unmatched planted item the first unused row that the pass accepts. Returns
/// per planted item its row and the pass that matched it.
fn assign(
    n_planted: usize,
    n_rows: usize,
    passes: &[&dyn Fn(usize, usize) -> bool],
) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; n_planted];
    let mut used = vec![false; n_rows];
    for (pass_idx, pass) in passes.iter().enumerate() {
        for (p, slot) in out.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            if let Some(r) = (0..n_rows).find(|&r| !used[r] && pass(p, r)) {
                used[r] = true;
                *slot = Some((r, pass_idx));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Figures and facts

/// Highs at or above this are read as unbounded.
const UNBOUNDED: f64 = 1e15;

/// A row of `fact_mentions.csv`.
struct MentionRow {
    fact: u32,
    text: String,
    low: f64,
    high: Option<f64>,
    retracted: bool,
    as_of: String,
}

impl MentionRow {
    fn is_point(&self) -> bool {
        self.high == Some(self.low)
    }

    fn interval_is(&self, m: &MentionAnswer) -> bool {
        self.low == m.low as f64
            && match (self.high, m.high) {
                (None, None) => true,
                (Some(a), Some(b)) => a == b as f64,
                _ => false,
            }
    }
}

fn parse_number(s: &str) -> Result<f64> {
    s.trim()
        .parse::<f64>()
        .with_context(|| format!("{s:?} is not a number"))
}

fn parse_high(s: &str) -> Result<Option<f64>> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let v = parse_number(s)?;
    Ok((v.is_finite() && v < UNBOUNDED).then_some(v))
}

/// A `best_estimate` cell: `7412`, `7000-7499`, `150-` (unbounded) or empty.
fn parse_best(s: &str) -> Option<(f64, Option<f64>)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(v) = s.parse::<f64>() {
        return Some((v, Some(v)));
    }
    let bytes = s.as_bytes();
    let dash = (1..bytes.len()).find(|&i| bytes[i] == b'-' && bytes[i - 1].is_ascii_digit())?;
    let low = s[..dash].parse::<f64>().ok()?;
    let high = parse_high(&s[dash + 1..]).ok()?;
    Some((low, high))
}

/// A row of `facts.csv`.
struct FactRow {
    status: String,
    best: Option<(f64, Option<f64>)>,
}

/// The true value of a story's figure on an ISO date: the last value dated on or before it
/// (the first value for an earlier date).
fn value_on(story: &StoryAnswer, key: &str, date: &str) -> Option<u64> {
    let figure = story.figures.iter().find(|f| f.key == key)?;
    let first = figure
        .timeline
        .first()
        .map_or(figure.true_value, |t| t.value);
    Some(
        figure
            .timeline
            .iter()
            .rev()
            .find(|t| t.date.as_str() <= date)
            .map_or(first, |t| t.value),
    )
}

/// The status the report contract gives a set of (group, low, high) mentions.
fn planted_status(mentions: &[(usize, u64, Option<u64>)]) -> Option<&'static str> {
    let first = mentions.first()?;
    if mentions.iter().all(|m| m.0 == first.0) {
        return Some("single");
    }
    if mentions.iter().all(|m| (m.1, m.2) == (first.1, first.2)) {
        return Some("agreed");
    }
    let max_low = mentions.iter().map(|m| m.1).max().unwrap_or(0);
    let min_high = mentions.iter().filter_map(|m| m.2).min();
    Some(if min_high.is_none_or(|h| max_low <= h) {
        "consistent"
    } else {
        "conflict"
    })
}

/// The rows a planted source is scored on: its own, or its original's when the reports
/// call it a duplicate and give it none.
fn rows_of<'r, T>(rows: &'r [Vec<T>], idx: usize, predicted: &Predicted) -> &'r [T] {
    match predicted.duplicate_of[idx] {
        Some(of) if rows[idx].is_empty() => &rows[of],
        _ => &rows[idx],
    }
}

fn score_figures(reports: &Path, truth: &Truth, predicted: &Predicted) -> Result<(Figures, Facts)> {
    let n = truth.len();
    let mut facts_ids = Interner::default();
    let mut rows: Vec<Vec<MentionRow>> = (0..n).map(|_| Vec::new()).collect();
    read_required(
        &reports.join("fact_mentions.csv"),
        &[
            "fact_id",
            "source_id",
            "text",
            "low",
            "high",
            "retracted",
            "as_of",
        ],
        |c| {
            let Some(&idx) = truth.index.get(c[1]) else {
                return Ok(());
            };
            rows[idx].push(MentionRow {
                fact: facts_ids.id(c[0]),
                text: norm_text(c[2]),
                low: parse_number(c[3])?,
                high: parse_high(c[4])?,
                retracted: c[5] == "true",
                as_of: c[6].to_string(),
            });
            Ok(())
        },
    )?;
    let mut facts: HashMap<u32, FactRow> = HashMap::new();
    read_required(
        &reports.join("facts.csv"),
        &["fact_id", "status", "best_estimate"],
        |c| {
            if let Some(id) = facts_ids.get(c[0]) {
                facts.insert(
                    id,
                    FactRow {
                        status: c[1].to_string(),
                        best: parse_best(c[2]),
                    },
                );
            }
            Ok(())
        },
    )?;

    let (mut planted, mut extracted, mut found, mut rows_total, mut rows_matched) = (0, 0, 0, 0, 0);
    let (mut vague_found, mut vague_kept, mut exact_found, mut exact_kept) = (0, 0, 0, 0);
    let (mut retracted_planted, mut retracted_flagged, mut kept_found, mut false_flags) =
        (0, 0, 0, 0);
    let (mut as_of_hits, mut allows) = (0, 0);
    // Per planted figure (story, key): the facts of its found mentions.
    let mut figure_facts: HashMap<(usize, &str), Vec<u32>> = HashMap::new();
    // Per fact: the planted figures it holds.
    let mut fact_figures: HashMap<u32, HashSet<(usize, &str)>> = HashMap::new();
    for (idx, source) in truth.sources.iter().enumerate() {
        let story = truth.story_of[idx];
        let planted_texts: Vec<String> =
            source.figures.iter().map(|m| norm_text(&m.text)).collect();
        let r = rows_of(&rows, idx, predicted);
        let matches = assign(
            source.figures.len(),
            r.len(),
            &[
                &|p, i| {
                    r[i].interval_is(&source.figures[p]) && overlaps(&r[i].text, &planted_texts[p])
                },
                &|p, i| r[i].interval_is(&source.figures[p]),
                &|p, i| overlaps(&r[i].text, &planted_texts[p]),
            ],
        );
        rows_total += r.len() as u64;
        for (m, matched) in source.figures.iter().zip(&matches) {
            planted += 1;
            retracted_planted += u64::from(m.retracted);
            let Some((i, pass)) = *matched else { continue };
            let row = &r[i];
            rows_matched += 1;
            found += 1;
            if pass < 2 {
                extracted += 1;
                as_of_hits += u64::from(row.as_of == m.as_of);
            }
            if m.exact {
                exact_found += 1;
                exact_kept += u64::from(row.is_point() && row.low == m.low as f64);
            } else {
                vague_found += 1;
                vague_kept += u64::from(!row.is_point());
            }
            if m.retracted {
                retracted_flagged += u64::from(row.retracted);
            } else {
                kept_found += 1;
                false_flags += u64::from(row.retracted);
                if let Some(value) = value_on(&truth.stories[story], &m.key, &m.as_of) {
                    let value = value as f64;
                    allows += u64::from(row.low <= value && row.high.is_none_or(|h| value <= h));
                }
            }
            figure_facts
                .entry((story, m.key.as_str()))
                .or_default()
                .push(row.fact);
            fact_figures
                .entry(row.fact)
                .or_default()
                .insert((story, m.key.as_str()));
        }
    }
    let figures = Figures {
        planted,
        extracted: Rate::new(extracted, planted),
        found: Rate::new(found, planted),
        allows_truth: Rate::new(allows, kept_found),
        precision: Rate::new(rows_matched, rows_total),
        vague_kept: Rate::new(vague_kept, vague_found),
        exact_kept: Rate::new(exact_kept, exact_found),
        retraction_flagged: Rate::new(retracted_flagged, retracted_planted),
        retraction_false: Rate::new(false_flags, kept_found),
        as_of: Rate::new(as_of_hits, extracted),
    };

    let (mut n_figures, mut with_fact, mut spread, mut mixed) = (0, 0, 0, 0);
    let (mut contains, mut equals, mut status_total, mut status_ok) = (0, 0, 0, 0);
    let mut confusion: BTreeMap<String, u64> = BTreeMap::new();
    for (story_idx, story) in truth.stories.iter().enumerate() {
        for figure in &story.figures {
            n_figures += 1;
            let Some(ids) = figure_facts.get(&(story_idx, figure.key.as_str())) else {
                continue;
            };
            let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
            for &id in ids {
                *counts.entry(id).or_default() += 1;
            }
            spread += counts.len() as u64;
            // Most mentions; on a tie the fact seen first in the reports.
            let Some((&fact, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                continue;
            };
            with_fact += 1;
            mixed += u64::from(fact_figures.get(&fact).is_some_and(|f| f.len() > 1));
            let row = facts.get(&fact);
            let truth_value = figure.true_value as f64;
            if let Some((low, high)) = row.and_then(|f| f.best) {
                contains += u64::from(low <= truth_value && high.is_none_or(|h| truth_value <= h));
                equals += u64::from(low == truth_value && high == Some(truth_value));
            }
            if figure.timeline.len() > 1 {
                continue;
            }
            let range = truth.story_range[story_idx].clone();
            let mentions: Vec<(usize, u64, Option<u64>)> = range
                .flat_map(|idx| {
                    truth.sources[idx]
                        .figures
                        .iter()
                        .filter(|m| m.key == figure.key && !m.retracted)
                        .map(move |m| (truth.group_of[idx], m.low, m.high))
                })
                .collect();
            let Some(expected) = planted_status(&mentions) else {
                continue;
            };
            let reported = row.map_or("(no row in facts.csv)", |f| f.status.as_str());
            status_total += 1;
            status_ok += u64::from(reported == expected);
            *confusion
                .entry(format!("{expected} -> {reported}"))
                .or_default() += 1;
        }
    }
    let facts = Facts {
        figures: n_figures,
        with_fact: Rate::new(with_fact, n_figures),
        facts_per_figure: (with_fact > 0).then(|| spread as f64 / with_fact as f64),
        mixed: Rate::new(mixed, with_fact),
        best_contains_true: Rate::new(contains, with_fact),
        best_equals_true: Rate::new(equals, with_fact),
        status: Rate::new(status_ok, status_total),
        status_confusion: confusion,
    };
    Ok((figures, facts))
}

// ---------------------------------------------------------------------------------------
// Quotes

fn score_quotes(reports: &Path, truth: &Truth, predicted: &Predicted) -> Result<Quotes> {
    // Per planted source: (normalized text, normalized speaker) of its rows.
    let mut rows: Vec<Vec<(String, String)>> = (0..truth.len()).map(|_| Vec::new()).collect();
    // The generator plants direct quotes only: indirect speech is neither missed nor wrong.
    read_required(
        &reports.join("quotes.csv"),
        &["source_id", "speaker", "text", "kind"],
        |c| {
            if let Some(&idx) = truth.index.get(c[0])
                && c[3] != "indirect"
            {
                rows[idx].push((norm_words(c[2]), norm_words(c[1])));
            }
            Ok(())
        },
    )?;
    let (mut planted, mut found, mut rows_total, mut speaker_ok) = (0, 0, 0, 0);
    for (idx, source) in truth.sources.iter().enumerate() {
        let r = rows_of(&rows, idx, predicted);
        rows_total += r.len() as u64;
        let texts: Vec<String> = source.quotes.iter().map(|q| norm_words(&q.text)).collect();
        let close = |a: &str, b: &str| {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            2 * short.len() >= long.len() && contains_words(long, short)
        };
        let matches = assign(
            texts.len(),
            r.len(),
            &[&|p, i| r[i].0 == texts[p], &|p, i| {
                close(&r[i].0, &texts[p])
            }],
        );
        for (q, matched) in source.quotes.iter().zip(&matches) {
            planted += 1;
            let Some((i, _)) = *matched else { continue };
            found += 1;
            speaker_ok += u64::from(r[i].1 == norm_words(&q.speaker));
        }
    }
    Ok(Quotes {
        planted,
        found: Rate::new(found, planted),
        precision: Rate::new(found, rows_total),
        speaker: Rate::new(speaker_ok, found),
        speaker_overall: Rate::new(speaker_ok, planted),
    })
}

// ---------------------------------------------------------------------------------------
// Entities

/// Lower case, whitespace collapsed, a leading `the` dropped.
fn norm_name(s: &str) -> String {
    let n = norm_words(s);
    n.strip_prefix("the ").map(str::to_string).unwrap_or(n)
}

/// A row of `entities.csv`.
struct EntityRowLite {
    kind: String,
    names: HashSet<String>,
    /// Planted sources it lists, sorted.
    sources: Vec<usize>,
}

/// The forms a planted entity may take: its name and, for a place written with a
/// lower-case descriptor (`northern province of X`), the proper name after it.
fn entity_forms(name: &str, kind: &str) -> Vec<String> {
    let mut forms = vec![name.to_string()];
    if kind == "place" {
        let words: Vec<&str> = name.split_whitespace().collect();
        if let Some(last_lower) = words
            .iter()
            .rposition(|w| w.starts_with(|c: char| c.is_lowercase()))
            && last_lower + 1 < words.len()
        {
            forms.push(words[last_lower + 1..].join(" "));
        }
    }
    forms
}

/// The source files of a story, concatenated; `None` when one cannot be read.
fn story_text(sources_dir: &Path, story: &StoryAnswer) -> Option<String> {
    let mut files: Vec<&str> = story.sources.iter().map(|s| s.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut text = String::new();
    for file in files {
        let bytes = std::fs::read(sources_dir.join(file)).ok()?;
        text.push_str(&String::from_utf8_lossy(&bytes));
        text.push('\n');
    }
    Some(text)
}

/// Scores `entities.csv`. With the corpus's `sources_dir`, planted entities that no source
/// file of their story names are left out.
fn score_entities(reports: &Path, truth: &Truth, sources_dir: Option<&Path>) -> Result<Entities> {
    let mut rows: Vec<EntityRowLite> = Vec::new();
    read_required(
        &reports.join("entities.csv"),
        &["name", "type", "aliases", "source_ids"],
        |c| {
            let mut names: HashSet<String> = c[2]
                .split("; ")
                .map(norm_name)
                .filter(|n| !n.is_empty())
                .collect();
            names.insert(norm_name(c[0]));
            let mut sources: Vec<usize> = c[3]
                .split("; ")
                .filter_map(|s| truth.index.get(s.trim()).copied())
                .collect();
            sources.sort_unstable();
            rows.push(EntityRowLite {
                kind: c[1].to_string(),
                names,
                sources,
            });
            Ok(())
        },
    )?;
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for name in &row.names {
            by_name.entry(name.as_str()).or_default().push(i);
        }
    }
    // (found, type correct, total) per type.
    let mut tally: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    let (mut orgs_found, mut acronyms, mut not_in_text) = (0, 0, 0);
    for (story_idx, story) in truth.stories.iter().enumerate() {
        let text = sources_dir.and_then(|dir| story_text(dir, story));
        let range = truth.story_range[story_idx].clone();
        let in_story = |row: &EntityRowLite| {
            let first = row.sources.partition_point(|&s| s < range.start);
            row.sources.get(first).is_some_and(|&s| s < range.end)
        };
        let planted = story
            .people
            .iter()
            .map(|p| (p.name.as_str(), "person", None))
            .chain(
                story
                    .organizations
                    .iter()
                    .map(|o| (o.name.as_str(), "organization", Some(o.acronym.as_str()))),
            )
            .chain(story.places.iter().map(|p| (p.as_str(), "place", None)));
        for (name, kind, acronym) in planted {
            let forms = entity_forms(name, kind);
            if let Some(text) = &text
                && !forms.iter().any(|f| text.contains(f.as_str()))
            {
                not_in_text += 1;
                continue;
            }
            let mut candidates: Vec<&EntityRowLite> = Vec::new();
            for form in &forms {
                for &i in by_name
                    .get(norm_name(form).as_str())
                    .map_or(&[][..], Vec::as_slice)
                {
                    if in_story(&rows[i]) && !candidates.iter().any(|c| std::ptr::eq(*c, &rows[i]))
                    {
                        candidates.push(&rows[i]);
                    }
                }
            }
            let t = tally.entry(kind.to_string()).or_default();
            t.2 += 1;
            if candidates.is_empty() {
                continue;
            }
            t.0 += 1;
            t.1 += u64::from(candidates.iter().any(|r| r.kind == kind));
            if let Some(acronym) = acronym {
                orgs_found += 1;
                let a = norm_name(acronym);
                acronyms += u64::from(candidates.iter().any(|r| r.names.contains(&a)));
            }
        }
    }
    let score = |(found, typed, total): (u64, u64, u64)| EntityScore {
        found: Rate::new(found, total),
        type_correct: Rate::new(typed, total),
    };
    let all = tally
        .values()
        .fold((0, 0, 0), |a, t| (a.0 + t.0, a.1 + t.1, a.2 + t.2));
    Ok(Entities {
        by_type: tally.into_iter().map(|(k, t)| (k, score(t))).collect(),
        all: score(all),
        acronym_linked: Rate::new(acronyms, orgs_found),
        rows: rows.len() as u64,
        not_in_text,
    })
}

// ---------------------------------------------------------------------------------------
// Conflicts and pairs

fn score_conflicts(reports: &Path, truth: &Truth) -> Result<Conflicts> {
    let mut c = Conflicts::default();
    read_required(
        &reports.join("conflicts.csv"),
        &["kind", "source_a", "source_b"],
        |cells| {
            c.total += 1;
            *c.by_kind.entry(cells[0].to_string()).or_default() += 1;
            let story = |s: &str| truth.index.get(s).map(|&i| truth.story_of[i]);
            let cross = matches!((story(cells[1]), story(cells[2])), (Some(a), Some(b)) if a != b);
            *c.cross_story.entry(cells[0].to_string()).or_default() += u64::from(cross);
            Ok(())
        },
    )?;
    let n = truth.len() as f64;
    if n > 0.0 {
        c.total_per_100_sources = Some(c.total as f64 * 100.0 / n);
        c.per_100_sources = c
            .by_kind
            .iter()
            .map(|(k, &v)| (k.clone(), v as f64 * 100.0 / n))
            .collect();
    }
    Ok(c)
}

fn score_timeline(reports: &Path, truth: &Truth) -> Result<Option<Timeline>> {
    let known: Vec<HashSet<&str>> = truth
        .stories
        .iter()
        .map(|story| {
            let mut dates: HashSet<&str> = HashSet::from([story.date.as_str()]);
            dates.extend(
                story
                    .figures
                    .iter()
                    .flat_map(|f| f.timeline.iter().map(|t| t.date.as_str())),
            );
            for source in &story.sources {
                dates.insert(source.published.as_str());
                dates.extend(source.figures.iter().map(|m| m.as_of.as_str()));
            }
            dates
        })
        .collect();
    let mut event_found = vec![false; truth.stories.len()];
    let (mut rows, mut on_known) = (0, 0);
    let present = read_csv(
        &reports.join("timeline.csv"),
        &["date", "source_ids"],
        |c| {
            rows += 1;
            let stories: HashSet<usize> = c[1]
                .split("; ")
                .filter_map(|s| truth.index.get(s.trim()))
                .map(|&i| truth.story_of[i])
                .collect();
            on_known += u64::from(stories.iter().any(|&st| known[st].contains(c[0])));
            for &st in &stories {
                if truth.stories[st].date == c[0] {
                    event_found[st] = true;
                }
            }
            Ok(())
        },
    )?;
    Ok(present.then(|| Timeline {
        rows,
        event_date_found: Rate::new(
            event_found.iter().filter(|&&f| f).count() as u64,
            truth.stories.len() as u64,
        ),
        known_dates: Rate::new(on_known, rows),
    }))
}

fn score_derived_pairs(
    reports: &Path,
    truth: &Truth,
    predicted: &Predicted,
) -> Result<Option<Pairwise>> {
    let mut derived: HashSet<(usize, usize)> = HashSet::new();
    let present = read_csv(
        &reports.join("source_pairs.csv"),
        &["source_a", "source_b", "relation"],
        |c| {
            if c[2] == "derived"
                && let (Some(&a), Some(&b)) = (truth.index.get(c[0]), truth.index.get(c[1]))
                && a != b
            {
                derived.insert((a.min(b), a.max(b)));
            }
            Ok(())
        },
    )?;
    if !present {
        return Ok(None);
    }
    for (idx, of) in predicted.duplicate_of.iter().enumerate() {
        if let Some(of) = *of
            && of != idx
        {
            derived.insert((idx.min(of), idx.max(of)));
        }
    }
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    for &g in &truth.group_of {
        *sizes.entry(g).or_default() += 1;
    }
    let true_pairs = sizes.values().map(|&s| pairs(s)).sum();
    let correct = derived
        .iter()
        .filter(|(a, b)| truth.group_of[*a] == truth.group_of[*b])
        .count() as u64;
    Ok(Some(Pairwise::new(
        true_pairs,
        derived.len() as u64,
        correct,
    )))
}

// ---------------------------------------------------------------------------------------
// The whole score

/// Scores the reports in `out/reports/` against the answers file at `answers`.
pub fn score(answers: &Path, out: &Path) -> Result<Score> {
    let bytes = std::fs::read(answers)
        .with_context(|| format!("score: cannot read {}", answers.display()))?;
    let parsed: Answers = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "score: {} is not a gen-corpus answers file",
            answers.display()
        )
    })?;
    drop(bytes);
    let reports = out.join("reports");
    // The corpus's sources sit beside its answers file.
    let sources_dir = answers
        .parent()
        .map(|dir| dir.join(crate::gen_corpus::SOURCES_DIR))
        .filter(|d| d.is_dir());
    score_answers(&parsed.stories, &reports, answers, sources_dir.as_deref())
}

fn score_answers(
    stories: &[StoryAnswer],
    reports: &Path,
    answers: &Path,
    sources_dir: Option<&Path>,
) -> Result<Score> {
    let truth = Truth::new(stories)?;
    let predicted = read_sources(reports, &truth)?;
    let stories_score = clustering(
        (0..truth.len()).map(|i| (truth.story_of[i] as u64, label(predicted.story[i], i))),
    );
    let groups = clustering(
        (0..truth.len()).map(|i| (truth.group_of[i] as u64, label(predicted.group[i], i))),
    );
    let derived_pairs = score_derived_pairs(reports, &truth, &predicted)?;
    let (figures, facts) = score_figures(reports, &truth, &predicted)?;
    Ok(Score {
        answers: answers.display().to_string(),
        reports: reports.display().to_string(),
        sources: predicted.counts,
        stories: stories_score,
        independence: Independence {
            groups,
            derived_pairs,
        },
        figures,
        facts,
        quotes: score_quotes(reports, &truth, &predicted)?,
        entities: score_entities(reports, &truth, sources_dir)?,
        timeline: score_timeline(reports, &truth)?,
        conflicts: score_conflicts(reports, &truth)?,
    })
}

// ---------------------------------------------------------------------------------------
// The table

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.3}"))
}

fn rate_line(name: &str, r: &Rate) {
    println!(
        "  {name:<34} {:>7}  {:>8} / {}",
        fmt_opt(r.rate),
        r.hits,
        r.total
    );
}

fn pairwise_line(name: &str, p: &Pairwise) {
    println!(
        "  {name:<34} P {:>6} R {:>6} F1 {:>6}  ({} correct, {} predicted, {} true pairs)",
        fmt_opt(p.precision),
        fmt_opt(p.recall),
        fmt_opt(p.f1),
        p.correct_pairs,
        p.predicted_pairs,
        p.true_pairs
    );
}

/// Prints the score as a table.
pub fn print_table(s: &Score) {
    let c = &s.sources;
    println!(
        "score: {} planted sources in {} stories; sources.csv: {} ok, {} duplicate, {} failed, {} missing, {} not planted",
        c.planted, c.stories, c.ok, c.duplicate, c.failed, c.missing, c.not_planted
    );
    println!("stories");
    pairwise_line("same story (pairwise)", &s.stories.pairs);
    println!(
        "  {:<34} {} predicted / {} true; largest {} predicted / {} true",
        "stories",
        s.stories.predicted_clusters,
        s.stories.true_clusters,
        s.stories.largest_predicted,
        s.stories.largest_true
    );
    println!("independence");
    pairwise_line("same group_id (pairwise)", &s.independence.groups.pairs);
    println!(
        "  {:<34} {} predicted / {} true",
        "independent groups",
        s.independence.groups.predicted_clusters,
        s.independence.groups.true_clusters
    );
    match &s.independence.derived_pairs {
        Some(p) => pairwise_line("derived pairs", p),
        None => println!("  {:<34} (no source_pairs.csv)", "derived pairs"),
    }
    println!("figures ({} planted mentions)", s.figures.planted);
    rate_line("extracted (planted interval)", &s.figures.extracted);
    rate_line("found (interval or text)", &s.figures.found);
    rate_line("found interval holds the truth", &s.figures.allows_truth);
    rate_line("precision (rows matched)", &s.figures.precision);
    rate_line("vague kept as a range", &s.figures.vague_kept);
    rate_line("exact kept as its point", &s.figures.exact_kept);
    rate_line("retraction flagged", &s.figures.retraction_flagged);
    rate_line("retraction flagged wrongly", &s.figures.retraction_false);
    rate_line("as_of right", &s.figures.as_of);
    println!("facts ({} planted story figures)", s.facts.figures);
    rate_line("with a fact", &s.facts.with_fact);
    println!(
        "  {:<34} {:>7}",
        "facts per figure",
        fmt_opt(s.facts.facts_per_figure)
    );
    rate_line("fact mixes figures", &s.facts.mixed);
    rate_line(
        "best estimate holds true value",
        &s.facts.best_contains_true,
    );
    rate_line("best estimate = true value", &s.facts.best_equals_true);
    rate_line("status right (not rising)", &s.facts.status);
    for (k, v) in &s.facts.status_confusion {
        println!("    {k:<32} {v:>7}");
    }
    println!("quotes ({} planted)", s.quotes.planted);
    rate_line("found", &s.quotes.found);
    rate_line("precision (rows matched)", &s.quotes.precision);
    rate_line("speaker right (of found)", &s.quotes.speaker);
    rate_line("speaker right (of planted)", &s.quotes.speaker_overall);
    println!(
        "entities ({} rows in entities.csv; {} planted names unused by the texts, not scored)",
        s.entities.rows, s.entities.not_in_text
    );
    for (kind, e) in &s.entities.by_type {
        rate_line(&format!("{kind} found"), &e.found);
        rate_line(&format!("{kind} found with its type"), &e.type_correct);
    }
    rate_line("organization acronym linked", &s.entities.acronym_linked);
    match &s.timeline {
        Some(t) => {
            println!("timeline ({} rows)", t.rows);
            rate_line("story event date found", &t.event_date_found);
            rate_line("rows on a date the answers know", &t.known_dates);
        }
        None => println!("timeline: no timeline.csv"),
    }
    println!(
        "conflicts: {} ({} per 100 sources)",
        s.conflicts.total,
        s.conflicts
            .total_per_100_sources
            .map_or("-".to_string(), |v| format!("{v:.1}"))
    );
    for (kind, n) in &s.conflicts.by_kind {
        println!(
            "  {kind:<34} {n:>7}  {:>8.1} per 100 sources, {} across stories",
            s.conflicts
                .per_100_sources
                .get(kind)
                .copied()
                .unwrap_or(0.0),
            s.conflicts.cross_story.get(kind).copied().unwrap_or(0)
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use serde_json::json;

    /// Writes `reports/NAME.csv` as the report stage does: byte-order mark, header, rows.
    fn write_csv(reports: &Path, name: &str, header: &[&str], rows: &[&[&str]]) {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut bytes);
            w.write_record(header).unwrap();
            for row in rows {
                w.write_record(*row).unwrap();
            }
        }
        std::fs::write(reports.join(format!("{name}.csv")), bytes).unwrap();
    }

    fn mention(
        key: &str,
        text: &str,
        low: u64,
        high: Option<u64>,
        exact: bool,
        retracted: bool,
    ) -> serde_json::Value {
        json!({"key": key, "text": text, "low": low, "high": high, "exact": exact, "as_of": "2024-01-02", "retracted": retracted})
    }

    fn source(
        id: &str,
        relation: &str,
        copy_of: Option<&str>,
        figures: Vec<serde_json::Value>,
        quotes: serde_json::Value,
    ) -> serde_json::Value {
        json!({"source_id": id, "file": id, "format": "text", "outlet": "Outlet", "published": "2024-01-02",
               "relation": relation, "copy_of": copy_of, "headline": "Headline", "figures": figures,
               "quotes": quotes, "boilerplate": []})
    }

    fn figure(key: &str, true_value: u64) -> serde_json::Value {
        json!({"key": key, "kind": "count", "counted": "people", "event": key, "unit": null,
               "true_value": true_value, "timeline": [{"date": "2024-01-02", "value": true_value}]})
    }

    /// Two stories, five sources, and reports whose every metric is worked out by hand.
    fn hand_made() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let quote_a = json!([{"text": "We will rebuild, every street of it", "speaker": "Ana Bell", "speaker_text": "Bell"}]);
        let a_figures = || {
            vec![
                mention("killed", "Nearly 200", 180, Some(199), false, false),
                mention("injured", "35", 35, Some(35), true, false),
            ]
        };
        let answers = json!({"generator": "test", "format": 1, "seed": 0, "sources": 5, "stories": [
            {"story_id": "story-00001", "event": "flood", "date": "2024-01-02",
             "people": [{"name": "Ana Bell", "title": "Mayor"}, {"name": "Tom Reed", "title": "Chief"}],
             "organizations": [{"name": "Flood Relief Board", "acronym": "FRB"}],
             "places": ["Lowtown", "northern province of Kest"],
             "figures": [figure("killed", 190), figure("injured", 35)],
             "sources": [
                source("a1.txt", "original", None, a_figures(), quote_a.clone()),
                source("a2.txt", "identical", Some("a1.txt"), a_figures(), quote_a),
                source("a3.txt", "original", None,
                    vec![mention("killed", "190", 190, Some(190), true, false), mention("injured", "more than 40", 41, None, false, true)],
                    json!([{"text": "Help came too late", "speaker": "Tom Reed", "speaker_text": "Reed"}])),
             ]},
            {"story_id": "story-00002", "event": "fire", "date": "2024-01-02",
             "people": [], "organizations": [], "places": ["Hillby"],
             // A rising toll: 11 on the day the mentions hold for, 12 the day after.
             "figures": [{"key": "killed", "kind": "count", "counted": "people", "event": "killed", "unit": null,
                          "true_value": 12, "timeline": [{"date": "2024-01-01", "value": 11}, {"date": "2024-01-03", "value": 12}]}],
             "sources": [
                source("b1.txt", "original", None, vec![mention("killed", "12", 12, Some(12), true, false)], json!([])),
                source("b2.txt", "rewrite", Some("b1.txt"), vec![mention("killed", "about a dozen", 10, Some(14), false, false)],
                    json!([{"text": "The fire spread too fast", "speaker": "Tom Reed", "speaker_text": "he"}])),
             ]},
        ]});
        let answers_path = dir.path().join("answers.json");
        std::fs::write(&answers_path, serde_json::to_vec(&answers).unwrap()).unwrap();
        let out = dir.path().join("out");
        let reports = out.join("reports");
        std::fs::create_dir_all(&reports).unwrap();
        // A column the scorer does not know comes first: columns are found by name.
        write_csv(
            &reports,
            "sources",
            &["extra", "source_id", "status", "story_id", "group_id"],
            &[
                &["x", "a1.txt", "ok", "S1", "G1"],
                &["x", "a2.txt", "duplicate of a1.txt", "", ""],
                &["x", "a3.txt", "ok", "S1", "G1"],
                &["x", "b1.txt", "ok", "S1", "G2"],
                &["x", "b2.txt", "ok", "S2", "G3"],
                &["x", "stray.txt", "ok", "S3", "G4"],
            ],
        );
        write_csv(
            &reports,
            "source_pairs",
            &[
                "source_a",
                "source_b",
                "similarity",
                "shared_facts",
                "relation",
            ],
            &[
                &["a1.txt", "a3.txt", "0.9", "2", "derived"],
                &["b1.txt", "b2.txt", "0.4", "1", "related"],
            ],
        );
        write_csv(
            &reports,
            "fact_mentions",
            &[
                "fact_id",
                "source_id",
                "text",
                "low",
                "high",
                "retracted",
                "as_of",
            ],
            &[
                &[
                    "F1",
                    "a1.txt",
                    "nearly 200",
                    "180",
                    "199",
                    "false",
                    "2024-01-02",
                ],
                &["F2", "a1.txt", "35", "35", "35", "false", ""],
                &["F1", "a3.txt", "190", "190", "190", "false", "2024-01-01"],
                &["F2", "a3.txt", "40", "40", "40", "false", ""],
                &["F3", "b1.txt", "12", "12", "12", "true", ""],
                &["F4", "b1.txt", "3", "3", "3", "false", ""],
            ],
        );
        write_csv(
            &reports,
            "facts",
            &["fact_id", "story_id", "what", "status", "best_estimate"],
            &[
                &["F1", "S1", "people killed", "consistent", "190"],
                &["F2", "S1", "people injured", "conflict", "35-40"],
                &["F3", "S1", "people killed", "single", "12"],
                &["F4", "S1", "people", "single", "3"],
            ],
        );
        write_csv(
            &reports,
            "quotes",
            &["quote_id", "source_id", "speaker", "kind", "text"],
            &[
                &[
                    "Q1",
                    "a1.txt",
                    "Ana Bell",
                    "direct",
                    "We will rebuild, every street of it.",
                ],
                &["Q2", "a3.txt", "Ana Bell", "direct", "help came too late"],
                &[
                    "Q3",
                    "a3.txt",
                    "Tom Reed",
                    "indirect",
                    "the river rose fast",
                ],
                &["Q4", "b1.txt", "", "direct", "Nothing was left"],
            ],
        );
        write_csv(
            &reports,
            "entities",
            &["entity_id", "name", "type", "aliases", "source_ids"],
            &[
                &[
                    "E1",
                    "Ana Bell",
                    "person",
                    "Ana Bell; Bell",
                    "a1.txt; a3.txt",
                ],
                &["E2", "Tom Reed", "organization", "Tom Reed", "a3.txt"],
                &[
                    "E3",
                    "Flood Relief Board",
                    "organization",
                    "the Flood Relief Board; FRB",
                    "a1.txt",
                ],
                &["E4", "Kest", "place", "Kest", "a1.txt"],
                &["E5", "Lowtown", "place", "Lowtown", "b1.txt"],
                &["E6", "Hillby", "place", "Hillby", "b2.txt"],
            ],
        );
        write_csv(
            &reports,
            "timeline",
            &["date", "story_id", "event", "sources", "source_ids"],
            &[
                &["2024-01-02", "S1", "the flood", "2", "a1.txt; a3.txt"],
                &["2022-01-02", "S1", "two years ago", "1", "a3.txt"],
                &["2024-01-03", "S1", "the toll rose", "1", "b2.txt"],
            ],
        );
        write_csv(
            &reports,
            "conflicts",
            &[
                "conflict_id",
                "kind",
                "story_id",
                "subject",
                "source_a",
                "source_b",
            ],
            &[
                &["C1", "number", "S1", "F1", "a1.txt", "a3.txt"],
                &["C2", "quote", "S1", "Q1", "a1.txt", "b1.txt"],
                &["C3", "date", "S1", "fire", "b1.txt", "b2.txt"],
                &["C4", "date", "S1", "flood", "a3.txt", "b2.txt"],
            ],
        );
        (dir, answers_path, out)
    }

    fn check_rate(name: &str, actual: Rate, hits: u64, total: u64) {
        assert_eq!((actual.hits, actual.total), (hits, total), "{name}");
    }

    fn check_pairs(
        name: &str,
        actual: Pairwise,
        correct: u64,
        predicted: u64,
        truth: u64,
        p: f64,
        r: f64,
    ) {
        assert_eq!(
            (
                actual.correct_pairs,
                actual.predicted_pairs,
                actual.true_pairs
            ),
            (correct, predicted, truth),
            "{name}"
        );
        assert!(
            (actual.precision.unwrap() - p).abs() < 1e-9,
            "{name}: precision {:?}",
            actual.precision
        );
        assert!(
            (actual.recall.unwrap() - r).abs() < 1e-9,
            "{name}: recall {:?}",
            actual.recall
        );
        let f1 = 2.0 * p * r / (p + r);
        assert!(
            (actual.f1.unwrap() - f1).abs() < 1e-9,
            "{name}: f1 {:?}",
            actual.f1
        );
    }

    #[test]
    fn every_metric_of_a_hand_made_run_is_as_worked_out() {
        let (_dir, answers, out) = hand_made();
        let s = score(&answers, &out).unwrap();
        assert_eq!(
            (
                s.sources.planted,
                s.sources.stories,
                s.sources.reported,
                s.sources.missing,
                s.sources.not_planted
            ),
            (5, 2, 5, 0, 1)
        );
        assert_eq!(
            (s.sources.ok, s.sources.duplicate, s.sources.failed),
            (4, 1, 0)
        );

        // Stories: cells {A,S1}=3 (a2 takes a1's story), {B,S1}=1, {B,S2}=1.
        check_pairs("stories", s.stories.pairs, 3, 6, 4, 0.5, 0.75);
        assert_eq!(
            (s.stories.predicted_clusters, s.stories.true_clusters),
            (2, 2)
        );
        assert_eq!(
            (s.stories.largest_predicted, s.stories.largest_true),
            (4, 3)
        );
        // Groups: truth {a1,a2} {a3} {b1,b2}; predicted {a1,a2,a3} {b1} {b2}.
        check_pairs(
            "groups",
            s.independence.groups.pairs,
            1,
            3,
            2,
            1.0 / 3.0,
            0.5,
        );
        assert_eq!(
            (
                s.independence.groups.predicted_clusters,
                s.independence.groups.true_clusters
            ),
            (3, 3)
        );
        // Derived: a1-a3 (wrong) and the duplicate a1-a2 (right).
        check_pairs(
            "derived",
            s.independence.derived_pairs.unwrap(),
            1,
            2,
            2,
            0.5,
            0.5,
        );

        // a2, a duplicate without rows of its own, is scored on a1's rows.
        let f = s.figures;
        assert_eq!(f.planted, 8);
        check_rate("extracted", f.extracted, 6, 8);
        check_rate("found", f.found, 7, 8);
        // a1's and a2's `nearly 200` (180-199) and a3's `190` hold 190, their `35` holds 35;
        // b1's `12` misses the 11 of its date; a3's `40` is a retracted mention's, not counted.
        check_rate("allows truth", f.allows_truth, 5, 6);
        check_rate("precision", f.precision, 7, 8);
        check_rate("vague kept", f.vague_kept, 2, 3);
        check_rate("exact kept", f.exact_kept, 4, 4);
        check_rate("retraction flagged", f.retraction_flagged, 0, 1);
        check_rate("retraction false", f.retraction_false, 1, 6);
        check_rate("as_of", f.as_of, 2, 6);

        let facts = &s.facts;
        assert_eq!(facts.figures, 3);
        check_rate("with fact", facts.with_fact, 3, 3);
        assert_eq!(facts.facts_per_figure, Some(1.0));
        check_rate("mixed", facts.mixed, 0, 3);
        check_rate("best contains", facts.best_contains_true, 3, 3);
        check_rate("best equals", facts.best_equals_true, 2, 3);
        // Story B's rising toll has no status to score.
        check_rate("status", facts.status, 1, 2);
        let confusion: Vec<(&str, u64)> = facts
            .status_confusion
            .iter()
            .map(|(k, &v)| (k.as_str(), v))
            .collect();
        assert_eq!(
            confusion,
            [("consistent -> consistent", 1), ("single -> conflict", 1)]
        );

        let q = s.quotes;
        assert_eq!(q.planted, 4);
        check_rate("quotes found", q.found, 3, 4);
        check_rate("quote precision", q.precision, 3, 4);
        check_rate("speaker", q.speaker, 2, 3);
        check_rate("speaker overall", q.speaker_overall, 2, 4);

        let e = &s.entities;
        assert_eq!((e.rows, e.not_in_text), (6, 0));
        check_rate("person found", e.by_type["person"].found, 2, 2);
        check_rate("person typed", e.by_type["person"].type_correct, 1, 2);
        check_rate("org found", e.by_type["organization"].found, 1, 1);
        check_rate("place found", e.by_type["place"].found, 2, 3);
        check_rate("all found", e.all.found, 5, 6);
        check_rate("all typed", e.all.type_correct, 4, 6);
        check_rate("acronyms", e.acronym_linked, 1, 1);

        // Story A's event day has a row; story B's (2024-01-02) has none, but its toll's
        // 2024-01-03 is a day its answers know.
        let t = s.timeline.unwrap();
        assert_eq!(t.rows, 3);
        check_rate("event date", t.event_date_found, 1, 2);
        check_rate("known dates", t.known_dates, 2, 3);

        let c = &s.conflicts;
        assert_eq!(c.total, 4);
        assert_eq!(c.total_per_100_sources, Some(80.0));
        assert_eq!(c.by_kind["date"], 2);
        assert_eq!(c.per_100_sources["date"], 40.0);
        assert_eq!(
            (
                c.cross_story["date"],
                c.cross_story["quote"],
                c.cross_story["number"]
            ),
            (1, 1, 0)
        );
    }

    #[test]
    fn a_missing_report_is_an_error_naming_it() {
        let (_dir, answers, out) = hand_made();
        std::fs::remove_file(out.join("reports/facts.csv")).unwrap();
        let err = format!("{:#}", score(&answers, &out).unwrap_err());
        assert!(err.contains("facts.csv is missing"), "{err}");
        // source_pairs.csv is optional: without it there is no derived-pairs score.
        let (_dir, answers, out) = hand_made();
        std::fs::remove_file(out.join("reports/source_pairs.csv")).unwrap();
        assert_eq!(
            score(&answers, &out).unwrap().independence.derived_pairs,
            None
        );
    }

    #[test]
    fn pairwise_scores_come_from_contingency_counts() {
        fn check(labels: &[(u64, u64)], correct: u64, predicted: u64, truth: u64) {
            let c = clustering(labels.iter().copied());
            assert_eq!(
                (
                    c.pairs.correct_pairs,
                    c.pairs.predicted_pairs,
                    c.pairs.true_pairs
                ),
                (correct, predicted, truth)
            );
        }
        // Everything in one predicted cluster: precision is the share of true pairs.
        check(&[(1, 0), (1, 0), (2, 0), (2, 0)], 2, 6, 2);
        // All singletons: no predicted pair, precision undefined.
        check(&[(1, 10), (1, 11), (2, 12)], 0, 0, 1);
        check(&[(1, 0), (1, 0), (1, 0)], 3, 3, 3);
        assert_eq!(
            clustering([(1, 10), (1, 11)].into_iter()).pairs.precision,
            None
        );
        assert_eq!(
            clustering([(1, 10), (1, 11)].into_iter()).pairs.recall,
            Some(0.0)
        );
    }

    #[test]
    fn cells_and_ranges_are_read_as_the_contract_writes_them() {
        fn check_best(cell: &str, expected: Option<(f64, Option<f64>)>) {
            assert_eq!(parse_best(cell), expected, "{cell:?}");
        }
        check_best("7412", Some((7412.0, Some(7412.0))));
        check_best("7000-7499", Some((7000.0, Some(7499.0))));
        check_best("150-", Some((150.0, None)));
        check_best("-3", Some((-3.0, Some(-3.0))));
        check_best("-5-3", Some((-5.0, Some(3.0))));
        check_best("", None);
        check_best("several", None);
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'-- a dash"), "-- a dash");
        assert_eq!(unneutralise("'tis"), "'tis");
        assert!(contains_words("nearly 8,000 people", "8,000"));
        assert!(!contains_words("18,000", "8,000"));
        assert_eq!(
            entity_forms("eastern province of Kest", "place"),
            ["eastern province of Kest", "Kest"]
        );
        assert_eq!(entity_forms("New Kest", "place"), ["New Kest"]);
    }

    /// gen-corpus, the pipeline as `xtask run` runs it, then the scorer: every rate is a
    /// share and the counts agree with each other. No quality level is asserted: the
    /// stages change.
    #[test]
    fn a_generated_corpus_run_through_the_pipeline_scores_consistently() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let summary = crate::gen_corpus::generate(30, 7, &corpus).unwrap();
        let out = dir.path().join("out");
        let pipeline = runner::pipeline::load(
            "default",
            Some(&corpus.join(crate::gen_corpus::SOURCES_DIR)),
            Some(&out),
        )
        .unwrap();
        runner::run::run_quiet(&pipeline, &runner::progress::Progress::new(false)).unwrap();
        let answers = corpus.join(crate::gen_corpus::ANSWERS_FILE);
        // Through its JSON form, as score.json holds it.
        let s: Score =
            serde_json::from_slice(&serde_json::to_vec(&score(&answers, &out).unwrap()).unwrap())
                .unwrap();

        assert_eq!(
            (s.sources.planted, s.sources.stories),
            (30, summary.stories as u64)
        );
        assert_eq!(s.sources.reported + s.sources.missing, 30);
        assert_eq!(
            s.sources.ok + s.sources.duplicate + s.sources.failed,
            s.sources.reported
        );
        assert_eq!(s.stories.true_clusters, summary.stories as u64);
        assert!(s.stories.largest_predicted >= 1 && s.stories.largest_predicted <= 30);
        let mut all_pairs = vec![s.stories.pairs, s.independence.groups.pairs];
        all_pairs.extend(s.independence.derived_pairs);
        for p in all_pairs {
            assert!(
                p.correct_pairs <= p.predicted_pairs.min(p.true_pairs),
                "{p:?}"
            );
            assert!(p.true_pairs <= 30 * 29 / 2, "{p:?}");
            for v in [p.precision, p.recall, p.f1].into_iter().flatten() {
                assert!((0.0..=1.0).contains(&v), "{p:?}");
            }
        }
        // Copies only happen inside a story.
        assert!(s.independence.groups.pairs.true_pairs <= s.stories.pairs.true_pairs);
        assert!(s.independence.groups.true_clusters >= s.stories.true_clusters);

        let f = s.figures;
        assert!(f.planted > 30, "{f:?}");
        assert_eq!(f.extracted.total, f.planted);
        assert!(
            f.extracted.hits <= f.found.hits && f.found.hits <= f.planted,
            "{f:?}"
        );
        assert_eq!(f.vague_kept.total + f.exact_kept.total, f.found.hits);
        assert_eq!(f.as_of.total, f.extracted.hits);
        assert_eq!(f.allows_truth.total, f.retraction_false.total);
        assert!(
            s.facts.with_fact.hits <= s.facts.figures
                && s.facts.status.total <= s.facts.with_fact.hits
        );
        assert_eq!(
            s.facts.status_confusion.values().sum::<u64>(),
            s.facts.status.total
        );
        assert!(s.quotes.planted > 30 && s.quotes.speaker.total == s.quotes.found.hits);
        assert!(s.entities.all.found.total > 0);
        assert_eq!(s.conflicts.by_kind.values().sum::<u64>(), s.conflicts.total);
        let rates = [
            f.extracted,
            f.found,
            f.allows_truth,
            f.precision,
            f.vague_kept,
            f.exact_kept,
            f.retraction_flagged,
            f.retraction_false,
            f.as_of,
            s.facts.with_fact,
            s.facts.mixed,
            s.facts.best_contains_true,
            s.facts.best_equals_true,
            s.facts.status,
            s.quotes.found,
            s.quotes.precision,
            s.quotes.speaker,
            s.quotes.speaker_overall,
            s.entities.all.found,
            s.entities.all.type_correct,
            s.entities.acronym_linked,
        ];
        let rates = rates.into_iter().chain(
            s.timeline
                .iter()
                .flat_map(|t| [t.event_date_found, t.known_dates]),
        );
        for r in rates {
            assert!(r.hits <= r.total, "{r:?}");
            assert_eq!(r.rate.is_some(), r.total > 0, "{r:?}");
            assert!(r.rate.is_none_or(|v| (0.0..=1.0).contains(&v)), "{r:?}");
        }
    }
}
