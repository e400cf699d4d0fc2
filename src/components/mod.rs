//! Yew function components. They render state and dispatch actions; every
//! decision (what matches, how it counts, how it sorts) lives in the pure core.
//!
//! * [`app::App`] — loads a bundle, then shows [`explorer::Explorer`] (or the
//!   skeleton / the error card).
//! * [`explorer::Explorer`] — owns the reader's [`crate::view::ViewState`]
//!   through the hooks of [`crate::hooks`] and lays out the notice, the filter
//!   bar, the count and the [`card_list::CardList`].
//! * [`mount::Mount`] — the root of every Yew app: an `App`, or nothing while
//!   the app waits for its next widget (why: that file).
//! * One file per component below; [`parts`] holds markup helpers shared by
//!   cards and speaker groups.

pub mod app;
#[cfg(feature = "archive-view")]
pub mod archive;
pub mod card;
pub mod card_list;
pub mod error_card;
pub mod explorer;
pub mod facet;
pub mod filter_bar;
pub mod more;
pub mod mount;
pub mod notice;
pub mod parts;
pub mod skeleton;

use crate::hooks::host::{Remote, WidgetEvent};
use crate::i18n::Lang;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::{AttrValue, Callback};

/// Where a server's kept region begins and ends in Yew's output: two
/// raw-HTML nodes that `crate::render` joins into one around what is between
/// them (`<!--<#>-->` … `<!--</#>-->`, the markers of a single raw node,
/// which hydration adopts without looking inside).
pub const KEPT_START: &str = "<!--cc-kept-->";
pub const KEPT_END: &str = "<!--/cc-kept-->";

/// A part of a prerender the browser keeps as the server made it — not
/// hydrated, not rendered — until something would change it. While `keep`:
/// on a server (`live` false), `content` between the kept markers; in the
/// browser, an empty raw node that adopts the server's nodes whole. Once not,
/// `content` itself, rendered afresh in its place (see ARCHITECTURE.md,
/// "Prerendering and hydration").
pub fn kept(keep: bool, live: bool, content: impl FnOnce() -> yew::Html) -> yew::Html {
    use yew::Html;
    if !keep {
        content()
    } else if live {
        Html::from_html_unchecked(AttrValue::Static(""))
    } else {
        [
            Html::from_html_unchecked(AttrValue::Static(KEPT_START)),
            content(),
            Html::from_html_unchecked(AttrValue::Static(KEPT_END)),
        ]
        .into_iter()
        .collect()
    }
}

/// How far a take-over of a prerender has come: each step renders one more
/// kept region of the filter bar in the server's place, a task after the one
/// before (see `explorer::Explorer`). A fresh widget is `Settled` from the
/// start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Stage {
    /// Hydrated: the search box, tools and facets are the server's.
    Hydrated,
    /// The search box and tools are the widget's.
    Tools,
    /// The first facet (the speakers) is the widget's too.
    FirstFacet,
    /// All of it is the widget's (the cards stay kept until the view changes).
    #[default]
    Settled,
}

/// The colour scheme (defined with the element's other vocabulary).
pub use crate::element::Theme;

/// How a widget's parts are shown, made once by `App` and handed down
/// (a Yew context would cost 3 KB of wasm, gzip).
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    /// The bundle's language when it is not the interface's: `lang` and `dir`
    /// for the bundle's text (claims, names, sources), so that screen readers
    /// read it with the right voice.
    pub content_lang: Option<(AttrValue, &'static str)>,
    /// Level of the article title's heading; speaker groups' headings are one below.
    pub heading_level: u8,
    /// Where "Copy link" links to (see [`Options::share_url`]).
    pub share_url: Option<Rc<str>>,
}

impl Default for Presentation {
    fn default() -> Self {
        Presentation { content_lang: None, heading_level: 2, share_url: None }
    }
}

impl Presentation {
    /// `lang` for bundle text (none when it is the interface's language).
    pub fn lang(&self) -> Option<AttrValue> {
        self.content_lang.as_ref().map(|(tag, _)| tag.clone())
    }

    /// `dir` for sentences of bundle text: the bundle's language's direction
    /// when known, else each string's own (`auto`).
    pub fn dir(&self) -> &'static str {
        self.content_lang.as_ref().map_or("auto", |(_, dir)| dir)
    }

    /// The heading element for a level below the title (`h3` under an `h2`).
    pub fn subheading(&self) -> String {
        format!("h{}", (self.heading_level + 1).clamp(2, 6))
    }
}

/// Options the host (standalone page, custom element, iframe) passes in.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub lang: Option<Lang>,
    pub theme: Theme,
    /// Mirror the filter state in the page URL (the standalone page does).
    pub sync_url: bool,
    /// Level of the article-title heading: 1 on the standalone page, 2 (or
    /// what fits the host's outline) when embedded.
    pub heading_level: u8,
    /// Told of loads, failures and changes.
    pub on_event: Callback<WidgetEvent>,
    pub remote: Remote,
    /// Paragraph numbers the host article marks with `data-claim-paragraph`:
    /// a card's "in paragraph N" becomes a button for these.
    pub host_paragraphs: Rc<BTreeSet<u32>>,
    /// The page "Copy link" links to (an `http(s)` URL without its fragment);
    /// `None`: the page the widget is in. The iframe embed is given its host
    /// article's.
    pub share_url: Option<Rc<str>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            theme: Theme::Auto,
            sync_url: false,
            heading_level: 2,
            on_event: Callback::noop(),
            remote: Remote::default(),
            host_paragraphs: Rc::default(),
            share_url: None,
        }
    }
}
