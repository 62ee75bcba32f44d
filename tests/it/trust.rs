//! Who may relax the gate (SPEC §7): the agency's configuration above a submission wins over the
//! seller's own (SEL002), a found configuration that cannot be used is SEL003 in the submissions
//! it covers (only a broken `--config` stops the run), reports name the configuration applied,
//! the summary counts the failing submissions, and inline suppressions can be turned off.

use crate::common::{self, selfcheck};

use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A folder holding `seller`, a copy of the clean submission with a RET003 (Spanish postal code
/// without its prefix) in `returns.yaml`.
fn with_ret003(root: &Path, seller: &str) -> PathBuf {
    let dir = root.join(seller);
    common::copy_dir(&common::root().join("fixtures/clean"), &dir);
    std::fs::copy(
        common::root().join("fixtures/rules/RET003/returns.yaml"),
        dir.join("returns.yaml"),
    )
    .unwrap();
    dir
}

/// The binary run in `cwd` with `args`: exit status, stdout.
fn run(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (status, out, err) = common::output(selfcheck().current_dir(cwd).args(args));
    (status, out + &err)
}

/// The codes of a JSON submission's findings, in order.
fn codes(sub: &Value) -> Vec<&str> {
    sub["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

fn finding<'a>(sub: &'a Value, code: &str) -> &'a Value {
    sub["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {sub:#}"))
}

#[test]
fn an_agency_configuration_above_wins_and_the_sellers_own_is_sel002() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_ret003(&tmp.path().join("agency/sellers"), "huacai");
    std::fs::write(
        tmp.path().join("agency/.selfcheck.yaml"),
        "rules:\n  SLA004: error\n",
    )
    .unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["agency"]);
    assert_eq!(status, Some(1), "the seller cannot turn RET003 off");
    let sub = &report["submissions"][0];
    assert_eq!(sub["config"], "agency/.selfcheck.yaml");
    assert_eq!(codes(sub), ["SEL002", "RET003"]);
    let sel002 = finding(sub, "SEL002");
    assert_eq!(sel002["severity"], "warning");
    assert_eq!(sel002["file"], ".selfcheck.yaml");
    assert_eq!(sel002["line"], Value::Null, "the whole file");
    assert!(
        sel002["message"]
            .as_str()
            .unwrap()
            .contains("`../../.selfcheck.yaml`"),
        "{sel002}"
    );
    // The contract's keys, in its order.
    let keys: Vec<&String> = sub.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "path",
            "program",
            "as_of",
            "as_of_source",
            "config",
            "status",
            "valid_until",
            "findings",
            "counts"
        ]
    );
    // The agency may turn SEL002 off like any rule.
    std::fs::write(
        tmp.path().join("agency/.selfcheck.yaml"),
        "rules:\n  SEL002: off\n",
    )
    .unwrap();
    let (_, report) = common::lint_json_in(tmp.path(), &["agency"]);
    assert_eq!(codes(&report["submissions"][0]), ["RET003"]);
}

#[test]
fn without_an_agency_configuration_the_sellers_own_applies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_ret003(tmp.path(), "huacai");
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    let (status, report) = common::lint_json_in(&dir, &["."]);
    assert_eq!(status, Some(0));
    let sub = &report["submissions"][0];
    assert_eq!(sub["config"], ".selfcheck.yaml");
    assert_eq!(codes(sub), Vec::<&str>::new());
    // Without any file, the defaults: `config` is null.
    std::fs::remove_file(dir.join(".selfcheck.yaml")).unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["huacai"]);
    assert_eq!(status, Some(1));
    assert_eq!(report["submissions"][0]["config"], Value::Null);
}

