//! Shared by the integration tests: building submission folders from the fixtures, running the
//! binary.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The repository: `fixtures/`, `checks/`, `src/`, `tests/data/`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Files of a fixture layer that are instructions to the harness, not submission files.
pub const REMOVE_LIST: &str = "_remove.txt";
/// Names (one per line) of files to make as copies of the document of the same name in lower
/// case: a case twin (SUB007), which a repository cannot hold on macOS or Windows.
pub const CASE_TWINS: &str = "_case_twins.txt";

/// The clean submission a rule fixture is layered on: `fixtures/challenge` for the challenge
/// programme's codes (CHL), else `fixtures/clean`.
pub fn base_of(layer: &Path) -> PathBuf {
    let name = layer.file_name().and_then(|n| n.to_str()).unwrap_or("");
    root().join(if name.starts_with("CHL") {
        "fixtures/challenge"
    } else {
        "fixtures/clean"
    })
}

/// The clean submission with `layer` copied on top, in a fresh temporary folder (see
/// [`layer_onto`]).
pub fn layered(layer: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("submission");
    layer_onto(layer, &dir);
    (tmp, dir)
}

/// The clean submission of `layer`'s programme, with `layer` copied on top, made at `dir`. A
/// layer's `_remove.txt` lists paths (one per line) to delete from the result, and its
/// `_case_twins.txt` files to make as case twins of documents.
pub fn layer_onto(layer: &Path, dir: &Path) {
    copy_dir(&base_of(layer), dir);
    copy_dir(layer, dir);
    let remove = dir.join(REMOVE_LIST);
    if let Ok(list) = std::fs::read_to_string(&remove) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let p = dir.join(line);
            if p.is_dir() {
                std::fs::remove_dir_all(&p).unwrap();
            } else {
                std::fs::remove_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            }
        }
        std::fs::remove_file(remove).unwrap();
    }
    let twins = dir.join(CASE_TWINS);
    if let Ok(list) = std::fs::read_to_string(&twins) {
        for name in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            std::fs::copy(dir.join(name.to_lowercase()), dir.join(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        std::fs::remove_file(twins).unwrap();
    }
}

/// A copy of the clean fixture to change in a test.
pub fn clean_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("submission");
    copy_dir(&root().join("fixtures/clean"), &dir);
    (tmp, dir)
}

/// The library's options for a test: as of [`TODAY`].
pub fn options() -> selfcheck::Options {
    selfcheck::Options {
        today: selfcheck::model::Date::parse(TODAY, false),
        ..selfcheck::Options::default()
    }
}

/// Lints one folder with the library as of [`TODAY`], naming it `display` in the output.
pub fn lint_as(dir: &Path, display: &str) -> selfcheck::Report {
    let mut sub = selfcheck::lint_submission(dir, &options());
    sub.path = display.to_owned();
    selfcheck::Report::of(vec![sub], None, selfcheck::FailOn::default())
}

/// The codes of the findings that count (an inline suppression's are left out) of the first
/// submission, each run of one code once.
pub fn codes(report: &selfcheck::Report) -> Vec<String> {
    let mut codes: Vec<_> = report.submissions[0]
        .findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .map(|f| f.code.to_string())
        .collect();
    codes.dedup();
    codes
}

