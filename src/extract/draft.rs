//! From an article to a draft bundle: its paragraphs' attributions
//! ([`super::find`]), their speakers resolved across the article
//! ([`super::speakers`]), their channels and dates, and for each claim the
//! evidence an editor checks it by.

use super::find::{attributions, Raw, Span};
use super::lexicon::Lexicon;
use super::speakers::{mention, Registry, Resolved};
use super::tokens::{capitalize, capitalized, tokens};
use crate::date::IsoDate;
use crate::load::limits;
use crate::model::{Article, Bundle, Claim, ClaimKind, Source, SourceKind, Speaker};
use crate::text::ids::Ids;

/// Where a drafted claim came from (bundle format 1.2, `claim.evidence`).
/// Ranges are in characters (Unicode scalar values) of the paragraph's text
/// as [`super::read`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub paragraph: u32,
    pub text: Vec<(usize, usize)>,
    pub cue: (usize, usize),
    pub confidence: f64,
    pub rule: &'static str,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub bundle: Bundle,
    /// One per claim, in the order of `bundle.claims`.
    pub evidence: Vec<Evidence>,
}

/// Why there is no draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    NoParagraphs,
    NoLanguage(String),
    NoAttributions { paragraphs: usize },
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::NoParagraphs => write!(f, "no paragraphs found: the text has no line ending a sentence"),
            Failure::NoLanguage(lang) => write!(
                f,
                "no lexicon for language \"{lang}\" (there are: {})",
                Lexicon::languages().collect::<Vec<_>>().join(", ")
            ),
            Failure::NoAttributions { paragraphs } => {
                write!(f, "no attributed statement found in {paragraphs} paragraphs (nobody \"said\", \"told\", \"according to\" …)")
            }
        }
    }
}

/// A guess at the article's language: Vietnamese when its letters say so, else English.
pub fn guess_language(text: &str) -> &'static str {
    let vi = text
        .chars()
        .filter(|c| {
            "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".contains(c.to_lowercase().next().unwrap_or(' '))
        })
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    if vi * 50 > letters {
        "vi"
    } else {
        "en"
    }
}

struct Found {
    paragraph: usize,
    raw: Raw,
    speaker: usize,
    resolved: Resolved,
}

/// The first person a sentence names outside quotations ("President Trump issued …").
fn person_in(t: &str, lex: &Lexicon, registry: &mut Registry) -> Option<usize> {
    let toks = tokens(t, 0);
    let quotes = super::quotes::quotations(t);
    let mut i = 0;
    while i < toks.len() {
        let run = toks[i..]
            .iter()
            .take_while(|x| x.word && super::tokens::capitalized(x.text(t)) || x.text(t) == ".")
            .count();
        if run >= 2 && !quotes.iter().any(|q| q.contains(toks[i].start)) {
            let phrase = &t[toks[i].start..toks[i + run - 1].end];
            if let Some(found) = registry.observe(&mention(phrase, None, lex)) {
                return Some(found);
            }
        }
        i += run.max(1);
    }
    None
}

/// Adds one attribution of paragraph `n`: a claim of its own, or more words of the one before.
fn take(
    raw: Raw,
    n: usize,
    p: &str,
    lex: &Lexicon,
    registry: &mut Registry,
    found: &mut Vec<Found>,
    last_in_paragraph: &mut Option<usize>,
) {
    if raw.rule == "quote-continues" {
        // Goes on from the quote before: in this paragraph, or the last of the one before.
        let prev = match *last_in_paragraph {
            Some(i) => Some(i),
            None => found
                .last()
                .and_then(|f| (f.paragraph + 1 == n && f.raw.kind == ClaimKind::Quote).then_some(found.len() - 1)),
        };
        let Some(i) = prev.filter(|&i| found[i].raw.kind == ClaimKind::Quote) else { return };
        if found[i].paragraph == n {
            found[i].raw.parts.extend(raw.parts);
        } else {
            let speaker = found[i].speaker;
            found.push(Found { paragraph: n, raw, speaker, resolved: Resolved::Pronoun });
            *last_in_paragraph = Some(found.len() - 1);
        }
        return;
    }
    let phrase = &p[raw.speaker.0..raw.speaker.1];
    let role = raw.role.map(|(s, e)| &p[s..e]);
    let m = mention(phrase, role, lex);
    let Some((speaker, resolved)) = registry.resolve(&m) else { return };
    registry.previous_subject = Some(speaker);
    registry.last_speaker = Some(speaker);
    // One claim per speaker and kind for a contiguous statement in a paragraph.
    if let Some(i) = *last_in_paragraph {
        let f = &mut found[i];
        // A new verb is a new speech act ("warned that …. He also pledged …"); "said" again,
        // a tag after the words, ", adding …" or more of a quote go on with the same one.
        let verb = |r: &Raw| {
            let text = &p[r.cue.0..r.cue.1];
            let words = super::tokens::words_of(text);
            lex.section("reporting").at(&words).map(|e| e.base.clone()).unwrap_or_else(|| text.to_lowercase())
        };
        let new_verb = verb(&raw);
        let goes_on = matches!(raw.rule, "tag-after" | "participle")
            || raw.kind == ClaimKind::Quote
            || matches!(new_verb.as_str(), "say" | "add")
            || new_verb == verb(&f.raw);
        // …and one claim stays within what a claim may hold.
        let length = |r: &Raw| r.parts.iter().map(|(s, e)| e - s + 5).sum::<usize>();
        let fits = length(&f.raw) + length(&raw) <= limits::CLAIM_TEXT;
        if f.speaker == speaker && f.raw.kind == raw.kind && goes_on && fits {
            f.raw.parts.extend(raw.parts);
            return;
        }
    }
    found.push(Found { paragraph: n, raw, speaker, resolved });
    *last_in_paragraph = Some(found.len() - 1);
}

