//! Compiling ahead what a prerender's take-over runs, in tasks of their own.
//!
//! V8 compiles a wasm function on the main thread the first time it is
//! called. The take-over of a prerender (`Mounted::hydrate`) is the first
//! run of Yew's hydration and reconciliation, so its task compiled about 500
//! functions — 35–50 of its 47–66 ms at 4× CPU (BENCHMARKS.md, issue #20,
//! `scripts/bench/lazy.mjs`). Most of them are not particular to the
//! widget's components: hydrating and reconciling tags, text, lists, keyed
//! lists, raw HTML and components, delegated listeners, the hooks'
//! machinery, the scheduler, `Rc`, `Vec` and `drop` of Yew's own types.
//!
//! [`compile_ahead`] runs that code first on a small detached tree of its
//! own ([`Warm`]), in two tasks before the take-over, so that the take-over
//! compiles about half as much. Nothing of it is shown or reaches the page;
//! it runs once per page.
//!
//! The tree is built with DOM calls, not parsed from HTML (a page with
//! Trusted Types refuses `innerHTML`), from [`BARE`] and [`WARM`]: what the
//! server renders for [`Warm`]. Hydration panics on nodes that differ from
//! the component's, so a native test (`the_trees_are_what_the_server_renders`)
//! renders it and compares.

use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct WarmProps {
    pub label: AttrValue,
    /// None: only the label, as text.
    pub items: Option<Rc<Vec<AttrValue>>>,
    /// Whether it has a `Warm` inside (one component type: each type adds
    /// its own copy of Yew's generic code to the wasm).
    pub nested: bool,
}

/// A tree with the kinds of node, listener and hook the widget's shell has.
/// (Hooks and values of the types the widget's components use: a function
/// made for a type of its own here would be compiled for nothing.)
#[function_component]
pub fn Warm(props: &WarmProps) -> Html {
    let open = use_state(|| false);
    let node = use_node_ref();
    let seen = use_mut_ref(|| None::<String>);
    use_effect_with((), move |()| *seen.borrow_mut() = Some(String::new()));
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let Some(items) = &props.items else { return html! { { props.label.clone() } } };
    html! {
        <section class={classes!("cc-warm", open.then_some("cc-open"))} aria-label={props.label.clone()} ref={node}>
            <button type="button" aria-expanded={open.to_string()} disabled={*open} onclick={ontoggle}>{ "x" }</button>
            <ul>{ for items.iter().map(|i| html! { <li key={i.as_str()}>{ i.clone() }</li> }) }</ul>
            if *open { <p>{ "open" }</p> }
            if props.nested { <Warm label={props.label.clone()} items={Some(Rc::default())} nested=false /> }
            { Html::from_html_unchecked(AttrValue::Static("")) }
        </section>
    }
}

/// A node of a tree to hydrate.
pub enum Node {
    /// A tag, its attributes, its children.
    Element(&'static str, &'static [(&'static str, &'static str)], &'static [Node]),
    Text(&'static str),
    /// A comment: Yew's hydration markers (`<[…]>` around a component's
    /// nodes, whose name hydration does not read; `<#>` `</#>` around raw HTML).
    Comment(&'static str),
}

use Node::{Comment, Element, Text};

/// What the server renders for [`Warm`] with [`bare_props`].
pub const BARE: &[Node] = &[Comment("<[]>"), Text("warm"), Comment("</[]>")];

const BUTTON: Node = Element("button", &[("type", "button"), ("aria-expanded", "false")], &[Text("x")]);
const SECTION: &[(&str, &str)] = &[("aria-label", "warm"), ("class", "cc-warm")];

/// What the server renders for [`Warm`] with [`warm_props`].
pub const WARM: &[Node] = &[
    Comment("<[]>"),
    Element(
        "section",
        SECTION,
        &[
            BUTTON,
            Element(
                "ul",
                &[],
                &[Element("li", &[], &[Text("a")]), Element("li", &[], &[Text("b")]), Element("li", &[], &[Text("c")])],
            ),
            Comment("<[]>"),
            Element("section", SECTION, &[BUTTON, Element("ul", &[], &[]), Comment("<#>"), Comment("</#>")]),
            Comment("</[]>"),
            Comment("<#>"),
            Comment("</#>"),
        ],
    ),
    Comment("</[]>"),
];

/// The props [`WARM`] was rendered with.
pub fn warm_props() -> WarmProps {
    let items = ["a", "b", "c"].map(AttrValue::Static).to_vec();
    WarmProps { label: AttrValue::Static("warm"), items: Some(Rc::new(items)), nested: true }
}

/// The props [`BARE`] was rendered with: text only.
pub fn bare_props() -> WarmProps {
    WarmProps { items: None, nested: false, ..warm_props() }
}

/// Appends `nodes` to `parent`.
fn build(document: &web_sys::Document, parent: &web_sys::Node, nodes: &[Node]) -> Option<()> {
    for node in nodes {
        let made: web_sys::Node = match node {
            Element(tag, attributes, children) => {
                let element = document.create_element(tag).ok()?;
                for (name, value) in *attributes {
                    element.set_attribute(name, value).ok()?;
                }
                build(document, &element, children)?;
                element.into()
            }
            Text(text) => document.create_text_node(text).into(),
            Comment(data) => document.create_comment(data).into(),
        };
        parent.append_child(&made).ok()?;
    }
    Some(())
}

thread_local! {
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// Hydrates [`Warm`] in detached elements, once per page, in two tasks:
/// text alone (the scheduler, a component's lifecycle, hooks), then tags,
/// attributes, a listener, a keyed list and a component inside (each with
/// the render that follows a hydration). The apps are kept, not destroyed:
/// Yew would not free them (see `components::mount`).
pub async fn compile_ahead() {
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    for (nodes, props) in [(BARE, bare_props()), (WARM, warm_props())] {
        crate::web::next_task().await;
        let document = gloo::utils::document();
        let Ok(root) = document.create_element("div") else { return };
        if build(&document, &root, nodes).is_none() {
            return;
        }
        std::mem::forget(yew::Renderer::<Warm>::with_root_and_props(root, props).hydrate());
    }
    crate::web::mark("claim-cards:warm");
}

#[cfg(all(test, feature = "ssr", not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Hydration panics on nodes other than the component's: the trees
    /// must be what the server renders.
    #[tokio::test]
    async fn the_trees_are_what_the_server_renders() {
        for (props, nodes) in [(bare_props(), BARE), (warm_props(), WARM)] {
            let html = yew::LocalServerRenderer::<Warm>::with_props(props).hydratable(true).render().await;
            assert_eq!(crate::render::unnamed_markers(&html), to_html(nodes), "{html}");
        }
    }

    /// The tree as HTML (its text and values have nothing to escape).
    fn to_html(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|node| match node {
                Element(tag, attributes, children) => {
                    let attributes: String = attributes.iter().map(|(n, v)| format!(" {n}=\"{v}\"")).collect();
                    format!("<{tag}{attributes}>{}</{tag}>", to_html(children))
                }
                Text(text) => text.to_string(),
                Comment(data) => format!("<!--{data}-->"),
            })
            .collect()
    }
}
