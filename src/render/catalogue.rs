//! `selfcheck rules` and `selfcheck explain`: the catalogue as a table and as a page.

use super::words;
use crate::catalogue::{Catalogue, Entry};
use crate::declaration::Scope;
use crate::finding::{Lang, Text};
use crate::model::Program;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// The programmes in the order `rules` lists them.
const PROGRAMMES: &[&str] = &["document", "cooperation", "challenge", "pack"];

/// The heading `rules` lists a programme's rules under.
fn heading(programme: &str) -> Text {
    match programme {
        "document" => text!("Document rules (every programme)", "文档规则（所有项目）"),
        "cooperation" => text!(
            "Cross-border co-operation programme (program: cooperation)",
            "跨境合作项目（program: cooperation）"
        ),
        "challenge" => text!(
            "Global Seller Challenge (program: challenge)",
            "全球卖家挑战赛（program: challenge）"
        ),
        _ => text!(
            "Rule packs (--checks, `checks:` in .selfcheck.yaml)",
            "规则包（--checks、.selfcheck.yaml 中的 `checks:`）"
        ),
    }
}

/// Every code with its severity and title, one per line, grouped by programme.
pub fn table(catalogue: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    let fix = text!(" (fix)", "（可修复）");
    for programme in PROGRAMMES {
        let entries: Vec<_> = catalogue
            .entries
            .values()
            .filter(|e| listed_under(e, programme))
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(heading(programme).get(lang));
        out.push('\n');
        for e in entries {
            let fix = if e.fixable { fix.get(lang) } else { "" };
            let word = e.severity.word();
            let severity = word.get(lang);
            // The severity column is 8 columns wide, whatever the width of the word's characters.
            let width = 8 + severity.chars().count() - severity.width().min(8);
            out.push_str(&format!(
                "  {:<7} {severity:<width$} {}{fix}\n",
                e.code,
                e.title.get(lang)
            ));
        }
    }
    out
}

/// Whether `rules` lists `e` under `programme`: its own programme's heading, and a rule that
/// runs for both programmes (the licence rules LIC001, LIC002, LIC004, LIC006, LIC007) under
/// the challenge's too.
fn listed_under(e: &Entry, programme: &str) -> bool {
    e.programme() == programme || programmes(e).contains(&programme)
}

/// The programmes a rule runs for (`document` and `pack` rules: every one).
fn programmes(e: &Entry) -> Vec<&'static str> {
    match e.scope {
        Scope::Document | Scope::Pack => vec![e.programme()],
        scope => [Program::Cooperation, Program::Challenge]
            .into_iter()
            .filter(|p| scope.runs_for(*p))
            .map(|p| p.as_str())
            .collect(),
    }
}

#[derive(Serialize)]
struct RuleRow<'a> {
    code: &'a str,
    severity: &'a str,
    programme: &'a str,
    /// Every programme the rule runs for (the licence rules: both).
    programmes: Vec<&'a str>,
    title: &'a str,
    fixable: bool,
}

