//! Issue 12, "missing data never passes", for the customs documents: every value a customs rule
//! needs is reported by that rule when a declaration or the registration leaves it out, in
//! `customs.yaml` and `declarations.csv` alike. A `declarations.csv` header selfcheck does not
//! know is a warning that names the closest header, and an error where a column the rules need
//! is missing; the Single Window export's headers are read as they come.

use crate::common;

use std::path::Path;

/// (code, file, line, severity, help) of every finding of the clean fixture with `change` made.
type Seen = Vec<(String, String, Option<u64>, String, String)>;

fn lint(dir: &Path) -> Seen {
    let report = common::lint_as(dir, "submission");
    let json: serde_json::Value = serde_json::from_str(&selfcheck::render::json::render(
        &report,
        selfcheck::finding::Lang::En,
    ))
    .unwrap();
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (
                s("code"),
                s("file"),
                f["line"].as_u64(),
                s("severity"),
                s("help"),
            )
        })
        .collect()
}

fn edited(file: &str, edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, Seen) {
    let (tmp, dir) = common::clean_copy();
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit changes {file}");
    std::fs::write(dir.join(file), changed).unwrap();
    let seen = lint(&dir);
    (tmp, seen)
}

fn places(seen: &Seen) -> Vec<(&str, &str, Option<u64>)> {
    seen.iter()
        .map(|(c, f, l, _, _)| (c.as_str(), f.as_str(), *l))
        .collect()
}

/// Removes the line `key: …` of the first YAML declaration (lines 5–10 of the clean file).
fn without_yaml_key(text: String, key: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .position(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .starts_with(&format!("{key}:"))
        })
        .unwrap_or_else(|| panic!("{key} in customs.yaml"));
    if lines[at].trim_start().starts_with("- ") {
        // The key that opens the entry: the next key opens it instead.
        lines[at + 1] = format!("  - {}", lines[at + 1].trim_start());
    }
    lines.remove(at);
    lines.join("\n") + "\n"
}

/// Empties the cell of `column` in the last row of the CSV.
fn without_csv_cell(text: String, column: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = lines[0].split(',').position(|h| h == column).unwrap();
    let last = lines.len() - 1;
    let mut cells: Vec<&str> = lines[last].split(',').collect();
    cells[i] = "";
    lines[last] = cells.join(",");
    lines.join("\n") + "\n"
}

/// The rule that needs each declaration field, and the line of the first YAML declaration it
/// reports (the entry starts on line 5).
const NEEDED: &[(&str, &str)] = &[
    ("direction", "CUS005"),
    ("declared_on", "CUS010"),
    ("consignor_name", "CUS007"),
    ("consignor_uscc", "CUS008"),
    ("scan", "CUS009"),
];

#[test]
fn each_declaration_field_deleted_from_yaml_is_reported_by_the_rule_that_needs_it() {
    for (key, code) in NEEDED {
        let (_t, seen) = edited("customs.yaml", |t| without_yaml_key(t, key));
        assert_eq!(
            places(&seen),
            [(*code, "customs.yaml", Some(5))],
            "without `{key}`: {seen:?}"
        );
        assert_eq!(
            seen[0].3,
            if *code == "CUS010" {
                "warning"
            } else {
                "error"
            }
        );
        assert!(
            seen[0].4.contains(key),
            "the help names `{key}`: {}",
            seen[0].4
        );
    }
    // The key that identifies the entry is SUB002 (SPEC §1).
    let (_t, seen) = edited("customs.yaml", |t| without_yaml_key(t, "number"));
    assert_eq!(places(&seen)[0].0, "SUB002", "{seen:?}");
}

#[test]
fn each_declaration_field_emptied_in_the_csv_is_reported_at_its_row() {
    for (key, code) in NEEDED {
        let (_t, seen) = edited("declarations.csv", |t| without_csv_cell(t, key));
        assert_eq!(
            places(&seen),
            [(*code, "declarations.csv", Some(3))],
            "without `{key}`: {seen:?}"
        );
    }
}

#[test]
fn an_empty_consignor_name_is_no_consignor() {
    let (_t, seen) = edited("customs.yaml", |t| {
        t.replacen(
            "consignor_name: 深圳市华彩科技有限公司",
            "consignor_name: \"\"",
            1,
        )
    });
    assert_eq!(
        places(&seen),
        [("CUS007", "customs.yaml", Some(5))],
        "{seen:?}"
    );
}

#[test]
fn the_registration_values_are_needed_too() {
    let (_t, seen) = edited("customs.yaml", |t| {
        t.replace("  code: \"4403960ABC\"\n", "")
    });
    assert_eq!(
        places(&seen),
        [("CUS001", "customs.yaml", Some(1))],
        "{seen:?}"
    );
    let (_t, seen) = edited("customs.yaml", |t| {
        t.replace("  entity_name: 深圳市华彩科技有限公司\n", "")
    });
    assert_eq!(
        places(&seen),
        [("CUS002", "customs.yaml", Some(1))],
        "{seen:?}"
    );
}

