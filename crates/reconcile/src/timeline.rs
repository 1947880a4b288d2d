//! Timeline and date conflicts from resolved date mentions.
//!
//! Each resolved date mention dates the event of its sentence. Within a story, the
//! mentions of one date whose sentences say the same thing (content-word Dice, the
//! date words themselves left out) are one timeline event.
//!
//! A `date` conflict needs strong evidence: two independent sources (not one copy
//! group) whose sentences say the same thing and date the same part of it with dates
//! that cannot both hold. So a pair of sentences is no conflict when
//! - one date is background (over a year before its article: "the worst since 1999"),
//!   or the two dates are of different precision (a year against a day);
//! - either date is read from a weekday or a relative word ("on Sunday", "tonight",
//!   "this week") and the two articles are not of one day: each resolved it from its
//!   own publication date, and a story followed over days has a new "Monday" each day;
//! - one date bounds a period ("since Sunday", "by Monday") and the other does not, or
//!   bounds it another way: the start of a count is not the day of a statement;
//! - one sentence also carries a date that the other's can hold (the two report
//!   several moments, and one of them is common);
//! - the words next to the two dates (within their clause) share nothing: the dates
//!   qualify different parts of the sentences ("began on February 2, the day after the
//!   subsidies ended" against "after the subsidies ended on February 1");
//! - both carry figures and share none: a count at two moments ("480,000 homes without
//!   power on Friday", "210,000 on Monday") is a series, not two dates for one event.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;

use records::{Conflict, ConflictKind, Extraction, TimelineEvent};

use crate::text::{content_set, content_stems, dice, stem, words};
use crate::{ReconcileConfig, UnionFind};

/// Words that date a sentence rather than say what happened in it (the names of the
/// days and months too, see [`is_date_stem`]).
const DATE_WORDS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "midnight",
    "noon",
    "weekend",
    "week",
    "month",
    "year",
    "day",
    "last",
    "next",
    "earlier",
    "later",
    "2nd",
    "1st",
    "3rd",
];

/// Whether a content-word stem is a date word.
fn is_date_stem(w: &str) -> bool {
    static SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
        let names = records::date::WEEKDAYS.iter().chain(&records::date::MONTHS);
        (DATE_WORDS.iter().chain(MONTH_ABBREVIATIONS))
            .map(|w| stem(w))
            .chain(names.map(|w| stem(&w.to_lowercase())))
            .collect()
    });
    SET.contains(w)
}

/// Whether a token is a figure (`4962`, `1.5`).
fn is_figure(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
}

/// Abbreviated month names, lower case (the full names are `records::date::MONTHS`).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether a lower-case word names a month (`march`, `sept`): a date phrase naming one
/// is explicit.
fn is_month(w: &str) -> bool {
    MONTH_ABBREVIATIONS.contains(&w)
        || records::date::MONTHS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(w))
}

/// Whether a date phrase is read from the article's own date: a weekday or a relative
/// word ("on Sunday", "tonight", "last week"), no figure and no month.
fn is_deictic(phrase: &str) -> bool {
    !words(phrase).iter().any(|w| is_figure(w) || is_month(w))
}

/// The last day a resolved date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) covers, as a day number.
fn last_day(date: &str) -> Option<i64> {
    match date.len() {
        4 => crate::stories::day_number(&format!("{date}-12-31")),
        7 => crate::stories::day_number(&format!("{date}-28")),
        _ => crate::stories::day_number(date),
    }
}

/// Words that make a date the bound of a period rather than the day of an event
/// ("since Sunday", "by Monday evening", "until March 3").
const BOUNDS: &[&str] = &[
    "since", "until", "till", "by", "from", "through", "before", "after", "as",
];

/// The bound word of a date phrase (its first word, or the word before it), if any.
fn bound_of(phrase: &str, before: &str) -> Option<&'static str> {
    let first = words(phrase).into_iter().next();
    let prev = words(before).pop();
    [first, prev]
        .into_iter()
        .flatten()
        .find_map(|w| BOUNDS.iter().find(|b| **b == w).copied())
}

/// Marks that end a clause: the words a date qualifies stand between them.
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];

/// Content words next to a date phrase, at most this many on each side.
const NEAR: usize = 3;

