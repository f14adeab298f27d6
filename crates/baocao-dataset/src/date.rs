//! A calendar date, as a report is signed and dated ("Hà Nội, ngày 05
//! tháng 01 năm 2025"): checked once where it is read, so that no report
//! is ever dated the 31st of February.

use std::fmt;
use std::str::FromStr;

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (months 1–12, days up to the month's last,
    /// 29 February in leap years only).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let last = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=last)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

/// `YYYY-MM-DD`.
impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a date written YYYY-MM-DD, like 2025-01-05");
        let mut parts = s.split('-');
        let mut next = || parts.next().ok_or_else(bad);
        let (y, m, d) = (next()?, next()?, next()?);
        if parts.next().is_some() || y.len() != 4 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        Date::new(year, month, day).ok_or_else(|| format!("{s} is not a day of the calendar"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_of_the_calendar() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2025-01-05", Some("2025-01-05")),
            ("2025-1-5", Some("2025-01-05")),
            ("2024-02-29", Some("2024-02-29")),
            ("2025-02-29", None),
            ("1900-02-29", None),
            ("2000-02-29", Some("2000-02-29")),
            ("2025-04-31", None),
            ("2025-13-01", None),
            ("2025-00-10", None),
            ("2025-01-00", None),
            ("05/01/2025", None),
            ("25-01-05", None),
            ("2025-01-05-1", None),
            ("2025-01", None),
        ];
        for (text, want) in cases {
            let got = text.parse::<Date>().ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text}");
        }
    }
}
