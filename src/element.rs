//! The `<claim-cards>` element's public interface, as data: its attributes
//! (and what a change of each does to a running widget), property, methods,
//! events and their details, CSS custom properties, parts and slot.
//!
//! One home for it. The build writes from it the attribute lists of
//! `static/embed/claim-cards.js` (`claim-cards element attributes`), and the
//! npm package's `custom-elements.json` (`… manifest`, the Custom Elements
//! Manifest schema 2.1) and `claim-cards.d.ts` (`… types`). Tests hold the
//! stylesheet's custom properties, the components' parts and the README to it
//! (`tests/element.rs`), and the packed package's manifest to the element
//! itself (`tests/e2e/package.test.mjs`).
//!
//! The URL and filter vocabulary comes from [`Param`]; the values of `lang`,
//! `sort`, `kind` and the error reasons from their own enums, so a new value
//! there reaches the manifest and the types without an edit here.

use crate::failure::Failure;
use crate::i18n::Lang;
use crate::model::ClaimKind;
use crate::problem::{Place, Severity};
use crate::view::{Facet, Param, SortOrder, GROUP_BY_SPEAKER};

/// The element's name.
pub const TAG: &str = "claim-cards";
/// The class the entry module exports and defines as [`TAG`].
pub const CLASS: &str = "ClaimCardsElement";
/// The events' names start with this.
pub const EVENT_PREFIX: &str = "claimcards:";

/// The widget's colour scheme (`theme`): the reader's (`auto`), or one forced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// A theme from its name; `auto` for anything else.
    pub fn parse(text: &str) -> Theme {
        Theme::ALL.into_iter().find(|t| t.as_str() == text).unwrap_or_default()
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What changing an attribute does once the widget runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The widget is loaded afresh (it may be another bundle).
    Remount,
    /// Only its words and looks change: the reader's view, scroll and focus stay.
    Options,
    /// The view changes, as if the reader had chosen it.
    View,
    /// Read when the element starts; a later change does nothing.
    Start,
}

/// The values an attribute takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values {
    /// Any text.
    Text,
    /// An `http:` or `https:` URL (relative to the page in the element;
    /// the widget refuses any other scheme).
    Url,
    /// One of these words.
    OneOf(Vec<&'static str>),
    /// Present or absent (a boolean attribute).
    Flag,
}

