//! Line-level structure of an article: which units (lines or paragraphs) are the
//! headline, standfirst, sub-headings and body, and which are captions, credits,
//! prompts, link lists, bios, source lists and footers. Every cue is about the shape
//! or the wording of a line as any site prints it; none is keyed to one outlet.

use std::collections::HashSet;
use std::sync::LazyLock;

use records::{BlockKind, Removed};
use regex::Regex;

use crate::unicode::match_key;

/// A candidate unit of text: one line of a text file, one paragraph of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Cleaned text (one line, spaces collapsed).
    pub text: String,
    /// Byte offset of the unit's first line in the source content, when known.
    pub byte: Option<usize>,
    /// The unit was a list item (bullet or number).
    pub bullet: bool,
    /// The unit was marked up as a heading (`#` in Markdown, `<h2>` in HTML).
    pub heading: bool,
    /// A blank line (or a block boundary) came before it.
    pub after_blank: bool,
}

/// What the classifier kept and removed.
#[derive(Debug, Clone, Default)]
pub struct Classified {
    /// Kept units with their kind, in order.
    pub blocks: Vec<(BlockKind, String, Option<usize>)>,
    /// Removed units and why.
    pub removed: Vec<Removed>,
    /// A byline found (`By Jane Doe`).
    pub byline: Option<String>,
    /// A timestamp line found (`Published January 10, 2022`).
    pub timestamp: Option<String>,
}

