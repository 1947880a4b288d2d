//! Timeline and date conflicts from resolved date mentions.
//!
//! Each resolved date mention dates the event of its sentence. Within a story, the
//! mentions of one date whose sentences say the same thing (content-word Dice, the
//! date words themselves left out) are one timeline event. Two sentences of different
//! sources that say the same thing but resolve to dates that cannot both hold make a
//! `date` conflict.

use std::collections::{BTreeMap, BTreeSet};

use records::{Conflict, ConflictKind, Extraction, TimelineEvent};

use crate::text::{content_set, dice};
use crate::{ReconcileConfig, UnionFind};

/// Words that date a sentence rather than say what happened in it.
const DATE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "today",
    "yesterday",
    "tomorrow",
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

/// Builds the timeline.
pub fn build(
    extractions: &[Extraction],
    story_of: &[usize],
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
    }
    let mut ds: Vec<D> = Vec::new();
    for (s, x) in extractions.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for m in &x.dates {
            let Some(date) = m.resolved.clone().filter(|d| !d.is_empty()) else {
                continue;
            };
            let Some(sent) = x.document.sentences.get(m.sentence) else {
                continue;
            };
            let Some(sentence) = records::char_slice(&x.document.text, sent.start, sent.end) else {
                continue;
            };
            if !seen.insert((m.sentence, date.clone())) {
                continue;
            }
            let set: BTreeSet<String> = content_set(sentence)
                .into_iter()
                .filter(|w| {
                    !DATE_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
                })
                .collect();
            ds.push(D {
                source: s,
                story: story_of[s],
                date,
                sentence: sentence.to_string(),
                set,
                text: m.text.clone(),
            });
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
    for (a, b) in cands {
        let (da, db) = (&ds[a], &ds[b]);
        if da.set.len() < 3 || db.set.len() < 3 || dice(&da.set, &db.set) < config.timeline_dice {
            continue;
        }
        if da.date == db.date {
            uf.union(a, b);
        } else if da.source != db.source
            && !compatible(&da.date, &db.date)
            // The same words ("today", "on Monday") dated from two publication days
            // differ by our reading, not by what the sources say.
            && crate::text::fold(&da.text) != crate::text::fold(&db.text)
        {
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
