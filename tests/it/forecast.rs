//! `selfcheck forecast`: the change-point forecast equals a lint of every day of the horizon (on
//! the fixtures and on generated submissions), its break dates agree with `lint --today`, and
//! the calendar parses, carries its reminders and keeps its UIDs from run to run.
//!
//! Every rule that reads the as-of date states its change points (`DATED` in
//! `src/rules/registry.rs`; pack rules' date functions in `src/forecast`). None is linted daily
//! today; a rule that could not state them would be registered `Dates::Daily` and checked on
//! every day, and `no_file_reads_the_as_of_date_without_change_points` names each file that
//! reads it.

use crate::common::{self, layered, root};

use proptest::prelude::*;
use selfcheck::finding::Severity;
use selfcheck::forecast::{self, Forecast, Method};
use selfcheck::model::Date;
use selfcheck::render::forecast::Gained;
use selfcheck::report::Horizon;
use selfcheck::run::Linter;
use std::path::Path;

fn date(s: &str) -> Date {
    Date::parse(s, false).unwrap()
}

/// Each break: its date and the findings it brings (code and place).
type Breaks = Vec<(String, Vec<(String, String)>)>;

fn breaks(f: &Forecast<Gained>) -> Breaks {
    f.breaks
        .iter()
        .map(|b| {
            let found = b.findings.iter().map(|g| (g.code.clone(), g.at.clone()));
            (b.date.to_string(), found.collect())
        })
        .collect()
}

fn both(
    dir: &Path,
    options: &selfcheck::Options,
    fail_on: Severity,
) -> (Forecast<Gained>, Forecast<Gained>) {
    let config = selfcheck::config::Config::default();
    let options = selfcheck::Options {
        fail_on: selfcheck::FailOn(Some(fail_on)),
        ..options.clone()
    };
    let linter = Linter::of_folder(dir, &options, &config);
    let run = |method| {
        let f = forecast::forecast(&linter, Horizon::DEFAULT, method);
        f.map(|g| Gained::of(&options.catalogue, &linter.sub.db, &g))
    };
    (run(Method::ChangePoints), run(Method::EveryDay))
}

/// The change-point forecast of `dir` equals linting every day, at both thresholds; returns the
/// forecast at `error`.
fn assert_same(dir: &Path, options: &selfcheck::Options, what: &str) -> Forecast<Gained> {
    let mut at_error = None;
    for fail_on in [Severity::Error, Severity::Info] {
        let (points, every_day) = both(dir, options, fail_on);
        assert_eq!(
            breaks(&points),
            breaks(&every_day),
            "{what} at {fail_on:?}: change points against every day"
        );
        assert_eq!(points.valid_until(), every_day.valid_until(), "{what}");
        // What fails it now, and when each stops, the same way.
        let now = |f: &Forecast<Gained>| {
            f.now
                .iter()
                .map(|n| (n.finding.code.clone(), n.finding.at.clone(), n.stops_on))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            now(&points),
            now(&every_day),
            "{what} at {fail_on:?}: fails now"
        );
        assert_eq!(
            points.unstated, 0,
            "{what}: a verdict changed on a day no rule stated"
        );
        assert!(points.linted_days <= every_day.linted_days, "{what}");
        // `lint`'s valid-until date (JSON, HTML, the human summary) is the same forecast's.
        let options = selfcheck::Options {
            fail_on: selfcheck::FailOn(Some(fail_on)),
            ..options.clone()
        };
        let config = selfcheck::config::Config::default();
        let linted = forecast::lint_with_outlook(
            Linter::of_folder(dir, &options, &config),
            Horizon::DEFAULT,
        );
        assert_eq!(
            linted.valid_until(),
            Some(every_day.valid_until()),
            "{what} at {fail_on:?}: lint's valid-until date"
        );
        assert_eq!(
            !linted.verdict.passes(),
            every_day.fails_now(),
            "{what} at {fail_on:?}: lint's verdict and the forecast's"
        );
        at_error.get_or_insert(points);
    }
    at_error.unwrap()
}

