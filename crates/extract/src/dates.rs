//! Dates: absolute (`January 10, 2022`, `Jan. 10`, `10 January`, `the 7th of January`)
//! and relative (`on Monday`, `last week`, `a week ago`), resolved against the
//! article's own date when it is known.

use crate::text::{Doc, Kind};

/// A date mention in byte offsets.
#[derive(Debug, Clone)]
pub struct DateM {
    /// Byte offset.
    pub s: usize,
    /// End byte offset.
    pub e: usize,
    /// First token.
    pub tok: usize,
    /// Last token (inclusive).
    pub tok_end: usize,
    /// Resolved ISO date (or `YYYY-MM`, `YYYY`).
    pub resolved: Option<String>,
    /// Last day of a resolved span.
    pub resolved_end: Option<String>,
    /// Relative to the article date.
    pub relative: bool,
}

/// Abbreviated month names (the full names are `records::date::MONTHS`).
const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

fn month(w: &str) -> Option<u32> {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let full = records::date::MONTHS.iter().position(|m| *m == w);
    full.map(|n| n as u32 + 1).or_else(|| {
        MONTH_ABBREVIATIONS
            .iter()
            .find(|(m, _)| *m == w)
            .map(|(_, n)| *n)
    })
}

fn weekday(w: &str) -> Option<i64> {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) || !w.ends_with("day") {
        return None;
    }
    records::date::WEEKDAYS
        .iter()
        .position(|m| *m == w)
        .map(|n| n as i64)
}

pub use records::date::{civil_from_days, days_from_civil, iso, parse_day as parse_iso};

/// How many days after the article's own date a timestamp of a live page's update may
/// fall (a live page keeps the date of its first update).
const LIVE_PAGE_DAYS: i64 = 14;

/// Timestamps of a live page's updates: a whole-day date opening a paragraph of a few
/// words of its own (`Mon 21 Oct, 16:05`), as `(token, day)`, in order. Each dates the
/// updates after it, until the next.
pub fn timestamps(d: &Doc<'_>, dates: &[DateM], anchor: Option<&str>) -> Vec<(usize, i64)> {
    let own = anchor.and_then(parse_iso);
    let mut block_len: Vec<usize> = vec![0; d.block_start.len().max(1)];
    for t in &d.toks {
        if let Some(n) = block_len.get_mut(t.block as usize) {
            *n += 1;
        }
    }
    // The date opens its paragraph (after one word at most: `Mon`, `Updated`), names a
    // day of the month (not a weekday, which a headline may carry), and the paragraph
    // is a few words long (a clock time may follow).
    let opens_short_block = |dm: &DateM| {
        let block = d.toks[dm.tok].block as usize;
        let start = d.block_start.get(block).copied().unwrap_or(usize::MAX);
        block_len.get(block).is_some_and(|&n| n <= 8)
            && dm.tok.saturating_sub(start) <= 1
            && weekday(d.t(dm.tok_end)).is_none()
    };
    dates
        .iter()
        .filter(|dm| opens_short_block(dm))
        .filter_map(|dm| {
            let day = dm
                .resolved
                .as_deref()
                .filter(|r| r.len() == 10)
                .and_then(parse_iso)?;
            own.is_none_or(|own| day <= own + LIVE_PAGE_DAYS)
                .then_some((dm.tok, day))
        })
        .collect()
}

