//! RET007: the return phone number is in international form, and a valid number of its market
//! that a customer can call: fixed line, mobile, VoIP, personal, toll-free or UAN, of at most
//! E.164's 15 digits.
//!
//! Where each fact comes from: the presentation (`+`, the calling code, then the national
//! significant number; digits, spaces and hyphens) is the programme's rule, with the calling code
//! from the market table. Whether the digits are a number at all, of which market and of which
//! type (fixed line, mobile, toll free, …) is libphonenumber's, through the `phonenumber` crate
//! and its bundled metadata: the market table holds no lengths or trunk prefixes. The metadata
//! is decoded region by region, as numbers of each region are met (`phone_metadata.rs`).

use super::phone_metadata as metadata;
use super::{Ctx, addresses_with_market, requoted};
use crate::finding::Text;
use crate::markets::{Market, MarketTable};
use crate::rules::needed;
use phonenumber::metadata::Metadata;
use phonenumber::{Mode, PhoneNumber, Type, country};

/// RET007: `phone` is in international form and a valid number of the address's market that a
/// customer can call ([`callable`]), of at most [`E164_MAX_DIGITS`] digits.
pub(crate) fn phone_is_international_for_the_market(ctx: &Ctx) {
    for (address, market) in addresses_with_market(ctx) {
        let (en, zh) = (&market.name.en, &market.name.zh);
        let code = market.code.as_str();
        let cc = market.phone.calling_code.as_str();
        let Some(value) = ctx.needs(
            needed(&address.phone, || address.span.into()),
            text!(
                "the return address for {en} (`{code}`) has no `phone`",
                "{zh}（`{code}`）的退货地址没有 `phone`"
            ),
            text!(
                "add `phone` in international form: `+{cc}` and the national number of a phone in {en} that customers can call",
                "请添加国际格式的 `phone`：`+{cc}` 加{zh}客户可以拨打的电话的国内号码"
            ),
        ) else {
            continue;
        };
        let written = value.value.trim();
        if let Some(ascii) = crate::rules::fullwidth::ascii_of(written) {
            typed_in_full_width(ctx, value, written, &ascii, code, cc);
            continue;
        }
        let verdict = judge_phone(written, code, cc);
        let Some((message, help)) = verdict_message(&verdict, written, market, ctx.markets) else {
            continue;
        };
        let finding = ctx.report(value.span, message).help(help);
        if let Some(international) = suggestion(written, code, cc)
            && let Some(replacement) = requoted(ctx.text(value.span), &international, true)
        {
            finding.fix(
                text!("write the number in international form", "改为国际格式"),
                replacement,
            );
        }
    }
}

