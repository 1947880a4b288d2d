//! The report contract (`shared/docs/reports.md`) checked on a rich synthetic fixture:
//! CSV conventions, hostile cells, determinism, the workbook against the CSV files,
//! the readable pages.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use common::*;
use report::{ReportConfig, ReportFile, neutralise, render};

fn files(rec: &records::Reconciled) -> BTreeMap<String, Vec<u8>> {
    render(rec, &ReportConfig::default())
        .into_iter()
        .map(|ReportFile { name, bytes }| (name, bytes))
        .collect()
}

fn text_of(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"))
}

/// A CSV file read back with the csv crate: header and rows.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .expect("CSV starts with a UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("well-formed CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

/// The CSV rows of `file` as maps from column name to cell.
fn rows_of(files: &BTreeMap<String, Vec<u8>>, file: &str) -> Vec<BTreeMap<String, String>> {
    let (header, rows) = read_csv(&files[file]);
    rows.into_iter()
        .map(|row| header.iter().cloned().zip(row).collect())
        .collect()
}

const CONTRACT: &[(&str, &[&str])] = &[
    (
        "sources.csv",
        &[
            "source_id",
            "file",
            "title",
            "outlet",
            "published",
            "words",
            "status",
            "story_id",
            "group_id",
        ],
    ),
    (
        "entities.csv",
        &[
            "entity_id",
            "name",
            "type",
            "roles",
            "aliases",
            "variants",
            "sources",
            "mentions",
            "source_ids",
        ],
    ),
    (
        "facts.csv",
        &[
            "fact_id",
            "story_id",
            "what",
            "status",
            "best_estimate",
            "values",
            "sources",
            "independent_sources",
            "attributed_to",
            "evidence",
        ],
    ),
    (
        "fact_mentions.csv",
        &[
            "fact_id",
            "source_id",
            "text",
            "low",
            "high",
            "unit",
            "event",
            "attributed_to",
            "hedged",
            "retracted",
            "as_of",
            "sentence",
            "start",
            "end",
        ],
    ),
    (
        "quotes.csv",
        &[
            "quote_id",
            "source_id",
            "speaker",
            "kind",
            "wording",
            "sources",
            "text",
            "start",
            "end",
        ],
    ),
    (
        "conflicts.csv",
        &[
            "conflict_id",
            "kind",
            "story_id",
            "subject",
            "source_a",
            "value_a",
            "source_b",
            "value_b",
            "note",
        ],
    ),
    (
        "source_pairs.csv",
        &[
            "source_a",
            "source_b",
            "similarity",
            "shared_facts",
            "relation",
        ],
    ),
    (
        "timeline.csv",
        &["date", "story_id", "event", "sources", "source_ids"],
    ),
    ("errors.csv", &["source_id", "stage", "error"]),
];

#[test]
fn every_file_of_the_contract_is_rendered() {
    let names: Vec<String> = render(&fixture(), &ReportConfig::default())
        .into_iter()
        .map(|f| f.name)
        .collect();
    // The CSV files in the workbook's order of sheets (conflicts first), each once.
    let mut expected: Vec<String> = report::table::SHEETS
        .iter()
        .map(|n| format!("{n}.csv"))
        .collect();
    expected.extend(
        [
            "summary.md",
            "claim_review.jsonld",
            "report.html",
            "corroborate.xlsx",
        ]
        .map(String::from),
    );
    assert_eq!(names, expected);
    let mut contract: Vec<&str> = CONTRACT.iter().map(|(n, _)| *n).collect();
    let mut csv: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| n.ends_with(".csv"))
        .collect();
    contract.sort_unstable();
    csv.sort_unstable();
    assert_eq!(csv, contract);

    let config = ReportConfig {
        workbook: false,
        html: false,
        ..ReportConfig::default()
    };
    let names: Vec<String> = render(&fixture(), &config)
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names.last().map(String::as_str),
        Some("claim_review.jsonld")
    );
    assert_eq!(names.len(), CONTRACT.len() + 2);
}

#[test]
fn csv_files_have_bom_crlf_and_the_contract_columns_first() {
    let files = files(&fixture());
    for (name, leading) in CONTRACT {
        let bytes = &files[*name];
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: no BOM");
        assert!(!bytes[3..].starts_with(b"\xEF\xBB\xBF"), "{name}: two BOMs");
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let first_line = text[3..].split("\r\n").next().unwrap_or("");
        assert!(text.ends_with("\r\n"), "{name}: records end with CRLF");
        let (header, rows) = read_csv(bytes);
        assert_eq!(
            &header[..leading.len()],
            *leading,
            "{name}: leading columns"
        );
        assert!(
            first_line.starts_with(&format!("\"{}\"", leading[0])),
            "{name}: header {first_line}"
        );
        assert!(
            !rows.is_empty(),
            "{name}: the fixture has rows for every file"
        );
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{name}: ragged row {row:?}");
        }
    }
}

fn check_cell(
    files: &BTreeMap<String, Vec<u8>>,
    file: &str,
    key: (&str, &str),
    column: &str,
    expected: &str,
) {
    let rows = rows_of(files, file);
    let row = rows
        .iter()
        .find(|r| r.get(key.0).map(String::as_str) == Some(key.1))
        .unwrap_or_else(|| panic!("{file}: no row with {} = {:?}", key.0, key.1));
    assert_eq!(row[column], expected, "{file}: {column} of {}", key.1);
}

