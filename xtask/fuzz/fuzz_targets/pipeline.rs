//! Arbitrary bytes through ingest, normalize and extract, as any input file would go.
//! The first byte picks the file name (and so the format ingest tries first).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

const NAMES: &[&str] = &[
    "a.txt", "a.html", "a.htm", "a.md", "a.json", "a.jsonl", "a.warc", "a.warc.gz", "a", "a.xml", "a.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let Ok(docs) = ingest::ingest_bytes(name, bytes, &Default::default()) else { return };
    for raw in &docs {
        let Ok(clean) = normalize::normalize(raw, &Default::default()) else { continue };
        check::clean(&clean);
        let x = extract::extract(&clean, &Default::default());
        check::extraction(&x);
    }
});
