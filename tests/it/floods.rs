//! Floods (SPEC §7): at most 100 findings of one rule in one file are listed, then one summary
//! finding at the whole file that carries the number left out (`"omitted"` in JSON); counts and
//! the exit status include every finding. The expected totals are not written down: each test
//! lints the same document with 10 and 20 entries (below the cap), and the counts of a rule grow
//! linearly with the entries, so the uncapped number at any size follows from the two.

use crate::common::{self, selfcheck};

use serde_json::Value;
use std::collections::BTreeMap;

const LISTED: usize = 100;

fn findings(doc: &Value) -> &Vec<Value> {
    doc["submissions"][0]["findings"].as_array().unwrap()
}

/// What one rule left in one file: the findings listed (not summaries), the summaries, and how
/// many findings they count as in all (suppressed ones apart).
#[derive(Debug, Default, Clone, PartialEq)]
struct Group {
    listed: Vec<Value>,
    summaries: Vec<Value>,
    counted: usize,
}

/// The findings of `doc` by (code, file).
fn groups(doc: &Value) -> BTreeMap<(String, String), Group> {
    let mut out: BTreeMap<(String, String), Group> = BTreeMap::new();
    for f in findings(doc) {
        let key = (
            f["code"].as_str().unwrap().to_owned(),
            f["file"].as_str().unwrap().to_owned(),
        );
        let g = out.entry(key).or_default();
        let counts = f.get("suppression").is_none();
        match f.get("omitted") {
            Some(n) => {
                let n = n.as_u64().unwrap() as usize;
                assert!(n > 0, "{f}");
                g.summaries.push(f.clone());
                if counts {
                    g.counted += n;
                }
            }
            None => {
                g.listed.push(f.clone());
                g.counted += usize::from(counts);
            }
        }
    }
    out
}

/// How many findings each (code, file) counts at `size` entries, from the counts at 10 and 20.
fn extrapolate(
    at10: &BTreeMap<(String, String), Group>,
    at20: &BTreeMap<(String, String), Group>,
    size: usize,
) -> BTreeMap<(String, String), usize> {
    let keys: std::collections::BTreeSet<_> = at10.keys().chain(at20.keys()).cloned().collect();
    keys.into_iter()
        .map(|k| {
            let c10 = at10.get(&k).map_or(0, |g| g.counted) as i64;
            let c20 = at20.get(&k).map_or(0, |g| g.counted) as i64;
            let per_entry = (c20 - c10) / 10;
            let fixed = c10 - 10 * per_entry;
            let n = fixed + per_entry * size as i64;
            (k, n as usize)
        })
        .collect()
}

/// Every group holds at most 100 listed findings, suppressed ones included, and a group that left
/// some out holds exactly 100 and a summary at the whole file (and one more of the suppressed ones);
/// the groups count as `expected` says, and so do the submission's and the run's counts.
fn assert_capped(doc: &Value, expected: &BTreeMap<(String, String), usize>) {
    let got = groups(doc);
    for ((code, file), g) in &got {
        // Suppressed findings count toward the cap like any other (SPEC §7).
        assert!(
            g.listed.len() <= LISTED,
            "{code} in {file}: {} listed",
            g.listed.len()
        );
        // At most one summary of the findings that count, and one of the suppressed ones.
        let suppressed = |s: &&Value| s.get("suppression").is_some_and(|v| !v.is_null());
        assert!(
            g.summaries.iter().filter(suppressed).count() <= 1
                && g.summaries.iter().filter(|s| !suppressed(s)).count() <= 1,
            "{code} in {file}: several summaries"
        );
        if let Some(s) = g.summaries.first() {
            assert!(
                g.listed.len() >= LISTED,
                "{code} in {file}: a summary below the cap"
            );
            assert!(s["line"].is_null() && s["column"].is_null(), "{s}");
            let n = s["omitted"].as_u64().unwrap();
            let grouped = group(n);
            assert_eq!(
                s["message"].as_str().unwrap(),
                format!("… and {grouped} more {code} in {file}")
            );
            assert!(
                s["help"]
                    .as_str()
                    .unwrap()
                    .contains("fix the 100 listed first")
            );
        }
    }
    let counted: BTreeMap<_, _> = got.iter().map(|(k, g)| (k.clone(), g.counted)).collect();
    let expected: BTreeMap<_, _> = expected
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.clone(), *n))
        .collect();
    assert_eq!(counted, expected);
    let total: usize = expected.values().sum();
    let counts = &doc["counts"];
    let all = |c: &Value| {
        ["error", "warning", "info"]
            .iter()
            .map(|s| c[s].as_u64().unwrap() as usize)
            .sum::<usize>()
    };
    assert_eq!(all(counts), total, "{counts}");
    assert_eq!(all(&doc["submissions"][0]["counts"]), total);
}

