#![no_main]
//! See `checks::draft`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::draft(data));
