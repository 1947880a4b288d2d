//! Quotes: direct quotes between curly or straight marks (a paragraph that opens a
//! quote without closing it continues into the next one that opens with a mark),
//! their speaker and reporting verb; scare quotes (a word or three with no attribution)
//! are left out; and reported speech (`X said that ...`, `according to X, ...`,
//! `..., X said`) as indirect quotes.

use records::QuoteKind;

use crate::entities::Ent;
use crate::lexicon::lexicon;
use crate::speaker::{Speaker, np_after, subject_before};
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
                || (t == "\"" && (k == a || d.toks[k].sp_before || matches!(d.t(k - 1), "(" | "—" | "-" | ":")))
                || ((t == "‘" || t == "'") && (k == a || tok.sp_before || matches!(d.t(k - 1), "(" | "—" | "“" | "\"")) && k + 1 < z && !d.toks[k + 1].sp_before));
        if !opening {
            k += 1;
            continue;
        }
        let mut m = k + 1;
        let mut close = None;
        while m < z {
            let tm = d.t(m);
            let kind_ok = d.toks[m].kind == Kind::Punct || (d.toks[m].kind == Kind::Poss && tm == "’");
            if kind_ok && closes(t, tm) && m > k + 1 {
                // A curly opening mark where a closing one is due (`coup, “he said`) still closes.
                close = Some(m);
                break;
            }
            // A new opening double mark inside an open double quote: the first was never closed.
            if is_open_double(t) && is_open_double(tm) && d.toks[m].sp_before && m + 1 < z && !d.toks[m + 1].sp_before && tm == "“" {
                break;
            }
            m += 1;
        }
        match close {
            Some(c) => {
                out.push(Span { open: k, close: Some(c), last: c - 1 });
                k = c + 1;
            }
            None => {
                if t == "'" || t == "‘" {
                    k += 1;
                    continue;
                }
                let last = m.min(z) - 1;
                out.push(Span { open: k, close: None, last });
                k = m;
            }
        }
    }
    out
}

fn words_in(d: &Doc<'_>, a: usize, b: usize) -> usize {
    (a..=b).filter(|&k| matches!(d.toks[k].kind, Kind::Word | Kind::Num)).count()
}

/// Speaker right after a closing mark: `, he said`, `said Mr Putin`, `according to X`,
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
        return np_after(d, ents, m + 1, sb).map(|s| (s, verb));
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
    }
    None
}

