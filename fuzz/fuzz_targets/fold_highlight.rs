#![no_main]
//! See `checks::fold_highlight`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::fold_highlight(data));
