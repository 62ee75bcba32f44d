//! Challenge logistics CHL006, CHL009, CHL010: the logistics agreement, dispatch and refund
//! times, and tracking coverage.

use super::{amount, join_and};
use crate::finding::{Place, Text};
use crate::load::Doc;
use crate::load::typed::Field;
use crate::model::{Agreement, LogisticsDoc};
use crate::rules::{Ctx, Duration, document_field, duration_within, join_texts, key_place, needed};

/// CHL009: the longest dispatch time, in hours.
const MAX_DISPATCH_HOURS: f64 = 72.0;
/// CHL009: the longest refund time, in days.
const MAX_REFUND_DAYS: f64 = 15.0;
/// CHL010: the lowest logistics tracking coverage, in percent.
const MIN_TRACKING_COVERAGE_PCT: f64 = 98.0;

/// CHL006: an agreement as `logistics.yaml` gives it, shown in the help.
const AGREEMENT_EXAMPLE: &str = "agreement: {provider: Cainiao, start_date: 2026-01-10, countries: [ES, PL, MX], scan: attachments/logistics-agreement.pdf}";

const HOUR_SECS: f64 = 3600.0;
const DAY_SECS: f64 = 86_400.0;

/// CHL006: the logistics agreement shows its start date, covered countries and scan, and covers
/// every target market.
pub(crate) fn logistics_agreement_is_complete(ctx: &Ctx) {
    let Some(logistics) = ctx.sub.logistics.as_ref() else {
        return;
    };
    let example = AGREEMENT_EXAMPLE;
    let Some(agreement) = ctx.needs(
        needed(&logistics.data.agreement, || key_place(logistics, "agreement")),
        || text!(
            "no logistics provider `agreement` is given",
            "未提供物流服务商协议 `agreement`"
        ),
        || text!(
            "describe the agreement with the logistics provider: its `start_date`, the `countries` it covers (every target market) and the `scan` of the signed agreement, e.g. `{example}`",
            "请填写与物流服务商的协议：生效日期 `start_date`、覆盖国家 `countries`（须包括全部目标市场）及已签协议扫描件 `scan`，例如 `{example}`"
        ),
    ) else {
        return;
    };
    let agreement = &agreement.value;
    agreement_gives_its_terms(ctx, logistics, agreement);
    agreement_covers_every_market(ctx, agreement);
}

