//! `build.rs` refuses a malformed `checks/<CODE>.yaml`, and its mirror of the catalogue entry
//! (`CheckFile`) has the fields of `selfcheck::catalogue::Entry`, each as required as there.

#[path = "../../build.rs"]
#[allow(dead_code)]
mod build_script;

use build_script::{CheckFile, DATA_FILES, check_file_error};
use selfcheck::catalogue::{CHECK_FILES, Entry};
use serde::de::DeserializeOwned;

/// The fields a `deny_unknown_fields` struct knows, from serde's "unknown field" error.
fn fields_of<T: DeserializeOwned>() -> Vec<String> {
    let err = serde_json::from_str::<T>(r#"{"no such field": 0}"#)
        .err()
        .expect("an unknown field is refused")
        .to_string();
    // serde writes "expected `a`", "expected `a` or `b`" or "expected one of `a`, `b`, `c`".
    let listed = err
        .split_once("expected ")
        .unwrap_or_else(|| panic!("not an unknown-field error: {err}"))
        .1;
    let listed = listed.split(" at line").next().unwrap();
    let listed = listed.strip_prefix("one of ").unwrap_or(listed);
    let mut fields: Vec<String> = listed
        .split(", ")
        .flat_map(|f| f.split(" or "))
        .map(|f| f.trim_matches('`').to_owned())
        .collect();
    fields.sort();
    fields
}

#[test]
fn the_build_mirror_has_the_fields_of_the_catalogue_entry() {
    assert_eq!(fields_of::<CheckFile>(), fields_of::<Entry>());
    assert_eq!(
        fields_of::<build_script::Text>(),
        ["en", "zh"],
        "selfcheck::finding::Text is en and zh"
    );
}

#[test]
fn the_build_mirror_and_the_entry_agree_on_every_check_file_and_each_field_left_out() {
    let mut checked = 0;
    for (name, text) in CHECK_FILES {
        if DATA_FILES.contains(name) {
            continue;
        }
        assert_eq!(check_file_error(name, text), None);
        let full: serde_json::Value = serde_saphyr::from_str(text).unwrap();
        let both = |doc: &serde_json::Value| {
            let doc = doc.to_string();
            (
                serde_json::from_str::<CheckFile>(&doc).is_ok(),
                serde_json::from_str::<Entry>(&doc).is_ok(),
            )
        };
        assert_eq!(both(&full), (true, true), "{name}");
        for field in full.as_object().unwrap().keys() {
            let mut without = full.clone();
            without.as_object_mut().unwrap().remove(field);
            let (mirror, entry) = both(&without);
            assert_eq!(
                mirror, entry,
                "{name} without `{field}`: build.rs accepts it: {mirror}, Entry accepts it: {entry}"
            );
        }
        checked += 1;
    }
    assert!(checked > 0);
}

const GOOD: &str = "code: RET003
severity: error
programme: cooperation
title: {en: a title, zh: 标题}
checks: {en: what, zh: 什么}
why: {en: why, zh: 为什么}
example: |
  postal_code: 28009
how_to_fix: {en: how, zh: 怎么}
";

#[test]
fn build_rs_names_the_file_of_a_malformed_check() {
    assert_eq!(check_file_error("RET003.yaml", GOOD), None);
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
    ];
    for (what, name, text) in cases {
        let err = check_file_error(name, &text).unwrap_or_else(|| panic!("{what} is accepted"));
        assert!(
            err.starts_with(&format!("checks/{name}: ")),
            "{what}: {err}"
        );
    }
    let missing = check_file_error(
        "RET003.yaml",
        &GOOD.replace("why: {en: why, zh: 为什么}\n", ""),
    )
    .unwrap();
    assert!(missing.contains("why"), "{missing}");
    let misnamed = check_file_error("RET004.yaml", GOOD).unwrap();
    assert!(misnamed.contains("RET003"), "{misnamed}");
}
