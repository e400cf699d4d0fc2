//! The JSON Schema (`schema/claim-bundle.v1.json`) and the Rust loader agree:
//! * `tests/fixtures/schema/valid/` and the demo bundles: the schema accepts,
//!   the loader reports nothing;
//! * `invalid/`: the schema rejects, the loader reports a problem — both at
//!   the place that fixture breaks ([`INVALID`]);
//! * `loader-only/`: rules a schema cannot express (unique ids, references,
//!   calendar dates): the schema accepts, the loader reports a problem.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::load::load;
use claim_cards::problem::{Place, Problem};
use std::path::{Path, PathBuf};

/// What each invalid fixture breaks, as a JSON Pointer into it: the value at
/// fault, or the member that is missing.
const INVALID: &[(&str, &str)] = &[
    ("article-without-title.json", "/article/title"),
    ("bad-language.json", "/article/language"),
    ("blank-text.json", "/claims/0/text"),
    ("claim-not-object.json", "/claims/1"),
    ("claim-without-text.json", "/claims/0/text"),
    ("data-url.json", "/speakers/0/image"),
    ("date-not-iso.json", "/claims/0/date"),
    ("empty-sources.json", "/claims/0/sources"),
    ("id-number.json", "/claims/0/id"),
    ("id-with-space.json", "/claims/0/id"),
    ("javascript-url.json", "/sources/0/url"),
    ("long-text.json", "/claims/0/text"),
    ("mixed-case-javascript-url.json", "/sources/0/url"),
    ("no-version.json", "/version"),
    ("paragraph-zero.json", "/claims/0/paragraph"),
    ("protocol-relative-url.json", "/sources/0/url"),
    ("repeated-source.json", "/claims/0/sources/1"),
    ("review-javascript-url.json", "/claims/0/review/url"),
    ("review-value-string.json", "/claims/0/review/value"),
    ("review-value-without-best.json", "/claims/0/review/best"),
    ("review-without-rating.json", "/claims/0/review/rating"),
    ("sources-string.json", "/claims/0/sources"),
    ("speaker-without-name.json", "/speakers/0/name"),
    ("tab-in-scheme-url.json", "/sources/0/url"),
    ("topic-label-missing.json", "/topics/0/label"),
    ("topic-not-string.json", "/claims/0/topics/0"),
    ("unknown-claim-kind.json", "/claims/0/kind"),
    ("unknown-speaker-kind.json", "/speakers/0/kind"),
    ("userinfo-url.json", "/sources/0/url"),
    ("version-2.json", "/version"),
    ("version-string.json", "/version"),
];

/// Whether the loader's `problem` is about the value at `pointer`.
fn names(problem: &Problem, pointer: &str) -> bool {
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let field = problem.field.as_deref().unwrap_or("");
    match (&problem.place, parts.as_slice()) {
        (Place::Bundle, [key]) | (Place::Article, ["article", key]) => field == *key,
        (Place::Item { list, index, .. }, [l, i, rest @ ..]) if list.as_str() == *l && index.to_string() == *i => {
            match rest {
                [] => field.is_empty(),
                [key] => field == *key,
                // An element of a list member (`sources[1]`), or a member of an object member (`review.rating`).
                [key, n] if n.bytes().all(|b| b.is_ascii_digit()) => field == format!("{key}[{n}]"),
                [key, member] => field == format!("{key}.{member}"),
                _ => false,
            }
        }
        _ => false,
    }
}

fn schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/claim-bundle.v1.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

fn check(path: &Path) -> (bool, Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = schema();
    let schema_errors: Vec<String> =
        validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    let loader: Vec<String> = load(&text).problems.iter().map(ToString::to_string).collect();
    (schema_errors.is_empty(), schema_errors, loader)
}

#[test]
fn valid_examples_pass_both() {
    let mut all = files("tests/fixtures/schema/valid");
    all.extend(files("static/bundles"));
    for path in all {
        let (ok, schema_errors, loader) = check(&path);
        assert!(ok, "{}: schema rejects: {schema_errors:?}", path.display());
        assert!(loader.is_empty(), "{}: loader reports: {loader:?}", path.display());
    }
}

#[test]
fn invalid_examples_fail_both_at_the_place_they_break() {
    let all = files("tests/fixtures/schema/invalid");
    assert_eq!(all.len(), INVALID.len(), "every invalid fixture says what it breaks (INVALID)");
    for path in all {
        let name = path.file_name().unwrap().to_str().unwrap();
        let &(_, pointer) =
            INVALID.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("{name} is not in INVALID"));
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let validator = schema();
        let errors: Vec<(String, String)> =
            validator.iter_errors(&value).map(|e| (e.instance_path().to_string(), e.to_string())).collect();
        assert!(!errors.is_empty(), "{name}: the schema accepts it");
        // At the value itself; or at its object or list, for a missing member or a repeat.
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let at_place = errors.iter().any(|(at, message)| {
            at == pointer
                || (at == parent
                    && (message.contains(&format!("\"{last}\" is a required property"))
                        || message.contains("non-unique")))
        });
        assert!(at_place, "{name}: no schema error at {pointer}: {errors:?}");
        let problems = load(&text).problems;
        assert!(
            problems.iter().any(|p| names(p, pointer)),
            "{name}: no loader problem at {pointer}: {:?}",
            problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
    }
}

#[test]
fn loader_only_rules_are_caught_by_the_loader() {
    for path in files("tests/fixtures/schema/loader-only") {
        let (ok, schema_errors, loader) = check(&path);
        assert!(ok, "{}: expected the schema to accept it: {schema_errors:?}", path.display());
        assert!(!loader.is_empty(), "{}: the loader reports nothing", path.display());
    }
}
