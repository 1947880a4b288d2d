//! Facts: quantity mentions that count the same thing, grouped across the sources of
//! a story, with a status and a best estimate.
//!
//! Two counts are about the same thing when they share story, event (`killed`,
//! `detained`, ...) and counted noun after synonyms are folded (`security forces`,
//! `security officers` and `security personnel` are one thing; `soldiers` and `troops`
//! are one). A part (`including 16 security personnel`) is kept apart from its total,
//! even when it counts the same noun, and points to its total's fact (`part_of`).
//! Negated figures are not claims and are skipped.
//!
//! Percentages, money and measures make facts the same way, keyed by story, kind, what
//! they are of (`turnout`, `vote share`, `fine`, `revenue`, `magnitude`, `rainfall`),
//! whose figure it is (a named candidate's share is its own fact; the holder is folded
//! to its last name, so `Leyla Hasanova` and `Hasanova` are one) and unit (`130 mph` and
//! `209 km/h` are kept apart rather than converted). Who gives a figure is a column,
//! not a key: two agencies' magnitudes of one quake are one fact, and when one source
//! sets them against each other it is a conflict between named claims.
//!
//! A figure that changes over time is not a conflict. Each mention holds for a date
//! (`as_of`; an undated mention takes the latest date whose figures it agrees with).
//! When the values cannot all share one range but every date's values can (no two
//! independence groups disagree on the same date), the fact is `updated`: one fact
//! holding the whole series, its best estimate and `as_of` those of the latest date. An
//! open bound (`more than 400`: no upper end) is consistent with any larger figure, so
//! a floor raised on a later date (`more than 1,300`) makes the fact `updated` too. A
//! conflict needs two groups whose figures for one date cannot both hold, and its
//! conflict rows compare figures of that date only: a figure some group's own series
//! moved past (an outlet still giving yesterday's toll) lags and disputes nothing, and a
//! figure given beside the one it replaced (`down from 480,000 on Friday`) holds for
//! its article's day, not the replaced figure's. An exact figure within the rounding of
//! an open floor (`more than 160`, then `162`) is no rise. A fact that never changed
//! holds (`as_of`) from the day it was first given; an updated or disputed one as of
//! its latest date. One conflict row stands for each disagreeing group and figure,
//! shown in the group's first-published source. A figure dated more than
//! [`EARLIER_EVENT_DAYS`] before its own article is about an earlier event and stays
//! out of the current one's fact.
//!
//! Status is computed over mentions that are not retracted, counting independence
//! groups, not sources: `single` (one group), `agreed` (one exact value), `consistent`
//! (the ranges overlap), `updated`, `conflict`. The best estimate is the range that most
//! independence groups support (each group counts once, however many copies it has),
//! narrowed to where those groups' ranges meet, so `about 5,000` supports `4,962` as
//! TruthFinder lets close values support each other.

use std::collections::{BTreeMap, BTreeSet};

use records::{
    Conflict, ConflictKind, Correction, Extraction, Fact, FactMention, FactStatus, QuantityKind,
    QuantityMention,
};

use crate::stories;
use crate::text::{num, stem, words};

/// Events [`event_key`] folds synonyms into.
const CANONICAL_EVENTS: &[&str] = &[
    "killed",
    "detained",
    "injured",
    "deployed",
    "evacuated",
    "displaced",
    "missing",
];

/// Canonical event: inflections and common synonyms of the events news counts.
pub fn event_key(event: &str) -> String {
    let ws: Vec<String> = words(event).iter().map(|w| stem(w)).collect();
    let has = |prefixes: &[&str]| ws.iter().any(|w| prefixes.iter().any(|p| w.starts_with(p)));
    if has(&[
        "kill", "die", "dead", "death", "murder", "slain", "perish", "fatal",
    ]) {
        "killed".into()
    } else if has(&[
        "detain",
        "arrest",
        "custody",
        "jail",
        "imprison",
        "apprehend",
        "captur",
    ]) {
        "detained".into()
    } else if has(&["injur", "wound", "hurt", "hospitali"]) {
        "injured".into()
    } else if has(&[
        "deploy", "sent", "send", "station", "arriv", "land", "dispatch",
    ]) {
        "deployed".into()
    } else if has(&["evacuat"]) {
        "evacuated".into()
    } else if has(&["displac"]) {
        "displaced".into()
    } else if has(&["missing"]) {
        "missing".into()
    } else {
        ws.join(" ")
    }
}

/// Canonical counted noun, given the event.
pub fn counted_key(counted: Option<&str>, event: &str) -> String {
    let raw = counted.unwrap_or("");
    let ws: Vec<String> = words(raw).iter().map(|w| stem(w)).collect();
    let has = |w: &str| ws.iter().any(|x| x == w);
    if has("security")
        && (has("personnel") || has("force") || has("officer") || has("service") || has("member"))
        || has("police") && (has("officer") || has("personnel") || has("men") || has("policemen"))
        || has("policemen")
        || has("policeman")
    {
        return "security personnel".into();
    }
    let head = ws.last().cloned().unwrap_or_default();
    match head.as_str() {
        "troop" | "soldier" | "servicemen" | "serviceman" | "peacekeeper" => "troops".into(),
        "unit" if event == "deployed" => "troops".into(),
        "people" | "person" | "individual" | "victim" | "" => "people".into(),
        "children" | "child" => "children".into(),
        "protester" | "protestor" | "demonstrator" => "protesters".into(),
        _ => head,
    }
}

