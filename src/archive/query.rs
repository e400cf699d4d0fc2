//! A reader's question answered from the archive's files.
//!
//! Every function here takes the files read so far ([`Files`]) and either
//! answers or returns the names of the files it still needs (`Err`); the
//! caller fetches those (all at once) and calls again. The answer depends
//! only on the question and the files, so the browser (over `fetch`) and the
//! native tests and benchmark (over a folder) run the same code.
//!
//! How a query runs: each query word is a group of keys (the word, and for
//! the last word, the one a reader may be typing, of [`PREFIX_MIN`] letters
//! or more, the words it begins), each
//! chosen facet a group of value keys. The group with the fewest claims
//! *drives*: its lists are read, newest first, and every other condition is
//! checked on each entry — facet values and the date from the entry itself,
//! the other words by their lists over the same days. A long list is read
//! part by part only as far as the page needs; then the counts are
//! estimates (scaled from what was read) and say so.

use super::format::{self, Kind, Manifest, Names, Postings, Shard, Span, Table};
use super::{value_key, words, Entry, Facet, ALL_KEY, UNDATED};
use crate::text::{fold_query, from_utf8_lossy};
use rustc_hash::{FxHashMap, FxHashSet};

/// A query's last word this long or longer also finds the words it begins
/// (the words before it are whole: the reader has typed past them, and each
/// expansion is more of the archive to read).
pub const PREFIX_MIN: usize = 3;
/// Most words one query word expands to (the most frequent first).
pub const MAX_EXPANSIONS: usize = 32;
/// How much one question reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A group of at most this many entries is read whole, so its counts are exact.
    pub full: u64,
    /// Most entries one question reads before it answers with what it has.
    pub max_read: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { full: 4096, max_read: 40_000 }
    }
}

/// What a reader asks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Folded words; every one must match.
    pub words: Vec<String>,
    /// Chosen values per facet, by identity (as URLs name them): any of a
    /// facet's, all facets. A value the archive lacks matches nothing.
    pub filters: Vec<(Facet, Vec<String>)>,
    /// Days, inclusive.
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Best match first (claims with the query's exact words before those
    /// with only words they begin), then newest; else newest first.
    pub relevance: bool,
}

impl Query {
    /// The words of a search box's text, as the archive indexes them.
    pub fn words_of(text: &str) -> Vec<String> {
        let folded = fold_query(text);
        let mut out: Vec<String> = Vec::new();
        for w in words(&folded) {
            if !out.iter().any(|x| x == w) {
                out.push(w.to_owned());
            }
        }
        out
    }

    fn in_range(&self, day: i32) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        day != UNDATED && self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// The blocks of a long list whose days meet the range, newest first.
    fn parts_in_range<'p>(&self, parts: &'p [format::Part]) -> impl Iterator<Item = &'p format::Part> {
        let (from, to) = (self.from, self.to);
        parts.iter().filter(move |p| from.is_none_or(|f| p.newest >= f) && to.is_none_or(|t| p.oldest <= t))
    }

    /// A block's entries in the range, estimated by the share of its days
    /// that fall in it (a block read is counted, not estimated).
    fn share(&self, p: &format::Part) -> usize {
        let (from, to) =
            (self.from.map_or(p.oldest, |f| f.max(p.oldest)), self.to.map_or(p.newest, |t| t.min(p.newest)));
        if from > to {
            return 0;
        }
        let days = f64::from(p.newest - p.oldest) + 1.0;
        (f64::from(p.entries) * (f64::from(to - from) + 1.0) / days).round() as usize
    }
}

/// A parsed file.
#[derive(Debug)]
enum Parsed {
    Shard(Shard),
    List(format::List),
    Names(Names),
    Table(Table),
    PackTable(Vec<String>),
    Page(format::Sharded),
}

/// The files read so far, parsed once.
#[derive(Debug, Default)]
pub struct Files {
    parsed: FxHashMap<String, Parsed>,
    /// Spans of files, as fetched (cards, blocks of lists), by file.
    spans: FxHashMap<String, Vec<(Span, String)>>,
    /// The first list found unreadable when decoded ([`Files::broken`]).
    broken: std::cell::RefCell<Option<format::BadFile>>,
    /// Bytes of the files added, for reports.
    pub bytes: usize,
}

