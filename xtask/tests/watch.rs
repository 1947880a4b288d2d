//! `cargo xtask watch` through the real binary: articles added, modified, deleted and
//! a binary file dropped into a watched folder reach the reports without a restart;
//! a second process on the same output folder is turned away; Ctrl-C ends it cleanly.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{article, describe, read_csv, run, wait_for, xtask};

const LIMIT: Duration = Duration::from_secs(60);

/// Kills the watch process if the test fails before stopping it.
struct Watch(Child);

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sources(out: &Path) -> Vec<(String, String, String)> {
    read_csv(&out.join("reports/sources.csv"))
        .into_iter()
        .map(|r| {
            (
                r["source_id"].clone(),
                r["title"].clone(),
                r["status"].clone(),
            )
        })
        .collect()
}

fn has_source(out: &Path, id: &str, title: &str) -> bool {
    sources(out)
        .iter()
        .any(|(i, t, s)| i == id && t == title && s == "ok")
}

#[test]
fn watch_follows_the_input_folder_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), article("Dam holds after storm", 12)).unwrap();

    let pipeline = dir.path().join("p.toml");
    std::fs::write(&pipeline, "[ingest]\nmax_file_bytes = 1000000\n").unwrap();
    let mut cmd = xtask();
    cmd.arg("watch")
        .arg(&pipeline)
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .stdout(Stdio::piped());
    let mut watch = Watch(cmd.spawn().unwrap());
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let reader = BufReader::new(watch.0.stdout.take().unwrap());
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let printed = |needle: &str| lines.lock().unwrap().iter().any(|l| l.contains(needle));
    wait_for("the watch to start", LIMIT, || printed("watching "));
    assert!(has_source(&out, "a.txt", "Dam holds after storm"));

    // A second process on the same output folder is turned away, naming the first.
    let second = run(&input, &out, &[]);
    assert_eq!(second.status.code(), Some(1), "{}", describe(&second));
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("in use by corroborate `watch`"),
        "{}",
        describe(&second)
    );

    // Added, written in two pieces as a slow copy would.
    let text = article("Second town evacuated", 300);
    let (head, tail) = text.split_at(text.len() / 2);
    std::fs::write(input.join("b.txt"), head).unwrap();
    std::thread::sleep(Duration::from_millis(30));
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(input.join("b.txt"))
        .unwrap();
    std::io::Write::write_all(&mut file, tail.as_bytes()).unwrap();
    drop(file);
    wait_for("b.txt in sources.csv", LIMIT, || {
        has_source(&out, "b.txt", "Second town evacuated")
    });
    wait_for("the update to be described", LIMIT, || {
        printed("source added: b.txt")
    });

    // Modified.
    std::fs::write(
        input.join("b.txt"),
        article("Second town evacuated overnight", 350),
    )
    .unwrap();
    wait_for("b.txt's new title", LIMIT, || {
        has_source(&out, "b.txt", "Second town evacuated overnight")
    });

    // Deleted.
    std::fs::remove_file(input.join("b.txt")).unwrap();
    wait_for("b.txt to leave sources.csv", LIMIT, || {
        sources(&out).iter().all(|(i, _, _)| i != "b.txt")
    });
    wait_for("the removal to be described", LIMIT, || {
        printed("source removed: b.txt")
    });

    // A binary file and editor temporaries: the binary reaches errors.csv, the
    // temporaries nothing, and the other reports stay valid.
    std::fs::write(input.join(".c.txt.swp"), b"\0\0swap").unwrap();
    std::fs::write(input.join("c.txt~"), b"backup").unwrap();
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 2048));
    std::fs::write(input.join("c.txt"), &elf).unwrap();
    wait_for("c.txt in errors.csv", LIMIT, || {
        read_csv(&out.join("reports/errors.csv"))
            .iter()
            .any(|r| r["source_id"] == "c.txt")
    });
    let errors = read_csv(&out.join("reports/errors.csv"));
    assert!(
        errors
            .iter()
            .all(|r| !r["source_id"].contains("swp") && !r["source_id"].ends_with('~')),
        "{errors:?}"
    );
    let rows = sources(&out);
    assert!(
        rows.iter().any(|(i, _, s)| i == "a.txt" && s == "ok"),
        "{rows:?}"
    );
    assert!(
        rows.iter().all(|(i, _, _)| i == "a.txt" || i == "c.txt"),
        "{rows:?}"
    );
    for report in std::fs::read_dir(out.join("reports")).unwrap() {
        let path = report.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            read_csv(&path);
        }
    }
    // A report being replaced right now is a `.partial` beside it; none may stay.
    wait_for("no .partial file left in reports/", LIMIT, || {
        std::fs::read_dir(out.join("reports"))
            .unwrap()
            .filter_map(|e| e.ok())
            .all(|e| !e.file_name().to_string_lossy().ends_with(".partial"))
    });

    // Changed settings apply at once: a size limit below a.txt's size refuses it.
    std::fs::write(&pipeline, "[ingest]\nmax_file_bytes = 100\n").unwrap();
    wait_for("a.txt refused by the new limit", LIMIT, || {
        sources(&out)
            .iter()
            .any(|(i, _, s)| i == "a.txt" && s.contains("max_file_bytes"))
    });
    // A broken pipeline file keeps the last good settings and the watch alive.
    std::fs::write(&pipeline, "[ingest]\nmax_file_bytes = \"big\"\n").unwrap();
    std::fs::write(input.join("d.txt"), article("Third town spared", 0)).unwrap();
    wait_for("d.txt in sources.csv", LIMIT, || {
        sources(&out)
            .iter()
            .any(|(i, _, s)| i == "d.txt" && s.contains("max_file_bytes"))
    });

    // Ctrl-C (SIGINT) ends it cleanly with status 0.
    let pid = watch.0.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let mut exit = None;
    wait_for("the watch to stop", LIMIT, || {
        exit = watch.0.try_wait().unwrap();
        exit.is_some()
    });
    assert_eq!(exit.and_then(|s| s.code()), Some(0));
    wait_for("the goodbye line", LIMIT, || printed("watch stopped"));
    // The lock went with the process.
    let after = run(&input, &out, &[]);
    assert!(after.status.success(), "{}", describe(&after));
}

