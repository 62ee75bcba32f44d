//! Findings as data: rules produce them, renderers print them.

use crate::code::RuleCode;
use crate::source::{FileId, SourceDb, Span};
use serde::Serialize;
use std::collections::HashMap;

pub use crate::declaration::{Severity, Text};

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

/// Why a file operation failed, in both languages: the system's own words are English, so the
/// common kinds are named here, and in Chinese any other by its number only.
pub fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => text!("no such file or folder", "文件或文件夹不存在"),
        K::PermissionDenied => text!("permission denied", "没有权限"),
        K::AlreadyExists => text!("it already exists", "已存在"),
        K::IsADirectory => text!("it is a folder", "这是一个文件夹"),
        K::NotADirectory => text!(
            "a part of the path is not a folder",
            "路径中有一部分不是文件夹"
        ),
        K::InvalidData => text!("it is not UTF-8 text", "不是 UTF-8 文本"),
        K::ReadOnlyFilesystem => text!("the file system is read-only", "文件系统为只读"),
        K::StorageFull => text!("no space left on the device", "磁盘空间不足"),
        _ => {
            let system = e.to_string();
            match e.raw_os_error() {
                Some(n) => text!("{system}", "系统错误（错误码 {n}）"),
                None => text!("{system}", "系统错误"),
            }
        }
    }
}

/// `1 file`, `2 files`: an English count with its noun in the singular or the plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity as a person reads it: `error`, `warning`, `info`; `错误`, `警告`, `提示`.
    pub fn word(self) -> Text {
        match self {
            Severity::Info => text!("info", "提示"),
            Severity::Warning => text!("warning", "警告"),
            Severity::Error => text!("error", "错误"),
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

/// A safe edit: replace the primary span (or the span `at`) with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub description: Text,
    pub replacement: String,
    /// Where the replacement goes when it is not the finding's primary span: a secondary label's
    /// (SLA001 is reported at the market; its fix writes the language entry's code).
    pub at: Option<crate::source::Span>,
}

/// A safe edit that answers no finding: a value that reads as meant, written otherwise than its
/// canonical form (a duration written `within 2h` is `2h`). `--fix` writes it and `--diff` shows
/// it; nothing is wrong, so no output reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    pub span: crate::source::Span,
    pub replacement: String,
    pub description: Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: RuleCode,
    /// Assigned once, by the run's policy (`crate::policy`), from the catalogue and the
    /// configuration; [`Severity::Error`] until then.
    pub severity: Severity,
    /// What this value is or what is wrong with it, specific to this finding.
    pub message: Text,
    /// A title of its own, in place of the rule's catalogue title (SUB002 at one value: "a value
    /// cannot be read").
    pub title: Option<Text>,
    pub place: Place,
    /// Labels elsewhere, usually in another document.
    pub labels: Vec<Label>,
    pub help: Option<Text>,
    pub fix: Option<Fix>,
    /// The reason given by an inline suppression, shared by every finding the comment covers; a
    /// suppressed finding does not count.
    pub suppression: Option<std::sync::Arc<str>>,
    /// 0 for a finding. For the summary of a flood (SPEC §7: more than [`LISTED`] findings of
    /// one rule in one file), the number of findings of its rule in its file that were left out;
    /// the summary counts as that many findings, not as one ([`Finding::counts_as`]).
    pub omitted: usize,
}

