//! Corrections: which figures the text itself says no longer stand, and how
//! (withdrawn, denied, corrected, superseded). Runs once over a document's figures,
//! after they are all found, because the cue often sits after the figure or in the
//! next sentence (`... said 400 had died. That figure was later retracted.`), and an
//! article that withdraws a figure once withdraws it wherever it repeats it.
//!
//! The rules, in the order they claim a figure (a figure keeps the first flag):
//! 1. an editor's note (`an earlier version of this article misstated ... as N`): the
//!    figures before the right one (`; it was M`, `the correct figure is M`) are
//!    corrected;
//! 2. a withdrawal or denial verb tied to a figure noun: the figure after it
//!    (`retracted a statement that said N`, `denied ever giving a figure of N`), or,
//!    passive or with the noun as object (`a figure of N ... was later retracted`,
//!    `withdrew that statement`), the figure before it in the sentence, else the last
//!    one of the sentence before when a demonstrative points back (`that figure`);
//! 3. a later restatement (`they later said the figure was M`): the figure before;
//! 4. a revision (`revised down from N to M`, `raised the toll to M from N`): N is
//!    superseded, M stays;
//! 5. an earlier value of the same count given hours or days ago (`up from N this
//!    morning`, `down from N on Sunday`), never a year-on-year comparison (`down from
//!    N a year earlier`);
//! 6. a figure named as given before (`an earlier figure of N`, `the figure of N it
//!    gave on Thursday`, `had given a figure of N`);
//! 7. the same value of the same thing elsewhere in the article takes the flag;
//! 8. on a live page (updates under timestamps, see [`crate::dates::timestamps`]), a
//!    count of one series (what is counted, the event, not a part) given in an update
//!    older than the series' latest one, with another value, is superseded by it.
//!
//! Every cue is tied to a figure noun or a figure in a fixed slot, so `withdrew from
//! the talks` or `denied the charges` flag nothing.

use std::borrow::Cow;

use records::{Correction, QuantityKind};

use crate::quantities::Qty;
use crate::text::Doc;

