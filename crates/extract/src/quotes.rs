//! Quotes: direct quotes between curly or straight marks (a paragraph that opens a
//! quote without closing it continues into the next one that opens with a mark),
//! their speaker and reporting verb; scare quotes (a word or three with no attribution)
//! are left out; and reported speech (`X said that ...`, `according to X, ...`,
//! `..., X said`) as indirect quotes.

use records::QuoteKind;

use crate::entities::Ent;
use crate::lexicon::lexicon;
use crate::speaker::{Speaker, according_np, np_after, subject_before};
use crate::text::{Doc, Kind};

/// A quote in byte offsets.
#[derive(Debug, Clone)]
pub struct Qt {
    pub s: usize,
    pub e: usize,
    pub tok: usize,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub verb: Option<String>,
}

/// A span between quotation marks, in tokens.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Opening mark.
    open: usize,
    /// Closing mark, or `None` when the paragraph ends first.
    close: Option<usize>,
    /// Last token inside.
    last: usize,
}

fn is_open_double(t: &str) -> bool {
    matches!(t, "“" | "„" | "«")
}

fn closes(open: &str, t: &str) -> bool {
    match open {
        "“" | "„" => matches!(t, "”" | "“"),
        "«" => t == "»",
        "\"" => t == "\"",
        "‘" => matches!(t, "’" | "’s"),
        "'" => t == "'",
        _ => false,
    }
}

/// Quotation spans of the paragraph `a..z`.
fn spans(d: &Doc<'_>, a: usize, z: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut k = a;
    while k < z {
        let t = d.t(k);
        let tok = &d.toks[k];
        let opening = tok.kind == Kind::Punct
            && (is_open_double(t)
                || (t == "\""
                    && (k == a
                        || d.toks[k].sp_before
                        || matches!(d.t(k - 1), "(" | "—" | "-" | ":")))
                || ((t == "‘" || t == "'")
                    && (k == a || tok.sp_before || matches!(d.t(k - 1), "(" | "—" | "“" | "\""))
                    && k + 1 < z
                    && !d.toks[k + 1].sp_before));
        if !opening {
            k += 1;
            continue;
        }
        let mut m = k + 1;
        let mut close = None;
        while m < z {
            let tm = d.t(m);
            let kind_ok =
                d.toks[m].kind == Kind::Punct || (d.toks[m].kind == Kind::Poss && tm == "’");
            if kind_ok && closes(t, tm) && m > k + 1 {
                // A curly opening mark where a closing one is due (`coup, “he said`) still closes.
                close = Some(m);
                break;
            }
            // A new opening double mark inside an open double quote: the first was never closed.
            if is_open_double(t)
                && is_open_double(tm)
                && d.toks[m].sp_before
                && m + 1 < z
                && !d.toks[m + 1].sp_before
                && tm == "“"
            {
                break;
            }
            m += 1;
        }
        match close {
            Some(c) => {
                out.push(Span {
                    open: k,
                    close: Some(c),
                    last: c - 1,
                });
                k = c + 1;
            }
            None => {
                if t == "'" || t == "‘" {
                    k += 1;
                    continue;
                }
                let last = m.min(z) - 1;
                out.push(Span {
                    open: k,
                    close: None,
                    last,
                });
                k = m;
            }
        }
    }
    out
}

fn words_in(d: &Doc<'_>, a: usize, b: usize) -> usize {
    (a..=b)
        .filter(|&k| matches!(d.toks[k].kind, Kind::Word | Kind::Num))
        .count()
}

