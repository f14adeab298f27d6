//! The words of a sample: regions, sources, notes, target labels, and the
//! hostile text a dataset may legally hold.
//!
//! Hostile text is what a clerk may paste into a name or a note and what
//! every exporter must print as text: markup of each output format, template
//! syntax, quotes and backslashes, emoji, decomposed (non-NFC) Vietnamese,
//! very long names, spaces at the ends. It never holds two spaces in a row
//! inside a line, control characters, or a figure-like run of zeros, so that
//! a double space, a line break or a "0" in a report always comes from the
//! report's own wording.

use crate::rng::SplitMix64;

/// Markup and syntax of every format, each a piece of a name or note.
pub(crate) const HOSTILE: [&str; 24] = [
    "<script>alert(1)</script>",
    "**đậm**",
    "| ống | dẫn |",
    "{{ x }}",
    "{% if %}",
    "{# chú thích #}",
    "# tiêu đề",
    "- mục",
    "* mục",
    "1. mục",
    "> trích",
    "---",
    "`mã`",
    "[liên kết](https://example.invalid/a_b)",
    "_nghiêng_ ~~gạch~~ $x$",
    "&amp; &lt;b&gt; &#39;",
    "<b>đậm</b> </p>",
    "C:\\thư mục\\tệp",
    "\\\\ \\n \\",
    "\"ngoặc kép\" 'đơn' “cong”",
    "🏭📈 🇻🇳 👩‍🔧",
    "}} %} #}",
    "Ha\u{300} No\u{323}\u{302}i", // "Hà Nội", decomposed
    "nga\u{300}nh co\u{302}ng nghie\u{323}\u{302}p", // "ngành công nghiệp", decomposed
];

/// Regions as the `[dataset]` table names them.
pub(crate) const REGIONS: [&str; 8] = [
    "Hà Nội",
    "Bắc Ninh",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Quảng Ninh",
    "Cần Thơ",
    "Lào Cai",
    "Huế",
];

/// The words of a nationwide dataset.
pub(crate) const NATION: [&str; 2] = ["Cả nước", "Việt Nam"];

/// Region kinds of a province or city.
pub(crate) const REGION_KINDS: [&str; 2] = ["Tỉnh", "Thành phố"];

/// Source notes.
pub(crate) const SOURCES: [&str; 3] = [
    "Nguồn: Cục Thống kê",
    "Nguồn: Tổng cục Thống kê, báo cáo tháng 12",
    "Số liệu sơ bộ của Sở Công Thương",
];

/// The sections of a report that take notes, with stock sentences for
/// each. `industry_orders` is a clause inside a sentence, so it starts in
/// lower case, as Hà Nội's note does.
pub(crate) const NOTES: [(&str, [&str; 3]); 6] = [
    (
        "overview",
        [
            "Sở Công Thương đã chủ động tham mưu, triển khai đồng bộ các nhiệm vụ, giải pháp phát triển công nghiệp, thương mại.",
            "Trong bối cảnh còn nhiều khó khăn, hoạt động công nghiệp, thương mại cơ bản giữ được ổn định.",
            "Công tác cải cách hành chính, chuyển đổi số được đẩy mạnh.",
        ],
    ),
    (
        "limitations",
        [
            "Bên cạnh những kết quả đạt được, công nghiệp hỗ trợ chưa phát triển tương xứng với tiềm năng.",
            "Hoạt động xuất khẩu còn gặp khó khăn do nhu cầu một số thị trường giảm.",
            "Tiến độ đầu tư hạ tầng một số cụm công nghiệp còn chậm.",
        ],
    ),
    (
        "outlook",
        [
            "Kinh tế thế giới được dự báo tiếp tục phục hồi nhưng còn nhiều rủi ro.",
            "Các hiệp định thương mại tự do mở ra cơ hội mở rộng thị trường xuất khẩu.",
            "Giá nguyên liệu, năng lượng được dự báo còn biến động.",
        ],
    ),
    (
        "tasks",
        [
            "Tập trung tháo gỡ khó khăn, vướng mắc cho doanh nghiệp.",
            "Đẩy mạnh xúc tiến thương mại, phát triển thị trường trong nước.",
            "Tăng cường quản lý thị trường, chống buôn lậu, gian lận thương mại.",
        ],
    ),
    (
        "services",
        [
            "Khu vực dịch vụ tiếp tục là điểm sáng của nền kinh tế.",
            "Hoạt động thương mại, dịch vụ sôi động, sức mua tăng vào dịp cuối năm.",
            "Du lịch phục hồi mạnh, kéo theo doanh thu dịch vụ lưu trú, ăn uống tăng.",
        ],
    ),
    (
        "industry_orders",
        [
            "nhiều đơn hàng công nghiệp xuất khẩu chủ lực tăng khá",
            "đơn hàng của các doanh nghiệp điện tử giảm",
            "một số doanh nghiệp đã có đơn hàng đến hết quý I",
        ],
    ),
];

