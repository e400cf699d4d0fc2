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

/// The seed article's text (`../shared/seeds/*.txt`), when it is there.
fn seed_text() -> Option<String> {
    let dir = shared("seeds")?;
    let seed = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"));
    Some(std::fs::read_to_string(seed.expect("a .txt seed")).unwrap())
}

/// The development set (`../shared/extract/`): each article's path, text and
/// labels. Empty when the folder is not there.
fn development_set() -> Vec<(PathBuf, String, serde_json::Value)> {
    let Some(dir) = shared("extract") else { return Vec::new() };
    let mut articles: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let gold =
                serde_json::from_str(&std::fs::read_to_string(path.with_extension("gold.json")).unwrap()).unwrap();
            (path, text, gold)
        })
        .collect();
    articles.sort_by(|a, b| a.0.cmp(&b.0));
    articles
}

/// `actual` is what the file at `path` (under tests/fixtures/extract) holds;
/// `CLAIM_CARDS_UPDATE_DRAFTS=1` writes it there first (accepting a change).
fn assert_expected(path: &std::path::Path, actual: &str, what: &str) {
    if std::env::var_os("CLAIM_CARDS_UPDATE_DRAFTS").is_some() {
        std::fs::write(path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(actual, expected, "{what} changed (CLAIM_CARDS_UPDATE_DRAFTS=1 to accept)");
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

#[test]
fn the_seed_articles_paragraphs_are_the_demo_bundles() {
    let Some(text) = seed_text() else { return };
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
    if shared("extract").is_none() {
        return;
    }
    let set = development_set();
    for (path, text, gold) in &set {
        let article = read(text);
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
    assert_eq!(set.len(), 11);
}

// ---- Drafts -------------------------------------------------------------

use claim_cards::convert::write::draft_json;
use claim_cards::date::IsoDate;
use claim_cards::extract::draft;
use claim_cards::model::Article;

fn options(lang: Option<&str>) -> Article {
    Article {
        publisher: Some("Test Daily".into()),
        published: Some(IsoDate::parse("2025-03-06").unwrap()),
        language: lang.map(String::from),
        ..Article::default()
    }
}

/// Our own short articles (tests/fixtures/extract/*.txt), one pattern each,
/// drafted exactly as `NAME.draft.json` says: a change in what the extractor
/// finds shows up as a diff. `CLAIM_CARDS_UPDATE_DRAFTS=1` rewrites them.
#[test]
fn own_fixtures_draft_exactly() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let drafted = draft(&text, &options(None)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = draft_json(&drafted);
        let loaded = claim_cards::load::load(&json);
        assert!(loaded.problems.is_empty(), "{}: {:?}", path.display(), loaded.problems);
        assert_expected(&path.with_extension("draft.json"), &json, &format!("{}: the draft", path.display()));
    }
    assert!(seen >= 5);
}

/// Every claim's evidence points at its own words: the ranges are in the
/// paragraph, on character boundaries, and hold the claim's text.
fn check_evidence(name: &str, text: &str, lang: Option<&str>) -> claim_cards::extract::Draft {
    let article = read(text);
    let drafted = draft(text, &options(lang)).unwrap_or_else(|e| panic!("{name}: {e}"));
    for (claim, e) in drafted.bundle.claims.iter().zip(&drafted.evidence) {
        let p: Vec<char> = article.paragraphs[e.paragraph as usize - 1].chars().collect();
        let slice = |(s, t): (usize, usize)| {
            assert!(s <= t && t <= p.len(), "{name}: {} range {s}..{t} outside ¶{}", claim.id, e.paragraph);
            p[s..t].iter().collect::<String>()
        };
        let parts: Vec<String> = e.text.iter().map(|&r| slice(r).trim().to_string()).collect();
        assert_eq!(words(&parts.join(" ")), words(&claim.text), "{name}: {}", claim.id);
        slice(e.cue);
        assert!((0.0..=1.0).contains(&e.confidence));
        assert_eq!(claim.paragraph, Some(e.paragraph));
    }
    let json = draft_json(&drafted);
    assert!(claim_cards::load::load(&json).errors().next().is_none(), "{name}: the draft does not load");
    drafted
}

#[test]
fn drafts_of_the_development_set_load_and_point_at_their_words() {
    for (path, text, gold) in development_set() {
        // The labels say "vi" for the Vietnamese articles, nothing for the English ones.
        let lang = gold["language"].as_str().unwrap_or("en");
        check_evidence(&path.display().to_string(), &text, Some(lang));
    }
}

/// The seed article's draft, as a shape — each claim's paragraph, kind, rule,
/// speaker and ranges, never its words (the article is not ours to copy) —
/// compared with tests/fixtures/extract/seed.shape.
#[test]
fn the_seed_articles_draft() {
    let Some(text) = seed_text() else { return };
    let drafted = check_evidence("seed", &text, Some("en"));
    let b = &drafted.bundle;
    let shape: String = b
        .claims
        .iter()
        .zip(&drafted.evidence)
        .map(|(c, e)| {
            format!(
                "¶{} {} {} {} [{}] text {:?} cue {:?} date {}\n",
                e.paragraph,
                c.kind.as_str(),
                e.rule,
                b.speakers[c.speaker].name,
                b.sources[c.sources[0]].name,
                e.text,
                e.cue,
                c.date.as_ref().map_or("-".to_string(), |d| d.to_string())
            )
        })
        .collect();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/seed.shape");
    assert_expected(&path, &shape, "the seed's draft");
}

#[test]
fn inputs_with_nothing_to_draft_say_why() {
    use claim_cards::extract::Failure;
    assert_eq!(draft("", &Article::default()).unwrap_err(), Failure::NoParagraphs);
    assert!(matches!(draft("The sun rose. It was warm.", &Article::default()), Err(Failure::NoAttributions { .. })));
    let fr = Article { language: Some("fr".into()), ..Article::default() };
    assert!(matches!(draft("Il a dit oui.", &fr), Err(Failure::NoLanguage(_))));
    // Markup is text: a script in pasted HTML is never a claim, and never runs.
    let html = "<p>The mayor said the <b>bridge</b> would reopen.</p><script>alert('the mayor said x')</script>";
    let d = draft(html, &Article::default()).unwrap();
    assert_eq!(d.bundle.claims.len(), 1);
    assert_eq!(d.bundle.claims[0].text, "The bridge would reopen.");
}

/// What no article holds still drafts into a bundle that loads: a paragraph of
/// a thousand attributions (one speaker, one verb: merged, but never past a
/// claim's length), a name of 100,000 letters.
#[test]
fn outsized_inputs_still_draft_bundles_that_load() {
    let run_on = "The mayor said the bridge would reopen in May. ".repeat(1000);
    let d = draft(&run_on, &Article::default()).unwrap();
    assert!(d.bundle.claims.len() > 1);
    assert!(d.bundle.claims.iter().all(|c| c.text.chars().count() <= 5000));
    let long_name = format!("Mr. Y{} said the bridge would reopen in May.", "y".repeat(100_000));
    for text in [run_on, long_name] {
        let d = draft(&text, &Article::default()).unwrap();
        let loaded = claim_cards::load::load(&draft_json(&d));
        assert!(loaded.errors().next().is_none(), "{:?}", loaded.problems.first());
    }
}
