//! The loader's rules, one test each, and property tests: it never panics and
//! never loses a valid claim.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::load::{check_url, load, Loaded};
use claim_cards::model::{ClaimKind, Review, Topic};
use claim_cards::problem::{List, Place, Severity};
use proptest::prelude::*;
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "version": 1,
        "article": { "title": "T" },
        "speakers": [{ "id": "a", "name": "Ann" }, { "id": "b", "name": "Bo" }],
        "sources": [{ "id": "s", "name": "Wire" }, { "id": "t", "name": "TV" }],
        "claims": [
            { "id": "c1", "text": "One", "speaker": "a", "sources": ["s"] },
            { "id": "c2", "text": "Two", "speaker": "b", "sources": ["s", "t"] }
        ]
    })
}

/// Loads a bundle given as a `serde_json` value (written out as text).
fn load_value(bundle: &Value) -> Loaded {
    load(&bundle.to_string())
}

/// The bundle with one more claim appended.
fn with_claim(claim: Value) -> Value {
    let mut b = base();
    b["claims"].as_array_mut().unwrap().push(claim);
    b
}

/// Loads a bundle whose third claim is `claim` and returns (kept ids, messages about claims[2]).
fn third(claim: Value) -> (Vec<String>, Vec<String>) {
    let loaded = load_value(&with_claim(claim));
    let bundle = loaded.bundle.expect("bundle loads");
    let ids = bundle.claims.iter().map(|c| c.id.clone()).collect();
    let messages = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.place, Place::Item { list: List::Claims, index: 2, .. }))
        .map(|p| format!("{}: {}", p.severity, p.message))
        .collect();
    (ids, messages)
}

#[test]
fn a_valid_bundle_loads_without_problems() {
    let loaded = load_value(&base());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let b = loaded.bundle.unwrap();
    assert_eq!(b.claims.len(), 2);
    assert_eq!(b.claims[1].sources, vec![0, 1]);
    assert_eq!(b.claims[0].kind, ClaimKind::Paraphrase, "default kind");
}

#[test]
fn each_broken_claim_is_skipped_and_the_others_kept() {
    let cases = [
        (
            json!({ "id": "x", "text": "T", "speaker": "zed", "sources": ["s"] }),
            "error: speaker \"zed\" is not defined",
        ),
        (
            json!({ "id": "x", "text": "T", "speaker": "a", "sources": ["s", "nope"] }),
            "error: source \"nope\" is not defined",
        ),
        (
            json!({ "id": "c1", "text": "T", "speaker": "a", "sources": ["s"] }),
            "error: duplicate id \"c1\": claims[0] already uses it",
        ),
        (json!({ "id": "x", "text": " \n\t ", "speaker": "a", "sources": ["s"] }), "error: \"text\" is empty"),
        (json!({ "id": "x", "speaker": "a", "sources": ["s"] }), "error: \"text\" is required"),
        (
            json!({ "id": "x", "text": "T", "speaker": "a", "sources": [] }),
            "error: \"sources\" is empty: every claim needs at least one source",
        ),
        (
            json!({ "id": "x", "text": "T", "speaker": "a" }),
            "error: \"sources\" is required: a list of one or more source ids",
        ),
        (
            json!({ "id": "x", "text": "T", "speaker": "a", "sources": ["s"], "date": "2025-02-30" }),
            "error: \"date\": \"2025-02-30\": day 30 does not exist in that month",
        ),
        (
            json!({ "id": "x", "text": "T", "speaker": "a", "sources": ["s"], "date": 20250305 }),
            "error: \"date\" must be an ISO 8601 string, not a number",
        ),
        (
            json!({ "id": "", "text": "T", "speaker": "a", "sources": ["s"] }),
            "error: id \"\" may only use letters, digits, '-', '_' and '.'",
        ),
        (
            json!({ "id": 7, "text": "T", "speaker": "a", "sources": ["s"] }),
            "error: \"id\" must be a string: write \"7\" in quotes",
        ),
        (json!("just text"), "error: a claim must be an object, not a string"),
    ];
    for (claim, expected) in cases {
        let (ids, messages) = third(claim.clone());
        assert_eq!(ids, vec!["c1", "c2"], "valid claims kept for {claim}");
        assert_eq!(messages, vec![expected.to_owned()], "for {claim}");
    }
}

#[test]
fn all_of_a_claims_errors_are_reported_at_once() {
    let (_, messages) = third(json!({ "id": "x", "text": "", "speaker": "zed", "sources": [] }));
    assert_eq!(messages.len(), 3, "{messages:?}");
}

