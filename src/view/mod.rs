//! The reader's choices and what they select — pure Rust, no browser.
//!
//! * [`ViewState`] holds only the reader's choices (filters, query, sort) and
//!   changes through [`ViewState::apply`] with an [`Action`]; the Yew reducer is
//!   a thin wrapper around it. Its URL form uses the vocabulary of [`Param`].
//! * [`Facet`]s and [`PerFacet`]: one map type for everything kept per facet.
//! * [`Index`] is built once per loaded bundle (folded search text, facet
//!   options) and shared behind an `Rc`; it is never rebuilt on a keystroke.
//! * [`select`] turns (bundle, index, state) into the ordered list of claims to
//!   show and the facet counts.

mod facet;
mod index;
mod select;
mod state;

pub use facet::{Facet, PerFacet};
pub use index::Index;
pub use select::{group_by_speaker, select, Selection};
pub use state::{attribute_value, list_values, Action, Param, SortOrder, ViewState, GROUP_BY_SPEAKER};
