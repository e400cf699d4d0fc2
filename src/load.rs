//! Bundle format v1: from JSON text to a [`Bundle`] plus the [`Problem`]s found.
//!
//! The rule is *nothing valid is lost*: a bad claim is skipped and reported,
//! every other claim is kept; a bad optional value is dropped with a warning and
//! its item stays. Only text that is not a JSON object at all, or a bundle of a
//! version this reader does not know, fails as a whole.
//!
//! The text is read with [`crate::json`]: the whole bundle is first checked
//! for syntax (a syntax error gives line and column and fails the whole load),
//! the small top-level values are read as trees, and the claims are read one
//! at a time from their place in the text, each turned into the model and
//! dropped before the next — so loading never holds more than the text, the
//! model and one claim's tree. Every problem names its item and field.
//! Nothing here panics on any input (see the property tests in
//! `tests/loader.rs`).

use crate::date::IsoDate;
use crate::hash::FastMap;
use crate::json::{self, Object, Parser, SyntaxError, Value};
use crate::model::*;
use crate::problem::{List, Place, Problem, Severity};
use std::borrow::Cow;

/// The highest major version of the format this reader understands.
pub const FORMAT_MAJOR: u64 = 1;

/// Size limits, in characters unless stated. Larger values are rejected per
/// item, so that a runaway paste cannot freeze a reader's phone.
pub mod limits {
    pub const BUNDLE_BYTES: usize = 64 * 1024 * 1024;
    pub const ID: usize = 128;
    pub const CLAIM_TEXT: usize = 5_000;
    pub const NAME: usize = 300;
    pub const SHORT_TEXT: usize = 500;
    pub const CONTEXT: usize = 2_000;
    pub const URL: usize = 2_048;
    pub const TOPIC: usize = 64;
    pub const TOPICS_PER_CLAIM: usize = 20;
    pub const SOURCES_PER_CLAIM: usize = 20;
}

/// The outcome of loading: the valid part of the bundle (absent when the text
/// could not be read as a bundle at all) and every problem, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub bundle: Option<Bundle>,
    pub problems: Vec<Problem>,
    /// Claims present in the text but not shown.
    pub skipped_claims: usize,
}

