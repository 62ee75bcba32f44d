//! The co-operation programme's dates to act by, before a rule fires: they are no failure yet,
//! and the forecast lists them (and puts them in the calendar) with the date to act.
//!
//! - a change of return address or contact not reported yet: report it by `effective_from` − 30
//!   days (RET009 fires the day after);
//! - the business licence: renew it by the last day before LIC004 fires (its `valid_until` falls
//!   before the end of a review started on that day);
//! - each certificate: start renewing it [`CERTIFICATION_WORKING_DAYS`] working days before CMP003
//!   would fire (29 days before its `valid_until`), since certification takes 9.3 working days on
//!   average (the programme's figure).

use super::deadlines::Deadline;
use crate::load::Submission;
use crate::model::{Date, Program};
use crate::rules::{cmp, lic, ret};

/// Working days a certificate's renewal is started before CMP003 would fire: certification takes
/// 9.3 working days on average.
pub const CERTIFICATION_WORKING_DAYS: i64 = 10;

/// The dates to act by that fall from `as_of` to `end` (the horizon's last day), by date: none
/// for the challenge programme, and none for what fails already (that is a finding).
pub fn due(sub: &Submission, as_of: Date, end: Date) -> Vec<Deadline> {
    if sub.program != Program::Cooperation {
        return Vec::new();
    }
    let mut all = Vec::new();
    for (market, effective) in ret::unreported_changes(sub) {
        let by = ret::report_by(effective);
        all.push(Deadline {
            date: by,
            kind: "report-change",
            summary: text!(
                "Report the change of the {market} return address or contact by today",
                "今天是报备 {market} 退货地址或联系人变更的最后一天"
            ),
            description: text!(
                "The change of the {market} return address or contact takes effect on {effective}: report it to the platform today at the latest, 30 days before, and write the date as `reported_on` in returns.yaml. From tomorrow it can no longer be reported in time (RET009).",
                "{market} 退货地址或联系人的变更将于 {effective} 生效：请最晚于今天（生效前 30 天）向平台报备，并在 returns.yaml 中以 `reported_on` 写明报备日期。明天起将无法按时报备（RET009）。"
            ),
        });
    }
    if let Some(until) = lic::licence_end(sub) {
        let fails = lic::licence_fails_from(until);
        let by = fails.add_days(-1);
        if fails > as_of {
            all.push(Deadline {
                date: by,
                kind: "renew-licence",
                summary: text!(
                    "Renew the business licence by today (valid until {until})",
                    "今天前须换发营业执照（有效期至 {until}）"
                ),
                description: text!(
                    "The business licence is valid until {until}. From tomorrow, {fails}, a review started that day would end after it (LIC004): renew the licence with the registration authority and submit the renewed one, with its new `valid_until`.",
                    "营业执照有效期至 {until}。自明天（{fails}）起，当天开始的审核将在执照到期后才结束（LIC004）：请向登记机关办理换发，并提交新执照及其新的 `valid_until`。"
                ),
            });
        }
    }
    for (kind, until) in cmp::certificate_ends(sub) {
        let warns = cmp::certificate_warns_from(until);
        if warns <= as_of {
            continue;
        }
        let start = warns
            .add_working_days(-CERTIFICATION_WORKING_DAYS)
            .max(as_of);
        let days = CERTIFICATION_WORKING_DAYS;
        all.push(Deadline {
            date: start,
            kind: "renew-certificate",
            summary: text!(
                "Start renewing the {kind} certificate today (valid until {until})",
                "今天须开始续期 {kind} 证书（有效期至 {until}）"
            ),
            description: text!(
                "The {kind} certificate is valid until {until}; from {warns} it has fewer than 30 days left (CMP003). Certification takes 9.3 working days on average: start the renewal today, {days} working days before, and replace the entry in compliance.yaml with the renewed certificate, its new `valid_until` and its scan.",
                "{kind} 证书有效期至 {until}；自 {warns} 起剩余有效期不足 30 天（CMP003）。认证平均需要 9.3 个工作日：请于今天（提前 {days} 个工作日）开始续期，并在 compliance.yaml 中用新证书、新的 `valid_until` 及扫描件替换该条目。"
            ),
        });
    }
    all.retain(|d| d.date >= as_of && d.date <= end);
    all.sort_by_key(|d| d.date);
    all
}
