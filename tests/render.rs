//! Native (server-side) rendering: the components' HTML for a given state,
//! and what `claim-cards render` makes of a bundle — the element with its
//! declarative shadow root, its fallback and its inline bundle, and the page.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::components::app::{App, AppProps, Start};
use claim_cards::components::Options;
use claim_cards::dataset::LoadState;
use claim_cards::hooks::window::{STEP, WHOLE, WINDOW};
use claim_cards::i18n::Lang;
use claim_cards::render::{element, page, Render};
use claim_cards::view::ViewState;
use yew::LocalServerRenderer;

const DEMO: &str = include_str!("../static/bundles/us-hamas-talks.json");

async fn render(text: &str, initial: ViewState, lang: Option<Lang>) -> String {
    let props = AppProps {
        bundle_url: "demo.json".into(),
        initial,
        options: Options { lang, ..Options::default() },
        preloaded: Some(LoadState::from_text("demo.json", text)),
        start: Start::Fresh,
        then: None,
    };
    LocalServerRenderer::<App>::with_props(props).hydratable(false).render().await
}

/// The whole opening tag that contains `needle`.
fn opening_tag<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or_else(|| panic!("{needle} not rendered"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A bundle of `n` claims by two speakers.
fn long_bundle(n: usize) -> String {
    let claims: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"c{i}","text":"Claim number {i}","speaker":"s{}","sources":["w"]}}"#, i % 2))
        .collect();
    format!(
        r#"{{"version":1,"article":{{"title":"Long"}},"speakers":[{{"id":"s0","name":"A"}},{{"id":"s1","name":"B"}}],
        "sources":[{{"id":"w","name":"Wire"}}],"claims":[{}]}}"#,
        claims.join(",")
    )
}

#[tokio::test]
async fn every_card_of_an_ordinary_bundle_is_rendered_a_long_one_is_windowed() {
    let html = render(DEMO, ViewState::default(), None).await;
    assert_eq!(count(&html, "data-claim-id="), 17);
    assert!(!html.contains("cc-more"));
    let whole = render(&long_bundle(WHOLE), ViewState::default(), None).await;
    assert_eq!(count(&whole, "data-claim-id="), WHOLE);
    let long = render(&long_bundle(WHOLE + 50), ViewState::default(), None).await;
    assert_eq!(count(&long, "data-claim-id="), WINDOW);
    assert!(long.contains(&format!("Show {STEP} more ({} not shown yet)", WHOLE + 50 - WINDOW)));
    // A view that selects few of a long bundle's claims shows them all.
    let few = render(&long_bundle(WHOLE + 50), ViewState::from_pairs([("q", "number 12")]), None).await;
    assert!(few.contains("12 of 150 claims"), "c12, c112 and c120–c129");
    assert_eq!(count(&few, "data-claim-id="), 12);
}

