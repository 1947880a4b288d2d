//! Scores extract against the gold annotations in `tests/gold/` (conventions in
//! `tests/gold/README.md`) and holds the figures the issue asks for on the seeds.
//! `GOLD_VERBOSE=1 cargo test -p extract --test gold -- --nocapture` lists every miss.

use std::path::{Path, PathBuf};

use records::{Extraction, QuoteKind, char_slice};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Gold {
    doc: Vec<GoldDoc>,
}

#[derive(Debug, Deserialize)]
struct GoldDoc {
    file: String,
    #[serde(default)]
    entities: Vec<GoldEntity>,
    #[serde(default)]
    quantity: Vec<GoldQuantity>,
    #[serde(default)]
    quote: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    name: String,
    kind: String,
    context: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GoldQuantity {
    text: String,
    context: String,
    kind: String,
    low: f64,
    high: f64,
    counted: Option<String>,
    event: Option<String>,
    attributed_to: Option<String>,
    #[serde(default)]
    hedged: bool,
    #[serde(default)]
    retracted: bool,
    part_of: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    text: String,
    kind: String,
    speaker: String,
}

/// Precision, recall, F1 from counts.
#[derive(Debug, Default, Clone, Copy)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn p(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn show(&self) -> String {
        format!(
            "P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {})",
            self.p(),
            self.r(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// Accuracy counter.
#[derive(Debug, Default, Clone, Copy)]
struct Acc {
    right: usize,
    total: usize,
}

impl Acc {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.right += 1;
        }
    }
    fn show(&self) -> String {
        if self.total == 0 {
            return "n/a".into();
        }
        format!(
            "{:.3} ({}/{})",
            self.right as f64 / self.total as f64,
            self.right,
            self.total
        )
    }
}

#[derive(Debug, Default)]
struct Scores {
    entities: Prf,
    quantities: Prf,
    counts: Prf,
    counted: Acc,
    attribution: Acc,
    flags: Acc,
    direct: Prf,
    direct_speaker: Prf,
    indirect: Prf,
    indirect_speaker: Prf,
    skipped: usize,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(file: &str) -> Extraction {
    let path = root().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let raw = ingest::ingest_bytes(&name, &bytes, &Default::default())
        .unwrap()
        .remove(0);
    let clean = normalize::normalize(&raw, &Default::default()).unwrap();
    extract::extract(&clean, &Default::default())
}

/// Lower case, hyphens as spaces, one kind of apostrophe, no leading article.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c == '-' {
                ' '
            } else if c == '’' {
                '\''
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    let s = s.trim();
    s.strip_prefix("the ").unwrap_or(s).to_string()
}

/// A predicted name or source matches a gold one when equal, or when it ends with
/// it (`Kazakhstan's interior ministry` gives `interior ministry`).
fn same_source(pred: &str, gold: &str) -> bool {
    let (p, g) = (norm(pred), norm(gold));
    p == g || p.ends_with(&format!(" {g}"))
}

fn speaker_ok(pred: Option<&str>, gold: &str) -> bool {
    pred.is_some_and(|p| gold.split('|').any(|g| same_source(p, g)))
}

/// Char span of `text` inside the first occurrence of `context`.
fn locate(doc: &str, context: &str, text: &str) -> Option<(usize, usize)> {
    let cb = doc.find(context)?;
    let tb = cb + context.find(text)?;
    let start = doc[..tb].chars().count();
    Some((start, start + text.chars().count()))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn close(a: f64, b: f64) -> bool {
    // An open bound (`inf`) is close only to an open bound.
    a == b || (a - b).abs() <= 0.5_f64.max(b.abs() * 0.001)
}

fn score(gold_file: &str) -> Scores {
    let verbose = std::env::var_os("GOLD_VERBOSE").is_some();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/gold")
            .join(gold_file),
    )
    .unwrap();
    let gold: Gold = toml::from_str(&text).unwrap_or_else(|e| panic!("{gold_file}: {e}"));
    let mut sc = Scores::default();
    for gd in &gold.doc {
        let x = run(&gd.file);
        let doc = &x.document.text;
        if verbose {
            println!("--- {}", gd.file);
        }
        // Entities: one per (name, kind) in the document.
        let mut pred: Vec<(String, &str)> = Vec::new();
        for e in &x.entities {
            let key = (e.name.clone(), e.kind.as_str());
            if !pred.contains(&key) {
                pred.push(key);
            }
        }
        let golds: Vec<&GoldEntity> = gd
            .entities
            .iter()
            .filter(|g| {
                let found = doc.contains(&g.context);
                if !found {
                    sc.skipped += 1;
                    if verbose {
                        println!(
                            "  entity skipped (passage removed): {} ({:?})",
                            g.name, g.context
                        );
                    }
                }
                found
            })
            .collect();
        let mut used = vec![false; golds.len()];
        let mut prf = Prf::default();
        for (name, kind) in &pred {
            let hit = golds.iter().enumerate().find(|(i, g)| {
                !used[*i]
                    && g.kind == *kind
                    && std::iter::once(&g.name)
                        .chain(g.aliases.iter())
                        .any(|n| norm(n) == norm(name))
            });
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    prf.tp += 1;
                }
                None => {
                    prf.fp += 1;
                    if verbose {
                        println!("  entity FP: {name} ({kind})");
                    }
                }
            }
        }
        for (i, g) in golds.iter().enumerate() {
            if !used[i] {
                prf.fn_ += 1;
                if verbose {
                    println!("  entity FN: {} ({})", g.name, g.kind);
                }
            }
        }
        sc.entities.add(prf);

