//! Quantities: digits, number words and vague amounts, widened into intervals by
//! their qualifiers (see [`crate::intervals`]), typed (count, percent, money, measure,
//! age, year, duration), and for counts: what is counted, the event, who says so,
//! hedges, negation, part-of and the date the figure holds for.

use records::{Correction, EntityType, QuantityKind};

use crate::dates::DateM;
use crate::entities::Ent;
use std::sync::OnceLock;

use crate::intervals::{QUALIFIERS, Rule, VAGUE, apply};
use crate::lexicon::{HEDGES, Lexicon, MULTIPLIERS, Set, lexicon};
use crate::speaker::{Speaker, according_np, is_source, np_after, subject_before};
use crate::text::{Doc, Kind};

/// A quantity mention in byte offsets.
#[derive(Debug, Clone)]
pub struct Qty {
    pub s: usize,
    pub e: usize,
    pub tok: usize,
    /// Last token of the figure and its counted noun.
    pub last_tok: usize,
    pub kind: QuantityKind,
    pub low: f64,
    pub high: f64,
    pub exact: bool,
    pub unit: Option<String>,
    /// What is counted (counts) or what the figure is of (percentages, money,
    /// measures: see [`MEASURED`]).
    pub counted: Option<String>,
    /// Class of the counted noun (see [`CLASSES`]).
    pub class: Option<String>,
    /// Whose figure it is (see [`holder_of`]).
    pub holder: Option<String>,
    pub event: Option<String>,
    pub attributed_to: Option<String>,
    pub hedged: bool,
    pub negated: bool,
    /// Set by [`crate::corrections::mark`], after every figure of the document is found.
    pub correction: Option<Correction>,
    pub part_of: Option<usize>,
    pub as_of: Option<String>,
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

fn word_value(w: &str) -> Option<f64> {
    NUMBER_WORDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|(_, v)| *v)
        .or_else(|| {
            // `twenty-five`
            let (a, b) = w.split_once('-')?;
            let tens = NUMBER_WORDS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(a))?
                .1;
            let ones = NUMBER_WORDS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(b))?
                .1;
            (tens >= 20.0 && ones < 10.0).then_some(tens + ones)
        })
}

fn scale_value(w: &str) -> Option<f64> {
    SCALES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|(_, v)| *v)
}

/// A parsed number: its interval, last token, and how it was written.
#[derive(Debug, Clone, Copy)]
struct Core {
    lo: f64,
    hi: f64,
    end: usize,
    /// Written with digits.
    digits: bool,
    /// A vague amount (`dozens`).
    vague: bool,
    /// Plain integer with no separators (candidate year).
    plain_int: bool,
    /// A number word fused to a noun (`six-storey`): an attribute, never a head count.
    fused: bool,
}

/// Words a number-word or vague amount can start with, lower case: anything else is
/// skipped before the tables are tried.
fn may_start_number(w: &str) -> bool {
    static FIRST: OnceLock<Set<String>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut set: Set<String> = Set::default();
        for (p, _, _) in VAGUE {
            set.insert(p.split(' ').next().unwrap_or_default().to_string());
        }
        for (n, _) in NUMBER_WORDS.iter().chain(SCALES) {
            set.insert(n.to_string());
        }
        set.insert("a".into());
        set.insert("an".into());
        set
    });
    let head = w.split(['-', '‑']).next().unwrap_or(w);
    if head.len() > 12 {
        return false;
    }
    if head.bytes().all(|b| b.is_ascii_lowercase()) {
        return first.contains(head);
    }
    // Lower-case into a stack buffer: no allocation per capitalised word.
    let mut buf = [0u8; 12];
    for (o, b) in buf.iter_mut().zip(head.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..head.len()]).is_ok_and(|l| first.contains(l))
}

