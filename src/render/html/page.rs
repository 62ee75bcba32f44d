//! The page: head, overview (run, pass and fail, codes with the programme's figures, markets,
//! next breaks), the place of the submissions, and the rules explained once at the end.

use super::tally::{CodeTally, MarketTally, Tally};
use super::*;
use crate::catalogue::{Catalogue, Entry};
use crate::finding::{Severity, Text};
use crate::render::{Settings, words};
use crate::report::Summary;
use crate::untrusted;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The page's own stylesheet: system fonts only, nothing fetched; screen and print.
const STYLE: &str = include_str!("page.css");

/// The page around the submissions: its head, the overview, the place the submissions go
/// ([`SUBMISSIONS_HERE`]), the rules explained and the footer.
pub(super) fn page(t: &Tally, summary: &Summary, settings: &Settings) -> Markup {
    let lang = settings.lang;
    let codes = codes_by_failing(t);
    let markets = markets_by_submissions(t);
    let catalogue = &settings.catalogue;
    html! {
        (DOCTYPE)
        html lang=(text!("en", "zh-Hans").get(lang)) {
            (head(t, lang))
            body {
                (masthead(lang))
                section.overview #overview aria-label=(text!("Overview", "概览").get(lang)) {
                    (tiles(t, summary, lang))
                    (run_facts(t, summary, settings))
                    @if t.forecast {
                        (next_breaks(t, lang))
                    }
                    (top_reasons(t, &codes, catalogue, lang))
                    (markets_table(t, &markets, lang))
                }
                (filter_notes(&codes, &markets, settings))
                main #submissions {
                    h2.list-head { (text!("Submissions", "各份提交").get(lang)) }
                    (PreEscaped(SUBMISSIONS_HERE))
                }
                (rules_explained(t, catalogue, lang))
                (footer(lang))
            }
        }
    }
}

/// The codes found, those failing the most submissions first, then those found most often.
fn codes_by_failing(t: &Tally) -> Vec<(&String, &CodeTally)> {
    let mut codes: Vec<(&String, &CodeTally)> = t.codes.iter().collect();
    codes.sort_by(|a, b| {
        (b.1.failing, b.1.findings)
            .cmp(&(a.1.failing, a.1.findings))
            .then(a.0.cmp(b.0))
    });
    codes
}

/// The tally of a programme market no submission names.
static NO_SUBMISSIONS: MarketTally = MarketTally {
    submissions: 0,
    failing: 0,
};

/// Every market of the programmes, those with submissions first.
fn markets_by_submissions(t: &Tally) -> Vec<(&String, &MarketTally)> {
    let mut markets: Vec<(&String, &MarketTally)> = crate::markets::builtin()
        .markets
        .iter()
        .map(|m| (&m.code, t.markets.get(&m.code).unwrap_or(&NO_SUBMISSIONS)))
        .collect();
    markets.sort_by(|a, b| b.1.submissions.cmp(&a.1.submissions).then(a.0.cmp(b.0)));
    markets
}

/// The page's head: its title, with how many submissions failed, and its stylesheet.
fn head(t: &Tally, lang: Lang) -> Markup {
    let doc_title = words::page_title(t.submissions, t.failing);
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content={ "selfcheck " (env!("CARGO_PKG_VERSION")) };
            title { (doc_title.get(lang)) }
            style { (PreEscaped(STYLE)) (PreEscaped(filters_css(t))) }
        }
    }
}

/// The heading and what the page is.
fn masthead(lang: Lang) -> Markup {
    let heading = words::report_heading();
    html! {
        header.top #top {
            h1 { (heading.get(lang)) }
            p.lede {
                (text!("Seller submissions checked before review. Each submission below shows what to fix, on its own lines.", "提交审核前的卖家资料自检。下方每份提交都在其原文中标出需要修改之处。").get(lang))
            }
        }
    }
}

/// The overview's tiles: submissions linted, passed and failing (each a filter), and the
/// findings by severity.
fn tiles(t: &Tally, summary: &Summary, lang: Lang) -> Markup {
    let passed = t.submissions - t.failing;
    html! {
        div.tiles {
            a.tile href="#submissions" {
                span.n { (group(t.submissions)) }
                span.l { (text!("submissions linted", "份提交已检查").get(lang)) }
            }
            a.tile.pass href="#only-passed" {
                span.n { (group(passed)) }
                span.l { (text!("passed", "份通过").get(lang)) }
            }
            a.tile.fail href="#only-failing" {
                span.n { (group(t.failing)) }
                span.l { (text!("failing", "份未通过").get(lang)) }
            }
            div.tile.counts {
                span.n { (group(summary.counts.error + summary.counts.warning + summary.counts.info)) }
                span.l { (text!("findings", "个问题").get(lang)) }
                span.split {
                    span.sev.error.zero[summary.counts.error == 0] { (Severity::Error.word().get(lang)) " " (group(summary.counts.error)) }
                    " "
                    span.sev.warning.zero[summary.counts.warning == 0] { (Severity::Warning.word().get(lang)) " " (group(summary.counts.warning)) }
                    " "
                    span.sev.info.zero[summary.counts.info == 0] { (Severity::Info.word().get(lang)) " " (group(summary.counts.info)) }
                }
            }
        }
    }
}

