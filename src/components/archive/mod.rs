//! The archive view (`<claim-cards archive=…>`, the standalone page's
//! `?archive=`; feature `archive-view`, its own wasm): the widget's cards,
//! facets and search over every claim of an archive, answered from its
//! static files by [`crate::archive::session`] through [`crate::hooks::archive`].
//! What it adds: the speaker type-ahead ([`facets::SpeakerFinder`]), the date
//! range, newest-first or best-match order, paging as the reader scrolls,
//! each card's article, and counts marked as estimates where they are.

pub mod facets;
pub mod strings;

use crate::archive::session::{day_text, parse_day, Action, Choice, PAGE, PARAMS};
use crate::components::card::Card;
use crate::components::error_card::error_card;
use crate::components::more::More;
use crate::components::skeleton::skeleton;
use crate::components::{Options, Presentation};
use crate::failure::Failure;
use crate::hooks::archive::{use_archive, Trouble};
use crate::i18n::{Lang, Strings};
use facets::{ArchiveFacet, SpeakerFinder};
use std::rc::Rc;
use strings::{grouped, ArchiveStrings};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ArchiveProps {
    /// The archive's manifest (`archive.json`; the element finds it in the folder its `archive` names).
    pub url: AttrValue,
    #[prop_or_default]
    pub initial: Choice,
    #[prop_or_default]
    pub options: Options,
    /// Told when the first page is shown, or why nothing can be.
    #[prop_or_default]
    pub on_status: Callback<Status>,
    /// The origin the element's `bundle-origins` refused: nothing is fetched.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
}

/// What the host is told (`claimcards:ready`, `claimcards:error`).
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Ready { claims: u32, articles: u32 },
    Failed(Trouble),
}

/// How a change reaches the page URL (with `sync-url`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Write {
    Push,
    Replace,
    None,
}

