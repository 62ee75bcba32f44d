//! The columns of a table of declarations, `declarations.csv` or `declarations.xlsx`: the
//! headers selfcheck reads, in English and Chinese and as the China International Trade Single
//! Window exports them, the export's other columns (accepted and not read), near misses, and a
//! declaration made of one row's cells.
//!
//! The Single Window export names the declarant (申报单位, often a forwarder) apart from the
//! domestic consignor (境内发货人): the declarant is never read as the consignor. The consignor's
//! 18-character code is its own column (境内发货人代码, 境内发货人统一社会信用代码) or stands before
//! its name in the same cell (`91440300MA5FHC8K1M深圳市华彩科技有限公司`); both are read.
//! `declared_on` is 申报日期, or 出口日期 where a row has no 申报日期.

use super::typed::{Field, Sp};
use crate::finding::Finding;
use crate::load::sub;
use crate::model::{Date, Declaration, Direction};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Number,
    Direction,
    DeclaredOn,
    /// 出口日期: `declared_on` where a row gives no 申报日期.
    ExportedOn,
    ConsignorName,
    ConsignorUscc,
    Scan,
    /// A column of the Single Window export that no rule reads (申报单位, 监管方式, 商品名称, …).
    Unread,
}

/// Header names, English then Chinese, compared as written (trimmed).
const HEADERS: &[(&str, Column)] = &[
    ("number", Column::Number),
    ("direction", Column::Direction),
    ("declared_on", Column::DeclaredOn),
    ("consignor_name", Column::ConsignorName),
    ("consignor_uscc", Column::ConsignorUscc),
    ("scan", Column::Scan),
    ("报关单号", Column::Number),
    ("进出口标志", Column::Direction),
    ("申报日期", Column::DeclaredOn),
    ("境内发货人", Column::ConsignorName),
    ("境内收发货人", Column::ConsignorName),
    ("境内发货人统一社会信用代码", Column::ConsignorUscc),
    ("统一社会信用代码", Column::ConsignorUscc),
    ("附件", Column::Scan),
];

/// The columns of the Single Window export (报关单 as the China International Trade Single
/// Window exports it, in Chinese or English), compared after [`header_key`]: those a rule reads,
/// and the others, accepted and not read. The declarant (申报单位) is one of the others.
const EXPORT_HEADERS: &[(&str, Column)] = &[
    ("海关编号", Column::Number),
    ("出口日期", Column::ExportedOn),
    ("境内发货人代码", Column::ConsignorUscc),
    ("申报单位", Column::Unread),
    ("生产销售单位", Column::Unread),
    ("监管方式", Column::Unread),
    ("贸易国", Column::Unread),
    ("贸易国（地区）", Column::Unread),
    ("贸易国(地区)", Column::Unread),
    ("运抵国", Column::Unread),
    ("运抵国（地区）", Column::Unread),
    ("运抵国(地区)", Column::Unread),
    ("商品名称", Column::Unread),
    ("customs_no", Column::Number),
    ("declaration_date", Column::DeclaredOn),
    ("export_date", Column::ExportedOn),
    ("domestic_consignor", Column::ConsignorName),
    ("domestic_consignor_code", Column::ConsignorUscc),
    ("declarant", Column::Unread),
    ("manufacturer", Column::Unread),
    ("trade_mode", Column::Unread),
    ("trading_country", Column::Unread),
    ("destination_country", Column::Unread),
    ("goods_name", Column::Unread),
];

/// The columns the checklist rules read besides `number`: a header without one of them is an
/// error, and its rows are read with that value unknown.
pub(super) const NEEDED: [Column; 5] = [
    Column::Direction,
    Column::DeclaredOn,
    Column::ConsignorName,
    Column::ConsignorUscc,
    Column::Scan,
];

/// A column's English and Chinese header.
pub(super) fn names_of(col: Column) -> (&'static str, &'static str) {
    let of = |chinese: bool| {
        HEADERS
            .iter()
            .find(|(n, c)| *c == col && n.is_ascii() != chinese)
            .map_or("", |(n, _)| *n)
    };
    (of(false), of(true))
}

