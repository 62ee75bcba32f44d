//! Attachments (scans) are inspected, never trusted: the path is checked before any file system
//! access, links are resolved and must stay inside the submission, only regular files are opened,
//! and only their first bytes are read (a PDF whole, at most 10 MiB, for encryption).

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Component, Path, PathBuf};

/// Largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;
/// How much of an attachment's start is read to tell its type (magic bytes) and whether it is a
/// template's placeholder; a PDF is then read whole for an `/Encrypt` entry, which may sit
/// anywhere (a cross-reference stream in the middle of the file).
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

/// Resolves the paths of one submission to regular files inside it, in few system calls: each
/// folder below the root is looked at once with one `lstat` (a plain tree is never
/// canonicalized), and only a link — a folder on the way, or the file itself — is resolved and
/// checked to lead inside the root.
pub struct Resolver {
    /// The submission folder, as given (a link the user named is followed).
    root: PathBuf,
    /// `root` canonicalized, computed the first time a link must be checked against it.
    canonical: Option<PathBuf>,
    /// Each folder below the root met so far, by its path relative to the root.
    folders: HashMap<PathBuf, Folder>,
    /// Texts read in place of the documents' files (an editor's unsaved buffers).
    pub(super) overlay: super::Overlay,
    /// The names of the files in the root, from the loader's one listing of it.
    pub(super) names: Vec<String>,
}

/// Where a folder below the root is.
#[derive(Clone, Debug)]
enum Folder {
    /// Every component on the way is a folder, none a link: at `root/rel`.
    Plain,
    /// A link on the way, resolved to this canonical folder inside the root.
    Resolved(PathBuf),
    /// Not there (or not a folder).
    Missing,
    /// A link on the way leads outside the root.
    Outside,
}

impl Resolver {
    /// `root`: the submission folder, as given or canonical.
    pub fn new(root: &Path) -> Resolver {
        Resolver {
            root: root.to_path_buf(),
            canonical: None,
            folders: HashMap::new(),
            overlay: super::Overlay::default(),
            names: Vec::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The root canonicalized (as given when that fails), once.
    fn canonical_root(&mut self) -> &Path {
        let root = &self.root;
        self.canonical
            .get_or_insert_with(|| root.canonicalize().unwrap_or_else(|_| root.to_path_buf()))
    }

    /// A path that goes through a link: canonicalized, and kept only when inside the root.
    fn resolve(&mut self, path: &Path) -> Folder {
        match path.canonicalize() {
            Ok(c) if c.starts_with(self.canonical_root()) => Folder::Resolved(c),
            Ok(_) => Folder::Outside,
            Err(_) => Folder::Missing,
        }
    }

    /// Where the folder `rel` (relative to the root, plain components only) is: one `lstat` for
    /// each folder on the way not met before, from the root down, stopping at the first that
    /// is not there or leads outside (a path of any length costs no more than its folders).
    fn below(&mut self, rel: &Path) -> Folder {
        if let Some(known) = self.folders.get(rel) {
            return known.clone();
        }
        let mut here = PathBuf::new();
        let mut found = Folder::Plain;
        for name in rel.components() {
            here.push(name);
            if let Some(known) = self.folders.get(&here) {
                found = known.clone();
                continue;
            }
            found = match found {
                Folder::Plain => {
                    let path = self.root.join(&here);
                    match std::fs::symlink_metadata(&path) {
                        Ok(meta) if meta.is_dir() => Folder::Plain,
                        Ok(meta) if meta.file_type().is_symlink() => self.resolve(&path),
                        _ => Folder::Missing,
                    }
                }
                Folder::Resolved(c) => self.resolve(&c.join(name)),
                other => other,
            };
            self.folders.insert(here.clone(), found.clone());
            if matches!(found, Folder::Missing | Folder::Outside) {
                break;
            }
        }
        self.folders.insert(rel.to_path_buf(), found.clone());
        found
    }

    /// The folder `dir` on disk, when it is there and inside the root: `dir` itself, or where a
    /// link on its way leads.
    fn folder(&mut self, dir: &Path) -> Result<PathBuf, FileProblem> {
        let place = match plain_below(&self.root, dir) {
            Some(rel) => match self.below(&rel) {
                Folder::Plain => return Ok(dir.to_path_buf()),
                other => other,
            },
            // Not written below the root: canonicalized, as any link.
            None => self.resolve(dir),
        };
        match place {
            Folder::Resolved(c) => Ok(c),
            Folder::Outside => Err(FileProblem::Outside),
            Folder::Plain | Folder::Missing => Err(FileProblem::Missing),
        }
    }

    /// The path to open and the metadata of `path`, when it is a regular file inside the root;
    /// `Ok(None)` when nothing is there at all (no entry, or no folder on the way). Nothing is
    /// opened; a plain file inside a plain tree costs one `lstat`.
    pub fn lookup(&mut self, path: &Path) -> Result<Option<(PathBuf, Metadata)>, FileProblem> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Ok(None);
        };
        let target = match self.folder(parent) {
            Ok(folder) if folder == parent => path.to_path_buf(),
            Ok(folder) => folder.join(name),
            Err(FileProblem::Missing) => return Ok(None),
            Err(why) => return Err(why),
        };
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(None);
        };
        let (target, meta) = if meta.file_type().is_symlink() {
            let target = path.canonicalize().map_err(|_| FileProblem::Missing)?;
            if !target.starts_with(self.canonical_root()) {
                return Err(FileProblem::Outside);
            }
            let meta = std::fs::metadata(&target).map_err(|e| FileProblem::Io(e.to_string()))?;
            (target, meta)
        } else {
            (target, meta)
        };
        if meta.is_file() {
            Ok(Some((target, meta)))
        } else {
            Err(FileProblem::NotRegular(kind_of(&meta)))
        }
    }

    /// The path to open and the metadata of `path`, when it is a regular file inside the root.
    /// Nothing is opened.
    pub fn regular_file(&mut self, path: &Path) -> Result<(PathBuf, Metadata), FileProblem> {
        self.lookup(path)?.ok_or(FileProblem::Missing)
    }
}

