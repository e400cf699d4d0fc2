//! The archive (issue #22): built from generated newsrooms, asked generated
//! questions, and checked against a brute-force filter of the same claims.
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

use claim_cards::archive::build::{self, Options, Report};
use claim_cards::archive::format::{self, read_local, Manifest};
use claim_cards::archive::query::{self, Answer, FacetCounts, Files, Limits, Query};
use claim_cards::archive::session::{self, Choice, Page, Session};
use claim_cards::archive::{identity, words, Facet, MANIFEST, UNDATED};
use claim_cards::date::IsoDate;
use claim_cards::load::{host_of, load};
use claim_cards::model::Bundle;
use claim_cards::text::fold;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn temp_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("cc-archive-{tag}-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---- a generated newsroom ---------------------------------------------------

const SPEAKERS: &[&str] =
    &["Nguyễn Văn An", "nguyen van an", "Donald Trump", "Karoline Leavitt", "Hazem Qassem", "Bộ Ngoại giao"];
const SOURCES: &[&str] = &["Reuters", "AFP", "Truth Social", "Thanh Niên", "Họp báo"];
const TOPICS: &[&str] = &["Ceasefire", "Ngừng bắn", "Hostages", "Economy"];
const VERDICTS: &[&str] = &["False", "Mostly true", "Sai"];
const WORDS: &[&str] = &[
    "ceasefire",
    "cease",
    "ngừng",
    "bắn",
    "hamas",
    "hostages",
    "host",
    "economy",
    "economic",
    "Gaza",
    "trade",
    "tariffs",
    "lệnh",
];
const PUBLISHERS: &[&str] = &["Thanh Niên", "The Daily", "VnExpress"];

#[derive(Debug, Clone)]
struct Claim {
    speaker: usize,
    sources: Vec<usize>,
    topics: Vec<usize>,
    kind: usize,
    verdict: Option<usize>,
    date: Option<(u8, u8)>,
    words: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Article {
    year: i32,
    month: u8,
    day: u8,
    vi: bool,
    publisher: Option<usize>,
    claims: Vec<Claim>,
}

fn arb_claim() -> impl Strategy<Value = Claim> {
    (
        0..SPEAKERS.len(),
        prop::collection::btree_set(0..SOURCES.len(), 1..3),
        prop::collection::btree_set(0..TOPICS.len(), 0..3),
        0..4usize,
        prop::option::weighted(0.3, 0..VERDICTS.len()),
        prop::option::weighted(0.3, (1..13u8, 1..29u8)),
        prop::collection::vec(0..WORDS.len(), 1..6),
    )
        .prop_map(|(speaker, sources, topics, kind, verdict, date, words)| Claim {
            speaker,
            sources: sources.into_iter().collect(),
            topics: topics.into_iter().collect(),
            kind,
            verdict,
            date,
            words,
        })
}

fn arb_article() -> impl Strategy<Value = Article> {
    (
        2019..2023i32,
        1..13u8,
        1..29u8,
        any::<bool>(),
        prop::option::of(0..PUBLISHERS.len()),
        prop::collection::vec(arb_claim(), 1..9),
    )
        .prop_map(|(year, month, day, vi, publisher, claims)| Article { year, month, day, vi, publisher, claims })
}

fn bundle_json(a: &Article, n: usize, variant: &str) -> Value {
    let kinds = ["quote", "paraphrase", "statement", "report"];
    let claims: Vec<Value> = a
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text: Vec<&str> = c.words.iter().map(|&w| WORDS[w]).collect();
            let mut v = json!({
                "id": format!("c{i}{variant}"),
                "text": format!("{} {variant}", text.join(" ")),
                "speaker": format!("p{}", c.speaker),
                "sources": c.sources.iter().map(|s| format!("s{s}")).collect::<Vec<_>>(),
                "kind": kinds[c.kind],
            });
            if !c.topics.is_empty() {
                v["topics"] = c.topics.iter().map(|&t| Value::from(TOPICS[t])).collect();
            }
            if let Some(verdict) = c.verdict {
                v["review"] = json!({ "rating": VERDICTS[verdict] });
            }
            if let Some((m, d)) = c.date {
                v["date"] = format!("{}-{m:02}-{d:02}", a.year - 1).into();
            }
            v
        })
        .collect();
    let mut article = json!({
        "title": format!("Article {n}{variant}"),
        "url": format!("https://news.example/{n}"),
        "published": format!("{}-{:02}-{:02}", a.year, a.month, a.day),
        "language": if a.vi { "vi" } else { "en" },
    });
    if let Some(p) = a.publisher {
        article["publisher"] = PUBLISHERS[p].into();
    }
    json!({
        "version": 1.1,
        "article": article,
        "speakers": SPEAKERS.iter().enumerate().map(|(i, s)| json!({"id": format!("p{i}"), "name": s})).collect::<Vec<_>>(),
        "sources": SOURCES.iter().enumerate().map(|(i, s)| json!({"id": format!("s{i}"), "name": s})).collect::<Vec<_>>(),
        "claims": claims,
    })
}

fn write_newsroom(dir: &Path, articles: &[Article]) -> Vec<PathBuf> {
    articles
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let path = dir.join(format!("a{n:03}.json"));
            std::fs::write(&path, bundle_json(a, n, "").to_string()).unwrap();
            path
        })
        .collect()
}

// ---- the brute force --------------------------------------------------------

/// One claim as the brute force sees it.
#[derive(Debug, Clone)]
struct Truth {
    key: (String, String),
    day: i32,
    words: BTreeSet<String>,
    values: Vec<(Facet, String)>,
}

fn truths(paths: &[PathBuf]) -> Vec<Truth> {
    let mut by_article: BTreeMap<String, Vec<Truth>> = BTreeMap::new();
    for p in paths {
        let Some(b) = load(&std::fs::read_to_string(p).unwrap()).bundle else { continue };
        let article =
            format!("{} {}", b.article.url.clone().unwrap_or_default(), b.article.language.clone().unwrap_or_default());
        by_article.insert(article, claims_of(&b));
    }
    by_article.into_values().flatten().collect()
}

