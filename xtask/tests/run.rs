//! `cargo xtask run` end to end, through the real binary: reports, errors, exit
//! status, evidence offsets, the incremental cache and pipeline-file checks.

mod common;

use std::path::Path;

use common::{article, check_offsets, describe, read_csv, run, xtask};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_binary_file_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), article("River floods town", 40)).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    std::fs::write(input.join("picture.txt"), &png).unwrap();
    let out = dir.path().join("out");

    let output = run(&input, &out, &[]);
    assert!(output.status.success(), "{}", describe(&output));
    let sources = read_csv(&out.join("reports/sources.csv"));
    let good = sources
        .iter()
        .find(|r| r["source_id"] == "good.txt")
        .expect("good.txt in sources.csv");
    assert_eq!(good["status"], "ok");
    assert_eq!(good["title"], "River floods town");
    let errors = read_csv(&out.join("reports/errors.csv"));
    assert!(
        errors
            .iter()
            .any(|r| r["source_id"] == "picture.txt" && r["stage"] == "ingest"),
        "{errors:?}"
    );

    // --strict turns the failed input into exit status 2; the reports are still written.
    let strict = run(&input, &out, &["--strict"]);
    assert_eq!(strict.status.code(), Some(2), "{}", describe(&strict));
    assert!(out.join("reports/errors.csv").is_file());
}

#[test]
fn inputs_that_are_not_articles_get_an_error_row_and_an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let out = dir.path().join("out");
    let empty = run(&input, &out, &[]);
    assert!(empty.status.success(), "{}", describe(&empty));
    assert!(
        stdout(&empty).contains("holds no files"),
        "{}",
        describe(&empty)
    );

    std::fs::write(input.join("good.txt"), article("River floods town", 40)).unwrap();
    std::fs::write(input.join("headline.txt"), "Title\n").unwrap();
    std::fs::write(
        input.join("link.txt"),
        "https://example.org/2024/05/a-story\n",
    )
    .unwrap();
    let nav: String = [
        "Home",
        "World",
        "Business",
        "Sport news",
        "Weather",
        "Contact us",
    ]
    .iter()
    .map(|l| format!("<li><a href=\"/{l}\">{l}</a></li>"))
    .collect();
    std::fs::write(
        input.join("nav.html"),
        format!("<html><body><ul>{nav}</ul></body></html>"),
    )
    .unwrap();
    let output = run(&input, &out, &[]);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(!stdout(&output).contains("holds no files"));
    let errors = read_csv(&out.join("reports/errors.csv"));
    for file in ["headline.txt", "link.txt", "nav.html"] {
        assert!(
            errors
                .iter()
                .any(|r| r["source_id"] == file && r["error"].contains("not an article")),
            "{file}: {errors:?}"
        );
    }
    let sources = read_csv(&out.join("reports/sources.csv"));
    let good = sources
        .iter()
        .find(|r| r["source_id"] == "good.txt")
        .unwrap();
    assert_eq!(good["status"], "ok");
}

#[test]
fn evidence_offsets_cut_the_row_text_out_of_the_clean_text_on_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run(&common::root().join("seeds"), &out, &[]);
    assert!(output.status.success(), "{}", describe(&output));
    let sources = read_csv(&out.join("reports/sources.csv"));
    assert_eq!(sources.len(), 5);
    for row in &sources {
        assert_eq!(row["status"], "ok", "{row:?}");
        assert!(
            out.join("text")
                .join(format!("{}.txt", row["source_id"]))
                .is_file()
        );
    }
    // Vacuous while extract finds nothing; every row is checked once it does.
    let rows = check_offsets(&out);
    println!("{rows} evidence rows checked");
}

