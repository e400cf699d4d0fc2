//! Words and punctuation of a text, as byte ranges into it.
//!
//! A word is a run of letters and digits, with `.`, `-`, `'` and `’` inside
//! it when a letter or digit follows ("U.S", "Director-General", "Trump's",
//! "didn't"); every other character that is not white space is a token of
//! its own.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

pub fn tokens(text: &str, offset: usize) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let joins =
                    matches!(c, '.' | '-' | '\'' | '’') && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if c.is_alphanumeric() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            // A plural's possessive: "the dockers' union" (an apostrophe after s, then a space).
            if j + 1 < chars.len()
                && matches!(chars[j].1, '\'' | '’')
                && chars[j - 1].1 == 's'
                && chars[j + 1].1 == ' '
                && chars.get(j + 2).is_some_and(|c| c.1.is_lowercase())
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token { start: offset + at, end: offset + end, word: true });
            i = j;
        } else {
            if !c.is_whitespace() {
                out.push(Token { start: offset + at, end: offset + at + c.len_utf8(), word: false });
            }
            i += 1;
        }
    }
    out
}

/// The words of a phrase (lexicon entries).
pub fn words_of(text: &str) -> Vec<&str> {
    tokens(text, 0).iter().filter(|t| t.word).map(|t| t.text(text)).collect()
}

/// `text` trimmed, its first letter upper case ("a senior official" → "A senior official").
pub fn capitalize(text: &str) -> String {
    let mut c = text.trim().chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

pub fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_inner_marks() {
        let t = "The U.S. envoy, Trump’s aide, didn't say.";
        let words: Vec<&str> = tokens(t, 0).iter().map(|x| x.text(t)).collect();
        assert_eq!(words, ["The", "U.S", ".", "envoy", ",", "Trump’s", "aide", ",", "didn't", "say", "."]);
        assert_eq!(words_of("Nguyễn Văn A"), ["Nguyễn", "Văn", "A"]);
        assert_eq!(words_of("the dockers' union"), ["the", "dockers'", "union"]);
        assert_eq!(words_of("‘Come on,’ he said"), ["Come", "on", "he", "said"]);
    }
}
