//! The archive's files: what each holds, how it is written (by the build) and
//! read (by the query, natively or in the browser, with the crate's own JSON
//! reader). Every file but the manifest is named by a hash of its content.
//!
//! | file | holds |
//! | --- | --- |
//! | `archive.json` | [`Manifest`]: counts, dates, each shard's first key, the value tables, the pack tables |
//! | `k-….json` | a [`Shard`]: consecutive keys, each with its list inline or the files of its parts (and a facet value's key, the value's number) |
//! | `d-….json` | a page of the shard list ([`PAGE`] shards), when the manifest has too many to list |
//! | `l-….bin` | blocks of long lists, each a [`List`] compressed on its own (raw DEFLATE) and read by byte range: a list's [`HEAD`] newest entries, then [`BLOCK`]s |
//! | `n-….json` | a names shard: each folded word of a facet's labels → the values it names (type-ahead) |
//! | `v-….json` | a [`Table`] chunk: [`TABLE_CHUNK`] values of a facet, each its label and count |
//! | `t-….json` | a pack table chunk: [`TABLE_CHUNK`] pack file names |
//! | `p-….jsonl` | a pack: `pack_size` [`UNIT`]s of cards ([`pad_card`]), each a one-claim bundle at its place, read by byte range |
//!
//! A list is written as columns (each entry's day, doc, speaker, …), days and
//! docs as differences from the entry before: small numbers, which gzip keeps small.
//!
//! A long list's blocks are compressed by the build, not by the server: a
//! range of a file cannot be sent compressed (HTTP compresses whole
//! responses), and a block read by range is what lets a question read a
//! thousand entries of a list instead of a file of four thousand without
//! a file per thousand (BENCHMARKS.md, "Issue #22"). Packs are read by range
//! the same way, as they are.

use super::{Entry, Facet};
use crate::json::{quote, Parser, Value};

// The sizes below were chosen with `scripts/benchmark --archive` (BENCHMARKS.md,
// "Issue #22"): a list entry costs 5–10 bytes compressed, a card about 700
// (a range is sent as it is), a file name 8. With blocks read by range,
// smaller blocks mean fewer bytes per question and no more files; at 10⁶,
// halving HEAD, BLOCK and PAGE (256, 1,024, 256) took two Vietnamese words'
// warm bytes from 62 to 45 KB and a verdict with dates' from 24 to 16 KB,
// with the same rounds.

/// Entries of a list kept inline in its shard; a longer one gets blocks.
/// Every key's inline list is read with its shard, so this bounds what a
/// question reads of the words beside its own.
pub const INLINE: usize = 128;
/// Entries in the first block of a long list: its newest, enough for first
/// pages (an entry is 5–10 bytes compressed: 128 are ≈ 0.7–1.2 KB; more are
/// read, block by block, only as the page or a date range needs them).
pub const HEAD: usize = 128;
/// Entries in each later block of a long list.
pub const BLOCK: usize = 512;
/// A list file is closed once its blocks hold this many bytes (a list of 10⁶
/// entries is ≈ 7 MB compressed: a few files, each well under CDNs' limits).
pub const LIST_FILE_BYTES: usize = 2 << 20;
/// The most bytes a block may inflate to (a block of [`BLOCK`] entries is
/// ≈ 15 KB): a bad or hostile file cannot make a reader allocate more.
const BLOCK_LIMIT: usize = 16 << 20;
/// Values per table chunk, and pack names per pack table chunk.
pub const TABLE_CHUNK: usize = 256;
/// A facet's whole value table of at most this many bytes (its JSON) is in
/// the manifest, not a file: the few-valued facets (kind, verdict, most
/// archives' publishers; 83–257 bytes each at 10⁶) cost a question no request.
pub const INLINE_TABLE: usize = 1024;
/// Shards listed in the manifest itself; more are listed in pages of this many.
pub const PAGE: usize = 128;

/// Why a file could not be read.
/// Whether `name` is a plain file name of an archive (letters, digits, `.`,
/// `-`, `_`): the view fetches the names a manifest gives only beside it, never
/// another path or origin.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// The content-hashed files of an archive (the table above), each kind
/// named `PREFIX-HASH.EXT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Shard,
    Page,
    List,
    Names,
    Table,
    PackTable,
    Pack,
}

impl Kind {
    const ALL: [Kind; 7] = [Kind::Shard, Kind::Page, Kind::List, Kind::Names, Kind::Table, Kind::PackTable, Kind::Pack];

    fn prefix_ext(self) -> (&'static str, &'static str) {
        match self {
            Kind::Shard => ("k", "json"),
            Kind::Page => ("d", "json"),
            Kind::List => ("l", "bin"),
            Kind::Names => ("n", "json"),
            Kind::Table => ("v", "json"),
            Kind::PackTable => ("t", "json"),
            Kind::Pack => ("p", "jsonl"),
        }
    }

    /// The name of this kind's file whose content hashes to `hash`.
    pub fn name(self, hash: &str) -> String {
        let (prefix, ext) = self.prefix_ext();
        format!("{prefix}-{hash}.{ext}")
    }

    /// The kind of a file, or of a request for part of one, by its name.
    pub fn of(name: &str) -> Option<Kind> {
        let (prefix, _) = name.split_once('-')?;
        Kind::ALL.into_iter().find(|k| k.prefix_ext().0 == prefix)
    }
}

/// Whether `request` is for a value table: read for facets' labels only, so
/// no other file's request waits on it (the view sends the cards' requests
/// before those still waiting for a connection).
pub fn labels_only(request: &str) -> bool {
    Kind::of(request) == Some(Kind::Table)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFile {
    pub file: String,
    pub reason: String,
}

impl std::fmt::Display for BadFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

type Read<T> = Result<T, String>;

/// A file's JSON syntax error, as said.
fn syntax(e: crate::json::SyntaxError) -> String {
    format!("not valid JSON at {}:{}: {}", e.line, e.column, e.message)
}

fn parse(text: &str) -> Read<Value<'_>> {
    let mut p = Parser::new(text);
    let v = p.value().map_err(syntax)?;
    p.finish().map_err(syntax)?;
    Ok(v)
}

fn field<'v>(v: &'v Value, key: &str) -> Read<&'v Value<'v>> {
    v.as_object().and_then(|o| o.get(key)).ok_or_else(|| format!("no \"{key}\""))
}

fn array<'v>(v: &'v Value, key: &str) -> Read<&'v [Value<'v>]> {
    field(v, key)?.as_array().ok_or_else(|| format!("\"{key}\" is not an array"))
}

fn opt_array<'v>(v: &'v Value, key: &str) -> Read<Option<&'v [Value<'v>]>> {
    match v.as_object().and_then(|o| o.get(key)) {
        None => Ok(None),
        Some(x) => x.as_array().map(Some).ok_or_else(|| format!("\"{key}\" is not an array")),
    }
}

