//! rustc-style output with codespan-reporting: one block per finding, labels in two files when a
//! rule relates two documents, `= help:` and `= note:` lines, a summary at the end.

use super::{display_path, help, note, title};
use crate::finding::{Finding, Lang, Place, Severity};
use crate::{Counts, Report, SubmissionReport};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::{self, termcolor};
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
    /// Submissions with a finding at or above the gate's threshold.
    pub failed: usize,
    /// `--fail-on`: what makes a submission fail (`None`: nothing; counted as errors).
    pub fail_on: Option<Severity>,
    /// Findings that inline comments suppressed.
    pub suppressed: usize,
    /// Findings an inline comment names that count because suppressions are not honoured.
    pub not_honoured: usize,
    /// Each configuration applied (`None`: the defaults) and how many submissions it applied to,
    /// in the order first met.
    pub configs: Vec<(Option<String>, usize)>,
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
                plural(c.not_honoured, "finding is", "findings are")
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
    lines.join("\n")
}

/// `3 of 120 submissions have errors.`
fn failed_line(c: &Closing, lang: Lang) -> String {
    let (n, total) = (c.failed, c.submissions);
    match lang {
        Lang::En => {
            let what = match c.fail_on {
                Some(Severity::Warning) => "errors or warnings",
                Some(Severity::Info) => "findings",
                Some(Severity::Error) | None => "errors",
            };
            match n {
                0 => format!("None of the {total} submissions has {what}."),
                1 => format!("1 of {total} submissions has {what}."),
                _ => format!("{n} of {total} submissions have {what}."),
            }
        }
        Lang::Zh => {
            let what = match c.fail_on {
                Some(Severity::Warning) => "错误或警告",
                Some(Severity::Info) => "问题",
                Some(Severity::Error) | None => "错误",
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
        (Some(p), _) => super::untrusted::line(p).into_owned(),
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
                plural(*n, "submission", "submissions")
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
    let files = DisplayFiles::of(sub);
    let config = term::Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
        let mut diagnostic = diagnostic(sub, f, lang);
        let emitted = match cropped_files(sub, &mut diagnostic) {
            Some(cropped) => term::emit_to_write_style(&mut buffer, &config, &cropped, &diagnostic),
            None => term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic),
        };
        emitted.map_err(std::io::Error::other)?;
    }
    out.write_all(buffer.as_slice())
}

/// Lines longer than this (in bytes) are shown as a window around the label.
const MAX_SHOWN_LINE: usize = 240;
/// How much of a long line is shown before the label.
const CONTEXT_BEFORE: usize = 60;

/// When a label sits on a very long line (minified YAML, 200,000 brackets), a copy of the files in
/// which that line is cut down to a window around the label, with the label moved to match.
/// `None` when every labelled line is short.
fn cropped_files(sub: &SubmissionReport, d: &mut Diagnostic<usize>) -> Option<DisplayFiles> {
    let texts: Vec<&str> = sub
        .loaded
        .db
        .files()
        .map(|(_, f)| f.text.as_deref().unwrap_or(""))
        .collect();
    let long = |file: usize, at: usize| {
        let text = texts.get(file).copied().unwrap_or("");
        let (start, end) = line_bounds(text, at);
        end - start > MAX_SHOWN_LINE
    };
    if !d.labels.iter().any(|l| long(l.file_id, l.range.start)) {
        return None;
    }
    let mut shown: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    let mut shifts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); shown.len()];
    // Each long line is cut once, around its first label; later lines first, so that cutting one
    // never moves the labels of an earlier one.
    let mut lines: Vec<(usize, usize, usize)> = d
        .labels
        .iter()
        .map(|l| {
            let text = texts.get(l.file_id).copied().unwrap_or("");
            let (start, end) = line_bounds(text, l.range.start);
            (l.file_id, start, end)
        })
        .filter(|(_, start, end)| end - start > MAX_SHOWN_LINE)
        .collect();
    lines.sort();
    lines.dedup();
    for &(file, start, end) in lines.iter().rev() {
        let text = &shown[file];
        let on_line =
            |l: &Label<usize>| l.file_id == file && (start..=end).contains(&l.range.start);
        let first = d
            .labels
            .iter()
            .filter(|l| on_line(l))
            .map(|l| l.range.start)
            .min()
            .unwrap_or(start);
        let from = floor_boundary(text, first.saturating_sub(CONTEXT_BEFORE).max(start));
        let to = floor_boundary(text, (from + MAX_SHOWN_LINE).min(end));
        let (lead, tail) = (
            if from > start { "…" } else { "" },
            if to < end { "…" } else { "" },
        );
        let window = format!("{lead}{}{tail}", &text[from..to]);
        for label in d.labels.iter_mut().filter(|l| on_line(l)) {
            let at = label.range.start.clamp(from, to);
            let until = label.range.end.clamp(at, to);
            let offset = start + lead.len() + (at - from);
            label.range = offset..offset + (until - at);
        }
        // Columns are reported as on the original line: characters cut before the window, less
        // the `…` shown in their place.
        let line = text[..start].matches('\n').count();
        let cut = text[start..from].chars().count() - lead.chars().count();
        shifts[file].push((line, cut));
        shown[file] = format!("{}{window}{}", &text[..start], &text[end..]);
    }
    let mut files = DisplayFiles::of(sub);
    for (i, (text, shift)) in shown.into_iter().zip(shifts).enumerate() {
        files.files[i] = SimpleFile::new(files.files[i].name().clone(), text);
        files.column_shifts[i] = shift;
    }
    Some(files)
}

