//! One idiom for words (STYLE habit 12): a message is a bilingual value (`Text`, `text!`), the
//! presentation words with their plurals are `render::words`, and no output of another library
//! is rewritten to translate it. This module keeps a second idiom out of `src/` and shows the
//! errors of the run as a person reads them, in both languages: written by selfcheck, as
//! findings are.

use crate::common::{self, selfcheck};
use std::path::PathBuf;

/// Whether a line of code holds a second idiom.
type Sees = fn(&str) -> bool;

/// What is not the idiom, and how to tell it on a line of code.
const SECOND_IDIOMS: &[(&str, Sees)] = &[
    ("a match on the language", |l| {
        ["Lang::Zh", "Lang::En"]
            .iter()
            .any(|lang| l.find(lang).is_some_and(|at| l[at..].contains("=>")))
    }),
    ("words chosen by comparing the language", |l| {
        ["== Lang::", "!= Lang::", "lang ==", "lang !="]
            .iter()
            .any(|p| l.contains(p))
    }),
    ("`Lang::pick`", |l| l.contains(".pick(")),
    ("a private `tr`", |l| l.contains("fn tr(")),
    ("rewriting another library's output", |l| {
        l.contains("fn in_language") || patches_a_word(l)
    }),
];

/// The words codespan-reporting, miette and clap write themselves.
const THEIR_WORDS: &[&str] = &["error", "warning", "note", "help", "Error", "Warning"];

/// Whether `l` looks for one of [`THEIR_WORDS`] in text to replace it: as bytes (`b"note"`), or
/// as the first argument of `replace`, `replacen`, `find` or `strip_prefix`.
fn patches_a_word(l: &str) -> bool {
    THEIR_WORDS.iter().any(|word| {
        l.contains(&format!("b\"{word}"))
            || [
                ".replace(\"",
                ".replacen(\"",
                ".find(\"",
                ".strip_prefix(\"",
            ]
            .iter()
            .any(|call| {
                l.match_indices(call)
                    .any(|(at, _)| l[at + call.len()..].trim_start().starts_with(word))
            })
    })
}

/// The lines a second idiom stays on, each with why.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "src/finding.rs",
        "Lang::En => &self.en,",
        "`Text::get` itself: the one place a language picks its side of a text",
    ),
    (
        "src/finding.rs",
        "Lang::Zh if self.zh.is_empty() => &self.en,",
        "`Text::get` itself",
    ),
    (
        "src/finding.rs",
        "Lang::Zh => &self.zh,",
        "`Text::get` itself",
    ),
    (
        "src/main.rs",
        "Lang::Zh if e.use_stderr() => match cli::argument_error_zh(&e) {",
        "a different structure, not different words: clap writes its own argument errors in \
         English, with its usage and its exit; in Chinese selfcheck writes them from the \
         error's kind",
    ),
];

fn src() -> PathBuf {
    common::root().join("src")
}

/// The lines of code of `text` (1-based numbers): without its test module (the last item of a
/// file, where a test may compare with another library's output) and without comment lines.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.starts_with("#[cfg(test)]"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
        .collect()
}

/// Each line of `text` with a second idiom: its number, the line, and what it is.
fn second_idioms(text: &str) -> Vec<(usize, String, &'static str)> {
    let mut found = Vec::new();
    for (number, line) in code_lines(text) {
        for (what, is) in SECOND_IDIOMS {
            if is(line) {
                found.push((number, line.trim().to_owned(), *what));
            }
        }
    }
    found
}