impl Values {
    /// As a TypeScript type (the manifest's `type.text` too).
    pub fn ts(&self) -> String {
        match self {
            Values::Text | Values::Url => "string".to_owned(),
            Values::OneOf(words) => union(words),
            Values::Flag => "boolean".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    pub values: Values,
    /// The value the widget assumes when the attribute is absent.
    pub default: Option<&'static str>,
    pub change: Change,
    pub description: String,
}

/// Every attribute the element reads, in the README's order.
pub fn attributes() -> Vec<Attribute> {
    let a = |name, values, default, change, description: &str| Attribute {
        name,
        values,
        default,
        change,
        description: description.to_owned(),
    };
    let mut list = vec![
        a(
            "src",
            Values::Url,
            None,
            Change::Remount,
            "The bundle's URL (resolved against the page). Without it, the bundle is a child \
             `<script type=\"application/json\">`.",
        ),
        a(
            "archive",
            Values::Url,
            None,
            Change::Remount,
            "An archive's folder or its `archive.json` (`claim-cards archive build`): the element \
             shows every claim of the archive — search, facets, a speaker type-ahead, a date range, \
             paged as the reader scrolls — instead of one bundle. It loads a wasm of its own, and \
             `bundle-origins` applies to it as to `src`.",
        ),
        a(
            "bundle-origins",
            Values::Text,
            None,
            Change::Remount,
            "The only origins `src` (or `archive`) may come from, space-separated (`self` is the page's own). \
             Absent: any origin. A refused `src` is never fetched; the widget says why.",
        ),
        a(
            "lang",
            Values::OneOf(Lang::ALL.iter().map(|l| l.tag()).collect()),
            None,
            Change::Options,
            "The interface's language (a BCP 47 tag: `vi-VN` is Vietnamese; an untranslated \
             language gets English). Absent: the bundle's `article.language`.",
        ),
        a(
            "theme",
            Values::OneOf(Theme::ALL.iter().map(Theme::as_str).collect()),
            Some(Theme::Auto.as_str()),
            Change::Options,
            "Light or dark colours; `auto` follows the reader's setting.",
        ),
        a(
            "heading-level",
            Values::OneOf(vec!["1", "2", "3", "4", "5", "6"]),
            Some("2"),
            Change::Options,
            "The level of the widget's heading (the article's title), so that it fits the page's \
             outline; speaker groups' headings are one below.",
        ),
        a(
            "share-url",
            Values::Url,
            None,
            Change::Options,
            "The page a card's \"Copy link\" links to (with `#claim-<id>`). Absent: this page.",
        ),
    ];
    list.extend(Param::ALL.into_iter().map(|param| Attribute {
        name: param.name(),
        values: match param {
            Param::Sort => Values::OneOf(SortOrder::ALL.iter().map(|s| s.as_str()).collect()),
            Param::Group => Values::OneOf(vec![GROUP_BY_SPEAKER]),
            _ => Values::Text,
        },
        default: match param {
            Param::Sort => Some(SortOrder::default().as_str()),
            _ => None,
        },
        change: Change::View,
        description: param_description(param),
    }));
    list.push(a(
        "sync-url",
        Values::Flag,
        None,
        Change::Start,
        "Mirrors the view in the page's URL (the back button steps through it). Off by default: \
         the host's URL is the host's.",
    ));
    list.push(a(
        "loading",
        Values::OneOf(vec!["lazy", "eager"]),
        Some("lazy"),
        Change::Start,
        "`lazy`: the widget's files are downloaded when the element comes within 600 px of the \
         viewport, or when the reader focuses or touches it. `eager`: at once.",
    ));
    list
}

/// What a view attribute (and its page-URL parameter) holds.
fn param_description(param: Param) -> String {
    let list = "comma-separated; a comma inside a value is written %2C";
    match param {
        Param::Facet(Facet::Speaker) => format!("Shows only these speakers' claims: the bundle's speaker ids, {list}."),
        Param::Facet(Facet::Source) => {
            format!("Shows only claims that came through these sources: source ids, {list}.")
        }
        Param::Facet(Facet::Topic) => format!("Shows only claims on these topics: topic names, {list}."),
        Param::Facet(Facet::Kind) => format!(
            "Shows only these kinds of claim ({}), {list}.",
            ClaimKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
        ),
        Param::Facet(Facet::Verdict) => format!("Shows only claims with these verdicts (their words), {list}."),
        Param::Query => "Search text: claims whose text, speaker or source has every word \
                         (case and diacritics ignored)."
            .to_owned(),
        Param::Sort => "The cards' order.".to_owned(),
        Param::Group => "`speaker` groups the cards by speaker.".to_owned(),
    }
}

/// The attribute names of one kind of change, for claim-cards.js.
pub fn attribute_names(change: Change) -> Vec<&'static str> {
    attributes().into_iter().filter(|a| a.change == change).map(|a| a.name).collect()
}

/// A member of an event's detail or of an argument object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ts: String,
    pub optional: bool,
    pub description: &'static str,
}

fn field(name: &'static str, ts: impl Into<String>, description: &'static str) -> Field {
    Field { name, ts: ts.into(), optional: false, description }
}

/// The type of the `sort` values.
pub const SORT_TYPE: &str = "ClaimCardsSort";
/// The type of `group`'s values (the empty string: not grouped).
pub const GROUP_TYPE: &str = "ClaimCardsGroup";

