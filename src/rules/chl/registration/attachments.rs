//! Challenge attachments CHL004, CHL005: the health-score screenshot and the commitment letter
//! are named and of the right kind.

use crate::finding::Text;
use crate::load::attachment::{FileKind, normalized};
use crate::load::typed::Field;
use crate::model::ChallengeAttachments;
use crate::rules::{Ctx, key_place};

/// A registration attachment that `submission.yaml` must name, and the kinds it may be.
struct RequiredAttachment {
    key: &'static str,
    pick: fn(&ChallengeAttachments) -> &Field<String>,
    accepted: &'static [FileKind],
    /// What the attachment is, e.g. "the sealed commitment letter".
    what: Text,
    /// The accepted kinds in words, e.g. "a PDF".
    kinds: Text,
    /// How to produce it and an example path.
    help: Text,
}

/// CHL004: `attachments.health_score_screenshot` names a PNG or JPEG image.
pub(crate) fn health_score_screenshot_is_an_image(ctx: &Ctx) {
    required_attachment(
        ctx,
        &RequiredAttachment {
            key: "health_score_screenshot",
            pick: |a| &a.health_score_screenshot,
            accepted: &[FileKind::Png, FileKind::Jpeg],
            what: text!(
                "the screenshot of the 3-month store health score",
                "近 3 个月店铺健康分截图",
            ),
            kinds: text!("a PNG or JPEG image", "PNG 或 JPEG 图片"),
            help: text!(
                "save a screenshot of the 3-month store health score as PNG or JPEG under `attachments/` and give its path, e.g. `health_score_screenshot: attachments/health-score.png`",
                "请将近 3 个月店铺健康分截图保存为 PNG 或 JPEG 图片，放入 `attachments/`，并填写路径，例如 `health_score_screenshot: attachments/health-score.png`",
            ),
        },
    );
}

/// CHL005: `attachments.commitment_letter` names a PDF.
pub(crate) fn commitment_letter_is_a_pdf(ctx: &Ctx) {
    required_attachment(
        ctx,
        &RequiredAttachment {
            key: "commitment_letter",
            pick: |a| &a.commitment_letter,
            accepted: &[FileKind::Pdf],
            what: text!("the sealed commitment letter", "盖章的承诺函"),
            kinds: text!("a PDF", "PDF 文件"),
            help: text!(
                "sign and seal the commitment letter, scan it to PDF, put it under `attachments/` and give its path, e.g. `commitment_letter: attachments/commitment-letter.pdf`",
                "请签署承诺函并加盖公章，扫描为 PDF，放入 `attachments/`，并填写路径，例如 `commitment_letter: attachments/commitment-letter.pdf`",
            ),
        },
    );
}

fn required_attachment(ctx: &Ctx, spec: &RequiredAttachment) {
    let Some(doc) = ctx.sub.challenge.as_ref() else {
        return;
    };
    let (key, what_en, what_zh) = (spec.key, &spec.what.en, &spec.what.zh);
    let path = match &doc.data.attachments {
        Field::Invalid(_) => return,
        Field::Absent => None,
        Field::Present(attachments) => match (spec.pick)(&attachments.value) {
            Field::Invalid(_) => return,
            Field::Absent => None,
            Field::Present(path) => Some(path),
        },
    };
    let finding = match path {
        None => ctx.report(
            key_place(doc, "attachments"),
            text!(
                "no `attachments.{key}`: {what_en} is not given",
                "没有 `attachments.{key}`：未提供{what_zh}"
            ),
        ),
        Some(path) if path.value.trim().is_empty() => ctx.report(
            path.span,
            text!(
                "`{key}` is empty: {what_en} is not given",
                "`{key}` 为空：未提供{what_zh}"
            ),
        ),
        Some(path) => {
            let Some(attachment) = ctx.sub.attachments.get(&normalized(&path.value)) else {
                return;
            };
            // SUB004/SUB005 report a path that could not be inspected or is not acceptable.
            if attachment.problem.is_some() {
                return;
            }
            let Some(kind) = attachment.kind.filter(|k| !spec.accepted.contains(k)) else {
                return;
            };
            let (written, kind, kinds_en, kinds_zh) = (
                path.value.trim(),
                kind.name(),
                &spec.kinds.en,
                &spec.kinds.zh,
            );
            ctx.report(
                path.span,
                text!(
                    "`{written}` is a {kind} file, not {kinds_en}",
                    "`{written}` 是 {kind} 文件，不是 {kinds_zh}"
                ),
            )
        }
    };
    finding.help(spec.help.clone());
}
