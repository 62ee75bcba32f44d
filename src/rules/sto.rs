//! Store eligibility rules STO001–STO005 (`submission.yaml`).

use super::{Ctx, applicant_field, document_field, group_thousands};

/// STO001: the lowest store level the programme admits.
pub const MIN_STORE_LEVEL: i64 = 3;
/// STO002: the lowest 90-day positive feedback rate, in percent.
pub const MIN_POSITIVE_FEEDBACK_PERCENT: f64 = 96.5;
/// STO003: the highest dispute rate, in percent.
pub const MAX_DISPUTE_RATE_PERCENT: f64 = 0.8;
/// STO005: the annual export volume the model is fitted to first, in US dollars.
pub const MIN_ANNUAL_EXPORT_USD: f64 = 300_000.0;

/// STO001: `store_level` is at least 3.
pub(crate) fn store_level_is_high_enough(ctx: &Ctx) {
    ctx.limit(
        applicant_field(ctx.sub.submission.as_ref(), |a| &a.store_level),
        (
            || text!(
                "no `store_level` is given; the programme requires at least level {MIN_STORE_LEVEL}",
                "未填写 `store_level`（店铺等级）；项目要求至少 {MIN_STORE_LEVEL} 级"
            ),
            || text!(
                "add the store's current level under `applicant`, e.g. `store_level: {MIN_STORE_LEVEL}`",
                "请在 `applicant` 下填写店铺当前等级，例如 `store_level: {MIN_STORE_LEVEL}`"
            ),
        ),
        |level| *level >= MIN_STORE_LEVEL,
        |level| {
            let level_n = level.value;
            (
                text!("the store is level {level_n}", "店铺等级为 {level_n}"),
                text!(
                    "the programme admits stores of level {MIN_STORE_LEVEL} or above; apply once the store has reached level {MIN_STORE_LEVEL}",
                    "项目仅接受 {MIN_STORE_LEVEL} 级及以上的店铺；请在店铺达到 {MIN_STORE_LEVEL} 级后再申请"
                ),
            )
        },
    );
}

/// STO002: `positive_feedback_90d` is at least 96.5%.
pub(crate) fn positive_feedback_is_high_enough(ctx: &Ctx) {
    ctx.limit(
        applicant_field(ctx.sub.submission.as_ref(), |a| &a.positive_feedback_90d),
        (
            || text!(
                "no `positive_feedback_90d` is given; the programme requires at least {MIN_POSITIVE_FEEDBACK_PERCENT}%",
                "未填写 `positive_feedback_90d`（近 90 天好评率）；项目要求不低于 {MIN_POSITIVE_FEEDBACK_PERCENT}%"
            ),
            || text!(
                "add the store's positive feedback rate over the last 90 days under `applicant`, in percent, e.g. `positive_feedback_90d: 97.2`",
                "请在 `applicant` 下填写店铺近 90 天好评率（百分数），例如 `positive_feedback_90d: 97.2`"
            ),
        ),
        |rate| rate.0 >= MIN_POSITIVE_FEEDBACK_PERCENT,
        |rate| {
            let pct = rate.value.0;
            (
                text!(
                    "positive feedback over the last 90 days is {pct}%",
                    "近 90 天好评率为 {pct}%"
                ),
                text!(
                    "the programme requires at least {MIN_POSITIVE_FEEDBACK_PERCENT}% positive feedback over 90 days; apply once the rate has recovered",
                    "项目要求近 90 天好评率不低于 {MIN_POSITIVE_FEEDBACK_PERCENT}%；请在好评率回升后再申请"
                ),
            )
        },
    );
}

/// STO003: `dispute_rate` is at most 0.8%.
pub(crate) fn dispute_rate_is_low_enough(ctx: &Ctx) {
    ctx.limit(
        applicant_field(ctx.sub.submission.as_ref(), |a| &a.dispute_rate),
        (
            || text!(
                "no `dispute_rate` is given; the programme accepts at most {MAX_DISPUTE_RATE_PERCENT}%",
                "未填写 `dispute_rate`（纠纷率）；项目要求不高于 {MAX_DISPUTE_RATE_PERCENT}%"
            ),
            || text!(
                "add the store's dispute rate under `applicant`, in percent, e.g. `dispute_rate: 0.4`",
                "请在 `applicant` 下填写店铺纠纷率（百分数），例如 `dispute_rate: 0.4`"
            ),
        ),
        |rate| rate.0 <= MAX_DISPUTE_RATE_PERCENT,
        |rate| {
            let pct = rate.value.0;
            (
                text!("the dispute rate is {pct}%", "纠纷率为 {pct}%"),
                text!(
                    "the programme accepts a dispute rate of at most {MAX_DISPUTE_RATE_PERCENT}%; apply once the rate is back at or below it",
                    "项目要求纠纷率不高于 {MAX_DISPUTE_RATE_PERCENT}%；请在纠纷率降至该水平后再申请"
                ),
            )
        },
    );
}

