//! `--format html`: one self-contained page for the run, for the people who fix what was found.
//!
//! The page opens with an overview — the run's as-of date and configuration, how many
//! submissions passed and failed, the codes by count next to the programme's own figures, the
//! counts per market — and then shows each submission: a status badge, each finding with the
//! seller's own lines and the value marked, the other document's lines for a rule that relates
//! two, help, note and the fix as a before → after. Suppressed findings are shown apart with
//! their reasons; each code links to its rule's full explanation, embedded once at the end.
//!
//! The overview's numbers are known only at the end, so submissions are rendered as they come
//! into an unnamed temporary file (gone when closed, even after a crash) and only counted here;
//! [`Sink::finish`] writes the head and the overview, copies the submissions after them and
//! closes the page. Memory holds one submission and the counts, whatever the size of the run.
//!
//! Rendered with maud, which escapes every value it is given: seller text can only ever be text.
//! Seller text is also shown as human output shows it (control and bidi characters escaped,
//! [`untrusted`]), so no value can reorder what a reader sees. No script, no font, no image and
//! no link leaves the page. Without a stylesheet the page still reads top to bottom; with the
//! print stylesheet each submission starts on a new page.
//!
//! The page is made in four parts: [`sink`] takes the run's submissions as they come, [`tally`]
//! counts what the overview says, [`excerpt`] cuts the seller's lines around a value, and
//! [`page`] writes the page (its stylesheet is `page.css`).

mod excerpt;
mod page;
mod sink;
mod submission;
mod tally;

pub use sink::Html;

use crate::finding::{Lang, Severity};
use crate::model::Date;
use crate::report::Counts;
use crate::run::SubmissionReport;
use crate::untrusted;
use maud::{Markup, html};

/// Source lines longer than this (in bytes) are shown as a window around the value.
pub(super) const MAX_SHOWN_LINE: usize = 160;
/// How much of a long line is shown before the value.
pub(super) const CONTEXT_BEFORE: usize = 48;
/// A value spanning more lines shows its first [`HEAD_LINES`] and last [`TAIL_LINES`].
pub(super) const HEAD_LINES: usize = 3;
pub(super) const TAIL_LINES: usize = 2;
/// How many markets and configurations the overview counts one by one; the rest are summed.
pub(super) const MAX_MARKETS: usize = 60;
pub(super) const MAX_CONFIGS: usize = 12;
/// How many markets of one submission are shown in its heading.
pub(super) const MARKETS_SHOWN: usize = 16;
/// How many of the submissions that break first the overview lists.
pub(super) const NEXT_BREAKS: usize = 10;

/// Where the submissions go in the page: written in place of this comment, which no escaped
/// text can contain.
pub(super) const SUBMISSIONS_HERE: &str = "<!--submissions-->";

/// `en` or `zh`.
pub(super) fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Whether `s` can name a CSS class and an id as it is: rule codes and market codes.
pub(super) fn is_plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The submission's markets, each once, as written (shown escaped).
pub(super) fn market_codes(sub: &SubmissionReport) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for m in sub.loaded.markets() {
        let code = m.value.trim();
        if !code.is_empty() && !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    }
    codes
}

/// Text that may hold the seller's values, shown safely, with `` `quoted` `` parts as code.
pub(super) fn rich(s: &str) -> Markup {
    let shown = untrusted::line(s);
    let parts: Vec<&str> = shown.split('`').collect();
    // An odd number of backticks quotes nothing: the text is shown as it is.
    if parts.len().is_multiple_of(2) {
        return html! { (shown) };
    }
    html! {
        @for (i, part) in parts.iter().enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

pub(super) fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => tr(lang, "error", "错误"),
        Severity::Warning => tr(lang, "warning", "警告"),
        Severity::Info => tr(lang, "info", "提示"),
    }
}

/// `ES Spain`: the code as written, and its name where the market table knows it.
pub(super) fn market_name(code: &str, lang: Lang) -> String {
    let shown = untrusted::line(code);
    match crate::markets::builtin().get(code) {
        Some(m) => format!("{shown} {}", m.name.get(lang)),
        None => shown.into_owned(),
    }
}

pub(super) fn config_name(config: &Option<String>, lang: Lang) -> String {
    match config {
        Some(path) => untrusted::line(path).into_owned(),
        None => tr(lang, "the built-in defaults", "内置默认设置").to_owned(),
    }
}

pub(super) fn programme(program: &str, lang: Lang) -> &'static str {
    match program {
        "challenge" => tr(lang, "Global Seller Challenge", "全球卖家挑战赛"),
        _ => tr(lang, "Co-operation programme", "跨境合作项目"),
    }
}

