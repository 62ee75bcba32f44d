//! `selfcheck forecast --format ics`: an RFC 5545 calendar, written with the `icalendar` crate.
//! One all-day event per break, and for the challenge programme the stage deadlines (T+7, T+30,
//! T+90) and each stage-2 task's reward freeze, 72 hours after its deadline. Days are natural
//! days in Beijing time, the programme's clock, so every event is an all-day date. Each event
//! has a reminder 3 days before, says what to do in the run's language, and has a `UID` derived
//! from the submission's path, the event's kind and its date, so that importing a later run
//! updates the events instead of adding copies.

use super::{Break, Forecast};
use crate::finding::{Lang, Text};
use crate::load::Submission;
use crate::model::{Date, Program};
use crate::rules::chl::{STAGE_DEADLINE_DAYS, t_plus};
use crate::text;
use icalendar::{Alarm, Calendar, Component, EventLike, Trigger};

/// The end of stage 1 (registration), in days after `challenge_start`.
pub const STAGE_ONE_DAYS: i64 = 7;
/// The end of stage 3, in days after `challenge_start`.
pub const STAGE_THREE_DAYS: i64 = 90;
/// A task over this many hours late freezes the period's rewards.
pub const FREEZE_HOURS: i64 = 72;
/// Days before an event that its reminder fires.
pub const REMINDER_DAYS: i64 = 3;

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
                "Stage 1 ends today, {one} in Beijing time (T = {t}): have the registration materials complete and accepted.",
                "第一阶段于今天（北京时间 {one}，T = {t}）截止：请确保报名材料齐全并已通过。"
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
                "Stage 3 ends today, {three} in Beijing time (T = {t}): finish every task still open.",
                "第三阶段于今天（北京时间 {three}，T = {t}）截止：请完成所有未完成的任务。"
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
                "Due at T+{STAGE_DEADLINE_DAYS} ({two}); a task over {days} hours late freezes the period's rewards at the end of today, {freeze} in Beijing time. If it is not done yet, do it today: {en}.",
                "该任务应于 T+{STAGE_DEADLINE_DAYS}（{two}）完成；逾期超过 {days} 小时将于今天（北京时间 {freeze}）结束时冻结本期奖励。如尚未完成，请今天完成：{zh}。"
            ),
        });
    }
    all.retain(|d| d.date >= as_of);
    all.sort_by_key(|d| d.date);
    all
}

/// A stable identifier of an event: a hash of the submission's path, the event's kind and its
/// date (FNV-1a, 128 bits), the same in every run.
pub fn uid(path: &str, kind: &str, date: Date) -> String {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in format!("{path}\u{0}{kind}\u{0}{date}").bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    format!("{hash:032x}@selfcheck")
}

fn naive(date: Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.0.year()),
        u32::try_from(date.0.month()).unwrap_or(1),
        u32::try_from(date.0.day()).unwrap_or(1),
    )
    .unwrap_or_default()
}

fn safe(s: &str) -> String {
    crate::render::untrusted::line(s).into_owned()
}

fn event(uid: &str, date: Date, summary: &str, description: &str) -> icalendar::Event {
    let reminder = Alarm::display(
        &safe(summary),
        Trigger::before_start(chrono::Duration::days(REMINDER_DAYS)),
    )
    .uid(&format!("reminder-{uid}"))
    .done();
    // An all-day event ends, exclusively, on the next day.
    icalendar::Event::new()
        .uid(uid)
        .all_day(naive(date))
        .ends(naive(date.add_days(1)))
        .summary(&safe(summary))
        .description(&safe(description))
        .alarm(reminder)
        .done()
}

fn break_event(f: &Forecast, b: &Break, lang: Lang) -> icalendar::Event {
    let codes: Vec<&str> = b.findings.iter().map(|g| g.code.as_str()).collect();
    let codes = codes.join(", ");
    let path = &f.path;
    let summary = match lang {
        Lang::En => format!("{path}: {codes} from today"),
        Lang::Zh => format!("{path}：今天起出现 {codes}"),
    };
    let mut lines = vec![super::why_line(b, lang)];
    for g in &b.findings {
        if let Some(help) = &g.help {
            lines.push(format!("{} ({}): {}", g.code, g.at, help.get(lang)));
        }
    }
    lines.push(match lang {
        Lang::En => format!("Run `selfcheck lint {path} --today {}` to see it.", b.date),
        Lang::Zh => format!("运行 `selfcheck lint {path} --today {}` 查看详情。", b.date),
    });
    let kind = format!("break:{codes}");
    event(
        &uid(path, &kind, b.date),
        b.date,
        &summary,
        &lines.join("\n"),
    )
}

/// The calendar of a run's forecasts.
pub fn calendar(forecasts: &[Forecast], lang: Lang) -> String {
    let mut cal = Calendar::new();
    cal.name(match lang {
        Lang::En => "selfcheck deadlines",
        Lang::Zh => "selfcheck 截止日期",
    });
    for f in forecasts {
        for b in &f.breaks {
            cal.push(break_event(f, b, lang));
        }
        for d in &f.deadlines {
            let summary = format!("{}: {}", f.path, d.summary.get(lang));
            cal.push(event(
                &uid(&f.path, d.kind, d.date),
                d.date,
                &summary,
                d.description.get(lang),
            ));
        }
    }
    cal.done().to_string()
}
