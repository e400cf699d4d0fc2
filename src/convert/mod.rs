//! Bundles from where claims already are, and out again: `claim-cards
//! import` and `claim-cards export` (native, feature `cli`).
//!
//! Every importer works the same way: it reads its input into a *draft* — a
//! bundle as JSON, each item remembering where in the input it came from
//! ([`Origin`]) — normalising what it can (dates, numbers, names) and noting
//! what it cannot map. The draft then goes through the loader, the one home
//! of every rule a bundle must follow, and the loader's problems are said at
//! the items' origins (`claims.csv:5:3`, `page.html: script 2 /@graph/1`).
//! What is written is the loaded bundle (`write::bundle_json`): only what
//! `claim-cards validate` accepts, so it validates with no problem at all.
//!
//! | file | job |
//! | --- | --- |
//! | `claimreview/` | schema.org ClaimReview in JSON-LD files and saved HTML pages |
//! | `factcheck.rs` | Google Fact Check Tools API `claims:search` responses |
//! | `csv/` | a folder of CSV files, in and out |
//! | `jsonld.rs` | schema.org JSON-LD for an article page, out |
//! | `build.rs` | what the fact-check importers share: one speaker per name, one source per key, the fact-checker as a source, one claim per review, the article |
//! | `schemaorg.rs` | what the two schema.org sides share: type names, the scale defaults |
//! | `ids.rs` | ids made from names, the same for the same input, unique |
//! | `write.rs` | a bundle as JSON text, one item per line |

mod build;
pub mod claimreview;
pub mod csv;
pub mod factcheck;
pub mod jsonld;
mod schemaorg;
pub mod write;

use crate::load::load;
use crate::model::Bundle;
use crate::problem::{List, Place, Severity};
use serde_json::{Map, Value};
use std::fmt;

pub use crate::text::ids::{slug, Ids};

/// Something an importer or exporter could not map, said for the editor:
/// `claims.csv:5:3: error: speaker "nobody" is not defined`.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Where: a file and a place in it.
    pub at: String,
    pub severity: Severity,
    pub message: String,
}

impl Note {
    pub fn warning(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note { at: at.into(), severity: Severity::Warning, message: message.into() }
    }

    pub fn error(at: impl Into<String>, message: impl Into<String>) -> Note {
        Note { at: at.into(), severity: Severity::Error, message: message.into() }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.at, self.severity, self.message)
    }
}

/// Where a draft item came from, to say the loader's problems there.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The item as a whole (`claims.csv:5`, `page.html: script 2 /@graph/1`).
    pub at: String,
    /// A field's own place, where the input has one (`text` → `claims.csv:5:2`).
    pub fields: Vec<(String, String)>,
}

impl Origin {
    pub fn new(at: impl Into<String>) -> Origin {
        Origin { at: at.into(), fields: Vec::new() }
    }

    /// Where `field` (a loader's field name: `speaker`, `sources[1]`,
    /// `review.url`) is: its own place, else the field of which it is a
    /// part, else the item's.
    fn of(&self, field: Option<&str>) -> &str {
        let Some(field) = field else { return &self.at };
        let base = field.split(['[', '.']).next().unwrap_or(field);
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .or_else(|| self.fields.iter().find(|(f, _)| f == base))
            .map_or(&self.at, |(_, at)| at)
    }
}

/// A bundle being imported: its JSON members and each item's origin.
#[derive(Debug, Default)]
pub struct Draft {
    pub article: Map<String, Value>,
    pub article_origin: Origin,
    pub version: Option<f64>,
    pub speakers: Vec<(Value, Origin)>,
    pub sources: Vec<(Value, Origin)>,
    pub topics: Vec<(Value, Origin)>,
    pub claims: Vec<(Value, Origin)>,
}

/// What an import gives: the bundle, its JSON text, and every note.
#[derive(Debug)]
pub struct Imported {
    /// The loaded bundle; `None` when nothing could be made of the input.
    pub bundle: Option<Bundle>,
    /// The bundle as `claim-cards validate` accepts it.
    pub json: String,
    pub notes: Vec<Note>,
}

impl Imported {
    /// True when an item had to be left out (an error was noted).
    pub fn skipped_any(&self) -> bool {
        self.notes.iter().any(|n| n.severity == Severity::Error)
    }
}

