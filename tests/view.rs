//! Filtering, facet counts, search, sort, grouping and URL state over the
//! demo bundle — the pure core behind the filter bar.

use claim_cards::load::load;
use claim_cards::model::Bundle;
use claim_cards::view::{group_by_speaker, select, Action, Facet, Index, SortOrder, ViewState};

fn demo() -> (Bundle, Index) {
    let bundle = load(include_str!("../static/bundles/us-hamas-talks.json")).bundle.unwrap();
    let index = Index::new(&bundle);
    (bundle, index)
}

fn ids(b: &Bundle, claims: &[usize]) -> Vec<String> {
    claims.iter().map(|&c| b.claims[c].id.clone()).collect()
}

fn state(actions: &[Action]) -> ViewState {
    actions.iter().cloned().fold(ViewState::default(), |s, a| s.apply(a))
}

#[test]
fn no_filter_shows_everything_in_article_order() {
    let (b, ix) = demo();
    let sel = select(&b, &ix, &ViewState::default());
    assert_eq!(sel.claims, (0..17).collect::<Vec<_>>());
    assert_eq!(sel.counts[Facet::Speaker].iter().sum::<usize>(), 17);
    assert_eq!(sel.counts[Facet::Kind], vec![1, 11, 3, 2], "quote, paraphrase, statement, report");
}

#[test]
fn or_within_a_facet_and_across_facets() {
    let (b, ix) = demo();
    let s = state(&[
        Action::Toggle(Facet::Speaker, "donald-trump".into()),
        Action::Toggle(Facet::Speaker, "hazem-qassem".into()),
    ]);
    let sel = select(&b, &ix, &s);
    assert_eq!(sel.claims.len(), 4);
    // Counts for a facet ignore that facet's own choice...
    let trump = b.speakers.iter().position(|s| s.id == "donald-trump").unwrap();
    let panikoff = b.speakers.iter().position(|s| s.id == "jonathan-panikoff").unwrap();
    assert_eq!(sel.counts[Facet::Speaker][trump], 3);
    assert_eq!(sel.counts[Facet::Speaker][panikoff], 2, "choosing Panikoff too would add 2");
    // ...and respect the other facets'.
    let truth = b.sources.iter().position(|s| s.id == "truth-social").unwrap();
    let reuters = b.sources.iter().position(|s| s.id == "reuters").unwrap();
    assert_eq!(sel.counts[Facet::Source][truth], 2);
    assert_eq!(sel.counts[Facet::Source][reuters], 0);

    let s = s.apply(Action::Toggle(Facet::Source, "truth-social".into()));
    let sel = select(&b, &ix, &s);
    assert_eq!(ids(&b, &sel.claims), vec!["trump-ultimatum", "trump-last-chance"]);
    assert_eq!(sel.counts[Facet::Speaker][panikoff], 0, "Panikoff has nothing via Truth Social");
    assert_eq!(sel.counts[Facet::Speaker][trump], 2);
}

#[test]
fn toggling_twice_removes_and_clear_all_keeps_sort() {
    let s = state(&[Action::Toggle(Facet::Topic, "hostages".into()), Action::Toggle(Facet::Topic, "hostages".into())]);
    assert!(s.chosen[Facet::Topic].is_empty());
    let s = state(&[
        Action::SetSort(SortOrder::Date),
        Action::SetQuery("x".into()),
        Action::Toggle(Facet::Kind, "quote".into()),
        Action::ClearAll,
    ]);
    assert!(!s.is_filtered());
    assert_eq!(s.sort, SortOrder::Date);
}

#[test]
fn search_words_all_match_anywhere_ignoring_accents() {
    let (b, ix) = demo();
    let sel = select(&b, &ix, &state(&[Action::SetQuery("  hamas   SPOKESMAN ".into())]));
    assert_eq!(ids(&b, &sel.claims), vec!["qassem-post-complicates"], "role matches too");
    assert_eq!(sel.words, vec!["hamas", "spokesman"]);
    let sel = select(&b, &ix, &state(&[Action::SetQuery("niên".into())]));
    let plain = select(&b, &ix, &state(&[Action::SetQuery("NIEN".into())]));
    assert_eq!(sel.claims, plain.claims);
    assert_eq!(sel.claims.len(), 10);
    let sel = select(&b, &ix, &state(&[Action::SetQuery("reuters".into())]));
    assert_eq!(ids(&b, &sel.claims), vec!["reuters-boehler-doha"]);
}