/// What the counted noun reads like in the report: the canonical noun when a synonym
/// was folded, else the head word as the source wrote it (`residents`, not `resident`).
fn readable_counted(key: &str, counted: Option<&str>) -> String {
    let head = counted.and_then(|c| words(c).pop()).unwrap_or_default();
    if stem(&head) == key {
        head
    } else {
        key.to_string()
    }
}

/// The rank of a percentage, money or measure kind in the fact key (counts are 0);
/// none for kinds that never make a fact of their own.
fn measured_rank(kind: QuantityKind) -> Option<u8> {
    match kind {
        QuantityKind::Percent => Some(1),
        QuantityKind::Money => Some(2),
        QuantityKind::Measure => Some(3),
        _ => None,
    }
}

/// Whose figure it is, as a key: the last word of the name, folded (`Leyla Hasanova`
/// and `Hasanova` are one candidate; `Renewal Party` and `the Renewal Party` one party).
fn holder_key(holder: &str) -> Option<String> {
    let ws = words(holder);
    let last = ws.last()?;
    // `Renewal Party`: the word before a generic organisation word names it.
    let generic = matches!(
        last.as_str(),
        "party" | "group" | "company" | "alliance" | "front" | "movement" | "bloc" | "union"
    );
    if generic && ws.len() >= 2 {
        Some(format!("{} {last}", ws[ws.len() - 2]))
    } else {
        Some(last.clone())
    }
}

/// One quantity mention with where it came from.
#[derive(Debug, Clone)]
struct Item<'a> {
    source: usize,
    /// Index of the mention in its extraction's `quantities`.
    idx: usize,
    q: &'a QuantityMention,
    /// Key of the counted noun.
    counted: String,
    /// Key of the event.
    event: String,
    /// How the figure stopped standing: its own flag, or one it shares with the same
    /// value withdrawn elsewhere in the fact (see [`withdrawn_everywhere`]).
    correction: Option<Correction>,
    /// The date the figure holds for (see [`held_for`]).
    as_of: Option<String>,
}

impl Item<'_> {
    /// Flagged as no longer standing.
    fn flagged(&self) -> bool {
        self.q.retracted || self.correction.is_some()
    }
}

/// A value withdrawn, denied or corrected by one source is withdrawn wherever the fact
/// repeats it (a deputy minister's toll reported on Thursday and withdrawn by the
/// ministry on Friday): every unflagged mention with the same interval takes that
/// flag. A superseded value held once and is not spread.
fn withdrawn_everywhere(items: &mut [Item]) {
    let wrong: Vec<(f64, f64, Correction)> = items
        .iter()
        .filter_map(|i| match i.correction {
            Some(c @ (Correction::Retracted | Correction::Denied | Correction::Corrected)) => {
                Some((i.q.low, i.q.high, c))
            }
            _ => None,
        })
        .collect();
    for i in items.iter_mut().filter(|i| !i.flagged()) {
        if let Some(&(_, _, c)) = wrong
            .iter()
            .find(|&&(lo, hi, _)| lo == i.q.low && hi == i.q.high)
        {
            i.correction = Some(c);
        }
    }
}

/// Output of [`build`].
pub struct Facts {
    /// Facts in id order.
    pub facts: Vec<Fact>,
    /// Mentions, sorted by fact then source then offset.
    pub mentions: Vec<FactMention>,
    /// Number conflicts (ids left blank).
    pub conflicts: Vec<Conflict>,
    /// For each fact, the sources with a mention.
    pub fact_sources: Vec<BTreeSet<usize>>,
}

/// The range a mention allows when compared with others. A round figure given as a
/// point but not marked exact (`5,000 arrested` in a headline) is taken as rounded to
/// its last non-zero digit (`5,000` allows 4,500-5,500), so that it supports `4,962`
/// instead of contradicting it. The mention's own `low`/`high` are reported unchanged.
pub fn compared_range(q: &QuantityMention) -> (f64, f64) {
    // A sum of money, a percentage or a measure is stated as given (`£250,000`, a fine),
    // not rounded like a head count.
    if q.exact
        || q.kind != QuantityKind::Count
        || q.low != q.high
        || q.low < 10.0
        || q.low.fract() != 0.0
    {
        return (q.low, q.high);
    }
    let unit = rounding_unit(q.low);
    if unit < 10.0 {
        (q.low, q.high)
    } else {
        (q.low - unit / 2.0, q.low + unit / 2.0)
    }
}

/// The unit a round figure is rounded to: the largest power of ten that divides it
/// (`5,000` is rounded to the thousand); 1 for a figure under 10, a fraction, or one that
/// is not round.
fn rounding_unit(v: f64) -> f64 {
    if !v.is_finite() || v < 10.0 || v.fract() != 0.0 {
        return 1.0;
    }
    let mut unit = 1.0;
    while v % (unit * 10.0) == 0.0 {
        unit *= 10.0;
    }
    unit
}

/// How far an open floor reaches: `more than 160` (low 161) is written for a figure just
/// above the round 160, up to the next step of its rounding (170), so a later `162` is
/// the same count given exactly, not a rise; `at least 12` reaches no further than 12.
fn floor_reach(low: f64) -> f64 {
    [low, low - 1.0]
        .into_iter()
        .map(|v| {
            let unit = rounding_unit(v);
            if unit > 1.0 { v + unit } else { v }
        })
        .fold(low, f64::max)
}

/// A range as the notes write it: `165-246`, or `165 or more` for an open one.
fn range_text((lo, hi): (f64, f64)) -> String {
    if hi.is_finite() {
        format!("{}-{}", num(lo), num(hi))
    } else {
        format!("{} or more", num(lo))
    }
}

