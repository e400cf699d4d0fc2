//! What is saved, when, and under which draft: the rules of keeping work in
//! the browser, apart from the browser (the studio component carries out the
//! [`Save`]s this gives and reports each back). Pure and tested natively:
//! every change is saved, in order, each under the draft it was made in and
//! over that draft's revision; one save runs at a time; a change made while
//! one runs waits (only the newest per draft); a draft another tab has saved
//! is never saved over.

use super::doc::Work;
use std::collections::HashMap;
use std::rc::Rc;

/// A save to run: this work, as draft `id`, over revision `rev`.
#[derive(Debug, Clone, PartialEq)]
pub struct Save {
    pub id: String,
    pub rev: u64,
    pub work: Rc<Work>,
}

/// How a save ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Saved: the draft's revision now.
    Saved(u64),
    /// Another tab saved the draft since (its revision).
    Conflict,
    /// The browser refused.
    Failed,
}

#[derive(Debug, Default)]
pub struct Keeper {
    /// The draft being edited ("" before one is known).
    id: String,
    /// Each draft's revision as this tab last read or saved it.
    revs: HashMap<String, u64>,
    /// Nothing is saved until the draft is known (read, or made).
    ready: bool,
    /// Another tab saved the draft being edited: nothing is saved over it.
    elsewhere: bool,
    running: bool,
    /// Saves waiting, oldest first; one per draft, its newest work.
    waiting: Vec<(String, Rc<Work>)>,
    /// The newest work of each draft handed to saving (or read): a change
    /// back to it is no change.
    newest: HashMap<String, Rc<Work>>,
}

impl Keeper {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn is_elsewhere(&self) -> bool {
        self.elsewhere
    }

    /// A draft read from storage, at revision `rev`, is now the one edited.
    pub fn opened(&mut self, id: String, rev: u64, work: Rc<Work>) {
        self.revs.insert(id.clone(), rev);
        self.newest.insert(id.clone(), work);
        self.waiting.retain(|(i, _)| *i != id);
        self.id = id;
        self.ready = true;
        self.elsewhere = false;
    }

    /// A new draft, not stored yet, is now the one edited. What is waiting
    /// to be saved of the one left is still saved, under its own id.
    pub fn started(&mut self, id: String) {
        self.revs.insert(id.clone(), 0);
        self.newest.remove(&id);
        self.id = id;
        self.ready = true;
        self.elsewhere = false;
    }

    /// Draft `id` was deleted: nothing more is saved of it. True when it was
    /// the one edited.
    pub fn forgot(&mut self, id: &str) -> bool {
        self.waiting.retain(|(i, _)| i != id);
        self.newest.remove(id);
        self.revs.remove(id);
        id == self.id
    }

    /// The edited draft changed to `work`: the save to start now, if one may.
    pub fn changed(&mut self, work: Rc<Work>) -> Option<Save> {
        if !self.ready || self.elsewhere || self.newest.get(&self.id).is_some_and(|w| **w == *work) {
            return None;
        }
        self.newest.insert(self.id.clone(), work.clone());
        let id = self.id.clone();
        self.waiting.retain(|(i, _)| *i != id);
        self.waiting.push((id, work));
        self.next()
    }

    /// Another tab saved draft `id` at revision `rev`.
    pub fn saved_elsewhere(&mut self, id: &str, rev: u64) {
        if id == self.id && rev > self.revs.get(id).copied().unwrap_or(0) {
            self.elsewhere = true;
            self.waiting.retain(|(i, _)| i != id);
        }
    }

    /// The save `done` ended so: the next save to start, if any.
    pub fn finished(&mut self, done: &Save, outcome: Outcome) -> Option<Save> {
        self.running = false;
        match outcome {
            Outcome::Saved(rev) => {
                self.revs.insert(done.id.clone(), rev);
            }
            Outcome::Conflict => {
                if done.id == self.id {
                    self.elsewhere = true;
                }
                self.waiting.retain(|(i, _)| *i != done.id);
            }
            // Tried again with the next change.
            Outcome::Failed => {
                self.newest.remove(&done.id);
            }
        }
        self.next()
    }

