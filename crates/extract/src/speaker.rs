//! Who says something: the noun phrase before a reporting verb (`the health ministry
//! said`) or after a cue (`according to the Interior Ministry`, `said Mr Smith`),
//! resolved to the fullest name in the document (pronouns to the last person named,
//! title-only phrases to the person holding that title).

use records::EntityType;

use crate::entities::Ent;
use crate::lexicon::lexicon;
use crate::text::{Doc, Kind};

/// A speaker or source of a figure.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// Surface text as written at the cue.
    pub text: String,
    /// Resolved name: a person's fullest name, an organisation's name, or the phrase
    /// itself without its article.
    pub name: String,
    /// First token of the phrase.
    pub tok: usize,
}

/// Words skipped between a subject and its verb (`Officials previously said`), besides
/// the names of the days (`Officials on Monday said`, see [`between`]).
const BETWEEN: &[&str] = &[
    "also",
    "previously",
    "later",
    "earlier",
    "again",
    "then",
    "reportedly",
    "repeatedly",
    "officially",
    "separately",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "had",
    "once",
    "further",
    "publicly",
    "on",
    "today",
    "yesterday",
    "subsequently",
    "since",
    "already",
    "just",
    "even",
    "still",
    "recently",
    "initially",
    "first",
];

/// Whether a word is skipped between a subject and its verb ([`BETWEEN`] or a day's name).
fn between(t: &str) -> bool {
    BETWEEN.contains(&t) || records::date::WEEKDAYS.contains(&t)
}

/// Words that end a subject phrase going backwards.
const NP_STOP: &[&str] = &[
    "that", "and", "but", "which", "who", "whom", "when", "while", "as", "if", "because", "so",
    "than", "where", "after", "before", "since", "although", "though", "whether", "what", "to",
    "in", "on", "at", "by", "with", "from", "for", "into", "about", "of", "has", "had", "have",
    "was", "were", "is", "are", "be", "been", "not", "also", "said", "says", "told", "claimed",
    "stated", "added", "this", "it", "there", "or", "nor", "yet", "over", "during", "without",
    "amid", "against", "under", "through",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "He", "She", "they", "They", "it", "It", "we", "We", "I",
];

/// Capitalised words that end a subject phrase going backwards (`While President Smith`).
const HEAD_WORDS: &[&str] = &[
    "While",
    "When",
    "As",
    "After",
    "Before",
    "But",
    "And",
    "If",
    "Although",
    "Though",
    "Because",
    "Since",
    "Meanwhile",
    "However",
    "Also",
    "Then",
    "Yet",
    "So",
    "In",
    "On",
    "At",
    "Following",
    "Speaking",
];

/// Organisation heads a bare `the X` can refer back to.
const ORG_HEADS: &[&str] = &[
    "ministry",
    "department",
    "commission",
    "agency",
    "committee",
    "council",
    "court",
    "party",
    "union",
    "authority",
    "service",
    "office",
    "organisation",
    "organization",
    "bureau",
    "company",
    "group",
    "fund",
    "board",
];

/// Possessors too generic to keep in a source's name (`the country's health ministry`).
const GENERIC_POSSESSORS: &[&str] = &[
    "country",
    "nation",
    "government",
    "state",
    "city",
    "region",
    "province",
    "party",
    "company",
    "army",
];

/// Leading words dropped from a resolved phrase.
const DETERMINERS: &[&str] = &[
    "the", "The", "a", "A", "an", "An", "its", "Its", "their", "Their",
];

