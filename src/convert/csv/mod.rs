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

mod export;
mod import;

pub use export::{export, export_files};
pub use import::{import, import_files};

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