/// What a verdict other than [`PhoneVerdict::Fits`] says of the number `written` for `market`,
/// and what to do: the message and the help. `markets` names the market a number is of.
fn verdict_message(
    verdict: &PhoneVerdict,
    written: &str,
    market: &Market,
    markets: &MarketTable,
) -> Option<(Text, Text)> {
    let (en, zh) = (&market.name.en, &market.name.zh);
    let code = market.code.as_str();
    let cc = market.phone.calling_code.as_str();
    let presentation_help = text!(
        "write the number in international form: `+{cc}`, then the national number without a trunk prefix; spaces and hyphens are allowed",
        "请使用国际格式：`+{cc}` 加不含国内长途前缀的国内号码；可以使用空格和连字符"
    );
    let message_and_help = match verdict {
        PhoneVerdict::Fits => return None,
        PhoneVerdict::NotInternational => (
            text!(
                "`{written}` is not in international form",
                "`{written}` 不是国际格式"
            ),
            presentation_help,
        ),
        PhoneVerdict::TrunkKept { national } => (
            text!(
                "`{written}` keeps a trunk prefix after `+{cc}`: in international form the national number is `{national}`",
                "`{written}` 在 `+{cc}` 之后保留了国内长途前缀：国际格式中的国内号码应为 `{national}`"
            ),
            presentation_help,
        ),
        PhoneVerdict::OtherCallingCode => (
            text!(
                "`{written}` does not begin with the calling code of {en}, `+{cc}`",
                "`{written}` 不以{zh}的国际区号 `+{cc}` 开头"
            ),
            text!(
                "the return contact of an address in {en} has a phone number of {en}: `+{cc}` and its national number",
                "{zh}退货地址的联系电话应为{zh}的号码：`+{cc}` 加国内号码"
            ),
        ),
        PhoneVerdict::OtherMarket { region } => {
            let other = market_named(region, markets);
            let (other_en, other_zh) = (other.en, other.zh);
            (
                text!(
                    "`{written}` is a phone number of {other_en}, not of {en} (`{code}`)",
                    "`{written}` 是{other_zh}的电话号码，不是{zh}（`{code}`）的"
                ),
                text!(
                    "the return contact of an address in {en} has a phone number of {en}: `+{cc}` and its national number",
                    "{zh}退货地址的联系电话应为{zh}的号码：`+{cc}` 加国内号码"
                ),
            )
        }
        PhoneVerdict::Invalid => (
            text!(
                "`{written}` is not a valid phone number of {en}: no number there has these digits after `+{cc}` (libphonenumber)",
                "`{written}` 不是{zh}的有效电话号码：`+{cc}` 之后的数字不符合当地号码规则（libphonenumber）"
            ),
            text!(
                "check the number with the return contact: a digit may be missing or one too many",
                "请与退货联系人核对号码：可能缺少或多了一位数字"
            ),
        ),
        PhoneVerdict::WrongType { kind } => {
            let name = type_name(*kind);
            let (kind_en, kind_zh) = (name.en, name.zh);
            (
                text!(
                    "`{written}` is a {kind_en} number of {en}, which customers cannot simply call",
                    "`{written}` 是{zh}的{kind_zh}号码，客户无法直接拨打"
                ),
                text!(
                    "give a number customers can call — a fixed line, mobile, VoIP, personal, toll-free or universal access number: `+{cc}` and its national number",
                    "请填写客户可以拨打的号码（固定电话、手机、网络电话、个人号码、免费电话或统一接入号码）：`+{cc}` 加国内号码"
                ),
            )
        }
        PhoneVerdict::TooLong { digits } => (
            text!(
                "`{written}` has {digits} digits: an international number has at most {E164_MAX_DIGITS} (E.164), calling code included",
                "`{written}` 共 {digits} 位数字：国际号码最多 {E164_MAX_DIGITS} 位（E.164），含国际区号"
            ),
            text!(
                "check the number with the return contact: an extension or a digit too many is not part of it",
                "请与退货联系人核对号码：分机号或多出的数字不属于号码本身"
            ),
        ),
    };
    Some(message_and_help)
}

/// A market by its region code, as a message names it: its name and the code, or the code alone
/// when the table has no such market.
fn market_named(region: &str, markets: &MarketTable) -> Text {
    markets.get(region).map_or_else(
        || Text {
            en: format!("`{region}`"),
            zh: format!("`{region}`"),
        },
        |m| Text {
            en: format!("{} (`{region}`)", m.name.en),
            zh: format!("{}（`{region}`）", m.name.zh),
        },
    )
}

/// RET007 for a number typed in full width (`＋３４ ９１２ ３４５ ６７８`): its characters named,
/// and the ASCII form as the fix (libphonenumber's international format where that is the form
/// the programme takes).
fn typed_in_full_width(
    ctx: &Ctx,
    value: &crate::load::typed::Sp<String>,
    written: &str,
    ascii: &str,
    code: &str,
    cc: &str,
) {
    use crate::rules::fullwidth;
    let finding = ctx
        .report(value.span, fullwidth::message(written, ascii))
        .help(fullwidth::help());
    let fixed = match judge_phone(ascii, code, cc) {
        PhoneVerdict::Fits => Some(ascii.to_owned()),
        _ => suggestion(ascii, code, cc),
    };
    if let Some(replacement) = fixed.and_then(|f| requoted(ctx.text(value.span), &f, true)) {
        finding.fix(fullwidth::fix(), replacement);
    }
}

// ---------------------------------------------------------------- phone numbers

#[derive(Debug, PartialEq)]
enum PhoneVerdict {
    Fits,
    /// Presentation: not `+` followed by digits, spaces and hyphens.
    NotInternational,
    /// Presentation: a valid number of the market, written with its trunk prefix after the
    /// calling code; `national` is the national number without it.
    TrunkKept {
        national: String,
    },
    /// Market: another calling code, and no valid number under it.
    OtherCallingCode,
    /// Market: a valid number of another market (`region`, libphonenumber's region code).
    OtherMarket {
        region: String,
    },
    /// Validity: libphonenumber knows no number of the market with these digits.
    Invalid,
    /// Validity: a valid number of the market, of a type a customer cannot simply call.
    WrongType {
        kind: Type,
    },
    /// Validity: more digits than E.164 allows, whatever the market's patterns say.
    TooLong {
        digits: usize,
    },
}

