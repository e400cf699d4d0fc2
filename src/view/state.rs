//! The reader's choices ([`ViewState`]), how they change ([`Action`] through
//! [`ViewState::apply`], the reducer), and their URL form, whose vocabulary
//! ([`Param`]) is defined here once for the page URL, the custom element's
//! attributes and events, and the embed's JavaScript (generated from it at
//! build, with the element's other attributes: `claim-cards element
//! attributes`, from `element.rs`).

use super::facet::{Facet, PerFacet};
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

/// A parameter of the view's URL form: the page URL's query, the element's
/// attributes, `setFilters()` keys and `claimcards:filterchange` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// A facet's chosen values: repeatable, and comma-separated in one value.
    Facet(Facet),
    /// `q`: the search text.
    Query,
    /// `sort`: a [`SortOrder`].
    Sort,
    /// `group=speaker`.
    Group,
}

impl Param {
    pub const ALL: [Param; 8] = [
        Param::Facet(Facet::Speaker),
        Param::Facet(Facet::Source),
        Param::Facet(Facet::Topic),
        Param::Facet(Facet::Kind),
        Param::Facet(Facet::Verdict),
        Param::Query,
        Param::Sort,
        Param::Group,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Param::Facet(facet) => facet.param(),
            Param::Query => "q",
            Param::Sort => "sort",
            Param::Group => "group",
        }
    }

    pub fn parse(name: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Every parameter's name: the part of a page URL the widget owns.
    pub fn names() -> [&'static str; 8] {
        Param::ALL.map(Param::name)
    }
}

/// The value of `group` that groups by speaker.
pub const GROUP_BY_SPEAKER: &str = "speaker";

/// What the reader has chosen. Values are the bundle's ids (or topic and
/// kind names), so a state survives a URL round trip and a bundle reload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// Each facet's chosen values: speaker and source ids, topic names,
    /// kind names (`ClaimKind::as_str`), verdicts' words.
    pub chosen: PerFacet<BTreeSet<String>>,
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
    pub fn apply(&self, action: Action) -> ViewState {
        let mut next = self.clone();
        match action {
            Action::Toggle(facet, value) => {
                let set = &mut next.chosen[facet];
                if !set.remove(&value) {
                    set.insert(value);
                }
            }
            Action::SetQuery(q) => next.query = q,
            Action::SetSort(s) => next.sort = s,
            Action::SetGrouped(g) => next.grouped = g,
            Action::ClearAll => {
                next.chosen.values_mut().for_each(BTreeSet::clear);
                next.query.clear();
            }
            Action::Replace(state) => next = state,
        }
        next
    }

    /// How many facet values are chosen, over all facets.
    pub fn chosen_count(&self) -> usize {
        self.chosen.iter().map(|(_, set)| set.len()).sum()
    }

    /// True when any filter or a query is set.
    pub fn is_filtered(&self) -> bool {
        self.chosen_count() > 0 || !self.query.trim().is_empty()
    }

    /// [`ViewState::from_pairs`] for owned pairs, as the URL readers give them.
    pub fn from_query_pairs(pairs: &[(String, String)]) -> ViewState {
        ViewState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Reads a state from URL query pairs (see [`Param`]). A facet's values
    /// may come one per pair, several in one separated by commas, or both; a
    /// comma inside a value is written `%2C` (see [`attribute_value`]) — the
    /// page URL and the element's attributes read alike (`?speaker=a,b` and
    /// `speaker="a,b"`). Unknown keys are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ViewState {
        let mut state = ViewState::default();
        for (key, value) in pairs {
            match Param::parse(key) {
                Some(Param::Facet(facet)) => state.chosen[facet].extend(list_values(value)),
                Some(Param::Query) => state.query = value.to_owned(),
                Some(Param::Sort) => state.sort = SortOrder::parse(value).unwrap_or_default(),
                Some(Param::Group) => state.grouped = value == GROUP_BY_SPEAKER,
                None => {}
            }
        }
        state
    }

    /// Reads a state from the element's attributes, as pairs: the same as a
    /// URL's ([`ViewState::from_pairs`]).
    pub fn from_attribute_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ViewState {
        ViewState::from_pairs(pairs)
    }

    /// The state as the element's attributes (name, value): a facet's
    /// values in one, comma-separated.
    pub fn to_attribute_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for param in Param::ALL {
            match param {
                Param::Facet(facet) => {
                    let values: Vec<String> = self.chosen[facet].iter().map(|v| attribute_value(v)).collect();
                    if !values.is_empty() {
                        out.push((param.name(), values.join(",")));
                    }
                }
                _ => out.extend(self.to_pairs().into_iter().filter(|(name, _)| *name == param.name())),
            }
        }
        out
    }

    /// The state as one unambiguous string (each pair as `name:length:value`),
    /// for comparing states by text.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        for (name, value) in self.to_pairs() {
            out.push_str(&format!("{name}:{}:{value};", value.len()));
        }
        out
    }

    /// The URL query pairs that reproduce this state, in a stable order, a
    /// facet's values one per pair (commas in them written `%2C`); defaults
    /// are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        for param in Param::ALL {
            match param {
                Param::Facet(facet) => {
                    pairs.extend(self.chosen[facet].iter().map(|v| (param.name(), attribute_value(v))))
                }
                Param::Query if !self.query.is_empty() => pairs.push((param.name(), self.query.clone())),
                Param::Sort if self.sort != SortOrder::Article => {
                    pairs.push((param.name(), self.sort.as_str().to_owned()))
                }
                Param::Group if self.grouped => pairs.push((param.name(), GROUP_BY_SPEAKER.to_owned())),
                Param::Query | Param::Sort | Param::Group => {}
            }
        }
        pairs
    }
}

/// The values of a comma-separated list (an attribute's or a URL pair's), unescaped
/// (the reverse of [`attribute_value`]); empty ones left out.
pub fn list_values(value: &str) -> impl Iterator<Item = String> + '_ {
    value.split(',').map(|v| v.trim().replace("%2C", ",").replace("%25", "%")).filter(|v| !v.is_empty())
}

/// One value of a facet, as written in a comma-separated attribute: `%` and
/// `,` escaped (`%25`, `%2C`).
pub fn attribute_value(value: &str) -> String {
    value.replace('%', "%25").replace(',', "%2C")
}
