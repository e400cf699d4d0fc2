//! Yew function components. They render state and dispatch actions; every
//! decision (what matches, how it counts, how it sorts) lives in the pure core.
//!
//! * [`app::App`] — loads a bundle, then shows [`explorer::Explorer`] (or the
//!   skeleton / the error card).
//! * [`explorer::Explorer`] — owns the reader's [`crate::view::ViewState`]
//!   through a reducer and lays out the filter bar, the notice and the list.
//! * One file per component below.

pub mod app;
pub mod card;
pub mod error_card;
pub mod explorer;
pub mod facet;
pub mod filter_bar;
pub mod notice;
pub mod skeleton;

use crate::i18n::Lang;

/// Common properties of the widget's root element: language, direction and theme.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
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
}

impl Default for Options {
    fn default() -> Self {
        Options { lang: None, theme: Theme::Auto, sync_url: false, heading_level: 2 }
    }
}
