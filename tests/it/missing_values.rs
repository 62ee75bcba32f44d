//! Issue 12: "Where a rule needs a value to decide and the value is absent, the rule reports it.
//! It is never a silent pass." Each row deletes one value a rule needs from a clean submission
//! (`fixtures/clean` for the co-operation programme, `fixtures/challenge` for the challenge) and
//! expects that rule's finding, and from the families these tables cover no finding of another
//! rule (one root cause, one finding) but those a row names as also expected.

use crate::common;

/// One deletion: the document, the YAML path of the value to delete (`applicant.store_level`,
/// `addresses[0].phone`, `livestreams[1].date`), the code that must report it, and other codes
/// of the covered families the same deletion fires as well.
struct Row {
    file: &'static str,
    path: &'static str,
    code: &'static str,
    also: &'static [&'static str],
}

const fn row(file: &'static str, path: &'static str, code: &'static str) -> Row {
    Row {
        file,
        path,
        code,
        also: &[],
    }
}

/// The families these tables cover; findings of other families (customs, documents) are left to
/// their own tests.
const FAMILIES: [&str; 7] = ["STO", "LIC", "RET", "SLA", "FUL", "CMP", "CHL"];

/// The indentation of a line once a leading `- ` (a list item's marker) counts as spaces.
fn indent(line: &str) -> usize {
    let mut n = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        n += rest.len() - trimmed.len();
        match trimmed.strip_prefix("- ") {
            Some(after) => {
                n += 2;
                rest = after;
            }
            None => return n,
        }
    }
}

/// The text of a line after its indentation and list markers.
fn content(line: &str) -> &str {
    let mut rest = line.trim_start_matches(' ');
    while let Some(after) = rest.strip_prefix("- ") {
        rest = after.trim_start_matches(' ');
    }
    rest
}

/// `key` of a flow mapping (`{a: 1, key: 2}`) removed from a line.
fn without_flow_key(line: &str, key: &str) -> String {
    let at = line
        .find(&format!("{key}: "))
        .unwrap_or_else(|| panic!("no `{key}` in {line:?}"));
    let end = line[at..].find([',', '}']).map_or(line.len(), |i| at + i);
    let (head, tail) = (&line[..at], &line[end..]);
    match tail.strip_prefix(", ") {
        Some(rest) => format!("{head}{rest}"),
        None => format!("{}{tail}", head.trim_end_matches([',', ' '])),
    }
}

