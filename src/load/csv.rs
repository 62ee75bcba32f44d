//! `declarations.csv` as exported by customs tools: UTF-8 (with or without BOM) or GB18030/GBK,
//! English or Chinese headers in any order. Every field keeps its line and column.

use super::typed::{Field, Sp};
use crate::finding::Finding;
use crate::load::sub;
use crate::model::{Date, Declaration, Direction};
use crate::source::{FileId, Span};
use std::ops::Range;

/// Decodes CSV bytes (BOM already removed): UTF-8 when valid, else GB18030 (a superset of GBK).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
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

type Rows = (Vec<Sp<Declaration>>, Vec<Finding>);

/// The declarations of the CSV, and the findings about single fields (SUB002 for a value that
/// cannot be read, SUB003 for an unknown column). A file that cannot be read as a table at all is
/// the error, and the whole CSV is then unreadable.
pub fn rows(file: FileId, text: &str) -> Result<Rows, Box<Finding>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let whole = Span::new(file, 0..0);
    let header = match records.next() {
        None => return Err(Box::new(sub::empty_document(file))),
        Some(Err(e)) => return Err(Box::new(csv_error(file, text, &e))),
        Some(Ok(h)) => h,
    };
    let header_start = header.position().map_or(0, |p| p.byte() as usize);
    let header_spans = field_spans(text, header_start);
    let mut findings = Vec::new();
    let mut columns = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let span = header_spans
            .get(i)
            .map_or(whole, |r| Span::new(file, r.clone()));
        let name = name.trim();
        match HEADERS.iter().find(|(n, _)| *n == name) {
            Some((_, col)) => columns.push(Some(*col)),
            None => {
                let known: Vec<&'static str> = HEADERS.iter().map(|(n, _)| *n).collect();
                findings.push(sub::unknown_field(
                    span,
                    name,
                    super::typed::closest(name, &known),
                ));
                columns.push(None);
            }
        }
    }
    if !columns.contains(&Some(Column::Number)) {
        let span = header_spans.first().map_or(whole, |r| {
            Span::new(file, r.start..header_spans.last().map_or(r.end, |l| l.end))
        });
        return Err(Box::new(sub::missing_key(span, "number")));
    }
    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => return Err(Box::new(csv_error(file, text, &e))),
        };
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
                            findings.push(sub::wrong_value(
                                span,
                                &format!("`{value}`"),
                                "one of `export`, `import`, `出口`, `进口`, `E`, `I`",
                                "以下之一：`export`、`import`、`出口`、`进口`、`E`、`I`",
                            ));
                            Field::Invalid(span)
                        }
                    }
                }
                Column::DeclaredOn => {
                    decl.declared_on = match Date::parse(value, true) {
                        Some(d) => Field::Present(Sp { value: d, span }),
                        None => {
                            findings.push(sub::wrong_value(
                                span,
                                &format!("`{value}`"),
                                "a date written YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD",
                                "YYYY-MM-DD、YYYY/MM/DD 或 YYYYMMDD 格式的日期",
                            ));
                            Field::Invalid(span)
                        }
                    }
                }
            }
        }
        match number {
            Some(n) => {
                decl.number = n;
                rows.push(Sp {
                    value: decl,
                    span: row_span,
                });
            }
            None => findings.push(sub::missing_key(row_span, "number")),
        }
    }
    Ok((rows, findings))
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
        } => crate::text!(
            "this row has {len} fields; the header has {expected_len}",
            "此行有 {len} 个字段，表头有 {expected_len} 个"
        ),
        _ => crate::text!("the table cannot be read: {e}", "无法读取该表格：{e}"),
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
        let (rows, _) = rows(FileId(0), text).unwrap();
        let second = &rows[1].value;
        let span = second.direction.get().unwrap().span;
        assert_eq!(&text[span.range()], "import");
        assert_eq!(&text[second.number.span.range()], "2");
    }

    #[test]
    fn field_spans_handle_quotes() {
        let text = "a,\"b,c\", d\nx";
        let spans = field_spans(text, 0);
        let got: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["a", "\"b,c\"", "d"]);
    }
}
