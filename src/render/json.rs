//! The stable JSON contract of SPEC.md §5.

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Lang};
use crate::finding::{Location, locate};
use crate::report::Counts;
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::SourceDb;
use serde::Serialize;

#[derive(Serialize)]
struct JsonSubmission<'a> {
    path: &'a str,
    /// `cooperation` or `challenge`.
    program: &'static str,
    /// The as-of date the submission's date rules used.
    as_of: String,
    /// Where it came from: `--today`, `today` or `submitted_on`.
    as_of_source: &'static str,
    /// The configuration that applied, relative to the working directory; null: the defaults.
    config: Option<&'a str>,
    /// `passing` or `failing` at `--fail-on`: the report's verdict, decided by the policy.
    status: &'static str,
    /// The last day before the submission gains a finding at or above `--fail-on`, over the
    /// forecast's default horizon; null when it holds through it, and when it fails now. `lint`
    /// always writes it; a report made without the forecast (the library's default options)
    /// leaves it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_until: Option<Option<String>>,
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
    code: String,
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
    /// Only on a finding an inline suppression names but that counts, because the run does not
    /// honour inline suppressions (`--no-inline-suppressions`, `inline_suppressions: false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    ignored_suppression: Option<JsonSuppression>,
    /// Only on the summary of a flood (SPEC §7: past the first 100 findings of one rule in one
    /// file, the rest are left out and one summary finding at the whole file stands for them):
    /// how many findings of its rule in its file were left out. The summary counts as that many
    /// in `counts` and the exit status. An additive key of version 1.
    #[serde(skip_serializing_if = "is_zero")]
    omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
    /// Where the replacement goes, when not the finding's own place (an additive key of version
    /// 1: SLA001's fix of a language entry).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    at: Option<Location>,
}

fn finding(
    catalogue: &Catalogue,
    db: &SourceDb,
    f: &Finding,
    ignored: Option<&str>,
    lang: Lang,
) -> JsonFinding {
    JsonFinding {
        code: f.code.to_string(),
        severity: f.severity.as_str(),
        title: catalogue.title_of(f, lang),
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
        help: catalogue.help_of(f).map(|h| h.get(lang).to_owned()),
        fix: f.fix.as_ref().map(|fix| JsonFix {
            description: fix.description.get(lang).to_owned(),
            replacement: fix.replacement.clone(),
            at: fix.at.map(|at| locate(db, crate::finding::Place::Span(at))),
        }),
        suppression: f.suppression.as_ref().map(|reason| JsonSuppression {
            kind: "inline",
            reason: reason.to_string(),
        }),
        ignored_suppression: ignored.map(|reason| JsonSuppression {
            kind: "inline",
            reason: reason.to_owned(),
        }),
        omitted: f.omitted,
    }
}

/// One finding in the shape of a submission's `findings` list (`selfcheck forecast` reuses it).
pub fn finding_value(
    catalogue: &Catalogue,
    db: &SourceDb,
    f: &Finding,
    lang: Lang,
) -> serde_json::Value {
    serde_json::to_value(finding(catalogue, db, f, None, lang)).unwrap_or_default()
}

/// One submission's object of the `submissions` list.
pub fn submission(sub: &SubmissionReport, lang: Lang) -> serde_json::Value {
    let value = JsonSubmission {
        path: &sub.path,
        program: sub.loaded.program.as_str(),
        as_of: sub.as_of.to_string(),
        as_of_source: sub.as_of_source.as_str(),
        config: sub.config.as_deref(),
        status: sub.verdict.status(),
        valid_until: sub.valid_until().map(|d| d.map(|d| d.to_string())),
        findings: sub
            .findings
            .iter()
            .map(|f| {
                let ignored = sub.ignored_suppression(f);
                finding(&sub.catalogue, &sub.loaded.db, f, ignored, lang)
            })
            .collect(),
        counts: Counts::of(&sub.findings).into(),
    };
    serde_json::to_value(value).unwrap_or_default()
}

pub fn counts(c: Counts) -> serde_json::Value {
    serde_json::to_value(JsonCounts::from(c)).unwrap_or_default()
}

pub fn render(report: &Report, lang: Lang) -> String {
    super::to_string(
        report,
        super::Format::Json,
        &super::Settings::for_report(report, lang),
    )
}