/// E.164: an international number has at most 15 digits, calling code included.
pub const E164_MAX_DIGITS: usize = 15;

/// How `written` fares as the return phone of the market `region` with calling code `cc`.
fn judge_phone(written: &str, region: &str, cc: &str) -> PhoneVerdict {
    let mut chars = written.chars();
    let international = chars.next() == Some('+')
        && chars.clone().next().is_some_and(|c| c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if !international {
        return PhoneVerdict::NotInternational;
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > E164_MAX_DIGITS {
        return PhoneVerdict::TooLong {
            digits: digits.len(),
        };
    }
    let parse = || match region.parse::<country::Id>() {
        Ok(id) => metadata::parse(id, written).ok(),
        // A market libphonenumber does not know: the crate reads the number without one.
        Err(_) => phonenumber::parse(None, written).ok(),
    };
    let Some(after_cc) = digits.strip_prefix(cc).filter(|_| !cc.is_empty()) else {
        return match parse().as_ref().and_then(region_of) {
            Some(other) if other != region => PhoneVerdict::OtherMarket { region: other },
            _ => PhoneVerdict::OtherCallingCode,
        };
    };
    // A market libphonenumber does not know (a configuration's own): the presentation alone.
    let Some(meta) = metadata::by_id(region) else {
        return PhoneVerdict::Fits;
    };
    let Some(number) = parse() else {
        return PhoneVerdict::Invalid;
    };
    let national = number.national().to_string();
    let kind = kind_in(meta, &national);
    if kind == Type::Unknown {
        return match region_of(&number) {
            Some(other) if other != region => PhoneVerdict::OtherMarket { region: other },
            _ => PhoneVerdict::Invalid,
        };
    }
    if !callable(kind) {
        return PhoneVerdict::WrongType { kind };
    }
    if after_cc != national {
        return PhoneVerdict::TrunkKept { national };
    }
    PhoneVerdict::Fits
}

/// A number a customer can call: a fixed line, a mobile, either, VoIP (France's 09, Korea's
/// 070), a personal number (Spain's 70x), toll-free or universal access. Premium-rate,
/// shared-cost, pager and voicemail numbers are not.
fn callable(kind: Type) -> bool {
    matches!(
        kind,
        Type::FixedLine
            | Type::Mobile
            | Type::FixedLineOrMobile
            | Type::Voip
            | Type::PersonalNumber
            | Type::TollFree
            | Type::Uan
    )
}

/// The number types other than fixed line and mobile, in the order libphonenumber tries them.
const SPECIAL: [Type; 8] = [
    Type::PremiumRate,
    Type::TollFree,
    Type::SharedCost,
    Type::Voip,
    Type::PersonalNumber,
    Type::Pager,
    Type::Uan,
    Type::Voicemail,
];

/// The type of the national significant number `national` (leading zeros included) in the
/// market of `meta`, `Type::Unknown` when it is no valid number there. This is libphonenumber's
/// `getNumberType` on the crate's metadata; the crate's own `number_type` drops the leading zeros
/// of Italian numbers and so finds them of no type.
fn kind_in(meta: &'static Metadata, national: &str) -> Type {
    let descriptors = meta.descriptors();
    if !is_match(descriptors.general(), national) {
        return Type::Unknown;
    }
    let matches = |kind: Type| descriptors.get(kind).is_some_and(|d| is_match(d, national));
    for kind in SPECIAL {
        if matches(kind) {
            return kind;
        }
    }
    let fixed = descriptors.get(Type::FixedLine);
    let mobile = descriptors.get(Type::Mobile);
    if matches(Type::FixedLine) {
        let same_pattern = fixed.map(|d| d.national_number().as_str())
            == mobile.map(|d| d.national_number().as_str());
        if same_pattern || matches(Type::Mobile) {
            return Type::FixedLineOrMobile;
        }
        return Type::FixedLine;
    }
    if matches(Type::Mobile) {
        return Type::Mobile;
    }
    Type::Unknown
}

thread_local! {
    /// Each descriptor's pattern, compiled once a thread, by its text in the static database.
    static COMPILED: std::cell::RefCell<std::collections::HashMap<&'static str, Option<regex::Regex>>> =
        Default::default();
}

/// libphonenumber's test of a national number against a descriptor, as the crate's own
/// `Descriptor::is_match`: one of the descriptor's possible lengths, and its pattern matching from
/// the first digit. The crate keeps 100 compiled patterns behind one lock for the whole process,
/// so numbers of a dozen markets would compile their patterns again and again; here each thread
/// compiles a pattern once.
fn is_match(descriptor: &'static phonenumber::metadata::Descriptor, national: &str) -> bool {
    let lengths = descriptor.possible_length();
    if !lengths.is_empty() && !lengths.contains(&(national.len() as u16)) {
        return false;
    }
    let source = descriptor.national_number().as_str();
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        let regex = compiled.entry(source).or_insert_with(|| {
            // The crate's flags, anchored at the start as a match must begin there; `\d` as
            // ASCII digits, which is all a national number holds (smaller to compile).
            let pattern = format!("^(?:{source})");
            let build = |unicode| {
                regex::RegexBuilder::new(&pattern)
                    .ignore_whitespace(true)
                    .unicode(unicode)
                    .build()
            };
            build(false).or_else(|_| build(true)).ok()
        });
        match regex {
            Some(regex) => regex.is_match(national),
            None => descriptor.is_match(national),
        }
    })
}

