//! The archive view's behaviour over time: the manifest fetched once, then
//! for each choice the files its [`Session`] names, fetched at once and
//! added as they arrive ([`drive`]), until the page is answered. An answer to an older choice
//! than the newest is dropped. A file the server no longer has (404) means a
//! new build may be deployed: the manifest is fetched again, past every
//! cache, and when its build is new the question is asked of the new build.
//! Any other failure keeps what is shown and offers Retry, which fetches only
//! what is still missing.

use crate::archive::format::{labels_only, plain_name, read_manifest, split_request};
use crate::archive::session::{Asked, Choice, Opt, Page, Session};
use crate::archive::{Facet, MANIFEST};
use crate::failure::Failure;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Why the archive (or part of it) cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Trouble {
    pub url: String,
    pub failure: Failure,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArchiveView {
    /// The newest answer (kept while the next is on its way).
    pub page: Option<Rc<Page>>,
    /// A question is on its way.
    pub busy: bool,
    /// The last question failed.
    pub trouble: Option<Trouble>,
    /// The archive's size and days, once its manifest is read.
    pub about: Option<About>,
}

/// An archive's claims, articles, and (newest, oldest) days.
pub type About = (u32, u32, Option<(i32, i32)>);

type Cell2 = Rc<RefCell<Option<Session>>>;

/// The manifest, read (fresh: past every cache).
async fn open(url: &str, fresh: bool) -> Result<Session, Trouble> {
    let text = if fresh { crate::web::fetch_fresh(url).await } else { crate::web::fetch_text(url).await };
    let text = text.map_err(|(failure, reason)| Trouble { url: url.to_owned(), failure, reasons: vec![reason] })?;
    let m = read_manifest(&text).map_err(|reason| Trouble {
        url: url.to_owned(),
        failure: Failure::Unreadable,
        reasons: vec![format!("{MANIFEST}: {reason}")],
    })?;
    Ok(Session::new(m, url))
}

/// Asks `ask` of the session until it answers, fetching what it names.
///
/// Requests are not sent in rounds that wait for their slowest file: each
/// file is added as it arrives, and the session is asked again as soon as no
/// file other files wait on is still coming — facets' labels (value tables)
/// are the only files nothing waits on. So a page's cards are asked for as
/// soon as the lists that name them are in, while its labels are still on their way,
/// and go first to the connections the browser has free (the labels are
/// sent at low priority). An answer needs every file, labels too; while
/// only labels are still coming, `early` is asked each time a file arrives
/// until it gives what to do then (the view shows the page's cards:
/// [`Session::cards_first`]), which runs once the session is let go.
async fn drive<T>(
    url: &str,
    cell: &Cell2,
    ask: impl Fn(&mut Session) -> Result<T, Vec<String>>,
    early: impl Fn(&mut Session) -> Option<Box<dyn FnOnce()>>,
) -> Result<T, Trouble> {
    use futures::stream::{FuturesUnordered, StreamExt};
    let mut rechecked = false;
    let mut told = false;
    let mut coming = FuturesUnordered::new();
    let mut names: Vec<String> = Vec::new();
    let inconsistent =
        |reason: String| Trouble { url: url.to_owned(), failure: Failure::Unreadable, reasons: vec![reason] };
    loop {
        if cell.borrow().is_none() {
            let s = open(url, false).await?;
            *cell.borrow_mut() = Some(s);
        }
        let need = {
            let mut guard = cell.borrow_mut();
            let Some(session) = guard.as_mut() else { continue };
            match session.ask(&ask) {
                Asked::Answer(v) => return Ok(v),
                Asked::Need(need) => need,
                Asked::Broken(reason) => return Err(inconsistent(reason)),
            }
        };
        if let Some(bad) = need.iter().find(|n| !plain_name(split_request(n).0)) {
            return Err(inconsistent(format!("the manifest names a file outside the archive: {bad}")));
        }
        let new: Vec<String> = need.into_iter().filter(|n| !names.contains(n)).collect();
        let asked_more = !new.is_empty();
        for name in new {
            let (file, span) = split_request(&name);
            let file_url = crate::web::resolve(file, url).unwrap_or_else(|| file.to_owned());
            let (span, low) = (span.map(|s| (s.start, s.end)), labels_only(&name));
            names.push(name.clone());
            coming.push(async move {
                let result = crate::web::fetch_bytes(&file_url, span, low).await;
                (name, file_url, result)
            });
        }
        let mut gone = None;
        // Until nothing others wait on is coming (or, when the last question
        // named nothing new, until everything is in).
        while let Some((name, file_url, result)) = coming.next().await {
            names.retain(|n| *n != name);
            match result {
                Ok(bytes) => {
                    let labels_left = !names.is_empty() && names.iter().all(|n| labels_only(n));
                    let then = match cell.borrow_mut().as_mut() {
                        Some(session) => {
                            session.add(&name, bytes).map_err(|e| inconsistent(e.to_string()))?;
                            (labels_left && !told).then(|| early(session)).flatten()
                        }
                        None => None,
                    };
                    if let Some(then) = then {
                        told = true;
                        then();
                    }
                }
                Err((Failure::Status(404), reason)) if !rechecked => {
                    gone = Some((file_url, reason));
                    break;
                }
                Err((failure, reason)) => return Err(Trouble { url: file_url, failure, reasons: vec![reason] }),
            }
            if names.iter().all(|n| labels_only(n)) && (asked_more || names.is_empty()) {
                break;
            }
        }
        if let Some((file_url, reason)) = gone {
            // Deployed meanwhile? A new build's manifest names other files
            // (what the old one's are still bringing is dropped).
            rechecked = true;
            coming = FuturesUnordered::new();
            names.clear();
            let fresh = open(url, true).await?;
            let same = cell.borrow().as_ref().is_some_and(|s| s.manifest.build == fresh.manifest.build);
            if same {
                return Err(Trouble { url: file_url, failure: Failure::Status(404), reasons: vec![reason] });
            }
            *cell.borrow_mut() = Some(fresh);
        }
    }
}

/// The archive at `url` answering `choice` with its first `shown` cards;
/// `attempt` changes on Retry. `typed`: the speaker type-ahead's text, whose
/// suggestions come second.
#[hook]
pub fn use_archive(url: &str, choice: &Choice, shown: usize, attempt: u32, typed: &str) -> (ArchiveView, Rc<Vec<Opt>>) {
    let session: Cell2 = use_mut_ref(|| None::<Session>);
    let view = use_state(ArchiveView::default);
    let latest = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    let suggestions = use_state(|| Rc::new(Vec::new()));
    {
        let (session, view, latest) = (session.clone(), view.clone(), latest.borrow().clone());
        let url = url.to_owned();
        use_effect_with((url.clone(), choice.clone(), shown, attempt), move |(_, choice, shown, _)| {
            if url.is_empty() {
                return;
            }
            let (choice, shown) = (choice.clone(), *shown);
            let me = latest.get() + 1;
            latest.set(me);
            view.set(ArchiveView { busy: true, trouble: None, ..(*view).clone() });
            wasm_bindgen_futures::spawn_local(async move {
                // The cards as soon as they are in, the facets' labels still coming.
                let early = |s: &mut Session| -> Option<Box<dyn FnOnce()>> {
                    let page = s.cards_first(&choice, shown).ok()?;
                    let (view, latest) = (view.clone(), latest.clone());
                    Some(Box::new(move || {
                        if latest.get() == me && !page.labelled {
                            // The facets shown meanwhile are the last page's, the view busy.
                            let previous = view.page.as_ref().map(|p| p.facets.clone()).unwrap_or_default();
                            let page = Page { facets: previous, ..page };
                            view.set(ArchiveView {
                                page: Some(Rc::new(page)),
                                busy: true,
                                trouble: None,
                                ..(*view).clone()
                            });
                        }
                    }))
                };
                let answer = drive(&url, &session, |s| s.page(&choice, shown), early).await;
                if latest.get() != me {
                    return;
                }
                let about = session.borrow().as_ref().map(|s| (s.manifest.claims, s.manifest.articles, s.days()));
                let mut next = (*view).clone();
                next.busy = false;
                next.about = about.or(next.about);
                match answer {
                    Ok(page) => {
                        next.page = Some(Rc::new(page));
                        next.trouble = None;
                    }
                    Err(t) => {
                        for r in &t.reasons {
                            gloo::console::error!(format!("claim-cards: {}: {r}", t.url));
                        }
                        next.trouble = Some(t);
                    }
                }
                view.set(next);
            });
        });
    }
    {
        let (session, suggestions) = (session.clone(), suggestions.clone());
        let url = url.to_owned();
        use_effect_with(typed.to_owned(), move |typed| {
            let typed = typed.clone();
            let cancelled = Rc::new(Cell::new(false));
            let gone = cancelled.clone();
            let asked = !url.is_empty() && !typed.trim().is_empty();
            if !asked {
                suggestions.set(Rc::new(Vec::new()));
            }
            asked.then(|| {
                wasm_bindgen_futures::spawn_local(async move {
                    let found = drive(&url, &session, |s| s.suggest(Facet::Speaker, &typed), |_| None).await;
                    if !gone.get() {
                        suggestions.set(Rc::new(found.unwrap_or_default()));
                    }
                })
            });
            move || cancelled.set(true)
        });
    }
    ((*view).clone(), (*suggestions).clone())
}
