#![no_main]
//! See `checks::url_state`.
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::url_state(data));