fn claims_of(b: &Bundle) -> Vec<Truth> {
    let publisher = b.article.publisher.clone().or_else(|| b.article.url.as_deref().and_then(host_of));
    b.claims
        .iter()
        .map(|c| {
            let sp = &b.speakers[c.speaker];
            let mut text = String::new();
            for t in [Some(c.text.as_str()), Some(sp.name.as_str()), sp.role.as_deref(), sp.affiliation.as_deref()]
                .into_iter()
                .flatten()
            {
                text.push_str(&fold(t));
                text.push(' ');
            }
            for &s in &c.sources {
                text.push_str(&fold(&b.sources[s].name));
                text.push(' ');
            }
            if let Some(r) = &c.review {
                text.push_str(&fold(&b.verdicts[r.verdict]));
            }
            let mut values = vec![(Facet::Speaker, identity(&sp.name)), (Facet::Kind, identity(c.kind.as_str()))];
            values.extend(c.sources.iter().map(|&s| (Facet::Source, identity(&b.sources[s].name))));
            values.extend(c.topics.iter().map(|&t| (Facet::Topic, identity(&b.topics[t].label()))));
            values.extend(c.review.as_ref().map(|r| (Facet::Verdict, identity(&b.verdicts[r.verdict]))));
            values.extend(publisher.as_deref().map(|p| (Facet::Publisher, identity(p))));
            let date = c.date.as_ref().or(b.article.published.as_ref());
            Truth {
                key: (b.article.url.clone().unwrap_or_default(), c.id.clone()),
                day: date.map_or(UNDATED, |d| d.day_number() as i32),
                words: words(&text).map(str::to_owned).collect(),
                values,
            }
        })
        .collect()
}

/// A question in the brute force's terms: facet values by identity.
#[derive(Debug, Clone)]
struct Ask {
    words: Vec<String>,
    filters: Vec<(Facet, Vec<String>)>,
    from: Option<i32>,
    to: Option<i32>,
    relevance: bool,
}

/// Whether the claim has `w`, or (the query's `last` word) a word it begins.
fn word_matches(t: &Truth, w: &str, last: bool) -> bool {
    t.words.contains(w) || (last && w.chars().count() >= query::PREFIX_MIN && t.words.iter().any(|x| x.starts_with(w)))
}

fn passes(t: &Truth, ask: &Ask, skip: Option<Facet>) -> bool {
    let dated = ask.from.is_some() || ask.to.is_some();
    if dated && (t.day == UNDATED || ask.from.is_some_and(|f| t.day < f) || ask.to.is_some_and(|x| t.day > x)) {
        return false;
    }
    ask.words.iter().enumerate().all(|(i, w)| word_matches(t, w, i + 1 == ask.words.len()))
        && ask.filters.iter().all(|(f, values)| {
            Some(*f) == skip || values.is_empty() || t.values.iter().any(|(g, v)| g == f && values.contains(v))
        })
}

fn tier(t: &Truth, ask: &Ask) -> u32 {
    ask.words.iter().filter(|w| t.words.contains(w.as_str())).count() as u32
}

// ---- asking the archive -----------------------------------------------------

/// Runs `f` until it stops asking for files, reading them from `dir`; every
/// list it read could be read.
fn answer<T>(dir: &Path, files: &mut Files, f: impl Fn(&Files) -> Result<T, Vec<String>>) -> T {
    let v = answer_as_is(dir, files, f);
    assert_eq!(files.broken(), None, "a list could not be read");
    v
}

/// [`answer`], whether or not a list it read turned out unreadable.
fn answer_as_is<T>(dir: &Path, files: &mut Files, f: impl Fn(&Files) -> Result<T, Vec<String>>) -> T {
    ask_until(dir, files, f).unwrap_or_else(|bad| panic!("{bad}"))
}

/// Runs `f` until it stops asking for files, reading them from `dir`, or
/// until a file it asked for cannot be read on arrival.
fn ask_until<T>(
    dir: &Path,
    files: &mut Files,
    f: impl Fn(&Files) -> Result<T, Vec<String>>,
) -> Result<T, format::BadFile> {
    for _ in 0..100 {
        match f(files) {
            Ok(v) => return Ok(v),
            Err(need) => {
                assert!(!need.is_empty(), "asked for no file but did not answer");
                for name in need {
                    assert!(!files.has(&name), "asked again for {name}");
                    files.add(&name, read_local(dir, &name).unwrap())?;
                }
            }
        }
    }
    panic!("no answer after 100 rounds");
}

fn manifest(dir: &Path) -> Manifest {
    format::read_manifest(&std::fs::read_to_string(dir.join(MANIFEST)).unwrap()).unwrap()
}

/// A facet's counts by value identity (None: the archive's totals), and whether exact.
type Counts = (Facet, Option<BTreeMap<String, u32>>, bool);

struct Asked {
    answer: Answer,
    /// Each hit's article URL and claim id.
    hits: Vec<(String, String)>,
    /// Facet counts by identity.
    facets: Vec<Counts>,
}

