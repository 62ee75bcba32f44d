//! Findings as data: rules produce them, renderers print them.

use crate::code::RuleCode;
use crate::source::{FileId, Span};
use serde::{Deserialize, Serialize};

/// A message in both languages of the product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh if self.zh.is_empty() => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Builds a [`Text`] from two format strings: `text!("en {x}", "中文 {x}")`.
#[macro_export]
macro_rules! text {
    ($en:expr, $zh:expr $(,)?) => {
        $crate::finding::Text::new(format!($en), format!($zh))
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where a label points: a span in a file, or a whole file (a missing document) with no span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Span(Span),
    File(FileId),
}

impl Place {
    pub fn file(&self) -> FileId {
        match self {
            Place::Span(s) => s.file,
            Place::File(f) => *f,
        }
    }
}

impl From<Span> for Place {
    fn from(s: Span) -> Place {
        Place::Span(s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub place: Place,
    pub message: Text,
}

/// A safe edit: replace the primary span with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub description: Text,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: RuleCode,
    /// Assigned once, by the run's policy (`crate::policy`), from the catalogue and the
    /// configuration; [`Severity::Error`] until then.
    pub severity: Severity,
    /// What this value is or what is wrong with it, specific to this finding.
    pub message: Text,
    pub place: Place,
    /// Labels elsewhere, usually in another document.
    pub labels: Vec<Label>,
    pub help: Option<Text>,
    pub fix: Option<Fix>,
    /// The reason given by an inline suppression; a suppressed finding does not count.
    pub suppression: Option<String>,
}

impl Finding {
    /// A finding of the rule `code`; rules make theirs with `Ctx::report`.
    pub fn new(code: impl Into<RuleCode>, place: impl Into<Place>, message: Text) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Error,
            message,
            place: place.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
            suppression: None,
        }
    }

    pub fn label(mut self, place: impl Into<Place>, message: Text) -> Finding {
        self.labels.push(Label {
            place: place.into(),
            message,
        });
        self
    }

    pub fn help(mut self, help: Text) -> Finding {
        self.help = Some(help);
        self
    }

    pub fn fix(mut self, description: Text, replacement: impl Into<String>) -> Finding {
        self.fix = Some(Fix {
            description,
            replacement: replacement.into(),
        });
        self
    }
}
