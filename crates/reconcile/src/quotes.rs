//! Quotes: the same statement reported by several sources, verbatim or reworded.
//!
//! Quotebank merges quotes only when identical after lower-casing, which leaves two
//! English renderings of one translated sentence apart. Here two quotes of one story
//! from different sources are one statement when their content-word stems (spelling
//! variants folded) overlap enough: Dice at least `quote_dice`, or most of the
//! shorter quote's content inside the longer one. Very short quotes (one or two
//! content words) match only when their speakers agree too, since a single shared
//! word is no evidence of one statement. Within a pair of sources judged derived
//! (one rewrites the other), the sentence alignment gives anchors: two quotes that sit
//! between the same two aligned sentences and still share some content words
//! (`quote_dice_aligned`) are one statement, however much the rewrite reworded them.
//! The same statement given to two different speakers is a `quote` conflict; a quote
//! given to a title ("the director") is given to the named speaker of the other source
//! when that title is one of theirs.

use std::collections::{BTreeMap, BTreeSet};

use records::{Conflict, ConflictKind, Extraction, QuoteRow, Wording};

use crate::entities::{Entities, name_key};
use crate::text::{content_set, dice, fold};
use crate::{ReconcileConfig, UnionFind};

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "him", "her", "them", "you",
];

/// Output of [`build`].
pub struct Quotes {
    /// Rows sorted by quote id, then source, then offset.
    pub rows: Vec<QuoteRow>,
    /// Quote conflicts (ids left blank).
    pub conflicts: Vec<Conflict>,
    /// How many statements (quote ids) the rows hold.
    pub statements: usize,
}

/// Words-only form used to decide `same`.
fn plain(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the words that give a quote to someone name them: a capitalised word that
/// is not a pronoun or an article ("Fonseca", "the Interior Ministry"; not "she", "the
/// director", "The minister").
fn names_someone(speaker: &str) -> bool {
    speaker.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let key = fold(w);
        w.chars().next().is_some_and(char::is_uppercase)
            && !PRONOUNS.contains(&key.as_str())
            && !matches!(
                key.as_str(),
                "the" | "a" | "an" | "his" | "its" | "their" | "our"
            )
    })
}

