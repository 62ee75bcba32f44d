//! `selfcheck rules` and `selfcheck explain`: the catalogue as a table and as a page.

use crate::catalogue::{Catalogue, Entry};
use crate::finding::Lang;
use serde::Serialize;

/// The programmes in the order `rules` lists them, with their headings.
const PROGRAMMES: &[(&str, &str, &str)] = &[
    (
        "document",
        "Document rules (every programme)",
        "文档规则（所有项目）",
    ),
    (
        "cooperation",
        "Cross-border co-operation programme (program: cooperation)",
        "跨境合作项目（program: cooperation）",
    ),
    (
        "challenge",
        "Global Seller Challenge (program: challenge)",
        "全球卖家挑战赛（program: challenge）",
    ),
    (
        "pack",
        "Rule packs (--checks, `checks:` in .selfcheck.yaml)",
        "规则包（--checks、.selfcheck.yaml 中的 `checks:`）",
    ),
];

/// Every code with its severity and title, one per line, grouped by programme.
pub fn table(catalogue: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    for (programme, en, zh) in PROGRAMMES {
        let entries: Vec<_> = catalogue
            .entries
            .values()
            .filter(|e| e.programme == *programme)
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(if lang == Lang::Zh { zh } else { en });
        out.push('\n');
        for e in entries {
            let fix = if e.fixable { " (fix)" } else { "" };
            out.push_str(&format!(
                "  {:<7} {:<8} {}{fix}\n",
                e.code,
                e.severity.as_str(),
                e.title.get(lang)
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct RuleRow<'a> {
    code: &'a str,
    severity: &'a str,
    programme: &'a str,
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
            programme: &e.programme,
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
    let h = |en: &'static str, zh: &'static str| if lang == Lang::Zh { zh } else { en };
    let mut out = format!(
        "{} ({}): {}\n\n",
        e.code,
        e.severity.as_str(),
        e.title.get(lang)
    );
    out.push_str(&format!(
        "{}\n  {}\n\n",
        h("What it checks", "检查内容"),
        e.checks.get(lang)
    ));
    out.push_str(&format!("{}\n  {}\n\n", h("Why", "原因"), e.why.get(lang)));
    if let Some(fig) = &e.figure {
        out.push_str(&format!(
            "{}\n  {}\n\n",
            h("The programme's figure", "项目公布的数据"),
            fig.get(lang)
        ));
    }
    out.push_str(&format!("{}\n", h("Example", "示例")));
    for line in e.example.trim_end().lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str(&format!(
        "\n{}\n  {}\n",
        h("How to fix", "修改方法"),
        e.how_to_fix.get(lang)
    ));
    out
}

/// The whole checklist as a Markdown page (`docs/rules.md`), generated from the catalogue.
pub fn markdown(catalogue: &Catalogue) -> String {
    let mut out = String::from(
        "# The selfcheck checklist\n\n\
         Generated from `checks/` by `UPDATE_DOCS=1 cargo test --test tooling`; do not edit by hand.\n\
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
    out
}
