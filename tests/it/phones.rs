//! RET007 on the examples of issue 15: validity is libphonenumber's (the `phonenumber` crate),
//! the presentation (`+CC` then the national number) the programme's. Each example lints a copy
//! of `fixtures/clean` with the Spanish return address moved to the example's market.

use crate::common;

use std::path::{Path, PathBuf};

/// RET007's finding on `phone` as the return phone of `market`: (message, fix replacement).
struct Verdict {
    message: Option<String>,
    fix: Option<String>,
}

fn returns_with(dir: &Path, market: &str, phone: &str) {
    let path = dir.join("returns.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "phone: \"+34 912 345 678\"";
    assert!(text.contains(from));
    let text = text
        .replacen("- market: ES", &format!("- market: {market}"), 1)
        .replacen(from, &format!("phone: \"{phone}\""), 1);
    std::fs::write(path, text).unwrap();
}

fn options() -> selfcheck::Options {
    selfcheck::Options {
        select: vec!["RET007".to_owned()],
        ..Default::default()
    }
}

fn verdict_of(report: &selfcheck::SubmissionReport) -> Verdict {
    // Only RET007 is selected.
    let finding = report.findings.first();
    Verdict {
        message: finding.map(|f| f.message.en.clone()),
        fix: finding.and_then(|f| f.fix.as_ref().map(|x| x.replacement.clone())),
    }
}

fn ret007(market: &str, phone: &str) -> Verdict {
    let (_tmp, dir) = common::clean_copy();
    returns_with(&dir, market, phone);
    verdict_of(&selfcheck::lint_submission(&dir, &options()))
}

fn rejected_as_invalid(market: &str, phone: &str) {
    let v = ret007(market, phone);
    let message = v
        .message
        .unwrap_or_else(|| panic!("{market} {phone} accepted"));
    assert!(
        message.contains("is not a valid phone number of"),
        "{market} {phone}: {message}"
    );
    assert_eq!(
        v.fix, None,
        "{market} {phone}: an invalid number is not guessed at"
    );
}

fn rejected_for_the_trunk_prefix(market: &str, phone: &str, fix: &str) {
    let v = ret007(market, phone);
    let message = v
        .message
        .unwrap_or_else(|| panic!("{market} {phone} accepted"));
    assert!(
        message.contains("keeps a trunk prefix"),
        "{market} {phone}: {message}"
    );
    assert_eq!(v.fix.as_deref(), Some(fix), "{market} {phone}");
}

fn accepted(market: &str, phone: &str) {
    let v = ret007(market, phone);
    assert_eq!(v.message, None, "{market} {phone}");
}

// ---------------------------------------------------------------- accepted before, invalid

#[test]
fn br_a_digit_too_many_is_invalid() {
    rejected_as_invalid("BR", "+5511234567895");
}

#[test]
fn it_a_digit_too_many_is_invalid() {
    rejected_as_invalid("IT", "+3931234567895");
}

#[test]
fn de_a_digit_too_many_is_invalid() {
    rejected_as_invalid("DE", "+49151234567895");
}

#[test]
fn ae_a_digit_too_few_is_invalid() {
    rejected_as_invalid("AE", "+97150123456");
}

// ---------------------------------------------------------------- trunk prefix kept
//
// libphonenumber drops a trunk prefix written after the calling code and finds these numbers
// valid; the programme's international form (CHECKLIST RET007: "not in international form") is
// `+CC` then the national number, which has no trunk prefix. So RET007 still rejects them — for
// their presentation, not their validity — and the fix writes the library's number.

#[test]
fn br_trunk_prefix_kept() {
    rejected_for_the_trunk_prefix("BR", "+55 01123456789", "\"+55 11 2345-6789\"");
}

#[test]
fn kr_trunk_prefix_kept() {
    rejected_for_the_trunk_prefix("KR", "+82 022123456", "\"+82 2-212-3456\"");
}

#[test]
fn de_trunk_prefix_kept() {
    rejected_for_the_trunk_prefix("DE", "+49 030123456", "\"+49 30 123456\"");
}

#[test]
fn ae_trunk_prefix_kept() {
    rejected_for_the_trunk_prefix("AE", "+971 022345678", "\"+971 2 234 5678\"");
}

#[test]
fn de_trunk_prefix_kept_before_no_number_is_not_guessed_at() {
    // With the 0 dropped the rest is no German number either: no fix.
    rejected_as_invalid("DE", "+49 0151234567895");
}

// ---------------------------------------------------------------- valid short and long

#[test]
fn de_a_short_valid_number() {
    accepted("DE", "+49 30123");
}

#[test]
fn it_a_long_valid_number() {
    accepted("IT", "+39 083169413044");
}

// ---------------------------------------------------------------- which part failed

#[test]
fn a_spanish_number_on_a_brazilian_address_is_the_wrong_market() {
    let v = ret007("BR", "+34 912 345 678");
    assert_eq!(
        v.message.as_deref(),
        Some("`+34 912 345 678` is a phone number of Spain (`ES`), not of Brazil (`BR`)")
    );
    assert_eq!(v.fix, None);
}

#[test]
fn a_national_number_is_the_wrong_presentation_and_gets_the_librarys_form() {
    let v = ret007("ES", "912 345 678");
    assert_eq!(
        v.message.as_deref(),
        Some("`912 345 678` is not in international form")
    );
    assert_eq!(v.fix.as_deref(), Some("\"+34 912 34 56 78\""));
    // Germany's trunk prefix is the library's fact now: `030 …` is unambiguous.
    let v = ret007("DE", "030 123456");
    assert_eq!(v.fix.as_deref(), Some("\"+49 30 123456\""));
}

/// A number a customer can call is a return contact whatever its type: fixed line, mobile,
/// VoIP (France's 09, Korea's 070), personal (Spain's 70x), toll-free, UAN. Premium-rate,
/// shared-cost, pager and voicemail numbers are not, and the message names the type.
#[test]
fn numbers_customers_can_call_are_return_contacts_and_the_others_are_named() {
    for (market, phone) in [
        ("ES", "+34 900 123 456"),
        ("FR", "+33 9 12 34 56 78"),
        ("KR", "+82 70 1234 5678"),
        ("ES", "+34 701 234 567"),
        ("ES", "+34 511 234 567"),
    ] {
        assert_eq!(ret007(market, phone).message, None, "{market} {phone}");
    }
    for (market, phone, kind) in [
        ("ES", "+34 803 123 456", "premium-rate"),
        ("ES", "+34 901 123 456", "shared-cost"),
        ("KR", "+82 15 2345 6789", "pager"),
        ("IT", "+39 331 0123 4501", "voicemail"),
    ] {
        let v = ret007(market, phone);
        let message = v
            .message
            .unwrap_or_else(|| panic!("{market} {phone} accepted"));
        assert!(
            message.contains(&format!("is a {kind} number"))
                && message.contains("cannot simply call"),
            "{message}"
        );
        assert_eq!(v.fix, None);
    }
}

/// E.164 allows 15 digits, calling code included, even where a region's pattern allows more.
#[test]
fn a_number_longer_than_fifteen_digits_is_refused() {
    assert_eq!(ret007("DE", "+49 30 12345678901").message, None);
    let v = ret007("DE", "+49 30 123456789012");
    let message = v.message.unwrap();
    assert!(
        message.contains("16 digits") && message.contains("at most 15"),
        "{message}"
    );
    assert_eq!(v.fix, None);
}

// ---------------------------------------------------------------- market overrides

fn with_config(config: &str, market: &str, phone: &str) -> Result<Verdict, String> {
    let (tmp, dir) = common::clean_copy();
    returns_with(&dir, market, phone);
    let path: PathBuf = tmp.path().join(".selfcheck.yaml");
    std::fs::write(&path, config).unwrap();
    let options = options();
    let config =
        selfcheck::config::load(&path, &options.catalogue).map_err(|e| format!("{e:?}"))?;
    Ok(verdict_of(&selfcheck::lint_with(&dir, &options, &config)))
}

const PORTUGAL: &str = "markets:
  PT:
    name: {en: Portugal, zh: 葡萄牙}
    programmes: [cooperation]
    postal: {pattern: '\\d{4}-\\d{3}', presentation: 1000-001}
    phone: {calling_code: \"351\"}
    languages: [pt]
    timezone: Europe/Lisbon
    working_week: mon-fri
";

#[test]
fn a_market_added_by_the_configuration_is_checked_by_the_library() {
    let v = with_config(PORTUGAL, "PT", "+351 212 345 678").unwrap();
    assert_eq!(v.message, None);
    let v = with_config(PORTUGAL, "PT", "+351 212 345 67").unwrap();
    assert!(
        v.message
            .unwrap()
            .contains("is not a valid phone number of Portugal")
    );
    let v = with_config(PORTUGAL, "PT", "212 345 678").unwrap();
    assert_eq!(v.fix.as_deref(), Some("\"+351 21 234 5678\""));
}

#[test]
fn an_overridden_market_keeps_its_phone_rule() {
    let v = with_config(
        "markets:\n  ES: {postal_prefix_required: false}\n",
        "ES",
        "+34 912 345 67",
    )
    .unwrap();
    assert!(
        v.message
            .unwrap()
            .contains("is not a valid phone number of Spain")
    );
}

#[test]
fn national_lengths_are_no_longer_a_market_field() {
    // The library owns the lengths: a configuration that still gives them is told so.
    let config = PORTUGAL.replace(
        "phone: {calling_code: \"351\"}",
        "phone: {calling_code: \"351\", national_digits: [9, 9]}",
    );
    let err = with_config(&config, "PT", "+351 212 345 678")
        .err()
        .unwrap();
    assert!(err.contains("national_digits"), "{err}");
}