/// Headers that customs tools and spreadsheets write for a column, and the header selfcheck
/// reads instead. Compared after [`header_key`].
const NEAR_MISSES: &[(&str, &str)] = &[
    ("收发货人", "境内收发货人"),
    ("发货人", "境内发货人"),
    ("境内发货人名称", "境内发货人"),
    ("发货人名称", "境内发货人"),
    ("进出口", "进出口标志"),
    ("进出口标识", "进出口标志"),
    ("进出口类型", "进出口标志"),
    ("报关单编号", "报关单号"),
    ("报关单号码", "报关单号"),
    ("日期", "申报日期"),
    ("申报时间", "申报日期"),
    ("信用代码", "统一社会信用代码"),
    ("社会信用代码", "统一社会信用代码"),
    ("发货人统一社会信用代码", "境内发货人统一社会信用代码"),
    ("扫描件", "附件"),
    ("附件路径", "附件"),
    ("consignor", "consignor_name"),
    ("consignor_company", "consignor_name"),
    ("uscc", "consignor_uscc"),
    ("consignor_code", "consignor_uscc"),
    ("declaration_number", "number"),
    ("declaration_no", "number"),
    ("no", "number"),
    ("date", "declared_on"),
    ("declared", "declared_on"),
    ("import_export", "direction"),
    ("flag", "direction"),
    ("attachment", "scan"),
    ("file", "scan"),
    ("scan_path", "scan"),
];

/// A header as compared for near misses: lower case, with spaces, hyphens and underscores as one
/// underscore, and no full stop (`Customs No.`).
fn header_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if matches!(c, ' ' | '-' | '_' | '\u{3000}') {
            if !key.ends_with('_') {
                key.push('_');
            }
        } else if c != '.' {
            key.push(c);
        }
    }
    key.trim_matches('_').to_owned()
}

/// The column a header names: one of [`HEADERS`] as written, or of the Single Window export's.
pub(super) fn column_of(name: &str) -> Option<Column> {
    let name = name.trim();
    if let Some((_, col)) = HEADERS.iter().find(|(n, _)| *n == name) {
        return Some(*col);
    }
    let key = header_key(name);
    EXPORT_HEADERS
        .iter()
        .find(|(n, _)| header_key(n) == key)
        .map(|(_, col)| *col)
}

/// The header selfcheck reads that an unknown header `name` most likely means, and its column:
/// the same name in another case or spacing, a name customs tools use, a known header written
/// with more or fewer words, or a likely typo.
pub(super) fn expected_header(name: &str) -> Option<(&'static str, Column)> {
    let key = header_key(name);
    if key.is_empty() {
        return None;
    }
    let column_of = |header: &str| HEADERS.iter().find(|(n, _)| *n == header).copied();
    if let Some(found) = HEADERS.iter().find(|(n, _)| *n == key) {
        return Some(*found);
    }
    if let Some((_, to)) = NEAR_MISSES.iter().find(|(from, _)| *from == key) {
        return column_of(to);
    }
    // A known header inside the name (`境内发货人名称`; the longest, so that
    // `…统一社会信用代码` is the USCC column), else the name inside a known header (`进出口`; the
    // shortest).
    let chinese = HEADERS
        .iter()
        .filter(|(n, _)| !key.is_ascii() && !n.is_ascii());
    let within = chinese
        .clone()
        .filter(|(n, _)| key.contains(n))
        .max_by_key(|(n, _)| n.chars().count());
    let around = chinese
        .filter(|(n, _)| n.contains(key.as_str()))
        .min_by_key(|(n, _)| n.chars().count());
    if let Some(found) = within.or(around) {
        return Some(*found);
    }
    let known: Vec<&'static str> = HEADERS.iter().map(|(n, _)| *n).collect();
    super::typed::closest(&key, &known).and_then(column_of)
}

/// The closest header of any kind, the Single Window export's included, to an unknown `name`
/// (SUB003's suggestion).
pub(super) fn closest_header(name: &str) -> Option<&'static str> {
    if let Some((header, _)) = expected_header(name) {
        return Some(header);
    }
    let key = header_key(name);
    let known: Vec<&'static str> = EXPORT_HEADERS.iter().map(|(n, _)| *n).collect();
    super::typed::closest(&key, &known)
}

/// The columns of a header row read: each cell's column (`None`: a column not read), and the
/// findings about the header — SUB003 for a header selfcheck does not know, SUB002 for a column
/// the rules need that is missing (at the cell that most likely meant it, when one does).
pub(super) struct Header {
    pub columns: Vec<Option<Column>>,
    /// The findings, each with what it stands for.
    pub findings: Vec<(Finding, Missing)>,
}

/// What a finding about a header stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Missing {
    /// The `number` column: no row can be told apart, the table is not read.
    Number,
    /// The consignor's USCC column: it is missing only if a row gives no code before the
    /// consignor's name either (the reader knows once the rows are read).
    Uscc,
    /// Anything else.
    Other,
}