fn ask_archive(dir: &Path, ask: &Ask, limit: usize, lim: Limits) -> Asked {
    let m = manifest(dir);
    let mut files = Files::default();
    // Chosen values by identity, as URLs name them (one the archive lacks matches nothing).
    let q = Query {
        words: ask.words.clone(),
        filters: ask.filters.clone(),
        from: ask.from,
        to: ask.to,
        relevance: ask.relevance,
    };
    let a = answer(dir, &mut files, |fs| query::search_with(&m, fs, &q, limit, lim));
    // Every hit's card in one batch: neighbouring spans are read together.
    let cards = answer(dir, &mut files, |fs| {
        query::cards(&m, fs, &a.hits).map(|c| c.into_iter().map(|c| c.map(str::to_owned)).collect::<Vec<_>>())
    });
    let hits = cards
        .into_iter()
        .map(|card| {
            let card = card.expect("every hit has a card");
            let b = load(&card).bundle.unwrap();
            assert_eq!(b.claims.len(), 1, "a card is one claim");
            (b.article.url.clone().unwrap(), b.claims[0].id.clone())
        })
        .collect();
    let facets = a
        .facets
        .iter()
        .map(|(f, c)| match c {
            FacetCounts::Totals => (*f, None, true),
            FacetCounts::Counted { values, exact } => {
                let ids: Vec<u32> = values.iter().map(|(v, _)| *v).collect();
                let labels = answer(dir, &mut files, |fs| query::labels(&m, fs, *f, &ids));
                assert_eq!(labels.len(), ids.len());
                (*f, Some(labels.iter().zip(values).map(|(l, (_, n))| (identity(&l.label), *n)).collect()), *exact)
            }
        })
        .collect();
    Asked { answer: a, hits, facets }
}

/// Counts per value of `facet` among claims passing every condition but `facet`'s.
fn brute_counts(truth: &[Truth], ask: &Ask, facet: Facet) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for t in truth.iter().filter(|t| passes(t, ask, Some(facet))) {
        let mut seen = BTreeSet::new();
        for (f, v) in &t.values {
            if *f == facet && seen.insert(v) {
                *out.entry(v.clone()).or_insert(0) += 1;
            }
        }
    }
    out
}

fn check(dir: &Path, truth: &[Truth], ask: &Ask, limit: usize, lim: Limits) -> Result<(), TestCaseError> {
    let got = ask_archive(dir, ask, limit, lim);
    let mut expected: Vec<&Truth> = truth.iter().filter(|t| passes(t, ask, None)).collect();
    let by_key: BTreeMap<_, _> = expected.iter().map(|t| (t.key.clone(), *t)).collect();
    let a = &got.answer;
    if a.total.exact {
        prop_assert_eq!(a.total.n as usize, expected.len(), "total of {:?}", ask);
        prop_assert_eq!(a.more, expected.len() > limit);
    }
    for h in &got.hits {
        prop_assert!(by_key.contains_key(h), "{:?} is not a result of {:?}", h, ask);
    }
    let unique: BTreeSet<_> = got.hits.iter().collect();
    prop_assert_eq!(unique.len(), got.hits.len(), "a claim twice");
    // The first results: the newest (or the best, then newest).
    let rank = |t: &Truth| (std::cmp::Reverse(if ask.relevance { tier(t, ask) } else { 0 }), std::cmp::Reverse(t.day));
    expected.sort_by_key(|t| rank(t));
    let got_ranks: Vec<_> = got.hits.iter().map(|h| rank(by_key[h])).collect();
    if a.total.exact || !ask.relevance {
        let want: Vec<_> = expected.iter().take(limit).map(|t| rank(t)).collect();
        prop_assert_eq!(got_ranks, want, "order of {:?}", ask);
    }
    for (f, counts, exact) in &got.facets {
        let want = brute_counts(truth, ask, *f);
        match counts {
            None => {
                // Totals: only when nothing else narrows the claims.
                let all: Vec<&Truth> = truth.iter().collect();
                prop_assert_eq!(all.len(), truth.len());
                prop_assert!(ask.words.is_empty() && ask.from.is_none() && ask.to.is_none());
                let m = manifest(dir);
                let mut files = Files::default();
                let top = answer(dir, &mut files, |fs| query::top(&m, fs, *f, 10_000));
                let totals: BTreeMap<String, u32> = top.iter().map(|l| (identity(&l.label), l.total)).collect();
                prop_assert_eq!(totals, want, "totals of {:?}", f);
            }
            Some(counts) if *exact => prop_assert_eq!(counts, &want, "{:?} counts of {:?}", f, ask),
            Some(counts) => {
                // Estimates: only values that occur.
                for v in counts.keys() {
                    prop_assert!(truth.iter().any(|t| t.values.contains(&(*f, v.clone()))));
                }
            }
        }
    }
    Ok(())
}

fn arb_ask() -> impl Strategy<Value = Ask> {
    let word = prop_oneof![
        (0..WORDS.len()).prop_map(|w| identity(WORDS[w])),
        Just("cea".to_owned()),
        Just("ho".to_owned()),
        Just("eco".to_owned()),
        Just("nguyen".to_owned()),
        Just("absent".to_owned()),
    ];
    let value = prop_oneof![
        (0..SPEAKERS.len()).prop_map(|i| (Facet::Speaker, identity(SPEAKERS[i]))),
        (0..SOURCES.len()).prop_map(|i| (Facet::Source, identity(SOURCES[i]))),
        (0..TOPICS.len()).prop_map(|i| (Facet::Topic, identity(TOPICS[i]))),
        (0..VERDICTS.len()).prop_map(|i| (Facet::Verdict, identity(VERDICTS[i]))),
        (0..PUBLISHERS.len()).prop_map(|i| (Facet::Publisher, identity(PUBLISHERS[i]))),
        prop_oneof![Just("quote"), Just("paraphrase")].prop_map(|k| (Facet::Kind, k.to_owned())),
    ];
    let day = |y: i32, m: u8| IsoDate::parse(&format!("{y}-{m:02}-01")).unwrap().day_number() as i32;
    (
        prop::collection::vec(word, 0..3),
        prop::collection::vec(value, 0..3),
        prop::option::weighted(0.3, (2018..2023i32, 1..13u8)),
        prop::option::weighted(0.3, (2019..2024i32, 1..13u8)),
        any::<bool>(),
    )
        .prop_map(move |(mut words, values, from, to, relevance)| {
            words.dedup();
            let mut filters: Vec<(Facet, Vec<String>)> = Vec::new();
            for (f, v) in values {
                match filters.iter_mut().find(|(g, _)| *g == f) {
                    Some((_, vs)) if !vs.contains(&v) => vs.push(v),
                    Some(_) => {}
                    None => filters.push((f, vec![v])),
                }
            }
            Ask { words, filters, from: from.map(|(y, m)| day(y, m)), to: to.map(|(y, m)| day(y, m)), relevance }
        })
}

