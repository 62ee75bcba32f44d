//! Challenge diagnosis CHL017–CHL019 (`diagnosis` of `plan.yaml`): the price benchmark, the
//! main image's click-through rate and the detail page's bounce rate.

use crate::finding::Place;
use crate::load::typed::{Field, Sp};
use crate::markets::Market;
use crate::model::Diagnosis;
use crate::rules::{Ctx, Needed, key_place, section_field};

/// Largest gap to the category's top-20 average price either way, in percent (CHL017).
const MAX_PRICE_GAP_PCT: f64 = 15.0;
/// Lowest main-image click-through rate, in percent (CHL018).
const MIN_MAIN_IMAGE_CTR: f64 = 8.3;
/// Highest detail-page bounce rate, in percent (CHL019).
const MAX_BOUNCE_RATE: f64 = 42.6;

/// Whether a price gap lies outside −15%..15% (both bounds allowed).
fn price_gap_is_outside(gap: f64) -> bool {
    !(-MAX_PRICE_GAP_PCT..=MAX_PRICE_GAP_PCT).contains(&gap)
}

/// The required currencies (with their markets) that the written `price_currency` is not; an
/// absent one meets none.
fn unmet_currencies<'r, 'm, T>(
    said: Option<&str>,
    required: &'r [(T, &'m Market, &'m str)],
) -> Vec<&'r (T, &'m Market, &'m str)> {
    required
        .iter()
        .filter(|(_, _, currency)| said != Some(*currency))
        .collect()
}

/// CHL017: the price sits within ±15% of the category's top-20 average, benchmarked in the
/// local currency a target market requires.
pub(crate) fn price_benchmark_is_comparable(ctx: &Ctx) {
    price_gap_is_within_the_limit(ctx);
    benchmark_currency_is_local(ctx);
}

/// CHL017, the gap: `price_gap_pct` lies within ±[`MAX_PRICE_GAP_PCT`]% of the category's
/// top-20 average.
fn price_gap_is_within_the_limit(ctx: &Ctx) {
    ctx.limit(
        diagnosis_field(ctx, |d| &d.price_gap_pct),
        (
            || text!(
                "no `diagnosis.price_gap_pct` is given; the challenge requires a price within ±{MAX_PRICE_GAP_PCT}% of the category's top-20 average",
                "未填写 `diagnosis.price_gap_pct`（与类目前 20 名均价的价差）；挑战赛要求价格在类目前 20 名均价上下 {MAX_PRICE_GAP_PCT}% 以内"
            ),
            || text!(
                "compare the price with the category's top-20 average price and give the gap in percent under `diagnosis`, e.g. `price_gap_pct: -8`",
                "请将价格与类目前 20 名均价对比，并在 `diagnosis` 下以百分比填写价差，例如 `price_gap_pct: -8`"
            ),
        ),
        |gap| !price_gap_is_outside(gap.0),
        |gap| {
            let pct = gap.value.0;
            let (side_en, side_zh) = if pct > 0.0 {
                ("above", "高于")
            } else {
                ("below", "低于")
            };
            let abs = pct.abs();
            (
                text!(
                    "the price is {abs}% {side_en} the category's top-20 average, outside ±{MAX_PRICE_GAP_PCT}%",
                    "价格{side_zh}类目前 20 名均价 {abs}%，超出 ±{MAX_PRICE_GAP_PCT}%"
                ),
                text!(
                    "bring the price within {MAX_PRICE_GAP_PCT}% of the category's top-20 average price either way, or check that the benchmark compares the same product and pack size",
                    "请将价格调整到类目前 20 名均价上下 {MAX_PRICE_GAP_PCT}% 以内，或核对对比的是否为同款同规格商品"
                ),
            )
        },
    );
}

