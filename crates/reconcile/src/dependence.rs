//! Source dependence: which sources of a story copy or paraphrase each other.
//!
//! Shingles and MinHash find verbatim copies, but a spun rewrite (synonyms swapped,
//! clauses reordered) shares few shingles. What survives rewriting is the content:
//! the same sentences in the same order, each still sharing most of its content words
//! (names, numbers, nouns). So each candidate pair gets:
//! - sentence alignment: every sentence of the shorter source matched to its most
//!   similar sentence of the other on content-word stems (Dice), the share of aligned
//!   sentences, and how many of them keep their order (longest increasing run);
//! - shingles: Jaccard of 3-grams of content stems (near-copies);
//! - shared rare items: names and figures that only these two sources of the story carry;
//! - reused passages: sentences of one found word for word in the other. An outlet's
//!   own report that takes a few agency paragraphs shares too little overall to look
//!   like a copy, but independent reporters never write the same long sentence; a few
//!   such sentences, mostly the reporter's narrative rather than a quotation anyone may
//!   carry verbatim, make the pair derived.
//!
//! Candidates: in a small story every pair; in a large one, pairs that collide in a
//! MinHash LSH band or share a rare name or figure (posting lists walked with a
//! bounded window), so the work grows linearly with the number of sources.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use records::Extraction;

use crate::ReconcileConfig;
use crate::text::{content_stems, hash64};

const N_HASHES: usize = 64;
const BAND_ROWS: usize = 2;
/// Fewest shared content 3-grams for a near-copy (about two sentences).
const MIN_SHARED_SHINGLES: usize = 12;
/// Words of a run compared for reused passages (all words, function words included:
/// reuse keeps them, a paraphrase changes them).
const PASSAGE_GRAM: usize = 4;
/// Shortest sentence (in words) taken as a passage: a short sentence (`Police said
/// 12 people died.`) is written alike by independent reporters.
const PASSAGE_MIN_WORDS: usize = 8;
/// Share of a sentence's word 4-grams found in the other source for it to be reused.
const PASSAGE_CONTAINED: f64 = 0.6;
/// Reused sentences that make a pair derived (an agency's three paragraphs inside an
/// outlet's own report), and how many of them must be the reporter's own words rather
/// than quotations.
const MIN_REUSED: usize = 3;
const MIN_REUSED_NARRATIVE: usize = 2;

/// What dependence needs of one source.
pub struct Profile {
    /// Content-stem sets (sorted hashes) of the sentences that carry enough content
    /// to align.
    sentences: Vec<Vec<u64>>,
    /// Index in `CleanDocument::sentences` of each entry of `sentences`.
    sentence_index: Vec<usize>,
    /// Term hash to the entries of `sentences` holding it (ascending): a sentence is
    /// matched against those sharing a term, not against every sentence.
    postings: HashMap<u64, Vec<u32>>,
    /// Hashes of 3-grams of content stems.
    shingles: BTreeSet<u64>,
    /// MinHash signature of `shingles`.
    signature: Vec<u64>,
    /// Names and figures, as readable keys.
    pub items: BTreeSet<String>,
    /// Hashes of the distinct names and figures in order of first appearance.
    sequence: Vec<u64>,
    /// Word 4-grams (hashes, sorted, distinct) of each sentence long enough to be a
    /// passage, and whether it holds a quotation.
    passages: Vec<(Vec<u64>, bool)>,
    /// Word 4-grams of every sentence (sorted, distinct).
    grams: Vec<u64>,
}

