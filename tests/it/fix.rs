//! `lint --fix` and `lint --diff`: only the fixed spans change, a second run changes nothing, the
//! diff applied with `patch` gives the same files, and line ends and BOM survive.

use crate::common::{self, selfcheck};

use std::path::Path;

use selfcheck::rules::registry::RULES;

/// Every file below `dir` with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

/// The codes of the findings of linting `dir` that carry a fix.
fn fixable_codes(dir: &Path) -> Vec<String> {
    let (_, json) = common::lint_json(dir, &[]);
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fix"].is_null())
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The fixtures of the registry's fixable rules whose lint carries a fix (a fixable rule's
/// fixture may also show a finding it cannot fix, like `RET007-length`). That each fixable rule
/// has one and no other rule's fixture carries a fix is `tests/it/rules.rs`'s
/// `a_rule_is_fixable_exactly_when_its_fixtures_carry_a_fix`.
fn fixable_fixtures() -> Vec<String> {
    let fixable: Vec<&str> = RULES
        .iter()
        .filter(|r| r.fixable)
        .map(|r| r.code.as_str())
        .collect();
    let fixtures: Vec<String> = common::fixtures_with_a_fix()
        .into_iter()
        .filter(|name| fixable.contains(&common::fixture_code(name)))
        .collect();
    for code in &fixable {
        assert!(
            fixtures.iter().any(|n| common::fixture_code(n) == *code),
            "the fixable rule {code} has no fixture with a fix"
        );
    }
    fixtures
}

/// The files the fixes of a lint's JSON change: the fix's own file where it names one (a fix at a
/// secondary label), else the finding's.
fn fixed_files(json: &serde_json::Value) -> Vec<String> {
    let mut files: Vec<String> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fix"].is_null())
        .map(|f| {
            let file = f["fix"]["file"].as_str().or(f["file"].as_str());
            file.unwrap().to_owned()
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

#[test]
#[cfg_attr(not(has_patch), ignore = "needs patch")]
fn each_fixable_fixture_is_fixed_in_place_and_only_there() {
    let fixtures = fixable_fixtures();
    assert!(!fixtures.is_empty());
    for name in &fixtures {
        let name = name.as_str();
        let layer = common::root().join("fixtures/rules").join(name);
        let (tmp, dir) = common::layered(&layer);
        assert!(!fixable_codes(&dir).is_empty(), "{name} has a fix to apply");
        let fixed = fixed_files(&common::fixture_json(name));
        assert_eq!(fixed.len(), 1, "{name}: fixes in one file: {fixed:?}");
        let file = fixed[0].as_str();
        let before = files(&dir);
        // --diff changes nothing and exits 1.
        let diff = selfcheck()
            .current_dir(tmp.path())
            .args(["lint", "--today", "2026-11-20", "submission", "--diff"])
            .output()
            .unwrap();
        assert_eq!(diff.status.code(), Some(1), "{name}");
        assert_eq!(files(&dir), before, "{name}: --diff wrote something");
        // --fix leaves no fixable finding and changes only the fixed lines.
        selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(&dir)
            .arg("--fix")
            .assert()
            .code(0);
        assert!(fixable_codes(&dir).is_empty(), "{name}");
        let after = files(&dir);
        let changed: Vec<&String> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b != a)
            .map(|(b, _)| &b.0)
            .collect();
        assert_eq!(changed, [file], "{name}");
        let old =
            String::from_utf8(before.iter().find(|(p, _)| p == file).unwrap().1.clone()).unwrap();
        let new = std::fs::read_to_string(dir.join(file)).unwrap();
        let differing: Vec<(&str, &str)> = old
            .lines()
            .zip(new.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(differing.len(), 1, "{name}: {differing:?}");
        assert_eq!(old.lines().count(), new.lines().count());
        insta::assert_snapshot!(
            format!("fix_{name}"),
            format!("{}\n{}", differing[0].0, differing[0].1)
        );
        // A second --fix changes nothing.
        selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(&dir)
            .arg("--fix")
            .assert()
            .code(0);
        assert_eq!(files(&dir), after, "{name}: --fix is not idempotent");
        // The diff applied with `patch` gives the same result.
        let copy = tempfile::tempdir().unwrap();
        common::copy_dir(&common::base_of(&layer), &copy.path().join("submission"));
        common::copy_dir(&layer, &copy.path().join("submission"));
        let status = std::process::Command::new("patch")
            .args(["-p0", "--quiet", "--batch"])
            .current_dir(copy.path())
            .stdin(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(&diff.stdout)?;
                child.wait()
            })
            .unwrap();
        assert!(status.success(), "{name}: patch failed");
        assert_eq!(
            std::fs::read(copy.path().join("submission").join(file)).unwrap(),
            std::fs::read(dir.join(file)).unwrap(),
            "{name}: patch and --fix differ"
        );
    }
}

#[test]
fn a_number_of_the_wrong_length_keeps_its_finding_and_gets_no_fix() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/RET007-length"));
    let before = files(&dir);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--fix")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[RET007]"));
    assert_eq!(files(&dir), before);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--diff")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn crlf_and_bom_survive_a_fix() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/RET003"));
    let text = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    std::fs::write(dir.join("returns.yaml"), &bytes).unwrap();
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--fix")
        .assert()
        .code(0);
    let fixed = std::fs::read(dir.join("returns.yaml")).unwrap();
    assert!(fixed.starts_with(b"\xEF\xBB\xBF"), "BOM kept");
    let fixed = String::from_utf8(fixed[3..].to_vec()).unwrap();
    assert_eq!(
        fixed.matches("\r\n").count(),
        fixed.matches('\n').count(),
        "every line still ends CRLF"
    );
    let want = String::from_utf8(bytes[3..].to_vec())
        .unwrap()
        .replace("postal_code: 28009\r\n", "postal_code: CP 28009\r\n");
    assert_eq!(fixed, want);
}

