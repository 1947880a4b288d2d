//! Entities across sources: one row per real-world person, organization or place.
//!
//! Mentions meet on a matching key: the name folded (NFKC, transliterated, lower
//! case), hyphens as spaces, leading titles dropped, each word stemmed so that
//! `Organisation` meets `Organization`. Then:
//! - an acronym meets its expansion where a source defines it;
//! - a surname alone meets the one full name of a person ending in it within its story
//!   (left alone when two people of the story share the surname);
//! - two forms of one kind in one story that are spelling or transliteration variants
//!   ([`spelling`]: `Masimov`/`Massimov`, `Tokayev`/`Toqaev`, a one-letter slip on a
//!   long name), with agreeing first names where both give one and no role against it,
//!   name one entity (`Ana Ruiz` and `Pablo Ruiz` stay two people);
//! - a spelling one source alone uses for a name that other sources spell otherwise,
//!   with the same first name and a compatible role, is a variant of that person, not
//!   another person. Jaro-Winkler alone would merge unrelated surnames, so the surname
//!   must also pass an edit-distance or phonetic (Double Metaphone) test, and the
//!   first name and role give the context.
//!
//! Of forms so joined, the one most sources use is the name; every other form is
//! listed in `variants` with its sources, and a `name` conflict shows it to the
//! reviewer. Forms used by as many sources are still two spellings of one name: the one
//! written more often (then the first seen) is the name, the other a variant.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use records::{Conflict, ConflictKind, EntityRow, EntityType, Extraction};
use rphonetic::{DoubleMetaphone, Encoder};

use crate::UnionFind;
use crate::spelling;
use crate::text::{fold, stem, words};

/// Words that may lead a name without being part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "the",
    "president",
    "former",
    "ex",
    "late",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "general",
    "gen",
    "col",
    "capt",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chancellor",
    "premier",
    "mayor",
    "judge",
    "justice",
    "lord",
    "lady",
    "sheikh",
    "st",
];

/// The forms of a person's slot that the stemmed key joined although they are spelled
/// differently (`Okafour` with `Okafor`: the stem reads `-our` as British `-or`), and
/// that fewer sources write than the slot's most used spelling: a person's name has no
/// British and American forms, so these are variants to flag, not aliases.
fn stem_merged_minority(c: &Cluster, kind: EntityType) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if kind != EntityType::Person || c.names.len() < 2 {
        return out;
    }
    let mut by_spelling: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (form, srcs) in &c.names {
        let ws = words(form);
        let last = ws.last().cloned().unwrap_or_default();
        by_spelling.entry(last).or_default().extend(srcs);
    }
    let Some(most) = by_spelling.values().map(BTreeSet::len).max() else {
        return out;
    };
    for form in c.names.keys() {
        let last = words(form).last().cloned().unwrap_or_default();
        if by_spelling[&last].len() < most {
            out.insert(form.clone());
        }
    }
    out
}

