//! Datelines (`CITY, Country (AGENCY) —`) recognised by their shape, and the
//! article's own date from metadata, a dateline, a timestamp or the text.

use std::sync::LazyLock;

use regex::Regex;

/// A dateline at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte length of the dateline in the paragraph, separator included.
    pub len: usize,
    /// The place as written (`CITY, Country`).
    pub place: String,
    /// The agency in brackets, if any.
    pub agency: Option<String>,
    /// A date inside the dateline (`Jan 10`), if any.
    pub date: Option<String>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{Lu}'’.\-]+(?:[ \-]\p{Lu}[\p{Lu}'’.\-]+){0,3}(?:,\s*\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,2})?)(?:,\s*(?P<date>\p{Lu}[a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\((?P<agency>[^()]{1,40})\))?\s*(?:—|–|--|-|:)\s+",
    )
    .unwrap_or_else(|e| panic!("bad built-in dateline pattern: {e}"))
});

/// The dateline at the start of `paragraph`, by shape: a place in capitals, an
/// optional region, date and agency, then a dash.
pub fn find(paragraph: &str) -> Option<Found> {
    let caps = DATELINE.captures(paragraph)?;
    let place = caps.name("place")?.as_str().to_string();
    // The first word must be all capitals and at least two letters: `WASHINGTON —`,
    // not a sentence that starts `I — ...`.
    let first = place.split([' ', ',']).next().unwrap_or("");
    if first.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let end = caps.get(0)?.end();
    // A dateline is followed by the sentence it opens.
    if paragraph[end..].split_whitespace().count() < 4 {
        return None;
    }
    Some(Found {
        len: end,
        place,
        agency: caps.name("agency").map(|m| m.as_str().trim().to_string()),
        date: caps.name("date").map(|m| m.as_str().to_string()),
    })
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})").unwrap_or_else(|e| panic!("{e}")));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .unwrap_or_else(|e| panic!("{e}"))
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The first full calendar date in `text` as ISO `YYYY-MM-DD`: ISO dates,
/// `January 10, 2022`, `Jan. 10 2022`, `10 January 2022`.
pub fn first_date(text: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    let mut consider = |at: usize, y: &str, m: usize, d: &str| {
        let (Ok(y), Ok(d)) = (y.parse::<u32>(), d.parse::<u32>()) else {
            return;
        };
        if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return;
        }
        if best.as_ref().is_none_or(|(b, _)| at < *b) {
            best = Some((at, format!("{y:04}-{m:02}-{d:02}")));
        }
    };
    if let Some(c) = ISO.captures(text) {
        if let (Some(all), Ok(m)) = (c.get(0), c[2].parse::<usize>()) {
            consider(all.start(), &c[1], m, &c[3]);
        }
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        if let (Some(all), Some(m)) = (c.get(0), month(&c[1])) {
            consider(all.start(), &c[3], m, &c[2]);
        }
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        if let (Some(all), Some(m)) = (c.get(0), month(&c[2])) {
            consider(all.start(), &c[3], m, &c[1]);
        }
    }
    best.map(|(_, iso)| iso)
}

fn month(name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(paragraph: &str, expected: Option<(&str, Option<&str>)>) {
        let found = find(paragraph);
        assert_eq!(
            found
                .as_ref()
                .map(|f| (f.place.as_str(), f.agency.as_deref())),
            expected,
            "{paragraph}"
        );
    }

    #[test]
    fn datelines_by_shape() {
        check(
            "NAIROBI, Kenya (AP) — Heavy rains flooded the city overnight, officials said.",
            Some(("NAIROBI, Kenya", Some("AP"))),
        );
        check(
            "WASHINGTON — The Senate passed the bill late on Tuesday night.",
            Some(("WASHINGTON", None)),
        );
        check(
            "SÃO PAULO (Reuters) - Brazil's central bank held rates steady on Wednesday.",
            Some(("SÃO PAULO", Some("Reuters"))),
        );
        check(
            "LONDON, Jan 10 (Reuters) - British retail sales fell sharply in December.",
            Some(("LONDON", Some("Reuters"))),
        );
        check("I — for one — do not agree with the decision at all.", None);
        check(
            "The mayor — who was elected last year — resigned on Friday.",
            None,
        );
    }

    fn check_date(text: &str, expected: Option<&str>) {
        assert_eq!(first_date(text).as_deref(), expected, "{text}");
    }

    #[test]
    fn dates_in_text() {
        check_date("Published 2021-03-04T10:00:00Z", Some("2021-03-04"));
        check_date(
            "on January 10, 2022. Later on Feb. 2, 2023",
            Some("2022-01-10"),
        );
        check_date("Updated 5 March 2020", Some("2020-03-05"));
        check_date("Sept. 30th, 2019", Some("2019-09-30"));
        check_date("on Monday", None);
        check_date("2022-13-45", None);
    }
}
