//! Local fulfilment rules FUL001–FUL005 (`fulfillment.yaml`).

use super::{
    Ctx, Duration, complete_list, document_field, duration_within, group_thousands, needed,
};
use crate::load::list;
use crate::model::{FulfillmentMarket, Mode, Warehouse};

/// The shortest return plan that can say who receives, inspects and refunds.
const MIN_RETURN_PLAN_CHARS: usize = 20;
/// A stock sync delay over this is a named cause of sudden exposure drops.
const MAX_STOCK_SYNC_SECS: f64 = 2.0 * 3600.0;
/// The first stock prepayment is about 1.8 months of GMV, written as 18 tenths to compare exactly.
const PREPAYMENT_GMV_TENTHS: f64 = 18.0;

/// FUL001: every target market has an entry in `fulfillment.yaml`.
pub(crate) fn every_market_has_a_fulfilment_plan(ctx: &Ctx) {
    let Some(fulfillment) = ctx.sub.fulfillment.as_ref() else {
        return;
    };
    // An unreadable list, or an entry of it that could not be read (SUB002), may hold the
    // missing market: that finding names the root cause.
    let Some(entries) = complete_list(&fulfillment.data.markets) else {
        return;
    };
    for (target, market) in ctx.target_markets() {
        let code = market.code.as_str();
        if entries.iter().any(|e| e.market.value.trim() == code) {
            continue;
        }
        let (name_en, name_zh) = (&market.name.en, &market.name.zh);
        let finding = ctx.report(
            target.span,
            text!(
                "{name_en} ({code}) has no entry in `fulfillment.yaml`",
                "{name_zh}（{code}）在 `fulfillment.yaml` 中没有条目"
            ),
        );
        // `market: KSA`: the entry is there, written another way.
        match super::entry_meant_for(ctx.markets, code, entries.iter().map(|e| &e.market)) {
            Some(written) => {
                let w = written.value.trim();
                finding
                    .label(
                        written.span,
                        text!(
                            "`{w}` is not a market code: did you mean `{code}`?",
                            "`{w}` 不是市场代码：是否应为 `{code}`？"
                        ),
                    )
                    .help(text!(
                        "write `market: {code}` in place of `market: {w}`",
                        "请把 `market: {w}` 改为 `market: {code}`"
                    ));
            }
            None => {
                finding.help(text!(
                    "add `- market: {code}` under `markets` with its `mode`, `carrier` and `return_plan`",
                    "在 `markets` 下增加 `- market: {code}`，写明 `mode`、`carrier` 和 `return_plan`"
                ));
            }
        }
    }
}

/// FUL002: every market entry has a return plan of at least 20 characters.
pub(crate) fn return_plan_is_written(ctx: &Ctx) {
    let Some(fulfillment) = ctx.sub.fulfillment.as_ref() else {
        return;
    };
    let help = || {
        text!(
            "describe where returns go, who inspects them and when the buyer is refunded, in at least {MIN_RETURN_PLAN_CHARS} characters",
            "用至少 {MIN_RETURN_PLAN_CHARS} 个字符说明退货寄往何处、由谁检验、何时退款"
        )
    };
    for entry in list(&fulfillment.data.markets) {
        let market = entry.market.value.trim();
        let Some(plan) = ctx.needs(
            needed(&entry.return_plan, || entry.span.into()),
            || {
                text!(
                    "the `{market}` entry has no `return_plan`",
                    "`{market}` 条目没有 `return_plan`（退货方案）"
                )
            },
            help(),
        ) else {
            continue;
        };
        if long_enough(&plan.value) {
            continue;
        }
        let chars = plan.value.trim().chars().count();
        ctx.report(
            plan.span,
            text!(
                "the return plan for `{market}` is {chars} characters long",
                "`{market}` 的退货方案只有 {chars} 个字符"
            ),
        )
        .help(help());
    }
}