fn int(v: &Value) -> Read<i64> {
    let n = v.as_number().ok_or("a number was expected")?.as_f64();
    if n.fract() != 0.0 || n.abs() > 9.0e15 {
        return Err(format!("{n} is not an integer"));
    }
    Ok(n as i64)
}

fn uint(v: &Value) -> Read<u32> {
    u32::try_from(int(v)?).map_err(|_| "a count or number out of range".to_owned())
}

fn string(v: &Value) -> Read<String> {
    v.as_str().map(str::to_owned).ok_or_else(|| "a string was expected".to_owned())
}

fn strings(v: &Value, key: &str) -> Read<Vec<String>> {
    array(v, key)?.iter().map(string).collect()
}

fn ints(items: &[Value]) -> Read<Vec<i64>> {
    items.iter().map(int).collect()
}

/// Writes `items` as a JSON array of numbers.
fn push_ints(out: &mut String, items: impl IntoIterator<Item = i64>) {
    out.push('[');
    for (i, n) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&n.to_string());
    }
    out.push(']');
}

fn push_strings<'s>(out: &mut String, items: impl IntoIterator<Item = &'s str>) {
    out.push('[');
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(s));
    }
    out.push(']');
}

// ---------------------------------------------------------------- lists

/// Entries, newest first, as written in a shard or a list file.
pub type List = Vec<Entry>;

/// The first of `values`, then each one's step from the one before, times `sign`.
fn steps(values: impl Iterator<Item = i64>, sign: i64) -> impl Iterator<Item = i64> {
    let mut last = None;
    values.map(move |v| {
        let out = last.map_or(v, |l| sign * (v - l));
        last = Some(v);
        out
    })
}

/// The values [`steps`] wrote: the first, then each from the one before.
fn unsteps(steps: &[i64], sign: i64) -> Vec<i64> {
    let mut last = None;
    steps
        .iter()
        .map(|&d| {
            let v = last.map_or(d, |l: i64| l + sign * d);
            last = Some(v);
            v
        })
        .collect()
}

/// A list's columns ([`write_list`], [`read_list`]): `d` days, `i` docs (the
/// cards' places), `s` speakers, `k` kinds, `c` the cards' lengths in
/// [`UNIT`]s — every entry has one —, then, written when an entry has one,
/// `v` verdicts, `u` publishers, `t` topics, `r` sources.
const LIST_COLUMNS: [&str; 5] = ["d", "i", "s", "k", "c"];
const LIST_OPTIONAL: [&str; 4] = ["v", "u", "t", "r"];

/// The JSON of a list of entries (already in order).
pub fn write_list(out: &mut String, entries: &[Entry]) {
    // Days fall (newest first) and docs mostly rise: each as its first value,
    // then its steps in its own direction, so that the numbers written are small.
    out.push_str("{\"d\":");
    push_ints(out, steps(entries.iter().map(|e| i64::from(e.day)), -1));
    out.push_str(",\"i\":");
    push_ints(out, steps(entries.iter().map(|e| i64::from(e.doc)), 1));
    out.push_str(",\"s\":");
    push_ints(out, entries.iter().map(|e| i64::from(e.speaker)));
    out.push_str(",\"k\":");
    push_ints(out, entries.iter().map(|e| i64::from(e.kind)));
    out.push_str(",\"c\":");
    push_ints(out, entries.iter().map(|e| i64::from(e.units)));
    if entries.iter().any(|e| e.verdict.is_some()) {
        out.push_str(",\"v\":");
        push_ints(out, entries.iter().map(|e| e.verdict.map_or(0, |v| i64::from(v) + 1)));
    }
    if entries.iter().any(|e| e.publisher.is_some()) {
        out.push_str(",\"u\":");
        push_ints(out, entries.iter().map(|e| e.publisher.map_or(0, |v| i64::from(v) + 1)));
    }
    let topics: fn(&Entry) -> &[u32] = |e| &e.topics;
    let sources: fn(&Entry) -> &[u32] = |e| &e.sources;
    for (key, of) in [("t", topics), ("r", sources)] {
        if entries.iter().any(|e| !of(e).is_empty()) {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":[");
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_ints(out, of(e).iter().map(|&v| i64::from(v)));
            }
            out.push(']');
        }
    }
    out.push('}');
}

fn read_list(v: &Value) -> Read<List> {
    let days = ints(array(v, "d")?)?;
    let docs = ints(array(v, "i")?)?;
    let n = days.len();
    let column = |key: &str| -> Read<Vec<i64>> {
        let c = ints(array(v, key)?)?;
        if c.len() == n {
            Ok(c)
        } else {
            Err(format!("\"{key}\" has {} entries, \"d\" {n}", c.len()))
        }
    };
    let optional = |key: &str| -> Read<Vec<i64>> {
        match opt_array(v, key)? {
            None => Ok(vec![0; n]),
            Some(_) => column(key),
        }
    };
    let nested = |key: &str| -> Read<Vec<Vec<u32>>> {
        match opt_array(v, key)? {
            None => Ok(vec![Vec::new(); n]),
            Some(items) if items.len() == n => items
                .iter()
                .map(|x| {
                    x.as_array()
                        .ok_or_else(|| format!("\"{key}\" holds a non-array"))
                        .and_then(|a| a.iter().map(uint).collect())
                })
                .collect(),
            Some(items) => Err(format!("\"{key}\" has {} entries, \"d\" {n}", items.len())),
        }
    };
    let (speakers, kinds, units) = (column("s")?, column("k")?, column("c")?);
    let (verdicts, publishers) = (optional("v")?, optional("u")?);
    let (topics, sources) = (nested("t")?, nested("r")?);
    if docs.len() != n {
        return Err(format!("\"i\" has {} entries, \"d\" {n}", docs.len()));
    }
    let small = |x: i64| u32::try_from(x).map_err(|_| format!("{x} is out of range"));
    let opt = |x: i64| -> Read<Option<u32>> {
        if x == 0 {
            Ok(None)
        } else {
            small(x - 1).map(Some)
        }
    };
    let mut out = Vec::with_capacity(n);
    let (days, docs) = (unsteps(&days, -1), unsteps(&docs, 1));
    for (i, (topics, sources)) in topics.into_iter().zip(sources).enumerate() {
        let (day, doc) = (days[i], docs[i]);
        out.push(Entry {
            day: i32::try_from(day).map_err(|_| format!("day {day} is out of range"))?,
            doc: small(doc)?,
            speaker: small(speakers[i])?,
            kind: small(kinds[i])?,
            units: small(units[i])?,
            verdict: opt(verdicts[i])?,
            publisher: opt(publishers[i])?,
            topics,
            sources,
        });
    }
    Ok(out)
}

