//! The editor as a whole: the state (a reducer), where it is kept (the
//! host's IndexedDB, saved on every change), the steps, and the shortcuts.

use super::check::Check;
use super::people::People;
use super::preview::Preview;
use super::publish::Publish;
use super::start::Start;
use super::Edit;
use crate::studio::doc::Work;
use crate::studio::keeper::{Keeper, Outcome, Save};
use crate::studio::state::{Action, Studio as State};
use crate::studio::storage::{Host, Listed, Saved};
use crate::studio::strings::{Strings, UiLang};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StudioProps {
    pub host: Host,
    /// Where the widget's files are (the preview's stylesheet, the embeds' default).
    pub assets: AttrValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Start,
    Check,
    People,
    Preview,
    Publish,
}

pub const STEPS: [Step; 5] = [Step::Start, Step::Check, Step::People, Step::Preview, Step::Publish];

/// Where the work stands with the browser's storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Keeping {
    Opening,
    Saved,
    /// The browser refuses (private mode, quota): why.
    Refused(String),
    /// Another tab saved this draft since this tab read it: this tab's work is
    /// kept here, not saved over theirs.
    Elsewhere,
}

/// A message for the editor after an action (an import's notes, a draft).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
    pub details: Vec<String>,
}

/// What the components call to change drafts (open, start anew, delete).
#[derive(Clone)]
pub struct Drafts {
    pub list: Rc<Vec<Listed>>,
    pub current: String,
    pub open: Callback<String>,
    pub delete: Callback<String>,
    /// Starts a draft with this work (the current one if it is blank).
    pub start: Callback<(Work, Step, Option<Notice>)>,
    pub notice: Callback<Option<Notice>>,
}

impl PartialEq for Drafts {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.list, &o.list) && self.current == o.current
    }
}

/// Runs `first` and every save the keeper gives after it, one at a time.
fn run_saves(
    host: Host,
    keeper: Rc<RefCell<Keeper>>,
    first: Option<Save>,
    keeping: UseStateHandle<Keeping>,
    refresh: Callback<()>,
) {
    let Some(first) = first else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let mut next = Some(first);
        while let Some(job) = next.take() {
            let outcome = match host.save(&job.id, job.rev, &job.work.title(), &job.work.to_record()).await {
                Ok(Saved::At(rev)) => {
                    if job.rev == 0 {
                        refresh.emit(());
                    }
                    Outcome::Saved(rev)
                }
                Ok(Saved::Conflict(_)) => Outcome::Conflict,
                Err(e) => {
                    keeping.set(Keeping::Refused(e));
                    Outcome::Failed
                }
            };
            let mut k = keeper.borrow_mut();
            let saved = matches!(outcome, Outcome::Saved(_));
            next = k.finished(&job, outcome);
            if k.is_elsewhere() {
                keeping.set(Keeping::Elsewhere);
            } else if saved && next.is_none() {
                keeping.set(Keeping::Saved);
            }
        }
    });
}

