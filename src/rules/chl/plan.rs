//! Challenge rules CHL011–CHL020: the stage-2 tasks of `plan.yaml` (customer service, listing
//! compliance, A+ pages, livestreams), the shipping-service switch of `logistics.yaml`, the T+30
//! deadline, the diagnosis matrix and the local registrations of `registrations.yaml`.
//!
//! A date later than T+30 is reported once, by CHL016 (with the days late): CHL013 does not
//! repeat it for `first_order_by`, and CHL015 counts a late livestream as if it were on time.

use super::{FREEZE_HOURS, STAGE_DEADLINE_DAYS, t_plus};
use crate::finding::{Place, Text};
use crate::load::Doc;
use crate::load::list;
use crate::load::typed::{Field, List, Sp};
use crate::model::{Date, Livestream, PlanDoc};
use crate::rules::{Ctx, Duration, document_field, duration_within, key_place, needed};
use crate::source::Span;

/// The slowest customer-service response the challenge accepts, in seconds (CHL011).
const MAX_RESPONSE_SECS: f64 = 2.0 * 60.0;
/// Product information compliance required, in percent (CHL012).
const REQUIRED_LISTING_COMPLIANCE: f64 = 100.0;
/// The platform's standard guaranteed shipping service (CHL013).
const GUARANTEED_SERVICE: &str = "standard-guaranteed";
/// A+ product pages to publish in stage 2 (CHL014).
const MIN_A_PLUS_PAGES: usize = 5;
/// Livestreams to hold by T+30 (CHL015).
const MIN_LIVESTREAMS: usize = 3;
/// Expected viewers of each livestream (CHL015).
const MIN_VIEWERS: i64 = 500;

/// T (`challenge_start` of `submission.yaml`) and the stage-2 deadline T+30; `None` without a
/// readable T.
fn stage_deadline(ctx: &Ctx) -> Option<(Span, Date)> {
    let start = ctx.sub.challenge.as_ref()?.data.challenge_start.get()?;
    Some((start.span, t_plus(start.value, STAGE_DEADLINE_DAYS)))
}

/// Calendar days a date falls after the deadline, or `None` when it is on or before it.
fn days_late(due: Date, on: Date) -> Option<i64> {
    (on > due).then(|| due.days_until(on))
}

/// CHL011: customer service answers within 2 minutes, with smart reply templates on.
pub(crate) fn customer_service_is_fast(ctx: &Ctx) {
    let Some(plan) = ctx.sub.plan.as_ref() else {
        return;
    };
    let response_help = || {
        text!(
            "answer customers within 2 minutes and write the time as a duration, e.g. `response_time: 90s` or `response_time: 2m`",
            "客服须在 2 分钟内响应，并以时长写明，例如 `response_time: 90s` 或 `response_time: 2m`"
        )
    };
    let templates_help = || {
        text!(
            "turn on the smart reply templates in the customer-service console and write `smart_reply_templates: true`",
            "请在客服工作台开启智能回复模板，并填写 `smart_reply_templates: true`"
        )
    };
    let Some(service) = ctx.needs(
        needed(&plan.data.customer_service, || Place::File(plan.file)),
        || text!(
            "no `customer_service`: neither the response time nor the smart reply templates are given",
            "缺少 `customer_service`：未写明客服响应时间和智能回复模板"
        ),
        || text!(
            "add `customer_service` with a `response_time` of 2 minutes or less and `smart_reply_templates: true`, e.g. `customer_service: {{response_time: 90s, smart_reply_templates: true}}`",
            "请添加 `customer_service`，`response_time` 不超过 2 分钟，且 `smart_reply_templates: true`，例如 `customer_service: {{response_time: 90s, smart_reply_templates: true}}`"
        ),
    ) else {
        return;
    };
    let service = &service.value;
    let section = key_place(plan, "customer_service");
    match &service.response_time {
        Field::Invalid(_) => {}
        Field::Present(time) if !time.value.trim().is_empty() => {
            let said = time.value.trim();
            let message = match duration_within(said, MAX_RESPONSE_SECS) {
                Duration::Within => None,
                Duration::Unmeasurable => Some(text!(
                    "`{said}` is not a measurable response time",
                    "`{said}` 不是可衡量的响应时间"
                )),
                Duration::Over(_) => Some(text!(
                    "customer service responds within `{said}`, over 2 minutes",
                    "客服响应时间为 `{said}`，超过 2 分钟"
                )),
            };
            if let Some(message) = message {
                ctx.report(time.span, message).help(response_help());
            }
        }
        _ => {
            ctx.report(
                section,
                text!(
                    "`customer_service` has no `response_time`",
                    "`customer_service` 缺少 `response_time`"
                ),
            )
            .help(response_help());
        }
    }
    match &service.smart_reply_templates {
        Field::Invalid(_) | Field::Present(Sp { value: true, .. }) => {}
        Field::Present(off) => {
            ctx.report(
                off.span,
                text!(
                    "smart reply templates are not turned on",
                    "智能回复模板未开启"
                ),
            )
            .help(templates_help());
        }
        Field::Absent => {
            ctx.report(
                section,
                text!(
                    "`customer_service` does not say `smart_reply_templates: true`",
                    "`customer_service` 未写明 `smart_reply_templates: true`"
                ),
            )
            .help(templates_help());
        }
    }
}

