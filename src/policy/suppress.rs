//! Inline suppressions applied: each comment of the submission (`load::Suppressions`, read once
//! when it was loaded) marks the findings it covers. A suppressed finding stays in machine
//! outputs with its reason but does not count; a suppression that suppresses nothing is itself
//! reported (SEL001).

use crate::catalogue::Catalogue;
use crate::code::Code;
use crate::finding::{Finding, Place, Text};
use crate::load::Submission;
use crate::load::suppressions::suppressible;
use crate::load::typed::{Likeness, closest_by};
use crate::source::Span;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Marks the findings that a suppression covers, and reports suppressions that cover nothing
/// (SEL001): a code that names no rule of `catalogue` is told so, with the closest code
/// (`RET03` → `RET003`); a known code that fires nowhere on the line, as such.
pub fn apply(
    findings: &mut Vec<Finding>,
    sub: &Submission,
    catalogue: &Catalogue,
    not_run: &dyn Fn(&str) -> bool,
) {
    let comments = &sub.suppressions;
    if comments.is_empty() {
        return;
    }
    // Which code of each comment suppressed something.
    let mut used: Vec<Vec<bool>> = comments
        .all
        .iter()
        .map(|s| vec![false; s.codes.len()])
        .collect();
    for f in findings.iter_mut() {
        if let Some((i, at)) = comments.covering(&sub.db, f) {
            used[i][at] = true;
            f.suppression = Some(comments.all[i].reason.clone());
        } else if f.omitted > 0 && f.suppression.is_some() {
            // The summary of suppressed findings left out of a flood: the comments of its file
            // that name its rule suppressed them.
            for (i, s) in comments.all.iter().enumerate() {
                for (at, code) in s.codes.iter().enumerate() {
                    used[i][at] |= s.file == f.place.file() && f.code == code.as_str();
                }
            }
        }
    }
    for (s, used) in comments.all.iter().zip(&used) {
        if s.codes.is_empty() {
            findings.push(no_code(s.span));
            continue;
        }
        for code in s.codes.iter().filter(|c| !suppressible(c)) {
            findings.push(not_suppressible(s.span, code));
        }
        let unused = s
            .codes
            .iter()
            .zip(used)
            .filter(|(code, used)| !**used && !not_run(code) && suppressible(code))
            .map(|(c, _)| c.as_str());
        let (unknown, known): (Vec<&str>, Vec<&str>) =
            unused.partition(|code| catalogue.get(code).is_none());
        for code in unknown {
            findings.push(match catalogue.retirement(code) {
                Some(what) => retired_rule(s.span, code, what),
                None => no_such_rule(s.span, code, catalogue),
            });
        }
        if !known.is_empty() {
            let list = known
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            findings.push(
                Finding::new(
                    Code::SEL001,
                    s.span,
                    text!("suppresses {list}, but nothing here fires it", "屏蔽了 {list}，但此处并没有该问题"),
                )
                .help(text!(
                    "remove the code from the comment, or move the comment to the line of the finding (or the line above it)",
                    "请从注释中删除该代码，或把注释移到该问题所在行（或其上一行）"
                )),
            );
        }
    }
}

/// SEL001 for a comment naming a document finding (SUB001–SUB007), which no comment suppresses.
fn not_suppressible(span: Span, code: &str) -> Finding {
    Finding::new(
        Code::SEL001,
        span,
        text!(
            "`{code}` is a document finding: document findings are the agency's to relax, not an inline comment's",
            "`{code}` 是文档类问题：文档类问题只能由代理商放宽，行内注释无法屏蔽"
        ),
    )
    .help(text!(
        "fix the document so that it can be read; an agency's configuration may change the severity of `{code}`",
        "请修正文档使其可以读取；代理商的配置可以调整 `{code}` 的级别"
    ))
}

/// SEL001 for a comment that names no code at all.
fn no_code(span: Span) -> Finding {
    Finding::new(
        Code::SEL001,
        span,
        text!(
            "the comment names no code to suppress",
            "该注释没有写明要屏蔽的代码"
        ),
    )
    .help(text!(
        "name the codes to suppress, e.g. `# selfcheck: ignore[RET003] the reason`",
        "请写明要屏蔽的代码，例如 `# selfcheck: ignore[RET003] 原因`"
    ))
}

/// SEL001 for the code of a retired rule (`CHL008`): nothing fires it any more, and the help
/// says what became of it (`folded into CHL002`).
fn retired_rule(span: Span, code: &str, what: &Text) -> Finding {
    let (en, zh) = (&what.en, &what.zh);
    Finding::new(
        Code::SEL001,
        span,
        text!(
            "`{code}` is a retired rule: nothing fires it any more",
            "`{code}` 是已停用的规则，不会再报告任何问题"
        ),
    )
    .help(text!(
        "{code} was {en}; remove it from the comment",
        "{code} 已{zh}；请从注释中删除该代码"
    ))
}

/// SEL001 for a code that names no rule of the run (`RET03`), with the closest code.
fn no_such_rule(span: Span, code: &str, catalogue: &Catalogue) -> Finding {
    let finding = Finding::new(
        Code::SEL001,
        span,
        text!(
            "no rule has the code `{code}`",
            "没有代码为 `{code}` 的规则"
        ),
    );
    match closest_by(
        code,
        catalogue.entries.keys().map(String::as_str),
        Likeness::Code,
    ) {
        Some(near) => finding.help(text!("did you mean `{near}`?", "是否应为 `{near}`？")),
        None => finding.help(text!(
            "remove `{code}` from the comment; `selfcheck rules` lists every code",
            "请从注释中删除 `{code}`；`selfcheck rules` 列出了全部代码"
        )),
    }
}

/// With inline suppressions not honoured (`--no-inline-suppressions`, `inline_suppressions:
/// false`): for each finding a comment would have suppressed, the comment's reason, by the
/// finding's place and code. The findings count; reports show the comment they ignored.
pub fn ignored(findings: &[Finding], sub: &Submission) -> BTreeMap<(Place, String), Arc<str>> {
    let comments = &sub.suppressions;
    let mut out = BTreeMap::new();
    for f in findings {
        if let Some((i, _)) = comments.covering(&sub.db, f) {
            out.insert(
                (f.place, f.code.to_string()),
                comments.all[i].reason.clone(),
            );
        }
    }
    out
}
