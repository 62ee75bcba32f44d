//! Pack rules run over a submission: every value at a rule's `given` path judged by each of its
//! functions, with the rule's help.

use super::{Check, PackRule, Segment};
use crate::code::{Code, RuleCode};
use crate::finding::{Finding, Place, Text};
use crate::load::Submission;
use crate::load::tree::{Kind, Node};
use crate::markets::MarketTable;
use crate::model::Date;
use crate::rules::Ctx;
use crate::source::Span;
use std::cell::RefCell;
use std::sync::Arc;

/// Runs the pack rules that `enabled` allows over one submission and returns their findings.
pub fn run(
    rules: &[Arc<PackRule>],
    sub: &Submission,
    markets: &MarketTable,
    as_of: Date,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    let out = RefCell::new(Vec::new());
    for rule in rules.iter().filter(|r| enabled(&r.code)) {
        let ctx = Ctx::new(sub, markets, as_of, RuleCode::Pack(rule.code.clone()), &out);
        run_rule(rule, &ctx);
    }
    out.into_inner()
}

/// One pack rule over one submission.
fn run_rule(rule: &PackRule, ctx: &Ctx) {
    {
        let Some((file, root)) = ctx.sub.tree(&rule.document) else {
            return;
        };
        let text = ctx.sub.db.get(file).text.as_deref().unwrap_or("");
        // A value already reported as unreadable (SUB002) is not judged again.
        let unreadable: Vec<Span> = ctx
            .sub
            .findings
            .iter()
            .filter(|f| f.code == Code::SUB002)
            .filter_map(|f| match f.place {
                Place::Span(s) if s.file == file => Some(s),
                _ => None,
            })
            .collect();
        let (parents_path, last) = rule.path.split_at(rule.path.len() - 1);
        for check in &rule.checks {
            if let Check::Required = check {
                for parent in walk(root, parents_path) {
                    let present = match (&last[0], &parent.kind) {
                        (Segment::Key(k), Kind::Map(_)) => {
                            parent.get(k).is_some_and(|v| !matches!(v.kind, Kind::Null))
                        }
                        (Segment::Any, Kind::Seq(items)) => !items.is_empty(),
                        (Segment::Any, Kind::Map(entries)) => !entries.is_empty(),
                        _ => continue,
                    };
                    if !present {
                        let what = match &last[0] {
                            Segment::Key(k) => k.clone(),
                            Segment::Any => "an entry".to_owned(),
                        };
                        report(
                            ctx,
                            rule,
                            Span::new(file, parent.span.clone()),
                            text!("`{what}` is missing here", "此处缺少 `{what}`"),
                        );
                    }
                }
                continue;
            }
            for node in walk(root, &rule.path) {
                if matches!(node.kind, Kind::Null)
                    || unreadable.contains(&Span::new(file, node.span.clone()))
                {
                    continue;
                }
                if let Some(message) = judge(check, node, text, ctx.as_of) {
                    report(ctx, rule, Span::new(file, node.span.clone()), message);
                }
            }
        }
    }
}

fn report(ctx: &Ctx, rule: &PackRule, span: Span, message: Text) {
    let reported = ctx.report(span, message);
    if let Some(help) = &rule.help {
        reported.help(help.clone());
    }
}

/// Every node at `path` below `node`.
fn walk<'a>(node: &'a Node, path: &[Segment]) -> Vec<&'a Node> {
    let Some((first, rest)) = path.split_first() else {
        return vec![node];
    };
    let children: Vec<&Node> = match (first, &node.kind) {
        (Segment::Key(k), Kind::Map(_)) => node.get(k).into_iter().collect(),
        (Segment::Any, Kind::Seq(items)) => items.iter().collect(),
        (Segment::Any, Kind::Map(entries)) => entries.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    children.into_iter().flat_map(|c| walk(c, rest)).collect()
}

/// The text of a scalar as written.
fn scalar(node: &Node, text: &str) -> Option<String> {
    match &node.kind {
        Kind::Str(s) => Some(s.clone()),
        Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
            text.get(node.defined.clone()).map(|s| s.trim().to_owned())
        }
        _ => None,
    }
}

