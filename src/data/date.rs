//! Dates that carry their precision: a year, a month or a day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sanitize::clean;

/// How much of a date the source states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day.
///
/// Ordering is chronological and total: a year sorts before any of its months,
/// and a month before any of its days, so "1975" < "1975-05" < "1975-05-19".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    /// 0 when the precision is a year.
    month: u8,
    /// 0 when the precision is a year or a month.
    day: u8,
}

/// The month names dates are written with; besides them a date as shown
/// holds only numbers.
pub const MONTHS: [&str; 12] = [
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

/// Years a date or a trade figure may name: four digits, 1000 to 9999.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Why a string is not a date, naming the part that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY, YYYY-MM or YYYY-MM-DD.
    Malformed(String),
    /// Four digits, but not a year of [`YEARS`]: "0000", "0999".
    Year { date: String, year: u32 },
    /// A month other than 01–12: "2025-13", "2024-00".
    Month { date: String, month: u32 },
    /// A day the month does not have: "2023-02-30", "2023-04-00".
    Day {
        date: String,
        day: u32,
        /// "February 2023".
        month: String,
        days_in_month: u32,
    },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |s: &str| format!("{:?}", clean(s));
        match self {
            DateError::Malformed(s) => write!(
                f,
                "malformed date {}: expected YYYY, YYYY-MM or YYYY-MM-DD",
                quoted(s)
            ),
            DateError::Year { date, year } => write!(
                f,
                "impossible date {}: year {year} is not a four-digit year",
                quoted(date)
            ),
            DateError::Month { date, month } => write!(
                f,
                "impossible date {}: month {month} does not exist (months are 01 to 12)",
                quoted(date)
            ),
            DateError::Day { date, day: 0, .. } => write!(
                f,
                "impossible date {}: day 0 does not exist (days start at 01)",
                quoted(date)
            ),
            DateError::Day {
                date,
                day,
                month,
                days_in_month,
            } => write!(
                f,
                "impossible date {}: no day {day} in {month}, which has {days_in_month} days",
                quoted(date)
            ),
        }
    }
}

impl std::error::Error for DateError {}

/// The name serde knows a date by: a deserializer that checks dates itself
/// (the loader's reporting path) recognises it, to keep the typed error.
pub const SERDE_NAME: &str = "bilateral::Date";

impl Date {
    pub fn year_only(year: i32) -> Date {
        Date {
            year,
            month: 0,
            day: 0,
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// 1–12, or `None` when only the year is known.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// 1–31, or `None` when the day is not known.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The date as written in a dataset: `1988`, `1979-09`, `1975-05-19`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_iso(&mut out);
        out
    }

    /// Appends [`Date::iso`] to `out`, without the formatting machinery:
    /// indexing a million records writes a few million dates.
    pub fn push_iso(&self, out: &mut String) {
        push_number(out, self.year, 4);
        if self.month != 0 {
            out.push('-');
            push_number(out, i32::from(self.month), 2);
            if self.day != 0 {
                out.push('-');
                push_number(out, i32::from(self.day), 2);
            }
        }
    }

    /// The date for readers, at its precision: `1988`, `September 1979`, `19 May 1975`.
    pub fn long(&self) -> String {
        let mut out = String::with_capacity(17);
        self.push_long(&mut out);
        out
    }

    /// Appends [`Date::long`] to `out`.
    pub fn push_long(&self, out: &mut String) {
        if self.day != 0 && self.month != 0 {
            push_number(out, i32::from(self.day), 1);
            out.push(' ');
        }
        if self.month != 0 {
            out.push_str(self.month_name());
            out.push(' ');
        }
        push_number(out, self.year, 1);
    }

    fn month_name(&self) -> &'static str {
        MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("")
    }
}

/// A record's date as shown everywhere: at its precision, or "n.d." (no
/// date) for an undated record.
pub fn date_or_nd(d: Option<Date>) -> String {
    d.map_or_else(|| "n.d.".to_string(), |d| d.to_string())
}

