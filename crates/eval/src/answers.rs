//! The fact-checker's answers for one event (`answers/<event>.toml`), as written by
//! the team; the format is documented in the crate's README.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// Everything the answers say about one event.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// The event's slug: its folder name under `corpus/` (set from the file name).
    #[serde(skip_deserializing)]
    pub slug: String,
    pub event: Event,
    /// Stories of the folder; none means every article is about the one event.
    #[serde(default, rename = "story")]
    pub stories: Vec<Story>,
    /// Sources that share one origin.
    #[serde(default, rename = "copy_group")]
    pub copy_groups: Vec<CopyGroup>,
    #[serde(default, rename = "thread")]
    pub threads: Vec<Thread>,
    #[serde(default, rename = "conflict")]
    pub conflicts: Vec<ConflictAnswer>,
    #[serde(default, rename = "entity")]
    pub entities: Vec<Entity>,
    /// Outlets and agencies that only report the story.
    #[serde(default)]
    pub coverage: Vec<String>,
    #[serde(default, rename = "variant")]
    pub variants: Vec<Variant>,
    #[serde(default, rename = "distinct")]
    pub distinct: Vec<Distinct>,
    #[serde(default, rename = "quote")]
    pub quotes: Vec<QuoteAnswer>,
    /// Quoted words that are not statements.
    #[serde(default)]
    pub not_quotes: Vec<Mention>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub title: String,
    pub kind: String,
    /// The locked part: only its totals are ever reported.
    #[serde(default)]
    pub locked: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CopyGroup {
    pub sources: Vec<String>,
    #[serde(default)]
    pub how: String,
}

/// One place in one article: a figure, a name or a few words of a quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    /// File name inside the event folder.
    pub source: String,
    /// The words as written.
    pub text: String,
    /// A longer run of the sentence, containing `text`, that occurs once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// For a corrected mention: `retracted`, `denied`, `corrected` or `superseded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// For an excluded mention: why it stays out of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Expected status of a thread, as `facts.csv` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Agreed,
    Consistent,
    Updated,
    Conflict,
    Single,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Agreed => "agreed",
            Status::Consistent => "consistent",
            Status::Updated => "updated",
            Status::Conflict => "conflict",
            Status::Single => "single",
        }
    }
}

/// One fact a fact-checker writes down, with every mention of it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thread {
    pub id: String,
    pub what: String,
    pub kind: String,
    pub status: Status,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub part_of: Option<String>,
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub corrected: Vec<Mention>,
    #[serde(default)]
    pub exclude: Vec<Mention>,
}

