//! The records that the stages of corroborate exchange, and nothing else.
//!
//! Every type in this crate is serialized to the intermediate files under
//! `out/<pipeline>/<stage>/` and read back by the next stage: this crate *is* the
//! wire format, and each field is documented as part of that contract. Stage-internal
//! types stay inside their stage crate.
//!
//! The pipeline is `ingest -> normalize -> extract -> reconcile -> report`:
//! - ingest reads input files and writes one [`RawDocument`] per source,
//! - normalize turns each into a [`CleanDocument`] (and writes `text/<source_id>.txt`),
//! - extract finds mentions and writes one [`Extraction`] per source,
//! - reconcile reads all extractions and writes one [`Reconciled`],
//! - report turns [`Reconciled`] into the CSV files users open.
//!
//! Next to the per-source files, each stage writes a [`Manifest`] listing every source
//! it was given and what became of it, so a source that failed early still reaches
//! `sources.csv` and `errors.csv` at the end.
//!
//! Offsets (`start`, `end`) always count Unicode scalar values (Rust `char`s) into
//! the clean text of the source (`CleanDocument::text`, the content of
//! `text/<source_id>.txt`), end exclusive. [`char_slice`] cuts such a span.

use serde::{Deserialize, Serialize};

pub mod chars;
pub mod date;
pub mod settings;

/// Version of the intermediate format. Bump it when a record changes shape, so that
/// caches written by an older build are not read back.
pub const FORMAT_VERSION: u32 = 1;

/// File name of the manifest inside each stage folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The list of sources a stage was given and what became of each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Stage that wrote this manifest (`ingest`, `normalize`, `extract`).
    pub stage: String,
    /// [`FORMAT_VERSION`] of the build that wrote it.
    pub format_version: u32,
    /// One entry per source (or per input file that could not become a source),
    /// sorted by `source_id`.
    pub entries: Vec<SourceEntry>,
    /// Every problem met so far, this stage's and the earlier stages' (a stage copies
    /// its input manifest's diagnostics and adds its own).
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// What happened to one source in the stages so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Path of the source relative to the input folder, `/`-separated. Containers
    /// holding several articles (JSON arrays, JSONL, WARC) add `#<n>`, the 1-based
    /// position of the article in the file.
    pub source_id: String,
    /// Path of the input file relative to the input folder (equal to `source_id`
    /// for one-article files).
    pub file: String,
    /// blake3 hex digest of the bytes of this source, when they could be read.
    pub content_hash: Option<String>,
    /// Outcome so far.
    pub status: SourceStatus,
}

/// Outcome of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SourceStatus {
    /// Processed; the stage wrote its record for it.
    Ok,
    /// Byte-identical (after decoding) to an earlier source, which is processed instead.
    Duplicate {
        /// `source_id` of the source it duplicates.
        of: String,
    },
    /// Failed in `stage` for `reason`; later stages skip it.
    Error {
        /// Stage that failed (`ingest`, `normalize`, ...).
        stage: String,
        /// Human-readable reason, naming what was wrong (no trailing period).
        reason: String,
    },
}

impl SourceStatus {
    /// The `sources.csv` wording: `ok`, `duplicate of <id>`, `error: <reason>`.
    pub fn label(&self) -> String {
        match self {
            SourceStatus::Ok => "ok".to_string(),
            SourceStatus::Duplicate { of } => format!("duplicate of {of}"),
            SourceStatus::Error { reason, .. } => format!("error: {reason}"),
        }
    }
}

/// A problem met while processing, not tied to one record's success: a stage's
/// warning or failure, reported in `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Source concerned, or the file name for problems before a source exists.
    pub source_id: String,
    /// Stage that raised it.
    pub stage: String,
    /// What went wrong, naming the file and the reason.
    pub error: String,
}

/// Input format recognised by ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text: headline on the first line, paragraphs separated by blank lines.
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page; `RawDocument::content` holds the whole decoded page.
    Html,
    /// One article of a JSON or JSONL file; `content` holds its body field.
    Json,
    /// One HTML response record of a WARC archive; `content` holds the decoded HTML.
    Warc,
}

