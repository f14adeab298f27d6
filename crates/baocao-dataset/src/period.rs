//! Period keys (`2024`, `2024-Q3`, `2024-H1`, `2024-9M`, `2024-M07`).

use std::fmt;
use std::str::FromStr;

/// The smallest year a period may name; anything earlier is a typo.
pub const MIN_YEAR: i32 = 1900;
/// The largest year a period may name; anything later is a typo.
pub const MAX_YEAR: i32 = 2200;

/// A period of a dataset, as the spec's period keys name it.
///
/// Every period is compared with the same period a year earlier
/// ([`Period::previous`]). The order is by year, then year < halves < quarters
/// < cumulative months < months, which is only used to print in a stable order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A whole year: `2024`.
    Year(i32),
    /// A half year: `2024-H1`, `2024-H2`.
    Half(i32, u8),
    /// A quarter: `2024-Q1` … `2024-Q4`.
    Quarter(i32, u8),
    /// The first n months, cumulative: `2024-2M`, `2024-4M`, `2024-5M` …
    /// `2024-11M` (3M is the quarter Q1, 6M the half H1; `2024-1M` is read
    /// as the month `2024-M01`).
    Months(i32, u8),
    /// One month: `2024-M01` … `2024-M12`.
    Month(i32, u8),
}

