use crate::i18n::Strings;
use yew::prelude::*;

/// Takes the widget's place when nothing can be shown: what failed (`url`)
/// and why (`reasons`: a fetch error or the loader's problems). Markup only,
/// so a function rather than a component.
pub fn error_card(strings: &Strings, url: &str, reasons: &[String]) -> Html {
    html! {
        <div class="cc-error" part="error" role="alert">
            <p class="cc-error-title">{ strings.load_failed }</p>
            <p class="cc-error-url"><code>{ url.to_owned() }</code></p>
            <ul class="cc-error-reasons">
                { for reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }
            </ul>
        </div>
    }
}