/// The qualifier table split into words once.
fn qualifiers() -> &'static [(Vec<&'static str>, Rule)] {
    static Q: OnceLock<Vec<(Vec<&'static str>, Rule)>> = OnceLock::new();
    Q.get_or_init(|| {
        QUALIFIERS
            .iter()
            .map(|(q, r)| (q.split(' ').collect(), *r))
            .collect()
    })
}

/// The vague-amount table split into words once.
fn vague() -> &'static [(Vec<&'static str>, f64, f64)] {
    static V: OnceLock<Vec<(Vec<&'static str>, f64, f64)>> = OnceLock::new();
    V.get_or_init(|| {
        VAGUE
            .iter()
            .map(|(p, lo, hi)| (p.split(' ').collect(), *lo, *hi))
            .collect()
    })
}

fn matches_words(d: &Doc<'_>, k: usize, words: &[&str]) -> Option<usize> {
    let mut m = k;
    for (i, w) in words.iter().enumerate() {
        if m >= d.toks.len()
            || (i > 0 && d.toks[m].block != d.toks[k].block)
            || !d.t(m).eq_ignore_ascii_case(w)
        {
            return None;
        }
        m += 1;
    }
    Some(m - 1)
}

fn matches_phrase(d: &Doc<'_>, k: usize, phrase: &str) -> Option<usize> {
    let mut m = k;
    for (i, w) in phrase.split(' ').enumerate() {
        if m >= d.toks.len()
            || (i > 0 && d.toks[m].block != d.toks[k].block)
            || !d.t(m).eq_ignore_ascii_case(w)
        {
            return None;
        }
        m += 1;
    }
    Some(m - 1)
}

fn parse_core(d: &Doc<'_>, k: usize) -> Option<Core> {
    let n = d.toks.len();
    let w = d.t(k);
    let tk = d.toks[k].kind;
    if tk == Kind::Num {
        if w.ends_with(|c: char| c.is_alphabetic()) {
            return None; // ordinal
        }
        let v: f64 = w.replace(',', "").parse().ok()?;
        let plain_int = !w.contains([',', '.']);
        let mut end = k;
        let mut val = v;
        if k + 1 < n && d.toks[k + 1].kind == Kind::Word {
            let nx = d.t(k + 1);
            if let Some((_, mul)) = MULTIPLIERS.iter().find(|(m, _)| {
                if m.len() <= 2 {
                    *m == nx && !d.toks[k + 1].sp_before
                } else {
                    m.eq_ignore_ascii_case(nx)
                }
            }) {
                val *= mul;
                end = k + 1;
            }
        }
        return Some(Core {
            lo: val,
            hi: val,
            end,
            digits: true,
            vague: false,
            plain_int: plain_int && end == k,
            fused: false,
        });
    }
    if tk != Kind::Word || !may_start_number(w) {
        return None;
    }
    // Vague phrases, longest first.
    let mut best: Option<(usize, f64, f64)> = None;
    for (phrase, lo, hi) in vague() {
        if !phrase[0].eq_ignore_ascii_case(w) {
            continue;
        }
        if let Some(end) = matches_words(d, k, phrase) {
            if best.is_none_or(|(e, _, _)| end > e) {
                best = Some((end, *lo, *hi));
            }
        }
    }
    if let Some((end, lo, hi)) = best {
        let phrase_is_tens = d.t(k).eq_ignore_ascii_case("tens") && end == k;
        if !phrase_is_tens || (k + 1 < n && matches!(d.t(k + 1), "of" | "to")) {
            return Some(Core {
                lo,
                hi,
                end,
                digits: false,
                vague: true,
                plain_int: false,
                fused: false,
            });
        }
    }
    // `five-day`, `six-storey`: a number word fused to what it measures.
    if let Some((head, rest)) = w.split_once('-') {
        if let Some(v) = word_value(head) {
            if word_value(w).is_none() && rest.chars().next().is_some_and(char::is_alphabetic) {
                return Some(Core {
                    lo: v,
                    hi: v,
                    end: k,
                    digits: false,
                    vague: false,
                    plain_int: false,
                    fused: true,
                });
            }
        }
    }
    // Number words: `sixteen`, `two thousand and thirty`, `a hundred`.
    let mut total = 0.0;
    let mut current = 0.0;
    let mut m = k;
    let mut any = false;
    let mut end = k;
    if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
        && k + 1 < n
        && scale_value(d.t(k + 1)).is_some()
    {
        current = 1.0;
        m = k + 1;
    }
    while m < n && d.toks[m].block == d.toks[k].block {
        let t = d.t(m);
        if let Some(v) = word_value(t) {
            current += v;
            any = true;
            end = m;
        } else if let Some(s) = scale_value(t) {
            if !any && current == 0.0 {
                break;
            }
            if s >= 1000.0 {
                total += current.max(1.0) * s;
                current = 0.0;
            } else {
                current = current.max(1.0) * s;
            }
            any = true;
            end = m;
        } else if t == "and" && any && m + 1 < n && word_value(d.t(m + 1)).is_some() && end == m - 1
        {
            // `two thousand and thirty`
        } else {
            break;
        }
        m += 1;
    }
    if any {
        let v = total + current;
        return Some(Core {
            lo: v,
            hi: v,
            end,
            digits: false,
            vague: false,
            plain_int: false,
            fused: false,
        });
    }
    None
}

/// Words that end the search for a counted noun.
const STOP: &[&str] = &[
    "were", "was", "had", "have", "has", "are", "is", "been", "be", "will", "would", "could",
    "may", "in", "on", "at", "from", "to", "across", "during", "after", "since", "by", "for",
    "with", "who", "which", "that", "and", "or", "but", "as", "than", "into", "over", "under",
    "per", "a", "an", "this", "these", "their", "its", "his", "her", "not", "also", "ago", "old",
];

/// What is counted after token `j`: the normalised noun, and the token it ends at.
fn counted_after(d: &Doc<'_>, lex: &Lexicon, j: usize) -> Option<(String, usize)> {
    let n = d.toks.len();
    let (_, z) = d.sentence_range(j);
    let mut pos = j + 1;
    if pos < z && d.t(pos) == "of" {
        pos += 1;
    }
    if pos < z
        && matches!(
            d.t(pos),
            "the" | "its" | "their" | "his" | "her" | "our" | "these" | "those"
        )
    {
        pos += 1;
    }
    let mut fallback: Option<(String, usize)> = None;
    let limit = (pos + 6).min(z).min(n);
    while pos < limit {
        let t = d.t(pos);
        if matches!(t, "“" | "”" | "\"" | "‘" | "’") {
            pos += 1;
            continue;
        }
        if d.toks[pos].kind != Kind::Word {
            break;
        }
        if pos + 1 < limit {
            let two = d.span(pos, pos + 1);
            if let Some(c) = lex.counted.get(two) {
                return Some((c.to_string(), pos + 1));
            }
        }
        if let Some(c) = lex.counted.get(t) {
            // `members of security forces`: the group named after `of` says more.
            if (t == "members" || t == "units") && pos + 2 < z && d.t(pos + 1) == "of" {
                if let Some(inner) = counted_after(d, lex, pos) {
                    return Some(inner);
                }
            }
            return Some((c.to_string(), pos));
        }
        if STOP.contains(&t) || lex.events.contains_key(t) || lex.time_units.contains_key(t) {
            break;
        }
        if t.len() > 3
            && t.ends_with('s')
            && !d.cap(pos)
            && !t.ends_with("ss")
            && !t.ends_with("ous")
        {
            fallback = Some((t.to_string(), pos));
        }
        pos += 1;
    }
    fallback
}

/// Event word at token `m` (trying multiword keys first): the event and its last token.
fn event_at(d: &Doc<'_>, lex: &Lexicon, m: usize, limit: usize) -> Option<(&'static str, usize)> {
    // `found not guilty`: a negation before the word may make another predicate.
    if m > 0 && d.t(m - 1).eq_ignore_ascii_case("not") {
        if let Some(e) = lex.events.get(d.span(m - 1, m)) {
            return Some((e, m));
        }
    }
    for len in [4usize, 3, 2] {
        if m + len - 1 < limit {
            let s = d.span(m, m + len - 1);
            if let Some(e) = lex.events.get(s) {
                return Some((e, m + len - 1));
            }
        }
    }
    lex.events.get(d.t(m)).map(|e| (*e, m))
}

/// Finds quantities; `anchor` is the article's own date (ISO), which a figure holds
/// for unless its sentence dates it.
pub fn find(d: &Doc<'_>, ents: &[Ent], dates: &[DateM], anchor: Option<&str>) -> Vec<Qty> {
    let lex = lexicon();
    let n = d.toks.len();
    let stamps = crate::dates::timestamps(d, dates, anchor);
    let mut in_date = vec![false; n];
    for dm in dates {
        // `30 years ago` is a date and a duration.
        if d.t(dm.tok_end) == "ago" {
            continue;
        }
        for f in in_date.iter_mut().take(dm.tok_end + 1).skip(dm.tok) {
            *f = true;
        }
    }
    // First pass: numbers with their qualifiers and ranges.
    // Each figure: first and last token, value, qualifier, and whether it is a span of
    // two vague amounts (`tens to thousands of troops`, `hundreds to thousands`): the
    // scale of something, not a count of it.
    let mut found: Vec<(usize, usize, Core, Option<Rule>, bool)> = Vec::new();
    let mut k = 0;
    while k < n {
        if in_date[k] || d.skip_block[d.toks[k].block as usize] {
            k += 1;
            continue;
        }
        let Some(mut core) = parse_core(d, k) else {
            k += 1;
            continue;
        };
        let mut start = k;
        // Ranges: `between 200 and 300`, `200 to 300`, `200-300`, `two or three`.
        let mut end = core.end;
        let mut scale = false;
        if end + 2 < n {
            let sep = d.t(end + 1);
            let cur_before = k > 0
                && d.toks[k - 1].kind == Kind::Punct
                && lexicon().currencies.contains_key(d.t(k - 1));
            let between = (k > 0 && d.t(k - 1).eq_ignore_ascii_case("between"))
                || (cur_before && k > 1 && d.t(k - 2).eq_ignore_ascii_case("between"));
            // `rose from 12 to 45`, `fell by 3 to 9`: a change, not a range.
            let change = k >= 2
                && matches!(d.t(k - 1), "by" | "from")
                && crate::corrections::CHANGE_VERBS
                    .iter()
                    .any(|v| d.t(k - 2).eq_ignore_ascii_case(v));
            let sep_ok = (matches!(sep, "to" | "-" | "–" | "or") && !(change && sep == "to"))
                || (sep == "and" && between);
            let second = if end + 3 < n
                && d.toks[end + 2].kind == Kind::Punct
                && lexicon().currencies.contains_key(d.t(end + 2))
            {
                end + 3
            } else {
                end + 2
            };
            if sep_ok && !in_date[second] {
                if let Some(c2) = parse_core(d, second) {
                    if c2.hi >= core.lo && (c2.digits == core.digits || core.vague || c2.vague) {
                        scale = core.vague && c2.vague;
                        core.hi = c2.hi;
                        core.vague = core.vague || c2.vague;
                        core.plain_int = false;
                        end = c2.end;
                        core.end = end;
                        if between {
                            start = k - 1;
                            if k >= 2
                                && d.toks[k - 1].kind == Kind::Punct
                                && lexicon().currencies.contains_key(d.t(k - 1))
                                && d.t(k - 2).eq_ignore_ascii_case("between")
                            {
                                start = k - 2;
                            }
                        }
                    }
                }
            }
        }
        // Qualifier directly before (before the currency sign, if any).
        let mut rule = None;
        let mut best_len = 0;
        if start == k {
            let cur = k > 0
                && d.toks[k - 1].kind == Kind::Punct
                && lexicon().currencies.contains_key(d.t(k - 1))
                && d.toks[k - 1].block == d.toks[k].block;
            let qk = if cur { k - 1 } else { k };
            for (qw, r) in qualifiers() {
                let words = qw.len();
                if qk >= words && words > best_len {
                    if let Some(e) = matches_words(d, qk - words, qw) {
                        if e == qk - 1 && d.toks[qk - words].block == d.toks[k].block {
                            rule = Some(*r);
                            best_len = words;
                        }
                    }
                }
            }
            start = qk - best_len;
        }
        if rule.is_none() && start == k && !core.vague {
            // `one in five`: a ratio, a share in percent (kind set below).
            if let Some(c2) = ratio_denominator(d, &in_date, core, end) {
                let share = core.lo / c2.lo * 100.0;
                core.lo = (share * 100.0).round() / 100.0;
                core.hi = core.lo;
                core.plain_int = false;
                end = c2.end;
                core.end = end;
            } else if let Some((from, f)) = fraction_before(d, k) {
                // `a quarter of the 800 workers` counts 200 workers.
                let part = |v: f64| {
                    if v * f >= 10.0 {
                        (v * f).round()
                    } else {
                        v * f
                    }
                };
                core.lo = part(core.lo);
                core.hi = part(core.hi);
                core.plain_int = false;
                start = from;
            }
        }
        found.push((start, end, core, rule, scale));
        k = end + 1;
    }
    let mut out: Vec<Qty> = Vec::with_capacity(found.len());
    // Per pushed quantity: whether [`out_of_scope`] took its event away.
    let mut scoped_out: Vec<bool> = Vec::with_capacity(found.len());
    for (idx, &(start, end, core, rule, scale)) in found.iter().enumerate() {
        let k = if rule.is_some() {
            start + rule_len(d, start, end)
        } else {
            start
        };
        let first_num = first_number_tok(d, start, end);
        let _ = k;
        let (sa, sb) = d.sentence_range(first_num);
        let next = |m: usize| if m < sb { d.t(m) } else { "" };
        let prev = |m: usize| if m > sa { d.t(m - 1) } else { "" };
        let mut kind = QuantityKind::Other;
        let mut unit: Option<String> = None;
        let mut q_end = end;
        let mut lo = core.lo;
        let mut hi = core.hi;
        let after = next(end + 1);
        // A ratio (`one in five`), made a share in the first pass.
        let ratio = (first_num..end).any(|m| d.t(m) == "in");
        // Percent.
        if ratio {
            kind = QuantityKind::Percent;
            unit = Some("%".into());
        } else if after == "%"
            || after.eq_ignore_ascii_case("percent")
            || (after == "per" && next(end + 2) == "cent")
        {
            kind = QuantityKind::Percent;
            unit = Some("%".into());
            q_end = if after == "per" { end + 2 } else { end + 1 };
        } else if let Some(cur) = currency_before(d, first_num)
            .or_else(|| lex.currencies.get(after).map(|c| c.to_string()))
            .or_else(|| sterling_after(d, end, after).then(|| "GBP".to_string()))
        {
            kind = QuantityKind::Money;
            if lex.currencies.contains_key(after) || sterling_after(d, end, after) {
                q_end = end + 1;
            }
            unit = Some(cur);
        } else if let Some(u) = unit_after(d, lex, end, sb) {
            kind = QuantityKind::Measure;
            unit = Some(u.0.to_string());
            q_end = u.1;
        } else if lex.time_units.contains_key(after) || after.starts_with("year-old") {
            if next(end + 2) == "old"
                || after.contains("-old")
                || (after.contains("year") && next(end + 2) == "-" && next(end + 3) == "old")
            {
                kind = QuantityKind::Age;
                q_end = if next(end + 2) == "old" {
                    end + 2
                } else {
                    end + 1
                };
            } else {
                kind = QuantityKind::Duration;
                unit = Some(after.trim_end_matches('s').to_string());
                q_end = end + 1;
            }
        } else if after == "-" && next(end + 2).starts_with("year-old") {
            kind = QuantityKind::Age;
            q_end = end + 2;
        } else if after == "-"
            && lex.time_units.contains_key(next(end + 2))
            && !d.toks[end + 1].sp_before
        {
            kind = QuantityKind::Duration;
            unit = Some(next(end + 2).to_string());
            q_end = end + 2;
        }
        // A magnitude: `magnitude 6.6`, `a magnitude of 6.4`, `6.6 in magnitude`.
        if kind == QuantityKind::Other && core.digits {
            let p2 = if start >= sa + 2 { d.t(start - 2) } else { "" };
            let p1 = prev(start);
            let is_mag = |w: &str| w.eq_ignore_ascii_case("magnitude");
            if is_mag(p1)
                || (p1 == "of" && is_mag(p2))
                || is_mag(next(end + 1))
                || (next(end + 1) == "in" && is_mag(next(end + 2)))
            {
                kind = QuantityKind::Measure;
                unit = Some("magnitude".into());
            }
        }
        // Hyphenated word numbers: `five-day`, `three-year-old`.
        if kind == QuantityKind::Other && !core.digits && !core.vague {
            let w = d.t(end);
            if let Some((_, rest)) = w.split_once('-') {
                let rest_unit = rest.split('-').next().unwrap_or("");
                if rest.ends_with("-old") {
                    kind = QuantityKind::Age;
                } else if lex.time_units.contains_key(rest_unit) {
                    kind = QuantityKind::Duration;
                    unit = Some(rest_unit.to_string());
                }
            }
        }
        if kind == QuantityKind::Other {
            let p = prev(start);
            let as_young =
                start >= 3 && matches!(d.span(start - 3, start - 1), "as young as" | "as old as");
            let after_person = p == ","
                && core.digits
                && core.plain_int
                && core.lo < 120.0
                && start >= 2
                && person_before(ents, d, start - 1)
                && matches!(next(end + 1), "," | ")" | "." | "");
            if p == "aged" || p == "age" || as_young || after_person {
                kind = QuantityKind::Age;
            }
        }
        let mut counted = None;
        if kind == QuantityKind::Other && core.fused {
            // Keep it as a plain number.
        } else if kind == QuantityKind::Other {
            if core.plain_int && (1000.0..=2199.0).contains(&core.lo) && rule.is_none() {
                let c = counted_after(d, lex, end);
                if c.is_none() {
                    kind = QuantityKind::Year;
                } else {
                    counted = c;
                }
            } else {
                counted = counted_after(d, lex, end);
            }
        }
        // Whole-count qualifiers.
        let whole = kind == QuantityKind::Other || kind == QuantityKind::Count;
        if let Some(r) = rule {
            (lo, hi) = apply(r, lo, hi, whole);
        }
        let exact = rule.is_none_or(|r| r == Rule::Exact)
            && !core.vague
            && core.lo == core.hi
            && !is_round(core.lo, core.digits);
        // Counts: counted noun, event.
        let mut event = None;
        let mut implicit_people = false;
        if kind == QuantityKind::Other && !core.fused {
            let limit = sb;
            let next_q_start = found
                .get(idx + 1)
                .map(|f| f.0)
                .filter(|&s| s < sb && !included_at(d, s));
            let fwd_limit = next_q_start.unwrap_or(limit).min(end + 22);
            let mut m = counted.as_ref().map_or(end + 1, |c| c.1 + 1);
            let noun: Option<String> = counted.as_ref().map(|c| c.0.clone());
            let agree = |e: &str| agrees(e, noun.as_deref());
            if let Some((_, cend)) = &counted {
                // The counted noun may itself be an event word (`victims`).
                if let Some((e, _)) = event_at(d, lex, *cend, cend + 1) {
                    event = Some(e);
                }
            }
            // A noun the lexicon knows (people, troops, homes) takes events from its
            // clause; another one (`districts`) only an event right after it.
            let strong = counted
                .as_ref()
                .is_none_or(|c| lex.counted.values().any(|v| *v == c.0));
            let fwd_limit = if strong {
                fwd_limit
            } else {
                fwd_limit.min(m + 4)
            };
            // `deployed 3,000 troops and 20 helicopters`: a figure joined to the one
            // before shares its event.
            let coordinated = out.last().is_some_and(|p: &Qty| {
                p.tok >= sa
                    && p.last_tok + 1 < start
                    && (p.last_tok + 1..start)
                        .all(|x| matches!(d.t(x), "and" | "," | "or" | "plus"))
            });
            // `killing at least 632 people and injuring 329 others`: an event word
            // right before the figure is its own.
            if start > 0 && event.is_none() {
                if let Some(e) = lex.events.get(d.t(start - 1)).filter(|e| agree(e)) {
                    event = Some(e);
                } else if start > sa + 1 && d.t(start - 1) == "of" {
                    // `found guilty of nine counts`, `acquitted of three`.
                    if let Some((e, _)) =
                        event_at(d, lex, start - 2, start - 1).filter(|(e, _)| agree(e))
                    {
                        event = Some(e);
                    }
                }
            }
            let mut near_found = event.is_some();
            while event.is_none() && m < fwd_limit {
                let t = d.t(m);
                let reporting = matches!(t, "said" | "says" | "told" | "according")
                    && !matches!(d.t(m - 1), "is" | "are" | "was" | "were" | "be" | "been");
                // `3,000 troops and 20 helicopters and had rescued ...`: a new verb phrase.
                let new_vp = t == "and"
                    && m + 1 < fwd_limit
                    && matches!(
                        d.t(m + 1),
                        "had" | "has" | "have" | "was" | "were" | "is" | "are" | "will" | "then"
                    );
                if reporting
                    || new_vp
                    || clause_ends_at(d, m)
                    || matches!(t, ";" | "while" | "whereas" | "but" | "although" | "though")
                {
                    break;
                }
                if let Some((e, _)) = event_at(d, lex, m, fwd_limit).filter(|(e, _)| agree(e)) {
                    event = Some(e);
                    near_found = m <= counted.as_ref().map_or(end, |c| c.1) + 3;
                    if counted.is_none() && m <= end + 5 {
                        implicit_people = (end + 1..m).all(|x| {
                            matches!(
                                d.t(x),
                                "were"
                                    | "was"
                                    | "have"
                                    | "has"
                                    | "had"
                                    | "been"
                                    | "are"
                                    | "being"
                                    | "still"
                                    | "also"
                                    | "reportedly"
                                    | "later"
                                    | "already"
                                    | "all"
                            )
                        });
                    }
                    break;
                }
                m += 1;
            }
            if coordinated && !near_found {
                if let Some(prev) = out.last() {
                    event = prev
                        .event
                        .as_deref()
                        .and_then(|e| lex.events.values().find(|v| **v == e).copied());
                    implicit_people = false;
                }
            }
            if event.is_none() {
                let prev_q_end = if idx > 0 {
                    Some(found[idx - 1].1)
                } else {
                    None
                };
                // A noun the lexicon does not know takes only an event right before it
                // (`cancelled thousands of operations`).
                let reach = if strong { 14 } else { 3 };
                let back_limit = prev_q_end
                    .filter(|&e| e >= sa && e < start)
                    .map_or(sa, |e| e + 1)
                    .max(start.saturating_sub(reach));
                let mut m = start;
                while m > back_limit {
                    m -= 1;
                    if !strong
                        && !matches!(d.t(m), "all" | "the" | "some" | "its" | "their")
                        && !lex.events.contains_key(d.t(m))
                    {
                        break;
                    }
                    if matches!(d.t(m), ";" | "although" | "though" | "while" | "whereas")
                        || clause_ends_at(d, m)
                    {
                        break;
                    }
                    if let Some((e, _)) = event_at(d, lex, m, start).filter(|(e, _)| agree(e)) {
                        event = Some(e);
                        break;
                    }
                }
            }
            // `1.82 million votes ... against 1.25 million`: a bare figure near a count
            // in the same sentence counts the same thing.
            if counted.is_none() && event.is_none() && core.digits && !core.plain_int {
                if let Some(prev) = out.iter().rev().take_while(|q| q.tok >= sa).find(|q| {
                    q.kind == QuantityKind::Count
                        && start.saturating_sub(q.tok) <= 12
                        && q.counted.is_some()
                }) {
                    counted = prev.counted.clone().map(|c| (c, end));
                    event = prev
                        .event
                        .as_deref()
                        .and_then(|e| lex.events.values().find(|v| **v == e).copied());
                }
            }
            // Head counts are whole (`6.8` after `magnitude` is a reading, not a count).
            let fractional = core.lo.fract() != 0.0 && counted.is_none();
            let reading = start > 0
                && matches!(
                    d.t(start - 1),
                    "magnitude"
                        | "Magnitude"
                        | "level"
                        | "index"
                        | "score"
                        | "rating"
                        | "grade"
                        | "number"
                        | "No"
                );
            if (counted.is_some() || event.is_some() || core.vague) && !fractional && !reading {
                kind = QuantityKind::Count;
            } else if !core.digits {
                // A bare number word (`one centre`) is no quantity worth keeping.
                continue;
            }
        }
        // `rose by 500`, `fell by 5%`: a change, never a count of the event.
        let change = start >= 2
            && d.t(start - 1) == "by"
            && (1..=3).any(|back| {
                start > back
                    && crate::corrections::CHANGE_VERBS
                        .iter()
                        .any(|v| d.t(start - 1 - back).eq_ignore_ascii_case(v))
            });
        // `Another 3,412 were injured` after a death toll sets a second count beside the
        // first, not an increment: after `another`, the nearest figure in this sentence
        // or the one before, if any, must be of the same event.
        let added = match increment(d, start, end) {
            Some(Added::More) => true,
            Some(Added::Another) => {
                let from = if sa > 0 {
                    d.sentence_range(sa - 1).0
                } else {
                    sa
                };
                out.iter()
                    .rev()
                    .take_while(|p| p.tok >= from)
                    .next()
                    .is_none_or(|p| p.event.as_deref() == event)
            }
            None => false,
        };
        if kind != QuantityKind::Count || change || added {
            event = None;
        }
        let last_tok = counted.as_ref().map_or(q_end, |c| c.1.max(q_end));
        // `64 of the 120 seats`: the second figure is the whole, the first one counts
        // its noun and takes the predicate.
        if kind == QuantityKind::Count
            && start >= sa + 3
            && d.t(start - 1) == "the"
            && d.t(start - 2) == "of"
            && out.last().is_some_and(|p| {
                p.last_tok + 3 == start
                    && (p.kind == QuantityKind::Other
                        || p.kind == QuantityKind::Count && p.counted.is_none())
            })
        {
            let noun = counted.as_ref().map(|c| c.0.clone());
            let agreed = event.filter(|e| agrees(e, noun.as_deref()));
            if let Some(p) = out.last_mut() {
                p.kind = QuantityKind::Count;
                p.class = noun.as_deref().and_then(class_of).map(str::to_string);
                if p.event
                    .as_deref()
                    .is_none_or(|e| !agrees(e, noun.as_deref()))
                {
                    p.event = agreed.map(str::to_string);
                }
                p.counted = noun;
                if p.class.as_deref() == Some("seats") {
                    p.holder = holder_of(d, ents, (sa, sb), (p.tok, p.last_tok), None);
                }
            }
            event = None;
        }
        // The figure before in the sentence, which bounds the search for what this one
        // is of and whose it is.
        let prev_q = out.last().filter(|p| {
            p.tok >= sa
                && p.last_tok < start
                && matches!(
                    p.kind,
                    QuantityKind::Count
                        | QuantityKind::Percent
                        | QuantityKind::Money
                        | QuantityKind::Measure
                )
        });
        let prev_end = prev_q.map(|p| p.last_tok);
        let mut measured: Option<&'static str> = None;
        let mut holder: Option<String> = None;
        if matches!(
            kind,
            QuantityKind::Percent | QuantityKind::Money | QuantityKind::Measure
        ) {
            measured = if unit.as_deref() == Some("magnitude") {
                Some("magnitude")
            } else {
                measured_of(d, kind, (sa, sb), (start, q_end), prev_end)
            };
            // `a fine of 250,000 pounds`: pounds of a sum of money are sterling.
            if kind == QuantityKind::Measure
                && unit.as_deref() == Some("lb")
                && measured.is_some_and(|m| MONEY_MEASURED.contains(&m))
            {
                kind = QuantityKind::Money;
                unit = Some("GBP".into());
            }
            // `from £5.6bn to £5.3bn`: both figures are of one thing.
            if measured.is_none() {
                if let Some(p) = prev_q.filter(|p| {
                    p.kind == kind
                        && p.unit == unit
                        && (p.last_tok + 1..start).all(|x| matches!(d.t(x), "to" | "from"))
                }) {
                    measured = lex_measured(p.counted.as_deref());
                }
            }
            // `measured at magnitude 6.6 and ... at 6.4`: a bare reading joined to a
            // measure of its sentence.
            let progress = (q_end + 1..(q_end + 5).min(sb))
                .any(|x| matches!(d.t(x), "counted" | "tallied" | "processed"));
            if kind == QuantityKind::Percent && !progress {
                let share = matches!(measured, None | Some("share" | "vote share"));
                if share {
                    holder = holder_of(d, ents, (sa, sb), (start, q_end), prev_end);
                }
                if share && (holder.is_some() || measured.is_some()) {
                    let votey = (sa..sb).any(|x| {
                        matches!(
                            d.t(x).to_ascii_lowercase().as_str(),
                            "vote" | "votes" | "ballot" | "ballots" | "election" | "elections"
                        )
                    });
                    measured = Some(if votey { "vote share" } else { "share" });
                }
                if projected(d, sa, start) {
                    measured = None;
                }
            }
            if progress || out_of_scope(d, sa, sb, start, q_end) {
                measured = None;
            }
            if measured.is_none() {
                holder = None;
            }
        }
        if kind == QuantityKind::Other
            && core.digits
            && core.lo.fract() != 0.0
            && let Some(p) = prev_q.filter(|p| {
                p.kind == QuantityKind::Measure
                    && p.counted.is_some()
                    && start - p.last_tok <= 12
                    && (p.last_tok + 1..start).any(|x| d.t(x) == "and")
            })
        {
            kind = QuantityKind::Measure;
            unit = p.unit.clone();
            measured = lex_measured(p.counted.as_deref());
        }
        // A count of an event that befalls people, with no noun, counts people
        // (`kill at least 90`, `dozens killed`).
        let people_event = matches!(
            event,
            Some(
                "killed"
                    | "injured"
                    | "detained"
                    | "missing"
                    | "displaced"
                    | "rescued"
                    | "evacuated"
            )
        );
        let implicit_people =
            implicit_people || (counted.is_none() && people_event && kind == QuantityKind::Count);
        let mut counted_s = counted
            .map(|c| c.0)
            .or_else(|| implicit_people.then(|| "people".to_string()));
        let event = event.map(str::to_string).or_else(|| {
            (kind == QuantityKind::Count && !added && counted_s.as_deref() == Some("troops"))
                .then(|| "deployed".to_string())
        });
        // Attribution, hedges, negation, part-of, as-of.
        // Hedges count near the figure, in its clause, not anywhere in a long sentence.
        let is_fact_kind = kind == QuantityKind::Count || measured.is_some();
        let hedged = is_fact_kind && {
            let (wa, wb) = (start.saturating_sub(8).max(sa), (q_end + 15).min(sb - 1));
            let window = d.text[d.toks[wa].s..d.toks[wb].e].to_lowercase();
            HEDGES.iter().any(|h| contains_words(&window, h))
        };
        let neg_at = start.checked_sub(1).filter(|&m| m >= sa);
        let negated =
            neg_at.is_some_and(|m| matches!(d.t(m), "not" | "no" | "never" | "Not" | "No"));
        let attributed_to = if is_fact_kind {
            let measurer = (kind == QuantityKind::Measure)
                .then(|| measurer(d, ents, sa, start))
                .flatten();
            measurer.or_else(|| attribution(d, lex, ents, sa, sb, first_num).map(|s| s.name))
        } else {
            None
        };
        let part_of = if kind == QuantityKind::Count && included_at(d, start) {
            out.iter()
                .rposition(|q: &Qty| q.kind == QuantityKind::Count && q.tok >= sa && q.tok < start)
        } else {
            None
        };
        let mut event = event;
        let mut part_of = part_of;
        if kind == QuantityKind::Count && part_of.is_none() {
            part_of = part_by_reference(d, &out, sa, start, end, event.as_deref());
            // `nine of the injured` counts what its total counts (`63 passengers`).
            if let Some(p) = part_of.filter(|_| anaphoric_part(d, end)) {
                counted_s = out[p].counted.clone().or(counted_s);
            }
            if part_of.is_none() && anaphoric_part(d, end) {
                // `11 of the dead were identified` with no total before it: a part of
                // a total the text never gives, comparable with nothing.
                event = None;
            }
        }
        if event.is_none() {
            if let Some(p) = part_of {
                event = out[p].event.clone();
            }
        }
        // Numbers that are not a figure of the story's events: personal (`two of his
        // sons`), a projection (`could rise above 1,000`), a population or capacity
        // (`a town of 41,000`). They keep their kind and noun but get no event, so they
        // never join a fact (see [`out_of_scope`]).
        let out_of_scope =
            kind == QuantityKind::Count && (scale || out_of_scope(d, sa, sb, start, last_tok));
        if out_of_scope {
            event = None;
            part_of = None;
        }
        scoped_out.push(out_of_scope);

        let as_of = crate::dates::as_of(d, dates, &stamps, (sa, sb), start, anchor);
        let q_end = q_end.max(end);
        out.push(Qty {
            s: d.toks[start].s,
            e: d.toks[q_end].e,
            tok: start,
            last_tok,
            kind,
            low: lo,
            high: hi,
            exact,
            unit,
            class: if kind == QuantityKind::Count {
                counted_s.as_deref().and_then(class_of).map(str::to_string)
            } else {
                None
            },
            holder: if kind == QuantityKind::Count {
                counted_s
                    .as_deref()
                    .filter(|c| class_of(c) == Some("seats"))
                    .and_then(|_| holder_of(d, ents, (sa, sb), (start, last_tok), prev_end))
            } else {
                holder
            },
            counted: if kind == QuantityKind::Count {
                counted_s
            } else {
                measured.map(str::to_string)
            },
            event,
            attributed_to,
            hedged,
            negated,
            correction: None,
            part_of,
            as_of,
        });
    }
    // `about 200 ambulances and 1,200 rescue personnel had been deployed`: the event
    // of the second figure is the first one's too.
    for i in (1..out.len()).rev() {
        let (a, b) = (&out[i - 1], &out[i]);
        let joined = a.kind == QuantityKind::Count
            && b.kind == QuantityKind::Count
            && a.event.is_none()
            && b.event.is_some()
            && a.last_tok < b.tok
            && b.tok - a.last_tok <= 2
            && (a.last_tok + 1..b.tok).all(|x| matches!(d.t(x), "and" | "," | "or"))
            && !scoped_out[i - 1];
        if joined {
            out[i - 1].event = out[i].event.clone();
        }
    }
    out
}

/// Fractions written before `of` and a figure (`a quarter of the 800 workers`).
const FRACTIONS: &[(&str, f64)] = &[
    ("half", 0.5),
    ("a half", 0.5),
    ("one half", 0.5),
    ("a third", 1.0 / 3.0),
    ("one third", 1.0 / 3.0),
    ("a quarter", 0.25),
    ("one quarter", 0.25),
    ("a fifth", 0.2),
    ("one fifth", 0.2),
    ("a tenth", 0.1),
    ("one tenth", 0.1),
    ("two-thirds", 2.0 / 3.0),
    ("two thirds", 2.0 / 3.0),
    ("three-quarters", 0.75),
    ("three quarters", 0.75),
];

/// A fraction before the figure at token `k` (`a quarter of the 800`, `half of its
/// 1,200`): the token it starts at and its value.
fn fraction_before(d: &Doc<'_>, k: usize) -> Option<(usize, f64)> {
    let mut m = k.checked_sub(1)?;
    if matches!(
        d.t(m),
        "the" | "its" | "their" | "his" | "her" | "our" | "those" | "these"
    ) {
        m = m.checked_sub(1)?;
    }
    if d.t(m) != "of" || d.toks[m].block != d.toks[k].block {
        return None;
    }
    FRACTIONS.iter().find_map(|(phrase, f)| {
        let words = phrase.split(' ').count();
        let from = m.checked_sub(words)?;
        (matches_phrase(d, from, phrase) == Some(m - 1)).then_some((from, *f))
    })
}

/// `one in five`, `3 in 10`: the denominator after `in` when the figure `core` (ending
/// at token `end`) is a ratio; not a year or a duration (`12 in 2024`, `5 in 30 minutes`).
fn ratio_denominator(d: &Doc<'_>, in_date: &[bool], core: Core, end: usize) -> Option<Core> {
    let n = d.toks.len();
    if end + 2 >= n || d.t(end + 1) != "in" || core.lo != core.hi || core.fused {
        return None;
    }
    let c2 = parse_core(d, end + 2)?;
    let year = c2.plain_int && (1000.0..=2199.0).contains(&c2.lo);
    let unit_after = c2.end + 1 < n && lexicon().time_units.contains_key(d.t(c2.end + 1));
    (c2.lo == c2.hi
        && c2.lo > core.lo
        && core.lo >= 1.0
        && !c2.vague
        && !c2.fused
        && !year
        && !unit_after
        && !in_date[end + 2])
        .then_some(c2)
}

fn rule_len(d: &Doc<'_>, start: usize, end: usize) -> usize {
    (start..=end)
        .take_while(|&m| parse_core(d, m).is_none())
        .count()
}

fn first_number_tok(d: &Doc<'_>, start: usize, end: usize) -> usize {
    (start..=end)
        .find(|&m| parse_core(d, m).is_some())
        .unwrap_or(start)
}

fn is_round(v: f64, digits: bool) -> bool {
    digits && v >= 1000.0 && v % 1000.0 == 0.0
}

/// Whether the quantity starting at token `s` is introduced as part of a total.
fn included_at(d: &Doc<'_>, s: usize) -> bool {
    let p1 = if s >= 1 { d.t(s - 1) } else { "" };
    let p2 = if s >= 2 { d.span(s - 2, s - 1) } else { "" };
    if matches!(p1, "including" | "includes" | "include" | "Including")
        || matches!(
            p2,
            "among them" | "of whom" | "of which" | "among those" | "among whom" | "of them"
        )
    {
        return true;
    }
    // `including the owner, Abul Hashem, and four of his sons`
    p1 == "and"
        && (s.saturating_sub(10)..s - 1)
            .rev()
            .take_while(|&x| d.toks[x].kind != Kind::Num && !matches!(d.t(x), ";" | "." | "and"))
            .any(|x| matches!(d.t(x), "including" | "Including"))
}

/// Whether a clause ends at token `m` for the search of a figure's event: a reporting
/// clause or a new coordinated clause after a comma (`Around 35 people were injured,
/// officials said, and about 200 people were moved out`: the 200 were not injured).
fn clause_ends_at(d: &Doc<'_>, m: usize) -> bool {
    let t = d.t(m);
    let after_comma = m > 0 && d.t(m - 1) == ",";
    let reporting = matches!(t, "said" | "says" | "told" | "added" | "according")
        && !(m > 0 && matches!(d.t(m - 1), "is" | "are" | "was" | "were" | "be" | "been"));
    (after_comma && matches!(t, "and" | "but" | "while" | "whereas"))
        || (reporting && (after_comma || m + 1 < d.toks.len() && d.t(m + 1) == ","))
}

/// Words after a number that make it a share of a total the text gave before it:
/// `11 of the dead`, `four of the deaths`, `498 of them`, `38 of whom`.
fn anaphoric_part(d: &Doc<'_>, end: usize) -> bool {
    let n = d.toks.len();
    let at = |m: usize| if m < n { d.t(m) } else { "" };
    if at(end + 1) != "of" {
        return false;
    }
    if matches!(at(end + 2), "them" | "those" | "whom" | "which" | "these") {
        return true;
    }
    matches!(at(end + 2), "the" | "those")
        && matches!(
            at(end + 3),
            "dead"
                | "deaths"
                | "victims"
                | "fatalities"
                | "casualties"
                | "injured"
                | "wounded"
                | "missing"
                | "killed"
                | "detained"
                | "arrested"
                | "displaced"
                | "evacuated"
                | "total"
        )
}

/// The total a count is a part of when the words around it say so: `N of the dead`
/// points to the nearest earlier count of the same event (in this sentence or an earlier
/// one); `..., seven in Brunswick County and two in Onslow` (a bare number before `in`,
/// joined to a count before it in the sentence) is another share of that count's total,
/// or of that count when it is the total.
fn part_by_reference(
    d: &Doc<'_>,
    out: &[Qty],
    sa: usize,
    start: usize,
    end: usize,
    event: Option<&str>,
) -> Option<usize> {
    if anaphoric_part(d, end) {
        return out.iter().rposition(|q| {
            q.kind == QuantityKind::Count
                && q.part_of.is_none()
                && q.event.is_some()
                && (event.is_none() || q.event.as_deref() == event)
        });
    }
    // An earlier value of the count before it (`Seven of the injured remained critical,
    // down from nine on Sunday`) is a share of the same total.
    let n = d.toks.len();
    let earlier = start >= 2 && d.t(start - 1) == "from" && matches!(d.t(start - 2), "down" | "up");
    if earlier {
        let prev = out
            .iter()
            .rposition(|q| q.kind == QuantityKind::Count && q.tok >= sa)?;
        return out[prev].part_of;
    }
    // A share by place: the bare number, `in`, a capitalised name.
    let by_place = end + 2 < n && d.t(end + 1) == "in" && d.cap(end + 2);
    if !by_place || start == 0 {
        return None;
    }
    let prev = out
        .iter()
        .rposition(|q| q.kind == QuantityKind::Count && q.tok >= sa)?;
    let p = &out[prev];
    let joined = p.last_tok < start
        && (p.last_tok + 1..start).all(|x| {
            matches!(d.t(x), "and" | "," | "or")
                || (x > p.last_tok && x < start && !matches!(d.t(x), "said" | "says" | ";" | "."))
        })
        && matches!(d.t(start - 1), "," | "and");
    if !joined || p.event.is_none() {
        return None;
    }
    Some(p.part_of.unwrap_or(prev))
}

/// Whether a count is no figure of the story's events, by the words around it:
/// - personal: a possessive before it or its noun (`my three children`, `two of his
///   sons`, `three of her grandchildren`): one family's loss, not a toll;
/// - a projection or a fear: a modal or forecast verb before it (`could reach 30`,
///   `could rise above 1,000`, `expected to exceed`, `may climb to`), a modal right after
///   it (`as many as 500 could ...`), or `feared dead`;
/// - a population or capacity: `a town of 41,000`, `home to 2 million people`,
///   `a population of`, `capacity for 220 passengers`.
fn out_of_scope(d: &Doc<'_>, sa: usize, sb: usize, start: usize, last_tok: usize) -> bool {
    let at = |m: usize| if m >= sa && m < sb { d.t(m) } else { "" };
    let before = |k: usize| if start >= sa + k { at(start - k) } else { "" };
    // Personal.
    const POSSESSIVE: &[&str] = &[
        "my", "his", "her", "our", "your", "My", "His", "Her", "Our", "Your",
    ];
    if POSSESSIVE.contains(&before(1))
        || (at(start + 1) == "of" && POSSESSIVE.contains(&at(start + 2)))
    {
        return true;
    }
    // A word after the number (through its noun): the first figure-word is the number.
    let first_num = (start..=last_tok)
        .find(|&m| parse_core(d, m).is_some())
        .unwrap_or(start);
    if at(first_num + 1) == "of" && POSSESSIVE.contains(&at(first_num + 2)) {
        return true;
    }
    // Projection: up to six words back in the clause, a modal or forecast before a verb
    // of growth (`the toll could climb past 30`).
    const MODAL: &[&str] = &[
        "could",
        "may",
        "might",
        "would",
        "will",
        "expected",
        "likely",
        "set",
        "projected",
        "forecast",
        "predicted",
        "feared",
    ];
    const GROWTH: &[&str] = &[
        "reach", "rise", "climb", "exceed", "top", "pass", "surpass", "increase", "grow", "hit",
        "go", "soar", "jump", "double", "mount", "take", "win", "get",
    ];
    let mut saw_growth = false;
    for k in 1..=6 {
        let w = before(k);
        if w.is_empty() || matches!(w, "," | ";" | "." | ":" | "—" | "–") {
            break;
        }
        if GROWTH.contains(&w) {
            saw_growth = true;
        } else if saw_growth && MODAL.contains(&w) {
            return true;
        }
    }
    // `as many as 500 could have died`, `50 people are feared dead`.
    let mut m = last_tok + 1;
    while m < sb && m <= last_tok + 3 {
        let w = at(m);
        if matches!(w, "could" | "might" | "may") {
            return true;
        }
        if w == "feared" && matches!(at(m + 1), "dead" | "killed" | "drowned" | "to") {
            return true;
        }
        if !matches!(w, "are" | "is" | "were" | "was" | "now" | "still" | "also") {
            break;
        }
        m += 1;
    }
    // Population or capacity: `<place noun> of N`, `population of N`, `home to N`,
    // `capacity for/of N` (an adjective may sit between: `a small town of 300`).
    const PLACE_NOUNS: &[&str] = &[
        "town",
        "village",
        "city",
        "hamlet",
        "country",
        "nation",
        "district",
        "region",
        "province",
        "community",
        "island",
        "municipality",
        "suburb",
        "settlement",
        "state",
        "county",
        "population",
        "populace",
    ];
    // `in the region of 300` is an approximation, not a region.
    let approx = before(3) == "the" && before(4) == "in";
    if before(1) == "of"
        && !approx
        && (PLACE_NOUNS.contains(&before(2))
            || PLACE_NOUNS.contains(&before(3)) && before(4) != "of")
    {
        return true;
    }
    if (before(1) == "to" && before(2) == "home")
        || (matches!(before(1), "for" | "of")
            && matches!(before(2), "capacity" | "room" | "seating" | "seats"))
        || matches!(before(1), "houses" | "accommodates") && at(start + 1) != "of"
    {
        return true;
    }
    false
}

fn currency_before(d: &Doc<'_>, start: usize) -> Option<String> {
    let lex = lexicon();
    if start == 0 {
        return None;
    }
    let p = d.t(start - 1);
    // A sign (`$`, `£`) or a code in capitals (`USD 5m`) stands before the number; a
    // currency word never does (`won 212,480 votes` is a verb, `212,480 won` money).
    let code = p.len() == 3 && p.bytes().all(|b| b.is_ascii_uppercase());
    lex.currencies
        .get(p)
        .filter(|_| d.toks[start - 1].kind == Kind::Punct || code)
        .map(|c| c.to_string())
}

/// `pounds` after a scale word is sterling (`1.31 billion pounds`, `95 million pounds`):
/// nobody weighs in millions of pounds in the news as often as they count money.
fn sterling_after(d: &Doc<'_>, end: usize, after: &str) -> bool {
    matches!(after, "pounds" | "pound")
        && matches!(
            d.t(end).to_ascii_lowercase().as_str(),
            "million" | "billion" | "trillion" | "bn" | "m" | "thousand"
        )
}

fn unit_after(d: &Doc<'_>, lex: &Lexicon, end: usize, sb: usize) -> Option<(&'static str, usize)> {
    if end + 1 >= sb {
        return None;
    }
    if end + 2 < sb {
        if let Some(u) = lex.units.get(d.span(end + 1, end + 2)) {
            return Some((u, end + 2));
        }
    }
    let w = d.t(end + 1);
    // A lone `m` is too often a multiplier or a word to be metres.
    if w == "m" {
        return None;
    }
    lex.units.get(w).map(|u| (*u, end + 1))
}

fn person_before(ents: &[Ent], _d: &Doc<'_>, comma_tok: usize) -> bool {
    ents.iter()
        .any(|e| e.tok_end + 1 == comma_tok && e.kind == EntityType::Person)
}

fn contains_words(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let a = from + p;
        let b = a + needle.len();
        let ok_a = a == 0
            || !hay[..a]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let ok_b = b == hay.len() || !hay[b..].chars().next().is_some_and(char::is_alphanumeric);
        if ok_a && ok_b {
            return true;
        }
        from = b;
    }
    false
}

