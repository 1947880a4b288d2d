//! The interval rules: how wording around a number widens it into the range it
//! allows. This module is the only place they live; `README.md` carries the same
//! table for readers.
//!
//! No rule invents a bound the wording does not set: `more than` and `at least` have
//! no upper end (`f64::INFINITY`, an empty `high` in the reports), `up to` and `fewer
//! than` start at zero.

/// How a qualifier turns a stated value `x` into an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `almost`, `nearly`: a little below, up to the value: `[0.9x, x]`.
    Below,
    /// `about`, `around`, `some`, `roughly`: either side: `[0.9x, 1.1x]`.
    Around,
    /// `more than`, `over`: above the value, open: `[x+1, ∞)` for whole counts, `[x, ∞)` otherwise.
    Above,
    /// `at least`: the value or more, open: `[x, ∞)`.
    AtLeast,
    /// `up to`, `at most`: `[0, x]`.
    AtMost,
    /// `fewer than`, `less than`, `under`: `[0, x-1]` for whole counts, `[0, x]` otherwise.
    Under,
    /// `exactly`, `a total of`: the value, exact.
    Exact,
}

/// Qualifiers before a number, longest first within a shared start. Matched on the
/// lower-cased words directly before the number.
pub const QUALIFIERS: &[(&str, Rule)] = &[
    ("just under", Rule::Below),
    ("just short of", Rule::Below),
    ("close to", Rule::Below),
    ("nearly", Rule::Below),
    ("almost", Rule::Below),
    ("approaching", Rule::Below),
    ("about", Rule::Around),
    ("around", Rule::Around),
    ("roughly", Rule::Around),
    ("approximately", Rule::Around),
    ("some", Rule::Around),
    ("an estimated", Rule::Around),
    ("estimated at", Rule::Around),
    ("estimated", Rule::Around),
    ("circa", Rule::Around),
    ("more or less", Rule::Around),
    ("just over", Rule::Above),
    ("well over", Rule::Above),
    ("more than", Rule::Above),
    ("over", Rule::Above),
    ("above", Rule::Above),
    ("in excess of", Rule::Above),
    ("upwards of", Rule::Above),
    ("no fewer than", Rule::AtLeast),
    ("no less than", Rule::AtLeast),
    ("at least", Rule::AtLeast),
    ("as many as", Rule::AtMost),
    ("as much as", Rule::AtMost),
    ("up to", Rule::AtMost),
    ("at most", Rule::AtMost),
    ("no more than", Rule::AtMost),
    ("fewer than", Rule::Under),
    ("less than", Rule::Under),
    ("under", Rule::Under),
    ("below", Rule::Under),
    ("exactly", Rule::Exact),
    ("precisely", Rule::Exact),
    ("a total of", Rule::Exact),
];

/// Vague amounts with no digits, and the interval each allows. Matched on lower-cased
/// words; longer phrases win.
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("hundreds of thousands", 200_000.0, 999_999.0),
    ("tens of thousands", 20_000.0, 99_999.0),
    ("tens of millions", 20_000_000.0, 99_999_999.0),
    ("several hundred thousand", 200_000.0, 999_999.0),
    ("several hundred", 200.0, 999.0),
    ("several thousand", 2_000.0, 9_999.0),
    ("several million", 2_000_000.0, 9_999_999.0),
    ("several dozen", 24.0, 99.0),
    ("a few hundred", 200.0, 500.0),
    ("a few thousand", 2_000.0, 5_000.0),
    ("a few dozen", 24.0, 60.0),
    ("a couple of hundred", 200.0, 300.0),
    ("a couple hundred", 200.0, 300.0),
    ("a dozen", 12.0, 12.0),
    ("half a dozen", 6.0, 6.0),
    ("a handful", 2.0, 5.0),
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 199.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2_000.0, 9_999.0),
    ("millions", 2_000_000.0, 9_999_999.0),
    ("tens", 20.0, 99.0),
    ("several", 3.0, 9.0),
];

/// Applies `rule` to a stated interval `[lo, hi]` (equal for a plain number).
/// `whole` says the value counts whole things, so `more than 40` starts at 41.
pub fn apply(rule: Rule, lo: f64, hi: f64, whole: bool) -> (f64, f64) {
    let step = if whole && lo.fract() == 0.0 { 1.0 } else { 0.0 };
    match rule {
        Rule::Below => (round(lo * 0.9), hi),
        Rule::Around => (round(lo * 0.9), round(hi * 1.1)),
        Rule::Above => (lo + step, f64::INFINITY),
        Rule::AtLeast => (lo, f64::INFINITY),
        Rule::AtMost => (0.0, hi),
        Rule::Under => (0.0, (hi - step).max(0.0)),
        Rule::Exact => (lo, hi),
    }
}

fn round(x: f64) -> f64 {
    if x.abs() >= 10.0 {
        x.round()
    } else {
        (x * 100.0).round() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rule: Rule, x: f64, expected: (f64, f64)) {
        assert_eq!(apply(rule, x, x, true), expected, "{rule:?} {x}");
    }

    #[test]
    fn rules() {
        check(Rule::Below, 8000.0, (7200.0, 8000.0));
        check(Rule::Around, 8000.0, (7200.0, 8800.0));
        check(Rule::Above, 164.0, (165.0, f64::INFINITY));
        check(Rule::AtLeast, 10.0, (10.0, f64::INFINITY));
        assert_eq!(apply(Rule::Above, 2.5, 2.5, false), (2.5, f64::INFINITY));
        check(Rule::AtMost, 50.0, (0.0, 50.0));
        check(Rule::Under, 50.0, (0.0, 49.0));
        check(Rule::Exact, 4817.0, (4817.0, 4817.0));
    }

    #[test]
    fn vague_table_is_sane() {
        for (phrase, lo, hi) in VAGUE {
            assert!(lo <= hi, "{phrase}");
        }
    }
}
