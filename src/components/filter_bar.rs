use crate::components::facet::{FacetGroup, FacetOption};
use crate::components::{kept, Stage};
use crate::dataset::Shared;
use crate::i18n::Strings;
use crate::model::ClaimKind;
use crate::view::{Action, Facet, PerFacet, Selection, SortOrder, ViewState};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew::TargetCast;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub data: Shared,
    pub state: Rc<ViewState>,
    pub selection: Rc<Selection>,
    pub dispatch: Callback<Action>,
    pub strings: &'static Strings,
    pub id_prefix: AttrValue,
    /// The search box (the explorer moves focus there).
    pub search: NodeRef,
    /// The count line's words, repeated inside the Filters panel and in print.
    pub count: AttrValue,
    /// How much of the bar is still a prerender's, kept as it is (see
    /// `components::kept`): a take-over hydrates the rest, and renders the
    /// search box and tools, the first facet, then the others, a task later
    /// each, so that no task is long.
    #[prop_or_default]
    pub stage: Stage,
    /// Live: false only while a server renders (it keeps regions for the
    /// browser and leaves out host paragraphs).
    #[prop_or(true)]
    pub live: bool,
}

/// A callback for a form control's event that dispatches the action `make`
/// builds from the control (`T`: the input or select element).
pub fn on_control<E: TargetCast + 'static, T: JsCast + AsRef<web_sys::EventTarget> + 'static>(
    dispatch: &Callback<Action>,
    make: fn(T) -> Action,
) -> Callback<E> {
    dispatch.reform(move |e: E| make(e.target_unchecked_into()))
}

/// Search box, facets, sort and "Clear all". On narrow screens the facets sit
/// behind a disclosure button.
#[function_component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let s = props.strings;
    let open = use_state(|| false);
    let st = &props.state;
    let p = &props.id_prefix;
    let dispatch = &props.dispatch;

    // The options' labels are made once per bundle and language, not per
    // keystroke; and only once something shows them (a server's render, the
    // facets rendered in the server's place, a chosen value in the print
    // summary): not in a take-over's first, longest task.
    let live = props.live;
    let needed = !live || props.stage >= Stage::FirstFacet || st.chosen_count() > 0;
    let options = use_memo((props.data.clone(), s, needed), |(data, s, needed)| needed.then(|| facet_options(data, s)));
    let options = options.as_ref().as_ref();
    // The facets in `range` (of the bundle's facets, in order).
    let facets = |range: std::ops::Range<usize>| -> Html {
        options
            .into_iter()
            .flat_map(|o| o.iter())
            .enumerate()
            .filter(|(i, _)| range.contains(i))
            .map(|(_, (facet, options))| {
                html! {
                    <FacetGroup {facet} legend={s.facet(facet)} options={Rc::clone(options)} selection={props.selection.clone()}
                        chosen={st.chosen[facet].clone()} dispatch={dispatch.clone()} id_prefix={p.clone()}
                        show_all_label={s.show_all} show_fewer_label={s.show_fewer}
                        strings={s} />
                }
            })
            .collect()
    };
    let oninput = on_control(dispatch, |input: HtmlInputElement| Action::SetQuery(input.value()));
    let onsort = on_control(dispatch, |select: HtmlSelectElement| {
        Action::SetSort(SortOrder::parse(&select.value()).unwrap_or_default())
    });
    let ongroup = on_control(dispatch, |input: HtmlInputElement| Action::SetGrouped(input.checked()));
    let onclear = dispatch.reform(|_| Action::ClearAll);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let active = st.chosen_count();
    let panel_id = format!("{p}-filters");
    // For print: what the printed cards are ("3 of 17 claims · Speaker: Donald Trump · Search: “hamas”").
    let mut summary = props.count.to_string();
    for (facet, options) in options.into_iter().flat_map(|o| o.iter()) {
        for (i, v) in st.chosen[facet].iter().enumerate() {
            summary.push_str(if i == 0 { " · " } else { ", " });
            if i == 0 {
                summary.push_str(s.facet(facet));
                summary.push_str(": ");
            }
            summary.push_str(options.iter().find(|o| o.value.as_str() == v).map_or(v.as_str(), |o| o.label.as_str()));
        }
    }
    if !st.query.trim().is_empty() {
        summary.push_str(&format!(" · {}: “{}”", s.search_for, st.query.trim()));
    }

    let tools = || {
        html! {
            <>
                <div class="cc-search">
                    <label for={format!("{p}-q")}>{ s.search_label }</label>
                    <input type="search" id={format!("{p}-q")} value={st.query.clone()} placeholder={s.search_placeholder}
                        autocomplete="off" spellcheck="false" {oninput} ref={props.search.clone()} />
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
            </>
        }
    };

    html! {
        <div class="cc-filterbar" part="filters">
            { kept(props.stage < Stage::Tools, live, tools) }
            <div id={panel_id.clone()} class={classes!("cc-facets", (*open).then_some("is-open"))}>
                // On a phone the panel is long: the count is said here too, beside what changes it.
                <p class="cc-panel-count" aria-hidden="true">{ props.count.clone() }</p>
                { kept(props.stage < Stage::FirstFacet, live, || facets(0..1)) }
                { kept(props.stage < Stage::Settled, live, || facets(1..usize::MAX)) }
            </div>
            <p class="cc-print-summary">{ summary }</p>
        </div>
    }
}

/// Every facet's options (value, label, detail), in each facet's option order.
fn facet_options(data: &Shared, s: &Strings) -> PerFacet<Rc<Vec<FacetOption>>> {
    let b = &data.bundle;
    let option = |value: &str, label: String, detail: Option<&'static str>| FacetOption {
        value: AttrValue::from(value.to_owned()),
        label: AttrValue::from(label),
        detail: detail.map(AttrValue::Static),
        listed: true,
    };
    // Sources some claim came through (a reviewer alone is not one).
    let mut cited = vec![false; b.sources.len()];
    b.claims.iter().flat_map(|c| &c.sources).for_each(|&si| cited[si] = true);
    PerFacet::from_fn(|facet| {
        Rc::new(match facet {
            Facet::Speaker => b.speakers.iter().map(|sp| option(&sp.id, sp.name.clone(), None)).collect(),
            Facet::Source => b
                .sources
                .iter()
                .zip(&cited)
                .map(|(src, &cited)| FacetOption {
                    listed: cited,
                    ..option(&src.id, src.name.clone(), Some((s.source_kind)(src.kind)))
                })
                .collect(),
            Facet::Topic => b.topics.iter().map(|t| option(&t.id, t.label().into_owned(), None)).collect(),
            Facet::Kind => {
                ClaimKind::ALL.iter().map(|k| option(k.as_str(), (s.claim_kind)(*k).to_owned(), None)).collect()
            }
            Facet::Verdict => b.verdicts.iter().map(|v| option(v, v.clone(), None)).collect(),
        })
    })
}
