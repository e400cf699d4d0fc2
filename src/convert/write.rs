//! A loaded bundle written back as bundle JSON, in the style of the demo
//! bundles: the top level one member per line, each speaker, source, topic
//! and claim on a line of its own (so a diff shows which claim changed).

use crate::extract::{Draft, Evidence};
use crate::model::{Bundle, Claim, Review};
use serde_json::{json, Map, Value};

/// The bundle as JSON text. Version 1.1 when it uses 1.1's parts (reviews,
/// topic labels), else the version it was read as.
pub fn bundle_json(b: &Bundle) -> String {
    write(b, &[])
}

/// The bundle as JSON text on one line, with no space: an archive's card,
/// which a reader fetches as it is (a byte range is not compressed).
pub fn bundle_json_compact(b: &Bundle) -> String {
    serde_json::to_string(&value(b, &[])).unwrap_or_default()
}

/// A draft as bundle JSON: each claim with its `evidence` (format 1.2).
pub fn draft_json(d: &Draft) -> String {
    write(&d.bundle, &d.evidence)
}

fn write(b: &Bundle, evidence: &[Evidence]) -> String {
    layout(&value(b, evidence))
}

/// `evidence[i]`, where there is one, goes with claim `i`.
fn value(b: &Bundle, evidence: &[Evidence]) -> Value {
    let uses_1_1 = b.claims.iter().any(|c| c.review.is_some()) || b.topics.iter().any(|t| t.label.is_some());
    let version = if uses_1_1 && b.version < 1.1 { 1.1 } else { b.version };
    let mut root = Map::new();
    root.insert("version".into(), Value::Number(serde_json::Number::from_f64(version).unwrap_or_else(|| 1.into())));
    let a = &b.article;
    let article = object([
        ("title", a.title.as_deref().map(Value::from)),
        ("url", a.url.as_deref().map(Value::from)),
        ("publisher", a.publisher.as_deref().map(Value::from)),
        ("published", a.published.as_ref().map(|d| Value::from(d.to_string()))),
        ("language", a.language.as_deref().map(Value::from)),
    ]);
    root.insert("article".into(), article);
    let speakers = b.speakers.iter().map(|s| {
        object([
            ("id", Some(s.id.as_str().into())),
            ("name", Some(s.name.as_str().into())),
            ("role", s.role.as_deref().map(Value::from)),
            ("affiliation", s.affiliation.as_deref().map(Value::from)),
            ("kind", Some(s.kind.as_str().into())),
            ("image", s.image.as_deref().map(Value::from)),
        ])
    });
    root.insert("speakers".into(), speakers.collect());
    let sources = b.sources.iter().map(|s| {
        object([
            ("id", Some(s.id.as_str().into())),
            ("name", Some(s.name.as_str().into())),
            ("url", s.url.as_deref().map(Value::from)),
            ("kind", Some(s.kind.as_str().into())),
        ])
    });
    root.insert("sources".into(), sources.collect());
    if b.topics.iter().any(|t| t.label.is_some()) {
        let topics = b.topics.iter().filter_map(|t| {
            let label = t.label.as_deref()?;
            Some(json!({ "id": t.id, "label": label }))
        });
        root.insert("topics".into(), topics.collect());
    }
    let claims = b.claims.iter().enumerate().map(|(i, c)| {
        let mut item = claim(b, c);
        if let (Some(e), Value::Object(members)) = (evidence.get(i), &mut item) {
            members.insert("evidence".into(), evidence_json(e));
        }
        item
    });
    root.insert("claims".into(), claims.collect());
    Value::Object(root)
}

/// Any bundle as JSON text in this layout: each top-level member on a line
/// of its own, a list's items one per line. The editor writes the bundle
/// being edited with it, whatever it holds (`crate::studio`).
pub fn layout(root: &Value) -> String {
    let Value::Object(members) = root else { return format!("{}\n", inline(root)) };
    let mut out = String::from("{");
    for (i, (key, value)) in members.iter().enumerate() {
        out += if i == 0 { "\n  " } else { ",\n  " };
        match value {
            Value::Array(items) => list(&mut out, key, items.iter()),
            other => out += &format!("{}: {}", Value::from(key.as_str()), inline(other)),
        }
    }
    out += if members.is_empty() { "}\n" } else { "\n}\n" };
    out
}

