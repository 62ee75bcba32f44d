//! The page: head, overview (run, pass and fail, codes with the programme's figures, markets,
//! next breaks), the place of the submissions, and the rules explained once at the end.

use super::tally::{CodeTally, MarketTally, Tally};
use super::*;
use crate::catalogue::Entry;
use crate::finding::Severity;
use crate::render::Settings;
use crate::report::Summary;
use crate::untrusted;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The page's own stylesheet: system fonts only, nothing fetched; screen and print.
const STYLE: &str = include_str!("page.css");

pub(super) fn page(t: &Tally, summary: &Summary, settings: &Settings) -> Markup {
    let lang = settings.lang;
    let passed = t.submissions - t.failing;
    let heading = tr(lang, "selfcheck report", "selfcheck 检查报告");
    let doc_title = match lang {
        _ if t.submissions == 0 => {
            format!("{heading}{}", tr(lang, ": no submission", "：没有提交"))
        }
        Lang::En => format!(
            "{heading}: {} of {} failing",
            t.failing,
            plural(t.submissions, "submission", "submissions")
        ),
        Lang::Zh => format!(
            "{heading}：{} 份提交中 {} 份未通过",
            t.submissions, t.failing
        ),
    };
    let mut codes: Vec<(&String, &CodeTally)> = t.codes.iter().collect();
    codes.sort_by(|a, b| {
        (b.1.failing, b.1.findings)
            .cmp(&(a.1.failing, a.1.findings))
            .then(a.0.cmp(b.0))
    });
    let mut markets: Vec<(&String, &MarketTally)> = t.markets.iter().collect();
    markets.sort_by(|a, b| b.1.submissions.cmp(&a.1.submissions).then(a.0.cmp(b.0)));
    let catalogue = &settings.catalogue;
    // The co-operation programme first, as `selfcheck rules` lists them.
    let mut programmes: Vec<(&&str, &usize)> = t.programmes.iter().collect();
    programmes.sort_by_key(|(p, _)| **p != "cooperation");
    html! {
        (DOCTYPE)
        html lang=(tr(lang, "en", "zh-Hans")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ "selfcheck " (env!("CARGO_PKG_VERSION")) };
                title { (doc_title) }
                style { (PreEscaped(STYLE)) (PreEscaped(filters_css(t))) }
            }
            body {
                header.top #top {
                    h1 { (heading) }
                    p.lede {
                        (tr(lang,
                            "Seller submissions checked before review. Each submission below shows what to fix, on its own lines.",
                            "提交审核前的卖家资料自检。下方每份提交都在其原文中标出需要修改之处。"))
                    }
                }
                section.overview #overview aria-label=(tr(lang, "Overview", "概览")) {
                    div.tiles {
                        a.tile href="#submissions" {
                            span.n { (group(t.submissions)) }
                            span.l { (tr(lang, "submissions linted", "份提交已检查")) }
                        }
                        a.tile.pass href="#only-passed" {
                            span.n { (group(passed)) }
                            span.l { (tr(lang, "passed", "份通过")) }
                        }
                        a.tile.fail href="#only-failing" {
                            span.n { (group(t.failing)) }
                            span.l { (tr(lang, "failing", "份未通过")) }
                        }
                        div.tile.counts {
                            span.n { (group(summary.counts.error + summary.counts.warning + summary.counts.info)) }
                            span.l { (tr(lang, "findings", "个问题")) }
                            span.split {
                                span.sev.error.zero[summary.counts.error == 0] { (severity_name(Severity::Error, lang)) " " (group(summary.counts.error)) }
                                " "
                                span.sev.warning.zero[summary.counts.warning == 0] { (severity_name(Severity::Warning, lang)) " " (group(summary.counts.warning)) }
                                " "
                                span.sev.info.zero[summary.counts.info == 0] { (severity_name(Severity::Info, lang)) " " (group(summary.counts.info)) }
                            }
                        }
                    }
                    dl.run {
                        dt { (tr(lang, "As of", "基准日期")) }
                        dd { (as_of_text(summary.as_of, t.as_of, lang)) }
                        dt { (tr(lang, "Configuration", "配置")) }
                        dd { (configs_text(t, lang)) }
                        dt { (tr(lang, "A submission fails on", "判定未通过")) }
                        dd { (fail_on_text(summary.fail_on, lang)) }
                        @if !settings.select.is_empty() || !settings.ignore.is_empty() {
                            dt { (tr(lang, "Rules", "规则")) }
                            dd { (selection_text(settings, lang)) }
                        }
                        @if let Some((k, n)) = settings.shard {
                            dt { (tr(lang, "Shard", "分片")) }
                            dd {
                                (match lang {
                                    Lang::En => format!("{k} of {n}: this page shows one of {n} slices of the submissions found"),
                                    Lang::Zh => format!("第 {k} 片，共 {n} 片：本页只含所找到提交的其中一片"),
                                })
                            }
                        }
                        dt { (tr(lang, "Programmes", "项目")) }
                        dd {
                            @if programmes.is_empty() { "—" }
                            @for (i, (p, n)) in programmes.iter().enumerate() {
                                @if i > 0 { (tr(lang, " · ", " · ")) }
                                (programme(p, lang))
                                (match lang {
                                    Lang::En => format!(": {}", plural(**n, "submission", "submissions")),
                                    Lang::Zh => format!("：{} 份", group(**n)),
                                })
                            }
                        }
                        @if t.suppressed > 0 {
                            dt { (tr(lang, "Suppressed", "已屏蔽")) }
                            dd {
                                (match lang {
                                    Lang::En => format!("{} by inline comments, shown apart and not counted", plural(t.suppressed, "finding", "findings")),
                                    Lang::Zh => format!("{} 个问题已通过行内注释屏蔽，单独列出，不计入", t.suppressed),
                                })
                            }
                        }
                    }
                    @if t.forecast {
                        h2 { (tr(lang, "Next to break", "即将失效的提交")) }
                        @if t.next_breaks.is_empty() {
                            p.none {
                                (match lang {
                                    Lang::En => format!("No submission gains a failing finding within {} days of its as-of date.", crate::report::Horizon::DEFAULT.days),
                                    Lang::Zh => format!("所有提交在各自基准日期后 {} 天内都不会新增导致未通过的问题。", crate::report::Horizon::DEFAULT.days),
                                })
                            }
                        } @else {
                            table.next-breaks {
                                thead {
                                    tr {
                                        th { (tr(lang, "Submission", "提交")) }
                                        th { (tr(lang, "Valid until", "有效至")) }
                                        th { (tr(lang, "Breaks on", "失效日期")) }
                                    }
                                }
                                tbody {
                                    @for (on, path, index) in &t.next_breaks {
                                        tr {
                                            td { a href={ "#s" (index) } { (untrusted::line(path)) } }
                                            td { (on.add_days(-1).to_string()) }
                                            td { (on.to_string()) }
                                        }
                                    }
                                }
                            }
                            p.hint {
                                (tr(lang,
                                    "The first date on which each submission gains a finding that fails it, with nothing edited (dates in declarations, licences, certificates and the challenge's deadlines); selfcheck forecast says why.",
                                    "在不做任何修改的情况下，各提交首次新增导致未通过的问题的日期（报关单、许可证、证书及挑战赛期限中的日期）；原因可用 selfcheck forecast 命令查看。"))
                            }
                        }
                    }
                    h2 { (tr(lang, "Top reasons in this run", "本次检查的主要问题")) }
                    @if codes.is_empty() {
                        p.none { (tr(lang, "Nothing was found.", "未发现问题。")) }
                    } @else {
                        table.reasons {
                            thead {
                                tr {
                                    th { (tr(lang, "Code", "代码")) }
                                    th { (tr(lang, "Rule", "规则")) }
                                    th.num { (tr(lang, "Findings", "问题数")) }
                                    th.num { (tr(lang, "Failing submissions with it", "含此问题的未通过提交")) }
                                    th { (tr(lang, "The programme's figure", "项目公布的数据")) }
                                }
                            }
                            tbody {
                                @for (code, c) in &codes {
                                    @let entry = catalogue.get(code);
                                    tr {
                                        td.code-cell {
                                            @if let Some(s) = c.severity {
                                                span class={ "dot " (s.as_str()) } title=(severity_name(s, lang)) {}
                                            }
                                            @if is_plain_name(code) {
                                                a href={ "#only-" (code) } { (code) }
                                            } @else {
                                                (code)
                                            }
                                        }
                                        td { @if let Some(e) = entry { (rich(e.title.get(lang))) } }
                                        td.num { (group(c.findings)) }
                                        td.num {
                                            (group(c.failing))
                                            @if t.failing > 0 && c.failing > 0 {
                                                " " span.share { "(" (percent(c.failing, t.failing)) ")" }
                                            }
                                        }
                                        td.figure {
                                            @if let Some(fig) = entry.and_then(|e| e.figure.as_ref()) {
                                                (figure(fig.get(lang)))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        p.hint {
                            (tr(lang,
                                "A code shows only the submissions with it; the percentage is its share of this run's failing submissions, beside the programme's own figure.",
                                "点击代码只显示含该问题的提交；百分比为本次未通过提交中含该问题的比例，可与项目公布的数据对照。"))
                        }
                    }
                    h2 { (tr(lang, "Submissions by market", "按目标市场统计")) }
                    @if markets.is_empty() && t.no_market.submissions == 0 {
                        p.none { (tr(lang, "No submission was linted.", "没有检查任何提交。")) }
                    } @else {
                        table.markets {
                            thead {
                                tr {
                                    th { (tr(lang, "Market", "市场")) }
                                    th.num { (tr(lang, "Submissions", "提交")) }
                                    th.num { (tr(lang, "Passed", "通过")) }
                                    th.num { (tr(lang, "Failing", "未通过")) }
                                }
                            }
                            tbody {
                                @for (code, m) in &markets {
                                    tr {
                                        td {
                                            @if is_plain_name(code) {
                                                a href={ "#only-m-" (code) } { (market_name(code, lang)) }
                                            } @else {
                                                (market_name(code, lang))
                                            }
                                        }
                                        (market_cells(m))
                                    }
                                }
                                @if t.other_markets.submissions > 0 {
                                    tr { td { (tr(lang, "other markets", "其他市场")) } (market_cells(&t.other_markets)) }
                                }
                                @if t.no_market.submissions > 0 {
                                    tr { td { (tr(lang, "no market named", "未填写市场")) } (market_cells(&t.no_market)) }
                                }
                            }
                        }
                    }
                }
                (filter_notes(&codes, &markets, settings))
                main #submissions {
                    h2.list-head { (tr(lang, "Submissions", "各份提交")) }
                    (PreEscaped(SUBMISSIONS_HERE))
                }
                @if !t.explained.is_empty() {
                    section.rules #rules {
                        h2 { (tr(lang, "The rules in this report", "本报告涉及的规则")) }
                        @for code in &t.explained {
                            @if let Some(entry) = catalogue.get(code) {
                                (rule(entry, lang))
                            }
                        }
                    }
                }
                footer {
                    p {
                        "selfcheck " (env!("CARGO_PKG_VERSION")) " · "
                        (tr(lang,
                            "one self-contained page: it can be mailed, printed (each submission on its own pages) or saved as PDF.",
                            "单个独立页面：可直接发送邮件、打印（每份提交另起一页）或存为 PDF。"))
                    }
                }
            }
        }
    }
}

