//! Import and export (`claim_cards::convert`): each importer on fixtures with
//! the quirks of real data, the exact notes for what it cannot map, CSV
//! positions, the CSV round trip over generated bundles, the JSON-LD export
//! and its way back through the ClaimReview importer.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::convert::{self, claimreview::Input, Imported};
use claim_cards::load::load;
use claim_cards::model::{Bundle, SourceKind, SpeakerKind};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn inputs(names: &[&str]) -> Vec<Input> {
    names
        .iter()
        .map(|n| Input {
            name: (*n).to_owned(),
            text: std::fs::read_to_string(root().join(n)).unwrap_or_else(|e| panic!("{n}: {e}")),
        })
        .collect()
}

fn notes(imported: &Imported) -> Vec<String> {
    imported.notes.iter().map(ToString::to_string).collect()
}

/// What an import writes validates with no error — at most the warnings
/// the import reported already (an article without a title) — and reads as
/// the bundle it reported.
fn written_is_clean(imported: &Imported) -> Bundle {
    let loaded = load(&imported.json);
    for p in &loaded.problems {
        assert!(!p.is_error() && imported.notes.iter().any(|n| n.message == p.message), "{p}\n{}", imported.json);
    }
    let bundle = loaded.bundle.unwrap();
    assert_eq!(Some(&bundle), imported.bundle.as_ref());
    bundle
}

const CLAIMREVIEW: [&str; 3] = [
    "tests/fixtures/import/claimreview/lantern-debate.html",
    "tests/fixtures/import/claimreview/civic-ledger-feed.json",
    "tests/fixtures/import/claimreview/transit-graph.jsonld",
];

