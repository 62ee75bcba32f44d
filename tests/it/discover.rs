//! Issue 12, "nothing below a linted path is skipped in silence": a folder that holds submission
//! documents or a near-miss of `submission.yaml` (`Submission.yaml`, `submission.yml`,
//! `submission.yaml.txt`) but no `submission.yaml` is a submission with SUB001, whose help names
//! the file to rename.

use crate::common;

use selfcheck::discover::{discover, is_submission, near_miss};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An agency folder: `ok/` is the clean submission; each other folder is the clean submission
/// with `submission.yaml` renamed (or removed, for `None`), and `notes/` holds no document.
fn agency() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agency");
    let clean = common::root().join("fixtures/clean");
    common::copy_dir(&clean, &root.join("ok"));
    for (folder, renamed) in [
        ("capital", Some("Submission.yaml")),
        ("yml", Some("submission.yml")),
        ("txt", Some("submission.yaml.txt")),
        ("documents-only", None),
    ] {
        let dir = root.join(folder);
        common::copy_dir(&clean, &dir);
        match renamed {
            Some(name) => std::fs::rename(dir.join("submission.yaml"), dir.join(name)).unwrap(),
            None => std::fs::remove_file(dir.join("submission.yaml")).unwrap(),
        }
    }
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(root.join("notes/README.md"), "agency notes\n").unwrap();
    (tmp, root)
}

/// Each submission's folder name and its (code, file) findings.
fn by_folder(json: &Value) -> Vec<(String, Vec<(String, String)>)> {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            let findings = s["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
                    (s("code"), s("file"))
                })
                .collect();
            (name.into_owned(), findings)
        })
        .collect()
}

fn help_of(json: &Value, folder: &str) -> String {
    let sub = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with(folder))
        .unwrap_or_else(|| panic!("{folder} is linted"));
    sub["findings"][0]["help"].as_str().unwrap().to_owned()
}

#[test]
fn a_folder_with_documents_or_a_near_miss_but_no_submission_yaml_is_sub001() {
    let (_t, root) = agency();
    let (code, json) = common::lint_json(&root, &["--today", "2026-11-20"]);
    assert_eq!(code, Some(1));
    let sub001 = || vec![("SUB001".to_owned(), "submission.yaml".to_owned())];
    assert_eq!(
        by_folder(&json),
        [
            ("capital".to_owned(), sub001()),
            ("documents-only".to_owned(), sub001()),
            ("ok".to_owned(), vec![]),
            ("txt".to_owned(), sub001()),
            ("yml".to_owned(), sub001()),
        ],
        "{json:#}"
    );
    let capital = help_of(&json, "capital");
    assert!(
        capital.contains("rename `Submission.yaml` to `submission.yaml`")
            && capital.contains("case-sensitive"),
        "{capital}"
    );
    for (folder, file) in [("yml", "submission.yml"), ("txt", "submission.yaml.txt")] {
        let help = help_of(&json, folder);
        assert!(
            help.contains(&format!("rename `{file}` to `submission.yaml`")),
            "{help}"
        );
    }
    assert!(
        help_of(&json, "documents-only").contains("selfcheck init"),
        "no near-miss: the help says how to write the document"
    );
    let severity = &json["submissions"][0]["findings"][0]["severity"];
    assert_eq!(severity, "error");
}

#[test]
fn allow_no_submission_does_not_pass_over_a_near_miss() {
    let (_t, root) = agency();
    let capital = root.join("capital");
    let (code, json) = common::lint_json(
        &capital,
        &["--today", "2026-11-20", "--allow-no-submission"],
    );
    assert_eq!(code, Some(1), "{json:#}");
    assert_eq!(by_folder(&json).len(), 1);
    // A folder with no document at all is still passed over.
    let notes = root.join("notes");
    let (code, json) =
        common::lint_json(&notes, &["--today", "2026-11-20", "--allow-no-submission"]);
    assert_eq!(code, Some(0), "{json:#}");
    assert!(by_folder(&json).is_empty());
}

#[test]
fn a_changed_file_stands_for_the_near_miss_folder_holding_it() {
    let (_t, root) = agency();
    let file = root.join("yml/customs.yaml");
    let (code, json) = common::lint_json(&file, &["--today", "2026-11-20"]);
    assert_eq!(code, Some(1));
    let found = by_folder(&json);
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0].0, "yml");
    let renamed = root.join("yml/submission.yml");
    assert_eq!(discover(&[renamed], false).unwrap(), [root.join("yml")]);
}

#[test]
fn discovery_decides_which_folders_are_submissions() {
    let (_t, root) = agency();
    for folder in ["ok", "capital", "yml", "txt", "documents-only"] {
        assert!(is_submission(&root.join(folder)), "{folder}");
    }
    assert!(!is_submission(&root.join("notes")));
    assert!(!is_submission(&root.join("ok/attachments")));
    let found = discover(std::slice::from_ref(&root), false).unwrap();
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn near_misses_of_submission_yaml() {
    for name in [
        "Submission.yaml",
        "SUBMISSION.YAML",
        "submission.yml",
        "Submission.yml",
        "submission.yaml.txt",
        "submission.yml.txt",
        "submission (1).yaml",
        "submissions.yaml",
        " submission.yaml",
    ] {
        assert!(near_miss(name, "submission.yaml"), "{name}");
    }
    for name in [
        "submission.yaml",
        "submission.json",
        "submission_notes.md",
        "resubmission.yaml",
        "license.yaml",
    ] {
        assert!(!near_miss(name, "submission.yaml"), "{name}");
    }
}
