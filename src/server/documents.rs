//! The documents open in the editor: their unsaved text, their version, and the submission each
//! belongs to.

use super::position::{Encoding, Lines};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files a submission is made of, besides the programme's documents
/// (`selfcheck::model::DOCUMENTS`): the CSV of declarations and the seller's configuration.
const ALSO: &[&str] = &["declarations.csv", selfcheck::config::FILE_NAME];

/// How many folders above a document are looked at for the submission's `submission.yaml`.
pub const MAX_FOLDERS_UP: usize = 8;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// As the client wrote it (answers and diagnostics name it so).
    pub uri: String,
    pub path: PathBuf,
    pub version: i32,
    pub text: String,
    /// The submission folder it belongs to, if any ([`submission_of`]).
    pub submission: Option<PathBuf>,
}

/// The open documents with a `file:` URI, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    by_uri: BTreeMap<String, Document>,
}

impl Documents {
    pub fn open(&mut self, document: Document) {
        self.by_uri.insert(document.uri.clone(), document);
    }

    pub fn close(&mut self, uri: &str) -> Option<Document> {
        self.by_uri.remove(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&Document> {
        self.by_uri.get(uri)
    }

    pub fn get_mut(&mut self, uri: &str) -> Option<&mut Document> {
        self.by_uri.get_mut(uri)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.by_uri.values()
    }

    /// The open document at `path`, if any.
    pub fn at(&self, path: &Path) -> Option<&Document> {
        self.by_uri.values().find(|d| d.path == path)
    }

    /// Whether any open document belongs to the submission `dir`.
    pub fn any_of(&self, dir: &Path) -> bool {
        self.by_uri
            .values()
            .any(|d| d.submission.as_deref() == Some(dir))
    }
}

/// One change of a document's text: the whole text, or a range of it replaced.
pub struct Change {
    pub range: Option<lsp_types::Range>,
    pub text: String,
}

impl Document {
    /// Applies the changes in order (each range as the text stands after the ones before).
    pub fn apply(&mut self, changes: Vec<Change>, version: i32, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let lines = Lines::new(&self.text);
                    let start = lines.offset(range.start, encoding);
                    let end = lines.offset(range.end, encoding).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
        self.version = version;
    }
}

/// The submission folder a document belongs to: for a document of a submission by its name (the
/// programme's documents, `declarations.csv`, a `.selfcheck.yaml`), the nearest folder at or
/// above the document's own, at most [`MAX_FOLDERS_UP`] up, that holds `submission.yaml`.
/// Nothing is read: one `stat` a folder.
pub fn submission_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if !selfcheck::model::DOCUMENTS.contains(&name) && !ALSO.contains(&name) {
        return None;
    }
    path.ancestors()
        .skip(1)
        .take(MAX_FOLDERS_UP + 1)
        .find(|dir| dir.join("submission.yaml").is_file())
        .map(Path::to_path_buf)
}

/// Whether `path` is a configuration file (a seller's or an agency's).
pub fn is_configuration(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == selfcheck::config::FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn ranged_changes_apply_in_order_in_the_encoding_agreed() {
        let mut doc = Document {
            uri: "file:///a/license.yaml".into(),
            path: "/a/license.yaml".into(),
            version: 1,
            text: "entity_name: 深圳市华彩科技有限公司\n".into(),
            submission: None,
        };
        let at = |line, character| Position { line, character };
        // UTF-16: 华彩 are columns 16 and 17.
        doc.apply(
            vec![
                Change {
                    range: Some(Range {
                        start: at(0, 18),
                        end: at(0, 20),
                    }),
                    text: "供应链".into(),
                },
                Change {
                    range: Some(Range {
                        start: at(0, 0),
                        end: at(0, 0),
                    }),
                    text: "# 😀\n".into(),
                },
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "# 😀\nentity_name: 深圳市华彩供应链有限公司\n");
        assert_eq!(doc.version, 2);
        // UTF-8: the emoji is 4 units.
        doc.apply(
            vec![Change {
                range: Some(Range {
                    start: at(0, 2),
                    end: at(0, 6),
                }),
                text: "x".into(),
            }],
            3,
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "# x\nentity_name: 深圳市华彩供应链有限公司\n");
        doc.apply(
            vec![Change {
                range: None,
                text: "new".into(),
            }],
            4,
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "new");
    }

    #[test]
    fn a_document_belongs_to_the_nearest_submission_above_it() {
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("sellers/huacai");
        std::fs::create_dir_all(sub.join("notes")).unwrap();
        std::fs::write(sub.join("submission.yaml"), "").unwrap();
        assert_eq!(submission_of(&sub.join("returns.yaml")), Some(sub.clone()));
        assert_eq!(
            submission_of(&sub.join("notes/.selfcheck.yaml")),
            Some(sub.clone())
        );
        // Not a document of a submission by its name; outside any submission.
        assert_eq!(submission_of(&sub.join("notes.txt")), None);
        assert_eq!(submission_of(&tmp.path().join("returns.yaml")), None);
        assert_eq!(submission_of(Path::new("/")), None);
    }
}
