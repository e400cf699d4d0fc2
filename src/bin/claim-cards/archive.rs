//! `claim-cards archive build|search`: a static archive of many bundles
//! (`claim_cards::archive`), and a question put to one from the command line
//! — the same code the widget runs, reading files from the folder; the
//! benchmark uses it to count what a reader's browser would fetch.

use crate::validate::line;
use claim_cards::archive::build::{self, Options, PACK_SIZE};
use claim_cards::archive::format;
use claim_cards::archive::session::{self, Action, Choice, Session};
use claim_cards::archive::{Facet, MANIFEST};
use claim_cards::date::IsoDate;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("build") => build_command(&args[1..]),
        Some("search") => search_command(&args[1..]),
        _ => crate::usage("archive needs build or search"),
    }
}

fn build_command(args: &[String]) -> ExitCode {
    let mut inputs = Vec::new();
    let mut out = None;
    let mut update = false;
    let mut pack_size = PACK_SIZE;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--out" => out = it.next().map(PathBuf::from),
            "--update" => update = true,
            "--pack-size" => match it.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0) {
                Some(n) => pack_size = n,
                None => return crate::usage("--pack-size needs a number above 0"),
            },
            other if other.starts_with('-') => return crate::usage(&format!("archive build: unknown option {other}")),
            other => inputs.push(PathBuf::from(other)),
        }
    }
    let Some(out) = out else { return crate::usage("archive build needs -o DIR") };
    if inputs.is_empty() {
        return crate::usage("archive build needs bundles (files or folders)");
    }
    let files = match build::bundle_files(&inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("claim-cards: {e}");
            return ExitCode::from(1);
        }
    };
    let started = std::time::Instant::now();
    match build::build(&files, &Options { update, pack_size, ..Options::new(out.clone()) }) {
        Ok(report) => {
            for r in &report.reported {
                for p in &r.problems {
                    eprintln!("{}", line(&r.path, p));
                }
                if r.skipped {
                    eprintln!("{}: skipped: nothing of it is in the archive", r.path);
                }
            }
            let skipped = report.reported.iter().filter(|r| r.skipped).count();
            eprintln!(
                "{}: {} claims; {} bundles added, {} skipped; {} files ({} written, {} bytes) in {:.1} s",
                out.display(),
                report.claims,
                report.bundles,
                skipped,
                report.files,
                report.written,
                report.bytes,
                started.elapsed().as_secs_f64()
            );
            if report.reported.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("claim-cards: archive build: {e}");
            ExitCode::from(1)
        }
    }
}

fn day(text: &str) -> Result<i32, String> {
    IsoDate::parse(text).map(|d| d.day_number() as i32).map_err(|e| format!("{text}: {e}"))
}

fn search_command(args: &[String]) -> ExitCode {
    match search(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claim-cards: archive search: {e}");
            ExitCode::from(1)
        }
    }
}

fn search(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut c = Choice::default();
    let (mut limit, mut json) = (20usize, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--q" => c.query = value()?,
            "--from" => c.from = Some(day(&value()?)?),
            "--to" => c.to = Some(day(&value()?)?),
            "--limit" => limit = value()?.parse().map_err(|_| "--limit needs a number")?,
            "--relevance" => c.relevance = true,
            "--json" => json = true,
            other if other.starts_with("--") => match Facet::from_name(&other[2..]) {
                Some(f) => c = c.apply(Action::Toggle(f, value()?)),
                None => return Err(format!("unknown option {other}")),
            },
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.ok_or("needs the archive's folder")?;
    let mut log = vec![vec![MANIFEST.to_owned()]];
    let manifest_text = std::fs::read_to_string(dir.join(MANIFEST)).map_err(|e| format!("{MANIFEST}: {e}"))?;
    let m = format::read_manifest(&manifest_text).map_err(|e| format!("{MANIFEST}: {e}"))?;
    let mut s = Session::new(m, MANIFEST);
    // The page as the archive view asks for it: the same rounds of requests.
    let page = s.answer_from(&dir, &mut log, |s| s.page(&c, limit))?;
    // A chosen value the archive lacks (the view shows it ticked, with no
    // count) is said here: a command's user typed it.
    for f in &page.facets {
        if let Some(o) = f.options.iter().find(|o| o.chosen && o.count.is_none()) {
            return Err(format!("no {} \"{}\" in the archive", f.facet.name(), o.id));
        }
    }
    let date = |d: i32| if d == claim_cards::archive::UNDATED { String::new() } else { session::day_text(d) };
    let cards: Vec<(String, String, String, String, i32)> = page
        .cards
        .iter()
        .map(|k| {
            let b = &k.data.bundle;
            let claim = k.claim();
            let (title, url) = (b.article.title.clone().unwrap_or_default(), b.article.url.clone().unwrap_or_default());
            (claim.id.clone(), claim.text.clone(), title, url, k.day)
        })
        .collect();
    if json {
        let out = serde_json::json!({
            "total": page.total.n, "exact": page.total.exact, "more": page.more,
            "hits": cards.iter().map(|(id, text, title, url, d)| serde_json::json!({"id": id, "text": text, "article": title, "url": url, "date": date(*d)})).collect::<Vec<_>>(),
            "facets": page.facets.iter().map(|f| serde_json::json!({
                "facet": f.facet.name(), "exact": f.exact,
                "values": f.options.iter().map(|o| serde_json::json!([o.label, o.count])).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "requests": log.iter().map(|round| round.len()).sum::<usize>(),
            "rounds": log,
        });
        println!("{out}");
    } else {
        println!(
            "{} {} claims{}",
            if page.total.exact { "" } else { "about" },
            page.total.n,
            if page.more { " (more)" } else { "" }
        );
        for (id, text, title, url, d) in &cards {
            println!("{}  {text}\n    — {title} <{url}#claim-{id}>", date(*d));
        }
        for f in &page.facets {
            let shown: Vec<String> =
                f.options.iter().map(|o| format!("{} ({})", o.label, o.count.unwrap_or(0))).collect();
            println!("{}{}: {}", f.facet.name(), if f.exact { "" } else { " (estimated)" }, shown.join(", "));
        }
        let requests: usize = log.iter().map(Vec::len).sum();
        println!("{} requests in {} rounds", requests, log.len());
    }
    Ok(())
}
