//! Every rule fixture fires its code and nothing else; the clean submission fires nothing; every
//! code of the catalogue has its documentation, a firing fixture and snapshots of its output.
//!
//! `fixtures/rules/<CODE>/` (or `<CODE>-<variant>/`) holds only the files that differ from
//! `fixtures/clean/`. Run one family with `FIXTURES=RET cargo test --test it rules::`.

use crate::common::{self, fixture_code};

use selfcheck::catalogue::Catalogue;
use selfcheck::code::Code;
use selfcheck::finding::Lang;
use selfcheck::rules::registry::RULES;
use std::collections::BTreeSet;

#[test]
fn clean_submissions_of_both_programmes_have_no_findings() {
    for base in ["fixtures/clean", "fixtures/challenge"] {
        let report = common::lint_as(&common::root().join(base), base);
        let findings = &report.submissions[0].findings;
        assert!(
            findings.is_empty(),
            "{base}: {}",
            common::human(&report, Lang::En)
        );
    }
}

/// One run per folder of `fixtures/rules/` (insta's `glob!`, so a failure names its fixture):
/// the fixture fires its code and nothing else, and its human output matches the snapshot
/// `it__rules__<NAME>.human.snap`. (The JSON of a finding is the same data: its shape is
/// snapshotted once, by `cli::json_follows_the_contract`.)
#[test]
fn each_fixture_fires_its_code_and_nothing_else() {
    let filter = std::env::var("FIXTURES").unwrap_or_default();
    insta::glob!("../../fixtures/rules", "*", |layer| {
        let name = layer.file_name().unwrap().to_str().unwrap().to_owned();
        // The walk also yields `fixtures/rules` itself.
        let in_rules = layer
            .parent()
            .is_some_and(|p| p.ends_with("fixtures/rules"));
        if !in_rules || !layer.is_dir() || !name.starts_with(&filter) {
            return;
        }
        // glob! names each snapshot after its input; these keep their names of old.
        let mut settings = insta::Settings::clone_current();
        settings.remove_snapshot_suffix();
        settings.remove_input_file();
        settings.bind(|| {
            let code = fixture_code(&name);
            let (_tmp, dir) = common::layered(layer);
            let report = common::lint_as(&dir, &format!("fixtures/rules/{name}"));
            let human = common::human(&report, Lang::En);
            assert_eq!(common::codes(&report), [code], "fixture {name}:\n{human}");
            insta::assert_snapshot!(format!("{name}.human"), human);
        });
    });
}

/// `fixtures/passing/<CODE>-<variant>/`: a form of a document that the rule `CODE` must accept
/// (the limit itself, a document as sellers really write it), layered over its base as the rule
/// fixtures are. It has no finding at all.
#[test]
fn each_passing_fixture_has_no_finding() {
    let names = common::passing_fixture_names();
    assert!(!names.is_empty());
    let codes: BTreeSet<String> = Catalogue::builtin().entries.keys().cloned().collect();
    for name in names {
        assert!(
            codes.contains(fixture_code(&name)),
            "fixtures/passing/{name}: not a code of the catalogue"
        );
        let layer = common::root().join("fixtures/passing").join(&name);
        let (_tmp, dir) = common::layered(&layer);
        let report = common::lint_as(&dir, &format!("fixtures/passing/{name}"));
        let findings = &report.submissions[0].findings;
        assert!(
            findings.is_empty(),
            "fixtures/passing/{name}:\n{}",
            common::human(&report, Lang::En)
        );
    }
}

/// The rules issue 25 corrected, and the forms of real documents it taught selfcheck to read:
/// each has a fixture that fires (`fixtures/rules/`) and one that must not (`fixtures/passing/`).
const CORRECTED: &[&str] = &[
    "LIC004", "CMP003", "RET004", "SLA005", "RET009", "CHL002", "CHL016", "CHL020", "CHL021",
    "RET002", "RET007", "SLA001", "SLA002", "SUB003", "CUS007", "CUS003", "SUB002",
];

#[test]
fn each_corrected_rule_has_a_fixture_that_fires_and_one_that_must_not() {
    let passing: BTreeSet<String> = common::passing_fixture_names()
        .iter()
        .map(|n| fixture_code(n).to_owned())
        .collect();
    let firing: BTreeSet<String> = common::fixture_names()
        .iter()
        .map(|n| fixture_code(n).to_owned())
        .collect();
    for code in CORRECTED {
        assert!(firing.contains(*code), "{code}: no fixtures/rules/{code}*");
        assert!(
            passing.contains(*code),
            "{code}: no fixtures/passing/{code}-*"
        );
    }
}

