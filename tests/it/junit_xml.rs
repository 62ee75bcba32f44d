//! JUnit carries no character outside XML 1.0, whatever a seller's value holds: one value must
//! never break the whole run's report for GitLab or Jenkins. Read with a real XML parser.

use crate::common::{self, selfcheck};

#[test]
fn hostile_values_leave_the_junit_report_well_formed() {
    let (_tmp, dir) = common::clean_copy();
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    // Double-quoted YAML escapes: a C0 control, ESC, U+FFFE and U+FFFF inside a postal code.
    let hostile = returns.replacen(
        "postal_code: CP 28009",
        r#"postal_code: "CP 2\x01\e[2J8\uFFFE0\uFFFF09""#,
        1,
    );
    assert_ne!(hostile, returns, "the fixture still has the value replaced");
    std::fs::write(dir.join("returns.yaml"), hostile).unwrap();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--format", "junit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
    let failures: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .filter_map(|n| n.text())
        .collect();
    let text = failures.join("\n");
    assert!(text.contains("returns.yaml"), "{xml}");
    assert!(
        text.contains('\u{fffd}'),
        "the characters were replaced: {text}"
    );
    for c in ['\u{1}', '\u{1b}', '\u{fffe}', '\u{ffff}'] {
        assert!(!xml.contains(c), "{c:?} reached the XML");
    }
}

/// The test cases of the report's first suite: the rule codes listed.
fn junit_cases(dir: &std::path::Path, args: &[&str]) -> Vec<String> {
    let out = selfcheck()
        .arg("lint")
        .arg(dir)
        .args(["--format", "junit", "--today", "2026-11-20"])
        .args(args)
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .map(|name| name.split(' ').next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn junit_lists_only_the_rules_that_ran() {
    let (_tmp, dir) = common::clean_copy();
    let all = junit_cases(&dir, &[]);
    assert!(all.iter().any(|c| c == "RET003"), "{all:?}");
    assert!(all.iter().any(|c| c == "SLA004"), "{all:?}");
    // A rule turned off by the configuration is not a passing test case.
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    let configured = junit_cases(&dir, &[]);
    assert!(!configured.iter().any(|c| c == "RET003"), "{configured:?}");
    assert_eq!(configured.len(), all.len() - 1, "{configured:?}");
    // Nor is one `--select` leaves out.
    let selected = junit_cases(&dir, &["--select", "SLA"]);
    assert!(!selected.is_empty());
    assert!(
        selected.iter().all(|c| c.starts_with("SLA")),
        "{selected:?}"
    );
}
