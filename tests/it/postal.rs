//! Postal codes (issue 15): a right code in a wrong presentation is RET003 (Spain) or RET004
//! (Brazil) with the programme's form as the fix, never RET002; and the market table's patterns
//! are held against Google's address data (`tests/data/reference/postal.json`).

use crate::common;

use serde_json::Value;

/// The postal findings (RET002–RET005) with `postal` as the code of the `market` address of the
/// clean fixture: (code, fix replacement).
fn postal(market: &str, postal: &str) -> Vec<(String, Option<String>)> {
    let (_tmp, dir) = common::clean_copy();
    let path = dir.join("returns.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = match market {
        "ES" => "postal_code: CP 28009",
        "BR" => "postal_code: CEP 01310-100",
        _ => panic!("{market}"),
    };
    assert!(text.contains(from));
    let text = text.replacen(from, &format!("postal_code: \"{postal}\""), 1);
    std::fs::write(&path, text).unwrap();
    let options = selfcheck::Options {
        select: ["RET002", "RET003", "RET004", "RET005"]
            .map(str::to_owned)
            .to_vec(),
        ..Default::default()
    };
    selfcheck::lint_submission(&dir, &options)
        .findings
        .iter()
        .map(|f| {
            (
                f.code.to_string(),
                f.fix.as_ref().map(|x| x.replacement.clone()),
            )
        })
        .collect()
}

fn cep(written: &str) {
    assert_eq!(
        postal("BR", written),
        [("RET004".to_owned(), Some("\"CEP 01310-100\"".to_owned()))],
        "{written}"
    );
}

fn cp(written: &str) {
    assert_eq!(
        postal("ES", written),
        [("RET003".to_owned(), Some("\"CP 28009\"".to_owned()))],
        "{written}"
    );
}

#[test]
fn br_cep_with_a_colon() {
    cep("CEP: 01310-100");
}

#[test]
fn br_cep_unsegmented_without_a_space() {
    cep("CEP01310100");
}

#[test]
fn br_cep_in_lower_case() {
    cep("cep 01310-100");
}

#[test]
fn br_cep_dotted() {
    cep("C.E.P. 01310-100");
}

#[test]
fn br_the_programmes_form_passes() {
    assert_eq!(postal("BR", "CEP 01310-100"), []);
}

#[test]
fn es_cp_with_a_colon() {
    cp("CP: 28009");
}

#[test]
fn es_cp_in_lower_case() {
    cp("cp 28009");
}

#[test]
fn es_cp_dotted_is_accepted() {
    // CHECKLIST RET003 names `C.P. 28009` among the accepted forms (with `CP 28009` and
    // `CP28009`), so the dotted prefix is no finding.
    assert_eq!(postal("ES", "C.P. 28009"), []);
    assert_eq!(postal("ES", "CP28009"), []);
}

#[test]
fn es_a_wrong_code_stays_ret002_whatever_its_prefix() {
    assert_eq!(postal("ES", "CP: 2800"), [("RET002".to_owned(), None)]);
    assert_eq!(
        postal("BR", "CEP: 0131-0100"),
        [("RET002".to_owned(), None)]
    );
}

#[test]
fn the_market_tables_patterns_agree_with_googles_example_codes() {
    let path = common::root().join("tests/data/reference/postal.json");
    let google: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let table = selfcheck::markets::builtin();
    let mut checked = 0;
    for m in google["markets"].as_array().unwrap() {
        let code = m["market"].as_str().unwrap();
        let market = table
            .get(code)
            .unwrap_or_else(|| panic!("{code}: not in the market table"));
        let Some(zip) = m["zip"].as_str() else {
            // No postal codes (AE): the table has none either.
            assert!(
                market.postal.is_none(),
                "{code}: Google has no postal codes"
            );
            continue;
        };
        let ours = market
            .postal
            .as_ref()
            .unwrap_or_else(|| panic!("{code}: Google has postal codes `{zip}`"));
        let ours_re = ours.regex().unwrap();
        let google_re = regex::Regex::new(&format!("^(?:{zip})$")).unwrap();
        // Google's own example codes fit.
        for example in m["zipex"].as_array().unwrap() {
            let example = example.as_str().unwrap();
            assert!(
                ours_re.is_match(example),
                "{code}: Google's example {example:?}"
            );
        }
        // Every code of the reference (examples and their near misses) gets the same verdict
        // from the table's pattern as from Google's.
        for case in m["cases"].as_array().unwrap() {
            if case["kind"] == "presentation" {
                continue; // the programme's prefixes: RET003/RET004, tests above
            }
            let written = case["written"].as_str().unwrap();
            assert_eq!(
                ours_re.is_match(written),
                google_re.is_match(written),
                "{code} {written:?}: the table's `{}` against Google's `{zip}`",
                ours.pattern
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}
