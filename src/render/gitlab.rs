//! GitLab Code Quality: the JSON array of issues (the part of the Code Climate format GitLab
//! reads) that `artifacts: reports: codequality:` takes, so that findings show in the merge
//! request's Code Quality widget, on the changed lines.
//!
//! Each issue has the fields GitLab requires: `description` (the title and the message, in the
//! run's language), `check_name` (the code), `fingerprint` (the finding's stable fingerprint,
//! [`super::fingerprint`]), `severity` (error `major`, warning `minor`, info `info`) and
//! `location.path` (relative to the working directory: run from the repository root) with
//! `location.lines.begin` (1 for a finding about a whole document). A finding an inline comment
//! suppresses does not count, and is left out, as GitHub's annotations leave it out.

use crate::finding::{Lang, Severity, locate};
use crate::run::SubmissionReport;
use serde_json::{Value, json};

/// Code Quality's severity of a finding's.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The issues of one submission.
pub fn issues(sub: &SubmissionReport, lang: Lang) -> Vec<Value> {
    let fingerprints = super::fingerprint::of_submission(sub);
    sub.findings
        .iter()
        .zip(fingerprints)
        .filter(|(f, _)| f.suppression.is_none())
        .map(|(f, fingerprint)| {
            let loc = locate(&sub.loaded.db, f.place);
            let description = format!(
                "{}: {}",
                sub.catalogue.title_of(f, lang),
                f.message.get(lang)
            );
            json!({
                "description": crate::untrusted::line(&description),
                "check_name": f.code.as_str(),
                "fingerprint": fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": super::fingerprint::path_from_cwd(sub, &loc.file),
                    "lines": {"begin": loc.line.unwrap_or(1)},
                },
            })
        })
        .collect()
}