#[test]
fn a_number_that_says_import_never_counts_toward_the_history() {
    // Both YAML declarations get an import flag and a direction that cannot be read (SUB002):
    // no rule can say "import" from `direction`, yet the number says it, so only the two CSV
    // declarations count.
    let (_t, seen) = edited("customs.yaml", |t| {
        t.replace("\"531620260012345678\"", "\"531620261012345678\"")
            .replace("\"531620260012345901\"", "\"531620261012345901\"")
            .replace("direction: export", "direction: [export]")
            .replace("direction: 出口", "direction: [出口]")
    });
    let codes: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(codes, ["CUS003", "SUB002", "SUB002"], "{seen:?}");
}

#[test]
fn a_declaration_without_direction_does_not_count() {
    let (_t, seen) = edited("customs.yaml", |t| {
        t.replace("    direction: export\n", "")
            .replace("    direction: 出口\n", "")
    });
    let codes: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(codes, ["CUS003", "CUS005", "CUS005"], "{seen:?}");
}

/// The clean CSV with header `from` written `to`.
fn header(from: &str, to: &str) -> (tempfile::TempDir, Seen) {
    edited("declarations.csv", |t| {
        let (head, rows) = t.split_once('\n').unwrap();
        let head: Vec<&str> = head
            .split(',')
            .map(|h| if h == from { to } else { h })
            .collect();
        format!("{}\n{rows}", head.join(","))
    })
}

#[test]
fn a_near_miss_header_is_an_error_that_names_the_expected_header() {
    for (column, written, expected, code) in [
        ("consignor_name", "收发货人", "境内收发货人", "CUS007"),
        ("consignor_name", "发货人", "境内发货人", "CUS007"),
        ("consignor_name", "consignor", "consignor_name", "CUS007"),
        (
            "consignor_name",
            "Consignor Name",
            "consignor_name",
            "CUS007",
        ),
        (
            "consignor_uscc",
            "社会信用代码",
            "统一社会信用代码",
            "CUS008",
        ),
        ("direction", "进出口", "进出口标志", "CUS005"),
        ("declared_on", "date", "declared_on", "CUS010"),
        ("scan", "扫描件", "附件", "CUS009"),
    ] {
        let (_t, seen) = header(column, written);
        let mut want = vec![
            ("SUB002", "declarations.csv", Some(1)),
            (code, "declarations.csv", Some(2)),
            (code, "declarations.csv", Some(3)),
        ];
        // Neither CSV row counts then, and two declarations are left (a missing scan does not
        // keep a declaration from counting).
        if code != "CUS009" {
            want.insert(0, ("CUS003", "customs.yaml", Some(4)));
        }
        assert_eq!(places(&seen), want, "`{written}`: {seen:?}");
        let (_, _, _, severity, help) = &seen[want.len() - 3];
        assert_eq!(severity, "error");
        assert!(
            help.contains(&format!("`{expected}`")),
            "`{written}` names `{expected}`: {help}"
        );
    }
}

#[test]
fn a_near_miss_of_the_number_header_leaves_the_table_unread() {
    let (_t, seen) = header("number", "报关单编号");
    assert_eq!(
        places(&seen),
        [("SUB002", "declarations.csv", Some(1))],
        "{seen:?}"
    );
    assert!(seen[0].4.contains("`报关单号`"), "{}", seen[0].4);
}

#[test]
fn an_unknown_column_is_a_warning_at_its_header_cell_naming_the_closest_header() {
    for (written, closest) in [("备注", None), ("申报单位名称", Some("申报单位"))] {
        let (_t, seen) = edited("declarations.csv", |t| {
            t.lines()
                .enumerate()
                .map(|(i, l)| format!("{l},{}\n", if i == 0 { written } else { "ok" }))
                .collect()
        });
        assert_eq!(
            places(&seen),
            [("SUB003", "declarations.csv", Some(1))],
            "{seen:?}"
        );
        assert_eq!(seen[0].3, "warning");
        if let Some(closest) = closest {
            assert_eq!(seen[0].4, format!("did you mean `{closest}`?"));
        }
    }
}

