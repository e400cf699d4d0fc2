//! `claim-cards import claimreview FILE...`: schema.org `ClaimReview` markup,
//! as fact-checkers publish it, into a bundle.
//!
//! Input: JSON-LD files, or saved HTML pages (every
//! `<script type="application/ld+json">` in them). A ClaimReview is found
//! wherever it stands: one object, an array, an `@graph`, a data feed's
//! `dataFeedElement[].item[]`.
//!
//! | ClaimReview | bundle |
//! | --- | --- |
//! | `claimReviewed` | the claim's `text` (required) |
//! | `itemReviewed.author` | its speaker, one per name; "Unknown" or none: an unnamed speaker |
//! | `itemReviewed.firstAppearance`, `.appearance` | its sources, one per URL (kind: social media for the big platforms, else other), or per name for a work without a URL |
//! | `author` (the fact-checker) | a source of kind `article`: the review's `reviewer` (named from its `url`'s host without a name); the claim's source when it has no appearance |
//! | `itemReviewed.datePublished` | the claim's `date` |
//! | `reviewRating` | `review`: `alternateName` the verdict's words, `ratingValue`/`bestRating`/`worstRating` its scale (numbers or strings of digits; schema.org's defaults 5 and 1 when missing) |
//! | `url`, `datePublished` | the review's `url` and `date` |
//! | `inLanguage` | the article's `language` |
//!
//! The same review (same URL, same claim) found twice is one claim.

mod documents;

use super::build::Builder;
use super::schemaorg::{self, is_type};
use super::{number_of, text_of, Imported, Note};
use crate::load::check_url;
use crate::load::host_of;
use crate::model::SourceKind;
use crate::text::fold;
use documents::{documents, find_reviews};
use serde_json::{Map, Value};

/// One input file: its name (for messages) and its text.
pub struct Input {
    pub name: String,
    pub text: String,
}

/// What the input cannot say about the article.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// The article's title (default: the first HTML page's `<title>`).
    pub title: Option<String>,
    pub url: Option<String>,
}

pub fn import(inputs: &[Input], options: &Options) -> Imported {
    let mut reviews = Reviews::default();
    let mut page_title = None;
    for input in inputs {
        for doc in documents(input, &mut reviews.b.notes, &mut page_title) {
            let mut found = Vec::new();
            find_reviews(&doc.value, String::new(), &mut found);
            if found.is_empty() {
                reviews.b.note(Note::warning(&doc.at, "no ClaimReview in it"));
            }
            for (pointer, review) in found {
                let at = match (pointer.is_empty(), doc.script) {
                    (true, _) => doc.at.clone(),
                    (false, true) => format!("{} {pointer}", doc.at),
                    (false, false) => format!("{}: {pointer}", doc.at),
                };
                reviews.review(review, &at);
            }
        }
    }
    let title = options.title.clone().or(page_title);
    reviews.b.finish(title, "Fact-checked claims".to_owned(), options.url.clone())
}

/// The first of a value that may be a list; the rest are counted.
fn first(value: Option<&Value>) -> (Option<&Value>, usize) {
    match value {
        Some(Value::Array(items)) => (items.first(), items.len().saturating_sub(1)),
        Some(Value::Null) | None => (None, 0),
        Some(v) => (Some(v), 0),
    }
}

/// The name of a node (its `name`, a string of it, or the first of a list).
fn name_of(node: &Value) -> Option<String> {
    match node {
        Value::Object(o) => first(o.get("name")).0.and_then(text_of),
        other => text_of(other),
    }
}

/// A node's URL: a string, or an object's `url` (or an `@id` that is a link).
fn url_of(node: &Value) -> Option<String> {
    match node {
        Value::Object(o) => first(o.get("url"))
            .0
            .and_then(url_of)
            .or_else(|| o.get("@id").and_then(text_of).filter(|id| check_url(id).is_ok())),
        other => text_of(other),
    }
}

/// A name for a link that has none: its host, and for a social platform the
/// account or group it is in (`x.com/MarcusForHarbor`,
/// `facebook.com/groups/harborneighbors`).
fn link_name(url: &str) -> String {
    let host = host_of(url).unwrap_or_default();
    if schemaorg::source_kind(&host) != SourceKind::SocialMedia {
        return host;
    }
    let path = url.split_once("://").map_or("", |(_, rest)| rest);
    let mut parts = path.split(['?', '#']).next().unwrap_or("").split('/').skip(1).filter(|p| !p.is_empty());
    match parts.next() {
        Some(first @ ("groups" | "pages" | "channel" | "c" | "user" | "r" | "u" | "people")) => match parts.next() {
            Some(second) => format!("{host}/{first}/{second}"),
            None => host,
        },
        Some(first) => format!("{host}/{first}"),
        None => host,
    }
}

