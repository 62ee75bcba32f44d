//! Team and CI integration through the binary: SARIF, GitHub, JUnit, several outputs from one
//! run, configuration, `--select` / `--ignore`, inline suppressions, completions.

use crate::common::{self, selfcheck};

use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// The exit status of `selfcheck lint DIR --format json EXTRA…` and the codes of its findings
/// that are not suppressed, in order.
fn codes(dir: &Path, extra: &[&str]) -> (Option<i32>, Vec<String>) {
    let (status, json) = common::lint_json(dir, extra);
    let codes = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppression").is_none())
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    (status, codes)
}

pub fn sarif_validator() -> jsonschema::Validator {
    let path = common::root().join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let (_t, dir) = common::huacai();
    // A suppressed finding too, so `suppressions` is exercised.
    common::suppress_the_postal_code(&dir);
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        selfcheck::catalogue::Catalogue::builtin().entries.len()
    );
    let results = run["results"].as_array().unwrap();
    let cus007 = results.iter().find(|r| r["ruleId"] == "CUS007").unwrap();
    assert_eq!(
        cus007["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert!(
        cus007["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("huacai/license.yaml")
    );
    let ret003 = results.iter().find(|r| r["ruleId"] == "RET003").unwrap();
    assert_eq!(
        ret003["suppressions"][0]["justification"],
        "warehouse label"
    );
    assert_eq!(
        ret003["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "CP 28009"
    );
}

#[test]
fn github_annotations_name_file_line_and_code() {
    let (tmp, _dir) = common::huacai();
    let out = selfcheck()
        .current_dir(tmp.path())
        .args([
            "lint",
            "--today",
            "2026-11-20",
            "huacai",
            "--format",
            "github",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("::error file=huacai/customs.yaml,line=8,endLine=8,col=21,endColumn=33,title=CUS007::consignor differs from the licensed entity: declared by"), "{text}");
    assert!(
        lines[1].starts_with("::error file=huacai/returns.yaml,line=9,"),
        "{text}"
    );
}

#[test]
fn several_outputs_from_one_run() {
    let (tmp, dir) = common::huacai();
    let sarif = tmp.path().join("out/selfcheck.sarif");
    let junit = tmp.path().join("out/junit.xml");
    std::fs::create_dir_all(sarif.parent().unwrap()).unwrap();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--output")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--output")
        .arg(format!("junit={}", junit.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("error[CUS007]")
    );
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 3);
    let junit = std::fs::read_to_string(&junit).unwrap();
    assert!(junit.contains("failures=\"3\""), "{junit}");
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--output", "xml=out.xml"])
        .assert()
        .code(2);
}

#[test]
fn junit_has_a_suite_per_submission_and_a_case_per_rule() {
    let (_t, dir) = common::huacai();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--format", "junit", "--select", "CUS,RET"])
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(xml.matches("<testsuite ").count(), 1, "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 19, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
}

#[test]
fn select_and_ignore_take_codes_and_prefixes() {
    let (_t, dir) = common::huacai();
    assert_eq!(codes(&dir, &[]).1, ["CUS007", "RET003", "SLA002"]);
    assert_eq!(codes(&dir, &["--select", "RET"]).1, ["RET003"]);
    assert_eq!(
        codes(&dir, &["--select", "RET,SLA002"]).1,
        ["RET003", "SLA002"]
    );
    assert_eq!(
        codes(&dir, &["--ignore", "CUS", "--ignore", "SLA"]).1,
        ["RET003"]
    );
    let (status, none) = codes(&dir, &["--ignore", "CUS,RET,SLA"]);
    assert_eq!((status, none.len()), (Some(0), 0));
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--select", "RTE003"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `RET003`?"));
}

#[test]
fn configuration_overrides_severity_and_the_agencys_file_wins() {
    let (tmp, dir) = common::huacai();
    std::fs::write(
        tmp.path().join(".selfcheck.yaml"),
        "rules:\n  RET003: off\n  CUS007: warning\n  SLA002: info\n",
    )
    .unwrap();
    let (status, json) = common::lint_json(&dir, &[]);
    assert_eq!(status, Some(0), "only a warning and an info are left");
    assert_eq!(
        json["counts"],
        serde_json::json!({"error": 0, "warning": 1, "info": 1})
    );
    // The submission's own configuration is the seller's: the agency's above it wins (SEL002).
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  SLA002: off\n").unwrap();
    assert_eq!(codes(&dir, &[]).1, ["SEL002", "CUS007", "SLA002"]);
    // Without the agency's, the seller's own applies, whole.
    std::fs::rename(
        tmp.path().join(".selfcheck.yaml"),
        tmp.path().join("agency.yaml"),
    )
    .unwrap();
    assert_eq!(codes(&dir, &[]).1, ["CUS007", "RET003"]);
    // --config overrides every found file.
    let other = tmp.path().join("other.yaml");
    std::fs::write(&other, "rules:\n  CUS007: off\n").unwrap();
    assert_eq!(
        codes(&dir, &["--config", other.to_str().unwrap()]).1,
        ["SEL002", "RET003", "SLA002"]
    );
}

#[test]
fn market_overrides_come_from_the_configuration() {
    let (tmp, dir) = common::huacai();
    std::fs::write(
        tmp.path().join(".selfcheck.yaml"),
        "markets:\n  ES: {postal_prefix_required: false}\n",
    )
    .unwrap();
    assert_eq!(codes(&dir, &[]).1, ["CUS007", "SLA002"]);
}

/// A mistake in `--config FILE` stops the run (exit 2); one in a found file is SEL003
/// (`tests/it/trust.rs`).
#[test]
fn configuration_mistakes_are_errors_with_a_suggestion() {
    let (tmp, dir) = common::huacai();
    let config = tmp.path().join("gate.yaml");
    for (text, want) in [
        ("rules:\n  RET03: off\n", "did you mean `RET003`?"),
        ("rulez:\n  RET003: off\n", "did you mean `rules`?"),
        (
            "rules:\n  RET003: of\n",
            "one of `off`, `info`, `warning`, `error`",
        ),
        (
            "markets:\n  ES: {postal_prefix_requird: false}\n",
            "did you mean `postal_prefix_required`?",
        ),
        ("rules: [RET003\n", "YAML syntax error"),
    ] {
        std::fs::write(&config, text).unwrap();
        selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(&dir)
            .arg("--config")
            .arg(&config)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(want).and(predicates::str::contains("gate.yaml")));
    }
}

