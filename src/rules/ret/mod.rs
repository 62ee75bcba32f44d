//! Local return address rules RET001–RET009 (`returns.yaml`).
//!
//! Postal patterns, presentations, prefixes and calling codes come from the market table; whether
//! a phone number is valid, and for which market, from libphonenumber's metadata (the
//! `phonenumber` crate, see `phone.rs`). The rules here only say which of them a value must meet.

pub(crate) mod phone;
mod phone_metadata;
pub(crate) mod postal;

use super::{Ctx, complete_list, join_texts};
use crate::load::list;
use crate::load::typed::{Field, Sp};
use crate::markets::Market;
use crate::model::{Address, Date};
use regex::Regex;
use std::sync::LazyLock;

/// A change of return address or contact must be reported at least this many days before it
/// takes effect.
const REPORT_AHEAD_DAYS: i64 = 30;

/// The address entries of `returns.yaml`; none when the document is missing or unreadable.
fn addresses<'a>(ctx: &Ctx<'a>) -> &'a [Sp<Address>] {
    ctx.sub
        .returns
        .as_ref()
        .map_or(&[], |doc| list(&doc.data.addresses))
}

/// The entries together with the market-table entry of their market (unknown markets left out).
fn addresses_with_market<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = (&'a Sp<Address>, &'a Market)> {
    let markets = ctx.markets;
    addresses(ctx)
        .iter()
        .filter_map(move |a| markets.get(a.market.value.trim()).map(|m| (a, m)))
}

/// RET001: every target market has a local return address.
pub(crate) fn every_target_market_has_an_address(ctx: &Ctx) {
    let Some(returns) = ctx.sub.returns.as_ref() else {
        return;
    };
    // An unreadable list, or an entry of it that could not be read (SUB002), may hold the
    // missing market: that finding names the root cause.
    let Some(entries) = complete_list(&returns.data.addresses) else {
        return;
    };
    let programme = ctx.programme();
    let listed: Vec<&str> = entries.iter().map(|a| a.market.value.trim()).collect();
    let mut seen = Vec::new();
    for target in ctx.sub.markets() {
        let code = target.value.trim();
        // A market the programme does not serve is STO004's finding, not a missing address.
        let Some(market) = ctx.markets.served(code, programme) else {
            continue;
        };
        if listed.contains(&code) || seen.contains(&code) {
            continue;
        }
        seen.push(code);
        let (en, zh) = (&market.name.en, &market.name.zh);
        ctx.report(target.span,
                text!(
                    "{en} (`{code}`) has no return address",
                    "{zh}（`{code}`）没有退货地址"
                ),
            )
            .help(text!(
                "add an entry with `market: {code}` and a local return address in {en} to `addresses` in `returns.yaml`",
                "在 `returns.yaml` 的 `addresses` 中添加 `market: {code}` 的条目，填写{zh}当地的退货地址"
            ));
    }
}

/// RET006: the address is in its market's country and written in a script local carriers read.
pub(crate) fn address_is_written_for_local_carriers(ctx: &Ctx) {
    for address in addresses(ctx) {
        let market = address.market.value.trim();
        // The country and the lines a carrier reads are needed to judge them.
        let absent: Vec<String> = [
            ("country", address.country.is_absent()),
            ("street", address.street.is_absent()),
            ("city", address.city.is_absent()),
        ]
        .into_iter()
        .filter(|(_, absent)| *absent)
        .map(|(key, _)| format!("`{key}`"))
        .collect();
        if !absent.is_empty() {
            let (en, zh) = (absent.join(", "), absent.join("、"));
            ctx.report(
                address.span,
                text!(
                    "the return address for `{market}` has no {en}",
                    "`{market}` 的退货地址缺少 {zh}"
                ),
            )
            .help(text!(
                "write the address as local carriers read it: its `street`, `city` and `country: {market}`",
                "请按当地承运商能识别的写法填写地址：`street`、`city` 以及 `country: {market}`"
            ));
        }
        if let Some(country) = address.country.get() {
            let written = country.value.trim();
            // `market: KSA`: the entry's market is written another way; that is the mistake.
            let meant = (ctx.markets.get(market).is_none())
                .then(|| {
                    crate::rules::market_hint(ctx.markets, market, ctx.text(address.market.span))
                })
                .flatten();
            if let Some((help, _)) = meant {
                ctx.report(
                    address.market.span,
                    text!("`{market}` is not a market code", "`{market}` 不是市场代码"),
                )
                .help(help);
            } else if !written.eq_ignore_ascii_case(market) {
                ctx.report(country.span,
                        text!(
                            "the country `{written}` is not the address's market `{market}`",
                            "国家 `{written}` 与该地址的市场 `{market}` 不一致"
                        ),
                    )
                    .label(
                        address.market.span,
                        text!("the address is for `{market}`", "该地址属于 `{market}` 市场"),
                    )
                    .help(text!(
                        "a return address lies in its market's country: write `country: {market}`, or move the address to the entry of its own market",
                        "退货地址须位于所属市场的国家：请填写 `country: {market}`，或将该地址移到对应市场的条目下"
                    ));
            }
        }
        for (key, field) in [("street", &address.street), ("city", &address.city)] {
            let Some(value) = field.get() else {
                continue;
            };
            if !has_chinese(&value.value) {
                continue;
            }
            ctx.report(value.span,
                    text!(
                        "`{key}` is written in Chinese characters",
                        "`{key}` 使用了汉字书写"
                    ),
                )
                .help(text!(
                    "write `{key}` as it is written in the market's country, so that local carriers can read it",
                    "请按当地的写法填写 `{key}`，以便当地承运商识别"
                ));
        }
    }
}

