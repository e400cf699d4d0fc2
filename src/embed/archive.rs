//! The archive view's half of the embed (feature `archive-view`, in the
//! archive's own wasm): what `claim-cards.js` calls for an element with an
//! `archive` attribute.

use super::{get_bool, get_str, Obj, Settings};
use crate::archive::session::Choice;
use crate::components::archive::{ArchiveApp, ArchiveProps, Status};
use crate::components::Options;
use wasm_bindgen::prelude::*;
use web_sys::Node;
use yew::{AppHandle, Callback};

/// A mounted archive view, held by one `<claim-cards archive=…>`.
#[wasm_bindgen]
pub struct ArchiveWidget {
    app: Option<AppHandle<ArchiveApp>>,
    /// The manifest's URL.
    url: String,
}

#[wasm_bindgen]
impl ArchiveWidget {
    /// Mounts the archive view at the end of `target` (the element's shadow
    /// root). `config`: `archive` (its manifest's URL), `response` (a
    /// promise of the manifest's response, if the element started its
    /// download: [`crate::web::prefetched`]), `refused`
    /// (the origin `bundle-origins` refused: an error card, nothing
    /// fetched), `state` (filter attributes as a query string), `then` (the
    /// page URL's, which wins), `syncUrl`, and the presentation attributes.
    /// `on_event(name, detail)` receives `ready` ({claims, articles}) and
    /// `failed` ({url, problems, reason}).
    #[wasm_bindgen(constructor)]
    pub fn new(target: Node, config: JsValue, on_event: js_sys::Function) -> ArchiveWidget {
        let url = get_str(&config, "archive").unwrap_or_default();
        super::take_over_download(&config, &url);
        let pairs = |key: &str| crate::web::parse_query(&get_str(&config, key).unwrap_or_default());
        let (state, then) = (pairs("state"), pairs("then"));
        let chosen = if then.is_empty() { state } else { then };
        let initial = Choice::from_pairs(chosen.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut options = Options { sync_url: get_bool(&config, "syncUrl"), ..Options::default() };
        Settings::read(&config).apply(&mut options);
        let on_status = Callback::from(move |status: Status| {
            let (name, detail) = match status {
                Status::Ready { claims, articles } => {
                    ("ready", Obj::new().set("claims", claims).set("articles", articles))
                }
                Status::Failed(t) => {
                    let problems = super::strings(&t.reasons);
                    let detail =
                        Obj::new().set("url", t.url.as_str()).set("problems", problems).set("reason", t.failure.code());
                    ("failed", detail)
                }
            };
            let _ = on_event.call2(&JsValue::NULL, &JsValue::from_str(name), &detail.0.into());
        });
        let refused = get_str(&config, "refused");
        let props =
            ArchiveProps { url: url.clone().into(), initial, options, on_status, refused: refused.map(Into::into) };
        let root = gloo::utils::document().create_element("div").ok();
        let app = root.and_then(|root| {
            target.append_child(&root).ok()?;
            Some(yew::Renderer::<ArchiveApp>::with_root_and_props(root, props).render())
        });
        ArchiveWidget { app, url }
    }

    /// Unmounts the view (the element was removed, or its `archive` changed).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        // A manifest's download the view had not taken yet.
        drop(crate::web::take_prefetched(&self.url));
    }
}
