//! `claim-cards import csv`: the files of [`FILES`](super::FILES) as a bundle.

use super::*;
use crate::convert::{Draft, Ids, Imported, Note, Origin};
use crate::text::fold;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;

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
    // Files are named as the editor gave the folder (`sheets/claims.csv`).
    let name = |file: &str| dir.join(file).display().to_string();
    import_with(&name, |file| match std::fs::read(dir.join(file)) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    })
}

/// The files of [`FILES`] given by name, as the editor opens them (a
/// folder's files, or a zip's): named `FOLDER/claims.csv` in notes, or
/// `claims.csv` when `folder` is empty. A name is matched without its folder
/// and case.
pub fn import_files(folder: &str, files: &[(String, Vec<u8>)]) -> Imported {
    let name = |file: &str| if folder.is_empty() { file.to_owned() } else { format!("{folder}/{file}") };
    import_with(&name, |file| {
        let found =
            files.iter().find(|(n, _)| n.rsplit(['/', '\\']).next().is_some_and(|n| n.eq_ignore_ascii_case(file)));
        Ok(found.map(|(_, bytes)| bytes.clone()))
    })
}

/// The import, reading each file of the layout with `read` (its bytes, or
/// `None` when there is no such file) and naming it `name(file)` in notes.
fn import_with(name: &dyn Fn(&str) -> String, read: impl Fn(&str) -> Result<Option<Vec<u8>>, String>) -> Imported {
    let mut notes = Vec::new();
    let mut tables: Vec<Vec<Row>> = Vec::new();
    for file in &FILES {
        tables.push(read_file(&name(file.name), read(file.name), file, &mut notes));
    }
    let mut draft = Draft::default();
    let name = |i: usize| name(FILES[i].name);
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
fn read_file(shown: &str, bytes: Result<Option<Vec<u8>>, String>, file: &File, notes: &mut Vec<Note>) -> Vec<Row> {
    let bytes = match bytes {
        Ok(Some(b)) => b,
        Ok(None) if !file.required => return Vec::new(),
        Ok(None) => {
            notes.push(Note::error(shown, "cannot read it: the file is missing"));
            return Vec::new();
        }
        Err(e) => {
            notes.push(Note::error(shown, format!("cannot read it: {e}")));
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
            notes.push(Note::error(shown, "the file is empty: it needs a header row"));
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
