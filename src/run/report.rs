//! What a run found of one submission, and of the whole run when every report is kept.

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Place};
use crate::load::Submission;
use crate::model::Date;
use crate::report::{AsOfSource, Counts, FailOn, Outlook, Summary, Verdict};
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
    /// Where the as-of date came from.
    pub as_of_source: AsOfSource,
    pub loaded: Submission,
    /// Sorted: file, line, column, code.
    pub findings: Vec<Finding>,
    /// Whether it passes the gate, decided by the policy; every output reads it.
    pub verdict: Verdict,
    /// When inline suppressions are not honoured: the reason of the comment that would have
    /// suppressed a finding, by the finding's place and code (see
    /// [`SubmissionReport::ignored_suppression`]).
    pub ignored_suppressions: BTreeMap<(Place, String), Arc<str>>,
    /// The rules the findings refer to: the built-in ones and the run's rule packs.
    pub catalogue: Arc<Catalogue>,
    /// The codes of the catalogue that did not run for this submission: turned `off` by its
    /// configuration, or left out by `--select` / `--ignore` (JUnit lists only the rules that
    /// ran).
    pub not_run: std::collections::BTreeSet<String>,
    /// When the submission starts failing, over the default horizon of the forecast at the run's
    /// `--fail-on`; `None` when the run did not ask (only JSON, HTML and human output show it).
    pub outlook: Option<Outlook>,
    /// Values that read as meant, offered their canonical form (`--fix`, `--diff`).
    pub rewrites: Vec<crate::finding::Rewrite>,
}

impl SubmissionReport {
    /// The last day it still passes within the horizon of its outlook: `Some(None)` when it holds
    /// through the horizon, and when it fails now (its verdict); `None` when the run made no
    /// outlook.
    pub fn valid_until(&self) -> Option<Option<Date>> {
        let outlook = self.outlook?;
        Some(if self.verdict.passes() {
            outlook.valid_until()
        } else {
            None
        })
    }

    /// The reason of the inline suppression comment that covers `f` but was not honoured in this
    /// run (`--no-inline-suppressions`, `inline_suppressions: false`).
    pub fn ignored_suppression(&self, f: &Finding) -> Option<&str> {
        if self.ignored_suppressions.is_empty() {
            return None;
        }
        self.ignored_suppressions
            .get(&(f.place, f.code.to_string()))
            .map(|reason| &**reason)
    }
}

#[derive(Debug)]
pub struct Report {
    /// The run's counts, verdicts and `--today`.
    pub summary: Summary,
    pub submissions: Vec<SubmissionReport>,
}

impl Report {
    /// The report of `submissions`, judged as of `--today` (`as_of`) at `--fail-on`.
    pub fn of(submissions: Vec<SubmissionReport>, as_of: Option<Date>, fail_on: FailOn) -> Report {
        let mut counts = Counts::default();
        for s in &submissions {
            counts.add(Counts::of(&s.findings));
        }
        Report {
            summary: Summary {
                as_of,
                counts,
                submissions: submissions.len(),
                failing: submissions.iter().filter(|s| !s.verdict.passes()).count(),
                fail_on: fail_on.0,
            },
            submissions,
        }
    }

    /// The catalogue of the run (the built-in one for a run without submissions).
    pub fn catalogue(&self) -> Arc<Catalogue> {
        self.submissions
            .first()
            .map_or_else(Arc::default, |s| s.catalogue.clone())
    }

    pub fn counts(&self) -> Counts {
        self.summary.counts
    }
}
