//! LIC004: the licence is valid until a review started on the as-of date ends, six working days
//! later; and the date from which it no longer is, for the forecast.

use crate::model::{Date, ValidUntil};
use crate::rules::{Ctx, document_field};

/// LIC004: the review takes this many working days (Monday to Friday) after the as-of date
/// (the programme: 5.2 working days on average); the licence must be valid until it ends.
pub const REVIEW_WORKING_DAYS: i64 = 6;

/// The last day of a review that starts on `as_of`: [`REVIEW_WORKING_DAYS`] working days later.
pub fn end_of_review(as_of: Date) -> Date {
    as_of.add_working_days(REVIEW_WORKING_DAYS)
}

/// The first as-of date on which a licence valid until `until` fails LIC004: the review would
/// end after it. [`end_of_review`] never goes back as the as-of date moves on, and lies at most
/// ten calendar days ahead.
pub fn licence_fails_from(until: Date) -> Date {
    let mut on = until.add_days(-11);
    while end_of_review(on) <= until {
        on = on.add_days(1);
    }
    on
}

/// LIC004: the licence is valid until at least the end of the review, [`REVIEW_WORKING_DAYS`]
/// working days after the as-of date.
pub(crate) fn licence_outlasts_the_review(ctx: &Ctx) {
    let as_of = ctx.as_of;
    let end = end_of_review(as_of);
    let Some(valid) = ctx.needs(
        document_field(ctx.sub.license.as_ref(), |l| &l.valid_until),
        || text!(
            "no `valid_until` is given; the licence must be valid until at least {end}, the end of a review started on {as_of}",
            "未填写 `valid_until`（营业期限）；营业执照须至少有效至 {end}，即 {as_of} 开始的审核结束之日"
        ),
        || text!(
            "copy the end of the term of operation from the licence as `valid_until` (YYYY-MM-DD), or `long-term` when it says 长期",
            "请按营业执照抄录营业期限的截止日期，填入 `valid_until`（YYYY-MM-DD）；执照写明“长期”的，填写 `long-term`"
        ),
    ) else {
        return;
    };
    let ValidUntil::Date(until) = valid.value else {
        return;
    };
    if until >= end {
        return;
    }
    let message = if until < as_of {
        text!(
            "the licence expired on {until}, before {as_of}",
            "营业执照已于 {until} 到期（早于 {as_of}）"
        )
    } else {
        text!(
            "the licence expires on {until}, before the review ends on {end} ({REVIEW_WORKING_DAYS} working days after {as_of})",
            "营业执照将于 {until} 到期，早于审核结束日 {end}（{as_of} 后 {REVIEW_WORKING_DAYS} 个工作日）"
        )
    };
    ctx.report(valid.span, message).help(text!(
        "renew the licence with the registration authority and submit the renewed one, with its new `valid_until`",
        "请向登记机关办理营业执照换发，并提交新执照及其新的 `valid_until`"
    ));
}

/// The licence's `valid_until` date, when it has one.
pub fn licence_end(sub: &crate::load::Submission) -> Option<Date> {
    let valid = sub.license.as_ref()?.data.valid_until.get()?;
    match valid.value {
        ValidUntil::Date(until) => Some(until),
        ValidUntil::LongTerm => None,
    }
}

/// The date on which LIC004 starts to fire (the forecast): the first as-of date whose review
/// ends after the licence's `valid_until`.
pub(crate) fn licence_expiry_change_points(
    sub: &crate::load::Submission,
    reasons: crate::report::Reasons,
) -> Vec<crate::report::ChangePoint> {
    let Some(until) = licence_end(sub) else {
        return Vec::new();
    };
    vec![crate::report::ChangePoint {
        on: licence_fails_from(until),
        why: reasons.why(|| {
            text!(
                "the licence expires on {until}, before a review started today would end",
                "营业执照将于 {until} 到期，早于今天开始的审核结束之日"
            )
        }),
    }]
}
