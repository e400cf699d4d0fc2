//! Server-side rendering (feature `ssr`): the HTML of a widget, made by the
//! very components the browser runs, to paste into an article at publish
//! time (`claim-cards render`) or to serve as the standalone page
//! (`claim-cards render --page`; the build makes `dist/index.html` so).
//!
//! A rendered `<claim-cards>` element holds:
//! * a declarative shadow root (`<template shadowrootmode="open">`) with the
//!   widget's stylesheet and every card — readable before any script runs,
//!   and with scripts off; its controls take input before any script runs
//!   (early.js hands it to the widget) and are hidden without scripting;
//! * a light-DOM fallback (`fallback.rs`) for browsers and readers that do not
//!   attach declarative shadow roots (shown only by those);
//! * the bundle inline (`<script type="application/json">`) unless it is
//!   loaded from `src`.
//!
//! The live widget then takes the prerender over (see [`crate::prerender`]).

mod fallback;

use crate::components::app::{AppProps, Start};
use crate::components::mount::{Mount, MountProps};
use crate::components::{Options, Theme};
use crate::dataset::LoadState;
use crate::i18n::Lang;
use crate::prerender::{self, FINGERPRINT_ATTR, SHAPE_ATTR, SOURCE_ATTR};
use crate::view::ViewState;
use yew::LocalServerRenderer;

/// The standalone page's template: `{{lang}}`, `{{title}}`, `{{description}}`,
/// `{{assets}}`, `{{oembed}}`, `{{widget}}` and `{{editor_link}}` are filled in by [`page`].
const PAGE: &str = include_str!("../../index.html");

/// The name the bundle goes by when it is inline (as the live widget names it).
pub const INLINE_URL: &str = "(inline bundle)";

/// What to render.
#[derive(Debug, Clone, Default)]
pub struct Render {
    /// The bundle's text, as read from its file.
    pub text: String,
    /// Where the live widget loads the bundle from; `None` puts it inline.
    pub src: Option<String>,
    /// The base URL of the widget's files (where `claim-cards.js` is).
    pub assets: String,
    pub lang: Option<Lang>,
    pub theme: Theme,
    /// The reader's view to prerender (the standalone page's query).
    pub view: ViewState,
    /// The element's `bundle-origins`: where a script may point its `src`
    /// ("self" and origins); `None` leaves it out (any).
    pub bundle_origins: Option<String>,
    /// The URL of the page's oEmbed document ([`oembed`]): the standalone
    /// page advertises it, so that a CMS given the page's URL embeds it.
    pub oembed: Option<String>,
}

impl Render {
    /// `assets` as a base: empty, or ending with `/`.
    fn base(&self) -> String {
        let a = self.assets.trim();
        if a.is_empty() || a.ends_with('/') {
            a.to_owned()
        } else {
            format!("{a}/")
        }
    }

    /// The bundle text as the live widget will read it: from `src` as it is;
    /// inline, as a `<script>` element's text: line breaks normalised (as
    /// the HTML parser does), no byte-order mark, and `<` escaped (`\u003c`, the
    /// same in JSON) so that nothing in it can end the script element.
    fn widget_text(&self) -> String {
        match self.src {
            Some(_) => self.text.clone(),
            None => {
                let text = self.text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
                text.replace('<', "\\u003c")
            }
        }
    }
}

/// The `<claim-cards>` element for an article (heading level 2), or for the
/// standalone page (`page`: heading level 1, the view mirrored in the URL,
/// started at once).
pub async fn element(r: &Render, page: bool) -> String {
    let text = r.widget_text();
    let url = r.src.clone().unwrap_or_else(|| INLINE_URL.to_owned());
    let state = LoadState::from_text(&url, text.as_str());
    let props = AppProps {
        bundle_url: url.clone().into(),
        initial: r.view.clone(),
        options: Options {
            lang: r.lang,
            theme: r.theme.clone(),
            sync_url: page,
            heading_level: if page { 1 } else { 2 },
            ..Options::default()
        },
        preloaded: Some(state.clone()),
        start: Start::Server,
        then: None,
    };
    // A bundle that cannot be shown is rendered as its error card, which the
    // live widget renders afresh (it has nothing to take over).
    let fingerprint = match &state {
        LoadState::Ready(_) => prerender::fingerprint(&text, &props.settings_key()),
        _ => String::new(),
    };
    let settings_attrs = element_attributes(r, &props, page);
    // Under `Mount`, as the browser renders every widget (see `crate::embed`).
    let root = MountProps { app: Some(props), generation: 0 };
    let widget = LocalServerRenderer::<Mount>::with_props(root).hydratable(true).render().await;
    let widget = kept_region(&unnamed_markers(&widget));
    let shape = prerender::shape_of_html(&widget);
    let fallback = fallback::render(&state, r.lang, if page { 1 } else { 2 }).await;
    let mut out = format!("<claim-cards{settings_attrs}>");
    out += "<template shadowrootmode=\"open\">";
    out += &format!(
        "<link rel=\"stylesheet\" href=\"{}\">",
        escape_attr(&format!("{}claim-cards-{}.css", r.base(), env!("CARGO_PKG_VERSION")))
    );
    // The source it was made for: a page may point the element elsewhere before it starts.
    let made_for = escape_attr(r.src.as_deref().unwrap_or(""));
    out += &format!(
        "<div {FINGERPRINT_ATTR}=\"{fingerprint}\" {SHAPE_ATTR}=\"{shape}\" {SOURCE_ATTR}=\"{made_for}\">{widget}</div>"
    );
    out += "</template>";
    out += &fallback;
    if r.src.is_none() {
        out += &format!("<script type=\"application/json\">{text}</script>");
    }
    out += "</claim-cards>";
    out
}