/// FUL003: a local warehouse syncs its stock at least every 2 hours.
pub(crate) fn stock_sync_is_frequent(ctx: &Ctx) {
    let Some(fulfillment) = ctx.sub.fulfillment.as_ref() else {
        return;
    };
    let help = || {
        text!(
            "sync warehouse stock to the store at least every 2 hours, e.g. `stock_sync_interval: 30m`",
            "至少每 2 小时把仓库库存同步到店铺一次，例如 `stock_sync_interval: 30m`"
        )
    };
    for entry in list(&fulfillment.data.markets) {
        let market = entry.market.value.trim();
        // Whether the entry is a local warehouse decides this rule (and FUL004, FUL005): an
        // entry that does not say is reported here, once.
        let Some(mode) = ctx.needs(
            needed(&entry.mode, || entry.span.into()),
            || text!(
                "the `{market}` entry has no `mode`",
                "`{market}` 条目没有 `mode`（履约方式）"
            ),
            || text!(
                "say how `{market}` is fulfilled: `mode: local-warehouse` or `mode: direct-mail`",
                "请写明 `{market}` 的履约方式：`mode: local-warehouse` 或 `mode: direct-mail`"
            ),
        ) else {
            continue;
        };
        if mode.value != Mode::LocalWarehouse {
            continue;
        }
        let Some(value) = ctx.needs(
            needed(&entry.stock_sync_interval, || entry.span.into()),
            || {
                text!(
                    "the local warehouse for `{market}` has no `stock_sync_interval`",
                    "`{market}` 的本地仓没有 `stock_sync_interval`（库存同步间隔）"
                )
            },
            help(),
        ) else {
            continue;
        };
        let said = value.value.trim();
        let message = match duration_within(&value.value, MAX_STOCK_SYNC_SECS) {
            Duration::Unmeasurable => text!(
                "`{said}` is not a measurable interval",
                "`{said}` 不是可衡量的时间间隔"
            ),
            Duration::Over(_) => text!(
                "stock syncs every `{said}`, which is over 2 hours",
                "库存每 `{said}` 同步一次，超过 2 小时"
            ),
            Duration::Within => continue,
        };
        ctx.report(value.span, message).help(help());
    }
}

/// FUL004: with a local warehouse, the prepayment budget covers about 1.8 months of GMV.
pub(crate) fn prepayment_budget_covers_first_stock(ctx: &Ctx) {
    let Some(fulfillment) = ctx.sub.fulfillment.as_ref() else {
        return;
    };
    let data = &fulfillment.data;
    if !list(&data.markets).iter().any(|e| local(e)) {
        return;
    }
    let Some(gmv) = ctx.needs(
        document_field(Some(fulfillment), |d| &d.monthly_gmv_usd),
        || text!(
            "local warehouses are planned but there is no `monthly_gmv_usd` to size the first stock prepayment",
            "计划使用本地仓，但没有 `monthly_gmv_usd`（月 GMV），无法核对首批备货预付款"
        ),
        || text!(
            "give the expected monthly GMV in US dollars as `monthly_gmv_usd`; the prepayment budget must cover about 1.8 months of it",
            "请以 `monthly_gmv_usd` 填写预计月 GMV（美元）；预付预算须覆盖约 1.8 个月的 GMV"
        ),
    ) else {
        return;
    };
    let needed = usd(gmv.value.0 * PREPAYMENT_GMV_TENTHS / 10.0);
    let gmv_usd = usd(gmv.value.0);
    let help = text!(
        "plan a prepayment budget of at least US${needed} (1.8 × the monthly GMV of US${gmv_usd}) for the first local stock, or ship by direct mail instead",
        "为首批本地备货准备至少 {needed} 美元的预付预算（月 GMV {gmv_usd} 美元的 1.8 倍），或改为直邮发货"
    );
    let gmv_label = text!("monthly GMV is US${gmv_usd}", "月 GMV 为 {gmv_usd} 美元");
    let Some(budget) = ctx.needs(
        document_field(Some(fulfillment), |d| &d.prepayment_budget_usd),
        || {
            text!(
                "local warehouses are planned but there is no `prepayment_budget_usd`",
                "计划使用本地仓，但没有 `prepayment_budget_usd`（预付预算）"
            )
        },
        help.clone(),
    ) else {
        return;
    };
    if !below_first_stock(budget.value.0, gmv.value.0) {
        return;
    }
    let have = usd(budget.value.0);
    ctx.report(
        budget.span,
        text!(
            "a budget of US${have} is below 1.8 months of GMV (US${needed})",
            "预算 {have} 美元低于 1.8 个月的 GMV（{needed} 美元）"
        ),
    )
    .label(gmv.span, gmv_label)
    .help(help);
}

