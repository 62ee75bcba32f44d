//! The mistakes a Chinese input method and Windows leave in a submission, named where they are,
//! in English and Chinese: full-width punctuation where YAML needs ASCII, documents saved in
//! GBK or UTF-16/UTF-32, Windows path separators and letter case in attachment paths, dates
//! written `2026/10/28`.

use crate::common::{self, selfcheck};

use std::path::Path;

fn read(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `name` of the clean copy with `from` replaced by `to` (which must be there).
fn edit(dir: &Path, name: &str, from: &str, to: &str) {
    let text = read(dir, name);
    assert!(text.contains(from), "{name} has no `{from}`");
    write(dir, name, text.replacen(from, to, 1));
}

/// The findings of linting `dir` (JSON, English or Chinese), and the exit status.
fn findings(dir: &Path, lang: &str) -> (Vec<serde_json::Value>, i32) {
    let (status, json) = common::lint_json(dir, &["--lang", lang]);
    let found = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .clone();
    (found, status.unwrap())
}

/// The human output of linting `dir` in `lang`.
fn human(dir: &Path, lang: &str) -> String {
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir)
        .args(["--lang", lang])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// (code, file, line, column) of each finding.
fn places(found: &[serde_json::Value]) -> Vec<(String, String, u64, u64)> {
    found
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn place(code: &str, file: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (code.to_owned(), file.to_owned(), line, column)
}

fn fix(dir: &Path) {
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir)
        .arg("--fix")
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
}

#[test]
fn full_width_punctuation_is_named_at_the_character_and_fixed() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "submission.yaml",
        "markets: [ES, BR, SA]",
        "markets: [ES，BR, SA]",
    );
    edit(
        &dir,
        "returns.yaml",
        "    city: Madrid",
        "    city： Madrid",
    );
    edit(
        &dir,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: “CP 28009”",
    );
    edit(
        &dir,
        "returns.yaml",
        "    region: SP",
        "\u{3000}\u{3000}region: SP",
    );
    let (found, status) = findings(&dir, "en");
    assert_eq!(status, 1);
    assert_eq!(
        places(&found),
        [
            place("SUB002", "returns.yaml", 7, 9),
            place("SUB002", "returns.yaml", 9, 18),
            place("SUB002", "returns.yaml", 19, 1),
            place("SUB002", "submission.yaml", 10, 13),
        ],
        "{found:#?}"
    );
    let messages: Vec<&str> = found
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].contains("full-width colon ： (U+FF1A)"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("full-width quotes “ ”"),
        "{messages:?}"
    );
    assert!(
        messages[2].contains("ideographic space (U+3000)"),
        "{messages:?}"
    );
    assert!(
        messages[3].contains("full-width comma ， (U+FF0C)"),
        "{messages:?}"
    );
    // The parser's generic error is not printed beside them.
    assert!(
        messages.iter().all(|m| !m.contains("syntax")),
        "{messages:?}"
    );
    let fixes: Vec<&str> = found
        .iter()
        .map(|f| f["fix"]["replacement"].as_str().unwrap())
        .collect();
    assert_eq!(fixes, [":", "\"CP 28009\"", "    ", ","]);
    // The caret is on the colon, not on the key.
    let en = human(&dir, "en");
    assert!(en.contains("7 │     city： Madrid\n  │         ^^"), "{en}");
    assert!(
        en.contains("suggested fix: write the ASCII colon → `:`"),
        "{en}"
    );
    let (zh_found, _) = findings(&dir, "zh");
    assert!(
        zh_found[0]["message"]
            .as_str()
            .unwrap()
            .contains("全角冒号 ："),
        "{zh_found:#?}"
    );
    let zh = human(&dir, "zh");
    assert!(zh.contains("全角逗号 ，（U+FF0C）"), "{zh}");
    assert!(zh.contains("全角空格（U+3000）"), "{zh}");
    // `--fix` writes the ASCII characters, and the submission is clean again.
    fix(&dir);
    let (found, status) = findings(&dir, "en");
    assert_eq!((found.len(), status), (0, 0), "{found:#?}");
    assert!(read(&dir, "submission.yaml").contains("markets: [ES,BR, SA]"));
    assert!(read(&dir, "returns.yaml").contains("    city: Madrid\n"));
    assert!(read(&dir, "returns.yaml").contains("    postal_code: \"CP 28009\"\n"));
}

