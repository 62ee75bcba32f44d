//! The binary end to end: arguments, exit status, output formats, discovery.

use crate::common::{self, selfcheck};

use serde_json::Value;

#[test]
fn clean_demo_exits_zero_with_no_findings() {
    selfcheck()
        .current_dir(common::root())
        .args([
            "lint",
            "--today",
            "2026-11-20",
            "fixtures/clean",
            "--fail-on",
            "info",
        ])
        .assert()
        .code(0)
        .stdout(
            "No problems found in 1 submission.\nAs of 2026-11-20 (--today), for every submission.\nNext break: fixtures/clean on 2027-02-04.\n",
        );
}

#[test]
fn json_follows_the_contract() {
    let today = common::lint_json(
        common::root().join("fixtures/clean"),
        &["--today", "2026-11-25"],
    )
    .1;
    assert_eq!(today["as_of"], "2026-11-25");
    assert_eq!(today["submissions"][0]["as_of"], "2026-11-25");
    // Without --today the top-level as_of is null; each submission has its own, and says
    // where it came from.
    let now = common::lint_json_now(common::root().join("fixtures/clean"), &[]).1;
    assert_eq!(now["as_of"], Value::Null);
    assert_eq!(now["submissions"][0]["as_of_source"], "today");
    let json = common::lint_json(common::root().join("fixtures/clean"), &[]).1;
    assert_eq!(json["version"], 1);
    assert_eq!(json["as_of"], common::TODAY);
    assert_eq!(
        json["counts"],
        serde_json::json!({"error": 0, "warning": 0, "info": 0})
    );
    let sub = &json["submissions"][0];
    assert_eq!(sub["findings"], serde_json::json!([]));
    assert_eq!(
        (&sub["program"], &sub["as_of"], &sub["config"]),
        (
            &serde_json::json!("cooperation"),
            &serde_json::json!("2026-11-20"),
            &Value::Null
        )
    );
    // The whole shape once, as a snapshot (the rule fixtures snapshot their human output only):
    // the keys in their order — `version`, `submissions`, `as_of`, `counts`, and each
    // submission's and each finding's — with a finding labelled in another file (CUS007), one
    // with a fix (RET003) and a missing document, which has no place (SUB001).
    let (tmp, dir) = common::huacai();
    std::fs::remove_file(dir.join("fulfillment.yaml")).unwrap();
    let (status, json) = common::lint_json_in(tmp.path(), &["huacai"]);
    assert_eq!(status, Some(1));
    insta::assert_json_snapshot!("json_contract", json);
}

#[test]
fn trade_agent_declaration_is_cus007_with_a_label_on_the_licence() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/CUS007"));
    let json = common::lint_json(&dir, &[]).1;
    let f = &json["submissions"][0]["findings"][0];
    assert_eq!(f["code"], "CUS007");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64(), f["column"].as_u64()),
        (Some("customs.yaml"), Some(8), Some(21))
    );
    // Columns count characters: 12 CJK characters end at column 33.
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(8), Some(33))
    );
    let label = &f["labels"][0];
    assert_eq!(
        (
            label["file"].as_str(),
            label["line"].as_u64(),
            label["column"].as_u64()
        ),
        (Some("license.yaml"), Some(1), Some(14))
    );
    assert!(f["help"].as_str().unwrap().contains("供应链"));
    assert_eq!(f["fix"], Value::Null);

    let human = selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("error[CUS007]: consignor differs from the licensed entity"),
        "{text}"
    );
    assert!(
        text.contains("customs.yaml:8:21") && text.contains("license.yaml:1:14"),
        "{text}"
    );
    assert!(text.contains("= note: 41.7%"), "{text}");
}

