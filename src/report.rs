//! What a run found: one report per submission, and the counts that decide the exit status.

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Severity};
use crate::load::Submission;
use crate::model::Date;
use std::sync::Arc;

/// The result of linting one submission.
#[derive(Debug)]
pub struct SubmissionReport {
    /// The folder as the user named it (relative paths stay relative), with `/` separators.
    pub path: String,
    pub as_of: Date,
    pub loaded: Submission,
    /// Sorted: file, line, column, code.
    pub findings: Vec<Finding>,
    /// The rules the findings refer to: the built-in ones and the run's rule packs.
    pub catalogue: Arc<Catalogue>,
}

#[derive(Debug)]
pub struct Report {
    pub as_of: Date,
    pub submissions: Vec<SubmissionReport>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    /// Counts the findings that are not suppressed.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings.into_iter().filter(|f| f.suppression.is_none()) {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
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
    /// `--today`, else the as-of date all submissions share, else today (UTC+8).
    pub as_of: Date,
    pub counts: Counts,
    pub submissions: usize,
}