#[test]
fn a_configuration_below_a_submission_folder_is_still_the_sellers() {
    // A submission nested in another: the outer folder's file is the seller's, not an agency's.
    let tmp = tempfile::tempdir().unwrap();
    let outer = with_ret003(tmp.path(), "outer");
    let inner = with_ret003(&outer, "branch");
    std::fs::write(outer.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    let (_, report) = common::lint_json_in(tmp.path(), &[inner.to_str().unwrap()]);
    let sub = &report["submissions"][0];
    assert_eq!(codes(sub), Vec::<&str>::new(), "{sub:#}");
    assert_eq!(sub["config"], "outer/.selfcheck.yaml");
}

#[test]
fn config_flag_overrides_every_found_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_ret003(&tmp.path().join("agency"), "huacai");
    // A broken agency file is not read at all under --config.
    std::fs::write(tmp.path().join("agency/.selfcheck.yaml"), "rules: [\n").unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    std::fs::create_dir(tmp.path().join("ci")).unwrap();
    std::fs::write(
        tmp.path().join("ci/gate.yaml"),
        "rules:\n  RET003: warning\n",
    )
    .unwrap();
    let (status, report) =
        common::lint_json_in(tmp.path(), &["agency", "--config", "ci/gate.yaml"]);
    assert_eq!(status, Some(0), "RET003 is a warning by --config");
    let sub = &report["submissions"][0];
    assert_eq!(sub["config"], "ci/gate.yaml");
    assert_eq!(codes(sub), ["SEL002", "RET003"]);
    assert!(
        finding(sub, "SEL002")["message"]
            .as_str()
            .unwrap()
            .contains("`--config ci/gate.yaml`")
    );
    assert_eq!(finding(sub, "RET003")["severity"], "warning");
}

#[test]
fn a_broken_config_flag_stops_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    with_ret003(tmp.path(), "huacai");
    std::fs::write(tmp.path().join("gate.yaml"), "rules:\n  RET03: off\n").unwrap();
    let (status, out) = run(
        tmp.path(),
        &[
            "lint",
            "huacai",
            "--config",
            "gate.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(status, Some(2));
    assert!(
        out.contains("gate.yaml:2:3") && out.contains("did you mean `RET003`?"),
        "{out}"
    );
}

#[test]
fn a_broken_found_configuration_is_sel003_at_its_line_and_the_defaults_apply() {
    let tmp = tempfile::tempdir().unwrap();
    with_ret003(&tmp.path().join("agency"), "huacai");
    with_ret003(tmp.path(), "elsewhere");
    let config = tmp.path().join("agency/.selfcheck.yaml");
    for (text, at, want) in [
        ("rules:\n  RET03: off\n", (2, 3), "did you mean `RET003`?"),
        ("rulez:\n  RET003: off\n", (1, 1), "did you mean `rules`?"),
        (
            "rules:\n  RET003: of\n",
            (2, 11),
            "one of `off`, `info`, `warning`, `error`",
        ),
        (
            "markets:\n  ES: {postal_prefix_requird: false}\n",
            (2, 8),
            "did you mean `postal_prefix_required`?",
        ),
        (
            "inline_suppressions: perhaps\n",
            (1, 22),
            "`true` or `false`",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        let (status, report) = common::lint_json_in(tmp.path(), &["."]);
        assert_eq!(status, Some(1), "{text}");
        let subs = report["submissions"].as_array().unwrap();
        let covered = subs.iter().find(|s| s["path"] == "agency/huacai").unwrap();
        assert_eq!(covered["config"], Value::Null, "the defaults applied");
        let sel003 = finding(covered, "SEL003");
        assert_eq!(sel003["severity"], "error");
        assert_eq!(sel003["file"], "../.selfcheck.yaml");
        assert_eq!(
            (sel003["line"].clone(), sel003["column"].clone()),
            (json!(at.0), json!(at.1)),
            "{text}: {sel003}"
        );
        let shown = format!("{} {}", sel003["message"], sel003["help"]);
        assert!(shown.contains(want), "{text}: {shown}");
        // The defaults apply: RET003 is an error.
        assert_eq!(finding(covered, "RET003")["severity"], "error");
        // The other submission is not affected.
        let other = subs.iter().find(|s| s["path"] == "elsewhere").unwrap();
        assert_eq!(codes(other), ["RET003"]);
    }
    // YAML that cannot be read: SEL003 at the syntax error, and in Chinese too.
    std::fs::write(&config, "rules: [RET003\n").unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["agency", "--lang", "zh"]);
    assert_eq!(status, Some(1));
    let sel003 = finding(&report["submissions"][0], "SEL003");
    assert_eq!(sel003["title"], "配置文件无法使用");
    assert!(
        sel003["message"].as_str().unwrap().contains("内置默认设置"),
        "{sel003}"
    );
}

#[test]
fn sel003_is_not_dropped_by_select() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_ret003(tmp.path(), "huacai");
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET03: off\n").unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["huacai", "--select", "CUS"]);
    assert_eq!(status, Some(1));
    let sub = &report["submissions"][0];
    assert_eq!(codes(sub), ["SEL003"]);
    assert_eq!(finding(sub, "SEL003")["file"], ".selfcheck.yaml");
    // Only naming it in --ignore drops it.
    let (status, _) = common::lint_json_in(
        tmp.path(),
        &["huacai", "--select", "CUS", "--ignore", "SEL003"],
    );
    assert_eq!(status, Some(0));
}