/// STO004: every target market is one the programme serves.
pub(crate) fn markets_are_served(ctx: &Ctx) {
    let programme = ctx.programme();
    let served: Vec<&str> = ctx
        .markets
        .markets
        .iter()
        .filter(|m| m.programmes.iter().any(|p| p == programme))
        .map(|m| m.code.as_str())
        .collect();
    let served_list = served.join(", ");
    // Every market rule reads the target markets: without any, this rule reports it once.
    let no_markets = text!("no target market is given", "未填写目标市场 `markets`");
    let add_markets = text!(
        "list the markets the store applies for under `markets`, e.g. `markets: [ES, BR, SA]`; the programme serves {served_list}",
        "请在 `markets` 下列出申请的目标市场，例如 `markets: [ES, BR, SA]`；本项目服务的市场为 {served_list}"
    );
    let Some(listed) = ctx.needs(
        document_field(ctx.sub.submission.as_ref(), |d| &d.markets),
        no_markets.clone(),
        add_markets.clone(),
    ) else {
        return;
    };
    if listed.value.items.is_empty() && listed.value.is_complete() {
        ctx.report(listed.span, no_markets).help(add_markets);
        return;
    }
    for market in ctx.sub.markets() {
        let code = market.value.trim();
        if ctx.markets.served(code, programme).is_some() {
            continue;
        }
        let message = match ctx.markets.get(code) {
            Some(m) => {
                let (en, zh) = (&m.name.en, &m.name.zh);
                let others = m.programmes.join(", ");
                text!(
                    "`{code}` ({en}) is served by the {others} programme, not the {programme} programme",
                    "`{code}`（{zh}）属于 {others} 项目的市场，不在 {programme} 项目服务范围内"
                )
            }
            None => text!(
                "`{code}` is not a market of the {programme} programme",
                "`{code}` 不是 {programme} 项目的市场"
            ),
        };
        let upper = code.to_uppercase();
        // `KSA`, `Brazil`, `沙特`: the market meant, fixed when it is certain.
        let meant = (ctx.markets.get(code).is_none())
            .then(|| super::market_hint(ctx.markets, code, ctx.text(market.span)))
            .flatten();
        let (help, fix) = if upper != code && ctx.markets.served(&upper, programme).is_some() {
            let help = text!(
                "market codes are written in capitals: `{upper}`",
                "市场代码须大写：`{upper}`"
            );
            (help, None)
        } else if let Some((help, fix)) = meant {
            (help, fix)
        } else {
            let help = text!(
                "the programme serves {served_list}; remove `{code}` from `markets`",
                "本项目服务的市场为 {served_list}；请从 `markets` 中删除 `{code}`"
            );
            (help, None)
        };
        let finding = ctx.report(market.span, message).help(help);
        if let Some(replacement) = fix {
            finding.fix(
                text!("write the market's code", "改为该市场的代码"),
                replacement,
            );
        }
    }
}

/// STO005: `annual_export_usd` is at least US$300,000.
pub(crate) fn annual_export_is_large_enough(ctx: &Ctx) {
    let min = thousands(MIN_ANNUAL_EXPORT_USD);
    ctx.limit(
        applicant_field(ctx.sub.submission.as_ref(), |a| &a.annual_export_usd),
        (
            || text!(
                "no `annual_export_usd` is given; enterprises exporting at least US${min} a year are considered first",
                "未填写 `annual_export_usd`（年出口额）；年出口额不低于 {min} 美元的企业优先"
            ),
            || text!(
                "add the company's exports of the last year in US dollars under `applicant`, e.g. `annual_export_usd: 520000`",
                "请在 `applicant` 下填写公司上一年度的出口额（美元），例如 `annual_export_usd: 520000`"
            ),
        ),
        |export| export.0 >= MIN_ANNUAL_EXPORT_USD,
        |export| {
            let usd = thousands(export.value.0);
            (
                text!("annual exports are US${usd}", "年出口额为 {usd} 美元"),
                text!(
                    "enterprises exporting at least US${min} a year are considered first; the application is still accepted",
                    "年出口额不低于 {min} 美元的企业优先；申请仍可提交"
                ),
            )
        },
    );
}