fn width(q: &QuantityMention) -> f64 {
    let (lo, hi) = compared_range(q);
    hi - lo
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0.max(b.0) <= a.1.min(b.1)
}

/// The range most independence groups support, and how many groups support it.
pub fn best_estimate(ranges: &[(usize, f64, f64)]) -> Option<(f64, f64, usize)> {
    if ranges.is_empty() {
        return None;
    }
    // Sweep: starts before ends at the same value so touching ranges count as overlapping.
    let mut events: Vec<(f64, i32, usize)> = Vec::new();
    for &(g, lo, hi) in ranges {
        events.push((lo, 0, g));
        events.push((hi, 1, g));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    let mut best_depth = 0;
    let mut points: Vec<f64> = Vec::new();
    for (v, kind, g) in events {
        if kind == 0 {
            *open.entry(g).or_default() += 1;
            let depth = open.len();
            if depth > best_depth {
                best_depth = depth;
                points.clear();
            }
            if depth == best_depth && points.last() != Some(&v) {
                points.push(v);
            }
        } else if let Some(c) = open.get_mut(&g) {
            *c -= 1;
            if *c == 0 {
                open.remove(&g);
            }
        }
    }
    // At each candidate point, narrow to where the supporting groups' ranges meet
    // (each group by its narrowest range through the point); keep the narrowest region.
    // Of regions equally narrow, the one most mentions fall in: a figure a source
    // repeats (its headline toll) before one it gives once (a breakdown).
    let mut best: Option<(f64, f64, usize)> = None;
    for &v in points.iter().take(64) {
        let mut per_group: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
        for &(g, lo, hi) in ranges {
            if lo <= v && v <= hi {
                let e = per_group.entry(g).or_insert((lo, hi));
                if hi - lo < e.1 - e.0 {
                    *e = (lo, hi);
                }
            }
        }
        // Infinite seeds, so that groups that all give open bounds leave the high open.
        let lo = per_group
            .values()
            .map(|r| r.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let hi = per_group
            .values()
            .map(|r| r.1)
            .fold(f64::INFINITY, f64::min);
        let mentions = ranges
            .iter()
            .filter(|&&(_, l, h)| l <= lo && hi <= h)
            .count();
        if best.is_none_or(|b| hi - lo < b.1 - b.0 || (hi - lo == b.1 - b.0 && mentions > b.2)) {
            best = Some((lo, hi, mentions));
        }
    }
    best.map(|(lo, hi, _)| (lo, hi, best_depth))
}

/// Status over (group, low, high) of the mentions that count.
pub fn status(ranges: &[(usize, f64, f64)]) -> FactStatus {
    let groups: BTreeSet<usize> = ranges.iter().map(|r| r.0).collect();
    if groups.len() <= 1 {
        return FactStatus::Single;
    }
    let first = (ranges[0].1, ranges[0].2);
    if first.0 == first.1 && ranges.iter().all(|r| (r.1, r.2) == first) {
        return FactStatus::Agreed;
    }
    let lo = ranges.iter().map(|r| r.1).fold(f64::MIN, f64::max);
    let hi = ranges.iter().map(|r| r.2).fold(f64::MAX, f64::min);
    if lo <= hi {
        FactStatus::Consistent
    } else {
        FactStatus::Conflict
    }
}

/// Whether two attributions name the same claimant (`Interior Ministry` and
/// `the country's interior ministry`): one's words end the other's.
fn same_claimant(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let (long, short) = if a.len() >= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && long.ends_with(short)
}

/// Explicit disagreements inside one source: two figures of one source, from two named
/// claimants, in one sentence or two that follow each other, that cannot both hold
/// (`police said 1,000; organisers said 10,000`); figures of two claimants far apart
/// in an article are more often a part and its total, or an earlier and a later
/// count, than a dispute. Who gives
/// a figure is a column, not a reason to split a fact; such a pair makes the fact a
/// conflict between the named claims, shown side by side.
fn claimant_disputes<'a>(items: &[&'a Item<'a>]) -> Vec<(&'a Item<'a>, &'a Item<'a>)> {
    fn claimant<'i>(i: &'i Item<'_>) -> Option<&'i str> {
        i.q.attributed_to
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
    }
    let mut out = Vec::new();
    for (k, a) in items.iter().enumerate() {
        for b in &items[k + 1..] {
            if a.source == b.source
                && a.q.sentence.abs_diff(b.q.sentence) <= 1
                && !overlap(compared_range(a.q), compared_range(b.q))
                && matches!((claimant(a), claimant(b)), (Some(x), Some(y)) if !same_claimant(x, y))
            {
                out.push((*a, *b));
            }
        }
    }
    out
}

/// Splits the mentions of a measure by who gives them, when two named claimants give
/// values that cannot both hold (`the USGS measured 6.6, Iran's centre 6.4`): each
/// claimant's mentions are one bucket, and a mention that names no one joins the one
/// claimant whose values it agrees with (with none or several, it stays unassigned).
/// With fewer than two disagreeing claimants, one bucket holds all.
fn split_by_claimant(items: Vec<Item<'_>>) -> Vec<(Option<String>, Vec<Item<'_>>)> {
    let claimant = |i: &Item| {
        i.q.attributed_to
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
    };
    // Claimants (the first spelling of each) with the hull of their values.
    let mut claimants: Vec<(String, (f64, f64))> = Vec::new();
    for i in items.iter().filter(|i| !i.q.retracted) {
        let Some(c) = claimant(i) else { continue };
        let r = compared_range(i.q);
        match claimants.iter_mut().find(|(k, _)| same_claimant(k, &c)) {
            Some((_, h)) => *h = (h.0.min(r.0), h.1.max(r.1)),
            None => claimants.push((c, r)),
        }
    }
    let disagree = claimants
        .iter()
        .enumerate()
        .any(|(k, a)| claimants[k + 1..].iter().any(|b| !overlap(a.1, b.1)));
    if !disagree {
        return vec![(None, items)];
    }
    let mut out: Vec<(Option<String>, Vec<Item>)> = claimants
        .iter()
        .map(|(c, _)| (Some(c.clone()), Vec::new()))
        .collect();
    let mut rest = Vec::new();
    for i in items {
        let own =
            claimant(&i).and_then(|c| claimants.iter().position(|(k, _)| same_claimant(k, &c)));
        let slot = own.or_else(|| {
            let r = compared_range(i.q);
            let agreeing: Vec<usize> = claimants
                .iter()
                .enumerate()
                .filter(|(_, (_, h))| overlap(*h, r))
                .map(|(k, _)| k)
                .collect();
            (agreeing.len() == 1).then(|| agreeing[0])
        });
        match slot {
            Some(k) => out[k].1.push(i),
            None => rest.push(i),
        }
    }
    if !rest.is_empty() {
        out.push((None, rest));
    }
    out
}

/// A figure dated this many days or more before its own article is about an earlier
/// event (`the 2010 floods killed 1,700`), not a step of the current figure.
pub const EARLIER_EVENT_DAYS: i64 = 30;

/// Whether a figure dated `as_of` is about an earlier event than its article of date
/// `own`: a year before the article's year, or a day [`EARLIER_EVENT_DAYS`] or more
/// before it.
fn earlier_event(as_of: &str, own: Option<&str>) -> bool {
    let Some(own) = own else { return false };
    if as_of.len() == 4 {
        return as_of < own.get(..4).unwrap_or("");
    }
    match (stories::day_number(as_of), stories::day_number(own)) {
        (Some(d), Some(o)) => o - d >= EARLIER_EVENT_DAYS,
        _ => false,
    }
}

/// The date a figure holds for: its `as_of`, except when its sentence also gives the
/// figure it replaced, read for the same date (`Roughly 400,000 homes remained without
/// power, down from more than 480,000 on Friday`; `dropped to 19, from about 30 on
/// Saturday`): the date written there is the replaced figure's, and the current one
/// holds for the article's own day when that is later.
fn held_for(x: &Extraction, q: &QuantityMention) -> Option<String> {
    let as_of = q.as_of.as_deref()?;
    if q.retracted || q.correction.is_some() {
        return Some(as_of.to_string());
    }
    let own = x
        .document
        .date
        .as_deref()
        .and_then(|d| d.get(..10))
        .filter(|d| stories::day_number(d).is_some());
    let replaced_here = x.quantities.iter().any(|o| {
        o.sentence == q.sentence
            // A bare figure (`down from more than 480,000`) is of the count's kind.
            && measured_rank(o.kind) == measured_rank(q.kind)
            && o.correction == Some(Correction::Superseded)
            && o.as_of.as_deref() == Some(as_of)
            && !overlap(compared_range(o), compared_range(q))
    });
    match own {
        Some(own) if replaced_here && own.len() == as_of.len() && own > as_of => {
            Some(own.to_string())
        }
        _ => Some(as_of.to_string()),
    }
}

/// The date each mention holds for: its `as_of`, or for an undated mention the latest
/// date whose figures it agrees with, else the latest date; `None` when none is dated.
fn dates_of<'a>(items: &[&'a Item<'a>]) -> Vec<Option<&'a str>> {
    let mut hulls: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for it in items {
        if let Some(d) = it.as_of.as_deref() {
            let (lo, hi) = compared_range(it.q);
            let h = hulls.entry(d).or_insert((lo, hi));
            *h = (h.0.min(lo), h.1.max(hi));
        }
    }
    items
        .iter()
        .map(|it| {
            it.as_of.as_deref().or_else(|| {
                let r = compared_range(it.q);
                hulls
                    .iter()
                    .rev()
                    .find(|(_, h)| overlap(**h, r))
                    .or(hulls.iter().next_back())
                    .map(|(d, _)| *d)
            })
        })
        .collect()
}

/// One figure of a group's own series: the range it allows, the date it holds for, and
/// whether the group itself replaced it.
struct Step<'a> {
    group: usize,
    range: (f64, f64),
    date: &'a str,
    superseded: bool,
}