#[test]
fn missing_path_and_folder_without_submission_are_exit_2() {
    selfcheck()
        .args(["lint", "--today", "2026-11-20", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
    let empty = tempfile::tempdir().unwrap();
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no submission found"));
}

#[test]
fn bad_arguments_are_exit_2() {
    selfcheck()
        .args(["lint", "--format", "xml"])
        .assert()
        .code(2);
    selfcheck()
        .args(["lint", "--today", "2026-13-01"])
        .assert()
        .code(2);
    selfcheck()
        .args(["explain", "CUS0077"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `CUS007`?"));
}

#[test]
fn fail_on_sets_the_threshold() {
    // SUB003 is a warning.
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/SUB003"));
    selfcheck().arg("lint").arg(&dir).assert().code(0);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--fail-on", "warning"])
        .assert()
        .code(1);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--fail-on", "info"])
        .assert()
        .code(1);
    let (_tmp2, bad) = common::layered(&common::root().join("fixtures/rules/CUS007"));
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&bad)
        .args(["--fail-on", "never"])
        .assert()
        .code(0);
}

#[test]
fn language_comes_from_the_flag_or_the_locale() {
    let (_tmp, dir) = common::layered(&common::root().join("fixtures/rules/CUS007"));
    let zh = "错误[CUS007]: 境内发货人与营业执照主体不一致";
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .args(["--lang", "zh"])
        .assert()
        .stdout(predicates::str::contains(zh));
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .env("LANG", "zh_CN.UTF-8")
        .assert()
        .stdout(predicates::str::contains(zh));
    // LC_ALL wins over LANG.
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(&dir)
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .assert()
        .stdout(predicates::str::contains("consignor differs"));
    // gettext's order: LANGUAGE (its first entry), LC_ALL, LC_MESSAGES, LANG.
    for (env, chinese) in [
        (
            &[("LANGUAGE", "zh_CN:en"), ("LC_ALL", "en_US.UTF-8")][..],
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
    ] {
        let mut cmd = selfcheck();
        cmd.env_remove("LANGUAGE").env_remove("LC_MESSAGES");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(["lint", "--today", "2026-11-20"])
            .arg(&dir)
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        assert_eq!(shown.contains(zh), chinese, "{env:?}: {shown}");
    }
}

#[test]
fn today_overrides_submitted_on() {
    let json = common::lint_json(
        common::root().join("fixtures/clean"),
        &["--today", "2026-12-01"],
    )
    .1;
    assert_eq!(json["as_of"], "2026-12-01");
}

#[test]
fn agency_folder_finds_every_submission_in_order_and_skips_hidden_and_target() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = common::root().join("fixtures/clean");
    for sub in [
        "sellers/b-shop",
        "sellers/a-shop",
        ".hidden/x",
        "target/y",
        "sellers/nested/deeper/c",
    ] {
        common::copy_dir(&clean, &tmp.path().join(sub));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        tmp.path().join("sellers/a-shop"),
        tmp.path().join("sellers/z-link"),
    )
    .unwrap();
    let json = common::lint_json(tmp.path(), &[]).1;
    let paths: Vec<String> = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["path"]
                .as_str()
                .unwrap()
                .rsplit_once("/sellers/")
                .unwrap()
                .1
                .to_owned()
        })
        .collect();
    assert_eq!(paths, ["a-shop", "b-shop", "nested/deeper/c"]);
}

#[cfg(unix)]
#[test]
fn a_link_named_on_the_command_line_is_followed() {
    let tmp = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        common::root().join("fixtures/clean"),
        tmp.path().join("demo"),
    )
    .unwrap();
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(tmp.path().join("demo"))
        .assert()
        .code(0);
    selfcheck()
        .args(["lint", "--today", "2026-11-20"])
        .arg(tmp.path().join("demo/submission.yaml"))
        .assert()
        .code(0);
}

#[test]
fn rules_and_explain_read_the_catalogue() {
    let out = selfcheck()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"CUS007") && codes.contains(&"SUB001"),
        "{codes:?}"
    );
    selfcheck()
        .args(["explain", "cus007"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("41.7%"));
    selfcheck()
        .args(["explain", "CUS007", "--lang", "zh"])
        .assert()
        .stdout(predicates::str::contains("修改方法"));
}

/// CHL008 is retired (folded into CHL002): `explain` says so, `rules` does not list it, and a
/// configuration that sets its level is still usable — the entry is ignored and the run says so
/// once on standard error, however many submissions the configuration covers.
#[test]
fn a_retired_rule_is_explained_not_listed_and_ignored_by_a_configuration() {
    for (lang, said) in [("en", "folded into CHL002"), ("zh", "并入 CHL002")] {
        let (status, out, _) =
            common::output(selfcheck().args(["explain", "CHL008", "--lang", lang]));
        assert_eq!(status, Some(0), "{out}");
        assert!(out.contains(said), "{out}");
    }
    for args in [&["rules"][..], &["rules", "--format", "json"]] {
        let (status, out, _) = common::output(selfcheck().args(args));
        assert_eq!(status, Some(0));
        assert!(out.contains("CHL002") && !out.contains("CHL008"), "{out}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let agency = tmp.path().join("agency");
    for seller in ["a", "b"] {
        common::copy_dir(
            &common::root().join("fixtures/challenge"),
            &agency.join(seller),
        );
    }
    std::fs::write(
        agency.join(".selfcheck.yaml"),
        "rules:\n  CHL008: off\n  CHL017: off\n",
    )
    .unwrap();
    let (status, out, err) = common::output(
        selfcheck()
            .current_dir(tmp.path())
            .args(["lint", "agency", "--format", "json"]),
    );
    assert_eq!(status, Some(0), "{out}\n{err}");
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("CHL008")).collect();
    assert_eq!(
        notes,
        [
            "note: `agency/.selfcheck.yaml` sets a level for CHL008, a retired rule: CHL008 was folded into CHL002 (its second eligible profile, a factory seller with at least 50 SKUs); the entry is ignored"
        ],
        "{err}"
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    for sub in json["submissions"].as_array().unwrap() {
        assert_eq!(sub["config"], "agency/.selfcheck.yaml");
        assert_eq!(sub["findings"], serde_json::json!([]));
    }
}
