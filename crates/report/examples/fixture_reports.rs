//! Writes the reports of the test fixture (hostile text included) into a folder, to
//! look at them by hand: `cargo run -p report --example fixture_reports -- /tmp/reports`
//! then open `report.html` in a browser and `corroborate.xlsx` in a spreadsheet.

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixture-reports".to_string());
    let names = report::write_reports(
        &common::fixture(),
        std::path::Path::new(&dir),
        &report::ReportConfig::default(),
    )?;
    println!("{} files in {dir}", names.len());
    Ok(())
}
