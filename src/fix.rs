//! Safe fixes (`lint --fix`, `lint --diff`): each fix replaces its finding's span. Only those
//! bytes change; comments, key order, line ends and a byte order mark stay as they were. Files
//! are written through a temporary file in the same folder and a rename, and a file that changed
//! since it was read is left alone. Only the YAML documents and `declarations.csv` of the
//! submission are ever written.

use crate::load::Submission;
use crate::load::attachment::regular_inside;
use crate::run::SubmissionReport;
use crate::source::Origin;
use crate::source::display_path;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// What fixing one file changes.
#[derive(Debug)]
pub struct FileFix {
    /// Relative to the submission folder.
    pub rel_path: String,
    /// As the user would name it (the submission's path joined with `rel_path`).
    pub display: String,
    pub before: String,
    pub after: String,
    /// How many findings the edits fix.
    pub count: usize,
    origin: Origin,
}

impl FileFix {
    fn with_bom(&self, text: &str) -> String {
        if self.origin.bom {
            format!("\u{feff}{text}")
        } else {
            text.to_owned()
        }
    }

    /// `text` as the file stores it: UTF-8 (with its BOM, if it had one), or the UTF-16 or
    /// UTF-32 it was read from.
    fn stored(&self, text: &str) -> Vec<u8> {
        match self.origin.wide {
            Some(wide) => wide.encode(text),
            None => self.with_bom(text).into_bytes(),
        }
    }
}

/// The fixes of one submission (its findings' and its rewrites), one entry per file that
/// changes, in file order.
pub fn plan(sub: &SubmissionReport) -> Vec<FileFix> {
    let db = &sub.loaded.db;
    let mut by_file: std::collections::BTreeMap<u32, Vec<(Range<usize>, &str)>> =
        Default::default();
    for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
        let (Some(fix), Some(span)) = (&f.fix, f.fix_span()) else {
            continue;
        };
        by_file
            .entry(span.file.0)
            .or_default()
            .push((span.range(), fix.replacement.as_str()));
    }
    // Values that read as meant, written in their canonical form (a duration `within 2h`).
    for rewrite in &sub.rewrites {
        by_file
            .entry(rewrite.span.file.0)
            .or_default()
            .push((rewrite.span.range(), rewrite.replacement.as_str()));
    }
    let mut fixes = Vec::new();
    for (file, mut edits) in by_file {
        let source = db.get(crate::source::FileId(file));
        let (Some(text), Some(origin)) = (&source.text, source.origin) else {
            continue;
        };
        // The YAML documents and `declarations.csv`: text files read in an encoding that
        // writes back byte for byte ([`Origin`]). Never an attachment.
        if !(source.rel_path.ends_with(".yaml") || source.rel_path == "declarations.csv") {
            continue;
        }
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        // Two fixes of one place: keep the first.
        let mut kept: Vec<(Range<usize>, &str)> = Vec::new();
        for (range, replacement) in edits {
            let overlaps = kept.last().is_some_and(|(last, _)| range.start < last.end);
            if !overlaps && text.get(range.clone()).is_some() {
                kept.push((range, replacement));
            }
        }
        let mut after = text.clone();
        for (range, replacement) in kept.iter().rev() {
            after.replace_range(range.clone(), replacement);
        }
        if after != *text {
            fixes.push(FileFix {
                display: display_path(&sub.path, &source.rel_path),
                rel_path: source.rel_path.clone(),
                before: text.clone(),
                after,
                count: kept.len(),
                origin,
            });
        }
    }
    fixes
}

/// A unified diff of the fixes, with the paths as the user named them (apply with `patch -p0`).
/// Control characters of the seller's text are shown escaped (`crate::untrusted`): a
/// document that holds any is unreadable (SUB002) and never fixed, so the diff still applies.
pub fn diff(fixes: &[FileFix]) -> String {
    let mut out = String::new();
    for fix in fixes {
        use crate::untrusted::source;
        // Shown escaped before diffing, so that a lone CR (the seller's text, shown as `\r`)
        // never ends a line of the diff.
        let before = source(&fix.with_bom(&fix.before)).into_owned();
        let after = source(&fix.with_bom(&fix.after)).into_owned();
        let text = similar::TextDiff::from_lines(&before, &after)
            .unified_diff()
            .context_radius(3)
            .header(&fix.display, &fix.display)
            .to_string();
        out.push_str(&source(&text));
    }
    out
}

