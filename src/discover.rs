//! Where the submissions are: every folder below the given paths that holds `submission.yaml`,
//! or, without it, a near-miss of `submission.yaml` or at least two of the programme's
//! documents, one of them other than the generic `service.yaml` and `plan.yaml` (SPEC §7: nothing
//! missing passes; such a folder is linted and gets SUB001). A folder below a path that cannot
//! be listed is linted too, and gets SUB001: a folder the gate cannot read does not pass.

use crate::model::DOCUMENTS;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NoSubmission(PathBuf),
    /// A path given cannot be listed (exit status 2, SPEC §4): why, in both languages.
    Unreadable(PathBuf, crate::finding::Text),
}

impl Discovered {
    /// Keeps `problem` as the walk's unless one is kept already, and a path that holds no
    /// submission gives way to one that does not exist or cannot be listed.
    fn note(&mut self, problem: DiscoverError) {
        if self
            .problem
            .as_ref()
            .is_none_or(|kept| kept.passable() && !problem.passable())
        {
            self.problem = Some(problem);
        }
    }
}

impl DiscoverError {
    /// Whether `--allow-no-submission` passes over it: a path that holds no submission. A path
    /// that does not exist, or cannot be listed, fails the run all the same (a typo in a CI
    /// job must not turn the gate off).
    pub fn passable(&self) -> bool {
        matches!(self, DiscoverError::NoSubmission(_))
    }
}

/// The names a folder may hold that make it a submission's folder without `submission.yaml`,
/// when there are two of them: the programmes' documents.
fn programme_document(name: &str) -> bool {
    DOCUMENTS.contains(&name) || name == "declarations.csv" || name == "declarations.xlsx"
}

/// The programme documents whose names are used by other tools too (a Kubernetes
/// `service.yaml`, a project's `plan.yaml`): two of them alone do not make a submission.
const GENERIC: &[&str] = &["service.yaml", "plan.yaml"];

/// Submission folders below `paths`, sorted and without duplicates: see [`is_submission`].
/// Hidden folders, `target/` and `.git/` are skipped; symlinked folders are never followed. A
/// path that is a file stands for the submission holding it (the nearest folder above it that
/// is one), so a pre-commit hook can pass the files that changed. With `allow_none`, a path without a
/// submission is passed over instead of being an error.
pub fn discover(paths: &[PathBuf], allow_none: bool) -> Result<Vec<PathBuf>, DiscoverError> {
    match discover_all(paths) {
        (_, Some(problem)) if !(allow_none && problem.passable()) => Err(problem),
        (found, _) => Ok(found),
    }
}

/// What [`discover`] finds below every path, each path passed over when it holds no submission,
/// and the error [`discover`] reports: the first path that does not exist or cannot be listed,
/// else the first that holds no submission (reported only without `allow_none`).
pub fn discover_all(paths: &[PathBuf]) -> (Vec<PathBuf>, Option<DiscoverError>) {
    let found = discover_seen(paths, None);
    (found.submissions, found.problem)
}

/// What one walk found: the submission folders (as [`discover_all`]), and what the listing of
/// each folder it walked showed, so that nobody has to look at those folders again.
#[derive(Debug, Default)]
pub struct Discovered {
    pub submissions: Vec<PathBuf>,
    pub problem: Option<DiscoverError>,
    /// Every folder listed while walking, as walked (below a path as given), in walking order.
    pub folders: Vec<(PathBuf, Seen)>,
}

/// What the listing of one folder showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// `submission.yaml` is there, as [`Path::exists`] says (through a link too).
    pub submission_yaml: bool,
    /// The file `also` given to [`discover_seen`] is there, as `symlink_metadata` finds it.
    pub also: bool,
}

