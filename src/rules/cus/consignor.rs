//! Consignor rules CUS007–CUS008: who declared each declaration, by name and by USCC.

use super::super::{Ctx, same_entity};
use super::confusables::{self, Side, shown};
use super::{Licensed, licensed};
use crate::finding::Text;
use crate::load::typed::{Field, Sp};
use crate::model::Declaration;

/// What CUS007 or CUS008 finds of a consignor value.
#[derive(Debug)]
pub(super) enum Consignor<'d> {
    /// Not given, or blank: the declaration does not say who declared it.
    Absent,
    /// Given, and not the licence's.
    Differs(&'d Sp<String>),
}

/// A consignor value judged against the licence's, compared by `same`. Absent is a finding
/// whenever the licence was read; a differing value only when the licence gives its own.
fn consignor_problem<'d>(
    licence: Licensed,
    licensed: Option<&Sp<String>>,
    field: &'d Field<String>,
    same: impl Fn(&str, &str) -> bool,
) -> Option<Consignor<'d>> {
    if !licence.read {
        return None;
    }
    match field {
        Field::Invalid(_) => None,
        Field::Absent => Some(Consignor::Absent),
        Field::Present(v) if v.value.trim().is_empty() => Some(Consignor::Absent),
        Field::Present(v) => licensed
            .filter(|l| !same(&l.value, &v.value))
            .map(|_| Consignor::Differs(v)),
    }
}

/// CUS007's question: the consignor name is absent, or not the licensed entity.
pub(super) fn consignor_name_problem<'d>(
    licence: Licensed,
    decl: &'d Declaration,
) -> Option<Consignor<'d>> {
    consignor_problem(licence, licence.name, &decl.consignor_name, same_entity)
}

/// CUS008's question: the consignor USCC is absent, or not the licence's (compared as written,
/// trimmed).
pub(super) fn consignor_uscc_problem<'d>(
    licence: Licensed,
    decl: &'d Declaration,
) -> Option<Consignor<'d>> {
    consignor_problem(licence, licence.uscc, &decl.consignor_uscc, |a, b| {
        a.trim() == b.trim()
    })
}
/// A declaration that does not say who declared it, reported at the entry, with the licence's
/// value beside it when the licence gives one.
fn report_absent(
    ctx: &Ctx,
    decl: &Sp<Declaration>,
    message: Text,
    licensed: Option<(&Sp<String>, Text)>,
    help: Text,
) {
    ctx.report(decl.span, message)
        .labels(licensed.map(|(value, label)| (value.span, label)))
        .help(help);
}

/// CUS007: every declaration names its consignor, and it is the licensed entity.
pub(crate) fn consignor_name_matches_licence(ctx: &Ctx) {
    let licence = licensed(ctx);
    // The help of the last differing name: a flood of rows from one trade agent repeats it, and
    // naming look-alike characters is the dearest part of the rule.
    let mut last_help: Option<(String, Text)> = None;
    for decl in ctx.sub.declarations() {
        match consignor_name_problem(licence, &decl) {
            None => {}
            Some(Consignor::Absent) => {
                let number = decl.number.value.trim();
                report_absent(
                    ctx,
                    &decl,
                    text!(
                        "declaration `{number}` does not say who declared it",
                        "报关单 `{number}` 未注明境内发货人"
                    ),
                    licence.name.map(|entity| {
                        let licensed = shown(entity.value.trim());
                        (
                            entity,
                            text!(
                                "the licensed entity is `{licensed}`",
                                "营业执照主体为 `{licensed}`"
                            ),
                        )
                    }),
                    text!(
                        "add `consignor_name` as on the declaration form (CSV column `consignor_name` or `境内发货人`); it must be the licensed entity",
                        "请按报关单填写 `consignor_name`（CSV 列 `consignor_name` 或 `境内发货人`），应为营业执照主体"
                    ),
                );
            }
            Some(Consignor::Differs(consignor)) => {
                let Some(entity) = licence.name else {
                    continue;
                };
                let (licensed, declared) = (entity.value.trim(), consignor.value.trim());
                let help = match &last_help {
                    Some((name, help)) if name == declared => help.clone(),
                    _ => {
                        let help = names_differ_help(licensed, declared);
                        last_help = Some((declared.to_owned(), help.clone()));
                        help
                    }
                };
                let (licensed, declared) = (shown(licensed), shown(declared));
                ctx.report(
                    consignor.span,
                    text!(
                        "declared by `{declared}`, not the licensed entity",
                        "报关主体为 `{declared}`，不是营业执照上的主体"
                    ),
                )
                .label(
                    entity.span,
                    text!(
                        "the licensed entity is `{licensed}`",
                        "营业执照主体为 `{licensed}`"
                    ),
                )
                .help(help);
            }
        }
    }
}

/// This declaration, as CUS007's help names it beside the licence.
const DECLARATION: Side = Side {
    en: "this declaration",
    zh: "本报关单",
};

