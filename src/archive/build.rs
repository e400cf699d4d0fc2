//! `claim-cards archive build BUNDLES… -o DIR [--update]`: an archive from
//! bundles (feature `cli`).
//!
//! Two passes over the bundles, one at a time, so that no more than one
//! bundle's text is held: the first loads each to learn its date and check it
//! (a broken bundle is reported and skipped there), the second, newest article
//! first, numbers its claims, adds their words and facet values to the posting
//! lists (doc numbers, 4 bytes per word of a claim) and writes its cards into
//! packs as they fill: a claim's doc number is its card's place there. The
//! lists are written at the end, key by key.
//!
//! `--update` keeps the archive's doc numbers (the cards' places) and value
//! numbers: it reads the packs back (they hold every claim), leaves out the
//! articles being replaced (their cards' room stays, blank), adds the new
//! bundles' claims after the last place, and writes the files again.
//! A file whose content is unchanged keeps its name and is not rewritten: shards
//! are cut where a key's hash says (not after a fixed size), so a change moves
//! only the cuts near it, and packs hold fixed ranges of places.

use super::format::{self, KeyEntry, Kind, Manifest, Part, Postings, Shard, Sharded, Table};
use super::{day_of, identity, value_key, words, Entry, Facet, ALL_KEY, MANIFEST, STATE};
use crate::convert::write::bundle_json_compact;
use crate::load::{host_of, load};
use crate::model::Bundle;
use crate::problem::{Problem, Severity};
use crate::text::fold;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// A pack's length in [`format::UNIT`]s, unless `--pack-size` says
/// otherwise. Readers fetch a card by range, so a pack's size costs them
/// nothing; 12,288 units are 3 MB a file (≈ 4,000 cards of ≈ 700 bytes),
/// well under object stores' and CDNs' limits (Cloudflare Pages: 25 MB), and
/// ≈ 270 files for 10⁶ claims.
pub const PACK_SIZE: u32 = 12_288;
/// A shard is cut after a key whose hash is 0 modulo this, once it holds
/// [`SHARD_BYTES`]`.0` bytes; always at `.1`. A question reads a shard for
/// each word (and up to three for a prefix): 4–16 KB (≈ 2–7 KB compressed)
/// keeps that small; with long lists in shared list files, 10⁶ claims are
/// ≈ 7,000 shards.
const SHARD_CUT: u64 = 32;
pub const SHARD_BYTES: (usize, usize) = (4 * 1024, 16 * 1024);

#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub update: bool,
    pub pack_size: u32,
    /// How lists are cut: [`format::INLINE`], [`format::HEAD`],
    /// [`format::BLOCK`], [`format::LIST_FILE_BYTES`] (tests make them small).
    pub inline: usize,
    pub head: usize,
    pub block: usize,
    pub list_file_bytes: usize,
    /// Where shards (and, a third of it, names files) are cut: [`SHARD_BYTES`].
    pub shard_bytes: (usize, usize),
    /// Shards the manifest lists before it needs pages: [`format::PAGE`].
    pub page: usize,
    /// A value table this small goes in the manifest: [`format::INLINE_TABLE`].
    pub inline_table: usize,
}

impl Options {
    pub fn new(out: PathBuf) -> Options {
        Options {
            out,
            update: false,
            pack_size: PACK_SIZE,
            inline: format::INLINE,
            head: format::HEAD,
            block: format::BLOCK,
            list_file_bytes: format::LIST_FILE_BYTES,
            shard_bytes: SHARD_BYTES,
            page: format::PAGE,
            inline_table: format::INLINE_TABLE,
        }
    }
}

/// A bundle that could not be added, or was added without some of its claims.
#[derive(Debug, Clone)]
pub struct Reported {
    pub path: String,
    pub problems: Vec<Problem>,
    /// True when nothing of it is in the archive.
    pub skipped: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub bundles: usize,
    pub claims: u32,
    pub reported: Vec<Reported>,
    pub files: usize,
    pub written: usize,
    pub bytes: u64,
}

