use crate::components::parts::{avatar, marked, speaker_line, verdict};
use crate::components::Presentation;
use crate::dataset::Shared;
use crate::i18n::Strings;
use crate::model::{ClaimKind, SourceKind};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub data: Shared,
    /// Index of the claim in the bundle.
    pub claim: usize,
    /// Folded search words to highlight.
    pub words: Rc<Vec<String>>,
    pub strings: &'static Strings,
    pub on_copy: Callback<String>,
    /// What "Copy link" says just after it was pressed (copied, or the link
    /// is in the address bar); `None` before.
    pub copied: Option<&'static str>,
    /// Hide the speaker header (in the group-by-speaker view).
    #[prop_or_default]
    pub hide_speaker: bool,
    /// Paragraphs the host article marks; "in paragraph N" links to them.
    #[prop_or_default]
    pub host_paragraphs: Rc<std::collections::BTreeSet<u32>>,
    #[prop_or_default]
    pub on_paragraph: Callback<u32>,
    #[prop_or_default]
    pub look: Rc<Presentation>,
    /// More of the card's footer (in an archive: its article).
    #[prop_or_default]
    pub foot: Html,
    /// The card's element id when the claim's own would not be unique (an
    /// archive's cards come from many bundles).
    #[prop_or_default]
    pub dom_id: Option<AttrValue>,
}

fn kind_icon(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::NewsAgency => "◆",
        SourceKind::Newspaper | SourceKind::Article => "▤",
        SourceKind::Broadcaster => "▶",
        SourceKind::SocialMedia => "@",
        SourceKind::PressBriefing => "◉",
        SourceKind::OfficialStatement => "§",
        SourceKind::Document => "▦",
        SourceKind::Other => "•",
    }
}

/// The first words of a claim (enough to tell two of a speaker's claims apart).
fn excerpt(text: &str) -> String {
    let mut words = text.split_whitespace();
    let first: Vec<&str> = words.by_ref().take(6).collect();
    let more = if words.next().is_some() { "…" } else { "" };
    format!("{}{more}", first.join(" "))
}

#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let s = props.strings;
    let look = &props.look;
    let (lang, dir) = (look.lang(), look.dir());
    let bundle = &props.data.bundle;
    let Some(claim) = bundle.claims.get(props.claim) else { return html! {} };
    let speaker = bundle.speaker_of(claim);
    let words = props.words.as_slice();
    let dom_id = props.dom_id.clone().unwrap_or_else(|| AttrValue::from(format!("claim-{}", claim.id)));
    let kind_class = format!("cc-card--{}", claim.kind.as_str());

    let body = match claim.kind {
        ClaimKind::Quote => html! {
            <blockquote class="cc-text cc-text--quote" lang={lang.clone()} {dir}><p>{ "“" }{ marked(&claim.text, words) }{ "”" }</p></blockquote>
        },
        _ => html! { <p class="cc-text" lang={lang.clone()} {dir}>{ marked(&claim.text, words) }</p> },
    };

    let sources = claim.sources.iter().map(|&ix| {
        let src = &bundle.sources[ix];
        let label = (s.source_kind)(src.kind);
        let inner = html! {
            <>
                <span class="cc-chip-icon" aria-hidden="true">{ kind_icon(src.kind) }</span>
                <span class="cc-chip-name" lang={lang.clone()} dir="auto">{ marked(&src.name, words) }</span>
                <span class="cc-chip-kind">{ label }</span>
            </>
        };
        match &src.url {
            Some(url) => html! {
                <li><a class="cc-chip cc-chip--link" part="chip" href={url.clone()} target="_blank" rel="noopener noreferrer">
                    { inner }<span class="cc-visually-hidden">{ " " }{ s.opens_new_tab }</span>
                </a></li>
            },
            None => html! { <li><span class="cc-chip">{ inner }</span></li> },
        }
    });

    let on_copy = {
        let cb = props.on_copy.clone();
        let id = claim.id.clone();
        Callback::from(move |_| cb.emit(id.clone()))
    };

    html! {
        <li class={classes!("cc-card", kind_class)} part="card" id={dom_id} data-claim-id={claim.id.clone()} tabindex="-1">
            if !props.hide_speaker {
                <header class="cc-card-head">
                    { avatar(speaker) }
                    <p class="cc-speaker" lang={lang.clone()}>{ speaker_line(speaker, words) }</p>
                </header>
            }
            <p class="cc-kind"><span class="cc-kind-label">{ (s.claim_kind)(claim.kind) }</span></p>
            { body }
            if let Some(context) = &claim.context {
                <p class="cc-context" lang={lang.clone()} {dir}>{ context.clone() }</p>
            }
            if let Some(review) = &claim.review {
                { verdict(bundle, review, s, words, lang.clone()) }
            }
            <footer class="cc-card-foot">
                <ul class="cc-chips" aria-label={s.via}>{ for sources }</ul>
                <p class="cc-meta">
                    if let Some(date) = &claim.date {
                        <time datetime={date.to_string()}>{ (s.date)(s, date.year, date.month, date.day) }</time>
                    }
                    if let Some(p) = claim.paragraph {
                        if props.host_paragraphs.contains(&p) {
                            <button type="button" class="cc-button cc-button--link cc-paragraph" data-paragraph={p.to_string()}
                                onclick={props.on_paragraph.reform(move |_| p)}>{ format!("{} {p}", s.in_paragraph) }</button>
                        } else {
                            <span class="cc-paragraph" data-paragraph={p.to_string()}>{ format!("{} {p}", s.in_paragraph) }</span>
                        }
                    }
                    { for bundle.topics_of(claim).map(|t| html! { <span class="cc-topic" lang={lang.clone()} dir="auto">{ format!("#{}", t.label()) }</span> }) }
                </p>
                { props.foot.clone() }
                <button type="button" class="cc-button cc-button--quiet cc-copy" onclick={on_copy}
                    aria-label={(s.copy_link_for)(&speaker.name, &excerpt(&claim.text))}>
                    { props.copied.unwrap_or(s.copy_link) }
                </button>
            </footer>
        </li>
    }
}
