//! The words of selfcheck's outputs around the findings, in one place: counts with their
//! plurals, the closing lines and the progress line of human output, the headings of a rule's
//! documentation, the HTML page's phrases with numbers, the forecast's lines, what `--fix`
//! reports and what a person reads of an application error besides its message.
//!
//! Each phrase is a function giving a [`Text`]: English counts take their plural with
//! [`count`] (or [`grouped`], where the HTML page groups thousands), Chinese needs none. A
//! bilingual value said inside a phrase keeps its own fallback ([`Text::get`]). Rule messages
//! stay with their rules and the severity words with [`Severity::word`]; a label that a single
//! output shows, with no number in it, stays beside the markup or the line that shows it.

use crate::date::Date;
use crate::finding::{Lang, Severity, Text, count, group_thousands};
use crate::report::{Counts, Outlook};
use crate::untrusted;

mod ci;
mod command_line;
mod forecast;
pub use ci::{more_failing, more_reasons, over_scanning_limit};
pub use command_line::{fixed_in_file, fixes, fixes_unsettled, wrote_template};
pub use forecast::{
    calendar_break, calendar_name, calendar_see, fails_because, fails_now, fails_now_because,
    fails_now_summary, first_break, forecast_columns, holds_through, more_breaks, new_breaks,
    why_it_breaks,
};

/// Both sides of `t`, the Chinese one falling back to English as [`Text::get`] does.
fn sides(t: &Text) -> (&str, &str) {
    (t.get(Lang::En), t.get(Lang::Zh))
}

/// `parts` joined, each language with its own separator.
fn join(parts: &[Text], separator: Text) -> Text {
    let side = |lang| {
        let parts: Vec<&str> = parts.iter().map(|p| p.get(lang)).collect();
        parts.join(separator.get(lang))
    };
    Text::new(side(Lang::En), side(Lang::Zh))
}

/// `1,234 submissions`: [`count`] with the number grouped by thousands.
fn grouped(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        group_thousands(&n.to_string()),
        if n == 1 { one } else { many }
    )
}

/// `1,234`.
fn group(n: usize) -> String {
    group_thousands(&n.to_string())
}

// The findings' labels.

/// What to do, after a finding or an application error: `help: …`.
pub fn help() -> Text {
    text!("help", "帮助")
}

/// A finding's safe fix: `suggested fix: … → …`.
pub fn suggested_fix() -> Text {
    text!("suggested fix", "建议修改")
}

/// Why a finding matters, with the programme's figure: `note: …`.
pub fn note() -> Text {
    text!("note", "说明")
}

/// The place of an application error in one of selfcheck's own files.
pub fn here() -> Text {
    text!("here", "此处")
}

/// What an application error comes from: `caused by: …`.
pub fn caused_by() -> Text {
    text!("caused by", "原因")
}

// Human output: the closing lines and the progress line.

/// `Found 3 problems (2 errors, 1 warning, 0 info) in 1 submission.`, or that there were none.
pub fn found(c: Counts, submissions: usize) -> Text {
    let Counts {
        error,
        warning,
        info,
    } = c;
    let total = error + warning + info;
    let subs = count(submissions, "submission", "submissions");
    if total == 0 {
        return text!(
            "No problems found in {subs}.",
            "检查了 {submissions} 份提交，未发现问题。"
        );
    }
    let problems = count(total, "problem", "problems");
    let errors = count(error, "error", "errors");
    let warnings = count(warning, "warning", "warnings");
    let infos = count(info, "info", "info");
    text!(
        "Found {problems} ({errors}, {warnings}, {infos}) in {subs}.",
        "在 {submissions} 份提交中发现 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}）。"
    )
}

/// Added to the count: how many findings inline comments suppressed.
pub fn suppressed_inline(n: usize) -> Text {
    text!(" {n} suppressed inline.", "另有 {n} 个已通过行内注释屏蔽。")
}

