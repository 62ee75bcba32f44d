//! Challenge rule CHL020: the local registrations of `registrations.yaml` (EPR in the EU, FDA
//! in the US for regulated categories); CHL002's third profile asks the same question.

use crate::load::list;
use crate::load::typed::{Field, Sp};
use crate::markets::Market;
use crate::model::LocalRegistration;
use crate::rules::{Ctx, complete_list, key_place};

/// The registration kind every EU market needs (CHL020).
const EPR_KIND: &str = "EPR";
/// The registration kind the US needs for regulated categories (CHL020).
const FDA_KIND: &str = "FDA";

/// The applicant's first category that needs an FDA registration in `market` (market table:
/// `fda_categories`; the US: food, cosmetics, medical devices), if any.
fn fda_category<'a>(ctx: &Ctx<'a>, market: &Market) -> Option<&'a str> {
    let applicant = ctx.sub.challenge.as_ref()?.data.applicant.get()?;
    list(&applicant.value.categories)
        .iter()
        .map(|c| c.value.trim())
        .find(|c| market.fda_categories.iter().any(|f| f == c))
}

/// Whether the entries hold a registration of `kind` for `market`. An entry for the market whose
/// `kind` could not be read (SUB002) gets the benefit of the doubt.
fn is_registered(entries: &[Sp<LocalRegistration>], market: &str, kind: &str) -> bool {
    entries
        .iter()
        .filter(|e| e.market.value.trim() == market)
        .any(|e| match &e.kind {
            Field::Present(k) => k.value.trim() == kind,
            Field::Invalid(_) => true,
            Field::Absent => false,
        })
}

/// A target market's local registration that `registrations.yaml` does not hold.
pub(crate) struct Unregistered<'a> {
    /// The market as `submission.yaml` lists it.
    pub target: &'a Sp<String>,
    pub market: &'a Market,
    /// `EPR` or `FDA`.
    pub kind: &'static str,
    /// For the FDA: the category that needs it.
    pub category: Option<&'a str>,
}

/// The local registrations the target markets need and `registrations.yaml` does not hold: an
/// EU market's EPR, the US's FDA when a category needs it. `None` when that cannot be told: the
/// document is unreadable, or holds an entry that could not be read. An absent document holds
/// none.
pub(crate) fn unregistered<'a>(ctx: &Ctx<'a>) -> Option<Vec<Unregistered<'a>>> {
    if ctx.sub.unreadable.contains("registrations.yaml") {
        return None;
    }
    let doc = ctx.sub.registrations.as_ref();
    // An entry that could not be read (SUB002) may be the missing registration.
    let registrations: &[Sp<LocalRegistration>] = match doc.map(|d| &d.data.registrations) {
        None => &[],
        Some(field) => complete_list(field)?,
    };
    let mut missing = Vec::new();
    for (target, market) in ctx.target_markets() {
        let (kind, category) = if market.eu_epr {
            (EPR_KIND, None)
        } else if let Some(category) = fda_category(ctx, market) {
            (FDA_KIND, Some(category))
        } else {
            continue;
        };
        if !is_registered(registrations, &market.code, kind) {
            missing.push(Unregistered {
                target,
                market,
                kind,
                category,
            });
        }
    }
    Some(missing)
}

/// CHL020: every EU target market has an EPR registration, and the US an FDA one when a
/// category needs it. An absent `registrations.yaml` has no registrations.
pub(crate) fn local_registrations_are_done(ctx: &Ctx) {
    let Some(missing) = unregistered(ctx) else {
        return;
    };
    let doc = ctx.sub.registrations.as_ref();
    for Unregistered {
        target,
        market,
        kind,
        category,
    } in missing
    {
        let code = market.code.as_str();
        let (en, zh) = (&market.name.en, &market.name.zh);
        let (message, help) = match category {
            None => (
                text!(
                    "`{code}` ({en}) is an EU market with no EPR registration",
                    "`{code}`（{zh}）是欧盟市场，但没有 EPR 注册"
                ),
                text!(
                    "register for extended producer responsibility (EPR) in {en} and add `- {{market: {code}, kind: {EPR_KIND}, number: \"…\"}}` under `registrations` in `registrations.yaml`",
                    "请在{zh}完成生产者责任延伸（EPR）注册，并在 `registrations.yaml` 的 `registrations` 下添加 `- {{market: {code}, kind: {EPR_KIND}, number: \"…\"}}`"
                ),
            ),
            Some(category) => (
                text!(
                    "`{code}` ({en}) has no FDA registration, which `{category}` needs",
                    "`{code}`（{zh}）没有 FDA 注册，而 `{category}` 类目需要"
                ),
                text!(
                    "register the facility with the US Food and Drug Administration and add `- {{market: {code}, kind: {FDA_KIND}, number: \"…\"}}` under `registrations` in `registrations.yaml`",
                    "请向美国食品药品监督管理局（FDA）完成企业注册，并在 `registrations.yaml` 的 `registrations` 下添加 `- {{market: {code}, kind: {FDA_KIND}, number: \"…\"}}`"
                ),
            ),
        };
        ctx.report(target.span, message)
            .help(help)
            .labels(doc.map(|doc| {
                (
                    key_place(doc, "registrations"),
                    text!(
                        "no entry `market: {code}` of `kind: {kind}` here",
                        "此处没有 `market: {code}`、`kind: {kind}` 的条目"
                    ),
                )
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::sp;
    use crate::source::{FileId, Span};

    #[test]
    fn registrations_match_market_and_kind() {
        let entry = |market: &str, kind: Field<String>| {
            sp(LocalRegistration {
                market: sp(market.to_owned()),
                kind,
                number: Field::Absent,
            })
        };
        let entries = [
            entry("ES", Field::Present(sp("EPR".to_owned()))),
            entry("US", Field::Present(sp("EPR".to_owned()))),
            entry("PL", Field::Invalid(Span::new(FileId(0), 0..0))),
            entry("FR", Field::Absent),
        ];
        assert!(is_registered(&entries, "ES", EPR_KIND));
        assert!(!is_registered(&entries, "US", FDA_KIND));
        assert!(is_registered(&entries, "PL", EPR_KIND));
        assert!(!is_registered(&entries, "FR", EPR_KIND));
        assert!(!is_registered(&entries, "DE", EPR_KIND));
    }
}
