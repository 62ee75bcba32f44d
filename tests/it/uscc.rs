//! Issue 15: the unified social credit code (GB 32100-2015) is checked position by position.
//! LIC001 judges the structure (position 1 a registration authority, position 2 an entity type
//! of that authority, positions 3–8 a six-digit division code, the alphabet) and names the wrong
//! position; LIC002 judges the check character of a code LIC001 accepts. CUS003, when every
//! listed declaration is excluded by another customs rule, names those rules.

use crate::common;

use selfcheck::finding::Text;
use std::path::Path;

/// The clean fixture's licence code, replaced in each test.
const CLEAN_USCC: &str = "91440300MA5FHC8K1M";

/// The findings of the rules `select` on a copy of the clean fixture, with `edit` applied to
/// `file`: (code, message).
fn findings(
    file: &str,
    edit: impl FnOnce(String) -> String,
    select: &[&str],
) -> Vec<(String, Text)> {
    let (_tmp, dir) = common::clean_copy();
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    std::fs::write(dir.join(file), edit(text)).unwrap();
    lint(&dir, select)
}

fn lint(dir: &Path, select: &[&str]) -> Vec<(String, Text)> {
    let options = selfcheck::Options {
        select: select.iter().map(|c| (*c).to_owned()).collect(),
        ..Default::default()
    };
    selfcheck::lint_submission(dir, &options)
        .findings
        .into_iter()
        .map(|f| (f.code.to_string(), f.message))
        .collect()
}

/// LIC001's and LIC002's findings on the licence code `uscc`.
fn uscc_findings(uscc: &str) -> Vec<(String, Text)> {
    findings(
        "license.yaml",
        |text| {
            let from = format!("uscc: {CLEAN_USCC}");
            assert!(text.contains(&from));
            text.replacen(&from, &format!("uscc: \"{uscc}\""), 1)
        },
        &["LIC001", "LIC002"],
    )
}

/// The one finding on `uscc`, which must be LIC001's: its message.
fn lic001(uscc: &str) -> Text {
    let found = uscc_findings(uscc);
    assert_eq!(found.len(), 1, "{uscc}: {found:?}");
    let (code, message) = found.into_iter().next().unwrap();
    assert_eq!(code, "LIC001", "{uscc}: {message:?}");
    message
}

#[test]
fn a_letter_in_the_division_code_is_lic001_even_with_a_right_check_character() {
    // `T` is the right check character of the first 17: before issue 15 this code passed.
    let message = lic001("91K52201078391750T");
    assert_eq!(
        message.en,
        "`91K52201078391750T` has the letter `K` at position 3: positions 3–8 are the administrative division code, digits only"
    );
    assert_eq!(
        message.zh,
        "`91K52201078391750T` 第 3 位为字母 `K`：第 3–8 位为行政区划代码，只能是数字"
    );
}

#[test]
fn letters_anywhere_in_positions_3_to_8_are_caught_at_their_position() {
    for (code, at) in [
        ("91440A00MA5FHC8K1M", 6),
        ("9144030BMA5FHC8K1M", 8),
        ("914K0300MA5FHC8K1M", 4),
    ] {
        let message = lic001(code);
        assert!(
            message.en.contains(&format!("at position {at}:")),
            "{code}: {}",
            message.en
        );
        assert!(message.zh.contains(&format!("第 {at} 位为字母")), "{code}");
    }
}

#[test]
fn a_position_1_that_is_no_registration_authority_is_lic001() {
    let message = lic001("01440300MA5FHC8K1M");
    assert_eq!(
        message.en,
        "`01440300MA5FHC8K1M` has `0` at position 1, which is not a registration authority (position 1 is 1–9, A, N or Y)"
    );
    assert_eq!(
        message.zh,
        "`01440300MA5FHC8K1M` 第 1 位为 `0`，不是登记管理部门代码（第 1 位应为 1–9、A、N 或 Y）"
    );
    assert!(
        lic001("B1440300MA5FHC8K1M")
            .en
            .contains("`B` at position 1")
    );
}

#[test]
fn a_position_2_that_is_no_entity_type_of_its_authority_is_lic001() {
    let message = lic001("94440300MA5FHC8K1M");
    assert_eq!(
        message.en,
        "`94440300MA5FHC8K1M` has `4` at position 2, which is not an entity type of registration authority `9` (market regulation; position 2 is 1, 2 or 3)"
    );
    assert_eq!(
        message.zh,
        "`94440300MA5FHC8K1M` 第 2 位为 `4`，不是登记管理部门 `9`（工商）的机构类别代码（第 2 位应为 1、2 或 3）"
    );
    assert!(
        lic001("Y2440300MA5FHC8K1M")
            .en
            .contains("registration authority `Y` (other; position 2 is 1)")
    );
    assert!(
        lic001("54440300MA5FHC8K1M")
            .en
            .contains("`5` (civil affairs; position 2 is 1, 2, 3 or 9)")
    );
}

#[test]
fn the_structure_is_judged_before_the_check_character() {
    // A wrong structure and a wrong check character: LIC001 only, at the first wrong position.
    assert!(
        lic001("9AK52201078391750X")
            .en
            .contains("`A` at position 2")
    );
}

#[test]
fn a_wrong_check_character_is_lic002() {
    let found = uscc_findings("91440300MA5FHC8K1X");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "LIC002");
    assert_eq!(found[0].1.en, "the check character should be `M`, not `X`");
}

