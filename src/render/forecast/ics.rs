//! `selfcheck forecast --format ics`: an RFC 5545 calendar, written with the `icalendar` crate.
//! One all-day event for a submission that fails on its as-of date, one per break, and one per
//! date to act by (the challenge's deadlines, the co-operation programme's changes to report and
//! renewals). Each event has a reminder 3 days before, says what to do in
//! the run's language, and has a `UID` derived from the submission's path, the event's kind and
//! its date, so that importing a later run updates the events instead of adding copies.

use super::{Gained, why_line};
use crate::date::Date;
use crate::finding::Lang;
use crate::forecast::{Break, Forecast};
use crate::render::words;
use icalendar::{Alarm, Calendar, Component, EventLike, Trigger};

/// Days before an event that its reminder fires.
pub const REMINDER_DAYS: i64 = 3;

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
    crate::untrusted::line(s).into_owned()
}

/// An all-day event; `description` is shown as it is given (its lines made safe by the caller).
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
        .description(description)
        .alarm(reminder)
        .done()
}

fn break_event(f: &Forecast<Gained>, b: &Break<Gained>, lang: Lang) -> icalendar::Event {
    let codes: Vec<&str> = b.findings.iter().map(|g| g.code.as_str()).collect();
    let codes = codes.join(", ");
    let path = &f.path;
    let summary = words::calendar_break(path, &codes).get(lang).to_owned();
    let what = FindingEvent {
        kind: format!("break:{codes}"),
        on: b.date,
        why: why_line(b, lang),
    };
    finding_event(f, what, &summary, b.findings.iter(), lang)
}

/// An event about findings: its kind (part of its UID), its date and why it happens.
struct FindingEvent {
    kind: String,
    on: Date,
    why: String,
}

/// The event `what` of `f`, titled `summary`: why, then each finding's help at its place, then
/// the command that shows it. Each line is shown safely on its own; the line breaks between them
/// are selfcheck's.
fn finding_event<'g>(
    f: &Forecast<Gained>,
    what: FindingEvent,
    summary: &str,
    findings: impl Iterator<Item = &'g Gained>,
    lang: Lang,
) -> icalendar::Event {
    let mut lines = vec![what.why];
    for g in findings {
        if let Some(help) = &g.help {
            lines.push(safe(&format!("{} ({}): {}", g.code, g.at, help.get(lang))));
        }
    }
    lines.push(safe(words::calendar_see(&f.path, what.on).get(lang)));
    event(
        &uid(&f.path, &what.kind, what.on),
        what.on,
        summary,
        &lines.join("\n"),
    )
}

/// The event of a submission that fails on its as-of date: what fails it, and what to do.
fn fails_now_event(f: &Forecast<Gained>, lang: Lang) -> icalendar::Event {
    let codes = super::now_codes(&f.now).join(", ");
    let summary = words::fails_now_summary(&f.path, &codes)
        .get(lang)
        .to_owned();
    let what = FindingEvent {
        kind: format!("fails-now:{codes}"),
        on: f.as_of,
        why: super::now_line(&f.now, lang),
    };
    finding_event(f, what, &summary, f.now.iter().map(|n| &n.finding), lang)
}

/// The calendar of a run's forecasts.
pub fn calendar(forecasts: &[Forecast<Gained>], lang: Lang) -> String {
    let mut cal = Calendar::new();
    cal.name(words::calendar_name().get(lang));
    for f in forecasts {
        if f.fails_now() {
            cal.push(fails_now_event(f, lang));
        }
        for b in &f.breaks {
            cal.push(break_event(f, b, lang));
        }
        for d in &f.deadlines {
            let summary = format!("{}: {}", f.path, d.summary.get(lang));
            let description: Vec<String> = d.description.get(lang).lines().map(safe).collect();
            cal.push(event(
                &uid(&f.path, d.kind, d.date),
                d.date,
                &summary,
                &description.join("\n"),
            ));
        }
    }
    cal.done().to_string()
}
