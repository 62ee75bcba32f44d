//! One submission on the page: its heading and status, each finding with the seller's lines,
//! help, note and fix; suppressed findings apart.

use super::excerpt::{place, shown_value};
use super::*;
use crate::finding::{Finding, locate};
use crate::render::words;
use crate::report::Counts;
use crate::run::SubmissionReport;
use crate::untrusted;
use maud::{Markup, html};
use std::collections::BTreeSet;

pub(super) fn submission(sub: &SubmissionReport, index: usize, fails: bool, lang: Lang) -> Markup {
    let counts = Counts::of(&sub.findings);
    let markets = market_codes(sub);
    let mut class = String::from("sub");
    class.push_str(if fails { " fails" } else { " passes" });
    let mut codes = BTreeSet::new();
    for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
        if is_plain_name(f.code.as_str()) && codes.insert(f.code.as_str()) {
            class.push_str(" c-");
            class.push_str(f.code.as_str());
        }
    }
    for m in markets.iter().filter(|m| is_plain_name(m)) {
        class.push_str(" m-");
        class.push_str(m);
    }
    let (counted, suppressed): (Vec<&Finding>, Vec<&Finding>) =
        sub.findings.iter().partition(|f| f.suppression.is_none());
    let id = format!("s{index}");
    html! {
        section class=(class) id=(id) data-path=(untrusted::line(&sub.path)) {
            header.sub-head {
                @if fails {
                    span.badge.fail { (text!("Fails", "未通过").get(lang)) }
                } @else {
                    span.badge.pass { (text!("Passes", "通过").get(lang)) }
                }
                h2 { (untrusted::line(&sub.path)) }
                span.sub-counts { (words::counts(counts).get(lang)) }
            }
            p.sub-meta {
                (programme(sub.loaded.program.as_str()).get(lang))
                " · " (words::submission_as_of(sub.as_of, sub.as_of_source).get(lang))
                @if !markets.is_empty() {
                    " · " (text!("markets: ", "目标市场：").get(lang))
                    @for (i, m) in markets.iter().take(MARKETS_SHOWN).enumerate() {
                        @if i > 0 { (text!(", ", "、").get(lang)) }
                        (market_name(m, lang))
                    }
                    @if markets.len() > MARKETS_SHOWN { (text!(", …", "等").get(lang)) }
                }
                " · " (text!("configuration: ", "配置：").get(lang))
                (words::config_name(&sub.config).get(lang))
                @if let Some(outlook) = sub.outlook {
                    " · " span.outlook { (words::outlook(outlook, sub.verdict.passes()).get(lang)) }
                }
            }
            @if counted.is_empty() {
                p.none { (text!("No findings.", "未发现问题。").get(lang)) }
            }
            @for (i, f) in counted.iter().enumerate() {
                (finding(sub, f, &format!("{id}-{}", i + 1), lang))
            }
            @if !suppressed.is_empty() {
                section.suppressed {
                    h3 { (text!("Suppressed, not counted", "已屏蔽，不计入").get(lang)) }
                    @for (i, f) in suppressed.iter().enumerate() {
                        (finding(sub, f, &format!("{id}-x{}", i + 1), lang))
                    }
                }
            }
        }
    }
}

pub(super) fn finding(sub: &SubmissionReport, f: &Finding, id: &str, lang: Lang) -> Markup {
    let db = &sub.loaded.db;
    let position = locate(db, f.place).position();
    let code = f.code.as_str();
    let class = format!(
        "finding {}{}",
        f.severity.as_str(),
        if is_plain_name(code) {
            format!(" c-{code}")
        } else {
            String::new()
        }
    );
    let help = sub.catalogue.help_of(f);
    let note = sub.catalogue.note_of(f);
    let ignored = sub.ignored_suppression(f);
    html! {
        article class=(class) id=(id) data-code=(code) data-at=(untrusted::line(&position)) {
            h3.finding-head {
                span class={ "sev " (f.severity.as_str()) } { (f.severity.word().get(lang)) }
                " "
                a.code href={ "#rule-" (code) } title=(text!("the rule's explanation", "规则说明").get(lang)) { (code) }
                " "
                span.title { (rich(&sub.catalogue.title_of(f, lang))) }
            }
            p.message { (rich(f.message.get(lang))) }
            (place(db.get(f.place.file()), f.place, &position, None, true))
            @for label in &f.labels {
                @let label_position = locate(db, label.place).position();
                (place(db.get(label.place.file()), label.place, &label_position, Some(label.message.get(lang)), false))
            }
            @if let Some(reason) = &f.suppression {
                p.reason {
                    strong { (text!("Suppressed: ", "屏蔽理由：").get(lang)) }
                    (untrusted::line(reason))
                }
            }
            @if let Some(reason) = ignored {
                p.reason.ignored {
                    strong { (text!("Counted anyway: ", "仍然计入：").get(lang)) }
                    (text!("an inline comment suppresses this finding, but this run does not honour inline suppressions. Its reason: ", "行内注释屏蔽了此问题，但本次运行不采纳行内屏蔽。注释给出的理由：").get(lang))
                    (untrusted::line(reason))
                }
            }
            @if help.is_some() || f.fix.is_some() || note.is_some() {
                dl.advice {
                    @if let Some(h) = &help {
                        dt { (text!("Help", "帮助").get(lang)) }
                        dd { (rich(h.get(lang))) }
                    }
                    @if let Some(fix) = &f.fix {
                        dt { (text!("Fix", "建议修改").get(lang)) }
                        dd {
                            (rich(fix.description.get(lang)))
                            @if let Some(span) = f.fix_span() {
                                div.fix {
                                    del { (shown_value(db.get(span.file), span)) }
                                    span.arrow { " → " }
                                    ins { (untrusted::line(&fix.replacement)) }
                                }
                            }
                        }
                    }
                    @if let Some(n) = &note {
                        dt { (text!("Note", "说明").get(lang)) }
                        dd { (rich(n.get(lang))) }
                    }
                }
            }
        }
    }
}
