use crate::i18n::Strings;
use crate::problem::Problem;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorCardProps {
    pub strings: &'static Strings,
    pub url: AttrValue,
    /// Why: a fetch error or the loader's problems.
    pub reasons: Vec<String>,
}

impl ErrorCardProps {
    pub fn reasons_of(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }
}

/// Takes the widget's place when nothing can be shown: what failed and where.
#[function_component]
pub fn ErrorCard(props: &ErrorCardProps) -> Html {
    html! {
        <div class="cc-error" part="error" role="alert">
            <p class="cc-error-title">{ props.strings.load_failed }</p>
            <p class="cc-error-url"><code>{ props.url.clone() }</code></p>
            <ul class="cc-error-reasons">
                { for props.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }
            </ul>
        </div>
    }
}
