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

use super::stream::Sink;
use super::{Settings, help, locate, note, title, untrusted};
use crate::catalogue::Entry;
use crate::finding::{Finding, Lang, Place, Severity};
use crate::model::Date;
use crate::report::{Counts, SubmissionReport, Summary};
use crate::source::{SourceFile, Span};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::ops::Range;

/// Source lines longer than this (in bytes) are shown as a window around the value.
const MAX_SHOWN_LINE: usize = 160;
/// How much of a long line is shown before the value.
const CONTEXT_BEFORE: usize = 48;
/// A value spanning more lines shows its first [`HEAD_LINES`] and last [`TAIL_LINES`].
const HEAD_LINES: usize = 3;
const TAIL_LINES: usize = 2;
/// How many markets and configurations the overview counts one by one; the rest are summed.
const MAX_MARKETS: usize = 60;
const MAX_CONFIGS: usize = 12;
/// How many markets of one submission are shown in its heading.
const MARKETS_SHOWN: usize = 16;
/// How many of the submissions that break first the overview lists.
const NEXT_BREAKS: usize = 10;

/// Where the submissions go in the page: written in place of this comment, which no escaped
/// text can contain.
const SUBMISSIONS_HERE: &str = "<!--submissions-->";

/// The HTML sink: submissions into a temporary file, the counts here.
pub struct Html<'a> {
    out: Box<dyn Write + 'a>,
    settings: &'a Settings,
    body: BufWriter<File>,
    tally: Tally,
}

impl<'a> Html<'a> {
    pub fn start(out: Box<dyn Write + 'a>, settings: &'a Settings) -> io::Result<Html<'a>> {
        Ok(Html {
            out,
            settings,
            body: BufWriter::new(tempfile::tempfile()?),
            tally: Tally::default(),
        })
    }
}

impl Sink for Html<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let fails = fails(sub, self.settings.fail_on);
        self.tally.add(sub, fails);
        let markup = submission(sub, self.tally.submissions, fails, self.settings.lang);
        self.body.write_all(markup.into_string().as_bytes())
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let Html {
            mut out,
            settings,
            body,
            tally,
        } = *self;
        let mut body = body.into_inner().map_err(|e| e.into_error())?;
        body.seek(SeekFrom::Start(0))?;
        let page = page(&tally, summary, settings).into_string();
        let (before, after) = page.split_once(SUBMISSIONS_HERE).unwrap_or((&page, ""));
        out.write_all(before.as_bytes())?;
        io::copy(&mut body, &mut out)?;
        out.write_all(after.as_bytes())?;
        out.flush()
    }
}

/// Whether a submission fails the gate: a counted finding at or above `--fail-on`.
fn fails(sub: &SubmissionReport, fail_on: Option<Severity>) -> bool {
    fail_on.is_some_and(|t| Counts::of(&sub.findings).at_or_above(t) > 0)
}

/// `en` or `zh`.
fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

// ------------------------------------------------------------------------------ what is counted

/// What the overview says, counted as submissions go by.
#[derive(Default)]
struct Tally {
    submissions: usize,
    failing: usize,
    suppressed: usize,
    /// The earliest and latest as-of dates of the submissions.
    as_of: Option<(Date, Date)>,
    configs: Vec<(Option<String>, usize)>,
    other_configs: usize,
    programmes: BTreeMap<&'static str, usize>,
    codes: BTreeMap<String, CodeTally>,
    markets: BTreeMap<String, MarketTally>,
    other_markets: MarketTally,
    no_market: MarketTally,
    /// Every code a finding of the run has, suppressed ones too: their rules are explained.
    explained: BTreeSet<String>,
    /// The submissions that break first (the forecast's first break, `lint` asks for it): up
    /// to [`NEXT_BREAKS`], earliest first, each with its path and its place on the page.
    next_breaks: Vec<(Date, String, usize)>,
    /// Whether the run forecast any submission.
    forecast: bool,
}

