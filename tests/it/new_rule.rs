//! `scripts/new-rule` scaffolds a rule in every place it needs (its declaration, a stub check, a
//! fixture) and refuses a code that exists or is malformed; no `TODO(new-rule)` placeholder it
//! writes survives in the repository. CI also builds what it writes (`scripts/check-new-rule`).

use crate::common::root;
use std::path::Path;
use std::process::Command;

const MARKER: &str = "TODO(new-rule)";

/// The file of the RET rules, flat or a folder's `mod.rs`.
fn ret_file() -> &'static str {
    if root().join("src/rules/ret.rs").is_file() {
        "src/rules/ret.rs"
    } else {
        "src/rules/ret/mod.rs"
    }
}

/// A temporary copy of the files the script reads and writes.
fn scratch() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for file in [
        "scripts/new-rule",
        "src/declaration.rs",
        ret_file(),
        "src/rules/cus/mod.rs",
        "src/rules/cus/consignor.rs",
        "fixtures/clean/returns.yaml",
        "fixtures/clean/customs.yaml",
        "checks/RET009.yaml",
        "checks/CUS010.yaml",
    ] {
        let to = tmp.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(file), &to).unwrap();
    }
    std::fs::create_dir_all(tmp.path().join("fixtures/rules/RET009")).unwrap();
    tmp
}

fn new_rule(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("python3")
        .arg(dir.join("scripts/new-rule"))
        .args(args)
        .output()
        .unwrap()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

/// The next free code of `family` in the scratch copy's `checks/`.
fn next_code(dir: &Path, family: &str) -> String {
    (1..1000)
        .map(|n| format!("{family}{n:03}"))
        .find(|c| {
            !dir.join(format!("checks/{c}.yaml")).exists()
                && !root().join(format!("checks/{c}.yaml")).exists()
        })
        .unwrap()
}

#[test]
#[cfg_attr(not(has_python3), ignore = "needs python3")]
fn new_rule_writes_the_declaration_the_stub_and_the_fixture() {
    let tmp = scratch();
    let dir = tmp.path();
    let next = next_code(dir, "RET");
    let out = new_rule(
        dir,
        &[
            &next,
            "--scope",
            "cooperation",
            "--fn",
            "scaffolded_check",
            "--fixable",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let ret = read(dir, ret_file());
    assert!(ret.contains(&format!(
        "/// {next}: {MARKER}: one line saying what the rule checks.\npub(crate) fn scaffolded_check(ctx: &Ctx) {{"
    )));
    if let (Some(stub), Some(tests)) = (ret.find("fn scaffolded_check"), ret.find("#[cfg(test)]")) {
        assert!(stub < tests, "the stub goes before the test module");
    }

    // The one declaration: the registry and the code list are generated from it.
    let entry = read(dir, &format!("checks/{next}.yaml"));
    assert!(entry.starts_with(&format!("code: {next}\n")));
    assert!(
        entry.contains("scope: cooperation\ncheck: ret::scaffolded_check\nfixable: true\n"),
        "{entry}"
    );
    for field in ["title:", "checks:", "why:", "example:", "how_to_fix:"] {
        assert!(entry.contains(field), "{field}");
    }
    assert!(entry.matches(MARKER).count() >= 10, "{entry}");

    let fixture = read(dir, &format!("fixtures/rules/{next}/returns.yaml"));
    assert!(fixture.starts_with(&format!("# {MARKER}")));
    assert!(fixture.ends_with(&read(dir, "fixtures/clean/returns.yaml")));

    // The same code a second time is refused, and nothing changes.
    let before = read(dir, ret_file());
    let again = new_rule(dir, &[&next, "--scope", "cooperation", "--fn", "other"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    assert_eq!(read(dir, ret_file()), before);
}

/// A check in a file below a family's folder is named by its whole path, and the folder
/// declares that file visible to the generated registry.
#[test]
#[cfg_attr(not(has_python3), ignore = "needs python3")]
fn new_rule_names_a_check_in_a_family_folders_file_by_its_path() {
    let tmp = scratch();
    let dir = tmp.path();
    let mod_rs = dir.join("src/rules/cus/mod.rs");
    let private =
        read(dir, "src/rules/cus/mod.rs").replace("pub(crate) mod consignor;", "mod consignor;");
    std::fs::write(&mod_rs, &private).unwrap();
    let next = next_code(dir, "CUS");
    let out = new_rule(
        dir,
        &[
            &next,
            "--scope",
            "cooperation",
            "--fn",
            "consignor_is_named",
            "--family-file",
            "src/rules/cus/consignor.rs",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entry = read(dir, &format!("checks/{next}.yaml"));
    assert!(
        entry.contains("check: cus::consignor::consignor_is_named\n"),
        "{entry}"
    );
    assert!(read(dir, "src/rules/cus/consignor.rs").contains("pub(crate) fn consignor_is_named"));
    assert!(read(dir, "src/rules/cus/mod.rs").contains("\npub(crate) mod consignor;"));
    assert!(
        dir.join(format!("fixtures/rules/{next}/customs.yaml"))
            .is_file()
    );
}

#[test]
#[cfg_attr(not(has_python3), ignore = "needs python3")]
fn new_rule_refuses_existing_and_malformed_codes() {
    let tmp = scratch();
    let dir = tmp.path();
    let ret = read(dir, ret_file());
    for (code, why) in [
        ("RET009", "exists already"),
        ("RET01", "malformed"),
        ("ret010", "malformed"),
        ("RET000", "malformed"),
        ("XYZ001", "unknown family"),
    ] {
        let out = new_rule(dir, &[code, "--scope", "cooperation", "--fn", "a_check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{code} accepted");
        assert!(err.contains(why), "{code}: {err}");
    }
    assert_eq!(read(dir, ret_file()), ret);
}

/// Every place `scripts/new-rule` fills with a placeholder must be written before the tests pass.
#[test]
fn no_new_rule_placeholder_is_left() {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if let Ok(text) = std::fs::read_to_string(&path)
                && text.contains(MARKER)
            {
                found.push(path.strip_prefix(root()).unwrap().display().to_string());
            }
        }
    }
    let mut found = Vec::new();
    for dir in [
        "src",
        "checks",
        "fixtures/rules",
        "fixtures/clean",
        "fixtures/challenge",
    ] {
        walk(&root().join(dir), &mut found);
    }
    assert!(
        found.is_empty(),
        "`{MARKER}` placeholders left by scripts/new-rule: {found:?}"
    );
}
