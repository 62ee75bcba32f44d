//! `declarations.xlsx` as hostile input: a workbook is a zip archive of XML that a seller
//! controls, so a zip bomb, a shared-string table that announces billions of strings, thousands
//! of sheets, formulas, cells at the sheet's far corner, a file that is no workbook and one over
//! the size limit must each end in a finding (or none), never a hang, a crash or a blown memory.
//! Each workbook is built here, part by part, and linted by the binary under a watchdog.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

const WORKSHEET_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a workbook of `sheets` sheets (each the same worksheet XML, `sheet`), with
/// `extra` parts besides.
fn workbook(sheets: usize, sheet: &str, extra: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let content_types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let names: String = (1..=sheets)
        .map(|i| format!(r#"<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>"#))
        .collect();
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{WORKSHEET_NS}" xmlns:r="{REL_NS}"><sheets>{names}</sheets></workbook>"#
    );
    let targets: String = (1..=sheets)
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>"#
            )
        })
        .collect();
    let book_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{targets}</Relationships>"#
    );
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types.into_bytes()),
        ("_rels/.rels".into(), rels.into_bytes()),
        ("xl/workbook.xml".into(), book.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), book_rels.into_bytes()),
        ("xl/worksheets/sheet1.xml".into(), sheet.as_bytes().to_vec()),
    ];
    parts.extend(extra);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A worksheet of these rows of inline strings (each cell `(reference, text)`), declaring