impl Files {
    /// Adds a fetched file (or span of one); a file that cannot be read says why.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), format::BadFile> {
        let bad = |reason: String| format::BadFile { file: name.to_owned(), reason };
        self.bytes += bytes.len();
        let (file, span) = format::split_request(name);
        let kind = Kind::of(file);
        if let Some(span) = span {
            let asked = span.end - span.start;
            if bytes.len() as u64 != asked {
                return Err(bad(format!(
                    "{} bytes came for a range of {asked} (does the server answer Range requests?)",
                    bytes.len()
                )));
            }
            // Blocks of long lists: each kept by its own request, as its part names it.
            if kind == Some(Kind::List) {
                let mut at = span.start;
                for (len, list) in format::read_list_blocks(&bytes).map_err(bad)? {
                    let block = Span { start: at, end: at + len as u64 };
                    self.parsed.insert(format::span_request(file, block), Parsed::List(list));
                    at = block.end;
                }
            } else {
                self.spans.entry(file.to_owned()).or_default().push((span, from_utf8_lossy(bytes)));
            }
            return Ok(());
        }
        let text = from_utf8_lossy(bytes);
        let parsed = match kind {
            Some(Kind::Shard) => Parsed::Shard(format::read_shard(&text).map_err(bad)?),
            Some(Kind::Names) => Parsed::Names(format::read_names(&text).map_err(bad)?),
            Some(Kind::Table) => Parsed::Table(format::read_table(&text).map_err(bad)?),
            Some(Kind::PackTable) => Parsed::PackTable(format::read_pack_table(&text).map_err(bad)?),
            Some(Kind::Page) => Parsed::Page(format::read_page(&text).map_err(bad)?),
            Some(Kind::List) => return Err(bad("a list file is read by ranges, its blocks".into())),
            _ => return Err(bad("not a file of an archive".into())),
        };
        self.parsed.insert(name.to_owned(), parsed);
        Ok(())
    }

    /// A shard's list (decoded on first use: [`format::Inline`]). One that
    /// cannot be read is read as empty and kept for [`Files::broken`].
    fn inline<'f>(&self, shard: &str, inline: &'f format::Inline) -> &'f [Entry] {
        match inline.list() {
            Ok(list) => list,
            Err(reason) => {
                let mut broken = self.broken.borrow_mut();
                if broken.is_none() {
                    *broken = Some(format::BadFile { file: shard.to_owned(), reason: reason.to_owned() });
                }
                &[]
            }
        }
    }

    /// A list of a shard that turned out unreadable when a question read it:
    /// its answers lack that list's claims, so the caller reports the file
    /// as it reports one that could not be read on arrival.
    pub fn broken(&self) -> Option<format::BadFile> {
        self.broken.borrow().clone()
    }

    pub fn len(&self) -> usize {
        self.parsed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }

    fn shard(&self, name: &str, need: &mut Need) -> Option<&Shard> {
        match self.parsed.get(name) {
            Some(Parsed::Shard(s)) => Some(s),
            _ => need.add(name),
        }
    }

    fn page(&self, name: &str, need: &mut Need) -> Option<&format::Sharded> {
        match self.parsed.get(name) {
            Some(Parsed::Page(p)) => Some(p),
            _ => need.add(name),
        }
    }

    fn list(&self, name: &str, need: &mut Need) -> Option<&format::List> {
        match self.parsed.get(name) {
            Some(Parsed::List(l)) => Some(l),
            _ => need.add(name),
        }
    }

    fn names(&self, name: &str, need: &mut Need) -> Option<&Names> {
        match self.parsed.get(name) {
            Some(Parsed::Names(n)) => Some(n),
            _ => need.add(name),
        }
    }

    fn table(&self, name: &str, need: &mut Need) -> Option<&Table> {
        match self.parsed.get(name) {
            Some(Parsed::Table(t)) => Some(t),
            _ => need.add(name),
        }
    }

    fn pack_table(&self, name: &str, need: &mut Need) -> Option<&[String]> {
        match self.parsed.get(name) {
            Some(Parsed::PackTable(t)) => Some(t),
            _ => need.add(name),
        }
    }

    /// `span` of `file`, from any span fetched that covers it.
    fn span(&self, file: &str, span: Span) -> Option<&str> {
        self.spans.get(file)?.iter().find_map(|(s, text)| {
            let within = s.start <= span.start && span.end <= s.end;
            within.then(|| text.get((span.start - s.start) as usize..(span.end - s.start) as usize)).flatten()
        })
    }

    /// Whether `name` (a file, a block of a list file, or a span of a pack) is here.
    pub fn has(&self, name: &str) -> bool {
        self.parsed.contains_key(name)
            || matches!(format::split_request(name), (file, Some(span)) if self.span(file, span).is_some())
    }
}

