//! Crash safety (issue 9): `kill -9` in the middle of a run leaves the previous
//! reports whole, and the next run recovers, reusing only cache entries that verify.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::{article, describe, read_csv, run, wait_for, xtask};

const GENERATED: usize = 2000;

fn reports(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

fn any_generated(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen")))
    })
}

/// Starts a run and kills it with SIGKILL as soon as `stage`'s folder holds a
/// generated source's record, that is, in the middle of that stage.
fn kill_during(input: &Path, out: &Path, stage: &str) {
    let mut child = xtask()
        .arg("run")
        .arg("--input")
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let dir = out.join(stage);
    let mut exited = None;
    wait_for(
        &format!("{stage} to start on the generated sources"),
        Duration::from_secs(120),
        || {
            exited = child.try_wait().unwrap();
            exited.is_some() || any_generated(&dir)
        },
    );
    assert!(
        exited.is_none(),
        "the run ended before it could be interrupted during {stage}: {exited:?}"
    );
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "{status:?}");
}

#[test]
fn kill_9_mid_run_keeps_the_reports_and_the_next_run_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir(&input).unwrap();
    for i in 0..3 {
        std::fs::write(
            input.join(format!("a{i}.txt")),
            article(&format!("First story {i}"), i),
        )
        .unwrap();
    }
    let first = run(&input, &out, &[]);
    assert!(first.status.success(), "{}", describe(&first));
    let before = reports(&out);
    assert!(before.len() >= 10, "{before:?}");

    let filler = "Residents described the night in detail, and officials promised a full account within days. ".repeat(40);
    for i in 0..GENERATED {
        let text = format!(
            "{}\n\n{filler}\n",
            article(&format!("Generated report {i}"), i as u32).trim_end()
        );
        std::fs::write(input.join(format!("gen{i:05}.txt")), text).unwrap();
    }

    kill_during(&input, &out, "ingest");
    assert_eq!(
        reports(&out),
        before,
        "the reports changed after a kill during ingest"
    );
    kill_during(&input, &out, "extract");
    assert_eq!(
        reports(&out),
        before,
        "the reports changed after a kill during extract"
    );

    // The next run finishes; ingest and normalize had completed before the second
    // kill, so their results verify and are reused; extract's are redone or verified.
    let output = run(&input, &out, &[]);
    assert!(output.status.success(), "{}", describe(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(&format!("ingest: 0 computed, {} reused", GENERATED + 3)),
        "{text}"
    );
    assert!(
        text.contains(&format!("normalize: 0 computed, {} reused", GENERATED + 3)),
        "{text}"
    );
    let sources = read_csv(&out.join("reports/sources.csv"));
    assert_eq!(sources.len(), GENERATED + 3);
    assert!(sources.iter().all(|r| r["status"] == "ok"));
    let again = run(&input, &out, &[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("no per-document work"),
        "{}",
        describe(&again)
    );
}
