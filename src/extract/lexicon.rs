//! The words the extractor looks for, one file per language
//! (`lexicon/en.txt`, `lexicon/vi.txt`) and one of news outlets for all
//! (`lexicon/outlets.txt`). A file is sections (`[reporting]`, `[titles]`, …)
//! of entries, one per line: a phrase, or several forms of one word separated
//! by commas, then `= value = …` where an entry carries values (a source's
//! kind and name, a month's number).
//! Adding a language is adding a file and its line in [`LANGUAGES`].

use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages there are lexicons for, by primary language subtag.
const LANGUAGES: &[(&str, &str)] = &[("en", include_str!("lexicon/en.txt")), ("vi", include_str!("lexicon/vi.txt"))];
const OUTLETS: &str = include_str!("lexicon/outlets.txt");

/// One entry: its words (lower case) and, for `a = b = c` lines, the values.
#[derive(Debug, Clone)]
pub struct Entry {
    pub words: Vec<String>,
    /// The first form on its line (for a verb, its base form).
    pub base: String,
    pub values: Vec<String>,
}

impl Entry {
    /// A channel's entry (`phrase = kind = name`) as a source: its name (the
    /// phrase when none is given) and kind.
    pub fn source(&self) -> (String, crate::model::SourceKind) {
        let name = self.values.get(1).cloned().unwrap_or_else(|| self.words.join(" "));
        let kind = self.values.first().and_then(|v| crate::model::SourceKind::parse(v));
        (name, kind.unwrap_or(crate::model::SourceKind::Other))
    }
}

/// A section: its entries indexed by their first word, longest first.
#[derive(Debug, Default)]
pub struct Section {
    by_first: HashMap<String, Vec<Entry>>,
}

impl Section {
    /// The longest entry whose words are the `words` starting at 0.
    pub fn at<'a, S: AsRef<str>>(&'a self, words: &[S]) -> Option<&'a Entry> {
        let first = lower(words.first()?.as_ref());
        self.by_first
            .get(&first)?
            .iter()
            .find(|e| e.words.len() <= words.len() && e.words.iter().zip(words).all(|(w, t)| *w == lower(t.as_ref())))
    }

    /// The number an entry of one word carries (`march, mar = 3`).
    pub fn number(&self, word: &str) -> Option<u32> {
        self.at(&[word]).filter(|e| e.words.len() == 1)?.values.first()?.parse().ok()
    }

    /// Whether one word is an entry of its own.
    pub fn has(&self, word: &str) -> bool {
        let word = lower(word);
        self.by_first.get(&word).is_some_and(|es| es.iter().any(|e| e.words.len() == 1))
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.by_first.values().flatten()
    }
}

fn lower(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

#[derive(Debug)]
pub struct Lexicon {
    pub lang: &'static str,
    sections: HashMap<String, Section>,
    empty: Section,
}

impl Lexicon {
    /// The lexicon for a language tag ("en", "vi-VN"), if there is one.
    pub fn for_language(tag: &str) -> Option<&'static Lexicon> {
        static ALL: OnceLock<Vec<Lexicon>> = OnceLock::new();
        let all =
            ALL.get_or_init(|| LANGUAGES.iter().map(|(lang, text)| Lexicon::parse(lang, &[text, OUTLETS])).collect());
        let primary = crate::i18n::primary_subtag(tag).to_ascii_lowercase();
        all.iter().find(|l| l.lang == primary)
    }

    /// The languages there are lexicons for.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        LANGUAGES.iter().map(|(lang, _)| *lang)
    }

    pub fn section(&self, name: &str) -> &Section {
        self.sections.get(name).unwrap_or(&self.empty)
    }

    /// A channel named by its noun after a determiner ("an official
    /// statement", "his post"): `words` start with the determiner, the noun is
    /// one of the three words after it (no punctuation between). How many
    /// words that takes, and the noun's entry.
    pub fn channel_noun<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &Entry)> {
        if !self.section("determiners").has(words.first()?.as_ref()) {
            return None;
        }
        words
            .iter()
            .enumerate()
            .skip(1)
            .take(3)
            .take_while(|(_, w)| w.as_ref().starts_with(char::is_alphanumeric))
            .find_map(|(i, w)| self.section("channel-nouns").at(&[w.as_ref()]).map(|e| (i + 1, e)))
    }

    fn parse(lang: &'static str, texts: &[&str]) -> Lexicon {
        let mut sections: HashMap<String, Section> = HashMap::new();
        for text in texts {
            let mut current = String::new();
            for line in text.lines() {
                let line = line.split(" #").next().unwrap_or("").trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    current = name.to_string();
                    continue;
                }
                let section = sections.entry(current.clone()).or_default();
                let mut parts = line.split(" = ").map(str::trim);
                let phrase = parts.next().unwrap_or_default();
                let values: Vec<String> = parts.map(String::from).collect();
                let forms: Vec<&str> = phrase.split(',').map(str::trim).collect();
                let base = forms.first().copied().unwrap_or_default().to_string();
                for form in forms.into_iter().filter(|f| !f.is_empty()) {
                    let words: Vec<String> = super::tokens::words_of(form).into_iter().map(lower).collect();
                    let Some(first) = words.first().cloned() else { continue };
                    let entries = section.by_first.entry(first).or_default();
                    entries.push(Entry { words, base: base.clone(), values: values.clone() });
                    entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
                }
            }
        }
        Lexicon { lang, sections, empty: Section::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_with_its_verbs() {
        for lang in Lexicon::languages() {
            let lex = Lexicon::for_language(lang).unwrap();
            assert!(lex.section("reporting").entries().count() > 10, "{lang}");
            assert!(lex.section("outlets").entries().count() > 10, "{lang}");
        }
        let en = Lexicon::for_language("en-GB").unwrap();
        assert_eq!(en.section("reporting").at(&["Said"]).unwrap().base, "say");
        assert_eq!(en.section("according").at(&["According", "to", "Reuters"]).unwrap().words.len(), 2);
        let vi = Lexicon::for_language("vi").unwrap();
        assert_eq!(vi.section("reporting").at(&["cho", "biết", "thêm"]).unwrap().words.len(), 3);
        assert!(Lexicon::for_language("fr").is_none());
    }
}
