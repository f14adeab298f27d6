//! The words of a locale: signs, periods, dates.

use baocao_dataset::Period;

use crate::NumberStyle;

/// A report language and its conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// BCP 47 tag.
    pub tag: &'static str,
    /// How numbers are written.
    pub numbers: NumberStyle,
}

impl Default for Locale {
    fn default() -> Self {
        Locale::vietnamese()
    }
}

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// A Roman numeral for section numbers (1 → I). Past 12 sections, Arabic.
pub(crate) fn roman(n: usize) -> String {
    n.checked_sub(1)
        .and_then(|i| ROMAN.get(i))
        .map_or_else(|| n.to_string(), |r| (*r).to_owned())
}

impl Locale {
    /// Vietnamese, as the seed report writes it.
    pub fn vietnamese() -> Self {
        Locale {
            tag: "vi",
            numbers: NumberStyle::vietnamese(),
        }
    }

    /// "năm 2024", "quý III năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024".
    pub fn period_label(&self, p: Period) -> String {
        match p {
            Period::Year(y) => format!("năm {y}"),
            Period::Quarter(y, q) => format!("quý {} năm {y}", roman(q.into())),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Months(y, n) => format!("{n} tháng năm {y}"),
            Period::Month(y, m) => format!("tháng {m} năm {y}"),
        }
    }

    /// The end of the period, for stocks: "cuối năm 2024", "cuối quý III năm 2024".
    pub fn period_end(&self, p: Period) -> String {
        match p {
            Period::Year(y) | Period::Half(y, 2) => format!("cuối năm {y}"),
            Period::Quarter(y, q) => format!("cuối quý {} năm {y}", roman(q.into())),
            Period::Half(y, _) => format!("cuối tháng 6 năm {y}"),
            Period::Months(y, n) | Period::Month(y, n) => format!("cuối tháng {n} năm {y}"),
        }
    }

    /// "so với năm trước" for a year, "so với cùng kỳ năm trước" otherwise.
    pub fn compare(&self, p: Period) -> &'static str {
        if p.is_year() {
            "so với năm trước"
        } else {
            "so với cùng kỳ năm trước"
        }
    }

    /// "so với năm 2023", "so với cùng kỳ năm 2023".
    pub fn vs_previous(&self, p: Period) -> String {
        let y = p.year() - 1;
        if p.is_year() {
            format!("so với năm {y}")
        } else {
            format!("so với cùng kỳ năm {y}")
        }
    }

    /// "Hà Nội, ngày 05 tháng 01 năm 2025": day below 10 and months 1–2 take a leading 0.
    pub fn place_date(&self, place: &str, date: Option<(i32, u8, u8)>) -> String {
        match date {
            Some((y, m, d)) => {
                let month = if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                };
                format!("{place}, ngày {d:02} tháng {month} năm {y}")
            }
            None => format!("{place}, ngày     tháng     năm     "),
        }
    }

    /// The word for a rise.
    pub fn up(&self) -> &'static str {
        "tăng"
    }

    /// The word for a fall.
    pub fn down(&self) -> &'static str {
        "giảm"
    }

    /// No change.
    pub fn unchanged(&self) -> &'static str {
        "không đổi"
    }

    /// "gấp X lần".
    pub fn times(&self, x: &str) -> String {
        format!("gấp {x} lần")
    }

    /// The unit of percentage points.
    pub fn points(&self) -> &'static str {
        "điểm %"
    }

    /// Verb of a positive contribution.
    pub fn contributes(&self) -> &'static str {
        "đóng góp"
    }

    /// Verb of a negative contribution.
    pub fn subtracts(&self) -> &'static str {
        "làm giảm"
    }

    /// What an absent figure reads as in a table cell.
    pub fn not_available(&self) -> &'static str {
        "-"
    }

    /// The first column of a figures table.
    pub fn indicator_header(&self) -> &'static str {
        "Chỉ tiêu"
    }

    /// Default column heading for a measure.
    pub fn measure_header(&self, measure: &str) -> String {
        match measure {
            "growth" => "Tăng trưởng (%)",
            "contribution" => "Đóng góp (điểm %)",
            "share" => "Chiếm (%)",
            "index" => "Chỉ số (%)",
            "structure" => "Cơ cấu (%)",
            "value" => "Giá trị",
            "previous" => "Cùng kỳ",
            other => other,
        }
        .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_words() {
        let vi = Locale::vietnamese();
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(vi.period_label(p("2024")), "năm 2024");
        assert_eq!(vi.period_label(p("2024-Q3")), "quý III năm 2024");
        assert_eq!(vi.period_label(p("2024-9M")), "9 tháng năm 2024");
        assert_eq!(vi.period_label(p("2024-H1")), "6 tháng đầu năm 2024");
        assert_eq!(vi.period_end(p("2024")), "cuối năm 2024");
        assert_eq!(vi.compare(p("2024-9M")), "so với cùng kỳ năm trước");
        assert_eq!(vi.vs_previous(p("2024")), "so với năm 2023");
        assert_eq!(
            vi.place_date("Hà Nội", Some((2025, 1, 5))),
            "Hà Nội, ngày 05 tháng 01 năm 2025"
        );
        assert_eq!(
            vi.place_date("Hà Nội", Some((2025, 12, 15))),
            "Hà Nội, ngày 15 tháng 12 năm 2025"
        );
    }
}
