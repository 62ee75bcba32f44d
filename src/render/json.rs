//! The stable JSON contract of SPEC.md §5.

use super::{Location, help, locate, title};
use crate::finding::{Finding, Lang};
use crate::source::SourceDb;
use crate::{Counts, Report};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    as_of: String,
    submissions: Vec<JsonSubmission<'a>>,
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonSubmission<'a> {
    path: &'a str,
    findings: Vec<JsonFinding>,
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
}

impl From<Counts> for JsonCounts {
    fn from(c: Counts) -> Self {
        JsonCounts {
            error: c.error,
            warning: c.warning,
            info: c.info,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding {
    code: &'static str,
    severity: &'static str,
    title: String,
    message: String,
    #[serde(flatten)]
    location: Location,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    fix: Option<JsonFix>,
    /// Only on a finding covered by an inline suppression (which does not count).
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<JsonSuppression>,
}

#[derive(Serialize)]
struct JsonSuppression {
    kind: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    location: Location,
    message: String,
}

#[derive(Serialize)]
struct JsonFix {
    description: String,
    replacement: String,
}

fn finding(db: &SourceDb, f: &Finding, lang: Lang) -> JsonFinding {
    JsonFinding {
        code: f.code,
        severity: f.severity.as_str(),
        title: title(f, lang),
        message: f.message.get(lang).to_owned(),
        location: locate(db, f.place),
        labels: f
            .labels
            .iter()
            .map(|l| JsonLabel {
                location: locate(db, l.place),
                message: l.message.get(lang).to_owned(),
            })
            .collect(),
        help: help(f).map(|h| h.get(lang).to_owned()),
        fix: f.fix.as_ref().map(|fix| JsonFix {
            description: fix.description.get(lang).to_owned(),
            replacement: fix.replacement.clone(),
        }),
        suppression: f.suppression.as_ref().map(|reason| JsonSuppression {
            kind: "inline",
            reason: reason.clone(),
        }),
    }
}

pub fn render(report: &Report, lang: Lang) -> String {
    let json = JsonReport {
        version: 1,
        as_of: report.as_of.to_string(),
        submissions: report
            .submissions
            .iter()
            .map(|s| JsonSubmission {
                path: &s.path,
                findings: s
                    .findings
                    .iter()
                    .map(|f| finding(&s.loaded.db, f, lang))
                    .collect(),
                counts: Counts::of(&s.findings).into(),
            })
            .collect(),
        counts: report.counts().into(),
    };
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_default();
    out.push('\n');
    out
}
