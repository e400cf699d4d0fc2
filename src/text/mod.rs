//! Text folding for search: case- and diacritic-insensitive matching, and the
//! highlighting of matches in the original text.
//!
//! `fold("Đà Nẵng")` is `"da nang"`. Precomposed Latin letters fold through a
//! generated table (`fold_table.rs`), loose combining marks are dropped, other
//! scripts are only lower-cased.

mod fold_table;
/// Ids made from names (imported and drafted items).
#[cfg(any(feature = "cli", feature = "extract"))]
pub mod ids;

use fold_table::FOLD;

/// Appends the folded form of one character.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if is_combining_mark(c) {
        // Dropped: the letter before it was already folded.
    } else if let Ok(i) = FOLD.binary_search_by_key(&c, |&(k, _)| k) {
        out.push_str(FOLD[i].1);
    } else if c.is_whitespace() {
        out.push(' ');
    } else {
        out.extend(c.to_lowercase());
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// `bytes` as text, invalid UTF-8 as U+FFFD (as `Response.text()` reads a
/// body), without a copy when they are valid.
pub fn from_utf8_lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Case- and diacritic-folded form of `text`, for matching.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_fold(&mut out, text);
    out
}

/// Appends the folded form of `text` to `out`.
#[inline(never)] // see `load::load_claim`
pub fn push_fold(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII (most text, even Vietnamese) are copied and lower-cased in place.
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            push_folded(out, c);
            rest = chars.as_str();
        }
    }
}

/// A folded search query: its words, separated by one space, each without the
/// punctuation around it (`"trump,"` and `(trump)` are `trump`; `trump's`
/// keeps its apostrophe, which folding has made straight).
pub fn fold_query(query: &str) -> String {
    fold(query)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A piece of text to show, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub matched: bool,
}

/// Splits `text` into segments where any of the folded `words` matches
/// (non-overlapping, left to right, the longer word first where two start at
/// the same place). No words yields one unmarked segment.
pub fn highlight<'a, W: AsRef<str>>(text: &'a str, words: &[W]) -> Vec<Segment<'a>> {
    if words.iter().all(|w| w.as_ref().is_empty()) {
        return vec![Segment { text, matched: false }];
    }
    // Fold char by char, remembering where each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = folded.len();
        push_folded(&mut folded, c);
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    origin.push(text.len());

    let mut segments = Vec::new();
    let mut shown = 0; // byte offset in `text` up to which segments are emitted
    let mut from = 0; // byte offset in `folded` to search from

    // Each word's next match at or after `from`, found again only once `from`
    // has passed it: a word that matches rarely is not searched for to the end
    // of the text after every match of another (that was quadratic; a fuzzed
    // 10 KB text took seconds).
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).filter(|w| !w.is_empty()).collect();
    let mut next: Vec<Option<usize>> = words.iter().map(|w| folded.find(w)).collect();
    let mut next_match = |from: usize| {
        let mut best: Option<(usize, usize)> = None;
        for (w, slot) in words.iter().zip(next.iter_mut()) {
            if slot.is_some_and(|at| at < from) {
                *slot = folded[from..].find(w).map(|at| from + at);
            }
            if let Some(start) = *slot {
                let end = start + w.len();
                if best.is_none_or(|(s, e)| (start, usize::MAX - end) < (s, usize::MAX - e)) {
                    best = Some((start, end));
                }
            }
        }
        best
    };
    while let Some((start, end)) = next_match(from) {
        let (o_start, mut o_end) = (origin[start], origin[end]);
        // A match ending inside a character's folding (æ -> ae) covers the whole
        // character; trailing combining marks belong to the matched letter.
        if end < folded.len() && origin[end] == origin[end - 1] {
            o_end = next_char_boundary(text, origin[end - 1]);
        }
        o_end = skip_marks(text, o_end);
        if o_start < shown {
            from = end.max(from + 1);
            continue;
        }
        if o_start > shown {
            segments.push(Segment { text: &text[shown..o_start], matched: false });
        }
        segments.push(Segment { text: &text[o_start..o_end], matched: true });
        shown = o_end;
        from = end;
        if from >= folded.len() {
            break;
        }
    }
    if shown < text.len() {
        segments.push(Segment { text: &text[shown..], matched: false });
    }
    segments
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(text.len(), |c| at + c.len_utf8())
}