/// Why a period key was refused; the message says what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad period key `{key}`: {reason}; expected a year (2024), a quarter (2024-Q1 … 2024-Q4), a half (2024-H1, 2024-H2), the first n months (2024-2M, 2024-4M, 2024-5M … 2024-11M) or a month (2024-M01 … 2024-M12)"
)]
pub struct PeriodError {
    /// The key as written.
    pub key: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Period {
    /// The calendar year the period belongs to.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::Half(y, _)
            | Period::Quarter(y, _)
            | Period::Months(y, _)
            | Period::Month(y, _) => y,
        }
    }

    /// The same period a year earlier: what growth is measured against.
    /// (Of a period built by hand in the year `i32::MIN`, itself.)
    pub fn previous(self) -> Period {
        self.with_year(self.year().saturating_sub(1))
    }

    /// The same kind of period in another year.
    pub fn with_year(self, y: i32) -> Period {
        match self {
            Period::Year(_) => Period::Year(y),
            Period::Half(_, h) => Period::Half(y, h),
            Period::Quarter(_, q) => Period::Quarter(y, q),
            Period::Months(_, n) => Period::Months(y, n),
            Period::Month(_, m) => Period::Month(y, m),
        }
    }

    /// The last month the period covers (1–12).
    pub fn last_month(self) -> u8 {
        match self {
            Period::Year(_) => 12,
            // Saturating for halves and quarters built by hand out of range.
            Period::Half(_, h) => h.saturating_mul(6),
            Period::Quarter(_, q) => q.saturating_mul(3),
            Period::Months(_, n) => n,
            Period::Month(_, m) => m,
        }
    }

    /// The quarters of the year from Q1 up to the last one this period
    /// reaches: the "so far" of a quarterly trend. Empty for a single month
    /// or a period that ends before the first quarter is complete.
    pub fn quarters_so_far(self) -> Vec<Period> {
        if matches!(self, Period::Month(..)) {
            return Vec::new();
        }
        let last = self.last_month() / 3;
        (1..=last)
            .map(|q| Period::Quarter(self.year(), q))
            .collect()
    }

    /// How many months the period covers.
    pub fn months(self) -> u8 {
        match self {
            Period::Year(_) => 12,
            Period::Half(..) => 6,
            Period::Quarter(..) => 3,
            Period::Months(_, n) => n,
            Period::Month(..) => 1,
        }
    }

    /// Whether the period is a whole year.
    pub fn is_year(self) -> bool {
        matches!(self, Period::Year(_))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Months(y, n) => write!(f, "{y}-{n}M"),
            Period::Month(y, m) => write!(f, "{y}-M{m:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| PeriodError {
            key: key.to_owned(),
            reason: reason.to_owned(),
        };
        let (year_part, rest) = match key.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (key, None),
        };
        if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("the year must be four digits"));
        }
        let year: i32 = year_part
            .parse()
            .map_err(|_| err("the year must be four digits"))?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(err(&format!(
                "the year must be between {MIN_YEAR} and {MAX_YEAR}"
            )));
        }
        let Some(rest) = rest else {
            return Ok(Period::Year(year));
        };
        let number = |digits: &str| -> Option<u8> {
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                None
            } else {
                digits.parse().ok()
            }
        };
        if let Some(q) = rest.strip_prefix('Q') {
            return match number(q) {
                Some(q @ 1..=4) if rest.len() == 2 => Ok(Period::Quarter(year, q)),
                _ => Err(err("a quarter is Q1, Q2, Q3 or Q4")),
            };
        }
        if let Some(h) = rest.strip_prefix('H') {
            return match number(h) {
                Some(h @ 1..=2) if rest.len() == 2 => Ok(Period::Half(year, h)),
                _ => Err(err("a half is H1 or H2")),
            };
        }
        if let Some(m) = rest.strip_prefix('M') {
            return match number(m) {
                Some(m @ 1..=12) if rest.len() == 3 => Ok(Period::Month(year, m)),
                _ => Err(err("a month is M01 … M12, two digits")),
            };
        }
        if let Some(n) = rest.strip_suffix('M') {
            return match number(n) {
                // 6M is the half H1: one spelling per period, so no figure is given twice.
                Some(6) => Err(err(&format!("the first 6 months are the half {year}-H1"))),
                Some(count @ (2 | 4..=11)) if !n.starts_with('0') => {
                    Ok(Period::Months(year, count))
                }
                // The first month is the month: offices write both "1
                // tháng" and "tháng 1" for it.
                Some(1) if !n.starts_with('0') => Ok(Period::Month(year, 1)),
                Some(3) => Err(err(&format!(
                    "the first 3 months are the quarter {year}-Q1"
                ))),
                _ => Err(err("the first n months are 1M, 2M, 4M, 5M … 11M")),
            };
        }
        if rest.starts_with('q')
            || rest.starts_with('h')
            || rest.starts_with('m')
            || rest.ends_with('m')
        {
            return Err(err("period letters are capitals (Q, H, M)"));
        }
        Err(err("unknown period kind"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_and_prints_it_back() {
        for key in [
            "2024", "2024-Q1", "2024-Q4", "2024-H2", "2024-2M", "2024-4M", "2024-5M", "2024-9M",
            "2024-11M", "2024-M01", "2024-M12",
        ] {
            let p: Period = key.parse().unwrap();
            assert_eq!(p.to_string(), key);
        }
    }

    #[test]
    fn refuses_typos() {
        for key in [
            "24", "2024-Q5", "2024-Q0", "2024-q1", "2024-H3", "2024-M1", "2024-M13", "2024-12M",
            "2024-3M", "2024-09M", "2024-04M", "2024-6M", "2024-0M", "20x4", "2024-", "2024-Y",
            "1800",
        ] {
            assert!(key.parse::<Period>().is_err(), "{key} should be refused");
        }
    }

    #[test]
    fn the_first_month_is_the_month() {
        assert_eq!("2024-1M".parse::<Period>().unwrap(), Period::Month(2024, 1));
        assert_eq!(Period::Month(2024, 1).to_string(), "2024-M01");
        let two: Period = "2024-2M".parse().unwrap();
        assert_eq!((two.months(), two.last_month()), (2, 2));
        assert!(two.quarters_so_far().is_empty());
        let four: Period = "2024-4M".parse().unwrap();
        assert_eq!(four.quarters_so_far(), [Period::Quarter(2024, 1)]);
    }

    #[test]
    fn previous_and_quarters_so_far() {
        let p: Period = "2024-9M".parse().unwrap();
        assert_eq!(p.previous().to_string(), "2023-9M");
        let qs: Vec<String> = p.quarters_so_far().iter().map(|q| q.to_string()).collect();
        assert_eq!(qs, ["2024-Q1", "2024-Q2", "2024-Q3"]);
        assert_eq!(Period::Year(2024).quarters_so_far().len(), 4);
        assert!(Period::Month(2024, 5).quarters_so_far().is_empty());
    }
}
