//! Document rules SUB004/SUB005: attachments that lie outside the folder or do not open as a
//! scan; SUB006: placeholders of `selfcheck init` left in place. SUB001–SUB003 are raised while
//! loading (`load::findings`).

use super::Ctx;
use crate::code::Code;
use crate::finding::Text;
use crate::load::attachment::{AttachmentProblem, MAX_ATTACHMENT_BYTES};
use crate::load::tree::{Kind, Node};
use crate::source::{FileId, Span};
use std::collections::BTreeSet;

/// Written after every sample text value that only the seller can fill in (company name, store
/// id); SUB006 reports a value holding it. No real name or id contains it.
pub const TEXT_MARK: &str = "（请替换 / replace me）";

/// The template's sample USCC. A USCC has no room for [`TEXT_MARK`], so the code itself is the
/// mark: region 440300 (Shenzhen), then `REPLACEME` where the organisation code stands, and the
/// right check character, so that only SUB006 reports it. `REPLACEM` has the GB 11714 check
/// character `9`, not `E`, so no code ever issued has `REPLACEME` there.
pub const SAMPLE_USCC: &str = "91440300REPLACEMEX";

/// Where [`SAMPLE_USCC`] carries its mark: characters 9 to 17.
pub const USCC_MARK: (std::ops::Range<usize>, &str) = (8..17, "REPLACEME");

pub use crate::load::attachment::{SCAN_MARK, SCAN_MARK_WITHIN, is_placeholder_scan};

/// Whether a text value is one of the template's marked placeholders.
pub fn is_placeholder_text(value: &str) -> bool {
    // Asked of every text value: one shorter than a mark is passed over without a search.
    (value.len() >= TEXT_MARK.len() && value.contains(TEXT_MARK)) || is_sample_uscc(value)
}

/// Whether a value is a USCC carrying the template's mark (whatever its region or check
/// character).
pub fn is_sample_uscc(value: &str) -> bool {
    let (at, mark) = USCC_MARK;
    // The mark is ASCII: a value without it is passed over by a substring search.
    if value.len() < mark.len() || !value.contains(mark) {
        return false;
    }
    let value = value.trim();
    value.chars().count() == SAMPLE_USCC.len()
        && value.chars().skip(at.start).take(at.len()).eq(mark.chars())
}

/// SUB004: an attachment path that leaves the folder or leads nowhere.
pub(crate) fn attachment_is_inside_the_folder(ctx: &Ctx) {
    attachment_problems(ctx, Code::SUB004);
}

/// SUB005: an attachment that is not a readable PDF, JPEG or PNG scan.
pub(crate) fn attachment_opens_as_scan(ctx: &Ctx) {
    attachment_problems(ctx, Code::SUB005);
}

/// SUB006: a placeholder that `selfcheck init` wrote is still in place: a value carrying the
/// template's mark ([`is_placeholder_text`]), at the value, and a referenced scan
/// carrying the placeholder scan's mark, once per file at its first mention. Only the marks are
/// recognised, never a guess at what looks like sample data.
pub(crate) fn template_placeholder_is_replaced(ctx: &Ctx) {
    for name in crate::model::DOCUMENTS {
        if let Some((file, root)) = ctx.sub.tree(name) {
            marked_values(ctx, file, None, root);
        }
    }
    placeholder_scans(ctx);
}

/// What a marked value stands for, by the key that holds it.
enum Placeholder {
    CompanyName,
    Uscc,
    StoreId,
    Other,
}

impl Placeholder {
    fn of(key: Option<&str>) -> Placeholder {
        match key {
            Some("entity_name" | "consignor_name") => Placeholder::CompanyName,
            Some("uscc" | "consignor_uscc") => Placeholder::Uscc,
            Some("store_id") => Placeholder::StoreId,
            _ => Placeholder::Other,
        }
    }

    fn message(&self, key: Option<&str>) -> (Text, Text) {
        match self {
            Placeholder::CompanyName => (
                text!(
                    "this is still the template's sample company name",
                    "此处仍是模板的示例公司名称"
                ),
                text!(
                    "write the company name exactly as printed on the business licence",
                    "请按营业执照原样填写公司名称"
                ),
            ),
            Placeholder::Uscc => (
                text!(
                    "this is still the template's sample USCC",
                    "此处仍是模板的示例统一社会信用代码"
                ),
                text!(
                    "copy the 18-character unified social credit code (统一社会信用代码) from the business licence",
                    "请按营业执照抄录 18 位统一社会信用代码"
                ),
            ),
            Placeholder::StoreId => (
                text!(
                    "this is still the template's sample store ID",
                    "此处仍是模板的示例店铺 ID"
                ),
                text!(
                    "write the store ID shown in the seller centre, in quotes",
                    "请填写卖家后台显示的店铺 ID（加引号）"
                ),
            ),
            Placeholder::Other => {
                let key = key.unwrap_or("value");
                (
                    text!(
                        "`{key}` still holds the template's placeholder",
                        "`{key}` 仍是模板的占位内容"
                    ),
                    text!("replace it with your own value", "请替换为你自己的信息"),
                )
            }
        }
    }
}