#[cfg(unix)]
#[test]
fn a_found_configuration_that_is_a_link_is_sel003_and_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_ret003(tmp.path(), "huacai");
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "SECRET_API_KEY: sk-live-123\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.join(".selfcheck.yaml")).unwrap();
    let (status, out) = run(tmp.path(), &["lint", "--today", "2026-11-20", "huacai"]);
    assert_eq!(status, Some(1));
    assert!(
        out.contains("error[SEL003]")
            && out.contains("not a regular file")
            && !out.contains("SECRET"),
        "{out}"
    );
    let (_, report) = common::lint_json_in(tmp.path(), &["huacai"]);
    let sel003 = finding(&report["submissions"][0], "SEL003");
    assert_eq!(
        (sel003["file"].as_str(), sel003["line"].as_u64()),
        (Some(".selfcheck.yaml"), None)
    );
}

#[test]
fn the_human_summary_counts_failing_submissions_and_names_the_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    with_ret003(&tmp.path().join("agency"), "huacai");
    let clean = tmp.path().join("agency/zhenxing");
    common::copy_dir(&common::root().join("fixtures/clean"), &clean);
    let (status, out) = run(tmp.path(), &["lint", "agency", "--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    assert!(out.contains("\n1 of 2 submissions has errors.\n"), "{out}");
    assert!(
        !out.contains("Configuration"),
        "the defaults are not named: {out}"
    );
    let (_, out) = run(
        tmp.path(),
        &["lint", "agency", "--today", "2026-11-20", "--lang", "zh"],
    );
    assert!(out.contains("\n2 份提交中有 1 份存在错误。\n"), "{out}");
    // With the agency's file, it is named.
    std::fs::write(
        tmp.path().join("agency/.selfcheck.yaml"),
        "rules:\n  RET003: warning\n",
    )
    .unwrap();
    let (status, out) = run(tmp.path(), &["lint", "agency", "--today", "2026-11-20"]);
    assert_eq!(status, Some(0));
    assert!(
        out.contains(
            "\nNone of the 2 submissions has errors.\nConfiguration: agency/.selfcheck.yaml\n"
        ),
        "{out}"
    );
    let (_, out) = run(
        tmp.path(),
        &[
            "lint",
            "agency",
            "--today",
            "2026-11-20",
            "--fail-on",
            "warning",
            "--lang",
            "zh",
        ],
    );
    assert!(
        out.contains("\n2 份提交中有 1 份存在错误或警告。\n配置文件：agency/.selfcheck.yaml\n"),
        "{out}"
    );
    // One submission: the counts line says it all.
    let (_, out) = run(
        tmp.path(),
        &["lint", "agency/zhenxing", "--today", "2026-11-20"],
    );
    assert!(!out.contains(" of 1 "), "{out}");
}

#[test]
fn sarif_names_the_configurations_in_its_invocation_and_validates() {
    let tmp = tempfile::tempdir().unwrap();
    with_ret003(&tmp.path().join("agency"), "huacai");
    with_ret003(tmp.path(), "elsewhere");
    std::fs::write(
        tmp.path().join("agency/.selfcheck.yaml"),
        "rules:\n  SLA004: error\n",
    )
    .unwrap();
    let out = selfcheck()
        .current_dir(tmp.path())
        .args(["lint", "--today", "2026-11-20", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/data/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        sarif["runs"][0]["invocations"],
        json!([{
            "executionSuccessful": true,
            "properties": {"configurations": [
                {"path": "agency/.selfcheck.yaml", "submissions": 1},
                {"path": null, "submissions": 1},
            ]},
        }])
    );
}

/// The three-problem submission with the RET003 line suppressed by a comment.
fn suppressed(root: &Path) -> PathBuf {
    let dir = with_ret003(root, "huacai");
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    std::fs::write(
        dir.join("returns.yaml"),
        returns.replace(
            "    postal_code: 28009",
            "    # selfcheck: ignore[RET003] label printed by the warehouse\n    postal_code: 28009",
        ),
    )
    .unwrap();
    dir
}

#[test]
fn no_inline_suppressions_makes_the_suppressed_findings_count() {
    let tmp = tempfile::tempdir().unwrap();
    suppressed(tmp.path());
    let (status, report) = common::lint_json_in(tmp.path(), &["huacai"]);
    assert_eq!(status, Some(0));
    let f = finding(&report["submissions"][0], "RET003");
    assert_eq!(
        f["suppression"],
        json!({"kind": "inline", "reason": "label printed by the warehouse"})
    );
    assert!(f.get("ignored_suppression").is_none());
    let (status, report) =
        common::lint_json_in(tmp.path(), &["huacai", "--no-inline-suppressions"]);
    assert_eq!(status, Some(1));
    let sub = &report["submissions"][0];
    assert_eq!(
        codes(sub),
        ["RET003"],
        "and no SEL001 for the ignored comment"
    );
    let f = finding(sub, "RET003");
    assert!(f.get("suppression").is_none(), "{f}");
    assert_eq!(
        f["ignored_suppression"],
        json!({"kind": "inline", "reason": "label printed by the warehouse"})
    );
    assert_eq!(sub["counts"]["error"], 1);
    // The same from `inline_suppressions: false` in --config.
    std::fs::write(tmp.path().join("gate.yaml"), "inline_suppressions: false\n").unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["huacai", "--config", "gate.yaml"]);
    assert_eq!(status, Some(1));
    assert!(finding(&report["submissions"][0], "RET003")["ignored_suppression"].is_object());
    let (_, out) = run(
        tmp.path(),
        &[
            "lint",
            "--today",
            "2026-11-20",
            "huacai",
            "--no-inline-suppressions",
        ],
    );
    assert!(out.contains("error[RET003]"), "{out}");
    assert!(
        out.contains("1 finding is named by inline suppressions that this run does not honour."),
        "{out}"
    );
}

#[test]
fn an_agency_can_turn_inline_suppressions_off_and_a_seller_cannot_turn_them_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = suppressed(&tmp.path().join("agency"));
    std::fs::write(
        tmp.path().join("agency/.selfcheck.yaml"),
        "inline_suppressions: false\n",
    )
    .unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "inline_suppressions: true\n").unwrap();
    let (status, report) = common::lint_json_in(tmp.path(), &["agency"]);
    assert_eq!(status, Some(1));
    let sub = &report["submissions"][0];
    assert_eq!(codes(sub), ["SEL002", "RET003"]);
    assert!(finding(sub, "RET003")["ignored_suppression"].is_object());
    // A seller may make their own run stricter.
    std::fs::remove_file(tmp.path().join("agency/.selfcheck.yaml")).unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "inline_suppressions: false\n").unwrap();
    let (status, _) = common::lint_json_in(tmp.path(), &["agency"]);
    assert_eq!(status, Some(1));
}

