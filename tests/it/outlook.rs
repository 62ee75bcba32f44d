//! What `lint` says of the forecast: each submission's `valid_until` in JSON (the same date as
//! `selfcheck forecast`'s), the earliest break of the run in the human summary, and the
//! submissions that break first in the HTML overview.

use crate::common::{self, root};

/// `selfcheck ARGS…`, which does not fail (exit 0 or 1): its standard output and exit status.
fn run(args: &[&str]) -> (String, Option<i32>) {
    let (code, out, err) = common::output(common::selfcheck().args(args));
    assert!(code.is_some_and(|c| c <= 1), "exit {code:?}: {err}");
    (out, code)
}

/// `selfcheck ARGS…` (`lint` or `forecast`, with `--format json`), which does not fail: its
/// report.
fn json(args: &[&str]) -> serde_json::Value {
    let (code, json) = common::json_of(common::selfcheck().args(args));
    assert!(code.is_some_and(|c| c <= 1), "exit {code:?}");
    json
}

fn fixture(name: &str) -> String {
    root()
        .join("fixtures")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// `valid_until` of each submission, in the run's order.
fn valid_until(json: &serde_json::Value) -> Vec<serde_json::Value> {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["valid_until"].clone())
        .collect()
}

#[test]
fn json_valid_until_is_the_forecasts() {
    let (clean, challenge) = (fixture("clean"), fixture("challenge"));
    for fail_on in ["error", "warning", "info"] {
        let args = [clean.as_str(), challenge.as_str(), "--fail-on", fail_on];
        let linted = json(
            &[
                &["lint", "--today", "2026-11-20", "--format", "json"][..],
                &args,
            ]
            .concat(),
        );
        let forecast = json(&[&["forecast", "--format", "json"][..], &args].concat());
        assert_eq!(
            valid_until(&linted),
            valid_until(&forecast),
            "--fail-on {fail_on}"
        );
    }
    // The clean fixture breaks when a declaration leaves CUS003's window; the challenge holds.
    let linted = json(&[
        "lint",
        "--today",
        "2026-11-20",
        &clean,
        &challenge,
        "--format",
        "json",
    ]);
    assert_eq!(
        valid_until(&linted),
        [serde_json::Value::Null, serde_json::json!("2027-03-14")]
    );
    // The key comes after `config`.
    let first = serde_json::to_string(&linted["submissions"][1]).unwrap();
    let (config, valid, findings) = (
        first.find("\"config\"").unwrap(),
        first.find("\"valid_until\"").unwrap(),
        first.find("\"findings\"").unwrap(),
    );
    assert!(config < valid && valid < findings, "{first}");
}

#[test]
fn a_submission_that_holds_has_a_null_valid_until() {
    let clean = fixture("clean");
    // Without the date rules nothing changes over time; at `--fail-on never` nothing breaks.
    for args in [
        [
            "lint",
            clean.as_str(),
            "--format",
            "json",
            "--select",
            "SUB",
        ],
        [
            "lint",
            clean.as_str(),
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
    ] {
        let linted = json(&args);
        assert_eq!(valid_until(&linted), [serde_json::Value::Null], "{args:?}");
    }
}

#[test]
fn the_human_summary_names_the_next_break_in_both_languages() {
    let (clean, challenge) = (fixture("clean"), fixture("challenge"));
    let (en, code) = run(&["lint", "--today", "2026-11-20", &challenge, &clean]);
    assert_eq!(code, Some(0));
    let shown = clean.replace('\\', "/");
    assert!(
        en.contains(&format!("Next break: {shown} on 2027-03-15.")),
        "{en}"
    );
    let (zh, _) = run(&[
        "lint",
        "--today",
        "2026-11-20",
        &challenge,
        &clean,
        "--lang",
        "zh",
    ]);
    assert!(
        zh.contains(&format!("下一次失效：{shown}，2027-03-15。")),
        "{zh}"
    );
    assert!(!zh.contains("Next break"), "{zh}");
    // Nothing breaks within the horizon: no line.
    let (holds, _) = run(&["lint", &challenge]);
    assert!(!holds.contains("Next break"), "{holds}");
    let (holds, _) = run(&["lint", "--today", "2026-11-20", &clean, "--select", "SUB"]);
    assert!(!holds.contains("Next break"), "{holds}");
}

#[test]
fn the_html_overview_lists_the_submissions_that_break_first() {
    let (clean, challenge) = (fixture("clean"), fixture("challenge"));
    let (page, _) = run(&[
        "lint",
        "--today",
        "2026-11-20",
        &challenge,
        &clean,
        "--format",
        "html",
    ]);
    let overview = page.find("id=\"overview\"").unwrap();
    let next = page
        .find("Next to break")
        .expect("the overview lists the next breaks");
    let submissions = page.find("id=\"submissions\"").unwrap();
    assert!(overview < next && next < submissions);
    let table = &page[next..submissions];
    // The clean fixture, linked to its place on the page, valid until the day before its break.
    let row = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    assert!(row.contains("href=\"#s2\""), "{row}");
    assert!(
        row.contains("<td>2027-03-14</td><td>2027-03-15</td>"),
        "{row}"
    );
    assert!(!row.contains("challenge"), "the challenge holds: {row}");
    // Each submission says it too.
    assert!(page.contains("valid until 2027-03-14"));
    assert!(page.contains("holds through"));

    let (zh, _) = run(&["lint", &clean, "--format", "html", "--lang", "zh"]);
    assert!(zh.contains("即将失效的提交") && zh.contains("有效至 2027-03-14"));

    let (holds, _) = run(&[
        "lint",
        "--today",
        "2026-11-20",
        &challenge,
        "--format",
        "html",
    ]);
    assert!(holds.contains("No submission gains a failing finding within 180 days"));
}