/// `yaml` without the value at `path`: its key line and the block under it.
fn delete(yaml: &str, path: &str) -> String {
    let mut lines: Vec<String> = yaml.lines().map(str::to_owned).collect();
    let (mut lo, mut hi, mut depth) = (0, lines.len(), 0);
    let segments: Vec<&str> = path.split('.').collect();
    for (n, segment) in segments.iter().enumerate() {
        let last = n + 1 == segments.len();
        let (key, index) = match segment.split_once('[') {
            Some((key, i)) => (key, Some(i.trim_end_matches(']').parse::<usize>().unwrap())),
            None => (*segment, None),
        };
        // Inside a flow mapping (`- {date: …, expected_viewers: 600}`): edit the line.
        if hi == lo + 1 && content(&lines[lo]).starts_with('{') {
            assert!(
                last && index.is_none(),
                "{path}: only a last key in a flow map"
            );
            lines[lo] = without_flow_key(&lines[lo], key);
            break;
        }
        let at = (lo..hi)
            .find(|&i| {
                indent(&lines[i]) == depth && content(&lines[i]).starts_with(&format!("{key}:"))
            })
            .unwrap_or_else(|| panic!("{path}: no `{key}`"));
        let end = (at + 1..hi)
            .find(|&i| !lines[i].trim().is_empty() && indent(&lines[i]) <= depth)
            .unwrap_or(hi);
        match index {
            None if last => {
                lines.drain(at..end);
            }
            None => (lo, hi, depth) = (at + 1, end, depth + 2),
            Some(i) => {
                let starts: Vec<usize> = (at + 1..end)
                    .filter(|&l| lines[l].trim_start().starts_with("- "))
                    .collect();
                let start = starts[i];
                let stop = starts.get(i + 1).copied().unwrap_or(end);
                depth = indent(&lines[start]);
                assert!(
                    !last,
                    "{path}: deleting a whole entry is not a missing value"
                );
                (lo, hi) = (start, stop);
            }
        }
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The codes of the covered families that linting `base` with `row` applied finds.
fn codes_after(base: &str, row: &Row) -> Vec<String> {
    let (_tmp, dir) = copy_of(base);
    let file = dir.join(row.file);
    let yaml = std::fs::read_to_string(&file).unwrap();
    let changed = delete(&yaml, row.path);
    assert_ne!(changed, yaml, "{}: {} deleted nothing", row.file, row.path);
    std::fs::write(&file, changed).unwrap();
    let report = selfcheck::lint_submission(&dir, &common::options());
    report
        .findings
        .iter()
        .map(|f| f.code.to_string())
        .filter(|c| FAMILIES.iter().any(|f| c.starts_with(f)))
        .collect()
}

fn copy_of(base: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("submission");
    common::copy_dir(&common::root().join(base), &dir);
    (tmp, dir)
}

fn check(base: &str, rows: &[Row]) {
    let clean = codes_after_nothing(base);
    assert!(clean.is_empty(), "{base} is not clean: {clean:?}");
    let mut failures = Vec::new();
    for row in rows {
        let found = codes_after(base, row);
        let unexpected: Vec<&String> = found
            .iter()
            .filter(|c| **c != row.code && !row.also.contains(&c.as_str()))
            .collect();
        if !found.iter().any(|c| c == row.code) || !unexpected.is_empty() {
            failures.push(format!(
                "{} without `{}`: expected {} (and {:?}), found {found:?}",
                row.file, row.path, row.code, row.also
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn codes_after_nothing(base: &str) -> Vec<String> {
    let report = selfcheck::lint_submission(&common::root().join(base), &common::options());
    report.findings.iter().map(|f| f.code.to_string()).collect()
}

#[test]
fn the_path_deleter_removes_one_value() {
    let yaml = "a:\n  b: 1\n  c:\n    - k: x\n      v: 1\n    - k: y\n      v: 2\nd: [1]\n";
    assert_eq!(
        delete(yaml, "a.b"),
        "a:\n  c:\n    - k: x\n      v: 1\n    - k: y\n      v: 2\nd: [1]\n"
    );
    assert_eq!(
        delete(yaml, "a.c[1].v"),
        "a:\n  b: 1\n  c:\n    - k: x\n      v: 1\n    - k: y\nd: [1]\n"
    );
    assert_eq!(
        delete(yaml, "d"),
        "a:\n  b: 1\n  c:\n    - k: x\n      v: 1\n    - k: y\n      v: 2\n"
    );
    let flow = "s:\n  - {date: 2026-12-05, n: 600}\n  - {n: 1, date: 2026-12-12}\n";
    assert_eq!(
        delete(flow, "s[0].n"),
        "s:\n  - {date: 2026-12-05}\n  - {n: 1, date: 2026-12-12}\n"
    );
    assert_eq!(
        delete(flow, "s[1].n"),
        "s:\n  - {date: 2026-12-05, n: 600}\n  - {date: 2026-12-12}\n"
    );
    assert_eq!(
        delete(flow, "s[1].date"),
        "s:\n  - {date: 2026-12-05, n: 600}\n  - {n: 1}\n"
    );
}

#[test]
fn store_eligibility_reports_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("submission.yaml", "applicant.store_level", "STO001"),
            row(
                "submission.yaml",
                "applicant.positive_feedback_90d",
                "STO002",
            ),
            row("submission.yaml", "applicant.dispute_rate", "STO003"),
            row("submission.yaml", "markets", "STO004"),
            row("submission.yaml", "applicant.annual_export_usd", "STO005"),
        ],
    );
}

#[test]
fn licence_rules_report_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("license.yaml", "uscc", "LIC001"),
            row("license.yaml", "valid_until", "LIC004"),
            row("license.yaml", "business_scope", "LIC005"),
            row("license.yaml", "scan", "LIC006"),
            row("license.yaml", "entity_name", "LIC007"),
        ],
    );
}

#[test]
fn return_address_rules_report_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("returns.yaml", "addresses[1].postal_code", "RET002"),
            row("returns.yaml", "addresses[0].postal_code", "RET002"),
            row("returns.yaml", "addresses[0].country", "RET006"),
            row("returns.yaml", "addresses[1].street", "RET006"),
            row("returns.yaml", "addresses[2].city", "RET006"),
            row("returns.yaml", "addresses[0].phone", "RET007"),
            row("returns.yaml", "addresses[1].recipient", "RET008"),
            row("returns.yaml", "addresses[2].contact_name", "RET008"),
            // RET009: a change not reported yet with 30 days or more left is no finding (the
            // clean ES address takes effect 35 days after the as-of date); the forecast gives
            // the date to report it by.
        ],
    );
}

#[test]
fn customer_service_rules_report_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("service.yaml", "languages[0].first_response", "SLA002"),
            row("service.yaml", "languages[2].first_response", "SLA002"),
            row("service.yaml", "languages[1].working_week", "SLA004"),
            row("service.yaml", "languages[2].timezone", "SLA004"),
            row("service.yaml", "returns_handling.first_response", "SLA005"),
            row("service.yaml", "returns_handling", "SLA005"),
            row("service.yaml", "languages[0].staffing", "SLA006"),
        ],
    );
}

