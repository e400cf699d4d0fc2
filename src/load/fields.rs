//! Reading the members of one JSON object — an item of a list, the article,
//! the bundle's top level — and recording every problem with its place.
//!
//! [`Fields::typed`] is the one type check: a value is absent, of the
//! expected type, or of another type, which is reported as
//! "{subject} must be {what}, not {its type}{consequence}". Every typed getter
//! below is built on it.

use super::checks::{check_text, check_url, is_valid_id, quoted};
use super::limits;
use crate::date::IsoDate;
use crate::json::{Object, Value};
use crate::model::Closed;
use crate::problem::{List, Place, Problem, Severity};
use std::borrow::Cow;

/// Where the object being read stands in the bundle.
#[derive(Debug, Clone, Copy)]
pub(super) enum At {
    Bundle,
    Article,
    Item(List, usize),
}

/// The value a message is about, and the field it names.
#[derive(Debug, Clone, Copy)]
pub(super) enum Member<'s> {
    /// The object member `key`, spoken of as `"key"`.
    Key(&'s str),
    /// Element `index` of the member `list`, spoken of as "a {noun}" ("a topic").
    Element { list: &'s str, index: usize, noun: &'s str },
    /// The item itself (no field), spoken of as "a {noun}" ("a claim").
    Whole(&'s str),
}

impl Member<'_> {
    /// Made only when there is something to report (elements are read for
    /// every source of every claim).
    pub fn field(self) -> Cow<'static, str> {
        match self {
            Member::Key(key) => Cow::Owned(key.to_owned()),
            Member::Element { list, index, .. } => Cow::Owned(format!("{list}[{index}]")),
            Member::Whole(_) => Cow::Borrowed(""),
        }
    }

    fn subject(self) -> String {
        match self {
            Member::Key(key) => format!("\"{key}\""),
            Member::Element { noun, .. } | Member::Whole(noun) => format!("a {noun}"),
        }
    }
}

/// What a value of the wrong type is told: how severe that is, the type
/// wanted ("a string") and what follows ("; ignored").
#[derive(Debug, Clone, Copy)]
pub(super) struct Expect<'s> {
    pub severity: Severity,
    pub what: &'s str,
    pub then: Then<'s>,
}

/// What follows the reason in a message.
#[derive(Debug, Clone, Copy)]
pub(super) enum Then<'s> {
    /// Said as it is ("", "; ignored").
    Text(&'s str),
    /// `; shown as "{default}"` (made only when said).
    ShownAs(&'s str),
}

impl std::fmt::Display for Then<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Then::Text(text) => f.write_str(text),
            Then::ShownAs(default) => write!(f, "; shown as \"{default}\""),
        }
    }
}

impl<'s> Expect<'s> {
    pub const fn error(what: &'s str) -> Self {
        Expect { severity: Severity::Error, what, then: Then::Text("") }
    }

    pub const fn warning(what: &'s str, then: &'s str) -> Self {
        Expect { severity: Severity::Warning, what, then: Then::Text(then) }
    }
}

/// A value had the wrong type; the problem is recorded.
#[derive(Debug)]
pub(super) struct Reported;

/// Reads the members of one object, recording its problems.
pub(super) struct Fields<'a> {
    at: At,
    /// The item's id, once read (it names the item in problems).
    pub id: Option<String>,
    /// The object, when the value is one.
    pub obj: Option<&'a Object<'a>>,
    pub problems: Vec<Problem>,
    /// Put before a member's key where problems name it: `"review."` for the
    /// object in a claim's `review`.
    prefix: &'static str,
}

impl<'a> Fields<'a> {
    pub fn new(at: At, obj: Option<&'a Object<'a>>) -> Self {
        Fields { at, id: None, obj, problems: Vec::new(), prefix: "" }
    }

    /// The members of `obj`, an object in this one's member `prefix` (given
    /// with its dot: `"review."`): its problems are this item's, naming
    /// `prefix` + key. Add them to this one's once read.
    pub fn nested(&self, prefix: &'static str, obj: &'a Object<'a>) -> Self {
        Fields { at: self.at, id: self.id.clone(), obj: Some(obj), problems: Vec::new(), prefix }
    }

