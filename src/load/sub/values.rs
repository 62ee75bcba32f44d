//! The findings about values read into a document's types: SUB002 (a value not of its field's
//! form, an entry without its key) and SUB003 (an unknown field).

use crate::code::Code::{SUB002, SUB003};
use crate::finding::{Finding, Text};
use crate::load::typed::{Problem, ProblemKind};
use crate::source::{FileId, Span};

/// SUB002 or SUB003 for a problem met while reading a document into its types.
pub fn problem(file: FileId, p: Problem) -> Finding {
    let span = Span::new(file, p.span);
    match p.kind {
        ProblemKind::WrongValue { expected, found } => {
            let (expected_en, expected_zh) = (&expected.en, zh_after(&expected.zh));
            let message = if found.en.is_empty() {
                text!("expected {expected_en}", "应为{expected_zh}")
            } else {
                let (found_en, found_zh) = (&found.en, zh_after(&found.zh));
                text!(
                    "expected {expected_en}, found {found_en}",
                    "应为{expected_zh}，实际为{found_zh}"
                )
            };
            Finding::new(SUB002, span, message)
                .title(crate::load::text::value_title())
                .help(text!(
                    "write the value in the form this field takes",
                    "请按该字段的格式填写"
                ))
        }
        ProblemKind::MissingKey(key) => missing_key(span, key),
        ProblemKind::EmptyEntry => Finding::new(
            SUB002,
            span,
            text!("this list entry is empty", "该列表条目为空"),
        )
        .help(text!(
            "fill in the entry, or remove the `-`",
            "请填写该条目，或删除 `-`"
        )),
        ProblemKind::UnknownKey { key, suggestion } => unknown_field(span, &key, suggestion),
    }
}

/// SUB002 for an entry without the key that identifies it.
pub fn missing_key(span: Span, key: &str) -> Finding {
    Finding::new(
        SUB002,
        span,
        text!("this entry has no `{key}`", "该条目缺少 `{key}`"),
    )
    .help(text!("add `{key}` to the entry", "请为该条目添加 `{key}`"))
}

/// SUB002 for a value that is not of the field's form.
pub fn wrong_value(span: Span, found: &str, expected_en: &str, expected_zh: &str) -> Finding {
    Finding::new(
        SUB002,
        span,
        text!(
            "expected {expected_en}, found {found}",
            "应为 {expected_zh}，实际为 {found}"
        ),
    )
    .title(crate::load::text::value_title())
}

/// SUB002 at a place, with a specific message.
pub fn unreadable_at(span: Span, message: Text) -> Finding {
    Finding::new(SUB002, span, message)
}

/// SUB002: a date written in a form the document does not take (`2026/8/21`, `2026年8月21日`),
/// which reads as `date`: its ISO form is what to write. `document` names what takes dates
/// (`the CSV`, `CSV` in Chinese).
pub fn date_written_otherwise(
    span: Span,
    written: &str,
    date: crate::model::Date,
    document: &str,
    document_zh: &str,
) -> Finding {
    Finding::new(
        SUB002,
        span,
        text!(
            "`{written}` is not a date {document} takes: write `{date}`",
            "`{written}` 不是 {document_zh} 接受的日期格式：请写作 `{date}`"
        ),
    )
    .title(crate::load::text::value_title())
    .help(text!(
        "dates are written YYYY-MM-DD (`declarations.csv` also takes YYYY/MM/DD and YYYYMMDD)",
        "日期写作 YYYY-MM-DD（`declarations.csv` 也接受 YYYY/MM/DD 和 YYYYMMDD）"
    ))
}

/// SUB003: an unknown field, with the closest known name.
pub fn unknown_field(span: Span, key: &str, suggestion: Option<&str>) -> Finding {
    let f = Finding::new(
        SUB003,
        span,
        text!("unknown field `{key}`", "未知字段 `{key}`"),
    );
    match suggestion {
        Some(s) => f.help(text!("did you mean `{s}`?", "是否应为 `{s}`？")),
        None => f.help(text!(
            "remove it, or check the spelling against the documentation",
            "请删除，或对照文档检查拼写"
        )),
    }
}

/// `words` as they follow a Chinese word: directly after it when they start with a Chinese
/// character (`应为整数`), after a space when they start with a code, a number or a quote
/// (`应为 \`true\` 或 \`false\``).
fn zh_after(words: &str) -> String {
    let cjk =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c);
    match words.chars().next() {
        Some(c) if cjk(c) => words.to_owned(),
        _ => format!(" {words}"),
    }
}
