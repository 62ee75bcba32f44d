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
