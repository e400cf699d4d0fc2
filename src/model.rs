//! The loaded, validated bundle: what every other part of the widget reads.
//!
//! These types are produced only by [`crate::load`]; once built they are never
//! mutated. References between items are resolved to indexes at load time, so
//! nothing downstream has to look an id up or handle a dangling one.

use crate::date::IsoDate;

/// Index of a speaker in [`Bundle::speakers`].
pub type SpeakerIx = usize;
/// Index of a source in [`Bundle::sources`].
pub type SourceIx = usize;
/// Index of a topic in [`Bundle::topics`].
pub type TopicIx = usize;
/// Index of a verdict in [`Bundle::verdicts`].
pub type VerdictIx = usize;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bundle {
    /// Version as written (1, 1.1, ...); major is always 1 here.
    pub version: f64,
    pub article: Article,
    pub speakers: Vec<Speaker>,
    pub sources: Vec<Source>,
    /// Claims in article order (the order of the bundle).
    pub claims: Vec<Claim>,
    /// Every distinct topic of the claims, in order of first appearance.
    /// Claims refer to them by index: each name is stored once.
    pub topics: Vec<Topic>,
    /// Every distinct verdict of the claims' reviews (the rating's words), in
    /// order of first appearance; reviews refer to them by index.
    pub verdicts: Vec<String>,
}

/// A topic, as claims name it (`id`), with the words to show for it when
/// the bundle's `topics` list gives them (format 1.1).
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub id: String,
    pub label: Option<String>,
}

impl Topic {
    /// What a reader sees: the label, or the id with its hyphens as spaces.
    pub fn label(&self) -> std::borrow::Cow<'_, str> {
        match &self.label {
            Some(label) => label.as_str().into(),
            None if self.id.contains('-') => self.id.replace('-', " ").into(),
            None => self.id.as_str().into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<IsoDate>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub kind: SpeakerKind,
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub kind: SourceKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub speaker: SpeakerIx,
    /// One or more, no repeats, in the order given.
    pub sources: Vec<SourceIx>,
    pub kind: ClaimKind,
    pub date: Option<IsoDate>,
    /// Indexes into [`Bundle::topics`], in the order given.
    pub topics: Vec<TopicIx>,
    /// 1-based paragraph of the article.
    pub paragraph: Option<u32>,
    pub context: Option<String>,
    /// A fact-checker's verdict on the claim (format 1.1). Boxed: most claims
    /// have none, and inline it made every claim ≈ 80 bytes larger in the wasm
    /// (0.9 MB more memory at 10,000 claims, in the benchmark).
    pub review: Option<Box<Review>>,
}

/// A fact-check of a claim: the verdict in words, and where the reviewer
/// gives one, its place on a numeric scale (schema.org `Rating`).
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The rating's words ("False", "Mostly true"), in [`Bundle::verdicts`].
    pub verdict: VerdictIx,
    /// The rating on the scale from `worst` to `best`; given only with `best`
    /// (read "1 of 5"), and checked to lie between `worst` and `best`.
    pub value: Option<f64>,
    pub best: Option<f64>,
    pub worst: Option<f64>,
    /// The source that reviewed it (a fact-checker), as a source.
    pub reviewer: Option<SourceIx>,
    /// The review itself.
    pub url: Option<String>,
    pub date: Option<IsoDate>,
}

/// Declares a closed set of string values with its JSON spelling, so that the
/// loader, the schema test and the UI all share one list.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident default $default:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const DEFAULT: $name = $name::$default;

            /// The spelling used in bundles and URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl Default for $name {
            fn default() -> Self { $name::$default }
        }

        impl Closed for $name {
            const ALL: &'static [$name] = $name::ALL;
            const NAMES: &'static [&'static str] = &[$($text),+];
            const DEFAULT: $name = $name::DEFAULT;
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn parse(text: &str) -> Option<Self> { $name::parse(text) }
            // Variants are declared in the order of ALL, with default discriminants.
            fn position(self) -> usize { self as usize }
        }
    };
}

/// A closed set of values spelled as strings (the kinds), for code that reads
/// or offers any of them: the loader's `kind` fields, the kind facet.
pub trait Closed: Copy + Eq + 'static {
    const ALL: &'static [Self];
    /// The spelling of each value, in the order of `ALL`.
    const NAMES: &'static [&'static str];
    const DEFAULT: Self;
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;

    /// Where a value stands in [`Closed::ALL`].
    fn position(self) -> usize;
}

string_enum! {
    /// Who is speaking: a named person, an organisation, a group, or an unnamed source.
    SpeakerKind default Person {
        Person = "person",
        Organization = "organization",
        Group = "group",
        Unnamed = "unnamed",
    }
}

string_enum! {
    /// The channel through which a claim reached the article.
    SourceKind default Other {
        NewsAgency = "news-agency",
        Newspaper = "newspaper",
        Broadcaster = "broadcaster",
        SocialMedia = "social-media",
        PressBriefing = "press-briefing",
        OfficialStatement = "official-statement",
        Document = "document",
        Article = "article",
        Other = "other",
    }
}

string_enum! {
    /// How the article renders the speaker's words.
    ClaimKind default Paraphrase {
        Quote = "quote",
        Paraphrase = "paraphrase",
        Statement = "statement",
        Report = "report",
    }
}

impl Review {
    /// The rating on its scale, as numbers to show ("1", "5": "1 of 5"),
    /// when the review gives them.
    pub fn scale(&self) -> Option<(String, String)> {
        Some((short_number(self.value?), short_number(self.best?)))
    }
}

/// A number as a reader reads it: whole numbers without a decimal point,
/// others to one decimal place. (Not `{}` of an f64: Rust's float
/// formatting would add its tables to the wasm for this one use.)
pub fn short_number(n: f64) -> String {
    let tenths = (n * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e17 {
        return if n.is_nan() {
            "NaN".to_owned()
        } else if n > 0.0 {
            "∞".to_owned()
        } else {
            "-∞".to_owned()
        };
    }
    let tenths = tenths as i64;
    let (whole, tenth) = (tenths / 10, (tenths % 10).unsigned_abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

impl Bundle {
    pub fn speaker_of(&self, claim: &Claim) -> &Speaker {
        &self.speakers[claim.speaker]
    }

    /// A claim's topics.
    pub fn topics_of<'a>(&'a self, claim: &'a Claim) -> impl Iterator<Item = &'a Topic> + 'a {
        claim.topics.iter().filter_map(|&t| self.topics.get(t))
    }

    /// The words of a review's verdict.
    pub fn verdict_of(&self, review: &Review) -> &str {
        self.verdicts.get(review.verdict).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every claim of a bundle is in memory at once (the benchmark's memory
    /// budget is 3× the bundle): a rarely used part goes behind a `Box`, as
    /// the review does. 168 bytes here, on 64-bit; an inline `Review` made it 272.
    #[test]
    fn a_claim_stays_small() {
        assert!(std::mem::size_of::<Claim>() <= 176, "{} bytes", std::mem::size_of::<Claim>());
    }
}
