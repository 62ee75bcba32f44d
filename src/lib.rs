//! selfcheck lints a cross-border seller's onboarding submission folder before review.
//!
//! [`lint`] is the one entry point the command line and the tests share.

pub mod catalogue;
pub mod discover;
pub mod finding;
pub mod init;
pub mod load;
pub mod markets;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;

use finding::{Finding, Place, Severity};
use load::Submission;
use model::Date;
use std::path::{Path, PathBuf};

/// What a run is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--today`: the as-of date for every submission.
    pub today: Option<Date>,
}

/// The result of linting one submission.
#[derive(Debug)]
pub struct SubmissionReport {
    /// The folder as the user named it (relative paths stay relative), with `/` separators.
    pub path: String,
    pub as_of: Date,
    pub loaded: Submission,
    /// Sorted: file, line, column, code.
    pub findings: Vec<Finding>,
}

#[derive(Debug)]
pub struct Report {
    pub as_of: Date,
    pub submissions: Vec<SubmissionReport>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }

    pub fn at_or_above(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.error + self.warning + self.info,
        }
    }
}

impl Report {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.submissions {
            c.add(Counts::of(&s.findings));
        }
        c
    }
}

/// Today in China Standard Time (UTC+8), the programme's clock.
pub fn today_cst() -> Date {
    let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    Date(now.date())
}

/// Lints every submission found below `paths`.
pub fn lint(paths: &[PathBuf], options: &Options) -> Result<Report, discover::DiscoverError> {
    let dirs = discover::discover(paths)?;
    let submissions: Vec<SubmissionReport> = dirs
        .iter()
        .map(|dir| lint_submission(dir, options))
        .collect();
    let as_of = options.today.unwrap_or_else(|| {
        let first = submissions.first().map(|s| s.as_of);
        match first {
            Some(d) if submissions.iter().all(|s| s.as_of == d) => d,
            _ => today_cst(),
        }
    });
    Ok(Report { as_of, submissions })
}

/// Lints one submission folder.
pub fn lint_submission(dir: &Path, options: &Options) -> SubmissionReport {
    let loaded = load::load(dir);
    let submitted_on = loaded
        .submission
        .as_ref()
        .and_then(|s| s.data.submitted_on.get())
        .map(|d| d.value);
    let as_of = options.today.or(submitted_on).unwrap_or_else(today_cst);
    let ctx = rules::Ctx {
        sub: &loaded,
        markets: markets::builtin(),
        as_of,
    };
    let mut findings = loaded.findings.clone();
    findings.extend(rules::run(&ctx));
    sort(&mut findings, &loaded);
    SubmissionReport {
        path: dir.to_string_lossy().replace('\\', "/"),
        as_of,
        loaded,
        findings,
    }
}

/// Deterministic order: file, line, column, code (then message, so equal places stay stable).
fn sort(findings: &mut [Finding], sub: &Submission) {
    findings.sort_by_cached_key(|f| {
        let file = sub.db.get(f.place.file());
        let (line, col) = match f.place {
            Place::Span(s) => file.line_col(s.start as usize),
            Place::File(_) => (0, 0),
        };
        (
            file.rel_path.clone(),
            line,
            col,
            f.code,
            f.message.en.clone(),
        )
    });
}
