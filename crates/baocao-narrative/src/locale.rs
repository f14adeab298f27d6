//! The words of a locale: signs, periods, dates, table headings.

use baocao_dataset::{Date, Period};

use crate::NumberStyle;

/// A report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Vietnamese, as the seed report writes it.
    #[default]
    Vietnamese,
    /// English, for investor summaries.
    English,
}

/// A report language and its conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The language.
    pub language: Language,
    /// BCP 47 tag.
    pub tag: &'static str,
    /// How numbers are written.
    pub numbers: NumberStyle,
    /// The unit of percentage points in Vietnamese: "điểm %" (the seed's
    /// short form, the default) or "điểm phần trăm" (the statistics
    /// offices' form). English always writes "percentage points".
    pub points_vi: &'static str,
}

/// The Vietnamese units of percentage points a department may choose.
pub const POINTS_VI: [&str; 2] = ["điểm %", "điểm phần trăm"];

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

const MONTHS_EN: [&str; 12] = [
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
];

const COUNTS_EN: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

fn month_en(m: u8) -> &'static str {
    MONTHS_EN
        .get(usize::from(m).saturating_sub(1))
        .copied()
        .unwrap_or("?")
}

fn count_en(n: u8) -> String {
    COUNTS_EN
        .get(usize::from(n).saturating_sub(1))
        .map_or_else(|| n.to_string(), |s| (*s).to_owned())
}

impl Locale {
    /// Vietnamese: 6,52%; 4.268; "tăng", "giảm", "làm giảm … điểm %".
    pub fn vietnamese() -> Self {
        Locale {
            language: Language::Vietnamese,
            tag: "vi",
            numbers: NumberStyle::vietnamese(),
            points_vi: POINTS_VI[0],
        }
    }

    /// English: 6.52%; 4,268; "increased", "decreased", "subtracted … points".
    pub fn english() -> Self {
        Locale {
            language: Language::English,
            tag: "en",
            numbers: NumberStyle::english(),
            points_vi: POINTS_VI[0],
        }
    }