/// Each kept region (`components::kept`: the tools, the facets in two parts, the cards) as one raw
/// node of Yew's: `<!--<#>-->KEPT_START<!--</#>-->…<!--<#>-->KEPT_END<!--</#>-->`
/// becomes `<!--<#>-->…<!--</#>-->`, which the browser's hydration adopts
/// as a whole without walking it (and without the components' own markers
/// inside, which nothing reads there). Bundle text cannot hold the markers:
/// Yew escapes `<` in text and attributes.
fn kept_region(html: &str) -> String {
    use crate::components::{KEPT_END, KEPT_START};
    use crate::prerender::{RAW_CLOSE, RAW_OPEN};
    let start = format!("{KEPT_START}<!--{RAW_CLOSE}-->");
    let end = format!("<!--{RAW_OPEN}-->{KEPT_END}");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(a) = rest.find(&start) {
        let Some(b) = rest[a..].find(&end).map(|b| a + b) else { break };
        out.push_str(&rest[..a]);
        out.push_str(&rest[a + start.len()..b].replace("<!--<[]>-->", "").replace("<!--</[]>-->", ""));
        rest = &rest[b + end.len()..];
    }
    out.push_str(rest);
    out
}

/// Yew's hydration markers without the component's name: a debug build
/// writes `<!--<[claim_cards::components::app::App]>-->`, a release build
/// `<!--<[]>-->`, and hydration reads only the `<[` and `</[` (yew 0.23,
/// `dom_bundle/fragment.rs`). Without the names, a widget is the same HTML
/// from any build — the CLI's, the editor's (`crate::studio::publish`).
pub(crate) fn unnamed_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--<") {
        let (before, marker) = rest.split_at(at);
        out.push_str(before);
        let open = if marker.starts_with("<!--</[") { "<!--</[" } else { "<!--<[" };
        match (marker.starts_with(open), marker.find("]>-->")) {
            (true, Some(end)) => {
                out.push_str(open);
                out.push_str("]>-->");
                rest = &marker[end + 5..];
            }
            _ => {
                out.push_str("<!--<");
                rest = &marker[5..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The element's attributes: what the live widget needs to render what was
/// prerendered (source, language, theme, heading level, view), and for the page
/// its URL behaviour.
fn element_attributes(r: &Render, props: &AppProps, page: bool) -> String {
    let mut attrs: Vec<(&str, String)> = Vec::new();
    if let Some(src) = &r.src {
        attrs.push(("src", src.clone()));
    }
    if let Some(origins) = &r.bundle_origins {
        attrs.push(("bundle-origins", origins.clone()));
    }
    if let Some(lang) = r.lang {
        attrs.push(("lang", lang.tag().to_owned()));
    }
    if r.theme != Theme::Auto {
        attrs.push(("theme", r.theme.as_str().to_owned()));
    }
    if props.options.heading_level != 2 {
        attrs.push(("heading-level", props.options.heading_level.to_string()));
    }
    // The view as attributes: a facet's values comma-separated.
    attrs.extend(r.view.to_attribute_pairs());
    if page {
        attrs.push(("sync-url", String::new()));
        attrs.push(("loading", "eager".to_owned()));
    }
    attrs
        .iter()
        .map(|(k, v)| if v.is_empty() { format!(" {k}") } else { format!(" {k}=\"{}\"", escape_attr(v)) })
        .collect()
}

/// The whole standalone page: `index.html` with the widget, the article's
/// title and language, and the assets' base filled in.
pub async fn page(r: &Render) -> String {
    let widget = element(r, true).await;
    let loaded = crate::load::load(&r.text);
    let article = loaded.bundle.as_ref().map(|b| &b.article);
    let title = article.and_then(|a| a.title.as_deref());
    let lang = r
        .lang
        .map(|l| l.tag().to_owned())
        .or_else(|| article.and_then(|a| a.language.clone()))
        .unwrap_or_else(|| "en".to_owned());
    let strings = Lang::from_tag(&lang).strings();
    let page_title = strings.page_title(title);
    let description = strings.page_description(title);
    let base = r.base();
    let oembed = r.oembed.as_deref().map_or(String::new(), |url| {
        format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
            escape_attr(url),
            escape_attr(&page_title)
        )
    });
    // The template's note (a comment from a line "<!--" to a line "-->") and
    // Trunk's own lines are not for the page (see index.html).
    let mut in_note = false;
    let template: String = PAGE
        .lines()
        .filter(|l| {
            let line = l.trim();
            let keep = !in_note && line != "<!--" && !line.contains("data-trunk");
            in_note = (in_note || line == "<!--") && line != "-->";
            keep
        })
        .map(|l| format!("{l}\n"))
        .collect();
    fill(
        &template,
        &[
            ("lang", &escape_attr(&lang)),
            ("title", &escape_text(&page_title)),
            ("description", &escape_attr(&description)),
            ("assets", &escape_attr(&base)),
            ("oembed", &oembed),
            ("widget", &widget),
            ("editor_link", &escape_text(strings.editor_link)),
        ],
    )
}

/// The frame an oEmbed consumer shows: tall enough for the tools and the
/// first cards (the frame scrolls for the rest, or grows where the host
/// page listens to its resize messages: README, "The iframe").
/// Measured at 640 px in Chromium on the demo bundle: the title, count and
/// tools take 250–300 px, a card 150–240 px (tests/e2e/oembed.test.mjs
/// checks the frame shows the tools and a whole first card).
#[cfg(feature = "cli")]
const OEMBED_WIDTH: u32 = 640;
#[cfg(feature = "cli")]
fn oembed_height(claims: usize) -> u32 {
    320 + 220 * claims.clamp(1, 3) as u32
}

/// The oEmbed document (oembed.com, type `rich`) of the bundle's iframe
/// embed: `r.assets` is where `embed.html` is and `r.src` where the bundle
/// is, both absolute `http(s)` URLs. `Err` says which is missing.
#[cfg(feature = "cli")]
pub fn oembed(r: &Render) -> Result<String, String> {
    let absolute = |name: &str, value: Option<&str>| match value.map(str::trim) {
        Some(url) if crate::load::check_url(url).is_ok() => Ok(url.to_owned()),
        _ => Err(format!("--oembed needs {name} as an absolute http(s) URL")),
    };
    let src = absolute("--src", r.src.as_deref())?;
    let base = absolute("--assets", Some(&r.base()))?;
    let loaded = crate::load::load(&r.text);
    let bundle = loaded.bundle.as_ref();
    let title = bundle.and_then(|b| b.article.title.as_deref());
    let lang =
        r.lang.unwrap_or_else(|| Lang::from_tag(bundle.and_then(|b| b.article.language.as_deref()).unwrap_or("en")));
    let page_title = lang.strings().page_title(title);
    let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("bundle", &src).finish();
    let height = oembed_height(bundle.map_or(0, |b| b.claims.len()));
    let html = format!(
        "<iframe src=\"{}embed.html?{}\" title=\"{}\" width=\"{OEMBED_WIDTH}\" height=\"{height}\" \
         style=\"width:100%;border:0\" loading=\"lazy\"></iframe>",
        escape_attr(&base),
        escape_attr(&query),
        escape_attr(&page_title)
    );
    let doc = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": page_title,
        "provider_name": "claim-cards",
        "html": html,
        "width": OEMBED_WIDTH,
        "height": height,
    });
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

/// `template` with each `{{name}}` replaced by its value, in one pass (a
/// value is never searched for names).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find("}}").and_then(|end| values.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, v))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text for an attribute value in double quotes.
pub fn escape_attr(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// Text for element content.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::unnamed_markers;

    #[test]
    fn component_markers_lose_their_names_and_nothing_else() {
        let debug = "<!--<[a::App]>--><p>x</p><!--<#>--><!--</[a::App]>--><!--<[]>-->";
        assert_eq!(unnamed_markers(debug), "<!--<[]>--><p>x</p><!--<#>--><!--</[]>--><!--<[]>-->");
        assert_eq!(unnamed_markers("<!--<x"), "<!--<x");
    }
}
