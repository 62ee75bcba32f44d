//! The command line's manners (issue 28): `--lang` takes the names locales give Chinese; the help
//! of every command is Chinese under `--lang zh` or a Chinese locale; argument errors keep clap's
//! suggestion in Chinese; `--format xml` suggests `junit`; a path that does not exist fails the
//! run even with `--allow-no-submission`; two `--output` naming one file are refused before
//! anything is written; `--days -5` is told the horizon is a positive number of days.

use crate::common::{self, selfcheck};

/// `selfcheck ARGS` with `env`: exit status, standard output, standard error.
fn run(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    common::output(selfcheck().args(args).envs(env.iter().copied()))
}

#[test]
fn lang_takes_the_names_locales_give_chinese() {
    for zh in ["zh", "zh-CN", "zh_CN", "zh-Hans", "zh-hans", "cn", "ZH"] {
        for args in [
            vec!["lint", "nowhere", "--lang", zh],
            vec!["lint", "nowhere", &format!("--lang={zh}")],
        ] {
            let args: Vec<&str> = args.iter().map(|a| a.as_ref()).collect();
            let (status, _, err) = run(&args, &[]);
            assert_eq!(status, Some(2), "{args:?}: {err}");
            assert!(err.contains("`nowhere` 不存在"), "{args:?}: {err}");
        }
    }
    let (_, out, _) = run(&["rules", "--lang", "zh-CN"], &[]);
    assert!(out.contains("境内发货人与营业执照主体不一致"), "{out}");
    let (status, _, err) = run(&["lint", "nowhere", "--lang", "en-US"], &[]);
    assert_eq!(status, Some(2));
    assert!(err.contains("`nowhere` does not exist"), "{err}");
}

/// Every command, and how its help is asked for.
const COMMANDS: &[&str] = &[
    "",
    "lint",
    "forecast",
    "rules",
    "init",
    "schema",
    "completions",
    "server",
    "explain",
];

/// What clap writes in English around a help, and what no Chinese help may show.
const CLAPS_WORDS: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print",
    "possible values",
    "default:",
];

