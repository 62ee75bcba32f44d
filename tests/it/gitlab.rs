//! `--format gitlab`: a GitLab Code Quality report, read back as GitLab reads it. GitLab shows an
//! issue in the merge request only when it has every field of [`REQUIRED`]; the README lists
//! them too.

use crate::code_scanning::{lint_in, sarif_results};
use crate::common::{self, selfcheck};

use serde_json::Value;

/// The fields GitLab requires of each issue (its Code Quality documentation), as JSON pointers.
const REQUIRED: &[&str] = &[
    "/description",
    "/check_name",
    "/fingerprint",
    "/severity",
    "/location/path",
    "/location/lines/begin",
];

/// The severities GitLab knows.
const SEVERITIES: &[&str] = &["info", "minor", "major", "critical", "blocker"];

/// Checks every issue as GitLab would: the required fields, of their types, a known severity,
/// a path relative to the working directory `cwd` that exists there, and one fingerprint each.
fn assert_gitlab_reads(report: &Value, cwd: &std::path::Path) {
    let issues = report.as_array().expect("an array of issues");
    let mut fingerprints = Vec::new();
    for issue in issues {
        for pointer in REQUIRED {
            let field = issue
                .pointer(pointer)
                .unwrap_or_else(|| panic!("no {pointer}: {issue}"));
            if *pointer == "/location/lines/begin" {
                assert!(field.as_u64().is_some_and(|n| n >= 1), "{issue}");
            } else {
                assert!(
                    field.as_str().is_some_and(|s| !s.is_empty()),
                    "{pointer}: {issue}"
                );
            }
        }
        assert!(
            SEVERITIES.contains(&issue["severity"].as_str().unwrap()),
            "{issue}"
        );
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with('/') && !path.starts_with("./"), "{path}");
        assert!(cwd.join(path).exists(), "{path}");
        fingerprints.push(issue["fingerprint"].as_str().unwrap().to_owned());
    }
    let n = fingerprints.len();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), n, "one fingerprint per issue");
}

#[test]
fn a_code_quality_report_has_what_gitlab_requires() {
    let (tmp, _dir) = common::huacai();
    let report = lint_in(tmp.path(), "gitlab", &["huacai"]);
    assert_gitlab_reads(&report, tmp.path());
    let issues = report.as_array().unwrap();
    assert_eq!(issues.len(), 3, "{report:#}");
    let cus007 = &issues[0];
    assert_eq!(cus007["check_name"], "CUS007");
    assert_eq!(cus007["severity"], "major");
    assert_eq!(cus007["location"]["path"], "huacai/customs.yaml");
    assert_eq!(cus007["location"]["lines"]["begin"], 8);
    assert_eq!(
        cus007["description"],
        "consignor differs from the licensed entity: declared by `深圳市华彩供应链有限公司`, not the licensed entity"
    );
    // The same fingerprint as code scanning's.
    let sarif = sarif_results(tmp.path(), &["huacai"]);
    let sarif_cus007 = sarif.iter().find(|r| r["ruleId"] == "CUS007").unwrap();
    assert_eq!(
        sarif_cus007["partialFingerprints"]["selfcheck/v1"],
        cus007["fingerprint"]
    );
    // In the run's language.
    let zh = lint_in(tmp.path(), "gitlab", &["huacai", "--lang", "zh"]);
    assert!(
        zh[0]["description"]
            .as_str()
            .unwrap()
            .starts_with("境内发货人与营业执照主体不一致"),
        "{zh:#}"
    );
}

#[test]
fn severities_map_to_gitlabs_and_a_finding_without_a_line_is_on_line_1() {
    let (tmp, dir) = common::huacai();
    std::fs::remove_file(dir.join("fulfillment.yaml")).unwrap();
    std::fs::write(
        tmp.path().join("gate.yaml"),
        "rules:\n  CUS007: info\n  SLA002: warning\n",
    )
    .unwrap();
    common::suppress_the_postal_code(&dir);
    let report = lint_in(tmp.path(), "gitlab", &["huacai", "--config", "gate.yaml"]);
    // The missing document is named, and its file does not exist: checked apart.
    let missing: Vec<&Value> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["location"]["path"] == "huacai/fulfillment.yaml")
        .collect();
    assert!(!missing.is_empty(), "{report:#}");
    for issue in &missing {
        assert_eq!(issue["location"]["lines"]["begin"], 1, "{issue}");
    }
    let present: Vec<Value> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["location"]["path"] != "huacai/fulfillment.yaml")
        .cloned()
        .collect();
    assert_gitlab_reads(&Value::Array(present), tmp.path());
    let severity = |code: &str| -> Vec<&str> {
        report
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["check_name"] == code)
            .map(|i| i["severity"].as_str().unwrap())
            .collect()
    };
    assert_eq!(severity("CUS007"), ["info"]);
    assert_eq!(severity("SLA002"), ["minor"]);
    assert!(severity("SUB001").iter().all(|s| *s == "major"));
    // A suppressed finding does not count, and GitLab has no place for it.
    assert_eq!(severity("RET003"), Vec::<&str>::new());
}

#[test]
fn a_code_quality_report_is_written_beside_junit_from_one_run() {
    let (tmp, _dir) = common::huacai();
    let out = selfcheck()
        .current_dir(tmp.path())
        .args(common::dated(&[
            "lint",
            "huacai",
            "--output",
            "gitlab=gl-code-quality-report.json",
            "--output",
            "junit=selfcheck.xml",
        ]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    assert_gitlab_reads(&report, tmp.path());
    assert_eq!(report.as_array().unwrap().len(), 3);
    assert!(tmp.path().join("selfcheck.xml").exists());
    // Nothing found is an empty report, not an empty file.
    let clean = tmp.path().join("clean");
    common::copy_dir(&common::root().join("fixtures/clean"), &clean);
    assert_eq!(
        lint_in(tmp.path(), "gitlab", &["clean"]),
        serde_json::json!([])
    );
}

#[test]
fn the_readme_names_the_fields_gitlab_requires() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let at = readme
        .find("**gitlab**")
        .expect("the README describes --format gitlab");
    let section = &readme[at..at + readme[at..].find("\n\n").unwrap()];
    for pointer in REQUIRED {
        let dotted = pointer.trim_start_matches('/').replace('/', ".");
        assert!(section.contains(&format!("`{dotted}`")), "{dotted}");
    }
    assert!(readme.contains("codequality: gl-code-quality-report.json"));
    assert!(readme.contains("junit: selfcheck.xml"));
}
