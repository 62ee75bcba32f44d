//! The words of the reports for CI: code scanning's limit, the job summary.

use super::{group, grouped};
use crate::finding::Text;
/// That a SARIF run holds more results than GitHub code scanning keeps of a run (`limit`), and
/// the `--shard` count that keeps every run under it (`None`: one submission alone holds more);
/// `shard`: the run's own `--shard K/N`.
pub fn over_scanning_limit(
    results: usize,
    limit: usize,
    shards: Option<usize>,
    shard: Option<(usize, usize)>,
) -> Text {
    let (r, l) = (group(results), group(limit));
    let Text {
        en: run,
        zh: run_zh,
    } = match shard {
        Some((k, n)) => text!("shard {k} of {n}", "第 {k} 片（共 {n} 片）"),
        None => text!("this run", "本次运行"),
    };
    let Some(m) = shards else {
        return text!(
            "the SARIF of {run} holds {r} results, and GitHub code scanning keeps only the {l} most severe of a run: one submission alone holds more than {l}, so narrow the run with --select or --ignore",
            "{run_zh}的 SARIF 含 {r} 个结果，而 GitHub code scanning 每次运行只保留最严重的 {l} 个：单份提交的结果已超过 {l} 个，请用 --select 或 --ignore 缩小检查范围"
        );
    };
    let scope = match shard {
        Some(_) => text!(
            "keeps this shard's submissions under {l} a run; take the largest count any shard asks for",
            "可使本片的提交每次运行均不超过 {l} 个结果；如各片所需不同，取其中最大者"
        ),
        None => text!(
            "keeps every run under {l}",
            "可使每次运行均不超过 {l} 个结果"
        ),
    };
    let Text {
        en: keeps,
        zh: keeps_zh,
    } = scope;
    text!(
        "the SARIF of {run} holds {r} results, and GitHub code scanning keeps only the {l} most severe of a run (it refuses a run over 25,000); lint in {m} shards, --shard K/{m} for K = 1 to {m}, each uploaded with its own category: that {keeps}",
        "{run_zh}的 SARIF 含 {r} 个结果，而 GitHub code scanning 每次运行只保留最严重的 {l} 个（超过 25,000 个则拒收）；请分 {m} 片检查，即 --shard K/{m}（K 为 1 至 {m}），每片以各自的类别上传：这样{keeps_zh}"
    )
}

/// After the failing submissions a job summary lists: `… and 4 more failing submissions.`
pub fn more_failing(n: usize) -> Text {
    let more = grouped(n, "more failing submission", "more failing submissions");
    text!("… and {more}.", "……另有 {n} 份未通过的提交。")
}

/// After the top reasons a job summary lists: `… and 3 more rules with findings.`
pub fn more_reasons(n: usize) -> Text {
    let more = grouped(n, "more rule", "more rules");
    text!(
        "… and {more} with findings.",
        "……另有 {n} 条规则发现了问题。"
    )
}
