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

    /// Whether the day is Monday to Friday (the programme's working days; public holidays are
    /// not known and count as working days).
    pub fn is_working_day(self) -> bool {
        !matches!(
            self.0.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        )
    }

    /// The date `days` working days (Monday to Friday) after this one (before it, for a negative
    /// `days`): `days` working days are counted from the next one, this day left out.
    pub fn add_working_days(self, days: i64) -> Date {
        let step = if days < 0 { -1 } else { 1 };
        let mut on = self;
        let mut left = days.unsigned_abs();
        while left > 0 {
            on = on.add_days(step);
            if on.is_working_day() {
                left -= 1;
            }
        }
        on
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

const DATE_EXPECTED: &str = "a date written YYYY-MM-DD";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(DATE_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s, false).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn working_days_skip_saturday_and_sunday() {
        let date = |s| Date::parse(s, false).unwrap();
        // Friday 2026-11-20.
        assert_eq!(date("2026-11-20").add_working_days(1), date("2026-11-23"));
        assert_eq!(date("2026-11-20").add_working_days(6), date("2026-11-30"));
        assert_eq!(date("2026-11-21").add_working_days(1), date("2026-11-23"));
        assert_eq!(date("2026-11-23").add_working_days(-1), date("2026-11-20"));
        assert_eq!(date("2026-11-23").add_working_days(-10), date("2026-11-09"));
        assert_eq!(date("2026-11-22").add_working_days(0), date("2026-11-22"));
    }
}