#[test]
fn claimreview_markup_in_pages_arrays_graphs_and_feeds() {
    let imported = convert::claimreview::import(&inputs(&CLAIMREVIEW), &Default::default());
    assert_eq!(
        notes(&imported),
        [
            "tests/fixtures/import/claimreview/lantern-debate.html: script 1 (line 8): warning: no ClaimReview in it",
            "tests/fixtures/import/claimreview/civic-ledger-feed.json: /dataFeedElement/1/item: warning: \"itemReviewed.author\" names 2 authors; a claim has one speaker: the first",
            "tests/fixtures/import/claimreview/civic-ledger-feed.json: /dataFeedElement/2/item/1: warning: the same review as tests/fixtures/import/claimreview/lantern-debate.html: script 3 (line 39) /0 (same URL and claim); merged into it",
            "tests/fixtures/import/claimreview/transit-graph.jsonld: /@graph/1: warning: \"reviewRating.ratingValue\" \"n/a\" is not a number: the verdict has no scale",
            "tests/fixtures/import/claimreview/transit-graph.jsonld: /@graph/3: warning: \"itemReviewed.appearance[1]\" has neither a URL nor a name; this appearance is left out",
        ]
    );
    assert!(!imported.skipped_any());
    let b = written_is_clean(&imported);
    // The page's <title> names the article; all reviews said "en".
    assert_eq!(b.article.title.as_deref(), Some("Fact-checking the Harbor City mayoral debate | Lantern Fact Check"));
    assert_eq!(b.article.language.as_deref(), Some("en"));
    assert_eq!(b.claims.len(), 10, "the review found twice is one claim");
    // Speakers: one per name, "Unknown" an unnamed one named by where the claim appeared, an organisation typed as one.
    let speakers: Vec<(&str, SpeakerKind)> = b.speakers.iter().map(|s| (s.id.as_str(), s.kind)).collect();
    assert_eq!(
        speakers,
        [
            ("dana-whitfield", SpeakerKind::Person),
            ("marcus-oyelaran", SpeakerKind::Person),
            ("unnamed-claimant-facebook-com-groups", SpeakerKind::Unnamed),
            ("priya-raman", SpeakerKind::Person),
            ("harbor-city-transit-authority", SpeakerKind::Organization),
        ]
    );
    assert_eq!(b.speakers[2].name, "Unnamed claimant, facebook.com/groups/harborneighbors");
    assert_eq!(b.speakers[0].role.as_deref(), Some("Mayor of Harbor City"));
    assert_eq!(b.speakers[0].affiliation.as_deref(), Some("Harbor City"));
    let source = |id: &str| b.sources.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no source {id}"));
    // Appearances: one source per URL; the big platforms are social media; a
    // fact-checker named only by its URL is named by its host.
    assert_eq!(source("marcus-oyelaran-on-x").kind, SourceKind::SocialMedia);
    assert_eq!(source("facebook-com-groups-harborneighbors").kind, SourceKind::SocialMedia);
    assert_eq!(source("harbortv-example").kind, SourceKind::Other);
    assert_eq!(source("lantern-fact-check").kind, SourceKind::Article);
    assert_eq!(source("harbor-watch-example").name, "harbor-watch.example");
    let claim = |start: &str| b.claims.iter().find(|c| c.text.starts_with(start)).unwrap();
    let merged = claim("The city has not built");
    let ids: Vec<&str> = merged.sources.iter().map(|&s| b.sources[s].id.as_str()).collect();
    assert_eq!(ids, ["harbortv-example", "marcus-oyelaran-on-x", "harbor-herald-example"]);
    // Ratings: strings of digits read as numbers, a missing worstRating is schema.org's 1.
    let r = claim("Violent crime").review.as_ref().unwrap();
    assert_eq!((b.verdict_of(r), r.value, r.best, r.worst), ("Mostly true", Some(4.0), Some(5.0), Some(1.0)));
    assert_eq!(b.sources[r.reviewer.unwrap()].name, "Lantern Fact Check");
    assert_eq!(r.url.as_deref(), Some("https://lantern.example/2025/05/whitfield-violent-crime"));
    // "2025-05-01 20:15" and "+0000" are dates.
    assert_eq!(claim("Violent crime").date.as_ref().unwrap().to_string(), "2025-05-01T20:15:00");
    assert_eq!(claim("Property taxes").date.as_ref().unwrap().to_string(), "2025-04-30T18:00:00Z");
    // A verdict in words only; the one a reviewer named by URL gave is still Lantern's.
    let r = claim("Ninety percent").review.as_ref().unwrap();
    assert_eq!((b.verdict_of(r), r.value), ("Needs context", None));
    assert_eq!(b.sources[r.reviewer.unwrap()].id, "lantern-fact-check");
    assert_eq!(
        b.verdicts,
        ["Mostly true", "False", "Half true", "Mostly false", "True", "Needs context", "Misleading", "Unproven"]
    );
    // Ids are made from names, the same every time.
    let again = convert::claimreview::import(&inputs(&CLAIMREVIEW), &Default::default());
    assert_eq!(again.json, imported.json);
}

