//! A bundle as a folder of CSV files, for editors who keep claims in a
//! spreadsheet: `claim-cards export csv BUNDLE DIR` and `claim-cards import
//! csv DIR`. [`FILES`] is the layout, for both directions and the README.
//!
//! One header row per file; columns in any order, matched by name; an empty
//! cell is an absent value. Lists (a claim's sources and topics) are
//! separated by `;`. Files are UTF-8, with or without a byte-order mark
//! (Excel writes one; export writes one so that Excel reads the accents).
//! Fields with commas, quotes or line breaks are quoted. A text that would
//! start a spreadsheet formula (`=`, `+`, `-`, `@`) is written with a `'`
//! before it, which import takes off again.
//!
//! Places are `FILE:ROW:COLUMN` as a spreadsheet numbers them: the header is
//! row 1, the first column is 1 (A).

use super::{Draft, Ids, Imported, Note, Origin};
use crate::model::Bundle;
use crate::text::fold;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

/// A file of the layout: its name, its columns, whether it must be there.
pub struct File {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub required: bool,
}

/// The CSV layout of a bundle. A claim's review is in `review_*` columns.
pub const FILES: [File; 5] = [
    File {
        name: "article.csv",
        columns: &["version", "title", "url", "publisher", "published", "language"],
        required: false,
    },
    File { name: "speakers.csv", columns: &["id", "name", "role", "affiliation", "kind", "image"], required: true },
    File { name: "sources.csv", columns: &["id", "name", "url", "kind"], required: true },
    File { name: "topics.csv", columns: &["id", "label"], required: false },
    File {
        name: "claims.csv",
        columns: &[
            "id",
            "text",
            "speaker",
            "sources",
            "kind",
            "date",
            "topics",
            "paragraph",
            "context",
            "review_rating",
            "review_value",
            "review_best",
            "review_worst",
            "review_reviewer",
            "review_url",
            "review_date",
        ],
        required: true,
    },
];

const ARTICLE: usize = 0;
const SPEAKERS: usize = 1;
const SOURCES: usize = 2;
const TOPICS: usize = 3;
const CLAIMS: usize = 4;

/// Columns whose values are numbers in a bundle.
const NUMBERS: &[&str] = &["version", "paragraph", "review_value", "review_best", "review_worst"];
/// What separates a list's values in a cell.
const SEPARATOR: char = ';';

/// The loader's name for a column's field (`review_url` → `review.url`).
fn field(column: &str) -> String {
    match column.strip_prefix("review_") {
        Some(rest) => format!("review.{rest}"),
        None => column.to_owned(),
    }
}

// ---- export -------------------------------------------------------------

/// Writes the bundle as CSV files into `dir` (made if missing). The notes
/// are what cannot be written as it is (a topic containing `;`).
pub fn export(bundle: &Bundle, dir: &Path) -> Result<Vec<Note>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot make the folder: {e}", dir.display()))?;
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
    for (file, rows) in FILES.iter().zip(rows) {
        if file.name == "topics.csv" && rows.is_empty() {
            let _ = std::fs::remove_file(dir.join(file.name));
            continue;
        }
        write_file(&dir.join(file.name), file, &rows)?;
    }
    Ok(notes)
}

fn write_file(path: &Path, file: &File, rows: &[Vec<String>]) -> Result<(), String> {
    let cannot = |e: &dyn std::fmt::Display| format!("{}: cannot write: {e}", path.display());
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(file.columns).map_err(|e| cannot(&e))?;
    for row in rows {
        let cells =
            file.columns.iter().zip(row).map(|(col, v)| if NUMBERS.contains(col) { v.clone() } else { guard(v) });
        w.write_record(cells).map_err(|e| cannot(&e))?;
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(w.into_inner().map_err(|e| cannot(&e))?);
    std::fs::write(path, bytes).map_err(|e| cannot(&e))
}

/// Whether a spreadsheet would take this text for a formula (or it is one
/// guarded already, so that its `'` survives the way back).
fn formula_like(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r']) || value.strip_prefix('\'').is_some_and(formula_like)
}

/// A text a spreadsheet would take for a formula, written with a `'` first.
fn guard(value: &str) -> String {
    if formula_like(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// What [`guard`] did, undone.
fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => value,
    }
}

// ---- import -------------------------------------------------------------

/// One data row of a file: its row number and its cells by column name, each
/// with its column number.
struct Row {
    number: usize,
    cells: HashMap<&'static str, (usize, String)>,
}

impl Row {
    fn get(&self, column: &str) -> Option<&str> {
        self.cells.get(column).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }
}

