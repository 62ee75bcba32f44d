//! Postal code rules RET002–RET005: the code fits its market, with the prefix and layout
//! the market wants and a province number where the market has them.

use super::{Ctx, addresses_with_market, requoted};
use crate::load::typed::Sp;
use crate::markets::{Market, MarketTable, Postal};
use crate::rules::{fullwidth, needed};

/// RET002: `postal_code` is present and the code itself fits the market's pattern. A code typed
/// in full width (`ＣＰ ２８００９`) is named as such, with its ASCII form as the fix.
pub(crate) fn postal_code_fits_the_market(ctx: &Ctx) {
    let forms = prefix_forms(ctx.markets);
    for (address, market) in addresses_with_market(ctx) {
        let Some(postal) = &market.postal else {
            continue;
        };
        let (en, zh) = (&market.name.en, &market.name.zh);
        let code = market.code.as_str();
        let like = postal.presentation.as_str();
        let Some(value) = ctx.needs(
            needed(&address.postal_code, || address.span.into()),
            || {
                text!(
                    "the return address for {en} (`{code}`) has no `postal_code`",
                    "{zh}（`{code}`）的退货地址没有 `postal_code`"
                )
            },
            || {
                text!(
                    "add `postal_code`, written like `{like}`",
                    "请添加 `postal_code`，格式如 `{like}`"
                )
            },
        ) else {
            continue;
        };
        if postal_code(&value.value, postal, &forms).is_some_and(|p| p.fits) {
            continue;
        }
        let written = value.value.trim();
        if let Some(ascii) = fullwidth::ascii_of(written) {
            let finding = ctx
                .report(value.span, fullwidth::message(written, &ascii))
                .help(fullwidth::help());
            if let Some(replacement) = requoted(ctx.text(value.span), &ascii, false) {
                finding.fix(fullwidth::fix(), replacement);
            }
            continue;
        }
        ctx.report(
            value.span,
            text!(
                "`{written}` is not a postal code of {en}",
                "`{written}` 不是{zh}的邮政编码"
            ),
        )
        .help(text!(
            "postal codes in {en} are written like `{like}`",
            "{zh}的邮政编码格式如 `{like}`"
        ));
    }
}

/// RET003: a Spanish postal code carries the `CP` prefix.
pub(crate) fn spanish_postal_code_has_cp_prefix(ctx: &Ctx) {
    for (market, postal, value, parsed) in fitting_codes(ctx, Some("ES")) {
        let Some(prefix) = postal.prefix.as_deref() else {
            continue;
        };
        if parsed.prefix.is_some_and(|p| accepted_prefix(p, prefix)) {
            continue;
        }
        // A configuration may relax the programme's prefix for a market.
        if parsed.prefix.is_none() && !market.postal_prefix_required {
            continue;
        }
        let Some(canonical) = presented(&postal.presentation, parsed.code) else {
            continue;
        };
        let written = value.value.trim();
        let like = postal.presentation.as_str();
        let message = match parsed.prefix {
            None => text!(
                "`{written}` lacks the `{prefix}` prefix",
                "`{written}` 缺少 `{prefix}` 前缀"
            ),
            Some(other) => text!(
                "`{written}` writes the prefix `{other}`, not `{prefix}`",
                "`{written}` 的前缀写作 `{other}`，应为 `{prefix}`"
            ),
        };
        let finding = ctx.report(value.span, message).help(text!(
            "Spanish postal codes are written with the prefix, like `{like}`",
            "西班牙邮政编码须带前缀，格式如 `{like}`"
        ));
        if let Some(replacement) = requoted(ctx.text(value.span), &canonical, false) {
            finding.fix(
                text!("write the code with its prefix", "为邮编加上前缀"),
                replacement,
            );
        }
    }
}

