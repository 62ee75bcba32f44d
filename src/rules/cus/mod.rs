//! Customs rules CUS001–CUS010 (`customs.yaml`, `declarations.csv`).
//!
//! CUS003 counts the declarations that no other declaration rule objects to. It asks the same
//! questions as those rules through the predicates below (`number_problem`, `direction_problem`,
//! `consignor_name_problem`, `consignor_uscc_problem`, `date_problem`), never their findings,
//! and counts only numbers whose 9th digit says export (`flagged_export`). A value a rule needs
//! and a declaration leaves out is that rule's finding, at the declaration (SPEC §7).

pub(crate) mod confusables;
pub(crate) mod consignor;
pub(crate) mod declarations;
pub(crate) mod registration;

use super::Ctx;
use crate::load::typed::Sp;

/// The licence values declarations are compared with.
#[derive(Clone, Copy, Default)]
struct Licensed<'a> {
    /// The licence was read: without it CUS007 and CUS008 are skipped (SUB001/SUB002 say why).
    read: bool,
    name: Option<&'a Sp<String>>,
    uscc: Option<&'a Sp<String>>,
}

fn licensed<'a>(ctx: &Ctx<'a>) -> Licensed<'a> {
    ctx.sub
        .license
        .as_ref()
        .map_or_else(Licensed::default, |l| Licensed {
            read: true,
            name: l.data.entity_name.get(),
            uscc: l.data.uscc.get(),
        })
}

/// Declarations of the unit tests of this family's modules.
#[cfg(test)]
mod testing {
    use crate::load::typed::{Field, Sp};
    use crate::model::{Date, Declaration, Direction};
    use crate::source::{FileId, Span};

    pub(super) fn date(s: &str) -> Date {
        Date::parse(s, false).expect("test date")
    }

    pub(super) fn sp<T>(value: T) -> Sp<T> {
        Sp {
            value,
            span: Span::new(FileId(0), 0..0),
        }
    }

    pub(super) fn decl(
        number: &str,
        direction: Option<Direction>,
        on: Option<&str>,
    ) -> Sp<Declaration> {
        sp(Declaration {
            number: sp(number.to_owned()),
            direction: direction.map_or(Field::Absent, |d| Field::Present(sp(d))),
            declared_on: on.map_or(Field::Absent, |d| Field::Present(sp(date(d)))),
            consignor_name: Field::Present(sp("深圳市华彩科技有限公司".to_owned())),
            consignor_uscc: Field::Present(sp("91440300MA5FHC8K1M".to_owned())),
            scan: Field::Absent,
        })
    }
}
