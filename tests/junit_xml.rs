//! JUnit carries no character outside XML 1.0, whatever a seller's value holds: one value must
//! never break the whole run's report for GitLab or Jenkins. Read with a real XML parser.

mod common;

use common::selfcheck;

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
        .arg("lint")
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