#[test]
fn every_help_is_chinese_under_lang_zh_or_a_chinese_locale() {
    for command in COMMANDS {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        for (extra, env) in [
            (&["--lang", "zh"][..], &[][..]),
            (&[][..], &[("LANG", "zh_CN.UTF-8")][..]),
            (
                &[][..],
                &[("LANG", "C.UTF-8"), ("LANGUAGE", "zh_CN:en")][..],
            ),
        ] {
            let all: Vec<&str> = args.iter().chain(extra).copied().collect();
            let (status, out, err) = run(&all, env);
            assert_eq!(status, Some(0), "{all:?} {env:?}: {err}");
            assert!(out.contains("用法:"), "{all:?} {env:?}:\n{out}");
            for word in CLAPS_WORDS {
                assert!(!out.contains(word), "{all:?} {env:?}: `{word}` in\n{out}");
            }
        }
        // And English without either.
        let (_, out, _) = run(&args, &[]);
        assert!(out.contains("Usage:"), "{args:?}:\n{out}");
    }
    // `help COMMAND` too.
    let (_, out, _) = run(&["help", "lint"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        out.contains("用法: selfcheck lint [选项] [路径]..."),
        "{out}"
    );
    let (_, out, _) = run(&["lint", "--help", "--lang", "zh"], &[]);
    for says in [
        "检查提交文件夹",
        "--fail-on <级别>",
        "[默认: error]",
        "[可选: error、warning、info、never]",
        "--fix",
        "反复应用安全修复",
        "-h, --help",
        "显示帮助",
    ] {
        assert!(out.contains(says), "`{says}` missing from\n{out}");
    }
}

#[test]
fn rules_and_explain_describe_their_options() {
    for (command, lang) in [(&["rules"][..], "en"), (&["explain", "CUS007"][..], "en")] {
        let args: Vec<&str> = [command[0], "--help", "--lang", lang].to_vec();
        let (_, out, _) = run(&args, &[]);
        // `--lang <LANG>  Language of the messages … [possible values: en, zh]`: words of its
        // own before clap's values.
        let described = |flag: &str| {
            out.lines()
                .find(|l| l.trim_start().starts_with(flag))
                .and_then(|l| l.split_once('>'))
                .is_some_and(|(_, rest)| {
                    let rest = rest.trim_start();
                    !rest.is_empty() && !rest.starts_with('[')
                })
        };
        assert!(described("--lang"), "{command:?}:\n{out}");
        if command[0] == "rules" {
            assert!(described("--format"), "{command:?}:\n{out}");
        }
    }
}

#[test]
fn an_argument_error_in_chinese_keeps_the_suggestion() {
    let (status, _, en) = run(&["lint", "--fail-on", "warnin"], &[]);
    assert_eq!(status, Some(2));
    assert!(en.contains("'warning'"), "{en}");
    let (status, _, zh) = run(&["lint", "--lang", "zh", "--fail-on", "warnin"], &[]);
    assert_eq!(status, Some(2));
    assert!(zh.contains("`warnin` 不是 `--fail-on"), "{zh}");
    assert!(zh.contains("提示：存在相似的值：`warning`"), "{zh}");
}

#[test]
fn format_xml_suggests_junit() {
    let (status, _, en) = run(&["lint", "--format", "xml"], &[]);
    assert_eq!(status, Some(2));
    assert!(en.contains("'junit'") && !en.contains("'html'"), "{en}");
    let (_, _, zh) = run(&["lint", "--format", "xml", "--lang", "zh"], &[]);
    assert!(zh.contains("`junit`") && !zh.contains("`html`"), "{zh}");
    let (_, _, en) = run(&["lint", "--output", "xml=out.xml"], &[]);
    assert!(en.contains("did you mean `junit`?"), "{en}");
    // A misspelling still gets the closest name.
    let (_, _, en) = run(&["lint", "--format", "sarf"], &[]);
    assert!(en.contains("'sarif'"), "{en}");
}

#[test]
fn a_path_that_does_not_exist_fails_even_with_allow_no_submission() {
    let clean = common::root().join("fixtures/clean");
    let clean = clean.to_str().unwrap();
    for args in [
        vec!["lint", "does-not-exist/"],
        vec!["lint", "--allow-no-submission", "does-not-exist/"],
        vec!["lint", "--allow-no-submission", clean, "does-not-exist/"],
        vec!["lint", "--allow-no-submission", "does-not-exist/", clean],
    ] {
        let (status, _, err) = run(&common::dated(&args), &[]);
        assert_eq!(status, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("`does-not-exist/` does not exist"),
            "{args:?}: {err}"
        );
    }
    // A path that holds no submission is still passed over.
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().to_str().unwrap();
    let (status, _, err) = run(
        &common::dated(&["lint", "--allow-no-submission", empty]),
        &[],
    );
    assert_eq!(status, Some(0), "{err}");
}

#[test]
fn two_outputs_naming_one_file_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = common::root().join("fixtures/clean");
    for (first, second) in [
        ("sarif=report", "junit=report"),
        ("sarif=report", "json=./report"),
        ("sarif=out/../report", "junit=report"),
    ] {
        let (status, _, err) = common::output(
            selfcheck()
                .current_dir(tmp.path())
                .arg("lint")
                .arg(&clean)
                .args([
                    "--today",
                    common::TODAY,
                    "--output",
                    first,
                    "--output",
                    second,
                ]),
        );
        assert_eq!(status, Some(2), "{first} {second}: {err}");
        assert!(err.contains("--output"), "{err}");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "{first} {second}: something was written"
        );
    }
}

#[test]
fn a_negative_horizon_is_told_the_horizon_is_a_positive_number_of_days() {
    for (days, lang, says) in [
        ("-5", "en", "positive number of days"),
        ("0", "en", "positive number of days"),
        ("-5", "zh", "正整数"),
    ] {
        let (status, _, err) = run(
            &["forecast", "--days", days, "--lang", lang, "fixtures/clean"],
            &[],
        );
        assert_eq!(status, Some(2), "{days}: {err}");
        assert!(err.contains(says), "{days}: {err}");
        assert!(!err.contains("-- -5"), "{days}: {err}");
    }
}
