//! Named entities from capitalisation, gazetteers and the document's own consistency.
//!
//! 1. Words that could start a name are the capitalised ones, except where capitals
//!    say nothing: at a sentence start and in a title-case headline a word counts only
//!    if the lexicon knows it or the body writes it capitalised mid-sentence.
//! 2. Runs of such words (with `of` inside organisation names, `.` after initials and
//!    honorifics) are candidates; a title or honorific at their head becomes the
//!    mention's role, a nationality adjective or country before the title its own
//!    mention (`US Secretary of State Jane Doe`).
//! 3. Each candidate is typed by the gazetteers, organisation and place suffixes,
//!    titles, and then by what the document says elsewhere about the same name.
//! 4. Acronyms defined in brackets are linked to their expansion; surname-only and
//!    first-name-only mentions of a person resolve to the fullest form in the document.

use std::collections::HashMap;

use records::EntityType;

use crate::lexicon::{Lexicon, Set, lexicon};
use crate::text::{Doc, Kind, contains_any_ci};

/// An entity mention in byte offsets.
#[derive(Debug, Clone)]
pub struct Ent {
    /// Byte offset of the name.
    pub s: usize,
    /// End byte offset.
    pub e: usize,
    /// First token.
    pub tok: usize,
    /// Last token (inclusive).
    pub tok_end: usize,
    /// Kind.
    pub kind: EntityType,
    /// Fullest name.
    pub name: String,
    /// Role attached here.
    pub role: Option<String>,
    /// Acronym or expansion.
    pub acronym: Option<String>,
    /// How sure the type is: 2 from a title, gazetteer or suffix, 1 from context, 0 guessed.
    pub evidence: u8,
    /// Whether the mention is the subject of a reporting verb (`Ellison told`, `said Mr Cohen`).
    pub subject: bool,
}

/// Connectors allowed inside a name after these head words (`Ministry of Defence`).
const OF_HEADS: &[&str] = &[
    "Ministry",
    "Minister",
    "Secretary",
    "Department",
    "University",
    "Bank",
    "Council",
    "Court",
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Union",
    "Organisation",
    "Organization",
    "Office",
    "Chamber",
    "Federation",
    "Association",
    "Bureau",
    "Institute",
    "Museum",
    "Church",
    "House",
    "Gulf",
    "Sea",
    "Bay",
    "Strait",
    "Isle",
    "Cape",
    "Horn",
    "Port",
    "City",
    "Commission",
    "Committee",
    "Board",
    "League",
    "Academy",
    "School",
    "College",
    "Party",
    "Army",
    "Chief",
    "Head",
    "Director",
    "Governor",
    "Mayor",
    "President",
    "Prince",
    "King",
    "Queen",
    "Duke",
    "Bishop",
    "Archbishop",
    "Society",
    "Agency",
    "Authority",
    "Centre",
    "Center",
    "Coalition",
    "Movement",
    "Front",
    "Service",
    "Forces",
    "Command",
    "Council",
    "Party",
    "Parliament",
    "Supreme",
    "Treaty",
    "Community",
    "Bloc",
    "Alliance",
];

/// Lower-case nouns that, right after a name or in apposition before it, make it an organisation.
const ORG_NOUNS: &[&str] = &[
    "plant",
    "factory",
    "company",
    "firm",
    "brand",
    "group",
    "chain",
    "mill",
    "platform",
    "exchange",
    "bank",
    "union",
    "unions",
    "party",
    "agency",
    "charity",
    "organisation",
    "organization",
    "newspaper",
    "channel",
    "broadcaster",
    "startup",
    "carrier",
    "airline",
    "network",
    "conglomerate",
    "manufacturer",
    "retailer",
    "militia",
    "movement",
    "coalition",
    "club",
    "university",
    "institute",
    "operator",
    "subsidiary",
    "ngo",
    "service",
    "broadcaster",
    "watchdog",
    "regulator",
    "authority",
    "ministry",
];

/// Lower-case nouns that, right after a name, make it a place.
const PLACE_NOUNS: &[&str] = &[
    "mountains",
    "district",
    "province",
    "region",
    "state",
    "city",
    "town",
    "village",
    "valley",
    "river",
    "county",
    "area",
    "border",
    "coast",
    "island",
    "islands",
    "peninsula",
    "desert",
    "lake",
    "sea",
    "governorate",
    "prefecture",
    "municipality",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "camp",
    "refugee",
    "port",
    "airport",
];

/// Lower-case nouns that, right after a name, make it a named thing of another kind.
const OTHER_NOUNS: &[&str] = &[
    "initiative",
    "programme",
    "program",
    "project",
    "projects",
    "plan",
    "strategy",
    "policy",
    "scheme",
    "agreement",
    "deal",
    "act",
    "law",
    "bill",
    "summit",
    "festival",
    "games",
    "championship",
    "cup",
    "award",
    "prize",
    "campaign",
    "operation",
    "protocol",
    "accord",
    "doctrine",
    "pipeline",
    "vaccine",
];

/// Capitalised function words dropped from the head of a run.
const HEAD_DROP: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "As",
    "If",
    "When",
    "While",
    "But",
    "And",
    "Or",
    "So",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Although",
    "Though",
    "Because",
    "However",
    "Meanwhile",
    "According",
    "Of",
    "To",
    "Is",
    "It",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
];

/// Honours and professional letters written after a name.
const POSTNOMINALS: &[&str] = &["KC", "QC", "SC", "MEP", "OBE", "MBE", "CBE", "KBE", "DBE"];

/// Last words of the names of newspapers, broadcasters and wires.
const MEDIA_WORDS: &[&str] = &[
    "Times",
    "Post",
    "News",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Magazine",
    "Press",
    "Radio",
    "Television",
    "TV",
    "Telegraph",
    "Guardian",
    "Mirror",
    "Observer",
    "Daily",
    "Ledger",
    "Courier",
    "Review",
    "Dispatch",
    "Chronicle",
    "Wire",
    "Monitor",
    "Express",
    "Standard",
    "Globe",
    "Bulletin",
    "Reporter",
    "Desk",
    "Service",
    "Agency",
];

/// Words of a credit or byline line: who reported, edited or owns the text.
const CREDIT_CUES: &[&str] = &[
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "contributed reporting",
    "contributed to this",
    "contributions from",
    "copyright",
    "©",
    "all rights reserved",
    "subscribe",
    "subscribers",
    "update this story",
    "material from",
    "this article is an excerpt",
    "this is an excerpt",
    "reproduced by",
    "reproduced with",
];

