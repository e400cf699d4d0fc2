//! The embed layer's Rust half: what `claim-cards.js` (the `<claim-cards>`
//! custom element, `static/embed/`) calls through wasm-bindgen.
//!
//! The element owns the Shadow DOM, attributes, lazy loading, host events and
//! host-article links; this module only mounts the Yew app into the element's
//! shadow root, forwards the app's [`WidgetEvent`]s to a JS callback, and lets
//! the element drive the app (replace its state, reveal a card).

#[cfg(feature = "archive-view")]
pub mod archive;
pub mod warm;

use crate::components::app::{AppProps, Start};
use crate::components::mount::{Mount, MountProps};
use crate::components::{Options, Theme};
use crate::dataset::{LoadState, Shared};
use crate::hooks::host::{HostCommand, Remote, WidgetEvent};
use crate::i18n::Lang;
use crate::prerender;
use crate::problem::{Problem, Scalar};
use crate::view::{Param, ViewState, GROUP_BY_SPEAKER};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node};
use yew::{AppHandle, Callback};

/// A mounted widget, held by one `<claim-cards>` element.
#[wasm_bindgen]
pub struct Widget {
    /// The app, once mounted (a prerendered widget mounts after its bundle
    /// has loaded).
    app: Rc<RefCell<Option<Mounted>>>,
    remote: Remote,
    /// The loaded dataset, once `ready` was sent.
    data: Rc<RefCell<Option<Shared>>>,
    /// The bundle's URL (to release a download the host started, on destroy).
    url: String,
    /// Set by `destroy`, so that a load still under way mounts nothing.
    destroyed: Rc<Cell<bool>>,
    /// Settings changed before a prerendered widget was mounted.
    settings: Rc<RefCell<Option<Settings>>>,
}

/// A Yew app, the element it renders into (its mount root), and the props
/// and generation it shows (so that options can change without a new widget).
struct Mounted {
    root: Element,
    app: AppHandle<Mount>,
    props: AppProps,
    generation: u32,
}

thread_local! {
    /// The apps of removed widgets, their roots detached and empty, kept for
    /// the next widgets: Yew never frees an app (see `components::mount`).
    static PARKED: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
    /// The last widget's number (`MountProps::generation`).
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// A new widget's number (`MountProps::generation`).
fn next_generation() -> u32 {
    GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    })
}

impl Mounted {
    /// Renders a widget at the end of `parent` (the element's shadow root),
    /// in a kept app when there is one.
    fn render(parent: &Node, props: AppProps) -> Option<Mounted> {
        let generation = next_generation();
        let mount = MountProps { app: Some(props.clone()), generation };
        match PARKED.with(|p| p.borrow_mut().pop()) {
            Some(mut kept) => {
                parent.append_child(&kept.root).ok()?;
                kept.app.update(mount);
                Some(Mounted { props, generation, ..kept })
            }
            None => {
                let root = gloo::utils::document().create_element("div").ok()?;
                parent.append_child(&root).ok()?;
                let app = yew::Renderer::<Mount>::with_root_and_props(root.clone(), mount).render();
                Some(Mounted { root, app, props, generation })
            }
        }
    }

    /// Takes over the prerendered DOM in `root`.
    fn hydrate(root: Element, props: AppProps) -> Mounted {
        let generation = next_generation();
        let mount = MountProps { app: Some(props.clone()), generation };
        let app = yew::Renderer::<Mount>::with_root_and_props(root.clone(), mount).hydrate();
        Mounted { root, app, props, generation }
    }

    /// Shows the same widget with other settings: the app keeps its state
    /// (the reader's filters, search, sort, focus and scroll).
    fn reconfigure(&mut self, settings: &Settings) {
        settings.apply(&mut self.props.options);
        self.app.update(MountProps { app: Some(self.props.clone()), generation: self.generation });
    }

    /// Empties the app, detaches its root from the element and keeps both
    /// for the next widget.
    fn park(mut self) {
        self.app.update(MountProps::default());
        self.root.remove();
        // A prerender's marks (its fingerprint, shape, source).
        for name in self.root.get_attribute_names().iter().filter_map(|n| n.as_string()) {
            let _ = self.root.remove_attribute(&name);
        }
        PARKED.with(|p| p.borrow_mut().push(self));
    }
}

