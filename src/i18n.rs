//! UI strings. One [`Strings`] table per language; add a language by adding a
//! table and a line in [`Lang::from_tag`]. Bundle text is never translated.

use crate::failure::Failure;
use crate::model::{ClaimKind, SourceKind};
use crate::view::{Facet, SortOrder};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// Every translated interface language.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// Picks a language from a BCP 47 tag (`vi`, `vi-VN`, `en-GB`); English
    /// for anything not translated.
    pub fn from_tag(tag: &str) -> Lang {
        match primary_subtag(tag).as_str() {
            "vi" => Lang::Vi,
            _ => Lang::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The writing direction of the interface in this language.
    pub fn dir(self) -> &'static str {
        "ltr"
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Vi => &VI,
        }
    }
}

pub struct Strings {
    pub widget_label: &'static str,
    /// The standalone page's description (search results, link previews).
    pub page_description: &'static str,
    /// The standalone page's footer link to the editor.
    pub editor_link: &'static str,
    pub show_filters: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub speakers: &'static str,
    pub sources: &'static str,
    pub topics: &'static str,
    pub kinds: &'static str,
    /// The verdict facet's legend, and what a card's verdict is called.
    pub verdicts: &'static str,
    /// "{value} of {best}": a verdict's place on its scale.
    pub scale: fn(&str, &str) -> String,
    /// Before the fact-checker's name on a card.
    pub reviewed_by: &'static str,
    /// The link to a review that names no reviewer.
    pub read_review: &'static str,
    pub sort_label: &'static str,
    pub group_by_speaker: &'static str,
    pub clear_all: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    /// The clipboard refused: the card's link is in the address bar instead.
    pub link_in_address_bar: &'static str,
    pub empty_title: &'static str,
    pub empty_hint: &'static str,
    /// The bundle itself has no claims (nothing to filter).
    pub no_claims: &'static str,
    /// Beside a filter value the bundle does not have (from a link, an attribute).
    pub not_in_bundle: &'static str,
    /// Before the search text in the printed view's summary.
    pub search_for: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    /// Why, in a reader's words.
    pub failure: fn(&Failure) -> String,
    pub retry: &'static str,
    pub details: &'static str,
    pub dismiss: &'static str,
    pub via: &'static str,
    pub in_paragraph: &'static str,
    /// A card's "Copy link" button, for screen readers: "Copy link: {speaker}, “{claim's first words}…”".
    pub copy_link_for: fn(&str, &str) -> String,
    pub opens_new_tab: &'static str,
    pub show_all: &'static str,
    pub show_fewer: &'static str,
    /// "{shown} of {total} claims"
    pub count: fn(usize, usize) -> String,
    /// "Show {n} more ({rest} not shown yet)"
    pub show_more: fn(usize, usize) -> String,
    /// "{n} claims could not be shown"
    pub not_shown: fn(usize) -> String,
    /// "{n} problems in the bundle" (warnings only)
    pub warnings: fn(usize) -> String,
    pub sort_name: fn(SortOrder) -> &'static str,
    pub claim_kind: fn(ClaimKind) -> &'static str,
    pub source_kind: fn(SourceKind) -> &'static str,
    pub months: [&'static str; 12],
    /// Formats a calendar date: (year, month 1–12, day).
    pub date: fn(&Strings, i32, u8, u8) -> String,
}

impl Strings {
    /// The title of a page showing one bundle (the standalone page's `<title>`).
    pub fn page_title(&self, article_title: Option<&str>) -> String {
        match article_title {
            Some(t) => format!("{t} — {}", self.widget_label),
            None => self.widget_label.to_owned(),
        }
    }

    /// The description of a page showing one bundle (its meta description).
    pub fn page_description(&self, article_title: Option<&str>) -> String {
        match article_title {
            Some(t) => format!("{}: {t}", self.page_description),
            None => self.page_description.to_owned(),
        }
    }

    /// A facet's legend in the filter bar.
    pub fn facet(&self, facet: Facet) -> &'static str {
        match facet {
            Facet::Speaker => self.speakers,
            Facet::Source => self.sources,
            Facet::Topic => self.topics,
            Facet::Kind => self.kinds,
            Facet::Verdict => self.verdicts,
        }
    }
}

