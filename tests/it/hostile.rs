//! Bad input: nothing a submission contains may crash, hang, read outside the folder or change a
//! file. Each case is built here in a temporary copy of the clean fixture and linted by the
//! binary under a watchdog; each asserts the exit status (0 or 1, never a crash), the findings and
//! their places.

use crate::common;

use std::path::Path;
use std::time::Duration;

/// What the binary reported: (code, file, line) of every finding, and its human output.
struct Run {
    places: Vec<(String, String, Option<u64>)>,
    human: String,
}

/// `selfcheck lint DIR --format FORMAT` under a watchdog: its standard output. Exit 0 or 1 only.
fn run_binary(dir: &Path, format: &str) -> String {
    let out = common::selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir)
        .args(["--format", format])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("selfcheck ran");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?} (a crash or a hang): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Lints `dir` with the binary under a watchdog and returns its findings.
fn lint_guarded(dir: &Path) -> Run {
    let json: serde_json::Value = serde_json::from_str(&run_binary(dir, "json")).expect("JSON");
    let places = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (s("code"), s("file"), f["line"].as_u64())
        })
        .collect();
    Run {
        places,
        human: run_binary(dir, "human"),
    }
}

fn expect(dir: &Path, want: &[(&str, &str, Option<u64>)]) -> Run {
    let run = lint_guarded(dir);
    let want: Vec<_> = want
        .iter()
        .map(|(c, f, l)| (c.to_string(), f.to_string(), *l))
        .collect();
    assert_eq!(run.places, want, "{}", run.human);
    run
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(rel), bytes).unwrap();
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

#[test]
fn malformed_yaml_is_sub002_at_the_place_and_skips_its_rules() {
    let (_t, dir) = common::clean_copy();
    write(
        &dir,
        "service.yaml",
        "languages:\n  - language: es\n    markets: [ES\n  - language: pt\n",
    );
    let run = lint_guarded(&dir);
    assert_eq!(run.places.len(), 1, "{}", run.human);
    let (code, file, line) = &run.places[0];
    assert_eq!((code.as_str(), file.as_str()), ("SUB002", "service.yaml"));
    assert!(line.is_some());
}

#[test]
fn wrong_type_is_reported_once_and_the_rest_is_still_checked() {
    let (_t, dir) = common::clean_copy();
    let text = read(&dir, "submission.yaml")
        .replace("store_level: 3", "store_level: [3]")
        .replace(
            "annual_export_usd: 520000",
            "annual_export_usd: 520000\n  colour: red",
        );
    write(&dir, "submission.yaml", text);
    expect(
        &dir,
        &[
            ("SUB002", "submission.yaml", Some(5)),
            ("SUB003", "submission.yaml", Some(9)),
        ],
    );
}

#[test]
fn a_wrong_choice_or_number_is_reported_at_the_value_itself() {
    let (_t, dir) = common::clean_copy();
    let customs =
        read(&dir, "customs.yaml").replacen("direction: export", "direction: sideways", 1);
    write(&dir, "customs.yaml", customs);
    let fulfillment =
        read(&dir, "fulfillment.yaml").replace("monthly_gmv_usd: 80000", "monthly_gmv_usd: .inf");
    write(&dir, "fulfillment.yaml", fulfillment);
    let run = expect(
        &dir,
        &[
            ("SUB002", "customs.yaml", Some(6)),
            ("SUB002", "fulfillment.yaml", Some(1)),
        ],
    );
    assert!(run.human.contains("customs.yaml:6:16"), "{}", run.human);
    assert!(run.human.contains("fulfillment.yaml:1:18"), "{}", run.human);
}

