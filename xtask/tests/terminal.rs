//! What the terminal shows (#19 item 7): the usage names the tool, log lines carry no
//! colour codes when stderr is not a terminal, and watch's output holds no log line
//! below warning level (those go to `--log FILE` when asked for).

mod common;

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use common::{article, describe, output_within, wait_for, xtask};

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn the_usage_names_the_tool() {
    for args in [&["--help"][..], &["run", "--help"], &["watch", "--help"]] {
        let output = xtask().args(args).output().unwrap();
        assert!(output.status.success(), "{}", describe(&output));
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("Usage: corroborate"), "{help}");
        assert!(!help.contains("xtask"), "{help}");
    }
}

#[test]
fn log_lines_carry_no_colour_codes_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), article("River floods town", 40)).unwrap();
    let mut cmd = xtask();
    cmd.env("RUST_LOG", "info")
        .arg("run")
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--quiet");
    let output = output_within(&mut cmd, LIMIT);
    assert!(output.status.success(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("stage done"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn watch_shows_warnings_but_no_log_line_below_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    let log = dir.path().join("watch.log");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), article("Dam holds after storm", 12)).unwrap();
    let mut child = xtask()
        .env("RUST_LOG", "info")
        .arg("watch")
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--log")
        .arg(&log)
        .arg("--exit-after")
        .arg("1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&text);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        text
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    wait_for("the watch to start", LIMIT, || {
        stdout.lock().unwrap().contains("watching ")
    });
    // A binary file lands: ingest refuses it with a warning, which the terminal shows.
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 2048));
    std::fs::write(input.join("b.txt"), &elf).unwrap();
    let mut status = None;
    wait_for("the watch to stop after one update", LIMIT, || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    let _ = child.wait();
    std::thread::sleep(Duration::from_millis(100));
    let stdout = stdout.lock().unwrap().clone();
    let stderr = stderr.lock().unwrap().clone();
    let both = format!("--- stdout\n{stdout}\n--- stderr\n{stderr}");
    assert_eq!(status.and_then(|s| s.code()), Some(0), "{both}");
    assert!(stdout.contains("update 1: "), "{both}");
    assert!(stderr.contains("ingest refused a file"), "{both}");
    for line in stdout.lines().chain(stderr.lines()) {
        assert!(
            !line.contains("INFO"),
            "a log line below warning: {line}\n{both}"
        );
        // No timestamp opens a line (`2026-12-03T15:30:54.123Z  WARN ...`).
        assert!(
            !line.starts_with(|c: char| c.is_ascii_digit()),
            "a timestamped line: {line}\n{both}"
        );
        assert!(!line.contains('\u{1b}'), "{line:?}");
    }
    // What RUST_LOG asked for went to the log file.
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("stage done"), "{logged}");
    assert!(!logged.contains('\u{1b}'), "{logged:?}");
}