/// The reader's view: the `filters` property and `claimcards:filterchange`'s detail.
pub fn filters_detail() -> Vec<Field> {
    let mut fields: Vec<Field> = Param::ALL
        .into_iter()
        .map(|param| match param {
            Param::Facet(_) => field(param.name(), "string[]", "The chosen values (see the attribute)."),
            Param::Query => field(param.name(), "string", "The search text (empty: none)."),
            Param::Sort => field(param.name(), SORT_TYPE, "The cards' order."),
            Param::Group => field(param.name(), GROUP_TYPE, "`speaker` when grouped, else empty."),
        })
        .collect();
    fields.push(field("shown", "number", "How many claims the view shows."));
    fields.push(field("total", "number", "How many claims the bundle has."));
    fields
}

/// What `setFilters` takes: any of the view's parameters (a list may be one value).
pub fn filters_input() -> Vec<Field> {
    Param::ALL
        .into_iter()
        .map(|param| Field {
            optional: true,
            ..match param {
                Param::Facet(_) => {
                    field(param.name(), "string | string[]", "Values to choose (a value may hold a comma).")
                }
                Param::Query => field(param.name(), "string", "Search text."),
                Param::Sort => field(param.name(), SORT_TYPE, "The cards' order."),
                Param::Group => field(param.name(), GROUP_TYPE, "`speaker` to group by speaker."),
            }
        })
        .collect()
}

/// `claimcards:ready`'s detail.
pub fn ready_detail() -> Vec<Field> {
    vec![
        field("claims", "number", "Claims shown (the bundle's valid claims)."),
        field("skipped", "number", "Claims skipped as invalid (`claimcards:error` says why)."),
        field("title", "string | null", "The article's title."),
        field("pageTitle", "string", "What a page showing only this widget is titled."),
        field("pageDescription", "string", "What such a page is described as."),
    ]
}

/// A problem in `claimcards:error`'s `problems` when `reason` is `skipped`
/// (as `claim-cards validate --json` prints it: `Problem::fields`).
pub fn problem_fields() -> Vec<Field> {
    let optional = |name, ts: &str, description| Field { optional: true, ..field(name, ts, description) };
    vec![
        field("severity", union(&Severity::ALL.map(Severity::as_str)), "How bad it is."),
        field("kind", union(&Place::KINDS), "Where: the JSON syntax, the bundle, its article, or an item."),
        optional("line", "number", "The line (syntax problems)."),
        optional("column", "number", "The column (syntax problems)."),
        optional("list", "string", "The item's list: speakers, sources, claims or topics."),
        optional("index", "number", "The item's position in its list."),
        optional("id", "string", "The item's id."),
        optional("field", "string", "The field, as a path (`review.rating`)."),
        field("message", "string", "What is wrong, in English."),
    ]
}

/// Why `claimcards:error` was sent: [`Failure::code`]s, and what the element adds.
pub fn error_reasons() -> Vec<(&'static str, &'static str)> {
    let mut reasons: Vec<(&str, &str)> = Failure::ALL.iter().map(|f| (f.code(), f.describe())).collect();
    reasons
        .push(("skipped", "Some claims were skipped as invalid; the rest are shown (`problems` says which and why)."));
    reasons.push(("widget", "The widget itself could not start (its files could not be loaded)."));
    reasons
}

pub struct Event {
    pub name: String,
    /// The detail's TypeScript type.
    pub detail: &'static str,
    pub description: &'static str,
}

pub const FILTERS_TYPE: &str = "ClaimCardsFilters";
pub const FILTERS_INPUT_TYPE: &str = "ClaimCardsFilterInput";
pub const READY_TYPE: &str = "ClaimCardsReadyDetail";
pub const ERROR_TYPE: &str = "ClaimCardsErrorDetail";
pub const PROBLEM_TYPE: &str = "ClaimCardsProblem";
pub const REASON_TYPE: &str = "ClaimCardsErrorReason";

/// The events, bubbling and composed, on the element.
pub fn events() -> Vec<Event> {
    let e = |name: &str, detail, description| Event { name: format!("{EVENT_PREFIX}{name}"), detail, description };
    vec![
        e("ready", READY_TYPE, "The bundle is shown (once per load)."),
        e(
            "filterchange",
            FILTERS_TYPE,
            "The view: once right after `claimcards:ready`, then after every change of it.",
        ),
        e(
            "error",
            ERROR_TYPE,
            "The bundle cannot be shown (the widget shows an error card with Retry), or some of its \
             claims were skipped.",
        ),
    ]
}

