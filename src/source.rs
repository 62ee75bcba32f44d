//! Every file of a submission read once into one database that rules and renderers share.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceDb`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(range.start),
            end: clamp(range.end.max(range.start)),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file: its path relative to the submission folder (with `/`), and its text when it was read.
#[derive(Debug)]
pub struct SourceFile {
    pub rel_path: String,
    pub text: Option<String>,
    line_starts: Vec<usize>,
    /// Inside lines longer than [`STRIDE`] bytes, every [`STRIDE`] bytes (rounded down to a
    /// character boundary): the byte offset and its column counted in characters from the line's
    /// start. A column is then counted from the nearest mark, so a flood of findings on one
    /// megabyte-long line costs findings × [`STRIDE`], not findings × line length (SPEC §7).
    marks: Vec<(usize, usize)>,
    /// How the text was stored on disk, for writing it back (`--fix`).
    pub origin: Option<Origin>,
    /// For a spreadsheet (`declarations.xlsx`), which text is the sheet's cells as rows
    /// ([`SheetLayout`]): positions are then the cell's row and column.
    pub sheet: Option<SheetLayout>,
}

/// A worksheet of a spreadsheet shown as text: row `r` of the sheet is line `r`, each cell a
/// range of its line. A position in it is the cell's row and column number.
#[derive(Clone, Debug, Default)]
pub struct SheetLayout {
    /// The worksheet's name (`Sheet1`).
    pub name: String,
    /// Each cell's byte range in the text and its 1-based column number, in text order.
    cells: Vec<(Range<usize>, usize)>,
}

impl SheetLayout {
    pub fn new(name: String) -> SheetLayout {
        SheetLayout {
            name,
            cells: Vec::new(),
        }
    }

    /// Records a cell written at `bytes` of the text, in column `column` (1-based), after the
    /// cells recorded so far.
    pub fn push(&mut self, bytes: Range<usize>, column: usize) {
        self.cells.push((bytes, column));
    }

    /// The column number at byte `offset`: the cell's that holds it; just past a cell's end (an
    /// exclusive end), the next column.
    pub fn column_at(&self, offset: usize) -> usize {
        let i = self.cells.partition_point(|(r, _)| r.start <= offset);
        match i.checked_sub(1).map(|i| &self.cells[i]) {
            Some((r, col)) if offset < r.end || (offset == r.start && r.is_empty()) => *col,
            Some((_, col)) => col + 1,
            None => 1,
        }
    }
}

/// `C` for column 3, `AA` for 27: a column as spreadsheets letter it.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(b'A' + rest as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// What a fix needs to write a file back exactly as it was, but for its edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file started with a UTF-8 byte order mark (not part of `text`).
    pub bom: bool,
    /// The file is UTF-16 or UTF-32 after its byte order mark, not UTF-8.
    pub wide: Option<Wide>,
}

/// An encoding other than UTF-8 a file is written back in: UTF-16 or UTF-32 after its byte
/// order mark, or GB18030 (`declarations.csv` as saved on Chinese Windows; no mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wide {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    Gb18030,
}

impl Wide {
    /// `text` as stored in this encoding, its byte order mark first (none for GB18030).
    pub fn encode(self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + text.len() * 2);
        match self {
            Wide::Utf16Le => {
                out.extend([0xFF, 0xFE]);
                out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            }
            Wide::Utf16Be => {
                out.extend([0xFE, 0xFF]);
                out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            }
            Wide::Utf32Le => {
                out.extend([0xFF, 0xFE, 0, 0]);
                out.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
            }
            Wide::Utf32Be => {
                out.extend([0, 0, 0xFE, 0xFF]);
                out.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
            }
            Wide::Gb18030 => out.extend_from_slice(&encoding_rs::GB18030.encode(text).0),
        }
        out
    }
}

impl SourceFile {
    /// 1-based line and 1-based column counted in characters, for a byte offset; in a sheet
    /// ([`SourceFile::sheet`]), the cell's row and column number.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let Some(text) = &self.text else {
            return (1, 1);
        };
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        if let Some(sheet) = &self.sheet {
            return (line + 1, sheet.column_at(offset));
        }
        let start = self.line_starts[line];
        let (from, before) = match self.marks.partition_point(|&(at, _)| at <= offset) {
            0 => (start, 0),
            i => match self.marks[i - 1] {
                (at, col) if at > start => (at, col),
                _ => (start, 0),
            },
        };
        let col = before + text[from..offset].chars().count();
        (line + 1, col + 1)
    }

    /// The text of the 1-based line `line`, without its line end.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(text) = &self.text else { return "" };
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text
            .as_deref()
            .and_then(|t| t.get(span.range()))
            .unwrap_or("")
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The files of one submission.
#[derive(Debug, Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