/// The content-word stems next to a date phrase: the last [`NEAR`] of its clause
/// before it and the first [`NEAR`] after it (date words and figures left out). When
/// the date stands alone in its clause ("On Sunday, ..."), the words of the
/// neighbouring clauses.
fn near_words(before: &str, after: &str) -> BTreeSet<String> {
    let keep = |s: &str| -> Vec<String> {
        content_stems(s)
            .into_iter()
            .filter(|w| !is_date_stem(w) && !is_figure(w))
            .collect()
    };
    let clause_before = before.rsplit(CLAUSE_MARKS).next().unwrap_or("");
    let clause_after = after.split(CLAUSE_MARKS).next().unwrap_or("");
    let (mut b, mut a) = (keep(clause_before), keep(clause_after));
    if b.is_empty() && a.is_empty() {
        (b, a) = (keep(before), keep(after));
    }
    let from = b.len().saturating_sub(NEAR);
    b.drain(from..).chain(a.into_iter().take(NEAR)).collect()
}

/// Output of [`build`].
pub struct Timeline {
    /// Events sorted by date, story, event.
    pub events: Vec<TimelineEvent>,
    /// Date conflicts (ids left blank).
    pub conflicts: Vec<Conflict>,
}

/// Two resolved dates can both hold when one contains the other (`2022-01` and `2022-01-10`).
fn compatible(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// A sentence shortened for a cell: whole words, at most `max` chars.
fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for w in s.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push_str(" …");
    out
}

