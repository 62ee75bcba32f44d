//! Every rule fixture fires its code and nothing else; the clean submission fires nothing; every
//! code of the catalogue has its documentation, a firing fixture and snapshots of its output.
//!
//! `fixtures/rules/<CODE>/` (or `<CODE>-<variant>/`) holds only the files that differ from
//! `fixtures/clean/`. Run one family with `FIXTURES=RET cargo test --test rules`.

mod common;

use selfcheck::catalogue::Catalogue;
use selfcheck::finding::Lang;
use std::collections::BTreeSet;

fn fixture_code(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

#[test]
fn clean_submissions_of_both_programmes_have_no_findings() {
    for base in ["fixtures/clean", "fixtures/challenge"] {
        let report = common::lint_as(&common::root().join(base), base);
        let findings = &report.submissions[0].findings;
        assert!(
            findings.is_empty(),
            "{base}: {}",
            common::human(&report, Lang::En)
        );
    }
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
    let codes: BTreeSet<String> = Catalogue::builtin().entries.keys().cloned().collect();
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
    let code = regex::Regex::new(r"^(SUB|SEL|STO|LIC|CUS|RET|SLA|FUL|CMP|CHL)\d{3}$").unwrap();
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
        // A folded YAML block joins lines with a space, which Chinese text must not have.
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for t in [&entry.title, &entry.checks, &entry.why, &entry.how_to_fix] {
            let chars: Vec<char> = t.zh.chars().collect();
            let stray = chars
                .windows(3)
                .any(|w| cjk(w[0]) && w[1] == ' ' && cjk(w[2]));
            assert!(
                !stray,
                "{name}: a space between Chinese characters in {:?}",
                t.zh
            );
        }
        // House style: a title starts in lower case (proper nouns such as `EU` or `USCC` may follow).
        let first = entry.title.en.chars().next().unwrap_or('A');
        assert!(!first.is_uppercase(), "{name}: titles start in lower case");
        assert!(
            !entry.title.en.ends_with('.'),
            "{name}: titles are not sentences"
        );
    }
}

#[test]
fn the_catalogue_is_exactly_the_47_point_checklist_plus_the_document_rules() {
    // The 47 checklist codes, SUB001-SUB005, SEL001 (an unused inline suppression), and the
    // challenge programme's CHL001-CHL020.
    let mut want: Vec<String> = (1..=5).map(|n| format!("SUB{n:03}")).collect();
    want.push("SEL001".to_owned());
    want.extend((1..=20).map(|n| format!("CHL{n:03}")));
    for (family, count) in [
        ("STO", 5),
        ("LIC", 7),
        ("CUS", 10),
        ("RET", 9),
        ("SLA", 6),
        ("FUL", 5),
        ("CMP", 5),
    ] {
        want.extend((1..=count).map(|n| format!("{family}{n:03}")));
    }
    want.sort();
    let have: Vec<String> = Catalogue::builtin().entries.keys().cloned().collect();
    assert_eq!(have, want);
    assert_eq!(
        have.iter()
            .filter(|c| !c.starts_with("SUB") && !c.starts_with("SEL") && !c.starts_with("CHL"))
            .count(),
        47
    );
    let out = assert_cmd::Command::cargo_bin("selfcheck")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(listed, want);
}
