//! `scripts/new-rule` scaffolds a rule in every place it needs, in code order, and refuses a code
//! that exists or is malformed; and no `TODO(new-rule)` placeholder it writes survives in the
//! repository.

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
        "src/code.rs",
        "src/rules/registry.rs",
        ret_file(),
        "fixtures/clean/returns.yaml",
        "checks/RET009.yaml",
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

#[test]
#[cfg_attr(not(has_python3), ignore = "needs python3")]
fn new_rule_writes_every_place_in_code_order() {
    let tmp = scratch();
    let dir = tmp.path();
    // Leave room after the new code: the next free RET number.
    let code_rs = read(dir, "src/code.rs");
    let next = (1..1000)
        .map(|n| format!("RET{n:03}"))
        .find(|c| !code_rs.contains(c.as_str()))
        .unwrap();
    let out = new_rule(
        dir,
        &[&next, "--scope", "cooperation", "--fn", "scaffolded_check"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let code_rs = read(dir, "src/code.rs");
    let line = code_rs
        .lines()
        .find(|l| l.contains(&next))
        .expect("the code is in the list");
    assert!(line.trim_start().starts_with("RET"), "{line}");
    let previous = format!("RET{:03}", next[3..].parse::<u32>().unwrap() - 1);
    assert!(
        code_rs.find(&previous) < code_rs.find(&next),
        "after {previous}"
    );

    let registry = read(dir, "src/rules/registry.rs");
    let at = registry.find(&format!("{next},")).expect("registry entry");
    assert!(registry[at..].contains("Run(ret::scaffolded_check)"));
    assert!(registry.find(&format!("{previous},")).unwrap() < at);
    let sla = registry.find("SLA001").unwrap();
    assert!(at < sla, "before the next family");

    let ret = read(dir, ret_file());
    assert!(ret.contains(&format!(
        "/// {next}: {MARKER}: one line saying what the rule checks.\npub(crate) fn scaffolded_check(ctx: &Ctx) {{"
    )));
    if let (Some(stub), Some(tests)) = (ret.find("fn scaffolded_check"), ret.find("#[cfg(test)]")) {
        assert!(stub < tests, "the stub goes before the test module");
    }

    let entry = read(dir, &format!("checks/{next}.yaml"));
    assert!(entry.starts_with(&format!("code: {next}\n")));
    assert!(entry.contains("programme: cooperation\n"));
    for field in ["title:", "checks:", "why:", "example:", "how_to_fix:"] {
        assert!(entry.contains(field), "{field}");
    }
    assert!(entry.matches(MARKER).count() >= 10, "{entry}");

    let fixture = read(dir, &format!("fixtures/rules/{next}/returns.yaml"));
    assert!(fixture.starts_with(&format!("# {MARKER}")));
    assert!(fixture.ends_with(&read(dir, "fixtures/clean/returns.yaml")));
    assert!(
        !dir.join(format!("fixtures/rules/{next}/README.md"))
            .exists()
    );

    // The same code a second time is refused, and nothing changes.
    let before = read(dir, "src/code.rs");
    let again = new_rule(dir, &[&next, "--scope", "cooperation", "--fn", "other"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    assert_eq!(read(dir, "src/code.rs"), before);
}

#[test]
#[cfg_attr(not(has_python3), ignore = "needs python3")]
fn new_rule_refuses_existing_and_malformed_codes() {
    let tmp = scratch();
    let dir = tmp.path();
    let code_rs = read(dir, "src/code.rs");
    let registry = read(dir, "src/rules/registry.rs");
    for (code, why) in [
        ("RET001", "exists already"),
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
    assert_eq!(read(dir, "src/code.rs"), code_rs);
    assert_eq!(read(dir, "src/rules/registry.rs"), registry);
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
