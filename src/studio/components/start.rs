//! Start: paste an article and draft it, open a file, or start empty; the
//! article's details; the drafts kept in this browser.

use super::field::Field;
use super::studio::{Drafts, Notice, Step};
use super::{messages, on_value, use_edit};
use crate::studio::doc::Work;
use crate::studio::files::{open, Format, Opened, Picked};
use crate::studio::state::{text_of, Action, Item};
use crate::studio::strings::Strings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub drafts: Drafts,
}

/// Drafts `text` with the article's details as given.
fn draft(work: &Work, s: &'static Strings) -> Result<(Work, Notice), String> {
    let text = work.pasted.clone();
    if text.trim().is_empty() {
        return Err(s.nothing_pasted.to_owned());
    }
    let a = |k: &str| Some(work.article_str(k).trim().to_owned()).filter(|v| !v.is_empty());
    let given = crate::model::Article {
        title: a("title"),
        url: a("url"),
        publisher: a("publisher"),
        published: a("published").and_then(|d| crate::date::IsoDate::parse(&d).ok()),
        language: a("language"),
    };
    let d = crate::extract::draft(&text, &given).map_err(|f| (s.draft_failed)(&f.to_string()))?;
    let mut new = Work::from_bundle_text(&crate::convert::write::draft_json(&d))?;
    new.paragraphs = crate::extract::read(&text).paragraphs;
    new.pasted = text;
    let said = Notice { error: false, text: (s.drafted)(d.bundle.claims.len(), new.paragraphs.len()), details: vec![] };
    Ok((new, said))
}

/// Reads the files given (picked or dropped) and opens them.
fn open_files(list: web_sys::FileList, edit_pasted: Callback<String>, drafts: Drafts, s: &'static Strings) {
    // Taken now: the list empties when the picker is reset.
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut picked = Vec::new();
        for file in files {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => picked.push(Picked { name: file.name(), bytes: js_sys::Uint8Array::new(&buf).to_vec() }),
                Err(_) => {
                    drafts.notice.emit(Some(Notice {
                        error: true,
                        text: (s.cannot_read)(&file.name()),
                        details: vec![],
                    }));
                    return;
                }
            }
        }
        let names = picked.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
        match open(&picked) {
            Ok(Opened::Work { work, notes, format }) => {
                let n = work.list("claims").len();
                let what = match format {
                    Format::Bundle => s.format_bundle,
                    Format::Csv => s.format_csv,
                    Format::ClaimReview => s.format_claimreview,
                    Format::FactCheckApi => s.format_api,
                };
                let text = (s.opened)(&names, what, n);
                drafts.start.emit((work, Step::Check, Some(Notice { error: false, text, details: notes })));
            }
            Ok(Opened::Article(text)) => {
                edit_pasted.emit(text);
                drafts.notice.emit(Some(Notice { error: false, text: (s.opened_article)(&names), details: vec![] }));
            }
            Err(e) => {
                // Nothing in the editor changes.
                drafts.notice.emit(Some(Notice {
                    error: true,
                    text: (s.open_failed)(&names),
                    details: e.lines().map(str::to_owned).collect(),
                }));
            }
        }
    });
}