#[test]
fn duplicate_speakers_and_sources_keep_the_first() {
    let mut b = base();
    b["speakers"].as_array_mut().unwrap().push(json!({ "id": "a", "name": "Impostor" }));
    b["sources"].as_array_mut().unwrap().push(json!({ "id": "s", "name": "Other wire" }));
    let loaded = load_value(&b);
    let bundle = loaded.bundle.unwrap();
    assert_eq!(bundle.speakers.len(), 2);
    assert_eq!(bundle.speakers[0].name, "Ann");
    assert_eq!(bundle.sources[0].name, "Wire");
    let lines: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        vec![
            "speakers[2] (id \"a\"): error: duplicate id \"a\": speakers[0] already uses it; this one is ignored",
            "sources[2] (id \"s\"): error: duplicate id \"s\": sources[0] already uses it; this one is ignored",
        ]
    );
    assert_eq!(bundle.claims.len(), 2, "claims of the first speaker stay");
}

#[test]
fn unsafe_urls_are_dropped_with_a_warning_and_the_item_stays() {
    for bad in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\u{0001}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/path",
        "https:evil.example",
        "https:///evil.example",
        "https:\\\\evil.example",
        "http://",
        "ftp://example.org/file",
        "example.org",
        "",
    ] {
        assert!(check_url(bad).is_err(), "{bad:?} must be rejected");
        let mut b = base();
        b["sources"][0]["url"] = json!(bad);
        let loaded = load_value(&b);
        let bundle = loaded.bundle.unwrap();
        assert_eq!(bundle.sources[0].url, None, "{bad:?}");
        assert_eq!(bundle.claims.len(), 2);
        if !bad.trim().is_empty() {
            assert_eq!(loaded.problems.len(), 1, "{bad:?}");
            assert_eq!(loaded.problems[0].severity, Severity::Warning);
            assert_eq!(loaded.problems[0].field.as_deref(), Some("url"));
        }
    }
    for good in ["https://example.org", "HTTP://Example.org/a?b=c#d", "  https://example.org/x  "] {
        assert!(check_url(good).is_ok(), "{good:?} must be accepted");
    }
    assert_eq!(check_url(" https://example.org/x\t").unwrap(), "https://example.org/x");
}

#[test]
fn strings_are_trimmed_and_text_stays_text() {
    let (ids, messages) = third(json!({
        "id": "x", "text": "  <b>bold</b> & <script>alert(1)</script>  ", "speaker": "a", "sources": ["s"]
    }));
    assert!(messages.is_empty());
    assert_eq!(ids.len(), 3);
    let loaded =
        load_value(&with_claim(json!({ "id": "x", "text": "  <b>x</b>  ", "speaker": "a", "sources": ["s"] })));
    assert_eq!(loaded.bundle.unwrap().claims[2].text, "<b>x</b>", "kept verbatim, trimmed");
}

#[test]
fn absurd_sizes_are_rejected_per_item() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let (ids, messages) = third(json!({ "id": "x", "text": huge, "speaker": "a", "sources": ["s"] }));
    assert_eq!(ids, vec!["c1", "c2"]);
    assert_eq!(messages, vec!["error: \"text\" is 10485760 characters long; the limit is 5000".to_owned()]);

    let mut b = base();
    b["speakers"][0]["role"] = json!("r".repeat(100_000));
    let loaded = load_value(&b);
    assert_eq!(loaded.bundle.unwrap().speakers[0].role, None);
    assert_eq!(loaded.problems[0].message, "\"role\" is 100000 characters long; the limit is 500; ignored");

    let text = format!("{{\"version\":1,\"pad\":\"{}\"}}", " ".repeat(65 * 1024 * 1024));
    let loaded = load(&text);
    assert!(loaded.failed());
    assert!(loaded.problems[0].message.contains("the limit is 64 MB"));
}

#[test]
fn whole_bundle_failures_name_line_and_column() {
    let loaded = load("{\n  \"version\": 1,\n  \"claims\": [\n    { \"id\": \"c1\" ,, }\n  ]\n}");
    assert!(loaded.failed());
    let p = &loaded.problems[0];
    assert_eq!(p.place, Place::Syntax { line: 4, column: 19 });
    assert_eq!(p.to_string(), "4:19: error: not valid JSON: expected a key in double quotes");

    for (text, message) in [
        ("[]", "a bundle must be a JSON object, not an array"),
        ("\"hello\"", "a bundle must be a JSON object, not a string"),
        ("{\"version\": 3}", "this bundle is format version 3; this reader knows version 1 only — update the widget"),
        ("{\"version\": \"1\"}", "\"version\" must be the number 1, not a string"),
        ("{\"version\": 0}", "\"version\" must be 1 (or 1.x), not 0"),
    ] {
        let loaded = load(text);
        assert!(loaded.failed(), "{text}");
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].message, message);
    }
    assert!(load("").failed());
}

