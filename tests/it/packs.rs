//! Rule packs through the binary: every `then` function fires and passes, a malformed pack is an
//! error pointing into the pack file, and pack rules behave like built-in ones (rules, explain,
//! JSON, SARIF, human output, configuration, inline suppression).

use crate::common::{self, selfcheck};

use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const PACK: &str = "fixtures/packs/agency";

fn pack() -> PathBuf {
    common::root().join(PACK)
}

/// The pack codes that fire on `dir`, in output order.
fn pack_codes(dir: &Path) -> Vec<String> {
    let (_, json) = common::lint_json(dir, &["--checks", pack().to_str().unwrap()]);
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .filter(|c| c.starts_with("AGY"))
        .collect()
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(dir.join(file), text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_clean_submission_passes_every_pack_rule() {
    let (_t, dir) = common::clean_copy();
    assert!(pack_codes(&dir).is_empty());
}

#[test]
fn each_then_function_fires() {
    // (rule, file, from, to): each edit breaks exactly one function of one rule.
    let cases = [
        (
            "AGY001",
            "fulfillment.yaml",
            "carrier: Correos",
            "carrier: DHL",
        ), // enum
        (
            "AGY002",
            "compliance.yaml",
            "valid_until: 2027-03-31",
            "valid_until: 2027-01-31",
        ), // min_days_after_as_of
        ("AGY003", "returns.yaml", "    region: SP\n", ""), // required
        ("AGY004", "license.yaml", "货物及技术进出口", "货物贸易"), // pattern
        (
            "AGY005",
            "customs.yaml",
            "consignor_name: 深圳市华彩科技有限公司",
            "consignor_name: 深圳市华彩供应链有限公司",
        ), // not_pattern
        (
            "AGY006",
            "submission.yaml",
            "annual_export_usd: 520000",
            "annual_export_usd: 400000",
        ), // min
        (
            "AGY006",
            "submission.yaml",
            "annual_export_usd: 520000",
            "annual_export_usd: 200000000",
        ), // max
        (
            "AGY007",
            "fulfillment.yaml",
            "return_plan: Returns are collected by SPL and consolidated at the Riyadh hub before refund.",
            "return_plan: Returns go to the SPL hub.",
        ), // min_length
        (
            "AGY007",
            "fulfillment.yaml",
            "return_plan: Returns are collected by SPL and consolidated at the Riyadh hub before refund.",
            &format!("return_plan: {}", "x".repeat(501)),
        ), // max_length
        (
            "AGY008",
            "license.yaml",
            "registered_on: 2018-04-16",
            "registered_on: 2001-04-16",
        ), // max_days_before_as_of
    ];
    for (code, file, from, to) in cases {
        let (_t, dir) = common::clean_copy();
        edit(&dir, file, from, to);
        assert_eq!(pack_codes(&dir), [code], "{code}: {file} `{to}`");
    }
}

#[test]
fn a_value_already_unreadable_is_not_judged_again() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "submission.yaml",
        "annual_export_usd: 520000",
        "annual_export_usd: \"a lot\"",
    );
    assert!(pack_codes(&dir).is_empty());
}

#[test]
fn a_pack_finding_points_at_the_value_in_every_format() {
    let (_t, dir) = common::clean_copy();
    edit(&dir, "fulfillment.yaml", "carrier: Correos", "carrier: DHL");
    let (status, json) = common::lint_json(&dir, &["--checks", pack().to_str().unwrap()]);
    assert_eq!(status, Some(1));
    let f = &json["submissions"][0]["findings"][0];
    assert_eq!(f["code"], "AGY001");
    assert_eq!(f["title"], "carrier not on the agency's list");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64(), f["column"].as_u64()),
        (Some("fulfillment.yaml"), Some(7), Some(14))
    );
    assert_eq!(f["help"], "use Correos, Jadlog or SPL");
    let human = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--checks")
        .arg(pack())
        .args(["--lang", "zh"])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("错误[AGY001]: 承运商不在代理商名单内")
            && human.contains("fulfillment.yaml:7:14"),
        "{human}"
    );
    let sarif = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--checks")
        .arg(pack())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "AGY001"));
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "AGY001");
}

