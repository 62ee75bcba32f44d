//! `selfcheck init` templates (issue 12): an untouched template fails with one SUB006 per
//! placeholder, at the value, and nothing else; with every placeholder replaced it is clean; only
//! the marks `init` writes are recognised.

use crate::common::{self, selfcheck};

use selfcheck::init::{SAMPLE_USCC, SCAN_MARK, TEXT_MARK};
use serde_json::Value;
use std::path::Path;

fn init(dir: &Path, program: &str, today: &str) {
    selfcheck()
        .arg("init")
        .arg(dir)
        .args(["--program", program, "--today", today])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Replace the values marked"));
}

/// Each finding as `code file key`, the key being the YAML key on the finding's line, sorted.
fn findings(dir: &Path, json: &Value) -> Vec<String> {
    let mut out: Vec<String> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let line = text
                .lines()
                .nth(f["line"].as_u64().unwrap() as usize - 1)
                .unwrap();
            let key = line
                .trim_start()
                .trim_start_matches("- ")
                .split(':')
                .next()
                .unwrap();
            format!("{} {file} {key}", f["code"].as_str().unwrap())
        })
        .collect();
    out.sort();
    out
}

fn times(n: usize, finding: &str) -> Vec<String> {
    vec![finding.to_owned(); n]
}

fn expected(program: &str) -> Vec<String> {
    let mut want: Vec<String> = match program {
        "cooperation" => [
            times(1, "SUB006 license.yaml entity_name"),
            times(1, "SUB006 license.yaml uscc"),
            times(1, "SUB006 license.yaml scan"),
            times(1, "SUB006 submission.yaml store_id"),
            times(1, "SUB006 customs.yaml entity_name"),
            times(3, "SUB006 customs.yaml consignor_name"),
            times(3, "SUB006 customs.yaml consignor_uscc"),
            times(3, "SUB006 customs.yaml scan"),
            times(4, "SUB006 compliance.yaml scan"),
        ]
        .concat(),
        _ => [
            times(1, "SUB006 license.yaml entity_name"),
            times(1, "SUB006 license.yaml uscc"),
            times(1, "SUB006 license.yaml scan"),
            times(1, "SUB006 submission.yaml commitment_letter"),
            times(1, "SUB006 submission.yaml health_score_screenshot"),
            times(1, "SUB006 logistics.yaml scan"),
        ]
        .concat(),
    };
    want.sort();
    want
}

#[test]
fn a_fresh_template_of_either_programme_fails_with_exactly_its_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    for program in ["cooperation", "challenge"] {
        for today in ["2026-11-20", "2028-02-29", "2026-12-30"] {
            let dir = tmp.path().join(format!("{program}-{today}"));
            init(&dir, program, today);
            let (status, json) = common::lint_json(&dir, &["--fail-on", "info", "--today", today]);
            assert_eq!(status, Some(1), "{program} {today}");
            assert_eq!(
                findings(&dir, &json),
                expected(program),
                "{program} {today}"
            );
            // Each at the value, as an error, with the help that says what to put there.
            for f in json["submissions"][0]["findings"].as_array().unwrap() {
                assert_eq!(f["severity"], "error");
                assert!(f["help"].as_str().is_some_and(|h| !h.is_empty()));
                let file = std::fs::read_to_string(dir.join(f["file"].as_str().unwrap())).unwrap();
                let line = text_line(&file, f["line"].as_u64().unwrap());
                let value: String = line
                    .chars()
                    .skip(f["column"].as_u64().unwrap() as usize - 1)
                    .take(
                        (f["end_column"].as_u64().unwrap() - f["column"].as_u64().unwrap())
                            as usize,
                    )
                    .collect();
                let marked = value.contains(TEXT_MARK)
                    || value == SAMPLE_USCC
                    || value.starts_with("attachments/");
                assert!(marked, "{program}: `{value}` in `{line}`");
            }
        }
    }
}

fn text_line(text: &str, line: u64) -> &str {
    text.lines().nth(line as usize - 1).unwrap()
}

