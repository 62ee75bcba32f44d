//! Calendar dates as the programme writes them (`YYYY-MM-DD`): every date rule, the as-of date
//! and the forecast count in these.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// `YYYY-MM-DD`; with `lenient`, also `YYYY/MM/DD` and `YYYYMMDD` (customs tool exports).
    pub fn parse(s: &str, lenient: bool) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let (y, m, d) = match b.len() {
            10 if (b[4] == b'-' || (lenient && b[4] == b'/')) && b[7] == b[4] => {
                if !(digits(0..4) && digits(5..7) && digits(8..10)) {
                    return None;
                }
                (&s[0..4], &s[5..7], &s[8..10])
            }
            8 if lenient && digits(0..8) => (&s[0..4], &s[4..6], &s[6..8]),
            _ => return None,
        };
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }

    /// The years a date of a document may fall in: anything else is a mistake (year 0, 9999)
    /// that would otherwise reach a calendar or a date rule.
    pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2199;

    /// Whether the date falls in [`Date::YEARS`].
    pub fn in_range(self) -> bool {
        Date::YEARS.contains(&self.0.year())
    }

    pub fn days_until(self, later: Date) -> i64 {
        let span = self.0.until(later.0).unwrap_or_default();
        i64::from(span.get_days())
    }

    pub fn add_days(self, days: i64) -> Date {
        Date(self.0.saturating_add(jiff::Span::new().days(days)))
    }

    pub fn sub_months(self, months: i64) -> Date {
        Date(self.0.saturating_sub(jiff::Span::new().months(months)))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

const DATE_EXPECTED: &str = "a date written YYYY-MM-DD";
/// What a date of a document must be, as the loader names it (SUB002 at the value).
pub const DATE_RANGE: &str = "a date between 1900-01-01 and 2199-12-31";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(DATE_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                match Date::parse(s, false) {
                    Some(date) if date.in_range() => Ok(date),
                    Some(_) => Err(E::invalid_value(de::Unexpected::Str(s), &DATE_RANGE)),
                    None => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
                }
            }
        }
        d.deserialize_str(V)
    }
}
