//! The root of every widget's Yew app: an [`App`], or nothing while the app
//! waits for its next widget.
//!
//! Why not a fresh Yew app per widget: Yew (0.23) puts its delegated event
//! listeners on the mount root and never removes them — their closures are
//! forgotten and hold the app's event tree, which holds the root element. An
//! app destroyed is therefore never freed (≈ 3 KB of wasm memory, and the
//! removed element with its shadow tree in the JS heap). A single-page news
//! site that mounts and removes widgets on every navigation would grow
//! without bound, so the embed layer (`crate::embed`) keeps the apps of
//! removed widgets and gives each to the next widget, which makes the number
//! of apps ever made the number of widgets ever on screen at once.
//! `tests/e2e/leaks.test.mjs` measures it.

use super::app::{App, AppProps};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct MountProps {
    /// The widget to show; none while the app is kept for reuse.
    #[prop_or_default]
    pub app: Option<AppProps>,
    /// A new number for each widget, so that nothing of one widget's state
    /// (hooks, effects) carries over to the next.
    #[prop_or_default]
    pub generation: u32,
}

#[function_component]
pub fn Mount(props: &MountProps) -> Html {
    match &props.app {
        Some(app) => html! { <App key={props.generation} ..app.clone() /> },
        None => Html::default(),
    }
}
