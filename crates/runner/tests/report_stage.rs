//! The report stage through the runner: the files written are exactly what `report`
//! renders from the records the run returns, each replaced whole, with nothing left
//! beside them (a partial file an interrupted run left is removed).

use std::path::Path;

use runner::pipeline;
use runner::progress::Progress;

fn article(headline: &str, number: u32) -> String {
    format!(
        "{headline}\n\nOfficials in the town of Westbrook said on Monday that {number} people had been evacuated after the river burst its banks.\n\n\"We are doing everything we can,\" said Mayor Ellen Park, adding that shelters were open.\n"
    )
}

fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn the_reports_written_are_those_report_renders_and_nothing_is_left_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), article("River floods Westbrook", 40)).unwrap();
    std::fs::write(input.join("b.txt"), article("Westbrook evacuated", 45)).unwrap();
    let reports = out.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("facts.csv"), b"stale").unwrap();
    std::fs::write(reports.join(".facts.csv.partial"), b"left by a crash").unwrap();

    let pipeline = pipeline::load("default", Some(&input), Some(&out)).unwrap();
    let run = runner::run::run_quiet(&pipeline, &Progress::new(false)).unwrap();
    assert!(!run.report_reused);
    let rendered = report::render(&run.reconciled, &pipeline.settings.report);
    assert!(rendered.iter().any(|f| f.name == "facts.csv"));
    for file in &rendered {
        assert!(
            std::fs::read(reports.join(&file.name)).unwrap() == file.bytes,
            "{} differs from what report renders",
            file.name
        );
    }
    assert!(hidden(&reports).is_empty(), "{:?}", hidden(&reports));

    // Nothing changed: the reports are not written again.
    let again = runner::run::run_quiet(&pipeline, &Progress::new(false)).unwrap();
    assert!(again.report_reused);
}