/// How the run was made: its as-of date, configurations, what fails a submission, the rules
/// selected, the shard, the programmes and what was suppressed.
fn run_facts(t: &Tally, summary: &Summary, settings: &Settings) -> Markup {
    let lang = settings.lang;
    // The co-operation programme first, as `selfcheck rules` lists them.
    let mut programmes: Vec<(&&str, &usize)> = t.programmes.iter().collect();
    programmes.sort_by_key(|(p, _)| **p != "cooperation");
    html! {
        dl.run {
            dt { (text!("As of", "基准日期").get(lang)) }
            dd { (words::as_of(&t.as_of).get(lang)) }
            dt { (text!("Configuration", "配置").get(lang)) }
            dd { (configs_text(t, lang)) }
            dt { (text!("A submission fails on", "判定未通过").get(lang)) }
            dd { (fail_on_text(summary.fail_on).get(lang)) }
            @if !settings.select.is_empty() || !settings.ignore.is_empty() {
                dt { (text!("Rules", "规则").get(lang)) }
                dd { (selection_text(settings, lang)) }
            }
            @if let Some((k, n)) = settings.shard {
                dt { (text!("Shard", "分片").get(lang)) }
                dd {
                    (words::shard(k, n).get(lang))
                }
            }
            dt { (text!("Programmes", "项目").get(lang)) }
            dd {
                @if programmes.is_empty() { "—" }
                @for (i, (p, n)) in programmes.iter().enumerate() {
                    @if i > 0 { (text!(" · ", " · ").get(lang)) }
                    (programme(p).get(lang))
                    (words::programme_submissions(**n).get(lang))
                }
            }
            @if t.suppressed > 0 {
                dt { (text!("Suppressed", "已屏蔽").get(lang)) }
                dd {
                    (words::suppressed_apart(t.suppressed).get(lang))
                }
            }
        }
    }
}

