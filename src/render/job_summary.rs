//! `--output markdown=PATH`: a short Markdown page for a CI job's summary (GitHub's
//! `$GITHUB_STEP_SUMMARY`, a GitLab merge-request note): the verdict and the counts, the top
//! reasons beside the programme's own figures, the failing submissions each with its first
//! error, and the submissions that break next.
//!
//! GitHub refuses a step summary over 1 MiB, so the page is bounded whatever the run: at most
//! [`LISTED`] failing submissions (then how many more), [`REASONS`] rules and [`NEXT_BREAKS`]
//! submissions, each text cut to [`MAX_TEXT`] characters. Every text is escaped for Markdown
//! ([`escape`]): a seller's value, folder or file name can hold `|`, backticks, links or HTML,
//! and stays text. Only the counts are kept as submissions go by, and the lines of the first
//! failing ones.

use super::markdown::{cut, escape, quoted_as_code};
use super::{AsOfSeen, Settings, Sink, words};
use crate::date::Date;
use crate::finding::{Text, locate};
use crate::report::Summary;
use crate::run::SubmissionReport;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// How many failing submissions the page lists.
pub const LISTED: usize = 100;
/// How many rules the top reasons show.
pub const REASONS: usize = 10;
/// How many of the submissions that break first the page lists.
pub const NEXT_BREAKS: usize = 10;
/// The characters of a text shown (a message, a path, a title), before escaping.
pub const MAX_TEXT: usize = 200;

/// A rule's findings in the run.
#[derive(Default)]
struct Reason {
    /// Counted findings (the summary of a flood counts as the findings it stands for).
    findings: usize,
    /// Failing submissions with a counted finding of the rule.
    failing: usize,
}

/// The job summary: counts as submissions go by, the page at the end.
pub struct JobSummary<'a> {
    out: Box<dyn Write + 'a>,
    settings: &'a Settings,
    submissions: usize,
    failing: usize,
    as_of: AsOfSeen,
    reasons: BTreeMap<String, Reason>,
    /// The list items of the first [`LISTED`] failing submissions.
    listed: Vec<String>,
    /// The submissions that break first: the date and the path, earliest first.
    next_breaks: Vec<(Date, String)>,
    /// Whether the run forecast any submission.
    forecast: bool,
}

impl<'a> JobSummary<'a> {
    pub fn new(out: Box<dyn Write + 'a>, settings: &'a Settings) -> JobSummary<'a> {
        JobSummary {
            out,
            settings,
            submissions: 0,
            failing: 0,
            as_of: AsOfSeen::default(),
            reasons: BTreeMap::new(),
            listed: Vec::new(),
            next_breaks: Vec::new(),
            forecast: false,
        }
    }
}

/// Text shown on the page: cut, then escaped.
fn shown(s: &str) -> String {
    escape(&cut(s, MAX_TEXT))
}

/// A catalogue text shown on the page (a title, a figure): cut, then its plain quoted parts as
/// code and the rest escaped.
fn shown_quoted(s: &str) -> String {
    quoted_as_code(&cut(s, MAX_TEXT))
}

/// A failing submission's list item: its path and its first error, where it is.
fn failing_item(sub: &SubmissionReport, lang: crate::finding::Lang) -> String {
    let path = shown(&sub.path);
    let first = sub
        .findings
        .iter()
        .find(|f| f.suppression.is_none() && sub.verdict.fails_on(f.code.as_str()));
    let Some(f) = first else {
        return format!("- {path}\n");
    };
    let code = shown(f.code.as_str());
    let title = shown_quoted(&sub.catalogue.title_of(f, lang));
    let message = shown(f.message.get(lang));
    let at = shown(&locate(&sub.loaded.db, f.place).position());
    let item = text!(
        "- {path}: **{code}** {title}: {message} ({at})\n",
        "- {path}：**{code}** {title}：{message}（{at}）\n"
    );
    item.get(lang).to_owned()
}

impl Sink for JobSummary<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let fails = !sub.verdict.passes();
        self.submissions += 1;
        self.failing += usize::from(fails);
        self.as_of.add(sub.as_of, sub.as_of_source);
        let mut seen = std::collections::BTreeSet::new();
        for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
            let reason = self.reasons.entry(f.code.to_string()).or_default();
            reason.findings += f.counts_as();
            if fails && seen.insert(f.code.as_str()) {
                reason.failing += 1;
            }
        }
        if fails && self.listed.len() < LISTED {
            self.listed.push(failing_item(sub, self.settings.lang));
        }
        if let Some(outlook) = sub.outlook {
            self.forecast = true;
            // A submission that fails now does not break next: it is broken.
            if let Some(on) = outlook.first_break.filter(|_| !fails) {
                let at = self.next_breaks.partition_point(|(d, _)| *d <= on);
                if at < NEXT_BREAKS {
                    self.next_breaks.insert(at, (on, sub.path.clone()));
                    self.next_breaks.truncate(NEXT_BREAKS);
                }
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let page = self.page(summary);
        self.out.write_all(page.as_bytes())?;
        self.out.flush()
    }
}

