//! RET007: the return phone number is in international form for its market.

use super::{Ctx, addresses_with_market, requoted};
use crate::markets::Phone;
use crate::rules::needed;
use crate::text;

/// RET007: `phone` is in international form with the market's calling code and number length.
pub(crate) fn phone_is_international_for_the_market(ctx: &Ctx) {
    for (address, market) in addresses_with_market(ctx) {
        let (en, zh) = (&market.name.en, &market.name.zh);
        let code = market.code.as_str();
        let cc = market.phone.calling_code.as_str();
        let length = NationalLength(market.phone.national_digits);
        let wanted = length.written();
        let Some(value) = ctx.needs(
            needed(&address.phone, || address.span.into()),
            text!(
                "the return address for {en} (`{code}`) has no `phone`",
                "{zh}（`{code}`）的退货地址没有 `phone`"
            ),
            text!(
                "add `phone` in international form: `+{cc}` and the {wanted}-digit national number",
                "请添加国际格式的 `phone`：`+{cc}` 加 {wanted} 位国内号码"
            ),
        ) else {
            continue;
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
        let finding = ctx.report(value.span, message).help(text!(
            "write the number in international form: `+{cc}` and the {wanted}-digit national number; spaces and hyphens are allowed",
            "请使用国际格式：`+{cc}` 加 {wanted} 位国内号码；可以使用空格和连字符"
        ));
        if let Some(national) = national_number(written, &market.phone) {
            let international = format!("+{cc} {national}");
            if let Some(replacement) = requoted(ctx.text(value.span), &international, true) {
                finding.fix(
                    text!("write the number in international form", "改为国际格式"),
                    replacement,
                );
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(cc: &str, digits: [u8; 2], trunk: Option<&str>) -> Phone {
        Phone {
            calling_code: cc.to_owned(),
            national_digits: digits,
            trunk_prefix: trunk.map(str::to_owned),
        }
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
}