/// Lower-case particles inside personal names.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "der", "van", "von", "bin", "ibn", "al", "el", "le", "la", "du",
    "dos", "das",
];

/// Agencies whose name alone in brackets is a credit, not a mention.
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "EPA",
    "Getty",
    "Getty Images",
    "PA",
    "UPI",
    "ANP",
    "DPA",
    "dpa",
    "Xinhua",
    "TASS",
    "Sputnik",
    "Pool",
    "POOL",
    "ANSA",
    "EFE",
    "Bloomberg",
    "Shutterstock",
];

/// Whether `w` is an acronym (`NATO`, `U.S.`, `G7`).
pub fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=7).contains(&letters)
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
        && letters >= 2
}

/// Capitalises the first letter (`president` -> `President`) into `buf`.
fn title_case<'b>(w: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    let mut it = w.chars();
    if let Some(c) = it.next() {
        buf.extend(c.to_uppercase());
        buf.push_str(it.as_str());
    }
    buf.as_str()
}

/// Document-wide facts about words used to judge capitals.
struct WordStats<'a> {
    /// Words seen capitalised away from sentence starts and title-case headlines.
    cap_mid: Set<&'a str>,
    /// Words seen in lower case (keys are lower-case words as written).
    lower: Set<&'a str>,
    /// Paragraphs written in title case (every word capitalised).
    title_case_block: Vec<bool>,
}

fn word_stats<'a>(d: &Doc<'a>) -> WordStats<'a> {
    let n_blocks = d.block_start.len();
    let mut title_case_block = vec![false; n_blocks];
    for (b, flag) in title_case_block.iter_mut().enumerate() {
        let (a, z) = (
            d.block_start[b],
            d.block_start.get(b + 1).copied().unwrap_or(d.toks.len()),
        );
        let (mut long, mut caps) = (0, 0);
        for k in a..z {
            if d.toks[k].kind == Kind::Word && d.t(k).chars().count() >= 4 {
                long += 1;
                if d.cap(k) {
                    caps += 1;
                }
            }
        }
        *flag = long >= 3 && caps * 10 >= long * 8;
    }
    let mut cap_mid = Set::default();
    let mut lower = Set::default();
    for k in 0..d.toks.len() {
        if d.toks[k].kind != Kind::Word || d.skip_block[d.toks[k].block as usize] {
            continue;
        }
        let w = d.t(k);
        if d.cap(k) {
            if !title_case_block[d.toks[k].block as usize]
                && !d.sentence_initial(k)
                && !after_colon_or_quote(d, k)
            {
                cap_mid.insert(w);
            }
        } else {
            lower.insert(w);
        }
    }
    WordStats {
        cap_mid,
        lower,
        title_case_block,
    }
}

fn after_colon_or_quote(d: &Doc<'_>, k: usize) -> bool {
    k > 0
        && matches!(
            d.t(k - 1),
            ":" | "“" | "\"" | "‘" | "•" | "—" | "–" | "-" | "("
        )
}

/// Whether token `k` is a word whose capital marks a name.
fn name_cap(d: &Doc<'_>, ws: &WordStats<'_>, lex: &Lexicon, k: usize, buf: &mut String) -> bool {
    if !d.cap(k) {
        return false;
    }
    let w = d.t(k);
    if lex.calendar.contains_key(w) || lex.common_acronyms.contains_key(w) || w == "I" {
        return false;
    }
    // `Russian-led`, `Moscow-based`: an adjective; the place in it is found separately.
    if let Some(h) = w.rfind(['-', '‑']) {
        if w[h..].chars().nth(1).is_some_and(char::is_lowercase) && !w.starts_with("ex-") {
            return false;
        }
    }
    let weak_position = ws.title_case_block[d.toks[k].block as usize]
        || d.sentence_initial(k)
        || after_colon_or_quote(d, k);
    if !weak_position {
        return true;
    }
    // All-capital datelines (`LAGOS, Nigeria`).
    if is_acronym(w) || w.chars().all(|c| !c.is_lowercase()) {
        return true;
    }
    if lex.not_names.contains_key(w) {
        return false;
    }
    let known = lex.places.contains_key(w)
        || lex.demonyms.contains_key(w)
        || lex.known_orgs.contains_key(w)
        || lex.titles.contains_key(w)
        || lex.honorifics.contains_key(w)
        || is_acronym(w);
    if known {
        return true;
    }
    // A gerund opening a sentence or quote (`Closing the plant ...`) is no name.
    if w.ends_with("ing") && !ws.cap_mid.contains(w) {
        return false;
    }
    // Lower-case use elsewhere shows it is a common word (`Nursing staff` at a quote's
    // start, when the text also says `nursing posts`), unless the next word continues
    // a name seen mid-sentence.
    let lw = buf_lower(w, buf);
    let continues = k + 1 < d.toks.len()
        && d.cap(k + 1)
        && ws.cap_mid.contains(d.t(k + 1))
        && d.toks[k + 1].sp_before;
    if ws.lower.contains(lw) && !continues {
        return false;
    }
    if ws.cap_mid.contains(w) {
        return true;
    }
    // In a title-case headline an unknown word is most likely a common word; at a
    // sentence start, a name only if the next word continues it.
    if ws.title_case_block[d.toks[k].block as usize] {
        return false;
    }
    k + 1 < d.toks.len()
        && d.toks[k + 1].kind == Kind::Word
        && d.cap(k + 1)
        && ws.cap_mid.contains(d.t(k + 1))
}

fn buf_lower<'b>(w: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.extend(w.chars().flat_map(char::to_lowercase));
    buf.as_str()
}