/// Chronological order with undated values last.
pub fn cmp_dated(a: Option<&Date>, b: Option<&Date>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.long())
    }
}

/// Appends `n` in decimal, zero-padded to `width` digits (after any sign).
fn push_number(out: &mut String, n: i32, width: usize) {
    // As `{:04}` does, the sign counts towards the width.
    let width = if n < 0 {
        width.saturating_sub(1)
    } else {
        width
    };
    let mut digits = [b'0'; 12];
    let mut v = n.unsigned_abs();
    let mut len = 0;
    while v > 0 || len < width.max(1) {
        digits[digits.len() - 1 - len] = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
    }
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[digits.len() - len..] {
        out.push(char::from(d));
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || DateError::Malformed(s.to_string());
        let mut parts = s.split('-');
        let year = parts
            .next()
            .and_then(|p| digits(p, 4))
            .ok_or_else(malformed)?;
        let month = match parts.next() {
            None => None,
            Some(p) => Some(digits(p, 2).ok_or_else(malformed)?),
        };
        let day = match parts.next() {
            None => None,
            Some(p) => Some(digits(p, 2).ok_or_else(malformed)?),
        };
        if parts.next().is_some() {
            return Err(malformed());
        }
        let date = || s.to_string();
        // Four digits always fit an i32.
        let year_i32 = i32::try_from(year).map_err(|_| malformed())?;
        if !YEARS.contains(&year_i32) {
            return Err(DateError::Year { date: date(), year });
        }
        if let Some(month) = month.filter(|m| !(1..=12).contains(m)) {
            return Err(DateError::Month {
                date: date(),
                month,
            });
        }
        if let (Some(m), Some(d)) = (month, day)
            && NaiveDate::from_ymd_opt(year_i32, m, d).is_none()
        {
            let month = Date {
                year: year_i32,
                month: m as u8,
                day: 0,
            };
            return Err(DateError::Day {
                date: date(),
                day: d,
                month: month.to_string(),
                days_in_month: days_in_month(year_i32, m),
            });
        }
        Ok(Date {
            year: year_i32,
            month: month.unwrap_or(0) as u8,
            day: day.unwrap_or(0) as u8,
        })
    }
}

/// 28 to 31.
fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(SERDE_NAME, DateVisitor)
    }
}

