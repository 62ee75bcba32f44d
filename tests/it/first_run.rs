//! A newcomer's first run (issue 28): the README's two set-up commands succeed on a fresh clone,
//! the first lints the bundled demo, `fixtures/demo/huacai`, and shows the three most common
//! rejection reasons exactly as the README's first example prints them, in English and in
//! Chinese. `fixtures/clean` stays what passing looks like.

use crate::common::{self, selfcheck};

/// The commands of the README's set-up block (the first `sh` block after `marker`), each
/// without its comment.
fn setup_commands(marker: &str) -> Vec<String> {
    let readme = common::readme();
    let at = readme.find(marker).expect("the set-up paragraph");
    let block = &readme[at..];
    let start = block.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let end = block[start..].find("```").expect("the block's end") + start;
    block[start..end]
        .lines()
        .map(|l| l.split(" #").next().unwrap_or(l).trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

const SETUP: &str = "On a fresh machine";
const FIRST_EXAMPLE: &str = "## What a finding looks like";
const FIRST_EXAMPLE_ZH: &str = "The same with `--lang zh`";

/// `selfcheck ARGS` from the repository's root: exit status, standard output.
fn run_in_root(args: &[String]) -> (Option<i32>, String) {
    let (status, out, _) = common::output(selfcheck().current_dir(common::root()).args(args));
    (status, out)
}

#[test]
fn the_first_setup_command_lints_the_demo_as_the_first_example_shows() {
    let commands = setup_commands(SETUP);
    assert_eq!(commands.len(), 2, "{commands:?}");
    let lint = commands[0]
        .strip_prefix("cargo run --release --locked -- ")
        .unwrap_or_else(|| panic!("the first set-up command runs selfcheck: {}", commands[0]));
    let args: Vec<String> = lint.split_whitespace().map(str::to_owned).collect();
    assert_eq!(commands[1], "cargo test --locked");
    // The set-up command is the first example, so that a newcomer sees what the README shows.
    assert_eq!(args, common::readme_command(FIRST_EXAMPLE));
    assert!(args.contains(&common::DEMO.to_owned()), "{args:?}");
    let (status, out) = run_in_root(&args);
    // `--fail-on never`: the set-up command succeeds although the demo fails.
    assert_eq!(status, Some(0), "{out}");
    for code in ["error[CUS007]", "error[RET003]", "error[SLA002]"] {
        assert_eq!(out.matches(code).count(), 1, "{code}:\n{out}");
    }
    assert_eq!(common::readme_block(FIRST_EXAMPLE), out);
    // Without `--fail-on never` the demo fails, as a real submission with these findings does.
    let strict: Vec<&String> = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "--fail-on" | "never"))
        .collect();
    let (status, _, _) = common::output(selfcheck().current_dir(common::root()).args(strict));
    assert_eq!(status, Some(1));
}

#[test]
fn the_first_example_in_chinese_is_the_same_run_in_chinese() {
    let mut args = common::readme_command(FIRST_EXAMPLE);
    args.extend(["--lang".to_owned(), "zh".to_owned()]);
    assert_eq!(common::readme_command(FIRST_EXAMPLE_ZH), args);
    let (status, zh) = run_in_root(&args);
    assert_eq!(status, Some(0), "{zh}");
    for word in ["error", "help:", "note:", "Found"] {
        assert!(!zh.contains(word), "`{word}` in the Chinese output:\n{zh}");
    }
    for code in ["错误[CUS007]", "错误[RET003]", "错误[SLA002]"] {
        assert_eq!(zh.matches(code).count(), 1, "{code}:\n{zh}");
    }
    assert_eq!(common::readme_block(FIRST_EXAMPLE_ZH), zh);
}

#[test]
fn the_demo_is_the_clean_submission_with_the_three_top_reasons() {
    let demo = common::lint_as(&common::root().join(common::DEMO), common::DEMO);
    assert_eq!(common::codes(&demo), ["CUS007", "RET003", "SLA002"]);
    let clean = common::lint_as(&common::root().join("fixtures/clean"), "fixtures/clean");
    assert_eq!(common::codes(&clean), Vec::<String>::new());
}

/// `rust-version` of Cargo.toml.
fn rust_version() -> String {
    let manifest = std::fs::read_to_string(common::root().join("Cargo.toml")).unwrap();
    let line = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml sets rust-version");
    line.trim_matches('"').to_owned()
}

#[test]
fn the_readme_says_the_minimum_rust_version_before_the_setup_in_both_languages() {
    let readme = common::readme();
    let setup = readme.find(SETUP).unwrap();
    let version = rust_version();
    let english = format!("Rust {version} or later");
    let chinese = format!("Rust {version} 或更高版本");
    for says in [&english, &chinese] {
        let at = readme
            .find(says.as_str())
            .unwrap_or_else(|| panic!("README: `{says}`"));
        assert!(
            at < readme.find("## What a finding looks like").unwrap(),
            "{says}"
        );
    }
    let setup_block = setup + readme[setup..].find("```sh").unwrap();
    assert!(readme.find(&english).unwrap() < setup_block);
}

/// The commands of the README's Chinese quick start, run in order in an empty folder: `init`
/// writes a template, `lint --lang zh` reports its placeholders in Chinese, `--fix` runs.
#[test]
fn the_chinese_quick_start_runs() {
    let commands = setup_commands("## 快速上手");
    assert!(
        commands[0].starts_with("cargo install --locked --path ."),
        "{commands:?}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for command in &commands[1..] {
        let args: Vec<&str> = command
            .strip_prefix("selfcheck ")
            .unwrap_or_else(|| panic!("{command}"))
            .split_whitespace()
            .collect();
        let (status, out, err) = common::output(selfcheck().current_dir(tmp.path()).args(&args));
        assert!(matches!(status, Some(0 | 1)), "{command}: {err}");
        seen.push((args[0].to_owned(), args.contains(&"--fix"), out, err));
    }
    let init = seen.iter().find(|(c, ..)| c == "init").expect("init");
    assert!(init.2.contains("已将"), "{}", init.2);
    let lint = seen
        .iter()
        .find(|(c, fix, ..)| c == "lint" && !fix)
        .expect("lint");
    assert!(lint.2.contains("错误[SUB006]"), "{}", lint.2);
    let fix = seen
        .iter()
        .find(|(c, fix, ..)| c == "lint" && *fix)
        .expect("--fix");
    assert!(fix.3.contains("已在"), "{}", fix.3);
}
