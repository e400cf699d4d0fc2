//! Attributions in a paragraph: for each sentence, the cue that reports
//! speech ("said", "according to", "cho biết"), the phrase naming the
//! speaker, the reported words, and how the sentence puts them together.
//! Speakers are only found here, as phrases; [`super::speakers`] says who
//! they are.
//!
//! The shapes, each a rule named in a claim's evidence:
//! - `said-that`: "X said (that) P", "X told Reuters P", "X said: “Q”";
//! - `tag-after`: "P, X said." and "“Q,” X said." (and "“Q” - X nói");
//! - `inverted`: "P, said X.";
//! - `according-to`: "According to X, P." and "P, according to X.";
//! - `quoted-as-saying`: "X quoted Y as saying P" (speaker Y, channel X);
//! - `quote-continues`: a sentence of quotation with no cue, going on from
//!   the quote before it (in its paragraph, or from the paragraph before when
//!   that one's quotation was left open).

use super::lexicon::Lexicon;
use super::quotes::{quotations, Quotation};
use super::sentences::sentences;
use super::tokens::{capitalized, tokens, Token};
use crate::model::ClaimKind;

pub type Span = (usize, usize);

/// One attribution, with byte ranges into its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    /// The reported words (several parts for a quote split by its tag).
    pub parts: Vec<Span>,
    /// The cue: the reporting verb or phrase.
    pub cue: Span,
    /// The phrase naming the speaker; empty for `quote-continues`.
    pub speaker: Span,
    /// A role given beside the name ("Hazem Qassem, a Hamas spokesman,").
    pub role: Option<Span>,
    /// Whom it was told to or who passed it on ("told Reuters", "AFP quoted").
    pub channel: Option<Span>,
    pub kind: ClaimKind,
    pub rule: &'static str,
    pub sentence: Span,
}

impl Raw {
    /// The sentence without its reported words: where a channel or a date of the attribution is.
    pub fn attribution(&self) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = self.sentence.0;
        for &(s, e) in &self.parts {
            if s > at {
                out.push((at, s));
            }
            at = at.max(e);
        }
        if at < self.sentence.1 {
            out.push((at, self.sentence.1));
        }
        out
    }
}

/// The paragraph's sentences, in order, each with its attributions (none for
/// a sentence of the journalist's own).
pub fn attributions(p: &str, lex: &Lexicon) -> Vec<(super::Sentence, Vec<Raw>)> {
    let quotes = quotations(p);
    sentences(p)
        .into_iter()
        .enumerate()
        .map(|(n, s)| {
            // A dateline ("BEIJING, April 4 (Reuters) -") is neither words nor attribution.
            let start = if n == 0 { dateline_end(p, s.start, s.end) } else { s.start };
            let sentence =
                Sentence { p, lex, toks: tokens(&p[start..s.end], start), span: (start, s.end), quotes: &quotes };
            let mut found = sentence.attributions();
            if found.is_empty() {
                found.extend(sentence.quote_alone());
            }
            (s, found)
        })
        .collect()
}

/// Where a paragraph's dateline ends: capitalized place names, a date, an
/// agency in brackets, then a dash ("KINSHASA, Congo --", "(Reuters) -").
/// `start` when there is none.
fn dateline_end(p: &str, start: usize, end: usize) -> usize {
    let toks = tokens(&p[start..end], start);
    let first = toks.iter().find(|t| t.word).map(|t| t.text(p)).unwrap_or("");
    let opens = toks.first().is_some_and(|t| t.text(p) == "(");
    let capitals = first.chars().count() >= 2 && first.chars().all(|c| !c.is_lowercase());
    if !(opens || capitals) {
        return start;
    }
    for (i, t) in toks.iter().enumerate().take(14) {
        let text = t.text(p);
        if matches!(text, "-" | "–" | "—") {
            let mut j = i + 1;
            while j < toks.len() && matches!(toks[j].text(p), "-" | "–" | "—") {
                j += 1;
            }
            return toks.get(j).map_or(start, |t| t.start);
        }
        let fits = !t.word && matches!(text, "," | "(" | ")" | ".") || t.word && !text.starts_with(char::is_lowercase);
        if !fits {
            return start;
        }
    }
    start
}

struct Sentence<'a> {
    p: &'a str,
    lex: &'a Lexicon,
    toks: Vec<Token>,
    span: Span,
    quotes: &'a [Quotation],
}

const SEPARATORS: &[&str] = &[",", "”", "\"", "»", "-", "–", "—", ":"];

