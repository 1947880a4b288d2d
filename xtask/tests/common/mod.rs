//! Helpers shared by the integration tests: run the real binary, read the reports.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The xtask binary under test.
pub fn xtask() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.env("RUST_LOG", "warn").env_remove("CI");
    cmd
}

/// The project root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs `xtask run --input IN --out OUT --quiet` plus `extra` arguments.
pub fn run(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut cmd = xtask();
    cmd.arg("run")
        .args(extra)
        .arg("--input")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--quiet");
    cmd.output().expect("the xtask binary runs")
}

/// stdout and stderr of a finished command, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A report's rows as header-to-cell maps. Panics when the file is not valid CSV
/// with the byte-order mark the contract asks for.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or_else(|| panic!("{} has no byte-order mark", path.display()));
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|record| {
            let record =
                record.unwrap_or_else(|e| panic!("{} is not valid CSV: {e}", path.display()));
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// Waits until `check` holds, polling; panics naming `what` after `limit`.
pub fn wait_for(what: &str, limit: Duration, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A short article on an invented event, with a number and a quote.
pub fn article(headline: &str, number: u32) -> String {
    format!(
        "{headline}\n\nOfficials in the town of Westbrook said on Monday that {number} people had been evacuated after the river burst its banks.\n\n\"We are doing everything we can,\" said Mayor Ellen Park, adding that shelters were open.\n"
    )
}

/// Checks that every evidence row of fact_mentions.csv and quotes.csv cuts exactly its
/// text out of `text/<source_id>.txt`. Returns the number of rows checked.
pub fn check_offsets(out: &Path) -> usize {
    let mut checked = 0;
    for report in ["fact_mentions.csv", "quotes.csv"] {
        for row in read_csv(&out.join("reports").join(report)) {
            let source = &row["source_id"];
            let text = std::fs::read_to_string(out.join("text").join(format!("{source}.txt")))
                .unwrap_or_else(|e| panic!("{report}: no clean text for {source}: {e}"));
            let start: usize = row["start"].parse().expect("start is a number");
            let end: usize = row["end"].parse().expect("end is a number");
            let cut = records::char_slice(&text, start, end);
            let expected = unneutralise(&row["text"]);
            assert_eq!(cut, Some(expected), "{report}: {source} {start}..{end}");
            checked += 1;
        }
    }
    checked
}

/// Undoes the report's CSV-injection guard (a leading `'` before a formula character).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Runs a command to completion, killing it (and failing) after `limit`.
pub fn output_within(cmd: &mut Command, limit: Duration) -> Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    // Drain the pipes on threads so a chatty child never blocks on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
