//! How many cards of a selection are rendered (see ARCHITECTURE.md, "Long
//! lists"). A selection of at most [`WHOLE`] cards — any ordinary article's —
//! is rendered whole: at once when the widget starts (so a prerender holds
//! every card), and after an interaction [`WINDOW`] cards at once and the
//! rest [`STEP`] per frame, so the interaction paints as soon as a window's
//! worth would. A larger selection renders [`WINDOW`] cards, then [`STEP`]
//! more each time the end of the list nears the viewport; a card being
//! revealed is always covered.

use crate::view::Selection;
use std::rc::Rc;
use yew::prelude::*;

/// A selection of at most this many cards is rendered whole, so that
/// find-in-page, printing and screen readers meet every claim.
pub const WHOLE: usize = 100;
/// Cards rendered at once for a new selection: about three desktop screens'
/// worth (cards are 150–250 px tall). Every card rendered is DOM work on each
/// filter change, so the rest follow in later frames.
pub const WINDOW: usize = 6;
/// Cards added per frame (filling a selection of at most [`WHOLE`]), or each
/// time the reader nears the end of a longer list.
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

/// Whether the selection is short enough to be rendered whole.
pub fn whole(selection: &Selection) -> bool {
    selection.claims.len() <= WHOLE
}

#[hook]
pub fn use_window(selection: &Rc<Selection>) -> Window {
    let window = {
        let selection = selection.clone();
        // The first selection: whole when it can be, so that the first render
        // (and a prerender) holds every card.
        let len = if whole(&selection) { selection.claims.len() } else { WINDOW };
        Window(use_state(move || (selection, len)))
    };
    // Fill a short selection, a step per frame.
    let len = window.len(selection);
    {
        let window = window.clone();
        use_effect_with((selection.clone(), len), move |(selection, len)| {
            let frame = (whole(selection) && *len < selection.claims.len()).then(|| {
                let selection = selection.clone();
                let next = *len + STEP;
                gloo::render::request_animation_frame(move |_| window.cover(&selection, next))
            });
            // Dropping the handle cancels a frame not yet run (a newer selection came).
            move || drop(frame)
        });
    }
    // Printing shows every card of the view, however long (a reader's
    // printout has no "Show more"). Listened for once, reading the latest
    // selection, so that an interaction adds no listener work.
    let latest = use_mut_ref(|| selection.clone());
    *latest.borrow_mut() = selection.clone();
    {
        let window = window.clone();
        use_effect_with((), move |()| {
            let printing = crate::web::on_print(move || {
                let selection = latest.borrow().clone();
                window.cover(&selection, selection.claims.len());
            });
            move || drop(printing)
        });
    }
    window
}
