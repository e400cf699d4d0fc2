//! The archive (issue #22): every claim of many bundles, searchable from static
//! files on a CDN, with no search server.
//!
//! Pure core, no browser APIs. [`format`] is the files (what each holds and how
//! it is written and read), [`query`] answers a reader's question from those
//! files — saying which it still needs, so the same code runs natively over a
//! folder and in the browser over `fetch` —, [`session`] the archive view's
//! questions built on it (a reader's choice → a page of cards and facets),
//! and `build` (feature `cli`) writes
//! an archive from bundles (`claim-cards archive build`).
//!
//! The design, against Pagefind's (whose start-up file lists every page and
//! whose filters load every value's whole page list):
//!
//! * Every claim is a *doc*, numbered by its card's *place*: where the card
//!   begins in the packs laid end to end, in [`format::UNIT`]s, so that a
//!   fresh build's numbers run from the newest claim to the oldest and a list
//!   entry says where its card is (pack `doc / pack_size`; the entry has its
//!   length) with nothing read first.
//! * One sorted key space holds every posting list: the folded words of the
//!   searchable text, and `#` keys for facet values (`#snguyen-van-a`: the
//!   speaker of that identity, with the value's number beside the key) and
//!   for all claims (`#all`). It is cut into shards; the manifest lists each
//!   shard's first key, shortened to what tells it from the shard before.
//! * A posting *entry* carries the claim's date and all of its facet values, so
//!   one list answers a query's filters and counts its facets without loading
//!   any other list: counts are exact whenever the list is loaded whole, and
//!   labelled as estimates when only its newest part is.
//! * Long lists are split into blocks, each compressed on its own and read by
//!   byte range: the newest [`format::HEAD`] entries — enough for a first
//!   page, newest first — then [`format::BLOCK`]s; a question reads only the
//!   blocks its page, its date range or its other words need.

pub mod format;
pub mod query;
pub mod session;

#[cfg(feature = "cli")]
pub mod build;

use crate::text::fold;

/// The version of the files, in the manifest (`claim_cards_archive`).
/// 2: the identities directories (`ids`), by which chosen values are found.
/// 3: long lists in compressed blocks read by range (`l-….bin`), not files of parts.
/// 4: a facet value's list is keyed by its identity (the URL's value), its
/// number beside the key in its shard: no identities directories.
/// 5: a doc number is its card's place in the packs, in [`format::UNIT`]s,
/// and a list entry has the card's length (`c`): packs have no header of offsets.
pub const FORMAT: u32 = 5;
/// The one file that is not content-hashed: it names all the others.
pub const MANIFEST: &str = "archive.json";
/// What the build keeps beside the archive for `--update` (never fetched by readers).
pub const STATE: &str = "archive-build.json";
/// The day of a claim with no date: sorts after every dated one.
pub const UNDATED: i32 = -1_000_000;
/// Longest indexed word, in characters (longer runs are not words a reader types).
pub const MAX_WORD: usize = 40;

/// The archive's facets: the widget's five, and the publisher. The date is
/// not a facet value but a range over each entry's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Speaker,
    Source,
    Topic,
    Kind,
    Verdict,
    Publisher,
}

impl Facet {
    pub const ALL: [Facet; 6] =
        [Facet::Speaker, Facet::Source, Facet::Topic, Facet::Kind, Facet::Verdict, Facet::Publisher];

    /// The widget's facet of the same values, for the five they share.
    pub fn widget(self) -> Option<crate::view::Facet> {
        use crate::view::Facet as W;
        match self {
            Facet::Speaker => Some(W::Speaker),
            Facet::Source => Some(W::Source),
            Facet::Topic => Some(W::Topic),
            Facet::Kind => Some(W::Kind),
            Facet::Verdict => Some(W::Verdict),
            Facet::Publisher => None,
        }
    }