/// Article metadata, from the container (JSON fields, HTML meta tags) or the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// Publishing outlet (site name or publisher).
    pub outlet: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// Publication date or date-time as given, ISO 8601 where it could be read.
    pub published: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
}

/// One source as read from disk: decoded, hashed, typed. Written by ingest to
/// `ingest/<source_id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    /// See [`SourceEntry::source_id`].
    pub source_id: String,
    /// See [`SourceEntry::file`].
    pub file: String,
    /// Format the content is in.
    pub format: Format,
    /// Encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: String,
    /// How the encoding was decided (`byte-order mark`, `valid UTF-8`, `detected`, `declared`).
    pub encoding_reason: String,
    /// blake3 hex digest of the source's bytes.
    pub content_hash: String,
    /// Size of the source in bytes.
    pub bytes: u64,
    /// Byte offset in the input file where this source's bytes start (non-zero inside
    /// JSONL files and WARC archives).
    pub byte_offset: u64,
    /// Metadata known from the container.
    pub meta: Metadata,
    /// Decoded content: the whole text, the whole HTML page, or a JSON article's body.
    pub content: String,
}

/// Role of a block of clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The article's headline (first block of the text).
    Headline,
    /// A summary line under the headline.
    Standfirst,
    /// An in-body sub-heading.
    Heading,
    /// A body paragraph.
    Paragraph,
}

/// A block (headline, heading or paragraph) of the clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Char offset of the block in `CleanDocument::text`.
    pub start: usize,
    /// Char offset of the end of the block (exclusive).
    pub end: usize,
    /// Byte offset of the block's first line in the source's content
    /// (`RawDocument::content`, as UTF-8), when it maps back to one.
    pub content_byte: Option<usize>,
}

/// A sentence of the clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Char offset in `CleanDocument::text`.
    pub start: usize,
    /// Char offset of the end (exclusive), trailing spaces excluded.
    pub end: usize,
    /// Index of the block it belongs to in `CleanDocument::blocks`.
    pub block: usize,
}

/// A line or passage normalize left out of the clean text, kept so a reviewer can
/// check `text/` against the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text as it stood.
    pub text: String,
    /// Why (`image caption`, `share prompt`, `author bio`, ...).
    pub reason: String,
}

/// A source as clean, sentence-split text. Written by normalize to
/// `normalize/<source_id>.json`; `text` is also written to `text/<source_id>.txt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanDocument {
    /// See [`SourceEntry::source_id`].
    pub source_id: String,
    /// See [`SourceEntry::file`].
    pub file: String,
    /// blake3 digest of the source's bytes (from ingest).
    pub content_hash: String,
    /// Format of the source.
    pub format: Format,
    /// Metadata: the container's, completed from the text (title from the headline).
    pub meta: Metadata,
    /// The article's own date (ISO `YYYY-MM-DD`), from metadata, a dateline or the
    /// text; later stages anchor relative dates on it.
    pub date: Option<String>,
    /// The clean text: headline, then blocks separated by blank lines.
    pub text: String,
    /// Blocks in order; they cover the text but for the blank lines between them.
    pub blocks: Vec<Block>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// What was left out and why.
    pub removed: Vec<Removed>,
    /// Number of words in `text`.
    pub words: usize,
}

/// Kind of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, agency, ministry, party, alliance, outlet ...
    Organization,
    /// A country, city, region, facility ...
    Place,
    /// Anything else named (events, laws, programmes).
    Other,
}

impl EntityType {
    /// The `entities.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
            EntityType::Other => "other",
        }
    }
}

