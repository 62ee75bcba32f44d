//! Nothing a seller controls bends the verdict (SPEC §7): each attack of a hostile seller, as a
//! test named after what it protects. Everything in a submission folder is the seller's, and the
//! seller is the party the gate is for.

use crate::common::{self, lint_json, lint_json_now, selfcheck};
use serde_json::Value;
use std::path::Path;

/// The clean fixture's as-of date: every test here fixes the clock unless the clock is the test.
const TODAY: &str = "2026-11-20";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn findings(report: &Value) -> &Vec<Value> {
    report["submissions"][0]["findings"].as_array().unwrap()
}

/// The findings of `code`, suppressed or not.
fn of<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    findings(report)
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The codes of the findings that count (no inline suppression).
fn counted(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn with_line(dir: &Path, name: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    assert!(text.contains(from), "{name} holds {from:?}");
    write(dir, name, &text.replacen(from, to, 1));
}

// ------------------------------------------------------------- suppressions hide what they name

#[test]
fn a_suppressed_wrong_type_does_not_let_a_low_store_level_pass() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "submission.yaml",
        "store_level: 3",
        "store_level: \"2\"  # selfcheck: ignore[SUB002] the level is text in our export",
    );
    let (status, report) = lint_json(&dir, &["--today", TODAY]);
    assert_eq!(status, Some(1), "{report:#}");
    let sub002 = of(&report, "SUB002");
    assert_eq!(sub002.len(), 1, "{report:#}");
    assert!(
        sub002[0]["suppression"].is_null(),
        "a document finding counts"
    );
    let sel001 = of(&report, "SEL001");
    assert_eq!(sel001.len(), 1, "the suppression is SEL001: {report:#}");
    assert!(
        sel001[0]["message"].as_str().unwrap().contains("agency"),
        "{}",
        sel001[0]["message"]
    );
}

#[test]
fn a_duplicate_key_cannot_be_suppressed_to_skip_the_customs_rules() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "customs.yaml",
        "  code: \"4403960ABC\"\n",
        "  code: \"4403960ABC\"\n  code: \"4403960ABC\"  # selfcheck: ignore[SUB002] merged from two exports\n",
    );
    let (status, report) = lint_json(&dir, &["--today", TODAY]);
    assert_eq!(status, Some(1), "{report:#}");
    assert!(
        counted(&report).contains(&"SUB002".to_owned()),
        "{report:#}"
    );
    assert!(!of(&report, "SEL001").is_empty(), "{report:#}");
}

#[test]
fn a_document_finding_named_in_a_suppression_with_others_is_sel001_for_it_alone() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: 28009  # selfcheck: ignore[RET003, SUB003] the bare code was asked for",
    );
    let (status, report) = lint_json(&dir, &["--today", TODAY]);
    assert_eq!(status, Some(0), "SEL001 is a warning: {report:#}");
    let ret003 = of(&report, "RET003");
    assert_eq!(ret003.len(), 1);
    assert!(
        !ret003[0]["suppression"].is_null(),
        "RET003 may be suppressed"
    );
    let sel001 = of(&report, "SEL001");
    assert_eq!(sel001.len(), 1, "{report:#}");
    let message = sel001[0]["message"].as_str().unwrap();
    assert!(
        message.contains("SUB003") && message.contains("agency"),
        "{message}"
    );
}

#[test]
fn a_sellers_own_configuration_cannot_relax_a_document_finding() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "submission.yaml",
        "store_level: 3",
        "store_level: \"three\"",
    );
    write(
        &dir,
        ".selfcheck.yaml",
        "rules:\n  SUB002: off\n  RET003: warning\n",
    );
    let (status, report) = lint_json(&dir, &["--today", TODAY]);
    assert_eq!(status, Some(1), "{report:#}");
    assert!(
        counted(&report).contains(&"SUB002".to_owned()),
        "{report:#}"
    );
    let sel003 = of(&report, "SEL003");
    assert_eq!(sel003.len(), 1, "{report:#}");
    assert_eq!(sel003[0]["file"], ".selfcheck.yaml");
    assert_eq!(sel003[0]["line"], 2);
}