/// RET008: each address names a recipient and a contact person.
pub(crate) fn recipient_and_contact_are_named(ctx: &Ctx) {
    for address in addresses(ctx) {
        let mut gaps = Vec::new();
        for (key, field) in [
            ("recipient", &address.recipient),
            ("contact_name", &address.contact_name),
        ] {
            match field {
                Field::Absent => gaps.push(text!("no `{key}`", "缺少 `{key}`")),
                Field::Present(v) if v.value.trim().is_empty() => {
                    gaps.push(text!("an empty `{key}`", "`{key}` 为空"));
                }
                _ => {}
            }
        }
        if gaps.is_empty() {
            continue;
        }
        let market = address.market.value.trim();
        let gaps = join_texts(&gaps, " and ", "，");
        let (en, zh) = (&gaps.en, &gaps.zh);
        ctx.report(address.span,
                text!(
                    "the return address for `{market}` has {en}",
                    "`{market}` 的退货地址：{zh}"
                ),
            )
            .help(text!(
                "name the receiving company in `recipient` and a person carriers can call in `contact_name`",
                "请在 `recipient` 中填写收货单位，在 `contact_name` 中填写承运商可联系的人员"
            ));
    }
}

/// RET009: a change of return address or contact (`effective_from` set) is reported at least
/// 30 days before it takes effect. A change not reported yet is a finding only once that can no
/// longer be done in time (the as-of date is later than its [`report_by`] date); until then the
/// forecast lists the date to report it by.
pub(crate) fn address_change_reported_in_time(ctx: &Ctx) {
    let as_of = ctx.as_of;
    for address in addresses(ctx) {
        let Some(effective) = address.effective_from.get() else {
            continue;
        };
        let eff = effective.value;
        let latest = report_by(eff);
        let reported = match &address.reported_on {
            Field::Invalid(_) => continue,
            Field::Present(reported) => reported,
            Field::Absent if as_of <= latest => continue,
            Field::Absent => {
                let soonest = as_of.add_days(REPORT_AHEAD_DAYS);
                ctx.report(
                    effective.span,
                    text!(
                        "the change takes effect on {eff}; it had to be reported by {latest}, and no `reported_on` says it was",
                        "该变更自 {eff} 起生效，须在 {latest} 之前报备，但没有 `reported_on` 说明已报备"
                    ),
                )
                .help(text!(
                    "a change of return address or contact must be reported at least {REPORT_AHEAD_DAYS} days before it takes effect: if it was, add the date as `reported_on`; if not, report it now and move `effective_from` to {soonest} or later",
                    "退货地址或联系人的变更须至少提前 {REPORT_AHEAD_DAYS} 天报备：如已报备，请将报备日期填入 `reported_on`；如未报备，请立即报备，并将 `effective_from` 改为 {soonest} 或之后"
                ));
                continue;
            }
        };
        let Some(days) = reported_too_late(reported.value, eff) else {
            continue;
        };
        let rep = reported.value;
        let earliest = rep.add_days(REPORT_AHEAD_DAYS);
        let message = if days >= 0 {
            text!(
                "reported {days} days before the change takes effect on {eff}",
                "在变更生效（{eff}）前 {days} 天才报备"
            )
        } else {
            let late = -days;
            text!(
                "reported {late} days after the change took effect on {eff}",
                "在变更生效（{eff}）后 {late} 天才报备"
            )
        };
        ctx.report(reported.span, message)
            .label(
                effective.span,
                text!("the change takes effect here", "变更自此日期生效"),
            )
            .help(text!(
                "a change of return address or contact must be reported at least {REPORT_AHEAD_DAYS} days ahead: move `effective_from` to {earliest} or later",
                "退货地址或联系人的变更须至少提前 {REPORT_AHEAD_DAYS} 天报备：请将 `effective_from` 改为 {earliest} 或之后"
            ));
    }
}