/// Every bundle file under `inputs` (files as given; folders searched for `*.json`), sorted.
pub fn bundle_files(inputs: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn hash_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn key_hash(key: &str) -> u64 {
    let d = Sha256::digest(key.as_bytes());
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// What identifies an article across builds: its URL and language (a
/// translation is an article of its own), else its file.
fn article_identity(bundle: &Bundle, path: &Path) -> String {
    match &bundle.article.url {
        Some(url) => format!("{url} {}", bundle.article.language.as_deref().unwrap_or("")),
        None => format!("file:{}", std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).display()),
    }
}

/// One facet's values while building: numbered as first seen, each with its
/// label and count; renumbered at the end.
#[derive(Default)]
struct Values {
    by_identity: FxHashMap<String, u32>,
    labels: Vec<String>,
    counts: Vec<u32>,
    /// Values that had a number in the archive being updated (kept as they were).
    kept: usize,
}

impl Values {
    fn number(&mut self, label: &str) -> Option<u32> {
        let id = identity(label);
        if id.is_empty() {
            return None;
        }
        let n = match self.by_identity.get(&id) {
            Some(&n) => n,
            None => {
                let n = self.labels.len() as u32;
                self.by_identity.insert(id, n);
                self.labels.push(label.to_owned());
                self.counts.push(0);
                n
            }
        };
        self.counts[n as usize] += 1;
        Some(n)
    }

    /// Final numbers: the kept ones unchanged; the others after them, most claims first.
    fn renumbering(&self) -> Vec<u32> {
        let mut new: Vec<u32> = (self.kept as u32..self.labels.len() as u32).collect();
        new.sort_by(|&a, &b| {
            self.counts[b as usize]
                .cmp(&self.counts[a as usize])
                .then_with(|| self.labels[a as usize].cmp(&self.labels[b as usize]))
        });
        let mut map: Vec<u32> = (0..self.labels.len() as u32).collect();
        for (i, old) in new.into_iter().enumerate() {
            map[old as usize] = (self.kept + i) as u32;
        }
        map
    }
}

/// A doc's facet values (provisional numbers) and day.
struct Doc {
    day: i32,
    /// Its card's length in [`format::UNIT`]s.
    units: u32,
    speaker: u32,
    kind: u32,
    verdict: Option<u32>,
    publisher: Option<u32>,
    topics: Vec<u32>,
    sources: Vec<u32>,
}

#[derive(Default)]
struct Index {
    /// By doc number: a card's place, so most numbers have no doc (a card
    /// takes ≈ 3 units); boxed, a number without one costs 8 bytes.
    docs: Vec<Option<Box<Doc>>>,
    values: [Values; 6],
    words: BTreeMap<String, Vec<u32>>,
    articles: u32,
}

fn facet_ix(f: Facet) -> usize {
    Facet::ALL.iter().position(|&x| x == f).unwrap_or(0)
}

impl Index {
    /// Adds the claims of `bundle`, each as the doc its card's place and
    /// length (`cards[i]`, claim `i`'s) say.
    fn add(&mut self, bundle: &Bundle, cards: &[(u32, u32)]) {
        let a = &bundle.article;
        let publisher = a.publisher.clone().or_else(|| a.url.as_deref().and_then(host_of));
        let mut text = String::new();
        for (c, &(doc, units)) in bundle.claims.iter().zip(cards) {
            let speaker = &bundle.speakers[c.speaker];
            let mut v = |f: Facet, label: &str| self.values[facet_ix(f)].number(label);
            let sp = v(Facet::Speaker, &speaker.name).or_else(|| v(Facet::Speaker, &speaker.id)).unwrap_or(0);
            let kind = v(Facet::Kind, c.kind.as_str()).unwrap_or(0);
            let verdict = c.review.as_ref().and_then(|r| v(Facet::Verdict, &bundle.verdicts[r.verdict]));
            let publisher = publisher.as_deref().and_then(|p| v(Facet::Publisher, p));
            let mut topics: Vec<u32> =
                c.topics.iter().filter_map(|&t| v(Facet::Topic, &bundle.topics[t].label())).collect();
            let mut sources: Vec<u32> =
                c.sources.iter().filter_map(|&s| v(Facet::Source, &bundle.sources[s].name)).collect();
            topics.dedup();
            sources.dedup();
            // The text a reader's words are found in: the same as one bundle's search.
            text.clear();
            for part in [
                Some(c.text.as_str()),
                Some(speaker.name.as_str()),
                speaker.role.as_deref(),
                speaker.affiliation.as_deref(),
            ]
            .into_iter()
            .flatten()
            .chain(c.sources.iter().map(|&s| bundle.sources[s].name.as_str()))
            .chain(c.review.as_ref().map(|r| bundle.verdicts[r.verdict].as_str()))
            {
                text.push_str(&fold(part));
                text.push(' ');
            }
            let mut seen: Vec<&str> = words(&text).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                match self.words.get_mut(w) {
                    Some(list) => list.push(doc),
                    None => {
                        self.words.insert(w.to_owned(), vec![doc]);
                    }
                }
            }
            let d = Doc {
                day: day_of(c.date.as_ref().or(a.published.as_ref())),
                units,
                speaker: sp,
                kind,
                verdict,
                publisher,
                topics,
                sources,
            };
            let at = doc as usize;
            if self.docs.len() <= at {
                self.docs.resize_with(at + 1, || None);
            }
            self.docs[at] = Some(Box::new(d));
        }
    }
}

/// Writes each content-hashed file once (an existing one has this content).
struct Writer {
    dir: PathBuf,
    files: Vec<String>,
    written: usize,
    bytes: u64,
}

impl Writer {
    fn put(&mut self, kind: Kind, content: &str) -> io::Result<String> {
        self.put_bytes(kind, content.as_bytes())
    }

