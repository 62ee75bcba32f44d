//! Bad input: nothing a submission contains may crash, hang, read outside the folder or change a
//! file. Each case is built here in a temporary copy of the clean fixture and asserts the finding,
//! its place, and that the lint finished (a watchdog, not a timing assertion).

mod common;

use selfcheck::finding::{Finding, Place};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Lints `dir` on another thread; fails the test if it does not finish within a generous bound.
fn lint_guarded(dir: &Path) -> selfcheck::Report {
    let dir = dir.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(common::lint_as(&dir, "submission"));
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("lint did not finish: a hang on hostile input")
}

/// (code, file, line) of every finding.
fn places(report: &selfcheck::Report) -> Vec<(&'static str, String, Option<usize>)> {
    let sub = &report.submissions[0];
    sub.findings
        .iter()
        .map(|f: &Finding| {
            let file = sub.loaded.db.get(f.place.file());
            let line = match f.place {
                Place::Span(s) => Some(file.line_col(s.start as usize).0),
                Place::File(_) => None,
            };
            (f.code, file.rel_path.clone(), line)
        })
        .collect()
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(rel), bytes).unwrap();
}

fn expect(dir: &Path, want: &[(&str, &str, Option<usize>)]) -> selfcheck::Report {
    let report = lint_guarded(dir);
    let got = places(&report);
    let want: Vec<_> = want
        .iter()
        .map(|(c, f, l)| (*c, f.to_string(), *l))
        .collect();
    assert_eq!(
        got,
        want,
        "{}",
        common::human(&report, selfcheck::finding::Lang::En)
    );
    report
}

#[test]
fn malformed_yaml_is_sub002_at_the_place() {
    let (_t, dir) = common::clean_copy();
    write(
        &dir,
        "service.yaml",
        "languages:\n  - language: es\n    markets: [ES\n  - language: pt\n",
    );
    let report = lint_guarded(&dir);
    let p = places(&report);
    assert!(
        p.iter()
            .any(|(c, f, l)| *c == "SUB002" && f == "service.yaml" && l.is_some()),
        "{p:?}"
    );
    // The rules that need service.yaml are skipped; nothing else fires.
    assert!(p.iter().all(|(c, _, _)| *c == "SUB002"), "{p:?}");
}

#[test]
fn wrong_type_is_reported_once_and_the_rest_is_still_checked() {
    let (_t, dir) = common::clean_copy();
    let text = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
    write(
        &dir,
        "submission.yaml",
        text.replace("store_level: 3", "store_level: [3]").replace(
            "annual_export_usd: 520000",
            "annual_export_usd: 520000\n  colour: red",
        ),
    );
    expect(
        &dir,
        &[
            ("SUB002", "submission.yaml", Some(5)),
            ("SUB003", "submission.yaml", Some(9)),
        ],
    );
}

#[test]
fn duplicate_keys_multiple_documents_and_empty_files() {
    let (_t, dir) = common::clean_copy();
    write(
        &dir,
        "fulfillment.yaml",
        "monthly_gmv_usd: 1\nmonthly_gmv_usd: 2\n",
    );
    write(&dir, "service.yaml", "languages: []\n---\nlanguages: []\n");
    write(&dir, "returns.yaml", "# only a comment\n");
    expect(
        &dir,
        &[
            ("SUB002", "fulfillment.yaml", Some(2)),
            ("SUB002", "returns.yaml", None),
            ("SUB002", "service.yaml", Some(2)),
        ],
    );
}