#[test]
fn no_second_idiom_for_words_in_src() {
    let files = common::rust_files(&src());
    let mut unjustified = Vec::new();
    let mut used = vec![0; ALLOWED.len()];
    for path in &files {
        let rel = path
            .strip_prefix(common::root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        for (number, line, what) in second_idioms(&text) {
            match ALLOWED
                .iter()
                .position(|(file, allowed, _)| *file == rel && *allowed == line)
            {
                Some(i) => used[i] += 1,
                None => unjustified.push(format!("{rel}:{number}: {what}: {line}")),
            }
        }
    }
    assert!(
        unjustified.is_empty(),
        "say these with `text!`/`Text` or a phrase of `render::words`, and never rewrite \
         another library's output (STYLE habit 12):\n{}",
        unjustified.join("\n")
    );
    for ((file, line, _), n) in ALLOWED.iter().zip(used) {
        assert_eq!(n, 1, "the allowed line {file}: {line} is found {n} times");
    }
}

#[test]
fn the_guard_sees_each_second_idiom() {
    let seen = |code: &str| -> Vec<&str> {
        second_idioms(code)
            .into_iter()
            .map(|(_, _, what)| what)
            .collect()
    };
    for (code, what) in [
        ("    Lang::Zh => \"错误\",", "a match on the language"),
        (
            "        (Severity::Info, Lang::Zh) => \"提示\",",
            "a match on the language",
        ),
        (
            "    Lang::En => format!(\"{n} files\"),",
            "a match on the language",
        ),
        (
            "    let h = if lang == Lang::Zh { zh } else { en };",
            "words chosen by comparing the language",
        ),
        (
            "    if lang != Lang::En {",
            "words chosen by comparing the language",
        ),
        (
            "    let label = lang.pick(\"help\", \"帮助\");",
            "`Lang::pick`",
        ),
        (
            "pub(super) fn tr(lang: Lang, en: &str, zh: &str) -> &str {",
            "a private `tr`",
        ),
        (
            "        Severity::Info => b\"note\",",
            "rewriting another library's output",
        ),
        (
            "    s.replace(\"help:\", \"帮助:\")",
            "rewriting another library's output",
        ),
        (
            "        .map(|line| match line.find(\"  help: \") {",
            "rewriting another library's output",
        ),
        (
            "fn in_language(rendered: &[u8]) -> Vec<u8> {",
            "rewriting another library's output",
        ),
    ] {
        assert_eq!(seen(code), [what], "{code}");
    }
    for code in [
        "        Some(\"zh\") => Lang::Zh,",
        "    let settings = Settings::new(Lang::Zh);",
        "    out.push_str(text!(\"help\", \"帮助\").get(lang));",
        "    // Lang::Zh => is what a comment may say",
        "    let at = text.find(\"\\n\").unwrap();",
    ] {
        assert_eq!(seen(code), Vec::<&str>::new(), "{code}");
    }
    // A test module may compare with another library's output.
    assert!(
        seen("fn f() {}\n#[cfg(test)]\nmod tests {\n    s.replace(\"note\", \"info\");\n}")
            .is_empty()
    );
}

/// `selfcheck ARGS`: exit status and standard error.
fn error_of(args: &[&str]) -> (Option<i32>, String) {
    let (status, _, err) = common::output(selfcheck().args(args));
    (status, err)
}

/// What no error of the run shows any more: miette's own layout and words.
fn assert_selfchecks_own(err: &str) {
    for theirs in ["×", "╭", "╰", "Error:", "错误: \n", "  help:"] {
        assert!(!err.contains(theirs), "{theirs:?} in:\n{err}");
    }
}

#[test]
fn an_error_of_the_run_reads_as_a_finding_does_in_both_languages() {
    let (status, en) = error_of(&[
        "lint",
        "--today",
        "2026-11-20",
        "does-not-exist",
        "--lang",
        "en",
    ]);
    assert_eq!(status, Some(2));
    assert_eq!(
        en,
        "error: `does-not-exist` does not exist\n = help: check the path; it is relative to the current folder\n\n"
    );
    let (status, zh) = error_of(&[
        "lint",
        "--today",
        "2026-11-20",
        "does-not-exist",
        "--lang",
        "zh",
    ]);
    assert_eq!(status, Some(2));
    assert_eq!(
        zh,
        "错误: `does-not-exist` 不存在\n = 帮助: 请检查路径；它相对于当前文件夹\n\n"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("no-such-folder/report.json");
    let out = format!("json={}", out.display());
    let clean = common::root().join("fixtures/clean");
    let clean = clean.to_str().unwrap();
    let (status, en) = error_of(&[
        "lint",
        "--today",
        "2026-11-20",
        clean,
        "--output",
        &out,
        "--lang",
        "en",
    ]);
    assert_eq!(status, Some(2));
    assert!(
        en.starts_with("error: cannot write `") && en.contains("`: no such file or folder\n"),
        "{en}"
    );
    assert!(
        en.ends_with("\n = help: check that its folder exists and can be written to\n\n"),
        "{en}"
    );
    let (_, zh) = error_of(&[
        "lint",
        "--today",
        "2026-11-20",
        clean,
        "--output",
        &out,
        "--lang",
        "zh",
    ]);
    assert!(
        zh.starts_with("错误: 无法写入 `") && zh.contains("`：文件或文件夹不存在\n"),
        "{zh}"
    );
    assert!(
        zh.ends_with("\n = 帮助: 请确认其所在文件夹存在且可写入\n\n"),
        "{zh}"
    );
    for err in [en, zh] {
        assert_selfchecks_own(&err);
    }
}

#[test]
fn each_mistake_of_a_configuration_is_a_block_with_its_lines_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("gate.yaml");
    std::fs::write(&config, "rules:\n  CUS999: off\n  RET003: loud\n").unwrap();
    let config = config.to_str().unwrap();
    let clean = common::root().join("fixtures/clean");
    let lint = |lang| {
        let args = [
            "lint",
            clean.to_str().unwrap(),
            "--config",
            config,
            "--lang",
            lang,
        ];
        let (status, err) = error_of(&args);
        assert_eq!(status, Some(2), "{err}");
        assert_selfchecks_own(&err);
        err
    };
    assert_eq!(
        lint("en"),
        format!(
            "error: no rule has the code `CUS999`\n  ┌─ {config}:2:3\n  │\n2 │   CUS999: off\n  │   ^^^^^^ here\n  │\n  = help: did you mean `CUS009`?\n\n\
             error: `loud` is not a level: one of `off`, `info`, `warning`, `error`\n  ┌─ {config}:3:11\n  │\n3 │   RET003: loud\n  │           ^^^^ here\n  │\n  = help: a rule's level is `off`, `info`, `warning` or `error`\n\n"
        )
    );
    assert_eq!(
        lint("zh"),
        format!(
            "错误: 没有代码为 `CUS999` 的规则\n  ┌─ {config}:2:3\n  │\n2 │   CUS999: off\n  │   ^^^^^^ 此处\n  │\n  = 帮助: 是否应为 `CUS009`？\n\n\
             错误: `loud` 不是级别：应为 `off`、`info`、`warning`、`error` 之一\n  ┌─ {config}:3:11\n  │\n3 │   RET003: loud\n  │           ^^^^ 此处\n  │\n  = 帮助: 规则的级别为 `off`、`info`、`warning` 或 `error`\n\n"
        )
    );
}