/// Declarations as the China International Trade Single Window exports them, in Chinese: the
/// export's columns, the declarant (申报单位, a forwarder) apart from the consignor (境内发货人,
/// the seller), the consignor's code before its name in the same cell, 出口日期 where there is no
/// 申报日期. Nothing is reported: the seller is the consignor.
#[test]
fn a_single_window_export_is_read_as_it_comes() {
    let (_t, seen) = edited("declarations.csv", |_| {
        [
            "海关编号,申报单位,境内发货人,生产销售单位,出口日期,监管方式,贸易国（地区）,运抵国（地区）,商品名称,进出口标志,附件",
            "531620260012346120,深圳市速达国际货运代理有限公司,91440300MA5FHC8K1M深圳市华彩科技有限公司,深圳市华彩科技有限公司,2026/10/08,一般贸易,西班牙,西班牙,蓝牙耳机,出口,attachments/declarations/531620260012346120.pdf",
            "531620260012346377,深圳市速达国际货运代理有限公司,91440300MA5FHC8K1M 深圳市华彩科技有限公司,深圳市华彩科技有限公司,20261102,一般贸易,巴西,巴西,充电宝,出口,attachments/declarations/531620260012346377.pdf",
        ]
        .map(|l| format!("{l}\n"))
        .concat()
    });
    assert_eq!(places(&seen), [], "{seen:?}");
    // The declarant is never the consignor: with the 境内发货人 column gone, the rows say nothing
    // of who declared them, and the header lacks the column.
    let (_t, seen) = edited("declarations.csv", |_| {
        [
            "海关编号,申报单位,出口日期,进出口标志,境内发货人代码,附件",
            "531620260012346120,深圳市华彩科技有限公司,2026/10/08,出口,91440300MA5FHC8K1M,attachments/declarations/531620260012346120.pdf",
        ]
        .map(|l| format!("{l}\n"))
        .concat()
    });
    let codes: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(codes, ["CUS003", "SUB002", "CUS007"], "{seen:?}");
    assert_eq!(seen[1].3, "error");
}

#[test]
fn a_header_without_a_needed_column_is_an_error_and_its_rows_lack_the_value() {
    let (_t, seen) = edited("declarations.csv", |t| {
        t.lines()
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                format!("{}\n", [&cells[..4], &cells[5..]].concat().join(","))
            })
            .collect()
    });
    assert_eq!(
        places(&seen),
        [
            ("CUS003", "customs.yaml", Some(4)),
            ("SUB002", "declarations.csv", Some(1)),
            ("CUS008", "declarations.csv", Some(2)),
            ("CUS008", "declarations.csv", Some(3)),
        ],
        "{seen:?}"
    );
}

#[test]
fn the_documented_headers_are_read_in_english_and_chinese() {
    for (en, zh) in [
        ("number", "报关单号"),
        ("direction", "进出口标志"),
        ("declared_on", "申报日期"),
        ("consignor_name", "境内发货人"),
        ("consignor_uscc", "境内发货人统一社会信用代码"),
        ("scan", "附件"),
    ] {
        let (_t, seen) = header(en, zh);
        assert!(seen.is_empty(), "{zh}: {seen:?}");
    }
    // SPEC §1 names these too.
    for (en, zh) in [
        ("consignor_name", "境内收发货人"),
        ("consignor_uscc", "统一社会信用代码"),
    ] {
        let (_t, seen) = header(en, zh);
        assert!(seen.is_empty(), "{zh}: {seen:?}");
    }
}

/// The README's Single Window and spreadsheet examples, as `selfcheck lint` prints them: the
/// folders are the clean submission with the fixtures' declarations.
#[test]
fn the_readme_shows_a_single_window_export_and_a_spreadsheet_as_linted() {
    let tmp = tempfile::tempdir().unwrap();
    let lianfa = tmp.path().join("lianfa");
    common::copy_dir(&common::root().join("fixtures/clean"), &lianfa);
    let export = std::fs::read_to_string(
        common::root().join("fixtures/passing/CUS007-forwarder-declared/declarations.csv"),
    )
    .unwrap();
    // The agency's own remarks column, once filled in.
    let with_remarks: Vec<String> = export
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!("{l},备注"),
            1 => format!("{l},已放行"),
            _ => format!("{l},"),
        })
        .collect();
    std::fs::write(
        lianfa.join("declarations.csv"),
        with_remarks.join("\n") + "\n",
    )
    .unwrap();
    let yiwu = tmp.path().join("yiwu");
    common::copy_dir(&common::root().join("fixtures/clean"), &yiwu);
    std::fs::remove_file(yiwu.join("declarations.csv")).unwrap();
    std::fs::copy(
        common::root().join("fixtures/rules/CUS007-xlsx/declarations.xlsx"),
        yiwu.join("declarations.xlsx"),
    )
    .unwrap();
    for (name, marker, status) in [
        (
            "lianfa",
            "A Single Window export in which a forwarder declared",
            0,
        ),
        ("yiwu", "The same declarations kept in Excel", 1),
    ] {
        let (code, out, _) = common::output(common::selfcheck().current_dir(tmp.path()).args([
            "lint",
            name,
            "--today",
            common::TODAY,
        ]));
        assert_eq!(code, Some(status), "{out}");
        assert_eq!(
            common::readme_block(marker),
            out,
            "README.md shows `selfcheck lint {name}`"
        );
    }
}