#[test]
fn a_second_run_reuses_everything_and_a_change_redoes_only_what_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for i in 0..4 {
        std::fs::write(
            input.join(format!("a{i}.txt")),
            article(&format!("Story number {i}"), 10 + i),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    let first = run(&input, &out, &[]);
    assert!(first.status.success(), "{}", describe(&first));
    assert!(
        stdout(&first).contains("ingest: 4 computed, 0 reused"),
        "{}",
        describe(&first)
    );
    let reports_before = std::fs::read(out.join("reports/sources.csv")).unwrap();

    let second = run(&input, &out, &[]);
    let text = stdout(&second);
    for stage in ["ingest", "normalize", "extract"] {
        assert!(
            text.contains(&format!("{stage}: 0 computed, 4 reused")),
            "{}",
            describe(&second)
        );
    }
    assert!(
        text.contains("reconcile: reused") && text.contains("report: unchanged"),
        "{text}"
    );
    assert!(text.contains("no per-document work"), "{text}");
    assert_eq!(
        std::fs::read(out.join("reports/sources.csv")).unwrap(),
        reports_before
    );

    // A report deleted (or edited) by hand is written again, though nothing else changed.
    std::fs::remove_file(out.join("reports/sources.csv")).unwrap();
    let again = stdout(&run(&input, &out, &[]));
    assert!(
        again.contains("reconcile: reused") && again.contains("report: written"),
        "{again}"
    );
    assert_eq!(
        std::fs::read(out.join("reports/sources.csv")).unwrap(),
        reports_before
    );

    // One changed file: one computed result per stage.
    std::fs::write(
        input.join("a2.txt"),
        article("Story number two, revised", 99),
    )
    .unwrap();
    let third = stdout(&run(&input, &out, &[]));
    for stage in ["ingest", "normalize", "extract"] {
        assert!(
            third.contains(&format!("{stage}: 1 computed, 3 reused")),
            "{third}"
        );
    }
    let sources = read_csv(&out.join("reports/sources.csv"));
    assert!(
        sources
            .iter()
            .any(|r| r["title"] == "Story number two, revised"),
        "{sources:?}"
    );

    // A corrupt cache entry (a truncated record) is recomputed, not trusted.
    let record = out.join("normalize/a1.txt.json");
    let bytes = std::fs::read(&record).unwrap();
    std::fs::write(&record, &bytes[..bytes.len() / 2]).unwrap();
    let fourth = stdout(&run(&input, &out, &[]));
    assert!(fourth.contains("ingest: 0 computed, 4 reused"), "{fourth}");
    assert!(
        fourth.contains("normalize: 1 computed, 3 reused"),
        "{fourth}"
    );
    assert_eq!(std::fs::read(&record).unwrap(), bytes);

    // Changed ingest settings redo ingest; its records come out the same, so the
    // stages after it find their inputs unchanged and reuse their results.
    let pipeline = dir.path().join("p.toml");
    std::fs::write(&pipeline, "[ingest]\nmax_file_bytes = 1000000\n").unwrap();
    let mut cmd = xtask();
    cmd.arg("run")
        .arg(&pipeline)
        .arg("--input")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--quiet");
    let fifth = cmd.output().unwrap();
    let text = stdout(&fifth);
    assert!(
        text.contains("ingest: 4 computed, 0 reused"),
        "{}",
        describe(&fifth)
    );
    assert!(text.contains("normalize: 0 computed, 4 reused"), "{text}");

    // Deleted input leaves the reports.
    std::fs::remove_file(input.join("a0.txt")).unwrap();
    let sixth = run(&input, &out, &[]);
    assert!(sixth.status.success(), "{}", describe(&sixth));
    let sources = read_csv(&out.join("reports/sources.csv"));
    assert_eq!(sources.len(), 3);
    assert!(!out.join("ingest/a0.txt.json").exists() && !out.join("text/a0.txt.txt").exists());
}

fn run_pipeline(dir: &Path, text: &str) -> std::process::Output {
    let pipeline = dir.join("p.toml");
    std::fs::write(&pipeline, text).unwrap();
    xtask()
        .arg("run")
        .arg(&pipeline)
        .arg("--quiet")
        .output()
        .unwrap()
}

#[test]
fn pipeline_files_cannot_lead_out_of_the_project() {
    let dir = tempfile::tempdir().unwrap();
    for (text, expected) in [
        ("input = \"/etc\"\n", "absolute path"),
        ("input = \"../../..\"\n", "leaves the project"),
        (
            "input = \"seeds\"\noutput = \"../elsewhere\"\n",
            "leaves the project",
        ),
        (
            "input = \"seeds\"\noutput = \"seeds/out\"\n",
            "inside the input folder",
        ),
        (
            "input = \"seeds\"\noutput = \"seeds\"\n",
            "inside the input folder",
        ),
        ("inptu = \"seeds\"\n", "inptu"),
        ("[ingest]\nmax_file_bytes = \"big\"\n", "line 2"),
        (
            "input = \"seeds\"\n[reconcile]\nquote_dice = 7.5\n",
            "line 3, key `reconcile.quote_dice` = 7.5 is out of range (allowed: 0 to 1)",
        ),
    ] {
        let output = run_pipeline(dir.path(), text);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{text}: {}",
            describe(&output)
        );
        assert!(
            err.contains(expected) && err.contains("p.toml"),
            "{text}: {err}"
        );
    }
    // Given on the command line, a folder outside the project is the user's choice.
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), article("A headline", 3)).unwrap();
    let output = run(&input, &dir.path().join("out"), &[]);
    assert!(output.status.success(), "{}", describe(&output));
}