/// What the element's presentation attributes set — `lang`, `theme`,
/// `heading-level`, `share-url` — read from the config object the element
/// passes (`{ lang, theme, headingLevel, shareUrl }`). Changing them changes
/// only how the widget looks and speaks, never the reader's view.
#[derive(Clone)]
struct Settings {
    lang: Option<Lang>,
    theme: Theme,
    heading_level: u8,
    share_url: Option<Rc<str>>,
}

impl Settings {
    fn read(config: &JsValue) -> Settings {
        Settings {
            lang: get_str(config, "lang").filter(|l| !l.is_empty()).map(|l| Lang::from_tag(&l)),
            theme: Theme::parse(&get_str(config, "theme").unwrap_or_default()),
            heading_level: get(config, "headingLevel").and_then(|v| v.as_f64()).map_or(2, |n| n.clamp(1.0, 6.0) as u8),
            // Only a web link: it is what "Copy link" puts on the reader's clipboard.
            share_url: get_str(config, "shareUrl")
                .filter(|u| crate::load::check_url(u).is_ok())
                .map(|u| u.split('#').next().unwrap_or_default().into()),
        }
    }

    fn apply(&self, options: &mut Options) {
        options.lang = self.lang;
        options.theme = self.theme.clone();
        options.heading_level = self.heading_level;
        options.share_url = self.share_url.clone();
    }
}

/// A field of the config object, if it is there.
fn get(config: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(config, &JsValue::from_str(key)).ok()
}

fn get_str(config: &JsValue, key: &str) -> Option<String> {
    get(config, key).and_then(|v| v.as_string())
}

fn get_bool(config: &JsValue, key: &str) -> bool {
    get(config, key).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The config's `response`: the element started the download of `url` (a
/// bundle, an archive's manifest) while the wasm loaded, and hands over the
/// promise of its response, which the first fetch of `url` takes.
fn take_over_download(config: &JsValue, url: &str) {
    if let Some(response) = get(config, "response").and_then(|v| v.dyn_into::<js_sys::Promise>().ok()) {
        crate::web::prefetched(url, response);
    }
}

/// Reads `speaker=a&q=x`-style text into a state (URL form: a facet's
/// values one per pair).
pub fn state_from_query(query: &str) -> ViewState {
    ViewState::from_query_pairs(&crate::web::parse_query(query))
}

/// Reads the element's attributes, given as query text, into a state (a
/// facet's values comma-separated: see `view::attribute_value`).
pub fn state_from_attributes(query: &str) -> ViewState {
    let pairs = crate::web::parse_query(query);
    ViewState::from_attribute_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// A plain JS object built field by field (no JSON round trip: keeps the
/// serialiser out of the wasm).
struct Obj(js_sys::Object);

impl Obj {
    fn new() -> Obj {
        Obj(js_sys::Object::new())
    }

    fn set(self, key: &str, value: impl Into<JsValue>) -> Obj {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }
}

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> js_sys::Array {
    items.into_iter().map(|s| JsValue::from_str(s)).collect()
}

/// A problem as in `claim-cards validate --json` (both from [`Problem::fields`]).
pub fn problem_js(p: &Problem) -> JsValue {
    let o = js_sys::Object::new();
    p.fields(|key, value| {
        let value = match value {
            Scalar::Text(text) => JsValue::from_str(text),
            Scalar::Number(n) => JsValue::from(n as u32),
        };
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), &value);
    });
    o.into()
}

/// The state as the detail of `claimcards:filterchange`: one member per [`Param`].
fn state_js(state: &ViewState) -> Obj {
    Param::ALL.into_iter().fold(Obj::new(), |o, param| match param {
        Param::Facet(facet) => o.set(param.name(), strings(&state.chosen[facet])),
        Param::Query => o.set(param.name(), state.query.as_str()),
        Param::Sort => o.set(param.name(), state.sort.as_str()),
        Param::Group => o.set(param.name(), if state.grouped { GROUP_BY_SPEAKER } else { "" }),
    })
}