/// Repeated-line sets known from outside the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known<'a> {
    /// Match keys of lines repeated across many sources of the corpus.
    pub corpus: Option<&'a HashSet<String>>,
    /// The title known from metadata, if any.
    pub title: Option<&'a str>,
}

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file, checked by the tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// A line that only labels a photo (`Image source, Reuters`, `Getty Images`).
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:image|photo|picture|video|media|graphic)\s+(?:source|caption|credit|copyright)s?\b|caption\b|getty images\b|(?:ap|afp|reuters|epa|ap photo)\s*(?:/|$))",
    )
});
/// A label after which the next line is the caption (`Caption for the image`, `Image caption`).
static CAPTION_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:image|photo|media|video)?\s*caption(?:\s+for\s+the\s+(?:image|photo|picture|video))?\s*[:,]?\s*$",
    )
});
/// Photo credit lines (`Photo: Flickr`, `Credit: Jane Doe`).
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:photos?|photograph(?:s|er)?|images?|pictures?|credits?|illustrations?|graphics?|videos?|cover (?:photo|image)|top image|main image|header image|featured image)(?:\s+(?:by|credit|courtesy(?: of)?))?\s*[:|]",
    )
});
/// Source lists and reporting credits (`Sources: ...`, `Reporting by ...; Editing by ...`).
static SOURCES_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:sources?|references|further reading|additional (?:reporting|sources)(?:\s+by)?|(?:reporting|writing|editing|compiled|produced|translated)\s+by|with (?:additional )?reporting(?:\s+(?:by|from))?|contributed reporting|tags|topics|filed under)\s*[:;\-–—]|(?i)^(?:reporting|writing|editing)\s+by\s+[A-Z]",
    )
});
/// Prompts addressed to the reader, read on short lines from their first words.
static PROMPT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:please\s+)?(?:
        share\b | subscribe\b | sign\s+(?:up|in)\b | log\s*in\b | register\s+(?:now|here|for\s+free|to\s+(?:read|continue|comment)) |
        follow\s+(?:us|@|the\s+latest|our) | join\s+(?:us|our|the\s+(?:conversation|discussion|newsletter)) |
        get\s+(?:our|the\s+latest|breaking|daily|weekly|the\s+best|news\s+alerts|updates) |
        stay\s+(?:updated|informed|up\s+to\s+date|in\s+the\s+know|connected|tuned) | don'?t\s+miss | never\s+miss |
        read\s+(?:more|next|also|the\s+full|full) | continue\s+reading | also\s+read | see\s+also |
        (?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply|response) | comments?\s*(?:\(\d+\)|$|below|are\s+closed|policy|section) |
        view\s+(?:comments|gallery|all|more|full|photos|slideshow) | (?:load|show)\s+(?:more|comments) |
        click\s+(?:here|to) | tap\s+(?:here|to) | download\s+(?:our|the)\s+app | watch\s*(?::|now|live|the\s+video|our) | listen\s*(?::|now|to\s+(?:this|the\s+podcast|our)) |
        like\s+us | support\s+(?:us|our|independent|quality|journalism) | enter\s+your | your\s+email |
        more\s+(?:from|on|stories|news|articles|like\s+this|in\b) | related(?:\s+(?:articles?|stories|content|coverage|topics|news|posts|reading|links))?\s*:?\s*$ |
        recommended(?:\s+for\s+you|\s+stories|\s+reading)?\s*:?\s*$ | trending(?:\s+now)?\s*:?\s*$ |
        most\s+(?:popular|read|viewed|shared|commented|emailed|recent)\b | top\s+stories\s*:?\s*$ | latest\s+(?:news|stories)\s*:?\s*$ |
        you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested|enjoy) | advertisement\b | sponsored\b | print\s*(?:this|article|$) | email\s+(?:this|us|the\s+author) |
        skip\s+to | back\s+to\s+top | open\s+in\s+app | copy\s+link | send\s+(?:us\s+)?(?:a\s+)?tip
    )")
});
/// Cues that mark a short line as a prompt wherever they stand.
static PROMPT_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:newsletter|newsflash|all rights reserved|©|\bcookies?\b|your inbox|\bsubscribers?\s+only|\bpaywall|\bfree trial|\bpodcast\b|\bapp\s+store\b|google\s+play|whatsapp\s+channel|\bfollow\s+us\b|\bsign\s+up\b|\bshare\s+(?:this|on|via|your)\b)",
    )
});
/// Footer markers: what follows them is lists of other stories.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:most\s+(?:popular|read|viewed|shared|commented|emailed)|read\s+more|read\s+next|more\s+(?:from|on|stories|news|like\s+this)|related(?:\s+(?:articles?|stories|content|coverage|topics|news|posts|reading|links))?|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|see\s+also|also\s+read|top\s+stories|latest\s+(?:news|stories))\b",
    )
});
/// A byline.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:by|written\s+by|words\s+by|story\s+by|reporting\s+by)\s+(\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|(?i:and|de|van|von|da|del|la|bin|al)|&|,))*)",
    )
});
/// A timestamp line.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:published|updated|posted|last\s+updated|first\s+published|modified|date)\b[\s:]*(?:on\s+)?[^.!?]{0,80}?\b(?:\d{4}|\d{1,2}:\d{2}|ago|today|yesterday)\b[^.!?]{0,40}$",
    )
});
/// A list label in capitals (`AFTERMATH:`, `IMAGE FROM THE SCENE`, `WATCH:`).
static CAPS_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Lu}[\p{Lu}\d'’&\- ]{2,}(?::|\s+[“\x22‘'\p{Lu}])"));
/// A parenthesised photo credit at the end of a line (`(Jane Doe/AP)`, `(JANE DOE / POOL / AFP)`).
static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| re(r"\(([^()]{2,90})\)\s*$"));
/// Trailing credits without brackets (`... Photo: Jane Doe`, `... | Getty Images`).
static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:photo|photograph|image|picture|credit)\s*(?:by|credit)?\s*:\s*[\p{L} .'’/\-]{2,60}|\|\s*(?:getty images|reuters|ap photo|afp)[\p{L} .'’/\-]{0,40})\s*$",
    )
});
/// Bio cues: words describing the writer's trade.
static BIO_CUES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:journalist|reporter|correspondent|editor|writer|analyst|columnist|contributor|freelance|author of|covers\b|has worked|worked as|holds a|holds\s+(?:a\s+)?master|graduate[ds]? (?:of|from)|based in|is a (?:senior|staff|political|foreign)|you can (?:reach|follow|contact)|twitter|email (?:him|her|them) at|@)",
    )
});

/// Whether a line ends like a sentence (terminal punctuation, perhaps inside quotes).
pub fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '"', '’', '\'', ')', ']', '»', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn n_words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A parenthesised credit: parts split by `/` that all start with a capital or are
/// agency names in capitals.
fn has_credit_end(line: &str) -> bool {
    let Some(cap) = CREDIT_END.captures(line) else {
        return false;
    };
    let inner = cap.get(1).map_or("", |m| m.as_str());
    let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 40
                && p.chars().next().is_some_and(|c| c.is_uppercase())
                && p.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(|c| !c.is_lowercase())
                        || matches!(
                            w,
                            "de" | "van" | "von" | "da" | "al" | "bin" | "for" | "via" | "of"
                        )
                })
        })
}