#[test]
fn a_file_changed_since_it_was_read_is_left_alone() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/RET003"));
    let report = common::lint_as(&dir, "submission");
    let fixes = selfcheck::fix::plan(&report.submissions[0]);
    assert_eq!(fixes.len(), 1);
    std::fs::write(dir.join("returns.yaml"), "addresses: []\n").unwrap();
    let err = selfcheck::fix::write(&dir, &fixes[0]).unwrap_err();
    assert!(
        matches!(err, selfcheck::fix::WriteError::Changed(_)),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("returns.yaml")).unwrap(),
        "addresses: []\n"
    );
}

#[test]
fn fix_and_diff_do_not_go_together() {
    selfcheck()
        .args(["lint", "--today", "2026-11-20", "--fix", "--diff"])
        .assert()
        .code(2);
}

#[test]
#[cfg(target_os = "linux")]
fn a_temporary_file_of_an_interrupted_fix_is_named_by_lint_and_removed_by_fix() {
    let (_tmp, dir) = common::clean_copy();
    // No process has this id, so the --fix that wrote it is gone.
    let leftover = dir.join(format!(".returns.yaml.selfcheck-fix-{}.tmp", u32::MAX));
    std::fs::write(&leftover, "half a file").unwrap();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("temporary file left by an interrupted --fix"),
        "{stderr}"
    );
    assert!(leftover.exists(), "lint changes nothing");
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--fix")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!leftover.exists(), "--fix removes it");
    assert!(String::from_utf8_lossy(&out.stderr).contains("removed"));
}

/// A duration written around a number and a unit, or in Chinese numerals, is read as meant (no
/// finding) and `--fix` writes its canonical form; `--diff` shows it first.
#[test]
fn durations_as_people_write_them_pass_and_are_written_canonically() {
    let (_tmp, dir) =
        common::layered(&common::root().join("fixtures/passing/SLA002-written-around"));
    let (status, json) = common::lint_json(&dir, &[]);
    assert_eq!(status, Some(0));
    assert_eq!(json["submissions"][0]["findings"], serde_json::json!([]));
    let (_, diff, _) = common::output(selfcheck().arg("lint").arg(&dir).arg("--diff"));
    for line in [
        "+    first_response: 4h",
        "+    first_response: 4h",
        "+    first_response: \"120m\"",
        "+  first_response: 24h",
    ] {
        assert!(diff.contains(line), "{line}: {diff}");
    }
    let out = selfcheck()
        .arg("lint")
        .arg(&dir)
        .arg("--fix")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let service = std::fs::read_to_string(dir.join("service.yaml")).unwrap();
    let clean = std::fs::read_to_string(common::root().join("fixtures/clean/service.yaml"))
        .unwrap()
        .replace("first_response: 4 h", "first_response: 4h")
        .replace("first_response: 120m", "first_response: \"120m\"");
    assert_eq!(service, clean);
    // A second run changes nothing.
    let (_, diff, _) = common::output(selfcheck().arg("lint").arg(&dir).arg("--diff"));
    assert_eq!(diff, "");
}

