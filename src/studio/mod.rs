//! The editor (`editor.html`, issue #19): an editor makes a bundle from an
//! article or a file, checks it, previews it and publishes it, in the
//! browser with no server. Feature `studio`: its own wasm, which has the
//! widget's components and `convert`/`extract` besides — nothing here enters
//! the widget's.
//!
//! | part | job |
//! | --- | --- |
//! | [`doc`] | the work: the bundle being edited (JSON, kept as typed) and the article's paragraphs |
//! | [`state`] | [`state::Studio`]: the work, undo/redo and the selection; every change an [`state::Action`] |
//! | [`keeper`] | what is saved, when, under which draft and revision: one save at a time, none over another tab's |
//! | [`files`] | a file dropped or picked, through the importers: bundle, CSV (folder or zip), ClaimReview, Fact Check API |
//! | [`publish`] | what is downloaded and copied: bundle, embeds, CSV zip, JSON-LD |
//! | [`strings`] | the interface's words, English and Vietnamese |
//! | `components/` | the editor's components (they use the widget's for the preview) |
//! | `storage` | the browser's side: IndexedDB through `static/studio/editor.js` |

pub mod doc;
pub mod files;
pub mod keeper;
pub mod publish;
pub mod state;
pub mod strings;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod storage;
