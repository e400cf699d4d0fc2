//! Format 1.1's additions: a claim's `review` (a fact-checker's verdict) and
//! the bundle's `topics` list (the words to show for a topic). Both only add
//! to what a card shows, so every problem here is a warning: the claim stays,
//! and only the unusable part is dropped.

use super::checks::{check_text, quoted};
use super::fields::{Expect, Fields, Member, Reported};
use super::limits;
use super::tables::Table;
use crate::json::{Object, Value};
use crate::model::{Review, Source};
use crate::problem::{List, Problem};
use rustc_hash::FxHashMap;

/// A claim's `review`, and the verdict's words (interned by the caller once
/// the claim is known to be kept). `None`, with a warning, when there is no
/// usable review.
pub(super) fn review(f: &mut Fields, sources: &Table<Source>) -> Option<(Review, String)> {
    let expect = Expect::warning("an object", "; the review is not shown");
    let obj: &Object = f.member("review", Value::as_object, expect).ok()??;
    let mut r = f.nested("review.", obj);
    let read = read(&mut r, sources);
    f.problems.append(&mut r.problems);
    read
}

fn read(r: &mut Fields, sources: &Table<Source>) -> Option<(Review, String)> {
    let dropped = "; the review is not shown";
    let rating = r.member("rating", Value::as_str, Expect::warning("a string", dropped));
    let words = match rating.map(|s| s.map(|s| check_text(s, limits::NAME))) {
        Ok(Some(Ok(Some(words)))) => words,
        Ok(Some(Ok(None))) => {
            r.warn("review.rating", format!("\"review.rating\" is empty{dropped}"));
            return None;
        }
        Ok(Some(Err(reason))) => {
            r.warn("review.rating", format!("\"review.rating\" {reason}{dropped}"));
            return None;
        }
        Ok(None) => {
            r.warn("review.rating", format!("\"review.rating\" is required: the verdict in words{dropped}"));
            return None;
        }
        Err(Reported) => return None,
    };
    let mut review = Review {
        verdict: 0,
        value: r.optional_number("value"),
        best: r.optional_number("best"),
        worst: r.optional_number("worst"),
        reviewer: None,
        url: None,
        date: None,
    };
    if let Some((field, reason)) = scale_problem(&review) {
        r.warn(field, format!("{reason}; the scale is not shown"));
        (review.value, review.best, review.worst) = (None, None, None);
    }
    let reviewer = r.member("reviewer", Value::as_str, Expect::warning("a source id (a string)", "; ignored"));
    if let Ok(Some(id)) = reviewer {
        match sources.by_id.get(id) {
            Some(&ix) => review.reviewer = Some(ix),
            None => {
                let reason = sources.unknown(id);
                r.warn("review.reviewer", format!("{reason}; the reviewer is not shown"));
            }
        }
    }
    review.url = r.optional_url("url");
    let date = r.optional_text("date", limits::DATE);
    review.date = r.date("date", date);
    Some((review, words))
}

/// Why a review's numbers cannot be shown as a scale, if they cannot. The
/// scale runs from `worst` to `best`, either way up; without `worst`, the
/// value must not be above `best`.
fn scale_problem(review: &Review) -> Option<(&'static str, String)> {
    let Review { value, best, worst, .. } = *review;
    let num = crate::model::short_number;
    match (value, best, worst) {
        (None, None, None) | (None, Some(_), None) => None,
        (_, None, _) => Some((
            "review.best",
            "\"review.best\" is missing: a rating's numbers need the best value of the scale".to_owned(),
        )),
        (_, Some(b), Some(w)) if b == w => {
            Some(("review.worst", format!("\"review.best\" and \"review.worst\" are both {}", num(b))))
        }
        (None, Some(_), Some(_)) => None,
        (Some(v), Some(b), Some(w)) => {
            let (lo, hi) = if w <= b { (w, b) } else { (b, w) };
            (v < lo || v > hi).then(|| {
                ("review.value", format!("\"review.value\" {} is not between {} and {}", num(v), num(lo), num(hi)))
            })
        }
        (Some(v), Some(b), None) => (v > b)
            .then(|| ("review.value", format!("\"review.value\" {} is above \"review.best\" {}", num(v), num(b)))),
    }
}

/// The bundle's `topics` list: the words to show for each topic.
#[derive(Default)]
pub(super) struct TopicLabels {
    /// Topic → its place in `labels` (the map type the loader has already:
    /// a map of its own would add its code to the wasm).
    by_id: FxHashMap<String, usize>,
    labels: Vec<Option<String>>,
}

impl TopicLabels {
    /// The label of `topic`, if the list gives one (taken: each topic is asked once).
    pub fn take(&mut self, topic: &str) -> Option<String> {
        self.by_id.get(topic).and_then(|&i| self.labels.get_mut(i)?.take())
    }
}

/// Reads the bundle's `topics` list. A bad entry is dropped with a warning; a
/// claim's topic without an entry shows its name.
pub(super) fn topic_labels(json: Option<&Value>, problems: &mut Vec<Problem>) -> TopicLabels {
    let mut labels = TopicLabels::default();
    let mut top = Fields::new(super::fields::At::Bundle, None);
    let expect = Expect::warning("a list of {\"id\", \"label\"} objects", "; topics are shown by their names");
    let Ok(Some(items)) = top.typed(Member::Key("topics"), json.filter(|v| !v.is_null()), Value::as_array, expect)
    else {
        problems.append(&mut top.problems);
        return labels;
    };
    for (index, item) in items.iter().enumerate() {
        let mut f = Fields::new(super::fields::At::Item(List::Topics, index), None);
        let whole = Member::Whole("topic");
        if let Ok(Some(obj)) = f.typed(whole, Some(item), Value::as_object, Expect::warning("an object", "; ignored")) {
            f.obj = Some(obj);
            if let (Some(id), Some(label)) = (topic_id(&mut f), f.optional_text("label", limits::NAME)) {
                match labels.by_id.get(&id) {
                    Some(&first) => f.warn(
                        "id",
                        format!("topic {} is listed twice (first at topics[{first}]); ignored", quoted(&id, 64)),
                    ),
                    None => {
                        labels.by_id.insert(id, index);
                        labels.labels.resize(index, None);
                        labels.labels.push(Some(label));
                    }
                }
            } else if f.problems.is_empty() {
                f.warn("label", "\"label\" is required: the words to show for the topic; ignored".to_owned());
            }
        }
        problems.append(&mut f.problems);
    }
    labels
}

/// A `topics` entry's `id`: a topic as claims name it.
fn topic_id(f: &mut Fields) -> Option<String> {
    let expect = Expect::warning("a string (a topic as claims name it)", "; ignored");
    match f.member("id", Value::as_str, expect) {
        Ok(Some(s)) => match check_text(s, limits::TOPIC) {
            Ok(Some(id)) => {
                f.id = Some(id.clone());
                Some(id)
            }
            Ok(None) => {
                f.warn("id", "\"id\" is empty; ignored".to_owned());
                None
            }
            Err(reason) => {
                f.warn("id", format!("\"id\" {reason}; ignored"));
                None
            }
        },
        Ok(None) => {
            f.warn("id", "\"id\" is required: the topic as claims name it; ignored".to_owned());
            None
        }
        Err(Reported) => None,
    }
}