/// Files still to fetch.
#[derive(Debug, Default)]
pub(super) struct Need(pub(super) Vec<String>);

impl Need {
    pub(super) fn add<T>(&mut self, name: &str) -> Option<T> {
        if !self.0.iter().any(|n| n == name) {
            self.0.push(name.to_owned());
        }
        None
    }

    /// Adds each of `names` not asked for yet.
    pub(super) fn extend(&mut self, names: Vec<String>) {
        for n in names {
            self.add::<()>(&n);
        }
    }

    pub(super) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<String>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}

/// A number of claims: exact, or estimated from part of a long list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub n: u32,
    pub exact: bool,
}

/// A result: the claim and its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub day: i32,
    /// Its card's length ([`Entry::units`]).
    pub units: u32,
}

/// One facet's counts: each value's claims among the results, given the
/// other facets' choices (as in the widget: OR within a facet, AND across).
#[derive(Debug, Clone, PartialEq)]
pub enum FacetCounts {
    /// No other condition: each value's count is its total in the archive
    /// (the value tables; [`labels`] reads them).
    Totals,
    /// Counted from the lists read, most claims first.
    Counted { values: Vec<(u32, u32)>, exact: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The first results in order (at most the `limit` asked for).
    pub hits: Vec<Hit>,
    pub total: Count,
    /// More results than `hits` exist (or may).
    pub more: bool,
    pub facets: Vec<(Facet, FacetCounts)>,
    /// The numbers of the chosen values the archive has, per facet.
    pub chosen: Vec<(Facet, Vec<u32>)>,
}

/// One term of a group: a key's postings, and whether it is the query's word
/// itself (not a word it begins).
struct Term<'f> {
    exact: bool,
    count: u32,
    postings: &'f Postings,
    /// The shard it is in (named if its list cannot be read).
    shard: &'f str,
    /// A facet value's number.
    value: Option<u32>,
}

/// A condition: a query word's keys or a facet's chosen values' keys.
struct Group<'f> {
    facet: Option<Facet>,
    terms: Vec<Term<'f>>,
    /// The word's expansions were cut at [`MAX_EXPANSIONS`].
    capped: bool,
}

impl Group<'_> {
    fn total(&self) -> u64 {
        self.terms.iter().map(|t| u64::from(t.count)).sum()
    }

    /// A facet group's values (those of its keys the archive has).
    fn values(&self) -> Vec<u32> {
        self.terms.iter().filter_map(|t| t.value).collect()
    }
}

/// The shards holding the keys that are `word` or (`prefix`) start with it,
/// across pages when the manifest has them.
fn shard_files<'f>(
    m: &'f Manifest,
    files: &'f Files,
    word: &str,
    prefix: bool,
    need: &mut Need,
) -> Option<Vec<&'f str>> {
    let mut out = Vec::new();
    let pages: Vec<&format::Sharded> = if m.key_pages.files.is_empty() {
        vec![&m.keys]
    } else {
        let range = if prefix {
            m.key_pages.files_for_prefix(word)
        } else {
            m.key_pages.file_for(word).map_or(0..0, |i| i..i + 1)
        };
        // Every page asked for at once (a prefix's words may start on the next).
        let pages: Vec<Option<&format::Sharded>> =
            range.take(2).map(|i| files.page(&m.key_pages.files[i], need)).collect();
        pages.into_iter().collect::<Option<Vec<_>>>()?
    };
    for page in pages {
        let range = if prefix { page.files_for_prefix(word) } else { page.file_for(word).map_or(0..0, |i| i..i + 1) };
        out.extend(range.map(|i| page.files[i].as_str()));
    }
    Some(out)
}

/// Every key of a word group (the word, and for the `last` word the words it begins).
fn word_group<'f>(m: &'f Manifest, files: &'f Files, word: &str, last: bool, need: &mut Need) -> Option<Group<'f>> {
    let prefix = last && word.chars().count() >= PREFIX_MIN;
    let mut shards = shard_files(m, files, word, prefix, need)?;
    // A prefix whose words fill more than a few shards is read only where the word itself is.
    let mut capped = false;
    if shards.len() > 3 {
        shards = shard_files(m, files, word, false, need)?;
        capped = true;
    }
    let mut terms = Vec::new();
    for name in shards {
        let Some(shard) = files.shard(name, need) else { continue };
        for k in shard.range(word, prefix) {
            terms.push(Term { exact: k.key == word, count: k.count, postings: &k.postings, shard: name, value: None });
        }
    }
    terms.sort_by(|a, b| b.exact.cmp(&a.exact).then(b.count.cmp(&a.count)));
    if terms.len() > MAX_EXPANSIONS {
        terms.truncate(MAX_EXPANSIONS);
        capped = true;
    }
    Some(Group { facet: None, terms, capped })
}