/// One mention of a named entity in one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// The surface text of the name as written (without title or possessive).
    pub text: String,
    /// Char offset of `text` in the clean text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Index of the sentence in `CleanDocument::sentences`.
    pub sentence: usize,
    /// Kind.
    pub kind: EntityType,
    /// The fullest form of the name this mention refers to within the source
    /// (a surname-only mention resolves to the full name seen elsewhere in the article).
    pub name: String,
    /// Title or role attached at this mention (`President`, `Foreign Minister`).
    pub role: Option<String>,
    /// For an acronym, its expansion in this source, and for an expansion, its acronym.
    pub acronym: Option<String>,
}

/// What sort of number a quantity mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A count of people or things (the only kind reconciled as a head count).
    Count,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A measure with a unit (distance, area, weight ...).
    Measure,
    /// Someone's age.
    Age,
    /// A calendar year.
    Year,
    /// A duration (`30 years`, `five-day`).
    Duration,
    /// Any other number.
    Other,
}

impl QuantityKind {
    /// The `facts.csv` wording: `count`, `percentage`, `money`, `measure` (and `age`,
    /// `year`, `duration`, `other` for kinds that never make a fact).
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Count => "count",
            QuantityKind::Percent => "percentage",
            QuantityKind::Money => "money",
            QuantityKind::Measure => "measure",
            QuantityKind::Age => "age",
            QuantityKind::Year => "year",
            QuantityKind::Duration => "duration",
            QuantityKind::Other => "other",
        }
    }
}

/// How a figure the text gives stopped standing. A flagged figure is shown but never
/// counts towards a fact's status or best estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// Withdrawn by whoever gave it (`the ministry later withdrew the figure`,
    /// `an earlier figure of 400 was later retracted`).
    Retracted,
    /// Disowned by whoever it was attributed to (`the agency denied ever giving a
    /// figure of 41`).
    Denied,
    /// Stated wrongly and put right (`an earlier version of this article misstated
    /// the amount as 32 million`, `police said 9 ...; they later said the figure was 7`).
    Corrected,
    /// Replaced by a newer figure of the same count (`revised down from 5.6 to 5.1`,
    /// `up from 21 this morning`): the old value held once, the new one holds now.
    Superseded,
}

impl Correction {
    /// The `fact_mentions.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            Correction::Retracted => "retracted",
            Correction::Denied => "denied",
            Correction::Corrected => "corrected",
            Correction::Superseded => "superseded",
        }
    }
}

/// The upper end of an interval that may be open: `f64::INFINITY` in memory (so that
/// comparisons and overlaps need no special case), `null` in JSON, which has no
/// infinity. Any other non-finite value is written `null` too and read back as open.
pub mod open_high {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes a finite bound as a number, an open one as `null`.
    pub fn serialize<S: Serializer>(high: &f64, s: S) -> Result<S::Ok, S::Error> {
        if high.is_finite() {
            s.serialize_some(high)
        } else {
            s.serialize_none()
        }
    }

    /// Reads a number, or `null` as an open bound.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
    }
}

/// One mention of a quantity in one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityMention {
    /// The surface text, qualifier included (`almost 8,000`, `several hundred`).
    pub text: String,
    /// Char offset of `text` in the clean text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// Sort of number.
    pub kind: QuantityKind,
    /// Lowest value the wording allows.
    pub low: f64,
    /// Highest value the wording allows: `f64::INFINITY` when the wording sets no
    /// upper bound (`at least 12`, `more than 300`), written `null` (see [`open_high`]).
    #[serde(with = "open_high")]
    pub high: f64,
    /// Whether the wording is exact (`7,939`) rather than vague or rounded.
    pub exact: bool,
    /// Unit (`km`, `%`, `USD`), for measures, money and percentages.
    pub unit: Option<String>,
    /// What is counted, normalised to a plural noun (`people`, `troops`, `children`);
    /// for a percentage, an amount of money or a measure, what it is of (`turnout`,
    /// `vote share`, `fine`, `revenue`, `magnitude`, `rainfall`, `wind speed`).
    pub counted: Option<String>,
    /// The class of the counted noun in the hierarchy of `extract`'s README (`people`
    /// for workers, voters or passengers; `security personnel` for police and troops;
    /// `homes`, `votes`, `seats`, `jobs`, `charges` ...).
    #[serde(default)]
    pub class: Option<String>,
    /// Whose figure it is, when a name says so: the candidate of a vote share
    /// (`Hasanova had 52.8%`), the party of seats won, the company of a revenue.
    #[serde(default)]
    pub holder: Option<String>,
    /// The event the count is about, normalised (`killed`, `detained`, `injured`, `deployed`).
    pub event: Option<String>,
    /// Who gives the figure (`Interior Ministry`), when the text says.
    pub attributed_to: Option<String>,
    /// The figure is hedged (`are believed to`, `reportedly`, `said to`).
    pub hedged: bool,
    /// The figure is negated (`not 100 people`).
    pub negated: bool,
    /// The figure is flagged as no longer standing: true whenever `correction` is set
    /// (kept so that consumers reading only this flag keep working).
    pub retracted: bool,
    /// How the figure stopped standing, when the text says so (see [`Correction`]).
    #[serde(default)]
    pub correction: Option<Correction>,
    /// Index (in this extraction's `quantities`) of the total this figure is part of
    /// (`including 16 security personnel`).
    pub part_of: Option<usize>,
    /// The date (ISO) the figure holds for, where the text or the article date tells it.
    pub as_of: Option<String>,
}