/// Matching key of a name: folded words, titles dropped at the front, stemmed.
pub fn name_key(name: &str) -> String {
    let ws = words(name);
    let mut start = 0;
    while start + 1 < ws.len() && TITLES.contains(&ws[start].as_str()) {
        start += 1;
    }
    ws[start..]
        .iter()
        .map(|w| stem(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Head words of titles and roles, for reading a role from the words before a name
/// when extract gave none (`ex-President Jane Doe`).
const ROLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "leader",
    "chancellor",
    "premier",
    "king",
    "queen",
    "prince",
    "governor",
    "mayor",
    "senator",
    "general",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "chairman",
    "chairwoman",
    "director",
    "commander",
    "envoy",
    "ruler",
    "dictator",
    "monarch",
    "emir",
    "sultan",
    "pope",
];

/// The role written right before a mention, within three words of it.
fn role_before(x: &Extraction, start: usize) -> Option<String> {
    let from = start.saturating_sub(40);
    let before = records::char_slice(&x.document.text, from, start)?;
    let ws = words(before);
    ws.iter()
        .rev()
        .take(3)
        .find(|w| ROLE_HEADS.contains(&w.as_str()))
        .map(|w| stem(w))
}

/// The head word of a role (`ex-President` and `former president` share `president`).
fn role_head(role: &str) -> Option<String> {
    words(role).last().map(|w| stem(w))
}

struct Cluster {
    kinds: BTreeMap<EntityType, usize>,
    /// name form -> set of sources using it
    names: BTreeMap<String, BTreeSet<usize>>,
    aliases: BTreeSet<String>,
    roles: BTreeMap<String, String>,
    /// Head words of roles seen, given or read from the words before a mention.
    heads: BTreeSet<String>,
    sources: BTreeSet<usize>,
    stories: BTreeSet<usize>,
    mentions: usize,
}

/// The result: rows, and a way to find a name's entity.
pub struct Entities {
    /// Rows in id order.
    pub rows: Vec<EntityRow>,
    /// Name conflicts (ids left blank; the caller numbers all conflicts).
    pub conflicts: Vec<Conflict>,
    /// name key -> row index.
    /// (Lookups only: nothing is ever listed in this map's order.)
    by_key: HashMap<String, usize>,
    /// (story, surname key) -> row index, for a surname alone.
    by_surname: BTreeMap<(usize, String), Option<usize>>,
}

impl Entities {
    /// The row a name refers to, within a story.
    pub fn find(&self, story: usize, name: &str) -> Option<&EntityRow> {
        // A speaker is often written with what comes before the name
        // (`Ruritania's President Jane Doe`, `the country's interior ministry`): try
        // the full form, then drop leading words one by one.
        let ws = words(name);
        for k in 0..ws.len() {
            let key = name_key(&ws[k..].join(" "));
            if let Some(i) = self.by_key.get(&key)
                && (k == 0 || key.contains(' '))
            {
                return Some(&self.rows[*i]);
            }
            if let Some(i) = self.by_surname.get(&(story, key)).copied().flatten() {
                return Some(&self.rows[i]);
            }
        }
        None
    }
}

/// The words of a slot's most used name form, leading titles dropped, unstemmed: what
/// the spelling tests compare (a stem would hide or invent a difference at the end).
fn form_words(c: &Cluster) -> Vec<String> {
    let Some((form, _)) = c
        .names
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
    else {
        return Vec::new();
    };
    let ws = words(form);
    let start = ws
        .iter()
        .take(ws.len().saturating_sub(1))
        .take_while(|w| TITLES.contains(&w.as_str()))
        .count();
    ws[start..].to_vec()
}

fn surname_similar(a: &str, b: &str, phonetic: &DoubleMetaphone) -> (bool, String) {
    let jw = strsim::jaro_winkler(a, b);
    let lev = strsim::normalized_levenshtein(a, b);
    let (pa, pb) = (phonetic.encode(a), phonetic.encode(b));
    let (aa, ab) = (phonetic.encode_alternate(a), phonetic.encode_alternate(b));
    let sounds = pa == pb || aa == ab || pa == ab || aa == pb;
    // Jaro-Winkler rewards a shared prefix; on its own it pairs unrelated surnames
    // (0.85 is common), so it must come with a real edit-distance closeness or the
    // same sound.
    let close = sounds || (jw >= 0.85 && lev >= 0.6) || lev >= 0.75;
    (
        close,
        format!("Jaro-Winkler {jw:.2}, edit similarity {lev:.2}, Double Metaphone {pa}/{pb}"),
    )
}

/// Builds entity rows. `story_of[s]` is the story of source `s`; `story_ids[k]` the id
/// of story `k`.
pub fn build(extractions: &[Extraction], story_of: &[usize], story_ids: &[String]) -> Entities {
    let mut builder = Builder::default();
    for (s, x) in extractions.iter().enumerate() {
        builder.add(s, x);
    }
    let source_ids: Vec<String> = extractions
        .iter()
        .map(|x| x.document.source_id.clone())
        .collect();
    builder.finish(&source_ids, story_of, story_ids)
}

/// Entities gathered one source at a time, so that a large corpus is never held whole:
/// [`Builder::add`] every source in index order, then [`Builder::finish`] once the
/// stories are known.
#[derive(Default)]
pub struct Builder {
    /// Every distinct key gets a slot; slots are merged with union-find.
    /// Lookups only; slots are numbered in input order, so output never depends on
    /// this map's order.
    slot_of: HashMap<String, usize>,
    slots: Vec<Cluster>,
    slot_key: Vec<String>,
    acronym_links: Vec<(String, String)>,
    /// Hashes of the words any source writes in lower case: a capitalised common word
    /// (`Growth`, `Closing` at a sentence start or in a heading) is no name.
    lower_words: HashSet<u64>,
}

impl Builder {
    /// Adds the mentions of source `s` (sources are added in index order).
    pub fn add(&mut self, s: usize, x: &Extraction) {
        let Builder {
            slot_of,
            slots,
            slot_key,
            acronym_links,
            lower_words,
        } = self;
        for w in x.document.text.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.chars().next().is_some_and(char::is_lowercase)
                && w.chars().all(char::is_alphabetic)
            {
                lower_words.insert(crate::text::hash64(w));
            }
        }
        for m in &x.entities {
            let full = if m.name.trim().is_empty() {
                &m.text
            } else {
                &m.name
            };
            let key = name_key(full);
            if key.is_empty() {
                continue;
            }
            let id = *slot_of.entry(key.clone()).or_insert_with(|| {
                slots.push(Cluster {
                    kinds: BTreeMap::new(),
                    names: BTreeMap::new(),
                    aliases: BTreeSet::new(),
                    roles: BTreeMap::new(),
                    heads: BTreeSet::new(),
                    sources: BTreeSet::new(),
                    stories: BTreeSet::new(),
                    mentions: 0,
                });
                slot_key.push(key.clone());
                slots.len() - 1
            });
            let c = &mut slots[id];
            *c.kinds.entry(m.kind).or_default() += 1;
            c.names
                .entry(full.trim().to_string())
                .or_default()
                .insert(s);
            c.aliases.insert(m.text.trim().to_string());
            if let Some(role) = m.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                c.roles
                    .entry(fold(role))
                    .or_insert_with(|| role.to_string());
                c.heads.extend(role_head(role));
            } else if let Some(head) = role_before(x, m.start) {
                c.heads.insert(head);
            }
            c.sources.insert(s);
            c.mentions += 1;
            if let Some(acr) = m.acronym.as_deref().filter(|a| !a.trim().is_empty()) {
                acronym_links.push((key.clone(), name_key(acr)));
            }
        }
    }

    /// The entity rows and name conflicts. `source_ids[s]` is the id of source `s`,
    /// `story_of[s]` its story; `story_ids[k]` the id of story `k`.
    pub fn finish(
        self,
        source_ids: &[String],
        story_of: &[usize],
        story_ids: &[String],
    ) -> Entities {
        finish(self, source_ids, story_of, story_ids)
    }
}

