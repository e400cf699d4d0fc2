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
}

impl<'a> Value<'a> {
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
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

type Result<T> = std::result::Result<T, (usize, &'static str)>;

/// A cursor over JSON text.
pub struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str) -> Self {
        Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0 }
    }

    /// A parser positioned at `offset` (used to come back to a recorded span).
    pub fn at(text: &'a str, offset: usize) -> Self {
        Parser { text, bytes: text.as_bytes(), pos: offset.min(text.len()), depth: 0 }
    }

    pub fn error(&self, (offset, message): (usize, &'static str)) -> SyntaxError {
        SyntaxError::at(self.text, offset, message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn fail<T>(&self, message: &'static str) -> Result<T> {
        Err((self.pos, message))
    }

    /// What to say about the byte at the cursor when something else was expected.
    fn unexpected<T>(&self, expected: &'static str) -> Result<T> {
        match self.peek() {
            None => self.fail("unexpected end of the text"),
            Some(_) => self.fail(expected),
        }
    }

    /// Skips whitespace and reports whether the next byte is `b` (consuming it).
    pub fn eat(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Checks that only whitespace remains.
    pub fn finish(&mut self) -> std::result::Result<(), SyntaxError> {
        self.skip_ws();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error((self.pos, "unexpected text after the end of the bundle"))),
        }
    }

    /// Reads one complete value.
    pub fn value(&mut self) -> std::result::Result<Value<'a>, SyntaxError> {
        self.parse_value().map_err(|e| self.error(e))
    }

    fn parse_value(&mut self) -> Result<Value<'a>> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.nested(|p| p.parse_object().map(Value::Object)),
            Some(b'[') => self.nested(|p| p.parse_array().map(Value::Array)),
            Some(b'"') => self.parse_string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.parse_number().map(Value::Number),
            _ => self.unexpected("expected a value"),
        }
    }

    fn nested<T>(&mut self, inner: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.depth += 1;
        let out = inner(self);
        self.depth -= 1;
        out
    }

    fn literal(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            self.fail("expected a value")
        }
    }

    /// Walks an object's members (the cursor must be at its `{`): `each`
    /// gets the key and must read the value. The grammar of objects, once, for
    /// reading, skipping and [`Parser::members`].
    fn object_members(&mut self, mut each: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>) -> Result<()> {
        self.pos += 1; // '{'
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return self.unexpected("expected a key in double quotes");
            }
            let key = self.parse_string()?;
            if !self.eat(b':') {
                return self.unexpected("expected `:` after the key");
            }
            each(self, key)?;
            if self.eat(b',') {
                continue;
            }
            if self.eat(b'}') {
                return Ok(());
            }
            return self.unexpected("expected `,` or `}`");
        }
    }

    /// Walks an array's elements (the cursor must be at its `[`): `each` must
    /// read one element. The grammar of arrays, once.
    fn array_items(&mut self, mut each: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.pos += 1; // '['
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            each(self)?;
            if self.eat(b',') {
                continue;
            }
            if self.eat(b']') {
                return Ok(());
            }
            return self.unexpected("expected `,` or `]`");
        }
    }

    fn parse_object(&mut self) -> Result<Object<'a>> {
        // A claim has about eight members: one allocation instead of three.
        let mut members = Vec::with_capacity(8);
        self.object_members(|p, key| {
            members.push((key, p.parse_value()?));
            Ok(())
        })?;
        Ok(Object(members))
    }

    fn parse_array(&mut self) -> Result<Vec<Value<'a>>> {
        let mut items = Vec::new();
        self.array_items(|p| {
            items.push(p.parse_value()?);
            Ok(())
        })?;
        Ok(items)
    }

    /// The next byte after whitespace, without consuming it.
    pub fn peek_byte(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek()
    }

    /// Reads an object member by member (the cursor must be at its `{`):
    /// `member(parser, key)` must read the value, with [`Parser::value`] or
    /// [`Parser::skip_array`].
    pub fn members(
        &mut self,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> std::result::Result<(), SyntaxError>,
    ) -> std::result::Result<(), SyntaxError> {
        if self.peek_byte() != Some(b'{') {
            let e: Result<()> = self.unexpected("expected an object");
            return e.map_err(|e| self.error(e));
        }
        // A `SyntaxError` keeps its offset and reason, so passing it through
        // the walker as one and making it again gives the same error.
        let walked = self.object_members(|p, key| member(p, key).map_err(|e| (e.offset, e.message)));
        walked.map_err(|e| self.error(e))
    }

    /// Enters an array value: true when the next value is an array (the
    /// cursor is then inside it), false (cursor unmoved) otherwise.
    pub fn enter_array(&mut self) -> bool {
        self.skip_ws();
        if self.peek() == Some(b'[') {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Inside an array: the next element, or `None` at its end. `first` is
    /// true for the first call after [`Parser::enter_array`].
    #[inline(never)] // see `load::load_claim`
    pub fn next_element(&mut self, first: bool) -> std::result::Result<Option<Value<'a>>, SyntaxError> {
        let step = |p: &mut Self| -> Result<Option<Value<'a>>> {
            if p.eat(b']') {
                return Ok(None);
            }
            if !first && !p.eat(b',') {
                return p.unexpected("expected `,` or `]`");
            }
            p.parse_value().map(Some)
        };
        step(self).map_err(|e| self.error(e))
    }

    /// Skips an array (the cursor must be at its `[`), checking its syntax;
    /// returns where it starts and how many elements it has.
    pub fn skip_array(&mut self) -> std::result::Result<(usize, usize), SyntaxError> {
        self.skip_ws();
        let start = self.pos;
        let mut count = 0;
        let walked = self.nested(|p| {
            p.array_items(|p| {
                count += 1;
                p.skip()
            })
        });
        walked.map_err(|e| self.error(e))?;
        Ok((start, count))
    }

    /// Skips one value, checking its syntax, without building it.
    fn skip(&mut self) -> Result<()> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.nested(|p| p.object_members(|p, _| p.skip())),
            Some(b'[') => self.nested(|p| p.array_items(Self::skip)),
            Some(b'"') => self.skip_string(),
            _ => self.parse_value().map(drop),
        }
    }

    fn skip_string(&mut self) -> Result<()> {
        self.pos += 1; // opening quote
        loop {
            // Fast path: plain bytes.
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.escape(&mut None)?;
                }
                Some(_) => {
                    return self.fail(
                        "a control character (like a raw newline or tab) inside a string: write it as \\n or \\t",
                    )
                }
                None => return self.fail("unexpected end of the text inside a string"),
            }
        }
    }

    fn parse_string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            let run = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The text is a &str and runs end at ASCII bytes, so this slice is valid UTF-8.
            let piece = &self.text[run..self.pos];
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(&self.text[start..self.pos - 1]),
                        Some(mut s) => {
                            s.push_str(piece);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(piece);
                    self.escape(&mut owned)?;
                }
                Some(_) => {
                    return self.fail(
                        "a control character (like a raw newline or tab) inside a string: write it as \\n or \\t",
                    )
                }
                None => return self.fail("unexpected end of the text inside a string"),
            }
        }
    }

    /// Reads the escape at the cursor (a backslash), appending it to `out`.
    fn escape(&mut self, out: &mut Option<String>) -> Result<()> {
        self.pos += 1; // backslash
        let Some(b) = self.peek() else { return self.fail("unexpected end of the text inside a string") };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return self.fail("a \\u escape of half a character (a lone surrogate)");
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return self.fail("a \\u escape of half a character (a lone surrogate)");
                    }
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                        .map_or_else(|| self.fail("an invalid \\u escape"), Ok)?
                } else {
                    char::from_u32(hi)
                        .map_or_else(|| self.fail("a \\u escape of half a character (a lone surrogate)"), Ok)?
                }
            }
            _ => {
                self.pos -= 1;
                return self.fail("an unknown escape: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
            }
        };
        if let Some(s) = out {
            s.push(c);
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return self.fail("a \\u escape needs four hexadecimal digits"),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn parse_number(&mut self) -> Result<Number<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("a number needs digits after the minus sign"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("a number needs digits after the decimal point");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("a number needs digits in its exponent");
            }
        }
        let raw = &self.text[start..self.pos];
        match approximate(raw) {
            Some(value) => Ok(Number { raw, value }),
            None => Err((start, "a number too large to use")),
        }
    }
}

