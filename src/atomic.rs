//! A file replaced whole or not at all: written to a new temporary file beside it, under a name
//! nobody can predict and created exclusively (a link planted under any name is never followed),
//! then renamed over it. `--fix` writes a seller's document this way, `--output` a report.

use std::io;
use std::path::{Path, PathBuf};

/// A replacement of `target` being written.
pub struct Replacement {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Replacement {
    /// A new, empty temporary file beside `target`, named
    /// `.NAME.selfcheck[-TAG]-PID-RANDOM.tmp` (the process number tells an interrupted run's
    /// leftover from a running one's file; the random part makes the name unpredictable).
    pub fn beside(target: &Path, tag: &str) -> io::Result<Replacement> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tag = if tag.is_empty() {
            String::new()
        } else {
            format!("-{tag}")
        };
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}.selfcheck{tag}-{}-", std::process::id()))
            .suffix(".tmp")
            .rand_bytes(12)
            .tempfile_in(dir)?;
        Ok(Replacement {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// The temporary file, to write to.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Where the temporary file is.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Renames the temporary file over the target (a link at the target is replaced, never
    /// followed). On failure the temporary file is removed.
    pub fn commit(self) -> io::Result<()> {
        self.tmp
            .persist(&self.target)
            .map(drop)
            .map_err(|e| e.error)
    }
}

/// The process number in the name of a temporary file that [`Replacement::beside`] made for
/// `tag`, for a file named so.
pub fn leftover_pid(name: &str, tag: &str) -> Option<u32> {
    let marker = if tag.is_empty() {
        ".selfcheck-".to_owned()
    } else {
        format!(".selfcheck-{tag}-")
    };
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let after = &rest[rest.rfind(&marker)? + marker.len()..];
    after.split('-').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_replacement_appears_whole_and_its_name_cannot_be_guessed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        let mut one = Replacement::beside(&target, "").unwrap();
        let two = Replacement::beside(&target, "").unwrap();
        assert_ne!(one.path(), two.path());
        let name = one.path().file_name().unwrap().to_str().unwrap().to_owned();
        assert!(name.starts_with(&format!(".report.html.selfcheck-{}-", std::process::id())));
        assert_eq!(leftover_pid(&name, ""), Some(std::process::id()));
        one.file().write_all(b"whole").unwrap();
        assert!(!target.exists());
        one.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
        drop(two);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "a dropped replacement leaves nothing");
    }

    #[test]
    fn leftover_names_give_their_process() {
        assert_eq!(
            leftover_pid(".returns.yaml.selfcheck-fix-123-Ab9x.tmp", "fix"),
            Some(123)
        );
        assert_eq!(
            leftover_pid(".returns.yaml.selfcheck-fix-123.tmp", "fix"),
            Some(123)
        );
        assert_eq!(
            leftover_pid(".returns.yaml.selfcheck-123-x.tmp", "fix"),
            None
        );
        assert_eq!(leftover_pid("returns.yaml", "fix"), None);
    }
}