impl Finding {
    /// A finding of the rule `code`; rules make theirs with `Ctx::report`.
    pub fn new(code: impl Into<RuleCode>, place: impl Into<Place>, message: Text) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Error,
            message,
            title: None,
            place: place.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
            suppression: None,
            omitted: 0,
        }
    }

    /// The summary of a flood: `omitted` more findings of the rule `code` in `file` (named
    /// `path`) were left out. At the whole file; its severity comes from the policy like any
    /// finding of its rule.
    pub fn flood_summary(code: RuleCode, file: FileId, path: &str, omitted: usize) -> Finding {
        let n = group_thousands(&omitted.to_string());
        let message = text!(
            "… and {n} more {code} in {path}",
            "…另有 {n} 个 {code} 问题（{path}）"
        );
        let mut summary = Finding::new(code, Place::File(file), message).help(text!(
            "fix the {LISTED} listed first: this many findings of one rule in one file usually mean one systematic problem (a column filled from the wrong field, an export from the wrong system, the wrong entity), and fixing it clears the rest; run selfcheck again to see what remains",
            "请先修正上面列出的 {LISTED} 个问题：同一文件中同一规则的问题如此之多，通常源于一个系统性问题（某列填错了字段、导出来源不对、主体不对），修正后其余问题往往随之消失；修正后请再次运行 selfcheck 查看剩余问题"
        ));
        summary.omitted = omitted;
        summary
    }

    /// How many findings this one counts as (in the counts and the exit status): 1, or for the
    /// summary of a flood the number of findings it stands for.
    pub fn counts_as(&self) -> usize {
        if self.omitted > 0 { self.omitted } else { 1 }
    }

    pub fn label(mut self, place: impl Into<Place>, message: Text) -> Finding {
        self.labels.push(Label {
            place: place.into(),
            message,
        });
        self
    }

    /// A title of this finding's own, in place of its rule's.
    pub fn title(mut self, title: Text) -> Finding {
        self.title = Some(title);
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
            at: None,
        });
        self
    }

    /// Where the fix's replacement goes: its own span, else the finding's primary span.
    pub fn fix_span(&self) -> Option<crate::source::Span> {
        let fix = self.fix.as_ref()?;
        fix.at.or(match self.place {
            Place::Span(span) => Some(span),
            Place::File(_) => None,
        })
    }
}

