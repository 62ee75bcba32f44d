//! Local return address rules RET001–RET009 (`returns.yaml`).
//!
//! Postal patterns, presentations, prefixes, calling codes and national number lengths come from
//! the market table; the rules here only say which of them a value must meet.

use super::Ctx;
use crate::load::list;
use crate::load::typed::{Field, Sp};
use crate::markets::{Market, MarketTable, Phone, Postal};
use crate::model::{Address, Date};
use crate::text;
use regex::Regex;
use std::sync::LazyLock;

/// An address change must be reported at least this many days before it takes effect.
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
    match &returns.data.addresses {
        Field::Invalid(_) => return,
        Field::Present(list) if !list.value.is_complete() => return,
        _ => {}
    }
    let programme = ctx.programme();
    let listed: Vec<&str> = addresses(ctx)
        .iter()
        .map(|a| a.market.value.trim())
        .collect();
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

/// RET002: `postal_code` is present and the code itself fits the market's pattern.
pub(crate) fn postal_code_fits_the_market(ctx: &Ctx) {
    let forms = prefix_forms(ctx.markets);
    for (address, market) in addresses_with_market(ctx) {
        let Some(postal) = &market.postal else {
            continue;
        };
        let (en, zh) = (&market.name.en, &market.name.zh);
        let code = market.code.as_str();
        let like = postal.presentation.as_str();
        let value = match &address.postal_code {
            Field::Invalid(_) => continue,
            Field::Absent => {
                ctx.report(
                    address.span,
                    text!(
                        "the return address for {en} (`{code}`) has no `postal_code`",
                        "{zh}（`{code}`）的退货地址没有 `postal_code`"
                    ),
                )
                .help(text!(
                    "add `postal_code`, written like `{like}`",
                    "请添加 `postal_code`，格式如 `{like}`"
                ));
                continue;
            }
            Field::Present(v) => v,
        };
        if postal_code(&value.value, postal, &forms).is_some_and(|p| p.fits) {
            continue;
        }
        let written = value.value.trim();
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
    let forms = prefix_forms(ctx.markets);
    for (address, market) in addresses_with_market(ctx).filter(|(_, m)| m.code == "ES") {
        let Some(postal) = &market.postal else {
            continue;
        };
        let Some(prefix) = postal.prefix.as_deref() else {
            continue;
        };
        let Some(value) = address.postal_code.get() else {
            continue;
        };
        let Some(parsed) = postal_code(&value.value, postal, &forms) else {
            continue;
        };
        if !parsed.fits || parsed.prefix.is_some_and(|p| accepted_prefix(p, prefix)) {
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
        let mut finding = ctx.report(value.span, message).help(text!(
            "Spanish postal codes are written with the prefix, like `{like}`",
            "西班牙邮政编码须带前缀，格式如 `{like}`"
        ));
        if let Some(replacement) = requoted(ctx.text(value.span), &canonical, false) {
            finding = finding.fix(
                text!("write the code with its prefix", "为邮编加上前缀"),
                replacement,
            );
        }
        drop(finding);
    }
}

/// RET004: a Brazilian postal code is written `CEP 00000-000`.
pub(crate) fn brazilian_postal_code_is_cep_segmented(ctx: &Ctx) {
    let forms = prefix_forms(ctx.markets);
    for (address, market) in addresses_with_market(ctx).filter(|(_, m)| m.code == "BR") {
        let Some(postal) = &market.postal else {
            continue;
        };
        let Some(value) = address.postal_code.get() else {
            continue;
        };
        let Some(parsed) = postal_code(&value.value, postal, &forms) else {
            continue;
        };
        if !parsed.fits {
            continue;
        }
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
        let mut finding = ctx.report(value.span, message).help(text!(
            "Brazilian postal codes are written with the prefix and a hyphen after the fifth digit, like `{like}`",
            "巴西邮政编码须带前缀，并在第五位数字后加连字符，格式如 `{like}`"
        ));
        if let Some(replacement) = requoted(ctx.text(value.span), &canonical, false) {
            finding = finding.fix(
                text!(
                    "write the code in the segmented form with its prefix",
                    "改为带前缀的分段格式"
                ),
                replacement,
            );
        }
        drop(finding);
    }
}

/// RET005: a postal code begins with a province number (Spain: 01–52), where the market table
/// says its codes begin with one.
pub(crate) fn postal_code_names_a_province(ctx: &Ctx) {
    let forms = prefix_forms(ctx.markets);
    for (address, market) in addresses_with_market(ctx) {
        let Some(postal) = &market.postal else {
            continue;
        };
        let Some(region) = &postal.region_prefix else {
            continue;
        };
        let Some(value) = address.postal_code.get() else {
            continue;
        };
        let Some(parsed) = postal_code(&value.value, postal, &forms).filter(|p| p.fits) else {
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

/// RET006: the address is in its market's country and written in a script local carriers read.
pub(crate) fn address_is_written_for_local_carriers(ctx: &Ctx) {
    for address in addresses(ctx) {
        let market = address.market.value.trim();
        if let Some(country) = address.country.get() {
            let written = country.value.trim();
            if !written.eq_ignore_ascii_case(market) {
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

/// RET007: `phone` is in international form with the market's calling code and number length.
pub(crate) fn phone_is_international_for_the_market(ctx: &Ctx) {
    for (address, market) in addresses_with_market(ctx) {
        let (en, zh) = (&market.name.en, &market.name.zh);
        let code = market.code.as_str();
        let cc = market.phone.calling_code.as_str();
        let length = NationalLength(market.phone.national_digits);
        let wanted = length.written();
        let value = match &address.phone {
            Field::Invalid(_) => continue,
            Field::Absent => {
                ctx.report(address.span,
                        text!(
                            "the return address for {en} (`{code}`) has no `phone`",
                            "{zh}（`{code}`）的退货地址没有 `phone`"
                        ),
                    )
                    .help(text!(
                        "add `phone` in international form: `+{cc}` and the {wanted}-digit national number",
                        "请添加国际格式的 `phone`：`+{cc}` 加 {wanted} 位国内号码"
                    ));
                continue;
            }
            Field::Present(v) => v,
        };
        let written = value.value.trim();
        let message = match judge_phone(written, &market.phone) {
            PhoneVerdict::Fits => continue,
            PhoneVerdict::NotInternational => text!(
                "`{written}` is not in international form",
                "`{written}` 不是国际格式"
            ),
            PhoneVerdict::OtherCallingCode => text!(
                "`{written}` does not begin with the calling code of {en}, `+{cc}`",
                "`{written}` 不以{zh}的国际区号 `+{cc}` 开头"
            ),
            PhoneVerdict::WrongLength { digits, trunk } => {
                let fits_without_trunk = trunk
                    .as_deref()
                    .map(|t| {
                        text!(
                            "; without the trunk prefix `{t}` it would fit",
                            "；去掉国内长途前缀 `{t}` 即可"
                        )
                    })
                    .unwrap_or_default();
                let (then_en, then_zh) = (fits_without_trunk.en, fits_without_trunk.zh);
                text!(
                    "`{written}` has {digits} digits after `+{cc}`; national numbers in {en} have {wanted}{then_en}",
                    "`{written}` 在 `+{cc}` 之后有 {digits} 位数字；{zh}的国内号码为 {wanted} 位{then_zh}"
                )
            }
        };
        let mut finding = ctx.report(value.span, message).help(text!(
            "write the number in international form: `+{cc}` and the {wanted}-digit national number; spaces and hyphens are allowed",
            "请使用国际格式：`+{cc}` 加 {wanted} 位国内号码；可以使用空格和连字符"
        ));
        if let Some(national) = national_number(written, &market.phone) {
            let international = format!("+{cc} {national}");
            if let Some(replacement) = requoted(ctx.text(value.span), &international, true) {
                finding = finding.fix(
                    text!("write the number in international form", "改为国际格式"),
                    replacement,
                );
            }
        }
        drop(finding);
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
        let en = gaps
            .iter()
            .map(|g| g.en.as_str())
            .collect::<Vec<_>>()
            .join(" and ");
        let zh = gaps
            .iter()
            .map(|g| g.zh.as_str())
            .collect::<Vec<_>>()
            .join("，");
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

/// RET009: a changed address was reported at least 30 days before it takes effect.
pub(crate) fn address_change_reported_in_time(ctx: &Ctx) {
    for address in addresses(ctx) {
        let Some(effective) = address.effective_from.get() else {
            continue;
        };
        let eff = effective.value;
        let latest = eff.add_days(-REPORT_AHEAD_DAYS);
        let reported = match &address.reported_on {
            Field::Invalid(_) => continue,
            Field::Absent => {
                ctx.report(effective.span,
                        text!(
                            "the address takes effect on {eff}, and no `reported_on` says when the change was reported",
                            "该地址自 {eff} 起生效，但没有 `reported_on` 说明何时报备了变更"
                        ),
                    )
                    .help(text!(
                        "report the change to the platform by {latest} ({REPORT_AHEAD_DAYS} days before it takes effect) and add that date as `reported_on`",
                        "请在 {latest}（生效前 {REPORT_AHEAD_DAYS} 天）之前向平台报备变更，并将报备日期填入 `reported_on`"
                    ));
                continue;
            }
            Field::Present(v) => v,
        };
        let Some(days) = reported_too_late(reported.value, eff) else {
            continue;
        };
        let rep = reported.value;
        let earliest = rep.add_days(REPORT_AHEAD_DAYS);
        let message = if days >= 0 {
            text!(
                "reported {days} days before the address takes effect on {eff}",
                "在地址生效（{eff}）前 {days} 天才报备"
            )
        } else {
            let late = -days;
            text!(
                "reported {late} days after the address took effect on {eff}",
                "在地址生效（{eff}）后 {late} 天才报备"
            )
        };
        ctx.report(reported.span, message)
                .label(
                    effective.span,
                    text!("the address takes effect here", "地址自此日期生效"),
                )
                .help(text!(
                    "an address change must be reported at least {REPORT_AHEAD_DAYS} days ahead: move `effective_from` to {earliest} or later",
                    "地址变更须至少提前 {REPORT_AHEAD_DAYS} 天报备：请将 `effective_from` 改为 {earliest} 或之后"
                ));
    }
}

/// Days between reporting and taking effect, when they are fewer than required.
fn reported_too_late(reported: Date, effective: Date) -> Option<i64> {
    let days = reported.days_until(effective);
    (days < REPORT_AHEAD_DAYS).then_some(days)
}

// ---------------------------------------------------------------- postal codes

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
    let pattern = postal.regex()?;
    let (prefix, code) = split_prefix(value, forms);
    Some(PostalCode {
        prefix,
        code,
        fits: pattern.is_match(code),
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

/// Removes an accepted prefix (one of `forms`), in any letter case and with or without a
/// following space.
fn split_prefix<'a>(value: &'a str, forms: &[String]) -> (Option<&'a str>, &'a str) {
    let value = value.trim();
    for form in forms {
        let head = value.get(..form.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(form)) {
            let (written, rest) = value.split_at(form.len());
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

// ---------------------------------------------------------------- phone numbers

#[derive(Debug, PartialEq)]
enum PhoneVerdict {
    Fits,
    /// Not `+` followed by digits, spaces and hyphens.
    NotInternational,
    OtherCallingCode,
    /// `digits` after the calling code; `trunk` when dropping this leading trunk prefix would fit.
    WrongLength {
        digits: usize,
        trunk: Option<String>,
    },
}

fn judge_phone(written: &str, phone: &Phone) -> PhoneVerdict {
    let mut chars = written.chars();
    let international = chars.next() == Some('+')
        && chars.clone().next().is_some_and(|c| c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if !international {
        return PhoneVerdict::NotInternational;
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let Some(national) = digits.strip_prefix(phone.calling_code.as_str()) else {
        return PhoneVerdict::OtherCallingCode;
    };
    let length = NationalLength(phone.national_digits);
    if length.fits(national.len()) {
        return PhoneVerdict::Fits;
    }
    let trunk = phone
        .trunk_prefix
        .as_deref()
        .filter(|t| !t.is_empty())
        .filter(|t| {
            national
                .strip_prefix(t)
                .is_some_and(|n| length.fits(n.len()))
        })
        .map(str::to_owned);
    PhoneVerdict::WrongLength {
        digits: national.len(),
        trunk,
    }
}

/// The national significant number of a number written nationally, when it is unambiguous:
/// only digits, spaces, hyphens and parentheses; the market's trunk prefix dropped; a length the
/// market's numbers have; not starting `00` (an international access code) and not readable as
/// the calling code followed by a national number as well.
fn national_number(written: &str, phone: &Phone) -> Option<String> {
    if !written
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return None;
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    if digits.starts_with("00") {
        return None;
    }
    // A leading 0 where the table records no trunk prefix could be a trunk prefix all the same
    // (Germany: 030 …) or part of the number (Italy: 06 …): not unambiguous, so no fix.
    let trunk = phone.trunk_prefix.as_deref().filter(|t| !t.is_empty());
    if trunk.is_none() && digits.starts_with('0') {
        return None;
    }
    let length = NationalLength(phone.national_digits);
    let without_trunk = |d: &str| -> String {
        match phone.trunk_prefix.as_deref().filter(|t| !t.is_empty()) {
            Some(t) => d.strip_prefix(t).unwrap_or(d).to_owned(),
            None => d.to_owned(),
        }
    };
    let national = without_trunk(&digits);
    if !length.fits(national.len()) {
        return None;
    }
    let cc = phone.calling_code.as_str();
    let also_international = !cc.is_empty()
        && digits
            .strip_prefix(cc)
            .is_some_and(|rest| length.fits(without_trunk(rest).len()));
    (!also_international).then_some(national)
}

/// How many digits a market's national numbers have: `[min, max]`.
struct NationalLength([u8; 2]);

impl NationalLength {
    fn fits(&self, n: usize) -> bool {
        (usize::from(self.0[0])..=usize::from(self.0[1])).contains(&n)
    }

    /// `9`, or `8–10` for a range.
    fn written(&self) -> String {
        match self.0 {
            [a, b] if a == b => a.to_string(),
            [a, b] => format!("{a}–{b}"),
        }
    }
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

    fn postal(pattern: &str, presentation: &str, prefix: Option<&str>) -> Postal {
        Postal::new(pattern, presentation, prefix)
    }

    fn es() -> Postal {
        postal(r"\d{5}", "CP 28009", Some("CP"))
    }

    fn br() -> Postal {
        postal(r"\d{5}-?\d{3}", "CEP 01310-100", Some("CEP"))
    }

    fn phone(cc: &str, digits: [u8; 2], trunk: Option<&str>) -> Phone {
        Phone {
            calling_code: cc.to_owned(),
            national_digits: digits,
            trunk_prefix: trunk.map(str::to_owned),
        }
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
    fn international_numbers_need_the_calling_code_and_length() {
        let es = phone("34", [9, 9], None);
        let fr = phone("33", [9, 9], Some("0"));
        assert_eq!(judge_phone("+34 912 345 678", &es), PhoneVerdict::Fits);
        assert_eq!(judge_phone("+34-912-345-678", &es), PhoneVerdict::Fits);
        assert_eq!(judge_phone("+34912345678", &es), PhoneVerdict::Fits);
        assert_eq!(
            judge_phone("912 345 678", &es),
            PhoneVerdict::NotInternational
        );
        assert_eq!(
            judge_phone("+34 (91) 234 5678", &es),
            PhoneVerdict::NotInternational
        );
        assert_eq!(
            judge_phone("+ 34 912 345 678", &es),
            PhoneVerdict::NotInternational
        );
        assert_eq!(judge_phone("", &es), PhoneVerdict::NotInternational);
        assert_eq!(
            judge_phone("+33 912 345 678", &es),
            PhoneVerdict::OtherCallingCode
        );
        assert_eq!(
            judge_phone("+34 912 345 67", &es),
            PhoneVerdict::WrongLength {
                digits: 8,
                trunk: None
            }
        );
        assert_eq!(
            judge_phone("+33 0 1 23 45 67 89", &fr),
            PhoneVerdict::WrongLength {
                digits: 10,
                trunk: Some("0".to_owned())
            }
        );
        let br = phone("55", [10, 11], Some("0"));
        assert_eq!(judge_phone("+55 11 91234-5678", &br), PhoneVerdict::Fits);
        assert_eq!(judge_phone("+55 11 1234-5678", &br), PhoneVerdict::Fits);
        assert!(matches!(
            judge_phone("+55 11 234-5678", &br),
            PhoneVerdict::WrongLength { digits: 9, .. }
        ));
    }

    #[test]
    fn national_numbers_become_international_when_unambiguous() {
        // A leading 0 without a recorded trunk prefix is ambiguous (Germany 030 …).
        let de = phone("49", [6, 13], None);
        assert_eq!(national_number("030 12345678", &de), None);
        let es = phone("34", [9, 9], None);
        let fr = phone("33", [9, 9], Some("0"));
        let br = phone("55", [10, 11], Some("0"));
        let kr = phone("82", [8, 10], Some("0"));
        assert_eq!(
            national_number("912 345 678", &es).as_deref(),
            Some("912345678")
        );
        assert_eq!(
            national_number("(91) 234-5678", &es).as_deref(),
            Some("912345678")
        );
        // The trunk prefix is dropped where the market has one, and only there.
        assert_eq!(
            national_number("01 23 45 67 89", &fr).as_deref(),
            Some("123456789")
        );
        assert_eq!(
            national_number("(011) 91234-5678", &br).as_deref(),
            Some("11912345678")
        );
        assert_eq!(national_number("0912 345 678", &es), None);
        // Wrong lengths are not guessed at.
        assert_eq!(national_number("912 345 67", &es), None);
        assert_eq!(national_number("01 23 45 67 8", &fr), None);
        // Other characters, international access codes, and numbers that read as well with the
        // calling code in front are left alone.
        assert_eq!(national_number("912.345.678", &es), None);
        assert_eq!(national_number("+34 912 345 678", &es), None);
        assert_eq!(national_number("0034 912 345 678", &es), None);
        assert_eq!(national_number("82 1234 5678", &kr), None);
        assert_eq!(
            national_number("02 1234 5678", &kr).as_deref(),
            Some("212345678")
        );
        assert_eq!(national_number("", &es), None);
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
    fn chinese_characters_are_recognised() {
        assert!(has_chinese("马德里"));
        assert!(has_chinese("Calle 阿尔卡拉 100"));
        assert!(!has_chinese("Calle de Alcalá 100, 2ºB"));
        assert!(!has_chinese("شارع الملك فهد"));
        assert!(!has_chinese("서울특별시"));
    }
}
