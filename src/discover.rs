//! Where the submissions are: every folder holding `submission.yaml` below the given paths.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NoSubmission(PathBuf),
}

/// Submission folders below `paths`, sorted and without duplicates. Hidden folders, `target/`
/// and `.git/` are skipped; symlinked folders are never followed. A path that is a file stands for
/// the submission holding it (the nearest folder above it with `submission.yaml`), so a
/// pre-commit hook can pass the files that changed. With `allow_none`, a path without a
/// submission is passed over instead of being an error.
pub fn discover(paths: &[PathBuf], allow_none: bool) -> Result<Vec<PathBuf>, DiscoverError> {
    match discover_all(paths) {
        (_, Some(problem)) if !allow_none => Err(problem),
        (found, _) => Ok(found),
    }
}

/// What [`discover`] finds below every path, each path passed over when it holds no submission,
/// and the first such path (in the order given), the error [`discover`] reports without
/// `allow_none`.
pub fn discover_all(paths: &[PathBuf]) -> (Vec<PathBuf>, Option<DiscoverError>) {
    let mut found = Vec::new();
    let mut problem = None;
    for path in paths {
        // A path named on the command line is taken as the user means it, through a link too;
        // links met while walking below it are never followed.
        let Ok(meta) = std::fs::metadata(path) else {
            problem.get_or_insert(DiscoverError::NotFound(path.clone()));
            continue;
        };
        if !meta.is_dir() {
            match path
                .ancestors()
                .skip(1)
                .find(|d| d.join("submission.yaml").is_file())
            {
                Some(dir) => found.push(clean(dir)),
                None => {
                    problem.get_or_insert(DiscoverError::NoSubmission(path.clone()));
                }
            }
            continue;
        }
        let before = found.len();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !skipped(e.path(), e.file_type().is_dir()));
        for entry in walker.filter_map(Result::ok) {
            let folder = entry.depth() == 0 || entry.file_type().is_dir();
            if folder && entry.path().join("submission.yaml").exists() {
                found.push(clean(entry.path()));
            }
        }
        if found.len() == before {
            problem.get_or_insert(DiscoverError::NoSubmission(path.clone()));
        }
    }
    found.sort();
    found.dedup();
    (found, problem)
}

fn skipped(path: &Path, is_dir: bool) -> bool {
    if !is_dir {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name == "target"
}

/// `./a/b` -> `a/b`, so that paths print the way a user typed them.
fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}
