//! The canonical order of every list of a [`Reconciled`], so that the reports do not
//! depend on the order reconcile produced things in. Keys follow the row order of
//! [`crate::table`]; ties are broken by the whole record (its JSON form), which makes
//! the order total.

use std::cmp::Ordering;

use records::Reconciled;
use serde::Serialize;

use crate::text::natural_cmp;

/// A copy of `rec` with every list sorted.
pub fn canonical(rec: &Reconciled) -> Reconciled {
    let mut rec = rec.clone();
    // Lists of source ids inside a row have no meaning in their order.
    for e in &mut rec.entities {
        sort_ids(&mut e.source_ids);
    }
    for t in &mut rec.timeline {
        sort_ids(&mut t.source_ids);
    }
    sort(&mut rec.sources, |s| vec![s.source_id.clone()]);
    sort(&mut rec.entities, |e| vec![e.entity_id.clone()]);
    sort(&mut rec.facts, |f| {
        vec![f.story_id.clone(), f.fact_id.clone()]
    });
    sort(&mut rec.fact_mentions, |m| {
        vec![
            m.fact_id.clone(),
            m.source_id.clone(),
            m.start.to_string(),
            m.end.to_string(),
        ]
    });
    sort(&mut rec.quotes, |q| {
        vec![
            q.quote_id.clone(),
            q.source_id.clone(),
            q.start.to_string(),
            q.end.to_string(),
        ]
    });
    sort(&mut rec.conflicts, |c| vec![c.conflict_id.clone()]);
    sort(&mut rec.source_pairs, |p| {
        vec![p.source_a.clone(), p.source_b.clone()]
    });
    sort(&mut rec.timeline, |t| {
        vec![t.date.clone(), t.story_id.clone(), t.event.clone()]
    });
    sort(&mut rec.errors, |e| {
        vec![e.source_id.clone(), e.stage.clone(), e.error.clone()]
    });
    rec
}

fn sort_ids(ids: &mut Vec<String>) {
    ids.sort_by(|a, b| natural_cmp(a, b));
    ids.dedup();
}

fn sort<T: Serialize>(items: &mut [T], key: impl Fn(&T) -> Vec<String>) {
    let mut keyed: Vec<(Vec<String>, String, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                key(item),
                serde_json::to_string(item).unwrap_or_default(),
                i,
            )
        })
        .collect();
    keyed.sort_by(|(ka, ja, _), (kb, jb, _)| {
        ka.iter()
            .zip(kb)
            .map(|(a, b)| natural_cmp(a, b))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then_with(|| ja.cmp(jb))
    });
    let order: Vec<usize> = keyed.into_iter().map(|(_, _, i)| i).collect();
    permute(items, &order);
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
    }
}
