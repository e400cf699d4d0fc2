//! The archive view's behaviour over time: the manifest fetched once, then
//! for each choice the rounds of files its [`Session`] names, fetched all at
//! once per round, until the page is answered. An answer to an older choice
//! than the newest is dropped. A file the server no longer has (404) means a
//! new build may be deployed: the manifest is fetched again, past every
//! cache, and when its build is new the question is asked of the new build.
//! Any other failure keeps what is shown and offers Retry, which fetches only
//! what is still missing.

use crate::archive::format::{plain_name, read_manifest, split_request};
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

/// The manifest's URL for the element's `archive` value: a folder (the
/// manifest inside it) or the manifest itself.
pub fn manifest_url(archive: &str) -> String {
    let a = archive.trim();
    if a.ends_with(".json") {
        a.to_owned()
    } else if a.ends_with('/') {
        format!("{a}{MANIFEST}")
    } else {
        format!("{a}/{MANIFEST}")
    }
}

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
async fn drive<T>(url: &str, cell: &Cell2, ask: impl Fn(&mut Session) -> Result<T, Vec<String>>) -> Result<T, Trouble> {
    let mut rechecked = false;
    loop {
        if cell.borrow().is_none() {
            let s = open(url, false).await?;
            *cell.borrow_mut() = Some(s);
        }
        let inconsistent =
            |reason: String| Trouble { url: url.to_owned(), failure: Failure::Unreadable, reasons: vec![reason] };
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
        let requests: Vec<(String, Option<(u64, u64)>)> = need
            .iter()
            .map(|n| {
                let (file, span) = split_request(n);
                let file_url = crate::web::resolve(file, url).unwrap_or_else(|| file.to_owned());
                (file_url, span.map(|s| (s.start, s.end)))
            })
            .collect();
        let results = crate::web::fetch_all(&requests).await;
        let mut gone = None;
        for ((name, (file_url, _)), result) in need.iter().zip(&requests).zip(results) {
            match result {
                Ok(bytes) => {
                    if let Some(session) = cell.borrow_mut().as_mut() {
                        session.add(name, bytes).map_err(|e| inconsistent(e.to_string()))?;
                    }
                }
                Err((Failure::Status(404), reason)) if !rechecked => gone = Some((file_url.clone(), reason)),
                Err((failure, reason)) => {
                    return Err(Trouble { url: file_url.clone(), failure, reasons: vec![reason] });
                }
            }
        }
        if let Some((file_url, reason)) = gone {
            // Deployed meanwhile? A new build's manifest names other files.
            rechecked = true;
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
                let answer = drive(&url, &session, |s| s.page(&choice, shown)).await;
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
                    let found = drive(&url, &session, |s| s.suggest(Facet::Speaker, &typed)).await;
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