/// FUL005: a local warehouse other than the platform's misses the fee cut.
pub(crate) fn local_warehouse_is_the_platforms(ctx: &Ctx) {
    let Some(fulfillment) = ctx.sub.fulfillment.as_ref() else {
        return;
    };
    for entry in list(&fulfillment.data.markets).iter().filter(|e| local(e)) {
        let market = entry.market.value.trim();
        let Some(warehouse) = ctx.needs(
            needed(&entry.warehouse, || entry.span.into()),
            || text!(
                "the local warehouse for `{market}` does not say whose it is: no `warehouse`",
                "`{market}` 的本地仓未写明归属：缺少 `warehouse`"
            ),
            || text!(
                "say whose warehouse it is: `warehouse: platform` (the platform's designated warehouse, with the fee cut), `third-party` or `own`",
                "请写明仓库归属：`warehouse: platform`（平台指定仓，可减免服务费）、`third-party` 或 `own`"
            ),
        ) else {
            continue;
        };
        if warehouse.value == Warehouse::Platform {
            continue;
        }
        let kind = warehouse.value.as_str();
        ctx.report(
            warehouse.span,
            text!(
                "the local warehouse for `{market}` is `{kind}`, not the platform's",
                "`{market}` 的本地仓为 `{kind}`，不是平台仓"
            ),
        )
        .help(text!(
            "consider the platform's designated warehouse: `warehouse: platform`",
            "可考虑使用平台指定仓：`warehouse: platform`"
        ));
    }
}

fn local(entry: &FulfillmentMarket) -> bool {
    matches!(entry.mode.get(), Some(m) if m.value == Mode::LocalWarehouse)
}

/// Characters, not bytes, after trimming: `退货寄回马德里仓` is 8.
fn long_enough(plan: &str) -> bool {
    plan.trim().chars().count() >= MIN_RETURN_PLAN_CHARS
}

/// Strictly below 1.8 × GMV, compared in tenths so that exactly 1.8 × GMV passes.
fn below_first_stock(budget: f64, gmv: f64) -> bool {
    budget * 10.0 < gmv * PREPAYMENT_GMV_TENTHS
}

