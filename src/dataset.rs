//! The load pipeline — bundle text → [`LoadState`] — and [`Dataset`], a
//! loaded bundle ready to show: the bundle, its search/facet index and the
//! problems found while loading. Built once per fetch, then shared read-only.
//! Pure: the fetch (`web::fetch_text`), the embed's inline bundles and the
//! tests all come through [`LoadState::from_text`].

use crate::failure::Failure;
use crate::i18n::Lang;
use crate::load::{load, Loaded};
use crate::model::Bundle;
use crate::problem::Problem;
use crate::view::Index;
use std::ops::Deref;
use std::rc::Rc;

#[derive(Debug)]
pub struct Dataset {
    pub bundle: Bundle,
    pub index: Index,
    /// Everything the loader reported (errors and warnings).
    pub problems: Vec<Problem>,
    /// Claims in the bundle that are not shown.
    pub skipped_claims: usize,
    /// Where the bundle came from (for messages and links).
    pub url: String,
}

impl Dataset {
    /// The valid part of a loaded bundle, or the problems when nothing can be shown.
    pub fn new(loaded: Loaded, url: &str) -> Result<Dataset, Vec<Problem>> {
        let Loaded { bundle, problems, skipped_claims } = loaded;
        match bundle {
            Some(bundle) => {
                let index = Index::new(&bundle);
                Ok(Dataset { bundle, index, problems, skipped_claims, url: url.to_owned() })
            }
            None => Err(problems),
        }
    }

    /// The index of the claim with this id (`Index::claim`).
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.index.claim(&self.bundle, id)
    }

    /// The UI language: the bundle's article language, else `fallback`.
    pub fn lang(&self, fallback: Lang) -> Lang {
        self.bundle.article.language.as_deref().map_or(fallback, Lang::from_tag)
    }
}

/// A shared, immutable dataset. Equality is identity: two handles are equal
/// when they point at the same load, so components compare props in O(1).
#[derive(Debug, Clone)]
pub struct Shared(pub Rc<Dataset>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Shared {
    type Target = Dataset;
    fn deref(&self) -> &Dataset {
        &self.0
    }
}

/// Where a widget is in loading its bundle.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Loading,
    Ready(Shared),
    /// Nothing can be shown: why (for the reader), and the details in
    /// sentences (a fetch error, or the loader's problems as they print).
    Failed {
        url: String,
        failure: Failure,
        reasons: Vec<String>,
    },
}

impl LoadState {
    /// Loads bundle text into a state. The text is dropped before the search
    /// index is built, so the index reuses its memory.
    pub fn from_text(url: &str, text: impl Into<String>) -> LoadState {
        let text = text.into();
        let loaded = load(&text);
        // A web page where a bundle should be (its first non-blank character is `<`).
        let page = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).starts_with('<');
        drop(text);
        LoadState::from_loaded(url, loaded, page)
    }

    /// A loaded bundle as a state (`page`: its text was a web page).
    pub fn from_loaded(url: &str, loaded: Loaded, page: bool) -> LoadState {
        match Dataset::new(loaded, url) {
            Ok(d) => LoadState::Ready(Shared(Rc::new(d))),
            Err(problems) => LoadState::Failed {
                url: url.to_owned(),
                failure: if page { Failure::NotABundle } else { Failure::Unreadable },
                reasons: problems.iter().map(ToString::to_string).collect(),
            },
        }
    }
}
