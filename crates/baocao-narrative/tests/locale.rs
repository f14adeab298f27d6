//! The words of each locale, every function and every kind of period.

use baocao_dataset::{Date, Period};
use baocao_narrative::{Language, Locale, NumberStyle, POINTS_VI};

/// A period by its key; "6M" and "12M", which a dataset writes as H1 and
/// the year, are built as they are.
fn p(s: &str) -> Period {
    match s {
        "2024-6M" => Period::Months(2024, 6),
        "2024-12M" => Period::Months(2024, 12),
        _ => s.parse().unwrap(),
    }
}

#[test]
fn locales_by_tag() {
    let vi = Locale::from_tag("vi").unwrap();
    assert_eq!((vi.language, vi.tag), (Language::Vietnamese, "vi"));
    assert_eq!(vi.numbers, NumberStyle::vietnamese());
    assert_eq!(vi.points_vi, POINTS_VI[0]);
    let en = Locale::from_tag("en").unwrap();
    assert_eq!((en.language, en.tag), (Language::English, "en"));
    assert_eq!(en.numbers, NumberStyle::english());
    assert_eq!(Locale::from_tag("fr"), None);
    assert_eq!(Locale::from_tag(""), None);
    assert_eq!(Locale::default(), vi);
    assert_eq!(Language::default(), Language::Vietnamese);
}

/// Every kind of period, labelled and ended, in both languages.
#[test]
fn periods() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    #[rustfmt::skip]
    let cases = [
        // period, vi label, en label, vi end, en end
        ("2024", "năm 2024", "2024", "cuối năm 2024", "the end of 2024"),
        ("2024-Q1", "quý I năm 2024", "Q1 2024", "cuối quý I năm 2024", "the end of Q1 2024"),
        ("2024-Q2", "quý II năm 2024", "Q2 2024", "cuối quý II năm 2024", "the end of Q2 2024"),
        ("2024-Q3", "quý III năm 2024", "Q3 2024", "cuối quý III năm 2024", "the end of Q3 2024"),
        ("2024-Q4", "quý IV năm 2024", "Q4 2024", "cuối quý IV năm 2024", "the end of Q4 2024"),
        ("2024-H1", "6 tháng đầu năm 2024", "the first half of 2024", "cuối tháng 6 năm 2024", "the end of June 2024"),
        ("2024-H2", "6 tháng cuối năm 2024", "the second half of 2024", "cuối năm 2024", "the end of 2024"),
        ("2024-5M", "5 tháng năm 2024", "the first five months of 2024", "cuối tháng 5 năm 2024", "the end of May 2024"),
        ("2024-6M", "6 tháng năm 2024", "the first six months of 2024", "cuối tháng 6 năm 2024", "the end of June 2024"),
        ("2024-7M", "7 tháng năm 2024", "the first seven months of 2024", "cuối tháng 7 năm 2024", "the end of July 2024"),
        ("2024-8M", "8 tháng năm 2024", "the first eight months of 2024", "cuối tháng 8 năm 2024", "the end of August 2024"),
        ("2024-9M", "9 tháng năm 2024", "the first nine months of 2024", "cuối tháng 9 năm 2024", "the end of September 2024"),
        ("2024-10M", "10 tháng năm 2024", "the first ten months of 2024", "cuối tháng 10 năm 2024", "the end of October 2024"),
        ("2024-11M", "11 tháng năm 2024", "the first eleven months of 2024", "cuối tháng 11 năm 2024", "the end of November 2024"),
        ("2024-M01", "tháng 1 năm 2024", "January 2024", "cuối tháng 1 năm 2024", "the end of January 2024"),
        ("2024-M02", "tháng 2 năm 2024", "February 2024", "cuối tháng 2 năm 2024", "the end of February 2024"),
        ("2024-M03", "tháng 3 năm 2024", "March 2024", "cuối tháng 3 năm 2024", "the end of March 2024"),
        ("2024-M04", "tháng 4 năm 2024", "April 2024", "cuối tháng 4 năm 2024", "the end of April 2024"),
        ("2024-M05", "tháng 5 năm 2024", "May 2024", "cuối tháng 5 năm 2024", "the end of May 2024"),
        ("2024-M06", "tháng 6 năm 2024", "June 2024", "cuối tháng 6 năm 2024", "the end of June 2024"),
        ("2024-M07", "tháng 7 năm 2024", "July 2024", "cuối tháng 7 năm 2024", "the end of July 2024"),
        ("2024-M08", "tháng 8 năm 2024", "August 2024", "cuối tháng 8 năm 2024", "the end of August 2024"),
        ("2024-M09", "tháng 9 năm 2024", "September 2024", "cuối tháng 9 năm 2024", "the end of September 2024"),
        ("2024-M10", "tháng 10 năm 2024", "October 2024", "cuối tháng 10 năm 2024", "the end of October 2024"),
        ("2024-M11", "tháng 11 năm 2024", "November 2024", "cuối tháng 11 năm 2024", "the end of November 2024"),
        ("2024-M12", "tháng 12 năm 2024", "December 2024", "cuối tháng 12 năm 2024", "the end of December 2024"),
    ];
    for (key, vi_label, en_label, vi_end, en_end) in cases {
        let period = p(key);
        assert_eq!(vi.period_label(period), vi_label, "{key}");
        assert_eq!(en.period_label(period), en_label, "{key}");
        assert_eq!(vi.period_end(period), vi_end, "{key}");
        assert_eq!(en.period_end(period), en_end, "{key}");
    }
}