fn keys_group<'f>(
    m: &'f Manifest,
    files: &'f Files,
    facet: Option<Facet>,
    keys: &[String],
    need: &mut Need,
) -> Option<Group<'f>> {
    let mut terms = Vec::new();
    for key in keys {
        let Some(names) = shard_files(m, files, key, false, need) else { continue };
        let Some((name, shard)) = names.first().and_then(|name| Some((*name, files.shard(name, need)?))) else {
            continue;
        };
        for k in shard.range(key, false) {
            terms.push(Term { exact: true, count: k.count, postings: &k.postings, shard: name, value: k.value });
        }
    }
    Some(Group { facet, terms, capped: false })
}

/// A group's entries for the days the query covers, as far as `depth` parts
/// of each term (all of them when `depth` is `None`). Also: whether every
/// term was read to its end, the oldest day read of a term that was not, and
/// the entries read and those the group has in range (estimated for unread parts).
struct Read<'f> {
    entries: Vec<(&'f Entry, bool)>,
    complete: bool,
    horizon: Option<i32>,
    read: usize,
    in_range: usize,
}

fn read_group<'f>(q: &Query, files: &'f Files, g: &Group<'f>, depth: &[Option<usize>], need: &mut Need) -> Read<'f> {
    let mut out = Read { entries: Vec::new(), complete: true, horizon: None, read: 0, in_range: 0 };
    for (t, term) in g.terms.iter().enumerate() {
        match term.postings {
            Postings::Inline(inline) => {
                let e: Vec<_> = files
                    .inline(term.shard, inline)
                    .iter()
                    .filter(|e| q.in_range(e.day))
                    .map(|e| (e, term.exact))
                    .collect();
                out.read += e.len();
                out.in_range += e.len();
                out.entries.extend(e);
            }
            Postings::Parts(parts) => {
                let parts: Vec<_> = q.parts_in_range(parts).collect();
                let take = depth[t].unwrap_or(parts.len()).min(parts.len());
                for p in &parts[..take] {
                    if let Some(list) = files.list(&p.request(), need) {
                        let e: Vec<_> = list.iter().filter(|e| q.in_range(e.day)).map(|e| (e, term.exact)).collect();
                        out.read += list.len();
                        out.in_range += e.len();
                        out.entries.extend(e);
                    }
                }
                out.in_range += parts[take..].iter().map(|p| q.share(p)).sum::<usize>();
                if take < parts.len() {
                    out.complete = false;
                    let oldest = parts[take - 1].oldest;
                    out.horizon = Some(out.horizon.map_or(oldest, |h: i32| h.max(oldest)));
                }
            }
        }
    }
    out
}

/// The days (oldest, newest) the blocks of `g` that a read to `depth` takes
/// may hold (None: nothing in blocks, or all of them).
fn span_of_days(q: &Query, g: &Group, depth: &[Option<usize>]) -> Option<(i32, i32)> {
    let mut span: Option<(i32, i32)> = None;
    for (t, term) in g.terms.iter().enumerate() {
        let (Postings::Parts(parts), Some(d)) = (term.postings, depth.get(t).copied().flatten()) else { continue };
        for p in q.parts_in_range(parts).take(d) {
            span = Some(span.map_or((p.oldest, p.newest), |(o, n)| (o.min(p.oldest), n.max(p.newest))));
        }
    }
    span
}

/// Which docs of `days` have the word of `g` (and whether exactly): only the
/// parts of its lists that hold one of those days are read.
fn members(q: &Query, files: &Files, g: &Group, days: &[i32], lim: &Limits, need: &mut Need) -> FxHashMap<u32, bool> {
    let whole = g.total() <= lim.full;
    let mut m: FxHashMap<u32, bool> = FxHashMap::default();
    let mut add = |e: &Entry, exact: bool| {
        if q.in_range(e.day) {
            *m.entry(e.doc).or_insert(false) |= exact;
        }
    };
    for term in &g.terms {
        match term.postings {
            Postings::Inline(inline) => files.inline(term.shard, inline).iter().for_each(|e| add(e, term.exact)),
            Postings::Parts(parts) => {
                for p in q.parts_in_range(parts) {
                    let i = days.partition_point(|&d| d < p.oldest);
                    let holds_a_day = days.get(i).is_some_and(|&d| d <= p.newest);
                    if whole || holds_a_day {
                        if let Some(list) = files.list(&p.request(), need) {
                            list.iter().for_each(|e| add(e, term.exact));
                        }
                    }
                }
            }
        }
    }
    m
}