/// Verbs by which whoever gave a figure withdraws it.
const WITHDRAW: &[&str] = &[
    "retract",
    "retracts",
    "retracted",
    "retracting",
    "withdraw",
    "withdraws",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "rescind",
    "rescinds",
    "rescinded",
    "disown",
    "disowns",
    "disowned",
    "disavow",
    "disavows",
    "disavowed",
];
/// Two-word withdrawals.
const WITHDRAW_PAIRS: &[(&str, &str)] = &[
    ("walked", "back"),
    ("walks", "back"),
    ("took", "back"),
    ("takes", "back"),
];
/// Verbs by which the supposed giver denies the figure.
const DENY: &[&str] = &["deny", "denies", "denied", "denying"];
/// After `never`: the supposed giver says it never gave the figure (`never released a toll`).
const NEVER_GAVE: &[&str] = &[
    "gave",
    "given",
    "give",
    "released",
    "release",
    "published",
    "publish",
    "issued",
    "issue",
    "provided",
    "announced",
];
/// Verbs that put a wrong figure right (`that figure was later corrected to 51`).
const CORRECT: &[&str] = &["corrected", "amended"];
/// Nouns for a figure, or for the statement that carried it.
const FIGURE_NOUNS: &[&str] = &[
    "figure",
    "figures",
    "number",
    "numbers",
    "toll",
    "count",
    "tally",
    "estimate",
    "estimates",
    "statement",
    "statements",
    "claim",
    "claims",
    "data",
    "total",
    "report",
    "declaration",
    "announcement",
];
/// Words that point back to a figure already given (`that figure`, `her statement`).
const POINTERS: &[&str] = &[
    "this", "that", "these", "those", "the", "its", "his", "her", "their",
];
/// Auxiliaries of a passive (`was retracted`), possibly with one adverb between.
const PASSIVE: &[&str] = &["was", "were", "been", "be", "is", "are", "being"];
const ADVERBS: &[&str] = &[
    "later",
    "since",
    "then",
    "never",
    "subsequently",
    "quickly",
    "also",
    "swiftly",
    "promptly",
];
/// An editor's note: one of these phrases in the sentence.
const NOTE_PHRASES: &[&[&str]] = &[
    &["earlier", "version"],
    &["previous", "version"],
    &["misstated"],
    &["misreported"],
    &["misquoted"],
    &["incorrectly", "stated"],
    &["incorrectly", "said"],
    &["incorrectly", "reported"],
    &["mistakenly", "said"],
    &["mistakenly", "reported"],
    &["wrongly", "said"],
    &["wrongly", "stated"],
    &["wrongly", "reported"],
    &["erroneously", "reported"],
];
/// Where the right figure starts in an editor's note.
const NOTE_END: &[&str] = &[";", "correct", "actually", "should", "rather", "instead"];
/// `later` and its kin, before a restatement (`later said the figure was 14`).
const LATER: &[&str] = &["later", "subsequently"];
/// Verbs of a restatement after `later`, and whether it corrects (said) or revises.
const RESTATE: &[(&str, Correction)] = &[
    ("said", Correction::Corrected),
    ("stated", Correction::Corrected),
    ("told", Correction::Corrected),
    ("put", Correction::Corrected),
    ("gave", Correction::Corrected),
    ("corrected", Correction::Corrected),
    ("revised", Correction::Superseded),
    ("raised", Correction::Superseded),
    ("lowered", Correction::Superseded),
    ("updated", Correction::Superseded),
];
/// Verbs of revising a figure: with `from N`, N is the old value.
const REVISE: &[&str] = &[
    "revised",
    "revises",
    "revise",
    "revising",
    "raised",
    "lowered",
    "downgraded",
    "upgraded",
    "updated",
    "corrected",
    "amended",
];
/// Verbs of a change in a figure (`rose by 5%`, `fell from 12% to 9%`): the figure
/// after `by` is the change, not a count; `from N to M` is two values, not a range.
pub(crate) const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "increased",
    "increase",
    "increases",
    "grew",
    "grown",
    "grows",
    "climbed",
    "climbs",
    "jumped",
    "jumps",
    "surged",
    "soared",
    "gained",
    "fell",
    "fallen",
    "fall",
    "falls",
    "dropped",
    "drops",
    "declined",
    "declines",
    "decreased",
    "decreases",
    "slipped",
    "slumped",
    "shrank",
    "shrunk",
    "up",
    "down",
];

/// Lead-ins to an earlier value of the same count (`up from N`, `compared with N`).
const EARLIER_LEADS: &[&[&str]] = &[
    &["up", "from"],
    &["down", "from"],
    &[",", "from"],
    &["compared", "with"],
    &["compared", "to"],
];
/// After an earlier value: a time that says it is hours or days old.
const RECENT: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "yesterday",
    "earlier",
    "today",
    "peak",
    "hours",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// After an earlier value: a period, so a comparison with last year's figure, not an update.
const PERIOD: &[&str] = &[
    "year", "years", "quarter", "quarters", "month", "months", "period", "season", "decade",
];
/// Before a figure noun: the figure was given before (`an earlier figure of N`).
const EARLIER: &[&str] = &[
    "earlier", "previous", "initial", "original", "early", "old", "prior", "former", "first",
];
/// Verbs of giving a figure, for `the figure of N it gave on Thursday`, `had given a figure of N`.
const GAVE: &[&str] = &[
    "gave",
    "given",
    "provided",
    "released",
    "issued",
    "reported",
    "announced",
    "published",
    "cited",
];

