//! The bundle's small top-level values: the format version and the article.

use super::checks::{check_url, is_language_tag, quoted};
use super::fields::{Expect, Fields, Member, Reported};
use super::limits;
use crate::json::Value;
use crate::model::Article;

/// The highest major version of the format this reader understands.
pub const FORMAT_MAJOR: u64 = 1;

/// The version as written (1, 1.1, ...), or `Err` — reported in `f` — when
/// this reader cannot read the bundle. A missing version is read as 1, with
/// a warning. (Unlike other members, `null` is not taken for missing here.)
pub(super) fn version(f: &mut Fields, value: Option<&Value>) -> Result<f64, Reported> {
    match f.typed(Member::Key("version"), value, Value::as_number, Expect::error("the number 1"))? {
        None => {
            f.warn("version", "\"version\" is missing; read as version 1".to_owned());
            Ok(1.0)
        }
        Some(n) => match n.as_f64() {
            v if (1.0..2.0).contains(&v) => Ok(v),
            v if v >= 2.0 => {
                let message = format!(
                    "this bundle is format version {n}; this reader knows version {FORMAT_MAJOR} only — update the widget"
                );
                f.error("version", message);
                Err(Reported)
            }
            _ => {
                f.error("version", format!("\"version\" must be 1 (or 1.x), not {n}"));
                Err(Reported)
            }
        },
    }
}

/// The `article` member: every problem is a warning, and a bad value is
/// dropped, never the bundle.
pub(super) fn article<'a>(value: Option<&'a Value<'a>>, f: &mut Fields<'a>) -> Article {
    let expect = Expect::warning("an object", "; ignored");
    let Ok(Some(obj)) = f.typed(Member::Key("article"), value.filter(|v| !v.is_null()), Value::as_object, expect)
    else {
        return Article::default();
    };
    f.obj = Some(obj);
    let title = f.optional_text("title", limits::NAME);
    let url = f.optional_text("url", limits::URL);
    let publisher = f.optional_text("publisher", limits::NAME);
    let published = f.optional_text("published", limits::DATE);
    let language = f.optional_text("language", limits::LANGUAGE_TAG);
    if title.is_none() {
        f.warn("title", "\"title\" is required in \"article\"".to_owned());
    }
    let url = url.and_then(|u| match check_url(&u) {
        Ok(u) => Some(u),
        Err(reason) => {
            f.warn("url", format!("\"url\" {reason}; ignored"));
            None
        }
    });
    let published = f.date("published", published);
    let language = language.and_then(|l| {
        if is_language_tag(&l) {
            Some(l)
        } else {
            let message = format!(
                "\"language\" {} is not a BCP 47 language tag (like \"en\" or \"vi-VN\"); ignored",
                quoted(&l, 40)
            );
            f.warn("language", message);
            None
        }
    });
    Article { title, url, publisher, published, language }
}