/// A list file (a part of a long list).
pub fn write_list_file(entries: &[Entry]) -> String {
    let mut out = String::new();
    write_list(&mut out, entries);
    out
}

pub fn read_list_file(text: &str) -> Read<List> {
    read_list(&parse(text)?)
}

/// A block of a long list, as stored: its JSON ([`write_list`]) compressed
/// (raw DEFLATE, level 6: level 9 makes blocks 1.8 % smaller and takes six
/// times as long, measured over 100 of a 10⁶ archive's lists).
pub fn write_list_block(entries: &[Entry]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(write_list_file(entries).as_bytes(), 6)
}

/// Consecutive blocks of list files, as one range of a file brings them:
/// each block's length in bytes and its list. A compressed block says where
/// it ends, so neighbouring blocks are read by one request.
pub fn read_list_blocks(mut bytes: &[u8]) -> Read<Vec<(usize, List)>> {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    let bad = |why: &str| format!("not a compressed list block ({why})");
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    while !bytes.is_empty() {
        let mut state = InflateState::new_boxed(DataFormat::Raw);
        let (mut text, mut used) = (Vec::new(), 0);
        loop {
            let r = inflate(&mut state, &bytes[used..], &mut buf, MZFlush::None);
            used += r.bytes_consumed;
            text.extend_from_slice(&buf[..r.bytes_written]);
            if text.len() > BLOCK_LIMIT {
                return Err(bad("too large"));
            }
            match r.status {
                Ok(MZStatus::StreamEnd) => break,
                Ok(_) if r.bytes_consumed == 0 && r.bytes_written == 0 => return Err(bad("cut short")),
                Ok(_) => {}
                Err(e) => return Err(bad(&format!("{e:?}"))),
            }
        }
        let text = String::from_utf8(text).map_err(|_| "a list block that is not UTF-8".to_owned())?;
        out.push((used, read_list_file(&text)?));
        bytes = &bytes[used..];
    }
    Ok(out)
}

// ---------------------------------------------------------------- shards

/// Where a key's list is: inline, or in blocks of list files (the head, then [`BLOCK`]s).
#[derive(Debug, Clone, PartialEq)]
pub enum Postings {
    Inline(Inline),
    Parts(Vec<Part>),
}

/// A list kept in its shard. A shard read from a file decodes it only when a
/// question first reads it: a shard holds hundreds of keys and a question
/// reads a few (reading a 10⁶ archive's shard takes 0.8 ms natively this way,
/// 2.2 ms decoding every list: BENCHMARKS.md, "Issue #22").
#[derive(Debug, Clone)]
pub struct Inline {
    /// The shard's text and where the list is in it (empty for a built list).
    text: std::sync::Arc<str>,
    at: std::ops::Range<usize>,
    list: std::cell::OnceCell<Read<List>>,
}

impl Inline {
    /// A list as the build has it.
    pub fn new(list: List) -> Inline {
        Inline { text: "".into(), at: 0..0, list: std::cell::OnceCell::from(Ok(list)) }
    }

    /// The entries, decoded once; or why they cannot be read.
    pub fn list(&self) -> Result<&List, &str> {
        let decoded = self.list.get_or_init(|| {
            let text = self.text.get(self.at.clone()).ok_or("a list outside its shard")?;
            read_list(&parse(text)?)
        });
        decoded.as_ref().map_err(String::as_str)
    }
}

impl PartialEq for Inline {
    fn eq(&self, other: &Inline) -> bool {
        self.list() == other.list()
    }
}

/// One block of a long list: its file and bytes there, its number of
/// entries, and the days of its newest and oldest entry (so a date range
/// skips blocks outside it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub file: String,
    pub span: Span,
    pub entries: u32,
    pub newest: i32,
    pub oldest: i32,
}

impl Part {
    /// What a reader fetches for it (and what [`crate::archive::query::Files`] keeps it as).
    pub fn request(&self) -> String {
        span_request(&self.file, self.span)
    }
}

/// A key with the number of claims in its list.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    pub key: String,
    pub count: u32,
    pub postings: Postings,
    /// A facet value's key ([`super::value_key`]): the value's number, as
    /// list entries name it.
    pub value: Option<u32>,
}

/// Consecutive keys of the key space, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shard {
    pub keys: Vec<KeyEntry>,
}

impl Shard {
    /// The entries whose key is `key` or starts with it (`prefix`), in key order.
    pub fn range(&self, key: &str, prefix: bool) -> &[KeyEntry] {
        let start = self.keys.partition_point(|k| k.key.as_str() < key);
        let n = self.keys[start..]
            .iter()
            .take_while(|k| if prefix { k.key.starts_with(key) } else { k.key == key })
            .count();
        &self.keys[start..start + n]
    }
}

pub fn write_shard(shard: &Shard) -> String {
    let mut out = String::from("{\"k\":");
    push_strings(&mut out, shard.keys.iter().map(|k| k.key.as_str()));
    out.push_str(",\"n\":");
    push_ints(&mut out, shard.keys.iter().map(|k| i64::from(k.count)));
    // Values' numbers (-1: a word's key), in shards that have a value's key.
    if shard.keys.iter().any(|k| k.value.is_some()) {
        out.push_str(",\"v\":");
        push_ints(&mut out, shard.keys.iter().map(|k| k.value.map_or(-1, i64::from)));
    }
    out.push_str(",\"p\":[");
    for (i, k) in shard.keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match &k.postings {
            // A built shard's lists are decoded; an unreadable one is written empty.
            Postings::Inline(inline) => write_list(&mut out, inline.list().map_or(&[][..], Vec::as_slice)),
            Postings::Parts(parts) => write_parts(&mut out, parts),
        }
    }
    out.push_str("]}");
    out
}

