//! Stories: which sources report the same event.
//!
//! Each source becomes a TF-IDF vector of its content-word stems and entity names
//! (names count double: two articles about one event share their actors). Sources
//! are linked when the cosine of their vectors reaches `story_similarity` and, when
//! both name someone, the cosine of their name vectors alone reaches
//! `story_name_similarity`, or they share at least [`SHARED_ACTORS`] people and places:
//! two fires or two storms written up alike are still about different people in
//! different places, while two angles on one event (the results and the fine, the toll
//! and the power cuts) name its key people and places though not much else alike. Links are taken strongest first, as in
//! single-link clustering, but two stories join only when most pairs across them are
//! linked (`story_cohesion`), so one look-alike pair cannot chain two events together.
//! Two sources whose own dates are more than `story_days` apart are never linked.
//! Candidate pairs come from an inverted index over each source's most distinctive terms, skipping terms so common that they say nothing,
//! so the work grows with the number of sources, not with its square.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use records::Extraction;

use crate::text::{content_stems, fold, hash64};
use crate::{ReconcileConfig, UnionFind};

/// Documents without any of the names added to the names' IDF (see [`weigh`]).
const NAME_PRIOR: f64 = 100.0;

/// People and places two sources must share to pass the names test on them alone.
const SHARED_ACTORS: usize = 2;

/// Members of a story compared when deciding whether to join it to another.
const STORY_SAMPLE: usize = 16;

/// A sparse TF-IDF vector: term hash to weight, L2-normalised.
pub type Vector = Vec<(u64, f64)>;

/// Cosine of two L2-normalised sparse vectors sorted by term.
pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Capitalised words inside sentences (not at their start): names, whether or not
/// extract recognised them, folded to lower case.
pub fn name_like(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prev_boundary = true;
    for token in text.split_whitespace() {
        let word: String = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        if starts_upper && !prev_boundary && word.chars().count() > 1 {
            let key = fold(&word);
            if !crate::text::is_stopword(&key) {
                out.push(crate::spelling::skeleton(&key));
            }
        }
        prev_boundary = token.ends_with(['.', '!', '?', ':', '"', '“', '”', '—'])
            || token.starts_with(['"', '“']);
    }
    out
}

