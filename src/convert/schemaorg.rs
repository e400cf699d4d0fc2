//! What reading and writing schema.org share: type names, the kinds of
//! speakers and sources they map to, and the defaults of a `Rating`.

use crate::model::{SourceKind, SpeakerKind};
use serde_json::Value;

/// schema.org's default `bestRating` when a `Rating` gives a value without one.
pub const DEFAULT_BEST: f64 = 5.0;
/// schema.org's default `worstRating`.
pub const DEFAULT_WORST: f64 = 1.0;

/// Whether a JSON-LD node is of the schema.org type `name` (`"@type":
/// "ClaimReview"`, `["ClaimReview", …]`, `"schema:ClaimReview"`,
/// `"https://schema.org/ClaimReview"`).
pub fn is_type(node: &Value, name: &str) -> bool {
    let plain = |t: &str| {
        let t = t.trim();
        let t = ["http://schema.org/", "https://schema.org/", "schema:"]
            .iter()
            .fold(t, |t, p| t.strip_prefix(p).unwrap_or(t));
        t == name
    };
    match node.get("@type") {
        Some(Value::String(t)) => plain(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(plain),
        _ => false,
    }
}

/// Organisation types a claim's author may have (schema.org's subtypes of
/// Organization that fact-checks use).
const ORGANIZATIONS: &[&str] = &[
    "Organization",
    "NewsMediaOrganization",
    "GovernmentOrganization",
    "PoliticalParty",
    "Corporation",
    "NGO",
    "EducationalOrganization",
    "MedicalOrganization",
];

/// The kind of speaker a JSON-LD author node is.
pub fn speaker_kind(node: &Value) -> SpeakerKind {
    if ORGANIZATIONS.iter().any(|t| is_type(node, t)) {
        SpeakerKind::Organization
    } else {
        SpeakerKind::Person
    }
}

/// The schema.org type for a speaker of this kind.
pub fn speaker_type(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Organization | SpeakerKind::Group => "Organization",
        SpeakerKind::Person | SpeakerKind::Unnamed => "Person",
    }
}

/// Names that say the claimant is not known ("Unknown", "Anonymous").
pub fn is_unknown_name(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    matches!(n.as_str(), "" | "unknown" | "unknown source" | "unknown author" | "anonymous" | "n/a" | "none" | "-")
}

/// Platforms whose posts are social media, by host (and its subdomains).
const SOCIAL: &[&str] = &[
    "twitter.com",
    "x.com",
    "facebook.com",
    "fb.com",
    "fb.watch",
    "instagram.com",
    "threads.net",
    "tiktok.com",
    "youtube.com",
    "youtu.be",
    "truthsocial.com",
    "t.me",
    "telegram.org",
    "whatsapp.com",
    "linkedin.com",
    "reddit.com",
    "bsky.app",
    "mastodon.social",
    "weibo.com",
    "vk.com",
    "snapchat.com",
    "pinterest.com",
    "rumble.com",
    "gab.com",
    "gettr.com",
];

/// The kind of source a link is, guessed from its host: social media for the
/// big platforms, else other.
pub fn source_kind(host: &str) -> SourceKind {
    let social = SOCIAL.iter().any(|s| host == *s || host.ends_with(&format!(".{s}")));
    if social {
        SourceKind::SocialMedia
    } else {
        SourceKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_in_every_spelling() {
        assert!(is_type(&json!({ "@type": "ClaimReview" }), "ClaimReview"));
        assert!(is_type(&json!({ "@type": ["WebPage", "schema:ClaimReview"] }), "ClaimReview"));
        assert!(is_type(&json!({ "@type": "https://schema.org/ClaimReview" }), "ClaimReview"));
        assert!(!is_type(&json!({ "@type": "Review" }), "ClaimReview"));
        assert_eq!(speaker_kind(&json!({ "@type": "GovernmentOrganization" })), SpeakerKind::Organization);
        assert_eq!(speaker_kind(&json!({ "name": "Ann" })), SpeakerKind::Person);
    }

    #[test]
    fn hosts_and_names() {
        assert_eq!(source_kind("m.facebook.com"), SourceKind::SocialMedia);
        assert_eq!(source_kind("x.com"), SourceKind::SocialMedia);
        assert_eq!(source_kind("notx.com"), SourceKind::Other);
        assert_eq!(source_kind("example.org"), SourceKind::Other);
        assert!(is_unknown_name(" Unknown "));
        assert!(!is_unknown_name("Unknown Pleasures Band"));
    }
}
