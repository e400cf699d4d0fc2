//! The lists that claims refer to: speakers and sources, each loaded into a
//! table by id.

use super::checks::quoted;
use super::fields::Fields;
use super::limits;
use crate::json::Value;
use crate::model::{Source, SourceKind, Speaker, SpeakerKind};
use crate::problem::{List, Problem};
use rustc_hash::FxHashMap;

/// A loaded list that claims refer to (speakers or sources).
pub(super) struct Table<T> {
    pub items: Vec<T>,
    /// Id → index in `items`.
    pub by_id: FxHashMap<String, usize>,
    /// Ids of items that could not be loaded, with their index in the JSON list,
    /// so a claim that names one can say why it is missing.
    skipped: FxHashMap<String, usize>,
    list: List,
}

impl<T> Table<T> {
    /// Why `id` names no item of this table: never defined, or defined but
    /// skipped (and where).
    pub fn unknown(&self, id: &str) -> String {
        let what = self.list.singular();
        match self.skipped.get(id) {
            Some(ix) => format!("{what} {} could not be loaded (see {}[{ix}])", quoted(id, 60), self.list.as_str()),
            None => format!("{what} {} is not defined", quoted(id, 60)),
        }
    }
}

/// Loads every item of a speakers or sources list. A duplicate id keeps the
/// first item and reports the later ones.
pub(super) fn load_table<T>(
    json: &[Value<'_>],
    list: List,
    problems: &mut Vec<Problem>,
    load_one: fn(&mut Fields) -> Option<T>,
    id_of: fn(&T) -> &String,
) -> Table<T> {
    let mut table = Table { items: Vec::new(), by_id: FxHashMap::default(), skipped: FxHashMap::default(), list };
    let mut first_at: FxHashMap<String, usize> = FxHashMap::default();
    for (index, item) in json.iter().enumerate() {
        let mut f = Fields::item(list, index, item);
        match load_one(&mut f) {
            Some(value) => {
                let id = id_of(&value).clone();
                match first_at.get(&id) {
                    Some(&first) => f.error(
                        "id",
                        format!(
                            "duplicate id {}: {}[{first}] already uses it; this one is ignored",
                            quoted(&id, 60),
                            list.as_str()
                        ),
                    ),
                    None => {
                        first_at.insert(id.clone(), index);
                        table.by_id.insert(id, table.items.len());
                        table.items.push(value);
                    }
                }
            }
            None => {
                if let Some(id) = f.id.clone() {
                    table.skipped.entry(id).or_insert(index);
                }
            }
        }
        problems.append(&mut f.problems);
    }
    table
}

pub(super) fn speaker(f: &mut Fields) -> Option<Speaker> {
    let id = f.read_id();
    let name = f.obj.and_then(|_| f.required_text("name", limits::NAME));
    let (id, name) = (id?, name?);
    let role = f.optional_text("role", limits::SHORT_TEXT);
    let affiliation = f.optional_text("affiliation", limits::SHORT_TEXT);
    let kind = f.kind::<SpeakerKind>();
    let image = f.optional_url("image");
    Some(Speaker { id, name, role, affiliation, kind, image })
}

pub(super) fn source(f: &mut Fields) -> Option<Source> {
    let id = f.read_id();
    let name = f.obj.and_then(|_| f.required_text("name", limits::NAME));
    let (id, name) = (id?, name?);
    let url = f.optional_url("url");
    let kind = f.kind::<SourceKind>();
    Some(Source { id, name, url, kind })
}
