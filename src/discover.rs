//! Where the submissions are: every folder below the given paths that holds `submission.yaml`,
//! or holds submission documents or a near-miss of `submission.yaml` without it (SPEC §7:
//! nothing missing passes; such a folder is linted and gets SUB001).

use crate::model::DOCUMENTS;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NoSubmission(PathBuf),
}

/// Submission folders below `paths`, sorted and without duplicates: see [`is_submission`].
/// Hidden folders, `target/` and `.git/` are skipped; symlinked folders are never followed. A
/// path that is a file stands for the submission holding it (the nearest folder above it that
/// is one), so a pre-commit hook can pass the files that changed. With `allow_none`, a path without a
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
            match path.ancestors().skip(1).find(|d| is_submission(d)) {
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
            if folder && is_submission(entry.path()) {
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

/// Whether a folder is a submission: it holds `submission.yaml`, another submission document
/// (`crate::model::DOCUMENTS`, `declarations.csv`), or a
/// near-miss of `submission.yaml` (see [`near_miss`]).
pub fn is_submission(dir: &Path) -> bool {
    if dir.join("submission.yaml").exists() {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        !e.file_type().is_ok_and(|t| t.is_dir())
            && (DOCUMENTS.contains(&name.as_ref())
                || name == "declarations.csv"
                || near_miss(&name, "submission.yaml"))
    })
}

/// Whether a file name is a near-miss of the document `name` (`submission.yaml`): the same name
/// in another case (`Submission.yaml`, which Linux CI does not find), `.yml` for `.yaml`, an
/// extension added by an editor or a download (`submission.yaml.txt`, `submission (1).yaml`),
/// or surrounding spaces. The name itself is not a near-miss.
pub fn near_miss(file: &str, name: &str) -> bool {
    if file == name {
        return false;
    }
    let (stem, _) = name.rsplit_once('.').unwrap_or((name, ""));
    let file = file.trim().to_lowercase();
    let Some(rest) = file.strip_prefix(stem) else {
        return false;
    };
    // `submissions.yaml`, `submission (1).yaml`, `submission.yaml.txt`, `submission.yml`.
    let rest = rest.strip_prefix('s').unwrap_or(rest).trim_start();
    (rest.starts_with('.') || rest.starts_with('('))
        && (rest.contains(".yaml") || rest.contains(".yml"))
}

/// The near-misses of the document `name` in `dir`, sorted.
pub fn near_misses(dir: &Path, name: &str) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|f| near_miss(f, name))
        .collect();
    found.sort();
    found
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
