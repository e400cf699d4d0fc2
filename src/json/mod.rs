//! A small JSON reader made for the loader: values borrow their strings from
//! the text (no copy unless a string has escapes), objects keep their keys in
//! order, and large arrays can be walked one element at a time, so a bundle of
//! 50,000 claims never exists as one tree in memory.
//!
//! Written here instead of using `serde_json::Value` for three reasons the
//! benchmark measures (see BENCHMARKS.md): the wasm is smaller, loading is
//! faster, and the peak memory while loading is about the text plus the model.
//!
//! Syntax follows RFC 8259 strictly (no comments, no trailing commas); nesting
//! is limited to [`MAX_DEPTH`]. Nothing here panics on any input.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting accepted (serde_json's default too).
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number<'a>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Object<'a>),
}

/// A number as written (for messages) and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number<'a> {
    raw: &'a str,
    value: f64,
}

impl Number<'_> {
    pub fn as_f64(&self) -> f64 {
        self.value
    }

    /// The number as an unsigned integer, when it is written as one.
    pub fn as_u64(&self) -> Option<u64> {
        if self.raw.bytes().all(|b| b.is_ascii_digit()) {
            self.raw.parse().ok()
        } else {
            None
        }
    }
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.raw)
    }
}

/// An object's members in document order. A repeated key: the last one counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Object<'a> {
    pub fn from_members(members: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        Object(members)
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in document order (a repeated key more than once).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
}

impl<'a> Value<'a> {
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Number<'a>> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// "a string", "an array"… for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// A syntax error: where (byte offset, and line and column counted in
/// characters, both from 1) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl SyntaxError {
    fn at(text: &str, offset: usize, message: &'static str) -> SyntaxError {
        let offset = offset.min(text.len());
        let before = text.as_bytes().get(..offset).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Characters, not bytes: count the bytes that start a UTF-8 sequence.
        let column = 1 + before[line_start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        SyntaxError { offset, line, column, message }
    }
}

/// `value` as a JSON string literal (quotes and escapes), for messages.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

mod parser;
mod string;

pub use parser::Parser;

#[cfg(test)]
mod tests;