/// The value of a number already checked against the JSON grammar. Bundles
/// hold only small numbers (a version, paragraph numbers), so this sums the
/// digits instead of using the standard library's exactly rounded parser,
/// whose tables would add about 10 KB to the wasm; integers up to 2^53 are
/// exact, fractions within a rounding error or two.
fn approximate(raw: &str) -> Option<f64> {
    let (mantissa, exponent) = match raw.find(['e', 'E']) {
        Some(at) => (&raw[..at], raw[at + 1..].trim_start_matches('+').parse::<i32>().ok()?),
        None => (raw, 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let mut value = 0.0f64;
    let mut scale = 0i32;
    let mut seen_point = false;
    for b in digits.bytes() {
        if b == b'.' {
            seen_point = true;
            continue;
        }
        value = value * 10.0 + f64::from(b - b'0');
        if seen_point {
            scale -= 1;
        }
    }
    let value = value * 10f64.powi(exponent.checked_add(scale)?);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> std::result::Result<Value<'_>, SyntaxError> {
        let mut p = Parser::new(text);
        let v = p.value()?;
        p.finish()?;
        Ok(v)
    }

    #[test]
    fn reads_values_and_borrows_plain_strings() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\n", "c": "plain"} "#).unwrap();
        let o = v.as_object().unwrap();
        let Some(Value::Array(items)) = o.get("a") else { panic!() };
        assert_eq!(items.len(), 5);
        let Value::Number(n) = &items[1] else { panic!() };
        assert_eq!((n.as_f64(), n.to_string(), n.as_u64()), (-2500.0, "-2.5e3".to_owned(), None));
        for (text, value) in [("1", 1.0), ("1.5", 1.5), ("0.25", 0.25), ("12e-1", 1.2), ("2E+2", 200.0), ("-0", 0.0)] {
            let Ok(Value::Number(n)) = parse(text) else { panic!("{text}") };
            assert!((n.as_f64() - value).abs() < 1e-12, "{text}: {}", n.as_f64());
        }
        assert_eq!(o.get("b"), Some(&Value::String(Cow::Owned("xé\n".to_owned()))));
        assert!(matches!(o.get("c"), Some(Value::String(Cow::Borrowed("plain")))));
    }

    #[test]
    fn surrogate_pairs_and_last_key_wins() {
        let v = parse(r#"{"k": "\ud83d\ude00", "k": 2}"#).unwrap();
        assert_eq!(v.as_object().unwrap().get("k").map(Value::type_name), Some("a number"));
        let v = parse(r#""\ud83d\ude00""#).unwrap();
        assert_eq!(v, Value::String(Cow::Owned("😀".to_owned())));
    }

    #[test]
    fn errors_have_line_column_and_reason() {
        let cases = [
            ("{\n  \"a\": 1,,\n}", 2, 10, "expected a key in double quotes"),
            ("[1 2]", 1, 4, "expected `,` or `]`"),
            ("{\"a\" 1}", 1, 6, "expected `:` after the key"),
            ("[01]", 1, 3, "expected `,` or `]`"),
            (
                "\"é\tx\"",
                1,
                3,
                "a control character (like a raw newline or tab) inside a string: write it as \\n or \\t",
            ),
            ("[1,]", 1, 4, "expected a value"),
            ("{\"a\": tru}", 1, 7, "expected a value"),
            ("[\"\\x\"]", 1, 4, "an unknown escape: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
            ("\"\\ud800\"", 1, 8, "a \\u escape of half a character (a lone surrogate)"),
            ("[1e999]", 1, 2, "a number too large to use"),
            ("{\"a\": [1, 2", 1, 12, "unexpected end of the text"),
            ("{} x", 1, 4, "unexpected text after the end of the bundle"),
            ("", 1, 1, "unexpected end of the text"),
        ];
        for (text, line, column, message) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!((e.line, e.column, e.message), (line, column, message), "{text:?}");
        }
    }

    #[test]
    fn depth_is_limited() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let mut p = Parser::new(&deep);
        assert!(p.skip_array().is_err());
    }

    #[test]
    fn skipping_checks_syntax_and_gives_the_span() {
        let text = r#"  [ {"a": "b\"c"}, [1, 2] ] , "#;
        let mut p = Parser::new(text);
        assert_eq!(p.skip_array().unwrap(), (2, 2));
        assert_eq!((p.pos, p.peek_byte()), (27, Some(b',')), "the cursor is just past the array");
        assert_eq!(Parser::new(" [ ] ").skip_array().unwrap(), (1, 0));
        assert!(Parser::new("[1,]").skip_array().is_err());
        assert!(Parser::new("[1, {\"a\" 2}]").skip_array().is_err());
    }

    #[test]
    fn arrays_walk_one_element_at_a_time() {
        let mut p = Parser::new("[ 1 , \"two\" , [3] ]");
        assert!(p.enter_array());
        let mut got = Vec::new();
        let mut first = true;
        while let Some(v) = p.next_element(first).unwrap() {
            got.push(v.type_name());
            first = false;
        }
        assert_eq!(got, ["a number", "a string", "an array"]);
        let mut p = Parser::new("[1 2]");
        assert!(p.enter_array());
        assert!(p.next_element(true).unwrap().is_some());
        assert_eq!(p.next_element(false).unwrap_err().message, "expected `,` or `]`");
    }

    #[test]
    fn quote_escapes_like_json() {
        assert_eq!(quote("a\"b\\c\td\u{1}"), r#""a\"b\\c\td\u0001""#);
    }
}