/// A ClaimReview importer: the shared builder and what only ClaimReview reads.
#[derive(Default)]
struct Reviews {
    b: Builder,
}

impl Reviews {
    fn review(&mut self, r: &Value, at: &str) {
        let Some(text) = r.get("claimReviewed").and_then(|v| first(Some(v)).0).and_then(text_of) else {
            self.b.note(Note::error(at, "no \"claimReviewed\": the claim's words are missing; left out"));
            return;
        };
        let item = r.get("itemReviewed").filter(|v| v.is_object());
        let review_url = r.get("url").and_then(text_of).unwrap_or_default();

        // Where the claim was made: one source per URL.
        let mut sources = Vec::new();
        for prop in ["firstAppearance", "appearance"] {
            let values = match item.and_then(|i| i.get(prop)) {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(Value::Null) | None => Vec::new(),
                Some(v) => vec![v],
            };
            let listed = matches!(item.and_then(|i| i.get(prop)), Some(Value::Array(_)));
            for (i, v) in values.into_iter().enumerate() {
                let field = if listed { format!("itemReviewed.{prop}[{i}]") } else { format!("itemReviewed.{prop}") };
                match self.appearance(v) {
                    Ok(id) if !sources.contains(&id) => sources.push(id),
                    Ok(_) => {}
                    Err(why) => {
                        self.b.note(Note::warning(at, format!("\"{field}\" {why}; this appearance is left out")))
                    }
                }
            }
        }

        if let Some(existing) = self.b.seen(&review_url, &text) {
            let (claim, origin) = self.b.claim_mut(existing);
            if let Some(Value::Array(list)) = claim.get_mut("sources") {
                for id in sources {
                    if !list.iter().any(|s| s.as_str() == Some(id.as_str())) {
                        list.push(id.into());
                    }
                }
            }
            let message = format!("the same review as {} (same URL and claim); merged into it", origin.at);
            self.b.note(Note::warning(at, message));
            return;
        }

        let reviewer = self.reviewer(r, at);
        if sources.is_empty() {
            match &reviewer {
                Some(id) => {
                    sources.push(id.clone());
                    self.b.note(Note::warning(
                        at,
                        "no \"itemReviewed.appearance\" with a URL: the claim is listed as seen in the fact-check",
                    ));
                }
                None => {
                    self.b.note(Note::error(
                        at,
                        "neither an appearance with a URL nor a reviewer: nothing says where the claim was made; left out",
                    ));
                    return;
                }
            }
        }
        let first_source = sources.first().cloned();
        let speaker = self.speaker(item, first_source.as_deref(), at);

        let mut claim = Map::new();
        claim.insert("speaker".into(), speaker.into());
        claim.insert("sources".into(), sources.into());
        let date = item.and_then(|i| i.get("datePublished")).or_else(|| {
            let (first_appearance, _) = first(item.and_then(|i| i.get("firstAppearance")));
            first_appearance.and_then(|a| a.get("datePublished"))
        });
        self.b.date(&mut claim, date.and_then(text_of), at, "itemReviewed.datePublished");
        if let Some(review) = self.rating(r, at, reviewer, &review_url) {
            claim.insert("review".into(), review.into());
        }
        let (lang, _) = first(r.get("inLanguage"));
        let lang = lang.and_then(|l| match l {
            Value::Object(o) => o.get("alternateName").and_then(text_of),
            other => text_of(other),
        });
        if let Some(lang) = lang {
            self.b.language(lang, at, "inLanguage");
        }
        self.b.push_claim(&review_url, text, at, claim);
    }

    /// The speaker of the claim: the reviewed item's author, one speaker per name.
    fn speaker(&mut self, item: Option<&Value>, source: Option<&str>, at: &str) -> String {
        let (author, more) = first(item.and_then(|i| i.get("author")));
        if more > 0 {
            self.b.note(Note::warning(
                at,
                format!("\"itemReviewed.author\" names {} authors; a claim has one speaker: the first", more + 1),
            ));
        }
        let node = author.filter(|a| a.is_object());
        self.b.speaker(author.and_then(name_of), source, &format!("{at} itemReviewed.author"), |s| {
            let Some(node) = node else { return };
            if let Some(role) = first(node.get("jobTitle")).0.and_then(text_of) {
                s.insert("role".into(), role.into());
            }
            if let Some(affiliation) = first(node.get("affiliation")).0.and_then(name_of) {
                s.insert("affiliation".into(), affiliation.into());
            }
            s.insert("kind".into(), schemaorg::speaker_kind(node).as_str().into());
            if let Some(image) = first(node.get("image")).0.and_then(url_of) {
                s.insert("image".into(), image.into());
            }
        })
    }

