//! The editor's components (wasm32). One per file; [`studio::Studio`] owns
//! the state and gives the others an [`Edit`] context: the work, its
//! problems, the dispatcher and the words. The preview is the widget's own
//! `App`, under the widget's stylesheet.

pub mod article;
pub mod check;
pub mod claim_form;
pub mod field;
pub mod people;
pub mod preview;
pub mod publish;
pub mod start;
pub mod studio;

use super::doc::Work;
use super::state::Action;
use super::strings::Strings;
use crate::problem::{List, Place, Problem};
use std::rc::Rc;
use yew::prelude::*;

/// The value of the form control (input, textarea or select) an event came
/// from; `None` for any other target.
pub fn value_of(e: &Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let t = e.target()?;
    if let Some(input) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(input.value());
    }
    if let Some(area) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(area.value());
    }
    t.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

/// A callback for a control's events that hands `to` the control's value.
pub fn on_value<E: AsRef<Event> + 'static>(to: Callback<String>) -> Callback<E> {
    Callback::from(move |e: E| {
        if let Some(v) = value_of(e.as_ref()) {
            to.emit(v);
        }
    })
}

/// What every part of the editor reads: given by `Studio` as a context.
#[derive(Clone)]
pub struct Edit {
    pub work: Rc<Work>,
    pub problems: Rc<Vec<Problem>>,
    pub dispatch: Callback<Action>,
    pub s: &'static Strings,
}

impl PartialEq for Edit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.work, &other.work)
            && Rc::ptr_eq(&self.problems, &other.problems)
            && std::ptr::eq(self.s, other.s)
    }
}

/// The edit context (every editor component is under `Studio`).
#[hook]
pub fn use_edit() -> Edit {
    use_context::<Edit>().expect("editor components are rendered under Studio")
}

/// The problems of one item (`None`: the article) and field, as messages;
/// `field` "" gives those of the item as a whole.
pub fn messages(problems: &[Problem], list: Option<List>, index: usize, field: &str) -> Vec<String> {
    problems
        .iter()
        .filter(|p| match (&p.place, list) {
            (Place::Article, None) => true,
            (Place::Item { list: l, index: i, .. }, Some(list)) => *l == list && *i == index,
            _ => false,
        })
        .filter(|p| {
            let f = p.field.as_deref().unwrap_or("");
            let base = f.split('[').next().unwrap_or(f);
            f == field || base == field || (field.is_empty() && f.is_empty())
        })
        .map(|p| if p.is_error() { p.message.clone() } else { format!("⚠ {}", p.message) })
        .collect()
}
