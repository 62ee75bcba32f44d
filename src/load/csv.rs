//! `declarations.csv` as exported by customs tools: UTF-8 (with or without BOM) or GB18030/GBK,
//! English or Chinese headers in any order. Every field keeps its line and column.

use super::typed::{Field, Sp};
use crate::finding::{Finding, Flood};
use crate::load::sub;
use crate::model::{Date, Declaration, Direction};
use crate::source::{FileId, Span};
use std::ops::Range;

/// Decodes CSV bytes: UTF-8 (a BOM is dropped) when valid, UTF-16/UTF-32 after their byte
/// order mark, else GB18030 (a superset of GBK).
pub fn decode(bytes: &[u8]) -> Option<String> {
    match super::text::decode(bytes, true) {
        super::text::Decoded::Text(s, _) => Some(s),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Number,
    Direction,
    DeclaredOn,
    ConsignorName,
    ConsignorUscc,
    Scan,
}

/// Header names, English then Chinese.
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

/// The columns the checklist rules read besides `number`: a header without one of them is an
/// error, and its rows are read with that value unknown.
const NEEDED: [Column; 5] = [
    Column::Direction,
    Column::DeclaredOn,
    Column::ConsignorName,
    Column::ConsignorUscc,
    Column::Scan,
];

/// A column's English and Chinese header.
fn names_of(col: Column) -> (&'static str, &'static str) {
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
    ("海关编号", "报关单号"),
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
    ("declaration_date", "declared_on"),
    ("declared", "declared_on"),
    ("import_export", "direction"),
    ("flag", "direction"),
    ("attachment", "scan"),
    ("file", "scan"),
    ("scan_path", "scan"),
];

/// A header as compared for near misses: lower case, with spaces, hyphens and underscores as one
/// underscore.
fn header_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if matches!(c, ' ' | '-' | '_' | '\u{3000}') {
            if !key.ends_with('_') {
                key.push('_');
            }
        } else {
            key.push(c);
        }
    }
    key.trim_matches('_').to_owned()
}

/// The header selfcheck reads that an unknown header `name` most likely means, and its column:
/// the same name in another case or spacing, a name customs tools use, a known header written
/// with more or fewer words, or a likely typo.
fn expected_header(name: &str) -> Option<(&'static str, Column)> {
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

/// `declarations.csv` once read: its columns and how many rows it declares. The rows are read
/// again from the source text each time a rule asks for them ([`Table::rows`]), so that memory
/// stays at the size of the file whatever the number of rows (SPEC §7 "Floods"): 900,000 rows
/// held as values took four times the file. A small file's rows are kept instead ([`KEPT_BYTES`]).
#[derive(Debug)]
pub struct Table {
    pub file: FileId,
    columns: Vec<Option<Column>>,
    len: usize,
    /// The declarations of a file of at most [`KEPT_BYTES`], as [`Table::rows`] reads them.
    kept: Option<Vec<Sp<Declaration>>>,
}

/// A CSV of at most this many bytes keeps its declarations once read: each reading of the rows
/// builds a CSV reader (a quarter of a million instructions, most of a small file's reading), and
/// the rules ask for them about twenty times a lint.
const KEPT_BYTES: usize = 64 * 1024;

impl Table {
    /// How many declarations the rows give (rows without a number are not declarations).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The declarations, in file order, read from `text` (the file's text, as [`rows`] read it).
    /// Values that cannot be read are [`Field::Invalid`]; they were reported by [`rows`].
    pub fn rows<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = Sp<Declaration>> + 'a> {
        if let Some(kept) = &self.kept {
            return Box::new(kept.iter().cloned());
        }
        Box::new(
            reader(text)
                .into_records()
                .skip(1)
                .filter_map(Result::ok)
                .filter_map(move |record| {
                    declaration(self.file, text, &self.columns, &record, &mut |_| {}).ok()
                }),
        )
    }
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes())
}

/// Keeps `f` unless its rule has flooded the file ([`Flood`]: a CSV has no suppression
/// comments); whether it was kept.
fn push(findings: &mut Vec<Finding>, flood: &mut Flood, f: Finding) -> bool {
    let listed = flood.admit(&f, || false);
    if listed {
        findings.push(f);
    }
    listed
}

/// A value of a row that cannot be read: the span and the text.
enum Unread<'v> {
    Direction(Span, &'v str),
    Date(Span, &'v str),
}

impl Unread<'_> {
    fn finding(&self) -> Finding {
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
        }
    }
}

