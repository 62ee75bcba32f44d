//! Durations as service plans write them (SPEC §1, "Durations"): a number and a unit — `120m`,
//! `2 h`, `90分钟` — and the same promise written around one — `within 2h`, `≤120m`,
//! `<= 2 hours`, `2小时内` — or in Chinese numerals — `两小时`, `二十四小时`. Anything with no
//! duration ("ASAP", "尽快", "fast") is not measurable.

/// Words before a duration that keep its meaning: "at most this long".
const BEFORE: &[&str] = &[
    "within",
    "at most",
    "up to",
    "max.",
    "max",
    "in",
    "≤",
    "<=",
    "=<",
    "<",
    "不超过",
    "不多于",
    "最多",
    "最长",
];
/// Words after a duration that keep its meaning.
const AFTER: &[&str] = &["以内", "之内", "内", "or less", "at most", "max"];

/// Units: the seconds of one, and the short form a canonical duration writes.
fn unit(written: &str) -> Option<(f64, char)> {
    Some(match written {
        "s" | "sec" | "secs" | "second" | "seconds" | "秒" | "秒钟" => (1.0, 's'),
        "m" | "min" | "mins" | "minute" | "minutes" | "分钟" | "分" => (60.0, 'm'),
        "h" | "hr" | "hrs" | "hour" | "hours" | "小时" | "个小时" | "钟头" | "个钟头" => {
            (3600.0, 'h')
        }
        "d" | "day" | "days" | "天" | "日" => (86400.0, 'd'),
        _ => return None,
    })
}

/// A number in Chinese numerals up to the hundreds (`两`, `十五`, `二十四`, `一百二十`), or
/// `半` (a half).
fn chinese_number(s: &str) -> Option<f64> {
    if s == "半" {
        return Some(0.5);
    }
    let digit = |c: char| "零〇一二三四五六七八九".chars().position(|d| d == c);
    let (mut total, mut current, mut any) = (0u32, None::<u32>, false);
    for c in s.chars() {
        any = true;
        match c {
            '两' => current = Some(2),
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            // `零`/`〇` (zero, as between a hundred and a unit) adds nothing.
            c => current = Some(u32::try_from(digit(c)?.saturating_sub(1)).ok()?),
        }
    }
    any.then(|| f64::from(total + current.unwrap_or(0)))
}

/// The amount and unit of `s`, and whether it is written plainly (ASCII digits, a unit, an
/// optional space: no words around it, no Chinese numerals).
fn read(s: &str) -> Option<(f64, f64, char, bool)> {
    let mut rest = s.trim().to_lowercase();
    let mut plain = true;
    for word in BEFORE {
        if let Some(after) = rest.strip_prefix(word) {
            // A word must end there (`in` is not the start of `inf`).
            if word.is_ascii() && after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            rest = after.trim_start().to_owned();
            plain = false;
            break;
        }
    }
    for word in AFTER {
        if let Some(before) = rest.strip_suffix(word) {
            rest = before.trim_end().to_owned();
            plain = false;
            break;
        }
    }
    let split = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (number, unit_text) = if split > 0 {
        let (n, u) = rest.split_at(split);
        (n.parse::<f64>().ok()?, u.trim_start())
    } else {
        let end = rest
            .char_indices()
            .find(|(_, c)| !"零〇一二两三四五六七八九十百半".contains(*c))
            .map_or(rest.len(), |(i, _)| i);
        let (n, u) = rest.split_at(end);
        plain = false;
        // `十分` is "very" as often as "ten minutes": `分` is minutes after digits only.
        if u.trim_start() == "分" {
            return None;
        }
        (chinese_number(n)?, u.trim_start())
    };
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    let (factor, short) = unit(unit_text)?;
    Some((number * factor, number, short, plain))
}

/// A measurable duration in seconds; `None` when `s` states no duration ("ASAP", "尽快").
pub fn parse_duration(s: &str) -> Option<f64> {
    read(s).map(|(secs, ..)| secs)
}

/// The canonical form of a duration written around a number and a unit, or in Chinese numerals
/// (`within 2h`, `两小时` → `2h`; `≤120m` → `120m`): what `--fix` writes. `None` for a duration
/// written plainly already (`120m`, `2 h`, `90分钟`), and for anything that is no duration.
pub fn canonical_duration(s: &str) -> Option<String> {
    let (_, number, short, plain) = read(s)?;
    if plain {
        return None;
    }
    let number = if number.fract() == 0.0 {
        format!("{number:.0}")
    } else {
        number.to_string()
    };
    Some(format!("{number}{short}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_written_plainly() {
        assert_eq!(parse_duration("120m"), Some(7200.0));
        assert_eq!(parse_duration("2 h"), Some(7200.0));
        assert_eq!(parse_duration("90分钟"), Some(5400.0));
        assert_eq!(parse_duration("1 day"), Some(86400.0));
        assert_eq!(parse_duration("2 hours"), Some(7200.0));
        assert_eq!(parse_duration("1.5h"), Some(5400.0));
        for plain in [
            "120m",
            "2 h",
            "90分钟",
            "2小时",
            "120分钟",
            "2 hours",
            "24h",
        ] {
            assert_eq!(canonical_duration(plain), None, "{plain}");
        }
    }

    #[test]
    fn a_promise_written_around_a_duration_is_the_same_promise() {
        for (written, secs, canonical) in [
            ("within 2h", 7200.0, "2h"),
            ("Within 2 hours", 7200.0, "2h"),
            ("≤120m", 7200.0, "120m"),
            ("<= 2 hours", 7200.0, "2h"),
            ("< 30 min", 1800.0, "30m"),
            ("2小时内", 7200.0, "2h"),
            ("24小时以内", 86400.0, "24h"),
            ("两小时", 7200.0, "2h"),
            ("二十四小时", 86400.0, "24h"),
            ("十五分钟", 900.0, "15m"),
            ("一百二十分钟", 7200.0, "120m"),
            ("半小时", 1800.0, "0.5h"),
            ("两个小时内", 7200.0, "2h"),
            ("不超过2小时", 7200.0, "2h"),
            ("in 3 days", 259200.0, "3d"),
            ("2h or less", 7200.0, "2h"),
        ] {
            assert_eq!(parse_duration(written), Some(secs), "{written}");
            assert_eq!(
                canonical_duration(written).as_deref(),
                Some(canonical),
                "{written}"
            );
        }
    }

    #[test]
    fn words_without_a_duration_are_not_measurable() {
        for unmeasurable in [
            "ASAP",
            "尽快",
            "fast",
            "120",
            "m",
            "within",
            "within ASAP",
            "两",
            "十分",
            "quickly",
            "inf h",
            "",
            "二十四",
            "-2h",
            "2 weeks",
        ] {
            assert_eq!(parse_duration(unmeasurable), None, "{unmeasurable}");
            assert_eq!(canonical_duration(unmeasurable), None, "{unmeasurable}");
        }
    }
}