/// The result of running the conditions with one driving group.
struct Run<'f> {
    /// Entries that pass every condition but possibly one facet's, with the
    /// facet they fail (None: a result) and how many words they match exactly.
    passing: Vec<(&'f Entry, Option<Facet>, u32)>,
    exact: bool,
    /// Claims in range per claim read, to scale counts when not exact.
    scale: f64,
}

/// Runs the conditions `groups` (all but those of `skip`) driven by the smallest.
struct Ask<'q> {
    q: &'q Query,
    limit: usize,
    lim: Limits,
}

fn run<'f>(
    ask: &Ask,
    files: &'f Files,
    groups: &[Group<'f>],
    all: Option<&Group<'f>>,
    skip: Option<Facet>,
    need: &mut Need,
) -> Option<Run<'f>> {
    let Ask { q, limit, lim } = ask;
    let (limit, lim) = (*limit, lim);
    let active: Vec<&Group> = groups.iter().filter(|g| skip.is_none() || g.facet != skip).collect();
    let Some(driver) = active.iter().min_by_key(|g| g.total()).copied().or(all) else {
        debug_assert!(false, "a run with no condition needs #all");
        return Some(Run { passing: Vec::new(), exact: true, scale: 1.0 });
    };
    let facet_filters: Vec<(Facet, Vec<u32>)> = active.iter().filter_map(|g| Some((g.facet?, g.values()))).collect();
    let whole = driver.total() <= lim.full;
    let mut depth: Vec<Option<usize>> = driver.terms.iter().map(|_| if whole { None } else { Some(1) }).collect();
    loop {
        let mut missing = Need::default();
        let read = read_group(q, files, driver, &depth, &mut missing);
        let horizon = read.horizon;
        let newer = |day: i32| horizon.is_none_or(|h| day > h);
        // The other words: which docs have them, on the days of the entries read.
        let mut days: Vec<i32> = read.entries.iter().map(|(e, _)| e.day).filter(|&d| newer(d)).collect();
        days.sort_unstable();
        days.dedup();
        let others: Vec<&Group> =
            active.iter().filter(|g| g.facet.is_none() && !std::ptr::eq(**g, driver)).copied().collect();
        let members: Vec<FxHashMap<u32, bool>> =
            others.iter().map(|g| members(q, files, g, &days, lim, &mut missing)).collect();
        if !missing.0.is_empty() && days.is_empty() {
            // The driver's blocks are still to come, and the other words'
            // blocks on their days would be asked for a round later: those
            // whose days meet the days of the driver's blocks come with them.
            if let Some((oldest, newest)) = span_of_days(q, driver, &depth) {
                for g in &others {
                    for term in &g.terms {
                        if let Postings::Parts(parts) = term.postings {
                            for p in q.parts_in_range(parts) {
                                let request = p.request();
                                if p.oldest <= newest && p.newest >= oldest && !files.has(&request) {
                                    missing.add::<()>(&request);
                                }
                            }
                        }
                    }
                }
            }
        }
        if !missing.0.is_empty() {
            need.0.extend(missing.0);
            return None;
        }
        let mut entries: Vec<(&Entry, bool)> = read.entries.into_iter().filter(|(e, _)| newer(e.day)).collect();
        let read_newer = entries.len();
        entries.sort_by(|a, b| a.0.order(b.0).then(b.1.cmp(&a.1)));
        entries.dedup_by(|b, a| a.0.doc == b.0.doc);
        let mut passing = Vec::new();
        let mut results = 0;
        for (e, exact) in entries {
            let mut tier = u32::from(exact && driver.facet.is_none());
            if !members.iter().all(|m| m.get(&e.doc).map(|&x| tier += u32::from(x)).is_some()) {
                continue;
            }
            let mut failed = None;
            let mut fails = 0;
            for (f, values) in &facet_filters {
                if !e.has_any(*f, values) {
                    failed = Some(*f);
                    fails += 1;
                }
            }
            if fails <= 1 {
                results += usize::from(fails == 0);
                passing.push((e, failed, tier));
            }
        }
        let complete = read.complete && !active.iter().any(|g| g.capped);
        let extend = !read.complete && results < limit && read.read < lim.max_read;
        if !extend {
            let scale = if complete || read_newer == 0 { 1.0 } else { read.in_range as f64 / read_newer as f64 };
            return Some(Run { passing, exact: complete, scale });
        }
        // Read further into each term that stops at the horizon.
        for (t, term) in driver.terms.iter().enumerate() {
            if let (Postings::Parts(parts), Some(d)) = (term.postings, depth[t]) {
                let parts: Vec<_> = q.parts_in_range(parts).collect();
                // Twice as many blocks each round: a question that needs
                // many of a list's entries takes few rounds to read them.
                if d < parts.len() && Some(parts[d - 1].oldest) == horizon {
                    depth[t] = Some((2 * d).min(parts.len()));
                }
            }
        }
    }
}