/// What a report looks ahead to, and the year it is signed in.
#[test]
fn the_period_ahead_and_the_signing_year() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    #[rustfmt::skip]
    let cases = [
        // period, vi ahead, en ahead, signing year
        ("2024", "năm 2025", "2025", 2025),
        ("2024-H1", "6 tháng cuối năm 2024", "the second half of 2024", 2024),
        ("2024-H2", "năm 2025", "2025", 2025),
        ("2024-6M", "6 tháng cuối năm 2024", "the second half of 2024", 2024),
        ("2024-9M", "quý IV năm 2024", "Q4 2024", 2024),
        ("2024-5M", "những tháng còn lại của năm 2024", "the rest of 2024", 2024),
        ("2024-8M", "những tháng còn lại của năm 2024", "the rest of 2024", 2024),
        ("2024-10M", "những tháng cuối năm 2024", "the last months of 2024", 2024),
        ("2024-11M", "những tháng cuối năm 2024", "the last months of 2024", 2024),
        ("2024-Q1", "quý II năm 2024", "Q2 2024", 2024),
        ("2024-Q3", "quý IV năm 2024", "Q4 2024", 2024),
        ("2024-Q4", "quý I năm 2025", "Q1 2025", 2025),
        ("2024-M01", "tháng 2 năm 2024", "February 2024", 2024),
        ("2024-M11", "tháng 12 năm 2024", "December 2024", 2024),
        ("2024-M12", "tháng 1 năm 2025", "January 2025", 2025),
        ("2024-12M", "những tháng cuối năm 2024", "the last months of 2024", 2025),
    ];
    for (key, vi_ahead, en_ahead, year) in cases {
        assert_eq!(vi.period_ahead(p(key)), vi_ahead, "{key}");
        assert_eq!(en.period_ahead(p(key)), en_ahead, "{key}");
        assert_eq!(Locale::signing_year(p(key)), year, "{key}");
    }
}

