//! A labelled text field with the loader's problems under it.

use super::on_value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub problems: Vec<String>,
    /// What the field takes ("YYYY-MM-DD"), said with its label.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub lang: Option<AttrValue>,
}

#[function_component]
pub fn Field(p: &FieldProps) -> Html {
    let said = format!("{}-said", p.id);
    let hint_id = format!("{}-hint", p.id);
    let describedby = match (p.problems.is_empty(), p.hint.is_some()) {
        (false, true) => Some(format!("{hint_id} {said}")),
        (false, false) => Some(said.clone()),
        (true, true) => Some(hint_id.clone()),
        (true, false) => None,
    };
    let invalid = (!p.problems.is_empty()).then_some("true");
    let oninput = on_value(p.oninput.clone());
    html! {
        <div class={classes!("st-field", (!p.problems.is_empty()).then_some("st-field--problem"))}>
            <label for={p.id.clone()}>{ p.label.clone() }
                if let Some(h) = &p.hint { <span class="st-hint" id={hint_id}>{ h.clone() }</span> }
            </label>
            if p.multiline {
                <textarea id={p.id.clone()} value={p.value.clone()} {oninput} rows="3" aria-describedby={describedby} aria-invalid={invalid} lang={p.lang.clone()} dir="auto" />
            } else {
                <input id={p.id.clone()} type={p.kind.clone()} value={p.value.clone()} {oninput} aria-describedby={describedby} aria-invalid={invalid} lang={p.lang.clone()} dir="auto" />
            }
            if !p.problems.is_empty() {
                <ul class="st-said" id={said}>
                    { for p.problems.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}

/// A labelled select of `(value, label)` options.
#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub options: Vec<(AttrValue, AttrValue)>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub problems: Vec<String>,
}

#[function_component]
pub fn Choice(p: &ChoiceProps) -> Html {
    let said = format!("{}-said", p.id);
    let onchange = on_value(p.onchange.clone());
    let known = p.options.iter().any(|(v, _)| *v == p.value);
    html! {
        <div class={classes!("st-field", (!p.problems.is_empty()).then_some("st-field--problem"))}>
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <select id={p.id.clone()} {onchange} aria-describedby={(!p.problems.is_empty()).then(|| said.clone())}>
                if !known {
                    <option value={p.value.clone()} selected=true>{ if p.value.is_empty() { "—".to_owned() } else { p.value.to_string() } }</option>
                }
                { for p.options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == p.value}>{ l.clone() }</option> }) }
            </select>
            if !p.problems.is_empty() {
                <ul class="st-said" id={said}>{ for p.problems.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
            }
        </div>
    }
}