/// `n` grouped by thousands, as the summary writes it (the function has its own unit test).
fn group(n: u64) -> String {
    selfcheck::finding::group_thousands(&n.to_string())
}

/// The 1-based lines of a group's listed findings.
fn lines(g: &Group) -> Vec<u64> {
    g.listed
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect()
}

/// `declarations.csv` with `rows` export declarations of an unreadable direction and date
/// (SUB002 twice), another consignor (CUS007) and another consignor USCC (CUS008).
fn declarations(rows: usize) -> String {
    let mut csv = String::from("number,direction,declared_on,consignor_name,consignor_uscc,scan\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "531620260{i:09},sideways,2026-13-45,深圳市某某贸易有限公司,91440300MA5FHC8K2X,attachments/declarations/531620260012346120.pdf\n"
        ));
    }
    csv
}

fn with_declarations(rows: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::clean_copy();
    std::fs::write(dir.join("declarations.csv"), declarations(rows)).unwrap();
    (tmp, dir)
}

#[test]
fn a_csv_flood_lists_a_hundred_per_rule_and_counts_them_all() {
    let rows = 20_000;
    let at = |n| {
        let (_tmp, dir) = with_declarations(n);
        common::lint_json(&dir, &["--today", "2026-11-20"])
    };
    let (_, at10) = at(10);
    let (_, at20) = at(20);
    let expected = extrapolate(&groups(&at10), &groups(&at20), rows);
    let (tmp, dir) = with_declarations(rows);
    let (status, doc) = common::lint_json(&dir, &["--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    assert_capped(&doc, &expected);
    let got = groups(&doc);
    let key = |code: &str| (code.to_owned(), "declarations.csv".to_owned());
    // Two unreadable values a row; one consignor finding of each kind a row.
    assert_eq!(expected[&key("SUB002")], 2 * rows);
    let flooded: Vec<&str> = got
        .iter()
        .filter(|(_, g)| !g.summaries.is_empty())
        .map(|(k, _)| k.0.as_str())
        .collect();
    for code in ["SUB002", "CUS007", "CUS008"] {
        assert!(flooded.contains(&code), "{code} not flooded: {flooded:?}");
    }
    // The listed ones are the first in file order: rows 1-100 (lines 2-101), and for the two
    // SUB002 a row, rows 1-50.
    assert_eq!(lines(&got[&key("CUS007")]), (2..=101).collect::<Vec<u64>>());
    let mut sub002 = lines(&got[&key("SUB002")]);
    sub002.dedup();
    assert_eq!(sub002, (2..=51).collect::<Vec<u64>>());
    assert_eq!(
        got[&key("CUS007")].summaries[0]["message"],
        format!(
            "… and {} more CUS007 in declarations.csv",
            group(rows as u64 - 100)
        )
    );
    // Deterministic: the same run gives the same document.
    let (_, again) = common::lint_json(&dir, &["--today", "2026-11-20"]);
    assert_eq!(doc, again);
    // The other formats say the same, and the Chinese summary groups the digits too.
    let out = selfcheck()
        .args(["lint", "--today", "2026-11-20", "--lang", "zh"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains("…另有 19,900 个 CUS007 问题（declarations.csv）"),
        "{human}"
    );
    let out = selfcheck()
        .args(["lint", "--format", "sarif", "--today", "2026-11-20"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "CUS007"
            && r["properties"]["omitted"] == serde_json::json!(rows - 100))
    );
    assert!(results.len() < 2_000, "{} SARIF results", results.len());
    for format in ["github", "junit"] {
        let out = selfcheck()
            .args(["lint", "--format", format, "--today", "2026-11-20"])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(
            out.stdout.len() < 4 << 20,
            "{format}: {} bytes",
            out.stdout.len()
        );
    }
    drop(tmp);
}

/// `returns.yaml` with `n` Spanish addresses whose postal code lacks its `CP` prefix (RET003),
/// one a line; `comment(i)` is written after the i-th (0-based).
fn returns(n: usize, comment: &dyn Fn(usize) -> Option<&'static str>) -> String {
    let mut yaml = String::from("addresses:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - {{market: ES, recipient: Almacén {i}, contact_name: María López, phone: \"+34 912 345 678\", street: Calle de Alcalá {i}, city: Madrid, region: Madrid, postal_code: \"28009\", country: ES}}"
        ));
        if let Some(c) = comment(i) {
            yaml.push_str("  ");
            yaml.push_str(c);
        }
        yaml.push('\n');
    }
    yaml
}

fn with_returns(
    n: usize,
    comment: &dyn Fn(usize) -> Option<&'static str>,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = common::clean_copy();
    std::fs::write(dir.join("returns.yaml"), returns(n, comment)).unwrap();
    (tmp, dir)
}

/// Address 4000 (line 4002) carries a comment suppressing its RET003.
const SUPPRESSED: usize = 4_000;

fn suppress_one(i: usize) -> Option<&'static str> {
    (i == SUPPRESSED).then_some("# selfcheck: ignore[RET003] the warehouse asked for the bare code")
}

