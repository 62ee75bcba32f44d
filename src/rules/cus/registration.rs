//! Customs registration rules CUS001–CUS002: the registration code and its entity.

use super::super::{Ctx, key_place, needed, same_entity};
use super::confusables::{self, Side, shown};
use crate::finding::{Place, Text};
use crate::load::typed::Field;
use crate::source::Span;

/// CUS001: the customs registration code is there and has the 10-character form.
pub(crate) fn registration_code_is_well_formed(ctx: &Ctx) {
    let Some(customs) = ctx.sub.customs.as_ref() else {
        return;
    };
    let help = text!(
        "add `registration.code`: the 10-character code on the customs registration certificate, 6 digits then 4 digits or capital letters, e.g. `4403960ABC`",
        "请填写 `registration.code`：海关注册登记证书上的 10 位编码，前 6 位为数字，后 4 位为数字或大写字母，例如 `4403960ABC`"
    );
    let code = match &customs.data.registration {
        Field::Invalid(_) => return,
        Field::Absent => {
            // CUS002 leaves the missing section to this finding: one root cause, one finding.
            ctx.report(
                Place::File(customs.file),
                text!(
                    "no `registration` with the customs registration code and entity name",
                    "缺少 `registration`（海关注册编码及主体名称）"
                ),
            )
            .help(text!(
                "add `registration` with `code` (the 10-character code on the customs registration certificate, e.g. `4403960ABC`) and `entity_name` (the licensed entity, as on the certificate)",
                "请添加 `registration`，填写 `code`（海关注册登记证书上的 10 位编码，例如 `4403960ABC`）和 `entity_name`（营业执照主体，与证书一致）"
            ));
            return;
        }
        Field::Present(registration) => match &registration.value.code {
            Field::Invalid(_) => return,
            Field::Present(code) => code,
            Field::Absent => {
                let place = customs
                    .root
                    .entry("registration")
                    .map_or(Place::File(customs.file), |(key, _)| {
                        Place::Span(Span::new(customs.file, key.span.clone()))
                    });
                ctx.report(
                    place,
                    text!("the registration has no `code`", "海关注册信息缺少 `code`"),
                )
                .help(help);
                return;
            }
        },
    };
    let Some(problem) = registration_code_problem(&code.value) else {
        return;
    };
    let (value, why_en, why_zh) = (code.value.trim(), &problem.en, &problem.zh);
    ctx.report(code.span,
            text!(
                "`{value}` is not a customs registration code: {why_en}",
                "`{value}` 不是海关注册编码：{why_zh}"
            ),
        )
        .help(text!(
            "copy the 10-character code from the customs registration certificate: 6 digits then 4 digits or capital letters, e.g. `4403960ABC` or `440316T004`",
            "请从海关注册登记证书抄录 10 位编码：前 6 位为数字，后 4 位为数字或大写字母，例如 `4403960ABC` 或 `440316T004`"
        ));
}

/// Why a registration code does not match `\d{6}[0-9A-Z]{4}`, or `None` when it does.
fn registration_code_problem(code: &str) -> Option<Text> {
    let chars: Vec<char> = code.trim().chars().collect();
    if chars.len() != 10 {
        let n = chars.len();
        return Some(text!(
            "it has {n} characters, not 10",
            "共 {n} 位，应为 10 位"
        ));
    }
    if let Some(c) = chars[..6].iter().find(|c| !c.is_ascii_digit()) {
        return Some(text!(
            "the first 6 characters must be digits, not `{c}`",
            "前 6 位必须是数字，不能是 `{c}`"
        ));
    }
    if let Some(c) = chars[6..]
        .iter()
        .find(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase()))
    {
        return Some(text!(
            "the last 4 characters must be digits or capital letters, not `{c}`",
            "后 4 位必须是数字或大写字母，不能是 `{c}`"
        ));
    }
    None
}

/// CUS002: the customs registration names its entity, and it is the licensed entity.
pub(crate) fn registration_entity_matches_licence(ctx: &Ctx) {
    let Some(license) = ctx.sub.license.as_ref() else {
        return;
    };
    // A missing `registration` is CUS001's finding.
    let Some(customs) = ctx.sub.customs.as_ref() else {
        return;
    };
    let Some(registration) = customs.data.registration.get() else {
        return;
    };
    let needed = needed(&registration.value.entity_name, || {
        key_place(customs, "registration")
    });
    let Some(registered) = ctx.needs(
        needed,
        || text!(
            "the customs registration does not name its entity",
            "海关注册信息未注明主体名称"
        ),
        || text!(
            "add `registration.entity_name` as on the customs registration certificate; it must be the licensed entity",
            "请按海关注册登记证书填写 `registration.entity_name`，应为营业执照主体"
        ),
    ) else {
        return;
    };
    let Some(entity) = license.data.entity_name.get() else {
        return;
    };
    if same_entity(&registered.value, &entity.value) {
        return;
    }
    let (licensed, registered_name) = (entity.value.trim(), registered.value.trim());
    let help = registration_differs_help(licensed, registered_name);
    let (licensed, registered_name) = (shown(licensed), shown(registered_name));
    ctx.report(registered.span,
            text!(
                "the customs registration is in the name of `{registered_name}`, not the licensed entity",
                "海关注册主体为 `{registered_name}`，不是营业执照上的主体"
            ),
        )
        .label(
            entity.span,
            text!("the licensed entity is `{licensed}`", "营业执照主体为 `{licensed}`"),
        )
        .help(help);
}

/// CUS002's help: which registration to use, with the characters that do not show or only
/// look alike named (issue 13); when nothing else differs, the name is to be retyped.
fn registration_differs_help(licensed: &str, registered: &str) -> Text {
    let side = Side {
        en: "the registration",
        zh: "海关注册信息",
    };
    let named = confusables::difference(licensed, registered, side);
    if let Some(difference) = named.as_ref().filter(|d| d.only) {
        let advice = difference.advice(text!(
            "retype `registration.entity_name` from the customs registration certificate",
            "请按海关注册登记证书重新输入 `registration.entity_name`"
        ));
        let (named_en, named_zh) = (&difference.named.en, &difference.named.zh);
        let (advice_en, advice_zh) = (&advice.en, &advice.zh);
        return text!(
            "the names look alike but differ: {named_en}; {advice_en}",
            "两个名称看似相同但并不一致：{named_zh}；{advice_zh}"
        );
    }
    let (also_en, also_zh) = named.map_or_else(Default::default, |d| {
        (format!(" ({})", d.named.en), format!("（{}）", d.named.zh))
    });
    let licensed = shown(licensed);
    text!(
        "use the customs registration of the licensed entity `{licensed}`, written as on its certificate{also_en}",
        "请使用营业执照主体 `{licensed}` 的海关注册信息，名称与注册证书一致{also_zh}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_codes_are_six_digits_then_four_digits_or_capitals() {
        assert_eq!(registration_code_problem("4403960ABC"), None);
        assert_eq!(registration_code_problem("440316T004"), None);
        assert!(registration_code_problem("4403960abc").is_some());
        assert!(registration_code_problem("440396ABC").is_some());
        assert!(registration_code_problem("4403960ABCD").is_some());
        assert!(registration_code_problem("44039A0ABC").is_some());
        assert!(registration_code_problem("４４０３９６0ABC").is_some());
    }
}
