//! Which outside programs the tests can use here, probed when the crate is built. Each program
//! has a cfg flag, `has_` and its name with `-` written `_`, set where the probe succeeds; a test
//! that needs the program carries `#[cfg_attr(not(has_X), ignore = "needs X")]`, so that without
//! it `cargo test` lists the test as `ignored, needs X` instead of passing it. `.ci/run` installs
//! every one of them and fails when a test is ignored.
//!
//! Each flag, the run that must succeed, and the tests of `tests/it/` that need it:
//!
//! - `has_patch`: `patch --version`. `fix::each_fixable_fixture_is_fixed_in_place_and_only_there`
//!   applies the `--diff` output and compares it with `--fix`.
//! - `has_script`: `script -qec 'test -t 1' /dev/null`, util-linux's script giving a terminal.
//!   `hostile_output`'s tests of a hostile value also read the human output through a
//!   pseudo-terminal; `chinese::the_progress_line_on_a_terminal_is_in_chinese`.
//! - `has_python3`: `python3 --version`. `new_rule` runs `scripts/new-rule` on a scratch copy.
//! - `has_git`: `git --version`. `hook::real_pre_commit_*` (pre-commit runs in a repository).
//! - `has_pre_commit`: `pre-commit --version` (PyPI). `hook::real_pre_commit_*` run the hook.
//! - `has_chromium`: `chromium --version`. `html::chromium_*` render the HTML report headless;
//!   `html::readme_screenshots`.
//! - `has_calcurse`: `calcurse --version`. `forecast::calcurse_imports_the_calendar`.
//! - `has_strace`: `strace -f -c -o /dev/null true`, strace allowed to trace.
//!   `syscalls::one_submission_costs_at_most_its_budget_of_system_calls`.
//! - `has_nvim`: `nvim --version` (Neovim). The language server's tests, `server*`.
//! - `has_icalendar`: `PYTHON -c "import icalendar"` (PyPI `icalendar`).
//!   `forecast::python_icalendar_reads_the_calendar`.
//! - `has_pytest_lsp`: `PYTHON -c "import pytest_lsp"` (PyPI `pytest-lsp`). The language
//!   server's tests, `server*`.
//!
//! `PYTHON` is `SELFCHECK_PYTHON` where it is set (CI points it at a virtualenv holding the
//! packages), else `python3`; the tests run the same one.
//!
//! The probe runs again when `PATH` or `SELFCHECK_PYTHON` changes, and when this file does: after
//! installing a program without either changing, `touch build/probe.rs`.

use std::process::{Command, Stdio};

/// Each program's flag, and the run that must succeed for the tests to use it.
const PROGRAMS: &[(&str, &str, &[&str])] = &[
    ("has_patch", "patch", &["--version"]),
    ("has_script", "script", &["-qec", "test -t 1", "/dev/null"]),
    ("has_python3", "python3", &["--version"]),
    ("has_git", "git", &["--version"]),
    ("has_pre_commit", "pre-commit", &["--version"]),
    ("has_chromium", "chromium", &["--version"]),
    ("has_calcurse", "calcurse", &["--version"]),
    (
        "has_strace",
        "strace",
        &["-f", "-c", "-o", "/dev/null", "true"],
    ),
    ("has_nvim", "nvim", &["--version"]),
];

/// Each Python package's flag, and the module it is imported as.
const PYTHON_MODULES: &[(&str, &str)] = &[
    ("has_icalendar", "icalendar"),
    ("has_pytest_lsp", "pytest_lsp"),
];

/// The Python the tests run for [`PYTHON_MODULES`]: `SELFCHECK_PYTHON`, else `python3`.
fn python() -> String {
    std::env::var("SELFCHECK_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_owned())
}

/// Declares every flag to rustc and sets those whose program is found.
pub fn outside_programs() {
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rerun-if-env-changed=SELFCHECK_PYTHON");
    let python = python();
    let probes =
        PROGRAMS
            .iter()
            .map(|&(flag, program, args)| (flag, runs(program, args)))
            .chain(PYTHON_MODULES.iter().map(|&(flag, module)| {
                (flag, runs(&python, &["-c", &format!("import {module}")]))
            }));
    for (flag, found) in probes {
        println!("cargo:rustc-check-cfg=cfg({flag})");
        if found {
            println!("cargo:rustc-cfg={flag}");
        }
    }
}

/// Whether `program ARGS` runs and succeeds, its input and output closed.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
