use crate::i18n::Strings;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    pub strings: &'static Strings,
}

/// Placeholder cards while the bundle loads (animated unless the reader
/// prefers reduced motion).
#[function_component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    html! {
        <div class="cc-skeleton" aria-busy="true">
            <p class="cc-visually-hidden" role="status">{ props.strings.loading }</p>
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
