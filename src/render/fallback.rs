//! The light-DOM fallback of a rendered element: the claims as plain,
//! semantic HTML, shown only where the declarative shadow root is not
//! (browsers without declarative shadow DOM, reader modes, feed readers,
//! tools that strip templates). It takes the host page's styles.

use crate::dataset::LoadState;
use crate::i18n::{Lang, Strings};
use crate::model::ClaimKind;
use yew::prelude::*;
use yew::LocalServerRenderer;

#[derive(Properties, PartialEq)]
struct FallbackProps {
    state: LoadState,
    lang: Option<Lang>,
    heading_level: u8,
}

#[function_component]
fn Fallback(props: &FallbackProps) -> Html {
    let fallback = props.lang.unwrap_or_default();
    match &props.state {
        LoadState::Ready(d) => {
            let s: &Strings = props.lang.unwrap_or_else(|| d.lang(fallback)).strings();
            let b = &d.bundle;
            let heading = format!("h{}", props.heading_level.clamp(1, 6));
            let title = match &b.article.title {
                Some(t) => format!("{}: {t}", s.widget_label),
                None => s.widget_label.to_owned(),
            };
            html! {
                <div class="cc-fallback" lang={props.lang.map(|l| l.tag())}>
                    <@{heading}>{ title }</@>
                    <ul>
                        { for b.claims.iter().map(|c| {
                            let speaker = b.speaker_of(c);
                            let role: Vec<&str> = [&speaker.role, &speaker.affiliation].into_iter().flatten().map(String::as_str).collect();
                            let text = if c.kind == ClaimKind::Quote { format!("“{}”", c.text) } else { c.text.clone() };
                            let sources = c.sources.iter().enumerate().map(|(i, &ix)| {
                                let src = &b.sources[ix];
                                let sep = if i == 0 { "" } else { ", " };
                                match &src.url {
                                    Some(url) => html! { <>{ sep }<a href={url.clone()}>{ src.name.clone() }</a></> },
                                    None => html! { <>{ sep }{ src.name.clone() }</> },
                                }
                            });
                            html! {
                                <li>
                                    <p>
                                        <strong>{ speaker.name.clone() }</strong>
                                        if !role.is_empty() { { format!(" ({})", role.join(" · ")) } }
                                        { format!(" — {}: ", (s.claim_kind)(c.kind)) }
                                        <span dir="auto">{ text }</span>
                                    </p>
                                    if let Some(review) = &c.review {
                                        { crate::components::parts::verdict(b, review, s, &[], None) }
                                    }
                                    <p>
                                        { format!("{}: ", s.via) }{ for sources }
                                        if let Some(date) = &c.date { { format!(" · {}", (s.date)(s, date.year, date.month, date.day)) } }
                                        if let Some(p) = c.paragraph { { format!(" · {} {p}", s.in_paragraph) } }
                                        { for b.topics_of(c).map(|t| format!(" · #{}", t.label())) }
                                    </p>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
        }
        LoadState::Failed { failure, reasons, .. } => {
            let s = fallback.strings();
            html! {
                <div class="cc-fallback" role="alert">
                    <p>{ s.load_failed }{ " " }{ (s.failure)(failure) }</p>
                    <ul>{ for reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </div>
            }
        }
        LoadState::Loading => html! {},
    }
}

/// The fallback's HTML for a loaded (or failed) bundle.
pub async fn render(state: &LoadState, lang: Option<Lang>, heading_level: u8) -> String {
    let props = FallbackProps { state: state.clone(), lang, heading_level };
    LocalServerRenderer::<Fallback>::with_props(props).hydratable(false).render().await
}
