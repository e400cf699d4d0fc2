//! How many cards of a selection are rendered (see ARCHITECTURE.md, "Long
//! lists"): [`WINDOW`] for a new selection, [`STEP`] more each time the end
//! of the list nears the viewport, and enough to cover a card being revealed.

use crate::view::Selection;
use std::rc::Rc;
use yew::prelude::*;

/// Cards rendered for a new selection: about three desktop screens' worth
/// (cards are 150–250 px tall). Every card rendered is DOM work on each filter
/// change, so this is kept small; the `More` sentinel adds cards as soon as
/// the end of the list comes within 1,000 px of the viewport.
pub const WINDOW: usize = 6;
/// Cards added each time the reader nears the end of the rendered list.
pub const STEP: usize = 8;

/// The window: the selection it was grown for, and its length.
#[derive(Clone)]
pub struct Window(UseStateHandle<(Rc<Selection>, usize)>);

impl Window {
    /// How many cards of `selection` are rendered: the window's length when
    /// it belongs to this selection, else a fresh window.
    pub fn len(&self, selection: &Rc<Selection>) -> usize {
        if Rc::ptr_eq(&self.0 .0, selection) {
            self.0 .1
        } else {
            WINDOW
        }
    }

    /// Keeps at least `n` cards of `selection` rendered.
    pub fn cover(&self, selection: &Rc<Selection>, n: usize) {
        self.0.set((selection.clone(), self.len(selection).max(n)));
    }
}

#[hook]
pub fn use_window(selection: &Rc<Selection>) -> Window {
    let selection = selection.clone();
    Window(use_state(move || (selection, WINDOW)))
}
