//! A pack rule as the catalogue shows it: `rules`, `explain` and SARIF read the same entry as
//! for a built-in rule.

use super::{Check, PackRule};
use crate::catalogue::Entry;
use crate::finding::Text;

/// The catalogue entry of a pack rule, so that `rules`, `explain` and SARIF show it.
pub fn entry(rule: &PackRule) -> Entry {
    let pack = rule.source.display();
    let functions: Vec<Text> = rule.checks.iter().map(describe).collect();
    let given = &rule.given;
    let Text { en, zh } = crate::rules::join_texts(&functions, "; ", "；");
    Entry {
        code: rule.code.to_string(),
        severity: rule.severity,
        scope: crate::declaration::Scope::Pack,
        check: String::new(),
        dates: None,
        title: rule.title.clone(),
        checks: text!("`{given}`: {en}.", "`{given}`：{zh}。"),
        why: text!(
            "An agency rule, from {pack}.",
            "代理商自定义规则，来自 {pack}。"
        ),
        example: rule.text.clone(),
        how_to_fix: rule.help.clone().unwrap_or_else(|| rule.title.clone()),
        figure: None,
        fixable: false,
        retired: None,
    }
}

fn describe(c: &Check) -> Text {
    match c {
        Check::Required => text!("required", "必填"),
        Check::Pattern(r) => {
            let r = r.as_str();
            text!("matches `{r}`", "符合 `{r}`")
        }
        Check::NotPattern(r) => {
            let r = r.as_str();
            text!("does not match `{r}`", "不符合 `{r}`")
        }
        Check::OneOf(v) => {
            let (en, zh) = (v.join(", "), v.join("、"));
            text!("one of {en}", "为 {zh} 之一")
        }
        Check::Min(n) => text!("at least {n}", "不小于 {n}"),
        Check::Max(n) => text!("at most {n}", "不大于 {n}"),
        Check::MinLength(n) => text!("at least {n} long", "长度不少于 {n}"),
        Check::MaxLength(n) => text!("at most {n} long", "长度不超过 {n}"),
        Check::MinDaysAfterAsOf(n) => text!(
            "a date at least {n} days after the as-of date",
            "晚于基准日至少 {n} 天的日期"
        ),
        Check::MaxDaysBeforeAsOf(n) => text!(
            "a date at most {n} days before the as-of date",
            "早于基准日至多 {n} 天的日期"
        ),
    }
}
