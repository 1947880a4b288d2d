//! Stable ids: every id of the reports (story `S-`, independence group `G-`, entity
//! `E-`, fact `F-`, statement `Q-`, conflict `C-`) is derived from what the row is
//! about, never from its position in a list, so adding or removing an article
//! unrelated to a row leaves that row's id as it was, and a reviewer's note written
//! against an id finds its row again in the next run.
//!
//! What each id is made from (its *identity*):
//! - story: the source id of its earliest source (by `published`, sources without a
//!   date last, then by source id): a story keeps its id as later coverage joins it;
//! - group: the smallest source id among its sources;
//! - entity: its type and canonical name;
//! - fact: its story's identity and `what` (what is counted, the event, and the
//!   scope `what` carries: a date, a place, a part of a total);
//! - statement (quote): its story's identity, its speaker and its most common wording
//!   (lower-cased words);
//! - conflict: its kind, its story's identity, what is disputed (the fact's or the
//!   statement's identity, else the subject as written) and its two sides, each a
//!   source and its value, taken in a canonical order, so a conflict whose sides come
//!   the other way round is the same conflict (the row keeps the order reconcile gave:
//!   in a name conflict, the variant spelling first).
//!
//! Two rows of one kind with the same identity (two facts of one story counting the
//! same thing) are told apart by their order on their content (the date they hold
//! for, then their first mention): the second gets `#2` added to its identity.
//!
//! The identity is hashed (64-bit FNV-1a, then mixed), and the id is the kind's letter,
//! a dash and the shortest prefix of the hash's hex digits, at least four, that no
//! other id of that kind in the run shares (`F-3a9c`); a prefix longer than four
//! appears only when two rows' hashes begin alike.

use std::collections::{BTreeMap, HashMap};

use records::{ConflictKind, Reconciled, SourceStatus};

/// Fewest hex digits an id shows.
const MIN_DIGITS: usize = 4;

/// A stable 64-bit hash of `text` (FNV-1a, then the splitmix64 finaliser so every
/// digit of the hex form varies).
fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Identities of one kind of row, made unique with `#2`, `#3` ... in the order the
/// rows are given in (callers give them in an order on their content).
fn unique(identities: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    identities
        .into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            if *n == 1 { id } else { format!("{id}#{n}") }
        })
        .collect()
}

/// The printed ids of distinct identities: `letter-` and the shortest unique hex
/// prefix of each identity's hash (at least [`MIN_DIGITS`] digits).
fn short_ids(letter: char, identities: &[String]) -> Vec<String> {
    let hexes: Vec<String> = identities
        .iter()
        .map(|i| format!("{:016x}", hash(i)))
        .collect();
    let mut sorted: Vec<&str> = hexes.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut digits: HashMap<&str, usize> = HashMap::new();
    for (k, h) in sorted.iter().enumerate() {
        let before = k.checked_sub(1).map_or(0, |p| common(sorted[p], h));
        let after = sorted.get(k + 1).map_or(0, |n| common(n, h));
        let need = (before.max(after) + 1).clamp(MIN_DIGITS, h.len());
        digits.insert(h, need);
    }
    hexes
        .iter()
        .map(|h| format!("{letter}-{}", &h[..digits[h.as_str()]]))
        .collect()
}

/// Lower-cased words of a text, one space between them: a wording's identity.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The most frequent of `items`, ties to the smallest.
fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> &'a str {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *count.entry(i).or_default() += 1;
    }
    let best = count.values().copied().max().unwrap_or(0);
    count
        .into_iter()
        .find(|(_, n)| *n == best)
        .map_or("", |(i, _)| i)
}

