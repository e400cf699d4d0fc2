use crate::components::error_card::error_card;
use crate::components::explorer::Explorer;
use crate::components::skeleton::skeleton;
use crate::components::{Options, Presentation};
use crate::dataset::LoadState;
use crate::hooks::host::WidgetEvent;
use crate::i18n::Lang;
use crate::view::ViewState;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The bundle to fetch.
    pub bundle_url: AttrValue,
    #[prop_or_default]
    pub initial: ViewState,
    #[prop_or_default]
    pub options: Options,
    /// Shows this state instead of fetching (tests, inline bundles); a new
    /// one replaces it at once (the editor's preview, as the editor types).
    #[prop_or_default]
    pub preloaded: Option<LoadState>,
    /// How this app starts: rendered afresh, rendered on a server
    /// (`claim-cards render`), or taking over what a server rendered.
    #[prop_or_default]
    pub start: Start,
    /// A state to apply once the prerendered view has been taken over (the
    /// page URL's view).
    #[prop_or_default]
    pub then: Option<ViewState>,
}

/// How an app starts (see ARCHITECTURE.md, "Prerendering and hydration").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Start {
    /// Rendered in the browser from nothing.
    #[default]
    Fresh,
    /// Rendered on a server: static — no host paragraphs; the controls are
    /// live in the HTML, so what a reader does before any script runs is in
    /// their state (static/embed/early.js), and hidden without scripting —,
    /// with the cards as a region the browser keeps as it is (see `CardList`).
    Server,
    /// Hydrating a server's render: the controls are adopted and live at
    /// once; the cards stay the server's until the view changes.
    TakeOver,
}

impl AppProps {
    /// Everything besides the bundle that decides the first render's
    /// markup, as one string: a prerender is taken over only by a widget
    /// whose key (and bundle) it was made with (see `crate::prerender`).
    pub fn settings_key(&self) -> String {
        let o = &self.options;
        let lang = o.lang.map_or("", |l| l.tag());
        let view = self.initial.canonical();
        format!("lang={lang};theme={};h={};view={view}", o.theme.as_str(), o.heading_level)
    }
}

/// Fetches and loads the bundle, then shows the explorer, a skeleton while
/// loading, or an error card in the widget's place.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let preloaded = props.preloaded.clone();
        use_state(move || preloaded.unwrap_or(LoadState::Loading))
    };
    // Only a server's render is static (its regions kept for the browser, no
    // host paragraphs). A prop, not a context: a context is a component of
    // its own, whose code a take-over would compile in its longest task.
    let live = props.start != Start::Server;
    // Each press of Retry fetches again.
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        let skip = props.preloaded.is_some() && *attempt == 0;
        // A take-over's explorer says when it is ready (once settled).
        let told = props.start == Start::TakeOver;
        let on_event = props.options.on_event.clone();
        let chosen = props.options.lang;
        use_effect_with((props.bundle_url.clone(), *attempt), move |(url, _)| {
            if skip {
                match load_event(&state, chosen) {
                    Some(WidgetEvent::Ready(..)) if told => {}
                    Some(event) => on_event.emit(event),
                    None => {}
                }
            } else {
                state.set(LoadState::Loading);
                let url = url.to_string();
                wasm_bindgen_futures::spawn_local(async move {
                    let next = crate::web::load(&url, crate::web::fetch_text(&url).await);
                    if let Some(event) = load_event(&next, chosen) {
                        on_event.emit(event);
                    }
                    state.set(next);
                });
            }
        });
    }

    // What is shown: the state given, else the one fetched.
    let state: &LoadState = match &props.preloaded {
        Some(given) if *attempt == 0 => given,
        _ => &state,
    };
    let lang = ui_lang(state, props.options.lang);
    let s = lang.strings();
    let (title, content_lang) = match state {
        LoadState::Ready(d) => (d.bundle.article.title.clone(), d.bundle.article.language.clone()),
        _ => (None, None),
    };
    // The bundle's language, where it is not the interface's.
    let content_lang = content_lang.filter(|tag| crate::i18n::primary_subtag(tag) != lang.tag()).map(|tag| {
        let dir = crate::i18n::text_dir(&tag);
        (AttrValue::from(tag), dir)
    });
    let look = Rc::new(Presentation {
        content_lang,
        heading_level: props.options.heading_level.clamp(1, 6),
        share_url: props.options.share_url.clone(),
    });
    let body = match state {
        LoadState::Loading => skeleton(s),
        LoadState::Failed { url, failure, reasons } => {
            // Trying again helps when the bundle was fetched (an inline one stays as it is).
            let retry = props.preloaded.is_none().then(|| {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            });
            error_card(s, url, failure, reasons, retry)
        }
        LoadState::Ready(d) => html! {
            <Explorer data={d.clone()} initial={props.initial.clone()} strings={s} sync_url={props.options.sync_url}
                on_event={props.options.on_event.clone()} remote={props.options.remote.clone()}
                host_paragraphs={props.options.host_paragraphs.clone()} then={props.then.clone()}
                look={look.clone()} kept={props.start != Start::Fresh} {live} />
        },
    };
    // Two widgets on a page are two landmarks: each named by its article.
    let label = match &title {
        Some(t) => format!("{}: {t}", s.widget_label),
        None => s.widget_label.to_owned(),
    };
    html! {
        <section class="cc-root" part="root" lang={lang.tag()} data-ui-dir={lang.dir()} data-theme={props.options.theme.as_str()} aria-label={label}>
            <header class="cc-head">
                <p class="cc-eyebrow">{ s.widget_label }</p>
                if let Some(t) = title {
                    <@{format!("h{}", look.heading_level)} class="cc-title" lang={look.lang()} dir="auto">{ t }</@>
                }
            </header>
            { body }
        </section>
    }
}

/// The interface language: the one chosen (`lang`), else the bundle's.
fn ui_lang(state: &LoadState, chosen: Option<Lang>) -> Lang {
    match (chosen, state) {
        (Some(lang), _) => lang,
        (None, LoadState::Ready(d)) => d.lang(Lang::default()),
        (None, _) => Lang::default(),
    }
}

/// The event a finished load sends to the host.
fn load_event(state: &LoadState, chosen: Option<Lang>) -> Option<WidgetEvent> {
    match state {
        LoadState::Loading => None,
        LoadState::Ready(d) => Some(WidgetEvent::Ready(d.clone(), ui_lang(state, chosen).strings())),
        LoadState::Failed { url, failure, reasons } => {
            Some(WidgetEvent::Failed { url: url.clone(), failure: failure.clone(), reasons: reasons.clone() })
        }
    }
}