impl Loaded {
    pub fn valid_claims(&self) -> usize {
        self.bundle.as_ref().map_or(0, |b| b.claims.len())
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// True when the bundle could not be read at all.
    pub fn failed(&self) -> bool {
        self.bundle.is_none()
    }

    fn fatal(problem: Problem) -> Loaded {
        Loaded { bundle: None, problems: vec![problem], skipped_claims: 0 }
    }
}

/// Loads a bundle from JSON text.
pub fn load(text: &str) -> Loaded {
    if text.len() > limits::BUNDLE_BYTES {
        return Loaded::fatal(problem(
            Severity::Error,
            Place::Bundle,
            None,
            format!(
                "the bundle is {} MB; the limit is {} MB",
                text.len() / (1024 * 1024),
                limits::BUNDLE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    match read_root(text) {
        Ok(Root::Object { fields, claims }) => load_root(text, &fields, claims),
        Ok(Root::Other(value)) => Loaded::fatal(problem(
            Severity::Error,
            Place::Bundle,
            None,
            format!("a bundle must be a JSON object, not {}", value.type_name()),
        )),
        Err(e) => Loaded::fatal(syntax_problem(&e)),
    }
}

/// The bundle's top level, its syntax checked: every member but `claims` as
/// a tree, and where the claims array starts.
enum Root<'a> {
    Object {
        fields: Object<'a>,
        claims: ClaimsJson<'a>,
    },
    /// Valid JSON, but not an object.
    Other(Value<'a>),
}

enum ClaimsJson<'a> {
    /// The offset of the `[` of the claims array, and its number of elements.
    At(usize, usize),
    /// Missing, or not an array (read as a tree, to say what it is).
    Other(Option<Value<'a>>),
}

fn read_root(text: &str) -> Result<Root<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    if p.peek_byte() != Some(b'{') {
        let value = p.value()?;
        p.finish()?;
        return Ok(Root::Other(value));
    }
    let mut fields = Vec::new();
    let mut claims = ClaimsJson::Other(None);
    p.members(|p, key| {
        if key == "claims" && p.peek_byte() == Some(b'[') {
            let (at, count) = p.skip_array()?;
            claims = ClaimsJson::At(at, count);
        } else if key == "claims" {
            claims = ClaimsJson::Other(Some(p.value()?));
        } else {
            fields.push((key, p.value()?));
        }
        Ok(())
    })?;
    p.finish()?;
    Ok(Root::Object { fields: Object::from_members(fields), claims })
}

fn load_root(text: &str, root: &Object, claims_json: ClaimsJson) -> Loaded {
    let mut problems = Vec::new();
    let version = match check_version(root.get("version")) {
        Ok((v, warning)) => {
            problems.extend(warning);
            v
        }
        Err(p) => return Loaded::fatal(p),
    };

    let article = load_article(root.get("article"), &mut problems);

    let speakers_json = top_level_list(root.get("speakers"), List::Speakers, &mut problems);
    let sources_json = top_level_list(root.get("sources"), List::Sources, &mut problems);
    let (claims_at, count) = match claims_json {
        ClaimsJson::At(offset, count) => (Some(offset), count),
        ClaimsJson::Other(value) => {
            top_level_list(value.as_ref(), List::Claims, &mut problems);
            (None, 0)
        }
    };

    let speakers = load_table(speakers_json, List::Speakers, &mut problems, load_speaker, |s| &s.id);
    let sources = load_table(sources_json, List::Sources, &mut problems, load_source, |s| &s.id);

    let refs = Refs { speakers: &speakers, sources: &sources };
    // Sized once: growing by doubling would hold two copies at the largest step.
    let mut claims = Vec::with_capacity(count);
    let mut topics = Topics::default();
    // Keys borrow from the text (an id has no escapes), so this map copies no id.
    let mut claim_ids: FastMap<Cow<str>, usize> = FastMap::default();
    claim_ids.reserve(count);
    let mut skipped_claims = 0;
    // The whole text passed the syntax check, so reading the array again cannot fail.
    let mut items = claims_at.and_then(|at| {
        let mut p = Parser::at(text, at);
        p.enter_array().then_some(p)
    });
    let mut index = 0;
    loop {
        let item = match items.as_mut().map(|p| p.next_element(index == 0)) {
            Some(Ok(Some(item))) => item,
            None | Some(Ok(None)) => break,
            // Cannot happen after the syntax check; said rather than silently losing claims.
            Some(Err(e)) => {
                problems.push(syntax_problem(&e));
                break;
            }
        };
        let mut cx = ItemCx::new(List::Claims, index, &item);
        let claim = load_claim(&mut cx, &refs).and_then(|c| match claim_ids.get(c.0.id.as_str()) {
            Some(&first) => {
                cx.error("id", format!("duplicate id {}: claims[{first}] already uses it", quoted(&c.0.id, 60)));
                None
            }
            None => Some(c),
        });
        match claim {
            Some((mut c, names)) => {
                let key = match item.as_object().and_then(|o| o.get("id")) {
                    Some(Value::String(id)) => id.clone(),
                    _ => Cow::Owned(c.id.clone()),
                };
                claim_ids.insert(key, index);
                c.topics = names.into_iter().map(|t| topics.intern(t)).collect();
                claims.push(c);
            }
            None => skipped_claims += 1,
        }
        problems.append(&mut cx.problems);
        index += 1;
    }
    claims.shrink_to_fit();

    let (speakers, sources, topics) = (speakers.items, sources.items, topics.names);
    Loaded { bundle: Some(Bundle { version, article, speakers, sources, claims, topics }), problems, skipped_claims }
}

/// The distinct topics of the loaded claims, in order of first appearance.
#[derive(Default)]
struct Topics {
    names: Vec<String>,
    by_name: FastMap<String, usize>,
}

impl Topics {
    fn intern(&mut self, name: String) -> usize {
        if let Some(&ix) = self.by_name.get(&name) {
            return ix;
        }
        self.names.push(name.clone());
        self.by_name.insert(name, self.names.len() - 1);
        self.names.len() - 1
    }
}

fn problem(severity: Severity, place: Place, field: Option<&str>, message: String) -> Problem {
    Problem { severity, place, field: field.map(str::to_owned), message }
}

fn syntax_problem(e: &SyntaxError) -> Problem {
    let place = Place::Syntax { line: e.line, column: e.column };
    problem(Severity::Error, place, None, format!("not valid JSON: {}", e.message))
}

fn check_version(v: Option<&Value>) -> Result<(f64, Option<Problem>), Problem> {
    let fatal = |message: String| problem(Severity::Error, Place::Bundle, Some("version"), message);
    match v {
        None => Ok((
            1.0,
            Some(problem(
                Severity::Warning,
                Place::Bundle,
                Some("version"),
                "\"version\" is missing; read as version 1".to_owned(),
            )),
        )),
        Some(Value::Number(n)) => match n.as_f64() {
            v if (1.0..2.0).contains(&v) => Ok((v, None)),
            v if v >= 2.0 => Err(fatal(format!(
                "this bundle is format version {n}; this reader knows version {FORMAT_MAJOR} only — update the widget"
            ))),
            _ => Err(fatal(format!("\"version\" must be 1 (or 1.x), not {n}"))),
        },
        Some(other) => Err(fatal(format!("\"version\" must be the number 1, not {}", other.type_name()))),
    }
}

fn top_level_list<'v, 'a>(value: Option<&'v Value<'a>>, list: List, problems: &mut Vec<Problem>) -> &'v [Value<'a>] {
    match value {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(other) => {
            problems.push(problem(
                Severity::Error,
                Place::Bundle,
                Some(list.as_str()),
                format!("\"{}\" must be an array, not {}; none of it can be shown", list.as_str(), other.type_name()),
            ));
            &[]
        }
    }
}

fn load_article(v: Option<&Value>, problems: &mut Vec<Problem>) -> Article {
    let mut warn =
        |field: &str, message: String| problems.push(problem(Severity::Warning, Place::Article, Some(field), message));
    let obj = match v {
        None | Some(Value::Null) => return Article::default(),
        Some(Value::Object(o)) => o,
        Some(other) => {
            warn("article", format!("\"article\" must be an object, not {}; ignored", other.type_name()));
            return Article::default();
        }
    };
    let mut text = |key: &str, max: usize| -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match check_text(s, max) {
                Ok(t) => t,
                Err(reason) => {
                    warn(key, format!("\"{key}\" {reason}; ignored"));
                    None
                }
            },
            Some(other) => {
                warn(key, format!("\"{key}\" must be a string, not {}; ignored", other.type_name()));
                None
            }
        }
    };
    let title = text("title", limits::NAME);
    let url = text("url", limits::URL);
    let publisher = text("publisher", limits::NAME);
    let published = text("published", 64);
    let language = text("language", 35);
    if title.is_none() {
        warn("title", "\"title\" is required in \"article\"".to_owned());
    }
    let url = url.and_then(|u| match check_url(&u) {
        Ok(u) => Some(u),
        Err(reason) => {
            warn("url", format!("\"url\" {reason}; ignored"));
            None
        }
    });
    let published = published.and_then(|d| match IsoDate::parse(&d) {
        Ok(d) => Some(d),
        Err(reason) => {
            warn("published", format!("\"published\": {reason}; ignored"));
            None
        }
    });
    let language = language.and_then(|l| {
        if is_language_tag(&l) {
            Some(l)
        } else {
            warn(
                "language",
                format!(
                    "\"language\" {} is not a BCP 47 language tag (like \"en\" or \"vi-VN\"); ignored",
                    quoted(&l, 40)
                ),
            );
            None
        }
    });
    Article { title, url, publisher, published, language }
}

/// Loose BCP 47 check: 2–3 letter primary subtag, then alphanumeric subtags of 1–8.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok =
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Trims a string and checks it is non-empty and not too long. `Ok(None)`
/// for a blank string.
fn check_text(s: &str, max: usize) -> Result<Option<String>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Counting characters only when the bytes could exceed the limit.
    if t.len() > max {
        let chars = t.chars().count();
        if chars > max {
            return Err(format!("is {chars} characters long; the limit is {max}"));
        }
    }
    Ok(Some(t.to_owned()))
}