/// Whether a product information compliance rate is below 100%.
fn compliance_is_incomplete(pct: f64) -> bool {
    pct < REQUIRED_LISTING_COMPLIANCE
}

/// CHL012: product information compliance is 100%.
pub(crate) fn listing_compliance_is_complete(ctx: &Ctx) {
    ctx.limit(
        document_field(ctx.sub.plan.as_ref(), |p| &p.listing_compliance),
        (
            || text!(
                "no `listing_compliance` is given; the challenge requires {REQUIRED_LISTING_COMPLIANCE}% product information compliance",
                "未填写 `listing_compliance`（商品信息合规率）；挑战赛要求商品信息合规率达到 {REQUIRED_LISTING_COMPLIANCE}%"
            ),
            || text!(
                "run the product information compliance check and give its rate in percent, e.g. `listing_compliance: {REQUIRED_LISTING_COMPLIANCE}`",
                "请运行商品信息合规检查，并以百分比填写合规率，例如 `listing_compliance: {REQUIRED_LISTING_COMPLIANCE}`"
            ),
        ),
        |compliance| !compliance_is_incomplete(compliance.0),
        |compliance| {
            let pct = compliance.value.0;
            (
                text!(
                    "product information compliance is {pct}%, below {REQUIRED_LISTING_COMPLIANCE}%",
                    "商品信息合规率为 {pct}%，低于 {REQUIRED_LISTING_COMPLIANCE}%"
                ),
                text!(
                    "correct every listing the compliance check flags (titles, attributes, images, prohibited claims) until compliance is {REQUIRED_LISTING_COMPLIANCE}%",
                    "请逐一修改合规检查标出的商品（标题、属性、图片、违规用语），直至合规率达到 {REQUIRED_LISTING_COMPLIANCE}%"
                ),
            )
        },
    );
}

