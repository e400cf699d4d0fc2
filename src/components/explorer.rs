use crate::components::card_list::CardList;
use crate::components::filter_bar::FilterBar;
use crate::components::notice::Notice;
use crate::components::Presentation;
use crate::components::Stage;
use crate::dataset::Shared;
use crate::hooks::host::use_host;
use crate::hooks::host::{Remote, WidgetEvent};
use crate::hooks::reveal::use_reveal;
use crate::hooks::store::{use_store, StoreAction};
use crate::hooks::url_sync::use_url_sync;
use crate::hooks::window::{use_window, STEP};
use crate::i18n::Strings;
use crate::view::{select, Action, ViewState};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub data: Shared,
    pub initial: ViewState,
    pub strings: &'static Strings,
    #[prop_or_default]
    pub sync_url: bool,
    #[prop_or(AttrValue::Static("cc"))]
    pub id_prefix: AttrValue,
    /// Told of every change of the reader's choices, and of paragraph requests.
    #[prop_or_default]
    pub on_event: Callback<WidgetEvent>,
    /// Lets the host replace the reader's choices.
    #[prop_or_default]
    pub remote: Remote,
    #[prop_or_default]
    pub host_paragraphs: Rc<BTreeSet<u32>>,
    /// A state to apply once live (see `AppProps::then`).
    #[prop_or_default]
    pub then: Option<ViewState>,
    /// How the parts are shown (content language, heading level, link base).
    #[prop_or_default]
    pub look: Rc<Presentation>,
    /// The cards in the DOM are a prerender's (a server's render, or the
    /// browser taking one over): kept as they are while this view shows them.
    #[prop_or_default]
    pub kept: bool,
    /// Live: false only while a server renders (it keeps regions for the
    /// browser and leaves out host paragraphs).
    #[prop_or(true)]
    pub live: bool,
}