/// Reads a shard: its keys and counts, and where each key's list is. The
/// lists are checked for syntax and for columns of equal length here, and
/// decoded only when read ([`Inline::list`]).
pub fn read_shard(text: &str) -> Read<Shard> {
    let shared: std::sync::Arc<str> = text.into();
    let (mut keys, mut counts, mut postings, mut values) = (None, None, None, None);
    let mut p = Parser::new(&shared);
    let mut bad = None;
    p.members(|p, key| {
        match key.as_ref() {
            "k" => keys = Some(p.value()?.as_array().map(|a| a.iter().map(string).collect::<Read<Vec<_>>>())),
            "n" => counts = Some(p.value()?.as_array().map(|a| a.iter().map(uint).collect::<Read<Vec<_>>>())),
            "v" => {
                let value = |v: &Value| -> Read<Option<u32>> {
                    match int(v)? {
                        -1 => Ok(None),
                        n => u32::try_from(n).map(Some).map_err(|_| format!("{n} is out of range")),
                    }
                };
                values = Some(p.value()?.as_array().map(|a| a.iter().map(value).collect::<Read<Vec<_>>>()));
            }
            "p" => {
                let mut items = Vec::new();
                p.elements(|p| {
                    let item = shard_postings(p, &shared)?;
                    if let (Err(e), None) = (&item, &bad) {
                        bad = Some(e.clone());
                    }
                    items.extend(item.ok());
                    Ok(())
                })?;
                postings = Some(items);
            }
            _ => {
                p.skip_value()?;
            }
        }
        Ok(())
    })
    .map_err(syntax)?;
    p.finish().map_err(syntax)?;
    if let Some(e) = bad {
        return Err(e);
    }
    let keys = keys.ok_or("no \"k\"")?.ok_or("\"k\" is not an array")??;
    let counts = counts.ok_or("no \"n\"")?.ok_or("\"n\" is not an array")??;
    let postings = postings.ok_or("no \"p\"")?;
    let values = match values {
        None => vec![None; keys.len()],
        Some(v) => v.ok_or("\"v\" is not an array")??,
    };
    if counts.len() != keys.len() || postings.len() != keys.len() || values.len() != keys.len() {
        return Err("\"k\", \"n\", \"p\" and \"v\" differ in length".into());
    }
    let out: Vec<KeyEntry> = keys
        .into_iter()
        .zip(counts)
        .zip(postings)
        .zip(values)
        .map(|(((key, count), postings), value)| KeyEntry { key, count, postings, value })
        .collect();
    if out.windows(2).any(|w| w[0].key >= w[1].key) {
        return Err("the keys are not in order".into());
    }
    Ok(Shard { keys: out })
}

/// One key's postings in a shard (the cursor at it): the files of a long
/// list, or where an inline list is, its columns counted but not decoded.
/// `Err(SyntaxError)` for bad JSON; `Ok(Err(reason))` for JSON that is not postings.
fn shard_postings(p: &mut Parser, text: &std::sync::Arc<str>) -> Result<Read<Postings>, crate::json::SyntaxError> {
    if p.peek_byte() != Some(b'{') {
        p.skip_value()?;
        return Ok(Err("a key's postings are not an object".into()));
    }
    let start = p.offset();
    let mut parts: Vec<(String, Value)> = Vec::new();
    let mut lengths: Vec<(String, Option<usize>)> = Vec::new();
    p.members(|p, key| {
        if PART_COLUMNS.contains(&key.as_ref()) {
            parts.push((key.into_owned(), p.value()?));
        } else if p.peek_byte() == Some(b'[') {
            lengths.push((key.into_owned(), Some(p.skip_array()?.1)));
        } else {
            lengths.push((key.into_owned(), None));
            p.skip_value()?;
        }
        Ok(())
    })?;
    let at = start..p.offset();
    if !parts.is_empty() {
        return Ok(read_parts(&parts).map(Postings::Parts));
    }
    let len = |key: &str| lengths.iter().find(|(k, _)| k == key).map(|(_, n)| *n);
    let [days, required @ ..] = LIST_COLUMNS;
    let n = match len(days) {
        None => return Ok(Err(format!("no \"{days}\""))),
        Some(None) => return Ok(Err(format!("\"{days}\" is not an array"))),
        Some(Some(n)) => n,
    };
    for key in required.into_iter().chain(LIST_OPTIONAL) {
        match len(key) {
            None if LIST_OPTIONAL.contains(&key) => {}
            None => return Ok(Err(format!("no \"{key}\""))),
            Some(None) => return Ok(Err(format!("\"{key}\" is not an array"))),
            Some(Some(m)) if m != n => return Ok(Err(format!("\"{key}\" has {m} entries, \"{days}\" {n}"))),
            Some(Some(_)) => {}
        }
    }
    Ok(Ok(Postings::Inline(Inline { text: text.clone(), at, list: std::cell::OnceCell::new() })))
}

/// The columns of a long list's blocks in its shard: per file, `f` its name,
/// `x` how many of the blocks it holds and `a` where the first begins; per
/// block, `z` its bytes (each starts where the one before it in its file
/// ends), `e` its entries, `w` its newest day (the first, then each one's
/// fall from the one before) and `o` its days (newest − oldest).
const PART_COLUMNS: [&str; 7] = ["f", "x", "a", "z", "e", "w", "o"];

fn write_parts(out: &mut String, parts: &[Part]) {
    let mut files: Vec<(&str, i64, u64)> = Vec::new();
    for p in parts {
        match files.last_mut() {
            Some((f, n, _)) if *f == p.file => *n += 1,
            _ => files.push((&p.file, 1, p.span.start)),
        }
    }
    out.push_str("{\"f\":");
    push_strings(out, files.iter().map(|(f, _, _)| *f));
    out.push_str(",\"x\":");
    push_ints(out, files.iter().map(|(_, n, _)| *n));
    out.push_str(",\"a\":");
    push_ints(out, files.iter().map(|(_, _, a)| *a as i64));
    out.push_str(",\"z\":");
    push_ints(out, parts.iter().map(|p| (p.span.end - p.span.start) as i64));
    out.push_str(",\"e\":");
    push_ints(out, parts.iter().map(|p| i64::from(p.entries)));
    out.push_str(",\"w\":");
    push_ints(out, steps(parts.iter().map(|p| i64::from(p.newest)), -1));
    out.push_str(",\"o\":");
    push_ints(out, parts.iter().map(|p| i64::from(p.newest) - i64::from(p.oldest)));
    out.push('}');
}

fn read_parts(columns: &[(String, Value)]) -> Read<Vec<Part>> {
    let column = |key: &str| -> Read<&[Value]> {
        columns
            .iter()
            .find(|(k, _)| k == key)
            .ok_or_else(|| format!("a long list without \"{key}\""))?
            .1
            .as_array()
            .ok_or_else(|| format!("\"{key}\" is not an array"))
    };
    let files: Vec<String> = column("f")?.iter().map(string).collect::<Read<_>>()?;
    let per_file = ints(column("x")?)?;
    let starts = ints(column("a")?)?;
    let (sizes, entries, newest, days) =
        (ints(column("z")?)?, ints(column("e")?)?, ints(column("w")?)?, ints(column("o")?)?);
    let n = sizes.len();
    if entries.len() != n
        || newest.len() != n
        || days.len() != n
        || per_file.len() != files.len()
        || starts.len() != files.len()
    {
        return Err("a long list's columns differ in length".into());
    }
    if per_file.iter().any(|&k| k < 1) || per_file.iter().sum::<i64>() != n as i64 {
        return Err("a long list's files do not hold its blocks".into());
    }
    let day = |d: i64| i32::try_from(d).map_err(|_| format!("day {d} is out of range"));
    let mut out = Vec::with_capacity(n);
    if starts.iter().any(|&a| a < 0) {
        return Err("a block before the start of its file".into());
    }
    // Each block: its file's number, and whether it is the first there.
    let mut file_of = per_file.iter().enumerate().flat_map(|(j, &k)| (0..k).map(move |b| (j, b == 0)));
    let newest = unsteps(&newest, -1);
    let mut at = 0u64;
    for i in 0..n {
        let (j, first) = file_of.next().ok_or("a long list's files do not hold its blocks")?;
        let file = &files[j];
        if first {
            at = starts[j] as u64;
        }
        let size = u64::try_from(sizes[i]).ok().filter(|&z| z > 0).ok_or("a block of no bytes")?;
        if days[i] < 0 {
            return Err("a block whose oldest day is after its newest".into());
        }
        out.push(Part {
            file: file.clone(),
            span: Span { start: at, end: at + size },
            entries: u32::try_from(entries[i]).ok().filter(|&e| e > 0).ok_or("a block's entries out of range")?,
            newest: day(newest[i])?,
            oldest: day(newest[i] - days[i])?,
        });
        at += size;
    }
    Ok(out)
}