impl<'a> Sentence<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.toks[i].text(self.p)
    }

    fn lower(&self, i: usize) -> String {
        self.text(i).to_lowercase()
    }

    fn quoted(&self, at: usize) -> bool {
        self.quotes.iter().any(|q| q.contains(at) && q.open != at)
    }

    fn texts(&self, from: usize) -> Vec<&'a str> {
        self.toks[from..].iter().map(|t| t.text(self.p)).collect()
    }

    fn has(&self, section: &str, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].word && self.lex.section(section).has(self.text(i))
    }

    /// The length in tokens of an entry of `section` starting at token `i`.
    fn phrase(&self, section: &str, i: usize) -> Option<usize> {
        if i >= self.toks.len() {
            return None;
        }
        let texts = self.texts(i);
        self.lex.section(section).at(&texts).map(|e| e.words.len())
    }

    fn words_in(&self, from: usize, to: usize) -> usize {
        self.toks[from.min(to)..to].iter().filter(|t| t.word).count()
    }

    /// Every cue of the sentence that yields an attribution, in order: one
    /// inside another's reported words is a claim of its own (nested, as in
    /// "X told Reuters that the report said Y …"), and so is the "according
    /// to" of a sentence whose words another cue reports.
    fn attributions(&self) -> Vec<Raw> {
        let mut out: Vec<Raw> = Vec::new();
        for i in 0..self.toks.len() {
            let at = self.toks[i].start;
            let taken = out.iter().any(|r| (r.cue.0 <= at && at < r.cue.1) || (r.speaker.0 <= at && at < r.speaker.1));
            if !self.toks[i].word || self.quoted(at) || taken {
                continue;
            }
            let found = if let Some(n) = self.phrase("according", i) {
                if self.phrase("not-according", i).is_some() {
                    None
                } else {
                    self.according(i, n)
                }
            } else {
                let as_saying = if self.has("as-saying", i) { self.quoted_as_saying(i) } else { None };
                as_saying.or_else(|| {
                    let n = self.phrase("reporting", i).or_else(|| self.phrase("belief", i))?;
                    self.verb(i, n)
                })
            };
            // ", adding that …" goes on with the speaker of the claim before it.
            let found = found.map(|mut raw| {
                if let (true, Some(last)) = (raw.rule == "participle", out.last()) {
                    raw.speaker = last.speaker;
                    raw.role = last.role;
                }
                raw
            });
            out.extend(found);
        }
        out
    }

    /// "According to X, P." / "P, according to X." / "Theo X, P."
    fn according(&self, i: usize, n: usize) -> Option<Raw> {
        let np_start = i + n;
        let np_end = self.np_right(np_start)?;
        let cue = (self.toks[i].start, self.toks[i + n - 1].end);
        let speaker = (self.toks[np_start].start, self.toks[np_end - 1].end);
        // Content before: "P, according to X."
        if i > 0 && self.comma_before(i) && self.words_in(0, i - 1) >= 3 {
            let parts = vec![self.trim_span(self.span.0, self.toks[i - 1].end)];
            return Some(self.raw(parts, cue, speaker, None, None, "according-to"));
        }
        // Content after: "According to X, P." (only a few words may come first: "But according to X").
        if self.words_in(0, i) <= 2 {
            let mut k = np_end;
            if k < self.toks.len() && self.text(k) == "," {
                k += 1;
            } else if self.lex.lang != "vi" {
                return None;
            }
            let k = self.skip_that(k);
            if self.words_in(k, self.toks.len()) >= 3 {
                let parts = vec![self.trim_span(self.toks[k].start, self.span.1)];
                return Some(self.raw(parts, cue, speaker, None, None, "according-to"));
            }
        }
        None
    }

    /// Whether a comma ends what comes before token `i` (", according to"; ",” according to").
    fn comma_before(&self, i: usize) -> bool {
        let before = self.p[self.span.0..self.toks[i].start].trim_end();
        before.ends_with(',') || before.ends_with(",”") || before.ends_with(",\"") || before.ends_with(",’")
    }

    /// "X quoted Y as saying P": the speaker is Y, the channel X.
    fn quoted_as_saying(&self, i: usize) -> Option<Raw> {
        let j = (i + 1..self.toks.len().min(i + 16)).find(|&j| self.phrase("as-saying", j) == Some(2))?;
        let speaker = (self.toks.get(i + 1)?.start, self.toks[j - 1].end);
        if j <= i + 1 {
            return None;
        }
        let channel = self.np_left(i).map(|(a, b)| (self.toks[a].start, self.toks[b - 1].end));
        let k = self.skip_that(j + 2);
        let cue = (self.toks[i].start, self.toks[j + 1].end);
        if self.words_in(k, self.toks.len()) < 3 {
            // "P, X cited Y as saying."
            let (a, _) = self.np_left(i)?;
            if a > 0 && self.comma_before(a) && self.words_in(0, a) >= 3 {
                let (parts, kind) = self.left_content(a - 1)?;
                let mut raw = self.raw(parts, cue, speaker, None, channel, "quoted-as-saying");
                raw.kind = kind;
                return Some(raw);
            }
            return None;
        }
        let parts = vec![self.trim_span(self.toks[k].start, self.clause_end(k))];
        Some(self.raw(parts, cue, speaker, None, channel, "quoted-as-saying"))
    }

    /// A reporting verb at token `i`, `n` tokens long.
    fn verb(&self, i: usize, n: usize) -> Option<Raw> {
        let lex = self.lex;
        let form = self.lower(i);
        // ", saying …": the speaker is the sentence's subject.
        if n == 1 && lex.section("participles").has(&form) {
            return self.participle(i);
        }
        if n == 1 && lex.section("noun-forms").has(&form) {
            return None;
        }
        if n == 1 && lex.lang == "en" && form.ends_with("ing") {
            return None;
        }
        // A capitalized cue inside a sentence is part of a name ("Trung tâm Dự báo", "Said Pasha").
        if i > 0 && capitalized(self.text(i)) && !matches!(self.text(i - 1), "“" | "\"" | "«" | "(" | ":") {
            return None;
        }
        // Negated ("did not say"), passive ("was announced", "is believed").
        let passive_ok = self.phrase("passive-ok", i).is_some();
        let mut k = i;
        while k > 0 && (self.has("auxiliary", k - 1) || self.has("negation", k - 1) || self.has("passive", k - 1)) {
            if self.has("negation", k - 1)
                || (self.has("passive", k - 1) && !passive_ok)
                || self.lower(k - 1).ends_with("n't")
                || self.lower(k - 1).ends_with("n’t")
            {
                return None;
            }
            k -= 1;
        }
        let k = self.skip_left_adverbials(k);
        let cue = (self.toks[i].start, self.toks[i + n - 1].end);
        let after = i + n;
        // Apposition: "NAME, DESC, said" / "DESC, NAME, said".
        if k > 0 && self.text(k - 1) == "," {
            if let Some(raw) = self.apposition(k - 1, k - 1, cue, after) {
                return Some(raw);
            }
        }
        // "X declined to comment on the report, but later issued a statement": the subject is the sentence's.
        if self.np_left(k).is_none() && k > 0 && self.has("coordinators", k - 1) {
            let (a, b) = self.sentence_subject()?;
            let speaker = (self.toks[a].start, self.toks[b - 1].end);
            let mut raw = self.content(None, speaker, None, cue, after, i)?;
            raw.rule = "said-that";
            return Some(raw);
        }
        if let Some((a, b)) = self.np_left(k) {
            // "NAME, ROLE, BODY verb": the body ends the role ("…, Phó Vụ trưởng …, Bộ GD-ĐT khẳng định").
            if a > 0 && self.text(a - 1) == "," && self.phrase("organisation-words", a).is_some() {
                if let Some(raw) = self.apposition(a - 1, b, cue, after) {
                    return Some(raw);
                }
            }
            if !self.valid_speaker(a, b) {
                return None;
            }
            let speaker = (self.toks[a].start, self.toks[b - 1].end);
            return self.content(Some(a), speaker, None, cue, after, i);
        }
        // "P, said X." / "“Q,” said X."
        if k > 0 && SEPARATORS.contains(&self.text(k - 1)) && self.words_in(0, k - 1) >= 3 {
            let end = self.np_right(after)?;
            if !self.valid_speaker(after, end) {
                return None;
            }
            let speaker = (self.toks[after].start, self.toks[end - 1].end);
            let role = self.role_after(end);
            let (parts, kind) = self.left_content(k - 1)?;
            let mut raw = self.raw(parts, cue, speaker, role, None, "inverted");
            raw.kind = kind;
            return Some(raw);
        }
        None
    }

    /// ", saying …" after a clause whose subject is the speaker.
    fn participle(&self, i: usize) -> Option<Raw> {
        if i == 0 || self.text(i - 1) != "," {
            return None;
        }
        let (a, b) = self.sentence_subject()?;
        let speaker = (self.toks[a].start, self.toks[b - 1].end);
        let cue = (self.toks[i].start, self.toks[i].end);
        // "saying only, “…”"
        let mut after = i + 1;
        if after < self.toks.len() && ["only", "simply"].contains(&self.lower(after).as_str()) {
            after += 1;
        }
        let mut raw = self.content(None, speaker, None, cue, after, i)?;
        raw.rule = "participle";
        Some(raw)
    }

    /// The speaker phrase a sentence starts with ("Chou", "The company"), when it is one.
    fn sentence_subject(&self) -> Option<(usize, usize)> {
        let mut a = 0;
        while a < self.toks.len() && (!self.toks[a].word || self.has("sentence-openers", a)) {
            a += 1;
        }
        let mut b = a;
        while b < self.toks.len() && b - a < 8 {
            // "Mr. Lund": an honorific's full stop is part of the name.
            if !self.toks[b].word {
                if self.text(b) == "." && b > a && self.has("honorifics", b - 1) {
                    b += 1;
                    continue;
                }
                break;
            }
            let lower = self.lower(b);
            let word_of_np = b == a
                || capitalized(self.text(b))
                || ["the", "a", "an", "of"].contains(&lower.as_str())
                || self.has("person-nouns", b)
                || self.has("plural-nouns", b)
                || self.has("organisation-words", b)
                || self.has("titles", b);
            if !word_of_np || self.has("auxiliary", b) {
                break;
            }
            b += 1;
        }
        (b > a && self.valid_speaker(a, b)).then_some((a, b))
    }

    /// `NAME, DESC, verb` with the comma after the name's description at
    /// token `c2`, the description ending at `desc_end` (`c2`, or the end of
    /// a body named after it).
    fn apposition(&self, c2: usize, desc_end: usize, cue: Span, after: usize) -> Option<Raw> {
        let c1 = (0..c2).rev().take(16).find(|&j| self.text(j) == ",")?;
        if c1 + 1 >= c2 || self.quoted(self.toks[c1].start) {
            return None;
        }
        let (a, b) = self.np_left(c1)?;
        let desc = (c1 + 1, desc_end);
        let name_is_proper = (a..b).any(|j| self.toks[j].word && capitalized(self.text(j)) && j > a);
        // A name: every word capitalized ("Dr. Serge Ngalebato"), no title word first.
        let desc_is_name = (desc.0..desc.1).all(|j| !self.toks[j].word || capitalized(self.text(j)))
            && self.words_in(desc.0, desc.1) >= 2
            && self.phrase("titles", desc.0).is_none_or(|_| self.has("honorifics", desc.0));
        let desc_is_description = !desc_is_name
            && (self.has("articles", desc.0)
                || !capitalized(self.text(desc.0))
                || self.phrase("titles", desc.0).is_some()
                || self.phrase("organisation-words", desc.0).is_some());
        let span = |x: usize, y: usize| (self.toks[x].start, self.toks[y - 1].end);
        // "the Chief of Police of Boston Heights, 40-year-old Chad McArdle, stated": the name ends the description.
        let run = (desc.0..desc.1)
            .rev()
            .take_while(|&j| self.toks[j].word && capitalized(self.text(j)) && self.phrase("titles", j).is_none())
            .count();
        let name_side_describes = self.has("articles", a) || !capitalized(self.text(a));
        if (desc_is_name || run >= 2) && name_side_describes {
            return self.content(Some(a), span(desc.0, desc.1), Some(span(a, b)), cue, after, after - 1);
        }
        if desc_is_description && (name_is_proper || capitalized(self.text(a))) {
            return self.content(Some(a), span(a, b), Some(span(desc.0, desc.1)), cue, after, after - 1);
        }
        // "the director of X, Dr. Serge Ngalebato, announced": the name is the middle part.
        None
    }

    /// The claim once its speaker is known: its words after the verb ("X said
    /// P") or, when the speaker phrase starts at token `a` in this clause,
    /// before it ("P, X said"). `a` is `None` for a speaker taken from the
    /// sentence's subject (a participle, a coordinated verb).
    fn content(
        &self,
        a: Option<usize>,
        speaker: Span,
        role: Option<Span>,
        cue: Span,
        after: usize,
        verb: usize,
    ) -> Option<Raw> {
        // Before: "P, X said." — what follows the verb is only the tag's own words.
        if let Some(a) = a.filter(|&a| {
            a > 0 && SEPARATORS.contains(&self.text(a - 1)) && self.words_in(0, a - 1) >= 3 && self.rest_is_tag(after)
        }) {
            let (mut parts, kind) = self.left_content(a - 1)?;
            // "“A,” he said, “B.”"
            if kind == ClaimKind::Quote {
                if let Some(q) = self.quotes.iter().find(|q| q.open >= cue.1 && q.open < self.span.1) {
                    parts.push(q.inner(self.p));
                }
            }
            let mut raw = self.raw(parts, cue, speaker, role, None, "tag-after");
            raw.kind = kind;
            return Some(raw);
        }
        let (k, channel) = self.skip_object(after, verb);
        let k = self.skip_that(self.skip_adverbials(k));
        if k >= self.toks.len() || self.words_in(k, self.toks.len()) < 2 {
            return None;
        }
        let mut start = self.toks[k].start;
        let keep_verb = (self.phrase("keep-verb-always", verb).is_some()
            || self.phrase("keep-verb", verb).is_some()
                && !self.toks[k - 1..k].iter().any(|t| self.lex.section("that").has(t.text(self.p))))
            && !matches!(self.text(k), "“" | "\"" | "«" | "„");
        if keep_verb {
            start = self.toks[verb].start;
        }
        if self.words_in(k, self.toks.len()) < 3 && !keep_verb {
            return None;
        }
        let span = self.trim_span(start, self.clause_end(k));
        let (parts, kind) = match self.whole_quote(span) {
            Some(inner) => (vec![inner], ClaimKind::Quote),
            None => (vec![span], ClaimKind::Paraphrase),
        };
        let mut raw = self.raw(parts, cue, speaker, role, channel, "said-that");
        raw.kind = kind;
        Some(raw)
    }

    /// Where reported words starting at token `k` end: the sentence's end, or
    /// a contrasting clause of the journalist's (", while the minister …").
    fn clause_end(&self, k: usize) -> usize {
        (k + 1..self.toks.len())
            .find(|&j| {
                self.text(j - 1) == ","
                    && (["while", "whereas", "although", "though", "amid"].contains(&self.lower(j).as_str())
                        || self.phrase("according", j).is_some())
                    && !self.quoted(self.toks[j].start)
            })
            .map_or(self.span.1, |j| self.toks[j - 1].start)
    }

    /// What comes before the separator at token `sep`, as a quote when it is one.
    fn left_content(&self, sep: usize) -> Option<(Vec<Span>, ClaimKind)> {
        let end = self.toks[sep].start;
        let end = if matches!(self.text(sep), "”" | "\"" | "»") { self.toks[sep].end } else { end };
        let span = self.trim_span(self.span.0, end);
        if span.1 <= span.0 {
            return None;
        }
        Some(match self.whole_quote(span) {
            Some(inner) => (vec![inner], ClaimKind::Quote),
            None => (vec![span], ClaimKind::Paraphrase),
        })
    }

    /// The words inside the marks when `span` is one quotation, whole.
    fn whole_quote(&self, span: Span) -> Option<Span> {
        let q = self.quotes.iter().find(|q| q.open == span.0)?;
        let slack = self.p[q.close.min(span.1)..span.1].trim_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
        if q.close > span.1 + 1 && q.closed || !slack.is_empty() {
            return None;
        }
        let (s, e) = q.inner(self.p);
        let e = e.min(span.1);
        Some(self.trim_span(s, e))
    }

    /// Whether only the tag's own words follow the verb (a date, a channel, whom it was told).
    fn rest_is_tag(&self, from: usize) -> bool {
        let from = self.skip_adverbials(from.min(self.toks.len()));
        // "…, the minister said Friday as the agency prepared …": what follows is the journalist's.
        let subordinate = ["as", "while", "after", "before", "when", "because", "though", "although"];
        if from < self.toks.len() && subordinate.contains(&self.lower(from).as_str()) {
            return true;
        }
        // "…, Germany's economy minister said, adding that …": the participle goes on with this claim.
        if from < self.toks.len() && self.text(from.saturating_sub(1)) == "," && self.has("participles", from) {
            return true;
        }
        // "… said at a press briefing when answering a question …"
        if let Some(j) = (from..self.toks.len().min(from + 7)).find(|&j| subordinate.contains(&self.lower(j).as_str()))
        {
            if !self.toks[from..j].iter().any(|t| self.lex.section("that").has(t.text(self.p)) || t.text(self.p) == ",")
            {
                return true;
            }
        }
        let rest = &self.toks[from..];
        let words = rest.iter().filter(|t| t.word).count();
        let that = rest.iter().any(|t| self.lex.section("that").has(t.text(self.p)));
        let quote_opens = rest.iter().any(|t| matches!(t.text(self.p), "“" | "«" | "„"));
        words <= 8 && !that && (!quote_opens || rest.first().is_some_and(|t| t.text(self.p) == ","))
    }

    /// A sentence of quotation with no cue of its own.
    fn quote_alone(&self) -> Option<Raw> {
        let first = self.toks.first()?;
        let q = self.quotes.iter().find(|q| q.contains(first.start))?;
        let (s, e) = q.inner(self.p);
        let start = s.max(self.span.0);
        let end = e.min(self.span.1);
        // Most of the sentence is quoted.
        if end <= start || (end - start) * 10 < (self.span.1 - self.span.0) * 7 {
            return None;
        }
        let span = self.trim_span(start, end);
        Some(Raw {
            parts: vec![span],
            cue: (self.span.0, self.span.0),
            speaker: (self.span.0, self.span.0),
            role: None,
            channel: None,
            kind: ClaimKind::Quote,
            rule: "quote-continues",
            sentence: self.span,
        })
    }

    fn raw(
        &self,
        parts: Vec<Span>,
        cue: Span,
        speaker: Span,
        role: Option<Span>,
        channel: Option<Span>,
        rule: &'static str,
    ) -> Raw {
        Raw { parts, cue, speaker, role, channel, kind: ClaimKind::Paraphrase, rule, sentence: self.span }
    }

    /// `[start, end)` without white space, a leading separator, or a trailing comma, colon or dash.
    fn trim_span(&self, start: usize, end: usize) -> Span {
        let text = &self.p[start..end];
        let lead = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || ",:;-–—".contains(c)).len();
        let body = &text[lead..];
        let trimmed = body.trim_end_matches(|c: char| c.is_whitespace() || ",:;-–—".contains(c));
        (start + lead, start + lead + trimmed.len())
    }

    /// A speaker phrase ending just before token `end`: token indexes `[a, end)`.
    fn np_left(&self, end: usize) -> Option<(usize, usize)> {
        let mut a = end;
        while a > 0 && end - a < 12 {
            let j = a - 1;
            let t = self.toks[j];
            if t.word {
                let lower = self.lower(j);
                if self.lex.section("clause-breaks").has(&lower) && a != end {
                    break;
                }
                let verb = self.lex.section("reporting").has(&lower) && !self.lex.section("noun-forms").has(&lower);
                if self.quoted(t.start) || (verb && a != end) {
                    break;
                }
                a = j;
            } else if self.text(j) == "." && j > 0 && self.has("honorifics", j - 1) {
                a = j;
            } else if self.text(j) == ")" && a == end {
                // "Analysts at Goldman Sachs ( GS - news - people ) have said": skip the brackets.
                let open = (0..j).rev().take(12).find(|&o| self.text(o) == "(")?;
                return self.np_left(open).map(|(s, _)| (s, open));
            } else {
                break;
            }
        }
        // Words of the sentence's own start that are not part of a name ("But", "Meanwhile").
        while a < end && self.has("sentence-openers", a) {
            a += 1;
        }
        (a < end).then_some((a, end))
    }

    /// A speaker phrase starting at token `start`: up to a comma, the sentence's end or a clause.
    fn np_right(&self, start: usize) -> Option<usize> {
        let mut b = start;
        while b < self.toks.len() && b - start < 12 {
            let t = self.toks[b];
            if !t.word {
                if self.text(b) == "." && b > start && self.has("honorifics", b - 1) {
                    b += 1;
                    continue;
                }
                break;
            }
            let lower = self.lower(b);
            if b > start
                && (self.lex.section("clause-breaks").has(&lower)
                    || self.lex.section("that").has(&lower)
                    || self.is_date_word(b))
            {
                break;
            }
            if b > start && (self.phrase("reporting", b).is_some() || self.phrase("belief", b).is_some()) {
                break;
            }
            b += 1;
        }
        (b > start).then_some(b)
    }

    /// "…, said Mr. Smith, a spokesman for X." — the role after the name.
    fn role_after(&self, end: usize) -> Option<Span> {
        if end < self.toks.len() && self.text(end) == "," && self.has("unnamed-determiners", end + 1)
            || end + 1 < self.toks.len() && self.lower(end + 1) == "the"
        {
            let stop = (end + 1..self.toks.len()).find(|&j| !self.toks[j].word && self.text(j) != "'")?;
            return (stop > end + 1).then(|| (self.toks[end + 1].start, self.toks[stop - 1].end));
        }
        None
    }

    /// Whether tokens `[a, b)` can name a speaker: a name, a pronoun, an
    /// organisation or a description of people.
    fn valid_speaker(&self, a: usize, b: usize) -> bool {
        let head = b - 1;
        if !self.toks[head].word || self.has("pronouns-first", head) && b - a == 1 {
            return false;
        }
        let lex = self.lex;
        let head_lower = self.lower(head);
        let head_word = head_lower.trim_end_matches("'s").trim_end_matches("’s");
        let proper = (a..b)
            .any(|j| self.toks[j].word && capitalized(self.text(j)) && (j > 0 || b - a > 1 || !self.common_start(j)));
        proper
            || lex.section("pronouns-person").at(&self.texts(a)).is_some_and(|e| e.words.len() == b - a)
            || lex.section("pronouns-group").has(&head_lower) && b - a == 1
            || lex.section("person-nouns").has(head_word)
            || lex.section("plural-nouns").has(head_word)
            || lex.section("organisation-words").has(head_word)
            // "the statement said": a document speaks for whoever issued it.
            || lex.section("channel-nouns").has(head_word) && b - a >= 2
    }

    /// A capitalized first word that is only capitalized because it starts the sentence.
    fn common_start(&self, j: usize) -> bool {
        let lower = self.lower(j);
        ["the", "this", "that", "it", "there", "a", "an", "these", "those", "such", "some", "one"]
            .contains(&lower.as_str())
            || self.lex.section("plural-nouns").has(&lower)
            || self.lex.section("person-nouns").has(&lower)
    }

    /// Skips whom it was told to ("told reporters in Geneva", "told Reuters").
    fn skip_object(&self, mut k: usize, verb: usize) -> (usize, Option<Span>) {
        let base = self.lex.section("reporting").at(&self.texts(verb)).map(|e| e.base.as_str()).unwrap_or("");
        // "stated to officers that …"
        if k < self.toks.len() && self.lower(k) == "to" && self.lex.lang == "en" {
            if let Some(that) = (k + 1..self.toks.len().min(k + 6)).find(|&j| self.has("that", j)) {
                return (that, (that > k + 1).then(|| (self.toks[k + 1].start, self.toks[that - 1].end)));
            }
        }
        if !matches!(base, "tell" | "trả lời phóng viên" | "trả lời báo chí") {
            return (k, None);
        }
        if base != "tell" {
            // "trả lời phóng viên Tiền Phong": the paper's name after it.
            let start = k;
            while k < self.toks.len() && self.toks[k].word && capitalized(self.text(k)) {
                k += 1;
            }
            return (k, (k > start).then(|| (self.toks[start].start, self.toks[k - 1].end)));
        }
        let start = k;
        // "told the local paper that …": whom, up to "that".
        if let Some(that) =
            (k..self.toks.len().min(k + 6)).take_while(|&j| self.toks[j].word).find(|&j| self.has("that", j))
        {
            return (that, (that > k).then(|| (self.toks[k].start, self.toks[that - 1].end)));
        }
        if let Some(n) = self.phrase("objects", k) {
            k += n;
        } else {
            if self.has("articles", k) {
                k += 1;
            }
            while k < self.toks.len()
                && self.toks[k].word
                && capitalized(self.text(k))
                && !self.lex.section("that").has(&self.lower(k))
            {
                k += 1;
            }
        }
        // "friends and advisers"
        if k + 1 < self.toks.len() && k > start && self.lower(k) == "and" && self.has("objects", k + 1) {
            k += 2;
        }
        let object = (k > start).then(|| (self.toks[start].start, self.toks[k - 1].end));
        // "in Geneva", "on Friday"
        if k + 1 < self.toks.len() && ["in", "at"].contains(&self.lower(k).as_str()) && capitalized(self.text(k + 1)) {
            k += 2;
            while k < self.toks.len() && self.toks[k].word && capitalized(self.text(k)) {
                k += 1;
            }
        }
        (k, object)
    }

    /// Skips dates and channels after the verb ("on Friday", "in a statement", ",").
    fn skip_adverbials(&self, mut k: usize) -> usize {
        loop {
            let before = k;
            if let Some(n) = self.phrase("channels", k).or_else(|| self.channel_phrase(k)) {
                k += n;
            }
            k = self.skip_date(k);
            while k < self.toks.len() && matches!(self.text(k), "," | ":") {
                k += 1;
            }
            if k == before {
                return k;
            }
        }
    }

    /// Skips the same before the verb, going left ("Congo's health minister on Thursday announced").
    fn skip_left_adverbials(&self, k: usize) -> usize {
        for back in (1..=5).rev() {
            if k >= back {
                let from = k - back;
                if self.skip_date(from) == k && from > 0 || self.phrase("channels", from) == Some(back) {
                    return from;
                }
            }
        }
        k
    }

    /// "in an official statement", "at a news conference", "in a video posted …": a
    /// preposition, a determiner, up to two words and a channel noun. Its length in tokens.
    fn channel_phrase(&self, k: usize) -> Option<usize> {
        if !self.has("channel-prepositions", k) {
            return None;
        }
        self.lex.channel_noun(&self.texts(k + 1)).map(|(n, _)| n + 1)
    }

    fn skip_that(&self, k: usize) -> usize {
        // "that" (in Vietnamese only "rằng": "là" is far more often "is").
        let that =
            if self.lex.lang == "vi" { k < self.toks.len() && self.lower(k) == "rằng" } else { self.has("that", k) };
        if that {
            k + 1
        } else {
            k
        }
    }

    fn is_date_word(&self, i: usize) -> bool {
        self.has("weekdays", i)
            || self.has("yesterday", i)
            || self.has("today", i)
            || (self.has("months", i) && capitalized(self.text(i)))
    }

    /// Skips a date phrase at token `k`: "on Friday", "Friday", "on March 5", "last week", "yesterday".
    fn skip_date(&self, k: usize) -> usize {
        let mut j = k;
        if j < self.toks.len() && ["on", "last", "this", "early", "late", "earlier"].contains(&self.lower(j).as_str()) {
            j += 1;
        }
        if j >= self.toks.len() {
            return k;
        }
        if self.has("weekdays", j) || self.has("yesterday", j) || self.has("today", j) {
            j += 1;
            if j < self.toks.len() && ["morning", "afternoon", "evening", "night"].contains(&self.lower(j).as_str()) {
                j += 1;
            }
            return j;
        }
        if self.has("months", j) && capitalized(self.text(j)) {
            j += 1;
            if j < self.toks.len() && self.text(j).chars().all(|c| c.is_ascii_digit()) {
                j += 1;
            }
            return j;
        }
        if ["week", "month", "year"].contains(&self.lower(j).as_str()) && j > k {
            return j + 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str) -> Vec<(String, String, &'static str, ClaimKind)> {
        let lex = Lexicon::for_language("en").unwrap();
        attributions(p, lex)
            .into_iter()
            .flat_map(|(_, raws)| raws)
            .map(|r| {
                let text = r.parts.iter().map(|&(s, e)| &p[s..e]).collect::<Vec<_>>().join(" ... ");
                (p[r.speaker.0..r.speaker.1].to_string(), text, r.rule, r.kind)
            })
            .collect()
    }

    #[test]
    fn the_shapes() {
        use ClaimKind::*;
        assert_eq!(
            find("The mayor said that the bridge will reopen in May."),
            [("The mayor".into(), "the bridge will reopen in May.".into(), "said-that", Paraphrase)]
        );
        assert_eq!(
            find("The bridge will reopen in May, the mayor said on Friday."),
            [("the mayor".into(), "The bridge will reopen in May".into(), "tag-after", Paraphrase)]
        );
        assert_eq!(
            find("“We are ready to open it,” said Ana Ruiz."),
            [("Ana Ruiz".into(), "We are ready to open it".into(), "inverted", Quote)]
        );
        assert_eq!(
            find("According to the council, the works cost too much."),
            [("the council".into(), "the works cost too much.".into(), "according-to", Paraphrase)]
        );
        assert_eq!(
            find("Local radio quoted a city engineer as saying the pillars were sound."),
            [("a city engineer".into(), "the pillars were sound.".into(), "quoted-as-saying", Paraphrase)]
        );
        assert_eq!(
            find("Tom Hale, a council member, told reporters the plan was dead."),
            [("Tom Hale".into(), "the plan was dead.".into(), "said-that", Paraphrase)]
        );
    }

    #[test]
    fn nested_participles_coordination_and_appositions() {
        use ClaimKind::*;
        // A nested report is a claim of its own; the outer one keeps it in its words.
        let found = find("Two council members told the local paper that a city report said the bridge was unsafe.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, "a city report said the bridge was unsafe.");
        assert_eq!(found[1], ("a city report".into(), "the bridge was unsafe.".into(), "said-that", Paraphrase));
        // "…, saying …" and "…, but later issued a statement …" take the sentence's subject.
        assert_eq!(
            find("Mr. Lund declined to comment, saying only, “The vote will decide.”"),
            [("Mr. Lund".into(), "The vote will decide.".into(), "participle", Quote)]
        );
        let found =
            find("The company would not comment at first, but later issued a statement calling the plan unlawful.");
        assert_eq!(found[0].0, "The company");
        // "DESCRIPTION, NAME, verb": the name is the speaker.
        let found = find("The head of the school board, retired teacher Ada Moss, said the fees would rise.");
        assert_eq!(found[0].0, "retired teacher Ada Moss");
        // "P, according to X" after "X said P": both.
        let found = find("The mayor said the works would end in May, according to local radio.");
        assert_eq!(found.iter().map(|f| f.2).collect::<Vec<_>>(), ["said-that", "according-to"]);
    }

    #[test]
    fn what_is_not_an_attribution() {
        assert!(find("The report said nothing new was found in May.").len() == 1);
        assert!(find("Nine other cases were announced Thursday.").is_empty());
        assert!(find("The minister declined to comment.").is_empty());
        assert!(find("He did not say whether the bridge would reopen.").is_empty());
        assert!(find("This is believed to be the first such meeting.").is_empty());
        assert!(find("Officers responded to the alleged attackers near the Said Pasha mosque.").is_empty());
        assert!(find("The police report stated nothing.").len() <= 1);
    }
}
