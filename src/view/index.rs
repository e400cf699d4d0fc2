//! [`Index`]: what is computed once per loaded bundle so that a keystroke or
//! a toggle costs one pass over the claims: folded search text and each
//! facet's options by value.

use super::facet::{Facet, PerFacet};
use crate::model::{Bundle, ClaimKind};
use crate::text::{fold, push_fold};
use rustc_hash::FxHashMap;

/// Precomputed, immutable lookups for one bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// The folded text of every claim, in bundle order, each followed by a
    /// newline (query words never contain one, so no match spans two claims).
    /// One string instead of one per claim: less memory, and a query word is
    /// found with a single scan.
    claim_text: String,
    /// Where each claim's folded text ends in `claim_text`.
    claim_ends: Vec<usize>,
    /// Folded name, role and affiliation of each speaker; a claim matches a
    /// word found in its speaker's text.
    speaker_text: Vec<String>,
    /// Folded name of each source; a claim matches a word found in one of its sources.
    source_text: Vec<String>,
    /// Folded words of each verdict; a claim matches a word found in its review's verdict.
    verdict_text: Vec<String>,
    /// Folded speaker names, for sorting.
    pub(super) speaker_keys: Vec<String>,
    /// Each facet's options: value (id, topic or kind name) → position in
    /// the facet's option list (see [`Facet::option_ixs`]).
    options: PerFacet<FxHashMap<String, usize>>,
    /// Claim indexes in the order of their ids, to find a claim by id (deep
    /// links, the host article's links) by binary search: 4 bytes a claim,
    /// where a map of ids would copy every id.
    by_id: Vec<u32>,
}

impl Index {
    pub fn new(bundle: &Bundle) -> Index {
        let speaker_text = bundle
            .speakers
            .iter()
            .map(|s| {
                let mut t = fold(&s.name);
                for extra in [&s.role, &s.affiliation].into_iter().flatten() {
                    t.push('\n');
                    t.push_str(&fold(extra));
                }
                t
            })
            .collect();
        let mut claim_text = String::with_capacity(bundle.claims.iter().map(|c| c.text.len() + 1).sum());
        let mut claim_ends = Vec::with_capacity(bundle.claims.len());
        for c in &bundle.claims {
            push_fold(&mut claim_text, &c.text);
            claim_ends.push(claim_text.len());
            claim_text.push('\n');
        }
        claim_text.shrink_to_fit();
        let options = PerFacet::from_fn(|facet| match facet {
            Facet::Speaker => by_position(bundle.speakers.iter().map(|s| s.id.as_str())),
            Facet::Source => by_position(bundle.sources.iter().map(|s| s.id.as_str())),
            Facet::Topic => by_position(bundle.topics.iter().map(|t| t.id.as_str())),
            Facet::Kind => by_position(ClaimKind::ALL.iter().map(|k| k.as_str())),
            Facet::Verdict => by_position(bundle.verdicts.iter().map(String::as_str)),
        });
        let mut by_id: Vec<usize> = (0..bundle.claims.len()).collect();
        sort_claims(&mut by_id, &|a, b| bundle.claims[a].id.cmp(&bundle.claims[b].id));
        let by_id = by_id.into_iter().map(|ci| ci as u32).collect();
        Index {
            by_id,
            claim_text,
            claim_ends,
            speaker_text,
            source_text: bundle.sources.iter().map(|s| fold(&s.name)).collect(),
            verdict_text: bundle.verdicts.iter().map(|v| fold(v)).collect(),
            speaker_keys: bundle.speakers.iter().map(|s| fold(&s.name)).collect(),
            options,
        }
    }

    /// The index of the claim with this id.
    pub fn claim(&self, bundle: &Bundle, id: &str) -> Option<usize> {
        let at = self.by_id.binary_search_by(|&ci| bundle.claims[ci as usize].id.as_str().cmp(id)).ok()?;
        Some(self.by_id[at] as usize)
    }

    /// How many options a facet has.
    pub fn option_count(&self, facet: Facet) -> usize {
        self.options[facet].len()
    }

    /// Where the option `value` stands in the facet's option list.
    pub fn option(&self, facet: Facet, value: &str) -> Option<usize> {
        self.options[facet].get(value).copied()
    }

    /// Which claims contain every one of the folded `words` (each in the
    /// claim's text, its speaker's, one of its sources' or its verdict's);
    /// `None` for no words.
    pub(super) fn matching(&self, bundle: &Bundle, words: &[String]) -> Option<Vec<bool>> {
        let mut all: Option<Vec<bool>> = None;
        for word in words {
            let speakers: Vec<bool> = self.speaker_text.iter().map(|t| t.contains(word.as_str())).collect();
            let sources: Vec<bool> = self.source_text.iter().map(|t| t.contains(word.as_str())).collect();
            let verdicts: Vec<bool> = self.verdict_text.iter().map(|t| t.contains(word.as_str())).collect();
            let mut hit: Vec<bool> = bundle
                .claims
                .iter()
                .map(|c| {
                    speakers[c.speaker]
                        || c.sources.iter().any(|&s| sources[s])
                        || c.review.as_ref().is_some_and(|r| verdicts[r.verdict])
                })
                .collect();
            // One scan: after a match, go on from the end of that claim.
            let (mut from, mut ci) = (0, 0);
            while let Some(at) = self.claim_text.get(from..).and_then(|rest| rest.find(word.as_str())) {
                let at = from + at;
                while self.claim_ends.get(ci).is_some_and(|&end| end <= at) {
                    ci += 1;
                }
                let Some(h) = hit.get_mut(ci) else { break };
                *h = true;
                from = self.claim_ends[ci] + 1;
            }
            all = Some(match all {
                None => hit,
                Some(mut so_far) => {
                    so_far.iter_mut().zip(hit).for_each(|(a, b)| *a &= b);
                    so_far
                }
            });
        }
        all
    }
}

/// Values → their positions.
fn by_position<'s>(values: impl Iterator<Item = &'s str>) -> FxHashMap<String, usize> {
    values.enumerate().map(|(i, v)| (v.to_owned(), i)).collect()
}

/// Sorts claim indexes, stably. Every sort of claims goes through here: the
/// sort algorithm is made once in the wasm, not once per ordering (≈ 2.5 KB each).
pub fn sort_claims(claims: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    claims.sort_by(|&a, &b| cmp(a, b));
}