/// Hashes of the word n-grams of one sentence, sorted and distinct.
fn word_grams(words: &[String]) -> Vec<u64> {
    let mut v: Vec<u64> = words
        .windows(PASSAGE_GRAM)
        .map(|w| hash64(&w.join(" ")))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Sentences of `a` whose word 4-grams are mostly found in `b`: (all, narrative).
fn reused(a: &Profile, b: &Profile) -> (usize, usize) {
    let (mut all, mut narrative) = (0, 0);
    for (grams, quoted) in &a.passages {
        let found = grams
            .iter()
            .filter(|g| b.grams.binary_search(g).is_ok())
            .count();
        if found as f64 >= PASSAGE_CONTAINED * grams.len() as f64 {
            all += 1;
            if !quoted {
                narrative += 1;
            }
        }
    }
    (all, narrative)
}

fn mix(x: u64, seed: u64) -> u64 {
    // splitmix64 of the value xor a per-function seed: a cheap family of hash functions.
    let mut z = x ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Builds the profile of one source.
pub fn profile(x: &Extraction) -> Profile {
    let text = &x.document.text;
    // One index for all sentences: cutting each by char offsets from the start of the
    // text would be quadratic on a long article.
    let index = records::CharIndex::new(text);
    let mut sentences = Vec::new();
    let mut sentence_index = Vec::new();
    // One tokenisation serves both the sentence sets and the shingles.
    let mut stems: Vec<String> = Vec::new();
    let mut passages = Vec::new();
    let mut grams = Vec::new();
    for (idx, s) in x.document.sentences.iter().enumerate() {
        if let Some(t) = index.slice(text, s.start, s.end) {
            let all_words = crate::text::words(t);
            let g = word_grams(&all_words);
            grams.extend(g.iter().copied());
            if all_words.len() >= PASSAGE_MIN_WORDS && !g.is_empty() {
                let quoted = t.contains(['"', '“', '”', '«', '»']);
                passages.push((g, quoted));
            }
            let words = content_stems(t);
            let set: BTreeSet<u64> = words.iter().map(|w| hash64(w)).collect();
            stems.extend(words);
            if set.len() >= 3 {
                sentences.push(set.into_iter().collect());
                sentence_index.push(idx);
            }
        }
    }
    if x.document.sentences.is_empty() {
        stems = content_stems(text);
    }
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (j, set) in sentences.iter().enumerate() {
        for &t in set {
            postings.entry(t).or_default().push(j as u32);
        }
    }
    let shingles: BTreeSet<u64> = stems.windows(3).map(|w| hash64(&w.join(" "))).collect();
    let signature = (0..N_HASHES as u64)
        .map(|seed| {
            shingles
                .iter()
                .map(|h| mix(*h, seed + 1))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect();
    // Names and figures in reading order: the sequence of facts a rewrite keeps.
    let mut sequence: Vec<(usize, String)> = Vec::new();
    for e in &x.entities {
        sequence.push((e.start, e.name.clone()));
    }
    for q in &x.quantities {
        // The figure as written (`2,030` in `around 2,030`): a rewrite changes the
        // hedge more often than the digits.
        for w in crate::text::words(&q.text) {
            if w.len() >= 2 && w.chars().all(|c| c.is_ascii_digit() || c == '.') {
                sequence.push((q.start, w));
            }
        }
    }
    sequence.sort();
    let mut seen = BTreeSet::new();
    let sequence: Vec<u64> = sequence
        .into_iter()
        .filter(|(_, it)| seen.insert(it.clone()))
        .map(|(_, it)| hash64(&it))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    Profile {
        sentences,
        sentence_index,
        postings,
        shingles,
        signature,
        items: seen,
        sequence,
        passages,
        grams,
    }
}

/// Length of the longest common subsequence (quadratic in the shorter list, which
/// holds the distinct names and figures of one article: tens to a few hundred).
fn lcs(a: &[u64], b: &[u64]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A derived pair of sources (indexes) with the anchors of their alignment.
pub type DerivedPair = (usize, usize, Vec<(usize, usize)>);

/// Evidence that two sources depend on each other.
#[derive(Debug, Clone)]
pub struct PairScore {
    /// 0..=1, see [`score`].
    pub similarity: f64,
    /// Judged a copy or paraphrase.
    pub derived: bool,
    /// Readable reasons.
    pub evidence: String,
    /// Sentences aligned in order, as (sentence of a, sentence of b): a rewrite's
    /// anchors, between which the rest of its text can be matched.
    pub anchors: Vec<(usize, usize)>,
}

/// Dice coefficient of two sorted, deduplicated lists.
fn dice_sorted(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * inter as f64 / (a.len() + b.len()) as f64
}

/// Length of the longest strictly increasing subsequence.
/// Positions in `seq` of one longest strictly increasing subsequence.
fn lis_chain(seq: &[usize]) -> Vec<usize> {
    // tails[k]: position of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let p = tails.partition_point(|&t| seq[t] < x);
        if p > 0 {
            prev[i] = Some(tails[p - 1]);
        }
        if p == tails.len() {
            tails.push(i);
        } else {
            tails[p] = i;
        }
    }
    let mut chain = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        chain.push(i);
        cur = prev[i];
    }
    chain.reverse();
    chain
}

/// Scores a pair. `rare` are items the two share that few sources of the story carry.
pub fn score(a: &Profile, b: &Profile, rare: &[String], config: &ReconcileConfig) -> PairScore {
    let (short, long) = if a.sentences.len() <= b.sentences.len() {
        (a, b)
    } else {
        (b, a)
    };
    let mut aligned_to = Vec::new();
    let mut aligned_from = Vec::new();
    // Shared terms per sentence of the long source, through its postings: the same
    // best match (highest Dice, then first) as comparing every pair of sentences,
    // since a sentence sharing no term scores 0, below any positive `align_dice`.
    let mut shared = vec![0u32; long.sentences.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, s) in short.sentences.iter().enumerate() {
        let best = if config.align_dice > 0.0 {
            for t in s {
                for &j in long.postings.get(t).map_or(&[][..], Vec::as_slice) {
                    if shared[j as usize] == 0 {
                        touched.push(j);
                    }
                    shared[j as usize] += 1;
                }
            }
            touched.sort_unstable();
            let mut best: Option<(f64, usize)> = None;
            for j in touched.drain(..) {
                let j = j as usize;
                let d = 2.0 * shared[j] as f64 / (s.len() + long.sentences[j].len()) as f64;
                shared[j] = 0;
                if best.is_none_or(|(b, _)| d > b) {
                    best = Some((d, j));
                }
            }
            best
        } else {
            long.sentences
                .iter()
                .enumerate()
                .map(|(j, t)| (dice_sorted(s, t), j))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
        };
        if let Some((d, j)) = best
            && d >= config.align_dice
        {
            aligned_to.push(j);
            aligned_from.push(i);
        }
    }
    let n_short = short.sentences.len();
    let aligned = aligned_to.len();
    let chain = lis_chain(&aligned_to);
    let in_order = chain.len();
    // The in-order alignment as (sentence of a, sentence of b), document indexes.
    let anchors: Vec<(usize, usize)> = chain
        .iter()
        .map(|&k| {
            let (si, li) = (
                short.sentence_index[aligned_from[k]],
                long.sentence_index[aligned_to[k]],
            );
            if std::ptr::eq(short, a) {
                (si, li)
            } else {
                (li, si)
            }
        })
        .collect();
    let coverage = if n_short == 0 {
        0.0
    } else {
        aligned as f64 / n_short as f64
    };
    let ordered = if n_short == 0 {
        0.0
    } else {
        in_order as f64 / n_short as f64
    };
    let union = a.shingles.union(&b.shingles).count();
    let shared_shingles = a.shingles.intersection(&b.shingles).count();
    let jaccard = if union == 0 {
        0.0
    } else {
        shared_shingles as f64 / union as f64
    };
    // Same sentences in the same order; or most sentences of the shorter source
    // found in the other even if reordered.
    let paraphrase = in_order >= config.min_aligned && ordered >= config.derived_alignment
        || aligned >= config.min_aligned && coverage >= config.derived_coverage;
    // Two three-line notes share a high share of shingles by chance; a copy must also
    // share a passage of some length.
    let copy = jaccard >= config.derived_shingles && shared_shingles >= MIN_SHARED_SHINGLES;
    // Reuse counted both ways, the smaller taken: one long sentence of one source
    // cannot hold several of the other's.
    let (ab, ba) = (reused(a, b), reused(b, a));
    let (n_reused, n_narrative) = (ab.0.min(ba.0), ab.1.min(ba.1));
    let reuse = n_reused >= MIN_REUSED && n_narrative >= MIN_REUSED_NARRATIVE;
    let common_items = a.items.intersection(&b.items).count();
    let same_order = lcs(&a.sequence, &b.sequence);
    let similarity = ordered.max(jaccard);
    let mut evidence = format!(
        "{aligned} of {n_short} sentences aligned on content words ({:.0}%), {in_order} in the same order; \
         {same_order} of {common_items} shared names and figures in the same order; content shingles {:.0}% shared",
        coverage * 100.0,
        jaccard * 100.0
    );
    if n_reused >= MIN_REUSED {
        evidence.push_str(&format!(
            "; {n_reused} sentence(s) reused word for word ({n_narrative} outside quotations)"
        ));
    }
    if !rare.is_empty() {
        evidence.push_str("; shared rare: ");
        evidence.push_str(&rare.iter().take(8).cloned().collect::<Vec<_>>().join(", "));
    }
    let derived = paraphrase || copy || reuse;
    if derived {
        evidence.push_str(if copy {
            "; near-copy"
        } else if paraphrase && ordered >= config.derived_alignment {
            "; paraphrase: same sentences in the same order"
        } else if paraphrase {
            "; paraphrase: most sentences found, reordered"
        } else {
            "; reuses passages of the other word for word"
        });
    }
    PairScore {
        similarity: (similarity * 1000.0).round() / 1000.0,
        derived,
        evidence,
        anchors,
    }
}

/// Candidate pairs (indexes into `profiles`, smaller first) within one story.
pub fn candidates(
    members: &[usize],
    profiles: &[Profile],
    config: &ReconcileConfig,
) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    if members.len() <= config.all_pairs_max {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                out.insert((a.min(b), a.max(b)));
            }
        }
        return out;
    }
    let mut buckets: BTreeMap<(usize, u64), Vec<usize>> = BTreeMap::new();
    for &m in members {
        let sig = &profiles[m].signature;
        for (band, rows) in sig.chunks(BAND_ROWS).enumerate() {
            let key = rows.iter().fold(0u64, |h, r| mix(h ^ r, band as u64));
            buckets.entry((band, key)).or_default().push(m);
        }
    }
    let mut items: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &m in members {
        for it in &profiles[m].items {
            items.entry(it.as_str()).or_default().push(m);
        }
    }
    let lists = buckets.values().chain(items.values());
    for list in lists {
        window_pairs(list, config.block_cap, &mut out);
    }
    out
}

/// Pairs each entry of a posting list with the next `window` entries: every pair of a
/// short list, and a chain of bounded fan-out through a long one.
pub fn window_pairs(list: &[usize], window: usize, out: &mut BTreeSet<(usize, usize)>) {
    for (k, &a) in list.iter().enumerate() {
        for &b in list.iter().skip(k + 1).take(window.max(1)) {
            if a != b {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
}

/// Items two profiles share that at most `max_df` sources of the story carry.
pub fn rare_shared(
    a: &Profile,
    b: &Profile,
    df: &BTreeMap<String, usize>,
    max_df: usize,
) -> Vec<String> {
    let mut shared: Vec<(usize, &String)> = a
        .items
        .intersection(&b.items)
        .filter_map(|it| df.get(it).filter(|d| **d <= max_df).map(|d| (*d, it)))
        .collect();
    shared.sort();
    shared.into_iter().map(|(_, it)| it.clone()).collect()
}
