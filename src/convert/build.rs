//! What the fact-check importers (`claimreview`, `factcheck`) share: ids made
//! from names, one speaker per name (and an unnamed one per place claims
//! appeared), one source per key, one claim per review, the article they all
//! belong to.

use super::{normalize_date, Draft, Ids, Imported, Note, Origin};
use crate::model::{SourceKind, SpeakerKind};
use crate::text::fold;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The key of the unnamed speaker among speakers by folded name (no name folds to it).
const UNNAMED: &str = "\u{0}unnamed";

#[derive(Default)]
pub(super) struct Builder {
    draft: Draft,
    pub notes: Vec<Note>,
    speaker_ids: Ids,
    source_ids: Ids,
    claim_ids: Ids,
    /// Folded name → id.
    speakers: HashMap<String, String>,
    /// A source's keys (its URL, a prefixed folded name…) → id.
    sources: HashMap<String, String>,
    /// (review URL, folded claim text) → index in the draft's claims.
    claims: HashMap<(String, String), usize>,
    /// The first language given, and where.
    language: Option<(String, String)>,
    /// The fact-checkers met, in order.
    reviewers: Vec<String>,
}

impl Builder {
    pub fn note(&mut self, note: Note) {
        self.notes.push(note);
    }

    /// The id of the speaker called `name`, made the first time (with
    /// `details` added to it then). With no name (or one saying the claimant
    /// is unknown, "Unknown"), an unnamed speaker for the source the claim
    /// appeared in, `source` (an id): claims made in different places are not
    /// one person's ("Unnamed claimant, facebook.com/groups/…").
    pub fn speaker(
        &mut self,
        name: Option<String>,
        source: Option<&str>,
        at: &str,
        details: impl FnOnce(&mut Map<String, Value>),
    ) -> String {
        let name = name.filter(|n| !super::schemaorg::is_unknown_name(n));
        let place = source.and_then(|id| self.source_name(id));
        let key = match (&name, &place) {
            (Some(name), _) => fold(name),
            (None, Some(place)) => format!("{UNNAMED}\u{0}{}", fold(place)),
            (None, None) => UNNAMED.to_owned(),
        };
        if let Some(id) = self.speakers.get(&key) {
            return id.clone();
        }
        let mut s = Map::new();
        let (id, origin) = match name {
            Some(name) => {
                let id = self.speaker_ids.make(&name, "speaker");
                s.insert("id".into(), id.clone().into());
                s.insert("name".into(), name.into());
                details(&mut s);
                (id, at.to_owned())
            }
            None => {
                let label = match &place {
                    Some(place) => format!("Unnamed claimant, {place}"),
                    None => "Unnamed claimant".to_owned(),
                };
                let id = self.speaker_ids.make(&label, "speaker");
                s.insert("id".into(), id.clone().into());
                s.insert("name".into(), label.into());
                s.insert("kind".into(), SpeakerKind::Unnamed.as_str().into());
                (id, "(claims without a named claimant)".to_owned())
            }
        };
        self.speakers.insert(key, id.clone());
        self.draft.speakers.push((Value::Object(s), Origin::new(origin)));
        id
    }

    /// The name of the source with this id.
    fn source_name(&self, id: &str) -> Option<String> {
        self.draft.sources.iter().find_map(|(s, _)| {
            (s.get("id").and_then(Value::as_str) == Some(id))
                .then(|| s.get("name").and_then(Value::as_str).map(String::from))
                .flatten()
        })
    }

    /// The id of the source known by any of `keys`; else a new one named
    /// `name`, its other members from `members`, known by all the keys from now on.
    pub fn source(
        &mut self,
        keys: &[String],
        name: &str,
        origin: &str,
        members: impl FnOnce() -> Map<String, Value>,
    ) -> String {
        if let Some(id) = keys.iter().find_map(|k| self.sources.get(k)) {
            return id.clone();
        }
        let id = self.source_ids.make(name, "source");
        let mut s = Map::new();
        s.insert("id".into(), id.clone().into());
        s.insert("name".into(), name.into());
        s.extend(members());
        for key in keys {
            self.sources.insert(key.clone(), id.clone());
        }
        self.draft.sources.push((Value::Object(s), Origin::new(origin)));
        id
    }

