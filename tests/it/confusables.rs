//! Issue 13, confusables: an entity name that differs from the licence's only by an invisible,
//! format, bidi or look-alike character is reported with that character named, by code point and
//! Unicode name (English in both languages), never written raw; a hidden character in the
//! licence's own `entity_name` is LIC007's, named too.

use crate::common;

use selfcheck::finding::{Finding, Text};

/// The licence's name in `fixtures/clean`, in every document that names the entity.
const NAME: &str = "深圳市华彩科技有限公司";
/// A Latin name to put in its place, for the look-alike letters.
const LATIN: &str = "Huacai Trading Co";

/// The findings of the clean fixture with each `(file, from, to)` replacement made, the first
/// occurrence only unless `all`.
fn lint(edits: &[(&str, &str, &str, bool)]) -> Vec<Finding> {
    let (_tmp, dir) = common::clean_copy();
    for (file, from, to, all) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        let changed = if *all {
            text.replace(from, to)
        } else {
            text.replacen(from, to, 1)
        };
        std::fs::write(&path, changed).unwrap();
    }
    let report = common::lint_as(&dir, "submission");
    report.submissions[0].findings.clone()
}

/// Every document names the entity `LATIN`.
fn latin() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    ["license.yaml", "customs.yaml", "declarations.csv"]
        .into_iter()
        .map(|f| (f, NAME, LATIN, true))
        .collect()
}

/// The one finding of `code`, after checking that every finding is of `code` or of `also`.
fn only<'a>(findings: &'a [Finding], code: &str, also: &[&str]) -> &'a Finding {
    let codes: Vec<String> = findings.iter().map(|f| f.code.to_string()).collect();
    assert!(
        codes
            .iter()
            .all(|c| c == code || also.contains(&c.as_str())),
        "{codes:?}"
    );
    let mine: Vec<&Finding> = findings.iter().filter(|f| f.code == *code).collect();
    assert_eq!(mine.len(), 1, "{codes:?}");
    mine[0]
}

/// Every text of a finding: message, labels and help.
fn texts(f: &Finding) -> Vec<&Text> {
    let mut all = vec![&f.message];
    all.extend(f.labels.iter().map(|l| &l.message));
    all.extend(f.help.as_ref());
    all
}

/// `f` names `hidden` in English and Chinese (`en` and `zh` are parts of the sentences), and
/// no text of it has the character raw.
fn names(f: &Finding, hidden: char, en: &str, zh: &str) {
    let help = f.help.as_ref().expect("a help");
    let said = |t: &Text| format!("{}\n{}", t.en, t.zh);
    let all: Vec<String> = texts(f).into_iter().map(said).collect();
    let (in_en, in_zh) = (
        texts(f).iter().any(|t| t.en.contains(en)),
        texts(f).iter().any(|t| t.zh.contains(zh)),
    );
    assert!(in_en, "no `{en}` in {all:#?}");
    assert!(in_zh, "no `{zh}` in {all:#?}");
    assert!(
        help.zh
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{}",
        help.zh
    );
    if hidden != '\0' {
        for t in all {
            assert!(!t.contains(hidden), "{t}");
        }
    }
}

#[test]
fn a_zero_width_space_in_a_consignor_name_is_named() {
    let findings = lint(&[(
        "customs.yaml",
        &format!("consignor_name: {NAME}"),
        &format!("consignor_name: \"{}\"", "深圳市华彩\\u200B科技有限公司"),
        false,
    )]);
    let f = only(&findings, "CUS007", &[]);
    names(
        f,
        '\u{200b}',
        "this declaration has U+200B ZERO WIDTH SPACE after `华彩` (invisible)",
        "本报关单名称中 `华彩` 之后有 U+200B ZERO WIDTH SPACE（不可见字符）",
    );
    assert!(f.message.en.contains("深圳市华彩<U+200B>科技有限公司"));
    let help = f.help.as_ref().unwrap();
    assert!(help.en.contains("retype `consignor_name`"), "{}", help.en);
}

#[test]
fn a_zero_width_joiner_in_a_consignor_name_is_named() {
    let findings = lint(&[(
        "declarations.csv",
        NAME,
        "深圳市华彩科\u{200d}技有限公司",
        false,
    )]);
    names(
        only(&findings, "CUS007", &[]),
        '\u{200d}',
        "U+200D ZERO WIDTH JOINER after `彩科`",
        "`彩科` 之后有 U+200D ZERO WIDTH JOINER（不可见字符）",
    );
}

#[test]
fn a_soft_hyphen_in_the_registration_is_named() {
    let findings = lint(&[("customs.yaml", NAME, "深圳市华彩科技\u{ad}有限公司", false)]);
    names(
        only(&findings, "CUS002", &[]),
        '\u{ad}',
        "the registration has U+00AD SOFT HYPHEN after `科技`",
        "海关注册信息名称中 `科技` 之后有 U+00AD SOFT HYPHEN",
    );
}

