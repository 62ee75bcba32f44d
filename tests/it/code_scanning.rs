//! What code-scanning platforms need to track findings across runs: one stable fingerprint per
//! finding (SARIF `partialFingerprints`, GitLab's `fingerprint`), made of what the finding is and
//! never of where it is.

use crate::common::{self, selfcheck};

use serde_json::Value;
use std::path::Path;

/// `selfcheck lint ARGS… --format FORMAT` run in `cwd`, as of the fixtures' day: the document.
pub fn lint_in(cwd: &Path, format: &str, args: &[&str]) -> Value {
    let out = selfcheck()
        .current_dir(cwd)
        .arg("lint")
        .args(common::dated(args))
        .args(["--format", format])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The SARIF results of `selfcheck lint ARGS…` run in `cwd`.
pub fn sarif_results(cwd: &Path, args: &[&str]) -> Vec<Value> {
    lint_in(cwd, "sarif", args)["runs"][0]["results"]
        .as_array()
        .unwrap()
        .clone()
}

/// The `selfcheck/v1` fingerprint of each result with the rule `code`, in order.
fn fingerprints(results: &[Value], code: &str) -> Vec<String> {
    results
        .iter()
        .filter(|r| r["ruleId"] == code)
        .map(|r| {
            r["partialFingerprints"]["selfcheck/v1"]
                .as_str()
                .unwrap_or_else(|| panic!("no fingerprint: {r}"))
                .to_owned()
        })
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_fingerprint_follows_the_value_not_its_line() {
    let (tmp, dir) = common::huacai();
    let before = sarif_results(tmp.path(), &["huacai"]);
    let cus007 = fingerprints(&before, "CUS007");
    assert_eq!(cus007.len(), 1, "{before:#?}");
    // Lines inserted above the finding move it down: same finding, same fingerprint.
    let customs = dir.join("customs.yaml");
    edit(
        &customs,
        "registration:",
        "# checked by the agency\n# on the second pass\n\nregistration:",
    );
    let moved = sarif_results(tmp.path(), &["huacai"]);
    let line = |results: &[Value]| {
        results.iter().find(|r| r["ruleId"] == "CUS007").unwrap()["locations"][0]
            ["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert_eq!(line(&moved), line(&before).as_u64().unwrap() + 3);
    assert_eq!(fingerprints(&moved, "CUS007"), cus007);
    // Every other finding kept its fingerprint too.
    let all = |results: &[Value]| -> Vec<Value> {
        results
            .iter()
            .map(|r| r["partialFingerprints"].clone())
            .collect()
    };
    assert_eq!(all(&moved), all(&before));
    // Another value is another finding.
    edit(
        &customs,
        "深圳市华彩供应链有限公司",
        "深圳市华彩物流有限公司",
    );
    let changed = sarif_results(tmp.path(), &["huacai"]);
    assert_eq!(fingerprints(&changed, "CUS007").len(), 1);
    assert_ne!(fingerprints(&changed, "CUS007"), cus007);
    assert_eq!(
        fingerprints(&changed, "RET003"),
        fingerprints(&before, "RET003")
    );
}

#[test]
fn two_submissions_with_the_same_file_and_value_have_their_own_fingerprints() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_huacai(&tmp.path().join("sellers/a"));
    common::write_huacai(&tmp.path().join("sellers/b"));
    let results = sarif_results(tmp.path(), &["sellers"]);
    let cus007 = fingerprints(&results, "CUS007");
    assert_eq!(cus007.len(), 2);
    assert_ne!(cus007[0], cus007[1]);
    let mut every: Vec<String> = results
        .iter()
        .map(|r| r["partialFingerprints"]["selfcheck/v1"].to_string())
        .collect();
    let n = every.len();
    every.sort();
    every.dedup();
    assert_eq!(every.len(), n, "one fingerprint per finding");
}

#[test]
fn repeats_of_one_value_in_one_file_are_told_apart_by_their_order() {
    let (tmp, dir) = common::huacai();
    // The same wrong consignor on a second declaration: CUS007 twice, on the same value.
    let customs = dir.join("customs.yaml");
    let text = std::fs::read_to_string(&customs).unwrap();
    std::fs::write(
        &customs,
        text.replace(
            "consignor_name: 深圳市华彩科技有限公司",
            "consignor_name: 深圳市华彩供应链有限公司",
        ),
    )
    .unwrap();
    let results = sarif_results(tmp.path(), &["huacai"]);
    let cus007 = fingerprints(&results, "CUS007");
    assert!(cus007.len() >= 2, "{results:#?}");
    let mut unique = cus007.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), cus007.len(), "{cus007:?}");
}