/// Tables are statics: two are equal when they are the same table.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({})", self.widget_label)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub static EN: Strings = Strings {
    widget_label: "Who said what",
    page_description: "Every claim in the article, with who made it and the sources it came through",
    editor_link: "Make a bundle like this one: the claim cards editor",
    show_filters: "Filters",
    search_label: "Search claims",
    search_placeholder: "Search words, people, sources…",
    speakers: "Speaker",
    sources: "Source",
    topics: "Topic",
    kinds: "Kind of claim",
    verdicts: "Verdict",
    scale: |value, best| format!("{value} of {best}"),
    reviewed_by: "Fact-checked by",
    read_review: "Read the fact-check",
    sort_label: "Sort by",
    group_by_speaker: "Group by speaker",
    clear_all: "Clear all",
    copy_link: "Copy link",
    link_copied: "Link copied",
    link_in_address_bar: "Link in the address bar",
    empty_title: "No claims match these filters.",
    empty_hint: "Try fewer filters or another search word.",
    no_claims: "This bundle has no claims yet.",
    not_in_bundle: "not in these claims",
    search_for: "Search",
    loading: "Loading claims…",
    load_failed: "The claims could not be loaded",
    failure: |f| match f {
        Failure::Refused(origin) => format!("This page does not show claims from {origin}."),
        Failure::Offline => "You seem to be offline. Check your connection, then retry.".to_owned(),
        Failure::Unreachable => {
            "The claims could not be downloaded: the server did not answer, or does not let this page load them."
                .to_owned()
        }
        Failure::Status(code) => format!("The server could not send the claims (error {code})."),
        Failure::NotABundle => "The address leads to a web page, not to the claims.".to_owned(),
        Failure::TooLarge => "The claims are too many to show here.".to_owned(),
        Failure::Interrupted => "The download stopped before the end.".to_owned(),
        Failure::Unreadable => "The claims are damaged or in a form this widget cannot read.".to_owned(),
        Failure::NoBundle => "This widget was given no claims to show.".to_owned(),
    },
    retry: "Retry",
    details: "Details",
    dismiss: "Dismiss",
    via: "Source",
    in_paragraph: "in paragraph",
    copy_link_for: |speaker, text| format!("Copy link: {speaker}, “{text}”"),
    opens_new_tab: "(opens in a new tab)",
    show_all: "Show all",
    show_fewer: "Show fewer",
    count: |shown, total| {
        if shown == total {
            plural(total, "claim", "claims")
        } else {
            format!("{shown} of {}", plural(total, "claim", "claims"))
        }
    },
    show_more: |n, rest| format!("Show {n} more ({rest} not shown yet)"),
    not_shown: |n| format!("{} could not be shown", plural(n, "claim", "claims")),
    warnings: |n| format!("{} in this bundle", plural(n, "problem", "problems")),
    sort_name: |s| match s {
        SortOrder::Article => "Article order",
        SortOrder::Date => "Date",
        SortOrder::Speaker => "Speaker",
    },
    claim_kind: |k| match k {
        ClaimKind::Quote => "Quote",
        ClaimKind::Paraphrase => "Paraphrase",
        ClaimKind::Statement => "Statement",
        ClaimKind::Report => "Report",
    },
    source_kind: |k| match k {
        SourceKind::NewsAgency => "News agency",
        SourceKind::Newspaper => "Newspaper",
        SourceKind::Broadcaster => "Broadcaster",
        SourceKind::SocialMedia => "Social media",
        SourceKind::PressBriefing => "Press briefing",
        SourceKind::OfficialStatement => "Official statement",
        SourceKind::Document => "Document",
        SourceKind::Article => "Article",
        SourceKind::Other => "Other",
    },
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date: |s, y, m, d| format!("{} {d}, {y}", s.months[(m.clamp(1, 12) - 1) as usize]),
};