/// Finds direct and indirect quotes. `min_words` is the fewest words a quotation
/// needs to count as a statement without an attribution right at it.
pub fn find(d: &Doc<'_>, ents: &[Ent], min_words: usize) -> Vec<Qt> {
    let n_blocks = d.block_start.len();
    let mut out: Vec<Qt> = Vec::new();
    // Direct quotes.
    let mut chain_open: Option<usize> = None; // index in `out` of an unclosed quote's chain start
    let mut statement_spans: Vec<(usize, usize)> = Vec::new();
    let mut prev_block_last_speaker: Option<(Option<String>, Option<String>, Option<String>)> = None;
    for b in 0..n_blocks {
        let a = d.block_start[b];
        let z = d.block_start.get(b + 1).copied().unwrap_or(d.toks.len());
        if a >= z || d.skip_block[b] {
            chain_open = None;
            continue;
        }
        let sp = spans(d, a, z);
        let first_in_block = out.len();
        let mut this_block_last: Option<(Option<String>, Option<String>, Option<String>)> = None;
        let starts_with_quote = sp.first().is_some_and(|s| s.open == a);
        if !starts_with_quote {
            chain_open = None;
        }
        for (si, span) in sp.iter().enumerate() {
            if span.last <= span.open {
                continue;
            }
            let inner_a = span.open + 1;
            let inner_b = span.last;
            let n_words = words_in(d, inner_a, inner_b);
            let after = span.close.and_then(|c| speaker_after(d, ents, c, z));
            let continued = si == 0 && starts_with_quote && chain_open.is_some();
            let ends_sentence = matches!(d.t(inner_b), "." | "," | "!" | "?" | "…");
            let statement = n_words >= min_words || (after.is_some() && n_words >= 2 && ends_sentence) || continued || span.close.is_none() && n_words >= 2;
            if !statement {
                continue;
            }
            statement_spans.push((span.open, span.close.unwrap_or(span.last)));
            let found = after.or_else(|| speaker_before(d, ents, span.open));
            let (speaker, speaker_text, verb) = match found {
                Some((s, v)) => (Some(s.name), Some(s.text), Some(v)),
                None => (None, None, None),
            };
            let s = d.toks[inner_a].s;
            let e = d.toks[inner_b].e;
            out.push(Qt { s, e, tok: inner_a, kind: QuoteKind::Direct, speaker, speaker_text, verb });
            let idx = out.len() - 1;
            if continued {
                if let Some(c) = chain_open {
                    // The chain shares one speaker: the first one found along it.
                    let chain_speaker = (c..=idx).find_map(|x| out[x].speaker.clone().map(|sp| (sp, out[x].speaker_text.clone(), out[x].verb.clone())));
                    if let Some((sp, st, vb)) = chain_speaker {
                        for q in &mut out[c..=idx] {
                            if q.speaker.is_none() {
                                q.speaker = Some(sp.clone());
                                q.speaker_text = st.clone();
                                q.verb = vb.clone();
                            }
                        }
                    }
                }
            }
            if span.close.is_none() {
                if chain_open.is_none() || !continued {
                    chain_open = Some(idx);
                }
            } else if (si == 0 && !continued) || continued {
                chain_open = None;
            }
        }
        // Fill speakers left open: another quote of the paragraph, the rest of the
        // paragraph, then the previous paragraph's quote.
        for x in first_in_block..out.len() {
            if out[x].speaker.is_some() {
                continue;
            }
            let same_sentence = (first_in_block..out.len())
                .filter(|&y| y != x && out[y].speaker.is_some() && d.toks[out[y].tok].sent == d.toks[out[x].tok].sent)
                .min_by_key(|&y| (out[y].tok as isize - out[x].tok as isize).unsigned_abs());
            let earlier = (first_in_block..x).rev().find(|&y| out[y].speaker.is_some());
            if let Some(y) = same_sentence.or(earlier) {
                let (sp, st, vb) = (out[y].speaker.clone(), out[y].speaker_text.clone(), out[y].verb.clone());
                out[x].speaker = sp;
                out[x].speaker_text = st;
                out[x].verb = vb;
                continue;
            }
            // A reporting verb with a named subject later in the paragraph.
            let lex = lexicon();
            let from = out[x].tok;
            let mut got = None;
            for v in from..z {
                if lex.reporting.contains_key(d.t(v)) && !statement_spans.iter().any(|&(o, c)| o <= v && v <= c) {
                    let (sa, _) = d.sentence_range(v);
                    if let Some(s) = subject_before(d, ents, v, sa) {
                        if s.name.chars().next().is_some_and(char::is_uppercase) {
                            got = Some((s, d.t(v).to_string()));
                            break;
                        }
                    }
                }
            }
            if let Some((s, v)) = got {
                out[x].speaker = Some(s.name);
                out[x].speaker_text = Some(s.text);
                out[x].verb = Some(v);
                continue;
            }
            if d.toks[out[x].tok].block as usize == b && out[x].tok == a + 1 {
                if let Some((sp, st, vb)) = prev_block_last_speaker.clone() {
                    out[x].speaker = sp;
                    out[x].speaker_text = st;
                    out[x].verb = vb;
                }
            }
        }
        if let Some(q) = out[first_in_block..].iter().rev().find(|q| q.speaker.is_some()) {
            this_block_last = Some((q.speaker.clone(), q.speaker_text.clone(), q.verb.clone()));
        }
        prev_block_last_speaker = this_block_last;
    }
    indirect(d, ents, &statement_spans, &mut out);
    out.sort_by_key(|q| q.s);
    out
}

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
        // Trim the final stop.
        let mut last = sb - 1;
        while last > sa && d.toks[last].kind == Kind::Punct {
            last -= 1;
        }
        // `According to X, clause`.
        if d.t(sa).eq_ignore_ascii_case("according") && sa + 2 < sb && d.t(sa + 1) == "to" {
            if let Some(comma) = (sa + 2..sb).find(|&m| d.t(m) == ",") {
                if let Some(sp) = np_after(d, ents, sa + 2, comma) {
                    if comma < last {
                        push(d, out, comma + 1, last, sp, "according to");
                        continue;
                    }
                }
            }
        }
        // Passive: `... was termed by X as ...`, `... were urged by X to ...`.
        if let Some(v) = (sa + 1..sb.saturating_sub(1)).find(|&v| {
            lex.reporting.contains_key(d.t(v)) && matches!(d.t(v - 1), "is" | "are" | "was" | "were" | "been") && d.t(v + 1) == "by"
        }) {
            if let Some(sp) = np_after(d, ents, v + 2, sb) {
                if good_subject(&sp) {
                    push(d, out, sa, last, sp, d.t(v));
                    continue;
                }
            }
        }
        // `X said (that) clause`.
        let mut done = false;
        for v in sa + 1..sb {
            let t = d.t(v);
            if !lex.indirect.contains_key(t) {
                continue;
            }
            let Some(sp) = subject_before(d, ents, v, sa) else { continue };
            if !good_subject(&sp) {
                continue;
            }
            // Skip an object and time words to `that`, or start right after the verb.
            let mut c = v + 1;
            let that = (v + 1..(v + 10).min(sb)).find(|&m| d.t(m) == "that" && !d.toks[m..].first().is_some_and(|_| false));
            let pre_ok = |m: usize| (v + 1..m).all(|x| d.toks[x].kind == Kind::Word || d.toks[x].kind == Kind::Poss || matches!(d.t(x), "," | "’"));
            if let Some(th) = that.filter(|&th| pre_ok(th)) {
                c = th + 1;
            } else {
                while c < sb && (matches!(d.t(c), "on" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday" | "today" | "yesterday" | "late" | "earlier")) {
                    c += 1;
                }
                let object_verb = matches!(t, "described" | "describes" | "termed" | "denounced" | "branded");
                let has_as = (c..sb).any(|x| d.t(x) == "as");
                let ok_start = c < sb
                    && ((object_verb && has_as)
                        || (!object_verb
                            && matches!(t, "said" | "says" | "told" | "claimed" | "claims" | "insisted" | "insists" | "denied" | "warned" | "added" | "stated" | "believes" | "admitted" | "argued" | "alleged" | "asserted" | "confirmed" | "estimated")
                            && d.toks[c].kind == Kind::Word
                            && (d.cap(c) || matches!(d.t(c), "the" | "his" | "her" | "its" | "their" | "it" | "he" | "she" | "they" | "there" | "a" | "an" | "some" | "order" | "measures" | "doubts" | "militants" | "rioters" | "protesters"))));
                if !ok_start {
                    continue;
                }
            }
            if c > last {
                continue;
            }
            push(d, out, c, last, sp, t);
            done = true;
            break;
        }
        if done {
            continue;
        }
        // `clause, X said.`
        if let Some(v) = (sa + 2..sb).rev().find(|&m| lex.indirect.contains_key(d.t(m))) {
            let trailing_ok = (v + 1..sb).all(|m| d.toks[m].kind == Kind::Punct || matches!(d.t(m), "on" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday" | "today" | "yesterday"));
            if trailing_ok {
                if let Some(comma) = (sa..v).rev().find(|&m| d.t(m) == ",") {
                    if let Some(sp) = subject_before(d, ents, v, comma) {
                        if good_subject(&sp) && comma > sa {
                            push(d, out, sa, comma - 1, sp, d.t(v));
                        }
                    }
                }
            }
        }
    }
}

fn good_subject(sp: &Speaker) -> bool {
    if matches!(sp.text.as_str(), "it" | "It" | "they" | "They" | "we" | "We" | "I" | "this" | "This") {
        return false;
    }
    let first = sp.text.chars().next();
    first.is_some_and(char::is_uppercase)
        || matches!(sp.text.as_str(), "he" | "she")
        || ["ministry", "officials", "authorities", "police", "spokesman", "spokeswoman", "spokesperson", "government", "president", "minister", "ministers", "experts", "critics", "analysts", "agency", "committee", "army", "military", "office", "prosecutors", "witnesses", "residents", "court", "sources", "statement", "report", "the"]
            .iter()
            .any(|w| sp.text.split_whitespace().any(|x| x.eq_ignore_ascii_case(w)))
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