#[test]
fn the_clean_fixture_breaks_when_a_declaration_leaves_the_window() {
    let options = common::options();
    let f = assert_same(&root().join("fixtures/clean"), &options, "fixtures/clean");
    assert_eq!(f.as_of, date("2026-11-20"));
    // 2026-09-14 + 6 months is 2027-03-14, the last day it counts: the window is inclusive.
    assert_eq!(f.valid_until(), Some(date("2027-03-14")));
    let first = &f.breaks[0];
    assert_eq!(first.findings[0].code, "CUS003");
    assert!(
        first.why[0]
            .en
            .contains("531620260012345901 (2026-09-14) leaves the six-month window"),
        "{:?}",
        first.why
    );
    // Lint agrees: the finding is there on the break date and not the day before.
    let lint = |on: Date| {
        let options = selfcheck::Options {
            today: Some(on),
            ..Default::default()
        };
        let report = selfcheck::lint_submission(&root().join("fixtures/clean"), &options);
        report
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect::<Vec<_>>()
    };
    assert!(lint(first.date).contains(&"CUS003".to_owned()));
    assert!(!lint(first.date.add_days(-1)).contains(&"CUS003".to_owned()));
}

#[test]
fn the_challenge_fixture_holds_and_lists_its_deadlines() {
    let options = common::options();
    let f = assert_same(
        &root().join("fixtures/challenge"),
        &options,
        "fixtures/challenge",
    );
    assert_eq!(f.valid_until(), None);
    let kinds: Vec<(&str, String)> = f
        .deadlines
        .iter()
        .map(|d| (d.kind, d.date.to_string()))
        .collect();
    // challenge_start 2026-11-25: T+7, T+30, T+90; the freeze 72 hours after T+30's end.
    for (kind, on) in [
        ("stage-1", "2026-12-02"),
        ("stage-2", "2026-12-25"),
        ("stage-3", "2027-02-23"),
        ("freeze-first-order", "2026-12-28"),
        ("freeze-a-plus-pages", "2026-12-28"),
        ("freeze-livestreams", "2026-12-28"),
    ] {
        assert!(
            kinds.contains(&(kind, on.to_owned())),
            "{kind} {on}: {kinds:?}"
        );
    }
}

/// The fixtures of the families with date rules (and of the suppressions, whose SEL001 follows
/// the findings they name), each checked at its own as-of date and at another.
#[test]
fn every_date_rule_fixture_matches_a_lint_of_every_day() {
    let families = ["LIC", "CUS", "CMP", "CHL002", "RET009", "SEL001"];
    let passing = common::passing_fixture_names();
    let fixtures = common::fixture_names().into_iter().map(|n| ("rules", n));
    for (folder, name) in fixtures.chain(passing.into_iter().map(|n| ("passing", n))) {
        if !families.iter().any(|f| name.starts_with(f)) {
            continue;
        }
        let (_tmp, dir) = layered(&root().join("fixtures").join(folder).join(&name));
        for today in [None, Some(date("2027-01-31"))] {
            let options = selfcheck::Options {
                today,
                ..Default::default()
            };
            assert_same(
                &dir,
                &options,
                &format!("fixtures/{folder}/{name} {today:?}"),
            );
        }
    }
}

#[test]
fn no_file_reads_the_as_of_date_without_change_points() {
    // `rules/mod.rs` defines `Ctx::as_of` and hands it on; `registry.rs` lists the change points.
    let exempt = ["mod.rs", "registry.rs"];
    let mut unstated = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("src/rules")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let rel = path.strip_prefix(root().join("src/rules")).unwrap();
        let top_mod = rel.to_str() == Some("mod.rs");
        if code.contains("as_of") && !code.contains("_change_points") && !top_mod {
            if exempt.contains(&rel.to_str().unwrap_or("")) && !code.contains("ctx.as_of") {
                continue;
            }
            unstated.push(rel.display().to_string());
        }
    }
    assert!(
        unstated.is_empty(),
        "these files read the as-of date and state no change points (registry.rs DATED): {unstated:?}"
    );
}