/// Reads a header row: its cells' names and spans (`None`: no cell there, as between two cells of
/// a spreadsheet's row; no column, and nothing to report), and the span of the whole row.
pub(super) fn read_header(cells: &[Option<(&str, Span)>], header_span: Span) -> Header {
    let mut columns: Vec<Option<Column>> = Vec::new();
    // Unknown headers, with the column each most likely means.
    let mut unknown: Vec<(usize, Option<(&'static str, Column)>)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let Some((name, _)) = cell else {
            columns.push(None);
            continue;
        };
        let col = column_of(name);
        if col.is_none() {
            unknown.push((i, expected_header(name)));
        }
        columns.push(col);
    }
    let has = |col: Column| {
        columns.contains(&Some(col))
            || (col == Column::DeclaredOn && columns.contains(&Some(Column::ExportedOn)))
    };
    let mut findings = Vec::new();
    let mut named: Vec<Column> = Vec::new();
    for (i, expected) in unknown {
        let Some((name, span)) = cells[i] else {
            continue;
        };
        let name = name.trim();
        match expected {
            // The cell stands where a column the rules need is missing: that column's finding.
            Some((header, col))
                if (col == Column::Number || NEEDED.contains(&col))
                    && !has(col)
                    && !named.contains(&col) =>
            {
                named.push(col);
                let missing = match col {
                    Column::Number => Missing::Number,
                    _ => Missing::Other,
                };
                findings.push((sub::unknown_column(span, name, Some(header)), missing));
            }
            _ => findings.push((
                sub::unknown_header(span, name, closest_header(name)),
                Missing::Other,
            )),
        }
    }
    if !has(Column::Number) && !named.contains(&Column::Number) {
        findings.push((sub::missing_key(header_span, "number"), Missing::Number));
    }
    for col in NEEDED {
        if !has(col) && !named.contains(&col) {
            let (en, zh) = names_of(col);
            let missing = if col == Column::ConsignorUscc && has(Column::ConsignorName) {
                Missing::Uscc
            } else {
                Missing::Other
            };
            findings.push((sub::missing_column(header_span, en, zh), missing));
        }
    }
    Header { columns, findings }
}

/// One cell of a row: its value (trimmed, unquoted), where it is, and the text there as written
/// (a CSV field's quotes included), to find the parts of the value and to quote a fix as written.
pub(super) struct Cell<'v> {
    pub value: &'v str,
    pub span: Span,
    pub written: &'v str,
}

/// A value of a row that cannot be read: the span and the text.
pub(super) enum Unread<'v> {
    Direction(Span, &'v str),
    Date(Span, &'v str),
    /// A date written otherwise (`2026/8/21`, `2026年8月21日`): the span, the text, the date and
    /// the safe fix (the ISO date, quoted as the field was), when the file can take one.
    WrittenOtherwise(Span, &'v str, Date, Option<String>),
}

impl Unread<'_> {
    pub(super) fn finding(&self) -> Finding {
        match *self {
            Unread::Direction(span, value) => sub::wrong_value(
                span,
                &format!("`{value}`"),
                "one of `export`, `import`, `出口`, `进口`, `E`, `I`",
                "以下之一：`export`、`import`、`出口`、`进口`、`E`、`I`",
            ),
            Unread::Date(span, value) => sub::wrong_value(
                span,
                &format!("`{value}`"),
                "a date written YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD",
                "YYYY-MM-DD、YYYY/MM/DD 或 YYYYMMDD 格式的日期",
            ),
            Unread::WrittenOtherwise(span, value, date, ref replacement) => {
                let finding = sub::date_written_otherwise(span, value, date, "the CSV", "CSV");
                match replacement {
                    Some(replacement) => finding.fix(
                        text!("write the date as YYYY-MM-DD", "改为 YYYY-MM-DD 格式"),
                        replacement.clone(),
                    ),
                    None => finding,
                }
            }
        }
    }
}

/// How a table reads its date cells.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dates {
    /// `declarations.csv`: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`; another form a date is printed
    /// in is SUB002 with the ISO date as a fix.
    Csv,
    /// A spreadsheet: a text date in any form a document prints it (`2026/8/21`, `2026年8月21日`)
    /// is read as it is (a cell stored as a date comes written ISO already), and so is a number
    /// that is a date's serial number (`46303`), counted from the workbook's epoch.
    Sheet { epoch_1904: bool },
}

/// The date a spreadsheet's serial number `value` stands for (days since 1899-12-30, or since
/// 1904-01-01 in a workbook of the 1904 date system), for the years 1900 to 2199.
fn serial_date(value: &str, epoch_1904: bool) -> Option<Date> {
    let days: f64 = value.parse().ok()?;
    if !(1.0..=109_939.0).contains(&days) {
        return None;
    }
    let epoch = if epoch_1904 {
        (1904, 1, 1)
    } else {
        (1899, 12, 30)
    };
    let epoch = Date(jiff::civil::Date::new(epoch.0, epoch.1, epoch.2).ok()?);
    Some(epoch.add_days(days.floor() as i64))
}