/// RET004: a Brazilian postal code is written `CEP 00000-000`.
pub(crate) fn brazilian_postal_code_is_cep_segmented(ctx: &Ctx) {
    for (market, postal, value, parsed) in fitting_codes(ctx, Some("BR")) {
        let Some(canonical) = presented(&postal.presentation, parsed.code) else {
            continue;
        };
        let written = value.value.trim();
        if written == canonical {
            continue;
        }
        // Without a required prefix, the segmented code alone is right.
        let unprefixed = postal
            .prefix
            .as_deref()
            .and_then(|p| canonical.strip_prefix(p))
            .map(str::trim_start);
        if !market.postal_prefix_required && parsed.prefix.is_none() && unprefixed == Some(written)
        {
            continue;
        }
        let like = postal.presentation.as_str();
        // Segmented right, so only a prefix can be wrong: `CP 01310-100`.
        let segmented = unprefixed == Some(parsed.code);
        let message = match (postal.prefix.as_deref(), parsed.prefix) {
            (Some(prefix), None) => text!(
                "`{written}` lacks the `{prefix}` prefix",
                "`{written}` 缺少 `{prefix}` 前缀"
            ),
            (Some(prefix), Some(other)) if segmented && !accepted_prefix(other, prefix) => {
                text!(
                    "`{written}` writes the prefix `{other}`, not `{prefix}`",
                    "`{written}` 的前缀写作 `{other}`，应为 `{prefix}`"
                )
            }
            _ => text!(
                "`{written}` is not written `{canonical}`",
                "`{written}` 未按 `{canonical}` 的格式书写"
            ),
        };
        let finding = ctx.report(value.span, message).help(text!(
            "Brazilian postal codes are written with the prefix and a hyphen after the fifth digit, like `{like}`",
            "巴西邮政编码须带前缀，并在第五位数字后加连字符，格式如 `{like}`"
        ));
        if let Some(replacement) = requoted(ctx.text(value.span), &canonical, false) {
            finding.fix(
                text!(
                    "write the code in the segmented form with its prefix",
                    "改为带前缀的分段格式"
                ),
                replacement,
            );
        }
    }
}

/// RET005: a postal code begins with a province number (Spain: 01–52), where the market table
/// says its codes begin with one.
pub(crate) fn postal_code_names_a_province(ctx: &Ctx) {
    for (market, postal, value, parsed) in fitting_codes(ctx, None) {
        let Some(region) = &postal.region_prefix else {
            continue;
        };
        let Some((lead, number)) = leading_number(parsed.code, region.digits) else {
            continue;
        };
        if (region.min..=region.max).contains(&number) {
            continue;
        }
        let code = parsed.code;
        let width = usize::from(region.digits);
        let (first, last) = (region.min, region.max);
        let (en, zh, like) = (&market.name.en, &market.name.zh, &postal.presentation);
        ctx.report(value.span,
                text!(
                    "`{code}` begins with `{lead}`, which is not a province number of {en}",
                    "`{code}` 以 `{lead}` 开头，不是{zh}的省份编号"
                ),
            )
            .help(text!(
                "postal codes in {en} begin with the province number {first:0width$}–{last:0width$}, like `{like}`; check the code against the address",
                "{zh}的邮政编码以省份编号 {first:0width$}–{last:0width$} 开头，格式如 `{like}`；请对照地址核对邮编"
            ));
    }
}

// ---------------------------------------------------------------- postal codes

/// The postal codes of the return addresses (for the market `only`, or all) that fit their
/// market's pattern, parsed, with the market and its postal rules: what RET003–RET005 judge.
/// RET002 reports the codes that are missing or do not fit.
fn fitting_codes<'a>(
    ctx: &Ctx<'a>,
    only: Option<&str>,
) -> Vec<(&'a Market, &'a Postal, &'a Sp<String>, PostalCode<'a>)> {
    let forms = prefix_forms(ctx.markets);
    addresses_with_market(ctx)
        .filter(|(_, market)| only.is_none_or(|code| market.code == code))
        .filter_map(|(address, market)| {
            let postal = market.postal.as_ref()?;
            let value = address.postal_code.get()?;
            let parsed = postal_code(&value.value, postal, &forms).filter(|p| p.fits)?;
            Some((market, postal, value, parsed))
        })
        .collect()
}