fn generated(dir: &Path, case: &Case) {
    common::copy_dir(
        &root().join(if case.challenge {
            "fixtures/challenge"
        } else {
            "fixtures/clean"
        }),
        dir,
    );
    let as_of = date("2026-11-20").add_days(case.as_of);
    let on = |days: i64| as_of.add_days(days);
    let licence = std::fs::read_to_string(dir.join("license.yaml")).unwrap();
    let valid = match case.licence_valid {
        Some(days) => on(days).to_string(),
        None => "long-term".to_owned(),
    };
    let licence = licence
        .lines()
        .map(|l| {
            if l.starts_with("valid_until:") {
                format!("valid_until: {valid}")
            } else if l.starts_with("registered_on:") {
                format!("registered_on: {}", on(case.registered))
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("license.yaml"), licence + "\n").unwrap();
    if case.challenge {
        return;
    }
    let mut customs = String::from(
        "registration:\n  code: \"4403960ABC\"\n  entity_name: 深圳市华彩科技有限公司\ndeclarations:\n",
    );
    for (i, days) in case.declarations.iter().enumerate() {
        let declared = on(*days);
        let year = declared.0.year();
        customs.push_str(&format!(
            "  - number: \"5316{year}0{i:09}\"\n    direction: export\n    declared_on: {declared}\n    consignor_name: 深圳市华彩科技有限公司\n    consignor_uscc: 91440300MA5FHC8K1M\n    scan: attachments/declarations/531620260012345678.pdf\n"
        ));
    }
    std::fs::write(dir.join("customs.yaml"), customs).unwrap();
    if !case.csv {
        std::fs::remove_file(dir.join("declarations.csv")).unwrap();
    }
    let compliance = std::fs::read_to_string(dir.join("compliance.yaml")).unwrap();
    let mut certificates = case.certificates.iter();
    let compliance = compliance
        .lines()
        .map(|l| {
            match (
                l.trim_start().starts_with("valid_until:"),
                certificates.next(),
            ) {
                (true, Some(days)) => format!("    valid_until: {}", on(*days)),
                _ => l.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.join("compliance.yaml"), compliance + "\n").unwrap();
}

#[derive(Debug, Clone)]
struct Case {
    challenge: bool,
    /// Days from 2026-11-20 to the as-of date; every other date is in days from the as-of date.
    as_of: i64,
    licence_valid: Option<i64>,
    registered: i64,
    declarations: Vec<i64>,
    csv: bool,
    certificates: Vec<i64>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<bool>(),
        -400i64..400,
        proptest::option::of(-40i64..260),
        prop_oneof![-260i64..30, -7400i64..-7100],
        proptest::collection::vec(-260i64..60, 0..6),
        any::<bool>(),
        proptest::collection::vec(-40i64..260, 0..5),
    )
        .prop_map(
            |(challenge, as_of, licence_valid, registered, declarations, csv, certificates)| Case {
                challenge,
                as_of,
                licence_valid,
                registered,
                declarations,
                csv,
                certificates,
            },
        )
}

/// How many generated submissions: `FORECAST_CASES` (1,000 for the full check), else a few.
fn cases() -> u32 {
    std::env::var("FORECAST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated submissions — declarations, licence and certificate dates around the as-of
    /// date, month ends included, with the example agency pack's two date rules — forecast the
    /// same by change points as by a lint of every day.
    #[test]
    fn generated_submissions_match_a_lint_of_every_day(case in case()) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        generated(&dir, &case);
        let mut options = selfcheck::Options {
            today: Some(date("2026-11-20").add_days(case.as_of)),
            ..Default::default()
        };
        let packs = selfcheck::load_packs(&[], &[root().join("fixtures/packs/agency")], &options).unwrap();
        options.set_packs(packs);
        assert_same(&dir, &options, &format!("{case:?}"));
    }
}

/// `selfcheck ARGS…` as of [`common::TODAY`] unless ARGS give `--today`: its standard output.
fn run(args: &[&str]) -> String {
    let out = common::selfcheck()
        .args(common::dated(args))
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn without_stamps(ics: &str) -> String {
    ics.lines()
        .filter(|l| !l.starts_with("DTSTAMP"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_calendar_parses_and_agrees_with_the_json_forecast() {
    let dir = root().join("fixtures");
    let (clean, challenge) = (dir.join("clean"), dir.join("challenge"));
    let paths = [clean.to_str().unwrap(), challenge.to_str().unwrap()];
    let ics = run(&["forecast", paths[0], paths[1], "--format", "ics"]);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["forecast", paths[0], paths[1], "--format", "json"])).unwrap();

    // Strict lines: CRLF, at most 75 octets, components balanced.
    assert!(ics.ends_with("\r\n"));
    let mut open = Vec::new();
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line}");
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        if let Some(name) = line.strip_prefix("BEGIN:") {
            open.push(name);
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(name));
        }
    }
    assert!(open.is_empty());

    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::Component;
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    let mut uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    let count = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), count, "UIDs are unique");
    let starts: Vec<String> = events
        .iter()
        .map(|e| match e.get_start().unwrap() {
            icalendar::DatePerhapsTime::Date(d) => d.to_string(),
            other => panic!("not an all-day event: {other:?}"),
        })
        .collect();
    // Each break of the JSON forecast is an event on its date; each deadline too.
    let mut expected = Vec::new();
    for sub in json["submissions"].as_array().unwrap() {
        for b in sub["breaks"].as_array().unwrap() {
            expected.push(b["date"].as_str().unwrap().to_owned());
        }
        for d in sub["deadlines"].as_array().unwrap() {
            expected.push(d["date"].as_str().unwrap().to_owned());
        }
    }
    let mut got = starts.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert!(expected.contains(&"2027-03-15".to_owned()), "{expected:?}");
    assert!(expected.contains(&"2026-12-25".to_owned()), "{expected:?}");
    // A reminder 3 days before each event; every event says what to do.
    for e in &events {
        assert!(e.get_description().is_some_and(|d| !d.is_empty()));
        let alarms = e.components();
        assert_eq!(alarms.len(), 1);
        assert_eq!(alarms[0].component_kind(), "VALARM");
        assert_eq!(alarms[0].property_value("TRIGGER"), Some("-PT259200S"));
    }
    let unfolded = icalendar::parser::unfold(&ics);
    assert!(
        unfolded.contains("list at least 3 export declarations"),
        "the break's help: {unfolded}"
    );

    // The same run again: the same calendar, UIDs included (only the stamps differ).
    let again = run(&["forecast", paths[0], paths[1], "--format", "ics"]);
    assert_eq!(without_stamps(&ics), without_stamps(&again));
}