// ---- the archive view's session ---------------------------------------------

/// Asks a session for a page until it answers, reading the files it names from `dir`.
fn page_of(dir: &Path, s: &mut Session, c: &Choice, shown: usize) -> Page {
    for _ in 0..100 {
        let asked = s.page(c, shown);
        assert_eq!(s.files.broken(), None, "a list could not be read");
        match asked {
            Ok(p) => return p,
            Err(need) => {
                assert!(!need.is_empty(), "asked for no file but did not answer");
                for name in need {
                    assert!(!s.files.has(&name), "asked again for {name}");
                    s.add(&name, read_local(dir, &name).unwrap()).unwrap();
                }
            }
        }
    }
    panic!("no answer after 100 rounds");
}

/// The choice a reader makes for an ask (the query's words as typed).
fn choice_of(ask: &Ask) -> Choice {
    let mut c = Choice {
        query: ask.words.join(" "),
        from: ask.from,
        to: ask.to,
        relevance: ask.relevance,
        ..Choice::default()
    };
    for (f, ids) in &ask.filters {
        for id in ids {
            c = c.apply(session::Action::Toggle(*f, id.clone()));
        }
    }
    c
}

/// The session's page is the query's answer: the same cards in the same
/// order (each with its article), the same total, every chosen value shown
/// ticked, counts as the brute force's where exact; a longer page begins
/// with the shorter one; the choice survives its URL.
fn check_session(dir: &Path, truth: &[Truth], ask: &Ask, limit: usize) -> Result<(), TestCaseError> {
    let c = choice_of(ask);
    let pairs = c.to_pairs();
    prop_assert_eq!(Choice::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))), c.clone());
    let mut s = Session::new(manifest(dir), "archive.json");
    let page = page_of(dir, &mut s, &c, limit);
    let keys: Vec<(String, String)> =
        page.cards.iter().map(|k| (k.data.bundle.article.url.clone().unwrap(), k.claim().id.clone())).collect();
    // A chosen value the archive lacks adds nothing to its facet's choice
    // (any of a facet's values); a facet with only such values matches nothing.
    let mut known = ask.clone();
    for (f, ids) in &mut known.filters {
        ids.retain(|id| truth.iter().any(|t| t.values.contains(&(*f, id.clone()))));
    }
    if known.filters.iter().any(|(_, ids)| ids.is_empty()) {
        prop_assert!(page.cards.is_empty() && page.total.n == 0, "a value the archive lacks matches nothing");
    } else {
        let got = ask_archive(dir, &known, limit, Limits::default());
        prop_assert_eq!(&keys, &got.hits, "cards of {:?}", ask);
        prop_assert_eq!(page.total, got.answer.total);
        prop_assert_eq!(page.more, got.answer.more);
    }
    for (f, ids) in &ask.filters {
        let view = page.facets.iter().find(|v| v.facet == *f);
        for id in ids {
            prop_assert!(
                view.is_some_and(|v| v.options.iter().any(|o| o.id == *id && o.chosen)),
                "{:?} {} not shown chosen",
                f,
                id
            );
        }
    }
    for v in &page.facets {
        let want = brute_counts(truth, ask, v.facet);
        for o in v.options.iter().filter(|_| v.exact) {
            if let Some(n) = o.count {
                prop_assert_eq!(n, want.get(&o.id).copied().unwrap_or(0), "{:?} {} of {:?}", v.facet, &o.id, ask);
            }
        }
    }
    let longer = page_of(dir, &mut s, &c, limit + 3);
    let docs: Vec<u32> = page.cards.iter().map(|k| k.doc).collect();
    let longer_docs: Vec<u32> = longer.cards.iter().take(docs.len()).map(|k| k.doc).collect();
    prop_assert_eq!(docs, longer_docs, "a longer page begins with the shorter");
    Ok(())
}

/// The demo bundles (`static/bundles`) as an archive of small shards, in a new folder.
fn demo_archive(tag: &str) -> PathBuf {
    let out = temp_dir(tag);
    build_into(&out, &build::bundle_files(&[PathBuf::from("static/bundles")]).unwrap(), true, false);
    out
}

fn build_into(dir: &Path, paths: &[PathBuf], small: bool, update: bool) -> Report {
    let mut opts = Options::new(dir.to_owned());
    opts.update = update;
    if small {
        // Tiny lists and packs, so a small archive has every kind of file.
        (opts.inline, opts.head, opts.block, opts.pack_size) = (2, 3, 4, 5);
        // A few blocks a list file: lists of one file and of several.
        opts.list_file_bytes = 300;
        // Tiny shards, listed in pages of three.
        (opts.shard_bytes, opts.page) = ((64, 512), 3);
        // Value tables in the manifest and in files.
        opts.inline_table = 60;
    }
    build::build(paths, &opts).unwrap()
}