/// Words that start a new clause: a source on one side does not give the figures on the other.
const CLAUSE_BREAK: &[&str] = &[
    ";", "although", "though", "while", "whereas", "but", "because", "when", "after", "before",
    "until", "as",
];

/// Who gives the figures of sentence `sa..sb`: `according to X`, `X said`, `said X`.
pub fn attribution(
    d: &Doc<'_>,
    lex: &Lexicon,
    ents: &[Ent],
    sa: usize,
    sb: usize,
    near: usize,
) -> Option<Speaker> {
    let broken = |a: usize, b: usize| {
        (a.min(b)..a.max(b)).any(|x| {
            d.t(x) == ";" || (x > 0 && d.t(x - 1) == "," && CLAUSE_BREAK.contains(&d.t(x)))
        })
    };
    for m in sa..sb.saturating_sub(1) {
        if d.t(m).eq_ignore_ascii_case("according") && d.t(m + 1) == "to" && !broken(m, near) {
            if let Some(s) = according_np(d, ents, m + 2, sb) {
                return Some(s);
            }
        }
    }
    // The nearest reporting verb with a subject, preferring ones after the number.
    let mut verbs: Vec<usize> = (sa..sb)
        .filter(|&m| {
            matches!(
                d.t(m),
                "said"
                    | "says"
                    | "told"
                    | "reported"
                    | "announced"
                    | "confirmed"
                    | "estimated"
                    | "stated"
                    | "claimed"
                    | "put"
                    | "puts"
                    | "retracted"
                    | "withdrew"
                    | "published"
                    | "released"
                    | "revised"
            )
        })
        .filter(|&m| !broken(m, near))
        .collect();
    verbs.sort_by_key(|&m| if m > near { m - near } else { (near - m) * 2 });
    for v in verbs {
        if matches!(d.t(v), "put" | "puts")
            && !(v + 2 < sb && d.t(v + 1) == "the" && d.t(v + 2) == "toll")
        {
            continue;
        }
        if let Some(s) = subject_before(d, ents, v, sa) {
            if is_source(&s) {
                return Some(s);
            }
            continue;
        }
        // Inverted: `..., said the ministry.`
        if v > sa && matches!(d.t(v - 1), "," | "”") {
            if let Some(s) = np_after(d, ents, v + 1, sb) {
                if is_source(&s) {
                    return Some(s);
                }
            }
        }
    }
    let _ = lex;
    None
}

