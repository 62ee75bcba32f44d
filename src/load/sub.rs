//! The findings the loader raises while reading a submission: SUB001 (a missing document),
//! SUB002 (a file or value that cannot be read) and SUB003 (an unknown field).

use crate::code::Code::{SUB001, SUB002, SUB003, SUB007};
use crate::finding::{Finding, Place, Text};
use crate::load::attachment::FileProblem;
use crate::load::tree::{MAX_NESTING, MAX_NODES, Node, ParseError, ParseErrorKind};
use crate::load::typed::{Problem, ProblemKind};
use crate::source::{FileId, Span};

/// SUB001: a required document is missing; `near` is a file beside it that was probably meant
/// to be it (`Submission.yaml`, `submission.yml`), named in the help.
pub fn missing_document(file: FileId, name: &str, near: Option<&str>) -> Finding {
    let finding = Finding::new(
        SUB001,
        Place::File(file),
        text!("`{name}` is missing", "缺少 `{name}`"),
    );
    match near {
        Some(near) if near.trim().eq_ignore_ascii_case(name) => finding.help(text!(
            "rename `{near}` to `{name}`: file names are case-sensitive, and CI on Linux does not find `{near}`",
            "请将 `{near}` 重命名为 `{name}`：文件名区分大小写，Linux 上的 CI 找不到 `{near}`"
        )),
        Some(near) => finding.help(text!(
            "rename `{near}` to `{name}`: selfcheck reads only that name",
            "请将 `{near}` 重命名为 `{name}`：selfcheck 只读取这个文件名"
        )),
        None => finding.help(text!(
            "add `{name}` to the submission folder (`selfcheck init` writes a template)",
            "在提交文件夹中添加 `{name}`（可用 `selfcheck init` 生成模板）"
        )),
    }
}

/// SUB001: the submission folder cannot be listed (permission denied), so none of its documents
/// can be checked. At `submission.yaml`, the document a submission is known by.
pub fn folder_unreadable(file: FileId, why: &Text) -> Finding {
    let Text { en, zh } = why;
    Finding::new(
        SUB001,
        Place::File(file),
        text!(
            "this submission folder cannot be read ({en}): none of its documents could be checked",
            "无法读取该提交文件夹（{zh}）：其中的文档均未能检查"
        ),
    )
    .help(text!(
        "give the folder and its files read permission for whoever runs selfcheck (an upload can carry a folder's mode), then lint again",
        "请为运行 selfcheck 的用户开放该文件夹及其文件的读取权限（上传的压缩包可能带有文件夹权限），然后重新检查"
    ))
}

/// SUB007: `twin` differs from the document `document` beside it only in letter case.
pub fn case_twin(file: FileId, twin: &str, document: &str) -> Finding {
    Finding::new(
        SUB007,
        Place::File(file),
        text!(
            "`{twin}` differs from `{document}` beside it only in letter case: reviewers on macOS and Windows see only one of the two",
            "`{twin}` 与同一文件夹中的 `{document}` 仅大小写不同：macOS 和 Windows 上的审核人员只能看到其中一个"
        ),
    )
    .help(text!(
        "keep `{document}` and remove `{twin}`, or merge what `{twin}` holds into `{document}`",
        "请保留 `{document}` 并删除 `{twin}`，或把 `{twin}` 的内容合并到 `{document}` 中"
    ))
}

/// SUB002 for a file that cannot be opened as text.
pub fn unreadable_file(file: FileId, why: FileProblem) -> Finding {
    let (message, help) = match why {
        FileProblem::Missing => (
            text!(
                "this is a link that leads nowhere",
                "这是一个指向不存在目标的链接"
            ),
            text!(
                "replace the link with the document itself",
                "请用文档本身替换该链接"
            ),
        ),
        FileProblem::NotRegular(kind) => (
            {
                let kind_zh = kind_zh(kind);
                text!(
                    "this is {kind}, not a regular file",
                    "这不是普通文件（而是{kind_zh}）"
                )
            },
            text!("replace it with the document itself", "请换成文档文件本身"),
        ),
        FileProblem::Outside => (
            text!(
                "this links to a file outside the submission folder; it was not read",
                "该链接指向提交文件夹之外的文件，未读取"
            ),
            text!(
                "copy the document into the folder",
                "请把文档复制到提交文件夹内"
            ),
        ),
        FileProblem::Io(e) => (
            // The system's reason is English; the Chinese message says what matters without it.
            text!("the file cannot be read: {e}", "无法读取该文件"),
            text!("check the file's permissions", "请检查文件权限"),
        ),
        FileProblem::TooLarge(limit) => {
            let mib = limit / (1024 * 1024);
            (
                text!("the file is larger than {mib} MiB", "文件超过 {mib} MiB"),
                text!(
                    "submission documents are small; check that this is the right file",
                    "提交文档通常很小，请确认文件是否正确"
                ),
            )
        }
        FileProblem::NotText(true) => (
            text!(
                "the file is not UTF-8 or GBK text",
                "文件不是 UTF-8 或 GBK 文本"
            ),
            text!(
                "save it as UTF-8: in Excel, File → Save As → “CSV UTF-8 (Comma delimited)”",
                "请另存为 UTF-8：在 Excel 中选择“文件 → 另存为 → CSV UTF-8（逗号分隔）”"
            ),
        ),
        FileProblem::NotText(false) => (
            text!("the file is not UTF-8 text", "文件不是 UTF-8 文本"),
            text!("save it as UTF-8", "请以 UTF-8 编码保存"),
        ),
    };
    Finding::new(SUB002, Place::File(file), message).help(help)
}