/// Each group's own figures in the order it gave them: by date, a figure it replaced
/// before the one that replaced it.
fn series<'a>(mut steps: Vec<Step<'a>>) -> BTreeMap<usize, Vec<Step<'a>>> {
    steps.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then(a.date.cmp(b.date))
            .then(b.superseded.cmp(&a.superseded))
    });
    let mut out: BTreeMap<usize, Vec<Step>> = BTreeMap::new();
    for s in steps {
        out.entry(s.group).or_default().push(s);
    }
    out
}

/// Whether some group moved from a figure allowing `from` to one allowing `to`: the
/// last time it gave `from` comes before the last time it gave `to` (for an earlier date,
/// or replaced on the same one). A group's latest word is its current figure, so a
/// stray early date on one of its mentions does not reverse its series.
fn moved_on(series: &BTreeMap<usize, Vec<Step>>, from: (f64, f64), to: (f64, f64)) -> bool {
    series.values().any(|steps| {
        // Steps are in the order given: the last match is the latest; its place in the
        // order is its date, a replaced figure before the current one of that date.
        let last = |r: (f64, f64), not: Option<(f64, f64)>| {
            steps
                .iter()
                .rfind(|x| overlap(x.range, r) && not.is_none_or(|n| !overlap(x.range, n)))
                .map(|x| (x.date, !x.superseded))
        };
        matches!((last(from, None), last(to, Some(from))), (Some(f), Some(t)) if f < t)
    })
}