/// The key a name is compared on across sources: its words' spelling skeletons, so
/// that an article transliterating the names its own way (`Tohtarov`, `Abdulaeva`)
/// still names the story's people.
fn name_key(name: &str) -> String {
    crate::text::words(name)
        .iter()
        .map(|w| crate::spelling::skeleton(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Term counts of one source, sorted by term.
fn terms(x: &Extraction) -> Vector {
    let mut tf: BTreeMap<u64, f64> = BTreeMap::new();
    for w in content_stems(&x.document.text) {
        // Bare numbers are too often shared by chance (years, small counts).
        if w.len() > 2 && !w.chars().all(|c| c.is_ascii_digit() || c == '.') {
            *tf.entry(hash64(&w)).or_default() += 1.0;
        }
    }
    for w in name_like(&x.document.text) {
        *tf.entry(hash64(&format!("entity:{w}"))).or_default() += 1.0;
    }
    for e in &x.entities {
        let key = format!("entity:{}", name_key(&e.name));
        *tf.entry(hash64(&key)).or_default() += 2.0;
    }
    tf.into_iter().collect()
}

pub(crate) use records::date::parse_day as day_number;

/// Every source's TF-IDF vector (content-word stems and names, IDF over `extractions`),
/// L2-normalised.
pub fn vectors(extractions: &[Extraction]) -> Vec<Vector> {
    let mut v: Vec<Vector> = extractions.par_iter().map(terms).collect();
    weigh(&mut v, 0.0);
    v
}

/// Every source's TF-IDF vector of the names extract found in it (people,
/// organisations, places), L2-normalised; empty when it names nobody.
pub fn name_vectors(extractions: &[Extraction]) -> Vec<Vector> {
    let mut v: Vec<Vector> = extractions.par_iter().map(names).collect();
    weigh(&mut v, NAME_PRIOR);
    v
}

/// The names of one source, each counted once however often it is repeated: an
/// article names its town in every other sentence, and two events in one town must
/// not look alike for that. Organisations count half: agencies, ministries and outlets
/// recur from one event to the next, while people and places belong to one.
fn names(x: &Extraction) -> Vector {
    let mut tf: BTreeMap<u64, f64> = BTreeMap::new();
    for e in &x.entities {
        let weight = if e.kind == records::EntityType::Organization {
            0.5
        } else {
            1.0
        };
        let w = tf.entry(hash64(&name_key(&e.name))).or_default();
        *w = w.max(weight);
    }
    tf.into_iter().collect()
}

/// What story splitting needs of one source: its term counts, its names and its day.
/// Taken while the source is read, so that splitting a large corpus never holds the
/// sources themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Counts of content-word stems and names, sorted by term.
    terms: Vector,
    /// Names, each once (organisations half), sorted by term.
    names: Vector,
    /// Days since 1970-01-01 of the source's own date.
    day: Option<i64>,
    /// The people and places it names, each once, sorted.
    actors: Vec<u64>,
}

/// The story features of one source.
pub fn features(x: &Extraction) -> Features {
    Features {
        terms: terms(x),
        names: names(x),
        day: x.document.date.as_deref().and_then(day_number),
        actors: actors(x),
    }
}

/// The people and places a source names (keys of their names), each once, sorted.
fn actors(x: &Extraction) -> Vec<u64> {
    let mut v: Vec<u64> = x
        .entities
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                records::EntityType::Person | records::EntityType::Place
            )
        })
        .map(|e| hash64(&name_key(&e.name)))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// How many items two sorted lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Turns term counts into TF-IDF weights in place (L2-normalised) and returns each
