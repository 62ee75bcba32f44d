//! SUB002 for a YAML document that cannot be read: its syntax, its limits, or a top level that
//! is not a mapping of keys. Every message comes from the error's kind, in both languages.

use crate::code::Code::SUB002;
use crate::finding::{Finding, Place, Text};
use crate::load::tree::{MAX_NESTING, MAX_NODES, Node, ParseError, ParseErrorKind};
use crate::source::{FileId, Span};

/// SUB002 for YAML that cannot be parsed as one document within the limits.
pub fn yaml_error(file: FileId, text: &str, e: &ParseError) -> Finding {
    // A second document is reported where it starts; point at its `---` separator instead.
    let offset = match (e.kind, e.offset) {
        (ParseErrorKind::MultipleDocuments, Some(o)) => {
            text[..o].rfind("\n---").map(|i| i + 1).or(Some(o))
        }
        (_, o) => o,
    };
    let span = match offset {
        Some(o) if text[o..].starts_with("---") => Span::new(file, o..o + 3),
        Some(o) => {
            let len = text[o..].chars().next().map_or(0, char::len_utf8);
            Span::new(file, o..o + len)
        }
        None => Span::new(file, 0..0),
    };
    let (message, help) = yaml_error_text(e, text, offset);
    Finding::new(SUB002, span, message).help(help)
}

/// What a YAML error is and what to do, in both languages: from the error's kind, never the
/// parser's English.
fn yaml_error_text(e: &ParseError, text: &str, offset: Option<usize>) -> (Text, Text) {
    if let Some(told) = document_error(e) {
        return told;
    }
    let (en, zh, help) = delimiter_error(e.kind)
        .or_else(|| layout_error(e.kind))
        .or_else(|| value_error(e.kind))
        .unwrap_or_else(|| unnamed_error(text, offset));
    (
        text!("YAML syntax error: {en}", "YAML 语法错误：{zh}"),
        help,
    )
}

/// What a syntax error is, in English and in Chinese, and what to do.
type Syntax = (String, String, Text);

/// An error of the document as a whole rather than of its syntax: a key twice in a mapping,
/// more than one document, past the limits of nodes or nesting.
fn document_error(e: &ParseError) -> Option<(Text, Text)> {
    Some(match e.kind {
        ParseErrorKind::DuplicateKey => (
            match &e.key {
                Some(key) => text!(
                    "the key `{key}` appears twice in this mapping",
                    "键 `{key}` 在同一映射中出现了两次"
                ),
                None => text!(
                    "a key appears twice in this mapping",
                    "同一映射中有重复的键"
                ),
            },
            text!(
                "keep one of the two entries; YAML keeps only one of them silently",
                "只保留其中一个；YAML 会静默丢弃其一"
            ),
        ),
        ParseErrorKind::MultipleDocuments => (
            text!(
                "more than one YAML document in the file",
                "文件中有多个 YAML 文档"
            ),
            text!(
                "keep one document per file (remove `---`)",
                "每个文件只保留一个文档（删除 `---`）"
            ),
        ),
        ParseErrorKind::TooManyNodes => (
            text!(
                "the document expands to more than {MAX_NODES} nodes (aliases nested in aliases?)",
                "文档展开后超过 {MAX_NODES} 个节点（别名是否层层嵌套？）"
            ),
            text!(
                "write the values out instead of nesting aliases",
                "请直接写出值，不要嵌套别名"
            ),
        ),
        ParseErrorKind::TooDeep => (
            text!(
                "nesting deeper than {MAX_NESTING} levels",
                "嵌套超过 {MAX_NESTING} 层"
            ),
            text!("flatten the structure", "请减少嵌套层级"),
        ),
        _ => return None,
    })
}

/// A syntax error of quotes and brackets.
fn delimiter_error(kind: ParseErrorKind) -> Option<Syntax> {
    Some(match kind {
        ParseErrorKind::UnclosedQuote => (
            "a quoted value is not closed".into(),
            "引号中的值缺少结尾的引号".into(),
            text!(
                "close the quote on the value's line (`\"CP 28009\"`), or remove the opening one",
                "请在值所在行补上结尾的引号（如 `\"CP 28009\"`），或删去开头的引号"
            ),
        ),
        ParseErrorKind::UnclosedBracket(open) => {
            let close = if open == '{' { '}' } else { ']' };
            (
                format!("`{open}` is never closed"),
                format!("`{open}` 没有对应的 `{close}`"),
                text!(
                    "add the closing `{close}` at the end of the value",
                    "请在值的末尾补上 `{close}`"
                ),
            )
        }
        ParseErrorKind::MismatchedBracket { open, close } => (
            format!("`{open}` is closed by `{close}`"),
            format!("`{open}` 被 `{close}` 关闭"),
            text!(
                "close `[` with `]` and `{{` with `}}`",
                "`[` 应以 `]` 关闭，`{{` 应以 `}}` 关闭"
            ),
        ),
        ParseErrorKind::StrayBracket => (
            "this bracket closes nothing".into(),
            "此处的括号没有对应的开括号".into(),
            text!(
                "remove it, or add the opening bracket",
                "请删除它，或补上开括号"
            ),
        ),
        ParseErrorKind::ColonInBrackets => (
            "a `[…]` or `{…}` is not closed, or its entries lack `,`".into(),
            "`[…]` 或 `{…}` 没有闭合，或条目之间缺少 `,`".into(),
            text!(
                "close the brackets on the value's line and separate the entries with `, `",
                "请在值所在行闭合括号，条目之间用 `, ` 分隔"
            ),
        ),
        ParseErrorKind::BadEscape => (
            "a backslash escape that double quotes do not allow".into(),
            "双引号中有不允许的反斜杠转义".into(),
            text!(
                "write the value in single quotes, or double the backslash (`\\\\`)",
                "请改用单引号，或将反斜杠写成两个（`\\\\`）"
            ),
        ),
        _ => return None,
    })
}

