//! Quotations in a paragraph, as byte ranges: where each opens and closes.
//!
//! Curly double quotes, guillemets and „ “ pair up; straight double quotes
//! toggle. A quotation still open at the paragraph's end runs to it (the
//! newspaper convention for a quote that goes on in the next paragraph).
//! Single quotes are left alone: ’ is far more often an apostrophe.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    /// The opening mark's byte offset.
    pub open: usize,
    /// Just after the closing mark, or the paragraph's end when unclosed.
    pub close: usize,
    pub closed: bool,
}

impl Quotation {
    /// The words inside the marks.
    pub fn inner(&self, p: &str) -> (usize, usize) {
        let start = self.open + p[self.open..].chars().next().map_or(1, char::len_utf8);
        let end = if self.closed {
            self.close - p[..self.close].chars().next_back().map_or(1, char::len_utf8)
        } else {
            self.close
        };
        (start, end.max(start))
    }

    pub fn contains(&self, at: usize) -> bool {
        self.open <= at && at < self.close
    }
}

pub fn quotations(p: &str) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in p.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '„' | '"') => {
                // A straight quote after a letter or digit closes nothing and opens nothing (12" pipe).
                if c == '"'
                    && p[..at].chars().next_back().is_some_and(|b| b.is_alphanumeric())
                    && !p[at + 1..].starts_with(char::is_alphanumeric)
                {
                    continue;
                }
                open = Some((at, c));
            }
            (Some((start, o)), '”' | '»' | '"' | '“') if closes(o, c) => {
                out.push(Quotation { open: start, close: at + c.len_utf8(), closed: true });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((start, _)) = open {
        out.push(Quotation { open: start, close: p.len(), closed: false });
    }
    out
}

/// Whether `c` closes a quotation opened by `o` (mismatched pairs that
/// articles print — “…" and "…” — are taken as pairs).
fn closes(o: char, c: char) -> bool {
    match o {
        '«' => c == '»',
        '„' => c == '“' || c == '”',
        '“' => c == '”' || c == '"',
        '"' => c == '"' || c == '”',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_the_unclosed_one() {
        let p = "“A,” he said. \"B\" and «C». “D";
        let q = quotations(p);
        assert_eq!(q.len(), 4);
        assert_eq!(&p[q[0].inner(p).0..q[0].inner(p).1], "A,");
        assert_eq!(&p[q[1].inner(p).0..q[1].inner(p).1], "B");
        assert_eq!(&p[q[2].inner(p).0..q[2].inner(p).1], "C");
        assert!(!q[3].closed);
        assert_eq!(&p[q[3].inner(p).0..q[3].inner(p).1], "D");
        // Mismatched marks as printed.
        assert_eq!(quotations("“A\" b").len(), 1);
    }
}