/// `144,000`, `1,234.5`: US dollars grouped by thousands, without trailing zeros.
fn usd(n: f64) -> String {
    let fixed = format!("{n:.2}");
    group_thousands(fixed.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clean fixture with `files` replaced, linted by this module only: (code, text at the
    /// finding's place, or the file name for a whole-document finding).
    fn findings(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let fixture = crate::rules::testing::clean_with(files);
        let out = crate::rules::testing::run(&fixture.sub, crate::markets::builtin(), &["FUL"]);
        crate::rules::testing::places(&fixture.sub, &out)
    }

    const PLAN: &str = "Returns are received at the local hub and refunded within 24 h.";

    fn market(code: &str, extra: &str) -> String {
        format!("  - market: {code}\n    mode: direct-mail\n    return_plan: {PLAN}\n{extra}")
    }

    fn local_market(code: &str, extra: &str) -> String {
        format!(
            "  - market: {code}\n    mode: local-warehouse\n    warehouse: platform\n    return_plan: {PLAN}\n{extra}"
        )
    }

    fn fulfilment(head: &str, markets: &str) -> Vec<(&'static str, String)> {
        findings(&[("fulfillment.yaml", &format!("{head}markets:\n{markets}"))])
    }

    #[test]
    fn the_clean_fulfilment_plan_passes() {
        assert_eq!(findings(&[]), []);
    }

    #[test]
    fn every_target_market_needs_an_entry() {
        let got = fulfilment("", &format!("{}{}", market("ES", ""), market("SA", "")));
        assert_eq!(got, [("FUL001", "BR".to_owned())]);
        // A market the programme does not serve is STO004's, not FUL001's.
        let sub = "program: cooperation\nmarkets: [ES, US]\n";
        let got = findings(&[
            ("submission.yaml", sub),
            (
                "fulfillment.yaml",
                &format!("markets:\n{}", market("ES", "")),
            ),
        ]);
        assert_eq!(got, []);
    }

    #[test]
    fn an_entry_that_could_not_be_read_may_be_the_missing_market() {
        // `market: [BR]` is SUB002 at the value; BR is not reported missing a second time.
        let unreadable = "  - market: [BR]\n    mode: direct-mail\n";
        let markets = format!("{}{unreadable}{}", market("ES", ""), market("SA", ""));
        assert_eq!(fulfilment("", &markets), []);
    }

    #[test]
    fn return_plans_count_characters_not_bytes() {
        assert!(long_enough(
            "退货寄回马德里仓，由平台检验后四十八小时内退款"
        ));
        assert!(!long_enough("退货寄回马德里仓后退款"));
        assert!(long_enough("12345678901234567890"));
        assert!(!long_enough("  1234567890123456789  "));
        let short = "  - market: SA\n    mode: direct-mail\n    return_plan: 寄回利雅得\n";
        let got = fulfilment(
            "",
            &format!("{}{}{short}", market("ES", ""), market("BR", "")),
        );
        assert_eq!(got, [("FUL002", "寄回利雅得".to_owned())]);
        let none = "  - market: SA\n    mode: direct-mail\n";
        let got = fulfilment(
            "",
            &format!("{}{}{none}", market("ES", ""), market("BR", "")),
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "FUL002");
        assert!(got[0].1.starts_with("market: SA"), "{got:?}");
    }

    #[test]
    fn stock_sync_over_two_hours_warns() {
        let head = "monthly_gmv_usd: 80000\nprepayment_budget_usd: 150000\n";
        for (said, fires) in [
            ("2h", false),
            ("120m", false),
            ("121m", true),
            ("1 day", true),
            ("hourly", true),
        ] {
            let es = local_market("ES", &format!("    stock_sync_interval: {said}\n"));
            let got = fulfilment(
                head,
                &format!("{es}{}{}", market("BR", ""), market("SA", "")),
            );
            let want: Vec<_> = if fires {
                vec![("FUL003", said.to_owned())]
            } else {
                vec![]
            };
            assert_eq!(got, want, "{said}");
        }
        // Missing: at the entry; direct mail needs no sync.
        let got = fulfilment(
            head,
            &format!(
                "{}{}{}",
                local_market("ES", ""),
                market("BR", ""),
                market("SA", "")
            ),
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "FUL003");
        assert!(got[0].1.starts_with("market: ES"), "{got:?}");
    }

    #[test]
    fn prepayment_at_exactly_1_8_months_passes() {
        assert!(!below_first_stock(144000.0, 80000.0));
        assert!(below_first_stock(143999.99, 80000.0));
        assert!(!below_first_stock(18.0, 10.0));
        assert!(below_first_stock(17.9, 10.0));
        let es = local_market("ES", "    stock_sync_interval: 30m\n");
        let rest = format!("{es}{}{}", market("BR", ""), market("SA", ""));
        let run = |head: &str| fulfilment(head, &rest);
        assert_eq!(
            run("monthly_gmv_usd: 80000\nprepayment_budget_usd: 144000\n"),
            []
        );
        assert_eq!(
            run("monthly_gmv_usd: 80000\nprepayment_budget_usd: 100000\n"),
            [("FUL004", "100000".to_owned())]
        );
        assert_eq!(
            run("monthly_gmv_usd: 80000\n"),
            [("FUL004", "fulfillment.yaml".to_owned())]
        );
        // The budget is judged against the GMV: without it, the GMV is what is missing.
        assert_eq!(
            run("prepayment_budget_usd: 100\n"),
            [("FUL004", "fulfillment.yaml".to_owned())]
        );
        // Without a local warehouse there is no stock to prepay.
        let direct = format!(
            "{}{}{}",
            market("ES", ""),
            market("BR", ""),
            market("SA", "")
        );
        assert_eq!(
            fulfilment(
                "monthly_gmv_usd: 80000\nprepayment_budget_usd: 1\n",
                &direct
            ),
            []
        );
    }

    #[test]
    fn a_third_party_local_warehouse_is_noted() {
        let head = "monthly_gmv_usd: 80000\nprepayment_budget_usd: 150000\n";
        let es = "  - market: ES\n    mode: local-warehouse\n    warehouse: third-party\n    stock_sync_interval: 30m\n    return_plan: Returns are received at the Madrid hub and refunded.\n";
        let got = fulfilment(
            head,
            &format!("{es}{}{}", market("BR", ""), market("SA", "")),
        );
        assert_eq!(got, [("FUL005", "third-party".to_owned())]);
        // Direct mail with a warehouse named is not a local warehouse.
        let es = market("ES", "    warehouse: own\n");
        let got = fulfilment(
            head,
            &format!("{es}{}{}", market("BR", ""), market("SA", "")),
        );
        assert_eq!(got, []);
    }

    #[test]
    fn dollars_drop_trailing_zero_cents() {
        assert_eq!(usd(144000.0), "144,000");
        assert_eq!(usd(1234.5), "1,234.5");
        assert_eq!(usd(0.001), "0");
    }
}