/// `180000` → `180,000`; decimals are kept as written by `f64`'s display.
fn thousands(n: f64) -> String {
    group_thousands(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Doc, Submission};
    use crate::rules::testing;

    /// The findings of this module for a `submission.yaml` holding `yaml`: each code with the
    /// text at its place (the file name for a whole-document finding).
    fn findings(yaml: &str) -> Vec<(&'static str, String)> {
        match yaml.lines().any(|l| l.starts_with("markets:")) {
            true => findings_as_written(yaml),
            false => findings_as_written(&format!("{yaml}markets: [ES]\n")),
        }
    }

    /// Like [`findings`], for exactly `yaml` (without a target market added).
    fn findings_as_written(yaml: &str) -> Vec<(&'static str, String)> {
        let mut sub = Submission::default();
        let doc: Doc<crate::model::SubmissionDoc> =
            testing::valid_doc(&mut sub, "submission.yaml", yaml);
        // As the loader does: the document says which programme it is.
        sub.program = doc
            .data
            .program
            .get()
            .map_or(Default::default(), |p| p.value);
        sub.submission = Some(doc);
        let out = testing::run(&sub, crate::markets::builtin(), &["STO"]);
        testing::places(&sub, &out)
    }

    /// The codes this module fires for a `submission.yaml` holding `yaml`.
    fn codes(yaml: &str) -> Vec<&'static str> {
        findings(yaml).into_iter().map(|(code, _)| code).collect()
    }

    /// Passing store metrics, one replaced by `field` (or added, when it names no other; none
    /// when empty).
    fn applicant(field: &str) -> String {
        let mut lines = vec![
            "store_level: 3",
            "positive_feedback_90d: 97.2",
            "dispute_rate: 0.4",
            "annual_export_usd: 520000",
        ];
        let key = field.split(':').next().unwrap_or(field);
        match lines.iter().position(|l| l.starts_with(&format!("{key}:"))) {
            Some(i) => lines[i] = field,
            None if field.is_empty() => {}
            None => lines.push(field),
        }
        let body: String = lines.iter().map(|l| format!("  {l}\n")).collect();
        format!("applicant:\n{body}")
    }

    /// Passing store metrics without `key`.
    fn applicant_without(key: &str) -> String {
        applicant("")
            .lines()
            .filter(|l| !l.trim_start().starts_with(&format!("{key}:")))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn thresholds_themselves_pass() {
        assert!(codes(&applicant("store_level: 3")).is_empty());
        assert!(codes(&applicant("positive_feedback_90d: 96.5")).is_empty());
        assert!(codes(&applicant("positive_feedback_90d: \"96.5%\"")).is_empty());
        assert!(codes(&applicant("dispute_rate: 0.8")).is_empty());
        assert!(codes(&applicant("dispute_rate: \"0.8%\"")).is_empty());
        assert!(codes(&applicant("annual_export_usd: 300000")).is_empty());
    }

    #[test]
    fn just_past_the_thresholds_fires() {
        assert_eq!(codes(&applicant("store_level: 2")), ["STO001"]);
        assert_eq!(codes(&applicant("positive_feedback_90d: 96.4")), ["STO002"]);
        assert_eq!(
            codes(&applicant("positive_feedback_90d: \"96.49%\"")),
            ["STO002"]
        );
        assert_eq!(codes(&applicant("dispute_rate: \"0.81%\"")), ["STO003"]);
        assert_eq!(
            codes(&applicant("annual_export_usd: 299999.99")),
            ["STO005"]
        );
    }

    #[test]
    fn a_missing_metric_is_reported_by_its_rule_at_the_applicant() {
        for (key, code) in [
            ("store_level", "STO001"),
            ("positive_feedback_90d", "STO002"),
            ("dispute_rate", "STO003"),
            ("annual_export_usd", "STO005"),
        ] {
            let yaml = applicant_without(key);
            assert!(!yaml.contains(key), "{yaml}");
            assert_eq!(findings(&yaml), [(code, "applicant".to_owned())], "{key}");
        }
        // An empty `applicant` lacks every metric; each rule reports its own, at the key.
        assert_eq!(
            findings("applicant:\nmarkets: [ES]\n"),
            ["STO001", "STO002", "STO003", "STO005"].map(|c| (c, "applicant".to_owned()))
        );
        // Without `applicant`, once per rule at the document.
        assert_eq!(
            findings("markets: [ES]\n"),
            ["STO001", "STO002", "STO003", "STO005"].map(|c| (c, "submission.yaml".to_owned()))
        );
    }

    #[test]
    fn markets_outside_the_cooperation_programme_fire() {
        let with = |rest: &str| codes(&format!("{}{rest}\n", applicant("")));
        assert!(with("markets: [ES, BR, SA, KR, MX]").is_empty());
        assert_eq!(with("markets: [ES, US, TR, JP]"), ["STO004"; 3]);
        assert_eq!(with("markets: [es]"), ["STO004"]);
        // The submission's own programme decides, as for the other market rules.
        assert!(with("program: challenge\nmarkets: [US, TR, ES]").is_empty());
        assert_eq!(with("program: cooperation\nmarkets: [TR]"), ["STO004"]);
    }

    #[test]
    fn missing_target_markets_are_reported_once_by_sto004() {
        let metrics = applicant("");
        assert_eq!(
            findings_as_written(&metrics),
            [("STO004", "submission.yaml".to_owned())]
        );
        assert_eq!(
            findings_as_written(&format!("{metrics}markets: []\n")),
            [("STO004", "[]".to_owned())]
        );
    }

    #[test]
    fn amounts_keep_the_decimals_f64_writes() {
        assert_eq!(thousands(300000.0), "300,000");
        assert_eq!(thousands(1234567.5), "1,234,567.5");
    }
}