    /// A file of the archive being updated that the new build uses as it is.
    fn keep(&mut self, name: &str) {
        if self.files.last().is_none_or(|f| f != name) {
            self.files.push(name.to_owned());
        }
    }

    fn put_bytes(&mut self, kind: Kind, content: &[u8]) -> io::Result<String> {
        let name = kind.name(&hash_hex(content));
        let path = self.dir.join(&name);
        if !path.exists() {
            let tmp = self.dir.join(format!(".{name}.tmp"));
            std::fs::write(&tmp, content)?;
            std::fs::rename(&tmp, &path)?;
            self.written += 1;
        }
        self.bytes += content.len() as u64;
        self.files.push(name.clone());
        Ok(name)
    }
}

/// The key space of the archive being updated, read shard by shard as the
/// new build's keys (in the same order) reach it: where each long list's
/// blocks are, so a list that did not change keeps its blocks where they are.
struct OldKeys {
    dir: PathBuf,
    shards: Sharded,
    current: Option<(usize, Shard)>,
}

impl OldKeys {
    fn open(dir: &Path, m: &Manifest) -> io::Result<OldKeys> {
        let mut shards = m.keys.clone();
        for file in &m.key_pages.files {
            let page = format::read_page(&std::fs::read_to_string(dir.join(file))?)
                .map_err(|e| invalid(format!("{file}: {e}")))?;
            shards.from.extend(page.from);
            shards.files.extend(page.files);
        }
        Ok(OldKeys { dir: dir.to_owned(), shards, current: None })
    }

    /// The blocks `key`'s list had, if it was a long list.
    fn parts(&mut self, key: &str) -> io::Result<Option<Vec<Part>>> {
        let Some(i) = self.shards.file_for(key) else { return Ok(None) };
        if self.current.as_ref().is_none_or(|(j, _)| *j != i) {
            let file = &self.shards.files[i];
            let shard = format::read_shard(&std::fs::read_to_string(self.dir.join(file))?)
                .map_err(|e| invalid(format!("{file}: {e}")))?;
            self.current = Some((i, shard));
        }
        let Some((_, shard)) = &self.current else { return Ok(None) };
        Ok(shard.range(key, false).first().and_then(|k| match &k.postings {
            Postings::Parts(parts) => Some(parts.clone()),
            Postings::Inline(_) => None,
        }))
    }

    /// Whether `blocks` are, byte for byte, those of `parts` in the old files.
    fn same<'b>(&self, parts: &[Part], blocks: impl ExactSizeIterator<Item = &'b [u8]>) -> bool {
        parts.len() == blocks.len()
            && parts.iter().zip(blocks).all(|(p, b)| {
                p.span.end - p.span.start == b.len() as u64
                    && format::read_local(&self.dir, &p.request()).is_ok_and(|old| old == b)
            })
    }
}

/// Packs, filled in place order: pack `p` holds the places `p × size …`
/// (in [`format::UNIT`]s), each card the one-claim bundle [`single`] makes,
/// padded to whole units ([`format::pad_card`]). A card does not begin in a
/// pack it would not fit in, unless it is the pack's first (it is longer
/// than a pack: its pack is longer than the others).
struct Packs {
    size: u32,
    /// The pack being filled, and what it holds so far.
    current: u32,
    body: String,
    names: Vec<String>,
}

impl Packs {
    fn new(size: u32) -> Packs {
        Packs { size: size.max(1), current: 0, body: String::new(), names: Vec::new() }
    }

    /// Writes the packs before `pack` (an empty one is named "").
    fn flush_until(&mut self, w: &mut Writer, pack: u32) -> io::Result<()> {
        while self.current < pack {
            let name = if self.body.trim().is_empty() { String::new() } else { w.put(Kind::Pack, &self.body)? };
            self.names.push(name);
            self.body.clear();
            self.current += 1;
        }
        Ok(())
    }

    /// Writes every pack with a card.
    fn finish(&mut self, w: &mut Writer) -> io::Result<()> {
        let end = if self.body.is_empty() { self.current } else { self.current + 1 };
        self.flush_until(w, end)
    }

    /// The first place no card has yet.
    fn next(&self) -> u32 {
        self.current * self.size + units(&self.body).min(self.size)
    }

    /// Leaves the places before `place` to the cards there already (and
    /// room where none is: a removed card's, kept so the others keep theirs).
    fn reserve(&mut self, w: &mut Writer, place: u32) -> io::Result<()> {
        if place < self.next() {
            return Ok(());
        }
        self.flush_until(w, place / self.size)?;
        let used = units(&self.body);
        self.body.push_str(&format::hole(u64::from((place % self.size).saturating_sub(used))));
        Ok(())
    }

    /// A card (its padded line) at `place`, after every card so far.
    fn put(&mut self, w: &mut Writer, place: u32, line: &str) -> io::Result<()> {
        self.reserve(w, place)?;
        self.body.push_str(line);
        Ok(())
    }

