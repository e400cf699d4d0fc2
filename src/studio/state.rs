//! The editor's state — the work, its undo history and what is selected —
//! and every change an editor can make, as an [`Action`] (the widget's
//! reader has `view::Action`; this is the studio's). Pure and tested natively;
//! the components dispatch actions and show [`Studio`].

use super::doc::{byte_range, char_range, field_text, new_id, str_of, Work, CLAIMS, SOURCES, SPEAKERS, TOPICS};
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// How many steps back undo goes.
const UNDO_LIMIT: usize = 300;

/// Which item of which list an edit is to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Article,
    Speaker(usize),
    Source(usize),
    Claim(usize),
    /// A claim's `review`.
    Review(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Starts afresh on this work (a draft, a file, a saved record): no undo past it.
    Open(Work),
    /// Sets a member of an item to what the editor typed; "" removes it.
    /// Numbers (`paragraph`, a review's `value`, `best`, `worst`) are
    /// written as numbers when they read as one.
    Set {
        item: Item,
        key: &'static str,
        value: String,
    },
    /// Adds or removes a source of a claim.
    ToggleSource {
        claim: usize,
        source: String,
    },
    AddTopic {
        claim: usize,
        topic: String,
    },
    RemoveTopic {
        claim: usize,
        topic: String,
    },
    /// A topic's label ("" removes it).
    LabelTopic {
        topic: String,
        label: String,
    },
    /// A person has checked the draft: it stays, marked so.
    Accept(usize),
    /// The draft is wrong: it goes (undo brings it back).
    Reject(usize),
    /// A new claim from a sentence of the article: paragraph (from 0) and the
    /// sentence's byte range in it.
    AddFromSentence {
        paragraph: usize,
        start: usize,
        end: usize,
    },
    /// A new claim with nothing in it yet.
    AddClaim,
    AddSpeaker,
    AddSource,
    /// `from`'s claims go to `into`, and `from` goes.
    MergeSpeakers {
        from: usize,
        into: usize,
    },
    MergeSources {
        from: usize,
        into: usize,
    },
    /// Only a speaker or source that no claim uses is removed.
    RemoveSpeaker(usize),
    RemoveSource(usize),
    Select(Option<usize>),
    /// The paste box's text (kept, but not an undo step).
    Paste(String),
    Undo,
    Redo,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Studio {
    pub work: Rc<Work>,
    /// Each step: the work before it, and what was selected then.
    undo: Vec<(Rc<Work>, Option<usize>)>,
    redo: Vec<(Rc<Work>, Option<usize>)>,
    /// The field typed into last: more typing there is the same undo step.
    typing: Option<(Item, &'static str)>,
    /// The claim selected (its index).
    pub selected: Option<usize>,
}

impl Studio {
    pub fn new(work: Work) -> Studio {
        Studio { work: Rc::new(work), ..Studio::default() }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The state after `action`.
    pub fn apply(&self, action: Action) -> Studio {
        let mut next = self.clone();
        match action {
            Action::Open(work) => return Studio::new(work),
            Action::Select(claim) => {
                next.selected = claim.filter(|&i| i < self.work.list(CLAIMS).len());
                next.typing = None;
                return next;
            }
            Action::Paste(text) => {
                let mut work = (*self.work).clone();
                work.pasted = text;
                next.work = Rc::new(work);
                return next;
            }
            Action::Undo => {
                next.travel(true);
                return next;
            }
            Action::Redo => {
                next.travel(false);
                return next;
            }
            _ => {}
        }
        let typing = match &action {
            Action::Set { item, key, .. } => Some((*item, *key)),
            _ => None,
        };
        let mut work = (*self.work).clone();
        let selected = change(&mut work, action, self.selected);
        if work == *self.work {
            next.selected = selected;
            return next;
        }
        // Typing on in the same field adds to the step it started.
        if typing.is_none() || typing != self.typing {
            next.undo.push((self.work.clone(), self.selected));
            if next.undo.len() > UNDO_LIMIT {
                next.undo.remove(0);
            }
        }
        next.typing = typing;
        next.redo.clear();
        next.work = Rc::new(work);
        next.selected = selected;
        next.clamp_selection();
        next
    }

    /// One step back (undo) or forward (redo) in the history: the work and
    /// selection of that step, this one kept for the way back.
    fn travel(&mut self, back: bool) {
        let (from, to) = if back { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        if let Some((work, selected)) = from.pop() {
            to.push((std::mem::replace(&mut self.work, work), std::mem::replace(&mut self.selected, selected)));
        }
        self.typing = None;
        self.clamp_selection();
    }

    fn clamp_selection(&mut self) {
        let n = self.work.list(CLAIMS).len();
        self.selected = self.selected.filter(|&i| i < n);
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for Studio {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Carries an action out on `work`; the selection after it.
fn change(work: &mut Work, action: Action, selected: Option<usize>) -> Option<usize> {
    match action {
        Action::Set { item, key, value } => {
            if let Some(target) = item_mut(work, item) {
                set(target, key, &value);
            }
            if let Item::Review(i) = item {
                // A review with nothing left in it goes.
                if let Some(claim) = work.list_mut(CLAIMS).get_mut(i).and_then(Value::as_object_mut) {
                    if claim.get("review").and_then(Value::as_object).is_some_and(Map::is_empty) {
                        claim.remove("review");
                    }
                }
            }
        }
        Action::ToggleSource { claim, source } => {
            if let Some(c) = work.list_mut(CLAIMS).get_mut(claim) {
                let list = array_mut(c, "sources");
                match list.iter().position(|v| v.as_str() == Some(&source)) {
                    Some(at) => {
                        list.remove(at);
                    }
                    None => list.push(source.into()),
                }
            }
        }
        Action::AddTopic { claim, topic } => {
            let topic = topic.trim().to_owned();
            if let (false, Some(c)) = (topic.is_empty(), work.list_mut(CLAIMS).get_mut(claim)) {
                let list = array_mut(c, "topics");
                if !list.iter().any(|v| v.as_str() == Some(&topic)) {
                    list.push(topic.into());
                }
            }
        }
        Action::RemoveTopic { claim, topic } => {
            if let Some(c) = work.list_mut(CLAIMS).get_mut(claim) {
                array_mut(c, "topics").retain(|v| v.as_str() != Some(&topic));
                if c.get("topics").and_then(Value::as_array).is_some_and(Vec::is_empty) {
                    if let Some(c) = c.as_object_mut() {
                        c.remove("topics");
                    }
                }
            }
        }
        Action::LabelTopic { topic, label } => {
            let topics = work.list_mut(TOPICS);
            match topics.iter().position(|t| str_of(t, "id") == topic) {
                Some(at) if label.is_empty() => {
                    topics.remove(at);
                }
                Some(at) => topics[at]["label"] = label.into(),
                None if label.is_empty() => {}
                None => topics.push(json!({ "id": topic, "label": label })),
            }
            if topics.is_empty() {
                work.bundle.remove(TOPICS);
            }
        }
        Action::Accept(i) => {
            if let Some(evidence) = work.list_mut(CLAIMS).get_mut(i).and_then(|c| c.get_mut("evidence")) {
                if let Some(e) = evidence.as_object_mut() {
                    e.insert("checked".into(), true.into());
                }
            }
        }
        Action::Reject(i) => {
            let claims = work.list_mut(CLAIMS);
            if i < claims.len() {
                claims.remove(i);
                return None;
            }
        }
        Action::AddFromSentence { paragraph, start, end } => return add_from_sentence(work, paragraph, start, end),
        Action::AddClaim => {
            let id = new_id(&work.ids(CLAIMS), "claim");
            let speaker = default_speaker(work);
            let source = default_source(work);
            let claims = work.list_mut(CLAIMS);
            claims.push(json!({ "id": id, "text": "", "speaker": speaker, "sources": [source], "kind": "paraphrase" }));
            return Some(claims.len() - 1);
        }
        Action::AddSpeaker => {
            let id = new_id(&work.ids(SPEAKERS), "speaker");
            work.list_mut(SPEAKERS).push(json!({ "id": id, "name": "", "kind": "person" }));
        }
        Action::AddSource => {
            let id = new_id(&work.ids(SOURCES), "source");
            work.list_mut(SOURCES).push(json!({ "id": id, "name": "", "kind": "other" }));
        }
        Action::MergeSpeakers { from, into } => merge(work, SPEAKERS, from, into),
        Action::MergeSources { from, into } => merge(work, SOURCES, from, into),
        Action::RemoveSpeaker(i) => {
            let id = work.ids(SPEAKERS).get(i).cloned();
            if id.is_some_and(|id| work.speaker_uses(&id) == 0) {
                work.list_mut(SPEAKERS).remove(i);
            }
        }
        Action::RemoveSource(i) => {
            let id = work.ids(SOURCES).get(i).cloned();
            if id.is_some_and(|id| work.source_uses(&id) == 0) {
                work.list_mut(SOURCES).remove(i);
            }
        }
        Action::Open(_) | Action::Select(_) | Action::Paste(_) | Action::Undo | Action::Redo => {}
    }
    selected
}

/// The object an [`Item`] names (a review is made when first set).
fn item_mut(work: &mut Work, item: Item) -> Option<&mut Map<String, Value>> {
    let value = match item {
        Item::Article => work.bundle.entry("article").or_insert_with(|| json!({})),
        Item::Speaker(i) => work.list_mut(SPEAKERS).get_mut(i)?,
        Item::Source(i) => work.list_mut(SOURCES).get_mut(i)?,
        Item::Claim(i) => work.list_mut(CLAIMS).get_mut(i)?,
        Item::Review(i) => {
            let claim = work.list_mut(CLAIMS).get_mut(i)?.as_object_mut()?;
            claim.entry("review").or_insert_with(|| json!({}))
        }
    };
    if !value.is_object() {
        *value = json!({});
    }
    value.as_object_mut()
}

/// The keys whose values are numbers when they read as one.
const NUMBERS: &[&str] = &["paragraph", "value", "best", "worst"];

fn set(target: &mut Map<String, Value>, key: &'static str, value: &str) {
    if value.is_empty() {
        target.remove(key);
        return;
    }
    // A number as it was typed: "4." stays text until it reads as itself
    // ("4.5"), so the field never changes under the editor's fingers.
    let number = NUMBERS.contains(&key).then(|| value.parse::<f64>().ok()).flatten();
    let v = match number.and_then(serde_json::Number::from_f64) {
        Some(n) if n.to_string() == value => Value::Number(n),
        Some(n)
            if n.as_f64().is_some_and(|f| f.fract() == 0.0)
                && n.as_i64().map(|i| i.to_string()).as_deref() == Some(value) =>
        {
            Value::Number(n)
        }
        _ => match value.parse::<i64>() {
            Ok(i) if NUMBERS.contains(&key) && i.to_string() == value => Value::from(i),
            _ => Value::from(value),
        },
    };
    target.insert(key.to_owned(), v);
}

/// A list member of an item, made (empty) when missing or not a list.
fn array_mut<'a>(item: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    if !item.is_object() {
        *item = json!({});
    }
    let slot = &mut item[key];
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    match slot {
        Value::Array(items) => items,
        _ => unreachable!("made a list above"),
    }
}

/// Merges item `from` of a speaker or source list into `into`: every claim
/// that named `from` names `into` (once), what `into` lacks it takes from
/// `from` (role, affiliation, URL), and `from` goes.
fn merge(work: &mut Work, list: &str, from: usize, into: usize) {
    let ids = work.ids(list);
    let (Some(from_id), Some(into_id)) = (ids.get(from).cloned(), ids.get(into).cloned()) else { return };
    if from == into {
        return;
    }
    for claim in work.list_mut(CLAIMS) {
        if list == SPEAKERS {
            if str_of(claim, "speaker") == from_id {
                claim["speaker"] = into_id.as_str().into();
            }
            continue;
        }
        if let Some(sources) = claim.get_mut("sources").and_then(Value::as_array_mut) {
            let mut seen = Vec::new();
            for s in sources.iter_mut() {
                if s.as_str() == Some(&from_id) {
                    *s = into_id.as_str().into();
                }
            }
            sources.retain(|s| {
                let keep = !seen.contains(s);
                seen.push(s.clone());
                keep
            });
        }
        if let Some(reviewer) = claim.pointer_mut("/review/reviewer") {
            if reviewer.as_str() == Some(&from_id) {
                *reviewer = into_id.as_str().into();
            }
        }
    }
    let items = work.list_mut(list);
    let gone = items.remove(from);
    let into = if from < into { into - 1 } else { into };
    if let (Some(Value::Object(gone)), Some(Value::Object(kept))) = (Some(gone), items.get_mut(into)) {
        for (key, value) in gone {
            if key != "id" && key != "name" && !kept.contains_key(&key) {
                kept.insert(key, value);
            }
        }
    }
}

/// The speaker a new claim starts with: the selected or last claim's, the
/// first speaker, or a new unnamed one.
fn default_speaker(work: &mut Work) -> String {
    if let Some(last) = work.list(CLAIMS).last() {
        return str_of(last, "speaker").to_owned();
    }
    if let Some(first) = work.ids(SPEAKERS).into_iter().next() {
        return first;
    }
    let id = new_id(&[], "speaker");
    work.list_mut(SPEAKERS).push(json!({ "id": id, "name": "Unnamed source", "kind": "unnamed" }));
    id
}

/// The source a new claim starts with: the first one (the article's
/// publisher, in a draft), or a new one for the article.
fn default_source(work: &mut Work) -> String {
    if let Some(first) = work.ids(SOURCES).into_iter().next() {
        return first;
    }
    let publisher = work.article_str("publisher").trim().to_owned();
    let id = new_id(&[], "source");
    let name = if publisher.is_empty() { "The article".to_owned() } else { publisher };
    work.list_mut(SOURCES).push(json!({ "id": id, "name": name, "kind": "article" }));
    id
}

fn add_from_sentence(work: &mut Work, paragraph: usize, start: usize, end: usize) -> Option<usize> {
    let text = work.paragraphs.get(paragraph)?;
    let sentence = text.get(start..end)?.trim().to_owned();
    let (cs, ce) = char_range(text, start, end);
    let number = paragraph + 1;
    // The claims nearest before it in the article give its speaker and sources.
    let claims = work.list(CLAIMS);
    let at =
        claims.iter().position(|c| c.get("paragraph").and_then(Value::as_u64).is_some_and(|p| p as usize > number));
    let at = at.unwrap_or(claims.len());
    let near = at.checked_sub(1).and_then(|i| claims.get(i)).or(claims.get(at)).cloned();
    let speaker = match &near {
        Some(c) => str_of(c, "speaker").to_owned(),
        None => default_speaker(work),
    };
    let sources = match near.as_ref().and_then(|c| c.get("sources")).cloned() {
        Some(s) => s,
        None => json!([default_source(work)]),
    };
    let id = new_id(&work.ids(CLAIMS), "claim");
    let kind = if sentence.contains(['"', '“', '”']) { "quote" } else { "paraphrase" };
    let claim = json!({
        "id": id, "text": sentence, "speaker": speaker, "sources": sources, "kind": kind, "paragraph": number,
        "evidence": { "paragraph": number, "text": [[cs, ce]], "cue": [cs, cs], "confidence": 1, "rule": "editor", "checked": true },
    });
    work.list_mut(CLAIMS).insert(at, claim);
    Some(at)
}

/// A claim's place in the article: paragraph (from 0), the byte ranges of
/// its words, and of its cue when it has one.
pub type Marks = (usize, Vec<(usize, usize)>, Option<(usize, usize)>);

/// Where a claim's evidence puts it in the article: paragraph (from 0), the
/// byte ranges of its words and of its cue.
pub fn evidence_of(work: &Work, claim: &Value) -> Option<Marks> {
    let e = claim.get("evidence")?;
    let p = (e.get("paragraph")?.as_u64()? as usize).checked_sub(1)?;
    let text = work.paragraphs.get(p)?;
    let range = |v: &Value| {
        let (s, e) = (v.get(0)?.as_u64()? as usize, v.get(1)?.as_u64()? as usize);
        Some(byte_range(text, s, e))
    };
    let words: Vec<(usize, usize)> = e.get("text")?.as_array()?.iter().filter_map(range).collect();
    let cue = e.get("cue").and_then(range).filter(|(s, e)| s < e);
    Some((p, words, cue))
}

/// Whether a claim is a draft no one has checked yet.
pub fn is_unchecked(claim: &Value) -> bool {
    claim.get("evidence").is_some_and(|e| e.get("checked") != Some(&Value::Bool(true)))
}

/// A draft's confidence, from 0 to 1.
pub fn confidence(claim: &Value) -> Option<f64> {
    claim.pointer("/evidence/confidence").and_then(Value::as_f64)
}

/// A field's text (see [`field_text`]) of an item of the work.
pub fn text_of(work: &Work, item: Item, key: &str) -> String {
    let value = match item {
        Item::Article => work.bundle.get("article"),
        Item::Speaker(i) => work.list(SPEAKERS).get(i),
        Item::Source(i) => work.list(SOURCES).get(i),
        Item::Claim(i) => work.list(CLAIMS).get(i),
        Item::Review(i) => work.list(CLAIMS).get(i).and_then(|c| c.get("review")),
    };
    value.map_or(String::new(), |v| field_text(v, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Studio {
        Studio::new(Work::from_bundle_text(include_str!("../../static/bundles/us-hamas-talks.json")).unwrap())
    }

    fn typed(s: &Studio, item: Item, key: &'static str, value: &str) -> Studio {
        s.apply(Action::Set { item, key, value: value.into() })
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_and_redo_brings_it_back() {
        let s = demo();
        let before = s.work.clone();
        let mut t = s.clone();
        for text in ["N", "Ne", "New"] {
            t = typed(&t, Item::Claim(0), "text", text);
        }
        t = typed(&t, Item::Speaker(0), "role", "Envoy");
        assert_eq!(text_of(&t.work, Item::Claim(0), "text"), "New");
        let once = t.apply(Action::Undo);
        assert_eq!(text_of(&once.work, Item::Claim(0), "text"), "New");
        assert_eq!(text_of(&once.work, Item::Speaker(0), "role"), text_of(&before, Item::Speaker(0), "role"));
        let twice = once.apply(Action::Undo);
        assert_eq!(twice.work, before);
        assert!(!twice.can_undo());
        let again = twice.apply(Action::Redo).apply(Action::Redo);
        assert_eq!(again.work, t.work);
        // Undoing an added claim takes its selection away with it.
        let added = demo().apply(Action::AddClaim);
        assert!(added.selected.is_some());
        assert_eq!(added.apply(Action::Undo).selected, None);
        assert_eq!(added.apply(Action::Undo).apply(Action::Redo).selected, added.selected);
        // A new change after undo drops what could have been redone.
        let branched = twice.apply(Action::AddSpeaker);
        assert!(!branched.can_redo());
    }

    #[test]
    fn what_is_typed_is_kept_even_when_it_is_not_valid() {
        let s = typed(&demo(), Item::Claim(1), "paragraph", "4");
        assert_eq!(s.work.list(CLAIMS)[1]["paragraph"], json!(4));
        let s = typed(&s, Item::Claim(1), "paragraph", "fourth");
        assert_eq!(s.work.list(CLAIMS)[1]["paragraph"], json!("fourth"));
        let loaded = s.work.check();
        assert!(loaded.problems.iter().any(|p| p.field.as_deref() == Some("paragraph")), "{:?}", loaded.problems);
        // Emptied, the member goes.
        let s = typed(&s, Item::Claim(1), "paragraph", "");
        assert!(s.work.list(CLAIMS)[1].get("paragraph").is_none());
    }

    #[test]
    fn merging_two_speakers_moves_their_claims_and_keeps_what_the_other_lacked() {
        let mut s = demo();
        s = s.apply(Action::AddSpeaker);
        let new = s.work.list(SPEAKERS).len() - 1;
        s = typed(&s, Item::Speaker(new), "name", "Leavitt");
        s = typed(&s, Item::Speaker(new), "image", "https://example.org/k.png");
        let new_id = s.work.ids(SPEAKERS)[new].clone();
        s = typed(&s, Item::Claim(0), "speaker", &new_id);
        let into = s.work.ids(SPEAKERS).iter().position(|id| id == "karoline-leavitt").unwrap();
        let claims_before = s.work.speaker_uses("karoline-leavitt");
        s = s.apply(Action::MergeSpeakers { from: new, into });
        assert_eq!(s.work.speaker_uses("karoline-leavitt"), claims_before + 1);
        assert!(!s.work.ids(SPEAKERS).contains(&new_id));
        assert_eq!(s.work.list(SPEAKERS)[into]["image"], json!("https://example.org/k.png"));
        assert_eq!(s.work.list(SPEAKERS)[into]["name"], json!("Karoline Leavitt"));
        assert_eq!(s.work.check().problems, []);
    }

    #[test]
    fn merging_sources_leaves_no_claim_citing_one_twice() {
        let mut s = demo();
        let ids = s.work.ids(SOURCES);
        s = s.apply(Action::ToggleSource { claim: 0, source: ids[1].clone() });
        let cited = |s: &Studio| s.work.list(CLAIMS)[0]["sources"].as_array().unwrap().clone();
        assert!(cited(&s).contains(&json!(ids[1])));
        let first = cited(&s)[0].as_str().unwrap().to_owned();
        let from = ids.iter().position(|id| *id == first).unwrap();
        s = s.apply(Action::MergeSources { from, into: 1 });
        assert_eq!(cited(&s), [json!(ids[1])]);
        assert!(!s.work.ids(SOURCES).contains(&first));
        assert_eq!(s.work.check().problems, []);
    }

    #[test]
    fn only_a_speaker_no_claim_uses_is_removed() {
        let s = demo();
        let n = s.work.list(SPEAKERS).len();
        assert_eq!(s.apply(Action::RemoveSpeaker(0)).work.list(SPEAKERS).len(), n);
        let s = s.apply(Action::AddSpeaker).apply(Action::RemoveSpeaker(n));
        assert_eq!(s.work.list(SPEAKERS).len(), n);
    }

    #[test]
    fn a_draft_is_accepted_or_rejected() {
        let mut work = Work::empty();
        let draft = crate::extract::draft(
            "“We will not stop,” the minister said on Monday.\n\nThe envoy, Jane Doe, said talks would go on.",
            &crate::model::Article { title: Some("T".into()), ..Default::default() },
        )
        .unwrap();
        work.bundle = match serde_json::from_str(&crate::convert::write::draft_json(&draft)).unwrap() {
            Value::Object(b) => b,
            _ => unreachable!(),
        };
        let s = Studio::new(work);
        let n = s.work.list(CLAIMS).len();
        assert!(n >= 2, "{}", s.work.text());
        assert!(is_unchecked(&s.work.list(CLAIMS)[0]));
        let s = s.apply(Action::Select(Some(0))).apply(Action::Accept(0));
        assert!(!is_unchecked(&s.work.list(CLAIMS)[0]));
        let s = s.apply(Action::Reject(1));
        assert_eq!(s.work.list(CLAIMS).len(), n - 1);
        assert_eq!(s.apply(Action::Undo).work.list(CLAIMS).len(), n);
        // The evidence's mark is no problem to the loader.
        assert_eq!(s.work.check().problems, []);
    }

    #[test]
    fn a_claim_from_a_sentence_goes_in_article_order_with_its_evidence() {
        let mut s = demo();
        let mut work = (*s.work).clone();
        work.paragraphs = (1..=12).map(|n| format!("Lead {n}. Ông Nam said “more {n}”.")).collect();
        s = Studio::new(work);
        let p = 2; // paragraph 3
        let text = s.work.paragraphs[p].clone();
        let start = text.find("Ông").unwrap();
        s = s.apply(Action::AddFromSentence { paragraph: p, start, end: text.len() });
        let at = s.selected.unwrap();
        let claims = s.work.list(CLAIMS);
        let claim = &claims[at];
        assert_eq!(claim["text"], json!("Ông Nam said “more 3”."));
        assert_eq!(claim["kind"], json!("quote"));
        assert_eq!(claim["paragraph"], json!(3));
        assert!(claims[..at].iter().all(|c| c["paragraph"].as_u64().unwrap_or(0) <= 3));
        assert!(claims[at + 1..].iter().all(|c| c["paragraph"].as_u64().unwrap_or(99) > 3));
        let (para, words, _) = evidence_of(&s.work, claim).unwrap();
        assert_eq!((para, &text[words[0].0..words[0].1]), (p, "Ông Nam said “more 3”."));
        assert_eq!(s.work.check().problems, []);
    }

    #[test]
    fn a_review_emptied_goes_and_topics_are_added_removed_and_labelled() {
        let s = typed(&demo(), Item::Review(0), "rating", "False");
        assert_eq!(s.work.list(CLAIMS)[0]["review"], json!({ "rating": "False" }));
        let s = typed(&s, Item::Review(0), "rating", "");
        assert!(s.work.list(CLAIMS)[0].get("review").is_none());
        let s = s.apply(Action::AddTopic { claim: 0, topic: " ceasefire ".into() });
        assert!(s.work.topics().iter().any(|(id, _)| id == "ceasefire"));
        let s = s.apply(Action::LabelTopic { topic: "ceasefire".into(), label: "Ceasefire".into() });
        assert!(s.work.topics().contains(&("ceasefire".into(), "Ceasefire".into())));
        let s = s.apply(Action::RemoveTopic { claim: 0, topic: "ceasefire".into() });
        assert!(!s.work.list(CLAIMS)[0]["topics"].as_array().unwrap().contains(&json!("ceasefire")));
        assert_eq!(s.work.check().problems, []);
    }

    #[test]
    fn an_empty_work_gets_a_speaker_and_a_source_with_its_first_claim() {
        let s = Studio::new(Work::empty());
        let s = typed(&s, Item::Article, "title", "Talks");
        let s = s.apply(Action::AddClaim);
        assert_eq!(s.selected, Some(0));
        let s = typed(&s, Item::Claim(0), "text", "Talks will go on.");
        assert_eq!(s.work.check().problems, []);
    }
}