/// The date a figure holds for: of the whole-day dates in its sentence (`sa..sb`,
/// tokens) that fall on or before the article's own date (`anchor`), the one nearest
/// the figure's token; else the timestamp of the live-page update it stands in
/// (`stamps`, from [`timestamps`]); else a year before the article's written before it
/// in the sentence; otherwise the article's date. A date after the article's is a plan
/// or a forecast, never the date a figure held for; a date that opens a period (`since
/// Sunday`, `the protests began on 2 May`) is when counting started, and the figure
/// holds for the article's date.
pub fn as_of(
    d: &Doc<'_>,
    dates: &[DateM],
    stamps: &[(usize, i64)],
    (sa, sb): (usize, usize),
    figure: usize,
    anchor: Option<&str>,
) -> Option<String> {
    let own = anchor.and_then(parse_iso);
    let opens_period = |dm: &DateM| {
        (dm.tok.saturating_sub(3)..=dm.tok).any(|k| {
            k >= sa
                && matches!(
                    d.t(k).to_lowercase().as_str(),
                    "since"
                        | "from"
                        | "began"
                        | "begun"
                        | "begin"
                        | "started"
                        | "start"
                        | "erupted"
                        | "broke"
                )
        })
    };
    // Under a live page's timestamp, the update was written that day: a weekday of its
    // text counts back from it, not from the page's first date.
    let stamp = stamps
        .partition_point(|(tok, _)| *tok < figure)
        .checked_sub(1)
        .map(|i| stamps[i].1);
    let written = stamp.or(own);
    dates
        .iter()
        .filter(|dm| dm.tok >= sa && dm.tok_end < sb && !opens_period(dm))
        .filter_map(|dm| {
            let mut day = dm
                .resolved
                .as_deref()
                .filter(|r| r.len() == 10)
                .and_then(parse_iso)?;
            if let (Some(s), Some(wd)) = (stamp, weekday(d.t(dm.tok_end))) {
                day = s - (weekday_of(s) - wd).rem_euclid(7);
            }
            written.is_none_or(|w| day <= w).then_some((
                dm.tok.abs_diff(figure).min(dm.tok_end.abs_diff(figure)),
                day,
            ))
        })
        .min()
        .map(|(_, day)| iso(day))
        .or_else(|| stamp.map(iso))
        .or_else(|| earlier_year(d, (sa, sb), figure, own))
        .or_else(|| own.map(iso))
}

/// A year before the article's, written before the figure in its sentence (`the 1997
/// quake killed about 1,100`, `Floyd in 1999, which killed 35`), or after it in its
/// clause as the time or the name of what happened (`about 1,100 people died in a 1997
/// earthquake`, `more than 300 in twin quakes in 2012`; not `since 2012` nor `from
/// 2012`, where counting starts): the figure is about that earlier event, and holds for
/// that year (`YYYY`). The nearest such year wins.
fn earlier_year(
    d: &Doc<'_>,
    (sa, sb): (usize, usize),
    figure: usize,
    own: Option<i64>,
) -> Option<String> {
    let own_year = civil_from_days(own?).0;
    let year_at = |k: usize| {
        (d.toks[k].kind == Kind::Num)
            .then(|| year_num(d.t(k)))
            .flatten()
            .filter(|&y| y < own_year)
    };
    let before = (sa..figure).rev().find_map(year_at);
    // The figure's own digits (`about 1,100`) are not another figure.
    let own_digits = (figure..(figure + 4).min(sb)).find(|&k| d.toks[k].kind == Kind::Num);
    let after = || {
        (own_digits.unwrap_or(figure) + 1..sb)
            // The clause ends at a stop, and at another figure (`the 40 dead surpass
            // the 35 killed in 2019` dates the 35, not the 40).
            .take_while(|&k| {
                let stop = matches!(d.t(k), "," | ";" | ":" | "—" | "–" | "(" | ".");
                let other_figure = d.toks[k].kind == Kind::Num && year_num(d.t(k)).is_none();
                !stop && !other_figure
            })
            .filter(|&k| k > sa && matches!(d.t(k - 1), "in" | "a" | "an" | "the" | "of"))
            .find_map(year_at)
    };
    before.or_else(after).map(|y| format!("{y:04}"))
}

use records::date::weekday as weekday_of;