/// Subject of the reporting verb at token `v`, not looking before token `sa`.
pub fn subject_before(d: &Doc<'_>, ents: &[Ent], v: usize, sa: usize) -> Option<Speaker> {
    if v == 0 || v <= sa {
        return None;
    }
    let mut m = v;
    // Skip adverbs, auxiliaries and time words between subject and verb.
    while m > sa {
        let t = d.t(m - 1);
        let lower_ly = t.ends_with("ly") && !d.cap(m - 1) && t.len() > 4;
        if between(t) || lower_ly {
            m -= 1;
        } else {
            break;
        }
    }
    if m <= sa {
        return None;
    }
    // A passive (`are said to`, `was termed by`) has no speaker before the verb.
    if v > sa
        && matches!(
            d.t(v - 1),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    {
        return None;
    }
    let mut end = m - 1;
    let mut sa = sa;
    // Apposition or relative clause between commas: `The EU's chief observer, Maria
    // Arena, told`, `Dr Sana Malik, a health official, warned`, `X, who flew in, said`.
    if d.t(end) == "," && end > sa {
        let c1 = (sa..end).rev().find(|&x| d.t(x) == ",")?;
        let seg = c1 + 1..end;
        if seg.is_empty() {
            return None;
        }
        let relative = matches!(d.t(seg.start), "who" | "which" | "whose" | "where" | "whom");
        let name_like = seg
            .clone()
            .all(|x| d.cap(x) || d.toks[x].kind == Kind::Punct && d.t(x) == ".");
        if name_like && !relative {
            sa = c1 + 1;
            end -= 1;
        } else if c1 > sa {
            end = c1 - 1;
        } else {
            return None;
        }
    }
    let t = d.t(end);
    if PRONOUNS.contains(&t) {
        let name = match t {
            "he" | "He" | "she" | "She" | "I" => {
                last_person_before(d, ents, d.toks[end].s, pronoun_gender(t))
            }
            _ => None,
        };
        return Some(Speaker {
            text: t.to_string(),
            name: name.unwrap_or_else(|| t.to_lowercase()),
            tok: end,
        });
    }
    let mut start = end + 1;
    let mut k = end + 1;
    let sa = sa;
    let mut n_words = 0;
    while k > sa {
        let i = k - 1;
        let t = d.t(i);
        let tok = &d.toks[i];
        if t == ")" {
            // Skip a bracketed acronym back to its opening bracket.
            if let Some(open) = (i.saturating_sub(4)..i).rev().find(|&x| d.t(x) == "(") {
                if open > sa {
                    k = open;
                    start = open;
                    continue;
                }
            }
            break;
        }
        let inner_of = t == "of" && i > sa && d.cap(i - 1) && d.cap(i + 1);
        let word_like = match tok.kind {
            Kind::Word => {
                let adverb_inside = d.cap(i) && between(t) && i != end;
                inner_of || (!NP_STOP.contains(&t) && !adverb_inside && !HEAD_WORDS.contains(&t))
            }
            Kind::Poss => true,
            Kind::Punct => {
                t == "."
                    && i > 0
                    && d.toks[i].s == d.toks[i - 1].e
                    && i + 1 < d.toks.len()
                    && d.cap(i + 1)
                    && i != end
            }
            Kind::Num => false,
        };
        if !word_like {
            break;
        }
        // Lower-case verbs in the phrase mean it is a clause, not a subject.
        if tok.kind == Kind::Word && lexicon().reporting.contains_key(t) {
            break;
        }
        start = i;
        k = i;
        n_words += 1;
        if n_words > 8 {
            return None;
        }
    }
    if start > end {
        return None;
    }
    // `Workers at the plant said`, `Analysts at the University of Zambia said`: a
    // capitalised noun and a prepositional phrase; the noun is the speaker.
    let mut head = None;
    if start >= sa + 2 && matches!(d.t(start - 1), "at" | "in" | "from" | "of" | "for" | "on") {
        let noun = start - 2;
        let mut a = noun;
        while a > sa
            && matches!(d.toks[a - 1].kind, Kind::Word)
            && !NP_STOP.contains(&d.t(a - 1))
            && !HEAD_WORDS.contains(&d.t(a - 1))
            && noun - a < 3
        {
            a -= 1;
        }
        let starts_clause = a == sa || matches!(d.t(a - 1), "," | ":" | "—");
        // `One in five voters said`: a figure, not a speaker named `One`.
        let figure = d.toks[noun].kind == Kind::Num
            || matches!(
                d.t(noun).to_lowercase().as_str(),
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "half"
                    | "none"
                    | "most"
                    | "many"
                    | "some"
                    | "all"
            );
        if figure {
            start = a;
        } else if d.toks[noun].kind == Kind::Word
            && !NP_STOP.contains(&d.t(noun))
            && d.cap(a)
            && starts_clause
            && !d.cap(noun)
            || (d.cap(noun)
                && a == noun
                && starts_clause
                && !ents.iter().any(|e| e.tok <= noun && noun <= e.tok_end))
        {
            head = Some(noun);
            start = a;
        }
    }
    // Drop leading lower-case words that cannot start a subject (`both`, `officials`).
    let mut a = start;
    while a < end && DETERMINERS.contains(&d.t(a)) {
        a += 1;
    }
    match head {
        Some(h) => {
            let text = d.span(start, end).to_string();
            let mut a = start;
            while a < h && DETERMINERS.contains(&d.t(a)) {
                a += 1;
            }
            Some(Speaker {
                text,
                name: d.span(a, h).to_string(),
                tok: start,
            })
        }
        None => Some(resolve_np(d, ents, start, a, end)),
    }
}

/// Noun phrase starting at token `m` (`the Russian foreign ministry`, `Mr Smith`).
pub fn np_after(d: &Doc<'_>, ents: &[Ent], m: usize, sb: usize) -> Option<Speaker> {
    if m < sb && matches!(d.t(m), "him" | "her" | "he" | "she") {
        let name = last_person_before(d, ents, d.toks[m].s, pronoun_gender(d.t(m)))
            .unwrap_or_else(|| d.t(m).to_string());
        return Some(Speaker {
            text: d.t(m).to_string(),
            name,
            tok: m,
        });
    }
    let mut a = m;
    while a < sb && DETERMINERS.contains(&d.t(a)) {
        a += 1;
    }
    let mut e = a;
    let mut last = None;
    while e < sb && e - a < 9 {
        let t = d.t(e);
        let tok = &d.toks[e];
        let participle = e > a && t.ends_with("ing") && !d.cap(e);
        let ok = match tok.kind {
            Kind::Word => {
                !participle
                    && !NP_STOP.contains(&t)
                    && !lexicon().reporting.contains_key(t)
                    && !matches!(t, "citing" | "quoting" | "via" | "who" | "which")
            }
            Kind::Poss => true,
            Kind::Punct => {
                (t == "."
                    && e > 0
                    && d.toks[e].s == d.toks[e - 1].e
                    && e + 1 < sb
                    && d.cap(e + 1)
                    && d.t(e - 1).len() <= 3)
                    || (t == "(" && e + 2 < sb && d.t(e + 2) == ")")
            }
            Kind::Num => false,
        };
        if !ok {
            break;
        }
        if t == "(" {
            e += 3;
            last = Some(e - 1);
            continue;
        }
        last = Some(e);
        e += 1;
    }
    let last = last?;
    if !(a..=last).any(|k| d.toks[k].kind == Kind::Word) {
        return None;
    }
    Some(resolve_np(d, ents, m, a, last))
}

/// Resolves tokens `a..=b` (shown from `shown`) to a speaker.
fn resolve_np(d: &Doc<'_>, ents: &[Ent], shown: usize, a: usize, b: usize) -> Speaker {
    let text = d.span(shown, b).to_string();
    let mut head = b;
    if d.t(head) == ")" && head >= 2 {
        head -= 2; // the name before `(ACR)`
        if d.t(head) == "(" {
            head = head.saturating_sub(1);
        }
        if d.t(head + 1) != "(" && d.t(head) != "(" {
            head = b - 1;
        }
    }
    if let Some(ent) = ents.iter().find(|e| e.tok <= head && head <= e.tok_end) {
        return Speaker {
            text,
            name: ent.name.clone(),
            tok: shown,
        };
    }
    // `the IG Metall union`: a common noun after a named organisation.
    if head > a
        && !d.cap(head)
        && matches!(
            d.t(head),
            "union"
                | "party"
                | "group"
                | "company"
                | "agency"
                | "service"
                | "ministry"
                | "government"
                | "army"
                | "police"
                | "authority"
                | "commission"
        )
    {
        if let Some(ent) = ents
            .iter()
            .find(|e| e.tok_end + 1 == head && e.kind == EntityType::Organization)
        {
            return Speaker {
                text,
                name: ent.name.clone(),
                tok: shown,
            };
        }
    }
    // Title-only phrases (`the president`) name the person who holds the title most
    // often in the document (a `former president` does not count).
    let mut a = a;
    if a + 2 <= b && d.toks[a + 1].kind == Kind::Poss && GENERIC_POSSESSORS.contains(&d.t(a)) {
        a += 2;
    }
    let phrase = d.span(a, b);
    if a == b || (b - a <= 2) {
        let lower = phrase.to_lowercase();
        let is_title = lexicon().titles_lower.contains(&lower);
        if is_title {
            let here = d.toks[a].s;
            // name, mentions holding the title, nearest distance (preceding ones first).
            let mut counts: Vec<(&str, usize, (bool, usize))> = Vec::new();
            for e in ents.iter() {
                let Some(r) = &e.role else { continue };
                let r = r.to_lowercase();
                let former = [
                    "former", "previous", "ex-", "late", "founding", "outgoing", "then",
                ]
                .iter()
                .any(|f| r.starts_with(f));
                if e.kind == EntityType::Person && r.ends_with(&lower) && !former {
                    let dist = if e.e <= here {
                        (false, here - e.e)
                    } else {
                        (true, e.s - here)
                    };
                    match counts.iter_mut().find(|c| c.0 == e.name) {
                        Some(c) => {
                            c.1 += 1;
                            c.2 = c.2.min(dist);
                        }
                        None => counts.push((e.name.as_str(), 1, dist)),
                    }
                }
            }
            if let Some(best) = counts
                .iter()
                .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
            {
                return Speaker {
                    text,
                    name: best.0.to_string(),
                    tok: shown,
                };
            }
        }
        // `the ministry`, `the department`, `the commission`: the organisation of that
        // kind named last before.
        if a == b && ORG_HEADS.contains(&lower.as_str()) {
            let here = d.toks[a].s;
            if let Some(o) = ents
                .iter()
                .rev()
                .filter(|e| e.kind == EntityType::Organization && e.e <= here)
                .find(|e| {
                    e.name
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(&lower))
                })
            {
                return Speaker {
                    text,
                    name: o.name.clone(),
                    tok: shown,
                };
            }
        }
    }
    Speaker {
        text,
        name: phrase.to_string(),
        tok: shown,
    }
}

