//! `claim-cards import factcheck-api FILE...`: responses of Google's Fact
//! Check Tools API (`claims:search`) into a bundle.
//!
//! A file holds one response `{claims: [...], nextPageToken}` or a list of
//! them (pages saved together).
//!
//! | API | bundle |
//! | --- | --- |
//! | `text` | the claim's `text` (required) |
//! | `claimant` | its speaker, one per name; none: an unnamed speaker |
//! | `claimDate` | its `date` |
//! | `claimReview[0]` | its `review`: `textualRating` the verdict's words, `publisher` the reviewer (a source of kind `article`, `site` its link) — and the claim's source —, `url`, `reviewDate` |
//! | `claimReview[0].languageCode` | the article's `language` |
//!
//! The API gives no scale and no appearance. A claim holds one review: its
//! other reviews are reported, not kept.

use super::{normalize_date, text_of, Draft, Ids, Imported, Note, Origin};
use crate::load::check_url;
use crate::model::{SourceKind, SpeakerKind};
use crate::text::fold;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub use super::claimreview::{Input, Options};

pub fn import(inputs: &[Input], options: &Options) -> Imported {
    let mut b = Builder::default();
    for input in inputs {
        let value: Value = match serde_json::from_str(input.text.trim_start_matches('\u{feff}')) {
            Ok(v) => v,
            Err(e) => {
                b.notes.push(Note::error(
                    format!("{}:{}:{}", input.name, e.line(), e.column()),
                    format!("not valid JSON: {e}"),
                ));
                continue;
            }
        };
        // Where a response is in the file: the whole of it, or `[i].` of a list.
        let responses: Vec<(String, &Value)> = match &value {
            Value::Array(pages) => pages.iter().enumerate().map(|(i, p)| (format!("[{i}]."), p)).collect(),
            other => vec![(String::new(), other)],
        };
        for (prefix, response) in responses {
            let at = format!("{}: {prefix}", input.name);
            match response.get("claims") {
                Some(Value::Array(claims)) => {
                    for (i, c) in claims.iter().enumerate() {
                        b.claim(c, &format!("{at}claims[{i}]"));
                    }
                }
                None if response.is_object() => b.notes.push(Note::warning(at, "no \"claims\": an empty answer")),
                _ => b.notes.push(Note::error(at, "not a claims:search response (an object with \"claims\")")),
            }
        }
    }
    b.finish(options)
}

#[derive(Default)]
struct Builder {
    draft: Draft,
    notes: Vec<Note>,
    speaker_ids: Ids,
    source_ids: Ids,
    claim_ids: Ids,
    /// Folded name → id.
    speakers: HashMap<String, String>,
    /// Folded publisher name → id.
    sources: HashMap<String, String>,
    /// (review URL, folded text) → index in the draft's claims.
    claims: HashMap<(String, String), usize>,
    language: Option<String>,
    publishers: Vec<String>,
}

