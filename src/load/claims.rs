//! The claims: read one at a time from their place in the text, each turned
//! into the model and dropped before the next.

use super::checks::{check_text, quoted};
use super::fields::{Expect, Fields, Member, Reported};
use super::limits;
use super::tables::Table;
use crate::date::IsoDate;
use crate::json::{Parser, Value};
use crate::model::{Claim, ClaimKind, Source, SourceIx, Speaker, Topic};
use crate::problem::{List, Problem};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The tables a claim refers to.
pub(super) struct Refs<'a> {
    pub speakers: &'a Table<Speaker>,
    pub sources: &'a Table<Source>,
}

/// The loaded claims, their topics and verdicts.
pub(super) struct Claims {
    pub claims: Vec<Claim>,
    /// Every distinct topic of the kept claims, in order of first appearance.
    pub topics: Vec<Topic>,
    /// Every distinct verdict of the kept claims' reviews, in order of first appearance.
    pub verdicts: Vec<String>,
    pub skipped: usize,
}

/// Loads the claims array whose `[` is at `at` in `text` (whose syntax was
/// checked), holding `count` elements.
pub(super) fn load_claims(
    text: &str,
    at: Option<usize>,
    count: usize,
    refs: &Refs,
    mut labels: super::review::TopicLabels,
    problems: &mut Vec<Problem>,
) -> Claims {
    // Sized once: growing by doubling would hold two copies at the largest step.
    let mut claims = Vec::with_capacity(count);
    let mut topics = Interned::default();
    let mut verdicts = Interned::default();
    // Keys borrow from the text (an id has no escapes), so this map copies no id.
    let mut claim_ids: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    claim_ids.reserve(count);
    let mut skipped = 0;
    let mut items = at.and_then(|at| {
        let mut p = Parser::at(text, at);
        p.enter_array().then_some(p)
    });
    let mut index = 0;
    loop {
        let item = match items.as_mut().map(|p| p.next_element(index == 0)) {
            Some(Ok(Some(item))) => item,
            None | Some(Ok(None)) => break,
            // Cannot happen after the syntax check; said rather than silently losing claims.
            Some(Err(e)) => {
                problems.push(super::syntax_problem(&e));
                break;
            }
        };
        let mut f = Fields::item(List::Claims, index, &item);
        let claim = load_claim(&mut f, refs).and_then(|c| match claim_ids.get(c.0.id.as_str()) {
            Some(&first) => {
                f.error("id", format!("duplicate id {}: claims[{first}] already uses it", quoted(&c.0.id, 60)));
                None
            }
            None => Some(c),
        });
        match claim {
            Some((mut c, names, verdict)) => {
                let key = match item.as_object().and_then(|o| o.get("id")) {
                    Some(Value::String(id)) => id.clone(),
                    _ => Cow::Owned(c.id.clone()),
                };
                claim_ids.insert(key, index);
                c.topics = names.into_iter().map(|t| topics.intern(t)).collect();
                if let (Some(review), Some(words)) = (c.review.as_mut(), verdict) {
                    review.verdict = verdicts.intern(words);
                }
                claims.push(c);
            }
            None => skipped += 1,
        }
        problems.append(&mut f.problems);
        index += 1;
    }
    claims.shrink_to_fit();
    let topics = topics.names.into_iter().map(|id| Topic { label: labels.take(&id), id }).collect();
    Claims { claims, topics, verdicts: verdicts.names, skipped }
}

/// Distinct names (topics, verdicts) of the loaded claims, in order of first
/// appearance: each stored once, claims hold indexes.
#[derive(Default)]
struct Interned {
    names: Vec<String>,
    by_name: FxHashMap<String, usize>,
}

impl Interned {
    fn intern(&mut self, name: String) -> usize {
        if let Some(&ix) = self.by_name.get(&name) {
            return ix;
        }
        self.names.push(name.clone());
        self.by_name.insert(name, self.names.len() - 1);
        self.names.len() - 1
    }
}

