//! A rule's documentation as Markdown in one language: what `selfcheck explain` says, for an
//! editor's hover (`selfcheck server`).

use super::catalogue::example_line;
use super::words;
use crate::catalogue::Entry;
use crate::finding::Lang;

/// `selfcheck explain CODE --lang LANG` as Markdown: the code, severity and title as a heading,
/// then what the rule checks, why, the programme's figure, the example (its comments in `lang`)
/// and how to fix.
pub fn explain(e: &Entry, lang: Lang) -> String {
    let heading = words::rule_heading(&e.code, e.severity, &e.title);
    let mut out = format!("### {}\n\n", heading.get(lang));
    let section = |out: &mut String, heading: crate::finding::Text, body: &str| {
        out.push_str(&format!("**{}**  \n{body}\n\n", heading.get(lang)));
    };
    section(&mut out, words::what_it_checks(), e.checks.get(lang));
    section(&mut out, words::why(), e.why.get(lang));
    if let Some(fig) = &e.figure {
        section(&mut out, words::figure(), fig.get(lang));
    }
    let example: Vec<String> = e
        .example
        .trim_end()
        .lines()
        .map(|line| example_line(line, lang))
        .collect();
    // A fence longer than any run of backticks in the example.
    let longest = example
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    out.push_str(&format!(
        "**{}**\n\n{fence}yaml\n{}\n{fence}\n\n",
        words::example().get(lang),
        example.join("\n")
    ));
    section(&mut out, words::how_to_fix(), e.how_to_fix.get(lang));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn a_rule_is_explained_in_markdown_in_the_language_asked() {
        let ret003 = Catalogue::builtin().get("RET003").unwrap();
        let en = explain(ret003, Lang::En);
        assert!(en.starts_with("### RET003 (error): "), "{en}");
        assert!(en.contains("**How to fix**"), "{en}");
        assert!(en.contains("```yaml\n"), "{en}");
        assert!(en.contains("# needs the prefix: CP 28009"), "{en}");
        let zh = explain(ret003, Lang::Zh);
        assert!(zh.starts_with("### RET003（错误）："), "{zh}");
        assert!(zh.contains("**修改方法**"), "{zh}");
        assert!(zh.contains("# 须带前缀：CP 28009"), "{zh}");
        assert!(!zh.contains("How to fix"), "{zh}");
    }
}