/// Every string value below `node` that carries a template mark; `key` holds `node`.
fn marked_values(ctx: &Ctx, file: FileId, key: Option<&str>, node: &Node) {
    match &node.kind {
        Kind::Str(value) if is_placeholder_text(value) => {
            let (message, help) = Placeholder::of(key).message(key);
            ctx.report(Span::new(file, node.span.clone()), message)
                .help(help);
        }
        Kind::Seq(items) => {
            for item in items {
                marked_values(ctx, file, key, item);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                marked_values(ctx, file, Some(&k.text), v);
            }
        }
        _ => {}
    }
}

/// Referenced attachments that are the placeholder scans `init` wrote, each once. Whether a scan
/// is one was recorded when the loader inspected it (`Attachment::placeholder`): no file is read
/// again here.
fn placeholder_scans(ctx: &Ctx) {
    let mut seen = BTreeSet::new();
    ctx.sub.each_attachment_ref(|r| {
        let key = crate::load::attachment::normalized(&r.value);
        let placeholder = ctx
            .sub
            .attachments
            .get(&key)
            .is_some_and(|att| att.problem.is_none() && att.placeholder);
        if !placeholder || !seen.insert(key) {
            return;
        }
        let path = r.value.as_str();
        ctx.report(
            r.span,
            text!(
                "`{path}` is still the placeholder file that `selfcheck init` wrote",
                "`{path}` 仍是 `selfcheck init` 写入的占位文件"
            ),
        )
        .help(text!(
            "put the real scan (PDF, JPEG or PNG) at this path, or point the path to it",
            "请在此路径放入真实扫描件（PDF、JPEG 或 PNG），或将路径改为指向该扫描件"
        ));
    });
}

/// The attachments whose problem is `code`'s, each reported once, at its first mention.
fn attachment_problems(ctx: &Ctx, code: Code) {
    let mut reported = BTreeSet::new();
    ctx.sub.each_attachment_ref(|r| {
        let key = crate::load::attachment::normalized(&r.value);
        let Some(att) = ctx.sub.attachments.get(&key) else {
            return;
        };
        let Some(problem) = att.problem.as_ref().filter(|p| p.code() == code) else {
            return;
        };
        if !reported.insert(key) {
            return;
        }
        let (message, help) = attachment_message(problem, &r.value);
        let reported = ctx.report(r.span, message).help(help);
        // `\` → `/` is the one safe edit, and only in a YAML document (`--fix` never writes the
        // CSV).
        if let AttachmentProblem::Backslash { slashed } = problem {
            let source = ctx.sub.db.get(r.span.file);
            let written = source.slice(r.span);
            let replacement = crate::load::text::requoted(written, slashed)
                .filter(|_| source.rel_path.ends_with(".yaml"));
            if let Some(replacement) = replacement {
                reported.fix(text!("use `/`", "改用 `/`"), replacement);
            }
        }
    });
}

/// What is wrong with the attachment `path` (SUB004, SUB005), and what to do.
fn attachment_message(problem: &AttachmentProblem, path: &str) -> (Text, Text) {
    (problem_message(problem, path), problem_help(problem))
}

/// What is wrong with the attachment `path`.
fn problem_message(problem: &AttachmentProblem, path: &str) -> Text {
    match problem {
        AttachmentProblem::Absolute => text!(
            "`{path}` is an absolute path; it was not opened",
            "`{path}` 是绝对路径，未打开"
        ),
        AttachmentProblem::ParentDir => text!(
            "`{path}` leaves the submission folder (`..`); it was not opened",
            "`{path}` 指向提交文件夹之外（`..`），未打开"
        ),
        AttachmentProblem::Missing => text!("`{path}` does not exist", "`{path}` 不存在"),
        AttachmentProblem::Backslash { .. } => text!(
            "`{path}` separates folders with `\\`, which Linux and macOS read as part of the file name",
            "`{path}` 用 `\\` 分隔文件夹，Linux 和 macOS 会把它当作文件名的一部分"
        ),
        AttachmentProblem::CaseDiffers { .. } => text!(
            "`{path}` does not exist: file names are case-sensitive",
            "`{path}` 不存在：文件名区分大小写"
        ),
        AttachmentProblem::Outside => text!(
            "`{path}` links outside the submission folder; it was not opened",
            "`{path}` 链接到提交文件夹之外，未打开"
        ),
        AttachmentProblem::NotRegular(kind) => text!(
            "`{path}` is {kind}, not a file",
            "`{path}` 不是文件（{kind}）"
        ),
        AttachmentProblem::Empty => text!("`{path}` is empty", "`{path}` 是空文件"),
        AttachmentProblem::TooLarge(len) => {
            let mib = MAX_ATTACHMENT_BYTES / (1024 * 1024);
            let size = format!("{:.1}", *len as f64 / (1024.0 * 1024.0));
            text!(
                "`{path}` is {size} MiB, over the {mib} MiB limit",
                "`{path}` 大小 {size} MiB，超过 {mib} MiB 上限"
            )
        }
        AttachmentProblem::UnknownType => text!(
            "`{path}` is not a PDF, JPEG or PNG file by its content",
            "按内容判断，`{path}` 不是 PDF、JPEG 或 PNG 文件"
        ),
        AttachmentProblem::ExtensionMismatch { actual } => {
            let actual = actual.name();
            text!(
                "`{path}` is a {actual} file under another extension",
                "`{path}` 实际是 {actual} 文件，但扩展名不符"
            )
        }
        AttachmentProblem::EncryptedPdf => {
            text!("`{path}` is an encrypted PDF", "`{path}` 是加密的 PDF")
        }
        AttachmentProblem::Unreadable(e) => {
            text!("`{path}` cannot be read: {e}", "无法读取 `{path}`：{e}")
        }
    }
}