/// Added to the count: findings an inline comment names that count all the same.
pub fn not_honoured(n: usize) -> Text {
    let findings = count(n, "finding is", "findings are");
    text!(
        " {findings} named by inline suppressions that this run does not honour.",
        "其中 {n} 个问题虽有行内屏蔽注释，但本次运行不采纳行内屏蔽，仍计入。"
    )
}

/// The documents that could not be read (as shown, the first few) and how many more: not
/// checked, so the problems counted are not all there are.
pub fn not_checked(files: &[String], more: usize) -> Text {
    let (en, zh) = (files.join(", "), files.join("、"));
    let (en, zh) = match more {
        0 => (en, zh),
        _ => (
            format!("{en} and {more} more"),
            format!("{zh} 等 {} 个", files.len() + more),
        ),
    };
    if files.len() + more == 1 {
        text!(
            "Not checked: {en} could not be read; its other problems show once it can be.",
            "未检查：{zh} 无法读取；能读取后才会显示其中的其他问题。"
        )
    } else {
        text!(
            "Not checked: {en} could not be read; their other problems show once they can be.",
            "未检查：{zh} 无法读取；能读取后才会显示其中的其他问题。"
        )
    }
}

/// `3 of 120 submissions have errors.`: how many fail the gate, named by what fails it at
/// `--fail-on` (`None`: nothing does).
pub fn failing(failed: usize, total: usize, fail_on: Option<Severity>) -> Text {
    let Some(level) = fail_on else {
        return text!(
            "No submission fails at --fail-on never ({total} linted).",
            "--fail-on never：{total} 份提交均判为通过。"
        );
    };
    let Text { en: what, zh } = match level {
        Severity::Warning => text!("errors or warnings", "错误或警告"),
        Severity::Info => text!("findings", "问题"),
        Severity::Error => text!("errors", "错误"),
    };
    let n = failed;
    match n {
        0 => text!(
            "None of the {total} submissions has {what}.",
            "{total} 份提交均无{zh}。"
        ),
        1 => text!(
            "1 of {total} submissions has {what}.",
            "{total} 份提交中有 {n} 份存在{zh}。"
        ),
        _ => text!(
            "{n} of {total} submissions have {what}.",
            "{total} 份提交中有 {n} 份存在{zh}。"
        ),
    }
}

/// `Next break: sellers/huacai on 2027-02-03.`: the first date on which a submission of the run
/// gains a finding at or above `--fail-on`; `path` as shown.
pub fn next_break(path: &str, on: Date) -> Text {
    text!("Next break: {path} on {on}.", "下一次失效：{path}，{on}。")
}

/// A configuration by its path (a seller's folder name, shown safely), or the defaults.
pub fn config_name(path: &Option<String>) -> Text {
    match path {
        Some(p) => {
            let p = untrusted::line(p);
            text!("{p}", "{p}")
        }
        None => text!("the built-in defaults", "内置默认设置"),
    }
}

/// `Configuration: agency/.selfcheck.yaml`: the one configuration of a run.
pub fn configuration(name: &Text) -> Text {
    let (en, zh) = sides(name);
    text!("Configuration: {en}", "配置文件：{zh}")
}

/// `agency/.selfcheck.yaml (3 submissions)`: a configuration and how many it applied to.
pub fn applied_to(name: &Text, submissions: usize) -> Text {
    let (en, zh) = sides(name);
    let subs = count(submissions, "submission", "submissions");
    text!("{en} ({subs})", "{zh}（{submissions} 份提交）")
}

/// `and 2 more`: the configurations not named.
pub fn and_more(more: usize) -> Text {
    text!("and {more} more", "另有 {more} 个")
}

/// `Configurations: a (1 submission); b (2 submissions)`.
pub fn configurations(each: &[Text]) -> Text {
    let all = join(each, text!("; ", "；"));
    let (en, zh) = sides(&all);
    text!("Configurations: {en}", "配置文件：{zh}")
}

