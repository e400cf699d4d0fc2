//! Generated files are what their generators produce today.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

#[test]
fn the_fold_table_is_what_its_script_generates() {
    let out = Command::new("python3")
        .args(["scripts/gen-fold-table.py", "--stdout"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs scripts/gen-fold-table.py (scripts/bootstrap's machine has it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let generated = String::from_utf8(out.stdout).expect("UTF-8");
    let committed = include_str!("../src/text/fold_table.rs");
    assert!(generated.lines().count() > 400, "the script printed the table");
    assert!(
        generated == committed,
        "src/text/fold_table.rs differs from what scripts/gen-fold-table.py generates: run it and commit the result"
    );
}

/// The fact-check demo bundle is what `claim-cards import` makes of the
/// fact-check markup fixtures (the command is in the README).
#[test]
fn the_fact_check_demo_is_what_import_makes() {
    let out = Command::new(env!("CARGO_BIN_EXE_claim-cards"))
        .args([
            "import",
            "claimreview",
            "tests/fixtures/import/claimreview/lantern-debate.html",
            "tests/fixtures/import/claimreview/civic-ledger-feed.json",
            "tests/fixtures/import/claimreview/transit-graph.jsonld",
            "--title",
            "Harbor City mayoral race: the claims, fact-checked",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the claim-cards binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = include_str!("../static/bundles/harbor-fact-checks.json");
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "static/bundles/harbor-fact-checks.json differs from what `claim-cards import claimreview …` makes of \
         tests/fixtures/import/claimreview/: run the command in the README (\"A fact-check demo\") and commit the result"
    );
}
