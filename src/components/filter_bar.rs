use crate::components::facet::{FacetGroup, FacetOption};
use crate::dataset::Shared;
use crate::i18n::Strings;
use crate::model::ClaimKind;
use crate::view::{Action, Facet, Selection, SortOrder, ViewState};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub data: Shared,
    pub state: Rc<ViewState>,
    pub selection: Rc<Selection>,
    pub dispatch: Callback<Action>,
    pub strings: &'static Strings,
    pub id_prefix: AttrValue,
}

/// Search box, facets, sort and "Clear all". On narrow screens the facets sit
/// behind a disclosure button.
#[function_component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let s = props.strings;
    let open = use_state(|| false);
    let b = &props.data.bundle;
    let st = &props.state;
    let sel = &props.selection;
    let p = &props.id_prefix;

    let speakers: Vec<FacetOption> = b
        .speakers
        .iter()
        .enumerate()
        .map(|(i, sp)| FacetOption {
            value: sp.id.clone(),
            label: sp.name.clone(),
            detail: None,
            count: sel.speaker_counts.get(i).copied().unwrap_or(0),
            checked: st.speakers.contains(&sp.id),
        })
        .collect();
    let sources: Vec<FacetOption> = b
        .sources
        .iter()
        .enumerate()
        .map(|(i, src)| FacetOption {
            value: src.id.clone(),
            label: src.name.clone(),
            detail: Some((s.source_kind)(src.kind).to_owned()),
            count: sel.source_counts.get(i).copied().unwrap_or(0),
            checked: st.sources.contains(&src.id),
        })
        .collect();
    let topics: Vec<FacetOption> = props
        .data
        .index
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| FacetOption {
            value: t.clone(),
            label: t.replace('-', " "),
            detail: None,
            count: sel.topic_counts.get(i).copied().unwrap_or(0),
            checked: st.topics.contains(t),
        })
        .collect();
    let kinds: Vec<FacetOption> = ClaimKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| FacetOption {
            value: k.as_str().to_owned(),
            label: (s.claim_kind)(*k).to_owned(),
            detail: None,
            count: sel.kind_counts.get(i).copied().unwrap_or(0),
            checked: st.kinds.contains(k.as_str()),
        })
        .collect();

    let facet = |facet: Facet, legend: &'static str, options: Vec<FacetOption>| {
        html! {
            <FacetGroup {facet} {legend} {options} dispatch={props.dispatch.clone()} id_prefix={p.clone()}
                show_all_label={s.show_all} show_fewer_label={s.show_fewer} />
        }
    };

    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetQuery(input.value()));
        })
    };
    let onsort = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::SetSort(SortOrder::parse(&select.value()).unwrap_or_default()));
        })
    };
    let ongroup = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetGrouped(input.checked()));
        })
    };
    let onclear = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ClearAll))
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let active = Facet::ALL.iter().map(|f| st.facet(*f).len()).sum::<usize>();
    let panel_id = format!("{p}-filters");

    html! {
        <div class="cc-filterbar" part="filters">
            <div class="cc-search">
                <label for={format!("{p}-q")}>{ s.search_label }</label>
                <input type="search" id={format!("{p}-q")} value={st.query.clone()} placeholder={s.search_placeholder}
                    autocomplete="off" spellcheck="false" {oninput} />
            </div>
            <div class="cc-tools">
                <button type="button" class="cc-button cc-filters-toggle" aria-expanded={(*open).to_string()}
                    aria-controls={panel_id.clone()} onclick={ontoggle}>
                    { s.show_filters }
                    if active > 0 { <span class="cc-badge">{ active }</span> }
                </button>
                <div class="cc-sort">
                    <label for={format!("{p}-sort")}>{ s.sort_label }</label>
                    <select id={format!("{p}-sort")} onchange={onsort}>
                        { for SortOrder::ALL.iter().map(|o| html! {
                            <option value={o.as_str()} selected={*o == st.sort}>{ (s.sort_name)(*o) }</option>
                        }) }
                    </select>
                </div>
                <div class="cc-group">
                    <input type="checkbox" id={format!("{p}-group")} checked={st.grouped} onchange={ongroup} />
                    <label for={format!("{p}-group")}>{ s.group_by_speaker }</label>
                </div>
                <button type="button" class="cc-button cc-clear" onclick={onclear} disabled={!st.is_filtered()}>{ s.clear_all }</button>
            </div>
            <div id={panel_id} class={classes!("cc-facets", (*open).then_some("is-open"))}>
                { facet(Facet::Speaker, s.speakers, speakers) }
                { facet(Facet::Source, s.sources, sources) }
                { facet(Facet::Topic, s.topics, topics) }
                { facet(Facet::Kind, s.kinds, kinds) }
            </div>
        </div>
    }
}
