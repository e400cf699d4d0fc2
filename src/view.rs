//! The reader's choices and what they select — pure Rust, no browser.
//!
//! * [`ViewState`] holds only the reader's choices (filters, query, sort) and
//!   changes through [`ViewState::apply`] with an [`Action`]; the Yew reducer is
//!   a thin wrapper around it.
//! * [`Index`] is built once per loaded bundle (folded search text, facet
//!   membership) and shared behind an `Rc`; it is never rebuilt on a keystroke.
//! * [`select`] turns (bundle, index, state) into the ordered list of claims to
//!   show and the facet counts.

use crate::hash::FastMap;
use crate::model::{Bundle, ClaimKind, SourceIx, SpeakerIx};
use crate::text::{fold, fold_query, push_fold};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// The order of the bundle, which is the order of the article.
    #[default]
    Article,
    /// Oldest first; claims without a date last.
    Date,
    /// By speaker name, then article order.
    Speaker,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Article, SortOrder::Date, SortOrder::Speaker];

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Article => "article",
            SortOrder::Date => "date",
            SortOrder::Speaker => "speaker",
        }
    }

    pub fn parse(text: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The facets a reader can filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Speaker,
    Source,
    Topic,
    Kind,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Speaker, Facet::Source, Facet::Topic, Facet::Kind];

    /// The URL parameter (and custom-element attribute) for this facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Speaker => "speaker",
            Facet::Source => "source",
            Facet::Topic => "topic",
            Facet::Kind => "kind",
        }
    }
}

/// What the reader has chosen. Values are the bundle's ids (or kind/topic
/// names), so a state survives a URL round trip and a bundle reload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    pub speakers: BTreeSet<String>,
    pub sources: BTreeSet<String>,
    pub topics: BTreeSet<String>,
    pub kinds: BTreeSet<String>,
    pub query: String,
    pub sort: SortOrder,
    pub grouped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Toggle(Facet, String),
    SetQuery(String),
    SetSort(SortOrder),
    SetGrouped(bool),
    /// Removes every filter and the query; keeps sort and grouping.
    ClearAll,
    /// Replaces the whole state (back/forward, host-page API).
    Replace(ViewState),
}

impl ViewState {
    pub fn facet(&self, facet: Facet) -> &BTreeSet<String> {
        match facet {
            Facet::Speaker => &self.speakers,
            Facet::Source => &self.sources,
            Facet::Topic => &self.topics,
            Facet::Kind => &self.kinds,
        }
    }

    fn facet_mut(&mut self, facet: Facet) -> &mut BTreeSet<String> {
        match facet {
            Facet::Speaker => &mut self.speakers,
            Facet::Source => &mut self.sources,
            Facet::Topic => &mut self.topics,
            Facet::Kind => &mut self.kinds,
        }
    }

    pub fn apply(&self, action: Action) -> ViewState {
        let mut next = self.clone();
        match action {
            Action::Toggle(facet, value) => {
                let set = next.facet_mut(facet);
                if !set.remove(&value) {
                    set.insert(value);
                }
            }
            Action::SetQuery(q) => next.query = q,
            Action::SetSort(s) => next.sort = s,
            Action::SetGrouped(g) => next.grouped = g,
            Action::ClearAll => {
                for facet in Facet::ALL {
                    next.facet_mut(facet).clear();
                }
                next.query.clear();
            }
            Action::Replace(state) => next = state,
        }
        next
    }

    /// True when any filter or a query is set.
    pub fn is_filtered(&self) -> bool {
        Facet::ALL.iter().any(|f| !self.facet(*f).is_empty()) || !self.query.trim().is_empty()
    }

    /// [`ViewState::from_pairs`] for owned pairs, as the URL readers give them.
    pub fn from_query_pairs(pairs: &[(String, String)]) -> ViewState {
        ViewState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Reads a state from URL query pairs (`speaker`, `source`, `topic`, `kind`
    /// repeatable; `q`; `sort`; `group=speaker`). Unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ViewState {
        let mut state = ViewState::default();
        for (key, value) in pairs {
            if let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == key) {
                for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                    state.facet_mut(facet).insert(v.to_owned());
                }
                continue;
            }
            match key {
                "q" => state.query = value.to_owned(),
                "sort" => state.sort = SortOrder::parse(value).unwrap_or_default(),
                "group" => state.grouped = value == "speaker",
                _ => {}
            }
        }
        state
    }

    /// The URL query pairs that reproduce this state, in a stable order;
    /// defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        for facet in Facet::ALL {
            for v in self.facet(facet) {
                pairs.push((facet.param(), v.clone()));
            }
        }
        if !self.query.is_empty() {
            pairs.push(("q", self.query.clone()));
        }
        if self.sort != SortOrder::Article {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.grouped {
            pairs.push(("group", "speaker".to_owned()));
        }
        pairs
    }
}

