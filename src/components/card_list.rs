use crate::components::card::Card;
use crate::components::more::More;
use crate::components::parts::{avatar, speaker_line};
use crate::components::Presentation;
use crate::dataset::Shared;
use crate::hooks::host::WidgetEvent;
use crate::hooks::window::{whole, STEP};
use crate::i18n::Strings;
use crate::view::{group_by_speaker, Selection};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardListProps {
    pub data: Shared,
    pub selection: Rc<Selection>,
    /// How many cards of the selection to render (the window).
    pub limit: usize,
    /// Group the cards by speaker.
    pub grouped: bool,
    /// Whether any filter or query is set (the empty state offers "Clear all").
    pub filtered: bool,
    /// Folded search words to highlight.
    pub words: Rc<Vec<String>>,
    pub strings: &'static Strings,
    /// Told of paragraph requests.
    pub on_event: Callback<WidgetEvent>,
    pub host_paragraphs: Rc<BTreeSet<u32>>,
    /// Render more cards (the end of the window came near).
    pub on_more: Callback<()>,
    pub on_clear: Callback<()>,
    pub look: Rc<Presentation>,
    /// The cards may stay the prerender's (see `Explorer`): on a server they
    /// are written as a region hydration does not walk, and in the browser
    /// that region is kept — not hydrated, not rendered — until this is
    /// false, when the cards are rendered in its place.
    #[prop_or_default]
    pub keep: bool,
    /// Live: false only while a server renders (it keeps regions for the
    /// browser and leaves out host paragraphs).
    #[prop_or(true)]
    pub live: bool,
}