impl SourceDb {
    /// Registers a file. `text` is `None` for a file that is missing or was not read as text.
    pub fn add(&mut self, rel_path: &str, text: Option<String>) -> FileId {
        if let Some(i) = self.files.iter().position(|f| f.rel_path == rel_path) {
            if text.is_some() && self.files[i].text.is_none() {
                self.files[i] = SourceFile::new(rel_path, text);
            }
            return FileId(i as u32);
        }
        self.files.push(SourceFile::new(rel_path, text));
        FileId((self.files.len() - 1) as u32)
    }

    pub fn set_origin(&mut self, id: FileId, origin: Origin) {
        self.files[id.0 as usize].origin = Some(origin);
    }

    /// Marks a file's text as a worksheet's cells ([`SheetLayout`]).
    pub fn set_sheet(&mut self, id: FileId, sheet: SheetLayout) {
        self.files[id.0 as usize].sheet = Some(sheet);
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, rel_path: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.rel_path == rel_path)
            .map(|i| FileId(i as u32))
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

/// Where each line of `text` starts, its lines ended as YAML ends them: a line feed, a carriage
/// return and line feed, or a lone carriage return. NEL, LS and PS are content (YAML 1.2), one
/// column each; outputs show them escaped.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        // The LF of a CRLF ends the line.
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            continue;
        }
        starts.push(i + 1);
    }
    starts
}

/// The bytes of the line of `text` holding byte `at`, without its line end.
pub fn line_around(text: &str, at: usize) -> Range<usize> {
    let b = text.as_bytes();
    let mut at = at.min(b.len());
    // The LF of a CRLF belongs to the line the CR ends.
    if at > 0 && b.get(at) == Some(&b'\n') && b[at - 1] == b'\r' {
        at -= 1;
    }
    let start = memchr::memrchr2(b'\n', b'\r', &b[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &b[at..]).map_or(b.len(), |i| at + i);
    start..end
}

/// Where the next line starts after a line whose text ends at `end` (its line end, or the end
/// of `text`).
pub fn next_line(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    match b.get(end) {
        Some(b'\r') if b.get(end + 1) == Some(&b'\n') => end + 2,
        Some(b'\n' | b'\r') => end + 1,
        _ => b.len(),
    }
}

/// Where the text of the line before the one starting at `start` ends (`start` after its line
/// end); `None` for the first line.
pub fn previous_line_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let before = start.checked_sub(1)?;
    Some(match (b.get(before), before.checked_sub(1).map(|i| b[i])) {
        (Some(b'\n'), Some(b'\r')) => before - 1,
        _ => before,
    })
}

/// The distance between column marks in long lines ([`SourceFile::line_col`]).
const STRIDE: usize = 4096;

impl SourceFile {
    fn new(rel_path: &str, text: Option<String>) -> SourceFile {
        let line_starts = match &text {
            Some(t) => line_starts(t),
            None => vec![0],
        };
        let mut marks = Vec::new();
        if let Some(t) = &text {
            let ends = line_starts.iter().skip(1).copied().chain([t.len()]);
            for (&start, end) in line_starts.iter().zip(ends) {
                let (mut at, mut col) = (start, 0);
                while end - at > STRIDE {
                    let next = floor_char_boundary(t, at + STRIDE);
                    col += t[at..next].chars().count();
                    at = next;
                    marks.push((at, col));
                }
            }
        }
        SourceFile {
            rel_path: rel_path.to_owned(),
            text,
            line_starts,
            marks,
            origin: None,
            sheet: None,
        }
    }
}