#[test]
fn alias_bomb_and_deep_nesting_are_bounded() {
    let (_t, dir) = common::clean_copy();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10u8 {
        let (name, prev) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    write(&dir, "fulfillment.yaml", bomb);
    let deep = format!(
        "languages: {}{}\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    write(&dir, "service.yaml", deep);
    let report = lint_guarded(&dir);
    let p = places(&report);
    assert!(
        p.contains(&("SUB002", "fulfillment.yaml".into(), Some(7)))
            || p.iter()
                .any(|(c, f, _)| *c == "SUB002" && f == "fulfillment.yaml"),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|(c, f, _)| *c == "SUB002" && f == "service.yaml"),
        "{p:?}"
    );
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn binary_gbk_nul_and_oversized_yaml() {
    let (_t, dir) = common::clean_copy();
    write(
        &dir,
        "service.yaml",
        [0x89, b'P', b'N', b'G', 0, 0, 0xFF, 0xFE],
    );
    let (gbk, _, _) =
        encoding_rs::GBK.encode("addresses:\n  - market: ES\n    recipient: 西班牙仓\n");
    write(&dir, "returns.yaml", gbk);
    write(
        &dir,
        "fulfillment.yaml",
        "monthly_gmv_usd: 80000\nmarkets:\n  - market: \"E\0S\"\n",
    );
    write(
        &dir,
        "compliance.yaml",
        format!("# {}\ncertificates: []\n", "x".repeat(1024 * 1024)),
    );
    expect(
        &dir,
        &[
            ("SUB002", "compliance.yaml", None),
            ("SUB002", "fulfillment.yaml", Some(3)),
            ("SUB002", "returns.yaml", None),
            ("SUB002", "service.yaml", None),
        ],
    );
}

#[test]
fn attachment_paths_outside_the_folder_are_never_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("secret.pdf");
    std::fs::write(&secret, "%PDF-1.4 TOP-SECRET-CONTENT").unwrap();
    let (_t, dir) = common::clean_copy();
    let customs = std::fs::read_to_string(dir.join("customs.yaml")).unwrap();
    let customs = customs
        .replacen(
            "attachments/declarations/531620260012345678.pdf",
            &secret.display().to_string(),
            1,
        )
        .replacen(
            "attachments/declarations/531620260012345901.pdf",
            "attachments/../../secret.pdf",
            1,
        );
    write(&dir, "customs.yaml", customs);
    #[cfg(unix)]
    {
        std::fs::remove_file(dir.join("attachments/license.pdf")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.join("attachments/license.pdf")).unwrap();
    }
    let report = expect(
        &dir,
        &[
            ("SUB004", "customs.yaml", Some(10)),
            ("SUB004", "customs.yaml", Some(16)),
            ("SUB004", "license.yaml", Some(8)),
        ],
    );
    let text = common::human(&report, selfcheck::finding::Lang::En);
    assert!(!text.contains("TOP-SECRET"), "{text}");
}

#[cfg(unix)]
#[test]
fn fifos_folders_and_link_loops_as_attachments() {
    let (_t, dir) = common::clean_copy();
    let att = dir.join("attachments");
    std::fs::remove_file(att.join("license.pdf")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(att.join("license.pdf"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::remove_file(att.join("ce.pdf")).unwrap();
    std::fs::create_dir(att.join("ce.pdf")).unwrap();
    std::fs::remove_file(att.join("saso.pdf")).unwrap();
    std::os::unix::fs::symlink(att.join("loop-b.pdf"), att.join("saso.pdf")).unwrap();
    std::os::unix::fs::symlink(att.join("saso.pdf"), att.join("loop-b.pdf")).unwrap();
    expect(
        &dir,
        &[
            ("SUB005", "compliance.yaml", Some(7)),
            ("SUB004", "compliance.yaml", Some(19)),
            ("SUB005", "license.yaml", Some(8)),
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_outside_link_as_a_document_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("outside.yaml"),
        "entity_name: OUTSIDE-SECRET\n",
    )
    .unwrap();
    let (_t, dir) = common::clean_copy();
    std::fs::remove_file(dir.join("service.yaml")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("service.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::remove_file(dir.join("license.yaml")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("outside.yaml"), dir.join("license.yaml")).unwrap();
    let report = expect(
        &dir,
        &[
            ("SUB002", "license.yaml", None),
            ("SUB002", "service.yaml", None),
        ],
    );
    assert!(!common::human(&report, selfcheck::finding::Lang::En).contains("OUTSIDE-SECRET"));
}

#[test]
fn bom_and_crlf_lint_exactly_like_the_clean_twin() {
    let (_t, dir) = common::clean_copy();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend(text.replace('\n', "\r\n").into_bytes());
            std::fs::write(&path, bytes).unwrap();
        }
    }
    expect(&dir, &[]);
}

#[test]
fn gbk_csv_with_chinese_headers_lints_like_the_clean_twin() {
    let (_t, dir) = common::clean_copy();
    let csv = std::fs::read_to_string(dir.join("declarations.csv")).unwrap();
    let csv = csv.replacen(
        "number,direction,declared_on,consignor_name,consignor_uscc,scan",
        "报关单号,进出口标志,申报日期,境内收发货人,统一社会信用代码,附件",
        1,
    );
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&csv);
    assert!(!unmappable);
    write(&dir, "declarations.csv", gbk);
    expect(&dir, &[]);
}

#[test]
fn ragged_csv_is_unreadable_at_its_row() {
    let (_t, dir) = common::clean_copy();
    let csv = std::fs::read_to_string(dir.join("declarations.csv")).unwrap();
    write(
        &dir,
        "declarations.csv",
        format!("{csv}531620260012349999,export\n"),
    );
    expect(&dir, &[("SUB002", "declarations.csv", Some(4))]);
}

#[test]
fn linting_changes_no_file() {
    let (_t, dir) = common::layered(&common::root().join("fixtures/rules/CUS007"));
    let snapshot = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(d)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&dir);
    lint_guarded(&dir);
    assert_eq!(before, snapshot(&dir));
}
