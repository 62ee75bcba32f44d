//! The system calls one submission costs, held to a budget so that a regression shows as a
//! number: the binary runs under `strace -f -c` on one copy of the clean submission and on
//! eleven, and the difference, divided by ten, is what each submission costs (the process's own
//! start-up — the loader, the thread pool, the time-zone database — cancels out).
//!
//! The clean submission: 7 YAML documents and `declarations.csv` in the folder, 9 PDF scans in
//! `attachments/` and `attachments/declarations/`. Each document costs an `lstat`, an `open`, one
//! `read` and a `close`; the optional `declarations.xlsx`, absent, an `lstat`; each scan an
//! `lstat`, an `open`, one positioned read and a `close`;
//! each of the three folders is listed once (an `open`, an `fstat`, two `getdents64`, a
//! `close`), and `attachments/declarations` is looked at with one `lstat` each on the way. The
//! submission folder is listed a second time by the loader, whose listing also tells the case
//! twins of documents (SUB007) and a `--fix` interrupted there.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

/// The most each call may cost per submission. The calls are grouped by what they do, so that
/// the same budget holds where the C library names them differently (`statx` or `newfstatat`,
/// `openat` or `open`).
const BUDGET: &[(&str, f64)] = &[
    // 8 files + 9 scans + 4 listings.
    ("open", 21.0),
    ("close", 21.0),
    // 8 files, one read each.
    ("read", 8.0),
    // 9 scans of 130 bytes, one positioned read each (two for a scan over 8 KiB).
    ("pread", 9.0),
    // 17 files + `declarations.xlsx` looked for + 2 folders on the way (`lstat`) + 4 listings
    // (`fstat`).
    ("stat", 24.0),
    // Nothing is canonicalized in a tree without links.
    ("readlink", 0.0),
    // 4 listings, two calls each.
    ("getdents", 8.0),
    ("lseek", 0.0),
];

/// The group of a system call, or `None` for one that is not counted (threads, memory).
fn group(call: &str) -> Option<&'static str> {
    Some(match call {
        "open" | "openat" | "openat2" => "open",
        "close" => "close",
        "read" | "readv" => "read",
        "pread64" | "preadv" | "preadv2" => "pread",
        "statx" | "newfstatat" | "fstatat64" | "stat" | "lstat" | "fstat" | "stat64"
        | "lstat64" | "fstat64" => "stat",
        "readlink" | "readlinkat" => "readlink",
        "getdents64" | "getdents" => "getdents",
        "lseek" | "_llseek" => "lseek",
        "access" | "faccessat" | "faccessat2" => "access",
        "getcwd" => "getcwd",
        _ => return None,
    })
}

/// The calls `strace -f -c` counted linting `dir`, by group.
fn count(dir: &Path, tmp: &Path) -> BTreeMap<&'static str, u64> {
    let out = tmp.join("strace.txt");
    let run = std::process::Command::new("strace")
        .arg("-f")
        .arg("-c")
        .arg("-o")
        .arg(&out)
        .arg(common::bin())
        .args(["lint", "--format", "json", "--today", "2026-11-20"])
        .arg(dir)
        .env("NO_COLOR", "1")
        // One worker: with two, both may look up the same time zone at once and both open its
        // file, once in some runs and twice in others.
        .env("RAYON_NUM_THREADS", "1")
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(0),
        "the clean submissions lint without errors: {stderr}"
    );
    let table = std::fs::read_to_string(&out).unwrap();
    let mut counts = BTreeMap::new();
    // `% time  seconds  usecs/call  calls  [errors]  syscall`
    for line in table.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 5 || fields[0].starts_with('%') || fields[0].starts_with('-') {
            continue;
        }
        let (Some(call), Ok(calls)) = (fields.last(), fields[3].parse::<u64>()) else {
            continue;
        };
        if let Some(group) = group(call) {
            *counts.entry(group).or_insert(0) += calls;
        }
    }
    assert!(
        counts.get("open").is_some_and(|&n| n > 0),
        "no system calls read from strace's table:\n{table}"
    );
    counts
}

/// `n` copies of the clean submission below `agency/`, in a fresh folder.
fn agency(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let clean = common::root().join("fixtures/clean");
    for i in 0..n {
        common::copy_dir(&clean, &tmp.path().join(format!("agency/seller-{i:02}")));
    }
    tmp
}

#[test]
#[cfg_attr(not(has_strace), ignore = "needs strace")]
fn one_submission_costs_at_most_its_budget_of_system_calls() {
    let (one, eleven) = (agency(1), agency(11));
    let work = tempfile::tempdir().unwrap();
    let base = count(&one.path().join("agency"), work.path());
    let many = count(&eleven.path().join("agency"), work.path());
    let mut report = String::new();
    let mut over = Vec::new();
    let groups: std::collections::BTreeSet<&str> = (base.keys().chain(many.keys()).copied())
        .chain(BUDGET.iter().map(|(g, _)| *g))
        .collect();
    for group in groups {
        let per =
            (*many.get(group).unwrap_or(&0) as f64 - *base.get(group).unwrap_or(&0) as f64) / 10.0;
        let budget = BUDGET.iter().find(|(g, _)| *g == group).map(|(_, b)| *b);
        report.push_str(&format!(
            "{group:>9}: {per:5.1} a submission (budget {})\n",
            budget.map_or("none".to_owned(), |b| b.to_string())
        ));
        // Any call not in the budget must cost nothing per submission.
        if per > budget.unwrap_or(0.0) {
            over.push(group);
        }
    }
    eprintln!("{report}");
    assert!(
        over.is_empty(),
        "over budget: {over:?}\n{report}(see the budget in tests/it/syscalls.rs; every call a submission \
         costs is ~2 µs on a 2-core machine)"
    );
}