/// The declaration a record gives, each value that cannot be read passed to `unread`; or, for a
/// row without a number, the row's span.
fn declaration(
    file: FileId,
    text: &str,
    columns: &[Option<Column>],
    record: &csv::StringRecord,
    unread: &mut dyn FnMut(Unread),
) -> Result<Sp<Declaration>, Span> {
    let whole = Span::new(file, 0..0);
    let start = record.position().map_or(0, |p| p.byte() as usize);
    let spans = field_spans(text, start);
    let span_of = |i: usize| spans.get(i).map_or(whole, |r| Span::new(file, r.clone()));
    let row_span = match (spans.first(), spans.last()) {
        (Some(a), Some(b)) => Span::new(file, a.start..b.end),
        _ => whole,
    };
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
    for (i, value) in record.iter().enumerate() {
        let Some(Some(col)) = columns.get(i) else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let span = span_of(i);
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
            Column::ConsignorName => decl.consignor_name = text_field(),
            Column::ConsignorUscc => decl.consignor_uscc = text_field(),
            Column::Scan => decl.scan = text_field(),
            Column::Direction => {
                decl.direction = match Direction::parse(value) {
                    Some(d) => Field::Present(Sp { value: d, span }),
                    None => {
                        unread(Unread::Direction(span, value));
                        Field::Invalid(span)
                    }
                }
            }
            Column::DeclaredOn => {
                decl.declared_on = match Date::parse(value, true) {
                    Some(d) => Field::Present(Sp { value: d, span }),
                    None => {
                        unread(Unread::Date(span, value));
                        Field::Invalid(span)
                    }
                }
            }
        }
    }
    let number = number.ok_or(row_span)?;
    decl.number = number;
    Ok(Sp {
        value: decl,
        span: row_span,
    })
}

/// The table of the CSV, and the findings about single fields (SUB002 for a value that cannot be
/// read, SUB003 for an unknown column), capped as they are met: the first hundred of a rule, then
/// one summary (SPEC §7 "Floods"). A file that cannot be read as a table at all is the error, and
/// the whole CSV is then unreadable.
pub fn rows(file: FileId, text: &str) -> Result<(Table, Vec<Finding>), Box<Finding>> {
    let mut records = reader(text).into_records();
    let whole = Span::new(file, 0..0);
    let header = match records.next() {
        None => return Err(Box::new(sub::empty_document(file))),
        Some(Err(e)) => return Err(Box::new(csv_error(file, text, &e))),
        Some(Ok(h)) => h,
    };
    let header_start = header.position().map_or(0, |p| p.byte() as usize);
    let header_spans = field_spans(text, header_start);
    let mut findings = Vec::new();
    let mut flood = Flood::default();
    let mut columns = Vec::new();
    // Columns whose near-miss header was reported already (its finding names the header), with
    // the finding's index when it is listed.
    let mut named = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let span = header_spans
            .get(i)
            .map_or(whole, |r| Span::new(file, r.clone()));
        let name = name.trim();
        match HEADERS.iter().find(|(n, _)| *n == name) {
            Some((_, col)) => columns.push(Some(*col)),
            None => {
                let expected = expected_header(name);
                let finding = sub::unknown_column(span, name, expected.map(|(n, _)| n));
                let listed = push(&mut findings, &mut flood, finding);
                named.extend(expected.map(|(_, col)| (col, listed.then(|| findings.len() - 1))));
                columns.push(None);
            }
        }
    }
    let header_span = header_spans.first().map_or(whole, |r| {
        Span::new(file, r.start..header_spans.last().map_or(r.end, |l| l.end))
    });
    if !columns.contains(&Some(Column::Number)) {
        // Without numbers no row can be told apart: the table is not read.
        if let Some(&(_, Some(at))) = named.iter().find(|(col, _)| *col == Column::Number) {
            return Err(Box::new(findings.swap_remove(at)));
        }
        return Err(Box::new(sub::missing_key(header_span, "number")));
    }
    for col in NEEDED {
        if !columns.contains(&Some(col)) && named.iter().all(|(c, _)| *c != col) {
            let (en, zh) = names_of(col);
            push(
                &mut findings,
                &mut flood,
                sub::missing_column(header_span, en, zh),
            );
        }
    }
    let mut len = 0;
    let mut kept = (text.len() <= KEPT_BYTES).then(Vec::new);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => return Err(Box::new(csv_error(file, text, &e))),
        };
        let read = declaration(file, text, &columns, &record, &mut |unread| {
            push(&mut findings, &mut flood, unread.finding());
        });
        match read {
            Ok(declaration) => {
                len += 1;
                if let Some(kept) = &mut kept {
                    kept.push(declaration);
                }
            }
            Err(row_span) => {
                push(
                    &mut findings,
                    &mut flood,
                    sub::missing_key(row_span, "number"),
                );
            }
        }
    }
    findings.extend(flood.summaries(&|_| "declarations.csv".to_owned()));
    Ok((
        Table {
            file,
            columns,
            len,
            kept,
        },
        findings,
    ))
}