pub struct Parameter {
    pub name: &'static str,
    pub ts: &'static str,
    pub optional: bool,
}

pub struct Method {
    pub name: &'static str,
    pub parameters: Vec<Parameter>,
    pub returns: &'static str,
    pub description: &'static str,
}

/// The host API's methods. Called before the widget has loaded, they are
/// queued, applied in order once it has, and return `true`.
pub fn methods() -> Vec<Method> {
    let p = |name, ts, optional| Parameter { name, ts, optional };
    vec![
        Method {
            name: "setFilters",
            parameters: vec![p("filters", FILTERS_INPUT_TYPE, true)],
            returns: "boolean",
            description: "Sets the view: the filters, search, sort and grouping given (the rest are cleared).",
        },
        Method {
            name: "clearFilters",
            parameters: vec![],
            returns: "boolean",
            description:
                "Clears every filter and the search, keeping sort and grouping (as the widget's \"Clear all\").",
        },
        Method {
            name: "reveal",
            parameters: vec![p("claimId", "string", false)],
            returns: "boolean",
            description: "Scrolls to a claim's card and highlights it; false when the bundle has no such claim.",
        },
    ]
}

/// The one property: `filters` (read-only).
pub const FILTERS_PROPERTY: (&str, &str) =
    ("filters", "The reader's current view (as in `claimcards:filterchange`), or null before loading.");

/// The CSS custom properties a host may set on the element (they cross its
/// shadow boundary); `static/claim-cards.css` declares exactly these.
pub const CSS_PROPERTIES: [(&str, &str); 20] = [
    ("--cc-font", "The interface's font family."),
    ("--cc-font-serif", "The claims' text font family."),
    ("--cc-text", "Text colour."),
    ("--cc-muted", "Secondary text colour (roles, dates, counts)."),
    ("--cc-bg", "Background colour."),
    ("--cc-surface", "Background of cards and controls."),
    ("--cc-border", "Border colour."),
    ("--cc-accent", "Links, chosen options and buttons."),
    ("--cc-accent-text", "Text on the accent colour."),
    ("--cc-mark", "Background of search matches."),
    ("--cc-mark-text", "Text of search matches."),
    ("--cc-focus", "The keyboard focus ring."),
    ("--cc-quote-rule", "The rule beside a direct quote."),
    ("--cc-error", "Error text and borders."),
    ("--cc-error-bg", "Background of the error card."),
    ("--cc-warning-bg", "Background of the notice of skipped claims."),
    ("--cc-radius", "Corner radius of cards."),
    ("--cc-radius-small", "Corner radius of chips and controls."),
    ("--cc-gap", "Space between the cards, and between the filter bar's rows."),
    ("--cc-pad", "Padding around the widget."),
];

/// The shadow parts a host may style with `::part()`.
pub const PARTS: [(&str, &str); 7] = [
    ("root", "The widget's outer section."),
    ("filters", "The filter bar: search, sort, facets."),
    ("card", "Each claim's card."),
    ("chip", "A source's link on a card."),
    ("verdict", "A fact-check's verdict on a card."),
    ("notice", "The notice that some claims were skipped."),
    ("error", "The error card shown when the bundle cannot be shown."),
];

/// The default slot: the host's light-DOM content.
pub const SLOT: &str = "The fallback (a link to the bundle, or the cards as HTML), shown until the widget runs.";

/// `"a" | "b"` (JSON string literals are TypeScript's too).
fn union(words: &[&str]) -> String {
    words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" | ")
}