#[test]
fn forward_compatible_versions_and_unknown_keys() {
    let loaded = load(r#"{"version": 1.3, "futureKey": {"x": 1}, "claims": []}"#);
    assert!(!loaded.failed());
    assert!(loaded.problems.is_empty());
    let loaded = load(r#"{"claims": []}"#);
    assert!(!loaded.failed());
    assert_eq!(loaded.problems[0].severity, Severity::Warning);
    assert_eq!(loaded.problems[0].message, "\"version\" is missing; read as version 1");
    // A byte-order mark at the start is fine.
    assert!(!load("\u{feff}{\"version\":1}").failed());
}

#[test]
fn a_skipped_speaker_explains_its_claims() {
    let mut b = base();
    b["speakers"][1]["name"] = json!("");
    let loaded = load_value(&b);
    let lines: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        vec![
            "speakers[1] (id \"b\"): error: \"name\" is empty",
            "claims[1] (id \"c2\"): error: speaker \"b\" could not be loaded (see speakers[1])",
        ]
    );
    assert_eq!(loaded.skipped_claims, 1);
}

// ---- Property tests --------------------------------------------------------

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop_oneof![
            "[a-z0-9._-]{0,8}",
            "\\PC{0,20}",
            Just("javascript:alert(1)".to_owned()),
            Just("2025-03-05".to_owned()),
            Just("s".to_owned()),
            Just("a".to_owned())
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_owned()),
                        Just("text".to_owned()),
                        Just("speaker".to_owned()),
                        Just("sources".to_owned()),
                        Just("name".to_owned()),
                        Just("url".to_owned()),
                        Just("kind".to_owned()),
                        Just("date".to_owned()),
                        Just("topics".to_owned()),
                        Just("paragraph".to_owned()),
                        "[a-z]{1,6}"
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A bundle whose lists hold arbitrary values.
fn arb_bundle() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(arb_json(), 0..5),
        prop::collection::vec(arb_json(), 0..5),
        prop::collection::vec(arb_json(), 0..8),
    )
        .prop_map(|(mut speakers, mut sources, mut claims)| {
            // Mix in items that can be valid, so both paths are exercised.
            speakers.insert(0, json!({ "id": "a", "name": "A" }));
            sources.insert(0, json!({ "id": "s", "name": "S" }));
            claims.push(json!({ "id": "ok", "text": "T", "speaker": "a", "sources": ["s"] }));
            json!({ "version": 1, "speakers": speakers, "sources": sources, "claims": claims })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_json(v in arb_json()) {
        let _ = load_value(&v);
        let _ = load(&v.to_string());
    }

    #[test]
    fn every_claim_is_either_shown_or_reported(b in arb_bundle()) {
        let n = b["claims"].as_array().unwrap().len();
        let loaded = load_value(&b);
        let bundle = loaded.bundle.as_ref().expect("an object with version 1 always loads");
        prop_assert_eq!(bundle.claims.len() + loaded.skipped_claims, n);
        // Each skipped claim has at least one error naming it.
        let mut errored: Vec<usize> = loaded.problems.iter().filter(|p| p.is_error()).filter_map(|p| match p.place {
            Place::Item { list: List::Claims, index, .. } => Some(index),
            _ => None,
        }).collect();
        errored.dedup();
        prop_assert_eq!(errored.len(), loaded.skipped_claims);
        // Every reference resolves.
        for c in &bundle.claims {
            prop_assert!(c.speaker < bundle.speakers.len());
            prop_assert!(!c.sources.is_empty() && c.sources.iter().all(|&s| s < bundle.sources.len()));
            prop_assert!(!c.text.trim().is_empty());
        }
        prop_assert!(bundle.claims.iter().any(|c| c.id == "ok") || b["claims"].as_array().unwrap().iter().filter(|c| c["id"] == "ok").count() > 1);
    }

    #[test]
    fn never_panics_on_mutated_demo_text(cut in 0usize..6000, pos in 0usize..6000, byte in any::<u8>()) {
        let text = include_str!("../static/bundles/us-hamas-talks.json");
        let mut bytes = text.as_bytes().to_vec();
        let p = pos % bytes.len();
        bytes[p] = byte;
        bytes.truncate(bytes.len() - cut.min(bytes.len()));
        let mutated = String::from_utf8_lossy(&bytes);
        let _ = load(&mutated);
    }
}

#[test]
fn duplicate_ids_point_at_the_first_items_place_in_the_file() {
    // The first "a" is speakers[1] in the file but the first loaded speaker:
    // messages give positions in the file.
    let mut b = base();
    let speakers = b["speakers"].as_array_mut().unwrap();
    speakers.insert(0, json!({ "id": "x" }));
    speakers.push(json!({ "id": "a", "name": "Impostor" }));
    let lines: Vec<String> = load_value(&b).problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        vec![
            "speakers[0] (id \"x\"): error: \"name\" is required",
            "speakers[3] (id \"a\"): error: duplicate id \"a\": speakers[1] already uses it; this one is ignored",
        ]
    );
}