fn csv_error(file: FileId, text: &str, e: &csv::Error) -> Finding {
    let offset = e
        .position()
        .map_or(0, |p| (p.byte() as usize).min(text.len()));
    let line_end = text[offset..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| offset + i);
    let detail = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => text!(
            "this row has {len} fields; the header has {expected_len}",
            "此行有 {len} 个字段，表头有 {expected_len} 个"
        ),
        _ => text!("the table cannot be read: {e}", "无法读取该表格：{e}"),
    };
    sub::unreadable_at(Span::new(file, offset..line_end), detail)
}

/// The source ranges of the fields of the record starting at byte `start` (quotes included).
fn field_spans(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    // With CRLF line ends the reader's record position can fall on the previous line's end.
    let mut i = start;
    while i < bytes.len() && matches!(bytes[i], b'\r' | b'\n') {
        i += 1;
    }
    let start = i;
    let mut field_start = start;
    let mut quoted = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                spans.push(field_start..i);
                field_start = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(field_start..i);
    // Trim surrounding spaces so that a label underlines the value itself.
    spans
        .into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            if lead + trail >= s.len() {
                r.start..r.start
            } else {
                r.start + lead..r.end - trail
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("报关单号,境内发货人\n1,深圳市\n");
        assert_eq!(decode(&gbk).unwrap(), "报关单号,境内发货人\n1,深圳市\n");
    }

    #[test]
    fn crlf_rows_point_at_their_own_fields() {
        let text = "number,direction\r\n1,export\r\n2,import\r\n";
        let (table, _) = rows(FileId(0), text).unwrap();
        let rows: Vec<_> = table.rows(text).collect();
        let second = &rows[1].value;
        let span = second.direction.get().unwrap().span;
        assert_eq!(&text[span.range()], "import");
        assert_eq!(&text[second.number.span.range()], "2");
    }

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
    fn a_header_cell_selfcheck_does_not_read_is_an_error_and_the_rows_are_read() {
        let text = "number,direction,declared_on,发货人,consignor_uscc,scan\n1,export,2026-01-01,X,Y,a.pdf\n";
        let (table, findings) = rows(FileId(0), text).unwrap();
        let rows: Vec<_> = table.rows(text).collect();
        assert_eq!((rows.len(), table.len()), (1, 1));
        assert!(matches!(rows[0].value.consignor_name, Field::Absent));
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.code.as_str(), "SUB002");
        assert!(f.help.as_ref().unwrap().en.contains("`境内发货人`"));
        let crate::finding::Place::Span(span) = f.place else {
            panic!("at the header cell")
        };
        assert_eq!(&text[span.range()], "发货人");
    }

    /// A small file's kept rows are the rows read again from its text; a large file keeps none.
    #[test]
    fn kept_rows_are_the_rows_read_again() {
        let text = "number,direction,declared_on,consignor_name\n\
            1,export,2026-01-01,X\n2,sideways,2026-13-45,\"Y, Z\"\n,export,2026-01-02,W\n3,import,,V\n";
        let (table, _) = rows(FileId(0), text).unwrap();
        let kept: Vec<_> = table.rows(text).collect();
        let again = Table {
            kept: None,
            columns: table.columns.clone(),
            ..table
        };
        let read: Vec<_> = again.rows(text).collect();
        assert_eq!(format!("{kept:?}"), format!("{read:?}"));
        assert_eq!((kept.len(), again.len()), (3, 3));
        let large = format!("number\n{}", "1\n".repeat(KEPT_BYTES));
        assert!(rows(FileId(0), &large).unwrap().0.kept.is_none());
    }

    #[test]
    fn field_spans_handle_quotes() {
        let text = "a,\"b,c\", d\nx";
        let spans = field_spans(text, 0);
        let got: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["a", "\"b,c\"", "d"]);
    }
}
