//! `declarations.xlsx`: the declarations as a spreadsheet (the Single Window export saved from
//! Excel, or a seller's own table), read with [`calamine`]. Same columns and rules as
//! `declarations.csv` (`columns`); its first worksheet is read, the first row that names a
//! `number` column among the first [`HEADER_ROWS_LOOKED_AT`] being the header (a title row may
//! stand above it). Dates in cells are read whether they are stored as dates, numbers or text.
//!
//! The sheet becomes a text for the source database: row `r` is line `r`, its cells joined by
//! [`CELL_SEPARATOR`]. Every span points into that text, and the file's [`SheetLayout`] maps it
//! back to cells: findings point at `declarations.xlsx:Sheet1!C7`, and show the row.
//!
//! A workbook is untrusted input (SPEC §6): before calamine opens it, every entry of its zip
//! archive is decompressed against one budget ([`MAX_XLSX_UNZIPPED`]: a zip bomb stops there),
//! with at most [`MAX_XLSX_ENTRIES`] entries, and a shared-string table that announces more than
//! [`MAX_SHARED_STRINGS`] strings is refused (calamine reserves room for all of them at once).
//! Cells are streamed, never gathered into a range the size of the sheet's declared dimensions;
//! formulas are read as the value the workbook saved, never evaluated; at most
//! [`MAX_XLSX_CELLS`] cells are read. A panic inside the library is caught and reported as a file
//! that cannot be read.

use super::columns::{self, Cell, Dates, Missing};
use super::sub;
use super::typed::Sp;
use crate::finding::{Finding, Flood, Text};
use crate::model::Declaration;
use crate::source::{FileId, SheetLayout, Span};
use std::io::{Cursor, Read};

/// Largest `declarations.xlsx` read from disk, as `declarations.csv`.
pub const MAX_XLSX_BYTES: u64 = super::MAX_CSV_BYTES;
/// Most bytes the entries of a workbook's zip archive may decompress to, together.
pub const MAX_XLSX_UNZIPPED: u64 = 256 * 1024 * 1024;
/// Most entries a workbook's zip archive may hold.
pub const MAX_XLSX_ENTRIES: usize = 10_000;
/// Most strings a workbook's shared-string table may announce.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// Most cells of the worksheet read.
pub const MAX_XLSX_CELLS: usize = 4_000_000;
/// The rows looked at for the header.
const HEADER_ROWS_LOOKED_AT: usize = 20;
/// Between two cells of a row, in the text a sheet is shown as.
pub const CELL_SEPARATOR: &str = " │ ";

/// A workbook read: its first worksheet as text, where each cell is in it, and the declarations
/// of its rows.
pub struct Sheet {
    pub text: String,
    pub layout: SheetLayout,
    pub declarations: Vec<Sp<Declaration>>,
}

/// Why a workbook cannot be read at all: SUB002 at the file.
fn unreadable(file: FileId, why: Text) -> Box<Finding> {
    let (en, zh) = (&why.en, &why.zh);
    Box::new(Finding::new(
        crate::code::Code::SUB002,
        crate::finding::Place::File(file),
        text!(
            "`declarations.xlsx` cannot be read as a spreadsheet: {en}",
            "`declarations.xlsx` 无法作为电子表格读取：{zh}"
        ),
    ))
}

/// Holds a workbook's zip archive to the limits before anything else reads it.
fn bounded(bytes: &[u8]) -> Result<(), Text> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        text!(
            "it is not an .xlsx workbook (a zip archive): {e}",
            "它不是 .xlsx 工作簿（zip 压缩包）：{e}"
        )
    })?;
    if archive.len() > MAX_XLSX_ENTRIES {
        let n = archive.len();
        return Err(text!(
            "its archive holds {n} entries, more than {MAX_XLSX_ENTRIES}",
            "其压缩包含 {n} 个条目，超过 {MAX_XLSX_ENTRIES} 个"
        ));
    }
    let mut left = MAX_XLSX_UNZIPPED;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| {
            text!(
                "an entry of its archive cannot be read: {e}",
                "其压缩包中的条目无法读取：{e}"
            )
        })?;
        let shared_strings = entry
            .name()
            .is_ok_and(|name| name.ends_with("sharedStrings.xml"));
        let mut taken = (&mut entry).take(left + 1);
        let damaged =
            |e: std::io::Error| text!("its archive is damaged: {e}", "其压缩包已损坏：{e}");
        let (read, announced) = if shared_strings {
            announced_strings(&mut taken).map_err(damaged)?
        } else {
            (
                std::io::copy(&mut taken, &mut std::io::sink()).map_err(damaged)?,
                None,
            )
        };
        if read > left {
            let mib = MAX_XLSX_UNZIPPED / (1024 * 1024);
            return Err(text!(
                "it decompresses to more than {mib} MiB",
                "解压后超过 {mib} MiB"
            ));
        }
        left -= read;
        if let Some(n) = announced
            && n > MAX_SHARED_STRINGS
        {
            return Err(text!(
                "its shared-string table announces {n} strings, more than {MAX_SHARED_STRINGS}",
                "其共享字符串表声明了 {n} 个字符串，超过 {MAX_SHARED_STRINGS} 个"
            ));
        }
    }
    Ok(())
}