/// The last day on which a change taking effect on `effective` can be reported in time:
/// [`REPORT_AHEAD_DAYS`] days before it.
pub fn report_by(effective: Date) -> Date {
    effective.add_days(-REPORT_AHEAD_DAYS)
}

/// The changes of return address or contact not reported yet: each address's market and the
/// date its change takes effect (the forecast gives the date to report each by).
pub fn unreported_changes(sub: &crate::load::Submission) -> Vec<(String, Date)> {
    let Some(doc) = &sub.returns else {
        return Vec::new();
    };
    list(&doc.data.addresses)
        .iter()
        .filter(|a| matches!(a.reported_on, Field::Absent))
        .filter_map(|a| {
            Some((
                a.market.value.trim().to_owned(),
                a.effective_from.get()?.value,
            ))
        })
        .collect()
}

/// The date on which RET009 starts to fire for each change not reported yet (the forecast): the
/// day after its [`report_by`] date.
pub(crate) fn unreported_change_points(
    sub: &crate::load::Submission,
    reasons: crate::report::Reasons,
) -> Vec<crate::report::ChangePoint> {
    unreported_changes(sub)
        .into_iter()
        .map(|(market, effective)| {
            let latest = report_by(effective);
            crate::report::ChangePoint {
                on: latest.add_days(1),
                why: reasons.why(|| {
                    text!(
                        "the change of the {market} return address or contact (from {effective}) was not reported by {latest}",
                        "{market} 退货地址或联系人的变更（{effective} 起生效）未在 {latest} 之前报备"
                    )
                }),
            }
        })
        .collect()
}

/// Days between reporting and taking effect, when they are fewer than required.
fn reported_too_late(reported: Date, effective: Date) -> Option<i64> {
    let days = reported.days_until(effective);
    (days < REPORT_AHEAD_DAYS).then_some(days)
}

// ---------------------------------------------------------------- YAML text

/// `new` written the way `original` (the source text of a scalar) was: in the same quotes, or
/// plain (`force_quotes`: in double quotes then). `None` for what a fix should not touch: an
/// alias, a tagged or anchored node, a block scalar, or a value over several lines.
fn requoted(original: &str, new: &str, force_quotes: bool) -> Option<String> {
    if original.contains(['\n', '\r']) || original.starts_with(['*', '&', '!', '|', '>']) {
        return None;
    }
    Some(match original.chars().next() {
        Some('\'') => format!("'{new}'"),
        Some('"') => format!("\"{new}\""),
        _ if force_quotes => format!("\"{new}\""),
        _ => new.to_owned(),
    })
}