fn estimate(n: usize, run: &Run) -> Count {
    Count { n: if run.exact { n as u32 } else { (n as f64 * run.scale).round() as u32 }, exact: run.exact }
}

fn counts(run: &Run, facet: Facet) -> FacetCounts {
    let mut by_value: FxHashMap<u32, u32> = FxHashMap::default();
    for (e, failed, _) in &run.passing {
        if failed.is_none() || *failed == Some(facet) {
            e.each_value(facet, |v| *by_value.entry(v).or_default() += 1);
        }
    }
    let mut values: Vec<(u32, u32)> = by_value.into_iter().map(|(v, n)| (v, estimate(n as usize, run).n)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    FacetCounts::Counted { values, exact: run.exact }
}

/// The first `limit` results of `q`, its total and its facet counts.
pub fn search(m: &Manifest, files: &Files, q: &Query, limit: usize) -> Result<Answer, Vec<String>> {
    search_with(m, files, q, limit, Limits::default())
}

/// [`search`] within other limits. The blocks it needs of a list file are
/// asked for together where they are near each other (the blocks of a word
/// and of the words it begins are written side by side).
pub fn search_with(m: &Manifest, files: &Files, q: &Query, limit: usize, lim: Limits) -> Result<Answer, Vec<String>> {
    search_in(m, files, q, limit, lim).map_err(|need| {
        let mut blocks = Vec::new();
        let mut other = Vec::new();
        for n in &need {
            match format::split_request(n) {
                (file, Some(span)) if Kind::of(file) == Some(Kind::List) => blocks.push((file, span)),
                _ => other.push(n.clone()),
            }
        }
        other.extend(coalesce(blocks));
        other
    })
}

fn search_in(m: &Manifest, files: &Files, q: &Query, limit: usize, lim: Limits) -> Result<Answer, Vec<String>> {
    let ask = Ask { q, limit, lim };
    let mut need = Need::default();
    let mut groups = Vec::new();
    for (i, w) in q.words.iter().enumerate() {
        groups.extend(word_group(m, files, w, i + 1 == q.words.len(), &mut need));
    }
    for (f, values) in &q.filters {
        if !values.is_empty() {
            let keys: Vec<String> = values.iter().map(|id| value_key(*f, id)).collect();
            groups.extend(keys_group(m, files, Some(*f), &keys, &mut need));
        }
    }
    let nothing_else = q.words.is_empty() && q.from.is_none() && q.to.is_none();
    let chosen = |f: Facet| q.filters.iter().any(|(g, v)| *g == f && !v.is_empty());
    let others = |f: Facet| q.filters.iter().any(|(g, v)| *g != f && !v.is_empty());
    let totals = |f: Facet| nothing_else && !others(f);
    // The list of every claim drives a run with no condition: the question
    // with none, and the count of a lone facet's own options within dates.
    // Other questions do not read it (its shard is the biggest).
    let facets_chosen = Facet::ALL.into_iter().filter(|&f| chosen(f)).count();
    let lone_within_dates = facets_chosen == 1 && Facet::ALL.into_iter().any(|f| chosen(f) && !totals(f));
    let all = if q.words.is_empty() && (facets_chosen == 0 || lone_within_dates) {
        keys_group(m, files, None, &[ALL_KEY.to_owned()], &mut need)
    } else {
        None
    };
    if !need.0.is_empty() {
        return Err(need.0);
    }
    let main = run(&ask, files, &groups, all.as_ref(), None, &mut need);
    let driver_facet = groups.iter().min_by_key(|g| g.total()).and_then(|g| g.facet);
    // The driving facet's own options are counted by a run without its
    // filter, asked for with the main run (not after it): what it reads does
    // not depend on the main run's answer, so its files come in the same round.
    let own = driver_facet
        .filter(|&f| chosen(f) && !totals(f))
        .map(|f| run(&ask, files, &groups, all.as_ref(), Some(f), &mut need));
    let Some(main) = main else { return Err(need.0) };
    let mut facets = Vec::new();
    for f in Facet::ALL {
        let c = if totals(f) {
            FacetCounts::Totals
        } else if chosen(f) && driver_facet == Some(f) {
            match &own {
                Some(Some(r)) => counts(r, f),
                _ => continue,
            }
        } else {
            counts(&main, f)
        };
        facets.push((f, c));
    }
    let mut results: Vec<(&Entry, u32)> =
        main.passing.iter().filter(|(_, failed, _)| failed.is_none()).map(|(e, _, tier)| (*e, *tier)).collect();
    if q.relevance {
        results.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.order(b.0)));
    }
    let total = estimate(results.len(), &main);
    let hits: Vec<Hit> =
        results.iter().take(limit).map(|(e, _)| Hit { doc: e.doc, day: e.day, units: e.units }).collect();
    let more = results.len() > limit || !main.exact;
    let chosen = groups.iter().filter_map(|g| Some((g.facet?, g.values()))).collect();
    need.into_result(|| Answer { hits, total, more, facets, chosen })
}