    /// A new card after every other: its place and length in units.
    fn add(&mut self, w: &mut Writer, card: &str) -> io::Result<(u32, u32)> {
        let line = format::pad_card(card);
        let units = units(&line);
        let mut place = self.next();
        let used = place % self.size;
        if used > 0 && used + units > self.size {
            place += self.size - used;
        }
        self.put(w, place, &line)?;
        Ok((place, units))
    }

    /// A whole article, a card per claim: each card's place and length.
    fn article(&mut self, w: &mut Writer, bundle: &Bundle) -> io::Result<Vec<(u32, u32)>> {
        (0..bundle.claims.len()).map(|i| self.add(w, &bundle_json_compact(&single(bundle, i)))).collect()
    }
}

/// How many [`format::UNIT`]s `text` (padded cards) takes.
fn units(text: &str) -> u32 {
    (text.len() as u64 / format::UNIT) as u32
}

/// Claim `i` of `bundle` as a bundle of its own: the article, the claim, and
/// only the speaker, sources and topics it names (a card is fetched alone).
fn single(bundle: &Bundle, i: usize) -> Bundle {
    let mut claim = bundle.claims[i].clone();
    let speakers = vec![bundle.speakers[claim.speaker].clone()];
    claim.speaker = 0;
    let mut sources = Vec::new();
    let mut keep = |ix: &mut usize| {
        let s = &bundle.sources[*ix];
        *ix = match sources.iter().position(|x: &crate::model::Source| x.id == s.id) {
            Some(at) => at,
            None => {
                sources.push(s.clone());
                sources.len() - 1
            }
        };
    };
    claim.sources.iter_mut().for_each(&mut keep);
    if let Some(reviewer) = claim.review.as_mut().and_then(|r| r.reviewer.as_mut()) {
        keep(reviewer);
    }
    let mut topics = Vec::new();
    for t in &mut claim.topics {
        topics.push(bundle.topics[*t].clone());
        *t = topics.len() - 1;
    }
    Bundle {
        version: bundle.version,
        article: bundle.article.clone(),
        speakers,
        sources,
        claims: vec![claim],
        topics,
        verdicts: bundle.verdicts.clone(),
    }
}

/// What the build keeps for `--update`: each article's identity, content hash
/// and docs.
#[derive(Debug, Clone, PartialEq)]
struct Kept {
    identity: String,
    hash: String,
    /// Its cards' places: `first` up to (not with) `end`.
    first: u32,
    end: u32,
}

fn write_state(articles: &[Kept], next_doc: u32) -> String {
    let mut out = format!("{{\"claim_cards_archive_build\":2,\"next_doc\":{next_doc},\"articles\":[\n");
    for (i, a) in articles.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            "[{},{},{},{}]",
            crate::json::quote(&a.identity),
            crate::json::quote(&a.hash),
            a.first,
            a.end
        ));
    }
    out.push_str("\n]}\n");
    out
}