/// The progress line on a terminal: `12 submissions linted in 3s`.
pub fn progress(linted: usize, elapsed: std::time::Duration) -> Text {
    let secs = elapsed.as_secs();
    let (m, s) = (secs / 60, secs % 60);
    let Text { en: took, zh } = if m > 0 {
        text!("{m}m {s:02}s", "{m} 分 {s:02} 秒")
    } else {
        text!("{s}s", "{s} 秒")
    };
    let submissions = count(linted, "submission", "submissions");
    text!(
        "{submissions} linted in {took}",
        "已检查 {linted} 份提交，用时 {zh}"
    )
}

// A rule's documentation (`explain`, the editor's hover, SARIF, the HTML page).

/// `CUS007 (error): title`.
pub fn rule_heading(code: &str, severity: Severity, title: &Text) -> Text {
    let word = severity.word();
    let (sev, sev_zh) = sides(&word);
    let (en, zh) = sides(title);
    text!("{code} ({sev}): {en}", "{code}（{sev_zh}）：{zh}")
}

/// `CHL008 (retired): title`, and what became of it (`what`, `folded into CHL002 …`).
pub fn retired_heading(code: &str, title: &Text, what: &Text) -> Text {
    let (en, zh) = sides(title);
    let (what_en, what_zh) = sides(what);
    text!(
        "{code} (retired): {en}\n\nRetired: {code} was {what_en}. It no longer runs; its code is not reused.",
        "{code}（已停用）：{zh}\n\n已停用：{code} 已{what_zh}。该规则不再运行，其代码不会再用于其他规则。"
    )
}

/// What the rule checks.
pub fn what_it_checks() -> Text {
    text!("What it checks", "检查内容")
}

/// Why the rule matters.
pub fn why() -> Text {
    text!("Why", "原因")
}

/// The figure the programme published about it.
pub fn figure() -> Text {
    text!("The programme's figure", "项目公布的数据")
}

/// An example that breaks the rule.
pub fn example() -> Text {
    text!("Example", "示例")
}

/// How to fix what the rule finds.
pub fn how_to_fix() -> Text {
    text!("How to fix", "修改方法")
}

/// A heading ended as a sentence: `Why.`, `原因。`.
pub fn sentence(heading: &Text) -> Text {
    let (en, zh) = sides(heading);
    text!("{en}.", "{zh}。")
}

// JUnit.

/// The message of a rule's failing test case: `2 findings: title`.
pub fn failed_case(findings: usize, title: &Text) -> Text {
    let what = count(findings, "finding", "findings");
    let (en, zh) = sides(title);
    text!("{what}: {en}", "{findings} 项问题：{zh}")
}

// The HTML page.

/// The page's own name.
pub fn report_heading() -> Text {
    text!("selfcheck report", "selfcheck 检查报告")
}

/// The page's title: how many submissions fail of how many.
pub fn page_title(submissions: usize, failing: usize) -> Text {
    let heading = report_heading();
    let (heading, heading_zh) = sides(&heading);
    if submissions == 0 {
        return text!("{heading}: no submission", "{heading_zh}：没有提交");
    }
    let subs = grouped(submissions, "submission", "submissions");
    text!(
        "{heading}: {failing} of {subs} failing",
        "{heading_zh}：{submissions} 份提交中 {failing} 份未通过"
    )
}

/// `2 errors · 1 warning`, or that nothing was found.
pub fn counts(c: Counts) -> Text {
    if c.is_empty() {
        return text!("no findings", "无问题");
    }
    let parts: Vec<Text> = [
        (c.error, "error", "errors", "错误"),
        (c.warning, "warning", "warnings", "警告"),
        (c.info, "info", "info", "提示"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many, zh)| {
        let (en, n) = (grouped(n, one, many), group(n));
        text!("{en}", "{zh} {n}")
    })
    .collect();
    join(&parts, text!(" · ", " · "))
}

