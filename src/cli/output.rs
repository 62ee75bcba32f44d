//! Where the command line writes: standard output that ignores a closed pipe, and `--output`
//! files that appear whole or not at all.

use miette::IntoDiagnostic;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `s` to standard output.
pub fn print(s: &str) -> miette::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is not a failure of the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.into_diagnostic(),
    }
}

/// A file given to `--output`: written to a new temporary file beside it, under a name nobody
/// can predict, and renamed over it at the end, so that a reader never sees half of it and no
/// planted link redirects it ([`selfcheck::atomic::Replacement`]).
pub struct OutputFile {
    replacement: selfcheck::atomic::Replacement,
    pub path: PathBuf,
}

impl OutputFile {
    pub fn create(path: &Path) -> std::io::Result<(OutputFile, std::fs::File)> {
        let mut replacement = selfcheck::atomic::Replacement::beside(path, "")?;
        let file = replacement.file().try_clone()?;
        Ok((
            OutputFile {
                replacement,
                path: path.to_path_buf(),
            },
            file,
        ))
    }

    pub fn commit(self) -> std::io::Result<()> {
        self.replacement.commit()
    }
}

/// Standard output that goes quiet once its reader has gone (`| head`).
pub struct Stdout {
    out: std::io::BufWriter<std::io::Stdout>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            out: std::io::BufWriter::new(std::io::stdout()),
            closed: false,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

/// The first file that two `--output` name, however each writes it (`report`, `./report`,
/// `out/../report`, through a link to its folder), as the second names it.
pub fn named_twice<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Option<&'a Path> {
    let mut seen = Vec::new();
    for path in paths {
        let target = target_of(path);
        if seen.contains(&target) {
            return Some(path);
        }
        seen.push(target);
    }
    None
}

/// The one name of the file `path` would write: absolute, `.` and `..` taken away as written,
/// then its folder through its links where that folder exists.
fn target_of(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            part => clean.push(part),
        }
    }
    match (clean.parent().map(Path::canonicalize), clean.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => clean,
    }
}