#[test]
fn sorting_by_date_and_speaker() {
    let (b, ix) = demo();
    let sel = select(&b, &ix, &state(&[Action::SetSort(SortOrder::Date)]));
    let first: Vec<String> = ids(&b, &sel.claims[..3]);
    assert_eq!(first, vec!["leavitt-direct-talks", "wfp-food-reserves", "treasury-houthi-sanctions"]);
    assert_eq!(ids(&b, &sel.claims[3..4]), vec!["reuters-boehler-doha"], "undated keep article order after");

    let sel = select(&b, &ix, &state(&[Action::SetSort(SortOrder::Speaker)]));
    let names: Vec<&str> = sel.claims.iter().map(|&c| b.speaker_of(&b.claims[c]).name.as_str()).collect();
    assert_eq!(names[0], "A senior Hamas member");
    assert_eq!(names[16], "White House officials");
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
}

#[test]
fn grouping_keeps_first_appearance_order() {
    let (b, ix) = demo();
    let sel = select(&b, &ix, &ViewState::default());
    let groups = group_by_speaker(&b, &sel.claims);
    assert_eq!(groups.len(), 14);
    assert_eq!(b.speakers[groups[0].0].id, "karoline-leavitt");
    let trump = groups.iter().find(|(s, _)| b.speakers[*s].id == "donald-trump").unwrap();
    assert_eq!(ids(&b, &trump.1), vec!["trump-ultimatum", "trump-last-chance", "trump-support-israel"]);
}

#[test]
fn url_pairs_round_trip() {
    let s = state(&[
        Action::Toggle(Facet::Speaker, "donald-trump".into()),
        Action::Toggle(Facet::Speaker, "hazem-qassem".into()),
        Action::Toggle(Facet::Kind, "quote".into()),
        Action::SetQuery("đàm phán & co".into()),
        Action::SetSort(SortOrder::Speaker),
        Action::SetGrouped(true),
    ]);
    let pairs = s.to_pairs();
    assert_eq!(
        pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
        vec![
            "speaker=donald-trump",
            "speaker=hazem-qassem",
            "kind=quote",
            "q=đàm phán & co",
            "sort=speaker",
            "group=speaker"
        ]
    );
    let back = ViewState::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, s);
    assert!(ViewState::default().to_pairs().is_empty());
    // A comma inside a value is written %2C (a bare one separates values);
    // unknown keys are ignored; a bad sort falls back.
    let s = ViewState::from_pairs([("topic", "war%2C peace"), ("utm_source", "x"), ("sort", "bogus")]);
    assert_eq!(s.chosen[Facet::Topic].iter().collect::<Vec<_>>(), ["war, peace"]);
    assert_eq!(s.sort, SortOrder::Article);
}

#[test]
fn unknown_ids_in_the_url_select_nothing_rather_than_everything() {
    let (b, ix) = demo();
    let sel = select(&b, &ix, &ViewState::from_pairs([("speaker", "nobody")]));
    assert!(sel.claims.is_empty());
}

#[test]
fn search_words_match_within_one_claim_and_its_speaker_and_sources() {
    let text = r#"{"version":1,
        "speakers":[{"id":"a","name":"Ana Lima","role":"Mayor"},{"id":"b","name":"Bo"}],
        "sources":[{"id":"s","name":"Radio Sur"},{"id":"t","name":"Gazette"}],
        "claims":[{"id":"c1","text":"Rain in Spain","speaker":"a","sources":["s"]},
                  {"id":"c2","text":"Plain","speaker":"b","sources":["t","s"]},
                  {"id":"c3","text":"Snow","speaker":"b","sources":["t"]}]}"#;
    let b = load(text).bundle.unwrap();
    let ix = Index::new(&b);
    let found = |q: &str| ids(&b, &select(&b, &ix, &state(&[Action::SetQuery(q.into())])).claims);
    assert_eq!(found("ain"), ["c1", "c2"]);
    assert_eq!(found("snow"), ["c3"], "the last claim's text");
    assert_eq!(found("spain plain"), Vec::<String>::new(), "words of two claims never match one");
    assert_eq!(found("plain sur"), ["c2"], "text and a second source");
    assert_eq!(found("mayor rain"), ["c1"], "speaker role and text");
    assert_eq!(found("gazette"), ["c2", "c3"]);
}