    /// A source for an appearance of the claim: a URL, or a node with one —
    /// or, without a URL, with a name (a source need not link anywhere).
    fn appearance(&mut self, node: &Value) -> Result<String, String> {
        let name = match node {
            Value::Object(o) => first(o.get("name")).0.or(first(o.get("headline")).0).and_then(text_of),
            _ => None,
        };
        let url = match url_of(node) {
            Some(url) => Some(check_url(&url)?),
            None if name.is_some() => None,
            None => return Err("has neither a URL nor a name".to_owned()),
        };
        let key = match &url {
            Some(url) => url.clone(),
            None => format!("appearance:{}", fold(name.as_deref().unwrap_or(""))),
        };
        let host = url.as_deref().and_then(host_of).unwrap_or_default();
        let name = name.unwrap_or_else(|| url.as_deref().map_or_else(|| host.clone(), link_name));
        let social = is_type(node, "SocialMediaPosting") || schemaorg::source_kind(&host) == SourceKind::SocialMedia;
        let kind = if social { SourceKind::SocialMedia } else { SourceKind::Other };
        Ok(self.b.source(std::slice::from_ref(&key), &name, &key, || {
            let mut s = Map::new();
            if let Some(url) = url {
                s.insert("url".into(), url.into());
            }
            s.insert("kind".into(), kind.as_str().into());
            s
        }))
    }

    /// The fact-checker (the review's author) as a source.
    fn reviewer(&mut self, r: &Value, at: &str) -> Option<String> {
        let (author, more) = first(r.get("author").or_else(|| r.get("publisher")));
        if more > 0 {
            self.b.note(Note::warning(
                at,
                format!("\"author\" names {} fact-checkers; the first is the reviewer", more + 1),
            ));
        }
        let Some(author) = author else {
            self.b.note(Note::warning(at, "no \"author\": the review names no fact-checker"));
            return None;
        };
        let url = url_of(author).and_then(|u| check_url(&u).ok());
        let Some(name) = name_of(author).or_else(|| url.as_deref().and_then(host_of)) else {
            self.b.note(Note::warning(at, "the review's \"author\" has neither a name nor a URL: no reviewer"));
            return None;
        };
        // One fact-checker, however its reviews name it: by name, or by its URL.
        Some(self.b.reviewer(&name, url, true, &format!("{at} author")))
    }

    /// The review: the rating's words and scale, the reviewer, the link and date.
    fn rating(&mut self, r: &Value, at: &str, reviewer: Option<String>, url: &str) -> Option<Map<String, Value>> {
        let (rating, _) = first(r.get("reviewRating"));
        let Some(rating) = rating.filter(|v| v.is_object()) else {
            self.b.note(Note::warning(at, "no \"reviewRating\": the claim has no verdict"));
            return None;
        };
        let raw_value = rating.get("ratingValue");
        let value = raw_value.and_then(number_of);
        let words = ["alternateName", "name"]
            .into_iter()
            .find_map(|k| first(rating.get(k)).0.and_then(text_of))
            .or_else(|| raw_value.filter(|_| value.is_none()).and_then(text_of));
        let Some(words) = words else {
            self.b.note(Note::warning(
                at,
                "\"reviewRating\" has no words for its verdict (\"alternateName\"): the claim has no verdict",
            ));
            return None;
        };
        let mut review = Map::new();
        review.insert("rating".into(), words.clone().into());
        if let Some(v) = value {
            review.insert("value".into(), v.into());
            let mut bound = |key: &str, default: f64| match rating.get(key) {
                Some(raw) if !raw.is_null() => number_of(raw).or_else(|| {
                    let message = format!("\"reviewRating.{key}\" {raw} is not a number; {default} is assumed");
                    self.b.note(Note::warning(at, message));
                    Some(default)
                }),
                _ => Some(default),
            };
            review.insert("best".into(), bound("bestRating", schemaorg::DEFAULT_BEST).into());
            review.insert("worst".into(), bound("worstRating", schemaorg::DEFAULT_WORST).into());
        } else if let Some(raw) = raw_value.filter(|v| !v.is_null() && text_of(v).as_deref() != Some(words.as_str())) {
            let message = format!("\"reviewRating.ratingValue\" {raw} is not a number: the verdict has no scale");
            self.b.note(Note::warning(at, message));
        }
        if let Some(id) = reviewer {
            review.insert("reviewer".into(), id.into());
        }
        if !url.is_empty() {
            review.insert("url".into(), url.into());
        }
        self.b.date(&mut review, r.get("datePublished").and_then(text_of), at, "datePublished");
        Some(review)
    }
}
