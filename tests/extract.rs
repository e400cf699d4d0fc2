//! The article reader against real articles, read from `../shared/` (other
//! people's texts: read for measurement, never copied into the project). The
//! tests say so and pass when that folder is not beside the checkout.

use claim_cards::extract::{read, sentences};
use std::path::PathBuf;

fn shared(dir: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(dir);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("{} is not there: skipped", path.display());
        None
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn the_seed_articles_paragraphs_are_the_demo_bundles() {
    let Some(dir) = shared("seeds") else { return };
    let seed = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"));
    let text = std::fs::read_to_string(seed.expect("a .txt seed")).unwrap();
    let article = read(&text);
    let bundle: serde_json::Value =
        serde_json::from_str(include_str!("../static/bundles/us-hamas-talks.json")).unwrap();
    assert_eq!(article.paragraphs.len(), 9, "{:#?}", article.paragraphs);
    for claim in bundle["claims"].as_array().unwrap() {
        let n = claim["paragraph"].as_u64().unwrap() as usize;
        let paragraph = words(&article.paragraphs[n - 1]);
        let claim_words = words(claim["text"].as_str().unwrap());
        let found = claim_words.iter().filter(|w| paragraph.contains(w)).count();
        assert!(found * 10 >= claim_words.len() * 8, "{} is not in paragraph {n}", claim["id"]);
    }
}

#[test]
fn the_development_sets_claims_are_in_the_paragraphs_their_labels_name() {
    let Some(dir) = shared("extract") else { return };
    let mut articles = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        articles += 1;
        let article = read(&std::fs::read_to_string(&path).unwrap());
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("gold.json")).unwrap()).unwrap();
        assert_eq!(article.title.as_deref(), gold["title"].as_str(), "{}", path.display());
        for claim in gold["claims"].as_array().unwrap() {
            let n = claim["paragraph"].as_u64().unwrap() as usize;
            let paragraph =
                article.paragraphs.get(n - 1).unwrap_or_else(|| panic!("{}: no paragraph {n}", path.display()));
            for part in claim["text"].as_str().unwrap().split(" ... ") {
                assert!(paragraph.contains(part), "{}: paragraph {n} lacks {part:?}", path.display());
            }
            // Every sentence range lies on character boundaries of its paragraph.
            for s in sentences(paragraph) {
                assert!(paragraph.is_char_boundary(s.start) && paragraph.is_char_boundary(s.end));
            }
        }
    }
    assert_eq!(articles, 11);
}