/// Builds the timeline. `group_of` is each source's independence group.
pub fn build(
    extractions: &[Extraction],
    story_of: &[usize],
    group_of: &[usize],
    story_ids: &[String],
    config: &ReconcileConfig,
) -> Timeline {
    struct D {
        source: usize,
        story: usize,
        date: String,
        sentence: String,
        set: BTreeSet<String>,
        text: String,
        /// The article's own day (`YYYY-MM-DD`), when known.
        day: Option<String>,
        /// Read from a weekday or a relative word.
        deictic: bool,
        /// Over a year before the article's own day.
        background: bool,
        /// Every date of the sentence.
        dates: Vec<String>,
        /// Content words next to the date phrase.
        near: BTreeSet<String>,
        /// The word that makes the date a bound of a period ("since", "by"), if any.
        bound: Option<&'static str>,
        /// Figures of the sentence, those of its date phrases left out.
        figures: BTreeSet<String>,
    }
    let mut ds: Vec<D> = Vec::new();
    for (s, x) in extractions.iter().enumerate() {
        let doc = &x.document;
        let day = doc
            .date
            .as_deref()
            .or(doc.meta.published.as_deref())
            .filter(|d| crate::stories::day_number(d).is_some())
            .map(|d| d[..10].to_string());
        let today = day.as_deref().and_then(crate::stories::day_number);
        let mut by_sentence: BTreeMap<usize, Vec<&records::DateMention>> = BTreeMap::new();
        for m in &x.dates {
            if m.resolved.as_deref().is_some_and(|d| !d.is_empty()) {
                by_sentence.entry(m.sentence).or_default().push(m);
            }
        }
        for (&k, mentions) in &by_sentence {
            let Some(sent) = doc.sentences.get(k) else {
                continue;
            };
            let Some(sentence) = records::char_slice(&doc.text, sent.start, sent.end) else {
                continue;
            };
            let dates: Vec<String> = mentions
                .iter()
                .filter_map(|m| m.resolved.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let date_figures: BTreeSet<String> = mentions
                .iter()
                .flat_map(|m| words(&m.text))
                .filter(|w| is_figure(w))
                .collect();
            let figures: BTreeSet<String> = words(sentence)
                .into_iter()
                .filter(|w| is_figure(w) && !date_figures.contains(w))
                .collect();
            let set: BTreeSet<String> = content_set(sentence)
                .into_iter()
                .filter(|w| !is_date_stem(w) && !w.chars().all(|c| c.is_ascii_digit()))
                .collect();
            let mut seen = BTreeSet::new();
            for m in mentions {
                let Some(date) = m.resolved.clone() else {
                    continue;
                };
                if !seen.insert(date.clone()) {
                    continue;
                }
                let (before, after) =
                    if sent.start <= m.start && m.start <= m.end && m.end <= sent.end {
                        (
                            records::char_slice(&doc.text, sent.start, m.start).unwrap_or(""),
                            records::char_slice(&doc.text, m.end, sent.end).unwrap_or(""),
                        )
                    } else {
                        ("", "")
                    };
                let near = near_words(before, after);
                let bound = bound_of(&m.text, before);
                let background = match (today, last_day(&date)) {
                    (Some(t), Some(l)) => t - l > 366,
                    _ => false,
                };
                ds.push(D {
                    source: s,
                    story: story_of[s],
                    date,
                    sentence: sentence.to_string(),
                    set: set.clone(),
                    text: m.text.clone(),
                    day: day.clone(),
                    deictic: is_deictic(&m.text),
                    background,
                    dates: dates.clone(),
                    near,
                    bound,
                    figures: figures.clone(),
                });
            }
        }
    }
    let mut index: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (i, d) in ds.iter().enumerate() {
        for w in &d.set {
            index.entry((d.story, w.as_str())).or_default().push(i);
        }
    }
    let mut cands = BTreeSet::new();
    for list in index.values() {
        crate::dependence::window_pairs(list, config.block_cap, &mut cands);
    }
    let mut uf = UnionFind::new(ds.len());
    let mut conflicts = Vec::new();
    let mut disputed: Vec<(usize, usize)> = Vec::new();
    let sid = |i: usize| &extractions[ds[i].source].document.source_id;
    // Whether two dated sentences that say the same thing give the same part of it dates
    // that cannot both hold (see the module's notes).
    let disagree = |da: &D, db: &D| {
        da.source != db.source
            && group_of[da.source] != group_of[db.source]
            && !compatible(&da.date, &db.date)
            // The same words ("today", "on Monday") dated from two publication days
            // differ by our reading, not by what the sources say.
            && crate::text::fold(&da.text) != crate::text::fold(&db.text)
            && !da.background
            && !db.background
            && da.date.len() == db.date.len()
            && da.bound == db.bound
            && (!(da.deictic || db.deictic) || (da.day.is_some() && da.day == db.day))
            && !da
                .dates
                .iter()
                .any(|x| db.dates.iter().any(|y| compatible(x, y)))
            && !da.near.is_disjoint(&db.near)
            && (da.figures.is_empty()
                || db.figures.is_empty()
                || !da.figures.is_disjoint(&db.figures))
    };
    for (a, b) in cands {
        let (da, db) = (&ds[a], &ds[b]);
        if da.set.len() < 3 || db.set.len() < 3 || dice(&da.set, &db.set) < config.timeline_dice {
            continue;
        }
        if da.date == db.date {
            uf.union(a, b);
        } else if disagree(da, db) {
            disputed.push((a, b));
        }
    }
    // One conflict per pair of events (sentences grouped on one date), however many
    // sources repeat each side.
    let mut seen = BTreeSet::new();
    for (a, b) in disputed {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if !seen.insert((ra.min(rb), ra.max(rb))) {
            continue;
        }
        let (a, b) = if sid(a) <= sid(b) { (a, b) } else { (b, a) };
        let (da, db) = (&ds[a], &ds[b]);
        conflicts.push(Conflict {
            conflict_id: String::new(),
            kind: ConflictKind::Date,
            story_id: story_ids[da.story].clone(),
            subject: shorten(&da.sentence, 100),
            source_a: sid(a).clone(),
            value_a: format!("{} ({})", da.date, da.text),
            source_b: sid(b).clone(),
            value_b: format!("{} ({})", db.date, db.text),
            note: format!(
                "the two sentences report the same event (content overlap {:.2}) on different dates",
                dice(&da.set, &db.set)
            ),
        });
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ds.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut events: Vec<TimelineEvent> = groups
        .into_values()
        .map(|mut g| {
            g.sort_by(|a, b| sid(*a).cmp(sid(*b)));
            let source_ids: Vec<String> = g
                .iter()
                .map(|i| sid(*i).clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let d = &ds[g[0]];
            TimelineEvent {
                date: d.date.clone(),
                story_id: story_ids[d.story].clone(),
                event: shorten(&d.sentence, 200),
                sources: source_ids.len(),
                source_ids,
            }
        })
        .collect();
    events.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.story_id.cmp(&b.story_id))
            .then(a.event.cmp(&b.event))
    });
    Timeline { events, conflicts }
}
