//! Strings: reading (borrowed from the text unless escaped), skipping, escapes.

use super::parser::{Parser, Result};
use std::borrow::Cow;

impl<'a> Parser<'a> {
    pub(super) fn skip_string(&mut self) -> Result<()> {
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

    pub(super) fn parse_string(&mut self) -> Result<Cow<'a, str>> {
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
}