/// Reads a folder of CSV files (see [`FILES`]) into a bundle.
pub fn import(dir: &Path) -> Imported {
    let mut notes = Vec::new();
    let mut tables: Vec<Vec<Row>> = Vec::new();
    for file in &FILES {
        tables.push(read_file(dir, file, &mut notes));
    }
    let mut draft = Draft::default();
    // Files are named as the editor gave the folder (`sheets/claims.csv`).
    let name = |i: usize| dir.join(FILES[i].name).display().to_string();
    let origin = |file: usize, row: &Row| {
        let mut o = Origin::new(format!("{}:{}", name(file), row.number));
        for (column, (col, _)) in &row.cells {
            o.fields.push((field(column), format!("{}:{}:{col}", name(file), row.number)));
        }
        o
    };

    if let Some(row) = tables[ARTICLE].first() {
        for extra in &tables[ARTICLE][1..] {
            notes.push(Note::warning(
                format!("{}:{}", name(ARTICLE), extra.number),
                "article.csv holds one row; this one is ignored",
            ));
        }
        draft.article_origin = origin(ARTICLE, row);
        match row.get("version").map(|v| v.parse::<f64>()) {
            Some(Ok(v)) => draft.version = Some(v),
            Some(Err(_)) => notes.push(Note::warning(
                draft.article_origin.of(Some("version")),
                "\"version\" is not a number; 1.1 is written",
            )),
            None => {}
        }
        for key in ["title", "url", "publisher", "published", "language"] {
            if let Some(v) = row.get(key) {
                draft.article.insert(key.into(), v.into());
            }
        }
    } else {
        draft.article_origin = Origin::new(name(ARTICLE));
    }

    // Ids: those given, then made from names for rows without one.
    let speakers = with_ids(&tables[SPEAKERS], "name", "speaker");
    let sources = with_ids(&tables[SOURCES], "name", "source");
    let claims = with_ids(&tables[CLAIMS], "text", "claim");
    // A claim may name its speaker and sources by name as well as by id.
    let by_name = |rows: &[Row], ids: &[String]| -> HashMap<String, String> {
        rows.iter().zip(ids).filter_map(|(r, id)| Some((fold(r.get("name")?), id.clone()))).collect()
    };
    let (speaker_names, source_names) = (by_name(&tables[SPEAKERS], &speakers), by_name(&tables[SOURCES], &sources));
    let speaker_ids: std::collections::HashSet<&str> = speakers.iter().map(String::as_str).collect();
    let source_ids: std::collections::HashSet<&str> = sources.iter().map(String::as_str).collect();

    for (row, id) in tables[SPEAKERS].iter().zip(&speakers) {
        let item = object(row, id, &["name", "role", "affiliation", "kind", "image"]);
        draft.speakers.push((item, origin(SPEAKERS, row)));
    }
    for (row, id) in tables[SOURCES].iter().zip(&sources) {
        let item = object(row, id, &["name", "url", "kind"]);
        draft.sources.push((item, origin(SOURCES, row)));
    }
    for row in &tables[TOPICS] {
        let mut item = Map::new();
        for key in ["id", "label"] {
            if let Some(v) = row.get(key) {
                item.insert(key.into(), v.into());
            }
        }
        draft.topics.push((Value::Object(item), origin(TOPICS, row)));
    }
    for (row, id) in tables[CLAIMS].iter().zip(&claims) {
        let mut item = object(row, id, &["text", "kind", "date", "paragraph", "context"]);
        let resolve = |v: &str, ids: &std::collections::HashSet<&str>, names: &HashMap<String, String>| {
            if ids.contains(v) {
                v.to_owned()
            } else {
                names.get(&fold(v)).cloned().unwrap_or_else(|| v.to_owned())
            }
        };
        let map = item.as_object_mut().expect("an object");
        if let Some(s) = row.get("speaker") {
            map.insert("speaker".into(), resolve(s, &speaker_ids, &speaker_names).into());
        }
        if let Some(list) = row.get("sources") {
            let list: Vec<Value> = split(list).map(|s| resolve(s, &source_ids, &source_names).into()).collect();
            map.insert("sources".into(), list.into());
        }
        if let Some(list) = row.get("topics") {
            map.insert("topics".into(), split(list).map(Value::from).collect::<Vec<_>>().into());
        }
        let mut review = Map::new();
        for (column, key) in [
            ("review_rating", "rating"),
            ("review_value", "value"),
            ("review_best", "best"),
            ("review_worst", "worst"),
            ("review_reviewer", "reviewer"),
            ("review_url", "url"),
            ("review_date", "date"),
        ] {
            if let Some(v) = row.get(column) {
                let v = if key == "reviewer" { resolve(v, &source_ids, &source_names) } else { v.to_owned() };
                review.insert(key.into(), cell(column, &v));
            }
        }
        if !review.is_empty() {
            map.insert("review".into(), review.into());
        }
        draft.claims.push((item, origin(CLAIMS, row)));
    }
    draft.finish(notes)
}

