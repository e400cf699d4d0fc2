//! Drafting a bundle from an article (issue #18), pure Rust with no web
//! dependencies. This is its first part: reading the article — plain text,
//! or HTML pasted or saved from a CMS — into a title and numbered paragraphs
//! ([`article`]), and splitting a paragraph into sentences ([`sentences`]).
//! Finding who said what in them comes next.
//!
//! Feature `extract` (part of `cli`; the widget's wasm leaves it out).

pub mod article;
pub mod sentences;

pub use article::{read, Article};
pub use sentences::{sentences, Sentence};
