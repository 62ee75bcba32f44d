//! What a run found: one report per submission, and the counts that decide the exit status.

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Place, Severity};
use crate::load::Submission;
use crate::model::Date;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The result of linting one submission.
#[derive(Debug)]
pub struct SubmissionReport {
    /// The folder as the user named it (relative paths stay relative), with `/` separators.
    pub path: String,
    /// The configuration file that applied, relative to the working directory with `/`
    /// separators; `None`: the built-in defaults.
    pub config: Option<String>,
    pub as_of: Date,
    pub loaded: Submission,
    /// Sorted: file, line, column, code.
    pub findings: Vec<Finding>,
    /// When inline suppressions are not honoured: the reason of the comment that would have
    /// suppressed a finding, by the finding's place and code (see
    /// [`SubmissionReport::ignored_suppression`]).
    pub ignored_suppressions: BTreeMap<(Place, String), String>,
    /// The rules the findings refer to: the built-in ones and the run's rule packs.
    pub catalogue: Arc<Catalogue>,
    /// The codes of the catalogue that did not run for this submission: turned `off` by its
    /// configuration, or left out by `--select` / `--ignore` (JUnit lists only the rules that
    /// ran).
    pub not_run: std::collections::BTreeSet<String>,
    /// When the submission starts failing, over the default horizon of the forecast at the run's
    /// `--fail-on`; `None` when the run did not ask (only JSON, HTML and human output show it).
    pub outlook: Option<Outlook>,
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

impl SubmissionReport {
    /// The reason of the inline suppression comment that covers `f` but was not honoured in this
    /// run (`--no-inline-suppressions`, `inline_suppressions: false`).
    pub fn ignored_suppression(&self, f: &Finding) -> Option<&str> {
        if self.ignored_suppressions.is_empty() {
            return None;
        }
        self.ignored_suppressions
            .get(&(f.place, f.code.to_string()))
            .map(String::as_str)
    }
}

#[derive(Debug)]
pub struct Report {
    /// `--today`: the one date every submission was judged at; `None` without it, each
    /// submission then having its own (`SubmissionReport::as_of`).
    pub as_of: Option<Date>,
    pub submissions: Vec<SubmissionReport>,
}

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

impl Report {
    /// The catalogue of the run (the built-in one for a run without submissions).
    pub fn catalogue(&self) -> Arc<Catalogue> {
        self.submissions
            .first()
            .map_or_else(Arc::default, |s| s.catalogue.clone())
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.submissions {
            c.add(Counts::of(&s.findings));
        }
        c
    }
}

/// What a whole run comes to, once every submission has been handed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// `--today`; `None` without it (each submission has its own as-of date).
    pub as_of: Option<Date>,
    pub counts: Counts,
    pub submissions: usize,
}
