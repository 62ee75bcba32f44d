//! Attachments (scans) are inspected, never trusted: the path is checked before any file system
//! access, links are resolved and must stay inside the submission, only regular files are opened,
//! and only their first and last bytes are read.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

/// Largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;
/// How much of each end of a PDF is read to find an `/Encrypt` dictionary.
const SNIFF_BYTES: u64 = 8 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Jpeg => "JPEG",
            FileKind::Png => "PNG",
        }
    }

    fn sniff(head: &[u8]) -> Option<FileKind> {
        if head.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else {
            None
        }
    }

    fn from_extension(path: &str) -> Option<FileKind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(FileKind::Pdf),
            "jpg" | "jpeg" => Some(FileKind::Jpeg),
            "png" => Some(FileKind::Png),
            _ => None,
        }
    }
}

/// Why a file of the submission could not be opened as a regular file inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Not there, or a link that leads nowhere.
    Missing,
    NotRegular(&'static str),
    Outside,
    Io(String),
    TooLarge(u64),
    /// Not UTF-8 text (`true`: nor GB18030/GBK, for CSV).
    NotText(bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachmentProblem {
    // SUB004: never opened.
    Absolute,
    ParentDir,
    Missing,
    /// Written with Windows' `\` between folders, which Linux reads as part of a name; `slashed`
    /// is the path with `/`.
    Backslash {
        slashed: String,
    },
    /// Not there as written, but one file's name differs only in letter case: `actual`, the path
    /// as it is on disk (Linux CI tells `LICENSE.PDF` from `license.pdf`).
    CaseDiffers {
        actual: String,
    },
    Outside,
    // SUB005: opened, or looked at, and not acceptable.
    NotRegular(&'static str),
    Empty,
    TooLarge(u64),
    UnknownType,
    ExtensionMismatch {
        actual: FileKind,
    },
    EncryptedPdf,
    Unreadable(String),
}

impl AttachmentProblem {
    /// The rule that reports it: SUB004 where the path leads nowhere usable, else SUB005.
    pub fn code(&self) -> crate::code::Code {
        match self {
            AttachmentProblem::Absolute
            | AttachmentProblem::ParentDir
            | AttachmentProblem::Missing
            | AttachmentProblem::Backslash { .. }
            | AttachmentProblem::CaseDiffers { .. }
            | AttachmentProblem::Outside => crate::code::Code::SUB004,
            _ => crate::code::Code::SUB005,
        }
    }
}

/// What inspecting one attachment path found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub kind: Option<FileKind>,
    pub problem: Option<AttachmentProblem>,
    /// A placeholder scan that `selfcheck init` wrote ([`SCAN_MARK`] near its start; SUB006).
    pub placeholder: bool,
}

/// Written near the start of every placeholder scan (a PDF comment, a PNG text chunk); SUB006
/// reports a referenced attachment whose first [`SCAN_MARK_WITHIN`] bytes hold it. A scanner or
/// a PDF writer never writes it.
pub const SCAN_MARK: &str = "selfcheck:placeholder-scan";
/// How far into an attachment [`SCAN_MARK`] is looked for.
pub const SCAN_MARK_WITHIN: u64 = 1024;

/// Whether the first bytes of an attachment are those of a placeholder scan.
pub fn is_placeholder_scan(head: &[u8]) -> bool {
    let head = &head[..head.len().min(SCAN_MARK_WITHIN as usize)];
    head.windows(SCAN_MARK.len())
        .any(|w| w == SCAN_MARK.as_bytes())
}

fn kind_of(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a link"
    } else {
        "not a regular file"
    }
}

/// Resolves the paths of one submission to regular files inside it. Each folder is
/// canonicalized once (so a link anywhere on the way is followed and checked), and a file is
/// followed only when it is itself a link: a few system calls a path, not one per component.
pub struct Resolver {
    root: PathBuf,
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl Resolver {
    /// `root` must be canonical.
    pub fn new(root: &Path) -> Resolver {
        Resolver {
            root: root.to_path_buf(),
            folders: HashMap::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn folder(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.folders.get(dir) {
            return known.clone();
        }
        let canonical = dir.canonicalize().ok();
        self.folders.insert(dir.to_path_buf(), canonical.clone());
        canonical
    }

    /// The canonical path and metadata of `path`, when it is a regular file inside the root.
    /// Nothing is opened.
    pub fn regular_file(&mut self, path: &Path) -> Result<(PathBuf, Metadata), FileProblem> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(FileProblem::Missing);
        };
        let Some(folder) = self.folder(parent) else {
            return Err(FileProblem::Missing);
        };
        if !folder.starts_with(&self.root) {
            return Err(FileProblem::Outside);
        }
        let meta = std::fs::symlink_metadata(path).map_err(|_| FileProblem::Missing)?;
        let (target, meta) = if meta.file_type().is_symlink() {
            let target = path.canonicalize().map_err(|_| FileProblem::Missing)?;
            if !target.starts_with(&self.root) {
                return Err(FileProblem::Outside);
            }
            let meta = std::fs::metadata(&target).map_err(|e| FileProblem::Io(e.to_string()))?;
            (target, meta)
        } else {
            (folder.join(name), meta)
        };
        if meta.is_file() {
            Ok((target, meta))
        } else {
            Err(FileProblem::NotRegular(kind_of(&meta)))
        }
    }
}

/// Whether `path` is, or links to, a regular file inside `root` (canonical).
pub fn regular_inside(root: &Path, path: &Path) -> Result<(), FileProblem> {
    Resolver::new(root).regular_file(path).map(|_| ())
}

/// The path as one key, so that `./attachments//x.pdf` and `attachments/x.pdf` are one attachment.
pub fn normalized(rel: &str) -> String {
    let root = if rel.starts_with(['/', '\\']) {
        "/"
    } else {
        ""
    };
    let parts: Vec<&str> = rel
        .split(['/', '\\'])
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    format!("{root}{}", parts.join("/"))
}

/// Whether a referenced path may be looked at at all: relative, without `..`.
pub fn path_problem(rel: &str) -> Option<AttachmentProblem> {
    let p = Path::new(rel);
    let windows_absolute = rel.starts_with('\\') || rel.as_bytes().get(1) == Some(&b':');
    if p.is_absolute() || p.has_root() || windows_absolute {
        return Some(AttachmentProblem::Absolute);
    }
    let parent = p.components().any(|c| matches!(c, Component::ParentDir))
        || rel.split(['/', '\\']).any(|part| part == "..");
    parent.then_some(AttachmentProblem::ParentDir)
}

pub fn inspect(resolver: &mut Resolver, rel: &str) -> Attachment {
    let fail = |problem| Attachment {
        placeholder: false,
        kind: None,
        problem: Some(problem),
    };
    if let Some(problem) = path_problem(rel) {
        return fail(problem);
    }
    let path = resolver.root().join(rel);
    let (path, meta) = match resolver.regular_file(&path) {
        Ok(found) => found,
        Err(FileProblem::Outside) => return fail(AttachmentProblem::Outside),
        Err(FileProblem::NotRegular(kind)) => return fail(AttachmentProblem::NotRegular(kind)),
        Err(FileProblem::Io(e)) => return fail(AttachmentProblem::Unreadable(e)),
        Err(_) => return fail(missing(resolver, rel)),
    };
    // From here on only the resolved file inside the folder is touched.
    let len = meta.len();
    if len == 0 {
        return fail(AttachmentProblem::Empty);
    }
    if len > MAX_ATTACHMENT_BYTES {
        return fail(AttachmentProblem::TooLarge(len));
    }
    let (head, tail) = match read_ends(&path, len) {
        Ok(ends) => ends,
        Err(e) => return fail(AttachmentProblem::Unreadable(e.to_string())),
    };
    let Some(kind) = FileKind::sniff(&head) else {
        return fail(AttachmentProblem::UnknownType);
    };
    let problem = if FileKind::from_extension(rel) != Some(kind) {
        Some(AttachmentProblem::ExtensionMismatch { actual: kind })
    } else if kind == FileKind::Pdf
        && (contains(&head, b"/Encrypt") || contains(&tail, b"/Encrypt"))
    {
        Some(AttachmentProblem::EncryptedPdf)
    } else {
        None
    };
    Attachment {
        kind: Some(kind),
        problem,
        placeholder: is_placeholder_scan(&head),
    }
}

/// Why `rel` (checked by [`path_problem`]) is not there: written with `\\`, in another letter
/// case than the file on disk, or simply missing.
fn missing(resolver: &mut Resolver, rel: &str) -> AttachmentProblem {
    if rel.contains('\\') {
        return AttachmentProblem::Backslash {
            slashed: rel.replace('\\', "/"),
        };
    }
    match case_insensitive(resolver, rel) {
        Some(actual) if actual != normalized(rel) => AttachmentProblem::CaseDiffers { actual },
        _ => AttachmentProblem::Missing,
    }
}

/// How many entries of one folder are compared when looking for a name in another case.
const MAX_FOLDER_ENTRIES: usize = 10_000;

/// The path of the one regular file inside the submission whose path equals `rel` but for letter
/// case, as it is on disk (`/`-separated). Only folders inside the submission are listed; no file
/// is opened. `None` when there is none, or more than one.
fn case_insensitive(resolver: &mut Resolver, rel: &str) -> Option<String> {
    let mut dir = resolver.root().to_path_buf();
    let mut found = Vec::new();
    for part in rel.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let folder = resolver.folder(&dir)?;
        if !folder.starts_with(resolver.root()) {
            return None;
        }
        let name = if std::fs::symlink_metadata(folder.join(part)).is_ok() {
            part.to_owned()
        } else {
            let wanted = part.to_lowercase();
            let mut matches = std::fs::read_dir(&folder)
                .ok()?
                .take(MAX_FOLDER_ENTRIES)
                .flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter(|n| n.to_lowercase() == wanted);
            let name = matches.next()?;
            if matches.next().is_some() {
                return None;
            }
            name
        };
        dir = folder.join(&name);
        found.push(name);
    }
    resolver.regular_file(&dir).ok()?;
    Some(found.join("/"))
}

fn read_ends(path: &Path, len: u64) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut f = std::fs::File::open(path)?;
    let mut head = Vec::new();
    (&mut f).take(SNIFF_BYTES).read_to_end(&mut head)?;
    let mut tail = Vec::new();
    if len > SNIFF_BYTES {
        f.seek(SeekFrom::Start(
            len.saturating_sub(SNIFF_BYTES).max(SNIFF_BYTES),
        ))?;
        f.take(SNIFF_BYTES).read_to_end(&mut tail)?;
    }
    Ok((head, tail))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_refused_before_any_access() {
        assert_eq!(
            path_problem("/etc/passwd"),
            Some(AttachmentProblem::Absolute)
        );
        assert_eq!(
            path_problem("C:\\scan.pdf"),
            Some(AttachmentProblem::Absolute)
        );
        assert_eq!(
            path_problem("attachments/../../x.pdf"),
            Some(AttachmentProblem::ParentDir)
        );
        assert_eq!(
            path_problem("attachments\\..\\x.pdf"),
            Some(AttachmentProblem::ParentDir)
        );
        assert_eq!(path_problem("attachments/license.pdf"), None);
    }

    #[test]
    fn one_key_per_attachment() {
        assert_eq!(normalized("./attachments//x.pdf"), "attachments/x.pdf");
        assert_eq!(normalized("attachments\\x.pdf"), "attachments/x.pdf");
        assert_eq!(normalized("/etc/x.pdf"), "/etc/x.pdf");
        assert_ne!(normalized("/etc/x.pdf"), normalized("etc/x.pdf"));
    }

    #[test]
    fn windows_separators_and_letter_case_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("attachments")).unwrap();
        std::fs::write(root.join("attachments/license.pdf"), b"%PDF-1.4\n").unwrap();
        let mut r = Resolver::new(&root);
        let problem = |r: &mut Resolver, rel: &str| inspect(r, rel).problem;
        assert_eq!(problem(&mut r, "attachments/license.pdf"), None);
        assert_eq!(
            problem(&mut r, "attachments\\license.pdf"),
            Some(AttachmentProblem::Backslash {
                slashed: "attachments/license.pdf".into()
            })
        );
        for rel in ["attachments/LICENSE.PDF", "Attachments/License.pdf"] {
            assert_eq!(
                problem(&mut r, rel),
                Some(AttachmentProblem::CaseDiffers {
                    actual: "attachments/license.pdf".into()
                }),
                "{rel}"
            );
        }
        assert_eq!(
            problem(&mut r, "attachments/licence.pdf"),
            Some(AttachmentProblem::Missing)
        );
        // Two files that differ only in case: no guess.
        std::fs::write(root.join("attachments/License.pdf"), b"%PDF-1.4\n").unwrap();
        assert_eq!(
            problem(&mut r, "attachments/LICENSE.PDF"),
            Some(AttachmentProblem::Missing)
        );
    }

    #[test]
    fn magic_bytes() {
        assert_eq!(FileKind::sniff(b"%PDF-1.4"), Some(FileKind::Pdf));
        assert_eq!(
            FileKind::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(FileKind::Png)
        );
        assert_eq!(
            FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(FileKind::sniff(b"hello"), None);
    }
}