/// Drafts a bundle from an article's text or HTML. `given` is what the text
/// may not say (`claim-cards draft`'s options): each member given is the
/// draft's; the title, the date and the language are otherwise found or
/// guessed from the text.
pub fn draft(input: &str, given: &Article) -> Result<Draft, Failure> {
    let article = super::read(input);
    if article.paragraphs.is_empty() {
        return Err(Failure::NoParagraphs);
    }
    let lang = given.language.clone().unwrap_or_else(|| guess_language(&article.paragraphs.join("\n")).to_string());
    let lex = Lexicon::for_language(&lang).ok_or_else(|| Failure::NoLanguage(lang.clone()))?;
    let mut registry = Registry::default();
    let mut found: Vec<Found> = Vec::new();
    for (n, p) in article.paragraphs.iter().enumerate() {
        let mut last_in_paragraph: Option<usize> = None;
        for (s, here) in attributions(p, lex) {
            if here.is_empty() {
                // Whom the sentence is about, for a pronoun or "the US leader" after it.
                if let Some(i) = person_in(&p[s.start..s.end], lex, &mut registry) {
                    registry.previous_subject = Some(i);
                }
                continue;
            }
            for raw in here {
                take(raw, n, p, lex, &mut registry, &mut found, &mut last_in_paragraph);
            }
        }
    }
    // A "sentence" longer than a claim may be is no claim to check (a run-on page, not prose).
    found.retain(|f| {
        let p = &article.paragraphs[f.paragraph];
        f.raw.parts.iter().map(|&(s, e)| p[s..e].chars().count() + 5).sum::<usize>() <= limits::CLAIM_TEXT
    });
    if found.is_empty() {
        return Err(Failure::NoAttributions { paragraphs: article.paragraphs.len() });
    }
    Ok(assemble(input, &article, given, &lang, lex, &registry, found))
}