#[test]
fn codes_of_the_authorities_beyond_the_2015_text_pass() {
    // Y 其他 is the 2015 text's; A and N were assigned since. stdnum rejects all three (it wants
    // digits in positions 1–8); the standard's table allows them.
    for code in ["Y14403052485983416", "A1370200MANJ8Y184Q"] {
        assert_eq!(uscc_findings(code), [], "{code}");
    }
}

#[test]
fn the_200_valid_codes_of_the_reference_table_pass() {
    let path = common::root().join("tests/data/reference/uscc.json");
    let table: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let valid = table["valid"].as_array().unwrap();
    assert_eq!(valid.len(), 200);
    let (_tmp, dir) = common::clean_copy();
    let licence = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
    let from = format!("uscc: {CLEAN_USCC}");
    let rejected: Vec<(String, Vec<(String, Text)>)> = valid
        .iter()
        .map(|v| v.as_str().unwrap())
        .filter_map(|code| {
            let text = licence.replacen(&from, &format!("uscc: \"{code}\""), 1);
            std::fs::write(dir.join("license.yaml"), text).unwrap();
            let found = lint(&dir, &["LIC001", "LIC002"]);
            (!found.is_empty()).then(|| (code.to_owned(), found))
        })
        .collect();
    assert!(rejected.is_empty(), "rejected valid codes: {rejected:?}");
}

// ----------------------------------------------------------------------- CUS003 after a cascade

/// CUS003's message on the clean fixture with the licence's `from` replaced by `to`.
fn cus003_with_licence(edits: &[(&str, &str)]) -> Text {
    let found = findings(
        "license.yaml",
        |mut text| {
            for (from, to) in edits {
                assert!(text.contains(from), "{from}");
                text = text.replacen(from, to, 1);
            }
            text
        },
        &["CUS003"],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "CUS003");
    found.into_iter().next().unwrap().1
}

#[test]
fn cus003_names_the_rule_that_excluded_every_declaration() {
    // Every declaration names 深圳市华彩科技有限公司 as consignor: all four are CUS007's.
    let message = cus003_with_licence(&[("深圳市华彩科技有限公司", "深圳市华彩电子有限公司")]);
    assert!(
        message
            .en
            .starts_with("4 listed, none counts: see CUS007 below"),
        "{}",
        message.en
    );
    assert!(!message.en.contains("0 of 3"), "{}", message.en);
    assert!(
        message
            .zh
            .starts_with("列出 4 份，均不计入：见下方 CUS007（"),
        "{}",
        message.zh
    );
}

#[test]
fn cus003_names_every_rule_of_the_cascade() {
    let message = cus003_with_licence(&[
        ("深圳市华彩科技有限公司", "深圳市华彩电子有限公司"),
        (CLEAN_USCC, "91320583MAQFR39F3J"),
    ]);
    assert!(
        message
            .en
            .starts_with("4 listed, none counts: see CUS007 and CUS008 below"),
        "{}",
        message.en
    );
    assert!(
        message
            .zh
            .starts_with("列出 4 份，均不计入：见下方 CUS007、CUS008（"),
        "{}",
        message.zh
    );
}

#[test]
fn cus003_still_counts_when_some_declarations_count() {
    // One declaration of the four is dated too early (CUS010): 3 count, no finding; two are: 2 of 3.
    let found = findings(
        "customs.yaml",
        |text| {
            text.replacen("declared_on: 2026-08-03", "declared_on: 2020-08-03", 1)
                .replacen("declared_on: 2026-09-14", "declared_on: 2020-09-14", 1)
        },
        &["CUS003"],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.en.starts_with("2 of 3 required"),
        "{}",
        found[0].1.en
    );
}

/// The corner cases and a sample of the "found online, all valid" codes of python-stdnum's USCC
/// tests (`tests/test_cn_uscc.doctest`). selfcheck agrees on each, except where it is meant to
/// differ: a code written with spaces is refused (it must be copied as printed), and `A1…`
/// passes the structure, since GB 32100-2015 lists `A` among the registration authorities
/// (stdnum allows digits only in positions 1–8).
#[test]
fn python_stdnums_corner_cases_and_valid_codes() {
    for valid in [
        "91110000600037341L",
        "121200004013590816",
        "91110000710926094P",
        "9115220107837757XE",
        "91310115MA1K3BTP2B",
        "91340600MA2PBNE723",
        "91620105L015101280",
        "92340602MA2PBMEM24",
        "92340603MA2UK3DT5H",
        "92340621MA2UK3PJXE",
    ] {
        assert_eq!(uscc_findings(valid), [], "{valid}");
    }
    let codes =
        |uscc: &str| -> Vec<String> { uscc_findings(uscc).into_iter().map(|(c, _)| c).collect() };
    // stdnum: InvalidLength, InvalidFormat (letters outside the alphabet), InvalidChecksum.
    assert_eq!(codes("12345"), ["LIC001"]);
    assert_eq!(codes("9111000060003IOZSV"), ["LIC001"]);
    assert_eq!(codes("91110000600037341N"), ["LIC002"]);
    // Meant to differ: spaces are refused; `A` is an authority of the standard's list.
    assert_eq!(codes("91 110000 600037341L"), ["LIC001"]);
    let a1 = codes("A1110000600037341L");
    assert!(
        a1.iter().all(|c| c != "LIC001"),
        "A1: the structure passes: {a1:?}"
    );
}