/// Reads a date from a string, borrowed where the format allows.
struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date string: YYYY, YYYY-MM or YYYY-MM-DD")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Date, D::Error> {
        d.deserialize_str(self)
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
        s.parse().map_err(E::custom)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "A date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_format_macros_write_them() {
        for year in [-5, 0, 7, 999, 1979, 2026, 12345, i32::MIN, i32::MAX] {
            for (month, day) in [(0, 0), (9, 0), (5, 19), (12, 1)] {
                let d = Date { year, month, day };
                let (iso, long) = match (month, day) {
                    (0, _) => (format!("{year:04}"), format!("{year}")),
                    (_, 0) => (
                        format!("{year:04}-{month:02}"),
                        format!("{} {year}", d.month_name()),
                    ),
                    _ => (
                        format!("{year:04}-{month:02}-{day:02}"),
                        format!("{day} {} {year}", d.month_name()),
                    ),
                };
                assert_eq!(
                    (d.iso(), d.long(), d.to_string()),
                    (iso, long.clone(), long)
                );
            }
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("1988").precision(), Precision::Year);
        assert_eq!(d("1979-09").precision(), Precision::Month);
        assert_eq!(d("1975-05-19").precision(), Precision::Day);
        assert_eq!(d("1975-05-19").day(), Some(19));
        assert_eq!(d("1979-09").day(), None);
        assert_eq!(d("1988").month(), None);
    }

    #[test]
    fn displays_at_its_precision() {
        assert_eq!(d("1988").to_string(), "1988");
        assert_eq!(d("1979-09").to_string(), "September 1979");
        assert_eq!(d("1975-05-19").to_string(), "19 May 1975");
        assert_eq!(d("2000-01-01").to_string(), "1 January 2000");
        assert_eq!(d("2009-12").to_string(), "December 2009");
        assert_eq!(d("1979-09").iso(), "1979-09");
        assert_eq!(d("1000").iso(), "1000");
    }

    #[test]
    fn rejects_impossible_dates_naming_the_wrong_part() {
        let says = |s: &str| s.parse::<Date>().unwrap_err().to_string();
        assert_eq!(
            says("2025-13"),
            "impossible date \"2025-13\": month 13 does not exist (months are 01 to 12)"
        );
        assert_eq!(
            says("2024-00"),
            "impossible date \"2024-00\": month 0 does not exist (months are 01 to 12)"
        );
        assert_eq!(
            says("2023-02-30"),
            "impossible date \"2023-02-30\": no day 30 in February 2023, which has 28 days"
        );
        assert_eq!(
            says("2024-04-31"),
            "impossible date \"2024-04-31\": no day 31 in April 2024, which has 30 days"
        );
        assert_eq!(
            says("2024-04-00"),
            "impossible date \"2024-04-00\": day 0 does not exist (days start at 01)"
        );
        assert_eq!(
            says("1900-02-29"),
            "impossible date \"1900-02-29\": no day 29 in February 1900, which has 28 days"
        );
        assert_eq!(
            says("0000"),
            "impossible date \"0000\": year 0 is not a four-digit year"
        );
        assert!(d("2024-02-29").day() == Some(29), "leap day is a real day");
    }

    #[test]
    fn years_follow_the_same_rule_as_trade_years() {
        // One rule for every year of a dataset: four digits, 1000 to 9999.
        for (s, year) in [("0999", 999), ("0042", 42), ("0001-01-01", 1)] {
            assert_eq!(
                s.parse::<Date>(),
                Err(DateError::Year {
                    date: s.to_string(),
                    year
                })
            );
            assert!(!YEARS.contains(&(year as i32)));
        }
        assert_eq!(d("1000").year(), 1000);
        assert_eq!(d("9999-12-31").year(), 9999);
    }

    #[test]
    fn a_hostile_date_is_quoted_cleaned() {
        let e = "19\u{1b}[2J75".parse::<Date>().unwrap_err();
        assert!(
            e.to_string().starts_with("malformed date \"19␛[2J75\""),
            "{e}"
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "75",
            "19755",
            "1975-5",
            "1975-05-1",
            "1975/05/19",
            "May 1975",
            "1975-05-19-01",
            "1975-",
            "-1975",
            "１９７５",
            "1975-05-19T00:00",
            " 1975",
        ] {
            assert!(
                matches!(s.parse::<Date>(), Err(DateError::Malformed(_))),
                "{s:?} should be malformed"
            );
        }
    }

    #[test]
    fn year_sorts_before_its_months_and_days() {
        let mut v = [
            d("1975-05-19"),
            d("1976"),
            d("1975-05"),
            d("1975"),
            d("1974-12-31"),
        ];
        v.sort();
        let iso: Vec<_> = v.iter().map(Date::iso).collect();
        assert_eq!(iso, ["1974-12-31", "1975", "1975-05", "1975-05-19", "1976"]);
    }

    #[test]
    fn undated_sorts_last() {
        let mut v = vec![None, Some(d("2000")), None, Some(d("1955-01-19"))];
        v.sort_by(|a, b| cmp_dated(a.as_ref(), b.as_ref()));
        assert_eq!(v, vec![Some(d("1955-01-19")), Some(d("2000")), None, None]);
    }

    #[test]
    fn round_trips_through_json() {
        let v: Date = serde_json::from_str("\"1979-09\"").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"1979-09\"");
        assert!(serde_json::from_str::<Date>("\"2023-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("1979").is_err());
        // Escapes in the string are read as the text they stand for.
        assert_eq!(
            serde_json::from_str::<Date>("\"1979\\u002d09\"").ok(),
            Some(d("1979-09"))
        );
    }
}
