//! Document rules SUB004/SUB005: attachments that lie outside the folder or do not open as a
//! scan. SUB001–SUB003 are raised while loading (`load::findings`).

use super::Ctx;
use crate::code::Code;
use crate::finding::Text;
use crate::load::attachment::{AttachmentProblem, MAX_ATTACHMENT_BYTES};
use crate::text;
use std::collections::BTreeSet;

/// SUB004: an attachment path that leaves the folder or leads nowhere.
pub(crate) fn attachment_is_inside_the_folder(ctx: &Ctx) {
    attachment_problems(ctx, Code::SUB004);
}

/// SUB005: an attachment that is not a readable PDF, JPEG or PNG scan.
pub(crate) fn attachment_opens_as_scan(ctx: &Ctx) {
    attachment_problems(ctx, Code::SUB005);
}

/// SUB006: a placeholder that `selfcheck init` wrote is still in place.
pub(crate) fn template_placeholder_is_replaced(_ctx: &Ctx) {
    // Filled in with issue 12's template markers.
}

/// The attachments whose problem is `code`'s, each reported once, at its first mention.
fn attachment_problems(ctx: &Ctx, code: Code) {
    let mut reported = BTreeSet::new();
    for r in ctx.sub.attachment_refs() {
        let key = crate::load::attachment::normalized(&r.value);
        let Some(att) = ctx.sub.attachments.get(&key) else {
            continue;
        };
        let Some(problem) = att.problem.as_ref().filter(|p| p.code() == code) else {
            continue;
        };
        if !reported.insert(key) {
            continue;
        }
        let (message, help) = attachment_message(problem, &r.value);
        ctx.report(r.span, message).help(help);
    }
}

fn attachment_message(problem: &AttachmentProblem, path: &str) -> (Text, Text) {
    let within = text!(
        "use a path relative to the submission folder, e.g. `attachments/license.pdf`",
        "请使用相对于提交文件夹的路径，如 `attachments/license.pdf`"
    );
    let scan = text!(
        "attach the scan as a PDF, JPEG or PNG file",
        "请以 PDF、JPEG 或 PNG 文件附上扫描件"
    );
    match problem {
        AttachmentProblem::Absolute => (
            text!(
                "`{path}` is an absolute path; it was not opened",
                "`{path}` 是绝对路径，未打开"
            ),
            within,
        ),
        AttachmentProblem::ParentDir => (
            text!(
                "`{path}` leaves the submission folder (`..`); it was not opened",
                "`{path}` 指向提交文件夹之外（`..`），未打开"
            ),
            within,
        ),
        AttachmentProblem::Missing => (
            text!("`{path}` does not exist", "`{path}` 不存在"),
            text!(
                "add the file, or correct the path (paths are relative to the submission folder)",
                "请添加该文件或更正路径（路径相对于提交文件夹）"
            ),
        ),
        AttachmentProblem::Outside => (
            text!(
                "`{path}` links outside the submission folder; it was not opened",
                "`{path}` 链接到提交文件夹之外，未打开"
            ),
            text!(
                "copy the file into the folder",
                "请把文件复制到提交文件夹内"
            ),
        ),
        AttachmentProblem::NotRegular(kind) => (
            text!(
                "`{path}` is {kind}, not a file",
                "`{path}` 不是文件（{kind}）"
            ),
            scan,
        ),
        AttachmentProblem::Empty => (text!("`{path}` is empty", "`{path}` 是空文件"), scan),
        AttachmentProblem::TooLarge(len) => {
            let mib = MAX_ATTACHMENT_BYTES / (1024 * 1024);
            let size = format!("{:.1}", *len as f64 / (1024.0 * 1024.0));
            (
                text!(
                    "`{path}` is {size} MiB, over the {mib} MiB limit",
                    "`{path}` 大小 {size} MiB，超过 {mib} MiB 上限"
                ),
                text!(
                    "scan at a lower resolution or compress the PDF",
                    "请降低扫描分辨率或压缩 PDF"
                ),
            )
        }
        AttachmentProblem::UnknownType => (
            text!(
                "`{path}` is not a PDF, JPEG or PNG file by its content",
                "按内容判断，`{path}` 不是 PDF、JPEG 或 PNG 文件"
            ),
            scan,
        ),
        AttachmentProblem::ExtensionMismatch { actual } => {
            let actual = actual.name();
            (
                text!(
                    "`{path}` is a {actual} file under another extension",
                    "`{path}` 实际是 {actual} 文件，但扩展名不符"
                ),
                text!("rename it to match its content", "请按实际内容修改扩展名"),
            )
        }
        AttachmentProblem::EncryptedPdf => (
            text!("`{path}` is an encrypted PDF", "`{path}` 是加密的 PDF"),
            text!(
                "save an unencrypted copy; reviewers cannot open protected files",
                "请另存为未加密的副本；审核人员无法打开受保护的文件"
            ),
        ),
        AttachmentProblem::Unreadable(e) => (
            text!("`{path}` cannot be read: {e}", "无法读取 `{path}`：{e}"),
            text!("check the file's permissions", "请检查文件权限"),
        ),
    }
}