#[function_component]
pub fn Start(p: &StartProps) -> Html {
    let edit = use_edit();
    let s = edit.s;
    let work = edit.work.clone();
    let article = |key: &'static str, label: &'static str, hint: Option<&'static str>| {
        let dispatch = edit.dispatch.clone();
        html! {
            <Field id={format!("article-{key}")} label={label} value={text_of(&work, Item::Article, key)}
                oninput={dispatch.reform(move |value| Action::Set { item: Item::Article, key, value })}
                problems={messages(&edit.problems, None, 0, key)} hint={hint.map(AttrValue::from)} />
        }
    };
    let on_paste_text = edit.dispatch.reform(Action::Paste);
    let oninput = on_value::<InputEvent>(on_paste_text.clone());
    // HTML copied from a CMS: its paragraphs, as text (nothing in it is kept as markup).
    let onpaste = {
        let d = edit.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
            let Some(html) =
                ce.clipboard_data().and_then(|c| c.get_data("text/html").ok()).filter(|h| !h.trim().is_empty())
            else {
                return;
            };
            let read = crate::extract::read(&html);
            if read.paragraphs.is_empty() {
                return;
            }
            let mut text = String::new();
            if let Some(t) = read.title {
                text += &t;
                text += "\n\n";
            }
            text += &read.paragraphs.join("\n\n");
            let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            e.prevent_default();
            let _ = area.set_range_text(&text);
            d.emit(Action::Paste(area.value()));
        })
    };
    let on_draft = {
        let (work, drafts) = (work.clone(), p.drafts.clone());
        Callback::from(move |_| match draft(&work, s) {
            Ok((new, said)) => drafts.start.emit((new, Step::Check, Some(said))),
            Err(e) => drafts.notice.emit(Some(Notice { error: true, text: e, details: vec![] })),
        })
    };
    let on_files = {
        let (drafts, pasted) = (p.drafts.clone(), on_paste_text.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            if let Some(files) = input.files() {
                open_files(files, pasted.clone(), drafts.clone(), s);
            }
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let (drafts, pasted) = (p.drafts.clone(), on_paste_text.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                open_files(files, pasted.clone(), drafts.clone(), s);
            }
        })
    };
    let on_empty = {
        let drafts = p.drafts.clone();
        Callback::from(move |_| drafts.start.emit((Work::empty(), Step::Check, None)))
    };
    let listed = p.drafts.list.iter().map(|d| {
        let title = if d.title.is_empty() { s.untitled.to_owned() } else { d.title.clone() };
        let open = {
            let (cb, id) = (p.drafts.open.clone(), d.id.clone());
            Callback::from(move |_| cb.emit(id.clone()))
        };
        let delete = {
            let (cb, id) = (p.drafts.delete.clone(), d.id.clone());
            Callback::from(move |_| cb.emit(id.clone()))
        };
        let when = d.updated.get(..16).unwrap_or(&d.updated).replace('T', " ");
        let here = d.id == p.drafts.current;
        html! {
            <li class="st-draft">
                <span class="st-draft-title" dir="auto">{ title.clone() }</span>
                <span class="st-draft-when">{ (s.saved_at)(&when) }{ if here { s.open_now } else { "" } }</span>
                <button type="button" class="st-button" onclick={open} aria-label={(s.open_named)(&title)} disabled={here}>{ s.open }</button>
                <button type="button" class="st-button st-button--quiet" onclick={delete} aria-label={(s.delete_named)(&title)}>{ s.delete }</button>
            </li>
        }
    });
    html! {
        // Files may be dropped anywhere on the step.
        <div class="st-start" {ondragover} {ondrop}>
            <section class="st-pane" aria-labelledby="st-paste-h">
                <h2 id="st-paste-h">{ s.paste_heading }</h2>
                <p class="st-help">{ s.paste_help }</p>
                <div class="st-field">
                    <label for="st-paste">{ s.paste_label }</label>
                    <textarea id="st-paste" class="st-paste" rows="12" value={work.pasted.clone()} {oninput} {onpaste} dir="auto" />
                </div>
                <fieldset class="st-details">
                    <legend>{ s.article_details }</legend>
                    { article("title", s.article_title, None) }
                    { article("url", s.article_url, None) }
                    { article("publisher", s.article_publisher, None) }
                    { article("published", s.article_published, Some(s.date_hint)) }
                    { article("language", s.article_language, Some(s.language_hint)) }
                </fieldset>
                <button type="button" class="st-button st-button--primary" onclick={on_draft}>{ s.draft }</button>
            </section>
            <section class="st-pane" aria-labelledby="st-open-h">
                <h2 id="st-open-h">{ s.open_heading }</h2>
                <p class="st-help">{ s.open_help }</p>
                <label class="st-button st-file" for="st-file">{ s.choose_files }</label>
                <input id="st-file" class="st-file-input" type="file" multiple=true accept=".json,.jsonld,.csv,.zip,.html,.htm,.txt" onchange={on_files} />
                <h2>{ s.empty_heading }</h2>
                <button type="button" class="st-button" onclick={on_empty}>{ s.start_empty }</button>
                <h2 id="st-drafts-h">{ s.drafts_heading }</h2>
                if p.drafts.list.is_empty() {
                    <p class="st-help">{ s.no_drafts }</p>
                } else {
                    <ul class="st-drafts" aria-labelledby="st-drafts-h">{ for listed }</ul>
                }
            </section>
        </div>
    }
}
