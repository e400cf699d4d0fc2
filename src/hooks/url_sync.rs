//! The reader's choices mirrored in the page URL — a new history entry for a
//! discrete choice, the current one replaced while typing — and restored by
//! back/forward. Only the parameters the widget owns ([`Param`]) are touched.

use super::store::{Store, StoreAction, UrlWrite};
use crate::view::{Param, ViewState};
use yew::prelude::*;

#[hook]
pub fn use_url_sync(store: &UseReducerHandle<Store>, sync: bool) {
    {
        let write = store.url_write;
        use_effect_with(store.view.clone(), move |view| {
            if sync && write != UrlWrite::None {
                crate::web::write_query(&Param::names(), &view.to_pairs(), write == UrlWrite::Push);
            }
        });
    }
    let dispatch = store.dispatcher();
    use_effect_with(sync, move |sync| {
        let listener = sync.then(|| {
            gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let view = ViewState::from_query_pairs(&crate::web::query_pairs());
                dispatch.dispatch(StoreAction::FromUrl(view));
            })
        });
        move || drop(listener)
    });
}