#[test]
fn claims_are_found_by_id() {
    let (b, ix) = demo();
    for (i, c) in b.claims.iter().enumerate() {
        assert_eq!(ix.claim(&b, &c.id), Some(i), "{}", c.id);
    }
    assert_eq!(ix.claim(&b, "no-such-claim"), None);
    assert_eq!(ix.claim(&b, ""), None);
}

#[test]
fn a_facet_value_with_a_comma_survives_the_url_and_the_attributes() {
    let s = state(&[
        Action::Toggle(Facet::Topic, "war, peace".into()),
        Action::Toggle(Facet::Topic, "100% sure".into()),
        Action::Toggle(Facet::Speaker, "a".into()),
        Action::SetQuery("x, y".into()),
    ]);
    let pairs = s.to_pairs();
    assert_eq!(ViewState::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))), s, "URL form");
    let attrs = s.to_attribute_pairs();
    assert_eq!(attrs[1], ("topic", "100%25 sure,war%2C peace".to_owned()));
    assert_eq!(ViewState::from_attribute_pairs(attrs.iter().map(|(k, v)| (*k, v.as_str()))), s, "attribute form");
    assert_eq!(pairs[1], ("topic", "100%25 sure".to_owned()));
    // Attributes and the URL agree: both split lists on commas (`?speaker=a,b`).
    let listed = ViewState::from_attribute_pairs([("speaker", "a, b,,c")]);
    assert_eq!(listed.chosen[Facet::Speaker].iter().map(String::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(ViewState::from_pairs([("speaker", "a, b,,c")]), listed);
}

/// A bundle of four claims, three of them reviewed (format 1.1).
fn reviewed() -> (Bundle, Index) {
    let text = r#"{
        "version": 1.1,
        "article": { "title": "Checked" },
        "speakers": [{ "id": "a", "name": "Ann" }, { "id": "b", "name": "Bo" }],
        "sources": [{ "id": "s", "name": "Wire" }, { "id": "fc", "name": "Fact desk", "kind": "article" }],
        "claims": [
            { "id": "c1", "text": "Taxes fell", "speaker": "a", "sources": ["s"], "review": { "rating": "False", "reviewer": "fc" } },
            { "id": "c2", "text": "Crime rose", "speaker": "a", "sources": ["s"], "review": { "rating": "Mostly true", "value": 4, "best": 5 } },
            { "id": "c3", "text": "Jobs grew", "speaker": "b", "sources": ["s"], "review": { "rating": "False" } },
            { "id": "c4", "text": "Rain came", "speaker": "b", "sources": ["s"] }
        ]
    }"#;
    let loaded = load(text);
    assert_eq!(loaded.problems, []);
    let bundle = loaded.bundle.unwrap();
    let index = Index::new(&bundle);
    (bundle, index)
}

#[test]
fn the_verdict_facet_filters_by_the_ratings_words_and_counts_them() {
    let (b, ix) = reviewed();
    assert_eq!(b.verdicts, ["False", "Mostly true"]);
    let sel = select(&b, &ix, &ViewState::default());
    assert_eq!(sel.counts[Facet::Verdict], vec![2, 1], "a claim without a review has no verdict");
    let s = state(&[Action::Toggle(Facet::Verdict, "False".into())]);
    let sel = select(&b, &ix, &s);
    assert_eq!(ids(&b, &sel.claims), ["c1", "c3"]);
    assert_eq!(sel.counts[Facet::Speaker], vec![1, 1]);
    let s = s.apply(Action::Toggle(Facet::Speaker, "a".into()));
    let sel = select(&b, &ix, &s);
    assert_eq!(ids(&b, &sel.claims), ["c1"]);
    assert_eq!(sel.counts[Facet::Verdict], vec![1, 1], "Ann has one of each");
    // The verdict's words are searched too.
    let sel = select(&b, &ix, &state(&[Action::SetQuery("mostly".into())]));
    assert_eq!(ids(&b, &sel.claims), ["c2"]);
    // In the URL, whole words, spaces and all.
    let s = state(&[Action::Toggle(Facet::Verdict, "Mostly true".into())]);
    assert_eq!(s.to_pairs(), [("verdict", "Mostly true".to_owned())]);
    assert_eq!(ViewState::from_pairs([("verdict", "Mostly true")]), s);
    let attributes = s.to_attribute_pairs();
    assert_eq!(ViewState::from_attribute_pairs(attributes.iter().map(|(k, v)| (*k, v.as_str()))), s);
}
