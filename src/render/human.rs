//! rustc-style output with codespan-reporting: one block per finding, labels in two files when a
//! rule relates two documents, `= help:` and `= note:` lines, a summary at the end.

use crate::finding::{Finding, Lang, Place, Severity, count};
use crate::report::Counts;
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::display_path;
use crate::untrusted;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor};
use std::cell::OnceCell;
use std::io::Write;
use std::ops::Range;

pub fn render(
    report: &Report,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut settings = super::Settings::for_report(report, lang);
    settings.color = color;
    out.write_all(super::to_string(report, super::Format::Human, &settings).as_bytes())
}

/// What the closing lines of human output say about a run.
#[derive(Clone, Debug, Default)]
pub struct Closing {
    pub counts: Counts,
    pub submissions: usize,
    /// Submissions that fail the gate (their verdicts).
    pub failed: usize,
    /// `--fail-on`: what makes a submission fail (`None`: nothing).
    pub fail_on: Option<Severity>,
    /// Findings that inline comments suppressed.
    pub suppressed: usize,
    /// Findings an inline comment names that count because suppressions are not honoured.
    pub not_honoured: usize,
    /// Each configuration applied (`None`: the defaults) and how many submissions it applied to,
    /// in the order first met.
    pub configs: Vec<(Option<String>, usize)>,
    /// The earliest first break of the forecast across the run among the submissions that pass,
    /// and its submission's path (the first such submission in the run's order).
    pub next_break: Option<(crate::model::Date, String)>,
}

impl Closing {
    /// Takes in `sub`'s first break, if the run forecast it and it comes before the others. A
    /// submission that fails now (its verdict) does not break next: it is broken.
    pub fn see_outlook(&mut self, sub: &SubmissionReport) {
        let Some(on) = sub
            .outlook
            .and_then(|o| o.first_break)
            .filter(|_| sub.verdict.passes())
        else {
            return;
        };
        if self.next_break.as_ref().is_none_or(|(next, _)| on < *next) {
            self.next_break = Some((on, sub.path.clone()));
        }
    }
}

/// How many configurations the closing lines name before "and N more".
const CONFIGS_SHOWN: usize = 5;

/// The closing lines: counts, how many findings inline comments suppressed (or named, when not
/// honoured), how many submissions fail, and the configuration that applied when not the
/// defaults.
pub fn closing(c: &Closing, lang: Lang) -> String {
    let mut line = summary(c.counts, c.submissions, lang);
    if c.suppressed > 0 {
        line.push_str(&match lang {
            Lang::En => format!(" {} suppressed inline.", c.suppressed),
            Lang::Zh => format!("另有 {} 个已通过行内注释屏蔽。", c.suppressed),
        });
    }
    if c.not_honoured > 0 {
        line.push_str(&match lang {
            Lang::En => format!(
                " {} named by inline suppressions that this run does not honour.",
                count(c.not_honoured, "finding is", "findings are")
            ),
            Lang::Zh => format!(
                "其中 {} 个问题虽有行内屏蔽注释，但本次运行不采纳行内屏蔽，仍计入。",
                c.not_honoured
            ),
        });
    }
    let mut lines = vec![line];
    if c.submissions > 1 {
        lines.push(failed_line(c, lang));
    }
    if let Some(configs) = configs_line(&c.configs, lang) {
        lines.push(configs);
    }
    if let Some((on, path)) = &c.next_break {
        lines.push(next_break_line(*on, path, lang));
    }
    lines.join("\n")
}

/// `Next break: sellers/huacai on 2027-02-03.`: the first date on which a submission of the
/// run gains a finding at or above `--fail-on` (see `selfcheck forecast`).
fn next_break_line(on: crate::model::Date, path: &str, lang: Lang) -> String {
    // A seller's folder name is untrusted text.
    let path = crate::untrusted::line(path);
    match lang {
        Lang::En => format!("Next break: {path} on {on}."),
        Lang::Zh => format!("下一次失效：{path}，{on}。"),
    }
}