impl JobSummary<'_> {
    /// The whole page.
    fn page(&self, summary: &Summary) -> String {
        let lang = self.settings.lang;
        let t = |t: Text| escape(t.get(lang));
        let mark = if summary.fails() { "❌" } else { "✅" };
        let mut page = format!(
            "## {mark} {}\n\n",
            t(words::page_title(self.submissions, self.failing))
        );
        let verdict = t(words::failing(
            self.failing,
            self.submissions,
            summary.fail_on,
        ));
        let (counts, as_of) = (
            t(words::counts(summary.counts)),
            t(words::as_of_line(&self.as_of)),
        );
        let line = text!(
            "**{verdict}** Findings: {counts}. {as_of}\n",
            "**{verdict}** 问题：{counts}。{as_of}\n"
        );
        page.push_str(line.get(lang));
        if let Some((k, n)) = self.settings.shard {
            page.push_str(&format!(
                "\n{}: {}\n",
                t(text!("Shard", "分片")),
                t(words::shard(k, n))
            ));
        }
        self.reasons_table(&mut page);
        if self.failing > 0 {
            page.push_str(&format!(
                "\n### {}\n\n",
                t(text!("Failing submissions", "未通过的提交"))
            ));
            for item in &self.listed {
                page.push_str(item);
            }
            let more = self.failing - self.listed.len();
            if more > 0 {
                page.push_str(&format!("\n{}\n", t(words::more_failing(more))));
            }
        }
        self.next_breaks_table(&mut page);
        page
    }

    /// The rules with the most failing submissions, then the most findings, beside the
    /// programme's figures.
    fn reasons_table(&self, page: &mut String) {
        let lang = self.settings.lang;
        let t = |t: Text| escape(t.get(lang));
        if self.reasons.is_empty() {
            return;
        }
        let mut reasons: Vec<(&String, &Reason)> = self.reasons.iter().collect();
        reasons.sort_by(|a, b| {
            (b.1.failing, b.1.findings)
                .cmp(&(a.1.failing, a.1.findings))
                .then(a.0.cmp(b.0))
        });
        page.push_str(&format!(
            "\n### {}\n\n| {} | {} | {} | {} | {} |\n| --- | --- | ---: | ---: | --- |\n",
            t(text!("Top reasons", "主要问题")),
            t(text!("Code", "代码")),
            t(text!("Rule", "规则")),
            t(text!("Findings", "问题数")),
            t(text!("Failing submissions with it", "含此问题的未通过提交")),
            t(words::figure()),
        ));
        let group = |n: usize| crate::finding::group_thousands(&n.to_string());
        for (code, r) in reasons.iter().take(REASONS) {
            let entry = self.settings.catalogue.get(code);
            let title = entry.map_or(String::new(), |e| shown_quoted(e.title.get(lang)));
            let figure = entry
                .and_then(|e| e.figure.as_ref())
                .map_or(String::new(), |f| shown_quoted(f.get(lang)));
            let share = match self.failing {
                0 => String::new(),
                all => format!(" ({}%)", (r.failing * 100 + all / 2) / all),
            };
            page.push_str(&format!(
                "| {} | {title} | {} | {}{share} | {figure} |\n",
                shown(code),
                group(r.findings),
                group(r.failing),
            ));
        }
        if reasons.len() > REASONS {
            page.push_str(&format!(
                "\n{}\n",
                t(words::more_reasons(reasons.len() - REASONS))
            ));
        }
    }

    /// The submissions that break first, when the run looked ahead.
    fn next_breaks_table(&self, page: &mut String) {
        let lang = self.settings.lang;
        let t = |t: Text| escape(t.get(lang));
        if !self.forecast {
            return;
        }
        page.push_str(&format!(
            "\n### {}\n\n",
            t(text!("Next to break", "即将失效的提交"))
        ));
        if self.next_breaks.is_empty() {
            let days = crate::report::Horizon::DEFAULT.days;
            page.push_str(&format!("{}\n", t(words::no_break_within(days))));
            return;
        }
        page.push_str(&format!(
            "| {} | {} | {} |\n| --- | --- | --- |\n",
            t(text!("Submission", "提交")),
            t(text!("Valid until", "有效至")),
            t(text!("Breaks on", "失效日期")),
        ));
        for (on, path) in &self.next_breaks {
            page.push_str(&format!(
                "| {} | {} | {} |\n",
                shown(path),
                on.add_days(-1),
                on
            ));
        }
    }
}