#[test]
fn hostile_cells_survive_a_csv_reader_and_are_neutralised() {
    let files = files(&fixture());
    // Formula starts get the quote prefix; quotes, commas, line breaks, tabs and bidi
    // controls come back exactly.
    check_cell(
        &files,
        "sources.csv",
        ("source_id", "src2.txt"),
        "title",
        &format!("'{TITLE_FORMULA}"),
    );
    check_cell(
        &files,
        "sources.csv",
        ("source_id", "src10.txt"),
        "title",
        TITLE_SCRIPT,
    );
    check_cell(
        &files,
        "sources.csv",
        ("source_id", "wire/a.txt"),
        "title",
        TITLE_BIDI,
    );
    check_cell(
        &files,
        "sources.csv",
        ("source_id", "c.html"),
        "title",
        "'-40 degrees: cold snap grips the north",
    );
    check_cell(
        &files,
        "sources.csv",
        ("source_id", "d.json#1"),
        "outlet",
        "'@Polar_Bulletin",
    );
    check_cell(
        &files,
        "errors.csv",
        ("source_id", "c.html"),
        "error",
        &format!("'{ERROR_AT}"),
    );
    check_cell(
        &files,
        "quotes.csv",
        ("start", "410"),
        "text",
        &format!("'{QUOTE_PLUS}"),
    );
    check_cell(
        &files,
        "quotes.csv",
        ("start", "500"),
        "text",
        "the water\nwould recede by Monday",
    );
    check_cell(
        &files,
        "quotes.csv",
        ("quote_id", "Q10"),
        "text",
        "'@everyone stay indoors",
    );
    check_cell(
        &files,
        "facts.csv",
        ("fact_id", "F10"),
        "evidence",
        &format!("'{SENTENCE_MINUS}"),
    );
    check_cell(
        &files,
        "entities.csv",
        ("entity_id", "E2"),
        "variants",
        "Velicov (b.md); =Velikof (src10.txt)",
    );
    check_cell(
        &files,
        "entities.csv",
        ("entity_id", "E10"),
        "name",
        "Lowland, \"North\" Province",
    );
    check_cell(
        &files,
        "conflicts.csv",
        ("conflict_id", "C10"),
        "value_b",
        "'=cmd|' /C calc'!A0",
    );
    check_cell(
        &files,
        "fact_mentions.csv",
        ("start", "88"),
        "sentence",
        "About 3,000\tpeople were evacuated.",
    );
    // Plain numbers stay numbers, negative ones included.
    check_cell(&files, "fact_mentions.csv", ("text", "-40"), "low", "-40");
    check_cell(
        &files,
        "fact_mentions.csv",
        ("text", "-32.5"),
        "high",
        "-32.5",
    );
    check_cell(
        &files,
        "conflicts.csv",
        ("conflict_id", "C3"),
        "value_a",
        "-40",
    );
    check_cell(
        &files,
        "facts.csv",
        ("fact_id", "F4"),
        "best_estimate",
        "'-40--38",
    );
    check_cell(
        &files,
        "facts.csv",
        ("fact_id", "F2"),
        "best_estimate",
        "3000",
    );
    check_cell(
        &files,
        "facts.csv",
        ("fact_id", "F10"),
        "best_estimate",
        "400-450",
    );
    check_cell(
        &files,
        "source_pairs.csv",
        ("source_a", "src10.txt"),
        "similarity",
        "0.913",
    );

    // No cell anywhere would run as a formula.
    for (name, _) in CONTRACT {
        let (_, rows) = read_csv(&files[*name]);
        for cell in rows.iter().flatten() {
            assert_eq!(
                neutralise(cell),
                *cell,
                "{name}: cell {cell:?} is still a formula"
            );
        }
    }
}

#[test]
fn numbers_are_plain_and_unquoted_and_text_is_quoted() {
    let files = files(&fixture());
    let facts = text_of(&files, "facts.csv");
    assert!(
        facts.contains("\"F2\",\"S1\",\"people evacuated\",\"agreed\",3000,"),
        "{facts}"
    );
    let mentions = text_of(&files, "fact_mentions.csv");
    assert!(mentions.contains(",-40,-40,"), "{mentions}");
    assert!(mentions.contains(",3000,3000,"), "{mentions}");
    let sources = text_of(&files, "sources.csv");
    assert!(
        sources.contains(",\"2031-04-03\","),
        "ISO dates stay as written: {sources}"
    );
    // A tab inside a cell is quoted like a comma would be.
    assert!(
        mentions.contains("\"About 3,000\tpeople were evacuated.\""),
        "{mentions}"
    );
}

#[test]
fn rows_follow_the_documented_order() {
    let files = files(&shuffled(7));
    let column = |file: &str, col: &str| -> Vec<String> {
        rows_of(&files, file)
            .into_iter()
            .map(|r| r[col].clone())
            .collect()
    };
    assert_eq!(
        column("sources.csv", "source_id"),
        [
            "b.md",
            "broken.bin",
            "c.html",
            "d.json#1",
            "src2.txt",
            "src3.txt",
            "src10.txt",
            "wire/a.txt"
        ]
    );
    // Entities by name, facts by story and what (ids come from content, see
    // reconcile's `ids`, so they are no order a reader follows).
    assert_eq!(column("entities.csv", "entity_id"), ["E2", "E10", "E1"]);
    assert_eq!(
        column("facts.csv", "fact_id"),
        ["F10", "F2", "F1", "F3", "F4"]
    );
    assert_eq!(
        column("fact_mentions.csv", "source_id")[..4],
        ["b.md", "src2.txt", "src10.txt", "wire/a.txt"],
        "mentions of F1 by source"
    );
    assert_eq!(
        column("conflicts.csv", "conflict_id"),
        ["C2", "C1", "C10", "C3"],
        "by story, kind and subject"
    );
    assert_eq!(
        column("timeline.csv", "date"),
        [
            "2031-01",
            "2031-04-01",
            "2031-04-02",
            "2031-04-02",
            "2031-04-10"
        ]
    );
    assert_eq!(column("quotes.csv", "quote_id"), ["Q1", "Q1", "Q2", "Q10"]);
    // Lists of source ids inside a cell are sorted too.
    assert_eq!(
        column("entities.csv", "source_ids")[2],
        "b.md; src2.txt; src10.txt; wire/a.txt"
    );
}

#[test]
fn two_renders_are_byte_identical_whatever_the_input_order() {
    let reference = files(&fixture());
    assert_eq!(files(&fixture()), reference, "same input, same bytes");
    for seed in [1, 2, 3, 42, 1000] {
        let other = files(&shuffled(seed));
        for (name, bytes) in &reference {
            assert!(
                other[name] == *bytes,
                "{name} differs when the input is shuffled with seed {seed}"
            );
        }
    }
}

fn workbook_sheets(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("the workbook opens")
}