/// Accepts only absolute `http:` and `https:` URLs. Browsers ignore ASCII
/// tab and newline inside a scheme and leading control characters and spaces,
/// so those are removed before the scheme is read (`java\tscript:` is
/// `javascript:` to a browser).
pub fn check_url(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return Err(format!("{} is not an http: or https: link", quoted(trimmed, 60)));
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.starts_with(['\\', '/']) || host.contains(['\\', ' ', '<', '>', '"']) {
        return Err(format!("{} has no valid host name", quoted(&cleaned, 60)));
    }
    if cleaned.chars().any(|c| c.is_control() || c == ' ') {
        return Err("contains spaces or control characters; encode them as %20".to_owned());
    }
    Ok(cleaned)
}

/// A value quoted for a message as it would be written in JSON (so a tab
/// shows as `\t`), cut to `max` characters.
fn quoted(value: &str, max: usize) -> String {
    let mut cut: String = value.chars().take(max).collect();
    if cut.len() < value.len() {
        cut.push('…');
    }
    json::quote(&cut)
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Reads the fields of one item, recording its problems.
struct ItemCx<'a> {
    list: List,
    index: usize,
    id: Option<String>,
    obj: Option<&'a Object<'a>>,
    value: &'a Value<'a>,
    problems: Vec<Problem>,
}