/// The hierarchy of what is counted: each normalised counted noun (the lexicon's
/// `COUNTED` values) belongs to one class. `people` holds every kind of person
/// (workers, residents, civilians, children, protesters, voters, passengers, crew ...);
/// `security personnel` (police officers, troops, peacekeepers) are people too, a class
/// of their own because news counts them apart. Things: `homes` (homes, households,
/// utility customers), `buildings`, `vehicles`, `votes`, `seats`, `cases`, `jobs`,
/// `charges` (counts of an indictment), `places`, `animals`.
const CLASSES: &[(&str, &[&str])] = &[
    (
        "people",
        &[
            "people",
            "civilians",
            "residents",
            "citizens",
            "protesters",
            "rioters",
            "children",
            "students",
            "women",
            "men",
            "workers",
            "personnel",
            "rescuers",
            "firefighters",
            "journalists",
            "doctors",
            "nurses",
            "migrants",
            "refugees",
            "passengers",
            "tourists",
            "pilgrims",
            "patients",
            "prisoners",
            "detainees",
            "hostages",
            "suspects",
            "casualties",
            "survivors",
            "voters",
            "delegates",
            "candidates",
            "members",
            "lawmakers",
            "families",
            "militants",
            "fighters",
            "rebels",
            "insurgents",
            "gunmen",
            "criminals",
            "crew",
        ],
    ),
    (
        "security personnel",
        &[
            "troops",
            "peacekeepers",
            "security personnel",
            "police officers",
        ],
    ),
    ("homes", &["homes", "households", "customers"]),
    (
        "buildings",
        &[
            "buildings",
            "schools",
            "hospitals",
            "factories",
            "businesses",
            "shops",
        ],
    ),
    (
        "vehicles",
        &["vehicles", "tanks", "aircraft", "ships", "boats", "units"],
    ),
    ("votes", &["votes"]),
    ("seats", &["seats"]),
    ("cases", &["cases"]),
    ("jobs", &["jobs"]),
    ("charges", &["charges"]),
    ("places", &["villages", "towns"]),
    ("animals", &["animals", "livestock"]),
];

