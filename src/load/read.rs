//! A document's text, read once: from the editor's unsaved text where there is one, else from
//! its file within the size limit, decoded and free of control characters; what cannot be read
//! is reported (SUB002) where it is met.

use super::{Submission, attachment, sub, text};
use crate::source::FileId;
use std::borrow::Cow;
use std::path::Path;

/// What reading a file as text gave.
pub(super) enum ReadText {
    Missing,
    Text(String),
    /// Text left in the source database only (the CSV, which may be large).
    Stored,
    /// Reported already.
    Failed,
}

/// The text of the document `name` of the folder, at most `limit` bytes of it.
pub(super) fn read_text(
    sub: &mut Submission,
    resolver: &mut attachment::Resolver,
    name: &str,
    limit: u64,
) -> (FileId, ReadText) {
    let path = resolver.root().join(name);
    // An editor's unsaved text, read in place of the file (or of a file not saved yet).
    let overlay = resolver.overlay.clone();
    let unsaved = overlay.get(&path);
    // One `lstat` (the resolver's), which also tells a missing document from a link to nowhere.
    let (path, meta) = match resolver.lookup(&path) {
        Ok(Some(found)) => (found.0, Some(found.1)),
        Ok(None) if unsaved.is_some() => (path, None),
        Ok(None) => return (sub.db.add(name, None), ReadText::Missing),
        Err(why) => {
            let file = sub.db.add(name, None);
            sub.findings.push(sub::unreadable_file(file, why));
            return (file, ReadText::Failed);
        }
    };
    let file = sub.db.add(name, None);
    let read = match unsaved {
        Some(text) => Ok(Cow::Borrowed(text.as_bytes())),
        None => read_sized(&path, meta.map_or(0, |m| m.len()), limit).map(Cow::Owned),
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            sub.findings.push(sub::unreadable_file(
                file,
                attachment::FileProblem::Io(e.to_string()),
            ));
            return (file, ReadText::Failed);
        }
    };
    if bytes.len() as u64 > limit {
        sub.findings.push(sub::unreadable_file(
            file,
            attachment::FileProblem::TooLarge(limit),
        ));
        return (file, ReadText::Failed);
    }
    let text = match text::decode(&bytes, name.ends_with(".csv")) {
        text::Decoded::Text(text, encoding) => Some((text, encoding)),
        text::Decoded::Gbk => {
            sub.findings.push(text::gbk_document(file, name));
            return (file, ReadText::Failed);
        }
        text::Decoded::NotText => None,
    };
    let Some((text, encoding)) = text else {
        sub.findings.push(sub::unreadable_file(
            file,
            attachment::FileProblem::NotText(name.ends_with(".csv")),
        ));
        return (file, ReadText::Failed);
    };
    let file = sub.db.add(name, Some(text));
    // Spans are offsets into the decoded text; `--fix` writes a file back in the encoding it
    // was read in (a GBK CSV is never written).
    if let Some(wide) = encoding.stored() {
        let bom = encoding == text::Encoding::Utf8Bom;
        sub.db.set_origin(file, crate::source::Origin { bom, wide });
    }
    let stored = sub.db.get(file).text.as_deref().unwrap_or_default();
    if let Some(at) = stored.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        sub.findings.push(sub::control_character(file, stored, at));
        return (file, ReadText::Failed);
    }
    if name.ends_with(".csv") {
        // Up to 64 MiB: read where it is stored, not copied.
        return (file, ReadText::Stored);
    }
    (file, ReadText::Text(stored.to_owned()))
}

/// The bytes of the regular file at `path`, at most `limit + 1` of them (more than `limit`: too
/// large). `size` is the file's size by its `lstat`: the buffer is sized from it, and a read that
/// returns exactly that many bytes ends the reading, so a file comes in one `read`. A file that
/// grew or shrank since is read on until its end (or past the limit), as any other.
pub(super) fn read_sized(path: &Path, size: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let most = usize::try_from(limit).map_or(usize::MAX, |n| n.saturating_add(1));
    attachment::read_expected(size, most, |buf, _| std::io::Read::read(&mut f, buf))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::MAX_YAML_BYTES;

    #[test]
    fn a_document_is_read_whole_whatever_its_size_said() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("returns.yaml");
        let text = "addresses:\n  - market: ES\n".repeat(50);
        std::fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        // The size the `lstat` gave; then as if the file had grown (it said less) or shrunk
        // (it said more) between the `lstat` and the read.
        for said in [len, 0, 1, len - 1, len + 1, 10 * len] {
            let bytes = read_sized(&path, said, MAX_YAML_BYTES).unwrap();
            assert_eq!(bytes, text.as_bytes(), "size said {said}");
        }
        // Over the limit: one byte more than the limit is read, whatever the size said.
        for said in [0, 10, len, 10 * len] {
            let bytes = read_sized(&path, said, 100).unwrap();
            assert_eq!(bytes.len(), 101, "size said {said}");
        }
        assert_eq!(read_sized(&path, len, len).unwrap().len() as u64, len);
        std::fs::write(&path, "").unwrap();
        assert!(read_sized(&path, 0, MAX_YAML_BYTES).unwrap().is_empty());
        assert!(read_sized(&path, 5, MAX_YAML_BYTES).unwrap().is_empty());
    }
}
