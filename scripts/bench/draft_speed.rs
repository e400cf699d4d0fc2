//! How long `extract::draft` takes natively (the benchmark's figure, run by
//! `scripts/benchmark --extract`; an example of Cargo.toml's): `cargo run --release --example draft_speed
//! -- ARTICLE [RUNS]` drafts the article RUNS times (default 200) after a
//! warm-up and prints the median and the fastest time per draft, in ms, as JSON.

use claim_cards::extract::draft;
use claim_cards::model::Article;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: draft_speed ARTICLE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let given = Article { language: Some("en".into()), ..Article::default() };
    let claims = draft(&text, &given).map(|d| d.bundle.claims.len()).unwrap_or(0);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let d = draft(&text, &given);
            std::hint::black_box(d.is_ok());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let words = text.split_whitespace().count();
    println!(
        "{{\"words\": {words}, \"claims\": {claims}, \"runs\": {runs}, \"median_ms\": {:.3}, \"min_ms\": {:.3}}}",
        times[runs / 2],
        times[0]
    );
}