fn event_detail(event: &WidgetEvent) -> (&'static str, JsValue) {
    match event {
        WidgetEvent::Ready(data, strings) => {
            let problems: js_sys::Array = data.problems.iter().map(problem_js).collect();
            let title = data.bundle.article.title.as_deref();
            let detail = Obj::new()
                .set("claims", data.bundle.claims.len() as u32)
                .set("skipped", data.skipped_claims as u32)
                .set("problems", problems)
                .set("title", title.map_or(JsValue::NULL, JsValue::from_str))
                // What a page showing only this widget is called (the standalone page uses them).
                .set("pageTitle", strings.page_title(title))
                .set("pageDescription", strings.page_description(title));
            ("ready", detail.0.into())
        }
        WidgetEvent::Failed { url, failure, reasons } => {
            let detail =
                Obj::new().set("url", url.as_str()).set("problems", strings(reasons)).set("reason", failure.code());
            let detail = match failure {
                crate::failure::Failure::Status(code) => detail.set("status", *code),
                _ => detail,
            };
            ("failed", detail.0.into())
        }
        WidgetEvent::FilterChange { state, shown, total } => {
            ("filterchange", state_js(state).set("shown", *shown as u32).set("total", *total as u32).0.into())
        }
        WidgetEvent::Paragraph(n) => ("paragraph", Obj::new().set("paragraph", *n).0.into()),
    }
}

#[wasm_bindgen]
impl Widget {
    /// Mounts a widget: at the end of `target` (the element's shadow root),
    /// or, when `config.prerendered`, in place of the prerender `target`
    /// holds (its mount element). `config`: `{ src, inline, lang, theme,
    /// headingLevel, state, then, syncUrl, paragraphs, response, prerendered,
    /// refused }` — `refused` the origin of a `src` the element may not load
    /// (an error card says so, nothing is fetched);
    /// `inline` is bundle text (from a child `<script type="application/json">`),
    /// `state` a query string of filters, `then` one to apply once live (the
    /// page URL's, after a prerender), `paragraphs` the host article's
    /// `data-claim-paragraph` numbers, `response` the promise of `fetch(src)`
    /// when the host started it already, `prerendered` true when `target`
    /// is a prerender's mount element (`claim-cards render`) to take over.
    /// `on_event(name, detail)` receives `ready`, `failed`, `filterchange`,
    /// `paragraph`.
    #[wasm_bindgen(constructor)]
    pub fn new(target: Node, config: JsValue, on_event: js_sys::Function) -> Widget {
        let src = get_str(&config, "src").unwrap_or_default();
        let inline = get_str(&config, "inline");
        // Inserted one by one: collecting into a set sorts first, which would
        // put another sort algorithm in the wasm.
        let mut paragraphs = BTreeSet::new();
        if let Some(list) = get(&config, "paragraphs").filter(|v| v.is_object()) {
            for n in js_sys::Array::from(&list).iter().filter_map(|n| n.as_f64()) {
                paragraphs.insert(n as u32);
            }
        }
        let remote = Remote::default();
        let data: Rc<RefCell<Option<Shared>>> = Rc::default();
        let loaded = data.clone();
        let on_event = Callback::from(move |event: WidgetEvent| {
            if let WidgetEvent::Ready(d, _) = &event {
                *loaded.borrow_mut() = Some(d.clone());
            }
            let (name, detail) = event_detail(&event);
            let _ = on_event.call2(&JsValue::NULL, &JsValue::from_str(name), &detail);
        });
        let url = if inline.is_some() && src.is_empty() { "(inline bundle)".to_owned() } else { src };
        take_over_download(&config, &url);
        let then = get_str(&config, "then").filter(|q| !q.is_empty()).map(|q| state_from_query(&q));
        let mut options = Options {
            sync_url: get_bool(&config, "syncUrl"),
            on_event,
            remote: remote.clone(),
            host_paragraphs: Rc::new(paragraphs),
            ..Options::default()
        };
        Settings::read(&config).apply(&mut options);
        let mut props = AppProps {
            bundle_url: url.clone().into(),
            initial: state_from_attributes(&get_str(&config, "state").unwrap_or_default()),
            options,
            preloaded: None,
            start: Start::Fresh,
            then: None,
        };
        let widget = Widget {
            app: Rc::default(),
            remote,
            data,
            url: url.clone(),
            destroyed: Rc::default(),
            settings: Rc::default(),
        };
        // Neither a `src` nor an inline bundle: there is nothing to fetch (an
        // empty URL would fetch the host page itself).
        if url.is_empty() {
            props.preloaded = Some(LoadState::Failed {
                url,
                failure: crate::failure::Failure::NoBundle,
                reasons: vec!["the element has no src attribute and no inline bundle".to_owned()],
            });
            *widget.app.borrow_mut() = Mounted::render(&target, props);
            return widget;
        }
        // The element refused the source (its `bundle-origins`): nothing is fetched.
        if let Some(origin) = get_str(&config, "refused") {
            let reason = format!("{origin} is not among the origins this page loads bundles from (bundle-origins)");
            gloo::console::error!(format!("claim-cards: {url}: {reason}"));
            props.preloaded = Some(LoadState::Failed {
                url: url.clone(),
                failure: crate::failure::Failure::Refused(origin),
                reasons: vec![reason],
            });
            *widget.app.borrow_mut() = Mounted::render(&target, props);
            return widget;
        }
        if let Some(target) = target.dyn_ref::<Element>().filter(|_| get_bool(&config, "prerendered")).cloned() {
            let (app, destroyed, settings) = (widget.app.clone(), widget.destroyed.clone(), widget.settings.clone());
            props.then = then;
            props.start = Start::TakeOver;
            wasm_bindgen_futures::spawn_local(async move {
                // Each step its own task, so that no one task keeps a
                // reader's input waiting (the prerender is on screen
                // meanwhile): this constructor's, the warm-up's two, the
                // bundle's reading, the check against the prerender, the
                // load, the hydration. Each runs code for the first time,
                // which V8 compiles then (BENCHMARKS.md, issue #20) — which
                // is why Yew's hydration first runs on a tree of its own.
                warm::compile_ahead().await;
                crate::web::next_task().await;
                let text = match inline {
                    Some(text) => Ok(text),
                    None => crate::web::fetch_text(&url).await,
                };
                crate::web::next_task().await;
                // Settings changed while loading: a prerender made with the old ones does not match.
                if let Some(settings) = settings.borrow_mut().take() {
                    settings.apply(&mut props.options);
                }
                let same = text.as_ref().is_ok_and(|text| matches_prerender(&target, &props, text));
                crate::web::next_task().await;
                let state = crate::web::load(&props.bundle_url, text);
                crate::web::next_task().await;
                if !destroyed.get() {
                    let mut mounted = take_over(target, props, same, state);
                    // Settings changed during the last step: shown now.
                    if let (Some(m), Some(settings)) = (mounted.as_mut(), settings.borrow_mut().take()) {
                        m.reconfigure(&settings);
                    }
                    *app.borrow_mut() = mounted;
                }
            });
        } else {
            // Without a prerender the page URL's view is simply the first one.
            if let Some(view) = then {
                props.initial = view;
            }
            props.preloaded = inline.map(|text| crate::web::load(&url, Ok(text)));
            *widget.app.borrow_mut() = Mounted::render(&target, props);
        }
        widget
    }

