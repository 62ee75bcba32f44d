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
    /// How the text was stored on disk, for writing it back (`--fix`).
    pub origin: Option<Origin>,
}

/// What a fix needs to write a file back exactly as it was, but for its edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file started with a UTF-8 byte order mark (not part of `text`).
    pub bom: bool,
}

impl SourceFile {
    /// 1-based line and 1-based column counted in characters, for a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let Some(text) = &self.text else {
            return (1, 1);
        };
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let col = text[self.line_starts[line]..offset].chars().count();
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

impl SourceFile {
    fn new(rel_path: &str, text: Option<String>) -> SourceFile {
        let line_starts = match &text {
            Some(t) => std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            None => vec![0],
        };
        SourceFile {
            rel_path: rel_path.to_owned(),
            text,
            line_starts,
            origin: None,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