/// `path` as reports show it: its components joined with `/`, each as it is. A `\` inside a
/// name stays a `\` (on Unix it is part of the name, and turning it into a `/` would make
/// `x\..\..\honest` read as another seller's folder); `.` and `..` are never resolved away.
pub fn slashed(path: &Path) -> String {
    use std::path::Component;
    let mut out = String::new();
    for c in path.components() {
        match c {
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// `.` and `..` resolved in the text of `path`, without following links (`/..` is `/`).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The submission-relative path joined to the submission folder, for display.
/// A `../` of `rel` (a configuration above the submission) takes back a folder of `submission`
/// where it names one: `agency/seller` and `../.selfcheck.yaml` give `agency/.selfcheck.yaml`.
pub fn display_path(submission: &str, rel: &str) -> String {
    if submission == "." || submission.is_empty() {
        return rel.to_owned();
    }
    let mut base: Vec<&str> = submission.trim_end_matches('/').split('/').collect();
    let mut rest = rel;
    while let Some(up) = rest.strip_prefix("../") {
        match base.last() {
            Some(&last) if last != ".." && last != "." && !last.is_empty() => {
                base.pop();
                rest = up;
            }
            _ => break,
        }
    }
    if base.is_empty() {
        rest.to_owned()
    } else {
        format!("{}/{rest}", base.join("/"))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn paths_join_and_climb_back_where_they_can() {
        assert_eq!(display_path(".", "returns.yaml"), "returns.yaml");
        assert_eq!(
            display_path("sellers/a/", "returns.yaml"),
            "sellers/a/returns.yaml"
        );
        assert_eq!(
            display_path("agency/sellers/a", "../../.selfcheck.yaml"),
            "agency/.selfcheck.yaml"
        );
        assert_eq!(
            display_path("a", "../../.selfcheck.yaml"),
            "../.selfcheck.yaml"
        );
        assert_eq!(display_path("../a", "../x.yaml"), "../x.yaml");
    }
    use super::*;

    #[test]
    fn a_sheet_is_placed_by_row_and_column() {
        let mut db = SourceDb::default();
        let text = "number │ direction\n531620260012345678 │ 出口\n";
        let id = db.add("declarations.xlsx", Some(text.into()));
        let mut sheet = SheetLayout::new("Sheet1".into());
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            for (col, cell) in (1..).zip(line.trim_end().split(" │ ")) {
                let start = at + line.find(cell).unwrap();
                sheet.push(start..start + cell.len(), col);
            }
            at += line.len();
        }
        db.set_sheet(id, sheet);
        let f = db.get(id);
        let chu = text.find("出口").unwrap();
        assert_eq!(f.line_col(chu), (2, 2));
        assert_eq!(f.line_col(chu + "出口".len()), (2, 3));
        assert_eq!(f.line_col(text.find("5316").unwrap()), (2, 1));
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16384), "XFD");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut db = SourceDb::default();
        let id = db.add("a.yaml", Some("k: 深圳市\nname: x\n".into()));
        let f = db.get(id);
        assert_eq!(f.line_col(0), (1, 1));
        // "深圳市" is 9 bytes; the byte after it is column 7 in characters.
        assert_eq!(f.line_col(12), (1, 7));
        assert_eq!(f.line_col(13), (2, 1));
        assert_eq!(f.line_text(2), "name: x");
    }

    #[test]
    fn columns_on_long_lines_count_from_the_marks_as_from_the_line_start() {
        // Lines of mixed widths around and beyond the mark stride, on several lines.
        let line = "ab深圳市华彩😀é".repeat(1500);
        let text = format!("{line}\nshort\n{line}x\n");
        let mut db = SourceDb::default();
        let id = db.add("a.csv", Some(text.clone()));
        let f = db.get(id);
        assert!(f.marks.len() > 4, "long lines are marked");
        for offset in (0..text.len()).step_by(97).chain([text.len()]) {
            let offset = floor_char_boundary(&text, offset);
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let col = text[start..offset].chars().count() + 1;
            assert_eq!(f.line_col(offset), (line, col), "at {offset}");
        }
    }
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn a_backslash_in_a_name_stays_a_backslash() {
        assert_eq!(
            slashed(Path::new("sellers/x\\..\\..\\honest")),
            "sellers/x\\..\\..\\honest"
        );
        assert_eq!(slashed(Path::new("/a/b/")), "/a/b");
        assert_eq!(slashed(Path::new("./a/../b")), "./a/../b");
        assert_eq!(slashed(Path::new("a")), "a");
        assert_eq!(slashed(Path::new("/")), "/");
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn lines_end_as_yaml_ends_them() {
        let text = "a\nb\r\nc\rd\u{85}e\u{2028}f";
        assert_eq!(line_starts(text), [0, 2, 5, 7]);
        let lines: Vec<&str> = line_starts(text)
            .iter()
            .map(|&s| &text[line_around(text, s)])
            .collect();
        assert_eq!(lines, ["a", "b", "c", "d\u{85}e\u{2028}f"]);
        assert_eq!(line_around(text, 4), 2..3, "the LF of a CRLF");
        assert_eq!(next_line(text, 3), 5);
        assert_eq!(next_line(text, 6), 7);
        assert_eq!(previous_line_end(text, 5), Some(3));
        assert_eq!(previous_line_end(text, 7), Some(6));
        assert_eq!(previous_line_end(text, 0), None);
        let mut db = SourceDb::default();
        let id = db.add("f.yaml", Some(text.to_owned()));
        assert_eq!(db.get(id).line_col(6), (3, 2));
        assert_eq!(db.get(id).line_col(7), (4, 1));
        assert_eq!(db.get(id).line_text(3), "c");
    }
}