/// `dir` relative to `root`, when it is written below it with plain names only (no `..`).
fn plain_below(root: &Path, dir: &Path) -> Option<PathBuf> {
    let rel = dir.strip_prefix(root).ok()?;
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| rel.to_path_buf())
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
    let (file, head) = match read_head(&path, len) {
        Ok(read) => read,
        Err(e) => return fail(AttachmentProblem::Unreadable(e.to_string())),
    };
    let Some(kind) = FileKind::sniff(&head) else {
        return fail(AttachmentProblem::UnknownType);
    };
    let problem = if FileKind::from_extension(rel) != Some(kind) {
        Some(AttachmentProblem::ExtensionMismatch { actual: kind })
    } else if kind == FileKind::Pdf {
        match encrypted(&file, &head, len) {
            Ok(true) => Some(AttachmentProblem::EncryptedPdf),
            Ok(false) => None,
            Err(e) => Some(AttachmentProblem::Unreadable(e.to_string())),
        }
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
        let folder = resolver.folder(&dir).ok()?;
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
        dir.push(&name);
        found.push(name);
    }
    resolver.regular_file(&dir).ok()?;
    Some(found.join("/"))
}

/// The attachment opened, and its first [`SNIFF_BYTES`] (fewer for a smaller file), `len`
/// being its size by its `lstat`.
fn read_head(path: &Path, len: u64) -> std::io::Result<(std::fs::File, Vec<u8>)> {
    let f = std::fs::File::open(path)?;
    let head = read_span(&f, 0, len)?;
    Ok((f, head))
}

/// Whether the PDF `f`, whose first bytes are `head`, holds an `/Encrypt` entry anywhere: its
/// trailer, or a cross-reference stream in the middle. Read whole (attachments are at most
/// [`MAX_ATTACHMENT_BYTES`]) when it is larger than its head.
fn encrypted(f: &std::fs::File, head: &[u8], len: u64) -> std::io::Result<bool> {
    const ENCRYPT: &[u8] = b"/Encrypt";
    if memchr::memmem::find(head, ENCRYPT).is_some() {
        return Ok(true);
    }
    if (head.len() as u64) < SNIFF_BYTES {
        return Ok(false);
    }
    let cap = usize::try_from(MAX_ATTACHMENT_BYTES).unwrap_or(usize::MAX);
    let whole = read_expected(len, cap, |buf, got| read_at(f, buf, got))?;
    Ok(memchr::memmem::find(&whole, ENCRYPT).is_some())
}

