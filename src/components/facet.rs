use crate::view::{Action, Facet, Selection};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// What one option of a facet shows: its value (id), label and detail. Made
/// once per loaded bundle and language; counts come from the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetOption {
    pub value: AttrValue,
    pub label: AttrValue,
    pub detail: Option<AttrValue>,
    /// False for a value no claim has — a source that only reviews claims (a
    /// fact-checker): not offered, since choosing it could only show nothing
    /// (shown when a link chose it anyway).
    pub listed: bool,
}

#[derive(Properties, PartialEq)]
pub struct FacetGroupProps {
    pub facet: Facet,
    pub legend: AttrValue,
    pub options: Rc<Vec<FacetOption>>,
    /// Gives the count of each option (by position in `options`).
    pub selection: Rc<Selection>,
    /// The chosen values of this facet.
    pub chosen: BTreeSet<String>,
    pub dispatch: Callback<Action>,
    /// Prefix that keeps ids unique when several widgets share a page.
    pub id_prefix: AttrValue,
    /// How many options to show before "Show all".
    #[prop_or(10)]
    pub collapsed_limit: usize,
    pub show_all_label: AttrValue,
    pub show_fewer_label: AttrValue,
    /// For an option's count as screen readers hear it ("3 claims"), and
    /// what a chosen value the bundle does not have is called.
    pub strings: &'static crate::i18n::Strings,
}

/// A facet as real checkboxes in a fieldset. Options that would yield no
/// claims are dimmed, not hidden, and stay operable. Collapsed, only the first
/// options and the chosen ones are rendered, so a bundle with hundreds of
/// speakers costs no more per interaction than one with ten.
#[function_component]
pub fn FacetGroup(props: &FacetGroupProps) -> Html {
    let expanded = use_state(|| false);
    let total = props.options.iter().filter(|o| o.listed).count();
    let limit = props.collapsed_limit;
    let counts = &props.selection.counts[props.facet];
    let visible = props
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.listed || props.chosen.contains(o.value.as_str()))
        .enumerate()
        .filter(|(shown, (_, o))| *expanded || *shown < limit || props.chosen.contains(o.value.as_str()))
        .map(|(_, option)| option);
    // Chosen values this bundle does not have (a link or an attribute named
    // them): shown ticked, so that the reader sees why nothing matches and can
    // untick them.
    let unknown: Vec<&String> =
        props.chosen.iter().filter(|v| !props.options.iter().any(|o| o.value.as_str() == v.as_str())).collect();
    if total == 0 && unknown.is_empty() {
        // A facet the bundle has nothing for (no topics, no reviews).
        return Html::default();
    }
    let option = |id: String, value: &str, label: Html, count: Option<usize>, checked: bool| {
        let onchange = {
            let (facet, value) = (props.facet, value.to_owned());
            props.dispatch.reform(move |_: Event| Action::Toggle(facet, value.clone()))
        };
        let empty = count.unwrap_or(0) == 0 && !checked;
        // The option is named by its label; its count is its description.
        let count_id = format!("{id}-n");
        html! {
            <li key={value.to_owned()} class={classes!("cc-option", empty.then_some("is-empty"))}>
                <input type="checkbox" id={id.clone()} {checked} {onchange}
                    aria-describedby={count.map(|_| count_id.clone())} />
                <label for={id}>
                    { label }
                    if let Some(n) = count { <span class="cc-count" aria-hidden="true">{ n }</span> }
                </label>
                if let Some(n) = count { <span id={count_id} hidden=true>{ (props.strings.count)(n, n) }</span> }
            </li>
        }
    };
    let items = visible.map(|(i, o)| {
        let label = html! {
            <span class="cc-option-label" dir="auto">{ o.label.clone() }
                if let Some(d) = &o.detail { <span class="cc-option-detail">{ d.clone() }</span> }
            </span>
        };
        let checked = props.chosen.contains(o.value.as_str());
        option(
            option_id(&props.id_prefix, props.facet, i, &o.value),
            &o.value,
            label,
            Some(counts.get(i).copied().unwrap_or(0)),
            checked,
        )
    });
    let unknown = unknown.into_iter().enumerate().map(|(i, value)| {
        let label = html! {
            <span class="cc-option-label" dir="auto">{ value.clone() }
                <span class="cc-option-detail">{ props.strings.not_in_bundle }</span>
            </span>
        };
        option(format!("{}-{}-~x{i}", props.id_prefix, props.facet.param()), value, label, None, true)
    });
    let toggle = (total > limit).then(|| {
        let expanded2 = expanded.clone();
        let onclick = Callback::from(move |_| expanded2.set(!*expanded2));
        let label = if *expanded { props.show_fewer_label.to_string() } else { format!("{} ({total})", props.show_all_label) };
        html! { <button type="button" class="cc-button cc-button--link" aria-expanded={(*expanded).to_string()} {onclick}>{ label }</button> }
    });
    html! {
        <fieldset class={classes!("cc-facet", format!("cc-facet--{}", props.facet.param()))}>
            <legend>{ props.legend.clone() }</legend>
            <ul class="cc-options">{ for items }{ for unknown }</ul>
            { for toggle }
        </fieldset>
    }
}

/// The id of an option's checkbox: `{prefix}-{facet}-{value}` when the value
/// is an id (speakers, sources, kinds, most topics), else
/// `{prefix}-{facet}-~{position}` — free text (a topic or a verdict with
/// spaces) is no element id, and `~` never occurs in one of ours.
pub fn option_id(prefix: &str, facet: crate::view::Facet, position: usize, value: &str) -> String {
    if crate::load::is_valid_id(value) {
        format!("{prefix}-{}-{value}", facet.param())
    } else {
        format!("{prefix}-{}-~{position}", facet.param())
    }
}