/// The temporary files that a `--fix` interrupted before its rename left in the folder of the
/// submission `sub` (`.NAME.selfcheck-fix-PID-RANDOM.tmp`), whose process is gone. `--fix` removes them;
/// a plain lint only names them.
pub fn leftovers(sub: &Submission) -> Vec<PathBuf> {
    // The loader listed the folder once; its names tell.
    sub.names
        .iter()
        .filter(|name| {
            crate::atomic::leftover_pid(name, "fix").is_some_and(|pid| !process_is_running(pid))
        })
        .map(|name| sub.dir.join(name))
        .collect()
}

/// Whether the process `pid` still runs. Where that cannot be told (no `/proc`), it is taken to
/// run, so that nothing another run is writing is ever removed.
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[derive(Debug)]
pub enum WriteError {
    /// The file changed since it was read; it was left alone.
    Changed(PathBuf),
    /// The file is not a regular file inside the submission folder any more.
    NotInside(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed(p) => write!(
                f,
                "`{}` changed while it was being fixed; it was left alone",
                p.display()
            ),
            WriteError::NotInside(p) => write!(
                f,
                "`{}` is not a file inside the submission; it was left alone",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

/// Writes one fixed file of the submission at `dir`.
pub fn write(dir: &Path, fix: &FileFix) -> Result<(), WriteError> {
    let root = dir
        .canonicalize()
        .map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    let path = root.join(&fix.rel_path);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| WriteError::Io(path.clone(), e))?;
    if meta.file_type().is_symlink() || regular_inside(&root, &path).is_err() {
        return Err(WriteError::NotInside(path));
    }
    let now = std::fs::read(&path).map_err(|e| WriteError::Io(path.clone(), e))?;
    // A YAML document is written back only over exactly the bytes it was read from.
    if now != fix.stored(&fix.before) {
        return Err(WriteError::Changed(path));
    }
    let written = (|| {
        // A new file under a name nobody can predict: never one planted there.
        let mut replacement = crate::atomic::Replacement::beside(&path, "fix")?;
        let file = replacement.file();
        file.write_all(&fix.stored(&fix.after))?;
        file.sync_all()?;
        file.set_permissions(meta.permissions())?;
        replacement.commit()
    })();
    written.map_err(|e| WriteError::Io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_cr_is_shown_and_never_ends_a_line_of_the_diff() {
        let fix = FileFix {
            rel_path: "returns.yaml".into(),
            display: "a/returns.yaml".into(),
            before: "region: Madrid\r      ::stop-commands::x\npostal_code: 28009\n".into(),
            after: "region: Madrid\r      ::stop-commands::x\npostal_code: CP 28009\n".into(),
            count: 1,
            origin: Origin {
                bom: false,
                wide: None,
            },
        };
        let diff = diff(&[fix]);
        assert!(!diff.contains('\r'), "{diff:?}");
        assert!(
            diff.lines()
                .any(|l| l == " region: Madrid\\r      ::stop-commands::x"),
            "{diff}"
        );
        assert!(diff.lines().all(|l| !l.starts_with("::")), "{diff}");
        assert!(diff.contains("\n-postal_code: 28009\n+postal_code: CP 28009\n"));
    }

    #[test]
    fn leftovers_of_a_finished_process_are_found_and_others_not() {
        let dir = tempfile::tempdir().unwrap();
        // PID 1 always runs where /proc exists; u32::MAX never does.
        let gone = format!(".returns.yaml.selfcheck-fix-{}.tmp", u32::MAX);
        let running = ".returns.yaml.selfcheck-fix-1.tmp";
        let mine = format!(".service.yaml.selfcheck-fix-{}.tmp", std::process::id());
        for name in [
            gone.as_str(),
            running,
            mine.as_str(),
            "returns.yaml",
            ".x.tmp",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = leftovers(&crate::load::load(dir.path()));
        if Path::new("/proc/self").exists() {
            assert_eq!(found, [dir.path().join(&gone)]);
        } else {
            assert!(found.is_empty());
        }
    }
}