#[test]
fn a_yaml_list_flood_lists_a_hundred_per_rule_and_counts_them_all() {
    let n = 5_000;
    let none = |_| None;
    let at = |size| {
        let (_tmp, dir) = with_returns(size, &none);
        common::lint_json(&dir, &["--today", "2026-11-20"]).1
    };
    let expected = extrapolate(&groups(&at(10)), &groups(&at(20)), n);
    let key = ("RET003".to_owned(), "returns.yaml".to_owned());
    assert_eq!(expected[&key], n);
    let (_tmp, dir) = with_returns(n, &none);
    let (status, doc) = common::lint_json(&dir, &["--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    assert_capped(&doc, &expected);
    let got = groups(&doc);
    assert_eq!(got[&key].listed.len(), LISTED);
    assert_eq!(lines(&got[&key]), (2..=101).collect::<Vec<u64>>());
    assert_eq!(got[&key].summaries[0]["omitted"], n - LISTED);
}

/// Suppressed findings count toward the cap like any other: past the hundred listed, a finding
/// that an inline suppression comment covers is left out too, in a summary of its own that is
/// suppressed (and does not count) and carries the comment's reason; where suppressions are not
/// honoured, it counts in the summary of the others.
#[test]
fn a_suppressed_finding_past_the_cap_is_summarized_as_suppressed() {
    let n = 5_000;
    let none = |_| None;
    let at = |size| {
        let (_tmp, dir) = with_returns(size, &none);
        common::lint_json(&dir, &["--today", "2026-11-20"]).1
    };
    let mut expected = extrapolate(&groups(&at(10)), &groups(&at(20)), n);
    let key = ("RET003".to_owned(), "returns.yaml".to_owned());
    let (_tmp, dir) = with_returns(n, &suppress_one);

    let (status, doc) = common::lint_json(&dir, &["--today", "2026-11-20"]);
    assert_eq!(status, Some(1));
    *expected.get_mut(&key).unwrap() -= 1;
    assert_capped(&doc, &expected);
    let g = &groups(&doc)[&key];
    assert_eq!(g.listed.len(), LISTED);
    assert!(g.listed.iter().all(|f| f.get("suppression").is_none()));
    let suppressed: Vec<&Value> = g
        .summaries
        .iter()
        .filter(|s| s.get("suppression").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1, "{:#?}", g.summaries);
    assert_eq!(suppressed[0]["omitted"], 1);
    let counted = g
        .summaries
        .iter()
        .find(|s| s.get("suppression").is_none())
        .unwrap();
    assert_eq!(counted["omitted"], n - LISTED - 1);
    // No SEL001: the comment suppressed what it names.
    assert!(findings(&doc).iter().all(|f| f["code"] != "SEL001"));

    let (status, doc) =
        common::lint_json(&dir, &["--today", "2026-11-20", "--no-inline-suppressions"]);
    assert_eq!(status, Some(1));
    *expected.get_mut(&key).unwrap() += 1;
    assert_capped(&doc, &expected);
    let g = &groups(&doc)[&key];
    assert_eq!(g.listed.len(), LISTED);
    assert_eq!(g.summaries.len(), 1);
    assert_eq!(g.summaries[0]["omitted"], n - LISTED);
}
