//! The CSV conventions of `reports.md`: UTF-8 with a byte-order mark (so that Excel
//! does not read the file as the local code page), a header row, CRLF line ends,
//! RFC 4180 quoting, plain numbers, and cells a spreadsheet would run as formulas
//! neutralised.
//!
//! Quoting: every cell that is not a plain number is wrapped in double quotes (inner
//! quotes doubled), as OWASP recommends for CSV injection; this also protects commas,
//! quotes, line breaks and tabs, which RFC 4180's minimal quoting would leave bare.
//! Numbers stay unquoted, so a spreadsheet reads them as numbers.

use std::borrow::Cow;

use crate::table::{RowSource, Table};

/// The UTF-8 byte-order mark every CSV file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Renders a table as CSV bytes.
pub fn render(table: &Table) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing into a Vec cannot fail, and every record has the header's length; a
    // failure would be a bug here, so it ends the file rather than the report.
    let _ = write(table, &mut bytes);
    bytes
}

/// Writes a table as CSV into `out`, a row at a time.
pub fn write(table: &impl RowSource, mut out: impl std::io::Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::NonNumeric)
        .from_writer(out);
    writer.write_record(table.columns().iter().map(|c| c.name))?;
    table.try_for_each_row(&mut |row, _| {
        for cell in row {
            writer.write_field(neutralise(&cell.plain()).as_bytes())?;
        }
        writer.write_record(None::<&[u8]>)
    })?;
    writer.flush()
}

/// Characters that make a spreadsheet read a cell as a formula when they open it
/// (OWASP, "CSV Injection"), with their full-width forms, which some East Asian
/// spreadsheet locales also accept.
fn is_formula_trigger(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    )
}

/// Neutralises a cell a spreadsheet would read as a formula, as OWASP recommends:
/// prefix it with a single quote so it is read as text. A cell is risky when it starts
/// with a tab or carriage return, or when its first character after any whitespace
/// and invisible formatting characters (bidi marks, zero-width spaces) is `=`, `+`,
/// `-` or `@` (or their full-width forms): spreadsheets skip such leading characters.
/// Plain numbers such as `-3` or `+1.5e3` are not formulas and stay as they are.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let starts_with_control = cell.starts_with(['\t', '\r']);
    let rest =
        cell.trim_start_matches(|c: char| c.is_whitespace() || crate::text::is_invisible_format(c));
    let risky =
        starts_with_control || (rest.starts_with(is_formula_trigger) && !is_plain_number(rest));
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether `s` is a plain decimal number: optional sign, digits with an optional
/// fraction, optional exponent (`-3`, `+0.5`, `1e6`). No thousands separators, no
/// `inf` or `NaN`, which a spreadsheet would not read as numbers.
pub fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// Plain number: no thousands separators, no exponent, no trailing `.0`, at most four
/// decimals (`7939`, `0.82`, `-3`).
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let s = format!("{value:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_neutralise(input: &str, expected: &str) {
        assert_eq!(neutralise(input), expected, "input {input:?}");
    }

    #[test]
    fn formulas_are_neutralised_but_numbers_are_not() {
        check_neutralise("=1+1", "'=1+1");
        check_neutralise("@SUM(A1)", "'@SUM(A1)");
        check_neutralise("+x", "'+x");
        check_neutralise("-x", "'-x");
        check_neutralise("-2+3", "'-2+3");
        check_neutralise("-inf", "'-inf");
        check_neutralise("\tx", "'\tx");
        check_neutralise("\r=1", "'\r=1");
        check_neutralise("  =1", "'  =1");
        check_neutralise("\u{200F}=HYPERLINK(\"x\")", "'\u{200F}=HYPERLINK(\"x\")");
        check_neutralise("\u{202E}@x", "'\u{202E}@x");
        check_neutralise("\u{FF1D}1+1", "'\u{FF1D}1+1");
        check_neutralise("-3", "-3");
        check_neutralise("+1.5e3", "+1.5e3");
        check_neutralise("-0.82", "-0.82");
        check_neutralise(" -3", " -3");
        check_neutralise("plain", "plain");
        check_neutralise("a=b", "a=b");
        check_neutralise("", "");
        check_neutralise("2022-01-10", "2022-01-10");
    }

    #[test]
    fn plain_numbers() {
        for yes in [
            "0", "-3", "+3", "4817", "0.82", ".5", "5.", "1e6", "-1.5E-3",
        ] {
            assert!(is_plain_number(yes), "{yes}");
        }
        for no in [
            "", "-", "+", ".", "1e", "1,000", "inf", "NaN", "1-2", "--3", "3 ", "0x10",
        ] {
            assert!(!is_plain_number(no), "{no}");
        }
    }

    #[test]
    fn numbers_are_plain() {
        let check = |v: f64, expected: &str| assert_eq!(format_number(v), expected, "{v}");
        check(4817.0, "4817");
        check(0.82, "0.82");
        check(-3.0, "-3");
        check(1e20, "100000000000000000000");
        check(0.00001, "0");
        check(-0.00001, "0");
        check(12.5, "12.5");
        check(f64::NAN, "");
    }
}
