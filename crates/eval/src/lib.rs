//! eval scores a run's reports against a fact-checker's answers on the written test
//! corpus (`crates/eval/corpus/`, answers in `crates/eval/answers/`; the format is in
//! this crate's README). It reads what a reviewer reads: the CSV reports and the clean
//! texts their offsets point into, never the intermediate records. `cargo xtask eval`
//! runs the pipeline on each event's folder and on all events in one folder, and calls
//! [`evaluate`]; this crate runs nothing itself.
//!
//! # Definitions
//!
//! A mention of the answers is placed in its source's clean text by its words (and
//! its context); a report row is the mention's when its offsets overlap that place.
//!
//! **Threads.** A thread is every mention of one fact. Its fact in the reports is the
//! fact holding most of its mentions (ties: the one whose best estimate meets the
//! answer, then the lowest id). Then:
//! - `missed`: no mention of the thread is in any fact;
//! - `wrong`: the fact's status is `conflict` where the answers have none, or is not
//!   `conflict` where they have one; or its best estimate misses the value the answers
//!   sign (their intervals do not meet, within 0.5%), or is missing; or the best
//!   estimate is given only by a mention the answers keep out of the fact;
//! - `partly`: none of the above, but the status differs otherwise (`consistent` for
//!   `agreed`, say); or the best estimate is too wide to sign (open above, or a range
//!   whose high is more than 1.5 times its low, for an exact value); or the fact holds
//!   a mention kept out of it (excluded, or another thread's); or it holds fewer than
//!   80% of the thread's mentions; or a withdrawn, denied, corrected or superseded
//!   mention is not flagged; or its `as_of` differs from the answers' date;
//! - `right`: found, and none of the above.
//!
//! **Conflicts.** A conflict row is genuine when its two sides match the two sides of
//! a disagreement the answers declare (same source, and the value's words contain the
//! mention's or the reverse), or, for a `name` conflict, a declared variant and its
//! entity. Every other row is spurious, and so is every row between two events.
//!
//! **Stories and copies.** Pairwise over the sources that ran `ok`: a pair is together
//! in the answers when the two articles are of one story (one copy group), and in the
//! reports when they share `story_id` (`group_id`); precision, recall and F1 over the
//! pairs. A source in no copy group stands alone.
//!
//! **Corrections.** Recall: the share of the answers' corrected mentions whose report
//! row is flagged (`retracted` true, or a `correction`). False corrections: other
//! thread mentions flagged.
//!
//! **Names.** Variant recall: the share of declared variants found in the `variants`
//! of an entity row that also carries the entity's name (a declared surname counts in
//! a full form that ends with it: `Abdulaeva` in `Gulnara Abdulaeva`). A wrong merge: two names the
//! answers declare distinct among one entity row's name, aliases and variants. Junk: an
//! entity row none of whose forms names an entity of the answers (the same words, a
//! run at the start or end of a listed form, or a listed form at the end of the row's).
//!
//! **Quotes.** A quote of the answers is found when a quote row of its source overlaps
//! it; speaker accuracy is the share of found quotes whose speaker is the answers' (the
//! same words, or a form ending in the same surname); statement F1 is pairwise over the
//! found quotes (same `quote_id` against same statement). Junk quotes: the answers'
//! `not_quotes` that became quote rows.
//!
//! # The locked part
//! Events marked `locked` are reported only in totals (the table, `eval.json`): their
//! per-thread verdicts are never shown, so no rule is tuned to one of their failures.

pub mod answers;
pub mod locate;
pub mod reports;
pub mod score;

use std::fmt::Write as _;

use serde::Serialize;

pub use answers::{Answers, load_all};
pub use reports::Reports;
pub use score::{Counts, EventScore, Pairs, Run, ThreadScore, Verdict, ratio};

/// The scores of one evaluation: every event on its own, and all in one folder.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Each event scored on the run of its own folder, in slug order.
    pub events: Vec<EventScore>,
    /// Totals over the dev events.
    pub dev: Counts,
    /// Totals over the locked events.
    pub locked: Counts,
    /// The run over every event in one folder (stories, copies, conflicts).
    pub all: Counts,
}

/// Scores each event's own run (`per_event[i]` is the run of `answers[i]`'s folder)
/// and the run of every event in one folder (`all`, source ids `<slug>/<file>`).
pub fn evaluate(answers: &[Answers], per_event: &[Reports], all: &Reports) -> Evaluation {
    let mut events = Vec::new();
    let (mut dev, mut locked) = (Counts::default(), Counts::default());
    for (a, reports) in answers.iter().zip(per_event) {
        let (mut scores, _) = Run::new(reports, vec![(a, String::new())]).score();
        let e = scores.remove(0);
        if e.locked { &mut locked } else { &mut dev }.add(&e.counts);
        events.push(e);
    }
    let run = Run::new(
        all,
        answers
            .iter()
            .map(|a| (a, format!("{}/", a.slug)))
            .collect(),
    );
    let (_, all) = run.score();
    Evaluation {
        events,
        dev,
        locked,
        all,
    }
}

