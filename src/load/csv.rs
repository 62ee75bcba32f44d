//! `declarations.csv` as exported by customs tools: UTF-8 (with or without BOM) or GB18030/GBK,
//! English or Chinese headers, or the Single Window export's, in any order (`columns`). Every
//! field keeps its line and column.

use super::columns::{self, Cell, Column, Dates, Missing, Unread};
use super::typed::Sp;
use crate::finding::{Finding, Flood};
use crate::load::sub;
use crate::model::Declaration;
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
    let listed = flood.admit(&f, || None);
    if listed {
        findings.push(f);
    }
    listed
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
    let cells: Vec<(usize, Cell)> = record
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let span = span_of(i);
            let written = text.get(span.range()).unwrap_or(value);
            (
                i,
                Cell {
                    value: value.trim(),
                    span,
                    written,
                },
            )
        })
        .collect();
    columns::declaration(columns, &cells, row_span, Dates::Csv, unread)
}

/// The table of the CSV, and the findings about its header and single fields (SUB002 for a value
/// that cannot be read or a column the rules need that is missing, SUB003 for an unknown
/// column), capped as they are met: the first hundred of a rule, then
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
    let cells: Vec<Option<(&str, Span)>> = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let span = header_spans
                .get(i)
                .map_or(whole, |r| Span::new(file, r.clone()));
            Some((name, span))
        })
        .collect();
    let header_span = header_spans.first().map_or(whole, |r| {
        Span::new(file, r.start..header_spans.last().map_or(r.end, |l| l.end))
    });
    let read = columns::read_header(&cells, header_span);
    let mut findings = Vec::new();
    let mut flood = Flood::default();
    // The USCC column is missing only if some row gives no code before the consignor's name.
    let mut uscc_column = None;
    for (finding, missing) in read.findings {
        match missing {
            // Without numbers no row can be told apart: the table is not read.
            Missing::Number => return Err(Box::new(finding)),
            Missing::Uscc => uscc_column = Some(finding),
            Missing::Other => {
                push(&mut findings, &mut flood, finding);
            }
        }
    }
    let columns = read.columns;
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
            Ok(decl) => {
                len += 1;
                if decl.value.consignor_uscc.is_absent()
                    && let Some(finding) = uscc_column.take()
                {
                    push(&mut findings, &mut flood, finding);
                }
                if let Some(kept) = &mut kept {
                    kept.push(decl);
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
    fn a_header_cell_selfcheck_does_not_read_is_an_error_and_the_rows_are_read() {
        let text = "number,direction,declared_on,发货人,consignor_uscc,scan\n1,export,2026-01-01,X,Y,a.pdf\n";
        let (table, findings) = rows(FileId(0), text).unwrap();
        let rows: Vec<_> = table.rows(text).collect();
        assert_eq!((rows.len(), table.len()), (1, 1));
        assert!(matches!(
            rows[0].value.consignor_name,
            crate::load::typed::Field::Absent
        ));
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
