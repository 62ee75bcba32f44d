//! Texts to read in place of files: the unsaved buffers of an editor (`selfcheck server`). The
//! loader asks the overlay where it reads a document's text ([`super::load_with`]); every check
//! a file's text goes through — the size limit, the encoding, control characters — applies to an
//! overlay's text as to the file's. The command line never sets one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Documents' texts by their path, as the loader names them: the submission folder it is given
/// joined with the document's name (`/home/a/huacai/returns.yaml` for the folder
/// `/home/a/huacai`). Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    texts: Arc<BTreeMap<PathBuf, Arc<str>>>,
}

impl Overlay {
    /// An overlay holding `texts`.
    pub fn new(texts: impl IntoIterator<Item = (PathBuf, Arc<str>)>) -> Overlay {
        Overlay {
            texts: Arc::new(texts.into_iter().collect()),
        }
    }

    /// The text to read in place of the file at `path`, if any.
    pub fn get(&self, path: &Path) -> Option<&str> {
        if self.texts.is_empty() {
            return None;
        }
        self.texts.get(path).map(|t| &**t)
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The paths it holds a text for, in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(tmp.path().join(name), text).unwrap();
        }
        tmp
    }

    fn codes(sub: &super::super::Submission) -> Vec<(String, String)> {
        sub.findings
            .iter()
            .map(|f| {
                let file = sub.db.get(f.place.file()).rel_path.clone();
                (f.code.as_str().to_owned(), file)
            })
            .collect()
    }

    #[test]
    fn an_overlay_text_is_read_in_place_of_the_file_and_of_a_missing_one() {
        let tmp = folder_with(&[
            ("submission.yaml", "program: cooperation\nmarkets: [ES]\n"),
            ("license.yaml", "entity_name: On Disk Ltd\n"),
        ]);
        let dir = tmp.path();
        let overlay = Overlay::new([
            (
                dir.join("license.yaml"),
                Arc::from("entity_name: In Buffer Ltd\n"),
            ),
            (dir.join("customs.yaml"), Arc::from("registration: {}\n")),
        ]);
        let sub = super::super::load_with(dir, &overlay);
        let license = sub.license.as_ref().expect("read");
        assert_eq!(
            sub.db.get(license.file).text.as_deref(),
            Some("entity_name: In Buffer Ltd\n")
        );
        // Not on disk, but open: read, not missing.
        assert!(sub.customs.is_some());
        assert!(!codes(&sub).contains(&("SUB001".into(), "customs.yaml".into())));
        // Without the overlay, the disk as before.
        let plain = super::super::load(dir);
        assert!(plain.customs.is_none());
        assert!(codes(&plain).contains(&("SUB001".into(), "customs.yaml".into())));
    }

    #[test]
    fn an_overlay_text_meets_the_checks_a_file_meets() {
        let tmp = folder_with(&[("submission.yaml", "program: cooperation\n")]);
        let dir = tmp.path();
        let big = format!(
            "entity_name: x\n#{}\n",
            "x".repeat(super::super::MAX_YAML_BYTES as usize)
        );
        let overlay = Overlay::new([
            (dir.join("license.yaml"), Arc::from(big.as_str())),
            (
                dir.join("returns.yaml"),
                Arc::from("addresses:\n  - market: \u{1b}ES\n"),
            ),
        ]);
        let sub = super::super::load_with(dir, &overlay);
        assert!(sub.unreadable.contains("license.yaml"));
        assert!(sub.unreadable.contains("returns.yaml"));
        let found = codes(&sub);
        assert!(
            found.contains(&("SUB002".into(), "license.yaml".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("SUB002".into(), "returns.yaml".into())),
            "{found:?}"
        );
    }

    #[test]
    fn an_overlay_of_another_folder_changes_nothing() {
        let tmp = folder_with(&[("submission.yaml", "program: cooperation\n")]);
        let other = tempfile::tempdir().unwrap();
        let overlay = Overlay::new([(
            other.path().join("license.yaml"),
            Arc::from("entity_name: x\n"),
        )]);
        let sub = super::super::load_with(tmp.path(), &overlay);
        assert!(sub.license.is_none());
    }
}