#[test]
fn a_byte_order_mark_in_a_consignor_name_is_named() {
    let findings = lint(&[(
        "declarations.csv",
        NAME,
        "深圳市华彩科技有限公司\u{feff}",
        false,
    )]);
    names(
        only(&findings, "CUS007", &[]),
        '\u{feff}',
        "U+FEFF ZERO WIDTH NO-BREAK SPACE after `公司`",
        "`公司` 之后有 U+FEFF ZERO WIDTH NO-BREAK SPACE（不可见字符）",
    );
}

#[test]
fn a_right_to_left_override_in_the_registration_is_named() {
    let findings = lint(&[(
        "customs.yaml",
        NAME,
        "深圳市华彩\u{202e}科技有限公司",
        false,
    )]);
    let f = only(&findings, "CUS002", &[]);
    names(
        f,
        '\u{202e}',
        "U+202E RIGHT-TO-LEFT OVERRIDE after `华彩` (a bidi control",
        "`华彩` 之后有 U+202E RIGHT-TO-LEFT OVERRIDE（双向控制字符",
    );
    assert!(f.message.zh.contains("深圳市华彩<U+202E>科技有限公司"));
}

#[test]
fn a_cyrillic_a_for_a_latin_a_is_named_beside_the_licences() {
    let mut edits = latin();
    edits.push(("declarations.csv", LATIN, "Huаcai Trading Co", false));
    let findings = lint(&edits);
    let f = only(&findings, "CUS007", &[]);
    names(
        f,
        '\0',
        "`а` U+0430 CYRILLIC SMALL LETTER A where the licence has `a` U+0061 LATIN SMALL LETTER A",
        "`а` U+0430 CYRILLIC SMALL LETTER A（Cyrillic 文字，前后为 Latin 文字），执照中此处为 `a` U+0061 LATIN SMALL LETTER A",
    );
}

#[test]
fn a_greek_omicron_for_a_latin_o_is_named_beside_the_licences() {
    let mut edits = latin();
    edits.push(("customs.yaml", LATIN, "Huacai Trading Cο", false));
    let findings = lint(&edits);
    names(
        only(&findings, "CUS002", &[]),
        '\0',
        "`ο` U+03BF GREEK SMALL LETTER OMICRON where the licence has `o` U+006F LATIN SMALL LETTER O",
        "`ο` U+03BF GREEK SMALL LETTER OMICRON（Greek 文字，前后为 Latin 文字）",
    );
}

#[test]
fn a_zero_width_space_in_the_licences_own_name_is_named_by_lic007() {
    let zwsp = "深圳市华彩\u{200b}科技有限公司";
    let findings = lint(&[("license.yaml", NAME, zwsp, false)]);
    // Every honest declaration and the registration differ from it: CUS002 and CUS007 say the
    // licence has the character (and CUS003 counts none), and LIC007 names it in the licence.
    let f = only(&findings, "LIC007", &["CUS002", "CUS003", "CUS007"]);
    names(
        f,
        '\u{200b}',
        "the name has U+200B ZERO WIDTH SPACE after `华彩` (invisible)",
        "名称中 `华彩` 之后有 U+200B ZERO WIDTH SPACE（不可见字符）",
    );
    let help = f.help.as_ref().unwrap();
    assert!(help.en.contains(&format!("e.g. `{NAME}`")), "{}", help.en);
    for cus in findings
        .iter()
        .filter(|f| ["CUS002", "CUS007"].contains(&f.code.to_string().as_str()))
    {
        names(
            cus,
            '\u{200b}',
            "the licence has U+200B ZERO WIDTH SPACE after `华彩` (invisible)",
            "执照名称中 `华彩` 之后有 U+200B ZERO WIDTH SPACE（不可见字符）",
        );
        let help = cus.help.as_ref().unwrap();
        assert!(
            help.en.contains("retype `entity_name` in `license.yaml`"),
            "{}",
            help.en
        );
    }
}

#[test]
fn a_visible_difference_keeps_its_help() {
    let findings = lint(&[("declarations.csv", NAME, "深圳市华彩供应链有限公司", false)]);
    let help = only(&findings, "CUS007", &[]).help.clone().unwrap();
    assert!(!help.en.contains("U+"), "{}", help.en);
    assert!(help.en.contains("(they differ in `科技` / `供应链`)"));
}

/// The same through the built binary, in both languages: the character is named, never printed.
#[test]
fn the_binary_names_an_invisible_character_and_never_prints_it() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/CUS007-invisible"));
    for (lang, words) in [
        ("en", "U+200B ZERO WIDTH SPACE"),
        ("zh", "U+200B ZERO WIDTH SPACE（"),
    ] {
        let out = common::selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(&dir)
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains(words), "{lang}: {stdout}");
        assert!(
            !stdout.contains('\u{200b}'),
            "{lang}: the raw character was printed"
        );
    }
}
