//! Drafting a bundle from an article (issue #18), pure Rust with no web
//! dependencies:
//! - [`article`]: the article read into a title and numbered paragraphs
//!   (plain text, or HTML pasted or saved from a CMS);
//! - [`sentences`], [`tokens`], [`quotes`]: a paragraph's sentences, words and quotations;
//! - [`lexicon`]: the words looked for, one file per language;
//! - [`find`]: each sentence's attribution (cue, speaker phrase, reported words);
//! - [`speakers`]: who a speaker phrase names, resolved across the article;
//! - [`draft`]: the draft bundle, with each claim's channel, date and evidence.
//!
//! Feature `extract` (part of `cli`; the widget's wasm leaves it out).

pub mod article;
pub mod draft;
pub mod find;
pub mod lexicon;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::{read, Article};
pub use draft::{draft, Draft, Evidence, Failure};
pub use sentences::{sentences, Sentence};
