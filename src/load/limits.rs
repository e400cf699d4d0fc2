//! Size limits, in characters unless stated. Larger values are rejected per
//! item, so that a runaway paste cannot freeze a reader's phone; the schema
//! (`schema/claim-bundle.v1.json`) states the same numbers.

/// The whole bundle, in bytes.
pub const BUNDLE_BYTES: usize = 64 * 1024 * 1024;
pub const ID: usize = 128;
pub const CLAIM_TEXT: usize = 5_000;
pub const NAME: usize = 300;
pub const SHORT_TEXT: usize = 500;
pub const CONTEXT: usize = 2_000;
pub const URL: usize = 2_048;
pub const TOPIC: usize = 64;
pub const TOPICS_PER_CLAIM: usize = 20;
pub const SOURCES_PER_CLAIM: usize = 20;
/// `article.published`, before it is read as a date.
pub const DATE: usize = 64;
/// `article.language`, before it is read as a language tag.
pub const LANGUAGE_TAG: usize = 35;
/// The highest paragraph number a claim may give.
pub const PARAGRAPH: u64 = 100_000;