/// `2 errors · 1 warning`, or that nothing was found.
pub(super) fn counts_text(c: Counts, lang: Lang) -> String {
    if c.is_empty() {
        return tr(lang, "no findings", "无问题").to_owned();
    }
    let mut parts = Vec::new();
    for (n, one, many, zh) in [
        (c.error, "error", "errors", "错误"),
        (c.warning, "warning", "warnings", "警告"),
        (c.info, "info", "info", "提示"),
    ] {
        if n > 0 {
            let n_text = crate::finding::group_thousands(&n.to_string());
            parts.push(match lang {
                Lang::En => format!("{n_text} {}", if n == 1 { one } else { many }),
                Lang::Zh => format!("{zh} {n_text}"),
            });
        }
    }
    parts.join(" · ")
}

/// `valid until 2027-02-02`, that the submission holds through the horizon, or that it fails
/// now (its verdict).
pub(super) fn outlook_text(outlook: crate::report::Outlook, passes: bool, lang: Lang) -> String {
    if !passes {
        return tr(lang, "fails now", "当前即不通过").to_owned();
    }
    match (outlook.valid_until(), lang) {
        (Some(d), Lang::En) => format!("valid until {d}"),
        (Some(d), Lang::Zh) => format!("有效至 {d}"),
        (None, Lang::En) => format!("holds through {}", outlook.horizon_end),
        (None, Lang::Zh) => format!("至 {} 仍然有效", outlook.horizon_end),
    }
}

pub(super) fn group(n: usize) -> String {
    crate::finding::group_thousands(&n.to_string())
}

