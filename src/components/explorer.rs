use crate::components::card::{avatar, speaker_line, Card};
use crate::components::filter_bar::FilterBar;
use crate::components::more::More;
use crate::components::notice::Notice;
use crate::components::{HostCommand, Remote, WidgetEvent};
use crate::dataset::Shared;
use crate::i18n::Strings;
use crate::view::{group_by_speaker, select, Action, Facet, Selection, ViewState};
use std::collections::BTreeSet;
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
    pub view: ViewState,
    pub url_write: UrlWrite,
}

/// The widget's actions: a reader's [`Action`], or the URL telling us the state.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreAction {
    Reader(Action),
    FromUrl(ViewState),
    /// The host page set the choices (attributes, methods): a discrete change.
    FromHost(ViewState),
}

impl Reducible for Store {
    type Action = StoreAction;

    fn reduce(self: Rc<Self>, action: StoreAction) -> Rc<Self> {
        let (view, url_write) = match action {
            StoreAction::FromUrl(view) => (view, UrlWrite::None),
            StoreAction::FromHost(view) => (view, UrlWrite::Push),
            StoreAction::Reader(a) => {
                let write = if matches!(a, Action::SetQuery(_)) { UrlWrite::Replace } else { UrlWrite::Push };
                (self.view.apply(a), write)
            }
        };
        if view == self.view {
            return self;
        }
        Rc::new(Store { view, url_write })
    }
}

/// Cards rendered for a new selection: about three desktop screens' worth
/// (cards are 150–250 px tall). Every card rendered is DOM work on each filter
/// change, so this is kept small; the [`More`] sentinel adds cards as soon as
/// the end of the list comes within 1,000 px of the viewport.
pub const WINDOW: usize = 6;
/// Cards added each time the reader nears the end of the rendered list.
pub const STEP: usize = 8;

/// How many cards of `selection` are rendered: the window's length when it
/// belongs to this selection, else a fresh window.
fn window_len(window: &(Rc<Selection>, usize), selection: &Rc<Selection>) -> usize {
    if Rc::ptr_eq(&window.0, selection) {
        window.1
    } else {
        WINDOW
    }
}

/// Where the claim with `id` stands in the selection, if it is selected.
fn position_in(data: &Shared, selection: &Selection, id: &str) -> Option<usize> {
    let ci = data.bundle.claim_index(id)?;
    selection.claims.iter().position(|&c| c == ci)
}

/// Parameters of the page URL that the widget owns.
pub const URL_PARAMS: [&str; 7] = ["speaker", "source", "topic", "kind", "q", "sort", "group"];

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
}