pub fn table_json(catalogue: &Catalogue, lang: Lang) -> String {
    let rows: Vec<RuleRow> = catalogue
        .entries
        .values()
        .map(|e| RuleRow {
            code: &e.code,
            severity: e.severity.as_str(),
            programme: e.programme(),
            programmes: programmes(e),
            title: e.title.get(lang),
            fixable: e.fixable,
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
    s.push('\n');
    s
}

/// A rule's full documentation.
pub fn explain(e: &Entry, lang: Lang) -> String {
    let heading = match &e.retired {
        None => words::rule_heading(&e.code, e.severity, &e.title),
        Some(what) => words::retired_heading(&e.code, &e.title, what),
    };
    let mut out = format!("{}\n\n", heading.get(lang));
    let mut section = |heading: Text, body: &str| {
        out.push_str(&format!("{}\n  {body}\n\n", heading.get(lang)));
    };
    section(words::what_it_checks(), e.checks.get(lang));
    section(words::why(), e.why.get(lang));
    if let Some(fig) = &e.figure {
        section(words::figure(), fig.get(lang));
    }
    out.push_str(&format!("{}\n", words::example().get(lang)));
    for line in e.example.trim_end().lines() {
        out.push_str(&format!("  {}\n", example_line(line, lang)));
    }
    out.push_str(&format!(
        "\n{}\n  {}\n",
        words::how_to_fix().get(lang),
        e.how_to_fix.get(lang)
    ));
    out
}

/// The comments of the catalogue's examples in Chinese, by their English text: `explain --lang
/// zh` shows them so. A comment that is only a file name or code stays as it is; every comment of
/// every example has an entry (a unit test checks it).
const EXAMPLE_COMMENTS: &[(&str, &str)] = &[
    (".selfcheck.yaml", ".selfcheck.yaml"),
    (
        "License.yaml, beside license.yaml",
        "License.yaml，与 license.yaml 位于同一文件夹",
    ),
    ("1.8 × 80000 = 144000", "1.8 × 80000 = 144000"),
    ("24 days ahead; 30 are needed", "提前 24 天；须提前 30 天"),
    ("30 working days after T", "T 之后 30 个工作日"),
    ("MX is not covered", "未覆盖 MX"),
    (
        "Saudi Arabia works sun-thu",
        "沙特阿拉伯的工作日为周日至周四",
    ),
    ("T+30 is 2026-12-25", "T+30 为 2026-12-25"),
    (
        "US is a challenge-programme market",
        "US 是挑战赛项目的市场",
    ),
    (
        "a Word document renamed to .pdf",
        "改名为 .pdf 的 Word 文档",
    ),
    ("a photo, not a PDF", "是照片，不是 PDF"),
    ("a whole number is expected", "应为整数"),
    ("as of 2026-11-20", "基准日 2026-11-20"),
    (
        "compliance.yaml (as-of 2026-11-20)",
        "compliance.yaml（基准日 2026-11-20）",
    ),
    (
        "compliance.yaml — no ISO9001 entry",
        "compliance.yaml — 没有 ISO9001 条目",
    ),
    (
        "compliance.yaml — no entry for ES",
        "compliance.yaml — 没有 ES 的条目",
    ),
    (
        "compliance.yaml — nothing covers SA (SASO or GCC)",
        "compliance.yaml — 没有覆盖 SA 的证书（SASO 或 GCC）",
    ),
    ("customs.yaml", "customs.yaml"),
    (
        "customs.yaml (no declarations.csv); as-of date 2026-11-20",
        "customs.yaml（没有 declarations.csv）；基准日 2026-11-20",
    ),
    (
        "customs.yaml; as-of date 2026-11-20",
        "customs.yaml；基准日 2026-11-20",
    ),
    ("declarations.csv", "declarations.csv"),
    ("did you mean `postal_code`?", "是否应为 `postal_code`？"),
    (
        "four digits; Spanish codes have five",
        "四位数字；西班牙邮编为五位",
    ),
    (
        "fulfillment.yaml: no SA entry",
        "fulfillment.yaml：没有 SA 的条目",
    ),
    ("license.yaml", "license.yaml"),
    (
        "license.yaml, as `selfcheck init` wrote it",
        "license.yaml，保持 `selfcheck init` 生成时的样子",
    ),
    (
        "license.yaml, as of 2026-11-20",
        "license.yaml，基准日 2026-11-20",
    ),
    ("logistics.yaml", "logistics.yaml"),
    ("lower-case letters", "小写字母"),
    ("needs the prefix: CP 28009", "须带前缀：CP 28009"),
    ("no address for SA", "没有 SA 的地址"),
    ("no contact_name", "没有 contact_name"),
    ("no health_score_screenshot", "没有 health_score_screenshot"),
    ("no scan", "没有 scan"),
    ("not a measurable duration", "不是可衡量的时长"),
    ("plan.yaml", "plan.yaml"),
    (
        "registrations.yaml — nothing for PL",
        "registrations.yaml — 没有 PL 的登记",
    ),
    ("returns.yaml", "returns.yaml"),
    ("returns.yaml is missing", "缺少 returns.yaml"),
    ("rules: {CUS007: off}", "rules: {CUS007: off}"),
    (
        "selfcheck: ignore[RET003] already has its prefix",
        "selfcheck: ignore[RET003] 已带前缀",
    ),
    (
        "service.yaml: no `pt` entry, so Brazil is not covered",
        "service.yaml：没有 `pt` 条目，巴西未被覆盖",
    ),
    ("submission.yaml", "submission.yaml"),
    ("the address is for ES", "该地址属于 ES"),
    ("the check character should be M", "校验码应为 M"),
    (
        "the letter I instead of the digit 1",
        "字母 I 写在了数字 1 的位置",
    ),
    ("the limit is 120 minutes", "上限为 120 分钟"),
    ("the trade agent", "贸易代理"),
    ("there is no province 60", "没有编号为 60 的省份"),
    ("write +34 912 34 56 78", "应写作 +34 912 34 56 78"),
    ("write CEP 01310-100", "应写作 CEP 01310-100"),
    ("write Madrid", "应写作 Madrid"),
    ("year 2025", "2025 年"),
    ("…", "…"),
    ("市 missing", "缺少“市”"),
];

/// Where the comment of an example's line starts: a `#` at the start or after white space.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()))
}

/// An example's line with its comment in `lang`: the line as it is when its comment's words in
/// `lang` are the comment itself.
pub(crate) fn example_line(line: &str, lang: Lang) -> String {
    let Some(at) = comment_start(line) else {
        return line.to_owned();
    };
    let comment = line[at + 1..].trim();
    match EXAMPLE_COMMENTS.iter().find(|(en, _)| *en == comment) {
        Some(&(en, zh)) => {
            let words = Text::new(en, zh);
            match words.get(lang) {
                said if said == comment => line.to_owned(),
                said => format!("{}# {said}", &line[..at]),
            }
        }
        None => line.to_owned(),
    }
}

/// The whole checklist as a Markdown page (`docs/rules.md`), generated from the catalogue.
pub fn markdown(catalogue: &Catalogue) -> String {
    let mut out = String::from(
        "# The selfcheck checklist\n\n\
         Generated from `checks/` by `UPDATE_DOCS=1 cargo test --test it tooling::`; do not edit by hand.\n\
         `selfcheck explain CODE` shows the same text in English or Chinese (`--lang zh`).\n\n\
         | code | severity | title | 标题 | fix |\n|---|---|---|---|---|\n",
    );
    let entries = || catalogue.entries.values();
    for e in entries() {
        out.push_str(&format!(
            "| [{code}](#{lower}) | {sev} | {en} | {zh} | {fix} |\n",
            code = e.code,
            lower = e.code.to_lowercase(),
            sev = e.severity.as_str(),
            en = e.title.en,
            zh = e.title.zh,
            fix = if e.fixable { "yes" } else { "" },
        ));
    }
    for e in entries() {
        out.push_str(&format!(
            "\n## {}\n\n**{}** — {}  \n{}\n\n",
            e.code,
            e.severity.as_str(),
            e.title.en,
            e.title.zh
        ));
        out.push_str(&format!("{}\n\n{}\n\n", e.checks.en, e.checks.zh));
        out.push_str(&format!("*Why.* {}\n\n*原因：* {}\n\n", e.why.en, e.why.zh));
        if let Some(fig) = &e.figure {
            out.push_str(&format!(
                "*The programme's figure.* {}\n\n*项目数据：* {}\n\n",
                fig.en, fig.zh
            ));
        }
        out.push_str(&format!("```yaml\n{}\n```\n\n", e.example.trim_end()));
        out.push_str(&format!(
            "*How to fix.* {}\n\n*修改方法：* {}\n",
            e.how_to_fix.en, e.how_to_fix.zh
        ));
    }
    for e in catalogue.retired.values() {
        let what = e.retired.as_ref().map_or(("", ""), |w| (&w.en, &w.zh));
        out.push_str(&format!(
            "\n## {code}\n\n**retired** — {en}  \n{zh}\n\n{code} was {}. 已{}。 Its code is not reused. 其代码不会再用于其他规则。\n",
            what.0,
            what.1,
            code = e.code,
            en = e.title.en,
            zh = e.title.zh,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_comment_has_its_chinese() {
        let catalogue = Catalogue::builtin();
        for e in catalogue.entries.values() {
            for line in e.example.lines() {
                let Some(at) = comment_start(line) else {
                    continue;
                };
                let comment = line[at + 1..].trim();
                assert!(
                    EXAMPLE_COMMENTS.iter().any(|(en, _)| *en == comment),
                    "{}: no Chinese for the example comment {comment:?}",
                    e.code
                );
            }
        }
    }

    #[test]
    fn explain_shows_the_example_comments_in_the_language_asked() {
        let catalogue = Catalogue::builtin();
        let ret003 = catalogue.get("RET003").unwrap();
        let en = explain(ret003, Lang::En);
        let zh = explain(ret003, Lang::Zh);
        assert!(en.contains("# needs the prefix: CP 28009"), "{en}");
        assert!(zh.contains("# 须带前缀：CP 28009"), "{zh}");
        assert!(!zh.contains("needs the prefix"), "{zh}");
        // The YAML itself stays as it is.
        assert!(zh.contains("postal_code: \"28009\""), "{zh}");
    }
}
