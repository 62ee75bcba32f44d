//! Durations written as a promise around a number and a unit (`within 2h`, `≤120m`,
//! `<= 2 hours`, `2小时内`) or in Chinese numerals (`两小时`, `二十四小时`) are read as the duration
//! they state (`crate::model::duration`), so no rule reports them; each is offered its canonical
//! form (`2h`) as a [`Rewrite`] that `--fix` writes.

use crate::finding::Rewrite;
use crate::load::typed::{Field, Sp};
use crate::load::{Submission, list};
use crate::model::canonical_duration;

/// The canonical form of every duration of the submission written otherwise: the service
/// plan's first responses, the fulfilment's stock sync intervals, the challenge's dispatch,
/// refund and customer-service times.
pub fn rewrites(sub: &Submission) -> Vec<Rewrite> {
    let mut values: Vec<&Sp<String>> = Vec::new();
    if let Some(service) = &sub.service {
        values.extend(
            list(&service.data.languages)
                .iter()
                .filter_map(|l| l.first_response.get()),
        );
        if let Some(handling) = service.data.returns_handling.get() {
            values.extend(handling.value.first_response.get());
        }
    }
    if let Some(fulfillment) = &sub.fulfillment {
        values.extend(
            list(&fulfillment.data.markets)
                .iter()
                .filter_map(|m| m.stock_sync_interval.get()),
        );
    }
    if let Some(logistics) = &sub.logistics {
        values.extend(logistics.data.dispatch_within.get());
        values.extend(logistics.data.refund_within.get());
    }
    if let Some(plan) = &sub.plan
        && let Field::Present(service) = &plan.data.customer_service
    {
        values.extend(service.value.response_time.get());
    }
    values
        .into_iter()
        .filter_map(|value| {
            let canonical = canonical_duration(&value.value)?;
            let written = sub.db.get(value.span.file).slice(value.span);
            let replacement = crate::load::text::requoted(written, &canonical)?;
            let said = value.value.trim();
            Some(Rewrite {
                span: value.span,
                replacement,
                description: text!(
                    "`{said}` reads as {canonical}: write it `{canonical}`",
                    "`{said}` 即 {canonical}：写作 `{canonical}`"
                ),
            })
        })
        .collect()
}