/// One mention of a date or time reference in one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Surface text (`Jan. 10`, `on Monday`, `last week`).
    pub text: String,
    /// Char offset in the clean text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// Resolved date, ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), when it can be.
    pub resolved: Option<String>,
    /// For a span (`last week`), the resolved last day.
    pub resolved_end: Option<String>,
    /// Whether the phrase is relative to the article's date.
    pub relative: bool,
}

/// Direct quotation or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words inside quotation marks presented as the speaker's own.
    Direct,
    /// Reported speech or an attributed claim (`X said that ...`).
    Indirect,
}

/// One quote in one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words (for direct quotes, inside the marks; for indirect, the clause).
    pub text: String,
    /// Char offset of `text` in the clean text.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The speaker's fullest name in this source (pronouns and surnames resolved).
    pub speaker: Option<String>,
    /// The speaker as written at the quote (`he`, `Mr Putin`, `the ministry`).
    pub speaker_text: Option<String>,
    /// The reporting verb or cue (`said`, `claimed`, `according to`).
    pub verb: Option<String>,
}

/// Everything extract found in one source. Written to `extract/<source_id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document the mentions point into (carried along so that reconcile reads
    /// only extract's files).
    pub document: CleanDocument,
    /// Named entities.
    pub entities: Vec<EntityMention>,
    /// Numbers.
    pub quantities: Vec<QuantityMention>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Quotes.
    pub quotes: Vec<Quote>,
}

/// One row of `sources.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    /// See [`SourceEntry::source_id`].
    pub source_id: String,
    /// See [`SourceEntry::file`].
    pub file: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet: the input's or the page's own name for it, else the host of its URL.
    pub outlet: Option<String>,
    /// Publication date (ISO `YYYY-MM-DD`) or the article's own date; none when
    /// neither reads as an ISO date.
    pub published: Option<String>,
    /// The time of day of `published`, where the input gives one, as written after
    /// its `T` (`08:00:00Z`).
    #[serde(default)]
    pub published_time: Option<String>,
    /// Words in the clean text.
    pub words: usize,
    /// Outcome.
    pub status: SourceStatus,
    /// Story the source belongs to (`S1`, `S2`, ...); none for failed sources.
    pub story_id: Option<String>,
    /// Independence group (`G1`, ...): sources that copy each other share it.
    pub group_id: Option<String>,
    /// blake3 digest of the source's bytes.
    pub content_hash: Option<String>,
    /// Where the article was published, when the input says (`url` of a JSON article,
    /// the canonical link of a page).
    #[serde(default)]
    pub url: Option<String>,
}