#[test]
fn full_width_punctuation_inside_chinese_text_is_left_alone() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "license.yaml",
        "business_scope: 电子产品研发与销售;货物及技术进出口",
        "business_scope: 电子产品研发与销售：手机，平板；“华彩”牌配件；货物及技术进出口",
    );
    let (found, status) = findings(&dir, "en");
    assert_eq!((status, found.len()), (0, 0), "{found:#?}");
}

#[test]
fn a_gbk_document_is_named_with_how_to_save_it_as_utf8() {
    let (_t, dir) = common::clean_copy();
    let utf8 = read(&dir, "license.yaml");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable);
    write(&dir, "license.yaml", gbk);
    let (found, _) = findings(&dir, "en");
    let sub002: Vec<_> = found.iter().filter(|f| f["code"] == "SUB002").collect();
    assert_eq!(sub002.len(), 1, "{found:#?}");
    let message = sub002[0]["message"].as_str().unwrap();
    assert!(message.contains("GBK/GB18030"), "{message}");
    assert!(!message.contains("empty"), "{message}");
    assert!(
        sub002[0]["help"].as_str().unwrap().contains("UTF-8"),
        "{found:#?}"
    );
    let zh = human(&dir, "zh");
    assert!(zh.contains("以 GBK/GB18030 编码保存"), "{zh}");
    assert!(zh.contains("请另存为 UTF-8"), "{zh}");
}

/// The clean submission with every YAML document re-saved in `encode`'s encoding.
fn resaved(encode: fn(&str) -> Vec<u8>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, dir) = common::clean_copy();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, encode(&text)).unwrap();
        }
    }
    (t, dir)
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

fn utf32le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE, 0, 0];
    out.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
    out
}

fn utf32be(text: &str) -> Vec<u8> {
    let mut out = vec![0, 0, 0xFE, 0xFF];
    out.extend(text.chars().flat_map(|c| (c as u32).to_be_bytes()));
    out
}

#[test]
fn utf16_and_utf32_with_a_bom_are_read_and_linted() {
    for (name, encode) in [
        ("UTF-16LE", utf16le as fn(&str) -> Vec<u8>),
        ("UTF-16BE", utf16be),
        ("UTF-32LE", utf32le),
        ("UTF-32BE", utf32be),
    ] {
        let (_t, dir) = resaved(encode);
        let (found, status) = findings(&dir, "en");
        assert_eq!((status, found.len()), (0, 0), "{name}: {found:#?}");
        // A finding in such a file is at its line and column in characters.
        let returns = read_encoded(&dir.join("returns.yaml"));
        write(
            &dir,
            "returns.yaml",
            encode(&returns.replacen("CP 28009", "28009", 1)),
        );
        let (found, _) = findings(&dir, "en");
        assert_eq!(
            places(&found),
            [place("RET003", "returns.yaml", 9, 18)],
            "{name}"
        );
        let en = human(&dir, "en");
        assert!(
            en.contains("9 │     postal_code: 28009\n  │                  ^^^^^"),
            "{name}: {en}"
        );
        // `--fix` writes the file back in its own encoding, changing only the fixed span.
        fix(&dir);
        assert_eq!(
            std::fs::read(dir.join("returns.yaml")).unwrap(),
            encode(&returns),
            "{name}"
        );
        assert_eq!(findings(&dir, "en"), (vec![], 0), "{name}");
    }
}