/// Marks tokens inside credit brackets (`(Vasily Krestyaninov/AP)`, `(AFP)`).
fn credit_tokens(d: &Doc<'_>) -> Vec<bool> {
    let mut skip = vec![false; d.toks.len()];
    let mut k = 0;
    while k < d.toks.len() {
        if d.t(k) == "(" {
            let (_, z) = d.block_range(k);
            if let Some(close) = (k + 1..z.min(k + 16)).find(|&m| d.t(m) == ")") {
                let inner = &d.text[d.toks[k].e..d.toks[close].s];
                let has_slash = inner.contains('/');
                let agency = AGENCIES.contains(&inner.trim());
                if has_slash || agency {
                    for s in skip.iter_mut().take(close + 1).skip(k) {
                        *s = true;
                    }
                    k = close + 1;
                    continue;
                }
            }
        }
        k += 1;
    }
    // Byline and credit paragraphs: a short line with a separator and a date
    // (`Tidewater Observer — September 14, 2024`, `AFP | Published ...`), a short line
    // opening with `By`, and short lines holding a credit cue (`Reporting by X;
    // Editing by Y`, `Copyright 2025 X`, `X contributed reporting`).
    let lex = lexicon();
    let mut lower = String::new();
    for b in 0..d.block_start.len() {
        let a = d.block_start[b];
        let z = d.block_start.get(b + 1).copied().unwrap_or(d.toks.len());
        if a >= z {
            continue;
        }
        let words = (a..z).filter(|&k| d.toks[k].kind == Kind::Word).count();
        let line = &d.text[d.toks[a].s..d.toks[z - 1].e];
        let dated = || {
            (a..z).any(|k| lex.calendar.contains_key(d.t(k)))
                || line.bytes().filter(u8::is_ascii_digit).count() >= 4
        };
        let separated = || (a..z).any(|k| matches!(d.t(k), "|" | "·" | "—" | "–"));
        let byline = b < 4 && words <= 12 && (d.t(a) == "By" || separated() && dated());
        let credit = words <= 40 && contains_any_ci(line, CREDIT_CUES, &mut lower);
        if byline || credit {
            for s in skip.iter_mut().take(z).skip(a) {
                *s = true;
            }
        }
    }
    // A dateline's bracketed credit (`SERAVAN, April 22 (Eurasia Wire) –`), and an
    // outlet named as the one spoken to (`told the Evening Post`, `told Reuters`).
    for k in 0..d.toks.len() {
        if d.t(k) == "(" && k <= d.block_range(k).0 + 8 {
            if let Some(close) = (k + 1..(k + 6).min(d.toks.len())).find(|&m| d.t(m) == ")") {
                let dash = close + 1 < d.toks.len() && matches!(d.t(close + 1), "-" | "–" | "—");
                if dash && (k + 1..close).all(|m| d.cap(m)) {
                    for s in skip.iter_mut().take(close + 1).skip(k) {
                        *s = true;
                    }
                }
            }
        }
        if matches!(
            d.t(k),
            "told" | "reached" | "contacted" | "by" | "to" | "with"
        ) && k + 1 < d.toks.len()
        {
            let mut a = k + 1;
            if matches!(d.t(a), "the" | "The") {
                a += 1;
            }
            let mut z = a;
            while z < d.toks.len() && d.cap(z) && z - a < 5 {
                z += 1;
            }
            let media = z > a
                && (MEDIA_WORDS.contains(&d.t(z - 1))
                    || matches!(d.t(a), "Radio" | "TV" | "Television" | "Channel")
                    || AGENCIES.contains(&d.span(a, z - 1)));
            if media {
                for s in skip.iter_mut().take(z).skip(a) {
                    *s = true;
                }
            }
        }
    }
    skip
}

/// Drops the mentions of the article's own outlet (`the Northern Times has spoken to
/// victims`): the coverage, not the story.
pub fn drop_outlet(ents: &mut Vec<Ent>, outlet: Option<&str>) {
    let Some(o) = outlet else { return };
    let key = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix("The ").unwrap_or(s);
        name_key(s)
    };
    let o = key(o);
    if o.is_empty() {
        return;
    }
    ents.retain(|e| key(&e.name) != o);
}

