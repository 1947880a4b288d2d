//! Scoring one run's reports against the answers of the events it holds.
//!
//! Every rule that turns reports and answers into a figure lives here; the
//! definitions are written out in the crate docs (`lib.rs`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::answers::{Answers, Mention, Status, Thread};
use crate::locate::{NotFound, Span, contains_words, locate, overlaps, words};
use crate::reports::{EntityRow, MentionRow, Reports};

/// A thread's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Right,
    Partly,
    Wrong,
    Missed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Partly => "partly",
            Verdict::Wrong => "wrong",
            Verdict::Missed => "missed",
        }
    }
}

/// What became of one thread.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadScore {
    pub id: String,
    pub what: String,
    pub verdict: Verdict,
    /// The fact holding most of the thread's mentions.
    pub fact_id: Option<String>,
    /// Mentions of the thread in that fact, and in all.
    pub found: usize,
    pub total: usize,
    pub status_got: String,
    pub status_want: String,
    pub best_got: String,
    pub best_want: String,
    /// Why the verdict is not `right`, one reason a phrase.
    pub reasons: Vec<String>,
}

/// Pairwise agreement of a clustering with the answers' clustering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Pairs {
    /// Pairs together in both.
    pub both: usize,
    /// Pairs together in the reports only.
    pub extra: usize,
    /// Pairs together in the answers only.
    pub missing: usize,
}

impl Pairs {
    /// Counts over every pair of `items` (answer key, report key); a `None` report key
    /// is a cluster of its own.
    pub fn count<T: PartialEq, P: PartialEq>(items: &[(T, Option<P>)]) -> Pairs {
        let mut p = Pairs::default();
        for (i, (ti, pi)) in items.iter().enumerate() {
            for (tj, pj) in &items[i + 1..] {
                let truth = ti == tj;
                let pred = pi.is_some() && pi == pj;
                match (truth, pred) {
                    (true, true) => p.both += 1,
                    (false, true) => p.extra += 1,
                    (true, false) => p.missing += 1,
                    (false, false) => {}
                }
            }
        }
        p
    }

    pub fn add(&mut self, o: Pairs) {
        self.both += o.both;
        self.extra += o.extra;
        self.missing += o.missing;
    }

    /// Precision, recall and F1; a measure with nothing to count is 1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.both, self.both + self.extra);
        let r = ratio(self.both, self.both + self.missing);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// `n / d`, or 1 when there is nothing to count.
pub fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Counts of one run, or of one event within it. Every field adds up across events.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub threads: usize,
    pub right: usize,
    pub partly: usize,
    pub wrong: usize,
    pub missed: usize,
    pub conflict_rows: usize,
    pub spurious_conflicts: usize,
    pub stories: Pairs,
    /// Articles whose story holds an article of another event.
    pub cross_event_articles: usize,
    pub copies: Pairs,
    pub corrections: usize,
    pub corrections_flagged: usize,
    /// Thread mentions flagged as corrected that the answers do not correct.
    pub false_corrections: usize,
    pub variants: usize,
    pub variants_flagged: usize,
    pub distinct_pairs: usize,
    pub wrong_merges: usize,
    pub quotes: usize,
    pub quotes_found: usize,
    pub speakers_right: usize,
    pub statements: Pairs,
    pub not_quotes: usize,
    pub not_quotes_taken: usize,
    pub entity_rows: usize,
    pub junk_entities: usize,
    /// Excluded mentions (personal, clock, part, ...) inside their thread's fact.
    pub intrusions: usize,
    /// Threads whose best estimate came from such a mention.
    pub best_from_excluded: usize,
    /// Answer mentions that could not be placed in the clean text.
    pub unplaced: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        macro_rules! sum {
            ($($f:ident),*) => { $( self.$f += o.$f; )* };
        }
        sum!(
            threads,
            right,
            partly,
            wrong,
            missed,
            conflict_rows,
            spurious_conflicts,
            cross_event_articles,
            corrections,
            corrections_flagged,
            false_corrections,
            variants,
            variants_flagged,
            distinct_pairs,
            wrong_merges,
            quotes,
            quotes_found,
            speakers_right,
            not_quotes,
            not_quotes_taken,
            entity_rows,
            junk_entities,
            intrusions,
            best_from_excluded,
            unplaced
        );
        self.stories.add(o.stories);
        self.copies.add(o.copies);
        self.statements.add(o.statements);
    }
}