#[test]
fn pack_rules_are_listed_explained_configured_and_suppressible() {
    selfcheck()
        .arg("rules")
        .arg("--checks")
        .arg(pack())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("AGY001"));
    selfcheck()
        .args(["explain", "AGY007", "--checks"])
        .arg(pack())
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("min_length").or(predicate::str::contains("at least 40 long")),
        );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seller");
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    edit(&dir, "fulfillment.yaml", "carrier: Correos", "carrier: DHL");
    // The pack named in the configuration, relative to it; its severity overridden there.
    common::copy_dir(&pack(), &tmp.path().join("packs/agency"));
    std::fs::write(
        tmp.path().join(".selfcheck.yaml"),
        "checks: [packs/agency]\nrules:\n  AGY001: warning\n",
    )
    .unwrap();
    let (status, json) = common::lint_json(&dir, &[]);
    assert_eq!(status, Some(0), "{json:#}");
    assert_eq!(json["submissions"][0]["findings"][0]["severity"], "warning");
    // Suppressed inline like any rule.
    edit(
        &dir,
        "fulfillment.yaml",
        "carrier: DHL",
        "carrier: DHL  # selfcheck: ignore[AGY001] contract signed in December",
    );
    let (status, _) = common::lint_json(&dir, &["--fail-on", "info"]);
    assert_eq!(status, Some(0));
    // A submission outside that configuration does not get the pack.
    let (_t, other) = common::clean_copy();
    edit(
        &other,
        "fulfillment.yaml",
        "carrier: Correos",
        "carrier: DHL",
    );
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&other)
        .assert()
        .code(0);
}

#[test]
fn a_configuration_names_packs_below_itself_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seller");
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    std::fs::write(
        dir.join(".selfcheck.yaml"),
        format!("checks: [{}]\n", pack().display()),
    )
    .unwrap();
    // A found configuration that cannot be used is SEL003 for the submissions it covers.
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "outside the folder holding this configuration",
        ));
}

#[test]
fn a_malformed_pack_is_an_error_at_its_line() {
    let cases = [
        (
            "code: AGY100\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {requird: true}\n",
            "did you mean `required`?",
            ":5:",
        ),
        (
            "code: AGY100\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {pattern: \"[a-\"}\n",
            "is not a valid regular expression",
            ":5:",
        ),
        (
            "code: AGY100\nseverity: error\ntitle: {en: x, zh: x}\ngiven: retuns.yaml#/addresses/*/region\nthen: {required: true}\n",
            "did you mean `returns.yaml`?",
            ":4:",
        ),
        (
            "code: AGY100\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/regoin\nthen: {required: true}\n",
            "did you mean `region`?",
            ":4:",
        ),
        (
            "code: RET003\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {required: true}\n",
            "built-in rule's code",
            ":1:",
        ),
        (
            "code: agy1\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {required: true}\n",
            "is not a rule code",
            ":1:",
        ),
        (
            "code: AGY100\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {}\n",
            "names no function",
            ":5:",
        ),
        (
            "code: AGY100\nseverity: fatal\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {required: true}\n",
            "one of `error`, `warning`, `info`",
            ":2:",
        ),
        (
            "code: AGY100\nseverity: error\ntitle: {en: x\ngiven: x\n",
            "YAML syntax error",
            "AGY100.yaml",
        ),
    ];
    for (text, message, at) in cases {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("AGY100.yaml"), text).unwrap();
        selfcheck()
            .current_dir(common::root())
            .args([
                "lint",
                "--today",
                "2026-11-20",
                "fixtures/clean",
                "--checks",
            ])
            .arg(tmp.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message).and(predicate::str::contains(at)));
    }
    // The same code twice across packs.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("a")).unwrap();
    std::fs::copy(pack().join("AGY001.yaml"), tmp.path().join("a/again.yaml")).unwrap();
    selfcheck()
        .args(["lint", "--today", "2026-11-20", "--checks"])
        .arg(pack())
        .arg("--checks")
        .arg(tmp.path().join("a"))
        .arg(common::root().join("fixtures/clean"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another pack rule already has the code `AGY001`",
        ));
}
