//! The checklist. One module per family; one function per rule, named after what it checks.
//! Rules read the typed documents and push findings; they never print or decide the exit status.

pub mod chl;
pub mod cmp;
pub mod cus;
pub mod ful;
pub mod lic;
pub mod ret;
pub mod sla;
pub mod sto;
pub mod sub;

use crate::finding::Finding;
use crate::load::Submission;
use crate::markets::MarketTable;
use crate::model::{Date, Program};
use crate::source::Span;

/// What every rule sees.
pub struct Ctx<'a> {
    pub sub: &'a Submission,
    pub markets: &'a MarketTable,
    /// The date every date rule is evaluated against.
    pub as_of: Date,
}

impl Ctx<'_> {
    /// The source text under a span.
    pub fn text(&self, span: Span) -> &str {
        self.sub.db.get(span.file).slice(span)
    }
}

/// Runs every rule of the submission's programme.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    sub::check(ctx, &mut out);
    lic::check(ctx, &mut out);
    match ctx.sub.program {
        Program::Cooperation => {
            sto::check(ctx, &mut out);
            cus::check(ctx, &mut out);
            ret::check(ctx, &mut out);
            sla::check(ctx, &mut out);
            ful::check(ctx, &mut out);
            cmp::check(ctx, &mut out);
        }
        Program::Challenge => chl::check(ctx, &mut out),
    }
    out
}

/// Entity names compared the programme's way: NFKC (full-width brackets = half-width), white
/// space removed, Latin letters case-folded. Nothing else is forgiven.
pub fn entity_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_names_forgive_width_space_and_case_only() {
        assert_eq!(
            entity_key("深圳市华彩（科技）有限公司"),
            entity_key("深圳市华彩(科技)有限公司")
        );
        assert_eq!(
            entity_key("Huacai Tech Co., Ltd"),
            entity_key("HUACAI TECH CO.,LTD")
        );
        assert_ne!(
            entity_key("深圳华彩科技有限公司"),
            entity_key("深圳市华彩科技有限公司")
        );
    }
}