/// What to do about an attachment with `problem`.
fn problem_help(problem: &AttachmentProblem) -> Text {
    let within = text!(
        "use a path relative to the submission folder, e.g. `attachments/license.pdf`",
        "请使用相对于提交文件夹的路径，如 `attachments/license.pdf`"
    );
    let scan = text!(
        "attach the scan as a PDF, JPEG or PNG file",
        "请以 PDF、JPEG 或 PNG 文件附上扫描件"
    );
    match problem {
        AttachmentProblem::Absolute | AttachmentProblem::ParentDir => within,
        AttachmentProblem::Missing => text!(
            "add the file, or correct the path (paths are relative to the submission folder)",
            "请添加该文件或更正路径（路径相对于提交文件夹）"
        ),
        AttachmentProblem::Backslash { slashed } => {
            text!("use `/`: `{slashed}`", "请改用 `/`：`{slashed}`")
        }
        AttachmentProblem::CaseDiffers { actual } => text!(
            "did you mean `{actual}`? Windows and macOS find it under either case, CI on Linux does not",
            "是否应为 `{actual}`？Windows 和 macOS 不区分大小写能找到它，Linux 上的 CI 找不到"
        ),
        AttachmentProblem::Outside => text!(
            "copy the file into the folder",
            "请把文件复制到提交文件夹内"
        ),
        AttachmentProblem::NotRegular(_)
        | AttachmentProblem::Empty
        | AttachmentProblem::UnknownType => scan,
        AttachmentProblem::TooLarge(_) => text!(
            "scan at a lower resolution or compress the PDF",
            "请降低扫描分辨率或压缩 PDF"
        ),
        AttachmentProblem::ExtensionMismatch { .. } => {
            text!("rename it to match its content", "请按实际内容修改扩展名")
        }
        AttachmentProblem::EncryptedPdf => text!(
            "save an unencrypted copy; reviewers cannot open protected files",
            "请另存为未加密的副本；审核人员无法打开受保护的文件"
        ),
        AttachmentProblem::Unreadable(_) => {
            text!("check the file's permissions", "请检查文件权限")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test as it was first written: every character collected, then compared.
    fn is_sample_uscc_by_chars(value: &str) -> bool {
        let chars: Vec<char> = value.trim().chars().collect();
        let (at, mark) = USCC_MARK;
        chars.len() == SAMPLE_USCC.chars().count() && chars[at].iter().copied().eq(mark.chars())
    }

    #[test]
    fn the_sample_uscc_is_told_as_by_its_characters() {
        let mut values: Vec<String> = [
            SAMPLE_USCC,
            "91440300REPLACEME9",
            " 91440300REPLACEMEX\n",
            "９1440300REPLACEMEX",
            "华彩440300REPLACEMEX",
            "91440300REPLACEMEXX",
            "9144030REPLACEMEX",
            "91440300replacemeX",
            "REPLACEME",
            "91440300MA5FHC8K1M",
            "深圳市华彩科技有限公司",
            "",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Every shift of the mark inside 16 to 20 characters, with ASCII and wider neighbours.
        for fill in ["9", "华", "é", " "] {
            for before in 0..10 {
                for after in 0..10 {
                    values.push(format!(
                        "{}REPLACEME{}",
                        fill.repeat(before),
                        fill.repeat(after)
                    ));
                }
            }
        }
        for value in &values {
            assert_eq!(
                is_sample_uscc(value),
                is_sample_uscc_by_chars(value),
                "{value:?}"
            );
        }
        for value in &values {
            let marked = format!("{value}{TEXT_MARK}");
            assert!(is_placeholder_text(&marked), "{marked:?}");
            assert_eq!(
                is_placeholder_text(value),
                value.contains(TEXT_MARK) || is_sample_uscc_by_chars(value),
                "{value:?}"
            );
        }
        assert!(is_placeholder_text(TEXT_MARK) && !is_placeholder_text(&TEXT_MARK[3..]));
        assert!(is_sample_uscc(SAMPLE_USCC));
        assert!(is_sample_uscc("华华华华华华华华REPLACEME华"));
        assert!(!is_sample_uscc("91440300MA5FHC8K1M"));
    }
}