    /// The name in the manifest and in URLs: the widget's parameter where it has one.
    pub fn name(self) -> &'static str {
        self.widget().map_or("publisher", crate::view::Facet::param)
    }

    pub fn from_name(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name() == name)
    }

    fn letter(self) -> char {
        match self {
            Facet::Speaker => 's',
            Facet::Source => 'r',
            Facet::Topic => 't',
            Facet::Kind => 'k',
            Facet::Verdict => 'v',
            Facet::Publisher => 'u',
        }
    }

    /// Values that are looked up by name (type-ahead): those with many values.
    pub fn named(self) -> bool {
        matches!(self, Facet::Speaker | Facet::Source | Facet::Topic | Facet::Publisher)
    }
}

/// The posting list key of a facet's value, by its [`identity`]: a value a
/// URL names is found in the key space like a word, with no lookup first
/// (its number, which list entries carry, is beside the key in its shard).
pub fn value_key(facet: Facet, identity: &str) -> String {
    format!("#{}{identity}", facet.letter())
}

/// The key of the list of every claim.
pub const ALL_KEY: &str = "#all";

/// One claim as a posting list carries it. Lists are ordered newest first:
/// by day, descending, then by doc number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub day: i32,
    pub doc: u32,
    pub speaker: u32,
    pub kind: u32,
    /// The card's length in [`format::UNIT`]s (`doc` is its place).
    pub units: u32,
    pub verdict: Option<u32>,
    pub publisher: Option<u32>,
    pub topics: Vec<u32>,
    pub sources: Vec<u32>,
}

impl Entry {
    /// Whether the claim has one of `values` in `facet`.
    pub fn has_any(&self, facet: Facet, values: &[u32]) -> bool {
        let mut hit = false;
        self.each_value(facet, |v| hit |= values.contains(&v));
        hit
    }

    /// Calls `f` with each of the claim's values in `facet`.
    pub fn each_value(&self, facet: Facet, mut f: impl FnMut(u32)) {
        match facet {
            Facet::Speaker => f(self.speaker),
            Facet::Kind => f(self.kind),
            Facet::Verdict => self.verdict.into_iter().for_each(f),
            Facet::Publisher => self.publisher.into_iter().for_each(f),
            Facet::Topic => self.topics.iter().copied().for_each(f),
            Facet::Source => self.sources.iter().copied().for_each(f),
        }
    }

    /// Newest first, then by doc: the order of every list.
    pub fn order(&self, other: &Entry) -> std::cmp::Ordering {
        other.day.cmp(&self.day).then(self.doc.cmp(&other.doc))
    }
}

/// The words of folded text as the archive indexes them: runs of letters and
/// digits (an apostrophe inside a word kept, as `fold_query` keeps it), at
/// most [`MAX_WORD`] characters. A query's words go through the same split.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD)
}

/// A facet value's identity across bundles and in URLs: its folded words
/// joined by hyphens ("Nguyễn Văn A" and "nguyen van a" are one speaker,
/// `nguyen-van-a`). Empty when the label has no word.
pub fn identity(label: &str) -> String {
    let folded = fold(label);
    words(&folded).collect::<Vec<_>>().join("-")
}

/// Days since 1970-01-01 of a claim's date, or [`UNDATED`].
pub fn day_of(date: Option<&crate::date::IsoDate>) -> i32 {
    date.map_or(UNDATED, |d| i32::try_from(d.day_number()).unwrap_or(UNDATED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_the_query() {
        let folded = fold("Ông Nguyễn nói: \"lệnh ngừng bắn\" (COVID-19) trump's 'quoted'");
        let w: Vec<_> = words(&folded).collect();
        assert_eq!(w, ["ong", "nguyen", "noi", "lenh", "ngung", "ban", "covid", "19", "trump's", "quoted"]);
    }

    #[test]
    fn identity_folds_and_joins() {
        assert_eq!(identity("Nguyễn Văn  A"), "nguyen-van-a");
        assert_eq!(identity("nguyen van a"), "nguyen-van-a");
        assert_eq!(identity("—"), "");
    }
}