impl<'a> ItemCx<'a> {
    fn new(list: List, index: usize, value: &'a Value<'a>) -> Self {
        ItemCx { list, index, id: None, obj: value.as_object(), value, problems: Vec::new() }
    }

    fn place(&self) -> Place {
        Place::Item { list: self.list, index: self.index, id: self.id.clone() }
    }

    fn error(&mut self, field: &str, message: String) {
        let p = problem(Severity::Error, self.place(), Some(field), message);
        self.problems.push(p);
    }

    fn warn(&mut self, field: &str, message: String) {
        let p = problem(Severity::Warning, self.place(), Some(field), message);
        self.problems.push(p);
    }

    fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.obj.and_then(|o| o.get(key)).filter(|v| !v.is_null())
    }

    /// Reads the item's id. Errors (and returns `None`) when the item is not an
    /// object or its id is missing or malformed.
    fn read_id(&mut self) -> Option<String> {
        if self.obj.is_none() {
            let what = match self.list {
                List::Speakers => "a speaker",
                List::Sources => "a source",
                List::Claims => "a claim",
            };
            self.error("", format!("{what} must be an object, not {}", self.value.type_name()));
            return None;
        }
        match self.get("id") {
            None => {
                self.error("id", "\"id\" is required".to_owned());
                None
            }
            Some(Value::String(id)) => {
                if !is_valid_id(id) {
                    let message = format!("id {} may only use letters, digits, '-', '_' and '.'", quoted(id, 40));
                    self.error("id", message);
                    None
                } else if id.len() > limits::ID {
                    self.error("id", format!("id is {} characters long; the limit is {}", id.len(), limits::ID));
                    None
                } else {
                    self.id = Some(id.to_string());
                    self.id.clone()
                }
            }
            Some(Value::Number(n)) => {
                self.error("id", format!("\"id\" must be a string: write \"{n}\" in quotes"));
                None
            }
            Some(other) => {
                self.error("id", format!("\"id\" must be a string, not {}", other.type_name()));
                None
            }
        }
    }

    /// A required text field: an error when missing, blank, of the wrong type or too long.
    fn required_text(&mut self, key: &str, max: usize) -> Option<String> {
        match self.get(key) {
            None => {
                self.error(key, format!("\"{key}\" is required"));
                None
            }
            Some(Value::String(s)) => match check_text(s, max) {
                Ok(Some(t)) => Some(t),
                Ok(None) => {
                    self.error(key, format!("\"{key}\" is empty"));
                    None
                }
                Err(reason) => {
                    self.error(key, format!("\"{key}\" {reason}"));
                    None
                }
            },
            Some(other) => {
                self.error(key, format!("\"{key}\" must be a string, not {}", other.type_name()));
                None
            }
        }
    }

    /// An optional text field: a warning (and `None`) when it is unusable.
    fn optional_text(&mut self, key: &str, max: usize) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => match check_text(s, max) {
                Ok(t) => t,
                Err(reason) => {
                    self.warn(key, format!("\"{key}\" {reason}; ignored"));
                    None
                }
            },
            other => {
                let message = format!("\"{key}\" must be a string, not {}; ignored", other.type_name());
                self.warn(key, message);
                None
            }
        }
    }

    fn optional_url(&mut self, key: &str) -> Option<String> {
        let raw = self.optional_text(key, limits::URL)?;
        match check_url(&raw) {
            Ok(url) => Some(url),
            Err(reason) => {
                self.warn(key, format!("\"{key}\" {reason}; the link is not shown"));
                None
            }
        }
    }

    fn kind<K: Copy>(&mut self, parse: fn(&str) -> Option<K>, all: &[&str], default: K, default_name: &str) -> K {
        let raw = match self.get("kind") {
            None => return default,
            Some(Value::String(s)) => s,
            Some(other) => {
                let message =
                    format!("\"kind\" must be a string, not {}; shown as \"{default_name}\"", other.type_name());
                self.warn("kind", message);
                return default;
            }
        };
        match parse(raw) {
            Some(k) => k,
            None => {
                let message =
                    format!("kind {} is not one of {}; shown as \"{default_name}\"", quoted(raw, 40), all.join(", "));
                self.warn("kind", message);
                default
            }
        }
    }
}

