//! `init`, `schema` and the generated checklist page.

use crate::common::{self, selfcheck};

use serde_json::Value;

fn schema_of(document: &str) -> jsonschema::Validator {
    let out = selfcheck().args(["schema", document]).output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn yaml_as_json(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

#[test]
fn every_clean_document_of_both_programmes_validates_against_its_schema() {
    let mut checked = 0;
    for base in ["fixtures/clean", "fixtures/challenge"] {
        for doc in selfcheck::schema::DOCUMENTS {
            let path = common::root().join(format!("{base}/{doc}.yaml"));
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let validator = schema_of(doc);
            let errors: Vec<String> = validator
                .iter_errors(&yaml_as_json(&text))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{base}/{doc}.yaml: {errors:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}

#[test]
fn the_submission_schema_follows_the_programme() {
    let validator = schema_of("submission");
    // A challenge field in a co-operation submission, and the other way round.
    assert!(!validator.is_valid(&yaml_as_json(
        "markets: [ES]\nchallenge_start: 2026-11-25\n"
    )));
    assert!(validator.is_valid(&yaml_as_json(
        "program: challenge\nchallenge_start: 2026-11-25\n"
    )));
    assert!(!validator.is_valid(&yaml_as_json(
        "program: challenge\napplicant: {store_level: 3}\n"
    )));
}

#[test]
fn the_returns_schema_rejects_what_the_linter_rejects() {
    let validator = schema_of("returns");
    let unknown_key = yaml_as_json("addresses:\n  - market: ES\n    postcode: CP 28009\n");
    assert!(!validator.is_valid(&unknown_key));
    let no_market = yaml_as_json("addresses:\n  - postal_code: CP 28009\n");
    assert!(!validator.is_valid(&no_market));
    let bad_date = yaml_as_json("addresses:\n  - market: ES\n    reported_on: 20 November\n");
    assert!(!validator.is_valid(&bad_date));
}

#[test]
fn unknown_schema_name_is_exit_2() {
    selfcheck().args(["schema", "returnz"]).assert().code(2);
    selfcheck()
        .arg("schema")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("fulfillment"));
}

/// The exit status of `selfcheck lint DIR --fail-on info` and the codes it reports.
fn lint_codes(dir: &std::path::Path) -> (Option<i32>, std::collections::BTreeSet<String>) {
    // A template is dated from the day `init` ran: linted with the same clock.
    let (status, json) = common::lint_json_now(dir, &["--fail-on", "info"]);
    let codes = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    (status, codes)
}

/// Only SUB006 (its placeholders) fails a fresh template; `tests/it/templates.rs` checks which.
fn only_placeholders() -> (Option<i32>, std::collections::BTreeSet<String>) {
    (Some(1), ["SUB006".to_owned()].into())
}

#[test]
fn init_writes_a_template_that_fails_only_on_its_placeholders_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-seller");
    selfcheck().arg("init").arg(&dir).assert().code(0);
    assert_eq!(lint_codes(&dir), only_placeholders());
    // On another day just the same.
    let other = tmp.path().join("later");
    selfcheck()
        .arg("init")
        .arg(&other)
        .args(["--today", "2028-02-29"])
        .assert()
        .code(0);
    assert_eq!(lint_codes(&other), only_placeholders());
    let before = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
    selfcheck().arg("init").arg(&dir).assert().code(2);
    assert_eq!(
        before,
        std::fs::read_to_string(dir.join("license.yaml")).unwrap()
    );
}

#[test]
fn the_challenge_template_fails_only_on_its_placeholders_too() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, today) in [
        ("now", None),
        ("leap-day", Some("2028-02-29")),
        ("year-end", Some("2026-12-30")),
    ] {
        let dir = tmp.path().join(name);
        let mut init = selfcheck();
        init.arg("init").arg(&dir).args(["--program", "challenge"]);
        if let Some(day) = today {
            init.args(["--today", day]);
        }
        init.assert().code(0);
        assert_eq!(lint_codes(&dir), only_placeholders(), "{name}");
        assert!(
            std::fs::read_to_string(dir.join("submission.yaml"))
                .unwrap()
                .contains("program: challenge")
        );
    }
}

#[test]
fn one_run_lints_both_programmes_side_by_side() {
    let tmp = tempfile::tempdir().unwrap();
    let (_a, coop) = common::layered(&common::root().join("fixtures/rules/CUS007"));
    let (_b, challenge) = common::layered(&common::root().join("fixtures/rules/CHL003"));
    common::copy_dir(&coop, &tmp.path().join("agency/coop-seller"));
    common::copy_dir(&challenge, &tmp.path().join("agency/challenge-seller"));
    let (_, json) = common::lint_json(tmp.path().join("agency"), &[]);
    let subs = json["submissions"].as_array().unwrap();
    let codes: Vec<(String, Vec<String>)> = subs
        .iter()
        .map(|s| {
            let path = s["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            let codes = s["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_owned())
                .collect();
            (path, codes)
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("challenge-seller".to_owned(), vec!["CHL003".to_owned()]),
            ("coop-seller".to_owned(), vec!["CUS007".to_owned()])
        ]
    );
}

#[test]
fn template_comments_are_bilingual() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("t");
    selfcheck().arg("init").arg(&dir).assert().code(0);
    selfcheck()
        .arg("init")
        .arg(tmp.path().join("c"))
        .args(["--program", "challenge"])
        .assert()
        .code(0);
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(tmp.path().join("c")).unwrap());
    for entry in files {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let comments: Vec<&str> = text
                .lines()
                .filter_map(|l| l.split_once('#').map(|(_, c)| c))
                .collect();
            let has_zh = comments
                .iter()
                .any(|c| c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
            let has_en = comments.iter().any(|c| {
                c.split_whitespace()
                    .any(|w| w.chars().all(|ch| ch.is_ascii_alphabetic()) && w.len() > 3)
            });
            assert!(has_zh && has_en, "{}", path.display());
        }
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let path = common::root().join("docs/rules.md");
    let want = selfcheck::render::catalogue::markdown(selfcheck::catalogue::Catalogue::builtin());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test it tooling::`"
    );
}

/// The names of the dependencies of the package `name` in the lock file `lock`.
fn locked_dependencies(lock: &str, name: &str) -> std::collections::BTreeSet<String> {
    let block = lock
        .split("[[package]]")
        .find(|p| p.contains(&format!("\nname = \"{name}\"\n")))
        .unwrap_or_else(|| panic!("no package `{name}` in the lock file"));
    let Some(deps) = block.split("dependencies = [").nth(1) else {
        return Default::default();
    };
    deps.split(']')
        .next()
        .unwrap_or("")
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|d| d.split(' ').next().unwrap_or(d).to_owned())
        .collect()
}

/// `fuzz/Cargo.lock` names every dependency the crate builds with: CI builds the fuzz targets
/// with `--locked`, which refuses a lock file that lacks one.
#[test]
fn the_fuzz_lock_file_holds_the_crates_dependencies() {
    let root = common::root();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let manifest = read("Cargo.toml");
    let dev: Vec<&str> = manifest
        .split("[dev-dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| !name.starts_with('#'))
        .collect();
    let ours: std::collections::BTreeSet<String> =
        locked_dependencies(&read("Cargo.lock"), "selfcheck")
            .into_iter()
            .filter(|d| !dev.contains(&d.as_str()))
            .collect();
    let fuzz = locked_dependencies(&read("fuzz/Cargo.lock"), "selfcheck");
    let missing: Vec<&String> = ours.difference(&fuzz).collect();
    assert!(
        missing.is_empty(),
        "fuzz/Cargo.lock lacks {missing:?}: run `cargo check --manifest-path fuzz/Cargo.toml --bins`"
    );
    assert!(ours.contains("serde-saphyr") && ours.len() > 10, "{ours:?}");
}
