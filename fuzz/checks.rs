//! The properties the fuzz targets check, one function per target; each
//! panics when its property fails. Shared by `fuzz_targets/` (libFuzzer) and
//! `tests/fuzz_corpus.rs` (the kept corpus, replayed by the test command).
// Each target uses one of these functions.
#![allow(dead_code)]

use claim_cards::json::{Parser, Value};
use claim_cards::load::load;
use claim_cards::problem::{List, Place};
use claim_cards::text::{fold, highlight};
use claim_cards::view::ViewState;

/// The JSON reader accepts exactly what serde_json accepts (RFC 8259, nesting
/// up to 128), reads the same values, and walks an array's elements the same
/// whether it reads, skips or counts them.
pub fn json(data: &[u8]) {
    // The loader always gets text.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = {
        let mut p = Parser::new(text);
        p.value().and_then(|v| p.finish().map(|()| v))
    };
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b), "different values for {text:?}: {a:?} / {b}"),
        (Err(_), Err(_)) => {}
        // serde_json refuses numbers beyond f64; ours too ("too large to use").
        (Ok(_), Err(e)) => panic!("we accept what serde_json refuses ({e}): {text:?}"),
        (Err(e), Ok(_)) => panic!("we refuse what serde_json accepts ({e:?}): {text:?}"),
    }
    // Skipping an array checks the same syntax and counts its elements.
    if let Ok(serde_json::Value::Array(items)) = &theirs {
        let mut p = Parser::new(text);
        let skipped = p.skip_array().and_then(|(_, n)| p.finish().map(|()| n));
        assert_eq!(skipped.ok(), Some(items.len()), "skip_array on {text:?}");
        let mut p = Parser::new(text);
        assert!(p.enter_array());
        let mut n = 0;
        while let Ok(Some(item)) = p.next_element(n == 0) {
            assert!(same(&item, &items[n]), "element {n} of {text:?}");
            n += 1;
        }
        assert_eq!(n, items.len(), "walked elements of {text:?}");
    }
}

fn same(a: &Value, b: &serde_json::Value) -> bool {
    match (a, b) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(x), serde_json::Value::Bool(y)) => x == y,
        (Value::String(x), serde_json::Value::String(y)) => x == y,
        (Value::Number(x), serde_json::Value::Number(y)) => {
            // Ours sums digits (bundles hold small numbers): exact for integers
            // up to 2^53, within a few rounding errors otherwise.
            // (Below 1e-300 both are as good as 0.)
            let (x, y) = (x.as_f64(), y.as_f64().unwrap_or(f64::NAN));
            x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()) || (x.abs() < 1e-300 && y.abs() < 1e-300)
        }
        (Value::Array(x), serde_json::Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), serde_json::Value::Object(y)) => {
            // A repeated key: the last one counts, in both.
            y.iter().all(|(k, v)| x.get(k).is_some_and(|ours| same(ours, v))) && x.keys().all(|k| y.contains_key(k))
        }
        _ => false,
    }
}

/// The loader never panics, and every claim is either in the bundle or named
/// by an error at its index.
pub fn loader(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let loaded = load(&text);
    let Some(bundle) = &loaded.bundle else {
        assert!(loaded.errors().next().is_some(), "nothing loaded and no error: {text:?}");
        return;
    };
    let Ok(serde_json::Value::Object(root)) =
        serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
    else {
        return;
    };
    let Some(serde_json::Value::Array(claims)) = root.get("claims") else { return };
    assert_eq!(bundle.claims.len() + loaded.skipped_claims, claims.len(), "claims lost in {text:?}");
    let kept: Vec<&str> = bundle.claims.iter().map(|c| c.id.as_str()).collect();
    for (i, claim) in claims.iter().enumerate() {
        let id = claim.get("id").and_then(|v| v.as_str());
        let in_bundle = id.is_some_and(|id| kept.contains(&id));
        let reported = loaded
            .problems
            .iter()
            .any(|p| p.is_error() && matches!(&p.place, Place::Item { list: List::Claims, index, .. } if *index == i));
        assert!(in_bundle || reported, "claims[{i}] neither shown nor reported in {text:?}");
    }
}

/// Folding never panics, and `highlight` cuts the text into segments that
/// cover it in order, on character boundaries, whatever the words.
pub fn fold_highlight(data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    // The first line is the text, the rest the query words.
    let (text, query) = input.split_once('\n').unwrap_or((&input, ""));
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    let segments = highlight(text, &words);
    let mut at = 0;
    for s in &segments {
        let start = s.text.as_ptr() as usize - text.as_ptr() as usize;
        assert_eq!(start, at, "segments out of order for {text:?} / {words:?}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(start + s.text.len()));
        at += s.text.len();
    }
    assert_eq!(at, text.len(), "segments do not cover {text:?} / {words:?}");
    // A marked segment, folded, contains one of the words.
    for s in segments.iter().filter(|s| s.matched) {
        let f = fold(s.text);
        assert!(words.iter().any(|w| f.contains(w.as_str())), "{:?} marked for {words:?}", s.text);
    }
}

/// A view read from a URL query writes back the same query, and the same
/// view through the element's attributes.
pub fn url_state(data: &[u8]) {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let state = ViewState::from_query_pairs(&pairs);
    let again = ViewState::from_pairs(state.to_pairs().iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, state, "URL round trip of {pairs:?}");
    let attributes = state.to_attribute_pairs();
    let back = ViewState::from_attribute_pairs(attributes.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, state, "attribute round trip of {pairs:?}");
}

/// Drafting never panics; every claim's evidence lies in its paragraph (on
/// character boundaries: ranges are in characters) and holds the claim's
/// words; every draft loads as a bundle with no errors.
pub fn draft(data: &[u8]) {
    use claim_cards::extract::{draft, read};
    use claim_cards::model::Article;
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first byte picks the language, so both lexicons are reached.
    let lang = if data.first().is_some_and(|b| b % 2 == 1) { "vi" } else { "en" };
    let given = Article { language: Some(lang.into()), ..Article::default() };
    let Ok(drafted) = draft(text, &given) else { return };
    let article = read(text);
    for (claim, e) in drafted.bundle.claims.iter().zip(&drafted.evidence) {
        let paragraph: Vec<char> = article.paragraphs[e.paragraph as usize - 1].chars().collect();
        let mut words = String::new();
        for &(s, t) in e.text.iter().chain([&e.cue]) {
            assert!(s <= t && t <= paragraph.len(), "range {s}..{t} outside ¶{} of {text:?}", e.paragraph);
        }
        for &(s, t) in &e.text {
            words.extend(paragraph[s..t].iter());
            words.push(' ');
        }
        let plain =
            |t: &str| t.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
        assert_eq!(plain(&words), plain(&claim.text), "{} of {text:?}", claim.id);
    }
    let json = claim_cards::convert::write::draft_json(&drafted);
    let loaded = load(&json);
    assert!(loaded.errors().next().is_none(), "{:?}\n{json}", loaded.problems);
    assert_eq!(loaded.valid_claims(), drafted.bundle.claims.len());
}
