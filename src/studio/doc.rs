//! The work an editor does on one bundle, as it is saved: the bundle being
//! edited — JSON as it will be downloaded, holding whatever was typed, valid
//! or not (the loader says what is wrong, next to the field) — and the
//! article's paragraphs it was drafted from, for the Check step.
//!
//! Pure: no web dependencies; [`super::state`] changes it, the components
//! show it, the browser's storage keeps [`Work::to_record`].

use crate::convert::write::layout;
use crate::dataset::LoadState;
use crate::load::load;
use crate::problem::Problem;
use serde_json::{json, Map, Value};

/// The bundle's lists, as the loader and the editor name them.
pub const SPEAKERS: &str = "speakers";
pub const SOURCES: &str = "sources";
pub const CLAIMS: &str = "claims";
pub const TOPICS: &str = "topics";

/// The name the edited bundle goes by in the widget's messages.
pub const BUNDLE_NAME: &str = "(editor)";

/// A work as the loader judged it ([`Work::check`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The bundle's text: downloaded, prerendered.
    pub text: String,
    /// The loaded bundle (or why nothing can be shown).
    pub state: LoadState,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The loaded bundle, when it can be shown.
    pub fn bundle(&self) -> Option<&crate::model::Bundle> {
        match &self.state {
            LoadState::Ready(d) => Some(&d.bundle),
            _ => None,
        }
    }
}

/// What a saved record says it is (a record of another kind is not opened).
const RECORD_FORMAT: &str = "claim-cards-studio/1";

/// The version the editor writes: 1.2, the revision with `evidence`.
const VERSION: f64 = 1.2;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Work {
    /// The bundle, a JSON object.
    pub bundle: Map<String, Value>,
    /// The article's paragraphs as the draft read them (`paragraphs[0]` is
    /// paragraph 1); empty for a bundle opened from a file.
    pub paragraphs: Vec<String>,
    /// What is in the paste box, drafted or not yet.
    pub pasted: String,
}

impl Work {
    /// An empty bundle: no speakers, sources or claims yet.
    pub fn empty() -> Work {
        let mut bundle = Map::new();
        bundle.insert("version".into(), json!(VERSION));
        bundle.insert("article".into(), json!({ "title": "" }));
        for list in [SPEAKERS, SOURCES, CLAIMS] {
            bundle.insert(list.into(), Value::Array(Vec::new()));
        }
        Work { bundle, ..Work::default() }
    }