        // Quantities: located by context, matched by overlap, right when kind,
        // interval and event all agree.
        let mut spans: Vec<(String, (usize, usize))> = Vec::new();
        let mut q_used = vec![false; x.quantities.len()];
        let mut qp = Prf::default();
        let mut cp = Prf::default();
        for g in &gd.quantity {
            let Some(span) = locate(doc, &g.context, &g.text) else {
                sc.skipped += 1;
                if verbose {
                    println!("  quantity skipped (passage removed): {:?}", g.context);
                }
                continue;
            };
            let m = x
                .quantities
                .iter()
                .enumerate()
                .find(|(i, q)| !q_used[*i] && overlaps((q.start, q.end), span));
            spans.push((g.text.clone(), span));
            let is_count = g.kind == "count";
            match m {
                Some((i, q)) => {
                    q_used[i] = true;
                    let right = q.kind_str() == g.kind
                        && close(q.low, g.low)
                        && close(q.high, g.high)
                        && q.event == g.event;
                    if right {
                        qp.tp += 1;
                    } else {
                        qp.fp += 1;
                        qp.fn_ += 1;
                        if verbose {
                            println!(
                                "  quantity WRONG: {:?} gold {} [{}, {}] {:?} | got {} [{}, {}] {:?}",
                                g.text,
                                g.kind,
                                g.low,
                                g.high,
                                g.event,
                                q.kind_str(),
                                q.low,
                                q.high,
                                q.event
                            );
                        }
                    }
                    if is_count {
                        if right {
                            cp.tp += 1
                        } else {
                            cp.fp += 1;
                            cp.fn_ += 1
                        }
                        sc.counted
                            .add(q.counted.as_deref().map(norm) == g.counted.as_deref().map(norm));
                        let attr_ok = match (&g.attributed_to, &q.attributed_to) {
                            (None, None) => true,
                            (Some(ga), Some(qa)) => speaker_ok(Some(qa), ga),
                            _ => false,
                        };
                        sc.attribution.add(attr_ok);
                        let part_ok = match (&g.part_of, q.part_of) {
                            (None, None) => true,
                            (Some(t), Some(p)) => spans
                                .iter()
                                .rev()
                                .find(|(k, sp)| k == t && sp.0 < span.0)
                                .is_some_and(|(_, s)| {
                                    overlaps(*s, (x.quantities[p].start, x.quantities[p].end))
                                }),
                            _ => false,
                        };
                        sc.flags
                            .add(q.hedged == g.hedged && q.retracted == g.retracted && part_ok);
                        if verbose
                            && (!attr_ok
                                || q.counted.as_deref().map(norm) != g.counted.as_deref().map(norm)
                                || !part_ok
                                || q.hedged != g.hedged
                                || q.retracted != g.retracted)
                        {
                            println!(
                                "  count detail: {:?} counted {:?}/{:?} by {:?}/{:?} hedged {}/{} retracted {}/{} part_ok {}",
                                g.text,
                                g.counted,
                                q.counted,
                                g.attributed_to,
                                q.attributed_to,
                                g.hedged,
                                q.hedged,
                                g.retracted,
                                q.retracted,
                                part_ok
                            );
                        }
                    }
                }
                None => {
                    qp.fn_ += 1;
                    if is_count {
                        cp.fn_ += 1;
                    }
                    if verbose {
                        println!("  quantity FN: {:?} ({})", g.text, g.context);
                    }
                }
            }
        }
        for (i, q) in x.quantities.iter().enumerate() {
            if !q_used[i] {
                qp.fp += 1;
                if q.kind_str() == "count" {
                    cp.fp += 1;
                }
                if verbose {
                    println!(
                        "  quantity FP: {:?} {} [{}, {}]",
                        q.text,
                        q.kind_str(),
                        q.low,
                        q.high
                    );
                }
            }
        }
        sc.quantities.add(qp);
        sc.counts.add(cp);

