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

// ----------------------------------------------------------------------- lines are YAML's lines

#[test]
fn a_lone_cr_ends_a_line_so_a_suppression_on_line_one_covers_line_one_only() {
    let (_tmp, dir) = common::clean_copy();
    let text = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    // The whole file on CR-only line ends, a trailing suppression on the first line, and two
    // addresses whose postal codes lack their prefix further down.
    let text = text
        .replacen("postal_code: CP 28009", "postal_code: 28009", 1)
        .replacen("postal_code: CEP 01310-100", "postal_code: 01310100", 1)
        .replace(
            "addresses:\n",
            "addresses:  # selfcheck: ignore[RET003, RET004] all reviewed\n",
        )
        .replace('\n', "\r");
    write(&dir, "returns.yaml", &text);
    let (status, report) = lint_json(&dir, &[]);
    assert_eq!(status, Some(1), "{report:#}");
    let ret003 = of(&report, "RET003");
    let ret004 = of(&report, "RET004");
    assert_eq!((ret003.len(), ret004.len()), (1, 1), "{report:#}");
    assert_eq!(ret003[0]["line"], 9, "{report:#}");
    assert!(
        ret003[0]["suppression"].is_null(),
        "line 1's comment covers line 1 only"
    );
    assert!(ret004[0]["line"].as_u64().unwrap() > 9);
    assert!(
        !of(&report, "SEL001").is_empty(),
        "the comment suppresses nothing on line 1"
    );
    // The human excerpt shows line 10 alone, not the whole file on one line.
    let (_, human, _) =
        common::output(selfcheck().args(["lint", dir.to_str().unwrap(), "--today", TODAY]));
    assert!(human.contains("9 │     postal_code: 28009\n"), "{human}");
}

#[test]
fn nel_ls_and_ps_are_content_shown_escaped_one_column_each() {
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "returns.yaml",
        "recipient: Almacén Devoluciones Iberia S.L.",
        "recipient: \"A\u{2028}B\u{2029}C\"\n    dock: 4",
    );
    let (_, report) = lint_json(&dir, &[]);
    let sub003 = of(&report, "SUB003");
    assert_eq!(sub003.len(), 1, "{report:#}");
    // `dock` sits on the line after the recipient: LS and PS did not end a line.
    let text = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    let recipient_line = text
        .split('\n')
        .position(|l| l.contains("recipient: \"A"))
        .unwrap()
        + 1;
    assert_eq!(sub003[0]["line"], recipient_line + 1, "{report:#}");
    let (_, human, _) = common::output(selfcheck().args([
        "lint",
        dir.to_str().unwrap(),
        "--today",
        TODAY,
        "--select",
        "SUB003,RET008",
    ]));
    assert!(
        !human.contains('\u{2028}') && !human.contains('\u{2029}'),
        "{human}"
    );
    // NEL is a control character: the document is not read (SUB002), at its own line.
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "returns.yaml",
        "recipient: Almacén Devoluciones Iberia S.L.",
        "recipient: \"A\u{85}B\"",
    );
    let (_, report) = lint_json(&dir, &[]);
    let sub002 = of(&report, "SUB002");
    assert_eq!(sub002.len(), 1, "{report:#}");
    assert_eq!(sub002[0]["line"], recipient_line, "{report:#}");
}

// ------------------------------------------------------------ paths and names say what they are

#[test]
fn a_backslash_in_a_folder_name_never_pins_a_finding_on_another_seller() {
    let tmp = tempfile::tempdir().unwrap();
    let honest = tmp.path().join("sellers/honest");
    common::copy_dir(&common::root().join("fixtures/clean"), &honest);
    let hostile = tmp.path().join("sellers/hostile/x\\..\\..\\honest");
    common::copy_dir(&common::root().join("fixtures/clean"), &hostile);
    with_line(
        &hostile,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: 28009",
    );
    let (_, report) = common::lint_json_in(tmp.path(), &["sellers"]);
    let paths: Vec<&str> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["sellers/honest", "sellers/hostile/x\\..\\..\\honest"],
        "{report:#}"
    );
    for format in ["human", "github"] {
        let (_, out, _) = common::output(
            selfcheck()
                .current_dir(tmp.path())
                .args(["lint", "sellers", "--today", TODAY, "--format", format]),
        );
        assert!(!out.contains("x/../../honest"), "{format}: {out}");
        assert!(
            !out.contains("sellers/honest/returns.yaml"),
            "{format}: {out}"
        );
    }
    let (_, human, _) = common::output(
        selfcheck()
            .current_dir(tmp.path())
            .args(["lint", "sellers", "--today", TODAY]),
    );
    assert!(
        human.contains("x\\\\..\\\\..\\\\honest/returns.yaml"),
        "{human}"
    );
    let (_, sarif, _) = common::output(
        selfcheck()
            .current_dir(tmp.path())
            .args(["lint", "sellers", "--today", TODAY, "--format", "sarif"]),
    );
    assert!(
        sarif.contains("x%5C..%5C..%5Chonest/returns.yaml"),
        "{sarif}"
    );
}