pub(super) fn market_cells(m: &MarketTally) -> Markup {
    html! {
        td.num { (group(m.submissions)) }
        td.num { (group(m.submissions - m.failing)) }
        td.num.failing[m.failing > 0] { (group(m.failing)) }
    }
}

/// The notes shown when the page is narrowed to one code, market or status (`#only-…` in the
/// address): CSS shows the note and hides what does not match. They stand right before the
/// submissions, so following a link lands on the list.
pub(super) fn filter_notes(
    codes: &[(&String, &CodeTally)],
    markets: &[(&String, &MarketTally)],
    settings: &Settings,
) -> Markup {
    let lang = settings.lang;
    let all = tr(lang, "Show every submission", "显示全部提交");
    html! {
        div.only #only-failing {
            p { (tr(lang, "Showing the failing submissions.", "仅显示未通过的提交。")) " " a href="#submissions" { (all) } }
        }
        div.only #only-passed {
            p { (tr(lang, "Showing the submissions that pass.", "仅显示通过的提交。")) " " a href="#submissions" { (all) } }
        }
        @for (code, c) in codes.iter().filter(|(code, _)| is_plain_name(code)) {
            div.only id={ "only-" (code) } {
                p {
                    (match lang {
                        Lang::En => format!("Showing the submissions with {code}: {} in {}.",
                            plural(c.findings, "finding", "findings"),
                            plural(c.submissions, "submission", "submissions")),
                        Lang::Zh => format!("仅显示含 {code} 的提交：共 {} 个问题，涉及 {} 份提交。", c.findings, c.submissions),
                    })
                    " " a href="#submissions" { (all) }
                }
            }
        }
        @for (code, m) in markets.iter().filter(|(code, _)| is_plain_name(code)) {
            div.only id={ "only-m-" (code) } {
                p {
                    (match lang {
                        Lang::En => format!("Showing the submissions for {}: {} of {} failing.", market_name(code, lang), m.failing, m.submissions),
                        Lang::Zh => format!("仅显示目标市场含 {} 的提交：{} 份中 {} 份未通过。", market_name(code, lang), m.submissions, m.failing),
                    })
                    " " a href="#submissions" { (all) }
                }
            }
        }
    }
}

