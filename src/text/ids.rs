//! Ids for imported items, made from their names: the same input gives the
//! same ids, and no two items of a list share one.

use super::fold;
use std::collections::HashSet;

/// The longest id made (ids may be 128 characters; shorter ones read better in URLs).
const MAX: usize = 48;

/// A name as an id: folded (case, diacritics: `Nguyễn Văn A` → `nguyen-van-a`),
/// letters and digits kept, every other run of characters one `-`, cut at a
/// word boundary to at most 48 characters. Empty when the name has no letter
/// or digit an id may hold (a name in another script).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    if out.len() > MAX {
        let cut = out[..=MAX].rfind('-').filter(|&at| at > 0).unwrap_or(MAX);
        out.truncate(cut);
    }
    out
}

/// The ids given out for one list.
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
    /// The next number to try for a slug: many items with one name stay linear.
    next: std::collections::HashMap<String, usize>,
}

impl Ids {
    /// Marks an id as taken (one the input gave).
    pub fn take(&mut self, id: &str) {
        self.used.insert(id.to_owned());
    }

    /// An unused id for `name`: its slug, then `slug-2`, `slug-3`…; for a
    /// name with no slug, `prefix-` and a short hash of the name.
    pub fn make(&mut self, name: &str, prefix: &str) -> String {
        let mut base = slug(name);
        if base.is_empty() {
            let hash =
                name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            base = format!("{prefix}-{:08x}", hash as u32);
        }
        let mut id = base.clone();
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.next.insert(base, n);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_and_cut_at_words() {
        assert_eq!(slug("Nguyễn Văn Đức"), "nguyen-van-duc");
        assert_eq!(slug("  The Mayor's Office (City Hall) "), "the-mayor-s-office-city-hall");
        assert_eq!(slug("حماس"), "");
        let long = slug("Crime in the city has doubled since the last election and nobody is doing anything about it");
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
        assert_eq!(long, "crime-in-the-city-has-doubled-since-the-last");
    }

    #[test]
    fn ids_are_unique_and_the_same_for_the_same_input() {
        let run = || {
            let mut ids = Ids::default();
            ids.take("ann");
            ["Ann", "Ann", "حماس", "حماس"].map(|n| ids.make(n, "speaker"))
        };
        let first = run();
        assert_eq!(first[..2], ["ann-2", "ann-3"]);
        assert!(first[2].starts_with("speaker-") && first[3] == format!("{}-2", first[2]));
        assert_eq!(first, run());
    }
}