/// A person's grammatical gender, as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender a pronoun or a gendered title or honorific names (`she`, `his`, `Ms`,
/// `spokeswoman`).
pub fn pronoun_gender(t: &str) -> Option<Gender> {
    match t {
        "he" | "He" | "him" | "his" | "His" | "himself" | "Mr" | "Mr." | "Sir" | "Lord"
        | "King" | "Prince" | "Duke" | "Baron" | "Count" | "spokesman" | "Spokesman"
        | "chairman" | "Chairman" | "Congressman" | "congressman" | "businessman" | "father"
        | "son" | "husband" | "brother" => Some(Gender::Male),
        "she" | "She" | "her" | "Her" | "hers" | "herself" | "Mrs" | "Mrs." | "Ms" | "Ms."
        | "Miss" | "Lady" | "Dame" | "Queen" | "Princess" | "Duchess" | "Baroness" | "Countess"
        | "spokeswoman" | "Spokeswoman" | "chairwoman" | "Chairwoman" | "Congresswoman"
        | "congresswoman" | "businesswoman" | "mother" | "daughter" | "wife" | "sister" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Whether token `k` stands inside quotation marks of its paragraph.
pub fn in_quotes(d: &Doc<'_>, k: usize) -> bool {
    let (a, _) = d.block_range(k);
    let mut open = false;
    for x in a..k {
        match d.t(x) {
            "“" | "„" | "«" => open = true,
            "”" | "»" => open = false,
            "\"" => open = !open,
            _ => {}
        }
    }
    open
}

/// The gender the document gives the person `name`: a gendered honorific or title at
/// a mention (`Ms Doe`, `spokeswoman Jane Doe`), or the first personal pronoun after a
/// mention in its sentence, or opening the next one, before another person is named.
/// `None` when the text does not tell or the signs disagree.
pub fn person_gender(d: &Doc<'_>, ents: &[Ent], name: &str) -> Option<Gender> {
    let (mut male, mut female) = (0usize, 0usize);
    let mut vote = |g: Option<Gender>| match g {
        Some(Gender::Male) => male += 1,
        Some(Gender::Female) => female += 1,
        None => {}
    };
    let n = d.toks.len();
    for (i, e) in ents.iter().enumerate() {
        if e.kind != EntityType::Person || e.name != name {
            continue;
        }
        // A title inside or right before the mention.
        let from = e.tok.saturating_sub(1);
        let titled = (from..=e.tok_end.min(n - 1))
            .map(|x| pronoun_gender(d.t(x)))
            .find(Option::is_some)
            .flatten()
            .or_else(|| {
                e.role
                    .as_deref()
                    .and_then(|r| r.split_whitespace().find_map(pronoun_gender))
            });
        if titled.is_some() {
            vote(titled);
            continue;
        }
        // A pronoun tells the gender of the sentence's subject only.
        let (sa, _) = d.sentence_range(e.tok);
        if !e.subject && e.tok > sa + 3 {
            continue;
        }
        // The next person named bounds the pronoun search.
        let bound = ents[i + 1..]
            .iter()
            .find(|o| o.kind == EntityType::Person && o.name != name)
            .map_or(n, |o| o.tok);
        let sent = d.toks[e.tok].sent as usize;
        let next_start = d.sent_start.get(sent + 1).copied().unwrap_or(n);
        let mut k = e.tok_end + 1;
        let limit = bound.min(next_start + 1).min(n);
        while k < limit {
            let t = d.t(k);
            if matches!(t, "“" | "\"" | "„" | "«") {
                break;
            }
            let in_next = k >= next_start;
            let g = if in_next {
                matches!(t, "He" | "She")
                    .then(|| pronoun_gender(t))
                    .flatten()
            } else if d.toks[k].kind == Kind::Word && !d.cap(k) {
                // Subject pronouns only: a possessive may mean someone else (`Doe
                // visited his farm`).
                pronoun_gender(t).filter(|_| matches!(t, "he" | "himself" | "she" | "herself"))
            } else {
                None
            };
            if g.is_some() {
                vote(g);
                break;
            }
            k += 1;
        }
    }
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(Gender::Male),
        std::cmp::Ordering::Less => Some(Gender::Female),
        std::cmp::Ordering::Equal if male == 0 => surname_gender(name),
        std::cmp::Ordering::Equal => None,
    }
}

/// The gender a Slavic or Central Asian surname carries in its ending, as
/// transliterated into English (`-ova`, `-eva`, `-skaya` for women; `-ov`, `-ev`,
/// `-sky` for men).
fn surname_gender(name: &str) -> Option<Gender> {
    let last = name.split_whitespace().last()?;
    if last.chars().count() < 5 {
        return None;
    }
    if ["ova", "eva", "skaya", "ovna", "evna"]
        .iter()
        .any(|x| last.ends_with(x))
    {
        Some(Gender::Female)
    } else if ["ov", "ev", "sky", "skiy", "ovich", "evich"]
        .iter()
        .any(|x| last.ends_with(x))
    {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The person a `he` or `she` at byte `pos` most likely means: the person who leads
/// this or one of the two sentences before (at its start or as subject of a
/// reporting verb), else the last person who spoke shortly before, else the last
/// person named. Names inside quotation marks are not antecedents, and a person the
/// text gives the other gender is passed over.
pub fn last_person_before(
    d: &Doc<'_>,
    ents: &[Ent],
    pos: usize,
    gender: Option<Gender>,
) -> Option<String> {
    let fits = |e: &Ent| {
        e.kind == EntityType::Person
            && e.e <= pos
            && !in_quotes(d, e.tok)
            && (gender.is_none()
                || person_gender(d, ents, &e.name).is_none_or(|g| Some(g) == gender))
    };
    let last = ents.iter().rev().find(|e| fits(e))?;
    let tok = d
        .toks
        .partition_point(|t| t.e <= pos)
        .min(d.toks.len().saturating_sub(1));
    let sent = d.toks.get(tok).map_or(0, |t| t.sent as usize);
    let possessed =
        |e: &Ent| e.tok_end + 1 < d.toks.len() && d.toks[e.tok_end + 1].kind == Kind::Poss;
    for s in (sent.saturating_sub(2)..=sent).rev() {
        let a = d.sent_start[s];
        let in_s = |e: &&Ent| d.toks[e.tok].sent as usize == s && !possessed(e) && fits(e);
        let lead = ents
            .iter()
            .filter(in_s)
            .rfind(|e| e.subject)
            .or_else(|| ents.iter().filter(in_s).find(|e| e.tok <= a + 3));
        if let Some(p) = lead {
            return Some(p.name.clone());
        }
    }
    let speaker = ents.iter().rev().find(|e| e.subject && fits(e));
    match speaker {
        Some(s) if pos - s.e <= 400 => Some(s.name.clone()),
        _ => Some(last.name.clone()),
    }
}

/// Nouns that name a source of statements without a capital (`officials`, `the ministry`).
const SOURCE_NOUNS: &[&str] = &[
    "ministry",
    "officials",
    "official",
    "authorities",
    "police",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "government",
    "president",
    "minister",
    "ministers",
    "experts",
    "critics",
    "analysts",
    "agency",
    "committee",
    "army",
    "military",
    "office",
    "prosecutors",
    "witnesses",
    "residents",
    "court",
    "sources",
    "statement",
    "report",
    "department",
    "commission",
    "administration",
    "council",
    "union",
    "hospital",
    "doctors",
    "observers",
    "investigators",
    "lawyers",
    "lawyer",
    "defence",
    "defense",
    "organisers",
    "organizers",
    "activists",
    "group",
    "company",
    "firm",
    "spokespeople",
    "leader",
    "leaders",
    "chief",
    "director",
    "workers",
    "nurses",
    "survivors",
    "relatives",
    "police",
    "rescuers",
    "monitors",
    "media",
    "agency",
    "service",
];

/// Whether a subject can be a source of statements or figures: a name, a pronoun
/// for a person, or a noun such as `officials` or `the ministry`.
pub fn is_source(sp: &Speaker) -> bool {
    if matches!(
        sp.text.as_str(),
        "it" | "It"
            | "they"
            | "They"
            | "we"
            | "We"
            | "I"
            | "this"
            | "This"
            | "there"
            | "There"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Both"
            | "Few"
            | "Several"
            | "One"
            | "Others"
    ) {
        return false;
    }
    let agentive_plural = |x: &str| {
        x.len() > 5
            && ["ists", "ers", "ians", "ors", "ants", "ents"]
                .iter()
                .any(|suf| x.ends_with(suf))
            && x.chars().all(char::is_lowercase)
    };
    sp.text.chars().next().is_some_and(char::is_uppercase)
        || matches!(sp.text.as_str(), "he" | "she")
        || sp
            .text
            .split_whitespace()
            .last()
            .is_some_and(agentive_plural)
        || sp.text.split_whitespace().any(|x| {
            SOURCE_NOUNS.iter().any(|w| {
                x.trim_matches(|c: char| !c.is_alphabetic())
                    .eq_ignore_ascii_case(w)
            })
        })
}

/// Nouns for documents that carry figures (`according to figures published by X`).
const DOC_NOUNS: &[&str] = &[
    "figures",
    "data",
    "statistics",
    "estimates",
    "numbers",
    "tally",
    "count",
    "report",
    "records",
    "reports",
];

/// The source after `according to` at token `a`: the phrase, or the publisher of the
/// figures it names (`figures published by the commission`, `NHS figures`).
pub fn according_np(d: &Doc<'_>, ents: &[Ent], a: usize, sb: usize) -> Option<Speaker> {
    let mut a = a;
    if let Some(h) = (a..(a + 4).min(sb)).find(|&x| DOC_NOUNS.contains(&d.t(x))) {
        if let Some(by) = (h + 1..(h + 4).min(sb)).find(|&x| matches!(d.t(x), "by" | "from")) {
            a = by + 1;
        }
    }
    let mut s = np_after(d, ents, a, sb)?;
    for dn in DOC_NOUNS {
        if let Some(x) = s.name.strip_suffix(&format!(" {dn}")) {
            s.name = x.to_string();
        }
    }
    Some(s)
}
