//! Every word selfcheck writes follows `--lang` (or the locale): the human output's severities,
//! labels, summary and progress line; the messages of the machine formats; the errors of the run
//! (exit 2), rule-pack mistakes included; the YAML parser's errors; English counts in the singular
//! and the plural. Each in both languages.

use crate::common::{self, selfcheck};

use selfcheck::finding::{Finding, Lang};
use std::path::Path;
use std::time::Duration;

/// `selfcheck ARGS` in `cwd`: exit status, stdout, stderr.
fn run(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    common::output(
        selfcheck()
            .current_dir(cwd)
            .args(args)
            .envs(env.iter().copied()),
    )
}

/// Human output of the rule fixture `name` in `lang`.
fn fixture_human(name: &str, lang: Lang) -> String {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules").join(name));
    common::human(&common::lint_as(&dir, name), lang)
}

#[test]
fn severities_and_labels_are_in_the_language_of_the_run() {
    for (fixture, en, zh) in [
        ("RET003", "error[RET003]: ", "错误[RET003]: "),
        ("CHL020", "warning[CHL020]: ", "警告[CHL020]: "),
        ("CMP005", "info[CMP005]: ", "提示[CMP005]: "),
    ] {
        let english = fixture_human(fixture, Lang::En);
        let chinese = fixture_human(fixture, Lang::Zh);
        assert!(english.starts_with(en), "{english}");
        assert!(chinese.starts_with(zh), "{chinese}");
        assert!(english.contains(" = help: "), "{english}");
        assert!(chinese.contains(" = 帮助: "), "{chinese}");
        for word in ["error", "warning", "info", "note", "help", "suggested fix"] {
            assert!(
                !chinese.contains(&format!("{word}:")) && !chinese.contains(&format!("{word}[")),
                "`{word}` in:\n{chinese}"
            );
        }
    }
    let english = fixture_human("RET003", Lang::En);
    let chinese = fixture_human("RET003", Lang::Zh);
    assert!(english.contains("\n  = suggested fix: "), "{english}");
    assert!(english.contains("\n  = note: 28.3%"), "{english}");
    assert!(chinese.contains("\n  = 建议修改: "), "{chinese}");
    assert!(chinese.contains("\n  = 说明: 28.3%"), "{chinese}");
}

#[test]
fn colour_does_not_keep_the_english_severity() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/RET003"));
    let report = common::lint_as(&dir, "RET003");
    let mut out = Vec::new();
    selfcheck::render::human::render(&report, Lang::Zh, true, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("错误[RET003]") && out.contains('\u{1b}'),
        "{out}"
    );
    assert!(!out.contains("error"), "{out}");
}

#[test]
fn the_summary_and_the_progress_line_count_in_each_language() {
    use selfcheck::Counts;
    use selfcheck::render::words::{found, progress};
    let one = Counts {
        error: 1,
        warning: 0,
        info: 0,
    };
    assert_eq!(
        found(one, 1).get(Lang::En),
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 submission."
    );
    assert_eq!(
        found(one, 1).get(Lang::Zh),
        "在 1 份提交中发现 1 个问题（错误 1，警告 0，提示 0）。"
    );
    assert_eq!(
        found(Counts::default(), 2).get(Lang::En),
        "No problems found in 2 submissions."
    );
    assert_eq!(
        found(Counts::default(), 2).get(Lang::Zh),
        "检查了 2 份提交，未发现问题。"
    );
    assert_eq!(
        progress(1, Duration::from_secs(3)).get(Lang::En),
        "1 submission linted in 3s"
    );
    assert_eq!(
        progress(12, Duration::from_secs(65)).get(Lang::En),
        "12 submissions linted in 1m 05s"
    );
    assert_eq!(
        progress(1, Duration::from_secs(3)).get(Lang::Zh),
        "已检查 1 份提交，用时 3 秒"
    );
    assert_eq!(
        progress(12, Duration::from_secs(65)).get(Lang::Zh),
        "已检查 12 份提交，用时 1 分 05 秒"
    );
}