/// `valid until 2027-02-02`, that the submission holds through the horizon, or that it fails
/// now (`passes`: its verdict).
pub fn outlook(outlook: Outlook, passes: bool) -> Text {
    if !passes {
        return fails_now();
    }
    match outlook.valid_until() {
        Some(d) => text!("valid until {d}", "有效至 {d}"),
        None => {
            let end = outlook.horizon_end;
            text!("holds through {end}", "至 {end} 仍然有效")
        }
    }
}

/// The as-of date of a run, and where it came from (SPEC §1): `--today`; today in China Standard
/// Time; a submission's own `submitted_on`, later than today; or some of each.
pub fn as_of(seen: &super::AsOfSeen) -> Text {
    let later = |(low, high, _): (Date, Date, usize)| {
        if low == high {
            text!("{low}", "{low}")
        } else {
            text!("from {low} to {high}", "{low} 至 {high}")
        }
    };
    match (seen.flag, seen.today, seen.later) {
        (Some(d), _, _) => text!(
            "{d} (--today), for every submission",
            "{d}（--today），适用于每份提交"
        ),
        (None, Some((d, _)), None) => text!(
            "{d}, today in China Standard Time",
            "{d}，即中国标准时间的今天"
        ),
        (None, None, Some(l)) => {
            let Text { en, zh } = later(l);
            text!(
                "{en}, the submission's own submitted_on, later than today",
                "{zh}，即提交自身晚于今天的 submitted_on"
            )
        }
        (None, Some((d, today)), Some(l)) => {
            let n = l.2;
            let Text { en, zh } = later(l);
            let (today_en, later_en) = (
                count(today, "submission", "submissions"),
                count(n, "submission", "submissions"),
            );
            text!(
                "today in China Standard Time, {d}, for {today_en}; a later submitted_on, {en}, for {later_en}",
                "{today} 份提交为中国标准时间的今天 {d}；{n} 份为较晚的 submitted_on（{zh}）"
            )
        }
        (None, None, None) => text!("—", "—"),
    }
}

/// One submission's as-of date and where it came from: `as of 2026-12-07 (today)`.
pub fn submission_as_of(date: Date, source: crate::report::AsOfSource) -> Text {
    use crate::report::AsOfSource;
    match source {
        AsOfSource::Flag => text!("as of {date} (--today)", "基准日期 {date}（--today）"),
        AsOfSource::Today => text!("as of {date} (today)", "基准日期 {date}（今天）"),
        AsOfSource::SubmittedOn => text!(
            "as of {date} (its submitted_on)",
            "基准日期 {date}（其 submitted_on）"
        ),
    }
}

/// The closing line that says a run's as-of date: `As of 2026-12-07, today in China Standard
/// Time.`
pub fn as_of_line(seen: &super::AsOfSeen) -> Text {
    let Text { en, zh } = as_of(seen);
    text!("As of {en}.", "基准日期：{zh}。")
}

/// Which slice of the submissions found (`--shard K/N`) the page shows.
pub fn shard(k: usize, n: usize) -> Text {
    text!(
        "{k} of {n}: this page shows one of {n} slices of the submissions found",
        "第 {k} 片，共 {n} 片：本页只含所找到提交的其中一片"
    )
}

/// After a programme's name: `: 3 submissions`.
pub fn programme_submissions(n: usize) -> Text {
    let (en, zh) = (grouped(n, "submission", "submissions"), group(n));
    text!(": {en}", "：{zh} 份")
}

/// How many findings inline comments suppressed, shown apart.
pub fn suppressed_apart(n: usize) -> Text {
    let findings = grouped(n, "finding", "findings");
    text!(
        "{findings} by inline comments, shown apart and not counted",
        "{n} 个问题已通过行内注释屏蔽，单独列出，不计入"
    )
}

/// That no submission breaks within the horizon of `days`.
pub fn no_break_within(days: i64) -> Text {
    text!(
        "No submission gains a failing finding within {days} days of its as-of date.",
        "所有提交在各自基准日期后 {days} 天内都不会新增导致未通过的问题。"
    )
}