#[test]
fn claimreview_that_cannot_be_mapped_is_said_and_left_out() {
    let bad = Input {
        name: "bad.json".into(),
        text: json!([
            { "@type": "ClaimReview", "url": "https://f.example/1", "reviewRating": { "alternateName": "False" } },
            { "@type": "ClaimReview", "claimReviewed": "Nowhere to be seen", "reviewRating": { "ratingValue": 2 } },
            { "@type": "ClaimReview", "claimReviewed": "Seen", "author": { "name": "Desk" },
              "itemReviewed": { "datePublished": "May 5", "appearance": "ftp://x.example/file" },
              "reviewRating": { "ratingValue": 2, "bestRating": "five", "alternateName": "Mostly false" } }
        ])
        .to_string(),
    };
    let page = Input {
        name: "page.html".into(),
        text: "<title>x</title><script type=\"application/ld+json\">{ nope</script>".into(),
    };
    let imported = convert::claimreview::import(&[bad, page], &Default::default());
    assert_eq!(
        notes(&imported),
        [
            "bad.json: /0: error: no \"claimReviewed\": the claim's words are missing; left out",
            "bad.json: /1: warning: no \"author\": the review names no fact-checker",
            "bad.json: /1: error: neither an appearance with a URL nor a reviewer: nothing says where the claim was made; left out",
            "bad.json: /2: warning: \"itemReviewed.appearance\" \"ftp://x.example/file\" is not an http: or https: link; this appearance is left out",
            "bad.json: /2: warning: no \"itemReviewed.appearance\" with a URL: the claim is listed as seen in the fact-check",
            "bad.json: /2: warning: \"itemReviewed.datePublished\": \"May 5\" is not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]); left out",
            "bad.json: /2: warning: \"reviewRating.bestRating\" \"five\" is not a number; 5 is assumed",
            "page.html: script 1 (line 1): error: not valid JSON: key must be a string at line 1 column 3; its reviews are left out",
        ]
    );
    assert!(imported.skipped_any());
    let b = written_is_clean(&imported);
    assert_eq!(b.claims.len(), 1);
    assert_eq!(b.article.title.as_deref(), Some("x"));
}

#[test]
fn factcheck_api_answers_one_or_several_pages() {
    let imported = convert::factcheck::import(
        &inputs(&[
            "tests/fixtures/import/factcheck-api/search-harbor.json",
            "tests/fixtures/import/factcheck-api/search-pages.json",
        ]),
        &convert::claimreview::Options { title: Some("Harbor checks".into()), url: None },
    );
    assert_eq!(
        notes(&imported),
        [
            "tests/fixtures/import/factcheck-api/search-harbor.json: claims[0].claimReview[1]: warning: a second review (Civic Ledger: \"Pants on fire\"); a claim holds one review, so this one is left out",
            "tests/fixtures/import/factcheck-api/search-pages.json: [0].claims[1]: warning: \"claimDate\": \"last spring\" is not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]); left out",
            "tests/fixtures/import/factcheck-api/search-pages.json: [1].claims[1]: error: no \"claimReview\": nothing says where the claim was made; left out",
        ]
    );
    let b = written_is_clean(&imported);
    assert_eq!(b.article.title.as_deref(), Some("Harbor checks"));
    assert_eq!(b.claims.len(), 5);
    assert_eq!(b.speakers[0].kind, SpeakerKind::Unnamed, "a claim without a claimant");
    let r = b.claims[0].review.as_ref().unwrap();
    assert_eq!(
        (b.verdict_of(r), b.sources[r.reviewer.unwrap()].url.as_deref()),
        ("False", Some("https://lantern.example"))
    );
    assert_eq!(b.claims[0].sources, [r.reviewer.unwrap()], "the fact-check is where the claim is seen");
    // A publisher with a site and no name is named by its site.
    assert!(b.sources.iter().any(|s| s.name == "harbor-watch.example"));
}

#[test]
fn csv_as_excel_saves_it() {
    let imported = convert::csv::import(Path::new("tests/fixtures/import/csv/good"));
    assert_eq!(notes(&imported), Vec::<String>::new());
    let b = written_is_clean(&imported);
    assert_eq!(b.article.title.as_deref(), Some("Harbor City budget hearing, annotated"));
    let ids: Vec<&str> = b.speakers.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["dana-whitfield", "harbor-city-council", "nguyen-thi-lan"], "ids made from names");
    assert_eq!(b.speakers[2].role.as_deref(), Some("Budget director, Harbor City"));
    assert_eq!(b.claims[1].text, "The ferry will pay for itself\nwithin five years.", "a line break in a cell");
    assert_eq!(b.claims[1].speaker, 2, "a speaker named by name");
    assert_eq!(b.claims[0].sources, [0, 1]);
    assert_eq!(b.topics.iter().map(|t| t.label().into_owned()).collect::<Vec<_>>(), ["Budget 2026", "Harbor ferry"]);
    assert_eq!(b.claims[2].id, "40-percent-the-cut-to-the-parks-budget-says-the");
}

