//! The archive view's questions, pure: what a reader has chosen
//! ([`Choice`], with its URL form and its reducer) and a [`Session`] that
//! answers it from the files read so far — the page of cards, the total, and
//! every facet's options with their labels and counts — or names the files it
//! still needs. The browser (`hooks::archive`) fetches those and asks again;
//! the CLI and the tests read them from a folder. Each step asks for what
//! it can name at once: the search's shards (chosen values' lists are keyed
//! by their identities, as the words' by the words) and lists (a round per
//! part read), then the cards (their places are in the lists) and the
//! facets' labels together (BENCHMARKS.md counts the rounds).

use super::format::Manifest;
use super::query::{self, Count, FacetCounts, Files, Label, Need, Query};
use super::{identity, Facet, UNDATED};
use crate::dataset::{LoadState, Shared};
use crate::date::IsoDate;
use crate::view::{attribute_value, list_values};
use rustc_hash::FxHashMap;

/// Cards per page: the first page, and each one more as the reader scrolls
/// (the next page is asked for while the end of the list is still 1,000 px
/// away). As many as the widget renders first after an interaction (its
/// `WINDOW`). Each card is one small range request of its pack (its place
/// and length are in its list entry: a few hundred bytes), BENCHMARKS.md,
/// issue #22.
pub const PAGE: usize = 6;
/// Options shown per facet (its chosen values besides); a speaker not among
/// them is found by the type-ahead.
pub const OPTIONS: usize = 8;
/// Suggestions the type-ahead offers.
pub const SUGGESTIONS: usize = 8;

/// The URL parameters of an archive view: the widget's facets (and the
/// publisher) by [`Facet::name`], then `q`, `from`, `to`, `sort`.
pub const PARAMS: [&str; 10] =
    ["speaker", "source", "topic", "kind", "verdict", "publisher", "q", "from", "to", "sort"];
/// `sort=relevance`: best match first (only with a search text).
pub const SORT_RELEVANCE: &str = "relevance";

/// What a reader has chosen in an archive. Facet values are identities
/// ([`identity`] of their labels), so a choice survives a URL and a rebuild.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    /// Chosen values per facet, facets in [`Facet::ALL`] order, none empty.
    pub chosen: Vec<(Facet, Vec<String>)>,
    pub query: String,
    /// Days, inclusive.
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub relevance: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Toggle(Facet, String),
    SetQuery(String),
    SetFrom(Option<i32>),
    SetTo(Option<i32>),
    SetRelevance(bool),
    /// Every filter, the search and the dates; keeps the order.
    ClearAll,
    /// Back/forward.
    Replace(Choice),
}

/// A day as `YYYY-MM-DD` (the URL's and `<input type=date>`'s form).
pub fn day_text(day: i32) -> String {
    IsoDate::from_day_number(i64::from(day)).to_string()
}

/// A `YYYY-MM-DD` as a day (None for anything else).
pub fn parse_day(text: &str) -> Option<i32> {
    let d = IsoDate::parse(text.trim()).ok().filter(|d| d.time.is_none())?;
    i32::try_from(d.day_number()).ok()
}

impl Choice {
    pub fn apply(&self, action: Action) -> Choice {
        let mut next = self.clone();
        match action {
            Action::Toggle(facet, id) => {
                match next.chosen.iter().position(|(f, _)| *f == facet) {
                    Some(i) => {
                        let values = &mut next.chosen[i].1;
                        match values.iter().position(|v| *v == id) {
                            Some(j) => {
                                values.remove(j);
                            }
                            None => values.push(id),
                        }
                        if values.is_empty() {
                            next.chosen.remove(i);
                        }
                    }
                    None => next.chosen.push((facet, vec![id])),
                }
                next.chosen.sort_by_key(|(f, _)| *f);
            }
            Action::SetQuery(q) => next.query = q,
            Action::SetFrom(d) => next.from = d,
            Action::SetTo(d) => next.to = d,
            Action::SetRelevance(r) => next.relevance = r,
            Action::ClearAll => {
                next = Choice { relevance: self.relevance, ..Choice::default() };
            }
            Action::Replace(c) => next = c,
        }
        next
    }

