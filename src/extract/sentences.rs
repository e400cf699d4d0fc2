//! Sentences of a paragraph, as byte ranges into it.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and
//! brackets after it) followed by white space and a capital letter, a digit
//! or an opening quote — except after an abbreviation (Mr., Gen., Jan., St.,
//! U.S., e.g.), an initial ("Donald J. Trump"), inside a number (3.5) and
//! inside a quotation: a quotation of several sentences stays in the
//! sentence that carries its attribution (“A. B,” he said.). A quotation that
//! does not close in the paragraph (it goes on in the next, as newspapers
//! print it) does not hold its sentences together.

/// A sentence: `text[start..end]` of its paragraph, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.start..self.end]
    }
}

/// Words that end with a full stop but rarely end a sentence (compared
/// without the stop, case as written).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt",
    "Sen", "Rep", "Gov", "Pres", "Rev", "Fr", "Sr", "Jr", "St", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc", "e.g", "i.e", "approx", "Inc", "Co", "Corp", "Ltd", "Bros",
    "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Gs", "PGs", "TS", "ThS", "BS", "Th.S", "PGS.TS", "GS.TS",
];

/// The paragraph's sentences. A quotation that closes in the paragraph
/// holds its sentences together (the quotation rules are
/// [`super::quotes`]'s); one left open does not.
pub fn sentences(paragraph: &str) -> Vec<Sentence> {
    let held: Vec<(usize, usize)> =
        super::quotes::quotations(paragraph).into_iter().filter(|q| q.closed).map(|q| (q.open, q.close)).collect();
    split(paragraph, &held)
}

fn split(p: &str, held: &[(usize, usize)]) -> Vec<Sentence> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Closing quotes and brackets belong to the sentence that ends here.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | '»' | ')' | ']') {
                j += 1;
            }
            let end = chars.get(j).map_or(p.len(), |&(b, _)| b);
            // Inside a quotation that closes after this point.
            let quoted = held.iter().any(|&(open, close)| open < at && end < close);
            if !quoted && c != '?' && c != '!' && is_abbreviation(p, at, c) {
                i = j;
                continue;
            }
            if !quoted && starts_sentence(&chars[j..]) {
                push(&mut out, p, start, end);
                start = end;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, p, start, p.len());
    out
}

fn push(out: &mut Vec<Sentence>, p: &str, start: usize, end: usize) {
    let text = &p[start..end];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if start + lead < end - trail {
        out.push(Sentence { start: start + lead, end: end - trail });
    }
}

/// After white space, what begins a sentence: a capital letter, a digit, an
/// opening quote or bracket (or the end of the paragraph).
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    let mut it = rest.iter().map(|&(_, c)| c);
    match it.next() {
        None => true,
        Some(c) if c.is_whitespace() => {
            let next = it.find(|c| !c.is_whitespace());
            next.is_none_or(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'' | '«' | '(' | '[')
            })
        }
        _ => false,
    }
}

/// Whether the full stop at byte `at` ends an abbreviation, an initial or a
/// number's integer part rather than a sentence.
fn is_abbreviation(p: &str, at: usize, stop: char) -> bool {
    if stop == '…' {
        return false;
    }
    let before = &p[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘'))
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // 3.5: a decimal point (the next character is a digit).
    if word.chars().last().is_some_and(|c| c.is_ascii_digit()) && p[at + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    // An initial: one capital letter (J. in Donald J. Trump).
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted abbreviations: U.S., U.N., a.m.
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2) {
        return true;
    }
    // No. 5, Vol. 2: abbreviations only before a number ("No." alone is a word).
    let numbered = ["No", "Nos", "Vol", "Art", "pp"].contains(&word)
        && p[at + 1..].trim_start().starts_with(|c: char| c.is_ascii_digit());
    numbered || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(p: &str) -> Vec<&str> {
        sentences(p).iter().map(|s| s.text(p)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split_text("It rained. Then it stopped! Did it? Yes."),
            ["It rained.", "Then it stopped!", "Did it?", "Yes."]
        );
        assert_eq!(split_text("  One.  "), ["One."]);
        assert_eq!(split_text("No stop at the end"), ["No stop at the end"]);
        assert_eq!(split_text(""), Vec::<&str>::new());
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_sentences() {
        assert_eq!(
            split_text("Mr. Smith met Gen. Lee on Jan. 5 in St. Louis. Donald J. Trump agreed."),
            ["Mr. Smith met Gen. Lee on Jan. 5 in St. Louis.", "Donald J. Trump agreed."]
        );
        assert_eq!(
            split_text("The U.S. economy grew 3.5 percent. Prices rose."),
            ["The U.S. economy grew 3.5 percent.", "Prices rose."]
        );
        assert_eq!(split_text("He left at 5 p.m. on Monday."), ["He left at 5 p.m. on Monday."]);
        assert_eq!(
            split_text("Resolution No. 12 passed. No. It failed."),
            ["Resolution No. 12 passed.", "No.", "It failed."]
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_stays_with_its_attribution() {
        let p = "“We will go. We will win,” she said. Then she left.";
        assert_eq!(split_text(p), ["“We will go. We will win,” she said.", "Then she left."]);
        let p = "\"It is over. Done,\" he said. Others disagreed.";
        assert_eq!(split_text(p), ["\"It is over. Done,\" he said.", "Others disagreed."]);
        // The closing quote belongs to the sentence it ends.
        assert_eq!(split_text("She said: “No.” He nodded."), ["She said: “No.”", "He nodded."]);
    }

    #[test]
    fn an_unclosed_quotation_goes_on_in_the_next_paragraph() {
        let p = "“The first part. The second part.";
        assert_eq!(split_text(p), ["“The first part.", "The second part."]);
    }

    #[test]
    fn vietnamese() {
        let p = "Ông Nguyễn Văn A cho biết sẽ họp vào ngày 5. TS. Trần B nói thêm.";
        assert_eq!(split_text(p), ["Ông Nguyễn Văn A cho biết sẽ họp vào ngày 5.", "TS. Trần B nói thêm."]);
    }

    #[test]
    fn ranges_are_on_character_boundaries() {
        for p in ["Đà Nẵng. Huế… Hà Nội!", "“Ê.” Ô.", "a.b.c. D", "…", "”.“"] {
            for s in sentences(p) {
                assert!(p.is_char_boundary(s.start) && p.is_char_boundary(s.end), "{p:?} {s:?}");
                assert!(s.start < s.end);
            }
        }
    }
}