        // Quotes: located by their opening words, matched by overlap and kind.
        for kind in [QuoteKind::Direct, QuoteKind::Indirect] {
            let kind_s = if kind == QuoteKind::Direct {
                "direct"
            } else {
                "indirect"
            };
            let preds: Vec<&records::Quote> = x.quotes.iter().filter(|q| q.kind == kind).collect();
            let mut used = vec![false; preds.len()];
            let mut det = Prf::default();
            let mut spk = Prf::default();
            for g in gd.quote.iter().filter(|g| g.kind == kind_s) {
                let Some(span) = locate(doc, &g.text, &g.text) else {
                    sc.skipped += 1;
                    if verbose {
                        println!("  quote skipped (passage removed): {:?}", g.text);
                    }
                    continue;
                };
                let m = preds
                    .iter()
                    .enumerate()
                    .find(|(i, q)| !used[*i] && overlaps((q.start, q.end), span));
                match m {
                    Some((i, q)) => {
                        used[i] = true;
                        det.tp += 1;
                        if speaker_ok(q.speaker.as_deref(), &g.speaker) {
                            spk.tp += 1;
                        } else {
                            spk.fp += 1;
                            spk.fn_ += 1;
                            if verbose {
                                println!(
                                    "  {kind_s} speaker WRONG: {:?} gold {:?} got {:?}",
                                    g.text, g.speaker, q.speaker
                                );
                            }
                        }
                    }
                    None => {
                        det.fn_ += 1;
                        spk.fn_ += 1;
                        if verbose {
                            println!("  {kind_s} quote FN: {:?} ({})", g.text, g.speaker);
                        }
                    }
                }
            }
            for (i, q) in preds.iter().enumerate() {
                if !used[i] {
                    det.fp += 1;
                    spk.fp += 1;
                    if verbose {
                        let t: String = q.text.chars().take(60).collect();
                        println!("  {kind_s} quote FP: {t:?} ({:?})", q.speaker);
                    }
                }
            }
            if kind == QuoteKind::Direct {
                sc.direct.add(det);
                sc.direct_speaker.add(spk);
            } else {
                sc.indirect.add(det);
                sc.indirect_speaker.add(spk);
            }
        }
        // Offsets are the contract: every mention cuts its own text.
        for q in &x.quantities {
            assert_eq!(char_slice(doc, q.start, q.end), Some(q.text.as_str()));
        }
    }
    println!("== {gold_file}");
    println!("entities            {}", sc.entities.show());
    println!("quantities          {}", sc.quantities.show());
    println!("  counts only       {}", sc.counts.show());
    println!("  counted noun acc  {}", sc.counted.show());
    println!("  attribution acc   {}", sc.attribution.show());
    println!("  hedge/retract/part acc {}", sc.flags.show());
    println!("direct quotes       {}", sc.direct.show());
    println!("  with speaker      {}", sc.direct_speaker.show());
    println!("indirect quotes     {}", sc.indirect.show());
    println!("  with speaker      {}", sc.indirect_speaker.show());
    println!(
        "gold items skipped (passage not in clean text): {}",
        sc.skipped
    );
    sc
}

trait KindStr {
    fn kind_str(&self) -> &'static str;
}

impl KindStr for records::QuantityMention {
    fn kind_str(&self) -> &'static str {
        match self.kind {
            records::QuantityKind::Count => "count",
            records::QuantityKind::Percent => "percent",
            records::QuantityKind::Money => "money",
            records::QuantityKind::Measure => "measure",
            records::QuantityKind::Age => "age",
            records::QuantityKind::Year => "year",
            records::QuantityKind::Duration => "duration",
            records::QuantityKind::Other => "other",
        }
    }
}

#[test]
fn seeds_meet_the_issue_targets() {
    let sc = score("seeds.toml");
    assert!(
        sc.entities.f1() >= 0.90,
        "entities F1 {}",
        sc.entities.show()
    );
    assert!(
        sc.quantities.f1() >= 0.90,
        "quantities F1 {}",
        sc.quantities.show()
    );
    assert!(
        sc.direct_speaker.f1() >= 0.90,
        "direct quote speakers F1 {}",
        sc.direct_speaker.show()
    );
}

#[test]
fn other_events_hold_their_floor() {
    let sc = score("other.toml");
    // Floors a little under the current figures (first run before tuning on this set:
    // entities 0.87, quantities 0.71, quote speakers 0.84), so a change that loses
    // ground on stories other than the seeds' fails here.
    assert!(
        sc.entities.f1() >= 0.95,
        "entities F1 {}",
        sc.entities.show()
    );
    assert!(
        sc.quantities.f1() >= 0.90,
        "quantities F1 {}",
        sc.quantities.show()
    );
    assert!(
        sc.direct_speaker.f1() >= 0.95,
        "direct quote speakers F1 {}",
        sc.direct_speaker.show()
    );
}

#[test]
fn held_out_events_hold_their_floor() {
    let sc = score("heldout.toml");
    // This set was written after the rules were tuned on the two others; its first
    // run (entities 0.78, quantities 0.72, quote speakers 1.00) and the fixes it
    // prompted are in the crate README. Floors a little under the current figures.
    assert!(
        sc.entities.f1() >= 0.93,
        "entities F1 {}",
        sc.entities.show()
    );
    assert!(
        sc.quantities.f1() >= 0.90,
        "quantities F1 {}",
        sc.quantities.show()
    );
    assert!(
        sc.direct_speaker.f1() >= 0.95,
        "direct quote speakers F1 {}",
        sc.direct_speaker.show()
    );
}