/// The files as codespan-reporting sees them: names for display, and for a cropped line, how many
/// characters to add to a column so that it is the column of the original line.
struct DisplayFiles {
    files: Vec<SimpleFile<String, String>>,
    column_shifts: Vec<Vec<(usize, usize)>>,
}

impl DisplayFiles {
    fn of(sub: &SubmissionReport) -> DisplayFiles {
        let files: Vec<_> = sub
            .loaded
            .db
            .files()
            .map(|(_, f)| {
                SimpleFile::new(
                    display_path(&sub.path, &f.rel_path),
                    f.text.clone().unwrap_or_default(),
                )
            })
            .collect();
        let column_shifts = vec![Vec::new(); files.len()];
        DisplayFiles {
            files,
            column_shifts,
        }
    }

    fn file(&self, id: usize) -> Result<&SimpleFile<String, String>, files::Error> {
        self.files.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'a> Files<'a> for DisplayFiles {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(self.file(id)?.name())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(self.file(id)?.source())
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        self.file(id)?.line_index((), byte_index)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        self.file(id)?.line_range((), line_index)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let column = self.file(id)?.column_number((), line_index, byte_index)?;
        let shift = self.column_shifts[id]
            .iter()
            .find(|(line, _)| *line == line_index)
            .map_or(0, |(_, cut)| *cut);
        Ok(column + shift)
    }
}

/// The byte bounds of the line holding `at`, without its line end.
fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let at = floor_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    (start, end)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn diagnostic(sub: &SubmissionReport, f: &Finding, lang: Lang) -> Diagnostic<usize> {
    let severity = match f.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut d = Diagnostic::new(severity)
        .with_code(f.code.as_str())
        .with_message(title(&sub.catalogue, f, lang));
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    match f.place {
        Place::Span(s) => labels
            .push(Label::primary(s.file.0 as usize, s.range()).with_message(f.message.get(lang))),
        Place::File(file) => {
            let path = display_path(&sub.path, &sub.loaded.db.get(file).rel_path);
            notes.push(format!("{path}: {}", f.message.get(lang)));
        }
    }
    for l in &f.labels {
        match l.place {
            Place::Span(s) => labels.push(
                Label::secondary(s.file.0 as usize, s.range()).with_message(l.message.get(lang)),
            ),
            Place::File(file) => {
                let path = display_path(&sub.path, &sub.loaded.db.get(file).rel_path);
                notes.push(format!("{path}: {}", l.message.get(lang)));
            }
        }
    }
    if let Some(h) = help(&sub.catalogue, f) {
        notes.push(format!("help: {}", h.get(lang)));
    }
    if let Some(fix) = &f.fix {
        let label = match lang {
            Lang::En => "suggested fix",
            Lang::Zh => "建议修改",
        };
        notes.push(format!(
            "{label}: {} → `{}`",
            fix.description.get(lang),
            fix.replacement
        ));
    }
    if let Some(n) = note(&sub.catalogue, f) {
        notes.push(format!("note: {}", n.get(lang)));
    }
    d = d.with_labels(labels).with_notes(notes);
    d
}

pub fn summary(c: Counts, submissions: usize, lang: Lang) -> String {
    let total = c.error + c.warning + c.info;
    match lang {
        Lang::En => {
            let subs = plural(submissions, "submission", "submissions");
            if total == 0 {
                return format!("No problems found in {subs}.");
            }
            format!(
                "Found {} ({}, {}, {}) in {subs}.",
                plural(total, "problem", "problems"),
                plural(c.error, "error", "errors"),
                plural(c.warning, "warning", "warnings"),
                plural(c.info, "info", "info"),
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
