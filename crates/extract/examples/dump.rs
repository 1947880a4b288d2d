//! Prints what extract finds in text files, for eyeballing: `cargo run -p extract --example dump -- FILE...`.
//! With `DUMP_TEXT_DIR=dir`, also writes each clean text there (to score other tools on the same text).

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let name = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let raw = ingest::ingest_bytes(&name, &bytes, &ingest::IngestConfig::default())
            .expect("ingest")
            .remove(0);
        let clean =
            normalize::normalize(&raw, &normalize::NormalizeConfig::default()).expect("normalize");
        if let Some(dir) = std::env::var_os("DUMP_TEXT_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(&name), &clean.text)
                .expect("writable folder");
        }
        let x = extract::extract(&clean, &extract::ExtractConfig::default());
        println!("=== {path}");
        for e in &x.entities {
            println!(
                "E {:<14} {:<35} name={} role={:?} acr={:?}",
                e.kind.as_str(),
                e.text,
                e.name,
                e.role,
                e.acronym
            );
        }
        for q in &x.quantities {
            println!(
                "Q {:?} {:<22} [{}, {}] exact={} unit={:?} counted={:?} event={:?} by={:?} h={} c={:?} part={:?} n={}",
                q.kind,
                q.text,
                q.low,
                q.high,
                q.exact,
                q.unit,
                q.counted,
                q.event,
                q.attributed_to,
                q.hedged,
                q.correction,
                q.part_of,
                q.negated
            );
        }
        for dm in &x.dates {
            println!(
                "D {:<22} {:?} {:?} rel={}",
                dm.text, dm.resolved, dm.resolved_end, dm.relative
            );
        }
        for q in &x.quotes {
            let t: String = q.text.chars().take(70).collect();
            println!(
                "T {:?} speaker={:?} ({:?}) verb={:?} | {}",
                q.kind, q.speaker, q.speaker_text, q.verb, t
            );
        }
    }
}