fn day_num(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
    if digits.len() > 2 || digits.is_empty() {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_num(w: &str) -> Option<i64> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i64 = w.parse().ok()?;
    (1000..=2199).contains(&y).then_some(y)
}

/// Words that make a weekday point forward from the article date.
const FUTURE_CUES: &[&str] = &[
    "will",
    "expected",
    "due",
    "scheduled",
    "planned",
    "plans",
    "next",
];

/// Two-word future cues, matched as a pair of tokens (`is set to open on Monday`). Not
/// `to be`: `appeared to be returning to normal Monday` reports a day that has passed.
const FUTURE_PAIRS: &[(&str, &str)] = &[("set", "to")];

/// Words right before a weekday that put it in the past whatever else the sentence
/// says (`began Thursday`, `since Sunday`, `earlier on Monday`).
const PAST_CUES: &[&str] = &[
    "began", "begun", "started", "erupted", "broke", "since", "Since", "earlier", "last", "Last",
];

/// Whether a bare weekday at token `k` (no `last`/`next` before it) points forward from
/// the article's date: a future cue (`will`, `due`, `planned`) stands before it in its
/// own clause (`the funeral will be held on Friday`), and no start of a period or past
/// cue stands right before it. A future cue elsewhere in the sentence (`On Thursday,
/// officials said the toll will rise`) says nothing about the weekday, and news reports
/// what happened: the weekday is then the last one on or before the article's date.
fn weekday_ahead(d: &Doc<'_>, k: usize) -> bool {
    let (sa, _) = d.sentence_range(k);
    if (k.saturating_sub(2).max(sa)..k).any(|m| PAST_CUES.contains(&d.t(m))) {
        return false;
    }
    let clause: Vec<&str> = (sa..k)
        .rev()
        .map(|m| d.t(m))
        .take_while(|w| !matches!(*w, "," | ";" | ":" | "—" | "–" | "said" | "says"))
        .collect();
    // `clause` runs backwards from the weekday, so a pair reads (second, first).
    clause.iter().any(|w| FUTURE_CUES.contains(w))
        || clause
            .windows(2)
            .any(|p| FUTURE_PAIRS.contains(&(p[1], p[0])))
}

/// Finds date mentions.
pub fn find(d: &Doc<'_>, anchor: Option<&str>) -> Vec<DateM> {
    let anchor = anchor.and_then(parse_iso);
    let anchor_year = anchor.map(|z| civil_from_days(z).0);
    let n = d.toks.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if d.skip_block[d.toks[k].block as usize] {
            k += 1;
            continue;
        }
        let w = d.t(k);
        let same = |a: usize, b: usize| b < n && d.toks[a].block == d.toks[b].block;
        // Month Day[, Year] / Month Year / Month
        if let Some(m) = month(w) {
            // `May` and `March` are also words: require a day or year next, or a capital
            // mid-sentence with a preposition before.
            let mut j = k;
            if same(k, k + 1) && d.is(k + 1, ".") {
                j = k + 1;
            }
            let mut day = None;
            let mut year = None;
            if same(k, j + 1) && d.toks[j + 1].kind == Kind::Num {
                if let Some(dd) = day_num(d.t(j + 1)) {
                    day = Some(dd);
                    j += 1;
                    if same(k, j + 2) && d.is(j + 1, ",") {
                        if let Some(y) = year_num(d.t(j + 2)) {
                            year = Some(y);
                            j += 2;
                        }
                    } else if same(k, j + 1) {
                        if let Some(y) = year_num(d.t(j + 1)) {
                            year = Some(y);
                            j += 1;
                        }
                    }
                } else if let Some(y) = year_num(d.t(j + 1)) {
                    year = Some(y);
                    j += 1;
                }
            }
            let bare_ok = day.is_none()
                && year.is_none()
                && !matches!(
                    w,
                    "May"
                        | "March"
                        | "Mar"
                        | "Jan"
                        | "Sept"
                        | "Sep"
                        | "Dec"
                        | "Oct"
                        | "Nov"
                        | "Aug"
                        | "Jun"
                        | "Jul"
                        | "Apr"
                        | "Feb"
                )
                && k > 0
                && matches!(
                    d.t(k - 1),
                    "in" | "of"
                        | "since"
                        | "until"
                        | "by"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                );
            if day.is_some() || year.is_some() || bare_ok {
                // `the 7th of January` handled below; here the month comes first.
                let resolved = match (year.or(anchor_year), day) {
                    (Some(y), Some(dd)) => Some(iso(days_from_civil(y, m, dd))),
                    (Some(y), None) => Some(format!("{y:04}-{m:02}")),
                    _ => None,
                };
                let (mut s_tok, mut relative) = (k, year.is_none());
                if k > 0 && matches!(d.t(k - 1), "last" | "next" | "this") {
                    s_tok = k - 1;
                    relative = true;
                }
                let mut end_tok = if j == k + 1 && d.is(j, ".") { k } else { j };
                // `December 21 and 28`, `March 3-5`: a second day of the same month.
                if day.is_some()
                    && year.is_none()
                    && same(k, end_tok + 2)
                    && matches!(d.t(end_tok + 1), "and" | "-" | "–" | "to" | "or")
                    && day_num(d.t(end_tok + 2)).is_some()
                    && d.toks[end_tok + 2].kind == Kind::Num
                {
                    end_tok += 2;
                    j = end_tok;
                }
                out.push(DateM {
                    s: d.toks[s_tok].s,
                    e: d.toks[end_tok].e,
                    tok: s_tok,
                    tok_end: end_tok,
                    resolved,
                    resolved_end: None,
                    relative,
                });
                k = j + 1;
                continue;
            }
        }
        // Day Month [Year], `the 7th of January`
        if d.toks[k].kind == Kind::Num {
            if let Some(dd) = day_num(w) {
                let mut j = k + 1;
                if same(k, j) && d.is(j, "of") {
                    j += 1;
                }
                if same(k, j) {
                    if let Some(m) = month(d.t(j)) {
                        let mut year = None;
                        if same(k, j + 1) {
                            if let Some(y) = year_num(d.t(j + 1)) {
                                year = Some(y);
                                j += 1;
                            }
                        }
                        let s_tok = if k > 0 && d.is(k - 1, "the") && d.t(k).len() > 2 {
                            k - 1
                        } else {
                            k
                        };
                        let resolved = year.or(anchor_year).map(|y| iso(days_from_civil(y, m, dd)));
                        out.push(DateM {
                            s: d.toks[s_tok].s,
                            e: d.toks[j].e,
                            tok: s_tok,
                            tok_end: j,
                            resolved,
                            resolved_end: None,
                            relative: year.is_none(),
                        });
                        k = j + 1;
                        continue;
                    }
                }
            }
            // A year after `in`, `since`, `from`, `to`, `until`, `by`.
            if let Some(y) = year_num(w) {
                if k > 0
                    && matches!(
                        d.t(k - 1),
                        "in" | "since"
                            | "from"
                            | "to"
                            | "until"
                            | "by"
                            | "In"
                            | "Since"
                            | "From"
                            | "early"
                            | "late"
                            | "mid"
                            | "before"
                            | "after"
                    )
                {
                    out.push(DateM {
                        s: d.toks[k].s,
                        e: d.toks[k].e,
                        tok: k,
                        tok_end: k,
                        resolved: Some(format!("{y:04}")),
                        resolved_end: None,
                        relative: false,
                    });
                    k += 1;
                    continue;
                }
            }
        }
        // Weekdays.
        if let Some(wd) = weekday(w) {
            let mut s_tok = k;
            let mut dir = 0i64; // -1 past, 1 future, 0 by tense
            if k > 0 {
                match d.t(k - 1) {
                    "on" | "On" | "since" | "Since" | "later" | "earlier" | "by" | "until"
                    | "from" => s_tok = k - 1,
                    "last" | "Last" => {
                        s_tok = k - 1;
                        dir = -1;
                    }
                    "next" | "Next" | "this" | "This" | "coming" => {
                        s_tok = k - 1;
                        dir = 1;
                    }
                    _ => {}
                }
            }
            if s_tok == k - 1 && matches!(d.t(s_tok), "on" | "On") {
                // keep
            }
            if dir == 0 {
                dir = if weekday_ahead(d, k) { 1 } else { -1 };
            }
            let resolved = anchor.map(|z| {
                let delta = (wd - weekday_of(z)).rem_euclid(7);
                if dir > 0 {
                    iso(z + if delta == 0 { 7 } else { delta })
                } else {
                    iso(z - (7 - delta) % 7)
                }
            });
            out.push(DateM {
                s: d.toks[s_tok].s,
                e: d.toks[k].e,
                tok: s_tok,
                tok_end: k,
                resolved,
                resolved_end: None,
                relative: true,
            });
            k += 1;
            continue;
        }
        // last/this/next week|month|year; yesterday, today, tomorrow; N units ago.
        let lw = [
            "last",
            "this",
            "next",
            "past",
            "yesterday",
            "today",
            "tomorrow",
            "tonight",
        ]
        .into_iter()
        .find(|x| x.eq_ignore_ascii_case(w))
        .unwrap_or("");
        if matches!(lw, "last" | "this" | "next" | "past") && same(k, k + 1) {
            let unit = d.t(k + 1);
            if matches!(unit, "week" | "month" | "year" | "weekend") {
                let (r, re) = match anchor {
                    Some(z) => span_of(z, lw, unit),
                    None => (None, None),
                };
                out.push(DateM {
                    s: d.toks[k].s,
                    e: d.toks[k + 1].e,
                    tok: k,
                    tok_end: k + 1,
                    resolved: r,
                    resolved_end: re,
                    relative: true,
                });
                k += 2;
                continue;
            }
        }
        if matches!(lw, "yesterday" | "today" | "tomorrow" | "tonight") {
            let off = match lw {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            out.push(DateM {
                s: d.toks[k].s,
                e: d.toks[k].e,
                tok: k,
                tok_end: k,
                resolved: anchor.map(|z| iso(z + off)),
                resolved_end: None,
                relative: true,
            });
            k += 1;
            continue;
        }
        if let Some((count, unit_tok)) = count_before_ago(d, k) {
            let unit = d.t(unit_tok).trim_end_matches('s');
            let days = match unit {
                "day" => 1,
                "week" => 7,
                "month" => 30,
                "year" => 365,
                _ => 0,
            };
            if days > 0 {
                let resolved = anchor.map(|z| {
                    if unit == "year" {
                        let (y, m, dd) = civil_from_days(z);
                        iso(days_from_civil(y - count, m, dd))
                    } else {
                        iso(z - count * days)
                    }
                });
                out.push(DateM {
                    s: d.toks[k].s,
                    e: d.toks[unit_tok + 1].e,
                    tok: k,
                    tok_end: unit_tok + 1,
                    resolved,
                    resolved_end: None,
                    relative: true,
                });
                k = unit_tok + 2;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// `a week ago`, `two days ago`, `3 years ago` starting at token `k`: the count and
/// the unit's token.
fn count_before_ago(d: &Doc<'_>, k: usize) -> Option<(i64, usize)> {
    if k + 2 >= d.toks.len() || d.t(k + 2) != "ago" {
        return None;
    }
    let w = d.t(k);
    const SMALL: [&str; 11] = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let count = match SMALL.iter().position(|x| x.eq_ignore_ascii_case(w)) {
        Some(p) => (p as i64).max(1),
        None if w.eq_ignore_ascii_case("an") => 1,
        None => w.parse().ok()?,
    };
    if d.toks[k + 1].kind == Kind::Word {
        Some((count, k + 1))
    } else {
        None
    }
}

/// Resolves `last week` and the like to its first and last day.
fn span_of(z: i64, which: &str, unit: &str) -> (Option<String>, Option<String>) {
    match unit {
        "week" | "weekend" => {
            let monday = z - weekday_of(z);
            let start = match which {
                "last" | "past" => monday - 7,
                "next" => monday + 7,
                _ => monday,
            };
            if unit == "weekend" {
                (Some(iso(start + 5)), Some(iso(start + 6)))
            } else {
                (Some(iso(start)), Some(iso(start + 6)))
            }
        }
        "month" => {
            let (y, m, _) = civil_from_days(z);
            let (y2, m2) = match which {
                "last" | "past" => {
                    if m == 1 {
                        (y - 1, 12)
                    } else {
                        (y, m - 1)
                    }
                }
                "next" => {
                    if m == 12 {
                        (y + 1, 1)
                    } else {
                        (y, m + 1)
                    }
                }
                _ => (y, m),
            };
            (Some(format!("{y2:04}-{m2:02}")), None)
        }
        _ => {
            let (y, _, _) = civil_from_days(z);
            let y2 = match which {
                "last" | "past" => y - 1,
                "next" => y + 1,
                _ => y,
            };
            (Some(format!("{y2:04}")), None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-1000, 0, 19000, 19002, 30000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(parse_iso("2022-01-10"), Some(days_from_civil(2022, 1, 10)));
        assert_eq!(
            weekday_of(days_from_civil(2022, 1, 10)),
            0,
            "10 January 2022 was a Monday"
        );
    }
}