/// A kind of file that is not a regular one (`load::attachment`'s words), in Chinese.
fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "a FIFO" => "命名管道",
        "a socket" => "套接字",
        "a device" => "设备文件",
        "a folder" | "a directory" => "文件夹",
        "a link" | "a symbolic link" => "链接",
        _ => "特殊文件",
    }
}

/// SUB002 at a control character.
pub fn control_character(file: FileId, text: &str, at: usize) -> Finding {
    let c = text[at..].chars().next().unwrap_or('\0');
    let code = format!("U+{:04X}", c as u32);
    Finding::new(
        SUB002,
        Span::new(file, at..at + c.len_utf8()),
        text!(
            "control character {code} in the text",
            "文本中有控制字符 {code}"
        ),
    )
    .help(text!(
        "remove it; only tabs and line ends are allowed",
        "请删除；只允许制表符和换行"
    ))
}

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
    let syntax = |en: String, zh: String, help: Text| {
        (
            text!("YAML syntax error: {en}", "YAML 语法错误：{zh}"),
            help,
        )
    };
    match e.kind {
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
        ParseErrorKind::UnclosedQuote => syntax(
            "a quoted value is not closed".into(),
            "引号中的值缺少结尾的引号".into(),
            text!(
                "close the quote on the value's line (`\"CP 28009\"`), or remove the opening one",
                "请在值所在行补上结尾的引号（如 `\"CP 28009\"`），或删去开头的引号"
            ),
        ),
        ParseErrorKind::UnclosedBracket(open) => {
            let close = if open == '{' { '}' } else { ']' };
            syntax(
                format!("`{open}` is never closed"),
                format!("`{open}` 没有对应的 `{close}`"),
                text!(
                    "add the closing `{close}` at the end of the value",
                    "请在值的末尾补上 `{close}`"
                ),
            )
        }
        ParseErrorKind::MismatchedBracket { open, close } => syntax(
            format!("`{open}` is closed by `{close}`"),
            format!("`{open}` 被 `{close}` 关闭"),
            text!(
                "close `[` with `]` and `{{` with `}}`",
                "`[` 应以 `]` 关闭，`{{` 应以 `}}` 关闭"
            ),
        ),
        ParseErrorKind::StrayBracket => syntax(
            "this bracket closes nothing".into(),
            "此处的括号没有对应的开括号".into(),
            text!(
                "remove it, or add the opening bracket",
                "请删除它，或补上开括号"
            ),
        ),
        ParseErrorKind::Tab => syntax(
            "a tab in the indentation".into(),
            "缩进中有制表符".into(),
            text!("indent with spaces only", "请只用空格缩进"),
        ),
        ParseErrorKind::Indentation => syntax(
            "this line's indentation does not fit the lines above".into(),
            "这一行的缩进与上文不一致".into(),
            text!(
                "indent the entries of one mapping or list by the same number of spaces",
                "同一映射或列表中的条目请使用相同数量的空格缩进"
            ),
        ),
        ParseErrorKind::MissingColon => syntax(
            "a key without `:`".into(),
            "键后缺少 `:`".into(),
            text!(
                "write `key: value` with a colon and a space, or make the line a comment with `#`",
                "请写成 `键: 值`（冒号后加空格），或用 `#` 将该行改为注释"
            ),
        ),
        ParseErrorKind::MappingNotAllowed => syntax(
            "a `key: value` cannot start here".into(),
            "此处不能开始 `键: 值`".into(),
            text!(
                "check this line's indentation against the line above, and that the line above has its `:`; quote a value that holds `: `",
                "请对照上一行检查本行的缩进，并确认上一行有 `:`；值中含有 `: ` 时请加引号"
            ),
        ),
        ParseErrorKind::ColonInBrackets => syntax(
            "a `[…]` or `{…}` is not closed, or its entries lack `,`".into(),
            "`[…]` 或 `{…}` 没有闭合，或条目之间缺少 `,`".into(),
            text!(
                "close the brackets on the value's line and separate the entries with `, `",
                "请在值所在行闭合括号，条目之间用 `, ` 分隔"
            ),
        ),
        ParseErrorKind::ListAndMappingMixed => syntax(
            "a list entry and a key at the same level".into(),
            "同一层级中混用了列表条目和键".into(),
            text!(
                "at one level write either `- ` entries or `key: value` lines; check the indentation",
                "同一层级只能全部是 `- ` 条目或全部是 `键: 值`；请检查缩进"
            ),
        ),
        ParseErrorKind::ReservedCharacter(c) => syntax(
            format!("a value cannot start with `{c}`"),
            format!("值不能以 `{c}` 开头"),
            text!(
                "put the value in quotes: `\"{c}…\"`",
                "请给该值加上引号：`\"{c}…\"`"
            ),
        ),
        ParseErrorKind::UnknownAnchor => syntax(
            "this alias `*…` names no anchor `&…` defined before it".into(),
            "别名 `*…` 引用的锚点 `&…` 未在其前面定义".into(),
            text!(
                "define the anchor (`&name`) before using `*name`, or write the value out",
                "请先用 `&名称` 定义锚点再用 `*名称` 引用，或直接写出该值"
            ),
        ),
        ParseErrorKind::BadEscape => syntax(
            "a backslash escape that double quotes do not allow".into(),
            "双引号中有不允许的反斜杠转义".into(),
            text!(
                "write the value in single quotes, or double the backslash (`\\\\`)",
                "请改用单引号，或将反斜杠写成两个（`\\\\`）"
            ),
        ),
        ParseErrorKind::CommentNotSeparated => syntax(
            "a `#` comment needs a space before it".into(),
            "`#` 注释前需要一个空格".into(),
            text!(
                "put a space before `#`, or quote the value if `#` belongs to it",
                "请在 `#` 前加空格；若 `#` 是值的一部分，请给值加引号"
            ),
        ),
        ParseErrorKind::UnexpectedEnd => syntax(
            "the file ends in the middle of a value".into(),
            "文件在一个值的中间结束".into(),
            text!(
                "complete the value, and close its quotes and brackets",
                "请补全该值，并闭合其引号和括号"
            ),
        ),
        ParseErrorKind::BadMerge => syntax(
            "`<<` merges only a mapping or a list of mappings".into(),
            "`<<` 只能合并映射或映射列表".into(),
            text!(
                "point `<<` at an anchored mapping (`<<: *defaults`)",
                "请让 `<<` 引用带锚点的映射（`<<: *defaults`）"
            ),
        ),
        ParseErrorKind::Other => {
            let help = text!(
                "check indentation, quotes and brackets near this place",
                "请检查此处附近的缩进、引号和括号"
            );
            match offset.map(|o| line_col(text, o)) {
                Some((line, col)) => syntax(
                    format!("the text cannot be read as YAML at line {line}, column {col}"),
                    format!("第 {line} 行第 {col} 列无法按 YAML 读取"),
                    help,
                ),
                None => syntax(
                    "the text cannot be read as YAML".into(),
                    "文本无法按 YAML 读取".into(),
                    help,
                ),
            }
        }
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

/// SUB002: a header of a table of declarations that selfcheck does not know, standing where a
/// column the rules need is missing; its values are not read. Names the header it most likely
/// means (the missing column's).
pub fn unknown_column(span: Span, name: &str, expected: Option<&str>) -> Finding {
    let message = if name.is_empty() {
        text!(
            "a column without a header: its values are not read",
            "该列没有表头：其值不会被读取"
        )
    } else {
        text!(
            "unknown column `{name}`: its values are not read",
            "未知列 `{name}`：该列的值不会被读取"
        )
    };
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
    .title(super::text::value_title())
    .help(text!(
        "dates are written YYYY-MM-DD (`declarations.csv` also takes YYYY/MM/DD and YYYYMMDD)",
        "日期写作 YYYY-MM-DD（`declarations.csv` 也接受 YYYY/MM/DD 和 YYYYMMDD）"
    ))
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
    let message = if name.is_empty() {
        text!(
            "a column without a header: its values are not read",
            "该列没有表头：其值不会被读取"
        )
    } else {
        text!(
            "unknown column `{name}`: its values are not read",
            "未知列 `{name}`：该列的值不会被读取"
        )
    };
    let f = Finding::new(SUB003, span, message).title(text!("unknown column", "未知列"));
    match closest {
        Some(c) => f.help(text!("did you mean `{c}`?", "是否应为 `{c}`？")),
        None => f.help(text!(
            "name the column as in the documentation (`number`, `direction`, `declared_on`, `consignor_name`, `consignor_uscc`, `scan`, their Chinese names, or the Single Window export's), or remove it",
            "请按文档命名该列（`报关单号`、`进出口标志`、`申报日期`、`境内发货人`、`境内发货人统一社会信用代码`、`附件`、对应英文名或单一窗口导出的列名），或删除该列"
        )),
    }
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