fn read_state(text: &str) -> Result<(Vec<Kept>, u32), String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if v["claim_cards_archive_build"].as_u64() != Some(2) {
        return Err("written by an earlier claim-cards: build the archive again, without --update".into());
    }
    let next = v["next_doc"].as_u64().ok_or("no next_doc")? as u32;
    let articles = v["articles"]
        .as_array()
        .ok_or("no articles")?
        .iter()
        .map(|a| {
            Some(Kept {
                identity: a.get(0)?.as_str()?.to_owned(),
                hash: a.get(1)?.as_str()?.to_owned(),
                first: a.get(2)?.as_u64()? as u32,
                end: a.get(3)?.as_u64()? as u32,
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("a malformed article")?;
    Ok((articles, next))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Builds (or updates) the archive in `opts.out` from the bundle files `paths`.
pub fn build(paths: &[PathBuf], opts: &Options) -> io::Result<Report> {
    let dir = &opts.out;
    std::fs::create_dir_all(dir)?;
    let mut report = Report::default();
    let mut index = Index::default();
    let mut w = Writer { dir: dir.clone(), files: Vec::new(), written: 0, bytes: 0 };

    // The archive being updated: its articles, numbers and packs.
    let mut kept: Vec<Kept> = Vec::new();
    let mut next_doc = 0u32;
    let mut old: Option<Manifest> = None;
    if opts.update && dir.join(MANIFEST).exists() {
        let text = std::fs::read_to_string(dir.join(STATE))
            .map_err(|e| invalid(format!("{}: {e}", dir.join(STATE).display())))?;
        let (articles, next) = read_state(&text).map_err(|e| invalid(format!("{}: {e}", dir.join(STATE).display())))?;
        kept = articles;
        next_doc = next;
        let m = format::read_manifest(&std::fs::read_to_string(dir.join(MANIFEST))?)
            .map_err(|e| invalid(format!("{MANIFEST}: {e}")))?;
        for (facet, t) in &m.tables {
            let values = &mut index.values[facet_ix(*facet)];
            // The table in the manifest, or its chunk files.
            let mut tables: Vec<Table> = t.inline.iter().cloned().collect();
            for file in &t.files {
                tables.push(
                    format::read_table(&std::fs::read_to_string(dir.join(file))?)
                        .map_err(|e| invalid(format!("{file}: {e}")))?,
                );
            }
            for table in tables {
                for label in table.labels {
                    values.by_identity.insert(identity(&label), values.labels.len() as u32);
                    values.labels.push(label);
                    values.counts.push(0);
                }
            }
            values.kept = values.labels.len();
        }
        old = Some(m);
    }

    // Pass 1: check every bundle, learn its date.
    struct Found {
        path: PathBuf,
        identity: String,
        hash: String,
        day: i32,
    }
    let mut found: Vec<Found> = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                let problem =
                    Problem::new(Severity::Error, crate::problem::Place::Bundle, None, format!("cannot be read: {e}"));
                report.reported.push(Reported { path: shown, problems: vec![problem], skipped: true });
                continue;
            }
        };
        let loaded = load(&text);
        let Some(bundle) = loaded.bundle else {
            report.reported.push(Reported { path: shown, problems: loaded.problems, skipped: true });
            continue;
        };
        if loaded.problems.iter().any(|p| p.severity == Severity::Error) {
            report.reported.push(Reported { path: shown, problems: loaded.problems, skipped: false });
        }
        if bundle.claims.is_empty() {
            continue;
        }
        let day =
            bundle.article.published.as_ref().map(|d| day_of(Some(d))).unwrap_or_else(|| {
                bundle.claims.iter().map(|c| day_of(c.date.as_ref())).max().unwrap_or(super::UNDATED)
            });
        found.push(Found {
            path: path.clone(),
            identity: article_identity(&bundle, path),
            hash: hash_hex(text.as_bytes()),
            day,
        });
    }
    // One bundle per article: the last file of the same article wins.
    let mut by_identity: FxHashMap<String, usize> = FxHashMap::default();
    for (i, f) in found.iter().enumerate() {
        by_identity.insert(f.identity.clone(), i);
    }
    let mut order: Vec<usize> = by_identity.values().copied().collect();
    // Newest article first, then by file.
    order.sort_by(|&a, &b| found[b].day.cmp(&found[a].day).then_with(|| found[a].path.cmp(&found[b].path)));

    // Unchanged articles stay as they are; replaced ones leave.
    let replaced: FxHashMap<&str, ()> = order
        .iter()
        .filter(|&&i| !kept.iter().any(|k| k.identity == found[i].identity && k.hash == found[i].hash))
        .map(|&i| (found[i].identity.as_str(), ()))
        .collect();
    let mut articles: Vec<Kept> =
        kept.iter().filter(|k| !replaced.contains_key(k.identity.as_str())).cloned().collect();
    articles.sort_by_key(|k| k.first);

    let size = old.as_ref().map_or(opts.pack_size.max(1), |m| m.pack_size);
    let mut packs = Packs::new(size);
    if let Some(m) = &old {
        // Pass 0 (update): the kept articles' claims, from the packs.
        let mut chunk: Vec<String> = Vec::new();
        for p in 0..m.packs {
            let t = (p as usize) / format::TABLE_CHUNK;
            if (p as usize) % format::TABLE_CHUNK == 0 {
                let file = &m.pack_tables[t];
                chunk = format::read_pack_table(&std::fs::read_to_string(dir.join(file))?)
                    .map_err(|e| invalid(format!("{file}: {e}")))?;
            }
            let Some(file) = chunk.get((p as usize) % format::TABLE_CHUNK).filter(|f| !f.is_empty()) else { continue };
            let text = std::fs::read_to_string(dir.join(file))?;
            let cards = format::read_pack(&text).map_err(|e| invalid(format!("{file}: {e}")))?;
            for (j, card) in cards {
                let doc = p * m.pack_size + j;
                let i = articles.partition_point(|k| k.end <= doc);
                if articles.get(i).is_none_or(|k| k.first > doc) {
                    continue; // an article being replaced
                }
                let bundle = load(card).bundle.ok_or_else(|| invalid(format!("{file}: card {j} does not load")))?;
                let line = format::pad_card(card);
                index.add(&bundle, &[(doc, units(&line))]);
                packs.put(&mut w, doc, &line)?;
            }
        }
        index.articles = articles.len() as u32;
    }

    // Pass 2: the new articles, newest first.
    for &i in &order {
        let f = &found[i];
        if !replaced.contains_key(f.identity.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&f.path)?;
        let Some(bundle) = load(&text).bundle else { continue };
        // After every place an earlier build gave (a replaced article's too).
        packs.reserve(&mut w, next_doc)?;
        let cards = packs.article(&mut w, &bundle)?;
        index.add(&bundle, &cards);
        let first = cards.first().map_or(next_doc, |c| c.0);
        next_doc = packs.next();
        index.articles += 1;
        articles.push(Kept { identity: f.identity.clone(), hash: hash_hex(text.as_bytes()), first, end: next_doc });
        report.bundles += 1;
    }
    packs.finish(&mut w)?;

    let old_keys = match &old {
        Some(m) => Some(OldKeys::open(dir, m)?),
        None => None,
    };
    let manifest = write_index(&mut index, &mut w, packs, opts, old_keys)?;
    report.claims = manifest.claims;
    let mut unique = w.files.clone();
    unique.sort();
    unique.dedup();
    report.files = unique.len() + 1;
    report.written = w.written + 1;
    std::fs::write(dir.join(STATE), write_state(&articles, next_doc))?;
    let text = format::write_manifest(&manifest);
    report.bytes = w.bytes + text.len() as u64;
    let tmp = dir.join(format!(".{MANIFEST}.tmp"));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, dir.join(MANIFEST))?;
    Ok(report)
}