/// One event's score in one run.
#[derive(Debug, Clone, Serialize)]
pub struct EventScore {
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub locked: bool,
    pub counts: Counts,
    pub threads: Vec<ThreadScore>,
    /// The conflict rows that match no disagreement of the answers.
    pub spurious: Vec<String>,
    /// Entity rows that match no entity of the answers.
    pub junk: Vec<String>,
    /// Answer mentions that could not be placed, and why.
    pub unplaced: Vec<String>,
}

/// A run holding one or more events; `prefix` is what the run's source ids put before
/// an answer's file name (`""`, or `<slug>/` when every event shares one folder).
pub struct Run<'a> {
    pub reports: &'a Reports,
    pub events: Vec<(&'a Answers, String)>,
    by_source: HashMap<&'a str, Vec<&'a MentionRow>>,
}

impl<'a> Run<'a> {
    pub fn new(reports: &'a Reports, events: Vec<(&'a Answers, String)>) -> Run<'a> {
        let mut by_source: HashMap<&str, Vec<&MentionRow>> = HashMap::new();
        for m in &reports.mentions {
            by_source.entry(m.source_id.as_str()).or_default().push(m);
        }
        Run {
            reports,
            events,
            by_source,
        }
    }

    /// Scores every event of the run, and the run-wide pairs (stories, copies) and
    /// conflicts between events.
    pub fn score(&self) -> (Vec<EventScore>, Counts) {
        let events: Vec<EventScore> = self
            .events
            .iter()
            .map(|(a, prefix)| self.event(a, prefix))
            .collect();
        let mut run = Counts::default();
        for e in &events {
            run.add(&e.counts);
        }
        // Pairs across events, and conflicts between two events' sources.
        let (stories, copies, cross) = self.pairs(None);
        run.stories = stories;
        run.copies = copies;
        run.cross_event_articles = cross;
        let between = self
            .reports
            .conflicts
            .iter()
            .filter(|c| {
                self.event_of(&c.source_a).is_some()
                    && self.event_of(&c.source_a) != self.event_of(&c.source_b)
            })
            .count();
        run.conflict_rows += between;
        run.spurious_conflicts += between;
        (events, run)
    }

    /// The index of the event a source id belongs to.
    fn event_of(&self, source_id: &str) -> Option<usize> {
        self.events.iter().position(|(_, prefix)| {
            source_id
                .strip_prefix(prefix.as_str())
                .is_some_and(|file| !file.contains('/'))
        })
    }

    /// Story and copy pairs over the run's ok sources (`only`: one event's sources),
    /// and the number of articles sharing a story with another event's article.
    fn pairs(&self, only: Option<usize>) -> (Pairs, Pairs, usize) {
        let mut stories = Vec::new();
        let mut copies = Vec::new();
        let mut story_events: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut ok = Vec::new();
        for s in self.reports.sources.iter().filter(|s| s.status == "ok") {
            let Some(ev) = self.event_of(&s.source_id) else {
                continue;
            };
            if only.is_some_and(|o| o != ev) {
                continue;
            }
            let (answers, prefix) = &self.events[ev];
            let file = &s.source_id[prefix.len()..];
            let nonempty = |v: &str| (!v.is_empty()).then(|| v.to_string());
            stories.push(((ev, answers.story_of(file)), nonempty(&s.story_id)));
            let truth_group = answers
                .copy_group_of(file)
                .map_or(Err(s.source_id.clone()), |g| Ok((ev, g)));
            copies.push((truth_group, nonempty(&s.group_id)));
            story_events
                .entry(s.story_id.as_str())
                .or_default()
                .push(ev);
            ok.push((s.story_id.as_str(), ev));
        }
        let cross = ok
            .iter()
            .filter(|(story, ev)| story_events[story].iter().any(|e| e != ev))
            .count();
        (Pairs::count(&stories), Pairs::count(&copies), cross)
    }

    /// Where an answer's mention stands: its source id and span.
    fn place(&self, prefix: &str, m: &Mention) -> Result<(String, Span), NotFound> {
        let id = format!("{prefix}{}", m.source);
        let text = self.reports.texts.get(&id).ok_or(NotFound::NoText)?;
        locate(text, m).map(|span| (id, span))
    }

    /// The fact-mention rows of a placed mention.
    fn rows(&self, placed: &(String, Span)) -> Vec<&'a MentionRow> {
        self.by_source
            .get(placed.0.as_str())
            .map(|rows| {
                rows.iter()
                    .copied()
                    .filter(|r| overlaps((r.start, r.end), placed.1))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn event(&self, answers: &Answers, prefix: &str) -> EventScore {
        let ev = self
            .events
            .iter()
            .position(|(a, _)| std::ptr::eq(*a, answers));
        let mut c = Counts::default();
        let mut unplaced = Vec::new();
        let mut place = |m: &Mention| match self.place(prefix, m) {
            Ok(p) => Some(p),
            Err(why) => {
                unplaced.push(format!(
                    "{}: `{}` ({why:?})",
                    m.source,
                    m.context.as_deref().unwrap_or(&m.text)
                ));
                None
            }
        };
        // Threads.
        let placed_threads: Vec<Vec<Option<(String, Span)>>> = answers
            .threads
            .iter()
            .map(|t| t.mentions.iter().map(&mut place).collect())
            .collect();
        let mut threads = Vec::new();
        for (i, t) in answers.threads.iter().enumerate() {
            let excluded: Vec<(Option<(String, Span)>, String)> = t
                .exclude
                .iter()
                .map(|m| (place(m), m.why.clone().unwrap_or_default()))
                .collect();
            let others: Vec<(Option<(String, Span)>, String)> = placed_threads
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .flat_map(|(j, ms)| {
                    ms.iter()
                        .map(move |m| (m.clone(), format!("thread {}", answers.threads[j].id)))
                })
                .filter(|(m, _)| !placed_threads[i].contains(m))
                .collect();
            let score = self.thread(t, &placed_threads[i], &excluded, &others, &mut c);
            threads.push(score);
        }
        // Corrections.
        for (ti, t) in answers.threads.iter().enumerate() {
            for m in &t.corrected {
                c.corrections += 1;
                if let Some(p) = place(m)
                    && self.rows(&p).iter().any(|r| r.flagged())
                {
                    c.corrections_flagged += 1;
                }
            }
            for (m, p) in t.mentions.iter().zip(&placed_threads[ti]) {
                let corrected = t
                    .corrected
                    .iter()
                    .any(|k| k.source == m.source && k.text == m.text && k.context == m.context);
                if !corrected
                    && p.as_ref()
                        .is_some_and(|p| self.rows(p).iter().any(|r| r.flagged()))
                {
                    c.false_corrections += 1;
                }
            }
        }
        // Conflicts of this event's sources (between events: counted for the run).
        let mut spurious = Vec::new();
        for row in &self.reports.conflicts {
            let (Some(ea), Some(eb)) = (self.event_of(&row.source_a), self.event_of(&row.source_b))
            else {
                continue;
            };
            if Some(ea) != ev || ea != eb {
                continue;
            }
            c.conflict_rows += 1;
            if !genuine(answers, prefix, row) {
                c.spurious_conflicts += 1;
                spurious.push(format!(
                    "{} {}: {} `{}` / {} `{}`",
                    row.kind, row.subject, row.source_a, row.value_a, row.source_b, row.value_b
                ));
            }
        }
        // Stories and copies of this event alone.
        if let Some(ev) = ev {
            let (stories, copies, _) = self.pairs(Some(ev));
            c.stories = stories;
            c.copies = copies;
        }
        // Entities: variants, merges and junk.
        let rows: Vec<&EntityRow> = self
            .reports
            .entities
            .iter()
            .filter(|e| {
                self.events.len() == 1 || e.source_ids.split("; ").any(|s| self.event_of(s) == ev)
            })
            .collect();
        for v in &answers.variants {
            c.variants += 1;
            let form = words(&v.form);
            let canonical = answers.entity_forms(v);
            let flagged = rows.iter().any(|r| {
                r.variant_forms().iter().any(|f| words(f).ends_with(&form))
                    && r.forms()
                        .iter()
                        .any(|f| canonical.iter().any(|e| same_name(&words(f), e)))
            });
            if flagged {
                c.variants_flagged += 1;
            }
        }
        for d in &answers.distinct {
            let names: Vec<Vec<String>> = d.names.iter().map(|n| words(n)).collect();
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    c.distinct_pairs += 1;
                    let merged = rows.iter().any(|r| {
                        let forms: Vec<Vec<String>> = r
                            .forms()
                            .into_iter()
                            .chain(r.variant_forms())
                            .map(words)
                            .collect();
                        forms.iter().any(|f| f == a) && forms.iter().any(|f| f == b)
                    });
                    if merged {
                        c.wrong_merges += 1;
                    }
                }
            }
        }
        let known: Vec<Vec<String>> = answers
            .entities
            .iter()
            .flat_map(|e| e.forms())
            .map(words)
            .collect();
        let mut junk = Vec::new();
        for r in &rows {
            c.entity_rows += 1;
            let real = r.forms().iter().any(|f| {
                let f = words(f);
                known.iter().any(|k| names_entity(&f, k))
            });
            if !real {
                c.junk_entities += 1;
                junk.push(format!("{} ({})", r.name, r.kind));
            }
        }
        // Quotes.
        let mut statements = Vec::new();
        for (qi, q) in answers.quotes.iter().enumerate() {
            let forms: Vec<Vec<String>> = q.speaker_forms().map(words).collect();
            for m in &q.mentions {
                c.quotes += 1;
                let Some((id, span)) = place(m) else { continue };
                let best = self
                    .reports
                    .quotes
                    .iter()
                    .filter(|r| r.source_id == id && overlaps((r.start, r.end), span))
                    .max_by_key(|r| r.end.min(span.1) - r.start.max(span.0));
                if let Some(row) = best {
                    c.quotes_found += 1;
                    if speaker_matches(&words(&row.speaker), &forms) {
                        c.speakers_right += 1;
                    }
                    statements.push((qi, Some(row.quote_id.clone())));
                }
            }
        }
        c.statements = Pairs::count(&statements);
        for m in &answers.not_quotes {
            c.not_quotes += 1;
            if let Some((id, span)) = place(m)
                && self
                    .reports
                    .quotes
                    .iter()
                    .any(|r| r.source_id == id && overlaps((r.start, r.end), span))
            {
                c.not_quotes_taken += 1;
            }
        }
        for t in &threads {
            c.threads += 1;
            match t.verdict {
                Verdict::Right => c.right += 1,
                Verdict::Partly => c.partly += 1,
                Verdict::Wrong => c.wrong += 1,
                Verdict::Missed => c.missed += 1,
            }
        }
        unplaced.sort();
        unplaced.dedup();
        c.unplaced = unplaced.len();
        EventScore {
            slug: answers.slug.clone(),
            title: answers.event.title.clone(),
            kind: answers.event.kind.clone(),
            locked: answers.event.locked,
            counts: c,
            threads,
            spurious,
            junk,
            unplaced,
        }
    }

    /// The verdict of one thread (rules in the crate docs).
    fn thread(
        &self,
        t: &Thread,
        placed: &[Option<(String, Span)>],
        excluded: &[(Option<(String, Span)>, String)],
        others: &[(Option<(String, Span)>, String)],
        c: &mut Counts,
    ) -> ThreadScore {
        let truth = t.truth();
        let mut per_fact: BTreeMap<&str, usize> = BTreeMap::new();
        let mut own_rows: Vec<&MentionRow> = Vec::new();
        for p in placed.iter().flatten() {
            let rows = self.rows(p);
            let mut facts: Vec<&str> = rows
                .iter()
                .map(|r| r.fact_id.as_str())
                .filter(|f| !f.is_empty())
                .collect();
            facts.sort_unstable();
            facts.dedup();
            for f in facts {
                *per_fact.entry(f).or_default() += 1;
            }
            own_rows.extend(rows);
        }
        let best_of = |fact: &str| {
            self.reports
                .fact(fact)
                .and_then(|f| report::table::parse_best_estimate(&f.best_estimate))
        };
        let main = per_fact
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| {
                        let holds =
                            |f: &str| truth.zip(best_of(f)).is_some_and(|(t, b)| meets(b, t));
                        holds(a.0).cmp(&holds(b.0))
                    })
                    .then_with(|| natural(b.0).cmp(&natural(a.0)))
            })
            .map(|(f, n)| (f.to_string(), *n));
        let best_want = match truth {
            Some((lo, Some(hi))) if lo == hi => num(lo),
            Some((lo, Some(hi))) => format!("{}-{}", num(lo), num(hi)),
            Some((lo, None)) => format!("{}+", num(lo)),
            None => String::new(),
        };
        let mut score = ThreadScore {
            id: t.id.clone(),
            what: t.what.clone(),
            verdict: Verdict::Missed,
            fact_id: None,
            found: 0,
            total: t.mentions.len(),
            status_got: String::new(),
            status_want: t.status.as_str().to_string(),
            best_got: String::new(),
            best_want,
            reasons: Vec::new(),
        };
        let Some((fact_id, found)) = main else {
            score.reasons.push("no mention in any fact".into());
            return score;
        };
        let fact = self.reports.fact(&fact_id).cloned().unwrap_or_default();
        score.fact_id = Some(fact_id.clone());
        score.found = found;
        score.status_got = fact.status.clone();
        score.best_got = fact.best_estimate.clone();
        let mut wrong = Vec::new();
        let mut partly = Vec::new();
        // Status: a conflict where there is none (or none where there is) is wrong.
        let got_conflict = fact.status == Status::Conflict.as_str();
        if got_conflict != (t.status == Status::Conflict) {
            wrong.push(format!(
                "status {} (want {})",
                fact.status,
                t.status.as_str()
            ));
        } else if fact.status != t.status.as_str() {
            partly.push(format!(
                "status {} (want {})",
                fact.status,
                t.status.as_str()
            ));
        }
        // The best estimate against the value a fact-checker signs.
        let best = best_of(&fact_id);
        if let Some(truth) = truth {
            match best {
                None => wrong.push("no best estimate".into()),
                Some(b) if !meets(b, truth) => wrong.push(format!(
                    "best {} (want {})",
                    fact.best_estimate, score.best_want
                )),
                Some(b) if imprecise(b, truth) => {
                    partly.push(format!("best {} too wide", fact.best_estimate))
                }
                Some(_) => {}
            }
        }
        // Mentions that must stay out, and mentions of other threads.
        let in_main = |p: &Option<(String, Span)>| {
            p.as_ref()
                .is_some_and(|p| self.rows(p).iter().any(|r| r.fact_id == fact_id))
        };
        let mut intruders: Vec<(&str, Vec<Interval>)> = Vec::new();
        for (p, why) in excluded.iter().chain(others) {
            if in_main(p) {
                let intervals = p
                    .as_ref()
                    .map(|p| {
                        self.rows(p)
                            .iter()
                            .filter(|r| r.fact_id == fact_id)
                            .filter_map(|r| r.interval())
                            .collect()
                    })
                    .unwrap_or_default();
                intruders.push((why.as_str(), intervals));
            }
        }
        let n_excluded = excluded.iter().filter(|(p, _)| in_main(p)).count();
        c.intrusions += n_excluded;
        if !intruders.is_empty() {
            let mut whys: Vec<&str> = intruders.iter().map(|(w, _)| *w).collect();
            whys.sort_unstable();
            whys.dedup();
            partly.push(format!(
                "holds {} mention(s) kept out ({})",
                intruders.len(),
                whys.join(", ")
            ));
            // A best estimate that only an intruder gives came from it.
            if let Some(b) = best {
                let own: Vec<Interval> = own_rows
                    .iter()
                    .filter(|r| r.fact_id == fact_id)
                    .filter_map(|r| r.interval())
                    .collect();
                let from_intruder = intruders
                    .iter()
                    .any(|(_, iv)| iv.iter().any(|i| same_interval(*i, b)))
                    && !own.iter().any(|i| same_interval(*i, b));
                if from_intruder {
                    c.best_from_excluded += 1;
                    wrong.push("best estimate from a mention kept out".into());
                }
            }
        }
        if found * 5 < t.mentions.len() * 4 {
            partly.push(format!(
                "{found} of {} mentions in the fact",
                t.mentions.len()
            ));
        }
        // Withdrawn figures must be flagged.
        let unflagged = t
            .corrected
            .iter()
            .filter(|m| {
                let p = placed.iter().zip(&t.mentions).find(|(_, k)| {
                    k.source == m.source && k.text == m.text && k.context == m.context
                });
                !p.and_then(|(p, _)| p.as_ref())
                    .is_some_and(|p| self.rows(p).iter().any(|r| r.flagged()))
            })
            .count();
        if unflagged > 0 {
            partly.push(format!(
                "{unflagged} of {} corrected mention(s) not flagged",
                t.corrected.len()
            ));
        }
        if let Some(want) = &t.as_of
            && fact.as_of != *want
        {
            partly.push(format!(
                "as of {} (want {want})",
                if fact.as_of.is_empty() {
                    "—"
                } else {
                    &fact.as_of
                }
            ));
        }
        score.verdict = if !wrong.is_empty() {
            Verdict::Wrong
        } else if !partly.is_empty() {
            Verdict::Partly
        } else {
            Verdict::Right
        };
        score.reasons = wrong.into_iter().chain(partly).collect();
        score
    }
}