    /// How problems name the member `key` (borrowed unless nested).
    fn name<'k>(&self, key: &'k str) -> Cow<'k, str> {
        if self.prefix.is_empty() {
            Cow::Borrowed(key)
        } else {
            Cow::Owned(format!("{}{key}", self.prefix))
        }
    }

    /// An item of a list; reports it when it is not an object.
    pub fn item(list: List, index: usize, value: &'a Value<'a>) -> Self {
        let mut fields = Fields::new(At::Item(list, index), None);
        let whole = Member::Whole(list.singular());
        if let Ok(obj) = fields.typed(whole, Some(value), Value::as_object, Expect::error("an object")) {
            fields.obj = obj;
        }
        fields
    }

    fn place(&self) -> Place {
        match self.at {
            At::Bundle => Place::Bundle,
            At::Article => Place::Article,
            At::Item(list, index) => Place::Item { list, index, id: self.id.clone() },
        }
    }

    pub fn report(&mut self, severity: Severity, field: &str, message: String) {
        let p = Problem::new(severity, self.place(), Some(field), message);
        self.problems.push(p);
    }

    pub fn error(&mut self, field: &str, message: String) {
        self.report(Severity::Error, field, message);
    }

    pub fn warn(&mut self, field: &str, message: String) {
        self.report(Severity::Warning, field, message);
    }

    /// The member `key`; `null` counts as missing.
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.obj.and_then(|o| o.get(key)).filter(|v| !v.is_null())
    }

    /// The type check. `Ok(None)` when `value` is absent, `Ok(Some(..))` when
    /// `pick` accepts it; otherwise reports "{subject} must be {what}, not
    /// {its type}{then}" and returns `Err(Reported)`.
    pub fn typed<'v, T>(
        &mut self,
        member: Member,
        value: Option<&'v Value<'v>>,
        pick: impl FnOnce(&'v Value<'v>) -> Option<T>,
        expect: Expect,
    ) -> Result<Option<T>, Reported> {
        let Some(value) = value else { return Ok(None) };
        match pick(value) {
            Some(v) => Ok(Some(v)),
            None => Err(self.wrong_type(member, value, expect)),
        }
    }

    // Out of line: `typed` is made once per getter, this only once.
    #[inline(never)]
    fn wrong_type(&mut self, member: Member, value: &Value, expect: Expect) -> Reported {
        let Expect { severity, what, then } = expect;
        let message = format!("{} must be {what}, not {}{then}", member.subject(), value.type_name());
        self.report(severity, &member.field(), message);
        Reported
    }

    /// The member `key`, type-checked.
    pub fn member<T>(
        &mut self,
        key: &str,
        pick: impl FnOnce(&'a Value<'a>) -> Option<T>,
        expect: Expect,
    ) -> Result<Option<T>, Reported> {
        let value = self.get(key);
        self.typed(Member::Key(&self.name(key)), value, pick, expect)
    }

    /// The item's id. An error (and `None`) when it is missing or malformed.
    pub fn read_id(&mut self) -> Option<String> {
        self.obj?;
        let id = match self.get("id") {
            Some(Value::Number(n)) => {
                self.error("id", format!("\"id\" must be a string: write \"{n}\" in quotes"));
                return None;
            }
            value => match self.typed(Member::Key("id"), value, Value::as_str, Expect::error("a string")) {
                Ok(Some(id)) => id,
                Ok(None) => {
                    self.error("id", "\"id\" is required".to_owned());
                    return None;
                }
                Err(Reported) => return None,
            },
        };
        if !is_valid_id(id) {
            self.error("id", format!("id {} may only use letters, digits, '-', '_' and '.'", quoted(id, 40)));
            None
        } else if id.len() > limits::ID {
            self.error("id", format!("id is {} characters long; the limit is {}", id.len(), limits::ID));
            None
        } else {
            self.id = Some(id.to_owned());
            self.id.clone()
        }
    }

    /// A required text member: an error when missing, blank, of the wrong type or too long.
    pub fn required_text(&mut self, key: &str, max: usize) -> Option<String> {
        let text = match self.member(key, Value::as_str, Expect::error("a string")) {
            Ok(Some(s)) => check_text(s, max),
            Ok(None) => Err("is required".to_owned()),
            Err(Reported) => return None,
        };
        match text {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                self.error(key, format!("\"{key}\" is empty"));
                None
            }
            Err(reason) => {
                self.error(key, format!("\"{key}\" {reason}"));
                None
            }
        }
    }

    /// An optional text member: a warning (and `None`) when it is unusable.
    pub fn optional_text(&mut self, key: &str, max: usize) -> Option<String> {
        let s = self.member(key, Value::as_str, Expect::warning("a string", "; ignored")).ok()??;
        match check_text(s, max) {
            Ok(t) => t,
            Err(reason) => {
                let name = self.name(key);
                self.warn(&name, format!("\"{name}\" {reason}; ignored"));
                None
            }
        }
    }

    /// An optional link: dropped with a warning unless `http:` or `https:`.
    pub fn optional_url(&mut self, key: &str) -> Option<String> {
        let raw = self.optional_text(key, limits::URL)?;
        match check_url(&raw) {
            Ok(url) => Some(url),
            Err(reason) => {
                let name = self.name(key);
                self.warn(&name, format!("\"{name}\" {reason}; the link is not shown"));
                None
            }
        }
    }

    /// An optional number member: a warning (and `None`) when it is not one.
    pub fn optional_number(&mut self, key: &str) -> Option<f64> {
        let n = self.member(key, Value::as_number, Expect::warning("a number", "; ignored")).ok()??;
        Some(n.as_f64())
    }

    /// The text of the date member `key` (read with [`Self::optional_text`])
    /// as a date: dropped with a warning when it is not ISO 8601.
    pub fn date(&mut self, key: &str, text: Option<String>) -> Option<IsoDate> {
        match IsoDate::parse(&text?) {
            Ok(d) => Some(d),
            Err(reason) => {
                let name = self.name(key);
                self.warn(&name, format!("\"{name}\": {reason}; ignored"));
                None
            }
        }
    }

    /// The `kind` member: one of `K`'s values, else its default with a warning.
    pub fn kind<K: Closed>(&mut self) -> K {
        K::ALL[self.kind_position(K::NAMES, K::DEFAULT.position())]
    }

    // Not generic: one copy for every kind.
    fn kind_position(&mut self, names: &[&str], default: usize) -> usize {
        let then = Then::ShownAs(names[default]);
        let expect = Expect { severity: Severity::Warning, what: "a string", then };
        let Ok(Some(raw)) = self.member("kind", Value::as_str, expect) else {
            return default;
        };
        names.iter().position(|n| *n == raw).unwrap_or_else(|| {
            let message = format!("kind {} is not one of {}{then}", quoted(raw, 40), names.join(", "));
            self.warn("kind", message);
            default
        })
    }
}
