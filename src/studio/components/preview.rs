//! The preview: the widget itself — its `App` under its stylesheet, in a
//! shadow root as on a page — showing the bundle as it is typed, at phone
//! or desktop width, light or dark, in English or Vietnamese.

use super::use_edit;
use crate::components::app::App;
use crate::components::{Options, Theme};
use crate::dataset::LoadState;
use crate::i18n::Lang;
use crate::studio::doc::BUNDLE_NAME;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// The bundle as loaded (`Work::check`).
    pub state: LoadState,
    pub assets: AttrValue,
    pub hidden: bool,
}

#[function_component]
pub fn Preview(p: &PreviewProps) -> Html {
    let edit = use_edit();
    let s = edit.s;
    let phone = use_state(|| false);
    // Starts in the editor's own colour scheme.
    let dark = use_state(|| {
        gloo::utils::window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches())
    });
    let vi = use_state(|| false);
    let host = use_node_ref();
    // The shadow root's container, made once; the stylesheet goes in with it.
    let inner = use_memo((), |()| gloo::utils::document().create_element("div").ok());
    {
        let (host, inner, css) =
            (host.clone(), inner.clone(), format!("{}claim-cards-{}.css", p.assets, env!("CARGO_PKG_VERSION")));
        use_effect_with((), move |()| {
            if let (Some(el), Some(inner)) = (host.cast::<web_sys::Element>(), inner.as_ref().as_ref()) {
                if let Ok(root) = el.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)) {
                    if let Ok(link) = gloo::utils::document().create_element("link") {
                        let _ = link.set_attribute("rel", "stylesheet");
                        let _ = link.set_attribute("href", &css);
                        let _ = root.append_child(&link);
                    }
                    let _ = root.append_child(inner);
                }
            }
        });
    }
    let options = Options {
        lang: Some(if *vi { Lang::Vi } else { Lang::En }),
        theme: if *dark { Theme::Dark } else { Theme::Light },
        ..Options::default()
    };
    let widget = html! { <App bundle_url={BUNDLE_NAME} preloaded={Some(p.state.clone())} {options} /> };
    let portal = match inner.as_ref() {
        Some(el) => yew::create_portal(widget, el.clone()),
        None => Html::default(),
    };
    let toggle = |h: &UseStateHandle<bool>, on: bool| {
        let h = h.clone();
        Callback::from(move |e: Event| {
            if e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|t| t.checked()) {
                h.set(on);
            }
        })
    };
    let radios =
        |name: &'static str, legend: &'static str, h: &UseStateHandle<bool>, a: &'static str, b: &'static str| {
            html! {
                <fieldset class="st-switch">
                    <legend>{ legend }</legend>
                    <label><input type="radio" name={name} checked={!**h} onchange={toggle(h, false)} />{ a }</label>
                    <label><input type="radio" name={name} checked={**h} onchange={toggle(h, true)} />{ b }</label>
                </fieldset>
            }
        };
    html! {
        <section class="st-pane st-preview" aria-labelledby="st-preview-h" hidden={p.hidden}>
            <h2 id="st-preview-h">{ s.preview_heading }</h2>
            <p class="st-help">{ s.preview_help }</p>
            <div class="st-switches">
                { radios("st-width", s.width, &phone, s.desktop, s.phone) }
                { radios("st-theme", s.theme, &dark, s.light, s.dark) }
                { radios("st-wlang", s.widget_language, &vi, "English", "Tiếng Việt") }
            </div>
            <div class={classes!("st-frame", phone.then_some("st-frame--phone"))} data-width={if *phone { "phone" } else { "desktop" }}>
                <div class="st-widget" ref={host}></div>
            </div>
            { portal }
        </section>
    }
}