/// The declaration the cells of a row give (each with its column index), each value that cannot
/// be read passed to `unread`; or, for a row without a number, `row_span`.
pub(super) fn declaration(
    columns: &[Option<Column>],
    cells: &[(usize, Cell)],
    row_span: Span,
    dates: Dates,
    unread: &mut dyn FnMut(Unread),
) -> Result<Sp<Declaration>, Span> {
    let mut number = None;
    let mut decl = Declaration {
        number: Sp {
            value: String::new(),
            span: row_span,
        },
        direction: Field::Absent,
        declared_on: Field::Absent,
        consignor_name: Field::Absent,
        consignor_uscc: Field::Absent,
        scan: Field::Absent,
    };
    // 出口日期, read where the row gives no 申报日期; a code before the consignor's name.
    let mut exported_on = Field::Absent;
    let mut code_in_name = Field::Absent;
    for (i, cell) in cells {
        let Some(Some(col)) = columns.get(*i) else {
            continue;
        };
        let (value, span) = (cell.value, cell.span);
        if value.is_empty() {
            continue;
        }
        let text_field = || {
            Field::Present(Sp {
                value: value.to_owned(),
                span,
            })
        };
        match col {
            Column::Number => {
                number = Some(Sp {
                    value: value.to_owned(),
                    span,
                })
            }
            Column::ConsignorName => match code_before_name(cell) {
                Some((code, name)) => {
                    code_in_name = Field::Present(code);
                    decl.consignor_name = Field::Present(name);
                }
                None => decl.consignor_name = text_field(),
            },
            Column::ConsignorUscc => decl.consignor_uscc = text_field(),
            Column::Scan => decl.scan = text_field(),
            Column::Unread => {}
            Column::Direction => {
                decl.direction = match Direction::parse(value) {
                    Some(d) => Field::Present(Sp { value: d, span }),
                    None => {
                        unread(Unread::Direction(span, value));
                        Field::Invalid(span)
                    }
                }
            }
            Column::DeclaredOn => decl.declared_on = date_cell(cell, dates, unread),
            Column::ExportedOn => exported_on = date_cell(cell, dates, unread),
        }
    }
    if decl.declared_on.is_absent() {
        decl.declared_on = exported_on;
    }
    if decl.consignor_uscc.is_absent() {
        decl.consignor_uscc = code_in_name;
    }
    decl.number = number.ok_or(row_span)?;
    Ok(Sp {
        value: decl,
        span: row_span,
    })
}

/// A date cell read as `dates` says.
fn date_cell(cell: &Cell, dates: Dates, unread: &mut dyn FnMut(Unread)) -> Field<Date> {
    let (value, span) = (cell.value, cell.span);
    if let Some(d) = Date::parse(value, true).filter(|d| d.in_range()) {
        return Field::Present(Sp { value: d, span });
    }
    let serial = match dates {
        Dates::Sheet { epoch_1904 } => serial_date(value, epoch_1904),
        Dates::Csv => None,
    };
    if let Some(d) = serial {
        return Field::Present(Sp { value: d, span });
    }
    match (Date::read_written(value).filter(|d| d.in_range()), dates) {
        (Some(d), Dates::Sheet { .. }) => Field::Present(Sp { value: d, span }),
        (Some(date), Dates::Csv) => {
            let iso = date.to_string();
            let fix = if cell.written.starts_with('"') {
                format!("\"{iso}\"")
            } else {
                iso
            };
            unread(Unread::WrittenOtherwise(span, value, date, Some(fix)));
            Field::Invalid(span)
        }
        (None, _) => {
            unread(Unread::Date(span, value));
            Field::Invalid(span)
        }
    }
}