const SMALL_READ: Limits = Limits { full: 6, max_read: 10_000 };

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Search, facets, dates and order against the brute force, with lists
    /// read whole and (tiny parts, small limits) read part by part.
    #[test]
    fn the_archive_answers_as_the_brute_force(articles in prop::collection::vec(arb_article(), 1..8), asks in prop::collection::vec(arb_ask(), 6), limit in 1..6usize) {
        let src = temp_dir("src");
        let paths = write_newsroom(&src, &articles);
        let truth = truths(&paths);
        for small in [false, true] {
            let out = temp_dir(if small { "small" } else { "big" });
            let report = build_into(&out, &paths, small, false);
            prop_assert_eq!(report.claims as usize, truth.len());
            prop_assert!(report.reported.is_empty());
            for ask in &asks {
                check(&out, &truth, ask, limit, if small { SMALL_READ } else { Limits::default() })?;
                check(&out, &truth, ask, 1000, Limits::default())?;
                check_session(&out, &truth, ask, limit)?;
            }
            std::fs::remove_dir_all(&out).unwrap();
        }
        std::fs::remove_dir_all(&src).unwrap();
    }

    /// `--update` (some articles added, one replaced) answers every question
    /// as a fresh build of the same bundles does.
    #[test]
    fn an_update_is_a_fresh_build(articles in prop::collection::vec(arb_article(), 2..8), asks in prop::collection::vec(arb_ask(), 6), cut in 1..7usize, small in any::<bool>()) {
        let cut = cut.min(articles.len() - 1);
        let src = temp_dir("usrc");
        let paths = write_newsroom(&src, &articles);
        let updated = temp_dir("updated");
        build_into(&updated, &paths[..cut], small, false);
        // The first article, replaced by a version with other claims.
        let replacement = src.join("a000-v2.json");
        let mut changed = articles[0].clone();
        changed.claims.reverse();
        changed.claims.truncate(3);
        std::fs::write(&replacement, bundle_json(&changed, 0, "v").to_string()).unwrap();
        let mut rest: Vec<PathBuf> = paths[cut..].to_vec();
        rest.push(replacement.clone());
        build_into(&updated, &rest, small, true);
        let mut all: Vec<PathBuf> = paths[1..].to_vec();
        all.push(replacement);
        let fresh = temp_dir("fresh");
        build_into(&fresh, &all, small, false);
        let truth = truths(&all);
        prop_assert_eq!(manifest(&updated).claims as usize, truth.len());
        for ask in &asks {
            check(&updated, &truth, ask, 1000, Limits::default())?;
            let (a, b) = (ask_archive(&updated, ask, 1000, Limits::default()), ask_archive(&fresh, ask, 1000, Limits::default()));
            prop_assert_eq!(a.answer.total, b.answer.total);
            prop_assert_eq!(a.hits.iter().collect::<BTreeSet<_>>(), b.hits.iter().collect::<BTreeSet<_>>());
            prop_assert_eq!(a.facets, b.facets);
        }
        for d in [src, updated, fresh] {
            std::fs::remove_dir_all(d).unwrap();
        }
    }
}

/// The type-ahead finds a speaker by any word of the name, the last one begun.
#[test]
fn the_type_ahead_finds_speakers_by_what_was_typed() {
    let src = temp_dir("typeahead");
    let articles: Vec<Article> = (0..4).map(|_| arb_fixed()).collect();
    let paths = write_newsroom(&src, &articles);
    let out = temp_dir("typeahead-out");
    build_into(&out, &paths, true, false);
    let mut s = Session::new(manifest(&out), "archive.json");
    let suggest = |s: &mut Session, typed: &str| {
        for _ in 0..20 {
            match s.suggest(Facet::Speaker, typed) {
                Ok(found) => return found,
                Err(need) => {
                    for name in need {
                        s.add(&name, read_local(&out, &name).unwrap()).unwrap();
                    }
                }
            }
        }
        panic!("no suggestions");
    };
    let truth = truths(&paths);
    let speakers: BTreeSet<String> = truth
        .iter()
        .flat_map(|t| t.values.iter().filter(|(f, _)| *f == Facet::Speaker).map(|(_, v)| v.clone()))
        .collect();
    for id in &speakers {
        let mut words: Vec<&str> = id.split('-').collect();
        // The last word only begun, its case and diacritics as a reader might type them.
        let last = words.pop().unwrap();
        let typed = format!("{} {}", words.join(" ").to_uppercase(), &last[..last.len().min(3)]);
        let found = suggest(&mut s, &typed);
        assert!(found.iter().any(|o| o.id == *id), "{typed:?} did not find {id}: {found:?}");
        assert!(found.iter().all(|o| o.count.is_some_and(|n| n > 0)));
    }
    assert!(suggest(&mut s, "zzzz").is_empty());
    assert!(suggest(&mut s, "  ").is_empty());
}