fn assemble(
    input: &str,
    article: &super::Article,
    given: &Article,
    lang: &str,
    lex: &Lexicon,
    registry: &Registry,
    found: Vec<Found>,
) -> Draft {
    let mut speaker_ids = Ids::default();
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut speaker_of: Vec<Option<usize>> = vec![None; registry.entities.len()];
    let mut source_ids = Ids::default();
    let mut sources: Vec<Source> = Vec::new();
    let mut claim_ids = Ids::default();
    let mut claims = Vec::new();
    let mut evidence = Vec::new();
    let publisher = given.publisher.clone().filter(|p| !p.trim().is_empty());
    // The article's date: given, or the first full date its text carries (a dateline, "Published: …").
    let published = given.published.clone().or_else(|| date_in_text(input, lex));
    let mut boundaries: (Option<usize>, Vec<usize>) = (None, Vec::new());
    for f in found {
        let p = &article.paragraphs[f.paragraph];
        let e = &registry.entities[f.speaker];
        let speaker = *speaker_of[f.speaker].get_or_insert_with(|| {
            speakers.push(Speaker {
                id: speaker_ids.make(&e.name, "speaker"),
                name: clip(&e.name, limits::NAME),
                role: e.role.as_deref().map(|r| clip(r, limits::SHORT_TEXT)),
                affiliation: None,
                kind: e.kind,
                image: None,
            });
            speakers.len() - 1
        });
        let (name, kind) = channel(p, &f.raw, lex).unwrap_or_else(|| match &publisher {
            Some(name) => (name.clone(), SourceKind::Article),
            // No publisher given: the article's site, from its URL, or "The article".
            None => (
                given.url.as_deref().and_then(crate::load::host_of).unwrap_or_else(|| "The article".to_string()),
                SourceKind::Article,
            ),
        });
        let source = match sources.iter().position(|s| s.name == name && s.kind == kind) {
            Some(i) => i,
            None => {
                let url = (kind == SourceKind::Article).then(|| given.url.clone()).flatten();
                sources.push(Source { id: source_ids.make(&name, "source"), name, url, kind });
                sources.len() - 1
            }
        };
        let text = f
            .raw
            .parts
            .iter()
            .map(|&(s, e)| p[s..e].trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ... ");
        let text = capitalize(&text);
        let words: Vec<&str> = text.split_whitespace().take(5).collect();
        let id = claim_ids.make(&format!("{} {}", speakers[speaker].id, words.join(" ")), "claim");
        let date = published.as_ref().and_then(|published| date_of(p, &f.raw, lex, published));
        let base = match f.raw.rule {
            "quote-continues" => 0.7,
            "said-that" | "quoted-as-saying" => 0.9,
            _ => 0.85,
        };
        // Byte offsets to character offsets (a binary search in the paragraph's, made once).
        if boundaries.0 != Some(f.paragraph) {
            boundaries = (Some(f.paragraph), p.char_indices().map(|(b, _)| b).collect());
        }
        let chars = |at: usize| boundaries.1.partition_point(|&b| b < at);
        evidence.push(Evidence {
            paragraph: f.paragraph as u32 + 1,
            text: f.raw.parts.iter().map(|&(s, e)| (chars(s), chars(e))).collect(),
            cue: (chars(f.raw.cue.0), chars(f.raw.cue.1)),
            confidence: ((base * f.resolved.confidence()) * 100.0).round() / 100.0,
            rule: f.raw.rule,
        });
        claims.push(Claim {
            id,
            text,
            speaker,
            sources: vec![source],
            kind: f.raw.kind,
            date,
            topics: Vec::new(),
            paragraph: Some(f.paragraph as u32 + 1),
            context: None,
            review: None,
        });
    }
    let bundle = Bundle {
        version: 1.2,
        article: Article {
            // A bundle needs a title: the draft's stands in until the editor gives one.
            title: given.title.clone().or_else(|| article.title.clone()).or_else(|| {
                let first: Vec<&str> = article.paragraphs[0].split_whitespace().take(8).collect();
                Some(clip(&format!("Draft: {}…", first.join(" ")), limits::NAME))
            }),
            url: given.url.clone(),
            publisher,
            published: published.clone(),
            language: Some(lang.to_string()),
        },
        speakers,
        sources,
        claims,
        topics: Vec::new(),
        verdicts: Vec::new(),
    };
    Draft { bundle, evidence }
}

/// `text` cut to at most `max` characters, ending in "…" when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    text.chars().take(max - 1).collect::<String>() + "…"
}

/// The channel the attribution names: an outlet, a statement, a briefing, a post.
fn channel(p: &str, raw: &Raw, lex: &Lexicon) -> Option<(String, SourceKind)> {
    let outlets = lex.section("outlets");
    let outlet_in = |(s, e): Span| -> Option<(String, SourceKind)> {
        let text = &p[s..e];
        let toks = tokens(text, 0);
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        (0..words.len()).find_map(|i| {
            let entry = outlets.at(&words[i..])?;
            // Outlet names are matched as written (AP, not "ap").
            let written = words[i..i + entry.words.len()].join(" ");
            let canonical = entry.words.join(" ");
            (written.to_lowercase() == canonical && written.chars().next().is_some_and(char::is_uppercase))
                .then(|| (entry.values.get(1).cloned().unwrap_or(written), entry.source().1))
        })
    };
    if let Some(c) = raw.channel {
        if let Some(found) = outlet_in(c) {
            return Some(found);
        }
        let text = p[c.0..c.1].to_lowercase();
        if lex.section("reporters").at(&super::tokens::words_of(&text)).is_some() {
            return Some(("Press briefing".into(), SourceKind::PressBriefing));
        }
        if raw.rule == "quoted-as-saying" {
            return Some((p[c.0..c.1].trim_start_matches("the ").to_string(), SourceKind::Other));
        }
    }
    // The speaker is itself an outlet ("according to Reuters", "Al Jazeera reported").
    if let Some(found) = outlet_in(raw.speaker) {
        return Some(found);
    }
    for span in raw.attribution() {
        if let Some(found) = outlet_in(span) {
            return Some(found);
        }
        let text = &p[span.0..span.1];
        let toks = tokens(text, 0);
        let words: Vec<&str> = toks.iter().filter(|t| t.word).map(|t| t.text(text)).collect();
        if let Some(entry) = (0..words.len()).find_map(|i| lex.section("channels").at(&words[i..])) {
            return Some(entry.source());
        }
        // "in an official statement", "at a news conference": a determiner, then the channel's noun.
        if let Some((_, entry)) = (0..words.len()).find_map(|i| lex.channel_noun(&words[i..])) {
            return Some(entry.source());
        }
    }
    None
}

