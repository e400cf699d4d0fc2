use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// How many cards are not rendered yet.
    pub remaining: usize,
    pub label: AttrValue,
    /// Render more cards (the sentinel came near the viewport).
    pub on_more: Callback<()>,
    /// The button was pressed: render more cards, and focus the first new one.
    pub on_press: Callback<()>,
    /// Changes whenever more cards were rendered, so the sentinel looks again.
    pub generation: usize,
}

/// The end of a long list: a "Show more" button, pressed automatically when it
/// comes within 1,000 px of the viewport. Only the cards up to here are
/// in the DOM (see ARCHITECTURE.md, "Long lists").
#[function_component]
pub fn More(props: &MoreProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let on_more = props.on_more.clone();
        // (Effects run only in the browser: a server's render has no observer.)
        use_effect_with(props.generation, move |_| {
            let observer = node.cast::<web_sys::Element>().and_then(|el| {
                let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let near = entries
                        .iter()
                        .any(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().is_ok_and(|e| e.is_intersecting()));
                    if near {
                        on_more.emit(());
                    }
                });
                let init = web_sys::IntersectionObserverInit::new();
                init.set_root_margin("1000px 0px");
                let observer =
                    web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
                observer.observe(&el);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    let onclick = props.on_press.reform(|_| ());
    html! {
        <li class="cc-more" ref={node}>
            <button type="button" class="cc-button" {onclick}>{ props.label.clone() }</button>
        </li>
    }
}
