//! Markdown: a rule's documentation in one language (what `selfcheck explain` says, for an
//! editor's hover, `selfcheck server`), and text a seller wrote made safe to put in a page
//! ([`escape`], for the job summary).

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

/// Text that may hold what a seller wrote, as Markdown inline text that GitHub and GitLab show
/// as written, whatever it holds:
/// - on one line, control and bidi characters shown escaped ([`crate::untrusted::line`]), line
///   breaks included, so it can start no heading, list or table row;
/// - every ASCII punctuation character escaped with a backslash, which CommonMark then shows as
///   itself: `|` cannot end a table cell, and `` ` ``, `[`, `<`, `*`, `_`, `~`, `&` and `\` start
///   no code, link, HTML, emphasis or entity; with `:` and `.` escaped, GitHub's extended
///   autolinks (`https://…`, `www.…`) do not form either;
/// - a word joiner (U+2060, invisible) after each `@`: GitHub and GitLab make an e-mail address
///   a link and `@name` a mention however it is escaped, never across it.
pub fn escape(s: &str) -> String {
    let shown = crate::untrusted::line(s);
    let mut out = String::with_capacity(shown.len() + shown.len() / 4);
    for c in shown.chars() {
        if c.is_ascii_punctuation() && c != '@' {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push('\u{2060}');
        }
    }
    out
}

/// A text of selfcheck's catalogue (a rule's title, a figure) for Markdown: its `` `quoted` ``
/// parts as code where each is plain (letters, digits, spaces and `_ . : / + -`), the rest
/// escaped as [`escape`] does; anything else, the whole text escaped.
pub fn quoted_as_code(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let plain = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || " _.:/+-".contains(c))
    };
    let odd_parts_plain = parts.iter().skip(1).step_by(2).all(|p| plain(p));
    if parts.len().is_multiple_of(2) || parts.len() == 1 || !odd_parts_plain {
        return escape(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| match i % 2 {
            1 => format!("`{p}`"),
            _ => escape(p),
        })
        .collect()
}

/// `s` cut to its first `max` characters, `…` marking the cut.
pub fn cut(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]).into(),
        None => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    #[test]
    fn a_catalogue_text_shows_its_plain_quoted_parts_as_code() {
        assert_eq!(
            quoted_as_code("postal code in Spain lacks its `CP` prefix"),
            "postal code in Spain lacks its `CP` prefix"
        );
        assert_eq!(quoted_as_code("no `valid_until`."), r"no `valid_until`\.");
        // Anything but plain text between the backticks: escaped whole.
        assert_eq!(quoted_as_code("a `x|y` b"), r"a \`x\|y\` b");
        assert_eq!(quoted_as_code("a `[l](u)` b"), r"a \`\[l\]\(u\)\` b");
        assert_eq!(quoted_as_code("one ` backtick"), r"one \` backtick");
        assert_eq!(quoted_as_code("empty `` code"), r"empty \`\` code");
    }

    #[test]
    fn seller_text_is_escaped_for_markdown() {
        assert_eq!(
            escape("a|b `c` [d](e) <f> *g* _h_"),
            r"a\|b \`c\` \[d\]\(e\) \<f\> \*g\* \_h\_"
        );
        assert_eq!(escape("x\n# y\r- z"), r"x\\u\{a\}\# y\\u\{d\}\- z");
        assert_eq!(escape("&amp; \\"), r"\&amp\; \\");
        assert_eq!(escape("https://e.example"), r"https\:\/\/e\.example");
        assert_eq!(escape("a@b.cn"), "a@\u{2060}b\\.cn");
        assert_eq!(escape("深圳市华彩（科技）"), "深圳市华彩（科技）");
    }

    #[test]
    fn text_is_cut_by_characters() {
        assert_eq!(cut("深圳市华彩", 3), "深圳市…");
        assert_eq!(cut("深圳市", 3), "深圳市");
        assert_eq!(cut("", 0), "");
    }

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