/// `3 of 120 submissions have errors.`: how many fail the gate (their verdicts), named by what
/// fails it at `--fail-on`.
fn failed_line(c: &Closing, lang: Lang) -> String {
    let (n, total) = (c.failed, c.submissions);
    let Some(level) = c.fail_on else {
        return match lang {
            Lang::En => format!("No submission fails at --fail-on never ({total} linted)."),
            Lang::Zh => format!("--fail-on never：{total} 份提交均判为通过。"),
        };
    };
    match lang {
        Lang::En => {
            let what = match level {
                Severity::Warning => "errors or warnings",
                Severity::Info => "findings",
                Severity::Error => "errors",
            };
            match n {
                0 => format!("None of the {total} submissions has {what}."),
                1 => format!("1 of {total} submissions has {what}."),
                _ => format!("{n} of {total} submissions have {what}."),
            }
        }
        Lang::Zh => {
            let what = match level {
                Severity::Warning => "错误或警告",
                Severity::Info => "问题",
                Severity::Error => "错误",
            };
            match n {
                0 => format!("{total} 份提交均无{what}。"),
                _ => format!("{total} 份提交中有 {n} 份存在{what}。"),
            }
        }
    }
}

/// `Configuration: agency/.selfcheck.yaml.` — nothing when only the defaults applied.
fn configs_line(configs: &[(Option<String>, usize)], lang: Lang) -> Option<String> {
    if configs.iter().all(|(path, _)| path.is_none()) {
        return None;
    }
    let name = |path: &Option<String>| match (path, lang) {
        // A seller's folder name is untrusted text.
        (Some(p), _) => crate::untrusted::line(p).into_owned(),
        (None, Lang::En) => "the built-in defaults".to_owned(),
        (None, Lang::Zh) => "内置默认设置".to_owned(),
    };
    if let [(path, _)] = configs {
        return Some(match lang {
            Lang::En => format!("Configuration: {}", name(path)),
            Lang::Zh => format!("配置文件：{}", name(path)),
        });
    }
    let mut parts: Vec<String> = configs
        .iter()
        .take(CONFIGS_SHOWN)
        .map(|(path, n)| match lang {
            Lang::En => format!(
                "{} ({})",
                name(path),
                count(*n, "submission", "submissions")
            ),
            Lang::Zh => format!("{}（{n} 份提交）", name(path)),
        })
        .collect();
    let more = configs.len().saturating_sub(CONFIGS_SHOWN);
    if more > 0 {
        parts.push(match lang {
            Lang::En => format!("and {more} more"),
            Lang::Zh => format!("另有 {more} 个"),
        });
    }
    Some(match lang {
        Lang::En => format!("Configurations: {}", parts.join("; ")),
        Lang::Zh => format!("配置文件：{}", parts.join("；")),
    })
}

pub fn render_submission(
    sub: &SubmissionReport,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // Each file's display form is built once for the submission; each finding then shows only
    // the lines it labels, so rendering is linear in findings plus bytes.
    let files = SubmissionFiles::of(sub);
    let config = term::Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
        let mut diagnostic = diagnostic(sub, f, lang);
        let snippets = files.snippets(&mut diagnostic);
        term::emit_to_write_style(&mut buffer, &config, &snippets, &diagnostic)
            .map_err(std::io::Error::other)?;
        let rendered = super::sheet::cell_locations(buffer.as_slice(), sub, f);
        out.write_all(&in_language(&rendered, f.severity, lang))?;
        buffer.clear();
    }
    Ok(())
}

/// One rendered finding with its severity in `lang`. codespan-reporting writes the header's
/// severity in English (`error[CUS007]: …`) and first of all, after colour codes only, so the
/// first occurrence of the word is the header's.
fn in_language(rendered: &[u8], severity: Severity, lang: Lang) -> std::borrow::Cow<'_, [u8]> {
    let english: &[u8] = match severity {
        Severity::Error => b"error",
        Severity::Warning => b"warning",
        Severity::Info => b"note",
    };
    match (
        lang,
        rendered.windows(english.len()).position(|w| w == english),
    ) {
        (Lang::Zh, Some(at)) => {
            let mut shown = rendered[..at].to_vec();
            shown.extend_from_slice(severity.word(lang).as_bytes());
            shown.extend_from_slice(&rendered[at + english.len()..]);
            shown.into()
        }
        _ => rendered.into(),
    }
}