impl Builder {
    fn claim(&mut self, c: &Value, at: &str) {
        let Some(text) = c.get("text").and_then(text_of) else {
            self.notes.push(Note::error(at, "no \"text\": the claim's words are missing; left out"));
            return;
        };
        let reviews: Vec<&Value> = match c.get("claimReview") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ => Vec::new(),
        };
        let Some(review) = reviews.first().copied() else {
            self.notes.push(Note::error(at, "no \"claimReview\": nothing says where the claim was made; left out"));
            return;
        };
        for (i, other) in reviews.iter().enumerate().skip(1) {
            let by =
                other.pointer("/publisher/name").and_then(text_of).unwrap_or_else(|| "another publisher".to_owned());
            let rating = other.get("textualRating").and_then(text_of).unwrap_or_default();
            self.notes.push(Note::warning(
                format!("{at}.claimReview[{i}]"),
                format!("a second review ({by}: \"{rating}\"); a claim holds one review, so this one is left out"),
            ));
        }
        let key = (review.get("url").and_then(text_of).unwrap_or_default(), fold(&text));
        if let Some(&existing) = self.claims.get(&key) {
            let first_at = self.draft.claims[existing].1.at.clone();
            self.notes.push(Note::warning(at, format!("the same claim and review as {first_at}; kept once")));
            return;
        }
        let Some(publisher) = self.publisher(review, &format!("{at}.claimReview[0]")) else {
            self.notes.push(Note::error(
                at,
                "its review names no publisher: nothing says where the claim was made; left out",
            ));
            return;
        };
        let speaker = self.speaker(c.get("claimant").and_then(text_of));
        let mut claim = Map::new();
        claim.insert("id".into(), self.claim_ids.make(&text, "claim").into());
        claim.insert("text".into(), text.into());
        claim.insert("speaker".into(), speaker.into());
        claim.insert("sources".into(), json!([publisher]));
        if let Some(raw) = c.get("claimDate").and_then(text_of) {
            match normalize_date(&raw) {
                Ok(d) => {
                    claim.insert("date".into(), d.into());
                }
                Err(why) => self.notes.push(Note::warning(at, format!("\"claimDate\": {why}; left out"))),
            }
        }
        let mut r = Map::new();
        match review.get("textualRating").and_then(text_of) {
            Some(words) => {
                r.insert("rating".into(), words.into());
                r.insert("reviewer".into(), publisher.into());
                if let Some(url) = review.get("url").and_then(text_of) {
                    r.insert("url".into(), url.into());
                }
                if let Some(raw) = review.get("reviewDate").and_then(text_of) {
                    match normalize_date(&raw) {
                        Ok(d) => {
                            r.insert("date".into(), d.into());
                        }
                        Err(why) => self
                            .notes
                            .push(Note::warning(at, format!("\"claimReview[0].reviewDate\": {why}; left out"))),
                    }
                }
                claim.insert("review".into(), r.into());
            }
            None => self
                .notes
                .push(Note::warning(at, "\"claimReview[0]\" has no \"textualRating\": the claim has no verdict")),
        }
        if let Some(lang) = review.get("languageCode").and_then(text_of) {
            match &self.language {
                None => self.language = Some(lang),
                Some(first) if first.eq_ignore_ascii_case(&lang) => {}
                Some(first) => self.notes.push(Note::warning(
                    at,
                    format!("\"languageCode\" \"{lang}\" differs from \"{first}\", which is the article's"),
                )),
            }
        }
        self.claims.insert(key, self.draft.claims.len());
        self.draft.claims.push((Value::Object(claim), Origin::new(at)));
    }

    fn speaker(&mut self, name: Option<String>) -> String {
        let name = name.filter(|n| !super::schemaorg::is_unknown_name(n));
        let key = name.as_deref().map(fold).unwrap_or_else(|| "\u{0}unnamed".to_owned());
        if let Some(id) = self.speakers.get(&key) {
            return id.clone();
        }
        let (id, speaker) = match name {
            Some(name) => {
                let id = self.speaker_ids.make(&name, "speaker");
                (id.clone(), json!({ "id": id, "name": name }))
            }
            None => {
                let id = self.speaker_ids.make("unnamed", "speaker");
                (id.clone(), json!({ "id": id, "name": "Unnamed claimant", "kind": SpeakerKind::Unnamed.as_str() }))
            }
        };
        self.speakers.insert(key, id.clone());
        self.draft.speakers.push((speaker, Origin::new("claimant")));
        id
    }

    /// The review's publisher as a source (the fact-checker).
    fn publisher(&mut self, review: &Value, at: &str) -> Option<String> {
        let site = review.pointer("/publisher/site").and_then(text_of);
        let name = review.pointer("/publisher/name").and_then(text_of).or_else(|| site.clone())?;
        let key = fold(&name);
        if let Some(id) = self.sources.get(&key) {
            return Some(id.clone());
        }
        let id = self.source_ids.make(&name, "source");
        let mut s = Map::new();
        s.insert("id".into(), id.clone().into());
        s.insert("name".into(), name.clone().into());
        if let Some(url) =
            site.map(|s| if s.contains("://") { s } else { format!("https://{s}") }).filter(|u| check_url(u).is_ok())
        {
            s.insert("url".into(), url.into());
        }
        s.insert("kind".into(), SourceKind::Article.as_str().into());
        self.sources.insert(key, id.clone());
        self.publishers.push(name);
        self.draft.sources.push((Value::Object(s), Origin::new(format!("{at} publisher"))));
        Some(id)
    }

    fn finish(mut self, options: &Options) -> Imported {
        let article = &mut self.draft.article;
        article
            .insert("title".into(), options.title.clone().unwrap_or_else(|| "Fact-checked claims".to_owned()).into());
        if let Some(url) = &options.url {
            article.insert("url".into(), url.clone().into());
        }
        if let [one] = self.publishers.as_slice() {
            article.insert("publisher".into(), one.clone().into());
        }
        if let Some(lang) = self.language.take() {
            article.insert("language".into(), lang.into());
        }
        self.draft.article_origin.at = "article".into();
        self.draft.version = Some(1.1);
        self.draft.finish(self.notes)
    }
}