#[test]
fn the_calendar_speaks_the_runs_language() {
    let challenge = root().join("fixtures/challenge");
    let ics = run(&[
        "forecast",
        challenge.to_str().unwrap(),
        "--format",
        "ics",
        "--lang",
        "zh",
    ]);
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::Component;
    assert!(
        calendar.events().all(|e| e
            .get_summary()
            .is_some_and(|s| s.contains("挑战赛") || s.contains("奖励"))),
        "{ics}"
    );
}

#[test]
fn uids_depend_on_path_kind_and_date_only() {
    let uid = selfcheck::render::forecast::ics::uid;
    let on = date("2027-03-15");
    assert_eq!(
        uid("sellers/a", "stage-2", on),
        uid("sellers/a", "stage-2", on)
    );
    assert_ne!(
        uid("sellers/a", "stage-2", on),
        uid("sellers/b", "stage-2", on)
    );
    assert_ne!(
        uid("sellers/a", "stage-2", on),
        uid("sellers/a", "stage-3", on)
    );
    assert_ne!(
        uid("sellers/a", "stage-2", on),
        uid("sellers/a", "stage-2", on.add_days(1))
    );
}

#[test]
fn the_human_table_says_who_breaks_next() {
    let dir = root().join("fixtures");
    let out = run(&[
        "forecast",
        "--today",
        common::TODAY,
        dir.join("challenge").to_str().unwrap(),
        dir.join("clean").to_str().unwrap(),
    ]);
    let clean = dir.join("clean").to_string_lossy().replace('\\', "/");
    assert!(
        out.contains(&format!("{clean}: valid until 2027-03-14; on 2027-03-15 declaration 531620260012345901 (2026-09-14) leaves the six-month window")),
        "{out}"
    );
    assert!(out.contains("holds through 2027-05-19"), "{out}");
    let table: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    assert!(table[0].starts_with("date"), "{out}");
    let dates: Vec<&str> = table[1..].iter().map(|l| &l[..10]).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sorted by date");
}

