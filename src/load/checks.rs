//! Checks of single values, independent of where they stand in a bundle:
//! text length, links, language tags, ids; and how a value is quoted in a
//! message. Each returns the reason a value is refused, worded to follow the
//! field's name ("\"url\" {reason}").

use crate::json;

/// Trims a string and checks it is not too long. `Ok(None)` for a blank string.
pub fn check_text(s: &str, max: usize) -> Result<Option<String>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Counting characters only when the bytes could exceed the limit.
    if t.len() > max {
        let chars = t.chars().count();
        if chars > max {
            return Err(format!("is {chars} characters long; the limit is {max}"));
        }
    }
    Ok(Some(t.to_owned()))
}

/// Accepts only absolute `http:` and `https:` URLs: the single gate for every
/// link a bundle gives. Browsers ignore ASCII tab and newline inside a scheme,
/// and leading control characters and spaces, so those are removed before the
/// scheme is read (`java\tscript:` is `javascript:` to a browser). Returns the
/// cleaned URL.
pub fn check_url(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return Err(format!("{} is not an http: or https: link", quoted(trimmed, 60)));
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.starts_with(['\\', '/']) || host.contains(['\\', ' ', '<', '>', '"']) {
        return Err(format!("{} has no valid host name", quoted(&cleaned, 60)));
    }
    // `https://reuters.com@evil.example/` leads to evil.example, and reads like Reuters.
    if host.contains('@') {
        return Err(format!(
            "{} has a user name or password before its host, which can disguise where it leads",
            quoted(&cleaned, 60)
        ));
    }
    if cleaned.chars().any(|c| c.is_control() || c == ' ') {
        return Err("contains spaces or control characters; encode them as %20".to_owned());
    }
    Ok(cleaned)
}

/// Loose BCP 47 check: 2–3 letter primary subtag, then alphanumeric subtags of 1–8.
/// The host of a URL, lower case and without `www.` (a source named by its
/// site: importers, the draft's default source).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok =
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Ids are safe in URLs, DOM ids and CSS selectors as they are.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A value quoted for a message as it would be written in JSON (so a tab
/// shows as `\t`), cut to `max` characters.
pub fn quoted(value: &str, max: usize) -> String {
    let mut cut: String = value.chars().take(max).collect();
    if cut.len() < value.len() {
        cut.push('…');
    }
    json::quote(&cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.Example.org/a?b").as_deref(), Some("example.org"));
        assert_eq!(host_of("http://user@x.com:8080/").as_deref(), Some("x.com"));
        assert_eq!(host_of("https://www.Example.com:8080/a/b?c").as_deref(), Some("example.com"));
        assert_eq!(host_of("mailto:x"), None);
        assert_eq!(host_of("no url"), None);
    }

    #[test]
    fn check_url_accepts_http_and_https_and_cleans_what_browsers_ignore() {
        for (raw, cleaned) in [
            ("https://example.org", "https://example.org"),
            ("HTTP://Example.org/a?b=c#d", "HTTP://Example.org/a?b=c#d"),
            ("  https://example.org/x  ", "https://example.org/x"),
            (" https://example.org/x\t", "https://example.org/x"),
            ("ht\ttps://example.org/\npath", "https://example.org/path"),
            ("https://example.org?q", "https://example.org?q"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
        ] {
            assert_eq!(check_url(raw).as_deref(), Ok(cleaned), "{raw:?}");
        }
    }

    #[test]
    fn check_url_refuses_other_schemes_with_the_reason() {
        for raw in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:msgbox(1)",
            "ftp://example.org/file",
            "//evil.example/path",
            "https:evil.example",
            "example.org",
            "",
        ] {
            let reason = check_url(raw).expect_err(raw);
            assert!(reason.ends_with("is not an http: or https: link"), "{raw:?}: {reason}");
        }
        // The value is quoted as JSON would write it, so a hidden tab shows.
        assert_eq!(
            check_url("java\tscript:alert(1)").unwrap_err(),
            r#""java\tscript:alert(1)" is not an http: or https: link"#
        );
    }

    #[test]
    fn check_url_refuses_a_missing_or_malformed_host() {
        for raw in ["http://", "https:///evil.example", "https://\\\\evil.example", "https://a b/", "https://<x>/"] {
            let reason = check_url(raw).expect_err(raw);
            assert!(reason.ends_with("has no valid host name"), "{raw:?}: {reason}");
        }
        assert_eq!(
            check_url("https://example.org/a b").unwrap_err(),
            "contains spaces or control characters; encode them as %20"
        );
        assert!(check_url("https://example.org/\u{7f}").is_err());
    }

    #[test]
    fn check_url_refuses_user_info_that_disguises_the_host() {
        for raw in [
            "https://reuters.com@evil.example/",
            "https://user:pass@example.org",
            "http://@example.org/",
            "https://a@b@c/",
        ] {
            let reason = check_url(raw).expect_err(raw);
            assert!(
                reason.ends_with("has a user name or password before its host, which can disguise where it leads"),
                "{raw}: {reason}"
            );
        }
        // An @ after the host is part of the path or query, not user-info.
        for raw in ["https://example.org/@user", "https://example.org/a?mail=x@y.org", "https://example.org#@x"] {
            assert_eq!(check_url(raw).as_deref(), Ok(raw));
        }
    }

    #[test]
    fn text_is_trimmed_blank_is_none_and_length_counts_characters() {
        assert_eq!(check_text("  a b  ", 3), Ok(Some("a b".to_owned())));
        assert_eq!(check_text(" \n\t ", 3), Ok(None));
        assert_eq!(check_text("đđđ", 3), Ok(Some("đđđ".to_owned())), "6 bytes, 3 characters");
        assert_eq!(check_text("abcd", 3), Err("is 4 characters long; the limit is 3".to_owned()));
    }

    #[test]
    fn language_tags_and_ids() {
        for good in ["en", "vi-VN", "zh-Hant-TW", "yue", "en-GB-oxendict"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "english", "en_GB", "en-", "en-toolongsubtag", "1a"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert!(is_valid_id("c-1_2.x"));
        for bad in ["", "a b", "a/b", "é", "a\"b"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn quoted_values_are_cut_and_escaped() {
        assert_eq!(quoted("abc", 2), "\"ab…\"");
        assert_eq!(quoted("a\"b", 10), r#""a\"b""#);
        assert_eq!(quoted("đ", 1), "\"đ\"");
    }
}