/// CHL017, the currency: `price_currency` is the local currency every target market's price
/// benchmarks must use.
fn benchmark_currency_is_local(ctx: &Ctx) {
    let Some(plan) = ctx.sub.plan.as_ref() else {
        return;
    };
    let Some(diagnosis) = plan.data.diagnosis.get() else {
        return;
    };
    let diagnosis = &diagnosis.value;
    let required: Vec<(&Sp<String>, &Market, &str)> = ctx
        .target_markets()
        .into_iter()
        .filter_map(|(target, market)| {
            let currency = market.price_currency.as_deref()?;
            Some((target, market, currency))
        })
        .collect();
    let (said, place) = match &diagnosis.price_currency {
        Field::Invalid(_) => return,
        Field::Present(c) => (Some(c.value.trim()), Place::Span(c.span)),
        Field::Absent => (None, key_place(plan, "diagnosis")),
    };
    let unmet_markets = unmet_currencies(said, &required);
    if unmet_markets.is_empty() {
        return;
    }
    let named = |zh: bool| -> Vec<String> {
        unmet_markets
            .iter()
            .map(|(_, m, c)| match zh {
                false => format!("{} ({c})", m.name.en),
                true => format!("{}（{c}）", m.name.zh),
            })
            .collect()
    };
    let unmet_en = english_list(&named(false));
    let unmet_zh = named(true).join("、");
    let message = match said {
        Some(s) => text!(
            "`{s}` is not the local currency price benchmarks must use in {unmet_en}",
            "`{s}` 不是{unmet_zh}价格对标必须使用的本地货币"
        ),
        None => text!(
            "no `price_currency`: price benchmarks must use the local currency in {unmet_en}",
            "缺少 `price_currency`：{unmet_zh}的价格对标必须使用本地货币"
        ),
    };
    let mut currencies: Vec<&str> = required.iter().map(|(_, _, c)| *c).collect();
    currencies.sort_unstable();
    currencies.dedup();
    let help = if currencies.len() > 1 {
        let (all, all_zh) = (currencies.join(", "), currencies.join("、"));
        text!(
            "the target markets require different currencies ({all}) and one `price_currency` can name only one of them: check the price for {unmet_en} separately, in its own currency",
            "目标市场要求的货币不同（{all_zh}），一个 `price_currency` 只能写其中一种：请另行以本地货币核对{unmet_zh}的价格"
        )
    } else {
        let currency = currencies.first().copied().unwrap_or_default();
        text!(
            "compare prices with the category's top-20 average in {currency} and write `price_currency: {currency}`",
            "请以 {currency} 与类目前 20 名均价对比，并填写 `price_currency: {currency}`"
        )
    };
    ctx.report(place, message)
        .help(help)
        .labels(unmet_markets.into_iter().map(|(target, market, currency)| {
            let (en, zh) = (&market.name.en, &market.name.zh);
            (
                target.span,
                text!(
                    "price benchmarks for {en} use {currency}",
                    "{zh}的价格对标使用 {currency}"
                ),
            )
        }));
}

/// `a`, `a and b`, `a, b and c`.
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Whether a main-image click-through rate is below 8.3%.
fn click_through_is_low(ctr: f64) -> bool {
    ctr < MIN_MAIN_IMAGE_CTR
}

/// Whether a detail-page bounce rate is above 42.6%.
fn bounce_rate_is_high(rate: f64) -> bool {
    rate > MAX_BOUNCE_RATE
}

/// CHL018: the main image's click-through rate is at least 8.3%.
pub(crate) fn main_image_click_through_is_high_enough(ctx: &Ctx) {
    ctx.limit(
        diagnosis_field(ctx, |d| &d.main_image_ctr),
        (
            || text!(
                "no `diagnosis.main_image_ctr` is given; the challenge requires a main-image click-through rate of at least {MIN_MAIN_IMAGE_CTR}%",
                "未填写 `diagnosis.main_image_ctr`（主图点击率）；挑战赛要求主图点击率至少 {MIN_MAIN_IMAGE_CTR}%"
            ),
            || text!(
                "give the main image's click-through rate from the diagnosis under `diagnosis`, in percent, e.g. `main_image_ctr: 9.1`",
                "请在 `diagnosis` 下以百分比填写诊断得出的主图点击率，例如 `main_image_ctr: 9.1`"
            ),
        ),
        |ctr| !click_through_is_low(ctr.0),
        |ctr| {
            let pct = ctr.value.0;
            (
                text!(
                    "the main image's click-through rate is {pct}%, below {MIN_MAIN_IMAGE_CTR}%",
                    "主图点击率为 {pct}%，低于 {MIN_MAIN_IMAGE_CTR}%"
                ),
                text!(
                    "test a clearer main image (the product large on a white background, no text overlay) until the click-through rate reaches {MIN_MAIN_IMAGE_CTR}%",
                    "请测试更清晰的主图（白底、商品占主要画面、无文字遮挡），直至点击率达到 {MIN_MAIN_IMAGE_CTR}%"
                ),
            )
        },
    );
}

