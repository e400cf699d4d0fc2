//! The fuzz corpus (`fuzz/corpus/TARGET/`), replayed through the fuzz targets'
//! own properties (`fuzz/checks.rs`): whatever the fuzzer once reached stays
//! checked by the test command, in seconds. `scripts/fuzz` runs the fuzzer.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} fails its property", path.display());
        inputs += 1;
    }
    assert!(inputs >= 10, "{target}: only {inputs} inputs in {}", dir.display());
}

#[test]
fn json_corpus() {
    replay("json", checks::json);
}

#[test]
fn loader_corpus() {
    replay("loader", checks::loader);
}

#[test]
fn fold_highlight_corpus() {
    replay("fold_highlight", checks::fold_highlight);
}

#[test]
fn url_state_corpus() {
    replay("url_state", checks::url_state);
}

#[test]
fn draft_corpus() {
    replay("draft", checks::draft);
}
