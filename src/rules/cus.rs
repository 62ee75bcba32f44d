//! Customs rules CUS001–CUS010 (`customs.yaml`, `declarations.csv`).

use super::{Ctx, entity_key};
use crate::finding::Finding;
use crate::text;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    consignor_name_matches_licence(ctx, out);
}

/// CUS007: every declaration's consignor is the licensed entity.
fn consignor_name_matches_licence(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let Some(entity) = licence.data.entity_name.get() else {
        return;
    };
    let want = entity_key(&entity.value);
    for decl in ctx.sub.declarations() {
        let Some(consignor) = decl.consignor_name.get() else {
            continue;
        };
        if entity_key(&consignor.value) == want {
            continue;
        }
        let (licensed, declared) = (entity.value.trim(), consignor.value.trim());
        let (a, b) = differing_part(licensed, declared);
        out.push(
            Finding::new(
                "CUS007",
                consignor.span,
                text!(
                    "declared by `{declared}`, not the licensed entity",
                    "报关主体为 `{declared}`，不是营业执照上的主体"
                ),
            )
            .label(
                entity.span,
                text!("the licensed entity is `{licensed}`", "营业执照主体为 `{licensed}`"),
            )
            .help(text!(
                "the names differ in `{a}` (licence) and `{b}` (declaration); ask for declarations filed under the licensed entity, not a contract manufacturer or trade agent",
                "名称差异：执照为 `{a}`，报关单为 `{b}`；请提供以执照主体申报的报关单，而非代工厂或外贸代理的报关单"
            )),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