/// The loaded bundle explored: the reader's choices (a reducer), what they
/// select, and the notice, filter bar, count and card list. Its behaviour is
/// in `hooks/`; this wires the hooks together.
#[function_component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let live = props.live;
    let s = props.strings;
    let data = &props.data;
    let store = use_store(&props.initial);
    let view = store.view.clone();
    let selection = use_memo((data.clone(), view.clone()), |(data, view)| select(&data.bundle, &data.index, view));
    let words = use_memo(selection.words.clone(), |w| w.clone());
    let problems = use_memo(data.clone(), |d| d.problems.clone());
    let node = use_node_ref();
    let window = use_window(&selection);
    let reveal = use_reveal(data, &store, &selection, &node, &window);
    let (shown, total) = (selection.claims.len(), data.bundle.claims.len());
    use_url_sync(&store, props.sync_url);
    use_host(&store, &props.on_event, (shown, total), &props.remote, reveal.request());
    {
        // The page URL's view, once the prerendered one has been taken over
        // (in the same task: no paint shows the prerendered view's controls).
        let dispatch = store.dispatcher();
        let then = props.then.clone();
        use_effect_with((), move |()| {
            if let Some(view) = then {
                dispatch.dispatch(StoreAction::FromUrl(view));
            }
        });
    }
    // The host article's paragraphs are links in the browser (a server does
    // not know them).
    let host_paragraphs = if live { props.host_paragraphs.clone() } else { Rc::default() };
    // Whether the prerender's cards can stay as they are: this is still the
    // view, the words and the looks they were made with, and nothing on
    // them would change — "in paragraph N" becomes a button where the host
    // article marks that paragraph, a task after the take-over.
    // (Once changed, never again: what was kept has been replaced.)
    let made_with = use_mut_ref(|| Some((props.initial.clone(), s as *const Strings, props.look.clone())));
    // Taking a prerender over is done in steps, a task each and none long:
    // the hydration (the shell, the count, the cards kept as they are), then
    // the search box and tools rendered in place of the server's, then the
    // facets (and the cards, where host paragraphs would change them), then
    // the host is told the widget is ready. What the reader does meanwhile
    // is handed on by static/embed/early.js.
    let stage = use_state(|| if props.kept { Stage::Hydrated } else { Stage::Settled });
    {
        let (stage, on_event, data) = (stage.clone(), props.on_event.clone(), data.clone());
        use_effect_with((), move |()| {
            // (Not told after the widget is gone: its element may have another by then.)
            let gone = Rc::new(std::cell::Cell::new(false));
            if *stage != Stage::Settled {
                let gone = gone.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    for next in [Stage::Tools, Stage::FirstFacet, Stage::Settled] {
                        crate::web::next_task().await;
                        if gone.get() {
                            return;
                        }
                        stage.set(next);
                    }
                    crate::web::next_task().await;
                    if !gone.get() {
                        on_event.emit(WidgetEvent::Ready(data, s));
                    }
                });
            }
            move || gone.set(true)
        });
    }
    let unchanged = props.kept && {
        let mut made_with = made_with.borrow_mut();
        let same = made_with
            .as_ref()
            .is_some_and(|(view0, s0, look0)| *view0 == *view && std::ptr::eq(*s0, s) && **look0 == *props.look);
        if !same {
            *made_with = None;
        }
        same
    };
    let paragraphs_matter = unchanged
        && live
        && !props.host_paragraphs.is_empty()
        && selection
            .claims
            .iter()
            .any(|&ci| data.bundle.claims[ci].paragraph.is_some_and(|p| props.host_paragraphs.contains(&p)));
    let settled = *stage == Stage::Settled;
    let keep = unchanged && crate::hooks::window::whole(&selection) && !(settled && paragraphs_matter);
    // What the filter bar keeps: as far as the steps have come, or nothing once the view changed.
    let taken = if unchanged { *stage } else { Stage::Settled };

    // A card waiting to be revealed is rendered even beyond the window.
    let limit = window.len(&selection).max(reveal.position(data, &selection).map_or(0, |pos| pos + 1));
    // The search box: where focus goes when "Clear all" takes the control
    // that had it away (it is disabled, or the empty state goes).
    let search = use_node_ref();
    let dispatch = {
        let store = store.clone();
        let search = search.clone();
        Callback::from(move |a: Action| {
            let clearing = a == Action::ClearAll;
            store.dispatch(StoreAction::Reader(a));
            if clearing {
                if let Some(input) = search.cast::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        })
    };
    let on_more = {
        let selection = selection.clone();
        Callback::from(move |()| window.cover(&selection, limit + STEP))
    };
    let count = (s.count)(shown, total);

    html! {
        // `data-cc-live`: set by the hydration itself, in its task (early.js
        // tells by it what the widget has seen).
        <div class="cc-explorer" ref={node} data-cc-live={live.then_some(AttrValue::Static(""))} data-filtered={(view.chosen_count() > 0 || !view.query.is_empty()).to_string()}>
            // (Its component only where there is something to say: one type
            // fewer for a start to run.)
            if !problems.is_empty() {
                <Notice strings={s} problems={problems} skipped={data.skipped_claims} />
            }
            // A bundle without claims has nothing to filter.
            if total > 0 {
                <FilterBar data={data.clone()} state={view.clone()} selection={selection.clone()}
                    dispatch={dispatch.clone()} strings={s} id_prefix={props.id_prefix.clone()}
                    search={search} count={count.clone()} stage={taken} {live} />
            }
            <p class="cc-count-line" role="status" aria-live="polite" aria-atomic="true">{ count }</p>
            <div class="cc-results">
                <CardList data={data.clone()} selection={selection.clone()} {limit} grouped={view.grouped}
                    filtered={view.is_filtered()} words={words} strings={s} on_event={props.on_event.clone()}
                    {host_paragraphs} {on_more} look={props.look.clone()} {keep}
                    on_clear={dispatch.reform(|()| Action::ClearAll)} {live} />
            </div>
        </div>
    }
}