pub fn human(report: &selfcheck::Report, lang: selfcheck::finding::Lang) -> String {
    let mut out = Vec::new();
    selfcheck::render::human::render(report, lang, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Where the binary under test is, for a test that runs it through another program.
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_selfcheck"))
}

/// The binary, with the locale and colour settings of the test environment cleared.
pub fn selfcheck() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(bin());
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd`: its exit status, standard output and standard error (each UTF-8).
pub fn output(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("standard output is UTF-8"),
        String::from_utf8(out.stderr).expect("standard error is UTF-8"),
    )
}

/// Runs `cmd` (a `--format json` run of the binary) and reads its standard output as JSON: the
/// exit status and the document. Panics, with both outputs, when standard output is not JSON.
pub fn json_of(cmd: &mut assert_cmd::Command) -> (Option<i32>, serde_json::Value) {
    let out = cmd.output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "standard output is not JSON ({e}):\n{}\nstandard error:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), json)
}

/// The fixtures' as-of date. A run without `--today` is judged as of today (or a later
/// `submitted_on`), so every test that lints a fixture fixes the clock to this day, unless the
/// clock is what it tests.
pub const TODAY: &str = "2026-11-20";

/// `ARGS`, with `--today` [`TODAY`] unless they give a date of their own.
pub fn dated<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    if !args.contains(&"--today") {
        all.extend(["--today", TODAY]);
    }
    all
}

/// `selfcheck lint PATH --format json ARGS…` as of [`TODAY`] (unless ARGS give `--today`): the
/// exit status and the report.
pub fn lint_json(path: impl AsRef<OsStr>, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    lint_json_now(path, &dated(args))
}

/// `selfcheck lint PATH --format json ARGS…` with the real clock: the exit status and the report.
pub fn lint_json_now(path: impl AsRef<OsStr>, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    json_of(
        selfcheck()
            .arg("lint")
            .arg(path)
            .args(["--format", "json"])
            .args(args),
    )
}

/// `selfcheck lint ARGS… --format json` run in `cwd` (paths in ARGS, and in the report, relative
/// to it): the exit status and the report.
pub fn lint_json_in(cwd: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    json_of(
        selfcheck()
            .current_dir(cwd)
            .arg("lint")
            .args(dated(args))
            .args(["--format", "json"]),
    )
}

/// The code a rule fixture folder fires: `RET007-trunk` → `RET007`.
pub fn fixture_code(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

/// The folders of `fixtures/rules/`, sorted.
pub fn fixture_names() -> Vec<String> {
    folder_names("fixtures/rules")
}

/// The folders of `fixtures/passing/` (forms a rule must accept), sorted.
pub fn passing_fixture_names() -> Vec<String> {
    folder_names("fixtures/passing")
}

/// The folders of the folder `dir` of the repository, sorted.
fn folder_names(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

/// The JSON output (`--format json`) of linting the rule fixture `name`.
pub fn fixture_json(name: &str) -> serde_json::Value {
    let (_tmp, dir) = layered(&root().join("fixtures/rules").join(name));
    let report = lint_as(&dir, &format!("fixtures/rules/{name}"));
    let json = selfcheck::render::json::render(&report, selfcheck::finding::Lang::En);
    serde_json::from_str(&json).unwrap()
}

/// Whether a JSON report has a finding that carries a `fix`.
pub fn has_a_fix(json: &serde_json::Value) -> bool {
    json["submissions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["findings"].as_array().into_iter().flatten())
        .any(|f| !f["fix"].is_null())
}

/// The rule fixtures whose lint has a finding with a fix, sorted.
pub fn fixtures_with_a_fix() -> Vec<String> {
    fixture_names()
        .into_iter()
        .filter(|name| has_a_fix(&fixture_json(name)))
        .collect()
}

/// The README's demo, `fixtures/demo/huacai`: the clean submission with the three most common
/// rejection reasons (CUS007, RET003, SLA002).
pub const DEMO: &str = "fixtures/demo/huacai";

/// A copy of the README's demo ([`DEMO`]) in a fresh temporary folder, at `huacai`.
pub fn huacai() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("huacai");
    write_huacai(&dir);
    (tmp, dir)
}

/// Copies the README's demo ([`DEMO`]) to `dir`.
pub fn write_huacai(dir: &Path) {
    copy_dir(&root().join(DEMO), dir);
}

/// The README.
pub fn readme() -> String {
    let path = root().join("README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The whole text of the README's console block that follows `marker`, `$` lines included.
fn readme_console(marker: &str) -> String {
    let readme = readme();
    let at = readme
        .find(marker)
        .unwrap_or_else(|| panic!("README.md has no `{marker}`"));
    let block = &readme[at..];
    let start = block.find("```console\n").expect("a console block") + "```console\n".len();
    let end = block[start..].find("```").expect("the block's end") + start;
    block[start..end].to_owned()
}

/// The text of the README's console block that follows `marker`, without its `$` line.
pub fn readme_block(marker: &str) -> String {
    readme_console(marker)
        .lines()
        .filter(|l| !l.starts_with("$ "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The arguments of the first `$ selfcheck …` line of the README's console block that follows
/// `marker` (words split at spaces: the README's commands quote nothing).
pub fn readme_command(marker: &str) -> Vec<String> {
    let block = readme_console(marker);
    let line = block
        .lines()
        .find_map(|l| l.strip_prefix("$ selfcheck "))
        .unwrap_or_else(|| panic!("no `$ selfcheck` line after `{marker}`"));
    line.split_whitespace().map(str::to_owned).collect()
}

/// The `.rs` files below `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Suppresses RET003 on the Spanish postal code of the submission `dir` (the demo's), with a
/// reason, so that an output carries a suppressed finding.
pub fn suppress_the_postal_code(dir: &Path) {
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    std::fs::write(
        dir.join("returns.yaml"),
        returns.replace(
            "postal_code: 28009",
            "postal_code: 28009  # selfcheck: ignore[RET003] warehouse label",
        ),
    )
    .unwrap();
}
