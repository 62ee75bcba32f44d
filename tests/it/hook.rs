//! The pre-commit hook (`.pre-commit-hooks.yaml`, issue 12): one serial run over the staged
//! files, each finding printed once; a staged `.selfcheck.yaml`, an agency's or a seller's, is
//! checked and a broken one fails the hook with its file, line and column.
//!
//! The tests that run real pre-commit are ignored where it (or git) is not installed;
//! `tests/external/run.sh` runs it in CI with this repository as the hook repository too.

use crate::common;

use selfcheck::run::check_named_configs;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The hooks of the manifest: `selfcheck` (pre-commit builds the tool) and `selfcheck-system`
/// (the `selfcheck` installed on the PATH).
fn hooks() -> Vec<Value> {
    let text = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Value = serde_saphyr::from_str(&text).unwrap();
    hooks.as_array().unwrap().clone()
}

/// The hook `id` of the manifest.
fn hook(id: &str) -> Value {
    let found = hooks().into_iter().find(|h| h["id"] == id);
    found.unwrap_or_else(|| panic!("no hook {id}"))
}

/// The first hook of the manifest, `selfcheck`.
fn manifest() -> Value {
    hook("selfcheck")
}

/// The manifest's `files` pattern (a Python regex; this one is also a Rust one).
fn files_pattern() -> regex::Regex {
    regex::Regex::new(manifest()["files"].as_str().unwrap()).unwrap()
}

/// The hook's entry after `selfcheck`.
fn entry_args() -> Vec<String> {
    let entry = manifest()["entry"].as_str().unwrap().to_owned();
    let mut words = entry.split_whitespace().map(str::to_owned);
    assert_eq!(words.next().as_deref(), Some("selfcheck"));
    words.collect()
}

#[test]
fn the_manifest_runs_once_over_the_files_that_matter() {
    let hook = manifest();
    assert_eq!(hook["id"], "selfcheck");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], true);
    // Without it pre-commit runs one batch per core, and each prints the findings of every
    // submission it touches.
    assert_eq!(hook["require_serial"], true);
    assert_eq!(entry_args(), ["lint", "--allow-no-submission"]);
    let files = files_pattern();
    for path in [
        "submission.yaml",
        "sellers/huacai/license.yaml",
        "sellers/huacai/declarations.csv",
        "sellers/huacai/declarations.xlsx",
        "sellers/huacai/attachments/declarations/531620260012345678.pdf",
        "sellers/plan.yaml",
        ".selfcheck.yaml",
        "agency/.selfcheck.yaml",
        "sellers/huacai/.selfcheck.yaml",
        // A near miss of `submission.yaml` is SUB001: the hook must see it.
        "sellers/huacai/Submission.yaml",
        "sellers/huacai/submission.yml",
    ] {
        assert!(files.is_match(path), "{path}");
    }
    for path in [
        "README.md",
        "sellers/huacai/notes.yaml",
        "sellers/huacai/xselfcheck.yaml",
        "sellers/huacai/.selfcheck.yml",
        "sellers/huacai/mylicense.yaml",
        "docs/service.md",
        "deploy/values.yaml",
        "src/attachments.rs",
    ] {
        assert!(!files.is_match(path), "{path}");
    }
}

/// `selfcheck-system` is the same hook run with the installed binary: nothing to compile.
#[test]
fn the_system_hook_is_the_same_hook_with_the_installed_binary() {
    let ids: Vec<Value> = hooks().iter().map(|h| h["id"].clone()).collect();
    assert_eq!(ids, ["selfcheck", "selfcheck-system"]);
    let (rust, system) = (hook("selfcheck"), hook("selfcheck-system"));
    assert_eq!(system["language"], "system");
    for key in ["entry", "files", "pass_filenames", "require_serial"] {
        assert_eq!(system[key], rust[key], "{key}");
    }
}

/// The README's `repo: local` configuration is the manifest's `selfcheck-system` hook.
#[test]
fn the_readmes_local_configuration_is_the_system_hook() {
    let config = readme_local_config();
    let local = &config["repos"][0];
    assert_eq!(local["repo"], "local");
    let readme = &local["hooks"][0];
    let system = hook("selfcheck-system");
    for key in [
        "entry",
        "language",
        "files",
        "pass_filenames",
        "require_serial",
    ] {
        assert_eq!(readme[key], system[key], "{key}");
    }
}

/// The README's `.pre-commit-config.yaml` with `repo: local`.
fn readme_local_config() -> Value {
    let readme = common::readme();
    let at = readme
        .find("- repo: local")
        .expect("a `repo: local` configuration");
    let start = readme[..at].rfind("```yaml\n").unwrap() + "```yaml\n".len();
    let end = readme[start..].find("```").unwrap() + start;
    serde_saphyr::from_str(&readme[start..end]).unwrap()
}

