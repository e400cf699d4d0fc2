//! Every field of one claim: text, speaker, sources, kind, date, paragraph,
//! topics, context, and the review with its verdict — each with the
//! loader's problems under it.

use super::field::{Choice, Field};
use super::{messages, on_value, use_edit};
use crate::model::ClaimKind;
use crate::problem::List;
use crate::studio::doc::{str_of, CLAIMS, SOURCES, SPEAKERS};
use crate::studio::state::{is_unchecked, text_of, Action, Item};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClaimFormProps {
    pub index: usize,
}

#[function_component]
pub fn ClaimForm(p: &ClaimFormProps) -> Html {
    let edit = use_edit();
    let (s, i, work) = (edit.s, p.index, edit.work.clone());
    let w = s.widget();
    let new_topic = use_state(String::new);
    let Some(claim) = work.list(CLAIMS).get(i) else { return Html::default() };
    let id = |k: &str| format!("st-c{i}-{k}");
    let said = |k: &str| messages(&edit.problems, Some(List::Claims), i, k);
    let field = |item: Item, key: &'static str, label: &'static str, multiline: bool, hint: Option<&'static str>| {
        let d = edit.dispatch.clone();
        let problems = match item {
            Item::Review(_) => said(&format!("review.{key}")),
            _ => said(key),
        };
        html! {
            <Field id={id(&format!("{}{key}", if matches!(item, Item::Review(_)) { "r-" } else { "" }))} {label}
                value={text_of(&work, item, key)} {multiline} {problems} hint={hint.map(AttrValue::from)}
                oninput={d.reform(move |value| Action::Set { item, key, value })} />
        }
    };
    let speakers: Vec<(AttrValue, AttrValue)> = work
        .list(SPEAKERS)
        .iter()
        .map(|sp| {
            let name = str_of(sp, "name");
            let label = if name.is_empty() { str_of(sp, "id").to_owned() } else { name.to_owned() };
            (AttrValue::from(str_of(sp, "id").to_owned()), AttrValue::from(label))
        })
        .collect();
    let sources: Vec<(String, String)> = work
        .list(SOURCES)
        .iter()
        .map(|so| {
            (
                str_of(so, "id").to_owned(),
                if str_of(so, "name").is_empty() { str_of(so, "id").to_owned() } else { str_of(so, "name").to_owned() },
            )
        })
        .collect();
    let cited: Vec<&str> = claim
        .get("sources")
        .and_then(|v| v.as_array())
        .map_or(Vec::new(), |a| a.iter().filter_map(|v| v.as_str()).collect());
    let kinds: Vec<(AttrValue, AttrValue)> =
        ClaimKind::ALL.iter().map(|k| (AttrValue::from(k.as_str()), AttrValue::from((w.claim_kind)(*k)))).collect();
    let set = |item: Item, key: &'static str| edit.dispatch.reform(move |value| Action::Set { item, key, value });
    let source_boxes = sources.iter().map(|(sid, name)| {
        let on = cited.contains(&sid.as_str());
        let toggle = {
            let (d, sid) = (edit.dispatch.clone(), sid.clone());
            Callback::from(move |_| d.emit(Action::ToggleSource { claim: i, source: sid.clone() }))
        };
        let box_id = format!("st-c{i}-src-{sid}");
        html! {
            <div class="st-check-item">
                <input type="checkbox" id={box_id.clone()} checked={on} onchange={toggle} />
                <label for={box_id} dir="auto">{ name.clone() }</label>
            </div>
        }
    });
    let topics: Vec<String> = claim
        .get("topics")
        .and_then(|v| v.as_array())
        .map_or(Vec::new(), |a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect());
    let chips = topics.iter().map(|t| {
        let remove = {
            let (d, t) = (edit.dispatch.clone(), t.clone());
            Callback::from(move |_| d.emit(Action::RemoveTopic { claim: i, topic: t.clone() }))
        };
        html! { <li class="st-chip"><span dir="auto">{ t.clone() }</span><button type="button" class="st-chip-x" onclick={remove} aria-label={(s.remove_topic)(t)}>{ "×" }</button></li> }
    });
    let add_topic = {
        let (d, new_topic) = (edit.dispatch.clone(), new_topic.clone());
        move || {
            if !new_topic.trim().is_empty() {
                d.emit(Action::AddTopic { claim: i, topic: (*new_topic).clone() });
                new_topic.set(String::new());
            }
        }
    };
    let on_topic_key = {
        let add = add_topic.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                add();
            }
        })
    };
    let on_topic_input = {
        let new_topic = new_topic.clone();
        on_value(Callback::from(move |v| new_topic.set(v)))
    };
    let mut reviewers: Vec<(AttrValue, AttrValue)> = vec![(AttrValue::from(""), AttrValue::from(s.none))];
    reviewers.extend(sources.iter().map(|(a, b)| (AttrValue::from(a.clone()), AttrValue::from(b.clone()))));
    let item_said = said("");
    html! {
        <div class="st-form">
            { for item_said.iter().map(|m| html! { <p class="st-said">{ m.clone() }</p> }) }
            { field(Item::Claim(i), "text", s.claim_text, true, None) }
            <Choice id={id("speaker")} label={s.claim_speaker} value={text_of(&work, Item::Claim(i), "speaker")} options={speakers}
                onchange={set(Item::Claim(i), "speaker")} problems={said("speaker")} />
            <fieldset class="st-group">
                <legend>{ s.claim_sources }</legend>
                { for source_boxes }
                { for said("sources").iter().map(|m| html! { <p class="st-said">{ m.clone() }</p> }) }
            </fieldset>
            <Choice id={id("kind")} label={s.claim_kind} value={text_of(&work, Item::Claim(i), "kind")} options={kinds}
                onchange={set(Item::Claim(i), "kind")} problems={said("kind")} />
            { field(Item::Claim(i), "date", s.claim_date, false, Some(s.date_hint)) }
            { field(Item::Claim(i), "paragraph", s.claim_paragraph, false, None) }
            <fieldset class="st-group">
                <legend>{ s.claim_topics }</legend>
                if !topics.is_empty() { <ul class="st-chips">{ for chips }</ul> }
                <label for={id("new-topic")}>{ s.new_topic }</label>
                <div class="st-inline">
                    <input id={id("new-topic")} value={(*new_topic).clone()} oninput={on_topic_input} onkeydown={on_topic_key} />
                    <button type="button" class="st-button" onclick={move |_| add_topic()}>{ s.add_topic }</button>
                </div>
                { for said("topics").iter().map(|m| html! { <p class="st-said">{ m.clone() }</p> }) }
            </fieldset>
            { field(Item::Claim(i), "context", s.claim_context, true, None) }
            <fieldset class="st-group">
                <legend>{ s.review }</legend>
                { field(Item::Review(i), "rating", s.review_rating, false, Some(s.review_rating_hint)) }
                <div class="st-row3">
                    { field(Item::Review(i), "value", s.review_value, false, None) }
                    { field(Item::Review(i), "best", s.review_best, false, None) }
                    { field(Item::Review(i), "worst", s.review_worst, false, None) }
                </div>
                <Choice id={id("r-reviewer")} label={s.review_reviewer} value={text_of(&work, Item::Review(i), "reviewer")} options={reviewers}
                    onchange={set(Item::Review(i), "reviewer")} problems={said("review.reviewer")} />
                { field(Item::Review(i), "url", s.review_url, false, None) }
                { field(Item::Review(i), "date", s.review_date, false, Some(s.date_hint)) }
            </fieldset>
            <div class="st-inline">
                if is_unchecked(claim) {
                    <button type="button" class="st-button st-button--primary" onclick={edit.dispatch.reform(move |_| Action::Accept(i))}>{ s.accept }</button>
                }
                <button type="button" class="st-button st-button--quiet" onclick={edit.dispatch.reform(move |_| Action::Reject(i))}>{ s.remove_claim }</button>
                <button type="button" class="st-button st-button--quiet" onclick={edit.dispatch.reform(|_| Action::Select(None))}>{ s.close }</button>
            </div>
        </div>
    }
}