#[test]
fn comparisons() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    let cases = [
        (vi.compare(p("2024")), "so với năm trước"),
        (vi.compare(p("2024-9M")), "so với cùng kỳ năm trước"),
        (en.compare(p("2024")), "year on year"),
        (en.compare(p("2024-Q2")), "year on year"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    let cases = [
        (vi.vs_previous(p("2024")), "so với năm 2023"),
        (vi.vs_previous(p("2024-H1")), "so với cùng kỳ năm 2023"),
        (en.vs_previous(p("2024")), "on 2023"),
        (en.vs_previous(p("2024-H1")), "on the same period of 2023"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

/// Days below 10 and months 1 and 2 take a leading 0 in Vietnamese; a
/// missing date leaves blanks with the year.
#[test]
fn place_and_date() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    let cases = [
        (
            vi.place_date("Hà Nội", Date::new(2025, 1, 5), 2025),
            "Hà Nội, ngày 05 tháng 01 năm 2025",
        ),
        (
            vi.place_date("Hà Nội", Date::new(2025, 2, 28), 2025),
            "Hà Nội, ngày 28 tháng 02 năm 2025",
        ),
        (
            vi.place_date("Hà Nội", Date::new(2025, 3, 9), 2025),
            "Hà Nội, ngày 09 tháng 3 năm 2025",
        ),
        (
            vi.place_date("Hà Nội", Date::new(2025, 12, 15), 2025),
            "Hà Nội, ngày 15 tháng 12 năm 2025",
        ),
        (
            vi.place_date("Đà Nẵng", None, 2025),
            "Đà Nẵng, ngày     tháng     năm 2025",
        ),
        (
            en.place_date("Hanoi", Date::new(2025, 1, 5), 2025),
            "Hanoi, 5 January 2025",
        ),
        (
            en.place_date("Hanoi", Date::new(2024, 12, 31), 2025),
            "Hanoi, 31 December 2024",
        ),
        (en.place_date("Hanoi", None, 2025), "Hanoi, … 2025"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn words() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    let cases = [
        (vi.up(), "tăng"),
        (en.up(), "increased by"),
        (vi.down(), "giảm"),
        (en.down(), "decreased by"),
        (vi.unchanged(), "không đổi"),
        (en.unchanged(), "was unchanged"),
        (vi.points(), "điểm %"),
        (en.points(), "percentage points"),
        (vi.contributes(), "đóng góp"),
        (en.contributes(), "contributing"),
        (vi.subtracts(), "làm giảm"),
        (en.subtracts(), "subtracting"),
        (vi.not_available(), "-"),
        (en.not_available(), "-"),
        (vi.indicator_header(), "Chỉ tiêu"),
        (en.indicator_header(), "Indicator"),
        (vi.economy(Some("Cả nước")), "GDP"),
        (vi.economy(Some(" toàn quốc ")), "GDP"),
        (en.economy(Some("Country")), "GDP"),
        (vi.economy(Some("Tỉnh")), "GRDP"),
        (vi.economy(None), "GRDP"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    assert_eq!(vi.times("2,3"), "gấp 2,3 lần");
    assert_eq!(en.times("2.3"), "rose 2.3-fold");
    let long = Locale {
        points_vi: POINTS_VI[1],
        ..Locale::vietnamese()
    };
    assert_eq!(long.points(), "điểm phần trăm");
    assert_eq!(vi.points_short(), "điểm %");
    assert_eq!(long.points_short(), "điểm phần trăm");
    assert_eq!(en.points_short(), "pp");
    let english_long = Locale {
        points_vi: POINTS_VI[1],
        ..Locale::english()
    };
    assert_eq!(english_long.points(), "percentage points");
}

#[test]
fn headers_of_every_measure() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    let cases = [
        ("growth", "Tăng trưởng (%)", "Growth (%)"),
        ("contribution", "Đóng góp (điểm %)", "Contribution (pp)"),
        ("share", "Chiếm (%)", "Share of growth (%)"),
        ("index", "Chỉ số (%)", "Index (%)"),
        ("structure", "Cơ cấu (%)", "Structure (%)"),
        ("value", "Giá trị", "Value"),
        ("previous", "Cùng kỳ", "Same period last year"),
        ("other", "other", "other"),
    ];
    for (measure, vi_header, en_header) in cases {
        assert_eq!(vi.measure_header(measure), vi_header);
        assert_eq!(en.measure_header(measure), en_header);
    }
}

/// Levels with their units; in English, the units statistics offices use
/// are translated.
#[test]
fn levels_with_units() {
    let vi = Locale::vietnamese();
    let en = Locale::english();
    let cases = [
        (
            vi.level("4.268", Some("nghìn tỷ đồng")),
            "4.268 nghìn tỷ đồng",
        ),
        (vi.level("4.268", Some(" tỷ USD ")), "4.268 tỷ USD"),
        (vi.level("4.268", None), "4.268"),
        (vi.level("4.268", Some("  ")), "4.268"),
        (
            en.level("4,268", Some("nghìn tỷ đồng")),
            "VND 4,268 trillion",
        ),
        (
            en.level("4,268", Some("ngàn tỷ đồng")),
            "VND 4,268 trillion",
        ),
        (en.level("17.3", Some("tỷ đồng")), "VND 17.3 billion"),
        (en.level("17.3", Some("triệu đồng")), "VND 17.3 million"),
        (en.level("17.3", Some("đồng")), "VND 17.3"),
        (en.level("17.3", Some("Tỷ USD")), "USD 17.3 billion"),
        (en.level("17.3", Some("triệu USD")), "USD 17.3 million"),
        (en.level("17.3", Some("nghìn USD")), "USD 17.3 thousand"),
        (en.level("17.3", Some("ngàn USD")), "USD 17.3 thousand"),
        (en.level("17.3", Some("USD")), "USD 17.3"),
        (en.level("17.3", Some("tấn")), "17.3 tấn"),
        (en.level("17.3", None), "17.3"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}
