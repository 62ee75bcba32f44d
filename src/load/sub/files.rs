//! The findings about a submission's files: SUB001 (a missing document, a folder that cannot
//! be read), SUB007 (a case twin), and SUB002 for a file that cannot be opened as text.

use crate::code::Code::{SUB001, SUB002, SUB007};
use crate::finding::{Finding, Place, Text};
use crate::load::attachment::FileProblem;
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