/// Cuts a sorted run of items into files where an item's key hash says.
struct Cutter {
    min: usize,
    max: usize,
    size: usize,
}

impl Cutter {
    fn cut_after(&mut self, key: &str, bytes: usize) -> bool {
        self.size += bytes;
        let cut = self.size >= self.max || (self.size >= self.min && key_hash(key) % SHARD_CUT == 0);
        if cut {
            self.size = 0;
        }
        cut
    }
}

/// Writes the key space: its shards, and the blocks of its long lists in
/// shared list files (a file holds the blocks of many lists; a reader asks
/// for a block's bytes). A file is named by its content, so a part names
/// its file by number until the file is written, and a shard with such a
/// part waits for it (a shard's name is its content's hash too).
struct Keys {
    shards: Sharded,
    /// Shards closed, waiting for their lists' files: each with its first key as the directory gives it.
    waiting: std::collections::VecDeque<(String, Shard)>,
    closed: usize,
    /// The list file being filled, and the names of those written, by number.
    file: Vec<u8>,
    names: Vec<String>,
}

/// How a part names its list file before the file is written: this, then its number.
const UNWRITTEN: &str = "\0";

/// The number of the list file a part names, while that file is not written.
fn unwritten(file: &str) -> Option<usize> {
    file.strip_prefix(UNWRITTEN)?.parse().ok()
}

impl Keys {
    fn new() -> Keys {
        Keys { shards: Sharded::default(), waiting: Default::default(), closed: 0, file: Vec::new(), names: Vec::new() }
    }

    /// Adds a long list's blocks (the head, then [`format::BLOCK`]s, each
    /// compressed on its own) to the list files — unless they are, byte for
    /// byte, the blocks `old` (an update) had: those stay where they are.
    fn blocks(
        &mut self,
        w: &mut Writer,
        entries: &[Entry],
        opts: &Options,
        old: Option<(&OldKeys, Vec<Part>)>,
    ) -> io::Result<Vec<Part>> {
        let mut blocks = Vec::new();
        let mut rest = entries;
        let mut take = opts.head.max(1);
        while !rest.is_empty() {
            let (block, after) = rest.split_at(take.min(rest.len()));
            blocks.push((
                format::write_list_block(block),
                block.len() as u32,
                block[0].day,
                block[block.len() - 1].day,
            ));
            rest = after;
            take = opts.block.max(1);
        }
        if let Some((old, parts)) = old {
            if old.same(&parts, blocks.iter().map(|b| b.0.as_slice())) {
                for p in &parts {
                    w.keep(&p.file);
                }
                return Ok(parts);
            }
        }
        let mut parts = Vec::new();
        for (bytes, entries, newest, oldest) in blocks {
            let start = self.file.len() as u64;
            self.file.extend_from_slice(&bytes);
            parts.push(Part {
                file: format!("{UNWRITTEN}{}", self.names.len()),
                span: format::Span { start, end: self.file.len() as u64 },
                entries,
                newest,
                oldest,
            });
            if self.file.len() >= opts.list_file_bytes {
                self.write_list_file(w)?;
            }
        }
        Ok(parts)
    }

    fn write_list_file(&mut self, w: &mut Writer) -> io::Result<()> {
        if !self.file.is_empty() {
            let name = w.put_bytes(Kind::List, &self.file)?;
            self.names.push(name);
            self.file.clear();
        }
        self.write_ready(w)
    }

    /// Closes `shard` (if it has keys); `last` is the last key of the shard before it.
    fn close(&mut self, w: &mut Writer, shard: &mut Shard, last: &str) -> io::Result<()> {
        if shard.keys.is_empty() {
            return Ok(());
        }
        let from = if self.closed == 0 { String::new() } else { format::separator(last, &shard.keys[0].key) };
        self.closed += 1;
        self.waiting.push_back((from, std::mem::take(shard)));
        self.write_ready(w)
    }

