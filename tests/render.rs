//! Native (server-side) rendering of the components: the HTML a reader's
//! browser receives for a given state, without a browser.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::components::app::{App, AppProps};
use claim_cards::components::Options;
use claim_cards::dataset::LoadState;
use claim_cards::hooks::window::{STEP, WINDOW};
use claim_cards::i18n::Lang;
use claim_cards::view::ViewState;
use yew::LocalServerRenderer;

const DEMO: &str = include_str!("../static/bundles/us-hamas-talks.json");

async fn render(text: &str, initial: ViewState, lang: Option<Lang>) -> String {
    let props = AppProps {
        bundle_url: "demo.json".into(),
        initial,
        options: Options { lang, ..Options::default() },
        preloaded: Some(LoadState::from_text("demo.json", text)),
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

#[tokio::test]
async fn every_card_is_a_list_item_with_its_claim_id() {
    let html = render(DEMO, ViewState::default(), None).await;
    // The first window of cards; the rest follow as the reader scrolls.
    assert_eq!(count(&html, "data-claim-id="), WINDOW);
    let tag = opening_tag(&html, r#"id="claim-israel-position-conveyed""#);
    for attr in
        [r#"data-claim-id="israel-position-conveyed""#, r#"class="cc-card cc-card--statement""#, r#"part="card""#]
    {
        assert!(tag.starts_with("<li ") && tag.contains(attr), "{tag} lacks {attr}");
    }
    assert!(html.contains(&format!("Show {STEP} more ({} not shown yet)", 17 - WINDOW)));
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