/// The clean submission with a full-width colon in `returns.yaml` (which keeps the document from
/// being read) and, behind it, a Spanish postal code without `CP`, a Brazilian one unsegmented
/// and a Spanish phone number in national form; and a full-width comma in `submission.yaml`'s
/// markets, behind which `KSA` waits for STO004.
fn full_width_behind_fixes() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::clean_copy();
    let edit = |file: &str, edits: &[(&str, &str)]| {
        let mut text = std::fs::read_to_string(dir.join(file)).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{file}: {from}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.join(file), text).unwrap();
    };
    edit(
        "returns.yaml",
        &[
            ("city: Madrid", "city： Madrid"),
            ("postal_code: CP 28009", "postal_code: 28009"),
            ("postal_code: CEP 01310-100", "postal_code: 01310100"),
            ("phone: \"+34 912 345 678\"", "phone: \"912 345 678\""),
        ],
    );
    edit(
        "submission.yaml",
        &[("markets: [ES, BR, SA]", "markets: [ES，BR，KSA]")],
    );
    (tmp, dir)
}

#[test]
fn one_fix_applies_the_fixes_a_fix_uncovers_and_says_the_total() {
    let (tmp, dir) = full_width_behind_fixes();
    let (status, _, err) = common::output(selfcheck().current_dir(tmp.path()).args([
        "lint",
        "--today",
        common::TODAY,
        "submission",
        "--fix",
    ]));
    assert_eq!(status, Some(0), "{err}");
    // Each file once, with every fix of every pass; then the total.
    assert_eq!(
        err.matches("submission/returns.yaml: fixed").count(),
        1,
        "{err}"
    );
    assert_eq!(
        err.matches("submission/submission.yaml: fixed").count(),
        1,
        "{err}"
    );
    assert!(err.ends_with("\nFixed 7 findings in 2 files.\n"), "{err}");
    let (_, json) = common::lint_json(&dir, &[]);
    assert_eq!(
        json["submissions"][0]["findings"],
        serde_json::json!([]),
        "{err}"
    );
    // Nothing is left for a second run.
    let (status, diff, err) = common::output(selfcheck().current_dir(tmp.path()).args([
        "lint",
        "--today",
        common::TODAY,
        "submission",
        "--diff",
    ]));
    assert_eq!((status, diff.as_str()), (Some(0), ""), "{err}");
}

#[test]
fn the_summary_names_the_documents_that_could_not_be_read() {
    let (tmp, _dir) = full_width_behind_fixes();
    for (lang, says) in [
        (
            "en",
            "Not checked: submission/returns.yaml, submission/submission.yaml could not be read; their other problems show once they can be.",
        ),
        (
            "zh",
            "未检查：submission/returns.yaml、submission/submission.yaml 无法读取；能读取后才会显示其中的其他问题。",
        ),
    ] {
        let (status, out, _) = common::output(selfcheck().current_dir(tmp.path()).args([
            "lint",
            "--today",
            common::TODAY,
            "submission",
            "--lang",
            lang,
        ]));
        assert_eq!(status, Some(1));
        assert!(out.lines().any(|l| l == says), "{out}");
    }
    // Nothing is said when every document was read.
    let (_t, dir) = common::huacai();
    let (_, out, _) = common::output(
        selfcheck()
            .arg("lint")
            .args(common::dated(&[dir.to_str().unwrap()])),
    );
    assert!(!out.contains("Not checked"), "{out}");
}

/// The README's `--fix` table shows what `--fix` writes for a phone number in national form:
/// libphonenumber's international format.
#[test]
fn the_readmes_fix_table_shows_the_phone_number_fix_writes() {
    let readme = common::readme();
    let row = readme
        .lines()
        .find(|l| l.starts_with("| RET007 | `912 345 678`"))
        .expect("the table's row for a national number");
    let json = common::fixture_json("RET007");
    let fix = &json["submissions"][0]["findings"][0]["fix"]["replacement"];
    let written = fix.as_str().unwrap();
    let written = written.trim_matches('"');
    assert!(
        row.contains(&format!("`\"{written}\"`")),
        "{written}: {row}"
    );
}
