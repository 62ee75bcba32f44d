//! What a run decides and foresees, as plain values every layer may hold: the counts, the one
//! [`Verdict`] of a submission, the forecast's horizon and change points, and the summary of a
//! run. The policy computes the verdict (`crate::policy`); every output and the exit status
//! read it.

use crate::code::RuleCode;
use crate::date::Date;
use crate::finding::{Finding, Severity, Text};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    /// Counts the findings that are not suppressed; the summary of a flood counts as the
    /// findings it stands for ([`Finding::counts_as`]).
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings.into_iter().filter(|f| f.suppression.is_none()) {
            let n = f.counts_as();
            match f.severity {
                Severity::Error => c.error += n,
                Severity::Warning => c.warning += n,
                Severity::Info => c.info += n,
            }
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }

    pub fn at_or_above(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.error + self.warning + self.info,
        }
    }
}

/// Where a submission's as-of date came from (SPEC §1): `--today` if given, else today in China
/// Standard Time, or `submitted_on` when that is later. The seller's date can only make the
/// check stricter: a `submitted_on` in the past never moves the date back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    /// `--today`, the caller's choice.
    Flag,
    /// Today in China Standard Time (UTC+8).
    Today,
    /// `submitted_on` of `submission.yaml`, a date later than today.
    SubmittedOn,
}

impl AsOfSource {
    /// The as-of date of a submission and where it came from: `--today` (`flag`), else the later
    /// of `today` and the seller's `submitted_on`.
    pub fn choose(
        flag: Option<Date>,
        today: Date,
        submitted_on: Option<Date>,
    ) -> (Date, AsOfSource) {
        match (flag, submitted_on) {
            (Some(date), _) => (date, AsOfSource::Flag),
            (None, Some(planned)) if planned > today => (planned, AsOfSource::SubmittedOn),
            (None, _) => (today, AsOfSource::Today),
        }
    }

    /// As JSON's `as_of_source` says it: `--today`, `today` or `submitted_on`.
    pub fn as_str(self) -> &'static str {
        match self {
            AsOfSource::Flag => "--today",
            AsOfSource::Today => "today",
            AsOfSource::SubmittedOn => "submitted_on",
        }
    }
}

/// `--fail-on`: the least severity that fails the gate; `None` (`never`): nothing does. Errors
/// unless told otherwise: a gate that was not configured stays closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailOn(pub Option<Severity>);

impl Default for FailOn {
    fn default() -> FailOn {
        FailOn(Some(Severity::Error))
    }
}

/// Whether a submission passes the gate, and which rules make it fail: decided once, by the
/// policy, from the findings that count at `--fail-on` (`crate::policy::Gate`). Every output
/// and the exit status read it; none derives it again from severities.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The rules with at least one finding that fails the gate, in code order; empty when the
    /// submission passes.
    failing: Vec<RuleCode>,
}

impl Verdict {
    /// The verdict of a submission failed by the rules `failing`, in any order, repeats allowed.
    pub fn of(mut failing: Vec<RuleCode>) -> Verdict {
        failing.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        failing.dedup();
        Verdict { failing }
    }

    pub fn passes(&self) -> bool {
        self.failing.is_empty()
    }

    /// Whether the rule `code` is one that fails the submission.
    pub fn fails_on(&self, code: &str) -> bool {
        self.failing.iter().any(|c| c.as_str() == code)
    }

    /// The rules that fail the submission, in code order.
    pub fn failing(&self) -> &[RuleCode] {
        &self.failing
    }

    /// `passing` or `failing`, as JSON's `status` says it.
    pub fn status(&self) -> &'static str {
        if self.passes() { "passing" } else { "failing" }
    }
}

/// How far ahead the forecast looks: the days after each submission's as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    /// Days after the as-of date that are looked at: `as_of + 1 ..= as_of + days`.
    pub days: i64,
}

impl Horizon {
    /// When `--days` is not given, and what `lint` looks ahead for `valid_until`.
    pub const DEFAULT: Horizon = Horizon { days: 180 };
}

/// A date on which a rule's verdict may differ from the day before, and why (for the forecast:
/// `selfcheck forecast` lints a submission only on these dates and the days before them).
#[derive(Clone, Debug, PartialEq)]
pub struct ChangePoint {
    pub on: Date,
    pub why: Text,
}

/// Whether change points are given with their reasons: `lint` needs only their dates (the first
/// break), `selfcheck forecast` says why each break happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reasons {
    Written,
    /// Each change point's `why` is left empty.
    Left,
}

impl Reasons {
    /// A change point's `why`: written only when reasons are.
    pub fn why(self, why: impl FnOnce() -> Text) -> Text {
        match self {
            Reasons::Written => why(),
            Reasons::Left => Text::default(),
        }
    }
}

/// What the forecast says of one submission in a lint run (`selfcheck forecast` says more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outlook {
    /// The first date within the horizon on which it gains a finding at or above `--fail-on`
    /// that it does not have on its as-of date; `None`: it holds through the horizon.
    pub first_break: Option<Date>,
    /// The last day of the horizon.
    pub horizon_end: Date,
}

impl Outlook {
    /// The last day on which the submission holds: the day before its first break; `None` when
    /// it holds through the horizon.
    pub fn valid_until(&self) -> Option<Date> {
        self.first_break.map(|d| d.add_days(-1))
    }
}

/// What a whole run comes to, once every submission has been handed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// `--today`; `None` without it (each submission has its own as-of date).
    pub as_of: Option<Date>,
    pub counts: Counts,
    pub submissions: usize,
    /// How many submissions fail the gate (their [`Verdict`]).
    pub failing: usize,
    /// `--fail-on`: findings at or above this severity fail the gate; `None` (`never`): none.
    pub fail_on: Option<Severity>,
}

impl Summary {
    /// Whether the run fails the gate: some submission fails it (exit status 1).
    pub fn fails(&self) -> bool {
        self.failing > 0
    }
}

impl Counts {
    /// Whether nothing was found at all.
    pub fn is_empty(&self) -> bool {
        self.error + self.warning + self.info == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seller_can_only_move_the_as_of_date_later() {
        let d = |s| Date::parse(s, false).unwrap();
        let today = d("2026-12-07");
        assert_eq!(
            AsOfSource::choose(None, today, Some(d("2025-01-01"))),
            (today, AsOfSource::Today)
        );
        assert_eq!(
            AsOfSource::choose(None, today, Some(d("2027-01-10"))),
            (d("2027-01-10"), AsOfSource::SubmittedOn)
        );
        assert_eq!(
            AsOfSource::choose(None, today, Some(today)),
            (today, AsOfSource::Today)
        );
        assert_eq!(
            AsOfSource::choose(None, today, None),
            (today, AsOfSource::Today)
        );
        assert_eq!(
            AsOfSource::choose(Some(d("2020-02-02")), today, Some(d("2027-01-10"))),
            (d("2020-02-02"), AsOfSource::Flag)
        );
    }
}