    pub fn is_chosen(&self, facet: Facet, id: &str) -> bool {
        self.values(facet).iter().any(|v| v == id)
    }

    pub fn values(&self, facet: Facet) -> &[String] {
        self.chosen.iter().find(|(f, _)| *f == facet).map_or(&[], |(_, v)| v.as_slice())
    }

    pub fn is_filtered(&self) -> bool {
        !self.chosen.is_empty() || !self.query.trim().is_empty() || self.from.is_some() || self.to.is_some()
    }

    /// Reads a choice from URL query pairs or attributes (a facet's values
    /// repeated or comma-separated, as the widget's [`crate::view::ViewState`]
    /// reads them). Unknown keys and malformed dates are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Choice {
        let mut c = Choice::default();
        for (key, value) in pairs {
            match key {
                "q" => c.query = value.to_owned(),
                "from" => c.from = parse_day(value),
                "to" => c.to = parse_day(value),
                "sort" => c.relevance = value == SORT_RELEVANCE,
                _ => {
                    let Some(facet) = Facet::from_name(key) else { continue };
                    for v in list_values(value) {
                        if !c.is_chosen(facet, &v) {
                            c = c.apply(Action::Toggle(facet, v));
                        }
                    }
                }
            }
        }
        c
    }

    /// The pairs that reproduce this choice (a value per pair; defaults left out).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for (f, values) in &self.chosen {
            out.extend(values.iter().map(|v| (f.name(), attribute_value(v))));
        }
        if !self.query.is_empty() {
            out.push(("q", self.query.clone()));
        }
        out.extend(self.from.map(|d| ("from", day_text(d))));
        out.extend(self.to.map(|d| ("to", day_text(d))));
        if self.relevance {
            out.push(("sort", SORT_RELEVANCE.to_owned()));
        }
        out
    }
}

/// One card of a page: its one-claim bundle (from its pack, loaded) and its day.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub doc: u32,
    pub data: Shared,
    pub day: i32,
}

impl Card {
    /// The card's claim: its bundle's only one (a bundle without one is no card).
    pub fn claim(&self) -> &crate::model::Claim {
        &self.data.bundle.claims[0]
    }
}

/// One option of a facet: its identity (the URL's value), label, count
/// among the results (None: a chosen value the archive does not have).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub id: String,
    pub label: String,
    pub count: Option<u32>,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FacetView {
    pub facet: Facet,
    /// The counts are exact (else estimates from part of a long list).
    pub exact: bool,
    /// The most frequent options, then the chosen ones not among them.
    pub options: Vec<Opt>,
    /// How many values the facet has in the whole archive.
    pub values: u32,
}

/// What a reader sees for a choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub total: Count,
    /// More results than the cards exist (or may).
    pub more: bool,
    pub cards: Vec<Card>,
    pub facets: Vec<FacetView>,
    /// The folded search words, for highlighting.
    pub words: Vec<String>,
    /// Every facet's options are here; false for the cards alone
    /// ([`Session::cards_first`]), `facets` empty.
    pub labelled: bool,
}

/// An archive being read: its manifest, the files fetched so far, and what
/// was learned from them (loaded cards).
#[derive(Debug)]
pub struct Session {
    pub manifest: Manifest,
    pub files: Files,
    cards: FxHashMap<u32, Option<Shared>>,
    /// Where the archive is (named in a card's problems, never shown).
    url: String,
}

/// What [`Session::ask`] gave.
#[derive(Debug)]
pub enum Asked<T> {
    Answer(T),
    /// Files (or spans of them) to fetch and add, then ask again.
    Need(Vec<String>),
    /// Why the archive cannot answer (for the page's owner).
    Broken(String),
}

