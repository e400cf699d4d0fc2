use crate::i18n::Strings;
use crate::problem::Problem;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub strings: &'static Strings,
    pub problems: Rc<Vec<Problem>>,
    pub skipped: usize,
}

/// A small, dismissible note for the page's owner when part of the bundle was
/// not shown; the details sit behind a disclosure so readers are not confused.
#[function_component]
pub fn Notice(props: &NoticeProps) -> Html {
    let dismissed = use_state(|| false);
    if *dismissed || props.problems.is_empty() {
        return html! {};
    }
    let s = props.strings;
    let summary = if props.skipped > 0 { (s.not_shown)(props.skipped) } else { (s.warnings)(props.problems.len()) };
    let dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_| dismissed.set(true))
    };
    html! {
        <aside class="cc-notice" part="notice" aria-label={summary.clone()}>
            <div class="cc-notice-head">
                <p class="cc-notice-summary">{ summary }</p>
                <button type="button" class="cc-button cc-button--quiet" onclick={dismiss}>{ s.dismiss }</button>
            </div>
            <details class="cc-notice-details">
                <summary>{ s.details }</summary>
                <ul>
                    { for props.problems.iter().map(|p| html! {
                        <li class={classes!(if p.is_error() { "is-error" } else { "is-warning" })}>{ p.to_string() }</li>
                    }) }
                </ul>
            </details>
        </aside>
    }
}