/// Replaces every id of `rec` by its stable id (see the module's documentation),
/// wherever it appears: rows, references between rows, and the ids named inside a
/// conflict's subject.
pub fn assign(rec: &mut Reconciled) {
    // Stories: the identity is the earliest source's id.
    let mut earliest: BTreeMap<String, (bool, String, String)> = BTreeMap::new();
    for s in &rec.sources {
        let (Some(story), SourceStatus::Ok) = (&s.story_id, &s.status) else {
            continue;
        };
        let key = (
            s.published.is_none(),
            s.published.clone().unwrap_or_default(),
            s.source_id.clone(),
        );
        earliest
            .entry(story.clone())
            .and_modify(|k| {
                if key < *k {
                    *k = key.clone();
                }
            })
            .or_insert(key);
    }
    let old_stories: Vec<String> = earliest.keys().cloned().collect();
    let story_identity: HashMap<String, String> = earliest
        .into_iter()
        .map(|(old, (_, _, source))| (old, format!("story\u{1f}{source}")))
        .collect();
    let story_new = renumber('S', &old_stories, |old| story_identity[old].clone());
    let story_key = |old: &str| story_identity.get(old).cloned().unwrap_or_default();

    // Independence groups: the smallest source id.
    let mut smallest: BTreeMap<String, String> = BTreeMap::new();
    for s in &rec.sources {
        let (Some(group), SourceStatus::Ok) = (&s.group_id, &s.status) else {
            continue;
        };
        smallest
            .entry(group.clone())
            .and_modify(|k| {
                if s.source_id < *k {
                    *k = s.source_id.clone();
                }
            })
            .or_insert_with(|| s.source_id.clone());
    }
    let old_groups: Vec<String> = smallest.keys().cloned().collect();
    let group_new = renumber('G', &old_groups, |old| {
        format!("group\u{1f}{}", smallest[old])
    });

    // Entities: type and name, ties by their sources.
    let mut order: Vec<usize> = (0..rec.entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&rec.entities[a], &rec.entities[b]);
        (x.kind, &x.name, x.source_ids.iter().min()).cmp(&(
            y.kind,
            &y.name,
            y.source_ids.iter().min(),
        ))
    });
    let identities = unique(
        order
            .iter()
            .map(|&i| {
                let e = &rec.entities[i];
                format!("entity\u{1f}{}\u{1f}{}", e.kind.as_str(), e.name)
            })
            .collect(),
    );
    let ids = short_ids('E', &identities);
    let mut entity_new: HashMap<String, String> = HashMap::new();
    for (&i, id) in order.iter().zip(ids) {
        let old = std::mem::replace(&mut rec.entities[i].entity_id, id.clone());
        entity_new.insert(old, id);
    }
    // A name conflict's note ends with the id of the entity whose spelling it is.
    for c in rec
        .conflicts
        .iter_mut()
        .filter(|c| c.kind == ConflictKind::Name)
    {
        if let Some((head, old)) = c.note.rsplit_once(' ')
            && let Some(new) = entity_new.get(old)
        {
            c.note = format!("{head} {new}");
        }
    }

    // Facts: story and what, ties by the date they hold for, then their first mention.
    let mut first_mention: HashMap<&str, (&str, usize)> = HashMap::new();
    for m in &rec.fact_mentions {
        let here = (m.source_id.as_str(), m.start);
        first_mention
            .entry(m.fact_id.as_str())
            .and_modify(|k| {
                if here < *k {
                    *k = here;
                }
            })
            .or_insert(here);
    }
    let mut order: Vec<usize> = (0..rec.facts.len()).collect();
    let fact_identity = |i: usize| {
        let f = &rec.facts[i];
        format!("fact\u{1f}{}\u{1f}{}", story_key(&f.story_id), f.what)
    };
    order.sort_by_cached_key(|&i| {
        let f = &rec.facts[i];
        (
            fact_identity(i),
            f.as_of.clone(),
            first_mention.get(f.fact_id.as_str()).copied(),
        )
    });
    let fact_identities = unique(order.iter().map(|&i| fact_identity(i)).collect());
    let ids = short_ids('F', &fact_identities);
    let mut fact_new: HashMap<String, (String, String)> = HashMap::new();
    for ((&i, id), identity) in order.iter().zip(ids).zip(fact_identities) {
        fact_new.insert(rec.facts[i].fact_id.clone(), (id, identity));
    }
    drop(first_mention);

    // Statements: story, speaker and most common wording, ties by their first row.
    let story_of_source: HashMap<&str, &str> = rec
        .sources
        .iter()
        .filter_map(|s| Some((s.source_id.as_str(), s.story_id.as_deref()?)))
        .collect();
    let mut statements: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, q) in rec.quotes.iter().enumerate() {
        statements.entry(q.quote_id.as_str()).or_default().push(i);
    }
    let mut keyed: Vec<(String, (&str, usize), &str)> = statements
        .iter()
        .map(|(old, rows)| {
            let qs = || rows.iter().map(|&i| &rec.quotes[i]);
            let story = qs()
                .filter_map(|q| story_of_source.get(q.source_id.as_str()))
                .min()
                .map(|s| story_key(s))
                .unwrap_or_default();
            let speaker = most_common(qs().filter_map(|q| q.speaker.as_deref()));
            let wordings: Vec<String> = qs().map(|q| words(&q.text)).collect();
            let wording = most_common(wordings.iter().map(String::as_str)).to_string();
            let first = qs()
                .map(|q| (q.source_id.as_str(), q.start))
                .min()
                .unwrap_or_default();
            (
                format!("statement\u{1f}{story}\u{1f}{speaker}\u{1f}{wording}"),
                first,
                *old,
            )
        })
        .collect();
    keyed.sort();
    let quote_identities = unique(keyed.iter().map(|(k, _, _)| k.clone()).collect());
    let ids = short_ids('Q', &quote_identities);
    let quote_new: HashMap<String, (String, String)> = keyed
        .iter()
        .zip(ids)
        .zip(quote_identities)
        .map(|(((_, _, old), id), identity)| (old.to_string(), (id, identity)))
        .collect();
    drop(statements);

    // Conflicts: kind, story, what is disputed, and the two sides in canonical order.
    let disputed = |kind: ConflictKind, subject: &str| -> (String, String) {
        // (identity part, the subject rewritten with the new id)
        match kind {
            ConflictKind::Number => {
                if let Some((what, id)) =
                    subject.strip_suffix(')').and_then(|s| s.rsplit_once(" ("))
                    && let Some((new, identity)) = fact_new.get(id)
                {
                    return (identity.clone(), format!("{what} ({new})"));
                }
            }
            ConflictKind::Quote => {
                if let Some((new, identity)) = quote_new.get(subject) {
                    return (identity.clone(), new.clone());
                }
            }
            ConflictKind::Name | ConflictKind::Date => {}
        }
        (subject.to_string(), subject.to_string())
    };
    let mut keyed: Vec<(String, usize)> = rec
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (what, _) = disputed(c.kind, &c.subject);
            let mut sides = [(&c.source_a, &c.value_a), (&c.source_b, &c.value_b)];
            sides.sort();
            let [(sa, va), (sb, vb)] = sides;
            (
                format!(
                    "conflict\u{1f}{}\u{1f}{}\u{1f}{what}\u{1f}{sa}\u{1f}{va}\u{1f}{sb}\u{1f}{vb}",
                    c.kind.as_str(),
                    story_key(&c.story_id),
                ),
                i,
            )
        })
        .collect();
    keyed.sort();
    let conflict_identities = unique(keyed.iter().map(|(k, _)| k.clone()).collect());
    let ids = short_ids('C', &conflict_identities);
    for ((_, i), id) in keyed.iter().zip(ids) {
        let c = &mut rec.conflicts[*i];
        c.subject = disputed(c.kind, &c.subject).1;
        c.conflict_id = id;
    }

    // Every reference to the old ids.
    let story = |old: &mut String| {
        if let Some(new) = story_new.get(old.as_str()) {
            *old = new.clone();
        }
    };
    for s in &mut rec.sources {
        if let Some(st) = &mut s.story_id {
            story(st);
        }
        if let Some(g) = &mut s.group_id
            && let Some(new) = group_new.get(g.as_str())
        {
            *g = new.clone();
        }
    }
    for f in &mut rec.facts {
        story(&mut f.story_id);
        if let Some((new, _)) = fact_new.get(&f.fact_id) {
            f.fact_id = new.clone();
        }
        if let Some(total) = &mut f.part_of
            && let Some((new, _)) = fact_new.get(total.as_str())
        {
            *total = new.clone();
        }
    }
    for m in &mut rec.fact_mentions {
        if let Some((new, _)) = fact_new.get(&m.fact_id) {
            m.fact_id = new.clone();
        }
    }
    for q in &mut rec.quotes {
        if let Some((new, _)) = quote_new.get(&q.quote_id) {
            q.quote_id = new.clone();
        }
    }
    for c in &mut rec.conflicts {
        story(&mut c.story_id);
    }
    for t in &mut rec.timeline {
        story(&mut t.story_id);
    }
}

