//! The host page's side of a widget: it is told of every change of the
//! reader's choices, and it can send commands ([`HostCommand`]) through the
//! [`Remote`] it passed in.

use super::store::{Store, StoreAction};
use crate::components::{HostCommand, Remote, WidgetEvent};
use yew::prelude::*;

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
