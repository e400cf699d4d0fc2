//! `claim-cards export jsonld BUNDLE`: the claims as schema.org JSON-LD for
//! the article's page, so that search engines and fact-check tools read
//! them too. `claim-cards render --jsonld` puts it in the page.
//!
//! * a quote is a `Quotation` (`text`, `creator`, `isBasedOn` its sources'
//!   URLs, `dateCreated`);
//! * any other claim a `Claim` (`text`, `author`, `appearance` its sources,
//!   `datePublished`);
//! * a claim with a review also a `ClaimReview` (`claimReviewed`,
//!   `itemReviewed` the claim, `author` the reviewer, `reviewRating` with the
//!   verdict's words as `alternateName` and its scale, `url`,
//!   `datePublished`, `inLanguage`) — what `import claimreview` reads back;
//! * speakers are a `Person` (`name`, `jobTitle`, `affiliation`) or an
//!   `Organization`.
//!
//! Each claim node has an `@id`: the article's URL with `#claim-<id>`, the
//! fragment the widget scrolls to.

use super::schemaorg;
use crate::model::{Bundle, Claim, ClaimKind, Review, Speaker};
use serde_json::{json, Map, Value};

pub fn export(b: &Bundle) -> Value {
    let mut graph = Vec::new();
    for c in &b.claims {
        graph.push(claim_node(b, c));
        if let Some(r) = &c.review {
            graph.push(review_node(b, c, r));
        }
    }
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// The `@id` of a claim's node.
fn claim_id(b: &Bundle, c: &Claim) -> String {
    format!("{}#claim-{}", b.article.url.as_deref().unwrap_or(""), c.id)
}

fn claim_node(b: &Bundle, c: &Claim) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), claim_id(b, c).into());
    if c.kind == ClaimKind::Quote {
        node.insert("@type".into(), "Quotation".into());
        node.insert("text".into(), c.text.clone().into());
        node.insert("creator".into(), person(&b.speakers[c.speaker]));
        let urls: Vec<Value> = c.sources.iter().filter_map(|&s| b.sources[s].url.clone()).map(Value::from).collect();
        if !urls.is_empty() {
            node.insert("isBasedOn".into(), urls.into());
        }
        if let Some(d) = &c.date {
            node.insert("dateCreated".into(), d.to_string().into());
        }
    } else {
        node.insert("@type".into(), "Claim".into());
        node.insert("text".into(), c.text.clone().into());
        said(b, c, &mut node);
    }
    Value::Object(node)
}

/// What a `Claim` node says of who made the claim, where and when.
fn said(b: &Bundle, c: &Claim, node: &mut Map<String, Value>) {
    node.insert("author".into(), person(&b.speakers[c.speaker]));
    node.insert("appearance".into(), appearances(b, c));
    if let Some(d) = &c.date {
        node.insert("datePublished".into(), d.to_string().into());
    }
}

/// A node of type `kind` with a name and, when there is one, a URL.
fn named(kind: &str, name: &str, url: Option<&String>) -> Value {
    let mut node = Map::new();
    node.insert("@type".into(), kind.into());
    node.insert("name".into(), name.into());
    if let Some(url) = url {
        node.insert("url".into(), url.clone().into());
    }
    Value::Object(node)
}

/// A claim's sources as the works it appeared in.
fn appearances(b: &Bundle, c: &Claim) -> Value {
    c.sources
        .iter()
        .map(|&s| named("CreativeWork", &b.sources[s].name, b.sources[s].url.as_ref()))
        .collect::<Vec<_>>()
        .into()
}

fn person(s: &Speaker) -> Value {
    let kind = schemaorg::speaker_type(s.kind);
    let mut node = Map::new();
    node.insert("@type".into(), kind.into());
    node.insert("name".into(), s.name.clone().into());
    if kind == "Person" {
        if let Some(role) = &s.role {
            node.insert("jobTitle".into(), role.clone().into());
        }
        if let Some(affiliation) = &s.affiliation {
            node.insert("affiliation".into(), json!({ "@type": "Organization", "name": affiliation }));
        }
    } else if let Some(role) = &s.role {
        node.insert("description".into(), role.clone().into());
    }
    if let Some(image) = &s.image {
        node.insert("image".into(), image.clone().into());
    }
    Value::Object(node)
}

fn review_node(b: &Bundle, c: &Claim, r: &Review) -> Value {
    let mut claim = Map::new();
    claim.insert("@type".into(), "Claim".into());
    claim.insert("@id".into(), claim_id(b, c).into());
    said(b, c, &mut claim);
    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    rating.insert("alternateName".into(), b.verdict_of(r).into());
    for (key, n) in [("ratingValue", r.value), ("bestRating", r.best), ("worstRating", r.worst)] {
        if let Some(n) = n.and_then(serde_json::Number::from_f64) {
            rating.insert(key.into(), Value::Number(n));
        }
    }
    let mut node = Map::new();
    node.insert("@type".into(), "ClaimReview".into());
    node.insert("claimReviewed".into(), c.text.clone().into());
    node.insert("itemReviewed".into(), Value::Object(claim));
    if let Some(src) = r.reviewer.and_then(|s| b.sources.get(s)) {
        node.insert("author".into(), named("Organization", &src.name, src.url.as_ref()));
    }
    node.insert("reviewRating".into(), Value::Object(rating));
    if let Some(url) = &r.url {
        node.insert("url".into(), url.clone().into());
    }
    if let Some(d) = &r.date {
        node.insert("datePublished".into(), d.to_string().into());
    }
    if let Some(lang) = &b.article.language {
        node.insert("inLanguage".into(), lang.clone().into());
    }
    Value::Object(node)
}

/// The JSON-LD as a `<script type="application/ld+json">` for an HTML page
/// (`<` escaped, so no text in it can end the script).
pub fn script(b: &Bundle) -> String {
    let text = serde_json::to_string_pretty(&export(b)).unwrap_or_default();
    format!("<script type=\"application/ld+json\">\n{}\n</script>", text.replace('<', "\\u003c"))
}