/// CHL013: the standard guaranteed shipping service is switched on and has a first-order date.
/// A `first_order_by` later than T+30 is CHL016's.
pub(crate) fn guaranteed_shipping_is_switched_on(ctx: &Ctx) {
    let Some(logistics) = ctx.sub.logistics.as_ref() else {
        return;
    };
    let service_help = || {
        text!(
            "switch the store to the platform's standard guaranteed shipping service and write `service: {GUARANTEED_SERVICE}`",
            "请将店铺切换到平台标准保障物流服务，并填写 `service: {GUARANTEED_SERVICE}`"
        )
    };
    match &logistics.data.service {
        Field::Invalid(_) => {}
        Field::Present(service) if service.value.trim() == GUARANTEED_SERVICE => {}
        Field::Present(service) => {
            let said = service.value.trim();
            ctx.report(
                service.span,
                text!(
                    "the shipping service is `{said}`, not the standard guaranteed service",
                    "物流服务为 `{said}`，不是标准保障物流服务"
                ),
            )
            .help(service_help());
        }
        Field::Absent => {
            ctx.report(Place::File(logistics.file),
                text!(
                    "no `service`: the switch to the standard guaranteed shipping service is not shown",
                    "缺少 `service`：未显示已切换到标准保障物流服务"
                ),
            )
            .help(service_help());
        }
    }
    if logistics.data.first_order_by.is_absent() {
        let due = stage_deadline(ctx).map_or_else(|| "T+30".to_owned(), |(_, due)| due.to_string());
        ctx.report(Place::File(logistics.file),
                text!(
                    "no `first_order_by`: no date for the first order with the standard guaranteed service",
                    "缺少 `first_order_by`：未写明标准保障物流服务的首单日期"
                ),
            )
            .help(text!(
                "plan the first order shipped with the standard guaranteed service and write its date, on or before {due} (T+30), as `first_order_by`",
                "请安排使用标准保障物流服务的首单，并以 `first_order_by` 写明日期，不晚于 {due}（T+30）"
            ));
    }
}

/// `plan.yaml` and one of its lists (`None` when absent), or `None` when the document is missing
/// or the list could not be read (SUB002).
fn plan_list<'a, T>(
    ctx: &Ctx<'a>,
    pick: fn(&PlanDoc) -> &Field<List<T>>,
) -> Option<(&'a Doc<PlanDoc>, Option<&'a List<T>>)> {
    let plan = ctx.sub.plan.as_ref()?;
    match pick(&plan.data) {
        Field::Invalid(_) => None,
        Field::Absent => Some((plan, None)),
        Field::Present(list) => Some((plan, Some(&list.value))),
    }
}

/// The entries of a list, counting one that could not be read (SUB002): it is an entry all the
/// same (CHL014 counts pages whatever their flags).
fn entries<T>(list: Option<&List<T>>) -> usize {
    list.map_or(0, |l| l.items.len() + l.dropped)
}

/// Whether a flag is not `true`: absent or `false`. A value of the wrong type is SUB002's.
fn not_true(flag: &Field<bool>) -> bool {
    matches!(
        flag,
        Field::Absent | Field::Present(Sp { value: false, .. })
    )
}

/// CHL014: at least 5 A+ pages, each with video and image carousel.
pub(crate) fn a_plus_pages_are_published(ctx: &Ctx) {
    let Some((plan, pages)) = plan_list(ctx, |p| &p.a_plus_pages) else {
        return;
    };
    let count = entries(pages);
    if count < MIN_A_PLUS_PAGES {
        ctx.report(key_place(plan, "a_plus_pages"),
                text!(
                    "{count} A+ product pages planned, {MIN_A_PLUS_PAGES} needed",
                    "计划发布 {count} 个 A+ 商品详情页，至少需要 {MIN_A_PLUS_PAGES} 个"
                ),
            )
            .help(text!(
                "publish at least {MIN_A_PLUS_PAGES} A+ product pages, each with a video and an image carousel, and list them under `a_plus_pages`, e.g. `- {{sku: \"A1\", video: true, carousel: true}}`",
                "请发布至少 {MIN_A_PLUS_PAGES} 个 A+ 商品详情页，每页都有视频和图片轮播，并在 `a_plus_pages` 下列出，例如 `- {{sku: \"A1\", video: true, carousel: true}}`"
            ));
    }
    for page in pages.into_iter().flat_map(List::iter) {
        let missing_video = not_true(&page.video);
        let missing_carousel = not_true(&page.carousel);
        let (en, zh) = match (missing_video, missing_carousel) {
            (false, false) => continue,
            (true, false) => ("video", "视频"),
            (false, true) => ("image carousel", "图片轮播"),
            (true, true) => ("video or image carousel", "视频和图片轮播"),
        };
        let message = match page.sku.get().map(|s| s.value.trim()) {
            Some(sku) if !sku.is_empty() => text!(
                "the A+ page of `{sku}` has no {en}",
                "`{sku}` 的 A+ 详情页没有{zh}"
            ),
            _ => text!("this A+ page has no {en}", "此 A+ 详情页没有{zh}"),
        };
        ctx.report(page.span, message).help(text!(
                "add a product video and an image carousel to the page and write `video: true, carousel: true`",
                "请为该详情页添加商品视频和图片轮播，并填写 `video: true, carousel: true`"
            ));
    }
}

