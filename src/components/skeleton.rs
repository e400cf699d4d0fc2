use crate::i18n::Strings;
use yew::prelude::*;

/// Placeholder cards while the bundle loads (animated unless the reader
/// prefers reduced motion). Markup only, so a function rather than a component.
pub fn skeleton(strings: &Strings) -> Html {
    html! {
        <div class="cc-skeleton" aria-busy="true">
            <p class="cc-visually-hidden" role="status">{ strings.loading }</p>
            <div class="cc-skeleton-bar" aria-hidden="true"></div>
            <ul class="cc-list" aria-hidden="true">
                { for (0..3).map(|i| html! {
                    <li class="cc-card cc-card--placeholder" key={i}>
                        <div class="cc-ph cc-ph--avatar"></div>
                        <div class="cc-ph cc-ph--line"></div>
                        <div class="cc-ph cc-ph--line cc-ph--short"></div>
                    </li>
                }) }
            </ul>
        </div>
    }
}
