//! The reader's choices as a Yew reducer: a thin wrapper around the pure
//! reducer [`ViewState::apply`], which is tested natively.

use crate::view::{Action, ViewState};
use std::rc::Rc;
use yew::prelude::*;

/// How the last change should reach the page URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlWrite {
    /// A discrete choice: a new history entry.
    Push,
    /// Typing: replace the current entry.
    Replace,
    /// The change came from the URL (back/forward): leave it alone.
    None,
}

/// The reducer's state: the reader's choices, and how the last one was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    pub view: Rc<ViewState>,
    pub url_write: UrlWrite,
}

/// The widget's actions: a reader's [`Action`], or the URL or the host telling us the state.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreAction {
    Reader(Action),
    /// Back/forward: the state the URL holds.
    FromUrl(ViewState),
    /// The host page set the choices (attributes, methods): a discrete change.
    FromHost(ViewState),
    /// The host page acted on the choices (`clearFilters()`): a discrete change.
    HostAction(Action),
}

impl Reducible for Store {
    type Action = StoreAction;

    fn reduce(self: Rc<Self>, action: StoreAction) -> Rc<Self> {
        let (view, url_write) = match action {
            StoreAction::FromUrl(view) => (view, UrlWrite::None),
            StoreAction::FromHost(view) => (view, UrlWrite::Push),
            StoreAction::HostAction(a) => (self.view.apply(a), UrlWrite::Push),
            StoreAction::Reader(a) => {
                let write = if matches!(a, Action::SetQuery(_)) { UrlWrite::Replace } else { UrlWrite::Push };
                (self.view.apply(a), write)
            }
        };
        if view == *self.view {
            return self;
        }
        Rc::new(Store { view: Rc::new(view), url_write })
    }
}

/// The store, starting from `initial`.
#[hook]
pub fn use_store(initial: &ViewState) -> UseReducerHandle<Store> {
    let initial = initial.clone();
    use_reducer(move || Store { view: Rc::new(initial), url_write: UrlWrite::None })
}