/// The page narrowed to one code.
pub fn showing_code(code: &str, findings: usize, submissions: usize) -> Text {
    let (f, s) = (
        grouped(findings, "finding", "findings"),
        grouped(submissions, "submission", "submissions"),
    );
    text!(
        "Showing the submissions with {code}: {f} in {s}.",
        "仅显示含 {code} 的提交：共 {findings} 个问题，涉及 {submissions} 份提交。"
    )
}

/// The page narrowed to one market, `name` as shown.
pub fn showing_market(name: &str, failing: usize, submissions: usize) -> Text {
    text!(
        "Showing the submissions for {name}: {failing} of {submissions} failing.",
        "仅显示目标市场含 {name} 的提交：{submissions} 份中 {failing} 份未通过。"
    )
}

/// A configuration of the run and how many submissions it applied to, on the page.
pub fn config_submissions(name: &Text, submissions: usize) -> Text {
    let (en, zh) = sides(name);
    let subs = grouped(submissions, "submission", "submissions");
    text!("{en} ({subs})", "{zh}（{submissions} 份提交）")
}

/// The configurations past those the page names.
pub fn other_configs(submissions: usize) -> Text {
    let subs = grouped(submissions, "submission", "submissions");
    text!(
        "other configurations ({subs})",
        "其他配置（{submissions} 份提交）"
    )
}

/// The configurations of the page, each with its count.
pub fn config_list(each: &[Text]) -> Text {
    join(each, text!("; ", "；"))
}

// The language server.

/// The code action that applies every safe fix of a file.
pub fn apply_fixes(n: usize) -> Text {
    text!(
        "Apply selfcheck's safe fixes in this file ({n})",
        "应用 selfcheck 在此文件中的安全修复（{n} 处）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(t: Text) -> (String, String) {
        (t.get(Lang::En).to_owned(), t.get(Lang::Zh).to_owned())
    }

    #[test]
    fn english_counts_take_their_plural_and_chinese_none() {
        assert_eq!(
            both(fixes(1, 1, false)),
            (
                "Fixed 1 finding in 1 file.".into(),
                "已在 1 个文件中修复 1 个问题。".into()
            )
        );
        assert_eq!(
            both(fixes(3, 2, true)).0,
            "Would fix 3 findings in 2 files."
        );
        assert_eq!(
            both(failing(1, 3, Some(Severity::Warning))),
            (
                "1 of 3 submissions has errors or warnings.".into(),
                "3 份提交中有 1 份存在错误或警告。".into()
            )
        );
        assert_eq!(
            both(failing(0, 3, Some(Severity::Error))).0,
            "None of the 3 submissions has errors."
        );
        assert_eq!(
            both(more_breaks(1, Date::parse("2027-05-19", false).unwrap())).0,
            " — 1 more break by 2027-05-19"
        );
    }

    #[test]
    fn the_page_groups_thousands_where_it_did() {
        let c = Counts {
            error: 1234,
            warning: 1,
            info: 0,
        };
        assert_eq!(
            both(counts(c)),
            (
                "1,234 errors · 1 warning".into(),
                "错误 1,234 · 警告 1".into()
            )
        );
        assert_eq!(
            both(page_title(1234, 5)),
            (
                "selfcheck report: 5 of 1,234 submissions failing".into(),
                "selfcheck 检查报告：1234 份提交中 5 份未通过".into()
            )
        );
    }

    #[test]
    fn a_text_said_inside_a_phrase_keeps_its_fallback() {
        let title = Text {
            en: "a title".into(),
            zh: String::new(),
        };
        assert_eq!(both(failed_case(2, &title)).1, "2 项问题：a title");
        assert_eq!(
            both(rule_heading("AGY001", Severity::Info, &title)),
            (
                "AGY001 (info): a title".into(),
                "AGY001（提示）：a title".into()
            )
        );
    }
}
