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

    /// A date as documents print it besides `YYYY-MM-DD`: `YYYY/MM/DD` and `YYYYMMDD`, a month
    /// or day without its leading zero (`2019/3/5`, `2026-8-21`, as Excel prints them), and
    /// `2026年12月31日` (Chinese documents). `None` for anything else, ISO included or not.
    pub fn read_written(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some(date) = Date::parse(s, true) {
            return Some(date);
        }
        let (y, m, d) = match s.strip_suffix('日') {
            Some(rest) => {
                let (y, rest) = rest.split_once('年')?;
                let (m, d) = rest.split_once('月')?;
                (y, m, d)
            }
            None => {
                let sep = if s.contains('/') { '/' } else { '-' };
                let mut parts = s.split(sep);
                let parts = (parts.next()?, parts.next()?, parts.next()?, parts.next());
                match parts {
                    (y, m, d, None) => (y, m, d),
                    _ => return None,
                }
            }
        };
        let number = |t: &str, most: usize| {
            let t = t.trim();
            (!t.is_empty() && t.len() <= most && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<i16>().ok())
                .flatten()
        };
        if y.trim().len() != 4 {
            return None;
        }
        let (y, m, d) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
        jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?)
            .ok()
            .map(Date)
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

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_are_read_as_documents_print_them() {
        let iso = |s: &str| Date::read_written(s).map(|d| d.to_string());
        for (written, read) in [
            ("2026-10-28", "2026-10-28"),
            ("2026/10/28", "2026-10-28"),
            ("20261028", "2026-10-28"),
            ("2019/3/5", "2019-03-05"),
            ("2026-8-21", "2026-08-21"),
            ("2026年12月31日", "2026-12-31"),
            ("2026年1月5日", "2026-01-05"),
            (" 2026/12/1 ", "2026-12-01"),
        ] {
            assert_eq!(iso(written).as_deref(), Some(read), "{written}");
        }
        for unread in [
            "2026-13-01",
            "2026/2/30",
            "26/3/5",
            "2026-8",
            "2026-8-21-1",
            "2026/8-21",
            "2026年12月",
            "2026年12月31",
            "12/31/2026",
            "soon",
            "2026-008-01",
            "",
        ] {
            assert_eq!(iso(unread), None, "{unread}");
        }
    }

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