/// Old id to new id for rows whose identity `identity_of` gives.
fn renumber(
    letter: char,
    old: &[String],
    identity_of: impl Fn(&str) -> String,
) -> HashMap<String, String> {
    let mut keyed: Vec<(String, &String)> = old.iter().map(|o| (identity_of(o), o)).collect();
    keyed.sort();
    let identities = unique(keyed.iter().map(|(k, _)| k.clone()).collect());
    short_ids(letter, &identities)
        .into_iter()
        .zip(keyed)
        .map(|(new, (_, old))| (old.clone(), new))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_short_unique_and_depend_on_their_identity_only() {
        let a = short_ids('F', &["x".to_string(), "y".to_string()]);
        let b = short_ids('F', &["y".to_string(), "z".to_string(), "x".to_string()]);
        assert_eq!(a[0], b[2]);
        assert_eq!(a[1], b[0]);
        assert!(a.iter().all(|id| id.len() == 2 + MIN_DIGITS), "{a:?}");
        // Many identities: every id unique, each as short as it can be.
        let many: Vec<String> = (0..5000).map(|i| format!("fact {i}")).collect();
        let ids = short_ids('F', &many);
        let distinct: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
        assert!(ids.iter().any(|id| id.len() > 2 + MIN_DIGITS));
        assert!(ids.iter().any(|id| id.len() == 2 + MIN_DIGITS));
    }

    #[test]
    fn equal_identities_are_numbered_in_the_order_given() {
        assert_eq!(
            unique(vec!["a".into(), "b".into(), "a".into(), "a".into()]),
            ["a", "b", "a#2", "a#3"]
        );
    }

    #[test]
    fn the_hash_is_fixed() {
        // The ids of earlier runs must keep matching: the hash never changes.
        assert_eq!(format!("{:016x}", hash("")), "f52a15e9a9b5e89b");
        assert_eq!(
            format!("{:016x}", hash("story\u{1f}000_90fc14d205102fb3.txt")),
            "f34678a71cd8add1"
        );
        assert_ne!(hash("a"), hash("b"));
    }
}
