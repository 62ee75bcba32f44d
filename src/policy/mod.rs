//! The run's policy, applied once to every finding of a submission after all its rules and
//! packs have run (like cargo-deny's diagnostic sink): inline suppressions, severity from the
//! catalogue and the configuration's levels, and `--select` / `--ignore`. Rules never decide
//! severity or whether they are wanted.

pub mod suppress;

use crate::catalogue::Catalogue;
use crate::config::Level;
use crate::finding::{Finding, Severity};
use crate::load::Submission;
use crate::report::{FailOn, Verdict};
use std::collections::BTreeMap;

/// What decides which findings a submission's report keeps, and at what severity.
pub struct Policy<'a> {
    /// The rules of the run: severities, and which codes exist.
    pub catalogue: &'a Catalogue,
    /// Levels from the configuration (`off` turns a rule off).
    pub levels: &'a BTreeMap<String, Level>,
    /// `--select`: only codes starting with one of these (empty: all).
    pub select: &'a [String],
    /// `--ignore`: never codes starting with one of these.
    pub ignore: &'a [String],
    /// Whether `# selfcheck: ignore[…]` comments are honoured.
    pub inline_suppressions: bool,
    /// `--fail-on`: what fails the gate.
    pub fail_on: FailOn,
}

impl Policy<'_> {
    /// Whether the rule `code` runs at all: not turned off, selected and not ignored. A rule
    /// that does not run is not asked for findings.
    pub fn runs(&self, code: &str) -> bool {
        let on = self
            .levels
            .get(code)
            .is_none_or(|level| level.severity().is_some());
        let selected = self.select.is_empty() || self.select.iter().any(|p| code.starts_with(p));
        let ignored = self.ignore.iter().any(|p| code.starts_with(p));
        on && selected && !ignored
    }

    /// The severity of `code`'s findings: the configuration's level, else the catalogue's.
    pub fn severity(&self, code: &str) -> Severity {
        self.levels
            .get(code)
            .and_then(|level| level.severity())
            .or_else(|| self.catalogue.severity(code))
            .unwrap_or(Severity::Error)
    }

    /// Applies the policy to a submission's findings: suppressions are marked (and unused ones
    /// reported as SEL001), findings of rules that do not run are dropped, each finding gets
    /// its severity, and floods are capped ([`crate::finding::cap`]; the loader and `Ctx` cap
    /// as they go, this catches what else there is, SEL001 included).
    pub fn apply(&self, findings: &mut Vec<Finding>, sub: &Submission) {
        if self.inline_suppressions {
            // A suppression naming a known rule that does not run is not "unused".
            let not_run = |code: &str| self.catalogue.get(code).is_some() && !self.runs(code);
            suppress::apply(findings, sub, self.catalogue, &not_run);
        }
        findings.retain(|f| self.runs(f.code.as_str()));
        for f in findings.iter_mut() {
            f.severity = self.severity(f.code.as_str());
        }
        crate::finding::cap(findings, &sub.db, |f| sub.suppressions.reason(&sub.db, f));
    }

    /// Whether `f` fails the gate: it counts (no inline suppression covers it) and its severity
    /// is at or above `--fail-on`. The one place this is decided: the verdict, the forecast's
    /// breaks and every output follow it.
    pub fn fails(&self, f: &Finding) -> bool {
        f.suppression.is_none() && self.fail_on.0.is_some_and(|level| f.severity >= level)
    }

    /// The verdict on a submission's judged findings.
    pub fn verdict(&self, findings: &[Finding]) -> Verdict {
        Verdict::of(
            findings
                .iter()
                .filter(|f| self.fails(f))
                .map(|f| f.code.clone())
                .collect(),
        )
    }

    /// The policy for what the run says about a submission's configuration (SEL002, SEL003):
    /// no comment suppresses them; SEL003 is kept whatever `--select` chose (a configuration
    /// that cannot be used must not pass in silence), unless `--ignore` names it.
    pub fn admit_configuration(&self, findings: &mut Vec<Finding>) {
        let ignored = |code: &str| self.ignore.iter().any(|p| code.starts_with(p));
        findings.retain(|f| {
            let code = f.code.as_str();
            self.runs(code) || (f.code == crate::code::Code::SEL003 && !ignored(code))
        });
        for f in findings.iter_mut() {
            f.severity = self.severity(f.code.as_str());
        }
    }
}
