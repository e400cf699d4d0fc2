//! Where the ClaimReviews of an input are: a JSON-LD file, or the
//! `<script type="application/ld+json">` elements of a saved HTML page; in
//! each, one object, an array, an `@graph` or a data feed.

use super::Input;
use crate::convert::schemaorg::is_type;
use crate::convert::Note;
use serde_json::Value;

/// A JSON-LD document of an input: a whole file, or one script of a page.
pub(super) struct Doc {
    pub at: String,
    /// A script of a page (else a whole file).
    pub script: bool,
    pub value: Value,
}

/// The JSON-LD documents of a file: the file itself, or the ld+json scripts
/// of an HTML page (noting the page's `<title>`).
pub(super) fn documents(input: &Input, notes: &mut Vec<Note>, title: &mut Option<String>) -> Vec<Doc> {
    let text = input.text.trim_start_matches('\u{feff}');
    if !text.trim_start().starts_with('<') {
        return match serde_json::from_str(text) {
            Ok(value) => vec![Doc { at: input.name.clone(), script: false, value }],
            Err(e) => {
                notes.push(Note::error(
                    format!("{}:{}:{}", input.name, e.line(), e.column()),
                    format!("not valid JSON: {e}"),
                ));
                Vec::new()
            }
        };
    }
    let page = scan_page(text);
    if title.is_none() {
        *title = page.title;
    }
    if page.scripts.is_empty() {
        notes.push(Note::warning(&input.name, "no <script type=\"application/ld+json\"> in this page"));
    }
    let mut docs = Vec::new();
    for (n, (line, script)) in page.scripts.into_iter().enumerate() {
        let at = format!("{}: script {} (line {line})", input.name, n + 1);
        match serde_json::from_str(script.trim()) {
            Ok(value) => docs.push(Doc { at, script: true, value }),
            Err(e) => notes.push(Note::error(at, format!("not valid JSON: {e}; its reviews are left out"))),
        }
    }
    docs
}

/// What an HTML page holds for an import.
struct Page {
    title: Option<String>,
    /// Each ld+json script's text, with the line its tag starts on.
    scripts: Vec<(usize, String)>,
}

/// Reads a page with a WHATWG tokenizer (html5gum): script contents are raw
/// text to it, as to a browser, so a `<` or `</p>` inside JSON does not end a
/// script early.
fn scan_page(html: &str) -> Page {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut page = Page { title: None, scripts: Vec::new() };
    // Inside an ld+json script (its start line) or the title.
    let mut script: Option<(usize, String)> = None;
    let mut in_title = false;
    let mut title = String::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) if tag.name.as_slice() == b"script" => {
                let ld = tag.attributes.get(b"type".as_slice()).is_some_and(|t| {
                    let t = String::from_utf8_lossy(&t.value).to_ascii_lowercase();
                    t.split(';').next().is_some_and(|t| t.trim() == "application/ld+json")
                });
                if ld {
                    let line = html[..tag.span.start.min(html.len())].matches('\n').count() + 1;
                    script = Some((line, String::new()));
                }
            }
            Token::StartTag(tag) if tag.name.as_slice() == b"title" && page.title.is_none() => in_title = true,
            Token::String(s) => {
                if let Some((_, text)) = &mut script {
                    text.push_str(&String::from_utf8_lossy(&s.value));
                } else if in_title {
                    title.push_str(&String::from_utf8_lossy(&s.value));
                }
            }
            Token::EndTag(tag) if tag.name.as_slice() == b"script" => page.scripts.extend(script.take()),
            Token::EndTag(tag) if tag.name.as_slice() == b"title" && in_title => {
                in_title = false;
                let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
                page.title = (!t.is_empty()).then_some(t);
            }
            _ => {}
        }
    }
    page
}

/// Every ClaimReview node in a JSON-LD value, with its JSON Pointer.
pub(super) fn find_reviews<'v>(value: &'v Value, pointer: String, found: &mut Vec<(String, &'v Value)>) {
    match value {
        Value::Object(_) if is_type(value, "ClaimReview") => found.push((pointer, value)),
        Value::Object(map) => {
            for (key, v) in map {
                find_reviews(v, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), found);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                find_reviews(v, format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}