    /// The locale of a tag (`vi`, `en`).
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "vi" => Some(Locale::vietnamese()),
            "en" => Some(Locale::english()),
            _ => None,
        }
    }

    fn en(&self) -> bool {
        self.language == Language::English
    }

    /// Whether the report is in English.
    pub(crate) fn is_english(&self) -> bool {
        self.en()
    }

    /// The word before an approximate figure: "hơn", "khoảng"; "more
    /// than", "about".
    pub fn approx(&self, word: baocao_dataset::Approx) -> &'static str {
        if self.en() {
            word.word_en()
        } else {
            word.word()
        }
    }

    /// A quarter within its year: "quý III"; "Q3".
    pub fn quarter(&self, n: u8) -> String {
        if self.en() {
            format!("Q{n}")
        } else {
            format!("quý {}", roman(n.into()))
        }
    }

    /// "năm 2024", "quý III năm 2024", "9 tháng năm 2024"; "2024", "Q3 2024",
    /// "the first nine months of 2024".
    pub fn period_label(&self, p: Period) -> String {
        if self.en() {
            return match p {
                Period::Year(y) => format!("{y}"),
                Period::Quarter(y, q) => format!("Q{q} {y}"),
                Period::Half(y, 1) => format!("the first half of {y}"),
                Period::Half(y, _) => format!("the second half of {y}"),
                Period::Months(y, n) => format!("the first {} months of {y}", count_en(n)),
                Period::Month(y, m) => format!("{} {y}", month_en(m)),
            };
        }
        match p {
            Period::Year(y) => format!("năm {y}"),
            Period::Quarter(y, q) => format!("quý {} năm {y}", roman(q.into())),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Months(y, n) => format!("{n} tháng năm {y}"),
            Period::Month(y, m) => format!("tháng {m} năm {y}"),
        }
    }

    /// The end of the period, for stocks: "cuối năm 2024"; "the end of 2024".
    pub fn period_end(&self, p: Period) -> String {
        if self.en() {
            return match p {
                Period::Year(y) | Period::Half(y, 2) => format!("the end of {y}"),
                Period::Quarter(y, q) => format!("the end of Q{q} {y}"),
                Period::Half(y, _) => format!("the end of June {y}"),
                Period::Months(y, n) | Period::Month(y, n) => {
                    format!("the end of {} {y}", month_en(n))
                }
            };
        }
        match p {
            Period::Year(y) | Period::Half(y, 2) => format!("cuối năm {y}"),
            Period::Quarter(y, q) => format!("cuối quý {} năm {y}", roman(q.into())),
            Period::Half(y, _) => format!("cuối tháng 6 năm {y}"),
            Period::Months(y, n) | Period::Month(y, n) => format!("cuối tháng {n} năm {y}"),
        }
    }

    /// What a report of `p` looks ahead to, in its subject and its last
    /// part: "năm 2025" after the year 2024, "6 tháng cuối năm 2024" after
    /// its first half, "quý IV năm 2024" after 9 months; "2025", "the
    /// second half of 2024", "Q4 2024".
    pub fn period_ahead(&self, p: Period) -> String {
        let en = self.en();
        match p {
            Period::Year(y) | Period::Half(y, 2) => self.period_label(Period::Year(y + 1)),
            Period::Half(y, _) | Period::Months(y, 6) => self.period_label(Period::Half(y, 2)),
            Period::Quarter(y, 4) => self.period_label(Period::Quarter(y + 1, 1)),
            Period::Quarter(y, q) => self.period_label(Period::Quarter(y, q + 1)),
            Period::Months(y, 9) => self.period_label(Period::Quarter(y, 4)),
            Period::Months(y, n) if n >= 10 && en => format!("the last months of {y}"),
            Period::Months(y, n) if n >= 10 => format!("những tháng cuối năm {y}"),
            Period::Months(y, _) if en => format!("the rest of {y}"),
            Period::Months(y, _) => format!("những tháng còn lại của năm {y}"),
            Period::Month(y, 12) => self.period_label(Period::Month(y + 1, 1)),
            Period::Month(y, m) => self.period_label(Period::Month(y, m + 1)),
        }
    }

    /// The year a report of `p` is signed in when it has no date: the
    /// year after a period that ends in December, else the period's year.
    pub fn signing_year(p: Period) -> i32 {
        match p {
            Period::Year(y) | Period::Half(y, 2) | Period::Quarter(y, 4) | Period::Month(y, 12) => {
                y + 1
            }
            Period::Months(y, 12) => y + 1,
            _ => p.year(),
        }
    }

    /// "so với năm trước" / "so với cùng kỳ năm trước"; "year on year".
    pub fn compare(&self, p: Period) -> &'static str {
        match (self.en(), p.is_year()) {
            (true, _) => "year on year",
            (false, true) => "so với năm trước",
            (false, false) => "so với cùng kỳ năm trước",
        }
    }

    /// "so với năm 2023" / "so với cùng kỳ năm 2023"; "on 2023" / "on the same period of 2023".
    pub fn vs_previous(&self, p: Period) -> String {
        let y = p.year() - 1;
        match (self.en(), p.is_year()) {
            (true, true) => format!("on {y}"),
            (true, false) => format!("on the same period of {y}"),
            (false, true) => format!("so với năm {y}"),
            (false, false) => format!("so với cùng kỳ năm {y}"),
        }
    }

    /// "Hà Nội, ngày 05 tháng 01 năm 2025" (day below 10 and months 1–2 take
    /// a leading 0); "Hà Nội, 5 January 2025". Without a date, blanks to
    /// fill in by hand, with `year` printed: "Hà Nội, ngày     tháng     năm 2025".
    pub fn place_date(&self, place: &str, date: Option<Date>, year: i32) -> String {
        let ymd = date.map(|d| (d.year(), d.month(), d.day()));
        match (self.en(), ymd) {
            (true, Some((y, m, d))) => format!("{place}, {d} {} {y}", month_en(m)),
            (true, None) => format!("{place}, … {year}"),
            (false, Some((y, m, d))) => {
                let month = if m <= 2 {
                    format!("{m:02}")
                } else {
                    m.to_string()
                };
                format!("{place}, ngày {d:02} tháng {month} năm {y}")
            }
            (false, None) => format!("{place}, ngày     tháng     năm {year}"),
        }
    }

    /// The word for a rise.
    pub fn up(&self) -> &'static str {
        if self.en() { "increased by" } else { "tăng" }
    }

    /// The word for a fall.
    pub fn down(&self) -> &'static str {
        if self.en() { "decreased by" } else { "giảm" }
    }

    /// No change.
    pub fn unchanged(&self) -> &'static str {
        if self.en() {
            "was unchanged"
        } else {
            "không đổi"
        }
    }

    /// "gấp X lần"; "rose X-fold".
    pub fn times(&self, x: &str) -> String {
        if self.en() {
            format!("rose {x}-fold")
        } else {
            format!("gấp {x} lần")
        }
    }

    /// The unit of percentage points.
    pub fn points(&self) -> &'static str {
        if self.en() {
            "percentage points"
        } else {
            self.points_vi
        }
    }

    /// The unit of percentage points in a table cell, where space is short:
    /// "pp" in English (as the column headings write it), the department's
    /// own unit in Vietnamese.
    pub fn points_short(&self) -> &'static str {
        if self.en() { "pp" } else { self.points_vi }
    }

    /// What the whole economy's product is called: GDP for the country,
    /// GRDP for a province or city.
    pub fn economy(&self, region_kind: Option<&str>) -> &'static str {
        let country = region_kind.is_some_and(|k| {
            let k = k.trim().to_lowercase();
            [
                "cả nước",
                "toàn quốc",
                "quốc gia",
                "việt nam",
                "country",
                "nation",
            ]
            .contains(&k.as_str())
        });
        if country { "GDP" } else { "GRDP" }
    }

    /// What contributions are points of, as a report names it: the
    /// economy (GRDP, GDP), or total value added when the data says so.
    pub fn contribution_of(
        &self,
        base: baocao_dataset::ContributionBase,
        region_kind: Option<&str>,
    ) -> &'static str {
        match base {
            baocao_dataset::ContributionBase::ValueAdded if self.en() => "total value added",
            baocao_dataset::ContributionBase::ValueAdded => "tổng giá trị tăng thêm",
            baocao_dataset::ContributionBase::Product => self.economy(region_kind),
        }
    }

    /// Verb of a positive contribution.
    pub fn contributes(&self) -> &'static str {
        if self.en() {
            "contributing"
        } else {
            "đóng góp"
        }
    }

    /// Verb of a negative contribution.
    pub fn subtracts(&self) -> &'static str {
        if self.en() {
            "subtracting"
        } else {
            "làm giảm"
        }
    }

    /// A level with its unit: "4.268 nghìn tỷ đồng"; in English the
    /// units statistics offices use are translated ("VND 4,268 trillion",
    /// "USD 17.3 billion"), others are written as given.
    pub fn level(&self, number: &str, unit: Option<&str>) -> String {
        let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
            return number.to_owned();
        };
        if self.en() {
            let english = match unit.to_lowercase().as_str() {
                "tỷ đồng" => Some(("VND", " billion")),
                "nghìn tỷ đồng" | "ngàn tỷ đồng" => Some(("VND", " trillion")),
                "triệu đồng" => Some(("VND", " million")),
                "đồng" => Some(("VND", "")),
                "tỷ usd" => Some(("USD", " billion")),
                "triệu usd" => Some(("USD", " million")),
                "nghìn usd" | "ngàn usd" => Some(("USD", " thousand")),
                "usd" => Some(("USD", "")),
                _ => None,
            };
            if let Some((currency, scale)) = english {
                return format!("{currency} {number}{scale}");
            }
        }
        format!("{number} {unit}")
    }

    /// What an absent figure reads as in a table cell.
    pub fn not_available(&self) -> &'static str {
        "-"
    }

    /// The first column of a figures table.
    pub fn indicator_header(&self) -> &'static str {
        if self.en() {
            "Indicator"
        } else {
            "Chỉ tiêu"
        }
    }

    /// Default column heading for a measure.
    pub fn measure_header(&self, measure: &str) -> String {
        if measure == "contribution" && !self.en() {
            return format!("Đóng góp ({})", self.points());
        }
        let (vi, en) = match measure {
            "growth" => ("Tăng trưởng (%)", "Growth (%)"),
            "contribution" => ("Đóng góp (điểm %)", "Contribution (pp)"),
            "share" => ("Chiếm (%)", "Share of growth (%)"),
            "index" => ("Chỉ số (%)", "Index (%)"),
            "structure" => ("Cơ cấu (%)", "Structure (%)"),
            "value" => ("Giá trị", "Value"),
            "previous" => ("Cùng kỳ", "Same period last year"),
            "value_current" => ("Giá hiện hành", "At current prices"),
            other => (other, other),
        };
        if self.en() { en } else { vi }.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_words() {
        let vi = Locale::vietnamese();
        let en = Locale::english();
        let p = |s: &str| s.parse::<Period>().unwrap();
        let cases = [
            (vi.period_label(p("2024")), "năm 2024"),
            (vi.period_label(p("2024-Q3")), "quý III năm 2024"),
            (vi.period_label(p("2024-9M")), "9 tháng năm 2024"),
            (vi.period_label(p("2024-H1")), "6 tháng đầu năm 2024"),
            (vi.period_end(p("2024")), "cuối năm 2024"),
            (
                vi.compare(p("2024-9M")).to_owned(),
                "so với cùng kỳ năm trước",
            ),
            (vi.vs_previous(p("2024")), "so với năm 2023"),
            (
                vi.place_date("Hà Nội", Date::new(2025, 1, 5), 2025),
                "Hà Nội, ngày 05 tháng 01 năm 2025",
            ),
            (
                vi.place_date("Hà Nội", Date::new(2025, 12, 15), 2025),
                "Hà Nội, ngày 15 tháng 12 năm 2025",
            ),
            (
                vi.place_date("Đà Nẵng", None, 2025),
                "Đà Nẵng, ngày     tháng     năm 2025",
            ),
            (vi.period_ahead(p("2024")), "năm 2025"),
            (vi.period_ahead(p("2024-H1")), "6 tháng cuối năm 2024"),
            (vi.period_ahead(p("2024-H2")), "năm 2025"),
            (vi.period_ahead(p("2024-9M")), "quý IV năm 2024"),
            (vi.period_ahead(p("2024-Q1")), "quý II năm 2024"),
            (vi.period_ahead(p("2024-Q4")), "quý I năm 2025"),
            (vi.period_ahead(p("2024-11M")), "những tháng cuối năm 2024"),
            (
                vi.period_ahead(p("2024-5M")),
                "những tháng còn lại của năm 2024",
            ),
            (vi.period_ahead(p("2024-M07")), "tháng 8 năm 2024"),
            (vi.period_ahead(p("2024-M12")), "tháng 1 năm 2025"),
            (en.period_ahead(p("2024-H1")), "the second half of 2024"),
            (en.period_ahead(p("2024-9M")), "Q4 2024"),
            (Locale::signing_year(p("2024")).to_string(), "2025"),
            (Locale::signing_year(p("2024-Q3")).to_string(), "2024"),
            (Locale::signing_year(p("2024-Q4")).to_string(), "2025"),
            (vi.economy(Some("Cả nước")).to_owned(), "GDP"),
            (vi.economy(Some("Tỉnh")).to_owned(), "GRDP"),
            (vi.economy(None).to_owned(), "GRDP"),
            (
                vi.level("4.268", Some("nghìn tỷ đồng")),
                "4.268 nghìn tỷ đồng",
            ),
            (
                en.level("4,268", Some("nghìn tỷ đồng")),
                "VND 4,268 trillion",
            ),
            (en.level("17.3", Some("tỷ USD")), "USD 17.3 billion"),
            (en.level("12", Some("tấn")), "12 tấn"),
            (en.level("12", None), "12"),
            (en.period_label(p("2024")), "2024"),
            (en.period_label(p("2024-Q3")), "Q3 2024"),
            (
                en.period_label(p("2024-9M")),
                "the first nine months of 2024",
            ),
            (en.period_label(p("2024-M07")), "July 2024"),
            (en.period_end(p("2024")), "the end of 2024"),
            (en.vs_previous(p("2024")), "on 2023"),
            (
                en.place_date("Hanoi", Date::new(2025, 1, 5), 2025),
                "Hanoi, 5 January 2025",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
