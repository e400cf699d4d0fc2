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

use super::build::Builder;
use super::{text_of, Imported, Note};
use crate::load::check_url;
use serde_json::{json, Map, Value};

pub use super::claimreview::{Input, Options};

pub fn import(inputs: &[Input], options: &Options) -> Imported {
    let mut c = Claims::default();
    for input in inputs {
        let value: Value = match serde_json::from_str(input.text.trim_start_matches('\u{feff}')) {
            Ok(v) => v,
            Err(e) => {
                c.b.note(Note::error(
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
                    for (i, claim) in claims.iter().enumerate() {
                        c.claim(claim, &format!("{at}claims[{i}]"));
                    }
                }
                None if response.is_object() => c.b.note(Note::warning(at, "no \"claims\": an empty answer")),
                _ => c.b.note(Note::error(at, "not a claims:search response (an object with \"claims\")")),
            }
        }
    }
    c.b.finish(options.title.clone(), "Fact-checked claims".to_owned(), options.url.clone())
}

/// A Fact Check Tools importer: the shared builder.
#[derive(Default)]
struct Claims {
    b: Builder,
}

impl Claims {
    fn claim(&mut self, c: &Value, at: &str) {
        let Some(text) = c.get("text").and_then(text_of) else {
            self.b.note(Note::error(at, "no \"text\": the claim's words are missing; left out"));
            return;
        };
        let reviews: Vec<&Value> = match c.get("claimReview") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ => Vec::new(),
        };
        let Some(review) = reviews.first().copied() else {
            self.b.note(Note::error(at, "no \"claimReview\": nothing says where the claim was made; left out"));
            return;
        };
        for (i, other) in reviews.iter().enumerate().skip(1) {
            let by =
                other.pointer("/publisher/name").and_then(text_of).unwrap_or_else(|| "another publisher".to_owned());
            let rating = other.get("textualRating").and_then(text_of).unwrap_or_default();
            self.b.note(Note::warning(
                format!("{at}.claimReview[{i}]"),
                format!("a second review ({by}: \"{rating}\"); a claim holds one review, so this one is left out"),
            ));
        }
        let review_url = review.get("url").and_then(text_of).unwrap_or_default();
        if let Some(existing) = self.b.seen(&review_url, &text) {
            let first_at = self.b.claim_mut(existing).1.at.clone();
            self.b.note(Note::warning(at, format!("the same claim and review as {first_at}; kept once")));
            return;
        }
        let Some(publisher) = self.publisher(review, &format!("{at}.claimReview[0]")) else {
            self.b.note(Note::error(
                at,
                "its review names no publisher: nothing says where the claim was made; left out",
            ));
            return;
        };
        let speaker =
            // The API says who reviewed a claim, not where it was made: claims without a claimant share one speaker.
            self.b.speaker(c.get("claimant").and_then(text_of), None, &format!("{at}.claimant"), |_| {});
        let mut claim = Map::new();
        claim.insert("speaker".into(), speaker.into());
        claim.insert("sources".into(), json!([publisher]));
        self.b.date(&mut claim, c.get("claimDate").and_then(text_of), at, "claimDate");
        match review.get("textualRating").and_then(text_of) {
            Some(words) => {
                let mut r = Map::new();
                r.insert("rating".into(), words.into());
                r.insert("reviewer".into(), publisher.into());
                if !review_url.is_empty() {
                    r.insert("url".into(), review_url.clone().into());
                }
                self.b.date(&mut r, review.get("reviewDate").and_then(text_of), at, "claimReview[0].reviewDate");
                claim.insert("review".into(), r.into());
            }
            None => {
                self.b.note(Note::warning(at, "\"claimReview[0]\" has no \"textualRating\": the claim has no verdict"))
            }
        }
        if let Some(lang) = review.get("languageCode").and_then(text_of) {
            self.b.language(lang, at, "languageCode");
        }
        self.b.push_claim(&review_url, text, at, claim);
    }

    /// The review's publisher as a source (the fact-checker).
    fn publisher(&mut self, review: &Value, at: &str) -> Option<String> {
        let site = review.pointer("/publisher/site").and_then(text_of);
        let name = review.pointer("/publisher/name").and_then(text_of).or_else(|| site.clone())?;
        let url =
            site.map(|s| if s.contains("://") { s } else { format!("https://{s}") }).filter(|u| check_url(u).is_ok());
        Some(self.b.reviewer(&name, url, false, &format!("{at}.publisher")))
    }
}
