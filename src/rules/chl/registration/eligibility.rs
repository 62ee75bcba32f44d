//! Challenge eligibility CHL001, CHL003, CHL007, CHL021: an enterprise store, its health score,
//! a track it fits, and the legal representative's face verification. CHL002's profiles are in
//! `profiles`.

use super::{amount, applicant, dollars, join_and};
use crate::finding::Text;
use crate::load::Doc;
use crate::load::typed::{Field, List, Sp};
use crate::model::{
    ChallengeApplicant, ChallengeSubmissionDoc, Date, LicenseDoc, Number, StoreType, Track,
};
use crate::rules::lic::individual_business;
use crate::rules::{Ctx, Needed, applicant_field, needed};
use crate::source::Span;

/// CHL003: the lowest 3-month store health score accepted.
const MIN_HEALTH_SCORE: f64 = 85.0;
/// Track `leap`'s monthly minimum as the messages write it: `US$5,000` and `5000`.
fn leap_minimum() -> (String, String) {
    (
        dollars(LEAP_MIN_MONTHLY_GMV_USD),
        amount(LEAP_MIN_MONTHLY_GMV_USD),
    )
}

/// CHL007, track `rising`: the store is open at most this many days at the challenge start.
const RISING_MAX_STORE_AGE_DAYS: i64 = 180;
/// CHL007, track `leap`: the months of GMV looked at (the last ones given)...
const LEAP_MONTHS: usize = 3;
/// ...and the GMV each of them reaches, in US dollars.
const LEAP_MIN_MONTHLY_GMV_USD: f64 = 5000.0;
/// CHL021: `face_verification` once the legal representative has passed it.
const FACE_VERIFIED: &str = "done";

/// CHL001: the store is an enterprise store, and its licence is not an individual business's.
pub(crate) fn store_is_an_enterprise(ctx: &Ctx) {
    let (store_type, unstated) =
        match applicant_field(ctx.sub.challenge.as_ref(), |a| &a.store_type) {
            Needed::Present(t) => (Some(t), None),
            Needed::Missing(place) => (None, Some(place)),
            Needed::Skip => (None, None),
        };
    let licence = ctx
        .sub
        .license
        .as_ref()
        .and_then(|l| individual_business(&l.data).map(|span| (l, span)));
    let help = text!(
        "the challenge accepts enterprise stores only: register with a store held by a company, as `store_type: enterprise`, and that company's licence; an individual business (个体工商户) upgrades to a company first",
        "挑战赛仅接受企业店铺：请以公司持有的店铺报名（`store_type: enterprise`），并提供该公司的营业执照；个体工商户须先升级为企业"
    );
    let individual_store = store_type.filter(|t| t.value != StoreType::Enterprise);
    let finding = match (individual_store, licence) {
        (Some(t), licence) => {
            let written = ctx.text(t.span).trim();
            let finding = ctx.report(
                t.span,
                text!(
                    "`{written}` is not an enterprise store",
                    "`{written}` 不是企业店铺"
                ),
            );
            match licence {
                Some((l, span)) => finding.label(span, individual_business_message(ctx, l, span)),
                None => finding,
            }
        }
        (None, Some((l, span))) => {
            let finding = ctx.report(span, individual_business_message(ctx, l, span));
            match store_type {
                Some(t) => finding.label(
                    t.span,
                    text!(
                        "the store is declared an enterprise store",
                        "店铺申报为企业店铺"
                    ),
                ),
                None => finding,
            }
        }
        (None, None) => match unstated {
            Some(place) => ctx.report(
                place,
                text!(
                    "no `store_type` is given; the challenge requires an enterprise store",
                    "未填写 `store_type`（店铺类型）；挑战赛要求企业店铺"
                ),
            ),
            None => return,
        },
    };
    finding.help(help);
}

/// What makes the licence an individual business's: its stated type, else its USCC.
fn individual_business_message(ctx: &Ctx, licence: &Doc<LicenseDoc>, span: Span) -> Text {
    let stated = licence
        .data
        .entity_type
        .get()
        .is_some_and(|t| t.span == span);
    if stated {
        return text!(
            "the licence holder is an individual business (个体工商户)",
            "营业执照主体为个体工商户"
        );
    }
    let code = ctx.text(span).trim();
    let prefix: String = code.chars().take(2).collect();
    text!(
        "`{code}` starts with `{prefix}`, the registration type of an individual business (个体工商户)",
        "`{code}` 以 `{prefix}` 开头，登记类型为个体工商户"
    )
}