    fn next(&mut self) -> Option<Save> {
        if self.running || self.waiting.is_empty() {
            return None;
        }
        let (id, work) = self.waiting.remove(0);
        self.running = true;
        let rev = self.revs.get(&id).copied().unwrap_or(0);
        Some(Save { id, rev, work })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(title: &str) -> Rc<Work> {
        let mut w = Work::empty();
        w.bundle.insert("article".into(), serde_json::json!({ "title": title }));
        Rc::new(w)
    }

    #[test]
    fn nothing_is_saved_before_the_draft_is_known() {
        let mut k = Keeper::default();
        assert_eq!(k.changed(work("a")), None);
        k.started("d1".into());
        assert_eq!(k.changed(work("a")).map(|s| (s.id, s.rev)), Some(("d1".into(), 0)));
    }

    #[test]
    fn a_change_back_while_a_save_runs_is_still_saved() {
        // Undo then redo, quickly: the redo's work equals what was saved
        // before the undo, and must be saved after the undo's save.
        let mut k = Keeper::default();
        k.opened("d".into(), 3, work("A"));
        let undo = k.changed(work("B")).unwrap();
        assert_eq!(undo.rev, 3);
        assert_eq!(k.changed(work("A")), None, "waits for the save that runs");
        let redo = k.finished(&undo, Outcome::Saved(4)).unwrap();
        assert_eq!((redo.rev, redo.work.title()), (4, "A".to_owned()));
        assert_eq!(k.finished(&redo, Outcome::Saved(5)), None);
        // Nothing changed since: nothing to save.
        assert_eq!(k.changed(work("A")), None);
    }

    #[test]
    fn only_the_newest_waiting_work_of_a_draft_is_saved() {
        let mut k = Keeper::default();
        k.started("d".into());
        let first = k.changed(work("1")).unwrap();
        for t in ["12", "123", "1234"] {
            assert_eq!(k.changed(work(t)), None);
        }
        let next = k.finished(&first, Outcome::Saved(1)).unwrap();
        assert_eq!((next.work.title(), next.rev), ("1234".to_owned(), 1));
    }

    #[test]
    fn a_draft_left_while_saving_is_saved_under_its_own_id_and_revision() {
        let mut k = Keeper::default();
        k.opened("old".into(), 7, work("o"));
        let running = k.changed(work("o1")).unwrap();
        assert_eq!(k.changed(work("o2")), None);
        k.started("new".into());
        assert_eq!(k.changed(work("n1")), None);
        let old = k.finished(&running, Outcome::Saved(8)).unwrap();
        assert_eq!((old.id.as_str(), old.rev, old.work.title()), ("old", 8, "o2".to_owned()));
        let new = k.finished(&old, Outcome::Saved(9)).unwrap();
        assert_eq!((new.id.as_str(), new.rev, new.work.title()), ("new", 0, "n1".to_owned()));
        assert_eq!(k.finished(&new, Outcome::Saved(1)), None);
    }

    #[test]
    fn a_draft_another_tab_saved_is_never_saved_over() {
        let mut k = Keeper::default();
        k.opened("d".into(), 2, work("a"));
        k.saved_elsewhere("other", 9);
        assert!(!k.is_elsewhere());
        k.saved_elsewhere("d", 2);
        assert!(!k.is_elsewhere(), "our own revision");
        k.saved_elsewhere("d", 3);
        assert!(k.is_elsewhere());
        assert_eq!(k.changed(work("b")), None);
        // A conflict found by saving says the same.
        let mut k = Keeper::default();
        k.opened("d".into(), 2, work("a"));
        let s = k.changed(work("b")).unwrap();
        assert_eq!(k.changed(work("c")), None);
        assert_eq!(k.finished(&s, Outcome::Conflict), None);
        assert!(k.is_elsewhere());
        // Opening it again (the other tab's version) edits it afresh.
        k.opened("d".into(), 4, work("theirs"));
        assert_eq!(k.changed(work("mine")).map(|s| s.rev), Some(4));
    }

    #[test]
    fn a_refused_save_is_tried_again_with_the_next_change() {
        let mut k = Keeper::default();
        k.started("d".into());
        let s = k.changed(work("a")).unwrap();
        assert_eq!(k.finished(&s, Outcome::Failed), None);
        assert_eq!(k.changed(work("a")).map(|s| s.work.title()), Some("a".to_owned()));
    }
}