#[test]
fn topics_are_stored_once_and_only_for_claims_kept() {
    let mut b = base();
    b["claims"][0]["topics"] = json!(["gaza", "talks"]);
    b["claims"][1]["topics"] = json!(["talks", "gaza"]);
    // Kept by nobody: a duplicate id is skipped, so its topic is not offered.
    b["claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "c1", "text": "x", "speaker": "a", "sources": ["s"], "topics": ["orphan"] }));
    let loaded = load_value(&b);
    let bundle = loaded.bundle.as_ref().unwrap();
    let ids = |topics: Vec<&Topic>| topics.into_iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(bundle.topics.iter().collect()), ["gaza", "talks"]);
    assert_eq!(bundle.claims[1].topics, [1, 0]);
    assert_eq!(ids(bundle.topics_of(&bundle.claims[1]).collect()), ["talks", "gaza"]);
    assert_eq!(loaded.skipped_claims, 1);
}

// ---- Format 1.1: reviews and topic labels ----------------------------------

/// A claim with this `review` (and a reviewing source "fc").
fn reviewed(review: Value) -> Value {
    let mut b = with_claim(json!({ "id": "c3", "text": "Three", "speaker": "a", "sources": ["s"], "review": review }));
    b["sources"].as_array_mut().unwrap().push(json!({ "id": "fc", "name": "FactCheck Desk", "kind": "article" }));
    b
}

/// The third claim's review and the messages about it.
fn review_of(review: Value) -> (Option<Review>, Vec<String>) {
    let loaded = load_value(&reviewed(review));
    let bundle = loaded.bundle.expect("bundle loads");
    assert_eq!(bundle.claims.len(), 3, "the claim is always kept");
    let messages = loaded.problems.iter().map(|p| format!("{p}")).collect();
    (bundle.claims[2].review.as_deref().cloned(), messages)
}

#[test]
fn a_review_is_read_with_its_scale_reviewer_link_and_date() {
    let review = json!({ "rating": " Mostly false ", "value": 2, "best": 5, "worst": 1, "reviewer": "fc",
        "url": "https://factcheck.example/r/1", "date": "2025-03-06" });
    let loaded = load_value(&reviewed(review));
    assert_eq!(loaded.problems, []);
    let bundle = loaded.bundle.unwrap();
    let r = bundle.claims[2].review.as_ref().unwrap();
    assert_eq!(bundle.verdict_of(r), "Mostly false");
    assert_eq!((r.value, r.best, r.worst), (Some(2.0), Some(5.0), Some(1.0)));
    assert_eq!(r.scale(), Some(("2".to_owned(), "5".to_owned())));
    assert_eq!(r.reviewer, Some(2));
    assert_eq!(r.url.as_deref(), Some("https://factcheck.example/r/1"));
    assert_eq!(r.date.as_ref().map(|d| d.to_string()).as_deref(), Some("2025-03-06"));
    // A version 1 bundle may carry reviews too: 1.1 only adds.
    assert_eq!(bundle.version, 1.0);
}

#[test]
fn verdicts_are_stored_once_in_order_of_first_appearance_and_only_for_claims_kept() {
    let mut b = base();
    b["claims"][0]["review"] = json!({ "rating": "False" });
    b["claims"][1]["review"] = json!({ "rating": "True" });
    let claims = b["claims"].as_array_mut().unwrap();
    claims.push(json!({ "id": "c3", "text": "x", "speaker": "a", "sources": ["s"], "review": { "rating": "False" } }));
    // Skipped (duplicate id): its verdict is not offered.
    claims.push(json!({ "id": "c1", "text": "x", "speaker": "a", "sources": ["s"], "review": { "rating": "Orphan" } }));
    let bundle = load_value(&b).bundle.unwrap();
    assert_eq!(bundle.verdicts, ["False", "True"]);
    let verdicts: Vec<usize> = bundle.claims.iter().map(|c| c.review.as_ref().unwrap().verdict).collect();
    assert_eq!(verdicts, [0, 1, 0]);
}