/// The progress line on a terminal: `12 submissions linted in 3s`, `已检查 12 份提交，用时 3 秒`.
pub fn progress(linted: usize, elapsed: std::time::Duration, lang: Lang) -> String {
    let secs = elapsed.as_secs();
    let (m, s) = (secs / 60, secs % 60);
    match lang {
        Lang::En => {
            let took = if m > 0 {
                format!("{m}m {s:02}s")
            } else {
                format!("{s}s")
            };
            format!(
                "{} linted in {took}",
                count(linted, "submission", "submissions")
            )
        }
        Lang::Zh => {
            let took = if m > 0 {
                format!("{m} 分 {s:02} 秒")
            } else {
                format!("{s} 秒")
            };
            format!("已检查 {linted} 份提交，用时 {took}")
        }
    }
}

/// Lines longer than this (in bytes) are shown as a window around the label.
const MAX_SHOWN_LINE: usize = 240;
/// How much of a long line is shown before the label.
const CONTEXT_BEFORE: usize = 60;
/// How far apart the character counts of a file are kept, in bytes (see [`FileText::chars`]).
const CHARS_EVERY: usize = 4096;

/// The files of a submission as shown: names escaped (SPEC §7), and for each text, built when
/// first needed and kept for the submission, where its lines start and how many characters come
/// before every [`CHARS_EVERY`] bytes.
struct SubmissionFiles<'a> {
    files: Vec<FileText<'a>>,
}

struct FileText<'a> {
    name: String,
    text: &'a str,
    line_starts: OnceCell<Vec<usize>>,
    /// `(byte, characters before it)`, the bytes at char boundaries about [`CHARS_EVERY`] apart.
    chars: OnceCell<Vec<(usize, usize)>>,
}

impl FileText<'_> {
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The 0-based line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= at) - 1
    }

    /// The bytes of line `line`: its text, and its text with its line end.
    fn line_bounds(&self, line: usize) -> (Range<usize>, usize) {
        let starts = self.line_starts();
        let start = starts[line];
        match starts.get(line + 1) {
            Some(&next) => {
                let lf = next - 1;
                let end = if self.text[..lf].ends_with('\r') && lf > start {
                    lf - 1
                } else {
                    lf
                };
                (start..end, next)
            }
            None => (start..self.text.len(), self.text.len()),
        }
    }

    /// How many characters `text[from..to]` holds: linear in the bytes only for short spans.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if to - from <= CHARS_EVERY {
            return self.text[from..to].chars().count();
        }
        self.chars_before(to) - self.chars_before(from)
    }

    fn chars_before(&self, at: usize) -> usize {
        let marks = self.chars.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let mut counted = 0;
            let mut at = 0;
            while at < self.text.len() {
                let next = floor_boundary(self.text, (at + CHARS_EVERY).min(self.text.len()));
                let next = if next <= at {
                    ceil_boundary(self.text, at + 1)
                } else {
                    next
                };
                counted += self.text[at..next].chars().count();
                marks.push((next, counted));
                at = next;
            }
            marks
        });
        let (byte, count) = marks[marks.partition_point(|&(b, _)| b <= at) - 1];
        count + self.text[byte..at].chars().count()
    }
}