// ---------------------------------------------------------------- names

/// A names shard: folded words of a facet's labels, each with the values
/// whose label has that word, most claims first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names {
    pub words: Vec<(String, Vec<u32>)>,
}

/// A names shard's JSON: its words (sorted) and the values of each.
pub fn write_names(words: &[(String, Vec<u32>)]) -> String {
    let mut out = String::from("{\"w\":");
    push_strings(&mut out, words.iter().map(|(w, _)| w.as_str()));
    out.push_str(",\"x\":[");
    for (i, (_, values)) in words.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_ints(&mut out, values.iter().map(|&v| i64::from(v)));
    }
    out.push_str("]}");
    out
}

pub fn read_names(text: &str) -> Read<Names> {
    let v = parse(text)?;
    let words = strings(&v, "w")?;
    let values = array(&v, "x")?;
    if values.len() != words.len() {
        return Err("\"w\" and \"x\" differ in length".into());
    }
    let words = words
        .into_iter()
        .zip(values)
        .map(|(w, x)| Ok((w, x.as_array().ok_or("\"x\" holds a non-array")?.iter().map(uint).collect::<Read<_>>()?)))
        .collect::<Read<Vec<_>>>()?;
    Ok(Names { words })
}

// ---------------------------------------------------------------- tables

/// A chunk of a facet's values: each value's label (as first seen) and its
/// number of claims in the archive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub labels: Vec<String>,
    pub counts: Vec<u32>,
}

pub fn write_table(t: &Table) -> String {
    let mut out = String::from("{\"l\":");
    push_strings(&mut out, t.labels.iter().map(String::as_str));
    out.push_str(",\"n\":");
    push_ints(&mut out, t.counts.iter().map(|&n| i64::from(n)));
    out.push('}');
    out
}

pub fn read_table(text: &str) -> Read<Table> {
    table_of(&parse(text)?)
}

fn table_of(v: &Value) -> Read<Table> {
    let labels = strings(v, "l")?;
    let counts = array(v, "n")?.iter().map(uint).collect::<Read<Vec<_>>>()?;
    if labels.len() != counts.len() {
        return Err("\"l\" and \"n\" differ in length".into());
    }
    Ok(Table { labels, counts })
}

/// A pack table chunk: pack file names.
pub fn write_pack_table(files: &[String]) -> String {
    let mut out = String::from("{\"p\":");
    push_strings(&mut out, files.iter().map(String::as_str));
    out.push('}');
    out
}

pub fn read_pack_table(text: &str) -> Read<Vec<String>> {
    strings(&parse(text)?, "p")
}

// ---------------------------------------------------------------- packs
//
// A reader fetches a card by one byte range of its pack (HTTP `Range`, which
// every object store and CDN serves). So a card costs its own few hundred
// bytes, not its pack's: with whole packs of 96 claims, 6 cards of a page
// were ≈ 60 KB gzip, most of a question's bytes, and 10⁶ claims needed 10,417
// pack files. Its range needs nothing read first: a list entry's doc number
// is the card's *place* — where it begins, in [`UNIT`]s, in the packs laid
// end to end, each `pack_size` units long — and the entry carries the card's
// length in units. Until format 4 a doc number was a count, and a card was
// found by reading its offsets in its pack's header first: a round of
// requests more for every question (BENCHMARKS.md, "where a cold question's
// time goes"). Places cost lists ≈ 5 % more bytes than counts did (their
// steps are ≈ 3 times larger) and packs ≈ 19 % more on disk (each card is
// padded to a whole unit).

/// The unit of a card's place and length, in bytes: each card of a pack is a
/// line padded with spaces to a whole number of units.
pub const UNIT: u64 = 256;
/// The longest card a reader asks for, in units (256 KB): a list entry that
/// says more is not believed.
pub const MAX_CARD_UNITS: u32 = 1024;

/// A card (a one-claim bundle's JSON, no raw newline in it) as its pack
/// holds it: a line padded with spaces to whole [`UNIT`]s.
pub fn pad_card(card: &str) -> String {
    let mut line = card.replace('\n', "");
    let units = (line.len() as u64 + 1).div_ceil(UNIT);
    let end = (units * UNIT) as usize - 1;
    while line.len() < end {
        line.push(' ');
    }
    line.push('\n');
    line
}

/// Room a card no longer in the archive leaves in its pack (so that every
/// other card keeps its place): `units` lines of spaces.
pub fn hole(units: u64) -> String {
    let mut out = String::with_capacity((units * UNIT) as usize);
    for _ in 0..units {
        out.push_str(&" ".repeat(UNIT as usize - 1));
        out.push('\n');
    }
    out
}

/// The pack of the card at `place` (its number among the packs), and the
/// card's span in that pack, for a card `units` long.
pub fn card_span(place: u32, units: u32, pack_size: u32) -> (u32, Span) {
    let size = pack_size.max(1);
    let start = u64::from(place % size) * UNIT;
    (place / size, Span { start, end: start + u64::from(units.clamp(1, MAX_CARD_UNITS)) * UNIT })
}

/// Every card of a whole pack file, with its place in the pack in units (for
/// `--update`).
pub fn read_pack(text: &str) -> Read<Vec<(u32, &str)>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < text.len() {
        let end = text[at..].find('\n').map(|i| at + i + 1).ok_or("a pack's last line does not end")?;
        if (end as u64) % UNIT != 0 {
            return Err(format!("a line of the pack ends at byte {end}, not at a whole unit of {UNIT}"));
        }
        let card = text[at..end].trim_end();
        if !card.is_empty() {
            let unit = u32::try_from(at as u64 / UNIT).map_err(|_| "the pack is too large".to_owned())?;
            out.push((unit, card));
        }
        at = end;
    }
    Ok(out)
}