/// Finds entity mentions.
pub fn find(d: &Doc<'_>) -> Vec<Ent> {
    let lex = lexicon();
    let ws = word_stats(d);
    let credits = credit_tokens(d);
    let n = d.toks.len();
    let mut buf = String::new();
    let mut caps = vec![false; n];
    for (k, c) in caps.iter_mut().enumerate() {
        *c = !credits[k]
            && !d.skip_block[d.toks[k].block as usize]
            && name_cap(d, &ws, lex, k, &mut buf);
    }
    let mut ents: Vec<Ent> = Vec::new();
    // Known names with lower-case words inside (`Reporters without Borders`).
    for k in 0..n {
        if !caps[k] {
            continue;
        }
        let mut hit = None;
        for z in k + 2..(k + 6).min(n) {
            if d.toks[z].sent != d.toks[k].sent {
                break;
            }
            let s = d.span(k, z);
            if (lex.known_orgs.contains_key(s) || lex.places.contains_key(s))
                && (k..=z).any(|x| !d.cap(x))
            {
                hit = Some(z);
            }
        }
        if let Some(z) = hit {
            if let Some(e) = gazetteer_ent(d, lex, k, z, d.span(k, z)) {
                ents.push(e);
                for c in caps.iter_mut().take(z + 1).skip(k) {
                    *c = false;
                }
            }
        }
    }
    let mut k = 0;
    while k < n {
        if !caps[k] {
            // Lower-case titles before a name (`founding president Jane Doe`).
            k += 1;
            continue;
        }
        // Grow the run.
        let a = k;
        let mut b = k;
        let mut m = k + 1;
        while m < n && d.toks[m].sent == d.toks[a].sent {
            let t = d.t(m);
            if caps[m] && d.toks[m].sp_before {
                b = m;
                m += 1;
                continue;
            }
            // `Children’s Fund`, `St Thomas’ Hospital`: a possessive inside a name that
            // ends in an organisation or place word.
            let plural_poss = d.t(m) == "’"
                || d.t(m) == "'"
                || matches!(
                    d.t(m - 1),
                    "Children"
                        | "People"
                        | "Women"
                        | "Men"
                        | "Workers"
                        | "Veterans"
                        | "Farmers"
                        | "Nations"
                        | "Citizens"
                        | "Writers"
                        | "Lawyers"
                        | "Teachers"
                        | "Doctors"
                )
                || matches!(d.t(a), "St" | "Saint");
            if d.toks[m].kind == Kind::Poss && plural_poss && m + 1 < n && caps[m + 1] {
                let mut z = m + 1;
                while z + 1 < n && caps[z + 1] && z - m < 3 {
                    z += 1;
                }
                let tail = d.t(z);
                if lex.org_suffixes.contains_key(tail) || lex.place_suffixes.contains_key(tail) {
                    b = z;
                    m = z + 1;
                    continue;
                }
            }
            // `Mr. Wang`, `J. Smith`: a stop right after an honorific or initial.
            if t == "." && !d.toks[m].sp_before && m + 1 < n && caps[m + 1] {
                let prev = d.t(m - 1);
                if lex.honorifics.contains_key(prev)
                    || lex.titles.contains_key(prev)
                    || prev.chars().count() == 1
                {
                    b = m + 1;
                    m += 2;
                    continue;
                }
            }
            if (t == "of" || t == "for" || t == "and" || t == "on")
                && m + 1 < n
                && caps[m + 1]
                && d.toks[m + 1].sent == d.toks[a].sent
            {
                let head = d.t(b);
                let ok = match t {
                    "of" => {
                        OF_HEADS.contains(&head)
                            || lex.org_suffixes.contains_key(head)
                            || lex.titles.contains_key(head)
                    }
                    "for" => OF_HEADS.contains(&head) || lex.org_suffixes.contains_key(head),
                    "on" if matches!(
                        head,
                        "Commission"
                            | "Committee"
                            | "Council"
                            | "Conference"
                            | "Convention"
                            | "Court"
                            | "Panel"
                            | "Forum"
                            | "Treaty"
                    ) =>
                    {
                        true
                    }
                    // `and`/`on` only inside a known multiword name.
                    _ => {
                        let mut end = m + 1;
                        while end + 1 < n && caps[end + 1] {
                            end += 1;
                        }
                        (m + 1..=end).any(|z| {
                            let s = d.span(a, z);
                            lex.places.contains_key(s) || lex.known_orgs.contains_key(s)
                        })
                    }
                };
                if ok {
                    b = m + 1;
                    m += 2;
                    continue;
                }
            }
            if NAME_PARTICLES.contains(&t)
                && m + 1 < n
                && caps[m + 1]
                && d.toks[m + 1].sent == d.toks[a].sent
            {
                b = m + 1;
                m += 2;
                continue;
            }
            break;
        }
        k = b + 1;
        // The word before the run may be a lower-case title (`president`, `counterpart`).
        let lower_role = if a > 0 && d.toks[a - 1].kind == Kind::Word && !d.cap(a - 1) {
            let w = d.t(a - 1);
            if lex.titles.contains_key(title_case(strip_ex(w), &mut buf))
                || w == "counterpart"
                || w == "spokesman"
                || w == "spokeswoman"
            {
                let modifier = a >= 2
                    && matches!(
                        d.t(a - 2),
                        "former"
                            | "previous"
                            | "late"
                            | "founding"
                            | "then"
                            | "ex"
                            | "outgoing"
                            | "deputy"
                            | "acting"
                            | "interim"
                    );
                Some(if modifier {
                    d.span(a - 2, a - 1).to_string()
                } else {
                    w.to_string()
                })
            } else {
                None
            }
        } else {
            None
        };
        split_run(d, lex, a, b, lower_role, &mut ents);
    }
    // Nationality adjectives inside hyphenated words (`Russian-led`).
    #[allow(clippy::needless_range_loop)] // `k` indexes tokens and credits alike
    for k in 0..n {
        if d.toks[k].kind != Kind::Word || credits[k] || d.skip_block[d.toks[k].block as usize] {
            continue;
        }
        let w = d.t(k);
        if let Some(h) = w.find(['-', '‑']) {
            let head = &w[..h];
            if let Some(country) = lex.demonyms.get(head).or_else(|| lex.places.get(head)) {
                if ents.iter().any(|e| e.tok <= k && k <= e.tok_end) {
                    continue;
                }
                let s = d.toks[k].s;
                ents.push(Ent {
                    s,
                    e: s + h,
                    tok: k,
                    tok_end: k,
                    kind: EntityType::Place,
                    name: country.to_string(),
                    role: None,
                    acronym: None,
                    evidence: 2,
                    subject: false,
                });
            }
        }
    }
    ents.sort_by_key(|e| (e.s, e.e));
    ents.dedup_by(|x, y| x.s == y.s && x.e == y.e);
    link_acronyms(d, &mut ents);
    resolve(d, &mut ents);
    for e in ents.iter_mut() {
        let mut m = e.tok_end + 1;
        while m < n
            && matches!(
                d.t(m),
                "also" | "later" | "then" | "previously" | "has" | "had" | "again"
            )
        {
            m += 1;
        }
        if m < n && d.t(m) == "," {
            if let Some(c2) = (m + 1..(m + 12).min(n)).find(|&x| d.t(x) == ",") {
                m = c2 + 1;
            }
        }
        let after = m < n && lex.reporting.contains_key(d.t(m));
        let before = e.tok >= 1 && lex.reporting.contains_key(d.t(e.tok - 1));
        e.subject = after || before;
    }
    ents
}

