//! The command line: parse, call the library, choose the exit status (see [`cli`]).

mod cli;
mod server;

use clap::FromArgMatches;
use codespan_reporting::diagnostic::Label;
use miette::{Diagnostic, SourceCode, SourceSpan};
use selfcheck::finding::{Lang, Severity};
use selfcheck::render::{human, words};
use selfcheck::untrusted;
use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::lang_of_args(&args);
    cli::set_run_lang(lang);
    // The command line in the run's language: its help, usage lines and headings.
    let parsed = cli::help::command(lang)
        .try_get_matches_from(&args)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => match cli::run_lang() {
            Lang::Zh if e.use_stderr() => match cli::argument_error_zh(&e) {
                Some(message) => {
                    eprint!("{message}");
                    return ExitCode::from(2);
                }
                None => e.exit(),
            },
            _ => e.exit(),
        },
    };
    match cli::run(parsed) {
        Ok(code) => code,
        Err(report) => {
            // Colours only for a person reading a terminal, as for findings.
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let shown = Shown::of(report.as_ref());
            let _ = shown.write(&mut std::io::stderr().lock(), cli::run_lang(), color);
            ExitCode::from(2)
        }
    }
}

/// An application error as it is shown, read from the diagnostic that carries it, and shown as
/// a finding is: `error: message` in the run's words, the lines of the file it points into with
/// its labels, the help, then each related error (every mistake of a configuration) as a block
/// of its own. Its message, help, labels and causes may hold a seller's file names and values,
/// so each is shown on one line with its control and bidi characters escaped, and the file's
/// lines as a finding's are, a lone CR as `\r` (SPEC §7).
struct Shown {
    message: String,
    code: Option<String>,
    severity: Severity,
    help: Option<String>,
    /// The file the labels point into: its name and its text.
    source: Option<(String, String)>,
    /// The bytes each label marks in the text, whether it is the primary one, and its message.
    labels: Vec<(Range<usize>, bool, String)>,
    /// What the error comes from, outermost first.
    causes: Vec<String>,
    related: Vec<Shown>,
}

fn line(s: impl std::fmt::Display) -> String {
    untrusted::line(&s.to_string()).into_owned()
}

impl Shown {
    fn of(d: &dyn Diagnostic) -> Shown {
        let source = d.source_code().and_then(whole_text);
        let labels = match &source {
            Some(_) => d
                .labels()
                .map(|labels| {
                    labels
                        .map(|l| {
                            let message = l.label().map(line).unwrap_or_default();
                            (l.offset()..l.offset() + l.len(), l.primary(), message)
                        })
                        .collect()
                })
                .unwrap_or_default(),
            // A snippet that cannot be read whole is left out, and its labels with it.
            None => Vec::new(),
        };
        let mut causes = Vec::new();
        let mut cause = match d.diagnostic_source() {
            Some(inner) => {
                causes.push(line(inner));
                inner.source()
            }
            None => d.source(),
        };
        while let Some(c) = cause {
            causes.push(line(c));
            cause = c.source();
        }
        Shown {
            message: line(d),
            code: d.code().map(line),
            severity: match d.severity() {
                Some(miette::Severity::Warning) => Severity::Warning,
                Some(miette::Severity::Advice) => Severity::Info,
                Some(miette::Severity::Error) | None => Severity::Error,
            },
            help: d.help().map(line),
            source: source.map(|(name, text)| (name.unwrap_or_default(), text)),
            labels,
            causes,
            related: d
                .related()
                .map(|r| r.map(Shown::of).collect())
                .unwrap_or_default(),
        }
    }

    /// This error, then each related one, in `lang`.
    fn write(&self, out: &mut dyn Write, lang: Lang, color: bool) -> std::io::Result<()> {
        let labels = self
            .labels
            .iter()
            .map(|(range, primary, message)| {
                let label = match primary {
                    true => Label::primary(0, range.clone()),
                    false => Label::secondary(0, range.clone()),
                };
                label.with_message(message)
            })
            .collect();
        let caused_by = words::caused_by();
        let mut notes: Vec<String> = (self.causes.iter())
            .map(|c| format!("{}: {c}", caused_by.get(lang)))
            .collect();
        if let Some(help) = &self.help {
            notes.push(format!("{}: {help}", words::help().get(lang)));
        }
        let files: Vec<(&str, &str)> = (self.source.iter())
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .collect();
        let header = human::Header {
            severity: self.severity,
            code: self.code.as_deref(),
            title: &self.message,
        };
        human::emit(out, &header, &files, labels, notes, lang, color)?;
        for related in &self.related {
            related.write(out, lang, color)?;
        }
        Ok(())
    }
}

/// The whole text of a snippet's source and its name, when it is text.
fn whole_text(code: &dyn SourceCode) -> Option<(Option<String>, String)> {
    let contents = code
        .read_span(&SourceSpan::from(0..0), 0, usize::MAX)
        .ok()?;
    if contents.span().offset() != 0 {
        return None;
    }
    let text = std::str::from_utf8(contents.data()).ok()?.to_owned();
    Some((contents.name().map(str::to_owned), text))
}