#[test]
fn the_workbook_matches_the_csv_files_cell_by_cell() {
    let files = files(&fixture());
    let mut workbook = workbook_sheets(&files["corroborate.xlsx"]);
    assert_eq!(workbook.sheet_names(), sheet_order());
    let expected_sheets: Vec<String> = CONTRACT
        .iter()
        .map(|(n, _)| n.trim_end_matches(".csv").to_string())
        .collect();
    for sheet in &expected_sheets {
        let (header, rows) = read_csv(&files[&format!("{sheet}.csv")]);
        let range = workbook.worksheet_range(sheet).expect("sheet reads");
        let cells: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Empty => String::new(),
                        Data::String(s) => neutralise(s).into_owned(),
                        Data::Float(f) => report::format_number(*f),
                        Data::Int(i) => i.to_string(),
                        Data::Bool(b) => b.to_string(),
                        // A date: days since 1899-12-30, shown as the CSV's ISO day.
                        Data::DateTime(d) => records::date::iso(d.as_f64() as i64 - 25_569),
                        other => panic!("{sheet}: unexpected cell {other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(cells.len(), rows.len() + 1, "{sheet}: rows");
        assert_eq!(cells[0], header, "{sheet}: header");
        for (i, (got, want)) in cells[1..].iter().zip(&rows).enumerate() {
            // A trailing empty cell may be absent from the sheet's range.
            let mut got = got.clone();
            got.resize(want.len(), String::new());
            assert_eq!(&got, want, "{sheet}: row {}", i + 1);
        }
        // Text is stored as text, never as a formula.
        let formulas = workbook.worksheet_formula(sheet).expect("formulas read");
        assert!(
            formulas.cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}: holds a formula"
        );
    }
}

#[test]
fn the_workbook_holds_numbers_as_numbers_and_hostile_text_as_it_was() {
    let files = files(&fixture());
    let mut workbook = workbook_sheets(&files["corroborate.xlsx"]);
    let sources = workbook.worksheet_range("sources").expect("sources sheet");
    let titles: Vec<&Data> = sources.rows().skip(1).map(|r| &r[2]).collect();
    assert!(
        titles.contains(&&Data::String(TITLE_FORMULA.to_string())),
        "{titles:?}"
    );
    assert!(
        titles.contains(&&Data::String(TITLE_BIDI.to_string())),
        "{titles:?}"
    );
    assert!(
        sources
            .rows()
            .skip(1)
            .all(|r| matches!(r[5], Data::Float(_))),
        "words are numbers"
    );
}

#[test]
fn html_escapes_hostile_text_and_loads_nothing() {
    let files = files(&fixture());
    let html = text_of(&files, "report.html");
    for forbidden in [
        "<script",
        "<img",
        "<iframe",
        "<link",
        "<object",
        "<embed",
        "url(",
        "@import",
        "<b>bold</b>",
        "\u{202E}",
        "\u{200F}",
    ] {
        assert!(!html.contains(forbidden), "report.html holds {forbidden:?}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "the hostile title is shown escaped"
    );
    assert!(
        html.contains("[U+202E]"),
        "the bidi override is shown, not applied"
    );
    assert!(
        html.contains("Content-Security-Policy"),
        "a policy forbids loading anything"
    );
    // Nothing is loaded from outside the page: no source of an element, no style sheet
    // or import, no url() in a style (checked above).
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        for loaded in [" src=", " srcset=", "stylesheet", " data=", " poster="] {
            assert!(
                !tag.contains(loaded),
                "report.html loads {loaded:?}: <{tag}>"
            );
        }
    }
    // A link a reader follows stays inside the page, or opens a source's article at
    // its http(s) address; any other scheme (the fixture's `javascript:`) is text.
    for (i, _) in html.match_indices("href=") {
        let rest = &html[i..];
        let tag_start = html[..i].rfind('<').expect("inside a tag");
        assert!(
            html[tag_start..].starts_with("<a "),
            "href outside a link at {}",
            &rest[..60.min(rest.len())]
        );
        assert!(
            rest.starts_with("href=\"#")
                || rest.starts_with("href=\"https://")
                || rest.starts_with("href=\"http://"),
            "a link that is neither in the page nor to a web page at {}",
            &rest[..60.min(rest.len())]
        );
    }
    assert!(
        html.contains("<a href=\"https://news.example/b.md\" rel=\"noopener noreferrer\">"),
        "a source's name opens its article"
    );
    assert!(
        !html.contains("javascript:"),
        "a javascript: address is no link"
    );
    // The pictures: a number line per disputed figure (F1 and F4), a similarity matrix
    // per story with two sources or more, a timeline per story with dated events.
    assert_eq!(html.matches("aria-label=\"number line").count(), 2);
    assert_eq!(html.matches("aria-label=\"similarity matrix\"").count(), 2);
    // S2's one event is dated by its month only: background, listed, not on an axis.
    assert_eq!(html.matches("aria-label=\"timeline\"").count(), 1);
    assert!(
        html.contains("Background, not on the axis: 2031-01 (#"),
        "S2's month"
    );
    assert!(
        html.contains("(retracted)"),
        "the withdrawn figure is marked on its number line"
    );
}