#[tokio::test]
async fn every_card_is_a_list_item_with_its_claim_id() {
    let html = render(DEMO, ViewState::default(), None).await;
    let tag = opening_tag(&html, r#"id="claim-israel-position-conveyed""#);
    for attr in
        [r#"data-claim-id="israel-position-conveyed""#, r#"class="cc-card cc-card--statement""#, r#"part="card""#]
    {
        assert!(tag.starts_with("<li ") && tag.contains(attr), "{tag} lacks {attr}");
    }
    assert!(html.contains("17 claims"));
    let quotes = render(DEMO, ViewState::from_pairs([("kind", "quote")]), None).await;
    let tag = opening_tag(&quotes, r#"id="claim-panikoff-quote""#);
    assert!(tag.contains(r#"class="cc-card cc-card--quote""#), "{tag}");
    // Facets are checkboxes in fieldsets with legends.
    assert_eq!(count(&html, "<fieldset"), 4);
    assert!(html.contains("<legend>Speaker</legend>"));
    // Speakers beyond the first ten sit behind "Show all (14)".
    assert_eq!(count(&html, r#"type="checkbox""#), 10 + 7 + 6 + 4 + 1);
    assert!(html.contains("Show all (14)"));
}

#[tokio::test]
async fn bundle_text_is_escaped_never_markup() {
    let text = r#"{"version":1,"speakers":[{"id":"a","name":"<img src=x onerror=alert(1)>"}],
        "sources":[{"id":"s","name":"<b>S</b>","url":"javascript:alert(1)"}],
        "claims":[{"id":"c","text":"<script>alert(1)</script>","speaker":"a","sources":["s"]}]}"#;
    let html = render(text, ViewState::default(), None).await;
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>S</b>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"javascript:"), "unsafe link dropped");
    assert!(!html.contains("<a "), "no link at all for the source");
}

#[tokio::test]
async fn initial_filters_and_search_render_only_matching_cards_with_marks() {
    let state = ViewState::from_pairs([("speaker", "donald-trump"), ("q", "hamas")]);
    let html = render(DEMO, state, None).await;
    assert_eq!(count(&html, "data-claim-id="), 2);
    assert!(html.contains("2 of 17 claims"));
    assert!(html.contains("<mark>Hamas</mark>"));
}

#[tokio::test]
async fn ui_language_follows_the_bundle_or_the_host() {
    let vi = include_str!("../static/bundles/us-hamas-talks.vi.json");
    let html = render(vi, ViewState::default(), None).await;
    assert!(html.contains(r#"lang="vi""#));
    assert!(html.contains("5 phát ngôn"));
    assert!(html.contains("<legend>Người phát ngôn</legend>"));
    let html = render(vi, ViewState::default(), Some(Lang::En)).await;
    assert!(html.contains("5 claims"));
}

/// The element for an article, with the bundle loaded from `src` or inline.
async fn rendered(text: &str, src: Option<&str>) -> String {
    let r = Render {
        text: text.to_owned(),
        src: src.map(str::to_owned),
        assets: "https://cdn.example/cc".to_owned(),
        ..Default::default()
    };
    element(&r, false).await
}

/// The part of `html` between `from` and the next `to`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    &html[start..start + html[start..].find(to).unwrap_or_else(|| panic!("no {to}"))]
}

/// Every opening tag of `name` in `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(at, _)| html[at + open.len()..].starts_with([' ', '>']))
        .map(|(at, _)| &html[at..=at + html[at..].find('>').unwrap()])
        .collect()
}

#[tokio::test]
async fn an_element_holds_every_card_in_a_declarative_shadow_root() {
    let html = rendered(DEMO, Some("https://cdn.example/b.json")).await;
    let version = env!("CARGO_PKG_VERSION");
    assert!(html.starts_with(&format!(
        r#"<claim-cards src="https://cdn.example/b.json"><template shadowrootmode="open"><link rel="stylesheet" href="https://cdn.example/cc/claim-cards-{version}.css">"#
    )));
    assert!(html.ends_with("</claim-cards>"));
    let shadow = between(&html, r#"<template shadowrootmode="open">"#, "</template>");
    assert_eq!(count(shadow, "data-claim-id="), 17);
    assert!(!html.contains("<style"), "no inline styles: a strict CSP keeps passing");
    assert!(!html.contains("application/json"), "the bundle is loaded from src");
    // Every control takes input before any script runs (early.js hands it
    // to the widget): none is disabled but "Clear all", with nothing to clear.
    let controls: Vec<&str> = ["input", "select", "button"].iter().flat_map(|t| tags(shadow, t)).collect();
    assert!(controls.len() > 30, "{} controls", controls.len());
    for tag in controls {
        assert_eq!(tag.contains("disabled"), tag.contains("cc-clear"), "{tag}");
    }
    // The fingerprint the live widget checks; no prerender of an unloadable bundle has one.
    let mount = opening_tag(&html, "data-cc-prerender=");
    assert_eq!(between(mount, r#"data-cc-prerender=""#, "\"").len(), 16, "{mount}");
    assert_eq!(between(mount, r#"data-cc-shape=""#, "\"").len(), 16, "{mount}");
    // The light-DOM fallback: every claim, its speaker, its sources as links.
    let fallback = between(&html, "</template>", "</claim-cards>");
    assert_eq!(tags(fallback, "li").len(), 17);
    assert!(fallback.contains("<strong>Karoline Leavitt</strong> (White House press secretary · White House)"));
    assert!(fallback.contains(r#"<a href="https://thanhnien.vn/"#));
    assert!(tags(fallback, "button").is_empty() && tags(fallback, "input").is_empty(), "no dead controls");
}

#[tokio::test]
async fn an_inline_bundle_cannot_end_its_script_and_hostile_text_stays_text() {
    let text = r#"{"version":1,"speakers":[{"id":"a","name":"<img src=x onerror=alert(1)>"}],
        "sources":[{"id":"s","name":"<b>S</b>","url":"javascript:alert(1)"}],
        "claims":[{"id":"c","text":"</script><script>alert(1)</script><!-- x","speaker":"a","sources":["s"]}]}"#;
    let html = rendered(text, None).await;
    assert_eq!(count(&html, "</script>"), 1, "only the inline bundle's own end tag");
    assert_eq!(count(&html, "<script"), 1);
    let inline = between(&html, r#"<script type="application/json">"#, "</script>");
    assert!(!inline.contains('<'));
    // The escaped text is the same bundle (`\u003c` is `<` in JSON).
    let loaded = claim_cards::load::load(inline);
    assert_eq!(loaded.bundle.unwrap().claims[0].text, "</script><script>alert(1)</script><!-- x");
    for part in [between(&html, "<template", "</template>"), between(&html, "</template>", "<script")] {
        assert!(part.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "{part}");
        assert!(part.contains("&lt;img src=x onerror=alert(1)&gt;"));
        for markup in ["<img", "<b>", "href=\"javascript:"] {
            assert!(!part.contains(markup), "{markup} in {part}");
        }
    }
}

#[tokio::test]
async fn a_bundle_that_cannot_be_shown_renders_its_error_card() {
    for text in ["{ not json", "[]", r#"{"version": 2}"#, ""] {
        let html = rendered(text, Some("b.json")).await;
        let shadow = between(&html, "<template", "</template>");
        assert!(shadow.contains(r#"class="cc-error""#), "{shadow}");
        assert!(shadow.contains("The claims could not be loaded"));
        assert!(html.contains(r#"data-cc-prerender="""#), "nothing to take over: the widget renders afresh");
        let fallback = between(&html, "</template>", "</claim-cards>");
        assert!(fallback.contains(r#"role="alert""#) && fallback.contains("The claims could not be loaded"));
    }
}

#[tokio::test]
async fn a_view_is_prerendered_and_given_to_the_live_widget() {
    let r = Render {
        text: DEMO.to_owned(),
        src: Some("b.json".to_owned()),
        lang: Some(Lang::Vi),
        theme: claim_cards::components::Theme::Dark,
        view: ViewState::from_pairs([("speaker", "donald-trump"), ("q", "hamas"), ("sort", "date")]),
        ..Default::default()
    };
    let html = element(&r, false).await;
    assert!(html.starts_with(
        r#"<claim-cards src="b.json" lang="vi" theme="dark" speaker="donald-trump" q="hamas" sort="date"><template"#
    ));
    let shadow = between(&html, "<template", "</template>");
    assert_eq!(count(shadow, "data-claim-id="), 2);
    assert!(shadow.contains(r#"data-theme="dark""#) && shadow.contains(r#"lang="vi""#));
    assert!(shadow.contains("<mark>Hamas</mark>"));
}

#[tokio::test]
async fn the_standalone_page_is_the_template_filled_in() {
    let r = Render { text: DEMO.to_owned(), src: Some("bundles/demo.json".to_owned()), ..Default::default() };
    let html = page(&r).await;
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains(
        "<title>Trump administration deals directly with Gaza: unprecedented talks with Hamas — Who said what</title>"
    ));
    assert!(html.contains(r#"<meta name="description" content="Every claim in the article"#));
    assert!(html.contains(r#"<link rel="stylesheet" href="page.css">"#));
    assert!(html.contains(r#"<script type="module" src="page.js"></script>"#));
    assert!(html.contains(r#"<claim-cards src="bundles/demo.json" heading-level="1" sync-url loading="eager">"#));
    assert_eq!(count(between(&html, "<template", "</template>"), "<h1"), 1);
    for left_out in ["{{", "data-trunk", "template: `claim-cards render"] {
        assert!(!html.contains(left_out), "{left_out}");
    }
    let with_assets = page(&Render { assets: "/cc".to_owned(), ..r }).await;
    assert!(with_assets.contains(r#"href="/cc/page.css""#) && with_assets.contains(r#"href="/cc/claim-cards-"#));
    // The footer links the editor, in the page's language.
    assert!(with_assets.contains(
        r#"<footer class="page-footer"><a href="/cc/editor.html">Make a bundle like this one: the claim cards editor</a></footer>"#
    ));
    let vi = Render { text: include_str!("../static/bundles/us-hamas-talks.vi.json").to_owned(), ..Default::default() };
    assert!(page(&vi).await.contains(r#"<a href="editor.html">Tạo một gói như thế này: trình soạn thẻ phát ngôn</a>"#));
}

/// A fact-checker that only reviews claims (no claim came through it) is not
/// offered as a Source to filter by — it could only show nothing — while a
/// link that chose it still shows it, ticked, to be unticked.
#[tokio::test]
async fn a_source_that_only_reviews_is_not_a_source_option() {
    let text = r#"{"version":1.1,"article":{"title":"Checks"},
        "speakers":[{"id":"s","name":"A"}],
        "sources":[{"id":"post","name":"A post"},{"id":"checker","name":"Checker"}],
        "claims":[{"id":"c1","text":"Claim one","speaker":"s","sources":["post"],
            "review":{"rating":"False","reviewer":"checker"}}]}"#;
    let html = render(text, ViewState::default(), None).await;
    let sources = between(&html, "cc-facet--source", "</fieldset>");
    assert!(sources.contains("A post"), "{sources}");
    assert!(!sources.contains("Checker"), "{sources}");
    // The card still names who checked it.
    assert!(html.contains("Checker"));
    let chosen = ViewState::from_pairs([("source", "checker")]);
    let html = render(text, chosen, None).await;
    let sources = between(&html, "cc-facet--source", "</fieldset>");
    assert!(sources.contains("Checker") && sources.contains("checked"), "{sources}");
}

#[tokio::test]
async fn the_tools_two_parts_of_the_facets_and_the_cards_are_regions_hydration_adopts_whole_and_bundle_text_cannot_fake_it(
) {
    // Each raw node (yew 0.23's markers) of a widget's shadow tree.
    fn regions(shadow: &str) -> Vec<&str> {
        assert_eq!(count(shadow, "<!--<#>-->"), count(shadow, "<!--</#>-->"), "{shadow}");
        shadow.split("<!--<#>-->").skip(1).map(|r| r.split("<!--</#>-->").next().unwrap_or_default()).collect()
    }
    let html = rendered(DEMO, Some("https://cdn.example/b.json")).await;
    let shadow = between(&html, r#"<template shadowrootmode="open">"#, "</template>");
    // Four: the search box and tools, the first facet (the speakers) and the
    // others inside the Filters panel, then the list of cards; each without
    // its components' own markers; the panel and the count outside them.
    let kept = regions(shadow);
    assert_eq!(kept.len(), 4, "{kept:?}");
    let (tools, speakers, facets, cards) = (kept[0], kept[1], kept[2], kept[3]);
    assert!(speakers.starts_with(r#"<fieldset class="cc-facet cc-facet--speaker""#), "{}", &speakers[..80]);
    assert_eq!(count(speakers, "<fieldset"), 1);
    assert!(facets.starts_with(r#"<fieldset class="cc-facet cc-facet--source""#), "{}", &facets[..80]);
    assert!(tools.starts_with(r#"<div class="cc-search">"#), "{}", &tools[..80]);
    assert!(tools.contains(r#"type="search""#) && tools.contains("cc-sort") && tools.contains("cc-clear"));
    assert!(!tools.contains("<!--") && !tools.contains("cc-facet") && !tools.contains("cc-count"));
    assert!(between(shadow, r#"class="cc-facets"#, "<!--<#>-->").contains("cc-panel-count"));
    assert!(!facets.contains("<!--") && !facets.contains("cc-search") && !facets.contains("cc-sort"));
    assert!(cards.starts_with(r#"<ul class="cc-list">"#), "{}", &cards[..80]);
    assert_eq!(count(cards, "data-claim-id="), 17);
    assert!(!cards.contains("<!--"), "no markers inside the kept cards");
    assert!(!cards.contains("<input") && !cards.contains("cc-kept"));
    // Text that spells the markers stays text: the regions are still those four.
    let text = r#"{"version":1,"speakers":[{"id":"a","name":"<!--cc-kept--><!--</#>-->"}],
        "sources":[{"id":"s","name":"<!--<#>--><!--/cc-kept-->"}],
        "claims":[{"id":"c","text":"<!--/cc-kept--><!--<#>-->","speaker":"a","sources":["s"]}]}"#;
    let html = rendered(text, None).await;
    let shadow = between(&html, r#"<template shadowrootmode="open">"#, "</template>");
    let kept = regions(shadow);
    assert_eq!(kept.len(), 4, "{shadow}");
    assert!(kept[0].starts_with(r#"<div class="cc-search">"#));
    assert!(kept[1].starts_with("<fieldset") && kept[2].starts_with("<fieldset"));
    assert!(kept[3].starts_with(r#"<ul class="cc-list">"#));
}