/// Reads a shared-string table to its end: how many bytes it holds, and the `uniqueCount` its
/// first `<sst …>` start tag announces (calamine reserves room for that many strings at once).
/// The tag is looked for wherever it starts, with or without a namespace prefix; a count too
/// large for a number counts as the largest.
fn announced_strings(reader: &mut impl Read) -> std::io::Result<(u64, Option<u64>)> {
    static START: std::sync::LazyLock<Option<regex::bytes::Regex>> =
        std::sync::LazyLock::new(|| {
            regex::bytes::Regex::new(r"<(?:[A-Za-z_][A-Za-z0-9_.\-]*:)?sst[\s/>]").ok()
        });
    static COUNT: std::sync::LazyLock<Option<regex::bytes::Regex>> =
        std::sync::LazyLock::new(|| {
            regex::bytes::Regex::new(r#"\suniqueCount\s*=\s*["']\s*\+?0*(\d+)"#).ok()
        });
    let (Some(start), Some(count)) = (START.as_ref(), COUNT.as_ref()) else {
        return Ok((0, None));
    };
    // What is kept of the stream: a tail to find a tag cut between two chunks, then the tag.
    let mut kept: Vec<u8> = Vec::new();
    let mut tag_from: Option<usize> = None;
    let mut announced = None;
    let mut total = 0u64;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut chunk)?;
        total += n as u64;
        if announced.is_some() || (n == 0 && tag_from.is_none()) {
            if n == 0 {
                break;
            }
            continue;
        }
        kept.extend_from_slice(&chunk[..n]);
        if tag_from.is_none() {
            match start.find(&kept) {
                Some(m) => tag_from = Some(m.start()),
                None => {
                    let keep = kept.len().min(256);
                    kept.drain(..kept.len() - keep);
                }
            }
        }
        if let Some(from) = tag_from {
            let tag = &kept[from..];
            if let Some(end) = tag.iter().position(|b| *b == b'>') {
                announced = Some(count.captures(&tag[..end]).map_or(0, |c| {
                    std::str::from_utf8(&c[1])
                        .ok()
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(u64::MAX)
                }));
                kept = Vec::new();
            } else if tag.len() > 64 * 1024 {
                // A start tag this long announces nothing sensible.
                announced = Some(u64::MAX);
                kept = Vec::new();
            }
        }
        if n == 0 {
            break;
        }
    }
    Ok((total, announced.filter(|n| *n > 0)))
}

/// A cell's value as text: a date cell as its ISO date, a whole number without a fraction.
fn cell_text(value: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match value {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e17 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        DataRef::DateTime(dt) => dt.as_f64().to_string(),
        DataRef::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// A worksheet's cells as read: its name, each cell's (row, column, text) in order, and whether
/// the workbook counts dates from 1904.
type Cells = (String, Vec<(u32, u32, String)>, bool);

/// Reads the first worksheet of the workbook `bytes`.
fn cells_of(bytes: &[u8]) -> Result<Cells, Text> {
    use calamine::Reader;
    let mut workbook = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| text!("{e}", "{e}"))?;
    let name = workbook
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .ok_or_else(|| text!("it has no worksheet", "它没有工作表"))?;
    let epoch_1904 = workbook.has_1904_epoch();
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| text!("{e}", "{e}"))?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| text!("{e}", "{e}"))? {
        if cells.len() >= MAX_XLSX_CELLS {
            return Err(text!(
                "its first worksheet has more than {MAX_XLSX_CELLS} cells",
                "其第一个工作表超过 {MAX_XLSX_CELLS} 个单元格"
            ));
        }
        let (row, col) = cell.get_position();
        let text = cell_text(cell.get_value());
        if !text.trim().is_empty() {
            cells.push((row, col, text));
        }
    }
    cells.sort_by_key(|(row, col, _)| (*row, *col));
    cells.dedup_by_key(|(row, col, _)| (*row, *col));
    Ok((name, cells, epoch_1904))
}

/// One row of the sheet as placed in its text: (column index, value, span).
type Row = Vec<(usize, String, Span)>;

/// Lays the cells out as text, a line a row: the text, the layout, and each row's cells.
fn laid_out(
    file: FileId,
    name: String,
    cells: Vec<(u32, u32, String)>,
) -> (String, SheetLayout, Vec<Row>) {
    let mut text = String::new();
    let mut layout = SheetLayout::new(name);
    let mut rows: Vec<Row> = Vec::new();
    let mut line = 0u32;
    let mut cells = cells.into_iter().peekable();
    while let Some(&(row, _, _)) = cells.peek() {
        while line < row {
            text.push('\n');
            line += 1;
        }
        let mut placed = Row::new();
        while let Some((_, col, value)) = cells.next_if(|(r, _, _)| *r == row) {
            if !placed.is_empty() {
                text.push_str(CELL_SEPARATOR);
            }
            // One line a row: a value's line breaks and other controls are shown as spaces.
            let shown: String = value
                .trim()
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let start = text.len();
            text.push_str(&shown);
            layout.push(start..text.len(), col as usize + 1);
            placed.push((col as usize, shown, Span::new(file, start..text.len())));
        }
        text.push('\n');
        line += 1;
        rows.push(placed);
    }
    (text, layout, rows)
}