/// Precomputed, immutable lookups for one bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// The folded text of every claim, in bundle order, each followed by a
    /// newline (query words never contain one, so no match spans two claims).
    /// One string instead of one per claim: less memory, and a query word is
    /// found with a single scan.
    claim_text: String,
    /// Where each claim's folded text ends in `claim_text`.
    claim_ends: Vec<usize>,
    /// Folded name, role and affiliation of each speaker; a claim matches a
    /// word found in its speaker's text.
    speaker_text: Vec<String>,
    /// Folded name of each source; a claim matches a word found in one of its sources.
    source_text: Vec<String>,
    /// Folded speaker names, for sorting.
    speaker_keys: Vec<String>,
    speaker_by_id: FastMap<String, SpeakerIx>,
    source_by_id: FastMap<String, SourceIx>,
    topic_by_name: FastMap<String, usize>,
}

impl Index {
    pub fn new(bundle: &Bundle) -> Index {
        let topic_by_name: FastMap<String, usize> =
            bundle.topics.iter().enumerate().map(|(i, t)| (t.clone(), i)).collect();
        let speaker_text = bundle
            .speakers
            .iter()
            .map(|s| {
                let mut t = fold(&s.name);
                for extra in [&s.role, &s.affiliation].into_iter().flatten() {
                    t.push('\n');
                    t.push_str(&fold(extra));
                }
                t
            })
            .collect();
        let mut claim_text = String::with_capacity(bundle.claims.iter().map(|c| c.text.len() + 1).sum());
        let mut claim_ends = Vec::with_capacity(bundle.claims.len());
        for c in &bundle.claims {
            push_fold(&mut claim_text, &c.text);
            claim_ends.push(claim_text.len());
            claim_text.push('\n');
        }
        claim_text.shrink_to_fit();
        Index {
            claim_text,
            claim_ends,
            speaker_text,
            source_text: bundle.sources.iter().map(|s| fold(&s.name)).collect(),
            speaker_keys: bundle.speakers.iter().map(|s| fold(&s.name)).collect(),
            speaker_by_id: bundle.speakers.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect(),
            source_by_id: bundle.sources.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect(),
            topic_by_name,
        }
    }

    /// Which claims contain every one of the folded `words` (each in the
    /// claim's text, its speaker's or one of its sources'); `None` for no words.
    fn matching(&self, bundle: &Bundle, words: &[String]) -> Option<Vec<bool>> {
        let mut all: Option<Vec<bool>> = None;
        for word in words {
            let speakers: Vec<bool> = self.speaker_text.iter().map(|t| t.contains(word.as_str())).collect();
            let sources: Vec<bool> = self.source_text.iter().map(|t| t.contains(word.as_str())).collect();
            let mut hit: Vec<bool> =
                bundle.claims.iter().map(|c| speakers[c.speaker] || c.sources.iter().any(|&s| sources[s])).collect();
            // One scan: after a match, go on from the end of that claim.
            let (mut from, mut ci) = (0, 0);
            while let Some(at) = self.claim_text.get(from..).and_then(|rest| rest.find(word.as_str())) {
                let at = from + at;
                while self.claim_ends.get(ci).is_some_and(|&end| end <= at) {
                    ci += 1;
                }
                let Some(h) = hit.get_mut(ci) else { break };
                *h = true;
                from = self.claim_ends[ci] + 1;
            }
            all = Some(match all {
                None => hit,
                Some(mut so_far) => {
                    so_far.iter_mut().zip(hit).for_each(|(a, b)| *a &= b);
                    so_far
                }
            });
        }
        all
    }
}

/// What a state selects: the claims to show, in order, and for each facet
/// option how many claims it would yield given the other active filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Claim indexes, in display order.
    pub claims: Vec<usize>,
    pub speaker_counts: Vec<usize>,
    pub source_counts: Vec<usize>,
    /// By index into [`Bundle::topics`].
    pub topic_counts: Vec<usize>,
    /// By position in [`ClaimKind::ALL`].
    pub kind_counts: Vec<usize>,
    /// The folded query words (for highlighting).
    pub words: Vec<String>,
}

