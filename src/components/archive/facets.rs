//! An archive's facet options (checkboxes with counts, estimates marked) and
//! the speaker type-ahead: an archive has thousands of speakers, so beyond
//! the most frequent ones a reader finds one by typing part of a name.

use super::strings::ArchiveStrings;
use crate::archive::session::{Action, FacetView, Opt};
use crate::archive::Facet;
use crate::i18n::Strings;
use crate::model::ClaimKind;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArchiveFacetProps {
    pub view: FacetView,
    /// The facet's values chosen now (the view may be of the choice before, its answer on the way).
    pub chosen: Vec<String>,
    pub dispatch: Callback<Action>,
    pub strings: &'static Strings,
    pub archive: &'static ArchiveStrings,
}

/// An option's label as the reader reads it: a kind in their language.
fn shown_label(s: &Strings, facet: Facet, label: &str) -> String {
    match (facet, ClaimKind::parse(label)) {
        (Facet::Kind, Some(k)) => (s.claim_kind)(k).to_owned(),
        _ => label.to_owned(),
    }
}

/// One facet as real checkboxes in a fieldset (the widget's markup and
/// classes); a count read from part of a long list is marked `≈` and said
/// as an estimate.
#[function_component]
pub fn ArchiveFacet(props: &ArchiveFacetProps) -> Html {
    let (s, a, f) = (props.strings, props.archive, &props.view);
    if f.options.is_empty() {
        return Html::default();
    }
    let name = f.facet.name();
    let items = f.options.iter().enumerate().map(|(i, o)| {
        let id = format!("cc-ar-{name}-{i}");
        let onchange = {
            let (facet, value) = (f.facet, o.id.clone());
            props.dispatch.reform(move |_: Event| Action::Toggle(facet, value.clone()))
        };
        let checked = props.chosen.contains(&o.id);
        let empty = o.count.unwrap_or(0) == 0 && !checked;
        let count_id = format!("{id}-n");
        let shown = o.count.map(|n| if f.exact { n.to_string() } else { format!("≈{n}") });
        let heard = o.count.map(|n| {
            let said = (s.count)(n as usize, n as usize);
            if f.exact {
                said
            } else {
                format!("{said} ({})", a.estimated_short)
            }
        });
        html! {
            <li key={o.id.clone()} class={classes!("cc-option", empty.then_some("is-empty"))}>
                <input type="checkbox" id={id.clone()} {checked} {onchange}
                    aria-describedby={heard.as_ref().map(|_| count_id.clone())} />
                <label for={id}>
                    <span class="cc-option-label" dir="auto">{ shown_label(s, f.facet, &o.label) }
                        if o.count.is_none() { <span class="cc-option-detail">{ a.not_in_archive }</span> }
                    </span>
                    if let Some(n) = shown { <span class="cc-count" aria-hidden="true">{ n }</span> }
                </label>
                if let Some(h) = heard { <span id={count_id} hidden=true>{ h }</span> }
            </li>
        }
    });
    html! {
        <fieldset class={classes!("cc-facet", format!("cc-facet--{name}"))}>
            <legend>{ a.facet(s, f.facet) }
                if !f.exact { <span class="cc-option-detail">{ " · " }{ a.estimated_short }</span> }
            </legend>
            <ul class="cc-options">{ for items }</ul>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct SpeakerFinderProps {
    pub archive: &'static ArchiveStrings,
    /// The type-ahead's answers for the text typed.
    pub suggestions: Rc<Vec<Opt>>,
    pub on_typed: Callback<String>,
    pub dispatch: Callback<Action>,
}

/// A search box for speakers, and the speakers it finds as buttons that add
/// one to the filter (a list of buttons rather than a combobox: each is
/// reached with Tab and said with its number of claims).
#[function_component]
pub fn SpeakerFinder(props: &SpeakerFinderProps) -> Html {
    let a = props.archive;
    let text = use_state(String::new);
    let input = use_node_ref();
    let oninput = {
        let (text, on_typed) = (text.clone(), props.on_typed.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            on_typed.emit(v.clone());
            text.set(v);
        })
    };
    let typed = !text.trim().is_empty();
    let found = props.suggestions.iter().map(|o| {
        let onclick = {
            let (dispatch, id, on_typed, text, input) =
                (props.dispatch.clone(), o.id.clone(), props.on_typed.clone(), text.clone(), input.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::Toggle(Facet::Speaker, id.clone()));
                text.set(String::new());
                on_typed.emit(String::new());
                if let Some(i) = input.cast::<HtmlInputElement>() {
                    i.set_value("");
                    let _ = i.focus();
                }
            })
        };
        let n = o.count.unwrap_or(0);
        html! {
            <li key={o.id.clone()}>
                <button type="button" class="cc-button cc-button--quiet cc-suggestion" {onclick}>
                    <span dir="auto">{ o.label.clone() }</span>
                    <span class="cc-count">{ n }<span class="cc-visually-hidden">{ a.claims_word }</span></span>
                </button>
            </li>
        }
    });
    html! {
        <div class="cc-facet cc-finder">
            <label for="cc-ar-find" class="cc-finder-label">{ a.find_speaker }</label>
            <input type="search" id="cc-ar-find" ref={input.clone()} placeholder={a.find_speaker_hint} autocomplete="off"
                spellcheck="false" value={(*text).clone()} {oninput} aria-describedby="cc-ar-find-n" />
            <p id="cc-ar-find-n" class="cc-visually-hidden" role="status">
                if typed && props.suggestions.is_empty() { { a.no_suggestion } }
            </p>
            if typed && !props.suggestions.is_empty() {
                <ul class="cc-suggestions">{ for found }</ul>
            } else if typed {
                <p class="cc-finder-none" aria-hidden="true">{ a.no_suggestion }</p>
            }
        </div>
    }
}