/// The values of a list cell.
fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(SEPARATOR).map(str::trim).filter(|v| !v.is_empty())
}

/// A cell as a JSON value: a number in a number column when it reads as one.
fn cell(column: &str, value: &str) -> Value {
    if NUMBERS.contains(&column) {
        if let Ok(n) = value.parse::<i64>() {
            return Value::from(n);
        }
        if let Some(n) = value.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::from(value)
}

/// An item: its id, then the given columns that have a value.
fn object(row: &Row, id: &str, columns: &[&str]) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), id.into());
    for &column in columns {
        if let Some(v) = row.get(column) {
            map.insert(column.into(), cell(column, v));
        }
    }
    Value::Object(map)
}

/// The id of each row: its own, else one made from its `name_column`.
fn with_ids(rows: &[Row], name_column: &str, prefix: &str) -> Vec<String> {
    let mut ids = Ids::default();
    rows.iter().filter_map(|r| r.get("id")).for_each(|id| ids.take(id));
    rows.iter()
        .map(|r| match r.get("id") {
            Some(id) => id.to_owned(),
            None => ids.make(r.get(name_column).unwrap_or(""), prefix),
        })
        .collect()
}

/// A file's data rows; its problems (missing file or column, unknown column,
/// unreadable row) are noted.
fn read_file(dir: &Path, file: &File, notes: &mut Vec<Note>) -> Vec<Row> {
    let path = dir.join(file.name);
    let shown = path.display().to_string();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !file.required => return Vec::new(),
        Err(e) => {
            notes.push(Note::error(&shown, format!("cannot read it: {e}")));
            return Vec::new();
        }
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            notes.push(Note::error(format!("{shown}:1"), format!("the header row cannot be read: {e}")));
            return Vec::new();
        }
        None => {
            notes.push(Note::error(&shown, "the file is empty: it needs a header row"));
            return Vec::new();
        }
    };
    // Column number (from 1) of each known column.
    let mut columns: Vec<(usize, &'static str)> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let key = name.trim().to_lowercase().replace([' ', '-'], "_");
        match file.columns.iter().find(|c| **c == key) {
            Some(c) if columns.iter().any(|(_, k)| k == c) => notes.push(Note::warning(
                format!("{shown}:1:{}", i + 1),
                format!("a second \"{c}\" column; the first is read"),
            )),
            Some(c) => columns.push((i + 1, c)),
            None if key.is_empty() => {}
            None => notes.push(Note::warning(
                format!("{shown}:1:{}", i + 1),
                format!("\"{}\" is not a column of {} ({}); ignored", name.trim(), file.name, file.columns.join(", ")),
            )),
        }
    }
    let needed: &[&str] = match file.name {
        "speakers.csv" | "sources.csv" => &["name"],
        "topics.csv" => &["id", "label"],
        "claims.csv" => &["text", "speaker", "sources"],
        _ => &[],
    };
    for need in needed {
        if !columns.iter().any(|(_, c)| c == need) {
            notes.push(Note::error(format!("{shown}:1"), format!("no \"{need}\" column: every row needs one")));
        }
    }
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let number = i + 2;
        match record {
            Ok(r) => {
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = columns
                    .iter()
                    .map(|&(col, name)| {
                        // A line break in a cell is one newline, however the file ends its lines.
                        let value = unguard(r.get(col - 1).unwrap_or("").trim()).replace("\r\n", "\n");
                        (name, (col, value))
                    })
                    .collect();
                rows.push(Row { number, cells });
            }
            Err(e) => {
                notes.push(Note::error(format!("{shown}:{number}"), format!("this row cannot be read: {e}; left out")))
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_name_the_loaders_fields() {
        assert_eq!(field("review_url"), "review.url");
        assert_eq!(field("review_reviewer"), "review.reviewer");
        assert_eq!(field("speaker"), "speaker");
    }

    #[test]
    fn formulas_are_guarded_both_ways() {
        for text in ["=1+1", "+44 20", "-ish", "@home", "plain", "'quoted", "'=x", "''=x"] {
            assert_eq!(unguard(&guard(text)), text);
        }
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(unguard("'hello"), "'hello");
    }
}