#[test]
fn csv_problems_are_said_at_file_row_and_column() {
    let imported = convert::csv::import(Path::new("tests/fixtures/import/csv/errors"));
    assert_eq!(
        notes(&imported),
        [
            "tests/fixtures/import/csv/errors/speakers.csv:1:3: warning: \"nickname\" is not a column of speakers.csv (id, name, role, affiliation, kind, image); ignored",
            "tests/fixtures/import/csv/errors/article.csv: warning: \"title\" is required in \"article\"",
            "tests/fixtures/import/csv/errors/sources.csv:2:3: warning: \"url\" \"javascript:alert(1)\" is not an http: or https: link; the link is not shown",
            "tests/fixtures/import/csv/errors/sources.csv:3:2: error: \"name\" is required; the source is left out",
            "tests/fixtures/import/csv/errors/claims.csv:2:5: warning: \"paragraph\" must be a number, not a string; ignored",
            "tests/fixtures/import/csv/errors/claims.csv:2: warning: \"review.best\" is missing: a rating's numbers need the best value of the scale; the scale is not shown",
            "tests/fixtures/import/csv/errors/claims.csv:3:3: error: speaker \"nobody\" is not defined; the claim is left out",
            "tests/fixtures/import/csv/errors/claims.csv:4:2: error: \"text\" is required; the claim is left out",
            "tests/fixtures/import/csv/errors/claims.csv:5:4: error: source \"blank\" could not be loaded (see sources[1]); the claim is left out",
        ]
    );
    assert!(imported.skipped_any());
    assert_eq!(written_is_clean(&imported).claims.len(), 1);
    // A folder without the files it needs says so.
    let empty = std::env::temp_dir().join(format!("cc-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let imported = convert::csv::import(&empty);
    let lines = notes(&imported);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!("{}: error: cannot read it: ", empty.join("speakers.csv").display())),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with(&format!("{}: error: cannot read it: ", empty.join("claims.csv").display())),
        "{lines:?}"
    );
    std::fs::remove_dir_all(&empty).unwrap();
}

/// A fresh folder under the system's temporary one.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cc-{tag}-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Exports, imports; the import says nothing the bundle did not say already
/// (a missing title).
fn csv_round_trip(bundle: &Bundle, dir: &Path) -> Bundle {
    let notes = convert::csv::export(bundle, dir).unwrap();
    assert_eq!(notes, []);
    let imported = convert::csv::import(dir);
    let said: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
    let expected: &[&str] =
        if bundle.article.title.is_none() { &["\"title\" is required in \"article\""] } else { &[] };
    assert_eq!(said, expected, "{}", imported.json);
    written_is_clean(&imported)
}