    /// Writes the waiting shards whose list files are all written, in order.
    fn write_ready(&mut self, w: &mut Writer) -> io::Result<()> {
        while let Some((_, shard)) = self.waiting.front() {
            let written = self.names.len();
            let ready = shard.keys.iter().all(|k| match &k.postings {
                Postings::Parts(parts) => parts.iter().all(|p| unwritten(&p.file).is_none_or(|n| n < written)),
                Postings::Inline(_) => true,
            });
            if !ready {
                break;
            }
            let Some((from, mut shard)) = self.waiting.pop_front() else { break };
            for k in &mut shard.keys {
                if let Postings::Parts(parts) = &mut k.postings {
                    for p in parts {
                        if let Some(n) = unwritten(&p.file) {
                            p.file.clone_from(&self.names[n]);
                        }
                    }
                }
            }
            self.shards.from.push(from);
            self.shards.files.push(w.put(Kind::Shard, &format::write_shard(&shard))?);
        }
        Ok(())
    }

    /// Writes the last list file and every shard; the shards' directory.
    fn finish(mut self, w: &mut Writer) -> io::Result<Sharded> {
        self.write_list_file(w)?;
        debug_assert!(self.waiting.is_empty());
        Ok(self.shards)
    }
}

/// Writes sorted `items` (each a key and what it holds) as files of `kind`,
/// cut where `cutter` says (an item's size by `bytes`), each file's JSON by
/// `write`; returns their directory (each file's first key and name).
fn write_directory<T>(
    w: &mut Writer,
    kind: Kind,
    items: &[(String, T)],
    mut cutter: Cutter,
    bytes: impl Fn(&(String, T)) -> usize,
    write: impl Fn(&[(String, T)]) -> String,
) -> io::Result<Sharded> {
    let mut out = Sharded::default();
    let mut start = 0;
    for (i, item) in items.iter().enumerate() {
        if cutter.cut_after(&item.0, bytes(item)) || i + 1 == items.len() {
            let part = &items[start..=i];
            out.from.push(if start == 0 { String::new() } else { format::separator(&items[start - 1].0, &part[0].0) });
            out.files.push(w.put(kind, &write(part))?);
            start = i + 1;
        }
    }
    Ok(out)
}