/// The livestreams that count toward CHL015: every one with a date, whether or not CHL016
/// reports it late (that is its finding), one whose date could not be read (SUB002) and an entry
/// that could not be read at all.
fn counted_livestreams(streams: Option<&List<Livestream>>) -> usize {
    streams.map_or(0, |l| {
        l.dropped + l.iter().filter(|s| !s.date.is_absent()).count()
    })
}

/// Whether a livestream expects fewer than 500 viewers.
fn viewers_are_too_few(n: i64) -> bool {
    n < MIN_VIEWERS
}

/// CHL015: 3 livestreams by T+30, each expecting at least 500 viewers.
pub(crate) fn livestreams_are_planned(ctx: &Ctx) {
    let Some((plan, streams)) = plan_list(ctx, |p| &p.livestreams) else {
        return;
    };
    let count = counted_livestreams(streams);
    if count < MIN_LIVESTREAMS {
        let (due, due_zh) = match stage_deadline(ctx) {
            Some((_, due)) => (format!("{due} (T+30)"), format!("{due}（T+30）")),
            None => ("T+30".to_owned(), "T+30".to_owned()),
        };
        ctx.report(key_place(plan, "livestreams"),
                text!(
                    "{count} dated livestreams planned, {MIN_LIVESTREAMS} needed by {due}",
                    "计划了 {count} 场有日期的直播，{due_zh}前至少需要 {MIN_LIVESTREAMS} 场"
                ),
            )
            .help(text!(
                "plan at least {MIN_LIVESTREAMS} livestreams dated on or before {due}, each with `expected_viewers` of {MIN_VIEWERS} or more, e.g. `- {{date: 2026-12-05, expected_viewers: 600}}`",
                "请安排至少 {MIN_LIVESTREAMS} 场直播，日期不晚于 {due_zh}，每场 `expected_viewers` 不少于 {MIN_VIEWERS}，例如 `- {{date: 2026-12-05, expected_viewers: 600}}`"
            ));
    }
    for stream in streams.into_iter().flat_map(List::iter) {
        let Some(viewers) = ctx.needs(
            needed(&stream.expected_viewers, || stream.span.into()),
            || text!(
                "this livestream has no `expected_viewers`",
                "此场直播没有 `expected_viewers`（预计观看人数）"
            ),
            || text!(
                "give the viewers the livestream is planned for, at least {MIN_VIEWERS}, e.g. `expected_viewers: 600`",
                "请填写该场直播计划的观看人数，至少 {MIN_VIEWERS}，例如 `expected_viewers: 600`"
            ),
        ) else {
            continue;
        };
        let n = viewers.value;
        if !viewers_are_too_few(n.0) {
            continue;
        }
        ctx.report(viewers.span,
                text!(
                    "{n} expected viewers, below {MIN_VIEWERS}",
                    "预计观看人数 {n}，低于 {MIN_VIEWERS}"
                ),
            )
            .help(text!(
                "plan the livestream for at least {MIN_VIEWERS} viewers (promote it beforehand, choose a peak hour), or add another livestream that reaches {MIN_VIEWERS}",
                "请按至少 {MIN_VIEWERS} 名观众规划该场直播（提前预热、选择高峰时段），或另加一场达到 {MIN_VIEWERS} 人的直播"
            ));
    }
}

