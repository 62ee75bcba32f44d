//! Agency scale: parallel output is identical to a single-threaded run, across chunk boundaries;
//! `--shard K/N` splits the submissions into disjoint slices that together are all of them.

use crate::common::{self, selfcheck};

use std::path::Path;

/// An agency folder: every rule fixture (and the clean submission) as a seller, three times over,
/// so a run crosses several parallel chunks.
fn agency() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut layers: Vec<_> = std::fs::read_dir(common::root().join("fixtures/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    layers.sort();
    for round in 0..3 {
        for layer in &layers {
            let (_t, dir) = common::layered(layer);
            let name = layer.file_name().unwrap().to_str().unwrap();
            common::copy_dir(&dir, &tmp.path().join(format!("agency-{round}/{name}")));
        }
        common::copy_dir(
            &common::root().join("fixtures/clean"),
            &tmp.path().join(format!("agency-{round}/clean")),
        );
    }
    tmp
}

fn run(dir: &Path, threads: &str, extra: &[&str]) -> (Option<i32>, Vec<u8>) {
    let out = selfcheck()
        .env("RAYON_NUM_THREADS", threads)
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

fn paths(json: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(json).unwrap();
    v["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn parallel_output_is_identical_to_a_single_threaded_run() {
    let tmp = agency();
    for format in [
        "json", "human", "sarif", "junit", "github", "gitlab", "markdown",
    ] {
        let serial = run(tmp.path(), "1", &["--format", format]);
        let parallel = run(tmp.path(), "4", &["--format", format]);
        assert_eq!(serial.0, Some(1));
        assert!(
            serial == parallel,
            "{format}: output differs between 1 and 4 threads"
        );
    }
    let (_, json) = run(tmp.path(), "4", &["--format", "json"]);
    let found = paths(&json);
    assert!(
        found.len() > 256,
        "the run crosses a chunk boundary ({})",
        found.len()
    );
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted, "submissions come in path order");
}

#[test]
fn shards_are_disjoint_and_cover_every_submission() {
    let tmp = agency();
    let (_, all) = run(tmp.path(), "2", &["--format", "json"]);
    let all = paths(&all);
    let mut union = Vec::new();
    for k in 1..=3 {
        let (_, part) = run(
            tmp.path(),
            "2",
            &["--format", "json", "--shard", &format!("{k}/3")],
        );
        let part = paths(&part);
        assert!(
            part.len() >= all.len() / 3 && part.len() <= all.len() / 3 + 1,
            "{k}/3: {}",
            part.len()
        );
        union.extend(part);
    }
    union.sort();
    let mut want = all.clone();
    want.sort();
    assert_eq!(union, want);
    for bad in ["0/3", "4/3", "3", "a/b"] {
        selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(tmp.path())
            .args(["--shard", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn no_progress_indicator_off_a_terminal() {
    let tmp = agency();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