/// `1234567.5` written `1,234,567.5`: the whole part of a number as written grouped by
/// thousands, the sign and the decimals kept.
pub fn group_thousands(written: &str) -> String {
    let (int, frac) = written
        .split_once('.')
        .map_or((written, None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// At most this many findings of one rule in one file are listed (SPEC §7 "Floods").
pub const LISTED: usize = 100;

/// How many findings of one rule in one file were listed and left out: those that count, and
/// those an inline suppression covers (with the first one's reason).
#[derive(Clone, Debug, Default)]
struct Tally {
    listed: usize,
    omitted: usize,
    suppressed: usize,
    reason: Option<std::sync::Arc<str>>,
}

/// Caps the findings of each rule in each file as they are produced, so that a file with a
/// million bad rows holds a hundred findings per rule and not millions (SPEC §7 "Floods"):
///
/// - the first [`LISTED`] findings of a rule in a file (in the order they are produced: rules
///   walk documents in file order) are listed, whether or not a suppression covers them;
/// - after these, a finding that an inline suppression comment covers (`covered`) is still
///   listed, so that the policy marks it suppressed, or shows the comment it does not honour,
///   exactly as without a flood; such comments are bounded by the size of the YAML documents;
/// - every other finding is left out and counted, and [`Flood::summaries`] gives one summary
///   finding per rule and file ([`Finding::flood_summary`]) that counts as all of them.
///
/// A summary fed back in (a second pass over capped findings) is merged, not listed: capping is
/// idempotent.
#[derive(Debug, Default)]
pub struct Flood {
    tallies: HashMap<(FileId, RuleCode), Tally>,
}

impl Flood {
    /// Whether `f` is listed; when it is not, it is counted in its rule's summary. Suppressed
    /// findings count toward the cap like any other (a comment cannot make a flood unbounded);
    /// past it, `covered` (the reason of the inline suppression covering `f`, if any) decides
    /// whether `f` is counted among the suppressed.
    pub fn admit(
        &mut self,
        f: &Finding,
        covered: impl FnOnce() -> Option<std::sync::Arc<str>>,
    ) -> bool {
        let key = (f.place.file(), f.code.clone());
        let tally = self.tallies.entry(key).or_default();
        let suppressed = |tally: &mut Tally, n: usize, reason: std::sync::Arc<str>| {
            tally.suppressed += n;
            tally.reason.get_or_insert(reason);
        };
        if f.omitted > 0 {
            match &f.suppression {
                Some(reason) => suppressed(tally, f.omitted, reason.clone()),
                None => tally.omitted += f.omitted,
            }
            false
        } else if tally.listed < LISTED {
            tally.listed += 1;
            true
        } else {
            match f.suppression.clone().or_else(covered) {
                Some(reason) => suppressed(tally, 1, reason),
                None => tally.omitted += 1,
            }
            false
        }
    }

    /// One summary finding per rule and file that left findings out that count, and one more
    /// (suppressed, with the comment's reason) for those left out that a comment covers, in file
    /// and code order.
    pub fn summaries(self, path: &dyn Fn(FileId) -> String) -> Vec<Finding> {
        let mut left: Vec<((FileId, RuleCode), Tally)> = self
            .tallies
            .into_iter()
            .filter(|(_, t)| t.omitted + t.suppressed > 0)
            .collect();
        left.sort_by(|((fa, ca), _), ((fb, cb), _)| (fa, ca.as_str()).cmp(&(fb, cb.as_str())));
        let mut out = Vec::new();
        for ((file, code), t) in left {
            let path = path(file);
            if t.omitted > 0 {
                out.push(Finding::flood_summary(code.clone(), file, &path, t.omitted));
            }
            if t.suppressed > 0 {
                let mut summary = Finding::flood_summary(code, file, &path, t.suppressed);
                summary.suppression = t.reason;
                out.push(summary);
            }
        }
        out
    }
}

/// Caps `findings` in place (see [`Flood`]): the listed ones keep their order, the summaries
/// come last. `covered` gives the reason of the inline suppression comment covering a finding.
pub fn cap(
    findings: &mut Vec<Finding>,
    db: &SourceDb,
    mut covered: impl FnMut(&Finding) -> Option<std::sync::Arc<str>>,
) {
    if findings.len() <= LISTED {
        return;
    }
    let mut flood = Flood::default();
    findings.retain(|f| flood.admit(f, || covered(f)));
    findings.extend(flood.summaries(&|file| db.get(file).rel_path.clone()));
}

/// Where a finding or label is: the file relative to the submission, 1-based line and column
/// counted in characters, exclusive ends; no line for a whole document.
#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub file: String,
    /// In a spreadsheet (`declarations.xlsx`), the worksheet: `line` and `column` are then the
    /// cell's row and column number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
}

pub fn locate(db: &SourceDb, place: Place) -> Location {
    let file = db.get(place.file());
    let (line, column, end_line, end_column) = match place {
        Place::Span(s) => {
            let (line, column) = file.line_col(s.start as usize);
            let (end_line, end_column) = file.line_col(s.end as usize);
            (Some(line), Some(column), Some(end_line), Some(end_column))
        }
        Place::File(_) => (None, None, None, None),
    };
    Location {
        file: file.rel_path.clone(),
        sheet: file.sheet.as_ref().map(|s| s.name.clone()),
        line,
        column,
        end_line,
        end_column,
    }
}

impl Location {
    /// As a person reads it: `customs.yaml:8:21`, `declarations.xlsx:Sheet1!C7` (a cell), or the
    /// file alone for a whole document.
    pub fn position(&self) -> String {
        match (self.line, self.column, &self.sheet) {
            (Some(row), Some(column), Some(sheet)) => format!(
                "{}:{sheet}!{}{row}",
                self.file,
                crate::source::column_letters(column)
            ),
            (Some(line), Some(column), None) => format!("{}:{line}:{column}", self.file),
            _ => self.file.clone(),
        }
    }
}
