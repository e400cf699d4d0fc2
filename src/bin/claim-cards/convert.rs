//! `claim-cards import` and `claim-cards export`: the command line around
//! `claim_cards::convert`.

use super::usage;
use claim_cards::convert::{self, claimreview::Input, Imported, Note};
use claim_cards::load::load;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// `import FORMAT INPUT... [-o FILE] [--title T] [--url U]`
pub fn import(args: &[String]) -> ExitCode {
    let Some((format, rest)) = args.split_first() else {
        return usage("import needs a FORMAT: claimreview, factcheck-api or csv");
    };
    let mut output = None;
    let mut options = convert::claimreview::Options::default();
    let mut inputs = Vec::new();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or(format!("{name} needs a value"));
        let set = match arg.as_str() {
            "-o" | "--output" => value("-o").map(|v| output = Some(v)),
            "--title" => value("--title").map(|v| options.title = Some(v)),
            "--url" => value("--url").map(|v| options.url = Some(v)),
            flag if flag.starts_with('-') && flag.len() > 1 => Err(format!("unknown option \"{flag}\"")),
            input => {
                inputs.push(input.to_owned());
                Ok(())
            }
        };
        if let Err(message) = set {
            return usage(&message);
        }
    }
    if inputs.is_empty() {
        return usage("import needs at least one input");
    }
    let imported = match format.as_str() {
        "claimreview" | "factcheck-api" => {
            let mut files = Vec::new();
            for name in &inputs {
                match std::fs::read_to_string(name) {
                    Ok(text) => files.push(Input { name: name.clone(), text }),
                    Err(e) => {
                        eprintln!("{name}: error: cannot read: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
            if format == "claimreview" {
                convert::claimreview::import(&files, &options)
            } else {
                convert::factcheck::import(&files, &options)
            }
        }
        "csv" => {
            let [dir] = inputs.as_slice() else { return usage("import csv takes one folder") };
            if options.title.is_some() || options.url.is_some() {
                return usage(
                    "import csv reads the article from article.csv (--title and --url are for the other formats)",
                );
            }
            convert::csv::import(Path::new(dir))
        }
        other => return usage(&format!("unknown import format \"{other}\" (claimreview, factcheck-api, csv)")),
    };
    finish(imported, output.as_deref())
}

/// Reports the notes, writes the bundle; exit 1 when an item was left out.
fn finish(imported: Imported, output: Option<&str>) -> ExitCode {
    report(&imported.notes);
    let Some(bundle) = &imported.bundle else {
        eprintln!("claim-cards: nothing could be imported");
        return ExitCode::from(1);
    };
    let written = match output {
        Some(path) => std::fs::write(path, &imported.json).map_err(|e| format!("{path}: cannot write: {e}")),
        None => std::io::stdout().lock().write_all(imported.json.as_bytes()).map_err(|e| e.to_string()),
    };
    if let Err(message) = written {
        eprintln!("claim-cards: {message}");
        return ExitCode::from(1);
    }
    let left_out = imported.notes.iter().filter(|n| n.severity.as_str() == "error").count();
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "claim-cards: {}, {}, {}{}",
        count(bundle.claims.len(), "claim", "claims"),
        count(bundle.speakers.len(), "speaker", "speakers"),
        count(bundle.sources.len(), "source", "sources"),
        if left_out > 0 { format!("; {} left out", count(left_out, "item", "items")) } else { String::new() }
    );
    ExitCode::from(if imported.skipped_any() { 1 } else { 0 })
}

fn report(notes: &[Note]) {
    let mut err = std::io::stderr().lock();
    for note in notes {
        let _ = writeln!(err, "{note}");
    }
}

/// `export csv BUNDLE DIR` | `export jsonld BUNDLE`
pub fn export(args: &[String]) -> ExitCode {
    let (format, rest) = match args.split_first() {
        Some((f, rest)) => (f.as_str(), rest),
        None => return usage("export needs a FORMAT: csv or jsonld"),
    };
    if let Some(flag) = rest.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        return usage(&format!("unknown option \"{flag}\""));
    }
    let (bundle_path, dir) = match (format, rest) {
        ("csv", [bundle, dir]) => (bundle, Some(dir)),
        ("jsonld", [bundle]) => (bundle, None),
        ("csv", _) => return usage("export csv takes BUNDLE DIR"),
        ("jsonld", _) => return usage("export jsonld takes one BUNDLE"),
        (other, _) => return usage(&format!("unknown export format \"{other}\" (csv, jsonld)")),
    };
    let text = match std::fs::read_to_string(bundle_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{bundle_path}: error: cannot read: {e}");
            return ExitCode::from(1);
        }
    };
    let loaded = load(&text);
    for p in &loaded.problems {
        eprintln!("{bundle_path}: {p}");
    }
    let Some(bundle) = &loaded.bundle else { return ExitCode::from(1) };
    let mut failed = loaded.errors().next().is_some();
    match dir {
        Some(dir) => match convert::csv::export(bundle, Path::new(dir)) {
            Ok(notes) => {
                report(&notes);
                failed |= !notes.is_empty();
            }
            Err(message) => {
                eprintln!("claim-cards: {message}");
                return ExitCode::from(1);
            }
        },
        None => {
            let doc = convert::jsonld::export(bundle);
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            if writeln!(std::io::stdout().lock(), "{text}").is_err() {
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::from(if failed { 1 } else { 0 })
}