/// CUS007's help: both names in full, what differs, and what to ask for. Characters that do not
/// show or only look alike are named (issue 13); when nothing else differs, the name is to be
/// retyped rather than another declaration asked for.
fn names_differ_help(licensed: &str, declared: &str) -> Text {
    let named = confusables::difference(licensed, declared, DECLARATION);
    let (l, d) = (shown(licensed), shown(declared));
    if let Some(difference) = named.as_ref().filter(|d| d.only) {
        let advice = difference.advice(text!(
            "retype `consignor_name` from the declaration form",
            "请按报关单重新输入 `consignor_name`"
        ));
        let (named_en, named_zh) = (&difference.named.en, &difference.named.zh);
        let (advice_en, advice_zh) = (&advice.en, &advice.zh);
        return text!(
            "the licence names `{l}`, this declaration `{d}`, which look alike but differ: {named_en}; {advice_en}",
            "执照名称为 `{l}`，本报关单为 `{d}`，二者看似相同但并不一致：{named_zh}；{advice_zh}"
        );
    }
    let (a, b) = differing_part(licensed, declared);
    let (a, b) = (shown(&a), shown(&b));
    let (also_en, also_zh) = named.map_or_else(Default::default, |d| {
        (format!("; {}", d.named.en), format!("；{}", d.named.zh))
    });
    text!(
        "the licence names `{l}`, this declaration `{d}` (they differ in `{a}` / `{b}`{also_en}); ask for declarations filed under the licensed entity, not a contract manufacturer or trade agent",
        "执照名称为 `{l}`，本报关单为 `{d}`（差异：`{a}` / `{b}`{also_zh}）；请提供以执照主体申报的报关单，而非代工厂或外贸代理的报关单"
    )
}

/// The parts of two names that differ once their common beginning and end are set aside.
fn differing_part(a: &str, b: &str) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let part = |s: &[char]| -> String {
        let mid: String = s[prefix..s.len() - suffix].iter().collect();
        if mid.is_empty() {
            "∅".to_owned()
        } else {
            mid
        }
    };
    (part(&a), part(&b))
}

/// CUS008: every declaration gives its consignor's USCC, and it is the licence's.
pub(crate) fn consignor_uscc_matches_licence(ctx: &Ctx) {
    let licence = licensed(ctx);
    for decl in ctx.sub.declarations() {
        match consignor_uscc_problem(licence, &decl) {
            None => {}
            Some(Consignor::Absent) => {
                let number = decl.number.value.trim();
                report_absent(
                    ctx,
                    &decl,
                    text!(
                        "declaration `{number}` does not say who declared it: no consignor USCC",
                        "报关单 `{number}` 未注明境内发货人统一社会信用代码"
                    ),
                    licence.uscc.map(|uscc| {
                        let licensed = shown(uscc.value.trim());
                        (
                            uscc,
                            text!(
                                "the licence's USCC is `{licensed}`",
                                "营业执照统一社会信用代码为 `{licensed}`"
                            ),
                        )
                    }),
                    text!(
                        "add `consignor_uscc` as on the declaration form (CSV column `consignor_uscc` or `境内发货人统一社会信用代码`); it must be the licence's USCC",
                        "请按报关单填写 `consignor_uscc`（CSV 列 `consignor_uscc` 或 `境内发货人统一社会信用代码`），应为营业执照上的代码"
                    ),
                );
            }
            Some(Consignor::Differs(consignor)) => {
                let Some(uscc) = licence.uscc else {
                    continue;
                };
                let (licensed, declared) =
                    (shown(uscc.value.trim()), shown(consignor.value.trim()));
                ctx.report(consignor.span,
                        text!(
                            "consignor USCC `{declared}` is not the licensed entity's",
                            "境内发货人统一社会信用代码 `{declared}` 不是营业执照主体的代码"
                        ),
                    )
                    .label(
                        uscc.span,
                        text!("the licence's USCC is `{licensed}`", "营业执照统一社会信用代码为 `{licensed}`"),
                    )
                    .help(text!(
                        "use declarations filed under the licensed entity's USCC `{licensed}`; if the code was mistyped, copy it from the declaration form",
                        "请使用以执照主体统一社会信用代码 `{licensed}` 申报的报关单；如为录入错误，请按报关单抄录"
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{decl, sp};
    use super::*;
    use crate::model::Direction;

    #[test]
    fn the_differing_part_is_what_a_reader_compares() {
        assert_eq!(
            differing_part("深圳市华彩科技有限公司", "深圳市华彩供应链有限公司"),
            ("科技".to_owned(), "供应链".to_owned())
        );
        assert_eq!(
            differing_part("深圳市华彩科技有限公司", "深圳华彩科技有限公司"),
            ("市".to_owned(), "∅".to_owned())
        );
    }

    #[test]
    fn the_help_shows_both_names_and_what_differs() {
        let help = names_differ_help("深圳市华彩科技有限公司", "深圳市华彩供应链有限公司");
        assert_eq!(
            help.en,
            "the licence names `深圳市华彩科技有限公司`, this declaration `深圳市华彩供应链有限公司` (they differ in `科技` / `供应链`); ask for declarations filed under the licensed entity, not a contract manufacturer or trade agent"
        );
        for part in [
            "深圳市华彩科技有限公司",
            "深圳市华彩供应链有限公司",
            "`科技` / `供应链`",
        ] {
            assert!(help.zh.contains(part), "{part}: {}", help.zh);
        }
    }

    #[test]
    fn a_missing_consignor_is_a_finding_whenever_the_licence_was_read() {
        let mut d = decl("531620260012345678", Some(Direction::Export), None);
        d.value.consignor_name = Field::Absent;
        d.value.consignor_uscc = Field::Present(sp("  ".to_owned()));
        let read = Licensed {
            read: true,
            ..Licensed::default()
        };
        assert!(matches!(
            consignor_name_problem(read, &d),
            Some(Consignor::Absent)
        ));
        assert!(matches!(
            consignor_uscc_problem(read, &d),
            Some(Consignor::Absent)
        ));
        assert!(consignor_name_problem(Licensed::default(), &d).is_none());
    }
}