/// An agency repository: `sellers/huacai` fails CUS007 and RET003; `sellers/clean` is clean.
fn agency() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("agency");
    let root = common::root();
    common::copy_dir(&root.join("fixtures/clean"), &repo.join("sellers/huacai"));
    common::copy_dir(&root.join("fixtures/clean"), &repo.join("sellers/clean"));
    for (fixture, file) in [("CUS007", "customs.yaml"), ("RET003", "returns.yaml")] {
        std::fs::copy(
            root.join("fixtures/rules").join(fixture).join(file),
            repo.join("sellers/huacai").join(file),
        )
        .unwrap();
    }
    std::fs::write(repo.join("README.md"), "# sellers\n").unwrap();
    (tmp, repo)
}

/// Every file below `dir`, relative to it, with `/`, sorted (as `git ls-files` gives them).
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// `selfcheck` run as the hook runs it in `repo`, on `files`: (exit status, stdout + stderr).
fn run_entry(repo: &Path, files: &[String]) -> (Option<i32>, String) {
    let (status, out, err) = common::output(
        common::selfcheck()
            .current_dir(repo)
            .args(entry_args())
            .args(files),
    );
    (status, out + &err)
}

#[test]
fn one_run_over_every_staged_file_prints_each_finding_once() {
    let (_tmp, repo) = agency();
    let files = files_pattern();
    let staged: Vec<String> = files_below(&repo)
        .into_iter()
        .filter(|f| files.is_match(f))
        .collect();
    assert!(!staged.iter().any(|f| f == "README.md"));
    let (status, out) = run_entry(&repo, &staged);
    assert_eq!(status, Some(1), "{out}");
    assert_eq!(out.matches("error[CUS007]").count(), 1, "{out}");
    assert_eq!(out.matches("error[RET003]").count(), 1, "{out}");
    // Nothing staged that belongs to a submission: nothing to lint, and that is not a failure.
    let (status, out) = run_entry(&repo, &["README.md".to_owned()]);
    assert_eq!(status, Some(0), "{out}");
}

/// A Kubernetes `service.yaml`, and a project's `plan.yaml`, beside no other document.
const KUBERNETES_SERVICE: &str =
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n";

#[test]
fn a_kubernetes_service_alone_commits_without_a_finding() {
    let (_tmp, repo) = agency();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(repo.join("docs/service.yaml"), KUBERNETES_SERVICE).unwrap();
    std::fs::write(repo.join("docs/plan.yaml"), "milestones: []\n").unwrap();
    for staged in [
        vec!["docs/service.yaml".to_owned()],
        vec!["docs/service.yaml".to_owned(), "docs/plan.yaml".to_owned()],
    ] {
        assert!(staged.iter().all(|f| files_pattern().is_match(f)));
        let (status, out) = run_entry(&repo, &staged);
        assert_eq!(status, Some(0), "{out}");
        assert!(!out.contains('['), "a finding: {out}");
    }
}

/// A configuration with an unknown code on line 2, column 3.
const BROKEN: &str = "rules:\n  CUS999: off\n";

#[test]
fn a_broken_staged_configuration_is_an_error_at_its_place() {
    let (_tmp, repo) = agency();
    let options = common::options();
    for at in [".selfcheck.yaml", "sellers/huacai/.selfcheck.yaml"] {
        let path = repo.join(at);
        std::fs::write(&path, BROKEN).unwrap();
        let error =
            check_named_configs(&[repo.join("README.md"), path.clone()], &options).expect_err(at);
        assert_eq!(error.path, path);
        assert_eq!(error.at, Some((2, 3)), "{at}: {error}");
        assert!(error.to_string().contains(".selfcheck.yaml:2:3"), "{error}");
        std::fs::write(&path, "rules:\n  CUS007: warning\n").unwrap();
        check_named_configs(std::slice::from_ref(&path), &options).unwrap();
        std::fs::remove_file(&path).unwrap();
    }
    // Paths that are not configurations, or no longer exist, are the run's business.
    check_named_configs(
        &[
            repo.join("sellers/huacai/customs.yaml"),
            repo.join("gone/.selfcheck.yaml"),
        ],
        &options,
    )
    .unwrap();
}

#[test]
fn a_staged_configuration_is_checked_with_the_packs_it_names() {
    let (_tmp, repo) = agency();
    common::copy_dir(
        &common::root().join("fixtures/packs/agency"),
        &repo.join("packs/agency"),
    );
    let path = repo.join(".selfcheck.yaml");
    std::fs::write(&path, "checks: [packs/agency]\nrules:\n  AGY001: warning\n").unwrap();
    let options = common::options();
    check_named_configs(std::slice::from_ref(&path), &options).unwrap();
    // The same code without the pack is unknown.
    std::fs::write(&path, "rules:\n  AGY001: warning\n").unwrap();
    let error = check_named_configs(std::slice::from_ref(&path), &options).unwrap_err();
    assert_eq!(error.at, Some((2, 3)), "{error}");
    // A link is not read as a found configuration.
    #[cfg(unix)]
    {
        std::fs::write(repo.join("elsewhere.yaml"), "rules: {}\n").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(repo.join("elsewhere.yaml"), &path).unwrap();
        assert!(check_named_configs(std::slice::from_ref(&path), &options).is_err());
    }
}