/// Whether a line reads as a photo caption or credit, by itself.
fn caption_reason(line: &str) -> Option<&'static str> {
    let words = n_words(line);
    if words <= 12 && CAPTION_LABEL.is_match(line) {
        return Some("image caption label");
    }
    if words <= 12 && CREDIT_LINE.is_match(line) {
        return Some("photo credit");
    }
    if has_credit_end(line) {
        return Some("image caption (ends with a photo credit)");
    }
    if words <= 60 && CREDIT_TAIL.is_match(line) {
        return Some("image caption (ends with a photo credit)");
    }
    None
}

/// A line that is only a date and time (`Jan. 12, 2024 at 11:45 p.m. EST`).
fn is_bare_date(line: &str) -> bool {
    const FILLER: &[&str] = &[
        "at",
        "on",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "gmt",
        "utc",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "bst",
        "cet",
        "cest",
        "ist",
        "jst",
        "et",
        "pt",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "|",
        "-",
        "–",
        "—",
    ];
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    n_words(line) <= 12
        && crate::dateline::first_date(line).is_some()
        && line.split_whitespace().all(|w| {
            let w = w
                .trim_matches(|c: char| matches!(c, ',' | '(' | ')'))
                .to_lowercase();
            w.is_empty()
                || w.chars().any(|c| c.is_ascii_digit())
                || FILLER.contains(&w.as_str())
                || MONTHS.iter().any(|m| w.starts_with(m))
        })
}

/// Whether a short line is addressed to the reader rather than part of the story.
fn prompt_reason(line: &str) -> Option<&'static str> {
    let words = n_words(line);
    if words > 16 {
        return None;
    }
    // A cue word inside a full sentence is more often the story (`sign up for a
    // plan costing $12`) than a prompt, unless the line is very short.
    let anywhere = PROMPT_ANYWHERE.is_match(line) && (words <= 8 || !ends_like_sentence(line));
    if PROMPT_START.is_match(line) || anywhere {
        let lower = line.to_lowercase();
        let reason = if lower.contains("comment")
            || lower.contains("your name")
            || lower.contains("reply")
        {
            "comment prompt"
        } else if lower.contains("newsletter")
            || lower.contains("newsflash")
            || lower.contains("subscribe")
            || lower.contains("sign up")
            || lower.contains("inbox")
            || lower.contains("stay ")
        {
            "subscribe or newsletter prompt"
        } else if lower.contains("share")
            || lower.contains("follow")
            || lower.contains("copy link")
            || lower.contains("email")
            || lower.contains("print")
        {
            "share prompt"
        } else if FOOTER.is_match(line) {
            "related or popular stories footer"
        } else {
            "prompt or page furniture"
        };
        return Some(reason);
    }
    None
}

/// A line that could be a person's name alone (`Jane Doe`, `Eleni Kyriakou`).
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && !ends_like_sentence(line)
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(|c| c.is_uppercase())
                && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// A heading: short, not a sentence, or marked up as one.
fn looks_like_heading(unit: &Unit) -> bool {
    let words = n_words(&unit.text);
    (unit.heading && words <= 25)
        || (words <= 12
            && !ends_like_sentence(&unit.text)
            && unit.text.chars().any(char::is_alphabetic))
}