/// Splits a run of capitalised tokens `a..=b` into role, nationality and name, and
/// pushes the mentions.
fn split_run(
    d: &Doc<'_>,
    lex: &Lexicon,
    a: usize,
    b: usize,
    lower_role: Option<String>,
    out: &mut Vec<Ent>,
) {
    if let Some(e) = gazetteer_ent(d, lex, a, b, d.span(a, b)) {
        out.push(e);
        return;
    }
    // Drop function words at the head (`The`, `In`).
    let mut a = a;
    while a <= b && HEAD_DROP.contains(&d.t(a)) {
        a += 1;
    }
    if a > b {
        return;
    }
    // Honours and professional letters after a name (`Jane Doe KC`) are not part of it.
    let mut b = b;
    while b > a && POSTNOMINALS.contains(&d.t(b)) {
        b -= 1;
    }
    // A lone generic or group word (`Cabinet`, `Muslims`, `Russians`) names nothing;
    // nor does a function word however it is written (`BREAKING`, `Editing by`), a
    // contraction (`I've`), a plural people (`Karvenians`) or a label before its
    // number (`Category 4`).
    if a == b {
        let w = d.t(a);
        let function_word = lex.not_names.contains_key(w) || {
            let (mut lower, mut tc) = (String::new(), String::new());
            lex.not_names
                .contains_key(title_case(buf_lower(w, &mut lower), &mut tc))
        };
        let contraction = ["'", "’"].iter().any(|q| {
            w.split_once(q).is_some_and(|(_, t)| {
                matches!(t, "ve" | "re" | "ll" | "d" | "m" | "t" | "VE" | "RE" | "LL")
            })
        });
        let people = w.len() > 5
            && (w.ends_with("ians") || w.ends_with("eans"))
            && !lex.places.contains_key(w);
        let label = a + 1 < d.toks.len()
            && d.toks[a + 1].kind == Kind::Num
            && !is_acronym(w)
            && !lex.places.contains_key(w)
            && !lex.known_orgs.contains_key(w);
        if function_word || contraction || people || label {
            return;
        }
        let plural_demonym = w
            .strip_suffix('s')
            .is_some_and(|x| lex.demonyms.contains_key(x));
        if lex.group_words.contains_key(w)
            || plural_demonym
            || lex.org_suffixes.contains_key(w)
            || lex.place_suffixes.contains_key(w)
            || (lex.titles.contains_key(w) && !is_acronym(w))
        {
            return;
        }
    }
    // Whole run known as a place or organisation: one mention.
    let whole = d.span(a, b);
    if let Some(e) = gazetteer_ent(d, lex, a, b, whole) {
        out.push(e);
        return;
    }
    // Role: [modifier] [nationality|country|org words] title [of X] ...
    let mut i = a;
    let mut role_start: Option<usize> = None;
    let mut role_end: Option<usize> = None;
    let mut pre: Vec<(usize, usize)> = Vec::new();
    // Nationality or country before a title: `US`, `Kenyan`, `European Council`.
    let mut j = i;
    while j <= b {
        let w = d.t(j);
        let stripped = strip_ex(w);
        let modifier = lex.role_modifiers.contains_key(w)
            && j < b
            && lex.titles.contains_key(strip_ex(d.t(j + 1)));
        if lex.titles.contains_key(stripped) || modifier {
            break;
        }
        j += 1;
        if j - i > 4 {
            break;
        }
    }
    if j <= b && j > i && j - i <= 4 {
        // Words i..j precede a title: keep them as a prefix mention if known.
        if let Some(t_end) = title_at(d, lex, j, b) {
            pre.push((i, j - 1));
            role_start = Some(i);
            role_end = Some(t_end);
            i = t_end + 1;
        }
    } else if let Some(t_end) = title_at(d, lex, i, b) {
        role_start = Some(i);
        role_end = Some(t_end);
        i = t_end + 1;
    }
    // A chain of titles (`Foreign Minister Mr`), and honorific stops.
    while i <= b {
        if d.t(i) == "." {
            i += 1;
            continue;
        }
        if let Some(t_end) = title_at(d, lex, i, b) {
            if t_end < b || i < b {
                role_end = Some(role_end.map_or(t_end, |r| r.max(t_end)));
                if role_start.is_none() {
                    role_start = Some(i);
                }
                i = t_end + 1;
                continue;
            }
        }
        break;
    }
    // `President of Russia`: the place after `of` is a mention of its own.
    if let (Some(rs), Some(re)) = (role_start, role_end) {
        if let Some(of) = (rs..re).find(|&x| d.t(x) == "of") {
            pre.push((of + 1, re));
        }
    }
    for &(pa, pb) in &pre {
        let s = d.span(pa, pb);
        if let Some(e) = gazetteer_ent(d, lex, pa, pb, s) {
            out.push(e);
        } else if is_org_phrase(d, lex, pa, pb) {
            out.push(mk(d, pa, pb, EntityType::Organization, 2));
        }
    }
    let role = match (role_start, role_end) {
        (Some(rs), Some(re)) => {
            let r = d.span(rs, re).trim_end_matches('.').to_string();
            // Bare honorifics are not roles.
            if lex.honorifics.contains_key(r.as_str()) {
                None
            } else {
                Some(r)
            }
        }
        _ => lower_role.clone(),
    };
    if i > b {
        // A title alone names no one here, but an apposition gives it to the person
        // just named (`Jane Doe, the President of Chile`).
        if let Some(r) = role {
            let mut p = a;
            while p > 0 && matches!(d.t(p - 1), "the" | "a" | "an") {
                p -= 1;
            }
            if p > 0 && d.t(p - 1) == "," {
                if let Some(prev) = out
                    .iter_mut()
                    .rev()
                    .find(|e| e.tok_end + 2 == p && e.kind == EntityType::Person)
                {
                    prev.role = Some(r);
                }
            }
        }
        return;
    }
    // An organisation's acronym or head word, or an abbreviated title, glued to the
    // person's name after it (`chairman of CEC Bakhtiyar Sadykov`, `the Farmers' Party
    // Timur Sadykov`, `Chief Govt Jane Doe`): the name is the rest.
    if glued_head(d, lex, i, b) {
        if is_acronym(d.t(i)) {
            out.push(mk(d, i, i, EntityType::Organization, 1));
        }
        split_run(d, lex, i + 1, b, role.or(lower_role), out);
        return;
    }
    let name_s = d.span(i, b);
    let titled = role_start.is_some() || lower_role.is_some();
    if titled {
        // A title makes the rest a person unless it is itself an organisation
        // (`President of the European Commission` is handled by `of`).
        let kind = if is_org_phrase(d, lex, i, b) {
            EntityType::Organization
        } else {
            EntityType::Person
        };
        let mut e = mk(d, i, b, kind, 2);
        e.role = role;
        out.push(e);
        return;
    }
    if let Some(e) = gazetteer_ent(d, lex, i, b, name_s) {
        out.push(e);
        return;
    }
    // A run that holds a known place or demonym followed by an organisation word is
    // an organisation (`Russian Foreign Ministry`).
    if is_org_phrase(d, lex, i, b) {
        out.push(mk(d, i, b, EntityType::Organization, 2));
        return;
    }
    if b + 1 < d.toks.len() && OTHER_NOUNS.contains(&d.t(b + 1)) {
        out.push(mk(d, i, b, EntityType::Other, 1));
        return;
    }
    if lex.place_suffixes.contains_key(d.t(b)) && b > i {
        out.push(mk(d, i, b, EntityType::Place, 1));
        return;
    }
    // Mixed runs: split off known places at either end (`Kenya President` handled
    // above; `Lagos Nigeria` rare).
    if b > i {
        if let Some(country) = lex.demonyms.get(d.t(i)) {
            // `Kenyan Airways`? Only when the rest is an organisation; else a
            // nationality before a name (`Chinese Li Wei` is rare): emit both.
            let mut e = mk(d, i, i, EntityType::Place, 2);
            e.name = country.to_string();
            out.push(e);
            split_run(d, lex, i + 1, b, None, out);
            return;
        }
    }
    // The common noun after a name often says what it is (`the Hashem Foods plant`,
    // `the Unison union`, `its New Silk Road initiative`), as does one in apposition
    // before it (`his trading platform, Coinvale`).
    let next_word = if b + 1 < d.toks.len() && d.toks[b + 1].kind == Kind::Word {
        d.t(b + 1)
    } else {
        ""
    };
    let next2 = if b + 2 < d.toks.len()
        && d.toks[b + 2].kind == Kind::Word
        && !d.cap(b + 1)
        && !next_word.is_empty()
    {
        d.t(b + 2)
    } else {
        ""
    };
    let appos = if i >= 2 && d.t(i - 1) == "," && d.toks[i - 2].kind == Kind::Word {
        d.t(i - 2)
    } else {
        ""
    };
    if ORG_NOUNS.contains(&next_word) || ORG_NOUNS.contains(&next2) || ORG_NOUNS.contains(&appos) {
        out.push(mk(d, i, b, EntityType::Organization, 1));
        return;
    }
    if OTHER_NOUNS.contains(&next_word) {
        out.push(mk(d, i, b, EntityType::Other, 1));
        return;
    }
    // `the town of Moulay Brahim`, `in Taroudant`, `near Al Hoceima`, `Morocco's High
    // Atlas mountains`.
    let p1 = if i >= 1 { d.t(i - 1) } else { "" };
    let p2 = if i >= 2 { d.t(i - 2) } else { "" };
    let p3 = if i >= 3 { d.t(i - 3) } else { "" };
    let place_prep = |w: &str| {
        matches!(
            w,
            "in" | "near"
                | "at"
                | "outside"
                | "across"
                | "into"
                | "towards"
                | "around"
                | "throughout"
                | "inside"
        )
    };
    let of_place =
        p1 == "of" && (PLACE_NOUNS.contains(&p2) || (p2 == "the" && PLACE_NOUNS.contains(&p3)));
    let of_place = of_place
        || (p1 == "of"
            && matches!(
                p2,
                "state"
                    | "province"
                    | "town"
                    | "city"
                    | "village"
                    | "district"
                    | "region"
                    | "capital"
            ));
    // `the largest city Lagos`, `its capital, Abuja`, `Lagos, Nigeria`.
    let city_word = |w: &str| matches!(w, "city" | "capital" | "town" | "village" | "port");
    let of_place = of_place || city_word(p1) || (p1 == "," && city_word(p2));
    let of_place = of_place
        || (next_word.is_empty()
            && b + 2 < d.toks.len()
            && d.t(b + 1) == ","
            && lex
                .places
                .get(d.t(b + 2))
                .is_some_and(|c| lex.places.get(*c) == Some(c) && c.len() > 3));
    if PLACE_NOUNS.contains(&next_word)
        || of_place
        || place_prep(p1)
        || (p1 == "the" && place_prep(p2))
    {
        out.push(mk(d, i, b, EntityType::Place, 1));
        return;
    }
    // An organisation word inside the run with a place after it (`Amnesty
    // International Kenya`), or a known organisation at its head.
    if b > i
        && ((i..b).any(|x| lex.org_suffixes.contains_key(d.t(x)))
            || (i + 1..b).any(|z| lex.known_orgs.contains_key(d.span(i, z))))
        && lex.places.contains_key(d.t(b))
    {
        out.push(mk(d, i, b, EntityType::Organization, 1));
        return;
    }
    let kind;
    let evidence;
    if b > i && b - i <= 3 {
        kind = EntityType::Person;
        evidence = 0;
    } else if b > i {
        kind = EntityType::Other;
        evidence = 0;
    } else {
        let w = d.t(i);
        let caps_dateline = w.chars().all(|c| !c.is_lowercase())
            && d.block_range(i).0 == i
            && b + 2 < d.toks.len()
            && d.t(b + 1) == ","
            && (lex.places.contains_key(d.t(b + 2))
                || lex
                    .places
                    .contains_key(d.span(b + 2, (b + 3).min(d.toks.len() - 1))));
        if caps_dateline {
            kind = EntityType::Place;
            evidence = 1;
        } else if is_acronym(w) {
            kind = EntityType::Organization;
            evidence = 1;
        } else if w.chars().all(|c| !c.is_lowercase()) {
            // An unknown word in capitals at a paragraph's start is a dateline's place.
            let dateline = d.block_range(i).0 == i && b + 1 < d.toks.len() && d.t(b + 1) == ",";
            kind = if dateline {
                EntityType::Place
            } else {
                EntityType::Other
            };
            evidence = if dateline { 1 } else { 0 };
        } else if w.chars().skip(1).any(char::is_uppercase) && !w.contains(['-', '‑']) {
            // CamelCase brand names (`PayPal`).
            kind = EntityType::Organization;
            evidence = 1;
        } else {
            let prev = if i > 0 { d.t(i - 1) } else { "" };
            let next = if b + 1 < d.toks.len() { d.t(b + 1) } else { "" };
            let prev2 = if i > 1 { d.t(i - 2) } else { "" };
            let place_prep = |w: &str| {
                matches!(
                    w,
                    "in" | "at"
                        | "near"
                        | "from"
                        | "to"
                        | "across"
                        | "outside"
                        | "inside"
                        | "into"
                        | "towards"
                )
            };
            if place_prep(prev) || (prev == "the" && place_prep(prev2)) {
                kind = EntityType::Place;
                evidence = 1;
            } else if lex.reporting.contains_key(next) {
                kind = EntityType::Person;
                evidence = 1;
            } else {
                kind = EntityType::Other;
                evidence = 0;
            }
        }
    }
    out.push(mk(d, i, b, kind, evidence));
}

