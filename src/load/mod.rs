//! Bundle format v1 (and its additive revision 1.1): from JSON text to a [`Bundle`] plus the [`Problem`]s found.
//!
//! The rule is *nothing valid is lost*: a bad claim is skipped and reported,
//! every other claim is kept; a bad optional value is dropped with a warning and
//! its item stays. Only text that is not a JSON object at all, or a bundle of a
//! version this reader does not know, fails as a whole.
//!
//! The text is read with [`crate::json`]: the whole bundle is first checked
//! for syntax (a syntax error gives line and column and fails the whole load),
//! the small top-level values are read as trees, and the claims are read one
//! at a time from their place in the text, each turned into the model and
//! dropped before the next — so loading never holds more than the text, the
//! model and one claim's tree. Every problem names its item and field.
//! Nothing here panics on any input (see the property tests in
//! `tests/loader.rs`).
//!
//! | file | job |
//! | --- | --- |
//! | `mod.rs` | the whole load, in order: size, syntax, version, article, tables, topic labels, claims |
//! | `fields.rs` | reading one object's members: the one type check, typed getters, problems with their place |
//! | `checks.rs` | checks of single values: text, links (`check_url`), language tags, ids |
//! | `article.rs` | `version` and `article` |
//! | `tables.rs` | speakers and sources, by id |
//! | `claims.rs` | the claims, one at a time; their sources and topics |
//! | `review.rs` | format 1.1: a claim's `review`, the bundle's `topics` labels |
//! | `limits.rs` | every size limit |

mod article;
mod checks;
mod claims;
mod fields;
pub mod limits;
mod review;
mod tables;

pub use article::FORMAT_MAJOR;
pub use checks::{check_url, host_of, is_valid_id};

use crate::json::{Object, Parser, SyntaxError, Value};
use crate::model::Bundle;
use crate::problem::{List, Place, Problem, Severity};
use fields::{At, Expect, Fields, Member, Then};

/// The outcome of loading: the valid part of the bundle (absent when the text
/// could not be read as a bundle at all) and every problem, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub bundle: Option<Bundle>,
    pub problems: Vec<Problem>,
    /// Claims present in the text but not shown.
    pub skipped_claims: usize,
}

impl Loaded {
    pub fn valid_claims(&self) -> usize {
        self.bundle.as_ref().map_or(0, |b| b.claims.len())
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// True when the bundle could not be read at all.
    pub fn failed(&self) -> bool {
        self.bundle.is_none()
    }

    fn fatal(problem: Problem) -> Loaded {
        Loaded { bundle: None, problems: vec![problem], skipped_claims: 0 }
    }
}

/// Loads a bundle from JSON text.
pub fn load(text: &str) -> Loaded {
    if text.len() > limits::BUNDLE_BYTES {
        let mb = |bytes: usize| bytes / (1024 * 1024);
        let message = format!("the bundle is {} MB; the limit is {} MB", mb(text.len()), mb(limits::BUNDLE_BYTES));
        return Loaded::fatal(Problem::new(Severity::Error, Place::Bundle, None, message));
    }
    let text = text.trim_start_matches('\u{feff}');
    match read_root(text) {
        Ok(Root::Object { fields, claims }) => load_root(text, &fields, claims),
        Ok(Root::Other(value)) => Loaded::fatal(Problem::new(
            Severity::Error,
            Place::Bundle,
            None,
            format!("a bundle must be a JSON object, not {}", value.type_name()),
        )),
        Err(e) => Loaded::fatal(syntax_problem(&e)),
    }
}

fn syntax_problem(e: &SyntaxError) -> Problem {
    let place = Place::Syntax { line: e.line, column: e.column };
    Problem::new(Severity::Error, place, None, format!("not valid JSON: {}", e.message))
}

/// The bundle's top level, its syntax checked: every member but `claims` as
/// a tree, and where the claims array starts.
enum Root<'a> {
    Object {
        fields: Object<'a>,
        claims: ClaimsJson<'a>,
    },
    /// Valid JSON, but not an object.
    Other(Value<'a>),
}

enum ClaimsJson<'a> {
    /// The offset of the `[` of the claims array, and its number of elements.
    At(usize, usize),
    /// Missing, or not an array (read as a tree, to say what it is).
    Other(Option<Value<'a>>),
}

fn read_root(text: &str) -> Result<Root<'_>, SyntaxError> {
    let mut p = Parser::new(text);
    if p.peek_byte() != Some(b'{') {
        let value = p.value()?;
        p.finish()?;
        return Ok(Root::Other(value));
    }
    let mut fields = Vec::new();
    let mut claims = ClaimsJson::Other(None);
    p.members(|p, key| {
        if key == "claims" && p.peek_byte() == Some(b'[') {
            let (at, count) = p.skip_array()?;
            claims = ClaimsJson::At(at, count);
        } else if key == "claims" {
            claims = ClaimsJson::Other(Some(p.value()?));
        } else {
            fields.push((key, p.value()?));
        }
        Ok(())
    })?;
    p.finish()?;
    Ok(Root::Object { fields: Object::from_members(fields), claims })
}

fn load_root(text: &str, root: &Object, claims_json: ClaimsJson) -> Loaded {
    let mut top = Fields::new(At::Bundle, None);
    let Ok(version) = article::version(&mut top, root.get("version")) else {
        return Loaded { bundle: None, problems: top.problems, skipped_claims: 0 };
    };
    let mut problems = std::mem::take(&mut top.problems);

    let mut about = Fields::new(At::Article, None);
    let article = article::article(root.get("article"), &mut about);
    problems.append(&mut about.problems);

    let speakers_json = top_list(&mut top, "speakers", root.get("speakers"));
    let sources_json = top_list(&mut top, "sources", root.get("sources"));
    let (claims_at, count) = match &claims_json {
        ClaimsJson::At(offset, count) => (Some(*offset), *count),
        ClaimsJson::Other(value) => {
            top_list(&mut top, "claims", value.as_ref());
            (None, 0)
        }
    };
    problems.append(&mut top.problems);

    let speakers = tables::load_table(speakers_json, List::Speakers, &mut problems, tables::speaker, |s| &s.id);
    let sources = tables::load_table(sources_json, List::Sources, &mut problems, tables::source, |s| &s.id);
    let labels = review::topic_labels(root.get("topics"), &mut problems);
    let refs = claims::Refs { speakers: &speakers, sources: &sources };
    let claims::Claims { claims, topics, verdicts, skipped } =
        claims::load_claims(text, claims_at, count, &refs, labels, &mut problems);

    let bundle =
        Bundle { version, article, speakers: speakers.items, sources: sources.items, claims, topics, verdicts };
    Loaded { bundle: Some(bundle), problems, skipped_claims: skipped }
}

/// A top-level list; `null` counts as missing, another type is reported.
fn top_list<'v>(top: &mut Fields, key: &str, value: Option<&'v Value<'v>>) -> &'v [Value<'v>] {
    let expect = Expect { severity: Severity::Error, what: "an array", then: Then::Text("; none of it can be shown") };
    let value = value.filter(|v| !v.is_null());
    top.typed(Member::Key(key), value, Value::as_array, expect).ok().flatten().unwrap_or_default()
}