/// Classifies the units of one document.
pub fn classify(units: &[Unit], known: &Known<'_>) -> Classified {
    let mut out = Classified::default();
    let n = units.len();
    let keys: Vec<String> = units.iter().map(|u| match_key(&u.text)).collect();
    // Decisions per unit: None = keep, Some(reason) = remove.
    let mut verdict: Vec<Option<String>> = vec![None; n];
    let mut seen: HashSet<&str> = HashSet::new();
    let mut caption_next = false;
    let mut in_footer = false;
    for i in 0..n {
        let unit = &units[i];
        let line = unit.text.as_str();
        let key = keys[i].as_str();
        let words = n_words(line);
        let first_time = seen.insert(key);
        let remove = |reason: &str| Some(reason.to_string());
        let after_marker = std::mem::take(&mut caption_next);
        verdict[i] = if after_marker && words <= 45 && !unit.heading {
            remove("image caption (after a caption label)")
        } else if CAPTION_MARKER.is_match(line) {
            caption_next = true;
            remove("image caption label")
        } else if let Some(reason) = caption_reason(line) {
            remove(reason)
        } else if !first_time && words >= 4 && !unit.bullet {
            remove("line repeated within the page")
        } else if words >= 3 && !unit.bullet && keys.get(i + 1).is_some_and(|next| next == key) {
            remove("line printed twice in a row (caption)")
        } else if words >= 3
            && i > 0
            && !unit.bullet
            && (words < 8 || !ends_like_sentence(line))
            && keys[i.saturating_sub(3)..keys.len().min(i + 4)]
                .iter()
                .enumerate()
                .any(|(j, k)| j + i.saturating_sub(3) != i && k == key)
        {
            // A caption printed twice stands close to its copy; lines repeated far
            // apart are more often list or table entries of the article itself.
            remove("line repeated within the page (caption or promo printed twice)")
        } else if known.corpus.is_some_and(|c| c.contains(key)) {
            remove("line repeated across many sources of the corpus")
        } else if let Some(reason) = prompt_reason(line) {
            if FOOTER.is_match(line) {
                in_footer = true;
            }
            remove(reason)
        } else if in_footer && (words <= 25 && !ends_like_sentence(line) || unit.bullet) {
            remove("related or popular stories footer")
        } else if words <= 60 && SOURCES_LINE.is_match(line) {
            remove("source list or reporting credits")
        } else if words <= 30 && (TIMESTAMP.is_match(line) || is_bare_date(line)) {
            if out.timestamp.is_none() {
                out.timestamp = Some(line.to_string());
            }
            remove("timestamp")
        } else if words <= 14
            && BYLINE.is_match(line)
            && !ends_like_sentence(line.trim_end_matches('.'))
        {
            if out.byline.is_none() {
                out.byline = BYLINE
                    .captures(line)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().trim_end_matches([',', ' ']).to_string());
            }
            remove("byline")
        } else {
            None
        };
        if verdict[i].is_none() {
            in_footer = false;
        }
    }
    mark_link_lists(units, &mut verdict);
    mark_author_bio(units, &mut verdict);
    // The headline: the metadata title when the text does not start with it, else
    // the first kept unit.
    let first_kept = (0..n).find(|&i| verdict[i].is_none());
    let title = known
        .title
        .map(|t| crate::unicode::clean(t, &mut Default::default()))
        .filter(|t| !t.is_empty());
    if let Some(title) = title {
        let title_key = match_key(&title);
        let starts_with_title = first_kept.is_some_and(|i| keys[i] == title_key);
        if !starts_with_title {
            out.blocks.push((BlockKind::Headline, title, None));
            // The title printed again later in the page is not body.
            for i in 0..n {
                if verdict[i].is_none() && keys[i] == title_key {
                    verdict[i] = Some("headline repeated".to_string());
                }
            }
        }
    }
    for i in 0..n {
        if let Some(reason) = verdict[i].take() {
            out.removed.push(Removed {
                text: units[i].text.clone(),
                reason,
            });
            continue;
        }
        let unit = &units[i];
        let kind = if out.blocks.is_empty() {
            BlockKind::Headline
        } else if out.blocks.len() == 1
            && !unit.heading
            && n_words(&unit.text) >= 6
            && !ends_like_sentence(&unit.text)
            && crate::dateline::find(&unit.text).is_none()
        {
            BlockKind::Standfirst
        } else if looks_like_heading(unit) && has_body_after(units, &verdict, i) {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        out.blocks.push((kind, unit.text.clone(), unit.byte));
    }
    out
}

/// Whether a kept paragraph follows unit `i` (a heading introduces body).
fn has_body_after(units: &[Unit], verdict: &[Option<String>], i: usize) -> bool {
    (i + 1..units.len())
        .find(|&j| verdict[j].is_none())
        .is_some_and(|j| n_words(&units[j].text) > 12 || ends_like_sentence(&units[j].text))
}