#[test]
fn a_bad_review_loses_only_what_is_bad_and_never_the_claim() {
    let at = "claims[2] (id \"c3\"): warning:";
    assert_eq!(
        review_of(json!("False")),
        (None, vec![format!("{at} \"review\" must be an object, not a string; the review is not shown")])
    );
    assert_eq!(
        review_of(json!({ "value": 1, "best": 5 })),
        (None, vec![format!("{at} \"review.rating\" is required: the verdict in words; the review is not shown")])
    );
    assert_eq!(
        review_of(json!({ "rating": "  " })).1,
        [format!("{at} \"review.rating\" is empty; the review is not shown")]
    );
    let (r, messages) = review_of(json!({ "rating": "False", "value": "1", "best": 5 }));
    assert_eq!(messages, [format!("{at} \"review.value\" must be a number, not a string; ignored")]);
    assert_eq!((r.as_ref().unwrap().value, r.as_ref().unwrap().best), (None, Some(5.0)));
    let (r, messages) = review_of(json!({ "rating": "False", "value": 7, "best": 5, "worst": 1 }));
    assert_eq!(messages, [format!("{at} \"review.value\" 7 is not between 1 and 5; the scale is not shown")]);
    assert_eq!(r.unwrap().scale(), None);
    let (r, messages) = review_of(json!({ "rating": "False", "value": 1 }));
    assert_eq!(
        messages,
        [format!("{at} \"review.best\" is missing: a rating's numbers need the best value of the scale; the scale is not shown")]
    );
    assert_eq!(r.unwrap().value, None);
    assert_eq!(
        review_of(json!({ "rating": "False", "value": 1, "best": 3, "worst": 3 })).1,
        [format!("{at} \"review.best\" and \"review.worst\" are both 3; the scale is not shown")]
    );
    // A scale may run either way: 1 is best of 1–5 here.
    assert_eq!(review_of(json!({ "rating": "True", "value": 1.5, "best": 1, "worst": 5 })).1, Vec::<String>::new());
    let (r, messages) =
        review_of(json!({ "rating": "False", "reviewer": "nobody", "url": "javascript:alert(1)", "date": "soon" }));
    assert_eq!(
        messages,
        [
            format!("{at} source \"nobody\" is not defined; the reviewer is not shown"),
            format!(
                "{at} \"review.url\" \"javascript:alert(1)\" is not an http: or https: link; the link is not shown"
            ),
            format!("{at} \"review.date\": \"soon\" is not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]); ignored"),
        ]
    );
    let r = r.unwrap();
    assert_eq!((r.reviewer, r.url, r.date), (None, None, None));
}

#[test]
fn topic_labels_name_topics_and_bad_entries_are_dropped_with_a_warning() {
    let mut b = base();
    b["claims"][0]["topics"] = json!(["us-hamas-talks", "hostages", "gaza-aid"]);
    b["topics"] = json!([
        { "id": "us-hamas-talks", "label": "US–Hamas talks" },
        { "id": "hostages", "label": "Hostages" },
        { "id": "hostages", "label": "Again" },
        { "label": "No id" },
        { "id": "unused", "label": "Never used" },
        "gaza-aid",
        { "id": "gaza-aid" }
    ]);
    let loaded = load_value(&b);
    let lines: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "topics[2] (id \"hostages\"): warning: topic \"hostages\" is listed twice (first at topics[1]); ignored",
            "topics[3]: warning: \"id\" is required: the topic as claims name it; ignored",
            "topics[5]: warning: a topic must be an object, not a string; ignored",
            "topics[6] (id \"gaza-aid\"): warning: \"label\" is required: the words to show for the topic; ignored",
        ]
    );
    let bundle = loaded.bundle.unwrap();
    let labels: Vec<String> = bundle.topics.iter().map(|t| t.label().into_owned()).collect();
    assert_eq!(labels, ["US–Hamas talks", "Hostages", "gaza aid"]);
    let mut b = base();
    b["topics"] = json!({ "gaza": "Gaza" });
    let lines: Vec<String> = load_value(&b).problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["bundle: warning: \"topics\" must be a list of {\"id\", \"label\"} objects, not an object; topics are shown by their names"]
    );
}