/// Sets `correction` on the figures the text says no longer stand. `stamps` are the
/// live page's update timestamps (`(token, day)`, from [`crate::dates::timestamps`]).
pub fn mark(d: &Doc<'_>, qs: &mut [Qty], stamps: &[(usize, i64)]) {
    let nsent = d.sent_start.len();
    // Figures a rule may reach back or forward to, and figures in a fixed slot
    // (`a figure of 140`), where a bare number is a figure too.
    let mut by_sent: Vec<Vec<usize>> = vec![Vec::new(); nsent];
    let mut slotted: Vec<Vec<usize>> = vec![Vec::new(); nsent];
    for (i, q) in qs.iter().enumerate() {
        if candidate(q) {
            by_sent[d.toks[q.tok].sent as usize].push(i);
        }
        if q.kind != QuantityKind::Year {
            slotted[d.toks[q.tok].sent as usize].push(i);
        }
    }
    let mut flags: Vec<Option<Correction>> = vec![None; qs.len()];
    let mut set = |i: usize, c: Correction| {
        if flags[i].is_none() {
            flags[i] = Some(c);
        }
    };
    for s in 0..nsent {
        let (a, b) = (
            d.sent_start[s],
            d.sent_start.get(s + 1).copied().unwrap_or(d.toks.len()),
        );
        // Every rule flags a figure of this sentence or of the two before it: a sentence
        // with none in reach is skipped before its words are read (most sentences).
        let in_reach = |p: usize| !by_sent[p].is_empty() || !slotted[p].is_empty();
        if a >= b || !(s.saturating_sub(2)..=s).any(in_reach) {
            continue;
        }
        // Lower case, copied only where a word has a capital (most have none).
        let words: Vec<Cow<'_, str>> = (a..b)
            .map(|i| {
                let t = d.t(i);
                if t.bytes().any(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
                    Cow::Owned(t.to_lowercase())
                } else {
                    Cow::Borrowed(t)
                }
            })
            .collect();
        let w = |i: usize| -> &str { if i >= a && i < b { &words[i - a] } else { "" } };
        let is = |i: usize, table: &[&str]| table.contains(&w(i));
        let here = &by_sent[s];
        let slot = &slotted[s];
        // The last figure of the nearest of the two sentences before.
        let before_sentence = || {
            (1..=2)
                .filter_map(|k| s.checked_sub(k))
                .find_map(|p| by_sent[p].last().copied())
        };
        let last_before = |c: usize| here.iter().rev().copied().find(|&i| qs[i].tok < c);

        // 1. An editor's note.
        if let Some(cue) = (a..b).find(|&i| {
            NOTE_PHRASES
                .iter()
                .any(|p| p.iter().enumerate().all(|(k, x)| w(i + k) == *x))
        }) {
            let cut = (cue..b).find(|&i| is(i, NOTE_END)).unwrap_or(b);
            for &i in here.iter().filter(|&&i| qs[i].tok < cut) {
                set(i, Correction::Corrected);
            }
        }

        // 2. Withdrawals, denials, corrections of a given figure.
        for c in a..b {
            let (kind, len) = if is(c, WITHDRAW) && w(c + 1) != "from" {
                (Correction::Retracted, 1)
            } else if WITHDRAW_PAIRS
                .iter()
                .any(|(x, y)| w(c) == *x && w(c + 1) == *y)
            {
                (Correction::Retracted, 2)
            } else if is(c, DENY) {
                (Correction::Denied, 1)
            } else if w(c) == "never" && is(c + 1, NEVER_GAVE) {
                (Correction::Denied, 2)
            } else if is(c, CORRECT) {
                (Correction::Corrected, 1)
            } else {
                continue;
            };
            let passive = (c > a && is(c - 1, PASSIVE))
                || (c > a + 1 && is(c - 2, PASSIVE) && is(c - 1, ADVERBS));
            let after = c + len;
            // The object follows: the first figure after a figure noun (`retracted a
            // statement that said N`, `denied ever giving a figure of N`).
            // `one of its ministers` names who gave it, not the figure.
            let forward = (!passive)
                .then(|| {
                    slot.iter().copied().find(|&i| {
                        qs[i].tok >= after
                            && qs[i].tok - after <= 12
                            && (after..qs[i].tok).any(|k| is(k, FIGURE_NOUNS))
                            && !(qs[i].low == 1.0 && w(qs[i].tok + 1) == "of")
                    })
                })
                .flatten();
            if let Some(i) = forward {
                set(i, kind);
                continue;
            }
            // The figure comes before: passive with a figure noun before the cue, or a
            // figure noun as the object right after it (`withdrew that statement`).
            let noun_before = passive && (a..c).any(|k| is(k, FIGURE_NOUNS));
            let pointer_after = (after..(after + 4).min(b))
                .any(|k| is(k, FIGURE_NOUNS) && k > a && is(k - 1, POINTERS));
            let noun_after = (after..(after + 4).min(b)).any(|k| is(k, FIGURE_NOUNS));
            if !(noun_before || noun_after) {
                continue;
            }
            if let Some(i) = last_before(c) {
                set(i, kind);
            } else if pointer_after
                || (passive && (a..c).any(|k| is(k, FIGURE_NOUNS) && k > a && is(k - 1, POINTERS)))
            {
                if let Some(i) = before_sentence() {
                    set(i, kind);
                }
            }
        }

        // 3. A later restatement: `they later said the figure was 14`.
        for l in a..b {
            if !is(l, LATER) {
                continue;
            }
            let Some(kind) = (l + 1..(l + 3).min(b))
                .find_map(|k| RESTATE.iter().find(|(v, _)| w(k) == *v).map(|(_, c)| *c))
            else {
                continue;
            };
            // `the figure`, or with one word between (`the exact number`, `the new toll`).
            let pointed = (l + 1..(l + 6).min(b)).find(|&k| {
                is(k, FIGURE_NOUNS) && (is(k - 1, POINTERS) || (k > l + 2 && is(k - 2, POINTERS)))
            });
            let Some(n) = pointed else { continue };
            // The new value may be a bare number (`the figure was 7`): any figure counts.
            if !qs.iter().any(|q| q.tok > n && q.tok < b) {
                continue;
            }
            if let Some(i) = last_before(l).or_else(before_sentence) {
                set(i, kind);
            }
        }

        // 4. A revision: `from N` in a sentence with a revising verb. A change of a
        // price or a rate (`rose from 210 to 380`) is two values, neither withdrawn.
        if (a..b).any(|k| is(k, REVISE)) {
            for f in (a..b).filter(|&k| w(k) == "from") {
                if let Some(i) = slot
                    .iter()
                    .copied()
                    .find(|&i| qs[i].tok > f && qs[i].tok - f <= 3)
                {
                    set(i, Correction::Superseded);
                }
            }
        }

        // 5. An earlier value of the same count, hours or days old.
        for p in a..b {
            let Some(lead) = EARLIER_LEADS
                .iter()
                .find(|l| l.iter().enumerate().all(|(k, x)| w(p + k) == *x))
            else {
                continue;
            };
            let end = p + lead.len();
            let Some(i) = slot
                .iter()
                .copied()
                .find(|&i| qs[i].tok >= end && qs[i].tok - end <= 2)
            else {
                continue;
            };
            let mut recent = false;
            for k in qs[i].last_tok + 1..(qs[i].last_tok + 7).min(b) {
                if matches!(w(k), "," | ";" | "." | "to") || is(k, PERIOD) {
                    break;
                }
                if is(k, RECENT) {
                    recent = true;
                    break;
                }
            }
            if recent {
                set(i, Correction::Superseded);
            }
        }

        // 6. A figure named as given before.
        for n in (a..b).filter(|&k| is(k, FIGURE_NOUNS) && w(k + 1) == "of") {
            let Some(i) = slot
                .iter()
                .copied()
                .find(|&i| qs[i].tok > n + 1 && qs[i].tok - (n + 1) <= 3)
            else {
                continue;
            };
            let named_earlier = (n.saturating_sub(2).max(a)..n).any(|k| is(k, EARLIER));
            let had_given =
                (n.saturating_sub(3).max(a)..n).any(|k| w(k) == "had" && is(k + 1, GAVE));
            let gave_after = (qs[i].last_tok + 1..(qs[i].last_tok + 5).min(b)).any(|k| is(k, GAVE));
            if named_earlier || had_given || gave_after {
                set(i, Correction::Superseded);
            }
        }
    }

    // 7. The same value of the same thing elsewhere in the article.
    let flagged: Vec<(usize, Correction)> = flags
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|c| (i, c)))
        .collect();
    for j in 0..qs.len() {
        if flags[j].is_some() || !candidate(&qs[j]) {
            continue;
        }
        if let Some(&(_, c)) = flagged.iter().find(|&&(i, _)| same_figure(&qs[i], &qs[j])) {
            flags[j] = Some(c);
        }
    }
    // 8. Older updates of a live page.
    live_superseded(d, qs, stamps, &mut flags);
    for (q, f) in qs.iter_mut().zip(flags) {
        q.correction = f;
    }
}