#[test]
fn the_hook_fails_on_a_broken_seller_configuration() {
    let (_tmp, repo) = agency();
    std::fs::write(repo.join("sellers/clean/.selfcheck.yaml"), BROKEN).unwrap();
    let (status, out) = run_entry(&repo, &["sellers/clean/.selfcheck.yaml".to_owned()]);
    assert_ne!(status, Some(0), "{out}");
    assert!(out.contains(".selfcheck.yaml"), "{out}");
    assert!(out.contains("2:3"), "{out}");
}

#[test]
fn the_hook_fails_on_a_broken_agency_configuration_alone() {
    let (_tmp, repo) = agency();
    std::fs::write(repo.join(".selfcheck.yaml"), BROKEN).unwrap();
    let (status, out) = run_entry(&repo, &[".selfcheck.yaml".to_owned()]);
    assert_ne!(status, Some(0), "{out}");
    assert!(out.contains(".selfcheck.yaml:2:3"), "{out}");
    std::fs::write(repo.join(".selfcheck.yaml"), "rules:\n  CUS007: warning\n").unwrap();
    let (status, out) = run_entry(&repo, &[".selfcheck.yaml".to_owned()]);
    assert_eq!(status, Some(0), "{out}");
}

/// A git repository of `repo` with a local pre-commit configuration whose hook is the
/// manifest's (entry, files, require_serial), run with the binary under test instead of the one
/// pre-commit would build, so that real pre-commit batches the files as it would.
fn pre_commit_repo(repo: &Path, require_serial: bool) {
    let hook = hook("selfcheck-system");
    let entry = hook["entry"].as_str().unwrap().replacen(
        "selfcheck",
        &format!("'{}'", common::bin().display()),
        1,
    );
    let config = format!(
        "repos:\n- repo: local\n  hooks:\n  - id: selfcheck-system\n    name: selfcheck\n    language: {}\n    entry: {}\n    pass_filenames: true\n    require_serial: {require_serial}\n    files: '{}'\n",
        hook["language"].as_str().unwrap(),
        serde_json::to_string(&entry).unwrap(),
        hook["files"].as_str().unwrap().replace('\'', "''"),
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
    git(repo, &["init", "--quiet"]);
    git(repo, &["add", "-A"]);
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(repo)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn pre_commit(repo: &Path, home: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("pre-commit")
        .current_dir(repo)
        .arg("run")
        .args(args)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("PRE_COMMIT_NO_CONCURRENCY")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
#[cfg_attr(not(has_pre_commit), ignore = "needs pre-commit")]
#[cfg_attr(all(has_pre_commit, not(has_git)), ignore = "needs git")]
fn real_pre_commit_prints_each_finding_once() {
    let (tmp, repo) = agency();
    pre_commit_repo(&repo, true);
    let home = tmp.path().join("pre-commit-home");
    let (ok, out) = pre_commit(&repo, &home, &["--all-files"]);
    assert!(!ok, "{out}");
    assert_eq!(out.matches("error[CUS007]").count(), 1, "{out}");
    assert_eq!(out.matches("error[RET003]").count(), 1, "{out}");
    // The test sees the problem it guards against: with more than one core, pre-commit without
    // require_serial runs several batches, and the failing submission's files fall in more
    // than one.
    if std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        pre_commit_repo(&repo, false);
        let (ok, out) = pre_commit(&repo, &home, &["--all-files"]);
        assert!(!ok, "{out}");
        assert!(out.matches("error[CUS007]").count() > 1, "{out}");
    }
}

#[test]
#[cfg_attr(not(has_pre_commit), ignore = "needs pre-commit")]
#[cfg_attr(all(has_pre_commit, not(has_git)), ignore = "needs git")]
fn real_pre_commit_fails_on_a_broken_agency_configuration() {
    let (tmp, repo) = agency();
    std::fs::write(repo.join(".selfcheck.yaml"), BROKEN).unwrap();
    pre_commit_repo(&repo, true);
    let home = tmp.path().join("pre-commit-home");
    let (ok, out) = pre_commit(&repo, &home, &["--files", ".selfcheck.yaml"]);
    assert!(!ok, "{out}");
    assert!(out.contains(".selfcheck.yaml:2:3"), "{out}");
}

#[test]
#[cfg_attr(not(has_pre_commit), ignore = "needs pre-commit")]
#[cfg_attr(all(has_pre_commit, not(has_git)), ignore = "needs git")]
fn real_pre_commit_passes_a_kubernetes_service_alone() {
    let (tmp, repo) = agency();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(repo.join("docs/service.yaml"), KUBERNETES_SERVICE).unwrap();
    pre_commit_repo(&repo, true);
    let home = tmp.path().join("pre-commit-home");
    let (ok, out) = pre_commit(&repo, &home, &["--files", "docs/service.yaml"]);
    assert!(ok, "{out}");
    assert!(!out.contains("SUB001"), "{out}");
}