/// How a target may be labelled; `{}` is the indicator's name.
pub(crate) const LABELS: [&str; 3] = ["Tốc độ tăng {}", "Chỉ tiêu {}", "{}"];

/// `percent` out of 100.
pub(crate) fn chance(rng: &mut SplitMix64, percent: i64) -> bool {
    rng.range(0, 99) < percent
}

/// `base` as a hostile clerk might type it, or as it is.
pub(crate) fn maybe_hostile(rng: &mut SplitMix64, hostile: bool, base: &str) -> String {
    if hostile && chance(rng, 45) {
        decorate(rng, base)
    } else {
        base.to_owned()
    }
}

/// `base` with hostile text around, inside or instead of it.
pub(crate) fn decorate(rng: &mut SplitMix64, base: &str) -> String {
    let piece = *rng.pick(&HOSTILE);
    match rng.range(0, 7) {
        0 => piece.to_owned(),
        1 => format!("{base} {piece}"),
        2 => format!("{piece} {base}"),
        3 => format!(" {base}  "),
        4 => {
            // Long enough to wrap in every format, with no double space.
            let words: Vec<&str> = std::iter::repeat_n(base, 12).collect();
            words.join(" – ")
        }
        5 => decompose(base),
        6 => format!("{base} {piece} {}", rng.pick(&HOSTILE)),
        _ => format!("\t{base}\u{a0}"),
    }
}

/// Vietnamese letters with their tone and vowel marks as combining
/// characters: the same text, not in NFC. The reader must recompose it.
fn decompose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        let (letter, marks): (char, &str) = match c {
            'à' => ('a', "\u{300}"),
            'á' => ('a', "\u{301}"),
            'ả' => ('a', "\u{309}"),
            'ã' => ('a', "\u{303}"),
            'ạ' => ('a', "\u{323}"),
            'â' => ('a', "\u{302}"),
            'ấ' => ('a', "\u{302}\u{301}"),
            'ầ' => ('a', "\u{302}\u{300}"),
            'ậ' => ('a', "\u{323}\u{302}"),
            'ê' => ('e', "\u{302}"),
            'ế' => ('e', "\u{302}\u{301}"),
            'ề' => ('e', "\u{302}\u{300}"),
            'ệ' => ('e', "\u{323}\u{302}"),
            'ô' => ('o', "\u{302}"),
            'ố' => ('o', "\u{302}\u{301}"),
            'ộ' => ('o', "\u{323}\u{302}"),
            'ơ' => ('o', "\u{31b}"),
            'ư' => ('u', "\u{31b}"),
            'ự' => ('u', "\u{31b}\u{323}"),
            'ị' => ('i', "\u{323}"),
            'í' => ('i', "\u{301}"),
            'ụ' => ('u', "\u{323}"),
            'ủ' => ('u', "\u{309}"),
            'ó' => ('o', "\u{301}"),
            'ò' => ('o', "\u{300}"),
            'ọ' => ('o', "\u{323}"),
            c => {
                out.push(c);
                continue;
            }
        };
        out.push(letter);
        out.push_str(marks);
    }
    // A name without any of those letters gets a decomposed word, so the
    // result is never NFC.
    if out == text {
        out.push_str(" Ha\u{300} No\u{323}\u{302}i");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_has_no_double_space_control_or_zero_figure() {
        let mut rng = SplitMix64::new(3);
        for n in 0..2000 {
            let base = if n % 2 == 0 {
                "ngành công nghiệp"
            } else {
                "exports"
            };
            let text = decorate(&mut rng, base);
            assert!(!text.trim().is_empty(), "{text:?}");
            assert!(!text.trim().contains("  "), "{text:?}");
            assert!(!text.contains('0'), "{text:?}");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\t'),
                "{text:?}"
            );
        }
        assert_ne!(decompose("Hà Nội"), "Hà Nội");
        assert_ne!(decompose("abc"), "abc");
    }
}