/// A postal code split into the prefix as written and the code itself.
#[derive(Debug, PartialEq)]
struct PostalCode<'a> {
    prefix: Option<&'a str>,
    code: &'a str,
    /// The code fits the market's pattern.
    fits: bool,
}

/// Splits `value` at any accepted prefix (`forms`, see [`prefix_forms`]) and matches the code
/// against the market's pattern; `None` when the pattern of the table does not compile.
fn postal_code<'a>(value: &'a str, postal: &Postal, forms: &[String]) -> Option<PostalCode<'a>> {
    let (prefix, code) = split_prefix(value, forms);
    Some(PostalCode {
        prefix,
        code,
        fits: postal.fits(code)?,
    })
}

/// Every prefix accepted before a postal code, whichever market it belongs to: the prefixes of
/// the market table (`CP`, `CEP`) and their dotted forms (`C.P.`), longest first. Which of them
/// a market wants is RET003's and RET004's question, not whether the code fits.
fn prefix_forms(table: &MarketTable) -> Vec<String> {
    let mut forms: Vec<String> = table
        .markets
        .iter()
        .filter_map(|m| m.postal.as_ref()?.prefix.as_deref())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| [p.to_owned(), dotted(p)])
        .collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    forms
}

/// Removes an accepted prefix (one of `forms`), in any letter case, with or without a colon
/// (`CP:`) and with or without a following space. The prefix is returned as written, colon
/// included: whether that is the programme's spelling is RET003's and RET004's question.
fn split_prefix<'a>(value: &'a str, forms: &[String]) -> (Option<&'a str>, &'a str) {
    let value = value.trim();
    for form in forms {
        let head = value.get(..form.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(form)) {
            let colon = usize::from(value[form.len()..].starts_with(':'));
            let (written, rest) = value.split_at(form.len() + colon);
            return (Some(written), rest.trim_start());
        }
    }
    (None, value)
}

/// `CP` → `C.P.`.
fn dotted(prefix: &str) -> String {
    prefix.chars().flat_map(|c| [c, '.']).collect()
}

/// The prefix forms the programme accepts: the prefix itself or dotted, as the table writes it.
fn accepted_prefix(written: &str, prefix: &str) -> bool {
    written == prefix || written == dotted(prefix)
}