/// The class of a normalised counted noun in [`CLASSES`]; none for a noun outside it.
pub fn class_of(counted: &str) -> Option<&'static str> {
    CLASSES
        .iter()
        .find(|(_, members)| members.contains(&counted))
        .map(|(class, _)| *class)
}

/// Predicates with several senses take only some classes of counted noun: `cut` is
/// jobs cut only for jobs or people (`cut power to 20,000 homes` is homes without
/// power), `held` is detained only for people (`held 64 seats`), `carrying` is aboard
/// only for people, `cleared` is acquitted only of charges or people. A predicate not
/// listed takes any noun.
const AGREEMENT: &[(&str, &[&str])] = &[
    ("laid off", &["jobs", "people"]),
    ("detained", &["people", "security personnel"]),
    ("without power", &["homes", "people", "buildings"]),
    ("aboard", &["people", "security personnel"]),
    ("won", &["votes", "seats"]),
    ("voted", &["votes", "people"]),
    ("acquitted", &["charges", "people"]),
    ("convicted", &["charges", "people"]),
    ("registered", &["people"]),
    ("released", &["people", "security personnel"]),
    ("kidnapped", &["people", "security personnel"]),
];

/// Whether predicate `event` can count `counted` (see [`AGREEMENT`]); a figure with
/// no noun agrees with every predicate.
fn agrees(event: &str, counted: Option<&str>) -> bool {
    let Some(counted) = counted else { return true };
    match AGREEMENT.iter().find(|(e, _)| *e == event) {
        None => true,
        Some((_, classes)) => class_of(counted).is_some_and(|c| classes.contains(&c)),
    }
}

