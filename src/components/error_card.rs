use crate::failure::Failure;
use crate::i18n::Strings;
use yew::prelude::*;

/// Takes the widget's place when nothing can be shown: what happened, in the
/// reader's words; a Retry button where trying again can help (`on_retry`);
/// and, behind a disclosure, for the page's owner, the address and the
/// details (a fetch error or the loader's problems). Markup only, so a
/// function rather than a component.
pub fn error_card(
    strings: &Strings,
    url: &str,
    failure: &Failure,
    reasons: &[String],
    on_retry: Option<Callback<MouseEvent>>,
) -> Html {
    html! {
        <div class="cc-error" part="error" role="alert">
            <p class="cc-error-title">{ strings.load_failed }</p>
            <p class="cc-error-why">{ (strings.failure)(failure) }</p>
            // Refused is final: trying again cannot help.
            if let (Some(onclick), false) = (on_retry, matches!(failure, Failure::Refused(_))) {
                <button type="button" class="cc-button cc-retry" {onclick}>{ strings.retry }</button>
            }
            <details class="cc-error-details">
                <summary>{ strings.details }</summary>
                <p class="cc-error-url"><code>{ url.to_owned() }</code></p>
                <ul class="cc-error-reasons">
                    { for reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }
                </ul>
            </details>
        </div>
    }
}