#[test]
fn a_case_twin_of_a_document_is_sub007() {
    let (_tmp, dir) = common::clean_copy();
    write(&dir, "License.yaml", "entity_name: 某某公司\n");
    let (status, report) = lint_json(&dir, &[]);
    assert_eq!(status, Some(0), "SUB007 is a warning: {report:#}");
    let sub007 = of(&report, "SUB007");
    assert_eq!(sub007.len(), 1, "{report:#}");
    assert_eq!(sub007[0]["file"], "License.yaml");
    assert!(sub007[0]["line"].is_null());
    assert!(
        sub007[0]["message"]
            .as_str()
            .unwrap()
            .contains("license.yaml")
    );
}

#[test]
fn a_submission_folder_that_cannot_be_read_fails_closed() {
    // As an unprivileged user: root reads every folder whatever its mode.
    let Some(nobody) = Unprivileged::find() else {
        panic!("needs setpriv or runuser to drop to an unprivileged user");
    };
    let tmp = tempfile::Builder::new()
        .prefix("selfcheck-")
        .tempdir_in("/tmp")
        .unwrap();
    let root = tmp.path().join("sellers");
    let open = root.join("open");
    let locked = root.join("locked");
    common::copy_dir(&common::root().join("fixtures/clean"), &open);
    common::copy_dir(&common::root().join("fixtures/clean"), &locked);
    nobody.own(tmp.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // The binary beside them, where the user may run it whatever the checkout's modes.
    let bin = tmp.path().join("selfcheck");
    std::fs::copy(common::bin(), &bin).unwrap();
    nobody.own(&bin);
    let out = nobody.run(&[
        bin.to_str().unwrap(),
        "lint",
        root.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let locked_report = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with("locked"))
        .unwrap_or_else(|| panic!("the locked folder is reported: {report:#}"));
    let f = &locked_report["findings"][0];
    assert_eq!(f["code"], "SUB001", "{report:#}");
    assert!(
        f["message"].as_str().unwrap().contains("permission denied"),
        "{f}"
    );
}

/// Another user to run as: `nobody` through `setpriv` or `runuser`, when this test runs as root.
struct Unprivileged {
    runner: &'static str,
}

impl Unprivileged {
    fn find() -> Option<Unprivileged> {
        let is_root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
        if !is_root {
            return Some(Unprivileged { runner: "" });
        }
        ["setpriv", "runuser"]
            .into_iter()
            .find(|p| {
                std::process::Command::new(p)
                    .arg("--help")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .map(|runner| Unprivileged { runner })
    }

    /// Gives `dir` to the user, so that it may write and read it.
    fn own(&self, dir: &Path) {
        if !self.runner.is_empty() {
            let ok = std::process::Command::new("chown")
                .args(["-R", "nobody:nogroup"])
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success())
                || std::process::Command::new("chown")
                    .args(["-R", "65534:65534"])
                    .arg(dir)
                    .status()
                    .is_ok_and(|s| s.success());
            assert!(ok, "chown");
        }
    }

    fn run(&self, argv: &[&str]) -> std::process::Output {
        let mut cmd = match self.runner {
            "" => std::process::Command::new(argv[0]),
            "setpriv" => {
                let mut c = std::process::Command::new("setpriv");
                c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
                c.arg(argv[0]);
                c
            }
            _ => {
                let mut c = std::process::Command::new("runuser");
                c.args(["-u", "nobody", "--"]);
                c.arg(argv[0]);
                c
            }
        };
        cmd.args(&argv[1..]).current_dir("/").output().unwrap()
    }
}

// -------------------------------------------------- outputs are written where the agency said

#[test]
fn planted_links_with_temporary_names_never_redirect_an_output() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.txt");
    std::fs::write(&outside, "the agency's file\n").unwrap();
    let reports = tmp.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    // Links under every name the next few thousand processes would choose.
    let me = std::process::id();
    for pid in me..me + 3000 {
        for name in [
            format!(".report.html.selfcheck-{pid}.tmp"),
            format!(".report.json.selfcheck-{pid}.tmp"),
        ] {
            let _ = std::os::unix::fs::symlink(&outside, reports.join(name));
        }
    }
    let (_keep, dir) = common::clean_copy();
    let out = selfcheck()
        .args(["lint", dir.to_str().unwrap(), "--today", TODAY])
        .arg("--output")
        .arg(format!("html={}", reports.join("report.html").display()))
        .arg("--output")
        .arg(format!("json={}", reports.join("report.json").display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "the agency's file\n"
    );
    for name in ["report.html", "report.json"] {
        let meta = std::fs::symlink_metadata(reports.join(name)).unwrap();
        assert!(meta.file_type().is_file(), "{name} is a file of its own");
    }
}

#[test]
fn planted_links_with_temporary_names_never_redirect_a_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.txt");
    std::fs::write(&outside, "the agency's file\n").unwrap();
    let dir = tmp.path().join("seller");
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    with_line(
        &dir,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: 28009",
    );
    let me = std::process::id();
    for pid in me..me + 3000 {
        let name = format!(".returns.yaml.selfcheck-fix-{pid}.tmp");
        let _ = std::os::unix::fs::symlink(&outside, dir.join(name));
    }
    let out = selfcheck()
        .args(["lint", dir.to_str().unwrap(), "--today", TODAY, "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "the agency's file\n"
    );
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    assert!(returns.contains("postal_code: CP 28009"), "fixed");
}

#[test]
fn a_command_shown_in_the_calendar_is_quoted_and_its_lines_are_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sellers/x;touch pwned;#");
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    let out = selfcheck()
        .current_dir(tmp.path())
        .args(["forecast", "sellers", "--today", TODAY, "--format", "ics"])
        .output()
        .unwrap();
    let ics = String::from_utf8(out.stdout).unwrap();
    assert!(ics.contains("BEGIN:VEVENT"), "{ics}");
    // Unfolded and unescaped (RFC 5545 TEXT), as a calendar reads it.
    let unfolded = ics
        .replace("\r\n ", "")
        .replace("\\;", ";")
        .replace("\\,", ",");
    assert!(!unfolded.contains("lint sellers/x;touch"), "{unfolded}");
    assert!(
        unfolded.contains("lint 'sellers/x;touch pwned;#'"),
        "{unfolded}"
    );
    assert!(
        !unfolded.contains("\\u{a}"),
        "selfcheck's own line breaks stay: {unfolded}"
    );
}

#[test]
fn dates_outside_1900_to_2199_are_sub002_at_the_value() {
    for date in ["0000-02-16", "9999-12-31", "1899-12-31", "2200-01-01"] {
        let (_tmp, dir) = common::clean_copy();
        with_line(
            &dir,
            "compliance.yaml",
            "valid_until: 2027-06-30",
            &format!("valid_until: {date}"),
        );
        let (status, report) = lint_json(&dir, &[]);
        assert_eq!(status, Some(1), "{date}: {report:#}");
        let sub002 = of(&report, "SUB002");
        assert_eq!(sub002.len(), 1, "{date}: {report:#}");
        assert!(
            sub002[0]["message"].as_str().unwrap().contains("1900"),
            "{date}: {}",
            sub002[0]["message"]
        );
    }
    let (_tmp, dir) = common::clean_copy();
    with_line(
        &dir,
        "compliance.yaml",
        "valid_until: 2027-06-30",
        "valid_until: 2199-12-31",
    );
    let (_, report) = lint_json(&dir, &[]);
    assert!(of(&report, "SUB002").is_empty(), "{report:#}");
}

#[test]
fn one_sellers_junk_markets_never_push_the_programmes_markets_out_of_the_overview() {
    let tmp = tempfile::tempdir().unwrap();
    let honest = tmp.path().join("sellers/honest");
    common::copy_dir(&common::root().join("fixtures/clean"), &honest);
    let hostile = tmp.path().join("sellers/hostile");
    common::copy_dir(&common::root().join("fixtures/clean"), &hostile);
    let junk: Vec<String> = (0..200).map(|i| format!("Z{i:03}")).collect();
    with_line(
        &hostile,
        "submission.yaml",
        "markets: [ES, BR, SA]",
        &format!("markets: [{}]", junk.join(", ")),
    );
    let (_, html, _) = common::output(
        selfcheck()
            .current_dir(tmp.path())
            .args(["lint", "sellers", "--today", TODAY, "--format", "html"]),
    );
    let overview = &html[..html.find("id=\"s1\"").unwrap_or(html.len())];
    for market in [
        "ES Spain",
        "BR Brazil",
        "SA Saudi Arabia",
        "FR France",
        "MX Mexico",
    ] {
        assert!(overview.contains(market), "{market} in the overview");
    }
    assert!(
        !overview.contains(">Z150<"),
        "junk codes are counted together"
    );
    assert!(
        overview.contains("not a programme market"),
        "one row for them"
    );
}