fn names<K: Copy>(all: &[K], name: fn(K) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|k| name(*k)).collect()
}

fn load_speaker(cx: &mut ItemCx) -> Option<Speaker> {
    let id = cx.read_id();
    let name = cx.obj.and_then(|_| cx.required_text("name", limits::NAME));
    let (id, name) = (id?, name?);
    let role = cx.optional_text("role", limits::SHORT_TEXT);
    let affiliation = cx.optional_text("affiliation", limits::SHORT_TEXT);
    let kind = cx.kind(
        SpeakerKind::parse,
        &names(SpeakerKind::ALL, SpeakerKind::as_str),
        SpeakerKind::DEFAULT,
        SpeakerKind::DEFAULT.as_str(),
    );
    let image = cx.optional_url("image");
    Some(Speaker { id, name, role, affiliation, kind, image })
}

fn load_source(cx: &mut ItemCx) -> Option<Source> {
    let id = cx.read_id();
    let name = cx.obj.and_then(|_| cx.required_text("name", limits::NAME));
    let (id, name) = (id?, name?);
    let url = cx.optional_url("url");
    let kind = cx.kind(
        SourceKind::parse,
        &names(SourceKind::ALL, SourceKind::as_str),
        SourceKind::DEFAULT,
        SourceKind::DEFAULT.as_str(),
    );
    Some(Source { id, name, url, kind })
}

struct Refs<'a> {
    speakers: &'a Table<Speaker>,
    sources: &'a Table<Source>,
}

/// A loaded list that claims refer to (speakers or sources).
struct Table<T> {
    items: Vec<T>,
    /// Id → index in `items`.
    by_id: FastMap<String, usize>,
    /// Ids of items that could not be loaded, with their index in the JSON list,
    /// so a claim that names one can say why it is missing.
    skipped: FastMap<String, usize>,
}

