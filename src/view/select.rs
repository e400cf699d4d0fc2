//! [`select`]: what a state shows — the claims in order, and each facet
//! option's count — and [`group_by_speaker`].

use super::facet::{Facet, PerFacet};
use super::index::{sort_claims, Index};
use super::state::{SortOrder, ViewState};
use crate::model::{Bundle, SpeakerIx};
use crate::text::fold_query;
use rustc_hash::FxHashMap;

/// What a state selects: the claims to show, in order, and for each facet
/// option how many claims it would yield given the other active filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Claim indexes, in display order.
    pub claims: Vec<usize>,
    /// Each facet's option counts, by position in the facet's option list
    /// (see [`Facet::option_ixs`]).
    pub counts: PerFacet<Vec<usize>>,
    /// The folded query words (for highlighting).
    pub words: Vec<String>,
}

/// Filters, counts and sorts. Within a facet the chosen values are OR-ed,
/// across facets AND-ed; the query's words must all occur (in any order).
pub fn select(bundle: &Bundle, index: &Index, state: &ViewState) -> Selection {
    // Each active facet's wanted options (`None`: the facet is inactive).
    let wanted = PerFacet::from_fn(|facet| {
        let chosen = &state.chosen[facet];
        (!chosen.is_empty()).then(|| {
            let mut wanted = vec![false; index.option_count(facet)];
            for ix in chosen.iter().filter_map(|v| index.option(facet, v)) {
                wanted[ix] = true;
            }
            wanted
        })
    });
    let folded = fold_query(&state.query);
    let words: Vec<String> = folded.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();

    let mut sel = Selection { counts: PerFacet::from_fn(|f| vec![0; index.option_count(f)]), ..Selection::default() };
    let matching = index.matching(bundle, &words);
    for (ci, claim) in bundle.claims.iter().enumerate() {
        if matching.as_ref().is_some_and(|m| !m[ci]) {
            continue;
        }
        // The facets this claim fails (at most one matters: see below).
        let mut failing = 0;
        let mut failed = None;
        for (facet, wanted) in wanted.iter() {
            if wanted.as_ref().is_some_and(|w| !facet.option_ixs(claim).iter().any(|&o| w[o])) {
                failing += 1;
                failed = Some(facet);
            }
        }
        if failing > 1 {
            continue;
        }
        // A claim counts for a facet's options when it passes every *other* facet.
        for facet in Facet::ALL {
            if failing == 0 || failed == Some(facet) {
                let counts = &mut sel.counts[facet];
                for &o in facet.option_ixs(claim) {
                    counts[o] += 1;
                }
            }
        }
        if failing == 0 {
            sel.claims.push(ci);
        }
    }
    match state.sort {
        SortOrder::Article => {}
        SortOrder::Date => sort_claims(&mut sel.claims, &|a, b| {
            let key = |ci: usize| match &bundle.claims[ci].date {
                Some(d) => (0, d.sort_key()),
                None => (1, 0),
            };
            key(a).cmp(&key(b))
        }),
        SortOrder::Speaker => sort_claims(&mut sel.claims, &|a, b| {
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
    let mut slot: FxHashMap<SpeakerIx, usize> = FxHashMap::default();
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