/// A clock time (`19:40`, `7.05`) among the few tokens after a live page's timestamp,
/// in minutes.
fn clock_after(d: &Doc<'_>, tok: usize) -> Option<i64> {
    let block = d.toks.get(tok)?.block;
    let mut k = tok;
    while k < d.toks.len() && d.toks[k].block == block && k < tok + 10 {
        let t = d.t(k);
        let (h, m) = if let Some((h, m)) = t.split_once([':', '.']) {
            (h, m)
        } else if matches!(d.t(k + 1), ":" | ".") && k + 2 < d.toks.len() {
            (t, d.t(k + 2))
        } else {
            k += 1;
            continue;
        };
        if let (Ok(h), Ok(m)) = (h.parse::<i64>(), m.parse::<i64>()) {
            if h < 24 && m < 60 && m.to_string().len() <= 2 {
                return Some(h * 60 + m);
            }
        }
        k += 1;
    }
    None
}

/// Rule 8: on a page of timestamped updates, the latest update giving a count of a
/// series (counted noun, event, not a part) holds; the same series given with another
/// value in an older update is superseded. The updates are ordered by day and clock
/// time, else by their order on the page (newest first unless the days rise).
fn live_superseded(
    d: &Doc<'_>,
    qs: &[Qty],
    stamps: &[(usize, i64)],
    flags: &mut [Option<Correction>],
) {
    if stamps.len() < 2 {
        return;
    }
    let oldest_first = stamps[0].1 < stamps[stamps.len() - 1].1;
    let rank: Vec<(i64, i64, i64)> = stamps
        .iter()
        .enumerate()
        .map(|(n, &(tok, day))| {
            let order = if oldest_first { n as i64 } else { -(n as i64) };
            (day, clock_after(d, tok).unwrap_or(-1), order)
        })
        .collect();
    // The update a figure stands in: the last timestamp before it.
    let entry = |q: &Qty| stamps.iter().rposition(|&(tok, _)| tok <= q.tok);
    fn series(q: &Qty) -> Option<(Option<&str>, Option<&str>)> {
        (q.kind == QuantityKind::Count && q.event.is_some() && q.part_of.is_none() && !q.negated)
            .then_some((q.counted.as_deref(), q.event.as_deref()))
    }
    for (i, q) in qs.iter().enumerate() {
        let (Some(key), Some(e)) = (series(q), entry(q)) else {
            continue;
        };
        if flags[i].is_some() {
            continue;
        }
        // The figures of the same series in a later update, if any.
        let later: Vec<&Qty> = qs
            .iter()
            .filter(|o| series(o) == Some(key))
            .filter(|o| entry(o).is_some_and(|f| rank[f] > rank[e]))
            .collect();
        let Some(latest) = later
            .iter()
            .filter_map(|o| entry(o))
            .max_by(|&a, &b| rank[a].cmp(&rank[b]))
        else {
            continue;
        };
        let same_value = later
            .iter()
            .filter(|o| entry(o) == Some(latest))
            .any(|o| o.low == q.low && o.high == q.high);
        if !same_value {
            flags[i] = Some(Correction::Superseded);
        }
    }
}

/// Figures that can be withdrawn: counts, shares, sums and measures (not years, ages,
/// durations or bare numbers).
fn candidate(q: &Qty) -> bool {
    matches!(
        q.kind,
        QuantityKind::Count | QuantityKind::Percent | QuantityKind::Money | QuantityKind::Measure
    )
}

/// The same value of the same thing: one interval, one kind and unit, and no
/// different noun or event.
fn same_figure(x: &Qty, y: &Qty) -> bool {
    let agree = |p: &Option<String>, q: &Option<String>| p.is_none() || q.is_none() || p == q;
    x.kind == y.kind
        && x.unit == y.unit
        && x.low == y.low
        && x.high == y.high
        && agree(&x.counted, &y.counted)
        && agree(&x.event, &y.event)
}