/// What a percentage, an amount of money or a measure is of: a word of its clause ->
/// the normalised name. General news vocabulary of politics (turnout, vote share),
/// courts (fine, damages, compensation, bail), business (revenue, profit, guidance,
/// budget), weather and disasters (magnitude, depth, rainfall, wind speed, storm
/// surge) and transport (speed, limit). Multiword keys are tried first.
const MEASURED: &[(&str, &str)] = &[
    ("turnout", "turnout"),
    ("vote", "vote share"),
    ("votes", "vote share"),
    ("ballot", "vote share"),
    ("share", "share"),
    ("revenue", "revenue"),
    ("revenues", "revenue"),
    ("sales", "revenue"),
    ("turnover", "revenue"),
    ("profit", "profit"),
    ("profits", "profit"),
    ("net profit", "profit"),
    ("operating profit", "operating profit"),
    ("pre-tax profit", "pre-tax profit"),
    ("pretax profit", "pre-tax profit"),
    ("gross profit", "gross profit"),
    ("net income", "profit"),
    ("earnings", "profit"),
    ("fine", "fine"),
    ("fined", "fine"),
    ("penalty", "fine"),
    ("damages", "damages"),
    ("compensation", "compensation"),
    ("restitution", "compensation"),
    ("bail", "bail"),
    ("budget", "budget"),
    ("guidance", "guidance"),
    ("forecast", "guidance"),
    ("outlook", "guidance"),
    ("price", "price"),
    ("salary", "salary"),
    ("ransom", "ransom"),
    ("debt", "debt"),
    ("deficit", "deficit"),
    ("magnitude", "magnitude"),
    ("depth", "depth"),
    ("rainfall", "rainfall"),
    ("rain", "rainfall"),
    ("precipitation", "rainfall"),
    ("snowfall", "snowfall"),
    ("snow", "snowfall"),
    ("wind", "wind speed"),
    ("winds", "wind speed"),
    ("gusts", "wind speed"),
    ("storm surge", "storm surge"),
    ("surge", "storm surge"),
    ("speed", "speed"),
    ("travelling at", "speed"),
    ("traveling at", "speed"),
    ("limit", "speed limit"),
    ("temperature", "temperature"),
    ("temperatures", "temperature"),
    ("unemployment", "unemployment"),
    ("inflation", "inflation"),
    ("interest rate", "interest rate"),
    ("approval", "approval"),
    ("workforce", "workforce share"),
    ("staff", "workforce share"),
    ("labour force", "workforce share"),
    ("labor force", "workforce share"),
];