/// The code laid out like the market's presentation: `01310100` with `CEP 01310-100` gives
/// `CEP 01310-100`. `None` unless the code is digits (with hyphens or spaces) and has as many
/// digits as the presentation.
fn presented(presentation: &str, code: &str) -> Option<String> {
    if !code
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
    {
        return None;
    }
    let digits: Vec<char> = code.chars().filter(char::is_ascii_digit).collect();
    let wanted = presentation.chars().filter(char::is_ascii_digit).count();
    if digits.len() != wanted {
        return None;
    }
    let mut next = digits.into_iter();
    Some(
        presentation
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    next.next().unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The first `digits` characters of a code as written and as a number, when they are digits.
fn leading_number(code: &str, digits: u8) -> Option<(&str, u32)> {
    let lead = code.get(..usize::from(digits)).filter(|l| !l.is_empty())?;
    if !lead.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((lead, lead.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postal(pattern: &str, presentation: &str, prefix: Option<&str>) -> Postal {
        Postal::new(pattern, presentation, prefix)
    }

    fn es() -> Postal {
        postal(r"\d{5}", "CP 28009", Some("CP"))
    }

    fn br() -> Postal {
        postal(r"\d{5}-?\d{3}", "CEP 01310-100", Some("CEP"))
    }

    /// The accepted prefix forms of the built-in table.
    fn forms() -> Vec<String> {
        prefix_forms(crate::markets::builtin())
    }

    #[test]
    fn the_accepted_prefixes_are_the_tables_longest_first() {
        assert_eq!(forms(), ["C.E.P.", "C.P.", "CEP", "CP"]);
    }

    #[test]
    fn accepted_prefixes_are_removed_with_or_without_a_space() {
        for (value, prefix, code) in [
            ("CP 28009", Some("CP"), "28009"),
            ("CP28009", Some("CP"), "28009"),
            ("C.P. 28009", Some("C.P."), "28009"),
            ("C.P.28009", Some("C.P."), "28009"),
            ("cp 28009", Some("cp"), "28009"),
            ("CEP 28009", Some("CEP"), "28009"),
            ("  28009 ", None, "28009"),
        ] {
            assert_eq!(split_prefix(value, &forms()), (prefix, code), "{value}");
        }
        assert_eq!(
            split_prefix("CEP01310-100", &forms()),
            (Some("CEP"), "01310-100")
        );
        assert_eq!(
            split_prefix("CP 01310-100", &forms()),
            (Some("CP"), "01310-100")
        );
        for (value, prefix, code) in [
            ("CP: 28009", "CP:", "28009"),
            ("CP:28009", "CP:", "28009"),
            ("CEP: 01310-100", "CEP:", "01310-100"),
            ("C.E.P.: 01310-100", "C.E.P.:", "01310-100"),
        ] {
            assert_eq!(
                split_prefix(value, &forms()),
                (Some(prefix), code),
                "{value}"
            );
        }
        // Any accepted prefix is removed, also for a market that has none of its own.
        let sa = postal(r"\d{5}", "11564", None);
        assert!(postal_code("C.P. 11564", &sa, &forms()).unwrap().fits);
        // Other text before the code is not a prefix.
        assert!(!postal_code("PC 11564", &sa, &forms()).unwrap().fits);
        assert_eq!(split_prefix("CP 11564", &[]), (None, "CP 11564"));
    }

    #[test]
    fn only_the_programmes_spellings_of_the_prefix_are_accepted() {
        assert!(accepted_prefix("CP", "CP"));
        assert!(accepted_prefix("C.P.", "CP"));
        assert!(!accepted_prefix("cp", "CP"));
        assert!(!accepted_prefix("Cp", "CP"));
        assert!(!accepted_prefix("CP:", "CP"));
        assert!(!accepted_prefix("CEP:", "CEP"));
    }

    #[test]
    fn codes_match_the_whole_pattern() {
        assert!(postal_code("CP 28009", &es(), &forms()).unwrap().fits);
        assert!(postal_code("28009", &es(), &forms()).unwrap().fits);
        assert!(!postal_code("CP 2800", &es(), &forms()).unwrap().fits);
        assert!(!postal_code("CP 280091", &es(), &forms()).unwrap().fits);
        assert!(
            !postal_code("CP 28009 Madrid", &es(), &forms())
                .unwrap()
                .fits
        );
        // An alternation in the table's pattern is anchored as a whole.
        let alt = postal("1|2", "1", None);
        assert!(!postal_code("12", &alt, &forms()).unwrap().fits);
        assert!(postal_code("x", &postal("(", "1", None), &forms()).is_none());
    }

    #[test]
    fn brazilian_codes_fit_with_or_without_hyphen_and_are_presented_segmented() {
        for value in [
            "01310100",
            "01310-100",
            "CEP 01310100",
            "CEP01310-100",
            "cep 01310-100",
        ] {
            let p = postal_code(value, &br(), &forms()).unwrap();
            assert!(p.fits, "{value}");
            assert_eq!(
                presented("CEP 01310-100", p.code).as_deref(),
                Some("CEP 01310-100"),
                "{value}"
            );
        }
        assert!(!postal_code("0131-0100", &br(), &forms()).unwrap().fits);
        assert!(!postal_code("0131010", &br(), &forms()).unwrap().fits);
        assert_eq!(presented("CEP 01310-100", "0131010"), None);
        assert_eq!(presented("CEP 01310-100", "0131a100"), None);
        assert_eq!(presented("CP 28009", "08001").as_deref(), Some("CP 08001"));
    }

    #[test]
    fn the_province_is_the_leading_digits() {
        assert_eq!(leading_number("28009", 2), Some(("28", 28)));
        assert_eq!(leading_number("01001", 2), Some(("01", 1)));
        assert_eq!(leading_number("5", 2), None);
        assert_eq!(leading_number("A8009", 2), None);
        assert_eq!(leading_number("28009", 0), None);
        assert_eq!(leading_number("２8009", 2), None);
    }
}