/// A byte range of a file: what a request for part of a file names, as
/// `NAME@START-END` (END exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u64,
    pub end: u64,
}

/// The request for `span` of `file`.
pub fn span_request(file: &str, span: Span) -> String {
    format!("{file}@{}-{}", span.start, span.end)
}

/// A request's file and, for part of a file, its span.
pub fn split_request(request: &str) -> (&str, Option<Span>) {
    let Some((file, range)) = request.split_once('@') else { return (request, None) };
    let span = range
        .split_once('-')
        .and_then(|(a, b)| Some(Span { start: a.parse().ok()?, end: b.parse().ok()? }))
        .filter(|s| s.start < s.end);
    match span {
        Some(span) => (file, Some(span)),
        None => (request, None),
    }
}

/// Reads `request` (a file, or a span of one) from the archive in `dir`:
/// what the command line and the tests do where the browser fetches.
pub fn read_local(dir: &std::path::Path, request: &str) -> std::io::Result<Vec<u8>> {
    use std::io::{Read as _, Seek as _};
    let (file, span) = split_request(request);
    let bytes = match span {
        None => std::fs::read(dir.join(file))?,
        // Only the span, as a range request reads it (a pack is megabytes).
        Some(s) => {
            let mut f = std::fs::File::open(dir.join(file))?;
            f.seek(std::io::SeekFrom::Start(s.start))?;
            let mut bytes = vec![0; (s.end - s.start) as usize];
            f.read_exact(&mut bytes)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{request}: past the end of {file} ({e})")))?;
            bytes
        }
    };
    Ok(bytes)
}

// ---------------------------------------------------------------- manifest

/// A sorted collection cut into files: each file's first key (shortened to
/// what tells it from the file before; the first is "") and its name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sharded {
    pub from: Vec<String>,
    pub files: Vec<String>,
}

impl Sharded {
    /// The file that holds `key`, if any file does.
    pub fn file_for(&self, key: &str) -> Option<usize> {
        let i = self.from.partition_point(|f| f.as_str() <= key);
        i.checked_sub(1)
    }

    /// The files that hold keys starting with `prefix` (in a page of a
    /// longer list, whose first file may start after `prefix`, from the first).
    pub fn files_for_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        if self.from.is_empty() {
            return 0..0;
        }
        let first = self.file_for(prefix).unwrap_or(0);
        let mut end = first + 1;
        while end < self.from.len() && self.from[end].starts_with(prefix) {
            end += 1;
        }
        first..end
    }
}

/// A facet's value table: how many values, and its chunk files — or, when
/// small ([`INLINE_TABLE`]), the table itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FacetTable {
    pub values: u32,
    pub files: Vec<String>,
    pub inline: Option<Table>,
    /// The names directory (type-ahead), for facets with [`Facet::named`].
    pub names: Sharded,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Manifest {
    /// Changes with every build that changes anything: a reader holding an
    /// older one reloads (see the view).
    pub build: String,
    pub claims: u32,
    pub articles: u32,
    /// Days of the newest and oldest dated claim.
    pub newest: Option<i32>,
    pub oldest: Option<i32>,
    /// The shards of the key space; when there are more than [`PAGE`],
    /// `keys` is empty and `key_pages` lists the pages that list them.
    pub keys: Sharded,
    pub key_pages: Sharded,
    pub tables: Vec<(Facet, FacetTable)>,
    pub pack_size: u32,
    pub packs: u32,
    pub pack_tables: Vec<String>,
}

impl Manifest {
    pub fn table(&self, facet: Facet) -> Option<&FacetTable> {
        self.tables.iter().find(|(f, _)| *f == facet).map(|(_, t)| t)
    }
}

fn push_sharded(out: &mut String, s: &Sharded) {
    out.push_str("{\"from\":");
    push_strings(out, s.from.iter().map(String::as_str));
    out.push_str(",\"files\":");
    push_strings(out, s.files.iter().map(String::as_str));
    out.push('}');
}

/// A page of a shard list (`d-….json`).
pub fn write_page(s: &Sharded) -> String {
    let mut out = String::new();
    push_sharded(&mut out, s);
    out
}

pub fn read_page(text: &str) -> Read<Sharded> {
    read_sharded(&parse(text)?)
}

fn read_sharded(v: &Value) -> Read<Sharded> {
    let s = Sharded { from: strings(v, "from")?, files: strings(v, "files")? };
    if s.from.len() != s.files.len() || s.from.windows(2).any(|w| w[0] >= w[1]) {
        return Err("a shard list is not in order".into());
    }
    Ok(s)
}

pub fn write_manifest(m: &Manifest) -> String {
    let mut out = format!(
        "{{\"claim_cards_archive\":{},\"build\":{},\"claims\":{},\"articles\":{}",
        super::FORMAT,
        quote(&m.build),
        m.claims,
        m.articles
    );
    for (key, day) in [("newest", m.newest), ("oldest", m.oldest)] {
        if let Some(day) = day {
            out.push_str(&format!(",\"{key}\":{day}"));
        }
    }
    out.push_str(",\n\"keys\":");
    push_sharded(&mut out, &m.keys);
    if !m.key_pages.files.is_empty() {
        out.push_str(",\n\"key_pages\":");
        push_sharded(&mut out, &m.key_pages);
    }
    out.push_str(",\n\"tables\":{");
    for (i, (facet, t)) in m.tables.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\n\"{}\":{{\"values\":{},", facet.name(), t.values));
        match &t.inline {
            Some(table) => {
                out.push_str("\"table\":");
                out.push_str(&write_table(table));
            }
            None => {
                out.push_str("\"files\":");
                push_strings(&mut out, t.files.iter().map(String::as_str));
            }
        }
        if facet.named() {
            out.push_str(",\"names\":");
            push_sharded(&mut out, &t.names);
        }
        out.push('}');
    }
    out.push_str(&format!("}},\n\"packs\":{{\"size\":{},\"count\":{},\"tables\":", m.pack_size, m.packs));
    push_strings(&mut out, m.pack_tables.iter().map(String::as_str));
    out.push_str("}}\n");
    out
}