fn measured_word(d: &Doc<'_>, m: usize, limit: usize) -> Option<(&'static str, usize)> {
    if m + 1 < limit {
        let two = d.span(m, m + 1);
        if let Some((_, v)) = MEASURED.iter().find(|(k, _)| k.eq_ignore_ascii_case(two)) {
            return Some((v, m + 1));
        }
    }
    let w = d.t(m);
    MEASURED
        .iter()
        .find(|(k, _)| !k.contains(' ') && k.eq_ignore_ascii_case(w))
        .map(|(_, v)| (*v, m))
}

/// What only a sum of money can be (see [`MEASURED`]).
const MONEY_MEASURED: &[&str] = &[
    "revenue",
    "profit",
    "fine",
    "damages",
    "compensation",
    "bail",
    "budget",
    "guidance",
    "price",
    "salary",
    "ransom",
    "debt",
    "deficit",
];

/// Words of a change between a noun and a figure (`revenue fell 12%`): the figure is
/// the change, not the noun's value.
const CHANGE: &[&str] = &[
    "fell",
    "rose",
    "drop",
    "dropped",
    "fall",
    "rise",
    "up",
    "down",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "jumped",
    "slumped",
    "climbed",
    "grew",
    "declined",
    "gained",
    "lost",
    "by",
    "cut",
    "lowered",
    "raised",
    "slashed",
];