#[test]
fn an_agency_configuration_may_relax_a_document_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sellers/a");
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    with_line(
        &dir,
        "returns.yaml",
        "  - market: ES\n",
        "  - market: ES\n    dock: 4\n",
    );
    write(tmp.path(), ".selfcheck.yaml", "rules:\n  SUB003: off\n");
    let (status, report) = common::lint_json_in(tmp.path(), &["sellers", "--today", TODAY]);
    assert_eq!(status, Some(0), "{report:#}");
    assert!(of(&report, "SUB003").is_empty(), "{report:#}");
}

/// One line of `returns.yaml` holding `n` addresses in flow style, each with a postal code
/// that RET002 refuses, and a trailing suppression with a reason of `reason_len` characters.
fn one_line_flood(dir: &Path, n: usize, reason_len: usize) {
    let entry = "{market: ES, recipient: R, contact_name: C, phone: \"+34 912 345 678\", street: S, city: M, postal_code: \"1\", country: ES}";
    let entries = vec![entry; n].join(", ");
    let reason = "r".repeat(reason_len);
    write(
        dir,
        "returns.yaml",
        &format!("addresses: [{entries}]  # selfcheck: ignore[RET002] {reason}\n"),
    );
}

#[test]
fn suppressed_findings_count_toward_the_flood_cap_and_a_reason_is_kept_once_and_short() {
    let (_tmp, dir) = common::clean_copy();
    one_line_flood(&dir, 3000, 16 * 1024);
    let out = selfcheck()
        .args([
            "lint",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--today",
            TODAY,
        ])
        .output()
        .unwrap();
    assert!(
        out.stdout.len() < 2 * 1024 * 1024,
        "{} bytes of JSON",
        out.stdout.len()
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ret002 = of(&report, "RET002");
    assert!(ret002.len() <= 101, "{} RET002 listed", ret002.len());
    let listed = ret002.iter().filter(|f| f["omitted"].is_null()).count();
    assert_eq!(listed, 100);
    for f in &ret002 {
        let reason = f["suppression"]["reason"].as_str().unwrap_or_default();
        assert!(
            reason.chars().count() <= 201,
            "a reason of {}",
            reason.len()
        );
    }
    // Every finding the comment hides is listed as suppressed, with its code.
    let summary = ret002.iter().find(|f| !f["omitted"].is_null()).unwrap();
    assert_eq!(summary["omitted"], 2900);
    assert!(!summary["suppression"].is_null(), "{summary:#}");
    assert!(of(&report, "SEL001").is_empty(), "{report:#}");
    assert!(
        !counted(&report).contains(&"RET002".to_owned()),
        "{report:#}"
    );
}

// --------------------------------------------------------------- the seller cannot move the clock

#[test]
fn a_backdated_submitted_on_never_lets_expired_papers_pass() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "submission.yaml",
        "submitted_on: 2026-11-20",
        "submitted_on: 2025-01-01",
    );
    // A certificate that expired in 2025, after the backdated date and before any today.
    let compliance = std::fs::read_to_string(dir.join("compliance.yaml")).unwrap();
    let first = compliance.find("valid_until: ").unwrap() + "valid_until: ".len();
    let end = first + 10;
    write(
        &dir,
        "compliance.yaml",
        &format!("{}2025-06-30{}", &compliance[..first], &compliance[end..]),
    );
    // Without --today: today, not the seller's date.
    let (status, report) = lint_json_now(&dir, &[]);
    let sub = &report["submissions"][0];
    assert_eq!(sub["as_of_source"], "today", "{sub:#}");
    assert_ne!(sub["as_of"], "2025-01-01");
    assert_eq!(status, Some(1), "{report:#}");
    assert!(
        !of(&report, "CMP002").is_empty(),
        "the expired certificate: {report:#}"
    );
    assert!(
        of(&report, "CUS010").is_empty(),
        "declarations of 2026 are not after the as-of date: {report:#}"
    );
}