#[function_component]
pub fn ArchiveApp(props: &ArchiveProps) -> Html {
    let lang = props.options.lang.unwrap_or(Lang::En);
    let s: &'static Strings = lang.strings();
    let a = ArchiveStrings::of(lang);
    let choice = use_state(|| props.initial.clone());
    let write = use_mut_ref(|| Write::None);
    let shown = use_state(|| PAGE);
    let attempt = use_state(|| 0u32);
    let typed = use_state(String::new);
    let open = use_state(|| false);
    let copied = use_state(|| None::<usize>);
    let focus_at = use_state(|| None::<usize>);
    // A refused archive is never fetched (the hook is given no URL).
    let url = if props.refused.is_some() { String::new() } else { props.url.to_string() };
    let (view, suggestions) = use_archive(&url, &choice, *shown, *attempt, &typed);
    // The host hears of the first page, or of why there is none.
    {
        let on_status = props.on_status.clone();
        let told = use_mut_ref(|| false);
        let about = view.about;
        let first = match (&view.page, &view.trouble) {
            (Some(_), _) => Some(None),
            (None, Some(t)) => Some(Some(t.clone())),
            (None, None) => None,
        };
        use_effect_with(first, move |first| match first {
            Some(None) if !*told.borrow() => {
                *told.borrow_mut() = true;
                let (claims, articles) = about.map_or((0, 0), |(c, a, _)| (c, a));
                on_status.emit(Status::Ready { claims, articles });
            }
            Some(Some(t)) if !*told.borrow() => on_status.emit(Status::Failed(t.clone())),
            _ => {}
        });
    }

    let dispatch = {
        let (choice, write, shown) = (choice.clone(), write.clone(), shown.clone());
        Callback::from(move |action: Action| {
            *write.borrow_mut() = if matches!(action, Action::SetQuery(_)) { Write::Replace } else { Write::Push };
            shown.set(PAGE);
            choice.set(choice.apply(action));
        })
    };
    // The page URL mirrors the choice; back/forward restores it.
    {
        let (sync, write) = (props.options.sync_url, write.clone());
        use_effect_with((*choice).clone(), move |c| {
            let w = std::mem::replace(&mut *write.borrow_mut(), Write::None);
            if sync && w != Write::None {
                crate::web::write_query(&PARAMS, &c.to_pairs(), w == Write::Push);
            }
        });
        let choice = choice.clone();
        use_effect_with(props.options.sync_url, move |sync| {
            let listener = sync.then(|| {
                gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    let pairs = crate::web::query_pairs();
                    choice.set(Choice::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))));
                })
            });
            move || drop(listener)
        });
    }
    // After "Show more" was pressed: focus on the first new card once it is there.
    let list = use_node_ref();
    {
        let (focus_at, list) = (focus_at.clone(), list.clone());
        let rendered = view.page.as_ref().map_or(0, |p| p.cards.len());
        use_effect_with(rendered, move |&rendered| {
            if let (Some(i), Some(list)) = (*focus_at, list.cast::<web_sys::Element>()) {
                if i < rendered {
                    let card = list.query_selector_all(".cc-list > .cc-card").ok().and_then(|l| l.get(i as u32));
                    if let Some(card) = card.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                        let _ = card.focus();
                    }
                    focus_at.set(None);
                }
            }
        });
    }

    let look = Rc::new(Presentation {
        content_lang: None,
        heading_level: props.options.heading_level.clamp(1, 6),
        share_url: None,
    });
    let label = a.label;
    let head = html! {
        <header class="cc-head">
            <p class="cc-eyebrow">{ s.widget_label }</p>
            <@{format!("h{}", look.heading_level)} class="cc-title">{ label }</@>
            if let Some((claims, articles, _)) = view.about {
                <p class="cc-archive-about">{ (a.about)(&grouped(claims, sep(lang)), &grouped(articles, sep(lang))) }</p>
            }
        </header>
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let refused = props.refused.as_ref().map(|origin| Trouble {
        url: props.url.to_string(),
        failure: Failure::Refused(origin.to_string()),
        reasons: vec![format!("{origin} is not among the origins this page loads bundles from (bundle-origins)")],
    });
    let body = match (&view.page, refused.as_ref().or(view.trouble.as_ref())) {
        (None, Some(t)) => error_card(s, &t.url, &t.failure, &t.reasons, Some(retry.clone())),
        (None, None) => skeleton(s),
        (Some(page), trouble) => {
            let c = &*choice;
            let p = "cc-ar";
            let oninput = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: InputEvent| {
                    dispatch.emit(Action::SetQuery(e.target_unchecked_into::<HtmlInputElement>().value()))
                })
            };
            let onsort = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: Event| {
                    dispatch.emit(Action::SetRelevance(
                        e.target_unchecked_into::<HtmlSelectElement>().value() == "relevance",
                    ))
                })
            };
            let date_input = |from: bool| {
                let dispatch = dispatch.clone();
                Callback::from(move |e: Event| {
                    let d = parse_day(&e.target_unchecked_into::<HtmlInputElement>().value());
                    dispatch.emit(if from { Action::SetFrom(d) } else { Action::SetTo(d) })
                })
            };
            let (max, min) = match view.about.and_then(|(_, _, days)| days) {
                Some((newest, oldest)) => (Some(day_text(newest)), Some(day_text(oldest))),
                None => (None, None),
            };
            let ontoggle = {
                let open = open.clone();
                Callback::from(move |_| open.set(!*open))
            };
            let count = {
                let n = grouped(page.total.n, sep(lang));
                (a.count)(&n, page.total.exact)
            };
            let estimated = page.facets.iter().any(|f| !f.exact) || !page.total.exact;
            let on_typed = {
                let typed = typed.clone();
                Callback::from(move |t: String| typed.set(t))
            };
            let words = Rc::new(page.words.clone());
            let cards = page.cards.iter().enumerate().map(|(i, card)| {
                let claim = card.claim();
                // The claim on its article (else on this page).
                let link = crate::web::claim_link(card.data.bundle.article.url.as_deref(), &claim.id);
                let on_copy = {
                    let copied = copied.clone();
                    Callback::from(move |_: String| {
                        let (copied, link) = (copied.clone(), link.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            if crate::web::copy_text(&link).await {
                                copied.set(Some(i));
                            }
                        });
                    })
                };
                // The card's language, where it is not the interface's (screen readers' voice).
                let look = match card.data.bundle.article.language.as_deref() {
                    Some(tag) if crate::i18n::primary_subtag(tag) != lang.tag() => Rc::new(Presentation {
                        content_lang: Some((AttrValue::from(tag.to_owned()), crate::i18n::text_dir(tag))),
                        ..(*look).clone()
                    }),
                    _ => look.clone(),
                };
                html! {
                    <Card key={card.doc} data={card.data.clone()} claim={0} words={words.clone()} strings={s}
                        {on_copy} copied={(*copied == Some(i)).then_some(s.link_copied)} {look}
                        foot={article_line(&card.data.bundle, &claim.id, card.day, s, a.in_article)} dom_id={AttrValue::from(format!("cc-doc-{}", card.doc))} />
                }
            });
            let more = (page.more && page.cards.len() >= *shown).then(|| {
                let on_more = {
                    let (shown, busy) = (shown.clone(), view.busy);
                    Callback::from(move |()| {
                        if !busy {
                            shown.set(*shown + PAGE)
                        }
                    })
                };
                let on_press = {
                    let (shown, focus_at, at) = (shown.clone(), focus_at.clone(), page.cards.len());
                    Callback::from(move |()| {
                        focus_at.set(Some(at));
                        shown.set(*shown + PAGE);
                    })
                };
                // Observed again (with this `on_more`, and what it knows of
                // `busy`) when the list grows and when the view stops being busy:
                // a page's cards come before that, and a sentinel still near the
                // viewport then asks for the next page.
                let generation = (page.cards.len() << 1) | usize::from(!view.busy);
                html! { <More key="more" remaining={1} label={AttrValue::Static(a.show_more)} {on_more} {on_press} {generation} /> }
            });
            // The cards shown are another question's (the view's own are
            // on their way); a page of cards whose facets' labels are still
            // coming is this question's.
            let stale = view.busy && page.labelled;
            let facets = page.facets.iter().map(|f| {
                html! { <ArchiveFacet key={f.facet.name()} view={f.clone()} chosen={c.values(f.facet).to_vec()}
                dispatch={dispatch.clone()} strings={s} archive={a} /> }
            });
            html! {
                <div class="cc-explorer cc-archive" data-filtered={c.is_filtered().to_string()} aria-busy={view.busy.to_string()}>
                    <div class="cc-filterbar" part="filters">
                        <div class="cc-search" role="search">
                            <label for={format!("{p}-q")}>{ s.search_label }</label>
                            <input type="search" id={format!("{p}-q")} value={c.query.clone()} placeholder={s.search_placeholder}
                                autocomplete="off" spellcheck="false" {oninput} />
                        </div>
                        <div class="cc-tools">
                            <button type="button" class="cc-button cc-filters-toggle" aria-expanded={(*open).to_string()}
                                aria-controls={format!("{p}-filters")} onclick={ontoggle}>
                                { s.show_filters }
                                if !c.chosen.is_empty() { <span class="cc-badge">{ c.chosen.iter().map(|(_, v)| v.len()).sum::<usize>() }</span> }
                            </button>
                            <div class="cc-sort">
                                <label for={format!("{p}-sort")}>{ a.order }</label>
                                <select id={format!("{p}-sort")} onchange={onsort}>
                                    <option value="newest" selected={!c.relevance}>{ a.newest }</option>
                                    <option value="relevance" selected={c.relevance}>{ a.relevance }</option>
                                </select>
                            </div>
                            <fieldset class="cc-dates">
                                <legend class="cc-visually-hidden">{ a.dates }</legend>
                                <div class="cc-date">
                                    <label for={format!("{p}-from")}>{ a.from }</label>
                                    <input type="date" id={format!("{p}-from")} value={c.from.map(day_text).unwrap_or_default()}
                                        min={min.clone()} max={max.clone()} onchange={date_input(true)} />
                                </div>
                                <div class="cc-date">
                                    <label for={format!("{p}-to")}>{ a.to }</label>
                                    <input type="date" id={format!("{p}-to")} value={c.to.map(day_text).unwrap_or_default()}
                                        min={min} max={max} onchange={date_input(false)} />
                                </div>
                            </fieldset>
                            <button type="button" class="cc-button cc-clear" onclick={dispatch.reform(|_| Action::ClearAll)}
                                disabled={!c.is_filtered()}>{ s.clear_all }</button>
                        </div>
                        <div id={format!("{p}-filters")} class={classes!("cc-facets", (*open).then_some("is-open"))}>
                            <p class="cc-panel-count" aria-hidden="true">{ count.clone() }</p>
                            <SpeakerFinder archive={a} suggestions={suggestions.clone()} {on_typed}
                                dispatch={dispatch.clone()} />
                            { for facets }
                        </div>
                    </div>
                    <p class="cc-count-line" role="status" aria-live="polite" aria-atomic="true">
                        { count }
                        if estimated { <span class="cc-estimate">{ " · " }{ a.estimated }</span> }
                        if view.busy { <span class="cc-busy">{ " · " }{ a.searching }</span> }
                    </p>
                    <div class="cc-results">
                        if let Some(t) = trouble {
                            <div class="cc-error cc-error--part" role="alert">
                                <p class="cc-error-title">{ a.part_failed }</p>
                                <p class="cc-error-why">{ (s.failure)(&t.failure) }</p>
                                <button type="button" class="cc-button cc-retry" onclick={retry.clone()}>{ s.retry }</button>
                            </div>
                        }
                        if page.cards.is_empty() {
                            <div class="cc-empty" aria-busy={stale.to_string()}>
                                <p class="cc-empty-title">{ a.empty_title }</p>
                                <p>{ a.empty_hint }</p>
                            </div>
                        } else {
                            <div class="cc-cards" ref={list.clone()} aria-busy={stale.to_string()}>
                                <ul class="cc-list">{ for cards }{ for more }</ul>
                            </div>
                        }
                    </div>
                </div>
            }
        }
    };
    html! {
        <section class="cc-root" part="root" lang={lang.tag()} data-ui-dir={lang.dir()} data-theme={props.options.theme.as_str()} aria-label={label}>
            { head }
            { body }
        </section>
    }
}