    /// A fact-checker as a source of kind `article`, one per folded name (and
    /// per URL when `by_url` is given), remembered as a reviewer: when all
    /// reviews are one's, it is the article's publisher.
    pub fn reviewer(&mut self, name: &str, url: Option<String>, by_url: bool, origin: &str) -> String {
        let mut keys = vec![format!("reviewer:{}", fold(name))];
        keys.extend(url.as_ref().filter(|_| by_url).map(|u| format!("reviewer-url:{u}")));
        let id = self.source(&keys, name, origin, || {
            let mut s = Map::new();
            if let Some(url) = url {
                s.insert("url".into(), url.into());
            }
            s.insert("kind".into(), SourceKind::Article.as_str().into());
            s
        });
        if !self.reviewers.iter().any(|r| r == name) {
            self.reviewers.push(name.to_owned());
        }
        id
    }

    /// `raw`, a date read from the input's member `name`, as the `date` of
    /// `item` (a claim or a review); a note instead when it is no date.
    pub fn date(&mut self, item: &mut Map<String, Value>, raw: Option<String>, at: &str, name: &str) {
        let Some(raw) = raw else { return };
        match normalize_date(&raw) {
            Ok(d) => {
                item.insert("date".into(), d.into());
            }
            Err(why) => self.note(Note::warning(at, format!("\"{name}\": {why}; left out"))),
        }
    }

    /// Where the claim of this review was first read, if it was already.
    pub fn seen(&self, review_url: &str, text: &str) -> Option<usize> {
        self.claims.get(&(review_url.to_owned(), fold(text))).copied()
    }

    /// A claim of the draft, to merge a later copy into.
    pub fn claim_mut(&mut self, index: usize) -> &mut (Value, Origin) {
        &mut self.draft.claims[index]
    }

    /// Adds a claim (`members` without its id, made here from its text).
    pub fn push_claim(&mut self, review_url: &str, text: String, at: &str, members: Map<String, Value>) {
        let mut claim = Map::new();
        claim.insert("id".into(), self.claim_ids.make(&text, "claim").into());
        self.claims.insert((review_url.to_owned(), fold(&text)), self.draft.claims.len());
        claim.insert("text".into(), text.into());
        claim.extend(members);
        self.draft.claims.push((Value::Object(claim), Origin::new(at)));
    }

    /// The article's language: the first one given; a different one later is noted.
    pub fn language(&mut self, lang: String, at: &str, field: &str) {
        match &self.language {
            None => self.language = Some((lang, at.to_owned())),
            Some((first, _)) if first.eq_ignore_ascii_case(&lang) => {}
            Some((first, first_at)) => {
                let message =
                    format!("\"{field}\" \"{lang}\" differs from \"{first}\" ({first_at}), which is the article's");
                self.notes.push(Note::warning(at, message));
            }
        }
    }

    /// The article (a title, else `default_title`), then the draft through the loader.
    pub fn finish(mut self, title: Option<String>, default_title: String, url: Option<String>) -> Imported {
        let article = &mut self.draft.article;
        article.insert("title".into(), title.unwrap_or(default_title).into());
        if let Some(url) = url {
            article.insert("url".into(), url.into());
        }
        if let [one] = self.reviewers.as_slice() {
            article.insert("publisher".into(), one.clone().into());
        }
        if let Some((lang, at)) = self.language.take() {
            article.insert("language".into(), lang.into());
            self.draft.article_origin.fields.push(("language".into(), at));
        }
        self.draft.article_origin.at = "article".into();
        self.draft.version = Some(1.1);
        self.draft.finish(self.notes)
    }
}