/// A UTF-16 or UTF-32 text with its byte order mark, decoded.
fn read_encoded(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let units = |n: usize| bytes[n..].chunks_exact(n);
    match bytes.as_slice() {
        [0xFF, 0xFE, 0, 0, ..] => units(4)
            .map(|c| char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]])).unwrap())
            .collect(),
        [0, 0, 0xFE, 0xFF, ..] => units(4)
            .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])).unwrap())
            .collect(),
        [0xFF, 0xFE, ..] => String::from_utf16(
            &units(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        [0xFE, 0xFF, ..] => String::from_utf16(
            &units(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        _ => panic!("{}: no byte order mark", path.display()),
    }
}

#[test]
fn a_utf16_csv_is_read_like_its_utf8_twin() {
    let (_t, dir) = common::clean_copy();
    let csv = read(&dir, "declarations.csv");
    write(&dir, "declarations.csv", utf16le(&csv));
    let (found, status) = findings(&dir, "en");
    assert_eq!((status, found.len()), (0, 0), "{found:#?}");
}

#[test]
fn a_windows_path_separator_is_named_and_fixed() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "license.yaml",
        "scan: attachments/license.pdf",
        "scan: attachments\\license.pdf",
    );
    let (found, status) = findings(&dir, "en");
    assert_eq!(status, 1);
    assert_eq!(places(&found), [place("SUB004", "license.yaml", 8, 7)]);
    assert_eq!(
        found[0]["help"].as_str().unwrap(),
        "use `/`: `attachments/license.pdf`"
    );
    assert_eq!(
        found[0]["fix"]["replacement"].as_str().unwrap(),
        "attachments/license.pdf"
    );
    let (zh, _) = findings(&dir, "zh");
    assert_eq!(
        zh[0]["help"].as_str().unwrap(),
        "请改用 `/`：`attachments/license.pdf`"
    );
    fix(&dir);
    assert!(read(&dir, "license.yaml").contains("scan: attachments/license.pdf\n"));
    assert_eq!(findings(&dir, "en"), (vec![], 0));
}

#[test]
fn a_file_name_in_another_case_is_named_without_a_guessed_fix() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "license.yaml",
        "scan: attachments/license.pdf",
        "scan: attachments/LICENSE.PDF",
    );
    let (found, status) = findings(&dir, "en");
    // Linux CI is case-sensitive: it stays a finding.
    assert_eq!(status, 1);
    assert_eq!(places(&found), [place("SUB004", "license.yaml", 8, 7)]);
    let help = found[0]["help"].as_str().unwrap();
    assert!(
        help.starts_with("did you mean `attachments/license.pdf`?"),
        "{help}"
    );
    assert!(found[0]["fix"].is_null());
    let zh = human(&dir, "zh");
    assert!(zh.contains("是否应为 `attachments/license.pdf`？"), "{zh}");
}

#[test]
fn a_date_written_with_slashes_is_fixed_to_iso() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "license.yaml",
        "registered_on: 2018-04-16",
        "registered_on: 2018/04/16",
    );
    edit(
        &dir,
        "returns.yaml",
        "effective_from: 2026-12-25",
        "effective_from: \"20261225\"",
    );
    let (found, status) = findings(&dir, "en");
    assert_eq!(status, 1);
    assert_eq!(
        places(&found),
        [
            place("SUB002", "license.yaml", 5, 16),
            place("SUB002", "returns.yaml", 11, 21),
        ],
        "{found:#?}"
    );
    assert_eq!(found[0]["title"], "a value cannot be read");
    assert_eq!(
        found[0]["message"],
        "`2018/04/16` is not a date YAML reads: write `2018-04-16`"
    );
    assert_eq!(found[0]["fix"]["replacement"], "2018-04-16");
    assert_eq!(found[1]["fix"]["replacement"], "\"2026-12-25\"");
    let (zh, _) = findings(&dir, "zh");
    assert_eq!(zh[0]["title"], "值无法读取");
    assert!(
        zh[0]["message"]
            .as_str()
            .unwrap()
            .contains("请写作 `2018-04-16`"),
        "{zh:#?}"
    );
    let human_zh = human(&dir, "zh");
    assert!(human_zh.contains("[SUB002]: 值无法读取"), "{human_zh}");
    fix(&dir);
    assert_eq!(findings(&dir, "en"), (vec![], 0));
}