fn has_chinese(text: &str) -> bool {
    static HAN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\p{Han}").ok());
    HAN.as_ref().is_some_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markets::MarketTable;

    /// What this module (and the loader) made of a submission.
    #[derive(Debug, Default, PartialEq)]
    struct Linted {
        /// Code and text at the finding's place (the file name for a whole-document finding).
        found: Vec<(&'static str, String)>,
        /// The English message of each finding.
        messages: Vec<String>,
        /// The codes of the loader's own findings (SUB002, …).
        loader: Vec<String>,
    }

    /// The clean fixture with `files` replaced, linted by this module only.
    fn findings(files: &[(&str, &str)]) -> Linted {
        lint(crate::markets::builtin(), files)
    }

    /// The clean fixture with `files` replaced, linted by this module only against `markets`.
    fn lint(markets: &MarketTable, files: &[(&str, &str)]) -> Linted {
        let fixture = crate::rules::testing::clean_with(files);
        let out = crate::rules::testing::run(&fixture.sub, markets, &["RET"]);
        Linted {
            found: crate::rules::testing::places(&fixture.sub, &out),
            messages: out.iter().map(|f| f.message.en.clone()).collect(),
            loader: fixture
                .sub
                .findings
                .iter()
                .map(|f| f.code.to_string())
                .collect(),
        }
    }

    fn clean_returns() -> String {
        let clean = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        std::fs::read_to_string(clean.join("returns.yaml")).unwrap()
    }

    /// `returns.yaml` of the clean fixture with `from` replaced by `to`.
    fn returns_with(from: &str, to: &str) -> Linted {
        let text = clean_returns();
        assert!(text.contains(from), "{from}");
        findings(&[("returns.yaml", &text.replacen(from, to, 1))])
    }

    #[test]
    fn the_clean_returns_pass() {
        assert_eq!(findings(&[]), Linted::default());
    }

    #[test]
    fn an_address_that_could_not_be_read_may_be_the_missing_market() {
        // `market: [BR]` is SUB002 at the value; BR is not reported missing a second time.
        let got = returns_with("- market: BR", "- market: [BR]");
        assert_eq!(got.loader, ["SUB002"]);
        assert_eq!(got.found, []);
        // A market with no entry at all is still reported.
        let got = returns_with("- market: BR", "- market: MX");
        assert_eq!(got.loader, Vec::<&str>::new());
        assert!(got.found.contains(&("RET001", "BR".to_owned())), "{got:?}");
    }

    #[test]
    fn any_accepted_prefix_is_removed_before_the_pattern_is_matched() {
        // Mexico wants no prefix, yet `C.P.` is an accepted one: the code itself fits.
        let mx = "  - market: MX\n    recipient: Devoluciones CDMX S.A.\n    contact_name: Luis Pérez\n    phone: \"+52 55 1234 5678\"\n    street: Avenida Reforma 222\n    city: Ciudad de México\n    postal_code: C.P. 02860\n    country: MX\n";
        let got = findings(&[
            (
                "submission.yaml",
                "program: cooperation\nmarkets: [ES, BR, SA, MX]\nsubmitted_on: 2026-11-20\n",
            ),
            ("returns.yaml", &format!("{}{mx}", clean_returns())),
        ]);
        assert_eq!(got, Linted::default());
        // Spain's code with Brazil's prefix: the wrong prefix (RET003), not a wrong code.
        let got = returns_with("postal_code: CP 28009", "postal_code: \"CEP 28009\"");
        assert_eq!(got.found, [("RET003", "\"CEP 28009\"".to_owned())]);
        assert_eq!(
            got.messages,
            ["`CEP 28009` writes the prefix `CEP`, not `CP`"]
        );
        // Brazil's code with Spain's prefix: the wrong presentation (RET004).
        let got = returns_with("postal_code: CEP 01310-100", "postal_code: CP 01310-100");
        assert_eq!(got.found, [("RET004", "CP 01310-100".to_owned())]);
        assert_eq!(
            got.messages,
            ["`CP 01310-100` writes the prefix `CP`, not `CEP`"]
        );
        let got = returns_with("postal_code: CEP 01310-100", "postal_code: C.P.01310100");
        assert_eq!(got.found, [("RET004", "C.P.01310100".to_owned())]);
        assert_eq!(
            got.messages,
            ["`C.P.01310100` is not written `CEP 01310-100`"]
        );
        // A code that does not fit stays RET002 whatever its prefix.
        let got = returns_with("postal_code: CEP 01310-100", "postal_code: CP 0131-0100");
        assert_eq!(got.found, [("RET002", "CP 0131-0100".to_owned())]);
    }

    #[test]
    fn the_province_range_is_the_market_tables() {
        let province =
            |code: &str| returns_with("postal_code: CP 28009", &format!("postal_code: CP {code}"));
        assert_eq!(province("52001"), Linted::default());
        assert_eq!(province("01001"), Linted::default());
        let got = province("53001");
        assert_eq!(got.found, [("RET005", "CP 53001".to_owned())]);
        assert_eq!(
            got.messages,
            ["`53001` begins with `53`, which is not a province number of Spain"]
        );
        assert_eq!(province("00001").found, [("RET005", "CP 00001".to_owned())]);
        // A market the table gives no province numbers has no RET005.
        let mut table = crate::markets::builtin().clone();
        for market in &mut table.markets {
            if let Some(postal) = &mut market.postal {
                postal.region_prefix = None;
            }
        }
        let returns = clean_returns().replacen("CP 28009", "CP 60123", 1);
        assert_eq!(
            lint(&table, &[("returns.yaml", &returns)]),
            Linted::default()
        );
    }

    #[test]
    fn a_relaxed_prefix_allows_none_but_not_another_markets() {
        let mut table = crate::markets::builtin().clone();
        for market in &mut table.markets {
            market.postal_prefix_required = false;
        }
        let run = |from: &str, to: &str| {
            let returns = clean_returns().replacen(from, to, 1);
            lint(&table, &[("returns.yaml", &returns)]).found
        };
        assert_eq!(run("CP 28009", "28009"), []);
        assert_eq!(
            run("CP 28009", "CEP 28009"),
            [("RET003", "CEP 28009".to_owned())]
        );
        assert_eq!(run("CEP 01310-100", "01310-100"), []);
        assert_eq!(
            run("CEP 01310-100", "CP 01310-100"),
            [("RET004", "CP 01310-100".to_owned())]
        );
    }

    #[test]
    fn fixes_keep_the_quotes_of_the_original() {
        assert_eq!(
            requoted("28009", "CP 28009", false).as_deref(),
            Some("CP 28009")
        );
        assert_eq!(
            requoted("\"28009\"", "CP 28009", false).as_deref(),
            Some("\"CP 28009\"")
        );
        assert_eq!(
            requoted("'28009'", "CP 28009", false).as_deref(),
            Some("'CP 28009'")
        );
        assert_eq!(
            requoted("912345678", "+34 912345678", true).as_deref(),
            Some("\"+34 912345678\"")
        );
        assert_eq!(requoted("*es_code", "CP 28009", false), None);
        assert_eq!(requoted("|\n  28009\n", "CP 28009", false), None);
    }

    #[test]
    fn thirty_days_ahead_is_in_time_and_twenty_nine_is_not() {
        let d = |s| Date::parse(s, false).unwrap();
        assert_eq!(reported_too_late(d("2026-11-25"), d("2026-12-25")), None);
        assert_eq!(reported_too_late(d("2026-11-20"), d("2026-12-25")), None);
        assert_eq!(
            reported_too_late(d("2026-11-26"), d("2026-12-25")),
            Some(29)
        );
        assert_eq!(
            reported_too_late(d("2026-12-30"), d("2026-12-25")),
            Some(-5)
        );
        // Across February of a leap year: 2028-02-01 + 30 days is 2028-03-02.
        assert_eq!(reported_too_late(d("2028-02-01"), d("2028-03-02")), None);
        assert_eq!(
            reported_too_late(d("2028-02-01"), d("2028-03-01")),
            Some(29)
        );
    }

    #[test]
    fn an_unreported_change_is_a_finding_only_once_it_cannot_be_reported_in_time() {
        let unreported = |effective: &str| {
            let text = clean_returns().replace("    reported_on: 2026-11-20\n", "");
            let text = text.replace(
                "effective_from: 2026-12-25",
                &format!("effective_from: {effective}"),
            );
            findings(&[("returns.yaml", &text)]).found
        };
        // As of 2026-11-20: 30 days or more left is still in time, no finding.
        assert_eq!(unreported("2026-12-20"), []);
        assert_eq!(unreported("2027-01-10"), []);
        // 29 days left: it can no longer be reported 30 days ahead.
        assert_eq!(
            unreported("2026-12-19"),
            [("RET009", "2026-12-19".to_owned())]
        );
        assert_eq!(
            unreported("2026-11-01"),
            [("RET009", "2026-11-01".to_owned())]
        );
        let d = |s| Date::parse(s, false).unwrap();
        assert_eq!(report_by(d("2026-12-20")), d("2026-11-20"));
    }

    #[test]
    fn codes_typed_in_full_width_are_named_and_fixed_to_ascii() {
        let fixture = crate::rules::testing::clean_with(&[(
            "returns.yaml",
            &clean_returns()
                .replacen("postal_code: CP 28009", "postal_code: ＣＰ ２８００９", 1)
                .replacen(
                    "phone: \"+34 912 345 678\"",
                    "phone: \"＋３４ ９１２ ３４５ ６７８\"",
                    1,
                ),
        )]);
        let out = crate::rules::testing::run(&fixture.sub, crate::markets::builtin(), &["RET"]);
        let found = crate::rules::testing::places(&fixture.sub, &out);
        assert_eq!(
            found,
            [
                ("RET002", "ＣＰ ２８００９".to_owned()),
                ("RET007", "\"＋３４ ９１２ ３４５ ６７８\"".to_owned())
            ]
        );
        assert_eq!(
            out[0].message.en,
            "`ＣＰ ２８００９` is typed in full-width characters (`Ｃ` U+FF23 FULLWIDTH LATIN CAPITAL LETTER C and 5 more): it looks like `CP 28009` and is not"
        );
        let fixes: Vec<&str> = out
            .iter()
            .map(|f| f.fix.as_ref().unwrap().replacement.as_str())
            .collect();
        assert_eq!(fixes, ["CP 28009", "\"+34 912 345 678\""]);
    }

    #[test]
    fn chinese_characters_are_recognised() {
        assert!(has_chinese("马德里"));
        assert!(has_chinese("Calle 阿尔卡拉 100"));
        assert!(!has_chinese("Calle de Alcalá 100, 2ºB"));
        assert!(!has_chinese("شارع الملك فهد"));
        assert!(!has_chinese("서울특별시"));
    }
}
