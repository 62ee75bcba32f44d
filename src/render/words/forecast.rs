//! The forecast's words: its table's columns, why a submission breaks, its summary lines, the
//! calendar's.

use super::{join, sides};
use crate::date::Date;
use crate::finding::{Text, count};
use crate::untrusted;
/// The columns of the forecast's table.
pub fn forecast_columns() -> [Text; 4] {
    [
        text!("date", "日期"),
        text!("submission", "提交"),
        text!("codes", "规则"),
        text!("why", "原因"),
    ]
}

/// Why a submission breaks on a date: what changes (`points`), then what it gains, each
/// finding's message with its code.
pub fn why_it_breaks(points: &[Text], gained: &[(&Text, &str)]) -> Text {
    let findings: Vec<Text> = gained
        .iter()
        .map(|(message, code)| {
            let (en, zh) = sides(message);
            text!("{en} ({code})", "{zh}（{code}）")
        })
        .collect();
    let findings = join(&findings, text!("; ", "；"));
    if points.is_empty() {
        return findings;
    }
    let points = join(points, text!("; ", "；"));
    let (p_en, p_zh) = sides(&points);
    let (f_en, f_zh) = sides(&findings);
    text!("{p_en}: {f_en}", "{p_zh}：{f_zh}")
}

/// A submission that holds through the horizon, `path` as shown.
pub fn holds_through(path: &str, end: Date) -> Text {
    text!("{path}: holds through {end}", "{path}：至 {end} 仍然有效")
}

/// A submission's first break, `path` and `why` as shown: the last day it holds, the day it
/// breaks and why.
pub fn first_break(path: &str, on: Date, why: &str) -> Text {
    let valid = on.add_days(-1);
    text!(
        "{path}: valid until {valid}; on {on} {why}",
        "{path}：有效至 {valid}；{on} 起，{why}"
    )
}

/// A submission that fails now, `path` and `now` (what fails it) as shown.
pub fn fails_now_summary(path: &str, now: &str) -> Text {
    let said = fails_now();
    let (en, zh) = sides(&said);
    text!("{path}: {en}: {now}", "{path}：{zh}：{now}")
}

/// What fails a submission now: each finding's message and code, with the date it stops where a
/// date moves.
pub fn fails_because(now: &[(&Text, &str, Option<Date>)]) -> Text {
    let items: Vec<Text> = now
        .iter()
        .map(|(message, code, stops_on)| {
            let (en, zh) = sides(message);
            match stops_on {
                None => text!("{en} ({code})", "{zh}（{code}）"),
                Some(on) => text!(
                    "{en} ({code}; it stops on {on})",
                    "{zh}（{code}；{on} 起不再出现）"
                ),
            }
        })
        .collect();
    join(&items, text!("; ", "；"))
}

/// `fails now: …`, `now` (what fails it) as shown.
pub fn fails_now_because(now: &str) -> Text {
    let said = fails_now();
    let (en, zh) = sides(&said);
    text!("{en}: {now}", "{zh}：{now}")
}

/// `fails now`: the verdict of a submission that fails on the as-of date.
pub fn fails_now() -> Text {
    text!("fails now", "当前即不通过")
}

/// Added to a submission that fails now: how many new breaks come by the end of the horizon.
pub fn new_breaks(new: usize, end: Date) -> Text {
    let breaks = count(new, "new break", "new breaks");
    text!(" — {breaks} by {end}", "——至 {end} 另有 {new} 处新失效")
}

/// Added to the first break: how many more breaks come by the end of the horizon.
pub fn more_breaks(more: usize, end: Date) -> Text {
    let breaks = count(more, "more break", "more breaks");
    text!(" — {breaks} by {end}", "——至 {end} 另有 {more} 处失效")
}

/// The calendar's name.
pub fn calendar_name() -> Text {
    text!("selfcheck deadlines", "selfcheck 截止日期")
}

/// A break in the calendar: `sellers/huacai: CUS002, LIC001 from today`.
pub fn calendar_break(path: &str, codes: &str) -> Text {
    text!("{path}: {codes} from today", "{path}：今天起出现 {codes}")
}

/// The last line of a break in the calendar: how to see it (the folder quoted for a shell).
pub fn calendar_see(path: &str, on: Date) -> Text {
    let path = untrusted::shell_word(path);
    text!(
        "Run `selfcheck lint {path} --today {on}` to see it.",
        "运行 `selfcheck lint {path} --today {on}` 查看详情。"
    )
}
