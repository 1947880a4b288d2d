//! Reconcile time on generated corpora of 1,000 and 10,000 sources.
//!
//! `cargo bench -p reconcile` prints the time of each size and their ratio; the work
//! must grow about linearly (at most 12-fold for 10 times the sources). The corpus is
//! made of stories of 5 to 15 sources sharing names, figures, quotes and sentences;
//! a fifth of the sources are lightly reworded copies of another source of their story,
//! and every source also draws on a vocabulary common to the whole corpus, so blocking
//! must cope with words that every story uses.

use std::time::Instant;

use records::{
    Block, BlockKind, CleanDocument, DateMention, EntityMention, EntityType, Extraction, Format,
    Metadata, QuantityKind, QuantityMention, Quote, QuoteKind, Sentence, SourceEntry, SourceStatus,
};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tor", "vas", "el", "an", "dur", "gi", "po", "sel", "ma", "nor",
    "qui", "ber", "zu", "fa", "hol", "ti",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

struct Story {
    people: Vec<String>,
    places: Vec<String>,
    nouns: Vec<String>,
    figures: Vec<(u64, &'static str, &'static str)>,
    sentences: Vec<Vec<String>>,
    quote: String,
}

/// Text being written, with the char position kept for offsets.
struct Writer {
    text: String,
    chars: usize,
    sentences: Vec<Sentence>,
    x: Vec<EntityMention>,
    q: Vec<QuantityMention>,
    quotes: Vec<Quote>,
    dates: Vec<DateMention>,
    sentence_start: usize,
}

impl Writer {
    fn push(&mut self, s: &str) -> (usize, usize) {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count();
        (start, self.chars)
    }
    fn end_sentence(&mut self) {
        self.push(".");
        let idx = self.sentences.len();
        self.sentences.push(Sentence {
            start: self.sentence_start,
            end: self.chars,
            block: 1,
        });
        let _ = idx;
        self.push(" ");
        self.sentence_start = self.chars;
    }
}

