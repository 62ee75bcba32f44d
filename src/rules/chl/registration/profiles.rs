//! Challenge eligibility CHL002: a seller is eligible with one of three profiles — an enterprise
//! whose licence is at least 6 calendar months old, a factory seller with at least 50 SKUs, or a
//! seller who has finished its target markets' local registrations (EU EPR, US FDA). One finding
//! when none holds, naming what each lacks.

use super::super::local_registrations::{Unregistered, unregistered};
use crate::finding::{Place, Text};
use crate::load::typed::{Field, Sp};
use crate::model::Date;
use crate::rules::{Ctx, Needed, applicant_field, join_texts};

/// Profile 1: the licence is registered at least this many calendar months before the as-of date.
const LICENCE_MIN_AGE_MONTHS: i64 = 6;
/// Profile 2: the fewest SKUs of a factory seller.
const MIN_SKU_COUNT: i64 = 50;

/// The latest registration date that meets profile 1 on `as_of`.
pub(super) fn latest_registration(as_of: Date) -> Date {
    as_of.sub_months(LICENCE_MIN_AGE_MONTHS)
}

/// The first as-of date on which a licence registered on `registered` meets profile 1.
pub(super) fn qualifies_from(registered: Date) -> Date {
    let later = Date(
        registered
            .0
            .saturating_add(jiff::Span::new().months(LICENCE_MIN_AGE_MONTHS)),
    );
    // Adding months clamps to the month's last day (08-31 + 6 months = 02-28), and 6 months
    // before 02-28 is 08-28: the first day that qualifies is then the next one, 03-01.
    if latest_registration(later) >= registered {
        later
    } else {
        later.add_days(1)
    }
}

/// The date on which the licence meets profile 1, and CHL002 stops firing (the forecast): the
/// first as-of date at least 6 calendar months after the licence's `registered_on`.
pub(crate) fn licence_age_change_points(
    sub: &crate::load::Submission,
    reasons: crate::report::Reasons,
) -> Vec<crate::report::ChangePoint> {
    let Some(registered) = sub
        .license
        .as_ref()
        .and_then(|l| l.data.registered_on.get())
    else {
        return Vec::new();
    };
    let registered = registered.value;
    vec![crate::report::ChangePoint {
        on: qualifies_from(registered),
        why: reasons.why(|| {
            text!(
                "the licence, registered on {registered}, is {LICENCE_MIN_AGE_MONTHS} months old",
                "营业执照（{registered} 注册）满 {LICENCE_MIN_AGE_MONTHS} 个月"
            )
        }),
    }]
}

/// What profile 2 lacks: the count, or where it should be given.
enum Skus<'a> {
    Few(&'a Sp<crate::model::Count>),
    Unstated(Place),
}

/// CHL002: one of the three eligible profiles holds. Skipped when one of them cannot be judged:
/// the licence, the SKU count or the registrations could not be read (SUB001/SUB002 say why).
pub(crate) fn an_eligible_profile_holds(ctx: &Ctx) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let as_of = ctx.as_of;
    let latest = latest_registration(as_of);
    let registered = match &licence.data.registered_on {
        Field::Invalid(_) => return,
        Field::Present(on) if on.value <= latest => return,
        Field::Present(on) => Some(on),
        Field::Absent => None,
    };
    let skus = match applicant_field(ctx.sub.challenge.as_ref(), |a| &a.sku_count) {
        Needed::Skip => return,
        Needed::Present(n) if n.value >= MIN_SKU_COUNT => return,
        Needed::Present(n) => Skus::Few(n),
        Needed::Missing(place) => Skus::Unstated(place),
    };
    let Some(unregistered) = unregistered(ctx) else {
        return;
    };
    if unregistered.is_empty() {
        return;
    }
    let (place, licence_lacks) = match registered {
        Some(registered) => {
            let (on, from) = (registered.value, qualifies_from(registered.value));
            let lacks = text!(
                "(1) the licence was registered on {on}, less than {LICENCE_MIN_AGE_MONTHS} months before {as_of} (it qualifies from {from})",
                "（1）营业执照注册于 {on}，距 {as_of} 不足 {LICENCE_MIN_AGE_MONTHS} 个月（自 {from} 起符合）"
            );
            (Place::from(registered.span), lacks)
        }
        None => (
            Place::File(licence.file),
            text!(
                "(1) the licence gives no `registered_on`",
                "（1）营业执照未填写 `registered_on`（成立日期）"
            ),
        ),
    };
    let sku_lacks = match &skus {
        Skus::Few(n) => {
            let n = n.value;
            text!(
                "(2) {n} SKUs, fewer than {MIN_SKU_COUNT}",
                "（2）SKU 数量为 {n}，少于 {MIN_SKU_COUNT}"
            )
        }
        Skus::Unstated(_) => text!(
            "(2) no `sku_count` is given",
            "（2）未填写 `sku_count`（SKU 数量）"
        ),
    };
    let missing: Vec<Text> = unregistered.iter().map(registration_missing).collect();
    let missing = join_texts(&missing, ", ", "、");
    let (missing_en, missing_zh) = (&missing.en, &missing.zh);
    let registrations_lack = text!(
        "(3) no {missing_en} registration",
        "（3）缺少 {missing_zh} 注册"
    );
    let lacks = join_texts(&[licence_lacks, sku_lacks, registrations_lack], "; ", "；");
    let (lacks_en, lacks_zh) = (&lacks.en, &lacks.zh);
    let sku_label = match &skus {
        Skus::Few(n) => (
            Place::from(n.span),
            text!(
                "fewer than {MIN_SKU_COUNT} SKUs",
                "SKU 少于 {MIN_SKU_COUNT} 个"
            ),
        ),
        Skus::Unstated(place) => (*place, text!("no `sku_count`", "没有 `sku_count`")),
    };
    let registration_labels = unregistered.iter().map(|u| {
        let (code, kind) = (&u.market.code, u.kind);
        (
            Place::from(u.target.span),
            text!(
                "`{code}` has no {kind} registration",
                "`{code}` 没有 {kind} 注册"
            ),
        )
    });
    ctx.report(
        place,
        text!(
            "no profile holds: {lacks_en}",
            "均不满足：{lacks_zh}"
        ),
    )
    .label(sku_label.0, sku_label.1)
    .labels(registration_labels)
    .help(text!(
        "the challenge admits a seller with one of three profiles: an enterprise whose licence was registered on or before {latest}, a factory seller listing at least {MIN_SKU_COUNT} SKUs, or a seller whose target markets' local registrations are done (EU EPR; US FDA for food, cosmetics or medical devices); meet one of them and give it here",
        "挑战赛接受满足以下任一条件的卖家：营业执照于 {latest} 或之前注册的企业；在售 SKU 至少 {MIN_SKU_COUNT} 个的工厂卖家；或已完成目标市场本地注册的卖家（欧盟 EPR；在美国销售食品、化妆品或医疗器械需 FDA）；请满足其中之一并在此填写"
    ));
}

/// `PL EPR`, `US FDA`: one registration a target market lacks.
fn registration_missing(u: &Unregistered) -> Text {
    let (code, kind) = (&u.market.code, u.kind);
    Text::new(format!("{code} {kind}"), format!("{code} {kind}"))
}
