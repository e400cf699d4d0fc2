use crate::view::{Action, Facet};
use yew::prelude::*;

/// One option of a facet: its value (id), label and count.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub detail: Option<String>,
    pub count: usize,
    pub checked: bool,
}

#[derive(Properties, PartialEq)]
pub struct FacetGroupProps {
    pub facet: Facet,
    pub legend: AttrValue,
    pub options: Vec<FacetOption>,
    pub dispatch: Callback<Action>,
    /// Prefix that keeps ids unique when several widgets share a page.
    pub id_prefix: AttrValue,
    /// How many options to show before "Show all".
    #[prop_or(10)]
    pub collapsed_limit: usize,
    pub show_all_label: AttrValue,
    pub show_fewer_label: AttrValue,
}

/// A facet as real checkboxes in a fieldset. Options that would yield no
/// claims are dimmed, not hidden, and stay operable.
#[function_component]
pub fn FacetGroup(props: &FacetGroupProps) -> Html {
    let expanded = use_state(|| false);
    let total = props.options.len();
    let limit = props.collapsed_limit;
    // Chosen options always stay visible, even when collapsed.
    let visible =
        props.options.iter().enumerate().filter(|(i, o)| *expanded || *i < limit || o.checked).map(|(_, o)| o);
    let items = visible.map(|o| {
        let id = format!("{}-{}-{}", props.id_prefix, props.facet.param(), o.value);
        let onchange = {
            let dispatch = props.dispatch.clone();
            let facet = props.facet;
            let value = o.value.clone();
            Callback::from(move |_: Event| dispatch.emit(Action::Toggle(facet, value.clone())))
        };
        let empty = o.count == 0 && !o.checked;
        html! {
            <li key={o.value.clone()} class={classes!("cc-option", empty.then_some("is-empty"))}>
                <input type="checkbox" id={id.clone()} checked={o.checked} {onchange} />
                <label for={id}>
                    <span class="cc-option-label" dir="auto">{ o.label.clone() }
                        if let Some(d) = &o.detail { <span class="cc-option-detail">{ d.clone() }</span> }
                    </span>
                    <span class="cc-count">{ o.count }</span>
                </label>
            </li>
        }
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
            <ul class="cc-options">{ for items }</ul>
            { for toggle }
        </fieldset>
    }
}