/// CHL003: the 3-month store health score is at least 85.
pub(crate) fn health_score_reaches_the_minimum(ctx: &Ctx) {
    let min = amount(MIN_HEALTH_SCORE);
    ctx.limit(
        applicant_field(ctx.sub.challenge.as_ref(), |a| &a.health_score),
        (
            || text!(
                "no `health_score` is given; the challenge requires a 3-month store health score of at least {min}",
                "未填写 `health_score`（店铺健康分）；挑战赛要求近 3 个月店铺健康分至少 {min} 分"
            ),
            || text!(
                "give under `applicant` the 3-month store health score the screenshot shows, e.g. `health_score: 88`",
                "请在 `applicant` 下填写截图上显示的近 3 个月店铺健康分，例如 `health_score: 88`"
            ),
        ),
        |score| score.0 >= MIN_HEALTH_SCORE,
        |score| {
            let written = ctx.text(score.span).trim();
            (
                text!(
                    "a store health score of {written}, below {min}",
                    "店铺健康分为 {written}，低于 {min}"
                ),
                text!(
                    "register once the 3-month store health score is at least {min}, and give the score the screenshot shows",
                    "请在近 3 个月店铺健康分达到 {min} 分后报名，并填写截图上显示的分数"
                ),
            )
        },
    );
}

/// Why a `leap` store's GMV does not qualify (CHL007), or `None`.
#[derive(Debug, PartialEq)]
enum LeapProblem<'a> {
    /// Fewer than 3 months given (the count).
    TooFewMonths(usize),
    /// The months of the last 3 below the minimum.
    LowMonths(Vec<&'a Sp<Number>>),
}

fn leap_problem(gmv: &[Sp<Number>]) -> Option<LeapProblem<'_>> {
    let Some(start) = gmv.len().checked_sub(LEAP_MONTHS) else {
        return Some(LeapProblem::TooFewMonths(gmv.len()));
    };
    let low: Vec<_> = gmv[start..]
        .iter()
        .filter(|m| m.value.0 < LEAP_MIN_MONTHLY_GMV_USD)
        .collect();
    (!low.is_empty()).then_some(LeapProblem::LowMonths(low))
}

/// Whether a store opened on `opened` is too old for track `rising` at the challenge start.
pub(super) fn too_old_for_rising(opened: Date, start: Date) -> bool {
    opened.days_until(start) > RISING_MAX_STORE_AGE_DAYS
}

/// CHL007: the store meets its track's condition: `rising` open at most 180 days at T, `leap`
/// at least US$5,000 GMV in each of the last 3 months.
pub(crate) fn store_fits_its_track(ctx: &Ctx) {
    let (min_en, min_zh) = leap_minimum();
    let Some(track) = ctx.needs(
        applicant_field(ctx.sub.challenge.as_ref(), |a| &a.track),
        || text!(
            "no `track` is given; the challenge has two tracks, `rising` and `leap`",
            "未填写 `track`（赛道）；挑战赛分为 `rising`（新锐）和 `leap`（跃迁）两个赛道"
        ),
        || text!(
            "choose the track under `applicant`: `track: rising` for a store open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start, `track: leap` for a store with a GMV of at least {min_en} in each of the last {LEAP_MONTHS} months",
            "请在 `applicant` 下选择赛道：挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天的店铺填 `track: rising`，近 {LEAP_MONTHS} 个月每月 GMV 均至少 {min_zh} 美元的店铺填 `track: leap`"
        ),
    ) else {
        return;
    };
    let Some((doc, applicant)) = applicant(ctx) else {
        return;
    };
    match track.value {
        Track::Rising => rising_store_is_new_enough(ctx, track, doc, applicant),
        Track::Leap => leap_store_reaches_the_gmv(ctx, track, doc, applicant),
    }
}

