//! The command line: parse, call the library, choose the exit status (see [`cli`]).

mod cli;
mod server;

use clap::Parser;
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};
use selfcheck::finding::Lang;
use selfcheck::untrusted;
use std::fmt;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Messages name files and codes; wrapping them would split what a reader searches for. No
    // terminal links: the only escape sequences selfcheck writes are colours.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .wrap_lines(false)
                .terminal_links(false)
                .build(),
        )
    }));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    cli::set_run_lang(cli::lang_of_args(&args));
    let parsed = match cli::Cli::try_parse_from(&args) {
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
            let shown = miette::Report::new(Shown::of(report.as_ref()));
            eprintln!("{}", in_language(&format!("{shown:?}"), cli::run_lang()));
            ExitCode::from(2)
        }
    }
}

/// An error as rendered, with miette's own word in `lang`: it labels the help `  help: `, at the
/// start of a line after colour codes only (the error's own texts have their escapes shown
/// escaped, so no line of theirs starts so).
fn in_language(rendered: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return rendered.to_owned();
    }
    rendered
        .split('\n')
        .map(|line| match line.find("  help: ") {
            Some(at) if only_colour_codes(&line[..at]) => {
                format!("{}  帮助: {}", &line[..at], &line[at + "  help: ".len()..])
            }
            // The header of each further mistake of a configuration (a related diagnostic).
            _ => match line.find("Error: ") {
                Some(at) if only_colour_codes(&line[..at]) => {
                    format!("{}错误: {}", &line[..at], &line[at + "Error: ".len()..])
                }
                _ => line.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `s` holds nothing but SGR colour codes (`ESC [ … m`).
fn only_colour_codes(s: &str) -> bool {
    let mut rest = s;
    while let Some(code) = rest.strip_prefix("\u{1b}[") {
        match code.find('m') {
            Some(end) if code[..end].bytes().all(|b| b.is_ascii_digit() || b == b';') => {
                rest = &code[end + 1..];
            }
            _ => return false,
        }
    }
    rest.is_empty()
}

/// An application error as it is shown (SPEC §7): its message, help, labels and causes may hold
/// a seller's file names and values, and its snippet a configuration file's text, so each is
/// shown with its control and bidi characters escaped, and the snippet with a lone CR as `\r`,
/// the labels moved to match.
#[derive(Debug)]
struct Shown {
    message: String,
    code: Option<String>,
    severity: Option<miette::Severity>,
    help: Option<String>,
    url: Option<String>,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
    cause: Option<Box<Shown>>,
}

fn line(s: impl fmt::Display) -> String {
    untrusted::line(&s.to_string()).into_owned()
}

impl Shown {
    fn of(d: &dyn Diagnostic) -> Shown {
        let cause = match d.diagnostic_source() {
            Some(inner) => Some(Box::new(Shown::of(inner))),
            None => d.source().map(|e| Box::new(Shown::cause(e))),
        };
        let whole = d.source_code().and_then(whole_text);
        let labels: Vec<LabeledSpan> = d.labels().map(Iterator::collect).unwrap_or_default();
        let (source, labels) = match whole {
            Some((name, text)) => {
                let at = |offset: usize| {
                    let mut offset = offset.min(text.len());
                    while !text.is_char_boundary(offset) {
                        offset -= 1;
                    }
                    untrusted::source_len(&text, 0..offset)
                };
                let labels = labels
                    .into_iter()
                    .map(|l| {
                        let start = at(l.offset());
                        let end = at(l.offset() + l.len()).max(start);
                        let span = SourceSpan::from(start..end);
                        let label = l.label().map(line);
                        if l.primary() {
                            LabeledSpan::new_primary_with_span(label, span)
                        } else {
                            LabeledSpan::new_with_span(label, span)
                        }
                    })
                    .collect();
                let shown = untrusted::source(&text).into_owned();
                let source = match name {
                    Some(name) => NamedSource::new(line(name), shown),
                    None => NamedSource::new("", shown),
                };
                (Some(source), labels)
            }
            // A snippet that cannot be read whole is left out, and its labels with it.
            None => (None, Vec::new()),
        };
        Shown {
            message: line(d),
            code: d.code().map(line),
            severity: d.severity(),
            help: d.help().map(line),
            url: d.url().map(line),
            source,
            labels,
            related: d
                .related()
                .map(|r| r.map(Shown::of).collect())
                .unwrap_or_default(),
            cause,
        }
    }

    /// A cause that is a plain error, not a diagnostic.
    fn cause(e: &(dyn std::error::Error + 'static)) -> Shown {
        Shown {
            message: line(e),
            code: None,
            severity: None,
            help: None,
            url: None,
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
            cause: e.source().map(|e| Box::new(Shown::cause(e))),
        }
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

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.severity
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)) as Box<_>)
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        None
    }
}