/// The day the attribution gives ("on March 5", "said Friday", "yesterday"),
/// resolved against the article's date; none when it cannot be resolved.
fn date_of(p: &str, raw: &Raw, lex: &Lexicon, published: &IsoDate) -> Option<IsoDate> {
    let today = published.day_number();
    for span in raw.attribution() {
        let text = &p[span.0..span.1];
        let toks = tokens(text, 0);
        let words: Vec<String> = toks.iter().filter(|t| t.word).map(|t| t.text(text).to_string()).collect();
        for (i, w) in words.iter().enumerate() {
            let lower = w.to_lowercase();
            if let Some(wd) = lex.section("weekdays").number(w) {
                // The most recent such day, on or before the article's.
                let back = (i64::from(published.weekday()) - i64::from(wd)).rem_euclid(7);
                return Some(IsoDate::from_day_number(today - back));
            }
            if lex.section("yesterday").has(&lower) {
                return Some(IsoDate::from_day_number(today - 1));
            }
            if lex.section("today").has(&lower) {
                return Some(published.clone());
            }
            if let Some(month) = lex.section("months").number(w).filter(|_| capitalized(w)) {
                let month = month as u8;
                let day: u8 = words.get(i + 1)?.parse().ok().filter(|d| (1..=31).contains(d))?;
                let mut year = published.year;
                if (month, day) > (published.month, published.day) {
                    year -= 1;
                }
                return IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok();
            }
        }
    }
    None
}

/// The first full date in the article's text (within its first 3,000
/// characters, or the last 1,000: datelines and "Published" lines): ISO
/// (2025-03-06), "March 6, 2025", "6 March 2025", or day-month-year with
/// dashes or slashes as Vietnamese papers print it (6-3-2025, 06/03/2025).
pub fn date_in_text(input: &str, lex: &Lexicon) -> Option<IsoDate> {
    let head: String = input.chars().take(3000).collect();
    let count = input.chars().count();
    let tail: String = input.chars().skip(count.saturating_sub(1000)).collect();
    [head, tail].iter().find_map(|text| {
        let toks = tokens(text, 0);
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        (0..words.len()).find_map(|i| full_date(&words[i..], lex))
    })
}

fn full_date(w: &[&str], lex: &Lexicon) -> Option<IsoDate> {
    let num = |s: &str| s.parse::<u32>().ok();
    let make = |y: u32, m: u32, d: u32| {
        (1900..=2200).contains(&y).then(|| IsoDate::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()).flatten()
    };
    let month_of = |s: &str| lex.section("months").number(s).filter(|_| capitalized(s));
    let first = *w.first()?;
    // 2025-03-06 (one token: digits joined by "-")
    let parts: Vec<&str> = first.split(['-', '/', '.']).collect();
    if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty()) {
        let (a, b, c) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
        return if parts[0].len() == 4 { make(a, b, c) } else { make(c, b, a) };
    }
    // 06/03/2025: tokens 06 / 03 / 2025
    if w.len() >= 5 && w[1] == "/" && w[3] == "/" {
        return make(num(w[4])?, num(w[2])?, num(first)?);
    }
    // March 6, 2025
    if let Some(m) = month_of(first) {
        let (d, y) = (num(w.get(1)?)?, if w.get(2) == Some(&",") { w.get(3) } else { w.get(2) });
        return make(num(y?)?, m, d);
    }
    // 6 March 2025
    if let (Some(d), Some(m)) = (num(first), w.get(1).and_then(|s| month_of(s))) {
        return make(num(w.get(2)?)?, m, d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_found_in_the_text() {
        let en = Lexicon::for_language("en").unwrap();
        let found = |t: &str| date_in_text(t, en).map(|d| d.to_string());
        assert_eq!(found("Published: 2013-04-19 08:40:05"), Some("2013-04-19".into()));
        assert_eq!(found("By A. Writer | March 6, 2025, 10:00"), Some("2025-03-06".into()));
        assert_eq!(found("Updated 6 March 2025"), Some("2025-03-06".into()));
        assert_eq!(found("Thứ Năm, 06/03/2025 - 10:00"), Some("2025-03-06".into()));
        assert_eq!(found("Ngày 6-3-2025, ông A cho biết"), Some("2025-03-06".into()));
        assert_eq!(found("It rained 3 times in May."), None);
        assert_eq!(found("Version 1.2.3 is out"), None);
    }

    #[test]
    fn days_round_trip() {
        let d = IsoDate::parse("2025-03-06").unwrap();
        assert_eq!(IsoDate::from_day_number(d.day_number()), d);
        assert_eq!(IsoDate::from_day_number(d.day_number() - 6).to_string(), "2025-02-28");
        assert_eq!(d.weekday(), 3, "a Thursday");
    }
}