/// Runs of list items that read as links to other stories: labels in capitals
/// (`CONTEXT: ...`), or short items that are not sentences.
fn mark_link_lists(units: &[Unit], verdict: &mut [Option<String>]) {
    let n = units.len();
    let mut i = 0;
    while i < n {
        if !units[i].bullet {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && units[i].bullet {
            i += 1;
        }
        let run = &units[start..i];
        let labelled = run.iter().filter(|u| CAPS_LABEL.is_match(&u.text)).count();
        let headline_like = run
            .iter()
            .filter(|u| !ends_like_sentence(&u.text) && n_words(&u.text) <= 20)
            .count();
        let after_footer = start > 0
            && verdict[start - 1]
                .as_deref()
                .is_some_and(|r| r.contains("footer") || r.contains("prompt"));
        if run.len() >= 2
            && (labelled * 2 >= run.len() || (after_footer && headline_like * 2 >= run.len()))
        {
            for v in &mut verdict[start..i] {
                if v.is_none() {
                    *v = Some("related-link list".to_string());
                }
            }
        }
    }
}

/// An author bio at the end: a name alone, then a paragraph about the writer's
/// trade; or such a paragraph alone as the last unit.
fn mark_author_bio(units: &[Unit], verdict: &mut [Option<String>]) {
    let kept: Vec<usize> = (0..units.len()).filter(|&i| verdict[i].is_none()).collect();
    if kept.len() < 3 {
        return;
    }
    let tail = &kept[kept.len().saturating_sub(3)..];
    for (pos, &i) in tail.iter().enumerate() {
        let line = &units[i].text;
        if looks_like_name(line) {
            let Some(&next) = tail.get(pos + 1) else {
                continue;
            };
            let next_text = &units[next].text;
            let first_name = line.split_whitespace().next().unwrap_or("");
            let about_them = next_text.starts_with(first_name)
                || next_text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| matches!(w, "He" | "She" | "They"));
            if about_them && BIO_CUES.is_match(next_text) {
                for &j in &tail[pos..] {
                    verdict[j] = Some("author bio".to_string());
                }
                return;
            }
        }
    }
    let last = kept[kept.len() - 1];
    let text = &units[last].text;
    let lower = text.to_lowercase();
    if lower.starts_with("about the author")
        || (BIO_CUES.is_match(text) && n_words(text) <= 80 && is_bio_sentence(text))
    {
        verdict[last] = Some("author bio".to_string());
    }
}

/// `Jane Doe is a journalist ...`: a name, then `is a` / `writes` about the trade.
fn is_bio_sentence(text: &str) -> bool {
    static BIO_START: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){0,3}\s+(?:is|was|has been|writes|covers|reports)\s+(?:a|an|the|for|on|about)\b",
        )
    });
    BIO_START.is_match(text) && BIO_CUES.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_patterns_compile() {
        for pattern in [
            &*CAPTION_LABEL,
            &*CAPTION_MARKER,
            &*CREDIT_LINE,
            &*SOURCES_LINE,
            &*PROMPT_START,
            &*PROMPT_ANYWHERE,
            &*FOOTER,
            &*BYLINE,
            &*TIMESTAMP,
            &*CAPS_LABEL,
            &*CREDIT_END,
            &*CREDIT_TAIL,
            &*BIO_CUES,
        ] {
            assert!(!pattern.as_str().is_empty());
        }
    }

    fn check_caption(line: &str, expected: bool) {
        assert_eq!(caption_reason(line).is_some(), expected, "{line}");
    }

    #[test]
    fn captions_and_credits() {
        check_caption("Image source, Getty Images", true);
        check_caption(
            "Rescuers search the rubble in the old town. (Jane Doe/Reuters)",
            true,
        );
        check_caption(
            "Officials at the summit, on March 3, 2021. (JOHN SMITH / POOL / AFP)",
            true,
        );
        check_caption("Photo: Wikimedia Commons", true);
        check_caption("The council voted 7/2 in favour (and/or abstained).", false);
        check_caption(
            "The mayor said the plan would cost $3m (about £2.4m).",
            false,
        );
    }

    fn check_prompt(line: &str, expected: bool) {
        assert_eq!(prompt_reason(line).is_some(), expected, "{line}");
    }

    #[test]
    fn prompts() {
        check_prompt("Share this article", true);
        check_prompt("Sign up for our morning newsletter", true);
        check_prompt("Leave a Reply", true);
        check_prompt("Most Read", true);
        check_prompt("Read more:", true);
        check_prompt("He declined to comment.", false);
        check_prompt("Support for the measure grew after the vote.", false);
        check_prompt("Millions of people watch the final every year.", false);
    }
}