/// The rules that narrow the page: `#only-CUS007:target ~ main .sub:not(.c-CUS007)` hides the
/// others. Only codes and markets that are plain names get one.
pub(super) fn filters_css(t: &Tally) -> String {
    let mut css = String::new();
    for code in t.codes.keys().filter(|c| is_plain_name(c)) {
        css.push_str(&format!(
            "#only-{code}:target~main .sub:not(.c-{code}),#only-{code}:target~main .finding:not(.c-{code}){{display:none}}\n"
        ));
    }
    for market in t.markets.keys().filter(|m| is_plain_name(m)) {
        css.push_str(&format!(
            "#only-m-{market}:target~main .sub:not(.m-{market}){{display:none}}\n"
        ));
    }
    css
}

/// A rule's full documentation, as `selfcheck explain` gives it.
pub(super) fn rule(e: &Entry, lang: Lang) -> Markup {
    html! {
        article.rule id={ "rule-" (e.code) } {
            h3 {
                span class={ "sev " (e.severity.as_str()) } { (severity_name(e.severity, lang)) }
                " " span.code { (e.code) } " "
                (rich(e.title.get(lang)))
            }
            dl {
                dt { (tr(lang, "What it checks", "检查内容")) }
                dd { (rich(e.checks.get(lang))) }
                dt { (tr(lang, "Why", "原因")) }
                dd { (rich(e.why.get(lang))) }
                @if let Some(fig) = &e.figure {
                    dt { (tr(lang, "The programme's figure", "项目公布的数据")) }
                    dd { (figure(fig.get(lang))) }
                }
                dt { (tr(lang, "Example", "示例")) }
                dd { pre.example { (untrusted::source(e.example.trim_end())) } }
                dt { (tr(lang, "How to fix", "修改方法")) }
                dd { (rich(e.how_to_fix.get(lang))) }
            }
        }
    }
}