/// [`discover_all`], and what each folder walked holds. Each folder is listed once, and whether
/// it is a submission ([`is_submission`]), what it holds, and which folders below it to walk are
/// all read from that one listing; only a `submission.yaml` that is a link costs one more `stat`.
/// `also`: a file name whose presence each [`Seen`] tells.
pub fn discover_seen(paths: &[PathBuf], also: Option<&str>) -> Discovered {
    let mut out = Discovered::default();
    for path in paths {
        // A path named on the command line is taken as the user means it, through a link too;
        // links met while walking below it are never followed.
        let Ok(meta) = std::fs::metadata(path) else {
            out.note(DiscoverError::NotFound(path.clone()));
            continue;
        };
        if !meta.is_dir() {
            match path.ancestors().skip(1).find(|d| is_submission(d)) {
                Some(dir) => out.submissions.push(clean(dir)),
                None => {
                    out.note(DiscoverError::NoSubmission(path.clone()));
                }
            }
            continue;
        }
        let before = out.submissions.len();
        // The path given must be listed; a folder below it that cannot be is linted (SUB001).
        if let Err(e) = std::fs::read_dir(path) {
            out.note(DiscoverError::Unreadable(
                path.clone(),
                crate::finding::io_reason(&e),
            ));
            continue;
        }
        for (dir, listed) in walk(path.clone(), also) {
            if listed.submission || listed.unreadable {
                out.submissions.push(clean(&dir));
            }
            out.folders.push((dir, listed.seen));
        }
        if out.submissions.len() == before {
            out.note(DiscoverError::NoSubmission(path.clone()));
        }
    }
    out.submissions.sort();
    out.submissions.dedup();
    out
}

/// Every folder at and below `dir` (`dir` first), with what its listing showed. The folders
/// right below `dir` are walked in parallel when there are several (an agency's sellers, a
/// repository's agencies); the walk of one submission starts no thread.
fn walk(dir: PathBuf, also: Option<&str>) -> Vec<(PathBuf, Listed)> {
    use rayon::prelude::*;
    let listed = list(&dir, also);
    let below: Vec<PathBuf> = listed
        .subfolders
        .iter()
        .map(|name| dir.join(name))
        .collect();
    let mut walked = vec![(dir, listed)];
    if below.len() > 1 {
        walked.par_extend(below.into_par_iter().flat_map_iter(|d| walk_here(d, also)));
    } else {
        walked.extend(below.into_iter().flat_map(|d| walk_here(d, also)));
    }
    walked
}

/// [`walk`] on this thread: depth first, each folder's subfolders in name order, one folder
/// open at a time, however deep the folders go.
fn walk_here(dir: PathBuf, also: Option<&str>) -> Vec<(PathBuf, Listed)> {
    let mut walked = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        let listed = list(&dir, also);
        stack.extend(listed.subfolders.iter().rev().map(|name| dir.join(name)));
        walked.push((dir, listed));
    }
    walked
}

/// What one listing of a folder tells.
struct Listed {
    /// See [`is_submission`].
    submission: bool,
    /// The folder cannot be listed (permission denied): it is linted, and its SUB001 says so.
    unreadable: bool,
    seen: Seen,
    /// The folders to walk below it (no links, no hidden folders, no `target`), sorted by name.
    subfolders: Vec<std::ffi::OsString>,
}

/// Lists `dir` once. A folder that cannot be listed is a submission when its `submission.yaml`
/// exists (a folder one may enter but not list).
fn list(dir: &Path, also: Option<&str>) -> Listed {
    let Ok(entries) = std::fs::read_dir(dir) else {
        let submission_yaml = dir.join("submission.yaml").exists();
        let also = also.is_some_and(|name| std::fs::symlink_metadata(dir.join(name)).is_ok());
        return Listed {
            submission: submission_yaml,
            unreadable: true,
            seen: Seen {
                submission_yaml,
                also,
            },
            subfolders: Vec::new(),
        };
    };
    let (mut documents, mut specific) = (0, false);
    let mut listed = Listed {
        unreadable: false,
        submission: false,
        seen: Seen {
            submission_yaml: false,
            also: false,
        },
        subfolders: Vec::new(),
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let kind = entry.file_type();
        let is_dir = kind.as_ref().is_ok_and(|t| t.is_dir());
        if name == "submission.yaml" {
            // `exists()` follows a link: only a link (or an entry of unknown type) is asked.
            listed.seen.submission_yaml = match &kind {
                Ok(t) if !t.is_symlink() => true,
                _ => dir.join(&name).exists(),
            };
        }
        if also.is_some_and(|also| name == also) {
            listed.seen.also = true;
        }
        let text = name.to_string_lossy();
        if !is_dir && programme_document(&text) {
            documents += 1;
            specific |= !GENERIC.contains(&text.as_ref());
        }
        // `submission.yaml` in any form (a link leading nowhere too: SUB002 then), or a near miss.
        if !is_dir && (text == "submission.yaml" || near_miss(&text, "submission.yaml")) {
            listed.submission = true;
        }
        if is_dir && !skipped(&name) {
            listed.subfolders.push(name);
        }
    }
    listed.submission |= listed.seen.submission_yaml || (documents >= 2 && specific);
    listed.subfolders.sort();
    listed
}