/// The submissions that break first with nothing edited, and on which day (a forecast run).
fn next_breaks(t: &Tally, lang: Lang) -> Markup {
    html! {
        h2 { (text!("Next to break", "即将失效的提交").get(lang)) }
        @if t.next_breaks.is_empty() {
            p.none {
                (words::no_break_within(crate::report::Horizon::DEFAULT.days).get(lang))
            }
        } @else {
            table.next-breaks {
                thead {
                    tr {
                        th { (text!("Submission", "提交").get(lang)) }
                        th { (text!("Valid until", "有效至").get(lang)) }
                        th { (text!("Breaks on", "失效日期").get(lang)) }
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
                (text!("The first date on which each submission gains a finding that fails it, with nothing edited (dates in declarations, licences, certificates and the challenge's deadlines); selfcheck forecast says why.", "在不做任何修改的情况下，各提交首次新增导致未通过的问题的日期（报关单、许可证、证书及挑战赛期限中的日期）；原因可用 selfcheck forecast 命令查看。").get(lang))
            }
        }
    }
}

/// The codes found in the run, each with its findings, the failing submissions with it and
/// the programme's own figure.
fn top_reasons(
    t: &Tally,
    codes: &[(&String, &CodeTally)],
    catalogue: &Catalogue,
    lang: Lang,
) -> Markup {
    html! {
        h2 { (text!("Top reasons in this run", "本次检查的主要问题").get(lang)) }
        @if codes.is_empty() {
            p.none { (text!("Nothing was found.", "未发现问题。").get(lang)) }
        } @else {
            table.reasons {
                thead {
                    tr {
                        th { (text!("Code", "代码").get(lang)) }
                        th { (text!("Rule", "规则").get(lang)) }
                        th.num { (text!("Findings", "问题数").get(lang)) }
                        th.num { (text!("Failing submissions with it", "含此问题的未通过提交").get(lang)) }
                        th { (words::figure().get(lang)) }
                    }
                }
                tbody {
                    @for (code, c) in codes {
                        (reason_row(t, code, c, catalogue.get(code), lang))
                    }
                }
            }
            p.hint {
                (text!("A code shows only the submissions with it; the percentage is its share of this run's failing submissions, beside the programme's own figure.", "点击代码只显示含该问题的提交；百分比为本次未通过提交中含该问题的比例，可与项目公布的数据对照。").get(lang))
            }
        }
    }
}

/// One code's row of the top reasons.
fn reason_row(t: &Tally, code: &str, c: &CodeTally, entry: Option<&Entry>, lang: Lang) -> Markup {
    html! {
        tr {
            td.code-cell {
                @if let Some(s) = c.severity {
                    span class={ "dot " (s.as_str()) } title=(s.word().get(lang)) {}
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

/// The submissions, passed and failing, of every programme market, then of other markets and
/// of none.
fn markets_table(t: &Tally, markets: &[(&String, &MarketTally)], lang: Lang) -> Markup {
    html! {
        h2 { (text!("Submissions by market", "按目标市场统计").get(lang)) }
        @if t.submissions == 0 {
            p.none { (text!("No submission was linted.", "没有检查任何提交。").get(lang)) }
        } @else {
            table.markets {
                thead {
                    tr {
                        th { (text!("Market", "市场").get(lang)) }
                        th.num { (text!("Submissions", "提交").get(lang)) }
                        th.num { (text!("Passed", "通过").get(lang)) }
                        th.num { (text!("Failing", "未通过").get(lang)) }
                    }
                }
                tbody {
                    @for (code, m) in markets {
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
                        tr { td { (text!("not a programme market", "非项目市场").get(lang)) } (market_cells(&t.other_markets)) }
                    }
                    @if t.no_market.submissions > 0 {
                        tr { td { (text!("no market named", "未填写市场").get(lang)) } (market_cells(&t.no_market)) }
                    }
                }
            }
        }
    }
}

/// The rules of the codes found, each explained once.
fn rules_explained(t: &Tally, catalogue: &Catalogue, lang: Lang) -> Markup {
    html! {
        @if !t.explained.is_empty() {
            section.rules #rules {
                h2 { (text!("The rules in this report", "本报告涉及的规则").get(lang)) }
                @for code in &t.explained {
                    @if let Some(entry) = catalogue.get(code) {
                        (rule(entry, lang))
                    }
                }
            }
        }
    }
}

/// The version, and what the page can be used for.
fn footer(lang: Lang) -> Markup {
    html! {
        footer {
            p {
                "selfcheck " (env!("CARGO_PKG_VERSION")) " · "
                (text!("one self-contained page: it can be mailed, printed (each submission on its own pages) or saved as PDF.", "单个独立页面：可直接发送邮件、打印（每份提交另起一页）或存为 PDF。").get(lang))
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
    let all = text!("Show every submission", "显示全部提交");
    let all = all.get(lang);
    html! {
        div.only #only-failing {
            p { (text!("Showing the failing submissions.", "仅显示未通过的提交。").get(lang)) " " a href="#submissions" { (all) } }
        }
        div.only #only-passed {
            p { (text!("Showing the submissions that pass.", "仅显示通过的提交。").get(lang)) " " a href="#submissions" { (all) } }
        }
        @for (code, c) in codes.iter().filter(|(code, _)| is_plain_name(code)) {
            div.only id={ "only-" (code) } {
                p {
                    (words::showing_code(code, c.findings, c.submissions).get(lang))
                    " " a href="#submissions" { (all) }
                }
            }
        }
        @for (code, m) in markets.iter().filter(|(code, _)| is_plain_name(code)) {
            div.only id={ "only-m-" (code) } {
                p {
                    (words::showing_market(&market_name(code, lang), m.failing, m.submissions).get(lang))
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
                span class={ "sev " (e.severity.as_str()) } { (e.severity.word().get(lang)) }
                " " span.code { (e.code) } " "
                (rich(e.title.get(lang)))
            }
            dl {
                dt { (words::what_it_checks().get(lang)) }
                dd { (rich(e.checks.get(lang))) }
                dt { (words::why().get(lang)) }
                dd { (rich(e.why.get(lang))) }
                @if let Some(fig) = &e.figure {
                    dt { (words::figure().get(lang)) }
                    dd { (figure(fig.get(lang))) }
                }
                dt { (words::example().get(lang)) }
                dd { pre.example { (untrusted::source(e.example.trim_end())) } }
                dt { (words::how_to_fix().get(lang)) }
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
        return words::config_name(config).get(lang).to_owned();
    }
    let mut parts: Vec<Text> = t
        .configs
        .iter()
        .map(|(c, n)| words::config_submissions(&words::config_name(c), *n))
        .collect();
    if t.other_configs > 0 {
        parts.push(words::other_configs(t.other_configs));
    }
    words::config_list(&parts).get(lang).to_owned()
}

pub(super) fn selection_text(settings: &Settings, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !settings.select.is_empty() {
        parts.push(format!(
            "{}{}",
            text!("only ", "仅 ").get(lang),
            settings.select.join(", ")
        ));
    }
    if !settings.ignore.is_empty() {
        parts.push(format!(
            "{}{}",
            text!("never ", "排除 ").get(lang),
            settings.ignore.join(", ")
        ));
    }
    untrusted::line(&parts.join(text!("; ", "；").get(lang))).into_owned()
}