fn skip_marks(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !is_combining_mark(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(fold("HÀ NỘI"), "ha noi");
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Señor François"), "senor francois");
        // Decomposed input (e + combining circumflex + combining dot below).
        assert_eq!(fold("Vie\u{0302}\u{0323}t"), "viet");
        // Other scripts are lower-cased, not transliterated.
        assert_eq!(fold("ХАМАС"), "хамас");
        assert_eq!(fold("حماس"), "حماس");
    }

    #[test]
    fn folding_runs_equals_folding_each_character() {
        for text in ["", "ABC", "Đà Nẵng HÀ NỘI", "e\u{301}A", "x\u{2003}y", "ÆSIR", "İstanbul", "mixed ÉTÉ ok Ñ"]
        {
            let mut one_by_one = String::new();
            text.chars().for_each(|c| push_folded(&mut one_by_one, c));
            assert_eq!(fold(text), one_by_one, "{text:?}");
        }
    }

    #[test]
    fn query_whitespace_is_collapsed() {
        assert_eq!(fold_query("  Hamas \t  SPOKESMAN "), "hamas spokesman");
        assert_eq!(fold_query("   "), "");
    }

    #[test]
    fn quotes_fold_to_one_and_punctuation_around_query_words_goes() {
        assert_eq!(fold("Trump’s “deal” «oui» ‘x’"), "trump's \"deal\" \"oui\" 'x'");
        assert_eq!(fold_query("Trump’s"), fold_query("Trump's"));
        for q in ["trump,", "trump.", "\"trump\"", "(trump)", "“Trump”", "…trump!"] {
            assert_eq!(fold_query(q), "trump", "{q}");
        }
        assert_eq!(fold_query("U.S. talks, now"), "u.s talks now");
        assert_eq!(fold_query(" -- ? "), "");
        // Highlighting takes the same words: the straight apostrophe marks the curly one.
        let segs = highlight("Trump’s plan", &[fold_query("trump's")]);
        assert_eq!(marked(&segs), vec!["Trump’s"]);
    }

    fn marked<'a>(segments: &[Segment<'a>]) -> Vec<&'a str> {
        segments.iter().filter(|s| s.matched).map(|s| s.text).collect()
    }

    #[test]
    fn highlight_maps_back_to_original_text() {
        let text = "Người phát ngôn Hamas Hazem Qassem nói đường";
        let segs = highlight(text, &[fold_query("HAMAS")]);
        assert_eq!(marked(&segs), vec!["Hamas"]);
        assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), text);

        let segs = highlight(text, &["duong"]);
        assert_eq!(marked(&segs), vec!["đường"]);
        let segs = highlight(text, &["nguoi", "phat"]);
        assert_eq!(marked(&segs), vec!["Người", "phát"]);
    }

    #[test]
    fn highlight_finds_every_match_and_handles_expansions() {
        let segs = highlight("aa AA aA", &["aa"]);
        assert_eq!(marked(&segs), vec!["aa", "AA", "aA"]);
        let segs = highlight("Ærø", &["a"]);
        assert_eq!(marked(&segs), vec!["Æ"]);
        let segs = highlight("Vie\u{0302}\u{0323}t Nam", &["viet"]);
        assert_eq!(marked(&segs), vec!["Vie\u{0302}\u{0323}t"]);
        assert_eq!(highlight::<&str>("abc", &[]), vec![Segment { text: "abc", matched: false }]);
        assert_eq!(marked(&highlight("abc", &["x"])), Vec::<&str>::new());
        // Overlapping words: the earliest, then the longest, wins.
        assert_eq!(marked(&highlight("hamas spokesman", &["ham", "hamas", "mas s"])), vec!["hamas"]);
    }

    #[test]
    fn a_rare_word_is_found_after_many_matches_of_a_frequent_one() {
        // Each word's next match is remembered between matches of the others.
        let text = format!("{}Zed then a{}zed", "a ".repeat(500), " a".repeat(3));
        let segs = highlight(&text, &["zed", "a"]);
        let marks = marked(&segs);
        assert_eq!(marks.len(), 500 + 1 + 1 + 3 + 1);
        assert_eq!(marks[500], "Zed");
        assert_eq!(marks.last(), Some(&"zed"));
        assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), text);
        // A word found before `from` is searched for again, overlaps skipped.
        assert_eq!(marked(&highlight("abab ab", &["bab", "ab"])), vec!["ab", "ab", "ab"]);
    }
}