/// Up to [`SNIFF_BYTES`] from `offset` to the end of the file, `expected` of them by the file's
/// size: see [`read_expected`].
fn read_span(f: &std::fs::File, offset: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    read_expected(expected, SNIFF_BYTES as usize, |buf, got| {
        read_at(f, buf, offset + got)
    })
}

/// Up to `cap` bytes from `read` (called with the rest of the buffer and how many bytes came
/// so far), `expected` of them by the file's `lstat`: the buffer is sized for them and one more,
/// and a call that brings exactly that many ends the reading, so a file comes in one call. A file
/// that grew or shrank since is read on until its end or `cap`.
pub(super) fn read_expected(
    expected: u64,
    cap: usize,
    mut read: impl FnMut(&mut [u8], u64) -> std::io::Result<usize>,
) -> std::io::Result<Vec<u8>> {
    let sized = usize::try_from(expected).map_or(usize::MAX, |n| n.saturating_add(1));
    let mut buf = vec![0; sized.min(cap)];
    let mut got = 0;
    loop {
        if got == buf.len() {
            if got >= cap {
                break;
            }
            buf.resize(buf.len().saturating_mul(2).clamp(1, cap), 0);
        }
        match read(&mut buf[got..], got as u64) {
            Ok(0) => break,
            Ok(n) => {
                got += n;
                if got as u64 == expected {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(got);
    Ok(buf)
}

#[cfg(unix)]
fn read_at(f: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, offset)
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

    /// A submission with `attachments/scans/` and a file outside it, for the link tests.
    #[cfg(unix)]
    fn linked_tree() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let root = base.join("sub");
        std::fs::create_dir_all(root.join("attachments/scans")).unwrap();
        std::fs::write(root.join("attachments/scans/a.pdf"), b"%PDF-1.4\n").unwrap();
        std::fs::create_dir_all(base.join("elsewhere")).unwrap();
        std::fs::write(base.join("elsewhere/b.pdf"), b"%PDF-1.4\n").unwrap();
        (tmp, root)
    }

    #[cfg(unix)]
    #[test]
    fn a_link_on_the_way_is_resolved_and_must_stay_inside() {
        use std::os::unix::fs::symlink;
        let (_tmp, root) = linked_tree();
        // A folder on the way that links inside the submission is followed.
        symlink("attachments/scans", root.join("inside")).unwrap();
        // One that links outside is refused, before the file is looked at.
        symlink("../elsewhere", root.join("outside")).unwrap();
        // A link deeper down, below a plain folder.
        symlink("scans", root.join("attachments/again")).unwrap();
        let mut r = Resolver::new(&root);
        let (path, meta) = r.regular_file(&root.join("inside/a.pdf")).unwrap();
        assert_eq!(path, root.join("attachments/scans/a.pdf"));
        assert!(meta.is_file());
        let (path, _) = r
            .regular_file(&root.join("attachments/again/a.pdf"))
            .unwrap();
        assert_eq!(path, root.join("attachments/scans/a.pdf"));
        assert_eq!(
            r.regular_file(&root.join("outside/b.pdf")).unwrap_err(),
            FileProblem::Outside
        );
        assert_eq!(
            r.regular_file(&root.join("outside/none.pdf")).unwrap_err(),
            FileProblem::Outside
        );
        assert_eq!(
            inspect(&mut r, "outside/b.pdf").problem,
            Some(AttachmentProblem::Outside)
        );
        // Plain folders keep the path as written; a missing folder or file is nothing at all.
        let (path, _) = r
            .regular_file(&root.join("attachments/scans/a.pdf"))
            .unwrap();
        assert_eq!(path, root.join("attachments/scans/a.pdf"));
        assert!(r.lookup(&root.join("nowhere/a.pdf")).unwrap().is_none());
        assert!(
            r.lookup(&root.join("attachments/none.pdf"))
                .unwrap()
                .is_none()
        );
        // A file where a folder is expected.
        let through_a_file = root.join("attachments/scans/a.pdf/x.pdf");
        assert!(r.lookup(&through_a_file).unwrap().is_none());
        // The root given through a link: links below are checked against where it leads.
        let via = root.parent().unwrap().join("via");
        symlink("sub", &via).unwrap();
        let mut r = Resolver::new(&via);
        assert!(r.regular_file(&via.join("inside/a.pdf")).is_ok());
        assert_eq!(
            r.regular_file(&via.join("outside/b.pdf")).unwrap_err(),
            FileProblem::Outside
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_link_to_nowhere_is_not_nothing() {
        use std::os::unix::fs::symlink;
        let (_tmp, root) = linked_tree();
        symlink("missing.yaml", root.join("license.yaml")).unwrap();
        symlink("../../elsewhere/b.pdf", root.join("attachments/b.pdf")).unwrap();
        let mut r = Resolver::new(&root);
        assert_eq!(
            r.lookup(&root.join("license.yaml")).unwrap_err(),
            FileProblem::Missing
        );
        assert!(r.lookup(&root.join("customs.yaml")).unwrap().is_none());
        assert_eq!(
            r.lookup(&root.join("attachments/b.pdf")).unwrap_err(),
            FileProblem::Outside
        );
        assert_eq!(
            r.lookup(&root.join("attachments")).unwrap_err(),
            FileProblem::NotRegular("a folder")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_attachment_is_never_opened() {
        let (_tmp, root) = linked_tree();
        let fifo = root.join("attachments/pipe.pdf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: needs mkfifo");
            return;
        }
        // Opening a FIFO for reading blocks until a writer comes: a watchdog tells.
        let (tx, rx) = std::sync::mpsc::channel();
        let root2 = root.clone();
        std::thread::spawn(move || {
            let mut r = Resolver::new(&root2);
            tx.send(inspect(&mut r, "attachments/pipe.pdf")).unwrap();
        });
        let found = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("inspecting a FIFO blocked");
        assert_eq!(found.problem, Some(AttachmentProblem::NotRegular("a FIFO")));
    }

    #[test]
    fn a_path_of_many_folders_costs_no_more_than_its_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("a")).unwrap();
        // 300,000 folders deep as written (a hostile YAML can hold that): looked at from the
        // root down, it stops at the first folder that is not there.
        let rel = format!("{}x.pdf", "a/".repeat(300_000));
        let mut r = Resolver::new(&root);
        assert_eq!(
            inspect(&mut r, &rel).problem,
            Some(AttachmentProblem::Missing)
        );
        assert!(
            r.folders.len() <= 4,
            "{} folders remembered",
            r.folders.len()
        );
    }

    #[test]
    fn the_head_is_read_whatever_the_size_said() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.pdf");
        let body: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &body).unwrap();
        let sniff = SNIFF_BYTES as usize;
        // The size the `lstat` gave, then sizes as if the file had grown or shrunk since.
        for said in [20_000, 100, 9_000, 30_000] {
            let (_, head) = read_head(&path, said).unwrap();
            assert_eq!(head, body[..sniff], "head, size said {said}");
        }
        // A small file, and one that is smaller than its size said.
        std::fs::write(&path, b"%PDF-1.4\n%%EOF\n").unwrap();
        for said in [15, 4, 40, 9_000] {
            let (_, head) = read_head(&path, said).unwrap();
            assert_eq!(head, b"%PDF-1.4\n%%EOF\n", "size said {said}");
        }
    }

    #[test]
    fn an_encrypt_entry_is_found_at_either_end_or_in_the_middle() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.pdf");
        let size = 64 * 1024;
        for at in [20, size / 2, size - 40, SNIFF_BYTES as usize - 4] {
            let mut body = vec![b' '; size];
            body[..9].copy_from_slice(b"%PDF-1.7\n");
            body[at..at + 8].copy_from_slice(b"/Encrypt");
            std::fs::write(&path, &body).unwrap();
            let (f, head) = read_head(&path, size as u64).unwrap();
            assert!(encrypted(&f, &head, size as u64).unwrap(), "at {at}");
        }
        let mut body = vec![b' '; size];
        body[..9].copy_from_slice(b"%PDF-1.7\n");
        std::fs::write(&path, &body).unwrap();
        let (f, head) = read_head(&path, size as u64).unwrap();
        assert!(!encrypted(&f, &head, size as u64).unwrap());
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