/// Token `i` heads run `i..=b` without belonging to the person's name after it: an
/// acronym, an organisation word (`Party`, `Ministry`) or an abbreviated office
/// (`Govt`, `Dept`), followed by two or three words in Title case that name no
/// organisation, place or title of their own.
/// Abbreviated offices written before a name in headlines and rewrites.
const TITLE_ABBREVIATIONS: &[&str] = &["Govt", "Dept", "Asst", "Supt", "Mgr", "Insp", "Mgmt"];

fn glued_head(d: &Doc<'_>, lex: &Lexicon, i: usize, b: usize) -> bool {
    if !(i + 2 <= b && b <= i + 3) {
        return false;
    }
    let head = d.t(i);
    let head_ok = is_acronym(head)
        || lex.org_suffixes.contains_key(head)
        || TITLE_ABBREVIATIONS.contains(&head);
    head_ok && person_words(d, lex, i + 1, b)
}

/// Tokens `a..=b` read as a person's name: words in Title case that name no
/// organisation, place or title of their own.
fn person_words(d: &Doc<'_>, lex: &Lexicon, a: usize, b: usize) -> bool {
    a <= b
        && (a..=b).all(|k| {
            let w = d.t(k);
            d.toks[k].kind == Kind::Word
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && !lex.org_suffixes.contains_key(w)
                && !lex.place_suffixes.contains_key(w)
                && !lex.titles.contains_key(w)
                && !lex.places.contains_key(w)
                && !lex.known_orgs.contains_key(w)
                && !lex.demonyms.contains_key(w)
                && !lex.not_names.contains_key(w)
        })
}

