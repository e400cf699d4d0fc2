//! claim-cards: who said what in a news article.
//!
//! Pure, web-free core (tested natively with `cargo test`):
//! [`load`] (JSON → [`model::Bundle`] + [`problem::Problem`]s), [`view`]
//! (filter state, facets, search, sort), [`text`] (search folding), [`date`].
//!
//! Browser side: [`components`] (Yew function components that render state
//! and dispatch actions), [`hooks`] (the widget's behaviour over time) and
//! [`web`] (fetch, URL and history glue); [`embed`], what the custom element
//! calls. Prerendering: `render` (feature `ssr`: `claim-cards render`) and
//! [`prerender`] (when the live widget may take a prerender over). Import and
//! export: `convert` (feature `cli`: fact-check markup, the Fact Check Tools
//! API, CSV, schema.org JSON-LD; feature `convert`). Drafting from an article:
//! `extract` (feature `extract`). The editor: `studio` (feature `studio`, its own wasm).
//! ARCHITECTURE.md has the map.

pub mod archive;
#[cfg(feature = "convert")]
pub mod convert;
pub mod dataset;
pub mod date;
pub mod element;
#[cfg(feature = "extract")]
pub mod extract;
pub mod failure;
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
#[cfg(feature = "studio")]
pub mod studio;
pub mod web;