/// The break and deadline dates of the JSON forecast of the two fixtures, and its calendar.
fn fixture_dates_and_calendar() -> (Vec<String>, String) {
    let dir = root().join("fixtures");
    let (clean, challenge) = (dir.join("clean"), dir.join("challenge"));
    let paths = [clean.to_str().unwrap(), challenge.to_str().unwrap()];
    let json: serde_json::Value =
        serde_json::from_str(&run(&["forecast", paths[0], paths[1], "--format", "json"])).unwrap();
    let mut dates = Vec::new();
    for sub in json["submissions"].as_array().unwrap() {
        for b in sub["breaks"].as_array().unwrap() {
            dates.push(b["date"].as_str().unwrap().to_owned());
        }
        for d in sub["deadlines"].as_array().unwrap() {
            dates.push(d["date"].as_str().unwrap().to_owned());
        }
    }
    dates.sort();
    let ics = run(&["forecast", paths[0], paths[1], "--format", "ics"]);
    (dates, ics)
}

/// Python's `icalendar` package reads the calendar: the same dates as the JSON forecast, each
/// event an all-day date with a reminder 3 days before. The Python is `SELFCHECK_PYTHON` (CI
/// points it at a virtualenv holding the package), else `python3`.
#[test]
#[cfg_attr(
    not(has_icalendar),
    ignore = "needs icalendar (a Python package, in SELFCHECK_PYTHON or python3)"
)]
fn python_icalendar_reads_the_calendar() {
    let python = std::env::var("SELFCHECK_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_owned());
    let (dates, ics) = fixture_dates_and_calendar();
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   alarms = [a.get('TRIGGER').to_ical().decode() for a in e.walk('VALARM')]\n\
        \x20   print(e.decoded('DTSTART').isoformat(), (e.decoded('DTEND') - e.decoded('DTSTART')).days, ','.join(alarms), e.get('UID'))\n";
    let mut child = std::process::Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut got: Vec<String> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields[1], "1", "an all-day event: {line}");
        assert_eq!(fields[2], "-P3D", "a reminder 3 days before: {line}");
        assert!(fields[3].ends_with("@selfcheck"), "{line}");
        got.push(fields[0].to_owned());
    }
    got.sort();
    assert_eq!(got, dates);
}