impl Evaluation {
    /// The evaluation as JSON, without the locked events' details.
    pub fn to_json(&self) -> serde_json::Value {
        let mut shown = self.clone();
        for e in shown.events.iter_mut().filter(|e| e.locked) {
            e.threads.clear();
            e.spurious.clear();
            e.junk.clear();
            e.unplaced.clear();
        }
        serde_json::to_value(&shown).unwrap_or_default()
    }

    /// The table a developer reads: per thread for the dev events, totals for dev,
    /// locked and the all-in-one run.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Evaluation on the written corpus\n");
        for e in self.events.iter().filter(|e| !e.locked) {
            let _ = writeln!(out, "## {} ({}): {}\n", e.slug, e.kind, e.title);
            let _ = writeln!(
                out,
                "| thread | verdict | fact | found | status (want) | best (want) | why |"
            );
            let _ = writeln!(out, "|---|---|---|---|---|---|---|");
            for t in &e.threads {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {}/{} | {} ({}) | {} ({}) | {} |",
                    t.id,
                    t.verdict.as_str(),
                    t.fact_id.as_deref().unwrap_or("—"),
                    t.found,
                    t.total,
                    dash(&t.status_got),
                    t.status_want,
                    dash(&t.best_got),
                    dash(&t.best_want),
                    t.reasons.join("; ").replace('|', "/"),
                );
            }
            let _ = writeln!(out);
            for s in &e.spurious {
                let _ = writeln!(out, "- spurious conflict: {}", s.replace('|', "/"));
            }
            if !e.junk.is_empty() {
                let _ = writeln!(out, "- junk entities: {}", e.junk.join(", "));
            }
            for u in &e.unplaced {
                let _ = writeln!(out, "- not in the clean text: {u}");
            }
            let _ = writeln!(out);
        }
        let locked: Vec<&str> = self
            .events
            .iter()
            .filter(|e| e.locked)
            .map(|e| e.slug.as_str())
            .collect();
        let _ = writeln!(out, "## Totals\n");
        let _ = writeln!(
            out,
            "Locked events (totals only): {}.\n",
            if locked.is_empty() {
                "none".into()
            } else {
                locked.join(", ")
            }
        );
        let _ = writeln!(out, "| measure | dev | locked | all events in one folder |");
        let _ = writeln!(out, "|---|---|---|---|");
        for (name, f) in MEASURES {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} |",
                f(&self.dev),
                f(&self.locked),
                f(&self.all)
            );
        }
        out
    }
}

fn dash(s: &str) -> &str {
    if s.is_empty() { "—" } else { s }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "—".into()
    } else {
        format!("{:.0}% ({n}/{d})", 100.0 * n as f64 / d as f64)
    }
}

fn prf(p: &Pairs) -> String {
    if p.both + p.extra + p.missing == 0 {
        return "—".into();
    }
    let (pr, r, f) = p.prf();
    format!("P {pr:.2} R {r:.2} F1 {f:.2}")
}

type Measure = (&'static str, fn(&Counts) -> String);

/// The rows of the totals table, in order.
const MEASURES: &[Measure] = &[
    ("threads right", |c| pct(c.right, c.threads)),
    ("threads partly", |c| pct(c.partly, c.threads)),
    ("threads wrong", |c| pct(c.wrong, c.threads)),
    ("threads missed", |c| pct(c.missed, c.threads)),
    ("spurious conflicts (share of rows)", |c| {
        pct(c.spurious_conflicts, c.conflict_rows)
    }),
    ("best estimates from a mention kept out", |c| {
        c.best_from_excluded.to_string()
    }),
    ("kept-out mentions inside their fact", |c| {
        c.intrusions.to_string()
    }),
    ("stories (pairwise)", |c| prf(&c.stories)),
    ("articles sharing a story with another event", |c| {
        c.cross_event_articles.to_string()
    }),
    ("copy groups (pairwise)", |c| prf(&c.copies)),
    ("corrections flagged (recall)", |c| {
        pct(c.corrections_flagged, c.corrections)
    }),
    ("other mentions flagged as corrected", |c| {
        c.false_corrections.to_string()
    }),
    ("variants flagged (recall)", |c| {
        pct(c.variants_flagged, c.variants)
    }),
    ("distinct names merged", |c| {
        pct(c.wrong_merges, c.distinct_pairs)
    }),
    ("quotes found", |c| pct(c.quotes_found, c.quotes)),
    ("speakers right (of quotes found)", |c| {
        pct(c.speakers_right, c.quotes_found)
    }),
    ("statements (pairwise)", |c| prf(&c.statements)),
    ("non-quotes taken as quotes", |c| {
        pct(c.not_quotes_taken, c.not_quotes)
    }),
    ("junk entities (share of rows)", |c| {
        pct(c.junk_entities, c.entity_rows)
    }),
    ("answer mentions not in the clean text", |c| {
        c.unplaced.to_string()
    }),
];