/// Speaker right after a closing mark: `, he said`, `said Mr Smith`, `according to X`,
/// `the ministry said citing Mr. Wang`.
fn speaker_after(d: &Doc<'_>, ents: &[Ent], close: usize, z: usize) -> Option<(Speaker, String)> {
    let lex = lexicon();
    let mut m = close + 1;
    while m < z && matches!(d.t(m), "," | "”" | "’" | "\"" | "…") {
        m += 1;
    }
    if m >= z {
        return None;
    }
    let (_, sb) = d.sentence_range(m.min(d.toks.len() - 1));
    let sb = sb.max(m + 1).min(z);
    if d.t(m).eq_ignore_ascii_case("according") && m + 1 < z && d.t(m + 1) == "to" {
        return np_after(d, ents, m + 2, z).map(|s| (s, "according to".to_string()));
    }
    if lex.reporting.contains_key(d.t(m)) {
        let verb = d.t(m).to_string();
        let s = np_after(d, ents, m + 1, sb)?;
        // `said the director of the agency, Jane Doe,`: a title in apposition to the
        // name that follows it.
        if s.text.chars().next().is_some_and(char::is_lowercase) {
            if let Some(p) = ents.iter().find(|e| {
                e.kind == records::EntityType::Person
                    && e.tok > s.tok
                    && e.tok < sb.min(s.tok + 16)
                    && d.t(e.tok - 1) == ","
                    && !(s.tok..e.tok).any(|x| lex.reporting.contains_key(d.t(x)))
            }) {
                let name = Speaker {
                    text: d.span(p.tok, p.tok_end).to_string(),
                    name: p.name.clone(),
                    tok: p.tok,
                };
                return Some((name, verb));
            }
        }
        return Some((s, verb));
    }
    // `“...,” she recalled`: a personal pronoun and a verb right after the quote
    // attribute it, whatever the verb.
    if matches!(d.t(m), "he" | "she")
        && m + 1 < sb
        && d.toks[m + 1].kind == Kind::Word
        && !d.cap(m + 1)
        && (d.t(m + 1).ends_with("ed") || lex.reporting.contains_key(d.t(m + 1)))
    {
        let verb = d.t(m + 1).to_string();
        return np_after(d, ents, m, sb).map(|s| (s, verb));
    }
    // Subject then verb within a few words.
    for v in m + 1..(m + 9).min(sb) {
        let t = d.t(v);
        if lex.reporting.contains_key(t) {
            let s = subject_before(d, ents, v, m - 1)?;
            // `the ministry said citing Mr. Wang`: the one cited speaks.
            if v + 1 < sb && matches!(d.t(v + 1), "citing" | "quoting") {
                if let Some(c) = np_after(d, ents, v + 2, sb) {
                    return Some((c, t.to_string()));
                }
            }
            return Some((s, t.to_string()));
        }
        if d.toks[v].kind == Kind::Punct && !matches!(d.t(v), "." | "’") {
            break;
        }
    }
    None
}

/// Speaker introduced before an opening mark in its sentence: `X told Y that “`,
/// `Large protests, X added, were “`, `According to X, “`.
fn speaker_before(d: &Doc<'_>, ents: &[Ent], open: usize) -> Option<(Speaker, String)> {
    let lex = lexicon();
    let (sa, _) = d.sentence_range(open);
    for m in sa..open.saturating_sub(1) {
        if d.t(m).eq_ignore_ascii_case("according") && d.t(m + 1) == "to" {
            if let Some(s) = np_after(d, ents, m + 2, open) {
                return Some((s, "according to".into()));
            }
        }
    }
    let mut v = open;
    while v > sa {
        v -= 1;
        let t = d.t(v);
        if lex.reporting.contains_key(t) && !d.cap(v) {
            if let Some(s) = subject_before(d, ents, v, sa) {
                if s.name != "it" && s.name != "they" {
                    return Some((s, t.to_string()));
                }
            }
        }
        // `The ministry withdrew the figure, saying it "...`: a reporting participle
        // after a comma speaks for the subject of the sentence.
        if v > sa && d.t(v - 1) == "," && reporting_participle(t) {
            if let Some(s) = (sa + 1..v - 1)
                .find(|&x| d.toks[x].kind == Kind::Word && !d.cap(x) && is_finite(d, x))
                .and_then(|x| subject_before(d, ents, x, sa))
            {
                // The subject opens the sentence, after a dateline at most.
                if (sa..s.tok).all(|x| d.toks[x].kind == Kind::Punct || d.cap(x)) {
                    return Some((s, t.to_string()));
                }
            }
        }
    }
    // `Jane Doe, speaking outside court: “...`: a name opening the sentence speaks
    // the quote that follows its colon.
    if open > sa + 1 && d.t(open - 1) == ":" {
        if let Some(e) = ents.iter().find(|e| {
            matches!(
                e.kind,
                records::EntityType::Person | records::EntityType::Organization
            ) && e.tok >= sa
                && e.tok <= sa + 2
                && e.tok_end < open - 1
                && (sa..e.tok).all(|x| {
                    d.toks[x].kind != Kind::Word
                        || DET_START.contains(&d.t(x))
                        || lex.titles.contains_key(d.t(x))
                })
        }) {
            let s = Speaker {
                text: d.span(e.tok, e.tok_end).to_string(),
                name: e.name.clone(),
                tok: e.tok,
            };
            return Some((s, ":".to_string()));
        }
    }
    None
}

