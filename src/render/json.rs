//! The stable JSON contract of SPEC.md §5.

use super::{help, title};
use crate::finding::{Finding, Lang, Place};
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
    location: JsonLocation,
    labels: Vec<JsonLabel>,
    help: Option<String>,
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonLocation {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct JsonLabel {
    #[serde(flatten)]
    location: JsonLocation,
    message: String,
}

#[derive(Serialize)]
struct JsonFix {
    description: String,
    replacement: String,
}

/// File, 1-based line and column (in characters) and exclusive ends; no line for a whole file.
fn location(db: &SourceDb, place: Place) -> JsonLocation {
    let file = db.get(place.file());
    match place {
        Place::Span(s) => {
            let (line, column) = file.line_col(s.start as usize);
            let (end_line, end_column) = file.line_col(s.end as usize);
            JsonLocation {
                file: file.rel_path.clone(),
                line: Some(line),
                column: Some(column),
                end_line: Some(end_line),
                end_column: Some(end_column),
            }
        }
        Place::File(_) => JsonLocation {
            file: file.rel_path.clone(),
            line: None,
            column: None,
            end_line: None,
            end_column: None,
        },
    }
}

fn finding(db: &SourceDb, f: &Finding, lang: Lang) -> JsonFinding {
    JsonFinding {
        code: f.code,
        severity: f.severity.as_str(),
        title: title(f, lang),
        message: f.message.get(lang).to_owned(),
        location: location(db, f.place),
        labels: f
            .labels
            .iter()
            .map(|l| JsonLabel {
                location: location(db, l.place),
                message: l.message.get(lang).to_owned(),
            })
            .collect(),
        help: help(f).map(|h| h.get(lang).to_owned()),
        fix: f.fix.as_ref().map(|fix| JsonFix {
            description: fix.description.get(lang).to_owned(),
            replacement: fix.replacement.clone(),
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