/// Builds quote rows.
pub fn build(
    extractions: &[Extraction],
    story_of: &[usize],
    story_ids: &[String],
    entities: &Entities,
    derived: &[crate::dependence::DerivedPair],
    config: &ReconcileConfig,
    id_base: usize,
) -> Quotes {
    struct Q {
        source: usize,
        story: usize,
        idx: usize,
        set: BTreeSet<String>,
        plain: String,
        /// The quote's text, cut from the clean text by its offsets.
        text: String,
        /// Speaker as shown, and the key speakers are compared on (entity id or name).
        speaker: Option<(String, String)>,
        /// The speaker is a named person or body (an entity of the story), not
        /// "officials" or "police".
        named: bool,
        /// The content words of the speaker as written, when they name no one ("the
        /// director"): a title.
        title: Option<BTreeSet<String>>,
        /// The content words of the roles of the speaker's entity.
        roles: BTreeSet<String>,
        /// Words inside quotation marks, presented as the speaker's own.
        direct: bool,
        /// Numbers among the quote's words.
        numbers: BTreeSet<String>,
    }
    let mut qs: Vec<Q> = Vec::new();
    for (s, x) in extractions.iter().enumerate() {
        // One index per source: cutting each quote by char offsets from the start of a
        // long text would be quadratic.
        let index = (!x.quotes.is_empty()).then(|| records::CharIndex::new(&x.document.text));
        for (idx, q) in x.quotes.iter().enumerate() {
            let text = index
                .as_ref()
                .and_then(|index| index.slice(&x.document.text, q.start, q.end))
                .unwrap_or(&q.text);
            let mut named = false;
            let mut roles = BTreeSet::new();
            let speaker = q
                .speaker
                .as_deref()
                .map(str::trim)
                .filter(|sp| !sp.is_empty())
                .and_then(|sp| {
                    if PRONOUNS.contains(&fold(sp).as_str()) {
                        return None;
                    }
                    Some(match entities.find(story_of[s], sp) {
                        Some(row) => {
                            named = true;
                            roles = row.roles.iter().flat_map(|r| content_set(r)).collect();
                            (row.name.clone(), row.entity_id.clone())
                        }
                        None => (sp.to_string(), name_key(sp)),
                    })
                });
            let as_written = q
                .speaker_text
                .as_deref()
                .or(q.speaker.as_deref())
                .map(str::trim)
                .filter(|w| !w.is_empty());
            let set = content_set(text);
            let numbers = set
                .iter()
                .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                .cloned()
                .collect();
            qs.push(Q {
                source: s,
                story: story_of[s],
                idx,
                set,
                plain: plain(text),
                text: text.to_string(),
                speaker,
                named,
                title: as_written
                    .filter(|w| !names_someone(w))
                    .map(content_set)
                    .filter(|t| !t.is_empty()),
                roles,
                direct: q.kind == records::QuoteKind::Direct,
                numbers,
            });
        }
    }
    let mut uf = UnionFind::new(qs.len());
    // Pairs judged one statement on their own (not through a third quote): only these
    // can show the statement given to two speakers.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    // Identical wordings of one story are one statement: joined through a map, in
    // linear time, however many times a text repeats them.
    let mut first_of_plain: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for (i, q) in qs.iter().enumerate() {
        if q.plain.is_empty() {
            continue;
        }
        let first = *first_of_plain
            .entry((q.story, q.plain.as_str()))
            .or_insert(i);
        if first != i {
            uf.union(first, i);
            edges.push((first, i));
        }
    }
    // Candidates for reworded statements: one quote per distinct wording, paired
    // through the content words they share, each posting list walked with a bounded
    // window. A word in more than `block_cap` wordings tells nothing and is skipped.
    let mut index: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (i, q) in qs.iter().enumerate() {
        if first_of_plain
            .get(&(q.story, q.plain.as_str()))
            .is_some_and(|&first| first != i)
        {
            continue;
        }
        for w in &q.set {
            index.entry((q.story, w.as_str())).or_default().push(i);
        }
    }
    let mut cands = BTreeSet::new();
    for list in index.values().filter(|list| list.len() <= config.block_cap) {
        crate::dependence::window_pairs(list, config.block_cap, &mut cands);
    }
    for (a, b) in cands {
        let (qa, qb) = (&qs[a], &qs[b]);
        if qa.source == qb.source {
            continue;
        }
        let same_words = !qa.plain.is_empty() && qa.plain == qb.plain;
        let small = qa.set.len().min(qb.set.len());
        let inter = qa.set.intersection(&qb.set).count();
        let d = dice(&qa.set, &qb.set);
        let contained = small > 0 && inter as f64 / small as f64 >= 0.8 && inter >= 3;
        // Two content words in common is too little for one statement, whatever the share.
        let similar = if small < 3 {
            let same_speaker =
                matches!((&qa.speaker, &qb.speaker), (Some(x), Some(y)) if x.1 == y.1);
            same_speaker && d >= config.quote_dice
        } else {
            inter >= 3 && d >= config.quote_dice || contained
        };
        if same_words || similar {
            uf.union(a, b);
            edges.push((a, b));
        }
    }
    // In a rewrite, a quote between the same two aligned sentences as a quote of the
    // original is the same statement even when reworded beyond the usual threshold
    // (or given to someone else: exactly what a quote conflict must show).
    let mut of_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, q) in qs.iter().enumerate() {
        of_source.entry(q.source).or_default().push(i);
    }
    let sentence_of = |i: usize| extractions[qs[i].source].quotes[qs[i].idx].sentence;
    for (sa, sb, anchors) in derived {
        let (Some(la), Some(lb)) = (of_source.get(sa), of_source.get(sb)) else {
            continue;
        };
        for &a in la {
            for &b in lb {
                let (pa, pb) = (sentence_of(a), sentence_of(b));
                // Position of each quote among the anchors: the same gap (or the same
                // anchor) on both sides.
                let gap_a = anchors.partition_point(|&(x, _)| x < pa);
                let gap_b = anchors.partition_point(|&(_, y)| y < pb);
                let on_anchor = anchors.get(gap_a).is_some_and(|&(x, y)| x == pa && y == pb);
                let same_gap =
                    gap_a == gap_b && anchors.get(gap_a).is_none_or(|&(x, y)| x > pa && y > pb);
                let (qa, qb) = (&qs[a], &qs[b]);
                let inter = qa.set.intersection(&qb.set).count();
                // Two different figures are two claims, however close their words.
                let other_numbers = !qa.numbers.is_empty()
                    && !qb.numbers.is_empty()
                    && qa.numbers.is_disjoint(&qb.numbers);
                if (on_anchor || same_gap)
                    && inter >= 2
                    && !other_numbers
                    && dice(&qa.set, &qb.set) >= config.quote_dice_aligned
                {
                    uf.union(a, b);
                    edges.push((a, b));
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..qs.len() {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let sid = |i: usize| &extractions[qs[i].source].document.source_id;
    let start = |i: usize| extractions[qs[i].source].quotes[qs[i].idx].start;
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    for g in &mut ordered {
        g.sort_by(|a, b| sid(*a).cmp(sid(*b)).then(start(*a).cmp(&start(*b))));
    }
    ordered.sort_by(|a, b| {
        qs[a[0]]
            .story
            .cmp(&qs[b[0]].story)
            .then(sid(a[0]).cmp(sid(b[0])))
            .then(start(a[0]).cmp(&start(b[0])))
    });

    let mut out = Quotes {
        rows: Vec::new(),
        conflicts: Vec::new(),
        statements: ordered.len(),
    };
    for (n, g) in ordered.iter().enumerate() {
        let quote_id = format!("Q{}", id_base + n + 1);
        let sources: BTreeSet<usize> = g.iter().map(|i| qs[*i].source).collect();
        // Sources giving each wording, so `same` is decided in one pass over the group.
        let mut sources_of_plain: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for &j in g {
            sources_of_plain
                .entry(qs[j].plain.as_str())
                .or_default()
                .insert(qs[j].source);
        }
        for &i in g {
            let q = &qs[i];
            let x = &extractions[q.source];
            let raw = &x.quotes[q.idx];
            let wording = if sources.len() < 2 {
                Wording::Single
            } else if sources_of_plain
                .get(q.plain.as_str())
                .is_some_and(|set| set.iter().any(|&other| other != q.source))
            {
                Wording::Same
            } else {
                Wording::Variant
            };
            let text = q.text.clone();
            out.rows.push(QuoteRow {
                quote_id: quote_id.clone(),
                source_id: x.document.source_id.clone(),
                speaker: q
                    .speaker
                    .as_ref()
                    .map(|s| s.0.clone())
                    .or_else(|| raw.speaker.clone()),
                kind: raw.kind,
                wording,
                sources: sources.len(),
                text,
                start: raw.start,
                end: raw.end,
                verb: raw.verb.clone(),
            });
        }
    }
    // The same statement, two speakers: a pair of quotes judged one statement on their
    // own (not through a third), both in quotation marks, at least one given to a
    // named person or body of the story (a claim "officials" made in one outlet and
    // "police" in another is attribution, not a contradiction), a title not one of the
    // other speaker's roles
    // ("the director" and the director by name are one speaker), and the two names not
    // one written shorter or longer. One row per statement and pair of speakers,
    // however many outlets repeat each side.
    let titled = |t: &Q, named: &Q| {
        t.title
            .as_ref()
            .is_some_and(|words| !words.is_disjoint(&named.roles))
    };
    let quote_id_of: BTreeMap<usize, String> = ordered
        .iter()
        .enumerate()
        .map(|(n, g)| (uf.find(g[0]), format!("Q{}", id_base + n + 1)))
        .collect();
    let suffix = |long: &str, short: &str| long == short || long.ends_with(&format!(" {short}"));
    let mut seen: BTreeSet<(usize, String, String)> = BTreeSet::new();
    edges.sort_unstable();
    for (a, b) in edges {
        let (qa, qb) = (&qs[a], &qs[b]);
        if qa.source == qb.source
            || !(qa.direct && qb.direct && (qa.named || qb.named))
            || titled(qa, qb)
            || titled(qb, qa)
        {
            continue;
        }
        let (Some((_, ka)), Some((_, kb))) = (&qa.speaker, &qb.speaker) else {
            continue;
        };
        if suffix(ka, kb) || suffix(kb, ka) {
            continue;
        }
        let root = uf.find(a);
        let key = if ka <= kb {
            (root, ka.clone(), kb.clone())
        } else {
            (root, kb.clone(), ka.clone())
        };
        if !seen.insert(key) {
            continue;
        }
        let (a, b) = if sid(a) <= sid(b) { (a, b) } else { (b, a) };
        let (qa, qb) = (&qs[a], &qs[b]);
        let name = |q: &Q| q.speaker.as_ref().map(|s| s.0.clone()).unwrap_or_default();
        let text = |q: &Q| extractions[q.source].quotes[q.idx].text.clone();
        out.conflicts.push(Conflict {
            conflict_id: String::new(),
            kind: ConflictKind::Quote,
            story_id: story_ids[qa.story].clone(),
            subject: quote_id_of[&root].clone(),
            source_a: sid(a).clone(),
            value_a: format!("{}: {}", name(qa), text(qa)),
            source_b: sid(b).clone(),
            value_b: format!("{}: {}", name(qb), text(qb)),
            note: format!(
                "the same statement is given to {} and to {}",
                name(qa),
                name(qb)
            ),
        });
    }
    out
}