pub(super) fn percent(part: usize, whole: usize) -> String {
    format!("{}%", (part * 100 + whole / 2) / whole.max(1))
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

pub(super) fn as_of_text(run: Option<Date>, seen: Option<(Date, Date)>, lang: Lang) -> String {
    match (run, seen) {
        (Some(d), _) => match lang {
            Lang::En => format!("{d} (--today), for every submission"),
            Lang::Zh => format!("{d}（--today），适用于每份提交"),
        },
        (None, Some((low, high))) if low == high => match lang {
            Lang::En => format!("{low}"),
            Lang::Zh => format!("{low}"),
        },
        (None, Some((low, high))) => match lang {
            Lang::En => format!("each submission's own, from {low} to {high}"),
            Lang::Zh => format!("各提交自身的日期，{low} 至 {high}"),
        },
        (None, None) => "—".to_owned(),
    }
}

pub(super) fn fail_on_text(fail_on: Option<Severity>, lang: Lang) -> &'static str {
    match fail_on {
        Some(Severity::Error) => tr(lang, "an error", "有错误"),
        Some(Severity::Warning) => tr(lang, "an error or a warning", "有错误或警告"),
        Some(Severity::Info) => tr(lang, "any finding", "有任何问题"),
        None => tr(
            lang,
            "nothing (--fail-on never)",
            "从不判定未通过（--fail-on never）",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt::*;
    use super::page::figure;
    use super::sink::*;
    use super::*;
    use crate::finding::Place;
    use crate::render::{Settings, Sink};
    use crate::report::Summary;
    use crate::source::{FileId, SourceDb, Span};
    use std::ops::Range;

    /// The excerpt of `span` (bytes) in `text`, as `[mark]` text lines: `[…]` cuts, `⋮` gaps.
    fn excerpt(text: &str, span: Range<usize>) -> Vec<String> {
        let mut db = SourceDb::default();
        let id = db.add("f.yaml", Some(text.to_owned()));
        let file = db.get(id);
        let ex = Excerpt::of(file, text, Span::new(FileId(id.0), span));
        ex.lines
            .iter()
            .map(|line| match line {
                Line::Gap => "⋮".to_owned(),
                Line::Text { number, pieces } => {
                    let mut s = format!("{number}|");
                    for p in pieces {
                        match p {
                            Piece::Plain(t) => s.push_str(t),
                            Piece::Marked(t) => s.push_str(&format!("[{t}]")),
                            Piece::Elided => s.push('…'),
                        }
                    }
                    s
                }
            })
            .collect()
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn the_value_is_marked_by_characters_with_cjk_text() {
        let text =
            "entity_name: 深圳市华彩科技有限公司\nconsignor_name: 深圳市华彩供应链有限公司\n";
        assert_eq!(
            excerpt(text, at(text, "华彩供应链")),
            ["2|consignor_name: 深圳市[华彩供应链]有限公司"]
        );
        // Rendered, the mark holds exactly those characters.
        let mut db = SourceDb::default();
        let id = db.add("customs.yaml", Some(text.to_owned()));
        let markup = place(
            db.get(id),
            Place::Span(Span::new(id, at(text, "华彩供应链"))),
            "customs.yaml:2:20",
            None,
            true,
        )
        .into_string();
        assert!(
            markup.contains("深圳市<mark>华彩供应链</mark>有限公司"),
            "{markup}"
        );
    }

    #[test]
    fn line_ends_controls_and_a_lone_cr_are_shown_safely() {
        let text = "a: 1\r\nb: \u{1b}[2J\rx <i>\r\n";
        assert_eq!(excerpt(text, at(text, "1")), ["1|a: [1]"]);
        assert_eq!(excerpt(text, at(text, "x")), ["2|b: \\u{1b}[2J\\r[x] <i>"]);
        let mut db = SourceDb::default();
        let id = db.add("f.yaml", Some(text.to_owned()));
        let markup = place(
            db.get(id),
            Place::Span(Span::new(id, at(text, "x"))),
            "f.yaml:2:15",
            Some("`<i>` here"),
            false,
        )
        .into_string();
        assert!(markup.contains("<mark>x</mark> &lt;i&gt;"), "{markup}");
        assert!(markup.contains("<code>&lt;i&gt;</code> here"), "{markup}");
        assert!(!markup.contains('\u{1b}'), "{markup}");
    }

    #[test]
    fn a_long_line_is_a_window_around_the_value() {
        let text = format!(
            "key: {}VALUE{}\nnext: 1\n",
            "a".repeat(5000),
            "b".repeat(5000)
        );
        let lines = excerpt(&text, at(&text, "VALUE"));
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(line.starts_with("1|…"), "{line}");
        assert!(line.ends_with('…'), "{line}");
        assert!(
            line.contains(&format!("{}[VALUE]b", "a".repeat(CONTEXT_BEFORE))),
            "{line}"
        );
        assert!(line.len() < MAX_SHOWN_LINE + 20, "{}", line.len());
    }

    #[test]
    fn a_value_over_many_lines_shows_its_first_and_last_lines() {
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let span = text.find("line 2").unwrap()..text.find("line 19").unwrap() + 7;
        assert_eq!(
            excerpt(&text, span),
            [
                "2|[line 2]",
                "3|[line 3]",
                "4|[line 4]",
                "⋮",
                "18|[line 18]",
                "19|[line 19]"
            ]
        );
        let span = text.find("line 2").unwrap()..text.find("line 4").unwrap() + 6;
        assert_eq!(
            excerpt(&text, span),
            ["2|[line 2]", "3|[line 3]", "4|[line 4]"]
        );
        // Ending with its line end, a value is on its own lines.
        let span = text.find("line 5").unwrap()..text.find("line 7").unwrap();
        assert_eq!(excerpt(&text, span), ["5|[line 5]", "6|[line 6]"]);
    }

    #[test]
    fn an_empty_value_is_marked_where_it_would_be() {
        let text = "a: \nb: 1";
        assert_eq!(excerpt(text, 3..3), ["1|a: []"]);
        assert_eq!(excerpt(text, text.len()..text.len()), ["2|b: 1[]"]);
    }

    #[test]
    fn quoted_parts_are_code_and_everything_is_escaped() {
        assert_eq!(
            rich("write `CP 28009` <b>").into_string(),
            "write <code>CP 28009</code> &lt;b&gt;"
        );
        assert_eq!(rich("one ` alone").into_string(), "one ` alone");
        assert_eq!(
            figure("2024 年上半年 41.7% 的失败申请").into_string(),
            "2024 年上半年 <strong>41.7%</strong> 的失败申请"
        );
        assert_eq!(
            figure("Optional, adds 0.5").into_string(),
            "Optional, adds 0.5"
        );
    }

    #[test]
    fn submissions_wait_in_a_file_and_the_overview_comes_first() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let sub = crate::run::lint_submission(&dir, &crate::Options::default());
        let settings = Settings::new(Lang::Zh);
        let mut out = Vec::new();
        {
            let mut sink = Html::start(Box::new(&mut out), &settings).unwrap();
            sink.submission(&sub).unwrap();
            sink.submission(&sub).unwrap();
            assert_eq!(sink.tally.submissions, 2);
            Box::new(sink)
                .finish(&Summary {
                    as_of: None,
                    counts: Counts::default(),
                    submissions: 2,
                    failing: 0,
                    fail_on: Some(Severity::Error),
                })
                .unwrap();
        }
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"zh-Hans\">"));
        assert!(!page.contains(SUBMISSIONS_HERE));
        let overview = page.find("id=\"overview\"").unwrap();
        let first = page.find("id=\"s1\"").unwrap();
        let second = page.find("id=\"s2\"").unwrap();
        assert!(overview < first && first < second);
        assert!(page.contains("<span class=\"n\">2</span><span class=\"l\">份通过</span>"));
        assert!(page.ends_with("</html>"));
    }
}