#[function_component]
pub fn Studio(p: &StudioProps) -> Html {
    let state = use_reducer(|| State::new(Work::empty()));
    let lang = use_state(UiLang::from_browser);
    let s: &'static Strings = lang.strings();
    let step = use_state(|| Step::Start);
    let keeping = use_state(|| Keeping::Opening);
    let list = use_state(|| Rc::new(Vec::<Listed>::new()));
    let notice = use_state(|| None::<Notice>);
    let keeper = use_mut_ref(Keeper::default);
    // One load per change: the problems, the preview and Publish share it.
    let checked = use_memo(state.work.clone(), |w| w.check());
    let problems = use_memo(checked.clone(), |c| c.problems.clone());

    let refresh = {
        let host = p.host.clone();
        let list = list.clone();
        Callback::from(move |()| {
            let (host, list) = (host.clone(), list.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(l) = host.drafts().await {
                    list.set(Rc::new(l));
                }
            });
        })
    };

    // Opens a stored draft.
    let open = {
        let (host, state, keeper, keeping, step, notice) =
            (p.host.clone(), state.dispatcher(), keeper.clone(), keeping.clone(), step.clone(), notice.clone());
        Callback::from(move |id: String| {
            let (host, state, keeper, keeping, step, notice) =
                (host.clone(), state.clone(), keeper.clone(), keeping.clone(), step.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match host.read(&id).await {
                    Ok(Some((record, rev))) => match Work::from_record(&record) {
                        Some(work) => {
                            let work = Rc::new(work);
                            keeper.borrow_mut().opened(id, rev, work.clone());
                            let first = if work.list("claims").is_empty() && work.paragraphs.is_empty() {
                                Step::Start
                            } else {
                                Step::Check
                            };
                            state.dispatch(Action::Open((*work).clone()));
                            step.set(first);
                            keeping.set(Keeping::Saved);
                        }
                        None => notice.set(Some(Notice {
                            error: true,
                            text: "This saved draft cannot be read.".into(),
                            details: vec![],
                        })),
                    },
                    Ok(None) => {}
                    Err(e) => keeping.set(Keeping::Refused(e)),
                }
            });
        })
    };

    // The work as it is now, for callbacks made at an earlier render.
    let latest = use_mut_ref(|| state.work.clone());
    *latest.borrow_mut() = state.work.clone();
    // Starts a draft: in the current one's place when that is blank.
    let start = {
        let (host, state, keeper, step, notice, latest) =
            (p.host.clone(), state.dispatcher(), keeper.clone(), step.clone(), notice.clone(), latest.clone());
        Callback::from(move |(new, to, said): (Work, Step, Option<Notice>)| {
            {
                let mut k = keeper.borrow_mut();
                if !latest.borrow().is_blank() || k.is_elsewhere() || k.id().is_empty() {
                    k.started(host.new_id());
                }
            }
            state.dispatch(Action::Open(new));
            step.set(to);
            notice.set(said);
        })
    };

    let delete = {
        let (host, refresh, keeper, start) = (p.host.clone(), refresh.clone(), keeper.clone(), start.clone());
        Callback::from(move |id: String| {
            let (host, refresh, keeper, start) = (host.clone(), refresh.clone(), keeper.clone(), start.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = host.delete(&id).await;
                let current = keeper.borrow_mut().forgot(&id);
                if current {
                    keeper.borrow_mut().started(host.new_id());
                    start.emit((Work::empty(), Step::Start, None));
                }
                refresh.emit(());
            });
        })
    };

    // First: the newest draft, or a new one.
    {
        let (host, open, keeping, keeper, list) =
            (p.host.clone(), open.clone(), keeping.clone(), keeper.clone(), list.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                match host.drafts().await {
                    Ok(drafts) => {
                        let newest = drafts.first().map(|d| d.id.clone());
                        list.set(Rc::new(drafts));
                        match newest {
                            Some(id) => open.emit(id),
                            None => {
                                keeper.borrow_mut().started(host.new_id());
                                keeping.set(Keeping::Saved);
                            }
                        }
                    }
                    Err(e) => {
                        // Nothing can be kept; the editor still works, and downloads.
                        keeper.borrow_mut().started(host.new_id());
                        keeping.set(Keeping::Refused(e));
                    }
                }
            });
        });
    }

    // Every change is saved.
    {
        let (host, keeper, keeping, refresh) = (p.host.clone(), keeper.clone(), keeping.clone(), refresh.clone());
        use_effect_with(state.work.clone(), move |work| {
            let first = keeper.borrow_mut().changed(work.clone());
            run_saves(host, keeper, first, keeping, refresh);
        });
    }

    // Another tab saving this draft.
    {
        let (host, keeper, keeping, refresh) = (p.host.clone(), keeper.clone(), keeping.clone(), refresh.clone());
        use_effect_with((), move |()| {
            let f = Closure::<dyn Fn(String, f64)>::new(move |id: String, rev: f64| {
                refresh.emit(());
                let mut k = keeper.borrow_mut();
                // A deleted draft comes as revision -1.
                if rev >= 0.0 {
                    k.saved_elsewhere(&id, rev as u64);
                }
                if k.is_elsewhere() {
                    keeping.set(Keeping::Elsewhere);
                }
            });
            host.subscribe(f.as_ref().unchecked_ref());
            f.forget();
        });
    }

    // Ctrl+Z, Ctrl+Shift+Z (and Ctrl+Y): the editor's undo, in fields too.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    let key = e.key().to_lowercase();
                    let action = match (key.as_str(), e.shift_key()) {
                        ("z", false) => Action::Undo,
                        ("z", true) | ("y", false) => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                },
            );
            move || drop(listener)
        });
    }

    // The tab's title names the work.
    {
        let title = state.work.title();
        let s_title = s.title;
        use_effect_with(title, move |t| {
            let text = if t.is_empty() { s_title.to_owned() } else { format!("{t} — {s_title}") };
            gloo::utils::document().set_title(&text);
        });
    }

    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    let edit = Edit { work: state.work.clone(), problems: problems.clone(), dispatch: dispatch.clone(), s };
    let drafts = Drafts {
        list: (*list).clone(),
        current: keeper.borrow().id().to_owned(),
        open: open.clone(),
        delete,
        start: start.clone(),
        notice: {
            let notice = notice.clone();
            Callback::from(move |n| notice.set(n))
        },
    };

    let conflict_actions = {
        let (load_theirs, keep_mine) = {
            let (open, keeper) = (open.clone(), keeper.clone());
            let load = Callback::from(move |_| {
                let id = keeper.borrow().id().to_owned();
                open.emit(id);
            });
            let (start, work) = (start.clone(), state.work.clone());
            let keep = Callback::from(move |_| {
                let mut w = (*work).clone();
                let title = w.title();
                if let Some(article) = w.bundle.get_mut("article").and_then(|a| a.as_object_mut()) {
                    article.insert("title".into(), format!("{title} ({})", s.copy_suffix).trim().to_owned().into());
                }
                start.emit((w, Step::Check, None));
            });
            (load, keep)
        };
        html! {
            <div class="st-banner st-banner--warn" role="alert">
                <p>{ s.elsewhere }</p>
                <button type="button" class="st-button" onclick={load_theirs}>{ s.load_theirs }</button>
                <button type="button" class="st-button" onclick={keep_mine}>{ s.keep_mine }</button>
            </div>
        }
    };
    let keeping_line = match &*keeping {
        Keeping::Opening => s.opening.to_owned(),
        Keeping::Saved => s.saved.to_owned(),
        Keeping::Refused(_) => s.not_saved.to_owned(),
        Keeping::Elsewhere => s.not_saved.to_owned(),
    };
    let nav = STEPS.iter().map(|&st| {
        let onclick = {
            let step = step.clone();
            Callback::from(move |_| step.set(st))
        };
        let current = (*step == st).then_some("step");
        html! { <li><button type="button" class="st-step" aria-current={current} {onclick}>{ s.step(st) }</button></li> }
    });
    let on_lang = {
        let lang = lang.clone();
        super::on_value::<Event>(Callback::from(move |tag: String| lang.set(UiLang::from_tag(&tag))))
    };
    let undo = dispatch.reform(|_| Action::Undo);
    let redo = dispatch.reform(|_| Action::Redo);
    let body = match *step {
        Step::Start => html! { <Start drafts={drafts.clone()} /> },
        Step::Check => html! { <Check selected={state.selected} /> },
        Step::People => html! { <People /> },
        Step::Preview | Step::Publish => Html::default(),
    };
    let to_step = {
        let step = step.clone();
        Callback::from(move |st: Step| step.set(st))
    };
    html! {
        <ContextProvider<Host> context={p.host.clone()}>
        <ContextProvider<Edit> context={edit}>
            <div class="st" lang={lang.tag()}>
                <header class="st-head">
                    <h1 class="st-title">{ s.title }</h1>
                    <p class="st-keeping" role="status">{ keeping_line }</p>
                    <div class="st-tools">
                        <button type="button" class="st-button" onclick={undo} disabled={!state.can_undo()} aria-keyshortcuts="Control+Z">{ s.undo }</button>
                        <button type="button" class="st-button" onclick={redo} disabled={!state.can_redo()} aria-keyshortcuts="Control+Shift+Z">{ s.redo }</button>
                        <label class="st-lang">{ s.interface_language }
                            <select onchange={on_lang}>
                                <option value="en" selected={lang.tag() == "en"}>{ "English" }</option>
                                <option value="vi" selected={lang.tag() == "vi"}>{ "Tiếng Việt" }</option>
                            </select>
                        </label>
                    </div>
                    <nav class="st-steps" aria-label={s.steps}><ol>{ for nav }</ol></nav>
                </header>
                if let Keeping::Refused(why) = &*keeping {
                    <div class="st-banner st-banner--warn" role="alert"><p>{ (s.refused)(why) }</p></div>
                }
                if *keeping == Keeping::Elsewhere { { conflict_actions } }
                if let Some(n) = &*notice {
                    <div class={classes!("st-banner", n.error.then_some("st-banner--error"))} role={if n.error { "alert" } else { "status" }}>
                        <p>{ n.text.clone() }</p>
                        if !n.details.is_empty() {
                            <details><summary>{ (s.details)(n.details.len()) }</summary>
                                <ul>{ for n.details.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
                            </details>
                        }
                        <button type="button" class="st-button st-button--quiet" onclick={{ let notice = notice.clone(); move |_| notice.set(None) }}>{ s.dismiss }</button>
                    </div>
                }
                <main class="st-main">
                    { body }
                    <Preview state={checked.state.clone()} assets={p.assets.clone()} hidden={*step != Step::Preview} />
                    if *step == Step::Publish {
                        <Publish checked={checked.clone()} assets={p.assets.clone()} to_step={to_step} />
                    }
                </main>
            </div>
        </ContextProvider<Edit>>
        </ContextProvider<Host>>
    }
}

/// Mounts the editor in `root` (editor.js calls it).
#[wasm_bindgen(js_name = startStudio)]
pub fn start_studio(root: web_sys::Element, host: Host, assets: String) {
    yew::Renderer::<Studio>::with_root_and_props(root, StudioProps { host, assets: assets.into() }).render();
}