#[test]
fn the_summary_has_every_section_and_escapes_markdown() {
    let files = files(&fixture());
    let md = text_of(&files, "summary.md");
    for heading in [
        "## Stories",
        "## Sources and their independence",
        "## Conflicts",
        "## Best-corroborated facts",
        "## Statements in several sources",
        "## Name variants",
        "## Retracted figures",
        "## Errors",
    ] {
        assert!(md.contains(heading), "summary.md lacks {heading}");
    }
    assert!(md.contains("8 sources (6 ok) in 2 stories"), "{md}");
    assert!(
        md.contains("### Story S1 (2031-04-02 to 2031-04-04)"),
        "{md}"
    );
    assert!(md.contains("- 4 sources, 3 independent"), "{md}");
    assert!(
        md.contains("### C1 · number · people killed (story S1)"),
        "{md}"
    );
    assert!(md.contains("  - \"The river flood killed 120 people, the Ministry of Emergencies said on Thursday.\" (chars 23-26)"), "{md}");
    assert!(
        md.contains("| F1 | people killed | wire/a.txt | Nearly 200 |"),
        "retracted figure listed: {md}"
    );
    assert!(
        md.contains("\\<script\\>"),
        "HTML in a title is escaped: {md}"
    );
    assert!(!md.contains("<script>") && !md.contains("\u{202E}"), "{md}");
    assert!(
        md.contains("| Velicov (b.md); =Velikof (src10.txt) |"),
        "{md}"
    );
    assert!(
        md.contains("- **Q1** Ardan Velikov (2 sources, wording variant):"),
        "{md}"
    );
    assert!(
        md.contains("  - Valley Courier: \"\\+We will rebuild"),
        "{md}"
    );
    assert!(
        !md.contains("**Q2**"),
        "a statement from one source is not listed: {md}"
    );
    // Best-corroborated: most independent sources first.
    let best = md.split("## Best-corroborated facts").nth(1).unwrap_or("");
    let first_row = best.lines().find(|l| l.starts_with("| F")).unwrap_or("");
    assert!(first_row.starts_with("| F1 |"), "{first_row}");
}

#[test]
fn an_empty_run_renders_every_file() {
    let files = files(&records::Reconciled::default());
    for (name, leading) in CONTRACT {
        let (header, rows) = read_csv(&files[*name]);
        assert_eq!(&header[..leading.len()], *leading);
        assert!(rows.is_empty());
    }
    assert!(text_of(&files, "summary.md").contains("No story"));
    assert!(text_of(&files, "report.html").contains("No figure is disputed"));
    let mut workbook = workbook_sheets(&files["corroborate.xlsx"]);
    assert_eq!(workbook.sheet_names().len(), CONTRACT.len() + 1);
    assert!(workbook.worksheet_range("facts").is_ok());
}

#[test]
fn render_streaming_gives_the_same_files_and_leaves_the_records_as_they_came() {
    for seed in [1, 42] {
        let mut rec = shuffled(seed);
        // A repeated id inside a row, which the reports list once.
        if let Some(e) = rec.entities.iter_mut().find(|e| !e.source_ids.is_empty()) {
            let first = e.source_ids[0].clone();
            e.source_ids.push(first);
        }
        let before = rec.clone();
        let mut streamed = BTreeMap::new();
        report::render_streaming(&mut rec, &ReportConfig::default(), &mut |name, write| {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            assert!(
                streamed.insert(name.to_string(), bytes).is_none(),
                "{name} twice"
            );
            Ok(())
        })
        .expect("rendered");
        assert!(rec == before, "the records changed (seed {seed})");
        let rendered = files(&before);
        assert_eq!(
            streamed.keys().collect::<Vec<_>>(),
            rendered.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &rendered {
            assert!(
                streamed[name] == *bytes,
                "{name} differs from render (seed {seed})"
            );
        }
    }
}

#[test]
fn rows_made_one_at_a_time_match_the_tables_sorted_whole() {
    for seed in [1, 7, 42] {
        let mut rec = shuffled(seed);
        // Rows whose sort keys tie, which the records' own order (their JSON form:
        // `10` before `9`) puts the other way round from the rows' (9 before 10):
        // the streamed tables must still sort them by their other cells.
        let q = rec.quotes.first().cloned().expect("the fixture has quotes");
        for sources in [10, 9] {
            let mut twin = q.clone();
            twin.sources = sources;
            rec.quotes.push(twin);
        }
        if let Some(e) = rec.errors.first().cloned() {
            rec.errors.push(e);
        }
        let files = files(&rec);
        for table in report::table::tables(&rec) {
            let name = format!("{}.csv", table.name);
            assert!(
                report::csv::render(&table) == files[&name],
                "{name} differs from its table sorted whole (seed {seed})"
            );
        }
    }
}

#[test]
fn a_large_run_keeps_every_row_in_every_file() {
    let n = 150;
    let rec = large(n);
    let files = files(&rec);
    let one = files_count(&fixture());
    for (name, rows) in one {
        let (_, got) = read_csv(&files[&name]);
        assert_eq!(got.len(), rows * n, "{name}");
    }
    let mut workbook = workbook_sheets(&files["corroborate.xlsx"]);
    let facts = workbook.worksheet_range("facts").expect("facts sheet");
    assert_eq!(facts.height(), rec.facts.len() + 1);
    // Every one of the 2n stories on the page when the page may show them all.
    let config = ReportConfig {
        page_stories: 2 * n,
        ..ReportConfig::default()
    };
    let files: BTreeMap<String, Vec<u8>> = render(&rec, &config)
        .into_iter()
        .map(|ReportFile { name, bytes }| (name, bytes))
        .collect();
    let html = text_of(&files, "report.html");
    assert_eq!(html.matches("aria-label=\"number line").count(), 2 * n);
    assert_eq!(html.matches("class=\"conflict-card\"").count(), 4 * n);
}

fn files_count(rec: &records::Reconciled) -> Vec<(String, usize)> {
    let files = files(rec);
    CONTRACT
        .iter()
        .map(|(name, _)| (name.to_string(), read_csv(&files[*name]).1.len()))
        .collect()
}

/// The workbook's sheets in order: the "read me" sheet, then the tables, conflicts first.
fn sheet_order() -> Vec<&'static str> {
    let mut names = vec![report::table::READ_ME];
    names.extend(report::table::SHEETS);
    names
}

/// The XML part of the sheet `name`.
fn sheet_part(bytes: &[u8], name: &str) -> String {
    let i = sheet_order()
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        + 1;
    workbook_part(bytes, &format!("xl/worksheets/sheet{i}.xml"))
}

