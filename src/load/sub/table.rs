//! The findings about the header of a table of declarations (`declarations.csv`,
//! `declarations.xlsx`): SUB002 for a column the rules need that is missing or unknown, SUB003
//! for a header selfcheck does not know.

use crate::code::Code::{SUB002, SUB003};
use crate::finding::Finding;
use crate::source::Span;

/// That the column headed `name` (empty: no header) is not read.
fn unread_column(name: &str) -> crate::finding::Text {
    if name.is_empty() {
        text!(
            "a column without a header: its values are not read",
            "该列没有表头：其值不会被读取"
        )
    } else {
        text!(
            "unknown column `{name}`: its values are not read",
            "未知列 `{name}`：该列的值不会被读取"
        )
    }
}

/// SUB002: a header of a table of declarations that selfcheck does not know, standing where a
/// column the rules need is missing; its values are not read. Names the header it most likely
/// means (the missing column's).
pub fn unknown_column(span: Span, name: &str, expected: Option<&str>) -> Finding {
    let message = unread_column(name);
    let f = Finding::new(SUB002, span, message);
    match expected {
        Some(e) => f.help(text!(
            "rename the header to `{e}`",
            "请将表头改为 `{e}`"
        )),
        None => f.help(text!(
            "name the column as in the documentation (`number`, `direction`, `declared_on`, `consignor_name`, `consignor_uscc`, `scan`, or their Chinese names), or remove it",
            "请按文档命名该列（`报关单号`、`进出口标志`、`申报日期`、`境内发货人`、`境内发货人统一社会信用代码`、`附件` 或对应英文名），或删除该列"
        )),
    }
}

/// SUB002: the `declarations.csv` header has no column for a value the rules need; every row is
/// read without it.
pub fn missing_column(span: Span, en: &str, zh: &str) -> Finding {
    Finding::new(
        SUB002,
        span,
        text!("the header has no `{en}` column", "表头缺少 `{zh}` 列"),
    )
    .help(text!(
        "add the column `{en}` (or `{zh}`) and fill it in on every row",
        "请添加 `{zh}`（或 `{en}`）列，并逐行填写"
    ))
}

/// SUB003: a header of a table of declarations that names no column selfcheck knows: its values
/// are not read; the closest known header, if any.
pub fn unknown_header(span: Span, name: &str, closest: Option<&str>) -> Finding {
    let message = unread_column(name);
    let f = Finding::new(SUB003, span, message).title(text!("unknown column", "未知列"));
    match closest {
        Some(c) => f.help(text!("did you mean `{c}`?", "是否应为 `{c}`？")),
        None => f.help(text!(
            "name the column as in the documentation (`number`, `direction`, `declared_on`, `consignor_name`, `consignor_uscc`, `scan`, their Chinese names, or the Single Window export's), or remove it",
            "请按文档命名该列（`报关单号`、`进出口标志`、`申报日期`、`境内发货人`、`境内发货人统一社会信用代码`、`附件`、对应英文名或单一窗口导出的列名），或删除该列"
        )),
    }
}