/// One real-world entity across sources: a row of `entities.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    /// Stable id (`E1`, ...).
    pub entity_id: String,
    /// Canonical name (the most common full form).
    pub name: String,
    /// Kind.
    pub kind: EntityType,
    /// Titles and roles seen.
    pub roles: Vec<String>,
    /// Every surface form seen.
    pub aliases: Vec<String>,
    /// Deviant spellings, each as `Form (source_id)`.
    pub variants: Vec<String>,
    /// Number of distinct sources mentioning it.
    pub sources: usize,
    /// Number of mentions.
    pub mentions: usize,
    /// The sources mentioning it.
    pub source_ids: Vec<String>,
}

/// Agreement status of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactStatus {
    /// All values equal.
    Agreed,
    /// The values' ranges overlap.
    Consistent,
    /// Some values cannot both be true for the same date.
    Conflict,
    /// One independent group only.
    Single,
    /// The figure changed over time (a rising toll, a revision): later figures supersede
    /// earlier ones, and the best estimate is the latest date's.
    Updated,
}

impl FactStatus {
    /// The `facts.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            FactStatus::Agreed => "agreed",
            FactStatus::Consistent => "consistent",
            FactStatus::Conflict => "conflict",
            FactStatus::Single => "single",
            FactStatus::Updated => "updated",
        }
    }
}

/// A reconciled fact: all mentions of one quantity. A row of `facts.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id (`F1`, ...).
    pub fact_id: String,
    /// Story it belongs to.
    pub story_id: String,
    /// What is counted, readable (`people killed`).
    pub what: String,
    /// Status over the mentions that are not retracted.
    pub status: FactStatus,
    /// Best estimate: low and high of the range supported by most independent groups.
    pub best_low: Option<f64>,
    /// See `best_low`. `None` with a `best_low` is an open bound (`12+`: 12 or more).
    /// Never infinite.
    pub best_high: Option<f64>,
    /// `source_id: surface text` per mention.
    pub values: Vec<String>,
    /// Number of distinct sources with a mention.
    pub sources: usize,
    /// Number of distinct independence groups among them.
    pub independent_sources: usize,
    /// Who the figure is attributed to, across mentions.
    pub attributed_to: Vec<String>,
    /// The sentence of the first mention, as evidence.
    pub evidence: String,
    /// The date the figure holds for, when all mentions agree on one.
    pub as_of: Option<String>,
    /// Sort of number: `count`, `percent`, `money` or `measure`.
    #[serde(default = "count_kind")]
    pub kind: QuantityKind,
    /// Unit of the values (`%`, a currency code, `km`, `mph`, `magnitude`); none for counts.
    #[serde(default)]
    pub unit: Option<String>,
    /// The fact this one is a part of (`F3`), when its figures are shares of that
    /// fact's total (the toll of one province within the national toll).
    #[serde(default)]
    pub part_of: Option<String>,
}

fn count_kind() -> QuantityKind {
    QuantityKind::Count
}

/// One mention of a quantity, attached to its fact: a row of `fact_mentions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactMention {
    /// Fact it belongs to.
    pub fact_id: String,
    /// Source.
    pub source_id: String,
    /// Surface text (equal to the clean text cut at `start..end`).
    pub text: String,
    /// Lowest value the wording allows.
    pub low: f64,
    /// Highest value the wording allows: `f64::INFINITY` for an open bound, written
    /// `null` (see [`open_high`]) and as an empty cell in the reports.
    #[serde(with = "open_high")]
    pub high: f64,
    /// Unit, if any.
    pub unit: Option<String>,
    /// Event.
    pub event: Option<String>,
    /// Who gives the figure.
    pub attributed_to: Option<String>,
    /// Hedged.
    pub hedged: bool,
    /// No longer standing: withdrawn, denied, corrected or superseded (true whenever
    /// `correction` is set).
    pub retracted: bool,
    /// How the figure stopped standing, when the text says so.
    #[serde(default)]
    pub correction: Option<Correction>,
    /// Date the figure holds for.
    pub as_of: Option<String>,
    /// The whole sentence.
    pub sentence: String,
    /// Char offset in `text/<source_id>.txt`.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
}