/// The XML of one part of the workbook.
fn workbook_part(bytes: &[u8], part: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("the workbook is a zip");
    let mut file = archive
        .by_name(part)
        .unwrap_or_else(|e| panic!("{part}: {e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut file, &mut xml).expect("UTF-8 XML");
    xml
}

#[test]
fn every_sheet_has_a_frozen_header_a_filter_and_widths() {
    let files = files(&fixture());
    let bytes = &files["corroborate.xlsx"];
    for name in sheet_order() {
        let xml = sheet_part(bytes, name);
        assert!(
            xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
            "{name}: header not frozen"
        );
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "{name}: no autofilter"
        );
        assert!(xml.contains("<col "), "{name}: no column widths");
    }
    let styles = workbook_part(bytes, "xl/styles.xml");
    assert!(styles.contains("FFF8D7DA"), "conflict rows are filled red");
    assert!(
        styles.contains("wrapText=\"1\""),
        "evidence text is wrapped"
    );
    assert!(
        styles.contains("<strike/>"),
        "retracted figures are struck through"
    );
    let core = workbook_part(bytes, "docProps/core.xml");
    assert!(
        core.contains("2000-01-01T00:00:00Z"),
        "fixed creation date: {core}"
    );
}

#[test]
fn workbook_links_lead_from_facts_to_mentions_and_sources() {
    let files = files(&fixture());
    let bytes = &files["corroborate.xlsx"];
    let sheet = |name: &str| sheet_part(bytes, name);
    // facts: F1 (row 4) links to its first mention, row 2 of fact_mentions.
    let facts = sheet("facts");
    assert!(
        facts.contains("<hyperlink ref=\"A4\" location=\"'fact_mentions'!A2\""),
        "{facts}"
    );
    // fact_mentions: each mention links back to its fact and to its source.
    let mentions = sheet("fact_mentions");
    assert!(
        mentions.contains("<hyperlink ref=\"A2\" location=\"'facts'!A4\""),
        "{mentions}"
    );
    assert!(
        mentions.contains("<hyperlink ref=\"B2\" location=\"'sources'!A2\""),
        "b.md is row 2 of sources"
    );
    // conflicts: a number conflict (row 3) links to its fact, the sources to theirs.
    let conflicts = sheet("conflicts");
    assert!(
        conflicts.contains("<hyperlink ref=\"D3\" location=\"'facts'!A4\""),
        "{conflicts}"
    );
    assert!(
        conflicts.contains("<hyperlink ref=\"E3\" location=\"'sources'!A2\""),
        "{conflicts}"
    );
}

#[test]
fn text_longer_than_a_workbook_cell_is_cut_there_and_kept_whole_in_the_csv() {
    let mut rec = fixture();
    let long = "word ".repeat(10_000);
    rec.sources[0].title = Some(long.clone());
    let id = rec.sources[0].source_id.clone();
    let files = files(&rec);
    check_cell(&files, "sources.csv", ("source_id", &id), "title", &long);
    let mut workbook = workbook_sheets(&files["corroborate.xlsx"]);
    let sources = workbook.worksheet_range("sources").expect("sources sheet");
    let row = sources
        .rows()
        .find(|r| r[0] == Data::String(id.clone()))
        .expect("row");
    let Data::String(title) = &row[2] else {
        panic!("title is text")
    };
    assert_eq!(title.chars().count(), report::xlsx::MAX_CELL_CHARS);
    assert!(title.ends_with('…'));
}

#[test]
fn numbers_that_are_not_finite_leave_cells_empty_and_pictures_whole() {
    let mut rec = fixture();
    rec.source_pairs[0].similarity = f64::NAN;
    rec.fact_mentions[0].low = f64::NEG_INFINITY;
    rec.fact_mentions[0].high = f64::INFINITY;
    let files = files(&rec);
    check_cell(
        &files,
        "source_pairs.csv",
        ("source_a", "src10.txt"),
        "similarity",
        "",
    );
    check_cell(&files, "fact_mentions.csv", ("start", "23"), "low", "");
    let html = text_of(&files, "report.html");
    for bad in ["NaN", ">inf", "-inf", "=\"inf", "#000000"] {
        assert!(!html.contains(bad), "report.html holds {bad}");
    }
    assert_eq!(html.matches("aria-label=\"number line").count(), 2);
}

#[test]
fn the_page_shows_the_largest_stories_and_says_what_it_leaves_out() {
    let page = |config: &ReportConfig| {
        let file = render(&fixture(), config)
            .into_iter()
            .find(|f| f.name == "report.html")
            .expect("page");
        String::from_utf8(file.bytes).expect("utf-8")
    };
    let all = page(&ReportConfig::default());
    assert!(
        all.contains("cold snap grips the north"),
        "S2's source is on the full page"
    );
    assert!(!all.contains("largest of"));
    let one = page(&ReportConfig {
        page_stories: 1,
        ..ReportConfig::default()
    });
    assert!(
        one.contains("This page shows the 1 largest of 2 stories"),
        "the note"
    );
    assert!(
        !one.contains("cold snap grips the north"),
        "S2 (2 sources) left out, S1 (4) kept"
    );
    // The CSV files keep every row whatever the page shows.
    let csv = |config: &ReportConfig| {
        render(&fixture(), config)
            .into_iter()
            .find(|f| f.name == "sources.csv")
            .expect("csv")
            .bytes
    };
    assert_eq!(
        csv(&ReportConfig::default()),
        csv(&ReportConfig {
            page_stories: 1,
            ..ReportConfig::default()
        })
    );
}

/// A page of many large stories draws similarity matrices up to its cell budget and
/// says, for each story past it, where its pairs are.
#[test]
fn the_page_draws_matrices_up_to_its_cell_budget() {
    let template = fixture()
        .sources
        .into_iter()
        .find(|s| s.story_id.is_some())
        .expect("a source in a story");
    let (stories, per_story) = (12, 50);
    let mut rec = records::Reconciled::default();
    for st in 0..stories {
        for k in 0..per_story {
            let mut s = template.clone();
            s.source_id = format!("s{st:02}-{k:02}.md");
            s.file = s.source_id.clone();
            s.story_id = Some(format!("S{}", st + 1));
            s.group_id = Some(format!("G{}", st * per_story + k + 1));
            rec.sources.push(s);
        }
    }
    let html = text_of(&files(&rec), "report.html");
    let drawn = html.matches("aria-label=\"similarity matrix\"").count();
    let cells = per_story * (per_story - 1);
    assert_eq!(drawn, report::html::MATRIX_CELLS / cells, "matrices drawn");
    assert!(drawn < stories);
    assert_eq!(
        html.matches("the matrices above fill this page").count(),
        stories - drawn,
        "every story past the budget says so"
    );
}

#[test]
fn summary_lists_a_figure_that_changed_over_time_apart_from_conflicts() {
    let mut rec = fixture();
    let f2 = rec
        .facts
        .iter_mut()
        .find(|f| f.fact_id == "F2")
        .expect("fixture has F2");
    f2.status = records::FactStatus::Updated;
    f2.as_of = Some("2024-03-05".into());
    let dates = ["2024-03-01", "2024-03-05"];
    let mut k = 0;
    for m in rec.fact_mentions.iter_mut().filter(|m| m.fact_id == "F2") {
        m.as_of = Some(dates[k.min(1)].to_string());
        (m.low, m.high) = if k == 0 {
            (1200.0, 1200.0)
        } else {
            (3000.0, 3000.0)
        };
        k += 1;
    }
    assert!(k >= 2, "the fixture's F2 has two mentions");
    let summary = text_of(&files(&rec), "summary.md");
    let section = &summary[summary
        .find("## Figures that changed over time")
        .expect("the section")..];
    let section = &section[..section
        .find("## Best-corroborated facts")
        .expect("the next section")];
    assert!(section.contains("### F2 · people evacuated"), "{section}");
    assert!(
        section.contains("rose from") && section.contains("between 2024-03-01 and 2024-03-05"),
        "{section}"
    );
    assert!(
        section.contains("| 2024-03-01 |") && section.contains("| 2024-03-05 |"),
        "{section}"
    );
    // A fixture without updated facts says so.
    let plain = text_of(&files(&fixture()), "summary.md");
    assert!(plain.contains("No figure changed over time."));
}

#[test]
fn sources_carry_their_url_as_plain_text() {
    let rows = rows_of(&files(&fixture()), "sources.csv");
    let url = |id: &str| {
        rows.iter()
            .find(|r| r["source_id"] == id)
            .map(|r| r["url"].clone())
    };
    assert!(
        rows.iter()
            .any(|r| r["url"].starts_with("https://news.example/")),
        "{rows:#?}"
    );
    // Any other scheme is shown as it is written, never made into something to follow.
    assert_eq!(url("src3.txt").as_deref(), Some("javascript:alert(1)"));
}

/// The contract's table of leading columns, as `crates/report/README.md` writes it:
/// `(file, columns)` per row naming a CSV file.
fn readme_contract() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("crates/report/README.md");
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // `| file | one row per | leading columns |`
            let [_, file, _, columns, _] = cells.as_slice() else {
                return None;
            };
            let file = file.strip_prefix('`')?.strip_suffix(".csv`")?;
            let columns = columns.trim_matches('`');
            Some((
                format!("{file}.csv"),
                columns.split(", ").map(str::to_string).collect(),
            ))
        })
        .collect()
}

