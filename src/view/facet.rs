//! The facets a reader filters by, and [`PerFacet`], the one map from a
//! facet to what belongs to it: the chosen values in the state, the option
//! counts in a selection, the option lists of the filter bar.
//!
//! Adding a facet: a [`Facet`] variant, then the match arms the compiler asks
//! for (its URL parameter here, its options in `Index::new` and
//! `option_ixs`, its labels in the filter bar, its legend in `i18n`).

use crate::model::{Claim, ClaimKind, Closed};
use std::ops::{Index, IndexMut};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Speaker,
    Source,
    Topic,
    Kind,
    /// A review's verdict, by its words (format 1.1).
    Verdict,
}

impl Facet {
    /// Every facet, in the order the filter bar shows them.
    pub const ALL: [Facet; 5] = [Facet::Speaker, Facet::Source, Facet::Topic, Facet::Kind, Facet::Verdict];

    /// The URL parameter and custom-element attribute for this facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Speaker => "speaker",
            Facet::Source => "source",
            Facet::Topic => "topic",
            Facet::Kind => "kind",
            Facet::Verdict => "verdict",
        }
    }

    /// The facet's options a claim has, as positions in the facet's option
    /// list (`Bundle::speakers`, `Bundle::sources`, `Bundle::topics`,
    /// `ClaimKind::ALL`, `Bundle::verdicts`). A claim without a review has
    /// no verdict.
    pub fn option_ixs(self, claim: &Claim) -> &[usize] {
        match self {
            Facet::Speaker => std::slice::from_ref(&claim.speaker),
            Facet::Source => &claim.sources,
            Facet::Topic => &claim.topics,
            Facet::Kind => std::slice::from_ref(&KIND_IXS[claim.kind.position()]),
            Facet::Verdict => claim.review.as_ref().map_or(&[], |r| std::slice::from_ref(&r.verdict)),
        }
    }
}

/// `KIND_IXS[i] == i`: a kind's position as a slice of one, for `option_ixs`.
const KIND_IXS: [usize; ClaimKind::ALL.len()] = {
    let mut ixs = [0; ClaimKind::ALL.len()];
    let mut i = 0;
    while i < ixs.len() {
        ixs[i] = i;
        i += 1;
    }
    ixs
};

/// One `T` for each facet, indexed by [`Facet`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct PerFacet<T>([T; 5]);

impl<T> PerFacet<T> {
    pub fn from_fn(mut make: impl FnMut(Facet) -> T) -> Self {
        // Spelled out rather than `Facet::ALL.map(make)`: the same, with less
        // code in the wasm (array `map` goes through `try_map`).
        let [a, b, c, d, e] = Facet::ALL;
        PerFacet([make(a), make(b), make(c), make(d), make(e)])
    }

    /// Each facet with its value, in [`Facet::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Facet, &T)> {
        Facet::ALL.into_iter().zip(&self.0)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut()
    }
}

impl<T> Index<Facet> for PerFacet<T> {
    type Output = T;
    fn index(&self, facet: Facet) -> &T {
        &self.0[facet as usize]
    }
}

impl<T> IndexMut<Facet> for PerFacet<T> {
    fn index_mut(&mut self, facet: Facet) -> &mut T {
        &mut self.0[facet as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_index_their_own_slot() {
        let map = PerFacet::from_fn(Facet::param);
        for facet in Facet::ALL {
            assert_eq!(map[facet], facet.param());
        }
        assert_eq!(map.iter().map(|(f, _)| f).collect::<Vec<_>>(), Facet::ALL);
    }

    #[test]
    fn a_kind_is_its_position_in_all() {
        for (i, kind) in ClaimKind::ALL.iter().enumerate() {
            assert_eq!(KIND_IXS[kind.position()], i);
        }
    }
}
