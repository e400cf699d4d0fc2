//! The extractor from JavaScript (wasm32 builds with the `extract` feature:
//! the benchmark's, and the editor's to come — never the widget's).

use super::draft;
use crate::model::Article;
use wasm_bindgen::prelude::*;

/// Drafts an article's text or HTML; the number of claims found (0 when
/// none). `lang` is a language tag, or empty to guess it.
#[wasm_bindgen(js_name = draftClaimCount)]
pub fn draft_claim_count(text: &str, lang: &str) -> u32 {
    let given = Article { language: (!lang.is_empty()).then(|| lang.to_string()), ..Article::default() };
    draft(text, &given).map_or(0, |d| d.bundle.claims.len() as u32)
}
