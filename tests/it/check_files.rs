//! `build.rs` refuses a malformed declaration (`checks/<CODE>.yaml`) and names its file: the
//! checks of `build/declarations.rs`, run here on good and broken declarations.

mod declaration {
    pub use selfcheck::declaration::*;
}

#[path = "../../build/declarations.rs"]
#[allow(dead_code)]
mod declarations;

const GOOD: &str = "code: RET003
severity: error
scope: cooperation
check: ret::postal::spanish_postal_code_has_cp_prefix
title: {en: a title, zh: 标题}
checks: {en: what, zh: 什么}
why: {en: why, zh: 为什么}
example: |
  postal_code: 28009
how_to_fix: {en: how, zh: 怎么}
";

/// The mistake `build.rs` reports for the file `name` holding `text`, if any.
fn mistake(name: &str, text: &str) -> Option<String> {
    declarations::read(&[(name.to_owned(), text.to_owned())])
        .err()
        .map(|errors| errors.join("\n"))
}

#[test]
fn every_declaration_of_checks_is_accepted_in_code_order() {
    let files: Vec<(String, String)> = selfcheck::catalogue::CHECK_FILES
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    let entries = declarations::read(&files).expect("checks/ is well formed");
    let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    let all: Vec<&str> = selfcheck::code::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        codes, all,
        "the generated codes are the declarations, in code order"
    );
}

#[test]
fn build_rs_names_the_file_of_a_malformed_declaration() {
    assert_eq!(mistake("RET003.yaml", GOOD), None);
    let cases = [
        (
            "bad YAML",
            "RET003.yaml",
            format!("{GOOD}title: [unclosed\n"),
        ),
        (
            "unknown field",
            "RET003.yaml",
            format!("{GOOD}fixabel: true\n"),
        ),
        (
            "unknown field of a text",
            "RET003.yaml",
            GOOD.replace("zh: 标题", "zh: 标题, fr: titre"),
        ),
        (
            "missing field",
            "RET003.yaml",
            GOOD.replace("why: {en: why, zh: 为什么}\n", ""),
        ),
        (
            "unknown severity",
            "RET003.yaml",
            GOOD.replace("severity: error", "severity: fatal"),
        ),
        ("file name not the code", "RET004.yaml", GOOD.to_owned()),
        (
            "not a code",
            "RET03.yaml",
            GOOD.replace("code: RET003", "code: RET03"),
        ),
        (
            "unknown family",
            "XYZ001.yaml",
            GOOD.replace("code: RET003", "code: XYZ001"),
        ),
        (
            "a pack's scope",
            "RET003.yaml",
            GOOD.replace("scope: cooperation", "scope: pack"),
        ),
        (
            "unknown scope",
            "RET003.yaml",
            GOOD.replace("scope: cooperation", "scope: everyone"),
        ),
        (
            "a check that is no path",
            "RET003.yaml",
            GOOD.replace(
                "check: ret::postal::spanish_postal_code_has_cp_prefix",
                "check: Spanish postal codes",
            ),
        ),
        (
            "dates for a rule the loader raises",
            "RET003.yaml",
            GOOD.replace(
                "check: ret::postal::spanish_postal_code_has_cp_prefix",
                "check: loader\ndates: daily",
            ),
        ),
        (
            "dates that are no path",
            "RET003.yaml",
            GOOD.replace("how_to_fix", "dates: every Monday\nhow_to_fix"),
        ),
    ];
    for (what, name, text) in cases {
        let err = mistake(name, &text).unwrap_or_else(|| panic!("{what} is accepted"));
        assert!(
            err.starts_with(&format!("checks/{name}: ")),
            "{what}: {err}"
        );
    }
    let missing = mistake(
        "RET003.yaml",
        &GOOD.replace("why: {en: why, zh: 为什么}\n", ""),
    )
    .unwrap();
    assert!(missing.contains("why"), "{missing}");
    let misnamed = mistake("RET004.yaml", GOOD).unwrap();
    assert!(misnamed.contains("RET003"), "{misnamed}");
}

#[test]
fn the_generated_code_names_each_declared_check() {
    let entries = declarations::read(&[("RET003.yaml".to_owned(), GOOD.to_owned())]).unwrap();
    assert_eq!(declarations::codes(&entries), "codes! {\n    RET003\n}\n");
    let registry = declarations::registry(&entries);
    assert!(
        registry.contains(
            "Rule { code: Code::RET003, scope: Scope::Cooperation, fixable: false, check: Check::Run(crate::rules::ret::postal::spanish_postal_code_has_cp_prefix), dates: Dates::Fixed }"
        ),
        "{registry}"
    );
}