/// A calendar program imports it: calcurse skips nothing and shows each event on its date.
#[test]
#[cfg_attr(not(has_calcurse), ignore = "needs calcurse")]
fn calcurse_imports_the_calendar() {
    let (dates, ics) = fixture_dates_and_calendar();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("deadlines.ics");
    std::fs::write(&file, &ics).unwrap();
    let data = tmp.path().join("calcurse");
    std::fs::create_dir(&data).unwrap();
    let calcurse = |args: &[&str]| {
        let out = std::process::Command::new("calcurse")
            .arg("-D")
            .arg(&data)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let report = calcurse(&["-i", file.to_str().unwrap()]);
    assert!(
        report.contains(&format!("{} events", dates.len())) && report.contains("0 skipped"),
        "{report}"
    );
    let agenda = calcurse(&["-Q", "--from", "11/20/2026", "--to", "12/31/2027"]);
    for on in &dates {
        let d = date(on).0;
        let shown = format!("{:02}/{:02}/{:02}:", d.month(), d.day(), d.year() % 100);
        assert!(agenda.contains(&shown), "{shown} in {agenda}");
    }
}

/// A submission that fails on its as-of date is never called valid: the forecast says "fails
/// now" with what fails it, in both languages and in every format, and JSON gives `status` and
/// a null `valid_until`.
#[test]
fn a_failing_submission_fails_now_in_every_format() {
    let (_tmp, dir) = layered(&root().join("fixtures/rules/LIC004-expired"));
    let path = dir.to_str().unwrap();
    let en = run(&["forecast", path]);
    assert!(
        en.contains(&format!(
            "{path}: fails now: the licence expired on 2026-10-31, before 2026-11-20 (LIC004)"
        )),
        "{en}"
    );
    let line = en
        .lines()
        .find(|l| l.starts_with(&format!("{path}:")))
        .unwrap();
    assert!(
        !line.contains("holds through") && !line.contains("valid until"),
        "{en}"
    );
    let zh = run(&["forecast", path, "--lang", "zh"]);
    assert!(
        zh.contains(&format!(
            "{path}：当前即不通过：营业执照已于 2026-10-31 到期"
        )),
        "{zh}"
    );
    let line = zh
        .lines()
        .find(|l| l.starts_with(&format!("{path}：")))
        .unwrap();
    assert!(
        !line.contains("仍然有效") && !line.contains("有效至"),
        "{zh}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["forecast", path, "--format", "json"])).unwrap();
    let sub = &json["submissions"][0];
    assert_eq!(sub["status"], "failing");
    assert_eq!(sub["valid_until"], serde_json::Value::Null);
    assert_eq!(sub["fails_now"][0]["code"], "LIC004");
    assert_eq!(sub["fails_now"][0]["stops_on"], serde_json::Value::Null);
    let ics = run(&["forecast", path, "--format", "ics"]);
    assert!(
        ics.contains("SUMMARY:") && ics.contains("fails now: LIC004"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261120"), "{ics}");
    let ics_zh = run(&["forecast", path, "--format", "ics", "--lang", "zh"]);
    assert!(ics_zh.contains("当前即不通过"), "{ics_zh}");
    // Exit status 1: it fails.
    let out = common::selfcheck()
        .args(["forecast", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // lint: JSON says failing and gives no valid-until date; the HTML report says fails now.
    let (_, lint) = common::lint_json(&dir, &[]);
    assert_eq!(lint["submissions"][0]["status"], "failing");
    assert_eq!(
        lint["submissions"][0]["valid_until"],
        serde_json::Value::Null
    );
    for (lang, said) in [("en", "fails now"), ("zh", "当前即不通过")] {
        let html = run(&["lint", path, "--format", "html", "--lang", lang]);
        assert!(html.contains(said), "{lang}");
    }
    let clean = common::lint_json(root().join("fixtures/clean"), &[]).1;
    assert_eq!(clean["submissions"][0]["status"], "passing");
    assert_eq!(clean["submissions"][0]["valid_until"], "2027-03-14");
}

/// A finding that fails the submission now but stops when a date moves is told with that date:
/// CHL002's licence comes of age on 2026-12-01.
#[test]
fn a_finding_that_stops_by_itself_says_when() {
    let (_tmp, dir) = layered(&root().join("fixtures/rules/CHL002"));
    let options = common::options();
    let f = assert_same(&dir, &options, "fixtures/rules/CHL002");
    assert_eq!(f.now.len(), 1);
    assert_eq!(f.now[0].finding.code, "CHL002");
    assert_eq!(f.now[0].stops_on, Some(date("2026-12-01")));
    let path = dir.to_str().unwrap();
    let en = run(&["forecast", path]);
    assert!(en.contains("(CHL002; it stops on 2026-12-01)"), "{en}");
    let zh = run(&["forecast", path, "--lang", "zh"]);
    assert!(zh.contains("（CHL002；2026-12-01 起不再出现）"), "{zh}");
}

/// Dates that are no failure yet are listed with the date to act, and put in the calendar: a
/// change to report, a licence to renew, a certificate to start renewing.
#[test]
fn dates_to_act_by_are_listed_and_put_in_the_calendar() {
    let (_tmp, dir) = layered(&root().join("fixtures/passing/RET009-in-time"));
    std::fs::write(
        dir.join("license.yaml"),
        std::fs::read_to_string(dir.join("license.yaml"))
            .unwrap()
            .replace("valid_until: long-term", "valid_until: 2027-01-15"),
    )
    .unwrap();
    let options = common::options();
    let f = assert_same(&dir, &options, "report by, renew");
    let kinds: Vec<(&str, String)> = f
        .deadlines
        .iter()
        .map(|d| (d.kind, d.date.to_string()))
        .collect();
    // The ES change takes effect on 2026-12-25: report it by 2026-11-25. The licence, valid until
    // Friday 2027-01-15, fails LIC004 from Friday 2027-01-08 (a review started then ends on
    // Monday the 18th): renew it by Thursday the 7th. The SASO certificate (2027-03-31) warns from 2027-03-02: start
    // 10 working days before, on 2027-02-16; the CE certificate (2027-06-30) on 2027-05-18, the
    // day before the horizon ends. The ISO9001 certificate (2027-12-31) is beyond it.
    assert_eq!(
        kinds,
        [
            ("report-change", "2026-11-25".to_owned()),
            ("renew-licence", "2027-01-07".to_owned()),
            ("renew-certificate", "2027-02-16".to_owned()),
            ("renew-certificate", "2027-05-18".to_owned()),
        ]
    );
    let path = dir.to_str().unwrap();
    let ics = run(&["forecast", path, "--format", "ics"]);
    for on in ["20261125", "20270107", "20270216"] {
        assert!(
            ics.contains(&format!("DTSTART;VALUE=DATE:{on}")),
            "{on}: {ics}"
        );
    }
    let human = run(&["forecast", path]);
    assert!(
        human.contains(
            "  2026-11-25  Report the change of the ES return address or contact by today"
        ),
        "{human}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["forecast", path, "--format", "json"])).unwrap();
    assert_eq!(
        json["submissions"][0]["deadlines"][1]["kind"],
        "renew-licence"
    );
}

/// The README's forecast examples are the real output: the fixtures, and a submission that fails
/// now (the licence of `fixtures/rules/LIC004`, the ES address change not reported yet), in
/// English and Chinese.
#[test]
fn the_readme_shows_the_forecast_as_it_is() {
    let out = common::output(common::selfcheck().current_dir(root()).args([
        "forecast",
        "fixtures/clean",
        "fixtures/challenge",
        "--today",
        common::TODAY,
    ]));
    assert_eq!(out.0, Some(1));
    assert_eq!(
        common::readme_block("## Forecast: when a submission starts failing"),
        out.1
    );
    let tmp = tempfile::tempdir().unwrap();
    let mingde = tmp.path().join("mingde");
    common::copy_dir(&root().join("fixtures/clean"), &mingde);
    std::fs::copy(
        root().join("fixtures/rules/LIC004/license.yaml"),
        mingde.join("license.yaml"),
    )
    .unwrap();
    let returns = std::fs::read_to_string(mingde.join("returns.yaml")).unwrap();
    std::fs::write(
        mingde.join("returns.yaml"),
        returns.replace("    reported_on: 2026-11-20\n", ""),
    )
    .unwrap();
    let run = |lang: &str| {
        let (code, out, _) = common::output(common::selfcheck().current_dir(tmp.path()).args([
            "forecast",
            "mingde",
            "--lang",
            lang,
            "--today",
            common::TODAY,
        ]));
        assert_eq!(code, Some(1));
        out
    };
    assert_eq!(
        common::readme_block("A submission that fails today"),
        run("en") + &run("zh")
    );
}