/// The region (`ES`, `BR`, …) a parsed number is a valid number of, if any.
fn region_of(number: &PhoneNumber) -> Option<String> {
    let national = number.national().to_string();
    metadata::by_code(number.code().value())
        .find(|meta| kind_in(meta, &national) != Type::Unknown)
        .map(|meta| meta.id().to_owned())
}

/// The number in international form, when libphonenumber reads `written` one way only as a
/// valid fixed-line or mobile number of the market `region`: the library's INTERNATIONAL format
/// (`+34 912 34 56 78`), or E.164 should that format not fit the programme's presentation.
/// `None` for anything else: other characters than digits, spaces, hyphens, parentheses and a
/// leading `+`; a number the library finds invalid for the market (Germany's `+49 0…` when the
/// rest is no number either); and digits that read as a valid number both as written and with a
/// `+` in front.
fn suggestion(written: &str, region: &str, cc: &str) -> Option<String> {
    let id = region.parse::<country::Id>().ok()?;
    let meta = metadata::by_id(region)?;
    let body = written.strip_prefix('+').unwrap_or(written);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return None;
    }
    let valid_here = |n: &PhoneNumber| {
        n.code().value().to_string() == cc && callable(kind_in(meta, &n.national().to_string()))
    };
    let number = metadata::parse(id, written).ok().filter(valid_here)?;
    if !written.starts_with('+') {
        let digits: String = written.chars().filter(char::is_ascii_digit).collect();
        let other = metadata::parse(id, &format!("+{digits}"))
            .ok()
            .filter(valid_here);
        if other.is_some_and(|o| o.national() != number.national()) {
            return None;
        }
    }
    [Mode::International, Mode::E164]
        .into_iter()
        .map(|mode| metadata::format(&number, mode))
        .find(|s| judge_phone(s, region, cc) == PhoneVerdict::Fits)
}