/// Whether a conflict row of the reports is a disagreement the answers declare.
fn genuine(answers: &Answers, prefix: &str, row: &crate::reports::ConflictRow) -> bool {
    let side = |source: &str, value: &str, ms: &[Mention]| {
        let v = words(value);
        ms.iter().any(|m| {
            let t = words(&m.text);
            format!("{prefix}{}", m.source) == source
                && (contains_words(&v, &t) || contains_words(&t, &v))
        })
    };
    match row.kind.as_str() {
        "name" => answers.variants.iter().any(|v| {
            let form = words(&v.form);
            let forms = answers.entity_forms(v);
            let is_form = |value: &str| contains_words(&words(value), &form);
            let is_entity = |value: &str| forms.iter().any(|f| contains_words(&words(value), f));
            (is_form(&row.value_a) && is_entity(&row.value_b))
                || (is_form(&row.value_b) && is_entity(&row.value_a))
        }),
        kind => answers
            .conflicts
            .iter()
            .filter(|c| c.kind == kind)
            .any(|c| {
                (side(&row.source_a, &row.value_a, &c.a) && side(&row.source_b, &row.value_b, &c.b))
                    || (side(&row.source_a, &row.value_a, &c.b)
                        && side(&row.source_b, &row.value_b, &c.a))
            }),
    }
}