#[test]
fn a_later_submitted_on_is_the_as_of_date_and_today_is_named_as_such() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "submission.yaml",
        "submitted_on: 2026-11-20",
        "submitted_on: 2099-01-01",
    );
    let (_, report) = lint_json_now(&dir, &[]);
    let sub = &report["submissions"][0];
    assert_eq!(sub["as_of"], "2099-01-01");
    assert_eq!(sub["as_of_source"], "submitted_on");
    let (_, report) = lint_json(&dir, &["--today", TODAY]);
    let sub = &report["submissions"][0];
    assert_eq!(sub["as_of"], TODAY);
    assert_eq!(sub["as_of_source"], "--today");
}

// ------------------------------------------------------------------- packs, PDFs and numbers

#[test]
fn a_found_configurations_broken_pack_is_sel003_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let honest = tmp.path().join("sellers/honest");
    let hostile = tmp.path().join("sellers/hostile");
    common::copy_dir(&common::root().join("fixtures/clean"), &honest);
    common::copy_dir(&common::root().join("fixtures/clean"), &hostile);
    with_line(
        &honest,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: 28009",
    );
    std::fs::create_dir_all(hostile.join("packs")).unwrap();
    write(&hostile.join("packs"), "AGY001.yaml", "code: [not a code\n");
    write(&hostile, ".selfcheck.yaml", "checks: [packs]\n");
    let (status, report) = common::lint_json_in(tmp.path(), &["sellers", "--today", TODAY]);
    assert_eq!(status, Some(1), "{report:#}");
    let subs = report["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 2, "{report:#}");
    let codes = |i: usize| -> Vec<&str> {
        subs[i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        codes(0),
        ["RET003"],
        "the honest seller's findings stay: {report:#}"
    );
    assert!(codes(1).contains(&"SEL003"), "{report:#}");
}

/// A PDF of `size` bytes whose `/Encrypt` sits in the middle, as in a cross-reference stream.
fn pdf_encrypted_in_the_middle(size: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let pad = |n: usize| vec![b' '; n];
    pdf.extend(pad(size / 2 - pdf.len()));
    pdf.extend(b"1 0 obj\n<< /Type /XRef /Size 5 /Encrypt 4 0 R /W [1 2 1] >>\nstream\nendstream\nendobj\n");
    pdf.extend(pad(size - pdf.len() - 7));
    pdf.extend(b"\n%%EOF\n");
    pdf
}

#[test]
fn an_encrypted_pdf_is_refused_wherever_its_encrypt_entry_is() {
    let (_tmp, dir) = common::clean_copy();
    std::fs::write(
        dir.join("attachments/license.pdf"),
        pdf_encrypted_in_the_middle(24 * 1024),
    )
    .unwrap();
    let (status, report) = lint_json(&dir, &["--today", TODAY]);
    assert_eq!(status, Some(1), "{report:#}");
    let sub005 = of(&report, "SUB005");
    assert_eq!(sub005.len(), 1, "{report:#}");
    assert!(sub005[0]["message"].as_str().unwrap().contains("encrypt"));
}

#[test]
fn impossible_numbers_are_sub002_at_the_value() {
    for (from, to, why) in [
        (
            "dispute_rate: \"0.4%\"",
            "dispute_rate: -5",
            "between 0 and 100",
        ),
        (
            "positive_feedback_90d: 97.2",
            "positive_feedback_90d: 250",
            "between 0 and 100",
        ),
        (
            "annual_export_usd: 520000",
            "annual_export_usd: -520000",
            "negative",
        ),
        ("store_level: 3", "store_level: -3", "negative"),
    ] {
        let (_tmp, dir) = common::clean_copy();
        with_line(&dir, "submission.yaml", from, to);
        let (status, report) = lint_json(&dir, &["--today", TODAY]);
        assert_eq!(status, Some(1), "{to}: {report:#}");
        let sub002 = of(&report, "SUB002");
        assert_eq!(sub002.len(), 1, "{to}: {report:#}");
        let message = sub002[0]["message"].as_str().unwrap();
        assert!(message.contains(why), "{to}: {message}");
        let value = to.split(": ").nth(1).unwrap();
        let line = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
        let at = line.lines().position(|l| l.contains(to)).unwrap() + 1;
        assert_eq!(sub002[0]["line"], at, "{to}");
        let _ = value;
    }
}