/// A syntax error of the lines' layout: indentation, tabs, colons, comments.
fn layout_error(kind: ParseErrorKind) -> Option<Syntax> {
    Some(match kind {
        ParseErrorKind::Tab => (
            "a tab in the indentation".into(),
            "缩进中有制表符".into(),
            text!("indent with spaces only", "请只用空格缩进"),
        ),
        ParseErrorKind::Indentation => (
            "this line's indentation does not fit the lines above".into(),
            "这一行的缩进与上文不一致".into(),
            text!(
                "indent the entries of one mapping or list by the same number of spaces",
                "同一映射或列表中的条目请使用相同数量的空格缩进"
            ),
        ),
        ParseErrorKind::MissingColon => (
            "a key without `:`".into(),
            "键后缺少 `:`".into(),
            text!(
                "write `key: value` with a colon and a space, or make the line a comment with `#`",
                "请写成 `键: 值`（冒号后加空格），或用 `#` 将该行改为注释"
            ),
        ),
        ParseErrorKind::MappingNotAllowed => (
            "a `key: value` cannot start here".into(),
            "此处不能开始 `键: 值`".into(),
            text!(
                "check this line's indentation against the line above, and that the line above has its `:`; quote a value that holds `: `",
                "请对照上一行检查本行的缩进，并确认上一行有 `:`；值中含有 `: ` 时请加引号"
            ),
        ),
        ParseErrorKind::ListAndMappingMixed => (
            "a list entry and a key at the same level".into(),
            "同一层级中混用了列表条目和键".into(),
            text!(
                "at one level write either `- ` entries or `key: value` lines; check the indentation",
                "同一层级只能全部是 `- ` 条目或全部是 `键: 值`；请检查缩进"
            ),
        ),
        ParseErrorKind::CommentNotSeparated => (
            "a `#` comment needs a space before it".into(),
            "`#` 注释前需要一个空格".into(),
            text!(
                "put a space before `#`, or quote the value if `#` belongs to it",
                "请在 `#` 前加空格；若 `#` 是值的一部分，请给值加引号"
            ),
        ),
        _ => return None,
    })
}

/// A syntax error of a value: how it starts, an alias, a merge, the end of the file.
fn value_error(kind: ParseErrorKind) -> Option<Syntax> {
    Some(match kind {
        ParseErrorKind::ReservedCharacter(c) => (
            format!("a value cannot start with `{c}`"),
            format!("值不能以 `{c}` 开头"),
            text!(
                "put the value in quotes: `\"{c}…\"`",
                "请给该值加上引号：`\"{c}…\"`"
            ),
        ),
        ParseErrorKind::UnknownAnchor => (
            "this alias `*…` names no anchor `&…` defined before it".into(),
            "别名 `*…` 引用的锚点 `&…` 未在其前面定义".into(),
            text!(
                "define the anchor (`&name`) before using `*name`, or write the value out",
                "请先用 `&名称` 定义锚点再用 `*名称` 引用，或直接写出该值"
            ),
        ),
        ParseErrorKind::UnexpectedEnd => (
            "the file ends in the middle of a value".into(),
            "文件在一个值的中间结束".into(),
            text!(
                "complete the value, and close its quotes and brackets",
                "请补全该值，并闭合其引号和括号"
            ),
        ),
        ParseErrorKind::BadMerge => (
            "`<<` merges only a mapping or a list of mappings".into(),
            "`<<` 只能合并映射或映射列表".into(),
            text!(
                "point `<<` at an anchored mapping (`<<: *defaults`)",
                "请让 `<<` 引用带锚点的映射（`<<: *defaults`）"
            ),
        ),
        _ => return None,
    })
}

/// A syntax error without words of its own (`Other`): where the text stops reading as YAML.
fn unnamed_error(text: &str, offset: Option<usize>) -> Syntax {
    let help = text!(
        "check indentation, quotes and brackets near this place",
        "请检查此处附近的缩进、引号和括号"
    );
    match offset.map(|o| line_col(text, o)) {
        Some((line, col)) => (
            format!("the text cannot be read as YAML at line {line}, column {col}"),
            format!("第 {line} 行第 {col} 列无法按 YAML 读取"),
            help,
        ),
        None => (
            "the text cannot be read as YAML".into(),
            "文本无法按 YAML 读取".into(),
            help,
        ),
    }
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// SUB002 for a document that is empty.
pub fn empty_document(file: FileId) -> Finding {
    Finding::new(
        SUB002,
        Place::File(file),
        text!("the document is empty", "文档为空"),
    )
    .help(text!("fill in the document", "请填写该文档"))
}

/// SUB002 for a document whose top level is not a mapping of keys.
pub fn not_a_mapping(file: FileId, node: &Node) -> Finding {
    if matches!(node.kind, crate::load::tree::Kind::Null) {
        return empty_document(file);
    }
    let found = node.kind_name();
    let found_zh = match found {
        "null" => "空值",
        "a boolean" => "布尔值",
        "an integer" => "整数",
        "a number" => "数字",
        "a string" => "文本",
        "a list" => "列表",
        _ => "其他类型",
    };
    Finding::new(
        SUB002,
        Span::new(file, node.span.clone()),
        text!(
            "the document is {found}; a mapping of keys was expected",
            "文档顶层应为键值映射，实际为{found_zh}"
        ),
    )
}
