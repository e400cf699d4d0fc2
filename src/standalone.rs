//! Mounting the widget as the standalone page (the `standalone` binary).

use crate::components::app::{App, AppProps};
use crate::components::{Options, Theme};
use crate::i18n::Lang;
use crate::view::ViewState;

/// The demo bundle the page shows without `?bundle=`.
pub const DEFAULT_BUNDLE: &str = "bundles/us-hamas-talks.json";

/// Reads the page URL into the widget's properties.
pub fn props_from_query(pairs: &[(String, String)]) -> AppProps {
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let bundle = get("bundle").filter(|b| !b.trim().is_empty()).unwrap_or(DEFAULT_BUNDLE);
    AppProps {
        bundle_url: bundle.to_owned().into(),
        initial: ViewState::from_query_pairs(pairs),
        options: Options {
            lang: get("lang").map(Lang::from_tag),
            theme: get("theme").map(Theme::parse).unwrap_or_default(),
            sync_url: true,
            heading_level: 1,
            ..Options::default()
        },
        preloaded: None,
    }
}

/// Mounts the app into `#app` (replacing the no-JavaScript fallback).
pub fn start() {
    let doc = gloo::utils::document();
    let Some(root) = doc.get_element_by_id("app") else {
        gloo::console::error!("claim-cards: no element with id \"app\" on this page");
        return;
    };
    root.set_inner_html("");
    let props = props_from_query(&crate::web::query_pairs());
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