#[test]
fn inline_suppression_keeps_the_reason_and_unused_ones_are_reported() {
    let (_t, dir) = common::huacai();
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    let suppressed = returns.replace(
        "    postal_code: 28009",
        "    # selfcheck: ignore[RET003] label printed by the warehouse\n    postal_code: 28009",
    );
    std::fs::write(dir.join("returns.yaml"), &suppressed).unwrap();
    let (status, json) = common::lint_json(&dir, &["--select", "RET"]);
    assert_eq!(status, Some(0));
    let f = &json["submissions"][0]["findings"][0];
    assert_eq!(f["code"], "RET003");
    assert_eq!(
        f["suppression"],
        serde_json::json!({"kind": "inline", "reason": "label printed by the warehouse"})
    );
    assert_eq!(json["counts"]["error"], 0);
    let human = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--select", "RET"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(human.stdout).unwrap().contains("RET003"));
    // On another line it suppresses nothing: the finding stays and SEL001 says so.
    std::fs::write(
        dir.join("returns.yaml"),
        returns.replace(
            "    city: Madrid",
            "    city: Madrid  # selfcheck: ignore[RET003]",
        ),
    )
    .unwrap();
    assert_eq!(
        codes(&dir, &["--select", "RET,SEL"]).1,
        ["SEL001", "RET003"]
    );
}

#[test]
fn a_changed_file_stands_for_its_submission() {
    let (tmp, _dir) = common::huacai();
    let (status, found) = codes(&tmp.path().join("huacai/returns.yaml"), &[]);
    assert_eq!((status, found.len()), (Some(1), 3));
    let readme = tmp.path().join("README.md");
    std::fs::write(&readme, "# agency").unwrap();
    selfcheck().arg("lint").arg(&readme).assert().code(2);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&readme)
        .arg("--allow-no-submission")
        .assert()
        .code(0);
}

#[test]
fn completions_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        selfcheck()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicates::str::contains("selfcheck"));
    }
}

#[cfg(unix)]
#[test]
fn a_configuration_that_is_a_link_is_not_read_and_an_empty_one_is_the_defaults() {
    let (tmp, dir) = common::huacai();
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "SECRET_API_KEY: sk-live-123\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.join(".selfcheck.yaml")).unwrap();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "SEL003, and the defaults");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("SEL003")
            && stdout.contains("not a regular file")
            && !stdout.contains("SECRET"),
        "{stdout}"
    );
    std::fs::remove_file(dir.join(".selfcheck.yaml")).unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "# nothing configured yet\n").unwrap();
    assert_eq!(codes(&dir, &[]).1, ["CUS007", "RET003", "SLA002"]);
}

#[test]
fn a_suppression_inside_a_text_value_is_not_a_comment() {
    let (_t, dir) = common::huacai();
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    let quoted = returns.replace(
        "postal_code: 28009",
        "postal_code: \"28009 # selfcheck: ignore[RET002]\"",
    );
    std::fs::write(dir.join("returns.yaml"), quoted).unwrap();
    let (status, found) = codes(&dir, &["--select", "RET,SEL"]);
    assert_eq!((status, found), (Some(1), vec!["RET002".to_owned()]));
}

#[test]
fn a_misspelt_programme_does_not_bring_the_other_programmes_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("challenge");
    common::copy_dir(&common::root().join("fixtures/challenge"), &dir);
    let text = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
    std::fs::write(
        dir.join("submission.yaml"),
        text.replace("program: challenge", "program: Challange"),
    )
    .unwrap();
    assert_eq!(codes(&dir, &[]).1, ["SUB002"]);
}

#[test]
fn diff_and_output_do_not_go_together() {
    let (_t, dir) = common::huacai();
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--diff", "--output", "json=x.json"])
        .assert()
        .code(2);
}
