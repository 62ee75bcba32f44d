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

/// Each schema error of `sarif`, with where it is.
fn schema_errors(sarif: &Value) -> Vec<String> {
    crate::integrations::sarif_validator()
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_links_its_related_locations_and_each_rule_to_its_documentation() {
    let (tmp, _dir) = common::huacai();
    let sarif = lint_in(tmp.path(), "sarif", &["huacai"]);
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let run = &sarif["runs"][0];
    // One category for the whole run.
    assert_eq!(run["automationDetails"]["id"], "selfcheck/");
    let cus007 = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CUS007")
        .unwrap();
    assert_eq!(cus007["relatedLocations"][0]["id"], 0);
    let text = cus007["message"]["text"].as_str().unwrap();
    assert!(
        text.contains("[the licensed entity is `深圳市华彩科技有限公司`](0)"),
        "{text}"
    );
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let code = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"],
            selfcheck::catalogue::rule_url(code, None),
            "{rule}"
        );
        let tags: Vec<&str> = rule["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&&code[..3]), "{code}: {tags:?}");
    }
}

#[test]
fn a_seller_cannot_forge_a_link_in_a_sarif_message() {
    let (tmp, dir) = common::huacai();
    edit(
        &dir.join("license.yaml"),
        "entity_name: 深圳市华彩科技有限公司",
        "entity_name: \"深圳市华彩[科技](1)有限公司\\\\\"",
    );
    let results = sarif_results(tmp.path(), &["huacai"]);
    let texts: Vec<&str> = results
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    let linked = texts.iter().find(|t| t.contains("](0)")).unwrap();
    // The seller's brackets are escaped; the one link is selfcheck's.
    assert!(
        linked.contains(r"深圳市华彩\[科技\](1)有限公司\"),
        "{linked}"
    );
    for t in &texts {
        assert!(!t.contains("[科技](1)"), "{t}");
    }
}

#[test]
fn sarif_results_come_errors_first_across_submissions() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_huacai(&tmp.path().join("sellers/a"));
    common::write_huacai(&tmp.path().join("sellers/b"));
    std::fs::write(
        tmp.path().join("gate.yaml"),
        "rules:\n  CUS007: info\n  RET003: warning\n",
    )
    .unwrap();
    let sarif = lint_in(tmp.path(), "sarif", &["sellers", "--config", "gate.yaml"]);
    assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    let order: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            let seller = uri.split('/').rev().nth(1).unwrap();
            (r["level"].as_str().unwrap().to_owned(), seller.to_owned())
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("error", "a"),
        ("error", "b"),
        ("warning", "a"),
        ("warning", "b"),
        ("note", "a"),
        ("note", "b"),
    ]
    .iter()
    .map(|(l, s)| (l.to_string(), s.to_string()))
    .collect();
    assert_eq!(order, want);
}

#[test]
fn each_shard_is_its_own_category() {
    let (tmp, _dir) = common::huacai();
    for (shard, id) in [
        ("1/1", "selfcheck/shard-1-of-1/"),
        ("3/8", "selfcheck/shard-3-of-8/"),
    ] {
        let sarif = lint_in(tmp.path(), "sarif", &["huacai", "--shard", shard]);
        assert_eq!(sarif["runs"][0]["automationDetails"]["id"], id);
        assert_eq!(schema_errors(&sarif), Vec::<String>::new());
    }
}

/// `declarations.csv` with 100 declarations wrong in four ways each (SUB002 twice, CUS007,
/// CUS008): about 300 results a submission, as floods are capped.
fn write_flooded(dir: &Path) {
    common::copy_dir(&common::root().join("fixtures/clean"), dir);
    let mut csv = String::from("number,direction,declared_on,consignor_name,consignor_uscc,scan\n");
    for i in 0..100 {
        csv.push_str(&format!(
            "531620260{i:09},sideways,2026-13-45,深圳市某某贸易有限公司,91440300MA5FHC8K2X,attachments/declarations/531620260012346120.pdf\n"
        ));
    }
    std::fs::write(dir.join("declarations.csv"), csv).unwrap();
}

#[test]
fn a_run_past_code_scannings_limit_says_how_many_shards_keep_each_under_it() {
    let tmp = tempfile::tempdir().unwrap();
    let subs = 18;
    for i in 0..subs {
        write_flooded(&tmp.path().join(format!("sellers/s{i:02}")));
    }
    let sarif_file = tmp.path().join("selfcheck.sarif");
    let out = selfcheck()
        .current_dir(tmp.path())
        .args(common::dated(&["lint", "sellers"]))
        .arg("--output")
        .arg(format!("sarif={}", sarif_file.display()))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_file).unwrap()).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap().len();
    assert!(results > 5000, "{results} results: the corpus is too small");
    // Every submission holds as many results, so half of them hold less than 5,000.
    assert!(results / 2 <= 5000, "{results}");
    assert_eq!(run["properties"]["codeScanningLimit"], 5000);
    assert_eq!(run["properties"]["results"], results);
    assert_eq!(run["properties"]["shards"], 2);
    let said = run["properties"]["message"].as_str().unwrap();
    assert!(said.contains("--shard K/2"), "{said}");
    assert!(stderr.contains(said), "{stderr}");
    assert!(stderr.contains("5,000"), "{stderr}");
    // Run as told, each shard stays under the limit, says nothing, and has its own category.
    let mut ids = Vec::new();
    let mut total = 0;
    for k in 1..=2 {
        let shard = format!("{k}/2");
        let out = selfcheck()
            .current_dir(tmp.path())
            .args(common::dated(&["lint", "sellers", "--shard", &shard]))
            .args(["--format", "sarif"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("5,000"), "{stderr}");
        let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
        let run = &sarif["runs"][0];
        assert!(run.get("properties").is_none(), "{}", run["properties"]);
        let n = run["results"].as_array().unwrap().len();
        assert!(n <= 5000, "{n}");
        total += n;
        ids.push(run["automationDetails"]["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(total, results);
    assert_eq!(ids, ["selfcheck/shard-1-of-2/", "selfcheck/shard-2-of-2/"]);
}