impl Draft {
    /// Runs the draft through the loader and says its problems at the items' origins.
    pub fn finish(self, mut notes: Vec<Note>) -> Imported {
        let mut root = Map::new();
        let version = self.version.unwrap_or(1.1);
        root.insert("version".into(), serde_json::Number::from_f64(version).map_or(Value::from(1), Value::Number));
        root.insert("article".into(), Value::Object(self.article));
        let (speakers, speaker_origins): (Vec<Value>, Vec<Origin>) = self.speakers.into_iter().unzip();
        let (sources, source_origins): (Vec<Value>, Vec<Origin>) = self.sources.into_iter().unzip();
        let (topics, topic_origins): (Vec<Value>, Vec<Origin>) = self.topics.into_iter().unzip();
        let (claims, claim_origins): (Vec<Value>, Vec<Origin>) = self.claims.into_iter().unzip();
        root.insert("speakers".into(), Value::Array(speakers));
        root.insert("sources".into(), Value::Array(sources));
        if !topics.is_empty() {
            root.insert("topics".into(), Value::Array(topics));
        }
        root.insert("claims".into(), Value::Array(claims));
        let loaded = load(&Value::Object(root).to_string());
        for p in &loaded.problems {
            let at = match &p.place {
                Place::Article => self.article_origin.of(p.field.as_deref()).to_owned(),
                Place::Item { list, index, .. } => {
                    let origins = match list {
                        List::Speakers => &speaker_origins,
                        List::Sources => &source_origins,
                        List::Topics => &topic_origins,
                        List::Claims => &claim_origins,
                    };
                    match origins.get(*index) {
                        Some(origin) => origin.of(p.field.as_deref()).to_owned(),
                        None => p.location(),
                    }
                }
                Place::Bundle | Place::Syntax { .. } => self.article_origin.at.clone(),
            };
            let message = match (&p.place, list_noun(&p.place)) {
                (Place::Item { .. }, Some(noun)) if p.is_error() && !p.message.contains(noun) => {
                    format!("{}; the {noun} is left out", p.message)
                }
                _ => p.message.clone(),
            };
            notes.push(Note { at, severity: p.severity, message });
        }
        let json = loaded.bundle.as_ref().map(write::bundle_json).unwrap_or_default();
        Imported { bundle: loaded.bundle, json, notes }
    }
}

fn list_noun(place: &Place) -> Option<&'static str> {
    match place {
        Place::Item { list, .. } => Some(list.singular()),
        _ => None,
    }
}

/// A value as text: a string, or a JSON-LD value object `{"@value": "…"}`;
/// trimmed, `None` when blank.
pub(crate) fn text_of(value: &Value) -> Option<String> {
    let s = match value {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("@value").and_then(Value::as_str)?,
        _ => return None,
    };
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A number, or a string of one (`"4"`, `" 2.5 "`).
pub(crate) fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// A date as bundles write it, from the forms found in the wild: ISO 8601
/// dates and date-times, `YYYY-MM-DD hh:mm`, offsets without a colon
/// (`+0000`). `Err` with the reason when it is none of these.
pub(crate) fn normalize_date(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let mut text = raw.to_owned();
    // `…+0530` → `…+05:30`
    let b = raw.as_bytes();
    if b.len() > 16 && matches!(b[b.len() - 5], b'+' | b'-') && b[b.len() - 4..].iter().all(u8::is_ascii_digit) {
        text.insert(raw.len() - 2, ':');
    }
    crate::date::IsoDate::parse(&text).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_the_wild() {
        assert_eq!(normalize_date("2022-02-23 16:15").unwrap(), "2022-02-23T16:15:00");
        assert_eq!(normalize_date("2019-06-06T00:00:00+0000").unwrap(), "2019-06-06T00:00:00Z");
        assert_eq!(normalize_date("2020-05-01T12:00:00.000-0430").unwrap(), "2020-05-01T12:00:00-04:30");
        assert_eq!(normalize_date(" 2025-03-05 ").unwrap(), "2025-03-05");
        assert!(normalize_date("May 5, 2020").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(number_of(&serde_json::json!("4")), Some(4.0));
        assert_eq!(number_of(&serde_json::json!(2.5)), Some(2.5));
        assert_eq!(number_of(&serde_json::json!("four")), None);
    }
}