/// The selected claims as a list of cards (or of speaker groups), the first
/// `limit` of them rendered and a "Show more" sentinel after them; or the
/// empty state.
#[function_component]
pub fn CardList(props: &CardListProps) -> Html {
    let live = props.live;
    let s = props.strings;
    let look = &props.look;
    // The card whose link was just copied, and what its button says now.
    let copied = use_state(|| None::<(String, &'static str)>);
    // The prerender's cards, kept until something would change them; once
    // rendered, the cards stay Yew's. A copy pressed on a kept card renders
    // the cards (its label changes) and puts focus back on that button.
    let kept = use_mut_ref(|| props.keep);
    let keep = *kept.borrow() && props.keep && copied.is_none();
    *kept.borrow_mut() = keep;
    let refocus = use_mut_ref(|| None::<String>);
    // Callbacks handed to every card are made once (not per render), so that
    // a card whose claim, highlight and state are unchanged is not re-rendered.
    let on_copy = {
        let copied = copied.setter();
        use_callback((s, look.share_url.clone()), move |id: String, (s, share)| {
            let (copied, s, share) = (copied.clone(), *s, share.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let link = crate::web::claim_link(share.as_deref(), &id);
                // Refused: the link goes to the address bar, to copy from there.
                let label = if crate::web::copy_text(&link).await {
                    s.link_copied
                } else {
                    let _ = gloo::utils::window().location().set_hash(&format!("claim-{id}"));
                    s.link_in_address_bar
                };
                copied.set(Some((id, label)));
            });
        })
    };
    let on_paragraph =
        use_callback(props.on_event.clone(), |p: u32, on_event| on_event.emit(WidgetEvent::Paragraph(p)));
    // "Show more" pressed (not reached by scrolling): focus moves to the first
    // new card, which is where the reader goes on.
    let list = use_node_ref();
    let focus_at = use_state(|| None::<usize>);
    let rendered_len = props.limit.min(props.selection.claims.len());
    {
        let (focus_at, list, selection, data) =
            (focus_at.clone(), list.clone(), props.selection.clone(), props.data.clone());
        use_effect_with(rendered_len, move |&len| {
            if let Some(at) = (*focus_at).filter(|&at| at < len) {
                let id = selection.claims.get(at).map(|&ci| data.bundle.claims[ci].id.as_str());
                if let (Some(id), Some(list)) = (id, list.cast::<web_sys::Element>()) {
                    if let Ok(Some(card)) = list.query_selector(&format!("[id=\"claim-{id}\"]")) {
                        if let Some(card) = card.dyn_ref::<web_sys::HtmlElement>() {
                            let _ = card.focus();
                        }
                    }
                }
                focus_at.set(None);
            }
        });
    }
    // Focus back on the copy button pressed on a kept card, now rendered.
    {
        let (refocus, list) = (refocus.clone(), list.clone());
        use_effect_with(keep, move |_| {
            let id = refocus.borrow_mut().take();
            if let (Some(id), Some(list)) = (id, list.cast::<web_sys::Element>()) {
                let button = list.query_selector(&format!("[id=\"claim-{id}\"] .cc-copy")).ok().flatten();
                if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = button.focus();
                }
            }
        });
    }
    let on_press = {
        let (focus_at, on_more) = (focus_at.clone(), props.on_more.clone());
        Callback::from(move |()| {
            focus_at.set(Some(rendered_len));
            on_more.emit(());
        })
    };
    // Said to screen readers when a link was copied (the button's own text changes too).
    let announce = html! {
        <p class="cc-announce cc-visually-hidden" role="status">{ copied.as_ref().map(|(_, label)| *label) }</p>
    };

    let bundle = &props.data.bundle;
    let shown = props.selection.claims.len();
    if bundle.claims.is_empty() {
        return html! { <div class="cc-empty"><p class="cc-empty-title">{ s.no_claims }</p></div> };
    }
    if shown == 0 {
        return html! {
            <div class="cc-empty">
                <p class="cc-empty-title">{ s.empty_title }</p>
                <p>{ s.empty_hint }</p>
                if props.filtered {
                    <button type="button" class="cc-button" onclick={props.on_clear.reform(|_| ())}>{ s.clear_all }</button>
                }
            </div>
        };
    }
    if keep && live {
        // The server's cards, adopted whole (one raw node; its HTML is never
        // read or written). Their copy buttons have no handlers of their own:
        // a click reaches this one.
        let onclick = {
            let (on_copy, refocus) = (on_copy.clone(), refocus.clone());
            Callback::from(move |e: MouseEvent| {
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let button = target.and_then(|t| t.closest(".cc-copy").ok().flatten());
                let card = button.and_then(|b| b.closest("[data-claim-id]").ok().flatten());
                if let Some(id) = card.and_then(|c| c.get_attribute("data-claim-id")) {
                    *refocus.borrow_mut() = Some(id.clone());
                    on_copy.emit(id);
                }
            })
        };
        return html! {
            <div class="cc-cards" ref={list} {onclick}>{ crate::components::kept(true, true, Html::default) }{ announce }</div>
        };
    }
    let card = |ci: usize, hide_speaker: bool| {
        let id = &bundle.claims[ci].id;
        html! {
            <Card key={id.clone()} data={props.data.clone()} claim={ci} words={props.words.clone()} strings={s}
                on_copy={on_copy.clone()} copied={copied.as_ref().filter(|(c, _)| c == id).map(|(_, label)| *label)} {hide_speaker}
                host_paragraphs={props.host_paragraphs.clone()} on_paragraph={on_paragraph.clone()} look={look.clone()} />
        }
    };
    let rendered = &props.selection.claims[..props.limit.min(shown)];
    // A short selection fills itself, frame by frame; a long one grows as the reader nears its end.
    let more = (rendered.len() < shown && !whole(&props.selection)).then(|| {
        let remaining = shown - rendered.len();
        html! {
            // (Ids never contain a space, so this key cannot clash with a card's or a group's.)
            <More key="more sentinel" {remaining} label={(s.show_more)(STEP.min(remaining), remaining)}
                on_more={props.on_more.clone()} {on_press} generation={props.limit} />
        }
    });
    let cards = if props.grouped {
        html! {
            <ul class="cc-groups">
                { for group_by_speaker(bundle, rendered).into_iter().map(|(sp, claims)| {
                    let speaker = &bundle.speakers[sp];
                    html! {
                        <li class="cc-group-item" key={speaker.id.clone()}>
                            <@{look.subheading()} class="cc-group-head">{ avatar(speaker) }<span class="cc-speaker" lang={look.lang()}>{ speaker_line(speaker, &props.words) }</span></@>
                            <ul class="cc-list">{ for claims.into_iter().map(|ci| card(ci, true)) }</ul>
                        </li>
                    }
                }) }
                { for more }
            </ul>
        }
    } else {
        html! { <ul class="cc-list">{ for rendered.iter().map(|&ci| card(ci, false)) }{ for more }</ul> }
    };
    if keep && !live {
        // A server's render: the cards, marked as the region to keep.
        return html! { <div class="cc-cards" ref={list}>{ crate::components::kept(true, false, || cards) }{ announce }</div> };
    }
    html! { <div class="cc-cards" ref={list}>{ cards }{ announce }</div> }
}