#[test]
fn the_contract_in_the_readme_is_what_the_reports_write() {
    let contract = readme_contract();
    let named: Vec<&str> = contract.iter().map(|(f, _)| f.as_str()).collect();
    let expected: Vec<&str> = CONTRACT.iter().map(|(n, _)| *n).collect();
    assert_eq!(named, expected, "every CSV file of the contract, in order");
    let files = files(&fixture());
    for (name, leading) in &contract {
        let (header, _) = read_csv(&files[name.as_str()]);
        assert!(
            header.len() >= leading.len() && header[..leading.len()] == leading[..],
            "{name}: the report's header {header:?} does not begin with the README's {leading:?}"
        );
    }
    // The workbook's sheets hold the same columns.
    use calamine::Reader;
    let bytes = files["corroborate.xlsx"].clone();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("opens");
    for (name, leading) in &contract {
        let sheet = book
            .worksheet_range(name.trim_end_matches(".csv"))
            .expect("a sheet per CSV file");
        let header: Vec<String> = sheet
            .rows()
            .next()
            .expect("a header row")
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(&header[..leading.len()], &leading[..], "sheet {name}");
    }
}

#[test]
fn the_workbook_links_sources_to_their_http_urls_only() {
    let files = files(&fixture());
    let bytes = &files["corroborate.xlsx"];
    let i = sheet_order().iter().position(|n| *n == "sources").unwrap() + 1;
    let rels = workbook_part(bytes, &format!("xl/worksheets/_rels/sheet{i}.xml.rels"));
    assert!(
        rels.contains("Target=\"https://news.example/b.md\""),
        "{rels}"
    );
    assert!(
        !rels.contains("javascript") && !rels.contains("data:") && !rels.contains("file:"),
        "only http and https are links: {rels}"
    );
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    let sheet = book.worksheet_range("sources").expect("sources sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let (id, url) = (
        header.iter().position(|h| h == "source_id").unwrap(),
        header.iter().position(|h| h == "url").unwrap(),
    );
    let row = sheet
        .rows()
        .find(|r| r[id] == "src3.txt")
        .expect("src3.txt");
    assert_eq!(row[url].to_string(), "javascript:alert(1)", "shown as text");
    // Flags are booleans in the workbook, `true`/`false` in the CSV.
    let mentions = book.worksheet_range("fact_mentions").expect("sheet");
    let hedged = mentions
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| *c == "hedged")
        .unwrap();
    assert!(
        mentions
            .rows()
            .skip(1)
            .all(|r| matches!(r[hedged], calamine::Data::Bool(_))),
        "hedged is a boolean"
    );
}

#[test]
fn rows_with_wrapped_text_are_as_tall_as_their_text() {
    let mut rec = fixture();
    rec.facts[0].evidence = "word ".repeat(60);
    let files = files(&rec);
    let sheet = sheet_part(&files["corroborate.xlsx"], "facts");
    // 300 characters of evidence wrap to six lines of 15 points.
    assert!(sheet.contains("ht=\"90\""), "{sheet}");
    assert!(sheet.contains("customHeight=\"1\""), "{sheet}");
}

