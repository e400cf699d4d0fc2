//! Check: the article on one side, the claims on the other; each draft
//! accepted or rejected, each claim opened to edit.

use super::article::Article;
use super::claim_form::ClaimForm;
use super::{messages, use_edit};
use crate::problem::List;
use crate::studio::doc::{str_of, CLAIMS, SPEAKERS};
use crate::studio::state::{confidence, evidence_of, is_unchecked, Action};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub selected: Option<usize>,
}

/// A claim's words, shortened for a list.
fn excerpt(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 140 {
        t.to_owned()
    } else {
        format!("{}…", t.chars().take(139).collect::<String>())
    }
}

#[function_component]
pub fn Check(p: &CheckProps) -> Html {
    let edit = use_edit();
    let s = edit.s;
    let work = &edit.work;
    let claims = work.list(CLAIMS);
    let speakers = work.list(SPEAKERS);
    let unchecked = claims.iter().filter(|c| is_unchecked(c)).count();
    let marks = p.selected.and_then(|i| claims.get(i)).and_then(|c| evidence_of(work, c));
    let rows = claims.iter().enumerate().map(|(i, c)| {
        let open = p.selected == Some(i);
        let who = speakers.iter().find(|sp| str_of(sp, "id") == str_of(c, "speaker")).map_or(str_of(c, "speaker"), |sp| str_of(sp, "name"));
        let text = excerpt(str_of(c, "text"));
        let shown = if text.is_empty() { s.no_text.to_owned() } else { text.clone() };
        let draft = is_unchecked(c);
        let status = match (draft, confidence(c), c.get("evidence").is_some()) {
            (true, Some(conf), _) => (s.draft_confidence)((conf * 100.0).round() as u32),
            (true, None, _) => s.draft_label.to_owned(),
            (false, _, true) => s.checked_label.to_owned(),
            (false, _, false) => String::new(),
        };
        let errors: usize = edit
            .problems
            .iter()
            .filter(|pr| pr.is_error() && matches!(&pr.place, crate::problem::Place::Item { list: List::Claims, index, .. } if *index == i))
            .count();
        let pick = edit.dispatch.reform(move |_| Action::Select(if open { None } else { Some(i) }));
        let accept = edit.dispatch.reform(move |_| Action::Accept(i));
        let reject = edit.dispatch.reform(move |_| Action::Reject(i));
        html! {
            <li class={classes!("st-claim", draft.then_some("st-claim--draft"), open.then_some("st-claim--open"))} key={format!("{i}-{}", str_of(c, "id"))}>
                <div class="st-claim-row">
                    <button type="button" class="st-claim-pick" onclick={pick} aria-expanded={open.to_string()} aria-controls={format!("st-claim-{i}")}>
                        <span class="st-claim-text" dir="auto">{ shown }</span>
                        <span class="st-claim-meta"><span dir="auto">{ who.to_owned() }</span>
                            if !status.is_empty() { { " · " }<span class="st-claim-status">{ status }</span> }
                            if errors > 0 { { " · " }<span class="st-claim-errors">{ (s.errors_n)(errors) }</span> }
                        </span>
                    </button>
                    if draft {
                        <button type="button" class="st-button" onclick={accept} aria-label={(s.accept_named)(&text)}>{ s.accept }</button>
                        <button type="button" class="st-button st-button--quiet" onclick={reject} aria-label={(s.reject_named)(&text)}>{ s.reject }</button>
                    }
                </div>
                if open {
                    <div id={format!("st-claim-{i}")}><ClaimForm index={i} /></div>
                }
            </li>
        }
    });
    let general = messages(&edit.problems, None, 0, "");
    html! {
        <div class="st-check">
            <section class="st-pane st-article" aria-labelledby="st-article-h">
                <h2 id="st-article-h">{ s.article_heading }</h2>
                <p class="st-help">{ s.article_help }</p>
                <Article {marks} />
            </section>
            <section class="st-pane st-claims" aria-labelledby="st-claims-h">
                <h2 id="st-claims-h">{ (s.claims_heading)(claims.len(), unchecked) }</h2>
                { for general.iter().map(|m| html! { <p class="st-said">{ m.clone() }</p> }) }
                <ol class="st-claim-list">{ for rows }</ol>
                <button type="button" class="st-button" onclick={edit.dispatch.reform(|_| Action::AddClaim)}>{ s.add_claim }</button>
            </section>
        </div>
    }
}