#[test]
fn broken_bundles_are_reported_and_skipped_and_nothing_valid_is_lost() {
    let src = temp_dir("broken");
    let good = src.join("good.json");
    std::fs::write(&good, bundle_json(&arb_fixed(), 1, "").to_string()).unwrap();
    let syntax = src.join("syntax.json");
    std::fs::write(&syntax, "{\"version\": 1, \"claims\": [}").unwrap();
    let partly = src.join("partly.json");
    let mut v = bundle_json(&arb_fixed(), 2, "");
    v["claims"][0]["speaker"] = "nobody".into();
    std::fs::write(&partly, v.to_string()).unwrap();
    let out = temp_dir("broken-out");
    let paths = build::bundle_files(std::slice::from_ref(&src)).unwrap();
    let report = build_into(&out, &paths, false, false);
    let reported: Vec<(String, bool)> = report.reported.iter().map(|r| (r.path.clone(), r.skipped)).collect();
    assert_eq!(reported, [(partly.display().to_string(), false), (syntax.display().to_string(), true)]);
    let syntax_problem = &report.reported[1].problems[0];
    assert_eq!(syntax_problem.location(), "1:27");
    assert!(
        report.reported[0].problems.iter().any(|p| p.message.contains("\"nobody\" is not defined")),
        "{:?}",
        report.reported[0].problems
    );
    // Every valid claim of the good bundle and of the partly broken one.
    let truth = truths(&[good, partly]);
    assert_eq!(truth.len(), 2 * arb_fixed().claims.len() - 1);
    assert_eq!(manifest(&out).claims as usize, truth.len());
    let ask = Ask { words: vec![], filters: vec![], from: None, to: None, relevance: false };
    let got = ask_archive(&out, &ask, 1000, Limits::default());
    assert_eq!(got.hits.len(), truth.len());
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_shard_list_that_cannot_be_decoded_is_reported_not_dropped_silently() {
    let src = temp_dir("undecodable");
    std::fs::write(src.join("a.json"), bundle_json(&arb_fixed(), 1, "").to_string()).unwrap();
    let out = temp_dir("undecodable-out");
    build_into(&out, &build::bundle_files(std::slice::from_ref(&src)).unwrap(), false, false);
    // Every shard's lists with a speaker number no archive has (negative):
    // still valid JSON with columns of equal length, so each shard is taken
    // in on arrival; the fault shows only when a question decodes a list.
    let mut shards = 0;
    for f in std::fs::read_dir(&out).unwrap() {
        let path = f.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("k-") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains("\"s\":["), "{name} has no inline list");
            std::fs::write(&path, text.replace("\"s\":[", "\"s\":[-1")).unwrap();
            shards += 1;
        }
    }
    assert!(shards > 0);
    let m = manifest(&out);
    let mut files = Files::default();
    let q = Query::default();
    answer_as_is(&out, &mut files, |fs| query::search(&m, fs, &q, 10));
    let bad = files.broken().expect("the undecodable list is reported");
    assert!(bad.file.starts_with("k-"), "{bad}");
    assert!(bad.reason.contains("-1") && bad.reason.contains("out of range"), "{bad}");
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_damaged_list_block_is_reported_as_its_file() {
    let src = temp_dir("damaged");
    for n in 0..3 {
        std::fs::write(src.join(format!("a{n}.json")), bundle_json(&arb_fixed(), n, "").to_string()).unwrap();
    }
    let out = temp_dir("damaged-out");
    // Tiny lists: every key's list of more than two claims is in blocks of list files.
    build_into(&out, &build::bundle_files(std::slice::from_ref(&src)).unwrap(), true, false);
    let mut damaged = 0;
    for f in std::fs::read_dir(&out).unwrap() {
        let path = f.unwrap().path();
        if path.file_name().unwrap().to_str().unwrap().starts_with("l-") {
            let len = std::fs::read(&path).unwrap().len();
            std::fs::write(&path, vec![0xff; len]).unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0, "the archive has no list file");
    let m = manifest(&out);
    let mut files = Files::default();
    let q = Query::default();
    let Err(bad) = ask_until(&out, &mut files, |fs| query::search(&m, fs, &q, 10)) else {
        panic!("answered from damaged blocks")
    };
    assert!(bad.file.starts_with("l-") && bad.file.contains('@'), "{bad}");
    assert!(bad.reason.contains("not a compressed list block"), "{bad}");
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn an_update_rewrites_only_what_it_touches() {
    // 300 articles, each with words of its own, and small shards: many files.
    let src = temp_dir("touch");
    let mut paths = Vec::new();
    let article = |n: usize, variant: &str| {
        let mut v = bundle_json(&Article { year: 2000 + (n % 20) as i32, ..arb_fixed() }, n, variant);
        for (i, c) in v["claims"].as_array_mut().unwrap().iter_mut().enumerate() {
            c["text"] = format!("word{n}x{i} topic{} {variant}", n % 7).into();
        }
        v
    };
    for n in 0..300 {
        let path = src.join(format!("a{n:03}.json"));
        std::fs::write(&path, article(n, "").to_string()).unwrap();
        paths.push(path);
    }
    let out = temp_dir("touch-out");
    // Long lists in small blocks, in list files of a few blocks each, so that
    // the update compares each long list's blocks with the old ones.
    let opts = |update| Options {
        update,
        shard_bytes: (2048, 8192),
        inline: 8,
        head: 4,
        block: 8,
        list_file_bytes: 512,
        pack_size: 8,
        ..Options::new(out.clone())
    };
    let first = build::build(&paths, &opts(false)).unwrap();
    let again = build::build(&paths, &opts(true)).unwrap();
    assert_eq!(again.written, 1, "an update with nothing new rewrites only the manifest");
    assert_eq!(again.files, first.files);
    std::fs::write(&paths[7], article(7, "v").to_string()).unwrap();
    let one = build::build(&paths[7..8], &opts(true)).unwrap();
    assert!(one.files > 50, "{} files", one.files);
    assert!(one.written * 5 < one.files, "{} of {} files rewritten for one article", one.written, one.files);
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

fn arb_fixed() -> Article {
    let claim = |speaker: usize, w: &[usize]| Claim {
        speaker,
        sources: vec![speaker % SOURCES.len()],
        topics: vec![speaker % TOPICS.len()],
        kind: speaker % 4,
        verdict: (speaker % 2 == 0).then_some(speaker % VERDICTS.len()),
        date: None,
        words: w.to_vec(),
    };
    Article {
        year: 2021,
        month: 3,
        day: 6,
        vi: false,
        publisher: Some(0),
        claims: vec![claim(0, &[0, 4]), claim(2, &[1, 9, 10]), claim(3, &[5, 6])],
    }
}

/// A chosen value's list is keyed by its identity, as a word's is by the
/// word: the rounds after the manifest are the key space's pages, then its
/// shards — no round to look up the value's number first — and the value's
/// number comes with its shard.
#[test]
fn a_chosen_value_is_found_in_the_key_space_as_a_word_is() {
    use format::Kind;
    let out = demo_archive("by-identity");
    let m = manifest(&out);
    assert!(!m.key_pages.files.is_empty(), "a small build lists its shards in pages");
    // Its value tables: some in the manifest, some in files.
    assert!(m.tables.iter().any(|(_, t)| t.inline.is_some() && t.files.is_empty()));
    assert!(m.tables.iter().any(|(_, t)| t.inline.is_none() && !t.files.is_empty()));
    let mut s = Session::new(m, MANIFEST);
    let c = Choice::from_pairs([("speaker", "donald-trump"), ("topic", "hostages"), ("q", "hamas")]);
    let mut rounds = vec![vec![MANIFEST.to_owned()]];
    let page = s.answer_from(&out, &mut rounds, |s| s.page(&c, 3)).unwrap();
    assert!(page.total.n > 0, "the demo bundles have Donald Trump on hostages and Hamas");
    let kinds = |r: &[String]| {
        let mut k: Vec<Option<Kind>> = r.iter().map(|n| Kind::of(format::split_request(n).0)).collect();
        k.dedup();
        k
    };
    assert_eq!(kinds(&rounds[1]), [Some(Kind::Page), Some(Kind::PackTable)], "{rounds:?}");
    assert_eq!(kinds(&rounds[2]), [Some(Kind::Shard)], "{rounds:?}");
    for f in [Facet::Speaker, Facet::Topic] {
        let view = page.facets.iter().find(|v| v.facet == f).unwrap();
        assert!(view.options.iter().any(|o| o.chosen && o.count.is_some_and(|n| n > 0)), "{f:?} {view:?}");
    }
    // Every facet's options have their labels, from the manifest or a table file.
    for view in &page.facets {
        assert!(view.options.iter().all(|o| !o.label.is_empty() && o.count.is_some()), "{view:?}");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

/// The list of every claim (`#all`, the biggest shard) is read only by the
/// questions it drives: the one with no condition, and a lone facet's own
/// counts within dates — not by a search, nor a facet on its own.
#[test]
fn the_list_of_every_claim_is_read_only_when_it_drives() {
    use format::Kind;
    let out = demo_archive("all-key");
    let shards_read = |pairs: &[(&str, &str)]| {
        let mut s = Session::new(manifest(&out), MANIFEST);
        let c = Choice::from_pairs(pairs.iter().copied());
        let mut rounds = Vec::new();
        let page = s.answer_from(&out, &mut rounds, |s| s.page(&c, 3)).unwrap();
        assert!(page.total.n > 0, "{pairs:?}");
        rounds.concat().into_iter().filter(|n| Kind::of(n) == Some(Kind::Shard)).collect::<BTreeSet<_>>()
    };
    // With no condition, #all (a shard of its own) is the only list read.
    let all = shards_read(&[]);
    assert_eq!(all.len(), 1, "{all:?}");
    for pairs in
        [&[("q", "hamas")][..], &[("speaker", "donald-trump")], &[("speaker", "donald-trump"), ("q", "hostages")]]
    {
        assert!(shards_read(pairs).is_disjoint(&all), "{pairs:?} read #all");
    }
    let within = shards_read(&[("speaker", "donald-trump"), ("from", "2024-01-01")]);
    assert!(within.is_superset(&all), "a lone facet's counts within dates are driven by #all");
    std::fs::remove_dir_all(&out).unwrap();
}

/// A search word's prefix whose words run over two pages of the shard list:
/// both pages are asked for in one round.
#[test]
fn a_prefix_over_two_pages_of_shards_asks_for_both_at_once() {
    let out = demo_archive("prefix-pages");
    let m = manifest(&out);
    let pages = &m.key_pages;
    // A page whose first key is a word: a prefix of it that sorts before it
    // begins words on the page before too.
    let (i, prefix) = (1..pages.from.len())
        .find_map(|i| {
            let from = &pages.from[i];
            let p: String = from.chars().take(query::PREFIX_MIN).collect();
            let word = from.chars().all(char::is_alphanumeric) && from.chars().count() > query::PREFIX_MIN;
            (word && pages.from[i - 1].as_str() < p.as_str()).then_some((i, p))
        })
        .expect("a page that begins inside a prefix");
    let mut s = Session::new(m.clone(), MANIFEST);
    let c = Choice::from_pairs([("q", prefix.as_str())]);
    let mut rounds = Vec::new();
    s.answer_from(&out, &mut rounds, |s| s.page(&c, 3)).unwrap();
    for page in [&pages.files[i - 1], &pages.files[i]] {
        assert!(rounds[0].contains(page), "{prefix}: {page} not in the first round {rounds:?}");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

/// `--update` keeps every value's number, those of the tables in the
/// manifest too: a value that becomes the most common keeps its number.
#[test]
fn an_update_keeps_the_numbers_of_values_in_the_manifest_s_tables() {
    let src = temp_dir("keep-numbers");
    let out = temp_dir("keep-numbers-out");
    let paths = build::bundle_files(&[PathBuf::from("static/bundles")]).unwrap();
    let opts = |update| Options { update, inline_table: 4096, ..Options::new(out.clone()) };
    build::build(&paths, &opts(false)).unwrap();
    let before = manifest(&out).table(Facet::Kind).unwrap().inline.clone().expect("the kinds are in the manifest");
    assert!(before.labels.len() >= 2, "{before:?}");
    // Many claims of the rarest kind: renumbered afresh, it would come first.
    let rarest = identity(before.labels.last().unwrap());
    let claims: Vec<Value> = (0..40)
        .map(|i| json!({"id": format!("c{i}"), "text": format!("claim {i}"), "speaker": "p", "sources": ["s"], "kind": rarest}))
        .collect();
    let bundle = json!({"version": 1.1, "article": {"title": "More", "url": "https://example.org/more",
        "published": "2025-01-02"}, "speakers": [{"id": "p", "name": "Someone"}],
        "sources": [{"id": "s", "name": "Somewhere"}], "claims": claims});
    let more = src.join("more.json");
    std::fs::write(&more, bundle.to_string()).unwrap();
    build::build(&[more], &opts(true)).unwrap();
    let after = manifest(&out).table(Facet::Kind).unwrap().inline.clone().expect("still in the manifest");
    assert_eq!(&after.labels[..before.labels.len()], &before.labels[..], "numbers kept");
    assert!(after.counts[before.labels.len() - 1] >= 40, "{after:?}");
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

/// A list entry says where its card is (its doc number is the card's place,
/// and it has the card's length): a page's cards are asked for in the round
/// after the lists that found them, each by one range of whole units — no
/// round reading their offsets first.
#[test]
fn a_page_s_cards_are_asked_for_as_soon_as_their_lists_are_in() {
    use format::Kind;
    let out = demo_archive("places");
    for pairs in [&[("q", "hamas")][..], &[("speaker", "donald-trump")], &[]] {
        let mut s = Session::new(manifest(&out), MANIFEST);
        let c = Choice::from_pairs(pairs.iter().copied());
        let mut rounds = Vec::new();
        let page = s.answer_from(&out, &mut rounds, |s| s.page(&c, 4)).unwrap();
        assert!(!page.cards.is_empty(), "{pairs:?}");
        fn packs(r: &[String]) -> Vec<(&str, Option<format::Span>)> {
            r.iter().map(|n| format::split_request(n)).filter(|(f, _)| Kind::of(f) == Some(Kind::Pack)).collect()
        }
        let (last, before) = rounds.split_last().unwrap();
        assert!(before.iter().all(|r| packs(r).is_empty()), "{pairs:?}: packs read before the last round: {rounds:?}");
        for (_, span) in packs(last) {
            let span = span.expect("a card is a range of its pack");
            assert_eq!((span.end - span.start) % format::UNIT, 0, "{pairs:?}: {last:?}");
        }
        // Nothing but the cards and labels after the lists.
        assert!(
            last.iter().all(|n| matches!(Kind::of(format::split_request(n).0), Some(Kind::Pack | Kind::Table))),
            "{last:?}"
        );
    }
    std::fs::remove_dir_all(&out).unwrap();
}

/// `--update` keeps every card's place: a replaced article's cards leave
/// their room blank, so the doc numbers (places) of every other claim, and
/// the packs that hold only them, stay as they were.
#[test]
fn an_update_keeps_every_other_card_s_place() {
    let src = temp_dir("keep-places");
    let out = temp_dir("keep-places-out");
    // The newest article first in place order: the one replaced.
    let paths: Vec<PathBuf> = (0..4)
        .map(|n| {
            let path = src.join(format!("a{n}.json"));
            let a = Article { year: 2024 - n as i32, ..arb_fixed() };
            std::fs::write(&path, bundle_json(&a, n, "").to_string()).unwrap();
            path
        })
        .collect();
    let opts = |update| Options { update, pack_size: 6, ..Options::new(out.clone()) };
    let places = || {
        let mut s = Session::new(manifest(&out), MANIFEST);
        let page = s.answer_from(&out, &mut Vec::new(), |s| s.page(&Choice::default(), 100)).unwrap();
        page.cards
            .iter()
            .map(|c| {
                let b = &c.data.bundle;
                ((b.article.url.clone().unwrap(), b.claims[0].id.clone()), c.doc)
            })
            .collect::<BTreeMap<_, _>>()
    };
    build::build(&paths, &opts(false)).unwrap();
    let before = places();
    assert_eq!(before.len(), 12);
    // The newest article again, with one claim fewer and longer texts.
    let mut v = bundle_json(&Article { year: 2024, ..arb_fixed() }, 0, "v");
    v["claims"].as_array_mut().unwrap().pop();
    for c in v["claims"].as_array_mut().unwrap() {
        c["text"] = format!("{} {}", c["text"].as_str().unwrap(), "longer ".repeat(80)).into();
    }
    std::fs::write(&paths[0], v.to_string()).unwrap();
    build::build(&paths[..1], &opts(true)).unwrap();
    let after = places();
    assert_eq!(after.len(), 11);
    let url = v["article"]["url"].as_str().unwrap().to_owned();
    let replaced = |(u, _): &(String, String)| *u == url;
    assert_eq!(before.keys().filter(|c| replaced(c)).count(), 3);
    for (claim, place) in &before {
        if !replaced(claim) {
            assert_eq!(after.get(claim), Some(place), "{claim:?} moved");
        }
    }
    // The replaced article's cards come after every place the archive had.
    let last = before.values().max().unwrap();
    assert!(after.iter().filter(|(c, _)| replaced(c)).all(|(_, p)| p > last), "{after:?}");
    std::fs::remove_dir_all(&src).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
}

/// The view shows a page's cards as soon as they are in: `cards_first`
/// answers once only the facets' labels are missing (its facets empty, not
/// labelled), and the whole page, labels in, has the same cards.
#[test]
fn a_page_s_cards_are_shown_before_its_facets_labels_are_in() {
    use session::Asked;
    let out = demo_archive("cards-first");
    let mut s = Session::new(manifest(&out), MANIFEST);
    let c = Choice::from_pairs([("q", "hamas")]);
    let mut held = Vec::new();
    // Every file the page asks for but the labels.
    let first = loop {
        match s.ask(|s| s.page(&c, 4)) {
            Asked::Need(need) => {
                let (labels, other): (Vec<String>, Vec<String>) =
                    need.into_iter().partition(|n| format::labels_only(n));
                held.extend(labels);
                if other.is_empty() {
                    break s.cards_first(&c, 4).expect("the cards are in");
                }
                assert!(s.cards_first(&c, 4).is_err(), "no page before its cards are in");
                for n in other {
                    s.add(&n, read_local(&out, &n).unwrap()).unwrap();
                }
            }
            other => panic!("{other:?}"),
        }
    };
    assert!(!held.is_empty(), "the page needs label tables from files");
    assert!(!first.labelled && first.facets.is_empty(), "{first:?}");
    assert!(!first.cards.is_empty());
    for n in held {
        s.add(&n, read_local(&out, &n).unwrap()).unwrap();
    }
    let whole = s.page(&c, 4).unwrap();
    assert!(whole.labelled && !whole.facets.is_empty());
    let docs = |p: &Page| p.cards.iter().map(|k| k.doc).collect::<Vec<_>>();
    assert_eq!(docs(&first), docs(&whole));
    assert_eq!(first.total, whole.total);
    std::fs::remove_dir_all(&out).unwrap();
}
