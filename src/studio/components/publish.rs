//! Publish: what blocks it (errors only), the downloads — bundle, CSV zip,
//! JSON-LD — and the embeds to copy: the prerendered element, byte for byte
//! what `claim-cards render` prints, and the iframe.

use super::studio::Step;
use super::{on_value, use_edit};
use crate::studio::doc::Checked;
use crate::studio::publish;
use crate::studio::state::is_unchecked;
use crate::studio::storage::Host;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PublishProps {
    /// The work as the loader judged it.
    pub checked: Rc<Checked>,
    pub assets: AttrValue,
    pub to_step: Callback<Step>,
}

#[function_component]
pub fn Publish(p: &PublishProps) -> Html {
    let edit = use_edit();
    let s = edit.s;
    let host = use_context::<Host>();
    // The files' name: the title's slug.
    let name = {
        let slug = crate::text::ids::slug(&edit.work.title());
        if slug.is_empty() {
            "bundle".to_owned()
        } else {
            slug
        }
    };
    let src = use_state(|| format!("bundles/{name}.json"));
    let assets = use_state(|| p.assets.to_string());
    let embed = use_state(String::new);
    let copied = use_state(|| None::<&'static str>);
    {
        let (embed, text, src, assets) = (embed.clone(), p.checked.text.clone(), (*src).clone(), (*assets).clone());
        use_effect_with((p.checked.clone(), src.clone(), assets.clone()), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                embed.set(publish::embed(&text, &src, &assets).await);
            });
        });
    }
    let checked = &p.checked;
    let errors: Vec<String> = checked.errors().map(|e| format!("{}: {}", e.location(), e.message)).collect();
    let warnings = checked.problems.len() - errors.len();
    let unchecked = edit.work.list("claims").iter().filter(|c| is_unchecked(c)).count();
    // Made once per change of the bundle, not on each keystroke in the embed's fields.
    let exports = use_memo(checked.clone(), |c| c.bundle().map(|b| (publish::csv_zip(b), publish::jsonld(b))));
    let download = |file: String, data: JsValue, mime: &'static str| {
        let host = host.clone();
        Callback::from(move |_| {
            if let Some(h) = &host {
                h.download(&file, &data, mime);
            }
        })
    };
    let blocked = !errors.is_empty() || checked.bundle().is_none();
    let bundle_dl = download(format!("{name}.json"), JsValue::from_str(&checked.text), "application/json");
    let (csv_dl, csv_err) = match exports.as_ref().as_ref().map(|(csv, _)| csv) {
        Some(Ok(bytes)) => (
            Some(download(
                format!("{name}-csv.zip"),
                js_sys::Uint8Array::from(bytes.as_slice()).into(),
                "application/zip",
            )),
            None,
        ),
        Some(Err(e)) => (None, Some(e.clone())),
        None => (None, None),
    };
    let jsonld_dl = exports
        .as_ref()
        .as_ref()
        .map(|(_, ld)| download(format!("{name}.jsonld"), JsValue::from_str(ld), "application/ld+json"));
    let iframe = publish::iframe(&assets, &src, &edit.work.title());
    let copy = |text: String, what: &'static str| {
        let (host, copied) = (host.clone(), copied.clone());
        Callback::from(move |_| {
            let (host, copied, text) = (host.clone(), copied.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match &host {
                    Some(h) => h.copy_text(&text).await.is_ok(),
                    None => false,
                };
                copied.set(Some(if ok { what } else { "failed" }));
            });
        })
    };
    let input = |h: &UseStateHandle<String>| {
        let h = h.clone();
        on_value::<InputEvent>(Callback::from(move |v| h.set(v)))
    };
    let copied_line = match *copied {
        Some("failed") => s.copy_failed.to_owned(),
        Some(what) => (s.copied)(what),
        None => String::new(),
    };
    html! {
        <section class="st-pane st-publish" aria-labelledby="st-publish-h">
            <h2 id="st-publish-h">{ s.publish_heading }</h2>
            if blocked {
                <div class="st-banner st-banner--error" role="alert">
                    <p>{ (s.blocked)(errors.len()) }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                    <button type="button" class="st-button" onclick={p.to_step.reform(|_| Step::Check)}>{ s.go_check }</button>
                </div>
            } else {
                <p class="st-help">{ (s.ready)(edit.work.list("claims").len(), warnings) }</p>
            }
            if unchecked > 0 { <p class="st-help st-warn">{ (s.unchecked_left)(unchecked) }</p> }
            <h3>{ s.downloads }</h3>
            <div class="st-inline">
                <button type="button" class="st-button st-button--primary" onclick={bundle_dl} disabled={blocked}>{ s.download_bundle }</button>
                if let Some(dl) = csv_dl { <button type="button" class="st-button" onclick={dl} disabled={blocked}>{ s.download_csv }</button> }
                if let Some(dl) = jsonld_dl { <button type="button" class="st-button" onclick={dl} disabled={blocked}>{ s.download_jsonld }</button> }
            </div>
            if let Some(e) = csv_err { <p class="st-said">{ e }</p> }
            <h3>{ s.embed_heading }</h3>
            <p class="st-help">{ s.embed_help }</p>
            <div class="st-field"><label for="st-src">{ s.embed_src }</label>
                <input id="st-src" value={(*src).clone()} oninput={input(&src)} /></div>
            <div class="st-field"><label for="st-assets">{ s.embed_assets }</label>
                <input id="st-assets" value={(*assets).clone()} oninput={input(&assets)} /></div>
            <div class="st-field"><label for="st-embed">{ s.embed_code }</label>
                <textarea id="st-embed" class="st-code" readonly=true rows="6" value={(*embed).clone()} /></div>
            <button type="button" class="st-button" onclick={copy((*embed).clone(), s.embed_code)} disabled={blocked}>{ s.copy_embed }</button>
            <div class="st-field"><label for="st-iframe">{ s.iframe_code }</label>
                <textarea id="st-iframe" class="st-code" readonly=true rows="3" value={iframe.clone()} /></div>
            <button type="button" class="st-button" onclick={copy(iframe, s.iframe_code)} disabled={blocked}>{ s.copy_iframe }</button>
            <p class="st-help" role="status">{ copied_line }</p>
        </section>
    }
}