impl<'a> SubmissionFiles<'a> {
    fn of(sub: &'a SubmissionReport) -> SubmissionFiles<'a> {
        let files = sub
            .loaded
            .db
            .files()
            .map(|(_, f)| FileText {
                name: untrusted::line(&display_path(&sub.path, &f.rel_path)).into_owned(),
                text: f.text.as_deref().unwrap_or(""),
                line_starts: OnceCell::new(),
                chars: OnceCell::new(),
            })
            .collect();
        SubmissionFiles { files }
    }

    /// The lines `d` labels, shown, with its labels moved onto them.
    fn snippets(&'a self, d: &mut Diagnostic<usize>) -> Snippets<'a> {
        let mut snippets = Snippets {
            files: self,
            shown: Vec::new(),
        };
        let mut ids: Vec<usize> = d.labels.iter().map(|l| l.file_id).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(file) = self.files.get(id) {
                let labels = d.labels.iter_mut().filter(|l| l.file_id == id);
                snippets.shown.push(Snippet::of(id, file, labels));
            }
        }
        snippets
    }
}

/// The labelled lines of one file for one finding, as codespan-reporting is shown them: escaped
/// (SPEC §7: a lone CR is `\r` and never ends or rewinds a line), a long line cut to a window
/// around its first label. Line numbers stay those of the file; lines a label spans but that
/// are never shown are left empty.
struct Snippet {
    file: usize,
    text: String,
    /// The lines shown, in order: the 0-based line and its bytes in `text`, line end included.
    lines: Vec<(usize, Range<usize>)>,
    /// Where a label starts in `text`, and its 1-based column on the line of the file.
    columns: Vec<(usize, usize)>,
}

impl Snippet {
    fn of<'l>(
        id: usize,
        file: &FileText<'_>,
        labels: impl Iterator<Item = &'l mut Label<usize>>,
    ) -> Snippet {
        let text = file.text;
        let mut labels: Vec<Placed<'_>> = labels
            .map(|l| {
                let start = floor_boundary(text, l.range.start.min(text.len()));
                let end = floor_boundary(text, l.range.end.clamp(start, text.len()));
                let lines = (file.line_of(start), file.line_of(end));
                (l, (start, end), lines)
            })
            .collect();
        // codespan-reporting shows the first and last lines of a label and a few after its start
        // and before its end; and a single line between two it shows.
        let mut wanted = std::collections::BTreeSet::new();
        for (_, _, (first, last)) in &labels {
            wanted.extend(*first..=(*first + 5).min(*last));
            wanted.extend(last.saturating_sub(3).max(*first)..=*last);
        }
        let lines: Vec<usize> = wanted.iter().copied().collect();
        for pair in lines.windows(2) {
            if pair[1] - pair[0] == 2 {
                wanted.insert(pair[0] + 1);
            }
        }
        let mut snippet = Snippet {
            file: id,
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
            columns: Vec::new(),
        };
        // Each line's window: the bytes of the file shown, what stands before them (`…`), and
        // where they start in the snippet's text.
        let mut windows: Vec<(usize, Range<usize>, usize)> = Vec::with_capacity(wanted.len());
        for line in wanted {
            let (content, with_end) = file.line_bounds(line);
            let shown_from = snippet.text.len();
            if content.len() <= MAX_SHOWN_LINE {
                snippet
                    .text
                    .push_str(&untrusted::source_part(text, content.start..with_end));
                windows.push((line, content.start..with_end, shown_from));
            } else {
                // Cut around the first label that starts on the line, else that ends on it.
                let on_line = |(_, (start, end), (first, last)): &Placed<'_>| {
                    if *first == line {
                        Some(*start)
                    } else if *last == line {
                        Some(*end)
                    } else {
                        None
                    }
                };
                let anchor = labels
                    .iter()
                    .filter_map(on_line)
                    .min()
                    .unwrap_or(content.start);
                let from = floor_boundary(
                    text,
                    anchor.saturating_sub(CONTEXT_BEFORE).max(content.start),
                );
                let to = floor_boundary(text, (from + MAX_SHOWN_LINE).min(content.end));
                let lead = if from > content.start { "…" } else { "" };
                snippet.text.push_str(lead);
                snippet
                    .text
                    .push_str(&untrusted::source_part(text, from..to));
                if to < content.end {
                    snippet.text.push('…');
                }
                snippet
                    .text
                    .push_str(&untrusted::source_part(text, content.end..with_end));
                windows.push((line, from..to, shown_from + lead.len()));
            }
            snippet.lines.push((line, shown_from..snippet.text.len()));
        }
        let at = |windows: &[(usize, Range<usize>, usize)], line: usize, byte: usize| {
            let i = windows.partition_point(|(l, _, _)| *l < line);
            let (_, window, shown) = &windows[i];
            let byte = byte.clamp(window.start, window.end);
            shown + untrusted::source_len(text, window.start..byte)
        };
        for (label, (start, end), (first, last)) in labels.iter_mut() {
            let shown_start = at(&windows, *first, *start);
            let shown_end = at(&windows, *last, *end).max(shown_start);
            label.range = shown_start..shown_end;
            let line_start = file.line_starts()[*first];
            let column = file.chars_between(line_start, *start) + 1;
            snippet.columns.push((shown_start, column));
        }
        snippet
    }
}

