//! `claim-cards archive build|search`: a static archive of many bundles
//! (`claim_cards::archive`), and a question put to one from the command line
//! — the same code the widget runs, reading files from the folder; the
//! benchmark uses it to count what a reader's browser would fetch.

use crate::validate::line;
use claim_cards::archive::build::{self, Options, PACK_SIZE};
use claim_cards::archive::query::{self, FacetCounts, Files, Query};
use claim_cards::archive::{format, Facet, MANIFEST};
use claim_cards::date::IsoDate;
use claim_cards::load::load;
use std::path::{Path, PathBuf};
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

/// Reads each needed file from `dir` into `files`; one round of requests.
fn fetch(dir: &Path, files: &mut Files, names: &[String], log: &mut Vec<Vec<String>>) -> Result<(), String> {
    for name in names {
        let text = std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        files.add(name, text).map_err(|e| e.to_string())?;
    }
    log.push(names.to_vec());
    Ok(())
}

/// Calls `f` until it stops asking for files.
fn answer<T>(
    dir: &Path,
    files: &mut Files,
    log: &mut Vec<Vec<String>>,
    f: impl Fn(&Files) -> Result<T, Vec<String>>,
) -> Result<T, String> {
    loop {
        match f(files) {
            Ok(v) => return Ok(v),
            Err(need) if need.is_empty() => return Err("the archive is inconsistent".into()),
            Err(need) => fetch(dir, files, &need, log)?,
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

/// A facet's top values as printed: label and count, and whether counts are exact.
type Shown = (Facet, Vec<(String, u32)>, bool);

fn search(args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut text = String::new();
    let mut chosen: Vec<(Facet, String)> = Vec::new();
    let (mut from, mut to, mut limit, mut relevance, mut json) = (None, None, 20usize, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--q" => text = value()?,
            "--from" => from = Some(day(&value()?)?),
            "--to" => to = Some(day(&value()?)?),
            "--limit" => limit = value()?.parse().map_err(|_| "--limit needs a number")?,
            "--relevance" => relevance = true,
            "--json" => json = true,
            other if other.starts_with("--") => match Facet::from_name(&other[2..]) {
                Some(f) => chosen.push((f, value()?)),
                None => return Err(format!("unknown option {other}")),
            },
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.ok_or("needs the archive's folder")?;
    let mut log = Vec::new();
    let manifest_text = std::fs::read_to_string(dir.join(MANIFEST)).map_err(|e| format!("{MANIFEST}: {e}"))?;
    let m = format::read_manifest(&manifest_text).map_err(|e| format!("{MANIFEST}: {e}"))?;
    log.push(vec![MANIFEST.to_owned()]);
    let mut files = Files::default();
    let mut q = Query { words: Query::words_of(&text), from, to, relevance, ..Query::default() };
    for (facet, id) in &chosen {
        let v = answer(&dir, &mut files, &mut log, |f| query::lookup(&m, f, *facet, id))?;
        let v = v.ok_or(format!("no {} \"{id}\" in the archive", facet.name()))?;
        match q.filters.iter_mut().find(|(f, _)| f == facet) {
            Some((_, values)) => values.push(v),
            None => q.filters.push((*facet, vec![v])),
        }
    }
    let lookups = log.len();
    let a = answer(&dir, &mut files, &mut log, |f| query::search(&m, f, &q, limit))?;
    // Every card of the page at once: one round of requests, as the widget makes them.
    let lines = answer(&dir, &mut files, &mut log, |f| {
        let mut need = Vec::new();
        let mut out = Vec::new();
        for hit in &a.hits {
            match query::card(&m, f, hit.doc) {
                Ok(card) => out.push(card.map(|(t, i)| (t.to_owned(), i))),
                Err(n) => {
                    for x in n {
                        if !need.contains(&x) {
                            need.push(x);
                        }
                    }
                }
            }
        }
        if need.is_empty() {
            Ok(out)
        } else {
            Err(need)
        }
    })?;
    let mut cards = Vec::new();
    for (hit, card) in a.hits.iter().zip(lines) {
        let (line_text, i) = card.ok_or("a result has no card")?;
        let bundle = load(&line_text).bundle.ok_or("a pack's bundle does not load")?;
        let c = bundle.claims.get(i).ok_or("a result's claim is missing from its pack")?;
        cards.push((
            c.id.clone(),
            c.text.clone(),
            bundle.article.title.clone().unwrap_or_default(),
            bundle.article.url.clone().unwrap_or_default(),
            hit.day,
        ));
    }
    let facet_labels: Vec<Shown> = a
        .facets
        .iter()
        .map(|(f, c)| match c {
            FacetCounts::Totals => answer(&dir, &mut files, &mut log, |fs| query::top(&m, fs, *f, 10))
                .map(|l| (*f, l.into_iter().map(|l| (l.label, l.total)).collect(), true)),
            FacetCounts::Counted { values, exact } => {
                let top: Vec<u32> = values.iter().take(10).map(|(v, _)| *v).collect();
                let labels = answer(&dir, &mut files, &mut log, |fs| query::labels(&m, fs, *f, &top))?;
                Ok((*f, labels.into_iter().zip(values).map(|(l, (_, n))| (l.label, *n)).collect(), *exact))
            }
        })
        .collect::<Result<_, String>>()?;
    let date = |d: i32| {
        if d == claim_cards::archive::UNDATED {
            String::new()
        } else {
            IsoDate::from_day_number(i64::from(d)).to_string()
        }
    };
    if json {
        let out = serde_json::json!({
            "total": a.total.n, "exact": a.total.exact, "more": a.more,
            "hits": cards.iter().map(|(id, text, title, url, d)| serde_json::json!({"id": id, "text": text, "article": title, "url": url, "date": date(*d)})).collect::<Vec<_>>(),
            "facets": facet_labels.iter().map(|(f, values, exact)| serde_json::json!({"facet": f.name(), "exact": exact, "values": values})).collect::<Vec<_>>(),
            "requests": log.iter().map(|round| round.len()).sum::<usize>(),
            "rounds": log,
            "lookup_rounds": lookups,
        });
        println!("{out}");
    } else {
        println!(
            "{} {} claims{}",
            if a.total.exact { "" } else { "about" },
            a.total.n,
            if a.more { " (more)" } else { "" }
        );
        for (id, text, title, url, d) in &cards {
            println!("{}  {text}\n    — {title} <{url}#claim-{id}>", date(*d));
        }
        for (f, values, exact) in &facet_labels {
            let shown: Vec<String> = values.iter().map(|(l, n)| format!("{l} ({n})")).collect();
            println!("{}{}: {}", f.name(), if *exact { "" } else { " (estimated)" }, shown.join(", "));
        }
        let requests: usize = log.iter().map(Vec::len).sum();
        println!("{} requests in {} rounds", requests, log.len());
    }
    Ok(())
}