fn finish(
    builder: Builder,
    source_ids: &[String],
    story_of: &[usize],
    story_ids: &[String],
) -> Entities {
    let Builder {
        slot_of,
        mut slots,
        slot_key,
        acronym_links,
        lower_words,
    } = builder;
    for c in &mut slots {
        c.stories = c.sources.iter().map(|&s| story_of[s]).collect();
    }
    let n = slots.len();
    let mut uf = UnionFind::new(n);
    for (a, b) in &acronym_links {
        if let (Some(&i), Some(&j)) = (slot_of.get(a), slot_of.get(b)) {
            uf.union(i, j);
        }
    }
    let kind_of = |c: &Cluster| {
        c.kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityType::Other)
    };

    // A surname alone joins the one person of its story whose full name ends in it.
    let mut full_by_last: BTreeMap<(usize, String), BTreeSet<usize>> = BTreeMap::new();
    for (i, c) in slots.iter().enumerate() {
        let toks: Vec<&str> = slot_key[i].split(' ').collect();
        if toks.len() >= 2 && kind_of(c) == EntityType::Person {
            for &st in &c.stories {
                full_by_last
                    .entry((st, toks[toks.len() - 1].to_string()))
                    .or_default()
                    .insert(i);
            }
        }
    }
    for (i, c) in slots.iter().enumerate() {
        if slot_key[i].contains(' ') || kind_of(c) != EntityType::Person {
            continue;
        }
        for &st in &c.stories {
            if let Some(full) = full_by_last.get(&(st, slot_key[i].clone()))
                && full.len() == 1
                && let Some(&j) = full.iter().next()
            {
                uf.union(i, j);
            }
        }
    }

    // Variants. Forms of one story that name one entity are linked by one of two tests,
    // then merged: the form most sources use is the name, and every other form is listed
    // as a variant (with a `name` conflict for the reviewer), a tie included. A base
    // group is what the exact key, acronyms and surnames joined.
    let base: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    let mut conflicts = Vec::new();
    let phonetic = DoubleMetaphone::default();
    // (slot a, slot b, why): a and b name one entity.
    let mut links: Vec<(usize, usize, String)> = Vec::new();

    // Test 1, spelling: two forms of one kind in one story are spelling or
    // transliteration variants (`spelling`), with no role against it.
    let form_words: Vec<Vec<String>> = slots.iter().map(form_words).collect();
    let mut groups_of_story: BTreeMap<(usize, EntityType), BTreeSet<usize>> = BTreeMap::new();
    for (i, c) in slots.iter().enumerate() {
        for &st in &c.stories {
            groups_of_story
                .entry((st, kind_of(c)))
                .or_default()
                .insert(base[i]);
        }
    }
    let mut group_slots: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in base.iter().enumerate() {
        group_slots.entry(g).or_default().push(i);
    }
    // The fullest form of a group speaks for it (`Chidi Okafor`, not `Okafor`).
    let rep = |g: usize| {
        group_slots[&g]
            .iter()
            .copied()
            .filter(|&i| !form_words[i].is_empty())
            .max_by(|&a, &b| {
                form_words[a]
                    .len()
                    .cmp(&form_words[b].len())
                    .then(slots[a].sources.len().cmp(&slots[b].sources.len()))
                    .then(b.cmp(&a))
            })
    };
    let heads_of = |g: usize| -> BTreeSet<&String> {
        group_slots[&g]
            .iter()
            .flat_map(|&i| &slots[i].heads)
            .collect()
    };
    for ((_, kind), groups) in &groups_of_story {
        let groups: Vec<(usize, usize)> =
            groups.iter().filter_map(|&g| Some((g, rep(g)?))).collect();
        for (x, &(ga, a)) in groups.iter().enumerate() {
            for &(gb, b) in &groups[x + 1..] {
                let why = if *kind == EntityType::Person {
                    let (ha, hb) = (heads_of(ga), heads_of(gb));
                    if !(ha.is_empty() || hb.is_empty() || !ha.is_disjoint(&hb)) {
                        continue;
                    }
                    spelling::person_variant(&form_words[a], &form_words[b])
                } else {
                    spelling::other_variant(&form_words[a], &form_words[b])
                };
                if let Some(why) = why {
                    let (fa, fb) = (form_words[a].join(" "), form_words[b].join(" "));
                    links.push((a, b, format!("{why}: `{fa}`/`{fb}`")));
                }
            }
        }
    }

    // Test 2, context: a spelling one source alone uses for a person other sources spell
    // otherwise, with the same first name and a compatible role, and a surname close by
    // edit distance or sound (`Nagayev` for `Nazarbayev` in one outlet).
    let mut by_first: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (i, c) in slots.iter().enumerate() {
        let toks: Vec<&str> = slot_key[i].split(' ').collect();
        if toks.len() >= 2 && kind_of(c) == EntityType::Person {
            for &st in &c.stories {
                by_first
                    .entry((st, toks[0].to_string()))
                    .or_default()
                    .push(i);
            }
        }
    }
    for list in by_first.values() {
        for &p in list {
            // p is the candidate deviant spelling: one source alone uses it.
            if slots[p].sources.len() != 1 {
                continue;
            }
            let p_last = slot_key[p]
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .to_string();
            let mut best: Option<(usize, usize, String)> = None;
            for &q in list {
                if q == p || uf.find(p) == uf.find(q) || slots[q].sources.len() < 2 {
                    continue;
                }
                if slots[q].sources.is_superset(&slots[p].sources) {
                    // The source writes both forms: two people, or its own inconsistency;
                    // not the one-off spelling this rule is about.
                    continue;
                }
                let q_last = slot_key[q]
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if q_last == p_last {
                    continue;
                }
                let (heads_p, heads_q) = (&slots[p].heads, &slots[q].heads);
                let role_ok =
                    heads_p.is_empty() || heads_q.is_empty() || !heads_p.is_disjoint(heads_q);
                let role_shared = !heads_p.is_disjoint(heads_q);
                let (close, how) = surname_similar(&p_last, &q_last, &phonetic);
                let strong = strsim::normalized_levenshtein(&p_last, &q_last) >= 0.75;
                if !(role_ok && close && (role_shared || strong)) {
                    continue;
                }
                let support = slots[q].sources.len();
                if best.as_ref().is_none_or(|b| support > b.1) {
                    let why = if role_shared {
                        "same first name and role"
                    } else {
                        "same first name"
                    };
                    best = Some((q, support, format!("{why}; {how}")));
                }
            }
            if let Some((q, _, how)) = best {
                links.push((p, q, how));
            }
        }
    }
    for (a, b, _) in &links {
        uf.union(*a, *b);
    }

    // Within each entity, the base groups other than its most used one are variants;
    // each is listed against that most used group, with why it was linked.
    let mut why_linked: BTreeMap<usize, String> = BTreeMap::new();
    for (a, b, why) in &links {
        why_linked.entry(base[*a]).or_insert_with(|| why.clone());
        why_linked.entry(base[*b]).or_insert_with(|| why.clone());
    }
    let group_sources = |g: usize| -> BTreeSet<usize> {
        group_slots[&g]
            .iter()
            .flat_map(|&i| slots[i].sources.iter().copied())
            .collect()
    };
    let mut groups_of_entity: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &g in group_slots.keys() {
        groups_of_entity.entry(uf.find(g)).or_default().insert(g);
    }
    // variant slot -> (a slot of the main group, why)
    let mut variant_slots: BTreeMap<usize, (usize, String)> = BTreeMap::new();
    for groups in groups_of_entity.values().filter(|gs| gs.len() > 1) {
        // The most used form is the name; on a tie in sources, the form written more
        // often, then the first seen. A tie is still a disagreement the reviewer must see.
        let group_mentions =
            |g: usize| -> usize { group_slots[&g].iter().map(|&i| slots[i].mentions).sum() };
        let Some(&main) = groups.iter().max_by(|&&a, &&b| {
            group_sources(a)
                .len()
                .cmp(&group_sources(b).len())
                .then(group_mentions(a).cmp(&group_mentions(b)))
                .then(b.cmp(&a))
        }) else {
            continue;
        };
        let main_slot = rep(main).unwrap_or(main);
        for &g in groups {
            if g != main {
                let why = why_linked.get(&g).cloned().unwrap_or_default();
                for &i in &group_slots[&g] {
                    variant_slots.insert(i, (main_slot, why.clone()));
                }
            }
        }
    }

    // Gather the slots into entities.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        members.entry(uf.find(i)).or_default().push(i);
    }
    struct Draft {
        row: EntityRow,
        keys: Vec<usize>,
        stories: BTreeSet<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for list in members.values() {
        let mut kinds: BTreeMap<EntityType, usize> = BTreeMap::new();
        let mut names: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut name_mentions: BTreeMap<String, usize> = BTreeMap::new();
        let mut aliases = BTreeSet::new();
        let mut roles: BTreeMap<String, String> = BTreeMap::new();
        let mut sources = BTreeSet::new();
        let mut stories = BTreeSet::new();
        let mut mentions = 0;
        let mut variants = Vec::new();
        for &i in list {
            let c = &slots[i];
            for (k, v) in &c.kinds {
                *kinds.entry(*k).or_default() += v;
            }
            if let Some((_, _)) = variant_slots.get(&i) {
                for (form, srcs) in &c.names {
                    for s in srcs {
                        variants.push(format!("{form} ({})", source_ids[*s]));
                    }
                }
            } else {
                let minority = stem_merged_minority(c, kind_of(c));
                for (form, srcs) in &c.names {
                    if minority.contains(form) {
                        for s in srcs {
                            variants.push(format!("{form} ({})", source_ids[*s]));
                        }
                        continue;
                    }
                    names.entry(form.clone()).or_default().extend(srcs);
                    *name_mentions.entry(form.clone()).or_default() += c.mentions;
                }
            }
            aliases.extend(c.aliases.iter().cloned());
            aliases.extend(c.names.keys().cloned());
            for (k, v) in &c.roles {
                roles.entry(k.clone()).or_insert_with(|| v.clone());
            }
            sources.extend(&c.sources);
            stories.extend(&c.stories);
            mentions += c.mentions;
        }
        // The canonical name: the full form most sources use.
        let name = names
            .iter()
            .max_by(|a, b| {
                a.1.len()
                    .cmp(&b.1.len())
                    .then(
                        a.0.split_whitespace()
                            .count()
                            .cmp(&b.0.split_whitespace().count()),
                    )
                    .then(name_mentions[a.0].cmp(&name_mentions[b.0]))
                    .then(b.0.cmp(a.0))
            })
            .map(|(k, _)| k.clone())
            .unwrap_or_default();
        let kind = kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityType::Other);
        // A single word of no known kind that some source writes in lower case is a
        // common word capitalised by its place (a sentence start, a heading), not a name.
        if kind == EntityType::Other
            && !name.contains(char::is_whitespace)
            && lower_words.contains(&crate::text::hash64(&name.to_lowercase()))
        {
            continue;
        }
        variants.sort();
        variants.dedup();
        let mut source_ids: Vec<String> = sources
            .iter()
            .map(|s: &usize| source_ids[*s].clone())
            .collect();
        source_ids.sort();
        drafts.push(Draft {
            row: EntityRow {
                entity_id: String::new(),
                name,
                kind,
                roles: roles.into_values().collect(),
                aliases: aliases.into_iter().filter(|a| !a.is_empty()).collect(),
                variants,
                sources: source_ids.len(),
                mentions,
                source_ids,
            },
            keys: list.clone(),
            stories,
        });
    }
    drafts.sort_by(|a, b| {
        b.row
            .sources
            .cmp(&a.row.sources)
            .then(b.row.mentions.cmp(&a.row.mentions))
            .then(a.row.name.cmp(&b.row.name))
            .then(a.row.kind.cmp(&b.row.kind))
    });
    let mut by_key = HashMap::new();
    let mut by_surname: BTreeMap<(usize, String), Option<usize>> = BTreeMap::new();
    let mut rows = Vec::new();
    for (idx, mut d) in drafts.into_iter().enumerate() {
        d.row.entity_id = format!("E{}", idx + 1);
        for &k in &d.keys {
            by_key.insert(slot_key[k].clone(), idx);
        }
        if d.row.kind == EntityType::Person {
            let last = name_key(&d.row.name)
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .to_string();
            for &st in &d.stories {
                by_surname
                    .entry((st, last.clone()))
                    .and_modify(|v| {
                        if *v != Some(idx) {
                            *v = None
                        }
                    })
                    .or_insert(Some(idx));
            }
        }
        rows.push(d.row);
    }

    // One name conflict per variant form and source: the fullest form the source writes.
    let mut per_source: BTreeMap<(usize, usize), (&String, usize, &String)> = BTreeMap::new();
    for (&p, (q, how)) in &variant_slots {
        for (form, srcs) in &slots[p].names {
            for &s in srcs {
                let entry = per_source.entry((base[p], s)).or_insert((form, *q, how));
                if form.split_whitespace().count() > entry.0.split_whitespace().count() {
                    *entry = (form, *q, how);
                }
            }
        }
    }
    for (&(g, s), &(form, q, how)) in &per_source {
        let Some(&row_idx) = by_key.get(&slot_key[q]) else {
            continue;
        };
        let row = &rows[row_idx];
        let st = story_of[s];
        let Some(other) = slots[q]
            .sources
            .iter()
            .filter(|o| story_of[**o] == st)
            .map(|o| &source_ids[*o])
            .min()
        else {
            continue;
        };
        let other_form = slots[q]
            .names
            .iter()
            .find(|(_, ss)| ss.iter().any(|o| &source_ids[*o] == other))
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| row.name.clone());
        let users = group_slots[&g]
            .iter()
            .flat_map(|&i| &slots[i].sources)
            .collect::<BTreeSet<_>>()
            .len();
        conflicts.push(Conflict {
            conflict_id: String::new(),
            kind: ConflictKind::Name,
            story_id: story_ids[st].clone(),
            subject: row.name.clone(),
            source_a: source_ids[s].clone(),
            value_a: form.clone(),
            source_b: other.clone(),
            value_b: other_form,
            note: format!(
                "`{form}` is used by {users} source(s); {} source(s) write `{}` ({how}): treated as a variant spelling of {}",
                row.sources - users.min(row.sources),
                row.name,
                row.entity_id
            ),
        });
    }
    Entities {
        rows,
        conflicts,
        by_key,
        by_surname,
    }
}