/// Reads `declarations.xlsx` (its bytes, registered as `file`): the sheet, and the findings about
/// its header and cells (capped like the CSV's). A workbook that cannot be read at all is the
/// error (SUB002 at the file).
pub fn read(file: FileId, bytes: &[u8]) -> Result<(Sheet, Vec<Finding>), Box<Finding>> {
    let (name, cells, epoch_1904) = open(file, bytes)?;
    let (text, layout, rows) = laid_out(file, name, cells);
    let mut findings = Admitted::default();
    // The header: the first row of the first few that names a `number` column, else the first.
    let at = rows
        .iter()
        .take(HEADER_ROWS_LOOKED_AT)
        .position(|row| {
            row.iter()
                .any(|(_, v, _)| columns::column_of(v) == Some(columns::Column::Number))
        })
        .unwrap_or(0);
    let Some(header_row) = rows.get(at) else {
        return Err(Box::new(sub::empty_document(file)));
    };
    let header = columns::read_header(&header_cells(header_row), row_span(file, header_row));
    let mut uscc_column = None;
    for (finding, missing) in header.findings {
        match missing {
            Missing::Number => return Err(Box::new(finding)),
            Missing::Uscc => uscc_column = Some(finding),
            Missing::Other => findings.push(finding),
        }
    }
    let declarations = declarations(
        file,
        &rows[at + 1..],
        &header.columns,
        epoch_1904,
        uscc_column,
        &mut findings,
    );
    Ok((
        Sheet {
            text,
            layout,
            declarations,
        },
        findings.finish(),
    ))
}

/// The workbook's first worksheet: its name, its cells, and whether its dates count from 1904;
/// SUB002 for a workbook past the limits or one the library cannot read (a panic of the library
/// caught).
fn open(file: FileId, bytes: &[u8]) -> Result<Cells, Box<Finding>> {
    bounded(bytes).map_err(|why| unreadable(file, why))?;
    match std::panic::catch_unwind(|| cells_of(bytes)) {
        Ok(Ok(read)) => Ok(read),
        Ok(Err(why)) => Err(unreadable(file, why)),
        Err(_) => Err(unreadable(
            file,
            text!(
                "the spreadsheet library failed on it",
                "电子表格库无法处理该文件"
            ),
        )),
    }
}

/// The findings met reading the rows, each rule's capped as a flood (SPEC §7 "Floods").
#[derive(Default)]
struct Admitted {
    findings: Vec<Finding>,
    flood: Flood,
}

impl Admitted {
    /// Keeps `f` unless its rule has flooded the sheet.
    fn push(&mut self, f: Finding) {
        if self.flood.admit(&f, || None) {
            self.findings.push(f);
        }
    }

    /// The findings kept, and a summary for each rule that flooded.
    fn finish(mut self) -> Vec<Finding> {
        self.findings
            .extend(self.flood.summaries(&|_| "declarations.xlsx".to_owned()));
        self.findings
    }
}

/// The span of a row: from its first cell to its last.
fn row_span(file: FileId, row: &Row) -> Span {
    match (row.first(), row.last()) {
        (Some(a), Some(b)) => Span::new(file, a.2.start as usize..b.2.end as usize),
        _ => Span::new(file, 0..0),
    }
}

/// A header row's cells by column, `None` where a column has no cell.
fn header_cells(row: &Row) -> Vec<Option<(&str, Span)>> {
    let mut cells: Vec<Option<(&str, Span)>> = Vec::new();
    for (col, value, span) in row {
        cells.resize(*col, None);
        cells.push(Some((value.as_str(), *span)));
    }
    cells
}

/// The declarations of the rows below the header, read by its `columns`. The missing USCC
/// column's finding (`uscc_column`) is told at the first declaration without a USCC, if any.
fn declarations(
    file: FileId,
    rows: &[Row],
    columns: &[Option<columns::Column>],
    epoch_1904: bool,
    mut uscc_column: Option<Finding>,
    findings: &mut Admitted,
) -> Vec<Sp<Declaration>> {
    let mut declarations = Vec::new();
    for row in rows {
        let cells: Vec<(usize, Cell)> = row
            .iter()
            .map(|(col, value, span)| {
                let cell = Cell {
                    value: value.as_str(),
                    span: *span,
                    written: value.as_str(),
                };
                (*col, cell)
            })
            .collect();
        let mut unread = Vec::new();
        let read = columns::declaration(
            columns,
            &cells,
            row_span(file, row),
            Dates::Sheet { epoch_1904 },
            &mut |u| unread.push(u.finding()),
        );
        for f in unread {
            findings.push(f);
        }
        match read {
            Ok(decl) => {
                if decl.value.consignor_uscc.is_absent()
                    && let Some(finding) = uscc_column.take()
                {
                    findings.push(finding);
                }
                declarations.push(decl);
            }
            Err(span) => findings.push(sub::missing_key(span, "number")),
        }
    }
    declarations
}