fn strip_ex(w: &str) -> &str {
    w.strip_prefix("ex-")
        .or_else(|| w.strip_prefix("Ex-"))
        .unwrap_or(w)
}

/// Longest title starting at token `i` (within `..=b`, leaving at least one token
/// after it or ending at `b`); returns its last token.
fn title_at(d: &Doc<'_>, lex: &Lexicon, i: usize, b: usize) -> Option<usize> {
    let mut i0 = i;
    // Modifiers: `former`, `Deputy`.
    while i0 <= b && lex.role_modifiers.contains_key(d.t(i0)) && !lex.titles.contains_key(d.t(i0)) {
        i0 += 1;
    }
    let mut best = None;
    for z in i0..=b.min(i0 + lex.max_title_words + 1) {
        let s = d.span(i0, z);
        let s = if z == i0 { strip_ex(s) } else { s };
        if lex.titles.contains_key(s) {
            best = Some(z);
        }
    }
    // `Minister of Foreign Affairs`, `President of Russia`
    if let Some(z) = best {
        if z + 2 <= b && d.t(z + 1) == "of" {
            let mut e = z + 2;
            while e < b && d.cap(e + 1) && !d.toks[e + 1].nl_before {
                e += 1;
                if e - z > 4 {
                    break;
                }
            }
            // `Minister of Internal Affairs Jane Doe`: a complement of three words or
            // more running to the end of the run ends before the name that follows it.
            if e == b && e >= z + 4 && person_words(d, lex, e - 1, e) {
                e -= 2;
            }
            return Some(e);
        }
    }
    best
}

/// Whether tokens `i..=b` form an organisation name.
fn is_org_phrase(d: &Doc<'_>, lex: &Lexicon, i: usize, b: usize) -> bool {
    let last = d.t(b);
    if lex.org_suffixes.contains_key(last) || lex.known_orgs.contains_key(d.span(i, b)) {
        return true;
    }
    if b > i && lex.org_prefixes.contains_key(d.t(i)) && (i..=b).any(|k| d.t(k) == "of") {
        return true;
    }
    // `Economic Community of West African States`, `Bank of England`: an organisation
    // word right before `of`.
    if (i + 1..b).any(|k| d.t(k) == "of" && lex.org_suffixes.contains_key(d.t(k - 1))) {
        return true;
    }
    if b == i && is_acronym(last) && !lex.places.contains_key(last) {
        return true;
    }
    false
}

fn mk(d: &Doc<'_>, a: usize, b: usize, kind: EntityType, evidence: u8) -> Ent {
    let (s, e) = (d.toks[a].s, d.toks[b].e);
    Ent {
        s,
        e,
        tok: a,
        tok_end: b,
        kind,
        name: d.text[s..e].to_string(),
        role: None,
        acronym: None,
        evidence,
        subject: false,
    }
}

/// A mention for a run fully known to the gazetteers.
fn gazetteer_ent(d: &Doc<'_>, lex: &Lexicon, a: usize, b: usize, s: &str) -> Option<Ent> {
    if s.len() > 3 && s.chars().all(|c| !c.is_lowercase()) {
        // `LAGOS`: look the name up in title case.
        let mut tc = String::with_capacity(s.len());
        let mut start = true;
        for c in s.chars() {
            if start {
                tc.push(c)
            } else {
                tc.extend(c.to_lowercase())
            }
            start = !c.is_alphabetic();
        }
        if let Some(p) = lex.places.get(tc.as_str()) {
            let mut e = mk(d, a, b, EntityType::Place, 2);
            e.name = p.to_string();
            return Some(e);
        }
    }
    if let Some(p) = lex.places.get(s) {
        let mut e = mk(d, a, b, EntityType::Place, 2);
        e.name = p.to_string();
        return Some(e);
    }
    if let Some(c) = lex.demonyms.get(s) {
        // Plural demonyms (`Russians`) are people, not the country; they are not in the map.
        let mut e = mk(d, a, b, EntityType::Place, 2);
        e.name = c.to_string();
        return Some(e);
    }
    if lex.known_orgs.contains_key(s) {
        return Some(mk(d, a, b, EntityType::Organization, 2));
    }
    // Adjectives of regions (`Central Asian`, `Latin American`) refer to the region.
    if b > a {
        if let Some(base) = s.strip_suffix('n') {
            if let Some(p) = lex.places.get(base) {
                let mut e = mk(d, a, b, EntityType::Place, 2);
                e.name = p.to_string();
                return Some(e);
            }
        }
    }
    None
}

