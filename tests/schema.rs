//! The JSON Schema (`schema/claim-bundle.v1.json`) and the Rust loader agree:
//! * `tests/fixtures/schema/valid/` and the demo bundles: the schema accepts,
//!   the loader reports nothing;
//! * `invalid/`: the schema rejects, the loader reports a problem;
//! * `loader-only/`: rules a schema cannot express (unique ids, references,
//!   calendar dates): the schema accepts, the loader reports a problem.
#![cfg(not(target_arch = "wasm32"))]

use claim_cards::load::load;
use std::path::{Path, PathBuf};

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
fn invalid_examples_fail_both() {
    for path in files("tests/fixtures/schema/invalid") {
        let (ok, _, loader) = check(&path);
        assert!(!ok, "{}: the schema accepts it", path.display());
        assert!(!loader.is_empty(), "{}: the loader reports nothing", path.display());
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