/// What is wrong with `node` under `check`, if anything.
fn judge(check: &Check, node: &Node, text: &str, as_of: Date) -> Option<Text> {
    let value = scalar(node, text);
    let shown = value.clone().unwrap_or_default();
    let not_number = || text!("`{shown}` is not a number", "`{shown}` 不是数字");
    let date = || value.as_deref().and_then(|v| Date::parse(v, false));
    let not_date = || {
        text!(
            "`{shown}` is not a date written YYYY-MM-DD",
            "`{shown}` 不是 YYYY-MM-DD 格式的日期"
        )
    };
    match check {
        Check::Required => None,
        Check::Pattern(r) => {
            let v = value?;
            let p = r.as_str();
            (!r.is_match(&v)).then(|| text!("`{v}` does not match `{p}`", "`{v}` 不符合 `{p}`"))
        }
        Check::NotPattern(r) => {
            let v = value?;
            let p = r.as_str();
            r.is_match(&v).then(|| {
                text!(
                    "`{v}` matches `{p}`, which is not allowed",
                    "`{v}` 符合不允许的 `{p}`"
                )
            })
        }
        Check::OneOf(list) => {
            let v = value?;
            let choices = list
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            (!list.contains(&v))
                .then(|| text!("`{v}` is not one of {choices}", "`{v}` 不在 {choices} 之中"))
        }
        Check::Min(min) => match number(node) {
            None => Some(not_number()),
            Some(n) => (n < *min).then(|| {
                text!(
                    "{shown} is below the minimum {min}",
                    "{shown} 低于最小值 {min}"
                )
            }),
        },
        Check::Max(max) => match number(node) {
            None => Some(not_number()),
            Some(n) => (n > *max).then(|| {
                text!(
                    "{shown} is above the maximum {max}",
                    "{shown} 高于最大值 {max}"
                )
            }),
        },
        Check::MinLength(min) => {
            let len = length(node, value)?;
            (len < *min).then(|| {
                text!(
                    "the length is {len}; at least {min} is required",
                    "长度为 {len}，至少应为 {min}"
                )
            })
        }
        Check::MaxLength(max) => {
            let len = length(node, value)?;
            (len > *max).then(|| {
                text!(
                    "the length is {len}; at most {max} is allowed",
                    "长度为 {len}，最多为 {max}"
                )
            })
        }
        Check::MinDaysAfterAsOf(days) => match date() {
            None => Some(not_date()),
            Some(d) => days_after(d, as_of, *days),
        },
        Check::MaxDaysBeforeAsOf(days) => match date() {
            None => Some(not_date()),
            Some(d) => days_before(d, as_of, *days),
        },
    }
}

/// The number a node holds: an integer, a float, or a string that reads as one.
fn number(node: &Node) -> Option<f64> {
    match &node.kind {
        Kind::Int(i) => Some(*i as f64),
        Kind::Float(f) => Some(*f),
        Kind::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

/// The length of a node: a list's or a mapping's entries, a scalar's characters (`value`).
fn length(node: &Node, value: Option<String>) -> Option<u64> {
    Some(match &node.kind {
        Kind::Seq(items) => items.len() as u64,
        Kind::Map(entries) => entries.len() as u64,
        _ => value?.chars().count() as u64,
    })
}

/// `min_days_after_as_of: days`: what is wrong with the date `d`, fewer days after `as_of`.
fn days_after(d: Date, as_of: Date, days: i64) -> Option<Text> {
    let after = as_of.days_until(d);
    (after < days).then(|| {
        text!(
            "{d} is {after} days after the as-of date {as_of}; at least {days} are required",
            "{d} 距基准日 {as_of} 仅 {after} 天，至少应为 {days} 天"
        )
    })
}

/// `max_days_before_as_of: days`: what is wrong with the date `d`, more days before `as_of`.
fn days_before(d: Date, as_of: Date, days: i64) -> Option<Text> {
    let before = d.days_until(as_of);
    (before > days).then(|| {
        text!(
            "{d} is {before} days before the as-of date {as_of}; at most {days} are allowed",
            "{d} 早于基准日 {as_of} {before} 天，最多允许 {days} 天"
        )
    })
}