// Not inlined into the loop over claims: a browser runs a wasm function in
// its quick baseline code until the function is called again after being
// optimised, so per-claim work must be a call of its own to get faster as a
// large bundle loads.
/// A claim (with no topics yet) and the names of its topics and its
/// verdict, which are interned only once the claim is known to be kept.
#[inline(never)]
fn load_claim(f: &mut Fields, refs: &Refs) -> Option<(Claim, Vec<String>, Option<String>)> {
    let id = f.read_id();
    f.obj?;
    // Every required field is checked, so that one pass reports all of a claim's errors.
    let text = f.required_text("text", limits::CLAIM_TEXT);
    let speaker = match f.member("speaker", Value::as_str, Expect::error("a speaker id (a string)")) {
        Ok(Some(s)) => match refs.speakers.by_id.get(s) {
            Some(&ix) => Some(ix),
            None => {
                f.error("speaker", refs.speakers.unknown(s));
                None
            }
        },
        Ok(None) => {
            f.error("speaker", "\"speaker\" is required (the id of one of \"speakers\")".to_owned());
            None
        }
        Err(Reported) => None,
    };
    let sources = claim_sources(f, refs);
    let date = match f.member("date", Value::as_str, Expect::error("an ISO 8601 string")) {
        Ok(Some(s)) => match IsoDate::parse(s) {
            Ok(d) => Some(Some(d)),
            Err(reason) => {
                f.error("date", format!("\"date\": {reason}"));
                None
            }
        },
        Ok(None) => Some(None),
        Err(Reported) => None,
    };
    let (id, text, speaker, sources, date) = (id?, text?, speaker?, sources?, date?);

    let kind = f.kind::<ClaimKind>();
    let topics = topics(f);
    let paragraph = match f.member("paragraph", Value::as_number, Expect::warning("a number", "; ignored")) {
        Ok(Some(n)) => match n.as_u64() {
            Some(p) if (1..=limits::PARAGRAPH).contains(&p) => Some(p as u32),
            _ => {
                f.warn("paragraph", format!("\"paragraph\" must be a whole number from 1, not {n}; ignored"));
                None
            }
        },
        Ok(None) | Err(Reported) => None,
    };
    let context = f.optional_text("context", limits::CONTEXT);
    let (review, verdict) = super::review::review(f, refs.sources).unzip();
    let claim = Claim {
        id,
        text,
        speaker,
        sources,
        kind,
        date,
        topics: Vec::new(),
        paragraph,
        context,
        review: review.map(Box::new),
    };
    Some((claim, topics, verdict))
}

fn claim_sources(f: &mut Fields, refs: &Refs) -> Option<Vec<SourceIx>> {
    let items = match f.get("sources") {
        Some(Value::String(s)) => {
            f.error("sources", format!("\"sources\" must be a list: write [{}]", quoted(s, 60)));
            return None;
        }
        value => match f.typed(Member::Key("sources"), value, Value::as_array, Expect::error("a list of source ids")) {
            Ok(Some(items)) => items,
            Ok(None) => {
                f.error("sources", "\"sources\" is required: a list of one or more source ids".to_owned());
                return None;
            }
            Err(Reported) => return None,
        },
    };
    if items.is_empty() {
        f.error("sources", "\"sources\" is empty: every claim needs at least one source".to_owned());
        return None;
    }
    if items.len() > limits::SOURCES_PER_CLAIM {
        f.error("sources", format!("{} sources; the limit is {}", items.len(), limits::SOURCES_PER_CLAIM));
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (index, item) in items.iter().enumerate() {
        let member = Member::Element { list: "sources", index, noun: "source id" };
        match f.typed(member, Some(item), Value::as_str, Expect::error("a string")) {
            Ok(Some(s)) => match refs.sources.by_id.get(s) {
                Some(&ix) if out.contains(&ix) => {
                    f.warn(&member.field(), format!("source {} is listed twice", quoted(s, 60)))
                }
                Some(&ix) => out.push(ix),
                None => {
                    f.error(&member.field(), refs.sources.unknown(s));
                    ok = false;
                }
            },
            Ok(None) | Err(Reported) => ok = false,
        }
    }
    ok.then_some(out)
}

fn topics(f: &mut Fields) -> Vec<String> {
    let expect = Expect::warning("a list of strings", "; ignored");
    let Ok(Some(items)) = f.member("topics", Value::as_array, expect) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if out.len() == limits::TOPICS_PER_CLAIM {
            f.warn("topics", format!("more than {} topics; the rest are ignored", limits::TOPICS_PER_CLAIM));
            break;
        }
        let member = Member::Element { list: "topics", index, noun: "topic" };
        let Ok(Some(s)) = f.typed(member, Some(item), Value::as_str, Expect::warning("a string", "; ignored")) else {
            continue;
        };
        match check_text(s, limits::TOPIC) {
            Ok(Some(t)) if out.contains(&t) => {
                f.warn(&member.field(), format!("topic {} is listed twice", quoted(&t, 64)))
            }
            Ok(Some(t)) => out.push(t),
            Ok(None) => f.warn(&member.field(), "a topic is empty; ignored".to_owned()),
            Err(reason) => f.warn(&member.field(), format!("topic {reason}; ignored")),
        }
    }
    out
}