/// Dates as Chinese documents and Excel print them: `2026年12月31日`, and a month or day without
/// its leading zero. In YAML and in `declarations.csv` each is SUB002 with the ISO date as a safe
/// fix, and `--fix` writes it, in the CSV too (kept in its encoding, GBK included).
#[test]
fn dates_as_documents_print_them_are_fixed_in_yaml_and_in_the_csv() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "license.yaml",
        "registered_on: 2018-04-16",
        "registered_on: 2018年4月16日",
    );
    edit(
        &dir,
        "customs.yaml",
        "declared_on: 2026-08-03",
        "declared_on: 2026-8-3",
    );
    edit(&dir, "declarations.csv", "2026/10/08", "2026/10/8");
    edit(&dir, "declarations.csv", "20261102", "\"2026年11月2日\"");
    let (found, status) = findings(&dir, "en");
    assert_eq!(status, 1);
    assert_eq!(
        places(&found),
        [
            place("SUB002", "customs.yaml", 7, 18),
            place("SUB002", "declarations.csv", 2, 27),
            place("SUB002", "declarations.csv", 3, 22),
            place("SUB002", "license.yaml", 5, 16),
        ],
        "{found:#?}"
    );
    let replacements: Vec<&str> = found
        .iter()
        .map(|f| f["fix"]["replacement"].as_str().unwrap())
        .collect();
    assert_eq!(
        replacements,
        ["2026-08-03", "2026-10-08", "\"2026-11-02\"", "2018-04-16"]
    );
    assert_eq!(
        found[1]["message"],
        "`2026/10/8` is not a date the CSV takes: write `2026-10-08`"
    );
    let (zh, _) = findings(&dir, "zh");
    assert!(
        zh[3]["message"]
            .as_str()
            .unwrap()
            .contains("请写作 `2018-04-16`"),
        "{zh:#?}"
    );
    let out = selfcheck()
        .arg("lint")
        .arg(&dir)
        .arg("--fix")
        .output()
        .unwrap();
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("Fixed 4"), "{said}");
    assert_eq!(findings(&dir, "en"), (vec![], 0));
    let csv = read(&dir, "declarations.csv");
    assert!(
        csv.contains(",2026-10-08,") && csv.contains(",\"2026-11-02\","),
        "{csv}"
    );

    // A CSV saved in GBK by Excel on Chinese Windows is fixed in GBK.
    let (_t, dir) = common::clean_copy();
    let text = read(&dir, "declarations.csv").replace("2026/10/08", "2026/10/8");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    write(&dir, "declarations.csv", &gbk);
    let (found, _) = findings(&dir, "en");
    assert_eq!(places(&found), [place("SUB002", "declarations.csv", 2, 27)]);
    fix(&dir);
    assert_eq!(findings(&dir, "en"), (vec![], 0));
    let bytes = std::fs::read(dir.join("declarations.csv")).unwrap();
    let (fixed, _, had_errors) = encoding_rs::GBK.decode(&bytes);
    assert!(
        !had_errors && std::str::from_utf8(&bytes).is_err(),
        "still GBK"
    );
    assert_eq!(fixed, text.replace("2026/10/8", "2026-10-08"));
}

#[test]
fn one_value_of_the_wrong_type_is_titled_as_a_value() {
    let (_t, dir) = common::clean_copy();
    edit(
        &dir,
        "submission.yaml",
        "store_level: 3",
        "store_level: \"four\"",
    );
    let (found, _) = findings(&dir, "en");
    assert_eq!(places(&found), [place("SUB002", "submission.yaml", 5, 16)]);
    assert_eq!(found[0]["title"], "a value cannot be read");
    let en = human(&dir, "en");
    assert!(en.contains("error[SUB002]: a value cannot be read"), "{en}");
    // A whole document that cannot be read keeps the rule's title.
    write(&dir, "service.yaml", "languages: [\n");
    let en = human(&dir, "en");
    assert!(
        en.contains("error[SUB002]: document cannot be read"),
        "{en}"
    );
}

#[test]
fn a_csv_in_no_encoding_selfcheck_reads_says_how_to_save_it_from_excel() {
    let (_t, dir) = common::clean_copy();
    // 0xFF never starts a GB18030 character, and this is not UTF-8 either.
    write(
        &dir,
        "declarations.csv",
        b"number,direction\n\xFF\xFF,export\n",
    );
    let (found, status) = findings(&dir, "en");
    assert_eq!(status, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["file"], "declarations.csv");
    assert_eq!(found[0]["message"], "the file is not UTF-8 or GBK text");
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap()
            .contains("CSV UTF-8 (Comma delimited)"),
        "{found:#?}"
    );
    let (zh, _) = findings(&dir, "zh");
    assert!(
        zh[0]["help"].as_str().unwrap().contains("另存为 UTF-8"),
        "{zh:#?}"
    );
}
