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