/// Replaces every placeholder of a template the way a seller would: their own name, USCC and
/// store id, and real scans.
fn fill_in(dir: &Path) {
    let real_pdf =
        std::fs::read(common::root().join("fixtures/clean/attachments/license.pdf")).unwrap();
    let real_png =
        std::fs::read(common::root().join("fixtures/challenge/attachments/health-score.png"))
            .unwrap();
    for entry in walk(dir) {
        let name = entry.to_string_lossy().to_string();
        if name.ends_with(".yaml") {
            let text = std::fs::read_to_string(&entry).unwrap();
            let text = text
                .replace(TEXT_MARK, "")
                .replace("深圳市示例科技有限公司", "深圳市华彩科技有限公司")
                .replace(SAMPLE_USCC, "91440300MA5FHC8K1M");
            std::fs::write(&entry, text).unwrap();
        } else if name.ends_with(".pdf") {
            std::fs::write(&entry, &real_pdf).unwrap();
        } else if name.ends_with(".png") {
            std::fs::write(&entry, &real_png).unwrap();
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn with_every_placeholder_replaced_the_template_is_clean() {
    let tmp = tempfile::tempdir().unwrap();
    for program in ["cooperation", "challenge"] {
        let dir = tmp.path().join(program);
        init(&dir, program, "2026-11-20");
        fill_in(&dir);
        let (status, json) = common::lint_json(&dir, &["--fail-on", "info"]);
        assert_eq!(status, Some(0), "{program}: {:#}", json["submissions"][0]);
    }
}

#[test]
fn one_placeholder_left_is_one_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seller");
    init(&dir, "cooperation", "2026-11-20");
    fill_in(&dir);
    // The seller forgot the ISO 9001 certificate's scan.
    std::fs::write(
        dir.join("attachments/iso9001.pdf"),
        format!("%PDF-1.4\n%{SCAN_MARK}\n%%EOF\n"),
    )
    .unwrap();
    let (status, json) = common::lint_json(&dir, &["--fail-on", "info"]);
    assert_eq!(status, Some(1));
    assert_eq!(findings(&dir, &json), ["SUB006 compliance.yaml scan"]);
    assert_eq!(
        json["submissions"][0]["findings"][0]["message"],
        "`attachments/iso9001.pdf` is still the placeholder file that `selfcheck init` wrote"
    );
}

#[test]
fn only_the_marks_init_writes_are_recognised() {
    let (_tmp, dir) = common::clean_copy();
    // Sample-looking values without the mark are the seller's own business.
    let licence = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
    std::fs::write(
        dir.join("license.yaml"),
        licence.replace("王伟", "REPLACEMENT 示例 请替换 王伟"),
    )
    .unwrap();
    // A scan that says "placeholder", and one with the mark far past its start (a real scan
    // that happens to quote it), are scans.
    std::fs::write(
        dir.join("attachments/ce.pdf"),
        "%PDF-1.4\n% placeholder: replace with the real scan\n%%EOF\n",
    )
    .unwrap();
    let far = format!("%PDF-1.4\n{}\n%{SCAN_MARK}\n%%EOF\n", "%".repeat(4096));
    std::fs::write(dir.join("attachments/saso.pdf"), far).unwrap();
    let (status, json) = common::lint_json(&dir, &["--fail-on", "info"]);
    assert_eq!(status, Some(0), "{:#}", json["submissions"][0]);
}

#[test]
fn a_placeholder_scan_named_twice_is_reported_once() {
    let (_tmp, dir) = common::clean_copy();
    std::fs::write(
        dir.join("attachments/license.pdf"),
        format!("%PDF-1.4\n%{SCAN_MARK}\n%%EOF\n"),
    )
    .unwrap();
    let compliance = std::fs::read_to_string(dir.join("compliance.yaml")).unwrap();
    std::fs::write(
        dir.join("compliance.yaml"),
        compliance.replace("attachments/ce.pdf", "./attachments/license.pdf"),
    )
    .unwrap();
    let (_, json) = common::lint_json(&dir, &["--fail-on", "info"]);
    assert_eq!(findings(&dir, &json), ["SUB006 license.yaml scan"]);
}

#[test]
fn the_templates_say_what_to_replace_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    for program in ["cooperation", "challenge"] {
        let dir = tmp.path().join(program);
        init(&dir, program, "2026-11-20");
        let submission = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
        let licence = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
        for text in [&submission, &licence] {
            let comments: String = text
                .lines()
                .filter(|l| l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            assert!(comments.contains("attachments/"), "{program}");
            assert!(comments.contains("replace"), "{program}");
            assert!(comments.contains("替换"), "{program}");
        }
        assert!(licence.contains(SAMPLE_USCC) && licence.contains(TEXT_MARK));
    }
}

/// The terminal column of each trailing comment of `text`, by block (lines between blank or
/// comment-only lines; the lines wider than 48 columns apart).
fn comment_columns(text: &str) -> Vec<Vec<(usize, String)>> {
    // Per block: the short lines' and the long lines' comments, each as (column, line).
    type Aligned = Vec<(usize, String)>;
    let mut blocks: Vec<Vec<(bool, Aligned)>> = vec![Vec::new()];
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            blocks.push(Vec::new());
            continue;
        }
        let Some(at) = line.find(" #") else { continue };
        let code = line[..at].trim_end();
        let width = unicode_width::UnicodeWidthStr::width(code);
        // Lines wider than 48 columns are aligned among themselves.
        let column = unicode_width::UnicodeWidthStr::width(&line[..at + 1]);
        let long = width > 48;
        let block = blocks.last_mut().unwrap();
        match block.iter_mut().find(|(l, _)| *l == long) {
            Some((_, lines)) => lines.push((column, line.to_owned())),
            None => block.push((long, vec![(column, line.to_owned())])),
        }
    }
    blocks
        .into_iter()
        .flatten()
        .map(|(_, lines)| lines)
        .collect()
}

#[test]
fn the_templates_comments_are_aligned_and_fit_their_programme() {
    let tmp = tempfile::tempdir().unwrap();
    for program in ["cooperation", "challenge"] {
        let dir = tmp.path().join(program);
        init(&dir, program, "2026-11-20");
        for file in walk(&dir)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
        {
            let text = std::fs::read_to_string(&file).unwrap();
            for block in comment_columns(&text) {
                let first = block[0].0;
                for (column, line) in &block {
                    assert_eq!(
                        *column,
                        first,
                        "{}: the comment of {line:?} is not aligned with {:?}",
                        file.display(),
                        block[0].1
                    );
                }
            }
        }
        let licence = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
        let declarations = licence.contains("declaration") || licence.contains("报关单");
        // The challenge has no declarations for the licence to match.
        assert_eq!(
            declarations,
            program == "cooperation",
            "{program}:\n{licence}"
        );
    }
}

#[test]
fn init_speaks_the_users_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = selfcheck()
        .arg("init")
        .arg(tmp.path().join("zh"))
        .args(["--today", "2026-11-20"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("已将 15 个文件写入"), "{said}");
    assert!(!said.contains("Wrote"), "{said}");
    // A folder that is not empty is refused in the same language.
    let again = selfcheck()
        .arg("init")
        .arg(tmp.path().join("zh"))
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(err.contains("已存在且不为空"), "{err}");
}