/// Articles that may open a subject before its name.
const DET_START: &[&str] = &["The", "the", "A", "An"];

/// `saying`, `adding`, `warning`: the participle of a reporting verb.
fn reporting_participle(t: &str) -> bool {
    let lex = lexicon();
    t == "saying"
        || t.strip_suffix("ing").is_some_and(|stem| {
            stem.len() > 2
                && [format!("{stem}ed"), format!("{stem}d"), format!("{stem}s")]
                    .iter()
                    .any(|f| lex.reporting.contains_key(f.as_str()))
        })
}

/// Finds direct and indirect quotes. `min_words` is the fewest words a quotation
/// needs to count as a statement without an attribution right at it.
pub fn find(d: &Doc<'_>, ents: &[Ent], min_words: usize) -> Vec<Qt> {
    let n_blocks = d.block_start.len();
    let mut out: Vec<Qt> = Vec::new();
    // For each quote: its chain (quotes running over paragraphs share one), and
    // whether its speaker was found at the quote itself.
    let mut chain: Vec<usize> = Vec::new();
    let mut explicit: Vec<bool> = Vec::new();
    let mut statement_spans: Vec<(usize, usize)> = Vec::new();
    let mut open_chain: Option<usize> = None;
    for b in 0..n_blocks {
        let a = d.block_start[b];
        let z = d.block_start.get(b + 1).copied().unwrap_or(d.toks.len());
        if a >= z || d.skip_block[b] {
            open_chain = None;
            continue;
        }
        let sp = spans(d, a, z);
        let starts_with_quote = sp.first().is_some_and(|s| s.open == a);
        if !starts_with_quote {
            open_chain = None;
        }
        for (si, span) in sp.iter().enumerate() {
            if span.last <= span.open {
                continue;
            }
            let inner_a = span.open + 1;
            let inner_b = span.last;
            let n_words = words_in(d, inner_a, inner_b);
            let after = span.close.and_then(|c| speaker_after(d, ents, c, z));
            let continued = si == 0 && starts_with_quote && open_chain.is_some();
            let ends_sentence = matches!(d.t(inner_b), "." | "," | "!" | "?" | "…");
            let statement = n_words >= min_words
                || (after.is_some() && n_words >= 2 && ends_sentence)
                || continued
                || (span.close.is_none() && n_words >= 2);
            if !statement {
                continue;
            }
            statement_spans.push((span.open, span.close.unwrap_or(span.last)));
            let found = after.or_else(|| speaker_before(d, ents, span.open));
            explicit.push(found.is_some());
            let (speaker, speaker_text, verb) = match found {
                Some((s, v)) => (Some(s.name), Some(s.text), Some(v)),
                None => (None, None, None),
            };
            out.push(Qt {
                s: d.toks[inner_a].s,
                e: d.toks[inner_b].e,
                tok: inner_a,
                kind: QuoteKind::Direct,
                speaker,
                speaker_text,
                verb,
            });
            let idx = out.len() - 1;
            let c = if continued {
                open_chain.unwrap_or(idx)
            } else {
                idx
            };
            chain.push(c);
            open_chain = if span.close.is_none() { Some(c) } else { None };
        }
    }
    // A chain takes the first speaker found along it.
    for x in 0..out.len() {
        if out[x].speaker.is_none() {
            if let Some(y) = (0..out.len()).find(|&y| chain[y] == chain[x] && explicit[y]) {
                let (sp, st, vb) = (
                    out[y].speaker.clone(),
                    out[y].speaker_text.clone(),
                    out[y].verb.clone(),
                );
                out[x].speaker = sp;
                out[x].speaker_text = st;
                out[x].verb = vb;
            }
        }
    }
    // Speakers still open: another quote of the sentence, an earlier one of the
    // paragraph, a named subject of a reporting verb later in the paragraph, then the
    // previous paragraph's last quote when this one opens its paragraph.
    let lex = lexicon();
    for x in 0..out.len() {
        if out[x].speaker.is_some() {
            continue;
        }
        let tx = out[x].tok;
        let block = d.toks[tx].block;
        let same_sentence = (0..out.len())
            .filter(|&y| {
                y != x && out[y].speaker.is_some() && d.toks[out[y].tok].sent == d.toks[tx].sent
            })
            .min_by_key(|&y| (out[y].tok as isize - tx as isize).unsigned_abs());
        let earlier = (0..x)
            .rev()
            .find(|&y| out[y].speaker.is_some() && d.toks[out[y].tok].block == block);
        let mut pick = same_sentence.or(earlier).map(|y| {
            (
                out[y].speaker.clone(),
                out[y].speaker_text.clone(),
                out[y].verb.clone(),
            )
        });
        if pick.is_none() {
            let (_, z) = d.block_range(tx);
            for v in tx..z {
                if lex.reporting.contains_key(d.t(v))
                    && !statement_spans.iter().any(|&(o, c)| o <= v && v <= c)
                {
                    let (sa, _) = d.sentence_range(v);
                    if let Some(s) = subject_before(d, ents, v, sa) {
                        if s.name.chars().next().is_some_and(char::is_uppercase) {
                            pick = Some((Some(s.name), Some(s.text), Some(d.t(v).to_string())));
                            break;
                        }
                    }
                }
            }
        }
        if pick.is_none() && tx == d.block_range(tx).0 + 1 {
            let prev = (0..x)
                .rev()
                .find(|&y| out[y].speaker.is_some() && d.toks[out[y].tok].block + 1 == block);
            pick = prev.map(|y| {
                (
                    out[y].speaker.clone(),
                    out[y].speaker_text.clone(),
                    out[y].verb.clone(),
                )
            });
        }
        if let Some((sp, st, vb)) = pick {
            out[x].speaker = sp;
            out[x].speaker_text = st;
            out[x].verb = vb;
        }
    }
    // A quote in the headline with no speaker is the words of whoever says them in the
    // body: a later quote sharing most of its words.
    for x in 0..out.len() {
        if out[x].speaker.is_some() || d.toks[out[x].tok].block != 0 {
            continue;
        }
        let words = |q: &Qt| -> Vec<String> {
            d.text[q.s..q.e]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let head = words(&out[x]);
        if head.len() < 3 {
            continue;
        }
        let body = (0..out.len()).find(|&y| {
            y != x && out[y].speaker.is_some() && d.toks[out[y].tok].block > 0 && {
                let w = words(&out[y]);
                head.iter().filter(|h| w.contains(h)).count() * 5 >= head.len() * 3
            }
        });
        if let Some(y) = body {
            out[x].speaker = out[y].speaker.clone();
            out[x].speaker_text = out[y].speaker_text.clone();
            out[x].verb = out[y].verb.clone();
        }
    }
    indirect(d, ents, &statement_spans, &mut out);
    out.sort_by_key(|q| q.s);
    out
}

/// Time words skipped around a reporting verb (`said on Monday`), besides the names of
/// the days (see [`time_word`]).
const TIME_WORDS: &[&str] = &[
    "on",
    "today",
    "yesterday",
    "late",
    "earlier",
    "later",
    "last",
    "week",
    "night",
    "morning",
    "evening",
    "afternoon",
    "this",
    "also",
    "again",
];

/// Whether a word is a time word skipped around a reporting verb.
fn time_word(t: &str) -> bool {
    TIME_WORDS.contains(&t) || records::date::WEEKDAYS.contains(&t)
}

/// Words that cannot start a reported clause right after its verb.
const NOT_CLAUSE_START: &[&str] = &[
    "to", "by", "for", "with", "in", "of", "from", "into", "about", "at", "as", "so", "goodbye",
    "hello", "yes", "no", "thanks", "sorry",
];

/// Reported speech in sentences without a direct quote.
fn indirect(d: &Doc<'_>, ents: &[Ent], statements: &[(usize, usize)], out: &mut Vec<Qt>) {
    let lex = lexicon();
    let n_sent = d.sent_start.len();
    for s in 0..n_sent {
        let sa = d.sent_start[s];
        let sb = d.sent_start.get(s + 1).copied().unwrap_or(d.toks.len());
        if sa >= sb || d.skip_block[d.toks[sa].block as usize] {
            continue;
        }
        if statements.iter().any(|&(o, c)| o < sb && c >= sa) {
            continue;
        }
        // A sentence that quotes a few words (`said it was "deeply shocked"`) borrows
        // a label or a scare quote, not a statement: no reported speech is read there.
        if (sa..sb).any(|k| {
            d.toks[k].kind == Kind::Punct && matches!(d.t(k), "“" | "”" | "\"" | "„" | "«" | "»")
        }) {
            continue;
        }
        // Trim the final stop.
        let mut last = sb - 1;
        while last > sa && d.toks[last].kind == Kind::Punct {
            last -= 1;
        }
        // `According to X, clause`.
        if d.t(sa).eq_ignore_ascii_case("according") && sa + 2 < sb && d.t(sa + 1) == "to" {
            if let Some(comma) = (sa + 2..sb).find(|&m| d.t(m) == ",") {
                if let Some(sp) = according_np(d, ents, sa + 2, comma) {
                    if comma < last {
                        push(d, out, comma + 1, last, sp, "according to");
                        continue;
                    }
                }
            }
        }
        // `clause, according to X.`
        if let Some(m) = (sa + 2..sb.saturating_sub(2)).find(|&m| {
            d.t(m).eq_ignore_ascii_case("according") && d.t(m + 1) == "to" && d.t(m - 1) == ","
        }) {
            if let Some(sp) = according_np(d, ents, m + 2, sb) {
                push(d, out, sa, m - 2, sp, "according to");
                continue;
            }
        }
        // Passive: `... was termed by X as ...`.
        if let Some(v) = (sa + 1..sb.saturating_sub(1)).find(|&v| {
            lex.reporting.contains_key(d.t(v))
                && matches!(d.t(v - 1), "is" | "are" | "was" | "were" | "been")
                && d.t(v + 1) == "by"
        }) {
            if let Some(sp) = np_after(d, ents, v + 2, sb) {
                if good_subject(&sp) && !matches!(d.t(v), "urged" | "asked" | "called") {
                    push(d, out, sa, last, sp, d.t(v));
                    continue;
                }
            }
        }
        // `X said (that) clause`; several in one sentence (`X accused ..., and Y said
        // ...`) each keep their own clause.
        let mut found: Vec<(usize, usize, Speaker, &str)> = Vec::new(); // clause start, verb, speaker, verb text
        for v in sa + 1..sb {
            let t = d.t(v);
            if !lex.indirect.contains_key(t) || found.last().is_some_and(|f| v <= f.0) {
                continue;
            }
            let sp = match subject_before(d, ents, v, sa) {
                Some(sp) => sp,
                // `X defended his decision and said ...`: the sentence's subject.
                None if d.t(v - 1) == "and" => match sentence_subject(d, ents, sa, v) {
                    Some(sp) => sp,
                    None => continue,
                },
                None => continue,
            };
            if !good_subject(&sp) {
                continue;
            }
            // A relative clause (`an election that observers described as`) is no report.
            if sp.tok > sa && matches!(d.t(sp.tok - 1), "that" | "which" | "who" | "whom") {
                continue;
            }
            let object_verb = matches!(
                t,
                "described"
                    | "describes"
                    | "termed"
                    | "denounced"
                    | "branded"
                    | "praised"
                    | "hailed"
                    | "condemned"
                    | "criticised"
                    | "criticized"
            );
            let that = (v + 1..(v + 16).min(sb)).find(|&m| d.t(m) == "that");
            let pre_ok = |m: usize| {
                (v + 1..m).all(|x| {
                    matches!(d.toks[x].kind, Kind::Word | Kind::Poss | Kind::Num) && d.t(x) != "and"
                        || matches!(d.t(x), "’" | "-")
                }) && !has_finite_verb(d, v + 1, m)
            };
            let mut x = v + 1;
            while x < sb && time_word(d.t(x)) {
                x += 1;
            }
            let c = if let Some(th) = that.filter(|&th| pre_ok(th) && !object_verb) {
                th + 1
            } else if object_verb {
                if !(x..sb).any(|y| d.t(y) == "as") {
                    continue;
                }
                x
            } else if matches!(t, "accused" | "accuses") {
                if !(x..sb).any(|y| d.t(y) == "of") {
                    continue;
                }
                x
            } else if x >= sb || matches!(d.t(x), "," | "." | ";") {
                // `The events were ..., he said, and ...`: the clause is before.
                if let Some(comma) = (sa..sp.tok)
                    .rev()
                    .find(|&m| d.t(m) == ",")
                    .filter(|&c| c + 1 == sp.tok && c > sa)
                {
                    found.push((sa, v, sp, t));
                    let last_f = found.len() - 1;
                    found[last_f].0 = sa;
                    let _ = comma;
                    continue;
                }
                continue;
            } else {
                // `told MPs the offer was fair`: skip a short object first.
                let starts = if t == "told" {
                    (x + 1..(x + 4).min(sb)).collect::<Vec<_>>()
                } else {
                    vec![x]
                };
                let Some(c) = starts.into_iter().find(|&c| {
                    c < sb
                        && !matches!(d.t(c - 1), "the" | "a" | "an")
                        && matches!(d.toks[c].kind, Kind::Word | Kind::Num)
                        && (!NOT_CLAUSE_START.contains(&d.t(c))
                            || (c + 2 < sb
                                && (d.toks[c + 1].kind == Kind::Num
                                    || matches!(d.t(c + 1), "least" | "most")
                                    || d.toks[c + 2].kind == Kind::Num)))
                        && !lex.events.contains_key(d.t(c))
                        && has_finite_verb(d, c, clause_end(d, c, sb))
                }) else {
                    continue;
                };
                c
            };
            if c > last {
                continue;
            }
            found.push((c, v, sp, t));
        }
        if !found.is_empty() {
            for f in 0..found.len() {
                let (c, v, _, _) = found[f];
                let end = if c < v {
                    // clause before its verb: up to the comma before the subject
                    (sa..found[f].2.tok)
                        .rev()
                        .find(|&m| d.t(m) == ",")
                        .map_or(last, |m| m.saturating_sub(1))
                } else {
                    match found.get(f + 1) {
                        Some(nx) if nx.2.tok > c => {
                            let mut e = nx.2.tok - 1;
                            while e > c
                                && (d.toks[e].kind == Kind::Punct
                                    || matches!(d.t(e), "and" | "but"))
                            {
                                e -= 1;
                            }
                            e
                        }
                        _ => last,
                    }
                };
                if end >= c {
                    let (_, _, sp, t) = &found[f];
                    push(d, out, c, end, sp.clone(), t);
                }
            }
            continue;
        }
        // `clause, X said [on Monday][, ...]`.
        for v in (sa + 2..sb).rev() {
            if !lex.indirect.contains_key(d.t(v)) {
                continue;
            }
            let mut x = v + 1;
            while x < sb && time_word(d.t(x)) {
                x += 1;
            }
            if !(x >= sb || matches!(d.t(x), "," | "." | ";" | "!" | "?")) {
                continue;
            }
            if let Some(comma) = (sa..v).rev().find(|&m| d.t(m) == ",") {
                if let Some(sp) = subject_before(d, ents, v, comma + 1) {
                    if good_subject(&sp) && comma > sa && sp.tok == comma + 1 {
                        push(d, out, sa, comma - 1, sp, d.t(v));
                    }
                }
            }
            break;
        }
    }
}

fn good_subject(sp: &Speaker) -> bool {
    crate::speaker::is_source(sp)
}

fn push(d: &Doc<'_>, out: &mut Vec<Qt>, a: usize, b: usize, sp: Speaker, verb: &str) {
    out.push(Qt {
        s: d.toks[a].s,
        e: d.toks[b].e,
        tok: a,
        kind: QuoteKind::Indirect,
        speaker: Some(sp.name),
        speaker_text: Some(sp.text),
        verb: Some(verb.to_string()),
    });
}

/// Whether tokens `a..b` hold a finite verb (an auxiliary, a modal, or a past form
/// not used as an adjective), which a reported clause has and a bare object
/// (`claimed victory in a contested election`) lacks.
fn has_finite_verb(d: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b.min(d.toks.len())).any(|x| is_finite(d, x))
}

