//! A mistake in one of selfcheck's own files, a configuration or a rule pack: where it is, what
//! is wrong and what would be right, in both languages. A run reports every mistake of a file at
//! once; the command line shows them with the line and a caret, a submission's report as SEL003.

use crate::finding::{Finding, Place, Text};
use crate::source::SourceFile;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A configuration or rule-pack file that cannot be used: where, what, and what would be right.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub message: Text,
    /// (Boxed, with the snippet and the other mistakes: an error is passed around by value.)
    pub help: Option<Box<Text>>,
    /// The file's text and the bytes of the mistake, when the problem has a place.
    pub snippet: Option<Box<Snippet>>,
    /// The other mistakes of the same file, in the order of the file: a run reports them all at
    /// once, not one per run. (Boxed: an error is passed around by value.)
    pub also: Option<Box<Vec<ConfigError>>>,
}

/// The text of the file holding a mistake, and the bytes of the mistake in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub span: Range<usize>,
}

impl ConfigError {
    /// A mistake without a place in the file (the file or a folder cannot be read).
    pub fn new(path: &Path, message: Text) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            at: None,
            message,
            help: None,
            snippet: None,
            also: None,
        }
    }

    /// A mistake at the bytes `span` of `source`, the text of the file at `path`; without a
    /// span, a mistake of the whole file.
    pub fn at(
        path: &Path,
        source: &SourceFile,
        span: Option<Range<usize>>,
        message: Text,
        help: Option<Text>,
    ) -> ConfigError {
        let Some(span) = span else {
            return ConfigError {
                help: help.map(Box::new),
                ..ConfigError::new(path, message)
            };
        };
        let text = source.text.clone().unwrap_or_default();
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        ConfigError {
            path: path.to_path_buf(),
            at: Some(source.line_col(span.start)),
            message,
            help: help.map(Box::new),
            snippet: Some(Box::new(Snippet {
                text,
                span: start..end,
            })),
            also: None,
        }
    }

    /// The first finding of a document read, at its place when it has one.
    pub fn from_finding(path: &Path, source: &SourceFile, f: &Finding) -> ConfigError {
        let span = match f.place {
            Place::Span(s) => Some(s.range()),
            Place::File(_) => None,
        };
        ConfigError::at(path, source, span, f.message.clone(), f.help.clone())
    }

    /// The first of `mistakes` (in the order of the file), holding the others; `None` when
    /// there are none.
    pub fn all(mut mistakes: Vec<ConfigError>) -> Option<ConfigError> {
        mistakes.sort_by_key(|e| e.at.map_or((0, 0), |(l, c)| (l, c)));
        mistakes.dedup_by(|a, b| a.at == b.at && a.message == b.message);
        let mut rest = mistakes.into_iter();
        let mut first = rest.next()?;
        let rest: Vec<ConfigError> = rest.collect();
        first.also = (!rest.is_empty()).then(|| Box::new(rest));
        Some(first)
    }

    /// This mistake and the others of the file, in the order of the file.
    pub fn each(&self) -> impl Iterator<Item = &ConfigError> {
        std::iter::once(self).chain(self.also.iter().flat_map(|also| also.iter()))
    }

    /// The text of the file and the bytes of the mistake, when the mistake has a place.
    pub fn span(&self) -> Option<(&str, Range<usize>)> {
        let snippet = self.snippet.as_ref()?;
        Some((snippet.text.as_str(), snippet.span.clone()))
    }

    pub fn with_help(mut self, help: Text) -> ConfigError {
        self.help = Some(Box::new(help));
        self
    }
}

impl std::fmt::Display for ConfigError {
    /// `path:line:col: message`, in English (the command line shows it in the run's language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = &self.message.en;
        match self.at {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {message}", self.path.display())
            }
            None => write!(f, "{}: {message}", self.path.display()),
        }
    }
}

impl std::error::Error for ConfigError {}
