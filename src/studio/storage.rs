//! The browser's side of keeping work (wasm32): the host object that
//! `static/studio/editor.js` passes in — IndexedDB for the drafts, a
//! BroadcastChannel between tabs, downloads and the clipboard. Records cross
//! as JSON text, so that the interface stays narrow.

use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The host object (`editor.js`, `makeHost()`).
    #[derive(Clone, Debug)]
    pub type Host;

    /// The saved drafts, newest first: JSON `[{id, title, updated}]`.
    #[wasm_bindgen(method, catch)]
    async fn list(this: &Host) -> Result<JsValue, JsValue>;
    /// One draft: JSON `{rev, record}`, or null.
    #[wasm_bindgen(method, catch)]
    async fn get(this: &Host, id: &str) -> Result<JsValue, JsValue>;
    /// Saves a draft over revision `rev`: JSON `{ok: true, rev}`, or
    /// `{conflict: true, rev}` when another tab saved it since.
    #[wasm_bindgen(method, catch)]
    async fn put(this: &Host, id: &str, rev: f64, title: &str, record: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    async fn remove(this: &Host, id: &str) -> Result<JsValue, JsValue>;
    /// Calls `f(id, rev)` when another tab saves a draft.
    #[wasm_bindgen(method)]
    pub fn subscribe(this: &Host, f: &js_sys::Function);
    #[wasm_bindgen(method)]
    pub fn download(this: &Host, name: &str, data: &JsValue, mime: &str);
    #[wasm_bindgen(method, catch)]
    async fn copy(this: &Host, text: &str) -> Result<JsValue, JsValue>;
    /// A new draft id.
    #[wasm_bindgen(method, js_name = newId)]
    pub fn new_id(this: &Host) -> String;
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        AsRef::<JsValue>::as_ref(self) == AsRef::<JsValue>::as_ref(other)
    }
}

/// A draft as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: String,
    pub title: String,
    /// When it was last saved (ISO 8601).
    pub updated: String,
}

/// What saving gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    At(u64),
    /// Another tab saved this draft (at this revision) since this tab read it.
    Conflict(u64),
}

fn reason(e: JsValue) -> String {
    let message = crate::web::error_message(&e);
    if message.is_empty() {
        e.as_string().unwrap_or_else(|| "storage refused".into())
    } else {
        message
    }
}

fn json(v: JsValue) -> Value {
    v.as_string().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null)
}

fn rev_of(v: &Value) -> u64 {
    v.get("rev").and_then(Value::as_u64).unwrap_or(0)
}

impl Host {
    pub async fn drafts(&self) -> Result<Vec<Listed>, String> {
        let v = json(self.list().await.map_err(reason)?);
        let items = v.as_array().cloned().unwrap_or_default();
        let text = |i: &Value, k: &str| i.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        Ok(items
            .iter()
            .map(|i| Listed { id: text(i, "id"), title: text(i, "title"), updated: text(i, "updated") })
            .collect())
    }

    /// A draft's record text and revision.
    pub async fn read(&self, id: &str) -> Result<Option<(String, u64)>, String> {
        let v = json(self.get(id).await.map_err(reason)?);
        Ok(v.get("record").and_then(Value::as_str).map(|r| (r.to_owned(), rev_of(&v))))
    }

    pub async fn save(&self, id: &str, rev: u64, title: &str, record: &str) -> Result<Saved, String> {
        let v = json(self.put(id, rev as f64, title, record).await.map_err(reason)?);
        Ok(if v.get("conflict").is_some() { Saved::Conflict(rev_of(&v)) } else { Saved::At(rev_of(&v)) })
    }

    pub async fn delete(&self, id: &str) -> Result<(), String> {
        self.remove(id).await.map(|_| ()).map_err(reason)
    }

    pub async fn copy_text(&self, text: &str) -> Result<(), String> {
        self.copy(text).await.map(|_| ()).map_err(reason)
    }
}