#[derive(Default)]
struct CodeTally {
    /// Counted findings (the summary of a flood counts as the findings it stands for).
    findings: usize,
    /// Submissions with a counted finding of the code, and those of them that fail.
    submissions: usize,
    failing: usize,
    severity: Option<Severity>,
}

#[derive(Clone, Copy, Default)]
struct MarketTally {
    submissions: usize,
    failing: usize,
}

impl MarketTally {
    fn add(&mut self, fails: bool) {
        self.submissions += 1;
        self.failing += usize::from(fails);
    }
}

impl Tally {
    fn add(&mut self, sub: &SubmissionReport, fails: bool) {
        self.submissions += 1;
        self.failing += usize::from(fails);
        self.as_of = Some(match self.as_of {
            None => (sub.as_of, sub.as_of),
            Some((low, high)) => (low.min(sub.as_of), high.max(sub.as_of)),
        });
        let room = self.configs.len() < MAX_CONFIGS;
        match self.configs.iter_mut().find(|(c, _)| *c == sub.config) {
            Some((_, n)) => *n += 1,
            None if room => self.configs.push((sub.config.clone(), 1)),
            None => self.other_configs += 1,
        }
        *self
            .programmes
            .entry(sub.loaded.program.as_str())
            .or_default() += 1;
        let mut seen = BTreeSet::new();
        for f in &sub.findings {
            self.explained.insert(f.code.to_string());
            if f.suppression.is_some() {
                self.suppressed += 1;
                continue;
            }
            let code = self.codes.entry(f.code.to_string()).or_default();
            code.findings += f.counts_as();
            code.severity = code.severity.max(Some(f.severity));
            if seen.insert(f.code.as_str()) {
                code.submissions += 1;
                code.failing += usize::from(fails);
            }
        }
        if let Some(outlook) = sub.outlook {
            self.forecast = true;
            if let Some(on) = outlook.first_break {
                // Kept sorted and short: memory does not grow with the run.
                let at = self.next_breaks.partition_point(|(d, _, _)| *d <= on);
                if at < NEXT_BREAKS {
                    self.next_breaks
                        .insert(at, (on, sub.path.clone(), self.submissions));
                    self.next_breaks.truncate(NEXT_BREAKS);
                }
            }
        }
        let markets = market_codes(sub);
        if markets.is_empty() {
            self.no_market.add(fails);
        }
        for market in markets {
            let room = self.markets.len() < MAX_MARKETS;
            match self.markets.get_mut(&market) {
                Some(m) => m.add(fails),
                None if room => {
                    self.markets.entry(market).or_default().add(fails);
                }
                None => self.other_markets.add(fails),
            }
        }
    }
}

/// The submission's markets, each once, as written (shown escaped).
fn market_codes(sub: &SubmissionReport) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for m in sub.loaded.markets() {
        let code = m.value.trim();
        if !code.is_empty() && !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    }
    codes
}

/// Whether `s` can name a CSS class and an id as it is: rule codes and market codes.
fn is_plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

// ------------------------------------------------------------------------------ one submission

fn submission(sub: &SubmissionReport, index: usize, fails: bool, lang: Lang) -> Markup {
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
                    span.badge.fail { (tr(lang, "Fails", "未通过")) }
                } @else {
                    span.badge.pass { (tr(lang, "Passes", "通过")) }
                }
                h2 { (untrusted::line(&sub.path)) }
                span.sub-counts { (counts_text(counts, lang)) }
            }
            p.sub-meta {
                (programme(sub.loaded.program.as_str(), lang))
                " · " (tr(lang, "as of ", "基准日期 ")) (sub.as_of.to_string())
                @if !markets.is_empty() {
                    " · " (tr(lang, "markets: ", "目标市场："))
                    @for (i, m) in markets.iter().take(MARKETS_SHOWN).enumerate() {
                        @if i > 0 { (tr(lang, ", ", "、")) }
                        (market_name(m, lang))
                    }
                    @if markets.len() > MARKETS_SHOWN { (tr(lang, ", …", "等")) }
                }
                " · " (tr(lang, "configuration: ", "配置："))
                (config_name(&sub.config, lang))
                @if let Some(outlook) = sub.outlook {
                    " · " span.outlook { (outlook_text(outlook, lang)) }
                }
            }
            @if counted.is_empty() {
                p.none { (tr(lang, "No findings.", "未发现问题。")) }
            }
            @for (i, f) in counted.iter().enumerate() {
                (finding(sub, f, &format!("{id}-{}", i + 1), lang))
            }
            @if !suppressed.is_empty() {
                section.suppressed {
                    h3 { (tr(lang, "Suppressed, not counted", "已屏蔽，不计入")) }
                    @for (i, f) in suppressed.iter().enumerate() {
                        (finding(sub, f, &format!("{id}-x{}", i + 1), lang))
                    }
                }
            }
        }
    }
}