/// How a quote's wording compares across sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// Identical after normalising punctuation and case.
    Same,
    /// The same statement worded differently.
    Variant,
    /// One source only.
    Single,
}

impl Wording {
    /// The `quotes.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            Wording::Same => "same",
            Wording::Variant => "variant",
            Wording::Single => "single",
        }
    }
}

/// One quote in one source, attached to its statement: a row of `quotes.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// Statement id (`Q1`, ...), shared by the same statement across sources.
    pub quote_id: String,
    /// Source.
    pub source_id: String,
    /// Speaker, resolved to the entity's canonical name where possible.
    pub speaker: Option<String>,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// How this statement's wording compares across sources.
    pub wording: Wording,
    /// Number of distinct sources reporting the statement.
    pub sources: usize,
    /// The quoted words.
    pub text: String,
    /// Char offset in `text/<source_id>.txt`.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// Reporting verb.
    pub verb: Option<String>,
}

/// Kind of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Two figures for the same fact that cannot both be true.
    Number,
    /// Two spellings of one entity's name.
    Name,
    /// The same words given to different speakers.
    Quote,
    /// Two dates for the same event.
    Date,
}

impl ConflictKind {
    /// The `conflicts.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Number => "number",
            ConflictKind::Name => "name",
            ConflictKind::Quote => "quote",
            ConflictKind::Date => "date",
        }
    }
}

/// A disagreement between two sources: a row of `conflicts.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Stable id (`C1`, ...).
    pub conflict_id: String,
    /// Kind.
    pub kind: ConflictKind,
    /// Story.
    pub story_id: String,
    /// What is disputed (`people killed`, an entity name, a quote id).
    pub subject: String,
    /// First source.
    pub source_a: String,
    /// Its value.
    pub value_a: String,
    /// Second source.
    pub source_b: String,
    /// Its value.
    pub value_b: String,
    /// Why these are judged to disagree.
    pub note: String,
}

/// How two sources of one story relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Nothing in common beyond the story.
    Independent,
    /// Same story, own reporting.
    Related,
    /// One copies or paraphrases the other, or both a common original.
    Derived,
}

impl Relation {
    /// The `source_pairs.csv` wording.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Independent => "independent",
            Relation::Related => "related",
            Relation::Derived => "derived",
        }
    }
}

/// A pair of sources in one story: a row of `source_pairs.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcePair {
    /// First source (the smaller id).
    pub source_a: String,
    /// Second source.
    pub source_b: String,
    /// Similarity score in 0..=1.
    pub similarity: f64,
    /// Number of facts both sources mention.
    pub shared_facts: usize,
    /// Relation.
    pub relation: Relation,
    /// The evidence behind the score, readable.
    pub evidence: String,
}

/// A dated event: a row of `timeline.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// ISO date.
    pub date: String,
    /// Story.
    pub story_id: String,
    /// What happened, from the sentence.
    pub event: String,
    /// Number of sources.
    pub sources: usize,
    /// The sources.
    pub source_ids: Vec<String>,
}

/// Everything reconcile decided over all sources. Written to
/// `reconcile/reconciled.json`; report reads only this.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Reconciled {
    /// Every source given to the pipeline, sorted by `source_id`.
    pub sources: Vec<SourceRow>,
    /// Entities.
    pub entities: Vec<EntityRow>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Mentions of the facts.
    pub fact_mentions: Vec<FactMention>,
    /// Quotes.
    pub quotes: Vec<QuoteRow>,
    /// Conflicts.
    pub conflicts: Vec<Conflict>,
    /// Pairs of sources within a story.
    pub source_pairs: Vec<SourcePair>,
    /// Dated events.
    pub timeline: Vec<TimelineEvent>,
    /// Every problem met by any stage.
    pub errors: Vec<Diagnostic>,
    /// The reviewer's verdicts and notes, read from the review file beside the input
    /// before the reports are made (reconcile leaves it empty; see `report::review`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
}