impl Session {
    pub fn new(manifest: Manifest, url: &str) -> Session {
        Session { manifest, files: Files::default(), cards: FxHashMap::default(), url: url.to_owned() }
    }

    /// Adds a fetched file (see [`Files::add`]).
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), super::format::BadFile> {
        self.files.add(name, bytes)
    }

    /// Asks `f` (a question of this session: [`Session::page`],
    /// [`Session::suggest`]…) once: its answer, the files to fetch before
    /// asking again, or why the archive cannot answer it — a list found
    /// unreadable only when it was read (reported as a file that could not be
    /// read on arrival is), or nothing left to fetch and still no answer.
    /// What the browser and the CLI both do between their fetches.
    pub fn ask<T>(&mut self, f: impl FnOnce(&mut Session) -> Result<T, Vec<String>>) -> Asked<T> {
        let asked = f(self);
        if let Some(bad) = self.files.broken() {
            return Asked::Broken(bad.to_string());
        }
        match asked {
            Ok(v) => Asked::Answer(v),
            Err(need) if need.is_empty() => Asked::Broken("the archive's files do not agree with its manifest".into()),
            Err(need) => Asked::Need(need),
        }
    }

    /// Asks `f` until it answers, reading the files it names from the
    /// archive's folder `dir` ([`read_local`](super::format::read_local));
    /// each round of names is appended to `rounds`. What the CLI does where
    /// the view fetches.
    pub fn answer_from<T>(
        &mut self,
        dir: &std::path::Path,
        rounds: &mut Vec<Vec<String>>,
        mut f: impl FnMut(&mut Session) -> Result<T, Vec<String>>,
    ) -> Result<T, String> {
        loop {
            match self.ask(&mut f) {
                Asked::Answer(v) => return Ok(v),
                Asked::Broken(reason) => return Err(reason),
                Asked::Need(need) => {
                    for name in &need {
                        let bytes = super::format::read_local(dir, name).map_err(|e| format!("{name}: {e}"))?;
                        self.add(name, bytes).map_err(|e| e.to_string())?;
                    }
                    rounds.push(need);
                }
            }
        }
    }

    /// The question a choice asks (its values by identity: their lists are
    /// keyed so, with no lookup first).
    pub fn query(c: &Choice) -> Query {
        Query {
            words: Query::words_of(&c.query),
            filters: c.chosen.clone(),
            from: c.from,
            to: c.to,
            relevance: c.relevance,
        }
    }

    /// The first `shown` cards of a choice, its total and its facets.
    pub fn page(&mut self, c: &Choice, shown: usize) -> Result<Page, Vec<String>> {
        self.page_with(c, shown, true)
    }

    /// The page's cards and total once they are in, its facets' labels
    /// still on their way (`labelled` false, `facets` empty); the whole page
    /// if they are in too. Asks for no file: the view shows the cards while
    /// [`Session::page`]'s files finish arriving.
    pub fn cards_first(&mut self, c: &Choice, shown: usize) -> Result<Page, Vec<String>> {
        self.page_with(c, shown, false)
    }

    /// [`Session::page`], or with `whole` false [`Session::cards_first`].
    fn page_with(&mut self, c: &Choice, shown: usize, whole: bool) -> Result<Page, Vec<String>> {
        let q = Session::query(c);
        let m = &self.manifest;
        let a = query::search(m, &self.files, &q, shown).map_err(|mut need| {
            // The cards will need a pack table: the first (the newest docs'),
            // asked for with the search's files rather than in a round of its own.
            if let Some(t) = m.pack_tables.first().filter(|t| !self.files.has(t) && !need.contains(t)) {
                need.push(t.clone());
            }
            need
        })?;
        // Every card of the page and every facet's labels in one round.
        let (mut need, mut labels_need) = (Need::default(), Need::default());
        let hits: Vec<query::Hit> = a.hits.iter().filter(|h| !self.cards.contains_key(&h.doc)).cloned().collect();
        match query::cards(m, &self.files, &hits) {
            Ok(found) => {
                for (doc, text) in hits.into_iter().map(|h| h.doc).zip(found) {
                    let card = text.and_then(|text| match LoadState::from_text(&self.url, text) {
                        LoadState::Ready(d) if !d.bundle.claims.is_empty() => Some(d),
                        _ => None,
                    });
                    self.cards.insert(doc, card);
                }
            }
            Err(n) => need.extend(n),
        }
        let mut facets = Vec::new();
        for (f, counts) in &a.facets {
            let chosen: Vec<u32> =
                a.chosen.iter().filter(|(g, _)| g == f).flat_map(|(_, v)| v.iter().copied()).collect();
            let (exact, counted): (bool, Option<&Vec<(u32, u32)>>) = match counts {
                FacetCounts::Totals => (true, None),
                FacetCounts::Counted { values, exact } => (*exact, Some(values)),
            };
            let top = match counted {
                None => query::top(m, &self.files, *f, OPTIONS),
                Some(values) => {
                    let first: Vec<u32> = values.iter().take(OPTIONS).map(|(v, _)| *v).collect();
                    query::labels(m, &self.files, *f, &first)
                }
            };
            let chosen_labels = query::labels(m, &self.files, *f, &chosen);
            let (top, chosen_labels) = match (top, chosen_labels) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    for e in [a.err(), b.err()].into_iter().flatten() {
                        labels_need.extend(e);
                    }
                    continue;
                }
            };
            let count_of = |l: &Label| match counted {
                None => l.total,
                Some(values) => values.iter().find(|(v, _)| *v == l.value).map_or(0, |(_, n)| *n),
            };
            let ids: Vec<&String> = c.values(*f).iter().collect();
            let mut options: Vec<Opt> = top
                .iter()
                .map(|l| {
                    let id = identity(&l.label);
                    Opt { chosen: ids.contains(&&id), id, label: l.label.clone(), count: Some(count_of(l)) }
                })
                .collect();
            for l in &chosen_labels {
                let id = identity(&l.label);
                if !options.iter().any(|o| o.id == id) {
                    options.push(Opt { id, label: l.label.clone(), count: Some(count_of(l)), chosen: true });
                }
            }
            // Chosen values the archive does not have: shown ticked, so the
            // reader sees why nothing matches.
            for id in ids {
                if !options.iter().any(|o| o.id == *id) {
                    options.push(Opt { id: id.clone(), label: id.clone(), count: None, chosen: true });
                }
            }
            let values = m.table(*f).map_or(0, |t| t.values);
            facets.push(FacetView { facet: *f, exact, options, values });
        }
        let labelled = labels_need.0.is_empty();
        if !need.0.is_empty() || (whole && !labelled) {
            need.extend(labels_need.0);
            return Err(need.0);
        }
        let facets = if labelled { facets } else { Vec::new() };
        let cards = a
            .hits
            .iter()
            .filter_map(|h| {
                let data = self.cards.get(&h.doc)?.clone()?;
                Some(Card { doc: h.doc, data, day: h.day })
            })
            .collect();
        Ok(Page { total: a.total, more: a.more, cards, facets, words: q.words, labelled })
    }

    /// Values of `facet` whose names have the words typed (the last one begun), most claims first.
    pub fn suggest(&self, facet: Facet, typed: &str) -> Result<Vec<Opt>, Vec<String>> {
        if Query::words_of(typed).is_empty() {
            return Ok(Vec::new());
        }
        let found = query::suggest(&self.manifest, &self.files, facet, typed, SUGGESTIONS)?;
        Ok(found
            .into_iter()
            .map(|l| Opt { id: identity(&l.label), label: l.label, count: Some(l.total), chosen: false })
            .collect())
    }

    /// The days the archive covers (newest, oldest), for the date inputs' bounds.
    pub fn days(&self) -> Option<(i32, i32)> {
        let m = &self.manifest;
        Some((m.newest?, m.oldest?)).filter(|(n, o)| *n != UNDATED && *o != UNDATED)
    }
}