/// CHL006, the terms: the agreement gives its `start_date`, its `countries` and its `scan`.
fn agreement_gives_its_terms(ctx: &Ctx, logistics: &Doc<LogisticsDoc>, agreement: &Agreement) {
    let example = AGREEMENT_EXAMPLE;
    let scan_missing = match &agreement.scan {
        Field::Absent => true,
        Field::Present(scan) => scan.value.trim().is_empty(),
        Field::Invalid(_) => false,
    };
    let missing: Vec<(&str, Text)> = [
        (
            agreement.start_date.is_absent(),
            "start_date",
            text!(
                "`start_date`, the date it takes effect (YYYY-MM-DD)",
                "生效日期 `start_date`（YYYY-MM-DD）",
            ),
        ),
        (
            agreement.countries.is_absent(),
            "countries",
            text!(
                "`countries`, the countries it covers (every target market among them)",
                "覆盖国家 `countries`（须包括全部目标市场）",
            ),
        ),
        (
            scan_missing,
            "scan",
            text!(
                "`scan`, the path of its scan under `attachments/`",
                "扫描件路径 `scan`（位于 `attachments/` 下）",
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(missing, key, what)| missing.then_some((key, what)))
    .collect();
    if missing.is_empty() {
        return;
    }
    let keys: Vec<String> = missing.iter().map(|(k, _)| format!("`{k}`")).collect();
    let (keys_en, keys_zh) = (join_and(&keys, ", ", " and "), keys.join("、"));
    let whats: Vec<Text> = missing.iter().map(|(_, w)| w.clone()).collect();
    let Text {
        en: whats_en,
        zh: whats_zh,
    } = join_texts(&whats, "; ", "、");
    ctx.report(
        key_place(logistics, "agreement"),
        text!(
            "the logistics agreement does not give {keys_en}",
            "物流协议缺少 {keys_zh}"
        ),
    )
    .help(text!(
        "copy from the signed agreement {whats_en}; for example `{example}`",
        "请按已签协议补充{whats_zh}，例如 `{example}`"
    ));
}

/// CHL006, the coverage: the agreement's `countries` name every target market.
fn agreement_covers_every_market(ctx: &Ctx, agreement: &Agreement) {
    // A country that could not be read (SUB002) may be the market: that finding is the cause.
    let Some(countries) = agreement.countries.get().filter(|c| c.value.is_complete()) else {
        return;
    };
    let covered = countries.value.written(", ");
    for market in ctx.sub.markets() {
        let code = market.value.trim();
        if code.is_empty()
            || countries
                .value
                .iter()
                .any(|c| c.value.trim().eq_ignore_ascii_case(code))
        {
            continue;
        }
        ctx.report(market.span,
                text!(
                    "the logistics agreement does not cover `{code}`",
                    "物流协议未覆盖 `{code}`"
                ),
            )
            .label(
                countries.span,
                text!(
                    "the agreement covers [{covered}]",
                    "协议覆盖 [{covered}]"
                ),
            )
            .help(text!(
                "ship to `{code}` under an agreement that covers it: add `{code}` to `countries` if the signed agreement lists it, else extend the agreement or drop `{code}` from `markets`",
                "请使用覆盖 `{code}` 的物流协议：如已签协议包含该国，请在 `countries` 中加上 `{code}`；否则请扩展协议，或从 `markets` 中删除 `{code}`"
            ));
    }
}

/// A service level of `logistics.yaml` with the challenge's limit (CHL009).
struct ServiceLimit {
    key: &'static str,
    /// The limit in `unit`s.
    max: f64,
    unit_secs: f64,
    unit: Text,
    suffix: &'static str,
    what: Text,
}

/// CHL009: dispatch within 72 hours, refunds within 15 days, each written as a measurable
/// duration.
pub(crate) fn dispatch_and_refund_within_limits(ctx: &Ctx) {
    let Some(logistics) = ctx.sub.logistics.as_ref() else {
        return;
    };
    let limits = [
        (
            &logistics.data.dispatch_within,
            ServiceLimit {
                key: "dispatch_within",
                max: MAX_DISPATCH_HOURS,
                unit_secs: HOUR_SECS,
                unit: text!("hours", "小时"),
                suffix: "h",
                what: text!("dispatch", "发货"),
            },
        ),
        (
            &logistics.data.refund_within,
            ServiceLimit {
                key: "refund_within",
                max: MAX_REFUND_DAYS,
                unit_secs: DAY_SECS,
                unit: text!("days", "天"),
                suffix: "d",
                what: text!("refunds", "退款"),
            },
        ),
    ];
    for (field, limit) in limits {
        let (key, max, suffix) = (limit.key, amount(limit.max), limit.suffix);
        let (unit_en, unit_zh, what_en, what_zh) = (
            &limit.unit.en,
            &limit.unit.zh,
            &limit.what.en,
            &limit.what.zh,
        );
        let Some(value) = ctx.needs(
            needed(field, || Place::File(logistics.file)),
            || text!(
                "no `{key}` is given; the challenge allows at most {max} {unit_en} for {what_en}",
                "未填写 `{key}`；挑战赛要求{what_zh}不超过 {max} {unit_zh}"
            ),
            || text!(
                "commit to {what_en} within {max} {unit_en} and write it as a duration, e.g. `{key}: {max}{suffix}`",
                "请承诺 {max} {unit_zh}内完成{what_zh}，并以时长写明，例如 `{key}: {max}{suffix}`"
            ),
        ) else {
            continue;
        };
        let said = value.value.trim();
        match duration_within(said, limit.max * limit.unit_secs) {
            Duration::Unmeasurable => ctx.report(value.span,
                text!(
                    "`{said}` is not a measurable duration",
                    "`{said}` 不是可衡量的时长"
                ),
            )
            .help(text!(
                "write a number and a unit (`h`, `d`); the challenge allows at most {max} {unit_en} for {what_en}, e.g. `{key}: {max}{suffix}`",
                "请写成数字加单位（`h`、`d`）；挑战赛要求{what_zh}不超过 {max} {unit_zh}，例如 `{key}: {max}{suffix}`"
            )),
            Duration::Over(secs) => {
                let took = amount(secs / limit.unit_secs);
                ctx.report(value.span,
                    text!(
                        "`{said}` ({took} {unit_en}) is longer than the {max} {unit_en} allowed for {what_en}",
                        "`{said}`（{took} {unit_zh}）超过了{what_zh}时限 {max} {unit_zh}"
                    ),
                )
                .help(text!(
                    "commit to {what_en} within {max} {unit_en}, e.g. `{key}: {max}{suffix}`",
                    "请承诺 {max} {unit_zh}内完成{what_zh}，例如 `{key}: {max}{suffix}`"
                ))
            }
            Duration::Within => continue,
        };
    }
}

/// CHL010: logistics tracking coverage is at least 98%.
pub(crate) fn tracking_coverage_reaches_the_minimum(ctx: &Ctx) {
    let min = amount(MIN_TRACKING_COVERAGE_PCT);
    ctx.limit(
        document_field(ctx.sub.logistics.as_ref(), |l| &l.tracking_coverage),
        (
            || text!(
                "no `tracking_coverage` is given; the challenge requires at least {min}% of parcels tracked",
                "未填写 `tracking_coverage`（物流跟踪覆盖率）；挑战赛要求至少 {min}% 的包裹可追踪"
            ),
            || text!(
                "give the share of parcels with a tracking number the platform can follow, in percent, e.g. `tracking_coverage: 98.6`",
                "请以百分比填写有平台可追踪运单号的包裹占比，例如 `tracking_coverage: 98.6`"
            ),
        ),
        |coverage| coverage.0 >= MIN_TRACKING_COVERAGE_PCT,
        |coverage| {
            let pct = amount(coverage.value.0);
            (
                text!(
                    "{pct}% of parcels tracked, below {min}%",
                    "物流跟踪覆盖率为 {pct}%，低于 {min}%"
                ),
                text!(
                    "ship with services that give every parcel a tracking number the platform can follow, until at least {min}% of parcels are tracked",
                    "请使用可提供平台可追踪运单号的物流服务，使至少 {min}% 的包裹可追踪"
                ),
            )
        },
    );
}