/// An entity row's form names a listed entity: the same words, a run at the start or
/// end of the listed form (`Doe` for `Jane Doe`), or the listed form at the end of the
/// row's (`President Jane Doe`).
fn names_entity(row: &[String], known: &[String]) -> bool {
    if row.is_empty() || known.is_empty() {
        return false;
    }
    row == known || known.starts_with(row) || known.ends_with(row) || row.ends_with(known)
}

/// Two names are one: equal, or one a run of the other's words.
fn same_name(a: &[String], b: &[String]) -> bool {
    contains_words(a, b) || contains_words(b, a)
}

/// The speaker of a quote row is the answer's: the same words, or a shorter or
/// longer form ending in the same surname (`Doe`, `Ms Doe`, `President Jane Doe`).
fn speaker_matches(row: &[String], forms: &[Vec<String>]) -> bool {
    !row.is_empty()
        && forms.iter().any(|f| {
            row == f.as_slice()
                || (row.last() == f.last()
                    && (contains_words(f, row) || contains_words(row, f) || row.len() <= 3))
        })
}

/// A closed interval `(low, high)`; no high is open above.
type Interval = (f64, Option<f64>);

const EPS: f64 = 1e-6;

/// Whether a best estimate `(low, high)` meets the true interval (they overlap; an
/// absent high is open).
fn meets(best: Interval, truth: Interval) -> bool {
    let tol = |v: f64| v.abs() * 0.005 + EPS;
    let best_high_ok = best.1.is_none_or(|bh| bh + tol(bh) >= truth.0);
    let truth_high_ok = truth.1.is_none_or(|th| th + tol(th) >= best.0);
    best_high_ok && truth_high_ok
}

/// A best estimate is too wide to sign for an exact truth: open above, or a range
/// whose high is more than 1.5 times its low.
fn imprecise(best: Interval, truth: Interval) -> bool {
    let exact = truth.1.is_some_and(|h| (h - truth.0).abs() < EPS);
    match best.1 {
        None => truth.1.is_some(),
        Some(h) => exact && h > best.0 * 1.5 + EPS,
    }
}

fn same_interval(a: Interval, b: Interval) -> bool {
    (a.0 - b.0).abs() < EPS
        && match (a.1, b.1) {
            (Some(x), Some(y)) => (x - y).abs() < EPS,
            (None, None) => true,
            _ => false,
        }
}

/// `F12` after `F2`.
fn natural(id: &str) -> (usize, &str) {
    (id.len(), id)
}

fn num(v: f64) -> String {
    report::format_number(v)
}

#[cfg(test)]
mod tests;
