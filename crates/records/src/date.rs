//! Civil dates as day numbers: the one place every stage (and the tools) does date
//! arithmetic. A day number counts days since 1970-01-01 in the proleptic Gregorian
//! calendar (Howard Hinnant's algorithms), so that "three days before" or "the same
//! week" is integer arithmetic; ISO `YYYY-MM-DD` strings are what records carry.

/// Day number of a civil date. `m` is 1-12; `d` is not checked against the month
/// (`2022-02-30` is `2022-03-02`): [`parse_day`] checks it.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// ISO `YYYY-MM-DD` of a day number.
pub fn iso(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The names of the days of the week, Monday first: `WEEKDAYS[weekday(z)]` names day `z`.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The names of the months, January first: `MONTHS[m - 1]` names month `m`.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Day of the week of a day number: 0 is Monday, 6 is Sunday.
pub fn weekday(z: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (z + 3).rem_euclid(7)
}

/// Day number of an ISO date `YYYY-MM-DD`; a date-time (`2024-02-29T10:00:00Z`) gives
/// its date. `None` for anything else, or for a day the month does not have.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    civil(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// An ISO date or date-time split into its date (`YYYY-MM-DD`) and, where one is given,
/// its time of day as written after the `T` (`08:00:00Z`, `14:30+02:00`):
/// `2025-11-01T08:00:00Z` gives `("2025-11-01", Some("08:00:00Z"))`. `None` when `s`
/// does not begin with a date [`parse_day`] reads; a time that does not begin with
/// `hh:mm` is left out.
pub fn split_date_time(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim();
    let day = parse_day(s)?;
    let time = s.get(11..).map(str::trim).filter(|t| {
        let b = t.as_bytes();
        b.len() >= 5
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2] == b':'
            && b[3..5].iter().all(u8::is_ascii_digit)
    });
    Some((iso(day), time.map(str::to_string)))
}

/// Day number of the first day of an ISO date, month (`YYYY-MM`) or year (`YYYY`);
/// `None` for anything else.
pub fn parse_period_start(s: &str) -> Option<i64> {
    let s = s.trim();
    match s.len() {
        4 => civil(s.parse().ok()?, 1, 1),
        7 if s.as_bytes()[4] == b'-' => civil(s[..4].parse().ok()?, s[5..].parse().ok()?, 1),
        _ => parse_day(s),
    }
}

/// A checked civil date's day number.
fn civil(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let z = days_from_civil(y, m, d);
    (civil_from_days(z) == (y, m, d)).then_some(z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_days() {
        for z in [-1000, -1, 0, 11_017, 19_000, 19_367, 30_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
            assert_eq!(parse_day(&iso(z)), Some(z));
        }
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(
            split_date_time("2025-11-01T08:00:00Z"),
            Some(("2025-11-01".to_string(), Some("08:00:00Z".to_string())))
        );
        assert_eq!(
            split_date_time(" 2022-01-10 "),
            Some(("2022-01-10".to_string(), None))
        );
        assert_eq!(
            split_date_time("2022-01-10Tnoon"),
            Some(("2022-01-10".to_string(), None))
        );
        assert_eq!(split_date_time("January 10, 2022"), None);
        assert_eq!(split_date_time("2022-02-30T10:00"), None);
        assert_eq!(parse_day("2000-03-01"), Some(11_017));
        assert_eq!(parse_day("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(weekday(days_from_civil(2022, 1, 10)), 0, "a Monday");
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
    }

    #[test]
    fn what_is_not_a_day() {
        for s in [
            "2024-13-01",
            "2023-02-29",
            "2024-04-31",
            "2024",
            "",
            "Jan 5",
            "2022-1-5",
            "2024-01-01x",
        ] {
            assert_eq!(parse_day(s), None, "{s}");
        }
    }

    #[test]
    fn periods_start_on_their_first_day() {
        assert_eq!(parse_period_start("2022"), parse_day("2022-01-01"));
        assert_eq!(parse_period_start("2022-07"), parse_day("2022-07-01"));
        assert_eq!(parse_period_start("2022-07-09"), parse_day("2022-07-09"));
        assert_eq!(parse_period_start("2022-13"), None);
        assert_eq!(parse_period_start("July"), None);
    }
}
