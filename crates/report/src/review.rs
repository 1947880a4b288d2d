//! The reviewer's verdicts and notes, carried from one run to the next.
//!
//! A reviewer keeps a CSV file beside the input folder, named after it: for the input
//! folder `seeds/`, the file `seeds.review.csv` (the run reads it, never writes it).
//! Its header names the columns, in any order:
//!
//! | column | holds |
//! |---|---|
//! | `kind` | `fact`, `conflict` or `quote` (the table the row is in) |
//! | `id` | the row's id: `fact_id`, `conflict_id` or `quote_id` (`F-3a9c`) |
//! | `verdict` | the reviewer's judgement, in their own words (`confirmed`, `false`, `misleading`, `unverified` ...) |
//! | `note` | free text |
//!
//! Ids are derived from what the row is about (see `reconcile::ids`), so they outlive
//! the articles that come and go: every run puts each verdict and note on its row, in
//! the columns `review_verdict` and `review_note` of `facts.csv`, `conflicts.csv` and
//! `quotes.csv` (on every row of a statement) and their sheets. A review whose row is
//! gone (its fact no longer found, its conflict resolved) is never dropped: `summary.md`
//! lists it under "Reviews whose row is gone", with its verdict and note. An id written
//! shorter or longer than the run's (a prefix of the hex digits, or with more of them)
//! finds its row when exactly one row of its kind matches.
//!
//! A line that cannot be read (an unknown kind, no id) is reported in `errors.csv`
//! (stage `review`) and the others are still used.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use records::{Diagnostic, Reconciled, Review};

/// The kinds of row a review can be about, with the table they are in.
pub const KINDS: [(&str, &str); 3] = [
    ("fact", "facts"),
    ("conflict", "conflicts"),
    ("quote", "quotes"),
];

/// Where the review file of the input folder `input` is: beside it, named after it
/// (`seeds/` gives `seeds.review.csv`); `None` for a folder without a name (`/`).
pub fn path_for(input: &Path) -> Option<PathBuf> {
    let name = input.file_name()?.to_string_lossy().into_owned();
    Some(input.with_file_name(format!("{name}.review.csv")))
}

/// Reads a review file: its reviews, and a diagnostic for each line that cannot be
/// read. A missing file is no review and no problem.
pub fn read(path: &Path) -> (Vec<Review>, Vec<Diagnostic>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let problem = |error: String| Diagnostic {
        source_id: name.clone(),
        stage: "review".to_string(),
        error,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(err) => return (Vec::new(), vec![problem(format!("cannot read: {err}"))]),
    };
    parse(&bytes, &problem)
}

fn parse(bytes: &[u8], problem: &dyn Fn(String) -> Diagnostic) -> (Vec<Review>, Vec<Diagnostic>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(body);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(err) => return (Vec::new(), vec![problem(format!("no header row: {err}"))]),
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(kind), Some(id)) = (col("kind"), col("id")) else {
        return (
            Vec::new(),
            vec![problem(
                "the header must name the columns kind and id (and verdict, note)".to_string(),
            )],
        );
    };
    let (verdict, note) = (col("verdict"), col("note"));
    let mut reviews = Vec::new();
    let mut problems = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                problems.push(problem(format!("line {line}: {err}")));
                continue;
            }
        };
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_string();
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let review = Review {
            kind: cell(Some(kind)).to_ascii_lowercase(),
            id: cell(Some(id)),
            verdict: cell(verdict),
            note: cell(note),
        };
        if !KINDS.iter().any(|(k, _)| *k == review.kind) {
            problems.push(problem(format!(
                "line {line}: kind {:?} is none of fact, conflict, quote",
                review.kind
            )));
        } else if review.id.is_empty() {
            problems.push(problem(format!("line {line}: no id")));
        } else {
            reviews.push(review);
        }
    }
    (reviews, problems)
}

/// The reviews of a run, each found on its row or listed as an orphan.
pub struct Placed<'a> {
    /// `(kind, id of the row)` to the reviews placed on it, in the file's order.
    on_row: HashMap<(&'a str, &'a str), Vec<&'a Review>>,
    /// Reviews whose row is gone, in the file's order.
    pub orphans: Vec<&'a Review>,
}

