//! A card to reveal — scroll to, focus, highlight — once it is rendered: from
//! a `#claim-<id>` deep link in the page URL when the bundle loads, or from
//! the host (`reveal()`). A card hidden by filters is revealed after they
//! are cleared; the window grows to cover it.

use super::store::{Store, StoreAction};
use super::window::Window;
use crate::dataset::Shared;
use crate::view::{Action, Selection};
use std::rc::Rc;
use yew::prelude::*;

/// The claim waiting to be revealed, if any.
#[derive(Clone)]
pub struct Reveal(UseStateHandle<Option<String>>);

impl Reveal {
    /// Where the waiting claim stands in `selection`: the window must reach it.
    pub fn position(&self, data: &Shared, selection: &Selection) -> Option<usize> {
        self.0.as_deref().and_then(|id| position_in(data, selection, id))
    }

    /// Asks for a claim to be revealed.
    pub fn request(&self) -> Callback<String> {
        let pending = self.0.clone();
        Callback::from(move |id| pending.set(Some(id)))
    }
}

/// Where the claim with `id` stands in the selection, if it is selected.
fn position_in(data: &Shared, selection: &Selection, id: &str) -> Option<usize> {
    let ci = data.claim_index(id)?;
    selection.claims.iter().position(|&c| c == ci)
}

/// `root` is the element the cards are rendered under.
#[hook]
pub fn use_reveal(
    data: &Shared,
    store: &UseReducerHandle<Store>,
    selection: &Rc<Selection>,
    root: &NodeRef,
    window: &Window,
) -> Reveal {
    let pending = use_state(|| None::<String>);
    // `#claim-<id>` in the page URL: reveal that card once loaded.
    {
        let pending = pending.clone();
        use_effect_with(data.clone(), move |_| {
            if let Some(id) = crate::web::hash().strip_prefix("claim-") {
                pending.set(Some(id.to_owned()));
            }
        });
    }
    // The card is rendered (the window covers it) unless filters hide it, in
    // which case they are cleared first.
    {
        let pending = pending.clone();
        let root = root.clone();
        let dispatch = store.dispatcher();
        let data = data.clone();
        let view = store.view.clone();
        let window = window.clone();
        use_effect_with(((*pending).clone(), selection.clone()), move |(id, selection)| {
            let Some(id) = id else { return };
            if data.claim_index(id).is_none() {
                pending.set(None);
                return;
            }
            if let Some(pos) = position_in(&data, selection, id) {
                if let Some(root) = root.cast::<web_sys::Element>() {
                    crate::web::reveal(&root, &format!("claim-{id}"));
                }
                // Keep the card rendered once the request is done.
                window.cover(selection, pos + 1);
                pending.set(None);
            } else if view.is_filtered() {
                dispatch.dispatch(StoreAction::FromHost(view.apply(Action::ClearAll)));
            } else {
                pending.set(None);
            }
        });
    }
    Reveal(pending)
}
