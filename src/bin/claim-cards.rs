//! `claim-cards validate [--json] FILE...` — checks claim bundles the way the
//! widget reads them, and prints every problem with its place.
//! `claim-cards params` — for the build: the widget's URL and attribute
//! vocabulary as JSON, written into the embed's JavaScript.
//!
//! Exit status: 0 when every claim of every file can be shown (warnings
//! allowed), 1 when a claim was skipped or a file could not be read, 2 on a
//! usage error.

use claim_cards::load::{load, Loaded};
use claim_cards::problem::{Place, Problem, Scalar};
use claim_cards::view::Param;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
usage: claim-cards validate [--json] FILE...

Checks claim bundles (format v1) and prints every problem:
  FILE:LINE:COL: error: ...                  a JSON syntax error
  FILE: claims[3] (id \"c4\"): error: ...      a claim that will not be shown
  FILE: sources[0] (id \"s1\"): warning: ...   shown, but a value was dropped
then a summary line per file. --json prints the same as one JSON document.

Exit status: 0 all claims valid, 1 claims skipped or a file unreadable, 2 usage error.

For the build: claim-cards params prints the widget's URL and attribute
vocabulary as JSON: {\"params\": [...], \"lists\": [...]}.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => {}
        Some("params") if args.len() > 1 => return usage("params takes no arguments"),
        Some("params") => {
            println!("{}", params_json());
            return ExitCode::SUCCESS;
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => return usage(&format!("unknown command \"{other}\"")),
        None => return usage("no command given"),
    }
    let mut json = false;
    let mut files = Vec::new();
    let mut only_files = false;
    for arg in &args[1..] {
        match arg.as_str() {
            "--json" if !only_files => json = true,
            "--" if !only_files => only_files = true,
            "-h" | "--help" if !only_files => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') && flag.len() > 1 && !only_files => {
                return usage(&format!("unknown option \"{flag}\""))
            }
            file => files.push(file.to_owned()),
        }
    }
    if files.is_empty() {
        return usage("no FILE given");
    }

    let reports: Vec<Report> = files.iter().map(|f| Report::of(f)).collect();
    let failed = reports.iter().any(Report::failed);
    let mut out = std::io::stdout().lock();
    let written = if json { write_json(&mut out, &reports) } else { write_text(&mut out, &reports) };
    if written.is_err() {
        return ExitCode::from(1);
    }
    ExitCode::from(if failed { 1 } else { 0 })
}

fn usage(message: &str) -> ExitCode {
    eprintln!("claim-cards: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

struct Report {
    file: String,
    /// `Err` when the file could not be read.
    result: Result<Loaded, String>,
}

impl Report {
    fn of(file: &str) -> Report {
        let result = match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(load(&text)),
                Err(e) => Err(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())),
            },
            Err(e) => Err(e.to_string()),
        };
        Report { file: file.to_owned(), result }
    }

    fn failed(&self) -> bool {
        match &self.result {
            Ok(loaded) => loaded.failed() || loaded.skipped_claims > 0 || loaded.errors().next().is_some(),
            Err(_) => true,
        }
    }
}

fn line(file: &str, p: &Problem) -> String {
    match p.place {
        // FILE:LINE:COL: error: message — the form editors and IDEs jump to.
        Place::Syntax { .. } => format!("{file}:{p}"),
        _ => format!("{file}: {p}"),
    }
}

fn write_text(out: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    for r in reports {
        match &r.result {
            Err(e) => writeln!(out, "{}: error: cannot read: {e}", r.file)?,
            Ok(loaded) => {
                for p in &loaded.problems {
                    writeln!(out, "{}", line(&r.file, p))?;
                }
                let warnings = loaded.problems.len() - loaded.errors().count();
                let mut summary = if loaded.failed() {
                    "no claims shown: the bundle cannot be read".to_owned()
                } else {
                    format!("{} claims valid, {} skipped", loaded.valid_claims(), loaded.skipped_claims)
                };
                if warnings > 0 {
                    summary += &format!(", {warnings} warning{}", if warnings == 1 { "" } else { "s" });
                }
                writeln!(out, "{}: {summary}", r.file)?;
            }
        }
    }
    Ok(())
}

fn write_json(out: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| match &r.result {
            Err(e) => serde_json::json!({ "file": r.file, "ok": false, "readable": false, "error": e }),
            Ok(loaded) => serde_json::json!({
                "file": r.file,
                "ok": !r.failed(),
                "readable": !loaded.failed(),
                "valid_claims": loaded.valid_claims(),
                "skipped_claims": loaded.skipped_claims,
                "problems": loaded.problems.iter().map(problem_json).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let doc = serde_json::json!({ "files": files, "ok": !reports.iter().any(Report::failed) });
    writeln!(out, "{}", serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// A problem's machine-readable form ([`Problem::fields`]) as JSON.
fn problem_json(p: &Problem) -> serde_json::Value {
    let mut members = serde_json::Map::new();
    p.fields(|key, value| {
        let value = match value {
            Scalar::Text(text) => serde_json::Value::from(text),
            Scalar::Number(n) => serde_json::Value::from(n),
        };
        members.insert(key.to_owned(), value);
    });
    serde_json::Value::Object(members)
}

/// The view's URL vocabulary ([`Param`]) for the embed's JavaScript: every
/// parameter, and those that hold a list (comma-separated in an attribute).
fn params_json() -> serde_json::Value {
    let lists: Vec<&str> = Param::ALL.iter().filter(|p| matches!(p, Param::Facet(_))).map(|p| p.name()).collect();
    serde_json::json!({ "params": Param::names(), "lists": lists })
}