impl<'a> Placed<'a> {
    /// Places the reviews of `rec` on its rows.
    pub fn new(rec: &'a Reconciled) -> Self {
        if rec.reviews.is_empty() {
            return Placed {
                on_row: HashMap::new(),
                orphans: Vec::new(),
            };
        }
        let mut ids: BTreeMap<&str, Vec<&'a str>> = BTreeMap::new();
        ids.insert(
            "fact",
            rec.facts.iter().map(|f| f.fact_id.as_str()).collect(),
        );
        ids.insert(
            "conflict",
            rec.conflicts
                .iter()
                .map(|c| c.conflict_id.as_str())
                .collect(),
        );
        ids.insert(
            "quote",
            rec.quotes.iter().map(|q| q.quote_id.as_str()).collect(),
        );
        for list in ids.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let mut on_row: HashMap<(&str, &str), Vec<&Review>> = HashMap::new();
        let mut orphans = Vec::new();
        for r in &rec.reviews {
            let Some(list) = ids.get(r.kind.as_str()) else {
                orphans.push(r);
                continue;
            };
            let wanted = r.id.trim();
            let found = if list.binary_search(&wanted).is_ok() {
                list.iter().find(|id| **id == wanted).copied()
            } else {
                // Written with fewer or more digits than this run's id.
                let mut near = list
                    .iter()
                    .filter(|id| id.starts_with(wanted) || wanted.starts_with(**id));
                match (near.next(), near.next()) {
                    (Some(one), None) if wanted.len() > 2 => Some(*one),
                    _ => None,
                }
            };
            match found {
                Some(id) => on_row.entry((kind_of(&r.kind), id)).or_default().push(r),
                None => orphans.push(r),
            }
        }
        Placed { on_row, orphans }
    }

    /// The verdict and the note of row `id` of `kind` (several reviews of one row
    /// joined with `; `), empty when it has none.
    pub fn of(&self, kind: &str, id: &str) -> (String, String) {
        let Some(reviews) = self.on_row.get(&(kind, id)) else {
            return (String::new(), String::new());
        };
        let join = |f: fn(&Review) -> &str| {
            reviews
                .iter()
                .map(|r| f(r))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        };
        (join(|r| &r.verdict), join(|r| &r.note))
    }

    /// Number of reviews placed on a row.
    pub fn placed(&self) -> usize {
        self.on_row.values().map(Vec::len).sum()
    }
}

/// The static name of a review kind.
fn kind_of(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(error: String) -> Diagnostic {
        Diagnostic {
            source_id: "in.review.csv".into(),
            stage: "review".into(),
            error,
        }
    }

    #[test]
    fn a_review_file_is_read_by_its_header() {
        let text = "\u{FEFF}id,kind,note,verdict\r\nF-3a9c,fact,\"checked, with the ministry\",confirmed\r\n\
                    ,,,\r\nC-0001,Conflict,,false\r\nX-1,entity,,\r\n,fact,no id,\r\n";
        let (reviews, problems) = parse(text.as_bytes(), &problem);
        assert_eq!(
            reviews,
            [
                Review {
                    kind: "fact".into(),
                    id: "F-3a9c".into(),
                    verdict: "confirmed".into(),
                    note: "checked, with the ministry".into()
                },
                Review {
                    kind: "conflict".into(),
                    id: "C-0001".into(),
                    verdict: "false".into(),
                    note: String::new()
                },
            ]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].error.contains("line 5"), "{problems:?}");
        let (none, problems) = parse(b"a,b\n1,2\n", &problem);
        assert!(none.is_empty() && problems.len() == 1);
    }

    #[test]
    fn the_review_file_sits_beside_the_input_folder() {
        assert_eq!(
            path_for(Path::new("/data/quake")),
            Some(PathBuf::from("/data/quake.review.csv"))
        );
        assert_eq!(
            path_for(Path::new("seeds/")),
            Some(PathBuf::from("seeds.review.csv"))
        );
        assert_eq!(path_for(Path::new("/")), None);
        let (r, p) = read(Path::new("/nonexistent/x.review.csv"));
        assert!(r.is_empty() && p.is_empty());
    }
}