/// How a number type is called in a message.
fn type_name(kind: Type) -> Text {
    let (en, zh) = match kind {
        Type::TollFree => ("toll-free", "免费电话"),
        Type::PremiumRate => ("premium-rate", "付费电话"),
        Type::SharedCost => ("shared-cost", "分摊费用电话"),
        Type::Voip => ("VoIP", "网络电话"),
        Type::PersonalNumber => ("personal", "个人号码"),
        Type::Pager => ("pager", "寻呼"),
        Type::Uan => ("universal access", "统一接入"),
        Type::Voicemail => ("voicemail", "语音信箱"),
        _ => ("special", "特殊"),
    };
    Text {
        en: en.to_owned(),
        zh: zh.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The descriptor test on patterns compiled once a thread gives the crate's answer, for every
    /// region's example numbers and numbers near them (a digit changed, one dropped, one added).
    #[test]
    fn descriptor_matches_are_the_crates() {
        let types: Vec<Type> = [Type::FixedLine, Type::Mobile]
            .into_iter()
            .chain(SPECIAL)
            .collect();
        let mut compared = 0;
        for meta in phonenumber::metadata::DATABASE.iter() {
            let descriptors = meta.descriptors();
            let all: Vec<_> = std::iter::once(descriptors.general())
                .chain(types.iter().filter_map(|t| descriptors.get(*t)))
                .collect();
            let examples: Vec<String> = all
                .iter()
                .filter_map(|d| d.example().map(str::to_owned))
                .collect();
            for example in &examples {
                let mut near = vec![example.clone(), format!("{example}0")];
                if example.len() > 1 {
                    near.push(example[..example.len() - 1].to_owned());
                    let last = example.as_bytes()[example.len() - 1];
                    let other = if last == b'9' {
                        '0'
                    } else {
                        (last + 1) as char
                    };
                    near.push(format!("{}{other}", &example[..example.len() - 1]));
                }
                for number in &near {
                    for d in &all {
                        assert_eq!(
                            is_match(d, number),
                            d.is_match(number),
                            "{} {number} against {}",
                            meta.id(),
                            d.national_number().as_str()
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn the_presentation_is_the_programmes() {
        assert_eq!(
            judge_phone("+34 912 345 678", "ES", "34"),
            PhoneVerdict::Fits
        );
        assert_eq!(
            judge_phone("+34-912-345-678", "ES", "34"),
            PhoneVerdict::Fits
        );
        assert_eq!(judge_phone("+34912345678", "ES", "34"), PhoneVerdict::Fits);
        for written in ["912 345 678", "+34 (91) 234 5678", "+ 34 912 345 678", ""] {
            assert_eq!(
                judge_phone(written, "ES", "34"),
                PhoneVerdict::NotInternational,
                "{written}"
            );
        }
        // A trunk prefix kept after the calling code: the library drops it, the programme's
        // international form has none.
        assert_eq!(
            judge_phone("+33 0 1 23 45 67 89", "FR", "33"),
            PhoneVerdict::TrunkKept {
                national: "123456789".to_owned()
            }
        );
    }

    #[test]
    fn validity_and_market_are_libphonenumbers() {
        assert_eq!(
            judge_phone("+34 912 345 67", "ES", "34"),
            PhoneVerdict::Invalid
        );
        assert_eq!(
            judge_phone("+34 912 345 678", "BR", "55"),
            PhoneVerdict::OtherMarket {
                region: "ES".to_owned()
            }
        );
        assert_eq!(
            judge_phone("+999 12345", "BR", "55"),
            PhoneVerdict::OtherCallingCode
        );
        assert_eq!(
            judge_phone("+55 11 91234-5678", "BR", "55"),
            PhoneVerdict::Fits
        );
        assert_eq!(
            judge_phone("+55 11 2345-6789", "BR", "55"),
            PhoneVerdict::Fits
        );
        // Italian fixed lines keep their leading 0.
        assert_eq!(
            judge_phone("+39 06 1234 5678", "IT", "39"),
            PhoneVerdict::Fits
        );
        // Numbers a customer can call: toll-free, VoIP (France's 09, Korea's 070), personal
        // (Spain's 70x) and UAN numbers, beside fixed lines and mobiles.
        for (written, region, cc) in [
            ("+34 900 123 456", "ES", "34"),
            ("+33 9 12 34 56 78", "FR", "33"),
            ("+82 70 1234 5678", "KR", "82"),
            ("+34 701 234 567", "ES", "34"),
            ("+34 511 234 567", "ES", "34"),
        ] {
            assert_eq!(
                judge_phone(written, region, cc),
                PhoneVerdict::Fits,
                "{written}"
            );
        }
        // Not ones a customer can simply call: premium rate, shared cost, pager, voicemail.
        for (written, region, cc, kind) in [
            ("+34 803 123 456", "ES", "34", Type::PremiumRate),
            ("+34 901 123 456", "ES", "34", Type::SharedCost),
            ("+82 15 2345 6789", "KR", "82", Type::Pager),
            ("+39 331 0123 4501", "IT", "39", Type::Voicemail),
        ] {
            assert_eq!(
                judge_phone(written, region, cc),
                PhoneVerdict::WrongType { kind },
                "{written}"
            );
        }
        // E.164 allows 15 digits, calling code included, whatever a region's pattern allows:
        // Germany's fixed lines run to 17.
        assert_eq!(
            judge_phone("+49 30 12345678901", "DE", "49"),
            PhoneVerdict::Fits
        );
        assert_eq!(
            judge_phone("+49 30 123456789012", "DE", "49"),
            PhoneVerdict::TooLong { digits: 16 }
        );
        // A market the library does not know: the presentation and calling code alone.
        assert_eq!(judge_phone("+999 12", "XX", "999"), PhoneVerdict::Fits);
    }

    #[test]
    fn national_numbers_become_international_when_unambiguous() {
        let fix = |w: &str, region: &str, cc: &str| suggestion(w, region, cc);
        assert_eq!(
            fix("912 345 678", "ES", "34").as_deref(),
            Some("+34 912 34 56 78")
        );
        assert_eq!(
            fix("(91) 234-5678", "ES", "34").as_deref(),
            Some("+34 912 34 56 78")
        );
        assert_eq!(
            fix("01 23 45 67 89", "FR", "33").as_deref(),
            Some("+33 1 23 45 67 89")
        );
        assert_eq!(
            fix("(011) 91234-5678", "BR", "55").as_deref(),
            Some("+55 11 91234-5678")
        );
        assert_eq!(
            fix("02 1234 5678", "KR", "82").as_deref(),
            Some("+82 2-1234-5678")
        );
        assert_eq!(
            fix("030 12345678", "DE", "49").as_deref(),
            Some("+49 30 12345678")
        );
        assert_eq!(
            fix("06 1234 5678", "IT", "39").as_deref(),
            Some("+39 06 1234 5678")
        );
        assert_eq!(
            fix("+33 0123456789", "FR", "33").as_deref(),
            Some("+33 1 23 45 67 89")
        );
        // Wrong lengths, other characters and numbers of other markets are not guessed at.
        assert_eq!(fix("912 345 67", "ES", "34"), None);
        assert_eq!(fix("01 23 45 67 8", "FR", "33"), None);
        assert_eq!(fix("912.345.678", "ES", "34"), None);
        assert_eq!(fix("+34 912 345 678", "BR", "55"), None);
        assert_eq!(fix("82 1234 5678", "KR", "82"), None);
        assert_eq!(fix("0912 345 678", "ES", "34"), None);
        assert_eq!(fix("", "ES", "34"), None);
    }

    /// Numbers a return contact might write for `market` (calling code `cc`): every example
    /// number of every region in international form, and for the regions of the market's calling
    /// code near misses too (a digit changed, dropped or added; a trunk prefix kept; national
    /// forms; the international call prefix `00`).
    fn written_for(cc: &str) -> Vec<String> {
        let mut written = Vec::new();
        for code in 1..=999u16 {
            for meta in phonenumber::metadata::DATABASE
                .by_code(&code)
                .unwrap_or_default()
            {
                let d = meta.descriptors();
                let examples = std::iter::once(d.general())
                    .chain(
                        [Type::FixedLine, Type::Mobile]
                            .into_iter()
                            .chain(SPECIAL)
                            .filter_map(|t| d.get(t)),
                    )
                    .filter_map(|d| d.example());
                for e in examples {
                    written.push(format!("+{code} {e}"));
                    if code.to_string() != cc {
                        continue;
                    }
                    let (head, last) = e.split_at(e.len() - 1);
                    let other = if last == "9" { "0" } else { "9" };
                    written.extend([
                        format!("+{cc} {head}{other}"),
                        format!("+{cc} {head}"),
                        format!("+{cc} {e}5"),
                        format!("+{cc} 1{}", &e[1..]),
                        format!("+{cc}-{e}"),
                        format!("+{cc} 0{e}"),
                        format!("+{cc}{e}"),
                        e.to_owned(),
                        format!("0{e}"),
                        format!("{head}{other}"),
                        format!("00{cc}{e}"),
                        format!("+00{cc} {e}"),
                    ]);
                    if e.len() > 4 {
                        written.push(format!("({}) {}-{}", &e[..2], &e[2..4], &e[4..]));
                    }
                }
            }
        }
        written
    }

    /// RET007 gives the same verdict and the same fix on the metadata decoded region by region
    /// as on the crate's whole database, for every market of the market table.
    #[test]
    fn verdicts_on_decoded_regions_are_the_whole_databases() {
        let (mut compared, mut kinds, mut fixes) = (0, std::collections::HashSet::new(), 0);
        for market in &crate::markets::builtin().markets {
            let (code, cc) = (market.code.as_str(), market.phone.calling_code.as_str());
            for w in written_for(cc) {
                let here = (judge_phone(&w, code, cc), suggestion(&w, code, cc));
                let whole = metadata::tests::with_crates(|| {
                    (judge_phone(&w, code, cc), suggestion(&w, code, cc))
                });
                assert_eq!(here, whole, "{code}: {w}");
                compared += 1;
                kinds.insert(std::mem::discriminant(&here.0));
                fixes += usize::from(here.1.is_some());
            }
        }
        // Every verdict was met, fixes were suggested, and every market was judged.
        assert_eq!(kinds.len(), 8, "{kinds:?}");
        assert!(compared > 15_000 && fixes > 100, "{compared} {fixes}");
        assert_eq!(crate::markets::builtin().markets.len(), 14);
    }
}
