//! The canonical order of every list of a [`Reconciled`], so that the reports do not
//! depend on the order reconcile produced things in. Keys follow the row order of
//! [`crate::table`]; ties are broken by the whole record (its JSON form), which makes
//! the order total.

use std::cmp::Ordering;

use records::{Diagnostic, Reconciled};
use serde::Serialize;

use crate::text::natural_cmp;

/// What [`canonical_in_place`] changed, to put `rec` back as it came.
#[must_use = "the records stay in canonical order unless restored"]
pub struct Undo {
    sources: Vec<usize>,
    entities: Vec<usize>,
    facts: Vec<usize>,
    fact_mentions: Vec<usize>,
    quotes: Vec<usize>,
    conflicts: Vec<usize>,
    source_pairs: Vec<usize>,
    timeline: Vec<usize>,
    errors: Vec<usize>,
    /// Source id lists the sort changed, by their row's original position.
    entity_ids: Vec<(usize, Vec<String>)>,
    timeline_ids: Vec<(usize, Vec<String>)>,
}

impl Undo {
    /// Puts every list of `rec` back in the order it had before
    /// [`canonical_in_place`], and every list of source ids back as it was.
    pub fn restore(self, rec: &mut Reconciled) {
        unpermute(&mut rec.sources, &self.sources);
        unpermute(&mut rec.entities, &self.entities);
        unpermute(&mut rec.facts, &self.facts);
        unpermute(&mut rec.fact_mentions, &self.fact_mentions);
        unpermute(&mut rec.quotes, &self.quotes);
        unpermute(&mut rec.conflicts, &self.conflicts);
        unpermute(&mut rec.source_pairs, &self.source_pairs);
        unpermute(&mut rec.timeline, &self.timeline);
        unpermute(&mut rec.errors, &self.errors);
        for (i, ids) in self.entity_ids {
            rec.entities[i].source_ids = ids;
        }
        for (i, ids) in self.timeline_ids {
            rec.timeline[i].source_ids = ids;
        }
    }
}

/// Sorts every list of `rec` in place, with no copy of the records. The [`Undo`]
/// puts them back.
pub fn canonical_in_place(rec: &mut Reconciled) -> Undo {
    // Lists of source ids inside a row have no meaning in their order.
    let mut entity_ids = Vec::new();
    for (i, e) in rec.entities.iter_mut().enumerate() {
        if let Some(old) = sort_ids(&mut e.source_ids) {
            entity_ids.push((i, old));
        }
    }
    let mut timeline_ids = Vec::new();
    for (i, t) in rec.timeline.iter_mut().enumerate() {
        if let Some(old) = sort_ids(&mut t.source_ids) {
            timeline_ids.push((i, old));
        }
    }
    Undo {
        sources: sort(&mut rec.sources, |a, b| {
            natural_cmp(&a.source_id, &b.source_id)
        }),
        entities: sort(&mut rec.entities, |a, b| {
            natural_cmp(&a.name, &b.name).then_with(|| natural_cmp(&a.entity_id, &b.entity_id))
        }),
        facts: sort(&mut rec.facts, |a, b| {
            natural_cmp(&a.story_id, &b.story_id)
                .then_with(|| natural_cmp(&a.what, &b.what))
                .then_with(|| natural_cmp(&a.fact_id, &b.fact_id))
        }),
        // Offsets compare as numbers, which is their natural order as text.
        fact_mentions: sort(&mut rec.fact_mentions, |a, b| {
            natural_cmp(&a.fact_id, &b.fact_id)
                .then_with(|| natural_cmp(&a.source_id, &b.source_id))
                .then(a.start.cmp(&b.start))
                .then(a.end.cmp(&b.end))
        }),
        quotes: sort(&mut rec.quotes, |a, b| {
            natural_cmp(&a.quote_id, &b.quote_id)
                .then_with(|| natural_cmp(&a.source_id, &b.source_id))
                .then(a.start.cmp(&b.start))
                .then(a.end.cmp(&b.end))
        }),
        conflicts: sort(&mut rec.conflicts, |a, b| {
            natural_cmp(&a.story_id, &b.story_id)
                .then_with(|| natural_cmp(a.kind.as_str(), b.kind.as_str()))
                .then_with(|| natural_cmp(&a.subject, &b.subject))
                .then_with(|| natural_cmp(&a.conflict_id, &b.conflict_id))
        }),
        source_pairs: sort(&mut rec.source_pairs, |a, b| {
            natural_cmp(&a.source_a, &b.source_a)
                .then_with(|| natural_cmp(&a.source_b, &b.source_b))
        }),
        timeline: sort(&mut rec.timeline, |a, b| {
            natural_cmp(&a.date, &b.date)
                .then_with(|| natural_cmp(&a.story_id, &b.story_id))
                .then_with(|| natural_cmp(&a.event, &b.event))
        }),
        errors: sort(&mut rec.errors, cmp_errors),
        entity_ids,
        timeline_ids,
    }
}

/// Sorts errors into canonical order (after rows were added to canonical records).
pub fn sort_errors(errors: &mut [Diagnostic]) {
    sort(errors, cmp_errors);
}

fn cmp_errors(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    natural_cmp(&a.source_id, &b.source_id)
        .then_with(|| natural_cmp(&a.stage, &b.stage))
        .then_with(|| natural_cmp(&a.error, &b.error))
}

/// Sorts and deduplicates a list of ids; the list as it was when that changed it.
fn sort_ids(ids: &mut Vec<String>) -> Option<Vec<String>> {
    let in_order = ids.windows(2).all(|w| natural_cmp(&w[0], &w[1]).is_lt());
    if in_order {
        return None;
    }
    let old = ids.clone();
    ids.sort_by(|a, b| natural_cmp(a, b));
    ids.dedup();
    Some(old)
}

/// Sorts `items` by `cmp`, ties broken by the whole record (its JSON form), then by
/// the original position; returns the order applied (see [`permute`]). The JSON form
/// is made only for records whose keys tie, which are few.
fn sort<T: Serialize>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Stable: records with equal keys keep their original order.
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && cmp(&items[order[start]], &items[order[end]]).is_eq() {
            end += 1;
        }
        if end - start > 1 {
            let mut run: Vec<(String, usize)> = order[start..end]
                .iter()
                .map(|&i| (serde_json::to_string(&items[i]).unwrap_or_default(), i))
                .collect();
            run.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, i)) in order[start..end].iter_mut().zip(run) {
                *slot = i;
            }
        }
        start = end;
    }
    permute(items, &order);
    order
}

/// Undoes [`permute`] with the same `order`.
fn unpermute<T>(items: &mut [T], order: &[usize]) {
    let mut inverse = vec![0; order.len()];
    for (k, &i) in order.iter().enumerate() {
        inverse[i] = k;
    }
    permute(items, &inverse);
}

/// Reorders `items` so that position `k` holds the item that was at `order[k]`.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut pos: Vec<usize> = (0..items.len()).collect(); // pos[i]: where original item i is now
    let mut at: Vec<usize> = (0..items.len()).collect(); // at[p]: original item now at p
    for (k, &want) in order.iter().enumerate() {
        let p = pos[want];
        if p != k {
            items.swap(k, p);
            let other = at[k];
            at.swap(k, p);
            pos[want] = k;
            pos[other] = p;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_reorders() {
        let mut v = vec!['a', 'b', 'c', 'd'];
        permute(&mut v, &[2, 0, 3, 1]);
        assert_eq!(v, vec!['c', 'a', 'd', 'b']);
        unpermute(&mut v, &[2, 0, 3, 1]);
        assert_eq!(v, vec!['a', 'b', 'c', 'd']);
    }
}