pub fn read_manifest(text: &str) -> Read<Manifest> {
    let v = parse(text)?;
    let format = uint(field(&v, "claim_cards_archive").map_err(|_| "not a claim-cards archive manifest".to_owned())?)?;
    if format != super::FORMAT {
        return Err(format!(
            "archive format {format}; this claim-cards reads format {} (build the archive again with it)",
            super::FORMAT
        ));
    }
    let day = |key: &str| -> Read<Option<i32>> {
        match v.as_object().and_then(|o| o.get(key)) {
            None => Ok(None),
            Some(d) => i32::try_from(int(d)?).map(Some).map_err(|_| format!("\"{key}\" is out of range")),
        }
    };
    let tables_v = field(&v, "tables")?.as_object().ok_or("\"tables\" is not an object")?;
    let mut tables = Vec::new();
    for facet in Facet::ALL {
        let Some(t) = tables_v.get(facet.name()) else { continue };
        let directory = |key: &str| -> Read<Sharded> {
            match (facet.named(), t.as_object().and_then(|o| o.get(key))) {
                (true, Some(n)) => read_sharded(n).map_err(|e| format!("{}'s {key}: {e}", facet.name())),
                (true, None) => Err(format!("the {} table has no \"{key}\"", facet.name())),
                (false, _) => Ok(Sharded::default()),
            }
        };
        let names = directory("names")?;
        let (files, inline) = match t.as_object().and_then(|o| o.get("table")) {
            Some(table) => (Vec::new(), Some(table_of(table).map_err(|e| format!("the {} table: {e}", facet.name()))?)),
            None => (strings(t, "files")?, None),
        };
        tables.push((facet, FacetTable { values: uint(field(t, "values")?)?, files, inline, names }));
    }
    let packs = field(&v, "packs")?;
    Ok(Manifest {
        build: string(field(&v, "build")?)?,
        claims: uint(field(&v, "claims")?)?,
        articles: uint(field(&v, "articles")?)?,
        newest: day("newest")?,
        oldest: day("oldest")?,
        keys: read_sharded(field(&v, "keys")?)?,
        key_pages: match v.as_object().and_then(|o| o.get("key_pages")) {
            Some(p) => read_sharded(p)?,
            None => Sharded::default(),
        },
        tables,
        pack_size: uint(field(packs, "size")?)?.max(1),
        packs: uint(field(packs, "count")?)?,
        pack_tables: strings(packs, "tables")?,
    })
}

