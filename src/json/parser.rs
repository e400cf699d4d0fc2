//! The cursor over JSON text: values, objects, arrays, numbers, skipping.
//! Strings are read in `string.rs`.

use super::{Number, Object, SyntaxError, Value, MAX_DEPTH};
use std::borrow::Cow;

/// A syntax error before it is placed: byte offset and reason.
pub(super) type Result<T> = std::result::Result<T, (usize, &'static str)>;

/// A cursor over JSON text.
pub struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
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

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    pub(super) fn fail<T>(&self, message: &'static str) -> Result<T> {
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

    /// Where the cursor is, in bytes from the start of the text.
    pub fn offset(&self) -> usize {
        self.pos
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

    /// Reads an array element by element (the cursor must be at its `[`):
    /// `element(parser)` must read one value, as for [`Parser::members`].
    pub fn elements(
        &mut self,
        mut element: impl FnMut(&mut Self) -> std::result::Result<(), SyntaxError>,
    ) -> std::result::Result<(), SyntaxError> {
        if self.peek_byte() != Some(b'[') {
            let e: Result<()> = self.unexpected("expected an array");
            return e.map_err(|e| self.error(e));
        }
        let walked = self.nested(|p| p.array_items(|p| element(p).map_err(|e| (e.offset, e.message))));
        walked.map_err(|e| self.error(e))
    }

    /// Skips one value, checking its syntax without building it; returns
    /// the bytes it covers (to come back to with [`Parser::at`]).
    pub fn skip_value(&mut self) -> std::result::Result<std::ops::Range<usize>, SyntaxError> {
        self.skip_ws();
        let start = self.pos;
        self.skip().map_err(|e| self.error(e))?;
        Ok(start..self.pos)
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
        if self.peek() != Some(b'[') {
            if let Err(e) = self.unexpected::<()>("expected an array") {
                return Err(self.error(e));
            }
        }
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
    // An exponent beyond any f64 is kept as a bound, not refused: `0e999999`
    // is 0 and `1e-999999` rounds to 0, as JSON readers read them.
    let (mantissa, exponent) = match raw.find(['e', 'E']) {
        Some(at) => (&raw[..at], bounded_int(&raw[at + 1..])),
        None => (raw, 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    // The first 19 significant digits (an f64 holds 15–17); later ones only
    // move the decimal point.
    let mut value = 0.0f64;
    let mut scale = 0i32;
    let mut significant = 0;
    let mut seen_point = false;
    for b in digits.bytes() {
        if b == b'.' {
            seen_point = true;
            continue;
        }
        if significant < 19 {
            value = value * 10.0 + f64::from(b - b'0');
            if value > 0.0 {
                significant += 1;
            }
            if seen_point {
                scale -= 1;
            }
        } else if !seen_point {
            scale += 1;
        }
    }
    // Dividing by an exact power of ten (up to 10^22) rounds once, so a short
    // fraction such as 1.2 reads as the nearest double; multiplying by an
    // inexact 10^-n would round twice (1.2000000000000002).
    let power = exponent.saturating_add(scale);
    let value = match power {
        _ if value == 0.0 => 0.0,
        -22..=-1 => value / 10f64.powi(-power),
        _ => value * 10f64.powi(power),
    };
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// A decimal integer (optional sign, checked digits), saturated at ±1,000,000.
fn bounded_int(text: &str) -> i32 {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.trim_start_matches('+')),
    };
    let n = digits.bytes().fold(0i32, |n, b| (n * 10 + i32::from(b - b'0')).min(1_000_000));
    if negative {
        -n
    } else {
        n
    }
}