/// Loads every item of a speakers or sources list. A duplicate id keeps the
/// first item and reports the later ones.
fn load_table<T>(
    json: &[Value<'_>],
    list: List,
    problems: &mut Vec<Problem>,
    load_one: fn(&mut ItemCx) -> Option<T>,
    id_of: fn(&T) -> &String,
) -> Table<T> {
    let mut table = Table { items: Vec::new(), by_id: FastMap::default(), skipped: FastMap::default() };
    let mut first_at: FastMap<String, usize> = FastMap::default();
    for (index, item) in json.iter().enumerate() {
        let mut cx = ItemCx::new(list, index, item);
        match load_one(&mut cx) {
            Some(value) => {
                let id = id_of(&value).clone();
                match first_at.get(&id) {
                    Some(&first) => cx.error(
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
                if let Some(id) = cx.id.clone() {
                    table.skipped.entry(id).or_insert(index);
                }
            }
        }
        problems.append(&mut cx.problems);
    }
    table
}

fn unknown_ref(list: List, id: &str, skipped: &FastMap<String, usize>) -> String {
    let what = if list == List::Speakers { "speaker" } else { "source" };
    match skipped.get(id) {
        Some(ix) => format!("{what} {} could not be loaded (see {}[{ix}])", quoted(id, 60), list.as_str()),
        None => format!("{what} {} is not defined", quoted(id, 60)),
    }
}

// Not inlined into the loop over claims: a browser runs a wasm function in
// its quick baseline code until the function is called again after being
// optimised, so per-claim work must be a call of its own to get faster as a
// large bundle loads.
/// A claim (with no topics yet) and the names of its topics, which are
/// interned only once the claim is known to be kept.
#[inline(never)]
fn load_claim(cx: &mut ItemCx, refs: &Refs) -> Option<(Claim, Vec<String>)> {
    let id = cx.read_id();
    cx.obj?;
    // Every required field is checked, so that one pass reports all of a claim's errors.
    let text = cx.required_text("text", limits::CLAIM_TEXT);
    let speaker = match cx.get("speaker") {
        None => {
            cx.error("speaker", "\"speaker\" is required (the id of one of \"speakers\")".to_owned());
            None
        }
        Some(Value::String(s)) => match refs.speakers.by_id.get(s.as_ref()) {
            Some(&ix) => Some(ix),
            None => {
                cx.error("speaker", unknown_ref(List::Speakers, s, &refs.speakers.skipped));
                None
            }
        },
        Some(other) => {
            cx.error("speaker", format!("\"speaker\" must be a speaker id (a string), not {}", other.type_name()));
            None
        }
    };
    let sources = load_claim_sources(cx, refs);
    let date = match cx.get("date") {
        None => Some(None),
        Some(Value::String(s)) => match IsoDate::parse(s) {
            Ok(d) => Some(Some(d)),
            Err(reason) => {
                cx.error("date", format!("\"date\": {reason}"));
                None
            }
        },
        Some(other) => {
            cx.error("date", format!("\"date\" must be an ISO 8601 string, not {}", other.type_name()));
            None
        }
    };
    let (id, text, speaker, sources, date) = (id?, text?, speaker?, sources?, date?);

    let kind = cx.kind(
        ClaimKind::parse,
        &names(ClaimKind::ALL, ClaimKind::as_str),
        ClaimKind::DEFAULT,
        ClaimKind::DEFAULT.as_str(),
    );
    let topics = load_topics(cx);
    let paragraph = match cx.get("paragraph") {
        None => None,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(p) if (1..=100_000).contains(&p) => Some(p as u32),
            _ => {
                cx.warn("paragraph", format!("\"paragraph\" must be a whole number from 1, not {n}; ignored"));
                None
            }
        },
        Some(other) => {
            let message = format!("\"paragraph\" must be a number, not {}; ignored", other.type_name());
            cx.warn("paragraph", message);
            None
        }
    };
    let context = cx.optional_text("context", limits::CONTEXT);
    Some((Claim { id, text, speaker, sources, kind, date, topics: Vec::new(), paragraph, context }, topics))
}

fn load_claim_sources(cx: &mut ItemCx, refs: &Refs) -> Option<Vec<SourceIx>> {
    let items = match cx.get("sources") {
        None => {
            cx.error("sources", "\"sources\" is required: a list of one or more source ids".to_owned());
            return None;
        }
        Some(Value::Array(items)) => items,
        Some(Value::String(s)) => {
            cx.error("sources", format!("\"sources\" must be a list: write [{}]", quoted(s, 60)));
            return None;
        }
        Some(other) => {
            cx.error("sources", format!("\"sources\" must be a list of source ids, not {}", other.type_name()));
            return None;
        }
    };
    if items.is_empty() {
        cx.error("sources", "\"sources\" is empty: every claim needs at least one source".to_owned());
        return None;
    }
    if items.len() > limits::SOURCES_PER_CLAIM {
        cx.error("sources", format!("{} sources; the limit is {}", items.len(), limits::SOURCES_PER_CLAIM));
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        // Named only when there is something to report (this runs for every source of every claim).
        let field = || format!("sources[{i}]");
        match item {
            Value::String(s) => match refs.sources.by_id.get(s.as_ref()) {
                Some(&ix) if out.contains(&ix) => {
                    cx.warn(&field(), format!("source {} is listed twice", quoted(s, 60)))
                }
                Some(&ix) => out.push(ix),
                None => {
                    cx.error(&field(), unknown_ref(List::Sources, s, &refs.sources.skipped));
                    ok = false;
                }
            },
            other => {
                cx.error(&field(), format!("a source id must be a string, not {}", other.type_name()));
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn load_topics(cx: &mut ItemCx) -> Vec<String> {
    let items = match cx.get("topics") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            let message = format!("\"topics\" must be a list of strings, not {}; ignored", other.type_name());
            cx.warn("topics", message);
            return Vec::new();
        }
    };
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = || format!("topics[{i}]");
        if out.len() == limits::TOPICS_PER_CLAIM {
            cx.warn("topics", format!("more than {} topics; the rest are ignored", limits::TOPICS_PER_CLAIM));
            break;
        }
        match item {
            Value::String(s) => match check_text(s, limits::TOPIC) {
                Ok(Some(t)) if out.contains(&t) => {
                    cx.warn(&field(), format!("topic {} is listed twice", quoted(&t, 64)))
                }
                Ok(Some(t)) => out.push(t),
                Ok(None) => cx.warn(&field(), "a topic is empty; ignored".to_owned()),
                Err(reason) => cx.warn(&field(), format!("topic {reason}; ignored")),
            },
            other => cx.warn(&field(), format!("a topic must be a string, not {}; ignored", other.type_name())),
        }
    }
    out
}