/// A figure with its leading percentage in bold: **41.7%** of failed applications….
pub(super) fn figure(text: &str) -> Markup {
    let shown = untrusted::line(text);
    let split = shown.find('%').filter(|&i| {
        let number = shown[..i].rsplit(' ').next().unwrap_or("");
        !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit() || c == '.')
            && shown[..i].len() - number.len() < 24
    });
    match split {
        Some(i) => {
            let number_start = shown[..i].rfind(' ').map_or(0, |s| s + 1);
            html! {
                (rich(&shown[..number_start]))
                strong { (&shown[number_start..=i]) }
                (rich(&shown[i + 1..]))
            }
        }
        None => rich(&shown),
    }
}

pub(super) fn configs_text(t: &Tally, lang: Lang) -> String {
    if t.configs.is_empty() {
        return "—".to_owned();
    }
    if let [(config, _)] = t.configs.as_slice()
        && t.other_configs == 0
    {
        return config_name(config, lang);
    }
    let mut parts: Vec<String> = t
        .configs
        .iter()
        .map(|(c, n)| match lang {
            Lang::En => format!(
                "{} ({})",
                config_name(c, lang),
                plural(*n, "submission", "submissions")
            ),
            Lang::Zh => format!("{}（{n} 份提交）", config_name(c, lang)),
        })
        .collect();
    if t.other_configs > 0 {
        parts.push(match lang {
            Lang::En => format!(
                "other configurations ({})",
                plural(t.other_configs, "submission", "submissions")
            ),
            Lang::Zh => format!("其他配置（{} 份提交）", t.other_configs),
        });
    }
    parts.join(tr(lang, "; ", "；"))
}

pub(super) fn selection_text(settings: &Settings, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !settings.select.is_empty() {
        parts.push(format!(
            "{}{}",
            tr(lang, "only ", "仅 "),
            settings.select.join(", ")
        ));
    }
    if !settings.ignore.is_empty() {
        parts.push(format!(
            "{}{}",
            tr(lang, "never ", "排除 "),
            settings.ignore.join(", ")
        ));
    }
    untrusted::line(&parts.join(tr(lang, "; ", "；"))).into_owned()
}