/// CHL019: the detail page's bounce rate is at most 42.6%.
pub(crate) fn bounce_rate_is_low_enough(ctx: &Ctx) {
    ctx.limit(
        diagnosis_field(ctx, |d| &d.bounce_rate),
        (
            || text!(
                "no `diagnosis.bounce_rate` is given; the challenge accepts a detail-page bounce rate of at most {MAX_BOUNCE_RATE}%",
                "未填写 `diagnosis.bounce_rate`（详情页跳出率）；挑战赛要求详情页跳出率不高于 {MAX_BOUNCE_RATE}%"
            ),
            || text!(
                "give the detail page's bounce rate from the diagnosis under `diagnosis`, in percent, e.g. `bounce_rate: 38`",
                "请在 `diagnosis` 下以百分比填写诊断得出的详情页跳出率，例如 `bounce_rate: 38`"
            ),
        ),
        |rate| !bounce_rate_is_high(rate.0),
        |rate| {
            let pct = rate.value.0;
            (
                text!(
                    "the detail page's bounce rate is {pct}%, above {MAX_BOUNCE_RATE}%",
                    "详情页跳出率为 {pct}%，高于 {MAX_BOUNCE_RATE}%"
                ),
                text!(
                    "make the top of the detail page answer what buyers look for first (price, key specifications, delivery time) until the bounce rate is {MAX_BOUNCE_RATE}% or less",
                    "请让详情页首屏直接呈现买家最关心的信息（价格、关键参数、送达时间），直至跳出率不高于 {MAX_BOUNCE_RATE}%"
                ),
            )
        },
    );
}

/// The `diagnosis` field `field` picks, or where to report that it is not given.
fn diagnosis_field<'a, T>(
    ctx: &Ctx<'a>,
    field: impl Fn(&'a Diagnosis) -> &'a Field<T>,
) -> Needed<'a, T> {
    section_field(ctx.sub.plan.as_ref(), "diagnosis", |p| &p.diagnosis, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_thresholds_are_exclusive() {
        assert!(!price_gap_is_outside(15.0));
        assert!(!price_gap_is_outside(-15.0));
        assert!(!price_gap_is_outside(0.0));
        assert!(price_gap_is_outside(15.1));
        assert!(price_gap_is_outside(-15.1));
        assert!(!click_through_is_low(8.3));
        assert!(click_through_is_low(8.29));
        assert!(!bounce_rate_is_high(42.6));
        assert!(bounce_rate_is_high(42.61));
    }

    fn market(code: &str, currency: &str) -> Market {
        let mut m = crate::markets::builtin()
            .get(code)
            .cloned()
            .expect("market in the embedded table");
        m.price_currency = Some(currency.to_owned());
        m
    }

    #[test]
    fn one_currency_satisfies_at_most_one_of_two_markets() {
        let (mx, tr) = (market("MX", "MXN"), market("TR", "TRY"));
        let required = [((), &mx, "MXN"), ((), &tr, "TRY")];
        let unmet = |said| -> Vec<&str> {
            unmet_currencies(said, &required)
                .iter()
                .map(|(_, _, c)| *c)
                .collect()
        };
        assert_eq!(unmet(Some("MXN")), ["TRY"]);
        assert_eq!(unmet(Some("TRY")), ["MXN"]);
        assert_eq!(unmet(Some("USD")), ["MXN", "TRY"]);
        assert_eq!(unmet(None), ["MXN", "TRY"]);
        assert!(unmet_currencies(Some("MXN"), &required[..1]).is_empty());
    }

    #[test]
    fn market_lists_read_as_english() {
        let list =
            |items: &[&str]| english_list(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&["Mexico (MXN)"]), "Mexico (MXN)");
        assert_eq!(
            list(&["Mexico (MXN)", "Türkiye (TRY)"]),
            "Mexico (MXN) and Türkiye (TRY)"
        );
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