/// The rule fixtures whose messages issue 25 changed, snapshotted in Chinese too
/// (`it__rules__<NAME>.zh.human.snap`), beside the English snapshot every fixture has.
const IN_CHINESE: &[&str] = &[
    "LIC004",
    "LIC004-missing",
    "CMP003",
    "RET004",
    "SLA005",
    "RET009",
    "RET009-missing",
    "CHL002",
    "CHL011",
    "CHL013",
    "CHL016",
    "CHL020",
    "CHL021",
    "SEL001-retired",
    "SUB002-csv-date",
    "SUB002-date-chinese",
    "RET002-fullwidth",
    "RET007-fullwidth",
    "SLA003-written-around",
    "SLA001-language-name",
    "RET007-premium",
    "RET007-too-long",
    "SUB003-csv-header",
    "CUS007-single-window",
    "CUS007-xlsx",
];

#[test]
fn the_changed_messages_are_snapshotted_in_chinese() {
    for name in IN_CHINESE {
        let layer = common::root().join("fixtures/rules").join(name);
        let (_tmp, dir) = common::layered(&layer);
        let report = common::lint_as(&dir, &format!("fixtures/rules/{name}"));
        insta::assert_snapshot!(format!("{name}.zh.human"), common::human(&report, Lang::Zh));
    }
}

#[test]
fn every_catalogue_code_has_a_fixture_and_every_fixture_a_code() {
    let fixtures: BTreeSet<String> = std::fs::read_dir(common::root().join("fixtures/rules"))
        .unwrap()
        .map(|e| fixture_code(e.unwrap().file_name().to_str().unwrap()).to_owned())
        .collect();
    // The configuration rules (SEL002, SEL003) fire on a tree of configurations, not on one
    // submission: tests/it/trust.rs lints their fixtures and snapshots them.
    let codes: BTreeSet<String> = Catalogue::builtin()
        .entries
        .keys()
        .filter(|c| !is_configuration_rule(c))
        .cloned()
        .collect();
    let undocumented: Vec<_> = fixtures.difference(&codes).collect();
    let untested: Vec<_> = codes.difference(&fixtures).collect();
    assert!(
        undocumented.is_empty(),
        "fixtures without a catalogue entry: {undocumented:?}"
    );
    assert!(
        untested.is_empty(),
        "codes without a firing fixture: {untested:?}"
    );
}

#[test]
fn catalogue_entries_are_complete_and_bilingual() {
    let code = regex::Regex::new(r"^(SUB|SEL|STO|LIC|CUS|RET|SLA|FUL|CMP|CHL)\d{3}$").unwrap();
    for (name, text) in selfcheck::catalogue::CHECK_FILES {
        if *name == "markets.yaml" {
            continue;
        }
        let entry: selfcheck::catalogue::Entry =
            serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("checks/{name}: {e}"));
        assert_eq!(
            format!("{}.yaml", entry.code),
            *name,
            "file name matches the code"
        );
        assert!(code.is_match(&entry.code), "{name}: code format");
        for (what, t) in [
            ("title", &entry.title),
            ("checks", &entry.checks),
            ("why", &entry.why),
            ("how_to_fix", &entry.how_to_fix),
        ] {
            assert!(
                !t.en.trim().is_empty() && !t.zh.trim().is_empty(),
                "{name}: {what} en/zh"
            );
        }
        assert!(!entry.example.trim().is_empty(), "{name}: example");
        // A folded YAML block joins lines with a space, which Chinese text must not have.
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for t in [&entry.title, &entry.checks, &entry.why, &entry.how_to_fix] {
            let chars: Vec<char> = t.zh.chars().collect();
            let stray = chars
                .windows(3)
                .any(|w| cjk(w[0]) && w[1] == ' ' && cjk(w[2]));
            assert!(
                !stray,
                "{name}: a space between Chinese characters in {:?}",
                t.zh
            );
        }
        // House style: a title starts in lower case (proper nouns such as `EU` or `USCC` may follow).
        let first = entry.title.en.chars().next().unwrap_or('A');
        assert!(!first.is_uppercase(), "{name}: titles start in lower case");
        assert!(
            !entry.title.en.ends_with('.'),
            "{name}: titles are not sentences"
        );
    }
}

/// The built-in codes with their programmes, as a snapshot: adding, removing or moving a rule
/// shows up in review instead of in a hand count.
#[test]
fn the_catalogue_codes_and_programmes() {
    let catalogue = Catalogue::builtin();
    let list: String = Code::ALL
        .iter()
        .map(|code| {
            let programme = catalogue
                .get(code.as_str())
                .map_or("<no catalogue entry>", |e| e.programme());
            format!("{code} {programme}\n")
        })
        .collect();
    insta::assert_snapshot!("codes", list);
    let have: Vec<&str> = catalogue.codes().collect();
    let (_, rows) = common::json_of(common::selfcheck().args(["rules", "--format", "json"]));
    let listed: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(listed, have, "`selfcheck rules` lists the catalogue");
}