/// `dimension`.
fn worksheet(dimension: &str, rows: &[(u32, Vec<(&str, &str)>)]) -> String {
    let rows: String = rows
        .iter()
        .map(|(r, cells)| {
            let cells: String = cells
                .iter()
                .map(|(at, text)| {
                    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
                })
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{WORKSHEET_NS}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// The clean fixture's `declarations.csv` as a worksheet of inline strings.
fn clean_sheet() -> String {
    let csv =
        std::fs::read_to_string(common::root().join("fixtures/clean/declarations.csv")).unwrap();
    let refs: Vec<Vec<String>> = (1..=3)
        .map(|r| ('A'..='F').map(|c| format!("{c}{r}")).collect())
        .collect();
    let rows: Vec<(u32, Vec<(&str, &str)>)> = csv
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let cells = refs[i]
                .iter()
                .map(String::as_str)
                .zip(line.split(','))
                .collect();
            (i as u32 + 1, cells)
        })
        .collect();
    worksheet("A1:F3", &rows)
}

/// What the binary found: (code, file, line, message) of each finding.
type Found = Vec<(String, String, Option<u64>, String)>;

/// The clean submission with `declarations.xlsx` (and no `declarations.csv`) linted under a
/// watchdog: exit status and the JSON findings.
fn lint(bytes: &[u8]) -> (i32, Found) {
    let (_tmp, dir) = common::clean_copy();
    lint_in(&dir, bytes)
}

fn lint_in(dir: &Path, bytes: &[u8]) -> (i32, Found) {
    std::fs::remove_file(dir.join("declarations.csv")).unwrap();
    std::fs::write(dir.join("declarations.xlsx"), bytes).unwrap();
    let out = common::selfcheck()
        .arg("lint")
        .arg(dir)
        .args(["--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("selfcheck ran");
    let code = out.status.code().unwrap_or(-1);
    assert!(
        matches!(code, 0 | 1),
        "exit {code} (a crash or a hang): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let found = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("file"), f["line"].as_u64(), s("message"))
        })
        .collect();
    (code, found)
}

/// The one finding of a workbook that cannot be read: SUB002 at the file, saying why.
fn unreadable_because(found: &Found, why: &str) {
    assert_eq!(found.len(), 1, "{found:#?}");
    let (code, file, line, message) = &found[0];
    assert_eq!(
        (code.as_str(), file.as_str(), *line),
        ("SUB002", "declarations.xlsx", None)
    );
    assert!(message.contains(why), "{message}");
}

#[test]
fn a_workbook_of_the_clean_declarations_lints_like_the_clean_csv() {
    let (code, found) = lint(&workbook(1, &clean_sheet(), Vec::new()));
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_zip_bomb_is_decompressed_only_up_to_its_budget() {
    // 300 entries of 1 MiB of zeros: 300 MiB once decompressed, a few hundred KiB on disk.
    let zeros = vec![0u8; 1024 * 1024];
    let padding = (0..300)
        .map(|i| (format!("xl/media/padding{i}.bin"), zeros.clone()))
        .collect();
    let bytes = workbook(1, &clean_sheet(), padding);
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    let (code, found) = lint(&bytes);
    assert_eq!(code, 1);
    unreadable_because(&found, "decompresses to more than 256 MiB");
}

#[test]
fn a_shared_string_table_announcing_billions_of_strings_is_refused() {
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{WORKSHEET_NS}" count="99999999999" uniqueCount="99999999999"><si><t>number</t></si></sst>"#
    );
    let bytes = workbook(
        1,
        &clean_sheet(),
        vec![("xl/sharedStrings.xml".into(), sst.into_bytes())],
    );
    let (code, found) = lint(&bytes);
    assert_eq!(code, 1);
    unreadable_because(&found, "announces 99999999999 strings");
}

#[test]
fn the_announced_count_is_found_wherever_the_table_starts_however_it_is_written() {
    let comment = format!("<!-- {} -->", "x".repeat(100_000));
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{comment}<x:sst xmlns:x="{WORKSHEET_NS}"
           uniqueCount = '+0099999999999'><x:si><x:t>number</x:t></x:si></x:sst>"#
    );
    let bytes = workbook(
        1,
        &clean_sheet(),
        vec![("xl/sharedStrings.xml".into(), sst.into_bytes())],
    );
    let (code, found) = lint(&bytes);
    assert_eq!(code, 1);
    unreadable_because(&found, "announces 99999999999 strings");
}

#[test]
fn thousands_of_sheets_are_no_trouble() {
    let (code, found) = lint(&workbook(5000, &clean_sheet(), Vec::new()));
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_formula_is_read_as_the_value_the_workbook_saved_never_evaluated() {
    let sheet = clean_sheet().replacen(
        r#"<c r="D2" t="inlineStr"><is><t>深圳市华彩科技有限公司</t></is></c>"#,
        r#"<c r="D2" t="str"><f>CONCATENATE("深圳市","华彩科技有限公司",HYPERLINK("http://example.invalid"))</f><v>深圳市华彩科技有限公司</v></c>"#,
        1,
    );
    assert!(sheet.contains("<f>"));
    let (code, found) = lint(&workbook(1, &sheet, Vec::new()));
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_cell_in_the_sheets_far_corner_allocates_nothing_for_the_space_between() {
    let mut sheet = clean_sheet().replace(
        r#"<dimension ref="A1:F3"/>"#,
        r#"<dimension ref="A1:XFD1048576"/>"#,
    );
    sheet = sheet.replace(
        "</sheetData>",
        r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>"#,
    );
    let (code, found) = lint(&workbook(1, &sheet, Vec::new()));
    assert_eq!(code, 1);
    // The row holds no declaration number: SUB002 at that row, the last of the sheet.
    let places: Vec<(&str, Option<u64>)> =
        found.iter().map(|(c, _, l, _)| (c.as_str(), *l)).collect();
    assert_eq!(places, [("SUB002", Some(1_048_576))], "{found:#?}");
}

#[test]
fn a_file_that_is_no_workbook_and_one_over_the_limit_are_not_read() {
    let (code, found) = lint(b"number,direction\n1,export\n");
    assert_eq!(code, 1);
    unreadable_because(&found, "not an .xlsx workbook");
    let (_tmp, dir) = common::clean_copy();
    let big = vec![b'x'; 64 * 1024 * 1024 + 1];
    let (code, found) = lint_in(&dir, &big);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "SUB002");
    assert!(
        found[0].3.contains("64 MiB") || found[0].3.contains("too large"),
        "{found:#?}"
    );
}

#[test]
fn an_archive_of_too_many_entries_is_refused() {
    let entries = (0..10_001)
        .map(|i| (format!("xl/media/e{i}.bin"), Vec::new()))
        .collect();
    let (code, found) = lint(&workbook(1, &clean_sheet(), entries));
    assert_eq!(code, 1);
    unreadable_because(&found, "holds 10006 entries");
}