/// `2 errors · 1 warning`, or that nothing was found.
fn counts_text(c: Counts, lang: Lang) -> String {
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

fn programme(program: &str, lang: Lang) -> &'static str {
    match program {
        "challenge" => tr(lang, "Global Seller Challenge", "全球卖家挑战赛"),
        _ => tr(lang, "Co-operation programme", "跨境合作项目"),
    }
}

/// `ES Spain`: the code as written, and its name where the market table knows it.
fn market_name(code: &str, lang: Lang) -> String {
    let shown = untrusted::line(code);
    match crate::markets::builtin().get(code) {
        Some(m) => format!("{shown} {}", m.name.get(lang)),
        None => shown.into_owned(),
    }
}

fn config_name(config: &Option<String>, lang: Lang) -> String {
    match config {
        Some(path) => untrusted::line(path).into_owned(),
        None => tr(lang, "the built-in defaults", "内置默认设置").to_owned(),
    }
}

fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => tr(lang, "error", "错误"),
        Severity::Warning => tr(lang, "warning", "警告"),
        Severity::Info => tr(lang, "info", "提示"),
    }
}

/// Text that may hold the seller's values, shown safely, with `` `quoted` `` parts as code.
fn rich(s: &str) -> Markup {
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

fn finding(sub: &SubmissionReport, f: &Finding, id: &str, lang: Lang) -> Markup {
    let db = &sub.loaded.db;
    let at = locate(db, f.place);
    let position = match (at.line, at.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", at.file),
        _ => at.file.clone(),
    };
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
    let help = help(&sub.catalogue, f);
    let note = note(&sub.catalogue, f);
    let ignored = sub.ignored_suppression(f);
    html! {
        article class=(class) id=(id) data-code=(code) data-at=(untrusted::line(&position)) {
            h3.finding-head {
                span class={ "sev " (f.severity.as_str()) } { (severity_name(f.severity, lang)) }
                " "
                a.code href={ "#rule-" (code) } title=(tr(lang, "the rule's explanation", "规则说明")) { (code) }
                " "
                span.title { (rich(&title(&sub.catalogue, f, lang))) }
            }
            p.message { (rich(f.message.get(lang))) }
            (place(db.get(f.place.file()), f.place, &position, None, true))
            @for label in &f.labels {
                @let label_at = locate(db, label.place);
                @let label_position = match (label_at.line, label_at.column) {
                    (Some(line), Some(column)) => format!("{}:{line}:{column}", label_at.file),
                    _ => label_at.file.clone(),
                };
                (place(db.get(label.place.file()), label.place, &label_position, Some(label.message.get(lang)), false))
            }
            @if let Some(reason) = &f.suppression {
                p.reason {
                    strong { (tr(lang, "Suppressed: ", "屏蔽理由：")) }
                    (untrusted::line(reason))
                }
            }
            @if let Some(reason) = ignored {
                p.reason.ignored {
                    strong { (tr(lang, "Counted anyway: ", "仍然计入：")) }
                    (tr(lang,
                        "an inline comment suppresses this finding, but this run does not honour inline suppressions. Its reason: ",
                        "行内注释屏蔽了此问题，但本次运行不采纳行内屏蔽。注释给出的理由："))
                    (untrusted::line(reason))
                }
            }
            @if help.is_some() || f.fix.is_some() || note.is_some() {
                dl.advice {
                    @if let Some(h) = &help {
                        dt { (tr(lang, "Help", "帮助")) }
                        dd { (rich(h.get(lang))) }
                    }
                    @if let Some(fix) = &f.fix {
                        dt { (tr(lang, "Fix", "建议修改")) }
                        dd {
                            (rich(fix.description.get(lang)))
                            @if let Place::Span(span) = f.place {
                                div.fix {
                                    del { (shown_value(db.get(span.file), span)) }
                                    span.arrow { " → " }
                                    ins { (untrusted::line(&fix.replacement)) }
                                }
                            }
                        }
                    }
                    @if let Some(n) = &note {
                        dt { (tr(lang, "Note", "说明")) }
                        dd { (rich(n.get(lang))) }
                    }
                }
            }
        }
    }
}

/// The value at `span` on one line (a fix replaces it whole), cut when long.
fn shown_value(file: &SourceFile, span: Span) -> String {
    let text = file.text.as_deref().unwrap_or("");
    let (start, end) = bounds(text, span);
    let value = untrusted::line(&text[start..end]);
    if value.chars().count() > 2 * MAX_SHOWN_LINE {
        let head: String = value.chars().take(MAX_SHOWN_LINE).collect();
        format!("{head}…")
    } else {
        value.into_owned()
    }
}

/// A span's bytes in `text`, on char boundaries.
fn bounds(text: &str, span: Span) -> (usize, usize) {
    let start = floor_boundary(text, (span.start as usize).min(text.len()));
    let end = floor_boundary(text, (span.end as usize).clamp(start, text.len()));
    (start, end)
}

/// Where a finding or one of its labels is: the file and position, the label's message, and the
/// lines of the file with the value marked.
fn place(
    file: &SourceFile,
    at: Place,
    position: &str,
    message: Option<&str>,
    primary: bool,
) -> Markup {
    let excerpt = match (at, &file.text) {
        (Place::Span(span), Some(text)) => Some(Excerpt::of(file, text, span)),
        _ => None,
    };
    html! {
        div class=(if primary { "excerpt primary" } else { "excerpt other" }) {
            div.where {
                span.file { (untrusted::line(position)) }
                @if let Some(m) = message {
                    " " span.label { (rich(m)) }
                }
            }
            @if let Some(excerpt) = excerpt {
                pre.src {
                    @for line in &excerpt.lines {
                        @match line {
                            Line::Gap => { span.ln { "⋮" } "\n" }
                            Line::Text { number, pieces } => {
                                span.ln { (number) }
                                @for piece in pieces {
                                    @match piece {
                                        Piece::Plain(s) => { (s) }
                                        Piece::Marked(s) => { mark { (s) } }
                                        Piece::Elided => { span.cut { "…" } }
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The lines of a file a span covers, each shown safely, the span marked.
struct Excerpt {
    lines: Vec<Line>,
}

enum Line {
    Text {
        number: usize,
        pieces: Vec<Piece>,
    },
    /// Lines of a long value left out.
    Gap,
}

enum Piece {
    Plain(String),
    Marked(String),
    /// Part of a long line left out.
    Elided,
}

impl Excerpt {
    fn of(file: &SourceFile, text: &str, span: Span) -> Excerpt {
        let (start, end) = bounds(text, span);
        // A value that ends with its line end is shown on its own lines.
        let last_at = if end > start && text[..end].ends_with('\n') {
            end - 1
        } else {
            end
        };
        let first = line_at(text, start);
        let last = line_at(text, last_at);
        let mut lines: Vec<Range<usize>> = vec![first.clone()];
        while lines.len() < HEAD_LINES {
            let Some(prev) = lines.last() else { break };
            if prev.start >= last.start || prev.end >= text.len() {
                break;
            }
            lines.push(line_at(text, prev.end + 1));
        }
        let mut tail: Vec<Range<usize>> = Vec::new();
        let mut at = last;
        let head_end = lines.last().map_or(0, |l| l.start);
        while at.start > head_end && tail.len() < TAIL_LINES {
            tail.push(at.clone());
            if at.start == 0 {
                break;
            }
            at = line_at(text, at.start - 1);
        }
        tail.reverse();
        let gap = match (lines.last(), tail.first()) {
            (Some(h), Some(t)) => {
                line_at(text, h.end.saturating_add(1).min(text.len())).start < t.start
            }
            _ => false,
        };
        let mut shown = Vec::with_capacity(lines.len() + tail.len() + 1);
        for range in lines {
            shown.push(Excerpt::line(file, text, range, start, end));
        }
        if gap {
            shown.push(Line::Gap);
        }
        for range in tail {
            shown.push(Excerpt::line(file, text, range, start, end));
        }
        Excerpt { lines: shown }
    }

    /// One line (`range`, without its line end), a long one cut to a window around the value.
    fn line(file: &SourceFile, text: &str, range: Range<usize>, start: usize, end: usize) -> Line {
        let number = file.line_col(range.start).0;
        let (from, to) = if range.len() <= MAX_SHOWN_LINE {
            (range.start, range.end)
        } else {
            let anchor = if (range.start..=range.end).contains(&start) {
                start
            } else if (range.start..=range.end).contains(&end) {
                end.saturating_sub(MAX_SHOWN_LINE - CONTEXT_BEFORE)
            } else {
                range.start
            };
            let from = floor_boundary(text, anchor.saturating_sub(CONTEXT_BEFORE).max(range.start));
            let to = floor_boundary(text, (from + MAX_SHOWN_LINE).min(range.end));
            (from, to.max(from))
        };
        let mut pieces = Vec::new();
        if from > range.start {
            pieces.push(Piece::Elided);
        }
        let mark_from = start.clamp(from, to);
        let mark_to = end.clamp(mark_from, to);
        let shown = |r: Range<usize>| untrusted::source_part(text, r).into_owned();
        if mark_from > from {
            pieces.push(Piece::Plain(shown(from..mark_from)));
        }
        // An empty value is marked where it would be, on the line it starts.
        let empty_here = start == end && (from..=to).contains(&start);
        if mark_to > mark_from || empty_here {
            pieces.push(Piece::Marked(shown(mark_from..mark_to)));
        }
        if to > mark_to {
            pieces.push(Piece::Plain(shown(mark_to..to)));
        }
        if to < range.end {
            pieces.push(Piece::Elided);
        }
        Line::Text { number, pieces }
    }
}

/// The bytes of the line holding byte `at`, without its line end (`\n` or `\r\n`).
fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
        end -= 1;
    }
    start..end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ------------------------------------------------------------------------------ the page

fn page(t: &Tally, summary: &Summary, settings: &Settings) -> Markup {
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
                        dd { (fail_on_text(settings.fail_on, lang)) }
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
                                    Lang::En => format!("No submission gains a failing finding within {} days of its as-of date.", crate::forecast::DEFAULT_HORIZON_DAYS),
                                    Lang::Zh => format!("所有提交在各自基准日期后 {} 天内都不会新增导致未通过的问题。", crate::forecast::DEFAULT_HORIZON_DAYS),
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

fn market_cells(m: &MarketTally) -> Markup {
    html! {
        td.num { (group(m.submissions)) }
        td.num { (group(m.submissions - m.failing)) }
        td.num.failing[m.failing > 0] { (group(m.failing)) }
    }
}

/// The notes shown when the page is narrowed to one code, market or status (`#only-…` in the
/// address): CSS shows the note and hides what does not match. They stand right before the
/// submissions, so following a link lands on the list.
fn filter_notes(
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
fn filters_css(t: &Tally) -> String {
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
fn rule(e: &Entry, lang: Lang) -> Markup {
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
fn figure(text: &str) -> Markup {
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

/// `valid until 2027-02-02`, or that the submission holds through the horizon.
fn outlook_text(outlook: crate::report::Outlook, lang: Lang) -> String {
    match (outlook.valid_until(), lang) {
        (Some(d), Lang::En) => format!("valid until {d}"),
        (Some(d), Lang::Zh) => format!("有效至 {d}"),
        (None, Lang::En) => format!("holds through {}", outlook.horizon_end),
        (None, Lang::Zh) => format!("至 {} 仍然有效", outlook.horizon_end),
    }
}

fn as_of_text(run: Option<Date>, seen: Option<(Date, Date)>, lang: Lang) -> String {
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

fn configs_text(t: &Tally, lang: Lang) -> String {
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

fn fail_on_text(fail_on: Option<Severity>, lang: Lang) -> &'static str {
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

fn selection_text(settings: &Settings, lang: Lang) -> String {
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

fn group(n: usize) -> String {
    crate::finding::group_thousands(&n.to_string())
}

fn percent(part: usize, whole: usize) -> String {
    format!("{}%", (part * 100 + whole / 2) / whole.max(1))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// The page's own stylesheet: system fonts only, nothing fetched.
const STYLE: &str = r#"
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--bg:#f5f6f8;--card:#fff;--error:#b3261e;--error-bg:#fdecea;--warning:#8a5a00;--warning-bg:#fff4d6;--info:#1f5fa8;--info-bg:#e7f0fb;--pass:#1e7b34;--pass-bg:#e6f4ea;--mark:#ffe08a;--mark-other:#d6e6ff}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif;color:var(--ink);background:var(--bg);line-height:1.5;font-size:15px}
body{margin:0 auto;max-width:1120px;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:28px 0 10px}
h3{font-size:15px;margin:0}
a{color:var(--info)}
code,pre,.code,.file{font-family:ui-monospace,"SFMono-Regular","Cascadia Mono",Menlo,Consolas,"Noto Sans Mono CJK SC","Noto Sans Mono",monospace}
code{background:#eef0f4;border-radius:4px;padding:0 4px;font-size:.92em;overflow-wrap:anywhere;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.lede{color:var(--muted);margin:0}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.tile{flex:1 1 160px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;text-decoration:none;color:var(--ink);display:flex;flex-direction:column}
a.tile:hover{border-color:var(--info)}
.tile .n{font-size:28px;font-weight:700;line-height:1.2}
.tile .l{color:var(--muted)}
.tile.pass .n{color:var(--pass)}
.tile.fail .n{color:var(--error)}
.tile.counts{flex:1.7 1 300px}
.tile .split{margin-top:4px;display:flex;gap:6px;flex-wrap:wrap}
.tile .sev.zero{opacity:.45}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin:12px 0}
dl.run dt{color:var(--muted)}
dl.run dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{text-align:left;padding:7px 12px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef0f4;font-weight:600;font-size:13px;color:var(--muted)}
tr:last-child td{border-bottom:0}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.failing{color:var(--error);font-weight:600}
.code-cell{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace}
table.reasons th:nth-child(2){width:34%}
table.reasons th:nth-child(5){width:34%}
.share{color:var(--muted);font-weight:400}
.figure{color:var(--muted);font-size:13px}
.figure strong{color:var(--ink);font-size:15px}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:7px;background:var(--info)}
.dot.error{background:var(--error)}
.dot.warning{background:#d89a00}
.hint{color:var(--muted);font-size:13px;margin:6px 0 0}
.none{color:var(--muted)}
.only{display:none;background:var(--info-bg);border:1px solid #b9d1f0;border-radius:10px;padding:4px 16px;margin:20px 0 0}
.only:target{display:block}
.only:target~main .suppressed{display:none}
.list-head{margin-top:32px}
.sub{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 20px;margin:16px 0}
.sub.fails{border-top:4px solid var(--error)}
.sub.passes{border-top:4px solid var(--pass)}
.sub-head{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.sub-head h2{margin:0;font-size:18px;overflow-wrap:anywhere}
.sub-counts{color:var(--muted);margin-left:auto}
.badge{display:inline-block;border-radius:999px;padding:2px 12px;font-weight:700;font-size:13px;color:#fff}
.badge.fail{background:var(--error)}
.badge.pass{background:var(--pass)}
.sub-meta{color:var(--muted);font-size:13px;margin:6px 0 4px;overflow-wrap:anywhere}
.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:8px;padding:12px 16px;margin:14px 0 0}
.finding.error{border-left-color:var(--error)}
.finding.warning{border-left-color:#d89a00}
.finding-head{display:flex;align-items:baseline;gap:8px;flex-wrap:wrap}
.sev{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;background:var(--info-bg);color:var(--info)}
.sev.error{background:var(--error-bg);color:var(--error)}
.sev.warning{background:var(--warning-bg);color:var(--warning)}
a.code{font-weight:700;text-decoration:none;border-bottom:1px dotted}
.finding-head .title{font-weight:600}
.message{margin:6px 0 8px;font-size:15px}
.excerpt{margin:8px 0;border:1px solid var(--line);border-radius:6px;overflow:hidden}
.excerpt .where{background:#f0f2f6;padding:4px 10px;font-size:13px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
.excerpt .where:last-child{border-bottom:0}
.excerpt.other .where{background:#edf3fc}
.excerpt .file{font-weight:600}
.excerpt .label{color:var(--muted)}
pre{margin:0;padding:8px 10px;overflow-x:auto;font-size:13.5px;line-height:1.6;tab-size:4;background:#fbfbfc}
pre.src:empty{display:none}
.ln{display:inline-block;min-width:3.5ch;padding-right:10px;margin-right:10px;text-align:right;color:#98a0ae;border-right:1px solid var(--line);user-select:none}
mark{background:var(--mark);color:inherit;border-radius:2px;box-shadow:0 2px 0 var(--error);padding:1px 0}
mark:empty{display:inline-block;width:2px;height:1.2em;vertical-align:text-bottom;background:var(--error)}
.excerpt.other mark{background:var(--mark-other);box-shadow:0 2px 0 var(--info)}
.cut{color:#98a0ae}
dl.advice{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:10px 0 0}
dl.advice dt{font-weight:600;color:var(--muted)}
dl.advice dd{margin:0;overflow-wrap:anywhere}
.fix{margin-top:4px;font-family:ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace}
.fix del{background:var(--error-bg);color:var(--error);padding:1px 6px;border-radius:4px}
.fix ins{background:var(--pass-bg);color:var(--pass);text-decoration:none;padding:1px 6px;border-radius:4px;font-weight:600}
.fix .arrow{color:var(--muted)}
.reason{margin:8px 0 0;padding:6px 10px;background:#f3f3f6;border-radius:6px;overflow-wrap:anywhere}
.reason.ignored{background:var(--warning-bg)}
.suppressed{margin-top:16px;padding-top:4px;border-top:1px dashed var(--line)}
.suppressed h3{color:var(--muted);font-size:14px;margin-top:8px}
.suppressed .finding{opacity:.78;border-left-color:#9aa3b2}
.rules{margin-top:36px}
.rule{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 18px;margin:12px 0}
.rule:target{outline:3px solid var(--info)}
.rule h3{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.rule .code{font-weight:700}
.rule dl{margin:8px 0 0}
.rule dt{font-weight:600;color:var(--muted);margin-top:6px}
.rule dd{margin:0 0 0 0}
pre.example{border:1px solid var(--line);border-radius:6px;margin-top:4px}
footer{margin-top:32px;color:var(--muted);font-size:13px;border-top:1px solid var(--line)}
@media (max-width:640px){body{padding:12px}.tile .n{font-size:22px}dl.run,dl.advice{grid-template-columns:1fr}}
@media print{
html{background:#fff;font-size:12px}
body{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
.only,.hint,.list-head{display:none!important}
h2,h3,.excerpt .where{break-after:avoid}
.sub{break-before:page;border:0;border-top:4px solid;padding:0;margin:0}
.rules{break-before:page}
.finding,.rule,tr{break-inside:avoid}
pre{white-space:pre-wrap;overflow-wrap:anywhere}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceDb};

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
        let sub = crate::lint_submission(&dir, &crate::Options::default());
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