#[test]
fn fulfilment_rules_report_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("fulfillment.yaml", "markets[2].return_plan", "FUL002"),
            row(
                "fulfillment.yaml",
                "markets[0].stock_sync_interval",
                "FUL003",
            ),
            row("fulfillment.yaml", "markets[1].mode", "FUL003"),
            row("fulfillment.yaml", "monthly_gmv_usd", "FUL004"),
            row("fulfillment.yaml", "prepayment_budget_usd", "FUL004"),
            row("fulfillment.yaml", "markets[0].warehouse", "FUL005"),
        ],
    );
}

#[test]
fn compliance_rules_report_missing_values() {
    check(
        "fixtures/clean",
        &[
            row("submission.yaml", "applicant.categories", "CMP001"),
            row("compliance.yaml", "certificates[3].valid_until", "CMP002"),
            // The CE certificate is ES's: undated, it covers nothing either.
            Row {
                also: &["CMP001"],
                ..row("compliance.yaml", "certificates[0].valid_until", "CMP002")
            },
        ],
    );
}

#[test]
fn challenge_rules_report_missing_values() {
    check(
        "fixtures/challenge",
        &[
            row("submission.yaml", "applicant.store_type", "CHL001"),
            // CHL002 needs `registered_on` or `sku_count` only when no other profile holds: one
            // of them missing is no finding here (the rule's unit tests delete both).
            row("submission.yaml", "applicant.health_score", "CHL003"),
            row(
                "submission.yaml",
                "attachments.health_score_screenshot",
                "CHL004",
            ),
            row("submission.yaml", "attachments.commitment_letter", "CHL005"),
            row("logistics.yaml", "agreement", "CHL006"),
            row("logistics.yaml", "agreement.start_date", "CHL006"),
            row("logistics.yaml", "agreement.countries", "CHL006"),
            row("logistics.yaml", "agreement.scan", "CHL006"),
            row("submission.yaml", "applicant.track", "CHL007"),
            row("submission.yaml", "applicant.monthly_gmv_usd", "CHL007"),
            row("logistics.yaml", "dispatch_within", "CHL009"),
            row("logistics.yaml", "refund_within", "CHL009"),
            row("logistics.yaml", "tracking_coverage", "CHL010"),
            row("plan.yaml", "customer_service", "CHL011"),
            row("plan.yaml", "customer_service.response_time", "CHL011"),
            row(
                "plan.yaml",
                "customer_service.smart_reply_templates",
                "CHL011",
            ),
            row("plan.yaml", "listing_compliance", "CHL012"),
            row("logistics.yaml", "service", "CHL013"),
            row("logistics.yaml", "first_order_by", "CHL013"),
            row("plan.yaml", "a_plus_pages", "CHL014"),
            row("plan.yaml", "livestreams", "CHL015"),
            row("plan.yaml", "livestreams[0].expected_viewers", "CHL015"),
            // An undated livestream does not count toward the three, and its deadline is
            // unknown.
            Row {
                also: &["CHL015"],
                ..row("plan.yaml", "livestreams[1].date", "CHL016")
            },
            row("submission.yaml", "challenge_start", "CHL016"),
            row("plan.yaml", "diagnosis.price_gap_pct", "CHL017"),
            row("plan.yaml", "diagnosis.price_currency", "CHL017"),
            row("plan.yaml", "diagnosis.main_image_ctr", "CHL018"),
            row("plan.yaml", "diagnosis.bounce_rate", "CHL019"),
            Row {
                also: &["CHL018", "CHL019"],
                ..row("plan.yaml", "diagnosis", "CHL017")
            },
            row("registrations.yaml", "registrations[1].kind", "CHL020"),
            row("submission.yaml", "applicant.face_verification", "CHL021"),
            // The licence rules both programmes share.
            row("license.yaml", "uscc", "LIC001"),
            row("license.yaml", "valid_until", "LIC004"),
            row("license.yaml", "scan", "LIC006"),
        ],
    );
}

#[test]
fn a_missing_value_is_reported_at_its_key_or_entry() {
    // The place matters as much as the code: at the key that holds the field, the entry that
    // lacks it, or the document when neither exists.
    let (_tmp, dir) = copy_of("fixtures/clean");
    let returns = dir.join("returns.yaml");
    let yaml = std::fs::read_to_string(&returns).unwrap();
    std::fs::write(&returns, delete(&yaml, "addresses[1].postal_code")).unwrap();
    let report = common::lint_as(&dir, "submission");
    let json: serde_json::Value = serde_json::from_str(&selfcheck::render::json::render(
        &report,
        selfcheck::finding::Lang::En,
    ))
    .unwrap();
    let finding = &json["submissions"][0]["findings"][0];
    assert_eq!(finding["code"], "RET002", "{json:#}");
    assert_eq!(finding["file"], "returns.yaml");
    assert_eq!(finding["line"], 13, "the `- market: BR` entry");
}