/// Words in a figure's clause before it that make a percentage a projection, not a
/// result (`an exit poll projects her on 54%`).
const PROJECTING: &[&str] = &[
    "poll",
    "polls",
    "projects",
    "projected",
    "projection",
    "predicted",
    "predicts",
    "forecasts",
    "survey",
];

/// What a percentage, money amount or measure spanning tokens `start..=end` of
/// sentence `sa..sb` is of (see [`MEASURED`]): a noun right after it (`130 mph winds`)
/// or after `of`/`in` (`24 inches of rain`, `£4.8m in compensation`, `6% of its
/// workforce`), else the nearest one before it in its clause (`Turnout was 61.3%`,
/// `fined £250,000`, `a storm surge of up to 3.5 metres`), never across a reporting
/// clause, a comma or another figure (`prev_end`), nor across a change (`revenue fell
/// 12%` is a change). A sum over several (`a combined €112 million`) is of no one.
fn measured_of(
    d: &Doc<'_>,
    kind: QuantityKind,
    (sa, sb): (usize, usize),
    (start, end): (usize, usize),
    prev_end: Option<usize>,
) -> Option<&'static str> {
    let at = |m: usize| if m >= sa && m < sb { d.t(m) } else { "" };
    if matches!(at(start.wrapping_sub(1)), "combined" | "total") {
        return None;
    }
    // After: directly, or after `of`/`in` and a determiner, past a conversion in
    // brackets (`24 inches (610 millimetres) of rain`).
    let mut m = end + 1;
    if at(m) == "(" {
        if let Some(close) = (m + 1..sb.min(m + 8)).find(|&x| d.t(x) == ")") {
            m = close + 1;
        }
    }
    if matches!(at(m), "of" | "in") {
        m += 1;
        if matches!(at(m), "the" | "its" | "their" | "his" | "her" | "a") {
            m += 1;
        }
    }
    if m < sb {
        if let Some((v, last)) = measured_word(d, m, sb) {
            // `80% of ballots counted` is the progress of a count, not a share.
            let progress = matches!(
                at(last + 1),
                "counted" | "tallied" | "processed" | "reported" | "declared"
            );
            return (!progress).then_some(v);
        }
    }
    // Before, in the clause.
    let floor = prev_end
        .map_or(sa, |p| p + 1)
        .max(sa)
        .max(start.saturating_sub(12));
    let mut m = start;
    while m > floor {
        m -= 1;
        let w = d.t(m);
        if matches!(w, "," | ";" | ":" | "(" | ")" | "—" | "–")
            || clause_ends_at(d, m)
            || matches!(w, "said" | "says" | "while" | "whereas" | "but")
        {
            return None;
        }
        if kind == QuantityKind::Percent && CHANGE.contains(&w) {
            return None;
        }
        // A two-word name ending here (`storm surge`, `travelling at`), then one word.
        if m > floor {
            let two = d.span(m - 1, m);
            if let Some((_, v)) = MEASURED.iter().find(|(k, _)| k.eq_ignore_ascii_case(two)) {
                return Some(v);
            }
        }
        if let Some((v, _)) = measured_word(d, m, m + 1) {
            return Some(v);
        }
    }
    None
}

/// Whose figure a share or a count of seats is: the named person or organisation of
/// its clause, `for X` right after the figure (`41.9% for Kadyrbekov`), else the
/// nearest name before it and after the previous figure (`Hasanova had 52.8%`,
/// `Hasanova's share at 52%`, `Renewal Party won 64 seats`).
fn holder_of(
    d: &Doc<'_>,
    ents: &[Ent],
    (sa, sb): (usize, usize),
    (start, last): (usize, usize),
    prev_end: Option<usize>,
) -> Option<String> {
    let named = |e: &&Ent| matches!(e.kind, EntityType::Person | EntityType::Organization);
    let mut m = last + 1;
    if m < sb && d.t(m) == "of" {
        // `41.9% of the vote for X`
        m = (m..sb.min(m + 4)).find(|&x| d.t(x) == "for").unwrap_or(m);
    }
    if m < sb && d.t(m) == "for" {
        // `for President Ivan Ostrova`: a title may stand before the name.
        if let Some(e) = ents
            .iter()
            .filter(named)
            .find(|e| e.tok > m && e.tok <= m + 3 && (m + 1..e.tok).all(|x| d.cap(x)))
        {
            return Some(e.name.clone());
        }
    }
    let floor = prev_end
        .map_or(sa, |p| p + 1)
        .max(sa)
        .max(start.saturating_sub(10));
    ents.iter()
        .filter(named)
        .filter(|e| e.tok >= floor && e.tok_end < start)
        .filter(|e| {
            !(e.tok_end + 1..start).any(|x| {
                matches!(d.t(x), ";" | "," | "said" | "says")
                    || CHANGE.contains(&d.t(x))
                    || clause_ends_at(d, x)
            })
        })
        .max_by_key(|e| e.tok_end)
        .map(|e| e.name.clone())
}

/// Words right before a figure that make it an addition to an earlier figure, not the
/// total (`another 12 people died`, `a further 30 were detained`, `an additional 200`).
const INCREMENT_BEFORE: &[&str] = &["another", "further", "additional"];

/// How a figure's wording adds it to an earlier one (see [`increment`]).
enum Added {
    /// `a dozen more deaths`: always an addition.
    More,
    /// `another 12`: an addition, or a second count beside a first one of another event.
    Another,
}

/// Whether the figure from token `start` to `end` is worded as what was added to an
/// earlier figure (`another 12`, `a dozen more deaths`), not the total of the event: a
/// rolling toll's increments are never its total.
fn increment(d: &Doc<'_>, start: usize, end: usize) -> Option<Added> {
    if end + 1 < d.toks.len() && d.t(end + 1).eq_ignore_ascii_case("more") {
        return Some(Added::More);
    }
    (start > 0
        && INCREMENT_BEFORE
            .iter()
            .any(|w| d.t(start - 1).eq_ignore_ascii_case(w)))
    .then_some(Added::Another)
}

/// Whether the clause before a percentage makes it a projection (see [`PROJECTING`]).
fn projected(d: &Doc<'_>, sa: usize, start: usize) -> bool {
    (sa.max(start.saturating_sub(12))..start)
        .rev()
        .take_while(|&m| !matches!(d.t(m), ";" | "."))
        .any(|m| PROJECTING.contains(&d.t(m).to_ascii_lowercase().as_str()))
}

/// The static name of a measured thing already found (see [`MEASURED`]).
fn lex_measured(name: Option<&str>) -> Option<&'static str> {
    let name = name?;
    MEASURED.iter().map(|(_, v)| *v).find(|v| *v == name)
}

/// Who gives a measure, when the sentence says who measured it: a named organisation
/// right before `at` and the figure (`... and Iran's Seismological Center at 6.4`),
/// else the subject of the nearest verb of measuring before the figure (`the Survey
/// measured it at 6.6`, `the centre recorded a magnitude of 6.4`, `gives a magnitude
/// of 6.4`).
fn measurer(d: &Doc<'_>, ents: &[Ent], sa: usize, start: usize) -> Option<String> {
    if start >= sa + 2 && d.t(start - 1) == "at" {
        if let Some(e) = ents
            .iter()
            .find(|e| e.tok_end + 2 == start && e.kind == EntityType::Organization)
        {
            return Some(e.name.clone());
        }
    }
    let v = (sa.max(start.saturating_sub(10))..start).rev().find(|&m| {
        matches!(
            d.t(m),
            "measured" | "recorded" | "registered" | "gives" | "gave" | "put" | "puts"
        )
    })?;
    ents.iter()
        .find(|e| e.tok_end + 1 == v && e.kind == EntityType::Organization)
        .map(|e| e.name.clone())
        .or_else(|| {
            subject_before(d, ents, v, sa)
                .filter(is_source)
                .map(|s| s.name)
        })
}
