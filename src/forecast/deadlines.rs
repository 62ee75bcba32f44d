//! The challenge programme's deadlines after a submission's as-of date: the end of each stage
//! (T+7, T+30, T+90) and each stage-2 task's reward freeze, 72 hours after its deadline. Days
//! are natural days in Beijing time, the programme's clock.

use crate::finding::Text;
use crate::load::Submission;
use crate::model::{Date, Program};
use crate::rules::chl::{FREEZE_HOURS, STAGE_DEADLINE_DAYS, t_plus};

/// The end of stage 1 (the capability self-test and the diagnosis report), in days after
/// `challenge_start`.
pub const STAGE_ONE_DAYS: i64 = 7;
/// The end of stage 3 (the rewards period), in days after `challenge_start`.
pub const STAGE_THREE_DAYS: i64 = 90;

/// A deadline of the challenge programme.
#[derive(Clone, Debug)]
pub struct Deadline {
    pub date: Date,
    /// Stable name of the deadline: `stage-1`, `stage-2`, `stage-3`, `freeze-first-order`, …
    pub kind: &'static str,
    pub summary: Text,
    /// What to do.
    pub description: Text,
}

/// The challenge's deadlines on or after `as_of` (none for the co-operation programme, or
/// without a readable `challenge_start`).
pub fn deadlines(sub: &Submission, as_of: Date) -> Vec<Deadline> {
    if sub.program != Program::Challenge {
        return Vec::new();
    }
    let Some(start) = sub
        .challenge
        .as_ref()
        .and_then(|c| c.data.challenge_start.get())
    else {
        return Vec::new();
    };
    let t = start.value;
    let (one, two, three) = (
        t_plus(t, STAGE_ONE_DAYS),
        t_plus(t, STAGE_DEADLINE_DAYS),
        t_plus(t, STAGE_THREE_DAYS),
    );
    // Due by the end of T+30 (Beijing time); 72 hours later, at the end of T+33, the rewards freeze.
    let freeze = two.add_days(FREEZE_HOURS / 24);
    let days = FREEZE_HOURS;
    let mut all = vec![
        Deadline {
            date: one,
            kind: "stage-1",
            summary: text!(
                "Challenge stage 1 ends (T+{STAGE_ONE_DAYS})",
                "挑战赛第一阶段截止（T+{STAGE_ONE_DAYS}）"
            ),
            description: text!(
                "Stage 1 (T+0 to T+{STAGE_ONE_DAYS}) ends today, {one} in Beijing time (T = {t}): have the capability self-test done and the diagnosis report (the potential assessment matrix) generated.",
                "第一阶段（T+0 至 T+{STAGE_ONE_DAYS}）于今天（北京时间 {one}，T = {t}）截止：请完成能力自测，并生成诊断报告（潜力评估矩阵）。"
            ),
        },
        Deadline {
            date: two,
            kind: "stage-2",
            summary: text!(
                "Challenge stage 2 ends (T+{STAGE_DEADLINE_DAYS})",
                "挑战赛第二阶段截止（T+{STAGE_DEADLINE_DAYS}）"
            ),
            description: text!(
                "Stage 2 ends today, {two} in Beijing time (T = {t}), counted in natural days, weekends included: have the first order shipped with the standard guaranteed shipping service, at least 5 A+ pages published and 3 livestreams of at least 500 viewers held.",
                "第二阶段于今天（北京时间 {two}，T = {t}）截止，按自然日计算，含周末：请完成标准保障物流首单、发布至少 5 个 A+ 页面，并完成 3 场观看人数不少于 500 的直播。"
            ),
        },
        Deadline {
            date: three,
            kind: "stage-3",
            summary: text!(
                "Challenge stage 3 ends (T+{STAGE_THREE_DAYS})",
                "挑战赛第三阶段截止（T+{STAGE_THREE_DAYS}）"
            ),
            description: text!(
                "Stage 3 (T+31 to T+{STAGE_THREE_DAYS}), the rewards period, ends today, {three} in Beijing time (T = {t}): redeem the rewards earned by meeting the targets (traffic coupons, search weighting, local service subsidies).",
                "第三阶段（T+31 至 T+{STAGE_THREE_DAYS}，奖励兑换期）于今天（北京时间 {three}，T = {t}）截止：请兑换达标所获的奖励（流量券、搜索加权、本地服务补贴）。"
            ),
        },
    ];
    let tasks = [
        (
            "freeze-first-order",
            text!(
                "the first order with the standard guaranteed shipping service",
                "使用标准保障物流服务完成首单"
            ),
        ),
        (
            "freeze-a-plus-pages",
            text!(
                "5 A+ pages with video and image carousel",
                "发布 5 个带视频和图片轮播的 A+ 页面"
            ),
        ),
        (
            "freeze-livestreams",
            text!(
                "3 livestreams of at least 500 viewers",
                "完成 3 场观看人数不少于 500 的直播"
            ),
        ),
    ];
    for (kind, task) in tasks {
        let (en, zh) = (&task.en, &task.zh);
        all.push(Deadline {
            date: freeze,
            kind,
            summary: text!(
                "Rewards freeze after today: {en}",
                "今天过后奖励将被冻结：{zh}"
            ),
            description: text!(
                "Due at T+{STAGE_DEADLINE_DAYS} ({two}); a task more than {days} hours late freezes the period's rewards at the end of today, {freeze} in Beijing time, and this cannot be remedied. If it is not done yet, do it today: {en}.",
                "该任务应于 T+{STAGE_DEADLINE_DAYS}（{two}）完成；逾期超过 {days} 小时将于今天（北京时间 {freeze}）结束时冻结本期奖励，且无法补救。如尚未完成，请今天完成：{zh}。"
            ),
        });
    }
    all.retain(|d| d.date >= as_of);
    all.sort_by_key(|d| d.date);
    all
}
