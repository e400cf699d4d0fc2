//! The archive view's own words, English and Vietnamese (the widget's
//! [`crate::i18n::Strings`] serve the cards, facets and errors it shares;
//! these stay out of the single-bundle widget's wasm).

use crate::archive::Facet;
use crate::i18n::{Lang, Strings};

pub struct ArchiveStrings {
    pub label: &'static str,
    /// "{claims} claims from {articles} articles"
    pub about: fn(&str, &str) -> String,
    /// (count, exact): "1,234 claims" / "About 1,234 claims"
    pub count: fn(&str, bool) -> String,
    pub estimated: &'static str,
    pub estimated_short: &'static str,
    pub searching: &'static str,
    pub find_speaker: &'static str,
    pub find_speaker_hint: &'static str,
    /// After a suggestion's number of claims, for screen readers (" claims").
    pub claims_word: &'static str,
    pub no_suggestion: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub dates: &'static str,
    pub order: &'static str,
    pub newest: &'static str,
    pub relevance: &'static str,
    pub publishers: &'static str,
    pub show_more: &'static str,
    pub not_in_archive: &'static str,
    pub part_failed: &'static str,
    pub in_article: &'static str,
    pub empty_title: &'static str,
    pub empty_hint: &'static str,
}

/// Tables are statics: two are equal when they are the same table.
impl PartialEq for ArchiveStrings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl ArchiveStrings {
    pub fn of(lang: Lang) -> &'static ArchiveStrings {
        match lang {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }

    /// A facet's legend: the widget's, and the publisher's.
    pub fn facet(&self, s: &Strings, facet: Facet) -> &'static str {
        facet.widget().map_or(self.publishers, |f| s.facet(f))
    }
}

/// A number with its thousands grouped (`sep`: "," in English, "." in Vietnamese).
pub fn grouped(n: u32, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

pub static EN: ArchiveStrings = ArchiveStrings {
    label: "Claim archive",
    about: |claims, articles| format!("{claims} claims from {articles} articles"),
    count: |n, exact| if exact { format!("{n} claims") } else { format!("About {n} claims") },
    estimated: "Counts marked ≈ are estimates from the newest part of the archive.",
    estimated_short: "estimated",
    searching: "Searching…",
    find_speaker: "Find a speaker",
    find_speaker_hint: "Type part of a name",
    claims_word: " claims",
    no_suggestion: "No speaker by that name",
    from: "From",
    to: "To",
    dates: "Dates",
    order: "Order",
    newest: "Newest first",
    relevance: "Best match",
    publishers: "Publishers",
    show_more: "Show more",
    not_in_archive: "not in the archive",
    part_failed: "Part of the archive could not be loaded.",
    in_article: "In",
    empty_title: "No claims match.",
    empty_hint: "Try fewer words, a wider date range or fewer filters.",
};

pub static VI: ArchiveStrings = ArchiveStrings {
    label: "Kho phát ngôn",
    about: |claims, articles| format!("{claims} phát ngôn từ {articles} bài báo"),
    count: |n, exact| if exact { format!("{n} phát ngôn") } else { format!("Khoảng {n} phát ngôn") },
    estimated: "Số có dấu ≈ là ước tính từ phần mới nhất của kho.",
    estimated_short: "ước tính",
    searching: "Đang tìm…",
    find_speaker: "Tìm người phát ngôn",
    find_speaker_hint: "Gõ một phần của tên",
    claims_word: " phát ngôn",
    no_suggestion: "Không có người phát ngôn nào với tên này",
    from: "Từ",
    to: "Đến",
    dates: "Ngày",
    order: "Thứ tự",
    newest: "Mới nhất trước",
    relevance: "Phù hợp nhất",
    publishers: "Cơ quan báo chí",
    show_more: "Xem thêm",
    not_in_archive: "không có trong kho",
    part_failed: "Không tải được một phần của kho.",
    in_article: "Trong bài",
    empty_title: "Không có phát ngôn nào phù hợp.",
    empty_hint: "Hãy thử ít từ hơn, khoảng ngày rộng hơn hoặc ít bộ lọc hơn.",
};

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0, ','), "0");
        assert_eq!(grouped(999, ','), "999");
        assert_eq!(grouped(1000, ','), "1,000");
        assert_eq!(grouped(1234567, '.'), "1.234.567");
    }
}
