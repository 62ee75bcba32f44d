//! Near-miss names everywhere: a market written `KSA`, `BRA`, `Saudi Arabia` or `沙特`; a
//! suppression naming `RET03`; a configuration level `warn`; and every mistake of a
//! configuration in one run — each told with the name that was meant, in English and Chinese.

use crate::common::{self, selfcheck};

use std::path::Path;

/// `selfcheck lint DIR ARGS…` in `lang`: (exit status, stdout, stderr).
fn lint(dir: &Path, lang: &str, args: &[&str]) -> (Option<i32>, String, String) {
    common::output(
        selfcheck()
            .arg("lint")
            .arg(dir)
            .args(["--today", "2026-11-20", "--lang", lang])
            .args(args),
    )
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn alpha_3_codes_and_names_of_markets_are_named_and_fixed() {
    let (_tmp, dir) = common::clean_copy();
    edit(
        &dir.join("submission.yaml"),
        "markets: [ES, BR, SA]",
        "markets: [Spain, BRA, KSA, 沙特]",
    );
    let (_, report) = common::lint_json(&dir, &["--today", "2026-11-20", "--lang", "en"]);
    let findings = report["submissions"][0]["findings"].as_array().unwrap();
    let sto004: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "STO004")
        .map(|f| {
            (
                f["help"].as_str().unwrap(),
                f["fix"]["replacement"].as_str().unwrap_or("no fix"),
            )
        })
        .collect();
    assert_eq!(sto004.len(), 4, "{findings:#?}");
    for ((help, fix), code) in sto004.iter().zip(["ES", "BR", "SA", "SA"]) {
        assert!(
            help.starts_with(&format!("did you mean `{code}`")),
            "{help}"
        );
        assert_eq!(*fix, code);
    }

    let (status, en, _) = lint(&dir, "en", &[]);
    assert_eq!(status, Some(1));
    assert!(en.contains("did you mean `SA` (Saudi Arabia)?"), "{en}");
    let (_, zh, _) = lint(&dir, "zh", &[]);
    assert!(zh.contains("是否应为 `SA`（沙特阿拉伯）？"), "{zh}");
    assert!(zh.contains("是否应为 `BR`（巴西）？"), "{zh}");

    // The safe fix writes the codes, and the submission is clean again.
    let (status, _, err) = lint(&dir, "en", &["--fix"]);
    assert_eq!(status, Some(0), "{err}");
    let text = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
    assert!(text.contains("markets: [ES, BR, SA, SA]"), "{text}");
}