/// A facet value's label and total claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub value: u32,
    pub label: String,
    /// Its claims in the whole archive.
    pub total: u32,
}

/// The labels of `values` of `facet`.
pub fn labels(m: &Manifest, files: &Files, facet: Facet, values: &[u32]) -> Result<Vec<Label>, Vec<String>> {
    let mut need = Need::default();
    let mut out = Vec::new();
    let Some(t) = m.table(facet) else { return Ok(out) };
    for &v in values {
        let chunk = v as usize / format::TABLE_CHUNK;
        let table = match (&t.inline, t.files.get(chunk)) {
            (Some(table), _) if chunk == 0 => Some(table),
            (None, Some(file)) => files.table(file, &mut need),
            _ => None,
        };
        if let Some(table) = table {
            let i = v as usize % format::TABLE_CHUNK;
            if let (Some(label), Some(&total)) = (table.labels.get(i), table.counts.get(i)) {
                out.push(Label { value: v, label: label.clone(), total });
            }
        }
    }
    need.into_result(|| out)
}

/// The first `limit` values of the whole table of `facet` (most claims first).
pub fn top(m: &Manifest, files: &Files, facet: Facet, limit: usize) -> Result<Vec<Label>, Vec<String>> {
    let n = m.table(facet).map_or(0, |t| t.values as usize);
    let values: Vec<u32> = (0..n.min(limit) as u32).collect();
    let mut l = labels(m, files, facet, &values)?;
    l.retain(|l| l.total > 0);
    l.sort_by(|a, b| b.total.cmp(&a.total).then(a.value.cmp(&b.value)));
    Ok(l)
}

/// Values of `facet` with a word that begins with the last word of `typed`
/// and every other word of it (type-ahead), most claims first.
pub fn suggest(
    m: &Manifest,
    files: &Files,
    facet: Facet,
    typed: &str,
    limit: usize,
) -> Result<Vec<Label>, Vec<String>> {
    let typed = Query::words_of(typed);
    let Some(t) = m.table(facet) else { return Ok(Vec::new()) };
    let mut need = Need::default();
    let mut sets: Vec<FxHashSet<u32>> = Vec::new();
    for (i, w) in typed.iter().enumerate() {
        let prefix = i + 1 == typed.len();
        let mut set = FxHashSet::default();
        let range = if prefix { t.names.files_for_prefix(w) } else { t.names.file_for(w).map_or(0..0, |i| i..i + 1) };
        for f in range.take(3) {
            let Some(names) = files.names(&t.names.files[f], &mut need) else { continue };
            let start = names.words.partition_point(|(x, _)| x.as_str() < w.as_str());
            for (x, values) in &names.words[start..] {
                if !(if prefix { x.starts_with(w.as_str()) } else { x == w }) {
                    break;
                }
                set.extend(values.iter().copied());
            }
        }
        sets.push(set);
    }
    if !need.0.is_empty() {
        return Err(need.0);
    }
    let Some((first, rest)) = sets.split_first() else { return Ok(Vec::new()) };
    // Values are numbered most claims first (in a fresh build), so the
    // smallest numbers are the likeliest.
    let mut values: Vec<u32> = first.iter().copied().filter(|v| rest.iter().all(|s| s.contains(v))).collect();
    values.sort_unstable();
    values.truncate(limit.saturating_mul(4));
    let mut l = labels(m, files, facet, &values)?;
    l.retain(|l| l.total > 0);
    l.sort_by(|a, b| b.total.cmp(&a.total).then(a.value.cmp(&b.value)));
    l.truncate(limit);
    Ok(l)
}