impl Selection {
    /// The counts of one facet's options, in the facet's order.
    pub fn counts(&self, facet: Facet) -> &[usize] {
        match facet {
            Facet::Speaker => &self.speaker_counts,
            Facet::Source => &self.source_counts,
            Facet::Topic => &self.topic_counts,
            Facet::Kind => &self.kind_counts,
        }
    }
}

/// Resolved filter: `None` = facet inactive; else membership by index.
fn resolve<'a>(values: &BTreeSet<String>, n: usize, lookup: impl Fn(&str) -> Option<usize> + 'a) -> Option<Vec<bool>> {
    if values.is_empty() {
        return None;
    }
    let mut wanted = vec![false; n];
    for v in values {
        if let Some(i) = lookup(v) {
            wanted[i] = true;
        }
    }
    Some(wanted)
}

/// Filters, counts and sorts. Within a facet the chosen values are OR-ed,
/// across facets AND-ed; the query's words must all occur (in any order).
pub fn select(bundle: &Bundle, index: &Index, state: &ViewState) -> Selection {
    let speakers = resolve(&state.speakers, bundle.speakers.len(), |id| index.speaker_by_id.get(id).copied());
    let sources = resolve(&state.sources, bundle.sources.len(), |id| index.source_by_id.get(id).copied());
    let topics = resolve(&state.topics, bundle.topics.len(), |t| index.topic_by_name.get(t).copied());
    let kinds = resolve(&state.kinds, ClaimKind::ALL.len(), |k| {
        ClaimKind::parse(k).and_then(|k| ClaimKind::ALL.iter().position(|x| *x == k))
    });
    let folded = fold_query(&state.query);
    let words: Vec<String> = folded.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();

    let mut sel = Selection {
        speaker_counts: vec![0; bundle.speakers.len()],
        source_counts: vec![0; bundle.sources.len()],
        topic_counts: vec![0; bundle.topics.len()],
        kind_counts: vec![0; ClaimKind::ALL.len()],
        ..Selection::default()
    };
    let matching = index.matching(bundle, &words);
    for (ci, claim) in bundle.claims.iter().enumerate() {
        if matching.as_ref().is_some_and(|m| !m[ci]) {
            continue;
        }
        let kind_ix = ClaimKind::ALL.iter().position(|k| *k == claim.kind).unwrap_or(0);
        let ok = [
            speakers.as_ref().is_none_or(|w| w[claim.speaker]),
            sources.as_ref().is_none_or(|w| claim.sources.iter().any(|&s| w[s])),
            topics.as_ref().is_none_or(|w| claim.topics.iter().any(|&t| w[t])),
            kinds.as_ref().is_none_or(|w| w[kind_ix]),
        ];
        let failing = ok.iter().filter(|x| !**x).count();
        if failing > 1 {
            continue;
        }
        // A claim counts for a facet's options when it passes every *other* facet.
        let counts_for = |facet: usize| failing == 0 || !ok[facet];
        if counts_for(0) {
            sel.speaker_counts[claim.speaker] += 1;
        }
        if counts_for(1) {
            for &s in &claim.sources {
                sel.source_counts[s] += 1;
            }
        }
        if counts_for(2) {
            for &t in &claim.topics {
                sel.topic_counts[t] += 1;
            }
        }
        if counts_for(3) {
            sel.kind_counts[kind_ix] += 1;
        }
        if failing == 0 {
            sel.claims.push(ci);
        }
    }
    match state.sort {
        SortOrder::Article => {}
        SortOrder::Date => sel.claims.sort_by_key(|&ci| match &bundle.claims[ci].date {
            Some(d) => (0, d.sort_key()),
            None => (1, 0),
        }),
        SortOrder::Speaker => sel.claims.sort_by(|&a, &b| {
            let (sa, sb) = (bundle.claims[a].speaker, bundle.claims[b].speaker);
            index.speaker_keys[sa].cmp(&index.speaker_keys[sb]).then(sa.cmp(&sb))
        }),
    }
    sel.words = words;
    sel
}

/// Groups the selected claims by speaker, in the order each speaker first
/// appears in the selection; claims keep their order within a group.
pub fn group_by_speaker(bundle: &Bundle, claims: &[usize]) -> Vec<(SpeakerIx, Vec<usize>)> {
    let mut groups: Vec<(SpeakerIx, Vec<usize>)> = Vec::new();
    let mut slot: FastMap<SpeakerIx, usize> = FastMap::default();
    for &ci in claims {
        let sp = bundle.claims[ci].speaker;
        let g = *slot.entry(sp).or_insert_with(|| {
            groups.push((sp, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(ci);
    }
    groups
}