fn is_finite(d: &Doc<'_>, x: usize) -> bool {
    {
        let t = d.t(x);
        let after_det = x > 0
            && matches!(
                d.t(x - 1),
                "a" | "an"
                    | "the"
                    | "this"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "very"
                    | "most"
                    | "more"
                    | "well"
            );
        matches!(
            t,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
                | "do"
                | "shall"
                | "remains"
                | "remained"
                | "needs"
                | "needed"
                | "wants"
                | "knew"
                | "knows"
                | "saw"
                | "took"
                | "made"
                | "came"
                | "went"
                | "gave"
                | "left"
                | "got"
                | "found"
                | "lost"
                | "won"
                | "ran"
                | "fell"
                | "rose"
                | "held"
                | "sent"
                | "began"
                | "became"
                | "led"
                | "met"
                | "paid"
                | "hit"
                | "struck"
                | "fought"
                | "caught"
                | "brought"
                | "thought"
                | "sought"
                | "built"
                | "spent"
                | "stood"
                | "kept"
                | "felt"
                | "dealt"
                | "meant"
                | "broke"
                | "spoke"
                | "chose"
                | "wrote"
                | "drove"
                | "froze"
                | "stole"
                | "threw"
                | "grew"
                | "drew"
                | "flew"
                | "fled"
                | "shot"
                | "sold"
                | "told"
                | "spread"
                | "cost"
                | "hurt"
                | "heard"
                | "laid"
                | "taught"
                | "lay"
                | "sat"
                | "shut"
                | "set"
                | "put"
                | "cut"
                | "let"
                | "bore"
                | "tore"
                | "wore"
                | "sank"
                | "hid"
                | "forgot"
                | "understood"
                | "overtook"
                | "withdrew"
                | "swept"
        ) || (t.len() > 4 && t.ends_with("ed") && !d.cap(x) && !after_det)
    }
}

/// Where the finite verb of a clause starting at `c` must be found: before a
/// subordinator or relative pronoun, within 20 tokens, in the sentence.
fn clause_end(d: &Doc<'_>, c: usize, sb: usize) -> usize {
    (c + 1..sb.min(c + 20))
        .find(|&x| {
            matches!(
                d.t(x),
                "as" | "when"
                    | "while"
                    | "because"
                    | "after"
                    | "before"
                    | ";"
                    | "who"
                    | "which"
                    | "whose"
                    | "although"
            ) || (d.t(x) == "and" && x + 1 < sb && is_finite(d, x + 1))
        })
        .unwrap_or(sb.min(c + 20))
}

/// The subject at the start of a sentence (`Mr Smith defended ... and said`).
fn sentence_subject(d: &Doc<'_>, ents: &[Ent], sa: usize, v: usize) -> Option<Speaker> {
    let e = ents
        .iter()
        .find(|e| e.tok >= sa && e.tok < v && e.tok <= sa + 3)?;
    if e.kind == records::EntityType::Place {
        return None;
    }
    Some(Speaker {
        text: d.span(e.tok, e.tok_end).to_string(),
        name: e.name.clone(),
        tok: e.tok,
    })
}