/// A label, its bytes in the file (at char boundaries), and its first and last 0-based lines.
type Placed<'l> = (&'l mut Label<usize>, (usize, usize), (usize, usize));

/// What codespan-reporting reads for one finding: the escaped names of the submission's files,
/// and the lines the finding shows.
struct Snippets<'a> {
    files: &'a SubmissionFiles<'a>,
    shown: Vec<Snippet>,
}

impl Snippets<'_> {
    fn snippet(&self, id: usize) -> Result<&Snippet, files::Error> {
        self.shown
            .iter()
            .find(|s| s.file == id)
            .ok_or(files::Error::FileMissing)
    }
}

impl<'a> Files<'a> for Snippets<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.snippet(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let lines = &self.snippet(id)?.lines;
        let i = lines.partition_point(|(_, range)| range.start <= byte_index);
        Ok(lines.get(i.saturating_sub(1)).map_or(0, |(line, _)| *line))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let lines = &self.snippet(id)?.lines;
        Ok(
            match lines.binary_search_by_key(&line_index, |(line, _)| *line) {
                Ok(i) => lines[i].1.clone(),
                // A line inside a long label that is never shown.
                Err(_) => 0..0,
            },
        )
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let snippet = self.snippet(id)?;
        if let Some((_, column)) = snippet.columns.iter().find(|(at, _)| *at == byte_index) {
            return Ok(*column);
        }
        let range = self.line_range(id, line_index)?;
        let at = byte_index.clamp(range.start, range.end);
        Ok(snippet.text[range.start..floor_boundary(&snippet.text, at)]
            .chars()
            .count()
            + 1)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// A finding as codespan-reporting shows it. Every text may hold the seller's values, so each is
/// shown on one line with its unsafe characters escaped (SPEC §7).
fn diagnostic(sub: &SubmissionReport, f: &Finding, lang: Lang) -> Diagnostic<usize> {
    let shown = |s: &str| untrusted::line(s).into_owned();
    let severity = match f.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut d = Diagnostic::new(severity)
        .with_code(shown(f.code.as_str()))
        .with_message(shown(&sub.catalogue.title_of(f, lang)));
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let path = |file| shown(&display_path(&sub.path, &sub.loaded.db.get(file).rel_path));
    match f.place {
        Place::Span(s) => labels.push(
            Label::primary(s.file.0 as usize, s.range()).with_message(shown(f.message.get(lang))),
        ),
        Place::File(file) => {
            notes.push(format!("{}: {}", path(file), shown(f.message.get(lang))));
        }
    }
    for l in &f.labels {
        match l.place {
            Place::Span(s) => labels.push(
                Label::secondary(s.file.0 as usize, s.range())
                    .with_message(shown(l.message.get(lang))),
            ),
            Place::File(file) => {
                notes.push(format!("{}: {}", path(file), shown(l.message.get(lang))));
            }
        }
    }
    if let Some(h) = sub.catalogue.help_of(f) {
        let label = lang.pick("help", "帮助");
        notes.push(format!("{label}: {}", shown(h.get(lang))));
    }
    if let Some(fix) = &f.fix {
        let label = lang.pick("suggested fix", "建议修改");
        notes.push(format!(
            "{label}: {} → `{}`",
            shown(fix.description.get(lang)),
            shown(&fix.replacement)
        ));
    }
    if let Some(n) = sub.catalogue.note_of(f) {
        let label = lang.pick("note", "说明");
        notes.push(format!("{label}: {}", shown(n.get(lang))));
    }
    d = d.with_labels(labels).with_notes(notes);
    d
}

pub fn summary(c: Counts, submissions: usize, lang: Lang) -> String {
    let total = c.error + c.warning + c.info;
    match lang {
        Lang::En => {
            let subs = count(submissions, "submission", "submissions");
            if total == 0 {
                return format!("No problems found in {subs}.");
            }
            format!(
                "Found {} ({}, {}, {}) in {subs}.",
                count(total, "problem", "problems"),
                count(c.error, "error", "errors"),
                count(c.warning, "warning", "warnings"),
                count(c.info, "info", "info"),
            )
        }
        Lang::Zh => {
            if total == 0 {
                return format!("检查了 {submissions} 份提交，未发现问题。");
            }
            format!(
                "在 {submissions} 份提交中发现 {total} 个问题（错误 {}，警告 {}，提示 {}）。",
                c.error, c.warning, c.info
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::files::SimpleFile;

    fn files(text: &str) -> SubmissionFiles<'_> {
        SubmissionFiles {
            files: vec![FileText {
                name: "f.yaml".to_owned(),
                text,
                line_starts: OnceCell::new(),
                chars: OnceCell::new(),
            }],
        }
    }

    /// Rendered with the lines shown per finding, and with the whole file as codespan-reporting
    /// reads it: the same, for a text with nothing to escape or cut.
    #[test]
    fn snippets_render_as_the_whole_file_does() {
        let text: String = (1..=30)
            .map(|i| format!("line_{i}: 深圳 value {i}\r\n"))
            .collect();
        let at =
            |line: usize, col: usize| text.match_indices('\n').nth(line - 2).unwrap().0 + 1 + col;
        let diagnostics = [
            vec![
                Label::primary(0, at(3, 2)..at(17, 4)).with_message("many lines"),
                Label::secondary(0, at(19, 0)..at(19, 6)).with_message("one"),
                Label::secondary(0, at(21, 8)..at(21, 16)).with_message("two"),
            ],
            vec![Label::primary(0, at(5, 0)..at(9, 3)).with_message("five lines")],
            vec![
                Label::primary(0, at(2, 0)..at(2, 0)),
                Label::secondary(0, at(4, 1)..at(5, 0)),
            ],
            vec![Label::primary(0, text.len()..text.len()).with_message("end")],
        ];
        let config = term::Config::default();
        for labels in diagnostics {
            let d = Diagnostic::error().with_message("m").with_labels(labels);
            let mut whole = termcolor::Buffer::no_color();
            let file = SimpleFile::new("f.yaml", text.as_str());
            let unit = Diagnostic::error().with_message("m").with_labels(
                d.labels
                    .iter()
                    .map(|l| Label::new(l.style, (), l.range.clone()).with_message(&l.message))
                    .collect(),
            );
            term::emit_to_write_style(&mut whole, &config, &file, &unit).unwrap();
            let mut shown = termcolor::Buffer::no_color();
            let files = files(&text);
            let mut moved = d.clone();
            let snippets = files.snippets(&mut moved);
            term::emit_to_write_style(&mut shown, &config, &snippets, &moved).unwrap();
            assert_eq!(
                String::from_utf8(shown.into_inner()).unwrap(),
                String::from_utf8(whole.into_inner()).unwrap()
            );
        }
    }

    #[test]
    fn a_lone_cr_and_controls_are_shown_on_their_line_with_the_caret_under_the_value() {
        let text = "a: 1\nb: \u{1b}[2J\r深圳 x\n";
        let start = text.find('x').unwrap();
        let d = Diagnostic::error().with_message("m").with_labels(vec![
            Label::primary(0, start..start + 1).with_message("here"),
        ]);
        let files = files(text);
        let mut moved = d.clone();
        let snippets = files.snippets(&mut moved);
        let mut out = termcolor::Buffer::no_color();
        term::emit_to_write_style(&mut out, &term::Config::default(), &snippets, &moved).unwrap();
        let out = String::from_utf8(out.into_inner()).unwrap();
        assert!(out.contains("f.yaml:2:12"), "{out}");
        assert!(out.contains("2 │ b: \\u{1b}[2J\\r深圳 x\n"), "{out}");
        // `b: \u{1b}[2J\r` is 14 columns, 深圳 4 more, then a space.
        assert!(
            out.contains(&format!("  │ {}^ here", " ".repeat(19))),
            "{out}"
        );
    }
}
