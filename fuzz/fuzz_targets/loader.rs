#![no_main]
//! See `checks::loader`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::loader(data));