/// The progress line as a person on a terminal sees it (needs `script`, util-linux).
#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn the_progress_line_on_a_terminal_is_in_chinese() {
    let (tmp, _dir) = common::huacai();
    let out = std::process::Command::new("script")
        .args([
            "-qec",
            // Standard error (the progress line) to the terminal, the findings away.
            "exec \"$SELFCHECK_BIN\" lint huacai --lang zh 2>&1 >/dev/null",
            "/dev/null",
        ])
        .env("SELFCHECK_BIN", common::bin())
        .stdin(std::process::Stdio::null())
        .current_dir(tmp.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("已检查 1 份提交，用时"), "{shown:?}");
    assert!(!shown.contains("linted"), "{shown:?}");
}

#[test]
fn fix_counts_are_singular_or_plural_in_english_and_chinese() {
    let (tmp, dir) = common::clean_copy();
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    let broken = returns
        .replace("postal_code: CP 28009", "postal_code: 28009")
        .replace("postal_code: CEP 01310-100", "postal_code: 01310100");
    assert_ne!(broken, returns, "the clean returns.yaml changed");
    let write = || std::fs::write(dir.join("returns.yaml"), &broken).unwrap();
    write();
    let (_, _, err) = run(tmp.path(), &["lint", "submission", "--diff"], &[]);
    assert!(err.contains("Would fix 2 findings in 1 file."), "{err}");
    let (_, _, err) = run(
        tmp.path(),
        &["lint", "submission", "--diff", "--lang", "zh"],
        &[],
    );
    assert!(err.contains("可在 1 个文件中修复 2 个问题。"), "{err}");
    let (_, _, err) = run(
        tmp.path(),
        &["lint", "--today", "2026-11-20", "submission", "--fix"],
        &[],
    );
    assert!(err.contains("Fixed 2 findings in 1 file."), "{err}");
    std::fs::write(
        dir.join("returns.yaml"),
        returns.replace("postal_code: CP 28009", "postal_code: 28009"),
    )
    .unwrap();
    let (_, _, err) = run(
        tmp.path(),
        &["lint", "--today", "2026-11-20", "submission", "--fix"],
        &[],
    );
    assert!(err.contains("Fixed 1 finding in 1 file."), "{err}");
    write();
    let (_, _, err) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "submission",
            "--fix",
            "--lang",
            "zh",
        ],
        &[],
    );
    assert!(err.contains("已在 1 个文件中修复 2 个问题。"), "{err}");
    // The summary of the second lint, in English, has its counts right too.
    let (_, out, _) = run(
        tmp.path(),
        &["lint", "--today", "2026-11-20", "submission"],
        &[],
    );
    assert!(out.contains("No problems found in 1 submission."), "{out}");
}

/// Each error of the run (exit 2), in English and in Chinese: what, and what to do.
#[test]
fn errors_of_the_run_are_in_the_language_of_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    common::copy_dir(
        &common::root().join("fixtures/clean"),
        &tmp.path().join("clean"),
    );
    let pack = tmp.path().join("pack");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("AGY100.yaml"),
        "code: RET003\nseverity: error\ntitle: {en: x, zh: x}\ngiven: returns.yaml#/addresses/*/region\nthen: {required: true}\n",
    )
    .unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["lint", "--today", "2026-11-20", "nowhere"],
            "`nowhere` does not exist",
            "`nowhere` 不存在",
        ),
        (
            &["lint", "--today", "2026-11-20", "empty"],
            "no submission found in `empty`",
            "在 `empty` 中没有找到提交",
        ),
        (
            &[
                "lint",
                "--today",
                "2026-11-20",
                "clean",
                "--select",
                "RET03",
            ],
            "--select: no rule has the code or prefix `RET03`",
            "--select：没有规则的代码是 `RET03` 或以它开头",
        ),
        (
            &[
                "lint",
                "--today",
                "2026-11-20",
                "clean",
                "--output",
                "json=missing/out.json",
            ],
            "cannot write `missing/out.json`: no such file or folder",
            "无法写入 `missing/out.json`：文件或文件夹不存在",
        ),
        (
            &["lint", "--today", "2026-11-20", "clean", "--checks", "pack"],
            "`RET003` is a built-in rule's code",
            "`RET003` 是内置规则的代码",
        ),
        (
            &["explain", "RET03"],
            "no rule has the code `RET03`",
            "没有代码为 `RET03` 的规则",
        ),
    ];
    for (args, en, zh) in cases {
        let (status, _, err) = run(tmp.path(), args, &[]);
        assert_eq!(status, Some(2), "{args:?}: {err}");
        assert!(err.contains(en), "{args:?}: {err}");
        assert!(err.contains("help: "), "{args:?}: {err}");
        let mut zh_args = args.to_vec();
        zh_args.extend(["--lang", "zh"]);
        let (status, _, err) = run(tmp.path(), &zh_args, &[]);
        assert_eq!(status, Some(2), "{zh_args:?}: {err}");
        assert!(err.contains(zh), "{zh_args:?}: {err}");
        assert!(
            !err.contains("help") && !err.contains("── here") && !err.contains(en),
            "{zh_args:?}: {err}"
        );
    }
    // The help of each, in Chinese.
    let (_, _, err) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "clean",
            "--select",
            "RET03",
            "--lang",
            "zh",
        ],
        &[],
    );
    assert!(err.contains("帮助: 是否应为 `RET003`？"), "{err}");
    let (_, _, err) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "clean",
            "--checks",
            "pack",
            "--lang",
            "zh",
        ],
        &[],
    );
    assert!(
        err.contains("此处") && err.contains("帮助: 请自拟代码"),
        "{err}"
    );
    // `init` has no --lang: the locale speaks.
    let (status, _, err) = run(tmp.path(), &["init", "clean"], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(status, Some(2));
    assert!(
        err.contains("`clean` 已存在且不为空") && err.contains("帮助: 请换一个新的文件夹名"),
        "{err}"
    );
    let (_, _, err) = run(tmp.path(), &["init", "clean"], &[]);
    assert!(
        err.contains("`clean` already exists and is not empty"),
        "{err}"
    );
}

