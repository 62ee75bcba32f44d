//! One verdict: for every `--fail-on` value, each format says pass or fail exactly as the exit
//! status does. The verdict is decided once (`policy::Policy::verdict`); an output that decided
//! again would disagree here first, at `--fail-on never` or at a warning-only submission.

use crate::common::{self, root};
use std::path::Path;

/// Whether an output says that a submission of the run fails.
type SaysFails = fn(&str) -> bool;

/// The formats written to standard output, and how each one says that a submission fails.
const FORMATS: &[(&str, SaysFails)] = &[
    // The closing line of a run of several submissions: `1 of 2 submissions has errors.`
    ("human", |out| out.contains("\n1 of 2 submissions has ")),
    ("json", |out| {
        let json: serde_json::Value = serde_json::from_str(out).unwrap();
        json["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["status"] == "failing")
    }),
    // The run's failures, on its `<testsuites>` element.
    ("junit", |out| {
        let suites = out.lines().find(|l| l.starts_with("<testsuites")).unwrap();
        !suites.contains("failures=\"0\"")
    }),
    ("html", |out| out.contains("class=\"badge fail\"")),
];

/// The exit status of `selfcheck lint DIR --fail-on FAIL_ON --format FORMAT`, and its output:
/// DIR holds the case and a clean submission beside it.
fn lint(dir: &Path, fail_on: &str, format: &str) -> (Option<i32>, String) {
    let (code, out, err) = common::output(
        common::selfcheck()
            .args(["lint", "--today", common::TODAY, "--fail-on", fail_on])
            .args(["--format", format])
            .arg(dir),
    );
    assert!(matches!(code, Some(0 | 1)), "{format}: {err}");
    (code, out)
}

#[test]
fn every_format_says_pass_or_fail_as_the_exit_status_does() {
    // A clean submission, one with a warning only (SUB003), one with an error (CUS007).
    let cases = [
        ("clean", None),
        ("SUB003", Some("fixtures/rules/SUB003")),
        ("CUS007", Some("fixtures/rules/CUS007")),
    ];
    let mut seen = Vec::new();
    for (name, layer) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sellers");
        common::copy_dir(&root().join("fixtures/clean"), &dir.join("a-clean"));
        match layer {
            Some(layer) => common::layer_onto(&root().join(layer), &dir.join(name)),
            None => common::copy_dir(&root().join("fixtures/clean"), &dir.join(name)),
        }
        for fail_on in ["error", "warning", "info", "never"] {
            let mut statuses = Vec::new();
            for (format, fails) in FORMATS {
                let (code, out) = lint(&dir, fail_on, format);
                assert_eq!(
                    fails(&out),
                    code == Some(1),
                    "{name} at --fail-on {fail_on}: {format} says the opposite of exit {code:?}:\n{out}"
                );
                statuses.push(code);
            }
            for format in ["sarif", "github"] {
                statuses.push(lint(&dir, fail_on, format).0);
            }
            assert!(
                statuses.windows(2).all(|w| w[0] == w[1]),
                "{name} at --fail-on {fail_on}: {statuses:?}"
            );
            seen.push((name, fail_on, statuses[0]));
        }
    }
    // The cases reach both verdicts, and `never` passes everything.
    let status = |name: &str, fail_on: &str| {
        seen.iter()
            .find(|(n, f, _)| *n == name && *f == fail_on)
            .unwrap()
            .2
    };
    assert_eq!(status("SUB003", "error"), Some(0));
    assert_eq!(status("SUB003", "warning"), Some(1));
    assert_eq!(status("CUS007", "error"), Some(1));
    assert_eq!(status("CUS007", "never"), Some(0));
    assert_eq!(status("clean", "info"), Some(0));
}