#[test]
fn a_name_that_is_only_near_a_market_is_suggested_without_a_fix() {
    let (_tmp, dir) = common::clean_copy();
    edit(
        &dir.join("submission.yaml"),
        "markets: [ES, BR, SA]",
        "markets: [ES, Brazl, SA]",
    );
    let (_, report) = common::lint_json(&dir, &["--today", "2026-11-20", "--lang", "en"]);
    let f = report["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "STO004")
        .cloned()
        .expect("STO004");
    assert!(
        f["help"].as_str().unwrap().starts_with("did you mean `BR`"),
        "{f}"
    );
    assert!(f["fix"].is_null(), "a guess is not a safe fix: {f}");
}

#[test]
fn a_suppression_naming_no_rule_names_the_closest_code() {
    let (_tmp, dir) = common::clean_copy();
    edit(
        &dir.join("returns.yaml"),
        "postal_code: CP 28009",
        "postal_code: CP 28009   # selfcheck: ignore[RET03] the warehouse asked",
    );
    let (status, en, _) = lint(&dir, "en", &[]);
    assert_eq!(status, Some(0), "SEL001 is a warning: {en}");
    assert!(en.contains("no rule has the code `RET03`"), "{en}");
    assert!(en.contains("did you mean `RET003`?"), "{en}");
    assert!(!en.contains("nothing here fires it"), "{en}");
    let (_, zh, _) = lint(&dir, "zh", &[]);
    assert!(zh.contains("没有代码为 `RET03` 的规则"), "{zh}");
    assert!(zh.contains("是否应为 `RET003`？"), "{zh}");
}

/// A configuration with four mistakes: a level `warn`, an unknown code, a misspelt market field
/// and a market written `KSA`.
const BROKEN: &str = "rules:\n  RET003: warn\n  CUS07: off\n  SLA004: eror\nmarkets:\n  ES: {postal_prefix_requird: false}\n  KSA: {postal_prefix_required: false}\n";

#[test]
fn every_mistake_of_a_given_configuration_is_reported_at_once_in_both_languages() {
    let (_tmp, dir) = common::clean_copy();
    let config = dir.parent().unwrap().join("agency.yaml");
    std::fs::write(&config, BROKEN).unwrap();
    let config = config.to_str().unwrap();
    let (status, _, en) = lint(&dir, "en", &["--config", config]);
    assert_eq!(status, Some(2), "{en}");
    // Each mistake a block of its own: its message, then its place.
    let at = |message: &str, place: &str| format!("error: {message}\n  ┌─ {config}:{place}\n");
    for expected in [
        "agency.yaml:2:11".to_owned(),
        "did you mean `warning`?".to_owned(),
        at("no rule has the code `CUS07`", "3:3"),
        "did you mean `CUS007`?".to_owned(),
        "agency.yaml:4:11".to_owned(),
        "did you mean `error`?".to_owned(),
        at("markets.ES: unknown field `postal_prefix_requird`", "6:8"),
        "did you mean `postal_prefix_required`?".to_owned(),
        at("`KSA` is not a market code", "7:3"),
        "did you mean `SA` (Saudi Arabia)?".to_owned(),
    ] {
        assert!(en.contains(&expected), "{expected:?} in:\n{en}");
    }
    assert!(en.starts_with("error: "), "{en}");
    assert_eq!(en.matches("\nerror: ").count() + 1, 5, "{en}");
    let (status, _, zh) = lint(&dir, "zh", &["--config", config]);
    assert_eq!(status, Some(2), "{zh}");
    for expected in [
        "是否应为 `warning`？",
        "没有代码为 `CUS07` 的规则",
        "是否应为 `CUS007`？",
        "markets.ES：未知字段 `postal_prefix_requird`",
        "`KSA` 不是市场代码",
        "是否应为 `SA`（沙特阿拉伯）？",
        "此处",
    ] {
        assert!(zh.contains(expected), "{expected:?} in:\n{zh}");
    }
    assert!(zh.starts_with("错误: "), "{zh}");
    assert_eq!(zh.matches("\n错误: ").count() + 1, 5, "{zh}");
    for english in [
        "no rule has",
        "unknown field",
        "here\n",
        "did you mean",
        "Error:",
    ] {
        assert!(!zh.contains(english), "{english:?} in:\n{zh}");
    }
}

#[test]
fn a_found_configuration_gets_one_sel003_per_mistake() {
    let (_tmp, dir) = common::clean_copy();
    std::fs::write(dir.join(".selfcheck.yaml"), BROKEN).unwrap();
    let (_, report) = common::lint_json(&dir, &["--today", "2026-11-20", "--lang", "en"]);
    let places: Vec<(i64, i64)> = report["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "SEL003")
        .map(|f| (f["line"].as_i64().unwrap(), f["column"].as_i64().unwrap()))
        .collect();
    assert_eq!(places, [(2, 11), (3, 3), (4, 11), (6, 8), (7, 3)]);
}

#[test]
fn the_licence_rules_are_listed_under_both_programmes() {
    for lang in ["en", "zh"] {
        let out = selfcheck()
            .args(["rules", "--lang", lang])
            .output()
            .unwrap();
        let table = String::from_utf8(out.stdout).unwrap();
        let challenge = table
            .split("\n\n")
            .find(|block| block.contains("program: challenge"))
            .unwrap_or_else(|| panic!("no challenge heading:\n{table}"));
        let cooperation = table
            .split("\n\n")
            .find(|block| block.contains("program: cooperation"))
            .unwrap_or_else(|| panic!("no co-operation heading:\n{table}"));
        for code in ["LIC001", "LIC002", "LIC004", "LIC006", "LIC007"] {
            assert!(
                challenge.contains(code),
                "{code} under the challenge:\n{table}"
            );
            assert!(
                cooperation.contains(code),
                "{code} under co-operation:\n{table}"
            );
        }
        // LIC003 is the co-operation's alone (CHL001 replaces it).
        assert!(!challenge.contains("LIC003"), "{table}");
    }
    let out = selfcheck()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lic001 = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "LIC001")
        .unwrap();
    assert_eq!(
        lic001["programmes"],
        serde_json::json!(["cooperation", "challenge"])
    );
}

#[test]
fn a_per_market_entry_written_another_way_names_the_code() {
    let (_tmp, dir) = common::clean_copy();
    edit(
        &dir.join("returns.yaml"),
        "  - market: SA",
        "  - market: KSA",
    );
    let (_, en, _) = lint(&dir, "en", &[]);
    assert!(en.contains("`KSA` is not a market code"), "{en}");
    assert!(en.contains("did you mean `SA` (Saudi Arabia)?"), "{en}");
    // Not the advice to write the country as `KSA`.
    assert!(!en.contains("write `country: KSA`"), "{en}");
    let (_, zh, _) = lint(&dir, "zh", &[]);
    assert!(zh.contains("`KSA` 不是市场代码"), "{zh}");
    assert!(zh.contains("是否应为 `SA`（沙特阿拉伯）？"), "{zh}");
}

#[test]
fn a_fulfilment_entry_written_another_way_is_pointed_at_from_its_target_market() {
    let (_tmp, dir) = common::clean_copy();
    edit(
        &dir.join("fulfillment.yaml"),
        "  - market: SA",
        "  - market: Saudi Arabia",
    );
    let (status, en, _) = lint(&dir, "en", &[]);
    assert_eq!(status, Some(1), "{en}");
    assert!(en.contains("error[FUL001]"), "{en}");
    assert!(
        en.contains("`Saudi Arabia` is not a market code: did you mean `SA`?"),
        "{en}"
    );
    assert!(
        en.contains("write `market: SA` in place of `market: Saudi Arabia`"),
        "{en}"
    );
    let (_, zh, _) = lint(&dir, "zh", &[]);
    assert!(
        zh.contains("`Saudi Arabia` 不是市场代码：是否应为 `SA`？"),
        "{zh}"
    );
}

#[test]
fn a_service_or_certificate_market_list_written_another_way_names_the_code() {
    let (_tmp, dir) = common::clean_copy();
    edit(&dir.join("service.yaml"), "markets: [ES]", "markets: [ESP]");
    edit(
        &dir.join("compliance.yaml"),
        "markets: [BR]",
        "markets: [Brazil]",
    );
    let (_, report) = common::lint_json(&dir, &["--today", "2026-11-20", "--lang", "en"]);
    let findings = report["submissions"][0]["findings"].as_array().unwrap();
    let help_of = |code: &str| {
        findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {findings:#?}"))["help"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        help_of("SLA001"),
        "`ESP` in `markets` is not a market code: write `ES` (Spain); markets are written as two-letter ISO codes"
    );
    assert_eq!(
        help_of("CMP001"),
        "`Brazil` in `markets` is not a market code: write `BR` (Brazil); markets are written as two-letter ISO codes"
    );
    let (_, out, _) = lint(&dir, "zh", &[]);
    assert!(
        out.contains("= 帮助: `markets` 中的 `ESP` 不是市场代码：请写作 `ES`（西班牙）"),
        "{out}"
    );
    assert!(
        out.contains("= 帮助: `markets` 中的 `Brazil` 不是市场代码：请写作 `BR`（巴西）"),
        "{out}"
    );
}
