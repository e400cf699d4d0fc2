//! Speakers and sources as lists to manage — rename, set role, affiliation,
//! image or URL and kind, merge two into one, remove one no claim uses —
//! and the topics' labels.

use super::field::{Choice, Field};
use super::{messages, on_value, use_edit};
use crate::model::{SourceKind, SpeakerKind};
use crate::problem::List;
use crate::studio::doc::{str_of, SOURCES, SPEAKERS};
use crate::studio::state::{text_of, Action, Item};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Which {
    Speakers,
    Sources,
}

#[derive(Properties, PartialEq)]
struct ListProps {
    which: Which,
}

#[function_component]
fn Items(p: &ListProps) -> Html {
    let edit = use_edit();
    let (s, work) = (edit.s, edit.work.clone());
    let w = s.widget();
    let (name, list) = match p.which {
        Which::Speakers => (SPEAKERS, List::Speakers),
        Which::Sources => (SOURCES, List::Sources),
    };
    let items = work.list(name);
    let labels: Vec<String> =
        items
            .iter()
            .map(|it| {
                if str_of(it, "name").is_empty() {
                    str_of(it, "id").to_owned()
                } else {
                    str_of(it, "name").to_owned()
                }
            })
            .collect();
    let merge_into = use_state(Vec::<Option<usize>>::new);
    let rows = items.iter().enumerate().map(|(i, it)| {
        let item = match p.which {
            Which::Speakers => Item::Speaker(i),
            Which::Sources => Item::Source(i),
        };
        let prefix = format!("st-{name}-{i}");
        let said = |k: &str| messages(&edit.problems, Some(list), i, k);
        let field = |key: &'static str, label: &'static str| {
            let d = edit.dispatch.clone();
            html! { <Field id={format!("{prefix}-{key}")} {label} value={text_of(&work, item, key)} problems={said(key)}
                oninput={d.reform(move |value| Action::Set { item, key, value })} /> }
        };
        let id = str_of(it, "id");
        let uses = match p.which {
            Which::Speakers => work.speaker_uses(id),
            Which::Sources => work.source_uses(id),
        };
        let kinds: Vec<(AttrValue, AttrValue)> = match p.which {
            Which::Speakers => SpeakerKind::ALL.iter().map(|k| (AttrValue::from(k.as_str()), AttrValue::from(s.speaker_kind(*k)))).collect(),
            Which::Sources => SourceKind::ALL.iter().map(|k| (AttrValue::from(k.as_str()), AttrValue::from((w.source_kind)(*k)))).collect(),
        };
        let on_kind = edit.dispatch.reform(move |value| Action::Set { item, key: "kind", value });
        let target = merge_into.get(i).copied().flatten();
        let options = labels.iter().enumerate().filter(|(j, _)| *j != i).map(|(j, l)| {
            html! { <option value={j.to_string()} selected={target == Some(j)}>{ l.clone() }</option> }
        });
        let on_target = {
            let merge_into = merge_into.clone();
            on_value(Callback::from(move |value: String| {
                let mut v = (*merge_into).clone();
                v.resize(v.len().max(i + 1), None);
                v[i] = value.parse().ok();
                merge_into.set(v);
            }))
        };
        let merge = {
            let (d, which, merge_into) = (edit.dispatch.clone(), p.which, merge_into.clone());
            Callback::from(move |_| {
                if let Some(into) = target {
                    d.emit(match which {
                        Which::Speakers => Action::MergeSpeakers { from: i, into },
                        Which::Sources => Action::MergeSources { from: i, into },
                    });
                    merge_into.set(Vec::new());
                }
            })
        };
        let remove = edit.dispatch.reform(move |_| match p_which(item) {
            Which::Speakers => Action::RemoveSpeaker(i),
            Which::Sources => Action::RemoveSource(i),
        });
        let label = &labels[i];
        html! {
            <li class="st-person" key={format!("{i}-{id}")}>
                <fieldset>
                    <legend dir="auto">{ label.clone() }<span class="st-uses">{ (s.uses)(uses) }</span></legend>
                    { for said("").iter().map(|m| html! { <p class="st-said">{ m.clone() }</p> }) }
                    { field("name", s.name) }
                    if p.which == Which::Speakers {
                        { field("role", s.role) }
                        { field("affiliation", s.affiliation) }
                        { field("image", s.image) }
                    } else {
                        { field("url", s.url) }
                    }
                    <Choice id={format!("{prefix}-kind")} label={s.kind} value={text_of(&work, item, "kind")} options={kinds} onchange={on_kind} problems={said("kind")} />
                    if labels.len() > 1 {
                        <div class="st-inline">
                            <label for={format!("{prefix}-merge")}>{ (s.merge_label)(label) }</label>
                            <select id={format!("{prefix}-merge")} onchange={on_target}>
                                <option value="" selected={target.is_none()}>{ s.choose }</option>
                                { for options }
                            </select>
                            <button type="button" class="st-button" onclick={merge} disabled={target.is_none()}>{ s.merge }</button>
                        </div>
                    }
                    if uses == 0 {
                        <p class="st-help">{ s.unused }
                            <button type="button" class="st-button st-button--quiet" onclick={remove} aria-label={(s.remove_named)(label)}>{ s.remove }</button>
                        </p>
                    }
                </fieldset>
            </li>
        }
    });
    let add = edit.dispatch.reform(move |_| if name == SPEAKERS { Action::AddSpeaker } else { Action::AddSource });
    html! {
        <>
            <ul class="st-people">{ for rows }</ul>
            <button type="button" class="st-button" onclick={add}>{ if name == SPEAKERS { s.add_speaker } else { s.add_source } }</button>
        </>
    }
}

fn p_which(item: Item) -> Which {
    if matches!(item, Item::Speaker(_)) {
        Which::Speakers
    } else {
        Which::Sources
    }
}

#[function_component]
pub fn People() -> Html {
    let edit = use_edit();
    let s = edit.s;
    let topics = edit.work.topics();
    let rows = topics.iter().enumerate().map(|(i, (id, label))| {
        let topic = id.clone();
        let oninput = edit.dispatch.reform(move |label| Action::LabelTopic { topic: topic.clone(), label });
        html! { <li><Field id={format!("st-topic-{i}")} label={(s.topic_label)(id)} value={label.clone()} {oninput} /></li> }
    });
    html! {
        <div class="st-check">
            <section class="st-pane" aria-labelledby="st-speakers-h">
                <h2 id="st-speakers-h">{ s.speakers_heading }</h2>
                <Items which={Which::Speakers} />
            </section>
            <section class="st-pane" aria-labelledby="st-sources-h">
                <h2 id="st-sources-h">{ s.sources_heading }</h2>
                <Items which={Which::Sources} />
                <h2 id="st-topics-h">{ s.topics_heading }</h2>
                if topics.is_empty() { <p class="st-help">{ s.no_topics }</p> } else { <ul class="st-topics">{ for rows }</ul> }
            </section>
        </div>
    }
}
