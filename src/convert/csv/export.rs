//! `claim-cards export csv`: a bundle as the files of [`FILES`](super::FILES).

use super::*;
use crate::convert::Note;
use crate::model::Bundle;
use std::path::Path;

/// Writes the bundle as CSV files into `dir` (made if missing). The notes
/// are what cannot be written as it is (a topic containing `;`).
pub fn export(bundle: &Bundle, dir: &Path) -> Result<Vec<Note>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
    let (files, notes) = export_files(bundle).map_err(|e| format!("{}: {e}", dir.display()))?;
    if !files.iter().any(|(name, _)| *name == "topics.csv") {
        let _ = std::fs::remove_file(dir.join("topics.csv"));
    }
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(notes)
}

/// Files by name, with their bytes.
pub type Files = Vec<(&'static str, Vec<u8>)>;

/// The bundle as the files of [`FILES`]: each name and its bytes (no
/// `topics.csv` when no topic has a label), and the notes.
pub fn export_files(bundle: &Bundle) -> Result<(Files, Vec<Note>), String> {
    let mut notes = Vec::new();
    let mut rows: [Vec<Vec<String>>; 5] = Default::default();
    let a = &bundle.article;
    rows[ARTICLE].push(vec![
        bundle.version.to_string(),
        a.title.clone().unwrap_or_default(),
        a.url.clone().unwrap_or_default(),
        a.publisher.clone().unwrap_or_default(),
        a.published.as_ref().map(ToString::to_string).unwrap_or_default(),
        a.language.clone().unwrap_or_default(),
    ]);
    for s in &bundle.speakers {
        let (role, affiliation, image) = (s.role.clone(), s.affiliation.clone(), s.image.clone());
        rows[SPEAKERS].push(vec![
            s.id.clone(),
            s.name.clone(),
            role.unwrap_or_default(),
            affiliation.unwrap_or_default(),
            s.kind.as_str().to_owned(),
            image.unwrap_or_default(),
        ]);
    }
    for s in &bundle.sources {
        rows[SOURCES].push(vec![
            s.id.clone(),
            s.name.clone(),
            s.url.clone().unwrap_or_default(),
            s.kind.as_str().to_owned(),
        ]);
    }
    for t in &bundle.topics {
        if t.id.contains(SEPARATOR) {
            notes.push(Note::error(
                format!("topics {:?}", t.id),
                format!("the topic contains \"{SEPARATOR}\", which separates topics in claims.csv: rename it before exporting"),
            ));
        }
        if let Some(label) = &t.label {
            rows[TOPICS].push(vec![t.id.clone(), label.clone()]);
        }
    }
    for c in &bundle.claims {
        let sources: Vec<&str> = c.sources.iter().map(|&s| bundle.sources[s].id.as_str()).collect();
        let topics: Vec<&str> = bundle.topics_of(c).map(|t| t.id.as_str()).collect();
        let r = c.review.as_ref();
        let num = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
        rows[CLAIMS].push(vec![
            c.id.clone(),
            c.text.clone(),
            bundle.speakers[c.speaker].id.clone(),
            sources.join("; "),
            c.kind.as_str().to_owned(),
            c.date.as_ref().map(ToString::to_string).unwrap_or_default(),
            topics.join("; "),
            c.paragraph.map(|p| p.to_string()).unwrap_or_default(),
            c.context.clone().unwrap_or_default(),
            r.map(|r| bundle.verdict_of(r).to_owned()).unwrap_or_default(),
            num(r.and_then(|r| r.value)),
            num(r.and_then(|r| r.best)),
            num(r.and_then(|r| r.worst)),
            r.and_then(|r| r.reviewer).map(|s| bundle.sources[s].id.clone()).unwrap_or_default(),
            r.and_then(|r| r.url.clone()).unwrap_or_default(),
            r.and_then(|r| r.date.as_ref()).map(ToString::to_string).unwrap_or_default(),
        ]);
    }
    let mut files = Vec::new();
    for (file, rows) in FILES.iter().zip(rows) {
        if file.name == "topics.csv" && rows.is_empty() {
            continue;
        }
        files.push((file.name, write_file(file, &rows)?));
    }
    Ok((files, notes))
}

fn write_file(file: &File, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let cannot = |e: &dyn std::fmt::Display| format!("{}: cannot write: {e}", file.name);
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(file.columns).map_err(|e| cannot(&e))?;
    for row in rows {
        let cells =
            file.columns.iter().zip(row).map(|(col, v)| if NUMBERS.contains(col) { v.clone() } else { guard(v) });
        w.write_record(cells).map_err(|e| cannot(&e))?;
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(w.into_inner().map_err(|e| cannot(&e))?);
    Ok(bytes)
}