/// The package's `custom-elements.json`: the Custom Elements Manifest
/// (schema 2.1) of the entry module `module` (`claim-cards.js`).
#[cfg(feature = "cli")]
pub fn manifest(module: &str) -> serde_json::Value {
    use serde_json::json;
    let ty = |text: &str| json!({ "text": text });
    let attributes: Vec<_> = attributes()
        .into_iter()
        .map(|a| {
            let mut o = json!({ "name": a.name, "description": a.description, "type": ty(&a.values.ts()) });
            if let Some(d) = a.default {
                o["default"] = json!(format!("\"{d}\""));
            }
            o
        })
        .collect();
    let mut members = vec![json!({
        "kind": "field", "name": FILTERS_PROPERTY.0, "readonly": true, "privacy": "public",
        "description": FILTERS_PROPERTY.1, "type": ty(&format!("{FILTERS_TYPE} | null")),
    })];
    members.extend(methods().into_iter().map(|m| {
        let parameters: Vec<_> =
            m.parameters.iter().map(|p| json!({ "name": p.name, "type": ty(p.ts), "optional": p.optional })).collect();
        json!({
            "kind": "method", "name": m.name, "privacy": "public", "description": m.description,
            "parameters": parameters, "return": { "type": ty(m.returns) },
        })
    }));
    let events: Vec<_> = events()
        .into_iter()
        .map(|e| json!({ "name": e.name, "description": e.description, "type": ty(&format!("CustomEvent<{}>", e.detail)) }))
        .collect();
    let css: Vec<_> = CSS_PROPERTIES.iter().map(|(name, d)| json!({ "name": name, "description": d })).collect();
    let parts: Vec<_> = PARTS.iter().map(|(name, d)| json!({ "name": name, "description": d })).collect();
    let declaration = json!({ "name": CLASS, "module": module });
    json!({
        "schemaVersion": "2.1.0",
        "readme": "README.md",
        "modules": [{
            "kind": "javascript-module",
            "path": module,
            "declarations": [{
                "kind": "class",
                "name": CLASS,
                "tagName": TAG,
                "customElement": true,
                "description": "Who said what in a news article: a bundle's claims as cards that readers filter by speaker, source, topic, kind and verdict, and search.",
                "superclass": { "name": "HTMLElement", "package": "global:" },
                "attributes": attributes,
                "members": members,
                "events": events,
                "slots": [{ "name": "", "description": SLOT }],
                "cssProperties": css,
                "cssParts": parts,
            }],
            "exports": [
                { "kind": "js", "name": CLASS, "declaration": declaration },
                { "kind": "custom-element-definition", "name": TAG, "declaration": declaration },
            ],
        }],
    })
}