    /// Replaces the filters with those of a query string (`speaker=a&q=x`,
    /// as the page URL has them: `setFilters()`). False before the bundle has
    /// loaded (the element queues calls until then).
    #[wasm_bindgen(js_name = setState)]
    pub fn set_state(&self, query: &str) -> bool {
        self.command(HostCommand::SetState(state_from_query(query)))
    }

    /// Changes the presentation attributes — `{ lang, theme, headingLevel,
    /// shareUrl }` — keeping the reader's view (filters, search, sort, scroll
    /// and focus): the app is shown again with new options, not remounted.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&self, config: JsValue) {
        let settings = Settings::read(&config);
        match self.app.borrow_mut().as_mut() {
            Some(mounted) => mounted.reconfigure(&settings),
            // A prerendered widget still loading: applied when it mounts.
            None => *self.settings.borrow_mut() = Some(settings),
        }
    }

    /// Sends a command once the bundle is in (false before).
    fn command(&self, command: HostCommand) -> bool {
        let loaded = self.data.borrow().is_some();
        if loaded {
            self.remote.send(command);
        }
        loaded
    }

    /// Replaces the filters with those of the element's attributes (as
    /// query text; a facet's values comma-separated).
    #[wasm_bindgen(js_name = setAttributes)]
    pub fn set_attributes(&self, query: &str) -> bool {
        self.command(HostCommand::SetState(state_from_attributes(query)))
    }

    /// Clears every filter and the query, keeping sort and grouping — what
    /// the widget's own "Clear all" does.
    #[wasm_bindgen(js_name = clearFilters)]
    pub fn clear_filters(&self) -> bool {
        self.command(HostCommand::Act(crate::view::Action::ClearAll))
    }

    /// Scrolls to a claim's card, focuses and highlights it (rendering it,
    /// and clearing filters that hide it). False when the bundle has no such claim.
    pub fn reveal(&self, claim_id: &str) -> bool {
        self.has_claim(claim_id) && self.command(HostCommand::Reveal(claim_id.to_owned()))
    }

    /// Whether the loaded bundle shows a claim with this id.
    #[wasm_bindgen(js_name = hasClaim)]
    pub fn has_claim(&self, claim_id: &str) -> bool {
        self.data.borrow().as_ref().is_some_and(|d| d.claim_index(claim_id).is_some())
    }

    /// Unmounts the widget (the element was removed, or its `src` changed),
    /// keeping its app for the next one.
    pub fn destroy(&mut self) {
        self.destroyed.set(true);
        if let Some(mounted) = self.app.borrow_mut().take() {
            mounted.park();
        }
        // Removed before its fetch began: nothing will take the host's download.
        if self.data.borrow().is_none() {
            drop(crate::web::take_prefetched(&self.url));
        }
    }
}