#[test]
fn the_read_me_sheet_comes_first_and_explains_every_column_of_every_sheet() {
    let files = files(&fixture());
    let mut book = workbook_sheets(&files["corroborate.xlsx"]);
    assert_eq!(book.sheet_names()[0], "read me");
    assert_eq!(
        book.sheet_names()[1],
        "conflicts",
        "the conflicts come next"
    );
    let read_me = book.worksheet_range("read me").expect("read me sheet");
    let rows: Vec<Vec<String>> = read_me
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0], ["sheet", "column", "meaning"]);
    for (name, _) in CONTRACT {
        let sheet = name.trim_end_matches(".csv");
        let (header, _) = read_csv(&files[*name]);
        for column in header.iter().map(String::as_str).chain([""]) {
            let row = rows
                .iter()
                .find(|r| r[0] == sheet && r[1] == column)
                .unwrap_or_else(|| panic!("read me says nothing of {sheet}.{column}"));
            assert!(row[2].len() > 10, "{sheet}.{column}: {:?}", row[2]);
        }
        // Nothing explained that the sheet does not hold.
        let explained = rows
            .iter()
            .filter(|r| r[0] == sheet && !r[1].is_empty())
            .count();
        assert_eq!(explained, header.len(), "{sheet}");
    }
}

#[test]
fn the_workbook_holds_dates_as_dates_and_best_estimates_as_numbers() {
    let mut rec = fixture();
    rec.sources[0].published_time = Some("08:00:00Z".to_string());
    let files = files(&rec);
    let rows = rows_of(&files, "sources.csv");
    let first = rows
        .iter()
        .find(|r| r["source_id"] == rec.sources[0].source_id)
        .expect("the source");
    assert_eq!(first["published_time"], "08:00:00Z");
    assert!(
        records::date::parse_day(&first["published"]).is_some() && first["published"].len() == 10,
        "published is an ISO date: {first:?}"
    );
    let mut book = workbook_sheets(&files["corroborate.xlsx"]);
    let column = |range: &calamine::Range<Data>, name: &str| -> Vec<Data> {
        let mut rows = range.rows();
        let i = rows
            .next()
            .unwrap()
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        rows.map(|r| r.get(i).cloned().unwrap_or(Data::Empty))
            .collect()
    };
    let sources = book.worksheet_range("sources").expect("sources");
    for cell in column(&sources, "published") {
        assert!(
            matches!(cell, Data::DateTime(_) | Data::Empty),
            "published is a date: {cell:?}"
        );
    }
    let facts = book.worksheet_range("facts").expect("facts");
    for (estimate, (low, high)) in column(&facts, "best_estimate").iter().zip(
        column(&facts, "best_low")
            .into_iter()
            .zip(column(&facts, "best_high")),
    ) {
        let text = match estimate {
            Data::Float(f) => report::format_number(*f),
            other => other.to_string(),
        };
        let Some((lo, hi)) = report::table::parse_best_estimate(&text) else {
            continue;
        };
        assert_eq!(low, Data::Float(lo), "{text}");
        match hi {
            Some(hi) => assert_eq!(high, Data::Float(hi), "{text}"),
            None => assert_eq!(high, Data::Empty, "{text}: an open bound"),
        }
    }
    let timeline = book.worksheet_range("timeline").expect("timeline");
    assert!(
        column(&timeline, "date")
            .iter()
            .any(|c| matches!(c, Data::DateTime(_))),
        "timeline days are dates"
    );
}

#[test]
fn conflicts_carry_the_sentences_and_offsets_of_both_sides() {
    let rec = fixture();
    let rows = rows_of(&files(&rec), "conflicts.csv");
    let c1 = rows.iter().find(|r| r["conflict_id"] == "C1").expect("C1");
    let mention = |source: &str, text: &str| {
        rec.fact_mentions
            .iter()
            .find(|m| m.fact_id == "F1" && m.source_id == source && m.text == text)
            .unwrap_or_else(|| panic!("{source}: {text}"))
    };
    for (side, source, value) in [
        ("a", &c1["source_a"], &c1["value_a"]),
        ("b", &c1["source_b"], &c1["value_b"]),
    ] {
        let m = mention(source, value);
        assert_eq!(
            c1[&format!("evidence_{side}")].trim_start_matches('\''),
            m.sentence,
            "side {side}"
        );
        assert_eq!(c1[&format!("start_{side}")], m.start.to_string());
        assert_eq!(c1[&format!("end_{side}")], m.end.to_string());
    }
    // A quote conflict points at each source's words of the statement.
    let c10 = rows
        .iter()
        .find(|r| r["conflict_id"] == "C10")
        .expect("C10");
    let q = rec
        .quotes
        .iter()
        .find(|q| q.quote_id == "Q1" && q.source_id == c10["source_a"])
        .expect("the quote of side a");
    assert_eq!(c10["start_a"], q.start.to_string());
    // A name conflict has no sentence in the records: the cells are empty.
    let c2 = rows.iter().find(|r| r["conflict_id"] == "C2").expect("C2");
    assert_eq!(c2["evidence_a"], "");
    assert_eq!(c2["start_a"], "");
}

#[test]
fn the_timeline_spans_the_story_days_and_sets_one_days_events_side_by_side() {
    let mut rec = fixture();
    let event = |date: &str, what: &str| records::TimelineEvent {
        date: date.to_string(),
        story_id: "S1".to_string(),
        event: what.to_string(),
        sources: 1,
        source_ids: vec!["b.md".to_string()],
    };
    rec.timeline.push(event("1990", "The dam was built"));
    rec.timeline.push(event("1990-06-01", "The dam was opened"));
    rec.timeline.push(event("2031-04-02", "Roads closed"));
    let html = text_of(&files(&rec), "report.html");
    let svg_start = html.find("aria-label=\"timeline\"").expect("S1's timeline");
    let svg = &html[svg_start..svg_start + html[svg_start..].find("</svg>").unwrap()];
    // The axis runs over the story's own days, not back to the dam's years.
    assert!(
        svg.contains(">2031-04-01<") && !svg.contains("1990"),
        "{svg}"
    );
    assert!(
        html.contains("Background, not on the axis: 1990 (#") && html.contains("1990-06-01 (#"),
        "the background years are listed apart"
    );
    // The three events of 2031-04-02 stand side by side: one row, three places.
    let marks: Vec<(String, String)> = svg
        .split("<g><title>2031-04-02:")
        .skip(1)
        .map(|g| {
            let attr = |name: &str| {
                let at = g.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                g[at..at + g[at..].find('"').unwrap()].to_string()
            };
            (attr("x"), attr("y"))
        })
        .collect();
    assert_eq!(marks.len(), 3, "{svg}");
    assert!(marks.iter().all(|(_, y)| *y == marks[0].1), "{marks:?}");
    let xs: std::collections::BTreeSet<&String> = marks.iter().map(|(x, _)| x).collect();
    assert_eq!(xs.len(), 3, "{marks:?}");
}