impl Thread {
    /// The interval a right best estimate must meet: `value`, or `low`..`high`
    /// (`high` absent: open above); `None` when the answers sign no value.
    pub fn truth(&self) -> Option<(f64, Option<f64>)> {
        match (self.value, self.low, self.high) {
            (Some(v), _, _) => Some((v, Some(v))),
            (None, Some(lo), hi) => Some((lo, hi)),
            (None, None, Some(hi)) => Some((0.0, Some(hi))),
            (None, None, None) => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictAnswer {
    /// `number`, `quote`, `date` (a `name` conflict is a declared variant).
    pub kind: String,
    #[serde(default)]
    pub thread: Option<String>,
    pub a: Vec<Mention>,
    pub b: Vec<Mention>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Entity {
    /// The name and every alias.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The majority or correct form.
    pub entity: String,
    /// The deviant form as written.
    pub form: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Distinct {
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteAnswer {
    pub speaker: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
}

impl QuoteAnswer {
    pub fn speaker_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.speaker.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

impl Answers {
    /// Reads `answers/<slug>.toml`, checking that every source it names is a file of
    /// `corpus_dir` and every thread it refers to exists.
    pub fn load(path: &Path, corpus_dir: &Path) -> Result<Answers> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut answers: Answers = toml::from_str(&text)
            .with_context(|| format!("{} is not valid answers", path.display()))?;
        answers.slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .with_context(|| format!("{}: no file name", path.display()))?
            .to_string();
        answers
            .check(corpus_dir)
            .with_context(|| format!("{}", path.display()))?;
        Ok(answers)
    }

    /// Every mention of the answers, with where it is used (for the checks).
    fn all_mentions(&self) -> Vec<&Mention> {
        let mut all = Vec::new();
        for t in &self.threads {
            all.extend(t.mentions.iter().chain(&t.corrected).chain(&t.exclude));
        }
        for c in &self.conflicts {
            all.extend(c.a.iter().chain(&c.b));
        }
        for q in &self.quotes {
            all.extend(&q.mentions);
        }
        all.extend(&self.not_quotes);
        all
    }

    fn check(&self, corpus_dir: &Path) -> Result<()> {
        let files: BTreeSet<String> = std::fs::read_dir(corpus_dir)
            .with_context(|| format!("cannot list {}", corpus_dir.display()))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        let known = |s: &str| -> Result<()> {
            if files.contains(s) {
                Ok(())
            } else {
                bail!("source `{s}` is not a file of {}", corpus_dir.display())
            }
        };
        for m in self.all_mentions() {
            known(&m.source)?;
            if let Some(ctx) = &m.context
                && !ctx.contains(&m.text)
            {
                bail!(
                    "{}: context `{ctx}` does not contain `{}`",
                    m.source,
                    m.text
                );
            }
        }
        for s in self
            .stories
            .iter()
            .flat_map(|s| &s.sources)
            .chain(self.copy_groups.iter().flat_map(|g| &g.sources))
        {
            known(s)?;
        }
        for s in self.variants.iter().flat_map(|v| &v.sources) {
            known(s)?;
        }
        let ids: BTreeSet<&str> = self.threads.iter().map(|t| t.id.as_str()).collect();
        if ids.len() != self.threads.len() {
            bail!("two threads share an id");
        }
        for t in &self.threads {
            if let Some(p) = &t.part_of
                && !ids.contains(p.as_str())
            {
                bail!("thread `{}` is part of `{p}`, which is no thread", t.id);
            }
            for c in &t.corrected {
                if !t
                    .mentions
                    .iter()
                    .any(|m| m.source == c.source && m.text == c.text && m.context == c.context)
                {
                    bail!(
                        "thread `{}`: corrected mention `{}` in {} is not among its mentions",
                        t.id,
                        c.text,
                        c.source
                    );
                }
                match c.shape.as_deref() {
                    Some("retracted" | "denied" | "corrected" | "superseded") => {}
                    other => bail!(
                        "thread `{}`: corrected mention `{}` has shape {other:?}",
                        t.id,
                        c.text
                    ),
                }
            }
        }
        for c in &self.conflicts {
            if let Some(t) = &c.thread
                && !ids.contains(t.as_str())
            {
                bail!("a conflict names thread `{t}`, which is no thread");
            }
        }
        Ok(())
    }

    /// The story of every article, as an index per file (all one story when the
    /// answers list none).
    pub fn story_of(&self, file: &str) -> usize {
        self.stories
            .iter()
            .position(|s| s.sources.iter().any(|f| f == file))
            .unwrap_or(0)
    }

    /// The right forms of a variant's entity, as words: its name and every alias of the
    /// entity the answers list under that name, the deviant form left out.
    pub fn entity_forms(&self, v: &Variant) -> Vec<Vec<String>> {
        let form = crate::locate::words(&v.form);
        self.entities
            .iter()
            .filter(|e| e.name == v.entity)
            .flat_map(|e| e.forms())
            .chain([v.entity.as_str()])
            .map(crate::locate::words)
            .filter(|w| *w != form)
            .collect()
    }

    /// The copy group of a file, if it shares an origin with others.
    pub fn copy_group_of(&self, file: &str) -> Option<usize> {
        self.copy_groups
            .iter()
            .position(|g| g.sources.iter().any(|f| f == file))
    }
}

/// Loads every `answers/*.toml` of `eval_dir` (the eval crate's folder), in name order,
/// each checked against its folder `corpus/<slug>/`.
pub fn load_all(eval_dir: &Path) -> Result<Vec<Answers>> {
    let answers_dir = eval_dir.join("answers");
    let mut paths: Vec<_> = std::fs::read_dir(&answers_dir)
        .with_context(|| format!("cannot list {}", answers_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut all = Vec::new();
    for path in paths {
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        all.push(Answers::load(&path, &eval_dir.join("corpus").join(&slug))?);
    }
    if all.is_empty() {
        bail!("no answers in {}", answers_dir.display());
    }
    Ok(all)
}