/// Whether the prerender in `mount` is what this widget would render from
/// `text` (see [`prerender`]).
fn matches_prerender(mount: &Element, props: &AppProps, text: &str) -> bool {
    let fingerprint = prerender::fingerprint(text, &props.settings_key());
    mount.get_attribute(prerender::FINGERPRINT_ATTR).as_deref() == Some(fingerprint.as_str())
        && mount.get_attribute(prerender::SHAPE_ATTR).as_deref() == Some(shape_of(mount).as_str())
}

/// Takes over the prerender in `mount`, now that the bundle is loaded
/// (`state`): hydrates it when it is `same` as this widget would render, else
/// renders afresh in its place. When the bundle could not be had, the
/// prerender stays as it is — readable, its controls off — and the host is
/// told why.
fn take_over(mount: Element, props: AppProps, same: bool, state: LoadState) -> Option<Mounted> {
    let url = props.bundle_url.to_string();
    if let LoadState::Failed { failure, reasons, .. } = &state {
        if mount.has_child_nodes() {
            props.options.on_event.emit(WidgetEvent::Failed {
                url,
                failure: failure.clone(),
                reasons: reasons.clone(),
            });
            return None;
        }
    }
    let props = AppProps { preloaded: Some(state), ..props };
    if same {
        // (Hydration sets only the attributes its render has. The one
        // `disabled` a server writes — "Clear all" with nothing to clear —
        // is in the tools' region, which is kept, then rendered anew.)
        let mounted = Mounted::hydrate(mount, props);
        crate::web::mark("claim-cards:hydrated");
        Some(mounted)
    } else {
        gloo::console::info!(
            "claim-cards: the prerendered widget does not match this bundle or widget; rendering afresh"
        );
        let parent = mount.parent_node()?;
        mount.remove();
        Mounted::render(&parent, AppProps { start: Start::Fresh, ..props })
    }
}

/// The shape of the DOM below `root` (see [`prerender::Shape`]).
pub fn shape_of(root: &Element) -> String {
    fn walk(node: &web_sys::Node, shape: &mut prerender::Shape) {
        let children = node.child_nodes();
        // Inside a raw node (the kept cards): not visited, as the server's shape leaves it out.
        let mut raw = false;
        for i in 0..children.length() {
            let Some(child) = children.item(i) else { continue };
            match child.node_type() {
                web_sys::Node::ELEMENT_NODE if !raw => {
                    shape.open(&child.node_name().to_ascii_lowercase());
                    walk(&child, shape);
                    shape.close();
                }
                web_sys::Node::COMMENT_NODE => {
                    let data = child.node_value().unwrap_or_default();
                    if raw && data != prerender::RAW_CLOSE {
                        continue;
                    }
                    raw = data == prerender::RAW_OPEN;
                    shape.comment(&data);
                }
                _ => {}
            }
        }
    }
    let mut shape = prerender::Shape::default();
    walk(root, &mut shape);
    shape.finish()
}