#[function_component]
pub fn Explorer(props: &ExplorerProps) -> Html {
    let s = props.strings;
    let store = {
        let initial = props.initial.clone();
        use_reducer(move || Store { view: initial, url_write: UrlWrite::None })
    };
    let view = Rc::new(store.view.clone());
    let selection = {
        let data = props.data.clone();
        use_memo((data, view.clone()), |(data, view)| select(&data.bundle, &data.index, view))
    };
    let words = use_memo(selection.words.clone(), |w| w.clone());
    let problems = use_memo(props.data.clone(), |d| d.problems.clone());
    let copied = use_state(|| None::<String>);
    // A claim to scroll to once its card is rendered (deep link, host request).
    let pending = use_state(|| None::<String>);
    let node = use_node_ref();
    // How many cards of the selection are rendered (see ARCHITECTURE.md, "Long
    // lists"): WINDOW for a new selection, more as the reader scrolls.
    let window = use_state(|| (Rc::clone(&selection), WINDOW));
    let mut limit = window_len(&window, &selection);
    if let Some(pos) = pending.as_deref().and_then(|id| position_in(&props.data, &selection, id)) {
        limit = limit.max(pos + 1);
    }

    // Mirror the choices in the page URL, and tell the host.
    {
        let sync = props.sync_url;
        let on_event = props.on_event.clone();
        let store = store.clone();
        let (shown, total) = (selection.claims.len(), props.data.bundle.claims.len());
        use_effect_with(store.view.clone(), move |view| {
            if sync && store.url_write != UrlWrite::None {
                crate::web::write_query(&URL_PARAMS, &view.to_pairs(), store.url_write == UrlWrite::Push);
            }
            on_event.emit(WidgetEvent::FilterChange { state: view.clone(), shown, total });
        });
    }
    // The host may replace the choices or ask for a card (custom element).
    {
        let dispatch = store.dispatcher();
        let pending = pending.clone();
        use_effect_with(props.remote.clone(), move |remote| {
            remote.register(Some(Callback::from(move |command| match command {
                HostCommand::SetState(v) => dispatch.dispatch(StoreAction::FromHost(v)),
                HostCommand::Reveal(id) => pending.set(Some(id)),
            })));
            let remote = remote.clone();
            move || remote.register(None)
        });
    }
    // Back/forward restore the choices from the URL.
    {
        let dispatch = store.dispatcher();
        use_effect_with(props.sync_url, move |sync| {
            let listener = sync.then(|| {
                let window = gloo::utils::window();
                gloo::events::EventListener::new(&window, "popstate", move |_| {
                    let view = ViewState::from_query_pairs(&crate::web::query_pairs());
                    dispatch.dispatch(StoreAction::FromUrl(view));
                })
            });
            move || drop(listener)
        });
    }
    // `#claim-<id>` in the page URL: reveal that card once loaded.
    {
        let pending = pending.clone();
        use_effect_with(props.data.clone(), move |_| {
            if let Some(id) = crate::web::hash().strip_prefix("claim-") {
                pending.set(Some(id.to_owned()));
            }
        });
    }
    // A card to reveal: it is rendered (the window covers it) unless filters
    // hide it, in which case they are cleared first.
    {
        let pending = pending.clone();
        let node = node.clone();
        let dispatch = store.dispatcher();
        let data = props.data.clone();
        let view = store.view.clone();
        let window = window.clone();
        use_effect_with(((*pending).clone(), selection.clone()), move |(id, selection)| {
            let Some(id) = id else { return };
            if data.bundle.claim_index(id).is_none() {
                pending.set(None);
                return;
            }
            if let Some(pos) = position_in(&data, selection, id) {
                if let Some(root) = node.cast::<web_sys::Element>() {
                    crate::web::reveal(&root, &format!("claim-{id}"));
                }
                // Keep the card rendered once the request is done.
                window.set((selection.clone(), window_len(&window, selection).max(pos + 1)));
                pending.set(None);
            } else if view.is_filtered() {
                let cleared = view.apply(Action::ClearAll);
                dispatch.dispatch(StoreAction::FromHost(cleared));
            } else {
                pending.set(None);
            }
        });
    }

    let dispatch = {
        let store = store.clone();
        Callback::from(move |a: Action| store.dispatch(StoreAction::Reader(a)))
    };
    // Callbacks handed to every card are made once (not per render), so that
    // a card whose claim, highlight and state are unchanged is not re-rendered.
    let on_copy = {
        let copied = copied.setter();
        use_callback((), move |id: String, ()| {
            let link = crate::web::claim_link(&id);
            if !crate::web::copy_text(&link) {
                let _ = gloo::utils::window().location().set_hash(&format!("claim-{id}"));
            }
            copied.set(Some(id));
        })
    };
    let on_paragraph =
        use_callback(props.on_event.clone(), |p: u32, on_event| on_event.emit(WidgetEvent::Paragraph(p)));
    let bundle = &props.data.bundle;
    let total = bundle.claims.len();
    let shown = selection.claims.len();
    let card = |ci: usize, hide_speaker: bool| {
        let id = &bundle.claims[ci].id;
        html! {
            <Card key={id.clone()} data={props.data.clone()} claim={ci} words={words.clone()} strings={s}
                on_copy={on_copy.clone()} copied={copied.as_deref() == Some(id.as_str())} {hide_speaker}
                host_paragraphs={props.host_paragraphs.clone()} on_paragraph={on_paragraph.clone()} />
        }
    };
    let rendered = &selection.claims[..limit.min(shown)];
    let more = (rendered.len() < shown).then(|| {
        let window = window.clone();
        let selection = selection.clone();
        let on_more = Callback::from(move |()| window.set((selection.clone(), limit + STEP)));
        html! {
            // (Ids never contain a space, so this key cannot clash with a card's or a group's.)
            <More key="more sentinel" remaining={shown - rendered.len()} label={(s.show_more)(STEP.min(shown - rendered.len()), shown - rendered.len())}
                {on_more} generation={limit} />
        }
    });
    let list = if shown == 0 {
        html! {
            <div class="cc-empty">
                <p class="cc-empty-title">{ s.empty_title }</p>
                <p>{ s.empty_hint }</p>
                if view.is_filtered() {
                    <button type="button" class="cc-button" onclick={dispatch.reform(|_| Action::ClearAll)}>{ s.clear_all }</button>
                }
            </div>
        }
    } else if view.grouped {
        html! {
            <ul class="cc-groups">
                { for group_by_speaker(bundle, rendered).into_iter().map(|(sp, claims)| {
                    let speaker = &bundle.speakers[sp];
                    html! {
                        <li class="cc-group-item" key={speaker.id.clone()}>
                            <h3 class="cc-group-head">{ avatar(speaker) }<span class="cc-speaker">{ speaker_line(speaker, &words) }</span></h3>
                            <ul class="cc-list">{ for claims.into_iter().map(|ci| card(ci, true)) }</ul>
                        </li>
                    }
                }) }
                { for more }
            </ul>
        }
    } else {
        html! { <ul class="cc-list">{ for rendered.iter().map(|&ci| card(ci, false)) }{ for more }</ul> }
    };
    let chosen = Facet::ALL.iter().map(|f| view.facet(*f).len()).sum::<usize>();

    html! {
        <div class="cc-explorer" ref={node} data-filtered={(chosen > 0 || !view.query.is_empty()).to_string()}>
            <Notice strings={s} problems={problems} skipped={props.data.skipped_claims} />
            <FilterBar data={props.data.clone()} state={view.clone()} selection={selection.clone()}
                dispatch={dispatch.clone()} strings={s} id_prefix={props.id_prefix.clone()} />
            <p class="cc-count-line" role="status" aria-live="polite" aria-atomic="true">{ (s.count)(shown, total) }</p>
            <section class="cc-results" aria-label={s.results}>{ list }</section>
        </div>
    }
}