#[test]
fn the_demo_bundles_survive_csv_both_ways() {
    for file in [
        "static/bundles/us-hamas-talks.json",
        "static/bundles/us-hamas-talks.vi.json",
        "static/bundles/harbor-fact-checks.json",
        "tests/fixtures/schema/valid/every-field.json",
    ] {
        let bundle = load(&std::fs::read_to_string(root().join(file)).unwrap()).bundle.unwrap();
        let dir = temp_dir("demo");
        assert_eq!(csv_round_trip(&bundle, &dir), bundle, "{file}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

// ---- generated bundles ------------------------------------------------------

/// Text an editor might type: letters of several scripts, punctuation that
/// CSV must quote, line breaks, and what a spreadsheet takes for a formula.
fn arb_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9]{1,8}",
            Just(",".to_owned()),
            Just("\"".to_owned()),
            Just("\n".to_owned()),
            Just("đà nẵng".to_owned()),
            Just("حماس".to_owned()),
            Just("=SUM(A1)".to_owned()),
            Just("-5".to_owned()),
            Just("'".to_owned()),
            Just(" ".to_owned()),
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("not blank", |t| !t.trim().is_empty())
}

fn arb_bundle() -> impl Strategy<Value = Value> {
    let speaker =
        (arb_text(), proptest::option::of(arb_text()), proptest::option::of(arb_text()), 0..4usize, any::<bool>());
    let source = (arb_text(), any::<bool>(), 0..9usize);
    let claim = (
        arb_text(),
        0..3usize,
        prop::collection::vec(0..3usize, 1..3),
        0..4usize,
        proptest::option::of((1..5u8, 1..28u8)),
        prop::collection::vec("[a-z]{1,6}( [a-z]{1,4})?", 0..3),
        proptest::option::of(1..200u32),
        (
            proptest::option::of(arb_text()),
            proptest::option::of((arb_text(), proptest::option::of((1..6u8, any::<bool>())), any::<bool>())),
        ),
    );
    (
        prop::collection::vec(speaker, 3),
        prop::collection::vec(source, 3),
        prop::collection::vec(claim, 1..6),
        any::<bool>(),
        proptest::option::of(arb_text()),
    )
        .prop_map(|(speakers, sources, claims, labels, title)| {
            let speaker_kinds = ["person", "organization", "group", "unnamed"];
            let source_kinds = ["news-agency", "newspaper", "broadcaster", "social-media", "press-briefing", "official-statement", "document", "article", "other"];
            let claim_kinds = ["quote", "paraphrase", "statement", "report"];
            let speakers: Vec<Value> = speakers
                .into_iter()
                .enumerate()
                .map(|(i, (name, role, affiliation, kind, image))| {
                    let mut s = json!({ "id": format!("p{i}"), "name": name, "kind": speaker_kinds[kind] });
                    if let Some(role) = role {
                        s["role"] = role.into();
                    }
                    if let Some(affiliation) = affiliation {
                        s["affiliation"] = affiliation.into();
                    }
                    if image {
                        s["image"] = format!("https://img.example/{i}.png?a=1,2").into();
                    }
                    s
                })
                .collect();
            let sources: Vec<Value> = sources
                .into_iter()
                .enumerate()
                .map(|(i, (name, url, kind))| {
                    let mut s = json!({ "id": format!("s.{i}"), "name": name, "kind": source_kinds[kind] });
                    if url {
                        s["url"] = format!("https://news.example/{i}?q=a;b").into();
                    }
                    s
                })
                .collect();
            let mut topics_seen = Vec::new();
            let claims: Vec<Value> = claims
                .into_iter()
                .enumerate()
                .map(|(i, (text, speaker, mut srcs, kind, date, topics, paragraph, (context, review)))| {
                    srcs.dedup();
                    let srcs: Vec<String> = {
                        let mut seen = Vec::new();
                        for s in srcs {
                            if !seen.contains(&s) {
                                seen.push(s);
                            }
                        }
                        seen.into_iter().map(|s| format!("s.{s}")).collect()
                    };
                    let mut topics_unique: Vec<String> = Vec::new();
                    for t in topics {
                        if !topics_unique.contains(&t) {
                            topics_unique.push(t.clone());
                        }
                        if !topics_seen.contains(&t) {
                            topics_seen.push(t);
                        }
                    }
                    let mut c = json!({ "id": format!("c-{i}"), "text": text, "speaker": format!("p{speaker}"), "sources": srcs, "kind": claim_kinds[kind] });
                    if let Some((m, d)) = date {
                        c["date"] = format!("2025-{m:02}-{d:02}").into();
                    }
                    if !topics_unique.is_empty() {
                        c["topics"] = topics_unique.into();
                    }
                    if let Some(p) = paragraph {
                        c["paragraph"] = p.into();
                    }
                    if let Some(context) = context {
                        c["context"] = context.into();
                    }
                    if let Some((rating, scale, reviewer)) = review {
                        let mut r = json!({ "rating": rating });
                        if let Some((value, half)) = scale {
                            r["value"] = (f64::from(value) - if half { 0.5 } else { 0.0 }).into();
                            r["best"] = 6.into();
                            r["worst"] = 0.into();
                        }
                        if reviewer {
                            r["reviewer"] = "s.1".into();
                            r["url"] = "https://check.example/r?id=1,2".into();
                            r["date"] = "2025-05-02T10:30:00-04:00".into();
                        }
                        c["review"] = r;
                    }
                    c
                })
                .collect();
            let mut bundle = json!({ "version": 1.1, "article": {}, "speakers": speakers, "sources": sources, "claims": claims });
            if let Some(title) = title {
                bundle["article"]["title"] = title.into();
            }
            if labels && !topics_seen.is_empty() {
                let topics: Vec<Value> = topics_seen.iter().map(|t| json!({ "id": t, "label": format!("Label of {t}") })).collect();
                bundle["topics"] = topics.into();
            }
            bundle
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// `export csv` then `import csv` gives back an equal bundle.
    #[test]
    fn export_then_import_csv_gives_back_the_same_bundle(value in arb_bundle()) {
        let loaded = load(&value.to_string());
        let bundle = loaded.bundle.unwrap();
        prop_assume!(!bundle.claims.is_empty());
        let dir = temp_dir("prop");
        let back = csv_round_trip(&bundle, &dir);
        std::fs::remove_dir_all(&dir).unwrap();
        prop_assert_eq!(back, bundle);
    }
}

// ---- JSON-LD ------------------------------------------------------------------

#[test]
fn jsonld_export_has_a_node_per_claim_and_a_review_per_verdict() {
    let bundle = load(include_str!("../static/bundles/us-hamas-talks.json")).bundle.unwrap();
    let doc = convert::jsonld::export(&bundle);
    assert_eq!(doc["@context"], "https://schema.org");
    let graph = doc["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 17, "no reviews in this bundle");
    let quote = graph.iter().find(|n| n["@type"] == "Quotation").unwrap();
    assert_eq!(
        quote,
        &json!({
            "@id": "https://thanhnien.vn/chinh-quyen-trump-truc-tiep-xu-ly-chuyen-gaza-185250306204618634.htm#claim-panikoff-quote",
            "@type": "Quotation",
            "text": bundle.claims.iter().find(|c| c.id == "panikoff-quote").unwrap().text,
            "creator": { "@type": "Person", "name": "Jonathan Panikoff", "jobTitle": "Former US national intelligence official for the Middle East" },
            "isBasedOn": ["https://thanhnien.vn/chinh-quyen-trump-truc-tiep-xu-ly-chuyen-gaza-185250306204618634.htm"]
        })
    );
    let org = graph.iter().find(|n| n["@id"].as_str().unwrap().ends_with("#claim-hamas-confirms-talks")).unwrap();
    assert_eq!(org["@type"], "Claim");
    assert_eq!(org["author"], json!({ "@type": "Organization", "name": "Hamas" }));
    assert_eq!(org["appearance"][0]["@type"], "CreativeWork");

    let checked = load(include_str!("../static/bundles/harbor-fact-checks.json")).bundle.unwrap();
    let doc = convert::jsonld::export(&checked);
    let graph = doc["@graph"].as_array().unwrap();
    let reviews: Vec<&Value> = graph.iter().filter(|n| n["@type"] == "ClaimReview").collect();
    assert_eq!(reviews.len(), 10);
    assert_eq!(
        reviews[0],
        &json!({
            "@type": "ClaimReview",
            "claimReviewed": "Violent crime in Harbor City fell by 20 percent during my first term.",
            "itemReviewed": {
                "@type": "Claim",
                "@id": "#claim-violent-crime-in-harbor-city-fell-by-20-percent",
                "author": { "@type": "Person", "name": "Dana Whitfield", "jobTitle": "Mayor of Harbor City", "affiliation": { "@type": "Organization", "name": "Harbor City" } },
                "appearance": [{ "@type": "CreativeWork", "name": "harbortv.example", "url": "https://harbortv.example/debate-2025/transcript" }],
                "datePublished": "2025-05-01T20:15:00"
            },
            "author": { "@type": "Organization", "name": "Lantern Fact Check", "url": "https://lantern.example/" },
            "reviewRating": { "@type": "Rating", "alternateName": "Mostly true", "ratingValue": 4.0, "bestRating": 5.0, "worstRating": 1.0 },
            "url": "https://lantern.example/2025/05/whitfield-violent-crime",
            "datePublished": "2025-05-02",
            "inLanguage": "en"
        })
    );
}

#[test]
fn jsonld_export_read_back_as_claimreview_gives_the_reviewed_claims() {
    let checked = load(include_str!("../static/bundles/harbor-fact-checks.json")).bundle.unwrap();
    let text = serde_json::to_string(&convert::jsonld::export(&checked)).unwrap();
    let back = convert::claimreview::import(&[Input { name: "export.jsonld".into(), text }], &Default::default());
    assert!(!back.skipped_any(), "{:?}", notes(&back));
    let b = written_is_clean(&back);
    // Each reviewed claim as a line: text, speaker, verdict, scale, reviewer, review link, date.
    let summary = |b: &Bundle| -> Vec<String> {
        b.claims
            .iter()
            .filter_map(|c| {
                let r = c.review.as_ref()?;
                let reviewer = r.reviewer.map(|s| b.sources[s].name.clone());
                let date = c.date.as_ref().map(ToString::to_string);
                Some(format!(
                    "{} | {} | {} | {:?}/{:?} | {reviewer:?} | {:?} | {date:?}",
                    c.text,
                    b.speakers[c.speaker].name,
                    b.verdict_of(r),
                    r.value,
                    r.best,
                    r.url
                ))
            })
            .collect()
    };
    assert_eq!(summary(&b), summary(&checked));
    // The page's quotes and claims without a review are not ClaimReviews: nothing to read back.
    let hamas = load(include_str!("../static/bundles/us-hamas-talks.json")).bundle.unwrap();
    let text = serde_json::to_string(&convert::jsonld::export(&hamas)).unwrap();
    let back = convert::claimreview::import(&[Input { name: "hamas.jsonld".into(), text }], &Default::default());
    assert_eq!(notes(&back), ["hamas.jsonld: warning: no ClaimReview in it"]);
}

/// Claims whose claimant is not named are not one person's: each place they
/// appeared has its own unnamed speaker (they shared one "Unnamed claimant").
#[test]
fn claims_without_a_claimant_get_an_unnamed_speaker_per_place() {
    let review = |text: &str, url: &str| {
        json!({
            "@type": "ClaimReview", "url": format!("https://checker.example/{}", text.len()), "claimReviewed": text,
            "author": { "@type": "Organization", "name": "Checker" },
            "reviewRating": { "@type": "Rating", "alternateName": "False" },
            "itemReviewed": { "@type": "Claim", "appearance": [{ "@type": "CreativeWork", "url": url }] }
        })
    };
    let text = json!([
        review("The river is poisoned.", "https://social.example/a"),
        review("The bridge is closed for good.", "https://video.example/b"),
        review("The river is poisoned again.", "https://social.example/a"),
    ])
    .to_string();
    let imported = convert::claimreview::import(&[Input { name: "reviews.jsonld".into(), text }], &Default::default());
    let b = written_is_clean(&imported);
    let names: Vec<&str> = b.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("Unnamed claimant, ")), "{names:?}");
    assert!(b.speakers.iter().all(|s| s.kind == SpeakerKind::Unnamed));
    assert_eq!(b.claims[0].speaker, b.claims[2].speaker, "the same place, the same unnamed speaker");
    assert_ne!(b.claims[0].speaker, b.claims[1].speaker);
}