/// The registry, `Code::ALL`, the files of `checks/` and the catalogue hold the same codes.
#[test]
fn the_registry_codes_are_the_files_of_checks() {
    let registry: Vec<Code> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(
        registry,
        Code::ALL,
        "one registry entry per code, in code order"
    );
    let codes: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let files: BTreeSet<String> = std::fs::read_dir(common::root().join("checks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_owned())
        .filter(|n| n != "markets.yaml")
        .map(|n| {
            n.strip_suffix(".yaml")
                .unwrap_or_else(|| panic!("checks/{n}: not a .yaml file"))
                .to_owned()
        })
        .collect();
    assert_eq!(
        files, codes,
        "checks/<CODE>.yaml for exactly the codes of Code::ALL"
    );
    let embedded: BTreeSet<String> = selfcheck::catalogue::CHECK_FILES
        .iter()
        .filter(|(n, _)| *n != "markets.yaml")
        .map(|(n, _)| n.trim_end_matches(".yaml").to_owned())
        .collect();
    assert_eq!(embedded, codes, "build.rs embeds every file of checks/");
    let builtin = Catalogue::builtin();
    let catalogue: BTreeSet<String> = builtin
        .codes()
        .chain(builtin.retired.keys().map(String::as_str))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        catalogue, codes,
        "every file of checks/ parses into the catalogue (in force or retired)"
    );
    // A retired rule runs nowhere, and only a retired rule is retired.
    for rule in RULES {
        let retired = builtin.retired(rule.code.as_str()).is_some();
        let check_retired = matches!(rule.check, selfcheck::rules::registry::Check::Retired);
        assert_eq!(retired, check_retired, "{}", rule.code);
    }
}

/// The registry generated by `build.rs` says what each declaration says.
#[test]
fn the_generated_registry_is_the_declarations() {
    use selfcheck::rules::registry::{Check, Dates};
    let catalogue = Catalogue::builtin();
    let wrong: Vec<String> = RULES
        .iter()
        .filter_map(|rule| {
            let code = rule.code.as_str();
            let e = catalogue.get(code).or_else(|| catalogue.retired(code))?;
            let check = match rule.check {
                Check::Loader => "loader",
                Check::Policy => "policy",
                Check::Configuration => "configuration",
                Check::Run(_) => "a function",
                Check::Retired => "retired",
            };
            let declared = match e.check.as_str() {
                c @ ("loader" | "policy" | "configuration" | "retired") => c,
                _ => "a function",
            };
            let dates = match rule.dates {
                Dates::Fixed => None,
                Dates::Daily => Some("daily"),
                Dates::Changes(_) => Some("a function"),
            };
            let declared_dates = e.dates.as_deref().map(|d| match d {
                "daily" => "daily",
                _ => "a function",
            });
            let same = e.scope == rule.scope
                && e.fixable == rule.fixable
                && check == declared
                && dates == declared_dates;
            (!same).then(|| {
                format!(
                    "{}: the registry differs from checks/{}.yaml",
                    rule.code, rule.code
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// `fixable:` in the catalogue, `fixable` in the registry, and "a fixture of the rule has a
/// finding with a fix" are the same thing.
#[test]
fn a_rule_is_fixable_exactly_when_its_fixtures_carry_a_fix() {
    let catalogue = Catalogue::builtin();
    let fixtures = common::fixtures_with_a_fix();
    let mut wrong = Vec::new();
    for rule in RULES {
        let code = rule.code.as_str();
        let documented = catalogue.get(code).is_some_and(|e| e.fixable);
        let fixed: Vec<&String> = fixtures
            .iter()
            .filter(|n| fixture_code(n) == code)
            .collect();
        if documented != rule.fixable {
            wrong.push(format!(
                "{code}: catalogue fixable: {documented}, registry fixable: {}",
                rule.fixable
            ));
        }
        let carries_a_fix = !fixed.is_empty();
        if rule.fixable != carries_a_fix {
            wrong.push(format!(
                "{code}: registry fixable: {}, fixtures with a fix: {fixed:?}",
                rule.fixable
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Whether the registry says the run raises `code` while choosing configurations.
fn is_configuration_rule(code: &str) -> bool {
    use selfcheck::rules::registry::{Check, RULES};
    RULES
        .iter()
        .any(|r| r.code.as_str() == code && matches!(r.check, Check::Configuration))
}