/// `fixtures/trust/agency-tree` laid over clean submissions in a fresh folder.
fn agency_tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for seller in [
        "agency/sellers/huacai",
        "agency/sellers/lianfa",
        "agency/sellers/zhenxing",
        "agency/sellers/yuanhang",
        "agency/regional/sellers/mingde",
    ] {
        common::copy_dir(
            &common::root().join("fixtures/clean"),
            &tmp.path().join(seller),
        );
    }
    // yuanhang: `Submission.yaml`, which Linux CI does not find as `submission.yaml`.
    let yuanhang = tmp.path().join("agency/sellers/yuanhang");
    std::fs::rename(
        yuanhang.join("submission.yaml"),
        yuanhang.join("Submission.yaml"),
    )
    .unwrap();
    common::copy_dir(
        &common::root().join("fixtures/trust/agency-tree"),
        tmp.path(),
    );
    tmp
}

#[test]
fn an_agency_tree_with_a_sellers_own_and_a_broken_configuration() {
    let tmp = agency_tree();
    let (status, report) = common::lint_json_in(tmp.path(), &["agency", "--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    let subs = report["submissions"].as_array().unwrap();
    let paths: Vec<&str> = subs.iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "agency/regional/sellers/mingde",
            "agency/sellers/huacai",
            "agency/sellers/lianfa",
            "agency/sellers/yuanhang",
            "agency/sellers/zhenxing"
        ]
    );
    let configs: Vec<&Value> = subs.iter().map(|s| &s["config"]).collect();
    assert_eq!(
        configs,
        [
            &Value::Null,
            &json!("agency/.selfcheck.yaml"),
            &json!("agency/.selfcheck.yaml"),
            &json!("agency/.selfcheck.yaml"),
            &json!("agency/.selfcheck.yaml")
        ]
    );
    // mingde: the regional file is broken; SEL003 there, linted with the defaults.
    assert_eq!(codes(&subs[0]), ["SEL003"]);
    let sel003 = finding(&subs[0], "SEL003");
    assert_eq!(
        (&sel003["file"], &sel003["line"], &sel003["column"]),
        (&json!("../../.selfcheck.yaml"), &json!(2), &json!(3))
    );
    // huacai: its own file is not used; RET003 stays an error.
    assert_eq!(codes(&subs[1]), ["SEL002", "RET003"]);
    assert_eq!(
        subs[1]["counts"],
        json!({"error": 1, "warning": 1, "info": 0})
    );
    // lianfa: the agency does not honour inline suppressions.
    assert_eq!(codes(&subs[2]), ["RET003"]);
    let ret003 = finding(&subs[2], "RET003");
    assert_eq!(
        ret003["ignored_suppression"]["reason"],
        "the warehouse prints the bare code"
    );
    assert_eq!(subs[2]["counts"]["error"], 1);
    // yuanhang: a misnamed submission.yaml is a submission with SUB001, never skipped.
    assert_eq!(codes(&subs[3]), ["SUB001"]);
    assert!(
        finding(&subs[3], "SUB001")["help"]
            .as_str()
            .unwrap()
            .contains("Submission.yaml"),
        "{}",
        subs[3]
    );
    // zhenxing: clean.
    assert_eq!(codes(&subs[4]), Vec::<&str>::new());
    assert_eq!(
        report["counts"],
        json!({"error": 4, "warning": 1, "info": 0})
    );
    let (status, out) = run(tmp.path(), &["lint", "agency", "--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    assert!(
        out.ends_with(
            "4 of 5 submissions have errors.\nConfigurations: the built-in defaults (1 submission); agency/.selfcheck.yaml (4 submissions)\nAs of 2026-11-20 (--today), for every submission.\nNext break: agency/sellers/zhenxing on 2027-03-15.\n"
        ),
        "{out}"
    );
}

/// The folder tree a configuration rule's catalogue example shows, built in `root` as written:
/// a listing of paths (`agency/sellers/huacai/.selfcheck.yaml   # rules: {CUS007: off}`: the
/// comment is the file's content, a path without one an empty file, and a `submission.yaml` a copy
/// of the clean submission in its folder), or one file (`# .selfcheck.yaml` then its text: the
/// whole example is the file, in the seller's folder `huacai` with the clean submission).
/// Returns the folders holding a submission, relative to `root`.
fn build_catalogue_example(root: &Path, code: &str) -> Vec<String> {
    let catalogue = selfcheck::catalogue::Catalogue::builtin();
    let example = &catalogue
        .get(code)
        .unwrap_or_else(|| panic!("{code}: no catalogue entry"))
        .example;
    let lines: Vec<&str> = example.lines().filter(|l| !l.trim().is_empty()).collect();
    let clean = common::root().join("fixtures/clean");
    let listing = lines.iter().all(|l| {
        let path = l.split('#').next().unwrap().trim();
        !path.is_empty() && !path.contains(char::is_whitespace) && path.contains('/')
    });
    if listing {
        let mut submissions = Vec::new();
        // The submissions first, so that a configuration listed before its submission's
        // `submission.yaml` is not overwritten.
        for line in &lines {
            let path = line.split('#').next().unwrap().trim();
            if let Some(folder) = path.strip_suffix("/submission.yaml") {
                common::copy_dir(&clean, &root.join(folder));
                submissions.push(folder.to_owned());
            }
        }
        for line in &lines {
            let (path, content) = match line.split_once('#') {
                Some((path, comment)) => (path.trim(), comment.trim().to_owned() + "\n"),
                None => (line.trim(), String::new()),
            };
            if path.ends_with("/submission.yaml") {
                continue;
            }
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        assert!(
            !submissions.is_empty(),
            "{code}: the example lists no submission.yaml"
        );
        submissions
    } else {
        let name = lines[0]
            .strip_prefix('#')
            .map(str::trim)
            .filter(|n| n.ends_with(".yaml"))
            .unwrap_or_else(|| panic!("{code}: neither a listing nor one named file:\n{example}"));
        let seller = root.join("huacai");
        common::copy_dir(&clean, &seller);
        std::fs::write(seller.join(name), example).unwrap();
        vec!["huacai".to_owned()]
    }
}

#[test]
fn the_catalogue_examples_of_sel002_and_sel003_fire_as_written() {
    for code in ["SEL002", "SEL003"] {
        let tmp = tempfile::tempdir().unwrap();
        let submissions = build_catalogue_example(tmp.path(), code);
        let (_, report) = common::lint_json_in(tmp.path(), &[".", "--today", "2026-11-20"]);
        for path in &submissions {
            let sub = report["submissions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["path"] == path.as_str())
                .unwrap_or_else(|| panic!("{code}: no submission {path} in {report:#}"));
            // The clean submission fires nothing else.
            assert_eq!(codes(sub), [code], "{code}: {sub:#}");
            assert_eq!(finding(sub, code)["file"], ".selfcheck.yaml", "{sub:#}");
        }
    }
    // SEL002: the agency's file applies, the seller's `CUS007: off` does not.
    let tmp = tempfile::tempdir().unwrap();
    build_catalogue_example(tmp.path(), "SEL002");
    let (_, report) = common::lint_json_in(tmp.path(), &["agency", "--today", "2026-11-20"]);
    assert_eq!(report["submissions"][0]["config"], "agency/.selfcheck.yaml");
    // SEL003: at the unknown code, with the defaults applied.
    let tmp = tempfile::tempdir().unwrap();
    build_catalogue_example(tmp.path(), "SEL003");
    let (status, report) = common::lint_json_in(tmp.path(), &["huacai", "--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    let sub = &report["submissions"][0];
    assert_eq!(sub["config"], Value::Null, "the defaults applied");
    let sel003 = finding(sub, "SEL003");
    assert_eq!((&sel003["line"], &sel003["column"]), (&json!(3), &json!(3)));
    assert!(
        sel003["help"]
            .as_str()
            .unwrap_or_default()
            .contains("`CUS007`"),
        "{sel003}"
    );
}

/// `selfcheck lint agency --format human --today 2026-11-20` run in `root`, with its paths
/// relative to it and no colour.
fn human_of_agency(root: &Path) -> String {
    let (status, out) = run(
        root,
        &[
            "lint",
            "agency",
            "--format",
            "human",
            "--today",
            "2026-11-20",
        ],
    );
    assert_eq!(status, Some(1), "{out}");
    out
}

/// The rendered diagnostics of SEL002 and SEL003: `fixtures/trust/agency-tree` as linted in CI.
#[test]
fn the_agency_tree_renders_sel002_and_sel003() {
    let tmp = agency_tree();
    let out = human_of_agency(tmp.path());
    assert!(
        out.contains("warning[SEL002]") && out.contains("error[SEL003]"),
        "{out}"
    );
    insta::assert_snapshot!("agency_tree.human", out);
}

/// The same tree with the regional configuration corrected and no seller's own: neither SEL002
/// nor SEL003, and every submission under an agency configuration.
#[test]
fn the_agency_tree_with_valid_configurations_renders_neither() {
    let tmp = agency_tree();
    let regional = tmp.path().join("agency/regional/.selfcheck.yaml");
    let text = std::fs::read_to_string(&regional).unwrap();
    assert!(text.contains("CUS07:"), "{text}");
    std::fs::write(&regional, text.replace("CUS07:", "CUS007:")).unwrap();
    std::fs::remove_file(tmp.path().join("agency/sellers/huacai/.selfcheck.yaml")).unwrap();
    let out = human_of_agency(tmp.path());
    assert!(!out.contains("SEL002") && !out.contains("SEL003"), "{out}");
    insta::assert_snapshot!("agency_tree_valid.human", out);
}