/// One line of the reviewer's file: a verdict and a note on a row of the reports,
/// named by its stable id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// `fact`, `conflict` or `quote`.
    pub kind: String,
    /// The row's id (`F-3a9c`).
    pub id: String,
    /// The reviewer's judgement, in their words.
    pub verdict: String,
    /// Free text.
    pub note: String,
}

/// Cuts `start..end` (char offsets) out of `text`; `None` when out of range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let begin = indices.nth(start)?;
    let finish = if end == start {
        begin
    } else {
        indices.nth(end - start - 1)?
    };
    Some(&text[begin..finish])
}

/// Converts char offsets to byte offsets and back, in O(log n) per lookup.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char, plus the text length at the end.
    byte_of_char: Vec<usize>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        byte_of_char.push(text.len());
        CharIndex { byte_of_char }
    }

    /// Byte offset of char offset `c` (clamped to the end).
    pub fn byte(&self, c: usize) -> usize {
        self.byte_of_char[c.min(self.byte_of_char.len() - 1)]
    }

    /// Char offset of the char starting at or containing byte `b`.
    pub fn char_at_byte(&self, b: usize) -> usize {
        match self.byte_of_char.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Cuts `start..end` (char offsets) out of `text`, the text this index was built
    /// on, in O(1); `None` when out of range. Prefer it to [`char_slice`] when cutting
    /// many spans out of one long text.
    pub fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len() {
            return None;
        }
        text.get(self.byte_of_char[start]..self.byte_of_char[end])
    }

    /// Number of chars in the text.
    pub fn len(&self) -> usize {
        self.byte_of_char.len() - 1
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_high_round_trips_through_json_as_null() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Bound {
            #[serde(with = "open_high")]
            high: f64,
        }
        let open = serde_json::to_string(&Bound {
            high: f64::INFINITY,
        })
        .unwrap();
        assert_eq!(open, r#"{"high":null}"#);
        assert_eq!(
            serde_json::from_str::<Bound>(&open).unwrap().high,
            f64::INFINITY
        );
        let closed = serde_json::to_string(&Bound { high: 246.0 }).unwrap();
        assert_eq!(closed, r#"{"high":246.0}"#);
        assert_eq!(serde_json::from_str::<Bound>(&closed).unwrap().high, 246.0);
    }

    #[test]
    fn char_slice_counts_scalar_values() {
        let text = "Transvalia’s “coup” — 8,000";
        assert_eq!(char_slice(text, 0, 10), Some("Transvalia"));
        assert_eq!(char_slice(text, 10, 12), Some("’s"));
        assert_eq!(char_slice(text, 13, 19), Some("“coup”"));
        assert_eq!(char_slice(text, 22, 27), Some("8,000"));
        assert_eq!(char_slice(text, 27, 27), Some(""));
        assert_eq!(char_slice(text, 22, 28), None);
        assert_eq!(char_slice(text, 5, 4), None);
    }

    #[test]
    fn char_index_round_trips() {
        let text = "a’b“c";
        let idx = CharIndex::new(text);
        assert_eq!(idx.len(), 5);
        for c in 0..=5 {
            assert_eq!(idx.char_at_byte(idx.byte(c)), c);
        }
        assert_eq!(idx.char_at_byte(2), 1);
        assert_eq!(idx.slice(text, 1, 4), Some("’b“"));
        assert_eq!(idx.slice(text, 4, 6), None);
        assert_eq!(idx.slice(text, 3, 2), None);
        for start in 0..=5 {
            for end in start..=5 {
                assert_eq!(idx.slice(text, start, end), char_slice(text, start, end));
            }
        }
    }

    #[test]
    fn status_labels_follow_the_report_contract() {
        assert_eq!(SourceStatus::Ok.label(), "ok");
        assert_eq!(
            SourceStatus::Duplicate { of: "a.txt".into() }.label(),
            "duplicate of a.txt"
        );
        let err = SourceStatus::Error {
            stage: "ingest".into(),
            reason: "binary file".into(),
        };
        assert_eq!(err.label(), "error: binary file");
    }
}
