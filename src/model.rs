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
    pub topics: Vec<String>,
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

impl Bundle {
    pub fn speaker_of(&self, claim: &Claim) -> &Speaker {
        &self.speakers[claim.speaker]
    }

    /// The names of a claim's topics.
    pub fn topics_of<'a>(&'a self, claim: &'a Claim) -> impl Iterator<Item = &'a str> + 'a {
        claim.topics.iter().filter_map(|&t| self.topics.get(t)).map(String::as_str)
    }
}