/// Most distinct figures of one day compared for [`lagging`]: a bound on the work.
const LAGGING_CAP: usize = 256;

/// The figures of one day that lag: earlier readings still given on a later day. A
/// rolling toll is reported by outlets at different times, and one that repeats
/// yesterday's count on the day another gives the new one lags behind it rather than
/// disputes it. A figure lags when another group gives, that day, a figure it cannot
/// share, and some group's own series went from the one to the other (`214`, then `587`
/// on a live page): two steps of one count. Two figures no group ever moved between (an
/// official toll and a rights group's) stay a dispute.
fn lagging(day: &[&Item], series: &BTreeMap<usize, Vec<Step>>, group_of: &[usize]) -> Vec<bool> {
    let key = |i: &Item| {
        let (lo, hi) = compared_range(i.q);
        (group_of[i.source], lo.to_bits(), hi.to_bits())
    };
    let distinct: BTreeSet<(usize, u64, u64)> = day.iter().map(|i| key(i)).collect();
    if distinct.len() > LAGGING_CAP {
        return vec![false; day.len()];
    }
    let range = |&(_, lo, hi): &(usize, u64, u64)| (f64::from_bits(lo), f64::from_bits(hi));
    let lags: BTreeSet<(usize, u64, u64)> = distinct
        .iter()
        .filter(|a| {
            distinct.iter().any(|b| {
                a.0 != b.0
                    && !overlap(range(a), range(b))
                    && moved_on(series, range(a), range(b))
                    && !moved_on(series, range(b), range(a))
            })
        })
        .copied()
        .collect();
    day.iter().map(|i| lags.contains(&key(i))).collect()
}

/// Whether two independence groups give figures of which none can hold together.
fn groups_disagree(ranges: &[(usize, f64, f64)]) -> bool {
    ranges.iter().any(|a| {
        ranges.iter().any(|b| {
            b.0 > a.0
                && !ranges.iter().filter(|x| x.0 == a.0).any(|x| {
                    ranges
                        .iter()
                        .filter(|y| y.0 == b.0)
                        .any(|y| overlap((x.1, x.2), (y.1, y.2)))
                })
        })
    })
}

/// Whether open floors rise over the dates (`more than 400` on one day, `more than
/// 1,300` or `1,312` later): the figures are consistent, an open bound allowing any
/// larger value, but the count was updated. True when the latest date's figures all
/// lie above the reach of an open bound given on an earlier date (see [`floor_reach`]).
fn floor_raised(by_date: &BTreeMap<&str, Vec<&Item>>) -> bool {
    let Some((_, latest)) = by_date.iter().next_back() else {
        return false;
    };
    let latest_low = latest
        .iter()
        .map(|i| compared_range(i.q).0)
        .fold(f64::INFINITY, f64::min);
    by_date.values().rev().skip(1).flatten().any(|i| {
        let (lo, hi) = compared_range(i.q);
        hi == f64::INFINITY && floor_reach(lo) < latest_low
    })
}

/// The place a share of a total is given for: `in` and a capitalised name within a few
/// words after the figure, in its sentence (`seven in Brunswick County`, `655 of the
/// victims died in East Azerbaijan`); none across a comma or another figure.
fn place_after(x: &Extraction, q: &QuantityMention) -> Option<String> {
    let end = x
        .document
        .sentences
        .get(q.sentence)
        .map_or(q.end, |s| s.end);
    let rest = records::char_slice(&x.document.text, q.end, end.max(q.end))?;
    let mut toks = rest.split_whitespace();
    let mut steps = 0;
    loop {
        let w = toks.next()?;
        if w.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';' | ':' | '.'))
            || steps > 6
        {
            return None;
        }
        steps += 1;
        if w == "in" {
            break;
        }
    }
    let mut place: Vec<&str> = Vec::new();
    for w in toks {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        place.push(bare);
        if bare.len() != w.len() || place.len() == 4 {
            break;
        }
    }
    (!place.is_empty()).then(|| place.join(" "))
}

fn sentence_text(x: &Extraction, idx: usize) -> String {
    x.document
        .sentences
        .get(idx)
        .and_then(|s| records::char_slice(&x.document.text, s.start, s.end))
        .unwrap_or_default()
        .to_string()
}

