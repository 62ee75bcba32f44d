//! The Global Seller Challenge readiness checklist, CHL001–CHL021 (`program: challenge`; CHL008
//! is retired). The
//! licence rules shared with the co-operation programme (LIC001, LIC002, LIC004, LIC006, LIC007)
//! live in `lic` and run for both.
//!
//! `registration` holds CHL001–CHL010 and CHL021 (eligibility, attachments, logistics agreement
//! and service levels); `plan` CHL011–CHL016 (the staged tasks and their deadline); `diagnosis`
//! CHL017–CHL019; `local_registrations` CHL020.

pub(crate) mod diagnosis;
pub(crate) mod local_registrations;
pub(crate) mod plan;
pub(crate) mod registration;

use crate::model::Date;

/// Days of the challenge are natural days in Beijing time (UTC+8), weekends and holidays
/// included: T+n is simply the calendar date n days after `challenge_start`.
pub fn t_plus(start: Date, days: i64) -> Date {
    start.add_days(days)
}

/// The stage-2 deadline, T+30.
pub const STAGE_DEADLINE_DAYS: i64 = 30;

/// A task more than this many hours past its deadline freezes that period's rewards, and this
/// cannot be remedied (the compliance fuse, since 2024).
pub const FREEZE_HOURS: i64 = 72;