    /// A bundle's JSON text, as a file gives it. Any JSON object is taken as it
    /// is (the loader then says what is wrong with it); text that is not JSON,
    /// or not an object, is refused with the loader's message (line:column).
    pub fn from_bundle_text(text: &str) -> Result<Work, String> {
        match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
            Ok(Value::Object(bundle)) => Ok(Work { bundle, ..Work::default() }),
            Ok(_) => Err("the file is JSON but not a bundle: a bundle is an object { \"version\": 1, … }".into()),
            Err(_) => {
                let loaded = load(text);
                let first = loaded.problems.first().map(|p| format!("{}: {}", p.location(), p.message));
                Err(first.unwrap_or_else(|| "the file is not JSON".into()))
            }
        }
    }

    /// The bundle as JSON text: what is downloaded, previewed and checked.
    pub fn text(&self) -> String {
        layout(&Value::Object(self.bundle.clone()))
    }

    /// The bundle through the loader, once per change: its text, what the
    /// preview and Publish show, and every problem.
    pub fn check(&self) -> Checked {
        let text = self.text();
        let loaded = load(&text);
        let problems = loaded.problems.clone();
        let state = LoadState::from_loaded(BUNDLE_NAME, loaded, false);
        Checked { text, state, problems }
    }

    /// Nothing in it yet: no title, claims, article or pasted text.
    pub fn is_blank(&self) -> bool {
        self.title().is_empty()
            && self.list(CLAIMS).is_empty()
            && self.paragraphs.is_empty()
            && self.pasted.trim().is_empty()
    }

    /// The title to list the work under.
    pub fn title(&self) -> String {
        self.article_str("title").trim().to_owned()
    }

    pub fn article_str(&self, key: &str) -> &str {
        self.bundle.get("article").and_then(|a| a.get(key)).and_then(Value::as_str).unwrap_or("")
    }

    /// A list of the bundle (`speakers`, `claims`, …); empty when missing.
    pub fn list(&self, name: &str) -> &[Value] {
        self.bundle.get(name).and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// A list to change, made (empty) if missing or not a list.
    pub fn list_mut(&mut self, name: &str) -> &mut Vec<Value> {
        let slot = self.bundle.entry(name.to_owned()).or_insert_with(|| Value::Array(Vec::new()));
        if !slot.is_array() {
            *slot = Value::Array(Vec::new());
        }
        match slot {
            Value::Array(items) => items,
            _ => unreachable!("made a list above"),
        }
    }

    /// The ids of a list's items, in order ("" for an item without one).
    pub fn ids(&self, name: &str) -> Vec<String> {
        self.list(name).iter().map(|item| str_of(item, "id").to_owned()).collect()
    }

    /// How many claims name this speaker id.
    pub fn speaker_uses(&self, id: &str) -> usize {
        self.list(CLAIMS).iter().filter(|c| str_of(c, "speaker") == id).count()
    }

    /// How many claims cite this source id (as a source or a reviewer).
    pub fn source_uses(&self, id: &str) -> usize {
        self.list(CLAIMS)
            .iter()
            .filter(|c| {
                c.get("sources").and_then(Value::as_array).is_some_and(|s| s.iter().any(|v| v.as_str() == Some(id)))
                    || c.pointer("/review/reviewer").and_then(Value::as_str) == Some(id)
            })
            .count()
    }

    /// Every topic: those claims name, in order of first use, then those the
    /// `topics` list labels that no claim names; each with its label.
    pub fn topics(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let label = |id: &str| {
            self.list(TOPICS)
                .iter()
                .find(|t| str_of(t, "id") == id)
                .map_or(String::new(), |t| str_of(t, "label").to_owned())
        };
        let named =
            self.list(CLAIMS).iter().flat_map(|c| c.get("topics").and_then(Value::as_array).into_iter().flatten());
        let listed = self.list(TOPICS).iter().filter_map(|t| t.get("id"));
        for id in named.chain(listed).filter_map(Value::as_str) {
            if !out.iter().any(|(t, _)| t == id) {
                out.push((id.to_owned(), label(id)));
            }
        }
        out
    }

    /// A saved record: `{ format, bundle, paragraphs }` as JSON text.
    pub fn to_record(&self) -> String {
        json!({ "format": RECORD_FORMAT, "bundle": self.bundle, "paragraphs": self.paragraphs, "pasted": self.pasted })
            .to_string()
    }

    /// A saved record read back; `None` when it is not one.
    pub fn from_record(text: &str) -> Option<Work> {
        let Value::Object(mut record) = serde_json::from_str::<Value>(text).ok()? else { return None };
        if record.get("format").and_then(Value::as_str) != Some(RECORD_FORMAT) {
            return None;
        }
        let Some(Value::Object(bundle)) = record.remove("bundle") else { return None };
        let paragraphs = match record.remove("paragraphs") {
            Some(Value::Array(p)) => p.into_iter().filter_map(|p| p.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        };
        let pasted = record.get("pasted").and_then(Value::as_str).unwrap_or("").to_owned();
        Some(Work { bundle, paragraphs, pasted })
    }
}

/// A string member of an item ("" when missing or not a string).
pub fn str_of<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A member of an item as the editor shows it in a field: strings as they
/// are, numbers as written, anything else as JSON ("" when missing).
pub fn field_text(item: &Value, key: &str) -> String {
    match item.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// An id for a new item of a list: `prefix-N`, the first N not taken.
pub fn new_id(taken: &[String], prefix: &str) -> String {
    (1..).map(|n| format!("{prefix}-{n}")).find(|id| !taken.contains(id)).unwrap_or_else(|| prefix.to_owned())
}

/// Character offsets (what evidence ranges count) of a byte range of `text`.
pub fn char_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let chars = |to: usize| text.get(..to).map_or(0, |t| t.chars().count());
    (chars(start), chars(end))
}

/// The byte range of a range of characters in `text` (clamped to it).
pub fn byte_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let (s, e) = (at(start), at(end));
    (s.min(e), e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_the_same() {
        let mut work = Work::from_bundle_text(include_str!("../../static/bundles/us-hamas-talks.json")).unwrap();
        work.paragraphs = vec!["One “two”.".into(), "Ba.".into()];
        work.pasted = "One “two”.\n\nBa.".into();
        assert_eq!(Work::from_record(&work.to_record()), Some(work));
        assert_eq!(Work::from_record("{\"format\": \"other\"}"), None);
        assert_eq!(Work::from_record("not json"), None);
    }

    #[test]
    fn a_bundle_written_and_opened_again_is_the_same_bundle_byte_for_byte() {
        for text in [
            include_str!("../../static/bundles/us-hamas-talks.json"),
            include_str!("../../tests/fixtures/schema/valid/every-field.json"),
        ] {
            let work = Work::from_bundle_text(text).unwrap();
            let again = Work::from_bundle_text(&work.text()).unwrap();
            assert_eq!(again, work);
            assert_eq!(again.text(), work.text());
        }
    }

    #[test]
    fn text_that_is_not_a_bundle_is_refused_with_where_and_why() {
        let err = Work::from_bundle_text("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
        assert!(err.starts_with("3:3: "), "{err}");
        assert!(Work::from_bundle_text("[1, 2]").unwrap_err().contains("not a bundle"));
    }

    #[test]
    fn an_empty_work_loads_with_only_the_missing_title_said() {
        let loaded = Work::empty().check();
        assert!(loaded.bundle().is_some());
        assert!(loaded.problems.iter().all(|p| p.field.as_deref() == Some("title")), "{:?}", loaded.problems);
    }

    #[test]
    fn ranges_convert_between_bytes_and_characters() {
        let text = "Ông “Nam” nói.";
        let (s, e) = (text.find('N').unwrap(), text.find('”').unwrap());
        assert_eq!(char_range(text, s, e), (5, 8));
        assert_eq!(byte_range(text, 5, 8), (s, e));
        assert_eq!(byte_range(text, 5, 99), (s, text.len()));
    }

    #[test]
    fn new_ids_skip_those_taken() {
        assert_eq!(new_id(&["claim-1".into(), "claim-2".into()], "claim"), "claim-3");
        assert_eq!(new_id(&[], "speaker"), "speaker-1");
    }
}
