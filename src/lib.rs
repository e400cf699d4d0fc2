//! claim-cards: who said what in a news article.
//!
//! Pure, web-free core (tested natively with `cargo test`):
//! [`load`] (JSON → [`model::Bundle`] + [`problem::Problem`]s), [`view`]
//! (filter state, facets, search, sort), [`text`] (search folding), [`date`].
//!
//! Browser side: [`components`] (Yew function components that render state
//! and dispatch actions) and [`web`] (fetch, URL and history glue).
//! ARCHITECTURE.md has the map.

pub mod dataset;
pub mod date;
pub mod i18n;
pub mod json;
pub mod load;
pub mod model;
pub mod prerender;
pub mod problem;
pub mod text;
pub mod view;

pub mod components;
pub mod embed;
pub mod hooks;
#[cfg(feature = "ssr")]
pub mod render;
pub mod web;