/// CHL016: every livestream and the first guaranteed-shipping order fall on or before T+30,
/// counted in natural days.
pub(crate) fn stage_two_dates_meet_the_deadline(ctx: &Ctx) {
    let Some(submission) = ctx.sub.challenge.as_ref() else {
        return;
    };
    if submission.data.challenge_start.is_absent() {
        // Reported once: every deadline counts from T, and none can be checked without it.
        ctx.report(Place::File(submission.file),
                text!(
                    "no `challenge_start` is given, so no deadline can be checked",
                    "未填写 `challenge_start`（挑战开始日），无法核对任何截止日期"
                ),
            )
            .help(text!(
                "give the date the challenge starts (T+0) as `challenge_start` (YYYY-MM-DD); the stage-2 tasks are due by T+30, counted from it",
                "请以 `challenge_start`（YYYY-MM-DD）填写挑战开始日（T+0）；第二阶段任务须在 T+30 前完成，从该日起算"
            ));
        return;
    }
    let Some((start, due)) = stage_deadline(ctx) else {
        return;
    };
    let t0 = ctx.text(start).trim().to_owned();
    let report_if_late = |date: &Sp<Date>, help: Text| {
        let Some(n) = days_late(due, date.value) else {
            return;
        };
        let on = date.value;
        let (days, tian) = if n == 1 {
            ("1 calendar day".to_owned(), "1 个自然日".to_owned())
        } else {
            (format!("{n} calendar days"), format!("{n} 个自然日"))
        };
        let mut message = text!(
            "{on} is {days} after the deadline {due} (T+30)",
            "{on} 比截止日期 {due}（T+30）晚 {tian}"
        );
        if n * 24 > FREEZE_HOURS {
            message.en.push_str(&format!(
                ": more than {FREEZE_HOURS} hours late, the task freezes this period's rewards, and this cannot be remedied"
            ));
            message.zh.push_str(&format!(
                "：逾期超过 {FREEZE_HOURS} 小时，该任务将冻结本期奖励，且无法补救"
            ));
        }
        ctx.report(date.span, message)
            .label(start, text!("T+0 is {t0}", "T+0 为 {t0}"))
            .help(help);
    };
    if let Some(plan) = ctx.sub.plan.as_ref() {
        for stream in list(&plan.data.livestreams) {
            let Some(date) = ctx.needs(
                needed(&stream.date, || stream.span.into()),
                || text!(
                    "this livestream has no `date`: its deadline {due} (T+30) cannot be checked, and it does not count toward the {MIN_LIVESTREAMS} livestreams",
                    "此场直播没有 `date`（日期）：无法核对截止日期 {due}（T+30），也不计入所需的 {MIN_LIVESTREAMS} 场直播"
                ),
                || text!(
                    "give the date of the livestream, on or before {due}, as `date` (YYYY-MM-DD)",
                    "请以 `date`（YYYY-MM-DD）填写直播日期，不晚于 {due}"
                ),
            ) else {
                continue;
            };
            report_if_late(
                date,
                text!(
                    "T+30 counts natural days, weekends and holidays included: hold the livestream on or before {due}",
                    "T+30 按自然日计算，周末和节假日都计入：请在 {due} 或之前完成该场直播"
                ),
            );
        }
    }
    if let Some(logistics) = ctx.sub.logistics.as_ref()
        && let Some(date) = logistics.data.first_order_by.get()
    {
        report_if_late(
            date,
            text!(
                "T+30 counts natural days, weekends and holidays included: have the first order shipped with the standard guaranteed service on or before {due}",
                "T+30 按自然日计算，周末和节假日都计入：请在 {due} 或之前完成使用标准保障物流服务的首单"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{date, sp};
    use crate::source::FileId;

    const SUBMISSION: &str = include_str!("../../../fixtures/challenge/submission.yaml");
    const LOGISTICS: &str = include_str!("../../../fixtures/challenge/logistics.yaml");
    const PLAN: &str = include_str!("../../../fixtures/challenge/plan.yaml");
    const REGISTRATIONS: &str = include_str!("../../../fixtures/challenge/registrations.yaml");
    const T_LINE: &str = "challenge_start: 2026-11-25             # T+0; T+30 is 2026-12-25\n";

    /// The codes this module finds in the clean challenge documents after replacing `from` (which
    /// must occur) with `to` in the named one, each with the text its label points at (empty: a
    /// document).
    fn findings_after(edits: &[(&str, &str, &str)]) -> Vec<(&'static str, String)> {
        let (sub, out) = lint_after(edits);
        crate::rules::testing::span_texts(&sub, &out)
    }

    /// The submission of [`findings_after`] and what this module finds in it.
    fn lint_after(
        edits: &[(&str, &str, &str)],
    ) -> (crate::load::Submission, Vec<crate::finding::Finding>) {
        use crate::load::Submission;
        use crate::rules::testing::{doc, run};
        let mut texts = [
            ("submission", SUBMISSION.to_owned()),
            ("logistics", LOGISTICS.to_owned()),
            ("plan", PLAN.to_owned()),
        ];
        for (name, from, to) in edits {
            let (_, text) = texts
                .iter_mut()
                .find(|(n, _)| n == name)
                .expect("a challenge document");
            assert!(text.contains(from), "{name}: no {from:?}");
            *text = text.replacen(from, to, 1);
        }
        let mut sub = Submission {
            program: crate::model::Program::Challenge,
            ..Default::default()
        };
        sub.challenge = doc(&mut sub, "submission.yaml", &texts[0].1);
        sub.logistics = doc(&mut sub, "logistics.yaml", &texts[1].1);
        sub.plan = doc(&mut sub, "plan.yaml", &texts[2].1);
        sub.registrations = doc(&mut sub, "registrations.yaml", REGISTRATIONS);
        let out = run(
            &sub,
            crate::markets::builtin(),
            &[
                "CHL011", "CHL012", "CHL013", "CHL014", "CHL015", "CHL016", "CHL017", "CHL018",
                "CHL019", "CHL02",
            ],
        );
        (sub, out)
    }

    #[test]
    fn a_task_more_than_72_hours_late_freezes_the_rewards_for_good() {
        let message = |on: &str| {
            let edit = ("plan", "date: 2026-12-19", format!("date: {on}"));
            let (_, out) = lint_after(&[(edit.0, edit.1, edit.2.as_str())]);
            assert_eq!(out.len(), 1, "{out:?}");
            out[0].message.clone()
        };
        // T+30 is 2026-12-25: 3 days (72 hours) late is late; 4 days freezes the rewards.
        let three = message("2026-12-28");
        assert!(!three.en.contains("freeze"), "{three:?}");
        let four = message("2026-12-29");
        assert!(
            four.en.contains("freezes this period's rewards")
                && four.en.contains("cannot be remedied"),
            "{four:?}"
        );
        assert!(
            four.zh.contains("冻结本期奖励") && four.zh.contains("无法补救"),
            "{four:?}"
        );
    }

    #[test]
    fn the_clean_plan_fires_nothing() {
        assert_eq!(findings_after(&[]), []);
    }

    #[test]
    fn missing_listing_compliance_is_reported_at_the_plan() {
        assert_eq!(
            findings_after(&[("plan", "listing_compliance: 100\n", "")]),
            [("CHL012", String::new())]
        );
        assert_eq!(
            findings_after(&[(
                "plan",
                "listing_compliance: 100",
                "listing_compliance: full"
            )]),
            []
        );
    }

    #[test]
    fn a_missing_challenge_start_is_reported_once_and_no_deadline_is_checked() {
        let no_start = ("submission", T_LINE, "");
        assert_eq!(findings_after(&[no_start]), [("CHL016", String::new())]);
        // Dates past what T+30 would be are not reported without T.
        let late = [
            no_start,
            (
                "logistics",
                "first_order_by: 2026-12-20",
                "first_order_by: 2027-02-01",
            ),
            ("plan", "date: 2026-12-19", "date: 2027-02-01"),
        ];
        assert_eq!(findings_after(&late), [("CHL016", String::new())]);
        // With T, both dates are late.
        assert_eq!(
            findings_after(&late[1..]),
            [
                ("CHL016", "2027-02-01".to_owned()),
                ("CHL016", "2027-02-01".to_owned())
            ]
        );
        // A T that could not be read is SUB002's.
        let unreadable = (
            "submission",
            "challenge_start: 2026-11-25",
            "challenge_start: soon",
        );
        assert_eq!(findings_after(&[unreadable]), []);
    }

    #[test]
    fn the_deadline_is_t_plus_30_natural_days() {
        let due = t_plus(date("2026-11-25"), STAGE_DEADLINE_DAYS);
        assert_eq!(due, date("2026-12-25"));
        assert_eq!(days_late(due, date("2026-12-25")), None);
        assert_eq!(days_late(due, date("2026-11-01")), None);
        assert_eq!(days_late(due, date("2026-12-26")), Some(1));
        assert_eq!(days_late(due, date("2027-01-02")), Some(8));
    }

    #[test]
    fn the_deadline_rolls_over_months_and_years() {
        // T on 2027-01-31: T+30 is 2 March in a common year, 1 March in a leap year.
        assert_eq!(
            t_plus(date("2027-01-31"), STAGE_DEADLINE_DAYS),
            date("2027-03-02")
        );
        assert_eq!(
            t_plus(date("2028-01-31"), STAGE_DEADLINE_DAYS),
            date("2028-03-01")
        );
        let due = t_plus(date("2026-12-10"), STAGE_DEADLINE_DAYS);
        assert_eq!(due, date("2027-01-09"));
        assert_eq!(days_late(due, date("2027-01-09")), None);
        assert_eq!(days_late(due, date("2027-01-10")), Some(1));
        assert_eq!(days_late(due, date("2027-03-01")), Some(51));
    }

    #[test]
    fn a_response_of_exactly_two_minutes_passes() {
        assert_eq!(duration_within("120s", MAX_RESPONSE_SECS), Duration::Within);
        assert_eq!(
            duration_within("3 min", MAX_RESPONSE_SECS),
            Duration::Over(180.0)
        );
    }

    #[test]
    fn stage_thresholds_are_exclusive() {
        assert!(!viewers_are_too_few(500));
        assert!(viewers_are_too_few(499));
        assert!(!compliance_is_incomplete(100.0));
        assert!(compliance_is_incomplete(99.9));
    }

    #[test]
    fn only_a_flag_that_is_true_counts() {
        assert!(!not_true(&Field::Present(sp(true))));
        assert!(not_true(&Field::Present(sp(false))));
        assert!(not_true(&Field::Absent));
        assert!(!not_true(&Field::Invalid(Span::new(FileId(0), 0..0))));
    }

    fn stream(on: Option<&str>) -> Sp<Livestream> {
        sp(Livestream {
            date: on.map_or(Field::Absent, |d| Field::Present(sp(date(d)))),
            expected_viewers: Field::Present(sp(crate::model::Count(MIN_VIEWERS))),
        })
    }

    #[test]
    fn late_livestreams_count_and_undated_ones_do_not() {
        let streams = List {
            items: vec![
                stream(Some("2026-12-05")),
                stream(Some("2027-01-02")),
                stream(None),
            ],
            dropped: 0,
        };
        assert_eq!(counted_livestreams(Some(&streams)), 2);
        let with_dropped = List {
            dropped: 1,
            ..streams
        };
        assert_eq!(counted_livestreams(Some(&with_dropped)), 3);
        assert_eq!(counted_livestreams(None), 0);
    }

    #[test]
    fn every_a_plus_entry_counts_whatever_its_flags() {
        let pages: List<crate::model::APlusPage> = List {
            items: (0..4)
                .map(|_| sp(crate::model::APlusPage::default()))
                .collect(),
            dropped: 1,
        };
        assert_eq!(entries(Some(&pages)), MIN_A_PLUS_PAGES);
        assert_eq!(entries::<crate::model::APlusPage>(None), 0);
    }
}