/// Writes the posting lists, tables, names and pack tables; returns the manifest.
fn write_index(
    index: &mut Index,
    w: &mut Writer,
    packs: Packs,
    opts: &Options,
    mut old: Option<OldKeys>,
) -> io::Result<Manifest> {
    let maps: Vec<Vec<u32>> = index.values.iter().map(Values::renumbering).collect();
    let map = |f: Facet, v: u32| maps[facet_ix(f)][v as usize];
    let entry = |doc: u32, d: &Doc| Entry {
        day: d.day,
        doc,
        speaker: map(Facet::Speaker, d.speaker),
        kind: map(Facet::Kind, d.kind),
        units: d.units,
        verdict: d.verdict.map(|v| map(Facet::Verdict, v)),
        publisher: d.publisher.map(|v| map(Facet::Publisher, v)),
        topics: d.topics.iter().map(|&v| map(Facet::Topic, v)).collect(),
        sources: d.sources.iter().map(|&v| map(Facet::Source, v)).collect(),
    };
    let claims = index.docs.iter().filter(|d| d.is_some()).count() as u32;
    let days = index.docs.iter().flatten().map(|d| d.day).filter(|&d| d != super::UNDATED);
    let (newest, oldest) = (days.clone().max(), days.min());

    // Facet keys: each value's docs, keyed by its identity, with its number.
    // They and `#all` sort before every word.
    let identities: Vec<Vec<String>> = Facet::ALL
        .iter()
        .map(|&f| {
            let (values, m) = (&index.values[facet_ix(f)], &maps[facet_ix(f)]);
            let mut ids = vec![String::new(); values.labels.len()];
            for (old, label) in values.labels.iter().enumerate() {
                ids[m[old] as usize] = identity(label);
            }
            ids
        })
        .collect();
    let mut facet_lists: BTreeMap<String, (Option<u32>, Vec<u32>)> = BTreeMap::new();
    let mut all = Vec::with_capacity(claims as usize);
    for (doc, d) in index.docs.iter().enumerate() {
        let Some(d) = d else { continue };
        let doc = doc as u32;
        all.push(doc);
        let e = entry(doc, d);
        for f in Facet::ALL {
            e.each_value(f, |v| {
                let key = value_key(f, &identities[facet_ix(f)][v as usize]);
                facet_lists.entry(key).or_insert_with(|| (Some(v), Vec::new())).1.push(doc);
            });
        }
    }
    facet_lists.insert(ALL_KEY.to_owned(), (None, all));

    let mut keys = Keys::new();
    let mut shard = Shard::default();
    let mut last_key = String::new();
    let mut cutter = Cutter { min: opts.shard_bytes.0, max: opts.shard_bytes.1, size: 0 };
    let word_lists = std::mem::take(&mut index.words).into_iter().map(|(word, docs)| (word, (None, docs)));
    let lists = std::mem::take(&mut facet_lists).into_iter().chain(word_lists);
    for (key, (value, docs)) in lists {
        let mut entries: Vec<Entry> =
            docs.iter().filter_map(|&doc| index.docs[doc as usize].as_ref().map(|d| entry(doc, d))).collect();
        if entries.is_empty() {
            continue;
        }
        entries.sort_by(Entry::order);
        let count = entries.len() as u32;
        let (postings, bytes) = if entries.len() <= opts.inline {
            let mut s = String::new();
            format::write_list(&mut s, &entries);
            (Postings::Inline(format::Inline::new(entries)), s.len())
        } else {
            let before = match old.as_mut() {
                Some(o) => o.parts(&key)?.map(|p| (&*o, p)),
                None => None,
            };
            let parts = keys.blocks(w, &entries, opts, before)?;
            // What its blocks' columns take in the shard.
            let bytes = 40 + 16 * parts.len();
            (Postings::Parts(parts), bytes)
        };
        // `#all` is read by every question opened cold (it drives the view's
        // opening page and the facets' counts): a shard of its own, not one
        // of the facet values' long inline lists beside it.
        let alone = key == ALL_KEY;
        if alone && !shard.keys.is_empty() {
            let before = shard.keys[shard.keys.len() - 1].key.clone();
            keys.close(w, &mut shard, &last_key)?;
            last_key = before;
        }
        shard.keys.push(KeyEntry { key: key.clone(), count, postings, value });
        if alone || cutter.cut_after(&key, bytes + key.len()) {
            cutter.size = 0;
            keys.close(w, &mut shard, &last_key)?;
            last_key = key;
        }
    }
    keys.close(w, &mut shard, &last_key)?;
    let mut shards = keys.finish(w)?;

    // Value tables and names.
    let mut tables = Vec::new();
    for f in Facet::ALL {
        let values = &index.values[facet_ix(f)];
        let m = &maps[facet_ix(f)];
        let mut ordered: Vec<(u32, usize)> = (0..values.labels.len()).map(|old| (m[old], old)).collect();
        ordered.sort();
        let (mut files, mut inline) = (Vec::new(), None);
        for chunk in ordered.chunks(format::TABLE_CHUNK) {
            let table = Table {
                labels: chunk.iter().map(|&(_, old)| values.labels[old].clone()).collect(),
                counts: chunk.iter().map(|&(_, old)| values.counts[old]).collect(),
            };
            let text = format::write_table(&table);
            if ordered.len() <= format::TABLE_CHUNK && text.len() <= opts.inline_table {
                inline = Some(table);
            } else {
                files.push(w.put(Kind::Table, &text)?);
            }
        }
        let mut names = Sharded::default();
        if f.named() {
            let mut by_word: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
            for &(n, old) in &ordered {
                if values.counts[old] == 0 {
                    continue;
                }
                let folded = fold(&values.labels[old]);
                let mut seen: Vec<&str> = words(&folded).collect();
                seen.sort_unstable();
                seen.dedup();
                for word in seen {
                    by_word.entry(word.to_owned()).or_default().push((values.counts[old], n));
                }
            }
            let words: Vec<(String, Vec<u32>)> = by_word
                .into_iter()
                .map(|(word, mut vs)| {
                    vs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                    (word, vs.into_iter().map(|(_, n)| n).collect())
                })
                .collect();
            // Names files are cut at a third of a shard's size.
            let third = Cutter { min: opts.shard_bytes.0 / 3, max: opts.shard_bytes.1 / 3, size: 0 };
            names = write_directory(
                w,
                Kind::Names,
                &words,
                third,
                |(word, vs)| word.len() + 8 * vs.len(),
                format::write_names,
            )?;
        }
        tables.push((f, format::FacetTable { values: values.labels.len() as u32, files, inline, names }));
    }

    let mut pack_tables = Vec::new();
    for chunk in packs.names.chunks(format::TABLE_CHUNK) {
        pack_tables.push(w.put(Kind::PackTable, &format::write_pack_table(chunk))?);
    }
    // Too many shards for the manifest: pages of them.
    let mut key_pages = Sharded::default();
    let per_page = opts.page.max(1);
    if shards.files.len() > per_page {
        for (from, files) in shards.from.chunks(per_page).zip(shards.files.chunks(per_page)) {
            let page = Sharded { from: from.to_vec(), files: files.to_vec() };
            key_pages.from.push(from[0].clone());
            key_pages.files.push(w.put(Kind::Page, &format::write_page(&page))?);
        }
        shards = Sharded::default();
    }
    let mut all_names = w.files.clone();
    all_names.sort();
    let build = hash_hex(all_names.join("\n").as_bytes());
    Ok(Manifest {
        build,
        claims,
        articles: index.articles,
        newest,
        oldest,
        keys: shards,
        key_pages,
        tables,
        pack_size: packs.size,
        packs: packs.names.len() as u32,
        pack_tables,
    })
}
