//! `claim-cards validate`: every problem of each file, with its place.

use claim_cards::load::{load, Loaded};
use claim_cards::problem::{Place, Problem, Scalar};
use std::io::Write;

/// One file, read and loaded.
pub struct Report {
    pub file: String,
    /// The file's text and what the loader made of it; `Err` when the file
    /// could not be read.
    pub result: Result<(String, Loaded), String>,
}

impl Report {
    pub fn of(file: &str) -> Report {
        let result = match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let loaded = load(&text);
                    Ok((text, loaded))
                }
                Err(e) => Err(format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())),
            },
            Err(e) => Err(e.to_string()),
        };
        Report { file: file.to_owned(), result }
    }

    /// Whether a claim was skipped or the file could not be shown.
    pub fn failed(&self) -> bool {
        match &self.result {
            Ok((_, loaded)) => loaded.failed() || loaded.skipped_claims > 0 || loaded.errors().next().is_some(),
            Err(_) => true,
        }
    }
}

pub fn line(file: &str, p: &Problem) -> String {
    match p.place {
        // FILE:LINE:COL: error: message — the form editors and IDEs jump to.
        Place::Syntax { .. } => format!("{file}:{p}"),
        _ => format!("{file}: {p}"),
    }
}

/// Every problem, then a summary line, per file.
pub fn write_text(out: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    for r in reports {
        match &r.result {
            Err(e) => writeln!(out, "{}: error: cannot read: {e}", r.file)?,
            Ok((_, loaded)) => {
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

/// The same as one JSON document.
pub fn write_json(out: &mut impl Write, reports: &[Report]) -> std::io::Result<()> {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| match &r.result {
            Err(e) => serde_json::json!({ "file": r.file, "ok": false, "readable": false, "error": e }),
            Ok((_, loaded)) => serde_json::json!({
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