#[test]
fn number_lines_draw_one_row_per_source_and_figure() {
    let mut rec = fixture();
    // b.md repeats its figure of F1 twice more.
    let repeat = rec
        .fact_mentions
        .iter()
        .find(|m| m.fact_id == "F1" && m.source_id == "b.md")
        .cloned()
        .expect("b.md's figure");
    for k in 1..=2 {
        let mut m = repeat.clone();
        m.start += 100 * k;
        m.end += 100 * k;
        rec.fact_mentions.push(m);
    }
    let before = text_of(&files(&fixture()), "report.html");
    let after = text_of(&files(&rec), "report.html");
    let line = |html: &str| {
        let at = html
            .find("aria-label=\"number line")
            .expect("a number line");
        html[at..at + html[at..].find("</svg>").unwrap()].to_string()
    };
    let rows = |svg: &str| svg.matches("<g><title>").count();
    assert_eq!(
        rows(&line(&after)),
        rows(&line(&before)),
        "one row for b.md"
    );
    assert!(line(&after).contains("×3"), "{}", line(&after));
}

#[test]
fn groups_past_the_palette_are_hollow_and_no_colour_means_two_groups() {
    let mut rec = fixture();
    // Twelve more single-source groups in story S1.
    for k in 0..12 {
        let mut s = rec.sources[0].clone();
        s.source_id = format!("extra{k:02}.txt");
        s.group_id = Some(format!("GX{k:02}"));
        s.story_id = Some("S1".to_string());
        rec.sources.push(s);
    }
    let html = text_of(&files(&rec), "report.html");
    let mut colour_of_group: BTreeMap<String, String> = BTreeMap::new();
    for row in html.split("<tr id=\"src-").skip(1) {
        let Some(style) = row.split("class=\"chip\" style=\"").nth(1) else {
            continue;
        };
        let style = &style[..style.find('"').unwrap()];
        let group = row.split("</span>").nth(1).unwrap();
        let group = &group[..group.find('<').unwrap()];
        if group.is_empty() {
            continue;
        }
        colour_of_group.insert(group.to_string(), style.to_string());
    }
    let mut filled: Vec<&String> = colour_of_group
        .values()
        .filter(|s| !s.contains("border"))
        .collect();
    let n_filled = filled.len();
    filled.sort();
    filled.dedup();
    assert_eq!(
        filled.len(),
        n_filled,
        "a colour names one group: {colour_of_group:?}"
    );
    assert!(
        colour_of_group.values().any(|s| s.contains("border")),
        "groups past the palette are hollow"
    );
    // The colours of status (conflict's red, agreement's green) are no group's.
    for status in ["#d62728", "#2ca02c", "#c0392b"] {
        assert!(
            !colour_of_group.values().any(|s| s.contains(status)),
            "{status}"
        );
    }
}

#[test]
fn disputed_and_updated_figures_are_claim_reviews_rated_only_by_the_reviewer() {
    let mut rec = fixture();
    let disputed: Vec<String> = rec
        .facts
        .iter()
        .filter(|f| {
            matches!(
                f.status,
                records::FactStatus::Conflict | records::FactStatus::Updated
            )
        })
        .map(|f| f.fact_id.clone())
        .collect();
    assert!(!disputed.is_empty());
    let text = text_of(&files(&rec), "claim_review.jsonld");
    let mut ids = report::claim_review::check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    ids.sort();
    let mut want = disputed.clone();
    want.sort();
    assert_eq!(ids, want);
    assert!(
        !text.contains("reviewRating"),
        "no rating without a verdict"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let f1 = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["identifier"] == "F1")
        .expect("F1");
    let appearances = f1["itemReviewed"]["appearance"].as_array().unwrap();
    let mentions: std::collections::BTreeSet<&str> = rec
        .fact_mentions
        .iter()
        .filter(|m| m.fact_id == "F1")
        .map(|m| m.source_id.as_str())
        .collect();
    assert_eq!(
        appearances.len(),
        mentions.len(),
        "one appearance per source"
    );
    assert!(
        appearances
            .iter()
            .any(|a| a["url"] == "https://news.example/b.md" && a["datePublished"] == "2031-04-04"),
        "{appearances:?}"
    );
    // The first appearance is the earliest published of them.
    let earliest = appearances
        .iter()
        .filter_map(|a| a["datePublished"].as_str())
        .min()
        .unwrap();
    assert_eq!(
        f1["itemReviewed"]["firstAppearance"]["datePublished"],
        earliest
    );
    // A reviewer's verdict becomes the rating, the note the body.
    rec.reviews.push(records::Review {
        kind: "fact".to_string(),
        id: "F1".to_string(),
        verdict: "misleading".to_string(),
        note: "the toll was revised".to_string(),
    });
    let text = text_of(&files(&rec), "claim_review.jsonld");
    report::claim_review::check(&text).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let f1 = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["identifier"] == "F1")
        .expect("F1");
    assert_eq!(f1["reviewRating"]["@type"], "Rating");
    assert_eq!(f1["reviewRating"]["alternateName"], "misleading");
    assert_eq!(f1["reviewBody"], "the toll was revised");
    assert_eq!(text.matches("reviewRating").count(), 1, "only F1 is rated");
    // The check fails on what the export must not hold.
    assert!(report::claim_review::check("{}").is_err());
    assert!(
        report::claim_review::check(&text.replace("\"Rating\"", "\"AggregateRating\"")).is_err()
    );
    assert!(report::claim_review::check(&text.replace("\"headline\"", "\"title\"")).is_err());
}
