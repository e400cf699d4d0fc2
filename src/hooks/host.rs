//! The host page's side of a widget: it is told of every change of the
//! reader's choices, and it can send commands ([`HostCommand`]) through the
//! [`Remote`] it passed in.

use super::store::{Store, StoreAction};
use crate::dataset::Shared;
use crate::view::ViewState;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What the widget tells its host (the custom element turns these into DOM events).
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    /// The bundle is shown (its claims, skipped claims and problems are in
    /// the dataset), in the interface language of these strings.
    Ready(Shared, &'static crate::i18n::Strings),
    /// Nothing can be shown: why, and the details.
    Failed { url: String, failure: crate::failure::Failure, reasons: Vec<String> },
    /// The reader's choices changed (also sent once after loading).
    FilterChange { state: ViewState, shown: usize, total: usize },
    /// The reader asked for paragraph N of the host article.
    Paragraph(u32),
}

/// What a host can ask of a mounted widget.
#[derive(Debug, Clone, PartialEq)]
pub enum HostCommand {
    /// Replace the reader's choices.
    SetState(ViewState),
    /// Act on the reader's choices as the reader would (`Action::ClearAll`).
    Act(crate::view::Action),
    /// Show a claim's card (rendering it, clearing filters that hide it), then
    /// scroll to it and highlight it.
    Reveal(String),
}

/// Lets the host drive a mounted widget: the explorer registers itself here.
/// A command sent once the bundle is in but before the explorer has
/// registered (a host acting on `claimcards:ready` at once) waits for it.
/// Equality is identity.
#[derive(Clone, Default)]
pub struct Remote(Rc<RefCell<RemoteInner>>);

#[derive(Default)]
struct RemoteInner {
    target: Option<Callback<HostCommand>>,
    /// Commands that came before the target.
    waiting: Vec<HostCommand>,
}

impl Remote {
    /// Sends a command to the explorer, now or once it has registered.
    pub fn send(&self, command: HostCommand) {
        let target = self.0.borrow().target.clone();
        match target {
            Some(cb) => cb.emit(command),
            None => self.0.borrow_mut().waiting.push(command),
        }
    }

    pub(crate) fn register(&self, cb: Option<Callback<HostCommand>>) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.target = cb.clone();
            std::mem::take(&mut inner.waiting)
        };
        if let Some(cb) = cb {
            waiting.into_iter().for_each(|command| cb.emit(command));
        }
    }
}

impl PartialEq for Remote {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remote")
    }
}

/// Sends `FilterChange` after every change (and once at the start) with the
/// `(shown, total)` counts, and
/// registers the widget with `remote`: `SetState` replaces the choices,
/// `Reveal` goes to `reveal`.
#[hook]
pub fn use_host(
    store: &UseReducerHandle<Store>,
    on_event: &Callback<WidgetEvent>,
    counts: (usize, usize),
    remote: &Remote,
    reveal: Callback<String>,
) {
    {
        let on_event = on_event.clone();
        let (shown, total) = counts;
        use_effect_with(store.view.clone(), move |view| {
            on_event.emit(WidgetEvent::FilterChange { state: (**view).clone(), shown, total });
        });
    }
    let dispatch = store.dispatcher();
    use_effect_with(remote.clone(), move |remote| {
        remote.register(Some(Callback::from(move |command| match command {
            HostCommand::SetState(v) => dispatch.dispatch(StoreAction::FromHost(v)),
            HostCommand::Act(a) => dispatch.dispatch(StoreAction::HostAction(a)),
            HostCommand::Reveal(id) => reveal.emit(id),
        })));
        let remote = remote.clone();
        move || remote.register(None)
    });
}