fn claim(b: &Bundle, c: &Claim) -> Value {
    let sources: Vec<Value> = c.sources.iter().map(|&s| b.sources[s].id.as_str().into()).collect();
    let topics: Vec<Value> = b.topics_of(c).map(|t| t.id.as_str().into()).collect();
    object([
        ("id", Some(c.id.as_str().into())),
        ("text", Some(c.text.as_str().into())),
        ("speaker", Some(b.speakers[c.speaker].id.as_str().into())),
        ("sources", Some(sources.into())),
        ("kind", Some(c.kind.as_str().into())),
        ("date", c.date.as_ref().map(|d| d.to_string().into())),
        ("topics", (!topics.is_empty()).then(|| topics.into())),
        ("paragraph", c.paragraph.map(Value::from)),
        ("context", c.context.as_deref().map(Value::from)),
        ("review", c.review.as_ref().map(|r| review(b, r))),
    ])
}

fn evidence_json(e: &Evidence) -> Value {
    let range = |(s, e): (usize, usize)| json!([s, e]);
    json!({
        "paragraph": e.paragraph,
        "text": e.text.iter().copied().map(range).collect::<Vec<_>>(),
        "cue": range(e.cue),
        "confidence": e.confidence,
        "rule": e.rule,
    })
}

fn review(b: &Bundle, r: &Review) -> Value {
    let num = |n: Option<f64>| n.and_then(serde_json::Number::from_f64).map(Value::Number);
    object([
        ("rating", Some(b.verdict_of(r).into())),
        ("value", num(r.value)),
        ("best", num(r.best)),
        ("worst", num(r.worst)),
        ("reviewer", r.reviewer.map(|s| b.sources[s].id.as_str().into())),
        ("url", r.url.as_deref().map(Value::from)),
        ("date", r.date.as_ref().map(|d| d.to_string().into())),
    ])
}

/// An object of the members that are present, in the order given
/// (serde_json keeps insertion order: its `preserve_order` feature).
fn object<const N: usize>(members: [(&str, Option<Value>); N]) -> Value {
    Value::Object(members.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect::<Map<_, _>>())
}

/// `"key": [` then one line per item, then `]`.
fn list<'a>(out: &mut String, key: &str, items: impl Iterator<Item = &'a Value>) {
    *out += &format!("{}: [", Value::from(key));
    let mut first = true;
    for item in items {
        *out += if first { "\n    " } else { ",\n    " };
        *out += &inline(item);
        first = false;
    }
    *out += if first { "]" } else { "\n  ]" };
}

/// A value on one line, with a space inside braces and after commas:
/// `{ "id": "a", "sources": ["s", "t"] }`.
fn inline(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "{}".to_owned(),
        Value::Object(map) => {
            let members: Vec<String> =
                map.iter().map(|(k, v)| format!("{}: {}", Value::from(k.as_str()), inline(v))).collect();
            format!("{{ {} }}", members.join(", "))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        other => other.to_string(),
    }
}

/// A number as JSON: whole numbers without a decimal point.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    #[test]
    fn a_bundle_written_reads_back_the_same_and_cleanly() {
        for text in [
            include_str!("../../static/bundles/us-hamas-talks.json"),
            include_str!("../../tests/fixtures/schema/valid/every-field.json"),
        ] {
            let bundle = load(text).bundle.unwrap();
            let written = bundle_json(&bundle);
            let again = load(&written);
            assert_eq!(again.problems, [], "{written}");
            assert_eq!(again.bundle.unwrap(), bundle);
        }
    }

    #[test]
    fn one_item_per_line() {
        let bundle = load(include_str!("../../static/bundles/us-hamas-talks.json")).bundle.unwrap();
        let written = bundle_json(&bundle);
        // The demo labels its topics: format 1.1, with a `topics` list.
        assert!(written.starts_with("{\n  \"version\": 1.1,\n  \"article\": { \"title\": "), "{written}");
        assert!(written.contains("\n    { \"id\": \"us-hamas-talks\", \"label\": \"US–Hamas talks\" },\n"));
        assert!(written.contains(
            "\n    { \"id\": \"karoline-leavitt\", \"name\": \"Karoline Leavitt\", \"role\": \"White House press secretary\", \"affiliation\": \"White House\", \"kind\": \"person\" },\n"
        ));
        assert_eq!(
            written.lines().count(),
            2 + 1
                + 4 * 2
                + bundle.speakers.len()
                + bundle.sources.len()
                + bundle.topics.len()
                + bundle.claims.len()
                + 1
        );
    }
}