/// Every report file's bytes, by name.
fn report_bytes(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn ctrl_c_mid_run_stops_within_a_second_and_leaves_the_previous_reports_whole() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let generated = xtask()
        .args(["gen-corpus", "--sources", "1500", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(generated.status.success(), "{}", describe(&generated));
    let input = corpus.join("sources");
    let out = dir.path().join("out");
    let first = run(&input, &out, &[]);
    assert!(first.status.success(), "{}", describe(&first));
    let before = report_bytes(&out);
    assert!(before.contains_key("facts.csv"), "{before:?}");
    // Without the cache every stage works again: the watch's first run takes seconds.
    std::fs::remove_dir_all(out.join("cache")).unwrap();

    let mut cmd = xtask();
    cmd.arg("watch")
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .stdout(Stdio::piped());
    let mut watch = Watch(cmd.spawn().unwrap());
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let reader = BufReader::new(watch.0.stdout.take().unwrap());
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("watching ")),
        "the first run finished within 1.5 s: the corpus is too small to stop it part-way"
    );
    let pid = watch.0.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let sent = std::time::Instant::now();
    let exit = loop {
        if let Some(exit) = watch.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "still running a second after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(exit.code(), Some(0));
    assert!(
        report_bytes(&out) == before,
        "the reports changed or are not whole after a stop part-way"
    );
    // The output folder is usable at once: the next run finishes the work.
    let after = run(&input, &out, &[]);
    assert!(after.status.success(), "{}", describe(&after));
    assert!(report_bytes(&out) == before);
}