/// CHL007, track `rising`: the store is open at most [`RISING_MAX_STORE_AGE_DAYS`] days at the
/// challenge start.
fn rising_store_is_new_enough(
    ctx: &Ctx,
    track: &Sp<Track>,
    doc: &Doc<ChallengeSubmissionDoc>,
    applicant: &ChallengeApplicant,
) {
    let (min_en, min_zh) = leap_minimum();
    let Some(opened) = ctx.needs(
        needed(&applicant.opened_on, || track.span.into()),
        || text!(
            "track `rising` is for stores open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start, and needs the store's opening date; no `opened_on` is given",
            "`rising`（新锐）赛道要求挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天，需要开店日期；未填写 `opened_on`"
        ),
        || text!(
            "give under `applicant` the date the store opened, as `opened_on` (YYYY-MM-DD)",
            "请在 `applicant` 下以 `opened_on`（YYYY-MM-DD）填写开店日期"
        ),
    ) else {
        return;
    };
    // Without a readable T there is no store age: CHL016 reports an absent one.
    let Some(start) = doc.data.challenge_start.get() else {
        return;
    };
    if !too_old_for_rising(opened.value, start.value) {
        return;
    }
    let (on, t, age) = (
        opened.value,
        start.value,
        opened.value.days_until(start.value),
    );
    let earliest = t.add_days(-RISING_MAX_STORE_AGE_DAYS);
    ctx.report(track.span,
        text!(
            "track `rising` is for stores open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start; this one will have been open {age} days",
            "`rising`（新锐）赛道要求挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天；本店届时已开店 {age} 天"
        ),
    )
    .label(
        opened.span,
        text!(
            "opened on {on}, {age} days before the challenge start {t}",
            "开店日期 {on}，比挑战开始日 {t} 早 {age} 天"
        ),
    )
    .help(text!(
        "track `rising` takes stores opened on or after {earliest}; choose track `leap` instead if the store's GMV reached {min_en} in each of the last {LEAP_MONTHS} months",
        "`rising` 赛道只接受 {earliest} 或之后开业的店铺；如店铺近 {LEAP_MONTHS} 个月每月 GMV 均达到 {min_zh} 美元，请改选 `leap`（跃迁）赛道"
    ));
}

/// CHL007, track `leap`: `monthly_gmv_usd` gives the last [`LEAP_MONTHS`] months, each at
/// least [`LEAP_MIN_MONTHLY_GMV_USD`].
fn leap_store_reaches_the_gmv(
    ctx: &Ctx,
    track: &Sp<Track>,
    doc: &Doc<ChallengeSubmissionDoc>,
    applicant: &ChallengeApplicant,
) {
    let gmv = match &applicant.monthly_gmv_usd {
        Field::Invalid(_) => return,
        Field::Absent => None,
        // A month that could not be read (SUB002) is the cause of any shortfall.
        Field::Present(gmv) if !gmv.value.is_complete() => return,
        Field::Present(gmv) => Some(gmv),
    };
    let months = gmv.map_or(&[][..], |g| g.value.items.as_slice());
    match leap_problem(months) {
        None => {}
        Some(LeapProblem::TooFewMonths(n)) => too_few_gmv_months(ctx, track, gmv, n),
        Some(LeapProblem::LowMonths(low)) => gmv_months_too_low(ctx, track, doc, &low),
    }
}

/// CHL007, track `leap`: fewer than [`LEAP_MONTHS`] months given (`n`; `gmv` when there is a
/// `monthly_gmv_usd`).
fn too_few_gmv_months(ctx: &Ctx, track: &Sp<Track>, gmv: Option<&Sp<List<Number>>>, n: usize) {
    let (min_en, min_zh) = leap_minimum();
    let given = match gmv {
        None => text!("there is no `monthly_gmv_usd`", "未填写 `monthly_gmv_usd`"),
        Some(_) => text!(
            "`monthly_gmv_usd` gives {n}",
            "`monthly_gmv_usd` 只有 {n} 个月"
        ),
    };
    let (given_en, given_zh) = (&given.en, &given.zh);
    let finding = ctx.report(
        track.span,
        text!(
            "track `leap` needs the GMV of the last {LEAP_MONTHS} months; {given_en}",
            "`leap`（跃迁）赛道需要近 {LEAP_MONTHS} 个月的 GMV；{given_zh}"
        ),
    );
    finding
        .labels(gmv.map(|g| {
            (
                g.span,
                text!("{n} of {LEAP_MONTHS} months", "{LEAP_MONTHS} 个月中只有 {n} 个"),
            )
        }))
        .help(text!(
        "give the GMV of each of the last {LEAP_MONTHS} months in US dollars, oldest first, e.g. `monthly_gmv_usd: [6200, 5400, 7100]`; track `leap` needs at least {min_en} in each",
        "请按时间顺序（最早的在前）填写近 {LEAP_MONTHS} 个月每月的 GMV（美元），例如 `monthly_gmv_usd: [6200, 5400, 7100]`；`leap` 赛道要求每月至少 {min_zh} 美元"
    ));
}

