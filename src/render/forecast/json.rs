//! `selfcheck forecast --format json`: each submission's breaks, with the findings in the shape
//! of `lint --format json`. It streams: a head, each submission as it comes, a tail.

use crate::catalogue::Catalogue;
use crate::finding::{Lang, Severity};
use crate::forecast::Forecast;
use crate::load::Submission;
use crate::render::json;
use crate::report::Horizon;

/// The head of the JSON forecast of a run, up to its `submissions` list; each submission follows
/// ([`json_submission`], joined with `,`), then [`JSON_TAIL`]. The output streams: memory does
/// not grow with the number of submissions.
pub fn json_head(horizon: Horizon, fail_on: Option<Severity>) -> String {
    let fail_on = fail_on.map(Severity::as_str).unwrap_or("never");
    format!(
        "{{\n  \"version\": 1,\n  \"horizon_days\": {},\n  \"fail_on\": \"{fail_on}\",\n  \"submissions\": [",
        horizon.days
    )
}

/// The end of the JSON forecast of a run.
pub const JSON_TAIL: &str = "\n  ]\n}\n";

/// One submission of the JSON forecast: its `status` (`failing` when something fails it on its
/// as-of date), `valid_until` (null when it holds through the horizon or fails now),
/// `fails_now: [finding + stops_on]`, `breaks: [{date, why, findings}]` and `deadlines`, findings
/// in the shape of `lint --format json`.
pub fn json_submission(
    f: &Forecast,
    sub: &Submission,
    catalogue: &Catalogue,
    lang: Lang,
) -> String {
    let value = serde_json::json!({
        "path": f.path,
        "program": f.program.as_str(),
        "as_of": f.as_of.to_string(),
        "config": f.config,
        "horizon_end": f.horizon_end.to_string(),
        "status": if f.fails_now() { "failing" } else { "passing" },
        "valid_until": f.valid_until().map(|d| d.to_string()),
        "fails_now": f.now.iter().map(|n| {
            let mut value = json::finding_value(catalogue, &sub.db, &n.finding, lang);
            if let Some(object) = value.as_object_mut() {
                object.insert("stops_on".into(), n.stops_on.map(|d| d.to_string()).into());
            }
            value
        }).collect::<Vec<_>>(),
        "breaks": f.breaks.iter().map(|b| serde_json::json!({
            "date": b.date.to_string(),
            "why": b.why.iter().map(|w| w.get(lang)).collect::<Vec<_>>(),
            "findings": b.findings.iter().map(|f| json::finding_value(catalogue, &sub.db, f, lang)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "deadlines": f.deadlines.iter().map(|d| serde_json::json!({
            "date": d.date.to_string(),
            "kind": d.kind,
            "summary": d.summary.get(lang),
            "description": d.description.get(lang),
        })).collect::<Vec<_>>(),
    });
    let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
    let indented: Vec<String> = pretty.lines().map(|l| format!("    {l}")).collect();
    format!("\n{}", indented.join("\n"))
}