fn source(rng: &mut Rng, id: &str, story: &Story, common: &[String], reword: bool) -> Extraction {
    let headline = format!(
        "{} {} {}",
        capital(&story.nouns[0]),
        story.nouns[1],
        story.places[0]
    );
    let mut w = Writer {
        text: String::new(),
        chars: 0,
        sentences: Vec::new(),
        x: Vec::new(),
        q: Vec::new(),
        quotes: Vec::new(),
        dates: Vec::new(),
        sentence_start: 0,
    };
    w.push(&headline);
    w.push("\n\n");
    w.sentence_start = w.chars;
    let body_start = w.chars;
    let mut order: Vec<usize> = (0..story.sentences.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for (k, &si) in order.iter().take(8).enumerate() {
        let sent = w.sentences.len();
        let person = &story.people[k % story.people.len()];
        let (s, e) = w.push(person);
        w.x.push(EntityMention {
            text: person.clone(),
            start: s,
            end: e,
            sentence: sent,
            kind: EntityType::Person,
            name: person.clone(),
            role: Some("minister".into()),
            acronym: None,
        });
        for t in &story.sentences[si] {
            let t = if reword && rng.below(4) == 0 {
                &common[rng.below(common.len())]
            } else {
                t
            };
            w.push(" ");
            w.push(t);
        }
        w.push(" in ");
        let place = &story.places[k % story.places.len()];
        let (s, e) = w.push(place);
        w.x.push(EntityMention {
            text: place.clone(),
            start: s,
            end: e,
            sentence: sent,
            kind: EntityType::Place,
            name: place.clone(),
            role: None,
            acronym: None,
        });
        w.end_sentence();
        // Own reporting: common words only.
        let n = 6 + rng.below(6);
        for j in 0..n {
            let t = &common[(rng.next() % common.len() as u64) as usize];
            w.push(if j == 0 { &t[..] } else { t });
            w.push(" ");
        }
        w.push("here");
        w.end_sentence();
    }
    for (value, counted, event) in &story.figures {
        let sent = w.sentences.len();
        w.push("Officials said ");
        let shown = if rng.below(3) == 0 {
            format!("about {value}")
        } else {
            value.to_string()
        };
        let (low, high) = if shown.starts_with("about") {
            (*value as f64 * 0.9, *value as f64 * 1.1)
        } else {
            (*value as f64, *value as f64)
        };
        let (s, e) = w.push(&shown);
        w.q.push(QuantityMention {
            text: shown.clone(),
            start: s,
            end: e,
            sentence: sent,
            kind: QuantityKind::Count,
            low,
            high,
            exact: low == high,
            unit: None,
            counted: Some(counted.to_string()),
            class: None,
            holder: None,
            event: Some(event.to_string()),
            attributed_to: Some("officials".into()),
            hedged: false,
            negated: false,
            retracted: false,
            correction: None,
            part_of: None,
            as_of: Some("2024-05-02".into()),
        });
        w.push(&format!(" {counted} were {event} on "));
        let (s, e) = w.push("May 2");
        w.dates.push(DateMention {
            text: "May 2".into(),
            start: s,
            end: e,
            sentence: sent,
            resolved: Some("2024-05-02".into()),
            resolved_end: None,
            relative: false,
        });
        w.end_sentence();
    }
    let sent = w.sentences.len();
    w.push("“");
    let (s, e) = w.push(&story.quote);
    w.push("” said ");
    w.push(&story.people[0]);
    w.quotes.push(Quote {
        text: story.quote.clone(),
        start: s,
        end: e,
        sentence: sent,
        kind: QuoteKind::Direct,
        speaker: Some(story.people[0].clone()),
        speaker_text: Some(story.people[0].clone()),
        verb: Some("said".into()),
    });
    w.end_sentence();
    let text = w.text.trim_end().to_string();
    let len = text.chars().count();
    let head_len = headline.chars().count();
    let doc = CleanDocument {
        source_id: id.to_string(),
        file: id.to_string(),
        content_hash: id.to_string(),
        format: Format::Text,
        meta: Metadata {
            title: Some(headline),
            ..Metadata::default()
        },
        date: Some("2024-05-03".into()),
        words: text.split_whitespace().count(),
        blocks: vec![
            Block {
                kind: BlockKind::Headline,
                start: 0,
                end: head_len,
                content_byte: None,
            },
            Block {
                kind: BlockKind::Paragraph,
                start: body_start,
                end: len,
                content_byte: None,
            },
        ],
        sentences: w.sentences,
        text,
        removed: Vec::new(),
    };
    Extraction {
        document: doc,
        entities: w.x,
        quantities: w.q,
        dates: w.dates,
        quotes: w.quotes,
    }
}

fn corpus(n_sources: usize, seed: u64) -> Vec<Extraction> {
    let mut rng = Rng(seed);
    let common: Vec<String> = (0..3000)
        .map(|_| {
            let syllables = 2 + rng.below(2);
            word(&mut rng, syllables)
        })
        .collect();
    let mut out = Vec::with_capacity(n_sources);
    let mut story_no = 0;
    while out.len() < n_sources {
        story_no += 1;
        let story = Story {
            // Story words have four syllables (160,000 forms), so that two stories
            // rarely share one by chance, as in real news.
            people: (0..4)
                .map(|_| {
                    format!(
                        "{} {}",
                        capital(&word(&mut rng, 2)),
                        capital(&word(&mut rng, 4))
                    )
                })
                .collect(),
            places: (0..2).map(|_| capital(&word(&mut rng, 4))).collect(),
            nouns: (0..6).map(|_| word(&mut rng, 4)).collect(),
            figures: vec![
                (50 + rng.next() % 500, "people", "killed"),
                (1000 + rng.next() % 9000, "people", "detained"),
                (10 + rng.next() % 40, "security personnel", "killed"),
            ],
            sentences: Vec::new(),
            quote: String::new(),
        };
        let mut story = story;
        story.sentences = (0..10)
            .map(|_| {
                (0..8)
                    .map(|_| {
                        if rng.below(2) == 0 {
                            story.nouns[rng.below(story.nouns.len())].clone()
                        } else {
                            common[rng.below(common.len())].clone()
                        }
                    })
                    .collect()
            })
            .collect();
        story.quote = (0..9)
            .map(|_| common[rng.below(common.len())].clone())
            .collect::<Vec<_>>()
            .join(" ");
        let size = 5 + rng.below(11);
        let start = out.len();
        for k in 0..size {
            if out.len() >= n_sources {
                break;
            }
            let id = format!("{:06}_s{story_no}_{k}.txt", out.len());
            if k > 0 && rng.below(5) == 0 {
                // A lightly reworded copy of an earlier source of the story.
                let orig: &Extraction = &out[start + rng.below(k)];
                let mut copy = orig.clone();
                copy.document.source_id = id.clone();
                copy.document.file = id;
                out.push(copy);
            } else {
                let reword = rng.below(2) == 0;
                out.push(source(&mut rng, &id, &story, &common, reword));
            }
        }
    }
    out
}

fn time(n: usize) -> (f64, f64, records::Reconciled) {
    let xs = corpus(n, 0x5eed_u64 + n as u64);
    let entries: Vec<SourceEntry> = xs
        .iter()
        .map(|x| SourceEntry {
            source_id: x.document.source_id.clone(),
            file: x.document.file.clone(),
            content_hash: None,
            status: SourceStatus::Ok,
        })
        .collect();
    let config = reconcile::ReconcileConfig::default();
    let (started, cpu) = (Instant::now(), cpu_seconds());
    let r = reconcile::reconcile(&entries, &xs, Vec::new(), &config);
    let wall = started.elapsed().as_secs_f64();
    (
        cpu.and_then(|c| cpu_seconds().map(|d| d - c))
            .unwrap_or(wall),
        wall,
        r,
    )
}

/// CPU time of this process (user + system), from `/proc/self/stat` on Linux: on a
/// shared machine wall time mostly measures the neighbours.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every mainstream Linux.
    Some((utime + stime) / 100.0)
}

fn main() {
    // `cargo test --benches` runs this too; keep it to a quick smoke run there.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let sizes: &[usize] = if quick { &[100, 1000] } else { &[1000, 10000] };
    let mut times = Vec::new();
    for &n in sizes {
        let (secs, wall, r) = time(n);
        let stories: std::collections::BTreeSet<_> = r
            .sources
            .iter()
            .filter_map(|s| s.story_id.clone())
            .collect();
        let groups: std::collections::BTreeSet<_> = r
            .sources
            .iter()
            .filter_map(|s| s.group_id.clone())
            .collect();
        println!(
            "reconcile {n:>6} sources: {secs:8.3} s CPU ({wall:.3} s wall)  ({} stories, {} groups, {} facts, {} pairs, {} entities)",
            stories.len(),
            groups.len(),
            r.facts.len(),
            r.source_pairs.len(),
            r.entities.len()
        );
        times.push(secs);
    }
    let ratio = times[1] / times[0].max(1e-9);
    println!("growth for 10x sources: {ratio:.1}x CPU time (must stay at most 12x)");
}