/// The USCC written before the consignor's name in its cell (`91440300MA5FHC8K1M 深圳市…`), and
/// the name: each with its own span where the value can be found in the cell as written.
fn code_before_name(cell: &Cell) -> Option<(Sp<String>, Sp<String>)> {
    let value = cell.value;
    let code = value.get(..18)?;
    if !code
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        || !code.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let rest = &value[18..];
    let name = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '/' | '|' | ':' | '：' | ',' | '，' | '-' | '(' | ')')
    });
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_alphanumeric()) && rest == name {
        return None;
    }
    let at = |part: &str, from: usize| {
        let within = cell.written.find(value).map(|o| o + from);
        match within {
            Some(o) => Span::new(
                cell.span.file,
                cell.span.start as usize + o..cell.span.start as usize + o + part.len(),
            ),
            None => cell.span,
        }
    };
    let name_from = value.len() - name.len();
    Some((
        Sp {
            value: code.to_owned(),
            span: at(code, 0),
        },
        Sp {
            value: name.to_owned(),
            span: at(name, name_from),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_miss_headers_name_the_header_selfcheck_reads() {
        for (written, expected) in [
            ("收发货人", "境内收发货人"),
            ("发货人", "境内发货人"),
            ("境内发货人名称", "境内发货人"),
            ("进出口", "进出口标志"),
            ("境内收发货人统一社会信用代码", "统一社会信用代码"),
            ("consignor", "consignor_name"),
            ("Consignor Name", "consignor_name"),
            ("consignor-uscc", "consignor_uscc"),
            ("NUMBER", "number"),
            ("declard_on", "declared_on"),
            ("报关单编号", "报关单号"),
        ] {
            assert_eq!(
                expected_header(written).map(|(n, _)| n),
                Some(expected),
                "{written}"
            );
        }
        for unrelated in ["备注", "remarks", "", "商品名称"] {
            assert_eq!(expected_header(unrelated), None, "{unrelated}");
        }
    }

    #[test]
    fn every_column_has_an_english_and_a_chinese_header() {
        for col in NEEDED {
            let (en, zh) = names_of(col);
            assert!(en.is_ascii() && !en.is_empty(), "{col:?}");
            assert!(!zh.is_ascii(), "{col:?}");
        }
    }

    #[test]
    fn the_single_window_exports_columns_are_known() {
        for (header, col) in [
            ("海关编号", Column::Number),
            ("报关单号", Column::Number),
            ("境内发货人", Column::ConsignorName),
            ("境内发货人代码", Column::ConsignorUscc),
            ("境内发货人统一社会信用代码", Column::ConsignorUscc),
            ("申报单位", Column::Unread),
            ("生产销售单位", Column::Unread),
            ("申报日期", Column::DeclaredOn),
            ("出口日期", Column::ExportedOn),
            ("监管方式", Column::Unread),
            ("贸易国（地区）", Column::Unread),
            ("运抵国", Column::Unread),
            ("商品名称", Column::Unread),
            ("Customs No.", Column::Number),
            ("Export Date", Column::ExportedOn),
            ("Declarant", Column::Unread),
        ] {
            assert_eq!(column_of(header), Some(col), "{header}");
        }
        assert_eq!(column_of("备注"), None);
        assert_eq!(closest_header("申报单位名称"), Some("申报单位"));
    }

    #[test]
    fn a_serial_number_is_a_date_in_a_sheet() {
        let date = |s| Date::parse(s, false).unwrap();
        assert_eq!(serial_date("46303", false), Some(date("2026-10-08")));
        assert_eq!(serial_date("46303.75", false), Some(date("2026-10-08")));
        assert_eq!(serial_date("44841", true), Some(date("2026-10-08")));
        for not in ["0", "-5", "1e9", "abc", "531620260012345678"] {
            assert_eq!(serial_date(not, false), None, "{not}");
        }
    }

    #[test]
    fn a_code_before_the_consignors_name_is_read_as_its_uscc() {
        let file = crate::source::FileId(0);
        for (written, code, name) in [
            (
                "91440300MA5FHC8K1M深圳市华彩科技有限公司",
                "91440300MA5FHC8K1M",
                "深圳市华彩科技有限公司",
            ),
            (
                "91440300MA5FHC8K1M 深圳市华彩科技有限公司",
                "91440300MA5FHC8K1M",
                "深圳市华彩科技有限公司",
            ),
            (
                "91440300MA5FHC8K1M/Huacai Tech Co., Ltd",
                "91440300MA5FHC8K1M",
                "Huacai Tech Co., Ltd",
            ),
        ] {
            let text = format!("x,{written}\n");
            let cell = Cell {
                value: written,
                span: Span::new(file, 2..2 + written.len()),
                written,
            };
            let (c, n) = code_before_name(&cell).expect(written);
            assert_eq!((c.value.as_str(), n.value.as_str()), (code, name));
            assert_eq!(&text[c.span.range()], code);
            assert_eq!(&text[n.span.range()], name);
        }
        for name in [
            "深圳市华彩科技有限公司",
            "Huacai Tech Co Ltd",
            "91440300MA5FHC8K1M",
            "HUACAIINTERNATIONALTRADING",
        ] {
            let cell = Cell {
                value: name,
                span: Span::new(file, 0..name.len()),
                written: name,
            };
            assert!(code_before_name(&cell).is_none(), "{name}");
        }
    }
}