pub static VI: Strings = Strings {
    widget_label: "Ai nói gì",
    page_description: "Mọi phát ngôn trong bài báo, ai đã nói và qua nguồn nào",
    editor_link: "Tạo một gói như thế này: trình soạn thẻ phát ngôn",
    show_filters: "Bộ lọc",
    search_label: "Tìm phát ngôn",
    search_placeholder: "Tìm từ, người, nguồn…",
    speakers: "Người phát ngôn",
    sources: "Nguồn",
    topics: "Chủ đề",
    kinds: "Loại phát ngôn",
    verdicts: "Kết luận kiểm chứng",
    scale: |value, best| format!("{value} trên {best}"),
    reviewed_by: "Kiểm chứng bởi",
    read_review: "Xem bài kiểm chứng",
    sort_label: "Sắp xếp theo",
    group_by_speaker: "Nhóm theo người phát ngôn",
    clear_all: "Xóa bộ lọc",
    copy_link: "Sao chép liên kết",
    link_copied: "Đã sao chép",
    link_in_address_bar: "Đường dẫn ở thanh địa chỉ",
    empty_title: "Không có phát ngôn nào khớp với bộ lọc.",
    empty_hint: "Hãy bớt bộ lọc hoặc thử từ khóa khác.",
    no_claims: "Dữ liệu này chưa có phát ngôn nào.",
    not_in_bundle: "không có trong dữ liệu",
    search_for: "Tìm",
    loading: "Đang tải phát ngôn…",
    load_failed: "Không tải được danh sách phát ngôn",
    failure: |f| match f {
        Failure::Refused(origin) => format!("Trang này không hiển thị phát ngôn từ {origin}."),
        Failure::Offline => "Có vẻ bạn đang ngoại tuyến. Hãy kiểm tra kết nối rồi thử lại.".to_owned(),
        Failure::Unreachable => {
            "Không tải được các phát ngôn: máy chủ không trả lời, hoặc không cho phép trang này tải chúng.".to_owned()
        }
        Failure::Status(code) => format!("Máy chủ không gửi được các phát ngôn (lỗi {code})."),
        Failure::NotABundle => "Địa chỉ này dẫn tới một trang web, không phải danh sách phát ngôn.".to_owned(),
        Failure::TooLarge => "Có quá nhiều phát ngôn để hiển thị ở đây.".to_owned(),
        Failure::Interrupted => "Quá trình tải bị ngắt trước khi xong.".to_owned(),
        Failure::Unreadable => "Dữ liệu phát ngôn bị hỏng hoặc ở dạng mà tiện ích này không đọc được.".to_owned(),
        Failure::NoBundle => "Tiện ích này không được cung cấp phát ngôn nào để hiển thị.".to_owned(),
    },
    retry: "Thử lại",
    details: "Chi tiết",
    dismiss: "Đóng",
    via: "Nguồn",
    in_paragraph: "đoạn",
    copy_link_for: |speaker, text| format!("Sao chép liên kết: {speaker}, “{text}”"),
    opens_new_tab: "(mở trong thẻ mới)",
    show_all: "Xem tất cả",
    show_fewer: "Thu gọn",
    count: |shown, total| {
        if shown == total {
            format!("{total} phát ngôn")
        } else {
            format!("{shown} trên {total} phát ngôn")
        }
    },
    show_more: |n, rest| format!("Xem thêm {n} ({rest} chưa hiển thị)"),
    not_shown: |n| format!("{n} phát ngôn không thể hiển thị"),
    warnings: |n| format!("{n} lỗi nhỏ trong dữ liệu"),
    sort_name: |s| match s {
        SortOrder::Article => "Thứ tự bài viết",
        SortOrder::Date => "Ngày",
        SortOrder::Speaker => "Người phát ngôn",
    },
    claim_kind: |k| match k {
        ClaimKind::Quote => "Trích dẫn",
        ClaimKind::Paraphrase => "Diễn giải",
        ClaimKind::Statement => "Tuyên bố",
        ClaimKind::Report => "Đưa tin",
    },
    source_kind: |k| match k {
        SourceKind::NewsAgency => "Hãng thông tấn",
        SourceKind::Newspaper => "Báo in",
        SourceKind::Broadcaster => "Đài truyền hình",
        SourceKind::SocialMedia => "Mạng xã hội",
        SourceKind::PressBriefing => "Họp báo",
        SourceKind::OfficialStatement => "Tuyên bố chính thức",
        SourceKind::Document => "Tài liệu",
        SourceKind::Article => "Bài báo",
        SourceKind::Other => "Khác",
    },
    months: [
        "tháng 1",
        "tháng 2",
        "tháng 3",
        "tháng 4",
        "tháng 5",
        "tháng 6",
        "tháng 7",
        "tháng 8",
        "tháng 9",
        "tháng 10",
        "tháng 11",
        "tháng 12",
    ],
    date: |s, y, m, d| format!("{d} {} năm {y}", s.months[(m.clamp(1, 12) - 1) as usize]),
};

/// The language of a BCP 47 tag, lower-cased: `vi` of `vi-VN`, `en` of `EN_gb`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// The writing direction of text in the language `tag` (BCP 47): `rtl` for
/// the scripts written right to left (Arabic, Hebrew, Persian, Urdu, …).
pub fn text_dir(tag: &str) -> &'static str {
    match primary_subtag(tag).as_str() {
        "ar" | "arc" | "ckb" | "dv" | "fa" | "he" | "iw" | "ks" | "ku" | "ps" | "sd" | "syr" | "ug" | "ur" | "yi" => {
            "rtl"
        }
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions_and_page_titles() {
        assert_eq!(text_dir("ar"), "rtl");
        assert_eq!(text_dir("he-IL"), "rtl");
        assert_eq!(text_dir("vi"), "ltr");
        assert_eq!(text_dir(""), "ltr");
        assert_eq!(EN.page_title(Some("A")), "A — Who said what");
        assert_eq!(EN.page_title(None), "Who said what");
        assert_eq!(VI.page_description(Some("B")), "Mọi phát ngôn trong bài báo, ai đã nói và qua nguồn nào: B");
    }

    #[test]
    fn language_from_tags() {
        assert_eq!(Lang::from_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_tag("VI"), Lang::Vi);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn counts_and_dates() {
        assert_eq!((EN.count)(6, 15), "6 of 15 claims");
        assert_eq!((EN.count)(1, 1), "1 claim");
        assert_eq!((EN.not_shown)(2), "2 claims could not be shown");
        assert_eq!((VI.count)(6, 15), "6 trên 15 phát ngôn");
        assert_eq!((EN.date)(&EN, 2025, 3, 5), "March 5, 2025");
        assert_eq!((VI.date)(&VI, 2025, 3, 5), "5 tháng 3 năm 2025");
        assert_eq!((EN.scale)("1", "5"), "1 of 5");
        assert_eq!((VI.scale)("1", "5"), "1 trên 5");
    }
}
