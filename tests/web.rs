//! In-browser component tests (wasm-bindgen-test in headless Chromium): mount
//! the widget with a preloaded bundle, act as a reader would, and assert the
//! exact DOM after each render.
#![cfg(target_arch = "wasm32")]

use claim_cards::components::app::{App, AppProps, Start};
use claim_cards::components::Options;
use claim_cards::dataset::LoadState;
use claim_cards::view::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &str = include_str!("../static/bundles/us-hamas-talks.json");
const BROKEN: &str = include_str!("fixtures/bad/broken-claims.json");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app in a fresh element and returns that element.
fn mount(text: &str, initial: ViewState) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let props = AppProps {
        bundle_url: "test.json".into(),
        initial,
        options: Options::default(),
        preloaded: Some(LoadState::from_text("test.json", text)),
        start: Start::Fresh,
        then: None,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    root
}

/// Lets Yew render (it schedules work on the microtask queue).
async fn tick() {
    gloo::timers::future::TimeoutFuture::new(0).await;
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Waits until `n` cards are rendered: a selection of up to 100 fills itself
/// a few cards per frame after an interaction. Fails after about two seconds.
async fn until_cards(root: &Element, n: usize) {
    for _ in 0..120 {
        if card_ids(root).len() == n {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(16).await;
    }
    assert_eq!(card_ids(root).len(), n);
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn card_ids(root: &Element) -> Vec<String> {
    all(root, "[data-claim-id]").iter().map(|e| e.get_attribute("data-claim-id").unwrap()).collect()
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn renders_every_claim_in_article_order() {
    let root = mount(DEMO, ViewState::default());
    tick().await;
    // An ordinary bundle's cards are all there from the first render.
    let ids = card_ids(&root);
    assert_eq!(ids.len(), 17);
    assert!(root.query_selector(".cc-more").unwrap().is_none());
    assert_eq!(ids[0], "leavitt-direct-talks");
    assert_eq!(ids[16], "treasury-houthi-sanctions");
    assert_eq!(text(&root, ".cc-count-line"), "17 claims");
    // A quote is in quotation marks, with a visible kind label.
    let quote = one(&root, "[data-claim-id=panikoff-quote]");
    assert!(text(&quote, ".cc-text--quote").starts_with("“On the one hand"));
    assert_eq!(text(&quote, ".cc-kind-label"), "Quote");
    // The source chip of the article links out safely.
    let link = one(&quote, "a.cc-chip");
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

#[wasm_bindgen_test]
async fn toggling_a_speaker_filters_and_recounts() {
    let root = mount(DEMO, ViewState::default());
    tick().await;
    let checkbox: HtmlElement = one(&root, "input[id='cc-speaker-donald-trump']").dyn_into().unwrap();
    checkbox.click();
    tick().await;
    assert_eq!(card_ids(&root), vec!["trump-ultimatum", "trump-last-chance", "trump-support-israel"]);
    assert_eq!(text(&root, ".cc-count-line"), "3 of 17 claims");
    // Source counts now reflect the chosen speaker: Truth Social 2, the article 1.
    let count = |id: &str| {
        let input = one(&root, &format!("input[id='cc-source-{id}']"));
        input.parent_element().unwrap().query_selector(".cc-count").unwrap().unwrap().text_content().unwrap()
    };
    assert_eq!(count("truth-social"), "2");
    assert_eq!(count("thanh-nien"), "1");
    assert_eq!(count("reuters"), "0");
    let reuters = one(&root, "input[id='cc-source-reuters']").parent_element().unwrap();
    assert!(reuters.class_list().contains("is-empty"), "dimmed, not hidden");
    // Clear all brings everything back.
    let clear: HtmlElement = one(&root, ".cc-clear").dyn_into().unwrap();
    clear.click();
    tick().await;
    until_cards(&root, 17).await;
}

#[wasm_bindgen_test]
async fn search_highlights_matches_ignoring_case_and_accents() {
    let root = mount(DEMO, ViewState::default());
    tick().await;
    let input: HtmlInputElement = one(&root, "input[type=search]").dyn_into().unwrap();
    input.set_value("NIÊN");
    input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    tick().await;
    // "Thanh Niên" is a source name: every claim through it matches.
    until_cards(&root, 10).await;
    let marks: Vec<String> = all(&root, "mark").iter().map(|m| m.text_content().unwrap()).collect();
    assert!(marks.iter().all(|m| m == "Niên"), "{marks:?}");
}

#[wasm_bindgen_test]
async fn initial_state_and_empty_state() {
    let initial = ViewState::from_pairs([("q", "zzzz-nothing")]);
    let root = mount(DEMO, initial);
    tick().await;
    assert!(card_ids(&root).is_empty());
    assert_eq!(text(&root, ".cc-empty-title"), "No claims match these filters.");
    assert_eq!(text(&root, ".cc-count-line"), "0 of 17 claims");
}

#[wasm_bindgen_test]
async fn broken_claims_show_a_notice_and_the_valid_ones() {
    let root = mount(BROKEN, ViewState::default());
    tick().await;
    assert_eq!(card_ids(&root), vec!["c1", "c11"]);
    assert_eq!(text(&root, ".cc-notice-summary"), "11 claims could not be shown");
    assert_eq!(all(&root, ".cc-notice-details li").len(), 32);
    let dismiss: HtmlElement = one(&root, ".cc-notice button").dyn_into().unwrap();
    dismiss.click();
    tick().await;
    assert!(root.query_selector(".cc-notice").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_bundle_that_fails_shows_an_error_card() {
    let root = mount("{ not json", ViewState::default());
    tick().await;
    assert_eq!(text(&root, ".cc-error-title"), "The claims could not be loaded");
    assert_eq!(text(&root, ".cc-error-url"), "test.json");
    assert!(text(&root, ".cc-error-reasons").starts_with("1:3: error: not valid JSON"));
    assert_eq!(one(&root, ".cc-error").get_attribute("role").as_deref(), Some("alert"));
}

/// The problems the embed hands its host (`claimcards:error`) have the shape
/// `claim-cards validate --json` prints: both are checked against
/// `tests/fixtures/problems.json` (the CLI's side in `tests/cli.rs`).
#[wasm_bindgen_test]
fn embed_problems_have_the_recorded_shape() {
    let recorded: serde_json::Value = serde_json::from_str(include_str!("fixtures/problems.json")).unwrap();
    let fixtures = [
        ("broken-claims.json", BROKEN),
        ("future-version.json", include_str!("fixtures/bad/future-version.json")),
        ("not-an-object.json", include_str!("fixtures/bad/not-an-object.json")),
        ("syntax-error.json", include_str!("fixtures/bad/syntax-error.json")),
    ];
    for (name, text) in fixtures {
        let problems: Vec<serde_json::Value> = claim_cards::load::load(text)
            .problems
            .iter()
            .map(|p| {
                let json = js_sys::JSON::stringify(&claim_cards::embed::problem_js(p)).unwrap();
                serde_json::from_str(&String::from(json)).unwrap()
            })
            .collect();
        assert_eq!(serde_json::Value::from(problems), recorded[name], "{name}");
    }
}

/// A prerender as `claim-cards render` writes it (inline bundle): the mount
/// element's HTML and the bundle text as the live widget reads it.
async fn prerender(text: &str) -> (String, String) {
    let r = claim_cards::render::Render { text: text.to_owned(), ..Default::default() };
    let html = claim_cards::render::element(&r, false).await;
    let cut = |from: &str, to: &str| {
        let start = html.find(from).expect("rendered");
        let end = start + html[start..].find(to).expect("rendered");
        html[start..end].to_owned()
    };
    let script = "<script type=\"application/json\">";
    (cut("<div data-cc-prerender", "</template>"), cut(script, "</script>")[script.len()..].to_owned())
}

/// Places prerendered markup in the document, as the HTML parser would.
fn place(mount_html: &str) -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.set_inner_html(mount_html);
    host.first_element_child().unwrap()
}

/// Starts the widget on a prerendered mount, as `claim-cards.js` does; its
/// events mark the mount (`__ready` once it says it is ready).
fn start(mount: &Element, inline: &str) -> claim_cards::embed::Widget {
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"inline".into(), &inline.into()).unwrap();
    js_sys::Reflect::set(&config, &"prerendered".into(), &true.into()).unwrap();
    let on_event = js_sys::Function::new_with_args("name", "if (name === 'ready') this.__ready = true;").bind0(mount);
    claim_cards::embed::Widget::new(mount.clone().into(), config.into(), on_event)
}

/// Waits until the widget started on `mount` (by `start`) is ready: taken
/// over (or rendered afresh) and every control its own. Fails after about two
/// seconds.
async fn until_live(mount: &Element) {
    for _ in 0..120 {
        if js_sys::Reflect::get(mount, &"__ready".into()).unwrap().is_truthy() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(16).await;
    }
    panic!("the widget did not go live");
}

#[wasm_bindgen_test]
async fn the_browser_parses_a_prerender_to_the_shape_the_server_recorded() {
    for text in [DEMO, BROKEN, include_str!("../static/bundles/us-hamas-talks.vi.json")] {
        let (html, _) = prerender(text).await;
        let mount = place(&html);
        let recorded = mount.get_attribute("data-cc-shape").unwrap();
        assert_eq!(claim_cards::embed::shape_of(&mount), recorded);
    }
}

#[wasm_bindgen_test]
async fn a_prerender_is_hydrated_not_replaced() {
    let (html, inline) = prerender(DEMO).await;
    let mount = place(&html);
    // Every card there before the widget, the controls taking input.
    assert_eq!(card_ids(&mount).len(), 17);
    assert!(all(&mount, "input, select, .cc-copy").iter().all(|e| !e.has_attribute("disabled")));
    let card = one(&mount, "[data-claim-id=panikoff-quote]");
    let _widget = start(&mount, &inline);
    until_live(&mount).await;
    assert!(card.is_connected(), "the very same card element is kept");
    assert!(card.is_same_node(Some(&one(&mount, "[data-claim-id=panikoff-quote]"))));
    assert_eq!(all(&mount, ".cc-root").len(), 1, "nothing rendered beside it");
    assert!(all(&mount, "input, select, .cc-copy").iter().all(|e| !e.has_attribute("disabled")));
    // And it works.
    one(&mount, "input[id='cc-speaker-donald-trump']").dyn_into::<HtmlElement>().unwrap().click();
    tick().await;
    assert_eq!(card_ids(&mount), vec!["trump-ultimatum", "trump-last-chance", "trump-support-israel"]);
}

#[wasm_bindgen_test]
async fn a_prerender_that_does_not_match_is_rendered_afresh() {
    // The DOM was changed since it was written (a CMS dropped a comment
    // hydration reads: a component's marker, outside the kept cards).
    let (html, inline) = prerender(DEMO).await;
    assert!(html.contains("<!--<[]>--><section"), "{}", &html[..300]);
    let mount = place(&html.replacen("<!--<[]>--><section", "<section", 1));
    let host = mount.parent_element().unwrap();
    let card = one(&mount, "[data-claim-id=leavitt-direct-talks]");
    let _widget = start(&mount, &inline);
    until_live(&mount).await;
    assert!(!card.is_connected() && !mount.is_connected(), "rendered afresh, in place of the prerender");
    assert_eq!(card_ids(&host).len(), 17);
    // The bundle changed since it was rendered.
    let (html, _) = prerender(DEMO).await;
    let mount = place(&html);
    let host = mount.parent_element().unwrap();
    let changed = DEMO.replace("Gaza has less than two weeks", "Gaza has less than ten days");
    let _widget = start(&mount, &changed);
    until_live(&mount).await;
    assert_eq!(all(&host, ".cc-root").len(), 1);
    assert!(text(&host, "[data-claim-id=wfp-food-reserves] .cc-text").contains("less than ten days"));
}

/// Starts a widget (no prerender) at the end of `parent`, as `claim-cards.js`
/// does for an element without one.
fn start_in(parent: &Element, inline: &str, state: &str) -> claim_cards::embed::Widget {
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"inline".into(), &inline.into()).unwrap();
    js_sys::Reflect::set(&config, &"state".into(), &state.into()).unwrap();
    claim_cards::embed::Widget::new(parent.clone().into(), config.into(), js_sys::Function::new_no_args(""))
}

fn new_host() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

#[wasm_bindgen_test]
async fn a_removed_widget_leaves_nothing_behind_and_its_app_serves_the_next() {
    let first_host = new_host();
    let mut first = start_in(&first_host, DEMO, "speaker=donald-trump&q=mission");
    until_cards(&first_host, 1).await;
    let root = first_host.last_element_child().unwrap();
    first.destroy();
    assert!(!root.is_connected(), "the root leaves the removed element at once");
    assert_eq!(first_host.child_element_count(), 0);
    tick().await;
    assert_eq!(root.child_element_count(), 0, "and is emptied");
    // The next widget renders in that root, with nothing of the first one's state.
    let second_host = new_host();
    let _second = start_in(&second_host, BROKEN, "");
    until_cards(&second_host, 2).await;
    assert!(second_host.last_element_child().unwrap().is_same_node(Some(&root)));
    assert_eq!(one(&second_host, "input[type=search]").dyn_into::<HtmlInputElement>().unwrap().value(), "");
    assert!(all(&second_host, "input[type=checkbox]:checked").is_empty());
    // A prerendered widget's root, once removed, serves the next one too, without its marks.
    let (html, inline) = prerender(DEMO).await;
    let mount = place(&html);
    let mut hydrated = start(&mount, &inline);
    until_live(&mount).await;
    hydrated.destroy();
    tick().await;
    assert!(!mount.is_connected() && !mount.has_attributes() && mount.child_nodes().length() == 0);
    let third_host = new_host();
    let _third = start_in(&third_host, DEMO, "");
    until_cards(&third_host, 17).await;
    assert!(third_host.last_element_child().unwrap().is_same_node(Some(&mount)));
}

#[wasm_bindgen_test]
async fn a_widget_removed_during_its_take_over_stops_there() {
    let (html, inline) = prerender(DEMO).await;
    let mount = place(&html);
    let mut widget = start(&mount, &inline);
    // Hydrated (the shell is live), the tools and facets not yet rendered.
    for _ in 0..120 {
        if mount.query_selector(".cc-explorer[data-cc-live]").unwrap().is_some() {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
    assert!(mount.query_selector(".cc-explorer[data-cc-live]").unwrap().is_some(), "hydrated");
    widget.destroy();
    for _ in 0..6 {
        tick().await;
    }
    assert!(!js_sys::Reflect::get(&mount, &"__ready".into()).unwrap().is_truthy(), "never told ready");
    assert!(!mount.is_connected() && mount.child_nodes().length() == 0);
}
