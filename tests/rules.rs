//! Every rule fixture fires its code and nothing else; the clean submission fires nothing; every
//! code of the catalogue has its documentation, a firing fixture and snapshots of its output.
//!
//! `fixtures/rules/<CODE>/` (or `<CODE>-<variant>/`) holds only the files that differ from
//! `fixtures/clean/`. Run one family with `FIXTURES=RET cargo test --test rules`.

mod common;

use selfcheck::catalogue::catalogue;
use selfcheck::finding::Lang;
use std::collections::BTreeSet;

fn fixture_code(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

#[test]
fn clean_submission_has_no_findings() {
    let report = common::lint_as(&common::root().join("fixtures/clean"), "fixtures/clean");
    let findings = &report.submissions[0].findings;
    assert!(findings.is_empty(), "{}", common::human(&report, Lang::En));
}

/// The rule fixture folders, optionally only those starting with `$FIXTURES` (e.g. `RET`).
fn fixture_dirs() -> Vec<std::path::PathBuf> {
    let filter = std::env::var("FIXTURES").unwrap_or_default();
    let mut dirs: Vec<_> = std::fs::read_dir(common::root().join("fixtures/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&filter)
        })
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn each_fixture_fires_its_code_and_nothing_else() {
    let mut failed = Vec::new();
    for layer in fixture_dirs() {
        let name = layer.file_name().unwrap().to_str().unwrap().to_owned();
        let result = std::panic::catch_unwind(|| {
            let code = fixture_code(&name);
            let (_tmp, dir) = common::layered(&layer);
            let report = common::lint_as(&dir, &format!("fixtures/rules/{name}"));
            let human = common::human(&report, Lang::En);
            assert_eq!(common::codes(&report), [code], "fixture {name}:\n{human}");
            insta::assert_snapshot!(format!("{name}.human"), human);
            let json: serde_json::Value =
                serde_json::from_str(&selfcheck::render::json::render(&report, Lang::En)).unwrap();
            insta::assert_json_snapshot!(format!("{name}.json"), json);
        });
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "fixtures that failed: {failed:?}");
}

#[test]
fn every_catalogue_code_has_a_fixture_and_every_fixture_a_code() {
    let fixtures: BTreeSet<String> = std::fs::read_dir(common::root().join("fixtures/rules"))
        .unwrap()
        .map(|e| fixture_code(e.unwrap().file_name().to_str().unwrap()).to_owned())
        .collect();
    let codes: BTreeSet<String> = catalogue().entries.keys().cloned().collect();
    let undocumented: Vec<_> = fixtures.difference(&codes).collect();
    let untested: Vec<_> = codes.difference(&fixtures).collect();
    assert!(
        undocumented.is_empty(),
        "fixtures without a catalogue entry: {undocumented:?}"
    );
    assert!(
        untested.is_empty(),
        "codes without a firing fixture: {untested:?}"
    );
}

#[test]
fn catalogue_entries_are_complete_and_bilingual() {
    let code = regex::Regex::new(r"^(SUB|STO|LIC|CUS|RET|SLA|FUL|CMP|CHL)\d{3}$").unwrap();
    for (name, text) in selfcheck::catalogue::CHECK_FILES {
        if *name == "markets.yaml" {
            continue;
        }
        let entry: selfcheck::catalogue::Entry =
            serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("checks/{name}: {e}"));
        assert_eq!(
            format!("{}.yaml", entry.code),
            *name,
            "file name matches the code"
        );
        assert!(code.is_match(&entry.code), "{name}: code format");
        for (what, t) in [
            ("title", &entry.title),
            ("checks", &entry.checks),
            ("why", &entry.why),
            ("how_to_fix", &entry.how_to_fix),
        ] {
            assert!(
                !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                "{name}: {what} en/zh"
            );
        }
        assert!(!entry.example.trim().is_empty(), "{name}: example");
        // House style: a title starts in lower case (proper nouns such as `EU` or `USCC` may follow).
        let first = entry.title.en.chars().next().unwrap_or('A');
        assert!(!first.is_uppercase(), "{name}: titles start in lower case");
        assert!(!entry.title.en.ends_with('.'), "{name}: titles are not sentences");
    }
}