/// term's document frequency. `prior` adds that many documents holding none of the
/// terms to the IDF's count: a name shared by all five articles of a five-article
/// corpus is still a rare name in the news.
fn weigh(counts: &mut [Vector], prior: f64) -> HashMap<u64, usize> {
    let n = counts.len();
    // Lookups only.
    let mut df: HashMap<u64, usize> = HashMap::new();
    for c in counts.iter() {
        for (t, _) in c {
            *df.entry(*t).or_default() += 1;
        }
    }
    counts.par_iter_mut().for_each(|v| {
        for (t, w) in v.iter_mut() {
            let idf = ((n as f64 + prior + 1.0) / (df[t] as f64 + 1.0)).ln() + 1.0;
            *w = (1.0 + w.ln()) * idf;
        }
        let norm = v.iter().map(|(_, w)| *w * *w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.shrink_to_fit();
    });
    df
}

/// Assigns every source (by index into `extractions`) a story index; story indexes
/// are numbered in order of their first source.
pub fn split(extractions: &[Extraction], config: &ReconcileConfig) -> Vec<usize> {
    split_features(extractions.par_iter().map(features).collect(), config)
}

/// [`split`] on the sources' [`features`], in source order.
pub fn split_features(features: Vec<Features>, config: &ReconcileConfig) -> Vec<usize> {
    let n = features.len();
    let mut vectors: Vec<Vector> = Vec::with_capacity(n);
    let mut names: Vec<Vector> = Vec::with_capacity(n);
    let mut days: Vec<Option<i64>> = Vec::with_capacity(n);
    let mut actors: Vec<Vec<u64>> = Vec::with_capacity(n);
    for f in features {
        vectors.push(f.terms);
        names.push(f.names);
        days.push(f.day);
        actors.push(f.actors);
    }
    let df = weigh(&mut vectors, 0.0);
    weigh(&mut names, NAME_PRIOR);
    // Two sources that both name people, places or bodies must share some of them too:
    // articles on two events of one kind (two fires, two storms) can read alike, but
    // they are about different people in different places.
    // The content cosine of a linked pair, `None` when not linked.
    let link = |a: usize, b: usize| {
        // Two articles published far apart report two events, however alike they read
        // (two fires in one town, a year apart).
        if let (Some(da), Some(db)) = (days[a], days[b])
            && (da - db).unsigned_abs() > config.story_days
        {
            return None;
        }
        // Names first: a few terms against hundreds, and most candidate pairs (two
        // events sharing common words) fail on them.
        if !(names[a].is_empty()
            || names[b].is_empty()
            || cosine(&names[a], &names[b]) >= config.story_name_similarity
            || shared(&actors[a], &actors[b]) >= SHARED_ACTORS)
        {
            return None;
        }
        let c = cosine(&vectors[a], &vectors[b]);
        (c >= config.story_similarity).then_some(c)
    };
    let linked = |a: usize, b: usize| link(a, b).is_some();

    // Block: each source is indexed under its heaviest terms (a term only one source
    // has links nothing). A posting list is walked with a window: each source is
    // compared with the next `story_window` sources sharing the term, which bounds the
    // work on common terms and still chains every source of a large story together.
    let tops: Vec<Vec<u64>> = vectors
        .par_iter()
        .map(|v| {
            let mut top: Vec<&(u64, f64)> = v.iter().filter(|(t, _)| df[t] >= 2).collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            top.into_iter()
                .take(config.story_terms)
                .map(|(t, _)| *t)
                .collect()
        })
        .collect();
    let mut index: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, top) in tops.into_iter().enumerate() {
        for t in top {
            index.entry(t).or_default().push(i);
        }
    }
    // Candidate pairs, each once, strongest first.
    let window = config.story_window.max(1);
    let lists: Vec<&Vec<usize>> = index.values().collect();
    let mut pairs: Vec<(usize, usize)> = lists
        .par_iter()
        .flat_map_iter(|list| {
            list.iter().enumerate().flat_map(move |(k, &a)| {
                list.iter()
                    .skip(k + 1)
                    .take(window)
                    .map(move |&b| (a.min(b), a.max(b)))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut edges: Vec<(f64, usize, usize)> = pairs
        .into_par_iter()
        .filter_map(|(a, b)| link(a, b).map(|c| (c, a, b)))
        .collect();
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // Single link alone chains: one pair of look-alike articles from two events would
    // join the events. Two stories are joined only when most pairs across them are
    // linked (on a sample of each, so a huge story costs no more than a large one).
    let mut uf = UnionFind::new(n);
    let mut sample: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut refused: HashSet<(usize, usize)> = HashSet::new();
    for (_, a, b) in edges {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb || refused.contains(&(ra.min(rb), ra.max(rb))) {
            continue;
        }
        // Counted until the outcome is certain: enough pairs linked, or too few left
        // to be linked.
        let total = sample[ra].len() * sample[rb].len();
        let need = config.story_cohesion * total as f64;
        let (mut agree, mut left) = (0usize, total);
        'count: for &x in &sample[ra] {
            for &y in &sample[rb] {
                left -= 1;
                if linked(x, y) {
                    agree += 1;
                }
                if agree as f64 >= need || ((agree + left) as f64) < need {
                    break 'count;
                }
            }
        }
        if (agree as f64) < need {
            refused.insert((ra.min(rb), ra.max(rb)));
            continue;
        }
        uf.union(ra, rb);
        let (root, other) = if uf.find(ra) == ra {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let moved = std::mem::take(&mut sample[other]);
        let keep = STORY_SAMPLE.saturating_sub(sample[root].len());
        sample[root].extend(moved.into_iter().take(keep));
    }
    uf.dense_labels()
}

#[cfg(test)]
mod tests {
    use super::day_number;

    #[test]
    fn day_numbers() {
        let check = |iso: &str, want: Option<i64>| assert_eq!(day_number(iso), want, "{iso}");
        check("1970-01-01", Some(0));
        check("2000-03-01", Some(11_017));
        check("2024-02-29T10:00:00Z", Some(19_782));
        check("2024-13-01", None);
        check("2024", None);
        check("", None);
    }
}