/// Neighbouring ranges of one file closer than this many bytes are asked
/// for as one: a page's cards are often near each other in their pack
/// (newest first is doc order), and one request of a few hundred bytes more
/// costs less than several (each its headers and, on HTTP/1.1, a connection).
pub const SPAN_GAP: u64 = 1024;

/// The requests for `spans` of files: sorted, and those of one file closer
/// than [`SPAN_GAP`] merged into one.
fn coalesce(mut spans: Vec<(&str, Span)>) -> Vec<String> {
    spans.sort_by(|a, b| a.0.cmp(b.0).then(a.1.start.cmp(&b.1.start)));
    let mut out: Vec<(&str, Span)> = Vec::new();
    for (file, span) in spans {
        match out.last_mut() {
            Some((f, last)) if *f == file && span.start <= last.end + SPAN_GAP => last.end = last.end.max(span.end),
            _ => out.push((file, span)),
        }
    }
    out.into_iter().map(|(file, span)| format::span_request(file, span)).collect()
}

/// The cards of `hits`, in order: each a one-claim bundle (None: the
/// archive has no such doc). Each is one span of its pack, named by the
/// hit's place and length; spans near each other are asked for together.
pub fn cards<'f>(m: &Manifest, files: &'f Files, hits: &[Hit]) -> Result<Vec<Option<&'f str>>, Vec<String>> {
    let mut need = Need::default();
    // Each card's pack file (None: no such pack) and span there.
    let mut spans: Vec<Option<(&'f str, Span)>> = Vec::with_capacity(hits.len());
    for h in hits {
        let (pack, span) = format::card_span(h.doc, h.units, m.pack_size);
        let name = match m.pack_tables.get(pack as usize / format::TABLE_CHUNK) {
            None => None,
            Some(table) => match files.pack_table(table, &mut need) {
                None => None,
                Some(names) => {
                    names.get(pack as usize % format::TABLE_CHUNK).map(String::as_str).filter(|n| !n.is_empty())
                }
            },
        };
        spans.push(name.map(|n| (n, span)));
    }
    if !need.0.is_empty() {
        return Err(need.0);
    }
    let mut out = Vec::with_capacity(hits.len());
    let mut wanted = Vec::new();
    for found in spans {
        let Some((pack, span)) = found else {
            out.push(None);
            continue;
        };
        match files.span(pack, span) {
            // The card, without the spaces that pad it to whole units.
            Some(text) => out.push(Some(text.trim_end()).filter(|t| !t.is_empty())),
            None => {
                wanted.push((pack, span));
                out.push(None);
            }
        }
    }
    need.extend(coalesce(wanted));
    need.into_result(|| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_spans_of_a_file_are_asked_for_together() {
        let span = |start, end| Span { start, end };
        // 148 + SPAN_GAP is within the gap of the span before it; `far`
        // is beyond the gap of the merged span's end.
        let near = 148 + SPAN_GAP;
        let far = near + 16 + SPAN_GAP + 1;
        let asked = coalesce(vec![
            ("p-b", span(5000, 5600)),
            ("p-a", span(100, 116)),
            ("p-a", span(132, 148)),
            ("p-a", span(far, far + 16)),
            ("p-a", span(near, near + 16)),
            ("p-b", span(6000, 6700)),
        ]);
        assert_eq!(
            asked,
            [format!("p-a@100-{}", near + 16), format!("p-a@{far}-{}", far + 16), "p-b@5000-6700".to_owned()]
        );
        let mut files = Files::default();
        files.add("p-a@100-200", vec![b'x'; 100]).unwrap();
        assert!(files.has("p-a@150-160") && !files.has("p-a@150-210") && !files.has("p-b@150-160"));
    }
}
