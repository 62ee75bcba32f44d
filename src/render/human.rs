//! rustc-style output with codespan-reporting: one block per finding, labels in two files when a
//! rule relates two documents, `= help:` and `= note:` lines, a summary at the end.

use super::{display_path, help, note, title};
use crate::finding::{Finding, Lang, Place, Severity};
use crate::{Counts, Report, SubmissionReport};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::io::Write;

pub fn render(
    report: &Report,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for sub in &report.submissions {
        render_submission(sub, lang, color, out)?;
    }
    writeln!(
        out,
        "{}",
        summary(report.counts(), report.submissions.len(), lang)
    )
}

pub fn render_submission(
    sub: &SubmissionReport,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    for (_, file) in sub.loaded.db.files() {
        files.add(
            display_path(&sub.path, &file.rel_path),
            file.text.clone().unwrap_or_default(),
        );
    }
    let config = term::Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for f in &sub.findings {
        let diagnostic = diagnostic(sub, f, lang);
        term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic)
            .map_err(std::io::Error::other)?;
    }
    out.write_all(buffer.as_slice())
}

fn diagnostic(sub: &SubmissionReport, f: &Finding, lang: Lang) -> Diagnostic<usize> {
    let severity = match f.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut d = Diagnostic::new(severity)
        .with_code(f.code)
        .with_message(title(f, lang));
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
    if let Some(h) = help(f) {
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
    if let Some(n) = note(f) {
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