/// The package's `claim-cards.d.ts`: the element, its host API and its
/// events' details, and `<claim-cards>` in `HTMLElementTagNameMap`.
#[cfg(feature = "cli")]
pub fn types(version: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let doc = |out: &mut String, indent: &str, text: &str| {
        let _ = writeln!(out, "{indent}/** {} */", text.replace("*/", "*\\/"));
    };
    let interface = |out: &mut String, name: &str, description: &str, fields: &[Field]| {
        doc(out, "", description);
        let _ = writeln!(out, "export interface {name} {{");
        for f in fields {
            doc(out, "  ", f.description);
            let _ = writeln!(out, "  {}{}: {};", f.name, if f.optional { "?" } else { "" }, f.ts);
        }
        out.push_str("}\n\n");
    };
    let _ = writeln!(
        out,
        "// claim-cards {version}: the <{TAG}> element's types.\n\
         // Written by `claim-cards element types` from src/element.rs; do not edit.\n"
    );
    let sort = SortOrder::ALL.map(SortOrder::as_str);
    let _ = writeln!(out, "/** The cards' orders. */\nexport type {SORT_TYPE} = {};\n", union(&sort));
    let _ = writeln!(
        out,
        "/** Grouping: by speaker, or none (empty). */\nexport type {GROUP_TYPE} = {};\n",
        union(&[GROUP_BY_SPEAKER, ""])
    );
    interface(
        &mut out,
        FILTERS_TYPE,
        "The reader's view: the `filters` property and `claimcards:filterchange`'s detail.",
        &filters_detail(),
    );
    interface(&mut out, FILTERS_INPUT_TYPE, "What `setFilters()` takes.", &filters_input());
    interface(&mut out, READY_TYPE, "`claimcards:ready`'s detail.", &ready_detail());
    interface(
        &mut out,
        PROBLEM_TYPE,
        "A problem of the bundle, as `claim-cards validate --json` gives it.",
        &problem_fields(),
    );
    let reasons = error_reasons();
    out.push_str("/** Why `claimcards:error` was sent. */\nexport type ");
    let _ = writeln!(out, "{REASON_TYPE} =");
    for (i, (code, description)) in reasons.iter().enumerate() {
        let _ =
            writeln!(out, "  /** {description} */\n  | \"{code}\"{}", if i + 1 == reasons.len() { ";" } else { "" });
    }
    let _ = writeln!(
        out,
        "\n/** `claimcards:error`'s detail: `problems` are the bundle's problems when some claims were skipped, else sentences for the page's owner. */\n\
         export type {ERROR_TYPE} =\n\
         \x20 | {{ url: string; reason: \"skipped\"; problems: {PROBLEM_TYPE}[] }}\n\
         \x20 | {{ url: string; reason: \"http\"; status: number; problems: string[] }}\n\
         \x20 | {{ url: string; reason: Exclude<{REASON_TYPE}, \"skipped\" | \"http\">; problems: string[] }};\n"
    );
    out.push_str("/** The element's events (bubbling, composed). */\nexport interface ClaimCardsEventMap {\n");
    for e in events() {
        doc(&mut out, "  ", e.description);
        let _ = writeln!(out, "  \"{}\": CustomEvent<{}>;", e.name, e.detail);
    }
    out.push_str("}\n\n");
    let attributes = attributes();
    out.push_str("/** The element's attributes (for templates and JSX): every value is a string, a flag's presence is true. */\nexport interface ClaimCardsAttributes {\n");
    for a in &attributes {
        doc(&mut out, "  ", &a.description);
        let ts = match &a.values {
            Values::Flag => "boolean | \"\"".to_owned(),
            other => other.ts(),
        };
        let _ = writeln!(out, "  \"{}\"?: {ts};", a.name);
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "/** `<{TAG}>`. Its host API, called before the widget has loaded, is queued and applied in order once it has (and returns true). */");
    let _ = writeln!(out, "export declare class {CLASS} extends HTMLElement {{");
    let _ = writeln!(out, "  static readonly observedAttributes: string[];");
    doc(&mut out, "  ", FILTERS_PROPERTY.1);
    let _ = writeln!(out, "  readonly {}: {FILTERS_TYPE} | null;", FILTERS_PROPERTY.0);
    for m in methods() {
        doc(&mut out, "  ", m.description);
        let params: Vec<String> =
            m.parameters.iter().map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ts)).collect();
        let _ = writeln!(out, "  {}({}): {};", m.name, params.join(", "), m.returns);
    }
    for verb in ["addEventListener", "removeEventListener"] {
        let options = if verb == "addEventListener" { "AddEventListenerOptions" } else { "EventListenerOptions" };
        let _ = writeln!(
            out,
            "  {verb}<K extends keyof ClaimCardsEventMap>(type: K, listener: (this: {CLASS}, event: ClaimCardsEventMap[K]) => unknown, options?: boolean | {options}): void;\n\
             \x20 {verb}<K extends keyof HTMLElementEventMap>(type: K, listener: (this: {CLASS}, event: HTMLElementEventMap[K]) => unknown, options?: boolean | {options}): void;\n\
             \x20 {verb}(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | {options}): void;"
        );
    }
    out.push_str("}\n\n");
    out.push_str("/** The view attributes (and `setFilters` keys), and those of them that hold lists. */\nexport declare const FILTERS: readonly string[];\nexport declare const LISTS: readonly string[];\n");
    out.push_str("/** Bytes of WebAssembly memory in use by all the page's widgets (0 before loading). */\nexport declare function wasmMemoryBytes(): number;\n\n");
    let _ = writeln!(out, "declare global {{\n  interface HTMLElementTagNameMap {{\n    \"{TAG}\": {CLASS};\n  }}\n}}");
    out
}