/// "In <the article's title>", linking to the claim's card on the article.
/// With the claim's day (its own date, else its article's), unless the card shows it already.
fn article_line(bundle: &crate::model::Bundle, claim_id: &str, day: i32, s: &Strings, word: &'static str) -> Html {
    let a = &bundle.article;
    let name = a.title.clone().or_else(|| a.url.as_deref().and_then(crate::load::host_of)).unwrap_or_default();
    let own = bundle.claims.iter().find(|c| c.id == claim_id).and_then(|c| c.date.as_ref());
    let dated = (own.is_none() && day != crate::archive::UNDATED)
        .then(|| crate::date::IsoDate::from_day_number(i64::from(day)));
    if name.is_empty() && dated.is_none() {
        return Html::default();
    }
    html! {
        <p class="cc-article">{ word }{ " " }
            if let Some(url) = &a.url {
                <a href={crate::web::claim_link(Some(url), claim_id)} dir="auto">{ name }</a>
            } else {
                <span dir="auto">{ name }</span>
            }
            if let Some(d) = dated {
                { " · " }<time datetime={d.to_string()}>{ (s.date)(s, d.year, d.month, d.day) }</time>
            }
        </p>
    }
}

/// The thousands separator of a language.
fn sep(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::Vi => '.',
    }
}
