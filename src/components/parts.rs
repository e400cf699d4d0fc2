//! Small pieces of markup shared by cards and speaker groups: text with
//! its search matches marked, a speaker's avatar and name line, a claim's
//! verdict.

use crate::i18n::Strings;
use crate::model::{Bundle, Review, Speaker};
use crate::text::highlight;
use yew::prelude::*;

/// Text with the search matches wrapped in `<mark>`.
pub fn marked(text: &str, words: &[String]) -> Html {
    if words.is_empty() {
        return html! { text.to_owned() };
    }
    highlight(text, words)
        .into_iter()
        .map(|seg| {
            if seg.matched {
                html! { <mark>{ seg.text.to_owned() }</mark> }
            } else {
                html! { seg.text.to_owned() }
            }
        })
        .collect()
}

/// Initials for an avatar: first letters of the first and last words.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric))
        .collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    match words.as_slice() {
        [] => "?".to_owned(),
        [one] => first(one),
        [a, .., b] => first(a) + &first(b),
    }
}

/// One of 12 avatar colours, stable for a speaker id.
pub fn hue_class(id: &str) -> String {
    let h = id.bytes().fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    format!("cc-hue-{}", h % 12)
}

pub fn avatar(speaker: &Speaker) -> Html {
    match &speaker.image {
        Some(url) => html! { <img class="cc-avatar" src={url.clone()} alt="" loading="lazy" width="40" height="40" /> },
        None => html! {
            <span class={classes!("cc-avatar", hue_class(&speaker.id))} aria-hidden="true">{ initials(&speaker.name) }</span>
        },
    }
}

pub fn speaker_line(speaker: &Speaker, words: &[String]) -> Html {
    let detail: Vec<&str> = [&speaker.role, &speaker.affiliation].into_iter().flatten().map(String::as_str).collect();
    html! {
        <>
            <span class="cc-speaker-name" dir="auto">{ marked(&speaker.name, words) }</span>
            if !detail.is_empty() {
                <span class="cc-speaker-role" dir="auto">{ marked(&detail.join(" · "), words) }</span>
            }
        </>
    }
}

/// A fact-checker's verdict on a claim: the rating's words first (the
/// widget never says a verdict by colour alone), its place on the scale
/// when the review gives numbers ("1 of 5"), and who reviewed it, linking to
/// the review.
pub fn verdict(bundle: &Bundle, review: &Review, s: &Strings, words: &[String], lang: Option<AttrValue>) -> Html {
    let reviewer = review.reviewer.and_then(|ix| bundle.sources.get(ix)).map(|src| src.name.clone());
    let link = |text: String| match &review.url {
        Some(url) => html! {
            <a href={url.clone()} target="_blank" rel="noopener noreferrer" dir="auto">
                { text }<span class="cc-visually-hidden">{ " " }{ s.opens_new_tab }</span>
            </a>
        },
        None => html! { <span dir="auto">{ text }</span> },
    };
    let by = match (reviewer, &review.url) {
        (Some(name), _) => Some(html! { <>{ s.reviewed_by }{ " " }{ link(name) }</> }),
        (None, Some(_)) => Some(link(s.read_review.to_owned())),
        (None, None) => None,
    };
    html! {
        <div class="cc-verdict" part="verdict">
            <p class="cc-verdict-head">
                <span class="cc-verdict-label">{ s.verdicts }{ ": " }</span>
                <strong class="cc-verdict-words" {lang} dir="auto">{ marked(bundle.verdict_of(review), words) }</strong>
                if let Some((value, best)) = review.scale() {
                    <span class="cc-verdict-scale">{ " (" }{ (s.scale)(&value, &best) }{ ")" }</span>
                }
            </p>
            if by.is_some() || review.date.is_some() {
                <p class="cc-verdict-by">
                    { for by }
                    if let Some(date) = &review.date {
                        { " · " }<time datetime={date.to_string()}>{ (s.date)(s, date.year, date.month, date.day) }</time>
                    }
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Karoline Leavitt"), "KL");
        assert_eq!(initials("Hamas"), "H");
        assert_eq!(initials("UN Children's Fund (UNICEF)"), "UU");
        assert_eq!(initials("đoàn văn hậu"), "ĐH");
        assert_eq!(initials("  "), "?");
    }

    #[test]
    fn hue_is_fnv_of_the_id_and_spreads_over_all_twelve() {
        // FNV-1a 32 of the id, mod 12: the same id keeps its colour in every
        // build and on every page (values worked out independently).
        for (id, hue) in [("hamas", 9), ("karoline-leavitt", 10), ("donald-trump", 4), ("a", 4), ("", 1)] {
            assert_eq!(hue_class(id), format!("cc-hue-{hue}"), "{id}");
        }
        let mut seen = [0usize; 12];
        for i in 0..600 {
            let n: usize = hue_class(&format!("speaker-{i}")).trim_start_matches("cc-hue-").parse().unwrap();
            seen[n] += 1;
        }
        assert!(seen.iter().all(|&n| (25..=75).contains(&n)), "uneven spread: {seen:?}");
    }
}
