//! Inline suppressions in YAML documents:
//!
//! ```yaml
//! postal_code: "28009"   # selfcheck: ignore[RET003] the warehouse asked for the bare code
//! # selfcheck: ignore[RET007, RET008] reviewed with the account manager
//! - market: ES
//! ```
//! A trailing comment covers its own line; a comment alone on its line covers the line below.
//! A suppressed finding stays in machine outputs with its reason but does not count; a
//! suppression that suppresses nothing is itself reported (SEL001).

use crate::catalogue::Catalogue;
use crate::code::Code;
use crate::finding::{Finding, Place, Text};
use crate::load::Submission;
use crate::load::tree::Node;
use crate::load::typed::{Likeness, closest_by};
use crate::source::{FileId, SourceDb, Span};
use std::collections::BTreeMap;

/// One `# selfcheck: ignore[...]` comment.
#[derive(Debug)]
struct Suppression {
    file: FileId,
    /// The 1-based line whose findings it covers.
    covers: usize,
    codes: Vec<String>,
    reason: String,
    span: Span,
    used: Vec<bool>,
}

/// The comments of the documents' text, each with its findings not yet marked.
fn suppressions<'a>(db: &SourceDb, tree: &dyn Fn(&str) -> Option<&'a Node>) -> Vec<Suppression> {
    crate::load::suppression_comments(db, tree)
        .into_iter()
        .map(|c| Suppression {
            file: c.file,
            covers: c.covers,
            used: vec![false; c.codes.len()],
            codes: c.codes,
            reason: c.reason,
            span: c.span,
        })
        .collect()
}

/// Marks the findings that a suppression covers, and reports suppressions that cover nothing
/// (SEL001): a code that names no rule of `catalogue` is told so, with the closest code
/// (`RET03` → `RET003`); a known code that fires nowhere on the line, as such.
pub fn apply(
    findings: &mut Vec<Finding>,
    sub: &Submission,
    catalogue: &Catalogue,
    not_run: &dyn Fn(&str) -> bool,
) {
    let db = &sub.db;
    let mut all = suppressions(db, &|name| sub.tree(name).map(|(_, node)| node));
    if all.is_empty() {
        return;
    }
    // The comments covering each line, so that a flood of comments is not quadratic.
    let mut by_line: BTreeMap<(FileId, usize), Vec<usize>> = BTreeMap::new();
    for (i, s) in all.iter().enumerate() {
        by_line.entry((s.file, s.covers)).or_default().push(i);
    }
    for f in findings.iter_mut() {
        let Place::Span(span) = f.place else { continue };
        let line = db.get(span.file).line_col(span.start as usize).0;
        for &i in by_line.get(&(span.file, line)).into_iter().flatten() {
            let s = &mut all[i];
            if let Some(i) = s.codes.iter().position(|c| f.code == c.as_str()) {
                s.used[i] = true;
                f.suppression = Some(s.reason.clone());
            }
        }
    }
    for s in &all {
        if s.codes.is_empty() {
            findings.push(no_code(s.span));
            continue;
        }
        let unused = s
            .codes
            .iter()
            .zip(&s.used)
            .filter(|(code, used)| !**used && !not_run(code))
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
pub fn ignored(findings: &[Finding], sub: &Submission) -> BTreeMap<(Place, String), String> {
    let db = &sub.db;
    let all = suppressions(db, &|name| sub.tree(name).map(|(_, node)| node));
    let mut out = BTreeMap::new();
    if all.is_empty() {
        return out;
    }
    let mut by_line: BTreeMap<(FileId, usize), Vec<&Suppression>> = BTreeMap::new();
    for s in &all {
        by_line.entry((s.file, s.covers)).or_default().push(s);
    }
    for f in findings {
        let Place::Span(span) = f.place else { continue };
        let line = db.get(span.file).line_col(span.start as usize).0;
        let on_line = by_line.get(&(span.file, line)).into_iter().flatten();
        if let Some(s) = on_line
            .copied()
            .find(|s| s.codes.iter().any(|c| f.code == c.as_str()))
        {
            out.insert((f.place, f.code.to_string()), s.reason.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_inside_a_text_value_is_not_a_comment() {
        let text = "a: \"28009 # selfcheck: ignore[RET002]\"\nb: 1  # selfcheck: ignore[RET003]\n";
        let root = crate::load::yaml::parse(text).unwrap();
        let mut db = SourceDb::default();
        db.add("returns.yaml", Some(text.into()));
        let s = suppressions(&db, &|_| Some(&root));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].codes, ["RET003"]);
    }

    #[test]
    fn trailing_and_own_line_comments_cover_the_right_line() {
        let mut db = SourceDb::default();
        db.add(
            "returns.yaml",
            Some("a: 1  # selfcheck: ignore[RET003] bare code requested\n# selfcheck: ignore[ret007,RET008]\nb: 2\nc: \"# selfcheck: not a comment\"\n".into()),
        );
        let s = suppressions(&db, &|_| None);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].covers, s[0].codes.clone(), s[0].reason.as_str()),
            (1, vec!["RET003".to_owned()], "bare code requested")
        );
        assert_eq!(
            (s[1].covers, s[1].codes.clone()),
            (3, vec!["RET007".to_owned(), "RET008".to_owned()])
        );
    }
}