/// Builds facts. `story_of[s]`, `group_of[s]` per source; `story_ids` are the printable
/// ids. Facts are numbered from `F{id_base + 1}`.
pub fn build(
    extractions: &[Extraction],
    story_of: &[usize],
    group_of: &[usize],
    story_ids: &[String],
    id_base: usize,
) -> Facts {
    // (story, kind, what) -> mentions
    let mut keyed: BTreeMap<(usize, u8, String), Vec<Item>> = BTreeMap::new();
    // The readable name of a percentage, money or measure fact, by its key.
    let mut labels: BTreeMap<(usize, u8, String), String> = BTreeMap::new();
    for (s, x) in extractions.iter().enumerate() {
        for (idx, q) in x.quantities.iter().enumerate() {
            if q.negated || q.low.is_nan() || q.high.is_nan() || q.low > q.high {
                continue;
            }
            if let Some(rank) = measured_rank(q.kind) {
                // A percentage, an amount of money or a measure: one fact per thing it
                // is of, whose it is (a candidate's vote share) and unit.
                let Some(measured) = q
                    .counted
                    .as_deref()
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                else {
                    continue;
                };
                let holder_key = q.holder.as_deref().and_then(holder_key);
                let mut what = measured.to_string();
                if let Some(h) = &holder_key {
                    what.push_str(&format!(" of {h}"));
                }
                if let Some(unit) = q
                    .unit
                    .as_deref()
                    .filter(|u| q.kind != QuantityKind::Percent && *u != measured)
                {
                    what.push_str(&format!(" ({unit})"));
                }
                let mut label = measured.to_string();
                if let Some(h) = q.holder.as_deref() {
                    label.push_str(&format!(" of {h}"));
                }
                if let Some(unit) = q
                    .unit
                    .as_deref()
                    .filter(|u| q.kind != QuantityKind::Percent && *u != measured)
                {
                    label.push_str(&format!(" ({unit})"));
                }
                let base = what.clone();
                if let Some(as_of) = q.as_of.as_deref()
                    && earlier_event(as_of, x.document.date.as_deref())
                {
                    what.push_str(&format!(" (as of {as_of})"));
                    label.push_str(&format!(" (as of {as_of})"));
                }
                let key = (story_of[s], rank, what);
                labels.entry(key.clone()).or_insert(label);
                keyed.entry(key).or_default().push(Item {
                    source: s,
                    idx,
                    q,
                    counted: base,
                    event: String::new(),
                    correction: q.correction,
                    as_of: held_for(x, q),
                });
                continue;
            }
            if q.kind != QuantityKind::Count
                || q.negated
                || q.low.is_nan()
                || q.high.is_nan()
                || q.low > q.high
            {
                continue;
            }
            let event = q.event.as_deref().map(event_key).unwrap_or_default();
            let event = event.trim().to_string();
            if event.is_empty() {
                // A count with no event says nothing comparable.
                continue;
            }
            let counted = counted_key(q.counted.as_deref(), &event);
            let mut what = format!("{counted} {event}");
            if let Some(as_of) = q.as_of.as_deref()
                && earlier_event(as_of, x.document.date.as_deref())
            {
                what.push_str(&format!(" (as of {as_of})"));
            }
            if let Some(total) = q.part_of.and_then(|i| x.quantities.get(i)) {
                let total_event = total
                    .event
                    .as_deref()
                    .map(event_key)
                    .unwrap_or_else(|| event.clone());
                if counted_key(total.counted.as_deref(), &total_event) == counted {
                    // Shares by place (`14 of the dead were in X County, seven in Y`)
                    // are each their own figure: one fact per place, not one for all.
                    if let Some(place) = place_after(x, q) {
                        what.push_str(&format!(" in {place}"));
                    }
                    what.push_str(" (part of a total)");
                }
            }
            keyed.entry((story_of[s], 0, what)).or_default().push(Item {
                source: s,
                idx,
                q,
                counted,
                event,
                correction: q.correction,
                as_of: held_for(x, q),
            });
        }
    }

    struct Draft<'a> {
        story: usize,
        what: String,
        items: Vec<Item<'a>>,
        as_of_order: Option<String>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for ((story, rank, what), mut items) in keyed {
        let label = labels.get(&(story, rank, what.clone())).cloned();
        items.sort_by(|a, b| {
            extractions[a.source]
                .document
                .source_id
                .cmp(&extractions[b.source].document.source_id)
                .then(a.q.start.cmp(&b.q.start))
        });
        withdrawn_everywhere(&mut items);
        // A measure given by named claimants that disagree (two agencies' magnitudes of
        // one quake) is one figure per claimant, each shown with who gives it.
        let buckets = if rank == 3 {
            split_by_claimant(items)
        } else {
            vec![(None, items)]
        };
        for (claimant, bucket) in buckets {
            let according = |s: String| match &claimant {
                Some(c) => format!("{s} (according to {c})"),
                None => s,
            };
            let label = label.clone().map(according);
            let dates: BTreeSet<&String> = bucket.iter().filter_map(|i| i.as_of.as_ref()).collect();
            let as_of_order = dates.iter().next().map(|d| (*d).clone());
            // Show the counted noun as the first mention wrote it.
            let shown = bucket
                .first()
                .map(|i| {
                    let suffix = what
                        .strip_prefix(&format!("{} {}", i.counted, i.event))
                        .unwrap_or("");
                    let event = if CANONICAL_EVENTS.contains(&i.event.as_str()) {
                        i.event.clone()
                    } else {
                        i.q.event
                            .as_deref()
                            .map(|e| words(e).join(" "))
                            .unwrap_or_default()
                    };
                    format!(
                        "{} {event}{suffix}",
                        readable_counted(&i.counted, i.q.counted.as_deref())
                    )
                })
                .unwrap_or_else(|| what.clone());
            let shown = label.unwrap_or(shown);
            drafts.push(Draft {
                story,
                what: shown,
                items: bucket,
                as_of_order,
            });
        }
    }
    drafts.sort_by(|a, b| {
        let first = |d: &Draft| {
            d.items
                .first()
                .map(|i| (extractions[i.source].document.source_id.clone(), i.q.start))
                .unwrap_or_default()
        };
        a.story
            .cmp(&b.story)
            .then(a.what.cmp(&b.what))
            .then(a.as_of_order.cmp(&b.as_of_order))
            .then(first(a).cmp(&first(b)))
    });

    let mut out = Facts {
        facts: Vec::new(),
        mentions: Vec::new(),
        conflicts: Vec::new(),
        fact_sources: Vec::new(),
    };
    // The fact of each mention, so that a part points to its total's fact.
    let mut fact_of: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for (n, d) in drafts.iter().enumerate() {
        for i in &d.items {
            fact_of.insert((i.source, i.idx), format!("F{}", id_base + n + 1));
        }
    }
    for (n, d) in drafts.iter().enumerate() {
        let fact_id = format!("F{}", id_base + n + 1);
        let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
        for i in &d.items {
            if let Some(t) = i.q.part_of.and_then(|p| fact_of.get(&(i.source, p)))
                && *t != fact_id
            {
                *totals.entry(t.as_str()).or_default() += 1;
            }
        }
        let part_of = totals
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(t, _)| t.to_string());
        // A number conflict of this fact between two (source, surface text) sides.
        let number_conflict = |(source_a, value_a): (&String, &String),
                               (source_b, value_b): (&String, &String),
                               note| Conflict {
            conflict_id: String::new(),
            kind: ConflictKind::Number,
            story_id: story_ids[d.story].clone(),
            subject: format!("{} ({fact_id})", d.what),
            source_a: source_a.clone(),
            value_a: value_a.clone(),
            source_b: source_b.clone(),
            value_b: value_b.clone(),
            note,
        };
        let counting: Vec<&Item> = d.items.iter().filter(|i| !i.flagged()).collect();
        let range_of = |i: &Item| {
            let (lo, hi) = compared_range(i.q);
            (group_of[i.source], lo, hi)
        };
        let ranges: Vec<(usize, f64, f64)> = counting.iter().map(|i| range_of(i)).collect();
        // The series by date: figures that cannot all hold together but can date by
        // date are an update; a conflict is a disagreement on one date.
        let dated = dates_of(&counting);
        // Each group's own steps: the figures it gave, dated, a superseded one included.
        // Each group's own steps: the figures it gave, dated, a superseded one included
        // (`counting` is `d.items` without the flagged ones, in order).
        let mut next_counting = dated.iter();
        let mut steps = Vec::new();
        for i in &d.items {
            let date = if i.flagged() {
                i.as_of
                    .as_deref()
                    .filter(|_| i.correction == Some(Correction::Superseded))
            } else {
                next_counting.next().copied().flatten()
            };
            if let Some(date) = date {
                steps.push(Step {
                    group: group_of[i.source],
                    range: compared_range(i.q),
                    date,
                    superseded: i.flagged(),
                });
            }
        }
        let steps = series(steps);
        let mut by_date: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
        for (i, date) in counting.iter().zip(&dated) {
            if let Some(date) = date {
                by_date.entry(date).or_default().push(i);
            }
        }
        // A figure a later article still gives after the series moved on is an earlier
        // reading, not a dispute about that day (see [`lagging`]).
        let fresh: BTreeMap<&str, Vec<&Item>> = by_date
            .iter()
            .map(|(date, items)| {
                let lags = lagging(items, &steps, group_of);
                let kept: Vec<&Item> = items
                    .iter()
                    .zip(lags)
                    .filter(|(_, lags)| !lags)
                    .map(|(i, _)| *i)
                    .collect();
                (*date, if kept.is_empty() { items.clone() } else { kept })
            })
            .collect();
        let mut st = if ranges.is_empty() {
            FactStatus::Single
        } else {
            status(&ranges)
        };
        // The latest date given.
        let latest: Option<&str> = by_date.keys().next_back().copied();
        // The scopes whose figures are compared for conflicts: each date, or all.
        let mut scopes: Vec<Vec<&Item>> = vec![counting.clone()];
        if st == FactStatus::Conflict && by_date.len() > 1 {
            let disputed: Vec<(&str, Vec<&Item>)> = fresh
                .iter()
                .filter(|(_, items)| {
                    groups_disagree(&items.iter().map(|i| range_of(i)).collect::<Vec<_>>())
                })
                .map(|(date, items)| (*date, items.clone()))
                .collect();
            if disputed.is_empty() {
                st = FactStatus::Updated;
            }
            scopes = disputed.into_iter().map(|(_, items)| items).collect();
        } else if st != FactStatus::Conflict {
            scopes.clear();
        }
        if st == FactStatus::Consistent && floor_raised(&by_date) {
            st = FactStatus::Updated;
        }
        let disputes = claimant_disputes(&counting);
        if !disputes.is_empty() {
            st = FactStatus::Conflict;
        }
        let best = match (st, latest) {
            (FactStatus::Updated | FactStatus::Conflict, Some(date)) if by_date.len() > 1 => {
                best_estimate(&fresh[date].iter().map(|i| range_of(i)).collect::<Vec<_>>())
            }
            _ => best_estimate(&ranges),
        };
        // The date the fact holds for: a figure that never changed holds from the day it
        // was first given; an updated or disputed one as of its latest date, that of
        // the best estimate.
        let unchanged = match st {
            FactStatus::Agreed | FactStatus::Consistent => true,
            FactStatus::Single => status(&ranges) != FactStatus::Conflict,
            _ => false,
        };
        let as_of = if unchanged {
            by_date.keys().next().copied()
        } else {
            latest
        };
        let sources: BTreeSet<usize> = d.items.iter().map(|i| i.source).collect();
        let groups: BTreeSet<usize> = if counting.is_empty() {
            d.items.iter().map(|i| group_of[i.source]).collect()
        } else {
            counting.iter().map(|i| group_of[i.source]).collect()
        };
        let mut attributed: Vec<String> = Vec::new();
        for i in &d.items {
            if let Some(a) =
                i.q.attributed_to
                    .as_deref()
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                && !attributed.iter().any(|b| same_claimant(b, a))
            {
                attributed.push(a.to_string());
            }
        }
        let first = &d.items[0];
        out.facts.push(Fact {
            fact_id: fact_id.clone(),
            story_id: story_ids[d.story].clone(),
            what: d.what.clone(),
            status: st,
            best_low: best.map(|b| b.0),
            // An open best estimate (`12+`) has no high.
            best_high: best.map(|b| b.1).filter(|h| h.is_finite()),
            values: d
                .items
                .iter()
                .map(|i| {
                    let mark = if i.flagged() { " (retracted)" } else { "" };
                    format!(
                        "{}: {}{mark}",
                        extractions[i.source].document.source_id, i.q.text
                    )
                })
                .collect(),
            sources: sources.len(),
            independent_sources: groups.len(),
            attributed_to: attributed,
            evidence: sentence_text(&extractions[first.source], first.q.sentence),
            as_of: as_of.map(str::to_string),
            kind: first.q.kind,
            unit: first.q.unit.clone(),
            part_of,
        });
        for i in &d.items {
            let x = &extractions[i.source];
            // The evidence must cut out of the clean text exactly; trust the offsets,
            // not the copy of the text in the mention.
            let text = records::char_slice(&x.document.text, i.q.start, i.q.end)
                .unwrap_or(&i.q.text)
                .to_string();
            out.mentions.push(FactMention {
                fact_id: fact_id.clone(),
                source_id: x.document.source_id.clone(),
                text,
                low: i.q.low,
                high: i.q.high,
                unit: i.q.unit.clone(),
                event: i.q.event.clone(),
                attributed_to: i.q.attributed_to.clone(),
                hedged: i.q.hedged,
                retracted: i.flagged(),
                correction: i.correction,
                as_of: i.as_of.clone(),
                sentence: sentence_text(x, i.q.sentence),
                start: i.q.start,
                end: i.q.end,
            });
        }
        // One row per disagreeing group and figure, against the best-supported figure
        // (on the first date in dispute): copies of one report repeat its row no more than they count twice. Each
        // side is shown in the group's first-published source, the one the others copied.
        let published = |i: &Item| {
            let doc = &extractions[i.source].document;
            (
                doc.date.as_deref().and_then(|d| d.get(..10)).unwrap_or(""),
                doc.meta.published.as_deref().unwrap_or(""),
                doc.source_id.as_str(),
                i.q.start,
            )
        };
        let mut seen = BTreeSet::new();
        for scope in &scopes {
            let scope_ranges: Vec<(usize, f64, f64)> = scope.iter().map(|i| range_of(i)).collect();
            let Some((lo, hi, depth)) = best_estimate(&scope_ranges) else {
                continue;
            };
            // Each figure outside the best-supported range against one figure inside it:
            // linear in the mentions, and each row reads as a disagreement with the
            // best-supported value.
            let mut counting: Vec<&Item> = scope.clone();
            counting.sort_by(|a, b| published(a).cmp(&published(b)));
            let inside: Vec<&&Item> = counting
                .iter()
                .filter(|i| overlap(compared_range(i.q), (lo, hi)))
                .collect();
            for out_item in counting
                .iter()
                .filter(|i| !overlap(compared_range(i.q), (lo, hi)))
            {
                let rep = inside
                    .iter()
                    .filter(|i| group_of[i.source] != group_of[out_item.source])
                    .min_by(|a, b| {
                        width(a.q)
                            .total_cmp(&width(b.q))
                            .then(published(a).cmp(&published(b)))
                    });
                let Some(rep) = rep else { continue };
                // The same figure as its group first published it, on whatever date.
                let first_of = |i: &Item| {
                    let r = compared_range(i.q);
                    let g = group_of[i.source];
                    d.items
                        .iter()
                        .filter(|j| {
                            !j.flagged() && group_of[j.source] == g && compared_range(j.q) == r
                        })
                        .min_by(|a, b| published(a).cmp(&published(b)))
                };
                let out_item = first_of(out_item).unwrap_or(out_item);
                let rep = first_of(rep).unwrap_or(rep);
                let (sa, sb) = (
                    &extractions[out_item.source].document.source_id,
                    &extractions[rep.source].document.source_id,
                );
                let (out_lo, out_hi) = compared_range(out_item.q);
                if !seen.insert((
                    group_of[out_item.source],
                    out_lo.to_bits(),
                    out_hi.to_bits(),
                )) {
                    continue;
                }
                out.conflicts.push(number_conflict(
                    (sa, &out_item.q.text),
                    (sb, &rep.q.text),
                    format!(
                        "{} allows {}, {} allows {}: the ranges do not overlap; best estimate {} is supported by {depth} of {} independent groups",
                        out_item.q.text,
                        range_text(compared_range(out_item.q)),
                        rep.q.text,
                        range_text(compared_range(rep.q)),
                        if lo == hi { num(lo) } else { range_text((lo, hi)) },
                        groups.len()
                    ),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for (a, b) in &disputes {
            let source = &extractions[a.source].document.source_id;
            if !seen.insert((a.q.text.clone(), b.q.text.clone())) {
                continue;
            }
            let who = |i: &Item| i.q.attributed_to.clone().unwrap_or_default();
            out.conflicts.push(number_conflict(
                (source, &a.q.text),
                (source, &b.q.text),
                format!(
                    "{} according to {}, {} according to {}: two claims in one source that cannot both hold",
                    a.q.text,
                    who(a),
                    b.q.text,
                    who(b)
                ),
            ));
        }
        out.fact_sources.push(sources);
    }
    out
}
