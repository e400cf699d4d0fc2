//! The article as drafted, sentence by sentence: the selected claim's words
//! and cue marked; a sentence chosen offers "add a claim from this".

use super::use_edit;
use crate::studio::state::{Action, Marks};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The selected claim's place: paragraph (from 0), its words' and cue's byte ranges.
    pub marks: Option<Marks>,
}

/// The pieces of `text[a..b]`, each marked with the class of the range holding it.
fn pieces(text: &str, a: usize, b: usize, marks: &[(usize, usize, &'static str)]) -> Html {
    let mut cuts = vec![a, b];
    for &(s, e, _) in marks {
        cuts.extend([s.clamp(a, b), e.clamp(a, b)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let parts = cuts.windows(2).filter_map(|w| {
        let piece = text.get(w[0]..w[1])?;
        let class = marks.iter().find(|(s, e, _)| *s <= w[0] && w[1] <= *e).map(|m| m.2);
        Some(match class {
            Some(c) => html! { <mark class={c}>{ piece }</mark> },
            None => html! { { piece } },
        })
    });
    parts.collect::<Html>()
}

#[function_component]
pub fn Article(p: &ArticleProps) -> Html {
    let edit = use_edit();
    let s = edit.s;
    let chosen = use_state(|| None::<(usize, usize, usize)>);
    // The selected claim's paragraph is brought into view.
    {
        let para = p.marks.as_ref().map(|m| m.0);
        use_effect_with(para, move |para| {
            if let Some(el) = para.and_then(|n| gloo::utils::document().get_element_by_id(&format!("st-p-{n}"))) {
                let o = web_sys::ScrollIntoViewOptions::new();
                o.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&o);
            }
        });
    }
    if edit.work.paragraphs.is_empty() {
        return html! { <p class="st-help">{ s.no_article }</p> };
    }
    let paragraphs = edit.work.paragraphs.iter().enumerate().map(|(n, text)| {
        let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
        if let Some((pn, words, cue)) = &p.marks {
            if *pn == n {
                marks.extend(words.iter().map(|&(a, b)| (a, b, "st-mark-words")));
                if let Some((a, b)) = cue {
                    marks.push((*a, *b, "st-mark-cue"));
                }
            }
        }
        let sentences = crate::extract::sentences(text).into_iter().enumerate().map(|(i, st)| {
            let on = chosen.as_ref().is_some_and(|c| c.0 == n && c.1 == st.start);
            let onclick = {
                let chosen = chosen.clone();
                let me = (n, st.start, st.end);
                Callback::from(move |_| chosen.set(if on { None } else { Some(me) }))
            };
            html! {
                <>
                    if i > 0 { { " " } }
                    <button type="button" class="st-sentence" aria-pressed={on.to_string()} {onclick}>{ pieces(text, st.start, st.end, &marks) }</button>
                </>
            }
        });
        let offer = chosen.filter(|c| c.0 == n).map(|(pn, start, end)| {
            let add = {
                let (d, chosen) = (edit.dispatch.clone(), chosen.clone());
                Callback::from(move |_| {
                    d.emit(Action::AddFromSentence { paragraph: pn, start, end });
                    chosen.set(None);
                })
            };
            let cancel = {
                let chosen = chosen.clone();
                Callback::from(move |_| chosen.set(None))
            };
            html! {
                <div class="st-offer">
                    <button type="button" class="st-button st-button--primary" onclick={add}>{ s.add_from_sentence }</button>
                    <button type="button" class="st-button st-button--quiet" onclick={cancel}>{ s.cancel }</button>
                </div>
            }
        });
        html! {
            <div class="st-para" id={format!("st-p-{n}")}>
                <span class="st-para-n" aria-hidden="true">{ n + 1 }</span>
                <p dir="auto"><span class="st-visually-hidden">{ (s.paragraph_n)(n + 1) }</span>{ for sentences }</p>
                { offer.unwrap_or_default() }
            </div>
        }
    });
    html! { <div class="st-article-text">{ for paragraphs }</div> }
}