/// CHL007, track `leap`: the months of the last [`LEAP_MONTHS`] below the minimum (`low`).
fn gmv_months_too_low(
    ctx: &Ctx,
    track: &Sp<Track>,
    doc: &Doc<ChallengeSubmissionDoc>,
    low: &[&Sp<Number>],
) {
    let (min_en, min_zh) = leap_minimum();
    let written: Vec<String> = low
        .iter()
        .map(|m| format!("`{}`", ctx.text(m.span).trim()))
        .collect();
    let verb = if written.len() == 1 { "is" } else { "are" };
    let (list_en, list_zh) = (join_and(&written, ", ", " and "), written.join("、"));
    let finding = ctx.report(track.span,
        text!(
            "track `leap` needs a GMV of at least {min_en} in each of the last {LEAP_MONTHS} months; {list_en} {verb} below it",
            "`leap`（跃迁）赛道要求近 {LEAP_MONTHS} 个月每月 GMV 至少 {min_zh} 美元；{list_zh} 未达到"
        ),
    )
    .labels(low.iter().map(|month| {
        (month.span, text!("below {min_en}", "低于 {min_zh} 美元"))
    }));
    let rising = match doc.data.challenge_start.get() {
        Some(t) => {
            let earliest = t.value.add_days(-RISING_MAX_STORE_AGE_DAYS);
            text!("opened on or after {earliest}", "于 {earliest} 或之后开业")
        }
        None => text!(
            "opened at most {RISING_MAX_STORE_AGE_DAYS} days before the challenge start",
            "开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天"
        ),
    };
    let (rising_en, rising_zh) = (&rising.en, &rising.zh);
    finding.help(text!(
        "register on track `leap` once the store has reached {min_en} in each of {LEAP_MONTHS} consecutive months; choose track `rising` instead if the store {rising_en}",
        "请在店铺连续 {LEAP_MONTHS} 个月每月 GMV 均达到 {min_zh} 美元后再报名 `leap` 赛道；如店铺{rising_zh}，请改选 `rising`（新锐）赛道"
    ));
}

/// CHL021: the legal representative has passed the live face verification in the app
/// (`applicant.face_verification: done`), a registration step since 2024.
pub(crate) fn face_verification_is_done(ctx: &Ctx) {
    let help = || {
        text!(
            "have the legal representative pass the live face verification in the app, then write `face_verification: done` under `applicant`",
            "请法定代表人在 App 中完成实时人脸核验，然后在 `applicant` 下填写 `face_verification: done`"
        )
    };
    ctx.limit(
        applicant_field(ctx.sub.challenge.as_ref(), |a| &a.face_verification),
        (
            || text!(
                "no `face_verification` is given; registration needs the legal representative's live face verification",
                "未填写 `face_verification`（人脸核验）；报名须由法定代表人完成实时人脸核验"
            ),
            help,
        ),
        |state| state.trim() == FACE_VERIFIED,
        |state| {
            let written = state.value.trim();
            (
                text!(
                    "`{written}`: the legal representative's live face verification is not done",
                    "`{written}`：法定代表人尚未完成实时人脸核验"
                ),
                help(),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_problems_look_at_the_last_three_months_only() {
        let months = |values: &[f64]| -> Vec<Sp<Number>> {
            values
                .iter()
                .map(|v| Sp {
                    value: Number(*v),
                    span: Span::new(crate::source::FileId(0), 0..0),
                })
                .collect()
        };
        assert_eq!(
            leap_problem(&months(&[6200.0])),
            Some(LeapProblem::TooFewMonths(1))
        );
        assert_eq!(leap_problem(&months(&[1.0, 5000.0, 5000.0, 5000.0])), None);
        let low = months(&[9000.0, 4999.0, 5000.0, 10.0]);
        assert_eq!(
            leap_problem(&low),
            Some(LeapProblem::LowMonths(vec![&low[1], &low[3]]))
        );
    }
}