/// Whether a folder is a submission: it holds `submission.yaml`, a near-miss of it (see
/// [`near_miss`]), or at least two of the programme's documents (`crate::model::DOCUMENTS`,
/// `declarations.csv`), one of them other than `service.yaml` and `plan.yaml`. One listing of
/// the folder.
pub fn is_submission(dir: &Path) -> bool {
    list(dir, None).submission
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

/// A folder that is not walked: hidden (`.git`), or `target`.
fn skipped(name: &std::ffi::OsStr) -> bool {
    let name = name.to_str().unwrap_or("");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn one_listing_decides_and_tells_what_each_folder_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("agency");
        touch(&root.join(".selfcheck.yaml"));
        touch(&root.join("a/submission.yaml"));
        touch(&root.join("a/attachments/x.pdf"));
        touch(&root.join("b/Submission.yaml"));
        touch(&root.join("c/customs.yaml"));
        touch(&root.join("c/returns.yaml"));
        touch(&root.join("c/.selfcheck.yaml"));
        // One document, or two generic ones, is no submission (a Kubernetes `service.yaml`).
        touch(&root.join("k8s/service.yaml"));
        touch(&root.join("k8s/plan.yaml"));
        touch(&root.join("one/customs.yaml"));
        touch(&root.join("notes/readme.md"));
        // Hidden folders and `target/` are not walked.
        touch(&root.join(".git/submission.yaml"));
        touch(&root.join("target/submission.yaml"));
        // A folder named `submission.yaml` makes a submission (it exists); a folder holding
        // only folders does not.
        std::fs::create_dir_all(root.join("d/submission.yaml")).unwrap();
        std::fs::create_dir_all(root.join("e/license.yaml")).unwrap();
        let found = discover_seen(std::slice::from_ref(&root), Some(".selfcheck.yaml"));
        let names: Vec<String> = found
            .submissions
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        assert_eq!(found.problem, None);
        let seen = |rel: &str| {
            found
                .folders
                .iter()
                .find(|(p, _)| *p == root.join(rel))
                .map(|(_, s)| *s)
        };
        let s = |submission_yaml, also| {
            Some(Seen {
                submission_yaml,
                also,
            })
        };
        assert_eq!(seen(""), s(false, true));
        assert_eq!(seen("a"), s(true, false));
        assert_eq!(seen("a/attachments"), s(false, false));
        assert_eq!(seen("b"), s(false, false));
        assert_eq!(seen("c"), s(false, true));
        assert_eq!(seen("d"), s(true, false));
        assert_eq!(seen(".git"), None);
        assert_eq!(seen("target"), None);
        // Each folder walked is listed once.
        let mut walked: Vec<&PathBuf> = found.folders.iter().map(|(p, _)| p).collect();
        let all = walked.len();
        walked.sort();
        walked.dedup();
        assert_eq!(walked.len(), all);
        assert_eq!(all, 12);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_walked_and_a_linked_submission_yaml_counts_when_it_leads_somewhere() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("agency");
        touch(&root.join("real/submission.yaml"));
        symlink("real", root.join("linked")).unwrap();
        touch(&root.join("templates/submission-template.txt"));
        std::fs::create_dir_all(root.join("to-file")).unwrap();
        symlink(
            "../templates/submission-template.txt",
            root.join("to-file/submission.yaml"),
        )
        .unwrap();
        std::fs::create_dir_all(root.join("dangling")).unwrap();
        symlink("nowhere", root.join("dangling/submission.yaml")).unwrap();
        let found = discover_seen(std::slice::from_ref(&root), None);
        let seen = |rel: &str| {
            found
                .folders
                .iter()
                .find(|(p, _)| *p == root.join(rel))
                .map(|(_, s)| s.submission_yaml)
        };
        assert_eq!(seen("linked"), None, "a link is not walked");
        assert_eq!(seen("to-file"), Some(true));
        assert_eq!(seen("dangling"), Some(false));
        // Either is a submission: `submission.yaml` is there, if only as a link (SUB002 then).
        assert!(found.submissions.contains(&root.join("to-file")));
        assert!(found.submissions.contains(&root.join("dangling")));
        assert!(!found.submissions.contains(&root.join("linked")));
        assert!(
            is_submission(&root.join("linked")),
            "a path named is followed"
        );
        // A path that is a link is walked as the user means it.
        let named = discover_seen(&[root.join("linked")], None);
        assert_eq!(named.submissions, [root.join("linked")]);
    }
}