/// SPEC §4's order: `LANGUAGE` (its first entry in a language selfcheck speaks), then the
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`). Unlike gettext, `LANGUAGE` counts under the `C`
/// locale too: `LANG=C.UTF-8` is a container's default, `LANGUAGE` the user's own choice.
#[test]
fn the_language_comes_from_the_locale_in_gettexts_order() {
    let tmp = tempfile::tempdir().unwrap();
    for (env, chinese) in [
        (&[("LANGUAGE", "zh_CN:en")][..], true),
        (
            &[("LANGUAGE", "zh_CN:en"), ("LC_ALL", "en_US.UTF-8")][..],
            true,
        ),
        (
            &[("LANGUAGE", "fr:zh_CN"), ("LANG", "en_US.UTF-8")][..],
            true,
        ),
        (
            &[("LANGUAGE", "en:zh_CN"), ("LANG", "zh_CN.UTF-8")][..],
            false,
        ),
        (&[("LANGUAGE", "zh_CN"), ("LC_ALL", "C")][..], true),
        (&[("LANG", "C.UTF-8"), ("LANGUAGE", "zh_CN:en")][..], true),
        (&[("LANG", "C.UTF-8"), ("LANGUAGE", "en:zh")][..], false),
        (
            &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            true,
        ),
        (
            &[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            true,
        ),
        (
            &[("LC_ALL", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")][..],
            false,
        ),
        (&[("LANG", "zh_CN.UTF-8")][..], true),
        (&[("LANGUAGE", ""), ("LANG", "zh_CN.UTF-8")][..], true),
        (&[][..], false),
    ] {
        let (_, _, err) = run(
            tmp.path(),
            &["lint", "--today", "2026-11-20", "nowhere"],
            env,
        );
        let zh = err.contains("`nowhere` 不存在");
        assert_eq!(zh, chinese, "{env:?}: {err}");
        assert_eq!(err.contains("does not exist"), !chinese, "{env:?}: {err}");
    }
}

#[test]
fn machine_formats_carry_their_messages_in_the_language_of_the_run() {
    let (tmp, _dir) = common::huacai();
    let (_, github, _) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "huacai",
            "--format",
            "github",
            "--lang",
            "zh",
        ],
        &[],
    );
    assert!(
        github.contains("title=RET003::西班牙邮政编码缺少 CP 前缀: ")
            && github.contains("%0A帮助: ")
            && !github.contains("help:"),
        "{github}"
    );
    let (_, sarif, _) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "huacai",
            "--format",
            "sarif",
            "--lang",
            "zh",
        ],
        &[],
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let run0 = &sarif["runs"][0];
    let message = run0["results"][0]["message"]["text"].as_str().unwrap();
    assert!(
        message.contains("\n帮助: ") && !message.contains("help"),
        "{message}"
    );
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let markdown = rules[0]["help"]["markdown"].as_str().unwrap();
    assert!(
        markdown.contains("**原因。**") && markdown.contains("**修改方法。**"),
        "{markdown}"
    );
    assert!(!markdown.contains("**Why.**"), "{markdown}");
    let (_, sarif_en, _) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "huacai",
            "--format",
            "sarif",
        ],
        &[],
    );
    assert!(sarif_en.contains("**Why.**") && sarif_en.contains("\\nhelp: "));
    let (_, json) = common::lint_json_in(tmp.path(), &["huacai", "--lang", "zh"]);
    let f = &json["submissions"][0]["findings"][0];
    assert_eq!(f["code"], "CUS007");
    assert_eq!(
        f["severity"], "error",
        "keys and values of the contract stay"
    );
    assert_eq!(f["title"], "境内发货人与营业执照主体不一致");
}

/// The SUB002 finding of `returns.yaml` holding `text`.
fn yaml_finding(text: &str) -> Finding {
    let (_tmp, dir) = common::clean_copy();
    std::fs::write(dir.join("returns.yaml"), text).unwrap();
    let report = common::lint_as(&dir, "submission");
    report.submissions[0]
        .findings
        .iter()
        .find(|f| f.code == "SUB002")
        .cloned()
        .unwrap_or_else(|| panic!("no SUB002 for {text:?}"))
}

/// The parser's English never reaches a message: each of its errors is named as the mistake, in
/// both languages.
#[test]
fn yaml_errors_are_named_in_both_languages() {
    let cases = [
        (
            "addresses:\n  - market: \"ES\n",
            "quoted value is not closed",
            "缺少结尾的引号",
        ),
        (
            "addresses: [ES, BR\n",
            "`[` is never closed",
            "`[` 没有对应的 `]`",
        ),
        (
            "addresses: {a: 1\n",
            "`{` is never closed",
            "`{` 没有对应的 `}`",
        ),
        (
            "addresses: [ES}\n",
            "`[` is closed by `}`",
            "`[` 被 `}` 关闭",
        ),
        (
            "addresses:\n\t- market: ES\n",
            "a tab in the indentation",
            "缩进中有制表符",
        ),
        (
            "addresses: 1\nmarket ES\nx: 1\n",
            "a key without `:`",
            "键后缺少 `:`",
        ),
        (
            "addresses: 1 # c\nmarket #c\n",
            "a key without `:`",
            "键后缺少 `:`",
        ),
        (
            "addresses: a: b\n",
            "a `key: value` cannot start here",
            "此处不能开始 `键: 值`",
        ),
        (
            "- a\naddresses: 1\n",
            "a list entry and a key at the same level",
            "混用了列表条目和键",
        ),
        (
            "addresses: @x\n",
            "a value cannot start with `@`",
            "值不能以 `@` 开头",
        ),
        ("addresses: *x\n", "names no anchor", "锚点"),
        ("addresses: \"\\q\"\n", "backslash escape", "反斜杠转义"),
        (
            "addresses: 1\naddresses: 2\n",
            "the key `addresses` appears twice",
            "键 `addresses` 在同一映射中出现了两次",
        ),
        (
            "addresses: [1, 2\nx: 3\n",
            "is not closed, or its entries lack `,`",
            "没有闭合，或条目之间缺少 `,`",
        ),
    ];
    let parser_words = [
        "while parsing",
        "did not find",
        "simple key",
        "mapping values",
        "scanning",
        "expected",
        "unexpected",
        "anchor",
        "indicator",
    ];
    for (text, en, zh) in cases {
        let f = yaml_finding(text);
        let help = f.help.clone().unwrap_or_default();
        assert!(f.message.en.contains(en), "{text:?}: {:?}", f.message.en);
        assert!(f.message.zh.contains(zh), "{text:?}: {:?}", f.message.zh);
        assert!(!help.en.is_empty() && !help.zh.is_empty(), "{text:?}: help");
        for word in parser_words {
            assert!(
                !f.message.zh.to_lowercase().contains(word)
                    && !help.zh.to_lowercase().contains(word),
                "{text:?}: the parser's `{word}` in {:?} / {:?}",
                f.message.zh,
                help.zh
            );
        }
        for word in &parser_words[..5] {
            assert!(
                !f.message.en.contains(word),
                "{text:?}: the parser's `{word}` in {:?}",
                f.message.en
            );
        }
    }
}

/// Chinese text has no space between two Chinese characters; values (in backticks) are left as
/// they are.
#[test]
fn chinese_messages_have_no_stray_spaces() {
    let cjk = |c: char| ('\u{3400}'..='\u{9fff}').contains(&c);
    let stray = |text: &str| -> bool {
        let without_values: String = text
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, part)| part)
            .collect::<Vec<_>>()
            .join("`…`");
        let chars: Vec<char> = without_values.chars().collect();
        chars
            .windows(3)
            .any(|w| cjk(w[0]) && w[1] == ' ' && cjk(w[2]))
    };
    for name in common::fixture_names() {
        let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules").join(&name));
        let report = common::lint_as(&dir, &name);
        for f in &report.submissions[0].findings {
            let mut texts = vec![&f.message];
            texts.extend(f.help.as_ref());
            texts.extend(f.labels.iter().map(|l| &l.message));
            texts.extend(f.fix.as_ref().map(|x| &x.description));
            for t in texts {
                assert!(!stray(&t.zh), "{name}: {:?}", t.zh);
            }
        }
        let human = common::human(&report, Lang::Zh);
        for line in human.lines().filter(|l| l.starts_with("  = ")) {
            assert!(!stray(line), "{name}: {line}");
        }
    }
}

/// Mistakes in the arguments themselves, which the command-line parser finds, in Chinese too.
#[test]
fn argument_mistakes_are_in_the_language_of_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["lint", "--today", "2026-13-01"],
            "`2026-13-01` is not a date written YYYY-MM-DD",
            "`--today <日期>` 的值 `2026-13-01` 无效：`2026-13-01` 不是 YYYY-MM-DD 格式的日期",
        ),
        (
            &["lint", "--today", "2026-11-20", "--tody", "2026-11-20"],
            "unexpected argument '--tody'",
            "没有参数 `--tody`；是否应为 `--today`？",
        ),
        (
            &["lint", "--today", "2026-11-20", "--format", "xml"],
            "invalid value 'xml'",
            "`xml` 不是 `--format <格式>` 的有效值（可选：",
        ),
        (
            &["lint", "--today", "2026-11-20", "--output", "foo"],
            "`foo` is not FORMAT=PATH",
            "`foo` 不是 FORMAT=PATH 的形式",
        ),
        (
            &["lint", "--today", "2026-11-20", "--fix", "--diff"],
            "cannot be used with",
            "不能与 `--diff` 同时使用",
        ),
        (
            &["lint", "--today", "2026-11-20", "--shard", "3/2"],
            "`3/2` is not K/N with 1 <= K <= N",
            "`3/2` 不是 K/N 形式（1 <= K <= N），如 2/8",
        ),
        (
            &["forecast", "--shard", "0/2"],
            "`0/2` is not K/N with 1 <= K <= N",
            "`0/2` 不是 K/N 形式（1 <= K <= N），如 2/8",
        ),
    ];
    for (args, en, zh) in cases {
        let (status, _, err) = run(tmp.path(), args, &[]);
        assert_eq!(status, Some(2), "{args:?}: {err}");
        assert!(err.contains(en), "{args:?}: {err}");
        let mut zh_args = args.to_vec();
        zh_args.extend(["--lang", "zh"]);
        let (status, _, err) = run(tmp.path(), &zh_args, &[]);
        assert_eq!(status, Some(2), "{zh_args:?}: {err}");
        assert!(
            err.starts_with("错误：") && err.contains(zh),
            "{zh_args:?}: {err}"
        );
        assert!(
            !err.contains("error") && !err.contains("For more"),
            "{zh_args:?}: {err}"
        );
        // The locale does the same as the flag.
        let (_, _, by_locale) = run(tmp.path(), args, &[("LANG", "zh_CN.UTF-8")]);
        assert!(
            by_locale.contains(zh),
            "{args:?} under LANG=zh_CN: {by_locale}"
        );
    }
}