/// Initials of the capitalised words of tokens `a..=b` (`EU External Action Service` -> `EEAS`).
fn initials(d: &Doc<'_>, a: usize, b: usize) -> String {
    let mut out = String::new();
    for k in a..=b {
        let w = d.t(k);
        if d.cap(k) {
            for part in w.split(['-', '‑']) {
                if let Some(c) = part.chars().next() {
                    if c.is_uppercase() {
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

/// Links `Name (ACR)` definitions, then gives every mention of the acronym the
/// expansion as its name.
fn link_acronyms(d: &Doc<'_>, ents: &mut [Ent]) {
    let mut defs: HashMap<String, String> = HashMap::new();
    let n = ents.len();
    for x in 0..n {
        let acr = d.text[ents[x].s..ents[x].e].to_string();
        if !is_acronym(&acr) {
            continue;
        }
        let t = ents[x].tok;
        if t == 0 || d.t(t - 1) != "(" {
            continue;
        }
        let letters: String = acr.chars().filter(|c| c.is_alphabetic()).collect();
        // The expansion is an earlier mention in the same sentence ending at most a
        // few tokens before the bracket, whose initials (or a tail of them) spell it.
        let best = (0..x).rev().take(4).find(|&y| {
            let ey = &ents[y];
            if d.toks[ey.tok].sent != d.toks[t].sent || t - ey.tok_end > 5 || ey.tok_end >= t {
                return false;
            }
            let ini = initials(d, ey.tok, ey.tok_end);
            ini == letters || (ini.len() > letters.len() && ini.ends_with(&letters))
        });
        // `United Nations Children’s Fund (UNICEF)`: an organisation right before the
        // bracket, starting with the acronym's letter, defines it even when the
        // initials differ.
        let best = best.or_else(|| {
            (0..x).rev().take(2).find(|&y| {
                let ey = &ents[y];
                ey.tok_end + 1 == t - 1
                    && ey.tok_end > ey.tok
                    && matches!(ey.kind, EntityType::Organization | EntityType::Other)
            })
        });
        if let Some(y) = best {
            let exp = ents[y].name.clone();
            ents[y].acronym = Some(acr.clone());
            ents[y].kind = EntityType::Organization.max_if(ents[y].kind);
            defs.insert(acr.clone(), exp);
        }
    }
    // Undefined acronyms spell the initials of exactly one organisation named in full
    // in the document (`EU` after `European Union`).
    let orgs: Vec<(String, String)> = ents
        .iter()
        .filter(|e| e.kind == EntityType::Organization && e.tok_end > e.tok)
        .map(|e| (initials(d, e.tok, e.tok_end), e.name.clone()))
        .collect();
    for e in ents.iter() {
        let surface = d.text[e.s..e.e].to_string();
        if e.tok == e.tok_end && is_acronym(&surface) && !defs.contains_key(&surface) {
            let letters: String = surface.chars().filter(|c| c.is_alphabetic()).collect();
            let mut names: Vec<&String> = orgs
                .iter()
                .filter(|(ini, _)| *ini == letters)
                .map(|(_, n)| n)
                .collect();
            names.dedup();
            if names.len() == 1 {
                defs.insert(surface, names[0].clone());
            }
        }
    }
    for e in ents.iter_mut() {
        let surface = &d.text[e.s..e.e];
        if let Some(exp) = defs.get(surface) {
            e.acronym = Some(exp.clone());
            e.name = exp.clone();
            e.kind = EntityType::Organization;
        }
    }
}

trait MaxIf {
    fn max_if(self, other: EntityType) -> EntityType;
}

impl MaxIf for EntityType {
    /// An expansion keeps a place type (`United Arab Emirates (UAE)`), else becomes `self`.
    fn max_if(self, other: EntityType) -> EntityType {
        if other == EntityType::Place {
            other
        } else {
            self
        }
    }
}

/// A name as written without its stops (`J. R. Doe` is `J R Doe`).
fn name_surface(s: &str) -> String {
    if s.contains('.') {
        s.replace(". ", " ").replace('.', "")
    } else {
        s.to_string()
    }
}

/// Key for comparing name forms: lower case, hyphens as spaces.
pub fn name_key(s: &str) -> String {
    if s.is_ascii() {
        return s
            .bytes()
            .map(|b| {
                if b == b'-' {
                    ' '
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            })
            .collect();
    }
    s.chars()
        .map(|c| if c == '-' || c == '‑' { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Resolves partial person names to the fullest form, and types unknown names by the
/// document's persons.
fn resolve(d: &Doc<'_>, ents: &mut [Ent]) {
    // Full person names: two or more words, with the most frequent surface form.
    let mut forms: HashMap<String, (usize, usize, String)> = HashMap::new();
    for (idx, e) in ents.iter().enumerate() {
        if e.kind == EntityType::Person
            && d.toks[e.tok..=e.tok_end]
                .iter()
                .filter(|t| t.kind == Kind::Word)
                .count()
                >= 2
        {
            let surface = name_surface(&d.text[e.s..e.e]);
            let key = name_key(&surface);
            let entry = forms.entry(key).or_insert((0, idx, surface.clone()));
            entry.0 += 1;
        }
    }
    let fulls: Vec<(Vec<String>, String)> = forms
        .iter()
        .map(|(k, (_, _, surface))| (k.split(' ').map(str::to_string).collect(), surface.clone()))
        .collect();
    // Where each full name is written, by key.
    let mut full_at: Vec<(usize, Vec<String>)> = Vec::new();
    for e in ents.iter() {
        if e.kind == EntityType::Person {
            let surface = name_surface(&d.text[e.s..e.e]);
            let key = name_key(&surface);
            if forms.contains_key(&key) {
                full_at.push((e.s, key.split(' ').map(str::to_string).collect()));
            }
        }
    }
    // A full name contained in a longer one (`Ana Lopez` vs `Ana Maria Lopez`)
    // resolves to the longer. When two different people share the shorter form
    // (`Tom Hale`, `Priya Hale`), it is the one named last before it, if any.
    let find_full = |words: &[String], at: usize| -> Option<String> {
        let mut hits: Vec<&(Vec<String>, String)> = fulls
            .iter()
            .filter(|(fw, _)| {
                fw.len() > words.len()
                    && (fw.ends_with(words)
                        || fw.starts_with(words)
                        || words.iter().all(|w| fw.contains(w)))
            })
            .collect();
        hits.sort_by_key(|(fw, s)| (std::cmp::Reverse(fw.len()), s.clone()));
        let first = hits.first()?;
        let ambiguous = hits
            .iter()
            .any(|(fw, _)| !fw.iter().all(|w| first.0.contains(w)));
        if !ambiguous {
            return Some(first.1.clone());
        }
        let (_, last) = full_at
            .iter()
            .filter(|(s, fw)| *s < at && hits.iter().any(|h| &h.0 == fw))
            .max_by_key(|(s, _)| *s)?;
        // The longest form holding that name.
        hits.iter()
            .find(|(fw, _)| last.iter().all(|w| fw.contains(w)))
            .map(|(_, s)| s.clone())
    };
    for e in ents.iter_mut() {
        if e.acronym.is_some() && e.kind == EntityType::Organization {
            continue;
        }
        let can_be_person = e.kind == EntityType::Person || e.evidence < 2;
        if !can_be_person {
            continue;
        }
        let surface = name_surface(&d.text[e.s..e.e]);
        let key = name_key(&surface);
        let words: Vec<String> = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            continue;
        }
        if let Some(full) = find_full(&words, e.s) {
            e.name = full;
            e.kind = EntityType::Person;
            continue;
        }
        if e.kind == EntityType::Person {
            if let Some((_, _, s)) = forms.get(&key) {
                e.name = s.clone();
            }
        }
    }
    // Unknown single words seen typed elsewhere in the document take that type.
    let mut typed: HashMap<String, EntityType> = HashMap::new();
    for e in ents.iter() {
        if e.evidence >= 1 {
            typed.entry(name_key(&e.name)).or_insert(e.kind);
        }
    }
    for e in ents.iter_mut() {
        if e.evidence == 0 {
            if let Some(k) = typed.get(&name_key(&e.name)) {
                e.kind = *k;
            }
        }
    }
}