#[test]
fn a_list_where_a_mapping_belongs_is_a_wrong_type() {
    let (_t, dir) = common::clean_copy();
    let text = read(&dir, "customs.yaml").replace(
        "registration:\n  code: \"4403960ABC\"\n  entity_name: 深圳市华彩科技有限公司",
        "registration: [\"4403960ABC\", 深圳市华彩科技有限公司]",
    );
    write(&dir, "customs.yaml", text);
    expect(&dir, &[("SUB002", "customs.yaml", Some(1))]);
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
    write(&dir, "customs.yaml", "");
    expect(
        &dir,
        &[
            ("SUB002", "customs.yaml", None),
            ("SUB002", "fulfillment.yaml", Some(2)),
            ("SUB002", "returns.yaml", None),
            ("SUB002", "service.yaml", Some(2)),
        ],
    );
}

#[test]
fn billion_laughs_and_200000_nested_brackets_are_bounded() {
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
    let run = lint_guarded(&dir);
    let files: Vec<(&str, &str)> = run
        .places
        .iter()
        .map(|(c, f, _)| (c.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        files,
        [("SUB002", "fulfillment.yaml"), ("SUB002", "service.yaml")],
        "{}",
        run.human
    );
    assert!(
        run.human.contains("more than 100000 nodes")
            && run.human.contains("nesting deeper than 64"),
        "{}",
        run.human
    );
    // The 400,000-character line is shown as a window around the place, at its true column.
    assert!(
        run.human.len() < 4000,
        "{} bytes of output",
        run.human.len()
    );
    assert!(run.human.contains("service.yaml:1:267"), "{}", run.human);
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
    let customs = read(&dir, "customs.yaml")
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
    let run = expect(
        &dir,
        &[
            ("SUB004", "customs.yaml", Some(10)),
            ("SUB004", "customs.yaml", Some(16)),
            ("SUB004", "license.yaml", Some(8)),
        ],
    );
    assert!(!run.human.contains("TOP-SECRET"), "{}", run.human);
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

#[test]
fn attachment_content_is_checked_by_its_bytes() {
    let (_t, dir) = common::clean_copy();
    let att = dir.join("attachments");
    // Empty; a PNG under .pdf; an encrypted PDF; over 10 MiB.
    write(&att, "license.pdf", "");
    write(&att, "ce.pdf", b"\x89PNG\r\n\x1a\n0000");
    write(
        &att,
        "anatel.pdf",
        "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <</Root 1 0 R /Encrypt 5 0 R>>\n%%EOF\n",
    );
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    write(&att, "saso.pdf", big);
    let run = expect(
        &dir,
        &[
            ("SUB005", "compliance.yaml", Some(7)),
            ("SUB005", "compliance.yaml", Some(13)),
            ("SUB005", "compliance.yaml", Some(19)),
            ("SUB005", "license.yaml", Some(8)),
        ],
    );
    for words in [
        "is empty",
        "a PNG file under another extension",
        "encrypted PDF",
        "over the 10 MiB limit",
    ] {
        assert!(run.human.contains(words), "{words}: {}", run.human);
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_outside_is_never_followed() {
    // The file behind the link is a FIFO: opening it would block, and the watchdog would fire.
    let outside = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(outside.path().join("secret.pdf"))
        .status()
        .unwrap();
    assert!(status.success());
    let (_t, dir) = common::clean_copy();
    std::os::unix::fs::symlink(outside.path(), dir.join("attachments/lnk")).unwrap();
    std::os::unix::fs::symlink("/etc", dir.join("etc")).unwrap();
    let license = read(&dir, "license.yaml").replace(
        "scan: attachments/license.pdf",
        "scan: attachments/lnk/secret.pdf",
    );
    write(&dir, "license.yaml", license);
    let compliance =
        read(&dir, "compliance.yaml").replace("scan: attachments/ce.pdf", "scan: etc/hostname");
    write(&dir, "compliance.yaml", compliance);
    let run = expect(
        &dir,
        &[
            ("SUB004", "compliance.yaml", Some(7)),
            ("SUB004", "license.yaml", Some(8)),
        ],
    );
    assert!(
        run.human.contains("links outside the submission folder"),
        "{}",
        run.human
    );
}

#[test]
fn crlf_csv_findings_point_at_their_row_and_field() {
    let (_t, dir) = common::clean_copy();
    let csv = read(&dir, "declarations.csv").replacen(",E,20261102,", ",进口,20261102,", 1);
    let csv = csv
        .replacen("531620260012346377", "531620261012346377", 1)
        .replace('\n', "\r\n");
    write(&dir, "declarations.csv", csv);
    let run = expect(&dir, &[("CUS005", "declarations.csv", Some(3))]);
    assert!(run.human.contains("declarations.csv:3:20"), "{}", run.human);
}

#[test]
fn empty_list_entries_and_non_finite_numbers_are_reported_at_their_place() {
    let (_t, dir) = common::clean_copy();
    let returns = read(&dir, "returns.yaml").replacen("  - market: BR", "  -\n  - market: BR", 1);
    write(&dir, "returns.yaml", returns);
    let fulfillment =
        read(&dir, "fulfillment.yaml").replace("monthly_gmv_usd: 80000", "monthly_gmv_usd: .nan");
    write(&dir, "fulfillment.yaml", fulfillment);
    expect(
        &dir,
        &[
            ("SUB002", "fulfillment.yaml", Some(1)),
            ("SUB002", "returns.yaml", Some(13)),
        ],
    );
}

#[test]
fn one_finding_per_attachment_path() {
    let (_t, dir) = common::clean_copy();
    let customs = read(&dir, "customs.yaml").replace(
        "attachments/declarations/531620260012345901.pdf",
        "./attachments//declarations/531620260012345678.pdf",
    );
    write(&dir, "customs.yaml", customs);
    std::fs::remove_file(dir.join("attachments/declarations/531620260012345678.pdf")).unwrap();
    expect(&dir, &[("SUB004", "customs.yaml", Some(10))]);
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
    let run = expect(
        &dir,
        &[
            ("SUB002", "license.yaml", None),
            ("SUB002", "service.yaml", None),
        ],
    );
    assert!(!run.human.contains("OUTSIDE-SECRET"), "{}", run.human);
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
    let csv = read(&dir, "declarations.csv").replacen(
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
fn ragged_and_unterminated_csv_is_unreadable_at_its_row() {
    let (_t, dir) = common::clean_copy();
    let csv = read(&dir, "declarations.csv");
    write(
        &dir,
        "declarations.csv",
        format!("{csv}531620260012349999,export\n"),
    );
    expect(&dir, &[("SUB002", "declarations.csv", Some(4))]);
    write(
        &dir,
        "declarations.csv",
        format!("{csv}\"531620260012349999,export,2026-10-01\n"),
    );
    let run = lint_guarded(&dir);
    assert_eq!(run.places.len(), 1, "{}", run.human);
    assert_eq!(
        (run.places[0].0.as_str(), run.places[0].1.as_str()),
        ("SUB002", "declarations.csv")
    );
}

#[test]
fn csv_over_64_mib_is_not_read() {
    let (_t, dir) = common::clean_copy();
    let mut csv = read(&dir, "declarations.csv").into_bytes();
    csv.resize(64 * 1024 * 1024 + 1, b'\n');
    write(&dir, "declarations.csv", csv);
    let run = expect(&dir, &[("SUB002", "declarations.csv", None)]);
    assert!(run.human.contains("larger than 64 MiB"), "{}", run.human);
}

#[cfg(unix)]
#[test]
fn non_utf8_names_are_handled() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(std::ffi::OsStr::from_bytes(b"seller-\xff"));
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    // An unreferenced file with a non-UTF-8 name is never inspected.
    std::fs::write(
        dir.join("attachments")
            .join(std::ffi::OsStr::from_bytes(b"scan-\xfe.pdf")),
        "x",
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&run_binary(&dir, "json")).unwrap();
    assert_eq!(json["counts"]["error"], 0);
    assert!(
        json["submissions"][0]["path"]
            .as_str()
            .unwrap()
            .contains("seller-\u{fffd}")
    );
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
