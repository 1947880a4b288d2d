//! Writes reports into a folder, to look at them by hand: the test fixture (hostile
//! text included), or any `reconciled.json` a run wrote.
//!
//! `cargo run -p report --example fixture_reports -- /tmp/reports [out/default/reconcile/reconciled.json]`
//! then open `report.html` in a browser and `corroborate.xlsx` in a spreadsheet.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "fixture-reports".to_string());
    let rec = match args.next() {
        Some(path) => {
            serde_json::from_slice(&std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?)
                .map_err(|e| format!("{path}: {e}"))?
        }
        None => common::fixture(),
    };
    let files = report::render(&rec, &report::ReportConfig::default());
    std::fs::create_dir_all(&dir)?;
    for file in &files {
        std::fs::write(std::path::Path::new(&dir).join(&file.name), &file.bytes)?;
    }
    println!("{} files in {dir}", files.len());
    Ok(())
}