/// The shortest prefix of `key` that sorts after `before` (`key` > `before`):
/// where a shard starts, as the manifest says it.
pub fn separator(before: &str, key: &str) -> String {
    let mut end = 0;
    for (i, c) in key.char_indices() {
        end = i + c.len_utf8();
        if &key[..end] > before {
            break;
        }
    }
    key[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::plain_name;

    #[test]
    fn a_file_s_kind_is_read_back_from_its_name() {
        for kind in Kind::ALL {
            let name = kind.name("31192095bf4e");
            assert!(plain_name(&name), "{name}");
            assert_eq!(Kind::of(&name), Some(kind));
            assert_eq!(Kind::of(&span_request(&name, Span { start: 3, end: 9 })), Some(kind));
        }
        assert_eq!(Kind::of(crate::archive::MANIFEST), None);
        assert_eq!(Kind::of("x-31192095bf4e.json"), None);
        assert!(labels_only(&Kind::Table.name("ab")) && !labels_only(&Kind::Pack.name("ab")));
    }

    #[test]
    fn only_plain_names_are_fetched() {
        for ok in ["k-31192095bf4e.json", "p-82d9a15005fc.jsonl", "archive.json"] {
            assert!(plain_name(ok), "{ok}");
        }
        for bad in
            ["", "//evil.example/k-1.json", "https://evil.example/x", "../k-1.json", ".hidden", "a/b", "k 1", "k?x"]
        {
            assert!(!plain_name(bad), "{bad}");
        }
    }

    use super::*;

    fn entry(day: i32, doc: u32) -> Entry {
        Entry {
            day,
            doc,
            speaker: doc % 3,
            kind: 1,
            units: 2 + doc % 2,
            verdict: (doc % 2 == 0).then_some(4),
            publisher: Some(0),
            topics: vec![doc],
            sources: vec![],
        }
    }

    #[test]
    fn lists_round_trip() {
        let list = vec![entry(20_000, 5), entry(20_000, 9), entry(19_990, 2), entry(super::super::UNDATED, 1)];
        assert_eq!(read_list_file(&write_list_file(&list)).unwrap(), list);
        assert_eq!(read_list_file(&write_list_file(&[])).unwrap(), vec![]);
        let block = write_list_block(&list);
        assert_eq!(read_list_blocks(&block).unwrap(), vec![(block.len(), list.clone())]);
        // Blocks side by side are read apart, each with its length.
        let (a, b) = (write_list_block(&list[..1]), write_list_block(&list[1..]));
        let both = [a.clone(), b.clone()].concat();
        let read = read_list_blocks(&both).unwrap();
        assert_eq!(read, vec![(a.len(), list[..1].to_vec()), (b.len(), list[1..].to_vec())]);
        assert!(read_list_blocks(&both[..both.len() - 1]).is_err(), "a block cut short");
        let err = read_list_blocks(b"{\"d\":[1]}").unwrap_err();
        assert!(err.starts_with("not a compressed list block"), "{err}");
    }

    #[test]
    fn shards_round_trip_and_reject_disorder() {
        let shard = Shard {
            keys: vec![
                KeyEntry {
                    key: "cease".into(),
                    count: 1,
                    postings: Postings::Inline(Inline::new(vec![entry(3, 1)])),
                    value: None,
                },
                KeyEntry {
                    key: "ceasefire".into(),
                    count: 2000,
                    value: None,
                    // Blocks in two files, the first not at a file's start.
                    postings: Postings::Parts(vec![
                        Part {
                            file: "l-abc.bin".into(),
                            span: Span { start: 70, end: 90 },
                            entries: 256,
                            newest: 9,
                            oldest: 8,
                        },
                        Part {
                            file: "l-abc.bin".into(),
                            span: Span { start: 90, end: 150 },
                            entries: 1024,
                            newest: 8,
                            oldest: 4,
                        },
                        Part {
                            file: "l-def.bin".into(),
                            span: Span { start: 0, end: 40 },
                            entries: 720,
                            newest: 3,
                            oldest: 1,
                        },
                    ]),
                },
            ],
        };
        let text = write_shard(&shard);
        assert_eq!(read_shard(&text).unwrap(), shard);
        assert_eq!(read_shard(&text).unwrap().range("cease", true).len(), 2);
        assert_eq!(read_shard(&text).unwrap().range("cease", false).len(), 1);
        let swapped = text.replace("[\"cease\",\"ceasefire\"]", "[\"ceasefire\",\"cease\"]");
        assert!(read_shard(&swapped).is_err());
        assert!(!text.contains("\"v\""), "a shard of words only has no value numbers");
    }

    #[test]
    fn a_value_s_number_is_beside_its_key() {
        let inline = |e| Postings::Inline(Inline::new(vec![e]));
        let shard = Shard {
            keys: vec![
                KeyEntry { key: "#snguyen-van-a".into(), count: 1, postings: inline(entry(3, 1)), value: Some(7) },
                KeyEntry { key: "#sreuters".into(), count: 1, postings: inline(entry(2, 1)), value: Some(0) },
                KeyEntry { key: "a".into(), count: 1, postings: inline(entry(1, 1)), value: None },
            ],
        };
        let text = write_shard(&shard);
        assert!(text.contains("\"v\":[7,0,-1]"), "{text}");
        assert_eq!(read_shard(&text).unwrap(), shard);
        assert!(read_shard(&text.replacen("[7,0,-1]", "[7,0]", 1)).unwrap_err().contains("differ in length"));
        assert!(read_shard(&text.replacen("[7,0,-1]", "[7,0,-2]", 1)).unwrap_err().contains("out of range"));
    }

    #[test]
    fn a_shards_lists_are_checked_on_arrival_and_decoded_when_read() {
        let shard = Shard {
            keys: vec![
                KeyEntry {
                    key: "a".into(),
                    count: 2,
                    postings: Postings::Inline(Inline::new(vec![entry(9, 1), entry(3, 4)])),
                    value: None,
                },
                KeyEntry {
                    key: "b".into(),
                    count: 1,
                    postings: Postings::Inline(Inline::new(vec![entry(5, 2)])),
                    value: None,
                },
            ],
        };
        let text = write_shard(&shard);
        let read = read_shard(&text).unwrap();
        let Postings::Inline(a) = &read.keys[0].postings else { panic!("not inline") };
        assert!(a.list.get().is_none(), "decoded before it was read");
        assert_eq!(a.list().unwrap(), &vec![entry(9, 1), entry(3, 4)]);
        // Columns of unequal length, bad JSON and missing columns: refused on arrival.
        let short = text.replacen("\"s\":[1,1]", "\"s\":[1]", 1);
        assert_ne!(short, text);
        assert!(read_shard(&short).unwrap_err().contains("\"s\" has 1 entries, \"d\" 2"));
        assert!(read_shard(&text[..text.len() - 3]).unwrap_err().contains("not valid JSON"));
        assert!(read_shard(&text.replacen("\"k\":[", "\"q\":[", 2)).unwrap_err().contains("no \"k\""));
        // A value out of range: found when the list is read, and said.
        let negative = text.replacen("\"s\":[1,1]", "\"s\":[1,-1]", 1);
        let read = read_shard(&negative).unwrap();
        let Postings::Inline(a) = &read.keys[0].postings else { panic!("not inline") };
        assert_eq!(a.list().unwrap_err(), "-1 is out of range");
        let Postings::Inline(b) = &read.keys[1].postings else { panic!("not inline") };
        assert_eq!(b.list().unwrap().len(), 1, "the other key's list is still read");
    }

    #[test]
    fn separators_are_short_and_between() {
        assert_eq!(separator("apple", "apricot"), "apr");
        assert_eq!(separator("cath", "cathartic"), "catha");
        assert_eq!(separator("", "b"), "b");
        let s = Sharded {
            from: vec!["".into(), "apr".into(), "c".into()],
            files: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(s.file_for("apple"), Some(0));
        assert_eq!(s.file_for("apr"), Some(1));
        assert_eq!(s.file_for("zebra"), Some(2));
        assert_eq!(s.files_for_prefix("ap"), 0..2);
    }

    #[test]
    fn bad_files_say_why() {
        assert!(read_shard("{\"k\":[\"a\"],\"n\":[1]}").unwrap_err().contains("\"p\""));
        assert!(read_manifest("{}").unwrap_err().contains("not a claim-cards archive"));
        assert!(read_list_file("{\"d\":[1,2],\"i\":[1],\"s\":[0,0],\"k\":[0,0]}").is_err());
        // A format 4 pack: a header line not a whole unit long.
        assert!(read_pack("{\"claim_cards_pack\":2,\"o\":\"0000002a0000002b\"}\n{}\n").is_err());
        assert!(read_pack(&pad_card("{}").replace('\n', " ")).is_err());
    }

    #[test]
    fn a_small_value_table_is_in_the_manifest() {
        let table = Table { labels: vec!["Quote".into(), "Report".into()], counts: vec![7, 3] };
        let m = Manifest {
            build: "b".into(),
            tables: vec![
                (
                    Facet::Speaker,
                    FacetTable { values: 300, files: vec!["v-1.json".into(), "v-2.json".into()], ..Default::default() },
                ),
                (Facet::Kind, FacetTable { values: 2, inline: Some(table.clone()), ..Default::default() }),
            ],
            pack_size: 4,
            ..Default::default()
        };
        let text = write_manifest(&m);
        assert!(
            text.contains("\"kind\":{\"values\":2,\"table\":{\"l\":[\"Quote\",\"Report\"],\"n\":[7,3]}}"),
            "{text}"
        );
        let read = read_manifest(&text).unwrap();
        assert_eq!(read.table(Facet::Kind).unwrap().inline, Some(table));
        assert_eq!(read.table(Facet::Speaker).unwrap().files.len(), 2);
        let bad = text.replace("\"n\":[7,3]", "\"n\":[7]");
        assert!(read_manifest(&bad).unwrap_err().starts_with("the kind table: "), "{bad}");
    }

    #[test]
    fn an_archive_of_an_older_format_is_refused_with_what_to_do() {
        for old in ["{\"claim_cards_archive\":1}", "{\"claim_cards_archive\":4}"] {
            assert!(read_manifest(old).unwrap_err().contains("build the archive again"));
        }
    }

    #[test]
    fn packs_are_read_by_spans() {
        // Cards at their places, a hole where one was removed.
        let long = format!("{{\"t\":\"{}\"}}", "x".repeat(300));
        let pack = [pad_card("{\"a\":1}"), hole(1), pad_card("{\"b\":\"ü\"}"), pad_card(&long)].concat();
        assert_eq!(pack.len() as u64 % UNIT, 0);
        assert_eq!(read_pack(&pack).unwrap(), vec![(0, "{\"a\":1}"), (2, "{\"b\":\"ü\"}"), (3, long.as_str())]);
        // Place 7 of packs 4 units long: the fourth unit of the second pack.
        let (p, card) = card_span(7, 2, 4);
        assert_eq!((p, card), (1, Span { start: 3 * UNIT, end: 5 * UNIT }));
        let (_, card) = card_span(3, 2, 8);
        assert_eq!(pack[card.start as usize..card.end as usize].trim_end(), long);
        let request = span_request("p-1.jsonl", card);
        assert_eq!(split_request(&request), ("p-1.jsonl", Some(card)));
        assert_eq!(split_request("k-1.json"), ("k-1.json", None));
        assert!(plain_name(split_request(&request).0));
    }
}
